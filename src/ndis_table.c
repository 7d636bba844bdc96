// SPDX-License-Identifier: GPL-2.0
/*
 * The NDIS interface table (NdisIf*): where the NET_LUID <-> ifIndex table
 * of each network namespace lives. One table per struct net, made and
 * freed with the namespace (pernet operations); nothing of one namespace is
 * reachable from another, LUID index allocations included. Providers
 * register interfaces with a NET_LUID whose index they allocated and get an
 * ifIndex, never 0; lookups both ways are lock-free (RCU), changes are
 * serialised by the table's mutex. The NDIS files are floors that call only
 * down: the LUID allocator (ndis_luid.c, which also keeps the reservations)
 * is below this table; the netdev provider (ndis_netdev.c), the rules of
 * reserving (ndis_resv.c), the proc view (ndis_proc.c) and the netlink
 * commands (netlink_ndis.c) are above it, in that order, and the table
 * calls none of them.
 */

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/wait_bit.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include <kunit/visibility.h>

#include "ndis_luid.h"
#include "ndis_table.h"
#include "trace.h"

unsigned int ifreg_max_ndis_interfaces = 65536;
EXPORT_SYMBOL_IF_KUNIT(ifreg_max_ndis_interfaces);
module_param_named(max_ndis_interfaces, ifreg_max_ndis_interfaces, uint, 0444);
MODULE_PARM_DESC(max_ndis_interfaces, "Most NDIS interfaces per network namespace (default 65536)");

/**
 * DOC: NDIS locking and lifetime
 *
 * Each network namespace has one &struct ifreg_ndis_table, made by the
 * table's pernet operations (ifreg_ndis_table_init()) and freed with the
 * namespace. The floors above that keep something per namespace (the proc
 * view) register pernet operations of their own after the table's, so they
 * start after it in a new namespace and stop before it in a dying one; the
 * table calls none of them.
 *
 * The table's mutex, &ifreg_ndis_table.lock, serialises every change of
 * that table: the interface xarrays, the count and generation, the
 * name of each netdev's interface, and the LUID allocator within it (the
 * indexes, handed out cyclically per IfType, the reservations and their
 * counts, whose functions assert the lock through &ifreg_ndis_luids.lock).
 * An interface's persistence key is read only under it. No path holds the
 * locks of two tables: a netdev that moves between namespaces leaves the
 * old table under its lock, then joins the new one under the other. The
 * left-out count of a table and the interface count of a provider are
 * atomics, read without the lock.
 *
 * RCU readers: ifreg_ndis_ifindex_from_luid(), ifreg_ndis_luid_from_ifindex()
 * and the lookup of an interface before a call into its provider load from
 * the xarrays under rcu_read_lock() and take no lock; besides the reference
 * count below, they read only what never changes while an interface is in
 * the table (ifIndex, NET_LUID, provider, context). An interface taken out
 * is freed after a grace period (kfree_rcu()), and so is the xarray of an
 * IfType's interfaces in &ifreg_ndis_table.by_luid once it is empty.
 *
 * RTNL nests outside the table's lock: whoever needs both takes RTNL first,
 * and nothing takes RTNL with a table's lock held. The netdev provider's
 * notifier runs under RTNL and takes the lock; so do moving a netdev to a
 * reserved index, the binding answer (which walks the netdevs' upper and
 * lower links), /proc/net/ifreg/ndis and IFREG_CMD_NDIS_GET. Allocating and
 * freeing LUID indexes, registering and deregistering interfaces of
 * providers, and the LUID dump take the table's lock alone. The binding
 * answer stays in its namespace: the walk stops at a linked netdev in
 * another, and the entry at a linked netdev's ifindex counts only if it
 * is that very netdev (a netdev elsewhere may have the same ifindex).
 *
 * &ifreg_ndis_if.users holds one reference for the table and one per call
 * into the interface's provider. A call takes its reference under RCU with
 * refcount_inc_not_zero(), so none starts on an interface the table has let
 * go of. Removing an interface is two steps: ifreg_ndis_unlink() takes it
 * out of the xarrays under the table's lock; ifreg_ndis_free(), after the
 * lock is dropped, drops the table's reference, waits until the running
 * calls have dropped theirs and frees it. When deregistration returns, no
 * callback for that interface runs. Only the netdev provider's interfaces
 * are freed with the lock held (ifreg_ndis_remove()): their callbacks are
 * ifreg's own and take no lock.
 *
 * A provider's query and set callbacks run in process context, and ifreg
 * holds no lock while it calls them, neither a table's lock nor RTNL, nor
 * waits for them with one held. So a callback may call any
 * ifreg_ndis_*() function, in any namespace: allocating and freeing LUID
 * indexes, registering and deregistering other interfaces, the binding
 * answer. The one thing it must not do is deregister its own interface:
 * that waits for the running calls, its own among them.
 *
 * &ifreg_ndis_list_lock guards the list of providers and the list of
 * tables, and nests outside every table's lock; nothing takes it under a
 * table's lock or RTNL. &ifreg_ndis_provider.interfaces counts the
 * provider's interfaces until each is freed; &ifreg_ndis_provider.calls
 * holds one reference for the registration and one per net_exit() call.
 * A provider cannot be deregistered while it has interfaces in any
 * namespace; that count is read without a lock, so a provider must not
 * register interfaces while it deregisters itself. Deregistering waits
 * for its running net_exit() calls. ifreg's own provider, the netdev one,
 * never goes.
 *
 * Module lifetime: a provider records its owner module
 * (ifreg_ndis_register_provider() passes THIS_MODULE). Windows keeps a
 * driver loaded while it is a provider; Linux cannot. When the owner goes
 * with the provider still registered, the module notifier
 * (MODULE_STATE_GOING: after the module's exit, before its code is freed)
 * runs ifreg_ndis_end_module(): under the list lock, then each table's
 * lock, the provider leaves the list and its interfaces every table, dying
 * namespaces' tables included (a table leaves the list at the end of its
 * pernet exit); then, with no lock held, it waits for their running calls
 * and its net_exit() calls, frees the provider and warns once, naming the
 * module. No callback of it runs after that.
 *
 * In a dying namespace the netdevs leave first (the kernel moves or
 * unregisters them before the table's pernet exit runs). The exit then
 * takes one provider with interfaces in the table at a time: it calls the
 * provider's net_exit(), with no lock held and the table whole, holding a
 * reference on the provider and on its owner module (try_module_get(), so
 * never once the module has begun to go: ifreg_ndis_end_module() is that
 * provider's end); the provider may deregister its interfaces there, but
 * must not take a reference on the namespace, whose count is zero,
 * register interfaces in it, or deregister itself. Then the table removes
 * what the provider left, so it is not found again. When no interface is
 * left, the table leaves the list and frees its LUID indexes and
 * reservations; the namespace frees the table after. A provider thus
 * never calls into a freed table and never pins a dying namespace.
 *
 * At unload, main.c stops the floors in reverse: the proc view, the netdev
 * provider (every netdev leaves every table), then the tables themselves.
 */

static unsigned int ifreg_ndis_net_id;

/* Nests outside every table's lock. */
static DEFINE_MUTEX(ifreg_ndis_list_lock);
static LIST_HEAD(ifreg_ndis_providers);	/* protected by ifreg_ndis_list_lock */
static LIST_HEAD(ifreg_ndis_tables);	/* protected by ifreg_ndis_list_lock */

/**
 * ifreg_ndis_table() - the table of a network namespace
 * @net: the namespace
 *
 * Context: Any context; @net must be alive.
 * Return: the table.
 */
struct ifreg_ndis_table *ifreg_ndis_table(struct net *net)
{
	return net_generic(net, ifreg_ndis_net_id);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_ndis_table);

/**
 * ifreg_ndis_register_provider_owner() - become a provider of interfaces
 * @ops: the callbacks the table calls; must outlive the registration
 * @ctx: passed to them
 * @provider: receives the provider, for ifreg_ndis_register_interface()
 * @owner: the module @ops are in: ifreg_ndis_register_provider() passes
 *	THIS_MODULE; NULL for code that never unloads
 *
 * NdisIfRegisterProvider. Windows keeps a driver loaded while it is a
 * provider; Linux cannot, so when @owner unloads with the provider still
 * registered, ifreg removes its interfaces from every namespace and
 * deregisters it (with a warning naming the module), and never calls its
 * callbacks again.
 *
 * Context: Process context; may sleep. Takes ifreg_ndis_list_lock.
 * Return:
 * * 0 - registered
 * * -EINVAL - a NULL argument
 * * -ENOMEM - out of memory
 */
int ifreg_ndis_register_provider_owner(const struct ifreg_ndis_provider_ops *ops,
				       void *ctx, struct ifreg_ndis_provider **provider,
				       struct module *owner)
{
	struct ifreg_ndis_provider *p;

	if (!ops || !provider)
		return -EINVAL;
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->ops = ops;
	p->ctx = ctx;
	p->owner = owner;
	atomic_set(&p->interfaces, 0);
	refcount_set(&p->calls, 1);
	mutex_lock(&ifreg_ndis_list_lock);
	list_add_tail(&p->node, &ifreg_ndis_providers);
	mutex_unlock(&ifreg_ndis_list_lock);
	*provider = p;
	return 0;
}
EXPORT_SYMBOL_GPL(ifreg_ndis_register_provider_owner);

static void ifreg_ndis_provider_put(struct ifreg_ndis_provider *p)
{
	if (refcount_dec_and_test(&p->calls))
		wake_up_var(&p->calls);
}

/*
 * A provider off the list: wait until no net_exit() of it runs and none of
 * its interfaces is left, then free it.
 */
static void ifreg_ndis_provider_end(struct ifreg_ndis_provider *p)
{
	if (!refcount_dec_and_test(&p->calls))
		wait_var_event(&p->calls, !refcount_read(&p->calls));
	wait_var_event(&p->interfaces, !atomic_read(&p->interfaces));
	kfree(p);
}

/**
 * ifreg_ndis_deregister_provider() - stop being a provider
 * @provider: the provider, or NULL
 *
 * NdisIfDeregisterProvider; refused while it has interfaces, in any
 * namespace. When this returns, none of its callbacks runs.
 *
 * Context: Process context; sleeps while its net_exit() runs for a dying
 * namespace, so not from its own net_exit(). Takes ifreg_ndis_list_lock.
 * Return:
 * * 0 - deregistered and freed
 * * -EBUSY - it still has interfaces; nothing changed
 * * -EINVAL - @provider is NULL or ifreg's own (the netdev provider)
 */
int ifreg_ndis_deregister_provider(struct ifreg_ndis_provider *provider)
{
	if (!provider || provider->builtin)
		return -EINVAL;
	if (atomic_read(&provider->interfaces))
		return -EBUSY;
	mutex_lock(&ifreg_ndis_list_lock);
	list_del(&provider->node);
	mutex_unlock(&ifreg_ndis_list_lock);
	ifreg_ndis_provider_end(provider);
	return 0;
}
EXPORT_SYMBOL_GPL(ifreg_ndis_deregister_provider);

/**
 * ifreg_ndis_allocate_luid_index() - allocate a NetLuidIndex
 * @net: the namespace
 * @iftype: the IfType it is for; not 0
 * @luid_index: receives the index, 1 to 2^24 - 1 (or max_luid_index)
 *
 * NdisIfAllocateNetLuidIndex. Unique per IfType in @net, never 0.
 *
 * Context: Process context; sleeps.
 * Return:
 * * 0 - allocated
 * * -EINVAL - @iftype is 0 or a NULL argument
 * * -ENOSPC - every index of @iftype is allocated
 * * -ENOMEM - out of memory
 */
int ifreg_ndis_allocate_luid_index(struct net *net, u16 iftype, u32 *luid_index)
{
	struct ifreg_ndis_table *t;
	int err;

	if (!net || !iftype || !luid_index)
		return -EINVAL;
	t = ifreg_ndis_table(net);
	mutex_lock(&t->lock);
	err = ifreg_ndis_luid_index_take(&t->luids, iftype, luid_index, false);
	mutex_unlock(&t->lock);
	return err;
}
EXPORT_SYMBOL_GPL(ifreg_ndis_allocate_luid_index);

/**
 * ifreg_ndis_free_luid_index() - free a NetLuidIndex
 * @net: the namespace
 * @iftype: the IfType it was allocated for
 * @luid_index: the index
 *
 * NdisIfFreeNetLuidIndex. An index still used by a registered interface
 * cannot be freed. An index reserved for a netdev's key is freed with its
 * reservation.
 *
 * Context: Process context; sleeps.
 * Return:
 * * 0 - freed
 * * -EINVAL - not allocated for @iftype in @net
 * * -EBUSY - an interface with that NET_LUID is registered
 */
int ifreg_ndis_free_luid_index(struct net *net, u16 iftype, u32 luid_index)
{
	struct ifreg_ndis_table *t;
	int err;

	if (!net)
		return -EINVAL;
	t = ifreg_ndis_table(net);
	mutex_lock(&t->lock);
	if (ifreg_ndis_if_of_luid(t, ifreg_net_luid(iftype, luid_index)))
		err = -EBUSY;
	else
		err = ifreg_ndis_luid_index_put(&t->luids, iftype, luid_index);
	mutex_unlock(&t->lock);
	return err;
}
EXPORT_SYMBOL_GPL(ifreg_ndis_free_luid_index);

/*
 * &ifreg_ndis_table.by_luid holds an IfType's interfaces in an xarray by
 * NetLuidIndex: the 40 bits of the two do not fit an xarray index where
 * unsigned long has 32.
 */
struct ifreg_ndis_iftype_xa {
	struct xarray by_index;
	struct rcu_head rcu;
};

/**
 * ifreg_ndis_if_of_luid() - the interface with a NET_LUID
 * @t: the table
 * @luid: the NET_LUID, any value
 *
 * Context: Under rcu_read_lock() or @t->lock.
 * Return: the interface, or NULL when none has @luid.
 */
struct ifreg_ndis_if *ifreg_ndis_if_of_luid(struct ifreg_ndis_table *t, u64 luid)
{
	struct ifreg_ndis_iftype_xa *x;

	if (luid & IFREG_NET_LUID_RESERVED_MASK)
		return NULL;
	x = xa_load(&t->by_luid, ifreg_net_luid_iftype(luid));
	return x ? xa_load(&x->by_index, ifreg_net_luid_index(luid)) : NULL;
}

static void ifreg_ndis_luid_erase(struct ifreg_ndis_table *t, u64 luid)
{
	u16 iftype = ifreg_net_luid_iftype(luid);
	struct ifreg_ndis_iftype_xa *x = xa_load(&t->by_luid, iftype);

	if (!x)
		return;
	xa_erase(&x->by_index, ifreg_net_luid_index(luid));
	if (xa_empty(&x->by_index)) {
		xa_erase(&t->by_luid, iftype);
		kfree_rcu(x, rcu);
	}
}

static int ifreg_ndis_luid_store(struct ifreg_ndis_table *t, u64 luid,
				 struct ifreg_ndis_if *nif)
{
	u16 iftype = ifreg_net_luid_iftype(luid);
	struct ifreg_ndis_iftype_xa *x = xa_load(&t->by_luid, iftype);
	int err;

	if (!x) {
		x = kzalloc(sizeof(*x), GFP_KERNEL_ACCOUNT);
		if (!x)
			return -ENOMEM;
		xa_init_flags(&x->by_index, XA_FLAGS_ACCOUNT);
		err = xa_err(xa_store(&t->by_luid, iftype, x, GFP_KERNEL));
		if (err) {
			kfree(x);
			return err;
		}
	}
	err = xa_err(xa_store(&x->by_index, ifreg_net_luid_index(luid), nif, GFP_KERNEL));
	if (err)
		ifreg_ndis_luid_erase(t, luid);
	return err;
}

static bool ifreg_luid_valid(u64 luid)
{
	return !(luid & IFREG_NET_LUID_RESERVED_MASK) &&
	       ifreg_net_luid_iftype(luid) && ifreg_net_luid_index(luid);
}

/**
 * ifreg_ndis_add() - put an interface in a table
 * @t: the table
 * @p: its provider
 * @luid: its NET_LUID, valid, with its index allocated
 * @if_ctx: the provider's context
 * @info: what the provider says of it (copied), or NULL for a netdev
 * @dev: the netdev, for the netdev provider
 * @key: @dev's persistence key or NULL; the interface owns it once added
 * @ifindex: in, for a netdev, the ifIndex wanted if free; out, the ifIndex
 *
 * Context: Process context; may sleep. Caller holds @t->lock.
 * Return:
 * * 0 - added
 * * -EEXIST - @luid is registered
 * * -ENOSPC - max_ndis_interfaces, or no ifIndex left
 * * -ENOMEM - out of memory
 */
int ifreg_ndis_add(struct ifreg_ndis_table *t, struct ifreg_ndis_provider *p,
		   u64 luid, void *if_ctx, const struct ifreg_ndis_if_info *info,
		   struct net_device *dev, char *key, u32 *ifindex)
{
	struct ifreg_ndis_if *nif;
	int err;

	lockdep_assert_held(&t->lock);
	if (ifreg_ndis_if_of_luid(t, luid))
		return -EEXIST;
	if (t->count >= ifreg_max_ndis_interfaces)
		return -ENOSPC;

	nif = kzalloc(sizeof(*nif), GFP_KERNEL_ACCOUNT);
	if (!nif)
		return -ENOMEM;
	nif->luid = luid;
	nif->provider = p;
	nif->if_ctx = if_ctx;
	refcount_set(&nif->users, 1);
	if (info)
		nif->info = *info;
	if (dev) {
		nif->dev = dev;
		nif->linux_ifindex = dev->ifindex;
		strscpy(nif->name, dev->name, IFNAMSIZ);
	}

	/* A netdev keeps its Linux ifindex when it is free here. */
	err = -EBUSY;
	if (dev && *ifindex)
		err = xa_insert(&t->by_ifindex, *ifindex, nif, GFP_KERNEL);
	if (err == -EBUSY)
		err = xa_alloc(&t->by_ifindex, ifindex, nif,
			       XA_LIMIT(IFREG_NDIS_IFINDEX_BASE, INT_MAX), GFP_KERNEL);
	if (err)
		goto err_free;
	nif->ifindex = *ifindex;

	err = ifreg_ndis_luid_store(t, luid, nif);
	if (err)
		goto err_erase_ifindex;
	if (dev) {
		err = xa_err(xa_store(&t->by_dev, dev->ifindex, nif, GFP_KERNEL));
		if (err)
			goto err_erase_luid;
	}
	nif->key = key;
	t->count++;
	t->gen++;
	atomic_inc(&p->interfaces);
	trace_ifreg_ndis_register(t->luids.net_inum, nif);
	return 0;

err_erase_luid:
	ifreg_ndis_luid_erase(t, luid);
err_erase_ifindex:
	xa_erase(&t->by_ifindex, nif->ifindex);
err_free:
	kfree(nif);
	return err == -EBUSY ? -ENOSPC : err;
}

/**
 * ifreg_ndis_unlink() - take an interface out of its table
 * @t: the table
 * @nif: the interface
 *
 * Lookups no longer find it and no call into its provider starts on it;
 * calls running go on. The caller frees it with ifreg_ndis_free(), after
 * dropping @t->lock unless its provider is ifreg's own.
 *
 * Context: Caller holds @t->lock.
 */
void ifreg_ndis_unlink(struct ifreg_ndis_table *t, struct ifreg_ndis_if *nif)
{
	lockdep_assert_held(&t->lock);
	trace_ifreg_ndis_deregister(t->luids.net_inum, nif);
	xa_erase(&t->by_ifindex, nif->ifindex);
	ifreg_ndis_luid_erase(t, nif->luid);
	if (nif->dev)
		xa_erase(&t->by_dev, nif->linux_ifindex);
	t->count--;
	t->gen++;
}

/**
 * ifreg_ndis_free() - free an interface taken out of its table
 * @nif: the interface, from ifreg_ndis_unlink()
 *
 * Waits until no call into its provider is running for it. Its LUID index
 * stays allocated.
 *
 * Context: Process context; sleeps. No table lock held, unless the
 * interface is ifreg's own (its callbacks take none).
 */
void ifreg_ndis_free(struct ifreg_ndis_if *nif)
{
	struct ifreg_ndis_provider *p = nif->provider;

	if (!refcount_dec_and_test(&nif->users))
		wait_var_event(&nif->users, !refcount_read(&nif->users));
	/* Only read under the table's lock, which no longer finds it. */
	kfree(nif->key);
	kfree_rcu(nif, rcu);
	/* Last: its provider may be freed once this reaches 0. */
	if (atomic_dec_and_test(&p->interfaces))
		wake_up_var(&p->interfaces);
}

/**
 * ifreg_ndis_remove() - take a netdev's interface out of its table and free it
 * @t: the table
 * @nif: the interface, of ifreg's own provider
 *
 * ifreg_ndis_unlink() and ifreg_ndis_free() under the lock, which is safe
 * only because the netdev provider's callbacks take no lock.
 *
 * Context: Process context; sleeps. Caller holds @t->lock.
 */
void ifreg_ndis_remove(struct ifreg_ndis_table *t, struct ifreg_ndis_if *nif)
{
	ifreg_ndis_unlink(t, nif);
	ifreg_ndis_free(nif);
}

/**
 * ifreg_ndis_register_interface() - register an interface
 * @net: the namespace
 * @provider: its provider
 * @net_luid: its NET_LUID: reserved bits zero, IfType not 0, and its index
 *	allocated with ifreg_ndis_allocate_luid_index() for that IfType
 * @if_ctx: the provider's context, passed to its callbacks
 * @info: what the provider says of it; copied
 * @ifindex: receives its ifIndex, never 0
 *
 * NdisIfRegisterInterface.
 *
 * Context: Process context; sleeps.
 * Return:
 * * 0 - registered
 * * -EINVAL - a bad NET_LUID, an index not allocated, a NULL argument, or
 *   ifreg's own provider (the netdev provider)
 * * -EEXIST - @net_luid is registered
 * * -ENOSPC - max_ndis_interfaces interfaces are registered in @net
 * * -ENOMEM - out of memory
 */
int ifreg_ndis_register_interface(struct net *net,
				  struct ifreg_ndis_provider *provider,
				  u64 net_luid, void *if_ctx,
				  const struct ifreg_ndis_if_info *info,
				  u32 *ifindex)
{
	struct ifreg_ndis_table *t;
	int err;

	if (!net || !provider || provider->builtin || !info || !ifindex ||
	    !ifreg_luid_valid(net_luid))
		return -EINVAL;
	t = ifreg_ndis_table(net);
	mutex_lock(&t->lock);
	if (!ifreg_ndis_luid_index_entry(&t->luids, ifreg_net_luid_iftype(net_luid),
					 ifreg_net_luid_index(net_luid))) {
		err = -EINVAL;
		goto out;
	}
	*ifindex = 0;
	err = ifreg_ndis_add(t, provider, net_luid, if_ctx, info, NULL, NULL, ifindex);
out:
	mutex_unlock(&t->lock);
	return err;
}
EXPORT_SYMBOL_GPL(ifreg_ndis_register_interface);

/**
 * ifreg_ndis_deregister_interface() - deregister an interface
 * @net: the namespace
 * @ifindex: its ifIndex
 *
 * NdisIfDeregisterInterface: the ifIndex is released; the LUID index stays
 * allocated until freed. When this returns, no callback for it runs, so a
 * callback of the interface must not call this for it. Netdevs are
 * deregistered by ifreg alone.
 *
 * Context: Process context; sleeps. Takes the table's lock, and waits for
 * the running callbacks of the interface after dropping it.
 * Return:
 * * 0 - deregistered
 * * -ENOENT - no such interface
 * * -EINVAL - @net is NULL, or it is a netdev's
 */
int ifreg_ndis_deregister_interface(struct net *net, u32 ifindex)
{
	struct ifreg_ndis_table *t;
	struct ifreg_ndis_if *nif;
	int err = 0;

	if (!net)
		return -EINVAL;
	t = ifreg_ndis_table(net);
	mutex_lock(&t->lock);
	nif = xa_load(&t->by_ifindex, ifindex);
	if (!nif)
		err = -ENOENT;
	else if (nif->dev)
		err = -EINVAL;
	else
		ifreg_ndis_unlink(t, nif);
	mutex_unlock(&t->lock);
	/* Waiting for its calls without the lock, which they may take. */
	if (!err)
		ifreg_ndis_free(nif);
	return err;
}
EXPORT_SYMBOL_GPL(ifreg_ndis_deregister_interface);

/**
 * ifreg_ndis_ifindex_from_luid() - NdisIfGetInterfaceIndexFromNetLuid
 * @net: the namespace
 * @net_luid: the NET_LUID
 * @ifindex: receives the ifIndex
 *
 * Context: Any context; takes no lock (RCU).
 * Return: 0, -ENOENT when absent, -EINVAL for a NULL argument.
 */
int ifreg_ndis_ifindex_from_luid(struct net *net, u64 net_luid, u32 *ifindex)
{
	struct ifreg_ndis_if *nif;
	int err = -ENOENT;

	if (!net || !ifindex)
		return -EINVAL;
	rcu_read_lock();
	nif = ifreg_ndis_if_of_luid(ifreg_ndis_table(net), net_luid);
	if (nif) {
		*ifindex = nif->ifindex;
		err = 0;
	}
	rcu_read_unlock();
	return err;
}
EXPORT_SYMBOL_GPL(ifreg_ndis_ifindex_from_luid);

/**
 * ifreg_ndis_luid_from_ifindex() - NdisIfGetNetLuidFromInterfaceIndex
 * @net: the namespace
 * @ifindex: the ifIndex
 * @net_luid: receives the NET_LUID
 *
 * Context: Any context; takes no lock (RCU).
 * Return: 0, -ENOENT when absent, -EINVAL for a NULL argument.
 */
int ifreg_ndis_luid_from_ifindex(struct net *net, u32 ifindex, u64 *net_luid)
{
	struct ifreg_ndis_if *nif;
	int err = -ENOENT;

	if (!net || !net_luid)
		return -EINVAL;
	rcu_read_lock();
	nif = xa_load(&ifreg_ndis_table(net)->by_ifindex, ifindex);
	if (nif) {
		*net_luid = nif->luid;
		err = 0;
	}
	rcu_read_unlock();
	return err;
}
EXPORT_SYMBOL_GPL(ifreg_ndis_luid_from_ifindex);

/* The interface and a hold on it, for a call into its provider. */
static struct ifreg_ndis_if *ifreg_ndis_get(struct net *net, u32 ifindex)
{
	struct ifreg_ndis_if *nif;

	rcu_read_lock();
	nif = xa_load(&ifreg_ndis_table(net)->by_ifindex, ifindex);
	if (nif && !refcount_inc_not_zero(&nif->users))
		nif = NULL;
	rcu_read_unlock();
	return nif;
}

static void ifreg_ndis_put(struct ifreg_ndis_if *nif)
{
	if (refcount_dec_and_test(&nif->users))
		wake_up_var(&nif->users);
}

/**
 * ifreg_ndis_query_interface() - read an OID of an interface
 * @net: the namespace
 * @ifindex: the interface
 * @oid: an IFREG_OID_*
 * @buf: where the value goes
 * @size: in, the room at @buf; out, the size of the value
 *
 * The table calls the interface's provider, with no ifreg lock held.
 *
 * Context: Process context; may sleep.
 * Return: 0; -ENOENT when the interface is absent; -ENOBUFS with the size
 * needed; -EOPNOTSUPP when its provider does not know @oid; -EINVAL for a
 * NULL argument.
 */
int ifreg_ndis_query_interface(struct net *net, u32 ifindex, u32 oid,
			       void *buf, size_t *size)
{
	struct ifreg_ndis_if *nif;
	int err;

	if (!net || !size)
		return -EINVAL;
	nif = ifreg_ndis_get(net, ifindex);
	if (!nif)
		return -ENOENT;
	err = nif->provider->ops->query ?
	      nif->provider->ops->query(nif->provider->ctx, nif->if_ctx, oid, buf, size) :
	      -EOPNOTSUPP;
	ifreg_ndis_put(nif);
	return err;
}
EXPORT_SYMBOL_GPL(ifreg_ndis_query_interface);

/**
 * ifreg_ndis_set_interface() - write an OID of an interface
 * @net: the namespace
 * @ifindex: the interface
 * @oid: an IFREG_OID_*
 * @buf: the value
 * @size: its size
 *
 * Context: Process context; may sleep.
 * Return: 0; -ENOENT when the interface is absent; -EOPNOTSUPP when its
 * provider cannot set @oid; what the provider returns otherwise.
 */
int ifreg_ndis_set_interface(struct net *net, u32 ifindex, u32 oid,
			     const void *buf, size_t size)
{
	struct ifreg_ndis_if *nif;
	int err;

	if (!net)
		return -EINVAL;
	nif = ifreg_ndis_get(net, ifindex);
	if (!nif)
		return -ENOENT;
	err = nif->provider->ops->set ?
	      nif->provider->ops->set(nif->provider->ctx, nif->if_ctx, oid, buf, size) :
	      -EOPNOTSUPP;
	ifreg_ndis_put(nif);
	return err;
}
EXPORT_SYMBOL_GPL(ifreg_ndis_set_interface);

/*
 * The table's ifIndex and LUID of a netdev of its namespace, or false if it
 * is left out. The entry at its ifindex must be that very netdev.
 */
static bool ifreg_ndis_of_dev(struct ifreg_ndis_table *t, struct net_device *dev,
			      u32 *ifindex, u64 *luid)
{
	struct ifreg_ndis_if *nif = xa_load(&t->by_dev, dev->ifindex);

	if (!nif || nif->dev != dev)
		return false;
	*ifindex = nif->ifindex;
	*luid = nif->luid;
	return true;
}

/**
 * ifreg_ndis_binding() - the top and bottom of an interface's stack
 * @t: the table
 * @nif: the interface
 * @highest: receives the ifIndex of the highest interface above it
 * @highest_luid: receives its NET_LUID
 * @lowest: receives the ifIndex of the lowest interface below it
 * @lowest_luid: receives its NET_LUID
 *
 * The stack as the interface's namespace sees it: the walk stops at a
 * linked netdev in another namespace.
 *
 * Context: Caller holds RTNL and @t->lock.
 */
void ifreg_ndis_binding(struct ifreg_ndis_table *t, struct ifreg_ndis_if *nif,
			u32 *highest, u64 *highest_luid,
			u32 *lowest, u64 *lowest_luid)
{
	struct net_device *dev, *next;
	struct list_head *iter;
	struct net *net;
	int depth;

	ASSERT_RTNL();
	lockdep_assert_held(&t->lock);
	*highest = *lowest = nif->ifindex;
	*highest_luid = *lowest_luid = nif->luid;
	if (!nif->dev)
		return;
	net = dev_net(nif->dev);

	/* Stacks are at most MAX_NEST_DEV deep; the bound guards loops. */
	dev = nif->dev;
	for (depth = 0; depth < 2 * MAX_NEST_DEV; depth++) {
		iter = &dev->adj_list.upper;
		rcu_read_lock();
		next = netdev_upper_get_next_dev_rcu(dev, &iter);
		rcu_read_unlock();
		if (!next || !net_eq(dev_net(next), net))
			break;
		dev = next;
		ifreg_ndis_of_dev(t, dev, highest, highest_luid);
	}
	dev = nif->dev;
	for (depth = 0; depth < 2 * MAX_NEST_DEV; depth++) {
		/* Unlike the upper walk, this one starts at the first entry. */
		iter = dev->adj_list.lower.next;
		next = netdev_lower_get_next(dev, &iter);
		if (!next || !net_eq(dev_net(next), net))
			break;
		dev = next;
		ifreg_ndis_of_dev(t, dev, lowest, lowest_luid);
	}
}

/**
 * ifreg_ndis_query_binding() - NdisIfQueryBindingIfIndex
 * @net: the namespace
 * @ifindex: the interface
 * @highest: receives the ifIndex of the highest interface above it (itself
 *	when none): a bond over it, a vlan on it, a bridge it is a port of
 * @highest_luid: receives that interface's NET_LUID
 * @lowest: receives the ifIndex of the lowest interface below it (itself
 *	when none)
 * @lowest_luid: receives that interface's NET_LUID
 *
 * From the netdevs' upper and lower links, within @net: a linked netdev in
 * another namespace (a macvlan moved into a container) ends the walk.
 * Interfaces that are not netdevs have none.
 *
 * Context: Process context; takes RTNL.
 * Return: 0, -ENOENT when the interface is absent, -EINVAL for a NULL
 * argument.
 */
int ifreg_ndis_query_binding(struct net *net, u32 ifindex,
			     u32 *highest, u64 *highest_luid,
			     u32 *lowest, u64 *lowest_luid)
{
	struct ifreg_ndis_table *t;
	struct ifreg_ndis_if *nif;
	int err = 0;

	if (!net || !highest || !highest_luid || !lowest || !lowest_luid)
		return -EINVAL;
	t = ifreg_ndis_table(net);
	rtnl_lock();
	mutex_lock(&t->lock);
	nif = xa_load(&t->by_ifindex, ifindex);
	if (nif)
		ifreg_ndis_binding(t, nif, highest, highest_luid, lowest, lowest_luid);
	else
		err = -ENOENT;
	mutex_unlock(&t->lock);
	rtnl_unlock();
	return err;
}
EXPORT_SYMBOL_GPL(ifreg_ndis_query_binding);

static int __net_init ifreg_ndis_net_init(struct net *net)
{
	struct ifreg_ndis_table *t = ifreg_ndis_table(net);

	mutex_init(&t->lock);
	/* Charged to whoever adds an interface, as the luids are. */
	xa_init_flags(&t->by_ifindex, XA_FLAGS_ALLOC1 | XA_FLAGS_ACCOUNT);
	xa_init_flags(&t->by_luid, XA_FLAGS_ACCOUNT);
	xa_init_flags(&t->by_dev, XA_FLAGS_ACCOUNT);
	ifreg_ndis_luids_init(&t->luids, &t->lock, net->ns.inum);
	t->count = 0;
	t->gen = 0;
	atomic_set(&t->left_out, 0);
	mutex_lock(&ifreg_ndis_list_lock);
	list_add_tail(&t->node, &ifreg_ndis_tables);
	mutex_unlock(&ifreg_ndis_list_lock);
	return 0;
}

/* Take out the interfaces of @p (every one, if NULL) in @t, and free them. */
static void ifreg_ndis_clear(struct ifreg_ndis_table *t, struct ifreg_ndis_provider *p)
{
	struct ifreg_ndis_if *nif, *tmp;
	LIST_HEAD(gone);
	unsigned long i;

	mutex_lock(&t->lock);
	xa_for_each(&t->by_ifindex, i, nif) {
		if (p && nif->provider != p)
			continue;
		ifreg_ndis_unlink(t, nif);
		list_add_tail(&nif->gone, &gone);
	}
	mutex_unlock(&t->lock);
	list_for_each_entry_safe(nif, tmp, &gone, gone)
		ifreg_ndis_free(nif);
}

/*
 * A provider with interfaces in @t, or NULL when none is left; *@held says
 * whether it is held for a call of its net_exit().
 */
static struct ifreg_ndis_provider *ifreg_ndis_provider_in(struct ifreg_ndis_table *t,
							  bool *held)
{
	struct ifreg_ndis_provider *p = NULL;
	struct ifreg_ndis_if *nif;
	unsigned long i;

	mutex_lock(&t->lock);
	xa_for_each(&t->by_ifindex, i, nif) {
		p = nif->provider;
		break;
	}
	/* Fails only while ifreg_ndis_end_module() ends it. */
	*held = p && !p->builtin && refcount_inc_not_zero(&p->calls);
	mutex_unlock(&t->lock);
	return p;
}

static void __net_exit ifreg_ndis_net_exit(struct net *net)
{
	struct ifreg_ndis_table *t = ifreg_ndis_table(net);
	struct ifreg_ndis_provider *p;
	bool held;

	/*
	 * The netdevs went first; what is left is providers'. Each provider
	 * hears of it with no lock held, then what it left goes, so it is not
	 * found again. Its module's reference keeps it from going meanwhile;
	 * once the module is going, ifreg_ndis_end_module() is its end.
	 */
	while ((p = ifreg_ndis_provider_in(t, &held))) {
		if (held && p->ops->net_exit && try_module_get(p->owner)) {
			p->ops->net_exit(p->ctx, net);
			module_put(p->owner);
		}
		ifreg_ndis_clear(t, p);
		if (held)
			ifreg_ndis_provider_put(p);
	}
	mutex_lock(&ifreg_ndis_list_lock);
	list_del(&t->node);
	mutex_unlock(&ifreg_ndis_list_lock);
	mutex_lock(&t->lock);
	ifreg_ndis_luids_destroy(&t->luids);
	mutex_unlock(&t->lock);
	xa_destroy(&t->by_ifindex);
	xa_destroy(&t->by_luid);
	xa_destroy(&t->by_dev);
	mutex_destroy(&t->lock);
}

static struct pernet_operations ifreg_ndis_net_ops = {
	.init = ifreg_ndis_net_init,
	.exit = ifreg_ndis_net_exit,
	.id = &ifreg_ndis_net_id,
	.size = sizeof(struct ifreg_ndis_table),
};

/**
 * ifreg_ndis_end_module() - end the providers a module left registered
 * @mod: a module that is going; its exit has run, its code is still there
 *
 * What the module notifier does at MODULE_STATE_GOING: the interfaces of
 * @mod's providers leave every table, the providers are deregistered, and
 * one warning names the module. When this returns, none of their
 * callbacks runs or will run.
 *
 * Context: Process context; sleeps. Takes ifreg_ndis_list_lock and each
 * table's lock; waits for running callbacks with neither held. Not from a
 * callback.
 */
void ifreg_ndis_end_module(struct module *mod)
{
	struct ifreg_ndis_provider *p, *ptmp;
	struct ifreg_ndis_if *nif, *tmp;
	struct ifreg_ndis_table *t;
	unsigned int n = 0, removed = 0;
	LIST_HEAD(providers);
	LIST_HEAD(gone);
	unsigned long i;

	mutex_lock(&ifreg_ndis_list_lock);
	list_for_each_entry_safe(p, ptmp, &ifreg_ndis_providers, node) {
		if (p->owner != mod)
			continue;
		list_move_tail(&p->node, &providers);
		n++;
	}
	/* Dying namespaces' tables are on the list until their exit is done. */
	list_for_each_entry(t, &ifreg_ndis_tables, node) {
		if (!n)
			break;
		mutex_lock(&t->lock);
		xa_for_each(&t->by_ifindex, i, nif) {
			if (nif->provider->owner != mod || nif->provider->builtin)
				continue;
			ifreg_ndis_unlink(t, nif);
			list_add_tail(&nif->gone, &gone);
			removed++;
		}
		mutex_unlock(&t->lock);
	}
	mutex_unlock(&ifreg_ndis_list_lock);
	if (!n)
		return;
	pr_warn("module %s unloaded with %u NDIS provider(s) registered; removed %u interface(s) and deregistered them\n",
		mod->name, n, removed);
	list_for_each_entry_safe(nif, tmp, &gone, gone)
		ifreg_ndis_free(nif);
	list_for_each_entry_safe(p, ptmp, &providers, node) {
		list_del(&p->node);
		ifreg_ndis_provider_end(p);
	}
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_ndis_end_module);

static int ifreg_ndis_module_event(struct notifier_block *nb, unsigned long action,
				   void *data)
{
	if (action == MODULE_STATE_GOING)
		ifreg_ndis_end_module(data);
	return NOTIFY_DONE;
}

static struct notifier_block ifreg_ndis_module_nb = {
	.notifier_call = ifreg_ndis_module_event,
};

/**
 * ifreg_ndis_table_init() - a table in every namespace, and in each new one
 *
 * Before the floors above it start: their own pernet operations, registered
 * after these, run after them in a new namespace and before them in a dying
 * one. Then the module notifier that ends the providers of a module that
 * goes without deregistering them.
 *
 * Context: Process context; sleeps.
 * Return: 0, or a negative errno.
 */
int ifreg_ndis_table_init(void)
{
	int err;

	err = register_pernet_subsys(&ifreg_ndis_net_ops);
	if (err)
		return err;
	err = register_module_notifier(&ifreg_ndis_module_nb);
	if (err)
		unregister_pernet_subsys(&ifreg_ndis_net_ops);
	return err;
}

/**
 * ifreg_ndis_table_exit() - free the table of every namespace
 *
 * After the floors above it have stopped: the netdevs are out of the tables.
 *
 * Context: Process context; sleeps.
 */
void ifreg_ndis_table_exit(void)
{
	unregister_module_notifier(&ifreg_ndis_module_nb);
	unregister_pernet_subsys(&ifreg_ndis_net_ops);
}
