/* SPDX-License-Identifier: GPL-2.0 */
/* NetLuidIndexes reserved again for netdevs (IFREG_CMD_LUID_RESERVE). */
#ifndef _IFREG_NDIS_RESV_H
#define _IFREG_NDIS_RESV_H

#include <linux/types.h>

struct net;
struct netlink_ext_ack;

int ifreg_ndis_reserve_luid_index(struct net *net, u16 iftype, u32 index,
				  const char *key, struct netlink_ext_ack *extack);

#endif /* _IFREG_NDIS_RESV_H */
