// SPDX-License-Identifier: GPL-2.0
/*
 * ifregctl: the command line over the ifreg generic netlink family.
 * Follows the registry's events; interfaces and classes are interface.c's
 * business, an instance's values and properties prop.c's, the NDIS table
 * ndis.c's, LUID indexes luid.c's, save and restore persist.c's (with the
 * store format in store.c); what the commands share is utils.c's.
 * Human output by default, JSON with --json (as `ip -j`). Exit codes are an
 * interface (see ifregctl(8)): 0 ok, 1 failed, 2 usage, 3 no module, 4 a
 * store restore refused.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <net/if.h>

#include "genl.h"
#include "ifregctl.h"
#include "json.h"

#ifndef IFREGCTL_VERSION
#define IFREGCTL_VERSION "unknown"
#endif

static const char usage_text[] =
"Usage: ifregctl [--json] COMMAND [ARGS]\n"
"\n"
"Device interfaces (changes need CAP_SYS_ADMIN):\n"
"  list [--class GUID] [--device SYSFSPATH] [--all]\n"
"                               enabled instances (--all: disabled too)\n"
"  classes                      interface classes, their counts and defaults\n"
"  show LINK                    one instance\n"
"  register SYSFSPATH GUID [REFERENCE]\n"
"                               register an interface, print its link\n"
"  enable LINK | disable LINK   set an instance's state\n"
"  remove LINK                  remove a registration\n"
"  set-default LINK             make LINK its class's default\n"
"\n"
"Per-instance storage (KEY: a value NAME, or a property {FMTID}:PID;\n"
"changes need CAP_SYS_ADMIN):\n"
"  prop LINK                    the instance's values and properties\n"
"  prop LINK get KEY            one of them\n"
"  prop LINK set KEY [--type N] [--persistent] (--string S | --hex HEX | --u32 N)\n"
"  prop LINK delete KEY\n"
"\n"
"NDIS interfaces of this network namespace (changes need CAP_NET_ADMIN):\n"
"  ndis [IFINDEX | 0xLUID | NAME]\n"
"  luid [list]                  allocated NetLuidIndexes\n"
"  luid alloc IFTYPE            allocate one, print it\n"
"  luid free IFTYPE INDEX       free one\n"
"\n"
"Persistence (restore needs CAP_SYS_ADMIN and CAP_NET_ADMIN):\n"
"  save FILE                    registrations, persistent values and properties,\n"
"                               defaults and LUID indexes, into FILE atomically\n"
"  restore [--check] FILE       check FILE whole, then load it (--check: only check)\n"
"\n"
"Events:\n"
"  monitor [--count N]          print registry events as they happen\n"
"\n"
"Options:\n"
"  -j, --json                   JSON output (list, classes, show, ndis,\n"
"                               monitor, register, prop, luid, restore)\n"
"  -h, --help                   this text\n"
"  -V, --version                the version\n"
"\n"
"Exit status: 0 ok, 1 the operation failed, 2 usage error,\n"
"3 the ifreg module is not loaded, 4 restore refused the store (nothing\n"
"applied). See ifregctl(8).\n";

/* ---- events ---- */

struct monitor {
	unsigned long long limit, seen;
	uint64_t last;
	bool have_last;
};

static const char *event_name(uint32_t ev)
{
	switch (ev) {
	case IFREG_EVENT_ARRIVAL:
		return "arrival";
	case IFREG_EVENT_REMOVAL:
		return "removal";
	case IFREG_EVENT_REGISTERED:
		return "registered";
	case IFREG_EVENT_REMOVED:
		return "removed";
	}
	return NULL;
}

/* One event: a line, and a word on stderr when the sequence has a hole. */
static int event_cb(const struct nlattr *tb[], void *data)
{
	struct monitor *m = data;
	uint64_t seq = tb[IFREG_A_SEQ] ? mnl_attr_get_u64(tb[IFREG_A_SEQ]) : 0;
	uint32_t ev = u32_attr(tb, IFREG_A_EVENT);
	char evbuf[24];
	const char *name = event_name(ev);

	if (!name) {
		snprintf(evbuf, sizeof(evbuf), "event-%" PRIu32, ev);
		name = evbuf;
	}
	if (!tb[IFREG_A_SEQ])
		fputs("ifregctl: monitor: an event without a sequence number\n", stderr);
	else if (m->have_last && seq != m->last + 1) {
		fflush(stdout);
		if (seq > m->last + 1)
			fprintf(stderr, "ifregctl: monitor: missed %" PRIu64 " event(s) (seq %" PRIu64 " to %" PRIu64 ")\n",
				seq - m->last - 1, m->last + 1, seq - 1);
		else
			fprintf(stderr, "ifregctl: monitor: sequence went from %" PRIu64 " back to %" PRIu64 " (module reloaded?)\n",
				m->last, seq);
	}
	if (tb[IFREG_A_SEQ]) {
		m->last = seq;
		m->have_last = true;
	}

	if (json) {
		json_open_object(stdout, NULL);
		json_uint(stdout, "seq", seq);
		json_string(stdout, "event", name);
		if (tb[IFREG_A_CLASS])
			json_string(stdout, "class", str_attr(tb, IFREG_A_CLASS));
		if (tb[IFREG_A_SYMBOLIC_LINK])
			json_string(stdout, "link", str_attr(tb, IFREG_A_SYMBOLIC_LINK));
		json_close_object(stdout);
		json_end(stdout);
	} else {
		printf("%" PRIu64 " %s %s %s\n", seq, name, str_attr(tb, IFREG_A_CLASS) ?: "-",
		       str_attr(tb, IFREG_A_SYMBOLIC_LINK) ?: "-");
	}
	fflush(stdout);
	return m->limit && ++m->seen >= m->limit ? 1 : 0;
}

static int cmd_monitor(int argc, char **argv)
{
	struct monitor m = { .limit = 0 };
	const char *count = NULL;
	struct ifc_genl g;
	char *end;
	int i, r;

	for (i = 1; i < argc; i++) {
		if (is_json_opt(argv[i])) {
			json = true;
		} else if ((r = opt_value(argc, argv, &i, "--count", &count)) != 0) {
			if (r < 0)
				return usage_error("%s needs a value", argv[i]);
			errno = 0;
			m.limit = strtoull(count, &end, 10);
			if (errno || *end || !isdigit((unsigned char)count[0]) || m.limit == 0)
				return usage_error("--count wants a number of events from 1 up, not '%s'", count);
		} else {
			return usage_error("monitor: unexpected '%s'", argv[i]);
		}
	}
	r = connect_ifreg(&g);
	if (r)
		return r;
	r = ifc_genl_subscribe(&g);
	if (r) {
		r = fail(&g, "monitor: joining the \"" IFREG_MCGRP_EVENTS "\" group", r,
			 "the family has no events group");
		ifc_genl_close(&g);
		return r;
	}
	/* Without it monitor would wait forever once the module is gone. */
	r = ifc_genl_watch_family(&g);
	if (r) {
		r = fail(&g, "monitor: joining nlctrl's \"notify\" group", r, NULL);
		ifc_genl_close(&g);
		return r;
	}
	for (;;) {
		r = ifc_genl_listen(&g, event_cb, &m);
		if (r == -ENOBUFS) {
			fflush(stdout);
			fputs("ifregctl: monitor: events lost (receive buffer overrun)\n", stderr);
			continue;
		}
		if (r)
			break;
	}
	ifc_genl_close(&g);
	if (g.family_gone) {
		fflush(stdout);
		fputs("ifregctl: monitor: the ifreg module was unloaded\n", stderr);
		return EXIT_NO_MODULE;
	}
	if (r < 0)
		return fail(&g, "monitor", r, NULL);
	return EXIT_OK;
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "list", cmd_list },
	{ "classes", cmd_classes },
	{ "show", cmd_show },
	{ "register", cmd_register },
	{ "enable", cmd_link_change },
	{ "disable", cmd_link_change },
	{ "remove", cmd_link_change },
	{ "set-default", cmd_link_change },
	{ "prop", cmd_prop },
	{ "ndis", cmd_ndis },
	{ "monitor", cmd_monitor },
	{ "luid", cmd_luid },
	{ "save", cmd_save },
	{ "restore", cmd_restore },
};

int main(int argc, char **argv)
{
	size_t c;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (is_json_opt(argv[i])) {
			json = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage_text, stdout);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "--version") || !strcmp(argv[i], "-V")) {
			printf("ifregctl %s (ifreg generic netlink version %d)\n",
			       IFREGCTL_VERSION, IFREG_GENL_VERSION);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else {
			return usage_error("unknown option '%s'", argv[i]);
		}
	}
	if (i >= argc)
		return usage_error("%s", "no command given");
	if (!strcmp(argv[i], "help")) {
		fputs(usage_text, stdout);
		return EXIT_OK;
	}
	for (c = 0; c < MNL_ARRAY_SIZE(commands); c++)
		if (!strcmp(argv[i], commands[c].name))
			return commands[c].fn(argc - i, argv + i);
	return usage_error("unknown command '%s'", argv[i]);
}
