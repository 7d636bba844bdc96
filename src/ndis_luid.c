// SPDX-License-Identifier: GPL-2.0
/*
 * The NetLuidIndex allocator of a network namespace (NdisIfAllocateNetLuidIndex
 * underneath): per IfType, the indexes allocated, 1 to max_luid_index, handed
 * out cyclically, at most max_luid_indexes in all; and the reservations,
 * the records that keep an allocated index for the netdev of a persistence
 * key across reboots. A reserved index is an entry of the allocator like
 * any other, so freeing it frees its reservation, and the records go with
 * the namespace. It is part of each namespace's table (ndis_table.c) and
 * knows nothing above it: every call is made with the table's lock held.
 */

#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/stringhash.h>

#include <ifreg/ndis.h>
#include <kunit/visibility.h>

#include "ndis_luid.h"

unsigned int ifreg_max_luid_index = IFREG_NET_LUID_INDEX_MAX;
EXPORT_SYMBOL_IF_KUNIT(ifreg_max_luid_index);
module_param_named(max_luid_index, ifreg_max_luid_index, uint, 0444);
MODULE_PARM_DESC(max_luid_index, "Highest NetLuidIndex handed out (default and at most 16777215)");

unsigned int ifreg_max_luid_indexes = 131072;
EXPORT_SYMBOL_IF_KUNIT(ifreg_max_luid_indexes);
module_param_named(max_luid_indexes, ifreg_max_luid_indexes, uint, 0444);
MODULE_PARM_DESC(max_luid_indexes, "Most NetLuidIndexes allocated per network namespace, all IfTypes together (default 131072)");

static u32 ifreg_resv_hash(const char *key)
{
	return full_name_hash(NULL, key, strlen(key));
}

/**
 * ifreg_ndis_luids_init() - an allocator with nothing allocated
 * @l: the allocator, in its table
 * @lock: the table's lock, which every later call is made under
 *
 * Context: Any context.
 */
void ifreg_ndis_luids_init(struct ifreg_ndis_luids *l, struct mutex *lock)
{
	l->lock = lock;
	xa_init(&l->indexes);
	hash_init(l->resv_by_key);
	l->resv_count = 0;
	l->count = 0;
	l->gen = 0;
}

/**
 * ifreg_ndis_luid_index_max() - the highest index the allocator hands out
 *
 * Context: Any context.
 * Return: max_luid_index, or 2^24 - 1 if that is higher.
 */
u32 ifreg_ndis_luid_index_max(void)
{
	return min_t(u32, ifreg_max_luid_index, IFREG_NET_LUID_INDEX_MAX);
}

/*
 * The indexes of one IfType, and where the next search for a free one
 * starts: indexes are handed out cyclically, so one just freed (a netdev
 * that went) is not the next netdev's while others are free.
 */
struct ifreg_luid_type {
	struct xarray xa;
	u32 next;			/* protected by the table's lock */
};

static struct ifreg_luid_type *ifreg_luid_type(struct ifreg_ndis_luids *l,
					       u16 iftype, bool create)
{
	struct ifreg_luid_type *lt = xa_load(&l->indexes, iftype);
	int err;

	if (lt || !create)
		return lt;
	lt = kmalloc(sizeof(*lt), GFP_KERNEL);
	if (!lt)
		return NULL;
	xa_init_flags(&lt->xa, XA_FLAGS_ALLOC1);
	lt->next = 1;
	err = xa_err(xa_store(&l->indexes, iftype, lt, GFP_KERNEL));
	if (err) {
		kfree(lt);
		return NULL;
	}
	return lt;
}

static struct xarray *ifreg_luid_xa(struct ifreg_ndis_luids *l, u16 iftype)
{
	struct ifreg_luid_type *lt = ifreg_luid_type(l, iftype, false);

	return lt ? &lt->xa : NULL;
}

/**
 * ifreg_ndis_luid_index_take() - allocate a LUID index of an IfType
 * @l: the allocator
 * @iftype: the IfType, not 0
 * @index: in, with @exact, the index wanted; out, the index allocated
 * @exact: take *@index or nothing (a netdev coming back from a move)
 *
 * Without @exact, indexes are handed out cyclically, as the kernel hands
 * out ifindexes: the search starts after the last index handed out and,
 * past max_luid_index, wraps to the lowest free index.
 *
 * Context: Process context; may sleep. Caller holds @l->lock.
 * Return:
 * * 0 - *@index is allocated, between 1 and max_luid_index
 * * -ENOSPC - every index is taken (with @exact: that one is), or the
 *   namespace holds max_luid_indexes of all IfTypes
 * * -ENOMEM - out of memory
 */
int ifreg_ndis_luid_index_take(struct ifreg_ndis_luids *l, u16 iftype, u32 *index,
			       bool exact)
{
	u32 max = ifreg_ndis_luid_index_max();
	struct ifreg_luid_type *lt;
	int err;

	lockdep_assert_held(l->lock);
	if (l->count >= ifreg_max_luid_indexes)
		return -ENOSPC;
	lt = ifreg_luid_type(l, iftype, true);
	if (!lt)
		return -ENOMEM;
	if (exact) {
		if (!*index || *index > max)
			return -ENOSPC;
		err = xa_insert(&lt->xa, *index, xa_mk_value(iftype), GFP_KERNEL);
	} else {
		/* 1: it wrapped, which is success too. */
		err = xa_alloc_cyclic(&lt->xa, index, xa_mk_value(iftype),
				      XA_LIMIT(1, max), &lt->next, GFP_KERNEL);
		if (err > 0)
			err = 0;
	}
	if (!err) {
		l->count++;
		l->gen++;
	}
	return err == -EBUSY ? -ENOSPC : err;
}

/**
 * ifreg_ndis_luid_index_entry() - what a LUID index is allocated as
 * @l: the allocator
 * @iftype: its IfType
 * @index: the index
 *
 * Context: Caller holds @l->lock.
 * Return: NULL when not allocated; xa_mk_value(@iftype) for a plain
 * allocation; the &struct ifreg_ndis_resv that keeps it for a netdev.
 */
void *ifreg_ndis_luid_index_entry(struct ifreg_ndis_luids *l, u16 iftype, u32 index)
{
	struct xarray *xa = ifreg_luid_xa(l, iftype);

	lockdep_assert_held(l->lock);
	return xa && index ? xa_load(xa, index) : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_ndis_luid_index_entry);

/**
 * ifreg_ndis_resv_new() - a reservation, not kept yet
 * @iftype: the IfType of its index
 * @index: the index
 * @key: the persistence key it is for
 *
 * Context: Process context; may sleep.
 * Return: the reservation, to ifreg_ndis_luid_index_keep() or kfree(); NULL
 * when out of memory.
 */
struct ifreg_ndis_resv *ifreg_ndis_resv_new(u16 iftype, u32 index, const char *key)
{
	size_t len = strlen(key) + 1;
	struct ifreg_ndis_resv *r;

	r = kmalloc(struct_size(r, key, len), GFP_KERNEL);
	if (!r)
		return NULL;
	r->iftype = iftype;
	r->index = index;
	strscpy(r->key, key, len);
	return r;
}

/**
 * ifreg_ndis_luid_index_keep() - make an allocated LUID index a reservation
 * @l: the allocator
 * @r: the reservation, from ifreg_ndis_resv_new(), whose index is allocated
 *	for its IfType and whose key has no reservation yet; @l owns it after
 *
 * Replaces an entry that exists, so it cannot fail.
 *
 * Context: Caller holds @l->lock.
 */
void ifreg_ndis_luid_index_keep(struct ifreg_ndis_luids *l, struct ifreg_ndis_resv *r)
{
	struct xarray *xa = ifreg_luid_xa(l, r->iftype);

	lockdep_assert_held(l->lock);
	xa_store(xa, r->index, r, GFP_KERNEL);
	hash_add(l->resv_by_key, &r->node, ifreg_resv_hash(r->key));
	l->resv_count++;
	l->gen++;
}

/* Forget a reservation whose index was freed. */
static void ifreg_ndis_resv_drop(struct ifreg_ndis_luids *l, struct ifreg_ndis_resv *r)
{
	lockdep_assert_held(l->lock);
	hash_del(&r->node);
	l->resv_count--;
	kfree(r);
}

/**
 * ifreg_ndis_luid_index_put() - free a LUID index
 * @l: the allocator
 * @iftype: its IfType
 * @index: the index
 *
 * A reservation that kept it for a netdev goes with it.
 *
 * Context: Process context. Caller holds @l->lock.
 * Return: 0, or -EINVAL if @index is not allocated for @iftype.
 */
int ifreg_ndis_luid_index_put(struct ifreg_ndis_luids *l, u16 iftype, u32 index)
{
	struct xarray *xa = ifreg_luid_xa(l, iftype);
	void *entry;

	lockdep_assert_held(l->lock);
	entry = xa && index ? xa_load(xa, index) : NULL;
	if (!entry)
		return -EINVAL;
	xa_erase(xa, index);
	if (!xa_is_value(entry))
		ifreg_ndis_resv_drop(l, entry);
	l->count--;
	l->gen++;
	return 0;
}

/**
 * ifreg_ndis_resv_of_key() - the reservation of a key
 * @l: the allocator
 * @key: the persistence key
 *
 * Context: Caller holds @l->lock.
 * Return: the reservation, or NULL.
 */
struct ifreg_ndis_resv *ifreg_ndis_resv_of_key(struct ifreg_ndis_luids *l,
					       const char *key)
{
	struct ifreg_ndis_resv *r;

	lockdep_assert_held(l->lock);
	hash_for_each_possible(l->resv_by_key, r, node, ifreg_resv_hash(key))
		if (!strcmp(r->key, key))
			return r;
	return NULL;
}

/**
 * ifreg_ndis_resv_of_index() - the reservation that keeps a LUID index
 * @l: the allocator
 * @iftype: the IfType
 * @index: the index
 *
 * Context: Caller holds @l->lock.
 * Return: the reservation, or NULL when the index is not reserved.
 */
struct ifreg_ndis_resv *ifreg_ndis_resv_of_index(struct ifreg_ndis_luids *l,
						 u16 iftype, u32 index)
{
	void *entry = ifreg_ndis_luid_index_entry(l, iftype, index);

	return entry && !xa_is_value(entry) ? entry : NULL;
}

/**
 * ifreg_ndis_luids_destroy() - free every index and reservation of a dying table
 * @l: the allocator
 *
 * Context: Process context. Caller holds @l->lock.
 */
void ifreg_ndis_luids_destroy(struct ifreg_ndis_luids *l)
{
	struct ifreg_luid_type *lt;
	struct ifreg_ndis_resv *r;
	struct hlist_node *tmp;
	unsigned long i;
	int bkt;

	hash_for_each_safe(l->resv_by_key, bkt, tmp, r, node)
		ifreg_ndis_resv_drop(l, r);
	xa_for_each(&l->indexes, i, lt) {
		xa_destroy(&lt->xa);
		kfree(lt);
	}
	xa_destroy(&l->indexes);
}
