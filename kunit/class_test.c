// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_class: the interface-class table and its sysfs
 * directories. Each case gets a table of its own under
 * /sys/kernel/ifreg_kunit, apart from the module's real registry.
 */

#include <kunit/test.h>
#include <linux/kernfs.h>
#include <linux/kobject.h>

#include "class.h"

struct class_test {
	struct mutex lock;		/* the test table's registry lock */
	struct kobject *parent;
	struct ifreg_class_table table;
	bool live;
};

static guid_t test_guid(unsigned int n)
{
	return GUID_INIT(n, 0x1234, 0x5678, 0x9a, 0xbc, 0xde, 0xf0, 0x12, 0x34, 0x56, 0x78);
}

static bool has_entry(struct kobject *dir, const char *name)
{
	struct kernfs_node *kn = kernfs_find_and_get(dir->sd, name);

	kernfs_put(kn);
	return kn;
}

static int class_test_init(struct kunit *test)
{
	struct class_test *ct;
	int err;

	ct = kunit_kzalloc(test, sizeof(*ct), GFP_KERNEL);
	if (!ct)
		return -ENOMEM;
	test->priv = ct;
	ct->parent = kobject_create_and_add("ifreg_kunit", kernel_kobj);
	if (!ct->parent)
		return -ENOMEM;
	mutex_init(&ct->lock);
	err = ifreg_class_table_init(&ct->table, &ct->lock, ct->parent, 8);
	if (err)
		return err;
	ct->live = true;
	return 0;
}

static void class_test_exit(struct kunit *test)
{
	struct class_test *ct = test->priv;

	if (!ct || !ct->parent)
		return;
	if (ct->live)
		ifreg_class_table_destroy(&ct->table);
	kobject_del(ct->parent);
	kobject_put(ct->parent);
}

static int add(struct class_test *ct, const guid_t *guid, struct ifreg_class **cls)
{
	int ret;

	mutex_lock(&ct->lock);
	ret = ifreg_class_add(&ct->table, guid, cls);
	mutex_unlock(&ct->lock);
	return ret;
}

/* A new class is found by its GUID and has its directory, named in braces. */
static void add_creates_class_and_directory(struct kunit *test)
{
	struct class_test *ct = test->priv;
	guid_t g = test_guid(1);
	struct ifreg_class *cls;

	KUNIT_ASSERT_EQ(test, add(ct, &g, &cls), 0);
	KUNIT_ASSERT_NOT_NULL(test, cls);
	KUNIT_EXPECT_TRUE(test, guid_equal(&cls->guid, &g));
	KUNIT_EXPECT_EQ(test, ct->table.count, 1);

	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, ifreg_class_lookup(&ct->table, &g), cls);
	rcu_read_unlock();

	KUNIT_EXPECT_TRUE(test, has_entry(&ct->table.kset->kobj,
					  "{00000001-1234-5678-9abc-def012345678}"));
}

/* Adding a class twice is informational success with the same class. */
static void add_twice_returns_exists_and_same_class(struct kunit *test)
{
	struct class_test *ct = test->priv;
	guid_t g = test_guid(2);
	struct ifreg_class *first, *again = NULL;

	KUNIT_ASSERT_EQ(test, add(ct, &g, &first), 0);
	KUNIT_EXPECT_EQ(test, add(ct, &g, &again), IFREG_EXISTS);
	KUNIT_EXPECT_PTR_EQ(test, again, first);
	KUNIT_EXPECT_EQ(test, ct->table.count, 1);
}

/* A GUID never added has no class. */
static void lookup_of_unknown_guid_is_null(struct kunit *test)
{
	struct class_test *ct = test->priv;
	guid_t g = test_guid(3), other = test_guid(4);
	struct ifreg_class *cls;

	KUNIT_ASSERT_EQ(test, add(ct, &g, &cls), 0);
	rcu_read_lock();
	KUNIT_EXPECT_NULL(test, ifreg_class_lookup(&ct->table, &other));
	rcu_read_unlock();
}

/* The cap on classes is -ENOSPC and creates nothing. */
static void add_beyond_cap_is_enospc_and_creates_nothing(struct kunit *test)
{
	struct class_test *ct = test->priv;
	struct ifreg_class *cls;
	guid_t g;
	int i;

	for (i = 0; i < ct->table.max; i++) {
		g = test_guid(100 + i);
		KUNIT_ASSERT_EQ(test, add(ct, &g, &cls), 0);
	}
	g = test_guid(999);
	cls = NULL;
	KUNIT_EXPECT_EQ(test, add(ct, &g, &cls), -ENOSPC);
	KUNIT_EXPECT_NULL(test, cls);
	KUNIT_EXPECT_EQ(test, ct->table.count, ct->table.max);
	KUNIT_EXPECT_FALSE(test, has_entry(&ct->table.kset->kobj,
					   "{000003e7-1234-5678-9abc-def012345678}"));

	/* An existing class is still found at the cap. */
	g = test_guid(100);
	KUNIT_EXPECT_EQ(test, add(ct, &g, &cls), IFREG_EXISTS);
}

/* Many classes grow the hash table and every one stays reachable. */
static void many_classes_all_found(struct kunit *test)
{
	struct class_test *ct = test->priv;
	struct ifreg_class *cls;
	guid_t g;
	int i;

	ct->table.max = 512;
	for (i = 0; i < 512; i++) {
		g = test_guid(1000 + i);
		KUNIT_ASSERT_EQ(test, add(ct, &g, &cls), 0);
	}
	rcu_read_lock();
	for (i = 0; i < 512; i++) {
		g = test_guid(1000 + i);
		cls = ifreg_class_lookup(&ct->table, &g);
		if (!cls || !guid_equal(&cls->guid, &g))
			break;
	}
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, i, 512);
}

/* Destroying a table with classes in it removes every directory at once. */
static void destroy_with_classes_removes_directories(struct kunit *test)
{
	struct class_test *ct = test->priv;
	struct ifreg_class *cls;
	guid_t g;
	int i;

	for (i = 0; i < 3; i++) {
		g = test_guid(50 + i);
		KUNIT_ASSERT_EQ(test, add(ct, &g, &cls), 0);
	}
	KUNIT_ASSERT_TRUE(test, has_entry(ct->parent, "classes"));
	ifreg_class_table_destroy(&ct->table);
	ct->live = false;
	KUNIT_EXPECT_FALSE(test, has_entry(ct->parent, "classes"));

	/* The same names can be created again right away. */
	KUNIT_ASSERT_EQ(test, ifreg_class_table_init(&ct->table, &ct->lock, ct->parent, 8), 0);
	ct->live = true;
	g = test_guid(50);
	KUNIT_EXPECT_EQ(test, add(ct, &g, &cls), 0);
}

static struct kunit_case ifreg_class_cases[] = {
	KUNIT_CASE(add_creates_class_and_directory),
	KUNIT_CASE(add_twice_returns_exists_and_same_class),
	KUNIT_CASE(lookup_of_unknown_guid_is_null),
	KUNIT_CASE(add_beyond_cap_is_enospc_and_creates_nothing),
	KUNIT_CASE(many_classes_all_found),
	KUNIT_CASE(destroy_with_classes_removes_directories),
	{}
};

static struct kunit_suite ifreg_class_suite = {
	.name = "ifreg_class",
	.init = class_test_init,
	.exit = class_test_exit,
	.test_cases = ifreg_class_cases,
};

kunit_test_suite(ifreg_class_suite);
