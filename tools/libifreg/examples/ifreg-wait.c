// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ifreg-wait: wait for interfaces of a class to arrive.
 *
 *	ifreg-wait [--count N] CLASS-GUID
 *
 * Prints the class's enabled interfaces ("present LINK DEVNODE"), then
 * each arrival ("arrived LINK DEVNODE") and removal ("removed LINK
 * DEVNODE") as it comes, "-" for an interface without a device node, and
 * exits 0 after N arrivals (default 1). The monitor is opened before the
 * list is taken, so an interface that arrives meanwhile is either present
 * or arrived: never both, never neither (ifreg_mon_open(3)).
 */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ifreg/libifreg.h>

/* The class's enabled interfaces, as the last list and the events since say. */
static struct ifreg_iface *known;
static size_t nknown;

static void say(const char *what, const struct ifreg_iface *iface)
{
	printf("%s %s %s\n", what, iface->symbolic_link, iface->devnode ? iface->devnode : "-");
	fflush(stdout);
}

static struct ifreg_iface *find(struct ifreg_iface *v, size_t n, const char *link)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i].symbolic_link, link))
			return &v[i];
	return NULL;
}

/*
 * List the class again, after events were lost (or for the first time:
 * first is true) and say what changed since the last list: the list is
 * the truth, and the events that follow are those after it. Returns the
 * arrivals it found, or a negative errno.
 */
static int relist(struct ifreg_mon *mon, bool first)
{
	struct ifreg_iface *now;
	size_t n, i;
	int arrived = 0, err;

	err = ifreg_mon_list(mon, 0, &now, &n);
	if (err < 0)
		return err;
	for (i = 0; i < n; i++) {
		if (first) {
			say("present", &now[i]);
		} else if (!find(known, nknown, now[i].symbolic_link)) {
			say("arrived", &now[i]);
			arrived++;
		}
	}
	for (i = 0; i < nknown; i++)
		if (!find(now, n, known[i].symbolic_link))
			say("removed", &known[i]);
	ifreg_iface_array_free(known, nknown);
	known = now;
	nknown = n;
	return arrived;
}

/* Keep the instance an arrival event carries; the event is left empty. */
static int keep(struct ifreg_event *ev)
{
	struct ifreg_iface *v = realloc(known, (nknown + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	known = v;
	known[nknown++] = ev->iface;
	memset(&ev->iface, 0, sizeof(ev->iface));
	return 0;
}

/* Forget an instance a removal event names. */
static void forget(const char *link)
{
	struct ifreg_iface *k = find(known, nknown, link);

	if (!k)
		return;
	ifreg_iface_clear(k);
	*k = known[--nknown];
}

/* What a failure means here, in words. */
static const char *why(int err)
{
	switch (err) {
	case -ENOENT:
		return "the ifreg module is not loaded";
	case -ENODEV:
		return "the ifreg module was unloaded";
	case -EINVAL:
		return "not a GUID in braces";
	case -EOPNOTSUPP:
		return "device interfaces are seen only in the initial network namespace "
		       "(or the ifreg module is too old)";
	}
	return strerror(-err);
}

int main(int argc, char **argv)
{
	unsigned long want = 1, got = 0;
	struct ifreg_mon *mon;
	struct pollfd pfd;
	char *end;
	int r;

	if (argc == 4 && !strcmp(argv[1], "--count")) {
		want = strtoul(argv[2], &end, 10);
		argc = *end || !want || argv[2][0] == '-' ? 0 : 2;
		argv += 2;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: ifreg-wait [--count N] CLASS-GUID\n");
		return 2;
	}

	/* Events are heard from here on: before the list, so none is missed. */
	r = ifreg_mon_open(&mon, argv[1]);
	if (r < 0) {
		fprintf(stderr, "ifreg-wait: %s\n", why(r));
		return r == -EINVAL ? 2 : 1;
	}
	r = relist(mon, true);

	pfd.fd = ifreg_mon_fd(mon);
	pfd.events = POLLIN;
	while (r >= 0 && got < want) {
		struct ifreg_event ev;

		if (poll(&pfd, 1, -1) < 0) {
			r = errno == EINTR ? 0 : -errno;
			continue;
		}
		/* Everything queued: 0 means nothing more for this class now. */
		while (got < want && (r = ifreg_mon_read(mon, &ev)) == 1) {
			if (ev.kind == IFREG_EVENT_KIND_ARRIVAL) {
				say("arrived", &ev.iface);
				got++;
				r = keep(&ev);
			} else if (ev.kind == IFREG_EVENT_KIND_REMOVAL) {
				say("removed", &ev.iface);
				forget(ev.iface.symbolic_link);
			}
			/* Registrations and other changes: not this program's business. */
			ifreg_event_clear(&ev);
			if (r < 0)
				break;
		}
		if (r == -ENOBUFS) {
			fprintf(stderr, "ifreg-wait: events were lost; listing again\n");
			r = relist(mon, false);
			if (r > 0)
				got += (unsigned long)r;
		}
	}

	ifreg_iface_array_free(known, nknown);
	ifreg_mon_close(mon);
	if (r < 0) {
		fprintf(stderr, "ifreg-wait: %s\n", why(r));
		return 1;
	}
	return 0;
}
