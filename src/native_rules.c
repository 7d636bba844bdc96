// SPDX-License-Identifier: GPL-2.0
/*
 * The rules of the publisher of native devices (native.c): which
 * well-known interface class a device of Linux offers, the device Windows
 * would call its PDO, and the name people know it by. They read what the
 * driver core and the subsystems' public structures say, as sysfs shows
 * it; Documentation/ifreg.rst, "Native devices", lists them.
 */

#include <linux/blkdev.h>
#include <linux/device.h>
#include <linux/hid.h>
#include <linux/input.h>
#include <linux/serial_core.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/usb.h>

#include <kunit/visibility.h>
#include <scsi/scsi_device.h>

#include "native_rules.h"

/* GUID_DEVINTERFACE_*, as Microsoft's headers define them. */
const struct ifreg_native_class ifreg_native_classes[IFREG_NATIVE_KINDS] = {
	[IFREG_NATIVE_NET] = { "net",
		GUID_INIT(0xcac88484, 0x7515, 0x4c03,
			  0x82, 0xe6, 0x71, 0xa8, 0x7a, 0xba, 0xc3, 0x61) },
	[IFREG_NATIVE_DISK] = { "disk",
		GUID_INIT(0x53f56307, 0xb6bf, 0x11d0,
			  0x94, 0xf2, 0x00, 0xa0, 0xc9, 0x1e, 0xfb, 0x8b) },
	[IFREG_NATIVE_CDROM] = { "cdrom",
		GUID_INIT(0x53f56308, 0xb6bf, 0x11d0,
			  0x94, 0xf2, 0x00, 0xa0, 0xc9, 0x1e, 0xfb, 0x8b) },
	[IFREG_NATIVE_VOLUME] = { "volume",
		GUID_INIT(0x53f5630d, 0xb6bf, 0x11d0,
			  0x94, 0xf2, 0x00, 0xa0, 0xc9, 0x1e, 0xfb, 0x8b) },
	[IFREG_NATIVE_COMPORT] = { "comport",
		GUID_INIT(0x86e0d1e0, 0x8089, 0x11d0,
			  0x9c, 0xe4, 0x08, 0x00, 0x3e, 0x30, 0x1f, 0x73) },
	[IFREG_NATIVE_HID] = { "hid",
		GUID_INIT(0x4d1e55b2, 0xf16f, 0x11cf,
			  0x88, 0xcb, 0x00, 0x11, 0x11, 0x00, 0x00, 0x30) },
	[IFREG_NATIVE_USB_DEVICE] = { "usb",
		GUID_INIT(0xa5dcbf10, 0x6530, 0x11d2,
			  0x90, 0x1f, 0x00, 0xc0, 0x4f, 0xb9, 0x51, 0xed) },
	[IFREG_NATIVE_KEYBOARD] = { "keyboard",
		GUID_INIT(0x884b96c3, 0x56ef, 0x11d1,
			  0xbc, 0x8c, 0x00, 0xa0, 0xc9, 0x14, 0x05, 0xdd) },
	[IFREG_NATIVE_MOUSE] = { "mouse",
		GUID_INIT(0x378de44c, 0x56ef, 0x11d1,
			  0xbc, 0x8c, 0x00, 0xa0, 0xc9, 0x14, 0x05, 0xdd) },
	[IFREG_NATIVE_DISPLAY] = { "display",
		GUID_INIT(0x5b45201d, 0xf2f2, 0x4f3b,
			  0x85, 0xbb, 0x30, 0xff, 0x1f, 0x95, 0x35, 0x99) },
};
EXPORT_SYMBOL_IF_KUNIT(ifreg_native_classes);

/* Netdevs are not here: native.c follows them through their notifier. */
const struct ifreg_native_subsystem ifreg_native_subsystems[IFREG_NATIVE_SUBSYSTEMS] = {
	{ "block", false, BIT(IFREG_NATIVE_DISK) | BIT(IFREG_NATIVE_CDROM) |
			  BIT(IFREG_NATIVE_VOLUME) },
	{ "tty", false, BIT(IFREG_NATIVE_COMPORT) },
	{ "hidraw", false, BIT(IFREG_NATIVE_HID) },
	{ "input", false, BIT(IFREG_NATIVE_KEYBOARD) | BIT(IFREG_NATIVE_MOUSE) },
	{ "drm", false, BIT(IFREG_NATIVE_DISPLAY) },
	{ "usb", true, BIT(IFREG_NATIVE_USB_DEVICE) },
};

static bool ifreg_type_is(const struct device *dev, const char *name)
{
	return dev && dev->type && dev->type->name && !strcmp(dev->type->name, name);
}

static bool ifreg_class_is(const struct device *dev, const char *name)
{
	return dev && dev->class && !strcmp(dev->class->name, name);
}

/* A USB device plugged into a hub: not a root hub (the controller's). */
static bool ifreg_usb_device(const struct device *dev)
{
	return dev->bus && !strcmp(dev->bus->name, "usb") &&
	       ifreg_type_is(dev, "usb_device") && ifreg_type_is(dev->parent, "usb_device");
}

/*
 * A tty with a port behind it: one with a parent (virtual consoles,
 * ptys and the like have none), and, when the serial core drives it (its
 * attributes include "uartclk"), a port of a known type: the 8250 driver
 * adds ttyS0..ttyS3 whether or not a UART answers there. Read without the
 * port's mutex, which the serial core holds while it adds the tty.
 */
static bool ifreg_tty_has_port(struct device *dev)
{
	const struct attribute_group *const *g;
	struct attribute *const *a;
	struct uart_state *state;
	struct tty_port *port;
	struct uart_port *uport;

	if (!dev->parent)
		return false;
	for (g = dev->groups; g && *g; g++) {
		for (a = (*g)->attrs; a && *a; a++) {
			if (strcmp((*a)->name, "uartclk"))
				continue;
			port = dev_get_drvdata(dev);
			if (!port)
				return false;
			state = container_of(port, struct uart_state, port);
			uport = READ_ONCE(state->uart_port);
			return uport && READ_ONCE(uport->type) != PORT_UNKNOWN;
		}
	}
	return true;
}

/**
 * ifreg_native_input_kinds() - what an input device is to Windows
 * @input: the input device
 *
 * A keyboard has the keys from Esc to S (1 to 31), as udev's input_id
 * says; a mouse has a left button and relative or absolute X and Y.
 *
 * Context: Any.
 * Return: BIT(IFREG_NATIVE_KEYBOARD) and/or BIT(IFREG_NATIVE_MOUSE), or 0.
 */
unsigned int ifreg_native_input_kinds(const struct input_dev *input)
{
	unsigned int kinds = 0;
	unsigned int k;

	if (!test_bit(EV_KEY, input->evbit))
		return 0;
	for (k = KEY_ESC; k <= KEY_S && test_bit(k, input->keybit); k++)
		;
	if (k > KEY_S)
		kinds |= BIT(IFREG_NATIVE_KEYBOARD);
	if (test_bit(BTN_LEFT, input->keybit) &&
	    ((test_bit(EV_REL, input->evbit) && test_bit(REL_X, input->relbit) &&
	      test_bit(REL_Y, input->relbit)) ||
	     (test_bit(EV_ABS, input->evbit) && test_bit(ABS_X, input->absbit) &&
	      test_bit(ABS_Y, input->absbit))))
		kinds |= BIT(IFREG_NATIVE_MOUSE);
	return kinds;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_native_input_kinds);

/* An input device (inputN), not one of its handlers' nodes. */
static bool ifreg_input_device(const struct device *dev)
{
#if IS_REACHABLE(CONFIG_INPUT)
	return dev->class == &input_class && !ifreg_class_is(dev->parent, "input");
#else
	return false;
#endif
}

/* An evdev node ("eventN") of an input device. */
static bool ifreg_evdev_node(struct device *dev)
{
	return ifreg_class_is(dev, "input") && !strncmp(dev_name(dev), "event", 5) &&
	       dev->parent && ifreg_input_device(dev->parent);
}

/* "card0", not "card0-HDMI-A-1" (a connector) or "renderD128". */
static bool ifreg_drm_card(const char *name)
{
	unsigned int n;
	char end;

	return sscanf(name, "card%u%c", &n, &end) == 1;
}

/**
 * ifreg_native_kinds() - the well-known classes a device offers
 * @dev: a registered device
 *
 * - a netdev: NET (the caller decides which namespace);
 * - a block device: VOLUME for a partition; CDROM for a disk a CD-ROM
 *   driver drives (it has cdrom_device_info), DISK for every other disk;
 * - a tty with a port behind it: COMPORT;
 * - a hidraw node: HID;
 * - an evdev node ("eventN"): KEYBOARD and/or MOUSE, by what its input
 *   device can do;
 * - a DRM card ("cardN"): DISPLAY;
 * - a USB device (not a root hub): USB_DEVICE.
 *
 * Context: Process context, while @dev is registered.
 * Return: BIT(kind)..., or 0.
 */
unsigned int ifreg_native_kinds(struct device *dev)
{
	if (!dev->class)
		return ifreg_usb_device(dev) ? BIT(IFREG_NATIVE_USB_DEVICE) : 0;
	if (ifreg_class_is(dev, "net"))
		return BIT(IFREG_NATIVE_NET);
	if (ifreg_class_is(dev, "block")) {
		if (ifreg_type_is(dev, "partition"))
			return BIT(IFREG_NATIVE_VOLUME);
		if (!ifreg_type_is(dev, "disk"))
			return 0;
		return disk_to_cdi(dev_to_disk(dev)) ? BIT(IFREG_NATIVE_CDROM) :
					       BIT(IFREG_NATIVE_DISK);
	}
	if (ifreg_class_is(dev, "tty"))
		return ifreg_tty_has_port(dev) ? BIT(IFREG_NATIVE_COMPORT) : 0;
	if (ifreg_class_is(dev, "hidraw"))
		return BIT(IFREG_NATIVE_HID);
	if (ifreg_evdev_node(dev))
		return ifreg_native_input_kinds(to_input_dev(dev->parent));
	if (ifreg_class_is(dev, "drm"))
		return ifreg_drm_card(dev_name(dev)) ? BIT(IFREG_NATIVE_DISPLAY) : 0;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_native_kinds);

/*
 * Buses that name their devices by a count of every device added since
 * boot ("0003:0627:0001.0004", "serio3"): the same keyboard plugged in
 * again is another name there, so such a device is no PDO; the device it
 * hangs off (the USB interface, the i8042 controller) names the place.
 */
static bool ifreg_bus_names_by_count(const struct device *dev)
{
	return !strcmp(dev->bus->name, "hid") || !strcmp(dev->bus->name, "serio");
}

/**
 * ifreg_native_pdo() - the device Windows would call a function's PDO
 * @fn: the Linux device that offers the interface
 *
 * The nearest device on a bus, @fn itself included (a USB device is its
 * own): the PCI, virtio, USB, SCSI or platform device; not a HID or serio
 * device, named by a count, but the one above it. A virtual device, with
 * none above it (lo, loop0, a uhid device's hidraw node), is its own, in
 * its class.
 *
 * Context: Any, while @fn is registered.
 * Return: @fn or one of its parents.
 */
struct device *ifreg_native_pdo(struct device *fn)
{
	struct device *d;

	for (d = fn; d; d = d->parent) {
		if (d->bus && !ifreg_bus_names_by_count(d))
			return d;
	}
	return fn;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_native_pdo);

/* "vendor model" of a SCSI device: fixed-width fields, space-padded. */
static char *ifreg_scsi_model(struct scsi_device *sdev)
{
	int v = sdev->vendor ? strnlen(sdev->vendor, 8) : 0;
	int m = sdev->model ? strnlen(sdev->model, 16) : 0;

	while (v && sdev->vendor[v - 1] == ' ')
		v--;
	while (m && sdev->model[m - 1] == ' ')
		m--;
	if (!v && !m)
		return NULL;
	return kasprintf(GFP_KERNEL, "%.*s%s%.*s", v, sdev->vendor ?: "",
			 v && m ? " " : "", m, sdev->model ?: "");
}

/* The model of @d itself, if it says one; ERR_PTR(-ENOENT) if not. */
static char *ifreg_model_of(struct device *d)
{
	struct usb_device *udev;
	const char *name = NULL;

	if (ifreg_input_device(d)) {
		name = to_input_dev(d)->name;
	} else if (d->bus && !strcmp(d->bus->name, "hid")) {
		name = to_hid_device(d)->name;
	} else if (ifreg_type_is(d, "scsi_device")) {
		return ifreg_scsi_model(to_scsi_device(d)) ?: ERR_PTR(-ENOENT);
	} else if (ifreg_type_is(d, "usb_device")) {
		udev = to_usb_device(d);
		if (udev->product)
			return kasprintf(GFP_KERNEL, "%s%s%s",
					 udev->manufacturer ?: "",
					 udev->manufacturer ? " " : "", udev->product);
	}
	if (!name || !*name)
		return ERR_PTR(-ENOENT);
	return kstrdup(name, GFP_KERNEL);
}

/**
 * ifreg_native_friendly_name() - the name people know a function by
 * @fn: the Linux device that offers the interface
 * @pdo: its PDO (ifreg_native_pdo())
 *
 * The model the nearest device that knows one says (an input or HID
 * device's name, a SCSI device's vendor and model, a USB device's
 * manufacturer and product), else "Communications Port" for a tty, or
 * the PDO's driver, or its bus or class; then the function's Linux name:
 * "QEMU QEMU DVD-ROM (sr0)", "virtio_blk (vda1)",
 * "Communications Port (ttyS0)".
 *
 * Context: Process context, while @fn is registered.
 * Return: the name, to be freed with kfree(); NULL out of memory.
 */
char *ifreg_native_friendly_name(struct device *fn, struct device *pdo)
{
	const char *what = NULL;
	char *model = ERR_PTR(-ENOENT), *name;
	struct device *d;

	for (d = fn; d && IS_ERR(model); d = d->parent)
		model = ifreg_model_of(d);
	if (!model)
		return NULL;
	if (IS_ERR(model)) {
		model = NULL;
		/*
		 * A serial port's driver says little ("port", "serial"):
		 * Windows' name for one. Else the driver, or the bus: what
		 * dev_printk() says.
		 */
		if (ifreg_class_is(fn, "tty"))
			what = "Communications Port";
		else
			what = dev_driver_string(pdo);
		if (!*what && pdo->class)
			what = pdo->class->name;
	}
	name = kasprintf(GFP_KERNEL, "%s (%s)", model ?: what ?: "device",
			 dev_name(fn));
	kfree(model);
	return name;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_native_friendly_name);
