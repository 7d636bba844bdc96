// SPDX-License-Identifier: GPL-2.0
/*
 * The NDIS commands of the netlink family "ifreg", always for the caller's
 * network namespace: the interface table (IFREG_CMD_NDIS_GET) and its LUID
 * index allocations, which user space lists, allocates, frees and reserves
 * again after a reboot (IFREG_CMD_LUID_*, ndis_resv.c). Reads are open;
 * changes need CAP_NET_ADMIN in the namespace's user namespace, which the
 * family checks (GENL_UNS_ADMIN_PERM on the ops in netlink.c).
 */

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include <ifreg/ifreg.h>

#include "ndis_luid.h"
#include "ndis_netdev.h"
#include "ndis_resv.h"
#include "ndis_table.h"
#include "netlink.h"

static int ifreg_nl_fill_ndis(struct sk_buff *skb, struct ifreg_ndis_table *t,
			      struct ifreg_ndis_if *nif)
{
	u32 highest, lowest, oper, admin, access;
	u64 hl, ll;

	ifreg_ndis_binding(t, nif, &highest, &hl, &lowest, &ll);
	if (nif->dev) {
		oper = ifreg_netdev_oper_status(nif->dev);
		admin = ifreg_netdev_admin_status(nif->dev);
		access = ifreg_netdev_access_type(nif->dev);
	} else {
		oper = nif->info.oper_status;
		admin = nif->info.admin_status;
		access = nif->info.access_type;
	}
	if (nla_put_u32(skb, IFREG_A_IFINDEX, nif->ifindex) ||
	    nla_put_u64_64bit(skb, IFREG_A_NET_LUID, nif->luid, IFREG_A_PAD) ||
	    nla_put_u16(skb, IFREG_A_IFTYPE, ifreg_net_luid_iftype(nif->luid)) ||
	    nla_put_u32(skb, IFREG_A_LUID_INDEX, ifreg_net_luid_index(nif->luid)) ||
	    nla_put_u32(skb, IFREG_A_OPER_STATUS, oper) ||
	    nla_put_u32(skb, IFREG_A_ADMIN_STATUS, admin) ||
	    nla_put_u32(skb, IFREG_A_ACCESS_TYPE, access) ||
	    nla_put_u32(skb, IFREG_A_HIGHEST, highest) ||
	    nla_put_u32(skb, IFREG_A_LOWEST, lowest) ||
	    nla_put_u32(skb, IFREG_A_LINUX_IFINDEX, nif->linux_ifindex) ||
	    (nif->dev && nla_put_string(skb, IFREG_A_NAME, nif->name)) ||
	    (nif->key && nla_put_string(skb, IFREG_A_LUID_KEY, nif->key)))
		return -EMSGSIZE;
	return 0;
}

static struct ifreg_ndis_if *ifreg_nl_ndis_lookup(struct net *net,
						  struct ifreg_ndis_table *t,
						  struct nlattr **attrs)
{
	struct net_device *dev;
	struct ifreg_ndis_if *nif = NULL;

	if (attrs[IFREG_A_IFINDEX])
		return xa_load(&t->by_ifindex, nla_get_u32(attrs[IFREG_A_IFINDEX]));
	if (attrs[IFREG_A_NET_LUID])
		return ifreg_ndis_if_of_luid(t, nla_get_u64(attrs[IFREG_A_NET_LUID]));
	dev = __dev_get_by_name(net, nla_data(attrs[IFREG_A_NAME]));
	if (dev)
		nif = xa_load(&t->by_dev, dev->ifindex);
	return nif;
}

/**
 * ifreg_nl_ndis_get() - IFREG_CMD_NDIS_GET do: one interface
 * @skb: the request
 * @info: its attributes: IFREG_A_IFINDEX, IFREG_A_NET_LUID or IFREG_A_NAME
 *
 * Context: Process context; takes RTNL and the table's lock.
 * Return: 0 with the reply sent, -ENOENT, -EINVAL, -ENOMEM or -EMSGSIZE.
 */
int ifreg_nl_ndis_get(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct ifreg_ndis_table *t = ifreg_ndis_table(net);
	struct ifreg_ndis_if *nif;
	struct sk_buff *msg;
	void *hdr;
	int err;

	if (!info->attrs[IFREG_A_IFINDEX] && !info->attrs[IFREG_A_NET_LUID] &&
	    !info->attrs[IFREG_A_NAME]) {
		GENL_SET_ERR_MSG(info, "need an ifIndex, a NET_LUID or a name");
		return -EINVAL;
	}
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	/* RTNL: names, and the stack walk of the binding answer. */
	rtnl_lock();
	mutex_lock(&t->lock);
	nif = ifreg_nl_ndis_lookup(net, t, info->attrs);
	err = -ENOENT;
	if (nif) {
		err = -EMSGSIZE;
		hdr = genlmsg_put_reply(msg, info, &ifreg_nl_family, 0, IFREG_CMD_NDIS_GET);
		if (hdr && !ifreg_nl_fill_ndis(msg, t, nif)) {
			genlmsg_end(msg, hdr);
			err = 0;
		}
	}
	mutex_unlock(&t->lock);
	rtnl_unlock();
	if (err) {
		if (err == -ENOENT)
			GENL_SET_ERR_MSG(info, "no such interface in this namespace");
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/**
 * ifreg_nl_ndis_dump() - IFREG_CMD_NDIS_GET dump: every interface
 * @skb: where the messages go
 * @cb: the dump; args[0] is the next ifIndex
 *
 * Context: Process context; takes RTNL and the table's lock.
 * Return: the length of @skb, 0 when done.
 */
int ifreg_nl_ndis_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ifreg_ndis_table *t = ifreg_ndis_table(sock_net(skb->sk));
	struct ifreg_ndis_if *nif;
	unsigned long index;
	void *hdr;

	rtnl_lock();
	mutex_lock(&t->lock);
	cb->seq = ifreg_ndis_gen(t);
	xa_for_each_start(&t->by_ifindex, index, nif, cb->args[0]) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &ifreg_nl_family, NLM_F_MULTI, IFREG_CMD_NDIS_GET);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (ifreg_nl_fill_ndis(skb, t, nif)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = index + 1;
	}
	mutex_unlock(&t->lock);
	rtnl_unlock();
	return skb->len;
}

/* One allocated LUID index: what it is kept for, who uses it. */
static int ifreg_nl_fill_luid(struct sk_buff *skb, struct ifreg_ndis_table *t,
			      u16 iftype, u32 index, void *entry)
{
	struct ifreg_ndis_if *nif = ifreg_ndis_if_of_luid(t, ifreg_net_luid(iftype, index));
	const char *key = NULL;

	if (!xa_is_value(entry))
		key = ((struct ifreg_ndis_resv *)entry)->key;
	else if (nif)
		key = nif->key;
	if (nla_put_u16(skb, IFREG_A_IFTYPE, iftype) ||
	    nla_put_u32(skb, IFREG_A_LUID_INDEX, index) ||
	    (key && nla_put_string(skb, IFREG_A_LUID_KEY, key)) ||
	    (nif && nla_put_u32(skb, IFREG_A_IFINDEX, nif->ifindex)))
		return -EMSGSIZE;
	return 0;
}

/**
 * ifreg_nl_luid_dump() - IFREG_CMD_LUID_GET dump: every allocated index
 * @skb: where the messages go
 * @cb: the dump; args[0] is the IfType and args[1] the index to go on from
 *
 * IfType by IfType, index by index, under the table's lock; the table's
 * generation flags a dump that raced a change.
 *
 * Context: Process context; takes the table's lock.
 * Return: the length of @skb, 0 when done.
 */
int ifreg_nl_luid_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ifreg_ndis_table *t = ifreg_ndis_table(sock_net(skb->sk));
	u16 iftype = cb->args[0];
	u32 index = cb->args[1];
	void *entry, *hdr;

	mutex_lock(&t->lock);
	cb->seq = ifreg_ndis_gen(t);
	for (; (entry = ifreg_ndis_luid_index_next(&t->luids, &iftype, &index)); index++) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &ifreg_nl_family,
				  NLM_F_MULTI, IFREG_CMD_LUID_GET);
		if (!hdr)
			goto out;
		genl_dump_check_consistent(cb, hdr);
		if (ifreg_nl_fill_luid(skb, t, iftype, index, entry)) {
			genlmsg_cancel(skb, hdr);
			goto out;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = iftype;
		cb->args[1] = index + 1;
	}
out:
	mutex_unlock(&t->lock);
	return skb->len;
}

/* A reply with the index, and IFREG_A_EXISTS when nothing changed. */
/*
 * Send @msg, made beforehand, as the reply: IFTYPE, LUID_INDEX, EXISTS,
 * and for a check what it adds (@adds, or NULL).
 */
static int ifreg_nl_luid_send(struct sk_buff *msg, struct genl_info *info, u8 cmd,
			      u16 iftype, u32 index, bool exists,
			      const struct ifreg_resv_ahead *adds)
{
	void *hdr;

	hdr = genlmsg_put_reply(msg, info, &ifreg_nl_family, 0, cmd);
	if (!hdr || nla_put_u16(msg, IFREG_A_IFTYPE, iftype) ||
	    nla_put_u32(msg, IFREG_A_LUID_INDEX, index) ||
	    (exists && nla_put_flag(msg, IFREG_A_EXISTS)) ||
	    (adds && (nla_put_u32(msg, IFREG_A_AHEAD_LUID_INDEXES, adds->indexes) ||
		      nla_put_u32(msg, IFREG_A_AHEAD_RESERVATIONS, adds->resvs)))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/**
 * ifreg_nl_luid_alloc() - IFREG_CMD_LUID_ALLOC: NdisIfAllocateNetLuidIndex
 * @skb: the request
 * @info: its attributes: IFREG_A_IFTYPE
 *
 * Context: Process context; takes the table's lock.
 * Return: 0 with the reply (IFREG_A_LUID_INDEX) sent; -EINVAL, -ENOSPC,
 * -ENOMEM, or the error of sending the reply, with the index freed again:
 * an allocation is never left that its caller was not told of.
 */
int ifreg_nl_luid_alloc(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct sk_buff *msg;
	u32 index;
	u16 iftype;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, IFREG_A_IFTYPE))
		return -EINVAL;
	iftype = nla_get_u16(info->attrs[IFREG_A_IFTYPE]);
	/* The reply first: an index nobody hears of would stay allocated. */
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	err = ifreg_ndis_allocate_luid_index(net, iftype, &index);
	if (err) {
		if (err == -ENOSPC)
			GENL_SET_ERR_MSG(info, "every index of that IfType is allocated");
		nlmsg_free(msg);
		return err;
	}
	err = ifreg_nl_luid_send(msg, info, IFREG_CMD_LUID_ALLOC, iftype, index, false,
				 NULL);
	if (err)
		ifreg_ndis_free_luid_index(net, iftype, index);
	return err;
}

/**
 * ifreg_nl_luid_free() - IFREG_CMD_LUID_FREE: NdisIfFreeNetLuidIndex
 * @skb: the request
 * @info: its attributes: IFREG_A_IFTYPE, IFREG_A_LUID_INDEX
 *
 * A reservation of the index goes with it.
 *
 * Context: Process context; takes the table's lock.
 * Return: 0; -EINVAL when not allocated for that IfType; -EBUSY while an
 * interface uses it.
 */
int ifreg_nl_luid_free(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	if (GENL_REQ_ATTR_CHECK(info, IFREG_A_IFTYPE) ||
	    GENL_REQ_ATTR_CHECK(info, IFREG_A_LUID_INDEX))
		return -EINVAL;
	err = ifreg_ndis_free_luid_index(genl_info_net(info),
					 nla_get_u16(info->attrs[IFREG_A_IFTYPE]),
					 nla_get_u32(info->attrs[IFREG_A_LUID_INDEX]));
	if (err == -EINVAL)
		GENL_SET_ERR_MSG(info, "the index is not allocated for that IfType");
	else if (err == -EBUSY)
		GENL_SET_ERR_MSG(info, "an interface uses the index");
	return err;
}

/*
 * IFREG_F_CHECK of a reservation: the rules applying it meets, on the table
 * with what the store's records before it add (IFREG_A_AHEAD_LUID_INDEXES,
 * IFREG_A_AHEAD_RESERVATIONS) counted in; the reply is applying's, with
 * what it adds in those attributes.
 */
static int ifreg_nl_luid_reserve_check(struct genl_info *info, u16 iftype, u32 index,
				       const char *key)
{
	struct ifreg_resv_ahead ahead = {
		.indexes = ifreg_nl_ahead(info, IFREG_A_AHEAD_LUID_INDEXES),
		.resvs = ifreg_nl_ahead(info, IFREG_A_AHEAD_RESERVATIONS),
	};
	struct ifreg_resv_ahead adds;
	struct sk_buff *msg;
	int ret;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	ret = ifreg_ndis_check_luid_reservation(genl_info_net(info), iftype, index, key,
						&ahead, &adds, info->extack);
	if (ret < 0) {
		nlmsg_free(msg);
		return ret;
	}
	return ifreg_nl_luid_send(msg, info, IFREG_CMD_LUID_RESERVE, iftype, index,
				  ret == IFREG_EXISTS, &adds);
}

/**
 * ifreg_nl_luid_reserve() - IFREG_CMD_LUID_RESERVE: allocate an index again
 * @skb: the request
 * @info: its attributes: IFREG_A_IFTYPE, IFREG_A_LUID_INDEX and
 *	IFREG_A_LUID_KEY (optional)
 *
 * ifreg_ndis_reserve_luid_index() says what it does. With IFREG_F_CHECK in
 * IFREG_A_FLAGS, checks it by the same rules and changes nothing
 * (ifreg_ndis_check_luid_reservation()).
 *
 * Context: Process context; takes RTNL and the table's lock.
 * Return: 0 with the reply sent (IFREG_A_EXISTS when nothing changed), or
 * what ifreg_ndis_reserve_luid_index() returns; a check answers the same,
 * with what the reservation adds in the reply.
 */
int ifreg_nl_luid_reserve(struct sk_buff *skb, struct genl_info *info)
{
	const char *key = NULL;
	struct sk_buff *msg;
	u32 index;
	u16 iftype;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, IFREG_A_IFTYPE) ||
	    GENL_REQ_ATTR_CHECK(info, IFREG_A_LUID_INDEX))
		return -EINVAL;
	iftype = nla_get_u16(info->attrs[IFREG_A_IFTYPE]);
	index = nla_get_u32(info->attrs[IFREG_A_LUID_INDEX]);
	if (info->attrs[IFREG_A_LUID_KEY]) {
		key = nla_data(info->attrs[IFREG_A_LUID_KEY]);
		if (!*key) {
			NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[IFREG_A_LUID_KEY],
					    "an empty key");
			return -EINVAL;
		}
	}
	if (ifreg_nl_check_only(info))
		return ifreg_nl_luid_reserve_check(info, iftype, index, key);
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	ret = ifreg_ndis_reserve_luid_index(genl_info_net(info), iftype, index, key,
					    info->extack);
	if (ret < 0) {
		nlmsg_free(msg);
		return ret;
	}
	/* A lost reply leaves the reservation: asking again answers EXISTS. */
	return ifreg_nl_luid_send(msg, info, IFREG_CMD_LUID_RESERVE, iftype, index,
				  ret == IFREG_EXISTS, NULL);
}
