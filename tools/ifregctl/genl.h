/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ifregctl's side of generic netlink, on libmnl: finding the ifreg family
 * and its events group, sending a request and reading its replies (one
 * message, a dump, or an ack), turning a netlink error into an errno plus
 * the kernel's extended-ack message, and checking reply attributes.
 */
#ifndef _IFREGCTL_GENL_H
#define _IFREGCTL_GENL_H

#include <stdbool.h>
#include <stdint.h>

#include <libmnl/libmnl.h>
#include <linux/ifreg.h>

struct ifc_genl {
	struct mnl_socket *nl;
	uint16_t family;	/* 0 until resolved */
	uint32_t events_group;	/* 0 when the family has none */
	uint32_t seq;
	char extack[256];	/* the kernel's message for the last error */
	bool dump_intr;		/* the last dump raced a change */
	bool family_gone;	/* ifc_genl_listen saw the family go */
};

/* Called once per reply message, with its attributes checked. */
typedef int (*ifc_msg_fn)(const struct nlattr *tb[IFREG_A_MAX + 1], void *data);

int ifc_genl_open(struct ifc_genl *g);
void ifc_genl_close(struct ifc_genl *g);
int ifc_genl_resolve(struct ifc_genl *g);
struct nlmsghdr *ifc_genl_msg(struct ifc_genl *g, void *buf, uint8_t cmd, uint16_t flags);
int ifc_genl_talk(struct ifc_genl *g, struct nlmsghdr *nlh, ifc_msg_fn fn, void *data);
int ifc_genl_subscribe(struct ifc_genl *g);
int ifc_genl_watch_family(struct ifc_genl *g);
int ifc_genl_listen(struct ifc_genl *g, ifc_msg_fn fn, void *data);
int ifc_parse_attrs(const struct nlmsghdr *nlh, const struct nlattr *tb[IFREG_A_MAX + 1]);

/* Big enough for any dump batch the kernel sends (it sizes them to what
 * the reader asked for, up to 32 KiB by default), and for any request
 * ifregctl makes; the receive buffer grows past it for a larger reply
 * (an instance's whole store).
 */
#define IFC_BUF_SIZE	65536

#endif /* _IFREGCTL_GENL_H */
