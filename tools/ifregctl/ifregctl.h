/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What ifregctl's files share: utils.c's exit codes, messages, connecting
 * to the registry through libifreg, and argument parsing (getopt_long with
 * the options every command takes); ifregctl.c's per-command help; prop.c's
 * printing of an instance's store (show uses it); and every command's
 * entry point, for the table in ifregctl.c.
 */
#ifndef _IFREGCTL_H
#define _IFREGCTL_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <ifreg/libifreg.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit codes are an interface: ifregctl(8), EXIT STATUS. */
enum {
	EXIT_OK = 0,
	EXIT_FAILED = 1,
	EXIT_USAGE = 2,
	EXIT_NO_MODULE = 3,
	EXIT_BAD_STORE = 4,	/* restore refused the file; nothing applied */
};

extern bool json;
/* The capability a refused change needed, for fail()'s message. */
extern const char *fail_cap;

/*
 * The options every command takes, for its getopt_long(): put
 * COMMON_SHORTOPTS in its short options (after the leading ':') and
 * COMMON_LONGOPTS in its long ones, and hand what it does not know itself
 * to common_opt().
 */
#define COMMON_SHORTOPTS "jph"
#define COMMON_LONGOPTS					\
	{ "json", no_argument, NULL, 'j' },		\
	{ "pretty", no_argument, NULL, 'p' },		\
	{ "help", no_argument, NULL, 'h' }

int common_opt(int c, char **argv);
int usage_error(const char *fmt, const char *arg);
int fail(const char *kmsg, const char *what, int err, const char *not_found);
const char *kmsg(const struct ifreg_ctx *ctx);
int connect_ifreg(struct ifreg_ctx **ctx);
void say_not_loaded(const char *prefix, const char *suffix);
bool parse_guid(const char *s, char out[IFREG_GUID_STRING_SIZE]);
bool parse_class(const char *s, char out[IFREG_GUID_STRING_SIZE]);
int positional(int argc, char **argv, int min, int max, char **pos);

/* ifregctl.c: the usage of one command (stdout); the command's name. */
int command_help(const char *name);
extern const char *command;

/* prop.c: one stored entry, and an instance's store, printed. */
void print_entries(FILE *f, const struct ifreg_entry *entries, size_t n, const char *prefix);

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
