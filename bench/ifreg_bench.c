// SPDX-License-Identifier: GPL-2.0
/*
 * ifreg_bench: what ifreg's operations cost next to the kernel primitives
 * they are built from, measured in the same boot.
 *
 * Loaded with sizes=N1,N2,... it grows one interface class to each size in
 * turn (registrations with an 8-character reference string on one device
 * of its own class) and an NDIS table beside it, and at each size times
 * each figure: batches of operations, repeated, the median batch divided
 * by its length. Under qemu -icount shift=0 the guest clock advances one
 * nanosecond per instruction, so ktime_get_ns() differences are
 * instruction counts (scripts/bench.sh, Documentation/performance.rst).
 * Before each timed batch RCU callbacks run out and deferred work (an
 * rhashtable's resize, ifreg's notification worker) gets its turn.
 *
 * Each result is one kernel log line:
 *   ifreg_bench: FIGURE <name> <size> <ifreg per op> <baseline per op> <ratio>
 * with "-" for a baseline the figure has none of, after a line
 *   ifreg_bench: RUNS <name> <size> <ifreg>/<baseline>...
 * with each batch's figures in the order they were taken; "ifreg_bench: DONE"
 * ends a run that went through, "ifreg_bench: ERROR ..." says why not.
 * The module stays loaded with what it registered until it is unloaded.
 */

#undef pr_fmt
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/jhash.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/rcupdate.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/vmstat.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <net/net_namespace.h>

#include <ifreg/ifreg.h>
#include <ifreg/ndis.h>

static char *sizes = "1000,10000,100000";
module_param(sizes, charp, 0444);
MODULE_PARM_DESC(sizes, "Registry sizes to measure at, ascending (default 1000,10000,100000)");

static unsigned int reps = 7;
module_param(reps, uint, 0444);
MODULE_PARM_DESC(reps, "Timed batches per figure, the median is reported (default 7, 3..31)");

static bool dump_pause;
module_param(dump_pause, bool, 0444);
MODULE_PARM_DESC(dump_pause, "At each size, wait for user space to time a dump (default no)");

/* User space has timed its dump: writing anything to "dumped" says so. */
static DECLARE_COMPLETION(bench_dumped);

static int bench_dumped_set(const char *val, const struct kernel_param *kp)
{
	complete(&bench_dumped);
	return 0;
}

static const struct kernel_param_ops bench_dumped_ops = {
	.set = bench_dumped_set,
};
module_param_cb(dumped, &bench_dumped_ops, NULL, 0200);
MODULE_PARM_DESC(dumped, "Written by user space when its dump at the size announced is timed");

#define BENCH_MAX_REPS 31
#define BENCH_DUMP_WAIT (600 * HZ)	/* for user space's dump, at most */
#define BENCH_MAX_SIZES 8
#define BENCH_BATCH 100		/* cheap operations per batch */
#define BENCH_HEAVY 10		/* device-sized operations per batch */
#define BENCH_ENABLED 10	/* enabled instances of the big class */
#define BENCH_SUBSCRIBERS 64
#define BENCH_MEM_ENABLED 400	/* instances enabled for the slab figure */
#define BENCH_MIN_SIZE 1000
#define BENCH_PER_PDO 8	/* instances of the big class per device */

/* The big class, and the one each subscriber follows for notify64. */
static const guid_t bench_guid =
	GUID_INIT(0x6c1d8a42, 0x0b7e, 0x4f31, 0x8d, 0x5e, 0x42, 0x45, 0x4e, 0x43, 0x48, 0x31);
static const guid_t bench_notify_guid =
	GUID_INIT(0x6c1d8a42, 0x0b7e, 0x4f31, 0x8d, 0x5e, 0x42, 0x45, 0x4e, 0x43, 0x48, 0x32);
static const struct ifreg_devpropkey bench_key = {
	.fmtid = GUID_INIT(0x6c1d8a42, 0x0b7e, 0x4f31, 0x8d, 0x5e,
			   0x42, 0x45, 0x4e, 0x43, 0x48, 0x33),
	.pid = 2,
};

#define BENCH_PROP_UINT32 7

/* One entry of the baseline table: a name, allocated and copied. */
struct bench_ent {
	struct rhash_head node;
	const char *key;
};

static u32 bench_hashfn(const void *data, u32 len, u32 seed)
{
	const char *key = data;

	return jhash(key, strlen(key), seed);
}

static u32 bench_obj_hashfn(const void *data, u32 len, u32 seed)
{
	const struct bench_ent *e = data;

	return jhash(e->key, strlen(e->key), seed);
}

static int bench_obj_cmpfn(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct bench_ent *e = obj;

	return strcmp(e->key, arg->key);
}

static const struct rhashtable_params bench_ht_params = {
	.head_offset = offsetof(struct bench_ent, node),
	.hashfn = bench_hashfn,
	.obj_hashfn = bench_obj_hashfn,
	.obj_cmpfn = bench_obj_cmpfn,
	.automatic_shrinking = true,
};

/* One NDIS interface of the table and its baseline twin. */
struct bench_ndis {
	u64 luid;
	u32 ifindex;
};

static struct {
	struct class *cls;		/* the PDO's class, watched by ifreg */
	struct class *base_cls;		/* the baseline's class devices */
	/* The uevent variables its devices carry: an instance's, as ifreg's */
	const char *uev_link;
	const char *uev_ref;
	char uev_path[256];
	struct device *pdo;		/* the link target, notify64's device */
	struct device **pdos;		/* the big class's devices */
	struct device *walk[BENCH_ENABLED];
	char **names;			/* the big class's instances, by index */
	struct bench_ent **ents;	/* their baseline twins */
	unsigned int count;
	struct rhashtable ht;
	bool ht_ready;
	struct bench_ndis *ndis;
	unsigned int ndis_count;
	struct xarray xa;
	struct ifreg_ndis_provider *provider;
	unsigned int max;
	u64 t[BENCH_MAX_REPS];
	u64 b[BENCH_MAX_REPS];
	unsigned int seq;		/* names of transient devices */
} bench;

static const struct ifreg_ndis_provider_ops bench_ndis_ops;

static int bench_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static u64 bench_median(u64 *v, unsigned int n)
{
	sort(v, n, sizeof(*v), bench_cmp_u64, NULL);
	return v[n / 2];
}

/*
 * Nothing left over from the last batch runs in the next: RCU callbacks,
 * the baseline table's resize, ifreg's deferred work.
 */
static void bench_quiesce(void)
{
	rcu_barrier();
	if (bench.ht_ready)
		flush_work(&bench.ht.run_work);
	msleep(20);
}

static void bench_report(const char *name, unsigned int size, u64 ifreg, u64 base)
{
	u64 r;

	if (!base) {
		pr_info("FIGURE %s %u %llu - -\n", name, size, ifreg);
		return;
	}
	r = div64_u64(ifreg * 100 + base / 2, base);
	pr_info("FIGURE %s %u %llu %llu %llu.%02llu\n", name, size, ifreg, base,
		r / 100, r % 100);
}

/* The batches themselves too, as they came: how far apart they are. */
static void bench_report_runs(const char *name, unsigned int size)
{
	char line[24 * BENCH_MAX_REPS];
	unsigned int r, len = 0;

	for (r = 0; r < reps; r++)
		len += scnprintf(line + len, sizeof(line) - len, " %llu/%llu",
				 bench.t[r], bench.b[r]);
	pr_info("RUNS %s %u%s\n", name, size, line);
	bench_report(name, size, bench_median(bench.t, reps),
		     bench_median(bench.b, reps));
}

/* Slab bytes in use, after vmstat's per-CPU counts have been folded in. */
static u64 bench_slab_bytes(void)
{
	rcu_barrier();
	/* vmstat folds its per-CPU differences every second. */
	msleep(2100);
	return (global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B) +
		global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B)) << PAGE_SHIFT;
}

/*
 * What the bench itself holds for the @size registrations: the names
 * ifreg handed it, the baseline's entries, their keys and its bucket
 * table (which is slab too unless it came from vmalloc).
 */
static u64 bench_own_slab_bytes(unsigned int size)
{
	struct bucket_table *tbl = rcu_dereference_protected(bench.ht.tbl, 1);
	u64 bytes = 0;
	unsigned int i;

	for (i = 0; i < size; i++)
		bytes += ksize(bench.names[i]) + ksize(bench.ents[i]) +
			 ksize(bench.ents[i]->key);
	if (!is_vmalloc_addr(tbl))
		bytes += ksize(tbl);
	return bytes;
}

/* Registration number @i of the big class, and its baseline twin. */
static int bench_register_one(unsigned int i)
{
	char ref[16];

	snprintf(ref, sizeof(ref), "r%07u", i);
	return ifreg_register_interface(bench.pdos[i / BENCH_PER_PDO], &bench_guid, ref,
					&bench.names[i]);
}

static int bench_base_insert(unsigned int i)
{
	struct bench_ent *e;
	int err;

	e = kmalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	e->key = kstrdup(bench.names[i], GFP_KERNEL);
	if (!e->key) {
		kfree(e);
		return -ENOMEM;
	}
	err = rhashtable_insert_fast(&bench.ht, &e->node, bench_ht_params);
	if (err) {
		kfree(e->key);
		kfree(e);
		return err;
	}
	bench.ents[i] = e;
	return 0;
}

static void bench_base_remove(unsigned int i)
{
	struct bench_ent *e = bench.ents[i];

	rhashtable_remove_fast(&bench.ht, &e->node, bench_ht_params);
	kfree(e->key);
	kfree(e);
	bench.ents[i] = NULL;
}

/* The devices the big class's @size instances are registered on. */
static int bench_pdos_add(unsigned int size)
{
	unsigned int k;

	for (k = 0; k < DIV_ROUND_UP(size, BENCH_PER_PDO); k++) {
		bench.pdos[k] = device_create(bench.cls, NULL, MKDEV(0, 0), NULL,
					      "p%06u", k);
		if (IS_ERR(bench.pdos[k])) {
			int err = PTR_ERR(bench.pdos[k]);

			bench.pdos[k] = NULL;
			return err;
		}
		cond_resched();
	}
	return 0;
}

static void bench_pdos_del(unsigned int size)
{
	unsigned int k;

	for (k = 0; k < DIV_ROUND_UP(size, BENCH_PER_PDO); k++) {
		if (bench.pdos[k])
			device_unregister(bench.pdos[k]);
		bench.pdos[k] = NULL;
		cond_resched();
	}
}

/* Everything of the big class gone, waiting or not, and its twins. */
static void bench_clear(void)
{
	unsigned int i;

	bench.uev_link = NULL;
	for (i = 0; i < bench.count; i++) {
		if (bench.names[i])
			ifreg_remove_interface(bench.names[i]);
		kfree(bench.names[i]);
		bench.names[i] = NULL;
		if (bench.ents[i])
			bench_base_remove(i);
		cond_resched();
	}
	bench_pdos_del(bench.max);
	bench.count = 0;
}

/*
 * Grow a table from *@count to @size entries with @op, the baseline's
 * twin with @base, in batches; the last @reps batches before @size are
 * timed and reported as @fig.
 */
static int bench_grow(const char *fig, unsigned int size, unsigned int *count,
		      int (*op)(unsigned int i), int (*base)(unsigned int i))
{
	unsigned int timed_from, r = 0, i, end;
	u64 t0;
	int err;

	timed_from = size - min(size - *count, reps * BENCH_BATCH);
	while (*count < size) {
		bool timed = *count >= timed_from && r < reps;

		end = min(size, *count + BENCH_BATCH);
		if (timed)
			bench_quiesce();
		t0 = ktime_get_ns();
		for (i = *count; i < end; i++) {
			err = op(i);
			if (err < 0)
				return err;
		}
		if (timed)
			bench.t[r] = div_u64(ktime_get_ns() - t0, end - *count);
		t0 = ktime_get_ns();
		for (i = *count; i < end; i++) {
			err = base(i);
			if (err)
				return err;
		}
		if (timed)
			bench.b[r++] = div_u64(ktime_get_ns() - t0, end - *count);
		*count = end;
		cond_resched();
	}
	if (r < reps)
		return -ERANGE;
	bench_report_runs(fig, size);
	return 0;
}

/*
 * The enabled ones: even indexes spread over the first half of the class,
 * apart from the odd ones enable_disable and slab_per_enabled use and the
 * last ones remove takes away.
 */
static unsigned int bench_enabled_idx(unsigned int k, unsigned int size)
{
	return k * (size / BENCH_ENABLED / 2);
}

/* The ten enabled (@on) or disabled. */
static int bench_set_ten(unsigned int size, bool on)
{
	unsigned int k;
	int err;

	for (k = 0; k < BENCH_ENABLED; k++) {
		err = ifreg_set_interface_state(bench.names[bench_enabled_idx(k, size)], on);
		if (err < 0)
			return err;
	}
	return 0;
}

/*
 * One figure: @reps times, a batch of @n calls of @op and one of @base,
 * each after a quiescent moment and timed on its own; @after, if any,
 * untimed after each round. Operations get @size and their number in the
 * batch.
 */
static int bench_pair(const char *fig, unsigned int size, unsigned int n,
		      int (*op)(unsigned int size, unsigned int i),
		      int (*base)(unsigned int size, unsigned int i),
		      int (*after)(unsigned int size))
{
	unsigned int r, i;
	u64 t0;
	int err;

	for (r = 0; r < reps; r++) {
		bench_quiesce();
		t0 = ktime_get_ns();
		for (i = 0; i < n; i++) {
			err = op(size, i);
			if (err < 0)
				return err;
		}
		bench.t[r] = div_u64(ktime_get_ns() - t0, n);
		bench_quiesce();
		t0 = ktime_get_ns();
		for (i = 0; i < n; i++) {
			err = base(size, i);
			if (err < 0)
				return err;
		}
		bench.b[r] = div_u64(ktime_get_ns() - t0, n);
		err = after ? after(size) : 0;
		if (err < 0)
			return err;
	}
	bench_report_runs(fig, size);
	return 0;
}

/* The baseline of a lookup: the name found in the table, its data read. */
static int bench_ht_find(const char *name)
{
	struct bench_ent *e;
	u32 out;

	rcu_read_lock();
	e = rhashtable_lookup(&bench.ht, name, bench_ht_params);
	if (e)
		memcpy(&out, e->key, sizeof(out));
	rcu_read_unlock();
	return e ? 0 : -ENOENT;
}

static const char *bench_enabled_name(unsigned int size, unsigned int i)
{
	return bench.names[bench_enabled_idx(i % BENCH_ENABLED, size)];
}

/* lookup: set_state(on) of an enabled instance. */
static int bench_op_lookup(unsigned int size, unsigned int i)
{
	return ifreg_set_interface_state(bench_enabled_name(size, i), true);
}

static int bench_base_lookup(unsigned int size, unsigned int i)
{
	return bench_ht_find(bench_enabled_name(size, i));
}

/* A class device of the baseline's own class, with its link to the PDO. */
/*
 * The baseline's class devices carry what an instance's device carries in
 * its uevents (device.c): the variables of the instance enable_disable
 * uses, once the class is grown.
 */
static int bench_base_uevent(IFREG_UEVENT_DEV_CONST struct device *dev,
			     struct kobj_uevent_env *env)
{
	char guid[40];
	int err;

	if (!bench.uev_link)
		return 0;
	snprintf(guid, sizeof(guid), "{%pUl}", &bench_guid);
	err = add_uevent_var(env, "IFREG_CLASS=%s", guid);
	if (!err)
		err = add_uevent_var(env, "IFREG_SYMBOLIC_LINK=%s", bench.uev_link);
	if (!err)
		err = add_uevent_var(env, "IFREG_REFERENCE=%s", bench.uev_ref);
	if (!err)
		err = add_uevent_var(env, "IFREG_INSTANCE_PATH=%s", bench.uev_path);
	return err;
}

/* Those variables from @link, \??\<SUBSYSTEM>#<name>#{guid}\<reference>. */
static void bench_base_uevent_vars(const char *link)
{
	const char *end = strstr(link, "#{");
	size_t len = end ? min_t(size_t, end - link - 4, sizeof(bench.uev_path) - 1) : 0;
	char *sep;

	memcpy(bench.uev_path, link + 4, len);
	bench.uev_path[len] = '\0';
	sep = strchr(bench.uev_path, '#');
	if (sep)
		*sep = '\\';
	bench.uev_ref = strrchr(link, '\\') + 1;
	bench.uev_link = link;
}

static struct device *bench_base_dev(void)
{
	struct device *dev;

	dev = device_create(bench.base_cls, NULL, MKDEV(0, 0), NULL, "b%u", bench.seq++);
	if (IS_ERR(dev))
		return dev;
	if (sysfs_create_link(&dev->kobj, &bench.pdo->kobj, "device_link")) {
		device_unregister(dev);
		return ERR_PTR(-ENOMEM);
	}
	return dev;
}

static void bench_base_dev_del(struct device *dev)
{
	sysfs_remove_link(&dev->kobj, "device_link");
	device_unregister(dev);
}

/*
 * enable_disable: of a registered instance (odd indexes: never among the
 * enabled ten), against a class device added with its link and deleted.
 */
static int bench_op_enable_disable(unsigned int size, unsigned int i)
{
	const char *name = bench.names[2 * i + 1];
	int err;

	err = ifreg_set_interface_state(name, true);
	if (err < 0)
		return err;
	return ifreg_set_interface_state(name, false);
}

static int bench_base_enable_disable(unsigned int size, unsigned int i)
{
	struct device *dev = bench_base_dev();

	if (IS_ERR(dev))
		return PTR_ERR(dev);
	bench_base_dev_del(dev);
	return 0;
}

/*
 * remove: ifreg_remove_interface() of the last registrations, against
 * removing their names from the table and freeing them; then both come
 * back.
 */
static int bench_op_remove(unsigned int size, unsigned int i)
{
	return ifreg_remove_interface(bench.names[size - BENCH_BATCH + i]);
}

static int bench_base_remove_op(unsigned int size, unsigned int i)
{
	bench_base_remove(size - BENCH_BATCH + i);
	return 0;
}

static int bench_remove_back(unsigned int size)
{
	unsigned int i;
	int err;

	for (i = size - BENCH_BATCH; i < size; i++) {
		kfree(bench.names[i]);
		bench.names[i] = NULL;
		err = bench_register_one(i);
		if (err < 0)
			return err;
		err = bench_base_insert(i);
		if (err)
			return err;
	}
	return 0;
}

/*
 * list10: ifreg_get_interfaces() of the big class (10 enabled of @size),
 * against walking a class of 10 devices.
 */
static int bench_op_list(unsigned int size, unsigned int i)
{
	char *list;
	int err;

	err = ifreg_get_interfaces(&bench_guid, NULL, 0, &list);
	if (err < 0)
		return err;
	kfree(list);
	return 0;
}

static int bench_base_list(unsigned int size, unsigned int i)
{
	struct class_dev_iter iter;
	struct device *dev;
	size_t len = 0;

	class_dev_iter_init(&iter, bench.base_cls, NULL, NULL);
	while ((dev = class_dev_iter_next(&iter)))
		len += strlen(dev_name(dev));
	class_dev_iter_exit(&iter);
	return len ? 0 : -ENOENT;
}

/*
 * Set and get of a property, get of a value, of the enabled instances in
 * turn, as lookup takes them (one name alone measures where it happens to
 * sit in its table); each against a lookup of the same name in the table.
 */
static int bench_op_prop_set(unsigned int size, unsigned int i)
{
	u32 v = i;

	return ifreg_set_interface_property(bench_enabled_name(size, i), &bench_key,
					    BENCH_PROP_UINT32, &v, sizeof(v), 0);
}

static int bench_op_prop_get(unsigned int size, unsigned int i)
{
	unsigned int flags;
	size_t len;
	u32 type, v;

	len = sizeof(v);
	return ifreg_get_interface_property(bench_enabled_name(size, i), &bench_key,
					    &type, &v, &len, &flags);
}

static int bench_op_value_get(unsigned int size, unsigned int i)
{
	unsigned int flags;
	size_t len;
	u32 v;

	len = sizeof(v);
	return ifreg_get_interface_value(bench_enabled_name(size, i), "BenchValue",
					 &v, &len, &flags);
}

static int bench_base_prop(unsigned int size, unsigned int i)
{
	return bench_ht_find(bench_enabled_name(size, i));
}

static int bench_figures(unsigned int size)
{
	unsigned int k;
	u32 v = 1;
	int err;

	bench_base_uevent_vars(bench.names[1]);
	err = bench_pair("lookup", size, BENCH_BATCH, bench_op_lookup,
			 bench_base_lookup, NULL);
	if (!err)
		err = bench_pair("enable_disable", size, BENCH_HEAVY,
				 bench_op_enable_disable, bench_base_enable_disable, NULL);
	if (!err)
		err = bench_pair("remove", size, BENCH_BATCH, bench_op_remove,
				 bench_base_remove_op, bench_remove_back);
	if (!err)
		err = bench_pair("list10", size, BENCH_HEAVY, bench_op_list,
				 bench_base_list, NULL);
	if (!err)
		err = bench_pair("prop_set", size, BENCH_BATCH, bench_op_prop_set,
				 bench_base_prop, NULL);
	if (!err)
		err = bench_pair("prop_get", size, BENCH_BATCH, bench_op_prop_get,
				 bench_base_prop, NULL);
	for (k = 0; !err && k < BENCH_ENABLED; k++)
		err = ifreg_set_interface_value(bench_enabled_name(size, k), "BenchValue",
						&v, sizeof(v), 0);
	if (!err)
		err = bench_pair("value_get", size, BENCH_BATCH, bench_op_value_get,
				 bench_base_prop, NULL);
	return min(err, 0);
}

/*
 * dump: a netlink dump of the whole big class is timed by user space
 * (scripts/guest/bench.sh runs ifregctl list --all --class), as the
 * registry stands now, its size instances registered. "DUMP <size>" in
 * the log says it may start; the module waits until it is done.
 */
static int bench_dump(unsigned int size)
{
	if (!dump_pause)
		return 0;
	bench_quiesce();
	reinit_completion(&bench_dumped);
	pr_info("DUMP %u\n", size);
	if (!wait_for_completion_timeout(&bench_dumped, BENCH_DUMP_WAIT))
		return -ETIMEDOUT;
	return 0;
}

/* notify64: the subscribers' state. */
static atomic_t bench_calls;
static unsigned int bench_subscribed;	/* the calls an event makes */
static DECLARE_COMPLETION(bench_last);

static void bench_notify(const struct ifreg_notification *n, void *context)
{
	if (atomic_inc_return(&bench_calls) == bench_subscribed)
		complete(&bench_last);
}

static BLOCKING_NOTIFIER_HEAD(bench_chain);

static int bench_chain_call(struct notifier_block *nb, unsigned long action, void *data)
{
	bench_notify(NULL, NULL);
	return NOTIFY_OK;
}

static void bench_chain_work(struct work_struct *work)
{
	blocking_notifier_call_chain(&bench_chain, 0, NULL);
}

static DECLARE_WORK(bench_work, bench_chain_work);

/*
 * Enable of an instance whose class has @n subscribers, until the last
 * one's callback; against a class device added with its link and a work
 * item calling a notifier chain of @n. The batches in bench.t and bench.b.
 */
static int bench_notify_n(unsigned int n)
{
	struct ifreg_notifier *subs[BENCH_SUBSCRIBERS] = { NULL };
	struct notifier_block *nbs;
	struct device *dev;
	char *name = NULL;
	unsigned int r, i;
	u64 t0;
	int err;

	nbs = kcalloc(BENCH_SUBSCRIBERS, sizeof(*nbs), GFP_KERNEL);
	if (!nbs)
		return -ENOMEM;
	bench_subscribed = n;
	err = ifreg_register_interface(bench.pdo, &bench_notify_guid, "notify", &name);
	if (err < 0)
		goto out;
	for (i = 0; i < n; i++) {
		err = ifreg_register_notification(&bench_notify_guid, 0, bench_notify,
						  NULL, &subs[i]);
		if (err < 0)
			goto out;
		nbs[i].notifier_call = bench_chain_call;
		err = blocking_notifier_chain_register(&bench_chain, &nbs[i]);
		if (err)
			goto out;
	}
	for (r = 0; r < reps; r++) {
		bench_quiesce();
		atomic_set(&bench_calls, 0);
		reinit_completion(&bench_last);
		t0 = ktime_get_ns();
		err = ifreg_set_interface_state(name, true);
		if (err < 0)
			goto out;
		wait_for_completion(&bench_last);
		bench.t[r] = ktime_get_ns() - t0;
		/* The removals, untimed. */
		atomic_set(&bench_calls, 0);
		reinit_completion(&bench_last);
		err = ifreg_set_interface_state(name, false);
		if (err < 0)
			goto out;
		wait_for_completion(&bench_last);

		bench_quiesce();
		atomic_set(&bench_calls, 0);
		reinit_completion(&bench_last);
		t0 = ktime_get_ns();
		dev = bench_base_dev();
		if (IS_ERR(dev)) {
			err = PTR_ERR(dev);
			goto out;
		}
		queue_work(system_wq, &bench_work);
		wait_for_completion(&bench_last);
		bench.b[r] = ktime_get_ns() - t0;
		bench_base_dev_del(dev);
	}
	err = 0;
out:
	for (i = 0; i < BENCH_SUBSCRIBERS; i++) {
		if (nbs[i].notifier_call)
			blocking_notifier_chain_unregister(&bench_chain, &nbs[i]);
		if (subs[i])
			ifreg_unregister_notification(subs[i]);
	}
	flush_work(&bench_work);
	if (name) {
		ifreg_remove_interface(name);
		kfree(name);
	}
	kfree(nbs);
	return err;
}

/*
 * notify64, and what each subscriber past the first adds: notify64's
 * medians less those with one subscriber, over 63.
 */
static int bench_notify64(unsigned int size)
{
	u64 t1, b1, t64, b64;
	int err;

	err = bench_notify_n(1);
	if (err)
		return err;
	t1 = bench_median(bench.t, reps);
	b1 = bench_median(bench.b, reps);
	err = bench_notify_n(BENCH_SUBSCRIBERS);
	if (err)
		return err;
	bench_report_runs("notify64", size);
	t64 = bench_median(bench.t, reps);
	b64 = bench_median(bench.b, reps);
	bench_report("notify_per_subscriber", size,
		     div_u64(t64 - min(t1, t64), BENCH_SUBSCRIBERS - 1),
		     div_u64(b64 - min(b1, b64), BENCH_SUBSCRIBERS - 1));
	return 0;
}

/*
 * Adding and deleting a device of the PDO's class (watched by ifreg) with
 * no registration waiting for its device, then with the whole big class
 * waiting: the PDO is deleted for it and added back after.
 */
static int bench_add_one(u64 *out)
{
	struct device *dev;
	unsigned int i;
	u64 t0;

	bench_quiesce();
	t0 = ktime_get_ns();
	for (i = 0; i < BENCH_HEAVY; i++) {
		dev = device_create(bench.cls, NULL, MKDEV(0, 0), NULL, "u%u", bench.seq++);
		if (IS_ERR(dev))
			return PTR_ERR(dev);
		device_unregister(dev);
	}
	*out = div_u64(ktime_get_ns() - t0, BENCH_HEAVY);
	return 0;
}

static int bench_waiting(unsigned int size)
{
	unsigned int r;
	int err;

	for (r = 0; r < reps; r++) {
		err = bench_add_one(&bench.b[r]);
		if (err)
			return err;
	}
	bench_pdos_del(size);
	for (r = 0; r < reps; r++) {
		err = bench_add_one(&bench.t[r]);
		if (err)
			return err;
	}
	bench_report_runs("add_dev_waiting", size);
	return 0;
}

/*
 * Slab bytes per enabled instance (enabling registered ones) against
 * per class device with its link.
 */
static int bench_mem_enabled(unsigned int size)
{
	unsigned int i, n = BENCH_MEM_ENABLED;
	struct device **devs;
	u64 s0, s1, s2;
	int err = 0;

	devs = kcalloc(n, sizeof(*devs), GFP_KERNEL);
	if (!devs)
		return -ENOMEM;
	s0 = bench_slab_bytes();
	for (i = 0; i < n && !err; i++)
		err = ifreg_set_interface_state(bench.names[2 * i + 1], true);
	s1 = bench_slab_bytes();
	for (i = 0; i < n; i++)
		ifreg_set_interface_state(bench.names[2 * i + 1], false);
	if (err < 0)
		goto out;
	s0 = bench_slab_bytes();
	for (i = 0; i < n; i++) {
		devs[i] = bench_base_dev();
		if (IS_ERR(devs[i])) {
			err = PTR_ERR(devs[i]);
			devs[i] = NULL;
			break;
		}
	}
	s2 = bench_slab_bytes();
	if (!err)
		bench_report("slab_per_enabled", size, div_u64(s1 - min(s1, s0), n),
			     div_u64(s2 - min(s2, s0), n));
	for (i = 0; i < n && devs[i]; i++)
		bench_base_dev_del(devs[i]);
	err = min(err, 0);
out:
	kfree(devs);
	return err;
}

/* One NDIS interface, with its NetLuidIndex. */
static int bench_ndis_add(unsigned int i)
{
	static const struct ifreg_ndis_if_info info = {
		.access_type = IFREG_ACCESS_BROADCAST,
		.oper_status = IFREG_OPER_UP,
		.admin_status = IFREG_ADMIN_UP,
	};
	struct bench_ndis *e = &bench.ndis[i];
	u32 idx;
	int err;

	err = ifreg_ndis_allocate_luid_index(&init_net, IFREG_IF_TYPE_OTHER, &idx);
	if (err)
		return err;
	e->luid = ifreg_net_luid(IFREG_IF_TYPE_OTHER, idx);
	err = ifreg_ndis_register_interface(&init_net, bench.provider, e->luid, e,
					    &info, &e->ifindex);
	if (err)
		ifreg_ndis_free_luid_index(&init_net, IFREG_IF_TYPE_OTHER, idx);
	return err;
}

/*
 * ifreg_ndis_ifindex_from_luid() and ifreg_ndis_luid_from_ifindex() of
 * interfaces spread over the table, against xa_load() of the same ones.
 */
static struct bench_ndis *bench_ndis_at(unsigned int size, unsigned int i)
{
	return &bench.ndis[i * (size / BENCH_BATCH)];
}

static int bench_op_luid_to_ifindex(unsigned int size, unsigned int i)
{
	u32 ifindex;

	return ifreg_ndis_ifindex_from_luid(&init_net, bench_ndis_at(size, i)->luid,
					    &ifindex);
}

static int bench_op_ifindex_to_luid(unsigned int size, unsigned int i)
{
	u64 luid;

	return ifreg_ndis_luid_from_ifindex(&init_net, bench_ndis_at(size, i)->ifindex,
					    &luid);
}

static int bench_base_xa_load(unsigned int size, unsigned int i)
{
	return xa_load(&bench.xa, i * (size / BENCH_BATCH)) ? 0 : -ENOENT;
}

/* Its baseline twin: a copy, in an xarray. */
static int bench_xa_add(unsigned int i)
{
	struct bench_ndis *e;
	u32 id;
	int err;

	e = kmalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	*e = bench.ndis[i];
	err = xa_alloc(&bench.xa, &id, e, xa_limit_32b, GFP_KERNEL);
	if (err)
		kfree(e);
	return err;
}

/*
 * NDIS: the table grown to @size ("ndis_register": a NetLuidIndex
 * allocated and an interface registered, against an xarray insert), and
 * its lookups.
 */
static int bench_ndis(unsigned int size)
{
	int err;

	err = bench_grow("ndis_register", size, &bench.ndis_count, bench_ndis_add,
			 bench_xa_add);
	if (err)
		return err;

	err = bench_pair("ndis_luid_to_ifindex", size, BENCH_BATCH,
			 bench_op_luid_to_ifindex, bench_base_xa_load, NULL);
	if (!err)
		err = bench_pair("ndis_ifindex_to_luid", size, BENCH_BATCH,
				 bench_op_ifindex_to_luid, bench_base_xa_load, NULL);
	return err;
}

/* The figures taken with the ten enabled, in order. */
static int (* const bench_steps[])(unsigned int size) = {
	bench_figures, bench_notify64, bench_mem_enabled, bench_dump,
};

/*
 * Every figure at @size: the big class grown to it from nothing and taken
 * away again, the NDIS table grown to it.
 */
static int bench_size(unsigned int size)
{
	unsigned int i;
	u64 slab0;
	int err;

	/* Its devices first, so that the slab figure counts ifreg alone. */
	err = bench_pdos_add(size);
	if (err)
		return err;
	slab0 = bench_slab_bytes();
	err = bench_grow("register", size, &bench.count, bench_register_one,
			 bench_base_insert);
	if (!err) {
		u64 s = bench_slab_bytes(), own = bench_own_slab_bytes(size);

		/* ifreg's alone: the names it handed out are the caller's. */
		pr_info("RUNS slab_per_registered %u: %llu in all, %llu the bench's\n",
			size, s - min(s, slab0), own);
		s -= min(s, own);
		bench_report("slab_per_registered", size,
			     div_u64(s - min(s, slab0), size), 0);
		err = bench_set_ten(size, true);
	}
	for (i = 0; i < ARRAY_SIZE(bench_steps) && !err; i++)
		err = bench_steps[i](size);
	if (!err)
		err = bench_set_ten(size, false);
	if (!err)
		err = bench_waiting(size);
	bench_clear();
	if (!err)
		err = bench_ndis(size);
	return err;
}

static int bench_parse(unsigned int *out, unsigned int *n)
{
	char *s, *p, *tok;
	int err = 0;

	s = kstrdup(sizes, GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	p = s;
	*n = 0;
	while ((tok = strsep(&p, ",")) && !err) {
		if (*n == BENCH_MAX_SIZES)
			err = -E2BIG;
		else if (kstrtouint(tok, 10, &out[*n]) ||
			 out[*n] < BENCH_MIN_SIZE ||
			 (*n && out[*n] <= out[*n - 1]))
			err = -EINVAL;
		else
			(*n)++;
	}
	kfree(s);
	return err;
}

/* class_create() lost its owner argument in 6.4. */
#ifdef IFREG_HAVE_CLASS_OWNER
#define bench_class_create(name) class_create(THIS_MODULE, name)
#else
#define bench_class_create(name) class_create(name)
#endif

static int bench_setup(void)
{
	unsigned int i;
	int err;

	bench.names = kvcalloc(bench.max, sizeof(*bench.names), GFP_KERNEL);
	bench.ents = kvcalloc(bench.max, sizeof(*bench.ents), GFP_KERNEL);
	bench.ndis = kvcalloc(bench.max, sizeof(*bench.ndis), GFP_KERNEL);
	bench.pdos = kvcalloc(DIV_ROUND_UP(bench.max, BENCH_PER_PDO), sizeof(*bench.pdos),
			      GFP_KERNEL);
	if (!bench.names || !bench.ents || !bench.ndis || !bench.pdos)
		return -ENOMEM;
	err = rhashtable_init(&bench.ht, &bench_ht_params);
	if (err)
		return err;
	bench.ht_ready = true;
	xa_init_flags(&bench.xa, XA_FLAGS_ALLOC);
	bench.cls = bench_class_create("ifreg_bench");
	if (IS_ERR(bench.cls))
		return PTR_ERR(bench.cls);
	bench.base_cls = bench_class_create("ifreg_bench_base");
	if (IS_ERR(bench.base_cls))
		return PTR_ERR(bench.base_cls);
	bench.base_cls->dev_uevent = bench_base_uevent;
	bench.pdo = device_create(bench.cls, NULL, MKDEV(0, 0), NULL, "pdo0");
	if (IS_ERR(bench.pdo))
		return PTR_ERR(bench.pdo);
	for (i = 0; i < BENCH_ENABLED; i++) {
		bench.walk[i] = device_create(bench.base_cls, NULL, MKDEV(0, 0), NULL,
					      "walk%u", i);
		if (IS_ERR(bench.walk[i]))
			return PTR_ERR(bench.walk[i]);
	}
	return ifreg_ndis_register_provider(&bench_ndis_ops, &bench, &bench.provider);
}

static void bench_free_ent(void *ptr, void *arg)
{
	struct bench_ent *e = ptr;

	kfree(e->key);
	kfree(e);
}

static void bench_teardown(void)
{
	unsigned long id;
	unsigned int i;
	void *p;

	for (i = 0; i < bench.ndis_count; i++)
		ifreg_ndis_deregister_interface(&init_net, bench.ndis[i].ifindex);
	for (i = 0; i < bench.ndis_count; i++)
		ifreg_ndis_free_luid_index(&init_net, IFREG_IF_TYPE_OTHER,
					   ifreg_net_luid_index(bench.ndis[i].luid));
	if (!IS_ERR_OR_NULL(bench.provider))
		ifreg_ndis_deregister_provider(bench.provider);
	xa_for_each(&bench.xa, id, p)
		kfree(p);
	xa_destroy(&bench.xa);
	if (bench.names && bench.ents && bench.pdos)
		bench_clear();
	if (bench.ht_ready)
		rhashtable_free_and_destroy(&bench.ht, bench_free_ent, NULL);
	for (i = 0; i < BENCH_ENABLED; i++)
		if (!IS_ERR_OR_NULL(bench.walk[i]))
			device_unregister(bench.walk[i]);
	if (!IS_ERR_OR_NULL(bench.pdo))
		device_unregister(bench.pdo);
	if (!IS_ERR_OR_NULL(bench.base_cls))
		class_destroy(bench.base_cls);
	if (!IS_ERR_OR_NULL(bench.cls))
		class_destroy(bench.cls);
	kvfree(bench.pdos);
	kvfree(bench.ndis);
	kvfree(bench.ents);
	kvfree(bench.names);
}

static int __init bench_init(void)
{
	unsigned int sz[BENCH_MAX_SIZES], n, i;
	int err;

	if (reps < 3 || reps > BENCH_MAX_REPS)
		return -EINVAL;
	err = bench_parse(sz, &n);
	if (err || !n) {
		pr_err("ERROR sizes=%s: ascending, each at least %u\n", sizes,
		       BENCH_MIN_SIZE);
		return -EINVAL;
	}
	bench.max = sz[n - 1];
	err = bench_setup();
	if (err) {
		pr_err("ERROR setup: %d\n", err);
		goto out;
	}
	for (i = 0; i < n; i++) {
		pr_info("SIZE %u\n", sz[i]);
		err = bench_size(sz[i]);
		if (err) {
			pr_err("ERROR at size %u: %d\n", sz[i], err);
			goto out;
		}
	}
	pr_info("DONE\n");
	return 0;
out:
	bench_teardown();
	return err;
}

static void __exit bench_exit(void)
{
	bench_teardown();
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_DESCRIPTION("ifreg benchmark against the kernel's own primitives");
MODULE_LICENSE("GPL");
