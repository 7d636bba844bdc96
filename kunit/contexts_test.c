// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_contexts: a driver registers and enables from any
 * context it may be in, the first registration on a bus or class ifreg
 * does not watch yet included: a notifier of that very bus (the driver
 * core holds its chain's lock), that class's class_interface (it holds the
 * class's mutex). And no deletion is missed while a watch is being set up.
 * (Probe and netdevice notifiers are ifreg_lifecycle's.)
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include "notify.h"
#include "registry.h"
#include "util.h"

/* What a driver's callback did. */
static struct {
	guid_t class;
	struct device *dev;
	char *link;
	int registered, enabled;
} kt_cb;

static void kt_cb_register(struct device *dev)
{
	kt_cb.registered = ifreg_register_interface(dev, &kt_cb.class, NULL,
						    &kt_cb.link);
	if (kt_cb.registered >= 0)
		kt_cb.enabled = ifreg_set_interface_state(kt_cb.link, true);
}

/* Enabled, announced once, then its device's deletion heard of. */
static void kt_cb_expect_lifecycle(struct kunit *test, struct kt_log *log,
				   struct device *dev)
{
	KUNIT_EXPECT_EQ(test, kt_cb.registered, 0);
	KUNIT_EXPECT_EQ(test, kt_cb.enabled, 0);
	ifreg_watch_flush();
	ifreg_notify_flush();
	KUNIT_EXPECT_EQ(test, log->n, 1);

	device_unregister(dev);
	ifreg_notify_flush();
	KUNIT_EXPECT_EQ(test, log->n, 2);
	if (log->n == 2)
		KUNIT_EXPECT_EQ(test, log->ev[1].event, IFREG_REMOVAL);
	if (kt_cb.link) {
		KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(kt_cb.link, false),
				-ENOENT);
		KUNIT_EXPECT_EQ(test, ifreg_remove_interface(kt_cb.link), 0);
	}
	kfree(kt_cb.link);
}

/* A bus of its own, const where the kernel's own are (6.1 writes it). */
static typeof(platform_bus_type) kt_ctx_bus = {
	.name = "ifreg_kt_ctx",
};

static int kt_ctx_bus_notify(struct notifier_block *nb, unsigned long action,
			     void *data)
{
	if (action == BUS_NOTIFY_ADD_DEVICE && data == kt_cb.dev)
		kt_cb_register(data);
	return NOTIFY_DONE;
}

static struct notifier_block kt_ctx_nb = { .notifier_call = kt_ctx_bus_notify };

static struct device *kt_bus_dev(struct kunit *test, const char *name)
{
	struct device *dev = kzalloc(sizeof(*dev), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, dev);
	device_initialize(dev);
	dev->bus = &kt_ctx_bus;
	dev->release = ifreg_kt_release_kfree;
	dev_set_name(dev, "%s", name);
	return dev;
}

/*
 * The first registration on a bus, from that bus's own notifier: the
 * driver core holds the chain's lock, under which ifreg cannot add its own.
 */
static void register_from_the_bus_notifier(struct kunit *test)
{
	struct kt_log *log;
	struct device *dev;

	memset(&kt_cb, 0, sizeof(kt_cb));
	kt_cb.class = ifreg_kt_guid(test, 0);
	log = ifreg_kt_subscribe(test, &kt_cb.class, 0);
	KUNIT_ASSERT_EQ(test, bus_register(&kt_ctx_bus), 0);
	KUNIT_ASSERT_EQ(test, bus_register_notifier(&kt_ctx_bus, &kt_ctx_nb), 0);

	dev = kt_bus_dev(test, "ktctx0");
	kt_cb.dev = dev;
	KUNIT_EXPECT_EQ(test, device_add(dev), 0);
	kt_cb_expect_lifecycle(test, log, dev);

	bus_unregister_notifier(&kt_ctx_bus, &kt_ctx_nb);
	bus_unregister(&kt_ctx_bus);
}

static struct class kt_ctx_class = {
	.name = "ifreg_kt_ctx",
};

#ifdef IFREG_HAVE_CLASS_INTERFACE_ARG
static int kt_ctx_add_dev(struct device *dev, struct class_interface *intf)
#else
static int kt_ctx_add_dev(struct device *dev)
#endif
{
	if (dev == kt_cb.dev)
		kt_cb_register(dev);
	return 0;
}

static struct class_interface kt_ctx_intf = {
	.class = &kt_ctx_class,
	.add_dev = kt_ctx_add_dev,
};

/*
 * The first registration on a class, from that class's class_interface:
 * the driver core holds the class's mutex, which adding ifreg's own takes.
 */
static void register_from_the_class_interface(struct kunit *test)
{
	struct kt_log *log;
	struct device *dev;

	memset(&kt_cb, 0, sizeof(kt_cb));
	kt_cb.class = ifreg_kt_guid(test, 0);
	log = ifreg_kt_subscribe(test, &kt_cb.class, 0);
	KUNIT_ASSERT_EQ(test, class_register(&kt_ctx_class), 0);
	KUNIT_ASSERT_EQ(test, class_interface_register(&kt_ctx_intf), 0);

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	device_initialize(dev);
	dev->class = &kt_ctx_class;
	dev->release = ifreg_kt_release_kfree;
	dev_set_name(dev, "ktctx1");
	kt_cb.dev = dev;
	KUNIT_EXPECT_EQ(test, device_add(dev), 0);
	kt_cb_expect_lifecycle(test, log, dev);

	class_interface_unregister(&kt_ctx_intf);
	class_unregister(&kt_ctx_class);
}

/* A bus of its own, const where the kernel's own are (6.1 writes it). */
static typeof(platform_bus_type) kt_late_bus = {
	.name = "ifreg_kt_late",
};

/*
 * A device deleted while the watch of its bus is still being set up: ifreg
 * misses the deletion, then looks again once the watch is up and lets go of
 * it, with the removal of what was enabled. The watch is held back by
 * holding the device lock of the first device registered on the bus, which
 * the watch takes to be sure the bus stays.
 */
static void deletion_while_the_watch_is_set_up(struct kunit *test)
{
	guid_t g = ifreg_kt_guid(test, 0);
	struct device *held, *gone;
	char *held_link = NULL, *gone_link = NULL;
	struct kt_log *log;

	log = ifreg_kt_subscribe(test, &g, 0);
	KUNIT_ASSERT_EQ(test, bus_register(&kt_late_bus), 0);
	held = kzalloc(sizeof(*held), GFP_KERNEL);
	gone = kzalloc(sizeof(*gone), GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, held && gone);
	device_initialize(held);
	device_initialize(gone);
	held->bus = &kt_late_bus;
	gone->bus = &kt_late_bus;
	held->release = ifreg_kt_release_kfree;
	gone->release = ifreg_kt_release_kfree;
	dev_set_name(held, "ktlate0");
	dev_set_name(gone, "ktlate1");
	KUNIT_ASSERT_EQ(test, device_add(held), 0);
	KUNIT_ASSERT_EQ(test, device_add(gone), 0);

	device_lock(held);
	KUNIT_EXPECT_EQ(test, ifreg_register_interface(held, &g, "a", &held_link), 0);
	KUNIT_EXPECT_EQ(test, ifreg_register_interface(gone, &g, "b", &gone_link), 0);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(gone_link, true), 0);
	device_unregister(gone);
	device_unlock(held);

	ifreg_watch_flush();
	ifreg_notify_flush();
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(gone_link, false), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(gone_link, true), -ENODEV);
	KUNIT_EXPECT_EQ(test, log->n, 2);
	if (log->n == 2)
		KUNIT_EXPECT_EQ(test, log->ev[1].event, IFREG_REMOVAL);

	/* The watch is up: the next deletion is heard of at once. */
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(held_link, true), 0);
	device_unregister(held);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(held_link, false), -ENOENT);

	KUNIT_EXPECT_EQ(test, ifreg_remove_interface(held_link), 0);
	KUNIT_EXPECT_EQ(test, ifreg_remove_interface(gone_link), 0);
	kfree(held_link);
	kfree(gone_link);
	bus_unregister(&kt_late_bus);
}

static struct kunit_case ifreg_contexts_cases[] = {
	KUNIT_CASE(register_from_the_bus_notifier),
	KUNIT_CASE(register_from_the_class_interface),
	KUNIT_CASE(deletion_while_the_watch_is_set_up),
	{}
};

static struct kunit_suite ifreg_contexts_suite = {
	.name = "ifreg_contexts",
	.init = ifreg_kt_init,
	.exit = ifreg_kt_exit,
	.test_cases = ifreg_contexts_cases,
};

kunit_test_suite(ifreg_contexts_suite);
