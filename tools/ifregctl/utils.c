// SPDX-License-Identifier: GPL-2.0
/*
 * What ifregctl's commands share, declared in ifregctl.h: the --json
 * switch and the request buffer, the messages of a usage error and of a
 * failed operation (and the exit codes they return), connecting to the
 * ifreg family, reading reply attributes, running a dump, and parsing
 * GUIDs, options and positional arguments.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ifregctl.h"
#include "json.h"

/* Retries of a dump that raced a change before it is shown as it is. */
#define DUMP_TRIES 4

bool json;
char msgbuf[IFC_BUF_SIZE];
const char *fail_cap = "CAP_SYS_ADMIN";

/* ---- messages and exit codes ---- */

int usage_error(const char *fmt, const char *arg)
{
	fputs("ifregctl: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'ifregctl --help'.\n", stderr);
	return EXIT_USAGE;
}

/*
 * fail: the message for a failed operation, "ifregctl: WHAT: REASON", with
 * the kernel's extended-ack message after it when there is one. ENOENT
 * says what was not found (NOT_FOUND); a missing capability (EPERM) has its
 * own line, the same for every command; EACCES is a read-only property.
 */
int fail(const struct ifc_genl *g, const char *what, int err, const char *not_found)
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
	else
		snprintf(reason, sizeof(reason), "%s", strerror(-err));
	reason[0] = tolower((unsigned char)reason[0]);
	/* The kernel's message, unless it says what REASON already says. */
	if (g && g->extack[0] && strcasecmp(g->extack, reason) != 0)
		fprintf(stderr, "ifregctl: %s: %s (%s)\n", what, reason, g->extack);
	else
		fprintf(stderr, "ifregctl: %s: %s\n", what, reason);
	return EXIT_FAILED;
}

/* connect: a socket to the resolved ifreg family, or the exit code. */
int connect_ifreg(struct ifc_genl *g)
{
	int err;

	err = ifc_genl_open(g);
	if (err)
		return fail(NULL, "netlink socket", err, NULL);
	err = ifc_genl_resolve(g);
	if (err == -ENOENT) {
		fputs("ifregctl: the ifreg module is not loaded (no generic netlink family \""
		      IFREG_GENL_NAME "\")\n", stderr);
		ifc_genl_close(g);
		return EXIT_NO_MODULE;
	}
	if (err) {
		fail(g, "looking up the ifreg family", err, NULL);
		ifc_genl_close(g);
		return EXIT_FAILED;
	}
	return EXIT_OK;
}

/* ---- reply attributes ---- */

const char *str_attr(const struct nlattr *tb[], int type)
{
	return tb[type] ? mnl_attr_get_str(tb[type]) : NULL;
}

uint32_t u32_attr(const struct nlattr *tb[], int type)
{
	return tb[type] ? mnl_attr_get_u32(tb[type]) : 0;
}

/*
 * pdo_attr: the PDO as a path a shell can use, "/sys/devices/...". The
 * uapi promises that form; a kernel that sends the kobject path alone
 * ("/devices/...") gets "/sys" put in front.
 */
const char *pdo_attr(const struct nlattr *tb[])
{
	static char buf[PATH_MAX + 8];
	const char *p = str_attr(tb, IFREG_A_PDO);

	if (!p || p[0] != '/' || !strncmp(p, "/sys/", 5))
		return p;
	snprintf(buf, sizeof(buf), "/sys%s", p);
	return buf;
}

/* The reply of a change that names an instance (register, restore). */
int change_cb(const struct nlattr *tb[], void *data)
{
	struct change_reply *rep = data;

	if (tb[IFREG_A_SYMBOLIC_LINK])
		snprintf(rep->link, sizeof(rep->link), "%s", str_attr(tb, IFREG_A_SYMBOLIC_LINK));
	rep->exists = tb[IFREG_A_EXISTS];
	return 0;
}

/* ---- dumps ---- */

/*
 * read_whole: run READ, which asks the kernel and prints what it answers
 * into the buffer it is given, and show the buffer only when every dump
 * READ made is complete: READ runs again while one raced a change
 * (NLM_F_DUMP_INTR), and an error shows nothing but itself, WHAT and
 * NOT_FOUND as for fail(). Returns the exit code.
 */
int read_whole(struct ifc_genl *g, read_fn read, void *arg, const char *what,
	       const char *not_found)
{
	char *out = NULL;
	size_t len = 0;
	int tries, err = 0;

	for (tries = 0; tries < DUMP_TRIES; tries++) {
		FILE *f;

		free(out);
		out = NULL;
		f = open_memstream(&out, &len);
		if (!f)
			return fail(NULL, what, -errno, NULL);
		g->dump_intr = false;
		err = read(g, f, arg);
		fclose(f);
		if (err || !g->dump_intr)
			break;
	}
	if (err) {
		free(out);
		fflush(stdout);
		return fail(g, what, err, not_found);
	}
	if (g->dump_intr)
		fprintf(stderr, "ifregctl: %s: the registry kept changing; this listing may be inconsistent\n",
			what);
	fwrite(out, 1, len, stdout);
	free(out);
	return EXIT_OK;
}

struct dump_req {
	struct nlmsghdr *nlh;
	ifc_msg_fn fn;
};

/* The dump REQ asks for, each message printed by its FN; JSON: one array. */
static int dump_read(struct ifc_genl *g, FILE *f, void *arg)
{
	struct dump_req *req = arg;
	int err;

	if (json)
		json_open_array(f, NULL);
	/* The same request again, under a new sequence number. */
	req->nlh->nlmsg_seq = ++g->seq;
	err = ifc_genl_talk(g, req->nlh, req->fn, f);
	if (json) {
		json_close_array(f);
		json_end(f);
	}
	return err;
}

/*
 * dump: run the dump NLH asks for, each message printed by FN, and show
 * it only when it is complete (read_whole). Returns the exit code.
 */
int dump(struct ifc_genl *g, struct nlmsghdr *nlh, ifc_msg_fn fn, const char *what)
{
	struct dump_req req = { .nlh = nlh, .fn = fn };

	return read_whole(g, dump_read, &req, what, NULL);
}

/* ---- arguments ---- */

/*
 * parse_guid: "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}", braces optional, any
 * case, into OUT in the kernel's form (braces, lower case).
 */
bool parse_guid(const char *s, char out[39])
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
 * ones of the module's "publish" parameter (disk).
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
bool parse_class(const char *s, char out[39])
{
	static const char prefix[] = "GUID_DEVINTERFACE_";
	size_t i;

	if (!strncasecmp(s, prefix, sizeof(prefix) - 1))
		s += sizeof(prefix) - 1;
	if (!strcasecmp(s, "usb"))
		s = "usb_device";
	else if (!strcasecmp(s, "display"))
		s = "display_adapter";
	for (i = 0; i < sizeof(known_classes) / sizeof(known_classes[0]); i++) {
		if (!strcasecmp(s, known_classes[i].name)) {
			strcpy(out, known_classes[i].guid);
			return true;
		}
	}
	return parse_guid(s, out);
}

/* opt_value: ARGV[*I] is OPT VALUE or OPT=VALUE; *VAL gets the value. */
int opt_value(int argc, char **argv, int *i, const char *opt, const char **val)
{
	size_t n = strlen(opt);

	if (strncmp(argv[*i], opt, n) != 0)
		return 0;
	if (argv[*i][n] == '=') {
		*val = argv[*i] + n + 1;
		return 1;
	}
	if (argv[*i][n] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*val = argv[++*i];
	return 1;
}

bool is_json_opt(const char *a)
{
	return !strcmp(a, "--json") || !strcmp(a, "-j");
}

/*
 * positional: the arguments of a command that takes no options but --json,
 * MIN to MAX of them, into POS. Returns -1, or the exit code of a usage
 * error.
 */
int positional(int argc, char **argv, int min, int max, char **pos)
{
	int i, n = 0;

	for (i = 1; i < argc; i++) {
		if (is_json_opt(argv[i])) {
			json = true;
		} else if (!strcmp(argv[i], "--")) {
			for (i++; i < argc; i++) {
				if (n >= max)
					return usage_error("%s: too many arguments", argv[0]);
				pos[n++] = argv[i];
			}
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return usage_error("unknown option '%s'", argv[i]);
		} else {
			if (n >= max)
				return usage_error("%s: too many arguments", argv[0]);
			pos[n++] = argv[i];
		}
	}
	if (n < min)
		return usage_error("%s: missing argument", argv[0]);
	return -1;
}
