// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: sends the ifreg generic netlink family N messages made from a
 * seed, and reads every answer. Half are built from templates (each
 * command with attributes of the right types and plausible values: links,
 * GUIDs, sysfs paths, store entries), half are garbage (unknown attribute
 * types, wrong lengths, strings without their NUL, oversized and nested
 * junk, truncated attribute headers); the do and dump flags are drawn
 * independently of the command. Used by the VM's test-fuzz.sh as root and
 * as an unprivileged user; what must hold afterwards is the script's.
 *
 *	nlfuzz COUNT SEED
 *
 * Prints "sent N, acked A, errors E, dumps D" and exits 0, or 1 when it
 * cannot talk to the family at all (no module: exit 3).
 */

#include <errno.h>
#include <linux/genetlink.h>
#include <linux/ifreg.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 65536

static uint64_t rng_state;

/* xorshift64*: the same seed sends the same messages. */
static uint32_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

struct msg {
	unsigned char buf[BUF_SIZE];
	size_t len;
};

static struct nlattr *put(struct msg *m, uint16_t type, const void *data,
			  size_t len)
{
	struct nlattr *a = (struct nlattr *)(m->buf + m->len);
	size_t total = NLA_ALIGN(NLA_HDRLEN + len);

	if (m->len + total > sizeof(m->buf) - 64)
		return NULL;
	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	memset((char *)a + NLA_HDRLEN + len, 0, total - NLA_HDRLEN - len);
	m->len += total;
	return a;
}

static void put_str(struct msg *m, uint16_t type, const char *s)
{
	put(m, type, s, strlen(s) + 1);
}

static void put_u32(struct msg *m, uint16_t type, uint32_t v)
{
	put(m, type, &v, sizeof(v));
}

/* Strings the kernel may take for a real link, class, path, name... */
static const char *const links[] = {
	"\\??\\PLATFORM#ifreg-sample.0#{5a3b0e6c-1f1e-4e8a-9a77-53414d504c45}",
	"\\\\?\\platform#IFREG-SAMPLE.1#{5A3B0E6C-1F1E-4E8A-9A77-53414D504C45}",
	"\\??\\NET#lo#{cac88484-7515-4c03-82e6-71a87abac361}",
	"\\??\\", "\\??\\x", "", "no-prefix", "\\??\\a\\b\\c",
};
static const char *const guids[] = {
	"{5a3b0e6c-1f1e-4e8a-9a77-53414d504c45}",
	"{cac88484-7515-4c03-82e6-71a87abac361}",
	"5a3b0e6c-1f1e-4e8a-9a77-53414d504c45", "{}", "{zzzz}", "",
	"{5a3b0e6c-1f1e-4e8a-9a77-53414d504c4}",
};
static const char *const paths[] = {
	"/sys/devices/platform/ifreg-sample.0", "/sys/devices/virtual/net/lo",
	"/sys/devices/platform", "/sys", "/", "", "relative",
	"/sys/devices/virtual/net/lo/../../../..",
};
static const char *const ipaths[] = {
	"PLATFORM\\ifreg-sample.0", "NET\\lo", "platform\\x", "#\\x", "X\\",
	"\\x", "X\\a\\b", "X\\\x01", "",
};

static void put_random_string(struct msg *m, uint16_t type)
{
	char s[600];
	size_t n = below(below(4) ? 64 : sizeof(s)), i;

	for (i = 0; i < n; i++)
		s[i] = (char)(below(3) ? 0x20 + below(95) : rnd());
	/* Half of them without the NUL a string attribute must end with. */
	put(m, type, s, below(2) ? n : (s[n] = 0, n + 1));
}

static void put_junk(struct msg *m, int depth)
{
	unsigned char junk[2048];
	uint16_t type = (uint16_t)below(IFREG_A_MAX + 6);
	size_t n = below(below(8) ? 16 : sizeof(junk)), i;
	struct nlattr *nest;
	size_t start;

	switch (below(6)) {
	case 0:
		if (depth < 3) {
			start = m->len;
			nest = put(m, type | (below(2) ? NLA_F_NESTED : 0), NULL, 0);
			if (!nest)
				return;
			for (i = below(5); i; i--)
				put_junk(m, depth + 1);
			nest->nla_len = (uint16_t)(m->len - start);
			return;
		}
		/* fall through */
	case 1:
		put_random_string(m, type);
		return;
	case 2:
		/* A header whose length runs past the message. */
		if (m->len + 8 < sizeof(m->buf)) {
			struct nlattr *a = (struct nlattr *)(m->buf + m->len);

			a->nla_type = type;
			a->nla_len = (uint16_t)(NLA_HDRLEN + 16 + below(4096));
			m->len += NLA_HDRLEN;
		}
		return;
	case 3:
		/* A length shorter than a header. */
		if (m->len + 4 < sizeof(m->buf)) {
			struct nlattr *a = (struct nlattr *)(m->buf + m->len);

			a->nla_type = type;
			a->nla_len = (uint16_t)below(NLA_HDRLEN);
			m->len += NLA_HDRLEN;
		}
		return;
	default:
		for (i = 0; i < n; i++)
			junk[i] = (unsigned char)rnd();
		put(m, type, junk, n);
	}
}

/* A store entry nest, as IFREG_CMD_STORE_SET and dumps carry them. */
static void put_store_template(struct msg *m)
{
	unsigned char data[64];
	size_t i, n = below(sizeof(data));

	if (below(2))
		put_str(m, IFREG_A_VALUE_NAME, below(2) ? "v" : "name with spaces");
	else {
		put_str(m, IFREG_A_PROP_FMTID, guids[below(sizeof(guids) / sizeof(*guids))]);
		put_u32(m, IFREG_A_PROP_PID, below(2) ? 2 : rnd());
		put_u32(m, IFREG_A_PROP_TYPE, below(2) ? 0x12 : rnd());
	}
	for (i = 0; i < n; i++)
		data[i] = (unsigned char)rnd();
	if (below(4))
		put(m, IFREG_A_DATA, data, n);
	if (below(2))
		put_u32(m, IFREG_A_STORE_FLAGS, below(3));
}

/* Attributes of the right types for what a command reads. */
static void put_template(struct msg *m)
{
	int i, n = 1 + (int)below(6);

	for (i = 0; i < n; i++) {
		switch (below(12)) {
		case 0:
			put_str(m, IFREG_A_SYMBOLIC_LINK, links[below(sizeof(links) / sizeof(*links))]);
			break;
		case 1:
			put_str(m, IFREG_A_CLASS, guids[below(sizeof(guids) / sizeof(*guids))]);
			break;
		case 2:
			put_str(m, IFREG_A_PDO, paths[below(sizeof(paths) / sizeof(*paths))]);
			break;
		case 3:
			put_str(m, IFREG_A_INSTANCE_PATH, ipaths[below(sizeof(ipaths) / sizeof(*ipaths))]);
			break;
		case 4:
			put_str(m, IFREG_A_REFERENCE, below(2) ? "ctl" : "a/b");
			break;
		case 5:
			put_u32(m, IFREG_A_FLAGS, below(2) ? IFREG_F_INCLUDE_NONACTIVE : rnd());
			break;
		case 6: {
			uint8_t on = (uint8_t)below(3);

			put(m, IFREG_A_ENABLED, &on, 1);
			break;
		}
		case 7:
			put_store_template(m);
			break;
		case 8: {
			uint16_t t = (uint16_t)(below(2) ? 6 : rnd());

			put(m, IFREG_A_IFTYPE, &t, sizeof(t));
			put_u32(m, IFREG_A_LUID_INDEX, below(2) ? below(64) : rnd());
			break;
		}
		case 9:
			put_str(m, IFREG_A_LUID_KEY, paths[below(sizeof(paths) / sizeof(*paths))]);
			break;
		case 10: {
			uint64_t luid = ((uint64_t)rnd() << 32) | rnd();

			put(m, IFREG_A_NET_LUID, &luid, sizeof(luid));
			put_u32(m, IFREG_A_IFINDEX, below(2) ? 1 : rnd());
			break;
		}
		default:
			put_str(m, IFREG_A_NAME, below(2) ? "lo" : "no-such-netdev");
		}
	}
}

static int family_id(int fd)
{
	struct msg m = { .len = NLMSG_HDRLEN + GENL_HDRLEN };
	struct nlmsghdr *h = (struct nlmsghdr *)m.buf;
	struct genlmsghdr *g = (struct genlmsghdr *)(m.buf + NLMSG_HDRLEN);
	unsigned char reply[BUF_SIZE];
	ssize_t n;

	put_str(&m, CTRL_ATTR_FAMILY_NAME, IFREG_GENL_NAME);
	h->nlmsg_len = (uint32_t)m.len;
	h->nlmsg_type = GENL_ID_CTRL;
	h->nlmsg_flags = NLM_F_REQUEST;
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	if (send(fd, m.buf, m.len, 0) < 0)
		return -1;
	n = recv(fd, reply, sizeof(reply), 0);
	h = (struct nlmsghdr *)reply;
	if (n < (ssize_t)NLMSG_HDRLEN || h->nlmsg_type == NLMSG_ERROR)
		return -1;
	{
		struct nlattr *a = (struct nlattr *)(reply + NLMSG_HDRLEN + GENL_HDRLEN);
		unsigned char *end = reply + h->nlmsg_len;

		while ((unsigned char *)a + NLA_HDRLEN <= end && a->nla_len >= NLA_HDRLEN) {
			if ((a->nla_type & NLA_TYPE_MASK) == CTRL_ATTR_FAMILY_ID)
				return *(uint16_t *)((char *)a + NLA_HDRLEN);
			a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
		}
	}
	return -1;
}

struct counts {
	unsigned long sent, acked, errors, dumps;
};

/* Read every answer there is now, waiting up to @ms for the first. */
static void drain(int fd, int ms, struct counts *c)
{
	static unsigned char reply[BUF_SIZE];
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct nlmsghdr *h;
	ssize_t n;

	while (poll(&p, 1, ms) > 0) {
		n = recv(fd, reply, sizeof(reply), MSG_DONTWAIT);
		if (n <= 0)
			return;
		for (h = (struct nlmsghdr *)reply; NLMSG_OK(h, (size_t)n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE)
				c->dumps++;
			else if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);

				if (e->error)
					c->errors++;
				else
					c->acked++;
			}
		}
		ms = 0;
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct counts c = { 0 };
	unsigned long count, i;
	int fd, fam, one = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: nlfuzz COUNT SEED\n");
		return 2;
	}
	count = strtoul(argv[1], NULL, 0);
	rng_state = strtoull(argv[2], NULL, 0) * 0x9e3779b97f4a7c15ULL + 1;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("nlfuzz: socket");
		return 1;
	}
	/* Errors come back with the message's attributes left out. */
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	fam = family_id(fd);
	if (fam < 0) {
		fprintf(stderr, "nlfuzz: no family %s\n", IFREG_GENL_NAME);
		return 3;
	}

	for (i = 0; i < count; i++) {
		struct msg *m = calloc(1, sizeof(*m));
		struct nlmsghdr *h;
		struct genlmsghdr *g;
		int k;

		if (!m)
			return 1;
		m->len = NLMSG_HDRLEN + GENL_HDRLEN;
		h = (struct nlmsghdr *)m->buf;
		g = (struct genlmsghdr *)(m->buf + NLMSG_HDRLEN);
		g->cmd = (uint8_t)(below(8) ? below(IFREG_CMD_MAX + 1) : rnd());
		g->version = (uint8_t)(below(8) ? IFREG_GENL_VERSION : rnd());
		for (k = (int)below(4); k >= 0; k--) {
			if (below(2))
				put_template(m);
			else
				put_junk(m, 0);
		}
		h->nlmsg_type = (uint16_t)fam;
		h->nlmsg_flags = NLM_F_REQUEST | (below(2) ? NLM_F_ACK : 0) |
				 (below(3) ? 0 : NLM_F_DUMP);
		h->nlmsg_seq = (uint32_t)i;
		h->nlmsg_len = (uint32_t)m->len;
		/* Now and then a header that lies about the length. */
		if (!below(32))
			h->nlmsg_len = (uint32_t)(NLMSG_HDRLEN + below((uint32_t)m->len + 64));
		if (send(fd, m->buf, m->len, 0) >= 0)
			c.sent++;
		free(m);
		drain(fd, 0, &c);
		if (!(i % 64))
			drain(fd, 5, &c);
	}
	drain(fd, 200, &c);
	printf("sent %lu, acked %lu, errors %lu, dumps %lu\n", c.sent, c.acked,
	       c.errors, c.dumps);
	close(fd);
	return 0;
}
