// SPDX-License-Identifier: GPL-2.0
/*
 * ifregctl's commands on device interfaces and their classes: list,
 * classes, show, register, and enable, disable, remove and set-default,
 * which take a symbolic link and print nothing but errors. A device is
 * named by its sysfs path, resolved to the canonical /sys/devices one.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ifregctl.h"
#include "json.h"

/* An instance as a JSON object, left open for show to add its store. */
static void print_iface_json(FILE *f, const struct nlattr *tb[])
{
	json_open_object(f, NULL);
	if (tb[IFREG_A_SYMBOLIC_LINK])
		json_string(f, "symbolic_link", str_attr(tb, IFREG_A_SYMBOLIC_LINK));
	if (tb[IFREG_A_CLASS])
		json_string(f, "class", str_attr(tb, IFREG_A_CLASS));
	if (tb[IFREG_A_INSTANCE_PATH])
		json_string(f, "instance_path", str_attr(tb, IFREG_A_INSTANCE_PATH));
	if (tb[IFREG_A_REFERENCE])
		json_string(f, "reference", str_attr(tb, IFREG_A_REFERENCE));
	if (tb[IFREG_A_ENABLED])
		json_bool(f, "enabled", mnl_attr_get_u8(tb[IFREG_A_ENABLED]));
	if (tb[IFREG_A_PDO])
		json_string(f, "pdo", pdo_attr(tb));
	if (tb[IFREG_A_LOCATION])
		json_string(f, "waits_for", str_attr(tb, IFREG_A_LOCATION));
	if (tb[IFREG_A_DEVNODE])
		json_string(f, "devnode", str_attr(tb, IFREG_A_DEVNODE));
	json_bool(f, "default", tb[IFREG_A_DEFAULT]);
}

static const char *state_name(const struct nlattr *tb[])
{
	if (!tb[IFREG_A_ENABLED])
		return "unknown";
	return mnl_attr_get_u8(tb[IFREG_A_ENABLED]) ? "enabled" : "disabled";
}

/* list: one line per instance, the link first so `cut -d' ' -f1` works. */
static int list_cb(const struct nlattr *tb[], void *data)
{
	FILE *f = data;

	if (json) {
		print_iface_json(f, tb);
		json_close_object(f);
		return 0;
	}
	fprintf(f, "%s %s", str_attr(tb, IFREG_A_SYMBOLIC_LINK) ?: "?", state_name(tb));
	if (tb[IFREG_A_CLASS])
		fprintf(f, " class %s", str_attr(tb, IFREG_A_CLASS));
	if (tb[IFREG_A_INSTANCE_PATH])
		fprintf(f, " instance %s", str_attr(tb, IFREG_A_INSTANCE_PATH));
	if (tb[IFREG_A_REFERENCE])
		fprintf(f, " reference %s", str_attr(tb, IFREG_A_REFERENCE));
	if (tb[IFREG_A_PDO])
		fprintf(f, " pdo %s", pdo_attr(tb));
	if (tb[IFREG_A_LOCATION])
		fprintf(f, " waits-for %s", str_attr(tb, IFREG_A_LOCATION));
	if (tb[IFREG_A_DEVNODE])
		fprintf(f, " devnode %s", str_attr(tb, IFREG_A_DEVNODE));
	if (tb[IFREG_A_DEFAULT])
		fputs(" default", f);
	fputc('\n', f);
	return 0;
}

struct show {
	FILE *f;
	bool got;
};

/* The instance, without its store: show_read() adds it. */
static int show_cb(const struct nlattr *tb[], void *data)
{
	struct show *sh = data;
	FILE *f = sh->f;

	sh->got = true;
	if (json) {
		print_iface_json(f, tb);
		return 0;
	}
	fprintf(f, "symbolic link: %s\n", str_attr(tb, IFREG_A_SYMBOLIC_LINK) ?: "?");
	fprintf(f, "class:         %s\n", str_attr(tb, IFREG_A_CLASS) ?: "?");
	fprintf(f, "instance path: %s\n", str_attr(tb, IFREG_A_INSTANCE_PATH) ?: "?");
	if (tb[IFREG_A_REFERENCE])
		fprintf(f, "reference:     %s\n", str_attr(tb, IFREG_A_REFERENCE));
	fprintf(f, "state:         %s\n", state_name(tb));
	fprintf(f, "pdo:           %s\n", pdo_attr(tb) ?: "(not bound)");
	if (tb[IFREG_A_LOCATION])
		fprintf(f, "waits for:     %s\n", str_attr(tb, IFREG_A_LOCATION));
	if (tb[IFREG_A_DEVNODE])
		fprintf(f, "devnode:       %s\n", str_attr(tb, IFREG_A_DEVNODE));
	fprintf(f, "default:       %s\n", tb[IFREG_A_DEFAULT] ? "yes" : "no");
	return 0;
}

/*
 * show_read: the instance LINK into F, then its store, which a dump reads
 * whole however large it is.
 */
static int show_read(struct ifc_genl *g, FILE *f, void *arg)
{
	struct show sh = { .f = f };
	struct nlmsghdr *nlh;
	const char *link = arg;
	int err;

	nlh = ifc_genl_msg(g, msgbuf, IFREG_CMD_INTERFACE_GET, NLM_F_ACK);
	mnl_attr_put_strz(nlh, IFREG_A_SYMBOLIC_LINK, link);
	mnl_attr_put_u32(nlh, IFREG_A_FLAGS, IFREG_F_NO_STORE);
	err = ifc_genl_talk(g, nlh, show_cb, &sh);
	if (err)
		return err;
	if (!sh.got)
		return -EBADMSG;
	if (json)
		json_open_array(f, "store");
	err = print_store(g, link, f, "store:         ");
	if (json) {
		json_close_array(f);
		json_close_object(f);
		json_end(f);
	}
	return err;
}

static int class_cb(const struct nlattr *tb[], void *data)
{
	FILE *f = data;

	if (json) {
		json_open_object(f, NULL);
		if (tb[IFREG_A_CLASS])
			json_string(f, "class", str_attr(tb, IFREG_A_CLASS));
		if (tb[IFREG_A_COUNT])
			json_uint(f, "count", u32_attr(tb, IFREG_A_COUNT));
		if (tb[IFREG_A_DEFAULT_LINK])
			json_string(f, "default_link", str_attr(tb, IFREG_A_DEFAULT_LINK));
		json_close_object(f);
		return 0;
	}
	fprintf(f, "%s count %" PRIu32, str_attr(tb, IFREG_A_CLASS) ?: "?",
		u32_attr(tb, IFREG_A_COUNT));
	if (tb[IFREG_A_DEFAULT_LINK])
		fprintf(f, " default %s", str_attr(tb, IFREG_A_DEFAULT_LINK));
	fputc('\n', f);
	return 0;
}

/*
 * device_path: the canonical sysfs path of a device, as the kernel wants
 * it: symlinks such as /sys/class/net/eth0/device resolved, and inside
 * /sys/devices. Returns the exit code; prints why on failure.
 */
static int device_path(const char *arg, char out[PATH_MAX])
{
	if (!realpath(arg, out)) {
		fprintf(stderr, "ifregctl: %s: %s\n", arg, strerror(errno));
		return EXIT_FAILED;
	}
	if (strncmp(out, "/sys/devices/", 13) != 0) {
		fprintf(stderr, "ifregctl: %s: not a device in sysfs (it is %s, not under /sys/devices)\n",
			arg, out);
		return EXIT_FAILED;
	}
	return EXIT_OK;
}

int cmd_list(int argc, char **argv)
{
	const char *class = NULL, *device = NULL;
	char guid[39], pdo[PATH_MAX];
	uint32_t flags = 0;
	struct ifc_genl g;
	struct nlmsghdr *nlh;
	int i, r;

	for (i = 1; i < argc; i++) {
		if (is_json_opt(argv[i])) {
			json = true;
		} else if (!strcmp(argv[i], "--all") || !strcmp(argv[i], "-a")) {
			flags |= IFREG_F_INCLUDE_NONACTIVE;
		} else if ((r = opt_value(argc, argv, &i, "--class", &class)) != 0 ||
			   (r = opt_value(argc, argv, &i, "--device", &device)) != 0) {
			if (r < 0)
				return usage_error("%s needs a value", argv[i]);
		} else {
			return usage_error("list: unexpected '%s'", argv[i]);
		}
	}
	if (class && !parse_class(class, guid))
		return usage_error("bad class '%s' (want {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx} or a name such as GUID_DEVINTERFACE_DISK)", class);
	if (device && (r = device_path(device, pdo)) != EXIT_OK)
		return r;

	r = connect_ifreg(&g);
	if (r)
		return r;
	nlh = ifc_genl_msg(&g, msgbuf, IFREG_CMD_INTERFACE_GET, NLM_F_DUMP);
	if (class)
		mnl_attr_put_strz(nlh, IFREG_A_CLASS, guid);
	if (device)
		mnl_attr_put_strz(nlh, IFREG_A_PDO, pdo);
	if (flags)
		mnl_attr_put_u32(nlh, IFREG_A_FLAGS, flags);
	r = dump(&g, nlh, list_cb, "list");
	ifc_genl_close(&g);
	return r;
}

int cmd_classes(int argc, char **argv)
{
	struct ifc_genl g;
	struct nlmsghdr *nlh;
	int r;

	r = positional(argc, argv, 0, 0, NULL);
	if (r >= 0)
		return r;
	r = connect_ifreg(&g);
	if (r)
		return r;
	nlh = ifc_genl_msg(&g, msgbuf, IFREG_CMD_CLASS_GET, NLM_F_DUMP);
	r = dump(&g, nlh, class_cb, "classes");
	ifc_genl_close(&g);
	return r;
}

int cmd_show(int argc, char **argv)
{
	struct ifc_genl g;
	char *pos[1];
	char what[300];
	int r;

	r = positional(argc, argv, 1, 1, pos);
	if (r >= 0)
		return r;
	r = connect_ifreg(&g);
	if (r)
		return r;
	snprintf(what, sizeof(what), "show %s", pos[0]);
	r = read_whole(&g, show_read, pos[0], what, "no such interface");
	ifc_genl_close(&g);
	return r;
}

int cmd_register(int argc, char **argv)
{
	char guid[39], pdo[PATH_MAX];
	struct change_reply rep = { .exists = false };
	struct ifc_genl g;
	struct nlmsghdr *nlh;
	char *pos[3] = { NULL };
	int r;

	r = positional(argc, argv, 2, 3, pos);
	if (r >= 0)
		return r;
	if (!parse_class(pos[1], guid))
		return usage_error("bad class '%s' (want {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx} or a name such as GUID_DEVINTERFACE_DISK)", pos[1]);
	r = device_path(pos[0], pdo);
	if (r)
		return r;
	r = connect_ifreg(&g);
	if (r)
		return r;
	nlh = ifc_genl_msg(&g, msgbuf, IFREG_CMD_INTERFACE_REGISTER, NLM_F_ACK);
	mnl_attr_put_strz(nlh, IFREG_A_PDO, pdo);
	mnl_attr_put_strz(nlh, IFREG_A_CLASS, guid);
	if (pos[2])
		mnl_attr_put_strz(nlh, IFREG_A_REFERENCE, pos[2]);
	r = ifc_genl_talk(&g, nlh, change_cb, &rep);
	if (r) {
		r = fail(&g, "register", r, "no such device");
	} else if (!rep.link[0]) {
		r = fail(&g, "register", -EBADMSG, NULL);
	} else if (json) {
		json_open_object(stdout, NULL);
		json_string(stdout, "symbolic_link", rep.link);
		json_bool(stdout, "already_registered", rep.exists);
		json_close_object(stdout);
		json_end(stdout);
	} else {
		/* stdout holds only the link, for link=$(ifregctl register ...). */
		printf("%s\n", rep.link);
		if (rep.exists)
			fprintf(stderr, "ifregctl: %s (already registered)\n", rep.link);
	}
	ifc_genl_close(&g);
	return r;
}

/* enable, disable, remove, set-default: LINK in, nothing out but errors. */
int cmd_link_change(int argc, char **argv)
{
	struct change_reply rep = { .exists = false };
	const char *not_found = "no such interface";
	struct ifc_genl g;
	struct nlmsghdr *nlh;
	char *pos[1];
	char what[300];
	uint8_t cmd;
	int r;

	r = positional(argc, argv, 1, 1, pos);
	if (r >= 0)
		return r;
	if (!strcmp(argv[0], "remove"))
		cmd = IFREG_CMD_INTERFACE_REMOVE;
	else if (!strcmp(argv[0], "set-default"))
		cmd = IFREG_CMD_CLASS_SET_DEFAULT;
	else
		cmd = IFREG_CMD_INTERFACE_SET_STATE;
	if (!strcmp(argv[0], "disable"))
		not_found = "no such interface, or it is not enabled";

	r = connect_ifreg(&g);
	if (r)
		return r;
	nlh = ifc_genl_msg(&g, msgbuf, cmd, NLM_F_ACK);
	mnl_attr_put_strz(nlh, IFREG_A_SYMBOLIC_LINK, pos[0]);
	if (cmd == IFREG_CMD_INTERFACE_SET_STATE)
		mnl_attr_put_u8(nlh, IFREG_A_ENABLED, !strcmp(argv[0], "enable"));
	r = ifc_genl_talk(&g, nlh, change_cb, &rep);
	if (r) {
		snprintf(what, sizeof(what), "%s %s", argv[0], pos[0]);
		r = fail(&g, what, r, not_found);
	} else if (rep.exists) {
		fprintf(stderr, "ifregctl: %s (already enabled)\n", pos[0]);
	}
	ifc_genl_close(&g);
	return r;
}
