// SPDX-License-Identifier: GPL-2.0
/*
 * ifregctl's commands on device interfaces and their classes: list,
 * classes, show, register, and enable, disable, remove and set-default,
 * which take a symbolic link and print nothing but errors. A device is
 * named by its sysfs path, resolved to the canonical /sys/devices one.
 * Everything is asked of libifreg and printed once it has answered in
 * full: a failure prints nothing but itself.
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
static void print_iface_json(FILE *f, const struct ifreg_iface *i)
{
	json_open_object(f, NULL);
	if (i->symbolic_link)
		json_string(f, "symbolic_link", i->symbolic_link);
	if (i->class_guid[0])
		json_string(f, "class", i->class_guid);
	if (i->instance_path)
		json_string(f, "instance_path", i->instance_path);
	if (i->reference)
		json_string(f, "reference", i->reference);
	json_bool(f, "enabled", i->enabled);
	if (i->pdo)
		json_string(f, "pdo", i->pdo);
	if (i->location)
		json_string(f, "waits_for", i->location);
	if (i->devnode)
		json_string(f, "devnode", i->devnode);
	json_bool(f, "default", i->is_default);
}

/* list: one line per instance, the link first so `cut -d' ' -f1` works. */
static void print_list_line(FILE *f, const struct ifreg_iface *i)
{
	if (json) {
		print_iface_json(f, i);
		json_close_object(f);
		return;
	}
	fprintf(f, "%s %s", i->symbolic_link ?: "?", i->enabled ? "enabled" : "disabled");
	if (i->class_guid[0])
		fprintf(f, " class %s", i->class_guid);
	if (i->instance_path)
		fprintf(f, " instance %s", i->instance_path);
	if (i->reference)
		fprintf(f, " reference %s", i->reference);
	if (i->pdo)
		fprintf(f, " pdo %s", i->pdo);
	if (i->location)
		fprintf(f, " waits-for %s", i->location);
	if (i->devnode)
		fprintf(f, " devnode %s", i->devnode);
	if (i->is_default)
		fputs(" default", f);
	fputc('\n', f);
}

/* show: the instance, then its store (prop.c prints the entries). */
static void print_show(FILE *f, const struct ifreg_iface *i, const struct ifreg_entry *entries,
		       size_t n)
{
	if (json) {
		print_iface_json(f, i);
		json_open_array(f, "store");
		print_entries(f, entries, n, NULL);
		json_close_array(f);
		json_close_object(f);
		json_end(f);
		return;
	}
	fprintf(f, "symbolic link: %s\n", i->symbolic_link ?: "?");
	fprintf(f, "class:         %s\n", i->class_guid[0] ? i->class_guid : "?");
	fprintf(f, "instance path: %s\n", i->instance_path ?: "?");
	if (i->reference)
		fprintf(f, "reference:     %s\n", i->reference);
	fprintf(f, "state:         %s\n", i->enabled ? "enabled" : "disabled");
	fprintf(f, "pdo:           %s\n", i->pdo ? i->pdo : "(not bound)");
	if (i->location)
		fprintf(f, "waits for:     %s\n", i->location);
	if (i->devnode)
		fprintf(f, "devnode:       %s\n", i->devnode);
	fprintf(f, "default:       %s\n", i->is_default ? "yes" : "no");
	print_entries(f, entries, n, "store:         ");
}

static void print_class(FILE *f, const struct ifreg_class *c)
{
	if (json) {
		json_open_object(f, NULL);
		json_string(f, "class", c->class_guid);
		json_uint(f, "count", c->count);
		if (c->default_link)
			json_string(f, "default_link", c->default_link);
		json_close_object(f);
		return;
	}
	fprintf(f, "%s count %" PRIu32, c->class_guid, c->count);
	if (c->default_link)
		fprintf(f, " default %s", c->default_link);
	fputc('\n', f);
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

static int bad_class(const char *class)
{
	return usage_error("bad class '%s' (want {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx} or a name such as GUID_DEVINTERFACE_DISK)",
			   class);
}

int cmd_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "class", required_argument, NULL, 'c' },
		{ "device", required_argument, NULL, 'd' },
		{ "all", no_argument, NULL, 'a' },
		COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	const char *class = NULL, *device = NULL;
	char guid[IFREG_GUID_STRING_SIZE], pdo[PATH_MAX];
	struct ifreg_iface *ifaces;
	struct ifreg_ctx *ctx;
	unsigned int flags = 0;
	size_t n, i;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":" COMMON_SHORTOPTS "c:d:a", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			class = optarg;
			break;
		case 'd':
			device = optarg;
			break;
		case 'a':
			flags |= IFREG_LIST_INCLUDE_NONACTIVE;
			break;
		default:
			r = common_opt(c, argv);
			if (r >= 0)
				return r;
		}
	}
	if (optind < argc)
		return usage_error("list: unexpected '%s'", argv[optind]);
	if (class && !parse_class(class, guid))
		return bad_class(class);
	r = device ? device_path(device, pdo) : EXIT_OK;
	if (r)
		return r;

	r = connect_ifreg(&ctx);
	if (r)
		return r;
	r = ifreg_iface_list(ctx, class ? guid : NULL, device ? pdo : NULL, flags, &ifaces, &n);
	if (r) {
		r = fail(kmsg(ctx), "list", r, NULL);
		ifreg_ctx_close(ctx);
		return r;
	}
	ifreg_ctx_close(ctx);
	if (json)
		json_open_array(stdout, NULL);
	for (i = 0; i < n; i++)
		print_list_line(stdout, &ifaces[i]);
	if (json) {
		json_close_array(stdout);
		json_end(stdout);
	}
	ifreg_iface_array_free(ifaces, n);
	return EXIT_OK;
}

int cmd_classes(int argc, char **argv)
{
	struct ifreg_class *classes;
	struct ifreg_ctx *ctx;
	size_t n, i;
	int r;

	r = positional(argc, argv, 0, 0, NULL);
	if (r >= 0)
		return r;
	r = connect_ifreg(&ctx);
	if (r)
		return r;
	r = ifreg_class_list(ctx, &classes, &n);
	if (r) {
		r = fail(kmsg(ctx), "classes", r, NULL);
		ifreg_ctx_close(ctx);
		return r;
	}
	ifreg_ctx_close(ctx);
	if (json)
		json_open_array(stdout, NULL);
	for (i = 0; i < n; i++)
		print_class(stdout, &classes[i]);
	if (json) {
		json_close_array(stdout);
		json_end(stdout);
	}
	ifreg_class_array_free(classes, n);
	return EXIT_OK;
}

/* show LINK: the instance, then its whole store, however large. */
int cmd_show(int argc, char **argv)
{
	struct ifreg_iface iface = { .symbolic_link = NULL };
	struct ifreg_entry *entries = NULL;
	struct ifreg_ctx *ctx;
	char *pos[1], what[300];
	size_t n = 0;
	int r;

	r = positional(argc, argv, 1, 1, pos);
	if (r >= 0)
		return r;
	r = connect_ifreg(&ctx);
	if (r)
		return r;
	snprintf(what, sizeof(what), "show %s", pos[0]);
	r = ifreg_iface_get(ctx, pos[0], &iface);
	if (!r) {
		r = ifreg_store_list(ctx, pos[0], &entries, &n);
		if (r)
			ifreg_iface_clear(&iface);
	}
	if (r) {
		r = fail(kmsg(ctx), what, r, "no such interface");
		ifreg_ctx_close(ctx);
		return r;
	}
	ifreg_ctx_close(ctx);
	print_show(stdout, &iface, entries, n);
	ifreg_entry_array_free(entries, n);
	ifreg_iface_clear(&iface);
	return EXIT_OK;
}

int cmd_register(int argc, char **argv)
{
	char guid[IFREG_GUID_STRING_SIZE], pdo[PATH_MAX];
	struct ifreg_ctx *ctx;
	char *pos[3] = { NULL }, *link = NULL;
	int r;

	r = positional(argc, argv, 2, 3, pos);
	if (r >= 0)
		return r;
	if (!parse_class(pos[1], guid))
		return bad_class(pos[1]);
	r = device_path(pos[0], pdo);
	if (r)
		return r;
	r = connect_ifreg(&ctx);
	if (r)
		return r;
	r = ifreg_iface_register(ctx, pdo, guid, pos[2], &link);
	if (r < 0) {
		r = fail(kmsg(ctx), "register", r, "no such device");
	} else if (!link) {
		r = fail(NULL, "register", -EBADMSG, NULL);
	} else if (json) {
		json_open_object(stdout, NULL);
		json_string(stdout, "symbolic_link", link);
		json_bool(stdout, "already_registered", r == 1);
		json_close_object(stdout);
		json_end(stdout);
		r = EXIT_OK;
	} else {
		/* stdout holds only the link, for link=$(ifregctl register ...). */
		printf("%s\n", link);
		if (r == 1)
			fprintf(stderr, "ifregctl: %s (already registered)\n", link);
		r = EXIT_OK;
	}
	free(link);
	ifreg_ctx_close(ctx);
	return r;
}

/* enable, disable, remove, set-default: LINK in, nothing out but errors. */
int cmd_link_change(int argc, char **argv)
{
	const char *not_found = "no such interface";
	struct ifreg_ctx *ctx;
	char *pos[1], what[300];
	int r;

	r = positional(argc, argv, 1, 1, pos);
	if (r >= 0)
		return r;
	if (!strcmp(argv[0], "disable"))
		not_found = "no such interface, or it is not enabled";

	r = connect_ifreg(&ctx);
	if (r)
		return r;
	if (!strcmp(argv[0], "remove"))
		r = ifreg_iface_remove(ctx, pos[0]);
	else if (!strcmp(argv[0], "set-default"))
		r = ifreg_iface_set_default(ctx, pos[0]);
	else
		r = ifreg_iface_set_state(ctx, pos[0], !strcmp(argv[0], "enable"));
	if (r < 0) {
		snprintf(what, sizeof(what), "%s %s", argv[0], pos[0]);
		r = fail(kmsg(ctx), what, r, not_found);
	} else {
		if (r == 1)
			fprintf(stderr, "ifregctl: %s (already enabled)\n", pos[0]);
		r = EXIT_OK;
	}
	ifreg_ctx_close(ctx);
	return r;
}
