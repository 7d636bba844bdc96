// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers the registry suites share. The suites drive the module's real
 * registry, so every case uses class GUIDs of its own (ifreg_kt_guid()) and
 * platform devices of its own, and ifreg_kt_exit() removes what it registered.
 */

#include <linux/etherdevice.h>
#include <linux/kernfs.h>
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <linux/stringhash.h>

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
	struct kt *kt = test->priv;
	struct platform_device *pdev;

	pdev = platform_device_register_simple("ifreg-kunit", id, NULL, 0);
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
