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
 * @names: its names; the instance takes them and leaves @names empty
 * @reference: its reference string, copied, or NULL
 *
 * Context: Process context; may sleep.
 * Return: the instance, with one reference, or NULL when out of memory
 * (@names is untouched then).
 */
struct ifreg_instance *ifreg_instance_new(struct ifreg_names *names,
					  const char *reference)
{
	struct ifreg_instance *inst;

	inst = kzalloc(sizeof(*inst), GFP_KERNEL);
	if (!inst)
		return NULL;
	if (reference) {
		inst->reference = kstrdup(reference, GFP_KERNEL);
		if (!inst->reference) {
			kfree(inst);
			return NULL;
		}
	}
	kref_init(&inst->ref);
	INIT_LIST_HEAD(&inst->pdo_node);
	ifreg_store_init(&inst->store);
	/* The instance owns the names from now on. */
	inst->names = *names;
	inst->key_len = strlen(ifreg_names_key(names));
	memset(names, 0, sizeof(*names));
	return inst;
}

static void ifreg_instance_release(struct kref *ref)
{
	struct ifreg_instance *inst = container_of(ref, struct ifreg_instance, ref);

	ifreg_store_clear(&inst->store);
	ifreg_event_free(inst->arrival);
	ifreg_event_free(inst->removal);
	ifreg_names_free(&inst->names);
	kfree(inst->reference);
	kfree(inst->location);
	kfree(inst);
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
