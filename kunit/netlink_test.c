// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_netlink: the generic netlink family as user space meets
 * it, through a netlink socket of the initial namespace. A refused dump
 * answers the error with its message and leaves nothing behind (what a
 * case leaked, the kmemleak scan after the suites reports); an instance's
 * store is answered whole in one reply when it fits, refused with
 * -EMSGSIZE when it does not, and always whole, entry by entry, by the
 * IFREG_CMD_STORE_GET dump, however large its entries. A restore's checks
 * count what records ahead add without wrapping.
 */

#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/mm.h>
#include <linux/net.h>
#include <linux/netlink.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include <ifreg/ndis.h>

#include "ndis_resv.h"
#include "netlink.h"
#include "store.h"
#include "util.h"

/*
 * A dump whose request is refused (a class that is not a GUID, with or
 * without a device filter; a store dump of no instance) answers that
 * error with its message, each of many times, and leaves nothing.
 */
static void refused_dump_leaves_nothing(struct kunit *test)
{
	struct kt_nl *nl = kt_nl_open(test);
	struct sk_buff *skb;
	int i;

	for (i = 0; i < 256; i++) {
		skb = kt_nl_msg(test, nl, IFREG_CMD_INTERFACE_GET, NLM_F_DUMP);
		kt_put_string(test, skb, IFREG_A_CLASS, "{not-a-guid}");
		if (i & 1)
			kt_put_string(test, skb, IFREG_A_PDO, "/sys/devices/platform");
		KUNIT_ASSERT_EQ(test, kt_nl_talk(test, nl, skb, NULL, NULL), -EINVAL);
		KUNIT_EXPECT_STREQ(test, nl->extack, "not a GUID in braces");
	}
	for (i = 0; i < 64; i++) {
		skb = kt_nl_msg(test, nl, IFREG_CMD_STORE_GET, NLM_F_DUMP);
		kt_put_string(test, skb, IFREG_A_SYMBOLIC_LINK, "\\??\\NOPE#x#{0}");
		KUNIT_ASSERT_EQ(test, kt_nl_talk(test, nl, skb, NULL, NULL), -ENOENT);
		KUNIT_EXPECT_STREQ(test, nl->extack, "no such interface");
	}
}

/* What a case expects of a store: @n values named by kt_value_name(). */
struct kt_store {
	char *link;
	int n;			/* entries */
	size_t size;		/* bytes of each */
	int seen;		/* entries answered so far, in order */
	bool store_attr;	/* a reply carried IFREG_A_STORE */
};

/* Value @i's name: its number, then 'n' up to @len characters. */
static void kt_value_name(char *buf, int i, size_t len)
{
	memset(buf, 'n', len);
	buf[len] = '\0';
	memcpy(buf, "v000", 4);
	buf[1] = '0' + i / 100;
	buf[2] = '0' + i / 10 % 10;
	buf[3] = '0' + i % 10;
}

#define KT_NAME_LEN 200

/* Instance @id with @n values of @size bytes, each its number repeated. */
static struct kt_store kt_store_fill(struct kunit *test, int id, int n, size_t size)
{
	struct platform_device *pd = ifreg_kt_pdev(test, id);
	guid_t g = ifreg_kt_guid(test, 40);
	struct kt_store s = { .n = n, .size = size };
	char name[KT_NAME_LEN + 1];
	u8 *data;
	int i;

	s.link = ifreg_kt_register(test, &pd->dev, &g, NULL);
	data = kunit_kzalloc(test, size ?: 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, data);
	for (i = 0; i < n; i++) {
		kt_value_name(name, i, KT_NAME_LEN);
		memset(data, i, size);
		KUNIT_ASSERT_EQ(test, ifreg_set_interface_value(s.link, name, data, size,
								IFREG_STORE_PERSISTENT), 0);
	}
	return s;
}

/* One entry, as a nest or a dump's message holds it: the next one expected. */
static void kt_check_entry(struct kunit *test, struct kt_store *s, struct nlattr **tb)
{
	char name[KT_NAME_LEN + 1];
	const u8 *data;
	size_t i;

	KUNIT_ASSERT_LT(test, s->seen, s->n);
	kt_value_name(name, s->seen, KT_NAME_LEN);
	KUNIT_ASSERT_NOT_NULL(test, tb[IFREG_A_VALUE_NAME]);
	KUNIT_ASSERT_NOT_NULL(test, tb[IFREG_A_DATA]);
	KUNIT_ASSERT_NOT_NULL(test, tb[IFREG_A_STORE_FLAGS]);
	KUNIT_EXPECT_STREQ(test, (char *)nla_data(tb[IFREG_A_VALUE_NAME]), name);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[IFREG_A_STORE_FLAGS]), IFREG_STORE_PERSISTENT);
	KUNIT_ASSERT_EQ(test, nla_len(tb[IFREG_A_DATA]), s->size);
	data = nla_data(tb[IFREG_A_DATA]);
	for (i = 0; i < s->size; i++)
		KUNIT_ASSERT_EQ(test, data[i], (u8)s->seen);
	s->seen++;
}

/* The reply to IFREG_CMD_INTERFACE_GET: the instance, and its store if any. */
static void kt_show_fn(struct kunit *test, const struct nlmsghdr *nlh,
		       struct nlattr **tb, void *ctx)
{
	struct nlattr *et[IFREG_A_MAX + 1];
	struct kt_store *s = ctx;
	struct nlattr *e;
	int rem;

	KUNIT_ASSERT_NOT_NULL(test, tb[IFREG_A_SYMBOLIC_LINK]);
	KUNIT_EXPECT_STREQ(test, (char *)nla_data(tb[IFREG_A_SYMBOLIC_LINK]), s->link);
	if (!tb[IFREG_A_STORE])
		return;
	s->store_attr = true;
	nla_for_each_nested(e, tb[IFREG_A_STORE], rem) {
		KUNIT_ASSERT_EQ(test, nla_type(e), IFREG_A_STORE_ENTRY);
		KUNIT_ASSERT_EQ(test, __nla_parse(et, IFREG_A_MAX, nla_data(e), nla_len(e),
						  NULL, NL_VALIDATE_TRAILING, NULL), 0);
		kt_check_entry(test, s, et);
	}
	KUNIT_EXPECT_EQ(test, rem, 0);
}

/* A message of the IFREG_CMD_STORE_GET dump: one entry. */
static void kt_store_fn(struct kunit *test, const struct nlmsghdr *nlh,
			struct nlattr **tb, void *ctx)
{
	KUNIT_EXPECT_TRUE(test, nlh->nlmsg_flags & NLM_F_MULTI);
	kt_check_entry(test, ctx, tb);
}

static int kt_show(struct kunit *test, struct kt_nl *nl, struct kt_store *s, u32 flags)
{
	struct sk_buff *skb = kt_nl_msg(test, nl, IFREG_CMD_INTERFACE_GET, NLM_F_ACK);

	kt_put_string(test, skb, IFREG_A_SYMBOLIC_LINK, s->link);
	if (flags)
		KUNIT_ASSERT_EQ(test, nla_put_u32(skb, IFREG_A_FLAGS, flags), 0);
	s->seen = 0;
	s->store_attr = false;
	return kt_nl_talk(test, nl, skb, kt_show_fn, s);
}

static int kt_store_dump(struct kunit *test, struct kt_nl *nl, struct kt_store *s)
{
	struct sk_buff *skb = kt_nl_msg(test, nl, IFREG_CMD_STORE_GET, NLM_F_DUMP);

	kt_put_string(test, skb, IFREG_A_SYMBOLIC_LINK, s->link);
	s->seen = 0;
	return kt_nl_talk(test, nl, skb, kt_store_fn, s);
}

/* A store under 64 KiB is in the reply to a show, whole and well formed. */
static void store_that_fits_is_answered_whole(struct kunit *test)
{
	struct kt_nl *nl = kt_nl_open(test);
	struct kt_store s;

	/* The default caps at their fullest: 64 entries, 32 KiB of data. */
	s = kt_store_fill(test, 120, 64, IFREG_STORE_MAX_BYTES / 64);
	KUNIT_ASSERT_EQ(test, kt_show(test, nl, &s, 0), 0);
	KUNIT_EXPECT_TRUE(test, s.store_attr);
	KUNIT_EXPECT_EQ(test, s.seen, 64);
	KUNIT_ASSERT_EQ(test, kt_store_dump(test, nl, &s), 0);
	KUNIT_EXPECT_EQ(test, s.seen, 64);
}

/*
 * A store too large for one attribute (more entries than the default cap)
 * is never answered cut or malformed: the show is -EMSGSIZE, says why, and
 * answers without it when asked to; the dump has every entry.
 */
static void store_too_large_for_a_reply_is_dumped(struct kunit *test)
{
	unsigned int saved = ifreg_max_store_entries;
	struct kt_nl *nl = kt_nl_open(test);
	struct kt_store s;

	ifreg_max_store_entries = 600;
	s = kt_store_fill(test, 121, 600, 16);
	ifreg_max_store_entries = saved;

	KUNIT_EXPECT_EQ(test, kt_show(test, nl, &s, 0), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, s.seen, 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(nl->extack, "IFREG_CMD_STORE_GET"));
	KUNIT_EXPECT_EQ(test, kt_show(test, nl, &s, IFREG_F_NO_STORE), 0);
	KUNIT_EXPECT_FALSE(test, s.store_attr);
	KUNIT_ASSERT_EQ(test, kt_store_dump(test, nl, &s), 0);
	KUNIT_EXPECT_EQ(test, s.seen, 600);
}

/* Entries larger than a page, up to the store's whole size, each dumped whole. */
static void store_dump_carries_the_largest_entries(struct kunit *test)
{
	unsigned int saved = ifreg_max_store_size;
	struct kt_nl *nl = kt_nl_open(test);
	struct kt_store s;

	s = kt_store_fill(test, 122, 8, 4096);
	KUNIT_ASSERT_EQ(test, kt_store_dump(test, nl, &s), 0);
	KUNIT_EXPECT_EQ(test, s.seen, 8);

	ifreg_max_store_size = IFREG_STORE_MAX_BYTES;
	s = kt_store_fill(test, 123, 1, IFREG_STORE_MAX_BYTES);
	ifreg_max_store_size = saved;
	KUNIT_ASSERT_EQ(test, kt_store_dump(test, nl, &s), 0);
	KUNIT_EXPECT_EQ(test, s.seen, 1);
	KUNIT_ASSERT_EQ(test, kt_show(test, nl, &s, 0), 0);
	KUNIT_EXPECT_EQ(test, s.seen, 1);
}

static void kt_ignore_fn(struct kunit *test, const struct nlmsghdr *nlh,
			 struct nlattr **tb, void *ctx)
{
}

#define KT_AHEAD_IFTYPE	0xf0a0

/*
 * An IFREG_F_CHECK request with what records ahead of it add (@attr,
 * or none when 0) set to U32_MAX: the check's answer.
 */
static int kt_check_ahead(struct kunit *test, struct kt_nl *nl, u8 cmd, int attr,
			  const char *link, const char *class, const char *key)
{
	struct sk_buff *skb = kt_nl_msg(test, nl, cmd, NLM_F_ACK);

	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, IFREG_A_FLAGS, IFREG_F_CHECK), 0);
	if (attr)
		KUNIT_ASSERT_EQ(test, nla_put_u32(skb, attr, U32_MAX), 0);
	switch (cmd) {
	case IFREG_CMD_INTERFACE_RESTORE:
		kt_put_string(test, skb, IFREG_A_INSTANCE_PATH, "PLATFORM\\ifreg-kt-ahead");
		kt_put_string(test, skb, IFREG_A_CLASS, class);
		break;
	case IFREG_CMD_STORE_SET:
		kt_put_string(test, skb, IFREG_A_SYMBOLIC_LINK, link);
		kt_put_string(test, skb, IFREG_A_VALUE_NAME, "ahead");
		KUNIT_ASSERT_EQ(test, nla_put(skb, IFREG_A_DATA, 1, "a"), 0);
		break;
	case IFREG_CMD_LUID_RESERVE:
		KUNIT_ASSERT_EQ(test, nla_put_u16(skb, IFREG_A_IFTYPE, KT_AHEAD_IFTYPE), 0);
		KUNIT_ASSERT_EQ(test, nla_put_u32(skb, IFREG_A_LUID_INDEX, 2), 0);
		if (key)
			kt_put_string(test, skb, IFREG_A_LUID_KEY, key);
		break;
	}
	return kt_nl_talk(test, nl, skb, kt_ignore_fn, NULL);
}

/*
 * A restore's check counts in what the store's records before it add
 * (IFREG_A_AHEAD_*). A count so large that, added to what ifreg holds,
 * it would wrap past zero is over every cap: -ENOSPC, never a yes.
 */
static void check_ahead_counts_do_not_wrap(struct kunit *test)
{
	static const char *key = "/sys/devices/virtual/net/ifreg-kt-ahead";
	static const char *other = "/sys/devices/virtual/net/ifreg-kt-other";
	struct platform_device *pd = ifreg_kt_pdev(test, 124);
	struct kt_nl *nl = kt_nl_open(test);
	guid_t g = ifreg_kt_guid(test, 41), fresh = ifreg_kt_guid(test, 42);
	char class[IFREG_GUID_STRLEN + 1], new_class[IFREG_GUID_STRLEN + 1];
	const u8 restore = IFREG_CMD_INTERFACE_RESTORE, set = IFREG_CMD_STORE_SET;
	const u8 reserve = IFREG_CMD_LUID_RESERVE;
	const char *link;

	/* Something of each kind held, so that a wrapped sum would be small. */
	link = ifreg_kt_register(test, &pd->dev, &g, NULL);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_value(link, "held", "h", 1, 0), 0);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_reserve_luid_index(&init_net, KT_AHEAD_IFTYPE, 1,
							    key, NULL), 0);
	snprintf(class, sizeof(class), "{%pUl}", &g);
	snprintf(new_class, sizeof(new_class), "{%pUl}", &fresh);

	KUNIT_EXPECT_EQ(test, kt_check_ahead(test, nl, restore, 0, NULL, class, NULL), 0);
	KUNIT_EXPECT_EQ(test, kt_check_ahead(test, nl, restore, IFREG_A_AHEAD_INSTANCES,
					     NULL, class, NULL), -ENOSPC);
	KUNIT_EXPECT_EQ(test, kt_check_ahead(test, nl, restore, IFREG_A_AHEAD_CLASS_INSTANCES,
					     NULL, class, NULL), -ENOSPC);
	KUNIT_EXPECT_EQ(test, kt_check_ahead(test, nl, restore, 0, NULL, new_class, NULL), 0);
	KUNIT_EXPECT_EQ(test, kt_check_ahead(test, nl, restore, IFREG_A_AHEAD_CLASSES,
					     NULL, new_class, NULL), -ENOSPC);

	KUNIT_EXPECT_EQ(test, kt_check_ahead(test, nl, set, 0, link, NULL, NULL), 0);
	KUNIT_EXPECT_EQ(test, kt_check_ahead(test, nl, set, IFREG_A_AHEAD_ENTRIES,
					     link, NULL, NULL), -ENOSPC);

	KUNIT_EXPECT_EQ(test, kt_check_ahead(test, nl, reserve, 0, NULL, NULL, other), 0);
	KUNIT_EXPECT_EQ(test, kt_check_ahead(test, nl, reserve, IFREG_A_AHEAD_LUID_INDEXES,
					     NULL, NULL, NULL), -ENOSPC);
	KUNIT_EXPECT_EQ(test, kt_check_ahead(test, nl, reserve, IFREG_A_AHEAD_RESERVATIONS,
					     NULL, NULL, other), -ENOSPC);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_AHEAD_IFTYPE, 1), 0);
}

/* A reply's IFREG_A_PDO, into the case's buffer. */
static void kt_pdo_fn(struct kunit *test, const struct nlmsghdr *nlh,
		      struct nlattr **tb, void *ctx)
{
	KUNIT_ASSERT_NOT_NULL(test, tb[IFREG_A_PDO]);
	nla_strscpy(ctx, tb[IFREG_A_PDO], PATH_MAX);
}

/*
 * The reply to a register names the PDO by "/sys" and its sysfs path,
 * made without allocating (the change is made by then): the same path
 * kobject_get_path() makes.
 */
static void register_reply_names_the_pdo(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 125);
	struct kt_nl *nl = kt_nl_open(test);
	guid_t g = ifreg_kt_guid(test, 43);
	char class[IFREG_GUID_STRLEN + 1];
	char *want, *got, *path;
	struct sk_buff *skb;
	char *link = NULL;

	snprintf(class, sizeof(class), "{%pUl}", &g);
	got = kunit_kzalloc(test, PATH_MAX, GFP_KERNEL);
	want = kunit_kzalloc(test, PATH_MAX, GFP_KERNEL);
	path = kobject_get_path(&pd->dev.kobj, GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, got && want && path);
	snprintf(want, PATH_MAX, "/sys%s", path);
	kfree(path);

	skb = kt_nl_msg(test, nl, IFREG_CMD_INTERFACE_REGISTER, NLM_F_ACK);
	kt_put_string(test, skb, IFREG_A_PDO, want);
	kt_put_string(test, skb, IFREG_A_CLASS, class);
	KUNIT_ASSERT_EQ(test, kt_nl_talk(test, nl, skb, kt_pdo_fn, got), 0);
	KUNIT_EXPECT_STREQ(test, got, want);
	/* The same registration, from the driver: its name, to remove it. */
	KUNIT_ASSERT_EQ(test, ifreg_register_interface(&pd->dev, &g, NULL, &link),
			IFREG_EXISTS);
	KUNIT_EXPECT_EQ(test, ifreg_remove_interface(link), 0);
	kfree(link);
}

#define KT_DUMP_N	2000
/* Enabled ones cost a device each: fewer, still more than two rounds hold. */
#define KT_DUMP_ENABLED_N 800

/* A dump of KT_DUMP_N instances, and what one callback does to it. */
struct kt_dump {
	char *links[KT_DUMP_N];
	int seen[KT_DUMP_N];	/* times each was answered */
	int last;		/* the number last answered, -1 before */
	int messages;
	bool interrupted;	/* a message said NLM_F_DUMP_INTR */
	int gone_from, gone_to;	/* removed while the dump runs, or 0, 0 */
	bool enabled_only;	/* a dump of the enabled, which go by disabling */
};

/* In a dump of the enabled: three of every four are. */
static bool kt_dump_enabled(int i)
{
	return i % 4 != 3;
}

static void kt_dump_fn(struct kunit *test, const struct nlmsghdr *nlh,
		       struct nlattr **tb, void *ctx)
{
	struct kt_dump *d = ctx;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, tb[IFREG_A_REFERENCE]);
	KUNIT_ASSERT_EQ(test, kstrtouint((char *)nla_data(tb[IFREG_A_REFERENCE]) + 1,
					 10, &i), 0);
	KUNIT_ASSERT_LT(test, i, KT_DUMP_N);
	/* In order of registration, each once. */
	KUNIT_EXPECT_GT(test, (int)i, d->last);
	d->last = i;
	d->seen[i]++;
	d->interrupted |= !!(nlh->nlmsg_flags & NLM_F_DUMP_INTR);
	/* After the first, the ones around where the first round ends go. */
	if (d->messages++ != 1)
		return;
	for (i = d->gone_from; i < d->gone_to; i++) {
		if (!d->enabled_only)
			KUNIT_ASSERT_EQ(test, ifreg_remove_interface(d->links[i]), 0);
		else if (kt_dump_enabled(i))
			KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(d->links[i], false), 0);
	}
}

static void kt_dump_run(struct kunit *test, struct kt_dump *d, const guid_t *g)
{
	struct kt_nl *nl = kt_nl_open(test);
	char class[IFREG_GUID_STRLEN + 1];
	struct sk_buff *skb;

	snprintf(class, sizeof(class), "{%pUl}", g);
	d->last = -1;
	skb = kt_nl_msg(test, nl, IFREG_CMD_INTERFACE_GET, NLM_F_DUMP);
	kt_put_string(test, skb, IFREG_A_CLASS, class);
	if (!d->enabled_only)
		KUNIT_ASSERT_EQ(test, nla_put_u32(skb, IFREG_A_FLAGS,
						  IFREG_F_INCLUDE_NONACTIVE), 0);
	KUNIT_ASSERT_EQ(test, kt_nl_talk(test, nl, skb, kt_dump_fn, d), 0);
}

static void kt_dump_cleanup(struct kt_dump *d)
{
	int i;

	for (i = 0; i < KT_DUMP_N; i++) {
		if (d->links[i]) {
			ifreg_set_interface_state(d->links[i], false);
			ifreg_remove_interface(d->links[i]);
		}
		kfree(d->links[i]);
	}
}

/*
 * A dump of more instances than the socket's buffer holds (the kernel
 * makes rounds ahead while there is room) goes on from where each round
 * ended: every instance once, in order. When instances
 * go while it runs (the one it stopped at among them), it says so
 * (NLM_F_DUMP_INTR) and still answers every instance that was there
 * throughout, once: no round starts over, and none skips. The same for a
 * dump of the enabled alone (which walks the class's enabled ones), when
 * instances are disabled while it runs: 600 enabled of 800 there, as each
 * costs a device (a round holds about a hundred, and the kernel makes the
 * next as the first is read).
 */
static void instance_dump_goes_on_where_it_stopped(struct kunit *test)
{
	struct platform_device *pd = ifreg_kt_pdev(test, 126);
	guid_t g = ifreg_kt_guid(test, 44);
	struct kt_dump *d;
	int i, n, pass, gone;
	char ref[8];

	d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, d);
	/* Every instance, then with removals; the enabled, with disabling. */
	for (pass = 0; pass < 3; pass++) {
		memset(d, 0, sizeof(*d));
		d->enabled_only = pass == 2;
		n = d->enabled_only ? KT_DUMP_ENABLED_N : KT_DUMP_N;
		for (i = 0; i < n; i++) {
			snprintf(ref, sizeof(ref), "r%04d", i);
			KUNIT_ASSERT_EQ(test, ifreg_register_interface(&pd->dev, &g, ref,
								       &d->links[i]), 0);
			if (d->enabled_only && kt_dump_enabled(i))
				KUNIT_ASSERT_EQ(test,
						ifreg_set_interface_state(d->links[i], true), 0);
		}
		if (pass) {
			d->gone_from = 5;
			d->gone_to = d->enabled_only ? n * 3 / 4 : n / 2;
		}
		kt_dump_run(test, d, &g);
		gone = 0;
		for (i = d->gone_from; i < d->gone_to; i++)
			gone += !d->seen[i] && (!d->enabled_only || kt_dump_enabled(i));
		/* Gone before a later round reached them: more than one round. */
		if (pass)
			KUNIT_EXPECT_GT(test, gone, 0);
		for (i = 0; i < n; i++) {
			if (d->enabled_only && !kt_dump_enabled(i))
				KUNIT_EXPECT_EQ_MSG(test, d->seen[i], 0, "instance %d", i);
			else if (i >= d->gone_from && i < d->gone_to)
				KUNIT_EXPECT_LE_MSG(test, d->seen[i], 1, "instance %d", i);
			else
				KUNIT_EXPECT_EQ_MSG(test, d->seen[i], 1, "instance %d", i);
		}
		KUNIT_EXPECT_EQ(test, d->interrupted, !!pass);
		if (!d->enabled_only) {
			for (i = d->gone_from; i < d->gone_to; i++) {
				kfree(d->links[i]);
				d->links[i] = NULL;
			}
		}
		kt_dump_cleanup(d);
	}
}

/* The reference strings a dump answered, one letter each, in order. */
static void kt_refs_fn(struct kunit *test, const struct nlmsghdr *nlh,
		       struct nlattr **tb, void *ctx)
{
	char *refs = ctx;
	size_t n = strlen(refs);

	KUNIT_ASSERT_NOT_NULL(test, tb[IFREG_A_REFERENCE]);
	KUNIT_ASSERT_LT(test, n, (size_t)15);
	refs[n] = *(char *)nla_data(tb[IFREG_A_REFERENCE]);
	refs[n + 1] = '\0';
}

/* A dump of class @g on the device at @path ("" for no filter). */
static void kt_dump_on(struct kunit *test, const guid_t *g, const char *path,
		       u32 flags, char *refs)
{
	struct kt_nl *nl = kt_nl_open(test);
	char class[IFREG_GUID_STRLEN + 1];
	struct sk_buff *skb;

	refs[0] = '\0';
	snprintf(class, sizeof(class), "{%pUl}", g);
	skb = kt_nl_msg(test, nl, IFREG_CMD_INTERFACE_GET, NLM_F_DUMP);
	kt_put_string(test, skb, IFREG_A_CLASS, class);
	if (*path)
		kt_put_string(test, skb, IFREG_A_PDO, path);
	if (flags)
		KUNIT_ASSERT_EQ(test, nla_put_u32(skb, IFREG_A_FLAGS, flags), 0);
	KUNIT_ASSERT_EQ(test, kt_nl_talk(test, nl, skb, kt_refs_fn, refs), 0);
}

/*
 * A dump on a device answers that device's instances, in order, enabled
 * or all, given its sysfs path with "/sys" or without. A path where no
 * device is answers nothing, as does a device with no instance.
 */
static void dump_on_a_device_answers_its_instances(struct kunit *test)
{
	struct platform_device *a = ifreg_kt_pdev(test, 128);
	struct platform_device *b = ifreg_kt_pdev(test, 129);
	struct platform_device *c = ifreg_kt_pdev(test, 130);
	guid_t g = ifreg_kt_guid(test, 45);
	char *path, *sys, refs[16];
	char *ca;

	ca = ifreg_kt_register(test, &a->dev, &g, "a");
	ifreg_kt_register(test, &b->dev, &g, "b");
	ifreg_kt_register(test, &a->dev, &g, "c");
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_state(ca, true), 0);
	path = kobject_get_path(&a->dev.kobj, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, path);

	kt_dump_on(test, &g, path, IFREG_F_INCLUDE_NONACTIVE, refs);
	KUNIT_EXPECT_STREQ(test, refs, "ac");
	kt_dump_on(test, &g, path, 0, refs);
	KUNIT_EXPECT_STREQ(test, refs, "a");
	kfree(path);
	path = kobject_get_path(&b->dev.kobj, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, path);
	sys = kasprintf(GFP_KERNEL, "/sys%s", path);
	kfree(path);
	KUNIT_ASSERT_NOT_NULL(test, sys);
	kt_dump_on(test, &g, sys, IFREG_F_INCLUDE_NONACTIVE, refs);
	kfree(sys);
	KUNIT_EXPECT_STREQ(test, refs, "b");
	path = kobject_get_path(&c->dev.kobj, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, path);
	kt_dump_on(test, &g, path, IFREG_F_INCLUDE_NONACTIVE, refs);
	KUNIT_EXPECT_STREQ(test, refs, "");
	kfree(path);
	kt_dump_on(test, &g, "/sys/devices/platform/ifreg-kunit-none", IFREG_F_INCLUDE_NONACTIVE,
		   refs);
	KUNIT_EXPECT_STREQ(test, refs, "");
	kt_dump_on(test, &g, "", IFREG_F_INCLUDE_NONACTIVE, refs);
	KUNIT_EXPECT_STREQ(test, refs, "abc");
}

static struct kunit_case ifreg_netlink_cases[] = {
	KUNIT_CASE(refused_dump_leaves_nothing),
	KUNIT_CASE(store_that_fits_is_answered_whole),
	KUNIT_CASE(store_too_large_for_a_reply_is_dumped),
	KUNIT_CASE(store_dump_carries_the_largest_entries),
	KUNIT_CASE(check_ahead_counts_do_not_wrap),
	KUNIT_CASE(register_reply_names_the_pdo),
	KUNIT_CASE(instance_dump_goes_on_where_it_stopped),
	KUNIT_CASE(dump_on_a_device_answers_its_instances),
	{}
};

static struct kunit_suite ifreg_netlink_suite = {
	.name = "ifreg_netlink",
	.init = ifreg_kt_init,
	.exit = ifreg_kt_exit,
	.test_cases = ifreg_netlink_cases,
};

kunit_test_suite(ifreg_netlink_suite);
