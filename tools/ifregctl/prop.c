// SPDX-License-Identifier: GPL-2.0
/*
 * ifregctl prop: an instance's stored values and properties (its store),
 * listed, read, set and deleted. A value is keyed by its name, a property
 * by its DEVPROPKEY, {FMTID}:PID. How one entry is printed, as text or
 * hex, is here too: `show` prints the store with print_entries().
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ifregctl.h"
#include "json.h"

/* DEVPROPTYPEs whose data is text, and those shown as numbers. */
#define DEVPROP_TYPE_EMPTY			0x00
#define DEVPROP_TYPE_UINT32			0x07
#define DEVPROP_TYPE_GUID			0x0d
#define DEVPROP_TYPE_BOOLEAN			0x11
#define DEVPROP_TYPE_STRING			0x12
#define DEVPROP_TYPE_SECURITY_DESCRIPTOR_STRING	0x14
#define DEVPROP_TYPE_STRING_INDIRECT		0x19

/* An entry's key: a value's name, or a property's DEVPROPKEY. */
struct prop_key {
	const char *name;	/* NULL for a property */
	char fmtid[IFREG_GUID_STRING_SIZE];
	uint32_t pid;
};

static void key_text(const struct prop_key *k, char *buf, size_t size)
{
	if (k->name)
		snprintf(buf, size, "%s", k->name);
	else
		snprintf(buf, size, "%s:%" PRIu32, k->fmtid, k->pid);
}

/*
 * entry_key: the key of entry E, or FALLBACK's (the request's) when the
 * answer does not say it.
 */
static void entry_key(const struct ifreg_entry *e, const struct prop_key *fallback,
		      struct prop_key *k)
{
	memset(k, 0, sizeof(*k));
	if (e->value_name) {
		k->name = e->value_name;
	} else if (e->fmtid[0]) {
		snprintf(k->fmtid, sizeof(k->fmtid), "%s", e->fmtid);
		k->pid = e->pid;
	} else if (fallback) {
		*k = *fallback;
	}
}

/*
 * data_is_text: DATA is shown as text when every byte is printable ASCII,
 * a final NUL aside, unless the entry is a property of a type that is not
 * a string.
 */
static bool data_is_text(const struct prop_key *k, uint32_t type, const unsigned char *data,
			 size_t len)
{
	size_t i;

	if (!k->name) {
		switch (type) {
		case DEVPROP_TYPE_EMPTY:
		case DEVPROP_TYPE_SECURITY_DESCRIPTOR_STRING:
		case DEVPROP_TYPE_STRING:
		case DEVPROP_TYPE_STRING_INDIRECT:
			break;
		default:
			return false;
		}
	}
	if (len && data[len - 1] == '\0')
		len--;
	for (i = 0; i < len; i++)
		if (data[i] < 0x20 || data[i] > 0x7e)
			return false;
	return true;
}

/* guid_text: a DEVPROP_TYPE_GUID's 16 bytes (a Windows GUID) as text. */
static void guid_text(const unsigned char *d, char out[IFREG_GUID_STRING_SIZE])
{
	snprintf(out, IFREG_GUID_STRING_SIZE,
		 "{%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x}",
		 d[3], d[2], d[1], d[0], d[5], d[4], d[7], d[6],
		 d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
}

/*
 * print_entry: one stored entry. Human: KEY [type N] [persistent]
 * [flags 0xN] [u32 N | guid {G} | bool true|false] then "data TEXT" or
 * "hex HEX", last (text may hold spaces). JSON: an object. A property's
 * type is shown, a value has none. Returns 0 or -ENOMEM.
 */
static int print_entry(FILE *f, const struct ifreg_entry *e, const struct prop_key *fallback)
{
	const unsigned char *data = e->data;
	size_t len = e->size;
	uint32_t flags = e->flags;
	uint32_t type = e->type;
	bool is_u32 = type == DEVPROP_TYPE_UINT32 && len == sizeof(uint32_t);
	bool is_guid = type == DEVPROP_TYPE_GUID && len == 16;
	bool is_bool = type == DEVPROP_TYPE_BOOLEAN && len == 1;
	char keybuf[1100], guid[IFREG_GUID_STRING_SIZE], *text;
	struct prop_key k;
	uint32_t v32 = 0;
	bool is_text;
	size_t i;

	entry_key(e, fallback, &k);
	key_text(&k, keybuf, sizeof(keybuf));
	is_text = data_is_text(&k, type, data, len);
	if (is_u32)
		memcpy(&v32, data, sizeof(v32));
	if (is_guid)
		guid_text(data, guid);
	text = malloc(len * 2 + 1);
	if (!text)
		return -ENOMEM;
	if (is_text) {
		if (len)
			memcpy(text, data, len);
		text[len] = '\0';
	} else {
		for (i = 0; i < len; i++)
			sprintf(text + 2 * i, "%02x", data[i]);
		text[2 * len] = '\0';
	}

	if (json) {
		json_open_object(f, NULL);
		json_string(f, "key", keybuf);
		if (k.name) {
			json_string(f, "name", k.name);
		} else {
			json_string(f, "fmtid", k.fmtid);
			json_uint(f, "pid", k.pid);
			json_uint(f, "type", type);
		}
		json_uint(f, "flags", flags);
		json_bool(f, "persistent", flags & IFREG_STORE_PERSISTENT);
		json_uint(f, "length", len);
		if (is_u32)
			json_uint(f, "u32", v32);
		if (is_guid)
			json_string(f, "guid", guid);
		if (is_bool)
			json_bool(f, "bool", data[0]);
		json_string(f, is_text ? "data" : "hex", text);
		json_close_object(f);
	} else {
		fputs(keybuf, f);
		if (!k.name)
			fprintf(f, " type %" PRIu32, type);
		if (flags & IFREG_STORE_PERSISTENT)
			fputs(" persistent", f);
		if (flags & ~IFREG_STORE_PERSISTENT)
			fprintf(f, " flags 0x%" PRIx32, flags);
		if (is_u32)
			fprintf(f, " u32 %" PRIu32, v32);
		if (is_guid)
			fprintf(f, " guid %s", guid);
		if (is_bool)
			fprintf(f, " bool %s", data[0] ? "true" : "false");
		fputs(is_text ? " data" : " hex", f);
		if (*text)
			fprintf(f, " %s", text);
		fputc('\n', f);
	}
	free(text);
	return 0;
}

/*
 * print_entries: entries of a store, each line after PREFIX in human form,
 * JSON objects otherwise (the caller opens the array). An entry too large
 * to print for want of memory is said on stderr.
 */
void print_entries(FILE *f, const struct ifreg_entry *entries, size_t n, const char *prefix)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!json && prefix)
			fputs(prefix, f);
		if (print_entry(f, &entries[i], NULL))
			fprintf(stderr, "ifregctl: an entry of %zu bytes: out of memory\n",
				entries[i].size);
	}
}

/*
 * parse_key: KEY is a property's DEVPROPKEY, "{FMTID}:PID", when it starts
 * with '{' and has a ':' after a '}'; anything else is a value's name.
 * Returns -1, or the exit code of a usage error.
 */
static int parse_key(char *arg, struct prop_key *k)
{
	const char *close = strchr(arg, '}');
	char guid[64], *end;
	unsigned long pid;
	size_t n;

	memset(k, 0, sizeof(*k));
	if (arg[0] != '{' || !close || !strchr(close, ':')) {
		if (!arg[0])
			return usage_error("%san empty value name", "");
		k->name = arg;
		return -1;
	}
	n = close - arg + 1;
	if (close[1] != ':' || n >= sizeof(guid))
		return usage_error("bad property key '%s' (want {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}:PID)", arg);
	memcpy(guid, arg, n);
	guid[n] = '\0';
	if (!parse_guid(guid, k->fmtid))
		return usage_error("bad property key '%s' (want {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}:PID)", arg);
	errno = 0;
	pid = strtoul(close + 2, &end, 0);
	if (errno || *end || !isdigit((unsigned char)close[2]) || pid > UINT32_MAX)
		return usage_error("bad property id in '%s' (want a number from 0 to 4294967295)", arg);
	k->pid = pid;
	return -1;
}

/* parse_u32: decimal, or hexadecimal with 0x. */
static bool parse_u32(const char *s, uint32_t *v)
{
	unsigned long n;
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return false;
	errno = 0;
	n = strtoul(s, &end, 0);
	if (errno || *end || n > UINT32_MAX)
		return false;
	*v = n;
	return true;
}

/* parse_hex: pairs of hex digits into a new buffer (*OUT, *LEN). */
static bool parse_hex(const char *s, unsigned char **out, size_t *len)
{
	size_t n = strlen(s), i;
	unsigned char *buf;

	if (n % 2)
		return false;
	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	buf = malloc(n / 2 + 1);
	if (!buf)
		return false;
	for (i = 0; i < n / 2; i++) {
		char pair[3] = { s[2 * i], s[2 * i + 1], '\0' };

		buf[i] = strtoul(pair, NULL, 16);
	}
	*out = buf;
	*len = n / 2;
	return true;
}

/*
 * not_found: what -ENOENT of a request on LINK's store meant: the
 * instance is not there, or the entry is not. The kernel's message that
 * goes with it is that of the question asked last (into *KM): none when
 * the instance is there.
 */
static const char *not_found(struct ifreg_ctx *ctx, const char *link, const char **km)
{
	struct ifreg_iface iface;
	int err = ifreg_iface_get(ctx, link, &iface);

	if (!err) {
		ifreg_iface_clear(&iface);
		*km = NULL;
		return "no such entry";
	}
	*km = kmsg(ctx);
	return err == -ENOENT ? "no such interface" : "no such entry";
}

/* prop LINK: every entry, read whole however large the store. */
static int prop_list(struct ifreg_ctx *ctx, const char *link, const char *what)
{
	struct ifreg_entry *entries;
	size_t n;
	int err;

	err = ifreg_store_list(ctx, link, &entries, &n);
	if (err)
		return fail(kmsg(ctx), what, err, "no such interface");
	if (json)
		json_open_array(stdout, NULL);
	print_entries(stdout, entries, n, NULL);
	if (json) {
		json_close_array(stdout);
		json_end(stdout);
	}
	ifreg_entry_array_free(entries, n);
	return EXIT_OK;
}

enum prop_action { PROP_LIST, PROP_GET, PROP_SET, PROP_DELETE };

/* What `prop LINK set` is given to set. */
struct prop_data {
	const char *type_s, *str, *hex, *u32_s;
	bool persistent;
	uint32_t type, v32;
	unsigned char *bytes;	/* --hex's */
	const void *data;
	size_t len;
};

/* prop_data: check and convert what set was given. -1, or the exit code. */
static int prop_data(struct prop_data *d, const struct prop_key *key)
{
	int sources = !!d->str + !!d->hex + !!d->u32_s;

	if (sources != 1)
		return usage_error("%sprop set wants one of --string, --hex, --u32", "");
	if (d->type_s && !parse_u32(d->type_s, &d->type))
		return usage_error("bad --type '%s' (want a DEVPROPTYPE number)", d->type_s);
	if (d->type_s && key->name)
		return usage_error("--type is for properties ({FMTID}:PID), not for the value '%s'",
				   key->name);
	if (d->str) {
		/* With its NUL, as a REG_SZ or DEVPROP_TYPE_STRING is. */
		d->data = d->str;
		d->len = strlen(d->str) + 1;
		if (!key->name && !d->type_s)
			d->type = DEVPROP_TYPE_STRING;
	} else if (d->hex) {
		if (!parse_hex(d->hex, &d->bytes, &d->len))
			return usage_error("bad --hex '%.40s' (want pairs of hex digits)", d->hex);
		d->data = d->bytes;
	} else {
		if (!parse_u32(d->u32_s, &d->v32))
			return usage_error("bad --u32 '%s' (want a number from 0 to 4294967295)", d->u32_s);
		d->data = &d->v32;
		d->len = sizeof(d->v32);
		if (!key->name && !d->type_s)
			d->type = DEVPROP_TYPE_UINT32;
	}
	return -1;
}

/* prop LINK get KEY: the entry, on stdout only when it came. */
static int prop_get(struct ifreg_ctx *ctx, const char *link, const struct prop_key *key)
{
	struct ifreg_entry e;
	int err;

	if (key->name)
		err = ifreg_store_get_value(ctx, link, key->name, &e);
	else
		err = ifreg_store_get_property(ctx, link, key->fmtid, key->pid, &e);
	if (err)
		return err;
	err = print_entry(stdout, &e, key);
	if (!err && json)
		json_end(stdout);
	ifreg_entry_clear(&e);
	return err;
}

/*
 * prop LINK [get KEY | set KEY [--type N] [--persistent] (--string S |
 * --hex HEX | --u32 N) | delete KEY]: the instance's store.
 */
int cmd_prop(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "type", required_argument, NULL, 't' },
		{ "persistent", no_argument, NULL, 'P' },
		{ "string", required_argument, NULL, 's' },
		{ "hex", required_argument, NULL, 'x' },
		{ "u32", required_argument, NULL, 'u' },
		COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct prop_data d = { .persistent = false };
	const char *opt = NULL, *km;
	enum prop_action action;
	struct prop_key key;
	struct ifreg_ctx *ctx;
	char **pos, what[1400], keybuf[1100];
	int c, n, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":" COMMON_SHORTOPTS "t:Ps:x:u:", opts, NULL)) != -1) {
		/* opt: the last of set's options, for "only for 'prop LINK set'". */
		switch (c) {
		case 't':
			d.type_s = optarg;
			opt = "--type";
			break;
		case 'P':
			d.persistent = true;
			opt = "--persistent";
			break;
		case 's':
			d.str = optarg;
			opt = "--string";
			break;
		case 'x':
			d.hex = optarg;
			opt = "--hex";
			break;
		case 'u':
			d.u32_s = optarg;
			opt = "--u32";
			break;
		default:
			r = common_opt(c, argv);
			if (r >= 0)
				return r;
		}
	}
	pos = argv + optind;
	n = argc - optind;
	if (n > 3)
		return usage_error("%s: too many arguments", argv[0]);
	if (n < 1)
		return usage_error("%s: missing argument", argv[0]);
	if (n == 1)
		action = PROP_LIST;
	else if (!strcmp(pos[1], "get"))
		action = PROP_GET;
	else if (!strcmp(pos[1], "set"))
		action = PROP_SET;
	else if (!strcmp(pos[1], "delete") || !strcmp(pos[1], "del"))
		action = PROP_DELETE;
	else
		return usage_error("prop: unknown action '%s' (want get, set or delete)", pos[1]);
	if (n == 2)
		return usage_error("prop %s: missing KEY", pos[1]);
	if (action != PROP_SET && opt)
		return usage_error("%s is only for 'prop LINK set'", opt);
	r = n == 3 ? parse_key(pos[2], &key) : -1;
	if (r >= 0)
		return r;
	r = action == PROP_SET ? prop_data(&d, &key) : -1;
	if (r >= 0) {
		free(d.bytes);
		return r;
	}

	r = connect_ifreg(&ctx);
	if (r) {
		free(d.bytes);
		return r;
	}
	if (n == 1) {
		snprintf(what, sizeof(what), "prop %s", pos[0]);
		r = prop_list(ctx, pos[0], what);
		ifreg_ctx_close(ctx);
		return r;
	}
	key_text(&key, keybuf, sizeof(keybuf));
	snprintf(what, sizeof(what), "prop %s %s %s", pos[0], pos[1], keybuf);
	if (action == PROP_GET) {
		r = prop_get(ctx, pos[0], &key);
	} else if (action == PROP_SET) {
		uint32_t flags = d.persistent ? IFREG_STORE_PERSISTENT : 0;

		if (key.name)
			r = ifreg_store_set_value(ctx, pos[0], key.name, d.data, d.len, flags);
		else
			r = ifreg_store_set_property(ctx, pos[0], key.fmtid, key.pid, d.type,
						     d.data, d.len, flags);
	} else if (key.name) {
		r = ifreg_store_delete_value(ctx, pos[0], key.name);
	} else {
		r = ifreg_store_delete_property(ctx, pos[0], key.fmtid, key.pid);
	}
	free(d.bytes);
	if (r == -ENOENT) {
		const char *nf = not_found(ctx, pos[0], &km);

		r = fail(km, what, r, nf);
	} else if (r) {
		r = fail(kmsg(ctx), what, r, NULL);
	}
	ifreg_ctx_close(ctx);
	return r;
}
