// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_registry: register, set state, list, alias and default
 * interface, row by row of the contract (Documentation/contract.rst
 * section 1), every return code, on the module's real registry and real
 * platform devices.
 */

#include <kunit/test.h>
#include <linux/ctype.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "notify.h"
#include "registry.h"
#include "util.h"

static char *expected_name(struct kunit *test, const char *dev, const guid_t *g,
			   const char *ref)
{
	char *s = kunit_kzalloc(test, 300, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	snprintf(s, 300, "\\??\\PLATFORM#%s#{%pUl}%s%s", dev, g,
		 ref ? "\\" : "", ref ?: "");
	return s;
}

/* The name is \??\<SUBSYSTEM>#<dev_name>#{guid} and registering returns 0. */
static void register_gives_windows_name(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 1);
	guid_t g = ifreg_kt_guid(test, 0);
	char *name;

	name = ifreg_kt_register(test, &pd->dev, &g, NULL);
	KUNIT_EXPECT_STREQ(test, name, expected_name(test, "ifreg-kunit.1", &g, NULL));
}

/* A reference string becomes a last path component. */
static void register_appends_reference(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 2);
	guid_t g = ifreg_kt_guid(test, 0);
	char *name;

	name = ifreg_kt_register(test, &pd->dev, &g, "Ref One");
	KUNIT_EXPECT_STREQ(test, name, expected_name(test, "ifreg-kunit.2", &g, "Ref One"));
}

/* The same (pdo, class, reference) again is IFREG_EXISTS with the same name. */
static void register_again_is_exists_with_same_name(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 3);
	guid_t g = ifreg_kt_guid(test, 0);
	char *first, *again = NULL;

	first = ifreg_kt_register(test, &pd->dev, &g, NULL);
	KUNIT_ASSERT_EQ(test, ifreg_register_interface(&pd->dev, &g, NULL, &again),
			IFREG_EXISTS);
	KUNIT_EXPECT_STREQ(test, again, first);
	kfree(again);
}

/* Bad PDOs, bad references and NULLs are -EINVAL and register nothing. */
static void register_rejects_bad_input(struct kunit *test)
{
	static const char * const bad_refs[] = {
		"", "a/b", "a\\b", "tab\there", "\x7f", "caf\xc3\xa9",
	};
	struct platform_device *pd = ifreg_kt_pdev(test, 4);
	guid_t g = ifreg_kt_guid(test, 0);
	struct device *root, *unregistered;
	char *name = NULL, *list;
	char long_ref[300];
	int i;

	KUNIT_EXPECT_EQ(test, ifreg_register_interface(NULL, &g, NULL, &name), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_register_interface(&pd->dev, NULL, NULL, &name), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_register_interface(&pd->dev, &g, NULL, NULL), -EINVAL);

	/* Initialised but never added. */
	unregistered = kzalloc(sizeof(*unregistered), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, unregistered);
	device_initialize(unregistered);
	unregistered->release = ifreg_kt_release_kfree;
	unregistered->bus = pd->dev.bus;
	KUNIT_EXPECT_EQ(test, ifreg_register_interface(unregistered, &g, NULL, &name),
			-EINVAL);
	put_device(unregistered);

	/* Registered, but on no bus and in no class: no instance path. */
	root = __root_device_register("ifreg-kunit-root", NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(root));
	KUNIT_EXPECT_EQ(test, ifreg_register_interface(root, &g, NULL, &name), -EINVAL);
	root_device_unregister(root);

	for (i = 0; i < ARRAY_SIZE(bad_refs); i++)
		KUNIT_EXPECT_EQ_MSG(test, ifreg_register_interface(&pd->dev, &g, bad_refs[i],
								   &name),
				    -EINVAL, "reference %d accepted", i);
	memset(long_ref, 'x', sizeof(long_ref) - 1);
	long_ref[sizeof(long_ref) - 1] = '\0';
	KUNIT_EXPECT_EQ(test, ifreg_register_interface(&pd->dev, &g, long_ref, &name),
			-EINVAL);
	KUNIT_EXPECT_NULL(test, name);

	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&g, NULL, IFREG_INCLUDE_NONACTIVE,
						   &list), 0);
	KUNIT_EXPECT_EQ(test, ifreg_kt_count(list), 0);
	kfree(list);
}

/* Registration does not enable: listed only with IFREG_INCLUDE_NONACTIVE. */
static void register_does_not_enable(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 5);
	guid_t g = ifreg_kt_guid(test, 0);
	char *name, *list;

	name = ifreg_kt_register(test, &pd->dev, &g, NULL);
	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&g, NULL, 0, &list), 0);
	KUNIT_EXPECT_EQ(test, ifreg_kt_count(list), 0);
	kfree(list);
	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&g, NULL, IFREG_INCLUDE_NONACTIVE,
						   &list), 0);
	KUNIT_EXPECT_EQ(test, ifreg_kt_count(list), 1);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed(list, name));
	kfree(list);
	KUNIT_EXPECT_FALSE(test, ifreg_kt_has_link(&g, name + 4));
}

/* Enable is 0, then IFREG_EXISTS; disable is 0, then -ENOENT. */
static void set_state_return_codes(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 6);
	guid_t g = ifreg_kt_guid(test, 0);
	char *name;

	name = ifreg_kt_register(test, &pd->dev, &g, NULL);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, false), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), 0);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), IFREG_EXISTS);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, false), 0);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, false), -ENOENT);
}

/* Names nobody registered are -ENOENT everywhere; NULL is -EINVAL. */
static void unknown_names_are_enoent(struct kunit *test)
{
	static const char * const unknown[] = {
		"\\??\\PLATFORM#nobody#{00000000-0000-0000-0000-000000000000}",
		"PLATFORM#no-prefix",
		"\\??\\",
		"",
	};
	guid_t g = ifreg_kt_guid(test, 0);
	char *out = NULL;
	size_t size = 0;
	int i;

	for (i = 0; i < ARRAY_SIZE(unknown); i++) {
		KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(unknown[i], true), -ENOENT);
		KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(unknown[i], false), -ENOENT);
		KUNIT_EXPECT_EQ(test, ifreg_get_interface_alias(unknown[i], &g, &out), -ENOENT);
		KUNIT_EXPECT_EQ(test, ifreg_set_default_interface(unknown[i]), -ENOENT);
		KUNIT_EXPECT_EQ(test, ifreg_remove_interface(unknown[i]), -ENOENT);
		KUNIT_EXPECT_EQ(test, ifreg_get_interface_value(unknown[i], "v", NULL,
								&size, NULL), -ENOENT);
	}
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(NULL, true), -EINVAL);
	KUNIT_EXPECT_NULL(test, out);
}

/* Lookups ignore letter case and take user mode's \\?\ prefix. */
static void lookup_ignores_case_and_takes_user_prefix(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 7);
	guid_t g = ifreg_kt_guid(test, 0);
	char *name, *other;
	int i;

	name = ifreg_kt_register(test, &pd->dev, &g, "Ref");
	other = kunit_kzalloc(test, strlen(name) + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, other);
	for (i = 0; name[i]; i++)
		other[i] = tolower(name[i]);
	other[1] = '\\';		/* "\\?\..." */
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(other, true), 0);
	for (i = 0; name[i]; i++)
		other[i] = toupper(name[i]);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(other, true), IFREG_EXISTS);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(other, false), 0);
}

/* Lists filter by PDO and state, put the default first, and are empty otherwise. */
static void list_filters_and_orders(struct kunit *test)
{
	struct platform_device *a = ifreg_kt_pdev(test, 8), *b = ifreg_kt_pdev(test, 9);
	guid_t g = ifreg_kt_guid(test, 0), never = ifreg_kt_guid(test, 1);
	char *na, *nb, *nb2, *list;

	na = ifreg_kt_register(test, &a->dev, &g, NULL);
	nb = ifreg_kt_register(test, &b->dev, &g, NULL);
	nb2 = ifreg_kt_register(test, &b->dev, &g, "second");
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(na, true), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(nb, true), 0);

	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&g, NULL, 0, &list), 0);
	KUNIT_EXPECT_EQ(test, ifreg_kt_count(list), 2);
	KUNIT_EXPECT_STREQ(test, list, na);
	kfree(list);

	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&g, &b->dev, IFREG_INCLUDE_NONACTIVE,
						   &list), 0);
	KUNIT_EXPECT_EQ(test, ifreg_kt_count(list), 2);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed(list, nb));
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed(list, nb2));
	kfree(list);

	KUNIT_ASSERT_EQ(test, ifreg_set_default_interface(nb2), 0);
	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&g, NULL, IFREG_INCLUDE_NONACTIVE,
						   &list), 0);
	KUNIT_EXPECT_EQ(test, ifreg_kt_count(list), 3);
	KUNIT_EXPECT_STREQ(test, list, nb2);
	kfree(list);

	/* A disabled default is not listed without IFREG_INCLUDE_NONACTIVE. */
	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&g, NULL, 0, &list), 0);
	KUNIT_EXPECT_FALSE(test, ifreg_kt_listed(list, nb2));
	kfree(list);

	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&never, NULL, IFREG_INCLUDE_NONACTIVE,
						   &list), 0);
	KUNIT_EXPECT_EQ(test, list[0], '\0');
	kfree(list);

	KUNIT_EXPECT_EQ(test, ifreg_get_interfaces(NULL, NULL, 0, &list), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_get_interfaces(&g, NULL, 0x80, &list), -EINVAL);
}

/*
 * The enabled list is in order of registration whatever the order of
 * enabling, disabling and enabling again, the default first: the same
 * list as every instance's, with the disabled ones left out.
 */
static void list_of_enabled_keeps_registration_order(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 97);
	guid_t g = ifreg_kt_guid(test, 0);
	static const char * const refs[] = { "r0", "r1", "r2", "r3", "r4" };
	/* Enabled in this order; then 2 is disabled and enabled again. */
	static const int order[] = { 3, 0, 4, 2 };
	char *names[ARRAY_SIZE(refs)], *list, *p;
	int i, want[] = { 0, 2, 3, 4 };

	for (i = 0; i < ARRAY_SIZE(refs); i++)
		names[i] = ifreg_kt_register(test, &pd->dev, &g, refs[i]);
	for (i = 0; i < ARRAY_SIZE(order); i++)
		KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(names[order[i]], true), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(names[2], false), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(names[2], true), 0);

	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&g, NULL, 0, &list), 0);
	KUNIT_EXPECT_EQ(test, ifreg_kt_count(list), ARRAY_SIZE(want));
	for (i = 0, p = list; *p && i < ARRAY_SIZE(want); i++, p += strlen(p) + 1)
		KUNIT_EXPECT_STREQ(test, p, names[want[i]]);
	kfree(list);

	/* The default first, the others still in order; on its PDO too. */
	KUNIT_ASSERT_EQ(test, ifreg_set_default_interface(names[3]), 0);
	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&g, &pd->dev, 0, &list), 0);
	KUNIT_EXPECT_EQ(test, ifreg_kt_count(list), ARRAY_SIZE(want));
	want[0] = 3;
	want[1] = 0;
	want[2] = 2;
	for (i = 0, p = list; *p && i < ARRAY_SIZE(want); i++, p += strlen(p) + 1)
		KUNIT_EXPECT_STREQ(test, p, names[want[i]]);
	kfree(list);

	/* A disabled one leaves the list; removed, it leaves both. */
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(names[0], false), 0);
	KUNIT_ASSERT_EQ(test, ifreg_remove_interface(names[0]), 0);
	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&g, NULL, 0, &list), 0);
	KUNIT_EXPECT_EQ(test, ifreg_kt_count(list), 3);
	KUNIT_EXPECT_FALSE(test, ifreg_kt_listed(list, names[0]));
	kfree(list);
	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&g, NULL, IFREG_INCLUDE_NONACTIVE,
						   &list), 0);
	KUNIT_EXPECT_EQ(test, ifreg_kt_count(list), 4);
	KUNIT_EXPECT_STREQ(test, list, names[3]);
	kfree(list);
}

/* The alias is the same device's instance of the other class, same reference. */
static void alias_matches_device_and_reference(struct kunit *test)
{
	struct platform_device *a = ifreg_kt_pdev(test, 10), *b = ifreg_kt_pdev(test, 11);
	guid_t g1 = ifreg_kt_guid(test, 1), g2 = ifreg_kt_guid(test, 2);
	guid_t g3 = ifreg_kt_guid(test, 3);
	char *a1, *a1r, *a2, *a2r, *out = NULL;

	a1 = ifreg_kt_register(test, &a->dev, &g1, NULL);
	a1r = ifreg_kt_register(test, &a->dev, &g1, "r");
	a2 = ifreg_kt_register(test, &a->dev, &g2, NULL);
	a2r = ifreg_kt_register(test, &a->dev, &g2, "R");
	ifreg_kt_register(test, &b->dev, &g3, NULL);

	KUNIT_ASSERT_EQ(test, ifreg_get_interface_alias(a1, &g2, &out), 0);
	KUNIT_EXPECT_STREQ(test, out, a2);
	kfree(out);
	KUNIT_ASSERT_EQ(test, ifreg_get_interface_alias(a1r, &g2, &out), 0);
	KUNIT_EXPECT_STREQ(test, out, a2r);
	kfree(out);
	out = NULL;
	/* Class g3 exists, but only on another device. */
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_alias(a1, &g3, &out), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_alias(a1, NULL, &out), -EINVAL);
	KUNIT_EXPECT_NULL(test, out);
}

/* An enabled instance has a device in class ifreg under its PDO and a link. */
static void enable_shows_device_and_link(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 12);
	guid_t g = ifreg_kt_guid(test, 0);
	char *name, *devname;

	name = ifreg_kt_register(test, &pd->dev, &g, "r");
	devname = ifreg_kt_strdup(test, name + 4);
	strreplace(devname, '\\', '#');

	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_has_child(&pd->dev, devname));
	KUNIT_EXPECT_TRUE(test, ifreg_kt_has_link(&g, devname));

	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, false), 0);
	KUNIT_EXPECT_FALSE(test, ifreg_kt_has_child(&pd->dev, devname));
	KUNIT_EXPECT_FALSE(test, ifreg_kt_has_link(&g, devname));
}

/*
 * A list is one kmalloc() block: one longer than kmalloc() gives
 * (KMALLOC_MAX_SIZE, lowered here to three names' worth) is -ENOMEM,
 * with nothing leaked; shorter lists of the same class are still given.
 */
static void list_over_kmalloc_max_is_enomem(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 127);
	size_t saved = ifreg_list_max;
	guid_t g = ifreg_kt_guid(test, 0);
	char *name, *list = NULL;
	int i;

	KUNIT_EXPECT_EQ(test, ifreg_list_max, (size_t)KMALLOC_MAX_SIZE);
	for (i = 0; i < 4; i++) {
		char ref[2] = { 'a' + i, '\0' };

		name = ifreg_kt_register(test, &pd->dev, &g, ref);
	}
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	/* Three names and the list's last NUL: the four do not fit. */
	ifreg_list_max = 3 * (strlen(name) + 1) + 1;
	KUNIT_EXPECT_EQ(test, ifreg_get_interfaces(&g, NULL, IFREG_INCLUDE_NONACTIVE,
						   &list), -ENOMEM);
	KUNIT_EXPECT_NULL(test, list);
	KUNIT_EXPECT_EQ(test, ifreg_get_interfaces(&g, NULL, 0, &list), 0);
	ifreg_list_max = saved;
	KUNIT_EXPECT_EQ(test, ifreg_kt_count(list), 1);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_listed(list, name));
	kfree(list);
	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&g, NULL, IFREG_INCLUDE_NONACTIVE,
						   &list), 0);
	KUNIT_EXPECT_EQ(test, ifreg_kt_count(list), 4);
	kfree(list);
}

/* The caps are -ENOSPC and register nothing. */
static void caps_are_enospc(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 13);
	unsigned int saved = ifreg_max_instances_per_class;
	guid_t g = ifreg_kt_guid(test, 0);
	char *name = NULL, *list;

	ifreg_kt_register(test, &pd->dev, &g, "1");
	ifreg_max_instances_per_class = 1;
	KUNIT_EXPECT_EQ(test, ifreg_register_interface(&pd->dev, &g, "2", &name), -ENOSPC);
	/* A registration that exists is still found at the cap. */
	KUNIT_EXPECT_EQ(test, ifreg_register_interface(&pd->dev, &g, "1", &name),
			IFREG_EXISTS);
	ifreg_max_instances_per_class = saved;
	kfree(name);

	saved = ifreg_max_instances;
	ifreg_max_instances = 0;
	name = NULL;
	KUNIT_EXPECT_EQ(test, ifreg_register_interface(&pd->dev, &g, "3", &name), -ENOSPC);
	ifreg_max_instances = saved;
	KUNIT_EXPECT_NULL(test, name);

	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&g, NULL, IFREG_INCLUDE_NONACTIVE,
						   &list), 0);
	KUNIT_EXPECT_EQ(test, ifreg_kt_count(list), 1);
	kfree(list);
}

/*
 * Removing an enabled registration is -EBUSY and changes nothing; once
 * disabled it is forgotten.
 */
static void remove_refuses_enabled_then_forgets(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 14);
	guid_t g = ifreg_kt_guid(test, 0);
	struct kt_log *log;
	char *name, *list;

	name = ifreg_kt_register(test, &pd->dev, &g, NULL);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	log = ifreg_kt_subscribe(test, &g, 0);
	KUNIT_EXPECT_EQ(test, ifreg_remove_interface(name), -EBUSY);
	ifreg_notify_flush();
	KUNIT_EXPECT_EQ(test, log->n, 0);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_has_link(&g, name + 4));
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), IFREG_EXISTS);

	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, false), 0);
	KUNIT_EXPECT_EQ(test, ifreg_remove_interface(name), 0);
	ifreg_notify_flush();
	KUNIT_EXPECT_EQ(test, log->n, 1);
	KUNIT_EXPECT_EQ(test, log->ev[0].event, IFREG_REMOVAL);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, true), -ENOENT);
	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(&g, NULL, IFREG_INCLUDE_NONACTIVE,
						   &list), 0);
	KUNIT_EXPECT_EQ(test, ifreg_kt_count(list), 0);
	kfree(list);
	KUNIT_EXPECT_EQ(test, ifreg_remove_interface(name), -ENOENT);
}

/*
 * The longest name a sysfs entry takes (255 characters without the prefix)
 * registers and enables, and its uevent, with the device path and the
 * core's own variables, fits the uevent buffer; one more is -EINVAL.
 */
static void longest_name_fits_sysfs_and_uevent(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 16);
	guid_t g = ifreg_kt_guid(test, 0);
	char ref[NAME_MAX + 1], *name, *devname, *path, *longer = NULL;
	struct kobj_uevent_env *env;
	struct device *dev;
	size_t fixed;

	/* "PLATFORM#ifreg-kunit.16#{guid}\" comes before the reference. */
	fixed = strlen("PLATFORM#ifreg-kunit.16#") + IFREG_GUID_STRLEN + 1;
	memset(ref, 'r', sizeof(ref));
	ref[NAME_MAX - fixed] = '\0';
	name = ifreg_kt_register(test, &pd->dev, &g, ref);
	KUNIT_EXPECT_EQ(test, strlen(name), 4 + NAME_MAX);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);

	devname = ifreg_kt_strdup(test, name + 4);
	strreplace(devname, '\\', '#');
	dev = device_find_child_by_name(&pd->dev, devname);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	env = kunit_kzalloc(test, sizeof(*env), GFP_KERNEL);
	path = kobject_get_path(&dev->kobj, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, env);
	KUNIT_ASSERT_NOT_NULL(test, path);
	KUNIT_EXPECT_EQ(test, dev->class->dev_uevent(dev, env), 0);
	/* ACTION, DEVPATH, SUBSYSTEM, SEQNUM and the rest take under 128. */
	KUNIT_EXPECT_LT(test, env->buflen + strlen("DEVPATH=") + strlen(path) + 128,
			(size_t)UEVENT_BUFFER_SIZE);
	kfree(path);
	put_device(dev);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, false), 0);

	ref[NAME_MAX - fixed] = 'r';
	ref[NAME_MAX - fixed + 1] = '\0';
	KUNIT_EXPECT_EQ(test, ifreg_register_interface(&pd->dev, &g, ref, &longer), -EINVAL);
	KUNIT_EXPECT_NULL(test, longer);
}

/*
 * A device without an instance path ifreg can use is no PDO (-EINVAL): an
 * instance's own device, a device named with a '\'.
 */
static void register_refuses_devices_without_instance_path(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 17), *odd;
	guid_t g = ifreg_kt_guid(test, 0);
	char *name, *devname, *out = NULL;
	struct device *dev;

	name = ifreg_kt_register(test, &pd->dev, &g, NULL);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	devname = ifreg_kt_strdup(test, name + 4);
	strreplace(devname, '\\', '#');
	dev = device_find_child_by_name(&pd->dev, devname);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_EQ(test, ifreg_register_interface(dev, &g, NULL, &out), -EINVAL);
	put_device(dev);

	odd = platform_device_register_simple("ifreg\\kunit", 17, NULL, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(odd));
	KUNIT_EXPECT_EQ(test, ifreg_register_interface(&odd->dev, &g, NULL, &out), -EINVAL);
	platform_device_unregister(odd);
	KUNIT_EXPECT_NULL(test, out);
}

/* Every call refuses NULL where it needs a value, with -EINVAL. */
static void null_arguments_are_einval(struct kunit *test)
{
	struct ifreg_devpropkey key = { .fmtid = ifreg_kt_guid(test, 9), .pid = 1 };
	struct platform_device *pd = ifreg_kt_pdev(test, 15);
	guid_t g = ifreg_kt_guid(test, 0);
	char *name, *out = NULL;
	size_t size = 0;
	u32 type;

	name = ifreg_kt_register(test, &pd->dev, &g, NULL);
	KUNIT_EXPECT_EQ(test, ifreg_set_default_interface(NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_remove_interface(NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_get_interfaces(&g, NULL, 0, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_alias(NULL, &g, &out), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_alias(name, &g, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_property(name, &key, NULL, NULL, &size,
							   NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_property(name, NULL, &type, NULL, &size,
							   NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_value(name, NULL, NULL, &size, NULL),
			-EINVAL);
	KUNIT_EXPECT_NULL(test, out);
}

static struct kunit_case ifreg_registry_cases[] = {
	KUNIT_CASE(register_gives_windows_name),
	KUNIT_CASE(register_appends_reference),
	KUNIT_CASE(register_again_is_exists_with_same_name),
	KUNIT_CASE(register_rejects_bad_input),
	KUNIT_CASE(register_does_not_enable),
	KUNIT_CASE(set_state_return_codes),
	KUNIT_CASE(unknown_names_are_enoent),
	KUNIT_CASE(lookup_ignores_case_and_takes_user_prefix),
	KUNIT_CASE(list_filters_and_orders),
	KUNIT_CASE(list_of_enabled_keeps_registration_order),
	KUNIT_CASE(alias_matches_device_and_reference),
	KUNIT_CASE(enable_shows_device_and_link),
	KUNIT_CASE(caps_are_enospc),
	KUNIT_CASE(list_over_kmalloc_max_is_enomem),
	KUNIT_CASE(remove_refuses_enabled_then_forgets),
	KUNIT_CASE(null_arguments_are_einval),
	KUNIT_CASE(register_refuses_devices_without_instance_path),
	KUNIT_CASE(longest_name_fits_sysfs_and_uevent),
	{}
};

static struct kunit_suite ifreg_registry_suite = {
	.name = "ifreg_registry",
	.init = ifreg_kt_init,
	.exit = ifreg_kt_exit,
	.test_cases = ifreg_registry_cases,
};

kunit_test_suite(ifreg_registry_suite);
