// SPDX-License-Identifier: GPL-2.0
/*
 * Plug-and-play notifications (IoRegisterPlugPlayNotification with
 * EventCategoryDeviceInterfaceChange), delivered exactly once each, in
 * order, with no gap and no duplicate.
 *
 * Every arrival and removal is queued, under the registry's mutex, at the
 * moment the instance changes state, with a sequence number. One worker on
 * an ordered workqueue delivers the queue in order, calling each callback
 * with no lock held, so a callback may call back into ifreg, including
 * enabling or disabling interfaces and subscribing or unsubscribing. A
 * subscriber gets the events queued after it subscribed; with
 * IFREG_NOTIFY_INCLUDE_EXISTING it first gets one arrival, queued for it
 * alone, per instance enabled when it subscribed, which closes the gap.
 *
 * The queue and the subscriptions have a spinlock of their own,
 * ifreg_notify_lock, taken inside ifreg_lock by whoever queues or
 * subscribes and alone by the worker: the worker, woken as a change is
 * made under ifreg_lock, never waits for that lock, and delivering to a
 * subscriber costs one short hold of ifreg_notify_lock and a step along
 * the list of subscribers, not a walk of it.
 */

#include <linux/kref.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <kunit/visibility.h>

#include "instance.h"
#include "notify.h"
#include "trace.h"

/**
 * struct ifreg_notifier - one subscription
 * @node: link in ifreg_subscribers
 * @ref: held by the subscription, by its queued events and while delivering
 * @class_guid: the class it watches
 * @fn: the callback
 * @context: the callback's argument
 * @owner: the module @fn belongs to (NULL: built in); its going ends the
 *	subscription
 * @start_seq: events of the class after this one are for it
 * @last_seq: the last event of the class it was called for
 */
struct ifreg_notifier {
	struct list_head node;		/* protected by ifreg_notify_lock */
	struct kref ref;
	guid_t class_guid;
	ifreg_notify_fn fn;
	void *context;
	struct module *owner;
	u64 start_seq;			/* protected by ifreg_notify_lock */
	u64 last_seq;			/* protected by ifreg_notify_lock */
};

unsigned int ifreg_max_subscribers = 1024;
EXPORT_SYMBOL_IF_KUNIT(ifreg_max_subscribers);
module_param_named(max_subscribers, ifreg_max_subscribers, uint, 0444);
MODULE_PARM_DESC(max_subscribers, "Most notification subscriptions (default 1024)");

static DEFINE_SPINLOCK(ifreg_notify_lock);
static LIST_HEAD(ifreg_subscribers);	/* protected by ifreg_notify_lock */
static unsigned int ifreg_subscriber_count; /* protected by ifreg_notify_lock */
static LIST_HEAD(ifreg_events);		/* protected by ifreg_notify_lock */
static u64 ifreg_seq;			/* protected by ifreg_notify_lock */
/*
 * The subscriber the event at the queue's head was last delivered to,
 * held by a reference: the next one is found from there. NULL: start
 * from the first subscriber.
 */
static struct ifreg_notifier *ifreg_past;	/* protected by ifreg_notify_lock */

/* Who is being called back right now, and from which task. */
static struct ifreg_notifier *ifreg_delivering;	/* written under ifreg_notify_lock */
static struct task_struct *ifreg_delivering_task; /* written under ifreg_notify_lock */
static DECLARE_WAIT_QUEUE_HEAD(ifreg_delivered);

static struct workqueue_struct *ifreg_notify_wq;
/* The registry's arrivals of the instances enabled now, for a new subscriber. */
static ifreg_notify_existing_fn ifreg_notify_existing;
static void ifreg_notify_work(struct work_struct *work);
static DECLARE_WORK(ifreg_notify_worker, ifreg_notify_work);

static void ifreg_notifier_release(struct kref *ref)
{
	kfree(container_of(ref, struct ifreg_notifier, ref));
}

static void ifreg_notifier_put(struct ifreg_notifier *sub)
{
	kref_put(&sub->ref, ifreg_notifier_release);
}

/**
 * ifreg_event_alloc() - make an event, not yet queued
 * @event: arrival or removal
 * @class_guid: the instance's class
 * @symbolic_link: the instance's name; copied
 *
 * Context: Process context; may sleep.
 * Return: the event, or NULL when out of memory.
 */
struct ifreg_event_rec *ifreg_event_alloc(enum ifreg_event event,
					  const guid_t *class_guid,
					  const char *symbolic_link)
{
	size_t len = strlen(symbolic_link) + 1;
	struct ifreg_event_rec *ev;

	ev = kzalloc(struct_size(ev, symbolic_link, len), GFP_KERNEL);
	if (!ev)
		return NULL;
	ev->event = event;
	ev->class_guid = *class_guid;
	memcpy(ev->symbolic_link, symbolic_link, len);
	return ev;
}

/**
 * ifreg_event_free() - free an event that is not queued
 * @ev: the event, or NULL
 *
 * Context: Any context.
 */
void ifreg_event_free(struct ifreg_event_rec *ev)
{
	if (ev && ev->target)
		ifreg_notifier_put(ev->target);
	kfree(ev);
}

/* Queue @ev; ifreg_notify_lock held. */
static void __ifreg_event_queue(struct ifreg_event_rec *ev)
{
	lockdep_assert_held(&ifreg_notify_lock);
	ev->seq = ++ifreg_seq;
	list_add_tail(&ev->node, &ifreg_events);
}

/**
 * ifreg_event_queue() - queue an event behind every earlier one
 * @ev: the event; the queue owns it from now on
 *
 * Context: Caller holds ifreg_lock, at the moment of the change it reports.
 */
void ifreg_event_queue(struct ifreg_event_rec *ev)
{
	lockdep_assert_held(&ifreg_lock);
	spin_lock(&ifreg_notify_lock);
	__ifreg_event_queue(ev);
	spin_unlock(&ifreg_notify_lock);
	queue_work(ifreg_notify_wq, &ifreg_notify_worker);
}

/*
 * The next subscriber @ev is for and has not been given, or NULL. Each
 * is given an event once: its last_seq says so, whatever the list did
 * meanwhile. The search goes on after ifreg_past, or from the start when
 * that one has unsubscribed since (its node is then empty).
 */
static struct ifreg_notifier *ifreg_next_target(struct ifreg_event_rec *ev)
{
	struct ifreg_notifier *sub;

	lockdep_assert_held(&ifreg_notify_lock);
	if (ev->target) {
		/* A directed event dies with its subscription. */
		if (ev->delivered || list_empty(&ev->target->node))
			return NULL;
		ev->delivered = true;
		return ev->target;
	}
	if (ifreg_past && !list_empty(&ifreg_past->node))
		sub = list_next_entry(ifreg_past, node);
	else
		sub = list_first_entry(&ifreg_subscribers, struct ifreg_notifier, node);
	for (; !list_entry_is_head(sub, &ifreg_subscribers, node);
	     sub = list_next_entry(sub, node)) {
		if (guid_equal(&sub->class_guid, &ev->class_guid) &&
		    sub->start_seq < ev->seq && sub->last_seq < ev->seq) {
			sub->last_seq = ev->seq;
			return sub;
		}
	}
	return NULL;
}

/* ifreg_past becomes @sub; the reference dropped is returned, to put. */
static struct ifreg_notifier *ifreg_move_past(struct ifreg_notifier *sub)
{
	struct ifreg_notifier *old = ifreg_past;

	lockdep_assert_held(&ifreg_notify_lock);
	if (sub)
		kref_get(&sub->ref);
	ifreg_past = sub;
	return old;
}

static void ifreg_notify_work(struct work_struct *work)
{
	struct ifreg_event_rec *ev, *done = NULL;
	struct ifreg_notifier *sub, *old;
	struct ifreg_notification n;

	for (;;) {
		spin_lock(&ifreg_notify_lock);
		ifreg_delivering = NULL;
		ifreg_delivering_task = NULL;
		ev = list_first_entry_or_null(&ifreg_events,
					      struct ifreg_event_rec, node);
		sub = ev ? ifreg_next_target(ev) : NULL;
		if (sub) {
			kref_get(&sub->ref);
			ifreg_delivering = sub;
			ifreg_delivering_task = current;
		} else if (ev) {
			list_del(&ev->node);
			done = ev;
		}
		old = ifreg_move_past(ev && !ev->target ? sub : NULL);
		spin_unlock(&ifreg_notify_lock);
		/* Pairs with the barrier in wait_event(): see wq_has_sleeper(). */
		if (wq_has_sleeper(&ifreg_delivered))
			wake_up_all(&ifreg_delivered);
		if (old)
			ifreg_notifier_put(old);
		if (done) {
			ifreg_event_free(done);
			done = NULL;
			continue;
		}
		if (!ev)
			return;

		/* Nothing but the queue's head may change under us: only
		 * this worker takes events off the queue.
		 */
		n.event = ev->event;
		n.class_guid = &ev->class_guid;
		n.symbolic_link = ev->symbolic_link;
		trace_ifreg_notify(ev, sub->fn);
		sub->fn(&n, sub->context);
		ifreg_notifier_put(sub);
	}
}

/**
 * ifreg_register_notification_owner() - subscribe to a class's arrivals and removals
 * @class_guid: the interface class; it need not be registered yet
 * @flags: 0 or IFREG_NOTIFY_INCLUDE_EXISTING
 * @fn: called in process context, with no ifreg lock held, once per event
 * @context: passed to @fn
 * @handle: receives the subscription, for ifreg_unregister_notification()
 * @owner: the module @fn belongs to: ifreg_register_notification() passes
 *	THIS_MODULE
 *
 * With IFREG_NOTIFY_INCLUDE_EXISTING, @fn first sees one arrival for each
 * instance of the class enabled at this moment; then, as without it, every
 * later arrival and removal of the class, exactly once each, in order.
 * Windows keeps a driver loaded while it has such registrations; Linux
 * cannot, so when @owner unloads with the subscription still there, ifreg
 * ends it (with a warning naming the module) and never calls @fn again.
 *
 * Context: Process context; sleeps. Takes ifreg_lock. May be called from a
 * callback.
 * Return:
 * * 0 - subscribed
 * * -EINVAL - a NULL argument or an unknown flag
 * * -ENOSPC - max_subscribers subscriptions exist
 * * -ENOMEM - out of memory; nothing is subscribed
 */
int ifreg_register_notification_owner(const guid_t *class_guid, unsigned int flags,
				      ifreg_notify_fn fn, void *context,
				      struct ifreg_notifier **handle,
				      struct module *owner)
{
	struct ifreg_event_rec *ev, *tmp;
	struct ifreg_notifier *sub;
	LIST_HEAD(existing);
	bool owed;
	int err = 0;

	if (!class_guid || !fn || !handle ||
	    (flags & ~IFREG_NOTIFY_INCLUDE_EXISTING))
		return -EINVAL;

	sub = kzalloc(sizeof(*sub), GFP_KERNEL);
	if (!sub)
		return -ENOMEM;
	kref_init(&sub->ref);
	INIT_LIST_HEAD(&sub->node);
	sub->class_guid = *class_guid;
	sub->fn = fn;
	sub->context = context;
	sub->owner = owner;

	/* Under ifreg_lock, no instance changes state until it is on the list. */
	mutex_lock(&ifreg_lock);
	if (flags & IFREG_NOTIFY_INCLUDE_EXISTING) {
		err = ifreg_notify_existing(class_guid, &existing);
		if (err)
			goto err_free_events;
	}
	spin_lock(&ifreg_notify_lock);
	if (ifreg_subscriber_count >= ifreg_max_subscribers) {
		spin_unlock(&ifreg_notify_lock);
		err = -ENOSPC;
		goto err_free_events;
	}
	owed = !list_empty(&existing);
	list_for_each_entry_safe(ev, tmp, &existing, node) {
		kref_get(&sub->ref);
		ev->target = sub;
		list_del(&ev->node);
		__ifreg_event_queue(ev);
	}
	/* Everything queued from now on is for it; nothing before. */
	sub->start_seq = ifreg_seq;
	sub->last_seq = ifreg_seq;
	list_add_tail(&sub->node, &ifreg_subscribers);
	ifreg_subscriber_count++;
	spin_unlock(&ifreg_notify_lock);
	mutex_unlock(&ifreg_lock);
	if (owed)
		queue_work(ifreg_notify_wq, &ifreg_notify_worker);

	*handle = sub;
	return 0;

err_free_events:
	list_for_each_entry_safe(ev, tmp, &existing, node)
		ifreg_event_free(ev);
	mutex_unlock(&ifreg_lock);
	ifreg_notifier_put(sub);
	return err;
}
EXPORT_SYMBOL_GPL(ifreg_register_notification_owner);

/*
 * A subscription off the list: wait until its callback is not running
 * (unless this is that callback's own thread) and drop the list's reference.
 */
static void ifreg_notifier_end(struct ifreg_notifier *sub)
{
	if (READ_ONCE(ifreg_delivering_task) != current)
		wait_event(ifreg_delivered, READ_ONCE(ifreg_delivering) != sub);
	ifreg_notifier_put(sub);
}

/**
 * ifreg_unregister_notification() - end a subscription
 * @handle: what ifreg_register_notification() gave, or NULL
 *
 * Synchronous: when this returns, the callback is not running and will not
 * run again. Called from a callback (its own or another's), it returns at
 * once, as that callback is the only one running.
 *
 * Context: Process context; sleeps.
 */
void ifreg_unregister_notification(struct ifreg_notifier *handle)
{
	if (!handle)
		return;

	spin_lock(&ifreg_notify_lock);
	list_del_init(&handle->node);
	ifreg_subscriber_count--;
	spin_unlock(&ifreg_notify_lock);
	ifreg_notifier_end(handle);
}
EXPORT_SYMBOL_GPL(ifreg_unregister_notification);

/**
 * ifreg_notify_end_module() - end the subscriptions a module left behind
 * @mod: a module that is going; its exit has run, its code is still there
 *
 * What the module notifier does at MODULE_STATE_GOING: none of @mod's
 * callbacks runs once this returns, and one warning names the module.
 *
 * Context: Process context; sleeps. Not from a callback.
 */
void ifreg_notify_end_module(struct module *mod)
{
	struct ifreg_notifier *sub, *it;
	unsigned int n = 0;

	/*
	 * One at a time, each off the list (its node left empty) before the
	 * lock is dropped: the worker may stand on any of them (ifreg_past)
	 * and must see at once that it left, never follow it onto another
	 * list.
	 */
	for (;;) {
		sub = NULL;
		spin_lock(&ifreg_notify_lock);
		list_for_each_entry(it, &ifreg_subscribers, node) {
			if (it->owner == mod) {
				sub = it;
				list_del_init(&sub->node);
				ifreg_subscriber_count--;
				break;
			}
		}
		spin_unlock(&ifreg_notify_lock);
		if (!sub)
			break;
		ifreg_notifier_end(sub);
		n++;
	}
	if (n)
		pr_warn("module %s unloaded with %u notification subscription(s) not ended; ended them\n",
			mod->name, n);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_notify_end_module);

static int ifreg_notify_module(struct notifier_block *nb, unsigned long action,
			       void *data)
{
	if (action == MODULE_STATE_GOING)
		ifreg_notify_end_module(data);
	return NOTIFY_DONE;
}

static struct notifier_block ifreg_notify_module_nb = {
	.notifier_call = ifreg_notify_module,
};

/**
 * ifreg_notify_flush() - wait until every queued event has been delivered
 *
 * Events that callbacks cause while this waits are delivered too.
 *
 * Context: Process context; sleeps. Not from a callback.
 */
void ifreg_notify_flush(void)
{
	bool empty;

	do {
		flush_workqueue(ifreg_notify_wq);
		spin_lock(&ifreg_notify_lock);
		empty = list_empty(&ifreg_events);
		spin_unlock(&ifreg_notify_lock);
	} while (!empty);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_notify_flush);

/**
 * ifreg_notify_init() - start the delivery worker
 * @existing: makes an arrival for each instance of a class enabled now,
 *	for a subscriber that asks for them; the registry's
 *
 * Context: Process context; sleeps.
 * Return: 0, or -ENOMEM.
 */
int ifreg_notify_init(ifreg_notify_existing_fn existing)
{
	int err;

	ifreg_notify_existing = existing;
	ifreg_notify_wq = alloc_ordered_workqueue("ifreg_notify", 0);
	if (!ifreg_notify_wq)
		return -ENOMEM;
	err = register_module_notifier(&ifreg_notify_module_nb);
	if (err)
		destroy_workqueue(ifreg_notify_wq);
	return err;
}

/**
 * ifreg_notify_exit() - deliver what is queued and stop the worker
 *
 * Subscriptions still there belong to modules that forgot to end them;
 * they are freed with a warning in the log.
 *
 * Context: Process context; sleeps.
 */
void ifreg_notify_exit(void)
{
	struct ifreg_notifier *sub, *tmp;
	LIST_HEAD(gone);

	unregister_module_notifier(&ifreg_notify_module_nb);
	ifreg_notify_flush();
	destroy_workqueue(ifreg_notify_wq);
	spin_lock(&ifreg_notify_lock);
	list_splice_init(&ifreg_subscribers, &gone);
	ifreg_subscriber_count = 0;
	spin_unlock(&ifreg_notify_lock);
	list_for_each_entry_safe(sub, tmp, &gone, node) {
		pr_warn("subscription to {%pUl} never ended; ending it\n",
			&sub->class_guid);
		list_del_init(&sub->node);
		ifreg_notifier_put(sub);
	}
}
