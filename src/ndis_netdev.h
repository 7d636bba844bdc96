/* SPDX-License-Identifier: GPL-2.0 */
/* ifreg as the provider of every netdev. */
#ifndef _IFREG_NDIS_NETDEV_H
#define _IFREG_NDIS_NETDEV_H

#include <linux/netdevice.h>

#include "ndis_table.h"

extern struct ifreg_ndis_provider ifreg_netdev_provider;

u16 ifreg_netdev_iftype(const struct net_device *dev);
u32 ifreg_netdev_access_type(const struct net_device *dev);
u32 ifreg_netdev_oper_status(const struct net_device *dev);
u32 ifreg_netdev_admin_status(const struct net_device *dev);
char *ifreg_netdev_key(struct net_device *dev);
struct ifreg_ndis_if *ifreg_netdev_of_key(struct ifreg_ndis_table *t,
					  const char *key, u16 iftype);
int ifreg_netdev_move_luid(struct ifreg_ndis_table *t, struct ifreg_ndis_if *nif,
			   u32 index);

int ifreg_ndis_netdev_init(void);
void ifreg_ndis_netdev_exit(void);

#endif /* _IFREG_NDIS_NETDEV_H */
