// SPDX-License-Identifier: GPL-2.0
/*
 * nstime COMMAND [ARGS...]: run COMMAND with its output thrown away and
 * print two numbers: the nanoseconds of CLOCK_MONOTONIC it took, fork and
 * exec included, and the CPU time its process used, user and system
 * (what the kernel did in its system calls, not what other tasks did
 * meanwhile), in nanoseconds; exit with its status. The benchmark VM's
 * busybox date has no %N, and under qemu -icount shift=0 these
 * nanoseconds are instructions (scripts/guest/bench.sh).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long tv_ns(const struct timeval *tv)
{
	return tv->tv_sec * 1000000000LL + tv->tv_usec * 1000LL;
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	long long t0, t1;
	int status, null;
	pid_t pid;

	if (argc < 2) {
		fputs("usage: nstime COMMAND [ARGS...]\n", stderr);
		return 125;
	}
	t0 = now_ns();
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "nstime: fork: %s\n", strerror(errno));
		return 125;
	}
	if (!pid) {
		null = open("/dev/null", O_WRONLY);
		if (null < 0 || dup2(null, 1) < 0)
			_exit(126);
		execvp(argv[1], argv + 1);
		fprintf(stderr, "nstime: %s: %s\n", argv[1], strerror(errno));
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		fprintf(stderr, "nstime: wait: %s\n", strerror(errno));
		return 125;
	}
	t1 = now_ns();
	printf("%lld %lld\n", t1 - t0, tv_ns(&ru.ru_utime) + tv_ns(&ru.ru_stime));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 125;
}
