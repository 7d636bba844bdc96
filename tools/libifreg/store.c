// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * An instance's store, its named values and DEVPROPKEY properties: read
 * whole by the IFREG_CMD_STORE_GET dump (one entry per message, however
 * large the store), one entry by its do, set and deleted.
 */
#include <string.h>

#include "internal.h"

/* An entry's key, as a request names it. */
struct ifreg_key {
	const char *name;	/* a value's name, or NULL for a property */
	char fmtid[IFREG_GUID_STRING_SIZE];
	uint32_t pid;
};

void ifreg_entry_clear(struct ifreg_entry *entry)
{
	if (!entry)
		return;
	free(entry->value_name);
	free(entry->data);
	memset(entry, 0, sizeof(*entry));
}

void ifreg_entry_array_free(struct ifreg_entry *entries, size_t count)
{
	size_t i;

	for (i = 0; entries && i < count; i++)
		ifreg_entry_clear(&entries[i]);
	free(entries);
}

/*
 * ifreg_entry_fill: the entry TB into E; its key from the reply, or from
 * KEY (the request's) when the reply does not repeat it. 0, -EBADMSG or
 * -ENOMEM; E is zeroed on failure.
 */
static int ifreg_entry_fill(const struct nlattr *tb[IFREG_A_MAX + 1], const struct ifreg_key *key,
			    struct ifreg_entry *e)
{
	size_t len;
	int err = 0;

	memset(e, 0, sizeof(*e));
	if (!tb[IFREG_A_DATA])
		return -EBADMSG;
	if (tb[IFREG_A_VALUE_NAME]) {
		err = ifreg_attr_strdup(tb[IFREG_A_VALUE_NAME], &e->value_name);
	} else if (tb[IFREG_A_PROP_FMTID] && tb[IFREG_A_PROP_PID]) {
		err = ifreg_attr_guid(tb[IFREG_A_PROP_FMTID], e->fmtid);
		e->pid = mnl_attr_get_u32(tb[IFREG_A_PROP_PID]);
	} else if (key && key->name) {
		e->value_name = strdup(key->name);
		err = e->value_name ? 0 : -ENOMEM;
	} else if (key) {
		memcpy(e->fmtid, key->fmtid, sizeof(e->fmtid));
		e->pid = key->pid;
	} else {
		err = -EBADMSG;
	}
	len = mnl_attr_get_payload_len(tb[IFREG_A_DATA]);
	if (!err && len) {
		e->data = malloc(len);
		if (e->data)
			memcpy(e->data, mnl_attr_get_payload(tb[IFREG_A_DATA]), len);
		else
			err = -ENOMEM;
	}
	if (err) {
		ifreg_entry_clear(e);
		return err;
	}
	e->size = len;
	if (!e->value_name && tb[IFREG_A_PROP_TYPE])
		e->type = mnl_attr_get_u32(tb[IFREG_A_PROP_TYPE]);
	if (tb[IFREG_A_STORE_FLAGS] &&
	    (mnl_attr_get_u32(tb[IFREG_A_STORE_FLAGS]) & IFREG_STORE_F_PERSISTENT))
		e->flags = IFREG_STORE_PERSISTENT;
	return 0;
}

/* ---- the whole store ---- */

struct ifreg_entry_vec {
	struct ifreg_entry *v;
	size_t count, cap;
};

static void ifreg_entry_vec_reset(void *data)
{
	struct ifreg_entry_vec *vec = data;

	ifreg_entry_array_free(vec->v, vec->count);
	memset(vec, 0, sizeof(*vec));
}

static int ifreg_entry_vec_cb(const struct nlattr *tb[IFREG_A_MAX + 1], void *data)
{
	struct ifreg_entry_vec *vec = data;
	int err;

	err = ifreg_array_grow((void **)&vec->v, &vec->cap, vec->count, sizeof(*vec->v));
	if (err)
		return err;
	err = ifreg_entry_fill(tb, NULL, &vec->v[vec->count]);
	if (!err)
		vec->count++;
	return err;
}

int ifreg_store_list(struct ifreg_ctx *ctx, const char *symbolic_link,
		     struct ifreg_entry **entries, size_t *count)
{
	struct ifreg_entry_vec vec = { .v = NULL };
	struct ifreg_msg m;
	int err;

	if (!ifreg_begin(ctx) || !symbolic_link || !entries || !count)
		return -EINVAL;
	err = ifreg_msg_init(&ctx->nl, &m, IFREG_CMD_STORE_GET, NLM_F_DUMP);
	if (err)
		return err;
	ifreg_msg_put_str(&m, IFREG_A_SYMBOLIC_LINK, symbolic_link);
	/* An instance removed while it is read ends the dump as raced. */
	err = ifreg_nl_dump(&ctx->nl, &m, ifreg_entry_vec_cb, ifreg_entry_vec_reset, &vec);
	ifreg_msg_free(&m);
	if (err)
		return err;
	*entries = vec.v;
	*count = vec.count;
	return 0;
}

/* ---- one entry ---- */

static void ifreg_put_key(struct ifreg_msg *m, const char *symbolic_link,
			  const struct ifreg_key *key)
{
	ifreg_msg_put_str(m, IFREG_A_SYMBOLIC_LINK, symbolic_link);
	if (key->name) {
		ifreg_msg_put_str(m, IFREG_A_VALUE_NAME, key->name);
	} else {
		ifreg_msg_put_str(m, IFREG_A_PROP_FMTID, key->fmtid);
		ifreg_msg_put_u32(m, IFREG_A_PROP_PID, key->pid);
	}
}

struct ifreg_entry_reply {
	const struct ifreg_key *key;
	struct ifreg_entry *entry;
	bool got;
};

static int ifreg_entry_get_cb(const struct nlattr *tb[IFREG_A_MAX + 1], void *data)
{
	struct ifreg_entry_reply *r = data;
	int err;

	if (r->got)
		return 0;
	err = ifreg_entry_fill(tb, r->key, r->entry);
	r->got = !err;
	return err;
}

static int ifreg_store_get(struct ifreg_ctx *ctx, const char *symbolic_link,
			   const struct ifreg_key *key, struct ifreg_entry *entry)
{
	struct ifreg_entry_reply r = { .key = key, .entry = entry };
	struct ifreg_msg m;
	int err;

	err = ifreg_msg_init(&ctx->nl, &m, IFREG_CMD_STORE_GET, NLM_F_ACK);
	if (err)
		return err;
	ifreg_put_key(&m, symbolic_link, key);
	err = ifreg_nl_talk(&ctx->nl, &m, ifreg_entry_get_cb, &r);
	ifreg_msg_free(&m);
	if (!err && !r.got)
		err = -EBADMSG;
	if (err)
		ifreg_entry_clear(entry);
	return err;
}

int ifreg_store_get_value(struct ifreg_ctx *ctx, const char *symbolic_link, const char *name,
			  struct ifreg_entry *entry)
{
	struct ifreg_key key = { .name = name };

	if (!ifreg_begin(ctx) || !symbolic_link || !name || !entry)
		return -EINVAL;
	memset(entry, 0, sizeof(*entry));
	return ifreg_store_get(ctx, symbolic_link, &key, entry);
}

int ifreg_store_get_property(struct ifreg_ctx *ctx, const char *symbolic_link,
			     const char *fmtid, uint32_t pid, struct ifreg_entry *entry)
{
	struct ifreg_key key = { .pid = pid };

	if (!ifreg_begin(ctx) || !symbolic_link || !entry || ifreg_guid_norm(fmtid, key.fmtid))
		return -EINVAL;
	memset(entry, 0, sizeof(*entry));
	return ifreg_store_get(ctx, symbolic_link, &key, entry);
}

/* SET (with data) or DEL (without) of one entry. */
static int ifreg_store_change(struct ifreg_ctx *ctx, uint8_t cmd, const char *symbolic_link,
			      const struct ifreg_key *key, uint32_t type,
			      const void *data, size_t size, uint32_t flags)
{
	struct ifreg_msg m;
	int err;

	if (!ifreg_begin(ctx) || !symbolic_link)
		return -EINVAL;
	if (cmd == IFREG_CMD_STORE_SET &&
	    ((flags & ~(uint32_t)IFREG_STORE_PERSISTENT) || (!data && size)))
		return -EINVAL;
	err = ifreg_msg_init(&ctx->nl, &m, cmd, NLM_F_ACK);
	if (err)
		return err;
	ifreg_put_key(&m, symbolic_link, key);
	if (cmd == IFREG_CMD_STORE_SET) {
		if (!key->name)
			ifreg_msg_put_u32(&m, IFREG_A_PROP_TYPE, type);
		ifreg_msg_put_u32(&m, IFREG_A_STORE_FLAGS,
				  flags & IFREG_STORE_PERSISTENT ? IFREG_STORE_F_PERSISTENT : 0);
		ifreg_msg_put(&m, IFREG_A_DATA, size, data);
	}
	err = ifreg_nl_talk(&ctx->nl, &m, NULL, NULL);
	ifreg_msg_free(&m);
	return err;
}

int ifreg_store_set_value(struct ifreg_ctx *ctx, const char *symbolic_link, const char *name,
			  const void *data, size_t size, uint32_t flags)
{
	struct ifreg_key key = { .name = name };

	if (!ifreg_begin(ctx) || !name)
		return -EINVAL;
	return ifreg_store_change(ctx, IFREG_CMD_STORE_SET, symbolic_link, &key, 0, data, size,
				  flags);
}

int ifreg_store_set_property(struct ifreg_ctx *ctx, const char *symbolic_link,
			     const char *fmtid, uint32_t pid, uint32_t type,
			     const void *data, size_t size, uint32_t flags)
{
	struct ifreg_key key = { .pid = pid };

	if (!ifreg_begin(ctx) || ifreg_guid_norm(fmtid, key.fmtid))
		return -EINVAL;
	return ifreg_store_change(ctx, IFREG_CMD_STORE_SET, symbolic_link, &key, type, data, size,
				  flags);
}

int ifreg_store_delete_value(struct ifreg_ctx *ctx, const char *symbolic_link, const char *name)
{
	struct ifreg_key key = { .name = name };

	if (!ifreg_begin(ctx) || !name)
		return -EINVAL;
	return ifreg_store_change(ctx, IFREG_CMD_STORE_DEL, symbolic_link, &key, 0, NULL, 0, 0);
}

int ifreg_store_delete_property(struct ifreg_ctx *ctx, const char *symbolic_link,
				const char *fmtid, uint32_t pid)
{
	struct ifreg_key key = { .pid = pid };

	if (!ifreg_begin(ctx) || ifreg_guid_norm(fmtid, key.fmtid))
		return -EINVAL;
	return ifreg_store_change(ctx, IFREG_CMD_STORE_DEL, symbolic_link, &key, 0, NULL, 0, 0);
}
