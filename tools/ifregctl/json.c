// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON writer behind --json: values are written as they come, with the
 * writer remembering per nesting level whether a comma is due. Strings are
 * escaped per RFC 8259: quote, backslash and control characters; bytes
 * from 0x80 up pass through (the kernel's strings are ASCII or UTF-8).
 * --pretty lays it out as iproute2's json_writer does for `ip -j -p`: an
 * object's members one per line, indented four spaces a level, "key": value,
 * and an array's elements inline between "[ " and " ]".
 */
#include <inttypes.h>

#include "json.h"

#define JSON_MAX_DEPTH 8

static bool json_need_comma[JSON_MAX_DEPTH];
static bool json_in_object[JSON_MAX_DEPTH];
static int json_depth;
static bool json_pretty;

void json_set_pretty(bool pretty)
{
	json_pretty = pretty;
}

static void json_escaped(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

/* --pretty: a new line, indented to DEPTH. */
static void json_newline(FILE *f, int depth)
{
	fputc('\n', f);
	while (depth-- > 0)
		fputs("    ", f);
}

/* A value's comma and key, if it is inside an object. */
static void json_member(FILE *f, const char *key)
{
	if (json_need_comma[json_depth])
		fputc(',', f);
	json_need_comma[json_depth] = true;
	if (json_pretty && json_in_object[json_depth])
		json_newline(f, json_depth);
	if (key) {
		json_escaped(f, key);
		fputc(':', f);
		if (json_pretty)
			fputc(' ', f);
	}
}

static void json_open(FILE *f, const char *key, char c)
{
	json_member(f, key);
	fputc(c, f);
	if (json_pretty && c == '[')
		fputc(' ', f);
	if (json_depth < JSON_MAX_DEPTH - 1)
		json_depth++;
	json_need_comma[json_depth] = false;
	json_in_object[json_depth] = c == '{';
}

static void json_close(FILE *f, char c)
{
	/* Whether the object or array closed has anything in it. */
	bool members = json_need_comma[json_depth];

	if (json_depth > 0)
		json_depth--;
	if (json_pretty && members && c == '}')
		json_newline(f, json_depth);
	else if (json_pretty && members)
		fputc(' ', f);
	fputc(c, f);
}

void json_open_object(FILE *f, const char *key)
{
	json_open(f, key, '{');
}

void json_close_object(FILE *f)
{
	json_close(f, '}');
}

void json_open_array(FILE *f, const char *key)
{
	json_open(f, key, '[');
}

void json_close_array(FILE *f)
{
	json_close(f, ']');
}

void json_string(FILE *f, const char *key, const char *val)
{
	json_member(f, key);
	json_escaped(f, val);
}

void json_uint(FILE *f, const char *key, uint64_t val)
{
	json_member(f, key);
	fprintf(f, "%" PRIu64, val);
}

void json_bool(FILE *f, const char *key, bool val)
{
	json_member(f, key);
	fputs(val ? "true" : "false", f);
}

/* json_end: a top-level value is complete: newline, and start afresh. */
void json_end(FILE *f)
{
	fputc('\n', f);
	json_depth = 0;
	json_need_comma[0] = false;
	json_in_object[0] = false;
}
