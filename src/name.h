/* SPDX-License-Identifier: GPL-2.0 */
/* Names of interface instances: instance paths, symbolic links, sysfs names. */
#ifndef _IFREG_NAME_H
#define _IFREG_NAME_H

#include <linux/uuid.h>

struct device;

/**
 * struct ifreg_names - every name of one interface instance
 * @instance_path: "<SUBSYSTEM>\<dev_name>", e.g. "PLATFORM\serial8250"
 * @symbolic_link: "\??\<instance path, '\' as '#'>#{guid}[\<reference>]"
 * @key: @symbolic_link without its prefix, in lower case: what lookups
 *	compare, so that names match case-insensitively
 * @dev_name: the sysfs name of the instance's device: @symbolic_link
 *	without its prefix and with '\' as '#'
 */
struct ifreg_names {
	char *instance_path;
	char *symbolic_link;
	char *key;
	char *dev_name;
};

bool ifreg_reference_valid(const char *ref);
bool ifreg_instance_path_valid(const char *path);
int ifreg_names_instance_path(struct device *pdo, char **path);
int ifreg_names_build(struct device *pdo, const guid_t *class_guid,
		      const char *reference, struct ifreg_names *names);
int ifreg_names_from_path(const char *instance_path, const guid_t *class_guid,
			  const char *reference, struct ifreg_names *names);
void ifreg_names_free(struct ifreg_names *names);
int ifreg_name_key(const char *symbolic_link, char **key);

#endif /* _IFREG_NAME_H */
