// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Device interfaces: listed (an IFREG_CMD_INTERFACE_GET dump, asked again
 * while it races a change), read one by one (its do, without the store),
 * their alias found from a list, registered, enabled and disabled,
 * removed, made their class's default, and their device node opened.
 */
#include <fcntl.h>
#include <limits.h>
#include <string.h>

#include "internal.h"

void ifreg_iface_clear(struct ifreg_iface *iface)
{
	if (!iface)
		return;
	free(iface->symbolic_link);
	free(iface->reference);
	free(iface->instance_path);
	free(iface->pdo);
	free(iface->location);
	free(iface->devnode);
	memset(iface, 0, sizeof(*iface));
}

void ifreg_iface_array_free(struct ifreg_iface *ifaces, size_t count)
{
	size_t i;

	for (i = 0; ifaces && i < count; i++)
		ifreg_iface_clear(&ifaces[i]);
	free(ifaces);
}

/**
 * ifreg_iface_fill() - an instance from its attributes (a dump's, a do's
 * reply or an event)
 * @tb: the message's attributes, checked
 * @iface: receives it; zeroed on failure
 *
 * Return: 0; -EBADMSG when the link, the class or the instance path is
 * missing or the class is no GUID; -ENOMEM.
 */
int ifreg_iface_fill(const struct nlattr *tb[IFREG_A_MAX + 1], struct ifreg_iface *iface)
{
	int err;

	memset(iface, 0, sizeof(*iface));
	if (!tb[IFREG_A_SYMBOLIC_LINK] || !tb[IFREG_A_INSTANCE_PATH])
		return -EBADMSG;
	err = ifreg_attr_guid(tb[IFREG_A_CLASS], iface->class_guid);
	if (!err)
		err = ifreg_attr_strdup(tb[IFREG_A_SYMBOLIC_LINK], &iface->symbolic_link);
	if (!err)
		err = ifreg_attr_strdup(tb[IFREG_A_REFERENCE], &iface->reference);
	if (!err)
		err = ifreg_attr_strdup(tb[IFREG_A_INSTANCE_PATH], &iface->instance_path);
	if (!err)
		err = ifreg_attr_pdo(tb[IFREG_A_PDO], &iface->pdo);
	if (!err)
		err = ifreg_attr_strdup(tb[IFREG_A_LOCATION], &iface->location);
	if (!err)
		err = ifreg_attr_strdup(tb[IFREG_A_DEVNODE], &iface->devnode);
	if (err) {
		ifreg_iface_clear(iface);
		return err;
	}
	iface->enabled = tb[IFREG_A_ENABLED] && mnl_attr_get_u8(tb[IFREG_A_ENABLED]);
	iface->is_default = tb[IFREG_A_DEFAULT] != NULL;
	return 0;
}

/* ---- lists ---- */

/* ifreg_iface_vec_reset() - drop what a dump gathered (a raced try). */
void ifreg_iface_vec_reset(void *data)
{
	struct ifreg_iface_vec *vec = data;

	ifreg_iface_array_free(vec->v, vec->count);
	memset(vec, 0, sizeof(*vec));
}

static int ifreg_iface_vec_cb(const struct nlattr *tb[IFREG_A_MAX + 1], void *data)
{
	struct ifreg_iface_vec *vec = data;
	int err;

	/* IFREG_F_DUMP_SEQ's first message: the number alone. */
	if (tb[IFREG_A_SEQ] && !tb[IFREG_A_SYMBOLIC_LINK]) {
		vec->seq = mnl_attr_get_u64(tb[IFREG_A_SEQ]);
		vec->have_seq = true;
		return 0;
	}
	err = ifreg_array_grow((void **)&vec->v, &vec->cap, vec->count, sizeof(*vec->v));
	if (err)
		return err;
	err = ifreg_iface_fill(tb, &vec->v[vec->count]);
	if (!err)
		vec->count++;
	return err;
}

/**
 * ifreg_iface_dump() - the IFREG_CMD_INTERFACE_GET dump, whole
 * @ctx: the context
 * @class_guid: the class filter, checked already, or NULL
 * @pdo: the device filter, or NULL
 * @kflags: IFREG_A_FLAGS (IFREG_F_*), 0 for none
 * @vec: receives the instances (and IFREG_F_DUMP_SEQ's number); emptied
 *	on failure
 *
 * Return: 0, -EAGAIN when every try raced a change, or the request's
 * negative errno.
 */
int ifreg_iface_dump(struct ifreg_ctx *ctx, const char *class_guid, const char *pdo,
		     uint32_t kflags, struct ifreg_iface_vec *vec)
{
	struct ifreg_msg m;
	int err;

	memset(vec, 0, sizeof(*vec));
	err = ifreg_msg_init(&ctx->nl, &m, IFREG_CMD_INTERFACE_GET, NLM_F_DUMP);
	if (err)
		return err;
	if (class_guid)
		ifreg_msg_put_str(&m, IFREG_A_CLASS, class_guid);
	if (pdo)
		ifreg_msg_put_str(&m, IFREG_A_PDO, pdo);
	if (kflags)
		ifreg_msg_put_u32(&m, IFREG_A_FLAGS, kflags);
	err = ifreg_nl_dump(&ctx->nl, &m, ifreg_iface_vec_cb, ifreg_iface_vec_reset, vec);
	ifreg_msg_free(&m);
	return err;
}

/*
 * ifreg_pdo_path: a device's sysfs path as the kernel matches it, its own
 * under /sys/devices: symlinks (/sys/class/net/eth0/device) resolved. A
 * path that does not resolve goes as given, for the kernel to answer.
 */
static const char *ifreg_pdo_path(const char *pdo, char *buf)
{
	return pdo && realpath(pdo, buf) ? buf : pdo;
}

int ifreg_iface_list(struct ifreg_ctx *ctx, const char *class_guid, const char *pdo,
		     unsigned int flags, struct ifreg_iface **ifaces, size_t *count)
{
	char guid[IFREG_GUID_STRING_SIZE], path[PATH_MAX];
	struct ifreg_iface_vec vec;
	int err;

	if (!ifreg_begin(ctx) || !ifaces || !count || (flags & ~IFREG_LIST_INCLUDE_NONACTIVE))
		return -EINVAL;
	if (class_guid && ifreg_guid_norm(class_guid, guid))
		return -EINVAL;
	err = ifreg_iface_dump(ctx, class_guid ? guid : NULL, ifreg_pdo_path(pdo, path),
			       flags & IFREG_LIST_INCLUDE_NONACTIVE ? IFREG_F_INCLUDE_NONACTIVE : 0,
			       &vec);
	if (err)
		return err;
	*ifaces = vec.v;
	*count = vec.count;
	return 0;
}

/* ---- one instance ---- */

struct ifreg_iface_reply {
	struct ifreg_iface *iface;
	bool got;
};

static int ifreg_iface_get_cb(const struct nlattr *tb[IFREG_A_MAX + 1], void *data)
{
	struct ifreg_iface_reply *r = data;
	int err;

	if (r->got)
		return 0;
	err = ifreg_iface_fill(tb, r->iface);
	r->got = !err;
	return err;
}

int ifreg_iface_get(struct ifreg_ctx *ctx, const char *symbolic_link, struct ifreg_iface *iface)
{
	struct ifreg_iface_reply r = { .iface = iface };
	struct ifreg_msg m;
	int err;

	if (!ifreg_begin(ctx) || !symbolic_link || !iface)
		return -EINVAL;
	memset(iface, 0, sizeof(*iface));
	err = ifreg_msg_init(&ctx->nl, &m, IFREG_CMD_INTERFACE_GET, NLM_F_ACK);
	if (err)
		return err;
	ifreg_msg_put_str(&m, IFREG_A_SYMBOLIC_LINK, symbolic_link);
	/* The store may not fit one message; ifreg_store_list() dumps it. */
	ifreg_msg_put_u32(&m, IFREG_A_FLAGS, IFREG_F_NO_STORE);
	err = ifreg_nl_talk(&ctx->nl, &m, ifreg_iface_get_cb, &r);
	ifreg_msg_free(&m);
	if (!err && !r.got)
		err = -EBADMSG;
	if (err)
		ifreg_iface_clear(iface);
	return err;
}

/* Equal but for ASCII letter case, as the kernel compares names. */
static bool ifreg_fold_equal(const char *a, const char *b)
{
	unsigned char x, y;

	do {
		x = (unsigned char)*a++;
		y = (unsigned char)*b++;
		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
	} while (x && x == y);
	return x == y;
}

/*
 * The alias is what the kernel's ifreg_get_interface_alias() answers: the
 * instance of the other class with the same instance path and reference
 * string (none on both counts as the same), without regard to case,
 * enabled or not, bound or waiting. No command asks it, so the class is
 * listed; an instance path and reference make one name per class, so at
 * most one matches.
 */
int ifreg_iface_alias(struct ifreg_ctx *ctx, const char *symbolic_link,
		      const char *alias_class_guid, char **alias_link)
{
	char guid[IFREG_GUID_STRING_SIZE];
	struct ifreg_iface_vec vec;
	struct ifreg_iface inst;
	const struct ifreg_iface *a;
	size_t i;
	int err;

	if (!ifreg_begin(ctx) || !symbolic_link || !alias_link || ifreg_guid_norm(alias_class_guid, guid))
		return -EINVAL;
	err = ifreg_iface_get(ctx, symbolic_link, &inst);
	if (err)
		return err;
	err = ifreg_iface_dump(ctx, guid, NULL, IFREG_F_INCLUDE_NONACTIVE, &vec);
	if (err)
		goto out_inst;
	err = -ENOENT;
	for (i = 0; i < vec.count; i++) {
		a = &vec.v[i];
		if (!ifreg_fold_equal(a->instance_path, inst.instance_path))
			continue;
		if (a->reference && inst.reference ?
		    !ifreg_fold_equal(a->reference, inst.reference) : a->reference != inst.reference)
			continue;
		*alias_link = strdup(a->symbolic_link);
		err = *alias_link ? 0 : -ENOMEM;
		break;
	}
	ifreg_iface_vec_reset(&vec);
out_inst:
	ifreg_iface_clear(&inst);
	return err;
}

int ifreg_iface_open(struct ifreg_ctx *ctx, const char *symbolic_link, int oflags)
{
	struct ifreg_iface inst;
	int fd;

	fd = ifreg_iface_get(ctx, symbolic_link, &inst);
	if (fd)
		return fd;
	if (!inst.devnode) {
		fd = -ENODEV;
	} else {
		fd = open(inst.devnode, oflags | O_CLOEXEC);
		if (fd < 0)
			fd = -errno;
	}
	ifreg_iface_clear(&inst);
	return fd;
}

/* ---- changes ---- */

/* What a change's reply says: the instance's link, IFREG_A_EXISTS. */
struct ifreg_change_reply {
	char *link;
	bool exists;
};

static int ifreg_change_cb(const struct nlattr *tb[IFREG_A_MAX + 1], void *data)
{
	struct ifreg_change_reply *r = data;

	if (tb[IFREG_A_EXISTS])
		r->exists = true;
	if (tb[IFREG_A_SYMBOLIC_LINK] && !r->link) {
		r->link = strdup(mnl_attr_get_str(tb[IFREG_A_SYMBOLIC_LINK]));
		if (!r->link)
			return -ENOMEM;
	}
	return 0;
}

int ifreg_iface_register(struct ifreg_ctx *ctx, const char *pdo, const char *class_guid,
			 const char *reference, char **symbolic_link)
{
	char guid[IFREG_GUID_STRING_SIZE], path[PATH_MAX];
	struct ifreg_change_reply r = { .link = NULL };
	struct ifreg_msg m;
	int err;

	if (!ifreg_begin(ctx) || !pdo || ifreg_guid_norm(class_guid, guid))
		return -EINVAL;
	err = ifreg_msg_init(&ctx->nl, &m, IFREG_CMD_INTERFACE_REGISTER, NLM_F_ACK);
	if (err)
		return err;
	ifreg_msg_put_str(&m, IFREG_A_PDO, ifreg_pdo_path(pdo, path));
	ifreg_msg_put_str(&m, IFREG_A_CLASS, guid);
	if (reference)
		ifreg_msg_put_str(&m, IFREG_A_REFERENCE, reference);
	err = ifreg_nl_talk(&ctx->nl, &m, ifreg_change_cb, &r);
	ifreg_msg_free(&m);
	if (!err && !r.link)
		err = -EBADMSG;
	if (err) {
		free(r.link);
		return err;
	}
	if (symbolic_link)
		*symbolic_link = r.link;
	else
		free(r.link);
	return r.exists ? 1 : 0;
}

/* A change naming an instance, nothing else but what SET_STATE adds. */
static int ifreg_link_change(struct ifreg_ctx *ctx, uint8_t cmd, const char *symbolic_link,
			     int enable)
{
	struct ifreg_change_reply r = { .link = NULL };
	struct ifreg_msg m;
	int err;

	if (!ifreg_begin(ctx) || !symbolic_link)
		return -EINVAL;
	err = ifreg_msg_init(&ctx->nl, &m, cmd, NLM_F_ACK);
	if (err)
		return err;
	ifreg_msg_put_str(&m, IFREG_A_SYMBOLIC_LINK, symbolic_link);
	if (enable >= 0)
		ifreg_msg_put_u8(&m, IFREG_A_ENABLED, enable);
	err = ifreg_nl_talk(&ctx->nl, &m, ifreg_change_cb, &r);
	ifreg_msg_free(&m);
	free(r.link);
	if (err)
		return err;
	return r.exists ? 1 : 0;
}

int ifreg_iface_set_state(struct ifreg_ctx *ctx, const char *symbolic_link, bool enable)
{
	return ifreg_link_change(ctx, IFREG_CMD_INTERFACE_SET_STATE, symbolic_link, enable);
}

int ifreg_iface_remove(struct ifreg_ctx *ctx, const char *symbolic_link)
{
	return ifreg_link_change(ctx, IFREG_CMD_INTERFACE_REMOVE, symbolic_link, -1);
}

int ifreg_iface_set_default(struct ifreg_ctx *ctx, const char *symbolic_link)
{
	return ifreg_link_change(ctx, IFREG_CMD_CLASS_SET_DEFAULT, symbolic_link, -1);
}
