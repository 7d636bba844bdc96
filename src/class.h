/* SPDX-License-Identifier: GPL-2.0 */
/* The interface-class table: one entry per class GUID, shown in sysfs. */
#ifndef _IFREG_CLASS_H
#define _IFREG_CLASS_H

#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/rhashtable-types.h>
#include <linux/uuid.h>
#include <ifreg/ifreg.h>

/**
 * struct ifreg_class - one device-interface class
 * @node: link in &ifreg_class_table.ht, keyed by @guid
 * @guid: the class GUID; never changes
 * @kobj: the class's sysfs directory, "classes/{guid}"; owns the memory
 * @rcu: frees the class a grace period after its last reference
 *
 * A class is never removed while its table lives (Windows keeps them too);
 * it goes when the table is destroyed.
 */
struct ifreg_class {
	struct rhash_head node;
	guid_t guid;
	struct kobject kobj;
	struct rcu_head rcu;
};

/**
 * struct ifreg_class_table - the classes of one registry
 * @ht: classes by GUID; readers use RCU, writers hold @lock
 * @lock: serialises every change to the table and its classes
 * @kset: the "classes" directory that holds one directory per class
 * @count: number of classes in @ht
 * @max: how many classes @ht may hold
 */
struct ifreg_class_table {
	struct rhashtable ht;		/* changed under lock */
	struct mutex lock;
	struct kset *kset;
	unsigned int count;		/* protected by lock */
	unsigned int max;
};

int ifreg_class_table_init(struct ifreg_class_table *table,
			   struct kobject *parent, unsigned int max);
void ifreg_class_table_destroy(struct ifreg_class_table *table);
struct ifreg_class *ifreg_class_lookup(struct ifreg_class_table *table,
				       const guid_t *guid);
int ifreg_class_add(struct ifreg_class_table *table, const guid_t *guid,
		    struct ifreg_class **cls);

void ifreg_objects_wait(void);

#endif /* _IFREG_CLASS_H */
