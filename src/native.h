/* SPDX-License-Identifier: GPL-2.0 */
/* The publisher of native devices: every Linux device in its class. */
#ifndef _IFREG_NATIVE_H
#define _IFREG_NATIVE_H

struct ifreg_watch_ops;

extern const struct ifreg_watch_ops ifreg_native_watch_ops;

int ifreg_native_init(void);
void ifreg_native_exit(void);

#endif /* _IFREG_NATIVE_H */
