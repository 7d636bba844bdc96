/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libifreg: the ifreg device-interface registry and NDIS interface table
 * for programs, over the "ifreg" generic netlink family.
 *
 * Conventions, for every function:
 * - A function that can fail returns 0 (or a documented positive value)
 *   on success and a negative errno on failure; it never sets errno for
 *   the caller to read. After a failure the kernel's own message, when it
 *   sent one, is ifreg_ctx_errmsg()'s (else "").
 * - Strings and arrays a function gives back are allocated with malloc();
 *   each has its own free function. On failure, nothing is given back.
 * - Classes and property keys are GUIDs in braces, 38 characters:
 *   "{53f56307-b6bf-11d0-94f2-00a0c91efb8b}" (any case in requests).
 * - Threads: a struct ifreg_ctx or struct ifreg_mon is one netlink socket
 *   and may be used by one thread at a time; different ones may be used
 *   at once. The library has no global state.
 *
 * Permissions are the kernel's: reads are open to everyone; changes of
 * device interfaces need CAP_SYS_ADMIN (-EPERM), changes of the NDIS
 * table CAP_NET_ADMIN in the network namespace's user namespace. Device
 * interfaces are seen only from the initial network namespace
 * (-EOPNOTSUPP elsewhere); the NDIS functions answer for the caller's.
 */
#ifndef _IFREG_LIBIFREG_H
#define _IFREG_LIBIFREG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}" and its NUL */
#define IFREG_GUID_STRING_SIZE	39

/* ---- the context: a connection to the ifreg family ---- */

struct ifreg_ctx;

/*
 * Connect. 0 and *ctx set, or -ENOENT when the ifreg module is not loaded
 * (no generic netlink family "ifreg"), or another negative errno.
 */
int ifreg_ctx_open(struct ifreg_ctx **ctx);
void ifreg_ctx_close(struct ifreg_ctx *ctx);
/* The kernel's extended-ack message for the last failed call, or "". */
const char *ifreg_ctx_errmsg(const struct ifreg_ctx *ctx);
/*
 * The version of ifreg this library was built from ("0.15.0", or with the
 * commit in a development build: "0.15.0-3-gabc1234"); static, never NULL.
 * It needs no module; the module's own is /sys/module/ifreg/version.
 */
const char *ifreg_lib_version(void);

/* ---- device interfaces ---- */

/* One registered instance, as the kernel last reported it. */
struct ifreg_iface {
	char *symbolic_link;	/* "\??\..." */
	char class_guid[IFREG_GUID_STRING_SIZE];
	char *reference;	/* the reference string, NULL if none */
	char *instance_path;	/* "<SUBSYSTEM>\<device name>" */
	char *pdo;		/* sysfs path of the device it is bound to, or NULL */
	char *location;		/* unbound: the sysfs path it waits for, or NULL */
	char *devnode;		/* "/dev/..." that serves it, or NULL */
	bool enabled;		/* enabled, its arrival announced */
	bool is_default;	/* its class's default interface */
};

/* Also list registered instances that are not enabled. */
#define IFREG_LIST_INCLUDE_NONACTIVE	0x1

/*
 * The instances of a class (class_guid, or every class when NULL) on a
 * device (pdo, its sysfs path "/sys/devices/...", symlinks such as
 * /sys/class/net/eth0/device resolved, or any when NULL),
 * enabled ones only unless IFREG_LIST_INCLUDE_NONACTIVE: class by class,
 * each default first, then in order of registration. A class without
 * instances gives an empty list. -EINVAL for a bad GUID or flag; -EAGAIN
 * when the registry kept changing while it was read (5 tries).
 */
int ifreg_iface_list(struct ifreg_ctx *ctx, const char *class_guid, const char *pdo,
		     unsigned int flags, struct ifreg_iface **ifaces, size_t *count);
/* One instance by its symbolic link; -ENOENT when not registered. */
int ifreg_iface_get(struct ifreg_ctx *ctx, const char *symbolic_link, struct ifreg_iface *iface);
/*
 * The instance of alias_class_guid with the same instance path (the same
 * device) and the same reference string (both absent counts as the same),
 * enabled or not, into *alias_link: what the kernel's
 * ifreg_get_interface_alias() answers, letter case ignored; asked for its
 * own class, an instance is its own alias. -ENOENT when symbolic_link is
 * not registered or has no alias.
 */
int ifreg_iface_alias(struct ifreg_ctx *ctx, const char *symbolic_link,
		      const char *alias_class_guid, char **alias_link);
/*
 * Register an interface of class_guid on the device at sysfs path pdo
 * (symlinks resolved), with an optional reference string; its symbolic
 * link into *symbolic_link (may be NULL). 0 when registered now, 1 when it
 * was registered already.
 */
int ifreg_iface_register(struct ifreg_ctx *ctx, const char *pdo, const char *class_guid,
			 const char *reference, char **symbolic_link);
/* Enable or disable; 1 when enabling an instance already enabled. */
int ifreg_iface_set_state(struct ifreg_ctx *ctx, const char *symbolic_link, bool enable);
/* Remove a registration; -EBUSY while it is enabled. */
int ifreg_iface_remove(struct ifreg_ctx *ctx, const char *symbolic_link);
/* Make it its class's default interface. */
int ifreg_iface_set_default(struct ifreg_ctx *ctx, const char *symbolic_link);
/*
 * open(2) the device node that serves the instance, with open's flags
 * (O_CLOEXEC is added). A file descriptor, or -ENODEV when the instance
 * has no node, -ENOENT when it is not registered, or open's -errno.
 */
int ifreg_iface_open(struct ifreg_ctx *ctx, const char *symbolic_link, int oflags);
/* Free what an ifreg_iface holds (not the struct itself). */
void ifreg_iface_clear(struct ifreg_iface *iface);
void ifreg_iface_array_free(struct ifreg_iface *ifaces, size_t count);

/* One interface class. */
struct ifreg_class {
	char class_guid[IFREG_GUID_STRING_SIZE];
	uint32_t count;		/* its registered instances, enabled or not */
	char *default_link;	/* its default interface, or NULL */
};

int ifreg_class_list(struct ifreg_ctx *ctx, struct ifreg_class **classes, size_t *count);
void ifreg_class_array_free(struct ifreg_class *classes, size_t count);

/* ---- per-instance storage: named values and DEVPROPKEY properties ---- */

/* An entry's flag: user space saves it across reboots (ifregctl save). */
#define IFREG_STORE_PERSISTENT	0x1

struct ifreg_entry {
	char *value_name;	/* a named value's name; NULL for a property */
	char fmtid[IFREG_GUID_STRING_SIZE];	/* a property's key, else "" */
	uint32_t pid;
	uint32_t type;		/* a property's DEVPROPTYPE; 0 for a value */
	uint32_t flags;		/* IFREG_STORE_PERSISTENT */
	void *data;
	size_t size;
};

/* Every entry of an instance, in the order they were first set. */
int ifreg_store_list(struct ifreg_ctx *ctx, const char *symbolic_link,
		     struct ifreg_entry **entries, size_t *count);
/* One entry; -ENOENT when the instance or the entry is not there. */
int ifreg_store_get_value(struct ifreg_ctx *ctx, const char *symbolic_link, const char *name,
			  struct ifreg_entry *entry);
int ifreg_store_get_property(struct ifreg_ctx *ctx, const char *symbolic_link,
			     const char *fmtid, uint32_t pid, struct ifreg_entry *entry);
/*
 * Set (data may be NULL when size is 0); flags: IFREG_STORE_PERSISTENT.
 * -E2BIG for data larger than one netlink attribute holds (65531 bytes).
 */
int ifreg_store_set_value(struct ifreg_ctx *ctx, const char *symbolic_link, const char *name,
			  const void *data, size_t size, uint32_t flags);
int ifreg_store_set_property(struct ifreg_ctx *ctx, const char *symbolic_link,
			     const char *fmtid, uint32_t pid, uint32_t type,
			     const void *data, size_t size, uint32_t flags);
/* Delete; -ENOENT when absent. */
int ifreg_store_delete_value(struct ifreg_ctx *ctx, const char *symbolic_link, const char *name);
int ifreg_store_delete_property(struct ifreg_ctx *ctx, const char *symbolic_link,
				const char *fmtid, uint32_t pid);
void ifreg_entry_clear(struct ifreg_entry *entry);
void ifreg_entry_array_free(struct ifreg_entry *entries, size_t count);

/* ---- notifications: list, then follow ---- */

/* What happened to an instance (values of the kernel's events). */
enum ifreg_event_kind {
	IFREG_EVENT_KIND_ARRIVAL = 1,		/* enabled */
	IFREG_EVENT_KIND_REMOVAL = 2,		/* disabled */
	IFREG_EVENT_KIND_REGISTERED = 3,	/* registered */
	IFREG_EVENT_KIND_REMOVED = 4,		/* registration removed */
	IFREG_EVENT_KIND_CHANGED = 5,		/* PDO, default, a value or property */
};

struct ifreg_event {
	enum ifreg_event_kind kind;
	uint64_t seq;			/* the kernel's event number */
	struct ifreg_iface iface;	/* the instance as the change left it */
};

struct ifreg_mon;

/*
 * Join the registry's events, of class_guid only, or of every class when
 * NULL. Events are heard from this call on.
 */
int ifreg_mon_open(struct ifreg_mon **mon, const char *class_guid);
void ifreg_mon_close(struct ifreg_mon *mon);
/* The descriptor to poll(2) for POLLIN: an event (or a loss) is ready. */
int ifreg_mon_fd(const struct ifreg_mon *mon);
/* The kernel's message for the monitor's last failed call, or "". */
const char *ifreg_mon_errmsg(const struct ifreg_mon *mon);
/*
 * List the instances of the monitor's class as ifreg_iface_list() does
 * (flags: IFREG_LIST_INCLUDE_NONACTIVE), so that ifreg_mon_read() then
 * returns exactly the changes made after the list: none it shows, none
 * missed, none twice. Call it again after -ENOBUFS. -EOPNOTSUPP from a
 * module too old to say which event its list follows (IFREG_F_DUMP_SEQ),
 * -ENODEV when the module went away, -EAGAIN as ifreg_iface_list(). Events the socket held are dropped
 * (the list shows them): after a failed list, ifreg_mon_read() says
 * -ENOBUFS.
 */
int ifreg_mon_list(struct ifreg_mon *mon, unsigned int flags,
		   struct ifreg_iface **ifaces, size_t *count);
/*
 * The next event, without blocking: 1 and *event filled (release it with
 * ifreg_event_clear()), 0 when none is pending, -ENOBUFS when events were
 * lost (the socket overran): list again; -ENODEV when the ifreg module
 * went away.
 */
int ifreg_mon_read(struct ifreg_mon *mon, struct ifreg_event *event);
void ifreg_event_clear(struct ifreg_event *event);

/* ---- the NDIS interface table of the caller's network namespace ---- */

/* One NDIS interface. A field absent from the kernel's answer is 0/"". */
struct ifreg_netif {
	uint32_t ifindex;		/* NDIS ifIndex */
	uint64_t net_luid;		/* NET_LUID: IfType << 48 | NetLuidIndex << 24 */
	uint16_t iftype;
	uint32_t luid_index;
	uint32_t oper_status;		/* NET_IF_OPER_STATUS */
	uint32_t admin_status;		/* NET_IF_ADMIN_STATUS */
	uint32_t access_type;		/* NET_IF_ACCESS_TYPE */
	uint32_t highest;		/* ifIndex of the interface above, 0: none */
	uint32_t lowest;		/* ifIndex of the interface below, 0: none */
	uint32_t linux_ifindex;		/* the netdev's, 0 when not a netdev */
	char name[16];			/* the netdev's name, "" when none */
	char *luid_key;			/* what names the netdev across boots, or NULL */
};

int ifreg_netif_list(struct ifreg_ctx *ctx, struct ifreg_netif **netifs, size_t *count);
/* One interface; -ENOENT when there is none. */
int ifreg_netif_by_ifindex(struct ifreg_ctx *ctx, uint32_t ifindex, struct ifreg_netif *netif);
int ifreg_netif_by_luid(struct ifreg_ctx *ctx, uint64_t net_luid, struct ifreg_netif *netif);
int ifreg_netif_by_name(struct ifreg_ctx *ctx, const char *name, struct ifreg_netif *netif);
void ifreg_netif_clear(struct ifreg_netif *netif);
void ifreg_netif_array_free(struct ifreg_netif *netifs, size_t count);

/* The conversions (ConvertInterface*): -ENOENT when nothing matches. */
int ifreg_luid_to_ifindex(struct ifreg_ctx *ctx, uint64_t net_luid, uint32_t *ifindex);
int ifreg_ifindex_to_luid(struct ifreg_ctx *ctx, uint32_t ifindex, uint64_t *net_luid);
/* name: at least 16 bytes; -ENOENT also when the interface is no netdev. */
int ifreg_luid_to_name(struct ifreg_ctx *ctx, uint64_t net_luid, char *name, size_t size);
int ifreg_name_to_luid(struct ifreg_ctx *ctx, const char *name, uint64_t *net_luid);

/* One allocated NetLuidIndex. */
struct ifreg_luid_index {
	uint16_t iftype;
	uint32_t index;
	char *key;		/* the netdev it is kept for or used by, or NULL */
	uint32_t ifindex;	/* the interface using it, 0: none */
};

int ifreg_luid_list(struct ifreg_ctx *ctx, struct ifreg_luid_index **indexes, size_t *count);
void ifreg_luid_array_free(struct ifreg_luid_index *indexes, size_t count);
/* Allocate a NetLuidIndex for iftype; -ENOSPC when none is left. */
int ifreg_luid_alloc(struct ifreg_ctx *ctx, uint16_t iftype, uint32_t *index);
/* Free one; -EINVAL when not allocated for iftype, -EBUSY while in use. */
int ifreg_luid_free(struct ifreg_ctx *ctx, uint16_t iftype, uint32_t index);

/* ---- restoring saved state (what ifregctl restore sends) ---- */

/*
 * What a store's records add, counted so that a check of one record sees
 * the state the records before it would make.
 */
struct ifreg_ahead {
	uint32_t instances;		/* instances registered anew */
	uint32_t class_instances;	/* of them, of the record's class */
	uint32_t classes;		/* classes made */
	uint32_t entries;		/* entries added to the record's instance */
	int32_t bytes;			/* bytes of data they add there */
	uint32_t luid_indexes;		/* LUID indexes allocated */
	uint32_t reservations;		/* LUID index reservations made */
};

/*
 * A check instead of a change: the kernel answers as applying would on
 * the state after the records before (before), changing nothing, and
 * says what this record would add (adds).
 */
struct ifreg_check {
	struct ifreg_ahead before;	/* in */
	struct ifreg_ahead adds;	/* out */
};

/*
 * Bring back a saved registration (not enabled): bound to the device with
 * that instance path at pdo (a sysfs path, may be NULL), or waiting for it.
 * Its symbolic link into *symbolic_link (may be NULL). 0 when registered
 * now, 1 when it was already. check: NULL to apply.
 */
int ifreg_restore_iface(struct ifreg_ctx *ctx, const char *instance_path,
			const char *class_guid, const char *reference, const char *pdo,
			struct ifreg_check *check, char **symbolic_link);
/*
 * Set a persistent entry (entry->flags ignored). check: NULL to apply.
 * A check tries the entry before it looks for the instance: -ENOENT then
 * says the entry passed but the instance is not registered (yet), and
 * check->adds holds what it would add there (1 entry, its size).
 */
int ifreg_restore_entry(struct ifreg_ctx *ctx, const char *symbolic_link,
			const struct ifreg_entry *entry, struct ifreg_check *check);
int ifreg_restore_default(struct ifreg_ctx *ctx, const char *symbolic_link,
			  struct ifreg_check *check);
/*
 * Allocate exactly index for iftype again, kept for the netdev of key when
 * not NULL. 1 when it was so already. -EEXIST when taken otherwise.
 */
int ifreg_restore_luid(struct ifreg_ctx *ctx, uint16_t iftype, uint32_t index,
		       const char *key, struct ifreg_check *check);

#ifdef __cplusplus
}
#endif

#endif /* _IFREG_LIBIFREG_H */
