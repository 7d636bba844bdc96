// SPDX-License-Identifier: GPL-2.0
/*
 * ifregctl monitor: the registry's events (arrival, removal, registered,
 * removed, changed) as they happen, one line or JSON object each, until --count
 * events or the module goes away (exit 3). A hole in the events' sequence
 * numbers, or events lost to a full receive buffer, is said on stderr.
 * Events are heard in the initial network namespace only; elsewhere
 * monitor fails at once.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "ifregctl.h"
#include "json.h"

struct monitor {
	unsigned long long limit, seen;
	uint64_t last;
	bool have_last;
};

static const char *event_name(uint32_t ev)
{
	switch (ev) {
	case IFREG_EVENT_ARRIVAL:
		return "arrival";
	case IFREG_EVENT_REMOVAL:
		return "removal";
	case IFREG_EVENT_REGISTERED:
		return "registered";
	case IFREG_EVENT_REMOVED:
		return "removed";
	case IFREG_EVENT_CHANGED:
		return "changed";
	}
	return NULL;
}

/* One event: a line, and a word on stderr when the sequence has a hole. */
static int event_cb(const struct nlattr *tb[], void *data)
{
	struct monitor *m = data;
	uint64_t seq = tb[IFREG_A_SEQ] ? mnl_attr_get_u64(tb[IFREG_A_SEQ]) : 0;
	uint32_t ev = u32_attr(tb, IFREG_A_EVENT);
	char evbuf[24];
	const char *name = event_name(ev);

	if (!name) {
		snprintf(evbuf, sizeof(evbuf), "event-%" PRIu32, ev);
		name = evbuf;
	}
	if (!tb[IFREG_A_SEQ])
		fputs("ifregctl: monitor: an event without a sequence number\n", stderr);
	else if (m->have_last && seq != m->last + 1) {
		fflush(stdout);
		if (seq > m->last + 1)
			fprintf(stderr, "ifregctl: monitor: missed %" PRIu64 " event(s) (seq %" PRIu64 " to %" PRIu64 ")\n",
				seq - m->last - 1, m->last + 1, seq - 1);
		else
			fprintf(stderr, "ifregctl: monitor: sequence went from %" PRIu64 " back to %" PRIu64 " (module reloaded?)\n",
				m->last, seq);
	}
	if (tb[IFREG_A_SEQ]) {
		m->last = seq;
		m->have_last = true;
	}

	if (json) {
		json_open_object(stdout, NULL);
		json_uint(stdout, "seq", seq);
		json_string(stdout, "event", name);
		if (tb[IFREG_A_CLASS])
			json_string(stdout, "class", str_attr(tb, IFREG_A_CLASS));
		if (tb[IFREG_A_SYMBOLIC_LINK])
			json_string(stdout, "link", str_attr(tb, IFREG_A_SYMBOLIC_LINK));
		/* The instance as the event left it. */
		if (tb[IFREG_A_ENABLED])
			json_bool(stdout, "enabled", mnl_attr_get_u8(tb[IFREG_A_ENABLED]));
		if (tb[IFREG_A_PDO])
			json_string(stdout, "pdo", pdo_attr(tb));
		if (tb[IFREG_A_DEVNODE])
			json_string(stdout, "devnode", str_attr(tb, IFREG_A_DEVNODE));
		json_close_object(stdout);
		json_end(stdout);
	} else {
		printf("%" PRIu64 " %s %s %s\n", seq, name, str_attr(tb, IFREG_A_CLASS) ?: "-",
		       str_attr(tb, IFREG_A_SYMBOLIC_LINK) ?: "-");
	}
	fflush(stdout);
	return m->limit && ++m->seen >= m->limit ? 1 : 0;
}

/*
 * monitor_check_net: events are sent to the initial network namespace
 * only, where device interfaces are read: elsewhere monitor would wait
 * for nothing. A read (the classes, few) says which it is. Returns 0 or
 * the read's negative errno.
 */
static int monitor_check_net(struct ifc_genl *g)
{
	struct nlmsghdr *nlh = ifc_genl_msg(g, msgbuf, IFREG_CMD_CLASS_GET, NLM_F_DUMP);

	return ifc_genl_talk(g, nlh, NULL, NULL);
}

int cmd_monitor(int argc, char **argv)
{
	struct monitor m = { .limit = 0 };
	const char *count = NULL;
	struct ifc_genl g;
	char *end;
	int i, r;

	for (i = 1; i < argc; i++) {
		if (is_json_opt(argv[i])) {
			json = true;
		} else if ((r = opt_value(argc, argv, &i, "--count", &count)) != 0) {
			if (r < 0)
				return usage_error("%s needs a value", argv[i]);
			errno = 0;
			m.limit = strtoull(count, &end, 10);
			if (errno || *end || !isdigit((unsigned char)count[0]) || m.limit == 0)
				return usage_error("--count wants a number of events from 1 up, not '%s'", count);
		} else {
			return usage_error("monitor: unexpected '%s'", argv[i]);
		}
	}
	r = connect_ifreg(&g);
	if (r)
		return r;
	r = monitor_check_net(&g);
	if (r) {
		r = fail(&g, "monitor", r, NULL);
		ifc_genl_close(&g);
		return r;
	}
	r = ifc_genl_subscribe(&g);
	if (r) {
		r = fail(&g, "monitor: joining the \"" IFREG_MCGRP_EVENTS "\" group", r,
			 "the family has no events group");
		ifc_genl_close(&g);
		return r;
	}
	/* Without it monitor would wait forever once the module is gone. */
	r = ifc_genl_watch_family(&g);
	if (r) {
		r = fail(&g, "monitor: joining nlctrl's \"notify\" group", r, NULL);
		ifc_genl_close(&g);
		return r;
	}
	for (;;) {
		r = ifc_genl_listen(&g, event_cb, &m);
		if (r == -ENOBUFS) {
			fflush(stdout);
			fputs("ifregctl: monitor: events lost (receive buffer overrun)\n", stderr);
			continue;
		}
		if (r)
			break;
	}
	ifc_genl_close(&g);
	if (g.family_gone) {
		fflush(stdout);
		fputs("ifregctl: monitor: the ifreg module was unloaded\n", stderr);
		return EXIT_NO_MODULE;
	}
	if (r < 0)
		return fail(&g, "monitor", r, NULL);
	return EXIT_OK;
}
