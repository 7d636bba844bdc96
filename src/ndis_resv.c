// SPDX-License-Identifier: GPL-2.0
/*
 * NetLuidIndex reservations: how a netdev gets the same NET_LUID after a
 * reboot, as a NIC keeps its NetLuidIndex on Windows. User space saves each
 * netdev's persistence key (its sysfs path when it registered) with its
 * IfType and index, and reserves them again after the module loads. Here
 * are the rules of IFREG_CMD_LUID_RESERVE; the reservation records are the
 * allocator's (ndis_luid.c). A reserved index stays allocated whether its
 * netdev is there or not: the netdev provider (ndis_netdev.c) gives it to
 * the netdev of that key whenever it registers, and a netdev of that key
 * registered at the time of the reservation moves to it. A reservation goes
 * when its index is freed and with the namespace.
 */

#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/netlink.h>

#include <ifreg/ifreg.h>
#include <kunit/visibility.h>

#include "ndis_luid.h"
#include "ndis_netdev.h"
#include "ndis_resv.h"
#include "ndis_table.h"

/*
 * What reserving an index does once its rules have passed: the index's
 * allocator entry and the interface at it then, whether that interface
 * (not the key's) moves off first, and what it adds to the table.
 */
struct ifreg_resv_plan {
	void *entry;
	struct ifreg_ndis_if *nif;
	bool move;
	struct ifreg_resv_ahead adds;
};

/*
 * The rules of a reservation (see ifreg_ndis_reserve_luid_index()), on the
 * table as it is with @ahead added, what a store's records before this one
 * add: 0 with @p filled, IFREG_EXISTS, or the errno applying it would get.
 * The one place they are written: applying and checking both ask here.
 */
static int ifreg_resv_rules(struct ifreg_ndis_table *t, u16 iftype, u32 index,
			    const char *key, const struct ifreg_resv_ahead *ahead,
			    struct ifreg_resv_plan *p, struct netlink_ext_ack *extack)
{
	struct ifreg_ndis_resv *r;

	lockdep_assert_held(&t->lock);
	memset(p, 0, sizeof(*p));
	p->entry = ifreg_ndis_luid_index_entry(&t->luids, iftype, index);
	p->nif = ifreg_ndis_if_of_luid(t, ifreg_net_luid(iftype, index));
	if (!key) {
		/* Without a key: that very index, or say it already is. */
		if (p->entry && !xa_is_value(p->entry)) {
			NL_SET_ERR_MSG(extack, "the index is kept for a netdev");
			return -EEXIST;
		}
		if (p->entry && p->nif && p->nif->dev) {
			NL_SET_ERR_MSG(extack, "a netdev uses the index");
			return -EEXIST;
		}
		if (p->entry)
			return IFREG_EXISTS;
	} else {
		/* With a key: the index kept for the netdev of that key. */
		r = ifreg_ndis_resv_of_key(&t->luids, key);
		if (r && r->iftype == iftype && r->index == index)
			return IFREG_EXISTS;
		if (r) {
			NL_SET_ERR_MSG(extack, "the key has another index; free that one first");
			return -EEXIST;
		}
		if (p->entry && !xa_is_value(p->entry)) {
			NL_SET_ERR_MSG(extack, "the index is kept for another netdev");
			return -EEXIST;
		}
		if (p->entry && (!p->nif || !p->nif->dev)) {
			NL_SET_ERR_MSG(extack, "the index is allocated, not to a netdev");
			return -EEXIST;
		}
		if ((u64)t->luids.resv_count + ahead->resvs >= ifreg_max_ndis_interfaces) {
			NL_SET_ERR_MSG(extack, "as many reservations as max_ndis_interfaces");
			return -ENOSPC;
		}
		p->adds.resvs = 1;
		/* Another netdev has the index without a reservation: it moves. */
		p->move = p->nif && (!p->nif->key || strcmp(p->nif->key, key));
	}
	/* A fresh index for the netdev that moves, whose old one is reused. */
	if (!p->entry || p->move) {
		if ((u64)t->luids.count + ahead->indexes >= ifreg_max_luid_indexes) {
			NL_SET_ERR_MSG(extack, "as many LUID indexes as max_luid_indexes");
			return -ENOSPC;
		}
		p->adds.indexes = 1;
	}
	return 0;
}

/* With a key, once its rules have passed: keep the index for its netdev. */
static int ifreg_reserve_for_key(struct ifreg_ndis_table *t, u16 iftype, u32 index,
				 const char *key, struct ifreg_resv_plan *p,
				 struct netlink_ext_ack *extack)
{
	struct ifreg_ndis_if *owner;
	struct ifreg_ndis_resv *r;
	void *entry = p->entry;
	bool taken = false;
	u32 fresh = 0;
	int err;

	r = ifreg_ndis_resv_new(iftype, index, key);
	if (!r)
		return -ENOMEM;

	if (p->move) {
		err = ifreg_ndis_luid_index_take(&t->luids, iftype, &fresh, false);
		if (err)
			goto err_free;
		err = ifreg_netdev_move_luid(t, p->nif, fresh);
		if (err)
			goto err_put_fresh;
		/* ifreg_netdev_move_luid() freed the index. */
		entry = NULL;
	}
	if (!entry) {
		err = ifreg_ndis_luid_index_take(&t->luids, iftype, &index, true);
		if (err)
			goto err_free;
		taken = true;
	}
	ifreg_ndis_luid_index_keep(&t->luids, r);

	/*
	 * The netdev of the key, registered at another index now, moves to
	 * it; when the index was not free, the netdev of the key had it.
	 */
	owner = taken ? ifreg_netdev_of_key(t, key, iftype) : NULL;
	if (owner) {
		err = ifreg_netdev_move_luid(t, owner, index);
		if (err) {
			NL_SET_ERR_MSG(extack, "the netdev of the key could not move");
			/* Frees the reservation too. */
			ifreg_ndis_luid_index_put(&t->luids, iftype, index);
			return err;
		}
	}
	return 0;

err_put_fresh:
	ifreg_ndis_luid_index_put(&t->luids, iftype, fresh);
err_free:
	kfree(r);
	return err;
}

/* The arguments both reserving and checking take, checked alike. */
static int ifreg_resv_args(struct net *net, u16 iftype, u32 index, const char *key,
			   struct netlink_ext_ack *extack)
{
	if (!net || !iftype || !index ||
	    (key && (!*key || strlen(key) > IFREG_NDIS_KEY_MAX)))
		return -EINVAL;
	if (index > ifreg_ndis_luid_index_max()) {
		NL_SET_ERR_MSG(extack, "the index is beyond max_luid_index");
		return -ENOSPC;
	}
	return 0;
}

/**
 * ifreg_ndis_reserve_luid_index() - allocate one NetLuidIndex again
 * @net: the namespace
 * @iftype: its IfType, not 0
 * @index: the index, 1 to max_luid_index
 * @key: the persistence key of the netdev to keep it for
 *	(&ifreg_ndis_if.key), or NULL for a plain allocation
 * @extack: where to say why it failed, or NULL
 *
 * What user space calls to restore LUID index allocations it saved.
 *
 * Without @key, allocates exactly @index; IFREG_EXISTS when it already is
 * allocated and neither kept for a netdev nor used by one (it was restored
 * already); -EEXIST otherwise.
 *
 * With @key, keeps @index for the netdev of @key: a netdev of @key and
 * @iftype registered now at another index moves to it (its ifIndex stays,
 * its old index is freed), and one registering later takes it. A netdev
 * without a reservation that uses @index moves to a fresh index first. An
 * index allocated otherwise, or kept for another key, is -EEXIST; so is a
 * key kept at another index (free that one first).
 *
 * Context: Process context; takes RTNL and the table's lock.
 * Return:
 * * 0 - reserved (allocated)
 * * IFREG_EXISTS - already so; nothing changed
 * * -EINVAL - @iftype or @index 0, an empty or too long @key, or no @net
 * * -EEXIST - the index is allocated otherwise, or the key has another one
 * * -ENOSPC - @index is beyond max_luid_index, or the table has
 *   max_ndis_interfaces reservations
 * * -ENOMEM - out of memory; nothing changed, except that a netdev moved off
 *   @index may have kept its fresh index
 */
int ifreg_ndis_reserve_luid_index(struct net *net, u16 iftype, u32 index,
				  const char *key, struct netlink_ext_ack *extack)
{
	static const struct ifreg_resv_ahead none;
	struct ifreg_ndis_table *t;
	struct ifreg_resv_plan p;
	int err;

	err = ifreg_resv_args(net, iftype, index, key, extack);
	if (err)
		return err;
	t = ifreg_ndis_table(net);
	/* RTNL: moving a netdev, as its notifier does. */
	rtnl_lock();
	mutex_lock(&t->lock);
	err = ifreg_resv_rules(t, iftype, index, key, &none, &p, extack);
	if (!err && key)
		err = ifreg_reserve_for_key(t, iftype, index, key, &p, extack);
	else if (!err)
		err = ifreg_ndis_luid_index_take(&t->luids, iftype, &index, true);
	mutex_unlock(&t->lock);
	rtnl_unlock();
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_ndis_reserve_luid_index);

/**
 * ifreg_ndis_check_luid_reservation() - whether a reservation would be made
 * @net: the namespace
 * @iftype: as for ifreg_ndis_reserve_luid_index()
 * @index: as for ifreg_ndis_reserve_luid_index()
 * @key: as for ifreg_ndis_reserve_luid_index()
 * @ahead: what reservations made before this one (a store's records
 *	before it) add to the table, counted against its caps
 * @adds: receives what this one adds: its index (or a moved netdev's fresh
 *	one) and its reservation; zero unless 0 is returned
 * @extack: where to say why it would fail, or NULL
 *
 * ifreg_ndis_reserve_luid_index()'s rules, on the table as it is with
 * @ahead added; nothing changes.
 *
 * Context: Process context; takes the table's lock.
 * Return: what ifreg_ndis_reserve_luid_index() would return, but -ENOMEM.
 */
int ifreg_ndis_check_luid_reservation(struct net *net, u16 iftype, u32 index,
				      const char *key, const struct ifreg_resv_ahead *ahead,
				      struct ifreg_resv_ahead *adds,
				      struct netlink_ext_ack *extack)
{
	struct ifreg_ndis_table *t;
	struct ifreg_resv_plan p;
	int err;

	memset(adds, 0, sizeof(*adds));
	err = ifreg_resv_args(net, iftype, index, key, extack);
	if (err)
		return err;
	t = ifreg_ndis_table(net);
	mutex_lock(&t->lock);
	err = ifreg_resv_rules(t, iftype, index, key, ahead, &p, extack);
	mutex_unlock(&t->lock);
	if (!err)
		*adds = p.adds;
	return err;
}
