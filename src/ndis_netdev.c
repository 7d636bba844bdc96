// SPDX-License-Identifier: GPL-2.0
/*
 * ifreg as the provider of every net_device, as NDIS is for miniports. A
 * netdevice notifier registers each netdev of each namespace in that
 * namespace's table (the existing ones at load, new ones as they come),
 * follows it through renames and moves between namespaces (keeping its
 * NetLuidIndex when the new namespace has it free) and deregisters it when
 * it goes. Its IfType comes from the table below, its ifIndex is its Linux
 * ifindex when that is free in the table, its NetLuidIndex the one
 * reserved for its persistence key (kept by the allocator, ndis_luid.c) if
 * any. The reservation rules above it (ndis_resv.c) move netdevs with
 * ifreg_netdev_move_luid(). A netdev's
 * registration never fails because of ifreg: when the table cannot take
 * it, it is left out and counted.
 */

#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include <kunit/visibility.h>

#include "ndis_luid.h"
#include "ndis_netdev.h"
#include "ndis_table.h"

/**
 * ifreg_netdev_iftype() - the IANA ifType of a netdev
 * @dev: the netdev
 *
 * By device kind first (vlan 135, bond 161, bridge 209, DEVTYPE wlan 71), by
 * ARPHRD: ethernet 6, loopback 24, ppp 23, tunnels and layer-3 devices
 * without a link layer 131, infiniband 199, anything else 1. The table is
 * in Documentation/ifreg.rst.
 *
 * Context: Any context.
 * Return: the ifType, never 0.
 */
u16 ifreg_netdev_iftype(const struct net_device *dev)
{
	/* Not is_vlan_dev(): 6.12 makes it false in kernels without 8021q. */
	if (dev->priv_flags & IFF_802_1Q_VLAN)
		return IFREG_IF_TYPE_L2_VLAN;
	if (netif_is_bond_master(dev))
		return IFREG_IF_TYPE_IEEE8023AD_LAG;
	if (netif_is_bridge_master(dev))
		return IFREG_IF_TYPE_BRIDGE;
	/* cfg80211 names its devices' DEVTYPE "wlan" (ieee80211_ptr only
	 * exists in kernels built with it).
	 */
	if (dev->dev.type && dev->dev.type->name &&
	    !strcmp(dev->dev.type->name, "wlan"))
		return IFREG_IF_TYPE_IEEE80211;

	switch (dev->type) {
	case ARPHRD_ETHER:
		return IFREG_IF_TYPE_ETHERNET_CSMACD;
	case ARPHRD_LOOPBACK:
		return IFREG_IF_TYPE_SOFTWARE_LOOPBACK;
	case ARPHRD_PPP:
		return IFREG_IF_TYPE_PPP;
	case ARPHRD_IEEE80211:
	case ARPHRD_IEEE80211_PRISM:
	case ARPHRD_IEEE80211_RADIOTAP:
		return IFREG_IF_TYPE_IEEE80211;
	case ARPHRD_INFINIBAND:
		return IFREG_IF_TYPE_INFINIBAND;
	case ARPHRD_TUNNEL:
	case ARPHRD_TUNNEL6:
	case ARPHRD_SIT:
	case ARPHRD_IPGRE:
	case ARPHRD_IP6GRE:
	case ARPHRD_IPDDP:
	case ARPHRD_NONE:
		return IFREG_IF_TYPE_TUNNEL;
	default:
		return IFREG_IF_TYPE_OTHER;
	}
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_netdev_iftype);

/**
 * ifreg_netdev_access_type() - NET_IF_ACCESS_TYPE of a netdev
 * @dev: the netdev
 *
 * Context: Any context.
 * Return: loopback 1, point-to-point 3, broadcast 2, otherwise (no
 * broadcast, more than one peer) point-to-multipoint 4.
 */
u32 ifreg_netdev_access_type(const struct net_device *dev)
{
	unsigned int flags = READ_ONCE(dev->flags);

	if (flags & IFF_LOOPBACK)
		return IFREG_ACCESS_LOOPBACK;
	if (flags & IFF_POINTOPOINT)
		return IFREG_ACCESS_POINT_TO_POINT;
	if (flags & IFF_BROADCAST)
		return IFREG_ACCESS_BROADCAST;
	return IFREG_ACCESS_POINT_TO_MULTI_POINT;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_netdev_access_type);

/**
 * ifreg_netdev_oper_status() - NET_IF_OPER_STATUS from RFC 2863 operstate
 * @dev: the netdev
 *
 * A device that is not up is down (RFC 2863: ifOperStatus follows
 * ifAdminStatus down), unless it is not present; Linux updates operstate
 * a moment later, from linkwatch. IF_OPER_UNKNOWN is what Linux reports
 * for a running device that does not track its operational state (lo,
 * dummy); with its carrier on it counts as up, as netif_oper_up() counts it.
 *
 * Context: Any context.
 * Return: IF_OPER_UP 1, DOWN 2, TESTING 3, UNKNOWN 4 (1 when running with
 * carrier), DORMANT 5, NOTPRESENT 6, LOWERLAYERDOWN 7.
 */
u32 ifreg_netdev_oper_status(const struct net_device *dev)
{
	u8 operstate = READ_ONCE(dev->operstate);

	if (!netif_running(dev) && operstate != IF_OPER_NOTPRESENT)
		return IFREG_OPER_DOWN;
	switch (operstate) {
	case IF_OPER_UNKNOWN:
		return netif_running(dev) && netif_carrier_ok(dev) ?
		       IFREG_OPER_UP : IFREG_OPER_UNKNOWN;
	case IF_OPER_UP:
		return IFREG_OPER_UP;
	case IF_OPER_DOWN:
		return IFREG_OPER_DOWN;
	case IF_OPER_TESTING:
		return IFREG_OPER_TESTING;
	case IF_OPER_DORMANT:
		return IFREG_OPER_DORMANT;
	case IF_OPER_NOTPRESENT:
		return IFREG_OPER_NOT_PRESENT;
	case IF_OPER_LOWERLAYERDOWN:
		return IFREG_OPER_LOWER_LAYER_DOWN;
	default:
		return IFREG_OPER_UNKNOWN;
	}
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_netdev_oper_status);

/**
 * ifreg_netdev_admin_status() - NET_IF_ADMIN_STATUS from IFF_UP
 * @dev: the netdev
 *
 * Context: Any context.
 * Return: up 1, down 2.
 */
u32 ifreg_netdev_admin_status(const struct net_device *dev)
{
	return READ_ONCE(dev->flags) & IFF_UP ? IFREG_ADMIN_UP : IFREG_ADMIN_DOWN;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_netdev_admin_status);

static int ifreg_netdev_query(void *provider_ctx, void *if_ctx, u32 oid,
			      void *buf, size_t *size)
{
	struct net_device *dev = if_ctx;
	size_t room = *size;
	u32 val;

	switch (oid) {
	case IFREG_OID_OPER_STATUS:
		val = ifreg_netdev_oper_status(dev);
		break;
	case IFREG_OID_ADMIN_STATUS:
		val = ifreg_netdev_admin_status(dev);
		break;
	case IFREG_OID_ACCESS_TYPE:
		val = ifreg_netdev_access_type(dev);
		break;
	case IFREG_OID_MTU:
		val = READ_ONCE(dev->mtu);
		break;
	default:
		return -EOPNOTSUPP;
	}
	*size = sizeof(val);
	if (room < sizeof(val))
		return -ENOBUFS;
	memcpy(buf, &val, sizeof(val));
	return 0;
}

static const struct ifreg_ndis_provider_ops ifreg_netdev_ops = {
	.query = ifreg_netdev_query,
};

/* The provider of every netdev; it never goes. */
struct ifreg_ndis_provider ifreg_netdev_provider = {
	.ops = &ifreg_netdev_ops,
	.builtin = true,
};
EXPORT_SYMBOL_IF_KUNIT(ifreg_netdev_provider);

/*
 * A netdev moving between namespaces is unregistered from the old one and
 * registered in the new one within one RTNL section; what it had in the
 * old one waits here in between.
 */
static struct net_device *ifreg_moving_dev;	/* protected by RTNL */
static u32 ifreg_moving_luid_index;		/* protected by RTNL */

/**
 * ifreg_netdev_key() - the persistence key of a netdev
 * @dev: the netdev, registered
 *
 * Its sysfs path ("/devices/pci0000:00/.../net/eth0"), which names the same
 * device after a reboot as long as it registers with the same name, as the
 * kernel names it before udev renames it.
 *
 * Context: Process context; may sleep.
 * Return: the key, to kfree(); NULL when out of memory or longer than
 * IFREG_NDIS_KEY_MAX.
 */
char *ifreg_netdev_key(struct net_device *dev)
{
	char *key = kobject_get_path(&dev->dev.kobj, GFP_KERNEL);

	if (key && strlen(key) > IFREG_NDIS_KEY_MAX) {
		kfree(key);
		key = NULL;
	}
	return key;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_netdev_key);

/**
 * ifreg_netdev_of_key() - the registered netdev of a persistence key
 * @t: the table
 * @key: the key
 * @iftype: its IfType
 *
 * Context: Caller holds @t->lock.
 * Return: its interface, or NULL.
 */
struct ifreg_ndis_if *ifreg_netdev_of_key(struct ifreg_ndis_table *t,
					  const char *key, u16 iftype)
{
	struct ifreg_ndis_if *nif;
	unsigned long i;

	lockdep_assert_held(&t->lock);
	xa_for_each(&t->by_dev, i, nif)
		if (nif->key && ifreg_net_luid_iftype(nif->luid) == iftype &&
		    !strcmp(nif->key, key))
			return nif;
	return NULL;
}

/**
 * ifreg_netdev_move_luid() - give a registered netdev another NetLuidIndex
 * @t: the table
 * @nif: the netdev's interface; freed
 * @index: the new index, allocated for its IfType by the caller
 *
 * Its interface is registered again with the NET_LUID of @index and the
 * same ifIndex; its old index is freed unless reserved.
 *
 * Context: Process context; sleeps. Caller holds RTNL and @t->lock.
 * Return: 0, or -ENOMEM with the netdev where it was (or, if even that
 * fails, left out and counted) and @index still allocated.
 */
int ifreg_netdev_move_luid(struct ifreg_ndis_table *t, struct ifreg_ndis_if *nif,
			   u32 index)
{
	u16 iftype = ifreg_net_luid_iftype(nif->luid);
	u32 old = ifreg_net_luid_index(nif->luid);
	u32 ifindex = nif->ifindex, want = nif->ifindex;
	struct net_device *dev = nif->dev;
	char *key = nif->key;
	int err;

	ASSERT_RTNL();
	lockdep_assert_held(&t->lock);
	/* The key goes to the new interface. */
	nif->key = NULL;
	ifreg_ndis_remove(t, nif);
	err = ifreg_ndis_add(t, &ifreg_netdev_provider, ifreg_net_luid(iftype, index),
			     dev, NULL, dev, key, &ifindex);
	if (!err) {
		if (!ifreg_ndis_resv_of_index(&t->luids, iftype, old))
			ifreg_ndis_luid_index_put(&t->luids, iftype, old);
		return 0;
	}
	if (ifreg_ndis_add(t, &ifreg_netdev_provider, ifreg_net_luid(iftype, old),
			   dev, NULL, dev, key, &want)) {
		kfree(key);
		if (!ifreg_ndis_resv_of_index(&t->luids, iftype, old))
			ifreg_ndis_luid_index_put(&t->luids, iftype, old);
		atomic_inc(&t->left_out);
		net_warn_ratelimited("ifreg: %s left out of the NDIS table (%d)\n",
				     dev->name, err);
	}
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_netdev_move_luid);

/* The index kept for the netdev's key, if no other netdev uses it. */
static bool ifreg_netdev_reserved(struct ifreg_ndis_table *t, const char *key,
				  u16 iftype, u32 *index)
{
	struct ifreg_ndis_resv *r = key ? ifreg_ndis_resv_of_key(&t->luids, key) : NULL;

	if (!r || r->iftype != iftype ||
	    ifreg_ndis_if_of_luid(t, ifreg_net_luid(iftype, r->index)))
		return false;
	*index = r->index;
	return true;
}

static void ifreg_netdev_add(struct net_device *dev)
{
	struct ifreg_ndis_table *t = ifreg_ndis_table(dev_net(dev));
	u16 iftype = ifreg_netdev_iftype(dev);
	u32 index = 0, ifindex = dev->ifindex;
	char *key = ifreg_netdev_key(dev);
	bool reserved;
	int err = -ENOSPC;

	mutex_lock(&t->lock);
	reserved = ifreg_netdev_reserved(t, key, iftype, &index);
	if (reserved) {
		err = 0;
	} else if (ifreg_moving_dev == dev) {
		index = ifreg_moving_luid_index;
		err = ifreg_ndis_luid_index_take(&t->luids, iftype, &index, true);
	}
	ifreg_moving_dev = NULL;
	if (err)
		err = ifreg_ndis_luid_index_take(&t->luids, iftype, &index, false);
	if (!err) {
		err = ifreg_ndis_add(t, &ifreg_netdev_provider,
				     ifreg_net_luid(iftype, index), dev, NULL,
				     dev, key, &ifindex);
		if (err && !reserved)
			ifreg_ndis_luid_index_put(&t->luids, iftype, index);
	}
	mutex_unlock(&t->lock);
	if (err) {
		kfree(key);
		atomic_inc(&t->left_out);
		net_warn_ratelimited("ifreg: %s left out of the NDIS table (%d)\n",
				     dev->name, err);
	}
}

static void ifreg_netdev_del(struct net_device *dev)
{
	struct ifreg_ndis_table *t = ifreg_ndis_table(dev_net(dev));
	struct ifreg_ndis_if *nif;
	u16 iftype;
	u32 index;

	mutex_lock(&t->lock);
	nif = xa_load(&t->by_dev, dev->ifindex);
	if (nif && nif->dev == dev) {
		iftype = ifreg_net_luid_iftype(nif->luid);
		index = ifreg_net_luid_index(nif->luid);
		ifreg_ndis_remove(t, nif);
		/* A reserved index stays allocated for the netdev's key. */
		if (!ifreg_ndis_resv_of_index(&t->luids, iftype, index))
			ifreg_ndis_luid_index_put(&t->luids, iftype, index);
		/* Still registered: it is moving to another namespace. */
		if (dev->reg_state == NETREG_REGISTERED) {
			ifreg_moving_dev = dev;
			ifreg_moving_luid_index = index;
		}
	}
	mutex_unlock(&t->lock);
}

static void ifreg_netdev_rename(struct net_device *dev)
{
	struct ifreg_ndis_table *t = ifreg_ndis_table(dev_net(dev));
	struct ifreg_ndis_if *nif;

	mutex_lock(&t->lock);
	nif = xa_load(&t->by_dev, dev->ifindex);
	if (nif && nif->dev == dev) {
		strscpy(nif->name, dev->name, IFNAMSIZ);
		t->gen++;
	}
	mutex_unlock(&t->lock);
}

static int ifreg_netdev_event(struct notifier_block *nb, unsigned long event,
			      void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	ASSERT_RTNL();
	switch (event) {
	case NETDEV_REGISTER:
		ifreg_netdev_add(dev);
		break;
	case NETDEV_UNREGISTER:
		ifreg_netdev_del(dev);
		break;
	case NETDEV_CHANGENAME:
		ifreg_netdev_rename(dev);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block ifreg_netdev_nb = {
	.notifier_call = ifreg_netdev_event,
};

/**
 * ifreg_ndis_netdev_init() - register every netdev, and follow them
 *
 * After ifreg_ndis_table_init(): every namespace has its table.
 *
 * Context: Process context; takes RTNL.
 * Return: 0, or a negative errno.
 */
int ifreg_ndis_netdev_init(void)
{
	atomic_set(&ifreg_netdev_provider.interfaces, 0);
	return register_netdevice_notifier(&ifreg_netdev_nb);
}

/**
 * ifreg_ndis_netdev_exit() - deregister every netdev
 *
 * Before ifreg_ndis_table_exit().
 *
 * Context: Process context; takes RTNL.
 */
void ifreg_ndis_netdev_exit(void)
{
	/* Replays NETDEV_UNREGISTER for every netdev of every namespace. */
	unregister_netdevice_notifier(&ifreg_netdev_nb);
	ifreg_moving_dev = NULL;
}
