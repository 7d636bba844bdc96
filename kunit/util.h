/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the registry suites share: devices to bind interfaces to, and a
 * record of what a case registered and subscribed, undone when it ends.
 */
#ifndef _IFREG_KUNIT_UTIL_H
#define _IFREG_KUNIT_UTIL_H

#include <kunit/test.h>
#include <linux/netdevice.h>
#include <linux/platform_device.h>
#include <net/netlink.h>
#include <ifreg/ifreg.h>

#define KT_MAX 16
#define KT_LOG 512

/* One notification as a subscriber saw it. */
struct kt_event {
	enum ifreg_event event;
	char link[96];
};

/* A subscriber's log. */
struct kt_log {
	struct mutex lock;		/* guards the rest */
	struct kt_event ev[KT_LOG];
	int n;
	struct ifreg_notifier *handle;
};

/* What a case made, undone by ifreg_kt_exit(). */
struct kt {
	char *names[KT_MAX];
	int n_names;
	struct platform_device *pdevs[KT_MAX];
	int n_pdevs;
	struct kt_log *logs[KT_MAX];
	int n_logs;
};

int ifreg_kt_init(struct kunit *test);
void ifreg_kt_exit(struct kunit *test);
guid_t ifreg_kt_guid(struct kunit *test, unsigned int n);
struct platform_device *ifreg_kt_pdev(struct kunit *test, int id);
struct platform_device *ifreg_kt_pdev_named(struct kunit *test, const char *name, int id);
void ifreg_kt_pdev_del(struct kunit *test, struct platform_device *pdev);
char *ifreg_kt_register(struct kunit *test, struct device *pdo,
			const guid_t *guid, const char *ref);
int ifreg_kt_count(const char *list);
bool ifreg_kt_listed_on(struct kunit *test, const guid_t *g, struct device *pdo,
			const char *name);
bool ifreg_kt_listed(const char *list, const char *name);
struct kt_log *ifreg_kt_subscribe(struct kunit *test, const guid_t *guid,
				  unsigned int flags);
void ifreg_kt_unsubscribe(struct kt_log *log);
void ifreg_kt_log_fn(const struct ifreg_notification *n, void *context);
bool ifreg_kt_has_link(const guid_t *guid, const char *name);
bool ifreg_kt_has_child(struct device *pdo, const char *name);
void ifreg_kt_release_kfree(struct device *dev);
char *ifreg_kt_strdup(struct kunit *test, const char *s);
void ifreg_kt_netdev_setup(struct net_device *dev);
void ifreg_kt_need_failslab(struct kunit *test);

/* A netlink socket of the initial namespace, talking to the family. */
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

struct kt_nl *kt_nl_open(struct kunit *test);
struct sk_buff *kt_nl_msg(struct kunit *test, struct kt_nl *nl, u8 cmd, u16 flags);
int kt_nl_talk(struct kunit *test, struct kt_nl *nl, struct sk_buff *skb,
	       kt_nl_fn fn, void *ctx);
void kt_put_string(struct kunit *test, struct sk_buff *skb, int attr, const char *s);

#endif /* _IFREG_KUNIT_UTIL_H */
