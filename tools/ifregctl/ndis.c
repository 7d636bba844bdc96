// SPDX-License-Identifier: GPL-2.0
/*
 * ifregctl ndis: the NDIS interface table of the caller's network
 * namespace, whole or one interface named by its ifIndex, its NET_LUID
 * (0x...) or its name. Enumerated fields (operational and administrative
 * status, access type) are shown by name, by number when they have none.
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

	return v < MNL_ARRAY_SIZE(names) && names[v] ? names[v] : NULL;
}

static const char *admin_name(uint32_t v)
{
	static const char *const names[] = { [1] = "up", [2] = "down", [3] = "testing" };

	return v < MNL_ARRAY_SIZE(names) && names[v] ? names[v] : NULL;
}

static const char *access_name(uint32_t v)
{
	static const char *const names[] = {
		[1] = "loopback", [2] = "broadcast", [3] = "point-to-point",
		[4] = "point-to-multipoint",
	};

	return v < MNL_ARRAY_SIZE(names) && names[v] ? names[v] : NULL;
}

/* An enumerated value by its name, or its number when it has none. */
static void enum_out(FILE *f, const char *key, const struct nlattr *tb[], int type,
		     const char *(*name)(uint32_t))
{
	uint32_t v;
	char num[16];

	if (!tb[type])
		return;
	v = mnl_attr_get_u32(tb[type]);
	if (!name(v))
		snprintf(num, sizeof(num), "%" PRIu32, v);
	if (json)
		json_string(f, key, name(v) ?: num);
	else
		fprintf(f, " %s %s", key, name(v) ?: num);
}

static int ndis_cb(const struct nlattr *tb[], void *data)
{
	FILE *f = data;
	char luid[24];

	snprintf(luid, sizeof(luid), "0x%016" PRIx64,
		 tb[IFREG_A_NET_LUID] ? mnl_attr_get_u64(tb[IFREG_A_NET_LUID]) : 0);
	if (json) {
		json_open_object(f, NULL);
		json_uint(f, "ifindex", u32_attr(tb, IFREG_A_IFINDEX));
		if (tb[IFREG_A_NAME])
			json_string(f, "name", str_attr(tb, IFREG_A_NAME));
		json_string(f, "net_luid", luid);
		if (tb[IFREG_A_IFTYPE])
			json_uint(f, "iftype", mnl_attr_get_u16(tb[IFREG_A_IFTYPE]));
		if (tb[IFREG_A_LUID_INDEX])
			json_uint(f, "luid_index", u32_attr(tb, IFREG_A_LUID_INDEX));
		if (tb[IFREG_A_LINUX_IFINDEX])
			json_uint(f, "linux_ifindex", u32_attr(tb, IFREG_A_LINUX_IFINDEX));
		enum_out(f, "oper_status", tb, IFREG_A_OPER_STATUS, oper_name);
		enum_out(f, "admin_status", tb, IFREG_A_ADMIN_STATUS, admin_name);
		enum_out(f, "access_type", tb, IFREG_A_ACCESS_TYPE, access_name);
		if (tb[IFREG_A_HIGHEST])
			json_uint(f, "highest", u32_attr(tb, IFREG_A_HIGHEST));
		if (tb[IFREG_A_LOWEST])
			json_uint(f, "lowest", u32_attr(tb, IFREG_A_LOWEST));
		json_close_object(f);
		return 0;
	}
	fprintf(f, "%" PRIu32 ": %s luid %s", u32_attr(tb, IFREG_A_IFINDEX),
		str_attr(tb, IFREG_A_NAME) ?: "-", luid);
	if (tb[IFREG_A_IFTYPE])
		fprintf(f, " iftype %u", mnl_attr_get_u16(tb[IFREG_A_IFTYPE]));
	if (tb[IFREG_A_LUID_INDEX])
		fprintf(f, " luid-index %" PRIu32, u32_attr(tb, IFREG_A_LUID_INDEX));
	if (tb[IFREG_A_LINUX_IFINDEX])
		fprintf(f, " linux-ifindex %" PRIu32, u32_attr(tb, IFREG_A_LINUX_IFINDEX));
	enum_out(f, "oper", tb, IFREG_A_OPER_STATUS, oper_name);
	enum_out(f, "admin", tb, IFREG_A_ADMIN_STATUS, admin_name);
	enum_out(f, "access", tb, IFREG_A_ACCESS_TYPE, access_name);
	if (tb[IFREG_A_HIGHEST])
		fprintf(f, " highest %" PRIu32, u32_attr(tb, IFREG_A_HIGHEST));
	if (tb[IFREG_A_LOWEST])
		fprintf(f, " lowest %" PRIu32, u32_attr(tb, IFREG_A_LOWEST));
	fputc('\n', f);
	return 0;
}

/* Without an argument the whole table, with one a single interface. */
int cmd_ndis(int argc, char **argv)
{
	struct ifc_genl g;
	struct nlmsghdr *nlh;
	char *pos[1] = { NULL };
	char what[64], *end;
	int r;

	r = positional(argc, argv, 0, 1, pos);
	if (r >= 0)
		return r;
	r = connect_ifreg(&g);
	if (r)
		return r;
	if (!pos[0]) {
		nlh = ifc_genl_msg(&g, msgbuf, IFREG_CMD_NDIS_GET, NLM_F_DUMP);
		r = dump(&g, nlh, ndis_cb, "ndis");
		ifc_genl_close(&g);
		return r;
	}

	nlh = ifc_genl_msg(&g, msgbuf, IFREG_CMD_NDIS_GET, NLM_F_ACK);
	errno = 0;
	if (!strncasecmp(pos[0], "0x", 2)) {
		unsigned long long luid = strtoull(pos[0] + 2, &end, 16);

		if (errno || *end || end == pos[0] + 2) {
			ifc_genl_close(&g);
			return usage_error("bad NET_LUID '%s'", pos[0]);
		}
		mnl_attr_put_u64(nlh, IFREG_A_NET_LUID, luid);
	} else if (isdigit((unsigned char)pos[0][0])) {
		unsigned long idx = strtoul(pos[0], &end, 10);

		if (errno || *end || idx > UINT32_MAX) {
			ifc_genl_close(&g);
			return usage_error("bad ifIndex '%s'", pos[0]);
		}
		mnl_attr_put_u32(nlh, IFREG_A_IFINDEX, idx);
	} else {
		if (strlen(pos[0]) >= IFNAMSIZ) {
			ifc_genl_close(&g);
			return usage_error("'%s' is too long for an interface name", pos[0]);
		}
		mnl_attr_put_strz(nlh, IFREG_A_NAME, pos[0]);
	}
	if (json)
		json_open_array(stdout, NULL);
	r = ifc_genl_talk(&g, nlh, ndis_cb, stdout);
	if (json) {
		json_close_array(stdout);
		json_end(stdout);
	}
	if (r) {
		fflush(stdout);
		snprintf(what, sizeof(what), "ndis %s", pos[0]);
		r = fail(&g, what, r, "no such NDIS interface");
	}
	ifc_genl_close(&g);
	return r;
}
