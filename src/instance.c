// SPDX-License-Identifier: GPL-2.0
/*
 * The interface instance as an object: made from its names, referenced by
 * the registry, by its device while enabled and by callers handed one, and
 * freed with everything it owns when the last reference goes. Where it is
 * listed and what it means is the registry's (registry.c).
 */

#include <linux/slab.h>
#include <linux/string.h>

#include <kunit/visibility.h>

#include "instance.h"
#include "notify.h"

/**
 * ifreg_instance_new() - a new instance, in no table yet
 * @names: its names, copied (the caller frees them)
 *
 * One allocation: the instance, with its symbolic link at its end.
 *
 * Context: Process context; may sleep.
 * Return: the instance, with one reference, or NULL when out of memory.
 */
struct ifreg_instance *ifreg_instance_new(const struct ifreg_names *names)
{
	size_t len = names->link_len;
	struct ifreg_instance *inst;

	inst = kzalloc(struct_size(inst, link, len + 1), GFP_KERNEL);
	if (!inst)
		return NULL;
	kref_init(&inst->ref);
	inst->key_len = len - IFREG_PREFIX_LEN;
	inst->path_len = names->path_len;
	memcpy(inst->link, names->symbolic_link, len + 1);
	INIT_LIST_HEAD(&inst->pdo_node);
	ifreg_store_init(&inst->store);
	return inst;
}

static void ifreg_instance_release(struct kref *ref)
{
	struct ifreg_instance *inst = container_of(ref, struct ifreg_instance, ref);

	ifreg_store_clear(&inst->store);
	kfree(inst);
}

/**
 * ifreg_instance_sep() - where the instance path's '\' is
 * @inst: the instance
 *
 * The key has a '#' there: the first, as a subsystem has none.
 *
 * Context: Any context.
 * Return: the offset of the separator in the instance path and the key.
 */
unsigned int ifreg_instance_sep(const struct ifreg_instance *inst)
{
	const char *key = ifreg_instance_key(inst);

	return (const char *)memchr(key, '#', inst->path_len) - key;
}

/**
 * ifreg_instance_path() - write the instance path
 * @inst: the instance
 * @buf: where it goes, @inst->path_len + 1 bytes with its NUL
 *
 * Context: Any context.
 */
void ifreg_instance_path(const struct ifreg_instance *inst, char *buf)
{
	memcpy(buf, ifreg_instance_key(inst), inst->path_len);
	buf[ifreg_instance_sep(inst)] = '\\';
	buf[inst->path_len] = '\0';
}

/**
 * ifreg_instance_dev_name() - the name of the instance's device
 * @inst: the instance
 *
 * Its sysfs name: the key with '#' for the '\' before the reference.
 *
 * Context: Process context; may sleep.
 * Return: the name, to be freed with kfree(), or NULL when out of memory.
 */
char *ifreg_instance_dev_name(const struct ifreg_instance *inst)
{
	char *name = kstrdup(ifreg_instance_key(inst), GFP_KERNEL);

	if (name)
		strreplace(name, '\\', '#');
	return name;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_instance_dev_name);

/**
 * ifreg_instance_same_path() - whether two instances have one instance path
 * @a: one
 * @b: the other
 *
 * Without regard to letter case, as lookups compare names.
 *
 * Context: Any context.
 * Return: true when they have.
 */
bool ifreg_instance_same_path(const struct ifreg_instance *a,
			      const struct ifreg_instance *b)
{
	return a->path_len == b->path_len &&
	       ifreg_fold_equal(ifreg_instance_key(a), ifreg_instance_key(b),
				a->path_len);
}

/**
 * ifreg_instance_put() - drop a reference to an instance
 * @inst: the instance
 *
 * Context: Any context that may free memory.
 */
void ifreg_instance_put(struct ifreg_instance *inst)
{
	kref_put(&inst->ref, ifreg_instance_release);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_instance_put);
