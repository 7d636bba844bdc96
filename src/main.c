// SPDX-License-Identifier: GPL-2.0
/*
 * ifreg module entry: the order the parts are set up in, each on the ones
 * set up before it, and torn down in, the mirror of it. The registry's
 * sysfs root, /sys/kernel/ifreg, is made here, as the first thing and the
 * last to go. Everything else is in the files named below.
 */

#include <linux/init.h>
#include <linux/kobject.h>
#include <linux/module.h>

#include "device.h"
#include "lifetime.h"
#include "native.h"
#include "ndis_netdev.h"
#include "ndis_proc.h"
#include "ndis_table.h"
#include "netlink.h"
#include "notify.h"
#include "registry.h"
#include "watch.h"

static struct kobject *ifreg_kobj;

static int __init ifreg_init(void)
{
	int err;

	ifreg_kobj = kobject_create_and_add("ifreg", kernel_kobj);
	if (!ifreg_kobj)
		return -ENOMEM;
	err = ifreg_notify_init(ifreg_registry_arrivals);
	if (err)
		goto err_put_kobj;
	err = ifreg_device_class_init();
	if (err)
		goto err_notify_exit;
	err = ifreg_registry_init(ifreg_kobj);
	if (err)
		goto err_device_class_exit;
	err = ifreg_watch_init(&ifreg_registry_watch_ops, &ifreg_native_watch_ops);
	if (err)
		goto err_registry_exit;
	err = ifreg_ndis_table_init();
	if (err)
		goto err_watch_exit;
	err = ifreg_ndis_netdev_init();
	if (err)
		goto err_ndis_table_exit;
	err = ifreg_ndis_proc_init();
	if (err)
		goto err_ndis_netdev_exit;
	err = ifreg_netlink_init();
	if (err)
		goto err_ndis_proc_exit;
	err = ifreg_native_init();
	if (err)
		goto err_netlink_exit;
	return 0;

	/* A failed publisher init has undone itself. */
err_netlink_exit:
	ifreg_netlink_exit();
err_ndis_proc_exit:
	ifreg_ndis_proc_exit();
err_ndis_netdev_exit:
	ifreg_ndis_netdev_exit();
err_ndis_table_exit:
	ifreg_ndis_table_exit();
err_watch_exit:
	/* What the publisher registered before it failed. */
	ifreg_registry_clear();
	ifreg_watch_exit();
err_registry_exit:
	ifreg_registry_exit();
err_device_class_exit:
	ifreg_device_class_exit();
err_notify_exit:
	ifreg_notify_exit();
err_put_kobj:
	kobject_del(ifreg_kobj);
	kobject_put(ifreg_kobj);
	/* A failed load frees the module as an unload does. */
	ifreg_objects_wait();
	return err;
}

static void __exit ifreg_exit(void)
{
	ifreg_native_exit();
	ifreg_netlink_exit();
	ifreg_ndis_proc_exit();
	ifreg_ndis_netdev_exit();
	ifreg_ndis_table_exit();
	/*
	 * The one departure from the mirror: the registry empties itself
	 * (disabling what is enabled, with uevents and notifications) while
	 * the watch still tells it of devices deleted meanwhile; once the
	 * watch is stopped, the empty tables go.
	 */
	ifreg_registry_clear();
	ifreg_watch_exit();
	ifreg_registry_exit();
	ifreg_device_class_exit();
	ifreg_notify_exit();
	/* Out of sysfs now, not when a delayed release runs: insmod may follow. */
	kobject_del(ifreg_kobj);
	kobject_put(ifreg_kobj);
	/* Release functions still pending are module code: wait for them. */
	ifreg_objects_wait();
}

module_init(ifreg_init);
module_exit(ifreg_exit);

MODULE_DESCRIPTION("Windows device-interface registry for Linux drivers");
MODULE_LICENSE("GPL");
MODULE_AUTHOR("The ifreg developers <ifreg-devel@lists.example.org>");
MODULE_VERSION(IFREG_VERSION);
