/* SPDX-License-Identifier: GPL-2.0 */
/* The NDIS interface table of each network namespace, and its providers. */
#ifndef _IFREG_NDIS_TABLE_H
#define _IFREG_NDIS_TABLE_H

#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/refcount.h>
#include <linux/xarray.h>
#include <ifreg/ndis.h>

#include "ndis_luid.h"

/* ifIndexes of interfaces that are not netdevs start here, clear of the
 * Linux ifindexes netdevs keep.
 */
#define IFREG_NDIS_IFINDEX_BASE 0x01000000U

/* A netdev's persistence key is its sysfs path; a longer one is no key. */
#define IFREG_NDIS_KEY_MAX 255

/**
 * struct ifreg_ndis_if - one registered interface
 * @ifindex: its ifIndex, key in &ifreg_ndis_table.by_ifindex; never 0
 * @luid: its NET_LUID, key in &ifreg_ndis_table.by_luid
 * @users: one for the table, one per call into its provider
 * @provider: who registered it
 * @if_ctx: the provider's context for it
 * @info: what the provider said at registration
 * @dev: the netdev, for interfaces of the netdev provider, else NULL
 * @linux_ifindex: @dev's ifindex when registered (0 if no @dev)
 * @name: @dev's name, kept through renames
 * @key: @dev's persistence key, its sysfs path when it registered
 *	("/devices/virtual/net/dummy0"), or NULL; freed with it
 * @gone: on a list of interfaces taken out, to be freed by who took them
 * @rcu: frees it after readers are done
 */
struct ifreg_ndis_if {
	u32 ifindex;
	u64 luid;
	refcount_t users;
	struct ifreg_ndis_provider *provider;
	void *if_ctx;
	struct ifreg_ndis_if_info info;
	struct net_device *dev;
	u32 linux_ifindex;
	char name[IFNAMSIZ];	/* protected by the table's lock */
	char *key;
	struct list_head gone;
	struct rcu_head rcu;
};

/**
 * struct ifreg_ndis_table - the table of one network namespace
 * @lock: serialises every change; readers use RCU
 * @by_ifindex: interfaces by ifIndex
 * @by_luid: interfaces by NET_LUID: by IfType, an xarray of its interfaces
 *	by NetLuidIndex (ifreg_ndis_if_of_luid())
 * @by_dev: netdev interfaces by Linux ifindex
 * @luids: the LUID indexes allocated, and the reservations among them
 * @count: interfaces in the table
 * @gen: grows with every change of the interfaces, for dumps to flag races
 *	(ifreg_ndis_gen() counts LUID index changes too)
 * @left_out: netdevs the table could not take (out of memory, caps)
 * @node: in the list of every table, which the module notifier walks
 */
struct ifreg_ndis_table {
	struct mutex lock;		/* nests inside RTNL */
	struct xarray by_ifindex;
	struct xarray by_luid;
	struct xarray by_dev;
	struct ifreg_ndis_luids luids;	/* protected by lock */
	unsigned int count;		/* protected by lock */
	u64 gen;			/* protected by lock */
	atomic_t left_out;
	struct list_head node;		/* protected by ifreg_ndis_list_lock */
};

/**
 * struct ifreg_ndis_provider - a provider of interfaces
 * @ops: its callbacks
 * @ctx: passed to them
 * @owner: the module its callbacks are in, or NULL
 * @node: in the list of providers
 * @interfaces: its interfaces, in every namespace, until each is freed
 *	(taken out of its table and no call into it running)
 * @calls: one for the registration, one per net_exit() call running
 * @builtin: ifreg's own (the netdev provider): it adds its interfaces to
 *	the tables itself and never goes, so callers of the API may neither
 *	register interfaces with it nor deregister it
 */
struct ifreg_ndis_provider {
	const struct ifreg_ndis_provider_ops *ops;
	void *ctx;
	struct module *owner;
	struct list_head node;		/* protected by ifreg_ndis_list_lock */
	atomic_t interfaces;
	refcount_t calls;
	bool builtin;
};

extern unsigned int ifreg_max_ndis_interfaces;

/* What a dump compares: the table's generation and its allocator's. */
static inline u64 ifreg_ndis_gen(const struct ifreg_ndis_table *t)
{
	return t->gen + t->luids.gen;
}

struct ifreg_ndis_table *ifreg_ndis_table(struct net *net);
int ifreg_ndis_add(struct ifreg_ndis_table *t, struct ifreg_ndis_provider *p,
		   u64 luid, void *if_ctx, const struct ifreg_ndis_if_info *info,
		   struct net_device *dev, char *key, u32 *ifindex);
struct ifreg_ndis_if *ifreg_ndis_if_of_luid(struct ifreg_ndis_table *t, u64 luid);
void ifreg_ndis_unlink(struct ifreg_ndis_table *t, struct ifreg_ndis_if *nif);
void ifreg_ndis_free(struct ifreg_ndis_if *nif);
void ifreg_ndis_remove(struct ifreg_ndis_table *t, struct ifreg_ndis_if *nif);
void ifreg_ndis_binding(struct ifreg_ndis_table *t, struct ifreg_ndis_if *nif,
			u32 *highest, u64 *highest_luid,
			u32 *lowest, u64 *lowest_luid);

void ifreg_ndis_end_module(struct module *mod);

int ifreg_ndis_table_init(void);
void ifreg_ndis_table_exit(void);

#endif /* _IFREG_NDIS_TABLE_H */
