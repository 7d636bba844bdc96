// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers the registry suites share. The suites drive the module's real
 * registry, so every case uses class GUIDs of its own (ifreg_kt_guid()) and
 * platform devices of its own, and ifreg_kt_exit() removes what it registered.
 */

#include <kunit/resource.h>
#include <linux/etherdevice.h>
#include <linux/kernfs.h>
#include <linux/mm.h>
#include <linux/net.h>
#include <linux/netdevice.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/stringhash.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "netlink.h"
#include "notify.h"
#include "registry.h"
#include "util.h"

/* A GUID unique to the case and @n: the case's name hashed into Data1. */
guid_t ifreg_kt_guid(struct kunit *test, unsigned int n)
{
	u32 h = full_name_hash(NULL, test->name, strlen(test->name));

	return GUID_INIT(h, 0x6b74, n, 0x8a, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77);
}

int ifreg_kt_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct kt), GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

void ifreg_kt_exit(struct kunit *test)
{
	struct kt *kt = test->priv;
	int i;

	/* A case stopped by a failed assertion left its hooks set. */
	memset(&ifreg_test_hooks, 0, sizeof(ifreg_test_hooks));
	if (!kt)
		return;
	for (i = 0; i < kt->n_logs; i++)
		ifreg_kt_unsubscribe(kt->logs[i]);
	for (i = 0; i < kt->n_names; i++) {
		/* An enabled registration is not removed: disable it first. */
		ifreg_set_interface_state(kt->names[i], false);
		ifreg_remove_interface(kt->names[i]);
		kfree(kt->names[i]);
	}
	for (i = 0; i < kt->n_pdevs; i++)
		if (kt->pdevs[i])
			platform_device_unregister(kt->pdevs[i]);
	ifreg_notify_flush();
}

struct platform_device *ifreg_kt_pdev(struct kunit *test, int id)
{
	return ifreg_kt_pdev_named(test, "ifreg-kunit", id);
}

/* The same, named @name.@id. */
struct platform_device *ifreg_kt_pdev_named(struct kunit *test, const char *name, int id)
{
	struct kt *kt = test->priv;
	struct platform_device *pdev;

	pdev = platform_device_register_simple(name, id, NULL, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pdev));
	KUNIT_ASSERT_LT(test, kt->n_pdevs, KT_MAX);
	kt->pdevs[kt->n_pdevs++] = pdev;
	return pdev;
}

/* Delete a device now, as a surprise removal would. */
void ifreg_kt_pdev_del(struct kunit *test, struct platform_device *pdev)
{
	struct kt *kt = test->priv;
	int i;

	for (i = 0; i < kt->n_pdevs; i++)
		if (kt->pdevs[i] == pdev)
			kt->pdevs[i] = NULL;
	platform_device_unregister(pdev);
}

/* Register, expecting success, and remember the name for ifreg_kt_exit(). */
char *ifreg_kt_register(struct kunit *test, struct device *pdo,
			const guid_t *guid, const char *ref)
{
	struct kt *kt = test->priv;
	char *name = NULL;
	int ret;

	ret = ifreg_register_interface(pdo, guid, ref, &name);
	/* As user space's requests do: the watch is up, @pdo settled. */
	ifreg_watch_flush();
	KUNIT_ASSERT_GE(test, ret, 0);
	KUNIT_ASSERT_NOT_NULL(test, name);
	KUNIT_ASSERT_LT(test, kt->n_names, KT_MAX);
	kt->names[kt->n_names++] = name;
	return name;
}

/* Whether @name is listed among @pdo's instances (NULL: the class's). */
bool ifreg_kt_listed_on(struct kunit *test, const guid_t *g, struct device *pdo,
			const char *name)
{
	char *list;
	bool found;

	KUNIT_ASSERT_EQ(test, ifreg_get_interfaces(g, pdo, IFREG_INCLUDE_NONACTIVE,
						   &list), 0);
	found = ifreg_kt_listed(list, name);
	kfree(list);
	return found;
}

int ifreg_kt_count(const char *list)
{
	int n = 0;

	for (; *list; list += strlen(list) + 1)
		n++;
	return n;
}

bool ifreg_kt_listed(const char *list, const char *name)
{
	for (; *list; list += strlen(list) + 1)
		if (!strcmp(list, name))
			return true;
	return false;
}

void ifreg_kt_log_fn(const struct ifreg_notification *n, void *context)
{
	struct kt_log *log = context;

	mutex_lock(&log->lock);
	if (log->n < KT_LOG) {
		log->ev[log->n].event = n->event;
		strscpy(log->ev[log->n].link, n->symbolic_link,
			sizeof(log->ev[0].link));
	}
	log->n++;
	mutex_unlock(&log->lock);
}

struct kt_log *ifreg_kt_subscribe(struct kunit *test, const guid_t *guid,
				  unsigned int flags)
{
	struct kt *kt = test->priv;
	struct kt_log *log;

	log = kunit_kzalloc(test, sizeof(*log), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, log);
	mutex_init(&log->lock);
	KUNIT_ASSERT_EQ(test, ifreg_register_notification(guid, flags, ifreg_kt_log_fn,
							  log, &log->handle), 0);
	KUNIT_ASSERT_LT(test, kt->n_logs, KT_MAX);
	kt->logs[kt->n_logs++] = log;
	return log;
}

void ifreg_kt_unsubscribe(struct kt_log *log)
{
	ifreg_unregister_notification(log->handle);
	log->handle = NULL;
}

/* Whether classes/{guid}/@name exists in sysfs. */
bool ifreg_kt_has_link(const guid_t *guid, const char *name)
{
	struct kernfs_node *kn = NULL;
	struct ifreg_class *cls;

	mutex_lock(&ifreg_lock);
	cls = ifreg_registry_class(guid);
	if (cls)
		kn = kernfs_find_and_get(cls->kobj.sd, name);
	mutex_unlock(&ifreg_lock);
	kernfs_put(kn);
	return kn;
}

void ifreg_kt_release_kfree(struct device *dev)
{
	kfree(dev);
}

/* A copy freed with the case. */
char *ifreg_kt_strdup(struct kunit *test, const char *s)
{
	size_t size = strlen(s) + 1;
	char *copy = kunit_kzalloc(test, size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, s, size);
	return copy;
}

/*
 * Whether the instance device @name is in @pdo's directory: directly, or in
 * the "ifreg" glue directory the driver core puts between a device and its
 * class-device children when the device itself is in no class.
 */
bool ifreg_kt_has_child(struct device *pdo, const char *name)
{
	struct kernfs_node *glue, *kn;

	kn = kernfs_find_and_get(pdo->kobj.sd, name);
	if (!kn) {
		glue = kernfs_find_and_get(pdo->kobj.sd, "ifreg");
		if (glue)
			kn = kernfs_find_and_get(glue, name);
		kernfs_put(glue);
	}
	kernfs_put(kn);
	return kn;
}

static netdev_tx_t ifreg_kt_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev_kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops ifreg_kt_netdev_ops = { .ndo_start_xmit = ifreg_kt_xmit };

/* alloc_netdev()'s setup for a test's Ethernet netdev that drops what it sends. */
void ifreg_kt_netdev_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &ifreg_kt_netdev_ops;
}

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
struct kt_nl *kt_nl_open(struct kunit *test)
{
	struct kt_nl *nl;

	nl = kunit_alloc_resource(test, kt_nl_init, kt_nl_free, GFP_KERNEL, NULL);
	KUNIT_ASSERT_NOT_NULL(test, nl);
	return nl;
}

/* A request of @cmd with @flags, to which the caller adds attributes. */
struct sk_buff *kt_nl_msg(struct kunit *test, struct kt_nl *nl, u8 cmd, u16 flags)
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
 * errno (0 for an ack or a dump that ended well), or the socket's when the
 * request could not be sent or an answer was lost (-ENOBUFS).
 */
int kt_nl_talk(struct kunit *test, struct kt_nl *nl, struct sk_buff *skb,
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
	if (n < 0)
		return n;	/* not sent (the socket could not take it) */
	for (;;) {
		memset(&msg, 0, sizeof(msg));
		iov.iov_base = nl->buf;
		iov.iov_len = KT_NL_BUF;
		len = kernel_recvmsg(nl->sock, &msg, &iov, 1, KT_NL_BUF, MSG_DONTWAIT);
		KUNIT_ASSERT_NE_MSG(test, len, -EAGAIN, "no answer to the request");
		if (len < 0)
			return len;	/* the socket's error: an answer was lost */
		KUNIT_ASSERT_GT(test, len, 0);
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

void kt_put_string(struct kunit *test, struct sk_buff *skb, int attr, const char *s)
{
	KUNIT_ASSERT_EQ(test, nla_put_string(skb, attr, s), 0);
}

/*
 * Skip the case unless failslab fails the calling task's chosen allocation
 * (fail-nth), those that may sleep included (the UML guest's init says so).
 */
void ifreg_kt_need_failslab(struct kunit *test)
{
#ifdef CONFIG_FAILSLAB
	void *p;
	bool hit;

	WRITE_ONCE(current->fail_nth, 1);
	p = kmalloc(16, GFP_KERNEL);
	hit = !READ_ONCE(current->fail_nth);
	WRITE_ONCE(current->fail_nth, 0);
	kfree(p);
	if (!hit || p)
		kunit_skip(test, "failslab spares GFP_KERNEL (ignore-gfp-wait)");
#else
	kunit_skip(test, "needs CONFIG_FAILSLAB");
#endif
}
