// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/ifreg/ndis: the NDIS table of the reader's network namespace,
 * for people. A line per interface, by ifIndex:
 *
 *   ifindex net_luid iftype luid_index oper admin access highest lowest
 *   linux_ifindex name
 *
 * after a first line that counts the interfaces and the netdevs left out.
 * Documentation/ABI/testing/procfs-net-ifreg says every field.
 */

#include <linux/proc_fs.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>
#include <net/net_namespace.h>

#include "ndis_netdev.h"
#include "ndis_proc.h"
#include "ndis_table.h"

static void ifreg_ndis_show_if(struct seq_file *seq, struct ifreg_ndis_table *t,
			       struct ifreg_ndis_if *nif)
{
	const struct ifreg_ndis_if_info *info = &nif->info;
	u32 oper, admin, access, highest, lowest;
	u64 hl, ll;

	if (nif->dev) {
		oper = ifreg_netdev_oper_status(nif->dev);
		admin = ifreg_netdev_admin_status(nif->dev);
		access = ifreg_netdev_access_type(nif->dev);
	} else {
		oper = info->oper_status;
		admin = info->admin_status;
		access = info->access_type;
	}
	ifreg_ndis_binding(t, nif, &highest, &hl, &lowest, &ll);

	seq_printf(seq, "%u 0x%016llx %u %u %u %u %u %u %u %u %s\n",
		   nif->ifindex, nif->luid, ifreg_net_luid_iftype(nif->luid),
		   ifreg_net_luid_index(nif->luid), oper, admin, access,
		   highest, lowest, nif->linux_ifindex,
		   nif->dev ? nif->name : "-");
}

static int ifreg_ndis_show(struct seq_file *seq, void *v)
{
	struct net *net = seq_file_single_net(seq);
	struct ifreg_ndis_table *t = ifreg_ndis_table(net);
	struct ifreg_ndis_if *nif;
	unsigned long i;

	/* RTNL first: the stack walks take it, and it nests outside t->lock. */
	rtnl_lock();
	mutex_lock(&t->lock);
	seq_printf(seq, "# ifreg ndis: %u interfaces, %d netdevs left out\n",
		   t->count, atomic_read(&t->left_out));
	seq_puts(seq, "ifindex net_luid iftype luid_index oper admin access highest lowest linux_ifindex name\n");
	xa_for_each(&t->by_ifindex, i, nif)
		ifreg_ndis_show_if(seq, t, nif);
	mutex_unlock(&t->lock);
	rtnl_unlock();
	return 0;
}

static int __net_init ifreg_ndis_proc_net_init(struct net *net)
{
	struct proc_dir_entry *dir;

	/* proc_net_mkdir: the file finds its namespace in its directory. */
	dir = proc_net_mkdir(net, "ifreg", net->proc_net);
	if (!dir)
		return -ENOMEM;
	if (!proc_create_net_single("ndis", 0444, dir, ifreg_ndis_show, NULL)) {
		remove_proc_subtree("ifreg", net->proc_net);
		return -ENOMEM;
	}
	return 0;
}

static void __net_exit ifreg_ndis_proc_net_exit(struct net *net)
{
	remove_proc_subtree("ifreg", net->proc_net);
}

/*
 * Its own pernet operations, registered after the table's: the file is
 * made after the table of a new namespace and removed before the table of
 * a dying one is freed, without the table calling up to it.
 */
static struct pernet_operations ifreg_ndis_proc_net_ops = {
	.init = ifreg_ndis_proc_net_init,
	.exit = ifreg_ndis_proc_net_exit,
};

/**
 * ifreg_ndis_proc_init() - make /proc/net/ifreg/ndis in every namespace
 *
 * After ifreg_ndis_table_init().
 *
 * Context: Process context; sleeps.
 * Return: 0, or a negative errno (-ENOMEM).
 */
int ifreg_ndis_proc_init(void)
{
	return register_pernet_subsys(&ifreg_ndis_proc_net_ops);
}

/**
 * ifreg_ndis_proc_exit() - remove /proc/net/ifreg from every namespace
 *
 * Before ifreg_ndis_table_exit().
 *
 * Context: Process context; sleeps.
 */
void ifreg_ndis_proc_exit(void)
{
	unregister_pernet_subsys(&ifreg_ndis_proc_net_ops);
}
