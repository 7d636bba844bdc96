// SPDX-License-Identifier: GPL-2.0
/*
 * The publisher of native devices: the class drivers' layer of Windows for
 * the devices Linux already drives. For every device that offers a
 * well-known interface class (native_rules.c says which), it registers an
 * instance of that class on the device's PDO, names its FriendlyName and
 * device node, and enables it while the device is there; when the device
 * goes, it disables it (and removes the registration of a virtual device,
 * its own PDO, whose name will not come back). The same device coming
 * back, or ifreg loaded again, gets the same names: the registration on
 * the same PDO, class and reference is the one the registry keeps.
 *
 * How it hears of devices:
 * - netdevs through their notifier, in the initial network namespace only
 *   (device interfaces are visible only there, and a netdev an
 *   unprivileged user makes in a namespace of its own must cost ifreg
 *   nothing);
 * - the classes and the USB bus of native_rules.c's list through the
 *   driver-core watch (watch.c), which tells this file of every device
 *   added to or deleted from a watched class or bus. The driver core
 *   exports neither these classes nor the USB bus: a *scan* of every
 *   device finds one of each, whose class or bus is then watched. It runs
 *   at load, after each module has loaded (its classes, and the devices its
 *   init added, are there then), and after a driver has bound a USB
 *   device (a keyboard plugged in may bring the first hidraw device).
 *
 * Every registry call is made with ifreg_native_lock held and no lock of
 * the registry: the registry never calls this file.
 */

#include <linux/device.h>
#include <linux/hashtable.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include <ifreg/ifreg.h>

#include "device.h"
#include "native_rules.h"
#include "watch.h"

#include "native.h"

static char *ifreg_publish = "all";
module_param_named(publish, ifreg_publish, charp, 0444);
MODULE_PARM_DESC(publish,
		 "Native devices to publish: all (default), none, or a comma-separated list of net, disk, cdrom, volume, comport, hid, usb, keyboard, mouse, display");

/**
 * struct ifreg_native_fn - a device whose interfaces are published
 * @node: link in ifreg_native_fns
 * @fn: the device, with a reference
 * @own: it is its own PDO (a virtual device)
 * @links: the instance of each class it offers, or NULL
 */
struct ifreg_native_fn {
	struct hlist_node node;
	struct device *fn;
	bool own;
	char *links[IFREG_NATIVE_KINDS];
};

/* The classes "publish" names; read-only after load. */
static unsigned int ifreg_native_wanted;

/* Guards the table and closing; the registry is called under it. */
static DEFINE_MUTEX(ifreg_native_lock);
static DEFINE_HASHTABLE(ifreg_native_fns, 10);	/* by @fn */
static bool ifreg_native_closing;

static struct ifreg_native_fn *ifreg_native_find(struct device *fn)
{
	struct ifreg_native_fn *e;

	lockdep_assert_held(&ifreg_native_lock);
	hash_for_each_possible(ifreg_native_fns, e, node, (unsigned long)fn) {
		if (e->fn == fn)
			return e;
	}
	return NULL;
}

/* Whether the instance @link is enabled: then another device has it. */
static bool ifreg_native_enabled(const char *link)
{
	static const struct ifreg_devpropkey key = {
		IFREG_DEVPKEY_DEVICEINTERFACE_FMTID, IFREG_DEVPKEY_ENABLED_PID,
	};
	size_t size = 1;
	u8 on = 0;
	u32 type;

	return !ifreg_get_interface_property(link, &key, &type, &on, &size, NULL) && on;
}

/*
 * Register @fn's instance of class @kind on @pdo with reference @ref, name
 * it and enable it. On failure a registration made here is removed again.
 */
static int ifreg_native_publish_ref(struct device *fn, struct device *pdo,
				    enum ifreg_native_kind kind, const char *ref,
				    const char *friendly, char **link)
{
	static const struct ifreg_devpropkey friendly_key = {
		IFREG_DEVPKEY_DEVICEINTERFACE_FMTID, IFREG_DEVPKEY_FRIENDLY_NAME_PID,
	};
	int ret, err;

	ret = ifreg_register_interface(pdo, &ifreg_native_classes[kind].guid,
				       ref, link);
	if (ret < 0)
		return ret;
	if (ret == IFREG_EXISTS && ifreg_native_enabled(*link)) {
		kfree(*link);
		*link = NULL;
		return -EEXIST;
	}
	err = friendly ? ifreg_set_interface_property(*link, &friendly_key,
						      IFREG_DEVPROP_TYPE_STRING,
						      friendly, strlen(friendly) + 1, 0) : 0;
	if (!err && MAJOR(fn->devt))
		err = ifreg_set_interface_devnode(*link, fn);
	if (!err)
		err = ifreg_set_interface_state(*link, true);
	if (err < 0) {
		if (ret != IFREG_EXISTS)
			ifreg_remove_interface(*link);
		kfree(*link);
		*link = NULL;
		return err;
	}
	return 0;
}

/*
 * The reference of @fn's instance: none for a device that is its own PDO;
 * a netdev's port ("port1"), none for port 0; else @fn's Linux name, which
 * tells the functions of one PDO apart (vda, vda1, vda2). A netdev whose
 * instance another netdev of its PDO has (same port) takes its name.
 */
static int ifreg_native_publish_one(struct device *fn, struct device *pdo,
				    enum ifreg_native_kind kind,
				    const char *friendly, char **link)
{
	char port[16];
	const char *ref = dev_name(fn);
	int err;

	if (pdo == fn) {
		ref = NULL;
	} else if (kind == IFREG_NATIVE_NET) {
		u16 n = to_net_dev(fn)->dev_port;

		snprintf(port, sizeof(port), "port%u", n);
		ref = n ? port : NULL;
		err = ifreg_native_publish_ref(fn, pdo, kind, ref, friendly, link);
		if (err != -EEXIST)
			return err;
		ref = dev_name(fn);
	}
	return ifreg_native_publish_ref(fn, pdo, kind, ref, friendly, link);
}

/* Publish @fn's interfaces of the classes @kinds. */
static void ifreg_native_publish(struct device *fn, unsigned int kinds)
{
	struct ifreg_native_fn *e;
	struct device *pdo;
	char *friendly;
	unsigned int k;
	bool any = false;
	int err;

	kinds &= ifreg_native_wanted;
	if (!kinds)
		return;
	mutex_lock(&ifreg_native_lock);
	if (ifreg_native_closing)
		goto out;
	e = ifreg_native_find(fn);
	if (e) {
		/* Its own PDO's driver bound again: enabled again. */
		for (k = 0; k < IFREG_NATIVE_KINDS; k++) {
			if (e->links[k])
				ifreg_set_interface_state(e->links[k], true);
		}
		goto out;
	}
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e) {
		err = -ENOMEM;
		goto err_warn;
	}
	pdo = ifreg_native_pdo(fn);
	e->own = pdo == fn;
	/* Without it, the interfaces are published unnamed. */
	friendly = ifreg_native_friendly_name(fn, pdo);
	for (k = 0; k < IFREG_NATIVE_KINDS; k++) {
		if (!(kinds & BIT(k)))
			continue;
		err = ifreg_native_publish_one(fn, pdo, k, friendly, &e->links[k]);
		if (err)
			pr_warn_ratelimited("%s: no %s interface: %d\n", dev_name(fn),
					    ifreg_native_classes[k].name, err);
		else
			any = true;
	}
	kfree(friendly);
	if (!any) {
		kfree(e);
		goto out;
	}
	e->fn = get_device(fn);
	hash_add(ifreg_native_fns, &e->node, (unsigned long)fn);
out:
	mutex_unlock(&ifreg_native_lock);
	return;

err_warn:
	mutex_unlock(&ifreg_native_lock);
	pr_warn_ratelimited("%s: not published: %d\n", dev_name(fn), err);
}

static void ifreg_native_forget(struct ifreg_native_fn *e)
{
	unsigned int k;

	hash_del(&e->node);
	for (k = 0; k < IFREG_NATIVE_KINDS; k++)
		kfree(e->links[k]);
	put_device(e->fn);
	kfree(e);
}

/*
 * @fn is going: its interfaces are disabled (unless the registry has done
 * it, its PDO gone first), those of a virtual device removed.
 */
static void ifreg_native_unpublish(struct device *fn)
{
	struct ifreg_native_fn *e;
	unsigned int k;

	mutex_lock(&ifreg_native_lock);
	e = ifreg_native_find(fn);
	if (e) {
		for (k = 0; k < IFREG_NATIVE_KINDS; k++) {
			if (!e->links[k])
				continue;
			ifreg_set_interface_state(e->links[k], false);
			if (e->own)
				ifreg_remove_interface(e->links[k]);
		}
		ifreg_native_forget(e);
	}
	mutex_unlock(&ifreg_native_lock);
}

static void ifreg_native_added(struct device *dev)
{
	/* Netdevs come through their notifier, which knows namespaces. */
	if (dev->class && !strcmp(dev->class->name, "net"))
		return;
	ifreg_native_publish(dev, ifreg_native_kinds(dev));
}

static void ifreg_native_deleted(struct device *dev)
{
	ifreg_native_unpublish(dev);
}

static struct work_struct ifreg_native_scan_work;

static void ifreg_native_scan_later(void)
{
	mutex_lock(&ifreg_native_lock);
	if (!ifreg_native_closing)
		queue_work(system_unbound_wq, &ifreg_native_scan_work);
	mutex_unlock(&ifreg_native_lock);
}

/*
 * A driver bound: a USB device's may have brought the first device of a
 * class not watched yet. A device that is its own PDO (a USB device) has
 * its interfaces disabled by the registry when its driver unbinds: they
 * are enabled again.
 */
static void ifreg_native_started(struct device *dev)
{
	if (dev->bus && !strcmp(dev->bus->name, "usb"))
		ifreg_native_scan_later();
	ifreg_native_publish(dev, ifreg_native_kinds(dev));
}

/* What the driver-core watch tells the publisher; main.c hands it over. */
const struct ifreg_watch_ops ifreg_native_watch_ops = {
	.added = ifreg_native_added,
	.deleted = ifreg_native_deleted,
	.started = ifreg_native_started,
};

/* The subsystem of native_rules.c's list @dev is in, wanted, or -1. */
static int ifreg_native_subsystem_of(const struct device *dev)
{
	const struct ifreg_native_subsystem *s;
	const char *name;
	int i;

	for (i = 0; i < IFREG_NATIVE_SUBSYSTEMS; i++) {
		s = &ifreg_native_subsystems[i];
		if (s->bus)
			name = dev->bus ? dev->bus->name : NULL;
		else
			name = dev->class ? dev->class->name : NULL;
		if (name && !strcmp(name, s->name) && (s->kinds & ifreg_native_wanted))
			return i;
	}
	return -1;
}

/* A device on the bus is published, unless it is going already. */
static int ifreg_native_replay(struct device *dev, void *unused)
{
	ifreg_native_added(dev);
	/*
	 * Present now: its deletion, if it comes, is heard of afterwards
	 * (BUS_NOTIFY_REMOVED_DEVICE follows its leaving the bus's list).
	 */
	if (!ifreg_device_present(dev))
		ifreg_native_deleted(dev);
	return 0;
}

/* Serializes the scans (load's, the worker's) and guards the next. */
static DEFINE_MUTEX(ifreg_native_scan_lock);
/*
 * The bus each bus subsystem's devices were last walked on, while it has
 * stayed watched: a bus notifier is told of none of the devices there are
 * when it is installed, and the watch may be set up by the registry (a
 * registration on a USB interface) before a scan finds it watched.
 */
static const void *ifreg_native_walked[IFREG_NATIVE_SUBSYSTEMS];

/*
 * Find a device of each subsystem on the list, and watch its class or bus
 * if nothing does yet: a class interface is told of the class's devices
 * when it is installed, whoever installs it; a bus is walked once it is
 * watched, unless it was since it last became so. One walk of every
 * device, under the lock the driver core lists them under (devices_kset
 * is not exported; the platform bus device is in it).
 */
static void ifreg_native_scan(void)
{
	struct device *found[IFREG_NATIVE_SUBSYSTEMS] = {};
	struct kset *devices = platform_bus.kobj.kset;
	struct ifreg_watch_ticket *t;
	struct kobject *k;
	int i;

	mutex_lock(&ifreg_native_scan_lock);
	spin_lock(&devices->list_lock);
	list_for_each_entry(k, &devices->list, entry) {
		i = ifreg_native_subsystem_of(kobj_to_dev(k));
		if (i >= 0 && !found[i] && device_is_registered(kobj_to_dev(k)) &&
		    kobject_get_unless_zero(k))
			found[i] = kobj_to_dev(k);
	}
	spin_unlock(&devices->list_lock);

	for (i = 0; i < IFREG_NATIVE_SUBSYSTEMS; i++) {
		if (found[i] && ifreg_watch_watching(found[i]))
			continue;
		/* Unwatched (its module went, say): walked anew once watched. */
		ifreg_native_walked[i] = NULL;
		if (!found[i])
			continue;
		t = ifreg_watch_device(found[i]);
		if (IS_ERR(t)) {
			pr_warn_ratelimited("cannot watch %s: %ld\n",
					    ifreg_native_subsystems[i].name, PTR_ERR(t));
			continue;
		}
		/* The registry looks at it again and finds nothing of its own. */
		ifreg_watch_settle(t);
	}
	ifreg_watch_flush();
	for (i = 0; i < IFREG_NATIVE_SUBSYSTEMS; i++) {
		if (!found[i])
			continue;
		if (ifreg_native_subsystems[i].bus &&
		    ifreg_native_walked[i] != found[i]->bus &&
		    ifreg_watch_watching(found[i])) {
			bus_for_each_dev((void *)found[i]->bus, NULL, NULL,
					 ifreg_native_replay);
			ifreg_native_walked[i] = found[i]->bus;
		}
		put_device(found[i]);
	}
	mutex_unlock(&ifreg_native_scan_lock);
}

static void ifreg_native_scan_fn(struct work_struct *work)
{
	ifreg_native_scan();
}

static int ifreg_native_module_event(struct notifier_block *nb,
				     unsigned long action, void *data)
{
	if (action == MODULE_STATE_LIVE)
		ifreg_native_scan_later();
	return NOTIFY_DONE;
}

static struct notifier_block ifreg_native_module_nb = {
	.notifier_call = ifreg_native_module_event,
};

static int ifreg_native_netdev_event(struct notifier_block *nb,
				     unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	switch (event) {
	case NETDEV_REGISTER:
		if (net_eq(dev_net(dev), &init_net))
			ifreg_native_publish(&dev->dev, BIT(IFREG_NATIVE_NET));
		break;
	case NETDEV_UNREGISTER:
		ifreg_native_unpublish(&dev->dev);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block ifreg_native_netdev_nb = {
	.notifier_call = ifreg_native_netdev_event,
};

/* "all", "none" or "net,disk,...": the classes wanted. */
static int ifreg_native_parse(const char *list, unsigned int *kinds)
{
	const char *p = list, *end;
	unsigned int wanted = 0;
	size_t len;
	int k;

	*kinds = 0;
	if (!strcmp(list, "all")) {
		*kinds = BIT(IFREG_NATIVE_KINDS) - 1;
		return 0;
	}
	if (!strcmp(list, "none") || !*list)
		return 0;
	for (;;) {
		end = strchrnul(p, ',');
		len = end - p;
		for (k = 0; k < IFREG_NATIVE_KINDS; k++) {
			if (strlen(ifreg_native_classes[k].name) == len &&
			    !strncmp(p, ifreg_native_classes[k].name, len))
				break;
		}
		if (k == IFREG_NATIVE_KINDS) {
			pr_err("publish: no class \"%.*s\"\n", (int)len, p);
			return -EINVAL;
		}
		wanted |= BIT(k);
		if (!*end) {
			*kinds = wanted;
			return 0;
		}
		p = end + 1;
	}
}

static void ifreg_native_forget_all(void)
{
	struct ifreg_native_fn *e;
	struct hlist_node *tmp;
	int bkt;

	mutex_lock(&ifreg_native_lock);
	ifreg_native_closing = true;
	hash_for_each_safe(ifreg_native_fns, bkt, tmp, e, node)
		ifreg_native_forget(e);
	mutex_unlock(&ifreg_native_lock);
}

/**
 * ifreg_native_init() - publish the native devices there are, and follow
 *
 * After the registry, the watch and netlink are up: what is published now
 * is announced as any registration is. When it returns, every device
 * there was is published (the watches asked for are up).
 *
 * Context: Process context; sleeps; takes RTNL.
 * Return: 0; -EINVAL for a "publish" naming no class; another negative
 * errno from the notifiers.
 */
int ifreg_native_init(void)
{
	int err;

	INIT_WORK(&ifreg_native_scan_work, ifreg_native_scan_fn);
	ifreg_native_closing = false;
	err = ifreg_native_parse(ifreg_publish, &ifreg_native_wanted);
	if (err || !ifreg_native_wanted)
		return err;
	err = register_module_notifier(&ifreg_native_module_nb);
	if (err)
		return err;
	if (ifreg_native_wanted & BIT(IFREG_NATIVE_NET)) {
		/* Replays NETDEV_REGISTER for every netdev there is. */
		err = register_netdevice_notifier(&ifreg_native_netdev_nb);
		if (err) {
			unregister_module_notifier(&ifreg_native_module_nb);
			ifreg_native_forget_all();
			cancel_work_sync(&ifreg_native_scan_work);
			return err;
		}
	}
	ifreg_native_scan();
	return 0;
}

/**
 * ifreg_native_exit() - stop publishing
 *
 * The registry keeps what was published, for ifreg_registry_clear().
 *
 * Context: Process context; sleeps; takes RTNL.
 */
void ifreg_native_exit(void)
{
	/* From here on, what the watch and the notifiers tell is ignored. */
	ifreg_native_forget_all();
	cancel_work_sync(&ifreg_native_scan_work);
	if (!ifreg_native_wanted)
		return;
	if (ifreg_native_wanted & BIT(IFREG_NATIVE_NET))
		unregister_netdevice_notifier(&ifreg_native_netdev_nb);
	unregister_module_notifier(&ifreg_native_module_nb);
}
