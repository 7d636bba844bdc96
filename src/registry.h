/* SPDX-License-Identifier: GPL-2.0 */
/* The device-interface registry: instances, their classes, and its changes. */
#ifndef _IFREG_REGISTRY_H
#define _IFREG_REGISTRY_H

#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/types.h>
#include <linux/uuid.h>
#include <uapi/linux/ifreg.h>

#include "class.h"
#include "instance.h"
#include "notify.h"
#include "watch.h"

struct kobject;

/* Module parameters: the registry's caps. */
extern unsigned int ifreg_max_classes;
extern unsigned int ifreg_max_instances;
extern unsigned int ifreg_max_instances_per_class;
extern size_t ifreg_list_max;

/**
 * struct ifreg_listener - hears of every change of the registry
 * @node: link in the registry's list of listeners
 * @changed: called under ifreg_lock, in the order of the changes, once per
 *	change of one instance: @type says what changed; it must not take
 *	ifreg_lock, and it sees @inst as the change left it
 */
struct ifreg_listener {
	struct list_head node;
	void (*changed)(enum ifreg_event_type type, struct ifreg_instance *inst);
};

/**
 * enum ifreg_reason - why an instance is enabled, disabled or removed
 * @IFREG_REASON_DRIVER: a call of the in-kernel API (a driver, or ifreg's
 *	publisher of native devices)
 * @IFREG_REASON_USER: user space, over netlink
 * @IFREG_REASON_UNBIND: the PDO's driver unbound
 * @IFREG_REASON_PROBE_FAILED: the probe it was enabled in failed
 * @IFREG_REASON_DEVICE_DELETED: the PDO was deleted (surprise removal)
 * @IFREG_REASON_UNLOAD: ifreg is unloading
 *
 * What the tracepoints (trace.h) say, by ifreg_reason_name(); nothing
 * else depends on it.
 */
enum ifreg_reason {
	IFREG_REASON_DRIVER,
	IFREG_REASON_USER,
	IFREG_REASON_UNBIND,
	IFREG_REASON_PROBE_FAILED,
	IFREG_REASON_DEVICE_DELETED,
	IFREG_REASON_UNLOAD,
};

/* A reason's name, as the tracepoints record it. */
static inline const char *ifreg_reason_name(enum ifreg_reason why)
{
	static const char * const names[] = {
		[IFREG_REASON_DRIVER] = "driver",
		[IFREG_REASON_USER] = "user",
		[IFREG_REASON_UNBIND] = "unbind",
		[IFREG_REASON_PROBE_FAILED] = "probe_failed",
		[IFREG_REASON_DEVICE_DELETED] = "device_deleted",
		[IFREG_REASON_UNLOAD] = "unload",
	};

	return (unsigned int)why < ARRAY_SIZE(names) ? names[why] : "?";
}

extern const struct ifreg_watch_ops ifreg_registry_watch_ops;

int ifreg_registry_init(struct kobject *parent);
void ifreg_registry_clear(void);
void ifreg_registry_exit(void);
void ifreg_registry_listen(struct ifreg_listener *l);
void ifreg_registry_unlisten(struct ifreg_listener *l);
u64 ifreg_registry_generation(void);
int ifreg_registry_arrivals(const guid_t *class_guid, struct list_head *events);
int ifreg_registry_register(struct device *pdo, const guid_t *class_guid,
			    const char *reference, struct ifreg_instance **inst);
int ifreg_registry_restore(const char *instance_path, const guid_t *class_guid,
			   const char *reference, const char *sysfs_path,
			   struct ifreg_instance **inst);
int ifreg_restore_interface(const char *instance_path, const guid_t *class_guid,
			    const char *reference, const char *sysfs_path,
			    char **symbolic_link);
int ifreg_registry_set_state(const char *symbolic_link, bool enable,
			     enum ifreg_reason why);
int ifreg_registry_remove(const char *symbolic_link, enum ifreg_reason why);
struct ifreg_class *ifreg_registry_class(const guid_t *class_guid);
struct list_head *ifreg_registry_class_list(void);
int ifreg_registry_find(const char *symbolic_link, struct ifreg_instance **inst);

/**
 * struct ifreg_restore_ahead - what restored registrations add, counted
 * @instances: instances
 * @class_instances: instances of one class
 * @classes: classes
 */
struct ifreg_restore_ahead {
	unsigned int instances;
	unsigned int class_instances;
	unsigned int classes;
};

int ifreg_registry_room(const guid_t *class_guid, const struct ifreg_restore_ahead *ahead,
			struct ifreg_restore_ahead *adds);

/**
 * struct ifreg_test_hooks - where a KUnit test steps into the registry
 * @restore_looked: called once a restore has looked for its device, before
 *	its instance waits for it: the window ifreg_restore_look_again() closes
 * @unindexed: instances that start waiting stay out of the waiting tables,
 *	as when an insert fails (see waiting.c)
 *
 * Defined, and called, only in kernels built with CONFIG_KUNIT.
 */
struct ifreg_test_hooks {
	void (*restore_looked)(void);
	bool unindexed;
};

extern struct ifreg_test_hooks ifreg_test_hooks;

#endif /* _IFREG_REGISTRY_H */
