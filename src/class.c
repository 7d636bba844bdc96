// SPDX-License-Identifier: GPL-2.0
/*
 * The interface-class table. A class comes into being the first time an
 * interface of it is registered (a registration that fails takes it back)
 * and lives until the table is destroyed; each
 * one is a directory "classes/{guid}" in sysfs holding one symlink per
 * enabled instance, pointing at its device, so that ls of it answers
 * IoGetDeviceInterfaces. The table is an rhashtable keyed by the GUID:
 * lookups are RCU, changes are serialised by the registry's mutex (see
 * registry.c, "Locking and lifetime").
 *
 * A class's memory belongs to its kobject. The release function runs late
 * (with CONFIG_DEBUG_KOBJECT_RELEASE, seconds after the last put), so the
 * module counts objects not yet released and waits for them at exit.
 */

#include <kunit/visibility.h>
#include <linux/device.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>

#include "class.h"
#include "guid.h"
#include "lifetime.h"

static const struct rhashtable_params ifreg_class_params = {
	.key_len = sizeof(guid_t),
	.key_offset = offsetof(struct ifreg_class, guid),
	.head_offset = offsetof(struct ifreg_class, node),
	.automatic_shrinking = true,
};

static void ifreg_class_release(struct kobject *kobj)
{
	struct ifreg_class *cls = container_of(kobj, struct ifreg_class, kobj);

	kfree_rcu(cls, rcu);
	ifreg_object_put();
}

static const struct kobj_type ifreg_class_ktype = {
	.release = ifreg_class_release,
	.sysfs_ops = &kobj_sysfs_ops,
};

/**
 * ifreg_class_table_init() - set up an empty class table
 * @table: the table
 * @lock: the mutex that will serialise changes to the table
 * @parent: the sysfs directory that gets the "classes" directory
 * @max: how many classes the table may hold
 *
 * Context: Process context; sleeps.
 * Return:
 * * 0 - the table is ready and "classes" exists under @parent
 * * -ENOMEM - out of memory
 * * other negative errno - the directory could not be created
 */
int ifreg_class_table_init(struct ifreg_class_table *table, struct mutex *lock,
			   struct kobject *parent, unsigned int max)
{
	int err;

	table->lock = lock;
	INIT_LIST_HEAD(&table->list);
	table->count = 0;
	table->max = max;

	err = rhashtable_init(&table->ht, &ifreg_class_params);
	if (err)
		return err;

	table->kset = kset_create_and_add("classes", NULL, parent);
	if (!table->kset) {
		err = -ENOMEM;
		goto err_destroy_ht;
	}
	return 0;

err_destroy_ht:
	rhashtable_destroy(&table->ht);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_class_table_init);

static void ifreg_class_free(void *ptr, void *arg)
{
	struct ifreg_class *cls = ptr;

	/* Now, not when a delayed release runs: the name must go at once. */
	kobject_del(&cls->kobj);
	kobject_put(&cls->kobj);
}

/**
 * ifreg_class_table_destroy() - remove every class and the table itself
 * @table: a table set up by ifreg_class_table_init()
 *
 * The sysfs directories are gone when this returns; the memory of each
 * class follows after its last reference and an RCU grace period.
 *
 * Context: Process context; sleeps. Nobody may use @table any more.
 */
void ifreg_class_table_destroy(struct ifreg_class_table *table)
{
	rhashtable_free_and_destroy(&table->ht, ifreg_class_free, NULL);
	INIT_LIST_HEAD(&table->list);
	table->count = 0;
	kset_unregister(table->kset);
	table->kset = NULL;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_class_table_destroy);

/**
 * ifreg_class_lookup() - find a class by GUID
 * @table: the table
 * @guid: the class GUID
 *
 * Context: Caller holds rcu_read_lock() or the table's lock; the class stays
 * valid as long as that is held.
 * Return: the class, or NULL if @guid has none.
 */
struct ifreg_class *ifreg_class_lookup(struct ifreg_class_table *table,
				       const guid_t *guid)
{
	RCU_LOCKDEP_WARN(!rcu_read_lock_held() && !lockdep_is_held(table->lock),
			 "class lookup without RCU or the table lock");
	return rhashtable_lookup_fast(&table->ht, guid, ifreg_class_params);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_class_lookup);

/**
 * ifreg_class_add() - find a class, creating it on first use
 * @table: the table
 * @guid: the class GUID
 * @cls: receives the class, new or existing
 *
 * Context: Process context; sleeps. Caller holds the table's lock.
 * Return:
 * * 0 - the class is new; its directory exists
 * * IFREG_EXISTS - the class was already there; @cls is set all the same
 * * -ENOSPC - the table already holds @table->max classes
 * * -ENOMEM - out of memory
 * * other negative errno - the directory could not be created
 */
int ifreg_class_add(struct ifreg_class_table *table, const guid_t *guid,
		    struct ifreg_class **cls)
{
	struct ifreg_class *new;
	int err;

	lockdep_assert_held(table->lock);

	*cls = ifreg_class_lookup(table, guid);
	if (*cls)
		return IFREG_EXISTS;
	if (table->count >= table->max)
		return -ENOSPC;

	new = kzalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	new->guid = *guid;
	INIT_LIST_HEAD(&new->instances);
	INIT_LIST_HEAD(&new->enabled);
	new->kobj.kset = table->kset;
	ifreg_object_get();
	err = kobject_init_and_add(&new->kobj, &ifreg_class_ktype, NULL,
				   "{%pUl}", &new->guid);
	if (err)
		goto err_put;

	err = rhashtable_insert_fast(&table->ht, &new->node, ifreg_class_params);
	if (err)
		goto err_del;

	list_add_tail(&new->list_node, &table->list);
	table->count++;
	*cls = new;
	return 0;

err_del:
	kobject_del(&new->kobj);
err_put:
	kobject_put(&new->kobj);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_class_add);

/**
 * ifreg_class_del() - take back a class that was just made
 * @table: the table
 * @cls: what ifreg_class_add() has just made; no instance was put in it
 *
 * For a registration that fails after its class was made: the failed
 * call leaves no class behind. A class that has had an instance stays.
 *
 * Context: Process context; sleeps. Caller holds the table's lock.
 */
void ifreg_class_del(struct ifreg_class_table *table, struct ifreg_class *cls)
{
	lockdep_assert_held(table->lock);
	rhashtable_remove_fast(&table->ht, &cls->node, ifreg_class_params);
	list_del(&cls->list_node);
	table->count--;
	ifreg_class_free(cls, NULL);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_class_del);

/**
 * ifreg_class_link() - show an enabled instance in its class's directory
 * @cls: the class
 * @pdo: the instance's device, where the link points
 * @name: the link's name, the instance's sysfs name
 *
 * Context: Process context; sleeps. Caller holds the table's lock.
 * Return:
 * * 0 - "classes/{guid}/@name" points at @pdo
 * * negative errno - the link could not be made
 */
int ifreg_class_link(struct ifreg_class *cls, struct device *pdo,
		     const char *name)
{
	return sysfs_create_link(&cls->kobj, &pdo->kobj, name);
}

/**
 * ifreg_class_unlink() - take an instance out of its class's directory
 * @cls: the class
 * @name: the link's name
 *
 * Context: Process context; sleeps. Caller holds the table's lock.
 */
void ifreg_class_unlink(struct ifreg_class *cls, const char *name)
{
	sysfs_remove_link(&cls->kobj, name);
}
