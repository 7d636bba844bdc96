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

static int luid_cb(const struct nlattr *tb[], void *data)
{
	FILE *f = data;
	uint16_t iftype;
	uint32_t index;
	char luid[24];

	if (!tb[IFREG_A_IFTYPE] || !tb[IFREG_A_LUID_INDEX])
		return -EBADMSG;
	iftype = mnl_attr_get_u16(tb[IFREG_A_IFTYPE]);
	index = u32_attr(tb, IFREG_A_LUID_INDEX);
	snprintf(luid, sizeof(luid), "0x%016" PRIx64, net_luid(iftype, index));
	if (json) {
		json_open_object(f, NULL);
		json_uint(f, "iftype", iftype);
		json_uint(f, "luid_index", index);
		json_string(f, "net_luid", luid);
		if (tb[IFREG_A_IFINDEX])
			json_uint(f, "ifindex", u32_attr(tb, IFREG_A_IFINDEX));
		if (tb[IFREG_A_LUID_KEY])
			json_string(f, "key", str_attr(tb, IFREG_A_LUID_KEY));
		json_close_object(f);
		return 0;
	}
	fprintf(f, "iftype %u luid-index %" PRIu32 " luid %s", iftype, index, luid);
	if (tb[IFREG_A_IFINDEX])
		fprintf(f, " ifindex %" PRIu32, u32_attr(tb, IFREG_A_IFINDEX));
	if (tb[IFREG_A_LUID_KEY])
		fprintf(f, " key %s", str_attr(tb, IFREG_A_LUID_KEY));
	fputc('\n', f);
	return 0;
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

struct alloc_reply {
	uint32_t index;
	bool got;
};

static int alloc_cb(const struct nlattr *tb[], void *data)
{
	struct alloc_reply *rep = data;

	if (tb[IFREG_A_LUID_INDEX]) {
		rep->index = u32_attr(tb, IFREG_A_LUID_INDEX);
		rep->got = true;
	}
	return 0;
}

/*
 * luid [list] | luid alloc IFTYPE | luid free IFTYPE INDEX.
 */
int cmd_luid(int argc, char **argv)
{
	struct alloc_reply rep = { .got = false };
	char *pos[3] = { NULL };
	struct ifc_genl g;
	struct nlmsghdr *nlh;
	uint32_t iftype = 0, index = 0;
	char what[80];
	const char *action;
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

	r = connect_ifreg(&g);
	if (r)
		return r;
	if (!strcmp(action, "list")) {
		nlh = ifc_genl_msg(&g, msgbuf, IFREG_CMD_LUID_GET, NLM_F_DUMP);
		r = dump(&g, nlh, luid_cb, "luid list");
		ifc_genl_close(&g);
		return r;
	}

	fail_cap = "CAP_NET_ADMIN";
	nlh = ifc_genl_msg(&g, msgbuf, n == 2 ? IFREG_CMD_LUID_ALLOC : IFREG_CMD_LUID_FREE, NLM_F_ACK);
	mnl_attr_put_u16(nlh, IFREG_A_IFTYPE, iftype);
	if (n == 3)
		mnl_attr_put_u32(nlh, IFREG_A_LUID_INDEX, index);
	r = ifc_genl_talk(&g, nlh, alloc_cb, &rep);
	if (n == 3)
		snprintf(what, sizeof(what), "luid free %" PRIu32 " %" PRIu32, iftype, index);
	else
		snprintf(what, sizeof(what), "luid alloc %" PRIu32, iftype);
	if (r == -EINVAL && n == 3) {
		fprintf(stderr, "ifregctl: %s: not allocated for that IfType%s%s%s\n", what,
			g.extack[0] ? " (" : "", g.extack, g.extack[0] ? ")" : "");
		r = EXIT_FAILED;
	} else if (r == -EBUSY) {
		fprintf(stderr, "ifregctl: %s: in use by an interface\n", what);
		r = EXIT_FAILED;
	} else if (r == -ENOSPC) {
		fprintf(stderr, "ifregctl: %s: no free LUID index for that IfType\n", what);
		r = EXIT_FAILED;
	} else if (r) {
		r = fail(&g, what, r, NULL);
	} else if (n == 2 && !rep.got) {
		r = fail(&g, what, -EBADMSG, NULL);
	} else if (n == 2) {
		char luid[24];

		snprintf(luid, sizeof(luid), "0x%016" PRIx64, net_luid(iftype, rep.index));
		if (json) {
			json_open_object(stdout, NULL);
			json_uint(stdout, "iftype", iftype);
			json_uint(stdout, "luid_index", rep.index);
			json_string(stdout, "net_luid", luid);
			json_close_object(stdout);
			json_end(stdout);
		} else {
			/* The index alone, for idx=$(ifregctl luid alloc 6). */
			printf("%" PRIu32 "\n", rep.index);
		}
	}
	ifc_genl_close(&g);
	return r;
}
