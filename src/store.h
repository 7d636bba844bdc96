/* SPDX-License-Identifier: GPL-2.0 */
/* Per-instance storage: named values and DEVPROPKEY-typed properties. */
#ifndef _IFREG_STORE_H
#define _IFREG_STORE_H

#include <linux/list.h>
#include <ifreg/ifreg.h>

/*
 * All the data one instance stores, whatever the caps per entry: what
 * netlink hands out of a store in one attribute must stay under 64 KiB.
 */
#define IFREG_STORE_MAX_BYTES 32768

/* Module parameters: entries per instance, bytes per entry. */
extern unsigned int ifreg_max_store_entries;
extern unsigned int ifreg_max_store_size;

/**
 * struct ifreg_store - what one instance stores
 * @entries: its values and properties, struct ifreg_store_entry, in the
 *	order they were first set
 * @count: how many @entries holds
 * @bytes: the data of all @entries, at most IFREG_STORE_MAX_BYTES; a
 *	scratch store's may be below zero, modulo 2^32 (see netlink.c)
 *
 * Small, as every instance has one: most never store anything.
 */
struct ifreg_store {
	struct hlist_head entries;
	u32 count;
	u32 bytes;
};

/**
 * struct ifreg_store_entry - one value or property
 * @node: link in &ifreg_store.entries
 * @name: the value's name, or NULL for a property
 * @key: the property's key, when @name is NULL
 * @type: the property's DEVPROPTYPE (0 for a value)
 * @flags: IFREG_STORE_PERSISTENT or 0
 * @size: bytes in @data
 * @data: the contents
 */
struct ifreg_store_entry {
	struct hlist_node node;
	char *name;
	struct ifreg_devpropkey key;
	u32 type;
	unsigned int flags;
	size_t size;
	u8 data[];
};

void ifreg_store_init(struct ifreg_store *store);
void ifreg_store_clear(struct ifreg_store *store);
struct ifreg_store_entry *ifreg_store_find(struct ifreg_store *store, const char *name,
					   const struct ifreg_devpropkey *key);
int ifreg_store_set(struct ifreg_store *store, const char *name,
		    const struct ifreg_devpropkey *key, u32 type,
		    const void *data, size_t size, unsigned int flags);
int ifreg_store_get(struct ifreg_store *store, const char *name,
		    const struct ifreg_devpropkey *key, u32 *type,
		    void *buf, size_t *size, unsigned int *flags);
int ifreg_store_entry_read(const struct ifreg_store_entry *e, u32 *type,
			   void *buf, size_t *size, unsigned int *flags);

#endif /* _IFREG_STORE_H */
