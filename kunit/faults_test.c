// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_faults: every driver-facing call that allocates, swept
 * with fail-nth: its 1st, 2nd, 3rd... allocation failed (the calling
 * task's fault-injection counter, FAILSLAB), until the call runs without
 * reaching the failure.
 *
 * Each sweep first makes the call once without a failure and undoes it:
 * that is what a success looks like. Then, for each n, it compares what
 * the suite can observe of the registry before and after the call
 * (kt_snap(): the case's class, its instances, their devices, sysfs links,
 * values and properties, binding, the notifications a subscriber got, the
 * subscription made, the namespace's NDIS interfaces and LUID indexes, and
 * the registry's and the NDIS table's generations):
 * - a call that failed returned -ENOMEM and changed nothing at all;
 * - a call that succeeded (the last, or one whose failed allocation was
 *   not needed) left exactly what the reference success left, made the
 *   same number of changes and delivered the same notifications.
 * A WARN or any other report on the console, and a leak kmemleak finds
 * after the run, fail the run (scripts/kunit.sh).
 *
 * fail-nth fails allocations of the calling task only: what a worker does
 * afterwards (the watch settling a device, notification delivery,
 * rhashtable resizes) is not failed here.
 *
 * Needs CONFIG_FAILSLAB, and failslab told not to spare allocations that
 * may sleep (the UML guest's init does it); without it the cases skip.
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/jhash.h>
#include <linux/panic.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <net/net_namespace.h>
#include <ifreg/ndis.h>

#include "ndis_table.h"
#include "notify.h"
#include "registry.h"
#include "waiting.h"
#include "util.h"

#define KT_FAULT_IFTYPE 0x7f40
#define KT_FAULT_MAX_N 2000
#define KT_FAULT_MAX_BAD 8	/* wrong results before a sweep gives up */
#define KT_SNAP_SIZE 2048

/* One case's things: a device, a class, what the calls made. */
struct kt_fault {
	struct kunit *test;
	struct device *pdo;
	guid_t class;
	unsigned int classes;	/* how many the case used */
	bool fresh;		/* a new class after each registration undone */
	char *link;		/* what a register or restore gave, kfree() */
	const char *sysfs;	/* where the device is in sysfs */
	const char *fixed;	/* the instance the other calls act on */
	struct kt_log *log;	/* a subscriber of the class */
	struct ifreg_notifier *sub;
	int calls;
	u32 index;
	u32 ifindex;
	u64 luid;
	struct ifreg_ndis_provider *provider;
};

/* What the suite sees of the registry: kt_snap(). */
struct kt_snap {
	char text[KT_SNAP_SIZE];
	u64 gen;		/* the registry's changes */
	unsigned int classes;	/* the registry's classes */
	u64 ndis_gen;		/* the NDIS table's and its allocator's */
	u32 luid_next;		/* where the next LUID index is looked for */
	int events;		/* notifications the subscriber got */
};

/* A call to sweep, what undoes its success, and what a success shows. */
struct kt_fault_op {
	const char *name;
	int (*call)(struct kt_fault *f);
	void (*undo)(struct kt_fault *f);
	const char *shows;	/* in kt_snap()'s text after a success */
};

/* One instance: its binding, device, link, and every stored entry. */
static int kt_snap_instance(struct kt_fault *f, const char *name, char *p,
			    size_t room)
{
	struct ifreg_store_entry *e;
	struct ifreg_instance *inst;
	const char *guid, *end;
	bool child = false;
	char *dev_name;
	int n = 0;

	mutex_lock(&ifreg_lock);
	if (ifreg_registry_find(name, &inst)) {
		mutex_unlock(&ifreg_lock);
		return scnprintf(p, room, " %s:gone", name);
	}
	/* The class's GUID changes with f->fresh: "{class}" for it. */
	guid = strchr(name, '{');
	end = guid ? strchr(guid, '}') : NULL;
	n += scnprintf(p + n, room - n, " %.*s%s%s:pdo=%d,wait=%s,dev=%d,arrival=%d",
		       end ? (int)(guid - name) : (int)strlen(name), name,
		       end ? "{class}" : "", end ? end + 1 : "",
		       inst->pdo == f->pdo, ifreg_waiting_location(inst) ?: "-",
		       !!inst->dev, inst->dev && !ifreg_instance_announced(inst));
	hlist_for_each_entry(e, &inst->store.entries, node)
		n += scnprintf(p + n, room - n, ",[%s/%u:%u,%u,%zu,%08x]",
			       e->name ?: "prop", e->key.pid, e->type, e->flags,
			       e->size, jhash(e->data, e->size, 0));
	dev_name = ifreg_instance_dev_name(inst);
	mutex_unlock(&ifreg_lock);
	if (!dev_name)
		return n + scnprintf(p + n, room - n, ",ENOMEM");
	/* sysfs is looked at without ifreg_lock, as user space does. */
	child = ifreg_kt_has_child(f->pdo, dev_name);
	n += scnprintf(p + n, room - n, ",link=%d,child=%d",
		       ifreg_kt_has_link(&f->class, dev_name), child);
	kfree(dev_name);
	return n;
}

/* The namespace's NDIS table, as far as this suite's IfType goes. */
static int kt_snap_ndis(struct kt_fault *f, struct kt_snap *s, char *p, size_t room)
{
	struct ifreg_ndis_table *t = ifreg_ndis_table(&init_net);
	u16 iftype = KT_FAULT_IFTYPE;
	u32 index = 0, ifindex = 0;
	void *next;
	int n = 0;

	mutex_lock(&t->lock);
	s->ndis_gen = ifreg_ndis_gen(t);
	next = xa_load(&t->luids.next, KT_FAULT_IFTYPE);
	s->luid_next = next ? xa_to_value(next) : 1;
	n += scnprintf(p + n, room - n, " ndis=%u luids=%u:", t->count,
		       t->luids.count);
	/* Indexes as seen from the next one, which moves on at each success. */
	while (ifreg_ndis_luid_index_next(&t->luids, &iftype, &index) &&
	       iftype == KT_FAULT_IFTYPE) {
		n += scnprintf(p + n, room - n, "%d,", (int)(index - s->luid_next));
		index++;
	}
	mutex_unlock(&t->lock);
	if (f->luid && !ifreg_ndis_ifindex_from_luid(&init_net, f->luid, &ifindex))
		n += scnprintf(p + n, room - n, " if=%x", ifindex);
	return n;
}

/*
 * Everything the suite sees, once the workers are done: the class and its
 * instances, the subscriber's count and the subscription's, NDIS.
 */
static void kt_snap(struct kt_fault *f, struct kt_snap *s)
{
	size_t room = sizeof(s->text);
	char *list, *name, *p = s->text;
	struct ifreg_class *cls;
	int n = 0;

	ifreg_watch_flush();
	ifreg_notify_flush();
	mutex_lock(&ifreg_lock);
	s->gen = ifreg_registry_generation();
	s->classes = 0;
	list_for_each_entry(cls, ifreg_registry_class_list(), list_node)
		s->classes++;
	n += scnprintf(p + n, room - n, "class=%d",
		       !!ifreg_registry_class(&f->class));
	mutex_unlock(&ifreg_lock);

	if (ifreg_get_interfaces(&f->class, NULL, IFREG_INCLUDE_NONACTIVE, &list)) {
		n += scnprintf(p + n, room - n, " list=ENOMEM");
	} else {
		for (name = list; *name; name += strlen(name) + 1)
			n += kt_snap_instance(f, name, p + n, room - n);
		kfree(list);
	}
	mutex_lock(&f->log->lock);
	s->events = f->log->n;
	mutex_unlock(&f->log->lock);
	n += scnprintf(p + n, room - n, " sub=%d calls=%d", !!f->sub,
		       READ_ONCE(f->calls));
	n += kt_snap_ndis(f, s, p + n, room - n);
	KUNIT_EXPECT_LT_MSG(f->test, n, (int)room - 1, "snapshot truncated: %s", p);
}

/* Fail the @n-th allocation of @op's call; *@hit: whether it was reached. */
static int kt_fail_nth(const struct kt_fault_op *op, struct kt_fault *f,
		       unsigned int n, bool *hit)
{
	int ret;

#ifdef CONFIG_FAILSLAB
	WRITE_ONCE(current->fail_nth, n);
	ret = op->call(f);
	*hit = !READ_ONCE(current->fail_nth);
	WRITE_ONCE(current->fail_nth, 0);
#else
	/* Not reached: ifreg_kt_need_failslab() skipped the case. */
	ret = op->call(f);
	*hit = false;
#endif
	return ret;
}

/* The changes from @a to @b are those from @ref_a to @ref_b. */
static bool kt_expect_success(struct kt_fault *f, const char *name, unsigned int n,
			      bool hit, const struct kt_snap *ref_a,
			      const struct kt_snap *ref_b, const struct kt_snap *a,
			      const struct kt_snap *b)
{
	struct kunit *test = f->test;
	char what[64];
	bool ok;

	snprintf(what, sizeof(what), "%s, allocation %u %s, call succeeded", name, n,
		 hit ? "failed" : "not reached");

	ok = !strcmp(b->text, ref_b->text) && b->gen - a->gen == ref_b->gen - ref_a->gen &&
	     b->classes - a->classes == ref_b->classes - ref_a->classes &&
	     b->ndis_gen - a->ndis_gen == ref_b->ndis_gen - ref_a->ndis_gen &&
	     b->luid_next - a->luid_next == ref_b->luid_next - ref_a->luid_next &&
	     b->events - a->events == ref_b->events - ref_a->events;
	KUNIT_EXPECT_STREQ_MSG(test, b->text, ref_b->text, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, b->gen - a->gen, ref_b->gen - ref_a->gen,
			    "%s: registry changes", what);
	KUNIT_EXPECT_EQ_MSG(test, b->classes - a->classes,
			    ref_b->classes - ref_a->classes, "%s: classes", what);
	KUNIT_EXPECT_EQ_MSG(test, b->ndis_gen - a->ndis_gen,
			    ref_b->ndis_gen - ref_a->ndis_gen, "%s: NDIS changes", what);
	KUNIT_EXPECT_EQ_MSG(test, b->luid_next - a->luid_next,
			    ref_b->luid_next - ref_a->luid_next, "%s: LUID indexes", what);
	KUNIT_EXPECT_EQ_MSG(test, b->events - a->events, ref_b->events - ref_a->events,
			    "%s: notifications", what);
	return ok;
}

/* Nothing changed from @a to @b. */
static bool kt_expect_unchanged(struct kt_fault *f, const char *what, unsigned int n,
				const struct kt_snap *a, const struct kt_snap *b)
{
	struct kunit *test = f->test;
	bool ok = !strcmp(b->text, a->text) && b->gen == a->gen &&
		  b->classes == a->classes && b->ndis_gen == a->ndis_gen &&
		  b->luid_next == a->luid_next && b->events == a->events;

	KUNIT_EXPECT_STREQ_MSG(test, b->text, a->text, "%s, allocation %u failed",
			       what, n);
	KUNIT_EXPECT_EQ_MSG(test, b->gen, a->gen, "%s, allocation %u failed: registry",
			    what, n);
	KUNIT_EXPECT_EQ_MSG(test, b->classes, a->classes,
			    "%s, allocation %u failed: a class was made", what, n);
	KUNIT_EXPECT_EQ_MSG(test, b->ndis_gen, a->ndis_gen,
			    "%s, allocation %u failed: NDIS table", what, n);
	KUNIT_EXPECT_EQ_MSG(test, b->luid_next, a->luid_next,
			    "%s, allocation %u failed: LUID index used up", what, n);
	KUNIT_EXPECT_EQ_MSG(test, b->events, a->events,
			    "%s, allocation %u failed: notified", what, n);
	return ok;
}

/*
 * Sweep @op (see the top of the file) and say how many allocation points
 * it has, and how many of them the call survived.
 */
static void kt_sweep(struct kt_fault *f, const struct kt_fault_op *op)
{
	struct kunit *test = f->test;
	unsigned int n, failed = 0, survived = 0, bad = 0;
	/* A WARN taints the kernel, and KUnit does not fail a case for it. */
	bool warned = test_taint(TAINT_WARN);
	struct kt_snap *s;
	bool hit;
	int ret, ref;

	/* [0] before, [1] after the reference success, [2] [3] around each call. */
	s = kunit_kcalloc(test, 4, sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);

	kt_snap(f, &s[0]);
	ref = op->call(f);
	KUNIT_ASSERT_GE_MSG(test, ref, 0, "%s without a failure", op->name);
	kt_snap(f, &s[1]);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(s[1].text, op->shows), "%s: %s",
				  op->name, s[1].text);
	op->undo(f);
	kt_snap(f, &s[2]);
	KUNIT_ASSERT_STREQ_MSG(test, s[2].text, s[0].text, "%s undone", op->name);

	for (n = 1; n <= KT_FAULT_MAX_N; n++) {
		if (bad >= KT_FAULT_MAX_BAD) {
			KUNIT_FAIL(test, "%s: stopped after %u wrong results", op->name, bad);
			break;
		}
		kt_snap(f, &s[2]);
		ret = kt_fail_nth(op, f, n, &hit);
		kt_snap(f, &s[3]);
		if (ret < 0) {
			KUNIT_EXPECT_TRUE_MSG(test, hit, "%s failed unfailed: %d",
					      op->name, ret);
			KUNIT_EXPECT_EQ_MSG(test, ret, -ENOMEM, "%s, allocation %u failed",
					    op->name, n);
			if (!hit || ret != -ENOMEM ||
			    !kt_expect_unchanged(f, op->name, n, &s[2], &s[3]))
				bad++;
			failed++;
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, ret, ref, "%s, allocation %u failed", op->name, n);
		if (ret != ref ||
		    !kt_expect_success(f, op->name, n, hit, &s[0], &s[1], &s[2], &s[3]))
			bad++;
		op->undo(f);
		if (!hit)
			break;
		survived++;
	}
	KUNIT_EXPECT_LE_MSG(test, n, KT_FAULT_MAX_N, "%s: too many allocations", op->name);
	KUNIT_EXPECT_FALSE_MSG(test, !warned && test_taint(TAINT_WARN),
			       "%s: a WARN during the sweep", op->name);
	kunit_info(test, "%s: %u allocation points, %u failed the call, %u survived\n",
		   op->name, n - 1, failed, survived);
}

/* register: a new instance on the device. */
static int kt_register(struct kt_fault *f)
{
	return ifreg_register_interface(f->pdo, &f->class, "faults", &f->link);
}

static void kt_remove(struct kt_fault *f)
{
	ifreg_watch_flush();
	KUNIT_EXPECT_EQ(f->test, ifreg_remove_interface(f->link), 0);
	kfree(f->link);
	f->link = NULL;
	/* A class stays: the next call registers one again. */
	if (f->fresh)
		f->class = ifreg_kt_guid(f->test, ++f->classes);
}

static const struct kt_fault_op kt_register_op = {
	.name = "register", .call = kt_register, .undo = kt_remove,
	.shows = "pdo=1,wait=-,dev=0",
};

/* The first name is another device's: the device gets "<path>&2". */
static const struct kt_fault_op kt_register_taken_op = {
	.name = "register (name taken)", .call = kt_register, .undo = kt_remove,
	.shows = "&2#",
};

/* restore: bound to the device at its sysfs path, or waiting for one. */
static int kt_restore_at(struct kt_fault *f, const char *sysfs, const char *ref)
{
	char path[64];

	snprintf(path, sizeof(path), "PLATFORM\\%s", dev_name(f->pdo));
	return ifreg_restore_interface(path, &f->class, ref, sysfs, &f->link);
}

static int kt_restore_bound(struct kt_fault *f)
{
	return kt_restore_at(f, f->sysfs, "restored");
}

static const struct kt_fault_op kt_restore_op = {
	.name = "restore", .call = kt_restore_bound, .undo = kt_remove,
	.shows = "pdo=1,wait=-,dev=0",
};

static int kt_restore_waiting(struct kt_fault *f)
{
	return kt_restore_at(f, "/sys/devices/platform/ifreg-kunit-gone", "restored");
}

static const struct kt_fault_op kt_restore_waiting_op = {
	.name = "restore (waiting)", .call = kt_restore_waiting, .undo = kt_remove,
	.shows = "pdo=0,wait=/devices/platform/ifreg-kunit-gone,dev=0",
};

/* enable, and disable, which never fails. */
static int kt_enable(struct kt_fault *f)
{
	return ifreg_set_interface_state(f->fixed, true);
}

static int kt_disable(struct kt_fault *f)
{
	return ifreg_set_interface_state(f->fixed, false);
}

static void kt_undo_enable(struct kt_fault *f)
{
	KUNIT_EXPECT_EQ(f->test, kt_disable(f), 0);
}

static void kt_undo_disable(struct kt_fault *f)
{
	KUNIT_EXPECT_EQ(f->test, kt_enable(f), 0);
}

static const struct kt_fault_op kt_enable_op = {
	.name = "enable", .call = kt_enable, .undo = kt_undo_enable,
	.shows = "dev=1,arrival=0,link=1,child=1",
};

static const struct kt_fault_op kt_disable_op = {
	.name = "disable", .call = kt_disable, .undo = kt_undo_disable,
	.shows = "dev=0,arrival=0,link=0,child=0",
};

/* set a value, replace it; set a property. */
static const u8 kt_data[24] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static const u8 kt_other[40] = { 9, 8, 7, 6 };
static const struct ifreg_devpropkey kt_key = {
	.fmtid = GUID_INIT(0xa0b1c2d3, 0xe4f5, 0x4a6b, 0x8c, 0x7d, 0x9e, 0x0f,
			   0x1a, 0x2b, 0x3c, 0x4d),
	.pid = 7,
};

static int kt_set_value(struct kt_fault *f)
{
	return ifreg_set_interface_value(f->fixed, "faults", kt_data,
					 sizeof(kt_data), IFREG_STORE_PERSISTENT);
}

static void kt_del_value(struct kt_fault *f)
{
	KUNIT_EXPECT_EQ(f->test, ifreg_set_interface_value(f->fixed, "faults",
							   NULL, 0, 0), 0);
}

static const struct kt_fault_op kt_value_op = {
	.name = "set value", .call = kt_set_value, .undo = kt_del_value,
	.shows = "[faults/0:0,1,24,",
};

static int kt_replace_value(struct kt_fault *f)
{
	return ifreg_set_interface_value(f->fixed, "faults", kt_other,
					 sizeof(kt_other), 0);
}

static void kt_unreplace_value(struct kt_fault *f)
{
	KUNIT_EXPECT_EQ(f->test, kt_set_value(f), 0);
}

static const struct kt_fault_op kt_replace_op = {
	.name = "replace value", .call = kt_replace_value, .undo = kt_unreplace_value,
	.shows = "[faults/0:0,0,40,",
};

static int kt_set_prop(struct kt_fault *f)
{
	return ifreg_set_interface_property(f->fixed, &kt_key, 0x12, kt_data,
					    sizeof(kt_data), 0);
}

static void kt_del_prop(struct kt_fault *f)
{
	KUNIT_EXPECT_EQ(f->test, ifreg_set_interface_property(f->fixed, &kt_key, 0,
							      NULL, 0, 0), 0);
}

static const struct kt_fault_op kt_prop_op = {
	.name = "set property", .call = kt_set_prop, .undo = kt_del_prop,
	.shows = "[prop/7:18,0,24,",
};

/* subscribe, with the arrivals of what is enabled. */
static void kt_count(const struct ifreg_notification *n, void *context)
{
	struct kt_fault *f = context;

	WRITE_ONCE(f->calls, f->calls + 1);
}

static int kt_subscribe(struct kt_fault *f)
{
	return ifreg_register_notification(&f->class, IFREG_NOTIFY_INCLUDE_EXISTING,
					   kt_count, f, &f->sub);
}

static void kt_unsubscribe(struct kt_fault *f)
{
	ifreg_unregister_notification(f->sub);
	f->sub = NULL;
	WRITE_ONCE(f->calls, 0);
}

static const struct kt_fault_op kt_subscribe_op = {
	.name = "subscribe", .call = kt_subscribe, .undo = kt_unsubscribe,
	.shows = "sub=1 calls=1",
};

/* NDIS: a LUID index, and an interface of a provider. */
static int kt_luid_alloc(struct kt_fault *f)
{
	return ifreg_ndis_allocate_luid_index(&init_net, KT_FAULT_IFTYPE, &f->index);
}

static void kt_luid_free(struct kt_fault *f)
{
	KUNIT_EXPECT_EQ(f->test, ifreg_ndis_free_luid_index(&init_net, KT_FAULT_IFTYPE,
							    f->index), 0);
}

static const struct kt_fault_op kt_luid_op = {
	.name = "LUID alloc", .call = kt_luid_alloc, .undo = kt_luid_free,
	.shows = ":-1,",
};

static const struct ifreg_ndis_provider_ops kt_fault_ndis_ops = {};
static const struct ifreg_ndis_if_info kt_fault_info = {
	.access_type = IFREG_ACCESS_POINT_TO_POINT,
	.oper_status = IFREG_OPER_UP,
	.admin_status = IFREG_ADMIN_UP,
};

static int kt_ndis_register(struct kt_fault *f)
{
	return ifreg_ndis_register_interface(&init_net, f->provider, f->luid, NULL,
					     &kt_fault_info, &f->ifindex);
}

static void kt_ndis_deregister(struct kt_fault *f)
{
	KUNIT_EXPECT_EQ(f->test, ifreg_ndis_deregister_interface(&init_net,
								 f->ifindex), 0);
}

static const struct kt_fault_op kt_ndis_op = {
	.name = "NDIS register", .call = kt_ndis_register, .undo = kt_ndis_deregister,
	.shows = " if=",
};

/* A case's device and class, a subscriber of it, and an instance if @fixed. */
static struct kt_fault *kt_fault_new(struct kunit *test, int id, bool fixed)
{
	struct kt_fault *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	ifreg_kt_need_failslab(test);
	f->test = test;
	f->pdo = &ifreg_kt_pdev(test, id)->dev;
	f->class = ifreg_kt_guid(test, 0);
	f->log = ifreg_kt_subscribe(test, &f->class, 0);
	if (fixed)
		f->fixed = ifreg_kt_register(test, f->pdo, &f->class, "fixed");
	return f;
}

static void fail_every_allocation_of_register(struct kunit *test)
{
	struct kt_fault *f = kt_fault_new(test, 190, false);
	struct kt *kt = test->priv;

	f->fresh = true;
	kt_sweep(f, &kt_register_op);

	/* A registration waiting for a device elsewhere holds the first name. */
	f->fresh = false;
	KUNIT_ASSERT_EQ(test, kt_restore_at(f, "/sys/devices/platform/elsewhere",
					    "faults"), 0);
	KUNIT_ASSERT_LT(test, kt->n_names, KT_MAX);
	kt->names[kt->n_names++] = f->link;
	f->link = NULL;
	kt_sweep(f, &kt_register_taken_op);
}

static void fail_every_allocation_of_restore(struct kunit *test)
{
	struct kt_fault *f = kt_fault_new(test, 191, false);
	char *sysfs = kobject_get_path(&f->pdo->kobj, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, sysfs);
	f->sysfs = ifreg_kt_strdup(test, sysfs);
	kfree(sysfs);
	f->fresh = true;
	kt_sweep(f, &kt_restore_op);
	kt_sweep(f, &kt_restore_waiting_op);
}

static void fail_every_allocation_of_enable_disable(struct kunit *test)
{
	struct kt_fault *f = kt_fault_new(test, 192, true);

	kt_sweep(f, &kt_enable_op);
	KUNIT_ASSERT_EQ(test, kt_enable(f), 0);
	kt_sweep(f, &kt_disable_op);
}

static void fail_every_allocation_of_set_value(struct kunit *test)
{
	struct kt_fault *f = kt_fault_new(test, 193, true);

	kt_sweep(f, &kt_value_op);
	kt_sweep(f, &kt_prop_op);
	KUNIT_ASSERT_EQ(test, kt_set_value(f), 0);
	kt_sweep(f, &kt_replace_op);
}

static void fail_every_allocation_of_subscribe(struct kunit *test)
{
	struct kt_fault *f = kt_fault_new(test, 194, true);

	KUNIT_ASSERT_EQ(test, kt_enable(f), 0);
	kt_sweep(f, &kt_subscribe_op);
	/* A subscription a failed call left behind would hear of this. */
	KUNIT_ASSERT_EQ(test, kt_disable(f), 0);
	KUNIT_ASSERT_EQ(test, kt_enable(f), 0);
	ifreg_notify_flush();
	KUNIT_EXPECT_EQ(test, READ_ONCE(f->calls), 0);
}

static void fail_every_allocation_of_ndis_calls(struct kunit *test)
{
	struct kt_fault *f = kt_fault_new(test, 195, false);
	u32 index;

	kt_sweep(f, &kt_luid_op);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_provider(&kt_fault_ndis_ops, f,
							   &f->provider), 0);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, KT_FAULT_IFTYPE,
							     &index), 0);
	f->luid = ifreg_net_luid(KT_FAULT_IFTYPE, index);
	kt_sweep(f, &kt_ndis_op);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_FAULT_IFTYPE,
							 index), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_provider(f->provider), 0);
}

static struct kunit_case ifreg_faults_cases[] = {
	KUNIT_CASE(fail_every_allocation_of_register),
	KUNIT_CASE(fail_every_allocation_of_restore),
	KUNIT_CASE(fail_every_allocation_of_enable_disable),
	KUNIT_CASE(fail_every_allocation_of_set_value),
	KUNIT_CASE(fail_every_allocation_of_subscribe),
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
