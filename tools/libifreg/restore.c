// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Bringing saved state back, as ifregctl restore does: a registration
 * (IFREG_CMD_INTERFACE_RESTORE), a persistent entry (IFREG_CMD_STORE_SET),
 * a class's default (IFREG_CMD_CLASS_SET_DEFAULT) and a LUID index
 * (IFREG_CMD_LUID_RESERVE). With a struct ifreg_check each is only checked
 * (IFREG_F_CHECK): the request carries what the records before it add,
 * those of the IFREG_A_AHEAD_* the kernel reads for that command, and
 * the reply says what this one adds.
 */
#include <string.h>

#include "internal.h"

/* struct ifreg_ahead's fields, in the order of their attributes. */
enum {
	AHEAD_INSTANCES, AHEAD_CLASS_INSTANCES, AHEAD_CLASSES, AHEAD_ENTRIES, AHEAD_BYTES,
	AHEAD_LUID_INDEXES, AHEAD_RESERVATIONS, AHEAD_N
};

static const uint16_t ifreg_ahead_attr[AHEAD_N] = {
	IFREG_A_AHEAD_INSTANCES, IFREG_A_AHEAD_CLASS_INSTANCES, IFREG_A_AHEAD_CLASSES,
	IFREG_A_AHEAD_ENTRIES, IFREG_A_AHEAD_BYTES, IFREG_A_AHEAD_LUID_INDEXES,
	IFREG_A_AHEAD_RESERVATIONS,
};

/* IFREG_A_AHEAD_BYTES is an s32, sent and read as its 32 bits. */
static void ifreg_ahead_to(const struct ifreg_ahead *a, uint32_t v[AHEAD_N])
{
	v[AHEAD_INSTANCES] = a->instances;
	v[AHEAD_CLASS_INSTANCES] = a->class_instances;
	v[AHEAD_CLASSES] = a->classes;
	v[AHEAD_ENTRIES] = a->entries;
	v[AHEAD_BYTES] = (uint32_t)a->bytes;
	v[AHEAD_LUID_INDEXES] = a->luid_indexes;
	v[AHEAD_RESERVATIONS] = a->reservations;
}

static void ifreg_ahead_from(struct ifreg_ahead *a, const uint32_t v[AHEAD_N])
{
	a->instances = v[AHEAD_INSTANCES];
	a->class_instances = v[AHEAD_CLASS_INSTANCES];
	a->classes = v[AHEAD_CLASSES];
	a->entries = v[AHEAD_ENTRIES];
	a->bytes = (int32_t)v[AHEAD_BYTES];
	a->luid_indexes = v[AHEAD_LUID_INDEXES];
	a->reservations = v[AHEAD_RESERVATIONS];
}

struct ifreg_restore_reply {
	char *link;
	bool exists;
	uint32_t adds[AHEAD_N];
};

static int ifreg_restore_cb(const struct nlattr *tb[IFREG_A_MAX + 1], void *data)
{
	struct ifreg_restore_reply *r = data;
	int i;

	if (tb[IFREG_A_EXISTS])
		r->exists = true;
	for (i = 0; i < AHEAD_N; i++)
		if (tb[ifreg_ahead_attr[i]])
			r->adds[i] = mnl_attr_get_u32(tb[ifreg_ahead_attr[i]]);
	if (tb[IFREG_A_SYMBOLIC_LINK] && !r->link) {
		r->link = strdup(mnl_attr_get_str(tb[IFREG_A_SYMBOLIC_LINK]));
		if (!r->link)
			return -ENOMEM;
	}
	return 0;
}

/*
 * ifreg_restore_send: M, applied, or checked when CHECK is given with the
 * sums FIRST to LAST of check->before; check->adds receives what the reply
 * says. Consumes M. Returns 0 or the negative errno; R holds the reply.
 */
static int ifreg_restore_send(struct ifreg_ctx *ctx, struct ifreg_msg *m, int first, int last,
			      struct ifreg_check *check, struct ifreg_restore_reply *r)
{
	uint32_t before[AHEAD_N];
	int i, err;

	memset(r, 0, sizeof(*r));
	if (check) {
		ifreg_ahead_to(&check->before, before);
		ifreg_msg_put_u32(m, IFREG_A_FLAGS, IFREG_F_CHECK);
		for (i = first; i <= last; i++)
			ifreg_msg_put_u32(m, ifreg_ahead_attr[i], before[i]);
	}
	err = ifreg_nl_talk(&ctx->nl, m, ifreg_restore_cb, r);
	ifreg_msg_free(m);
	if (err) {
		free(r->link);
		r->link = NULL;
		return err;
	}
	if (check)
		ifreg_ahead_from(&check->adds, r->adds);
	return 0;
}

int ifreg_restore_iface(struct ifreg_ctx *ctx, const char *instance_path,
			const char *class_guid, const char *reference, const char *pdo,
			struct ifreg_check *check, char **symbolic_link)
{
	char guid[IFREG_GUID_STRING_SIZE];
	struct ifreg_restore_reply r;
	struct ifreg_msg m;
	int err;

	if (!ifreg_begin(ctx) || !instance_path || ifreg_guid_norm(class_guid, guid))
		return -EINVAL;
	if (check)
		memset(&check->adds, 0, sizeof(check->adds));
	err = ifreg_msg_init(&ctx->nl, &m, IFREG_CMD_INTERFACE_RESTORE, NLM_F_ACK);
	if (err)
		return err;
	ifreg_msg_put_str(&m, IFREG_A_INSTANCE_PATH, instance_path);
	ifreg_msg_put_str(&m, IFREG_A_CLASS, guid);
	if (reference)
		ifreg_msg_put_str(&m, IFREG_A_REFERENCE, reference);
	if (pdo)
		ifreg_msg_put_str(&m, IFREG_A_PDO, pdo);
	err = ifreg_restore_send(ctx, &m, AHEAD_INSTANCES, AHEAD_CLASSES, check, &r);
	if (err)
		return err;
	if (!r.link) {
		if (check)
			memset(&check->adds, 0, sizeof(check->adds));
		return -EBADMSG;
	}
	if (symbolic_link)
		*symbolic_link = r.link;
	else
		free(r.link);
	return r.exists ? 1 : 0;
}

int ifreg_restore_entry(struct ifreg_ctx *ctx, const char *symbolic_link,
			const struct ifreg_entry *entry, struct ifreg_check *check)
{
	char fmtid[IFREG_GUID_STRING_SIZE];
	struct ifreg_restore_reply r;
	struct ifreg_msg m;
	int err;

	if (!ifreg_begin(ctx) || !symbolic_link || !entry || (!entry->data && entry->size))
		return -EINVAL;
	if (!entry->value_name && ifreg_guid_norm(entry->fmtid, fmtid))
		return -EINVAL;
	if (check)
		memset(&check->adds, 0, sizeof(check->adds));
	err = ifreg_msg_init(&ctx->nl, &m, IFREG_CMD_STORE_SET, NLM_F_ACK);
	if (err)
		return err;
	ifreg_msg_put_str(&m, IFREG_A_SYMBOLIC_LINK, symbolic_link);
	if (entry->value_name) {
		ifreg_msg_put_str(&m, IFREG_A_VALUE_NAME, entry->value_name);
	} else {
		ifreg_msg_put_str(&m, IFREG_A_PROP_FMTID, fmtid);
		ifreg_msg_put_u32(&m, IFREG_A_PROP_PID, entry->pid);
		ifreg_msg_put_u32(&m, IFREG_A_PROP_TYPE, entry->type);
	}
	ifreg_msg_put_u32(&m, IFREG_A_STORE_FLAGS, IFREG_STORE_F_PERSISTENT);
	ifreg_msg_put(&m, IFREG_A_DATA, entry->size, entry->data);
	err = ifreg_restore_send(ctx, &m, AHEAD_ENTRIES, AHEAD_BYTES, check, &r);
	free(r.link);
	/*
	 * A check tries the entry before it looks for the instance: -ENOENT
	 * says the entry passed and the instance is not there yet (one the
	 * store registers anew), where it would be added whole.
	 */
	if (err == -ENOENT && check) {
		check->adds.entries = 1;
		check->adds.bytes = (int32_t)entry->size;
	}
	return err;
}

int ifreg_restore_default(struct ifreg_ctx *ctx, const char *symbolic_link,
			  struct ifreg_check *check)
{
	struct ifreg_restore_reply r;
	struct ifreg_msg m;
	int err;

	if (!ifreg_begin(ctx) || !symbolic_link)
		return -EINVAL;
	if (check)
		memset(&check->adds, 0, sizeof(check->adds));
	err = ifreg_msg_init(&ctx->nl, &m, IFREG_CMD_CLASS_SET_DEFAULT, NLM_F_ACK);
	if (err)
		return err;
	ifreg_msg_put_str(&m, IFREG_A_SYMBOLIC_LINK, symbolic_link);
	/* Nothing counted: a default adds nothing to the caps. */
	err = ifreg_restore_send(ctx, &m, 0, -1, check, &r);
	free(r.link);
	return err;
}

int ifreg_restore_luid(struct ifreg_ctx *ctx, uint16_t iftype, uint32_t index,
		       const char *key, struct ifreg_check *check)
{
	struct ifreg_restore_reply r;
	struct ifreg_msg m;
	int err;

	if (!ifreg_begin(ctx))
		return -EINVAL;
	if (check)
		memset(&check->adds, 0, sizeof(check->adds));
	err = ifreg_msg_init(&ctx->nl, &m, IFREG_CMD_LUID_RESERVE, NLM_F_ACK);
	if (err)
		return err;
	ifreg_msg_put_u16(&m, IFREG_A_IFTYPE, iftype);
	ifreg_msg_put_u32(&m, IFREG_A_LUID_INDEX, index);
	if (key)
		ifreg_msg_put_str(&m, IFREG_A_LUID_KEY, key);
	err = ifreg_restore_send(ctx, &m, AHEAD_LUID_INDEXES, AHEAD_RESERVATIONS, check, &r);
	free(r.link);
	if (err)
		return err;
	return r.exists ? 1 : 0;
}
