// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_native: the rules of the publisher of native devices,
 * which device of Linux offers which well-known class, its PDO and its
 * friendly name, on devices made for the test (never registered: the
 * rules read only what a registered device has).
 */

#include <kunit/test.h>
#include <linux/blkdev.h>
#include <linux/device.h>
#include <linux/input.h>
#include <linux/serial_core.h>

#include "native_rules.h"

#define KIND(k) BIT(IFREG_NATIVE_##k)

/* A device of @cls named @name under @parent, made for the test. */
static struct device *kt_dev(struct kunit *test, const struct class *cls,
			     const char *name, struct device *parent)
{
	struct device *dev = kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, dev);
	dev->class = (void *)cls;
	dev->init_name = name;
	dev->parent = parent;
	return dev;
}

static const struct class kt_hidraw = { .name = "hidraw" };
static const struct class kt_drm = { .name = "drm" };
static const struct class kt_tty = { .name = "tty" };
static const struct class kt_block = { .name = "block" };
static const struct class kt_net = { .name = "net" };
static const struct class kt_misc = { .name = "misc" };
static const struct bus_type kt_usb = { .name = "usb" };
static const struct bus_type kt_pci = { .name = "pci" };
static const struct bus_type kt_hid = { .name = "hid" };
static const struct device_type kt_usb_device = { .name = "usb_device" };
static const struct device_type kt_disk = { .name = "disk" };
static const struct device_type kt_partition = { .name = "partition" };

/* Keyboards and mice by what their input devices can do. */
static void input_devices_by_capability(struct kunit *test)
{
	struct input_dev *in = input_allocate_device();
	unsigned int k;

	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_EXPECT_EQ(test, ifreg_native_input_kinds(in), 0);
	__set_bit(EV_KEY, in->evbit);
	for (k = KEY_ESC; k < KEY_S; k++)
		__set_bit(k, in->keybit);
	/* One key short of a keyboard (a remote control, a power button). */
	KUNIT_EXPECT_EQ(test, ifreg_native_input_kinds(in), 0);
	__set_bit(KEY_S, in->keybit);
	KUNIT_EXPECT_EQ(test, ifreg_native_input_kinds(in), KIND(KEYBOARD));

	/* A keyboard with a touchpad: both. */
	__set_bit(BTN_LEFT, in->keybit);
	KUNIT_EXPECT_EQ(test, ifreg_native_input_kinds(in), KIND(KEYBOARD));
	__set_bit(EV_REL, in->evbit);
	__set_bit(REL_X, in->relbit);
	KUNIT_EXPECT_EQ(test, ifreg_native_input_kinds(in), KIND(KEYBOARD));
	__set_bit(REL_Y, in->relbit);
	KUNIT_EXPECT_EQ(test, ifreg_native_input_kinds(in), KIND(KEYBOARD) | KIND(MOUSE));
	__clear_bit(KEY_ESC, in->keybit);
	KUNIT_EXPECT_EQ(test, ifreg_native_input_kinds(in), KIND(MOUSE));

	/* A tablet: absolute X and Y and a left button. */
	__clear_bit(EV_REL, in->evbit);
	KUNIT_EXPECT_EQ(test, ifreg_native_input_kinds(in), 0);
	__set_bit(EV_ABS, in->evbit);
	__set_bit(ABS_X, in->absbit);
	__set_bit(ABS_Y, in->absbit);
	KUNIT_EXPECT_EQ(test, ifreg_native_input_kinds(in), KIND(MOUSE));
	__clear_bit(BTN_LEFT, in->keybit);
	KUNIT_EXPECT_EQ(test, ifreg_native_input_kinds(in), 0);
	input_free_device(in);
}

/* The evdev node of an input device is the function, not the device. */
static void evdev_nodes_offer_what_their_device_is(struct kunit *test)
{
	struct input_dev *in = input_allocate_device();
	struct device *node, *mouse;
	char *name;
	unsigned int k;

	KUNIT_ASSERT_NOT_NULL(test, in);
	in->name = "Test Keyboard";
	__set_bit(EV_KEY, in->evbit);
	for (k = KEY_ESC; k <= KEY_S; k++)
		__set_bit(k, in->keybit);
	node = kt_dev(test, in->dev.class, "event3", &in->dev);
	mouse = kt_dev(test, in->dev.class, "mouse0", &in->dev);
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(node), KIND(KEYBOARD));
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(mouse), 0);
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(&in->dev), 0);

	/* The name the input device has, and the node's. */
	name = ifreg_native_friendly_name(node, node);
	KUNIT_EXPECT_STREQ(test, name, "Test Keyboard (event3)");
	kfree(name);
	input_free_device(in);
}

static void classes_by_name(struct kunit *test)
{
	struct device *parent = kt_dev(test, NULL, "00:05", NULL);

	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(kt_dev(test, &kt_hidraw, "hidraw0", parent)),
			KIND(HID));
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(kt_dev(test, &kt_net, "eth0", parent)),
			KIND(NET));
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(kt_dev(test, &kt_drm, "card0", parent)),
			KIND(DISPLAY));
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(kt_dev(test, &kt_drm, "card12", parent)),
			KIND(DISPLAY));
	/* A connector and a render node are not adapters. */
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(kt_dev(test, &kt_drm, "card0-HDMI-A-1", parent)),
			0);
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(kt_dev(test, &kt_drm, "renderD128", parent)), 0);
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(kt_dev(test, &kt_misc, "fuse", parent)), 0);
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(parent), 0);
}

static ssize_t kt_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return 0;
}

static struct device_attribute kt_uartclk = __ATTR(uartclk, 0444, kt_show, NULL);
static struct attribute *kt_serial_attrs[] = { &kt_uartclk.attr, NULL };
static const struct attribute_group kt_serial_group = { .attrs = kt_serial_attrs };
static const struct attribute_group *kt_serial_groups[] = { &kt_serial_group, NULL };

/* A COM port is a tty with a port: not a console, not a UART not there. */
static void ttys_with_a_port(struct kunit *test)
{
	struct device *parent = kt_dev(test, NULL, "00:05", NULL);
	struct uart_state *state = kunit_kzalloc(test, sizeof(*state), GFP_KERNEL);
	struct uart_port *uport = kunit_kzalloc(test, sizeof(*uport), GFP_KERNEL);
	struct device *tty;
	char *name;

	KUNIT_ASSERT_NOT_NULL(test, state);
	KUNIT_ASSERT_NOT_NULL(test, uport);
	/* Virtual: tty0, ptmx, pts have no parent. */
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(kt_dev(test, &kt_tty, "tty0", NULL)), 0);
	/* Not the serial core's (ttyACM0, ttyUSB0): its parent says enough. */
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(kt_dev(test, &kt_tty, "ttyACM0", parent)),
			KIND(COMPORT));

	/* The serial core's: the port's type says whether a UART is there. */
	tty = kt_dev(test, &kt_tty, "ttyS1", parent);
	tty->groups = kt_serial_groups;
	dev_set_drvdata(tty, &state->port);
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(tty), 0);
	state->uart_port = uport;
	uport->type = PORT_UNKNOWN;
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(tty), 0);
	uport->type = PORT_16550A;
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(tty), KIND(COMPORT));

	/* No model above it: what Windows calls one. */
	name = ifreg_native_friendly_name(tty, parent);
	KUNIT_EXPECT_STREQ(test, name, "Communications Port (ttyS1)");
	kfree(name);
}

/* Disks, CD-ROMs (a CD-ROM driver's) and partitions. */
static void block_devices_by_type(struct kunit *test)
{
	struct block_device *bdev = kunit_kzalloc(test, sizeof(*bdev), GFP_KERNEL);
	struct gendisk *disk = kunit_kzalloc(test, sizeof(*disk), GFP_KERNEL);
	struct device *dev;

	KUNIT_ASSERT_NOT_NULL(test, bdev);
	KUNIT_ASSERT_NOT_NULL(test, disk);
	bdev->bd_disk = disk;
	dev = &bdev->bd_device;
	dev->class = (void *)&kt_block;
	dev->init_name = "sr0";
	dev->type = &kt_disk;
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(dev), KIND(DISK));
#if IS_ENABLED(CONFIG_CDROM)
	/* Only looked at, never followed. (UML has no CD-ROM driver.) */
	disk->cdi = (void *)disk;
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(dev), KIND(CDROM));
#endif
	dev->type = &kt_partition;
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(dev), KIND(VOLUME));
	dev->type = NULL;
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(dev), 0);
}

/* USB devices plugged into a hub, not the root hubs; each its own PDO. */
static void usb_devices_and_their_pdo(struct kunit *test)
{
	struct device *pci = kt_dev(test, NULL, "0000:00:01.2", NULL);
	struct device *root = kt_dev(test, NULL, "usb1", pci);
	struct device *kbd = kt_dev(test, NULL, "1-1", root);
	struct device *intf = kt_dev(test, NULL, "1-1:1.0", kbd);
	struct device *node = kt_dev(test, &kt_hidraw, "hidraw0", intf);
	char *name;

	pci->bus = (void *)&kt_pci;
	root->bus = (void *)&kt_usb;
	kbd->bus = (void *)&kt_usb;
	intf->bus = (void *)&kt_usb;
	root->type = &kt_usb_device;
	kbd->type = &kt_usb_device;
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(kbd), KIND(USB_DEVICE));
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(root), 0);
	KUNIT_EXPECT_EQ(test, ifreg_native_kinds(intf), 0);
	KUNIT_EXPECT_PTR_EQ(test, ifreg_native_pdo(kbd), kbd);
	/* A class device's PDO is the nearest device on a bus. */
	KUNIT_EXPECT_PTR_EQ(test, ifreg_native_pdo(node), intf);
	/* Not a HID device, named by a count: the USB interface. */
	node->parent = kt_dev(test, NULL, "0003:0627:0001.0004", intf);
	node->parent->bus = (void *)&kt_hid;
	KUNIT_EXPECT_PTR_EQ(test, ifreg_native_pdo(node), intf);
	node->parent->parent = NULL;
	KUNIT_EXPECT_PTR_EQ(test, ifreg_native_pdo(node), node);
	/* Virtual: its own. */
	node->parent = NULL;
	KUNIT_EXPECT_PTR_EQ(test, ifreg_native_pdo(node), node);

	/* No model anywhere: the PDO's bus (it has no driver), or class. */
	node->parent = intf;
	intf->parent = NULL;	/* kbd is no struct usb_device */
	name = ifreg_native_friendly_name(node, intf);
	KUNIT_EXPECT_STREQ(test, name, "usb (hidraw0)");
	kfree(name);
	node->parent = NULL;
	name = ifreg_native_friendly_name(node, node);
	KUNIT_EXPECT_STREQ(test, name, "hidraw (hidraw0)");
	kfree(name);
}

/* Every class has a name of its own for "publish", and a GUID of its own. */
static void classes_are_distinct(struct kunit *test)
{
	int i, j;

	for (i = 0; i < IFREG_NATIVE_KINDS; i++) {
		KUNIT_EXPECT_NOT_NULL(test, ifreg_native_classes[i].name);
		for (j = 0; j < i; j++) {
			KUNIT_EXPECT_STRNEQ(test, ifreg_native_classes[i].name,
					    ifreg_native_classes[j].name);
			KUNIT_EXPECT_FALSE(test, guid_equal(&ifreg_native_classes[i].guid,
							    &ifreg_native_classes[j].guid));
		}
	}
}

static struct kunit_case ifreg_native_cases[] = {
	KUNIT_CASE(input_devices_by_capability),
	KUNIT_CASE(evdev_nodes_offer_what_their_device_is),
	KUNIT_CASE(classes_by_name),
	KUNIT_CASE(ttys_with_a_port),
	KUNIT_CASE(block_devices_by_type),
	KUNIT_CASE(usb_devices_and_their_pdo),
	KUNIT_CASE(classes_are_distinct),
	{}
};

static struct kunit_suite ifreg_native_suite = {
	.name = "ifreg_native",
	.test_cases = ifreg_native_cases,
};

kunit_test_suite(ifreg_native_suite);
