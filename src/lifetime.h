/* SPDX-License-Identifier: GPL-2.0 */
/* The count of objects whose release is module code, waited for at unload. */
#ifndef _IFREG_LIFETIME_H
#define _IFREG_LIFETIME_H

void ifreg_object_get(void);
void ifreg_object_put(void);
void ifreg_objects_wait(void);

#endif /* _IFREG_LIFETIME_H */
