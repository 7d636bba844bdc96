// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * NetLuidIndex allocations of the caller's network namespace
 * (NdisIfAllocateNetLuidIndex / NdisIfFreeNetLuidIndex from user space):
 * the IFREG_CMD_LUID_GET dump, IFREG_CMD_LUID_ALLOC and IFREG_CMD_LUID_FREE.
 */
#include <string.h>

#include "internal.h"

void ifreg_luid_array_free(struct ifreg_luid_index *indexes, size_t count)
{
	size_t i;

	for (i = 0; indexes && i < count; i++)
		free(indexes[i].key);
	free(indexes);
}

struct ifreg_luid_vec {
	struct ifreg_luid_index *v;
	size_t count, cap;
};

static void ifreg_luid_vec_reset(void *data)
{
	struct ifreg_luid_vec *vec = data;

	ifreg_luid_array_free(vec->v, vec->count);
	memset(vec, 0, sizeof(*vec));
}

static int ifreg_luid_vec_cb(const struct nlattr *tb[IFREG_A_MAX + 1], void *data)
{
	struct ifreg_luid_vec *vec = data;
	struct ifreg_luid_index *l;
	int err;

	if (!tb[IFREG_A_IFTYPE] || !tb[IFREG_A_LUID_INDEX])
		return -EBADMSG;
	err = ifreg_array_grow((void **)&vec->v, &vec->cap, vec->count, sizeof(*vec->v));
	if (err)
		return err;
	l = &vec->v[vec->count];
	err = ifreg_attr_strdup(tb[IFREG_A_LUID_KEY], &l->key);
	if (err)
		return err;
	l->iftype = mnl_attr_get_u16(tb[IFREG_A_IFTYPE]);
	l->index = mnl_attr_get_u32(tb[IFREG_A_LUID_INDEX]);
	l->ifindex = tb[IFREG_A_IFINDEX] ? mnl_attr_get_u32(tb[IFREG_A_IFINDEX]) : 0;
	vec->count++;
	return 0;
}

int ifreg_luid_list(struct ifreg_ctx *ctx, struct ifreg_luid_index **indexes, size_t *count)
{
	struct ifreg_luid_vec vec = { .v = NULL };
	struct ifreg_msg m;
	int err;

	if (!ifreg_begin(ctx) || !indexes || !count)
		return -EINVAL;
	err = ifreg_msg_init(&ctx->nl, &m, IFREG_CMD_LUID_GET, NLM_F_DUMP);
	if (err)
		return err;
	err = ifreg_nl_dump(&ctx->nl, &m, ifreg_luid_vec_cb, ifreg_luid_vec_reset, &vec);
	ifreg_msg_free(&m);
	if (err)
		return err;
	*indexes = vec.v;
	*count = vec.count;
	return 0;
}

struct ifreg_alloc_reply {
	uint32_t index;
	bool got;
};

static int ifreg_alloc_cb(const struct nlattr *tb[IFREG_A_MAX + 1], void *data)
{
	struct ifreg_alloc_reply *r = data;

	if (tb[IFREG_A_LUID_INDEX]) {
		r->index = mnl_attr_get_u32(tb[IFREG_A_LUID_INDEX]);
		r->got = true;
	}
	return 0;
}

int ifreg_luid_alloc(struct ifreg_ctx *ctx, uint16_t iftype, uint32_t *index)
{
	struct ifreg_alloc_reply r = { .got = false };
	struct ifreg_msg m;
	int err;

	if (!ifreg_begin(ctx) || !index)
		return -EINVAL;
	err = ifreg_msg_init(&ctx->nl, &m, IFREG_CMD_LUID_ALLOC, NLM_F_ACK);
	if (err)
		return err;
	ifreg_msg_put_u16(&m, IFREG_A_IFTYPE, iftype);
	err = ifreg_nl_talk(&ctx->nl, &m, ifreg_alloc_cb, &r);
	ifreg_msg_free(&m);
	if (!err && !r.got)
		err = -EBADMSG;
	if (!err)
		*index = r.index;
	return err;
}

int ifreg_luid_free(struct ifreg_ctx *ctx, uint16_t iftype, uint32_t index)
{
	struct ifreg_msg m;
	int err;

	if (!ifreg_begin(ctx))
		return -EINVAL;
	err = ifreg_msg_init(&ctx->nl, &m, IFREG_CMD_LUID_FREE, NLM_F_ACK);
	if (err)
		return err;
	ifreg_msg_put_u16(&m, IFREG_A_IFTYPE, iftype);
	ifreg_msg_put_u32(&m, IFREG_A_LUID_INDEX, index);
	err = ifreg_nl_talk(&ctx->nl, &m, NULL, NULL);
	ifreg_msg_free(&m);
	return err;
}
