// SPDX-License-Identifier: GPL-2.0
/*
 * jsonflat: check that stdin is well-formed JSON (RFC 8259, strictly: no
 * trailing commas, no bare control characters, valid escapes) and print it
 * flattened, one "PATH=VALUE" line per scalar, strings decoded:
 *
 *   [{"symbolic_link":"\\??\\X"}]   ->   [0].symbolic_link=\??\X
 *
 * With -m, stdin is a sequence of values (monitor --json writes one per
 * line) and each path starts with the value's number: 0.seq=1. Exit 1
 * with the offset of the first error when the input is not JSON. For
 * test-ifregctl.sh in the VM, whose busybox has no JSON parser.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *in;
static size_t pos, len;

static void bad(const char *what)
{
	fprintf(stderr, "jsonflat: not JSON at byte %zu: %s\n", pos, what);
	exit(1);
}

static void ws(void)
{
	while (pos < len && strchr(" \t\r\n", in[pos]))
		pos++;
}

static int peek(void)
{
	return pos < len ? (unsigned char)in[pos] : -1;
}

static void expect(const char *lit)
{
	size_t n = strlen(lit);

	if (len - pos < n || memcmp(in + pos, lit, n))
		bad("unexpected token");
	pos += n;
}

static void put_utf8(FILE *f, unsigned long c)
{
	if (c < 0x80) {
		fputc(c, f);
	} else if (c < 0x800) {
		fputc(0xc0 | c >> 6, f);
		fputc(0x80 | (c & 0x3f), f);
	} else if (c < 0x10000) {
		fputc(0xe0 | c >> 12, f);
		fputc(0x80 | (c >> 6 & 0x3f), f);
		fputc(0x80 | (c & 0x3f), f);
	} else {
		fputc(0xf0 | c >> 18, f);
		fputc(0x80 | (c >> 12 & 0x3f), f);
		fputc(0x80 | (c >> 6 & 0x3f), f);
		fputc(0x80 | (c & 0x3f), f);
	}
}

static unsigned long hex4(void)
{
	unsigned long v = 0;
	int i;

	for (i = 0; i < 4; i++, pos++) {
		int c = peek();

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			bad("bad \\u escape");
	}
	return v;
}

/* A string, decoded into a malloc'ed buffer. */
static char *string(void)
{
	char *out;
	size_t n;
	FILE *f = open_memstream(&out, &n);

	expect("\"");
	for (;;) {
		int c = peek();

		if (c < 0)
			bad("unterminated string");
		pos++;
		if (c == '"')
			break;
		if (c < 0x20)
			bad("control character in string");
		if (c != '\\') {
			fputc(c, f);
			continue;
		}
		c = peek();
		pos++;
		switch (c) {
		case '"': fputc('"', f); break;
		case '\\': fputc('\\', f); break;
		case '/': fputc('/', f); break;
		case 'b': fputc('\b', f); break;
		case 'f': fputc('\f', f); break;
		case 'n': fputc('\n', f); break;
		case 'r': fputc('\r', f); break;
		case 't': fputc('\t', f); break;
		case 'u': {
			unsigned long u = hex4();

			if (u >= 0xd800 && u < 0xdc00) {
				unsigned long lo;

				expect("\\u");
				lo = hex4();
				if (lo < 0xdc00 || lo > 0xdfff)
					bad("bad surrogate pair");
				u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
			} else if (u >= 0xdc00 && u <= 0xdfff) {
				bad("lone low surrogate");
			}
			put_utf8(f, u);
			break;
		}
		default:
			bad("bad escape");
		}
	}
	fclose(f);
	return out;
}

static void number(void)
{
	size_t start = pos;

	if (peek() == '-')
		pos++;
	if (peek() == '0') {
		pos++;
	} else if (peek() >= '1' && peek() <= '9') {
		while (peek() >= '0' && peek() <= '9')
			pos++;
	} else {
		bad("bad number");
	}
	if (peek() == '.') {
		pos++;
		if (!(peek() >= '0' && peek() <= '9'))
			bad("bad fraction");
		while (peek() >= '0' && peek() <= '9')
			pos++;
	}
	if (peek() == 'e' || peek() == 'E') {
		pos++;
		if (peek() == '+' || peek() == '-')
			pos++;
		if (!(peek() >= '0' && peek() <= '9'))
			bad("bad exponent");
		while (peek() >= '0' && peek() <= '9')
			pos++;
	}
	printf("%.*s\n", (int)(pos - start), in + start);
}

static void value(const char *path, int depth);

static void member_path(char **out, const char *path, const char *key, long idx)
{
	size_t n;
	FILE *f = open_memstream(out, &n);

	if (key)
		fprintf(f, "%s.%s", path, key);
	else
		fprintf(f, "%s[%ld]", path, idx);
	fclose(f);
}

static void value(const char *path, int depth)
{
	char *sub, *key, *s;
	long i = 0;

	if (depth > 64)
		bad("nested too deep");
	ws();
	switch (peek()) {
	case '{':
		pos++;
		ws();
		if (peek() == '}') {
			pos++;
			printf("%s={}\n", path);
			return;
		}
		for (;;) {
			ws();
			if (peek() != '"')
				bad("object key expected");
			key = string();
			ws();
			expect(":");
			member_path(&sub, path, key, 0);
			value(sub, depth + 1);
			free(sub);
			free(key);
			ws();
			if (peek() == ',') {
				pos++;
				continue;
			}
			expect("}");
			return;
		}
	case '[':
		pos++;
		ws();
		if (peek() == ']') {
			pos++;
			printf("%s=[]\n", path);
			return;
		}
		for (;; i++) {
			member_path(&sub, path, NULL, i);
			value(sub, depth + 1);
			free(sub);
			ws();
			if (peek() == ',') {
				pos++;
				continue;
			}
			expect("]");
			return;
		}
	case '"':
		s = string();
		printf("%s=%s\n", path, s);
		free(s);
		return;
	case 't':
		expect("true");
		printf("%s=true\n", path);
		return;
	case 'f':
		expect("false");
		printf("%s=false\n", path);
		return;
	case 'n':
		expect("null");
		printf("%s=null\n", path);
		return;
	default:
		printf("%s=", path);
		number();
	}
}

int main(int argc, char **argv)
{
	bool multi = argc > 1 && !strcmp(argv[1], "-m");
	char path[32];
	size_t cap = 0;
	long doc = 0;

	len = getdelim(&in, &cap, '\0', stdin);
	if ((ssize_t)len < 0)
		len = 0;
	if (memchr(in ? in : "", '\0', len))
		bad("NUL byte");
	ws();
	if (pos == len && !multi)
		bad("empty input");
	while (pos < len) {
		if (multi)
			snprintf(path, sizeof(path), "%ld", doc++);
		else
			path[0] = '\0';
		value(path, 0);
		ws();
		if (!multi && pos < len)
			bad("trailing data after the value");
	}
	return 0;
}
