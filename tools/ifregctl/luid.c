// SPDX-License-Identifier: GPL-2.0
/*
 * ifregctl luid: the NetLuidIndex allocations of the caller's network
 * namespace (NdisIfAllocateNetLuidIndex / NdisIfFreeNetLuidIndex from user
 * space): list them, allocate one for an IfType, free one. Changes need
 * CAP_NET_ADMIN in the namespace's user namespace.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ifregctl.h"
#include "json.h"

/* As include/ifreg/ndis.h builds a NET_LUID: IfType, index, reserved. */
static uint64_t net_luid(uint16_t iftype, uint32_t index)
{
	return (uint64_t)iftype << 48 | (uint64_t)(index & 0xffffff) << 24;
}

static void print_luid(FILE *f, const struct ifreg_luid_index *l)
{
	char luid[24];

	snprintf(luid, sizeof(luid), "0x%016" PRIx64, net_luid(l->iftype, l->index));
	if (json) {
		json_open_object(f, NULL);
		json_uint(f, "iftype", l->iftype);
		json_uint(f, "luid_index", l->index);
		json_string(f, "net_luid", luid);
		if (l->ifindex)
			json_uint(f, "ifindex", l->ifindex);
		if (l->key)
			json_string(f, "key", l->key);
		json_close_object(f);
		return;
	}
	fprintf(f, "iftype %u luid-index %" PRIu32 " luid %s", l->iftype, l->index, luid);
	if (l->ifindex)
		fprintf(f, " ifindex %" PRIu32, l->ifindex);
	if (l->key)
		fprintf(f, " key %s", l->key);
	fputc('\n', f);
}

static int luid_list(struct ifreg_ctx *ctx)
{
	struct ifreg_luid_index *indexes;
	size_t n, i;
	int err;

	err = ifreg_luid_list(ctx, &indexes, &n);
	if (err)
		return fail(kmsg(ctx), "luid list", err, NULL);
	if (json)
		json_open_array(stdout, NULL);
	for (i = 0; i < n; i++)
		print_luid(stdout, &indexes[i]);
	if (json) {
		json_close_array(stdout);
		json_end(stdout);
	}
	ifreg_luid_array_free(indexes, n);
	return EXIT_OK;
}

/* parse_num: a decimal number from 0 (1 when NONZERO) to MAX. */
static bool parse_num(const char *s, uint32_t max, bool nonzero, uint32_t *v)
{
	unsigned long n;
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return false;
	errno = 0;
	n = strtoul(s, &end, 10);
	if (errno || *end || n > max || (nonzero && !n))
		return false;
	*v = n;
	return true;
}

/*
 * luid [list] | luid alloc IFTYPE | luid free IFTYPE INDEX.
 */
int cmd_luid(int argc, char **argv)
{
	char *pos[3] = { NULL };
	struct ifreg_ctx *ctx;
	uint32_t iftype = 0, index = 0;
	const char *action, *km;
	char what[80];
	int r, n;

	r = positional(argc, argv, 0, 3, pos);
	if (r >= 0)
		return r;
	for (n = 0; n < 3 && pos[n]; n++)
		;
	action = pos[0] ?: "list";
	if (!strcmp(action, "list")) {
		if (n > 1)
			return usage_error("luid list: unexpected '%s'", pos[1]);
	} else if (!strcmp(action, "alloc")) {
		if (n != 2)
			return usage_error("%s", "luid alloc wants IFTYPE");
	} else if (!strcmp(action, "free")) {
		if (n != 3)
			return usage_error("%s", "luid free wants IFTYPE INDEX");
	} else {
		return usage_error("luid: unknown action '%s' (want list, alloc or free)", action);
	}
	if (n >= 2 && !parse_num(pos[1], UINT16_MAX, false, &iftype))
		return usage_error("bad IfType '%s' (want a number from 0 to 65535)", pos[1]);
	if (n == 3 && !parse_num(pos[2], 0xffffff, true, &index))
		return usage_error("bad LUID index '%s' (want a number from 1 to 16777215)", pos[2]);

	r = connect_ifreg(&ctx);
	if (r)
		return r;
	if (!strcmp(action, "list")) {
		r = luid_list(ctx);
		ifreg_ctx_close(ctx);
		return r;
	}

	fail_cap = "CAP_NET_ADMIN";
	if (n == 3) {
		r = ifreg_luid_free(ctx, iftype, index);
		snprintf(what, sizeof(what), "luid free %" PRIu32 " %" PRIu32, iftype, index);
	} else {
		r = ifreg_luid_alloc(ctx, iftype, &index);
		snprintf(what, sizeof(what), "luid alloc %" PRIu32, iftype);
	}
	km = kmsg(ctx);
	if (r == -EINVAL && n == 3) {
		fprintf(stderr, "ifregctl: %s: not allocated for that IfType%s%s%s\n", what,
			km ? " (" : "", km ?: "", km ? ")" : "");
		r = EXIT_FAILED;
	} else if (r == -EBUSY) {
		fprintf(stderr, "ifregctl: %s: in use by an interface\n", what);
		r = EXIT_FAILED;
	} else if (r == -ENOSPC) {
		fprintf(stderr, "ifregctl: %s: no free LUID index for that IfType\n", what);
		r = EXIT_FAILED;
	} else if (r) {
		r = fail(km, what, r, NULL);
	} else if (n == 2) {
		char luid[24];

		snprintf(luid, sizeof(luid), "0x%016" PRIx64, net_luid(iftype, index));
		if (json) {
			json_open_object(stdout, NULL);
			json_uint(stdout, "iftype", iftype);
			json_uint(stdout, "luid_index", index);
			json_string(stdout, "net_luid", luid);
			json_close_object(stdout);
			json_end(stdout);
		} else {
			/* The index alone, for idx=$(ifregctl luid alloc 6). */
			printf("%" PRIu32 "\n", index);
		}
	}
	ifreg_ctx_close(ctx);
	return r;
}
