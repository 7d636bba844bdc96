// SPDX-License-Identifier: GPL-2.0
/*
 * ifregctl save and restore: the registry's persistent state to a store
 * file and back (the format is store.c's). save reads everything through
 * dumps, asks again when one raced a change, checks its own output as
 * restore would, and replaces the file atomically (FILE.tmp, fsync,
 * rename, fsync of the directory). restore reads and checks the whole file,
 * then has the kernel check every record (IFREG_F_CHECK) and applies them
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

struct save_ctx {
	struct store *s;
	const char *link;	/* the instance a do request asked for */
};

static int save_class_cb(const struct nlattr *tb[], void *data)
{
	struct save_ctx *c = data;

	if (!tb[IFREG_A_CLASS])
		return -EBADMSG;
	if (!tb[IFREG_A_DEFAULT_LINK])
		return 0;
	return store_add_default(c->s, str_attr(tb, IFREG_A_CLASS), str_attr(tb, IFREG_A_DEFAULT_LINK));
}

static int save_iface_cb(const struct nlattr *tb[], void *data)
{
	struct save_ctx *c = data;

	if (!tb[IFREG_A_SYMBOLIC_LINK] || !tb[IFREG_A_CLASS] || !tb[IFREG_A_INSTANCE_PATH])
		return -EBADMSG;
	return store_add_iface(c->s, str_attr(tb, IFREG_A_CLASS), str_attr(tb, IFREG_A_INSTANCE_PATH),
			       str_attr(tb, IFREG_A_REFERENCE),
			       /* Bound, or waiting for the device there. */
			       pdo_attr(tb) ?: str_attr(tb, IFREG_A_LOCATION),
			       str_attr(tb, IFREG_A_SYMBOLIC_LINK));
}

/* One entry of an instance's store dump: kept when it is persistent. */
static int save_entry_cb(const struct nlattr *tb[], void *data)
{
	struct save_ctx *c = data;
	const void *payload;
	size_t len;

	if (!tb[IFREG_A_STORE_FLAGS] || !tb[IFREG_A_DATA])
		return -EBADMSG;
	if (!(u32_attr(tb, IFREG_A_STORE_FLAGS) & IFREG_STORE_F_PERSISTENT))
		return 0;
	payload = mnl_attr_get_payload(tb[IFREG_A_DATA]);
	len = mnl_attr_get_payload_len(tb[IFREG_A_DATA]);
	if (tb[IFREG_A_VALUE_NAME])
		return store_add_entry(c->s, c->link, str_attr(tb, IFREG_A_VALUE_NAME), NULL, 0, 0,
				       payload, len);
	if (tb[IFREG_A_PROP_FMTID] && tb[IFREG_A_PROP_PID])
		return store_add_entry(c->s, c->link, NULL, str_attr(tb, IFREG_A_PROP_FMTID),
				       u32_attr(tb, IFREG_A_PROP_PID), u32_attr(tb, IFREG_A_PROP_TYPE),
				       payload, len);
	return -EBADMSG;
}

static int save_luid_cb(const struct nlattr *tb[], void *data)
{
	struct save_ctx *c = data;

	if (!tb[IFREG_A_IFTYPE] || !tb[IFREG_A_LUID_INDEX])
		return -EBADMSG;
	return store_add_luid(c->s, mnl_attr_get_u16(tb[IFREG_A_IFTYPE]),
			      u32_attr(tb, IFREG_A_LUID_INDEX), str_attr(tb, IFREG_A_LUID_KEY));
}

/*
 * save_read: the registry into S. Returns 0, SAVE_CHANGED when it changed
 * while it was read (ask again), or the exit code of a failure (message
 * printed).
 */
static int save_read(struct ifc_genl *g, struct store *s)
{
	struct save_ctx c = { .s = s };
	struct nlmsghdr *nlh;
	bool changed = false;
	size_t i, n;
	int err;

	nlh = ifc_genl_msg(g, msgbuf, IFREG_CMD_CLASS_GET, NLM_F_DUMP);
	err = ifc_genl_talk(g, nlh, save_class_cb, &c);
	if (err)
		return fail(g, "save: listing classes", err, NULL);
	changed |= g->dump_intr;

	nlh = ifc_genl_msg(g, msgbuf, IFREG_CMD_INTERFACE_GET, NLM_F_DUMP);
	mnl_attr_put_u32(nlh, IFREG_A_FLAGS, IFREG_F_INCLUDE_NONACTIVE);
	err = ifc_genl_talk(g, nlh, save_iface_cb, &c);
	if (err)
		return fail(g, "save: listing interfaces", err, NULL);
	changed |= g->dump_intr;

	/*
	 * The instances' stores, one dump each, one entry per message: all
	 * of it, however large; any error fails the save rather than leave
	 * entries out.
	 */
	n = s->n_ifaces;
	for (i = 0; i < n; i++) {
		c.link = s->ifaces[i].link;
		nlh = ifc_genl_msg(g, msgbuf, IFREG_CMD_STORE_GET, NLM_F_DUMP);
		mnl_attr_put_strz(nlh, IFREG_A_SYMBOLIC_LINK, c.link);
		err = ifc_genl_talk(g, nlh, save_entry_cb, &c);
		if (err == -ENOENT)
			return SAVE_CHANGED;	/* removed since the dump */
		if (err) {
			char what[400];

			snprintf(what, sizeof(what), "save: reading the store of %s", c.link);
			return fail(g, what, err, NULL);
		}
		changed |= g->dump_intr;
	}

	nlh = ifc_genl_msg(g, msgbuf, IFREG_CMD_LUID_GET, NLM_F_DUMP);
	err = ifc_genl_talk(g, nlh, save_luid_cb, &c);
	if (err)
		return fail(g, "save: listing LUID indexes", err, NULL);
	changed |= g->dump_intr;
	return changed ? SAVE_CHANGED : 0;
}

/* save FILE: the registry's persistent state into FILE, atomically. */
int cmd_save(int argc, char **argv)
{
	struct store_error serr = { .line = 0 };
	struct store s, check;
	struct ifc_genl g;
	char *pos[1], *text = NULL, why[PATH_MAX + 200];
	size_t len = 0;
	int r, tries;

	r = positional(argc, argv, 1, 1, pos);
	if (r >= 0)
		return r;
	r = connect_ifreg(&g);
	if (r)
		return r;
	for (tries = 0; tries < SAVE_TRIES; tries++) {
		store_init(&s);
		r = save_read(&g, &s);
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
	ifc_genl_close(&g);
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
 * check's reply says it of its record (IFREG_A_AHEAD_*), the check of a
 * later record is sent the sums of the records before it that bear on it
 * (all of them, or those of its class or instance), so that the kernel
 * checks each record on the state the records before it make.
 */
enum { AHEAD_INSTANCES, AHEAD_CLASS_INSTANCES, AHEAD_CLASSES, AHEAD_ENTRIES, AHEAD_BYTES,
       AHEAD_LUID_INDEXES, AHEAD_RESERVATIONS, AHEAD_N };

static const int ahead_attr[AHEAD_N] = {
	IFREG_A_AHEAD_INSTANCES, IFREG_A_AHEAD_CLASS_INSTANCES, IFREG_A_AHEAD_CLASSES,
	IFREG_A_AHEAD_ENTRIES, IFREG_A_AHEAD_BYTES, IFREG_A_AHEAD_LUID_INDEXES,
	IFREG_A_AHEAD_RESERVATIONS,
};

struct ahead {
	uint32_t n[AHEAD_N];	/* IFREG_A_AHEAD_BYTES is an s32 */
};

struct check_reply {
	struct change_reply rep;
	struct ahead adds;
};

static int check_cb(const struct nlattr *tb[], void *data)
{
	struct check_reply *c = data;
	int i;

	for (i = 0; i < AHEAD_N; i++)
		c->adds.n[i] = tb[ahead_attr[i]] ? u32_attr(tb, ahead_attr[i]) : 0;
	return change_cb(tb, &c->rep);
}

/* The sums in A, those from FIRST to LAST, on a check's request. */
static void put_ahead(struct nlmsghdr *nlh, const struct ahead *a, int first, int last)
{
	int i;

	for (i = first; i <= last; i++)
		mnl_attr_put_u32(nlh, ahead_attr[i], a->n[i]);
}

static void add_ahead(struct ahead *sum, const struct ahead *adds, int first, int last)
{
	int i;

	for (i = first; i <= last; i++)
		sum->n[i] += adds->n[i];
}

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
 * restore_one: send NLH (the request for the record at LINE of FILE) and
 * report a failure as FILE:LINE: WHAT, unless it is EXPECTED (0: none).
 * Returns 0, or the negative errno.
 */
static int restore_one(struct ifc_genl *g, struct nlmsghdr *nlh, struct check_reply *rep,
		       const char *file, unsigned int line, const char *what, int expected)
{
	char buf[PATH_MAX + 1024];
	int err;

	memset(rep, 0, sizeof(*rep));
	err = ifc_genl_talk(g, nlh, check_cb, rep);
	if (err && err != expected && !restore_fatal(err)) {
		snprintf(buf, sizeof(buf), "restore: %s:%u: %s", file, line, what);
		fail(g, buf, err, NULL);
	}
	return err;
}

/* The request for an interface, a value or property, a default, a LUID. */
static struct nlmsghdr *iface_msg(struct ifc_genl *g, char *buf, const struct store_iface *r)
{
	struct nlmsghdr *nlh = ifc_genl_msg(g, buf, IFREG_CMD_INTERFACE_RESTORE, NLM_F_ACK);

	mnl_attr_put_strz(nlh, IFREG_A_INSTANCE_PATH, r->instance_path);
	mnl_attr_put_strz(nlh, IFREG_A_CLASS, r->class);
	if (r->reference)
		mnl_attr_put_strz(nlh, IFREG_A_REFERENCE, r->reference);
	if (r->pdo)
		mnl_attr_put_strz(nlh, IFREG_A_PDO, r->pdo);
	return nlh;
}

static struct nlmsghdr *entry_msg(struct ifc_genl *g, char *buf, const struct store_entry *e,
				  const char *link)
{
	struct nlmsghdr *nlh = ifc_genl_msg(g, buf, IFREG_CMD_STORE_SET, NLM_F_ACK);

	mnl_attr_put_strz(nlh, IFREG_A_SYMBOLIC_LINK, link);
	if (e->name) {
		mnl_attr_put_strz(nlh, IFREG_A_VALUE_NAME, e->name);
	} else {
		mnl_attr_put_strz(nlh, IFREG_A_PROP_FMTID, e->fmtid);
		mnl_attr_put_u32(nlh, IFREG_A_PROP_PID, e->pid);
		mnl_attr_put_u32(nlh, IFREG_A_PROP_TYPE, e->type);
	}
	mnl_attr_put_u32(nlh, IFREG_A_STORE_FLAGS, IFREG_STORE_F_PERSISTENT);
	mnl_attr_put(nlh, IFREG_A_DATA, e->len, e->data);
	return nlh;
}

static struct nlmsghdr *default_msg(struct ifc_genl *g, char *buf, const char *link)
{
	struct nlmsghdr *nlh = ifc_genl_msg(g, buf, IFREG_CMD_CLASS_SET_DEFAULT, NLM_F_ACK);

	mnl_attr_put_strz(nlh, IFREG_A_SYMBOLIC_LINK, link);
	return nlh;
}

static struct nlmsghdr *luid_msg(struct ifc_genl *g, char *buf, const struct store_luid *l)
{
	struct nlmsghdr *nlh = ifc_genl_msg(g, buf, IFREG_CMD_LUID_RESERVE, NLM_F_ACK);

	mnl_attr_put_u16(nlh, IFREG_A_IFTYPE, l->iftype);
	mnl_attr_put_u32(nlh, IFREG_A_LUID_INDEX, l->index);
	if (l->key)
		mnl_attr_put_strz(nlh, IFREG_A_LUID_KEY, l->key);
	return nlh;
}

/* CHECK: the request only asks the kernel whether it would be applied. */
static void check_only(struct nlmsghdr *nlh, bool check)
{
	if (check)
		mnl_attr_put_u32(nlh, IFREG_A_FLAGS, IFREG_F_CHECK);
}

/*
 * restore_pass: S (parsed) to the kernel, in the store's order (LUID
 * indexes without a key before those with one): applied, or with CHECK
 * only checked (IFREG_F_CHECK), each record by the rules applying it would
 * meet on the state the records before it make: each check is sent what
 * those add (IFREG_A_AHEAD_*, from their checks' replies). A check counts
 * what the kernel refuses in N->refused; a value, property or default of
 * an interface the store registers anew is checked by itself, its
 * instance missing (-ENOENT) as expected, and adds its entry then.
 * Applying counts what went in and what failed. Returns 0, or a negative
 * errno that stops everything (restore_stopped() says it).
 */
static int restore_pass(struct ifc_genl *g, const struct store *s, const char *file, bool check,
			struct restore_count *n)
{
	unsigned int *failed = check ? &n->refused : &n->failed;
	char what[STORE_LINK_MAX + STORE_NAME_MAX + 64];
	struct ahead sum = { { 0 } }, *by_iface;
	struct check_reply rep;
	struct nlmsghdr *nlh;
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

		nlh = iface_msg(g, msgbuf, r);
		check_only(nlh, check);
		if (check) {
			sum.n[AHEAD_CLASS_INSTANCES] =
				by_iface[first[i]].n[AHEAD_CLASS_INSTANCES];
			put_ahead(nlh, &sum, AHEAD_INSTANCES, AHEAD_CLASSES);
		}
		snprintf(what, sizeof(what), "interface %s", r->link);
		err = restore_one(g, nlh, &rep, file, r->line, what, 0);
		if (restore_fatal(err))
			goto out;
		if (err) {
			(*failed)++;
			continue;
		}
		by_iface[first[i]].n[AHEAD_CLASS_INSTANCES] += rep.adds.n[AHEAD_CLASS_INSTANCES];
		sum.n[AHEAD_INSTANCES] += rep.adds.n[AHEAD_INSTANCES];
		sum.n[AHEAD_CLASSES] += rep.adds.n[AHEAD_CLASSES];
		if (!rep.rep.link[0]) {
			fprintf(stderr, "ifregctl: restore: %s:%u: %s: the kernel's reply names no symbolic link\n",
				file, r->line, what);
			(*failed)++;
			continue;
		}
		if (strcasecmp(rep.rep.link, r->link)) {
			/* Under another name: what names it is broken. */
			fprintf(stderr, "ifregctl: restore: %s:%u: %s: the kernel names it %s, not as saved\n",
				file, r->line, what, rep.rep.link);
			(*failed)++;
			if (check)
				continue;
		}
		links[i] = strdup(rep.rep.link);
		if (!links[i]) {
			err = -ENOMEM;
			goto out;
		}
		fresh[i] = !rep.rep.exists;
		n->ifaces++;
		n->already += rep.rep.exists;
	}

	for (i = 0; i < s->n_entries; i++) {
		const struct store_entry *e = &s->entries[i];
		const char *link = links[e->iface];
		size_t need = strlen(link ?: "") + e->len + 1024;
		struct ahead *on = &by_iface[e->iface];
		bool missing;
		char *buf;

		if (!link) {
			n->skipped++;
			continue;
		}
		buf = need > sizeof(msgbuf) ? malloc(need) : msgbuf;
		if (!buf) {
			err = -ENOMEM;
			goto out;
		}
		nlh = entry_msg(g, buf, e, link);
		check_only(nlh, check);
		if (check)
			put_ahead(nlh, on, AHEAD_ENTRIES, AHEAD_BYTES);
		if (e->name)
			snprintf(what, sizeof(what), "value '%s' of %s", e->name, link);
		else
			snprintf(what, sizeof(what), "property %s:%" PRIu32 " of %s", e->fmtid, e->pid, link);
		err = restore_one(g, nlh, &rep, file, e->line, what,
				  check && fresh[e->iface] ? -ENOENT : 0);
		if (buf != msgbuf)
			free(buf);
		if (restore_fatal(err))
			goto out;
		missing = check && err == -ENOENT && fresh[e->iface];
		if (missing) {
			/* A store made anew: the entry is added, whole. */
			rep.adds.n[AHEAD_ENTRIES] = 1;
			rep.adds.n[AHEAD_BYTES] = e->len;
		}
		if (err && !missing) {
			(*failed)++;
		} else {
			n->entries++;
			add_ahead(on, &rep.adds, AHEAD_ENTRIES, AHEAD_BYTES);
		}
	}

	for (i = 0; i < s->n_defaults; i++) {
		const struct store_default *d = &s->defaults[i];
		const char *link = links[d->iface];

		if (!link) {
			n->skipped++;
			continue;
		}
		nlh = default_msg(g, msgbuf, link);
		check_only(nlh, check);
		snprintf(what, sizeof(what), "default %s", link);
		err = restore_one(g, nlh, &rep, file, d->line, what,
				  check && fresh[d->iface] ? -ENOENT : 0);
		if (restore_fatal(err))
			goto out;
		if (err && !(check && err == -ENOENT && fresh[d->iface]))
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
			nlh = luid_msg(g, msgbuf, l);
			check_only(nlh, check);
			if (check)
				put_ahead(nlh, &sum, AHEAD_LUID_INDEXES, AHEAD_RESERVATIONS);
			snprintf(what, sizeof(what), "luid %u %" PRIu32, l->iftype, l->index);
			err = restore_one(g, nlh, &rep, file, l->line, what, 0);
			if (restore_fatal(err))
				goto out;
			if (err) {
				(*failed)++;
			} else {
				n->luids++;
				n->already += rep.rep.exists;
				add_ahead(&sum, &rep.adds, AHEAD_LUID_INDEXES, AHEAD_RESERVATIONS);
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
static int restore_stopped(const struct ifc_genl *g, int err)
{
	if (err == -EOPNOTSUPP) {
		fprintf(stderr, "ifregctl: restore: this ifreg module cannot restore (%s)\n",
			g->extack[0] ? g->extack : "it does not know the command");
		return EXIT_FAILED;
	}
	return fail(err == -ENOMEM ? NULL : g, "restore", err, NULL);
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
static int restore_connect(struct ifc_genl *g)
{
	int err = ifc_genl_open(g);

	if (!err) {
		err = ifc_genl_resolve(g);
		ifc_genl_close(g);
		if (err == -ENOENT)
			return EXIT_NO_MODULE;
	}
	return connect_ifreg(g);
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
		if (exit == EXIT_NO_MODULE)
			fprintf(stderr, "ifregctl: restore: %s: the ifreg module is not loaded; nothing was restored\n",
				file);
		return exit;
	}
	fprintf(stderr, "ifregctl: restore: %s: checked by ifregctl's copy of the kernel's rules, the kernel was not asked (%s); it may still refuse what depends on its state\n",
		file, why);
	restore_summary(s, &n, true, false);
	return EXIT_OK;
}

/*
 * restore [--check] FILE: read and check FILE whole, have the kernel check
 * every record (IFREG_F_CHECK), and only when it refuses none apply them.
 */
int cmd_restore(int argc, char **argv)
{
	struct restore_count n = { 0 };
	struct store_error serr;
	const char *file = NULL;
	bool check = false, dashdash = false;
	struct ifc_genl g;
	struct store s;
	char *buf = NULL;
	size_t len = 0;
	int i, r;

	for (i = 1; i < argc; i++) {
		if (dashdash || argv[i][0] != '-' || argv[i][1] == '\0') {
			if (file)
				return usage_error("%s: too many arguments", argv[0]);
			file = argv[i];
		} else if (!strcmp(argv[i], "--")) {
			dashdash = true;
		} else if (is_json_opt(argv[i])) {
			json = true;
		} else if (!strcmp(argv[i], "--check") || !strcmp(argv[i], "-n")) {
			check = true;
		} else {
			return usage_error("unknown option '%s'", argv[i]);
		}
	}
	if (!file)
		return usage_error("%s: missing argument", argv[0]);

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

	r = restore_connect(&g);
	if (r == EXIT_NO_MODULE) {
		r = restore_without_kernel(&s, file, check, "no ifreg module", r);
		goto out;
	}
	if (r)
		goto out;

	/* The kernel checks every record first: a store it refuses in part
	 * is refused whole, before anything is applied.
	 */
	r = restore_pass(&g, &s, file, true, &n);
	if (check && r == -EPERM) {
		r = restore_without_kernel(&s, file, check, "its check needs CAP_SYS_ADMIN and CAP_NET_ADMIN",
					   EXIT_FAILED);
		goto out_close;
	}
	if (r) {
		r = restore_stopped(&g, r);
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
	r = restore_pass(&g, &s, file, false, &n);
	r = r ? restore_stopped(&g, r) : n.failed ? EXIT_FAILED : EXIT_OK;
	restore_summary(&s, &n, false, true);
out_close:
	ifc_genl_close(&g);
out:
	store_free(&s);
	return r;
}
