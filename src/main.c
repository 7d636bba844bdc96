// SPDX-License-Identifier: GPL-2.0
/*
 * ifreg module entry: the module parameters, the registry's sysfs root
 * (/sys/kernel/ifreg), the order things are set up and torn down in, and
 * the count of objects whose release functions (module code) are pending.
 */

#include <linux/atomic.h>
#include <linux/init.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/wait.h>

#include <kunit/visibility.h>

#include "device.h"
#include "main.h"
#include "ndis_netdev.h"
#include "ndis_proc.h"
#include "ndis_table.h"
#include "netlink.h"
#include "notify.h"
#include "registry.h"
#include "removal.h"

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

unsigned int ifreg_max_subscribers = 1024;
EXPORT_SYMBOL_IF_KUNIT(ifreg_max_subscribers);
module_param_named(max_subscribers, ifreg_max_subscribers, uint, 0444);
MODULE_PARM_DESC(max_subscribers, "Most notification subscriptions (default 1024)");

unsigned int ifreg_max_store_entries = 64;
EXPORT_SYMBOL_IF_KUNIT(ifreg_max_store_entries);
module_param_named(max_store_entries, ifreg_max_store_entries, uint, 0444);
MODULE_PARM_DESC(max_store_entries, "Most values and properties per instance (default 64)");

unsigned int ifreg_max_store_size = 4096;
EXPORT_SYMBOL_IF_KUNIT(ifreg_max_store_size);
module_param_named(max_store_size, ifreg_max_store_size, uint, 0444);
MODULE_PARM_DESC(max_store_size, "Largest value or property in bytes (default 4096)");

static atomic_t ifreg_objects = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(ifreg_objects_released);
static struct kobject *ifreg_kobj;

/**
 * ifreg_object_get() - count an object whose release is module code
 *
 * Context: Any context.
 */
void ifreg_object_get(void)
{
	atomic_inc(&ifreg_objects);
}

/**
 * ifreg_object_put() - the release of a counted object has run
 *
 * Context: Any context.
 */
void ifreg_object_put(void)
{
	if (atomic_dec_and_test(&ifreg_objects))
		wake_up_all(&ifreg_objects_released);
}

/**
 * ifreg_objects_wait() - wait until every counted object has been released
 *
 * Release functions are module code; the module may not go before the last
 * of them has run (CONFIG_DEBUG_KOBJECT_RELEASE delays them by seconds), nor
 * before the RCU callbacks they queued.
 *
 * Context: Process context; sleeps.
 */
void ifreg_objects_wait(void)
{
	wait_event(ifreg_objects_released, !atomic_read(&ifreg_objects));
	rcu_barrier();
}

static int __init ifreg_init(void)
{
	int err;

	ifreg_kobj = kobject_create_and_add("ifreg", kernel_kobj);
	if (!ifreg_kobj)
		return -ENOMEM;
	err = ifreg_notify_init();
	if (err)
		goto err_put_kobj;
	err = ifreg_removal_init();
	if (err)
		goto err_notify_exit;
	err = ifreg_device_class_init();
	if (err)
		goto err_removal_exit;
	err = ifreg_registry_init(ifreg_kobj);
	if (err)
		goto err_device_class_exit;
	err = ifreg_ndis_table_init();
	if (err)
		goto err_registry_exit;
	err = ifreg_ndis_netdev_init();
	if (err)
		goto err_ndis_table_exit;
	err = ifreg_ndis_proc_init();
	if (err)
		goto err_ndis_netdev_exit;
	err = ifreg_netlink_init();
	if (err)
		goto err_ndis_proc_exit;
	return 0;

err_ndis_proc_exit:
	ifreg_ndis_proc_exit();
err_ndis_netdev_exit:
	ifreg_ndis_netdev_exit();
err_ndis_table_exit:
	ifreg_ndis_table_exit();
err_registry_exit:
	ifreg_registry_exit();
err_device_class_exit:
	ifreg_device_class_exit();
err_removal_exit:
	ifreg_removal_exit();
err_notify_exit:
	ifreg_notify_exit();
err_put_kobj:
	kobject_put(ifreg_kobj);
	return err;
}

static void __exit ifreg_exit(void)
{
	ifreg_netlink_exit();
	ifreg_ndis_proc_exit();
	ifreg_ndis_netdev_exit();
	ifreg_ndis_table_exit();
	ifreg_registry_clear();
	ifreg_removal_exit();
	ifreg_notify_exit();
	ifreg_registry_exit();
	ifreg_device_class_exit();
	kobject_put(ifreg_kobj);
	ifreg_objects_wait();
}

module_init(ifreg_init);
module_exit(ifreg_exit);

MODULE_DESCRIPTION("Windows device-interface registry for Linux drivers");
MODULE_LICENSE("GPL");
