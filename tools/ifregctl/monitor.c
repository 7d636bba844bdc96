// SPDX-License-Identifier: GPL-2.0
/*
 * ifregctl monitor: the registry's events (arrival, removal, registered,
 * removed, changed) as they happen, one line or JSON object each, until --count
 * events or the module goes away (exit 3). A hole in the events' sequence
 * numbers, or events lost to a full receive buffer, is said on stderr.
 * Events are heard in the initial network namespace only; elsewhere
 * monitor fails at once. libifreg's monitor is polled: its descriptor
 * says when an event (or a loss, or the module's going) is there to read.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>

#include "ifregctl.h"
#include "json.h"

struct monitor {
	unsigned long long limit, seen;
	uint64_t last;
	bool have_last;
};

static const char *event_name(enum ifreg_event_kind kind)
{
	switch (kind) {
	case IFREG_EVENT_KIND_ARRIVAL:
		return "arrival";
	case IFREG_EVENT_KIND_REMOVAL:
		return "removal";
	case IFREG_EVENT_KIND_REGISTERED:
		return "registered";
	case IFREG_EVENT_KIND_REMOVED:
		return "removed";
	case IFREG_EVENT_KIND_CHANGED:
		return "changed";
	}
	return NULL;
}

/*
 * One event: a line, and a word on stderr when the sequence has a hole.
 * The kernel numbers its events from 1: 0 is an event without a number.
 * Returns whether --count events have been printed.
 */
static bool print_event(struct monitor *m, const struct ifreg_event *ev)
{
	const struct ifreg_iface *i = &ev->iface;
	uint64_t seq = ev->seq;
	const char *name = event_name(ev->kind);
	char evbuf[24];

	if (!name) {
		snprintf(evbuf, sizeof(evbuf), "event-%u", (unsigned int)ev->kind);
		name = evbuf;
	}
	if (!seq) {
		fputs("ifregctl: monitor: an event without a sequence number\n", stderr);
	} else if (m->have_last && seq != m->last + 1) {
		fflush(stdout);
		if (seq > m->last + 1)
			fprintf(stderr, "ifregctl: monitor: missed %" PRIu64 " event(s) (seq %" PRIu64 " to %" PRIu64 ")\n",
				seq - m->last - 1, m->last + 1, seq - 1);
		else
			fprintf(stderr, "ifregctl: monitor: sequence went from %" PRIu64 " back to %" PRIu64 " (module reloaded?)\n",
				m->last, seq);
	}
	if (seq) {
		m->last = seq;
		m->have_last = true;
	}

	if (json) {
		json_open_object(stdout, NULL);
		json_uint(stdout, "seq", seq);
		json_string(stdout, "event", name);
		if (i->class_guid[0])
			json_string(stdout, "class", i->class_guid);
		if (i->symbolic_link)
			json_string(stdout, "link", i->symbolic_link);
		/* The instance as the event left it. */
		json_bool(stdout, "enabled", i->enabled);
		if (i->pdo)
			json_string(stdout, "pdo", i->pdo);
		if (i->devnode)
			json_string(stdout, "devnode", i->devnode);
		json_close_object(stdout);
		json_end(stdout);
	} else {
		printf("%" PRIu64 " %s %s %s\n", seq, name, i->class_guid[0] ? i->class_guid : "-",
		       i->symbolic_link ?: "-");
	}
	fflush(stdout);
	return m->limit && ++m->seen >= m->limit;
}

/*
 * monitor_check: the module is there, and this is the initial network
 * namespace, where events are sent: elsewhere monitor would wait for
 * nothing. A read (the classes, few) says which it is, with the kernel's
 * reason. Returns the exit code.
 */
static int monitor_check(void)
{
	struct ifreg_class *classes;
	struct ifreg_ctx *ctx;
	size_t n;
	int r;

	r = connect_ifreg(&ctx);
	if (r)
		return r;
	r = ifreg_class_list(ctx, &classes, &n);
	if (r)
		r = fail(kmsg(ctx), "monitor", r, NULL);
	else
		ifreg_class_array_free(classes, n);
	ifreg_ctx_close(ctx);
	return r;
}

/* The events ready, each printed. Returns 0 to go on, 1 at --count, or -errno. */
static int monitor_read(struct ifreg_mon *mon, struct monitor *m)
{
	struct ifreg_event ev;
	bool done;
	int r;

	for (;;) {
		r = ifreg_mon_read(mon, &ev);
		if (r == 0)
			return 0;
		if (r == -ENOBUFS) {
			fflush(stdout);
			fputs("ifregctl: monitor: events lost (receive buffer overrun)\n", stderr);
			continue;
		}
		if (r < 0)
			return r;
		done = print_event(m, &ev);
		ifreg_event_clear(&ev);
		if (done)
			return 1;
	}
}

int cmd_monitor(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "count", required_argument, NULL, 'c' },
		COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct monitor m = { .limit = 0 };
	struct ifreg_mon *mon;
	struct pollfd pfd;
	char *end;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":" COMMON_SHORTOPTS "c:", opts, NULL)) != -1) {
		if (c == 'c') {
			errno = 0;
			m.limit = strtoull(optarg, &end, 10);
			if (errno || *end || !isdigit((unsigned char)optarg[0]) || m.limit == 0)
				return usage_error("--count wants a number of events from 1 up, not '%s'",
						   optarg);
			continue;
		}
		r = common_opt(c, argv);
		if (r >= 0)
			return r;
	}
	if (optind < argc)
		return usage_error("monitor: unexpected '%s'", argv[optind]);

	r = monitor_check();
	if (r)
		return r;
	r = ifreg_mon_open(&mon, NULL);
	if (r == -ENOENT) {
		/* Gone since the check. */
		say_not_loaded("monitor: ", "");
		return EXIT_NO_MODULE;
	}
	if (r)
		return fail(NULL, "monitor: joining the \"events\" group", r, NULL);
	pfd.fd = ifreg_mon_fd(mon);
	pfd.events = POLLIN;
	do {
		if (poll(&pfd, 1, -1) < 0) {
			r = errno == EINTR ? 0 : -errno;
			continue;
		}
		r = monitor_read(mon, &m);
	} while (r == 0);
	ifreg_mon_close(mon);
	if (r == -ENODEV) {
		fflush(stdout);
		fputs("ifregctl: monitor: the ifreg module was unloaded\n", stderr);
		return EXIT_NO_MODULE;
	}
	if (r < 0)
		return fail(NULL, "monitor", r, NULL);
	return EXIT_OK;
}
