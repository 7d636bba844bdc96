// SPDX-License-Identifier: GPL-2.0
/*
 * storetool: the store half of ifregctl (store.c) without a kernel, for
 * tools/ifregctl/tests/store-test.sh. `storetool rewrite IN OUT` reads IN
 * as restore does without the kernel (refusing it as restore would, by the
 * format and ifregctl's copy of the kernel's rules, exit 4), formats it as
 * save does and writes OUT as save does (atomically; exit 1 on failure).
 * Not installed anywhere.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store.h"

int main(int argc, char **argv)
{
	struct store_error err;
	struct store s;
	char *in, *out, why[4400];
	size_t inlen, outlen;
	int r;

	if (argc != 4 || strcmp(argv[1], "rewrite")) {
		fputs("usage: storetool rewrite IN OUT\n", stderr);
		return 2;
	}
	r = store_read_file(argv[2], &in, &inlen);
	if (r) {
		fprintf(stderr, "storetool: %s: %s\n", argv[2], strerror(-r));
		return 1;
	}
	if (store_parse(&s, in, inlen, &err) || store_check_rules(&s, &err)) {
		fprintf(stderr, "storetool: %s:%u: %s\n", argv[2], err.line, err.msg);
		return 4;
	}
	free(in);
	if (store_format(&s, &out, &outlen)) {
		fputs("storetool: out of memory\n", stderr);
		return 1;
	}
	store_free(&s);
	if (store_write_file(argv[3], out, outlen, why, sizeof(why))) {
		fprintf(stderr, "storetool: %s\n", why);
		return 1;
	}
	free(out);
	return 0;
}
