/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What libifreg's test programs share: a check is a function returning 0
 * when what it asserts holds; expect() makes it return -1 with the reason.
 * run_check() prints "PASS name" or "FAIL name: why", one line each, which
 * scripts/guest/test-libifreg.sh turns into lib.sh's results; any other
 * line the programs print is a comment for the log.
 */
#ifndef _IFREG_TESTS_CHECK_H
#define _IFREG_TESTS_CHECK_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ifreg/libifreg.h>

static char check_why[4096];
static int check_failures;
/* The context whose kernel message a failed expectation quotes. */
static struct ifreg_ctx *check_ctx;

__attribute__((format(printf, 3, 4)))
static int check_failed(int line, const char *cond, const char *fmt, ...)
{
	size_t n;
	va_list ap;

	n = snprintf(check_why, sizeof(check_why), "line %d: ", line);
	va_start(ap, fmt);
	if (n < sizeof(check_why))
		n += vsnprintf(check_why + n, sizeof(check_why) - n, fmt, ap);
	va_end(ap);
	if (n < sizeof(check_why))
		snprintf(check_why + n, sizeof(check_why) - n, " [%s]", cond);
	return -1;
}

#define expect(cond, ...) do {							\
	if (!(cond))								\
		return check_failed(__LINE__, #cond, __VA_ARGS__);		\
} while (0)

/* expect_rc(CALL, WANT): CALL returns WANT; else its errno and the kernel's message. */
#define expect_rc(call, want) do {						\
	int _r = (call), _w = (want);						\
	if (_r != _w)								\
		return check_failed(__LINE__, #call,				\
				    "gave %d (%s), not %d (%s); errmsg \"%s\"",	\
				    _r, _r < 0 ? strerror(-_r) : "-",		\
				    _w, _w < 0 ? strerror(-_w) : "-",		\
				    check_ctx ? ifreg_ctx_errmsg(check_ctx) : "");	\
} while (0)

static inline int streq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* A string for messages: "(null)" for NULL. */
static inline const char *str(const char *s)
{
	return s ? s : "(null)";
}

static void run_check(const char *name, int (*fn)(void))
{
	check_why[0] = 0;
	if (fn()) {
		printf("FAIL %s: %s\n", name, check_why);
		check_failures++;
	} else {
		printf("PASS %s\n", name);
	}
	fflush(stdout);
}

/* A fresh class GUID, random (version 4), lowercase in braces. */
static void random_guid(char out[IFREG_GUID_STRING_SIZE])
{
	unsigned char b[16];
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd < 0 || read(fd, b, sizeof(b)) != sizeof(b)) {
		perror("/dev/urandom");
		exit(2);
	}
	close(fd);
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	snprintf(out, IFREG_GUID_STRING_SIZE,
		 "{%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x}",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
		 b[10], b[11], b[12], b[13], b[14], b[15]);
}

#endif /* _IFREG_TESTS_CHECK_H */
