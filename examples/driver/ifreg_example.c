// SPDX-License-Identifier: GPL-2.0
/*
 * ifreg_example: the smallest module built outside ifreg's tree against an
 * installed ifreg (make install-devel: its headers and Module.symvers).
 *
 * It makes one platform device of its own,
 * /sys/devices/platform/ifreg_example (ifreg names an instance after its
 * device's bus or class: a device with neither cannot have one), registers
 * an interface of class {5a3b0e6c-1f1e-4e8a-9a77-45584d504c45} on it and
 * enables it, as a Windows driver's AddDevice and IRP_MN_START_DEVICE do.
 * At unload it disables and removes the interface and deletes the device.
 * `ifregctl list --class {5a3b0e6c-1f1e-4e8a-9a77-45584d504c45}` shows it
 * while the module is loaded.
 */
#undef pr_fmt
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include <ifreg/ifreg.h>

static const guid_t example_class =
	GUID_INIT(0x5a3b0e6c, 0x1f1e, 0x4e8a,
		  0x9a, 0x77, 0x45, 0x58, 0x4d, 0x50, 0x4c, 0x45);

static struct platform_device *example_dev;
static char *example_link;

static int __init ifreg_example_init(void)
{
	int ret;

	example_dev = platform_device_register_simple("ifreg_example",
						      PLATFORM_DEVID_NONE, NULL, 0);
	if (IS_ERR(example_dev))
		return PTR_ERR(example_dev);

	ret = ifreg_register_interface(&example_dev->dev, &example_class,
				       NULL, &example_link);
	if (ret < 0)
		goto err_device;
	ret = ifreg_set_interface_state(example_link, true);
	if (ret < 0)
		goto err_register;
	pr_info("enabled %s\n", example_link);
	return 0;

err_register:
	ifreg_remove_interface(example_link);
	kfree(example_link);
err_device:
	platform_device_unregister(example_dev);
	return ret;
}

static void __exit ifreg_example_exit(void)
{
	ifreg_set_interface_state(example_link, false);
	ifreg_remove_interface(example_link);
	kfree(example_link);
	platform_device_unregister(example_dev);
}

module_init(ifreg_example_init);
module_exit(ifreg_example_exit);

MODULE_DESCRIPTION("A module built against an installed ifreg");
MODULE_LICENSE("GPL");
