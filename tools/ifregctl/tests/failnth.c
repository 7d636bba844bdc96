// SPDX-License-Identifier: GPL-2.0
/*
 * failnth.so: preloaded into ifregctl by test-failnth.sh, it has the kernel
 * fail one allocation made for one request ifregctl sends to the ifreg
 * family, through the kernel's fault injection (/proc/thread-self/fail-nth,
 * a kernel built with CONFIG_FAULT_INJECTION and FAILSLAB/FAIL_PAGE_ALLOC).
 *
 *	IFREG_FAIL_NTH=N	fail the N-th allocation the kernel makes in
 *				this thread while it takes the request in
 *				(netlink hands a request to the family in the
 *				sender's sendto());
 *	IFREG_FAIL_NTH_MSG=K	the K-th request to the family (default 1;
 *				the generic netlink controller's are not
 *				counted);
 *	IFREG_FAIL_NTH_OUT=FILE	where to write the outcome: "injected" (the
 *				N-th allocation was made, and failed),
 *				"missed" (fewer than N were made) or, with
 *				N = 0, "requests R" (how many requests the
 *				family got).
 *
 * The file is opened before anything is armed and read with pread(), so
 * the counting sees the kernel's own work for the request and nothing of
 * the shim's. Without IFREG_FAIL_NTH the shim does nothing.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

static int nth_fd = -1;
static unsigned long nth, msg = 1, requests;
static const char *out;
static ssize_t (*real_sendto)(int, const void *, size_t, int, const struct sockaddr *, socklen_t);

static void die(const char *what)
{
	fprintf(stderr, "failnth: %s: %s\n", what, strerror(errno));
	_exit(125);
}

__attribute__((constructor)) static void failnth_init(void)
{
	const char *s = getenv("IFREG_FAIL_NTH");

	real_sendto = dlsym(RTLD_NEXT, "sendto");
	if (!real_sendto)
		die("dlsym(sendto)");
	if (!s)
		return;
	nth = strtoul(s, NULL, 0);
	s = getenv("IFREG_FAIL_NTH_MSG");
	if (s)
		msg = strtoul(s, NULL, 0);
	out = getenv("IFREG_FAIL_NTH_OUT");
	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (nth_fd < 0)
		die("/proc/thread-self/fail-nth");
}

static void report(const char *what)
{
	FILE *f;

	if (!out)
		return;
	f = fopen(out, "w");
	if (!f)
		die(out);
	fprintf(f, "%s\n", what);
	if (fclose(f))
		die(out);
}

__attribute__((destructor)) static void failnth_exit(void)
{
	char line[40];

	if (nth_fd < 0 || nth)
		return;
	snprintf(line, sizeof(line), "requests %lu", requests);
	report(line);
}

ssize_t sendto(int sock, const void *buf, size_t len, int flags, const struct sockaddr *addr,
	       socklen_t alen)
{
	const struct nlmsghdr *nlh = buf;
	char num[24], left[24] = "";
	ssize_t ret, n;
	int err;

	if (nth_fd < 0 || len < sizeof(*nlh) || nlh->nlmsg_type == GENL_ID_CTRL)
		return real_sendto(sock, buf, len, flags, addr, alen);
	if (++requests != msg || !nth)
		return real_sendto(sock, buf, len, flags, addr, alen);

	n = snprintf(num, sizeof(num), "%lu", nth);
	if (pwrite(nth_fd, num, n, 0) != n)
		die("arming fail-nth");
	ret = real_sendto(sock, buf, len, flags, addr, alen);
	err = errno;
	/* 0: the N-th allocation failed; more: it was never reached. */
	if (pread(nth_fd, left, sizeof(left) - 1, 0) <= 0)
		die("reading fail-nth");
	if (pwrite(nth_fd, "0", 1, 0) != 1)
		die("disarming fail-nth");
	report(strtoul(left, NULL, 10) ? "missed" : "injected");
	errno = err;
	return ret;
}
