// SPDX-License-Identifier: GPL-2.0
/*
 * ifregctl prop: an instance's stored values and properties (its store),
 * listed, read, set and deleted. A value is keyed by its name, a property
 * by its DEVPROPKEY, {FMTID}:PID. How the store is read (a dump, one entry
 * per message) and one entry printed, as text or hex, is here too: `show`
 * prints the store with print_store().
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
	char fmtid[39];
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
 * entry_key: the key of the entry TB, or FALLBACK's (the request's) when
 * the reply does not repeat it. False when there is none.
 */
static bool entry_key(const struct nlattr *tb[], const struct prop_key *fallback,
		      struct prop_key *k)
{
	memset(k, 0, sizeof(*k));
	if (tb[IFREG_A_VALUE_NAME]) {
		k->name = str_attr(tb, IFREG_A_VALUE_NAME);
	} else if (tb[IFREG_A_PROP_FMTID] && tb[IFREG_A_PROP_PID]) {
		snprintf(k->fmtid, sizeof(k->fmtid), "%s", str_attr(tb, IFREG_A_PROP_FMTID));
		k->pid = u32_attr(tb, IFREG_A_PROP_PID);
	} else if (fallback) {
		*k = *fallback;
	} else {
		return false;
	}
	return true;
}

/*
 * data_is_text: DATA is shown as text when every byte is printable ASCII,
 * a final NUL aside, unless the entry is a property of a type that is not
 * a string.
 */
static bool data_is_text(const struct prop_key *k, const struct nlattr *tb[],
			 const unsigned char *data, size_t len)
{
	size_t i;

	if (!k->name && tb[IFREG_A_PROP_TYPE]) {
		switch (u32_attr(tb, IFREG_A_PROP_TYPE)) {
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
static void guid_text(const unsigned char *d, char out[39])
{
	snprintf(out, 39, "{%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x}",
		 d[3], d[2], d[1], d[0], d[5], d[4], d[7], d[6],
		 d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
}

/*
 * print_entry: one stored entry. Human: KEY [type N] [persistent]
 * [flags 0xN] [u32 N | guid {G} | bool true|false] then "data TEXT" or
 * "hex HEX", last (text may hold spaces). JSON: an object. Returns 0 or
 * -EBADMSG (no key at all).
 */
static int print_entry(FILE *f, const struct nlattr *tb[], const struct prop_key *fallback)
{
	const unsigned char *data = tb[IFREG_A_DATA] ? mnl_attr_get_payload(tb[IFREG_A_DATA]) : NULL;
	size_t len = tb[IFREG_A_DATA] ? mnl_attr_get_payload_len(tb[IFREG_A_DATA]) : 0;
	uint32_t flags = u32_attr(tb, IFREG_A_STORE_FLAGS);
	uint32_t type = tb[IFREG_A_PROP_TYPE] ? u32_attr(tb, IFREG_A_PROP_TYPE) : DEVPROP_TYPE_EMPTY;
	bool is_u32 = type == DEVPROP_TYPE_UINT32 && len == sizeof(uint32_t);
	bool is_guid = type == DEVPROP_TYPE_GUID && len == 16;
	bool is_bool = type == DEVPROP_TYPE_BOOLEAN && len == 1;
	char keybuf[1100], guid[39], *text;
	struct prop_key k;
	uint32_t v32 = 0;
	bool is_text;
	size_t i;

	if (!entry_key(tb, fallback, &k))
		return -EBADMSG;
	key_text(&k, keybuf, sizeof(keybuf));
	is_text = data_is_text(&k, tb, data, len);
	if (is_u32)
		memcpy(&v32, data, sizeof(v32));
	if (is_guid)
		guid_text(data, guid);
	text = malloc(len * 2 + 1);
	if (!text)
		return -ENOMEM;
	if (is_text) {
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
		}
		if (tb[IFREG_A_PROP_TYPE])
			json_uint(f, "type", u32_attr(tb, IFREG_A_PROP_TYPE));
		json_uint(f, "flags", flags);
		json_bool(f, "persistent", flags & IFREG_STORE_F_PERSISTENT);
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
		if (tb[IFREG_A_PROP_TYPE])
			fprintf(f, " type %" PRIu32, u32_attr(tb, IFREG_A_PROP_TYPE));
		if (flags & IFREG_STORE_F_PERSISTENT)
			fputs(" persistent", f);
		if (flags & ~IFREG_STORE_F_PERSISTENT)
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

struct store_print {
	FILE *f;
	const char *prefix;
};

static int store_entry_cb(const struct nlattr *tb[], void *data)
{
	struct store_print *p = data;

	if (!json && p->prefix)
		fputs(p->prefix, p->f);
	return print_entry(p->f, tb, NULL);
}

/*
 * print_store: every value and property of LINK, read with the
 * IFREG_CMD_STORE_GET dump (one entry per message, however large the
 * store), each line after PREFIX in human form, JSON objects otherwise
 * (the caller opens the array). Returns 0 or a negative errno;
 * g->dump_intr says the store changed while it was read.
 */
int print_store(struct ifc_genl *g, const char *link, FILE *f, const char *prefix)
{
	struct store_print p = { .f = f, .prefix = prefix };
	struct nlmsghdr *nlh;
	bool intr = g->dump_intr;
	int err;

	nlh = ifc_genl_msg(g, msgbuf, IFREG_CMD_STORE_GET, NLM_F_DUMP);
	if (!mnl_attr_put_strz_check(nlh, sizeof(msgbuf), IFREG_A_SYMBOLIC_LINK, link))
		return -E2BIG;
	err = ifc_genl_talk(g, nlh, store_entry_cb, &p);
	g->dump_intr |= intr;
	return err;
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

static void put_key(struct nlmsghdr *nlh, const char *link, const struct prop_key *k)
{
	mnl_attr_put_strz(nlh, IFREG_A_SYMBOLIC_LINK, link);
	if (k->name) {
		mnl_attr_put_strz(nlh, IFREG_A_VALUE_NAME, k->name);
	} else {
		mnl_attr_put_strz(nlh, IFREG_A_PROP_FMTID, k->fmtid);
		mnl_attr_put_u32(nlh, IFREG_A_PROP_PID, k->pid);
	}
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

struct prop_reply {
	const struct prop_key *key;
	bool got;
};

static int prop_get_cb(const struct nlattr *tb[], void *data)
{
	struct prop_reply *rep = data;
	int err;

	err = print_entry(stdout, tb, rep->key);
	if (err)
		return err;
	if (json)
		json_end(stdout);
	rep->got = true;
	return 0;
}

static int prop_list_read(struct ifc_genl *g, FILE *f, void *arg)
{
	int err;

	if (json)
		json_open_array(f, NULL);
	err = print_store(g, arg, f, NULL);
	if (json) {
		json_close_array(f);
		json_end(f);
	}
	return err;
}

/* link_exists: whether the registry knows LINK (for what ENOENT meant). */
static bool link_exists(struct ifc_genl *g, const char *link)
{
	struct nlmsghdr *nlh;
	char buf[2048];

	nlh = ifc_genl_msg(g, buf, IFREG_CMD_INTERFACE_GET, NLM_F_ACK);
	if (!mnl_attr_put_strz_check(nlh, sizeof(buf), IFREG_A_SYMBOLIC_LINK, link) ||
	    !mnl_attr_put_u32_check(nlh, sizeof(buf), IFREG_A_FLAGS, IFREG_F_NO_STORE))
		return true;
	return ifc_genl_talk(g, nlh, NULL, NULL) != -ENOENT;
}

/*
 * prop LINK [get KEY | set KEY [--type N] [--persistent] (--string S |
 * --hex HEX | --u32 N) | delete KEY]: the instance's store.
 */
int cmd_prop(int argc, char **argv)
{
	const char *type_s = NULL, *str = NULL, *hex = NULL, *u32_s = NULL, *opt = NULL;
	unsigned char *data = NULL;
	struct prop_reply rep = { .got = false };
	struct prop_key key;
	bool persistent = false, dashdash = false;
	struct ifc_genl g;
	struct nlmsghdr *nlh;
	char *pos[3] = { NULL };
	char what[1400], keybuf[1100];
	uint32_t type = 0, v32;
	size_t len = 0;
	int i, n = 0, r, sources;
	uint8_t cmd;

	for (i = 1; i < argc; i++) {
		if (dashdash || argv[i][0] != '-' || argv[i][1] == '\0') {
			if (n >= 3)
				return usage_error("%s: too many arguments", argv[0]);
			pos[n++] = argv[i];
		} else if (!strcmp(argv[i], "--")) {
			dashdash = true;
		} else if (is_json_opt(argv[i])) {
			json = true;
		} else if (!strcmp(argv[i], "--persistent")) {
			persistent = true;
			opt = argv[i];
		} else if ((r = opt_value(argc, argv, &i, "--type", &type_s)) != 0 ||
			   (r = opt_value(argc, argv, &i, "--string", &str)) != 0 ||
			   (r = opt_value(argc, argv, &i, "--hex", &hex)) != 0 ||
			   (r = opt_value(argc, argv, &i, "--u32", &u32_s)) != 0) {
			if (r < 0)
				return usage_error("%s needs a value", argv[i]);
			opt = argv[i];
		} else {
			return usage_error("unknown option '%s'", argv[i]);
		}
	}
	if (n < 1)
		return usage_error("%s: missing argument", argv[0]);
	if (n == 1) {
		cmd = IFREG_CMD_INTERFACE_GET;
	} else if (!strcmp(pos[1], "get")) {
		cmd = IFREG_CMD_STORE_GET;
	} else if (!strcmp(pos[1], "set")) {
		cmd = IFREG_CMD_STORE_SET;
	} else if (!strcmp(pos[1], "delete") || !strcmp(pos[1], "del")) {
		cmd = IFREG_CMD_STORE_DEL;
	} else {
		return usage_error("prop: unknown action '%s' (want get, set or delete)", pos[1]);
	}
	if (n == 2)
		return usage_error("prop %s: missing KEY", pos[1]);
	if (cmd != IFREG_CMD_STORE_SET && opt)
		return usage_error("%s is only for 'prop LINK set'", opt);
	if (n == 3 && (r = parse_key(pos[2], &key)) >= 0)
		return r;

	if (cmd == IFREG_CMD_STORE_SET) {
		sources = !!str + !!hex + !!u32_s;
		if (sources != 1)
			return usage_error("%sprop set wants one of --string, --hex, --u32", "");
		if (type_s && !parse_u32(type_s, &type))
			return usage_error("bad --type '%s' (want a DEVPROPTYPE number)", type_s);
		if (type_s && key.name)
			return usage_error("--type is for properties ({FMTID}:PID), not for the value '%s'",
					   key.name);
		if (str) {
			/* With its NUL, as a REG_SZ or DEVPROP_TYPE_STRING is. */
			len = strlen(str) + 1;
			if (!key.name && !type_s)
				type = DEVPROP_TYPE_STRING;
		} else if (hex) {
			if (!parse_hex(hex, &data, &len))
				return usage_error("bad --hex '%.40s' (want pairs of hex digits)", hex);
		} else {
			if (!parse_u32(u32_s, &v32))
				return usage_error("bad --u32 '%s' (want a number from 0 to 4294967295)", u32_s);
			len = sizeof(v32);
			if (!key.name && !type_s)
				type = DEVPROP_TYPE_UINT32;
		}
	}

	r = connect_ifreg(&g);
	if (r) {
		free(data);
		return r;
	}
	if (n == 3)
		key_text(&key, keybuf, sizeof(keybuf));
	if (n == 1)
		snprintf(what, sizeof(what), "prop %s", pos[0]);
	else
		snprintf(what, sizeof(what), "prop %s %s %s", pos[0], pos[1], keybuf);

	if (n == 1) {
		r = read_whole(&g, prop_list_read, pos[0], what, "no such interface");
		ifc_genl_close(&g);
		return r;
	}
	nlh = ifc_genl_msg(&g, msgbuf, cmd, NLM_F_ACK);
	if (strlen(pos[0]) + strlen(keybuf) + 256 > sizeof(msgbuf)) {
		ifc_genl_close(&g);
		return fail(NULL, what, -E2BIG, NULL);
	}
	put_key(nlh, pos[0], &key);
	if (cmd == IFREG_CMD_STORE_SET) {
		const void *payload = str ? (const void *)str : hex ? (const void *)data : (const void *)&v32;

		if (!key.name)
			mnl_attr_put_u32(nlh, IFREG_A_PROP_TYPE, type);
		mnl_attr_put_u32(nlh, IFREG_A_STORE_FLAGS, persistent ? IFREG_STORE_F_PERSISTENT : 0);
		if (!mnl_attr_put_check(nlh, sizeof(msgbuf), IFREG_A_DATA, len, payload)) {
			free(data);
			ifc_genl_close(&g);
			return fail(NULL, what, -E2BIG, NULL);
		}
	}
	free(data);
	r = ifc_genl_talk(&g, nlh, cmd == IFREG_CMD_STORE_GET ? prop_get_cb : NULL, &rep);
	if (r == -ENOENT) {
		const char *nf = link_exists(&g, pos[0]) ? "no such entry" : "no such interface";

		fflush(stdout);
		r = fail(&g, what, r, nf);
	} else if (r) {
		fflush(stdout);
		r = fail(&g, what, r, NULL);
	} else if (cmd == IFREG_CMD_STORE_GET && !rep.got) {
		r = fail(&g, what, -EBADMSG, NULL);
	}
	ifc_genl_close(&g);
	return r;
}
