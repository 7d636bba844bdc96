// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What libifreg answers on a machine without the ifreg module (make
 * hosttest runs it, under valgrind where it can): opening a context or a
 * monitor is -ENOENT, arguments are checked before the kernel is asked,
 * and what may be given NULL takes it. Exits 0 when all holds.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <ifreg/libifreg.h>

static int status;

static void expect(const char *what, int got, int want)
{
	if (got == want)
		return;
	fprintf(stderr, "nomodule: %s: %d (%s), not %d (%s)\n", what, got,
		got < 0 ? strerror(-got) : "success", want, strerror(-want));
	status = 1;
}

int main(void)
{
	struct ifreg_ctx *ctx = NULL;
	struct ifreg_mon *mon = NULL;
	int err;

	err = ifreg_ctx_open(&ctx);
	expect("ifreg_ctx_open", err, -ENOENT);
	if (!err)
		ifreg_ctx_close(ctx);
	err = ifreg_mon_open(&mon, NULL);
	expect("ifreg_mon_open(NULL)", err, -ENOENT);
	if (!err)
		ifreg_mon_close(mon);
	err = ifreg_mon_open(&mon, "{53F56307-B6BF-11D0-94F2-00A0C91EFB8B}");
	expect("ifreg_mon_open(disk)", err, -ENOENT);
	if (!err)
		ifreg_mon_close(mon);
	/* A bad class is refused before anything is opened. */
	expect("ifreg_mon_open(bad GUID)", ifreg_mon_open(&mon, "{53f56307-b6bf-11d0-94f2}"),
	       -EINVAL);
	expect("ifreg_ctx_open(NULL)", ifreg_ctx_open(NULL), -EINVAL);
	expect("ifreg_iface_list(NULL ctx)", ifreg_iface_list(NULL, NULL, NULL, 0, NULL, NULL),
	       -EINVAL);
	if (strcmp(ifreg_ctx_errmsg(NULL), "") != 0) {
		fputs("nomodule: ifreg_ctx_errmsg(NULL) is not \"\"\n", stderr);
		status = 1;
	}
	ifreg_ctx_close(NULL);
	ifreg_mon_close(NULL);
	ifreg_iface_clear(NULL);
	ifreg_iface_array_free(NULL, 0);
	ifreg_class_array_free(NULL, 0);
	ifreg_entry_clear(NULL);
	ifreg_entry_array_free(NULL, 0);
	ifreg_event_clear(NULL);
	ifreg_netif_clear(NULL);
	ifreg_netif_array_free(NULL, 0);
	ifreg_luid_array_free(NULL, 0);
	return status;
}
