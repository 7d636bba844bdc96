// SPDX-License-Identifier: GPL-2.0
/*
 * ifreg module entry: the module parameters, the global registry's sysfs
 * root (/sys/kernel/ifreg) and the order things are set up and torn down in.
 */

#include <linux/init.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "class.h"

static unsigned int max_classes = 4096;
module_param(max_classes, uint, 0444);
MODULE_PARM_DESC(max_classes, "Most interface classes the registry holds (default 4096)");

static struct kobject *ifreg_kobj;
static struct ifreg_class_table ifreg_classes;

static int __init ifreg_init(void)
{
	int err;

	ifreg_kobj = kobject_create_and_add("ifreg", kernel_kobj);
	if (!ifreg_kobj)
		return -ENOMEM;

	err = ifreg_class_table_init(&ifreg_classes, ifreg_kobj, max_classes);
	if (err)
		goto err_put_kobj;

	pr_debug("loaded\n");
	return 0;

err_put_kobj:
	kobject_put(ifreg_kobj);
	return err;
}

static void __exit ifreg_exit(void)
{
	ifreg_class_table_destroy(&ifreg_classes);
	kobject_put(ifreg_kobj);
	ifreg_objects_wait();
}

module_init(ifreg_init);
module_exit(ifreg_exit);

MODULE_DESCRIPTION("Windows device-interface registry for Linux drivers");
MODULE_LICENSE("GPL");
