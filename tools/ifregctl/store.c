// SPDX-License-Identifier: GPL-2.0
/*
 * The ifregctl store format, version 1 (ifregctl(8), FILES):
 *
 *	ifreg-store 1
 *	# comment lines (any text but NUL) between the header and the end
 *	interface <class-guid> <instance-path> <reference|-> <pdo|-> <symbolic-link>
 *	value <symbolic-link> <name|-> <hex-data|->
 *	property <symbolic-link> <fmtid-guid> <pid> <type> <hex-data|->
 *	default <class-guid> <symbolic-link>
 *	luid <iftype> <index> <netdev-key|->
 *	end <number-of-records> <crc32>
 *
 * One record per line, ended by LF; fields separated by single spaces.
 * Text fields are percent-encoded (every byte outside 0x21..0x7e, and '%',
 * as %XX); "-" alone is an absent field, or empty text or data, and a text
 * that is "-" itself is written "%2D". The end line counts the records
 * (comments aside) and carries the CRC-32 (zlib's, 8 hex digits) of every
 * byte before it. Reading checks the header first (so a foreign version is
 * named as such), then that the file ends with a whole end line whose
 * CRC and count match, then every record, then the references between
 * them; only a store that passes all of it is handed back.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "store.h"

/* ---- CRC-32 (IEEE 802.3, reflected, as zlib's crc32()) ---- */

uint32_t store_crc32(uint32_t crc, const void *buf, size_t len)
{
	static uint32_t table[256];
	const unsigned char *p = buf;
	uint32_t c;
	size_t i;
	int k;

	if (!table[1]) {
		for (i = 0; i < 256; i++) {
			c = i;
			for (k = 0; k < 8; k++)
				c = c & 1 ? 0xedb88320U ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
	}
	crc = ~crc;
	for (i = 0; i < len; i++)
		crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/* ---- records in memory ---- */

void store_init(struct store *s)
{
	memset(s, 0, sizeof(*s));
}

void store_free(struct store *s)
{
	size_t i;

	for (i = 0; i < s->n_ifaces; i++) {
		free(s->ifaces[i].instance_path);
		free(s->ifaces[i].reference);
		free(s->ifaces[i].pdo);
		free(s->ifaces[i].link);
	}
	for (i = 0; i < s->n_entries; i++) {
		free(s->entries[i].link);
		free(s->entries[i].name);
		free(s->entries[i].data);
	}
	for (i = 0; i < s->n_defaults; i++)
		free(s->defaults[i].link);
	for (i = 0; i < s->n_luids; i++)
		free(s->luids[i].key);
	free(s->ifaces);
	free(s->entries);
	free(s->defaults);
	free(s->luids);
	store_init(s);
}

/* grow: room for one more element of SIZE in *ARR (N used, *CAP room). */
static void *grow(void *arr_p, size_t n, size_t *cap, size_t size)
{
	void **arr = arr_p;
	void *p;
	size_t c;

	if (n < *cap)
		return (char *)*arr + n * size;
	c = *cap ? *cap * 2 : 16;
	p = realloc(*arr, c * size);
	if (!p)
		return NULL;
	*arr = p;
	*cap = c;
	memset((char *)p + n * size, 0, size);
	return (char *)p + n * size;
}

/* copy_str: a copy of S, or NULL for NULL; *FAILED set when out of memory. */
static char *copy_str(const char *s, bool *failed)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d)
		*failed = true;
	return d;
}

static void copy_guid(char dst[39], const char *src)
{
	size_t i;

	for (i = 0; i < 38 && src[i]; i++)
		dst[i] = tolower((unsigned char)src[i]);
	dst[i] = '\0';
}

int store_add_iface(struct store *s, const char *class, const char *instance_path,
		    const char *reference, const char *pdo, const char *link)
{
	struct store_iface *r = grow(&s->ifaces, s->n_ifaces, &s->cap_ifaces, sizeof(*r));
	bool failed = false;

	if (!r)
		return -ENOMEM;
	memset(r, 0, sizeof(*r));
	copy_guid(r->class, class);
	r->instance_path = copy_str(instance_path, &failed);
	r->reference = copy_str(reference, &failed);
	r->pdo = copy_str(pdo, &failed);
	r->link = copy_str(link, &failed);
	s->n_ifaces++;
	return failed ? -ENOMEM : 0;
}

int store_add_entry(struct store *s, const char *link, const char *name, const char *fmtid,
		    uint32_t pid, uint32_t type, const void *data, size_t len)
{
	struct store_entry *r = grow(&s->entries, s->n_entries, &s->cap_entries, sizeof(*r));
	bool failed = false;

	if (!r)
		return -ENOMEM;
	memset(r, 0, sizeof(*r));
	r->link = copy_str(link, &failed);
	r->name = copy_str(name, &failed);
	if (!name)
		copy_guid(r->fmtid, fmtid);
	r->pid = pid;
	r->type = type;
	r->len = len;
	r->data = malloc(len ? len : 1);
	if (r->data)
		memcpy(r->data, data, len);
	else
		failed = true;
	s->n_entries++;
	return failed ? -ENOMEM : 0;
}

int store_add_default(struct store *s, const char *class, const char *link)
{
	struct store_default *r = grow(&s->defaults, s->n_defaults, &s->cap_defaults, sizeof(*r));
	bool failed = false;

	if (!r)
		return -ENOMEM;
	memset(r, 0, sizeof(*r));
	copy_guid(r->class, class);
	r->link = copy_str(link, &failed);
	s->n_defaults++;
	return failed ? -ENOMEM : 0;
}

int store_add_luid(struct store *s, uint16_t iftype, uint32_t index, const char *key)
{
	struct store_luid *r = grow(&s->luids, s->n_luids, &s->cap_luids, sizeof(*r));
	bool failed = false;

	if (!r)
		return -ENOMEM;
	memset(r, 0, sizeof(*r));
	r->iftype = iftype;
	r->index = index;
	r->key = copy_str(key, &failed);
	s->n_luids++;
	return failed ? -ENOMEM : 0;
}

/* ---- writing ---- */

/* put_text: " " and TEXT percent-encoded; "-" for NULL or empty. */
static void put_text(FILE *f, const char *text)
{
	const unsigned char *p = (const unsigned char *)text;

	fputc(' ', f);
	if (!text || !*text) {
		fputc('-', f);
		return;
	}
	if (!strcmp(text, "-")) {
		fputs("%2D", f);
		return;
	}
	for (; *p; p++) {
		if (*p < 0x21 || *p > 0x7e || *p == '%')
			fprintf(f, "%%%02X", *p);
		else
			fputc(*p, f);
	}
}

static void put_hex(FILE *f, const unsigned char *data, size_t len)
{
	size_t i;

	fputc(' ', f);
	if (!len)
		fputc('-', f);
	for (i = 0; i < len; i++)
		fprintf(f, "%02x", data[i]);
}

int store_format(const struct store *s, char **out, size_t *len)
{
	size_t i, records = 0;
	char *buf = NULL;
	size_t n = 0;
	FILE *f;
	int err;

	f = open_memstream(&buf, &n);
	if (!f)
		return -ENOMEM;
	fprintf(f, STORE_MAGIC " %d\n", STORE_VERSION);
	fputs("# ifreg registrations, persistent values and properties, default interfaces\n"
	      "# and LUID indexes, written by `ifregctl save`; see ifregctl(8). Edits break\n"
	      "# the checksum on the last line: `ifregctl restore` refuses such a file.\n", f);
	for (i = 0; i < s->n_ifaces; i++, records++) {
		const struct store_iface *r = &s->ifaces[i];

		fprintf(f, "interface %s", r->class);
		put_text(f, r->instance_path);
		put_text(f, r->reference);
		put_text(f, r->pdo);
		put_text(f, r->link);
		fputc('\n', f);
	}
	for (i = 0; i < s->n_entries; i++, records++) {
		const struct store_entry *r = &s->entries[i];

		fputs(r->name ? "value" : "property", f);
		put_text(f, r->link);
		if (r->name)
			put_text(f, r->name);
		else
			fprintf(f, " %s %" PRIu32 " %" PRIu32, r->fmtid, r->pid, r->type);
		put_hex(f, r->data, r->len);
		fputc('\n', f);
	}
	for (i = 0; i < s->n_defaults; i++, records++) {
		fprintf(f, "default %s", s->defaults[i].class);
		put_text(f, s->defaults[i].link);
		fputc('\n', f);
	}
	for (i = 0; i < s->n_luids; i++, records++) {
		fprintf(f, "luid %u %" PRIu32, s->luids[i].iftype, s->luids[i].index);
		put_text(f, s->luids[i].key);
		fputc('\n', f);
	}
	err = fflush(f);
	if (!err)
		fprintf(f, "end %zu %08" PRIx32 "\n", records, store_crc32(0, buf, n));
	if (fclose(f) || err) {
		free(buf);
		return -ENOMEM;
	}
	*out = buf;
	*len = n;
	return 0;
}

/* ---- reading ---- */

static int refuse(struct store_error *err, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int refuse(struct store_error *err, unsigned int line, const char *fmt, ...)
{
	va_list ap;

	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* A field, quoted in messages, cut short when long. */
static const char *quote(const char *field)
{
	static char buf[2][320];
	static int which;
	char *b = buf[which++ & 1];

	if (strlen(field) <= 300)
		snprintf(b, sizeof(buf[0]), "'%s'", field);
	else
		snprintf(b, sizeof(buf[0]), "'%.300s...'", field);
	return b;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * get_text: FIELD percent-decoded into a new string (*OUT; NULL for "-"
 * when OPTIONAL, "" for "-" otherwise), at most MAX bytes, without NUL.
 */
static int get_text(const char *field, bool optional, size_t max, const char *what,
		    char **out, unsigned int line, struct store_error *err)
{
	size_t i, o = 0;
	char *s;

	*out = NULL;
	if (!strcmp(field, "-")) {
		if (optional)
			return 0;
		*out = strdup("");
		return *out ? 0 : refuse(err, line, "out of memory");
	}
	s = malloc(strlen(field) + 1);
	if (!s)
		return refuse(err, line, "out of memory");
	for (i = 0; field[i]; i++) {
		int hi, lo;

		if (field[i] != '%') {
			s[o++] = field[i];
			continue;
		}
		hi = hexval(field[i + 1]);
		lo = hi < 0 ? -1 : hexval(field[i + 2]);
		if (lo < 0) {
			free(s);
			return refuse(err, line, "%s %s: bad percent-encoding at '%.3s' (want %%XX, two hex digits)",
				      what, quote(field), field + i);
		}
		if (!hi && !lo) {
			free(s);
			return refuse(err, line, "%s %s: %%00 (a NUL byte) is not allowed", what, quote(field));
		}
		s[o++] = (char)(hi << 4 | lo);
		i += 2;
	}
	s[o] = '\0';
	if (o > max) {
		free(s);
		return refuse(err, line, "%s %s: too long (%zu bytes, at most %zu)", what, quote(field), o, max);
	}
	*out = s;
	return 0;
}

/* get_guid: "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}", any case, to lower. */
static int get_guid(const char *field, const char *what, char out[39], unsigned int line,
		    struct store_error *err)
{
	size_t i;

	if (strlen(field) != 38 || field[0] != '{' || field[37] != '}')
		goto bad;
	for (i = 1; i < 37; i++) {
		if (i == 9 || i == 14 || i == 19 || i == 24) {
			if (field[i] != '-')
				goto bad;
		} else if (!isxdigit((unsigned char)field[i])) {
			goto bad;
		}
	}
	copy_guid(out, field);
	return 0;
bad:
	return refuse(err, line, "bad %s %s (want {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx})", what, quote(field));
}

/* get_uint: a decimal number from 0 (no sign, no leading zero) to MAX. */
static int get_uint(const char *field, const char *what, uint64_t max, uint64_t *v,
		    unsigned int line, struct store_error *err)
{
	size_t i, n = strlen(field);
	uint64_t x = 0;

	if (!n || n > 20 || (n > 1 && field[0] == '0'))
		goto bad;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)field[i]))
			goto bad;
		if (x > (UINT64_MAX - 9) / 10)
			goto bad;
		x = x * 10 + (field[i] - '0');
	}
	if (x > max)
		goto bad;
	*v = x;
	return 0;
bad:
	return refuse(err, line, "bad %s %s (want a decimal number from 0 to %" PRIu64 ")",
		      what, quote(field), max);
}

/* get_hex: pairs of hex digits, or "-" for no data, into a new buffer. */
static int get_hex(const char *field, unsigned char **out, size_t *len, unsigned int line,
		   struct store_error *err)
{
	size_t n = strlen(field), i;
	unsigned char *buf;

	*out = NULL;
	*len = 0;
	if (!strcmp(field, "-")) {
		*out = malloc(1);
		return *out ? 0 : refuse(err, line, "out of memory");
	}
	for (i = 0; i < n; i++)
		if (hexval(field[i]) < 0)
			return refuse(err, line, "bad hex data: '%c' at position %zu is not a hex digit",
				      field[i], i + 1);
	if (n % 2)
		return refuse(err, line, "bad hex data: odd number of hex digits (%zu)", n);
	buf = malloc(n / 2 + 1);
	if (!buf)
		return refuse(err, line, "out of memory");
	for (i = 0; i < n / 2; i++)
		buf[i] = hexval(field[2 * i]) << 4 | hexval(field[2 * i + 1]);
	*out = buf;
	*len = n / 2;
	return 0;
}

/* A symbolic link: "\??\..." once decoded, as the kernel names them. */
static int get_link(const char *field, char **out, unsigned int line, struct store_error *err)
{
	if (get_text(field, false, STORE_LINK_MAX, "symbolic link", out, line, err))
		return -1;
	if (strncmp(*out, "\\??\\", 4) != 0 || !(*out)[4]) {
		free(*out);
		*out = NULL;
		return refuse(err, line, "bad symbolic link %s (want \\??\\...)", quote(field));
	}
	return 0;
}

#define MAX_FIELDS 7

/*
 * split: LINE (LEN bytes, no LF) into at most MAX_FIELDS fields in F (a
 * copy, in BUF), separated by single spaces, every byte 0x21..0x7e.
 * Returns the number of fields, or -1 with ERR set.
 */
static int split(const char *line, size_t len, char *buf, char *f[MAX_FIELDS + 1],
		 unsigned int lineno, struct store_error *err)
{
	size_t i;
	int n = 0;

	memcpy(buf, line, len);
	buf[len] = '\0';
	if (!len)
		return refuse(err, lineno, "empty line");
	for (i = 0; i < len; i++) {
		unsigned char c = buf[i];

		if (c == ' ') {
			if (i == 0 || i == len - 1 || buf[i + 1] == ' ')
				return refuse(err, lineno, "empty field (fields are separated by single spaces)");
			buf[i] = '\0';
			continue;
		}
		if (c < 0x21 || c > 0x7e)
			return refuse(err, lineno, "byte 0x%02x outside a percent-encoding (fields hold 0x21..0x7e only)",
				      c);
		if (i == 0 || buf[i - 1] == '\0') {
			if (n == MAX_FIELDS)
				return n + 1;
			f[n++] = buf + i;
		}
	}
	return n;
}

static int want_fields(int n, int want, const char *type, unsigned int line, struct store_error *err)
{
	if (n == want)
		return 0;
	return refuse(err, line, "'%s' wants %d fields after it, this line has %s%d", type, want - 1,
		      n > MAX_FIELDS ? "more than " : "", (n > MAX_FIELDS ? MAX_FIELDS : n) - 1);
}

static int parse_record(struct store *s, char **f, int n, unsigned int line, struct store_error *err)
{
	uint64_t v1, v2;

	if (!strcmp(f[0], "interface")) {
		struct store_iface r = { .line = line };

		if (want_fields(n, 6, f[0], line, err) ||
		    get_guid(f[1], "class GUID", r.class, line, err) ||
		    get_text(f[2], false, STORE_NAME_MAX, "instance path", &r.instance_path, line, err))
			goto bad_iface;
		if (!strchr(r.instance_path, '\\') || r.instance_path[0] == '\\') {
			refuse(err, line, "bad instance path %s (want SUBSYSTEM\\DEVICE)", quote(f[2]));
			goto bad_iface;
		}
		if (get_text(f[3], true, STORE_NAME_MAX, "reference", &r.reference, line, err) ||
		    get_text(f[4], true, STORE_PATH_MAX, "PDO", &r.pdo, line, err))
			goto bad_iface;
		if (r.pdo && strncmp(r.pdo, "/sys/devices/", 13) != 0) {
			refuse(err, line, "bad PDO %s (want a sysfs path, /sys/devices/...)", quote(f[4]));
			goto bad_iface;
		}
		if (get_link(f[5], &r.link, line, err))
			goto bad_iface;
		if (!grow(&s->ifaces, s->n_ifaces, &s->cap_ifaces, sizeof(r))) {
			refuse(err, line, "out of memory");
			goto bad_iface;
		}
		s->ifaces[s->n_ifaces++] = r;
		return 0;
bad_iface:
		free(r.instance_path);
		free(r.reference);
		free(r.pdo);
		free(r.link);
		return -1;
	}
	if (!strcmp(f[0], "value") || !strcmp(f[0], "property")) {
		struct store_entry r = { .line = line };
		bool value = f[0][0] == 'v';
		const char *hex;

		if (want_fields(n, value ? 4 : 6, f[0], line, err) || get_link(f[1], &r.link, line, err))
			goto bad_entry;
		if (value) {
			if (get_text(f[2], false, STORE_NAME_MAX, "value name", &r.name, line, err))
				goto bad_entry;
			hex = f[3];
		} else {
			if (get_guid(f[2], "property fmtid", r.fmtid, line, err) ||
			    get_uint(f[3], "property id", UINT32_MAX, &v1, line, err) ||
			    get_uint(f[4], "property type", UINT32_MAX, &v2, line, err))
				goto bad_entry;
			r.pid = v1;
			r.type = v2;
			hex = f[5];
		}
		if (get_hex(hex, &r.data, &r.len, line, err))
			goto bad_entry;
		if (!grow(&s->entries, s->n_entries, &s->cap_entries, sizeof(r))) {
			refuse(err, line, "out of memory");
			goto bad_entry;
		}
		s->entries[s->n_entries++] = r;
		return 0;
bad_entry:
		free(r.link);
		free(r.name);
		free(r.data);
		return -1;
	}
	if (!strcmp(f[0], "default")) {
		struct store_default r = { .line = line };

		if (want_fields(n, 3, f[0], line, err) ||
		    get_guid(f[1], "class GUID", r.class, line, err) ||
		    get_link(f[2], &r.link, line, err))
			return -1;
		if (!grow(&s->defaults, s->n_defaults, &s->cap_defaults, sizeof(r))) {
			free(r.link);
			return refuse(err, line, "out of memory");
		}
		s->defaults[s->n_defaults++] = r;
		return 0;
	}
	if (!strcmp(f[0], "luid")) {
		struct store_luid r = { .line = line };

		if (want_fields(n, 4, f[0], line, err) ||
		    get_uint(f[1], "IfType", UINT16_MAX, &v1, line, err) ||
		    get_uint(f[2], "LUID index", STORE_LUID_INDEX_MAX, &v2, line, err))
			return -1;
		if (!v2)
			return refuse(err, line, "bad LUID index '0' (indexes start at 1)");
		r.iftype = v1;
		r.index = v2;
		if (get_text(f[3], true, STORE_PATH_MAX, "LUID key", &r.key, line, err))
			return -1;
		if (!grow(&s->luids, s->n_luids, &s->cap_luids, sizeof(r))) {
			free(r.key);
			return refuse(err, line, "out of memory");
		}
		s->luids[s->n_luids++] = r;
		return 0;
	}
	if (!strcmp(f[0], "end"))
		return refuse(err, line, "'end' before the last line");
	return refuse(err, line, "unknown record '%.40s' (want interface, value, property, default, luid or end)",
		      f[0]);
}

/*
 * The references between records, checked in O(n log n): each kind of
 * record sorted once by its key (pointers into its array, equal keys in
 * store order, the array's order being the store's), duplicates found
 * next to each other and links looked up by binary search. A store may
 * hold tens of thousands of interfaces and as many entries each, and
 * ifreg-restore reads it at every boot.
 */

/* Two records' keys, and pointers to them ordered by key, then address. */
typedef int key_cmp_fn(const void *a, const void *b);

#define BY_KEY(name, type, key_cmp)						\
	static int name(const void *a, const void *b)				\
	{									\
		const type *x = *(const type *const *)a;			\
		const type *y = *(const type *const *)b;			\
		int c = key_cmp(x, y);						\
										\
		return c ? c : (x > y) - (x < y);				\
	}

static int iface_key(const void *a, const void *b)
{
	return strcasecmp(((const struct store_iface *)a)->link,
			  ((const struct store_iface *)b)->link);
}

static int entry_key(const void *a, const void *b)
{
	const struct store_entry *x = a, *y = b;

	if (x->iface != y->iface)
		return x->iface < y->iface ? -1 : 1;
	if (!x->name != !y->name)
		return x->name ? -1 : 1;
	if (x->name)
		return strcmp(x->name, y->name);
	if (strcmp(x->fmtid, y->fmtid))
		return strcmp(x->fmtid, y->fmtid);
	return (x->pid > y->pid) - (x->pid < y->pid);
}

static int default_key(const void *a, const void *b)
{
	return strcmp(((const struct store_default *)a)->class,
		      ((const struct store_default *)b)->class);
}

static int luid_index_key(const void *a, const void *b)
{
	const struct store_luid *x = a, *y = b;

	if (x->iftype != y->iftype)
		return x->iftype < y->iftype ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

/* By key, records without one first. */
static int luid_key_order(const void *a, const void *b)
{
	const struct store_luid *x = a, *y = b;

	if (!x->key || !y->key)
		return !!x->key - !!y->key;
	return strcmp(x->key, y->key);
}

/* The same key: records without one never have. */
static int luid_key_key(const void *a, const void *b)
{
	const struct store_luid *x = a, *y = b;

	return x->key && y->key ? strcmp(x->key, y->key) : 1;
}

BY_KEY(by_iface, struct store_iface, iface_key)
BY_KEY(by_entry, struct store_entry, entry_key)
BY_KEY(by_default, struct store_default, default_key)
BY_KEY(by_luid_index, struct store_luid, luid_index_key)
BY_KEY(by_luid_key, struct store_luid, luid_key_order)

/*
 * sorted: pointers to the N records of SIZE bytes at BASE, sorted by CMP;
 * NULL when out of memory.
 */
static const void **sorted(const void *base, size_t n, size_t size,
			   int (*cmp)(const void *, const void *))
{
	const void **by = calloc(n + 1, sizeof(*by));
	size_t i;

	if (!by)
		return NULL;
	for (i = 0; i < n; i++)
		by[i] = (const char *)base + i * size;
	qsort(by, n, sizeof(*by), cmp);
	return by;
}

/*
 * first_dup: of the N records sorted at BY, the one that comes first in
 * the store among those with an equal key before them (KEY compares), or
 * NULL; *EARLIER receives the first record of its key.
 */
static const void *first_dup(const void **by, size_t n, key_cmp_fn *key,
			     const void **earlier)
{
	const void *dup = NULL;
	size_t i;

	for (i = 1; i < n; i++) {
		/* Only the second of a run: the first that repeats its key. */
		if (key(by[i - 1], by[i]) || (i > 1 && !key(by[i - 2], by[i - 1])))
			continue;
		if (!dup || (const char *)by[i] < (const char *)dup) {
			dup = by[i];
			*earlier = by[i - 1];
		}
	}
	return dup;
}

static int link_is(const void *link, const void *r)
{
	return strcasecmp(link, (*(const struct store_iface *const *)r)->link);
}

/*
 * find_iface: the first interface declaring LINK (case-insensitively), or
 * -1; BY holds the interfaces sorted (by_iface).
 */
static ssize_t find_iface(const struct store *s, const void **by, const char *link)
{
	const void **at;

	at = bsearch(link, by, s->n_ifaces, sizeof(*by), link_is);
	if (!at)
		return -1;
	while (at > by && !link_is(link, &at[-1]))
		at--;
	return (const struct store_iface *)*at - s->ifaces;
}

static const char *key_of(const struct store_entry *e, char *buf, size_t size)
{
	if (e->name)
		snprintf(buf, size, "value %s", quote(e->name));
	else
		snprintf(buf, size, "property %s:%" PRIu32, e->fmtid, e->pid);
	return buf;
}

/* check_refs' work, with the interfaces sorted at BY_IF. */
static int check_refs_sorted(struct store *s, const void **by_if, struct store_error *err)
{
	const struct store_luid *l, *k, *o, *ko;
	const struct store_default *d;
	const struct store_iface *r;
	const struct store_entry *e;
	const void *earlier = NULL;
	size_t i, unresolved;
	const void **by;
	char k1[128];
	ssize_t at;

	r = first_dup(by_if, s->n_ifaces, iface_key, &earlier);
	if (r)
		return refuse(err, r->line, "duplicate interface %s (line %u declares it already)",
			      quote(r->link), ((const struct store_iface *)earlier)->line);

	/* Entries: the first without its interface, or the first duplicate before it. */
	for (unresolved = 0; unresolved < s->n_entries; unresolved++) {
		at = find_iface(s, by_if, s->entries[unresolved].link);
		if (at < 0)
			break;
		s->entries[unresolved].iface = at;
	}
	by = sorted(s->entries, unresolved, sizeof(*s->entries), by_entry);
	if (!by)
		return refuse(err, 0, "out of memory");
	e = first_dup(by, unresolved, entry_key, &earlier);
	free(by);
	if (e)
		return refuse(err, e->line, "duplicate %s of %s (line %u has it already)",
			      key_of(e, k1, sizeof(k1)), quote(e->link),
			      ((const struct store_entry *)earlier)->line);
	if (unresolved < s->n_entries) {
		e = &s->entries[unresolved];
		return refuse(err, e->line, "%s of %s: no 'interface' line declares that symbolic link",
			      e->name ? "value" : "property", quote(e->link));
	}

	/*
	 * Defaults: the first naming no interface, or one of another class,
	 * unless a duplicate comes before it.
	 */
	by = sorted(s->defaults, s->n_defaults, sizeof(*s->defaults), by_default);
	if (!by)
		return refuse(err, 0, "out of memory");
	d = first_dup(by, s->n_defaults, default_key, &earlier);
	free(by);
	for (i = 0; i < s->n_defaults && (!d || &s->defaults[i] <= d); i++) {
		struct store_default *dd = &s->defaults[i];

		at = find_iface(s, by_if, dd->link);
		if (at < 0)
			return refuse(err, dd->line, "default %s: no 'interface' line declares that symbolic link",
				      quote(dd->link));
		dd->iface = at;
		if (strcmp(s->ifaces[at].class, dd->class))
			return refuse(err, dd->line, "default of class %s: %s is an interface of class %s (line %u)",
				      dd->class, quote(dd->link), s->ifaces[at].class, s->ifaces[at].line);
	}
	if (d)
		return refuse(err, d->line, "duplicate default of class %s (line %u has one already)",
			      d->class, ((const struct store_default *)earlier)->line);

	/* LUID records: one index once, and (the kernel keeps one index for a key) one key once. */
	by = sorted(s->luids, s->n_luids, sizeof(*s->luids), by_luid_index);
	if (!by)
		return refuse(err, 0, "out of memory");
	l = first_dup(by, s->n_luids, luid_index_key, &earlier);
	o = earlier;
	qsort(by, s->n_luids, sizeof(*by), by_luid_key);
	k = first_dup(by, s->n_luids, luid_key_key, &earlier);
	ko = earlier;
	free(by);
	if (l && (!k || l <= k))
		return refuse(err, l->line,
			      "duplicate LUID index %" PRIu32 " of IfType %u (line %u has it already)",
			      l->index, l->iftype, o->line);
	if (k)
		return refuse(err, k->line, "duplicate LUID key %s (line %u keeps another index for it)",
			      quote(k->key), ko->line);
	return 0;
}

/* check_refs: duplicates (LUID keys too), and every link a record names declared. */
static int check_refs(struct store *s, struct store_error *err)
{
	const void **by_if;
	int ret;

	by_if = sorted(s->ifaces, s->n_ifaces, sizeof(*s->ifaces), by_iface);
	if (!by_if)
		return refuse(err, 0, "out of memory");
	ret = check_refs_sorted(s, by_if, err);
	free(by_if);
	return ret;
}

/* next_line: the line at *POS (its length without LF into *LEN). */
static const char *next_line(const char *buf, size_t len, size_t *pos, size_t *llen, bool *has_lf)
{
	const char *start = buf + *pos, *lf;

	if (*pos >= len)
		return NULL;
	lf = memchr(start, '\n', len - *pos);
	*has_lf = lf != NULL;
	*llen = lf ? (size_t)(lf - start) : len - *pos;
	*pos += *llen + (lf ? 1 : 0);
	return start;
}

/* check_header: the first line, "ifreg-store 1". */
static int check_header(const char *buf, size_t len, struct store_error *err)
{
	size_t n = strlen(STORE_MAGIC), i;
	const char *lf;
	char ver[16];
	uint64_t v = 0;

	if (!len)
		return refuse(err, 0, "empty file, not an ifreg store");
	lf = memchr(buf, '\n', len);
	if (len < n || memcmp(buf, STORE_MAGIC, n) != 0 || (buf[n] != ' ' && buf[n] != '\n'))
		return refuse(err, 1, "not an ifreg store (the first line is not '" STORE_MAGIC " %d')",
			      STORE_VERSION);
	if (!lf)
		return refuse(err, 1, "truncated store (nothing after the header)");
	for (i = n + 1; buf + i < lf && i - n - 1 < sizeof(ver) - 1; i++) {
		if (!isdigit((unsigned char)buf[i]))
			break;
		v = v * 10 + (buf[i] - '0');
	}
	if (buf[n] != ' ' || buf + i != lf || i == n + 1 || i - n - 1 > 9)
		return refuse(err, 1, "bad header: want '" STORE_MAGIC " %d'", STORE_VERSION);
	if (v != STORE_VERSION) {
		err->foreign_version = true;
		return refuse(err, 1, "unsupported store version %" PRIu64 "; this ifregctl reads version %d",
			      v, STORE_VERSION);
	}
	return 0;
}

int store_parse(struct store *s, const char *buf, size_t len, struct store_error *err)
{
	size_t pos, llen, end_at = 0, records = 0;
	unsigned int lineno = 0, end_line = 0;
	char *f[MAX_FIELDS + 1], *copy = NULL;
	const char *line, *nul;
	uint64_t count;
	uint32_t crc, want_crc;
	bool has_lf = true;
	int n, ret = -1;

	store_init(s);
	memset(err, 0, sizeof(*err));
	if (check_header(buf, len, err))
		return -1;
	nul = memchr(buf, '\0', len);
	if (nul) {
		for (pos = 0; buf + pos < nul; pos++)
			lineno += buf[pos] == '\n';
		return refuse(err, lineno + 1, "NUL byte in the file (not a text store)");
	}

	/* The trailer first: a cut-short or damaged file says so. */
	if (buf[len - 1] != '\n')
		return refuse(err, 0, "truncated store: the last line is incomplete (no end line)");
	for (pos = 0; (line = next_line(buf, len, &pos, &llen, &has_lf)); ) {
		lineno++;
		end_at = line - buf;
		if (lineno > 1 && (!llen || line[0] != '#'))
			records++;
		if (lineno > 1 && llen >= 4 && !memcmp(line, "end ", 4))
			end_line = lineno;
	}
	if (lineno < 2 || llen < 4 || memcmp(buf + end_at, "end ", 4) != 0) {
		if (end_line)
			return refuse(err, end_line + 1, "text after the end line");
		return refuse(err, 0, "truncated store: no 'end' line at the end of the file");
	}
	end_line = lineno;
	records--;
	copy = malloc(len + 1);
	if (!copy)
		return refuse(err, 0, "out of memory");
	n = split(buf + end_at, len - end_at - 1, copy, f, end_line, err);
	if (n < 0)
		goto out;
	if (n != 3 || get_uint(f[1], "record count", UINT32_MAX, &count, end_line, err) ||
	    strlen(f[2]) != 8 || strspn(f[2], "0123456789abcdefABCDEF") != 8) {
		if (!err->msg[0])
			refuse(err, end_line, "bad end line (want 'end <records> <crc32, 8 hex digits>')");
		goto out;
	}
	want_crc = strtoul(f[2], NULL, 16);
	crc = store_crc32(0, buf, end_at);
	if (crc != want_crc) {
		refuse(err, end_line, "checksum mismatch (the end line says %08" PRIx32 ", the contents give %08"
		       PRIx32 "): the store is corrupt", want_crc, crc);
		goto out;
	}
	if (count != records) {
		refuse(err, end_line, "the end line counts %" PRIu64 " records, the file has %zu", count, records);
		goto out;
	}

	/* Then every record. */
	lineno = 1;
	pos = 0;
	next_line(buf, len, &pos, &llen, &has_lf);
	while (pos < end_at) {
		line = next_line(buf, len, &pos, &llen, &has_lf);
		lineno++;
		if (llen && line[0] == '#')
			continue;
		n = split(line, llen, copy, f, lineno, err);
		if (n < 0 || parse_record(s, f, n, lineno, err))
			goto out;
	}
	ret = check_refs(s, err);
out:
	free(copy);
	if (ret)
		store_free(s);
	return ret;
}

/* ---- the kernel's rules on what records hold, copied ---- */

/* TEXT as the store writes it, quoted for a message. */
static const char *quote_text(const char *text)
{
	const char *q = "'?'";
	char *buf = NULL;
	size_t n = 0;
	FILE *f;

	f = open_memstream(&buf, &n);
	if (!f)
		return q;
	put_text(f, text);
	if (!fclose(f))
		q = quote(buf + 1);	/* put_text puts a space first */
	free(buf);
	return q;
}

/*
 * What ifreg_instance_path_valid() (src/name.c) refuses in PATH, or NULL:
 * the subsystem is printable ASCII without lower-case letters, space, '/',
 * '\' or '#'; the device name is 1 or more bytes without '/', '\' or a
 * control character.
 */
static const char *instance_path_fault(const char *path)
{
	const unsigned char *p = (const unsigned char *)path;

	if (*p == '\\')
		return "no subsystem before the '\\'";
	for (; *p != '\\'; p++) {
		if (!*p)
			return "no '\\' after the subsystem";
		if (*p >= 'a' && *p <= 'z')
			return "a lower-case letter in the subsystem";
		if (*p == '#')
			return "'#' in the subsystem";
		if (*p <= 0x20 || *p > 0x7e || *p == '/')
			return "a space, '/' or a byte outside printable ASCII in the subsystem";
	}
	if (!*++p)
		return "no device name after the '\\'";
	for (; *p; p++) {
		if (*p == '/' || *p == '\\')
			return "'/' or a second '\\' in the device name";
		if (*p < 0x20 || *p == 0x7f)
			return "a control character in the device name";
	}
	return NULL;
}

/*
 * What the kernel refuses in a reference (ifreg_reference_valid(),
 * src/name.c: SEPARATORS false) or a value name (src/store.c), or NULL:
 * 1 or more printable ASCII bytes, a reference without '/' or '\'.
 */
static const char *text_fault(const char *text, bool separators)
{
	const unsigned char *p = (const unsigned char *)text;

	if (!*p)
		return "empty";
	for (; *p; p++) {
		if (*p < 0x20 || *p > 0x7e)
			return "a byte outside printable ASCII (0x20..0x7e)";
		if (!separators && (*p == '/' || *p == '\\'))
			return "'/' or '\\' in it";
	}
	return NULL;
}

/*
 * The symbolic link the kernel makes of R, without its "\??\"
 * (ifreg_names_from_path()): the instance path with its '\' as '#', '#',
 * the class, and '\' and the reference when there is one.
 */
static char *kernel_link(const struct store_iface *r)
{
	const char *ref = r->reference ? r->reference : "";
	size_t size = strlen(r->instance_path) + strlen(r->class) + strlen(ref) + 3;
	char *l = malloc(size);

	if (!l)
		return NULL;
	snprintf(l, size, "%s#%s%s%s", r->instance_path, r->class, *ref ? "\\" : "", ref);
	*strchr(l, '\\') = '#';
	return l;
}

static int check_iface_rules(const struct store_iface *r, struct store_error *err)
{
	const char *why;
	char *l;
	int ret = 0;

	why = instance_path_fault(r->instance_path);
	if (why)
		return refuse(err, r->line, "bad instance path %s: %s", quote_text(r->instance_path), why);
	why = r->reference ? text_fault(r->reference, false) : NULL;
	if (why)
		return refuse(err, r->line, "bad reference %s: %s", quote_text(r->reference), why);
	l = kernel_link(r);
	if (!l)
		return refuse(err, r->line, "out of memory");
	if (strlen(l) > STORE_NAME_MAX)
		ret = refuse(err, r->line, "the symbolic link would be %zu bytes after \\??\\, more than a sysfs name's %d",
			     strlen(l), STORE_NAME_MAX);
	else if (strcasecmp(r->link + 4, l))
		ret = refuse(err, r->line, "symbolic link %s is not the name the kernel gives this interface (\\??\\%s)",
			     quote_text(r->link), l);
	free(l);
	return ret;
}

int store_check_rules(const struct store *s, struct store_error *err)
{
	const struct store_luid *l;
	const char *why;
	size_t i;

	memset(err, 0, sizeof(*err));
	for (i = 0; i < s->n_ifaces; i++)
		if (check_iface_rules(&s->ifaces[i], err))
			return -1;
	for (i = 0; i < s->n_entries; i++) {
		const struct store_entry *e = &s->entries[i];

		why = e->name ? text_fault(e->name, true) : NULL;
		if (why)
			return refuse(err, e->line, "bad value name %s: %s", quote_text(e->name), why);
	}
	for (i = 0; i < s->n_luids; i++) {
		l = &s->luids[i];
		if (!l->iftype)
			return refuse(err, l->line, "bad IfType '0' (IfTypes start at 1)");
		if (l->key && strlen(l->key) > STORE_LUID_KEY_MAX)
			return refuse(err, l->line, "LUID key %s: too long (%zu bytes, at most %d)",
				      quote_text(l->key), strlen(l->key), STORE_LUID_KEY_MAX);
	}
	return 0;
}

/* ---- the file ---- */

/*
 * store_write_file: DATA (LEN bytes) as PATH, atomically: PATH.tmp in the
 * same directory is written, fsynced and renamed over PATH, then the
 * directory is fsynced. On failure PATH is untouched, PATH.tmp removed,
 * and WHY (SIZE bytes) says which step failed. Returns 0 or -1.
 */
int store_write_file(const char *path, const char *data, size_t len, char *why, size_t size)
{
	char tmp[PATH_MAX], dirbuf[PATH_MAX];
	const char *step = "creating";
	struct stat fst, pst;
	size_t done = 0;
	int fd, dfd, e;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		snprintf(why, size, "%s: file name too long", path);
		return -1;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		goto fail_open;
	/*
	 * Two saves at once (the shutdown unit and a person) must not write
	 * the same PATH.tmp: the one that holds its lock owns it, until it
	 * is renamed. A lock taken on a PATH.tmp already renamed (the other
	 * save was quicker) is on the wrong file: give up too.
	 */
	step = "locking";
	if (flock(fd, LOCK_EX | LOCK_NB))
		e = errno == EWOULDBLOCK ? EBUSY : errno;
	else if (fstat(fd, &fst) || stat(tmp, &pst))
		e = errno == ENOENT ? EBUSY : errno;
	else
		e = fst.st_dev != pst.st_dev || fst.st_ino != pst.st_ino ? EBUSY : 0;
	if (e) {
		close(fd);
		snprintf(why, size, "%s: %s: %s (another save is writing it); %s is unchanged", tmp,
			 step, e == EBUSY ? "in use" : strerror(e), path);
		return -1;
	}
	step = "writing";
	if (ftruncate(fd, 0))
		goto fail;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			goto fail;
		}
		done += n;
	}
	step = "syncing";
	if (fsync(fd))
		goto fail;
	step = "renaming it over the store";
	if (rename(tmp, path))
		goto fail;
	/* The lock goes with the file, now PATH: closing releases it. */
	close(fd);
	/* The rename itself is durable once the directory is synced. */
	snprintf(dirbuf, sizeof(dirbuf), "%s", path);
	dfd = open(dirname(dirbuf), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fsync(dfd)) {
		e = errno;
		if (dfd >= 0)
			close(dfd);
		snprintf(why, size, "%s: syncing its directory: %s (the store is written)", path,
			 strerror(e));
		return -1;
	}
	close(dfd);
	return 0;
fail:
	/* Still ours (locked, not renamed): remove it before letting go. */
	e = errno;
	unlink(tmp);
	close(fd);
	errno = e;
fail_open:
	snprintf(why, size, "%s: %s: %s; %s is unchanged", tmp, step, strerror(errno), path);
	return -1;
}

/*
 * store_read_file: PATH whole into a new buffer (*OUT, *LEN). Returns 0 or
 * a negative errno (-EFBIG: over STORE_FILE_MAX).
 */
int store_read_file(const char *path, char **out, size_t *len)
{
	size_t size = 0, cap = 0;
	char *buf = NULL, *p;
	struct stat st;
	ssize_t n;
	int fd, e;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return -EISDIR;
	}
	for (;;) {
		if (size == cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > STORE_FILE_MAX + 1)
				cap = STORE_FILE_MAX + 1;
			if (size == cap) {
				e = EFBIG;
				goto fail;
			}
			p = realloc(buf, cap);
			if (!p) {
				e = ENOMEM;
				goto fail;
			}
			buf = p;
		}
		n = read(fd, buf + size, cap - size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			goto fail;
		}
		if (n == 0)
			break;
		size += n;
	}
	close(fd);
	*out = buf;
	*len = size;
	return 0;
fail:
	close(fd);
	free(buf);
	return -e;
}
