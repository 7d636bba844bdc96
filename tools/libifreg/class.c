// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Interface classes: the IFREG_CMD_CLASS_GET dump, one class per message,
 * with its count of instances and its default interface.
 */
#include <string.h>

#include "internal.h"

void ifreg_class_array_free(struct ifreg_class *classes, size_t count)
{
	size_t i;

	for (i = 0; classes && i < count; i++)
		free(classes[i].default_link);
	free(classes);
}

struct ifreg_class_vec {
	struct ifreg_class *v;
	size_t count, cap;
};

static void ifreg_class_vec_reset(void *data)
{
	struct ifreg_class_vec *vec = data;

	ifreg_class_array_free(vec->v, vec->count);
	memset(vec, 0, sizeof(*vec));
}

static int ifreg_class_cb(const struct nlattr *tb[IFREG_A_MAX + 1], void *data)
{
	struct ifreg_class_vec *vec = data;
	struct ifreg_class *c;
	int err;

	err = ifreg_array_grow((void **)&vec->v, &vec->cap, vec->count, sizeof(*vec->v));
	if (err)
		return err;
	c = &vec->v[vec->count];
	err = ifreg_attr_guid(tb[IFREG_A_CLASS], c->class_guid);
	if (!err)
		err = ifreg_attr_strdup(tb[IFREG_A_DEFAULT_LINK], &c->default_link);
	if (err) {
		memset(c, 0, sizeof(*c));
		return err;
	}
	c->count = tb[IFREG_A_COUNT] ? mnl_attr_get_u32(tb[IFREG_A_COUNT]) : 0;
	vec->count++;
	return 0;
}

int ifreg_class_list(struct ifreg_ctx *ctx, struct ifreg_class **classes, size_t *count)
{
	struct ifreg_class_vec vec = { .v = NULL };
	struct ifreg_msg m;
	int err;

	if (!ifreg_begin(ctx) || !classes || !count)
		return -EINVAL;
	err = ifreg_msg_init(&ctx->nl, &m, IFREG_CMD_CLASS_GET, NLM_F_DUMP);
	if (err)
		return err;
	err = ifreg_nl_dump(&ctx->nl, &m, ifreg_class_cb, ifreg_class_vec_reset, &vec);
	ifreg_msg_free(&m);
	if (err)
		return err;
	*classes = vec.v;
	*count = vec.count;
	return 0;
}
