/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One interface instance, what the files below the registry (its device,
 * its class's list) see of it, and ifreg_lock, which guards it. The object
 * itself is instance.c's; the lock, and every change of what it guards,
 * are registry.c's.
 */
#ifndef _IFREG_INSTANCE_H
#define _IFREG_INSTANCE_H

#include <linux/device.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rhashtable-types.h>

#include "guid.h"
#include "name.h"
#include "store.h"

struct ifreg_class;
struct ifreg_event_rec;
struct ifreg_devnode;
struct ifreg_wait;

/**
 * struct ifreg_instance - one registered interface instance
 * @ref: held by the registry and by the instance's device while enabled
 * @waiting: it waits for a device (see waiting.c)
 * @indexed: @wait is in a table
 * @key_len: the length of the key, @link without its prefix (at most
 *	NAME_MAX)
 * @path_len: the length of the instance path, the key's first bytes
 * @name_node: link in the registry's name table, keyed by the key
 * @pdo_node: link in the list of instances of @pdo while @pdo is set, in
 *	the list of instances waiting for a device while it is not
 * @class_node: link in @class's list of instances
 * @enabled_node: link in @class's list of enabled instances while @dev is set
 * @seq: when it was registered: the registry's count of registrations then
 * @class: the instance's class
 * @pdo: the device it is bound to, with a reference; NULL while the device
 *	is gone (the registration survives, as on Windows)
 * @wait: while it waits, what a table of waiting instances finds it by
 *	(waiting.c), or NULL (out of memory: it is found by a walk)
 * @dev: the instance's device in class "ifreg" while it is enabled, in a
 *	struct ifreg_instance_device
 * @store: named values and properties
 * @link: the symbolic link, "\??\" and the key; never changes
 *
 * Every other name is in @link (see name.h): the key is
 * "<instance path, its '\' as '#'>#{guid}[\<reference>]", so the
 * instance path, the reference and the device's name are read from it, not
 * kept twice.
 */
struct ifreg_instance {
	struct kref ref;
	bool waiting;			/* protected by ifreg_lock */
	bool indexed;			/* protected by ifreg_lock */
	u8 key_len;
	u8 path_len;
	struct rhash_head name_node;
	struct list_head pdo_node;	/* protected by ifreg_lock */
	struct list_head class_node;	/* protected by ifreg_lock */
	struct list_head enabled_node;	/* protected by ifreg_lock */
	u64 seq;
	struct ifreg_class *class;
	struct device *pdo;		/* protected by ifreg_lock */
	struct ifreg_wait *wait;	/* protected by ifreg_lock */
	struct device *dev;		/* protected by ifreg_lock */
	struct ifreg_store store;	/* protected by ifreg_lock */
	char link[];
};

/**
 * struct ifreg_instance_device - the device of an enabled instance
 * @dev: the device, of class "ifreg" (see device.c)
 * @arrival: while enabled inside a probe of its PDO, the arrival that waits
 *	for the probe to succeed (see ifreg_instance_announced()); else NULL
 * @removal: the removal event, allocated when the instance is enabled so
 *	that disabling it cannot fail
 * @node: the device node the instance names (its IFREG_DEVPKEY_DEVNODE),
 *	or NULL; read under RCU by its uevents and its "devnode" file
 *
 * What only an enabled instance needs lives with its device, not in every
 * instance.
 */
struct ifreg_instance_device {
	struct device dev;
	struct ifreg_event_rec *arrival;	/* protected by ifreg_lock */
	struct ifreg_event_rec *removal;	/* protected by ifreg_lock */
	struct ifreg_devnode __rcu *node;	/* changed under ifreg_lock */
};

/* The device of @inst, which must be enabled. */
static inline struct ifreg_instance_device *
ifreg_instance_device(const struct ifreg_instance *inst)
{
	return container_of(inst->dev, struct ifreg_instance_device, dev);
}

/* The key: the symbolic link without its prefix. */
static inline const char *ifreg_instance_key(const struct ifreg_instance *inst)
{
	return inst->link + IFREG_PREFIX_LEN;
}

/* The reference string, the key's end after "#{guid}\", or NULL. */
static inline const char *ifreg_instance_reference(const struct ifreg_instance *inst)
{
	/* The instance path, '#', the GUID in braces, '\' */
	unsigned int at = inst->path_len + 1 + IFREG_GUID_STRLEN + 1;

	return inst->key_len > at ? ifreg_instance_key(inst) + at : NULL;
}

/* The registry's mutex: see registry.c, "Locking and lifetime". */
extern struct mutex ifreg_lock;

struct ifreg_instance *ifreg_instance_new(const struct ifreg_names *names);
unsigned int ifreg_instance_sep(const struct ifreg_instance *inst);
void ifreg_instance_path(const struct ifreg_instance *inst, char *buf);
char *ifreg_instance_dev_name(const struct ifreg_instance *inst);
bool ifreg_instance_same_path(const struct ifreg_instance *a,
			      const struct ifreg_instance *b);
void ifreg_instance_put(struct ifreg_instance *inst);

/*
 * Enabled, and its arrival told (uevent, notification, event): what user
 * space and subscribers count as enabled. Caller holds ifreg_lock.
 */
static inline bool ifreg_instance_announced(const struct ifreg_instance *inst)
{
	return inst->dev && !ifreg_instance_device(inst)->arrival;
}

#endif /* _IFREG_INSTANCE_H */
