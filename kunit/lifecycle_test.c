// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_lifecycle: PnP's START and REMOVE on Linux. A driver's
 * successful probe is START: what it enabled inside the probe arrives
 * (uevent, notification, event) only once the probe has succeeded. A
 * failed probe and an unbind are REMOVE: what the driver left enabled is
 * disabled by ifreg, with one removal each, and the registrations stay for
 * the next probe; what a failed probe enabled leaves without a word. And
 * the contexts a driver registers from: probe, a netdevice notifier under
 * RTNL. The tracepoint of each enable and disable names its reason.
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/platform_device.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "notify.h"
#include "registry.h"
#include "trace.h"
#include "util.h"

/* What the case tells the driver, and what the driver saw in its probe. */
static struct {
	guid_t class;
	int probe_result;
	struct kt_log *log;
	char *link;
	int probes;
	int heard_in_probe;
	bool listed_in_probe;
} kt_drv;

/* A driver that registers and enables one interface in its probe. */
static int kt_drv_probe(struct platform_device *pdev)
{
	char *list, *link = NULL;
	int ret;

	kt_drv.probes++;
	ret = ifreg_register_interface(&pdev->dev, &kt_drv.class, NULL, &link);
	if (ret < 0)
		return ret;
	ret = ifreg_set_interface_state(link, true);
	if (ret) {
		kfree(link);
		return ret < 0 ? ret : -EIO;
	}
	/* Nothing arrives while the probe runs, but the interface is enabled. */
	ifreg_notify_flush();
	kt_drv.heard_in_probe = kt_drv.log ? kt_drv.log->n : -1;
	if (!ifreg_get_interfaces(&kt_drv.class, NULL, 0, &list)) {
		kt_drv.listed_in_probe = ifreg_kt_listed(list, link);
		kfree(list);
	}
	kfree(kt_drv.link);
	kt_drv.link = link;
	return kt_drv.probe_result;
}

/* Leaves its interface enabled: ifreg disables it at unbind. */
static void kt_drv_remove(struct platform_device *pdev)
{
}

static struct platform_driver kt_driver = {
	.probe = kt_drv_probe,
	.remove_new = kt_drv_remove,
	.driver = { .name = "ifreg-kunit-drv" },
};

static struct platform_device *kt_drv_pdev;

/*
 * A driver is registered once: its kobject cannot be used again. Without an
 * owner: the suites run while this module is still being loaded, before its
 * sysfs directory that a driver's owner links to exists.
 */
static int lifecycle_suite_init(struct kunit_suite *suite)
{
	return __platform_driver_register(&kt_driver, NULL);
}

static void lifecycle_suite_exit(struct kunit_suite *suite)
{
	platform_driver_unregister(&kt_driver);
}

static int lifecycle_init(struct kunit *test)
{
	memset(&kt_drv, 0, sizeof(kt_drv));
	kt_drv_pdev = NULL;
	return ifreg_kt_init(test);
}

static void lifecycle_exit(struct kunit *test)
{
	if (kt_drv_pdev)
		platform_device_unregister(kt_drv_pdev);
	if (kt_drv.link) {
		ifreg_set_interface_state(kt_drv.link, false);
		ifreg_remove_interface(kt_drv.link);
	}
	kfree(kt_drv.link);
	ifreg_kt_exit(test);
}

/* A device the driver probes at once, in this thread. */
static struct platform_device *kt_drv_device(struct kunit *test, int id)
{
	kt_drv.class = ifreg_kt_guid(test, 0);
	kt_drv.log = ifreg_kt_subscribe(test, &kt_drv.class, 0);
	kt_drv_pdev = platform_device_register_simple("ifreg-kunit-drv", id, NULL, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kt_drv_pdev));
	return kt_drv_pdev;
}

static bool kt_enabled(const char *link)
{
	char *list;
	bool listed;

	if (ifreg_get_interfaces(&kt_drv.class, NULL, 0, &list))
		return false;
	listed = ifreg_kt_listed(list, link);
	kfree(list);
	return listed;
}

/* Enabled inside a probe: listed at once, arrives when the probe has succeeded. */
static void arrival_waits_for_a_successful_probe(struct kunit *test)
{
	struct platform_device *pd = kt_drv_device(test, 100);

	KUNIT_ASSERT_EQ(test, kt_drv.probes, 1);
	KUNIT_ASSERT_NOT_NULL(test, kt_drv.link);
	KUNIT_EXPECT_EQ(test, kt_drv.heard_in_probe, 0);
	KUNIT_EXPECT_TRUE(test, kt_drv.listed_in_probe);
	ifreg_notify_flush();
	KUNIT_ASSERT_EQ(test, kt_drv.log->n, 1);
	KUNIT_EXPECT_EQ(test, kt_drv.log->ev[0].event, IFREG_ARRIVAL);
	KUNIT_EXPECT_STREQ(test, kt_drv.log->ev[0].link, kt_drv.link);
	KUNIT_EXPECT_TRUE(test, ifreg_kt_has_child(&pd->dev, kt_drv.link + 4));
}

/*
 * Unbinding disables what the driver left enabled, with one removal; the
 * registration stays, and the next probe's enable is a fresh arrival.
 */
static void unbind_disables_what_the_driver_left_enabled(struct kunit *test)
{
	struct platform_device *pd = kt_drv_device(test, 101);
	char *link;

	KUNIT_ASSERT_NOT_NULL(test, kt_drv.link);
	link = ifreg_kt_strdup(test, kt_drv.link);
	device_release_driver(&pd->dev);
	ifreg_notify_flush();
	KUNIT_ASSERT_EQ(test, kt_drv.log->n, 2);
	KUNIT_EXPECT_EQ(test, kt_drv.log->ev[1].event, IFREG_REMOVAL);
	KUNIT_EXPECT_FALSE(test, kt_enabled(link));
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(link, false), -ENOENT);
	KUNIT_EXPECT_FALSE(test, ifreg_kt_has_child(&pd->dev, link + 4));

	/* Bound again: the same registration (IFREG_EXISTS), a new arrival. */
	KUNIT_ASSERT_EQ(test, device_attach(&pd->dev), 1);
	KUNIT_EXPECT_EQ(test, kt_drv.probes, 2);
	KUNIT_EXPECT_STREQ(test, kt_drv.link, link);
	ifreg_notify_flush();
	KUNIT_ASSERT_EQ(test, kt_drv.log->n, 3);
	KUNIT_EXPECT_EQ(test, kt_drv.log->ev[2].event, IFREG_ARRIVAL);
	KUNIT_EXPECT_TRUE(test, kt_enabled(link));
}

/* A probe that enables and then fails leaves nothing enabled, and says nothing. */
static void failed_probe_leaves_nothing(struct kunit *test)
{
	struct platform_device *pd;

	kt_drv.probe_result = -EIO;
	pd = kt_drv_device(test, 102);
	KUNIT_ASSERT_EQ(test, kt_drv.probes, 1);
	KUNIT_ASSERT_NOT_NULL(test, kt_drv.link);
	KUNIT_EXPECT_TRUE(test, kt_drv.listed_in_probe);
	ifreg_notify_flush();
	KUNIT_EXPECT_EQ(test, kt_drv.log->n, 0);
	KUNIT_EXPECT_FALSE(test, kt_enabled(kt_drv.link));
	KUNIT_EXPECT_FALSE(test, ifreg_kt_has_link(&kt_drv.class, kt_drv.link + 4));
	KUNIT_EXPECT_FALSE(test, ifreg_kt_has_child(&pd->dev, kt_drv.link + 4));
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(kt_drv.link, false), -ENOENT);
	/* The registration is still there, for a probe that works. */
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(kt_drv.link, true), 0);
	ifreg_notify_flush();
	KUNIT_EXPECT_EQ(test, kt_drv.log->n, 1);
}

/* The ifreg_set_state events of the case's class, as the tracepoint gave them. */
static struct {
	unsigned int n;
	struct {
		bool enabled;
		char why[16];
		bool announced;
	} ev[16];
} kt_trace;

static void kt_trace_set_state(void *data, const struct ifreg_instance *inst,
			       const char *why, bool enabled, bool announced)
{
	if (!guid_equal(&inst->class->guid, &kt_drv.class) ||
	    kt_trace.n >= ARRAY_SIZE(kt_trace.ev))
		return;
	kt_trace.ev[kt_trace.n].enabled = enabled;
	strscpy(kt_trace.ev[kt_trace.n].why, why, sizeof(kt_trace.ev[0].why));
	kt_trace.ev[kt_trace.n].announced = announced;
	kt_trace.n++;
}

/*
 * Each enable and disable is traced once, with who decided it: the
 * driver's probe (its arrival held back), the failed probe, the unbind,
 * the driver's own call, the device's deletion; none is mistaken for
 * another.
 */
static void state_changes_are_traced_with_their_reason(struct kunit *test)
{
	static const struct {
		bool enabled;
		const char *why;
		bool announced;
	} want[] = {
		{ true, "driver", false },	/* in the probe */
		{ false, "probe_failed", false },
		{ true, "driver", false },	/* the next probe */
		{ false, "unbind", true },
		{ true, "driver", false },
		{ false, "driver", true },	/* its own call */
		{ true, "driver", true },	/* outside a probe */
		{ false, "device_deleted", true },
	};
	struct platform_device *pd;
	unsigned int i;
	int ret;

	memset(&kt_trace, 0, sizeof(kt_trace));
	ret = register_trace_ifreg_set_state(kt_trace_set_state, NULL);
	if (ret)
		kunit_skip(test, "no tracepoints in this kernel (%d)", ret);
	kt_drv.probe_result = -EIO;
	pd = kt_drv_device(test, 103);
	ifreg_watch_flush();
	kt_drv.probe_result = 0;
	KUNIT_EXPECT_EQ(test, device_attach(&pd->dev), 1);
	ifreg_watch_flush();
	device_release_driver(&pd->dev);
	KUNIT_EXPECT_EQ(test, device_attach(&pd->dev), 1);
	ifreg_watch_flush();
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(kt_drv.link, false), 0);
	KUNIT_EXPECT_EQ(test, ifreg_set_interface_state(kt_drv.link, true), 0);
	platform_device_unregister(pd);
	kt_drv_pdev = NULL;
	unregister_trace_ifreg_set_state(kt_trace_set_state, NULL);
	tracepoint_synchronize_unregister();

	KUNIT_ASSERT_EQ(test, kt_trace.n, ARRAY_SIZE(want));
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		KUNIT_EXPECT_EQ_MSG(test, kt_trace.ev[i].enabled, want[i].enabled, "event %u", i);
		KUNIT_EXPECT_STREQ_MSG(test, kt_trace.ev[i].why, want[i].why, "event %u", i);
		KUNIT_EXPECT_EQ_MSG(test, kt_trace.ev[i].announced, want[i].announced,
				    "event %u", i);
	}
}

/* What the netdevice notifier did for the case's netdev. */
static struct {
	guid_t class;
	char *link;
	int registered, enabled;
	bool under_rtnl;
} kt_ctx;

static int kt_ctx_netdev_event(struct notifier_block *nb, unsigned long event,
			       void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (event != NETDEV_REGISTER || strcmp(dev->name, "ifktctx0"))
		return NOTIFY_DONE;
	kt_ctx.under_rtnl = rtnl_is_locked();
	kt_ctx.registered = ifreg_register_interface(&dev->dev, &kt_ctx.class, NULL,
						     &kt_ctx.link);
	if (kt_ctx.registered >= 0)
		kt_ctx.enabled = ifreg_set_interface_state(kt_ctx.link, true);
	return NOTIFY_DONE;
}

static struct notifier_block kt_ctx_nb = { .notifier_call = kt_ctx_netdev_event };

/*
 * A driver may register and enable from a netdevice notifier, under RTNL,
 * on a class (net) ifreg may not watch yet; the netdev's deletion disables.
 */
static void register_from_a_netdevice_notifier(struct kunit *test)
{
	struct net_device *dev;
	struct kt_log *log;
	int err;

	memset(&kt_ctx, 0, sizeof(kt_ctx));
	kt_ctx.class = ifreg_kt_guid(test, 0);
	log = ifreg_kt_subscribe(test, &kt_ctx.class, 0);
	KUNIT_ASSERT_EQ(test, register_netdevice_notifier(&kt_ctx_nb), 0);
	dev = alloc_netdev(0, "ifktctx0", NET_NAME_USER, ifreg_kt_netdev_setup);
	if (!dev) {
		unregister_netdevice_notifier(&kt_ctx_nb);
		KUNIT_FAIL(test, "no netdev");
		return;
	}
	eth_hw_addr_random(dev);
	err = register_netdev(dev);
	unregister_netdevice_notifier(&kt_ctx_nb);
	if (err) {
		free_netdev(dev);
		KUNIT_FAIL(test, "register_netdev: %d", err);
		return;
	}
	KUNIT_EXPECT_TRUE(test, kt_ctx.under_rtnl);
	KUNIT_EXPECT_EQ(test, kt_ctx.registered, 0);
	KUNIT_EXPECT_EQ(test, kt_ctx.enabled, 0);
	ifreg_watch_flush();
	ifreg_notify_flush();
	KUNIT_EXPECT_EQ(test, log->n, 1);

	unregister_netdev(dev);
	free_netdev(dev);
	ifreg_notify_flush();
	KUNIT_EXPECT_EQ(test, log->n, 2);
	if (log->n == 2)
		KUNIT_EXPECT_EQ(test, log->ev[1].event, IFREG_REMOVAL);
	if (kt_ctx.link) {
		KUNIT_EXPECT_EQ(test, ifreg_remove_interface(kt_ctx.link), 0);
		kfree(kt_ctx.link);
	}
}

static struct kunit_case ifreg_lifecycle_cases[] = {
	KUNIT_CASE(arrival_waits_for_a_successful_probe),
	KUNIT_CASE(unbind_disables_what_the_driver_left_enabled),
	KUNIT_CASE(failed_probe_leaves_nothing),
	KUNIT_CASE(state_changes_are_traced_with_their_reason),
	KUNIT_CASE(register_from_a_netdevice_notifier),
	{}
};

static struct kunit_suite ifreg_lifecycle_suite = {
	.name = "ifreg_lifecycle",
	.suite_init = lifecycle_suite_init,
	.suite_exit = lifecycle_suite_exit,
	.init = lifecycle_init,
	.exit = lifecycle_exit,
	.test_cases = ifreg_lifecycle_cases,
};

kunit_test_suite(ifreg_lifecycle_suite);
