// SPDX-License-Identifier: GPL-2.0
/*
 * ifregctl: the command line over the ifreg generic netlink family. This
 * file is its front door: the usage text, the global options (--json,
 * --help, --version) and the table that hands each command to the file
 * that has it: interface.c (interfaces and classes), prop.c (an
 * instance's values and properties), ndis.c (the NDIS table), luid.c (LUID
 * indexes), monitor.c (events), persist.c (save and restore, with the
 * store format in store.c). What they share is utils.c's, over genl.c
 * (netlink) and json.c (--json), all declared in ifregctl.h.
 * Human output by default, JSON with --json (as `ip -j`). Exit codes are an
 * interface (see ifregctl(8)): 0 ok, 1 failed, 2 usage, 3 no module, 4 a
 * store restore refused.
 */
#include <stdio.h>
#include <string.h>

#include "ifregctl.h"

#ifndef IFREGCTL_VERSION
#define IFREGCTL_VERSION "unknown"
#endif

static const char usage_text[] =
"Usage: ifregctl [--json] COMMAND [ARGS]\n"
"\n"
"Device interfaces (changes need CAP_SYS_ADMIN):\n"
"  list [--class CLASS] [--device SYSFSPATH] [--all]\n"
"                               enabled instances (--all: disabled too)\n"
"  classes                      interface classes, their counts and defaults\n"
"  show LINK                    one instance\n"
"  register SYSFSPATH CLASS [REFERENCE]\n"
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
"CLASS: a GUID, or a well-known class by name: GUID_DEVINTERFACE_DISK or\n"
"disk; net, cdrom, volume, comport, hid, usb, keyboard, mouse, display.\n"
"\n"
"Exit status: 0 ok, 1 the operation failed, 2 usage error,\n"
"3 the ifreg module is not loaded, 4 restore refused the store (nothing\n"
"applied). See ifregctl(8).\n";

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
