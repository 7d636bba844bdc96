/* SPDX-License-Identifier: GPL-2.0 */
/* The NetLuidIndex allocator of one namespace, and the reservations in it. */
#ifndef _IFREG_NDIS_LUID_H
#define _IFREG_NDIS_LUID_H

#include <linux/hashtable.h>
#include <linux/mutex.h>
#include <linux/rbtree.h>
#include <linux/types.h>
#include <linux/xarray.h>

extern unsigned int ifreg_max_luid_index;
extern unsigned int ifreg_max_luid_indexes;

/**
 * struct ifreg_ndis_luid - one allocated LUID index
 * @node: in &ifreg_ndis_luids.tree
 * @index: the index
 * @iftype: its IfType
 * @kept: it is the @luid of a &struct ifreg_ndis_resv
 */
struct ifreg_ndis_luid {
	struct rb_node node;
	u32 index;
	u16 iftype;
	bool kept;
};

/**
 * struct ifreg_ndis_resv - a LUID index kept for the netdev of a key
 * @node: in &ifreg_ndis_luids.resv_by_key
 * @iftype: the IfType of the index
 * @index: the index
 * @luid: the index's entry in &ifreg_ndis_luids.tree, once kept
 * @key: the netdev's persistence key (&ifreg_ndis_if.key)
 */
struct ifreg_ndis_resv {
	struct hlist_node node;
	u16 iftype;
	u32 index;
	struct ifreg_ndis_luid luid;
	char key[];
};

/**
 * struct ifreg_ndis_luids - the LUID indexes allocated in one namespace
 * @lock: the lock of the table it is part of, which every caller holds;
 *	kept here to assert it
 * @tree: the allocated LUID indexes, &struct ifreg_ndis_luid, by IfType
 *	then index: memory that follows their number, not their spread
 * @next: per IfType, xa_mk_value() of where its cyclic search for a free
 *	index goes on
 * @resv_by_key: reservations, by a hash of their key
 * @resv_count: reservations
 * @count: LUID indexes allocated, of every IfType
 * @gen: grows with every change, for dumps to flag races
 * @net_inum: the inode number of the namespace, for the tracepoints
 */
struct ifreg_ndis_luids {
	struct mutex *lock;		/* the table's, to assert it is held */
	struct rb_root tree;		/* protected by *lock */
	struct xarray next;
	DECLARE_HASHTABLE(resv_by_key, 6);	/* protected by *lock */
	unsigned int resv_count;	/* protected by *lock */
	unsigned int count;		/* protected by *lock */
	u64 gen;			/* protected by *lock */
	unsigned int net_inum;
};

void ifreg_ndis_luids_init(struct ifreg_ndis_luids *l, struct mutex *lock,
			   unsigned int net_inum);
void ifreg_ndis_luids_destroy(struct ifreg_ndis_luids *l);
u32 ifreg_ndis_luid_index_max(void);
int ifreg_ndis_luid_index_take(struct ifreg_ndis_luids *l, u16 iftype, u32 *index,
			       bool exact);
int ifreg_ndis_luid_index_put(struct ifreg_ndis_luids *l, u16 iftype, u32 index);
void *ifreg_ndis_luid_index_entry(struct ifreg_ndis_luids *l, u16 iftype, u32 index);
void *ifreg_ndis_luid_index_next(struct ifreg_ndis_luids *l, u16 *iftype, u32 *index);
struct ifreg_ndis_resv *ifreg_ndis_resv_new(u16 iftype, u32 index, const char *key);
void ifreg_ndis_luid_index_keep(struct ifreg_ndis_luids *l, struct ifreg_ndis_resv *r);
struct ifreg_ndis_resv *ifreg_ndis_resv_of_index(struct ifreg_ndis_luids *l,
						 u16 iftype, u32 index);
struct ifreg_ndis_resv *ifreg_ndis_resv_of_key(struct ifreg_ndis_luids *l,
					       const char *key);

#endif /* _IFREG_NDIS_LUID_H */
