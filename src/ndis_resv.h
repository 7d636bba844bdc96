/* SPDX-License-Identifier: GPL-2.0 */
/* NetLuidIndexes reserved again for netdevs (IFREG_CMD_LUID_RESERVE). */
#ifndef _IFREG_NDIS_RESV_H
#define _IFREG_NDIS_RESV_H

#include <linux/types.h>

struct net;
struct netlink_ext_ack;

/**
 * struct ifreg_resv_ahead - what reservations add to a table, counted
 * @indexes: LUID indexes allocated
 * @resvs: reservations made
 */
struct ifreg_resv_ahead {
	unsigned int indexes;
	unsigned int resvs;
};

int ifreg_ndis_reserve_luid_index(struct net *net, u16 iftype, u32 index,
				  const char *key, struct netlink_ext_ack *extack);
int ifreg_ndis_check_luid_reservation(struct net *net, u16 iftype, u32 index,
				      const char *key, const struct ifreg_resv_ahead *ahead,
				      struct ifreg_resv_ahead *adds,
				      struct netlink_ext_ack *extack);

#endif /* _IFREG_NDIS_RESV_H */
