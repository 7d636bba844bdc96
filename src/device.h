/* SPDX-License-Identifier: GPL-2.0 */
/* The device of class "ifreg" that stands for an enabled instance. */
#ifndef _IFREG_DEVICE_H
#define _IFREG_DEVICE_H

#include <linux/limits.h>

/* The longest device node path: "/dev/" and a name as long as sysfs has. */
#define IFREG_DEVNODE_MAX	(5 + NAME_MAX)

struct device;
struct ifreg_devnode;
struct ifreg_instance;

int ifreg_device_class_init(void);
void ifreg_device_class_exit(void);
struct ifreg_devnode *ifreg_devnode_new(const char *path);
void ifreg_devnode_free(struct ifreg_devnode *node);
int ifreg_device_add(struct ifreg_instance *inst, const char *name, bool quiet,
		     struct ifreg_devnode *node, struct device **dev);
void ifreg_device_announce(struct device *dev);
void ifreg_device_set_node(struct device *dev, struct ifreg_devnode *node);
int ifreg_device_node_path(struct device *dev, char **path);
void ifreg_device_del(struct device *dev);
bool ifreg_device_is_instance(const struct device *dev);
struct device *ifreg_device_find(const char *sysfs_path);
bool ifreg_device_present(struct device *dev);
bool ifreg_device_in_class_list(struct device *dev);
int ifreg_device_location(struct device *dev, char **location);
bool ifreg_device_in_init_net(struct device *dev);

#endif /* _IFREG_DEVICE_H */
