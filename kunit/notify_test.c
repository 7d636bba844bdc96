// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_notify: plug-and-play notifications. Each arrival and
 * removal reaches each subscriber exactly once, in order, with no gap;
 * callbacks may call back into ifreg and unsubscribe themselves; and
 * unsubscribing is synchronous.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/slab.h>

#include "notify.h"
#include "util.h"

/* One arrival and one removal, exactly, for one enable and one disable. */
static void arrival_and_removal_once_each(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 30);
	guid_t g = ifreg_kt_guid(test, 0), other = ifreg_kt_guid(test, 1);
	struct kt_log *log, *elsewhere;
	char *name;

	name = ifreg_kt_register(test, &pd->dev, &g, NULL);
	log = ifreg_kt_subscribe(test, &g, 0);
	elsewhere = ifreg_kt_subscribe(test, &other, 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, false), 0);
	ifreg_notify_flush();

	KUNIT_ASSERT_EQ(test, log->n, 2);
	KUNIT_EXPECT_EQ(test, log->ev[0].event, IFREG_ARRIVAL);
	KUNIT_EXPECT_STREQ(test, log->ev[0].link, name);
	KUNIT_EXPECT_EQ(test, log->ev[1].event, IFREG_REMOVAL);
	KUNIT_EXPECT_STREQ(test, log->ev[1].link, name);
	KUNIT_EXPECT_EQ(test, elsewhere->n, 0);
}

/* Calls that change nothing notify nothing. */
static void repeated_calls_notify_nothing(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 31);
	guid_t g = ifreg_kt_guid(test, 0);
	struct kt_log *log;
	char *name;

	name = ifreg_kt_register(test, &pd->dev, &g, NULL);
	log = ifreg_kt_subscribe(test, &g, 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), IFREG_EXISTS);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, false), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, false), -ENOENT);
	ifreg_notify_flush();
	KUNIT_EXPECT_EQ(test, log->n, 2);
}

/* Include-existing: one arrival per enabled instance, none for disabled. */
static void include_existing_sees_enabled_instances_first(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 32);
	guid_t g = ifreg_kt_guid(test, 0);
	struct kt_log *with, *without;
	char *on, *off;

	on = ifreg_kt_register(test, &pd->dev, &g, "on");
	off = ifreg_kt_register(test, &pd->dev, &g, "off");
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(on, true), 0);
	ifreg_notify_flush();

	with = ifreg_kt_subscribe(test, &g, IFREG_NOTIFY_INCLUDE_EXISTING);
	without = ifreg_kt_subscribe(test, &g, 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(off, true), 0);
	ifreg_notify_flush();

	KUNIT_ASSERT_EQ(test, with->n, 2);
	KUNIT_EXPECT_EQ(test, with->ev[0].event, IFREG_ARRIVAL);
	KUNIT_EXPECT_STREQ(test, with->ev[0].link, on);
	KUNIT_EXPECT_STREQ(test, with->ev[1].link, off);
	KUNIT_ASSERT_EQ(test, without->n, 1);
	KUNIT_EXPECT_STREQ(test, without->ev[0].link, off);
}

struct self_unsub {
	struct ifreg_notifier *handle;
	int calls;
	char *name;
};

static void self_unsub_fn(const struct ifreg_notification *n, void *context)
{
	struct self_unsub *s = context;

	s->calls++;
	ifreg_unregister_notification(s->handle);
}

/* A callback may unsubscribe itself: no deadlock, no later call. */
static void callback_may_unsubscribe_itself(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 33);
	guid_t g = ifreg_kt_guid(test, 0);
	struct self_unsub s = {};
	char *name;

	name = ifreg_kt_register(test, &pd->dev, &g, NULL);
	KUNIT_ASSERT_EQ(test, ifreg_register_notification(&g, 0, self_unsub_fn, &s,
							  &s.handle), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, false), 0);
	ifreg_notify_flush();
	KUNIT_EXPECT_EQ(test, s.calls, 1);
}

static void noop_fn(const struct ifreg_notification *n, void *context)
{
}

/* Subscribers A..E of one class, and X of another, for the next case. */
enum { SUB_A, SUB_B, SUB_C, SUB_D, SUB_E, SUB_X, NSUB };

struct walk;

struct walk_sub {
	struct walk *w;
	struct ifreg_notifier *handle;
	int arrivals, removals;
};

struct walk {
	struct walk_sub sub[NSUB];
	guid_t g;
	int ret_sub;
};

static void walk_fn(const struct ifreg_notification *n, void *context)
{
	struct walk_sub *me = context;
	struct walk *w = me->w;

	if (n->event != IFREG_ARRIVAL) {
		me->removals++;
		return;
	}
	me->arrivals++;
	if (me != &w->sub[SUB_A])
		return;
	/* Mid-event: A, the subscriber just given it, and C, not yet. */
	ifreg_unregister_notification(w->sub[SUB_A].handle);
	ifreg_unregister_notification(w->sub[SUB_C].handle);
	w->sub[SUB_A].handle = NULL;
	w->sub[SUB_C].handle = NULL;
	w->ret_sub = ifreg_register_notification(&w->g, 0, walk_fn, &w->sub[SUB_E],
						 &w->sub[SUB_E].handle);
}

/*
 * Delivery goes along the subscribers from the one last given the event:
 * the subscribers leaving under it (the one it stands on among them) and
 * joining in the middle of an event change nothing for the others, each
 * given each event once, in order.
 */
static void subscribers_leaving_mid_event_skip_no_one(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 126);
	guid_t other = ifreg_kt_guid(test, 1);
	struct walk *w;
	char *name;
	int i;

	w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);
	w->g = ifreg_kt_guid(test, 0);
	for (i = 0; i < NSUB; i++) {
		w->sub[i].w = w;
		if (i == SUB_E)
			continue;
		KUNIT_ASSERT_EQ(test, ifreg_register_notification(i == SUB_X ? &other : &w->g,
								  0, walk_fn, &w->sub[i],
								  &w->sub[i].handle), 0);
	}
	name = ifreg_kt_register(test, &pd->dev, &w->g, NULL);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	ifreg_notify_flush();
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, false), 0);
	ifreg_notify_flush();

	KUNIT_EXPECT_EQ(test, w->ret_sub, 0);
	KUNIT_EXPECT_EQ(test, w->sub[SUB_A].arrivals, 1);
	KUNIT_EXPECT_EQ(test, w->sub[SUB_A].removals, 0);
	KUNIT_EXPECT_EQ(test, w->sub[SUB_B].arrivals, 1);
	KUNIT_EXPECT_EQ(test, w->sub[SUB_B].removals, 1);
	KUNIT_EXPECT_EQ(test, w->sub[SUB_C].arrivals, 0);
	KUNIT_EXPECT_EQ(test, w->sub[SUB_C].removals, 0);
	KUNIT_EXPECT_EQ(test, w->sub[SUB_D].arrivals, 1);
	KUNIT_EXPECT_EQ(test, w->sub[SUB_D].removals, 1);
	/* Joined after the arrival was queued: the removal only. */
	KUNIT_EXPECT_EQ(test, w->sub[SUB_E].arrivals, 0);
	KUNIT_EXPECT_EQ(test, w->sub[SUB_E].removals, 1);
	KUNIT_EXPECT_EQ(test, w->sub[SUB_X].arrivals + w->sub[SUB_X].removals, 0);
	for (i = 0; i < NSUB; i++)
		ifreg_unregister_notification(w->sub[i].handle);
}

struct reentrant {
	struct kunit *test;
	struct ifreg_notifier *extra;
	int arrivals, removals;
	int ret_disable, ret_sub;
};

static void reentrant_fn(const struct ifreg_notification *n, void *context)
{
	struct reentrant *r = context;

	if (n->event == IFREG_ARRIVAL) {
		r->arrivals++;
		/* Back into ifreg from the callback, under no lock of ours. */
		r->ret_disable = ifreg_set_interface_state(n->symbolic_link, false);
		r->ret_sub = ifreg_register_notification(n->class_guid, 0, noop_fn,
							 NULL, &r->extra);
		ifreg_unregister_notification(r->extra);
	} else {
		r->removals++;
	}
}

/* A callback may disable the instance and subscribe and unsubscribe. */
static void callback_may_call_back_into_ifreg(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 34);
	guid_t g = ifreg_kt_guid(test, 0);
	struct ifreg_notifier *h;
	struct reentrant r = {};
	char *name;

	name = ifreg_kt_register(test, &pd->dev, &g, NULL);
	KUNIT_ASSERT_EQ(test, ifreg_register_notification(&g, 0, reentrant_fn, &r, &h), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	ifreg_notify_flush();
	ifreg_unregister_notification(h);
	KUNIT_EXPECT_EQ(test, r.arrivals, 1);
	KUNIT_EXPECT_EQ(test, r.removals, 1);
	KUNIT_EXPECT_EQ(test, r.ret_disable, 0);
	KUNIT_EXPECT_EQ(test, r.ret_sub, 0);
}

struct slow {
	struct completion entered;
	atomic_t running;
	atomic_t calls;
};

static void slow_fn(const struct ifreg_notification *n, void *context)
{
	struct slow *s = context;

	atomic_inc(&s->running);
	atomic_inc(&s->calls);
	complete(&s->entered);
	msleep(200);
	atomic_dec(&s->running);
}

/* Unsubscribe waits for a running callback; none runs after it returns. */
static void unsubscribe_waits_for_running_callback(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 35);
	guid_t g = ifreg_kt_guid(test, 0);
	struct ifreg_notifier *h;
	struct slow s;
	char *name;
	int calls;

	init_completion(&s.entered);
	atomic_set(&s.running, 0);
	atomic_set(&s.calls, 0);
	name = ifreg_kt_register(test, &pd->dev, &g, NULL);
	KUNIT_ASSERT_EQ(test, ifreg_register_notification(&g, 0, slow_fn, &s, &h), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, false), 0);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&s.entered, 10 * HZ), 0UL);

	ifreg_unregister_notification(h);
	KUNIT_EXPECT_EQ(test, atomic_read(&s.running), 0);
	calls = atomic_read(&s.calls);
	ifreg_notify_flush();
	KUNIT_EXPECT_EQ(test, atomic_read(&s.calls), calls);
	KUNIT_EXPECT_EQ(test, calls, 1);
}

struct toggler {
	char *names[2];
	int rounds;
};

static int toggler_thread(void *arg)
{
	struct toggler *t = arg;
	int i;

	for (i = 0; i < t->rounds; i++) {
		ifreg_set_interface_state(t->names[i & 1], true);
		ifreg_set_interface_state(t->names[!(i & 1)], false);
		if (!(i % 16))
			cond_resched();
	}
	/* kthread_stop() needs the thread alive. */
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

/* Per instance, a log alternates arrival/removal starting with arrival. */
static void expect_alternating(struct kunit *test, struct kt_log *log,
			       char *const names[2])
{
	int state[2] = { -1, -1 }, i, k;

	KUNIT_ASSERT_LE(test, log->n, KT_LOG);
	for (i = 0; i < log->n; i++) {
		k = strcmp(log->ev[i].link, names[0]) ? 1 : 0;
		KUNIT_ASSERT_STREQ(test, log->ev[i].link, names[k]);
		if (state[k] < 0)
			KUNIT_ASSERT_EQ_MSG(test, log->ev[i].event, IFREG_ARRIVAL,
					    "first event %d is a removal", i);
		else
			KUNIT_ASSERT_NE_MSG(test, (int)log->ev[i].event, state[k],
					    "event %d repeats the last", i);
		state[k] = log->ev[i].event;
	}
}

/*
 * Subscribing with include-existing while another thread toggles instances
 * gives each subscriber a gap-free, duplicate-free history.
 */
static void exactly_once_under_concurrent_changes(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 36);
	guid_t g = ifreg_kt_guid(test, 0);
	struct task_struct *task;
	struct toggler t = { .rounds = 100 };
	struct kt_log *logs[8];
	int i;

	t.names[0] = ifreg_kt_register(test, &pd->dev, &g, "a");
	t.names[1] = ifreg_kt_register(test, &pd->dev, &g, "b");
	task = kthread_run(toggler_thread, &t, "ifreg-kunit-toggle");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	for (i = 0; i < ARRAY_SIZE(logs); i++) {
		logs[i] = ifreg_kt_subscribe(test, &g, IFREG_NOTIFY_INCLUDE_EXISTING);
		usleep_range(500, 1000);
		if (i & 1)
			ifreg_kt_unsubscribe(logs[i]);
	}
	kthread_stop(task);
	ifreg_notify_flush();
	for (i = 0; i < ARRAY_SIZE(logs); i++)
		expect_alternating(test, logs[i], t.names);
	/* The subscriptions kept to the end saw the final state. */
	KUNIT_EXPECT_GT(test, logs[0]->n, 0);
}

/* Bad arguments are -EINVAL; the subscriber cap is -ENOSPC. */
static void subscribe_rejects_bad_input(struct kunit *test)
{
	unsigned int saved = ifreg_max_subscribers;
	guid_t g = ifreg_kt_guid(test, 0);
	struct ifreg_notifier *h = NULL;

	KUNIT_EXPECT_EQ(test, ifreg_register_notification(NULL, 0, ifreg_kt_log_fn, NULL, &h),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_register_notification(&g, 0, NULL, NULL, &h), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_register_notification(&g, 0x10, ifreg_kt_log_fn, NULL, &h),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_register_notification(&g, 0, ifreg_kt_log_fn, NULL, NULL),
			-EINVAL);
	ifreg_max_subscribers = 0;
	KUNIT_EXPECT_EQ(test, ifreg_register_notification(&g, 0, ifreg_kt_log_fn, NULL, &h),
			-ENOSPC);
	ifreg_max_subscribers = saved;
	KUNIT_EXPECT_NULL(test, h);
	ifreg_unregister_notification(NULL);
}

/* Stands for a module that unloads with its subscriptions still there. */
static struct module kt_gone_module = { .name = "kt_gone" };

/*
 * When the module that owns a subscription goes, ifreg ends it: its
 * callback is never called again; other modules' subscriptions stay.
 */
static void subscriptions_of_a_gone_module_end(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 96);
	guid_t g = ifreg_kt_guid(test, 0);
	struct kt_log *gone, *kept;
	char *name;

	gone = kunit_kzalloc(test, sizeof(*gone), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, gone);
	mutex_init(&gone->lock);
	kept = ifreg_kt_subscribe(test, &g, 0);
	name = ifreg_kt_register(test, &pd->dev, &g, NULL);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	/* No assertion from here until it is ended: it must not outlive the case. */
	KUNIT_ASSERT_EQ(test, ifreg_register_notification_owner(&g, IFREG_NOTIFY_INCLUDE_EXISTING,
								ifreg_kt_log_fn, gone,
								&gone->handle,
								&kt_gone_module), 0);
	ifreg_notify_flush();
	KUNIT_EXPECT_EQ(test, gone->n, 1);

	ifreg_notify_end_module(&kt_gone_module);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, false), 0);
	ifreg_notify_flush();
	KUNIT_EXPECT_EQ(test, gone->n, 1);
	KUNIT_EXPECT_EQ(test, kept->n, 2);
	/* Nothing of it is left to end twice. */
	ifreg_notify_end_module(&kt_gone_module);
}

static struct kunit_case ifreg_notify_cases[] = {
	KUNIT_CASE(arrival_and_removal_once_each),
	KUNIT_CASE(repeated_calls_notify_nothing),
	KUNIT_CASE(include_existing_sees_enabled_instances_first),
	KUNIT_CASE(callback_may_unsubscribe_itself),
	KUNIT_CASE(callback_may_call_back_into_ifreg),
	KUNIT_CASE(subscribers_leaving_mid_event_skip_no_one),
	KUNIT_CASE(unsubscribe_waits_for_running_callback),
	KUNIT_CASE(exactly_once_under_concurrent_changes),
	KUNIT_CASE(subscribe_rejects_bad_input),
	KUNIT_CASE(subscriptions_of_a_gone_module_end),
	{}
};

static struct kunit_suite ifreg_notify_suite = {
	.name = "ifreg_notify",
	.init = ifreg_kt_init,
	.exit = ifreg_kt_exit,
	.test_cases = ifreg_notify_cases,
};

kunit_test_suite(ifreg_notify_suite);
