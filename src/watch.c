// SPDX-License-Identifier: GPL-2.0
/*
 * The driver-core watch: how ifreg hears that a device is added or deleted,
 * and that a driver has started it (probed) or stopped (unbound, or a
 * probe failed): the bus notifier's BOUND_DRIVER, DRIVER_NOT_BOUND and
 * UNBOUND_DRIVER. Class devices have no driver and no such events.
 * The driver core says a device is going in two places, both early in
 * device_del(): the bus notifier (BUS_NOTIFY_DEL_DEVICE) for devices on a
 * bus, and the class interfaces' remove_dev() for class devices such as
 * netdevs; and that one comes in BUS_NOTIFY_ADD_DEVICE and add_dev().
 * ifreg watches the bus or class of every PDO it is handed, one watch per
 * bus or class, kept until ifreg unloads or until the module that owns that
 * bus or class goes (whose exit has unregistered it by then, chain and
 * all).
 *
 * A driver may register from a notifier of that very bus or from that
 * class's class_interface, where the driver core holds the lock that
 * adding a watch takes: so watches are added by a worker, never by the
 * caller. Each PDO handed over comes with a ticket; once the registry
 * holds the PDO and its watch is up, the worker looks at the PDO again
 * (ifreg_watch_settle()): what ifreg could not hear of meanwhile, a
 * deletion or the end of a probe, is settled then.
 *
 * What a deletion or an addition means for interfaces (surprise removal, a
 * waiting registration bound) is the registry's: it hands its callbacks to
 * ifreg_watch_init(), so this file calls up only through them.
 */

#include <linux/device.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include <kunit/visibility.h>

#include "device.h"

#include "watch.h"

/**
 * struct ifreg_watch - how ifreg hears of the deletion of devices
 * @node: link in ifreg_watches
 * @bus: the bus watched, or NULL
 * @class: the class watched, when @bus is NULL
 * @owner: the module that owns @class, where the kernel records it
 * @nb: the bus notifier
 * @intf: the class interface
 * @ready: set up; the notifier or interface is installed
 * @closing: being unregistered; its callbacks do nothing
 */
struct ifreg_watch {
	struct list_head node;
	const void *bus;
	const void *class;
	struct module *owner;
	struct notifier_block nb;
	struct class_interface intf;
	bool ready;			/* written under ifreg_watch_lock */
	bool closing;
};

/**
 * struct ifreg_watch_ticket - a device to look at again once it is watched
 * @node: link in ifreg_tickets
 * @pdo: the device, with a reference
 * @queued: handed to ifreg_watch_settle(): the worker may settle it
 * @tried: the worker tried to lock it present to set up its watch
 */
struct ifreg_watch_ticket {
	struct list_head node;
	struct device *pdo;
	bool queued;
	bool tried;
};

/* What the registry does when a device comes or goes. */
static const struct ifreg_watch_ops *ifreg_watch_ops;
/* And the publisher of native devices: told after the registry of an
 * arrival, before it of a departure (native.c).
 */
static const struct ifreg_watch_ops *ifreg_watch_native;

/*
 * Guards the list of watches and their state; held for list work only, so
 * it may be taken under any lock of the driver core, and nothing is taken
 * under it.
 */
static DEFINE_MUTEX(ifreg_watch_lock);
static LIST_HEAD(ifreg_watches);	/* protected by ifreg_watch_lock */
static LIST_HEAD(ifreg_tickets);	/* protected by ifreg_watch_lock */

static int ifreg_bus_notify(struct notifier_block *nb, unsigned long action,
			    void *data)
{
	struct ifreg_watch *w = container_of(nb, struct ifreg_watch, nb);

	if (READ_ONCE(w->closing))
		return NOTIFY_DONE;
	switch (action) {
	/*
	 * Both: a deletion that passed DEL_DEVICE before this watch was up
	 * is still heard of at REMOVED_DEVICE (see ifreg_device_present()).
	 */
	case BUS_NOTIFY_DEL_DEVICE:
	case BUS_NOTIFY_REMOVED_DEVICE:
		ifreg_watch_native->deleted(data);
		ifreg_watch_ops->deleted(data);
		break;
	case BUS_NOTIFY_ADD_DEVICE:
		ifreg_watch_ops->added(data);
		ifreg_watch_native->added(data);
		break;
	case BUS_NOTIFY_BOUND_DRIVER:
		ifreg_watch_ops->started(data);
		ifreg_watch_native->started(data);
		break;
	/* A failed probe and an unbind: both are PnP's REMOVE_DEVICE. */
	case BUS_NOTIFY_DRIVER_NOT_BOUND:
		ifreg_watch_ops->stopped(data, true);
		break;
	case BUS_NOTIFY_UNBOUND_DRIVER:
		ifreg_watch_ops->stopped(data, false);
		break;
	}
	return NOTIFY_DONE;
}

/*
 * A class device on a bus is named after, and followed through, its bus:
 * only a watch of its bus may bind it.
 */
static void ifreg_class_dev_added(struct device *dev)
{
	if (!dev->bus)
		ifreg_watch_ops->added(dev);
	ifreg_watch_native->added(dev);
}

static void ifreg_class_dev_deleted(struct device *dev)
{
	ifreg_watch_native->deleted(dev);
	ifreg_watch_ops->deleted(dev);
}

#ifdef IFREG_HAVE_CLASS_INTERFACE_ARG
static int ifreg_class_add_dev(struct device *dev, struct class_interface *intf)
{
	struct ifreg_watch *w = container_of(intf, struct ifreg_watch, intf);

	if (!READ_ONCE(w->closing))
		ifreg_class_dev_added(dev);
	return 0;
}

static void ifreg_class_remove_dev(struct device *dev,
				   struct class_interface *intf)
{
	struct ifreg_watch *w = container_of(intf, struct ifreg_watch, intf);

	if (!READ_ONCE(w->closing))
		ifreg_class_dev_deleted(dev);
}
#else
static int ifreg_class_add_dev(struct device *dev)
{
	/* No way back to the watch, as below; ifreg unloading has no
	 * waiting instance left, so nothing is bound.
	 */
	ifreg_class_dev_added(dev);
	return 0;
}

static void ifreg_class_remove_dev(struct device *dev)
{
	/* No way back to the watch: a closing watch has no devices left
	 * that ifreg knows, so the lookup finds nothing.
	 */
	ifreg_class_dev_deleted(dev);
}
#endif

/*
 * Install @w's notifier or class interface. Runs in the worker, holding
 * the device lock of a present device of @w's bus or class: its bus or
 * class cannot be unregistered meanwhile (6.1 would dereference what an
 * unregistered one freed), as a module deletes its devices first.
 */
static int ifreg_watch_install(struct ifreg_watch *w)
{
	if (w->bus) {
		w->nb.notifier_call = ifreg_bus_notify;
		/* 6.1 takes no const bus_type; it changes nothing in it. */
		return bus_register_notifier((void *)w->bus, &w->nb);
	}
	w->intf.class = (void *)w->class;
	w->intf.add_dev = ifreg_class_add_dev;
	w->intf.remove_dev = ifreg_class_remove_dev;
	return class_interface_register(&w->intf);
}

/* The watch of @pdo's bus or class, or NULL. */
static struct ifreg_watch *ifreg_watch_find(struct device *pdo)
{
	struct ifreg_watch *w;

	lockdep_assert_held(&ifreg_watch_lock);
	list_for_each_entry(w, &ifreg_watches, node) {
		if (pdo->bus ? w->bus == pdo->bus : w->class == pdo->class)
			return w;
	}
	return NULL;
}

/**
 * ifreg_watch_watching() - whether @dev's bus or class is watched
 * @dev: a device on a bus or in a class
 *
 * Context: Process context. Takes ifreg_watch_lock.
 * Return: true when its watch is up or being set up.
 */
bool ifreg_watch_watching(struct device *dev)
{
	bool found;

	mutex_lock(&ifreg_watch_lock);
	found = ifreg_watch_find(dev);
	mutex_unlock(&ifreg_watch_lock);
	return found;
}

/*
 * Wait for a class device's deletion in progress, if any, to have left
 * the class's list: the class's mutex, taken and let go through an empty
 * class interface, is held from its interfaces' remove_dev() to there.
 */
static void ifreg_class_barrier(const struct class *cls)
{
	struct class_interface intf = { .class = (void *)cls };

	if (!class_interface_register(&intf))
		class_interface_unregister(&intf);
}

/*
 * Look again at @pdo, registered with its watch @w (NULL when it could
 * not be set up): either it is present, and its deletion will be heard of
 * (the watch is up, and the registry holds it since before), or the
 * registry lets go of it now. Under @pdo's lock, no probe runs: what a
 * probe left waiting for the watch is settled too.
 */
static void ifreg_watch_settle_one(struct device *pdo, bool watched)
{
	bool present = false;

	device_lock(pdo);
	if (watched && device_is_registered(pdo)) {
		if (!pdo->bus)
			ifreg_class_barrier(pdo->class);
		present = ifreg_device_present(pdo);
	}
	if (present)
		ifreg_watch_ops->settle(pdo);
	else
		ifreg_watch_ops->deleted(pdo);
	device_unlock(pdo);
}

/*
 * Set up the watch @w with the device of one of its tickets, locked and
 * present. Returns false when it has no such device (or the driver core
 * refused): @w is gone, its tickets let go of their devices when settled.
 */
static bool ifreg_watch_set_up(struct ifreg_watch *w)
{
	struct ifreg_watch_ticket *t;
	struct device *pdo;
	int err = -ENODEV;

	for (;;) {
		mutex_lock(&ifreg_watch_lock);
		pdo = NULL;
		list_for_each_entry(t, &ifreg_tickets, node) {
			if (!t->tried && ifreg_watch_find(t->pdo) == w) {
				t->tried = true;
				pdo = get_device(t->pdo);
				break;
			}
		}
		mutex_unlock(&ifreg_watch_lock);
		if (!pdo)
			break;
		device_lock(pdo);
		if (ifreg_device_present(pdo)) {
			err = ifreg_watch_install(w);
			break;
		}
		device_unlock(pdo);
		put_device(pdo);
		pdo = NULL;
	}

	/* Ready before @pdo is unlocked: its bus or class is still there. */
	mutex_lock(&ifreg_watch_lock);
	list_for_each_entry(t, &ifreg_tickets, node)
		t->tried = false;
	if (err) {
		list_del(&w->node);
		kfree(w);
	} else {
		WRITE_ONCE(w->ready, true);
	}
	mutex_unlock(&ifreg_watch_lock);
	if (pdo) {
		device_unlock(pdo);
		put_device(pdo);
	}
	if (err && err != -ENODEV)
		pr_warn("cannot watch a bus or class: %d\n", err);
	return !err;
}

/*
 * The worker: sets up the watches asked for, with no lock of ifreg held
 * while the driver core's are taken, then settles the devices queued.
 */
static void ifreg_watch_work_fn(struct work_struct *work)
{
	struct ifreg_watch_ticket *t;
	struct ifreg_watch *w;
	bool watched;

	for (;;) {
		mutex_lock(&ifreg_watch_lock);
		list_for_each_entry(w, &ifreg_watches, node) {
			if (!w->ready)
				break;
		}
		if (!list_entry_is_head(w, &ifreg_watches, node)) {
			mutex_unlock(&ifreg_watch_lock);
			ifreg_watch_set_up(w);
			continue;
		}
		list_for_each_entry(t, &ifreg_tickets, node) {
			if (t->queued)
				break;
		}
		if (list_entry_is_head(t, &ifreg_tickets, node)) {
			mutex_unlock(&ifreg_watch_lock);
			return;
		}
		list_del(&t->node);
		w = ifreg_watch_find(t->pdo);
		watched = w && w->ready;
		mutex_unlock(&ifreg_watch_lock);

		ifreg_watch_settle_one(t->pdo, watched);
		put_device(t->pdo);
		kfree(t);
	}
}

static DECLARE_WORK(ifreg_watch_work, ifreg_watch_work_fn);

/**
 * ifreg_watch_device() - make sure the deletion of @pdo will be heard of
 * @pdo: a registered device on a bus or in a class
 *
 * From then on, the deletion of every device of that bus or class, the
 * addition of new ones and the start and stop of their drivers reach the
 * callbacks given to ifreg_watch_init(). The first call for a bus or class
 * sets its watch up in a worker, so that this works in any context a
 * driver registers in (a notifier of that very bus, that class's
 * class_interface, under its lock). Watching a class binds its devices
 * that instances wait for (class_interface_register() calls add_dev() for
 * each); a bus notifier hears only of devices added later.
 *
 * What happened to @pdo before the watch was up, or while the caller
 * registered it, may not have been heard of: the caller hands the ticket
 * back to ifreg_watch_settle() once the registry holds @pdo.
 *
 * Context: Process context; may sleep (allocation), in any context a
 * driver may register in. Takes ifreg_watch_lock, which nothing nests in.
 * Return: the ticket; ERR_PTR(-EINVAL) when @pdo has neither bus nor
 * class; ERR_PTR(-ENOMEM).
 */
struct ifreg_watch_ticket *ifreg_watch_device(struct device *pdo)
{
	struct ifreg_watch_ticket *t;
	struct ifreg_watch *w = NULL;

	if (!pdo->bus && !pdo->class)
		return ERR_PTR(-EINVAL);

	/* Allocated unlocked: ifreg_watch_lock is held for list work only. */
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return ERR_PTR(-ENOMEM);
	mutex_lock(&ifreg_watch_lock);
	while (!w && !ifreg_watch_find(pdo)) {
		/* The first device of its bus or class: a watch to add. */
		mutex_unlock(&ifreg_watch_lock);
		w = kzalloc(sizeof(*w), GFP_KERNEL);
		if (!w) {
			kfree(t);
			return ERR_PTR(-ENOMEM);
		}
		mutex_lock(&ifreg_watch_lock);
	}
	t->pdo = get_device(pdo);
	list_add_tail(&t->node, &ifreg_tickets);
	if (!ifreg_watch_find(pdo)) {
		if (pdo->bus) {
			w->bus = pdo->bus;
		} else {
			w->class = pdo->class;
			w->owner = ifreg_class_owner(pdo->class);
		}
		list_add_tail(&w->node, &ifreg_watches);
		w = NULL;
		queue_work(system_unbound_wq, &ifreg_watch_work);
	}
	mutex_unlock(&ifreg_watch_lock);
	kfree(w);
	return t;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_watch_device);

/**
 * ifreg_watch_settle() - look again at a device once the registry holds it
 * @t: what ifreg_watch_device() handed out; consumed
 *
 * A worker, once the watch of @t's device is up, hands the device to the
 * settle() callback if it is still present (its deletion, if it comes, is
 * heard of), and to deleted() if it is going or could not be watched: a
 * registration racing the deletion of its device ends unbound.
 *
 * Context: Any context that may call ifreg_watch_device(). Takes
 * ifreg_watch_lock.
 */
void ifreg_watch_settle(struct ifreg_watch_ticket *t)
{
	mutex_lock(&ifreg_watch_lock);
	t->queued = true;
	queue_work(system_unbound_wq, &ifreg_watch_work);
	mutex_unlock(&ifreg_watch_lock);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_watch_settle);

/**
 * ifreg_watch_drop() - hand back a ticket with nothing to look at again
 * @t: what ifreg_watch_device() handed out; consumed
 *
 * For a device the registry already held, settled, when it took the new
 * registration: the watch was up and the device present then, and its
 * deletion has not reached the registry since, so it will be heard of.
 *
 * Context: Any context that may call ifreg_watch_device(). Takes
 * ifreg_watch_lock.
 */
void ifreg_watch_drop(struct ifreg_watch_ticket *t)
{
	mutex_lock(&ifreg_watch_lock);
	list_del(&t->node);
	mutex_unlock(&ifreg_watch_lock);
	put_device(t->pdo);
	kfree(t);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_watch_drop);

/**
 * ifreg_watch_flush() - wait until every watch asked for is set up
 *
 * And every device registered meanwhile settled. For callers that hold no
 * lock of the driver core (user space's requests, tests), so that what
 * they do next sees the watch in place.
 *
 * Context: Process context; sleeps. Must not hold a device lock, a bus's
 * notifier lock or a class's mutex.
 */
void ifreg_watch_flush(void)
{
	flush_work(&ifreg_watch_work);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_watch_flush);

static void ifreg_watch_close(struct ifreg_watch *w)
{
	WRITE_ONCE(w->closing, true);
	if (w->bus)
		bus_unregister_notifier((void *)w->bus, &w->nb);
	else
		class_interface_unregister(&w->intf);
}

static int ifreg_module_notify(struct notifier_block *nb, unsigned long action,
			       void *data)
{
	struct ifreg_watch *w, *tmp;
	struct module *mod = data;
	LIST_HEAD(gone);

	if (action != MODULE_STATE_GOING)
		return NOTIFY_DONE;
	/*
	 * Its exit has run and has unregistered its buses and classes; their
	 * memory is still there. A bus notifier block pins nothing and its
	 * chain went with the bus: forget it (6.1 would dereference a freed
	 * bus to unregister it). A class interface holds a reference on the
	 * class's private data: unregistering drops it, on 6.1 always; 6.12
	 * cannot find an unregistered class any more and keeps it (see
	 * Documentation/ifreg.rst, "Surprise removal").
	 */
	mutex_lock(&ifreg_watch_lock);
	list_for_each_entry_safe(w, tmp, &ifreg_watches, node) {
		const void *watched = w->bus ?: w->class;

		/* One being set up finds no device of its module left. */
		if (!w->ready)
			continue;
		if (w->owner != mod && !within_module((unsigned long)watched, mod))
			continue;
		list_move(&w->node, &gone);
	}
	mutex_unlock(&ifreg_watch_lock);

	/* Closed with no lock of ifreg held: they take the driver core's. */
	list_for_each_entry_safe(w, tmp, &gone, node) {
		if (w->class)
			ifreg_watch_close(w);
		list_del(&w->node);
		kfree(w);
	}
	return NOTIFY_DONE;
}

static struct notifier_block ifreg_module_nb = {
	.notifier_call = ifreg_module_notify,
};

/**
 * ifreg_watch_init() - say whom to tell, and follow modules that own buses
 * @ops: what to call when a watched device is added or deleted; called in
 *	process context with no ifreg lock held, under the driver core's
 *	notifier lock or class mutex
 * @native: the same for the publisher of native devices, told of every
 *	device of a watched class (bus or not) and bus; its settle() is
 *	never called
 *
 * Context: Process context; sleeps.
 * Return: 0, or a negative errno.
 */
int ifreg_watch_init(const struct ifreg_watch_ops *ops,
		     const struct ifreg_watch_ops *native)
{
	ifreg_watch_ops = ops;
	ifreg_watch_native = native;
	return register_module_notifier(&ifreg_module_nb);
}

/**
 * ifreg_watch_exit() - stop every watch
 *
 * Context: Process context; sleeps. A class interface's remove_dev(),
 * which unregistering calls for every device of the class, still reaches
 * the callbacks: they must still work (the registry is empty by then).
 */
void ifreg_watch_exit(void)
{
	struct ifreg_watch *w, *tmp;
	LIST_HEAD(gone);

	unregister_module_notifier(&ifreg_module_nb);
	/* Nothing registers any more: every watch asked for is up or gone. */
	flush_work(&ifreg_watch_work);
	mutex_lock(&ifreg_watch_lock);
	list_splice_init(&ifreg_watches, &gone);
	WARN_ON(!list_empty(&ifreg_tickets));
	mutex_unlock(&ifreg_watch_lock);
	list_for_each_entry_safe(w, tmp, &gone, node) {
		WARN_ON(!w->ready);
		ifreg_watch_close(w);
		list_del(&w->node);
		kfree(w);
	}
}
