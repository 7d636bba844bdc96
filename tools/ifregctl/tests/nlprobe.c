// SPDX-License-Identifier: GPL-2.0
/*
 * nlprobe: the ifreg family as a careless or hostile program meets it,
 * for test-netlink.sh (plain sockets: nothing but libc).
 *
 * nlprobe flood ROUNDS: send ROUNDS rounds of malformed requests, each
 * round one of every kind in make() below: a dump whose start refuses its
 * filter, attributes without their NUL, too long, of a type the family
 * does not have or out of their range, a do sent as a dump and the other
 * way round, and changes without the attributes they need (so that even
 * root's change nothing). None makes the kernel log a line. Reads every answer and prints how many requests
 * were answered how; exits 1 when one was not answered.
 *
 * nlprobe listen SECONDS: join the family's events group for SECONDS and
 * print how many events arrived.
 *
 * Exit 0 on success, 1 on failure, 2 on bad usage.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/ifreg.h>
#include <linux/netlink.h>

#define BUF_SIZE (1 << 16)

static int fd;
static unsigned int seq;
static unsigned short family;
static unsigned int events_group;
static char buf[BUF_SIZE] __attribute__((aligned(4)));

struct req {
	struct nlmsghdr nlh;
	struct genlmsghdr genl;
	char attrs[2048];
};

static void msg_init(struct req *r, unsigned short type, unsigned char cmd, unsigned short flags)
{
	memset(r, 0, sizeof(*r));
	r->nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r->nlh.nlmsg_type = type;
	r->nlh.nlmsg_flags = NLM_F_REQUEST | flags;
	r->nlh.nlmsg_seq = ++seq;
	r->genl.cmd = cmd;
	r->genl.version = 1;
}

/* An attribute of LEN bytes from DATA, its header saying HDRLEN bytes. */
static void put_raw(struct req *r, unsigned short type, const void *data, size_t len,
		    size_t hdrlen)
{
	struct nlattr *a = (struct nlattr *)((char *)r + NLMSG_ALIGN(r->nlh.nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + hdrlen;
	memcpy((char *)a + NLA_HDRLEN, data, len);
	r->nlh.nlmsg_len = NLMSG_ALIGN(r->nlh.nlmsg_len) + NLA_ALIGN(NLA_HDRLEN + len);
}

static void put(struct req *r, unsigned short type, const void *data, size_t len)
{
	put_raw(r, type, data, len, len);
}

static void put_str(struct req *r, unsigned short type, const char *s)
{
	put(r, type, s, strlen(s) + 1);
}

static void put_u32(struct req *r, unsigned short type, unsigned int v)
{
	put(r, type, &v, sizeof(v));
}

/*
 * talk: send R and read until its ack, error or dump end. Returns the
 * errno of the answer (0: an ack or a dump that ended well), or -1 when
 * the socket failed or no answer came.
 */
static int talk(struct req *r, unsigned int *data_msgs)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct nlmsghdr *nlh;
	ssize_t n;
	int len;

	if (sendto(fd, r, r->nlh.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		return -1;
	for (;;) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n <= 0)
			return -1;
		len = n;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
			if (nlh->nlmsg_seq != r->nlh.nlmsg_seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE) {
				int err = *(int *)NLMSG_DATA(nlh);

				return err < 0 ? -err : 0;
			}
			if (data_msgs)
				(*data_msgs)++;
		}
	}
}

/* Walk the attributes at A, LEN bytes long. */
#define for_each_attr(a, len) \
	for (; (len) >= NLA_HDRLEN && (a)->nla_len >= NLA_HDRLEN && (a)->nla_len <= (len); \
	     (len) -= NLA_ALIGN((a)->nla_len), \
	     (a) = (struct nlattr *)((char *)(a) + NLA_ALIGN((a)->nla_len)))

#define attr_data(a) ((char *)(a) + NLA_HDRLEN)

/* The events group's id, from CTRL_ATTR_MCAST_GROUPS at A. */
static void find_group(struct nlattr *grps)
{
	struct nlattr *grp = (struct nlattr *)attr_data(grps), *a;
	int len = grps->nla_len - NLA_HDRLEN, glen;
	unsigned int id;
	const char *name;

	for_each_attr(grp, len) {
		a = (struct nlattr *)attr_data(grp);
		glen = grp->nla_len - NLA_HDRLEN;
		id = 0;
		name = NULL;
		for_each_attr(a, glen) {
			if (a->nla_type == CTRL_ATTR_MCAST_GRP_ID)
				id = *(unsigned int *)attr_data(a);
			else if (a->nla_type == CTRL_ATTR_MCAST_GRP_NAME)
				name = attr_data(a);
		}
		if (name && !strcmp(name, IFREG_MCGRP_EVENTS))
			events_group = id;
	}
}

/* The family's id and events group, from nlctrl; false when not there. */
static int resolve(void)
{
	struct nlmsghdr *nlh;
	struct nlattr *a;
	struct req r;
	ssize_t n;
	int len, alen;

	msg_init(&r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, NLM_F_ACK);
	put_str(&r, CTRL_ATTR_FAMILY_NAME, IFREG_GENL_NAME);
	if (send(fd, &r, r.nlh.nlmsg_len, 0) < 0)
		return 0;
	n = recv(fd, buf, sizeof(buf), 0);
	if (n <= 0)
		return 0;
	len = n;
	for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
		if (nlh->nlmsg_type != GENL_ID_CTRL)
			continue;
		alen = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
		a = (struct nlattr *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
		for_each_attr(a, alen) {
			if (a->nla_type == CTRL_ATTR_FAMILY_ID)
				family = *(unsigned short *)attr_data(a);
			else if ((a->nla_type & NLA_TYPE_MASK) == CTRL_ATTR_MCAST_GROUPS)
				find_group(a);
		}
	}
	return family != 0;
}

/* One request of each kind; KIND picks it. False past the last kind. */
static int make(struct req *r, int kind)
{
	static char longstr[1200];
	const char nonul[] = "{00000000-0000-0000-0000-000000000000}";

	memset(longstr, 'x', sizeof(longstr) - 1);
	switch (kind) {
	case 0:	/* a dump whose filter its start refuses */
		msg_init(r, family, IFREG_CMD_INTERFACE_GET, NLM_F_DUMP);
		put_str(r, IFREG_A_CLASS, "{not-a-guid}");
		break;
	case 1:	/* the same, with a device filter too */
		msg_init(r, family, IFREG_CMD_INTERFACE_GET, NLM_F_DUMP);
		put_str(r, IFREG_A_CLASS, "{0000}");
		put_str(r, IFREG_A_PDO, "/sys/devices/platform");
		break;
	case 2:	/* a string without its NUL */
		msg_init(r, family, IFREG_CMD_INTERFACE_GET, NLM_F_DUMP);
		put(r, IFREG_A_CLASS, nonul, sizeof(nonul) - 1);
		break;
	case 3:	/* a string too long */
		msg_init(r, family, IFREG_CMD_INTERFACE_GET, NLM_F_ACK);
		put_str(r, IFREG_A_SYMBOLIC_LINK, longstr);
		break;
	case 4:	/* an attribute the family does not have */
		msg_init(r, family, IFREG_CMD_CLASS_GET, NLM_F_DUMP);
		put_u32(r, IFREG_A_MAX + 7, 1);
		break;
	case 5:	/* a dump-only command as a do */
		msg_init(r, family, IFREG_CMD_CLASS_GET, NLM_F_ACK);
		break;
	case 6:	/* a do-only command as a dump */
		msg_init(r, family, IFREG_CMD_INTERFACE_REGISTER, NLM_F_DUMP);
		break;
	case 7:	/* a store dump of no instance */
		msg_init(r, family, IFREG_CMD_STORE_GET, NLM_F_DUMP);
		put_str(r, IFREG_A_SYMBOLIC_LINK, "\\??\\NONE#none#{00000000-0000-0000-0000-000000000000}");
		break;
	case 8:	/* a change without what it needs */
		msg_init(r, family, IFREG_CMD_INTERFACE_REGISTER, NLM_F_ACK);
		put_str(r, IFREG_A_CLASS, "{bad}");
		break;
	case 9:
		msg_init(r, family, IFREG_CMD_STORE_SET, NLM_F_ACK);
		put_str(r, IFREG_A_SYMBOLIC_LINK, "\\??\\NONE#none");
		break;
	case 10:	/* out of range */
		msg_init(r, family, IFREG_CMD_LUID_RESERVE, NLM_F_ACK);
		put(r, IFREG_A_IFTYPE, "\x06\0\0\0", 2);
		put_u32(r, IFREG_A_LUID_INDEX, 0);
		break;
	case 11:
		msg_init(r, family, IFREG_CMD_LUID_ALLOC, NLM_F_ACK);
		break;
	case 12:	/* a flag the filter does not know */
		msg_init(r, family, IFREG_CMD_INTERFACE_GET, NLM_F_DUMP);
		put_u32(r, IFREG_A_FLAGS, 0x80000000);
		break;
	default:
		return 0;
	}
	return 1;
}

static int flood(unsigned long rounds)
{
	unsigned long i, sent = 0, errors = 0, ends = 0;
	unsigned int data_msgs = 0;
	struct req r;
	int kind, err;

	for (i = 0; i < rounds; i++) {
		for (kind = 0; make(&r, kind); kind++) {
			errno = 0;
			err = talk(&r, &data_msgs);
			if (err < 0) {
				fprintf(stderr, "nlprobe: request kind %d: %s\n", kind,
					errno ? strerror(errno) : "no answer");
				return 1;
			}
			sent++;
			if (err)
				errors++;
			else
				ends++;
		}
	}
	printf("sent %lu requests: %lu errors, %lu ends, %u data messages\n", sent, errors,
	       ends, data_msgs);
	return 0;
}

static int listen_events(unsigned long seconds)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct timespec now, until;
	struct nlmsghdr *nlh;
	unsigned long events = 0;
	int grp = events_group, len, ms;
	ssize_t n;

	if (!grp || setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp, sizeof(grp))) {
		fputs("nlprobe: cannot join the events group\n", stderr);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += seconds;
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		ms = (until.tv_sec - now.tv_sec) * 1000 + (until.tv_nsec - now.tv_nsec) / 1000000;
		if (ms <= 0 || poll(&p, 1, ms) <= 0)
			break;
		n = recv(fd, buf, sizeof(buf), 0);
		if (n <= 0)
			continue;
		len = n;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
			struct genlmsghdr *genl = NLMSG_DATA(nlh);

			if (nlh->nlmsg_type == family && genl->cmd == IFREG_CMD_EVENT)
				events++;
		}
	}
	printf("%lu events\n", events);
	return 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_nl self = { .nl_family = AF_NETLINK };
	unsigned long n = 0;
	char *end = NULL;
	int one = 1;

	if (argc == 3)
		n = strtoul(argv[2], &end, 10);
	if (argc != 3 || *end || !n || (strcmp(argv[1], "flood") && strcmp(argv[1], "listen"))) {
		fputs("usage: nlprobe flood ROUNDS | nlprobe listen SECONDS\n", stderr);
		return 2;
	}
	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	if (fd < 0 || bind(fd, (struct sockaddr *)&self, sizeof(self))) {
		perror("nlprobe: netlink socket");
		return 1;
	}
	/* Errors without the request echoed back. */
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (!resolve()) {
		fputs("nlprobe: no generic netlink family \"" IFREG_GENL_NAME "\"\n", stderr);
		return 1;
	}
	return strcmp(argv[1], "flood") ? listen_events(n) : flood(n);
}
