// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_changes: every change the registry makes passes its one
 * change point: the generation grows by one and every listener hears of it
 * once, in order, seeing the instance as the change left it (netlink's
 * multicast is such a listener). Also: a caller inside ifreg that
 * registers gets the very instance it registered, with a reference.
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "registry.h"
#include "util.h"

#define KT_CHANGES 32

/* One change as the listener saw it. */
struct kt_change {
	enum ifreg_event_type type;
	char link[128];
	bool bound, enabled, is_default;
	u64 gen;
};

/* Written by the listener under ifreg_lock, read by the case after the change. */
static struct {
	guid_t class;
	struct kt_change ch[KT_CHANGES];
	int n;
} kt_changes;

static void kt_changed(enum ifreg_event_type type, struct ifreg_instance *inst)
{
	struct kt_change *c;

	if (!guid_equal(&inst->class->guid, &kt_changes.class) ||
	    kt_changes.n >= KT_CHANGES)
		return;
	c = &kt_changes.ch[kt_changes.n++];
	c->type = type;
	strscpy(c->link, inst->link, sizeof(c->link));
	c->bound = inst->pdo;
	c->enabled = inst->dev;
	c->is_default = inst->class->default_inst == inst;
	c->gen = ifreg_registry_generation();
}

static struct ifreg_listener kt_listener = { .changed = kt_changed };

static int changes_init(struct kunit *test)
{
	memset(&kt_changes, 0, sizeof(kt_changes));
	ifreg_registry_listen(&kt_listener);
	return ifreg_kt_init(test);
}

static void changes_exit(struct kunit *test)
{
	ifreg_registry_unlisten(&kt_listener);
	ifreg_kt_exit(test);
}

static void expect_change(struct kunit *test, int i, enum ifreg_event_type type,
			  const char *link, bool bound, bool enabled, bool is_default)
{
	struct kt_change *c = &kt_changes.ch[i];

	KUNIT_ASSERT_LT(test, i, kt_changes.n);
	KUNIT_EXPECT_EQ(test, c->type, type);
	KUNIT_EXPECT_STREQ(test, c->link, link);
	KUNIT_EXPECT_EQ(test, c->bound, bound);
	KUNIT_EXPECT_EQ(test, c->enabled, enabled);
	KUNIT_EXPECT_EQ(test, c->is_default, is_default);
	/* The generation counts each change, and nothing else. */
	if (i)
		KUNIT_EXPECT_EQ(test, c->gen, kt_changes.ch[i - 1].gen + 1);
}

/*
 * Register, enable, values, default, disable, deletion of the PDO, removal:
 * one change each, in order; what changes nothing (enabling again,
 * registering again, making the default the default) is not heard of.
 */
static void every_change_is_heard_once_in_order(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 90);
	guid_t g = ifreg_kt_guid(test, 0);
	char *a, *b, *again = NULL;

	kt_changes.class = g;
	a = ifreg_kt_register(test, &pd->dev, &g, "a");
	b = ifreg_kt_register(test, &pd->dev, &g, "b");
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(a, true), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(a, true), IFREG_EXISTS);
	KUNIT_ASSERT_EQ(test, ifreg_register_interface(&pd->dev, &g, "a", &again),
			IFREG_EXISTS);
	kfree(again);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_value(a, "v", "1", 1, 0), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_value(a, "v", NULL, 0, 0), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_value(a, "v", NULL, 0, 0), -ENOENT);
	KUNIT_ASSERT_EQ(test, ifreg_set_default_interface(a), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_default_interface(a), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_default_interface(b), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(a, false), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(b, true), 0);
	ifreg_kt_pdev_del(test, pd);
	KUNIT_ASSERT_EQ(test, ifreg_remove_interface(a), 0);

	KUNIT_ASSERT_EQ(test, kt_changes.n, 14);
	expect_change(test, 0, IFREG_EVENT_REGISTERED, a, true, false, false);
	expect_change(test, 1, IFREG_EVENT_REGISTERED, b, true, false, false);
	expect_change(test, 2, IFREG_EVENT_ARRIVAL, a, true, true, false);
	expect_change(test, 3, IFREG_EVENT_CHANGED, a, true, true, false);
	expect_change(test, 4, IFREG_EVENT_CHANGED, a, true, true, false);
	expect_change(test, 5, IFREG_EVENT_CHANGED, a, true, true, true);
	/* The old default hears it is no longer, then the new one. */
	expect_change(test, 6, IFREG_EVENT_CHANGED, a, true, true, false);
	expect_change(test, 7, IFREG_EVENT_CHANGED, b, true, false, true);
	expect_change(test, 8, IFREG_EVENT_REMOVAL, a, true, false, false);
	expect_change(test, 9, IFREG_EVENT_ARRIVAL, b, true, true, true);
	/* Deleting the PDO: a disabled instance loses it too, not silently. */
	expect_change(test, 10, IFREG_EVENT_CHANGED, a, false, false, false);
	expect_change(test, 11, IFREG_EVENT_REMOVAL, b, true, false, true);
	expect_change(test, 12, IFREG_EVENT_CHANGED, b, false, false, true);
	expect_change(test, 13, IFREG_EVENT_REMOVED, a, false, false, false);
}

/* A waiting registration bound by its returning device is a change. */
static void binding_a_waiting_instance_is_a_change(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 91);
	guid_t g = ifreg_kt_guid(test, 0);
	char *a;

	kt_changes.class = g;
	a = ifreg_kt_register(test, &pd->dev, &g, NULL);
	ifreg_kt_pdev_del(test, pd);
	/* The same instance path again: the bus notifier binds it. */
	pd = ifreg_kt_pdev(test, 91);

	KUNIT_ASSERT_EQ(test, kt_changes.n, 3);
	expect_change(test, 0, IFREG_EVENT_REGISTERED, a, true, false, false);
	expect_change(test, 1, IFREG_EVENT_CHANGED, a, false, false, false);
	expect_change(test, 2, IFREG_EVENT_CHANGED, a, true, false, false);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(a, true), 0);
}

/*
 * ifreg_registry_register() hands over the instance it registered or
 * found, with a reference that outlives the registration's removal.
 */
static void register_hands_over_the_instance(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 92);
	guid_t g = ifreg_kt_guid(test, 0);
	struct ifreg_instance *inst, *again;
	char *name;

	KUNIT_ASSERT_EQ(test, ifreg_registry_register(&pd->dev, &g, "r", &inst), 0);
	KUNIT_ASSERT_EQ(test, ifreg_registry_register(&pd->dev, &g, "r", &again),
			IFREG_EXISTS);
	KUNIT_EXPECT_PTR_EQ(test, again, inst);
	ifreg_instance_put(again);

	name = ifreg_kt_strdup(test, inst->link);
	KUNIT_ASSERT_EQ(test, ifreg_remove_interface(name), 0);
	/* Removed, still readable through the reference. */
	KUNIT_EXPECT_STREQ(test, inst->link, name);
	mutex_lock(&ifreg_lock);
	KUNIT_EXPECT_NULL(test, inst->pdo);
	mutex_unlock(&ifreg_lock);
	ifreg_instance_put(inst);
	KUNIT_EXPECT_EQ(test, ifreg_registry_register(NULL, &g, "r", &inst), -EINVAL);
}

static struct kunit_case ifreg_changes_cases[] = {
	KUNIT_CASE(every_change_is_heard_once_in_order),
	KUNIT_CASE(binding_a_waiting_instance_is_a_change),
	KUNIT_CASE(register_hands_over_the_instance),
	{}
};

static struct kunit_suite ifreg_changes_suite = {
	.name = "ifreg_changes",
	.init = changes_init,
	.exit = changes_exit,
	.test_cases = ifreg_changes_cases,
};

kunit_test_suite(ifreg_changes_suite);
