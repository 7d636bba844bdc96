// SPDX-License-Identifier: GPL-2.0
/*
 * Names of interface instances. The symbolic link is the Windows one,
 * "\??\PLATFORM#serial8250#{guid}\ref": opaque to callers, but stable, so
 * that a device that comes back gets the same name. Lookups take a name in
 * the kernel's "\??\" form or user mode's "\\?\" form, in any letter case.
 * Every name must also fit a sysfs name, and so the uevent buffer.
 */

#include <linux/ctype.h>
#include <linux/device.h>
#include <linux/limits.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <kunit/visibility.h>

#include "name.h"

#define IFREG_PREFIX_LEN 4

static bool ifreg_has_prefix(const char *s)
{
	/* "\??\" (kernel mode) or "\\?\" (user mode) */
	return s[0] == '\\' && (s[1] == '?' || s[1] == '\\') && s[2] == '?' &&
	       s[3] == '\\';
}

static bool ifreg_reference_valid(const char *ref)
{
	const char *p;

	if (!*ref)
		return false;
	for (p = ref; *p; p++) {
		/* printable ASCII only, and no path separator */
		if (*p < 0x20 || *p > 0x7e || *p == '/' || *p == '\\')
			return false;
	}
	return true;
}

static const char *ifreg_subsystem(struct device *pdo)
{
	if (pdo->bus)
		return pdo->bus->name;
	if (pdo->class)
		return pdo->class->name;
	return NULL;
}

/**
 * ifreg_names_build() - make every name of an instance
 * @pdo: the device the instance is on; must be on a bus or in a class
 * @class_guid: the interface class
 * @reference: the reference string, or NULL
 * @names: receives the names; free them with ifreg_names_free()
 *
 * Context: Process context; may sleep.
 * Return:
 * * 0 - @names is filled
 * * -EINVAL - @pdo has neither bus nor class, or @reference is empty, has a
 *   path separator or an unprintable character, or the name would be too
 *   long for sysfs
 * * -ENOMEM - out of memory
 */
int ifreg_names_build(struct device *pdo, const guid_t *class_guid,
		      const char *reference, struct ifreg_names *names)
{
	const char *subsys = ifreg_subsystem(pdo);
	char *p;

	memset(names, 0, sizeof(*names));
	if (!subsys || (reference && !ifreg_reference_valid(reference)))
		return -EINVAL;

	names->instance_path = kasprintf(GFP_KERNEL, "%s\\%s", subsys, dev_name(pdo));
	if (!names->instance_path)
		goto err_free;
	for (p = names->instance_path; *p != '\\'; p++)
		*p = toupper(*p);

	names->symbolic_link = kasprintf(GFP_KERNEL, "\\??\\%s#{%pUl}%s%s",
					 names->instance_path, class_guid,
					 reference ? "\\" : "", reference ?: "");
	if (!names->symbolic_link)
		goto err_free;
	/* The instance path's separator becomes '#' in the link. */
	p = names->symbolic_link + IFREG_PREFIX_LEN;
	p[strlen(subsys)] = '#';

	if (strlen(p) > NAME_MAX) {
		ifreg_names_free(names);
		return -EINVAL;
	}

	names->dev_name = kstrdup(p, GFP_KERNEL);
	names->key = kstrdup(p, GFP_KERNEL);
	if (!names->dev_name || !names->key)
		goto err_free;
	strreplace(names->dev_name, '\\', '#');
	for (p = names->key; *p; p++)
		*p = tolower(*p);
	return 0;

err_free:
	ifreg_names_free(names);
	return -ENOMEM;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_names_build);

/**
 * ifreg_names_free() - free what ifreg_names_build() made
 * @names: the names; may be partly filled or already freed
 *
 * Context: Any context.
 */
void ifreg_names_free(struct ifreg_names *names)
{
	kfree(names->instance_path);
	kfree(names->symbolic_link);
	kfree(names->key);
	kfree(names->dev_name);
	memset(names, 0, sizeof(*names));
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_names_free);

/**
 * ifreg_name_key() - the lookup key of a name a caller gave
 * @symbolic_link: "\??\..." or "\\?\...", any letter case
 * @key: receives the key, to be freed with kfree()
 *
 * Context: Process context; may sleep.
 * Return:
 * * 0 - @key is set
 * * -EINVAL - @symbolic_link is NULL
 * * -ENOENT - @symbolic_link cannot name any instance (no prefix, too long)
 * * -ENOMEM - out of memory
 */
int ifreg_name_key(const char *symbolic_link, char **key)
{
	size_t len;
	char *p;

	if (!symbolic_link)
		return -EINVAL;
	len = strnlen(symbolic_link, IFREG_PREFIX_LEN + NAME_MAX + 1);
	if (len <= IFREG_PREFIX_LEN || len > IFREG_PREFIX_LEN + NAME_MAX ||
	    !ifreg_has_prefix(symbolic_link))
		return -ENOENT;

	*key = kstrdup(symbolic_link + IFREG_PREFIX_LEN, GFP_KERNEL);
	if (!*key)
		return -ENOMEM;
	for (p = *key; *p; p++)
		*p = tolower(*p);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_name_key);
