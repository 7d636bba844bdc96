// SPDX-License-Identifier: GPL-2.0
/*
 * followtest: ifreg_mon_list() then ifreg_mon_read() give every change of
 * a class exactly once, while another process keeps changing it.
 *
 * followtest [ROUNDS]: a writer process, with a context of its own,
 * registers, enables, disables, makes the default and removes interfaces
 * of a fresh class on lo and the serial port, at random, without pause.
 * Meanwhile ROUNDS times (50 by default) a reader opens a monitor of the
 * class, lists it (with or without IFREG_LIST_INCLUDE_NONACTIVE, by turns)
 * into a model of the class and follows the events, applying each to the
 * model: an event that says what the model holds already could only be a
 * duplicate, or the list showing a change that also came as an event; an
 * event the model cannot take (an arrival of an instance never registered)
 * means one was missed. Then the writer pauses, the reader reads what is
 * left and the model must be what a fresh ifreg_iface_list() shows. Last,
 * the reader stops reading while the writer makes more changes than its
 * socket holds: ifreg_mon_read() must report -ENOBUFS, and a list again
 * must bring the model back, to follow from.
 *
 * Prints "PASS name" or "FAIL name: why" per check; exits 1 on a failure.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <sys/wait.h>
#include <time.h>

#include "check.h"

#define LO	"/sys/devices/virtual/net/lo"
/* the writer's instances: lo and the serial port, four references each */
#define NLINKS	8
#define MAXLINKS 64

static char G[IFREG_GUID_STRING_SIZE];
static char tty[PATH_MAX];

/* Between the reader and the writer, in memory both map. */
struct shared {
	atomic_int stop;
	atomic_int pause;	/* the reader asks the writer to pause */
	atomic_int paused;	/* the writer is paused */
	atomic_int burst;	/* > 0: pause by itself after that many changes */
	atomic_long changes;
	atomic_long errors;
	char error[512];
};

static struct shared *sh;

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* ---- the writer ---- */

enum wstate { W_ABSENT, W_DISABLED, W_ENABLED };

static void writer_error(const char *what, const char *link, int r, int want,
			 struct ifreg_ctx *c)
{
	if (atomic_fetch_add(&sh->errors, 1) == 0)
		snprintf(sh->error, sizeof(sh->error), "%s %s gave %d (%s), not %d; %s", what,
			 link, r, strerror(-r), want, c ? ifreg_ctx_errmsg(c) : "");
}

static void writer(unsigned int seed)
{
	struct ifreg_ctx *c = NULL;
	enum wstate st[NLINKS] = { 0 };
	char *link[NLINKS] = { 0 }, ref[8];
	int i, r, p;

	if (ifreg_ctx_open(&c)) {
		writer_error("ifreg_ctx_open", "", -1, 0, NULL);
		_exit(1);
	}
	while (!atomic_load(&sh->stop)) {
		if (atomic_load(&sh->pause)) {
			atomic_store(&sh->paused, 1);
			while (atomic_load(&sh->pause) && !atomic_load(&sh->stop))
				usleep(200);
			atomic_store(&sh->paused, 0);
			continue;
		}
		i = rand_r(&seed) % NLINKS;
		p = rand_r(&seed) % 10;
		switch (st[i]) {
		case W_ABSENT:
			snprintf(ref, sizeof(ref), "c%d", i / 2);
			free(link[i]);
			link[i] = NULL;
			r = ifreg_iface_register(c, i % 2 ? tty : LO, G, ref, &link[i]);
			if (r)
				writer_error("register", ref, r, 0, c);
			else
				st[i] = W_DISABLED;
			break;
		case W_DISABLED:
			if (p < 6) {
				r = ifreg_iface_set_state(c, link[i], true);
				if (r)
					writer_error("enable", link[i], r, 0, c);
				else
					st[i] = W_ENABLED;
			} else if (p < 9) {
				r = ifreg_iface_remove(c, link[i]);
				if (r)
					writer_error("remove", link[i], r, 0, c);
				else
					st[i] = W_ABSENT;
			} else {
				r = ifreg_iface_set_default(c, link[i]);
				if (r)
					writer_error("set default", link[i], r, 0, c);
			}
			break;
		case W_ENABLED:
			if (p < 8) {
				r = ifreg_iface_set_state(c, link[i], false);
				if (r)
					writer_error("disable", link[i], r, 0, c);
				else
					st[i] = W_DISABLED;
			} else {
				r = ifreg_iface_set_default(c, link[i]);
				if (r)
					writer_error("set default", link[i], r, 0, c);
			}
			break;
		}
		atomic_fetch_add(&sh->changes, 1);
		if (atomic_load(&sh->burst) > 0 && atomic_fetch_sub(&sh->burst, 1) == 1)
			atomic_store(&sh->pause, 1);
	}
	/* nothing of the class is left */
	for (i = 0; i < NLINKS; i++) {
		r = st[i] == W_ENABLED ? ifreg_iface_set_state(c, link[i], false) : 0;
		if (r)
			writer_error("disable at the end", link[i], r, 0, c);
		r = st[i] != W_ABSENT ? ifreg_iface_remove(c, link[i]) : 0;
		if (r)
			writer_error("remove at the end", link[i], r, 0, c);
		free(link[i]);
	}
	ifreg_ctx_close(c);
	_exit(0);
}

/* The reader waits until the writer is paused. */
static int writer_pause(void)
{
	long t0 = now_ms();

	atomic_store(&sh->pause, 1);
	while (!atomic_load(&sh->paused)) {
		if (now_ms() - t0 > 60000)
			return -1;
		usleep(200);
	}
	return 0;
}

static void writer_resume(void)
{
	atomic_store(&sh->pause, 0);
	while (atomic_load(&sh->paused))
		usleep(100);
}

/* ---- the reader's model ---- */

/*
 * What the reader knows of an instance: absent for sure, unknown (the list
 * of enabled ones did not show it, so it is absent or disabled), disabled
 * or enabled.
 */
enum mstate { M_ABSENT, M_UNKNOWN, M_DISABLED, M_ENABLED };

struct minst {
	char *link;
	enum mstate st;
	bool is_default;
};

struct model {
	struct minst inst[MAXLINKS];
	int n;
	unsigned int flags;	/* of the list it started from */
	uint64_t last_seq;
};

/* What went wrong, over all rounds: the count and the first of each kind. */
struct finding {
	long count;
	char first[1024];
};

static struct finding duplicate, miss, bad_list, bad_event, seq_back, mismatch;
static long events_applied, lists, list_retries;

__attribute__((format(printf, 3, 4)))
static void found(struct finding *f, int round, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (f->count++)
		return;
	n = snprintf(f->first, sizeof(f->first), "round %d: ", round);
	va_start(ap, fmt);
	vsnprintf(f->first + n, sizeof(f->first) - n, fmt, ap);
	va_end(ap);
}

static void model_clear(struct model *m)
{
	int i;

	for (i = 0; i < m->n; i++)
		free(m->inst[i].link);
	memset(m, 0, sizeof(*m));
}

static struct minst *model_find(struct model *m, const char *link, bool add)
{
	int i;

	for (i = 0; i < m->n; i++)
		if (!strcmp(m->inst[i].link, link))
			return &m->inst[i];
	if (!add || m->n == MAXLINKS)
		return NULL;
	m->inst[m->n].link = strdup(link);
	m->inst[m->n].st = m->flags & IFREG_LIST_INCLUDE_NONACTIVE ? M_ABSENT : M_UNKNOWN;
	m->inst[m->n].is_default = false;
	return &m->inst[m->n++];
}

static const char *st_name(enum mstate s)
{
	static const char *const n[] = { "absent", "unknown", "disabled", "enabled" };

	return n[s];
}

static const char *kind_name(int k)
{
	static const char *const names[] = { "?", "arrival", "removal", "registered", "removed",
					     "changed" };

	return k >= 1 && k <= 5 ? names[k] : "?";
}

/* A list, as it must be: each once, the default first, enabled ones only without the flag. */
static int model_from_list(struct model *m, int round, unsigned int flags,
			   struct ifreg_iface *f, size_t n)
{
	struct minst *mi;
	size_t i;
	int ok = 1;

	model_clear(m);
	m->flags = flags;
	for (i = 0; i < n; i++) {
		if (model_find(m, f[i].symbolic_link, false)) {
			found(&bad_list, round, "%s listed twice", f[i].symbolic_link);
			ok = 0;
		}
		if (!streq(f[i].class_guid, G) || (f[i].is_default && i) ||
		    (!(flags & IFREG_LIST_INCLUDE_NONACTIVE) && !f[i].enabled)) {
			found(&bad_list, round,
			      "%zu-th %s: class %s enabled %d default %d (flags %#x)", i,
			      f[i].symbolic_link, f[i].class_guid, f[i].enabled,
			      f[i].is_default, flags);
			ok = 0;
		}
		mi = model_find(m, f[i].symbolic_link, true);
		mi->st = f[i].enabled ? M_ENABLED : M_DISABLED;
		mi->is_default = f[i].is_default;
	}
	return ok;
}

static void model_apply(struct model *m, int round, const struct ifreg_event *ev)
{
	struct minst *mi = model_find(m, ev->iface.symbolic_link, true);
	enum mstate was;

	events_applied++;
	if (!streq(ev->iface.class_guid, G))
		found(&bad_event, round, "%s of %s, of class %s", kind_name(ev->kind),
		      ev->iface.symbolic_link, ev->iface.class_guid);
	if (ev->seq <= m->last_seq)
		found(&seq_back, round, "seq %llu after %llu", (unsigned long long)ev->seq,
		      (unsigned long long)m->last_seq);
	m->last_seq = ev->seq;
	if (!mi)
		return;
	was = mi->st;
	switch (ev->kind) {
	case IFREG_EVENT_KIND_REGISTERED:
		if (was == M_DISABLED || was == M_ENABLED)
			found(&duplicate, round, "registered: %s, %s already", mi->link,
			      st_name(was));
		mi->st = M_DISABLED;
		break;
	case IFREG_EVENT_KIND_ARRIVAL:
		if (was == M_ENABLED)
			found(&duplicate, round, "arrival: %s, enabled already", mi->link);
		else if (was == M_ABSENT)
			found(&miss, round, "arrival: %s, never registered", mi->link);
		mi->st = M_ENABLED;
		break;
	case IFREG_EVENT_KIND_REMOVAL:
		if (was == M_DISABLED)
			found(&duplicate, round, "removal: %s, disabled already", mi->link);
		else if (was != M_ENABLED)
			found(&miss, round, "removal: %s, %s", mi->link, st_name(was));
		mi->st = M_DISABLED;
		break;
	case IFREG_EVENT_KIND_REMOVED:
		if (was == M_ABSENT)
			found(&duplicate, round, "removed: %s, absent already", mi->link);
		else if (was == M_ENABLED)
			found(&miss, round, "removed: %s, enabled (no removal came)", mi->link);
		mi->st = M_ABSENT;
		break;
	case IFREG_EVENT_KIND_CHANGED:
		if (was == M_ABSENT)
			found(&miss, round, "changed: %s, absent", mi->link);
		if (was == M_UNKNOWN || was == M_ABSENT)
			mi->st = M_DISABLED;
		break;
	default:
		found(&bad_event, round, "kind %d of %s", ev->kind, mi->link);
		return;
	}
	mi->is_default = mi->st != M_ABSENT && ev->iface.is_default;
	if (ev->iface.enabled != (mi->st == M_ENABLED))
		found(&bad_event, round, "%s of %s says enabled %d", kind_name(ev->kind), mi->link,
		      ev->iface.enabled);
}

/* Read what is pending into the model: the events read, or a negative errno. */
static int drain(struct ifreg_mon *mon, struct model *m, int round)
{
	struct ifreg_event ev = { 0 };
	int r, n = 0;

	while ((r = ifreg_mon_read(mon, &ev)) == 1) {
		model_apply(m, round, &ev);
		ifreg_event_clear(&ev);
		n++;
	}
	return r < 0 ? r : n;
}

/* The model is what a fresh list of the class shows. */
static void compare(struct ifreg_ctx *c, struct model *m, int round)
{
	unsigned int flags = m->flags;
	struct ifreg_iface *f = NULL;
	struct minst *mi;
	size_t n = 0, i;
	int k, r, listed;

	r = ifreg_iface_list(c, G, NULL, flags, &f, &n);
	if (r) {
		found(&mismatch, round, "ifreg_iface_list: %d (%s)", r, strerror(-r));
		return;
	}
	for (i = 0; i < n; i++) {
		mi = model_find(m, f[i].symbolic_link, false);
		if (!mi || (mi->st != M_ENABLED && mi->st != M_DISABLED) ||
		    (mi->st == M_ENABLED) != f[i].enabled || mi->is_default != f[i].is_default)
			found(&mismatch, round,
			      "%s listed enabled %d default %d, the model has %s%s",
			      f[i].symbolic_link, f[i].enabled, f[i].is_default,
			      mi ? st_name(mi->st) : "nothing",
			      mi && mi->is_default ? " default" : "");
	}
	for (k = 0; k < m->n; k++) {
		mi = &m->inst[k];
		if (mi->st != M_ENABLED &&
		    !(mi->st == M_DISABLED && (flags & IFREG_LIST_INCLUDE_NONACTIVE)))
			continue;
		for (listed = 0, i = 0; i < n; i++)
			listed |= streq(f[i].symbolic_link, mi->link);
		if (!listed)
			found(&mismatch, round, "the model has %s %s, the list not (flags %#x)",
			      mi->link, st_name(mi->st), flags);
	}
	ifreg_iface_array_free(f, n);
}

/* ifreg_mon_list into the model; -EAGAIN (a list that raced changes) is tried again. */
static int relist(struct ifreg_mon *mon, struct model *m, int round, unsigned int flags)
{
	struct ifreg_iface *f = NULL;
	size_t n = 0;
	int r, tries = 0;

	while ((r = ifreg_mon_list(mon, flags, &f, &n)) == -EAGAIN && ++tries < 20)
		list_retries++;
	lists++;
	if (r) {
		found(&bad_list, round, "ifreg_mon_list: %d (%s)", r, strerror(-r));
		return r;
	}
	model_from_list(m, round, flags, f, n);
	ifreg_iface_array_free(f, n);
	return 0;
}

/* Follow until want events were applied or ms passed: the events read, or -errno. */
static int follow(struct ifreg_mon *mon, struct model *m, int round, int want, int ms)
{
	struct pollfd p = { .fd = ifreg_mon_fd(mon), .events = POLLIN };
	long t0 = now_ms();
	int got = 0, r;

	while (got < want && now_ms() - t0 < ms) {
		poll(&p, 1, 50);
		r = drain(mon, m, round);
		if (r < 0)
			return r;
		got += r;
	}
	return got;
}

static unsigned int seed;

static int rounds(struct ifreg_ctx *c, int nrounds)
{
	struct model m = { 0 };
	struct ifreg_mon *mon;
	int round, r;

	for (round = 0; round < nrounds; round++) {
		unsigned int flags = round % 2 ? IFREG_LIST_INCLUDE_NONACTIVE : 0;

		mon = NULL;
		r = ifreg_mon_open(&mon, G);
		if (r) {
			found(&bad_list, round, "ifreg_mon_open: %d (%s)", r, strerror(-r));
			return -1;
		}
		/* the list races the writer at a different point each round */
		usleep(rand_r(&seed) % 3000);
		if (relist(mon, &m, round, flags)) {
			ifreg_mon_close(mon);
			continue;
		}
		r = follow(mon, &m, round, 5 + rand_r(&seed) % 40, 5000);
		if (r < 0)
			found(&miss, round, "ifreg_mon_read while following: %d (%s)", r,
			      strerror(-r));
		if (writer_pause()) {
			found(&mismatch, round, "the writer did not pause");
			ifreg_mon_close(mon);
			return -1;
		}
		/* every change made is in the socket now: the multicast precedes the reply */
		r = drain(mon, &m, round);
		if (r < 0)
			found(&miss, round, "ifreg_mon_read at the end: %d (%s)", r, strerror(-r));
		compare(c, &m, round);
		ifreg_mon_close(mon);
		writer_resume();
	}
	model_clear(&m);
	return 0;
}

/* The socket's receive buffer, when the monitor's fd is one. */
static int rcvbuf(struct ifreg_mon *mon)
{
	int v = 0;
	socklen_t len = sizeof(v);

	if (getsockopt(ifreg_mon_fd(mon), SOL_SOCKET, SO_RCVBUF, &v, &len))
		return -1;
	return v;
}

/* What a generic netlink socket holds unread (Rmem of /proc/net/netlink), or -1. */
static long queued_bytes(int fd)
{
	struct sockaddr_nl a;
	socklen_t len = sizeof(a);
	char line[256];
	unsigned int pid;
	long rmem = -1, r;
	int proto;
	FILE *f;

	if (getsockname(fd, (struct sockaddr *)&a, &len))
		return -1;
	f = fopen("/proc/self/net/netlink", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%*s %d %u %*x %ld", &proto, &pid, &r) == 3 &&
		    proto == NETLINK_GENERIC && pid == a.nl_pid)
			rmem = r;
	fclose(f);
	return rmem;
}

static struct finding overflow, overflow_relist;
/* The list after -ENOBUFS was followed to the end: its check ran. */
static bool overflow_relisted;

/*
 * The reader reads nothing while the writer makes more changes than the
 * socket holds (each event takes well over 256 bytes of it); then
 * -ENOBUFS, and a list again gives a model to follow from.
 */
static void overflow_check(struct ifreg_ctx *c)
{
	struct model m = { 0 };
	struct ifreg_mon *mon = NULL;
	int r, buf, burst, before;
	long events0 = events_applied, t0;

	if (writer_pause()) {
		found(&overflow, -1, "the writer did not pause");
		return;
	}
	r = ifreg_mon_open(&mon, G);
	if (r || relist(mon, &m, -1, IFREG_LIST_INCLUDE_NONACTIVE)) {
		found(&overflow, -1, "ifreg_mon_open or list: %d", r);
		return;
	}
	buf = rcvbuf(mon);
	burst = buf > 0 ? buf / 256 + 500 : 20000;
	if (burst > 200000)
		burst = 200000;
	printf("overflow: receive buffer %d bytes, %d changes unread\n", buf, burst);
	atomic_store(&sh->burst, burst);
	writer_resume();
	/* Bounded: a writer that died or fails must not hold the test up. */
	t0 = now_ms();
	while (!atomic_load(&sh->paused) || atomic_load(&sh->burst) > 0) {
		if (now_ms() - t0 > 300000 || atomic_load(&sh->errors)) {
			found(&overflow, -1, "the writer did not make its %d changes", burst);
			ifreg_mon_close(mon);
			model_clear(&m);
			return;
		}
		usleep(1000);
	}
	/* the events before the loss are good ones */
	r = drain(mon, &m, -1);
	before = (int)(events_applied - events0);
	printf("overflow: %d events read, then %d (%s)\n", before, r,
	       r < 0 ? strerror(-r) : "none");
	if (r != -ENOBUFS) {
		found(&overflow, -1, "after %d changes unread, %d events then %d, not -ENOBUFS",
		      burst, before, r);
		ifreg_mon_close(mon);
		return;
	}
	/*
	 * List again, and follow from there through more changes, the writer
	 * going on at once as it would in a program: events after the list
	 * must find room in the socket.
	 */
	if (relist(mon, &m, -2, IFREG_LIST_INCLUDE_NONACTIVE)) {
		found(&overflow_relist, -2, "no list after -ENOBUFS");
		ifreg_mon_close(mon);
		return;
	}
	printf("overflow: after the list again, %ld bytes wait in the socket\n",
	       queued_bytes(ifreg_mon_fd(mon)));
	compare(c, &m, -2);
	writer_resume();
	r = follow(mon, &m, -2, 100, 10000);
	if (r < 0) {
		/* the model is stale from here on: nothing more to compare */
		found(&overflow_relist, -2, "read after the list again: %d (%s)", r, strerror(-r));
		ifreg_mon_close(mon);
		model_clear(&m);
		return;
	}
	if (writer_pause()) {
		found(&overflow_relist, -2, "the writer did not pause");
		ifreg_mon_close(mon);
		return;
	}
	r = drain(mon, &m, -2);
	if (r < 0)
		found(&overflow_relist, -2, "read at the end: %d (%s)", r, strerror(-r));
	else
		compare(c, &m, -2);
	overflow_relisted = true;
	ifreg_mon_close(mon);
	model_clear(&m);
}

static int t_finding(const struct finding *f, const char *what)
{
	expect(!f->count, "%ld %s; the first: %s", f->count, what, f->first);
	return 0;
}

static int t_writer(void)
{
	expect(!atomic_load(&sh->errors), "%ld changes failed; the first: %s",
	       (long)atomic_load(&sh->errors), sh->error);
	expect(atomic_load(&sh->changes) >= 500, "only %ld changes",
	       (long)atomic_load(&sh->changes));
	return 0;
}

static int t_no_duplicate(void)
{
	return t_finding(&duplicate, "events said what the model held already");
}

static int t_no_miss(void)
{
	if (t_finding(&miss, "events the model could not take (one missed before)"))
		return -1;
	return t_finding(&mismatch, "rounds ended with the model not the list");
}

static int t_lists(void)
{
	return t_finding(&bad_list, "lists wrong");
}

static int t_events(void)
{
	if (t_finding(&seq_back, "sequence numbers not growing"))
		return -1;
	return t_finding(&bad_event, "events wrong in themselves");
}

static int t_overflow(void)
{
	return t_finding(&overflow, "");
}

static int t_overflow_relist(void)
{
	/* Not reached (no -ENOBUFS, the writer stuck) is no pass. */
	expect(overflow_relisted, "the list after -ENOBUFS was not reached");
	return t_finding(&overflow_relist, "");
}

static struct ifreg_ctx *ctx;

static int t_cleaned(void)
{
	struct ifreg_iface *f = NULL;
	size_t n = 0;

	expect_rc(ifreg_iface_list(ctx, G, NULL, IFREG_LIST_INCLUDE_NONACTIVE, &f, &n), 0);
	expect(n == 0, "left: %zu", n);
	ifreg_iface_array_free(f, n);
	return 0;
}

int main(int argc, char **argv)
{
	int nrounds = argc > 1 ? atoi(argv[1]) : 50;
	struct finding rounds_found[6], over_found[6];
	int i;
	pid_t pid;
	int st;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!realpath("/sys/class/tty/ttyS0/device", tty) &&
	    !realpath("/sys/class/tty/ttyS0", tty)) {
		perror("ttyS0 in sysfs");
		return 2;
	}
	random_guid(G);
	seed = (unsigned int)getpid() ^ (unsigned int)now_ms();
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED || ifreg_ctx_open(&ctx)) {
		printf("FAIL follow-writer: no shared memory or context\n");
		return 1;
	}
	check_ctx = ctx;
	printf("class %s, %d rounds, seed %u\n", G, nrounds, seed);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		writer(seed * 7 + 1);
	if (pid < 0) {
		printf("FAIL follow-writer: fork: %s\n", strerror(errno));
		return 1;
	}

	rounds(ctx, nrounds);
	printf("%d rounds: %ld changes made, %ld events applied, %ld lists (%ld tried again)\n",
	       nrounds, (long)atomic_load(&sh->changes), events_applied, lists, list_retries);
	/* the overflow's own following has findings of its own */
	rounds_found[0] = duplicate;
	rounds_found[1] = miss;
	rounds_found[2] = mismatch;
	rounds_found[3] = bad_list;
	rounds_found[4] = bad_event;
	rounds_found[5] = seq_back;
	memset(&duplicate, 0, sizeof(duplicate));
	memset(&miss, 0, sizeof(miss));
	memset(&mismatch, 0, sizeof(mismatch));
	memset(&bad_list, 0, sizeof(bad_list));
	memset(&bad_event, 0, sizeof(bad_event));
	memset(&seq_back, 0, sizeof(seq_back));
	overflow_check(ctx);
	over_found[0] = duplicate;
	over_found[1] = miss;
	over_found[2] = mismatch;
	over_found[3] = bad_list;
	over_found[4] = bad_event;
	over_found[5] = seq_back;
	duplicate = rounds_found[0];
	miss = rounds_found[1];
	mismatch = rounds_found[2];
	bad_list = rounds_found[3];
	bad_event = rounds_found[4];
	seq_back = rounds_found[5];
	for (i = 0; i < 6; i++)
		if (over_found[i].count)
			found(&overflow_relist, -2, "%ld: %s", over_found[i].count,
			      over_found[i].first);

	atomic_store(&sh->stop, 1);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		writer_error("the writer's exit", "", -1, 0, ctx);
	printf("in all: %ld changes made, %ld events applied\n", (long)atomic_load(&sh->changes),
	       events_applied);

	run_check("follow-writer", t_writer);
	run_check("follow-lists", t_lists);
	run_check("follow-events", t_events);
	run_check("follow-no-duplicate", t_no_duplicate);
	run_check("follow-no-miss", t_no_miss);
	run_check("follow-overflow-enobufs", t_overflow);
	run_check("follow-overflow-relist", t_overflow_relist);
	run_check("follow-cleaned", t_cleaned);
	ifreg_ctx_close(ctx);
	return check_failures ? 1 : 0;
}
