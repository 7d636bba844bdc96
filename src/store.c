// SPDX-License-Identifier: GPL-2.0
/*
 * Per-instance storage, what IoOpenDeviceInterfaceRegistryKey and
 * Io{Get,Set}DeviceInterfacePropertyData give a Windows driver: named
 * values, and properties keyed by DEVPROPKEY ({fmtid, pid}) with a type.
 * Setting with NULL data deletes; reading into a buffer too small says how
 * much is needed. The persistent flag is kept for user space, which saves
 * those entries across reboots. Entries per instance and the size of each
 * are capped by module parameters, and all of an instance's data by
 * IFREG_STORE_MAX_BYTES.
 */

#include <linux/limits.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <kunit/visibility.h>

#include "store.h"

unsigned int ifreg_max_store_entries = 64;
EXPORT_SYMBOL_IF_KUNIT(ifreg_max_store_entries);
module_param_named(max_store_entries, ifreg_max_store_entries, uint, 0444);
MODULE_PARM_DESC(max_store_entries, "Most values and properties per instance (default 64)");

unsigned int ifreg_max_store_size = 4096;
EXPORT_SYMBOL_IF_KUNIT(ifreg_max_store_size);
module_param_named(max_store_size, ifreg_max_store_size, uint, 0444);
MODULE_PARM_DESC(max_store_size, "Largest value or property in bytes (default 4096)");

/**
 * ifreg_store_init() - an empty store
 * @store: the store
 *
 * Context: Any context.
 */
void ifreg_store_init(struct ifreg_store *store)
{
	INIT_HLIST_HEAD(&store->entries);
	store->count = 0;
	store->bytes = 0;
}

static void ifreg_store_entry_free(struct ifreg_store_entry *e)
{
	kfree(e->name);
	kfree(e);
}

/**
 * ifreg_store_clear() - free every entry
 * @store: the store
 *
 * Context: Any context. Caller serialises access to @store.
 */
void ifreg_store_clear(struct ifreg_store *store)
{
	struct ifreg_store_entry *e;
	struct hlist_node *tmp;

	hlist_for_each_entry_safe(e, tmp, &store->entries, node)
		ifreg_store_entry_free(e);
	ifreg_store_init(store);
}

static bool ifreg_value_name_valid(const char *name)
{
	size_t len = strnlen(name, NAME_MAX + 1);
	size_t i;

	if (!len || len > NAME_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (name[i] < 0x20 || name[i] > 0x7e)
			return false;
	return true;
}

/**
 * ifreg_store_find() - a value or property of a store
 * @store: the store
 * @name: the value's name, or NULL for the property @key
 * @key: the property's key when @name is NULL
 *
 * Context: Any context. Caller serialises access to @store.
 * Return: the entry, or NULL.
 */
struct ifreg_store_entry *ifreg_store_find(struct ifreg_store *store, const char *name,
					   const struct ifreg_devpropkey *key)
{
	struct ifreg_store_entry *e;

	hlist_for_each_entry(e, &store->entries, node) {
		if (name ? e->name && !strcmp(e->name, name) :
			   !e->name && guid_equal(&e->key.fmtid, &key->fmtid) &&
			   e->key.pid == key->pid)
			return e;
	}
	return NULL;
}

/**
 * ifreg_store_set() - set, replace or delete a value or property
 * @store: the store
 * @name: the value's name, or NULL for the property @key
 * @key: the property's key when @name is NULL
 * @type: the property's type (ignored for values)
 * @data: the contents, copied; NULL deletes the entry
 * @size: bytes at @data
 * @flags: 0 or IFREG_STORE_PERSISTENT
 *
 * Context: Process context; may sleep. Caller serialises access to @store.
 * Return:
 * * 0 - set, replaced or deleted
 * * -EINVAL - no name and no key, a bad name, or an unknown flag
 * * -ENOENT - deleting an entry that does not exist
 * * -ENOSPC - @size is over max_store_size, the store already holds
 *   max_store_entries entries, or its data would pass IFREG_STORE_MAX_BYTES
 * * -ENOMEM - out of memory; the old entry, if any, is unchanged
 */
int ifreg_store_set(struct ifreg_store *store, const char *name,
		    const struct ifreg_devpropkey *key, u32 type,
		    const void *data, size_t size, unsigned int flags)
{
	struct ifreg_store_entry *old, *new, *last = NULL;
	u32 bytes;

	if ((!name && !key) || (name && !ifreg_value_name_valid(name)) ||
	    (flags & ~IFREG_STORE_PERSISTENT))
		return -EINVAL;

	old = ifreg_store_find(store, name, key);
	if (!data) {
		if (!old)
			return -ENOENT;
		hlist_del(&old->node);
		store->count--;
		store->bytes -= old->size;
		ifreg_store_entry_free(old);
		return 0;
	}
	if (size > ifreg_max_store_size || size > IFREG_STORE_MAX_BYTES ||
	    (!old && store->count >= ifreg_max_store_entries))
		return -ENOSPC;
	/* Modulo 2^32, as a scratch store's bytes below zero want. */
	bytes = store->bytes - (old ? old->size : 0) + size;
	if (bytes > IFREG_STORE_MAX_BYTES)
		return -ENOSPC;

	new = kzalloc(struct_size(new, data, size), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	if (name) {
		new->name = kstrdup(name, GFP_KERNEL);
		if (!new->name) {
			kfree(new);
			return -ENOMEM;
		}
	} else {
		new->key = *key;
		new->type = type;
	}
	new->flags = flags;
	new->size = size;
	if (size)
		memcpy(new->data, data, size);

	if (old) {
		hlist_add_before(&new->node, &old->node);
		hlist_del(&old->node);
		ifreg_store_entry_free(old);
	} else {
		/* At the end: a list of at most max_store_entries. */
		hlist_for_each_entry(last, &store->entries, node)
			if (!last->node.next)
				break;
		if (last)
			hlist_add_behind(&new->node, &last->node);
		else
			hlist_add_head(&new->node, &store->entries);
		store->count++;
	}
	store->bytes = bytes;
	return 0;
}

/**
 * ifreg_store_get() - read a value or property
 * @store: the store
 * @name: the value's name, or NULL for the property @key
 * @key: the property's key when @name is NULL
 * @type: receives the property's type, if not NULL
 * @buf: where the contents go; may be NULL when *@size is 0
 * @size: in, the size of @buf; out, the size of the contents
 * @flags: receives the entry's flags, if not NULL
 *
 * Context: Any context. Caller serialises access to @store.
 * Return:
 * * 0 - the contents are in @buf
 * * -EINVAL - no name and no key, or @size is NULL
 * * -ENOENT - no such entry
 * * -ENOBUFS - @buf is too small; *@size says how much is needed, and
 *   @type and @flags are filled
 */
int ifreg_store_get(struct ifreg_store *store, const char *name,
		    const struct ifreg_devpropkey *key, u32 *type,
		    void *buf, size_t *size, unsigned int *flags)
{
	struct ifreg_store_entry *e;

	if ((!name && !key) || !size)
		return -EINVAL;
	e = ifreg_store_find(store, name, key);
	if (!e)
		return -ENOENT;
	return ifreg_store_entry_read(e, type, buf, size, flags);
}

/**
 * ifreg_store_entry_read() - copy an entry out
 * @e: the entry
 * @type: receives its type, if not NULL
 * @buf: where the contents go
 * @size: in, the size of @buf; out, the size of the contents
 * @flags: receives its flags, if not NULL
 *
 * Context: Any context. Caller serialises access to @e's store.
 * Return: 0, -EINVAL when @size is NULL, or -ENOBUFS as for
 * ifreg_store_get().
 */
int ifreg_store_entry_read(const struct ifreg_store_entry *e, u32 *type,
			   void *buf, size_t *size, unsigned int *flags)
{
	size_t room;

	if (!size)
		return -EINVAL;
	room = *size;
	*size = e->size;
	if (type)
		*type = e->type;
	if (flags)
		*flags = e->flags;
	if (room < e->size || (!buf && e->size))
		return -ENOBUFS;
	if (e->size)
		memcpy(buf, e->data, e->size);
	return 0;
}
