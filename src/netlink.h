/* SPDX-License-Identifier: GPL-2.0 */
/* The generic netlink family "ifreg": user space's view of the registry. */
#ifndef _IFREG_NETLINK_H
#define _IFREG_NETLINK_H

#include <uapi/linux/ifreg.h>

struct ifreg_instance;

int ifreg_netlink_init(void);
void ifreg_netlink_exit(void);
void ifreg_netlink_event(enum ifreg_event_type type, struct ifreg_instance *inst);

#endif /* _IFREG_NETLINK_H */
