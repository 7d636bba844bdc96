// SPDX-License-Identifier: GPL-2.0
/*
 * What ifregctl's commands share, declared in ifregctl.h: the --json
 * switch, the options every command takes, the messages of a usage error
 * and of a failed operation (and the exit codes they return), connecting
 * to the registry through libifreg, and parsing GUIDs, class names and
 * positional arguments.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ifregctl.h"
#include "json.h"

bool json;
const char *fail_cap = "CAP_SYS_ADMIN";

/* ---- messages and exit codes ---- */

/* usage_error: the message, and where help is: the command's own, if any. */
int usage_error(const char *fmt, const char *arg)
{
	fputs("ifregctl: ", stderr);
	fprintf(stderr, fmt, arg);
	if (command)
		fprintf(stderr, "\nTry 'ifregctl %s --help'.\n", command);
	else
		fputs("\nTry 'ifregctl --help'.\n", stderr);
	return EXIT_USAGE;
}

/*
 * common_opt: what a command's getopt_long() loop does with an option that
 * is not the command's own: -j/--json and -p/--pretty are taken (-1: go
 * on), -h/--help prints the command's usage, and a missing value (':') or
 * an unknown option ('?') is a usage error. Returns -1 or the exit code.
 */
int common_opt(int c, char **argv)
{
	char opt[3] = { '-', (char)optopt, '\0' };

	switch (c) {
	case 'j':
		json = true;
		return -1;
	case 'p':
		json_set_pretty(true);
		return -1;
	case 'h':
		return command_help(command);
	case ':':
		return usage_error("%s needs a value", argv[optind - 1]);
	}
	/*
	 * An unknown long option is the whole argument; an unknown short one
	 * may sit in a cluster (-jx), where only its letter says which. A
	 * known long option given a value it does not take has optopt set.
	 */
	if (!strncmp(argv[optind - 1], "--", 2) && optopt && strchr(argv[optind - 1], '='))
		return usage_error("'%s': the option takes no value", argv[optind - 1]);
	if (!strncmp(argv[optind - 1], "--", 2) || !optopt)
		return usage_error("unknown option '%s'", argv[optind - 1]);
	return usage_error("unknown option '%s'", opt);
}

/* kmsg: the kernel's message for CTX's last failed call, or NULL. */
const char *kmsg(const struct ifreg_ctx *ctx)
{
	const char *m = ctx ? ifreg_ctx_errmsg(ctx) : NULL;

	return m && m[0] ? m : NULL;
}

/*
 * fail: the message for a failed operation, "ifregctl: WHAT: REASON", with
 * the kernel's message (KMSG, may be NULL) after it when there is one.
 * ENOENT says what was not found (NOT_FOUND); a missing capability (EPERM)
 * has its own line, the same for every command; EACCES is a read-only
 * property.
 */
int fail(const char *kmsg, const char *what, int err, const char *not_found)
{
	char reason[128];

	if (err == -EPERM) {
		fprintf(stderr, "ifregctl: permission denied (needs %s)\n", fail_cap);
		return EXIT_FAILED;
	}
	if (err == -EACCES)
		/* What no capability allows: a property every instance answers. */
		snprintf(reason, sizeof(reason), "read-only");
	else if (err == -ENOENT && not_found)
		snprintf(reason, sizeof(reason), "%s", not_found);
	else if (err == -ENOSPC)
		snprintf(reason, sizeof(reason), "no space in the store (value too large, or too many entries)");
	else if (err == -EMSGSIZE || err == -E2BIG)
		snprintf(reason, sizeof(reason), "value too large");
	else if (err == -EBADMSG)
		snprintf(reason, sizeof(reason), "malformed reply from the kernel");
	else if (err == -ENOBUFS)
		/*
		 * The kernel could not allocate its answer (or the socket
		 * overran): a change asked for may have been made all the same.
		 */
		snprintf(reason, sizeof(reason),
			 "out of memory: the kernel's answer was lost; a change asked for may have been made");
	else if (err == -EAGAIN)
		/* libifreg read it again and again, and it changed each time. */
		snprintf(reason, sizeof(reason),
			 "the registry kept changing while it was read; try again");
	else
		snprintf(reason, sizeof(reason), "%s", strerror(-err));
	reason[0] = tolower((unsigned char)reason[0]);
	/* The kernel's message, unless it says what REASON already says. */
	if (kmsg && kmsg[0] && strcasecmp(kmsg, reason) != 0)
		fprintf(stderr, "ifregctl: %s: %s (%s)\n", what, reason, kmsg);
	else
		fprintf(stderr, "ifregctl: %s: %s\n", what, reason);
	return EXIT_FAILED;
}

/* say_not_loaded: exit 3's message, with how to load the module. */
void say_not_loaded(const char *prefix, const char *suffix)
{
	fprintf(stderr, "ifregctl: %sthe ifreg module is not loaded%s; load it: modprobe ifreg\n",
		prefix, suffix);
}

/* connect_ifreg: a context for the ifreg family in *CTX, or the exit code. */
int connect_ifreg(struct ifreg_ctx **ctx)
{
	int err = ifreg_ctx_open(ctx);

	if (err == -ENOENT) {
		say_not_loaded("", " (no generic netlink family \"ifreg\")");
		return EXIT_NO_MODULE;
	}
	if (err)
		return fail(NULL, "connecting to the ifreg family", err, NULL);
	return EXIT_OK;
}

/* ---- arguments ---- */

/*
 * parse_guid: "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}", braces optional, any
 * case, into OUT in the kernel's form (braces, lower case).
 */
bool parse_guid(const char *s, char out[IFREG_GUID_STRING_SIZE])
{
	size_t len = strlen(s), i, o = 0;

	if (len == 38 && s[0] == '{' && s[37] == '}') {
		s++;
		len = 36;
	}
	if (len != 36)
		return false;
	out[o++] = '{';
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!isxdigit((unsigned char)s[i])) {
			return false;
		}
		out[o++] = tolower((unsigned char)s[i]);
	}
	out[o++] = '}';
	out[o] = '\0';
	return true;
}

/*
 * The well-known classes ifreg publishes for the machine's devices, by the
 * names Windows' headers give them (GUID_DEVINTERFACE_DISK) and the short
 * ones of the module's "publish" parameter (disk). ifregctl.bash-completion
 * offers the same names.
 */
static const struct {
	const char *name;
	const char *guid;
} known_classes[] = {
	{ "net", "{cac88484-7515-4c03-82e6-71a87abac361}" },
	{ "disk", "{53f56307-b6bf-11d0-94f2-00a0c91efb8b}" },
	{ "cdrom", "{53f56308-b6bf-11d0-94f2-00a0c91efb8b}" },
	{ "volume", "{53f5630d-b6bf-11d0-94f2-00a0c91efb8b}" },
	{ "comport", "{86e0d1e0-8089-11d0-9ce4-08003e301f73}" },
	{ "hid", "{4d1e55b2-f16f-11cf-88cb-001111000030}" },
	{ "usb_device", "{a5dcbf10-6530-11d2-901f-00c04fb951ed}" },
	{ "keyboard", "{884b96c3-56ef-11d1-bc8c-00a0c91405dd}" },
	{ "mouse", "{378de44c-56ef-11d1-bc8c-00a0c91405dd}" },
	{ "display_adapter", "{5b45201d-f2f2-4f3b-85bb-30ff1f953599}" },
};

/*
 * parse_class: a class GUID as parse_guid() reads it, or one of the
 * well-known classes by name, in any case: GUID_DEVINTERFACE_DISK, disk
 * (and usb, display for usb_device, display_adapter, as "publish" says).
 */
bool parse_class(const char *s, char out[IFREG_GUID_STRING_SIZE])
{
	static const char prefix[] = "GUID_DEVINTERFACE_";
	size_t i;

	if (!strncasecmp(s, prefix, sizeof(prefix) - 1))
		s += sizeof(prefix) - 1;
	if (!strcasecmp(s, "usb"))
		s = "usb_device";
	else if (!strcasecmp(s, "display"))
		s = "display_adapter";
	for (i = 0; i < ARRAY_SIZE(known_classes); i++) {
		if (!strcasecmp(s, known_classes[i].name)) {
			strcpy(out, known_classes[i].guid);
			return true;
		}
	}
	return parse_guid(s, out);
}

/*
 * positional: the arguments of a command that takes no options of its
 * own, MIN to MAX of them, into POS (options anywhere, "--" ends them).
 * Returns -1, or the exit code of --help or of a usage error.
 */
int positional(int argc, char **argv, int min, int max, char **pos)
{
	static const struct option opts[] = { COMMON_LONGOPTS, { NULL, 0, NULL, 0 } };
	int c, r, n;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":" COMMON_SHORTOPTS, opts, NULL)) != -1) {
		r = common_opt(c, argv);
		if (r >= 0)
			return r;
	}
	n = argc - optind;
	if (n > max)
		return usage_error("%s: too many arguments", argv[0]);
	if (n < min)
		return usage_error("%s: missing argument", argv[0]);
	for (c = 0; c < n; c++)
		pos[c] = argv[optind + c];
	return -1;
}
