// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Generic netlink for libifreg, taken from ifregctl's genl.c and made fit
 * for a library: the receive buffer, sequence numbers and extended-ack
 * message live in struct ifreg_nl, not in globals; a reply is read to its
 * end even when a message of it is refused (so the next request does not
 * find its remains, nor a dump still running in the kernel); replies of
 * an earlier request that broke off are skipped by their sequence number,
 * and a socket a request could not read to its end is replaced before the
 * next one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nl.h"

/*
 * The smallest receive buffer: a dump's batch is sized to what the reader
 * asked for, up to 32 KiB by default; larger messages (an instance's store)
 * grow it to their size, peeked first.
 */
#define IFREG_RECV_MIN		65536
/* A request's first buffer; attributes grow it. */
#define IFREG_MSG_MIN		1024

static int ifreg_nl_socket(struct ifreg_nl *nl)
{
	int one = 1, rcvbuf = 1 << 20, err;

	/* Not inherited by the program's children across exec. */
	nl->sock = mnl_socket_open2(NETLINK_GENERIC, SOCK_CLOEXEC);
	if (!nl->sock)
		return -errno;
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		mnl_socket_close(nl->sock);
		nl->sock = NULL;
		return err;
	}
	/*
	 * Best effort: older kernels lack the first two (errors still
	 * arrive, without their message), and SO_RCVBUF is capped by
	 * rmem_max; a full buffer only costs a monitor a list again.
	 */
	setsockopt(mnl_socket_get_fd(nl->sock), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(mnl_socket_get_fd(nl->sock), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	setsockopt(mnl_socket_get_fd(nl->sock), SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	/* Two sockets of one process do not share numbers: tell them apart. */
	nl->seq = (uint32_t)getpid() << 8 ^ mnl_socket_get_portid(nl->sock);
	return 0;
}

/**
 * ifreg_nl_open() - a netlink socket for the generic netlink families
 * @nl: zeroed, or left as a failed open leaves it
 *
 * Return: 0, or the negative errno of socket(2) or bind(2).
 */
int ifreg_nl_open(struct ifreg_nl *nl)
{
	memset(nl, 0, sizeof(*nl));
	return ifreg_nl_socket(nl);
}

void ifreg_nl_close(struct ifreg_nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	nl->sock = NULL;
	free(nl->buf);
	nl->buf = NULL;
	nl->buf_size = 0;
}

/*
 * A request could not be read to its end: what is left of its replies
 * (a dump the kernel would go on with) goes with the socket. The next
 * request opens another; the family's id stays valid.
 */
static void ifreg_nl_break(struct ifreg_nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	nl->sock = NULL;
}

/**
 * ifreg_nl_recv() - the next datagram into nl->buf, however large
 * @nl: the socket
 * @flags: MSG_PEEK to leave it queued, MSG_DONTWAIT not to wait
 *
 * Its size is peeked first, so a message larger than the buffer is not
 * cut. Datagrams from anyone but the kernel are dropped.
 *
 * Return: its length (0: none, read again); -EAGAIN with MSG_DONTWAIT
 * when nothing is queued; -ENOBUFS when the socket overran; -ENOMEM; or
 * another negative errno of recvmsg(2).
 */
ssize_t ifreg_nl_recv(struct ifreg_nl *nl, int flags)
{
	int fd = mnl_socket_get_fd(nl->sock);
	struct sockaddr_nl addr;
	struct iovec iov;
	struct msghdr msg = {
		.msg_name = &addr,
		.msg_namelen = sizeof(addr),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	ssize_t n;

	do
		n = recv(fd, NULL, 0, MSG_PEEK | MSG_TRUNC | (flags & MSG_DONTWAIT));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (!nl->buf || (size_t)n > nl->buf_size) {
		size_t size = (size_t)n > IFREG_RECV_MIN ? (size_t)n : IFREG_RECV_MIN;
		char *buf = realloc(nl->buf, size);

		if (!buf)
			return -ENOMEM;
		nl->buf = buf;
		nl->buf_size = size;
	}
	iov.iov_base = nl->buf;
	iov.iov_len = nl->buf_size;
	do
		n = recvmsg(fd, &msg, flags);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (msg.msg_flags & MSG_TRUNC)
		return -EMSGSIZE;
	if (msg.msg_namelen != sizeof(addr) || addr.nl_pid != 0) {
		if ((flags & MSG_PEEK) && ifreg_nl_drop(nl))
			return -ENOBUFS;
		return 0;
	}
	return n;
}

/*
 * ifreg_nl_drop() - dequeue the datagram a MSG_PEEK read left queued. An
 * overrun since the peek is reported first, by a read that dequeues
 * nothing: it reads again then, and returns -ENOBUFS for the caller to
 * say (0 otherwise).
 */
int ifreg_nl_drop(struct ifreg_nl *nl)
{
	int fd = mnl_socket_get_fd(nl->sock), ret = 0;

	for (;;) {
		if (recv(fd, NULL, 0, MSG_TRUNC | MSG_DONTWAIT) >= 0)
			return ret;
		if (errno == ENOBUFS)
			ret = -ENOBUFS;
		else if (errno != EINTR)
			return ret;
	}
}

/* ---- requests ---- */

static int ifreg_msg_start(struct ifreg_msg *m, uint16_t type, uint8_t cmd, uint8_t version,
			   uint16_t flags)
{
	struct genlmsghdr *genl;
	/* Zeroed: libmnl leaves an attribute's padding as it finds it. */
	void *buf = calloc(1, IFREG_MSG_MIN);

	m->err = 0;
	if (!buf) {
		m->nlh = NULL;
		m->size = 0;
		return -ENOMEM;
	}
	m->size = IFREG_MSG_MIN;
	m->nlh = mnl_nlmsg_put_header(buf);
	m->nlh->nlmsg_type = type;
	m->nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	genl = mnl_nlmsg_put_extra_header(m->nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return 0;
}

/**
 * ifreg_msg_init() - start a request of the ifreg family
 * @nl: a socket whose family is resolved
 * @m: the request
 * @cmd: IFREG_CMD_*
 * @flags: NLM_F_DUMP, or NLM_F_ACK for a request that is not a dump (its
 *	end is then the ack)
 *
 * Attributes added after it grow the buffer; a failure there is kept in
 * @m and returned by the request's ifreg_nl_talk(). ifreg_msg_free() frees
 * it, whatever happened.
 *
 * Return: 0 or -ENOMEM.
 */
int ifreg_msg_init(struct ifreg_nl *nl, struct ifreg_msg *m, uint8_t cmd, uint16_t flags)
{
	return ifreg_msg_start(m, nl->family, cmd, IFREG_GENL_VERSION, flags);
}

void ifreg_msg_free(struct ifreg_msg *m)
{
	free(m->nlh);
	m->nlh = NULL;
}

void ifreg_msg_put(struct ifreg_msg *m, uint16_t type, size_t len, const void *data)
{
	static const char none;
	size_t need;

	if (m->err)
		return;
	/* An attribute's length is 16 bits, its header included. */
	if (len > UINT16_MAX - MNL_ATTR_HDRLEN) {
		m->err = -E2BIG;
		return;
	}
	need = m->nlh->nlmsg_len + MNL_ATTR_HDRLEN + MNL_ALIGN(len);
	if (need > m->size) {
		size_t size = need > 2 * m->size ? need : 2 * m->size;
		struct nlmsghdr *nlh = realloc(m->nlh, size);

		if (!nlh) {
			m->err = -ENOMEM;
			return;
		}
		memset((char *)nlh + m->size, 0, size - m->size);
		m->nlh = nlh;
		m->size = size;
	}
	mnl_attr_put(m->nlh, type, len, len ? data : &none);
}

void ifreg_msg_put_str(struct ifreg_msg *m, uint16_t type, const char *s)
{
	ifreg_msg_put(m, type, strlen(s) + 1, s);
}

void ifreg_msg_put_u8(struct ifreg_msg *m, uint16_t type, uint8_t v)
{
	ifreg_msg_put(m, type, sizeof(v), &v);
}

void ifreg_msg_put_u16(struct ifreg_msg *m, uint16_t type, uint16_t v)
{
	ifreg_msg_put(m, type, sizeof(v), &v);
}

void ifreg_msg_put_u32(struct ifreg_msg *m, uint16_t type, uint32_t v)
{
	ifreg_msg_put(m, type, sizeof(v), &v);
}

void ifreg_msg_put_u64(struct ifreg_msg *m, uint16_t type, uint64_t v)
{
	ifreg_msg_put(m, type, sizeof(v), &v);
}

/* ---- replies ---- */

/* The extended ack's message, if the kernel sent one, into nl->extack. */
static int ifreg_extack_attr(const struct nlattr *attr, void *data)
{
	struct ifreg_nl *nl = data;

	if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
		snprintf(nl->extack, sizeof(nl->extack), "%s", mnl_attr_get_str(attr));
	return MNL_CB_OK;
}

static void ifreg_extack(struct ifreg_nl *nl, const struct nlmsghdr *nlh, size_t offset)
{
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || offset > mnl_nlmsg_get_payload_len(nlh))
		return;
	mnl_attr_parse(nlh, offset, ifreg_extack_attr, nl);
}

/* NLMSG_ERROR: the ack (0) or the error that ends a request. */
static int ifreg_nl_error(struct ifreg_nl *nl, const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	size_t offset = sizeof(*err);

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*err))
		return -EBADMSG;
	if (err->error == 0)
		return 0;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		offset += mnl_nlmsg_get_payload_len(&err->msg);
	ifreg_extack(nl, nlh, offset);
	return err->error < 0 ? err->error : -err->error;
}

/* NLMSG_DONE: a dump's end, with its error when it was refused. */
static int ifreg_nl_done(struct ifreg_nl *nl, const struct nlmsghdr *nlh)
{
	int error = 0;

	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(error))
		memcpy(&error, mnl_nlmsg_get_payload(nlh), sizeof(error));
	if (error >= 0)
		return 0;
	ifreg_extack(nl, nlh, sizeof(error));
	return error;
}

/* What a request's data messages are handed to. */
typedef int (*ifreg_raw_fn)(struct ifreg_nl *nl, const struct nlmsghdr *nlh, void *data);

/*
 * ifreg_nl_run: send M and read its replies to their end (the ack, the
 * error, or a dump's NLMSG_DONE), each data message to RAW until one
 * fails; the rest are read and dropped. Returns 0, or the first negative
 * errno of RAW, the kernel, or the socket.
 */
static int ifreg_nl_run(struct ifreg_nl *nl, struct ifreg_msg *m, ifreg_raw_fn raw, void *data)
{
	const struct nlmsghdr *nlh;
	unsigned int portid;
	uint32_t seq;
	int err = 0, ret, len;
	ssize_t n;

	nl->extack[0] = '\0';
	nl->dump_intr = false;
	if (m->err)
		return m->err;
	if (!nl->sock) {
		ret = ifreg_nl_socket(nl);
		if (ret)
			return ret;
	}
	seq = ++nl->seq;
	m->nlh->nlmsg_seq = seq;
	if (mnl_socket_sendto(nl->sock, m->nlh, m->nlh->nlmsg_len) < 0)
		return -errno;
	portid = mnl_socket_get_portid(nl->sock);
	for (;;) {
		n = ifreg_nl_recv(nl, 0);
		if (n < 0) {
			ifreg_nl_break(nl);
			return err ?: (int)n;
		}
		len = (int)n;
		for (nlh = (const struct nlmsghdr *)nl->buf; mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			/* What an earlier request left, cut off by a failure. */
			if (nlh->nlmsg_seq != seq || nlh->nlmsg_pid != portid)
				continue;
			if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
				nl->dump_intr = true;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				ret = ifreg_nl_error(nl, nlh);
				return err ?: ret;
			}
			if (nlh->nlmsg_type == NLMSG_DONE) {
				ret = ifreg_nl_done(nl, nlh);
				return err ?: ret;
			}
			if (nlh->nlmsg_type < NLMSG_MIN_TYPE || err)
				continue;
			err = raw(nl, nlh, data);
		}
	}
}

struct ifreg_talk {
	ifreg_msg_fn fn;
	void *data;
};

static int ifreg_attr_cb(const struct nlattr *attr, void *data)
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
		/* An s32: the same size. */
		[IFREG_A_AHEAD_BYTES] = MNL_TYPE_U32,
		[IFREG_A_AHEAD_LUID_INDEXES] = MNL_TYPE_U32,
		[IFREG_A_AHEAD_RESERVATIONS] = MNL_TYPE_U32,
	};
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	/* Attributes a newer kernel adds are skipped, not refused. */
	if (mnl_attr_type_valid(attr, IFREG_A_MAX) < 0)
		return MNL_CB_OK;
	if (types[type] != MNL_TYPE_UNSPEC && mnl_attr_validate(attr, types[type]) < 0)
		return MNL_CB_ERROR;
	tb[type] = attr;
	return MNL_CB_OK;
}

/**
 * ifreg_nl_parse() - the attributes of an ifreg message into @tb, checked
 * @nlh: the message
 * @tb: IFREG_A_MAX + 1 slots; those absent are NULL
 *
 * Return: 0, or -EBADMSG when one has the wrong type or size, or the
 * message is cut.
 */
int ifreg_nl_parse(const struct nlmsghdr *nlh, const struct nlattr *tb[IFREG_A_MAX + 1])
{
	memset(tb, 0, sizeof(*tb) * (IFREG_A_MAX + 1));
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(struct genlmsghdr))
		return -EBADMSG;
	if (mnl_attr_parse(nlh, sizeof(struct genlmsghdr), ifreg_attr_cb, tb) < 0)
		return -EBADMSG;
	return 0;
}

static int ifreg_talk_cb(struct ifreg_nl *nl, const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[IFREG_A_MAX + 1];
	struct ifreg_talk *t = data;
	int err;

	if (nlh->nlmsg_type != nl->family)
		return 0;
	err = ifreg_nl_parse(nlh, tb);
	if (!err && t->fn)
		err = t->fn(tb, t->data);
	return err;
}

/**
 * ifreg_nl_talk() - send a request of the ifreg family, read its replies
 * @nl: the socket
 * @m: the request (ifreg_msg_init()); sent again, it gets a new number
 * @fn: given each reply message, its attributes checked; may be NULL
 * @data: for @fn
 *
 * nl->dump_intr says whether a dump raced a change; nl->extack holds the
 * kernel's message for its error.
 *
 * Return: 0, or the negative errno of the kernel, of @fn, or of the
 * socket (-EBADMSG for a malformed reply).
 */
int ifreg_nl_talk(struct ifreg_nl *nl, struct ifreg_msg *m, ifreg_msg_fn fn, void *data)
{
	struct ifreg_talk t = { .fn = fn, .data = data };

	return ifreg_nl_run(nl, m, ifreg_talk_cb, &t);
}

/**
 * ifreg_nl_dump() - a dump, asked again while it races changes
 * @nl: the socket
 * @m: the dump's request
 * @fn: given each message, as for ifreg_nl_talk()
 * @reset: called before each try, and after a failure, to drop what @fn
 *	gathered
 * @data: for @fn and @reset
 *
 * Return: 0 for a dump that saw no change; -EAGAIN when IFREG_DUMP_TRIES
 * did; or ifreg_nl_talk()'s error.
 */
int ifreg_nl_dump(struct ifreg_nl *nl, struct ifreg_msg *m, ifreg_msg_fn fn,
		  ifreg_reset_fn reset, void *data)
{
	int tries, err;

	for (tries = 0; tries < IFREG_DUMP_TRIES; tries++) {
		reset(data);
		err = ifreg_nl_talk(nl, m, fn, data);
		if (err)
			break;
		if (!nl->dump_intr)
			return 0;
		err = -EAGAIN;
	}
	reset(data);
	return err;
}

/* ---- the family, by name ---- */

/* What nlctrl says of a family: its id and the group asked for. */
struct ifreg_family {
	const char *group;	/* the multicast group's name */
	uint16_t id;
	uint32_t group_id;
};

static int ifreg_grp_attr(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_type_valid(attr, CTRL_ATTR_MCAST_GRP_MAX) >= 0)
		tb[mnl_attr_get_type(attr)] = attr;
	return MNL_CB_OK;
}

static int ifreg_ctrl_attr(const struct nlattr *attr, void *data)
{
	struct ifreg_family *f = data;
	const struct nlattr *grp;

	switch (mnl_attr_get_type(attr)) {
	case CTRL_ATTR_FAMILY_ID:
		if (mnl_attr_validate(attr, MNL_TYPE_U16) == 0)
			f->id = mnl_attr_get_u16(attr);
		break;
	case CTRL_ATTR_MCAST_GROUPS:
		mnl_attr_for_each_nested(grp, attr) {
			const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = { NULL };

			if (mnl_attr_parse_nested(grp, ifreg_grp_attr, tb) < 0 ||
			    !tb[CTRL_ATTR_MCAST_GRP_NAME] || !tb[CTRL_ATTR_MCAST_GRP_ID] ||
			    mnl_attr_validate(tb[CTRL_ATTR_MCAST_GRP_NAME], MNL_TYPE_NUL_STRING) < 0 ||
			    mnl_attr_validate(tb[CTRL_ATTR_MCAST_GRP_ID], MNL_TYPE_U32) < 0)
				continue;
			if (!strcmp(mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]), f->group))
				f->group_id = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
		}
		break;
	}
	return MNL_CB_OK;
}

static int ifreg_ctrl_cb(struct ifreg_nl *nl, const struct nlmsghdr *nlh, void *data)
{
	(void)nl;
	if (nlh->nlmsg_type != GENL_ID_CTRL)
		return 0;
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(struct genlmsghdr) ||
	    mnl_attr_parse(nlh, sizeof(struct genlmsghdr), ifreg_ctrl_attr, data) < 0)
		return -EBADMSG;
	return 0;
}

/* Ask nlctrl about the family NAME. -ENOENT when it is not registered. */
static int ifreg_getfamily(struct ifreg_nl *nl, const char *name, struct ifreg_family *f)
{
	struct ifreg_msg m;
	int err;

	err = ifreg_msg_start(&m, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, NLM_F_ACK);
	if (err)
		return err;
	ifreg_msg_put_str(&m, CTRL_ATTR_FAMILY_NAME, name);
	err = ifreg_nl_run(nl, &m, ifreg_ctrl_cb, f);
	ifreg_msg_free(&m);
	if (!err && !f->id)
		err = -ENOENT;
	return err;
}

/**
 * ifreg_nl_resolve() - look up the ifreg family and its events group
 * @nl: the socket
 *
 * Return: 0; -ENOENT when the family is not registered (the module is not
 * loaded); another negative errno when asking failed.
 */
int ifreg_nl_resolve(struct ifreg_nl *nl)
{
	struct ifreg_family f = { .group = IFREG_MCGRP_EVENTS };
	int err;

	err = ifreg_getfamily(nl, IFREG_GENL_NAME, &f);
	if (err)
		return err;
	nl->family = f.id;
	nl->events_group = f.group_id;
	return 0;
}

/**
 * ifreg_nl_notify_group() - nlctrl's "notify" group, which says when a
 * family goes (CTRL_CMD_DELFAMILY)
 * @nl: the socket
 * @group: receives its id
 *
 * Return: 0, -ENOENT when nlctrl has no such group, or the request's
 * negative errno.
 */
int ifreg_nl_notify_group(struct ifreg_nl *nl, uint32_t *group)
{
	struct ifreg_family f = { .group = "notify" };
	int err;

	err = ifreg_getfamily(nl, "nlctrl", &f);
	if (err)
		return err;
	if (!f.group_id)
		return -ENOENT;
	*group = f.group_id;
	return 0;
}

/* ifreg_nl_join() - join a multicast group. 0 or a negative errno. */
int ifreg_nl_join(struct ifreg_nl *nl, uint32_t group)
{
	int grp = (int)group;

	if (!nl->sock)
		return -ENOTCONN;
	if (mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP, &grp, sizeof(grp)) < 0)
		return -errno;
	return 0;
}
