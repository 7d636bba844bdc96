/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The registrations waiting for their device, found by where the device
 * will be or by its instance path: registry.c's, under ifreg_lock.
 */
#ifndef _IFREG_WAITING_H
#define _IFREG_WAITING_H

#include <linux/list.h>
#include <linux/types.h>

struct ifreg_instance;
struct ifreg_wait;

int ifreg_waiting_init(void);
void ifreg_waiting_destroy(void);
bool ifreg_waiting_none(void);
struct ifreg_wait *ifreg_wait_new(const char *location);
void ifreg_wait_free(struct ifreg_wait *w);
const char *ifreg_waiting_location(const struct ifreg_instance *inst);
void ifreg_waiting_add(struct ifreg_instance *inst, struct ifreg_wait *w);
void ifreg_waiting_del(struct ifreg_instance *inst);
void ifreg_waiting_take(const char *location, const char *instance_path,
			struct list_head *found);
void ifreg_waiting_put_back(struct list_head *found);

#endif /* _IFREG_WAITING_H */
