// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_store: per-instance named values and DEVPROPKEY
 * properties. Set, replace, read, delete with NULL, -ENOBUFS with the size
 * needed, the persistent flag kept, and the caps.
 */

#include <kunit/test.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

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

static struct kunit_case ifreg_store_cases[] = {
	KUNIT_CASE(value_set_get_and_size_query),
	KUNIT_CASE(null_data_deletes),
	KUNIT_CASE(property_keeps_type_and_key),
	KUNIT_CASE(store_rejects_bad_input_and_caps),
	KUNIT_CASE(builtin_properties_answer_and_are_read_only),
	{}
};

static struct kunit_suite ifreg_store_suite = {
	.name = "ifreg_store",
	.init = ifreg_kt_init,
	.exit = ifreg_kt_exit,
	.test_cases = ifreg_store_cases,
};

kunit_test_suite(ifreg_store_suite);
