// SPDX-License-Identifier: GPL-2.0
/*
 * The registrations waiting for their device. An instance whose PDO is
 * gone (or that was restored without one) waits for the device at its
 * location, or, when it never knew one, for any device with its instance
 * path in any letter case. Adding a device must not cost the number of
 * those waiting (a restored store may hold a hundred thousand of them, and
 * every device added on the machine asks), so they are indexed by that
 * key: one table by location, compared exactly, one by instance path,
 * hashed and compared without regard to case. Everything here runs under
 * ifreg_lock; the tables' own locks nest inside it.
 *
 * Inserting into a table allocates only when it must grow faster than its
 * worker can resize it, and may then fail. Such an instance waits all the
 * same, unindexed, and is found by walking the list of every waiting
 * instance: the cost of a walk, only while an allocation has failed.
 */

#include <linux/jhash.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>

#include <kunit/visibility.h>

#include "instance.h"
#include "registry.h"
#include "waiting.h"

/**
 * struct ifreg_wait - what a waiting instance is found by
 * @node: link in ifreg_by_location, or without a @location in ifreg_by_path
 * @inst: the instance
 * @location: where the device it waits for is (see ifreg_device_location()),
 *	or "": any device with its instance path
 *
 * Only a waiting instance has one: the others do not carry its room.
 */
struct ifreg_wait {
	struct rhlist_head node;
	struct ifreg_instance *inst;
	char location[];
};

/* Every waiting instance, linked by its pdo_node. */
static LIST_HEAD(ifreg_waiting);		/* protected by ifreg_lock */
/* How many of them no table holds (an insert failed). */
static unsigned int ifreg_unindexed;		/* protected by ifreg_lock */

static u32 ifreg_location_hash(const void *key, u32 len, u32 seed)
{
	return jhash(key, strlen(key), seed);
}

static u32 ifreg_location_obj_hash(const void *obj, u32 len, u32 seed)
{
	const struct ifreg_wait *w = obj;

	return ifreg_location_hash(w->location, 0, seed);
}

static int ifreg_location_cmp(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct ifreg_wait *w = obj;

	return strcmp(w->location, arg->key);
}

/*
 * An instance path in ifreg_by_path: a caller's "SUBSYSTEM\name" or the
 * start of an instance's key, "SUBSYSTEM#name", so hashed and compared
 * around the separator at @sep.
 */
struct ifreg_path_key {
	const char *s;
	unsigned int sep;
	unsigned int len;
};

static void ifreg_path_key_of(const struct ifreg_instance *inst,
			      struct ifreg_path_key *key)
{
	key->s = ifreg_instance_key(inst);
	key->sep = ifreg_instance_sep(inst);
	key->len = inst->path_len;
}

/* The same for "PCI\X", "pci\x" and "PCI#X". */
static u32 ifreg_path_hash(const void *data, u32 len, u32 seed)
{
	const struct ifreg_path_key *key = data;

	return ifreg_fold_hash(key->s + key->sep + 1, key->len - key->sep - 1,
			       ifreg_fold_hash(key->s, key->sep, seed));
}

static u32 ifreg_path_obj_hash(const void *obj, u32 len, u32 seed)
{
	const struct ifreg_wait *w = obj;
	struct ifreg_path_key key;

	ifreg_path_key_of(w->inst, &key);
	return ifreg_path_hash(&key, 0, seed);
}

static bool ifreg_path_equal(const struct ifreg_path_key *a,
			     const struct ifreg_path_key *b)
{
	return a->len == b->len && a->sep == b->sep &&
	       ifreg_fold_equal(a->s, b->s, a->sep) &&
	       ifreg_fold_equal(a->s + a->sep + 1, b->s + b->sep + 1,
				a->len - a->sep - 1);
}

static int ifreg_path_cmp(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct ifreg_wait *w = obj;
	struct ifreg_path_key key;

	ifreg_path_key_of(w->inst, &key);
	return !ifreg_path_equal(arg->key, &key);
}

static const struct rhashtable_params ifreg_location_params = {
	.head_offset = offsetof(struct ifreg_wait, node),
	.hashfn = ifreg_location_hash,
	.obj_hashfn = ifreg_location_obj_hash,
	.obj_cmpfn = ifreg_location_cmp,
	.automatic_shrinking = true,
};

static const struct rhashtable_params ifreg_path_params = {
	.head_offset = offsetof(struct ifreg_wait, node),
	.hashfn = ifreg_path_hash,
	.obj_hashfn = ifreg_path_obj_hash,
	.obj_cmpfn = ifreg_path_cmp,
	.automatic_shrinking = true,
};

static struct rhltable ifreg_by_location;	/* changed under ifreg_lock */
static struct rhltable ifreg_by_path;		/* changed under ifreg_lock */

/**
 * ifreg_waiting_init() - set up the empty tables
 *
 * Context: Process context; sleeps.
 * Return: 0, or -ENOMEM.
 */
int ifreg_waiting_init(void)
{
	int err;

	err = rhltable_init(&ifreg_by_location, &ifreg_location_params);
	if (err)
		return err;
	err = rhltable_init(&ifreg_by_path, &ifreg_path_params);
	if (err)
		rhltable_destroy(&ifreg_by_location);
	return err;
}

/**
 * ifreg_waiting_destroy() - free the tables, once no instance waits
 *
 * Context: Process context; sleeps.
 */
void ifreg_waiting_destroy(void)
{
	WARN_ON(!list_empty(&ifreg_waiting));
	rhltable_destroy(&ifreg_by_path);
	rhltable_destroy(&ifreg_by_location);
}

/**
 * ifreg_waiting_none() - whether no instance waits
 *
 * Read without ifreg_lock, so that adding a device costs nothing while no
 * instance waits.
 *
 * Return: true when none waits.
 */
bool ifreg_waiting_none(void)
{
	return list_empty(&ifreg_waiting);
}

/**
 * ifreg_wait_new() - what an instance about to wait is found by
 * @location: where the device it will wait for is, or NULL: any device
 *	with its instance path
 *
 * Made before the instance waits, so that the caller may fail cleanly.
 *
 * Context: Process context; may sleep.
 * Return: it, for ifreg_waiting_add() or ifreg_wait_free(), or NULL when
 * out of memory.
 */
struct ifreg_wait *ifreg_wait_new(const char *location)
{
	size_t len = location ? strlen(location) : 0;
	struct ifreg_wait *w;

	w = kzalloc(struct_size(w, location, len + 1), GFP_KERNEL);
	if (w && len)
		memcpy(w->location, location, len);
	return w;
}

/**
 * ifreg_wait_free() - free what ifreg_wait_new() made and no one took
 * @w: it, or NULL
 *
 * Context: Any context.
 */
void ifreg_wait_free(struct ifreg_wait *w)
{
	kfree(w);
}

/**
 * ifreg_waiting_location() - where the device a waiting instance waits for is
 * @inst: the instance
 *
 * Context: Caller holds ifreg_lock.
 * Return: the location, or NULL when @inst does not wait or waits for any
 * device with its instance path.
 */
const char *ifreg_waiting_location(const struct ifreg_instance *inst)
{
	return inst->wait && inst->wait->location[0] ? inst->wait->location : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_waiting_location);

/*
 * The table @w waits in, with its parameters and its key there (@path
 * holds it when it is the instance path).
 */
static struct rhltable *ifreg_waiting_table(struct ifreg_wait *w,
					    const struct rhashtable_params **params,
					    const void **key,
					    struct ifreg_path_key *path)
{
	if (w->location[0]) {
		*params = &ifreg_location_params;
		*key = w->location;
		return &ifreg_by_location;
	}
	ifreg_path_key_of(w->inst, path);
	*params = &ifreg_path_params;
	*key = path;
	return &ifreg_by_path;
}

/**
 * ifreg_waiting_add() - an instance with no PDO starts waiting
 * @inst: the instance, on no list of a PDO
 * @w: what ifreg_wait_new() made for it, taken; NULL (out of memory) has
 *	it wait, unindexed, for any device with its instance path
 *
 * Cannot fail: unindexed, it is still found (see above). Nothing happens
 * (but @w freed) if @inst waits already.
 *
 * Context: Caller holds ifreg_lock.
 */
void ifreg_waiting_add(struct ifreg_instance *inst, struct ifreg_wait *w)
{
	const struct rhashtable_params *params;
	struct ifreg_path_key path;
	struct rhltable *t;
	const void *key;

	lockdep_assert_held(&ifreg_lock);
	if (inst->waiting) {
		ifreg_wait_free(w);
		return;
	}
	inst->indexed = false;
	if (w) {
		w->inst = inst;
		t = ifreg_waiting_table(w, &params, &key, &path);
		/* The key is not in @w: rhltable_insert() would hash it. */
		inst->indexed = !(IS_ENABLED(CONFIG_KUNIT) && ifreg_test_hooks.unindexed) &&
				!rhltable_insert_key(t, key, &w->node, *params);
	}
	if (!inst->indexed)
		ifreg_unindexed++;
	inst->wait = w;
	inst->waiting = true;
	list_move_tail(&inst->pdo_node, &ifreg_waiting);
}

/**
 * ifreg_waiting_del() - an instance stops waiting
 * @inst: the instance; nothing happens unless it waits
 *
 * Off every table, and off the list it was on (its pdo_node is left
 * empty); what it was found by is freed.
 *
 * Context: Caller holds ifreg_lock.
 */
void ifreg_waiting_del(struct ifreg_instance *inst)
{
	const struct rhashtable_params *params;
	struct ifreg_path_key path;
	struct rhltable *t;
	const void *key;

	lockdep_assert_held(&ifreg_lock);
	if (!inst->waiting)
		return;
	if (inst->indexed) {
		t = ifreg_waiting_table(inst->wait, &params, &key, &path);
		rhltable_remove(t, &inst->wait->node, *params);
	} else {
		ifreg_unindexed--;
	}
	ifreg_wait_free(inst->wait);
	inst->wait = NULL;
	inst->waiting = false;
	inst->indexed = false;
	list_del_init(&inst->pdo_node);
}

static void ifreg_waiting_take_key(struct rhltable *t, const void *key,
				   const struct rhashtable_params params,
				   struct list_head *found)
{
	struct rhlist_head *list, *pos;
	struct ifreg_wait *w;

	rcu_read_lock();
	list = rhltable_lookup(t, key, params);
	rhl_for_each_entry_rcu(w, pos, list, node)
		list_move_tail(&w->inst->pdo_node, found);
	rcu_read_unlock();
}

/**
 * ifreg_waiting_take() - the instances a device being added may bind
 * @location: the device's location
 * @instance_path: its instance path, or NULL: it may bind no instance
 *	that waits by instance path
 * @found: gets them, linked by their pdo_node: still waiting, and still
 *	in the tables; each the caller does not bind it must give back with
 *	ifreg_waiting_put_back()
 *
 * Costs the instances found, and while an insert has failed, a walk of
 * every waiting instance.
 *
 * Context: Caller holds ifreg_lock.
 */
void ifreg_waiting_take(const char *location, const char *instance_path,
			struct list_head *found)
{
	struct ifreg_path_key path, its;
	struct ifreg_instance *inst, *tmp;
	const char *where;

	lockdep_assert_held(&ifreg_lock);
	ifreg_waiting_take_key(&ifreg_by_location, location,
			       ifreg_location_params, found);
	if (instance_path) {
		/* A valid instance path has its one '\'. */
		path.s = instance_path;
		path.sep = strchr(instance_path, '\\') - instance_path;
		path.len = strlen(instance_path);
		ifreg_waiting_take_key(&ifreg_by_path, &path, ifreg_path_params,
				       found);
	}
	if (!ifreg_unindexed)
		return;
	list_for_each_entry_safe(inst, tmp, &ifreg_waiting, pdo_node) {
		if (inst->indexed)
			continue;
		where = ifreg_waiting_location(inst);
		if (where) {
			if (strcmp(where, location))
				continue;
		} else {
			ifreg_path_key_of(inst, &its);
			if (!instance_path || !ifreg_path_equal(&its, &path))
				continue;
		}
		list_move_tail(&inst->pdo_node, found);
	}
}

/**
 * ifreg_waiting_put_back() - give back what ifreg_waiting_take() found
 * @found: the instances left on it, still waiting
 *
 * Context: Caller holds ifreg_lock.
 */
void ifreg_waiting_put_back(struct list_head *found)
{
	lockdep_assert_held(&ifreg_lock);
	list_splice_tail_init(found, &ifreg_waiting);
}
