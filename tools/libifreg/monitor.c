// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The monitor: the registry's events, after a list they follow exactly.
 * A socket of its own joins the family's "events" group, and nlctrl's
 * "notify" group to hear the family go; a context of its own asks for the
 * list. The kernel numbers every event, of every class, by one
 * (IFREG_A_SEQ): a gap is events lost. ifreg_mon_list()'s dump says the
 * number of the last event before it (IFREG_F_DUMP_SEQ), so events up to
 * it, which the list shows, are dropped, and the next is expected to
 * follow it; what the socket holds when the list is asked for is older
 * than it, and dropped at once, so that a socket an overrun filled has
 * room for the changes after the list. A datagram is peeked, and dequeued only once its last event
 * is returned, so that poll(2) on the socket says whether one is left.
 */
#include <string.h>
#include <sys/socket.h>

#include <linux/genetlink.h>

#include "internal.h"

struct ifreg_mon {
	struct ifreg_nl nl;	/* the events, and nlctrl's notifications */
	struct ifreg_ctx *ctx;	/* ifreg_mon_list()'s requests */
	char class_guid[IFREG_GUID_STRING_SIZE];
	bool by_class;
	/* The datagram peeked into nl.buf: its length (0: none), the next message. */
	int len;
	int off;
	uint64_t last;		/* the last event's number, of any class */
	bool have_last;
	uint64_t listed;	/* events up to it are in the last list */
	bool have_listed;
	bool gone;		/* the family went: -ENODEV from now on */
	bool lost;		/* events were dropped, and no read said it yet */
};

int ifreg_mon_open(struct ifreg_mon **mon, const char *class_guid)
{
	uint32_t notify = 0;
	struct ifreg_msg m;
	struct ifreg_mon *mn;
	int err;

	if (!mon)
		return -EINVAL;
	mn = calloc(1, sizeof(*mn));
	if (!mn)
		return -ENOMEM;
	if (class_guid) {
		err = ifreg_guid_norm(class_guid, mn->class_guid);
		if (err)
			goto err_free;
		mn->by_class = true;
	}
	err = ifreg_ctx_open(&mn->ctx);
	if (err)
		goto err_free;
	/*
	 * Events are heard in the initial network namespace only: elsewhere
	 * a read of device interfaces fails, and so does this.
	 */
	err = ifreg_msg_init(&mn->ctx->nl, &m, IFREG_CMD_CLASS_GET, NLM_F_DUMP);
	if (err)
		goto err_ctx;
	err = ifreg_nl_talk(&mn->ctx->nl, &m, NULL, NULL);
	ifreg_msg_free(&m);
	if (err)
		goto err_ctx;

	err = ifreg_nl_open(&mn->nl);
	if (err)
		goto err_ctx;
	/* Both asked before joining: a request's read skips what is not its. */
	err = ifreg_nl_resolve(&mn->nl);
	if (!err && !mn->nl.events_group)
		err = -ENOENT;
	if (!err)
		err = ifreg_nl_notify_group(&mn->nl, &notify);
	if (!err)
		err = ifreg_nl_join(&mn->nl, mn->nl.events_group);
	/* Without it a monitor would wait forever once the module is gone. */
	if (!err)
		err = ifreg_nl_join(&mn->nl, notify);
	if (err)
		goto err_nl;
	*mon = mn;
	return 0;

err_nl:
	ifreg_nl_close(&mn->nl);
err_ctx:
	ifreg_ctx_close(mn->ctx);
err_free:
	free(mn);
	return err;
}

void ifreg_mon_close(struct ifreg_mon *mon)
{
	if (!mon)
		return;
	ifreg_nl_close(&mon->nl);
	ifreg_ctx_close(mon->ctx);
	free(mon);
}

int ifreg_mon_fd(const struct ifreg_mon *mon)
{
	if (!mon || !mon->nl.sock)
		return -EINVAL;
	return mnl_socket_get_fd(mon->nl.sock);
}

const char *ifreg_mon_errmsg(const struct ifreg_mon *mon)
{
	return mon ? ifreg_ctx_errmsg(mon->ctx) : "";
}

void ifreg_event_clear(struct ifreg_event *event)
{
	if (!event)
		return;
	ifreg_iface_clear(&event->iface);
	memset(event, 0, sizeof(*event));
}

/* The ifreg family went: nlctrl's CTRL_CMD_DELFAMILY names its id. */
static int ifreg_mon_family_attr(const struct nlattr *attr, void *data)
{
	uint16_t *id = data;

	if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID &&
	    mnl_attr_validate(attr, MNL_TYPE_U16) == 0)
		*id = mnl_attr_get_u16(attr);
	return MNL_CB_OK;
}

/* Whether NLH is nlctrl's word that the ifreg family went. */
static bool ifreg_mon_family_gone(const struct ifreg_mon *mon, const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	uint16_t id = 0;

	if (nlh->nlmsg_type != GENL_ID_CTRL || mnl_nlmsg_get_payload_len(nlh) < sizeof(*genl) ||
	    genl->cmd != CTRL_CMD_DELFAMILY)
		return false;
	mnl_attr_parse(nlh, sizeof(*genl), ifreg_mon_family_attr, &id);
	return id == mon->nl.family;
}

/*
 * ifreg_mon_flush: before the list's dump, drop all the socket holds. It
 * was all multicast before the dump is taken, so the list shows it; left
 * there, a socket an overrun filled would still be full when the changes
 * after the list come, and lose them too. An overrun it reports went
 * before the dump as well. Only nlctrl's word that the family went is
 * kept (mon->gone). At most twice the socket's buffer is read, so that
 * events coming as fast as they are read do not hold it up: the rest,
 * numbered up to the dump's, are dropped as they are read. Until a list
 * succeeds, what was dropped is a loss (mon->lost).
 */
static void ifreg_mon_flush(struct ifreg_mon *mon)
{
	int fd = mnl_socket_get_fd(mon->nl.sock), rcvbuf = 0, len;
	socklen_t optlen = sizeof(rcvbuf);
	const struct nlmsghdr *nlh;
	size_t read = 0, limit;
	ssize_t n;

	if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, &optlen) || rcvbuf <= 0)
		rcvbuf = 1 << 20;
	limit = 2 * (size_t)rcvbuf;
	mon->lost = true;
	if (mon->len) {
		ifreg_nl_drop(&mon->nl);
		mon->len = 0;
	}
	while (read < limit) {
		n = ifreg_nl_recv(&mon->nl, MSG_DONTWAIT);
		if (n == -ENOBUFS || n == 0) {
			read++;
			continue;
		}
		if (n < 0)
			break;
		read += (size_t)n;
		len = (int)n;
		for (nlh = (const struct nlmsghdr *)mon->nl.buf; mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len))
			if (ifreg_mon_family_gone(mon, nlh))
				mon->gone = true;
	}
}

int ifreg_mon_list(struct ifreg_mon *mon, unsigned int flags,
		   struct ifreg_iface **ifaces, size_t *count)
{
	struct ifreg_iface_vec vec;
	uint32_t kflags = IFREG_F_DUMP_SEQ;
	int err;

	if (!mon || !ifaces || !count || (flags & ~IFREG_LIST_INCLUDE_NONACTIVE))
		return -EINVAL;
	if (flags & IFREG_LIST_INCLUDE_NONACTIVE)
		kflags |= IFREG_F_INCLUDE_NONACTIVE;
	ifreg_mon_flush(mon);
	if (mon->gone)
		return -ENODEV;
	err = ifreg_iface_dump(mon->ctx, mon->by_class ? mon->class_guid : NULL, NULL, kflags,
			       &vec);
	/*
	 * A module older than IFREG_F_DUMP_SEQ refuses the flag (-EINVAL;
	 * the library checked everything else it sends) or, ignoring it,
	 * sends no number.
	 */
	if (err == -EINVAL)
		return -EOPNOTSUPP;
	if (err)
		return err;
	if (!vec.have_seq) {
		ifreg_iface_vec_reset(&vec);
		return -EOPNOTSUPP;
	}
	mon->listed = vec.seq;
	mon->have_listed = true;
	mon->lost = false;
	mon->last = vec.seq;
	mon->have_last = true;
	*ifaces = vec.v;
	*count = vec.count;
	return 0;
}

/* What ifreg_mon_one() asks of its message. */
enum { MON_KEEP, MON_CONSUME };

/*
 * ifreg_mon_one: one message of the datagram. Returns 1 (an event into
 * EVENT), 0 (nothing for the caller), or a negative errno; *CONSUME says
 * whether the message is done with (a gap, or a failed allocation, leaves
 * it for the next read).
 */
static int ifreg_mon_one(struct ifreg_mon *mon, const struct nlmsghdr *nlh,
			 struct ifreg_event *event, int *consume)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[IFREG_A_MAX + 1];
	char class_guid[IFREG_GUID_STRING_SIZE];
	uint64_t seq;
	int err;

	*consume = MON_CONSUME;
	if (ifreg_mon_family_gone(mon, nlh)) {
		mon->gone = true;
		return -ENODEV;
	}
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*genl))
		return 0;
	if (nlh->nlmsg_type != mon->nl.family || genl->cmd != IFREG_CMD_EVENT)
		return 0;
	if (ifreg_nl_parse(nlh, tb) || !tb[IFREG_A_SEQ] || !tb[IFREG_A_EVENT])
		return -EBADMSG;
	seq = mnl_attr_get_u64(tb[IFREG_A_SEQ]);
	if (mon->have_listed && seq <= mon->listed)
		return 0;	/* the list shows it */
	if (mon->have_last && seq <= mon->last)
		return 0;	/* returned already */
	if (mon->have_last && seq > mon->last + 1) {
		/* Said once: the event after the gap comes next. */
		mon->last = seq - 1;
		*consume = MON_KEEP;
		return -ENOBUFS;
	}
	mon->last = seq;
	mon->have_last = true;
	/* Other classes' events count for the numbers, then go. */
	if (mon->by_class && (ifreg_attr_guid(tb[IFREG_A_CLASS], class_guid) ||
			      strcmp(class_guid, mon->class_guid)))
		return 0;
	err = ifreg_iface_fill(tb, &event->iface);
	if (err == -ENOMEM)
		*consume = MON_KEEP;
	if (err)
		return err;
	event->kind = (enum ifreg_event_kind)mnl_attr_get_u32(tb[IFREG_A_EVENT]);
	event->seq = seq;
	return 1;
}

/*
 * ifreg_mon_dequeue: the peeked datagram is done with. An overrun the
 * kernel reports on the way (before it dequeues) is said by the read
 * after: left unsaid, the datagram would be peeked and returned again.
 */
static void ifreg_mon_dequeue(struct ifreg_mon *mon)
{
	if (ifreg_nl_drop(&mon->nl))
		mon->lost = true;
	mon->len = 0;
}

int ifreg_mon_read(struct ifreg_mon *mon, struct ifreg_event *event)
{
	const struct nlmsghdr *nlh;
	int ret, rest, consume;
	ssize_t n;

	if (!mon || !event)
		return -EINVAL;
	memset(event, 0, sizeof(*event));
	if (mon->gone)
		return -ENODEV;
	for (;;) {
		if (mon->lost) {
			/*
			 * A list that failed dropped events, or an overrun
			 * was reported as a datagram was dequeued: said once.
			 */
			mon->lost = false;
			mon->have_last = false;
			return -ENOBUFS;
		}
		if (!mon->len) {
			n = ifreg_nl_recv(&mon->nl, MSG_PEEK | MSG_DONTWAIT);
			if (n == -EAGAIN || n == -EWOULDBLOCK)
				return 0;
			if (n == -ENOBUFS) {
				/* Said now: the gap it leaves is not said again. */
				mon->have_last = false;
				return -ENOBUFS;
			}
			if (n < 0)
				return (int)n;
			mon->len = (int)n;
			mon->off = 0;
			continue;
		}
		nlh = (const struct nlmsghdr *)(mon->nl.buf + mon->off);
		rest = mon->len - mon->off;
		if (!mnl_nlmsg_ok(nlh, rest)) {
			ifreg_mon_dequeue(mon);
			continue;
		}
		ret = ifreg_mon_one(mon, nlh, event, &consume);
		if (consume == MON_KEEP)
			return ret;
		mnl_nlmsg_next(nlh, &rest);
		mon->off = mon->len - rest;
		if (rest <= 0 || !mnl_nlmsg_ok((const struct nlmsghdr *)(mon->nl.buf + mon->off), rest))
			ifreg_mon_dequeue(mon);
		if (ret)
			return ret;
	}
}
