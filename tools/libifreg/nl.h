/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libifreg's generic netlink plumbing, on libmnl (nl.c): one socket with
 * the ifreg family's id and groups, requests built in a buffer that grows,
 * their replies read whole however large (a dump, one message, or an ack),
 * netlink errors turned into a negative errno plus the kernel's
 * extended-ack message, and every reply attribute checked before a
 * library function sees it. Everything lives in struct ifreg_nl: the
 * library has no global state.
 */
#ifndef _IFREG_NL_H
#define _IFREG_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <libmnl/libmnl.h>
#include <linux/ifreg.h>

/* Tries of a dump that raced a change before -EAGAIN. */
#define IFREG_DUMP_TRIES	5

struct ifreg_nl {
	struct mnl_socket *sock;	/* NULL after a request broke off */
	uint16_t family;		/* 0 until resolved */
	uint32_t events_group;		/* 0 when the family has none */
	uint32_t seq;
	char *buf;			/* receive buffer, grown to fit */
	size_t buf_size;
	bool dump_intr;			/* the last request raced a change */
	char extack[256];		/* the kernel's message for the last error */
};

/* A request being built; its buffer grows as attributes are added. */
struct ifreg_msg {
	struct nlmsghdr *nlh;
	size_t size;			/* of the buffer nlh starts */
	int err;			/* the first failure adding to it */
};

/*
 * Called once per reply message with its attributes checked: 0 to go on,
 * or a negative errno, which ends the request with it.
 */
typedef int (*ifreg_msg_fn)(const struct nlattr *tb[IFREG_A_MAX + 1], void *data);
/* Called before each try of a dump, to drop what a raced try gave. */
typedef void (*ifreg_reset_fn)(void *data);

int ifreg_nl_open(struct ifreg_nl *nl);
void ifreg_nl_close(struct ifreg_nl *nl);
int ifreg_nl_resolve(struct ifreg_nl *nl);
int ifreg_nl_join(struct ifreg_nl *nl, uint32_t group);
int ifreg_nl_notify_group(struct ifreg_nl *nl, uint32_t *group);
int ifreg_nl_parse(const struct nlmsghdr *nlh, const struct nlattr *tb[IFREG_A_MAX + 1]);
ssize_t ifreg_nl_recv(struct ifreg_nl *nl, int flags);
int ifreg_nl_drop(struct ifreg_nl *nl);

int ifreg_msg_init(struct ifreg_nl *nl, struct ifreg_msg *m, uint8_t cmd, uint16_t flags);
void ifreg_msg_free(struct ifreg_msg *m);
void ifreg_msg_put(struct ifreg_msg *m, uint16_t type, size_t len, const void *data);
void ifreg_msg_put_str(struct ifreg_msg *m, uint16_t type, const char *s);
void ifreg_msg_put_u8(struct ifreg_msg *m, uint16_t type, uint8_t v);
void ifreg_msg_put_u16(struct ifreg_msg *m, uint16_t type, uint16_t v);
void ifreg_msg_put_u32(struct ifreg_msg *m, uint16_t type, uint32_t v);
void ifreg_msg_put_u64(struct ifreg_msg *m, uint16_t type, uint64_t v);

int ifreg_nl_talk(struct ifreg_nl *nl, struct ifreg_msg *m, ifreg_msg_fn fn, void *data);
int ifreg_nl_dump(struct ifreg_nl *nl, struct ifreg_msg *m, ifreg_msg_fn fn,
		  ifreg_reset_fn reset, void *data);

#endif /* _IFREG_NL_H */
