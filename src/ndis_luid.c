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
 *
 * Whoever has CAP_NET_ADMIN in a namespace of its own picks the indexes it
 * reserves, so the allocator's memory must follow how many indexes there
 * are, never how far apart they lie: a radix tree (an xarray) spends a
 * node of 576 bytes or more on each index that has no neighbour within
 * 64, which is 75 MiB and more for indexes 64 apart up to the cap. Each
 * allocated index is a node of its own in a red-black tree instead, 32
 * bytes, and a reserved one lives in its reservation. Every allocation is
 * charged to the memory cgroup of the task that asks (GFP_KERNEL_ACCOUNT).
 */

#include <linux/moduleparam.h>
#include <linux/rbtree.h>
#include <linux/slab.h>
#include <linux/stringhash.h>

#include <ifreg/ndis.h>
#include <kunit/visibility.h>

#include "ndis_luid.h"
#include "trace.h"

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
 * @net_inum: the inode number of its namespace, which its events name
 *
 * Context: Any context.
 */
void ifreg_ndis_luids_init(struct ifreg_ndis_luids *l, struct mutex *lock,
			   unsigned int net_inum)
{
	l->lock = lock;
	l->net_inum = net_inum;
	l->tree = RB_ROOT;
	xa_init_flags(&l->next, XA_FLAGS_ACCOUNT);
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

/* The tree's order: by IfType, then by index. */
static int ifreg_luid_cmp(u16 iftype, u32 index, const struct ifreg_ndis_luid *n)
{
	if (iftype != n->iftype)
		return iftype < n->iftype ? -1 : 1;
	if (index != n->index)
		return index < n->index ? -1 : 1;
	return 0;
}

/* The first index allocated at or after @index of @iftype, of any IfType. */
static struct ifreg_ndis_luid *ifreg_luid_ceil(struct ifreg_ndis_luids *l,
					       u16 iftype, u32 index)
{
	struct rb_node *rb = l->tree.rb_node;
	struct ifreg_ndis_luid *n, *ceil = NULL;
	int cmp;

	while (rb) {
		n = rb_entry(rb, struct ifreg_ndis_luid, node);
		cmp = ifreg_luid_cmp(iftype, index, n);
		if (!cmp)
			return n;
		if (cmp < 0) {
			ceil = n;
			rb = rb->rb_left;
		} else {
			rb = rb->rb_right;
		}
	}
	return ceil;
}

static struct ifreg_ndis_luid *ifreg_luid_find(struct ifreg_ndis_luids *l,
					       u16 iftype, u32 index)
{
	struct ifreg_ndis_luid *n = ifreg_luid_ceil(l, iftype, index);

	return n && !ifreg_luid_cmp(iftype, index, n) ? n : NULL;
}

/* Put @n in the tree; false if its index is allocated already. */
static bool ifreg_luid_link(struct ifreg_ndis_luids *l, struct ifreg_ndis_luid *n)
{
	struct rb_node **p = &l->tree.rb_node, *parent = NULL;
	int cmp;

	while (*p) {
		parent = *p;
		cmp = ifreg_luid_cmp(n->iftype, n->index,
				     rb_entry(parent, struct ifreg_ndis_luid, node));
		if (!cmp)
			return false;
		p = cmp < 0 ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&n->node, parent, p);
	rb_insert_color(&n->node, &l->tree);
	return true;
}

/*
 * The lowest free index of @iftype from @from to @to, or 0. Walks the run
 * of allocated indexes that starts at @from: as the cyclic search starts
 * after the last index handed out, a run is walked once per round of the
 * index space, not once per allocation.
 */
static u32 ifreg_luid_free_from(struct ifreg_ndis_luids *l, u16 iftype,
				u32 from, u32 to)
{
	struct ifreg_ndis_luid *n = ifreg_luid_ceil(l, iftype, from);
	struct rb_node *rb;

	while (from <= to && n && !ifreg_luid_cmp(iftype, from, n)) {
		from++;
		rb = rb_next(&n->node);
		n = rb ? rb_entry(rb, struct ifreg_ndis_luid, node) : NULL;
	}
	return from <= to ? from : 0;
}

/*
 * Where the cyclic search of @iftype starts: after the last index handed
 * out. An IfType's place costs a slot of an xarray indexed by IfType, 9
 * bytes or so, once; it stays until the namespace goes.
 */
static u32 ifreg_luid_next(struct ifreg_ndis_luids *l, u16 iftype)
{
	void *next = xa_load(&l->next, iftype);

	return next ? xa_to_value(next) : 1;
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
 * Context: Process context; may sleep. Caller holds @l->lock. What it
 * allocates is charged to the current task's memory cgroup.
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
	struct ifreg_ndis_luid *n;
	u32 next, found;
	int err;

	lockdep_assert_held(l->lock);
	if (l->count >= ifreg_max_luid_indexes)
		return -ENOSPC;
	if (exact) {
		if (!*index || *index > max || ifreg_luid_find(l, iftype, *index))
			return -ENOSPC;
		found = *index;
	} else {
		next = ifreg_luid_next(l, iftype);
		found = next <= max ? ifreg_luid_free_from(l, iftype, next, max) : 0;
		if (!found)
			found = ifreg_luid_free_from(l, iftype, 1, max);
		if (!found)
			return -ENOSPC;
	}

	n = kmalloc(sizeof(*n), GFP_KERNEL_ACCOUNT);
	if (!n)
		return -ENOMEM;
	n->iftype = iftype;
	n->index = found;
	n->kept = false;
	if (!exact) {
		err = xa_err(xa_store(&l->next, iftype, xa_mk_value(found + 1),
				      GFP_KERNEL));
		if (err) {
			kfree(n);
			return err;
		}
	}
	ifreg_luid_link(l, n);
	*index = found;
	l->count++;
	l->gen++;
	trace_ifreg_luid_alloc(l->net_inum, iftype, found);
	return 0;
}

/* What callers see of an allocated index: its reservation or a value. */
static void *ifreg_luid_entry(struct ifreg_ndis_luid *n)
{
	return n->kept ? container_of(n, struct ifreg_ndis_resv, luid) :
			 xa_mk_value(n->iftype);
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
	struct ifreg_ndis_luid *n;

	lockdep_assert_held(l->lock);
	n = index ? ifreg_luid_find(l, iftype, index) : NULL;
	return n ? ifreg_luid_entry(n) : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_ndis_luid_index_entry);

/**
 * ifreg_ndis_luid_index_next() - the next allocated LUID index, in order
 * @l: the allocator
 * @iftype: in, the IfType to look from; out, the IfType of the index found
 * @index: in, the index to look from; out, the index found
 *
 * The first index allocated at or after *@index of *@iftype, in the order
 * of IfType then index, for walking every allocation from where a walk
 * stopped.
 *
 * Context: Caller holds @l->lock.
 * Return: what the index found is allocated as (as
 * ifreg_ndis_luid_index_entry()), or NULL when none is left.
 */
void *ifreg_ndis_luid_index_next(struct ifreg_ndis_luids *l, u16 *iftype, u32 *index)
{
	struct ifreg_ndis_luid *n;

	lockdep_assert_held(l->lock);
	n = ifreg_luid_ceil(l, *iftype, *index);
	if (!n)
		return NULL;
	*iftype = n->iftype;
	*index = n->index;
	return ifreg_luid_entry(n);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_ndis_luid_index_next);

/**
 * ifreg_ndis_resv_new() - a reservation, not kept yet
 * @iftype: the IfType of its index
 * @index: the index
 * @key: the persistence key it is for
 *
 * Context: Process context; may sleep. Charged to the current task's
 * memory cgroup.
 * Return: the reservation, to ifreg_ndis_luid_index_keep() or kfree(); NULL
 * when out of memory.
 */
struct ifreg_ndis_resv *ifreg_ndis_resv_new(u16 iftype, u32 index, const char *key)
{
	size_t len = strlen(key) + 1;
	struct ifreg_ndis_resv *r;

	r = kmalloc(struct_size(r, key, len), GFP_KERNEL_ACCOUNT);
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
 * The reservation takes the place of the index's entry, so it cannot fail.
 *
 * Context: Caller holds @l->lock.
 */
void ifreg_ndis_luid_index_keep(struct ifreg_ndis_luids *l, struct ifreg_ndis_resv *r)
{
	struct ifreg_ndis_luid *n = ifreg_luid_find(l, r->iftype, r->index);

	lockdep_assert_held(l->lock);
	r->luid.iftype = r->iftype;
	r->luid.index = r->index;
	r->luid.kept = true;
	rb_replace_node(&n->node, &r->luid.node, &l->tree);
	kfree(n);
	hash_add(l->resv_by_key, &r->node, ifreg_resv_hash(r->key));
	l->resv_count++;
	l->gen++;
}

/* Forget a reservation whose index left the tree, and free it. */
static void ifreg_ndis_resv_drop(struct ifreg_ndis_luids *l, struct ifreg_ndis_resv *r)
{
	lockdep_assert_held(l->lock);
	hash_del(&r->node);
	l->resv_count--;
	kfree(r);
}

/* Free an index that left the tree, with its reservation. */
static void ifreg_luid_free(struct ifreg_ndis_luids *l, struct ifreg_ndis_luid *n)
{
	if (n->kept)
		ifreg_ndis_resv_drop(l, container_of(n, struct ifreg_ndis_resv, luid));
	else
		kfree(n);
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
	struct ifreg_ndis_luid *n;

	lockdep_assert_held(l->lock);
	n = index ? ifreg_luid_find(l, iftype, index) : NULL;
	if (!n)
		return -EINVAL;
	rb_erase(&n->node, &l->tree);
	ifreg_luid_free(l, n);
	l->count--;
	l->gen++;
	trace_ifreg_luid_free(l->net_inum, iftype, index);
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
	struct ifreg_ndis_luid *n, *tmp;

	lockdep_assert_held(l->lock);
	rbtree_postorder_for_each_entry_safe(n, tmp, &l->tree, node) {
		trace_ifreg_luid_free(l->net_inum, n->iftype, n->index);
		ifreg_luid_free(l, n);
	}
	l->tree = RB_ROOT;
	l->count = 0;
	xa_destroy(&l->next);
}
