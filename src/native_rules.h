/* SPDX-License-Identifier: GPL-2.0 */
/* Which well-known interface classes a Linux device offers, and its names. */
#ifndef _IFREG_NATIVE_RULES_H
#define _IFREG_NATIVE_RULES_H

#include <linux/types.h>
#include <linux/uuid.h>

struct device;
struct input_dev;

/* The well-known classes ifreg publishes for native devices. */
enum ifreg_native_kind {
	IFREG_NATIVE_NET,
	IFREG_NATIVE_DISK,
	IFREG_NATIVE_CDROM,
	IFREG_NATIVE_VOLUME,
	IFREG_NATIVE_COMPORT,
	IFREG_NATIVE_HID,
	IFREG_NATIVE_USB_DEVICE,
	IFREG_NATIVE_KEYBOARD,
	IFREG_NATIVE_MOUSE,
	IFREG_NATIVE_DISPLAY,
	IFREG_NATIVE_KINDS
};

/**
 * struct ifreg_native_class - one well-known class
 * @name: what the module parameter "publish" calls it
 * @guid: its GUID_DEVINTERFACE_*
 */
struct ifreg_native_class {
	const char *name;
	guid_t guid;
};

extern const struct ifreg_native_class ifreg_native_classes[IFREG_NATIVE_KINDS];

/**
 * struct ifreg_native_subsystem - where devices of some classes come from
 * @name: the bus or class, as the driver core names it
 * @bus: a bus (heard of through its notifier), not a class
 * @kinds: the classes its devices may offer (BIT(kind)...)
 */
struct ifreg_native_subsystem {
	const char *name;
	bool bus;
	unsigned int kinds;
};

#define IFREG_NATIVE_SUBSYSTEMS 6
extern const struct ifreg_native_subsystem
	ifreg_native_subsystems[IFREG_NATIVE_SUBSYSTEMS];

unsigned int ifreg_native_kinds(struct device *dev);
unsigned int ifreg_native_input_kinds(const struct input_dev *input);
struct device *ifreg_native_pdo(struct device *fn);
char *ifreg_native_friendly_name(struct device *fn, struct device *pdo);

#endif /* _IFREG_NATIVE_RULES_H */
