/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One interface instance, what the files below the registry (its device,
 * its class's list) see of it, and ifreg_lock, which guards it. The object
 * itself is instance.c's; the lock, and every change of what it guards,
 * are registry.c's.
 */
#ifndef _IFREG_INSTANCE_H
#define _IFREG_INSTANCE_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rhashtable-types.h>

#include "name.h"
#include "store.h"

struct device;
struct ifreg_class;
struct ifreg_event_rec;

/**
 * struct ifreg_instance - one registered interface instance
 * @ref: held by the registry and by the instance's device while enabled
 * @name_node: link in the registry's name table, keyed by @names.key
 * @all_node: link in the list of every instance
 * @pdo_node: link in the list of instances of @pdo while @pdo is set, in
 *	the list of instances waiting for a device while it is not
 * @wait_node: link in a table of waiting instances (waiting.c), keyed by
 *	@location or, without one, by the instance path
 * @waiting: it waits for a device (see waiting.c)
 * @indexed: @wait_node is in a table
 * @key_len: the length of the key of @names (at most NAME_MAX)
 * @class_node: link in @class's list of instances
 * @enabled_node: link in @class's list of enabled instances while @dev is set
 * @seq: when it was registered: the registry's count of registrations then
 * @class: the instance's class
 * @names: its names; never change
 * @reference: the reference string, or NULL; never changes
 * @pdo: the device it is bound to, with a reference; NULL while the device
 *	is gone (the registration survives, as on Windows)
 * @location: while @pdo is NULL, where the device it waits for is (see
 *	ifreg_device_location()), or NULL: any device with its instance path
 * @dev: the instance's device in class "ifreg" while it is enabled
 * @arrival: while enabled inside a probe of @pdo, the arrival that waits for
 *	the probe to succeed (see ifreg_instance_announced()); else NULL
 * @removal: the removal event, allocated when the instance is enabled so
 *	that disabling it cannot fail
 * @store: named values and properties
 */
struct ifreg_instance {
	struct kref ref;
	struct rhash_head name_node;
	struct list_head all_node;	/* protected by ifreg_lock */
	struct list_head pdo_node;	/* protected by ifreg_lock */
	struct rhlist_head wait_node;	/* protected by ifreg_lock */
	bool waiting;			/* protected by ifreg_lock */
	bool indexed;			/* protected by ifreg_lock */
	u8 key_len;
	struct list_head class_node;	/* protected by ifreg_lock */
	struct list_head enabled_node;	/* protected by ifreg_lock */
	u64 seq;
	struct ifreg_class *class;
	struct ifreg_names names;
	const char *reference;
	struct device *pdo;		/* protected by ifreg_lock */
	char *location;			/* protected by ifreg_lock */
	struct device *dev;		/* protected by ifreg_lock */
	struct ifreg_event_rec *arrival; /* protected by ifreg_lock */
	struct ifreg_event_rec *removal; /* protected by ifreg_lock */
	struct ifreg_store store;	/* protected by ifreg_lock */
};

/* The registry's mutex: see registry.c, "Locking and lifetime". */
extern struct mutex ifreg_lock;

struct ifreg_instance *ifreg_instance_new(struct ifreg_names *names,
					  const char *reference);
void ifreg_instance_put(struct ifreg_instance *inst);

/*
 * Enabled, and its arrival told (uevent, notification, event): what user
 * space and subscribers count as enabled. Caller holds ifreg_lock.
 */
static inline bool ifreg_instance_announced(const struct ifreg_instance *inst)
{
	return inst->dev && !inst->arrival;
}

#endif /* _IFREG_INSTANCE_H */
