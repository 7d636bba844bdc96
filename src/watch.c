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
 * What a deletion or an addition means for interfaces (surprise removal, a
 * waiting registration bound) is the registry's: it hands its two callbacks
 * to ifreg_watch_init(), so this file calls up only through them.
 */

#include <linux/device.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/slab.h>

#include "watch.h"

/**
 * struct ifreg_watch - how ifreg hears of the deletion of devices
 * @node: link in ifreg_watches
 * @bus: the bus watched, or NULL
 * @class: the class watched, when @bus is NULL
 * @owner: the module that owns @class, where the kernel records it
 * @nb: the bus notifier
 * @intf: the class interface
 * @closing: being unregistered; its callbacks do nothing
 */
struct ifreg_watch {
	struct list_head node;
	const void *bus;
	const void *class;
	struct module *owner;
	struct notifier_block nb;
	struct class_interface intf;
	bool closing;
};

/* What the registry does when a device comes or goes. */
static const struct ifreg_watch_ops *ifreg_watch_ops;

/* Nests outside the bus notifier and class locks; never inside ifreg_lock. */
static DEFINE_MUTEX(ifreg_watch_lock);
static LIST_HEAD(ifreg_watches);	/* protected by ifreg_watch_lock */

static int ifreg_bus_notify(struct notifier_block *nb, unsigned long action,
			    void *data)
{
	struct ifreg_watch *w = container_of(nb, struct ifreg_watch, nb);

	if (READ_ONCE(w->closing))
		return NOTIFY_DONE;
	switch (action) {
	case BUS_NOTIFY_DEL_DEVICE:
		ifreg_watch_ops->deleted(data);
		break;
	case BUS_NOTIFY_ADD_DEVICE:
		ifreg_watch_ops->added(data);
		break;
	case BUS_NOTIFY_BOUND_DRIVER:
		ifreg_watch_ops->started(data);
		break;
	/* A failed probe and an unbind: both are PnP's REMOVE_DEVICE. */
	case BUS_NOTIFY_DRIVER_NOT_BOUND:
	case BUS_NOTIFY_UNBOUND_DRIVER:
		ifreg_watch_ops->stopped(data);
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
		ifreg_watch_ops->deleted(dev);
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
	ifreg_watch_ops->deleted(dev);
}
#endif

/**
 * ifreg_watch_device() - make sure the deletion of @pdo will be heard of
 * @pdo: a registered device on a bus or in a class
 *
 * From then on, the deletion of every device of that bus or class, and the
 * addition of new ones, reaches the callbacks given to ifreg_watch_init().
 * Watching a class binds its devices that instances wait for at once
 * (class_interface_register() calls add_dev() for each); a bus notifier
 * hears only of devices added later.
 *
 * Context: Process context; sleeps. Takes ifreg_watch_lock, and the bus's
 * notifier lock or the class's mutex; must not be called under ifreg_lock.
 * Return:
 * * 0 - @pdo's bus or class is watched
 * * -EINVAL - @pdo has neither bus nor class
 * * -ENOMEM - out of memory
 * * other negative errno - the driver core refused the watch
 */
int ifreg_watch_device(struct device *pdo)
{
	struct ifreg_watch *w;
	int err;

	if (!pdo->bus && !pdo->class)
		return -EINVAL;

	mutex_lock(&ifreg_watch_lock);
	list_for_each_entry(w, &ifreg_watches, node) {
		if (pdo->bus ? w->bus == pdo->bus : w->class == pdo->class) {
			mutex_unlock(&ifreg_watch_lock);
			return 0;
		}
	}
	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w) {
		err = -ENOMEM;
		goto out;
	}
	if (pdo->bus) {
		w->bus = pdo->bus;
		w->nb.notifier_call = ifreg_bus_notify;
		/* 6.1 takes no const bus_type; it changes nothing in it. */
		err = bus_register_notifier((void *)w->bus, &w->nb);
	} else {
		w->class = pdo->class;
		w->owner = ifreg_class_owner(pdo->class);
		w->intf.class = pdo->class;
		w->intf.add_dev = ifreg_class_add_dev;
		w->intf.remove_dev = ifreg_class_remove_dev;
		err = class_interface_register(&w->intf);
	}
	if (err) {
		kfree(w);
		goto out;
	}
	list_add(&w->node, &ifreg_watches);
out:
	mutex_unlock(&ifreg_watch_lock);
	return err;
}

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

		if (w->owner != mod && !within_module((unsigned long)watched, mod))
			continue;
		if (w->class)
			ifreg_watch_close(w);
		list_del(&w->node);
		kfree(w);
	}
	mutex_unlock(&ifreg_watch_lock);
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
 *
 * Context: Process context; sleeps.
 * Return: 0, or a negative errno.
 */
int ifreg_watch_init(const struct ifreg_watch_ops *ops)
{
	ifreg_watch_ops = ops;
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

	unregister_module_notifier(&ifreg_module_nb);
	mutex_lock(&ifreg_watch_lock);
	list_for_each_entry_safe(w, tmp, &ifreg_watches, node) {
		ifreg_watch_close(w);
		list_del(&w->node);
		kfree(w);
	}
	mutex_unlock(&ifreg_watch_lock);
}
