// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_identity: an instance belongs to its device, not to
 * the name the device has now. A renamed device keeps its registration and
 * its name; a new device with a name a registration was made under is a
 * new device, with a name of its own; a registration waiting for its device
 * binds only to a device where that one was; and a registration racing the
 * deletion of its device never keeps the dying device.
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include "device.h"
#include "registry.h"
#include "util.h"

static struct class kt_id_class = {
	.name = "ifreg_kt_id",
};

/* Two places devices of kt_id_class hang under: two "slots". */
static struct platform_device *kt_slot[2];

static void identity_suite_exit(struct kunit_suite *suite)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (!IS_ERR_OR_NULL(kt_slot[i]))
			platform_device_unregister(kt_slot[i]);
		kt_slot[i] = NULL;
	}
	class_unregister(&kt_id_class);
}

static int identity_suite_init(struct kunit_suite *suite)
{
	int err = class_register(&kt_id_class);
	int i;

	if (err)
		return err;
	for (i = 0; i < 2; i++) {
		kt_slot[i] = platform_device_register_simple("ifreg-kt-slot", i,
							     NULL, 0);
		if (IS_ERR(kt_slot[i])) {
			err = PTR_ERR(kt_slot[i]);
			identity_suite_exit(suite);
			return err;
		}
	}
	return 0;
}

/* A device of kt_id_class named @name in slot @slot. */
static struct device *kt_id_dev(struct kunit *test, int slot, const char *name)
{
	struct device *dev;

	dev = device_create(&kt_id_class, &kt_slot[slot]->dev, 0, NULL, "%s", name);
	KUNIT_ASSERT_FALSE(test, IS_ERR(dev));
	return dev;
}

/* Registering again on @dev gives IFREG_EXISTS and @name, whole. */
static void kt_id_again(struct kunit *test, struct device *dev, const guid_t *g,
			const char *ref, const char *name)
{
	char *again = NULL;

	KUNIT_EXPECT_EQ(test, ifreg_register_interface(dev, g, ref, &again),
			IFREG_EXISTS);
	KUNIT_EXPECT_STREQ(test, again, name);
	kfree(again);
}

/* Renamed, a device keeps its registrations, bound and named as they were. */
static void rename_keeps_the_registration(struct kunit *test)
{
	guid_t g = ifreg_kt_guid(test, 0);
	struct device *dev = kt_id_dev(test, 0, "ktid0");
	char *name;

	name = ifreg_kt_register(test, dev, &g, NULL);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	KUNIT_ASSERT_EQ(test, device_rename(dev, "ktid1"), 0);

	kt_id_again(test, dev, &g, NULL, name);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, dev, name));
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), IFREG_EXISTS);
	device_unregister(dev);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, false), -ENOENT);
}

/*
 * Renamed to a shorter name, a device still gets the whole name of its
 * registration, whatever length the name it has now would make.
 */
static void rename_to_a_shorter_name_gives_the_whole_name(struct kunit *test)
{
	guid_t g = ifreg_kt_guid(test, 0);
	struct device *dev = kt_id_dev(test, 1, "ktid-named-at-some-length-0123456789");
	char *name;

	name = ifreg_kt_register(test, dev, &g, "ref");
	KUNIT_ASSERT_EQ(test, device_rename(dev, "k"), 0);
	kt_id_again(test, dev, &g, "ref", name);
	device_unregister(dev);
}

/*
 * A device renamed has instances under both its names: a new reference
 * gets the name it has now, and each registration made again finds its
 * own instance under the name it was made with, in any order.
 */
static void renamed_device_finds_each_instance_by_its_name(struct kunit *test)
{
	guid_t g = ifreg_kt_guid(test, 0);
	struct device *dev = kt_id_dev(test, 1, "ktid5");
	char expected[128];
	char *old, *new;

	old = ifreg_kt_register(test, dev, &g, "one");
	KUNIT_ASSERT_EQ(test, device_rename(dev, "ktid6"), 0);
	new = ifreg_kt_register(test, dev, &g, "two");
	snprintf(expected, sizeof(expected), "\\??\\IFREG_KT_ID#ktid6#{%pUl}\\two", &g);
	KUNIT_EXPECT_STREQ(test, new, expected);
	kt_id_again(test, dev, &g, "two", new);
	kt_id_again(test, dev, &g, "ONE", old);
	/* Back to its first name: both are still found. */
	KUNIT_ASSERT_EQ(test, device_rename(dev, "ktid5"), 0);
	kt_id_again(test, dev, &g, "two", new);
	kt_id_again(test, dev, &g, "one", old);
	device_unregister(dev);
}

/*
 * A new device with the name a registration was made under (here, its
 * device was renamed) is another device: a new instance, a name of its own.
 */
static void new_device_with_a_taken_name_is_new(struct kunit *test)
{
	guid_t g = ifreg_kt_guid(test, 0);
	struct device *old = kt_id_dev(test, 0, "ktid2");
	struct device *new;
	char *name, *other;
	char expected[128];

	name = ifreg_kt_register(test, old, &g, NULL);
	KUNIT_ASSERT_EQ(test, device_rename(old, "ktid3"), 0);
	new = kt_id_dev(test, 0, "ktid2");

	other = ifreg_kt_register(test, new, &g, NULL);
	snprintf(expected, sizeof(expected), "\\??\\IFREG_KT_ID#ktid2&2#{%pUl}", &g);
	KUNIT_EXPECT_STREQ(test, other, expected);
	KUNIT_EXPECT_STRNEQ(test, other, name);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, old, name));
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, new, other));
	KUNIT_EXPECT_FALSE(test, ifreg_kt_listed_on(test, &g, new, name));
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), 0);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(other, true), 0);
	device_unregister(new);
	device_unregister(old);
}

/*
 * A registration whose device is gone binds only to a device where that
 * one was: not to one of the same name elsewhere, which gets a name of its
 * own, but to the one that comes back in the same place.
 */
static void waiting_binds_only_the_same_device(struct kunit *test)
{
	guid_t g = ifreg_kt_guid(test, 0);
	struct device *dev = kt_id_dev(test, 0, "ktid4");
	struct device *elsewhere, *back;
	char *name, *other;

	name = ifreg_kt_register(test, dev, &g, NULL);
	device_unregister(dev);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), -ENODEV);

	elsewhere = kt_id_dev(test, 1, "ktid4");
	KUNIT_EXPECT_FALSE(test, ifreg_kt_listed_on(test, &g, elsewhere, name));
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), -ENODEV);
	other = ifreg_kt_register(test, elsewhere, &g, NULL);
	KUNIT_EXPECT_STRNEQ(test, other, name);
	/* A class has one device of a name at a time. */
	device_unregister(elsewhere);

	back = kt_id_dev(test, 0, "ktid4");
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, back, name));
	kt_id_again(test, back, &g, NULL, name);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), 0);
	device_unregister(back);
}

/* A registration made as its device is being deleted. */
static struct {
	struct notifier_block nb;
	struct device *dev;
	guid_t class;
	char *link;
	int registered;
} kt_race;

static int kt_race_notify(struct notifier_block *nb, unsigned long action,
			  void *data)
{
	/* ifreg's own watch has been told already: it came first. */
	if (action == BUS_NOTIFY_DEL_DEVICE && data == kt_race.dev)
		kt_race.registered = ifreg_register_interface(kt_race.dev,
							      &kt_race.class,
							      NULL, &kt_race.link);
	return NOTIFY_DONE;
}

/* A bus of its own, const where the kernel's own are (6.1 writes it). */
static typeof(platform_bus_type) kt_race_bus = {
	.name = "ifreg_kt_race",
};

/*
 * The driver core has said the device is going, device_is_registered() is
 * still true: a registration then ends unbound, and ifreg holds no
 * reference to the dying device.
 */
static void register_racing_deletion_ends_unbound(struct kunit *test)
{
	struct device *first, *dev;
	guid_t g = ifreg_kt_guid(test, 0);

	memset(&kt_race, 0, sizeof(kt_race));
	kt_race.class = ifreg_kt_guid(test, 1);
	kt_race.nb.notifier_call = kt_race_notify;
	KUNIT_ASSERT_EQ(test, bus_register(&kt_race_bus), 0);

	/* A first registration on the bus, so that ifreg watches it. */
	first = kzalloc(sizeof(*first), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, first);
	device_initialize(first);
	first->bus = &kt_race_bus;
	first->release = ifreg_kt_release_kfree;
	dev_set_name(first, "ktrace0");
	KUNIT_ASSERT_EQ(test, device_add(first), 0);
	ifreg_kt_register(test, first, &g, NULL);
	KUNIT_ASSERT_EQ(test, bus_register_notifier(&kt_race_bus, &kt_race.nb), 0);

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	device_initialize(dev);
	dev->bus = &kt_race_bus;
	dev->release = ifreg_kt_release_kfree;
	dev_set_name(dev, "ktrace1");
	KUNIT_ASSERT_EQ(test, device_add(dev), 0);
	kt_race.dev = get_device(dev);
	device_unregister(dev);
	ifreg_watch_flush();

	/* The case's own reference is the last. */
	KUNIT_EXPECT_EQ(test, kref_read(&dev->kobj.kref), 1);
	put_device(dev);
	KUNIT_EXPECT_GE(test, kt_race.registered, 0);
	if (kt_race.registered >= 0 && kt_race.link) {
		KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(kt_race.link, true),
				-ENODEV);
		KUNIT_EXPECT_EQ(test, ifreg_remove_interface(kt_race.link), 0);
	}
	kfree(kt_race.link);

	bus_unregister_notifier(&kt_race_bus, &kt_race.nb);
	device_unregister(first);
	bus_unregister(&kt_race_bus);
}

static struct kunit_case ifreg_identity_cases[] = {
	KUNIT_CASE(rename_keeps_the_registration),
	KUNIT_CASE(rename_to_a_shorter_name_gives_the_whole_name),
	KUNIT_CASE(renamed_device_finds_each_instance_by_its_name),
	KUNIT_CASE(new_device_with_a_taken_name_is_new),
	KUNIT_CASE(waiting_binds_only_the_same_device),
	KUNIT_CASE(register_racing_deletion_ends_unbound),
	{}
};

static struct kunit_suite ifreg_identity_suite = {
	.name = "ifreg_identity",
	.suite_init = identity_suite_init,
	.suite_exit = identity_suite_exit,
	.init = ifreg_kt_init,
	.exit = ifreg_kt_exit,
	.test_cases = ifreg_identity_cases,
};

kunit_test_suite(ifreg_identity_suite);
