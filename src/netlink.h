/* SPDX-License-Identifier: GPL-2.0 */
/* The generic netlink family "ifreg": user space's view of the registry. */
#ifndef _IFREG_NETLINK_H
#define _IFREG_NETLINK_H

#include <net/genetlink.h>
#include <uapi/linux/ifreg.h>

struct ifreg_instance;

extern struct genl_family ifreg_nl_family;

/* Whether a request asks only to be checked (IFREG_F_CHECK). */
static inline bool ifreg_nl_check_only(const struct genl_info *info)
{
	return info->attrs[IFREG_A_FLAGS] &&
	       (nla_get_u32(info->attrs[IFREG_A_FLAGS]) & IFREG_F_CHECK);
}

/*
 * What a restore's records before a checked one add (IFREG_A_AHEAD_*, a
 * u32 each but IFREG_A_AHEAD_BYTES): 0 when the request does not say.
 */
static inline u32 ifreg_nl_ahead(const struct genl_info *info, int attr)
{
	return info->attrs[attr] ? nla_get_u32(info->attrs[attr]) : 0;
}

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
