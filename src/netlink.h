/* SPDX-License-Identifier: GPL-2.0 */
/* The generic netlink family "ifreg": user space's view of the registry. */
#ifndef _IFREG_NETLINK_H
#define _IFREG_NETLINK_H

#include <uapi/linux/ifreg.h>

struct genl_info;
struct ifreg_instance;
struct netlink_callback;
struct sk_buff;

extern struct genl_family ifreg_nl_family;

int ifreg_netlink_init(void);
void ifreg_netlink_exit(void);

/* netlink_ndis.c: the NDIS table's commands */
int ifreg_nl_ndis_get(struct sk_buff *skb, struct genl_info *info);
int ifreg_nl_ndis_dump(struct sk_buff *skb, struct netlink_callback *cb);
int ifreg_nl_luid_dump(struct sk_buff *skb, struct netlink_callback *cb);
int ifreg_nl_luid_alloc(struct sk_buff *skb, struct genl_info *info);
int ifreg_nl_luid_free(struct sk_buff *skb, struct genl_info *info);
int ifreg_nl_luid_reserve(struct sk_buff *skb, struct genl_info *info);

#endif /* _IFREG_NETLINK_H */
