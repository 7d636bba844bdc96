/* SPDX-License-Identifier: GPL-2.0 */
/* The properties every instance answers without anyone setting them. */
#ifndef _IFREG_BUILTIN_PROPS_H
#define _IFREG_BUILTIN_PROPS_H

#include <linux/limits.h>

#include "store.h"

struct ifreg_instance;

/* Room for a built-in property: an entry and its data (NAME_MAX + NUL). */
union ifreg_builtin {
	struct ifreg_store_entry e;
	u8 room[sizeof(struct ifreg_store_entry) + NAME_MAX + 1];
};

extern const struct ifreg_devpropkey ifreg_devnode_key;

bool ifreg_builtin_key(const struct ifreg_devpropkey *key);
struct ifreg_store_entry *ifreg_builtin_devnode(struct ifreg_instance *inst);
struct ifreg_store_entry *ifreg_builtin_get(const struct ifreg_instance *inst,
					    const struct ifreg_devpropkey *key,
					    union ifreg_builtin *b);

#endif /* _IFREG_BUILTIN_PROPS_H */
