// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink plumbing for ifregctl: one socket, the ifreg family's id
 * and events group looked up by name through nlctrl, requests answered by a
 * reply, a dump or an ack, and netlink errors turned into an errno plus the
 * kernel's extended-ack message. Every reply attribute is checked for its
 * type and length before the commands see it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "genl.h"

/* Grown to the size of the largest message seen (a store can be big). */
static char *ifc_buf;
static size_t ifc_buf_size;

/*
 * ifc_recv: the next datagram into ifc_buf, however large: its size is
 * peeked first, so a reply bigger than IFC_BUF_SIZE is not truncated.
 */
static ssize_t ifc_recv(struct ifc_genl *g)
{
	ssize_t n;

	do
		n = recv(mnl_socket_get_fd(g->nl), NULL, 0, MSG_PEEK | MSG_TRUNC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	if (!ifc_buf || (size_t)n > ifc_buf_size) {
		size_t size = (size_t)n > IFC_BUF_SIZE ? (size_t)n : IFC_BUF_SIZE;
		char *buf = realloc(ifc_buf, size);

		if (!buf) {
			errno = ENOMEM;
			return -1;
		}
		ifc_buf = buf;
		ifc_buf_size = size;
	}
	return mnl_socket_recvfrom(g->nl, ifc_buf, ifc_buf_size);
}

int ifc_genl_open(struct ifc_genl *g)
{
	int one = 1, rcvbuf = 1 << 20;

	memset(g, 0, sizeof(*g));
	g->nl = mnl_socket_open(NETLINK_GENERIC);
	if (!g->nl)
		return -errno;
	if (mnl_socket_bind(g->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		int err = -errno;

		mnl_socket_close(g->nl);
		g->nl = NULL;
		return err;
	}
	/* Best effort: older kernels lack them, and errors still arrive. */
	mnl_socket_setsockopt(g->nl, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(g->nl, NETLINK_CAP_ACK, &one, sizeof(one));
	setsockopt(mnl_socket_get_fd(g->nl), SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	g->seq = (uint32_t)getpid() << 8;
	return 0;
}

void ifc_genl_close(struct ifc_genl *g)
{
	if (g->nl)
		mnl_socket_close(g->nl);
	g->nl = NULL;
}

/* ifc_genl_msg: a request header for CMD of the ifreg family in BUF. */
struct nlmsghdr *ifc_genl_msg(struct ifc_genl *g, void *buf, uint8_t cmd, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = g->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++g->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = IFREG_GENL_VERSION;
	return nlh;
}

/* The extended ack's message, if the kernel sent one, into g->extack. */
static int ifc_extack_attr(const struct nlattr *attr, void *data)
{
	struct ifc_genl *g = data;

	if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
		snprintf(g->extack, sizeof(g->extack), "%s", mnl_attr_get_str(attr));
	return MNL_CB_OK;
}

static void ifc_extack(struct ifc_genl *g, const struct nlmsghdr *nlh, unsigned int offset)
{
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (offset > mnl_nlmsg_get_payload_len(nlh))
		return;
	mnl_attr_parse(nlh, offset, ifc_extack_attr, g);
}

struct ifc_run {
	struct ifc_genl *g;
	mnl_cb_t raw;		/* for nlctrl's replies */
	ifc_msg_fn fn;		/* for ifreg's */
	void *data;
};

/* NLMSG_ERROR: an ack (error 0) ends a request; an error ends it too. */
static int ifc_error_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ifc_run *run = data;
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	unsigned int offset = sizeof(*err);

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*err)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		offset += mnl_nlmsg_get_payload_len(&err->msg);
	ifc_extack(run->g, nlh, offset);
	if (err->error == 0)
		return MNL_CB_STOP;
	errno = err->error < 0 ? -err->error : err->error;
	return MNL_CB_ERROR;
}

/* NLMSG_DONE: the end of a dump, with the dump's error if it failed. */
static int ifc_done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ifc_run *run = data;
	int error = 0;

	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		run->g->dump_intr = true;
	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(error))
		memcpy(&error, mnl_nlmsg_get_payload(nlh), sizeof(error));
	ifc_extack(run->g, nlh, sizeof(error));
	if (error < 0) {
		errno = -error;
		return MNL_CB_ERROR;
	}
	return MNL_CB_STOP;
}

static int ifc_attr_cb(const struct nlattr *attr, void *data)
{
	/* What each attribute must be; MNL_TYPE_UNSPEC: not checked. */
	static const enum mnl_attr_data_type types[IFREG_A_MAX + 1] = {
		[IFREG_A_SYMBOLIC_LINK] = MNL_TYPE_NUL_STRING,
		[IFREG_A_CLASS] = MNL_TYPE_NUL_STRING,
		[IFREG_A_REFERENCE] = MNL_TYPE_NUL_STRING,
		[IFREG_A_INSTANCE_PATH] = MNL_TYPE_NUL_STRING,
		[IFREG_A_PDO] = MNL_TYPE_NUL_STRING,
		[IFREG_A_LOCATION] = MNL_TYPE_NUL_STRING,
		[IFREG_A_DEVNODE] = MNL_TYPE_NUL_STRING,
		[IFREG_A_ENABLED] = MNL_TYPE_U8,
		[IFREG_A_DEFAULT] = MNL_TYPE_FLAG,
		[IFREG_A_DEFAULT_LINK] = MNL_TYPE_NUL_STRING,
		[IFREG_A_COUNT] = MNL_TYPE_U32,
		[IFREG_A_FLAGS] = MNL_TYPE_U32,
		[IFREG_A_EXISTS] = MNL_TYPE_FLAG,
		[IFREG_A_EVENT] = MNL_TYPE_U32,
		[IFREG_A_SEQ] = MNL_TYPE_U64,
		[IFREG_A_IFINDEX] = MNL_TYPE_U32,
		[IFREG_A_NET_LUID] = MNL_TYPE_U64,
		[IFREG_A_IFTYPE] = MNL_TYPE_U16,
		[IFREG_A_LUID_INDEX] = MNL_TYPE_U32,
		[IFREG_A_OPER_STATUS] = MNL_TYPE_U32,
		[IFREG_A_ADMIN_STATUS] = MNL_TYPE_U32,
		[IFREG_A_ACCESS_TYPE] = MNL_TYPE_U32,
		[IFREG_A_HIGHEST] = MNL_TYPE_U32,
		[IFREG_A_LOWEST] = MNL_TYPE_U32,
		[IFREG_A_LINUX_IFINDEX] = MNL_TYPE_U32,
		[IFREG_A_NAME] = MNL_TYPE_NUL_STRING,
		[IFREG_A_VALUE_NAME] = MNL_TYPE_NUL_STRING,
		[IFREG_A_PROP_FMTID] = MNL_TYPE_NUL_STRING,
		[IFREG_A_PROP_PID] = MNL_TYPE_U32,
		[IFREG_A_PROP_TYPE] = MNL_TYPE_U32,
		[IFREG_A_STORE_FLAGS] = MNL_TYPE_U32,
		[IFREG_A_STORE] = MNL_TYPE_NESTED,
		[IFREG_A_STORE_ENTRY] = MNL_TYPE_NESTED,
		[IFREG_A_LUID_KEY] = MNL_TYPE_NUL_STRING,
		[IFREG_A_AHEAD_INSTANCES] = MNL_TYPE_U32,
		[IFREG_A_AHEAD_CLASS_INSTANCES] = MNL_TYPE_U32,
		[IFREG_A_AHEAD_CLASSES] = MNL_TYPE_U32,
		[IFREG_A_AHEAD_ENTRIES] = MNL_TYPE_U32,
		[IFREG_A_AHEAD_BYTES] = MNL_TYPE_U32,
		[IFREG_A_AHEAD_LUID_INDEXES] = MNL_TYPE_U32,
		[IFREG_A_AHEAD_RESERVATIONS] = MNL_TYPE_U32,
	};
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	/* Attributes a newer kernel adds are skipped, not refused. */
	if (mnl_attr_type_valid(attr, IFREG_A_MAX) < 0)
		return MNL_CB_OK;
	if (types[type] != MNL_TYPE_UNSPEC && mnl_attr_validate(attr, types[type]) < 0) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	tb[type] = attr;
	return MNL_CB_OK;
}

/**
 * ifc_parse_attrs: the attributes of an ifreg message into TB, checked.
 * Returns 0, or -EBADMSG when one has the wrong type or size.
 */
int ifc_parse_attrs(const struct nlmsghdr *nlh, const struct nlattr *tb[IFREG_A_MAX + 1])
{
	memset(tb, 0, sizeof(*tb) * (IFREG_A_MAX + 1));
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(struct genlmsghdr))
		return -EBADMSG;
	if (mnl_attr_parse(nlh, sizeof(struct genlmsghdr), ifc_attr_cb, tb) < 0)
		return -EBADMSG;
	return 0;
}

/* A reply of the ifreg family: checked, then handed to the command. */
static int ifc_data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ifc_run *run = data;
	const struct nlattr *tb[IFREG_A_MAX + 1];
	int ret;

	if (run->raw)
		return run->raw(nlh, run->data);
	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		run->g->dump_intr = true;
	if (nlh->nlmsg_type != run->g->family)
		return MNL_CB_OK;
	ret = ifc_parse_attrs(nlh, tb);
	if (ret == 0 && run->fn)
		ret = run->fn(tb, run->data);
	if (ret < 0) {
		errno = -ret;
		return MNL_CB_ERROR;
	}
	return ret > 0 ? MNL_CB_STOP : MNL_CB_OK;
}

static int ifc_run(struct ifc_genl *g, struct nlmsghdr *nlh, struct ifc_run *run)
{
	static mnl_cb_t ctl[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = ifc_error_cb,
		[NLMSG_DONE] = ifc_done_cb,
	};
	unsigned int portid = mnl_socket_get_portid(g->nl);
	ssize_t n;
	int ret;

	g->extack[0] = '\0';
	g->dump_intr = false;
	if (mnl_socket_sendto(g->nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	do {
		n = ifc_recv(g);
		if (n < 0)
			return -errno;
		ret = mnl_cb_run2(ifc_buf, n, nlh->nlmsg_seq, portid, ifc_data_cb, run,
				  ctl, MNL_ARRAY_SIZE(ctl));
	} while (ret > MNL_CB_STOP);
	return ret < 0 ? -errno : 0;
}

/**
 * ifc_genl_talk: send NLH (made by ifc_genl_msg) and hand every reply
 * message to FN, which returns 0 to go on, > 0 to stop reading replies, or
 * a negative errno. A request that is not a dump should carry NLM_F_ACK so
 * that its end is the ack.
 * Returns 0, or the negative errno of the kernel's (or FN's) error; the
 * kernel's message, if any, is in g->extack.
 */
int ifc_genl_talk(struct ifc_genl *g, struct nlmsghdr *nlh, ifc_msg_fn fn, void *data)
{
	struct ifc_run run = { .g = g, .fn = fn, .data = data };

	return ifc_run(g, nlh, &run);
}

static int ifc_grp_attr(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	if (mnl_attr_type_valid(attr, CTRL_ATTR_MCAST_GRP_MAX) >= 0)
		tb[type] = attr;
	return MNL_CB_OK;
}

static int ifc_ctrl_attr(const struct nlattr *attr, void *data)
{
	struct ifc_genl *g = data;
	const struct nlattr *grp;

	switch (mnl_attr_get_type(attr)) {
	case CTRL_ATTR_FAMILY_ID:
		if (mnl_attr_validate(attr, MNL_TYPE_U16) == 0)
			g->family = mnl_attr_get_u16(attr);
		break;
	case CTRL_ATTR_MCAST_GROUPS:
		mnl_attr_for_each_nested(grp, attr) {
			const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = { NULL };

			if (mnl_attr_parse_nested(grp, ifc_grp_attr, tb) < 0)
				continue;
			if (!tb[CTRL_ATTR_MCAST_GRP_NAME] || !tb[CTRL_ATTR_MCAST_GRP_ID] ||
			    mnl_attr_validate(tb[CTRL_ATTR_MCAST_GRP_NAME], MNL_TYPE_NUL_STRING) < 0 ||
			    mnl_attr_validate(tb[CTRL_ATTR_MCAST_GRP_ID], MNL_TYPE_U32) < 0)
				continue;
			if (strcmp(mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]),
				   IFREG_MCGRP_EVENTS) == 0)
				g->events_group = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
		}
		break;
	}
	return MNL_CB_OK;
}

static int ifc_ctrl_cb(const struct nlmsghdr *nlh, void *data)
{
	if (mnl_attr_parse(nlh, sizeof(struct genlmsghdr), ifc_ctrl_attr, data) < 0)
		return MNL_CB_ERROR;
	return MNL_CB_OK;
}

/* Ask nlctrl about the family NAME; CB gets the reply. */
static int ifc_getfamily(struct ifc_genl *g, const char *name, mnl_cb_t cb, void *data)
{
	char buf[256];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;
	struct ifc_run run = { .g = g, .raw = cb, .data = data };

	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++g->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = CTRL_CMD_GETFAMILY;
	genl->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);
	return ifc_run(g, nlh, &run);
}

/**
 * ifc_genl_resolve: look up the ifreg family and its events group.
 * Returns 0; -ENOENT when the family is not registered (the module is not
 * loaded); another negative errno when asking failed.
 */
int ifc_genl_resolve(struct ifc_genl *g)
{
	int ret = ifc_getfamily(g, IFREG_GENL_NAME, ifc_ctrl_cb, g);

	if (ret == 0 && !g->family)
		ret = -ENOENT;
	return ret;
}

/* ifc_genl_subscribe: join the events group. Returns 0 or -errno. */
int ifc_genl_subscribe(struct ifc_genl *g)
{
	int grp = g->events_group;

	if (!grp)
		return -ENOENT;
	if (mnl_socket_setsockopt(g->nl, NETLINK_ADD_MEMBERSHIP, &grp, sizeof(grp)) < 0)
		return -errno;
	return 0;
}

/* nlctrl's "notify" group: its id, from a GETFAMILY reply for nlctrl. */
static int ifc_notify_attr(const struct nlattr *attr, void *data)
{
	uint32_t *id = data;
	const struct nlattr *grp;

	if (mnl_attr_get_type(attr) != CTRL_ATTR_MCAST_GROUPS)
		return MNL_CB_OK;
	mnl_attr_for_each_nested(grp, attr) {
		const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = { NULL };

		if (mnl_attr_parse_nested(grp, ifc_grp_attr, tb) < 0 ||
		    !tb[CTRL_ATTR_MCAST_GRP_NAME] || !tb[CTRL_ATTR_MCAST_GRP_ID] ||
		    mnl_attr_validate(tb[CTRL_ATTR_MCAST_GRP_NAME], MNL_TYPE_NUL_STRING) < 0 ||
		    mnl_attr_validate(tb[CTRL_ATTR_MCAST_GRP_ID], MNL_TYPE_U32) < 0)
			continue;
		if (strcmp(mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]), "notify") == 0)
			*id = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
	}
	return MNL_CB_OK;
}

static int ifc_notify_cb(const struct nlmsghdr *nlh, void *data)
{
	if (mnl_attr_parse(nlh, sizeof(struct genlmsghdr), ifc_notify_attr, data) < 0)
		return MNL_CB_ERROR;
	return MNL_CB_OK;
}

/**
 * ifc_genl_watch_family: also join nlctrl's "notify" group, so that
 * ifc_genl_listen notices the ifreg family going (the module unloaded)
 * and sets g->family_gone. Returns 0 or -errno.
 */
int ifc_genl_watch_family(struct ifc_genl *g)
{
	uint32_t id = 0;
	int ret, grp;

	ret = ifc_getfamily(g, "nlctrl", ifc_notify_cb, &id);
	if (ret)
		return ret;
	if (!id)
		return -ENOENT;
	grp = id;
	if (mnl_socket_setsockopt(g->nl, NETLINK_ADD_MEMBERSHIP, &grp, sizeof(grp)) < 0)
		return -errno;
	return 0;
}

static int ifc_family_attr(const struct nlattr *attr, void *data)
{
	uint16_t *id = data;

	if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID &&
	    mnl_attr_validate(attr, MNL_TYPE_U16) == 0)
		*id = mnl_attr_get_u16(attr);
	return MNL_CB_OK;
}

static int ifc_event_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	struct ifc_run *run = data;
	uint16_t id = 0;

	if (nlh->nlmsg_type == GENL_ID_CTRL &&
	    mnl_nlmsg_get_payload_len(nlh) >= sizeof(*genl) &&
	    genl->cmd == CTRL_CMD_DELFAMILY) {
		mnl_attr_parse(nlh, sizeof(*genl), ifc_family_attr, &id);
		if (id != run->g->family)
			return MNL_CB_OK;
		run->g->family_gone = true;
		return MNL_CB_STOP;
	}
	if (nlh->nlmsg_type != run->g->family ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*genl) || genl->cmd != IFREG_CMD_EVENT)
		return MNL_CB_OK;
	return ifc_data_cb(nlh, data);
}

/**
 * ifc_genl_listen: wait for the next batch of multicast messages and hand
 * each IFREG_CMD_EVENT to FN (same returns as for ifc_genl_talk).
 * Returns 0 to go on, 1 when FN asked to stop, or a negative errno;
 * -ENOBUFS means the socket overran and events were lost.
 */
int ifc_genl_listen(struct ifc_genl *g, ifc_msg_fn fn, void *data)
{
	struct ifc_run run = { .g = g, .fn = fn, .data = data };
	ssize_t n;
	int ret;

	n = ifc_recv(g);
	if (n < 0)
		return -errno;
	ret = mnl_cb_run(ifc_buf, n, 0, 0, ifc_event_cb, &run);
	if (ret < 0)
		return -errno;
	return ret == MNL_CB_STOP ? 1 : 0;
}
