// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The context: one netlink socket, the ifreg family resolved on it, and
 * the kernel's message for the last failed call.
 */
#include <string.h>

#include "internal.h"
#include "version.h"

int ifreg_ctx_open(struct ifreg_ctx **ctx)
{
	struct ifreg_ctx *c;
	int err;

	if (!ctx)
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	err = ifreg_nl_open(&c->nl);
	if (err)
		goto err_free;
	/* -ENOENT: no family "ifreg", the module is not loaded. */
	err = ifreg_nl_resolve(&c->nl);
	if (err)
		goto err_close;
	*ctx = c;
	return 0;

err_close:
	ifreg_nl_close(&c->nl);
err_free:
	free(c);
	return err;
}

void ifreg_ctx_close(struct ifreg_ctx *ctx)
{
	if (!ctx)
		return;
	ifreg_nl_close(&ctx->nl);
	free(ctx);
}

const char *ifreg_ctx_errmsg(const struct ifreg_ctx *ctx)
{
	return ctx ? ctx->nl.extack : "";
}

const char *ifreg_lib_version(void)
{
	return IFREG_LIB_VERSION;
}
