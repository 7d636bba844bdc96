/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ifregctl store: the text file `ifregctl save` writes and `ifregctl
 * restore` reads (format in ifregctl(8), FILES). This half knows only the
 * format: records in memory, writing them out, and reading a file back
 * with every field, reference and the trailer checked; and a copy of the
 * kernel's rules on what records hold, for when the kernel cannot be
 * asked. No netlink here.
 */
#ifndef _IFREGCTL_STORE_H
#define _IFREGCTL_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STORE_VERSION	1
#define STORE_MAGIC	"ifreg-store"

/* The kernel's limits on what a record carries (src/netlink.c policy). */
#define STORE_LINK_MAX		(4 + 255)	/* "\??\" + NAME_MAX */
#define STORE_NAME_MAX		255		/* reference, value name, instance path */
#define STORE_PATH_MAX		4095		/* PDO, LUID key */
#define STORE_LUID_INDEX_MAX	0xffffffU	/* NetLuidIndex is 24 bits */
#define STORE_LUID_KEY_MAX	255		/* IFREG_A_LUID_KEY */
/* A file larger than this is not a store ifregctl wrote. */
#define STORE_FILE_MAX		(256UL << 20)

struct store_iface {
	unsigned int line;		/* 0: not read from a file */
	char class[39];			/* "{...}", lower case */
	char *instance_path;
	char *reference;		/* NULL: none */
	char *pdo;			/* NULL: none */
	char *link;
};

/* A named value (name != NULL) or a property of an interface. */
struct store_entry {
	unsigned int line;
	char *link;
	size_t iface;			/* index in store.ifaces, once checked */
	char *name;
	char fmtid[39];
	uint32_t pid;
	uint32_t type;
	unsigned char *data;
	size_t len;
};

struct store_default {
	unsigned int line;
	char class[39];
	char *link;
	size_t iface;
};

struct store_luid {
	unsigned int line;
	uint16_t iftype;
	uint32_t index;
	char *key;			/* NULL: none */
};

struct store {
	struct store_iface *ifaces;
	size_t n_ifaces, cap_ifaces;
	struct store_entry *entries;
	size_t n_entries, cap_entries;
	struct store_default *defaults;
	size_t n_defaults, cap_defaults;
	struct store_luid *luids;
	size_t n_luids, cap_luids;
};

/* Why a file was refused: the line (0: the file as a whole) and reason. */
struct store_error {
	unsigned int line;
	bool foreign_version;
	char msg[1024];
};

uint32_t store_crc32(uint32_t crc, const void *buf, size_t len);

void store_init(struct store *s);
void store_free(struct store *s);
/* Adders copy their arguments; each returns 0 or -ENOMEM. */
int store_add_iface(struct store *s, const char *class, const char *instance_path,
		    const char *reference, const char *pdo, const char *link);
int store_add_entry(struct store *s, const char *link, const char *name, const char *fmtid,
		    uint32_t pid, uint32_t type, const void *data, size_t len);
int store_add_default(struct store *s, const char *class, const char *link);
int store_add_luid(struct store *s, uint16_t iftype, uint32_t index, const char *key);

/*
 * store_format: the whole file for S in a new buffer (*OUT, *LEN), header
 * to end line. Returns 0 or -ENOMEM.
 */
int store_format(const struct store *s, char **out, size_t *len);

/*
 * store_parse: BUF (LEN bytes, a whole file) into S, checked entirely.
 * Returns 0, or -1 with S empty and ERR saying where and why.
 */
int store_parse(struct store *s, const char *buf, size_t len, struct store_error *err);

/*
 * store_check_rules: every record of S (from store_parse) by ifregctl's
 * copy of the rules the kernel applies to what a record holds: instance
 * paths, references and the symbolic link made of them (src/name.c), value
 * names (src/store.c), IfType and LUID key (the netlink policy). What
 * depends on the kernel's state or module parameters is not known here.
 * Returns 0, or -1 with ERR naming the first record refused and why.
 */
int store_check_rules(const struct store *s, struct store_error *err);

/* store_read_file: PATH whole into a new buffer. Returns 0 or -errno. */
int store_read_file(const char *path, char **out, size_t *len);

/*
 * store_write_file: DATA as PATH through PATH.tmp (write, fsync, rename,
 * fsync of the directory). Returns 0, or -1 with WHY set and PATH as it was.
 */
int store_write_file(const char *path, const char *data, size_t len, char *why, size_t size);

#endif /* _IFREGCTL_STORE_H */
