// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_restore: registrations restored from a saved store
 * (Documentation/contract.rst section 3.2). They get the names a device
 * registration gives, exist without their PDO, and are bound when their
 * device is there at restore, when it is added later on a watched bus or
 * class, or when its driver registers again; removal unbinds them as any
 * other.
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "netlink.h"
#include "notify.h"
#include "registry.h"
#include "util.h"

/* Restore, expecting @expect; ifreg_kt_exit() removes what it names. */
static char *restore(struct kunit *test, const char *path, const guid_t *g,
		     const char *ref, const char *sysfs, int expect)
{
	struct kt *kt = test->priv;
	char *name = NULL;

	KUNIT_ASSERT_EQ(test, ifreg_restore_interface(path, g, ref, sysfs, &name),
			expect);
	KUNIT_ASSERT_NOT_NULL(test, name);
	KUNIT_ASSERT_LT(test, kt->n_names, KT_MAX);
	kt->names[kt->n_names++] = name;
	return name;
}

/* "/sys/devices/..." of a device, freed with the case. */
static char *sysfs_path(struct kunit *test, struct device *dev)
{
	char *path = kobject_get_path(&dev->kobj, GFP_KERNEL), *sys;

	KUNIT_ASSERT_NOT_NULL(test, path);
	sys = kunit_kzalloc(test, strlen(path) + 5, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sys);
	sprintf(sys, "/sys%s", path);
	kfree(path);
	return sys;
}

/*
 * A restored registration has exactly the name the device's registration
 * had, exists without a PDO, and cannot be enabled (-ENODEV).
 */
static void restore_gives_the_name_registration_gives(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 70);
	guid_t g = ifreg_kt_guid(test, 0);
	char *registered = NULL, *name;

	KUNIT_ASSERT_EQ(test, ifreg_register_interface(&pd->dev, &g, "Ref", &registered), 0);
	KUNIT_ASSERT_EQ(test, ifreg_remove_interface(registered), 0);

	name = restore(test, "PLATFORM\\ifreg-kunit.70", &g, "Ref", NULL, 0);
	KUNIT_EXPECT_STREQ(test, name, registered);
	kfree(registered);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, NULL, name));
	KUNIT_EXPECT_FALSE(test, ifreg_kt_listed_on(test, &g, &pd->dev, name));
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), -ENODEV);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, false), -ENOENT);
}

/* Restoring what exists, restored or registered, is IFREG_EXISTS, same name. */
static void restore_again_is_exists_with_same_name(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 72);
	guid_t g = ifreg_kt_guid(test, 0);
	char *first, *again, *registered;

	first = restore(test, "PLATFORM\\ifreg-kunit.71", &g, NULL, NULL, 0);
	again = restore(test, "PLATFORM\\ifreg-kunit.71", &g, NULL, NULL, IFREG_EXISTS);
	KUNIT_EXPECT_STREQ(test, again, first);
	/* Names compare in any letter case; the first spelling stays. */
	again = restore(test, "PLATFORM\\IFREG-KUNIT.71", &g, NULL, NULL, IFREG_EXISTS);
	KUNIT_EXPECT_STREQ(test, again, first);

	registered = ifreg_kt_register(test, &pd->dev, &g, NULL);
	again = restore(test, "PLATFORM\\ifreg-kunit.72", &g, NULL, NULL, IFREG_EXISTS);
	KUNIT_EXPECT_STREQ(test, again, registered);
	/* Still bound to its device. */
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, &pd->dev, registered));
}

/* What no device could have as instance path or reference is -EINVAL. */
static void restore_rejects_bad_paths_and_references(struct kunit *test)
{
	static const char * const bad_paths[] = {
		"", "PLATFORM", "PLATFORM\\", "\\dev", "platform\\dev",
		"Platform\\dev", "PLAT FORM\\dev", "PLAT#FORM\\dev",
		"PLAT/FORM\\dev", "PLATFORM\\a\\b", "PLATFORM\\a/b",
		"PLATFORM\\tab\there", "PLATFORM\\del\x7f", "PLATFORM\\new\nline",
		"PLAT\xc3\x89\\dev", "\\??\\PLATFORM#dev",
	};
	static const char * const bad_refs[] = {
		"", "a/b", "a\\b", "tab\there", "\x7f", "caf\xc3\xa9",
	};
	guid_t g = ifreg_kt_guid(test, 0);
	char path[NAME_MAX + 2], *name = NULL, *list;
	size_t len;
	int i;

	for (i = 0; i < ARRAY_SIZE(bad_paths); i++)
		KUNIT_EXPECT_EQ_MSG(test, ifreg_restore_interface(bad_paths[i], &g, NULL,
								  NULL, &name),
				    -EINVAL, "path %d accepted", i);
	for (i = 0; i < ARRAY_SIZE(bad_refs); i++)
		KUNIT_EXPECT_EQ_MSG(test, ifreg_restore_interface("PLATFORM\\dev", &g,
								  bad_refs[i], NULL, &name),
				    -EINVAL, "reference %d accepted", i);
	KUNIT_EXPECT_EQ(test, ifreg_restore_interface(NULL, &g, NULL, NULL, &name), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_restore_interface("PLATFORM\\dev", NULL, NULL, NULL,
						      &name), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_restore_interface("PLATFORM\\dev", &g, NULL, NULL, NULL),
			-EINVAL);

	/* The name without "\??\" is the path, '#', the GUID: 255 at most. */
	len = NAME_MAX - 1 - IFREG_GUID_STRLEN;
	memset(path, 'x', sizeof(path));
	memcpy(path, "PLATFORM\\", 9);
	path[len + 1] = '\0';
	KUNIT_EXPECT_EQ(test, ifreg_restore_interface(path, &g, NULL, NULL, &name), -EINVAL);
	path[NAME_MAX + 1] = '\0';
	KUNIT_EXPECT_EQ(test, ifreg_restore_interface(path, &g, NULL, NULL, &name), -EINVAL);
	KUNIT_EXPECT_NULL(test, name);
	path[len] = '\0';
	name = restore(test, path, &g, NULL, NULL, 0);
	KUNIT_EXPECT_EQ(test, strlen(name), 4 + NAME_MAX);

	/* '#', spaces and UTF-8 are in device names (netdevs have them). */
	restore(test, "NET\\eth#1 x", &g, NULL, NULL, 0);
	restore(test, "NET\\caf\xc3\xa9", &g, NULL, NULL, 0);

	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&g, NULL, IFREG_INCLUDE_NONACTIVE,
						   &list), 0);
	KUNIT_EXPECT_EQ(test, ifreg_kt_count(list), 3);
	kfree(list);
}

/* The caps are -ENOSPC and restore nothing; what exists is still found. */
static void restore_caps_are_enospc(struct kunit *test)
{
	unsigned int saved = ifreg_max_instances_per_class;
	guid_t g = ifreg_kt_guid(test, 0);
	char *name = NULL, *list;

	restore(test, "PLATFORM\\ifreg-kunit.80", &g, NULL, NULL, 0);
	ifreg_max_instances_per_class = 1;
	KUNIT_EXPECT_EQ(test, ifreg_restore_interface("PLATFORM\\ifreg-kunit.81", &g, NULL,
						      NULL, &name), -ENOSPC);
	restore(test, "PLATFORM\\ifreg-kunit.80", &g, NULL, NULL, IFREG_EXISTS);
	ifreg_max_instances_per_class = saved;

	saved = ifreg_max_instances;
	ifreg_max_instances = 0;
	KUNIT_EXPECT_EQ(test, ifreg_restore_interface("PLATFORM\\ifreg-kunit.82", &g, NULL,
						      NULL, &name), -ENOSPC);
	ifreg_max_instances = saved;
	KUNIT_EXPECT_NULL(test, name);

	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&g, NULL, IFREG_INCLUDE_NONACTIVE,
						   &list), 0);
	KUNIT_EXPECT_EQ(test, ifreg_kt_count(list), 1);
	kfree(list);
}

/*
 * The device at the sysfs path is bound at restore when it has the
 * instance path, not otherwise; restoring a waiting one again with its
 * device's path binds it.
 */
static void restore_binds_the_device_that_is_there(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 73), *other = ifreg_kt_pdev(test, 74);
	guid_t g = ifreg_kt_guid(test, 0);
	char *name, *wrong, *gone, *later;

	name = restore(test, "PLATFORM\\ifreg-kunit.73", &g, NULL,
		       sysfs_path(test, &pd->dev), 0);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, &pd->dev, name));
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), 0);

	wrong = restore(test, "PLATFORM\\ifreg-kunit.173", &g, NULL,
			sysfs_path(test, &pd->dev), 0);
	KUNIT_EXPECT_FALSE(test, ifreg_kt_listed_on(test, &g, &pd->dev, wrong));
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(wrong, true), -ENODEV);
	gone = restore(test, "PLATFORM\\ifreg-kunit.175", &g, NULL,
		       "/sys/devices/platform/ifreg-kunit.175", 0);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(gone, true), -ENODEV);

	later = restore(test, "PLATFORM\\ifreg-kunit.74", &g, NULL, NULL, 0);
	KUNIT_EXPECT_FALSE(test, ifreg_kt_listed_on(test, &g, &other->dev, later));
	restore(test, "PLATFORM\\ifreg-kunit.74", &g, NULL,
		sysfs_path(test, &other->dev), IFREG_EXISTS);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, &other->dev, later));
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(later, true), 0);
}

/*
 * A device added later on a watched bus binds the instance waiting for it;
 * its deletion unbinds it as usual, and its return binds it again.
 */
static void device_added_later_on_watched_bus_binds(struct kunit *test)
{
	struct platform_device *watched = ifreg_kt_pdev(test, 76), *pd;
	guid_t g = ifreg_kt_guid(test, 0);
	struct kt_log *log;
	char *name;

	/* A registration on the platform bus makes ifreg watch it. */
	ifreg_kt_register(test, &watched->dev, &g, NULL);
	name = restore(test, "PLATFORM\\ifreg-kunit.77", &g, "r", NULL, 0);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), -ENODEV);

	pd = ifreg_kt_pdev(test, 77);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, &pd->dev, name));
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);

	log = ifreg_kt_subscribe(test, &g, 0);
	ifreg_kt_pdev_del(test, pd);
	ifreg_notify_flush();
	KUNIT_ASSERT_EQ(test, log->n, 1);
	KUNIT_EXPECT_EQ(test, log->ev[0].event, IFREG_REMOVAL);
	KUNIT_EXPECT_STREQ(test, log->ev[0].link, name);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), -ENODEV);

	pd = ifreg_kt_pdev(test, 77);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, &pd->dev, name));
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), 0);
}

static struct class kt_restore_class = {
	.name = "ifreg_kunit_restore",
};

static struct device *class_dev(struct kunit *test, const char *name)
{
	struct device *dev = kzalloc(sizeof(*dev), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, dev);
	device_initialize(dev);
	dev->class = &kt_restore_class;
	dev->release = ifreg_kt_release_kfree;
	dev_set_name(dev, "%s", name);
	KUNIT_ASSERT_EQ(test, device_add(dev), 0);
	return dev;
}

/* The same for a class device (no bus, like a netdev), through the class. */
static void device_added_later_in_watched_class_binds(struct kunit *test)
{
	guid_t g = ifreg_kt_guid(test, 0);
	struct device *first, *dev;
	char *name;

	KUNIT_ASSERT_EQ(test, class_register(&kt_restore_class), 0);
	first = class_dev(test, "kt1");
	ifreg_kt_register(test, first, &g, NULL);
	name = restore(test, "IFREG_KUNIT_RESTORE\\kt2", &g, NULL, NULL, 0);

	dev = class_dev(test, "kt2");
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, dev, name));
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), 0);
	device_unregister(dev);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, false), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), -ENODEV);

	device_unregister(first);
	class_unregister(&kt_restore_class);
}

/*
 * A driver registering a restored instance on its device (there before the
 * restore, so only the registration can bind it) gets IFREG_EXISTS and the
 * same name, and can enable it.
 */
static void driver_registering_restored_gets_exists(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 78);
	guid_t g = ifreg_kt_guid(test, 0);
	char *name, *again = NULL;

	name = restore(test, "PLATFORM\\ifreg-kunit.78", &g, "r", NULL, 0);
	KUNIT_EXPECT_FALSE(test, ifreg_kt_listed_on(test, &g, &pd->dev, name));
	KUNIT_ASSERT_EQ(test, ifreg_register_interface(&pd->dev, &g, "r", &again),
			IFREG_EXISTS);
	KUNIT_EXPECT_STREQ(test, again, name);
	kfree(again);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, &pd->dev, name));
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), 0);
}

/*
 * A waiting instance takes values, can be the default and be removed; a
 * removed one waits no more.
 */
static void waiting_instance_is_a_full_registration(struct kunit *test)
{
	struct platform_device *watched = ifreg_kt_pdev(test, 84), *pd;
	guid_t g = ifreg_kt_guid(test, 0);
	char *name, *other, *list;
	size_t size = 4;
	u32 v = 0;

	ifreg_kt_register(test, &watched->dev, &g, NULL);
	name = restore(test, "PLATFORM\\ifreg-kunit.79", &g, NULL, NULL, 0);
	other = restore(test, "PLATFORM\\ifreg-kunit.85", &g, NULL, NULL, 0);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_value(name, "v", "abcd", 4,
							IFREG_STORE_PERSISTENT), 0);
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_value(name, "v", &v, &size, NULL), 0);
	KUNIT_EXPECT_EQ(test, memcmp(&v, "abcd", 4), 0);
	KUNIT_EXPECT_EQ(test, ifreg_set_default_interface(name), 0);
	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&g, NULL, IFREG_INCLUDE_NONACTIVE,
						   &list), 0);
	KUNIT_EXPECT_STREQ(test, list, name);
	kfree(list);

	KUNIT_EXPECT_EQ(test, ifreg_remove_interface(name), 0);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), -ENOENT);
	pd = ifreg_kt_pdev(test, 79);
	KUNIT_EXPECT_FALSE(test, ifreg_kt_listed_on(test, &g, &pd->dev, name));
	/* The one still waiting is bound when its device comes. */
	pd = ifreg_kt_pdev(test, 85);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, &pd->dev, other));
}

/*
 * IFREG_F_CHECK asks that nothing change: a command that cannot only check
 * refuses the flag before its handler runs, rather than apply what was
 * meant to be checked; its other flags and no flags pass.
 */
static void check_flag_refused_where_it_would_be_ignored(struct kunit *test)
{
	struct ifreg_genl_doit_ops ops = { .cmd = IFREG_CMD_STORE_GET };
	struct nlattr *attrs[IFREG_A_MAX + 1] = {};
	struct genl_info info = { .attrs = attrs };
	struct {
		struct nlattr nla;
		u32 flags;
	} a = {
		.nla = { .nla_len = nla_attr_size(sizeof(u32)), .nla_type = IFREG_A_FLAGS },
	};

	KUNIT_EXPECT_EQ(test, ifreg_nl_family.pre_doit(&ops, NULL, &info), 0);
	attrs[IFREG_A_FLAGS] = &a.nla;
	a.flags = IFREG_F_INCLUDE_NONACTIVE;
	KUNIT_EXPECT_EQ(test, ifreg_nl_family.pre_doit(&ops, NULL, &info), 0);
	a.flags = IFREG_F_CHECK;
	KUNIT_EXPECT_EQ(test, ifreg_nl_family.pre_doit(&ops, NULL, &info), -EINVAL);
}

/*
 * The waiting are found (waiting.c) by instance path in any letter case,
 * several on one key, and after their PDO went, by its location: each
 * device added binds the registrations waiting for it and no other. The
 * devices are ifreg-kunit.@id, .@id+1 and .@id+2.
 */
static void kt_waiting_found(struct kunit *test, int id)
{
	struct platform_device *watched = ifreg_kt_pdev(test, id), *a, *b;
	guid_t g = ifreg_kt_guid(test, 0), h = ifreg_kt_guid(test, 1);
	char *a1, *a2, *b1, *ah, path[3][32];

	snprintf(path[0], sizeof(path[0]), "PLATFORM\\IFREG-KUNIT.%d", id + 1);
	snprintf(path[1], sizeof(path[1]), "PLATFORM\\ifreg-kunit.%d", id + 1);
	snprintf(path[2], sizeof(path[2]), "PLATFORM\\ifreg-kunit.%d", id + 2);
	ifreg_kt_register(test, &watched->dev, &g, NULL);
	a1 = restore(test, path[0], &g, "one", NULL, 0);
	a2 = restore(test, path[1], &g, "two", NULL, 0);
	b1 = restore(test, path[2], &g, "one", NULL, 0);

	a = ifreg_kt_pdev(test, id + 1);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, &a->dev, a1));
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, &a->dev, a2));
	KUNIT_EXPECT_FALSE(test, ifreg_kt_listed_on(test, &g, &a->dev, b1));
	ah = ifreg_kt_register(test, &a->dev, &h, NULL);

	/* Its PDO gone, all three wait for the device where it was. */
	ifreg_kt_pdev_del(test, a);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(a1, true), -ENODEV);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(ah, true), -ENODEV);
	b = ifreg_kt_pdev(test, id + 2);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, &b->dev, b1));
	KUNIT_EXPECT_FALSE(test, ifreg_kt_listed_on(test, &g, &b->dev, a1));
	KUNIT_EXPECT_FALSE(test, ifreg_kt_listed_on(test, &h, &b->dev, ah));

	a = ifreg_kt_pdev(test, id + 1);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, &a->dev, a1));
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, &a->dev, a2));
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &h, &a->dev, ah));
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(ah, true), 0);

	/* Removed while waiting, it is off the index: its device binds none. */
	ifreg_kt_pdev_del(test, b);
	KUNIT_EXPECT_EQ(test, ifreg_remove_interface(b1), 0);
	b = ifreg_kt_pdev(test, id + 2);
	KUNIT_EXPECT_FALSE(test, ifreg_kt_listed_on(test, &g, &b->dev, b1));
}

static void waiting_are_found_by_path_and_location(struct kunit *test)
{
	kt_waiting_found(test, 86);
}

/*
 * The same with every insert into the waiting tables failed: a walk of
 * the waiting finds them, by the same rules.
 */
static void unindexed_waiting_are_found_the_same(struct kunit *test)
{
	ifreg_test_hooks.unindexed = true;
	kt_waiting_found(test, 140);
	ifreg_test_hooks.unindexed = false;
}

/* What add_device_as_restore_looks() added. */
static struct platform_device *kt_raced;

/* The device comes just after the restore has looked for it. */
static void add_device_as_restore_looks(void)
{
	kt_raced = platform_device_register_simple("ifreg-kunit", 93, NULL, 0);
}

/*
 * A device added on a watched bus after a restore looked for it and
 * before the registration waits for it (its addition is heard of while
 * nothing waits for it) is bound all the same, and can be enabled.
 */
static void device_added_as_restore_looks_is_bound(struct kunit *test)
{
	struct platform_device *watched = ifreg_kt_pdev(test, 89);
	guid_t g = ifreg_kt_guid(test, 0);
	struct kt *kt = test->priv;
	char *name = NULL;
	int ret;

	/* The platform bus watched: the addition is heard of, too early. */
	ifreg_kt_register(test, &watched->dev, &g, NULL);
	kt_raced = NULL;
	ifreg_test_hooks.restore_looked = add_device_as_restore_looks;
	ret = ifreg_restore_interface("PLATFORM\\ifreg-kunit.93", &g, NULL,
				      "/sys/devices/platform/ifreg-kunit.93", &name);
	ifreg_test_hooks.restore_looked = NULL;
	/* Both for ifreg_kt_exit() to undo, before anything may stop the case. */
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(kt_raced));
	KUNIT_ASSERT_LT(test, kt->n_pdevs, KT_MAX);
	kt->pdevs[kt->n_pdevs++] = kt_raced;
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_ASSERT_LT(test, kt->n_names, KT_MAX);
	kt->names[kt->n_names++] = name;

	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, &kt_raced->dev, name));
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), 0);
}

/*
 * A device's name may hold '#', the character that joins an interface
 * name's parts (only the subsystem cannot): its interfaces are named with
 * it whole, and registered, enabled, aliased, left waiting and bound again
 * they are its own, never those of a device whose name differs only there.
 */
static void device_name_with_hash_is_its_own(struct kunit *test)
{
	struct platform_device *hash = ifreg_kt_pdev_named(test, "ifreg#kunit", 150);
	struct platform_device *plain;
	guid_t g = ifreg_kt_guid(test, 0), h = ifreg_kt_guid(test, 1);
	char *name, *other, *restored, *devname, *out = NULL, want[96];

	snprintf(want, sizeof(want), "\\??\\PLATFORM#ifreg#kunit.150#{%pUl}\\r", &g);
	name = ifreg_kt_register(test, &hash->dev, &g, "r");
	KUNIT_EXPECT_STREQ(test, name, want);
	KUNIT_EXPECT_EQ(test, ifreg_register_interface(&hash->dev, &g, "r", &out),
			IFREG_EXISTS);
	KUNIT_EXPECT_STREQ(test, out, name);
	kfree(out);
	out = NULL;
	other = ifreg_kt_register(test, &hash->dev, &h, "r");
	KUNIT_ASSERT_EQ(test, ifreg_get_interface_alias(name, &h, &out), 0);
	KUNIT_EXPECT_STREQ(test, out, other);
	kfree(out);

	devname = ifreg_kt_strdup(test, name + 4);
	strreplace(devname, '\\', '#');
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_has_child(&hash->dev, devname));
	KUNIT_EXPECT_TRUE(test, ifreg_kt_has_link(&g, devname));

	/* Restored by its path in another case: the same registration. */
	restore(test, "PLATFORM\\IFREG#KUNIT.150", &g, "r", NULL, IFREG_EXISTS);
	restored = restore(test, "PLATFORM\\ifreg#kunit.150", &g, "s",
			   sysfs_path(test, &hash->dev), 0);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, &hash->dev, restored));

	/* Its device gone, all wait; a device named otherwise binds none. */
	ifreg_kt_pdev_del(test, hash);
	KUNIT_EXPECT_FALSE(test, ifreg_kt_has_link(&g, devname));
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), -ENODEV);
	plain = ifreg_kt_pdev(test, 150);
	KUNIT_EXPECT_FALSE(test, ifreg_kt_listed_on(test, &g, &plain->dev, name));
	KUNIT_EXPECT_FALSE(test, ifreg_kt_listed_on(test, &g, &plain->dev, restored));
	KUNIT_EXPECT_FALSE(test, ifreg_kt_listed_on(test, &h, &plain->dev, other));

	hash = ifreg_kt_pdev_named(test, "ifreg#kunit", 150);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, &hash->dev, name));
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &g, &hash->dev, restored));
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed_on(test, &h, &hash->dev, other));
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), 0);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_has_child(&hash->dev, devname));
}

static struct kunit_case ifreg_restore_cases[] = {
	KUNIT_CASE(restore_gives_the_name_registration_gives),
	KUNIT_CASE(restore_again_is_exists_with_same_name),
	KUNIT_CASE(restore_rejects_bad_paths_and_references),
	KUNIT_CASE(restore_caps_are_enospc),
	KUNIT_CASE(restore_binds_the_device_that_is_there),
	KUNIT_CASE(device_added_later_on_watched_bus_binds),
	KUNIT_CASE(device_added_later_in_watched_class_binds),
	KUNIT_CASE(driver_registering_restored_gets_exists),
	KUNIT_CASE(waiting_instance_is_a_full_registration),
	KUNIT_CASE(waiting_are_found_by_path_and_location),
	KUNIT_CASE(unindexed_waiting_are_found_the_same),
	KUNIT_CASE(device_added_as_restore_looks_is_bound),
	KUNIT_CASE(device_name_with_hash_is_its_own),
	KUNIT_CASE(check_flag_refused_where_it_would_be_ignored),
	{}
};

static struct kunit_suite ifreg_restore_suite = {
	.name = "ifreg_restore",
	.init = ifreg_kt_init,
	.exit = ifreg_kt_exit,
	.test_cases = ifreg_restore_cases,
};

kunit_test_suite(ifreg_restore_suite);
