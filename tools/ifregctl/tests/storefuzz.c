// SPDX-License-Identifier: GPL-2.0
/*
 * storefuzz: mutations of a saved store, for scripts/guest/test-storefuzz.sh.
 * Not installed anywhere.
 *
 * storefuzz mutate SEED IN OUT [LUIDS]
 *	OUT is IN (a valid store) mutated as SEED picks, with a correct end
 *	line (record count and CRC-32), so that what is mutated reaches
 *	restore's record checks and the kernel's: field by field, aimed at
 *	the kernel's rules (lengths at their bounds, bad and odd bytes,
 *	letter case, percent-escapes, numbers at and beyond their ranges,
 *	duplicates that conflict, references to interfaces missing, LUID
 *	indexes and keys clashing with each other and with the kernel's
 *	table, many records for the caps); line by line (dropped, doubled,
 *	moved); and byte by byte. LUIDS, when given, is `ifregctl luid list`
 *	of the kernel the store goes to: its indexes and keys to clash with.
 *	Prints one line saying what it did.
 * storefuzz seal IN OUT
 *	OUT is IN without its end lines, sealed with a new one (record
 *	count and CRC-32): for stores edited by hand, as the regression
 *	cases are (lines appended after the end line count too).
 * storefuzz contains A B
 *	Exit 0 when every record of store A is in store B (compared parsed:
 *	interfaces by their link, class and reference, values and
 *	properties by their interface, key, type and data, defaults and LUID
 *	indexes whole); exit 1 naming the first missing one; 2 when a store
 *	cannot be read.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../store.h"

static uint64_t rng_state;

static uint32_t rnd(void)
{
	uint64_t x = rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return (x * 0x2545f4914f6cdd1dULL) >> 32;
}

/* below: 0 to N - 1 (N > 0). */
static uint32_t below(uint32_t n)
{
	return rnd() % n;
}

static bool chance(unsigned int percent)
{
	return below(100) < percent;
}

static char what[4096];

static void said(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void said(const char *fmt, ...)
{
	size_t n = strlen(what);
	va_list ap;

	if (n + 2 >= sizeof(what))
		return;
	if (n)
		what[n++] = ';', what[n++] = ' ', what[n] = '\0';
	va_start(ap, fmt);
	vsnprintf(what + n, sizeof(what) - n, fmt, ap);
	va_end(ap);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fputs("storefuzz: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	return strcpy(xmalloc(strlen(s) + 1), s);
}

static void oom(int err)
{
	if (err) {
		fputs("storefuzz: out of memory\n", stderr);
		exit(1);
	}
}

/* ---- text fields ---- */

/* Bytes that the kernel's rules care about, one of them at random. */
static char odd_byte(void)
{
	static const char odd[] = "aZz#/\\ %-&.:{}~09";

	switch (below(4)) {
	case 0:
		return 1 + below(0x1f);		/* a control character */
	case 1:
		return below(2) ? 0x7f : (char)(0x80 + below(0x80));
	default:
		return odd[below(sizeof(odd) - 1)];
	}
}

/* A new string: S with one odd byte put in at a random place. */
static char *with_odd_byte(const char *s)
{
	size_t n = strlen(s), at = below(n + 1);
	char *d = xmalloc(n + 2);

	memcpy(d, s, at);
	d[at] = odd_byte();
	strcpy(d + at + 1, s + at);
	return d;
}

/* A new string of LEN bytes: S, cut or padded with FILL. */
static char *sized(const char *s, size_t len, char fill)
{
	size_t n = strlen(s);
	char *d = xmalloc(len + 1);

	memcpy(d, s, n < len ? n : len);
	if (n < len)
		memset(d + n, fill, len - n);
	d[len] = '\0';
	return d;
}

/*
 * mutate_text: a new string for the text field S (MAX: the kernel's
 * bound on it), or NULL for an absent or empty one.
 */
static char *mutate_text(const char *s, size_t max, const char *name)
{
	char *d;
	size_t i;

	s = s ? s : "";
	switch (below(8)) {
	case 0:
		said("%s: odd byte", name);
		return with_odd_byte(s);
	case 1:
		said("%s: upper case", name);
		d = xstrdup(s);
		for (i = 0; d[i]; i++)
			d[i] = toupper((unsigned char)d[i]);
		return d;
	case 2:
		said("%s: lower case", name);
		d = xstrdup(s);
		for (i = 0; d[i]; i++)
			d[i] = tolower((unsigned char)d[i]);
		return d;
	case 3:
		i = max - 1 + below(3);
		said("%s: %zu bytes", name, i);
		return sized(s, i, below(2) ? 'x' : 'Q');
	case 4:
		said("%s: empty", name);
		return NULL;
	case 5:
		said("%s: '-'", name);
		return xstrdup("-");
	case 6:
		said("%s: '%%41'", name);
		return xstrdup("%41");
	default:
		i = strlen(s) ? below(strlen(s)) : 0;
		said("%s: cut at %zu", name, i);
		return sized(s, i, 'x');
	}
}

/* ---- interfaces ---- */

/* The link the kernel gives R: "\??\" + path ('\' as '#') '#' class ['\' ref]. */
static char *link_of(const struct store_iface *r)
{
	const char *ref = r->reference ? r->reference : "";
	size_t size = strlen(r->instance_path) + strlen(r->class) + strlen(ref) + 8;
	char *l = xmalloc(size), *bs;

	snprintf(l, size, "\\??\\%s#%s%s%s", r->instance_path, r->class, *ref ? "\\" : "", ref);
	bs = strchr(l + 4, '\\');
	if (bs)
		*bs = '#';
	return l;
}

/* set_link: interface I named LINK, and every record naming it too. */
static void set_link(struct store *s, size_t i, char *link)
{
	char *old = s->ifaces[i].link;
	size_t j;

	for (j = 0; j < s->n_entries; j++) {
		if (!strcasecmp(s->entries[j].link, old)) {
			free(s->entries[j].link);
			s->entries[j].link = xstrdup(link);
		}
	}
	for (j = 0; j < s->n_defaults; j++) {
		if (!strcasecmp(s->defaults[j].link, old)) {
			free(s->defaults[j].link);
			s->defaults[j].link = xstrdup(link);
		}
	}
	s->ifaces[i].link = link;
	free(old);
}

static void random_guid(char out[39])
{
	snprintf(out, 39, "{%08x-%04x-%04x-%04x-%04x%08x}", rnd(), rnd() & 0xffff,
		 rnd() & 0xffff, rnd() & 0xffff, rnd() & 0xffff, rnd());
}

/* A class of the store's, or one of a few new ones. */
static void some_class(const struct store *s, char out[39])
{
	static const char *const mine[] = {
		"{0badc1a5-0000-4000-8000-000000000001}",
		"{0badc1a5-0000-4000-8000-000000000002}",
		"{0badc1a5-0000-4000-8000-000000000003}",
	};

	if (s->n_ifaces && chance(40))
		memcpy(out, s->ifaces[below(s->n_ifaces)].class, 39);
	else if (chance(80))
		strcpy(out, mine[below(3)]);
	else
		random_guid(out);
}

static void mutate_iface(struct store *s, size_t i)
{
	struct store_iface *r = &s->ifaces[i];
	char *t, *bs;

	switch (below(5)) {
	case 0: {
		/* Subsystem or device name, the kernel's rules differ. */
		bool sub = chance(50);

		bs = strchr(r->instance_path, '\\');
		if (!bs)
			break;
		*bs = '\0';
		t = mutate_text(sub ? r->instance_path : bs + 1, STORE_NAME_MAX - 60,
				sub ? "interface subsystem" : "interface device name");
		{
			const char *a = sub ? (t ? t : "") : r->instance_path;
			const char *b = sub ? bs + 1 : (t ? t : "");
			char *p = xmalloc(strlen(a) + strlen(b) + 2);

			sprintf(p, "%s\\%s", a, b);
			free(r->instance_path);
			r->instance_path = p;
		}
		free(t);
		break;
	}
	case 1:
		t = mutate_text(r->reference, STORE_NAME_MAX - 80, "interface reference");
		free(r->reference);
		r->reference = t;
		break;
	case 2:
		switch (below(4)) {
		case 0:
			said("interface pdo: none");
			free(r->pdo);
			r->pdo = NULL;
			break;
		case 1:
			said("interface pdo: missing device");
			free(r->pdo);
			r->pdo = xstrdup("/sys/devices/platform/storefuzz.0");
			break;
		case 2:
			if (s->n_ifaces > 1 && s->ifaces[below(s->n_ifaces)].pdo) {
				said("interface pdo: another's");
				t = xstrdup(s->ifaces[below(s->n_ifaces)].pdo ?: "/sys/devices/virtual");
				free(r->pdo);
				r->pdo = t;
			}
			break;
		default:
			said("interface pdo: /sys/devices/virtual/net/lo");
			free(r->pdo);
			r->pdo = xstrdup("/sys/devices/virtual/net/lo");
			break;
		}
		return;		/* the link does not depend on it */
	case 3:
		said("interface class: another");
		some_class(s, r->class);
		break;
	default:
		said("interface: instance path in another case");
		for (t = r->instance_path; *t; t++)
			*t = chance(50) ? tolower((unsigned char)*t) : toupper((unsigned char)*t);
		break;
	}
	/* Mostly the link follows, so that the kernel's check is reached. */
	if (chance(85))
		set_link(s, i, link_of(r));
	else
		said("link left as it was");
}

/* A new interface of a class, waiting for a device that is not there. */
static void add_iface(struct store *s, const char *class, unsigned int n)
{
	char path[64];
	struct store_iface *r;
	char *l;

	snprintf(path, sizeof(path), "STOREFUZZ\\dev%u", n);
	oom(store_add_iface(s, class, path, NULL,
			    chance(50) ? "/sys/devices/platform/storefuzz.1" : NULL, "x"));
	r = &s->ifaces[s->n_ifaces - 1];
	l = link_of(r);
	free(r->link);
	r->link = l;
}

/* ---- values and properties ---- */

static size_t some_iface(const struct store *s)
{
	return below(s->n_ifaces);
}

static void random_data(unsigned char **data, size_t *len)
{
	static const size_t sizes[] = { 0, 1, 4, 4095, 4096, 4097, 8192 };
	size_t n = chance(50) ? sizes[below(7)] : below(300), i;

	free(*data);
	*data = xmalloc(n);
	for (i = 0; i < n; i++)
		(*data)[i] = rnd();
	*len = n;
}

static void mutate_entry(struct store *s, size_t i)
{
	struct store_entry *e = &s->entries[i];
	static const uint32_t nums[] = { 0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff };
	char *t;

	switch (below(5)) {
	case 0:
		if (!e->name)
			goto pid;
		t = mutate_text(e->name, STORE_NAME_MAX, "value name");
		free(e->name);
		e->name = t ? t : xstrdup("");
		break;
	case 1:
		random_data(&e->data, &e->len);
		said("entry data: %zu bytes", e->len);
		break;
	case 2:
pid:
		if (e->name)
			break;
		e->pid = chance(50) ? nums[below(6)] : rnd();
		e->type = chance(50) ? nums[below(6)] : below(0x2000);
		said("property pid %" PRIu32 " type %" PRIu32, e->pid, e->type);
		break;
	case 3:
		if (s->n_ifaces) {
			size_t to = some_iface(s);

			said("entry moved to interface %zu", to);
			free(e->link);
			e->link = xstrdup(s->ifaces[to].link);
			if (chance(30))
				for (t = e->link; *t; t++)
					*t = toupper((unsigned char)*t);
		}
		break;
	default:
		said("entry of a missing interface");
		free(e->link);
		e->link = xstrdup("\\??\\STOREFUZZ#gone#{0badc1a5-0000-4000-8000-0000000000ff}");
		break;
	}
}

/* Entries on interface I: N more, from one byte to the store's size. */
static void add_entries(struct store *s, size_t i, unsigned int n)
{
	unsigned char *data = NULL;
	char name[64], fmtid[39];
	unsigned int k, base = rnd() % 100000;
	size_t len = 0;

	for (k = 0; k < n; k++) {
		if (chance(60))
			len = chance(50) ? 1 + below(64) : 4096;
		else
			random_data(&data, &len);
		free(data);
		data = xmalloc(len);
		memset(data, 0x5a, len);
		if (chance(70)) {
			snprintf(name, sizeof(name), "Fuzz%u", base + k);
			oom(store_add_entry(s, s->ifaces[i].link, name, NULL, 0, 0, data, len));
		} else {
			random_guid(fmtid);
			oom(store_add_entry(s, s->ifaces[i].link, NULL, fmtid, below(100), 7,
					    data, len));
		}
	}
	free(data);
}

/* ---- LUID indexes ---- */

struct kluid {
	uint16_t iftype;
	uint32_t index;
	char *key;
};

static struct kluid *kluids;
static size_t n_kluids;

/* LUIDS: lines of `ifregctl luid list`: "iftype T luid-index I ... [key K]". */
static void read_kluids(const char *path)
{
	char line[8192], *k;
	unsigned int t, i;
	FILE *f = fopen(path, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "iftype %u luid-index %u", &t, &i) != 2)
			continue;
		kluids = realloc(kluids, (n_kluids + 1) * sizeof(*kluids));
		oom(!kluids);
		kluids[n_kluids].iftype = t;
		kluids[n_kluids].index = i;
		k = strstr(line, " key ");
		if (k) {
			k += 5;
			k[strcspn(k, "\n")] = '\0';
		}
		kluids[n_kluids++].key = k ? xstrdup(k) : NULL;
	}
	fclose(f);
}

static void mutate_luid(struct store *s, size_t i)
{
	static const uint16_t types[] = { 0, 1, 6, 24, 71, 4242, 65535 };
	static const uint32_t indexes[] = { 1, 2, 3, 255, 256, 65535, 16777214, 16777215 };
	struct store_luid *l = &s->luids[i];
	const struct kluid *k;
	char *t;

	switch (below(6)) {
	case 0:
		l->iftype = chance(70) ? types[below(7)] : rnd();
		said("luid iftype %u", l->iftype);
		break;
	case 1:
		l->index = chance(70) ? indexes[below(8)] : 1 + below(4096);
		said("luid index %" PRIu32, l->index);
		break;
	case 2:
		t = mutate_text(l->key, STORE_LUID_KEY_MAX, "luid key");
		free(l->key);
		l->key = t;
		break;
	case 3:
		/* Another record's key or index: a conflict in the store. */
		if (s->n_luids > 1) {
			const struct store_luid *o = &s->luids[below(s->n_luids)];

			if (chance(50) && o->key) {
				said("luid key of another record");
				free(l->key);
				l->key = xstrdup(o->key);
			} else {
				said("luid iftype and index of another record, +1");
				l->iftype = o->iftype;
				l->index = o->index + 1;
			}
		}
		break;
	default:
		/* Conflicts with the kernel's table. */
		if (!n_kluids)
			break;
		k = &kluids[below(n_kluids)];
		switch (below(3)) {
		case 0:
			said("luid at the kernel's %u/%" PRIu32, k->iftype, k->index);
			l->iftype = k->iftype;
			l->index = k->index;
			break;
		case 1:
			said("luid key of the kernel's %u/%" PRIu32, k->iftype, k->index);
			free(l->key);
			l->key = k->key ? xstrdup(k->key) : xstrdup("/devices/virtual/net/fuzz");
			if (chance(50))
				l->index = 1 + below(4096);
			break;
		default:
			said("luid at the kernel's %u/%" PRIu32 " without a key", k->iftype, k->index);
			l->iftype = k->iftype;
			l->index = k->index;
			free(l->key);
			l->key = NULL;
			break;
		}
	}
}

static void add_luids(struct store *s, unsigned int n)
{
	uint32_t base = 1 + below(100000);
	char key[64];
	unsigned int k;
	bool keyed = chance(50);

	for (k = 0; k < n; k++) {
		snprintf(key, sizeof(key), "/devices/virtual/net/fz%u", base + k);
		oom(store_add_luid(s, 4243 + below(2), base + k, keyed || chance(30) ? key : NULL));
	}
}

/* ---- whole records ---- */

/* dup_record: a copy of record I of kind KIND, then changed. */
static void dup_record(struct store *s)
{
	size_t i;

	switch (below(4)) {
	case 0:
		if (!s->n_ifaces)
			return;
		i = some_iface(s);
		said("interface %zu doubled, changed", i);
		oom(store_add_iface(s, s->ifaces[i].class, s->ifaces[i].instance_path,
				    s->ifaces[i].reference, s->ifaces[i].pdo, s->ifaces[i].link));
		mutate_iface(s, s->n_ifaces - 1);
		break;
	case 1:
		if (!s->n_entries)
			return;
		i = below(s->n_entries);
		said("entry %zu doubled, changed", i);
		oom(store_add_entry(s, s->entries[i].link, s->entries[i].name, s->entries[i].fmtid,
				    s->entries[i].pid, s->entries[i].type, s->entries[i].data,
				    s->entries[i].len));
		mutate_entry(s, s->n_entries - 1);
		break;
	case 2:
		if (!s->n_defaults || !s->n_ifaces)
			return;
		i = some_iface(s);
		said("default for interface %zu added", i);
		oom(store_add_default(s, chance(70) ? s->ifaces[i].class : s->defaults[0].class,
				      s->ifaces[i].link));
		break;
	default:
		if (!s->n_luids)
			return;
		i = below(s->n_luids);
		said("luid %zu doubled, changed", i);
		oom(store_add_luid(s, s->luids[i].iftype, s->luids[i].index, s->luids[i].key));
		mutate_luid(s, s->n_luids - 1);
		break;
	}
}

/* many: records enough to reach a cap, of one kind. */
static void many(struct store *s)
{
	/* The test's caps are tens: more would only make it slower. */
	unsigned int n = 4 + below(chance(30) ? 60 : 20), k;
	char class[39];

	switch (below(3)) {
	case 0:
		some_class(s, class);
		said("%u interfaces of %s", n, class);
		for (k = 0; k < n; k++)
			add_iface(s, chance(80) ? class : s->ifaces[some_iface(s)].class,
				  rnd() % 1000000);
		break;
	case 1:
		if (!s->n_ifaces)
			return;
		k = some_iface(s);
		said("%u entries on interface %u", n, k);
		add_entries(s, k, n);
		break;
	default:
		said("%u luid indexes", n);
		add_luids(s, n);
		break;
	}
}

static void field_mutation(struct store *s)
{
	switch (below(6)) {
	case 0:
		if (s->n_ifaces)
			mutate_iface(s, some_iface(s));
		break;
	case 1:
		if (s->n_entries)
			mutate_entry(s, below(s->n_entries));
		break;
	case 2:
		if (s->n_luids)
			mutate_luid(s, below(s->n_luids));
		break;
	case 3:
		dup_record(s);
		break;
	case 4:
		many(s);
		break;
	default:
		if (s->n_defaults && s->n_ifaces) {
			size_t i = some_iface(s);

			said("default moved to interface %zu", i);
			free(s->defaults[0].link);
			s->defaults[0].link = xstrdup(s->ifaces[i].link);
			if (chance(80))
				memcpy(s->defaults[0].class, s->ifaces[i].class, 39);
		}
		break;
	}
}

/* ---- lines and bytes ---- */

struct lines {
	char **l;
	size_t n;
};

/* split_body: TEXT's lines between the header and the end line. */
static void split_body(char *text, struct lines *b)
{
	char *p = strchr(text, '\n') + 1, *lf;

	b->l = NULL;
	b->n = 0;
	while ((lf = strchr(p, '\n'))) {
		*lf = '\0';
		if (!strncmp(p, "end ", 4))
			break;
		b->l = realloc(b->l, (b->n + 1) * sizeof(*b->l));
		oom(!b->l);
		b->l[b->n++] = xstrdup(p);
		p = lf + 1;
	}
}

static void line_mutation(struct lines *b)
{
	size_t i, j;
	char *t;

	if (!b->n)
		return;
	i = below(b->n);
	j = below(b->n);
	switch (below(4)) {
	case 0:
		said("line %zu dropped", i + 2);
		free(b->l[i]);
		memmove(b->l + i, b->l + i + 1, (b->n - i - 1) * sizeof(*b->l));
		b->n--;
		break;
	case 1:
		said("line %zu doubled", i + 2);
		b->l = realloc(b->l, (b->n + 1) * sizeof(*b->l));
		oom(!b->l);
		b->l[b->n++] = xstrdup(b->l[i]);
		break;
	case 2:
		said("lines %zu and %zu swapped", i + 2, j + 2);
		t = b->l[i];
		b->l[i] = b->l[j];
		b->l[j] = t;
		break;
	default:
		said("line %zu moved first", i + 2);
		t = b->l[i];
		memmove(b->l + 1, b->l, i * sizeof(*b->l));
		b->l[0] = t;
		break;
	}
}

static void byte_mutation(struct lines *b)
{
	size_t i, n, at;
	char *l, *d;

	if (!b->n)
		return;
	i = below(b->n);
	l = b->l[i];
	n = strlen(l);
	at = below(n + 1);
	d = xmalloc(n + 2);
	switch (below(3)) {
	case 0:
		if (at == n)
			at = n ? n - 1 : 0;
		said("line %zu: byte %zu flipped", i + 2, at);
		strcpy(d, l);
		if (n)
			d[at] ^= 1 << below(7);
		if (!d[at] || d[at] == '\n')
			d[at] = '?';
		break;
	case 1:
		said("line %zu: byte put in at %zu", i + 2, at);
		memcpy(d, l, at);
		d[at] = chance(50) ? ' ' : odd_byte();
		if (d[at] == '\n')
			d[at] = '%';
		strcpy(d + at + 1, l + at);
		break;
	default:
		said("line %zu: byte %zu taken out", i + 2, at);
		strcpy(d, l);
		if (at < n)
			memmove(d + at, d + at + 1, n - at);
		break;
	}
	b->l[i] = d;
	free(l);
}

/* seal: the header, B's lines and an end line counting them, with the CRC. */
static char *seal(const struct lines *b, size_t *len)
{
	size_t i, records = 0;
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	oom(!f);
	fprintf(f, STORE_MAGIC " %d\n", STORE_VERSION);
	for (i = 0; i < b->n; i++) {
		fprintf(f, "%s\n", b->l[i]);
		records += !b->l[i][0] || b->l[i][0] != '#';
	}
	fflush(f);
	fprintf(f, "end %zu %08" PRIx32 "\n", records, store_crc32(0, buf, n));
	oom(fclose(f));
	*len = n;
	return buf;
}

/* seal IN OUT: IN's lines but its end lines, sealed again. */
static int reseal(const char *in, const char *out)
{
	char *buf, *text, *p, *lf, why[4400];
	struct lines b = { NULL, 0 };
	size_t len;
	int r;

	r = store_read_file(in, &buf, &len);
	if (r || !len || buf[len - 1] != '\n') {
		fprintf(stderr, "storefuzz: %s: %s\n", in, r ? strerror(-r) : "not whole lines");
		return 2;
	}
	buf = realloc(buf, len + 1);
	oom(!buf);
	buf[len] = '\0';
	p = strchr(buf, '\n') + 1;
	for (; (lf = strchr(p, '\n')); p = lf + 1) {
		*lf = '\0';
		if (!strncmp(p, "end ", 4))
			continue;
		b.l = realloc(b.l, (b.n + 1) * sizeof(*b.l));
		oom(!b.l);
		b.l[b.n++] = p;
	}
	text = seal(&b, &len);
	free(b.l);
	free(buf);
	r = store_write_file(out, text, len, why, sizeof(why));
	if (r)
		fprintf(stderr, "storefuzz: %s\n", why);
	free(text);
	return r ? 1 : 0;
}

static int mutate(const char *seed, const char *in, const char *out, const char *luids)
{
	struct store_error err;
	char *buf, *text, *end, why[4400];
	struct lines b;
	struct store s;
	size_t len, i;
	int r, rounds;

	rng_state = strtoull(seed, &end, 0) * 0x9e3779b97f4a7c15ULL + 1;
	if (*end || end == seed) {
		fprintf(stderr, "storefuzz: bad seed '%s'\n", seed);
		return 2;
	}
	for (i = 0; i < 4; i++)
		rnd();
	if (luids)
		read_kluids(luids);
	r = store_read_file(in, &buf, &len);
	if (r) {
		fprintf(stderr, "storefuzz: %s: %s\n", in, strerror(-r));
		return 2;
	}
	if (store_parse(&s, buf, len, &err)) {
		fprintf(stderr, "storefuzz: %s:%u: %s\n", in, err.line, err.msg);
		return 2;
	}
	free(buf);

	rounds = 1 + below(3);
	while (rounds--)
		field_mutation(&s);
	oom(store_format(&s, &text, &len));
	store_free(&s);
	if (chance(35)) {
		split_body(text, &b);
		free(text);
		rounds = 1 + below(2);
		while (rounds--) {
			if (chance(60))
				line_mutation(&b);
			else
				byte_mutation(&b);
		}
		text = seal(&b, &len);
		for (i = 0; i < b.n; i++)
			free(b.l[i]);
		free(b.l);
	}
	if (store_write_file(out, text, len, why, sizeof(why))) {
		fprintf(stderr, "storefuzz: %s\n", why);
		return 1;
	}
	free(text);
	printf("%s\n", what[0] ? what : "unchanged");
	return 0;
}

/* ---- contains ---- */

static bool same_text(const char *a, const char *b)
{
	return a && b ? !strcasecmp(a, b) : a == b;
}

static const struct store_iface *iface_of(const struct store *s, const char *link)
{
	size_t i;

	for (i = 0; i < s->n_ifaces; i++)
		if (!strcasecmp(s->ifaces[i].link, link))
			return &s->ifaces[i];
	return NULL;
}

static bool has_iface(const struct store *b, const struct store_iface *r)
{
	const struct store_iface *o = iface_of(b, r->link);

	return o && !strcmp(o->class, r->class) && same_text(o->reference, r->reference);
}

static bool has_entry(const struct store *b, const struct store_entry *e)
{
	size_t i;

	for (i = 0; i < b->n_entries; i++) {
		const struct store_entry *o = &b->entries[i];

		if (strcasecmp(o->link, e->link) || !o->name != !e->name)
			continue;
		if (e->name ? strcmp(o->name, e->name) : strcmp(o->fmtid, e->fmtid) || o->pid != e->pid)
			continue;
		return o->type == e->type && o->len == e->len && !memcmp(o->data, e->data, e->len);
	}
	return false;
}

static bool has_default(const struct store *b, const struct store_default *d)
{
	size_t i;

	for (i = 0; i < b->n_defaults; i++)
		if (!strcmp(b->defaults[i].class, d->class))
			return !strcasecmp(b->defaults[i].link, d->link);
	return false;
}

static bool has_luid(const struct store *b, const struct store_luid *l)
{
	size_t i;

	for (i = 0; i < b->n_luids; i++)
		if (b->luids[i].iftype == l->iftype && b->luids[i].index == l->index)
			return l->key ? b->luids[i].key && !strcmp(b->luids[i].key, l->key) : true;
	return false;
}

static int load(const char *path, struct store *s)
{
	struct store_error err;
	size_t len;
	char *buf;
	int r;

	r = store_read_file(path, &buf, &len);
	if (r) {
		fprintf(stderr, "storefuzz: %s: %s\n", path, strerror(-r));
		return -1;
	}
	r = store_parse(s, buf, len, &err);
	free(buf);
	if (r)
		fprintf(stderr, "storefuzz: %s:%u: %s\n", path, err.line, err.msg);
	return r;
}

/* print_line: line LINE of PATH, as it is in the file. */
static void print_line(const char *path, unsigned int line)
{
	char *buf, *p, *lf;
	size_t len;

	if (store_read_file(path, &buf, &len))
		return;
	buf = realloc(buf, len + 1);
	oom(!buf);
	buf[len] = '\0';
	for (p = buf; --line && (lf = strchr(p, '\n')); p = lf + 1)
		;
	printf("%.*s\n", (int)strcspn(p, "\n"), p);
	free(buf);
}

static int contains(const char *pa, const char *pb)
{
	struct store a, b;
	unsigned int line = 0;
	size_t i;

	if (load(pa, &a))
		return 2;
	if (load(pb, &b)) {
		store_free(&a);
		return 2;
	}
	for (i = 0; !line && i < a.n_ifaces; i++)
		if (!has_iface(&b, &a.ifaces[i]))
			line = a.ifaces[i].line;
	for (i = 0; !line && i < a.n_entries; i++)
		if (!has_entry(&b, &a.entries[i]))
			line = a.entries[i].line;
	for (i = 0; !line && i < a.n_defaults; i++)
		if (!has_default(&b, &a.defaults[i]))
			line = a.defaults[i].line;
	for (i = 0; !line && i < a.n_luids; i++)
		if (!has_luid(&b, &a.luids[i]))
			line = a.luids[i].line;
	store_free(&a);
	store_free(&b);
	if (!line)
		return 0;
	print_line(pa, line);
	printf("%s:%u: not in %s\n", pa, line, pb);
	return 1;
}

int main(int argc, char **argv)
{
	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "mutate"))
		return mutate(argv[2], argv[3], argv[4], argc == 6 ? argv[5] : NULL);
	if (argc == 4 && !strcmp(argv[1], "seal"))
		return reseal(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "contains"))
		return contains(argv[2], argv[3]);
	fputs("usage: storefuzz mutate SEED IN OUT [LUIDS]\n"
	      "       storefuzz seal IN OUT\n"
	      "       storefuzz contains A B\n", stderr);
	return 2;
}
