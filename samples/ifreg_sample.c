// SPDX-License-Identifier: GPL-2.0
/*
 * ifreg_sample: what a Windows function driver's use of device interfaces
 * looks like on Linux, and the example to copy.
 *
 * The module creates "devices" platform devices, ifreg-sample.0 and on, and
 * one class device, ifreg_sample/sample0, and drives them. As a Windows
 * driver does in AddDevice and IRP_MN_START_DEVICE, probe registers the
 * device's interfaces and enables them; as in IRP_MN_REMOVE_DEVICE, remove
 * disables them. With disable_on_remove=0 it leaves them enabled, and ifreg
 * disables them itself when the driver unbinds or the device is deleted,
 * as the PnP manager does.
 *
 * The control interface names the device node that serves it, a misc
 * character device of its own, /dev/<device>-ctl, as a Windows driver's
 * interface is opened by its name: a program goes from the interface to
 * the node in one step (ifreg_set_interface_devnode()).
 *
 * With subscribe=1 it also follows its function class, as a driver calling
 * IoRegisterPlugPlayNotification does, and logs each arrival and removal.
 * It ends the subscription at unload unless leave_subscription=1, which
 * shows ifreg ending a subscription whose module has gone.
 *
 * Interface classes:
 *   {5a3b0e6c-1f1e-4e8a-9a77-53414d504c45}  "sample function" (no reference)
 *   {5a3b0e6c-1f1e-4e8a-9a77-53414d504c46}  "sample control" (reference "ctl")
 */

/* Its own name on its log lines, not ifreg's. */
#undef pr_fmt
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include <ifreg/ifreg.h>

#define SAMPLE_MAX_DEVICES 8

static const guid_t sample_function_guid =
	GUID_INIT(0x5a3b0e6c, 0x1f1e, 0x4e8a, 0x9a, 0x77, 0x53, 0x41, 0x4d, 0x50, 0x4c, 0x45);
static const guid_t sample_control_guid =
	GUID_INIT(0x5a3b0e6c, 0x1f1e, 0x4e8a, 0x9a, 0x77, 0x53, 0x41, 0x4d, 0x50, 0x4c, 0x46);

static unsigned int devices = 2;
module_param(devices, uint, 0444);
MODULE_PARM_DESC(devices, "Platform devices to create (default 2, at most 8)");

static bool disable_on_remove = true;
module_param(disable_on_remove, bool, 0644);
MODULE_PARM_DESC(disable_on_remove, "Disable interfaces in remove (default Y); N leaves it to ifreg");

static bool subscribe;
module_param(subscribe, bool, 0444);
MODULE_PARM_DESC(subscribe, "Log the function class's arrivals and removals (default N)");

static bool leave_subscription;
module_param(leave_subscription, bool, 0444);
MODULE_PARM_DESC(leave_subscription, "Do not end the subscription at unload: ifreg does (default N)");

static struct ifreg_notifier *sample_subscription;

static void sample_notify(const struct ifreg_notification *n, void *context)
{
	pr_info("%s %s\n", n->event == IFREG_ARRIVAL ? "arrival" : "removal",
		n->symbolic_link);
}

/* What one device registered: its interfaces' names, its control node. */
struct sample_ctx {
	char *function;
	char *control;
	struct miscdevice node;
};

static const struct file_operations sample_node_fops = {
	.owner = THIS_MODULE,
	.open = nonseekable_open,
};

/* The character device the control interface names: /dev/<device>-ctl. */
static int sample_node_add(struct device *dev, struct sample_ctx *ctx)
{
	int ret;

	ctx->node.minor = MISC_DYNAMIC_MINOR;
	ctx->node.fops = &sample_node_fops;
	ctx->node.parent = dev;
	ctx->node.name = kasprintf(GFP_KERNEL, "%s-ctl", dev_name(dev));
	if (!ctx->node.name)
		return -ENOMEM;
	ret = misc_register(&ctx->node);
	if (ret)
		kfree(ctx->node.name);
	return ret;
}

static void sample_node_del(struct sample_ctx *ctx)
{
	misc_deregister(&ctx->node);
	kfree(ctx->node.name);
}

/* AddDevice + START: register the interfaces and enable them. */
static int sample_start(struct device *dev, struct sample_ctx *ctx)
{
	int ret;

	ret = sample_node_add(dev, ctx);
	if (ret)
		return ret;
	ret = ifreg_register_interface(dev, &sample_function_guid, NULL, &ctx->function);
	if (ret < 0)
		goto err_del_node;
	dev_info(dev, "registered %s%s\n", ctx->function,
		 ret == IFREG_EXISTS ? " (known from before)" : "");
	ret = ifreg_register_interface(dev, &sample_control_guid, "ctl", &ctx->control);
	if (ret < 0)
		goto err_free_function;
	/* Named before it is enabled: its "add" uevent carries the node. */
	ret = ifreg_set_interface_devnode(ctx->control, ctx->node.this_device);
	if (ret < 0)
		goto err_free_control;

	ret = ifreg_set_interface_state(ctx->function, true);
	if (ret < 0)
		goto err_free_control;
	ret = ifreg_set_interface_state(ctx->control, true);
	if (ret < 0)
		goto err_disable_function;
	return 0;

err_disable_function:
	ifreg_set_interface_state(ctx->function, false);
err_free_control:
	kfree(ctx->control);
err_free_function:
	kfree(ctx->function);
err_del_node:
	sample_node_del(ctx);
	return ret;
}

/* REMOVE: disable what START enabled (or leave it to ifreg). */
static void sample_stop(struct device *dev, struct sample_ctx *ctx)
{
	if (disable_on_remove) {
		ifreg_set_interface_state(ctx->control, false);
		ifreg_set_interface_state(ctx->function, false);
	}
	kfree(ctx->control);
	kfree(ctx->function);
	sample_node_del(ctx);
}

static int sample_probe(struct platform_device *pdev)
{
	struct sample_ctx *ctx;

	ctx = devm_kzalloc(&pdev->dev, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	platform_set_drvdata(pdev, ctx);
	return sample_start(&pdev->dev, ctx);
}

static void sample_remove(struct platform_device *pdev)
{
	sample_stop(&pdev->dev, platform_get_drvdata(pdev));
}

/* remove_new: the void remove() both 6.1 and 6.12 take. */
static struct platform_driver sample_driver = {
	.probe = sample_probe,
	.remove_new = sample_remove,
	.driver = { .name = "ifreg-sample" },
};

static struct platform_device *sample_pdevs[SAMPLE_MAX_DEVICES];

/*
 * A device with no bus, in a class of its own, as netdevs are. Made by
 * device_create(), whose release is the driver core's: the device's last
 * reference may go after this module is unloaded (a device release in
 * module code would then run freed code; CONFIG_DEBUG_KOBJECT_RELEASE
 * delays every release by seconds and shows it).
 */
static struct class *sample_class;
static struct device *sample_cdev;
static struct sample_ctx sample_cdev_ctx;

static int sample_cdev_create(void)
{
	int err;

	/*
	 * Made by class_create(), not a struct class of this module: the
	 * driver core reads the class when it releases it, which may be
	 * after this module is gone (seconds later under
	 * CONFIG_DEBUG_KOBJECT_RELEASE, or when ifreg stops watching the
	 * class once this module has gone).
	 */
	sample_class = ifreg_class_create("ifreg_sample");
	if (IS_ERR(sample_class))
		return PTR_ERR(sample_class);
	sample_cdev = device_create(sample_class, NULL, 0, NULL, "sample0");
	if (IS_ERR(sample_cdev)) {
		err = PTR_ERR(sample_cdev);
		goto err_destroy_class;
	}
	err = sample_start(sample_cdev, &sample_cdev_ctx);
	if (err)
		goto err_unregister_cdev;
	return 0;

err_unregister_cdev:
	device_unregister(sample_cdev);
err_destroy_class:
	class_destroy(sample_class);
	return err;
}

static void sample_cdev_destroy(void)
{
	sample_stop(sample_cdev, &sample_cdev_ctx);
	device_unregister(sample_cdev);
	class_destroy(sample_class);
}

static void sample_pdevs_destroy(void)
{
	int i;

	for (i = 0; i < SAMPLE_MAX_DEVICES; i++) {
		platform_device_unregister(sample_pdevs[i]);
		sample_pdevs[i] = NULL;
	}
}

static int __init sample_init(void)
{
	unsigned int i;
	int err;

	if (devices > SAMPLE_MAX_DEVICES)
		return -EINVAL;
	if (subscribe) {
		err = ifreg_register_notification(&sample_function_guid,
						  IFREG_NOTIFY_INCLUDE_EXISTING,
						  sample_notify, NULL,
						  &sample_subscription);
		if (err)
			return err;
	}
	err = platform_driver_register(&sample_driver);
	if (err)
		goto err_unsubscribe;
	for (i = 0; i < devices; i++) {
		sample_pdevs[i] = platform_device_register_simple("ifreg-sample", i, NULL, 0);
		if (IS_ERR(sample_pdevs[i])) {
			err = PTR_ERR(sample_pdevs[i]);
			sample_pdevs[i] = NULL;
			goto err_destroy_pdevs;
		}
	}
	err = sample_cdev_create();
	if (err)
		goto err_destroy_pdevs;
	return 0;

err_destroy_pdevs:
	sample_pdevs_destroy();
	platform_driver_unregister(&sample_driver);
err_unsubscribe:
	ifreg_unregister_notification(sample_subscription);
	return err;
}

static void __exit sample_exit(void)
{
	sample_cdev_destroy();
	/* Driver first: remove() runs, then the devices are deleted. */
	platform_driver_unregister(&sample_driver);
	sample_pdevs_destroy();
	if (!leave_subscription)
		ifreg_unregister_notification(sample_subscription);
}

module_init(sample_init);
module_exit(sample_exit);

MODULE_DESCRIPTION("ifreg sample provider: interfaces registered and enabled in probe");
MODULE_LICENSE("GPL");
