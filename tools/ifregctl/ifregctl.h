/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What ifregctl's files share: utils.c's exit codes, messages, connecting
 * to the family, dumps, reply attributes and argument parsing; prop.c's
 * reading and printing of an instance's store (show uses it); and every
 * command's entry point, for the table in ifregctl.c.
 */
#ifndef _IFREGCTL_H
#define _IFREGCTL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "genl.h"

/* Exit codes are an interface: ifregctl(8), EXIT STATUS. */
enum {
	EXIT_OK = 0,
	EXIT_FAILED = 1,
	EXIT_USAGE = 2,
	EXIT_NO_MODULE = 3,
	EXIT_BAD_STORE = 4,	/* restore refused the file; nothing applied */
};

extern bool json;
extern char msgbuf[IFC_BUF_SIZE];
/* The capability a refused change needed, for fail()'s message. */
extern const char *fail_cap;

/* What change_cb() keeps of a reply: the instance's link, IFREG_A_EXISTS. */
struct change_reply {
	char link[1024];
	bool exists;
};

int usage_error(const char *fmt, const char *arg);
int change_cb(const struct nlattr *tb[], void *data);
int fail(const struct ifc_genl *g, const char *what, int err, const char *not_found);
int connect_ifreg(struct ifc_genl *g);
const char *str_attr(const struct nlattr *tb[], int type);
uint32_t u32_attr(const struct nlattr *tb[], int type);
const char *pdo_attr(const struct nlattr *tb[]);
/* What read_whole() runs: asks the kernel, prints into F; 0 or -errno. */
typedef int (*read_fn)(struct ifc_genl *g, FILE *f, void *arg);
int read_whole(struct ifc_genl *g, read_fn read, void *arg, const char *what,
	       const char *not_found);
int dump(struct ifc_genl *g, struct nlmsghdr *nlh, ifc_msg_fn fn, const char *what);
bool parse_guid(const char *s, char out[39]);
bool parse_class(const char *s, char out[39]);
int opt_value(int argc, char **argv, int *i, const char *opt, const char **val);
bool is_json_opt(const char *a);
int positional(int argc, char **argv, int min, int max, char **pos);

/* prop.c: an instance's store, dumped and printed. */
int print_store(struct ifc_genl *g, const char *link, FILE *f, const char *prefix);

int cmd_list(int argc, char **argv);
int cmd_classes(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_register(int argc, char **argv);
int cmd_link_change(int argc, char **argv);
int cmd_prop(int argc, char **argv);
int cmd_ndis(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_luid(int argc, char **argv);
int cmd_save(int argc, char **argv);
int cmd_restore(int argc, char **argv);

#endif /* _IFREGCTL_H */
