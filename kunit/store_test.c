// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_store: per-instance named values and DEVPROPKEY
 * properties. Set, replace, read, delete with NULL, -ENOBUFS with the size
 * needed, the persistent flag kept, and the caps.
 */

#include <kunit/test.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include "registry.h"
#include "store.h"
#include "util.h"

static char *instance(struct kunit *test, int id)
{
	struct platform_device *pd = ifreg_kt_pdev(test, id);
	guid_t g = ifreg_kt_guid(test, 0);

	return ifreg_kt_register(test, &pd->dev, &g, NULL);
}

/* A value reads back as set; a small buffer is -ENOBUFS with the size. */
static void value_set_get_and_size_query(struct kunit *test)
{
	char *name = instance(test, 70);
	unsigned int flags = 0;
	char buf[16];
	size_t size;

	KUNIT_ASSERT_EQ(test, ifreg_set_interface_value(name, "FriendlyName", "serial", 7,
							IFREG_STORE_PERSISTENT), 0);
	size = 3;
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_value(name, "FriendlyName", buf, &size,
							&flags), -ENOBUFS);
	KUNIT_EXPECT_EQ(test, size, 7);
	size = 0;
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_value(name, "FriendlyName", NULL, &size,
							NULL), -ENOBUFS);
	KUNIT_EXPECT_EQ(test, size, 7);
	size = sizeof(buf);
	KUNIT_ASSERT_EQ(test, ifreg_get_interface_value(name, "FriendlyName", buf, &size,
							&flags), 0);
	KUNIT_EXPECT_EQ(test, size, 7);
	KUNIT_EXPECT_STREQ(test, buf, "serial");
	KUNIT_EXPECT_EQ(test, flags, IFREG_STORE_PERSISTENT);

	/* Replacing keeps one entry with the new contents and flags. */
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_value(name, "FriendlyName", "x", 2, 0), 0);
	size = sizeof(buf);
	KUNIT_ASSERT_EQ(test, ifreg_get_interface_value(name, "FriendlyName", buf, &size,
							&flags), 0);
	KUNIT_EXPECT_STREQ(test, buf, "x");
	KUNIT_EXPECT_EQ(test, flags, 0);
}

/* NULL data deletes; deleting what is not there is -ENOENT. */
static void null_data_deletes(struct kunit *test)
{
	char *name = instance(test, 71);
	size_t size = 0;

	KUNIT_ASSERT_EQ(test, ifreg_set_interface_value(name, "v", "1", 1, 0), 0);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_value(name, "v", NULL, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_value(name, "v", NULL, &size, NULL),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_value(name, "v", NULL, 0, 0), -ENOENT);
}

/* Properties are keyed by {fmtid, pid} and keep their type. */
static void property_keeps_type_and_key(struct kunit *test)
{
	struct ifreg_devpropkey k1 = { .fmtid = ifreg_kt_guid(test, 7), .pid = 2 };
	struct ifreg_devpropkey k2 = { .fmtid = ifreg_kt_guid(test, 7), .pid = 3 };
	char *name = instance(test, 72);
	u32 value = 0x12345678, out = 0, type = 0;
	size_t size = sizeof(out);

	KUNIT_ASSERT_EQ(test, ifreg_set_interface_property(name, &k1, 7, &value,
							   sizeof(value), 0), 0);
	KUNIT_ASSERT_EQ(test, ifreg_get_interface_property(name, &k1, &type, &out, &size,
							   NULL), 0);
	KUNIT_EXPECT_EQ(test, out, value);
	KUNIT_EXPECT_EQ(test, type, 7);
	size = sizeof(out);
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_property(name, &k2, &type, &out, &size,
							   NULL), -ENOENT);
	size = 1;
	type = 0;
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_property(name, &k1, &type, &out, &size,
							   NULL), -ENOBUFS);
	KUNIT_EXPECT_EQ(test, size, sizeof(value));
	KUNIT_EXPECT_EQ(test, type, 7);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_property(name, &k1, 0, NULL, 0, 0), 0);
	size = sizeof(out);
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_property(name, &k1, &type, &out, &size,
							   NULL), -ENOENT);
}

/* Bad names, flags and NULLs are -EINVAL; the caps are -ENOSPC. */
static void store_rejects_bad_input_and_caps(struct kunit *test)
{
	unsigned int saved_entries = ifreg_max_store_entries;
	unsigned int saved_size = ifreg_max_store_size;
	char *name = instance(test, 73);
	char long_name[300], key[16];
	size_t size = 0;
	u8 *big;
	int i;

	big = kunit_kzalloc(test, 4096, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, big);
	memset(long_name, 'n', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_value(name, "", "1", 1, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_value(name, long_name, "1", 1, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_value(name, "a\nb", "1", 1, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_value(name, NULL, "1", 1, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_value(name, "v", "1", 1, 0x8), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_value(name, "v", NULL, NULL, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_property(name, NULL, 0, "1", 1, 0), -EINVAL);

	ifreg_max_store_size = 4;
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_value(name, "big", "12345", 5, 0), -ENOSPC);
	ifreg_max_store_size = saved_size;

	ifreg_max_store_entries = 1;
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_value(name, "one", "1", 1, 0), 0);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_value(name, "two", "2", 1, 0), -ENOSPC);
	/* Replacing at the cap is allowed. */
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_value(name, "one", "3", 1, 0), 0);
	ifreg_max_store_entries = saved_entries;

	/* All of an instance's data stays under IFREG_STORE_MAX_BYTES. */
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_value(name, "one", NULL, 0, 0), 0);
	for (i = 0; i < IFREG_STORE_MAX_BYTES / 4096; i++) {
		snprintf(key, sizeof(key), "big%d", i);
		KUNIT_EXPECT_EQ(test, ifreg_set_interface_value(name, key, big, 4096, 0), 0);
	}
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_value(name, "one-more", "1", 1, 0), -ENOSPC);
	/* Replacing with the same size still fits. */
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_value(name, "big0", big, 4096, 0), 0);

	KUNIT_EXPECT_EQ(test, ifreg_get_interface_value(name, "two", NULL, &size, NULL),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_value(name, "big", NULL, &size, NULL),
			-ENOENT);
}

/* A built-in property: its type and contents, and flags 0. */
static void expect_builtin(struct kunit *test, const char *name, u32 pid_or_id,
			   bool device_key, u32 type, const void *data, size_t len)
{
	struct ifreg_devpropkey key = {
		.fmtid = IFREG_DEVPKEY_DEVICEINTERFACE_FMTID,
		.pid = pid_or_id,
	};
	unsigned int flags = 1;
	u32 got_type = 0;
	u8 buf[300];
	size_t size;

	if (device_key)
		key.fmtid = IFREG_DEVPKEY_DEVICE_FMTID;
	size = 0;
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_property(name, &key, &got_type, NULL,
							   &size, NULL), -ENOBUFS);
	KUNIT_EXPECT_EQ(test, size, len);
	size = sizeof(buf);
	KUNIT_ASSERT_EQ(test, ifreg_get_interface_property(name, &key, &got_type, buf,
							   &size, &flags), 0);
	KUNIT_EXPECT_EQ(test, got_type, type);
	KUNIT_EXPECT_EQ(test, flags, 0);
	KUNIT_ASSERT_EQ(test, size, len);
	KUNIT_EXPECT_EQ(test, memcmp(buf, data, len), 0);
	/* Read-only: neither set nor deleted, whatever the type. */
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_property(name, &key, type, "x", 1, 0),
			-EACCES);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_property(name, &key, 0, NULL, 0, 0),
			-EACCES);
}

/*
 * Every instance answers DEVPKEY_DeviceInterface_Enabled, _ClassGuid,
 * _ReferenceString (when it has one) and DEVPKEY_Device_InstanceId,
 * read-only; FriendlyName is set like any property.
 */
static void builtin_properties_answer_and_are_read_only(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 74);
	guid_t g = ifreg_kt_guid(test, 0);
	struct ifreg_devpropkey friendly = {
		.fmtid = IFREG_DEVPKEY_DEVICEINTERFACE_FMTID,
		.pid = IFREG_DEVPKEY_FRIENDLY_NAME_PID,
	};
	struct ifreg_devpropkey ref_key = {
		.fmtid = IFREG_DEVPKEY_DEVICEINTERFACE_FMTID,
		.pid = IFREG_DEVPKEY_REFERENCE_STRING_PID,
	};
	char *with_ref = ifreg_kt_register(test, &pd->dev, &g, "Ref-1");
	char *without = ifreg_kt_register(test, &pd->dev, &g, NULL);
	u8 on = 0xff, off = 0x00;
	char path[128], buf[16];
	u32 type;
	size_t size;

	snprintf(path, sizeof(path), "PLATFORM\\%s", dev_name(&pd->dev));
	expect_builtin(test, with_ref, IFREG_DEVPKEY_CLASS_GUID_PID, false,
		       IFREG_DEVPROP_TYPE_GUID, &g, sizeof(g));
	expect_builtin(test, with_ref, IFREG_DEVPKEY_REFERENCE_STRING_PID, false,
		       IFREG_DEVPROP_TYPE_STRING, "Ref-1", 6);
	expect_builtin(test, with_ref, IFREG_DEVPKEY_INSTANCE_ID_PID, true,
		       IFREG_DEVPROP_TYPE_STRING, path, strlen(path) + 1);
	expect_builtin(test, with_ref, IFREG_DEVPKEY_ENABLED_PID, false,
		       IFREG_DEVPROP_TYPE_BOOLEAN, &off, 1);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(with_ref, true), 0);
	expect_builtin(test, with_ref, IFREG_DEVPKEY_ENABLED_PID, false,
		       IFREG_DEVPROP_TYPE_BOOLEAN, &on, 1);

	/* No reference string: that property is not there. */
	size = sizeof(buf);
	KUNIT_EXPECT_EQ(test, ifreg_get_interface_property(without, &ref_key, &type, buf,
							   &size, NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_property(without, &ref_key,
							   IFREG_DEVPROP_TYPE_STRING, "r", 2, 0),
			-EACCES);
	/* An unknown instance is -ENOENT before anything else. */
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_property("\\??\\NO#SUCH", &ref_key, 0,
							   "r", 2, 0), -ENOENT);

	KUNIT_ASSERT_EQ(test, ifreg_set_interface_property(without, &friendly,
							   IFREG_DEVPROP_TYPE_STRING,
							   "Port", 5, 0), 0);
	size = sizeof(buf);
	KUNIT_ASSERT_EQ(test, ifreg_get_interface_property(without, &friendly, &type, buf,
							   &size, NULL), 0);
	KUNIT_EXPECT_STREQ(test, buf, "Port");
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(with_ref, false), 0);
}

static struct class kt_node_class = {
	.name = "ifreg_kt_node",
};

/* What an enabled instance's device says of its node: uevent, sysfs. */
static void expect_dev_node(struct kunit *test, const char *name, const char *path)
{
	struct kobj_uevent_env *env = kunit_kzalloc(test, sizeof(*env), GFP_KERNEL);
	char *buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	struct device_attribute *attr;
	struct ifreg_instance *inst;
	const char *found = NULL;
	char want[64];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, env);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	snprintf(want, sizeof(want), "IFREG_DEVNODE=%s", path ?: "");
	mutex_lock(&ifreg_lock);
	KUNIT_ASSERT_EQ(test, ifreg_registry_find(name, &inst), 0);
	KUNIT_ASSERT_NOT_NULL(test, inst->dev);
	KUNIT_EXPECT_EQ(test, inst->dev->class->dev_uevent(inst->dev, env), 0);
	for (i = 0; i < env->envp_idx; i++)
		if (!strncmp(env->envp[i], "IFREG_DEVNODE=", 14))
			found = env->envp[i];
	if (path)
		KUNIT_EXPECT_STREQ(test, found ?: "(none)", want);
	else
		KUNIT_EXPECT_NULL(test, found);
	attr = container_of(inst->dev->class->dev_groups[0]->attrs[0],
			    struct device_attribute, attr);
	KUNIT_EXPECT_STREQ(test, attr->attr.name, "devnode");
	KUNIT_EXPECT_GT(test, attr->show(inst->dev, attr, buf), 0);
	snprintf(want, sizeof(want), "%s\n", path ?: "");
	KUNIT_EXPECT_STREQ(test, buf, want);
	mutex_unlock(&ifreg_lock);
}

/* The instance's IFREG_DEVPKEY_DEVNODE property: @path, or none. */
static void expect_node_prop(struct kunit *test, const char *name, const char *path)
{
	struct ifreg_devpropkey key = {
		.fmtid = IFREG_DEVPKEY_IFREG_FMTID,
		.pid = IFREG_DEVPKEY_DEVNODE_PID,
	};
	char buf[64] = "";
	size_t size = sizeof(buf);
	u32 type = 0;

	KUNIT_EXPECT_EQ(test, ifreg_get_interface_property(name, &key, &type, buf, &size,
							   NULL), path ? 0 : -ENOENT);
	if (!path)
		return;
	KUNIT_EXPECT_EQ(test, type, IFREG_DEVPROP_TYPE_STRING);
	KUNIT_EXPECT_STREQ(test, buf, path);
	/* Only ifreg_set_interface_devnode() changes it. */
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_property(name, &key, type, "/dev/x", 7, 0),
			-EACCES);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_property(name, &key, type, NULL, 0, 0),
			-EACCES);
}

/*
 * An interface names the node of a device with a dev_t, as devtmpfs names
 * it ('!' is a '/'), kept while disabled, carried by its device while
 * enabled (uevent, sysfs) and changed there too; a device without a dev_t
 * is refused with nothing changed.
 */
static void devnode_names_the_node_that_serves_it(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 75);
	guid_t g = ifreg_kt_guid(test, 0);
	char *name = ifreg_kt_register(test, &pd->dev, &g, NULL);
	struct device *node, *other, *none;

	KUNIT_ASSERT_EQ(test, class_register(&kt_node_class), 0);
	node = device_create(&kt_node_class, NULL, MKDEV(240, 1), NULL, "kt!node");
	other = device_create(&kt_node_class, NULL, MKDEV(240, 2), NULL, "ktother");
	none = device_create(&kt_node_class, NULL, 0, NULL, "ktnone");
	KUNIT_ASSERT_FALSE(test, IS_ERR(node) || IS_ERR(other) || IS_ERR(none));

	KUNIT_EXPECT_EQ(test, ifreg_set_interface_devnode(name, none), -EINVAL);
	expect_node_prop(test, name, NULL);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_devnode(name, NULL), 0);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_devnode("\\??\\NO#SUCH", node), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_devnode(NULL, node), -EINVAL);

	KUNIT_ASSERT_EQ(test, ifreg_set_interface_devnode(name, node), 0);
	expect_node_prop(test, name, "/dev/kt/node");
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	expect_dev_node(test, name, "/dev/kt/node");
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_devnode(name, other), 0);
	expect_node_prop(test, name, "/dev/ktother");
	expect_dev_node(test, name, "/dev/ktother");
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_devnode(name, NULL), 0);
	expect_node_prop(test, name, NULL);
	expect_dev_node(test, name, NULL);

	/* Named while disabled, carried by the next enable. */
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, false), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_devnode(name, node), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(name, true), 0);
	expect_dev_node(test, name, "/dev/kt/node");
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(name, false), 0);

	device_unregister(none);
	device_unregister(other);
	device_unregister(node);
	class_unregister(&kt_node_class);
}

static struct kunit_case ifreg_store_cases[] = {
	KUNIT_CASE(value_set_get_and_size_query),
	KUNIT_CASE(null_data_deletes),
	KUNIT_CASE(property_keeps_type_and_key),
	KUNIT_CASE(store_rejects_bad_input_and_caps),
	KUNIT_CASE(builtin_properties_answer_and_are_read_only),
	KUNIT_CASE(devnode_names_the_node_that_serves_it),
	{}
};

static struct kunit_suite ifreg_store_suite = {
	.name = "ifreg_store",
	.init = ifreg_kt_init,
	.exit = ifreg_kt_exit,
	.test_cases = ifreg_store_cases,
};

kunit_test_suite(ifreg_store_suite);
