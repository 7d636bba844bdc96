// SPDX-License-Identifier: GPL-2.0
/*
 * ifregctl ndis: the NDIS interface table of the caller's network
 * namespace, whole or one interface named by its ifIndex, its NET_LUID
 * (0x...) or its name. Enumerated fields (operational and administrative
 * status, access type) are shown by name, by number when they have none.
 * Every field the kernel answers is shown, 0 or not; a name only when the
 * interface is a netdev.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <net/if.h>

#include "ifregctl.h"
#include "json.h"

static const char *oper_name(uint32_t v)
{
	static const char *const names[] = {
		[1] = "up", [2] = "down", [3] = "testing", [4] = "unknown",
		[5] = "dormant", [6] = "notpresent", [7] = "lowerlayerdown",
	};

	return v < ARRAY_SIZE(names) && names[v] ? names[v] : NULL;
}

static const char *admin_name(uint32_t v)
{
	static const char *const names[] = { [1] = "up", [2] = "down", [3] = "testing" };

	return v < ARRAY_SIZE(names) && names[v] ? names[v] : NULL;
}

static const char *access_name(uint32_t v)
{
	static const char *const names[] = {
		[1] = "loopback", [2] = "broadcast", [3] = "point-to-point",
		[4] = "point-to-multipoint",
	};

	return v < ARRAY_SIZE(names) && names[v] ? names[v] : NULL;
}

/* An enumerated value by its name, or its number when it has none. */
static void enum_out(FILE *f, const char *key, uint32_t v, const char *(*name)(uint32_t))
{
	char num[16];

	if (!name(v))
		snprintf(num, sizeof(num), "%" PRIu32, v);
	if (json)
		json_string(f, key, name(v) ?: num);
	else
		fprintf(f, " %s %s", key, name(v) ?: num);
}

static void print_netif(FILE *f, const struct ifreg_netif *n)
{
	char luid[24];

	snprintf(luid, sizeof(luid), "0x%016" PRIx64, n->net_luid);
	if (json) {
		json_open_object(f, NULL);
		json_uint(f, "ifindex", n->ifindex);
		if (n->name[0])
			json_string(f, "name", n->name);
		json_string(f, "net_luid", luid);
		json_uint(f, "iftype", n->iftype);
		json_uint(f, "luid_index", n->luid_index);
		json_uint(f, "linux_ifindex", n->linux_ifindex);
		enum_out(f, "oper_status", n->oper_status, oper_name);
		enum_out(f, "admin_status", n->admin_status, admin_name);
		enum_out(f, "access_type", n->access_type, access_name);
		json_uint(f, "highest", n->highest);
		json_uint(f, "lowest", n->lowest);
		json_close_object(f);
		return;
	}
	fprintf(f, "%" PRIu32 ": %s luid %s", n->ifindex, n->name[0] ? n->name : "-", luid);
	fprintf(f, " iftype %u", n->iftype);
	fprintf(f, " luid-index %" PRIu32, n->luid_index);
	fprintf(f, " linux-ifindex %" PRIu32, n->linux_ifindex);
	enum_out(f, "oper", n->oper_status, oper_name);
	enum_out(f, "admin", n->admin_status, admin_name);
	enum_out(f, "access", n->access_type, access_name);
	fprintf(f, " highest %" PRIu32, n->highest);
	fprintf(f, " lowest %" PRIu32, n->lowest);
	fputc('\n', f);
}

/* How the argument names the interface: ifIndex, NET_LUID or name. */
enum ndis_by { NDIS_ALL, NDIS_IFINDEX, NDIS_LUID, NDIS_NAME };

/* parse_which: ARG's kind and number. -1, or the exit code. */
static int parse_which(const char *arg, enum ndis_by *by, uint64_t *num)
{
	char *end;

	errno = 0;
	if (!strncasecmp(arg, "0x", 2)) {
		*num = strtoull(arg + 2, &end, 16);
		/* strtoull() takes a sign, "0x-1" is no LUID. */
		if (errno || *end || !isxdigit((unsigned char)arg[2]))
			return usage_error("bad NET_LUID '%s'", arg);
		*by = NDIS_LUID;
	} else if (isdigit((unsigned char)arg[0])) {
		*num = strtoul(arg, &end, 10);
		if (errno || *end || *num > UINT32_MAX)
			return usage_error("bad ifIndex '%s'", arg);
		*by = NDIS_IFINDEX;
	} else {
		if (strlen(arg) >= IFNAMSIZ)
			return usage_error("'%s' is too long for an interface name", arg);
		*by = NDIS_NAME;
	}
	return -1;
}

/* Without an argument the whole table, with one a single interface. */
int cmd_ndis(int argc, char **argv)
{
	enum ndis_by by = NDIS_ALL;
	struct ifreg_netif *netifs = NULL, one;
	struct ifreg_ctx *ctx;
	char *pos[1] = { NULL };
	char what[64];
	uint64_t num = 0;
	size_t n = 0, i;
	int r;

	r = positional(argc, argv, 0, 1, pos);
	if (r >= 0)
		return r;
	r = pos[0] ? parse_which(pos[0], &by, &num) : -1;
	if (r >= 0)
		return r;
	r = connect_ifreg(&ctx);
	if (r)
		return r;
	switch (by) {
	case NDIS_ALL:
		r = ifreg_netif_list(ctx, &netifs, &n);
		break;
	case NDIS_IFINDEX:
		r = ifreg_netif_by_ifindex(ctx, num, &one);
		break;
	case NDIS_LUID:
		r = ifreg_netif_by_luid(ctx, num, &one);
		break;
	case NDIS_NAME:
		r = ifreg_netif_by_name(ctx, pos[0], &one);
		break;
	}
	if (r) {
		if (pos[0]) {
			snprintf(what, sizeof(what), "ndis %s", pos[0]);
			r = fail(kmsg(ctx), what, r, "no such NDIS interface");
		} else {
			r = fail(kmsg(ctx), "ndis", r, NULL);
		}
		ifreg_ctx_close(ctx);
		return r;
	}
	ifreg_ctx_close(ctx);
	if (pos[0]) {
		netifs = &one;
		n = 1;
	}
	if (json)
		json_open_array(stdout, NULL);
	for (i = 0; i < n; i++)
		print_netif(stdout, &netifs[i]);
	if (json) {
		json_close_array(stdout);
		json_end(stdout);
	}
	if (pos[0])
		ifreg_netif_clear(&one);
	else
		ifreg_netif_array_free(netifs, n);
	return EXIT_OK;
}
