// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_netlink: the generic netlink family as user space meets
 * it, through a netlink socket of the initial namespace. A dump refused at
 * its start answers the error and leaves nothing behind (what a case
 * leaked, the kmemleak scan after the suites reports).
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

#include "netlink.h"
#include "util.h"

/* Larger than any reply the family may send, so a datagram is never cut. */
#define KT_NL_BUF	(256 * 1024)

struct kt_nl {
	struct socket *sock;
	u32 seq;
	void *buf;
	char extack[128];	/* the last error's message */
};

/* What a reply handler gets: the message's attributes, parsed. */
typedef void (*kt_nl_fn)(struct kunit *test, const struct nlmsghdr *nlh,
			 struct nlattr **tb, void *ctx);

static void kt_nl_free(struct kunit_resource *res)
{
	struct kt_nl *nl = res->data;

	sock_release(nl->sock);
	kvfree(nl->buf);
	kfree(nl);
}

static int kt_nl_init(struct kunit_resource *res, void *context)
{
	int one = 1, err;
	struct kt_nl *nl;

	nl = kzalloc(sizeof(*nl), GFP_KERNEL);
	if (!nl)
		return -ENOMEM;
	nl->buf = kvzalloc(KT_NL_BUF, GFP_KERNEL);
	err = nl->buf ? sock_create_kern(&init_net, AF_NETLINK, SOCK_RAW,
					 NETLINK_GENERIC, &nl->sock) : -ENOMEM;
	if (err) {
		kvfree(nl->buf);
		kfree(nl);
		return err;
	}
	/* Errors carry the kernel's message, without the request echoed. */
	nl->sock->ops->setsockopt(nl->sock, SOL_NETLINK, NETLINK_EXT_ACK,
				  KERNEL_SOCKPTR(&one), sizeof(one));
	nl->sock->ops->setsockopt(nl->sock, SOL_NETLINK, NETLINK_CAP_ACK,
				  KERNEL_SOCKPTR(&one), sizeof(one));
	res->data = nl;
	return 0;
}

/* A socket of the family's, closed when the case ends. */
static struct kt_nl *kt_nl_open(struct kunit *test)
{
	struct kt_nl *nl;

	nl = kunit_alloc_resource(test, kt_nl_init, kt_nl_free, GFP_KERNEL, NULL);
	KUNIT_ASSERT_NOT_NULL(test, nl);
	return nl;
}

/* A request of @cmd with @flags, to which the caller adds attributes. */
static struct sk_buff *kt_nl_msg(struct kunit *test, struct kt_nl *nl, u8 cmd, u16 flags)
{
	struct sk_buff *skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_NOT_NULL(test, genlmsg_put(skb, 0, ++nl->seq, &ifreg_nl_family,
						NLM_F_REQUEST | flags, cmd));
	return skb;
}

/* The message of an error's extended ack, into nl->extack. */
static void kt_nl_extack(struct kt_nl *nl, const struct nlmsghdr *nlh, size_t offset)
{
	const struct nlattr *msg;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || nlmsg_len(nlh) < offset)
		return;
	msg = nla_find(nlmsg_data(nlh) + offset, nlmsg_len(nlh) - offset,
		       NLMSGERR_ATTR_MSG);
	if (msg)
		nla_strscpy(nl->extack, msg, sizeof(nl->extack));
}

/*
 * Send @skb (consumed) and hand every reply message of the family to @fn
 * until the ack, the error or the end of the dump. Return: the request's
 * errno (0 for an ack or a dump that ended well).
 */
static int kt_nl_talk(struct kunit *test, struct kt_nl *nl, struct sk_buff *skb,
		      kt_nl_fn fn, void *ctx)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct msghdr msg = { .msg_name = &kernel, .msg_namelen = sizeof(kernel) };
	struct nlattr *tb[IFREG_A_MAX + 1];
	struct nlmsghdr *req = nlmsg_hdr(skb);
	struct kvec iov = { .iov_base = skb->data, .iov_len = skb->len };
	const struct nlmsghdr *nlh;
	int n, len, err;

	nlmsg_end(skb, req);
	nl->extack[0] = '\0';
	n = kernel_sendmsg(nl->sock, &msg, &iov, 1, iov.iov_len);
	nlmsg_free(skb);
	KUNIT_ASSERT_GT(test, n, 0);
	for (;;) {
		memset(&msg, 0, sizeof(msg));
		iov.iov_base = nl->buf;
		iov.iov_len = KT_NL_BUF;
		len = kernel_recvmsg(nl->sock, &msg, &iov, 1, KT_NL_BUF, MSG_DONTWAIT);
		KUNIT_ASSERT_GT_MSG(test, len, 0, "no answer to the request");
		KUNIT_ASSERT_FALSE_MSG(test, msg.msg_flags & MSG_TRUNC, "a datagram was cut");
		for (nlh = nl->buf; nlmsg_ok(nlh, len); nlh = nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_seq != nl->seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				err = ((struct nlmsgerr *)nlmsg_data(nlh))->error;
				kt_nl_extack(nl, nlh, sizeof(struct nlmsgerr));
				return err;
			}
			if (nlh->nlmsg_type == NLMSG_DONE) {
				err = *(int *)nlmsg_data(nlh);
				kt_nl_extack(nl, nlh, sizeof(int));
				return err;
			}
			KUNIT_ASSERT_EQ(test, nlh->nlmsg_type, ifreg_nl_family.id);
			/* Every attribute is whole, and they fill the message. */
			KUNIT_ASSERT_EQ(test, __nla_parse(tb, IFREG_A_MAX,
							  nlmsg_attrdata(nlh, GENL_HDRLEN),
							  nlmsg_attrlen(nlh, GENL_HDRLEN), NULL,
							  NL_VALIDATE_TRAILING, NULL), 0);
			KUNIT_ASSERT_NOT_NULL(test, fn);
			fn(test, nlh, tb, ctx);
		}
		KUNIT_ASSERT_EQ_MSG(test, len, 0, "a datagram ends inside a message");
	}
}

static void kt_put_string(struct kunit *test, struct sk_buff *skb, int attr, const char *s)
{
	KUNIT_ASSERT_EQ(test, nla_put_string(skb, attr, s), 0);
}

/*
 * A dump whose start refuses the request (a class that is not a GUID,
 * with or without a device filter) answers that error with its message,
 * each of many times, and leaves nothing.
 */
static void refused_dump_start_leaves_nothing(struct kunit *test)
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
}

static struct kunit_case ifreg_netlink_cases[] = {
	KUNIT_CASE(refused_dump_start_leaves_nothing),
	{}
};

static struct kunit_suite ifreg_netlink_suite = {
	.name = "ifreg_netlink",
	.init = ifreg_kt_init,
	.exit = ifreg_kt_exit,
	.test_cases = ifreg_netlink_cases,
};

kunit_test_suite(ifreg_netlink_suite);
