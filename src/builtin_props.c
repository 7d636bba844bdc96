// SPDX-License-Identifier: GPL-2.0
/*
 * The properties every instance answers, made from the instance when asked,
 * never stored, and read-only: DEVPKEY_DeviceInterface_Enabled, _ClassGuid
 * and _ReferenceString, and DEVPKEY_Device_InstanceId (the PDO's instance
 * path). Their keys are the registry's: a store never holds one.
 * DEVPKEY_DeviceInterface_FriendlyName is a property like any other, set by
 * whoever names the interface.
 */

#include <linux/err.h>
#include <linux/lockdep.h>
#include <linux/string.h>

#include "builtin_props.h"
#include "class.h"
#include "instance.h"

enum ifreg_builtin_id {
	IFREG_BUILTIN_ENABLED,
	IFREG_BUILTIN_CLASS_GUID,
	IFREG_BUILTIN_REFERENCE,
	IFREG_BUILTIN_INSTANCE_ID,
	IFREG_BUILTIN_DEVNODE,		/* stored, set by its own call */
};

static const struct {
	struct ifreg_devpropkey key;
	enum ifreg_builtin_id id;
} ifreg_builtins[] = {
	{ { IFREG_DEVPKEY_DEVICEINTERFACE_FMTID, IFREG_DEVPKEY_ENABLED_PID },
	  IFREG_BUILTIN_ENABLED },
	{ { IFREG_DEVPKEY_DEVICEINTERFACE_FMTID, IFREG_DEVPKEY_CLASS_GUID_PID },
	  IFREG_BUILTIN_CLASS_GUID },
	{ { IFREG_DEVPKEY_DEVICEINTERFACE_FMTID, IFREG_DEVPKEY_REFERENCE_STRING_PID },
	  IFREG_BUILTIN_REFERENCE },
	{ { IFREG_DEVPKEY_DEVICE_FMTID, IFREG_DEVPKEY_INSTANCE_ID_PID },
	  IFREG_BUILTIN_INSTANCE_ID },
	{ { IFREG_DEVPKEY_IFREG_FMTID, IFREG_DEVPKEY_DEVNODE_PID },
	  IFREG_BUILTIN_DEVNODE },
};

/* The device node's key: kept in the store by ifreg_set_interface_devnode(). */
const struct ifreg_devpropkey ifreg_devnode_key = {
	IFREG_DEVPKEY_IFREG_FMTID, IFREG_DEVPKEY_DEVNODE_PID
};

static int ifreg_builtin_find(const struct ifreg_devpropkey *key)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(ifreg_builtins); i++) {
		if (ifreg_builtins[i].key.pid == key->pid &&
		    guid_equal(&ifreg_builtins[i].key.fmtid, &key->fmtid))
			return i;
	}
	return -ENOENT;
}

/**
 * ifreg_builtin_key() - whether a property is one every instance answers
 * @key: the property's key
 *
 * Such a property is read-only: setting or deleting it is refused. The
 * device node (IFREG_DEVPKEY_DEVNODE_PID) is one too, kept in the store
 * and changed only by ifreg_set_interface_devnode().
 *
 * Context: Any context.
 * Return: true when it is.
 */
bool ifreg_builtin_key(const struct ifreg_devpropkey *key)
{
	return ifreg_builtin_find(key) >= 0;
}

/**
 * ifreg_builtin_devnode() - the device node an instance names
 * @inst: the instance
 *
 * Context: Caller holds ifreg_lock.
 * Return: its IFREG_DEVPKEY_DEVNODE entry, "/dev/..." with its NUL, or NULL.
 */
struct ifreg_store_entry *ifreg_builtin_devnode(struct ifreg_instance *inst)
{
	lockdep_assert_held(&ifreg_lock);
	return ifreg_store_find(&inst->store, NULL, &ifreg_devnode_key);
}

static void ifreg_builtin_string(struct ifreg_store_entry *e, const char *s,
				 size_t len)
{
	e->type = IFREG_DEVPROP_TYPE_STRING;
	memcpy(e->data, s, len);
	e->data[len] = '\0';
	e->size = len + 1;
}

/**
 * ifreg_builtin_get() - a built-in property of an instance, as an entry
 * @inst: the instance
 * @key: the property's key
 * @b: room for the entry, which the answer points into
 *
 * Context: Caller holds ifreg_lock.
 * Return: the entry (flags 0, no name); NULL when @key is not built in
 * or is kept in the store (the device node); ERR_PTR(-ENOENT) when it is
 * built in but @inst has none (no reference string).
 */
struct ifreg_store_entry *ifreg_builtin_get(const struct ifreg_instance *inst,
					    const struct ifreg_devpropkey *key,
					    union ifreg_builtin *b)
{
	struct ifreg_store_entry *e = &b->e;
	const char *ref;
	int i;

	lockdep_assert_held(&ifreg_lock);
	i = ifreg_builtin_find(key);
	if (i < 0)
		return NULL;
	memset(e, 0, sizeof(*e));
	e->key = *key;
	switch (ifreg_builtins[i].id) {
	case IFREG_BUILTIN_ENABLED:
		e->type = IFREG_DEVPROP_TYPE_BOOLEAN;
		e->data[0] = ifreg_instance_announced(inst) ? 0xff : 0x00;
		e->size = 1;
		break;
	case IFREG_BUILTIN_CLASS_GUID:
		e->type = IFREG_DEVPROP_TYPE_GUID;
		memcpy(e->data, &inst->class->guid, sizeof(guid_t));
		e->size = sizeof(guid_t);
		break;
	case IFREG_BUILTIN_REFERENCE:
		ref = ifreg_instance_reference(inst);
		if (!ref)
			return ERR_PTR(-ENOENT);
		ifreg_builtin_string(e, ref, ifreg_instance_key(inst) +
					     inst->key_len - ref);
		break;
	case IFREG_BUILTIN_INSTANCE_ID:
		ifreg_instance_path(inst, (char *)e->data);
		e->type = IFREG_DEVPROP_TYPE_STRING;
		e->size = inst->path_len + 1;
		break;
	case IFREG_BUILTIN_DEVNODE:
		return NULL;
	}
	return e;
}
