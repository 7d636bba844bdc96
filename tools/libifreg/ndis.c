// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The NDIS interface table of the caller's network namespace: the
 * IFREG_CMD_NDIS_GET dump, its do by ifIndex, NET_LUID or name, and the
 * ConvertInterface* conversions, each one such do.
 */
#include <string.h>

#include "internal.h"

void ifreg_netif_clear(struct ifreg_netif *netif)
{
	if (!netif)
		return;
	free(netif->luid_key);
	memset(netif, 0, sizeof(*netif));
}

void ifreg_netif_array_free(struct ifreg_netif *netifs, size_t count)
{
	size_t i;

	for (i = 0; netifs && i < count; i++)
		ifreg_netif_clear(&netifs[i]);
	free(netifs);
}

static uint32_t ifreg_u32(const struct nlattr *tb[IFREG_A_MAX + 1], int type)
{
	return tb[type] ? mnl_attr_get_u32(tb[type]) : 0;
}

/* One interface from its message; a field it lacks is 0 or "". */
static int ifreg_netif_fill(const struct nlattr *tb[IFREG_A_MAX + 1], struct ifreg_netif *n)
{
	memset(n, 0, sizeof(*n));
	if (tb[IFREG_A_NAME]) {
		const char *name = mnl_attr_get_str(tb[IFREG_A_NAME]);

		if (strlen(name) >= sizeof(n->name))
			return -EBADMSG;
		strcpy(n->name, name);
	}
	if (ifreg_attr_strdup(tb[IFREG_A_LUID_KEY], &n->luid_key))
		return -ENOMEM;
	n->ifindex = ifreg_u32(tb, IFREG_A_IFINDEX);
	n->net_luid = tb[IFREG_A_NET_LUID] ? mnl_attr_get_u64(tb[IFREG_A_NET_LUID]) : 0;
	n->iftype = tb[IFREG_A_IFTYPE] ? mnl_attr_get_u16(tb[IFREG_A_IFTYPE]) : 0;
	n->luid_index = ifreg_u32(tb, IFREG_A_LUID_INDEX);
	n->oper_status = ifreg_u32(tb, IFREG_A_OPER_STATUS);
	n->admin_status = ifreg_u32(tb, IFREG_A_ADMIN_STATUS);
	n->access_type = ifreg_u32(tb, IFREG_A_ACCESS_TYPE);
	n->highest = ifreg_u32(tb, IFREG_A_HIGHEST);
	n->lowest = ifreg_u32(tb, IFREG_A_LOWEST);
	n->linux_ifindex = ifreg_u32(tb, IFREG_A_LINUX_IFINDEX);
	return 0;
}

struct ifreg_netif_vec {
	struct ifreg_netif *v;
	size_t count, cap;
};

static void ifreg_netif_vec_reset(void *data)
{
	struct ifreg_netif_vec *vec = data;

	ifreg_netif_array_free(vec->v, vec->count);
	memset(vec, 0, sizeof(*vec));
}

static int ifreg_netif_vec_cb(const struct nlattr *tb[IFREG_A_MAX + 1], void *data)
{
	struct ifreg_netif_vec *vec = data;
	int err;

	err = ifreg_array_grow((void **)&vec->v, &vec->cap, vec->count, sizeof(*vec->v));
	if (err)
		return err;
	err = ifreg_netif_fill(tb, &vec->v[vec->count]);
	if (!err)
		vec->count++;
	return err;
}

int ifreg_netif_list(struct ifreg_ctx *ctx, struct ifreg_netif **netifs, size_t *count)
{
	struct ifreg_netif_vec vec = { .v = NULL };
	struct ifreg_msg m;
	int err;

	if (!ifreg_begin(ctx) || !netifs || !count)
		return -EINVAL;
	err = ifreg_msg_init(&ctx->nl, &m, IFREG_CMD_NDIS_GET, NLM_F_DUMP);
	if (err)
		return err;
	err = ifreg_nl_dump(&ctx->nl, &m, ifreg_netif_vec_cb, ifreg_netif_vec_reset, &vec);
	ifreg_msg_free(&m);
	if (err)
		return err;
	*netifs = vec.v;
	*count = vec.count;
	return 0;
}

struct ifreg_netif_reply {
	struct ifreg_netif *netif;
	bool got;
};

static int ifreg_netif_get_cb(const struct nlattr *tb[IFREG_A_MAX + 1], void *data)
{
	struct ifreg_netif_reply *r = data;
	int err;

	if (r->got)
		return 0;
	err = ifreg_netif_fill(tb, r->netif);
	r->got = !err;
	return err;
}

/* The do, by the one attribute M's caller put in it. Consumes M. */
static int ifreg_netif_get(struct ifreg_ctx *ctx, struct ifreg_msg *m, struct ifreg_netif *netif)
{
	struct ifreg_netif_reply r = { .netif = netif };
	int err;

	err = ifreg_nl_talk(&ctx->nl, m, ifreg_netif_get_cb, &r);
	ifreg_msg_free(m);
	if (!err && !r.got)
		err = -EBADMSG;
	if (err)
		ifreg_netif_clear(netif);
	return err;
}

int ifreg_netif_by_ifindex(struct ifreg_ctx *ctx, uint32_t ifindex, struct ifreg_netif *netif)
{
	struct ifreg_msg m;
	int err;

	if (!ifreg_begin(ctx) || !netif)
		return -EINVAL;
	memset(netif, 0, sizeof(*netif));
	err = ifreg_msg_init(&ctx->nl, &m, IFREG_CMD_NDIS_GET, NLM_F_ACK);
	if (err)
		return err;
	ifreg_msg_put_u32(&m, IFREG_A_IFINDEX, ifindex);
	return ifreg_netif_get(ctx, &m, netif);
}

int ifreg_netif_by_luid(struct ifreg_ctx *ctx, uint64_t net_luid, struct ifreg_netif *netif)
{
	struct ifreg_msg m;
	int err;

	if (!ifreg_begin(ctx) || !netif)
		return -EINVAL;
	memset(netif, 0, sizeof(*netif));
	err = ifreg_msg_init(&ctx->nl, &m, IFREG_CMD_NDIS_GET, NLM_F_ACK);
	if (err)
		return err;
	ifreg_msg_put_u64(&m, IFREG_A_NET_LUID, net_luid);
	return ifreg_netif_get(ctx, &m, netif);
}

int ifreg_netif_by_name(struct ifreg_ctx *ctx, const char *name, struct ifreg_netif *netif)
{
	struct ifreg_msg m;
	int err;

	if (!ifreg_begin(ctx) || !name || !netif)
		return -EINVAL;
	memset(netif, 0, sizeof(*netif));
	/* No netdev has a longer name (IFNAMSIZ), so none is there. */
	if (!name[0] || strlen(name) >= sizeof(netif->name))
		return -ENOENT;
	err = ifreg_msg_init(&ctx->nl, &m, IFREG_CMD_NDIS_GET, NLM_F_ACK);
	if (err)
		return err;
	ifreg_msg_put_str(&m, IFREG_A_NAME, name);
	return ifreg_netif_get(ctx, &m, netif);
}

/* ---- ConvertInterface* ---- */

int ifreg_luid_to_ifindex(struct ifreg_ctx *ctx, uint64_t net_luid, uint32_t *ifindex)
{
	struct ifreg_netif n;
	int err;

	if (!ifreg_begin(ctx) || !ifindex)
		return -EINVAL;
	err = ifreg_netif_by_luid(ctx, net_luid, &n);
	if (err)
		return err;
	*ifindex = n.ifindex;
	ifreg_netif_clear(&n);
	return 0;
}

int ifreg_ifindex_to_luid(struct ifreg_ctx *ctx, uint32_t ifindex, uint64_t *net_luid)
{
	struct ifreg_netif n;
	int err;

	if (!ifreg_begin(ctx) || !net_luid)
		return -EINVAL;
	err = ifreg_netif_by_ifindex(ctx, ifindex, &n);
	if (err)
		return err;
	*net_luid = n.net_luid;
	ifreg_netif_clear(&n);
	return 0;
}

int ifreg_luid_to_name(struct ifreg_ctx *ctx, uint64_t net_luid, char *name, size_t size)
{
	struct ifreg_netif n;
	int err;

	if (!ifreg_begin(ctx) || !name || size < sizeof(n.name))
		return -EINVAL;
	err = ifreg_netif_by_luid(ctx, net_luid, &n);
	if (err)
		return err;
	if (n.name[0])
		strcpy(name, n.name);
	else
		err = -ENOENT;	/* an NDIS interface that is no netdev */
	ifreg_netif_clear(&n);
	return err;
}

int ifreg_name_to_luid(struct ifreg_ctx *ctx, const char *name, uint64_t *net_luid)
{
	struct ifreg_netif n;
	int err;

	if (!ifreg_begin(ctx) || !net_luid)
		return -EINVAL;
	err = ifreg_netif_by_name(ctx, name, &n);
	if (err)
		return err;
	*net_luid = n.net_luid;
	ifreg_netif_clear(&n);
	return 0;
}
