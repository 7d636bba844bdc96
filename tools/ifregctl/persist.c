// SPDX-License-Identifier: GPL-2.0
/*
 * ifregctl save and restore: the registry's persistent state to a store
 * file and back (the format is store.c's). save reads everything through
 * libifreg's lists, asks again when the registry changed while it was
 * read, checks its own output as restore would, and replaces the file
 * atomically (FILE.tmp, fsync, rename, fsync of the directory). restore
 * reads and checks the whole file, then has the kernel check every record
 * (libifreg's restore calls with a struct ifreg_check) and applies them
 * only when it refuses none: a refused store changes nothing.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ifregctl.h"
#include "json.h"
#include "store.h"

/* Whole saves tried before giving up on a registry that keeps changing. */
#define SAVE_TRIES 5
/* save_read's answer when the registry changed while it was read. */
#define SAVE_CHANGED (-1)

/* ---- save ---- */

/* The persistent entries of the instance LINK into S. */
static int save_entries(struct store *s, const char *link, const struct ifreg_entry *entries,
			size_t n)
{
	const struct ifreg_entry *e;
	size_t i;
	int err;

	for (i = 0; i < n; i++) {
		e = &entries[i];
		if (!(e->flags & IFREG_STORE_PERSISTENT))
			continue;
		if (e->value_name)
			err = store_add_entry(s, link, e->value_name, NULL, 0, 0, e->data, e->size);
		else if (e->fmtid[0])
			err = store_add_entry(s, link, NULL, e->fmtid, e->pid, e->type, e->data,
					      e->size);
		else
			err = -EBADMSG;
		if (err)
			return err;
	}
	return 0;
}

/*
 * save_read: the registry into S. Returns 0, SAVE_CHANGED when it changed
 * while it was read (ask again), or the exit code of a failure (message
 * printed).
 */
static int save_read(struct ifreg_ctx *ctx, struct store *s)
{
	struct ifreg_luid_index *luids = NULL;
	struct ifreg_entry *entries = NULL;
	struct ifreg_iface *ifaces = NULL;
	struct ifreg_class *classes = NULL;
	size_t n_classes = 0, n_ifaces = 0, n_luids = 0, n, i;
	const char *what;
	char buf[400];
	int err;

	what = "save: listing classes";
	err = ifreg_class_list(ctx, &classes, &n_classes);
	for (i = 0; !err && i < n_classes; i++)
		if (classes[i].default_link)
			err = store_add_default(s, classes[i].class_guid, classes[i].default_link);
	if (err)
		goto out;

	what = "save: listing interfaces";
	err = ifreg_iface_list(ctx, NULL, NULL, IFREG_LIST_INCLUDE_NONACTIVE, &ifaces, &n_ifaces);
	for (i = 0; !err && i < n_ifaces; i++) {
		const struct ifreg_iface *f = &ifaces[i];

		if (!f->symbolic_link || !f->class_guid[0] || !f->instance_path)
			err = -EBADMSG;
		else
			err = store_add_iface(s, f->class_guid, f->instance_path, f->reference,
					      /* Bound, or waiting for the device there. */
					      f->pdo ?: f->location,
					      f->symbolic_link);
	}
	if (err)
		goto out;

	/*
	 * The instances' stores, each read whole however large; any error
	 * fails the save rather than leave entries out.
	 */
	for (i = 0; i < n_ifaces; i++) {
		const char *link = ifaces[i].symbolic_link;

		err = ifreg_store_list(ctx, link, &entries, &n);
		if (err == -ENOENT) {
			err = SAVE_CHANGED;	/* removed since the list */
			goto out;
		}
		if (!err) {
			err = save_entries(s, link, entries, n);
			ifreg_entry_array_free(entries, n);
		}
		if (err) {
			snprintf(buf, sizeof(buf), "save: reading the store of %s", link);
			what = buf;
			goto out;
		}
	}

	what = "save: listing LUID indexes";
	err = ifreg_luid_list(ctx, &luids, &n_luids);
	for (i = 0; !err && i < n_luids; i++)
		err = store_add_luid(s, luids[i].iftype, luids[i].index, luids[i].key);
out:
	ifreg_class_array_free(classes, n_classes);
	ifreg_iface_array_free(ifaces, n_ifaces);
	ifreg_luid_array_free(luids, n_luids);
	/* libifreg read one list again and again, and it changed each time. */
	if (err == -EAGAIN || err == SAVE_CHANGED)
		return SAVE_CHANGED;
	if (err)
		return fail(err == -ENOMEM ? NULL : kmsg(ctx), what, err, NULL);
	return 0;
}

/* save FILE: the registry's persistent state into FILE, atomically. */
int cmd_save(int argc, char **argv)
{
	struct store_error serr = { .line = 0 };
	struct store s, check;
	struct ifreg_ctx *ctx;
	char *pos[1], *text = NULL, why[PATH_MAX + 200];
	size_t len = 0;
	int r, tries;

	r = positional(argc, argv, 1, 1, pos);
	if (r >= 0)
		return r;
	r = connect_ifreg(&ctx);
	if (r)
		return r;
	for (tries = 0; tries < SAVE_TRIES; tries++) {
		store_init(&s);
		r = save_read(ctx, &s);
		if (r == 0) {
			free(text);
			text = NULL;
			if (store_format(&s, &text, &len)) {
				r = fail(NULL, "save", -ENOMEM, NULL);
			} else if (store_parse(&check, text, len, &serr)) {
				/* What restore would refuse: a change between two
				 * dumps (a default naming a link the interface dump
				 * missed) shows here.
				 */
				r = SAVE_CHANGED;
			} else {
				store_free(&check);
			}
		}
		store_free(&s);
		if (r != SAVE_CHANGED)
			break;
	}
	ifreg_ctx_close(ctx);
	if (r == SAVE_CHANGED) {
		fprintf(stderr, "ifregctl: save: the registry kept changing while it was read (%d tries); %s is unchanged\n",
			SAVE_TRIES, pos[0]);
		if (serr.msg[0])
			fprintf(stderr, "ifregctl: save: last inconsistency: line %u: %s\n", serr.line, serr.msg);
		r = EXIT_FAILED;
	}
	if (r == 0 && store_write_file(pos[0], text, len, why, sizeof(why))) {
		fprintf(stderr, "ifregctl: save: %s\n", why);
		r = EXIT_FAILED;
	}
	free(text);
	return r;
}

/* ---- restore ---- */

struct restore_count {
	unsigned int ifaces, entries, defaults, luids;
	unsigned int already, failed, skipped;
	unsigned int refused;	/* records the kernel's check refused */
};

/*
 * restore_fatal: errors that stop the restore, since every other request
 * would fail the same way: a missing capability, a module that does not
 * know the command.
 */
static bool restore_fatal(int err)
{
	return err == -EPERM || err == -EOPNOTSUPP;
}

/*
 * What records add to the kernel's state, counted against its caps: a
 * check says it of its record (struct ifreg_check's adds), and the check
 * of a later record is given the sums of the records before it that bear
 * on it (all of them, or those of its class or instance: its before), so
 * that the kernel checks each record on the state the records before it
 * make.
 */

/* Interfaces by class, then in store order. */
static int cmp_class(const void *a, const void *b)
{
	const struct store_iface *x = *(const struct store_iface *const *)a;
	const struct store_iface *y = *(const struct store_iface *const *)b;
	int c = strcmp(x->class, y->class);

	return c ? c : (x > y) - (x < y);
}

/*
 * class_first: for each interface of S, the index of the first one of its
 * class, where the sums of that class are kept: one sort, not a walk of
 * the interfaces before each (a store may hold tens of thousands). NULL
 * when out of memory.
 */
static size_t *class_first(const struct store *s)
{
	const struct store_iface **by = calloc(s->n_ifaces + 1, sizeof(*by));
	size_t *first = calloc(s->n_ifaces + 1, sizeof(*first));
	size_t i, at;

	if (!by || !first) {
		free(by);
		free(first);
		return NULL;
	}
	for (i = 0; i < s->n_ifaces; i++)
		by[i] = &s->ifaces[i];
	qsort(by, s->n_ifaces, sizeof(*by), cmp_class);
	for (i = 0; i < s->n_ifaces; i++) {
		at = by[i] - s->ifaces;
		first[at] = i && !strcmp(by[i - 1]->class, by[i]->class) ?
			    first[by[i - 1] - s->ifaces] : at;
	}
	free(by);
	return first;
}

/*
 * restore_said: the outcome ERR of the record at LINE of FILE, a failure
 * reported as FILE:LINE: WHAT, unless it is EXPECTED (0: none) or stops
 * the restore (said once, by restore_stopped()). Returns ERR.
 */
static int restore_said(struct ifreg_ctx *ctx, int err, const char *file, unsigned int line,
			const char *what, int expected)
{
	char buf[PATH_MAX + 1024];

	if (err < 0 && err != expected && !restore_fatal(err)) {
		snprintf(buf, sizeof(buf), "restore: %s:%u: %s", file, line, what);
		fail(kmsg(ctx), buf, err, NULL);
	}
	return err;
}

/*
 * restore_pass: S (parsed) to the kernel, in the store's order (LUID
 * indexes without a key before those with one): applied, or with CHECK
 * only checked (a struct ifreg_check to each call), each record by the
 * rules applying it would meet on the state the records before it make:
 * each check is given what those add (from their checks). A check counts
 * what the kernel refuses in N->refused; a value, property or default of
 * an interface the store registers anew is checked by itself, its
 * instance missing (-ENOENT) as expected, and adds its entry then.
 * Applying counts what went in and what failed. Returns 0, or a negative
 * errno that stops everything (restore_stopped() says it).
 */
static int restore_pass(struct ifreg_ctx *ctx, const struct store *s, const char *file,
			bool check, struct restore_count *n)
{
	unsigned int *failed = check ? &n->refused : &n->failed;
	char what[STORE_LINK_MAX + STORE_NAME_MAX + 64];
	struct ifreg_ahead sum = { 0 }, *by_iface;
	struct ifreg_check chk, *c = check ? &chk : NULL;
	char **links;		/* each interface's link, as the kernel gave it */
	bool *fresh;		/* the interface is not registered yet */
	size_t *first;		/* where the sums of each one's class are */
	size_t i;
	int err = 0, pass;

	links = calloc(s->n_ifaces + 1, sizeof(*links));
	fresh = calloc(s->n_ifaces + 1, sizeof(*fresh));
	/*
	 * Per interface: what its records add to its store; at the first of
	 * each class, what that class's records add to it.
	 */
	by_iface = calloc(s->n_ifaces + 1, sizeof(*by_iface));
	first = class_first(s);
	if (!links || !fresh || !by_iface || !first) {
		err = -ENOMEM;
		goto out;
	}

	fail_cap = "CAP_SYS_ADMIN";
	for (i = 0; i < s->n_ifaces; i++) {
		const struct store_iface *r = &s->ifaces[i];
		char *link = NULL;
		bool exists;

		memset(&chk, 0, sizeof(chk));
		chk.before.instances = sum.instances;
		chk.before.class_instances = by_iface[first[i]].class_instances;
		chk.before.classes = sum.classes;
		err = ifreg_restore_iface(ctx, r->instance_path, r->class, r->reference, r->pdo, c,
					  &link);
		snprintf(what, sizeof(what), "interface %s", r->link);
		err = restore_said(ctx, err, file, r->line, what, 0);
		if (restore_fatal(err))
			goto out;
		if (err < 0) {
			(*failed)++;
			continue;
		}
		exists = err == 1;
		by_iface[first[i]].class_instances += chk.adds.class_instances;
		sum.instances += chk.adds.instances;
		sum.classes += chk.adds.classes;
		if (!link) {
			fprintf(stderr, "ifregctl: restore: %s:%u: %s: the kernel's reply names no symbolic link\n",
				file, r->line, what);
			(*failed)++;
			continue;
		}
		if (strcasecmp(link, r->link)) {
			/* Under another name: what names it is broken. */
			fprintf(stderr, "ifregctl: restore: %s:%u: %s: the kernel names it %s, not as saved\n",
				file, r->line, what, link);
			(*failed)++;
			if (check) {
				free(link);
				continue;
			}
		}
		links[i] = link;
		fresh[i] = !exists;
		n->ifaces++;
		n->already += exists;
	}

	for (i = 0; i < s->n_entries; i++) {
		const struct store_entry *e = &s->entries[i];
		const char *link = links[e->iface];
		struct ifreg_ahead *on = &by_iface[e->iface];
		struct ifreg_entry entry = {
			.value_name = e->name,
			.pid = e->pid,
			.type = e->type,
			.flags = IFREG_STORE_PERSISTENT,
			.data = e->data,
			.size = e->len,
		};
		bool missing;

		if (!link) {
			n->skipped++;
			continue;
		}
		if (!e->name)
			memcpy(entry.fmtid, e->fmtid, sizeof(entry.fmtid));
		memset(&chk, 0, sizeof(chk));
		chk.before.entries = on->entries;
		chk.before.bytes = on->bytes;
		err = ifreg_restore_entry(ctx, link, &entry, c);
		if (e->name)
			snprintf(what, sizeof(what), "value '%s' of %s", e->name, link);
		else
			snprintf(what, sizeof(what), "property %s:%" PRIu32 " of %s", e->fmtid, e->pid, link);
		err = restore_said(ctx, err, file, e->line, what,
				   check && fresh[e->iface] ? -ENOENT : 0);
		if (restore_fatal(err))
			goto out;
		missing = check && err == -ENOENT && fresh[e->iface];
		if (missing) {
			/* A store made anew: the entry is added, whole. */
			chk.adds.entries = 1;
			chk.adds.bytes = e->len;
		}
		if (err < 0 && !missing) {
			(*failed)++;
		} else {
			n->entries++;
			on->entries += chk.adds.entries;
			on->bytes += chk.adds.bytes;
		}
	}

	for (i = 0; i < s->n_defaults; i++) {
		const struct store_default *d = &s->defaults[i];
		const char *link = links[d->iface];

		if (!link) {
			n->skipped++;
			continue;
		}
		memset(&chk, 0, sizeof(chk));
		err = ifreg_restore_default(ctx, link, c);
		snprintf(what, sizeof(what), "default %s", link);
		err = restore_said(ctx, err, file, d->line, what,
				   check && fresh[d->iface] ? -ENOENT : 0);
		if (restore_fatal(err))
			goto out;
		if (err < 0 && !(check && err == -ENOENT && fresh[d->iface]))
			(*failed)++;
		else
			n->defaults++;
	}

	/*
	 * Plain indexes first: a reservation that moves a netdev off its
	 * index gives it a fresh one, which must not be one a plain record
	 * of the store asks for.
	 */
	fail_cap = "CAP_NET_ADMIN";
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < s->n_luids; i++) {
			const struct store_luid *l = &s->luids[i];

			if (!l->key != !pass)
				continue;
			memset(&chk, 0, sizeof(chk));
			chk.before.luid_indexes = sum.luid_indexes;
			chk.before.reservations = sum.reservations;
			err = ifreg_restore_luid(ctx, l->iftype, l->index, l->key, c);
			snprintf(what, sizeof(what), "luid %u %" PRIu32, l->iftype, l->index);
			err = restore_said(ctx, err, file, l->line, what, 0);
			if (restore_fatal(err))
				goto out;
			if (err < 0) {
				(*failed)++;
			} else {
				n->luids++;
				n->already += err == 1;
				sum.luid_indexes += chk.adds.luid_indexes;
				sum.reservations += chk.adds.reservations;
			}
		}
	}
	err = 0;
out:
	for (i = 0; links && i < s->n_ifaces; i++)
		free(links[i]);
	free(links);
	free(fresh);
	free(by_iface);
	free(first);
	return err;
}

/* What stopped restore_pass(): ERR, said once. Returns the exit code. */
static int restore_stopped(const struct ifreg_ctx *ctx, int err)
{
	const char *km = kmsg(ctx);

	if (err == -EOPNOTSUPP) {
		fprintf(stderr, "ifregctl: restore: this ifreg module cannot restore (%s)\n",
			km ?: "it does not know the command");
		return EXIT_FAILED;
	}
	return fail(err == -ENOMEM ? NULL : km, "restore", err, NULL);
}

static void restore_summary(const struct store *s, const struct restore_count *n, bool check,
			    bool kernel)
{
	unsigned int ifaces = check ? s->n_ifaces : n->ifaces;
	unsigned int entries = check ? s->n_entries : n->entries;
	unsigned int defaults = check ? s->n_defaults : n->defaults;
	unsigned int luids = check ? s->n_luids : n->luids;

	if (json) {
		json_open_object(stdout, NULL);
		json_bool(stdout, "check", check);
		if (check)
			json_bool(stdout, "kernel", kernel);
		json_uint(stdout, "interfaces", ifaces);
		json_uint(stdout, "entries", entries);
		json_uint(stdout, "defaults", defaults);
		json_uint(stdout, "luids", luids);
		if (!check) {
			json_uint(stdout, "already", n->already);
			json_uint(stdout, "failed", n->failed);
			json_uint(stdout, "skipped", n->skipped);
		}
		json_close_object(stdout);
		json_end(stdout);
		return;
	}
	printf("%s %u interfaces, %u values/properties, %u defaults, %u LUID indexes",
	       check ? "valid store:" : "restored", ifaces, entries, defaults, luids);
	if (!check && n->already)
		printf(" (%u already there)", n->already);
	if (!check && (n->failed || n->skipped))
		printf("; %u failed, %u skipped", n->failed, n->skipped);
	putchar('\n');
}

/* The store FILE refused (why said before): nothing was restored. */
static int restore_refused(const char *file)
{
	fprintf(stderr, "ifregctl: restore: %s refused; nothing was restored\n", file);
	return EXIT_BAD_STORE;
}

/*
 * restore_connect: connect_ifreg(), but a missing module is left to the
 * caller to tell (EXIT_NO_MODULE, not a word): restore still checks the
 * store then, by ifregctl's copy of the kernel's rules.
 */
static int restore_connect(struct ifreg_ctx **ctx)
{
	int err = ifreg_ctx_open(ctx);

	if (err == -ENOENT)
		return EXIT_NO_MODULE;
	if (err)
		return fail(NULL, "connecting to the ifreg family", err, NULL);
	return EXIT_OK;
}

/*
 * restore_without_kernel: what can be said of S when the kernel cannot be
 * asked (WHY): ifregctl's copy of its rules refuses the store (exit 4), or
 * a check says it passed them (exit 0); a restore cannot go on (EXIT, the
 * message said when there is no module).
 */
static int restore_without_kernel(const struct store *s, const char *file, bool check,
				  const char *why, int exit)
{
	struct restore_count n = { 0 };
	struct store_error serr;

	if (store_check_rules(s, &serr)) {
		fprintf(stderr, "ifregctl: restore: %s:%u: %s\n", file, serr.line, serr.msg);
		return restore_refused(file);
	}
	if (!check) {
		if (exit == EXIT_NO_MODULE) {
			char prefix[PATH_MAX + 32];

			snprintf(prefix, sizeof(prefix), "restore: %s: ", file);
			say_not_loaded(prefix, "; nothing was restored");
		}
		return exit;
	}
	fprintf(stderr, "ifregctl: restore: %s: checked by ifregctl's copy of the kernel's rules, the kernel was not asked (%s); it may still refuse what depends on its state\n",
		file, why);
	restore_summary(s, &n, true, false);
	return EXIT_OK;
}

/*
 * restore [--check] FILE: read and check FILE whole, have the kernel check
 * every record, and only when it refuses none apply them.
 */
int cmd_restore(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "check", no_argument, NULL, 'n' },
		COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct restore_count n = { 0 };
	struct store_error serr;
	const char *file;
	bool check = false;
	struct ifreg_ctx *ctx;
	struct store s;
	char *buf = NULL;
	size_t len = 0;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":" COMMON_SHORTOPTS "n", opts, NULL)) != -1) {
		if (c == 'n') {
			check = true;
			continue;
		}
		r = common_opt(c, argv);
		if (r >= 0)
			return r;
	}
	if (argc - optind > 1)
		return usage_error("%s: too many arguments", argv[0]);
	if (argc - optind < 1)
		return usage_error("%s: missing argument", argv[0]);
	file = argv[optind];

	r = store_read_file(file, &buf, &len);
	if (r) {
		fprintf(stderr, "ifregctl: restore: %s: %s\n", file,
			r == -EFBIG ? "too large for a store" : strerror(-r));
		return EXIT_FAILED;
	}
	r = store_parse(&s, buf, len, &serr);
	free(buf);
	if (r) {
		if (serr.line)
			fprintf(stderr, "ifregctl: restore: %s:%u: %s\n", file, serr.line, serr.msg);
		else
			fprintf(stderr, "ifregctl: restore: %s: %s\n", file, serr.msg);
		return restore_refused(file);
	}

	r = restore_connect(&ctx);
	if (r == EXIT_NO_MODULE) {
		r = restore_without_kernel(&s, file, check, "no ifreg module", r);
		goto out;
	}
	if (r)
		goto out;

	/* The kernel checks every record first: a store it refuses in part
	 * is refused whole, before anything is applied.
	 */
	r = restore_pass(ctx, &s, file, true, &n);
	if (check && r == -EPERM) {
		r = restore_without_kernel(&s, file, check, "its check needs CAP_SYS_ADMIN and CAP_NET_ADMIN",
					   EXIT_FAILED);
		goto out_close;
	}
	if (r) {
		r = restore_stopped(ctx, r);
		goto out_close;
	}
	if (n.refused) {
		r = restore_refused(file);
		goto out_close;
	}
	if (check) {
		restore_summary(&s, &n, true, true);
		goto out_close;
	}
	memset(&n, 0, sizeof(n));
	r = restore_pass(ctx, &s, file, false, &n);
	r = r ? restore_stopped(ctx, r) : n.failed ? EXIT_FAILED : EXIT_OK;
	restore_summary(&s, &n, false, true);
out_close:
	ifreg_ctx_close(ctx);
out:
	store_free(&s);
	return r;
}
