// SPDX-License-Identifier: GPL-2.0
/*
 * libtest: libifreg against the real module, as root in the test VM
 * (scripts/guest/test-libifreg.sh), one call of libifreg.h after the
 * other with the errors it documents. Interfaces are registered on lo
 * and on the serial port's device, in classes made up for the run.
 *
 * libtest noload: the module is not loaded: no context, no monitor.
 * libtest main: the module loaded with max_store_entries=1000
 *	max_store_size=32768 max_luid_index=16 and its publisher of the
 *	machine's devices on (a disk's interface has a device node to open).
 * libtest unload: the module loaded; unloads it (rmmod) under a monitor.
 *
 * Prints "PASS name" or "FAIL name: why" per check; exits 1 on a failure.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <grp.h>
#include <limits.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "check.h"

#define LO		"/sys/devices/virtual/net/lo"
#define NOPDO		"/sys/devices/ifreg-libtest-none"
#define GONE_PATH	"PLATFORM\\ifreg-libtest-gone"
#define GONE_PDO	"/sys/devices/platform/ifreg-libtest-gone"
#define FMT		"{a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d}"
#define NOBODY		65534
/* IfTypes no netdev has, for the LUID checks */
#define IFT_ALLOC	4242
#define IFT_FULL	4244
#define IFT_RESTORE	4245
#define IFT_RESERVE	4246
/* the module's max_luid_index in `libtest main` */
#define MAX_LUID_INDEX	16

static struct ifreg_ctx *ctx;
/* G1 the main class, G2 its alias class, G3 the monitor's, G5 restore's,
 * G6 the large stores', G7 never used, G8 emptied again.
 */
static char G1[IFREG_GUID_STRING_SIZE], G2[IFREG_GUID_STRING_SIZE];
static char G3[IFREG_GUID_STRING_SIZE], G5[IFREG_GUID_STRING_SIZE];
static char G6[IFREG_GUID_STRING_SIZE], G7[IFREG_GUID_STRING_SIZE];
static char G8[IFREG_GUID_STRING_SIZE];
static char tty[PATH_MAX];
static char absent[128];
/* G1 on lo, on lo with "r1", on lo with "n", on the serial port */
static char *l1, *l1r, *l1n, *l2;
/* lo's instance path, as l1 has it */
static char *lo_path;
/* lo in the NDIS table */
static struct ifreg_netif lo_if;
/* the restored instance of G5 */
static char *rlink;

static char *upper(const char *s)
{
	static char buf[4][512];
	static int n;
	char *b = buf[n++ % 4];
	size_t i;

	for (i = 0; s[i] && i < sizeof(buf[0]) - 1; i++)
		b[i] = toupper((unsigned char)s[i]);
	b[i] = 0;
	return b;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = s ? strlen(s) : 0, t = strlen(tail);

	return n >= t && !strcmp(s + n - t, tail);
}

/* The links of a list, for messages. */
static const char *links_of(const struct ifreg_iface *f, size_t n)
{
	static char buf[2048];
	size_t i, o = 0;

	buf[0] = 0;
	for (i = 0; i < n && o < sizeof(buf); i++)
		o += snprintf(buf + o, sizeof(buf) - o, "%s%s%s%s", i ? ", " : "",
			      f[i].symbolic_link, f[i].enabled ? " enabled" : "",
			      f[i].is_default ? " default" : "");
	return buf;
}

/* The list is exactly these links, in this order (NULL-terminated). */
static int list_is(const char *class_guid, const char *pdo, unsigned int flags, ...)
{
	struct ifreg_iface *f = NULL;
	size_t n = 0, i = 0;
	const char *want;
	va_list ap;
	int ok = 1, r;

	r = ifreg_iface_list(ctx, class_guid, pdo, flags, &f, &n);
	if (r) {
		check_failed(__LINE__, "ifreg_iface_list", "list %s %s %#x: %d (%s) %s",
			     str(class_guid), str(pdo), flags, r, strerror(-r),
			     ifreg_ctx_errmsg(ctx));
		return -1;
	}
	va_start(ap, flags);
	while ((want = va_arg(ap, const char *))) {
		if (i >= n || !streq(f[i].symbolic_link, want))
			ok = 0;
		i++;
	}
	va_end(ap);
	if (i != n)
		ok = 0;
	if (!ok)
		check_failed(__LINE__, "list order", "list %s %s %#x gave [%s]", str(class_guid),
			     str(pdo), flags, links_of(f, n));
	ifreg_iface_array_free(f, n);
	return ok ? 0 : -1;
}

/* ---- noload ---- */

static int t_noload_ctx(void)
{
	struct ifreg_ctx *c = NULL;

	expect_rc(ifreg_ctx_open(&c), -ENOENT);
	expect(!c, "a context given back on failure");
	return 0;
}

static int t_noload_mon(void)
{
	struct ifreg_mon *m = NULL;
	int r = ifreg_mon_open(&m, NULL);

	expect(r < 0, "ifreg_mon_open without the module gave %d", r);
	expect(!m, "a monitor given back on failure");
	printf("ifreg_mon_open without the module: %d (%s)\n", r, strerror(-r));
	return 0;
}

/* ---- device interfaces ---- */

static int t_ctx_open(void)
{
	expect_rc(ifreg_ctx_open(&ctx), 0);
	expect(ctx, "no context");
	check_ctx = ctx;
	expect(streq(ifreg_ctx_errmsg(ctx), ""), "errmsg of a fresh context: \"%s\"",
	       str(ifreg_ctx_errmsg(ctx)));
	return 0;
}

static int t_register(void)
{
	char *again = NULL;

	expect_rc(ifreg_iface_register(ctx, LO, G1, NULL, &l1), 0);
	expect(l1 && !strncmp(l1, "\\??\\", 4) && ends_with(l1, G1), "link %s", str(l1));
	/* any case in requests */
	expect_rc(ifreg_iface_register(ctx, LO, upper(G1), NULL, &again), 1);
	expect(streq(again, l1), "registered again as %s, first %s", str(again), l1);
	free(again);
	expect_rc(ifreg_iface_register(ctx, LO, G1, "r1", &l1r), 0);
	expect(ends_with(l1r, "\\r1") && strcmp(l1r, l1), "with a reference: %s", str(l1r));
	/* the link may be left unasked */
	expect_rc(ifreg_iface_register(ctx, LO, G1, "n", NULL), 0);
	expect_rc(ifreg_iface_register(ctx, LO, G1, "n", &l1n), 1);
	expect(ends_with(l1n, "\\n"), "%s", str(l1n));
	expect_rc(ifreg_iface_register(ctx, tty, G1, NULL, &l2), 0);
	expect(l2 && ends_with(l2, G1) && strcmp(l2, l1), "on %s: %s", tty, str(l2));
	/* the device by a symlink to it */
	expect_rc(ifreg_iface_register(ctx, "/sys/class/net/lo", G1, NULL, &again), 1);
	expect(streq(again, l1), "by /sys/class/net/lo: %s, not %s", str(again), l1);
	free(again);
	return 0;
}

static int t_register_errors(void)
{
	char *x = NULL;

	expect_rc(ifreg_iface_register(ctx, LO, "{not-a-guid}", NULL, &x), -EINVAL);
	expect(!x, "a link given back on failure");
	printf("register with a bad GUID: errmsg \"%s\"\n", ifreg_ctx_errmsg(ctx));
	expect_rc(ifreg_iface_register(ctx, NOPDO, G1, NULL, &x), -ENODEV);
	expect(!x, "a link given back on failure");
	return 0;
}

/* The kernel's extended ack, of a do and of a dump it refused. */
static int t_errmsg(void)
{
	struct ifreg_entry *e = NULL;
	size_t n = 0;
	const char *m;

	expect_rc(ifreg_iface_register(ctx, NOPDO, G1, NULL, NULL), -ENODEV);
	m = ifreg_ctx_errmsg(ctx);
	expect(m && *m, "no message for register on %s", NOPDO);
	printf("register on %s: \"%s\"\n", NOPDO, m);
	/* the message is the last failed call's: not one before it */
	expect_rc(ifreg_iface_register(ctx, LO, "{not-a-guid}", NULL, NULL), -EINVAL);
	m = ifreg_ctx_errmsg(ctx);
	expect(m && !*m, "after a failure the library found, the message \"%s\"", str(m));
	expect_rc(ifreg_store_list(ctx, absent, &e, &n), -ENOENT);
	m = ifreg_ctx_errmsg(ctx);
	expect(m && *m, "no message for the refused store dump of %s", absent);
	printf("store list of %s: \"%s\"\n", absent, m);
	return 0;
}

static int t_get(void)
{
	struct ifreg_iface f = { 0 };

	expect_rc(ifreg_iface_get(ctx, l1, &f), 0);
	expect(streq(f.symbolic_link, l1), "link %s", str(f.symbolic_link));
	expect(streq(f.class_guid, G1), "class %s", f.class_guid);
	expect(!f.reference, "reference %s", f.reference);
	expect(f.instance_path && strchr(f.instance_path, '\\') && ends_with(f.instance_path, "lo"),
	       "instance path %s", str(f.instance_path));
	expect(streq(f.pdo, LO), "pdo %s", str(f.pdo));
	expect(!f.location && !f.devnode, "location %s devnode %s", str(f.location),
	       str(f.devnode));
	expect(!f.enabled && !f.is_default, "enabled %d default %d", f.enabled, f.is_default);
	lo_path = strdup(f.instance_path);
	ifreg_iface_clear(&f);

	expect_rc(ifreg_iface_get(ctx, l1r, &f), 0);
	expect(streq(f.reference, "r1"), "reference %s", str(f.reference));
	ifreg_iface_clear(&f);
	expect_rc(ifreg_iface_get(ctx, l2, &f), 0);
	expect(streq(f.pdo, tty), "pdo %s, not %s", str(f.pdo), tty);
	ifreg_iface_clear(&f);
	/* lookups take any case */
	expect_rc(ifreg_iface_get(ctx, upper(l1), &f), 0);
	expect(streq(f.symbolic_link, l1), "by %s: %s", upper(l1), str(f.symbolic_link));
	ifreg_iface_clear(&f);
	return 0;
}

static int t_get_absent(void)
{
	struct ifreg_iface f = { 0 };

	expect_rc(ifreg_iface_get(ctx, absent, &f), -ENOENT);
	expect(!f.symbolic_link && !f.instance_path && !f.pdo, "something given back on failure");
	return 0;
}

static int t_list_empty(void)
{
	struct ifreg_iface *f = NULL;
	size_t n = 99;

	/* a class nobody registered */
	expect_rc(ifreg_iface_list(ctx, G7, NULL, IFREG_LIST_INCLUDE_NONACTIVE, &f, &n), 0);
	expect(n == 0, "%zu instances: %s", n, links_of(f, n));
	ifreg_iface_array_free(f, n);
	/* none of G1 is enabled yet */
	return list_is(G1, NULL, 0, NULL);
}

static int t_list_nonactive(void)
{
	struct ifreg_iface *f = NULL;
	size_t n = 0, i;

	if (list_is(G1, NULL, IFREG_LIST_INCLUDE_NONACTIVE, l1, l1r, l1n, l2, NULL))
		return -1;
	expect_rc(ifreg_iface_list(ctx, upper(G1), NULL, IFREG_LIST_INCLUDE_NONACTIVE, &f, &n), 0);
	expect(n == 4, "by the class in capitals: %s", links_of(f, n));
	for (i = 0; i < n; i++)
		expect(streq(f[i].class_guid, G1) && !f[i].enabled && !f[i].is_default &&
		       f[i].instance_path, "%s: class %s enabled %d default %d",
		       f[i].symbolic_link, f[i].class_guid, f[i].enabled, f[i].is_default);
	ifreg_iface_array_free(f, n);
	return 0;
}

static int t_list_bad_args(void)
{
	struct ifreg_iface *f = NULL;
	size_t n = 0;

	expect_rc(ifreg_iface_list(ctx, "{bogus}", NULL, 0, &f, &n), -EINVAL);
	expect(!f, "an array given back on failure");
	expect_rc(ifreg_iface_list(ctx, G1, NULL, 0x80, &f, &n), -EINVAL);
	expect(!f, "an array given back on failure");
	return 0;
}

static int t_set_state(void)
{
	struct ifreg_iface f = { 0 };
	int r;

	expect_rc(ifreg_iface_set_state(ctx, l1, true), 0);
	expect_rc(ifreg_iface_set_state(ctx, l1, true), 1);
	expect_rc(ifreg_iface_set_state(ctx, l2, true), 0);
	expect_rc(ifreg_iface_set_state(ctx, l2, false), 0);
	r = ifreg_iface_set_state(ctx, l2, false);
	expect(r < 0, "disabling a disabled instance gave %d", r);
	expect_rc(ifreg_iface_set_state(ctx, absent, true), -ENOENT);
	expect_rc(ifreg_iface_get(ctx, l1, &f), 0);
	expect(f.enabled, "%s not enabled", l1);
	ifreg_iface_clear(&f);
	expect_rc(ifreg_iface_get(ctx, l2, &f), 0);
	expect(!f.enabled, "%s enabled", l2);
	ifreg_iface_clear(&f);
	return 0;
}

static int t_list_enabled(void)
{
	struct ifreg_iface *f = NULL;
	size_t n = 0;

	if (list_is(G1, NULL, 0, l1, NULL))
		return -1;
	expect_rc(ifreg_iface_list(ctx, G1, NULL, 0, &f, &n), 0);
	expect(n == 1 && f[0].enabled, "%s", links_of(f, n));
	ifreg_iface_array_free(f, n);
	return 0;
}

static int t_list_pdo(void)
{
	struct ifreg_iface *f = NULL;
	size_t n = 0, i;
	int seen = 0;

	if (list_is(G1, LO, IFREG_LIST_INCLUDE_NONACTIVE, l1, l1r, l1n, NULL) ||
	    list_is(G1, tty, IFREG_LIST_INCLUDE_NONACTIVE, l2, NULL) ||
	    list_is(G1, tty, 0, NULL) ||
	    list_is(G1, NOPDO, IFREG_LIST_INCLUDE_NONACTIVE, NULL) ||
	    list_is(G1, "/sys/class/net/lo", IFREG_LIST_INCLUDE_NONACTIVE, l1, l1r, l1n, NULL) ||
	    list_is(G1, "/sys/class/tty/ttyS0/device", IFREG_LIST_INCLUDE_NONACTIVE, l2, NULL))
		return -1;
	/* every class, on one device */
	expect_rc(ifreg_iface_list(ctx, NULL, tty, IFREG_LIST_INCLUDE_NONACTIVE, &f, &n), 0);
	for (i = 0; i < n; i++) {
		expect(streq(f[i].pdo, tty), "%s on %s", f[i].symbolic_link, str(f[i].pdo));
		seen += streq(f[i].symbolic_link, l2);
	}
	expect(seen == 1, "%s seen %d times on %s: %s", l2, seen, tty, links_of(f, n));
	ifreg_iface_array_free(f, n);
	return 0;
}

/* Every class: class by class, each default first, G1's as its own list. */
static int t_list_all(void)
{
	static const char *mine[4];
	struct ifreg_iface *f = NULL;
	char (*classes)[IFREG_GUID_STRING_SIZE];
	size_t n = 0, i, k, nc = 0, start = 0, g1 = 0;

	mine[0] = l1;
	mine[1] = l1r;
	mine[2] = l1n;
	mine[3] = l2;
	expect_rc(ifreg_iface_list(ctx, NULL, NULL, IFREG_LIST_INCLUDE_NONACTIVE, &f, &n), 0);
	classes = calloc(n + 1, sizeof(*classes));
	for (i = 0; i < n; i++) {
		if (!i || strcmp(f[i].class_guid, f[i - 1].class_guid)) {
			for (k = 0; k < nc; k++)
				expect(strcmp(classes[k], f[i].class_guid),
				       "class %s comes twice, apart", f[i].class_guid);
			strcpy(classes[nc++], f[i].class_guid);
			start = i;
		}
		expect(!f[i].is_default || i == start, "default %s not first of its class",
		       f[i].symbolic_link);
		if (streq(f[i].class_guid, G1)) {
			expect(g1 < 4 && streq(f[i].symbolic_link, mine[g1]),
			       "G1's %zu-th is %s", g1, f[i].symbolic_link);
			g1++;
		}
	}
	expect(g1 == 4, "G1 has %zu instances in the whole list", g1);
	free(classes);
	ifreg_iface_array_free(f, n);
	return 0;
}

static int t_remove_busy(void)
{
	struct ifreg_iface f = { 0 };
	const char *m;

	expect_rc(ifreg_iface_remove(ctx, l1), -EBUSY);
	m = ifreg_ctx_errmsg(ctx);
	expect(m && *m, "no message for -EBUSY");
	expect_rc(ifreg_iface_get(ctx, l1, &f), 0);
	expect(f.enabled, "no longer enabled");
	ifreg_iface_clear(&f);
	return 0;
}

static int t_remove(void)
{
	struct ifreg_iface f = { 0 };
	struct ifreg_class *c = NULL;
	char *lg = NULL;
	size_t n = 0, i;
	int found = 0;

	expect_rc(ifreg_iface_register(ctx, LO, G8, NULL, &lg), 0);
	expect_rc(ifreg_iface_remove(ctx, lg), 0);
	expect_rc(ifreg_iface_get(ctx, lg, &f), -ENOENT);
	expect_rc(ifreg_iface_remove(ctx, lg), -ENOENT);
	free(lg);
	if (list_is(G8, NULL, IFREG_LIST_INCLUDE_NONACTIVE, NULL))
		return -1;
	/* the class stays, empty */
	expect_rc(ifreg_class_list(ctx, &c, &n), 0);
	for (i = 0; i < n; i++) {
		if (!streq(c[i].class_guid, G8))
			continue;
		found = 1;
		expect(c[i].count == 0 && !c[i].default_link, "G8 count %u default %s",
		       c[i].count, str(c[i].default_link));
	}
	ifreg_class_array_free(c, n);
	expect(found, "G8 not among the classes");
	return 0;
}

static int t_set_default(void)
{
	struct ifreg_iface *f = NULL;
	struct ifreg_iface g = { 0 };
	size_t n = 0, i;

	expect_rc(ifreg_iface_set_default(ctx, l2), 0);
	if (list_is(G1, NULL, IFREG_LIST_INCLUDE_NONACTIVE, l2, l1, l1r, l1n, NULL))
		return -1;
	expect_rc(ifreg_iface_list(ctx, G1, NULL, IFREG_LIST_INCLUDE_NONACTIVE, &f, &n), 0);
	for (i = 0; i < n; i++)
		expect(f[i].is_default == !i, "%s", links_of(f, n));
	ifreg_iface_array_free(f, n);
	/* the default is disabled: the enabled list has it not */
	if (list_is(G1, NULL, 0, l1, NULL))
		return -1;

	expect_rc(ifreg_iface_set_default(ctx, l1r), 0);
	if (list_is(G1, NULL, IFREG_LIST_INCLUDE_NONACTIVE, l1r, l1, l1n, l2, NULL))
		return -1;
	expect_rc(ifreg_iface_get(ctx, l2, &g), 0);
	expect(!g.is_default, "%s still the default", l2);
	ifreg_iface_clear(&g);
	expect_rc(ifreg_iface_get(ctx, l1r, &g), 0);
	expect(g.is_default, "%s not the default", l1r);
	ifreg_iface_clear(&g);
	expect_rc(ifreg_iface_set_default(ctx, absent), -ENOENT);
	return 0;
}

static int t_class_list(void)
{
	struct ifreg_class *c = NULL;
	size_t n = 0, i;
	int g1 = 0, g7 = 0;

	expect_rc(ifreg_class_list(ctx, &c, &n), 0);
	for (i = 0; i < n; i++) {
		if (streq(c[i].class_guid, G1)) {
			g1++;
			expect(c[i].count == 4 && streq(c[i].default_link, l1r),
			       "G1 count %u default %s", c[i].count, str(c[i].default_link));
		}
		g7 += streq(c[i].class_guid, G7);
	}
	ifreg_class_array_free(c, n);
	expect(g1 == 1 && !g7, "G1 listed %d times, the unused G7 %d", g1, g7);
	return 0;
}

static char *a1, *a1r, *a2r;

static int t_alias(void)
{
	char *a = NULL;

	expect_rc(ifreg_iface_register(ctx, LO, G2, NULL, &a1), 0);
	expect_rc(ifreg_iface_register(ctx, LO, G2, "r1", &a1r), 0);
	expect_rc(ifreg_iface_register(ctx, tty, G2, "r1", &a2r), 0);
	expect_rc(ifreg_iface_alias(ctx, l1, G2, &a), 0);
	expect(streq(a, a1), "alias of %s: %s, not %s", l1, str(a), a1);
	free(a);
	a = NULL;
	expect_rc(ifreg_iface_alias(ctx, l1r, G2, &a), 0);
	expect(streq(a, a1r), "alias of %s: %s, not %s", l1r, str(a), a1r);
	free(a);
	a = NULL;
	expect_rc(ifreg_iface_alias(ctx, a1, upper(G1), &a), 0);
	expect(streq(a, l1), "alias of %s in G1: %s, not %s", a1, str(a), l1);
	free(a);
	a = NULL;
	/* of its own class, itself */
	expect_rc(ifreg_iface_alias(ctx, l1r, G1, &a), 0);
	expect(streq(a, l1r), "alias of %s in its class: %s", l1r, str(a));
	free(a);
	a = NULL;
	/* no G2 on lo with "n"; on the serial port only with "r1" */
	expect_rc(ifreg_iface_alias(ctx, l1n, G2, &a), -ENOENT);
	expect_rc(ifreg_iface_alias(ctx, l2, G2, &a), -ENOENT);
	expect_rc(ifreg_iface_alias(ctx, absent, G2, &a), -ENOENT);
	expect(!a, "an alias given back on failure");
	return 0;
}

/* An instance waiting for its device has aliases by its instance path too. */
static int t_alias_unbound(void)
{
	char *u1 = NULL, *u2 = NULL, *a = NULL;
	struct ifreg_iface f = { 0 };

	expect_rc(ifreg_restore_iface(ctx, GONE_PATH, G2, NULL, NULL, NULL, &u1), 0);
	expect_rc(ifreg_restore_iface(ctx, GONE_PATH, G8, NULL, NULL, NULL, &u2), 0);
	expect_rc(ifreg_iface_get(ctx, u1, &f), 0);
	expect(!f.pdo, "%s bound to %s", u1, f.pdo);
	ifreg_iface_clear(&f);
	expect_rc(ifreg_iface_alias(ctx, u1, G8, &a), 0);
	expect(streq(a, u2), "alias of %s: %s, not %s", u1, str(a), u2);
	free(a);
	a = NULL;
	expect_rc(ifreg_iface_alias(ctx, u1, G1, &a), -ENOENT);
	expect_rc(ifreg_iface_remove(ctx, u1), 0);
	expect_rc(ifreg_iface_remove(ctx, u2), 0);
	free(u1);
	free(u2);
	return 0;
}

static int t_open_no_devnode(void)
{
	expect_rc(ifreg_iface_open(ctx, l1, O_RDONLY), -ENODEV);
	expect_rc(ifreg_iface_open(ctx, absent, O_RDONLY), -ENOENT);
	return 0;
}

/* A disk the publisher of the machine's devices published, by its node. */
static int t_open_devnode(void)
{
	struct ifreg_iface *f = NULL;
	struct stat a, b;
	size_t n = 0, i, pick = SIZE_MAX;
	int fd;

	expect_rc(ifreg_iface_list(ctx, NULL, NULL, 0, &f, &n), 0);
	for (i = 0; i < n && pick == SIZE_MAX; i++)
		if (f[i].devnode && !strncmp(f[i].devnode, "/dev/vd", 7))
			pick = i;
	for (i = 0; i < n && pick == SIZE_MAX; i++)
		if (f[i].devnode)
			pick = i;
	expect(pick != SIZE_MAX, "no enabled instance has a device node among %zu: %s", n,
	       links_of(f, n));
	fd = ifreg_iface_open(ctx, f[pick].symbolic_link, O_RDONLY);
	expect(fd >= 0, "open of %s (%s): %d (%s)", f[pick].symbolic_link, f[pick].devnode,
	       fd, strerror(-fd));
	printf("opened %s of %s: fd %d\n", f[pick].devnode, f[pick].symbolic_link, fd);
	expect(fcntl(fd, F_GETFD) & FD_CLOEXEC, "fd %d without FD_CLOEXEC", fd);
	expect(!fstat(fd, &a) && !stat(f[pick].devnode, &b), "stat: %s", strerror(errno));
	expect((S_ISBLK(a.st_mode) || S_ISCHR(a.st_mode)) && a.st_rdev == b.st_rdev &&
	       (a.st_mode & S_IFMT) == (b.st_mode & S_IFMT),
	       "fd %d is not %s", fd, f[pick].devnode);
	close(fd);
	ifreg_iface_array_free(f, n);
	return 0;
}

/* ---- storage ---- */

static int t_store_absent(void)
{
	struct ifreg_entry e = { 0 }, *es = NULL;
	size_t n = 9;

	expect_rc(ifreg_store_list(ctx, l1r, &es, &n), 0);
	expect(n == 0, "a fresh instance has %zu entries", n);
	ifreg_entry_array_free(es, n);
	expect_rc(ifreg_store_get_value(ctx, l1r, "Nope", &e), -ENOENT);
	expect(!e.value_name && !e.data, "an entry given back on failure");
	expect_rc(ifreg_store_get_value(ctx, absent, "Nope", &e), -ENOENT);
	expect_rc(ifreg_store_get_property(ctx, l1r, FMT, 9, &e), -ENOENT);
	expect_rc(ifreg_store_delete_value(ctx, l1r, "Nope"), -ENOENT);
	expect_rc(ifreg_store_delete_property(ctx, l1r, FMT, 9), -ENOENT);
	es = NULL;
	expect_rc(ifreg_store_list(ctx, absent, &es, &n), -ENOENT);
	expect(!es, "an array given back on failure");
	return 0;
}

static int t_store_value(void)
{
	struct ifreg_entry e = { 0 };

	expect_rc(ifreg_store_set_value(ctx, l1r, "Name", "hello", 5, 0), 0);
	expect_rc(ifreg_store_get_value(ctx, l1r, "Name", &e), 0);
	expect(streq(e.value_name, "Name") && !e.fmtid[0] && !e.pid && !e.type && !e.flags,
	       "name %s fmtid '%s' pid %u type %u flags %u", str(e.value_name), e.fmtid, e.pid,
	       e.type, e.flags);
	expect(e.size == 5 && !memcmp(e.data, "hello", 5), "%zu bytes", e.size);
	ifreg_entry_clear(&e);
	return 0;
}

static int t_store_persistent(void)
{
	struct ifreg_entry e = { 0 };

	expect_rc(ifreg_store_set_value(ctx, l1r, "Keep", "abc", 3, IFREG_STORE_PERSISTENT), 0);
	expect_rc(ifreg_store_get_value(ctx, l1r, "Keep", &e), 0);
	expect(e.flags == IFREG_STORE_PERSISTENT && e.size == 3, "flags %u size %zu", e.flags,
	       e.size);
	ifreg_entry_clear(&e);
	/* set again without the flag: no longer persistent */
	expect_rc(ifreg_store_set_value(ctx, l1r, "Keep", "abcd", 4, 0), 0);
	expect_rc(ifreg_store_get_value(ctx, l1r, "Keep", &e), 0);
	expect(e.flags == 0 && e.size == 4 && !memcmp(e.data, "abcd", 4), "flags %u size %zu",
	       e.flags, e.size);
	ifreg_entry_clear(&e);
	expect_rc(ifreg_store_set_value(ctx, l1r, "Keep", "abc", 3, IFREG_STORE_PERSISTENT), 0);
	return 0;
}

static int t_store_empty(void)
{
	struct ifreg_entry e = { 0 };

	expect_rc(ifreg_store_set_value(ctx, l1r, "Empty", NULL, 0, 0), 0);
	expect_rc(ifreg_store_get_value(ctx, l1r, "Empty", &e), 0);
	expect(streq(e.value_name, "Empty") && e.size == 0, "size %zu", e.size);
	ifreg_entry_clear(&e);
	return 0;
}

static int t_store_property(void)
{
	struct ifreg_entry e = { 0 };
	uint32_t v = 42;

	expect_rc(ifreg_store_set_property(ctx, l1r, upper(FMT), 5, 7, &v, 4,
					   IFREG_STORE_PERSISTENT), 0);
	expect_rc(ifreg_store_get_property(ctx, l1r, FMT, 5, &e), 0);
	expect(!e.value_name && streq(e.fmtid, FMT) && e.pid == 5 && e.type == 7 &&
	       e.flags == IFREG_STORE_PERSISTENT, "name %s fmtid %s pid %u type %u flags %u",
	       str(e.value_name), e.fmtid, e.pid, e.type, e.flags);
	expect(e.size == 4 && !memcmp(e.data, &v, 4), "%zu bytes", e.size);
	ifreg_entry_clear(&e);
	expect_rc(ifreg_store_get_property(ctx, l1r, upper(FMT), 5, &e), 0);
	ifreg_entry_clear(&e);
	expect_rc(ifreg_store_get_property(ctx, l1r, FMT, 6, &e), -ENOENT);
	return 0;
}

static int t_store_list_order(void)
{
	struct ifreg_entry *e = NULL;
	size_t n = 0;

	/* set again: it keeps its place */
	expect_rc(ifreg_store_set_value(ctx, l1r, "Name", "again", 5, 0), 0);
	expect_rc(ifreg_store_list(ctx, l1r, &e, &n), 0);
	expect(n == 4, "%zu entries", n);
	expect(streq(e[0].value_name, "Name") && e[0].size == 5 && !memcmp(e[0].data, "again", 5) &&
	       !e[0].flags, "first %s", str(e[0].value_name));
	expect(streq(e[1].value_name, "Keep") && e[1].flags == IFREG_STORE_PERSISTENT &&
	       e[1].size == 3, "second %s", str(e[1].value_name));
	expect(streq(e[2].value_name, "Empty") && e[2].size == 0, "third %s", str(e[2].value_name));
	expect(!e[3].value_name && streq(e[3].fmtid, FMT) && e[3].pid == 5 && e[3].type == 7 &&
	       e[3].flags == IFREG_STORE_PERSISTENT && e[3].size == 4,
	       "fourth %s %s:%u", str(e[3].value_name), e[3].fmtid, e[3].pid);
	ifreg_entry_array_free(e, n);
	return 0;
}

static int t_store_delete(void)
{
	struct ifreg_entry e = { 0 }, *es = NULL;
	size_t n = 0;

	expect_rc(ifreg_store_delete_value(ctx, l1r, "Name"), 0);
	expect_rc(ifreg_store_get_value(ctx, l1r, "Name", &e), -ENOENT);
	expect_rc(ifreg_store_delete_value(ctx, l1r, "Name"), -ENOENT);
	expect_rc(ifreg_store_delete_property(ctx, l1r, FMT, 5), 0);
	expect_rc(ifreg_store_get_property(ctx, l1r, FMT, 5, &e), -ENOENT);
	expect_rc(ifreg_store_list(ctx, l1r, &es, &n), 0);
	expect(n == 2 && streq(es[0].value_name, "Keep") && streq(es[1].value_name, "Empty"),
	       "%zu entries left", n);
	ifreg_entry_array_free(es, n);
	return 0;
}

static void fill(unsigned char *p, size_t n, unsigned int seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(seed * 131 + i * 7 + (i >> 8));
}

/* The largest an instance's data may be (32 KiB, one entry), and past it. */
static char *lbig;

static int t_store_large(void)
{
	struct ifreg_entry e = { 0 }, *es = NULL;
	static unsigned char big[32768 + 1];
	size_t n = 0;

	fill(big, sizeof(big), 1);
	expect_rc(ifreg_iface_register(ctx, LO, G6, "big", &lbig), 0);
	expect_rc(ifreg_store_set_value(ctx, lbig, "Big", big, 32768, IFREG_STORE_PERSISTENT), 0);
	expect_rc(ifreg_store_get_value(ctx, lbig, "Big", &e), 0);
	expect(e.size == 32768 && !memcmp(e.data, big, 32768), "got %zu bytes back", e.size);
	ifreg_entry_clear(&e);
	expect_rc(ifreg_store_list(ctx, lbig, &es, &n), 0);
	expect(n == 1 && es[0].size == 32768 && !memcmp(es[0].data, big, 32768) &&
	       es[0].flags == IFREG_STORE_PERSISTENT, "%zu entries", n);
	ifreg_entry_array_free(es, n);
	return 0;
}

static int t_store_over_cap(void)
{
	static unsigned char big[32768 + 1];
	struct ifreg_entry e = { 0 };

	fill(big, sizeof(big), 2);
	expect_rc(ifreg_store_set_value(ctx, lbig, "Big", big, sizeof(big), 0), -ENOSPC);
	expect_rc(ifreg_store_set_value(ctx, lbig, "More", "x", 1, 0), -ENOSPC);
	expect_rc(ifreg_store_get_value(ctx, lbig, "More", &e), -ENOENT);
	expect_rc(ifreg_store_get_value(ctx, lbig, "Big", &e), 0);
	expect(e.size == 32768, "the refused set changed it: %zu bytes", e.size);
	ifreg_entry_clear(&e);
	return 0;
}

/*
 * More than one attribute holds (64 KiB): 300 values with names of 250
 * characters and 100 bytes each, about 110 KiB of attributes.
 */
#define MANY		300
#define MANY_SIZE	100

static void many_name(char *buf, int i)
{
	snprintf(buf, 256, "v%03d%0246d", i, 0);
}

static int t_store_many(void)
{
	struct ifreg_entry *e = NULL;
	struct ifreg_iface f = { 0 };
	unsigned char data[MANY_SIZE];
	char *lm = NULL, name[256];
	size_t n = 0;
	int i;

	expect_rc(ifreg_iface_register(ctx, LO, G6, "many", &lm), 0);
	for (i = 0; i < MANY; i++) {
		many_name(name, i);
		fill(data, sizeof(data), i);
		expect_rc(ifreg_store_set_value(ctx, lm, name, data, sizeof(data),
						i % 2 ? IFREG_STORE_PERSISTENT : 0), 0);
	}
	expect_rc(ifreg_store_list(ctx, lm, &e, &n), 0);
	expect(n == MANY, "%zu entries of %d", n, MANY);
	for (i = 0; i < MANY; i++) {
		many_name(name, i);
		fill(data, sizeof(data), i);
		expect(streq(e[i].value_name, name) && e[i].size == sizeof(data) &&
		       !memcmp(e[i].data, data, sizeof(data)) &&
		       e[i].flags == (i % 2 ? IFREG_STORE_PERSISTENT : 0u),
		       "entry %d: %.8s... %zu bytes flags %u", i, str(e[i].value_name), e[i].size,
		       e[i].flags);
	}
	ifreg_entry_array_free(e, n);
	/* the instance itself is still answered */
	expect_rc(ifreg_iface_get(ctx, lm, &f), 0);
	expect(streq(f.symbolic_link, lm), "%s", str(f.symbolic_link));
	ifreg_iface_clear(&f);
	expect_rc(ifreg_iface_remove(ctx, lm), 0);
	free(lm);
	return 0;
}

/* ---- the NDIS table ---- */

static int t_netif_list(void)
{
	struct ifreg_netif *f = NULL;
	size_t n = 0, i;
	int found = 0;
	unsigned int lo_idx = if_nametoindex("lo");

	expect_rc(ifreg_netif_list(ctx, &f, &n), 0);
	for (i = 0; i < n; i++) {
		if (strcmp(f[i].name, "lo"))
			continue;
		found++;
		lo_if = f[i];
		lo_if.luid_key = f[i].luid_key ? strdup(f[i].luid_key) : NULL;
	}
	ifreg_netif_array_free(f, n);
	expect(found == 1, "lo listed %d times among %zu", found, n);
	expect(lo_if.iftype == 24 && lo_if.access_type == 1 && lo_if.admin_status == 1 &&
	       lo_if.linux_ifindex == lo_idx && lo_if.ifindex && lo_if.luid_index,
	       "lo: iftype %u access %u admin %u linux ifindex %u (not %u) ifindex %u luid index %u",
	       lo_if.iftype, lo_if.access_type, lo_if.admin_status, lo_if.linux_ifindex, lo_idx,
	       lo_if.ifindex, lo_if.luid_index);
	expect(lo_if.net_luid == ((uint64_t)24 << 48 | (uint64_t)lo_if.luid_index << 24),
	       "lo's NET_LUID %#llx", (unsigned long long)lo_if.net_luid);
	expect(streq(lo_if.luid_key, "/devices/virtual/net/lo"), "lo's key %s",
	       str(lo_if.luid_key));
	return 0;
}

static int same_lo(const struct ifreg_netif *f)
{
	return !strcmp(f->name, "lo") && f->ifindex == lo_if.ifindex &&
	       f->net_luid == lo_if.net_luid && f->iftype == 24 &&
	       f->luid_index == lo_if.luid_index && streq(f->luid_key, lo_if.luid_key);
}

static int t_netif_by(void)
{
	struct ifreg_netif f = { 0 };

	expect_rc(ifreg_netif_by_ifindex(ctx, lo_if.ifindex, &f), 0);
	expect(same_lo(&f), "by ifIndex %u: %s", lo_if.ifindex, f.name);
	ifreg_netif_clear(&f);
	expect_rc(ifreg_netif_by_luid(ctx, lo_if.net_luid, &f), 0);
	expect(same_lo(&f), "by NET_LUID: %s", f.name);
	ifreg_netif_clear(&f);
	expect_rc(ifreg_netif_by_name(ctx, "lo", &f), 0);
	expect(same_lo(&f), "by name: %s ifindex %u", f.name, f.ifindex);
	ifreg_netif_clear(&f);
	return 0;
}

#define NO_IFINDEX	0x7ffffff0u
#define NO_LUID		((uint64_t)4243 << 48 | (uint64_t)0xfffff0 << 24)

static int t_netif_absent(void)
{
	struct ifreg_netif f = { 0 };

	expect_rc(ifreg_netif_by_ifindex(ctx, NO_IFINDEX, &f), -ENOENT);
	expect_rc(ifreg_netif_by_luid(ctx, NO_LUID, &f), -ENOENT);
	expect_rc(ifreg_netif_by_name(ctx, "ifreg-nosuch0", &f), -ENOENT);
	expect(!f.ifindex && !f.luid_key && !f.name[0], "something given back on failure");
	return 0;
}

static int t_convert(void)
{
	uint32_t idx = 0;
	uint64_t luid = 0;
	char name[16] = "";

	expect_rc(ifreg_luid_to_ifindex(ctx, lo_if.net_luid, &idx), 0);
	expect(idx == lo_if.ifindex, "ifIndex %u, not %u", idx, lo_if.ifindex);
	expect_rc(ifreg_ifindex_to_luid(ctx, lo_if.ifindex, &luid), 0);
	expect(luid == lo_if.net_luid, "NET_LUID %#llx", (unsigned long long)luid);
	expect_rc(ifreg_luid_to_name(ctx, lo_if.net_luid, name, sizeof(name)), 0);
	expect(streq(name, "lo"), "name %s", name);
	luid = 0;
	expect_rc(ifreg_name_to_luid(ctx, "lo", &luid), 0);
	expect(luid == lo_if.net_luid, "NET_LUID %#llx", (unsigned long long)luid);
	return 0;
}

static int t_convert_absent(void)
{
	uint32_t idx = 7;
	uint64_t luid = 7;
	char name[16] = "x";

	expect_rc(ifreg_luid_to_ifindex(ctx, NO_LUID, &idx), -ENOENT);
	expect_rc(ifreg_ifindex_to_luid(ctx, NO_IFINDEX, &luid), -ENOENT);
	expect_rc(ifreg_luid_to_name(ctx, NO_LUID, name, sizeof(name)), -ENOENT);
	expect_rc(ifreg_name_to_luid(ctx, "ifreg-nosuch0", &luid), -ENOENT);
	expect(idx == 7 && luid == 7, "something given back on failure");
	return 0;
}

/* The entry for (iftype, index), or NULL. */
static struct ifreg_luid_index *luid_find(struct ifreg_luid_index *l, size_t n,
					  uint16_t iftype, uint32_t index)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (l[i].iftype == iftype && l[i].index == index)
			return &l[i];
	return NULL;
}

static int luid_count(uint16_t iftype)
{
	struct ifreg_luid_index *l = NULL;
	size_t n = 0, i;
	int c = 0;

	if (ifreg_luid_list(ctx, &l, &n))
		return -1;
	for (i = 0; i < n; i++)
		c += l[i].iftype == iftype;
	ifreg_luid_array_free(l, n);
	return c;
}

static int t_luid_list(void)
{
	struct ifreg_luid_index *l = NULL, *e;
	size_t n = 0;

	expect_rc(ifreg_luid_list(ctx, &l, &n), 0);
	e = luid_find(l, n, 24, lo_if.luid_index);
	expect(e, "lo's index %u not listed among %zu", lo_if.luid_index, n);
	expect(streq(e->key, "/devices/virtual/net/lo") && e->ifindex == lo_if.ifindex,
	       "lo's: key %s ifindex %u", str(e->key), e->ifindex);
	ifreg_luid_array_free(l, n);
	return 0;
}

static int t_luid_alloc_free(void)
{
	struct ifreg_luid_index *l = NULL, *e;
	uint32_t i = 0;
	size_t n = 0;

	expect_rc(ifreg_luid_alloc(ctx, IFT_ALLOC, &i), 0);
	expect(i >= 1 && i <= MAX_LUID_INDEX, "index %u", i);
	expect_rc(ifreg_luid_list(ctx, &l, &n), 0);
	e = luid_find(l, n, IFT_ALLOC, i);
	expect(e && !e->key && !e->ifindex, "index %u: %s, key %s ifindex %u", i,
	       e ? "listed" : "not listed", e ? str(e->key) : "", e ? e->ifindex : 0);
	ifreg_luid_array_free(l, n);
	expect_rc(ifreg_luid_free(ctx, IFT_ALLOC, i), 0);
	expect(luid_count(IFT_ALLOC) == 0, "still listed after free");
	expect_rc(ifreg_luid_free(ctx, IFT_ALLOC, i), -EINVAL);
	return 0;
}

static int t_luid_free_busy(void)
{
	expect_rc(ifreg_luid_free(ctx, 24, lo_if.luid_index), -EBUSY);
	expect(luid_count(24) >= 1, "lo's index gone");
	return 0;
}

static int t_luid_nospc(void)
{
	uint32_t idx[MAX_LUID_INDEX + 1], x = 0;
	int i, k;

	for (i = 0; i < MAX_LUID_INDEX; i++) {
		expect_rc(ifreg_luid_alloc(ctx, IFT_FULL, &idx[i]), 0);
		for (k = 0; k < i; k++)
			expect(idx[k] != idx[i], "index %u twice", idx[i]);
	}
	expect_rc(ifreg_luid_alloc(ctx, IFT_FULL, &x), -ENOSPC);
	for (i = 0; i < MAX_LUID_INDEX; i++)
		expect_rc(ifreg_luid_free(ctx, IFT_FULL, idx[i]), 0);
	return 0;
}

/* ---- restore ---- */

static int class_default(const char *class_guid, char **def)
{
	struct ifreg_class *c = NULL;
	size_t n = 0, i;
	int found = 0;

	*def = NULL;
	if (ifreg_class_list(ctx, &c, &n))
		return -1;
	for (i = 0; i < n; i++)
		if (streq(c[i].class_guid, class_guid)) {
			found = 1;
			*def = c[i].default_link ? strdup(c[i].default_link) : NULL;
		}
	ifreg_class_array_free(c, n);
	return found;
}

static int t_restore_iface_check(void)
{
	struct ifreg_check chk = { 0 };
	struct ifreg_iface f = { 0 };
	char *def;

	expect_rc(ifreg_restore_iface(ctx, lo_path, G5, "rs", LO, &chk, &rlink), 0);
	expect(rlink && ends_with(rlink, "\\rs") && strstr(rlink, G5), "link %s", str(rlink));
	expect(chk.adds.instances == 1 && chk.adds.class_instances == 1 && chk.adds.classes == 1,
	       "adds %u instances, %u of the class, %u classes", chk.adds.instances,
	       chk.adds.class_instances, chk.adds.classes);
	/* nothing changed */
	expect_rc(ifreg_iface_get(ctx, rlink, &f), -ENOENT);
	expect(class_default(G5, &def) == 0, "the check made class G5");
	return 0;
}

/* What the records before it add counts: past max_instances (65536). */
static int t_restore_check_before(void)
{
	struct ifreg_check chk = { 0 };
	char *x = NULL;

	chk.before.instances = 65536;
	expect_rc(ifreg_restore_iface(ctx, lo_path, G5, "rs", LO, &chk, &x), -ENOSPC);
	expect(!x, "a link given back on failure");
	return 0;
}

static int t_restore_iface(void)
{
	struct ifreg_check chk = { 0 };
	struct ifreg_iface f = { 0 };
	char *x = NULL;

	expect_rc(ifreg_restore_iface(ctx, lo_path, G5, "rs", LO, NULL, &x), 0);
	expect(streq(x, rlink), "restored as %s, checked as %s", str(x), rlink);
	free(x);
	x = NULL;
	expect_rc(ifreg_iface_get(ctx, rlink, &f), 0);
	expect(streq(f.pdo, LO) && !f.enabled && streq(f.reference, "rs") &&
	       streq(f.instance_path, lo_path) && streq(f.class_guid, G5),
	       "pdo %s enabled %d reference %s path %s", str(f.pdo), f.enabled, str(f.reference),
	       str(f.instance_path));
	ifreg_iface_clear(&f);
	expect_rc(ifreg_restore_iface(ctx, lo_path, G5, "rs", LO, NULL, &x), 1);
	expect(streq(x, rlink), "again: %s", str(x));
	free(x);
	x = NULL;
	expect_rc(ifreg_restore_iface(ctx, lo_path, G5, "rs", LO, &chk, &x), 1);
	expect(streq(x, rlink) && !chk.adds.instances && !chk.adds.classes,
	       "check of an existing one: %s adds %u instances %u classes", str(x),
	       chk.adds.instances, chk.adds.classes);
	free(x);
	return 0;
}

static int t_restore_unbound(void)
{
	struct ifreg_iface f = { 0 };
	char *w = NULL, *w2 = NULL;

	expect_rc(ifreg_restore_iface(ctx, GONE_PATH, G5, "w", GONE_PDO, NULL, &w), 0);
	expect_rc(ifreg_iface_get(ctx, w, &f), 0);
	expect(!f.pdo && streq(f.location, GONE_PDO) && !f.enabled, "pdo %s location %s",
	       str(f.pdo), str(f.location));
	ifreg_iface_clear(&f);
	expect_rc(ifreg_restore_iface(ctx, GONE_PATH, G5, "any", NULL, NULL, &w2), 0);
	expect_rc(ifreg_iface_get(ctx, w2, &f), 0);
	expect(!f.pdo && !f.location, "pdo %s location %s", str(f.pdo), str(f.location));
	ifreg_iface_clear(&f);
	/* the link may be left unasked */
	expect_rc(ifreg_restore_iface(ctx, GONE_PATH, G5, "any", NULL, NULL, NULL), 1);
	expect_rc(ifreg_iface_remove(ctx, w), 0);
	expect_rc(ifreg_iface_remove(ctx, w2), 0);
	free(w);
	free(w2);
	return 0;
}

static int t_restore_entry_check(void)
{
	struct ifreg_entry e = { .value_name = "RV", .data = "xyz", .size = 3 }, got = { 0 };
	struct ifreg_check chk = { 0 };

	expect_rc(ifreg_restore_entry(ctx, rlink, &e, &chk), 0);
	expect(chk.adds.entries == 1 && chk.adds.bytes == 3, "adds %u entries %d bytes",
	       chk.adds.entries, chk.adds.bytes);
	expect_rc(ifreg_store_get_value(ctx, rlink, "RV", &got), -ENOENT);
	/* a good entry of an instance not there: what it would add there */
	memset(&chk, 0, sizeof(chk));
	expect_rc(ifreg_restore_entry(ctx, absent, &e, &chk), -ENOENT);
	expect(chk.adds.entries == 1 && chk.adds.bytes == 3, "adds %u entries %d bytes",
	       chk.adds.entries, chk.adds.bytes);
	return 0;
}

static int t_restore_entry(void)
{
	uint32_t v = 7;
	struct ifreg_entry e = { .value_name = "RV", .data = "xyz", .size = 3 }, got = { 0 };
	struct ifreg_entry p = { .pid = 3, .type = 7, .data = &v, .size = 4 };
	struct ifreg_check chk = { 0 };

	memcpy(p.fmtid, FMT, sizeof(FMT));
	expect_rc(ifreg_restore_entry(ctx, rlink, &e, NULL), 0);
	expect_rc(ifreg_store_get_value(ctx, rlink, "RV", &got), 0);
	expect(got.flags == IFREG_STORE_PERSISTENT && got.size == 3 && !memcmp(got.data, "xyz", 3),
	       "flags %u size %zu", got.flags, got.size);
	ifreg_entry_clear(&got);
	/* a property; replacing one adds no entry */
	expect_rc(ifreg_restore_entry(ctx, rlink, &p, &chk), 0);
	expect(chk.adds.entries == 1 && chk.adds.bytes == 4, "adds %u entries %d bytes",
	       chk.adds.entries, chk.adds.bytes);
	expect_rc(ifreg_restore_entry(ctx, rlink, &p, NULL), 0);
	expect_rc(ifreg_store_get_property(ctx, rlink, FMT, 3, &got), 0);
	expect(got.flags == IFREG_STORE_PERSISTENT && got.type == 7 && got.size == 4 &&
	       !memcmp(got.data, &v, 4), "flags %u type %u size %zu", got.flags, got.type,
	       got.size);
	ifreg_entry_clear(&got);
	memset(&chk, 0, sizeof(chk));
	expect_rc(ifreg_restore_entry(ctx, rlink, &p, &chk), 0);
	expect(chk.adds.entries == 0 && chk.adds.bytes == 0, "replacing adds %u entries %d bytes",
	       chk.adds.entries, chk.adds.bytes);
	return 0;
}

static int t_restore_default(void)
{
	struct ifreg_check chk = { 0 };
	struct ifreg_iface f = { 0 };
	char *def = NULL;

	expect(class_default(G5, &def) == 1 && !def, "G5's default before: %s", str(def));
	expect_rc(ifreg_restore_default(ctx, rlink, &chk), 0);
	expect(class_default(G5, &def) == 1 && !def, "the check made %s the default", str(def));
	expect_rc(ifreg_restore_default(ctx, absent, &chk), -ENOENT);
	expect_rc(ifreg_restore_default(ctx, rlink, NULL), 0);
	expect(class_default(G5, &def) == 1 && streq(def, rlink), "G5's default: %s", str(def));
	free(def);
	expect_rc(ifreg_iface_get(ctx, rlink, &f), 0);
	expect(f.is_default, "not the default");
	ifreg_iface_clear(&f);
	return 0;
}

#define RKEY	"/devices/virtual/net/ifreg-lt0"

static int t_restore_luid(void)
{
	struct ifreg_check chk = { 0 };
	struct ifreg_luid_index *l = NULL, *e;
	size_t n = 0;

	expect_rc(ifreg_restore_luid(ctx, IFT_RESTORE, 7, NULL, &chk), 0);
	expect(chk.adds.luid_indexes == 1 && !chk.adds.reservations,
	       "adds %u indexes %u reservations", chk.adds.luid_indexes, chk.adds.reservations);
	expect(luid_count(IFT_RESTORE) == 0, "the check allocated");
	expect_rc(ifreg_restore_luid(ctx, IFT_RESTORE, 7, NULL, NULL), 0);
	expect_rc(ifreg_restore_luid(ctx, IFT_RESTORE, 7, NULL, NULL), 1);
	/* taken otherwise: allocated to no netdev */
	expect_rc(ifreg_restore_luid(ctx, IFT_RESTORE, 7, RKEY, NULL), -EEXIST);

	memset(&chk, 0, sizeof(chk));
	expect_rc(ifreg_restore_luid(ctx, IFT_RESERVE, 3, RKEY, &chk), 0);
	expect(chk.adds.luid_indexes == 1 && chk.adds.reservations == 1,
	       "adds %u indexes %u reservations", chk.adds.luid_indexes, chk.adds.reservations);
	expect_rc(ifreg_restore_luid(ctx, IFT_RESERVE, 3, RKEY, NULL), 0);
	expect_rc(ifreg_restore_luid(ctx, IFT_RESERVE, 3, RKEY, NULL), 1);
	expect_rc(ifreg_luid_list(ctx, &l, &n), 0);
	e = luid_find(l, n, IFT_RESTORE, 7);
	expect(e && !e->key && !e->ifindex, "(%d, 7): %s", IFT_RESTORE, e ? str(e->key) : "absent");
	e = luid_find(l, n, IFT_RESERVE, 3);
	expect(e && streq(e->key, RKEY) && !e->ifindex, "(%d, 3): %s", IFT_RESERVE,
	       e ? str(e->key) : "absent");
	ifreg_luid_array_free(l, n);
	expect_rc(ifreg_luid_free(ctx, IFT_RESTORE, 7), 0);
	expect_rc(ifreg_luid_free(ctx, IFT_RESERVE, 3), 0);
	return 0;
}

/* ---- notifications ---- */

static struct ifreg_mon *mon;
static char *ma, *mb, *mc;

static int pollin(struct ifreg_mon *m, int ms)
{
	struct pollfd p = { .fd = ifreg_mon_fd(m), .events = POLLIN };

	return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

static int t_mon_fd(void)
{
	struct ifreg_iface *f = NULL;
	struct ifreg_event ev = { 0 };
	size_t n = 9;

	expect_rc(ifreg_mon_open(&mon, G3), 0);
	expect(ifreg_mon_fd(mon) >= 0, "fd %d", ifreg_mon_fd(mon));
	expect(!pollin(mon, 0), "readable with nothing changed");
	expect_rc(ifreg_mon_read(mon, &ev), 0);
	expect_rc(ifreg_mon_list(mon, IFREG_LIST_INCLUDE_NONACTIVE, &f, &n), 0);
	expect(n == 0, "%zu instances of a fresh class", n);
	ifreg_iface_array_free(f, n);
	expect(streq(ifreg_mon_errmsg(mon), ""), "after a list, \"%s\"",
	       str(ifreg_mon_errmsg(mon)));
	expect_rc(ifreg_mon_list(mon, 0x80, &f, &n), -EINVAL);
	expect(ifreg_mon_errmsg(mon), "no message string");
	return 0;
}

struct want {
	enum ifreg_event_kind kind;
	char **link;
	bool enabled, is_default;
};

static const char *kind_name(int k)
{
	static const char *const names[] = { "?", "arrival", "removal", "registered", "removed",
					     "changed" };

	return k >= 1 && k <= 5 ? names[k] : "?";
}

/* The events pending are exactly these (of class_guid), then none. */
static int events_are(struct ifreg_mon *m, const char *class_guid, const struct want *w, int nw)
{
	struct ifreg_event ev = { 0 };
	uint64_t last = 0;
	int i, r;

	for (i = 0; i < nw; i++) {
		r = ifreg_mon_read(m, &ev);
		expect(r == 1, "event %d (%s of %s): read gave %d", i, kind_name(w[i].kind),
		       *w[i].link, r);
		expect(ev.kind == w[i].kind && streq(ev.iface.symbolic_link, *w[i].link) &&
		       streq(ev.iface.class_guid, class_guid) && ev.iface.enabled == w[i].enabled &&
		       ev.iface.is_default == w[i].is_default,
		       "event %d: %s of %s (enabled %d default %d), not %s of %s", i,
		       kind_name(ev.kind), str(ev.iface.symbolic_link), ev.iface.enabled,
		       ev.iface.is_default, kind_name(w[i].kind), *w[i].link);
		expect(ev.seq > last, "event %d: seq %llu after %llu", i,
		       (unsigned long long)ev.seq, (unsigned long long)last);
		last = ev.seq;
		ifreg_event_clear(&ev);
	}
	r = ifreg_mon_read(m, &ev);
	expect(r == 0, "after %d events: %d (%s of %s)", nw, r, r == 1 ? kind_name(ev.kind) : "",
	       r == 1 ? ev.iface.symbolic_link : "");
	return 0;
}

static int t_mon_events(void)
{
	const struct want w[] = {
		{ IFREG_EVENT_KIND_REGISTERED, &ma, 0, 0 },
		{ IFREG_EVENT_KIND_REGISTERED, &mb, 0, 0 },
		{ IFREG_EVENT_KIND_ARRIVAL, &ma, 1, 0 },
		{ IFREG_EVENT_KIND_CHANGED, &mb, 0, 1 },
		{ IFREG_EVENT_KIND_REMOVAL, &ma, 0, 0 },
		{ IFREG_EVENT_KIND_REMOVED, &ma, 0, 0 },
		{ IFREG_EVENT_KIND_REGISTERED, &mc, 0, 0 },
		{ IFREG_EVENT_KIND_CHANGED, &mb, 0, 0 },
		{ IFREG_EVENT_KIND_CHANGED, &mc, 0, 1 },
		{ IFREG_EVENT_KIND_ARRIVAL, &mc, 1, 1 },
	};

	expect_rc(ifreg_iface_register(ctx, LO, G3, "a", &ma), 0);
	expect_rc(ifreg_iface_register(ctx, LO, G3, "b", &mb), 0);
	expect_rc(ifreg_iface_set_state(ctx, ma, true), 0);
	expect_rc(ifreg_iface_set_default(ctx, mb), 0);
	expect_rc(ifreg_iface_set_state(ctx, ma, false), 0);
	expect_rc(ifreg_iface_remove(ctx, ma), 0);
	expect_rc(ifreg_iface_register(ctx, tty, G3, "c", &mc), 0);
	expect_rc(ifreg_iface_set_default(ctx, mc), 0);
	/* no events for what changes nothing */
	expect_rc(ifreg_iface_set_default(ctx, mc), 0);
	expect_rc(ifreg_iface_register(ctx, tty, G3, "c", NULL), 1);
	expect_rc(ifreg_iface_set_state(ctx, mc, true), 0);
	expect_rc(ifreg_iface_set_state(ctx, mc, true), 1);
	expect(pollin(mon, 5000), "not readable after 10 changes");
	return events_are(mon, G3, w, sizeof(w) / sizeof(w[0]));
}

/* A monitor of one class hears none of another; one of every class both. */
static int t_mon_class_filter(void)
{
	struct ifreg_mon *all = NULL;
	struct ifreg_event ev = { 0 };
	char *le = NULL;
	int r, i, got = 0;

	expect_rc(ifreg_mon_open(&all, NULL), 0);
	expect_rc(ifreg_iface_register(ctx, LO, G1, "ev", &le), 0);
	expect_rc(ifreg_iface_set_state(ctx, mc, false), 0);
	expect_rc(ifreg_iface_remove(ctx, le), 0);
	{
		const struct want w[] = { { IFREG_EVENT_KIND_REMOVAL, &mc, 0, 1 } };

		if (events_are(mon, G3, w, 1))
			return -1;
	}
	/* the machine's own devices may change meanwhile: only ours count */
	for (i = 0; i < 1000 && (r = ifreg_mon_read(all, &ev)) == 1; i++) {
		if (streq(ev.iface.class_guid, G1) || streq(ev.iface.class_guid, G3)) {
			const char *want = got == 1 ? mc : le;
			enum ifreg_event_kind k = got == 0 ? IFREG_EVENT_KIND_REGISTERED :
						  got == 1 ? IFREG_EVENT_KIND_REMOVAL :
						  IFREG_EVENT_KIND_REMOVED;

			expect(got < 3 && ev.kind == k && streq(ev.iface.symbolic_link, want),
			       "every class's event %d: %s of %s", got, kind_name(ev.kind),
			       str(ev.iface.symbolic_link));
			got++;
		}
		ifreg_event_clear(&ev);
	}
	expect(got == 3, "every class's monitor heard %d of 3 (last read %d)", got, r);
	ifreg_mon_close(all);
	free(le);
	return 0;
}

/* List, then follow: what the list shows does not come again as an event. */
static int t_mon_list_follow(void)
{
	struct ifreg_mon *m = NULL;
	struct ifreg_iface *f = NULL;
	size_t n = 0;

	expect_rc(ifreg_mon_open(&m, G3), 0);
	/* after joining, before the list */
	expect_rc(ifreg_iface_set_state(ctx, mc, true), 0);
	expect_rc(ifreg_mon_list(m, IFREG_LIST_INCLUDE_NONACTIVE, &f, &n), 0);
	expect(n == 2 && streq(f[0].symbolic_link, mc) && f[0].enabled && f[0].is_default &&
	       streq(f[1].symbolic_link, mb) && !f[1].enabled, "listed %s", links_of(f, n));
	ifreg_iface_array_free(f, n);
	if (events_are(m, G3, NULL, 0))
		return -1;
	expect_rc(ifreg_iface_set_state(ctx, mc, false), 0);
	{
		const struct want w[] = { { IFREG_EVENT_KIND_REMOVAL, &mc, 0, 1 } };

		if (events_are(m, G3, w, 1))
			return -1;
	}
	/* a list again, enabled only: none is */
	expect_rc(ifreg_iface_set_state(ctx, mb, true), 0);
	expect_rc(ifreg_mon_list(m, 0, &f, &n), 0);
	expect(n == 1 && streq(f[0].symbolic_link, mb) && f[0].enabled, "listed %s",
	       links_of(f, n));
	ifreg_iface_array_free(f, n);
	if (events_are(m, G3, NULL, 0))
		return -1;
	ifreg_mon_close(m);
	/* the first monitor heard all of it */
	{
		const struct want w[] = {
			{ IFREG_EVENT_KIND_ARRIVAL, &mc, 1, 1 },
			{ IFREG_EVENT_KIND_REMOVAL, &mc, 0, 1 },
			{ IFREG_EVENT_KIND_ARRIVAL, &mb, 1, 0 },
		};

		if (events_are(mon, G3, w, 3))
			return -1;
	}
	expect_rc(ifreg_iface_set_state(ctx, mb, false), 0);
	expect_rc(ifreg_iface_remove(ctx, mb), 0);
	expect_rc(ifreg_iface_remove(ctx, mc), 0);
	ifreg_mon_close(mon);
	mon = NULL;
	return 0;
}

/* No descriptor of the library's outlives an exec. */
static int t_cloexec(void)
{
	struct ifreg_mon *m = NULL;
	char path[64], target[64];
	int fd, sockets = 0;
	ssize_t len;

	expect_rc(ifreg_mon_open(&m, G1), 0);
	for (fd = 0; fd < 1024; fd++) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		len = readlink(path, target, sizeof(target) - 1);
		if (len < 0)
			continue;
		target[len] = 0;
		if (strncmp(target, "socket:", 7))
			continue;
		sockets++;
		expect(fcntl(fd, F_GETFD) & FD_CLOEXEC, "socket fd %d without FD_CLOEXEC", fd);
	}
	/* the context's, and the monitor's two */
	expect(sockets >= 3, "%d sockets", sockets);
	ifreg_mon_close(m);
	return 0;
}

/* ---- other network namespaces, other users ---- */

static int t_netns_refused(void)
{
	struct ifreg_iface *f = NULL, g = { 0 };
	struct ifreg_class *c = NULL;
	struct ifreg_entry *es = NULL, e = { 0 };
	struct ifreg_mon *m = NULL;
	char *a = NULL;
	size_t n = 0;
	const char *msg;
	int r;

	expect_rc(ifreg_iface_list(ctx, G1, NULL, IFREG_LIST_INCLUDE_NONACTIVE, &f, &n),
		  -EOPNOTSUPP);
	msg = ifreg_ctx_errmsg(ctx);
	expect(msg && *msg, "no reason given");
	printf("list from another network namespace: \"%s\"\n", msg);
	expect_rc(ifreg_iface_get(ctx, l1, &g), -EOPNOTSUPP);
	expect_rc(ifreg_class_list(ctx, &c, &n), -EOPNOTSUPP);
	expect_rc(ifreg_iface_alias(ctx, l1, G2, &a), -EOPNOTSUPP);
	expect_rc(ifreg_store_list(ctx, l1r, &es, &n), -EOPNOTSUPP);
	expect_rc(ifreg_store_get_value(ctx, l1r, "Keep", &e), -EOPNOTSUPP);
	expect_rc(ifreg_store_get_property(ctx, l1r, FMT, 5, &e), -EOPNOTSUPP);
	expect_rc(ifreg_iface_open(ctx, l1, O_RDONLY), -EOPNOTSUPP);
	r = ifreg_mon_open(&m, G1);
	if (!r) {
		r = ifreg_mon_list(m, 0, &f, &n);
		ifreg_mon_close(m);
	}
	expect(r == -EOPNOTSUPP, "a monitor's list gave %d (%s)", r, strerror(-r));
	return 0;
}

static int t_netns_ndis(void)
{
	struct ifreg_netif *f = NULL;
	struct ifreg_luid_index *l = NULL;
	size_t n = 0;
	uint32_t i = 0;

	expect_rc(ifreg_netif_list(ctx, &f, &n), 0);
	expect(n == 1 && streq(f[0].name, "lo") && f[0].iftype == 24 &&
	       f[0].linux_ifindex == if_nametoindex("lo"), "%zu interfaces, the first %s", n,
	       n ? f[0].name : "");
	ifreg_netif_array_free(f, n);
	/* its own table: the first index of an IfType */
	expect_rc(ifreg_luid_alloc(ctx, IFT_ALLOC, &i), 0);
	expect(i == 1, "index %u", i);
	expect_rc(ifreg_luid_list(ctx, &l, &n), 0);
	expect(n == 2 && luid_find(l, n, IFT_ALLOC, 1) && luid_find(l, n, 24, 1),
	       "%zu indexes", n);
	ifreg_luid_array_free(l, n);
	expect_rc(ifreg_luid_free(ctx, IFT_ALLOC, 1), 0);
	return 0;
}

/* Changes, with CAP_SYS_ADMIN, are taken from any namespace. */
static int t_netns_change(void)
{
	char *x = NULL;

	expect_rc(ifreg_iface_register(ctx, tty, G1, "fromns", &x), 0);
	expect_rc(ifreg_iface_remove(ctx, x), 0);
	free(x);
	return 0;
}

/* In a child of its own network namespace; its failures are its status. */
static void in_netns(void)
{
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		check_failures = 0;
		ctx = NULL;
		check_ctx = NULL;
		if (unshare(CLONE_NEWNET) || ifreg_ctx_open(&ctx)) {
			printf("FAIL netns-iface-refused: unshare or ifreg_ctx_open: %s\n",
			       strerror(errno));
			_exit(1);
		}
		check_ctx = ctx;
		run_check("netns-iface-refused", t_netns_refused);
		run_check("netns-ndis-own", t_netns_ndis);
		run_check("netns-change-taken", t_netns_change);
		fflush(stdout);
		_exit(check_failures ? 1 : 0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		check_failures++;
}

/* What the registry holds of G1, the store of l1r and the LUID table. */
static char *snapshot(void)
{
	struct ifreg_iface *f = NULL;
	struct ifreg_entry *e = NULL;
	struct ifreg_luid_index *l = NULL;
	size_t n = 0, ne = 0, nl = 0;
	char *s = NULL;

	if (ifreg_iface_list(ctx, G1, NULL, IFREG_LIST_INCLUDE_NONACTIVE, &f, &n) ||
	    ifreg_store_list(ctx, l1r, &e, &ne) || ifreg_luid_list(ctx, &l, &nl))
		return strdup("(failed)");
	if (asprintf(&s, "[%s] %zu entries, %zu LUID indexes", links_of(f, n), ne, nl) < 0)
		s = NULL;
	ifreg_iface_array_free(f, n);
	ifreg_entry_array_free(e, ne);
	ifreg_luid_array_free(l, nl);
	return s;
}

static int t_unpriv_reads(void)
{
	struct ifreg_iface *f = NULL, g = { 0 };
	struct ifreg_class *c = NULL;
	struct ifreg_entry *es = NULL, e = { 0 };
	struct ifreg_netif *ni = NULL;
	struct ifreg_luid_index *l = NULL;
	struct ifreg_mon *m = NULL;
	size_t n = 0;

	expect_rc(ifreg_iface_list(ctx, G1, NULL, IFREG_LIST_INCLUDE_NONACTIVE, &f, &n), 0);
	expect(n == 4, "%zu instances", n);
	ifreg_iface_array_free(f, n);
	expect_rc(ifreg_iface_get(ctx, l1, &g), 0);
	ifreg_iface_clear(&g);
	expect_rc(ifreg_class_list(ctx, &c, &n), 0);
	ifreg_class_array_free(c, n);
	expect_rc(ifreg_store_list(ctx, l1r, &es, &n), 0);
	ifreg_entry_array_free(es, n);
	expect_rc(ifreg_store_get_value(ctx, l1r, "Keep", &e), 0);
	ifreg_entry_clear(&e);
	expect_rc(ifreg_netif_list(ctx, &ni, &n), 0);
	ifreg_netif_array_free(ni, n);
	expect_rc(ifreg_luid_list(ctx, &l, &n), 0);
	ifreg_luid_array_free(l, n);
	expect_rc(ifreg_mon_open(&m, G1), 0);
	expect_rc(ifreg_mon_list(m, 0, &f, &n), 0);
	ifreg_iface_array_free(f, n);
	ifreg_mon_close(m);
	return 0;
}

static int t_unpriv_refused(void)
{
	struct ifreg_entry e = { .value_name = "RV", .data = "x", .size = 1 };
	uint32_t v = 1, i = 0;
	char *x = NULL;

	expect_rc(ifreg_iface_register(ctx, LO, G1, "unpriv", &x), -EPERM);
	expect_rc(ifreg_iface_set_state(ctx, l1, false), -EPERM);
	expect_rc(ifreg_iface_set_state(ctx, l2, true), -EPERM);
	expect_rc(ifreg_iface_remove(ctx, l2), -EPERM);
	expect_rc(ifreg_iface_set_default(ctx, l1), -EPERM);
	expect_rc(ifreg_store_set_value(ctx, l1r, "Keep", "x", 1, 0), -EPERM);
	expect_rc(ifreg_store_set_property(ctx, l1r, FMT, 5, 7, &v, 4, 0), -EPERM);
	expect_rc(ifreg_store_delete_value(ctx, l1r, "Keep"), -EPERM);
	expect_rc(ifreg_store_delete_property(ctx, l1r, FMT, 5), -EPERM);
	expect_rc(ifreg_restore_iface(ctx, lo_path, G1, "unpriv", LO, NULL, &x), -EPERM);
	expect_rc(ifreg_restore_entry(ctx, l1r, &e, NULL), -EPERM);
	expect_rc(ifreg_restore_default(ctx, l1, NULL), -EPERM);
	/* the NDIS table's changes need CAP_NET_ADMIN */
	expect_rc(ifreg_luid_alloc(ctx, IFT_ALLOC, &i), -EPERM);
	expect_rc(ifreg_luid_free(ctx, 24, lo_if.luid_index), -EPERM);
	expect_rc(ifreg_restore_luid(ctx, IFT_RESTORE, 7, NULL, NULL), -EPERM);
	expect(!x, "a link given back on failure");
	return 0;
}

static char *before_unpriv;

static int t_unpriv_nothing_changed(void)
{
	char *after = snapshot();

	expect(streq(before_unpriv, after), "before: %s; after: %s", str(before_unpriv),
	       str(after));
	free(after);
	return 0;
}

/* As uid NOBODY, without capabilities, as tools/ifregctl/tests/runas does. */
static void as_nobody(void)
{
	pid_t pid;
	int st;

	before_unpriv = snapshot();
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		check_failures = 0;
		ctx = NULL;
		check_ctx = NULL;
		if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY) ||
		    ifreg_ctx_open(&ctx)) {
			printf("FAIL unpriv-reads: dropping privileges or ifreg_ctx_open: %s\n",
			       strerror(errno));
			_exit(1);
		}
		check_ctx = ctx;
		run_check("unpriv-reads", t_unpriv_reads);
		run_check("unpriv-changes-refused", t_unpriv_refused);
		fflush(stdout);
		_exit(check_failures ? 1 : 0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		check_failures++;
	run_check("unpriv-nothing-changed", t_unpriv_nothing_changed);
}

/* What main registered goes; classes stay. */
static int t_cleanup(void)
{
	char *links[] = { l1, l1r, l1n, l2, a1, a1r, a2r, lbig, rlink };
	size_t i;
	int r;

	expect_rc(ifreg_iface_set_state(ctx, l1, false), 0);
	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		if (!links[i])
			continue;
		r = ifreg_iface_remove(ctx, links[i]);
		expect(r == 0, "remove %s: %d (%s)", links[i], r, strerror(-r));
	}
	if (list_is(G1, NULL, IFREG_LIST_INCLUDE_NONACTIVE, NULL) ||
	    list_is(G2, NULL, IFREG_LIST_INCLUDE_NONACTIVE, NULL))
		return -1;
	return 0;
}

static void find_tty(void)
{
	if (!realpath("/sys/class/tty/ttyS0/device", tty) &&
	    !realpath("/sys/class/tty/ttyS0", tty)) {
		perror("ttyS0 in sysfs");
		exit(2);
	}
}

static int main_checks(void)
{
	find_tty();
	random_guid(G1);
	random_guid(G2);
	random_guid(G3);
	random_guid(G5);
	random_guid(G6);
	random_guid(G7);
	random_guid(G8);
	snprintf(absent, sizeof(absent), "\\??\\IFREG-LIBTEST#none#%s", G1);
	printf("classes %s %s %s %s %s; serial port %s\n", G1, G2, G3, G5, G6, tty);

	run_check("ctx-open", t_ctx_open);
	if (!ctx)
		return 1;
	run_check("register", t_register);
	if (!l1 || !l1r || !l1n || !l2) {
		printf("FAIL register-needed: the other checks need its four instances\n");
		return 1;
	}
	run_check("register-errors", t_register_errors);
	run_check("errmsg", t_errmsg);
	run_check("get", t_get);
	run_check("get-absent", t_get_absent);
	run_check("list-empty", t_list_empty);
	run_check("list-nonactive", t_list_nonactive);
	run_check("list-bad-args", t_list_bad_args);
	run_check("set-state", t_set_state);
	run_check("list-enabled", t_list_enabled);
	run_check("list-pdo", t_list_pdo);
	run_check("list-all-classes", t_list_all);
	run_check("remove-busy", t_remove_busy);
	run_check("remove", t_remove);
	run_check("set-default", t_set_default);
	run_check("class-list", t_class_list);
	run_check("alias", t_alias);
	run_check("alias-unbound", t_alias_unbound);
	run_check("open-no-devnode", t_open_no_devnode);
	run_check("open-devnode", t_open_devnode);

	run_check("store-absent", t_store_absent);
	run_check("store-value", t_store_value);
	run_check("store-persistent", t_store_persistent);
	run_check("store-empty", t_store_empty);
	run_check("store-property", t_store_property);
	run_check("store-list-order", t_store_list_order);
	run_check("store-delete", t_store_delete);
	run_check("store-large", t_store_large);
	run_check("store-over-cap", t_store_over_cap);
	run_check("store-many", t_store_many);

	run_check("netif-list", t_netif_list);
	run_check("netif-by", t_netif_by);
	run_check("netif-absent", t_netif_absent);
	run_check("convert", t_convert);
	run_check("convert-absent", t_convert_absent);
	run_check("luid-list", t_luid_list);
	run_check("luid-alloc-free", t_luid_alloc_free);
	run_check("luid-free-busy", t_luid_free_busy);
	run_check("luid-nospc", t_luid_nospc);

	if (lo_path) {
		run_check("restore-iface-check", t_restore_iface_check);
		run_check("restore-check-before", t_restore_check_before);
		run_check("restore-iface", t_restore_iface);
		run_check("restore-unbound", t_restore_unbound);
		if (rlink) {
			run_check("restore-entry-check", t_restore_entry_check);
			run_check("restore-entry", t_restore_entry);
			run_check("restore-default", t_restore_default);
		}
	}
	run_check("restore-luid", t_restore_luid);

	run_check("mon-fd", t_mon_fd);
	if (mon) {
		run_check("mon-events", t_mon_events);
		if (mc && mb) {
			run_check("mon-class-filter", t_mon_class_filter);
			run_check("mon-list-follow", t_mon_list_follow);
		}
	}

	run_check("cloexec", t_cloexec);
	in_netns();
	as_nobody();
	run_check("cleanup", t_cleanup);
	ifreg_ctx_close(ctx);
	return check_failures ? 1 : 0;
}

/* ---- unload ---- */

static int t_unload(void)
{
	struct ifreg_mon *m = NULL;
	struct ifreg_iface *f = NULL;
	struct ifreg_event ev = { 0 };
	struct ifreg_ctx *c = NULL;
	size_t n = 0;
	int r, i;

	expect_rc(ifreg_ctx_open(&ctx), 0);
	check_ctx = ctx;
	expect_rc(ifreg_mon_open(&m, NULL), 0);
	expect_rc(ifreg_mon_list(m, 0, &f, &n), 0);
	ifreg_iface_array_free(f, n);
	fflush(stdout);
	expect(system("rmmod ifreg") == 0, "rmmod ifreg failed");
	expect(pollin(m, 10000), "the monitor's fd not readable 10 s after rmmod");
	/* what the unload changed may come first */
	for (i = 0; i < 100000 && (r = ifreg_mon_read(m, &ev)) == 1; i++)
		ifreg_event_clear(&ev);
	expect(r == -ENODEV, "read gave %d (%s) after %d events", r, strerror(-r), i);
	printf("after rmmod: %d events, then -ENODEV\n", i);
	expect_rc(ifreg_mon_read(m, &ev), -ENODEV);
	f = NULL;
	expect_rc(ifreg_mon_list(m, 0, &f, &n), -ENODEV);
	expect(!f, "a list given back on failure");
	r = ifreg_iface_list(ctx, NULL, NULL, 0, &f, &n);
	expect(r < 0, "a list after rmmod gave %d", r);
	printf("a list on the context opened before: %d (%s)\n", r, strerror(-r));
	expect_rc(ifreg_ctx_open(&c), -ENOENT);
	ifreg_mon_close(m);
	ifreg_ctx_close(ctx);
	return 0;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(what, "noload")) {
		run_check("ctx-open-no-module", t_noload_ctx);
		run_check("mon-open-no-module", t_noload_mon);
	} else if (!strcmp(what, "main")) {
		if (main_checks())
			return 1;
	} else if (!strcmp(what, "unload")) {
		run_check("mon-unload-enodev", t_unload);
	} else {
		fprintf(stderr, "usage: libtest noload|main|unload\n");
		return 2;
	}
	return check_failures ? 1 : 0;
}
