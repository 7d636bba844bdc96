// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_netlink_faults: every command of the family, sent as
 * user space sends it (a netlink socket of the initial namespace), with
 * the sending task's 1st, 2nd, 3rd... allocation failed (fail-nth,
 * FAILSLAB), until the request runs without reaching the failure. The
 * request is handled in the sender's task (and a dump's later parts in
 * the receiver's, the same task), so every allocation it makes there is
 * failed once; what workers allocate is not.
 *
 * What the registry and the NDIS table show (the class, interface, store
 * and LUID dumps, byte for byte, and the registry's generation) is taken
 * before each request, after a plain success, and after each failed
 * request: a request answered -ENOMEM left the "before" state; one whose
 * answer was lost (-ENOBUFS, the socket's: netlink could not queue the
 * ack or the reply) left "before" or the success's; a request that
 * succeeded although an allocation failed (an event not multicast) left
 * the success's. Every success is undone before the next attempt. A
 * request without any answer fails the case.
 */

#include <kunit/test.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <ifreg/ndis.h>

#include "netlink.h"
#include "registry.h"
#include "util.h"
#include "watch.h"

#define KT_NLF_IFTYPE	243	/* an IfType no other case allocates */
#define KT_NLF_INDEX	7	/* the index LUID_RESERVE asks for */
#define KT_NLF_SNAP	(128 * 1024)
/*
 * More points than a request should have. IFREG_CMD_INTERFACE_REGISTER
 * has one per device of the system before its own (ifreg_device_find()
 * allocates each device's path): it goes past this and fails the case.
 */
#define KT_NLF_POINTS	200

/* The state a request may change, as the dumps show it. */
struct kt_nlf_snap {
	u64 gen;
	size_t len;
	u8 *buf;
};

/* One case's things: an instance with a value, and what it made. */
struct kt_nlf {
	struct kunit *test;
	struct kt_nl *nl;
	struct platform_device *pd;
	char pdo[128];		/* its sysfs path */
	guid_t class;
	char class_str[IFREG_GUID_STRLEN + 1];
	char *link;		/* registered, disabled, its class's default */
	char *other;		/* a second instance of the class, or NULL */
	char made[128];		/* what the request made, from its reply */
	u32 index;		/* the LUID index the request allocated */
	int replies;		/* messages the request was answered */
};

/* A command to sweep: its request, and what undoes its success. */
struct kt_nlf_cmd {
	const char *name;
	u8 cmd;
	u16 flags;
	bool replies;		/* a success carries a message */
	void (*prep)(struct kunit *test, struct kt_nlf *f);
	void (*put)(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb);
	void (*undo)(struct kunit *test, struct kt_nlf *f);
};

static unsigned int kt_nlf_total;

/* A reply: counted, and what it names kept for the undo. */
static void kt_nlf_reply(struct kunit *test, const struct nlmsghdr *nlh,
			 struct nlattr **tb, void *ctx)
{
	struct kt_nlf *f = ctx;

	f->replies++;
	if (tb[IFREG_A_SYMBOLIC_LINK])
		nla_strscpy(f->made, tb[IFREG_A_SYMBOLIC_LINK], sizeof(f->made));
	if (tb[IFREG_A_LUID_INDEX])
		f->index = nla_get_u32(tb[IFREG_A_LUID_INDEX]);
}

/* A dump's message, appended to the snapshot (its header aside). */
static void kt_nlf_snap_fn(struct kunit *test, const struct nlmsghdr *nlh,
			   struct nlattr **tb, void *ctx)
{
	struct kt_nlf_snap *s = ctx;
	size_t len = nlmsg_len(nlh);

	KUNIT_ASSERT_LE_MSG(test, s->len + len, KT_NLF_SNAP, "snapshot too large");
	memcpy(s->buf + s->len, nlmsg_data(nlh), len);
	s->len += len;
}

static void kt_nlf_dump(struct kunit *test, struct kt_nlf *f, struct kt_nlf_snap *s,
			u8 cmd, const char *link)
{
	struct sk_buff *skb = kt_nl_msg(test, f->nl, cmd, NLM_F_DUMP);

	if (link)
		kt_put_string(test, skb, IFREG_A_SYMBOLIC_LINK, link);
	if (cmd == IFREG_CMD_INTERFACE_GET)
		KUNIT_ASSERT_EQ(test, nla_put_u32(skb, IFREG_A_FLAGS,
						  IFREG_F_INCLUDE_NONACTIVE), 0);
	KUNIT_ASSERT_EQ(test, kt_nl_talk(test, f->nl, skb, kt_nlf_snap_fn, s), 0);
}

/* What the registry and the NDIS table show now, into @s. */
static void kt_nlf_snap(struct kunit *test, struct kt_nlf *f, struct kt_nlf_snap *s)
{
	if (!s->buf) {
		s->buf = kunit_kzalloc(test, KT_NLF_SNAP, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, s->buf);
	}
	ifreg_watch_flush();
	s->len = 0;
	mutex_lock(&ifreg_lock);
	s->gen = ifreg_registry_generation();
	mutex_unlock(&ifreg_lock);
	kt_nlf_dump(test, f, s, IFREG_CMD_CLASS_GET, NULL);
	kt_nlf_dump(test, f, s, IFREG_CMD_INTERFACE_GET, NULL);
	kt_nlf_dump(test, f, s, IFREG_CMD_STORE_GET, f->link);
	kt_nlf_dump(test, f, s, IFREG_CMD_LUID_GET, NULL);
	kt_nlf_dump(test, f, s, IFREG_CMD_NDIS_GET, NULL);
}

static bool kt_nlf_same(const struct kt_nlf_snap *a, const struct kt_nlf_snap *b)
{
	return a->len == b->len && !memcmp(a->buf, b->buf, a->len);
}

/* Send @c's request; fail the @n-th allocation (0: none). */
static int kt_nlf_send(struct kunit *test, struct kt_nlf *f, const struct kt_nlf_cmd *c,
		       unsigned int n, bool *hit)
{
	struct sk_buff *skb = kt_nl_msg(test, f->nl, c->cmd, c->flags);
	int ret;

	if (c->put)
		c->put(test, f, skb);
	f->replies = 0;
	WRITE_ONCE(current->fail_nth, n);
	ret = kt_nl_talk(test, f->nl, skb, kt_nlf_reply, f);
	*hit = n && !READ_ONCE(current->fail_nth);
	WRITE_ONCE(current->fail_nth, 0);
	return ret;
}

static void kt_nlf_undo(struct kunit *test, struct kt_nlf *f, const struct kt_nlf_cmd *c)
{
	if (c->undo)
		c->undo(test, f);
	ifreg_watch_flush();
}

/* A message of the LUID dump: the indexes of our IfType, counted. */
static void kt_nlf_luid_fn(struct kunit *test, const struct nlmsghdr *nlh,
			   struct nlattr **tb, void *ctx)
{
	struct kt_nlf *f = ctx;

	if (tb[IFREG_A_IFTYPE] && nla_get_u16(tb[IFREG_A_IFTYPE]) == KT_NLF_IFTYPE &&
	    tb[IFREG_A_LUID_INDEX]) {
		f->index = nla_get_u32(tb[IFREG_A_LUID_INDEX]);
		f->replies++;
	}
}

/* How many indexes of our IfType are allocated; the last in f->index. */
static int kt_nlf_luid_count(struct kunit *test, struct kt_nlf *f)
{
	struct sk_buff *skb = kt_nl_msg(test, f->nl, IFREG_CMD_LUID_GET, NLM_F_DUMP);

	f->replies = 0;
	KUNIT_ASSERT_EQ(test, kt_nl_talk(test, f->nl, skb, kt_nlf_luid_fn, f), 0);
	return f->replies;
}

/* Whether @now is what @c's success gives (@done, or for LUID_ALLOC, one index). */
static bool kt_nlf_is_done(struct kunit *test, struct kt_nlf *f, const struct kt_nlf_cmd *c,
			   const struct kt_nlf_snap *now, const struct kt_nlf_snap *done)
{
	if (c->cmd == IFREG_CMD_LUID_ALLOC)
		return kt_nlf_luid_count(test, f) == 1;
	return kt_nlf_same(now, done);
}

/*
 * Sweep @c: a plain success first (the state it gives), then its 1st,
 * 2nd... allocation failed until it runs past the last. Returns how many
 * allocation points were failed.
 */
static unsigned int kt_nlf_sweep(struct kunit *test, struct kt_nlf *f,
				 const struct kt_nlf_cmd *c)
{
	struct kt_nlf_snap before = {}, done = {}, now = {};
	unsigned int n, points = 0;
	bool hit, untouched;
	int ret;

	kt_nlf_snap(test, f, &before);
	ret = kt_nlf_send(test, f, c, 0, &hit);
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "%s: a plain request (%s)", c->name, f->nl->extack);
	KUNIT_ASSERT_TRUE_MSG(test, !c->replies || f->replies, "%s: no reply", c->name);
	kt_nlf_snap(test, f, &done);
	kt_nlf_undo(test, f, c);
	kt_nlf_snap(test, f, &now);
	KUNIT_ASSERT_TRUE_MSG(test, kt_nlf_same(&now, &before), "%s: not undone", c->name);

	for (n = 1; n <= KT_NLF_POINTS; n++) {
		kt_nlf_snap(test, f, &before);
		ret = kt_nlf_send(test, f, c, n, &hit);
		kt_nlf_snap(test, f, &now);
		if (!hit) {
			KUNIT_EXPECT_EQ_MSG(test, ret, 0, "%s: unfailed, n=%u", c->name, n);
			KUNIT_EXPECT_TRUE_MSG(test, kt_nlf_is_done(test, f, c, &now, &done),
					      "%s: unfailed, not as a success leaves it", c->name);
			KUNIT_EXPECT_TRUE_MSG(test, !c->replies || f->replies,
					      "%s: unfailed, no reply", c->name);
			kt_nlf_undo(test, f, c);
			return points;
		}
		points++;
		untouched = kt_nlf_same(&now, &before) && now.gen == before.gen;
		if (untouched && !ret) {
			/* An allocation with a fallback: a read answered whole. */
			KUNIT_EXPECT_TRUE_MSG(test, !c->undo,
					      "%s: allocation %u failed: success, nothing done",
					      c->name, n);
			KUNIT_EXPECT_TRUE_MSG(test, !c->replies || f->replies,
					      "%s: allocation %u failed: success, no reply",
					      c->name, n);
			continue;
		}
		if (untouched) {
			/* Refused whole: a clean errno, or the answer lost. */
			KUNIT_EXPECT_TRUE_MSG(test, ret == -ENOMEM || ret == -ENOBUFS,
					      "%s: allocation %u failed: errno %d (%s)",
					      c->name, n, ret, f->nl->extack);
			continue;
		}
		/* Changed: only a success, or its answer lost, may change. */
		if (ret && ret != -ENOBUFS)
			KUNIT_FAIL(test, "%s: allocation %u failed: answered %d (%s), yet changed",
				   c->name, n, ret, f->nl->extack);
		KUNIT_EXPECT_TRUE_MSG(test, kt_nlf_is_done(test, f, c, &now, &done),
				      "%s: allocation %u failed (%d): half a change",
				      c->name, n, ret);
		kt_nlf_undo(test, f, c);
	}
	KUNIT_FAIL(test, "%s: more than %u allocation points (ifreg_device_find()?)",
		   c->name, KT_NLF_POINTS);
	return points;
}

/* Request attributes. */
static void kt_nlf_put_link(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	kt_put_string(test, skb, IFREG_A_SYMBOLIC_LINK, f->link);
}

static void kt_nlf_put_other(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	kt_put_string(test, skb, IFREG_A_SYMBOLIC_LINK, f->other);
}

static void kt_nlf_put_class(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	kt_put_string(test, skb, IFREG_A_CLASS, f->class_str);
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, IFREG_A_FLAGS, IFREG_F_INCLUDE_NONACTIVE), 0);
}

static void kt_nlf_put_register(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	kt_put_string(test, skb, IFREG_A_PDO, f->pdo);
	kt_put_string(test, skb, IFREG_A_CLASS, f->class_str);
	kt_put_string(test, skb, IFREG_A_REFERENCE, "made");
}

static void kt_nlf_put_restore(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	kt_put_string(test, skb, IFREG_A_INSTANCE_PATH, "PLATFORM\\ifreg-nlf-restored");
	kt_put_string(test, skb, IFREG_A_CLASS, f->class_str);
}

/* Bound to the case's device at once: its instance path and sysfs path. */
static void kt_nlf_put_restore_pdo(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	char path[64];

	snprintf(path, sizeof(path), "PLATFORM\\%s", dev_name(&f->pd->dev));
	kt_put_string(test, skb, IFREG_A_INSTANCE_PATH, path);
	kt_put_string(test, skb, IFREG_A_CLASS, f->class_str);
	kt_put_string(test, skb, IFREG_A_REFERENCE, "restored");
	kt_put_string(test, skb, IFREG_A_PDO, f->pdo);
}

static void kt_nlf_put_check(struct kunit *test, struct sk_buff *skb)
{
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, IFREG_A_FLAGS, IFREG_F_CHECK), 0);
}

static void kt_nlf_put_restore_check(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	kt_nlf_put_restore(test, f, skb);
	kt_nlf_put_check(test, skb);
}

static void kt_nlf_put_enable(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	kt_nlf_put_link(test, f, skb);
	KUNIT_ASSERT_EQ(test, nla_put_u8(skb, IFREG_A_ENABLED, 1), 0);
}

static void kt_nlf_put_disable(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	kt_nlf_put_link(test, f, skb);
	KUNIT_ASSERT_EQ(test, nla_put_u8(skb, IFREG_A_ENABLED, 0), 0);
}

static void kt_nlf_put_lo(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	kt_put_string(test, skb, IFREG_A_NAME, "lo");
}

static void kt_nlf_put_value(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	kt_nlf_put_link(test, f, skb);
	kt_put_string(test, skb, IFREG_A_VALUE_NAME, "kept");
}

static void kt_nlf_put_set_value(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	kt_nlf_put_link(test, f, skb);
	kt_put_string(test, skb, IFREG_A_VALUE_NAME, "set");
	KUNIT_ASSERT_EQ(test, nla_put(skb, IFREG_A_DATA, 5, "value"), 0);
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, IFREG_A_STORE_FLAGS,
					  IFREG_STORE_F_PERSISTENT), 0);
}

static void kt_nlf_put_set_name(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	kt_nlf_put_link(test, f, skb);
	kt_put_string(test, skb, IFREG_A_VALUE_NAME, "set");
}

static void kt_nlf_put_prop(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	kt_nlf_put_link(test, f, skb);
	kt_put_string(test, skb, IFREG_A_PROP_FMTID, "{b725f130-47ef-101a-a5f1-02608c9eebac}");
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, IFREG_A_PROP_PID, 10), 0);
}

static void kt_nlf_put_set_prop(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	kt_nlf_put_prop(test, f, skb);
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, IFREG_A_PROP_TYPE, 7), 0);
	KUNIT_ASSERT_EQ(test, nla_put(skb, IFREG_A_DATA, 4, "\x01\x02\x03\x04"), 0);
}

static void kt_nlf_put_set_value_check(struct kunit *test, struct kt_nlf *f,
				       struct sk_buff *skb)
{
	kt_nlf_put_set_value(test, f, skb);
	kt_nlf_put_check(test, skb);
}

static void kt_nlf_put_iftype(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	KUNIT_ASSERT_EQ(test, nla_put_u16(skb, IFREG_A_IFTYPE, KT_NLF_IFTYPE), 0);
}

static void kt_nlf_put_index(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	kt_nlf_put_iftype(test, f, skb);
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, IFREG_A_LUID_INDEX, KT_NLF_INDEX), 0);
}

/* The index kept for a netdev that is not there yet, by its sysfs path. */
static void kt_nlf_put_index_key(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	kt_nlf_put_index(test, f, skb);
	kt_put_string(test, skb, IFREG_A_LUID_KEY, "/sys/devices/virtual/net/ifreg-nlf");
}

static void kt_nlf_put_index_check(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb)
{
	kt_nlf_put_index(test, f, skb);
	kt_nlf_put_check(test, skb);
}

static void kt_nlf_put_index_key_check(struct kunit *test, struct kt_nlf *f,
				       struct sk_buff *skb)
{
	kt_nlf_put_index_key(test, f, skb);
	kt_nlf_put_check(test, skb);
}

/* A request that must succeed, no fault injected: preparing and undoing. */
static void kt_nlf_do(struct kunit *test, struct kt_nlf *f, u8 cmd,
		      void (*put)(struct kunit *test, struct kt_nlf *f, struct sk_buff *skb))
{
	struct sk_buff *skb = kt_nl_msg(test, f->nl, cmd, NLM_F_ACK);

	put(test, f, skb);
	KUNIT_EXPECT_EQ_MSG(test, kt_nl_talk(test, f->nl, skb, kt_nlf_reply, f), 0,
			    "command %u: %s", cmd, f->nl->extack);
}

/* Preparations and undoings. */
static void kt_nlf_remove_made(struct kunit *test, struct kt_nlf *f)
{
	KUNIT_EXPECT_EQ(test, ifreg_remove_interface(f->made), 0);
}

static void kt_nlf_disable(struct kunit *test, struct kt_nlf *f)
{
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(f->link, false), 0);
}

static void kt_nlf_enable(struct kunit *test, struct kt_nlf *f)
{
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(f->link, true), 0);
}

static void kt_nlf_add_other(struct kunit *test, struct kt_nlf *f)
{
	f->other = ifreg_kt_register(test, &f->pd->dev, &f->class, "other");
}

static void kt_nlf_readd_other(struct kunit *test, struct kt_nlf *f)
{
	char *link = NULL;

	KUNIT_EXPECT_EQ(test, ifreg_register_interface(&f->pd->dev, &f->class, "other",
						       &link), 0);
	KUNIT_EXPECT_STREQ(test, link, f->other);
	kfree(link);
}

static void kt_nlf_default_back(struct kunit *test, struct kt_nlf *f)
{
	KUNIT_EXPECT_EQ(test, ifreg_set_default_interface(f->link), 0);
}

static void kt_nlf_del_value(struct kunit *test, struct kt_nlf *f)
{
	kt_nlf_do(test, f, IFREG_CMD_STORE_DEL, kt_nlf_put_set_name);
}

static void kt_nlf_del_prop(struct kunit *test, struct kt_nlf *f)
{
	kt_nlf_do(test, f, IFREG_CMD_STORE_DEL, kt_nlf_put_prop);
}

static void kt_nlf_set_prop(struct kunit *test, struct kt_nlf *f)
{
	kt_nlf_do(test, f, IFREG_CMD_STORE_SET, kt_nlf_put_set_prop);
}

static void kt_nlf_free_index(struct kunit *test, struct kt_nlf *f)
{
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_NLF_IFTYPE,
							 f->index), 0);
}

/* Free what LUID_ALLOC allocated (the reply may have been lost). */
static void kt_nlf_free_allocated(struct kunit *test, struct kt_nlf *f)
{
	int i;

	for (i = 0; i < 4 && kt_nlf_luid_count(test, f); i++)
		kt_nlf_free_index(test, f);
	KUNIT_EXPECT_EQ(test, kt_nlf_luid_count(test, f), 0);
}

static void kt_nlf_free_reserved(struct kunit *test, struct kt_nlf *f)
{
	f->index = KT_NLF_INDEX;
	kt_nlf_free_index(test, f);
}

static void kt_nlf_reserve(struct kunit *test, struct kt_nlf *f)
{
	kt_nlf_do(test, f, IFREG_CMD_LUID_RESERVE, kt_nlf_put_index);
}

static const struct kt_nlf_cmd kt_nlf_cmds[] = {
	{ "CLASS_GET", IFREG_CMD_CLASS_GET, NLM_F_DUMP, true },
	{ "INTERFACE_GET", IFREG_CMD_INTERFACE_GET, NLM_F_ACK, true,
	  .put = kt_nlf_put_link },
	{ "INTERFACE_GET dump", IFREG_CMD_INTERFACE_GET, NLM_F_DUMP, true,
	  .put = kt_nlf_put_class },
	{ "INTERFACE_REGISTER", IFREG_CMD_INTERFACE_REGISTER, NLM_F_ACK, true,
	  .put = kt_nlf_put_register, .undo = kt_nlf_remove_made },
	{ "INTERFACE_SET_STATE on", IFREG_CMD_INTERFACE_SET_STATE, NLM_F_ACK, false,
	  .put = kt_nlf_put_enable, .undo = kt_nlf_disable },
	{ "INTERFACE_SET_STATE off", IFREG_CMD_INTERFACE_SET_STATE, NLM_F_ACK, false,
	  .prep = kt_nlf_enable, .put = kt_nlf_put_disable, .undo = kt_nlf_enable },
	{ "INTERFACE_REMOVE", IFREG_CMD_INTERFACE_REMOVE, NLM_F_ACK, false,
	  .prep = kt_nlf_add_other, .put = kt_nlf_put_other, .undo = kt_nlf_readd_other },
	{ "CLASS_SET_DEFAULT", IFREG_CMD_CLASS_SET_DEFAULT, NLM_F_ACK, false,
	  .prep = kt_nlf_add_other, .put = kt_nlf_put_other, .undo = kt_nlf_default_back },
	{ "NDIS_GET", IFREG_CMD_NDIS_GET, NLM_F_ACK, true, .put = kt_nlf_put_lo },
	{ "NDIS_GET dump", IFREG_CMD_NDIS_GET, NLM_F_DUMP, true },
	{ "STORE_GET", IFREG_CMD_STORE_GET, NLM_F_ACK, true, .put = kt_nlf_put_value },
	{ "STORE_GET dump", IFREG_CMD_STORE_GET, NLM_F_DUMP, true, .put = kt_nlf_put_link },
	{ "STORE_SET value", IFREG_CMD_STORE_SET, NLM_F_ACK, false,
	  .put = kt_nlf_put_set_value, .undo = kt_nlf_del_value },
	{ "STORE_SET property", IFREG_CMD_STORE_SET, NLM_F_ACK, false,
	  .put = kt_nlf_put_set_prop, .undo = kt_nlf_del_prop },
	{ "STORE_SET check", IFREG_CMD_STORE_SET, NLM_F_ACK, true,
	  .put = kt_nlf_put_set_value_check },
	{ "STORE_DEL", IFREG_CMD_STORE_DEL, NLM_F_ACK, false,
	  .prep = kt_nlf_set_prop, .put = kt_nlf_put_prop, .undo = kt_nlf_set_prop },
	{ "INTERFACE_RESTORE", IFREG_CMD_INTERFACE_RESTORE, NLM_F_ACK, true,
	  .put = kt_nlf_put_restore, .undo = kt_nlf_remove_made },
	{ "INTERFACE_RESTORE bound", IFREG_CMD_INTERFACE_RESTORE, NLM_F_ACK, true,
	  .put = kt_nlf_put_restore_pdo, .undo = kt_nlf_remove_made },
	{ "INTERFACE_RESTORE check", IFREG_CMD_INTERFACE_RESTORE, NLM_F_ACK, true,
	  .put = kt_nlf_put_restore_check },
	{ "LUID_GET", IFREG_CMD_LUID_GET, NLM_F_DUMP, false },
	{ "LUID_ALLOC", IFREG_CMD_LUID_ALLOC, NLM_F_ACK, true,
	  .put = kt_nlf_put_iftype, .undo = kt_nlf_free_allocated },
	{ "LUID_FREE", IFREG_CMD_LUID_FREE, NLM_F_ACK, false,
	  .prep = kt_nlf_reserve, .put = kt_nlf_put_index, .undo = kt_nlf_reserve },
	{ "LUID_RESERVE", IFREG_CMD_LUID_RESERVE, NLM_F_ACK, true,
	  .put = kt_nlf_put_index, .undo = kt_nlf_free_reserved },
	{ "LUID_RESERVE key", IFREG_CMD_LUID_RESERVE, NLM_F_ACK, true,
	  .put = kt_nlf_put_index_key, .undo = kt_nlf_free_reserved },
	{ "LUID_RESERVE check", IFREG_CMD_LUID_RESERVE, NLM_F_ACK, true,
	  .put = kt_nlf_put_index_check },
	{ "LUID_RESERVE key check", IFREG_CMD_LUID_RESERVE, NLM_F_ACK, true,
	  .put = kt_nlf_put_index_key_check },
};

static void kt_nlf_cmd_desc(const struct kt_nlf_cmd *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kt_nlf, kt_nlf_cmds, kt_nlf_cmd_desc);

/*
 * Every command with each of its allocations failed in turn: a clean
 * errno and nothing changed, or (answer lost, event not sent) the state
 * its success gives.
 */
static void command_survives_each_allocation_failed(struct kunit *test)
{
	const struct kt_nlf_cmd *c = test->param_value;
	struct kt_nlf f = { .test = test };
	char *path;
	unsigned int points;

	ifreg_kt_need_failslab(test);
	f.nl = kt_nl_open(test);
	f.pd = ifreg_kt_pdev(test, 300);
	path = kobject_get_path(&f.pd->dev.kobj, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, path);
	snprintf(f.pdo, sizeof(f.pdo), "/sys%s", path);
	kfree(path);
	f.class = ifreg_kt_guid(test, 70);
	snprintf(f.class_str, sizeof(f.class_str), "{%pUl}", &f.class);
	f.link = ifreg_kt_register(test, &f.pd->dev, &f.class, "nlf");
	KUNIT_ASSERT_EQ(test, ifreg_set_default_interface(f.link), 0);
	KUNIT_ASSERT_EQ(test, ifreg_set_interface_value(f.link, "kept", "abc", 3,
							IFREG_STORE_PERSISTENT), 0);
	if (c->prep)
		c->prep(test, &f);
	ifreg_watch_flush();

	points = kt_nlf_sweep(test, &f, c);
	kt_nlf_total += points;
	kunit_info(test, "%s: %u allocation points\n", c->name, points);
	if (c->prep == kt_nlf_enable)
		kt_nlf_disable(test, &f);
	if (c->prep == kt_nlf_reserve)
		kt_nlf_free_reserved(test, &f);
}

/* The points of every command, summed (after the cases above). */
static void total_points(struct kunit *test)
{
	ifreg_kt_need_failslab(test);
	kunit_info(test, "%u allocation points over %zu requests\n", kt_nlf_total,
		   ARRAY_SIZE(kt_nlf_cmds));
	KUNIT_EXPECT_GT(test, kt_nlf_total, 0);
}

static struct kunit_case ifreg_netlink_faults_cases[] = {
	KUNIT_CASE_PARAM(command_survives_each_allocation_failed, kt_nlf_gen_params),
	KUNIT_CASE(total_points),
	{}
};

static struct kunit_suite ifreg_netlink_faults_suite = {
	.name = "ifreg_netlink_faults",
	.init = ifreg_kt_init,
	.exit = ifreg_kt_exit,
	.test_cases = ifreg_netlink_faults_cases,
};

kunit_test_suite(ifreg_netlink_faults_suite);
