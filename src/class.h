/* SPDX-License-Identifier: GPL-2.0 */
/* The interface-class table: one entry per class GUID, each a sysfs directory. */
#ifndef _IFREG_CLASS_H
#define _IFREG_CLASS_H

#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/rhashtable-types.h>
#include <linux/uuid.h>
#include <ifreg/ifreg.h>

struct device;
struct ifreg_instance;

/**
 * struct ifreg_class - one device-interface class
 * @node: link in &ifreg_class_table.ht, keyed by @guid
 * @guid: the class GUID; never changes
 * @kobj: the class's sysfs directory, "classes/{guid}"; owns the memory
 * @rcu: frees the class a grace period after its last reference
 * @list_node: link in &ifreg_class_table.list, in order of creation
 * @instances: the registered instances of the class, in order of
 *	registration
 * @enabled: the enabled ones among them, in the same order, so that
 *	listing them costs what is listed, not the class
 * @count: how many instances @instances holds
 * @default_inst: the class's default interface, listed first, or NULL
 *
 * A class is never removed while its table lives (Windows keeps them too);
 * it goes when the table is destroyed.
 */
struct ifreg_class {
	struct rhash_head node;
	guid_t guid;
	struct kobject kobj;
	struct rcu_head rcu;
	struct list_head list_node;	/* protected by the table's lock */
	struct list_head instances;	/* protected by the table's lock */
	struct list_head enabled;	/* protected by the table's lock */
	unsigned int count;		/* protected by the table's lock */
	struct ifreg_instance *default_inst; /* protected by the table's lock */
};

/**
 * struct ifreg_class_table - the classes of one registry
 * @ht: classes by GUID; readers use RCU, writers hold @lock
 * @lock: serialises every change to the table and its classes: the
 *	registry's mutex
 * @list: every class, in order of creation (for dumps)
 * @kset: the "classes" directory that holds one directory per class
 * @count: number of classes in @ht
 * @max: how many classes @ht may hold
 */
struct ifreg_class_table {
	struct rhashtable ht;		/* changed under lock */
	struct mutex *lock;
	struct list_head list;		/* protected by lock */
	struct kset *kset;
	unsigned int count;		/* protected by lock */
	unsigned int max;
};

int ifreg_class_table_init(struct ifreg_class_table *table, struct mutex *lock,
			   struct kobject *parent, unsigned int max);
void ifreg_class_table_destroy(struct ifreg_class_table *table);
struct ifreg_class *ifreg_class_lookup(struct ifreg_class_table *table,
				       const guid_t *guid);
int ifreg_class_add(struct ifreg_class_table *table, const guid_t *guid,
		    struct ifreg_class **cls);

void ifreg_class_del(struct ifreg_class_table *table, struct ifreg_class *cls);
int ifreg_class_link(struct ifreg_class *cls, struct device *pdo,
		     const char *name);
void ifreg_class_unlink(struct ifreg_class *cls, const char *name);

#endif /* _IFREG_CLASS_H */
