/* SPDX-License-Identifier: GPL-2.0 */
/* Module-wide settings and the count of objects whose release is pending. */
#ifndef _IFREG_MAIN_H
#define _IFREG_MAIN_H

extern unsigned int ifreg_max_classes;
extern unsigned int ifreg_max_instances;
extern unsigned int ifreg_max_instances_per_class;
extern unsigned int ifreg_max_subscribers;
extern unsigned int ifreg_max_store_entries;
extern unsigned int ifreg_max_store_size;

void ifreg_object_get(void);
void ifreg_object_put(void);
void ifreg_objects_wait(void);

#endif /* _IFREG_MAIN_H */
