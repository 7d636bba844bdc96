// SPDX-License-Identifier: GPL-2.0
/*
 * runas UID COMMAND [ARGS...]: run COMMAND as user and group UID with no
 * supplementary groups, hence without capabilities. The test VM's busybox
 * has no su; test-ifregctl.sh uses this to check that changes are refused
 * to an unprivileged user while reads work.
 */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char *end;
	unsigned long id;

	if (argc < 3) {
		fputs("usage: runas UID COMMAND [ARGS...]\n", stderr);
		return 125;
	}
	id = strtoul(argv[1], &end, 10);
	if (*end || end == argv[1]) {
		fprintf(stderr, "runas: bad uid '%s'\n", argv[1]);
		return 125;
	}
	if (setgroups(0, NULL) || setgid(id) || setuid(id)) {
		fprintf(stderr, "runas: %s\n", strerror(errno));
		return 125;
	}
	execvp(argv[2], argv + 2);
	fprintf(stderr, "runas: %s: %s\n", argv[2], strerror(errno));
	return 127;
}
