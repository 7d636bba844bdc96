/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What libifreg's files share: the public header, with its functions the
 * only symbols left visible (everything else is built hidden), the
 * context, reply attributes turned into the library's strings and GUIDs
 * (attr.c), and the interface dump that ifreg_iface_list(),
 * ifreg_iface_alias() and ifreg_mon_list() all make (iface.c).
 */
#ifndef _IFREG_INTERNAL_H
#define _IFREG_INTERNAL_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#pragma GCC visibility push(default)
#include <ifreg/libifreg.h>
#pragma GCC visibility pop

#include "nl.h"

/* A connection to the ifreg family: the socket is all it holds. */
struct ifreg_ctx {
	struct ifreg_nl nl;
};

/*
 * ifreg_begin() - a call on @ctx starts: false when @ctx is NULL, else
 * the message of an earlier failure is forgotten, so that
 * ifreg_ctx_errmsg() never tells of another call than the last.
 */
static inline bool ifreg_begin(struct ifreg_ctx *ctx)
{
	if (!ctx)
		return false;
	ctx->nl.extack[0] = '\0';
	return true;
}

/* attr.c */
int ifreg_guid_norm(const char *s, char out[IFREG_GUID_STRING_SIZE]);
int ifreg_attr_guid(const struct nlattr *attr, char out[IFREG_GUID_STRING_SIZE]);
int ifreg_attr_strdup(const struct nlattr *attr, char **out);
int ifreg_attr_pdo(const struct nlattr *attr, char **out);
int ifreg_array_grow(void **array, size_t *cap, size_t count, size_t size);

/* iface.c: interfaces as an IFREG_CMD_INTERFACE_GET dump gives them. */
struct ifreg_iface_vec {
	struct ifreg_iface *v;
	size_t count, cap;
	uint64_t seq;		/* IFREG_F_DUMP_SEQ's message, when have_seq */
	bool have_seq;
};

int ifreg_iface_fill(const struct nlattr *tb[IFREG_A_MAX + 1], struct ifreg_iface *iface);
int ifreg_iface_dump(struct ifreg_ctx *ctx, const char *class_guid, const char *pdo,
		     uint32_t kflags, struct ifreg_iface_vec *vec);
void ifreg_iface_vec_reset(void *data);

#endif /* _IFREG_INTERNAL_H */
