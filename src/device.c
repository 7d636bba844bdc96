// SPDX-License-Identifier: GPL-2.0
/*
 * Each enabled instance is a device of class "ifreg" whose parent is its
 * PDO: /sys/class/ifreg/<name>, with a "device" link to the PDO. Adding it
 * and deleting it are the "add" and "remove" uevents udev rules match; the
 * class's uevent callback supplies the IFREG_* properties, so that
 * "udevadm trigger" replays them. The callback reads only what never
 * changes in an instance, and the device node under RCU, and takes no
 * lock, so deleting the device under the registry's mutex cannot wait on
 * it. This file also finds the device at a sysfs path, the way user space
 * names a PDO, and the device node a device with a dev_t has.
 */

#include <linux/device.h>
#include <linux/klist.h>
#include <linux/nsproxy.h>
#include <linux/sched.h>
#include <net/net_namespace.h>
#include <linux/platform_device.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include <kunit/visibility.h>

#include "class.h"
#include "device.h"
#include "guid.h"
#include "instance.h"
#include "lifetime.h"
#include "notify.h"

/**
 * struct ifreg_devnode - the device node an enabled instance's device names
 * @rcu: freed after a grace period: the uevent callback and sysfs read it
 *	under RCU
 * @path: "/dev/...", as the instance's IFREG_DEVPKEY_DEVNODE property holds it
 */
struct ifreg_devnode {
	struct rcu_head rcu;
	char path[];
};

/**
 * ifreg_devnode_new() - a device node for an instance's device
 * @path: its path, copied
 *
 * Context: Process context; may sleep.
 * Return: the node, or NULL when out of memory.
 */
struct ifreg_devnode *ifreg_devnode_new(const char *path)
{
	size_t len = strlen(path);
	struct ifreg_devnode *node;

	node = kmalloc(struct_size(node, path, len + 1), GFP_KERNEL);
	if (node)
		memcpy(node->path, path, len + 1);
	return node;
}

/**
 * ifreg_devnode_free() - free a node no device names any longer
 * @node: the node, or NULL
 *
 * Context: Any context.
 */
void ifreg_devnode_free(struct ifreg_devnode *node)
{
	if (node)
		kfree_rcu(node, rcu);
}

static struct ifreg_devnode __rcu **ifreg_dev_node(IFREG_UEVENT_DEV_CONST struct device *dev)
{
	return &container_of(dev, struct ifreg_instance_device, dev)->node;
}

static int ifreg_dev_uevent(IFREG_UEVENT_DEV_CONST struct device *dev,
			    struct kobj_uevent_env *env)
{
	const struct ifreg_instance *inst = dev_get_drvdata(dev);
	struct ifreg_devnode *node;
	const char *key = ifreg_instance_key(inst);
	const char *ref = ifreg_instance_reference(inst);
	unsigned int sep = ifreg_instance_sep(inst);
	char guid[IFREG_GUID_BUFSZ];
	int err;

	ifreg_guid_format(&inst->class->guid, guid);
	err = add_uevent_var(env, "IFREG_CLASS=%s", guid);
	if (!err)
		err = add_uevent_var(env, "IFREG_SYMBOLIC_LINK=%s", inst->link);
	if (!err && ref)
		err = add_uevent_var(env, "IFREG_REFERENCE=%s", ref);
	/* The key's first '#' is the instance path's '\'. */
	if (!err)
		err = add_uevent_var(env, "IFREG_INSTANCE_PATH=%.*s\\%.*s", (int)sep,
				     key, (int)(inst->path_len - sep - 1), key + sep + 1);
	rcu_read_lock();
	node = rcu_dereference(*ifreg_dev_node(dev));
	if (!err && node)
		err = add_uevent_var(env, "IFREG_DEVNODE=%s", node->path);
	rcu_read_unlock();
	return err;
}

static ssize_t devnode_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct ifreg_devnode *node;
	ssize_t len;

	rcu_read_lock();
	node = rcu_dereference(*ifreg_dev_node(dev));
	len = sysfs_emit(buf, "%s\n", node ? node->path : "");
	rcu_read_unlock();
	return len;
}
static DEVICE_ATTR_RO(devnode);

static struct attribute *ifreg_dev_attrs[] = {
	&dev_attr_devnode.attr,
	NULL
};
ATTRIBUTE_GROUPS(ifreg_dev);

/*
 * The driver core releases the class after class_unregister(), reading
 * this struct, and under CONFIG_DEBUG_KOBJECT_RELEASE seconds later: the
 * release is counted (lifetime.c) so that unload waits for it.
 */
static void ifreg_device_class_release(IFREG_CLASS_RELEASE_CONST struct class *cls)
{
	ifreg_object_put();
}

static struct class ifreg_device_class = {
	.name = "ifreg",
	.dev_uevent = ifreg_dev_uevent,
	.dev_groups = ifreg_dev_groups,
	.class_release = ifreg_device_class_release,
};

static void ifreg_device_release(struct device *dev)
{
	struct ifreg_instance_device *idev =
		container_of(dev, struct ifreg_instance_device, dev);

	/* Disabling took them; a device never enabled has none. */
	ifreg_event_free(idev->arrival);
	ifreg_event_free(idev->removal);
	ifreg_devnode_free(rcu_dereference_protected(idev->node, 1));
	ifreg_instance_put(dev_get_drvdata(dev));
	kfree(idev);
	ifreg_object_put();
}

/**
 * ifreg_device_add() - make the device of an instance being enabled
 * @inst: the instance; it must be bound to a PDO
 * @name: the device's name, ifreg_instance_dev_name()
 * @quiet: hold the "add" uevent back, for ifreg_device_announce()
 * @node: the device node it names, or NULL; the device owns it from now
 *	on, whatever the answer
 * @dev: receives the device, the @dev of a struct ifreg_instance_device
 *	whose events are NULL
 *
 * The "add" uevent leaves here, unless @quiet. A quiet device that is
 * deleted before it is announced leaves without a "remove" uevent either.
 * The device holds a reference on @inst.
 *
 * Context: Process context; sleeps. Caller holds ifreg_lock.
 * Return:
 * * 0 - the device exists
 * * -ENOMEM - out of memory
 * * other negative errno - device_add() failed (-EEXIST: a device of that
 *   name exists)
 */
int ifreg_device_add(struct ifreg_instance *inst, const char *name, bool quiet,
		     struct ifreg_devnode *node, struct device **dev)
{
	struct ifreg_instance_device *idev;
	struct device *d;
	int err;

	lockdep_assert_held(&ifreg_lock);
	idev = kzalloc(sizeof(*idev), GFP_KERNEL);
	if (!idev) {
		ifreg_devnode_free(node);
		return -ENOMEM;
	}
	RCU_INIT_POINTER(idev->node, node);
	d = &idev->dev;
	ifreg_object_get();
	device_initialize(d);
	d->class = &ifreg_device_class;
	d->parent = inst->pdo;
	d->release = ifreg_device_release;
	kref_get(&inst->ref);
	dev_set_drvdata(d, inst);

	/*
	 * No power management, and no "power" group: deleted after its PDO
	 * (a deletion heard of late, see ifreg_watch_settle()), the device
	 * has no sysfs directory left to remove it from.
	 */
	device_set_pm_not_required(d);
	dev_set_uevent_suppress(d, quiet);
	err = dev_set_name(d, "%s", name);
	if (!err)
		err = device_add(d);
	if (err) {
		put_device(d);
		return err;
	}
	*dev = d;
	return 0;
}

/**
 * ifreg_device_announce() - send the "add" uevent a quiet device held back
 * @dev: what ifreg_device_add() made; nothing happens if it was not quiet
 *
 * Context: Process context; sleeps. Caller holds ifreg_lock.
 */
void ifreg_device_announce(struct device *dev)
{
	lockdep_assert_held(&ifreg_lock);
	if (!dev_get_uevent_suppress(dev))
		return;
	dev_set_uevent_suppress(dev, false);
	kobject_uevent(&dev->kobj, KOBJ_ADD);
}

/**
 * ifreg_device_set_node() - change the device node an instance's device names
 * @dev: what ifreg_device_add() made
 * @node: the new node, or NULL; @dev owns it from now on
 *
 * A device already announced says so with a "change" uevent.
 *
 * Context: Process context; sleeps. Caller holds ifreg_lock.
 */
void ifreg_device_set_node(struct device *dev, struct ifreg_devnode *node)
{
	struct ifreg_devnode *old;

	lockdep_assert_held(&ifreg_lock);
	old = rcu_replace_pointer(*ifreg_dev_node(dev), node,
				  lockdep_is_held(&ifreg_lock));
	ifreg_devnode_free(old);
	if (!dev_get_uevent_suppress(dev))
		kobject_uevent(&dev->kobj, KOBJ_CHANGE);
}

/**
 * ifreg_device_node_path() - the device node of a device with a dev_t
 * @dev: the device
 * @path: receives "/dev/<name>", to be freed with kfree()
 *
 * The name devtmpfs gives it: what the device's type, or else its class,
 * names it, or else its name with each '!' a '/'.
 *
 * Context: Process context; may sleep.
 * Return: 0; -EINVAL when @dev has no dev_t, or the path is longer than
 * IFREG_DEVNODE_MAX; -ENOMEM.
 */
int ifreg_device_node_path(struct device *dev, char **path)
{
	char *name = NULL;
	umode_t mode = 0;
	kuid_t uid;
	kgid_t gid;

	if (!dev->devt)
		return -EINVAL;
	if (dev->type && dev->type->devnode)
		name = dev->type->devnode(dev, &mode, &uid, &gid);
	if (!name && dev->class && dev->class->devnode)
		name = dev->class->devnode(dev, &mode);
	if (name) {
		*path = kasprintf(GFP_KERNEL, "/dev/%s", name);
		kfree(name);
	} else {
		*path = kasprintf(GFP_KERNEL, "/dev/%s", dev_name(dev));
		if (*path)
			strreplace(*path, '!', '/');
	}
	if (!*path)
		return -ENOMEM;
	if (strlen(*path) > IFREG_DEVNODE_MAX) {
		kfree(*path);
		*path = NULL;
		return -EINVAL;
	}
	return 0;
}

/**
 * ifreg_device_del() - delete the device of an instance being disabled
 * @dev: what ifreg_device_add() made
 *
 * The "remove" uevent leaves here.
 *
 * Context: Process context; sleeps. Caller holds ifreg_lock.
 */
void ifreg_device_del(struct device *dev)
{
	lockdep_assert_held(&ifreg_lock);
	device_unregister(dev);
}

/**
 * ifreg_device_is_instance() - whether a device is an instance's device
 * @dev: a device
 *
 * Such a device cannot be a PDO: it is added and deleted under ifreg_lock,
 * which watching it would take again.
 *
 * Context: Any context.
 * Return: true when @dev is in class "ifreg".
 */
bool ifreg_device_is_instance(const struct device *dev)
{
	return dev->class == &ifreg_device_class;
}

static int ifreg_device_is(struct device *dev, const void *data)
{
	return dev == data;
}

/**
 * ifreg_device_in_class_list() - whether a class device is in its class's list
 * @dev: a device with a class, registered or not
 *
 * In two steps, whatever the class's size: from @dev's place, back to the
 * listed device before it (or the list's head), then forward to the listed
 * device after that one, which is @dev if @dev is listed. A device taken
 * off the list is skipped both ways, even while an iterator of the class
 * still holds its place (its node stays linked, marked dead).
 *
 * Context: Any context that may take a spinlock; @dev is held.
 * Return: true when @dev is in its class's list of devices.
 */
bool ifreg_device_in_class_list(struct device *dev)
{
	struct class_dev_iter iter;
	struct device *next;

	/* 6.1 takes no const class; it does not change. */
	class_dev_iter_init(&iter, (void *)dev->class, dev, NULL);
	/* 6.12 leaves the iterator empty for a class no longer registered. */
	if (!iter.ki.i_klist)
		return false;
	klist_prev(&iter.ki);
	next = class_dev_iter_next(&iter);
	class_dev_iter_exit(&iter);
	return next == dev;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_device_in_class_list);

/**
 * ifreg_device_present() - whether a device is there and not being deleted
 * @dev: the device
 *
 * device_is_registered() stays true until the very end of device_del().
 * What goes before anyone is told is the device's place in its bus's list
 * (before BUS_NOTIFY_REMOVED_DEVICE) or its class's (right after the class
 * interfaces' remove_dev(), under the class's mutex). So a caller whose
 * watch of @dev's bus or class is up, and which finds @dev in that list (for
 * a class device, once no deletion holds the class's mutex), is sure to
 * hear of its deletion afterwards. A class device is looked for at its own
 * place in its class's list (class_dev_iter and klist_prev() are exported);
 * a bus device by a walk of its bus's list, as the driver core exports no
 * iterator of a bus on 6.12: the cost is the size of the bus.
 *
 * Context: Process context; may sleep. @dev's bus or class is registered.
 * Return: true when @dev is registered and in its bus's (or, without a
 * bus, its class's) list of devices.
 */
bool ifreg_device_present(struct device *dev)
{
	struct device *found;

	if (!device_is_registered(dev))
		return false;
	if (!dev->bus)
		return dev->class && ifreg_device_in_class_list(dev);
	/* 6.1 takes no const bus; it does not change. */
	found = bus_find_device((void *)dev->bus, NULL, dev, ifreg_device_is);
	put_device(found);
	return found;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_device_present);

/* The network namespace @dev lives in (a netdev), or NULL: none. */
static const struct net *ifreg_device_net(struct device *dev)
{
	const struct class *cls = dev->class;

	if (!cls || !cls->ns_type || !cls->namespace ||
	    cls->ns_type->type != KOBJ_NS_TYPE_NET)
		return NULL;
	return cls->namespace(dev);
}

/**
 * ifreg_device_in_init_net() - whether a device is the initial namespace's
 * @dev: the device
 *
 * Context: Any.
 * Return: true unless @dev lives in a network namespace other than the
 * initial one.
 */
bool ifreg_device_in_init_net(struct device *dev)
{
	const struct net *net = ifreg_device_net(dev);

	return !net || net_eq(net, &init_net);
}

/**
 * ifreg_device_location() - where a device is, its identity in the registry
 * @dev: the device
 * @location: receives the location, to be freed with kfree()
 *
 * The device's sysfs path ("/devices/pci0000:00/0000:00:03.0/net/eth0"):
 * the path of its parents, which for hardware is where it is plugged in,
 * and its own name. For a device in a network namespace other than the
 * initial one, "@" and the namespace's cookie follow: the same path in
 * another namespace, or in one that has gone, is another device.
 *
 * Context: Process context; may sleep.
 * Return: 0, or -ENOMEM.
 */
int ifreg_device_location(struct device *dev, char **location)
{
	char *path;

	path = kobject_get_path(&dev->kobj, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	if (!ifreg_device_in_init_net(dev)) {
		*location = kasprintf(GFP_KERNEL, "%s@%llu", path,
				      (unsigned long long)ifreg_device_net(dev)->net_cookie);
		kfree(path);
		return *location ? 0 : -ENOMEM;
	}
	*location = path;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_device_location);

/*
 * Whether @dev, if it lives in a network namespace (a netdev), lives in
 * the caller's: two namespaces may each have a device at one sysfs path.
 */
static bool ifreg_device_in_callers_net(struct device *dev)
{
	const struct net *net = ifreg_device_net(dev);

	return !net || net == current->nsproxy->net_ns;
}

/*
 * Whether @kobj's path, as kobject_get_path() would make it, is the @len
 * bytes at @path: compared from the end, name by name, so that walking
 * every device under a spinlock allocates nothing and cannot miss one.
 */
static bool ifreg_kobj_path_is(struct kobject *kobj, const char *path, size_t len)
{
	const char *name;
	size_t n;

	for (; kobj; kobj = kobj->parent) {
		name = kobject_name(kobj);
		if (!name)
			return false;
		n = strlen(name);
		if (len < n + 1 || path[len - n - 1] != '/' ||
		    memcmp(path + len - n, name, n))
			return false;
		len -= n + 1;
	}
	return !len;
}

/**
 * ifreg_device_find() - the registered device at a sysfs path
 * @sysfs_path: "/sys/devices/..." or "/devices/..."
 *
 * A device of a network namespace (a netdev) is found only in the
 * caller's, as the caller's sysfs shows it.
 *
 * The names are read with the RTNL held: a netdev, the device that is
 * renamed (dev_change_name(), or a move to another namespace), frees its
 * old name at once under the RTNL; devices_kset's lock does not keep it.
 *
 * Context: Process context; sleeps. Takes the RTNL: must not hold it, nor
 * ifreg_lock. Allocates nothing, so that no device is missed for want of
 * memory.
 * Return: the device, with a reference the caller drops with put_device(),
 * or NULL when there is none.
 */
struct device *ifreg_device_find(const char *sysfs_path)
{
	/* Every device's kobject is in devices_kset, which is not exported;
	 * the platform bus device is in it too.
	 */
	struct kset *devices = platform_bus.kobj.kset;
	struct kobject *k, *found = NULL;
	size_t len;

	if (!strncmp(sysfs_path, "/sys/", 5))
		sysfs_path += 4;
	len = strlen(sysfs_path);
	rtnl_lock();
	spin_lock(&devices->list_lock);
	list_for_each_entry(k, &devices->list, entry) {
		if (ifreg_kobj_path_is(k, sysfs_path, len) &&
		    ifreg_device_in_callers_net(kobj_to_dev(k)) &&
		    kobject_get_unless_zero(k)) {
			found = k;
			break;
		}
	}
	spin_unlock(&devices->list_lock);
	rtnl_unlock();
	return found ? kobj_to_dev(found) : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_device_find);

/**
 * ifreg_device_class_init() - register class "ifreg"
 *
 * Context: Process context; sleeps.
 * Return: 0, or a negative errno from class_register().
 */
int ifreg_device_class_init(void)
{
	int err;

	ifreg_object_get();
	err = class_register(&ifreg_device_class);
	/* A class_register() that fails releases nothing. */
	if (err)
		ifreg_object_put();
	return err;
}

/**
 * ifreg_device_class_exit() - unregister class "ifreg"
 *
 * Context: Process context; sleeps. Every instance device is gone.
 */
void ifreg_device_class_exit(void)
{
	class_unregister(&ifreg_device_class);
}
