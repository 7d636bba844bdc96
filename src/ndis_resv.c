// SPDX-License-Identifier: GPL-2.0
/*
 * NetLuidIndex reservations: how a netdev gets the same NET_LUID after a
 * reboot, as a NIC keeps its NetLuidIndex on Windows. User space saves each
 * netdev's persistence key (its sysfs path when it registered) with its
 * IfType and index, and reserves them again after the module loads. A
 * reserved index stays allocated, in the table's LUID index xarray of its
 * IfType, whether its netdev is there or not: the netdev provider
 * (ndis_netdev.c) gives it to the netdev of that key whenever it registers,
 * and a netdev of that key registered at the time of the reservation moves
 * to it. A reservation goes when its index is freed and with the namespace.
 */

#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/stringhash.h>
#include <net/netlink.h>

#include <ifreg/ifreg.h>
#include <kunit/visibility.h>

#include "main.h"
#include "ndis.h"

static u32 ifreg_resv_hash(const char *key)
{
	return full_name_hash(NULL, key, strlen(key));
}

/**
 * ifreg_ndis_resv_of_key() - the reservation of a key
 * @t: the table
 * @key: the persistence key
 *
 * Context: Caller holds @t->lock.
 * Return: the reservation, or NULL.
 */
struct ifreg_ndis_resv *ifreg_ndis_resv_of_key(struct ifreg_ndis_table *t,
					       const char *key)
{
	struct ifreg_ndis_resv *r;

	lockdep_assert_held(&t->lock);
	hash_for_each_possible(t->resv_by_key, r, node, ifreg_resv_hash(key))
		if (!strcmp(r->key, key))
			return r;
	return NULL;
}

/**
 * ifreg_ndis_resv_of_index() - the reservation that keeps a LUID index
 * @t: the table
 * @iftype: the IfType
 * @index: the index
 *
 * Context: Caller holds @t->lock.
 * Return: the reservation, or NULL when the index is not reserved.
 */
struct ifreg_ndis_resv *ifreg_ndis_resv_of_index(struct ifreg_ndis_table *t,
						 u16 iftype, u32 index)
{
	void *entry = ifreg_ndis_luid_index_entry(t, iftype, index);

	return entry && !xa_is_value(entry) ? entry : NULL;
}

/**
 * ifreg_ndis_resv_drop() - forget a reservation whose index was freed
 * @t: the table
 * @r: the reservation
 *
 * Context: Caller holds @t->lock.
 */
void ifreg_ndis_resv_drop(struct ifreg_ndis_table *t, struct ifreg_ndis_resv *r)
{
	lockdep_assert_held(&t->lock);
	hash_del(&r->node);
	t->resv_count--;
	kfree(r);
}

/**
 * ifreg_ndis_resv_drop_all() - forget every reservation of a dying table
 * @t: the table
 *
 * Their indexes go with the table's LUID index xarrays.
 *
 * Context: Caller holds @t->lock.
 */
void ifreg_ndis_resv_drop_all(struct ifreg_ndis_table *t)
{
	struct ifreg_ndis_resv *r;
	struct hlist_node *tmp;
	int bkt;

	hash_for_each_safe(t->resv_by_key, bkt, tmp, r, node)
		ifreg_ndis_resv_drop(t, r);
}

/* Without a key: allocate that very index, or say it already is. */
static int ifreg_reserve_plain(struct ifreg_ndis_table *t, u16 iftype, u32 index,
			       struct netlink_ext_ack *extack)
{
	void *entry = ifreg_ndis_luid_index_entry(t, iftype, index);
	struct ifreg_ndis_if *nif;

	if (!entry)
		return ifreg_ndis_luid_index_take(t, iftype, &index, true);
	if (!xa_is_value(entry)) {
		NL_SET_ERR_MSG(extack, "the index is kept for a netdev");
		return -EEXIST;
	}
	nif = xa_load(&t->by_luid, ifreg_net_luid(iftype, index));
	if (nif && nif->dev) {
		NL_SET_ERR_MSG(extack, "a netdev uses the index");
		return -EEXIST;
	}
	return IFREG_EXISTS;
}

/* With a key: keep the index for the netdev of that key. */
static int ifreg_reserve_for_key(struct ifreg_ndis_table *t, u16 iftype, u32 index,
				 const char *key, struct netlink_ext_ack *extack)
{
	struct ifreg_ndis_if *nif, *owner;
	struct ifreg_ndis_resv *r;
	bool taken = false;
	void *entry;
	u32 fresh = 0;
	size_t len;
	int err;

	r = ifreg_ndis_resv_of_key(t, key);
	if (r) {
		if (r->iftype == iftype && r->index == index)
			return IFREG_EXISTS;
		NL_SET_ERR_MSG(extack, "the key has another index; free that one first");
		return -EEXIST;
	}
	entry = ifreg_ndis_luid_index_entry(t, iftype, index);
	nif = xa_load(&t->by_luid, ifreg_net_luid(iftype, index));
	if (entry && !xa_is_value(entry)) {
		NL_SET_ERR_MSG(extack, "the index is kept for another netdev");
		return -EEXIST;
	}
	if (entry && (!nif || !nif->dev)) {
		NL_SET_ERR_MSG(extack, "the index is allocated, not to a netdev");
		return -EEXIST;
	}
	if (t->resv_count >= ifreg_max_ndis_interfaces) {
		NL_SET_ERR_MSG(extack, "as many reservations as max_ndis_interfaces");
		return -ENOSPC;
	}

	len = strlen(key) + 1;
	r = kmalloc(struct_size(r, key, len), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	r->iftype = iftype;
	r->index = index;
	strscpy(r->key, key, len);

	/* Another netdev has the index without a reservation: it moves. */
	if (nif && (!nif->key || strcmp(nif->key, key))) {
		err = ifreg_ndis_luid_index_take(t, iftype, &fresh, false);
		if (err)
			goto err_free;
		err = ifreg_netdev_move_luid(t, nif, fresh);
		if (err)
			goto err_put_fresh;
		/* ifreg_netdev_move_luid() freed the index. */
		entry = NULL;
	}
	if (!entry) {
		err = ifreg_ndis_luid_index_take(t, iftype, &index, true);
		if (err)
			goto err_free;
		taken = true;
	}
	ifreg_ndis_luid_index_keep(t, r);
	hash_add(t->resv_by_key, &r->node, ifreg_resv_hash(r->key));
	t->resv_count++;

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
			ifreg_ndis_luid_index_put(t, iftype, index);
			return err;
		}
	}
	return 0;

err_put_fresh:
	ifreg_ndis_luid_index_put(t, iftype, fresh);
err_free:
	kfree(r);
	return err;
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
	u32 max = min_t(u32, ifreg_max_luid_index, IFREG_NET_LUID_INDEX_MAX);
	struct ifreg_ndis_table *t;
	int err;

	if (!net || !iftype || !index ||
	    (key && (!*key || strlen(key) > IFREG_NDIS_KEY_MAX)))
		return -EINVAL;
	if (index > max) {
		NL_SET_ERR_MSG(extack, "the index is beyond max_luid_index");
		return -ENOSPC;
	}
	t = ifreg_ndis_table(net);
	/* RTNL: moving a netdev, as its notifier does. */
	rtnl_lock();
	mutex_lock(&t->lock);
	if (key)
		err = ifreg_reserve_for_key(t, iftype, index, key, extack);
	else
		err = ifreg_reserve_plain(t, iftype, index, extack);
	mutex_unlock(&t->lock);
	rtnl_unlock();
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_ndis_reserve_luid_index);
