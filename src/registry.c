// SPDX-License-Identifier: GPL-2.0
/*
 * The device-interface registry: IoRegisterDeviceInterface and its family.
 * This is where an interface's arrival and removal are decided: an instance
 * is registered against a PDO (registering its class on first use), or
 * restored without one from a saved store; enabled and disabled, listed;
 * let go of its PDO when the PDO is deleted, and bound again to a device
 * with its instance path when one comes.  Its
 * device and uevents are device.c's, its sysfs link class.c's, its
 * notifications notify.c's, hearing that devices come and go watch.c's;
 * this file decides when each happens, under ifreg_lock, so that they
 * happen in one order. Every change passes one point, ifreg_changed(),
 * which counts it and tells the listeners (netlink multicasts it).
 *
 * Instances are found by name in an rhashtable keyed by the lower-case
 * name, by PDO through a second one, and by class through the class's list,
 * so no operation costs more than the size of one class.
 */

#include <linux/ctype.h>
#include <linux/device.h>
#include <linux/jhash.h>
#include <linux/moduleparam.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <kunit/visibility.h>

#include "builtin_props.h"
#include "device.h"
#include "registry.h"
#include "trace.h"
#include "waiting.h"

/**
 * DOC: Locking and lifetime
 *
 * One mutex, ifreg_lock, defined here, serialises every change to the
 * device-interface half: the class table and what hangs off a class
 * (&ifreg_class_table.lock points at it), instances, their state and
 * stores, the registry's tables, and the listeners. Readers that only look
 * a class up use RCU; the rhashtables' own locks nest inside the mutex and
 * are never seen by callers. The notification queue and the subscriptions
 * have a spinlock of their own in notify.c, taken inside ifreg_lock where
 * an event is queued (at the moment of its change) and alone by the
 * worker that delivers them.
 *
 * Lock order, outermost first: a PDO's device lock, a bus's notifier lock
 * or a class's mutex (held by the driver core when a watch tells the
 * registry that a device comes or goes, and by the watch's worker when it
 * settles a device), then ifreg_lock. ifreg_watch_lock (watch.c) is held
 * for list work only, under any of them, and nothing is taken under it.
 *
 * No callback of a driver runs with ifreg_lock held: notifications are
 * delivered by notify.c's worker with no lock held. What runs under it:
 * the listeners (&struct ifreg_listener, module-internal, which must not
 * take it) and the instance devices' uevent callback, which takes no lock
 * and reads only what never changes, so deleting a device under ifreg_lock
 * cannot wait on it. ifreg has no sysfs store().
 *
 * An instance is reference counted: the registry holds one reference, its
 * device another while it is enabled, and a caller handed an instance
 * (ifreg_registry_register()) a third. Its names, class and reference
 * string never change, so they may be read with a reference alone;
 * everything else only under ifreg_lock. A registration holds a reference
 * on its PDO while bound.
 *
 * A class is a kobject. Its memory is freed by the kobject's release, with
 * kfree_rcu() so that an RCU reader still holding the pointer stays safe.
 * Sysfs names are removed with kobject_del() when the class goes, not in
 * the release, which CONFIG_DEBUG_KOBJECT_RELEASE may delay by seconds; the
 * module counts the objects not yet released (lifetime.c) and waits for
 * them, and for their RCU callbacks, before it may unload.
 */

struct mutex ifreg_lock = __MUTEX_INITIALIZER(ifreg_lock);
EXPORT_SYMBOL_IF_KUNIT(ifreg_lock);

unsigned int ifreg_max_classes = 4096;
module_param_named(max_classes, ifreg_max_classes, uint, 0444);
MODULE_PARM_DESC(max_classes, "Most interface classes (default 4096)");

unsigned int ifreg_max_instances = 65536;
EXPORT_SYMBOL_IF_KUNIT(ifreg_max_instances);
module_param_named(max_instances, ifreg_max_instances, uint, 0444);
MODULE_PARM_DESC(max_instances, "Most interface instances in all (default 65536)");

unsigned int ifreg_max_instances_per_class = 4096;
EXPORT_SYMBOL_IF_KUNIT(ifreg_max_instances_per_class);
module_param_named(max_instances_per_class, ifreg_max_instances_per_class, uint, 0444);
MODULE_PARM_DESC(max_instances_per_class, "Most instances of one class (default 4096)");

/* The longest list ifreg_get_interfaces() gives: one kmalloc() block. */
size_t ifreg_list_max = KMALLOC_MAX_SIZE;
EXPORT_SYMBOL_IF_KUNIT(ifreg_list_max);

/**
 * struct ifreg_pdo - the instances bound to one PDO
 * @node: link in ifreg_pdos, keyed by @pdo
 * @pdo: the device, with a reference held
 * @instances: its instances, linked by &ifreg_instance.pdo_node
 * @settled: the watch's worker found @pdo present, its watch up, since
 *	this entry was made: its deletion is heard of (and ends the entry),
 *	so a registration on it needs no settling of its own. Written under
 *	ifreg_lock, peeked at under RCU.
 * @mixed: @instances have been of more than one instance path (@pdo was
 *	renamed, or given an "&n" name): only then may an instance of @pdo be
 *	somewhere a lookup of @pdo's names does not find it
 * @rcu: freed after a grace period, for those peeks
 */
struct ifreg_pdo {
	struct rhash_head node;
	struct device *pdo;
	struct list_head instances;
	bool settled;
	bool mixed;
	struct rcu_head rcu;
};

static struct ifreg_class_table ifreg_classes;
static struct rhashtable ifreg_names;	/* changed under ifreg_lock */
static struct rhashtable ifreg_pdos;	/* changed under ifreg_lock */
static unsigned int ifreg_count;	/* protected by ifreg_lock */
static u64 ifreg_registrations;		/* protected by ifreg_lock */

/* Grows with every change: dumps use it to flag races. */
static u64 ifreg_generation;		/* protected by ifreg_lock */
static LIST_HEAD(ifreg_listeners);	/* protected by ifreg_lock */

/*
 * Names are keyed by ifreg_names_key(), compared without regard to case;
 * lookups hand a struct ifreg_key, which carries the key's length.
 */
static u32 ifreg_inst_hash(const void *obj, u32 len, u32 seed)
{
	const struct ifreg_instance *inst = obj;

	return ifreg_fold_hash(ifreg_instance_key(inst), inst->key_len, seed);
}

static int ifreg_inst_cmp(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct ifreg_instance *inst = obj;
	const struct ifreg_key *key = arg->key;

	return key->len != inst->key_len ||
	       !ifreg_fold_equal(ifreg_instance_key(inst), key->s, key->len);
}

static const struct rhashtable_params ifreg_name_params = {
	.head_offset = offsetof(struct ifreg_instance, name_node),
	.hashfn = ifreg_key_hash,
	.obj_hashfn = ifreg_inst_hash,
	.obj_cmpfn = ifreg_inst_cmp,
	.automatic_shrinking = true,
};

static const struct rhashtable_params ifreg_pdo_params = {
	.key_len = sizeof(struct device *),
	.key_offset = offsetof(struct ifreg_pdo, pdo),
	.head_offset = offsetof(struct ifreg_pdo, node),
	.automatic_shrinking = true,
};

/* The instances bound to @pdo, or NULL when none is. */
static struct ifreg_pdo *ifreg_pdo_find(struct device *pdo)
{
	lockdep_assert_held(&ifreg_lock);
	return rhashtable_lookup_fast(&ifreg_pdos, &pdo, ifreg_pdo_params);
}

/*
 * Whether the registry holds @pdo settled (see struct ifreg_pdo), without
 * ifreg_lock: a guess, which ifreg_add_on() checks under the lock before
 * it changes anything.
 */
static bool ifreg_pdo_settled_peek(struct device *pdo)
{
	struct ifreg_pdo *p;
	bool settled;

	rcu_read_lock();
	p = rhashtable_lookup(&ifreg_pdos, &pdo, ifreg_pdo_params);
	settled = p && READ_ONCE(p->settled);
	rcu_read_unlock();
	return settled;
}

/**
 * ifreg_registry_class() - the class of a GUID
 * @class_guid: the GUID
 *
 * Context: Caller holds ifreg_lock.
 * Return: the class, or NULL if it was never registered.
 */
struct ifreg_class *ifreg_registry_class(const guid_t *class_guid)
{
	return ifreg_class_lookup(&ifreg_classes, class_guid);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_registry_class);

/* The one point every change passes: count it, tell every listener. */
static void ifreg_changed(enum ifreg_event_type type, struct ifreg_instance *inst)
{
	struct ifreg_listener *l;

	lockdep_assert_held(&ifreg_lock);
	ifreg_generation++;
	list_for_each_entry(l, &ifreg_listeners, node)
		l->changed(type, inst);
}

/**
 * ifreg_registry_listen() - hear of every change from now on
 * @l: the listener, with @l->changed set
 *
 * Context: Process context; sleeps. Takes ifreg_lock.
 */
void ifreg_registry_listen(struct ifreg_listener *l)
{
	mutex_lock(&ifreg_lock);
	list_add_tail(&l->node, &ifreg_listeners);
	mutex_unlock(&ifreg_lock);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_registry_listen);

/**
 * ifreg_registry_unlisten() - stop hearing of changes
 * @l: a listener given to ifreg_registry_listen()
 *
 * Once it returns, @l->changed is not running and will not be called.
 *
 * Context: Process context; sleeps. Takes ifreg_lock.
 */
void ifreg_registry_unlisten(struct ifreg_listener *l)
{
	mutex_lock(&ifreg_lock);
	list_del(&l->node);
	mutex_unlock(&ifreg_lock);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_registry_unlisten);

/**
 * ifreg_registry_generation() - how many changes the registry has made
 *
 * Context: Caller holds ifreg_lock.
 * Return: a number that grows with every change.
 */
u64 ifreg_registry_generation(void)
{
	lockdep_assert_held(&ifreg_lock);
	return ifreg_generation;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_registry_generation);

/**
 * ifreg_registry_class_list() - every class, in order of registration
 *
 * Context: Caller holds ifreg_lock while it walks the list.
 * Return: the list of &struct ifreg_class, linked by their list_node.
 */
struct list_head *ifreg_registry_class_list(void)
{
	return &ifreg_classes.list;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_registry_class_list);

static struct ifreg_instance *ifreg_lookup(const struct ifreg_key *key)
{
	lockdep_assert_held(&ifreg_lock);
	return rhashtable_lookup_fast(&ifreg_names, key, ifreg_name_params);
}

/* The instance that has @names, or NULL. */
static struct ifreg_instance *ifreg_lookup_names(const struct ifreg_names *names)
{
	struct ifreg_key key = {
		.s = ifreg_names_key(names),
		.len = names->link_len - IFREG_PREFIX_LEN,
	};

	return ifreg_lookup(&key);
}

/**
 * ifreg_registry_find() - the instance a caller names
 * @symbolic_link: its name, either prefix, any letter case
 * @inst: receives the instance
 *
 * Context: Caller holds ifreg_lock; *@inst is valid while it is held.
 * Return: 0; -ENOENT when there is no such instance; -EINVAL for NULL.
 */
int ifreg_registry_find(const char *symbolic_link, struct ifreg_instance **inst)
{
	struct ifreg_key key;
	int err;

	lockdep_assert_held(&ifreg_lock);
	err = ifreg_name_key(symbolic_link, &key);
	if (err)
		return err;
	*inst = ifreg_lookup(&key);
	return *inst ? 0 : -ENOENT;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_registry_find);

/* Bind @inst to @pdo, whose entry is @p (NULL: it has none yet). */
static int ifreg_bind(struct ifreg_instance *inst, struct device *pdo,
		      struct ifreg_pdo *p)
{
	struct ifreg_instance *first;
	int err;

	lockdep_assert_held(&ifreg_lock);
	if (!p) {
		p = kzalloc(sizeof(*p), GFP_KERNEL);
		if (!p)
			return -ENOMEM;
		p->pdo = pdo;
		INIT_LIST_HEAD(&p->instances);
		err = rhashtable_insert_fast(&ifreg_pdos, &p->node, ifreg_pdo_params);
		if (err) {
			kfree(p);
			return err;
		}
		get_device(pdo);
	}
	first = list_first_entry_or_null(&p->instances, struct ifreg_instance,
					 pdo_node);
	if (first && !ifreg_instance_same_path(first, inst))
		p->mixed = true;
	/* From the waiting, or from nowhere when new. */
	ifreg_waiting_del(inst);
	list_move_tail(&inst->pdo_node, &p->instances);
	inst->pdo = pdo;
	return 0;
}

/*
 * An instance without a PDO waits for one: the device at @location, its
 * own (see ifreg_device_location()); out of memory for what the waiting
 * tables find it by, any device with its instance path (found by a walk).
 */
static void ifreg_wait_for_pdo(struct ifreg_instance *inst, const char *location)
{
	lockdep_assert_held(&ifreg_lock);
	inst->pdo = NULL;
	/* Its key in the waiting's tables changes. */
	ifreg_waiting_del(inst);
	ifreg_waiting_add(inst, ifreg_wait_new(location));
}

/*
 * Let go of the PDO. Returns the device whose reference the caller must
 * drop once ifreg_lock is released (a release function may do anything),
 * or NULL.
 */
static struct device *ifreg_unbind(struct ifreg_instance *inst)
{
	struct device *pdo = inst->pdo;
	struct ifreg_pdo *p;

	lockdep_assert_held(&ifreg_lock);
	if (!pdo) {
		ifreg_waiting_del(inst);
		return NULL;
	}
	list_del_init(&inst->pdo_node);
	p = ifreg_pdo_find(pdo);
	inst->pdo = NULL;
	if (!list_empty(&p->instances))
		return NULL;
	rhashtable_remove_fast(&ifreg_pdos, &p->node, ifreg_pdo_params);
	kfree_rcu(p, rcu);
	return pdo;
}

/*
 * Whether a driver's probe of @pdo is running: PnP has not finished
 * starting it (the driver core says DL_DEV_PROBING from the moment it
 * checks the suppliers until the probe has succeeded or failed).
 */
static bool ifreg_pdo_starting(struct device *pdo)
{
	return READ_ONCE(pdo->links.status) == DL_DEV_PROBING;
}

/* Tell everyone an enabled instance arrived: uevent, notification, event. */
static void ifreg_announce(struct ifreg_instance *inst)
{
	struct ifreg_instance_device *idev = ifreg_instance_device(inst);

	lockdep_assert_held(&ifreg_lock);
	ifreg_device_announce(inst->dev);
	ifreg_event_queue(idev->arrival);
	idev->arrival = NULL;
	ifreg_changed(IFREG_EVENT_ARRIVAL, inst);
}

/*
 * Into its class's list of enabled instances, in order of registration:
 * from the end, where an instance enabled as it was registered goes.
 */
static void ifreg_enabled_add(struct ifreg_instance *inst)
{
	struct list_head *pos = &inst->class->enabled;
	struct ifreg_instance *e;

	list_for_each_entry_reverse(e, &inst->class->enabled, enabled_node) {
		if (e->seq < inst->seq)
			break;
		pos = &e->enabled_node;
	}
	/* Before @pos: after the last one registered earlier. */
	list_add_tail(&inst->enabled_node, pos);
}

/* The device node @inst's device is to name: its IFREG_DEVPKEY_DEVNODE. */
static int ifreg_devnode_of(struct ifreg_instance *inst, struct ifreg_devnode **node)
{
	struct ifreg_store_entry *e = ifreg_builtin_devnode(inst);

	*node = NULL;
	if (!e)
		return 0;
	*node = ifreg_devnode_new(e->data);
	return *node ? 0 : -ENOMEM;
}

/*
 * Enable: the instance's device, its link in the class directory, and its
 * arrival. Inside a probe of its PDO the arrival waits (uevent included)
 * until the probe has succeeded, as Windows sends none before
 * IRP_MN_START_DEVICE completes: see ifreg_registry_started().
 */
static int ifreg_enable(struct ifreg_instance *inst, enum ifreg_reason why)
{
	struct ifreg_event_rec *arrival, *removal;
	struct ifreg_watch_ticket *ticket = NULL;
	struct ifreg_devnode *node;
	struct device *dev;
	bool starting;
	char *name;
	int err;

	lockdep_assert_held(&ifreg_lock);
	if (inst->dev)
		return IFREG_EXISTS;
	if (!inst->pdo)
		return -ENODEV;

	/* Both events now, so that disabling can never fail. */
	arrival = ifreg_event_alloc(IFREG_ARRIVAL, &inst->class->guid,
				    inst->link);
	removal = ifreg_event_alloc(IFREG_REMOVAL, &inst->class->guid,
				    inst->link);
	name = ifreg_instance_dev_name(inst);
	if (!arrival || !removal || !name) {
		err = -ENOMEM;
		goto err_free_events;
	}
	err = ifreg_devnode_of(inst, &node);
	if (err)
		goto err_free_events;
	/*
	 * A probe that is ending may already have been heard of (a caller
	 * other than the driver, racing its failure): the watch's worker
	 * looks again once no probe runs, and settles the arrival then.
	 */
	starting = ifreg_pdo_starting(inst->pdo);
	if (starting) {
		ticket = ifreg_watch_device(inst->pdo);
		if (IS_ERR(ticket)) {
			err = PTR_ERR(ticket);
			goto err_free_node;
		}
	}

	/* The registry view first: a udev rule run by "add" sees it. */
	err = ifreg_class_link(inst->class, inst->pdo, name);
	if (err)
		goto err_settle;
	/* From here on the device owns the node, whatever happens. */
	err = ifreg_device_add(inst, name, starting, node, &dev);
	node = NULL;
	if (err)
		goto err_unlink;
	kfree(name);

	inst->dev = dev;
	ifreg_instance_device(inst)->removal = removal;
	ifreg_instance_device(inst)->arrival = arrival;
	ifreg_enabled_add(inst);
	if (!starting)
		ifreg_announce(inst);
	else
		ifreg_watch_settle(ticket);
	trace_ifreg_set_state(inst, ifreg_reason_name(why), true, !starting);
	return 0;

err_unlink:
	ifreg_class_unlink(inst->class, name);
err_settle:
	/* Nothing to settle: the worker finds nothing waiting. */
	if (ticket)
		ifreg_watch_settle(ticket);
err_free_node:
	ifreg_devnode_free(node);
err_free_events:
	kfree(name);
	ifreg_event_free(arrival);
	ifreg_event_free(removal);
	return err;
}

/*
 * Disable. An instance whose arrival was announced leaves with a "remove"
 * uevent, a removal notification and event; one enabled in a probe that
 * has not succeeded leaves as quietly as it came.
 */
static void ifreg_disable(struct ifreg_instance *inst, enum ifreg_reason why)
{
	struct ifreg_instance_device *idev = ifreg_instance_device(inst);
	struct ifreg_event_rec *arrival = idev->arrival, *removal = idev->removal;
	struct device *dev = inst->dev;

	lockdep_assert_held(&ifreg_lock);
	/* Taken before the device goes: deleting it may free it. */
	idev->arrival = NULL;
	idev->removal = NULL;
	/* The link has the device's name. */
	ifreg_class_unlink(inst->class, dev_name(dev));
	inst->dev = NULL;
	/* Left empty: a dump holding it sees it went (netlink.c). */
	list_del_init(&inst->enabled_node);
	ifreg_device_del(dev);
	trace_ifreg_set_state(inst, ifreg_reason_name(why), false, !arrival);
	if (!arrival) {
		ifreg_event_queue(removal);
		ifreg_changed(IFREG_EVENT_REMOVAL, inst);
		return;
	}
	/* Never announced: it leaves as quietly as it came. */
	ifreg_event_free(arrival);
	ifreg_event_free(removal);
}

/* The caps' rule for one more instance of @cls (NULL: a new class). */
static int ifreg_room(const struct ifreg_class *cls,
		      const struct ifreg_restore_ahead *ahead,
		      struct ifreg_restore_ahead *adds)
{
	memset(adds, 0, sizeof(*adds));
	/* In 64 bits: what a request says is ahead must not wrap the sum. */
	if ((u64)ifreg_count + ahead->instances >= ifreg_max_instances)
		return -ENOSPC;
	/* A class an earlier record registers an instance of is made. */
	if (!cls && !ahead->class_instances &&
	    (u64)ifreg_classes.count + ahead->classes >= ifreg_classes.max)
		return -ENOSPC;
	if ((u64)(cls ? cls->count : 0) + ahead->class_instances >=
	    ifreg_max_instances_per_class)
		return -ENOSPC;
	adds->instances = 1;
	adds->class_instances = 1;
	adds->classes = !cls && !ahead->class_instances;
	return 0;
}

/**
 * ifreg_registry_room() - whether the caps take one more instance
 * @class_guid: its class
 * @ahead: what a store's records restored before it add, counted in
 * @adds: receives what it adds: the instance, and its class when new;
 *	zero unless 0 is returned
 *
 * The caps' rule, max_instances, max_classes and max_instances_per_class,
 * for registering and restoring alike, and for a restore's check.
 *
 * Context: Caller holds ifreg_lock.
 * Return: 0, or -ENOSPC when a cap is reached.
 */
int ifreg_registry_room(const guid_t *class_guid, const struct ifreg_restore_ahead *ahead,
			struct ifreg_restore_ahead *adds)
{
	lockdep_assert_held(&ifreg_lock);
	return ifreg_room(ifreg_class_lookup(&ifreg_classes, class_guid), ahead,
			  adds);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_registry_room);

/*
 * Put a new instance in every table, bound to @pdo, whose entry is @p
 * (NULL: none yet), or, if @pdo is NULL, waiting for the device at
 * @location (NULL: any with its instance path).
 */
static int ifreg_insert(struct ifreg_instance *inst, struct device *pdo,
			struct ifreg_pdo *p, const char *location,
			const guid_t *class_guid)
{
	static const struct ifreg_restore_ahead none;
	struct ifreg_restore_ahead adds;
	struct ifreg_wait *wait = NULL;
	struct ifreg_class *cls;
	bool new_class;
	int err;

	lockdep_assert_held(&ifreg_lock);
	cls = ifreg_class_lookup(&ifreg_classes, class_guid);
	err = ifreg_room(cls, &none, &adds);
	if (err)
		return err;
	if (!pdo) {
		wait = ifreg_wait_new(location);
		if (!wait)
			return -ENOMEM;
	}
	new_class = !cls;
	if (new_class) {
		err = ifreg_class_add(&ifreg_classes, class_guid, &cls);
		if (err < 0) {
			ifreg_wait_free(wait);
			return err;
		}
	}

	inst->class = cls;
	err = rhashtable_insert_fast(&ifreg_names, &inst->name_node,
				     ifreg_name_params);
	if (err)
		goto err_class;
	if (pdo) {
		err = ifreg_bind(inst, pdo, p);
		if (err) {
			rhashtable_remove_fast(&ifreg_names, &inst->name_node,
					       ifreg_name_params);
			goto err_class;
		}
	} else {
		ifreg_waiting_add(inst, wait);
	}
	inst->seq = ++ifreg_registrations;
	list_add_tail(&inst->class_node, &cls->instances);
	cls->count++;
	ifreg_count++;
	ifreg_changed(IFREG_EVENT_REGISTERED, inst);
	return 0;

err_class:
	/* A failed registration leaves no class it made behind. */
	if (new_class)
		ifreg_class_del(&ifreg_classes, cls);
	ifreg_wait_free(wait);
	return err;
}

static bool ifreg_same_reference(const char *a, const char *b)
{
	return a && b ? !strcasecmp(a, b) : a == b;
}

/* The instance of @class_guid and @reference in @p (may be NULL), or NULL. */
static struct ifreg_instance *ifreg_pdo_instance(struct ifreg_pdo *p,
						 const guid_t *class_guid,
						 const char *reference)
{
	struct ifreg_instance *inst;

	lockdep_assert_held(&ifreg_lock);
	if (!p)
		return NULL;
	list_for_each_entry(inst, &p->instances, pdo_node) {
		if (guid_equal(&inst->class->guid, class_guid) &&
		    ifreg_same_reference(ifreg_instance_reference(inst), reference))
			return inst;
	}
	return NULL;
}

/*
 * Whether an instance in @p may have a name other than the one @names
 * gives its class and reference: @p has held instances of more than one
 * instance path, or of another than @names' (its device renamed since, or
 * given an "&n" name). If not, a lookup of @names finds it, and @p's
 * instances need not be walked.
 */
static bool ifreg_pdo_named_otherwise(struct ifreg_pdo *p,
				      const struct ifreg_names *names)
{
	const struct ifreg_instance *first;

	lockdep_assert_held(&ifreg_lock);
	if (!p)
		return false;
	if (p->mixed)
		return true;
	first = list_first_entry_or_null(&p->instances, struct ifreg_instance,
					 pdo_node);
	return first && (first->path_len != names->path_len ||
			 !ifreg_fold_equal(ifreg_instance_key(first),
					   ifreg_names_key(names), names->path_len));
}

/*
 * Whether @inst, waiting, is the registration of the device at @location
 * (see ifreg_device_location()). One that never knew its location (a
 * restore without a sysfs path) takes any device with its instance path.
 */
static bool ifreg_waits_for(const struct ifreg_instance *inst,
			    const char *location)
{
	lockdep_assert_held(&ifreg_lock);
	const char *where = ifreg_waiting_location(inst);

	return !where || (location && !strcmp(where, location));
}

/* The names of the @n-th instance path from @names' (n >= 2): "...&n". */
static int ifreg_names_nth(const struct ifreg_names *names, unsigned int n,
			   const guid_t *class_guid, const char *reference,
			   struct ifreg_names *nth)
{
	char *path;
	int err;

	path = kasprintf(GFP_KERNEL, "%s&%u", names->instance_path, n);
	if (!path)
		return -ENOMEM;
	err = ifreg_names_from_path(path, class_guid, reference, nth);
	kfree(path);
	return err;
}

/*
 * A copy of @inst's name in *@copy, if the caller asks for one (@out is
 * not NULL), made before anything changes.
 */
static int ifreg_link_copy(const struct ifreg_instance *inst, char **out,
			   char **copy)
{
	*copy = NULL;
	if (!out)
		return 0;
	*copy = kstrdup(inst->link, GFP_KERNEL);
	return *copy ? 0 : -ENOMEM;
}

/*
 * What ifreg_add_on() asks its caller for, having changed nothing: @pdo's
 * location (a registration waits under one of its names), or a ticket to
 * settle @pdo with (the registry does not hold it settled).
 */
#define IFREG_NEED_LOCATION	(IFREG_EXISTS + 1)
#define IFREG_NEED_TICKET	(IFREG_EXISTS + 2)

/*
 * Register on @pdo (a driver's call): find the instance @pdo has, or take
 * the first of the names "<path>", "<path>&2", "<path>&3"... that is free
 * or waits for this very device. Names held by other devices (a device
 * renamed since, one of another network namespace, one gone that may
 * return) are never taken. @location is @pdo's, or NULL when not known
 * yet; @ticketed, whether the caller will settle @pdo. Gives the instance
 * in *@found, its name in *@out (when not NULL; a new instance's is taken
 * from @names) and in *@settled whether the registry held @pdo settled.
 * Nothing fails once something has changed. Caller holds ifreg_lock.
 */
static int ifreg_add_on(struct ifreg_names *names, const char *reference,
			const guid_t *class_guid, struct device *pdo,
			const char *location, bool ticketed, bool *settled,
			char **out, struct ifreg_instance **found)
{
	struct ifreg_names nth, *try = names;
	struct ifreg_instance *inst;
	struct ifreg_pdo *p;
	unsigned int n = 1;
	char *copy;
	int ret;

	lockdep_assert_held(&ifreg_lock);
	p = ifreg_pdo_find(pdo);
	*settled = p && p->settled;
	inst = NULL;
	if (ifreg_pdo_named_otherwise(p, names))
		inst = ifreg_pdo_instance(p, class_guid, reference);
	if (inst)
		goto exists;
	memset(&nth, 0, sizeof(nth));
	for (;;) {
		inst = ifreg_lookup_names(try);
		if (!inst) {
			if (!ticketed && !*settled) {
				ret = IFREG_NEED_TICKET;
				break;
			}
			inst = ifreg_instance_new(try);
			if (!inst) {
				ret = -ENOMEM;
				break;
			}
			ret = ifreg_insert(inst, pdo, p, NULL, class_guid);
			if (ret) {
				ifreg_instance_put(inst);
				break;
			}
			trace_ifreg_register(inst, "register", false, false);
			/* The instance's own name: no copy to make. */
			if (out)
				*out = ifreg_names_take_link(try);
			*found = inst;
			break;
		}
		/* Its name is @pdo's name for the class and reference. */
		if (inst->pdo == pdo) {
			ifreg_names_free(&nth);
			goto exists;
		}
		if (!inst->pdo && !location) {
			ret = IFREG_NEED_LOCATION;
			break;
		}
		if (!inst->pdo && ifreg_waits_for(inst, location)) {
			if (!ticketed && !*settled) {
				ret = IFREG_NEED_TICKET;
				break;
			}
			ret = ifreg_link_copy(inst, out, &copy);
			if (ret)
				break;
			ret = ifreg_bind(inst, pdo, p);
			if (ret) {
				kfree(copy);
				break;
			}
			trace_ifreg_bind(inst, "register");
			ifreg_changed(IFREG_EVENT_CHANGED, inst);
			if (out)
				*out = copy;
			*found = inst;
			ret = IFREG_EXISTS;
			break;
		}
		/* Held by another device: the next name. */
		ifreg_names_free(&nth);
		if (++n > ifreg_max_instances) {
			ret = -ENOSPC;
			break;
		}
		ret = ifreg_names_nth(names, n, class_guid, reference, &nth);
		if (ret)
			break;
		try = &nth;
	}
	ifreg_names_free(&nth);
	return ret;

exists:
	ret = ifreg_link_copy(inst, out, &copy);
	if (ret)
		return ret;
	if (out)
		*out = copy;
	*found = inst;
	return IFREG_EXISTS;
}

/*
 * A restore's bind: @inst to @pdo, the device at @location, if @inst waits
 * for that device (a removed instance waits for none) and @pdo has no
 * instance of its class and reference yet. Out of memory, it keeps waiting.
 */
static void ifreg_bind_restored(struct ifreg_instance *inst, struct device *pdo,
				const char *location)
{
	struct ifreg_pdo *p = ifreg_pdo_find(pdo);

	lockdep_assert_held(&ifreg_lock);
	if (inst->waiting && ifreg_waits_for(inst, location) &&
	    !ifreg_pdo_instance(p, &inst->class->guid, ifreg_instance_reference(inst)) &&
	    !ifreg_bind(inst, pdo, p)) {
		trace_ifreg_bind(inst, "restore");
		ifreg_changed(IFREG_EVENT_CHANGED, inst);
	}
}

/*
 * Restore the registration @names names (a store's record): bound to @pdo
 * when it is given and the instance is new or waits for it, else waiting
 * for the device at @location. Restoring one that exists changes nothing
 * else. Gives the instance in *@found and, if @out is not NULL, a copy of
 * its name in *@out. Caller holds ifreg_lock.
 */
static int ifreg_add_restored(struct ifreg_names *names, const char *reference,
			      const guid_t *class_guid, struct device *pdo,
			      const char *location, char **out,
			      struct ifreg_instance **found)
{
	struct ifreg_instance *inst;
	char *copy;
	int ret;

	lockdep_assert_held(&ifreg_lock);
	inst = ifreg_lookup_names(names);
	if (inst) {
		ret = ifreg_link_copy(inst, out, &copy);
		if (ret)
			return ret;
		if (pdo)
			ifreg_bind_restored(inst, pdo, location);
		ret = IFREG_EXISTS;
		goto out;
	}
	inst = ifreg_instance_new(names);
	if (!inst)
		return -ENOMEM;
	ret = ifreg_link_copy(inst, out, &copy);
	if (!ret)
		ret = ifreg_insert(inst, pdo, pdo ? ifreg_pdo_find(pdo) : NULL,
				   location, class_guid);
	if (ret) {
		kfree(copy);
		ifreg_instance_put(inst);
		return ret;
	}
	trace_ifreg_register(inst, "restore", false, false);
out:
	if (out)
		*out = copy;
	*found = inst;
	return ret;
}

/*
 * Register, or restore, and hand out the name in *@symbolic_link and the
 * instance, with a reference, in *@found, and whether the registry held
 * @pdo settled (see struct ifreg_pdo) in *@settled, each if not NULL.
 * @pdo may be NULL for a restore (the registration waits). A registration
 * may answer IFREG_NEED_LOCATION or IFREG_NEED_TICKET instead, having
 * changed nothing (see ifreg_add_on()).
 */
static int ifreg_add(struct ifreg_names *names, const char *reference,
		     const guid_t *class_guid, struct device *pdo,
		     const char *location, bool restore, bool ticketed,
		     bool *settled, char **symbolic_link,
		     struct ifreg_instance **found)
{
	struct ifreg_instance *inst = NULL;
	bool held = false;
	int ret;

	mutex_lock(&ifreg_lock);
	if (restore)
		ret = ifreg_add_restored(names, reference, class_guid, pdo,
					 location, symbolic_link, &inst);
	else
		ret = ifreg_add_on(names, reference, class_guid, pdo, location,
				   ticketed, &held, symbolic_link, &inst);
	if (ret == IFREG_NEED_LOCATION || ret == IFREG_NEED_TICKET || ret < 0) {
		mutex_unlock(&ifreg_lock);
		return ret;
	}
	if (found) {
		kref_get(&inst->ref);
		*found = inst;
	}
	mutex_unlock(&ifreg_lock);
	if (settled)
		*settled = held;
	return ret;
}

/* Register on a device: ifreg_register_interface(), with the instance too. */
static int ifreg_register(struct device *pdo, const guid_t *class_guid,
			  const char *reference, char **symbolic_link,
			  struct ifreg_instance **inst)
{
	struct ifreg_watch_ticket *ticket = NULL;
	struct ifreg_names names;
	char *location = NULL;
	bool settled = false;
	int ret;

	if (!pdo || !class_guid || !device_is_registered(pdo) ||
	    ifreg_device_is_instance(pdo))
		return -EINVAL;
	ret = ifreg_names_build(pdo, class_guid, reference, &names);
	if (ret)
		return ret;
	/*
	 * A ticket, unless the registry holds @pdo settled; the location,
	 * only if a registration waits under one of @pdo's names. Each is
	 * made when ifreg_add() asks, before it has changed anything.
	 */
	if (!ifreg_pdo_settled_peek(pdo)) {
		ticket = ifreg_watch_device(pdo);
		if (IS_ERR(ticket)) {
			ret = PTR_ERR(ticket);
			goto out_names;
		}
	}
	for (;;) {
		ret = ifreg_add(&names, reference, class_guid, pdo, location,
				false, !!ticket, &settled, symbolic_link, inst);
		if (ret == IFREG_NEED_LOCATION) {
			ret = ifreg_device_location(pdo, &location);
		} else if (ret == IFREG_NEED_TICKET) {
			ticket = ifreg_watch_device(pdo);
			ret = PTR_ERR_OR_ZERO(ticket);
			if (ret)
				ticket = NULL;
		} else {
			break;
		}
		if (ret)
			break;
	}
	/*
	 * Whatever happened to @pdo meanwhile is looked at again, unless the
	 * registry held it settled: then nothing can have been missed.
	 */
	if (ticket && settled)
		ifreg_watch_drop(ticket);
	else if (ticket)
		ifreg_watch_settle(ticket);
	kfree(location);
out_names:
	ifreg_names_free(&names);
	return ret;
}

/**
 * ifreg_registry_register() - register an instance, and get it
 * @pdo: as for ifreg_register_interface()
 * @class_guid: as for ifreg_register_interface()
 * @reference: as for ifreg_register_interface()
 * @inst: receives the instance, with a reference the caller drops with
 *	ifreg_instance_put()
 *
 * ifreg_register_interface() for callers inside ifreg that need the
 * instance itself (netlink's reply), not just its name. Returns once the
 * watch of @pdo is up and @pdo settled (see ifreg_watch_settle()), so that
 * user space's next step sees the registry as it stays.
 *
 * Context: Process context; sleeps. Holds no lock of the driver core.
 * Takes ifreg_lock.
 * Return: as ifreg_register_interface().
 */
int ifreg_registry_register(struct device *pdo, const guid_t *class_guid,
			    const char *reference, struct ifreg_instance **inst)
{
	int ret = ifreg_register(pdo, class_guid, reference, NULL, inst);

	ifreg_watch_flush();
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_registry_register);

/**
 * ifreg_register_interface() - register an interface instance on a device
 * @pdo: the device, registered, on a bus or in a class
 * @class_guid: the interface class; registered on first use
 * @reference: a reference string, or NULL: printable, no '/' or '\'
 * @symbolic_link: receives the instance's name, to be freed with kfree()
 *
 * IoRegisterDeviceInterface. Registration does not enable. The instance
 * belongs to @pdo: registering again on @pdo, renamed or not, gives its
 * name and IFREG_EXISTS. A registration outlives its PDO: when the device
 * comes back at the same location (see ifreg_device_location()) and
 * registers again, it gets the same name and IFREG_EXISTS. A name held by
 * another device's registration is never taken: @pdo gets the first free
 * one of "<instance path>", "<instance path>&2", ... (Documentation/ifreg.rst,
 * "Identity").
 *
 * Context: Process context; sleeps; any context a driver registers in,
 * notifiers of @pdo's bus and class interfaces of its class included.
 * Takes ifreg_lock. What happened to @pdo while its bus or class was not
 * yet watched is settled by a worker afterwards: registered while being
 * deleted, the instance ends up waiting.
 * Return:
 * * 0 - registered; *@symbolic_link is its name
 * * IFREG_EXISTS - already registered (now bound to @pdo if it was waiting
 *   for it); *@symbolic_link is its name
 * * -EINVAL - a NULL argument, @pdo not registered, on neither bus nor
 *   class, an instance's own device, or named with a '\' or a control
 *   character, or a bad @reference (empty, '/' or '\', unprintable, too
 *   long)
 * * -ENOSPC - a cap (max_instances, max_instances_per_class, max_classes)
 * * -ENOMEM - out of memory
 */
int ifreg_register_interface(struct device *pdo, const guid_t *class_guid,
			     const char *reference, char **symbolic_link)
{
	if (!symbolic_link)
		return -EINVAL;
	return ifreg_register(pdo, class_guid, reference, symbolic_link, NULL);
}
EXPORT_SYMBOL_GPL(ifreg_register_interface);

/*
 * Whether @instance_path, a store's, is the instance path @path of a
 * device now, but for the "&n" a second device of that name was given.
 */
static bool ifreg_same_path(const char *instance_path, const char *path)
{
	size_t len = strlen(path);
	const char *p;

	if (strncasecmp(instance_path, path, len))
		return false;
	p = instance_path + len;
	if (!*p)
		return true;
	if (*p++ != '&' || !*p)
		return false;
	for (; *p; p++) {
		if (!isdigit(*p))
			return false;
	}
	return true;
}

/*
 * The device at @sysfs_path, with a reference, when it can be the PDO of
 * an instance with @instance_path: registered, named so (in any letter
 * case, as names compare, "&n" aside). Otherwise *@pdo is NULL: another
 * device there now is no error, the registration waits for its own.
 */
static int ifreg_restore_find_pdo(const char *sysfs_path,
				  const char *instance_path, struct device **pdo)
{
	struct device *dev;
	char *path;
	bool match;
	int err;

	*pdo = NULL;
	if (!sysfs_path)
		return 0;
	dev = ifreg_device_find(sysfs_path);
	if (!dev)
		return 0;
	if (!device_is_registered(dev) || ifreg_device_is_instance(dev))
		goto out_put;
	err = ifreg_names_instance_path(dev, &path);
	if (err == -EINVAL)
		goto out_put;
	if (err)
		goto err_put;
	match = ifreg_same_path(instance_path, path);
	kfree(path);
	if (!match)
		goto out_put;
	*pdo = dev;
	return 0;

out_put:
	put_device(dev);
	return 0;
err_put:
	put_device(dev);
	return err;
}

/*
 * Bind @inst, restored from @instance_path and waiting for the device at
 * @location, if that device is there now. ifreg_restore() looked for it
 * before @inst waited: a device added in between may have been told to the
 * registry (ifreg_registry_device_added()) while nothing waited for it,
 * and is bound only here. As at the first look, its bus or class is watched
 * from then on. Out of memory, @inst keeps waiting.
 */
static void ifreg_restore_look_again(struct ifreg_instance *inst,
				     const char *instance_path,
				     const char *location)
{
	struct ifreg_watch_ticket *ticket;
	struct device *pdo;

	/*
	 * Store buffering with ifreg_registry_device_added(): there, the
	 * device is put in devices_kset and marked registered, then the
	 * waiting are read without a lock; here, @inst was made to wait, then
	 * devices_kset is read. No lock orders the two (the kset's covers its
	 * list, not device_is_registered()), so each side has a full barrier
	 * between its write and its read: one at least sees the other's.
	 */
	smp_mb();
	if (ifreg_restore_find_pdo(location, instance_path, &pdo) ||
	    !pdo)
		return;
	ticket = ifreg_watch_device(pdo);
	if (!IS_ERR(ticket)) {
		mutex_lock(&ifreg_lock);
		/* Not if bound since (by that addition) or removed. */
		ifreg_bind_restored(inst, pdo, location);
		mutex_unlock(&ifreg_lock);
		ifreg_watch_settle(ticket);
	}
	put_device(pdo);
}

#if IS_ENABLED(CONFIG_KUNIT)
struct ifreg_test_hooks ifreg_test_hooks;
EXPORT_SYMBOL_IF_KUNIT(ifreg_test_hooks);
#endif

/* Restore: ifreg_restore_interface(), with the instance too. */
static int ifreg_restore(const char *instance_path, const guid_t *class_guid,
			 const char *reference, const char *sysfs_path,
			 char **symbolic_link, struct ifreg_instance **inst)
{
	struct ifreg_watch_ticket *ticket = NULL;
	const char *location = NULL;
	struct ifreg_instance *found;
	struct ifreg_names names;
	struct device *pdo;
	int ret;

	if (!instance_path || !class_guid)
		return -EINVAL;
	ret = ifreg_names_from_path(instance_path, class_guid, reference, &names);
	if (ret)
		return ret;
	ret = ifreg_restore_find_pdo(sysfs_path, names.instance_path, &pdo);
	if (ret)
		goto out_names;
	if (pdo) {
		ticket = ifreg_watch_device(pdo);
		if (IS_ERR(ticket)) {
			ret = PTR_ERR(ticket);
			goto out_put;
		}
	}
	/* A location is a sysfs path without "/sys". */
	if (sysfs_path)
		location = strncmp(sysfs_path, "/sys/", 5) ? sysfs_path : sysfs_path + 4;
	if (IS_ENABLED(CONFIG_KUNIT) && ifreg_test_hooks.restore_looked)
		ifreg_test_hooks.restore_looked();
	ret = ifreg_add(&names, reference, class_guid, pdo, location, true,
			true, NULL, symbolic_link, &found);
	if (ticket)
		ifreg_watch_settle(ticket);
	if (ret < 0)
		goto out_put;
	if (!pdo && location)
		ifreg_restore_look_again(found, names.instance_path, location);
	if (inst)
		*inst = found;
	else
		ifreg_instance_put(found);
out_put:
	/* A bound instance holds its own reference. */
	put_device(pdo);
out_names:
	ifreg_names_free(&names);
	return ret;
}

/**
 * ifreg_restore_interface() - bring back a registration a store saved
 * @instance_path: the instance path its device had, "<SUBSYSTEM>\<name>"
 *	(see ifreg_instance_path_valid())
 * @class_guid: the interface class; registered on first use
 * @reference: its reference string, or NULL
 * @sysfs_path: the sysfs path its device had, or NULL
 * @symbolic_link: receives the instance's name, to be freed with kfree()
 *
 * What "ifregctl restore" does for each saved registration. The instance
 * gets exactly the names ifreg_register_interface() gives on a device with
 * that instance path. When the device at @sysfs_path has that instance
 * path ("&n" aside), the instance is bound to it now (its bus or class is
 * watched from then on); otherwise it exists without a PDO and waits for
 * the device at @sysfs_path (without @sysfs_path, for any device with its
 * instance path): such a device added later on a bus or class ifreg
 * watches binds it (see ifreg_registry_device_added()), and so does its
 * driver registering it again. Not enabled. Restoring a registration that
 * exists binds it if it waits for the device at @sysfs_path, and is
 * otherwise a no-op. A netdev is found at @sysfs_path in the caller's
 * network namespace.
 *
 * Context: Process context; sleeps. Takes ifreg_lock and, to find the
 * device at @sysfs_path, the RTNL: must hold neither.
 * Return:
 * * 0 - restored; *@symbolic_link is its name
 * * IFREG_EXISTS - it was registered already; *@symbolic_link is its name
 * * -EINVAL - a NULL argument, a bad @instance_path or @reference, or a
 *   name too long for sysfs
 * * -ENOSPC - a cap (max_instances, max_instances_per_class, max_classes)
 * * -ENOMEM - out of memory
 */
int ifreg_restore_interface(const char *instance_path, const guid_t *class_guid,
			    const char *reference, const char *sysfs_path,
			    char **symbolic_link)
{
	if (!symbolic_link)
		return -EINVAL;
	return ifreg_restore(instance_path, class_guid, reference, sysfs_path,
			     symbolic_link, NULL);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_restore_interface);

/**
 * ifreg_registry_restore() - restore a registration, and get it
 * @instance_path: as for ifreg_restore_interface()
 * @class_guid: as for ifreg_restore_interface()
 * @reference: as for ifreg_restore_interface()
 * @sysfs_path: as for ifreg_restore_interface()
 * @inst: receives the instance, with a reference the caller drops with
 *	ifreg_instance_put()
 *
 * Returns once a device bound is settled, as ifreg_registry_register().
 *
 * Context: as ifreg_restore_interface().
 * Return: as ifreg_restore_interface().
 */
int ifreg_registry_restore(const char *instance_path, const guid_t *class_guid,
			   const char *reference, const char *sysfs_path,
			   struct ifreg_instance **inst)
{
	int ret = ifreg_restore(instance_path, class_guid, reference, sysfs_path,
				NULL, inst);

	ifreg_watch_flush();
	return ret;
}

/**
 * ifreg_registry_set_state() - enable or disable an instance, saying why
 * @symbolic_link: as for ifreg_set_interface_state()
 * @enable: as for ifreg_set_interface_state()
 * @why: who asks, for the tracepoint: IFREG_REASON_DRIVER or
 *	IFREG_REASON_USER
 *
 * Context: Process context; sleeps. Takes ifreg_lock.
 * Return: as ifreg_set_interface_state().
 */
int ifreg_registry_set_state(const char *symbolic_link, bool enable,
			     enum ifreg_reason why)
{
	struct ifreg_instance *inst;
	int ret;

	mutex_lock(&ifreg_lock);
	ret = ifreg_registry_find(symbolic_link, &inst);
	if (ret)
		goto out;
	if (enable)
		ret = ifreg_enable(inst, why);
	else if (!inst->dev)
		ret = -ENOENT;
	else
		ifreg_disable(inst, why);
out:
	mutex_unlock(&ifreg_lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_registry_set_state);

/**
 * ifreg_set_interface_state() - enable or disable an instance
 * @symbolic_link: the instance's name (either prefix, any letter case)
 * @enable: true to enable, false to disable
 *
 * IoSetDeviceInterfaceState. Only a real change touches sysfs, sends a
 * uevent and notifies subscribers.
 *
 * Context: Process context; sleeps. Takes ifreg_lock.
 * Return:
 * * 0 - enabled, or disabled
 * * IFREG_EXISTS - enabling an instance that was enabled; nothing changed
 * * -ENOENT - no such instance, or disabling one that was not enabled
 * * -ENODEV - enabling an instance whose device is gone
 * * -EINVAL - @symbolic_link is NULL
 * * -ENOMEM, or another negative errno from the driver core - not enabled
 */
int ifreg_set_interface_state(const char *symbolic_link, bool enable)
{
	return ifreg_registry_set_state(symbolic_link, enable, IFREG_REASON_DRIVER);
}
EXPORT_SYMBOL_GPL(ifreg_set_interface_state);

/* A list being measured (@p NULL: only @size grows) or written at @p. */
struct ifreg_list_out {
	size_t size;
	char *p;
};

static void ifreg_list_one(struct ifreg_instance *inst, struct device *pdo,
			   unsigned int flags, struct ifreg_list_out *out)
{
	size_t len;

	if ((pdo && inst->pdo != pdo) ||
	    (!inst->dev && !(flags & IFREG_INCLUDE_NONACTIVE)))
		return;
	len = IFREG_PREFIX_LEN + inst->key_len + 1;
	if (out->p) {
		memcpy(out->p, inst->link, len);
		out->p += len;
	}
	out->size += len;
}

/*
 * What a list of @cls holds: its default interface first, then the
 * others in order of registration; with IFREG_INCLUDE_NONACTIVE walking
 * the class, else only its enabled instances.
 */
static void ifreg_list_class(struct ifreg_class *cls, struct device *pdo,
			     unsigned int flags, struct ifreg_list_out *out)
{
	struct ifreg_instance *inst, *def = cls->default_inst;

	if (def)
		ifreg_list_one(def, pdo, flags, out);
	if (flags & IFREG_INCLUDE_NONACTIVE) {
		list_for_each_entry(inst, &cls->instances, class_node)
			if (inst != def)
				ifreg_list_one(inst, pdo, flags, out);
	} else {
		list_for_each_entry(inst, &cls->enabled, enabled_node)
			if (inst != def)
				ifreg_list_one(inst, pdo, flags, out);
	}
}

/**
 * ifreg_get_interfaces() - the names of a class's instances
 * @class_guid: the interface class
 * @pdo: only the instances on this device, or NULL for all
 * @flags: 0 for enabled instances, IFREG_INCLUDE_NONACTIVE for all
 * @list: receives "a\0b\0\0" (an empty list is "\0"), to be freed with
 *	kfree(); the class's default interface, if listed, comes first
 *
 * IoGetDeviceInterfaces. Costs the class's enabled instances, or with
 * IFREG_INCLUDE_NONACTIVE the size of the class. The list is one kmalloc()
 * block, so it holds at most KMALLOC_MAX_SIZE bytes (4 MiB on x86_64:
 * some 16000 names of the longest kind, a class's default cap of 4096
 * always fits); a longer one is -ENOMEM, as it is on Windows, with no
 * warning from the page allocator. User space lists any number by a dump.
 *
 * Context: Process context; sleeps. Takes ifreg_lock.
 * Return:
 * * 0 - *@list is set, possibly empty (also for a class never registered)
 * * -EINVAL - a NULL argument or an unknown flag
 * * -ENOMEM - out of memory, or a list over KMALLOC_MAX_SIZE bytes
 */
int ifreg_get_interfaces(const guid_t *class_guid, struct device *pdo,
			 unsigned int flags, char **list)
{
	struct ifreg_list_out out = { .size = 1 };
	struct ifreg_class *cls;
	char *buf;

	if (!class_guid || !list || (flags & ~IFREG_INCLUDE_NONACTIVE))
		return -EINVAL;

	mutex_lock(&ifreg_lock);
	cls = ifreg_registry_class(class_guid);
	if (cls)
		ifreg_list_class(cls, pdo, flags, &out);
	buf = out.size <= ifreg_list_max ?
	      kmalloc(out.size, GFP_KERNEL | __GFP_NOWARN) : NULL;
	if (!buf) {
		mutex_unlock(&ifreg_lock);
		return -ENOMEM;
	}
	out.p = buf;
	if (cls)
		ifreg_list_class(cls, pdo, flags, &out);
	*out.p = '\0';
	mutex_unlock(&ifreg_lock);

	*list = buf;
	return 0;
}
EXPORT_SYMBOL_GPL(ifreg_get_interfaces);

/**
 * ifreg_get_interface_alias() - the same device's instance of another class
 * @symbolic_link: an instance's name
 * @alias_class_guid: the other class
 * @alias_link: receives the alias's name, to be freed with kfree()
 *
 * IoGetDeviceInterfaceAlias: the instance of @alias_class_guid with the
 * same instance path and the same reference string (no reference on both
 * counts as the same), enabled or not. Asked for its own class, an instance
 * is its own alias.
 *
 * Context: Process context; sleeps. Takes ifreg_lock.
 * Return:
 * * 0 - *@alias_link is set
 * * -ENOENT - no such instance, or it has no alias in that class
 * * -EINVAL - a NULL argument
 * * -ENOMEM - out of memory
 */
int ifreg_get_interface_alias(const char *symbolic_link,
			      const guid_t *alias_class_guid, char **alias_link)
{
	struct ifreg_instance *inst, *a;
	struct ifreg_class *cls;
	char *out = NULL;
	int ret;

	if (!symbolic_link || !alias_class_guid || !alias_link)
		return -EINVAL;

	mutex_lock(&ifreg_lock);
	ret = ifreg_registry_find(symbolic_link, &inst);
	if (ret)
		goto out;
	ret = -ENOENT;
	cls = ifreg_registry_class(alias_class_guid);
	if (!cls)
		goto out;
	list_for_each_entry(a, &cls->instances, class_node) {
		if (ifreg_instance_same_path(a, inst) &&
		    ifreg_same_reference(ifreg_instance_reference(a),
					 ifreg_instance_reference(inst))) {
			out = kstrdup(a->link, GFP_KERNEL);
			ret = out ? 0 : -ENOMEM;
			break;
		}
	}
out:
	mutex_unlock(&ifreg_lock);
	if (!ret)
		*alias_link = out;
	return ret;
}
EXPORT_SYMBOL_GPL(ifreg_get_interface_alias);

/**
 * ifreg_set_default_interface() - make an instance its class's default
 * @symbolic_link: the instance's name
 *
 * The default interface comes first in ifreg_get_interfaces(). The
 * instance that was the default, if another, is no longer.
 *
 * Context: Process context; sleeps. Takes ifreg_lock.
 * Return:
 * * 0 - it is the default
 * * -ENOENT - no such instance
 * * -EINVAL - @symbolic_link is NULL
 */
int ifreg_set_default_interface(const char *symbolic_link)
{
	struct ifreg_instance *inst, *old;
	int ret;

	mutex_lock(&ifreg_lock);
	ret = ifreg_registry_find(symbolic_link, &inst);
	old = ret ? NULL : inst->class->default_inst;
	if (!ret && old != inst) {
		inst->class->default_inst = inst;
		if (old)
			ifreg_changed(IFREG_EVENT_CHANGED, old);
		ifreg_changed(IFREG_EVENT_CHANGED, inst);
	}
	mutex_unlock(&ifreg_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(ifreg_set_default_interface);

/* Take an instance out of every table; the caller drops its reference. */
static struct device *ifreg_unlink(struct ifreg_instance *inst,
				   enum ifreg_reason why)
{
	struct ifreg_class *cls = inst->class;

	lockdep_assert_held(&ifreg_lock);
	if (inst->dev)
		ifreg_disable(inst, why);
	rhashtable_remove_fast(&ifreg_names, &inst->name_node, ifreg_name_params);
	/* Left empty: a dump holding it sees it went (netlink.c). */
	list_del_init(&inst->class_node);
	if (cls->default_inst == inst)
		cls->default_inst = NULL;
	cls->count--;
	ifreg_count--;
	ifreg_changed(IFREG_EVENT_REMOVED, inst);
	trace_ifreg_remove(inst, ifreg_reason_name(why), false, false);
	return ifreg_unbind(inst);
}

/**
 * ifreg_registry_remove() - remove a registration, saying why
 * @symbolic_link: as for ifreg_remove_interface()
 * @why: who asks, for the tracepoint: IFREG_REASON_DRIVER or
 *	IFREG_REASON_USER
 *
 * Context: Process context; sleeps. Takes ifreg_lock.
 * Return: as ifreg_remove_interface().
 */
int ifreg_registry_remove(const char *symbolic_link, enum ifreg_reason why)
{
	struct ifreg_instance *inst;
	struct device *put = NULL;
	int ret;

	mutex_lock(&ifreg_lock);
	ret = ifreg_registry_find(symbolic_link, &inst);
	if (!ret && inst->dev)
		ret = -EBUSY;
	if (!ret)
		put = ifreg_unlink(inst, why);
	mutex_unlock(&ifreg_lock);

	put_device(put);
	if (!ret)
		ifreg_instance_put(inst);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_registry_remove);

/**
 * ifreg_remove_interface() - remove a registration
 * @symbolic_link: the instance's name
 *
 * What Windows allows from user mode: the registration is forgotten with
 * its stored values and properties. Its class stays. An enabled instance
 * is not removed (Windows: ERROR_DEVICE_INTERFACE_ACTIVE): disable it first.
 *
 * Context: Process context; sleeps. Takes ifreg_lock.
 * Return:
 * * 0 - removed
 * * -EBUSY - it is enabled; nothing changed
 * * -ENOENT - no such instance
 * * -EINVAL - @symbolic_link is NULL
 */
int ifreg_remove_interface(const char *symbolic_link)
{
	return ifreg_registry_remove(symbolic_link, IFREG_REASON_DRIVER);
}
EXPORT_SYMBOL_GPL(ifreg_remove_interface);

/*
 * A device is being deleted (in device_del(), before its "remove" uevent;
 * or it was, and ifreg hears of it late, see ifreg_watch_settle()).
 * Surprise removal: each enabled instance on @pdo is disabled, with its
 * "remove" uevent and notifications, before @pdo's own "remove"; every
 * registration on @pdo lets go of it and waits for the device at its
 * location (see ifreg_registry_device_added()). Called by a watch, with no
 * ifreg lock.
 */
static void ifreg_registry_device_deleted(struct device *pdo)
{
	struct ifreg_instance *inst;
	char *location = NULL;
	struct ifreg_pdo *p;

	/* Where it was, whatever it is called now; without it, by name. */
	if (ifreg_device_location(pdo, &location))
		location = NULL;
	mutex_lock(&ifreg_lock);
	p = ifreg_pdo_find(pdo);
	if (!p) {
		mutex_unlock(&ifreg_lock);
		kfree(location);
		return;
	}
	while ((inst = list_first_entry_or_null(&p->instances,
						struct ifreg_instance, pdo_node))) {
		if (inst->dev)
			ifreg_disable(inst, IFREG_REASON_DEVICE_DELETED);
		ifreg_wait_for_pdo(inst, location);
		trace_ifreg_unbind(inst, pdo, location);
		ifreg_changed(IFREG_EVENT_CHANGED, inst);
	}
	rhashtable_remove_fast(&ifreg_pdos, &p->node, ifreg_pdo_params);
	mutex_unlock(&ifreg_lock);

	kfree(location);
	kfree_rcu(p, rcu);
	put_device(pdo);
}

/*
 * A device is being added (in device_add(); on a bus, before its "add"
 * uevent), or is there when its class starts being watched. Every
 * instance waiting for the device at @dev's location is bound to it (one
 * that never knew its location, for a device with its instance path, in
 * any letter case, but never a netdev of another network namespace than
 * the initial one: whoever owns that one may not have been allowed to make
 * the registration), unless @dev has an instance of that class and
 * reference already. Costs a barrier and one read while no instance
 * waits, and the instances waiting for this device otherwise (waiting.c's
 * index), not the number waiting. Out of memory, an instance keeps
 * waiting, for its driver. Called by a watch, with no ifreg lock.
 */
static void ifreg_registry_device_added(struct device *dev)
{
	struct ifreg_instance *inst, *tmp;
	char *path, *location;
	struct ifreg_pdo *p;
	LIST_HEAD(found);

	/*
	 * @dev is in devices_kset and registered by now. Pairs with the
	 * barrier in ifreg_restore_look_again(): an instance a restore made
	 * wait is seen here, or that restore sees @dev.
	 */
	smp_mb();
	if (ifreg_waiting_none() || ifreg_device_is_instance(dev) ||
	    ifreg_names_instance_path(dev, &path))
		return;
	if (ifreg_device_location(dev, &location)) {
		kfree(path);
		return;
	}
	mutex_lock(&ifreg_lock);
	ifreg_waiting_take(location, ifreg_device_in_init_net(dev) ? path : NULL,
			   &found);
	list_for_each_entry_safe(inst, tmp, &found, pdo_node) {
		p = ifreg_pdo_find(dev);
		if (ifreg_pdo_instance(p, &inst->class->guid, ifreg_instance_reference(inst)))
			continue;
		if (ifreg_bind(inst, dev, p)) {
			pr_warn_ratelimited("%s not bound to its device: out of memory\n",
					    inst->link);
			continue;
		}
		trace_ifreg_bind(inst, "device_added");
		ifreg_changed(IFREG_EVENT_CHANGED, inst);
	}
	ifreg_waiting_put_back(&found);
	mutex_unlock(&ifreg_lock);
	kfree(location);
	kfree(path);
}

/*
 * PnP's START and REMOVE for the instances of @p, whose device is the PDO,
 * with ifreg_lock held (@waiting_only: only arrivals a probe left
 * waiting). ifreg_registry_driver() is a watch's (the bus notifier), with
 * no ifreg lock. START, a driver's probe of the PDO succeeded
 * (BUS_NOTIFY_BOUND_DRIVER): the instances it enabled in the probe arrive
 * now. REMOVE, a probe failed or a driver unbound (DRIVER_NOT_BOUND,
 * UNBOUND_DRIVER): every instance still enabled is disabled, one enabled
 * in a failed probe without a word as it never arrived; the registrations
 * stay bound, for the next probe. @why is what a disable is traced with.
 */
static void ifreg_pdo_driver(struct ifreg_pdo *p, bool started,
			     bool waiting_only, enum ifreg_reason why)
{
	struct ifreg_instance *inst;

	lockdep_assert_held(&ifreg_lock);
	list_for_each_entry(inst, &p->instances, pdo_node) {
		if (!inst->dev || (waiting_only && ifreg_instance_announced(inst)))
			continue;
		if (!started) {
			ifreg_disable(inst, why);
		} else if (!ifreg_instance_announced(inst)) {
			ifreg_announce(inst);
			trace_ifreg_announce(inst, "probe_succeeded", true, true);
		}
	}
}

static void ifreg_registry_driver(struct device *pdo, bool started,
				  enum ifreg_reason why)
{
	struct ifreg_pdo *p;

	mutex_lock(&ifreg_lock);
	p = ifreg_pdo_find(pdo);
	if (p)
		ifreg_pdo_driver(p, started, false, why);
	mutex_unlock(&ifreg_lock);
}

static void ifreg_registry_started(struct device *pdo)
{
	ifreg_registry_driver(pdo, true, IFREG_REASON_DRIVER);
}

static void ifreg_registry_stopped(struct device *pdo, bool probe_failed)
{
	ifreg_registry_driver(pdo, false, probe_failed ?
			      IFREG_REASON_PROBE_FAILED : IFREG_REASON_UNBIND);
}

/*
 * @pdo is present and watched, and registered since it was last looked at
 * (see ifreg_watch_settle()); under its lock, so no probe runs. An arrival
 * a probe left waiting (the watch was not up, or not yet told, how it
 * ended) is announced if a driver is bound, else the instance leaves
 * quietly. What had arrived is left alone.
 */
static void ifreg_registry_settle(struct device *pdo)
{
	struct ifreg_pdo *p;

	mutex_lock(&ifreg_lock);
	p = ifreg_pdo_find(pdo);
	if (p) {
		/* No driver bound: the probe that enabled them failed. */
		ifreg_pdo_driver(p, pdo->driver, true, IFREG_REASON_PROBE_FAILED);
		WRITE_ONCE(p->settled, true);
	}
	mutex_unlock(&ifreg_lock);
}

/* What the driver-core watch tells the registry; main.c hands it over. */
const struct ifreg_watch_ops ifreg_registry_watch_ops = {
	.added = ifreg_registry_device_added,
	.deleted = ifreg_registry_device_deleted,
	.started = ifreg_registry_started,
	.stopped = ifreg_registry_stopped,
	.settle = ifreg_registry_settle,
};

/**
 * ifreg_registry_arrivals() - an arrival for each enabled instance of a class
 * @class_guid: the class
 * @events: gets the arrivals, not queued; on error, what it holds is the
 *	caller's to free
 *
 * What a subscriber with IFREG_NOTIFY_INCLUDE_EXISTING is owed first;
 * notify.c's, handed over by main.c.
 *
 * Context: Process context; may sleep. Caller holds ifreg_lock.
 * Return: 0, or -ENOMEM.
 */
int ifreg_registry_arrivals(const guid_t *class_guid, struct list_head *events)
{
	struct ifreg_event_rec *ev;
	struct ifreg_instance *inst;
	struct ifreg_class *cls;

	lockdep_assert_held(&ifreg_lock);
	cls = ifreg_registry_class(class_guid);
	if (!cls)
		return 0;
	list_for_each_entry(inst, &cls->enabled, enabled_node) {
		if (!ifreg_instance_announced(inst))
			continue;
		ev = ifreg_event_alloc(IFREG_ARRIVAL, class_guid,
				       inst->link);
		if (!ev)
			return -ENOMEM;
		list_add_tail(&ev->node, events);
	}
	return 0;
}

/* Storage calls: find the instance, then let store.c act under the lock. */
static int ifreg_store_write(const char *symbolic_link, const char *name,
			     const struct ifreg_devpropkey *key, u32 type,
			     const void *data, size_t size, unsigned int flags)
{
	struct ifreg_instance *inst;
	int ret;

	mutex_lock(&ifreg_lock);
	ret = ifreg_registry_find(symbolic_link, &inst);
	if (!ret && key && ifreg_builtin_key(key))
		ret = -EACCES;
	if (!ret)
		ret = ifreg_store_set(&inst->store, name, key, type, data, size, flags);
	if (!ret)
		ifreg_changed(IFREG_EVENT_CHANGED, inst);
	mutex_unlock(&ifreg_lock);
	return ret;
}

static int ifreg_store_read(const char *symbolic_link, const char *name,
			    const struct ifreg_devpropkey *key, u32 *type,
			    void *buf, size_t *size, unsigned int *flags)
{
	struct ifreg_store_entry *e = NULL;
	struct ifreg_instance *inst;
	union ifreg_builtin b;
	int ret;

	mutex_lock(&ifreg_lock);
	ret = ifreg_registry_find(symbolic_link, &inst);
	if (ret)
		goto out;
	/* A built-in property is made from the instance, never stored. */
	if (key)
		e = ifreg_builtin_get(inst, key, &b);
	if (IS_ERR(e))
		ret = PTR_ERR(e);
	else if (e)
		ret = ifreg_store_entry_read(e, type, buf, size, flags);
	else
		ret = ifreg_store_get(&inst->store, name, key, type, buf, size, flags);
out:
	mutex_unlock(&ifreg_lock);
	return ret;
}

/**
 * ifreg_set_interface_value() - set, replace or delete a named value
 * @symbolic_link: the instance's name
 * @name: the value's name: printable, 1 to 255 characters
 * @data: the contents, copied; NULL deletes the value
 * @size: bytes at @data
 * @flags: 0 or IFREG_STORE_PERSISTENT (user space saves it across reboots)
 *
 * Context: Process context; sleeps. Takes ifreg_lock.
 * Return:
 * * 0 - done
 * * -ENOENT - no such instance, or deleting a value that does not exist
 * * -EINVAL - a NULL argument, a bad name or an unknown flag
 * * -ENOSPC - over max_store_size, or max_store_entries entries exist
 * * -ENOMEM - out of memory; nothing changed
 */
int ifreg_set_interface_value(const char *symbolic_link, const char *name,
			      const void *data, size_t size, unsigned int flags)
{
	if (!name)
		return -EINVAL;
	return ifreg_store_write(symbolic_link, name, NULL, 0, data, size, flags);
}
EXPORT_SYMBOL_GPL(ifreg_set_interface_value);

/**
 * ifreg_get_interface_value() - read a named value
 * @symbolic_link: the instance's name
 * @name: the value's name
 * @buf: where the contents go
 * @size: in, the size of @buf; out, the size of the value
 * @flags: receives the value's flags, if not NULL
 *
 * Context: Process context; sleeps. Takes ifreg_lock.
 * Return:
 * * 0 - the value is in @buf
 * * -ENOBUFS - @buf is too small; *@size is the size needed
 * * -ENOENT - no such instance or value
 * * -EINVAL - a NULL argument
 * * -ENOMEM - out of memory
 */
int ifreg_get_interface_value(const char *symbolic_link, const char *name,
			      void *buf, size_t *size, unsigned int *flags)
{
	if (!name)
		return -EINVAL;
	return ifreg_store_read(symbolic_link, name, NULL, NULL, buf, size, flags);
}
EXPORT_SYMBOL_GPL(ifreg_get_interface_value);

/**
 * ifreg_set_interface_property() - set, replace or delete a property
 * @symbolic_link: the instance's name
 * @key: the DEVPROPKEY
 * @type: the DEVPROPTYPE, kept and returned as given
 * @data: the contents, copied; NULL deletes the property
 * @size: bytes at @data
 * @flags: 0 or IFREG_STORE_PERSISTENT
 *
 * The properties every instance answers (DEVPKEY_DeviceInterface_Enabled,
 * _ClassGuid, _ReferenceString, DEVPKEY_Device_InstanceId; see
 * include/ifreg/ifreg.h) are read-only.
 *
 * Context: Process context; sleeps. Takes ifreg_lock.
 * Return: as ifreg_set_interface_value(), and -EACCES for a read-only
 * property.
 */
int ifreg_set_interface_property(const char *symbolic_link,
				 const struct ifreg_devpropkey *key, u32 type,
				 const void *data, size_t size,
				 unsigned int flags)
{
	if (!key)
		return -EINVAL;
	return ifreg_store_write(symbolic_link, NULL, key, type, data, size, flags);
}
EXPORT_SYMBOL_GPL(ifreg_set_interface_property);

/**
 * ifreg_set_interface_devnode() - name the device node that serves an interface
 * @symbolic_link: the instance's name
 * @dev: a device with a dev_t (a driver's own char device, a disk, a
 *	tty...), or NULL to name none
 *
 * What CreateFile on an interface's name opens on Windows: a program goes
 * from the name to the node, "/dev/<name>" as devtmpfs names @dev, in one
 * step. The instance keeps it as its IFREG_DEVPKEY_DEVNODE property (read-
 * only to ifreg_set_interface_property(), not saved across reboots), its
 * device carries it while enabled (IFREG_DEVNODE= in its uevents, its
 * "devnode" file; a change while enabled sends a "change" uevent) and
 * netlink hands it out with the instance. @dev is not held: the node is
 * a name, as the store keeps it.
 *
 * Context: Process context; sleeps. Takes ifreg_lock.
 * Return:
 * * 0 - done (naming none where none was named too)
 * * -ENOENT - no such instance
 * * -EINVAL - a NULL @symbolic_link, or @dev without a dev_t
 * * -ENOSPC - the instance's store is full (max_store_entries)
 * * -ENOMEM - out of memory; nothing changed
 */
int ifreg_set_interface_devnode(const char *symbolic_link, struct device *dev)
{
	struct ifreg_devnode *node = NULL;
	struct ifreg_instance *inst;
	char *path = NULL;
	int ret;

	if (dev) {
		ret = ifreg_device_node_path(dev, &path);
		if (ret)
			return ret;
		node = ifreg_devnode_new(path);
		if (!node) {
			kfree(path);
			return -ENOMEM;
		}
	}
	mutex_lock(&ifreg_lock);
	ret = ifreg_registry_find(symbolic_link, &inst);
	if (ret)
		goto out;
	ret = ifreg_store_set(&inst->store, NULL, &ifreg_devnode_key,
			      IFREG_DEVPROP_TYPE_STRING, path,
			      path ? strlen(path) + 1 : 0, 0);
	/* Naming none where none was named is no change. */
	if (ret == -ENOENT && !path)
		ret = 1;
	if (!ret) {
		if (inst->dev) {
			ifreg_device_set_node(inst->dev, node);
			node = NULL;
		}
		ifreg_changed(IFREG_EVENT_CHANGED, inst);
	}
out:
	mutex_unlock(&ifreg_lock);
	ifreg_devnode_free(node);
	kfree(path);
	return ret > 0 ? 0 : ret;
}
EXPORT_SYMBOL_GPL(ifreg_set_interface_devnode);

/**
 * ifreg_get_interface_property() - read a property
 * @symbolic_link: the instance's name
 * @key: the DEVPROPKEY
 * @type: receives the property's type
 * @buf: where the contents go
 * @size: in, the size of @buf; out, the size of the property
 * @flags: receives the property's flags, if not NULL
 *
 * Besides what was set, every instance answers DEVPKEY_DeviceInterface_Enabled
 * (IFREG_DEVPROP_TYPE_BOOLEAN), _ClassGuid (IFREG_DEVPROP_TYPE_GUID),
 * _ReferenceString (IFREG_DEVPROP_TYPE_STRING; -ENOENT without one) and
 * DEVPKEY_Device_InstanceId (its PDO's instance path, a string), with
 * flags 0.
 *
 * Context: Process context; sleeps. Takes ifreg_lock.
 * Return: as ifreg_get_interface_value(); on -ENOBUFS *@type is set too.
 */
int ifreg_get_interface_property(const char *symbolic_link,
				 const struct ifreg_devpropkey *key, u32 *type,
				 void *buf, size_t *size, unsigned int *flags)
{
	if (!key || !type)
		return -EINVAL;
	return ifreg_store_read(symbolic_link, NULL, key, type, buf, size, flags);
}
EXPORT_SYMBOL_GPL(ifreg_get_interface_property);

/**
 * ifreg_registry_init() - set up the empty registry
 * @parent: the sysfs directory that gets "classes"
 *
 * Context: Process context; sleeps.
 * Return: 0, or a negative errno.
 */
int ifreg_registry_init(struct kobject *parent)
{
	int err;

	err = rhashtable_init(&ifreg_names, &ifreg_name_params);
	if (err)
		return err;
	err = rhashtable_init(&ifreg_pdos, &ifreg_pdo_params);
	if (err)
		goto err_destroy_names;
	err = ifreg_waiting_init();
	if (err)
		goto err_destroy_pdos;
	err = ifreg_class_table_init(&ifreg_classes, &ifreg_lock, parent,
				     ifreg_max_classes);
	if (err)
		goto err_destroy_waiting;
	return 0;

err_destroy_waiting:
	ifreg_waiting_destroy();
err_destroy_pdos:
	rhashtable_destroy(&ifreg_pdos);
err_destroy_names:
	rhashtable_destroy(&ifreg_names);
	return err;
}

/**
 * ifreg_registry_clear() - remove every instance, disabling the enabled
 *
 * Context: Process context; sleeps. Takes ifreg_lock. At unload only.
 */
void ifreg_registry_clear(void)
{
	struct ifreg_instance *inst;
	struct ifreg_class *cls;
	struct device *put;

	mutex_lock(&ifreg_lock);
	/* Classes stay until ifreg_registry_exit(): the walk is safe. */
	list_for_each_entry(cls, &ifreg_classes.list, list_node) {
		while ((inst = list_first_entry_or_null(&cls->instances,
							struct ifreg_instance,
							class_node))) {
			put = ifreg_unlink(inst, IFREG_REASON_UNLOAD);
			mutex_unlock(&ifreg_lock);
			put_device(put);
			ifreg_instance_put(inst);
			mutex_lock(&ifreg_lock);
		}
	}
	mutex_unlock(&ifreg_lock);
}

/**
 * ifreg_registry_exit() - free the empty registry and its classes
 *
 * Context: Process context; sleeps. ifreg_registry_clear() has run.
 */
void ifreg_registry_exit(void)
{
	ifreg_class_table_destroy(&ifreg_classes);
	ifreg_waiting_destroy();
	rhashtable_destroy(&ifreg_pdos);
	rhashtable_destroy(&ifreg_names);
}
