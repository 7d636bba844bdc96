/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ifreg: the Windows device-interface registry for Linux drivers.
 *
 * What other modules may call: the IoRegisterDeviceInterface family, mapped
 * onto real struct device objects. Return values are kernel style: 0 on
 * success, IFREG_EXISTS (> 0) for the informational success Windows calls
 * STATUS_OBJECT_NAME_EXISTS, a negative errno on error. Strings handed out
 * (symbolic links, lists) are allocated by ifreg and freed with kfree().
 * Every call sleeps: process context only, like PASSIVE_LEVEL on Windows.
 * Documentation/contract.rst has the contract, Documentation/ifreg.rst
 * the design.
 */
#ifndef _IFREG_IFREG_H
#define _IFREG_IFREG_H

#include <linux/module.h>
#include <linux/types.h>
#include <linux/uuid.h>

struct device;
struct module;

/* Informational success (STATUS_OBJECT_NAME_EXISTS): outputs are filled. */
#define IFREG_EXISTS 1

/* ifreg_get_interfaces(): list registered-but-disabled instances too. */
#define IFREG_INCLUDE_NONACTIVE 0x1

/* ifreg_register_notification(): first one arrival per enabled instance. */
#define IFREG_NOTIFY_INCLUDE_EXISTING 0x1

/* Per-instance storage: user space saves this entry across reboots. */
#define IFREG_STORE_PERSISTENT 0x1

/* Length of a GUID in text form, "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}". */
#define IFREG_GUID_STRLEN 38

int ifreg_register_interface(struct device *pdo, const guid_t *class_guid,
			     const char *reference, char **symbolic_link);
int ifreg_set_interface_state(const char *symbolic_link, bool enable);
int ifreg_get_interfaces(const guid_t *class_guid, struct device *pdo,
			 unsigned int flags, char **list);
int ifreg_get_interface_alias(const char *symbolic_link,
			      const guid_t *alias_class_guid, char **alias_link);
int ifreg_set_default_interface(const char *symbolic_link);
int ifreg_remove_interface(const char *symbolic_link);

/* Named values (IoOpenDeviceInterfaceRegistryKey). */
int ifreg_set_interface_value(const char *symbolic_link, const char *name,
			      const void *data, size_t size, unsigned int flags);
int ifreg_get_interface_value(const char *symbolic_link, const char *name,
			      void *buf, size_t *size, unsigned int *flags);

/* Typed properties (Io{Get,Set}DeviceInterfacePropertyData). */
struct ifreg_devpropkey {
	guid_t fmtid;
	u32 pid;
};

/* DEVPROPTYPEs of the properties every instance answers. */
#define IFREG_DEVPROP_TYPE_GUID		0x0d	/* a guid_t */
#define IFREG_DEVPROP_TYPE_BOOLEAN	0x11	/* one byte: 0xff or 0x00 */
#define IFREG_DEVPROP_TYPE_STRING	0x12	/* UTF-8, with its NUL */

/* DEVPKEY_DeviceInterface_*: this fmtid and the pids below. */
#define IFREG_DEVPKEY_DEVICEINTERFACE_FMTID					\
	GUID_INIT(0x026e516e, 0xb814, 0x414b, 0x83, 0xcd, 0x85, 0x6d, 0x6f, 0xef, 0x48, 0x22)
#define IFREG_DEVPKEY_FRIENDLY_NAME_PID		2	/* a string; settable */
#define IFREG_DEVPKEY_ENABLED_PID		3	/* read-only */
#define IFREG_DEVPKEY_CLASS_GUID_PID		4	/* read-only */
#define IFREG_DEVPKEY_REFERENCE_STRING_PID	5	/* read-only */
/* DEVPKEY_Device_InstanceId: the PDO's instance path; read-only. */
#define IFREG_DEVPKEY_DEVICE_FMTID						\
	GUID_INIT(0x78c34fc8, 0x104a, 0x4aca, 0x9e, 0xa4, 0x52, 0x4d, 0x52, 0x99, 0x6e, 0x57)
#define IFREG_DEVPKEY_INSTANCE_ID_PID		256
/* ifreg's own: the device node serving an interface, "/dev/...", a string. */
#define IFREG_DEVPKEY_IFREG_FMTID						\
	GUID_INIT(0x3d9f2c4e, 0x8b1a, 0x4f6d, 0x9e, 0x27, 0x5c, 0x0b, 0x8a, 0x41, 0xd3, 0xf6)
#define IFREG_DEVPKEY_DEVNODE_PID		2	/* ifreg_set_interface_devnode() */

int ifreg_set_interface_property(const char *symbolic_link,
				 const struct ifreg_devpropkey *key, u32 type,
				 const void *data, size_t size,
				 unsigned int flags);
int ifreg_set_interface_devnode(const char *symbolic_link, struct device *dev);
int ifreg_get_interface_property(const char *symbolic_link,
				 const struct ifreg_devpropkey *key, u32 *type,
				 void *buf, size_t *size, unsigned int *flags);

/* Plug-and-play notifications (EventCategoryDeviceInterfaceChange). */
enum ifreg_event { IFREG_ARRIVAL, IFREG_REMOVAL };

struct ifreg_notification {
	enum ifreg_event event;
	const guid_t *class_guid;
	const char *symbolic_link;
};

struct ifreg_notifier;

typedef void (*ifreg_notify_fn)(const struct ifreg_notification *n, void *context);

int ifreg_register_notification_owner(const guid_t *class_guid, unsigned int flags,
				      ifreg_notify_fn fn, void *context,
				      struct ifreg_notifier **handle,
				      struct module *owner);
/*
 * IoRegisterPlugPlayNotification. The calling module owns the subscription:
 * if it unloads without ifreg_unregister_notification(), ifreg ends it.
 */
#define ifreg_register_notification(class_guid, flags, fn, context, handle) \
	ifreg_register_notification_owner(class_guid, flags, fn, context, \
					  handle, THIS_MODULE)
void ifreg_unregister_notification(struct ifreg_notifier *handle);

#endif /* _IFREG_IFREG_H */
