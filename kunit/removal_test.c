// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_removal: surprise removal. Deleting a PDO disables its
 * enabled instances (notifying subscribers), the registrations survive, and
 * a device that comes back under the same instance path gets the same name
 * and can be enabled again. Both bus devices and class devices.
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/kernfs.h>
#include <linux/slab.h>

#include "device.h"
#include "notify.h"
#include "util.h"

static void expect_listed(struct kunit *test, const guid_t *g, unsigned int flags,
			  const char *name, bool listed)
{
	char *list;

	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(g, NULL, flags, &list), 0);
	KUNIT_EXPECT_EQ(test, ifreg_kt_listed(list, name), listed);
	kfree(list);
}

/* Deleting a bus PDO disables its instances; a later disable is -ENOENT. */
static void bus_pdo_deletion_disables_instances(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 50);
	guid_t g = ifreg_kt_guid(test, 0);
	struct kt_log *log;
	char *name;

	name = ifreg_kt_register(test, &pd->dev, &g, NULL);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	log = ifreg_kt_subscribe(test, &g, 0);

	ifreg_kt_pdev_del(test, pd);
	ifreg_notify_flush();
	KUNIT_ASSERT_EQ(test, log->n, 1);
	KUNIT_EXPECT_EQ(test, log->ev[0].event, IFREG_REMOVAL);
	KUNIT_EXPECT_STREQ(test, log->ev[0].link, name);

	expect_listed(test, &g, 0, name, false);
	expect_listed(test, &g, IFREG_INCLUDE_NONACTIVE, name, true);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, false), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), -ENODEV);
	ifreg_notify_flush();
	KUNIT_EXPECT_EQ(test, log->n, 1);
}

/* A device back under the same path gets IFREG_EXISTS, the same name, and enables. */
static void returning_device_gets_same_name(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 51);
	guid_t g = ifreg_kt_guid(test, 0);
	char *name, *again = NULL;

	name = ifreg_kt_register(test, &pd->dev, &g, "r");
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	ifreg_kt_pdev_del(test, pd);

	pd = ifreg_kt_pdev(test, 51);
	KUNIT_ASSERT_EQ(test, ifreg_register_interface(&pd->dev, &g, "r", &again),
			IFREG_EXISTS);
	KUNIT_EXPECT_STREQ(test, again, name);
	kfree(again);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), 0);
	expect_listed(test, &g, 0, name, true);
}

/*
 * Another device whose name differs in letter case only does not take the
 * name: it gets one of its own, "&2" appended to its instance path.
 */
static void name_taken_by_live_device_gets_next_name(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 52);
	struct platform_device *twin;
	guid_t g = ifreg_kt_guid(test, 0);
	char *name, *other = NULL;
	char expected[128];

	name = ifreg_kt_register(test, &pd->dev, &g, NULL);
	twin = platform_device_register_simple("IFREG-KUNIT", 52, NULL, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(twin));
	KUNIT_EXPECT_EQ(test, ifreg_register_interface(&twin->dev, &g, NULL, &other),
			0);
	snprintf(expected, sizeof(expected),
		 "\\??\\PLATFORM#IFREG-KUNIT.52&2#{%pUl}", &g);
	KUNIT_EXPECT_STREQ(test, other, expected);
	KUNIT_EXPECT_STRNEQ(test, other, name);
	if (other) {
		KUNIT_EXPECT_EQ(test, ifreg_remove_interface(other), 0);
		kfree(other);
	}
	platform_device_unregister(twin);
}

static struct class kt_class = {
	.name = "ifreg_kunit",
};

static void kt_class_dev_release(struct device *dev)
{
	kfree(dev);
}

/* Class devices (no bus, like netdevs) are followed through the class. */
static void class_pdo_deletion_disables_instances(struct kunit *test)
{
	guid_t g = ifreg_kt_guid(test, 0);
	struct kt_log *log;
	struct device *dev;
	char *name, *again = NULL;
	char expected[128];
	int round;

	KUNIT_ASSERT_EQ(test, class_register(&kt_class), 0);
	log = ifreg_kt_subscribe(test, &g, 0);
	for (round = 0; round < 2; round++) {
		dev = kzalloc(sizeof(*dev), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, dev);
		device_initialize(dev);
		dev->class = &kt_class;
		dev->release = kt_class_dev_release;
		dev_set_name(dev, "kt0");
		KUNIT_ASSERT_EQ(test, device_add(dev), 0);

		if (!round) {
			name = ifreg_kt_register(test, dev, &g, NULL);
		} else {
			KUNIT_EXPECT_EQ(test, ifreg_register_interface(dev, &g, NULL, &again),
					IFREG_EXISTS);
			KUNIT_EXPECT_STREQ(test, again, name);
			kfree(again);
		}
		KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), 0);
		device_unregister(dev);
		KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, false), -ENOENT);
	}
	class_unregister(&kt_class);
	ifreg_notify_flush();

	snprintf(expected, sizeof(expected), "\\??\\IFREG_KUNIT#kt0#{%pUl}", &g);
	KUNIT_EXPECT_STREQ(test, name, expected);
	KUNIT_ASSERT_EQ(test, log->n, 4);
	KUNIT_EXPECT_EQ(test, log->ev[0].event, IFREG_ARRIVAL);
	KUNIT_EXPECT_EQ(test, log->ev[1].event, IFREG_REMOVAL);
	KUNIT_EXPECT_EQ(test, log->ev[2].event, IFREG_ARRIVAL);
	KUNIT_EXPECT_EQ(test, log->ev[3].event, IFREG_REMOVAL);
}

static struct class kt_list_class = {
	.name = "ifreg_kunit_list",
};

static struct device *kt_list_dev(struct kunit *test, int n)
{
	struct device *dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	int err;

	KUNIT_ASSERT_NOT_NULL(test, dev);
	device_initialize(dev);
	dev->class = &kt_list_class;
	dev->release = kt_class_dev_release;
	dev_set_name(dev, "kl%d", n);
	err = device_add(dev);
	if (err)
		put_device(dev);
	KUNIT_ASSERT_EQ(test, err, 0);
	return dev;
}

/*
 * Whether a class device is listed is read at its own place in its class's
 * list (what settling a registration on it costs): right for the first,
 * a middle and the last device, and for a device deleted while an iterator
 * of the class still holds its place, or after, and for its neighbours.
 */
static void class_device_is_found_at_its_place(struct kunit *test)
{
	struct class_dev_iter iter;
	struct device *dev[4], *d;
	int i;

	KUNIT_ASSERT_EQ(test, class_register(&kt_list_class), 0);
	for (i = 0; i < 4; i++)
		dev[i] = kt_list_dev(test, i);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_TRUE(test, ifreg_device_in_class_list(dev[i]));

	/* An iterator stops at kl1; kl1 is deleted under it. */
	class_dev_iter_init(&iter, &kt_list_class, NULL, NULL);
	while ((d = class_dev_iter_next(&iter)) && d != dev[1])
		;
	KUNIT_EXPECT_PTR_EQ(test, d, dev[1]);
	/* device_del() keeps the reference device_initialize() took. */
	device_del(dev[1]);
	KUNIT_EXPECT_FALSE(test, ifreg_device_in_class_list(dev[1]));
	KUNIT_EXPECT_FALSE(test, ifreg_device_present(dev[1]));
	KUNIT_EXPECT_TRUE(test, ifreg_device_in_class_list(dev[0]));
	KUNIT_EXPECT_TRUE(test, ifreg_device_in_class_list(dev[2]));
	class_dev_iter_exit(&iter);
	/* Its node is off the list now. */
	KUNIT_EXPECT_FALSE(test, ifreg_device_in_class_list(dev[1]));
	KUNIT_EXPECT_TRUE(test, ifreg_device_in_class_list(dev[2]));
	put_device(dev[1]);

	/* The first goes: kl2 is first, kl3 still last. */
	device_unregister(dev[0]);
	KUNIT_EXPECT_TRUE(test, ifreg_device_in_class_list(dev[2]));
	KUNIT_EXPECT_TRUE(test, ifreg_device_present(dev[2]));
	KUNIT_EXPECT_TRUE(test, ifreg_device_in_class_list(dev[3]));
	device_unregister(dev[3]);
	KUNIT_EXPECT_TRUE(test, ifreg_device_in_class_list(dev[2]));
	device_unregister(dev[2]);
	class_unregister(&kt_list_class);
}

struct order_check {
	struct notifier_block nb;
	struct device *pdo;
	const char *devname;
	int seen;
	bool child_left;
};

static int order_notify(struct notifier_block *nb, unsigned long action, void *data)
{
	struct order_check *oc = container_of(nb, struct order_check, nb);

	if (action != BUS_NOTIFY_DEL_DEVICE || data != oc->pdo)
		return NOTIFY_DONE;
	oc->seen++;
	oc->child_left = ifreg_kt_has_child(oc->pdo, oc->devname);
	return NOTIFY_DONE;
}

/*
 * The instance's device is gone while the PDO's deletion is still at its
 * start, before the PDO's own "remove" uevent.
 */
static void instance_device_goes_before_pdo(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 53);
	struct order_check oc = { .nb.notifier_call = order_notify };
	guid_t g = ifreg_kt_guid(test, 0);
	char *name, *devname;

	name = ifreg_kt_register(test, &pd->dev, &g, NULL);
	devname = ifreg_kt_strdup(test, name + 4);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	KUNIT_ASSERT_TRUE(test, ifreg_kt_has_child(&pd->dev, devname));
	/* After ifreg's watch on the platform bus, so called after it. */
	KUNIT_ASSERT_EQ(test, bus_register_notifier(pd->dev.bus, &oc.nb), 0);
	oc.pdo = &pd->dev;
	oc.devname = devname;
	ifreg_kt_pdev_del(test, pd);
	bus_unregister_notifier(oc.pdo->bus, &oc.nb);
	KUNIT_EXPECT_EQ(test, oc.seen, 1);
	KUNIT_EXPECT_FALSE(test, oc.child_left);
	KUNIT_EXPECT_FALSE(test, ifreg_kt_has_link(&g, devname));
}

static struct kunit_case ifreg_removal_cases[] = {
	KUNIT_CASE(bus_pdo_deletion_disables_instances),
	KUNIT_CASE(returning_device_gets_same_name),
	KUNIT_CASE(name_taken_by_live_device_gets_next_name),
	KUNIT_CASE(class_pdo_deletion_disables_instances),
	KUNIT_CASE(class_device_is_found_at_its_place),
	KUNIT_CASE(instance_device_goes_before_pdo),
	{}
};

static struct kunit_suite ifreg_removal_suite = {
	.name = "ifreg_removal",
	.init = ifreg_kt_init,
	.exit = ifreg_kt_exit,
	.test_cases = ifreg_removal_cases,
};

kunit_test_suite(ifreg_removal_suite);
