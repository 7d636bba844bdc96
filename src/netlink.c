// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "ifreg" (include/uapi/linux/ifreg.h): lists
 * and changes the device-interface registry, and multicasts every change
 * with a sequence number; the NDIS table's commands, for the caller's
 * network namespace, are netlink_ndis.c's. Reads are open; changes to
 * device interfaces need CAP_SYS_ADMIN (checked once, in pre_doit, for the
 * commands marked IFREG_NL_SYS_ADMIN), changes to the NDIS table
 * CAP_NET_ADMIN in the namespace's user namespace (GENL_UNS_ADMIN_PERM).
 * Device interfaces are read, and their events heard, only in the initial
 * network namespace (IFREG_NL_INIT_NET, and each dump's first round).
 * Dumps carry the registry's (or the table's) generation in cb->seq, so a
 * dump that raced a change is flagged NLM_F_DUMP_INTR; their state lives in
 * cb->ctx and points into the request, so a refused dump, which .done may
 * never see, leaves nothing behind; they check their request in their
 * first round, where every kernel carries the extended ack. Every reply is
 * sized from what it holds; what one message cannot hold (a large store)
 * is dumped, one entry per message. The family listens to the registry
 * from its init to its exit and multicasts each change.
 */

#include <linux/build_bug.h>
#include <linux/device.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include <kunit/visibility.h>

#include "builtin_props.h"
#include "device.h"
#include "guid.h"
#include "ndis_table.h"
#include "netlink.h"
#include "registry.h"
#include "waiting.h"

/* genl_ops.internal_flags */
#define IFREG_NL_SYS_ADMIN	0x1	/* changes device interfaces */
#define IFREG_NL_INIT_NET	0x2	/* reads device interfaces */
#define IFREG_NL_CHECKS		0x4	/* a restore sends it; it can be only checked */

/* Not const: 6.1's struct nla_policy points to it without. */
static struct netlink_range_validation ifreg_nl_luid_index_range = {
	.min = 1,
	.max = IFREG_NET_LUID_INDEX_MAX,
};

static const struct nla_policy ifreg_nl_policy[IFREG_A_MAX + 1] = {
	[IFREG_A_SYMBOLIC_LINK] = { .type = NLA_NUL_STRING, .len = 4 + NAME_MAX },
	[IFREG_A_CLASS] = { .type = NLA_NUL_STRING, .len = IFREG_GUID_STRLEN },
	[IFREG_A_REFERENCE] = { .type = NLA_NUL_STRING, .len = NAME_MAX },
	[IFREG_A_INSTANCE_PATH] = { .type = NLA_NUL_STRING, .len = NAME_MAX },
	[IFREG_A_PDO] = { .type = NLA_NUL_STRING, .len = PATH_MAX - 1 },
	[IFREG_A_ENABLED] = NLA_POLICY_MAX(NLA_U8, 1),
	[IFREG_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, IFREG_F_INCLUDE_NONACTIVE |
					  IFREG_F_NO_STORE | IFREG_F_CHECK |
					  IFREG_F_DUMP_SEQ),
	[IFREG_A_IFINDEX] = { .type = NLA_U32 },
	[IFREG_A_NET_LUID] = { .type = NLA_U64 },
	[IFREG_A_IFTYPE] = NLA_POLICY_MIN(NLA_U16, 1),
	[IFREG_A_LUID_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &ifreg_nl_luid_index_range),
	[IFREG_A_NAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[IFREG_A_VALUE_NAME] = { .type = NLA_NUL_STRING, .len = NAME_MAX },
	[IFREG_A_PROP_FMTID] = { .type = NLA_NUL_STRING, .len = IFREG_GUID_STRLEN },
	[IFREG_A_PROP_PID] = { .type = NLA_U32 },
	[IFREG_A_PROP_TYPE] = { .type = NLA_U32 },
	/* The store's own cap, max_store_size, decides what fits. */
	[IFREG_A_DATA] = { .type = NLA_BINARY },
	[IFREG_A_STORE_FLAGS] = NLA_POLICY_MASK(NLA_U32, IFREG_STORE_F_PERSISTENT),
	[IFREG_A_LUID_KEY] = { .type = NLA_NUL_STRING, .len = IFREG_NDIS_KEY_MAX },
	[IFREG_A_AHEAD_INSTANCES] = { .type = NLA_U32 },
	[IFREG_A_AHEAD_CLASS_INSTANCES] = { .type = NLA_U32 },
	[IFREG_A_AHEAD_CLASSES] = { .type = NLA_U32 },
	[IFREG_A_AHEAD_ENTRIES] = { .type = NLA_U32 },
	[IFREG_A_AHEAD_BYTES] = { .type = NLA_S32 },
	[IFREG_A_AHEAD_LUID_INDEXES] = { .type = NLA_U32 },
	[IFREG_A_AHEAD_RESERVATIONS] = { .type = NLA_U32 },
};

/* Room for a string attribute holding @s, and for a GUID's. */
#define IFREG_NL_STR_SIZE(s)	nla_total_size(strlen(s) + 1)
#define IFREG_NL_GUID_SIZE	nla_total_size(IFREG_GUID_BUFSZ)

/*
 * The largest message about an instance that a dump makes room for: names
 * no longer than a sysfs name, its device's path no longer than a path
 * user space can open, with "/sys" before and a namespace's cookie after.
 */
#define IFREG_NL_INSTANCE_MAX						\
	nlmsg_total_size(GENL_HDRLEN + nla_total_size(4 + NAME_MAX + 1) +	\
			 IFREG_NL_GUID_SIZE + 2 * nla_total_size(NAME_MAX + 1) +	\
			 nla_total_size(sizeof(u8)) + nla_total_size(0) +	\
			 nla_total_size(PATH_MAX + 32) +			\
			 nla_total_size(IFREG_DEVNODE_MAX + 1))

/* Sequence number of the last event multicast. */
static u64 ifreg_nl_seq;		/* protected by ifreg_lock */

/*
 * Device interfaces are not per namespace and show the initial namespace's
 * devices: only its sockets read them, as only they hear their events.
 */
static int ifreg_nl_check_net(const struct net *net, struct netlink_ext_ack *extack)
{
	if (net_eq(net, &init_net))
		return 0;
	NL_SET_ERR_MSG(extack,
		       "device interfaces are visible only in the initial network namespace");
	return -EOPNOTSUPP;
}

static int ifreg_nl_put_guid(struct sk_buff *skb, int attr, const guid_t *guid)
{
	char buf[IFREG_GUID_BUFSZ];

	ifreg_guid_format(guid, buf);
	return nla_put_string(skb, attr, buf);
}

/*
 * An instance as a message shows it. Where its device is, a path made for
 * the message, is made first, so that the message can be sized to hold it.
 */
struct ifreg_nl_inst {
	struct ifreg_instance *inst;
	int where_attr;		/* IFREG_A_PDO, IFREG_A_LOCATION, or 0: none */
	char *where;		/* its value, "/sys/devices/..." */
	bool where_lent;	/* @where is the caller's buffer, not to free */
};

/* A buffer for ifreg_nl_inst_init() to write the "where" into. */
#define IFREG_NL_WHERE_MAX	(PATH_MAX + 32)

/*
 * "/sys" and @kobj's path into @buf (@size bytes), as kobject_get_path()
 * makes it, without allocating: for the reply of a change that is made
 * already, which must not fail then. One pass, from the end of @buf, each
 * name measured once and checked against the room left: a device renamed
 * meanwhile (a netdev, under RTNL only) cannot make it write outside @buf.
 */
static int ifreg_nl_sysfs_path(struct kobject *kobj, char *buf, size_t size)
{
	const size_t sys = strlen("/sys");
	size_t pos = size - 1, n;
	struct kobject *k;

	buf[pos] = '\0';
	for (k = kobj; k; k = k->parent) {
		n = strlen(kobject_name(k));
		if (n + 1 + sys > pos)
			return -ENAMETOOLONG;
		pos -= n;
		memcpy(buf + pos, kobject_name(k), n);
		buf[--pos] = '/';
	}
	memmove(buf + sys, buf + pos, size - pos);
	memcpy(buf, "/sys", sys);
	return 0;
}

/*
 * Where the instance's device is: IFREG_A_PDO, its sysfs path, while bound;
 * else IFREG_A_LOCATION, where the device it waits for is, when it knows.
 * Into @m: in @buf (IFREG_NL_WHERE_MAX bytes) when given, without
 * allocating; else allocated, ifreg_nl_inst_release() frees it.
 */
static int ifreg_nl_inst_init(struct ifreg_nl_inst *m, struct ifreg_instance *inst, char *buf)
{
	char *path;

	lockdep_assert_held(&ifreg_lock);
	m->inst = inst;
	m->where_attr = 0;
	m->where = NULL;
	m->where_lent = !!buf;
	if (inst->pdo) {
		m->where_attr = IFREG_A_PDO;
		if (buf) {
			if (ifreg_nl_sysfs_path(&inst->pdo->kobj, buf, IFREG_NL_WHERE_MAX))
				return -ENAMETOOLONG;
			m->where = buf;
			return 0;
		}
		path = kobject_get_path(&inst->pdo->kobj, GFP_KERNEL);
		if (path)
			m->where = kasprintf(GFP_KERNEL, "/sys%s", path);
		kfree(path);
	} else if (ifreg_waiting_location(inst)) {
		m->where_attr = IFREG_A_LOCATION;
		if (buf) {
			if (snprintf(buf, IFREG_NL_WHERE_MAX, "/sys%s",
				     ifreg_waiting_location(inst)) >= IFREG_NL_WHERE_MAX)
				return -ENAMETOOLONG;
			m->where = buf;
			return 0;
		}
		m->where = kasprintf(GFP_KERNEL, "/sys%s", ifreg_waiting_location(inst));
	}
	return m->where_attr && !m->where ? -ENOMEM : 0;
}

static void ifreg_nl_inst_release(struct ifreg_nl_inst *m)
{
	if (!m->where_lent)
		kfree(m->where);
}

/* The room the instance's attributes take. */
static size_t ifreg_nl_inst_size(const struct ifreg_nl_inst *m)
{
	const struct ifreg_store_entry *node = ifreg_builtin_devnode(m->inst);
	const struct ifreg_instance *inst = m->inst;
	const char *ref = ifreg_instance_reference(inst);

	return (node ? nla_total_size(node->size) : 0) +
	       IFREG_NL_STR_SIZE(inst->link) + IFREG_NL_GUID_SIZE +
	       nla_total_size(inst->path_len + 1) +
	       (ref ? IFREG_NL_STR_SIZE(ref) : 0) +
	       nla_total_size(sizeof(u8)) +		/* IFREG_A_ENABLED */
	       nla_total_size(0) +			/* IFREG_A_DEFAULT */
	       (m->where ? IFREG_NL_STR_SIZE(m->where) : 0);
}

/* The instance path, which the instance keeps only inside its link. */
static int ifreg_nl_put_path(struct sk_buff *skb, const struct ifreg_instance *inst)
{
	struct nlattr *nla = nla_reserve(skb, IFREG_A_INSTANCE_PATH, inst->path_len + 1);

	if (!nla)
		return -EMSGSIZE;
	ifreg_instance_path(inst, nla_data(nla));
	return 0;
}

static int ifreg_nl_fill_instance(struct sk_buff *skb, const struct ifreg_nl_inst *m)
{
	const struct ifreg_store_entry *node = ifreg_builtin_devnode(m->inst);
	struct ifreg_instance *inst = m->inst;
	const char *ref = ifreg_instance_reference(inst);

	lockdep_assert_held(&ifreg_lock);
	if (nla_put_string(skb, IFREG_A_SYMBOLIC_LINK, inst->link) ||
	    ifreg_nl_put_guid(skb, IFREG_A_CLASS, &inst->class->guid) ||
	    ifreg_nl_put_path(skb, inst) ||
	    (ref && nla_put_string(skb, IFREG_A_REFERENCE, ref)) ||
	    nla_put_u8(skb, IFREG_A_ENABLED, ifreg_instance_announced(inst)) ||
	    (inst->class->default_inst == inst && nla_put_flag(skb, IFREG_A_DEFAULT)) ||
	    (m->where && nla_put_string(skb, m->where_attr, m->where)) ||
	    (node && nla_put(skb, IFREG_A_DEVNODE, node->size, node->data)))
		return -EMSGSIZE;
	return 0;
}

/*
 * Multicast a change of the registry to the initial network namespace: its
 * listener, called under ifreg_lock in the order of the changes. A message
 * that cannot be made still uses its sequence number, so listeners see the
 * gap. With no one in the group nothing is built: a socket that joins
 * before a dump it then asks for hears every change after that dump (the
 * dump and the change both take ifreg_lock).
 */
static void ifreg_nl_changed(enum ifreg_event_type type, struct ifreg_instance *inst)
{
	struct ifreg_nl_inst m;
	struct sk_buff *skb;
	void *hdr;

	lockdep_assert_held(&ifreg_lock);
	ifreg_nl_seq++;
	if (!genl_has_listeners(&ifreg_nl_family, &init_net, 0))
		return;
	if (ifreg_nl_inst_init(&m, inst, NULL))
		return;
	skb = genlmsg_new(nla_total_size(sizeof(u32)) + nla_total_size_64bit(sizeof(u64)) +
			  ifreg_nl_inst_size(&m), GFP_KERNEL);
	if (!skb)
		goto out;
	hdr = genlmsg_put(skb, 0, 0, &ifreg_nl_family, 0, IFREG_CMD_EVENT);
	if (!hdr ||
	    nla_put_u32(skb, IFREG_A_EVENT, type) ||
	    nla_put_u64_64bit(skb, IFREG_A_SEQ, ifreg_nl_seq, IFREG_A_PAD) ||
	    ifreg_nl_fill_instance(skb, &m)) {
		nlmsg_free(skb);
		goto out;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast(&ifreg_nl_family, skb, 0, 0, GFP_KERNEL);
out:
	ifreg_nl_inst_release(&m);
}

/*
 * What a dump returns when the next message does not fit: the messages it
 * made, to go on in a fresh buffer; -EMSGSIZE when not even one fitted, so
 * that user space hears of a message too large rather than of a dump that
 * ended early. @err is the error of the message that failed.
 */
static int ifreg_nl_dump_full(struct sk_buff *skb, int err)
{
	return skb->len ?: err;
}

static int ifreg_nl_dump_class(struct sk_buff *skb, struct netlink_callback *cb,
			       const struct ifreg_class *cls)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &ifreg_nl_family, NLM_F_MULTI, IFREG_CMD_CLASS_GET);
	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(cb, hdr);
	if (ifreg_nl_put_guid(skb, IFREG_A_CLASS, &cls->guid) ||
	    nla_put_u32(skb, IFREG_A_COUNT, cls->count) ||
	    (cls->default_inst &&
	     nla_put_string(skb, IFREG_A_DEFAULT_LINK, cls->default_inst->link))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int ifreg_nl_class_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ifreg_class *cls;
	long i = 0;
	int err;

	err = ifreg_nl_check_net(sock_net(cb->skb->sk), cb->extack);
	if (err)
		return err;
	mutex_lock(&ifreg_lock);
	cb->seq = ifreg_registry_generation();
	list_for_each_entry(cls, ifreg_registry_class_list(), list_node) {
		if (i++ < cb->args[0])
			continue;
		err = ifreg_nl_dump_class(skb, cb, cls);
		if (err)
			break;
		cb->args[0] = i;
	}
	mutex_unlock(&ifreg_lock);
	return err ? ifreg_nl_dump_full(skb, err) : skb->len;
}

static int ifreg_nl_put_entry_key(struct sk_buff *skb, const struct ifreg_store_entry *e)
{
	if (e->name)
		return nla_put_string(skb, IFREG_A_VALUE_NAME, e->name);
	if (ifreg_nl_put_guid(skb, IFREG_A_PROP_FMTID, &e->key.fmtid) ||
	    nla_put_u32(skb, IFREG_A_PROP_PID, e->key.pid) ||
	    nla_put_u32(skb, IFREG_A_PROP_TYPE, e->type))
		return -EMSGSIZE;
	return 0;
}

/* One value or property: its key, flags and data. */
static int ifreg_nl_put_entry(struct sk_buff *skb, const struct ifreg_store_entry *e)
{
	if (ifreg_nl_put_entry_key(skb, e) ||
	    nla_put_u32(skb, IFREG_A_STORE_FLAGS, e->flags) ||
	    nla_put(skb, IFREG_A_DATA, e->size, e->data))
		return -EMSGSIZE;
	return 0;
}

/* The room ifreg_nl_put_entry() takes. */
static size_t ifreg_nl_entry_size(const struct ifreg_store_entry *e)
{
	return (e->name ? IFREG_NL_STR_SIZE(e->name) :
			  IFREG_NL_GUID_SIZE + 2 * nla_total_size(sizeof(u32))) +
	       nla_total_size(sizeof(u32)) + nla_total_size(e->size);
}

/*
 * The room IFREG_A_STORE takes, every value and property of the instance
 * nested, or -EMSGSIZE when that is more than one attribute holds.
 */
static int ifreg_nl_store_size(const struct ifreg_instance *inst, size_t *size)
{
	const struct ifreg_store_entry *e;
	size_t len = 0;

	hlist_for_each_entry(e, &inst->store.entries, node) {
		len += nla_total_size(ifreg_nl_entry_size(e));
		if (len > U16_MAX - NLA_HDRLEN)
			return -EMSGSIZE;
	}
	*size = nla_total_size(len);
	return 0;
}

static int ifreg_nl_put_store(struct sk_buff *skb, const struct ifreg_instance *inst)
{
	const struct ifreg_store_entry *e;
	struct nlattr *store, *entry;

	store = nla_nest_start(skb, IFREG_A_STORE);
	if (!store)
		return -EMSGSIZE;
	hlist_for_each_entry(e, &inst->store.entries, node) {
		entry = nla_nest_start(skb, IFREG_A_STORE_ENTRY);
		if (!entry || ifreg_nl_put_entry(skb, e))
			return -EMSGSIZE;
		nla_nest_end(skb, entry);
	}
	nla_nest_end(skb, store);
	return 0;
}

/*
 * Fill @msg, a reply about one instance: to a show (IFREG_CMD_INTERFACE_GET)
 * with its store unless @with_store is false, to a register or restore
 * without, and IFREG_A_EXISTS if @exists. Sends it, or frees it.
 */
static int ifreg_nl_instance_send(struct genl_info *info, struct sk_buff *msg,
				  const struct ifreg_nl_inst *m, u8 cmd, bool exists,
				  bool with_store)
{
	void *hdr;

	hdr = genlmsg_put_reply(msg, info, &ifreg_nl_family, 0, cmd);
	if (!hdr || ifreg_nl_fill_instance(msg, m) ||
	    (exists && nla_put_flag(msg, IFREG_A_EXISTS)) ||
	    (with_store && ifreg_nl_put_store(msg, m->inst))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* The reply to a show, sized from what the instance holds. */
static int ifreg_nl_instance_reply(struct genl_info *info, struct ifreg_instance *inst,
				   bool with_store)
{
	struct ifreg_nl_inst m;
	size_t store = 0;
	struct sk_buff *msg;
	int err;

	lockdep_assert_held(&ifreg_lock);
	if (with_store && ifreg_nl_store_size(inst, &store)) {
		GENL_SET_ERR_MSG(info, "store too large for one message: dump IFREG_CMD_STORE_GET");
		return -EMSGSIZE;
	}
	err = ifreg_nl_inst_init(&m, inst, NULL);
	if (err)
		return err;
	msg = genlmsg_new(ifreg_nl_inst_size(&m) + nla_total_size(0) + store, GFP_KERNEL);
	if (msg)
		err = ifreg_nl_instance_send(info, msg, &m, IFREG_CMD_INTERFACE_GET, false,
					     with_store);
	else
		err = -ENOMEM;
	ifreg_nl_inst_release(&m);
	return err;
}

static int ifreg_nl_instance_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *flags = info->attrs[IFREG_A_FLAGS];
	struct ifreg_instance *inst;
	bool with_store;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, IFREG_A_SYMBOLIC_LINK))
		return -EINVAL;
	with_store = !(flags && (nla_get_u32(flags) & IFREG_F_NO_STORE));
	mutex_lock(&ifreg_lock);
	err = ifreg_registry_find(nla_data(info->attrs[IFREG_A_SYMBOLIC_LINK]), &inst);
	if (!err)
		err = ifreg_nl_instance_reply(info, inst, with_store);
	mutex_unlock(&ifreg_lock);
	if (err == -ENOENT)
		GENL_SET_ERR_MSG(info, "no such interface");
	return err;
}

/*
 * An IFREG_CMD_INTERFACE_GET dump, in cb->ctx: its filters, taken from the
 * request in its first round, and where it got to, so that each round
 * goes on from there rather than from the start of the registry. @pdo
 * points into the request, which the dump keeps until it ends. Classes
 * are never freed while the module is loaded, which a dump keeps it;
 * @last is held by a reference until the dump moves past it or ends.
 */
struct ifreg_nl_inst_dump {
	struct ifreg_class *cls;	/* the class it is in; NULL: none left */
	struct ifreg_instance *last;	/* the last of @cls it went past, or NULL */
	const char *pdo;	/* the sysfs path of the PDO to match, or NULL */
	guid_t class_guid;
	u32 flags;
	bool by_class;
	bool def_done;		/* @cls's default interface went */
	bool ready;		/* the filters are set, @cls too */
};

static_assert(sizeof(struct ifreg_nl_inst_dump) <=
	      sizeof_field(struct netlink_callback, ctx));

/* Room for the largest instance before the first round makes its message. */
static int ifreg_nl_instance_dump_start(struct netlink_callback *cb)
{
	cb->min_dump_alloc = IFREG_NL_INSTANCE_MAX;
	return 0;
}

/*
 * The dump's filters, checked in its first round rather than in .start:
 * 6.1 hands .start no extended ack, and what a request is refused for
 * reaches user space on every kernel from a round. Without ifreg_lock.
 */
static int ifreg_nl_instance_dump_filter(struct netlink_callback *cb)
{
	struct ifreg_nl_inst_dump *d = (void *)cb->ctx;
	struct nlattr **attrs = ifreg_dumpit_attrs(genl_dumpit_info(cb));
	int err;

	err = ifreg_nl_check_net(sock_net(cb->skb->sk), cb->extack);
	if (err)
		return err;
	if (attrs[IFREG_A_CLASS]) {
		d->by_class = true;
		if (ifreg_guid_parse(nla_data(attrs[IFREG_A_CLASS]), &d->class_guid)) {
			NL_SET_ERR_MSG_ATTR(cb->extack, attrs[IFREG_A_CLASS],
					    "not a GUID in braces");
			return -EINVAL;
		}
	}
	if (attrs[IFREG_A_FLAGS])
		d->flags = nla_get_u32(attrs[IFREG_A_FLAGS]);
	if (attrs[IFREG_A_PDO])
		d->pdo = nla_data(attrs[IFREG_A_PDO]);
	d->ready = true;
	return 0;
}

/*
 * One instance of a dump: 1 when in the message, 0 when filtered out.
 * @pdo: the device at the dump's PDO filter this round, or NULL.
 */
static int ifreg_nl_dump_one(struct sk_buff *skb, struct netlink_callback *cb,
			     struct ifreg_instance *inst, struct device *pdo)
{
	struct ifreg_nl_inst_dump *d = (void *)cb->ctx;
	struct ifreg_nl_inst m;
	void *hdr;
	int ret;

	if ((!ifreg_instance_announced(inst) && !(d->flags & IFREG_F_INCLUDE_NONACTIVE)) ||
	    (d->pdo && inst->pdo != pdo))
		return 0;
	ret = ifreg_nl_inst_init(&m, inst, NULL);
	if (ret)
		return ret;
	ret = -EMSGSIZE;
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &ifreg_nl_family, NLM_F_MULTI, IFREG_CMD_INTERFACE_GET);
	if (!hdr)
		goto out;
	genl_dump_check_consistent(cb, hdr);
	ret = ifreg_nl_fill_instance(skb, &m);
	if (ret) {
		genlmsg_cancel(skb, hdr);
		goto out;
	}
	genlmsg_end(skb, hdr);
	ret = 1;
out:
	ifreg_nl_inst_release(&m);
	return ret;
}

/*
 * IFREG_F_DUMP_SEQ: the first message, the number of the last event sent
 * before the dump. Under ifreg_lock, in the round that fixes cb->seq: a
 * dump not flagged as interrupted saw no change after that event.
 */
static int ifreg_nl_dump_seq(struct sk_buff *skb, struct netlink_callback *cb)
{
	void *hdr;

	lockdep_assert_held(&ifreg_lock);
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &ifreg_nl_family, NLM_F_MULTI, IFREG_CMD_INTERFACE_GET);
	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(cb, hdr);
	if (nla_put_u64_64bit(skb, IFREG_A_SEQ, ifreg_nl_seq, IFREG_A_PAD)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* The dump went past @inst, the last it considered of its class. */
static void ifreg_nl_dump_past(struct ifreg_nl_inst_dump *d, struct ifreg_instance *inst)
{
	if (d->last)
		ifreg_instance_put(d->last);
	if (inst)
		kref_get(&inst->ref);
	d->last = inst;
}

/*
 * What a dump walks in a class: every instance, with
 * IFREG_F_INCLUDE_NONACTIVE, else only the enabled ones (the class keeps
 * both lists in order of registration), so that listing the enabled
 * costs them, not the class.
 */
static struct list_head *ifreg_nl_dump_node(const struct ifreg_nl_inst_dump *d,
					    struct ifreg_instance *inst)
{
	return d->flags & IFREG_F_INCLUDE_NONACTIVE ? &inst->class_node :
	       &inst->enabled_node;
}

static struct ifreg_instance *ifreg_nl_dump_inst(const struct ifreg_nl_inst_dump *d,
						 struct list_head *node)
{
	return d->flags & IFREG_F_INCLUDE_NONACTIVE ?
	       list_entry(node, struct ifreg_instance, class_node) :
	       list_entry(node, struct ifreg_instance, enabled_node);
}

/*
 * Where a round goes on in @head, @cls's list the dump walks: after
 * d->last, or when that one left the list since (removed, or disabled:
 * its node is then empty), at the first instance registered after it (a
 * walk of the list, only then; the dump is flagged as interrupted
 * anyway). @head itself when the list is done.
 */
static struct list_head *ifreg_nl_dump_resume(const struct ifreg_nl_inst_dump *d,
					      struct list_head *head)
{
	struct list_head *pos;

	if (!d->last)
		return head->next;
	pos = ifreg_nl_dump_node(d, d->last);
	if (!list_empty(pos))
		return pos->next;
	for (pos = head->next; pos != head; pos = pos->next)
		if (ifreg_nl_dump_inst(d, pos)->seq > d->last->seq)
			break;
	return pos;
}

/* The class after @cls a dump goes on to, or NULL. */
static struct ifreg_class *
ifreg_nl_dump_next_class(struct ifreg_nl_inst_dump *d, struct ifreg_class *cls)
{
	struct list_head *classes = ifreg_registry_class_list();

	if (!cls)
		return d->by_class ? ifreg_registry_class(&d->class_guid) :
		       list_first_entry_or_null(classes, struct ifreg_class, list_node);
	if (d->by_class || list_is_last(&cls->list_node, classes))
		return NULL;
	return list_next_entry(cls, list_node);
}

/*
 * Class by class, in the order ifreg_get_interfaces() lists them: the
 * default interface first, then the others in order of registration.
 * Each round costs what it sends (and what the filters leave out). The
 * PDO filter's path is looked up once a round, before ifreg_lock (the
 * lookup takes the RTNL): with no device there, nothing matches, and the
 * dump holds no device between rounds.
 */
static int ifreg_nl_instance_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ifreg_nl_inst_dump *d = (void *)cb->ctx;
	struct ifreg_instance *inst, *def, *past = NULL;
	struct list_head *head, *pos;
	struct device *pdo = NULL;
	struct ifreg_class *cls;
	bool first = !d->ready;
	int err = 0;

	if (first) {
		err = ifreg_nl_instance_dump_filter(cb);
		if (err)
			return err;
	}
	if (d->pdo)
		pdo = ifreg_device_find(d->pdo);
	mutex_lock(&ifreg_lock);
	cb->seq = ifreg_registry_generation();
	if (first) {
		d->cls = ifreg_nl_dump_next_class(d, NULL);
		if (d->flags & IFREG_F_DUMP_SEQ) {
			err = ifreg_nl_dump_seq(skb, cb);
			if (err)
				goto out;
		}
	}
	/* No device at the PDO filter's path: nothing matches. */
	if (d->pdo && !pdo)
		d->cls = NULL;
	for (cls = d->cls; cls; cls = d->cls) {
		def = cls->default_inst;
		if (!d->def_done) {
			if (def) {
				err = ifreg_nl_dump_one(skb, cb, def, pdo);
				if (err < 0)
					goto out;
			}
			d->def_done = true;
		}
		head = d->flags & IFREG_F_INCLUDE_NONACTIVE ? &cls->instances : &cls->enabled;
		for (pos = ifreg_nl_dump_resume(d, head); pos != head; pos = pos->next) {
			inst = ifreg_nl_dump_inst(d, pos);
			if (inst == def)
				continue;
			err = ifreg_nl_dump_one(skb, cb, inst, pdo);
			if (err < 0)
				goto out;
			past = inst;
		}
		past = NULL;
		ifreg_nl_dump_past(d, NULL);
		d->def_done = false;
		d->cls = ifreg_nl_dump_next_class(d, cls);
	}
	err = 0;
out:
	/* Where the next round goes on: a reference, taken once per round. */
	if (past)
		ifreg_nl_dump_past(d, past);
	mutex_unlock(&ifreg_lock);
	put_device(pdo);
	return err ? ifreg_nl_dump_full(skb, err) : skb->len;
}

/* The dump ends: the instance it held goes. */
static int ifreg_nl_instance_dump_done(struct netlink_callback *cb)
{
	struct ifreg_nl_inst_dump *d = (void *)cb->ctx;

	if (d->last)
		ifreg_instance_put(d->last);
	d->last = NULL;
	return 0;
}

/*
 * The reply to a register or restore, allocated before the change: once
 * the change is made, answering must not fail for want of memory (the
 * caller would see an error and the registry the change).
 */
struct ifreg_nl_change_reply {
	struct sk_buff *msg;
	char *where;
};

static void ifreg_nl_change_reply_free(struct ifreg_nl_change_reply *r)
{
	nlmsg_free(r->msg);
	kfree(r->where);
}

static int ifreg_nl_change_reply_alloc(struct ifreg_nl_change_reply *r)
{
	r->msg = genlmsg_new(IFREG_NL_INSTANCE_MAX + nla_total_size(0), GFP_KERNEL);
	r->where = kmalloc(IFREG_NL_WHERE_MAX, GFP_KERNEL);
	if (r->msg && r->where)
		return 0;
	ifreg_nl_change_reply_free(r);
	r->msg = NULL;
	r->where = NULL;
	return -ENOMEM;
}

/*
 * The instance the change got, as it is now (removed since, if another
 * request was quicker), and the reference the registry handed over
 * dropped. Consumes @r.
 */
static int ifreg_nl_registered_reply(struct genl_info *info, struct ifreg_instance *inst,
				     u8 cmd, bool exists, struct ifreg_nl_change_reply *r)
{
	struct ifreg_nl_inst m;
	int ret;

	mutex_lock(&ifreg_lock);
	ret = ifreg_nl_inst_init(&m, inst, r->where);
	if (!ret)
		ret = ifreg_nl_instance_send(info, r->msg, &m, cmd, exists, false);
	else
		nlmsg_free(r->msg);
	mutex_unlock(&ifreg_lock);
	kfree(r->where);
	ifreg_instance_put(inst);
	return ret;
}

static int ifreg_nl_register(struct sk_buff *skb, struct genl_info *info)
{
	struct ifreg_nl_change_reply reply = { 0 };
	struct ifreg_instance *inst;
	struct device *pdo;
	const char *ref;
	guid_t guid;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, IFREG_A_PDO) ||
	    GENL_REQ_ATTR_CHECK(info, IFREG_A_CLASS))
		return -EINVAL;
	if (ifreg_guid_parse(nla_data(info->attrs[IFREG_A_CLASS]), &guid)) {
		GENL_SET_ERR_MSG(info, "not a GUID in braces");
		return -EINVAL;
	}
	ref = info->attrs[IFREG_A_REFERENCE] ?
	      nla_data(info->attrs[IFREG_A_REFERENCE]) : NULL;
	pdo = ifreg_device_find(nla_data(info->attrs[IFREG_A_PDO]));
	if (!pdo) {
		GENL_SET_ERR_MSG(info, "no device at that sysfs path");
		return -ENODEV;
	}
	ret = ifreg_nl_change_reply_alloc(&reply);
	if (!ret)
		ret = ifreg_registry_register(pdo, &guid, ref, &inst);
	put_device(pdo);
	if (ret < 0) {
		if (ret != -ENOMEM)
			GENL_SET_ERR_MSG(info, "the device or reference cannot be used");
		ifreg_nl_change_reply_free(&reply);
		return ret;
	}
	return ifreg_nl_registered_reply(info, inst, IFREG_CMD_INTERFACE_REGISTER,
					 ret == IFREG_EXISTS, &reply);
}

/*
 * IFREG_F_CHECK of a restore: the names it gets, made as the restore makes
 * them, whether it is registered already and, when not, whether the caps
 * take it, with what the store's records before it add (IFREG_A_AHEAD_*)
 * counted in; nothing changes. The reply says what it adds.
 */
static int ifreg_nl_restore_check(struct genl_info *info, const char *path,
				  const guid_t *guid, const char *ref)
{
	struct ifreg_restore_ahead adds = { 0 }, ahead = {
		.instances = ifreg_nl_ahead(info, IFREG_A_AHEAD_INSTANCES),
		.class_instances = ifreg_nl_ahead(info, IFREG_A_AHEAD_CLASS_INSTANCES),
		.classes = ifreg_nl_ahead(info, IFREG_A_AHEAD_CLASSES),
	};
	struct ifreg_instance *inst;
	struct ifreg_names names;
	struct sk_buff *msg;
	void *hdr = NULL;
	bool exists;
	int err;

	err = ifreg_names_from_path(path, guid, ref, &names);
	if (err == -EINVAL)
		GENL_SET_ERR_MSG(info, "the name would be longer than a sysfs name (255)");
	if (err)
		return err;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto out_names;
	}
	mutex_lock(&ifreg_lock);
	err = ifreg_registry_find(names.symbolic_link, &inst);
	exists = !err;
	if (err == -ENOENT)
		err = ifreg_registry_room(guid, &ahead, &adds);
	if (err == -ENOSPC)
		GENL_SET_ERR_MSG(info, "over max_instances[_per_class] or max_classes");
	if (!err) {
		hdr = genlmsg_put_reply(msg, info, &ifreg_nl_family, 0,
					IFREG_CMD_INTERFACE_RESTORE);
		if (!hdr || nla_put_string(msg, IFREG_A_SYMBOLIC_LINK,
					   exists ? inst->link :
						    names.symbolic_link) ||
		    (exists && nla_put_flag(msg, IFREG_A_EXISTS)) ||
		    nla_put_u32(msg, IFREG_A_AHEAD_INSTANCES, adds.instances) ||
		    nla_put_u32(msg, IFREG_A_AHEAD_CLASS_INSTANCES, adds.class_instances) ||
		    nla_put_u32(msg, IFREG_A_AHEAD_CLASSES, adds.classes))
			err = -EMSGSIZE;
	}
	mutex_unlock(&ifreg_lock);
	if (err) {
		nlmsg_free(msg);
		goto out_names;
	}
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
out_names:
	ifreg_names_free(&names);
	return err;
}

static int ifreg_nl_restore(struct sk_buff *skb, struct genl_info *info)
{
	struct ifreg_nl_change_reply reply;
	struct nlattr **a = info->attrs;
	struct ifreg_instance *inst;
	const char *path, *ref, *pdo;
	guid_t guid;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, IFREG_A_INSTANCE_PATH) ||
	    GENL_REQ_ATTR_CHECK(info, IFREG_A_CLASS)) {
		GENL_SET_ERR_MSG(info, "need an instance path and a class");
		return -EINVAL;
	}
	if (ifreg_guid_parse(nla_data(a[IFREG_A_CLASS]), &guid)) {
		GENL_SET_ERR_MSG(info, "not a GUID in braces");
		return -EINVAL;
	}
	path = nla_data(a[IFREG_A_INSTANCE_PATH]);
	if (!ifreg_instance_path_valid(path)) {
		GENL_SET_ERR_MSG(info, "not an instance path like PLATFORM\\serial8250");
		return -EINVAL;
	}
	ref = a[IFREG_A_REFERENCE] ? nla_data(a[IFREG_A_REFERENCE]) : NULL;
	if (ref && !ifreg_reference_valid(ref)) {
		GENL_SET_ERR_MSG(info, "bad reference: empty, '/', '\\' or not printable");
		return -EINVAL;
	}
	if (ifreg_nl_check_only(info))
		return ifreg_nl_restore_check(info, path, &guid, ref);
	pdo = a[IFREG_A_PDO] ? nla_data(a[IFREG_A_PDO]) : NULL;

	ret = ifreg_nl_change_reply_alloc(&reply);
	if (ret)
		return ret;
	ret = ifreg_registry_restore(path, &guid, ref, pdo, &inst);
	if (ret == -EINVAL)
		GENL_SET_ERR_MSG(info, "the name would be longer than a sysfs name (255)");
	else if (ret == -ENOSPC)
		GENL_SET_ERR_MSG(info, "over max_instances[_per_class] or max_classes");
	if (ret < 0) {
		ifreg_nl_change_reply_free(&reply);
		return ret;
	}
	return ifreg_nl_registered_reply(info, inst, IFREG_CMD_INTERFACE_RESTORE,
					 ret == IFREG_EXISTS, &reply);
}

static int ifreg_nl_set_state(struct sk_buff *skb, struct genl_info *info)
{
	const char *link;
	struct sk_buff *msg;
	void *hdr;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, IFREG_A_SYMBOLIC_LINK) ||
	    GENL_REQ_ATTR_CHECK(info, IFREG_A_ENABLED))
		return -EINVAL;
	link = nla_data(info->attrs[IFREG_A_SYMBOLIC_LINK]);
	ret = ifreg_registry_set_state(link, nla_get_u8(info->attrs[IFREG_A_ENABLED]),
				       IFREG_REASON_USER);
	if (ret == -ENOENT)
		GENL_SET_ERR_MSG(info, "no such interface, or not enabled");
	if (ret != IFREG_EXISTS)
		return ret;

	/* Informational success: a reply that says so. */
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &ifreg_nl_family, 0,
				IFREG_CMD_INTERFACE_SET_STATE);
	if (!hdr || nla_put_flag(msg, IFREG_A_EXISTS)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int ifreg_nl_link_op(struct genl_info *info,
			    int (*op)(const char *symbolic_link))
{
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, IFREG_A_SYMBOLIC_LINK))
		return -EINVAL;
	ret = op(nla_data(info->attrs[IFREG_A_SYMBOLIC_LINK]));
	if (ret == -ENOENT)
		GENL_SET_ERR_MSG(info, "no such interface");
	return ret;
}

static int ifreg_nl_remove_interface(const char *symbolic_link)
{
	return ifreg_registry_remove(symbolic_link, IFREG_REASON_USER);
}

static int ifreg_nl_remove(struct sk_buff *skb, struct genl_info *info)
{
	int ret = ifreg_nl_link_op(info, ifreg_nl_remove_interface);

	if (ret == -EBUSY)
		GENL_SET_ERR_MSG(info, "the interface is enabled: disable it first");
	return ret;
}

/* IFREG_F_CHECK of set-default: it fails only on an instance not there. */
static int ifreg_nl_instance_exists(const char *symbolic_link)
{
	struct ifreg_instance *inst;
	int err;

	mutex_lock(&ifreg_lock);
	err = ifreg_registry_find(symbolic_link, &inst);
	mutex_unlock(&ifreg_lock);
	return err;
}

static int ifreg_nl_set_default(struct sk_buff *skb, struct genl_info *info)
{
	if (ifreg_nl_check_only(info))
		return ifreg_nl_link_op(info, ifreg_nl_instance_exists);
	return ifreg_nl_link_op(info, ifreg_set_default_interface);
}

/* The entry an IFREG_CMD_STORE_* request names: a value or a DEVPROPKEY. */
static int ifreg_nl_store_key(struct genl_info *info, const char **name,
			      struct ifreg_devpropkey *key)
{
	struct nlattr **a = info->attrs;

	*name = NULL;
	if (a[IFREG_A_VALUE_NAME] && !a[IFREG_A_PROP_FMTID] && !a[IFREG_A_PROP_PID]) {
		*name = nla_data(a[IFREG_A_VALUE_NAME]);
		return 0;
	}
	if (a[IFREG_A_VALUE_NAME] || !a[IFREG_A_PROP_FMTID] || !a[IFREG_A_PROP_PID] ||
	    ifreg_guid_parse(nla_data(a[IFREG_A_PROP_FMTID]), &key->fmtid)) {
		GENL_SET_ERR_MSG(info, "need a value name, or a property's fmtid and pid");
		return -EINVAL;
	}
	key->pid = nla_get_u32(a[IFREG_A_PROP_PID]);
	return 0;
}

static int ifreg_nl_store_get(struct sk_buff *skb, struct genl_info *info)
{
	struct ifreg_devpropkey key;
	struct ifreg_store_entry *e;
	union ifreg_builtin b;
	struct ifreg_instance *inst;
	struct sk_buff *msg = NULL;
	const char *name;
	void *hdr;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, IFREG_A_SYMBOLIC_LINK))
		return -EINVAL;
	err = ifreg_nl_store_key(info, &name, &key);
	if (err)
		return err;
	mutex_lock(&ifreg_lock);
	err = ifreg_registry_find(nla_data(info->attrs[IFREG_A_SYMBOLIC_LINK]), &inst);
	if (err) {
		GENL_SET_ERR_MSG(info, "no such interface");
		goto out;
	}
	/* A built-in property is made from the instance, never stored. */
	e = name ? NULL : ifreg_builtin_get(inst, &key, &b);
	if (!e)
		e = ifreg_store_find(&inst->store, name, &key);
	if (IS_ERR_OR_NULL(e)) {
		GENL_SET_ERR_MSG(info, "no such value or property");
		err = -ENOENT;
		goto out;
	}
	err = -ENOMEM;
	msg = genlmsg_new(ifreg_nl_entry_size(e), GFP_KERNEL);
	if (!msg)
		goto out;
	err = -EMSGSIZE;
	hdr = genlmsg_put_reply(msg, info, &ifreg_nl_family, 0, IFREG_CMD_STORE_GET);
	if (hdr && !ifreg_nl_put_entry(msg, e)) {
		genlmsg_end(msg, hdr);
		err = 0;
	}
out:
	mutex_unlock(&ifreg_lock);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/*
 * An IFREG_CMD_STORE_GET dump, in cb->ctx: the instance's link, taken in
 * its first round from the request the dump keeps, and how many of its
 * entries the dump has considered.
 */
struct ifreg_nl_store_dump {
	const char *link;	/* NULL before the first round */
	long pos;
};

static_assert(sizeof(struct ifreg_nl_store_dump) <=
	      sizeof_field(struct netlink_callback, ctx));

/*
 * Room for the largest entry the store holds, or may hold later, before the
 * first round makes its message. The request is checked in that round,
 * which, unlike .start on 6.1, can say why it is refused.
 */
static int ifreg_nl_store_dump_start(struct netlink_callback *cb)
{
	struct nlattr **attrs = ifreg_dumpit_attrs(genl_dumpit_info(cb));
	const struct ifreg_store_entry *e;
	struct ifreg_instance *inst;
	size_t room;

	room = nla_total_size(NAME_MAX + 1) + nla_total_size(sizeof(u32)) +
	       nla_total_size(min_t(size_t, ifreg_max_store_size, IFREG_STORE_MAX_BYTES));
	if (attrs[IFREG_A_SYMBOLIC_LINK] && net_eq(sock_net(cb->skb->sk), &init_net)) {
		mutex_lock(&ifreg_lock);
		if (!ifreg_registry_find(nla_data(attrs[IFREG_A_SYMBOLIC_LINK]), &inst))
			hlist_for_each_entry(e, &inst->store.entries, node)
				room = max(room, ifreg_nl_entry_size(e));
		mutex_unlock(&ifreg_lock);
	}
	cb->min_dump_alloc = nlmsg_total_size(GENL_HDRLEN + room);
	return 0;
}

/* The instance the dump's request names, checked in its first round. */
static int ifreg_nl_store_dump_link(struct netlink_callback *cb)
{
	struct ifreg_nl_store_dump *d = (void *)cb->ctx;
	struct nlattr **attrs = ifreg_dumpit_attrs(genl_dumpit_info(cb));
	int err;

	err = ifreg_nl_check_net(sock_net(cb->skb->sk), cb->extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(cb->extack, NULL, attrs, IFREG_A_SYMBOLIC_LINK)) {
		NL_SET_ERR_MSG(cb->extack, "need a symbolic link");
		return -EINVAL;
	}
	d->link = nla_data(attrs[IFREG_A_SYMBOLIC_LINK]);
	return 0;
}

/*
 * Every value and property of an instance, one per message, in the order
 * of the store. An instance removed while it is dumped ends the dump, which
 * the registry's generation flags NLM_F_DUMP_INTR.
 */
static int ifreg_nl_store_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ifreg_nl_store_dump *d = (void *)cb->ctx;
	bool first = !d->link;
	struct ifreg_store_entry *e;
	struct ifreg_instance *inst;
	long i = 0;
	void *hdr;
	int err;

	if (first) {
		err = ifreg_nl_store_dump_link(cb);
		if (err)
			return err;
	}
	mutex_lock(&ifreg_lock);
	cb->seq = ifreg_registry_generation();
	err = ifreg_registry_find(d->link, &inst);
	if (err) {
		if (first)
			NL_SET_ERR_MSG(cb->extack, "no such interface");
		else if (err == -ENOENT)
			err = 0;
		goto out;
	}
	hlist_for_each_entry(e, &inst->store.entries, node) {
		if (i++ < d->pos)
			continue;
		err = -EMSGSIZE;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &ifreg_nl_family, NLM_F_MULTI, IFREG_CMD_STORE_GET);
		if (!hdr)
			goto out;
		genl_dump_check_consistent(cb, hdr);
		if (ifreg_nl_put_entry(skb, e)) {
			genlmsg_cancel(skb, hdr);
			goto out;
		}
		genlmsg_end(skb, hdr);
		d->pos = i;
	}
	err = 0;
out:
	mutex_unlock(&ifreg_lock);
	return err ? ifreg_nl_dump_full(skb, err) : skb->len;
}

/*
 * IFREG_F_CHECK of a set: whether ifreg_store_set() takes the entry. It is
 * tried on a scratch store holding as many entries and bytes as the
 * instance's would without the entry it replaces, with what the store's
 * records before it add there (IFREG_A_AHEAD_ENTRIES, IFREG_A_AHEAD_BYTES)
 * counted in, so that store.c's own rule decides, on the instance's
 * numbers, and the instance is not touched. A missing instance is -ENOENT
 * only once the entry has passed. *@entries and *@bytes receive what it
 * adds there.
 */
static int ifreg_nl_store_check(struct genl_info *info, const char *link, const char *name,
				const struct ifreg_devpropkey *key, u32 type,
				const void *data, size_t size, unsigned int flags,
				u32 *entries, s32 *bytes)
{
	struct ifreg_store_entry *old = NULL;
	struct ifreg_instance *inst;
	struct ifreg_store scratch;
	int lookup, err;

	if (key && ifreg_builtin_key(key))
		return -EACCES;
	ifreg_store_init(&scratch);
	scratch.count = ifreg_nl_ahead(info, IFREG_A_AHEAD_ENTRIES);
	scratch.bytes = (s32)ifreg_nl_ahead(info, IFREG_A_AHEAD_BYTES);
	mutex_lock(&ifreg_lock);
	lookup = ifreg_registry_find(link, &inst);
	if (!lookup) {
		old = ifreg_store_find(&inst->store, name, key);
		/* Saturated: what a request says is ahead must not wrap. */
		scratch.count = min_t(u64, (u64)scratch.count + inst->store.count -
					   (old ? 1 : 0), UINT_MAX);
		scratch.bytes += inst->store.bytes - (old ? old->size : 0);
	}
	*entries = !old;
	*bytes = size - (old ? old->size : 0);
	err = ifreg_store_set(&scratch, name, key, type, data, size, flags);
	mutex_unlock(&ifreg_lock);
	ifreg_store_clear(&scratch);
	return err ?: lookup;
}

/* The reply to a set's check: what the entry adds to its instance's store. */
static int ifreg_nl_store_check_reply(struct genl_info *info, u32 entries, s32 bytes)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &ifreg_nl_family, 0, IFREG_CMD_STORE_SET);
	if (!hdr || nla_put_u32(msg, IFREG_A_AHEAD_ENTRIES, entries) ||
	    nla_put_s32(msg, IFREG_A_AHEAD_BYTES, bytes)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int ifreg_nl_store_change(struct genl_info *info, bool set)
{
	struct nlattr **a = info->attrs;
	struct ifreg_devpropkey key;
	const void *data = NULL;
	const char *link, *name;
	unsigned int flags = 0;
	u32 type = 0, entries;
	size_t size = 0;
	s32 bytes;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, IFREG_A_SYMBOLIC_LINK) ||
	    (set && GENL_REQ_ATTR_CHECK(info, IFREG_A_DATA)))
		return -EINVAL;
	err = ifreg_nl_store_key(info, &name, &key);
	if (err)
		return err;
	link = nla_data(a[IFREG_A_SYMBOLIC_LINK]);
	if (set) {
		data = nla_data(a[IFREG_A_DATA]);
		size = nla_len(a[IFREG_A_DATA]);
		if (a[IFREG_A_PROP_TYPE])
			type = nla_get_u32(a[IFREG_A_PROP_TYPE]);
		if (a[IFREG_A_STORE_FLAGS])
			flags = nla_get_u32(a[IFREG_A_STORE_FLAGS]);
	}
	/* NULL data deletes. */
	if (set && ifreg_nl_check_only(info))
		err = ifreg_nl_store_check(info, link, name, name ? NULL : &key, type, data,
					   size, flags, &entries, &bytes);
	else if (name)
		err = ifreg_set_interface_value(link, name, data, size, flags);
	else
		err = ifreg_set_interface_property(link, &key, type, data, size, flags);
	if (err == -ENOENT)
		GENL_SET_ERR_MSG(info, "no such interface, value or property");
	else if (err == -EINVAL && name)
		GENL_SET_ERR_MSG(info, "bad value name: 1 to 255 printable ASCII characters");
	else if (err == -ENOSPC)
		GENL_SET_ERR_MSG(info, "over the store's caps (max_store_size, max_store_entries)");
	else if (err == -EACCES)
		GENL_SET_ERR_MSG(info, "a read-only property");
	if (!err && set && ifreg_nl_check_only(info))
		return ifreg_nl_store_check_reply(info, entries, bytes);
	return err;
}

static int ifreg_nl_store_set(struct sk_buff *skb, struct genl_info *info)
{
	return ifreg_nl_store_change(info, true);
}

static int ifreg_nl_store_del(struct sk_buff *skb, struct genl_info *info)
{
	return ifreg_nl_store_change(info, false);
}

static const struct genl_ops ifreg_nl_ops[] = {
	{
		.cmd = IFREG_CMD_CLASS_GET,
		.dumpit = ifreg_nl_class_dump,
	},
	{
		.cmd = IFREG_CMD_INTERFACE_GET,
		.doit = ifreg_nl_instance_get,
		.start = ifreg_nl_instance_dump_start,
		.dumpit = ifreg_nl_instance_dump,
		.done = ifreg_nl_instance_dump_done,
		.internal_flags = IFREG_NL_INIT_NET,
	},
	{
		.cmd = IFREG_CMD_INTERFACE_REGISTER,
		.doit = ifreg_nl_register,
		.internal_flags = IFREG_NL_SYS_ADMIN,
	},
	{
		.cmd = IFREG_CMD_INTERFACE_SET_STATE,
		.doit = ifreg_nl_set_state,
		.internal_flags = IFREG_NL_SYS_ADMIN,
	},
	{
		.cmd = IFREG_CMD_INTERFACE_REMOVE,
		.doit = ifreg_nl_remove,
		.internal_flags = IFREG_NL_SYS_ADMIN,
	},
	{
		.cmd = IFREG_CMD_CLASS_SET_DEFAULT,
		.doit = ifreg_nl_set_default,
		.internal_flags = IFREG_NL_SYS_ADMIN | IFREG_NL_CHECKS,
	},
	{
		.cmd = IFREG_CMD_NDIS_GET,
		.doit = ifreg_nl_ndis_get,
		.dumpit = ifreg_nl_ndis_dump,
	},
	{
		.cmd = IFREG_CMD_STORE_GET,
		.doit = ifreg_nl_store_get,
		.start = ifreg_nl_store_dump_start,
		.dumpit = ifreg_nl_store_dump,
		.internal_flags = IFREG_NL_INIT_NET,
	},
	{
		.cmd = IFREG_CMD_STORE_SET,
		.doit = ifreg_nl_store_set,
		.internal_flags = IFREG_NL_SYS_ADMIN | IFREG_NL_CHECKS,
	},
	{
		.cmd = IFREG_CMD_STORE_DEL,
		.doit = ifreg_nl_store_del,
		.internal_flags = IFREG_NL_SYS_ADMIN,
	},
	{
		.cmd = IFREG_CMD_INTERFACE_RESTORE,
		.doit = ifreg_nl_restore,
		.internal_flags = IFREG_NL_SYS_ADMIN | IFREG_NL_CHECKS,
	},
	{
		.cmd = IFREG_CMD_LUID_GET,
		.dumpit = ifreg_nl_luid_dump,
	},
	{
		.cmd = IFREG_CMD_LUID_ALLOC,
		.doit = ifreg_nl_luid_alloc,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = IFREG_CMD_LUID_FREE,
		.doit = ifreg_nl_luid_free,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = IFREG_CMD_LUID_RESERVE,
		.doit = ifreg_nl_luid_reserve,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = IFREG_NL_CHECKS,
	},
};

/*
 * The one check of CAP_SYS_ADMIN, for every command that changes device
 * interfaces, and of the namespace of every one that reads them (their
 * dumps check it at their start); and IFREG_F_CHECK refused where it would
 * be ignored, so that a request meant only to be checked is never applied.
 */
static int ifreg_nl_pre_doit(const struct ifreg_genl_doit_ops *ops,
			     struct sk_buff *skb, struct genl_info *info)
{
	if ((ops->internal_flags & IFREG_NL_SYS_ADMIN) &&
	    !netlink_capable(skb, CAP_SYS_ADMIN))
		return -EPERM;
	if (ifreg_nl_check_only(info) && !(ops->internal_flags & IFREG_NL_CHECKS)) {
		GENL_SET_ERR_MSG(info, "IFREG_F_CHECK: only the commands a restore sends");
		return -EINVAL;
	}
	if (ops->internal_flags & IFREG_NL_INIT_NET)
		return ifreg_nl_check_net(genl_info_net(info), info->extack);
	return 0;
}

static const struct genl_multicast_group ifreg_nl_mcgrps[] = {
	{ .name = IFREG_MCGRP_EVENTS },
};

struct genl_family ifreg_nl_family __ro_after_init = {
	.name = IFREG_GENL_NAME,
	.version = IFREG_GENL_VERSION,
	.maxattr = IFREG_A_MAX,
	.policy = ifreg_nl_policy,
	.netnsok = true,
	.module = THIS_MODULE,
	.pre_doit = ifreg_nl_pre_doit,
	.ops = ifreg_nl_ops,
	.n_ops = ARRAY_SIZE(ifreg_nl_ops),
	/* A new family: every command is validated strictly. */
	.resv_start_op = IFREG_CMD_CLASS_GET,
	.mcgrps = ifreg_nl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(ifreg_nl_mcgrps),
};
EXPORT_SYMBOL_IF_KUNIT(ifreg_nl_family);

static struct ifreg_listener ifreg_nl_listener = {
	.changed = ifreg_nl_changed,
};

/**
 * ifreg_netlink_init() - register the family and multicast the registry's changes
 *
 * Context: Process context; sleeps. Takes ifreg_lock.
 * Return: 0, or a negative errno from genl_register_family().
 */
int ifreg_netlink_init(void)
{
	int err = genl_register_family(&ifreg_nl_family);

	if (err)
		return err;
	ifreg_registry_listen(&ifreg_nl_listener);
	return 0;
}

/**
 * ifreg_netlink_exit() - stop multicasting changes and unregister the family
 *
 * Context: Process context; sleeps. Takes ifreg_lock.
 */
void ifreg_netlink_exit(void)
{
	ifreg_registry_unlisten(&ifreg_nl_listener);
	genl_unregister_family(&ifreg_nl_family);
}

/* "ifreg" over genetlink loads the module, as any family's alias does. */
MODULE_ALIAS_GENL_FAMILY(IFREG_GENL_NAME);
