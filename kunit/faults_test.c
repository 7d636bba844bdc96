// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_faults: every driver-facing call that allocates, with
 * its 1st, 2nd, 3rd... allocation failed (fail-nth: the calling task's
 * fault-injection counter, FAILSLAB), until the call runs without reaching
 * the failure. After each failed call: the errno is -ENOMEM, and nothing
 * was half-applied: no registry change was made (the registry's
 * generation is the same), and what the call was to create is absent.
 * Leaks are kmemleak's to find after the run, warnings the console's.
 * Needs CONFIG_FAILSLAB, and failslab told not to spare allocations that
 * may sleep (the UML guest's init does it); without it the cases skip.
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <net/net_namespace.h>
#include <ifreg/ndis.h>

#include "notify.h"
#include "registry.h"
#include "util.h"

/* A call to sweep, what undoes its success, and what it must not leave. */
struct kt_fault_op {
	int (*call)(struct kunit *test, void *arg);
	void (*undo)(struct kunit *test, void *arg);
	/* After a failed call: true when what it was to make is absent. */
	bool (*absent)(struct kunit *test, void *arg);
};

#ifdef CONFIG_FAILSLAB
/*
 * Fail the @n-th allocation point of @op's call. Returns the call's result
 * and, in *@hit, whether the failure was reached.
 */
static int kt_fail_nth(struct kunit *test, const struct kt_fault_op *op,
		       void *arg, unsigned int n, bool *hit)
{
	int ret;

	WRITE_ONCE(current->fail_nth, n);
	ret = op->call(test, arg);
	*hit = !READ_ONCE(current->fail_nth);
	WRITE_ONCE(current->fail_nth, 0);
	return ret;
}

/*
 * Sweep @op: fail its 1st, 2nd... allocation until it runs past the last.
 * Returns how many allocation points were failed.
 */
static unsigned int kt_sweep(struct kunit *test, const struct kt_fault_op *op,
			     void *arg)
{
	unsigned int n, failed = 0;
	bool hit;
	u64 gen;
	int ret;

	for (n = 1; n < 500; n++) {
		gen = ifreg_registry_generation();
		ret = kt_fail_nth(test, op, arg, n, &hit);
		if (!hit) {
			/* Past the last point: the call as it runs normally. */
			KUNIT_EXPECT_GE_MSG(test, ret, 0, "unfailed call, n=%u", n);
			if (ret >= 0)
				op->undo(test, arg);
			return failed;
		}
		failed++;
		if (ret >= 0) {
			/* Some allocations may fail without failing the call. */
			op->undo(test, arg);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, ret, -ENOMEM, "allocation %u failed", n);
		KUNIT_EXPECT_EQ_MSG(test, ifreg_registry_generation(), gen,
				    "allocation %u failed: the registry changed", n);
		KUNIT_EXPECT_TRUE_MSG(test, op->absent(test, arg),
				      "allocation %u failed: something stayed", n);
	}
	KUNIT_FAIL(test, "more than %u allocation points", n);
	return failed;
}

/* Whether failslab may fail GFP_KERNEL allocations (see the guest init). */
static void kt_need_failslab(struct kunit *test)
{
	void *p;
	bool hit;

	WRITE_ONCE(current->fail_nth, 1);
	p = kmalloc(16, GFP_KERNEL);
	hit = !READ_ONCE(current->fail_nth);
	WRITE_ONCE(current->fail_nth, 0);
	kfree(p);
	if (!hit || p)
		kunit_skip(test, "failslab spares GFP_KERNEL (ignore-gfp-wait)");
}
#else
static unsigned int kt_sweep(struct kunit *test, const struct kt_fault_op *op,
			     void *arg)
{
	return 0;
}

static void kt_need_failslab(struct kunit *test)
{
	kunit_skip(test, "needs CONFIG_FAILSLAB");
}
#endif

/* One case's things: a device, a class, an instance on it. */
struct kt_fault {
	struct device *pdo;
	guid_t class;
	char *link;
	struct ifreg_notifier *sub;
	int calls;
	u32 index;
	u32 ifindex;
	u64 luid;
	struct ifreg_ndis_provider *provider;
};

static bool kt_listed(const guid_t *g, const char *link)
{
	char *list;
	bool found;

	if (ifreg_get_interfaces(g, NULL, IFREG_INCLUDE_NONACTIVE, &list))
		return false;
	found = ifreg_kt_listed(list, link);
	kfree(list);
	return found;
}

/* register: a new instance on the device. */
static int kt_register(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;

	return ifreg_register_interface(f->pdo, &f->class, "faults", &f->link);
}

static void kt_unregister(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;

	ifreg_watch_flush();
	KUNIT_EXPECT_EQ(test, ifreg_remove_interface(f->link), 0);
	kfree(f->link);
	f->link = NULL;
}

static bool kt_unregistered(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;
	char *list;
	bool empty;

	ifreg_watch_flush();
	if (f->link)
		return false;
	if (ifreg_get_interfaces(&f->class, NULL, IFREG_INCLUDE_NONACTIVE, &list))
		return false;
	empty = !*list;
	kfree(list);
	return empty;
}

static const struct kt_fault_op kt_register_op = {
	.call = kt_register, .undo = kt_unregister, .absent = kt_unregistered,
};

/* enable: the instance's device, its link, its arrival. */
static int kt_enable(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;

	return ifreg_set_interface_state(f->link, true);
}

static void kt_disable(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;

	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(f->link, false), 0);
}

static bool kt_disabled(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;
	char *list;
	bool absent;

	if (ifreg_get_interfaces(&f->class, NULL, 0, &list))
		return false;
	absent = !ifreg_kt_listed(list, f->link) &&
		 !ifreg_kt_has_link(&f->class, f->link);
	kfree(list);
	return absent && ifreg_set_interface_state(f->link, false) == -ENOENT;
}

static const struct kt_fault_op kt_enable_op = {
	.call = kt_enable, .undo = kt_disable, .absent = kt_disabled,
};

/* set a value, and a property. */
static const u8 kt_data[24] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static const struct ifreg_devpropkey kt_key = {
	.fmtid = GUID_INIT(0xa0b1c2d3, 0xe4f5, 0x4a6b, 0x8c, 0x7d, 0x9e, 0x0f,
			   0x1a, 0x2b, 0x3c, 0x4d),
	.pid = 7,
};

static int kt_set_value(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;

	return ifreg_set_interface_value(f->link, "faults", kt_data,
					 sizeof(kt_data), IFREG_STORE_PERSISTENT);
}

static void kt_del_value(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;

	KUNIT_EXPECT_EQ(test, ifreg_set_interface_value(f->link, "faults", NULL, 0, 0), 0);
}

static bool kt_no_value(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;
	size_t size = 0;

	return ifreg_get_interface_value(f->link, "faults", NULL, &size, NULL) == -ENOENT;
}

static const struct kt_fault_op kt_value_op = {
	.call = kt_set_value, .undo = kt_del_value, .absent = kt_no_value,
};

static int kt_set_prop(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;

	return ifreg_set_interface_property(f->link, &kt_key, 0x12, kt_data,
					    sizeof(kt_data), 0);
}

static void kt_del_prop(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;

	KUNIT_EXPECT_EQ(test, ifreg_set_interface_property(f->link, &kt_key, 0,
							   NULL, 0, 0), 0);
}

static bool kt_no_prop(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;
	size_t size = 0;
	u32 type;

	return ifreg_get_interface_property(f->link, &kt_key, &type, NULL, &size,
					    NULL) == -ENOENT;
}

static const struct kt_fault_op kt_prop_op = {
	.call = kt_set_prop, .undo = kt_del_prop, .absent = kt_no_prop,
};

/* subscribe, with the arrivals of what is enabled. */
static void kt_count(const struct ifreg_notification *n, void *context)
{
	struct kt_fault *f = context;

	WRITE_ONCE(f->calls, f->calls + 1);
}

static int kt_subscribe(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;

	return ifreg_register_notification(&f->class, IFREG_NOTIFY_INCLUDE_EXISTING,
					   kt_count, f, &f->sub);
}

static void kt_unsubscribe(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;

	ifreg_unregister_notification(f->sub);
	f->sub = NULL;
	f->calls = 0;
}

static bool kt_not_subscribed(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;

	ifreg_notify_flush();
	return !f->calls;
}

static const struct kt_fault_op kt_subscribe_op = {
	.call = kt_subscribe, .undo = kt_unsubscribe, .absent = kt_not_subscribed,
};

/* restore a registration, bound to the device at its sysfs path. */
static int kt_restore(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;
	char *sysfs = kobject_get_path(&f->pdo->kobj, GFP_KERNEL);
	char path[64];
	int ret;

	if (!sysfs)
		return -ENOMEM;
	snprintf(path, sizeof(path), "PLATFORM\\%s", dev_name(f->pdo));
	ret = ifreg_restore_interface(path, &f->class, "restored", sysfs, &f->link);
	kfree(sysfs);
	return ret;
}

static const struct kt_fault_op kt_restore_op = {
	.call = kt_restore, .undo = kt_unregister, .absent = kt_unregistered,
};

/* NDIS: a LUID index, and an interface of a provider. */
#define KT_FAULT_IFTYPE 0x7f40

static int kt_luid_alloc(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;

	return ifreg_ndis_allocate_luid_index(&init_net, KT_FAULT_IFTYPE, &f->index);
}

static void kt_luid_free(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;

	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_FAULT_IFTYPE,
							 f->index), 0);
}

static bool kt_luid_none(struct kunit *test, void *arg)
{
	u32 index;

	/* Still allocating and freeing; what a failed call kept, kmemleak sees. */
	return !ifreg_ndis_allocate_luid_index(&init_net, KT_FAULT_IFTYPE, &index) &&
	       !ifreg_ndis_free_luid_index(&init_net, KT_FAULT_IFTYPE, index);
}

static const struct kt_fault_op kt_luid_op = {
	.call = kt_luid_alloc, .undo = kt_luid_free, .absent = kt_luid_none,
};

static const struct ifreg_ndis_provider_ops kt_fault_ndis_ops = {};
static const struct ifreg_ndis_if_info kt_fault_info = {
	.access_type = IFREG_ACCESS_POINT_TO_POINT,
	.oper_status = IFREG_OPER_UP,
	.admin_status = IFREG_ADMIN_UP,
};

static int kt_ndis_register(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;

	return ifreg_ndis_register_interface(&init_net, f->provider, f->luid, NULL,
					     &kt_fault_info, &f->ifindex);
}

static void kt_ndis_deregister(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;

	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_interface(&init_net, f->ifindex), 0);
}

static bool kt_ndis_none(struct kunit *test, void *arg)
{
	struct kt_fault *f = arg;
	u32 ifindex;

	return ifreg_ndis_ifindex_from_luid(&init_net, f->luid, &ifindex) == -ENOENT;
}

static const struct kt_fault_op kt_ndis_op = {
	.call = kt_ndis_register, .undo = kt_ndis_deregister, .absent = kt_ndis_none,
};

static struct kt_fault *kt_fault_new(struct kunit *test, int id, bool registered)
{
	struct kt_fault *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	kt_need_failslab(test);
	f->pdo = &ifreg_kt_pdev(test, id)->dev;
	f->class = ifreg_kt_guid(test, 0);
	if (registered) {
		f->link = ifreg_kt_register(test, f->pdo, &f->class, "faults");
		f->link = kunit_kstrdup(test, f->link, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, f->link);
	}
	return f;
}

static void fail_every_allocation_of_register(struct kunit *test)
{
	struct kt_fault *f = kt_fault_new(test, 90, false);

	kunit_info(test, "register: %u allocation points",
		   kt_sweep(test, &kt_register_op, f));
}

static void fail_every_allocation_of_enable(struct kunit *test)
{
	struct kt_fault *f = kt_fault_new(test, 91, true);

	kunit_info(test, "enable: %u allocation points",
		   kt_sweep(test, &kt_enable_op, f));
}

static void fail_every_allocation_of_set_value(struct kunit *test)
{
	struct kt_fault *f = kt_fault_new(test, 92, true);

	kunit_info(test, "set value: %u allocation points",
		   kt_sweep(test, &kt_value_op, f));
	kunit_info(test, "set property: %u allocation points",
		   kt_sweep(test, &kt_prop_op, f));
}

static void fail_every_allocation_of_subscribe(struct kunit *test)
{
	struct kt_fault *f = kt_fault_new(test, 93, true);

	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(f->link, true), 0);
	kunit_info(test, "subscribe: %u allocation points",
		   kt_sweep(test, &kt_subscribe_op, f));
}

static void fail_every_allocation_of_restore(struct kunit *test)
{
	struct kt_fault *f = kt_fault_new(test, 94, false);

	kunit_info(test, "restore: %u allocation points",
		   kt_sweep(test, &kt_restore_op, f));
}

static void fail_every_allocation_of_ndis_calls(struct kunit *test)
{
	struct kt_fault *f = kt_fault_new(test, 95, false);
	u32 index;

	kunit_info(test, "LUID alloc: %u allocation points",
		   kt_sweep(test, &kt_luid_op, f));
	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_provider(&kt_fault_ndis_ops, f,
							   &f->provider), 0);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, KT_FAULT_IFTYPE,
							     &index), 0);
	f->luid = ifreg_net_luid(KT_FAULT_IFTYPE, index);
	kunit_info(test, "NDIS register: %u allocation points",
		   kt_sweep(test, &kt_ndis_op, f));
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_FAULT_IFTYPE,
							 index), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_provider(f->provider), 0);
}

static struct kunit_case ifreg_faults_cases[] = {
	KUNIT_CASE(fail_every_allocation_of_register),
	KUNIT_CASE(fail_every_allocation_of_enable),
	KUNIT_CASE(fail_every_allocation_of_set_value),
	KUNIT_CASE(fail_every_allocation_of_subscribe),
	KUNIT_CASE(fail_every_allocation_of_restore),
	KUNIT_CASE(fail_every_allocation_of_ndis_calls),
	{}
};

static struct kunit_suite ifreg_faults_suite = {
	.name = "ifreg_faults",
	.init = ifreg_kt_init,
	.exit = ifreg_kt_exit,
	.test_cases = ifreg_faults_cases,
};

kunit_test_suite(ifreg_faults_suite);
