// SPDX-License-Identifier: GPL-2.0
/*
 * ifregctl: the command line over the ifreg registry, through libifreg.
 * This file is its front door: the usage text, each command's own usage
 * (ifregctl help CMD, ifregctl CMD --help), the global options (--json,
 * --pretty, --help, --version) and the table that hands each command to
 * the file that has it: interface.c (interfaces and classes), prop.c (an
 * instance's values and properties), ndis.c (the NDIS table), luid.c (LUID
 * indexes), monitor.c (events), persist.c (save and restore, with the
 * store format in store.c). What they share is utils.c's and json.c's
 * (--json), declared in ifregctl.h and json.h.
 * Human output by default, JSON with --json (as `ip -j`, indented with
 * --pretty as `ip -j -p`). Exit codes are an interface (see ifregctl(8)):
 * 0 ok, 1 failed, 2 usage, 3 no module, 4 a store restore refused.
 */
#include <stdio.h>
#include <string.h>

/* IFREG_GENL_VERSION alone, for --version: the protocol libifreg speaks. */
#include <linux/ifreg.h>

#include "ifregctl.h"
#include "json.h"
#include "version.h"

/* The command running, for usage errors and --help; NULL before one. */
const char *command;

static const char usage_text[] =
"Usage: ifregctl [--json [--pretty]] COMMAND [ARGS]\n"
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
"  help [COMMAND]               this text, or COMMAND's (as COMMAND --help)\n"
"\n"
"Options (before the command or among its arguments):\n"
"  -j, --json                   JSON output (list, classes, show, ndis,\n"
"                               monitor, register, prop, luid, restore)\n"
"  -p, --pretty                 with --json, indented (as ip -j -p)\n"
"  -h, --help                   this text; after a command, its usage\n"
"  -V, --version                the version\n"
"\n"
"CLASS: a GUID, or a well-known class by name: GUID_DEVINTERFACE_DISK or\n"
"disk; net, cdrom, volume, comport, hid, usb, keyboard, mouse, display.\n"
"\n"
"Exit status: 0 ok, 1 the operation failed, 2 usage error,\n"
"3 the ifreg module is not loaded, 4 restore refused the store (nothing\n"
"applied). See ifregctl(8).\n";

/* What follows every command's usage. */
static const char common_text[] =
"\n"
"  -j, --json          JSON output\n"
"  -p, --pretty        with --json, indented (as ip -j -p)\n"
"  -h, --help          this text\n";

static const char class_text[] =
"CLASS: a GUID, or a well-known class by name: GUID_DEVINTERFACE_DISK or\n"
"disk; net, cdrom, volume, comport, hid, usb, keyboard, mouse, display.\n";

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;	/* its synopsis, what it does, its options */
	bool classes;		/* it takes a CLASS */
} commands[] = {
	{ "list", cmd_list,
	  "list [--class CLASS] [--device SYSFSPATH] [--all]\n"
	  "The enabled device interfaces, one line each: the symbolic link first,\n"
	  "class by class, each class's default first.\n"
	  "\n"
	  "  -c, --class CLASS   only the instances of CLASS\n"
	  "  -d, --device SYSFSPATH\n"
	  "                      only the instances on that device\n"
	  "  -a, --all           registrations that are not enabled too\n", true },
	{ "classes", cmd_classes,
	  "classes\n"
	  "The interface classes: each one's registered instances and its default.\n", false },
	{ "show", cmd_show,
	  "show LINK\n"
	  "One instance (LINK: its symbolic link, \\??\\ or \\\\?\\, any case), with\n"
	  "its values and properties.\n", false },
	{ "register", cmd_register,
	  "register SYSFSPATH CLASS [REFERENCE]\n"
	  "Register an interface of CLASS on the device at SYSFSPATH (any path to it\n"
	  "in sysfs), with an optional reference string; print its symbolic link.\n"
	  "Needs CAP_SYS_ADMIN.\n", true },
	{ "enable", cmd_link_change,
	  "enable LINK\n"
	  "Enable an instance: its arrival is announced. Needs CAP_SYS_ADMIN.\n", false },
	{ "disable", cmd_link_change,
	  "disable LINK\n"
	  "Disable an instance: its removal is announced. Needs CAP_SYS_ADMIN.\n", false },
	{ "remove", cmd_link_change,
	  "remove LINK\n"
	  "Remove a registration that is not enabled. Needs CAP_SYS_ADMIN.\n", false },
	{ "set-default", cmd_link_change,
	  "set-default LINK\n"
	  "Make LINK its class's default interface. Needs CAP_SYS_ADMIN.\n", false },
	{ "prop", cmd_prop,
	  "prop LINK\n"
	  "       ifregctl prop LINK get KEY\n"
	  "       ifregctl prop LINK set KEY [--type N] [--persistent] (--string S | --hex HEX | --u32 N)\n"
	  "       ifregctl prop LINK delete KEY\n"
	  "An instance's values and properties: all of them, one, or a change (changes\n"
	  "need CAP_SYS_ADMIN). KEY: a value's NAME, or a property's {FMTID}:PID.\n"
	  "\n"
	  "  -t, --type N        a property's DEVPROPTYPE (default: 18, a string, for\n"
	  "                      --string; 7, UINT32, for --u32)\n"
	  "  -P, --persistent    saved by ifregctl save\n"
	  "  -s, --string S      the text S, with its NUL\n"
	  "  -x, --hex HEX       bytes as pairs of hex digits\n"
	  "  -u, --u32 N         a 32-bit number, little-endian\n", false },
	{ "ndis", cmd_ndis,
	  "ndis [IFINDEX | 0xLUID | NAME]\n"
	  "The NDIS interfaces of this network namespace, or one of them by its NDIS\n"
	  "ifIndex, its NET_LUID (0x...) or its netdev's name.\n", false },
	{ "luid", cmd_luid,
	  "luid [list]\n"
	  "       ifregctl luid alloc IFTYPE\n"
	  "       ifregctl luid free IFTYPE INDEX\n"
	  "The NetLuidIndexes allocated in this network namespace; allocate one for\n"
	  "IFTYPE (print it) or free one. Changes need CAP_NET_ADMIN.\n", false },
	{ "save", cmd_save,
	  "save FILE\n"
	  "The registrations, persistent values and properties, class defaults and\n"
	  "LUID indexes into FILE, replaced atomically.\n", false },
	{ "restore", cmd_restore,
	  "restore [--check] FILE\n"
	  "Check the store FILE whole, have the kernel check every record, and only\n"
	  "then load it: a store refused in part is refused whole (exit 4). Needs\n"
	  "CAP_SYS_ADMIN and CAP_NET_ADMIN.\n"
	  "\n"
	  "  -n, --check         only check\n", false },
	{ "monitor", cmd_monitor,
	  "monitor [--count N]\n"
	  "The registry's events as they happen, one line each (seq, event, class,\n"
	  "link), until the ifreg module goes away (exit 3).\n"
	  "\n"
	  "  -c, --count N       stop after N events\n", false },
};

static const struct command *find_command(const char *name)
{
	size_t c;

	for (c = 0; c < ARRAY_SIZE(commands); c++)
		if (!strcmp(name, commands[c].name))
			return &commands[c];
	return NULL;
}

/* command_help: NAME's usage on stdout. Returns the exit code. */
int command_help(const char *name)
{
	const struct command *cmd = name ? find_command(name) : NULL;

	if (!cmd) {
		fputs(usage_text, stdout);
		return EXIT_OK;
	}
	printf("Usage: ifregctl [OPTIONS] %s%s", cmd->usage, common_text);
	if (cmd->classes)
		printf("\n%s", class_text);
	return EXIT_OK;
}

/*
 * --version: this program's, the library's it runs on (a different one
 * when an older libifreg.so.1 is found first), the protocol, and the
 * loaded module's (its MODULE_VERSION in sysfs).
 */
static int print_version(void)
{
	char mod[64] = "";
	FILE *f;

	printf("ifregctl %s\n", IFREGCTL_VERSION);
	printf("libifreg %s\n", ifreg_lib_version());
	printf("protocol: ifreg generic netlink version %d\n", IFREG_GENL_VERSION);
	f = fopen("/sys/module/ifreg/version", "re");
	if (f) {
		if (fgets(mod, sizeof(mod), f))
			mod[strcspn(mod, "\n")] = '\0';
		fclose(f);
	}
	printf("module: %s\n", mod[0] ? mod : "not loaded");
	return EXIT_OK;
}

/* help [COMMAND] */
static int cmd_help(int argc, char **argv)
{
	char *pos[1] = { NULL };
	int r;

	r = positional(argc, argv, 0, 1, pos);
	if (r >= 0)
		return r;
	if (pos[0] && !find_command(pos[0]))
		return usage_error("help: no command '%s'", pos[0]);
	return command_help(pos[0]);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		COMMON_LONGOPTS,
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd;
	int c, r;

	/* The messages are ifregctl's own (common_opt). */
	opterr = 0;
	/* '+': the global options end at the command. */
	while ((c = getopt_long(argc, argv, "+:" COMMON_SHORTOPTS "V", opts, NULL)) != -1) {
		if (c == 'V')
			return print_version();
		r = common_opt(c, argv);
		if (r >= 0)
			return r;
	}
	if (optind >= argc)
		return usage_error("%s", "no command given");
	argc -= optind;
	argv += optind;
	if (!strcmp(argv[0], "help"))
		return cmd_help(argc, argv);
	cmd = find_command(argv[0]);
	if (!cmd)
		return usage_error("unknown command '%s'", argv[0]);
	command = cmd->name;
	return cmd->fn(argc, argv);
}
