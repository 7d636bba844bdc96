// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_ndis: the NDIS interface table
 * (Documentation/contract.rst section 2), mostly in the initial network
 * namespace. NET_LUID packing, LUID index
 * allocation and its edge cases, interface registration and lookups both
 * ways, the provider rules, and ifreg as the provider of real netdevs:
 * IfType, status mapping, renames, stacking and the left-out count; their
 * persistence keys and the LUID indexes reserved for them. With namespaces
 * of their own (a helper process unshares one): providers whose module or
 * namespace goes, and stacks across a namespace boundary (section 5).
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/pid.h>
#include <linux/rtnetlink.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/umh.h>
#include <linux/vmstat.h>
#include <net/net_namespace.h>

#include <ifreg/ifreg.h>
#include <ifreg/ndis.h>

#include "ndis_luid.h"
#include "ndis_netdev.h"
#include "ndis_resv.h"
#include "ndis_table.h"
#include "util.h"

/* IfTypes no netdev here has, one per case, so cases cannot collide. */
#define KT_IFTYPE_BASE 0xf000
/* Ethernet LUID indexes far above what the netdevs here get. */
#define KT_INDEX 0x200000
#define KT_ETH IFREG_IF_TYPE_ETHERNET_CSMACD

struct ndis_kt {
	struct ifreg_ndis_provider *provider;
	u32 query_calls;
	u32 value;
};

static int kt_query(void *provider_ctx, void *if_ctx, u32 oid, void *buf, size_t *size)
{
	struct ndis_kt *kt = provider_ctx;
	size_t room = *size;

	kt->query_calls++;
	if (oid != IFREG_OID_MTU)
		return -EOPNOTSUPP;
	*size = sizeof(kt->value);
	if (room < sizeof(kt->value))
		return -ENOBUFS;
	memcpy(buf, &kt->value, sizeof(kt->value));
	return 0;
}

static const struct ifreg_ndis_provider_ops kt_ops = { .query = kt_query };

static const struct ifreg_ndis_if_info kt_info = {
	.access_type = IFREG_ACCESS_POINT_TO_POINT,
	.oper_status = IFREG_OPER_UP,
	.admin_status = IFREG_ADMIN_UP,
};

static int ndis_kt_init(struct kunit *test)
{
	struct ndis_kt *kt = kunit_kzalloc(test, sizeof(*kt), GFP_KERNEL);

	if (!kt)
		return -ENOMEM;
	test->priv = kt;
	return ifreg_ndis_register_provider(&kt_ops, kt, &kt->provider);
}

static void ndis_kt_exit(struct kunit *test)
{
	struct ndis_kt *kt = test->priv;

	if (kt && kt->provider)
		KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_provider(kt->provider), 0);
}

/* Value = IfType << 48 | NetLuidIndex << 24; the low 24 bits are reserved. */
static void luid_packs_iftype_and_index(struct kunit *test)
{
	u64 luid = ifreg_net_luid(IFREG_IF_TYPE_ETHERNET_CSMACD, 0x123456);

	KUNIT_EXPECT_EQ(test, luid, 0x0006123456000000ULL);
	KUNIT_EXPECT_EQ(test, ifreg_net_luid_iftype(luid), 6);
	KUNIT_EXPECT_EQ(test, ifreg_net_luid_index(luid), 0x123456);
	KUNIT_EXPECT_EQ(test, ifreg_net_luid(0xffff, 0xffffff), 0xffffffffff000000ULL);
}

/* Indexes start at 1, never 0, and are unique per IfType. */
static void luid_index_first_is_one_and_unique(struct kunit *test)
{
	u16 a = KT_IFTYPE_BASE + 1, b = KT_IFTYPE_BASE + 2;
	u32 i1, i2, j1;

	KUNIT_ASSERT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, a, &i1), 0);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, a, &i2), 0);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, b, &j1), 0);
	KUNIT_EXPECT_EQ(test, i1, 1);
	KUNIT_EXPECT_EQ(test, i2, 2);
	KUNIT_EXPECT_EQ(test, j1, 1);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, a, i1), 0);
	/* Not a freed index next: they go round (luid_indexes_go_round). */
	KUNIT_ASSERT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, a, &i1), 0);
	KUNIT_EXPECT_EQ(test, i1, 3);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, a, i1), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, a, i2), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, b, j1), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, 0, &i1), -EINVAL);
}

/* With a small limit configured, the allocator runs out with -ENOSPC. */
static void luid_index_exhaustion_is_enospc(struct kunit *test)
{
	unsigned int saved = ifreg_max_luid_index;
	u16 type = KT_IFTYPE_BASE + 3;
	u32 idx[3], extra;
	int i;

	ifreg_max_luid_index = 3;
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, type, &idx[i]), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, type, &extra), -ENOSPC);
	ifreg_max_luid_index = saved;
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_GE(test, idx[i], 1);
		KUNIT_EXPECT_LE(test, idx[i], 3);
		KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, type, idx[i]), 0);
	}
}

/*
 * max_luid_indexes caps a namespace's allocations of all IfTypes together,
 * so a caller with CAP_NET_ADMIN in its own namespace cannot pile them up.
 */
static void luid_indexes_per_namespace_capped(struct kunit *test)
{
	struct ifreg_ndis_table *t = ifreg_ndis_table(&init_net);
	unsigned int saved = ifreg_max_luid_indexes;
	u16 a = KT_IFTYPE_BASE + 20, b = KT_IFTYPE_BASE + 21;
	u32 i, j, k;

	mutex_lock(&t->lock);
	ifreg_max_luid_indexes = t->luids.count + 2;
	mutex_unlock(&t->lock);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, a, &i), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, b, &j), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, a, &k), -ENOSPC);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, a, i), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, b, &k), 0);
	ifreg_max_luid_indexes = saved;
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, b, j), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, b, k), 0);
}

/* Freeing an index not allocated for that IfType is -EINVAL. */
static void luid_index_free_of_foreign_is_einval(struct kunit *test)
{
	u16 a = KT_IFTYPE_BASE + 4, b = KT_IFTYPE_BASE + 5;
	u32 i;

	KUNIT_ASSERT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, a, &i), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, b, i), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, a, i + 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, a, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, a, i), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, a, i), -EINVAL);
}

/*
 * The cyclic search walks over a run of allocated indexes to the first
 * free one, and wraps past max_luid_index to the lowest free one.
 */
static void luid_cyclic_search_skips_a_run(struct kunit *test)
{
	unsigned int saved = ifreg_max_luid_index;
	u16 type = KT_IFTYPE_BASE + 22;
	u32 i, got[3];

	for (i = 1; i <= 5; i++)
		KUNIT_ASSERT_EQ(test, ifreg_ndis_reserve_luid_index(&init_net, type, i,
								    NULL, NULL), 0);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, type, &got[0]), 0);
	KUNIT_EXPECT_EQ(test, got[0], 6);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, type, 3), 0);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, type, &got[1]), 0);
	KUNIT_EXPECT_EQ(test, got[1], 7);
	ifreg_max_luid_index = 7;
	KUNIT_EXPECT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, type, &got[2]), 0);
	KUNIT_EXPECT_EQ(test, got[2], 3);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, type, &i), -ENOSPC);
	ifreg_max_luid_index = saved;
	for (i = 1; i <= 7; i++)
		KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, type, i), 0);
}

/* Walking the allocations goes by IfType, then index, from any point. */
static void luid_indexes_listed_in_order(struct kunit *test)
{
	struct ifreg_ndis_table *t = ifreg_ndis_table(&init_net);
	u16 a = KT_IFTYPE_BASE + 23, b = KT_IFTYPE_BASE + 24, type;
	static const u32 want[][2] = { { 0, 7 }, { 0, 0x123456 }, { 1, 1 }, { 1, 9 } };
	u32 index, n = 0;
	void *entry;

	KUNIT_ASSERT_EQ(test, ifreg_ndis_reserve_luid_index(&init_net, b, 9, NULL, NULL), 0);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_reserve_luid_index(&init_net, a, 0x123456, NULL, NULL), 0);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_reserve_luid_index(&init_net, b, 1, NULL, NULL), 0);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_reserve_luid_index(&init_net, a, 7, NULL, NULL), 0);

	mutex_lock(&t->lock);
	type = a;
	index = 0;
	for (; (entry = ifreg_ndis_luid_index_next(&t->luids, &type, &index)) && type <= b;
	     index++) {
		if (n < ARRAY_SIZE(want)) {
			KUNIT_EXPECT_EQ(test, type, a + want[n][0]);
			KUNIT_EXPECT_EQ(test, index, want[n][1]);
			KUNIT_EXPECT_PTR_EQ(test, entry, xa_mk_value(type));
		}
		n++;
	}
	KUNIT_EXPECT_EQ(test, n, ARRAY_SIZE(want));
	/* From between two: the next one, of the next IfType. */
	type = a;
	index = 0x123457;
	KUNIT_EXPECT_NOT_NULL(test, ifreg_ndis_luid_index_next(&t->luids, &type, &index));
	KUNIT_EXPECT_EQ(test, type, b);
	KUNIT_EXPECT_EQ(test, index, 1);
	mutex_unlock(&t->lock);

	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, a, 7), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, a, 0x123456), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, b, 1), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, b, 9), 0);
}

/* The kernel's slab, reclaimable (radix-tree nodes) and not, in bytes. */
static long kt_slab_bytes(void)
{
	return (global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B) +
		global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B)) * PAGE_SIZE;
}

#define KT_SPREAD_N	8000
#define KT_SPREAD_STEP	2048

/* Reserves KT_SPREAD_N indexes of @type, @step apart; the slab they took. */
static long kt_reserve_spread(struct kunit *test, u16 type, u32 step)
{
	long before;
	u32 i;

	rcu_barrier();
	before = kt_slab_bytes();
	for (i = 1; i <= KT_SPREAD_N; i++)
		KUNIT_ASSERT_EQ(test, ifreg_ndis_reserve_luid_index(&init_net, type, i * step,
								    NULL, NULL), 0);
	rcu_barrier();
	return kt_slab_bytes() - before;
}

static void kt_free_spread(struct kunit *test, u16 type, u32 step)
{
	u32 i;

	for (i = 1; i <= KT_SPREAD_N; i++)
		KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, type, i * step), 0);
}

/*
 * What a namespace's LUID indexes hold follows how many there are, not
 * how far apart they lie: whoever has CAP_NET_ADMIN in a namespace of its
 * own picks them. Indexes 2048 apart cost no more than as many in a row
 * (a radix tree spends a node or two on each of them).
 *
 * A first round in a row is not measured: it fills the free room earlier
 * tests left in partly used slabs, which would otherwise make whichever
 * round comes first look cheaper than it is.
 */
static void luid_memory_follows_count_not_spread(struct kunit *test)
{
	u16 warm = KT_IFTYPE_BASE + 27, dense2 = KT_IFTYPE_BASE + 28;
	u16 dense = KT_IFTYPE_BASE + 25, sparse = KT_IFTYPE_BASE + 26;
	long d, s;

	kt_reserve_spread(test, warm, 1);
	/*
	 * Memory freed meanwhile (a device an earlier case deleted, released
	 * seconds later under DEBUG_KOBJECT_RELEASE) makes a round look
	 * cheaper: the dearer of two rounds in a row is the one compared.
	 */
	d = kt_reserve_spread(test, dense, 1);
	d = max(d, kt_reserve_spread(test, dense2, 1));
	s = kt_reserve_spread(test, sparse, KT_SPREAD_STEP);
	kt_free_spread(test, warm, 1);
	kt_free_spread(test, dense, 1);
	kt_free_spread(test, dense2, 1);
	kt_free_spread(test, sparse, KT_SPREAD_STEP);
	kunit_info(test, "%u indexes: %ld bytes of slab in a row, %ld bytes %u apart\n",
		   KT_SPREAD_N, d, s, KT_SPREAD_STEP);
	/* Slack for per-CPU counters not folded yet. */
	KUNIT_EXPECT_LE(test, s, d + SZ_1M);
}

static u64 kt_luid(struct kunit *test, u16 type)
{
	u32 i;

	KUNIT_ASSERT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, type, &i), 0);
	return ifreg_net_luid(type, i);
}

/* Registering gives an ifIndex, never 0, found both ways until deregistered. */
static void register_interface_and_look_up_both_ways(struct kunit *test)
{
	struct ndis_kt *kt = test->priv;
	u64 luid = kt_luid(test, KT_IFTYPE_BASE + 6), got_luid = 0;
	u32 ifindex = 0, got = 0;

	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_interface(&init_net, kt->provider, luid,
							    NULL, &kt_info, &ifindex), 0);
	KUNIT_EXPECT_NE(test, ifindex, 0);
	KUNIT_EXPECT_GE(test, ifindex, IFREG_NDIS_IFINDEX_BASE);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_ifindex_from_luid(&init_net, luid, &got), 0);
	KUNIT_EXPECT_EQ(test, got, ifindex);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_luid_from_ifindex(&init_net, ifindex, &got_luid), 0);
	KUNIT_EXPECT_EQ(test, got_luid, luid);

	/* In use: the index cannot be freed. */
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, ifreg_net_luid_iftype(luid),
							 ifreg_net_luid_index(luid)), -EBUSY);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_interface(&init_net, ifindex), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_ifindex_from_luid(&init_net, luid, &got), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_luid_from_ifindex(&init_net, ifindex, &got_luid), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_interface(&init_net, ifindex), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_luid_from_ifindex(&init_net, 0, &got_luid), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, ifreg_net_luid_iftype(luid),
							 ifreg_net_luid_index(luid)), 0);
}

/*
 * NET_LUIDs of the same index and two IfTypes, the same in their low 48
 * bits, are two interfaces; one with a reserved bit set is none.
 */
static void luids_differing_only_in_iftype_are_apart(struct kunit *test)
{
	struct ndis_kt *kt = test->priv;
	u64 a = kt_luid(test, KT_IFTYPE_BASE + 29), b = kt_luid(test, KT_IFTYPE_BASE + 30);
	u32 ia = 0, ib = 0, got = 0;

	KUNIT_ASSERT_EQ(test, ifreg_net_luid_index(a), ifreg_net_luid_index(b));
	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_interface(&init_net, kt->provider, a,
							    NULL, &kt_info, &ia), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_ifindex_from_luid(&init_net, b, &got), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_ifindex_from_luid(&init_net, a | 1, &got), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_register_interface(&init_net, kt->provider, b,
							    NULL, &kt_info, &ib), 0);
	KUNIT_EXPECT_NE(test, ia, ib);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_ifindex_from_luid(&init_net, a, &got), 0);
	KUNIT_EXPECT_EQ(test, got, ia);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_ifindex_from_luid(&init_net, b, &got), 0);
	KUNIT_EXPECT_EQ(test, got, ib);

	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_interface(&init_net, ia), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_ifindex_from_luid(&init_net, a, &got), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_ifindex_from_luid(&init_net, b, &got), 0);
	KUNIT_EXPECT_EQ(test, got, ib);
	if (ib)
		KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_interface(&init_net, ib), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, ifreg_net_luid_iftype(a),
							 ifreg_net_luid_index(a)), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, ifreg_net_luid_iftype(b),
							 ifreg_net_luid_index(b)), 0);
}

/* A NET_LUID already registered is -EEXIST. */
static void duplicate_luid_is_eexist(struct kunit *test)
{
	struct ndis_kt *kt = test->priv;
	u64 luid = kt_luid(test, KT_IFTYPE_BASE + 7);
	u32 first, second = 0;

	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_interface(&init_net, kt->provider, luid,
							    NULL, &kt_info, &first), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_register_interface(&init_net, kt->provider, luid,
							    NULL, &kt_info, &second), -EEXIST);
	KUNIT_EXPECT_EQ(test, second, 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_interface(&init_net, first), 0);
}

/* Reserved bits, IfType 0, index 0, an unallocated index, NULLs: -EINVAL. */
static void bad_luid_or_arguments_are_einval(struct kunit *test)
{
	struct ndis_kt *kt = test->priv;
	u16 type = KT_IFTYPE_BASE + 8;
	u64 luid = kt_luid(test, type);
	u32 ifindex;

	KUNIT_EXPECT_EQ(test, ifreg_ndis_register_interface(&init_net, kt->provider, luid | 1,
							    NULL, &kt_info, &ifindex), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_register_interface(&init_net, kt->provider,
							    ifreg_net_luid(0, 1), NULL, &kt_info,
							    &ifindex), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_register_interface(&init_net, kt->provider,
							    ifreg_net_luid(type, 0), NULL, &kt_info,
							    &ifindex), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_register_interface(&init_net, kt->provider,
							    ifreg_net_luid(type, 77), NULL,
							    &kt_info, &ifindex), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_register_interface(&init_net, NULL, luid, NULL,
							    &kt_info, &ifindex), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_register_interface(&init_net, kt->provider, luid,
							    NULL, NULL, &ifindex), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_register_interface(&init_net, &ifreg_netdev_provider,
							    luid, NULL, &kt_info, &ifindex),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_register_provider(NULL, NULL, &kt->provider),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, type,
							 ifreg_net_luid_index(luid)), 0);
}

/* A provider with interfaces cannot go; without them it can. */
static void provider_with_interfaces_is_ebusy(struct kunit *test)
{
	struct ndis_kt *kt = test->priv;
	u64 luid = kt_luid(test, KT_IFTYPE_BASE + 9);
	u32 ifindex;

	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_interface(&init_net, kt->provider, luid,
							    NULL, &kt_info, &ifindex), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_provider(kt->provider), -EBUSY);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_interface(&init_net, ifindex), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_provider(&ifreg_netdev_provider), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_provider(NULL), -EINVAL);
}

/* Queries go to the provider, with its answer and its errors. */
static void query_goes_to_provider(struct kunit *test)
{
	struct ndis_kt *kt = test->priv;
	u64 luid = kt_luid(test, KT_IFTYPE_BASE + 10);
	u32 ifindex, mtu = 0;
	size_t size = sizeof(mtu);

	kt->value = 1400;
	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_interface(&init_net, kt->provider, luid,
							    NULL, &kt_info, &ifindex), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_query_interface(&init_net, ifindex, IFREG_OID_MTU,
							 &mtu, &size), 0);
	KUNIT_EXPECT_EQ(test, mtu, 1400);
	size = 1;
	KUNIT_EXPECT_EQ(test, ifreg_ndis_query_interface(&init_net, ifindex, IFREG_OID_MTU,
							 &mtu, &size), -ENOBUFS);
	KUNIT_EXPECT_EQ(test, size, sizeof(u32));
	KUNIT_EXPECT_EQ(test, ifreg_ndis_query_interface(&init_net, ifindex, IFREG_OID_ALIAS,
							 &mtu, &size), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_set_interface(&init_net, ifindex, IFREG_OID_MTU,
						       &mtu, sizeof(mtu)), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, kt->query_calls, 3);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_interface(&init_net, ifindex), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_query_interface(&init_net, ifindex, IFREG_OID_MTU,
							 &mtu, &size), -ENOENT);
}

/* The cap on interfaces per namespace is -ENOSPC. */
static void interface_cap_is_enospc(struct kunit *test)
{
	unsigned int saved = ifreg_max_ndis_interfaces;
	struct ndis_kt *kt = test->priv;
	u64 luid = kt_luid(test, KT_IFTYPE_BASE + 11);
	u32 ifindex;

	ifreg_max_ndis_interfaces = 0;
	KUNIT_EXPECT_EQ(test, ifreg_ndis_register_interface(&init_net, kt->provider, luid,
							    NULL, &kt_info, &ifindex), -ENOSPC);
	ifreg_max_ndis_interfaces = saved;
	KUNIT_EXPECT_EQ(test, ifreg_ndis_ifindex_from_luid(&init_net, luid, &ifindex), -ENOENT);
}

/* A netdev in @net, with @ifindex if not 0. */
static struct net_device *kt_netdev_in(struct kunit *test, struct net *net,
				       const char *name, int ifindex)
{
	struct net_device *dev;

	dev = alloc_netdev(0, name, NET_NAME_USER, ifreg_kt_netdev_setup);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	dev_net_set(dev, net);
	dev->ifindex = ifindex;
	eth_hw_addr_random(dev);
	KUNIT_ASSERT_EQ(test, register_netdev(dev), 0);
	return dev;
}

static struct net_device *kt_netdev(struct kunit *test, const char *name)
{
	return kt_netdev_in(test, &init_net, name, 0);
}

static void kt_netdev_del(struct net_device *dev)
{
	unregister_netdev(dev);
	free_netdev(dev);
}

/* A netdev is in the table as it comes, with its ifindex, and goes with it. */
static void netdev_registered_with_its_ifindex(struct kunit *test)
{
	struct net_device *dev = kt_netdev(test, "ifkt0");
	u32 ifindex = dev->ifindex, got;
	u64 luid = 0, again = 0;

	/* Renames are in the VM test: dev_change_name() is not exported on 6.12. */

	KUNIT_ASSERT_EQ(test, ifreg_ndis_luid_from_ifindex(&init_net, ifindex, &luid), 0);
	KUNIT_EXPECT_EQ(test, ifreg_net_luid_iftype(luid), IFREG_IF_TYPE_ETHERNET_CSMACD);
	KUNIT_EXPECT_NE(test, ifreg_net_luid_index(luid), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_ifindex_from_luid(&init_net, luid, &got), 0);
	KUNIT_EXPECT_EQ(test, got, ifindex);
	/* Only ifreg deregisters a netdev. */
	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_interface(&init_net, ifindex), -EINVAL);

	kt_netdev_del(dev);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_luid_from_ifindex(&init_net, ifindex, &again), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_ifindex_from_luid(&init_net, luid, &got), -ENOENT);
}

static const struct device_type kt_wlan_type = { .name = "wlan" };

/* IfType, access type and the status maps: contract.rst 2.5 and 2.6. */
static void netdev_types_and_status_map(struct kunit *test)
{
	static const struct { u8 operstate; u32 status; } oper[] = {
		{ IF_OPER_UNKNOWN, IFREG_OPER_UNKNOWN },
		{ IF_OPER_NOTPRESENT, IFREG_OPER_NOT_PRESENT },
		{ IF_OPER_DOWN, IFREG_OPER_DOWN },
		{ IF_OPER_LOWERLAYERDOWN, IFREG_OPER_LOWER_LAYER_DOWN },
		{ IF_OPER_TESTING, IFREG_OPER_TESTING },
		{ IF_OPER_DORMANT, IFREG_OPER_DORMANT },
		{ IF_OPER_UP, IFREG_OPER_UP },
	};
	struct net_device *dev;
	int i;

	dev = alloc_netdev(0, "ifkt%d", NET_NAME_ENUM, ifreg_kt_netdev_setup);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_EQ(test, ifreg_netdev_iftype(dev), IFREG_IF_TYPE_ETHERNET_CSMACD);
	KUNIT_EXPECT_EQ(test, ifreg_netdev_access_type(dev), IFREG_ACCESS_BROADCAST);
	/* Not up: down, whatever operstate says, unless not present. */
	dev->operstate = IF_OPER_UP;
	KUNIT_EXPECT_EQ(test, ifreg_netdev_oper_status(dev), IFREG_OPER_DOWN);
	dev->operstate = IF_OPER_NOTPRESENT;
	KUNIT_EXPECT_EQ(test, ifreg_netdev_oper_status(dev), IFREG_OPER_NOT_PRESENT);

	/* Running without carrier: operstate as it is. */
	set_bit(__LINK_STATE_START, &dev->state);
	set_bit(__LINK_STATE_NOCARRIER, &dev->state);
	for (i = 0; i < ARRAY_SIZE(oper); i++) {
		dev->operstate = oper[i].operstate;
		KUNIT_EXPECT_EQ(test, ifreg_netdev_oper_status(dev), oper[i].status);
	}
	/* Running with carrier, not tracking operstate (lo, dummy): up. */
	clear_bit(__LINK_STATE_NOCARRIER, &dev->state);
	dev->operstate = IF_OPER_UNKNOWN;
	KUNIT_EXPECT_EQ(test, ifreg_netdev_oper_status(dev), IFREG_OPER_UP);
	clear_bit(__LINK_STATE_START, &dev->state);
	dev->flags |= IFF_UP;
	KUNIT_EXPECT_EQ(test, ifreg_netdev_admin_status(dev), IFREG_ADMIN_UP);
	dev->flags &= ~IFF_UP;
	KUNIT_EXPECT_EQ(test, ifreg_netdev_admin_status(dev), IFREG_ADMIN_DOWN);

	dev->flags = IFF_POINTOPOINT | IFF_NOARP;
	dev->type = ARPHRD_NONE;
	KUNIT_EXPECT_EQ(test, ifreg_netdev_access_type(dev), IFREG_ACCESS_POINT_TO_POINT);
	KUNIT_EXPECT_EQ(test, ifreg_netdev_iftype(dev), IFREG_IF_TYPE_TUNNEL);
	dev->type = ARPHRD_PPP;
	KUNIT_EXPECT_EQ(test, ifreg_netdev_iftype(dev), IFREG_IF_TYPE_PPP);
	dev->type = ARPHRD_CAN;
	KUNIT_EXPECT_EQ(test, ifreg_netdev_iftype(dev), IFREG_IF_TYPE_OTHER);
	dev->flags = 0;
	KUNIT_EXPECT_EQ(test, ifreg_netdev_access_type(dev), IFREG_ACCESS_POINT_TO_MULTI_POINT);
	dev->type = ARPHRD_INFINIBAND;
	KUNIT_EXPECT_EQ(test, ifreg_netdev_iftype(dev), IFREG_IF_TYPE_INFINIBAND);
	dev->type = ARPHRD_ETHER;
	dev->dev.type = &kt_wlan_type;
	KUNIT_EXPECT_EQ(test, ifreg_netdev_iftype(dev), IFREG_IF_TYPE_IEEE80211);
	dev->dev.type = NULL;
	dev->flags = IFF_MASTER;
	dev->priv_flags |= IFF_EBRIDGE;
	KUNIT_EXPECT_EQ(test, ifreg_netdev_iftype(dev), IFREG_IF_TYPE_BRIDGE);
	dev->priv_flags = IFF_BONDING;
	KUNIT_EXPECT_EQ(test, ifreg_netdev_iftype(dev), IFREG_IF_TYPE_IEEE8023AD_LAG);
	dev->priv_flags = IFF_802_1Q_VLAN;
	KUNIT_EXPECT_EQ(test, ifreg_netdev_iftype(dev), IFREG_IF_TYPE_L2_VLAN);
	free_netdev(dev);

	KUNIT_EXPECT_EQ(test, ifreg_netdev_iftype(init_net.loopback_dev),
			IFREG_IF_TYPE_SOFTWARE_LOOPBACK);
	KUNIT_EXPECT_EQ(test, ifreg_netdev_access_type(init_net.loopback_dev),
			IFREG_ACCESS_LOOPBACK);
}

/* The binding answer follows upper and lower links, both ways. */
static void binding_follows_upper_and_lower(struct kunit *test)
{
	struct net_device *lower = kt_netdev(test, "ifktlow");
	struct net_device *upper = kt_netdev(test, "ifktup");
	u32 hi, lo;
	u64 hl, ll;

	rtnl_lock();
	KUNIT_ASSERT_EQ(test, netdev_upper_dev_link(lower, upper, NULL), 0);
	rtnl_unlock();

	KUNIT_EXPECT_EQ(test, ifreg_ndis_query_binding(&init_net, lower->ifindex, &hi, &hl,
						       &lo, &ll), 0);
	KUNIT_EXPECT_EQ(test, hi, upper->ifindex);
	KUNIT_EXPECT_EQ(test, lo, lower->ifindex);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_query_binding(&init_net, upper->ifindex, &hi, &hl,
						       &lo, &ll), 0);
	KUNIT_EXPECT_EQ(test, hi, upper->ifindex);
	KUNIT_EXPECT_EQ(test, lo, lower->ifindex);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_luid_from_ifindex(&init_net, lower->ifindex, &hl), 0);
	KUNIT_EXPECT_EQ(test, ll, hl);

	rtnl_lock();
	netdev_upper_dev_unlink(lower, upper);
	rtnl_unlock();
	kt_netdev_del(upper);
	kt_netdev_del(lower);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_query_binding(&init_net, 0, &hi, &hl, &lo, &ll),
			-ENOENT);
}

/* A netdev the table cannot take still registers, and is counted. */
static void netdev_left_out_is_counted(struct kunit *test)
{
	struct ifreg_ndis_table *t = ifreg_ndis_table(&init_net);
	unsigned int saved = ifreg_max_ndis_interfaces;
	int before = atomic_read(&t->left_out);
	struct net_device *dev;
	u64 luid;

	ifreg_max_ndis_interfaces = 0;
	dev = kt_netdev(test, "ifktout");
	ifreg_max_ndis_interfaces = saved;
	KUNIT_EXPECT_EQ(test, atomic_read(&t->left_out), before + 1);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_luid_from_ifindex(&init_net, dev->ifindex, &luid),
			-ENOENT);
	kt_netdev_del(dev);
}

/* The NetLuidIndex of a netdev, through its ifIndex. */
static u32 kt_dev_index(struct kunit *test, struct net_device *dev)
{
	u64 luid = 0;

	KUNIT_EXPECT_EQ(test, ifreg_ndis_luid_from_ifindex(&init_net, dev->ifindex, &luid), 0);
	return ifreg_net_luid_index(luid);
}

static int kt_reserve(u16 iftype, u32 index, const char *key)
{
	return ifreg_ndis_reserve_luid_index(&init_net, iftype, index, key, NULL);
}

/* A netdev's key is the sysfs path it registered with, in NDIS_GET replies. */
static void netdev_key_is_its_sysfs_path(struct kunit *test)
{
	struct ifreg_ndis_table *t = ifreg_ndis_table(&init_net);
	struct net_device *dev = kt_netdev(test, "ifktkey");
	char key[IFREG_NDIS_KEY_MAX + 1] = "";
	struct ifreg_ndis_if *nif;
	char *direct;

	mutex_lock(&t->lock);
	nif = xa_load(&t->by_dev, dev->ifindex);
	if (nif && nif->key)
		strscpy(key, nif->key, sizeof(key));
	mutex_unlock(&t->lock);
	KUNIT_EXPECT_STREQ(test, key, "/devices/virtual/net/ifktkey");
	direct = ifreg_netdev_key(dev);
	KUNIT_EXPECT_STREQ(test, direct, "/devices/virtual/net/ifktkey");
	kfree(direct);
	kt_netdev_del(dev);
}

/*
 * A netdev registering takes the index reserved for its key, and the index
 * stays allocated when it goes; without a reservation its index is freed.
 */
static void reserved_index_taken_by_netdev_and_kept(struct kunit *test)
{
	const char *key = "/devices/virtual/net/ifktres";
	struct net_device *dev;
	u32 idx = KT_INDEX + 1, other;

	KUNIT_ASSERT_EQ(test, kt_reserve(KT_ETH, idx, key), 0);
	dev = kt_netdev(test, "ifktres");
	KUNIT_EXPECT_EQ(test, kt_dev_index(test, dev), idx);
	kt_netdev_del(dev);
	KUNIT_EXPECT_EQ(test, kt_reserve(KT_ETH, idx, key), IFREG_EXISTS);

	dev = kt_netdev(test, "ifktres");
	KUNIT_EXPECT_EQ(test, kt_dev_index(test, dev), idx);
	/* Already the netdev's: still informational success. */
	KUNIT_EXPECT_EQ(test, kt_reserve(KT_ETH, idx, key), IFREG_EXISTS);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_ETH, idx), -EBUSY);
	kt_netdev_del(dev);
	/* Freeing the index frees the reservation. */
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_ETH, idx), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_ETH, idx), -EINVAL);

	dev = kt_netdev(test, "ifktres");
	other = kt_dev_index(test, dev);
	KUNIT_EXPECT_NE(test, other, idx);
	kt_netdev_del(dev);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_ETH, other), -EINVAL);
}

/* A reservation of another IfType is not the netdev's. */
static void reservation_of_other_iftype_not_taken(struct kunit *test)
{
	const char *key = "/devices/virtual/net/ifktwifi";
	u16 wlan = IFREG_IF_TYPE_IEEE80211;
	struct net_device *dev;

	KUNIT_ASSERT_EQ(test, kt_reserve(wlan, KT_INDEX + 2, key), 0);
	dev = kt_netdev(test, "ifktwifi");
	KUNIT_EXPECT_NE(test, kt_dev_index(test, dev), KT_INDEX + 2);
	kt_netdev_del(dev);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, wlan, KT_INDEX + 2), 0);
}

/* Reserving for the key of a registered netdev moves it; its ifIndex stays. */
static void reserve_moves_the_netdev_of_the_key(struct kunit *test)
{
	struct net_device *dev = kt_netdev(test, "ifktmv");
	u32 old = kt_dev_index(test, dev), idx = KT_INDEX + 3, got = 0;

	KUNIT_ASSERT_EQ(test, kt_reserve(KT_ETH, idx, "/devices/virtual/net/ifktmv"), 0);
	KUNIT_EXPECT_EQ(test, kt_dev_index(test, dev), idx);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_ifindex_from_luid(&init_net,
							   ifreg_net_luid(KT_ETH, idx), &got), 0);
	KUNIT_EXPECT_EQ(test, got, dev->ifindex);
	/* The old index was freed. */
	KUNIT_EXPECT_EQ(test, ifreg_ndis_ifindex_from_luid(&init_net,
							   ifreg_net_luid(KT_ETH, old), &got),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_ETH, old), -EINVAL);
	kt_netdev_del(dev);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_ETH, idx), 0);
}

/*
 * A netdev without a reservation that uses the index wanted moves to a
 * fresh one, keeping its ifIndex; the netdev of the key takes the index.
 */
static void reserve_moves_a_netdev_off_the_index(struct kunit *test)
{
	struct net_device *occ = kt_netdev(test, "ifktocc"), *dev;
	u32 idx = kt_dev_index(test, occ), moved;

	KUNIT_ASSERT_EQ(test, kt_reserve(KT_ETH, idx, "/devices/virtual/net/ifktown"), 0);
	moved = kt_dev_index(test, occ);
	KUNIT_EXPECT_NE(test, moved, idx);
	KUNIT_EXPECT_NE(test, moved, 0);
	dev = kt_netdev(test, "ifktown");
	KUNIT_EXPECT_EQ(test, kt_dev_index(test, dev), idx);
	kt_netdev_del(dev);
	kt_netdev_del(occ);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_ETH, moved), -EINVAL);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_ETH, idx), 0);
}

/* Indexes held otherwise, and keys with another index, are -EEXIST. */
static void reserve_conflicts_are_eexist(struct kunit *test)
{
	struct ndis_kt *kt = test->priv;
	const char *a = "/devices/virtual/net/ifkta", *b = "/devices/virtual/net/ifktb";
	u16 type = KT_IFTYPE_BASE + 12;
	u32 idx = KT_INDEX + 4, plain, ifindex;
	struct net_device *dev;

	KUNIT_ASSERT_EQ(test, kt_reserve(KT_ETH, idx, a), 0);
	KUNIT_EXPECT_EQ(test, kt_reserve(KT_ETH, idx, b), -EEXIST);
	KUNIT_EXPECT_EQ(test, kt_reserve(KT_ETH, idx + 1, a), -EEXIST);
	KUNIT_EXPECT_EQ(test, kt_reserve(IFREG_IF_TYPE_IEEE80211, idx, a), -EEXIST);
	KUNIT_EXPECT_EQ(test, kt_reserve(KT_ETH, idx, NULL), -EEXIST);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_ETH, idx + 1), -EINVAL);

	/* Allocated, not to a netdev: not for a key; again without one. */
	KUNIT_ASSERT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, type, &plain), 0);
	KUNIT_EXPECT_EQ(test, kt_reserve(type, plain, b), -EEXIST);
	KUNIT_EXPECT_EQ(test, kt_reserve(type, plain, NULL), IFREG_EXISTS);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_interface(&init_net, kt->provider,
							    ifreg_net_luid(type, plain), NULL,
							    &kt_info, &ifindex), 0);
	KUNIT_EXPECT_EQ(test, kt_reserve(type, plain, b), -EEXIST);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_interface(&init_net, ifindex), 0);

	/* A free index without a key: allocated, then informational success. */
	KUNIT_EXPECT_EQ(test, kt_reserve(type, plain + 10, NULL), 0);
	KUNIT_EXPECT_EQ(test, kt_reserve(type, plain + 10, NULL), IFREG_EXISTS);

	/* A netdev's index, without a key. */
	dev = kt_netdev(test, "ifktc");
	KUNIT_EXPECT_EQ(test, kt_reserve(KT_ETH, kt_dev_index(test, dev), NULL), -EEXIST);
	kt_netdev_del(dev);

	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, type, plain + 10), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, type, plain), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_ETH, idx), 0);
	/* The reservation went with the index: another key may have it. */
	KUNIT_EXPECT_EQ(test, kt_reserve(KT_ETH, idx, b), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_ETH, idx), 0);
}

/* Zero IfType or index, empty or long keys: -EINVAL; caps: -ENOSPC. */
static void reserve_bad_arguments_and_caps(struct kunit *test)
{
	struct ifreg_ndis_table *t = ifreg_ndis_table(&init_net);
	unsigned int saved_index = ifreg_max_luid_index;
	unsigned int saved_if = ifreg_max_ndis_interfaces;
	const char *key = "/devices/virtual/net/ifktcap";
	char *long_key;

	long_key = kunit_kzalloc(test, IFREG_NDIS_KEY_MAX + 2, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, long_key);
	memset(long_key, 'k', IFREG_NDIS_KEY_MAX + 1);

	KUNIT_EXPECT_EQ(test, kt_reserve(0, KT_INDEX, key), -EINVAL);
	KUNIT_EXPECT_EQ(test, kt_reserve(KT_ETH, 0, key), -EINVAL);
	KUNIT_EXPECT_EQ(test, kt_reserve(KT_ETH, KT_INDEX, ""), -EINVAL);
	KUNIT_EXPECT_EQ(test, kt_reserve(KT_ETH, KT_INDEX, long_key), -EINVAL);
	long_key[IFREG_NDIS_KEY_MAX] = '\0';
	KUNIT_EXPECT_EQ(test, kt_reserve(KT_ETH, KT_INDEX + 5, long_key), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_ETH, KT_INDEX + 5), 0);
	KUNIT_EXPECT_EQ(test, kt_reserve(KT_ETH, IFREG_NET_LUID_INDEX_MAX + 1, NULL), -ENOSPC);

	ifreg_max_luid_index = KT_INDEX - 1;
	KUNIT_EXPECT_EQ(test, kt_reserve(KT_ETH, KT_INDEX, key), -ENOSPC);
	KUNIT_EXPECT_EQ(test, kt_reserve(KT_ETH, KT_INDEX, NULL), -ENOSPC);
	ifreg_max_luid_index = saved_index;

	/* As many reservations as interfaces may be. */
	mutex_lock(&t->lock);
	ifreg_max_ndis_interfaces = t->luids.resv_count;
	mutex_unlock(&t->lock);
	KUNIT_EXPECT_EQ(test, kt_reserve(KT_ETH, KT_INDEX, key), -ENOSPC);
	ifreg_max_ndis_interfaces = saved_if;
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, KT_ETH, KT_INDEX), -EINVAL);
}

static u64 kt_gen(struct ifreg_ndis_table *t)
{
	u64 gen;

	mutex_lock(&t->lock);
	gen = ifreg_ndis_gen(t);
	mutex_unlock(&t->lock);
	return gen;
}

/*
 * Dumps flag a race by the generation: allocating, registering,
 * deregistering, freeing and reserving each move it, so none goes unseen.
 */
static void generation_moves_with_every_change(struct kunit *test)
{
	struct ifreg_ndis_table *t = ifreg_ndis_table(&init_net);
	struct ndis_kt *kt = test->priv;
	u16 type = KT_IFTYPE_BASE + 13;
	u64 gen = kt_gen(t);
	u32 i, ifindex;

	KUNIT_ASSERT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, type, &i), 0);
	KUNIT_EXPECT_GT(test, kt_gen(t), gen);
	gen = kt_gen(t);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_interface(&init_net, kt->provider,
							    ifreg_net_luid(type, i), NULL,
							    &kt_info, &ifindex), 0);
	KUNIT_EXPECT_GT(test, kt_gen(t), gen);
	gen = kt_gen(t);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_interface(&init_net, ifindex), 0);
	KUNIT_EXPECT_GT(test, kt_gen(t), gen);
	gen = kt_gen(t);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, type, i), 0);
	KUNIT_EXPECT_GT(test, kt_gen(t), gen);
	gen = kt_gen(t);
	KUNIT_EXPECT_EQ(test, kt_reserve(type, i, "/devices/virtual/net/ifktgen"), 0);
	KUNIT_EXPECT_GT(test, kt_gen(t), gen);
	/* Refused: nothing changed. */
	gen = kt_gen(t);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, type, i + 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, kt_gen(t), gen);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, type, i), 0);
	KUNIT_EXPECT_GT(test, kt_gen(t), gen);
}

/*
 * A netdev that goes does not hand its NetLuidIndex to the next of its
 * IfType: indexes go round, and past max_luid_index wrap to the lowest
 * free one; a provider's allocations alike.
 */
static void luid_indexes_go_round(struct kunit *test)
{
	struct ifreg_ndis_table *t = ifreg_ndis_table(&init_net);
	unsigned int saved = ifreg_max_luid_index;
	u16 type = KT_IFTYPE_BASE + 17;
	struct net_device *a, *b, *c;
	u32 n, lowest, i1, i2, i3, i4;

	a = kt_netdev(test, "ifktcya");
	n = kt_dev_index(test, a);
	kt_netdev_del(a);
	b = kt_netdev(test, "ifktcyb");
	KUNIT_EXPECT_EQ(test, kt_dev_index(test, b), n + 1);

	mutex_lock(&t->lock);
	for (lowest = 1; ifreg_ndis_luid_index_entry(&t->luids, KT_ETH, lowest); lowest++)
		;
	mutex_unlock(&t->lock);
	ifreg_max_luid_index = kt_dev_index(test, b);
	c = kt_netdev(test, "ifktcyc");
	ifreg_max_luid_index = saved;
	KUNIT_EXPECT_EQ(test, kt_dev_index(test, c), lowest);
	kt_netdev_del(c);
	kt_netdev_del(b);

	KUNIT_ASSERT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, type, &i1), 0);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, type, &i2), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, type, i1), 0);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, type, &i3), 0);
	KUNIT_EXPECT_EQ(test, i3, i2 + 1);
	ifreg_max_luid_index = i3;
	KUNIT_EXPECT_EQ(test, ifreg_ndis_allocate_luid_index(&init_net, type, &i4), 0);
	ifreg_max_luid_index = saved;
	KUNIT_EXPECT_EQ(test, i4, i1);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, type, i2), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, type, i3), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, type, i4), 0);
}

/* The helper process whose namespace a case borrows. */
struct kt_ns {
	struct pid *pid;
};

static int kt_ns_init(struct subprocess_info *info, struct cred *new)
{
	struct kt_ns *ns = info->data;

	ns->pid = get_task_pid(current, PIDTYPE_PID);
	return 0;
}

/*
 * A new network namespace, held: a helper process unshares one (modules
 * cannot make one themselves) and is killed once the case holds it. The
 * namespace dies, asynchronously, when the case puts it.
 */
static struct net *kt_net_new(struct kunit *test)
{
	struct subprocess_info *info;
	struct kt_ns ns = {};
	struct net *net = NULL;
	char **argv;
	int i, err;

	argv = argv_split(GFP_KERNEL, "/bin/busybox unshare -n /bin/busybox sleep 600", NULL);
	KUNIT_ASSERT_NOT_NULL(test, argv);
	info = call_usermodehelper_setup(argv[0], argv, NULL, GFP_KERNEL,
					 kt_ns_init, NULL, &ns);
	/* Waits for the exec, after which argv is not needed. */
	err = info ? call_usermodehelper_exec(info, UMH_WAIT_EXEC) : -ENOMEM;
	argv_free(argv);
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_ASSERT_NOT_NULL(test, ns.pid);
	for (i = 0; i < 500 && !net; i++) {
		net = get_net_ns_by_pid(pid_nr(ns.pid));
		if (IS_ERR(net)) {
			net = NULL;
			break;
		}
		if (net_eq(net, &init_net)) {
			put_net(net);
			net = NULL;
			msleep(20);
		}
	}
	kill_pid(ns.pid, SIGKILL, 1);
	put_pid(ns.pid);
	KUNIT_ASSERT_NOT_NULL(test, net);
	return net;
}

/*
 * The binding answer stays in its namespace: an upper moved to another is
 * not it, and neither is a netdev here that has the upper's ifindex (nor,
 * there, one that has the lower's).
 */
static void binding_stays_in_its_namespace(struct kunit *test)
{
	struct net_device *lower, *upper, *same, *other;
	struct net *net = kt_net_new(test);
	u32 hi, lo;
	u64 hl, ll;
	int err;

	lower = kt_netdev(test, "ifktbl");
	upper = kt_netdev(test, "ifktbu");
	rtnl_lock();
	err = netdev_upper_dev_link(lower, upper, NULL);
	if (!err)
		err = dev_change_net_namespace(upper, net, "ifktbu%d");
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, err, 0);
	same = kt_netdev_in(test, &init_net, "ifktbs", upper->ifindex);
	other = kt_netdev_in(test, net, "ifktbo", lower->ifindex);

	KUNIT_EXPECT_EQ(test, ifreg_ndis_query_binding(&init_net, lower->ifindex, &hi, &hl,
						       &lo, &ll), 0);
	KUNIT_EXPECT_EQ(test, hi, lower->ifindex);
	KUNIT_EXPECT_EQ(test, lo, lower->ifindex);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_query_binding(net, upper->ifindex, &hi, &hl,
						       &lo, &ll), 0);
	KUNIT_EXPECT_EQ(test, hi, upper->ifindex);
	KUNIT_EXPECT_EQ(test, lo, upper->ifindex);

	rtnl_lock();
	netdev_upper_dev_unlink(lower, upper);
	rtnl_unlock();
	kt_netdev_del(other);
	kt_netdev_del(same);
	kt_netdev_del(upper);
	kt_netdev_del(lower);
	put_net(net);
}

/* A query racing a deregistration, and what its callback got. */
struct kt_race {
	struct ifreg_ndis_provider *provider;
	u16 type;
	u64 luid;
	u32 ifindex, index;
	int query_err, alloc_err, dereg_err;
	struct completion entered, removing, queried, deregistered;
};

static int kt_race_query(void *provider_ctx, void *if_ctx, u32 oid, void *buf,
			 size_t *size)
{
	struct kt_race *r = provider_ctx;
	u32 got;
	int i;

	complete(&r->entered);
	wait_for_completion(&r->removing);
	/* Taken out of the table: the deregistration waits for this call. */
	for (i = 0; i < 500 && !ifreg_ndis_ifindex_from_luid(&init_net, r->luid, &got); i++)
		msleep(20);
	r->alloc_err = ifreg_ndis_allocate_luid_index(&init_net, r->type, &r->index);
	return -EOPNOTSUPP;
}

static const struct ifreg_ndis_provider_ops kt_race_ops = { .query = kt_race_query };

static int kt_race_query_fn(void *data)
{
	struct kt_race *r = data;
	size_t size = 0;

	r->query_err = ifreg_ndis_query_interface(&init_net, r->ifindex, IFREG_OID_MTU,
						  NULL, &size);
	complete(&r->queried);
	return 0;
}

static int kt_race_dereg_fn(void *data)
{
	struct kt_race *r = data;

	complete(&r->removing);
	r->dereg_err = ifreg_ndis_deregister_interface(&init_net, r->ifindex);
	complete(&r->deregistered);
	return 0;
}

/*
 * A callback may take the table's lock (allocate a LUID index) while its
 * interface is being deregistered: the deregistration waits for it without
 * the lock.
 */
static void callback_takes_table_lock_during_deregister(struct kunit *test)
{
	struct task_struct *task;
	struct kt_race *r;
	bool done;

	/* Not the case's memory: a deadlock leaves the threads on it. */
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r);
	init_completion(&r->entered);
	init_completion(&r->removing);
	init_completion(&r->queried);
	init_completion(&r->deregistered);
	r->type = KT_IFTYPE_BASE + 16;
	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_provider(&kt_race_ops, r, &r->provider), 0);
	r->luid = kt_luid(test, r->type);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_interface(&init_net, r->provider, r->luid,
							    NULL, &kt_info, &r->ifindex), 0);

	task = kthread_run(kt_race_query_fn, r, "ifkt-query");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&r->entered, 10 * HZ), 0);
	task = kthread_run(kt_race_dereg_fn, r, "ifkt-dereg");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	done = wait_for_completion_timeout(&r->deregistered, 30 * HZ) &&
	       wait_for_completion_timeout(&r->queried, 10 * HZ);
	if (!done) {
		KUNIT_FAIL(test, "deregistration and the callback deadlocked");
		return;
	}
	KUNIT_EXPECT_EQ(test, r->dereg_err, 0);
	KUNIT_EXPECT_EQ(test, r->query_err, -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, r->alloc_err, 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, r->type, r->index), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, r->type,
							 ifreg_net_luid_index(r->luid)), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_provider(r->provider), 0);
	kfree(r);
}

static u64 kt_luid_in(struct kunit *test, struct net *net, u16 type)
{
	u32 i;

	KUNIT_ASSERT_EQ(test, ifreg_ndis_allocate_luid_index(net, type, &i), 0);
	return ifreg_net_luid(type, i);
}

/* A module that is not there; ifreg_ndis_end_module() is told it goes. */
static struct module kt_mod = { .name = "kt_x" };

/*
 * A module going with its provider registered: its interfaces leave every
 * namespace, the provider is deregistered and never called again; other
 * modules' providers stay.
 */
static void provider_of_gone_module_is_ended(struct kunit *test)
{
	struct ndis_kt *kt = test->priv, *x;
	u16 type = KT_IFTYPE_BASE + 14;
	struct net *net = kt_net_new(test);
	struct ifreg_ndis_provider *p;
	u64 here, there, mine;
	u32 ih, it, im, got, mtu;
	size_t size = sizeof(mtu);

	x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_provider_owner(&kt_ops, x, &p, &kt_mod), 0);
	here = kt_luid(test, type);
	there = kt_luid_in(test, net, type);
	mine = kt_luid(test, type);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_interface(&init_net, p, here, NULL,
							    &kt_info, &ih), 0);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_interface(net, p, there, NULL,
							    &kt_info, &it), 0);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_interface(&init_net, kt->provider, mine,
							    NULL, &kt_info, &im), 0);

	ifreg_ndis_end_module(&kt_mod);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_ifindex_from_luid(&init_net, here, &got), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_ifindex_from_luid(net, there, &got), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_query_interface(&init_net, ih, IFREG_OID_MTU,
							 &mtu, &size), -ENOENT);
	KUNIT_EXPECT_EQ(test, x->query_calls, 0);
	/* Once is all: nothing of it is left to end. */
	ifreg_ndis_end_module(&kt_mod);

	KUNIT_EXPECT_EQ(test, ifreg_ndis_ifindex_from_luid(&init_net, mine, &got), 0);
	KUNIT_EXPECT_EQ(test, got, im);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_interface(&init_net, im), 0);
	/* LUID indexes are the namespace's, not the provider's: still allocated. */
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, type,
							 ifreg_net_luid_index(here)), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(net, type,
							 ifreg_net_luid_index(there)), 0);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_free_luid_index(&init_net, type,
							 ifreg_net_luid_index(mine)), 0);
	put_net(net);
}

/* What a provider saw when its namespace went. */
struct kt_exit {
	struct ifreg_ndis_provider *provider;
	struct net *net;
	u32 dereg_ifindex, left_ifindex;
	u64 left_luid;
	int calls;
	bool right_net, unlocked, saw_left, deregistered;
	struct completion done;
};

static void kt_net_exit(void *provider_ctx, struct net *net)
{
	struct kt_exit *e = provider_ctx;
	u32 got = 0;

	e->calls++;
	e->right_net = net == e->net;
	e->unlocked = !mutex_is_locked(&ifreg_ndis_table(net)->lock);
	e->saw_left = !ifreg_ndis_ifindex_from_luid(net, e->left_luid, &got) &&
		      got == e->left_ifindex;
	e->deregistered = !ifreg_ndis_deregister_interface(net, e->dereg_ifindex);
	complete(&e->done);
}

static const struct ifreg_ndis_provider_ops kt_exit_ops = {
	.query = kt_query,
	.net_exit = kt_net_exit,
};

/*
 * A provider hears once that a namespace it has interfaces in goes, with
 * no table lock held and its interfaces still there, may deregister them,
 * and what it left goes with the table.
 */
static void provider_told_when_its_namespace_goes(struct kunit *test)
{
	u16 type = KT_IFTYPE_BASE + 15;
	struct kt_exit *e;
	u64 luid;
	int i;

	e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, e);
	init_completion(&e->done);
	e->net = kt_net_new(test);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_provider(&kt_exit_ops, e, &e->provider), 0);
	luid = kt_luid_in(test, e->net, type);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_interface(e->net, e->provider, luid, NULL,
							    &kt_info, &e->dereg_ifindex), 0);
	e->left_luid = kt_luid_in(test, e->net, type);
	KUNIT_ASSERT_EQ(test, ifreg_ndis_register_interface(e->net, e->provider,
							    e->left_luid, NULL, &kt_info,
							    &e->left_ifindex), 0);

	put_net(e->net);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&e->done, 30 * HZ), 0);
	/* The table's exit goes on after the callback: wait for it. */
	for (i = 0; i < 1500 && atomic_read(&e->provider->interfaces); i++)
		msleep(20);
	KUNIT_EXPECT_EQ(test, e->calls, 1);
	KUNIT_EXPECT_TRUE(test, e->right_net);
	KUNIT_EXPECT_TRUE(test, e->unlocked);
	KUNIT_EXPECT_TRUE(test, e->saw_left);
	KUNIT_EXPECT_TRUE(test, e->deregistered);
	KUNIT_EXPECT_EQ(test, ifreg_ndis_deregister_provider(e->provider), 0);
}

static struct kunit_case ifreg_ndis_cases[] = {
	KUNIT_CASE(luid_packs_iftype_and_index),
	KUNIT_CASE(luid_index_first_is_one_and_unique),
	KUNIT_CASE(luid_index_exhaustion_is_enospc),
	KUNIT_CASE(luid_indexes_per_namespace_capped),
	KUNIT_CASE(luid_index_free_of_foreign_is_einval),
	KUNIT_CASE(luid_cyclic_search_skips_a_run),
	KUNIT_CASE(luid_indexes_listed_in_order),
	KUNIT_CASE(luid_memory_follows_count_not_spread),
	KUNIT_CASE(register_interface_and_look_up_both_ways),
	KUNIT_CASE(luids_differing_only_in_iftype_are_apart),
	KUNIT_CASE(duplicate_luid_is_eexist),
	KUNIT_CASE(bad_luid_or_arguments_are_einval),
	KUNIT_CASE(provider_with_interfaces_is_ebusy),
	KUNIT_CASE(query_goes_to_provider),
	KUNIT_CASE(interface_cap_is_enospc),
	KUNIT_CASE(netdev_registered_with_its_ifindex),
	KUNIT_CASE(netdev_types_and_status_map),
	KUNIT_CASE(binding_follows_upper_and_lower),
	KUNIT_CASE(netdev_left_out_is_counted),
	KUNIT_CASE(netdev_key_is_its_sysfs_path),
	KUNIT_CASE(reserved_index_taken_by_netdev_and_kept),
	KUNIT_CASE(reservation_of_other_iftype_not_taken),
	KUNIT_CASE(reserve_moves_the_netdev_of_the_key),
	KUNIT_CASE(reserve_moves_a_netdev_off_the_index),
	KUNIT_CASE(reserve_conflicts_are_eexist),
	KUNIT_CASE(reserve_bad_arguments_and_caps),
	KUNIT_CASE(generation_moves_with_every_change),
	KUNIT_CASE(luid_indexes_go_round),
	KUNIT_CASE(binding_stays_in_its_namespace),
	KUNIT_CASE(provider_of_gone_module_is_ended),
	KUNIT_CASE(provider_told_when_its_namespace_goes),
	/* Last: a deadlock would leave the table's lock held. */
	KUNIT_CASE(callback_takes_table_lock_during_deregister),
	{}
};

static struct kunit_suite ifreg_ndis_suite = {
	.name = "ifreg_ndis",
	.init = ndis_kt_init,
	.exit = ndis_kt_exit,
	.test_cases = ifreg_ndis_cases,
};

kunit_test_suite(ifreg_ndis_suite);
