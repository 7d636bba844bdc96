/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ifreg: the NDIS network-interface registry (NdisIfRegisterInterface and
 * its family) for Linux. Every table is per network namespace. ifreg is
 * itself the provider of every net_device, as NDIS is for miniports; other
 * modules may register providers and interfaces of their own. Return values
 * are kernel style; indexes and LUIDs go out through pointers. Every call
 * sleeps unless it says otherwise. Documentation/ifreg.rst has the rules.
 */
#ifndef _IFREG_NDIS_H
#define _IFREG_NDIS_H

#include <linux/module.h>
#include <linux/types.h>

struct net;

/* NET_LUID: IfType:16 | NetLuidIndex:24 | Reserved:24, from the top. */
#define IFREG_NET_LUID_IFTYPE_SHIFT	48
#define IFREG_NET_LUID_INDEX_SHIFT	24
#define IFREG_NET_LUID_INDEX_MAX	0xffffffU
#define IFREG_NET_LUID_RESERVED_MASK	0xffffffULL

static inline u64 ifreg_net_luid(u16 iftype, u32 luid_index)
{
	return (u64)iftype << IFREG_NET_LUID_IFTYPE_SHIFT |
	       (u64)(luid_index & IFREG_NET_LUID_INDEX_MAX) << IFREG_NET_LUID_INDEX_SHIFT;
}

static inline u16 ifreg_net_luid_iftype(u64 luid)
{
	return luid >> IFREG_NET_LUID_IFTYPE_SHIFT;
}

static inline u32 ifreg_net_luid_index(u64 luid)
{
	return (luid >> IFREG_NET_LUID_INDEX_SHIFT) & IFREG_NET_LUID_INDEX_MAX;
}

/* IANA ifType values ifreg uses (IF_TYPE_* on Windows). */
#define IFREG_IF_TYPE_OTHER		1
#define IFREG_IF_TYPE_ETHERNET_CSMACD	6
#define IFREG_IF_TYPE_PPP		23
#define IFREG_IF_TYPE_SOFTWARE_LOOPBACK	24
#define IFREG_IF_TYPE_IEEE80211		71
#define IFREG_IF_TYPE_TUNNEL		131
#define IFREG_IF_TYPE_L2_VLAN		135
#define IFREG_IF_TYPE_IEEE8023AD_LAG	161
#define IFREG_IF_TYPE_INFINIBAND	199
#define IFREG_IF_TYPE_BRIDGE		209

/* NET_IF_OPER_STATUS */
enum ifreg_oper_status {
	IFREG_OPER_UP = 1,
	IFREG_OPER_DOWN = 2,
	IFREG_OPER_TESTING = 3,
	IFREG_OPER_UNKNOWN = 4,
	IFREG_OPER_DORMANT = 5,
	IFREG_OPER_NOT_PRESENT = 6,
	IFREG_OPER_LOWER_LAYER_DOWN = 7,
};

/* NET_IF_ADMIN_STATUS */
enum ifreg_admin_status {
	IFREG_ADMIN_UP = 1,
	IFREG_ADMIN_DOWN = 2,
	IFREG_ADMIN_TESTING = 3,
};

/* NET_IF_ACCESS_TYPE (POINT_TO_POINT is 3, not 2 as one header has it). */
enum ifreg_access_type {
	IFREG_ACCESS_LOOPBACK = 1,
	IFREG_ACCESS_BROADCAST = 2,
	IFREG_ACCESS_POINT_TO_POINT = 3,
	IFREG_ACCESS_POINT_TO_MULTI_POINT = 4,
};

/**
 * struct ifreg_ndis_if_info - what a provider says of an interface
 * @access_type: enum ifreg_access_type
 * @oper_status: enum ifreg_oper_status at registration
 * @admin_status: enum ifreg_admin_status at registration
 */
struct ifreg_ndis_if_info {
	u32 access_type;
	u32 oper_status;
	u32 admin_status;
};

/* Object identifiers the table passes to a provider's query and set. */
#define IFREG_OID_OPER_STATUS	1	/* u32, enum ifreg_oper_status */
#define IFREG_OID_ADMIN_STATUS	2	/* u32, enum ifreg_admin_status */
#define IFREG_OID_ACCESS_TYPE	3	/* u32, enum ifreg_access_type */
#define IFREG_OID_MTU		4	/* u32 */
#define IFREG_OID_ALIAS		5	/* NUL-terminated name */

/**
 * struct ifreg_ndis_provider_ops - a provider's callbacks
 * @query: read @oid of the interface whose context is @if_ctx into @buf;
 *	*@size is the room in, the size of the value out; -ENOBUFS when the
 *	room is too small, -EOPNOTSUPP for an OID it does not know
 * @set: write @oid of the interface
 * @net_exit: optional; @net is going: called once from the table's pernet
 *	exit, before the table removes the interfaces the provider left in
 *	@net. It may deregister its interfaces in @net; it must not take a
 *	reference on @net, register interfaces in it, or deregister itself
 *
 * Called in process context with no ifreg lock held. @query and @set may
 * call any ifreg_ndis_*() function except deregistering their own
 * interface; Documentation/ifreg.rst has the rules.
 */
struct ifreg_ndis_provider_ops {
	int (*query)(void *provider_ctx, void *if_ctx, u32 oid, void *buf,
		     size_t *size);
	int (*set)(void *provider_ctx, void *if_ctx, u32 oid, const void *buf,
		   size_t size);
	void (*net_exit)(void *provider_ctx, struct net *net);
};

struct ifreg_ndis_provider;

int ifreg_ndis_register_provider_owner(const struct ifreg_ndis_provider_ops *ops,
				       void *ctx, struct ifreg_ndis_provider **provider,
				       struct module *owner);
/*
 * NdisIfRegisterProvider. The calling module owns the provider: if it
 * unloads without ifreg_ndis_deregister_provider(), ifreg removes the
 * provider's interfaces and deregisters it.
 */
#define ifreg_ndis_register_provider(ops, ctx, provider) \
	ifreg_ndis_register_provider_owner(ops, ctx, provider, THIS_MODULE)
int ifreg_ndis_deregister_provider(struct ifreg_ndis_provider *provider);

int ifreg_ndis_allocate_luid_index(struct net *net, u16 iftype, u32 *luid_index);
int ifreg_ndis_free_luid_index(struct net *net, u16 iftype, u32 luid_index);

int ifreg_ndis_register_interface(struct net *net,
				  struct ifreg_ndis_provider *provider,
				  u64 net_luid, void *if_ctx,
				  const struct ifreg_ndis_if_info *info,
				  u32 *ifindex);
int ifreg_ndis_deregister_interface(struct net *net, u32 ifindex);

int ifreg_ndis_ifindex_from_luid(struct net *net, u64 net_luid, u32 *ifindex);
int ifreg_ndis_luid_from_ifindex(struct net *net, u32 ifindex, u64 *net_luid);
int ifreg_ndis_query_binding(struct net *net, u32 ifindex,
			     u32 *highest, u64 *highest_luid,
			     u32 *lowest, u64 *lowest_luid);
int ifreg_ndis_query_interface(struct net *net, u32 ifindex, u32 oid,
			       void *buf, size_t *size);
int ifreg_ndis_set_interface(struct net *net, u32 ifindex, u32 oid,
			     const void *buf, size_t size);

#endif /* _IFREG_NDIS_H */
