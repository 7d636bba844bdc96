/* SPDX-License-Identifier: GPL-2.0 */
/* Names of interface instances: instance paths, symbolic links, sysfs names. */
#ifndef _IFREG_NAME_H
#define _IFREG_NAME_H

#include <linux/ctype.h>
#include <linux/uuid.h>

struct device;

/**
 * struct ifreg_names - every name of one interface instance
 * @symbolic_link: "\??\<instance path, '\' as '#'>#{guid}[\<reference>]",
 *	the start of the one allocated block both names are in
 * @instance_path: "<SUBSYSTEM>\<dev_name>", e.g. "PLATFORM\serial8250"
 * @link_len: the length of @symbolic_link
 * @path_len: the length of @instance_path
 *
 * What a new instance is made of (see ifreg_instance_new(), which keeps
 * the link alone and reads the rest from it).
 */
struct ifreg_names {
	char *symbolic_link;
	char *instance_path;
	unsigned int link_len;
	unsigned int path_len;
};

/* "\??\" or "\\?\": what a name starts with, before its key. */
#define IFREG_PREFIX_LEN 4

/*
 * The key of an instance's name, what lookups compare without regard to
 * letter case: its symbolic link without the prefix.
 */
static inline const char *ifreg_names_key(const struct ifreg_names *names)
{
	return names->symbolic_link + IFREG_PREFIX_LEN;
}

/**
 * struct ifreg_key - a key to look up in a table of names
 * @s: the key, compared without regard to letter case
 * @len: its length, without the NUL
 */
struct ifreg_key {
	const char *s;
	size_t len;
};

/* tolower(), with ASCII, what names mostly are, folded without its table. */
static inline unsigned char ifreg_fold(unsigned char c)
{
	if (c < 0x80)
		return c | ((unsigned char)(c - 'A') < 26) << 5;
	return tolower(c);
}

bool ifreg_reference_valid(const char *ref);
bool ifreg_instance_path_valid(const char *path);
int ifreg_names_instance_path(struct device *pdo, char **path);
int ifreg_names_build(struct device *pdo, const guid_t *class_guid,
		      const char *reference, struct ifreg_names *names);
int ifreg_names_from_path(const char *instance_path, const guid_t *class_guid,
			  const char *reference, struct ifreg_names *names);
char *ifreg_names_take_link(struct ifreg_names *names);
void ifreg_names_free(struct ifreg_names *names);
size_t ifreg_strnlen(const char *s, size_t max);
int ifreg_name_key(const char *symbolic_link, struct ifreg_key *key);
u32 ifreg_fold_hash(const char *s, size_t len, u32 seed);
bool ifreg_fold_equal(const char *a, const char *b, size_t len);
u32 ifreg_key_hash(const void *key, u32 len, u32 seed);

#endif /* _IFREG_NAME_H */
