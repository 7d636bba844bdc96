// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "ifreg" (include/uapi/linux/ifreg.h): lists
 * and changes the device-interface registry, and multicasts every change
 * with a sequence number; the NDIS table's commands, for the caller's
 * network namespace, are netlink_ndis.c's. Reads are open; changes to
 * device interfaces need CAP_SYS_ADMIN (checked once, in pre_doit, for the
 * commands marked IFREG_NL_SYS_ADMIN), changes to the NDIS table
 * CAP_NET_ADMIN in the namespace's user namespace (GENL_UNS_ADMIN_PERM).
 * Dumps carry the registry's (or the table's) generation in cb->seq, so a
 * dump that raced a change is flagged NLM_F_DUMP_INTR. The family listens
 * to the registry from its init to its exit and multicasts each change.
 */

#include <linux/device.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "device.h"
#include "guid.h"
#include "ndis_table.h"
#include "netlink.h"
#include "registry.h"

/* genl_ops.internal_flags: the command changes device interfaces. */
#define IFREG_NL_SYS_ADMIN	0x1
/* genl_ops.internal_flags: a restore sends it; it can only be checked. */
#define IFREG_NL_CHECKS		0x2

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
	[IFREG_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, IFREG_F_INCLUDE_NONACTIVE | IFREG_F_CHECK),
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
};

/* Sequence number of the last event multicast. */
static u64 ifreg_nl_seq;		/* protected by ifreg_lock */

static int ifreg_nl_put_guid(struct sk_buff *skb, int attr, const guid_t *guid)
{
	char buf[IFREG_GUID_BUFSZ];

	ifreg_guid_format(guid, buf);
	return nla_put_string(skb, attr, buf);
}

/*
 * Where the instance's device is: IFREG_A_PDO, its sysfs path
 * "/sys/devices/...", while bound; else IFREG_A_LOCATION, where the device
 * it waits for is, when it knows.
 */
static int ifreg_nl_put_pdo(struct sk_buff *skb, struct ifreg_instance *inst)
{
	char *path, *sys;
	int err;

	if (!inst->pdo) {
		if (!inst->location)
			return 0;
		sys = kasprintf(GFP_KERNEL, "/sys%s", inst->location);
		err = sys ? nla_put_string(skb, IFREG_A_LOCATION, sys) : -ENOMEM;
		kfree(sys);
		return err;
	}
	path = kobject_get_path(&inst->pdo->kobj, GFP_KERNEL);
	sys = path ? kasprintf(GFP_KERNEL, "/sys%s", path) : NULL;
	kfree(path);
	if (!sys)
		return -ENOMEM;
	err = nla_put_string(skb, IFREG_A_PDO, sys);
	kfree(sys);
	return err;
}

static int ifreg_nl_fill_instance(struct sk_buff *skb, struct ifreg_instance *inst)
{
	lockdep_assert_held(&ifreg_lock);
	if (nla_put_string(skb, IFREG_A_SYMBOLIC_LINK, inst->names.symbolic_link) ||
	    ifreg_nl_put_guid(skb, IFREG_A_CLASS, &inst->class->guid) ||
	    nla_put_string(skb, IFREG_A_INSTANCE_PATH, inst->names.instance_path) ||
	    (inst->reference &&
	     nla_put_string(skb, IFREG_A_REFERENCE, inst->reference)) ||
	    nla_put_u8(skb, IFREG_A_ENABLED, ifreg_instance_announced(inst)) ||
	    (inst->class->default_inst == inst && nla_put_flag(skb, IFREG_A_DEFAULT)) ||
	    ifreg_nl_put_pdo(skb, inst))
		return -EMSGSIZE;
	return 0;
}

/*
 * Multicast a change of the registry: its listener, called under ifreg_lock
 * in the order of the changes. A message that cannot be allocated still
 * uses its sequence number, so listeners see the gap.
 */
static void ifreg_nl_changed(enum ifreg_event_type type, struct ifreg_instance *inst)
{
	struct sk_buff *skb;
	void *hdr;

	lockdep_assert_held(&ifreg_lock);
	ifreg_nl_seq++;
	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &ifreg_nl_family, 0, IFREG_CMD_EVENT);
	if (!hdr ||
	    nla_put_u32(skb, IFREG_A_EVENT, type) ||
	    nla_put_u64_64bit(skb, IFREG_A_SEQ, ifreg_nl_seq, IFREG_A_PAD) ||
	    ifreg_nl_fill_instance(skb, inst)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast_allns(&ifreg_nl_family, skb, 0, 0);
}

static int ifreg_nl_class_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ifreg_class *cls;
	long i = 0;
	void *hdr;

	mutex_lock(&ifreg_lock);
	cb->seq = ifreg_registry_generation();
	list_for_each_entry(cls, ifreg_registry_class_list(), list_node) {
		if (i++ < cb->args[0])
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &ifreg_nl_family, NLM_F_MULTI, IFREG_CMD_CLASS_GET);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (ifreg_nl_put_guid(skb, IFREG_A_CLASS, &cls->guid) ||
		    nla_put_u32(skb, IFREG_A_COUNT, cls->count) ||
		    (cls->default_inst &&
		     nla_put_string(skb, IFREG_A_DEFAULT_LINK,
				    cls->default_inst->names.symbolic_link))) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = i;
	}
	mutex_unlock(&ifreg_lock);
	return skb->len;
}

static int ifreg_nl_put_entry_key(struct sk_buff *skb, struct ifreg_store_entry *e)
{
	if (e->name)
		return nla_put_string(skb, IFREG_A_VALUE_NAME, e->name);
	if (ifreg_nl_put_guid(skb, IFREG_A_PROP_FMTID, &e->key.fmtid) ||
	    nla_put_u32(skb, IFREG_A_PROP_PID, e->key.pid) ||
	    nla_put_u32(skb, IFREG_A_PROP_TYPE, e->type))
		return -EMSGSIZE;
	return 0;
}

/* Every value and property of an instance, nested. */
static int ifreg_nl_put_store(struct sk_buff *skb, struct ifreg_instance *inst)
{
	struct ifreg_store_entry *e;
	struct nlattr *store, *entry;

	store = nla_nest_start(skb, IFREG_A_STORE);
	if (!store)
		return -EMSGSIZE;
	list_for_each_entry(e, &inst->store.entries, node) {
		entry = nla_nest_start(skb, IFREG_A_STORE_ENTRY);
		if (!entry || ifreg_nl_put_entry_key(skb, e) ||
		    nla_put_u32(skb, IFREG_A_STORE_FLAGS, e->flags) ||
		    nla_put(skb, IFREG_A_DATA, e->size, e->data))
			return -EMSGSIZE;
		nla_nest_end(skb, entry);
	}
	nla_nest_end(skb, store);
	return 0;
}

static int ifreg_nl_instance_reply(struct genl_info *info, struct ifreg_instance *inst,
				   u8 cmd, bool exists)
{
	struct sk_buff *msg;
	void *hdr;

	lockdep_assert_held(&ifreg_lock);
	/* Room for the whole store, which its caps keep under 64 KiB. */
	msg = genlmsg_new(NLMSG_GOODSIZE + inst->store.bytes +
			  inst->store.count * (NAME_MAX + 64), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &ifreg_nl_family, 0, cmd);
	if (!hdr || ifreg_nl_fill_instance(msg, inst) ||
	    (exists && nla_put_flag(msg, IFREG_A_EXISTS)) ||
	    (cmd == IFREG_CMD_INTERFACE_GET && ifreg_nl_put_store(msg, inst))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int ifreg_nl_instance_get(struct sk_buff *skb, struct genl_info *info)
{
	struct ifreg_instance *inst;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, IFREG_A_SYMBOLIC_LINK))
		return -EINVAL;
	mutex_lock(&ifreg_lock);
	err = ifreg_registry_find(nla_data(info->attrs[IFREG_A_SYMBOLIC_LINK]), &inst);
	if (!err)
		err = ifreg_nl_instance_reply(info, inst, IFREG_CMD_INTERFACE_GET, false);
	mutex_unlock(&ifreg_lock);
	if (err == -ENOENT)
		GENL_SET_ERR_MSG(info, "no such interface");
	return err;
}

/* Dump filters, parsed once at the start of the dump. */
struct ifreg_nl_filter {
	bool by_class;
	guid_t class_guid;
	char *pdo;
	u32 flags;
};

static int ifreg_nl_instance_dump_start(struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct nlattr **attrs = ifreg_dumpit_attrs(info);
	struct ifreg_nl_filter *f;

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	cb->args[1] = (long)f;
	if (attrs[IFREG_A_CLASS]) {
		f->by_class = true;
		if (ifreg_guid_parse(nla_data(attrs[IFREG_A_CLASS]), &f->class_guid)) {
			NL_SET_ERR_MSG_ATTR(cb->extack, attrs[IFREG_A_CLASS],
					    "not a GUID in braces");
			return -EINVAL;
		}
	}
	if (attrs[IFREG_A_PDO]) {
		const char *p = nla_data(attrs[IFREG_A_PDO]);

		/* Compared with kobject paths, which have no "/sys". */
		if (!strncmp(p, "/sys/", 5))
			p += 4;
		f->pdo = kstrdup(p, GFP_KERNEL);
		if (!f->pdo)
			return -ENOMEM;
	}
	if (attrs[IFREG_A_FLAGS])
		f->flags = nla_get_u32(attrs[IFREG_A_FLAGS]);
	return 0;
}

static int ifreg_nl_instance_dump_done(struct netlink_callback *cb)
{
	struct ifreg_nl_filter *f = (void *)cb->args[1];

	if (f)
		kfree(f->pdo);
	kfree(f);
	return 0;
}

static bool ifreg_nl_match(struct ifreg_nl_filter *f, struct ifreg_instance *inst)
{
	char *path;
	bool match;

	if (!ifreg_instance_announced(inst) && !(f->flags & IFREG_F_INCLUDE_NONACTIVE))
		return false;
	if (f->by_class && !guid_equal(&f->class_guid, &inst->class->guid))
		return false;
	if (!f->pdo)
		return true;
	if (!inst->pdo)
		return false;
	path = kobject_get_path(&inst->pdo->kobj, GFP_KERNEL);
	match = path && !strcmp(path, f->pdo);
	kfree(path);
	return match;
}

/* One instance of a dump; false when the message is full. */
static bool ifreg_nl_dump_one(struct sk_buff *skb, struct netlink_callback *cb,
			      struct ifreg_instance *inst)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &ifreg_nl_family, NLM_F_MULTI, IFREG_CMD_INTERFACE_GET);
	if (!hdr)
		return false;
	genl_dump_check_consistent(cb, hdr);
	if (ifreg_nl_fill_instance(skb, inst)) {
		genlmsg_cancel(skb, hdr);
		return false;
	}
	genlmsg_end(skb, hdr);
	return true;
}

/*
 * Class by class, in the order ifreg_get_interfaces() lists them: the
 * default interface first, then the others in order of registration.
 * cb->args[0] counts the instances already considered.
 */
static int ifreg_nl_instance_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ifreg_nl_filter *f = (void *)cb->args[1];
	struct ifreg_instance *inst, *def;
	struct ifreg_class *cls;
	long i = 0;

	mutex_lock(&ifreg_lock);
	cb->seq = ifreg_registry_generation();
	list_for_each_entry(cls, ifreg_registry_class_list(), list_node) {
		if (f->by_class && !guid_equal(&f->class_guid, &cls->guid))
			continue;
		def = cls->default_inst;
		if (def && i++ >= cb->args[0]) {
			if (ifreg_nl_match(f, def) && !ifreg_nl_dump_one(skb, cb, def))
				goto out;
			cb->args[0] = i;
		}
		list_for_each_entry(inst, &cls->instances, class_node) {
			if (inst == def || i++ < cb->args[0])
				continue;
			if (ifreg_nl_match(f, inst) && !ifreg_nl_dump_one(skb, cb, inst))
				goto out;
			cb->args[0] = i;
		}
	}
out:
	mutex_unlock(&ifreg_lock);
	return skb->len;
}

/*
 * The reply to a register or restore: the instance it got, as it is now
 * (removed since, if another request was quicker), and the reference the
 * registry handed over dropped.
 */
static int ifreg_nl_registered_reply(struct genl_info *info, struct ifreg_instance *inst,
				     u8 cmd, bool exists)
{
	int ret;

	mutex_lock(&ifreg_lock);
	ret = ifreg_nl_instance_reply(info, inst, cmd, exists);
	mutex_unlock(&ifreg_lock);
	ifreg_instance_put(inst);
	return ret;
}

static int ifreg_nl_register(struct sk_buff *skb, struct genl_info *info)
{
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
	ret = ifreg_registry_register(pdo, &guid, ref, &inst);
	put_device(pdo);
	if (ret < 0) {
		GENL_SET_ERR_MSG(info, "the device or reference cannot be used");
		return ret;
	}
	return ifreg_nl_registered_reply(info, inst, IFREG_CMD_INTERFACE_REGISTER,
					 ret == IFREG_EXISTS);
}

/*
 * IFREG_F_CHECK of a restore: the names it gets, made as the restore makes
 * them, and whether it is registered already; nothing changes. The caps
 * (max_instances...) are not foreseen: only applying knows what the
 * records before it took.
 */
static int ifreg_nl_restore_check(struct genl_info *info, const char *path,
				  const guid_t *guid, const char *ref)
{
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
		err = 0;
	if (!err) {
		hdr = genlmsg_put_reply(msg, info, &ifreg_nl_family, 0,
					IFREG_CMD_INTERFACE_RESTORE);
		if (!hdr || nla_put_string(msg, IFREG_A_SYMBOLIC_LINK,
					   exists ? inst->names.symbolic_link :
						    names.symbolic_link) ||
		    (exists && nla_put_flag(msg, IFREG_A_EXISTS)))
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

	ret = ifreg_registry_restore(path, &guid, ref, pdo, &inst);
	if (ret == -EINVAL)
		GENL_SET_ERR_MSG(info, "the name would be longer than a sysfs name (255)");
	else if (ret == -ENOSPC)
		GENL_SET_ERR_MSG(info, "over max_instances[_per_class] or max_classes");
	if (ret < 0)
		return ret;
	return ifreg_nl_registered_reply(info, inst, IFREG_CMD_INTERFACE_RESTORE,
					 ret == IFREG_EXISTS);
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
	ret = ifreg_set_interface_state(link, nla_get_u8(info->attrs[IFREG_A_ENABLED]));
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

static int ifreg_nl_remove(struct sk_buff *skb, struct genl_info *info)
{
	int ret = ifreg_nl_link_op(info, ifreg_remove_interface);

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
	struct ifreg_instance *inst;
	struct sk_buff *msg;
	const char *name;
	void *hdr;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, IFREG_A_SYMBOLIC_LINK))
		return -EINVAL;
	err = ifreg_nl_store_key(info, &name, &key);
	if (err)
		return err;
	msg = genlmsg_new(NLMSG_GOODSIZE + ifreg_max_store_size, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&ifreg_lock);
	err = ifreg_registry_find(nla_data(info->attrs[IFREG_A_SYMBOLIC_LINK]), &inst);
	if (err) {
		GENL_SET_ERR_MSG(info, "no such interface");
		goto out;
	}
	e = ifreg_store_find(&inst->store, name, &key);
	if (!e) {
		GENL_SET_ERR_MSG(info, "no such value or property");
		err = -ENOENT;
		goto out;
	}
	err = -EMSGSIZE;
	hdr = genlmsg_put_reply(msg, info, &ifreg_nl_family, 0, IFREG_CMD_STORE_GET);
	if (hdr && !ifreg_nl_put_entry_key(msg, e) &&
	    !nla_put_u32(msg, IFREG_A_STORE_FLAGS, e->flags) &&
	    !nla_put(msg, IFREG_A_DATA, e->size, e->data)) {
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
 * IFREG_F_CHECK of a set: whether ifreg_store_set() takes the entry. It is
 * tried on a scratch store holding as many entries and bytes as the
 * instance's would without the entry it replaces, so that store.c's own
 * rule decides, on the instance's numbers, and the instance is not
 * touched. A missing instance is -ENOENT only once the entry has passed.
 */
static int ifreg_nl_store_check(const char *link, const char *name,
				const struct ifreg_devpropkey *key, u32 type,
				const void *data, size_t size, unsigned int flags)
{
	struct ifreg_store_entry *old;
	struct ifreg_instance *inst;
	struct ifreg_store scratch;
	int lookup, err;

	ifreg_store_init(&scratch);
	mutex_lock(&ifreg_lock);
	lookup = ifreg_registry_find(link, &inst);
	if (!lookup) {
		old = ifreg_store_find(&inst->store, name, key);
		scratch.count = inst->store.count - (old ? 1 : 0);
		scratch.bytes = inst->store.bytes - (old ? old->size : 0);
	}
	err = ifreg_store_set(&scratch, name, key, type, data, size, flags);
	mutex_unlock(&ifreg_lock);
	ifreg_store_clear(&scratch);
	return err ?: lookup;
}

static int ifreg_nl_store_change(struct genl_info *info, bool set)
{
	struct nlattr **a = info->attrs;
	struct ifreg_devpropkey key;
	const void *data = NULL;
	const char *link, *name;
	unsigned int flags = 0;
	size_t size = 0;
	u32 type = 0;
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
		err = ifreg_nl_store_check(link, name, name ? NULL : &key, type, data,
					   size, flags);
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
 * The one check of CAP_SYS_ADMIN, for every command that changes interfaces;
 * and IFREG_F_CHECK refused where it would be ignored, so that a request
 * meant only to be checked is never applied.
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
