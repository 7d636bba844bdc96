/* SPDX-License-Identifier: GPL-2.0 */
/* Plug-and-play notifications: subscribers and the ordered event queue. */
#ifndef _IFREG_NOTIFY_H
#define _IFREG_NOTIFY_H

#include <linux/list.h>
#include <linux/module.h>
#include <linux/uuid.h>
#include <ifreg/ifreg.h>

/**
 * struct ifreg_event_rec - one arrival or removal, queued for delivery
 * @node: link in the event queue
 * @seq: its place in the order of all events
 * @event: arrival or removal
 * @class_guid: the instance's class
 * @target: the one subscriber it is for (an include-existing arrival), or
 *	NULL for every subscriber of the class
 * @delivered: @target has been called
 * @symbolic_link: the instance's name
 */
struct ifreg_event_rec {
	struct list_head node;
	u64 seq;
	enum ifreg_event event;
	guid_t class_guid;
	struct ifreg_notifier *target;
	bool delivered;
	char symbolic_link[];
};

struct ifreg_event_rec *ifreg_event_alloc(enum ifreg_event event,
					  const guid_t *class_guid,
					  const char *symbolic_link);
void ifreg_event_free(struct ifreg_event_rec *ev);
void ifreg_event_queue(struct ifreg_event_rec *ev);

/* Module parameter: most subscriptions. */
extern unsigned int ifreg_max_subscribers;

/**
 * typedef ifreg_notify_existing_fn - the arrivals a new subscriber is owed
 * @class_guid: the class subscribed to
 * @events: gets one arrival, not queued, per instance of the class enabled
 *	now; on error the caller frees what it holds
 *
 * Called with ifreg_lock held. Return: 0, or -ENOMEM.
 */
typedef int (*ifreg_notify_existing_fn)(const guid_t *class_guid,
					struct list_head *events);

int ifreg_notify_init(ifreg_notify_existing_fn existing);
void ifreg_notify_end_module(struct module *mod);
void ifreg_notify_exit(void);
void ifreg_notify_flush(void);

#endif /* _IFREG_NOTIFY_H */
