/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The ifreg generic netlink family: what user space sees of the registry.
 *
 * Family "ifreg", version IFREG_GENL_VERSION, namespace-aware: NDIS
 * requests answer for the caller's network namespace. Reads are open to
 * everyone; changes to device interfaces need CAP_SYS_ADMIN, changes to
 * the NDIS table CAP_NET_ADMIN in the namespace's user namespace. Every
 * change the registry makes is multicast to the group IFREG_MCGRP_EVENTS
 * as an IFREG_CMD_EVENT message (one per instance changed, carrying the
 * instance as the change left it) with a sequence number (IFREG_A_SEQ) that
 * grows by one per event, so a listener can tell it missed some.
 *
 * Device interfaces belong to the initial network namespace: their reads
 * (IFREG_CMD_CLASS_GET, IFREG_CMD_INTERFACE_GET, IFREG_CMD_STORE_GET) from
 * a socket of another namespace fail with -EOPNOTSUPP and an extended ack
 * saying so, and their events are multicast to the initial namespace
 * only. Their changes, which need CAP_SYS_ADMIN in the initial user
 * namespace, are taken from any namespace (a netdev is named by the sysfs
 * path its own namespace shows).
 *
 * Dumps restart-safe: a dump that raced a change is flagged with
 * NLM_F_DUMP_INTR on its messages (and can be asked again). A dump whose
 * request is refused answers the error, with its extended ack, in its
 * NLMSG_DONE.
 *
 * Nothing is answered cut or malformed: a reply is sized from what it
 * holds, what one message cannot hold is dumped one item per message, and
 * an answer that still cannot be made fails with -EMSGSIZE. Messages may
 * be larger than a page (a dump's, as large as its largest item needs; a
 * do's reply with a store, over 64 KiB): size the receive buffer with
 * MSG_PEEK | MSG_TRUNC.
 */
#ifndef _UAPI_LINUX_IFREG_H
#define _UAPI_LINUX_IFREG_H

#define IFREG_GENL_NAME		"ifreg"
#define IFREG_GENL_VERSION	1
#define IFREG_MCGRP_EVENTS	"events"

enum ifreg_cmd {
	IFREG_CMD_UNSPEC,
	/* Dump: one message per class: IFREG_A_CLASS, IFREG_A_COUNT (its
	 * registered instances, enabled or not), IFREG_A_DEFAULT_LINK (if set).
	 */
	IFREG_CMD_CLASS_GET,
	/* Do (IFREG_A_SYMBOLIC_LINK) or dump (filters IFREG_A_CLASS,
	 * IFREG_A_PDO, IFREG_A_FLAGS): one message per instance, with
	 * IFREG_A_SYMBOLIC_LINK, IFREG_A_CLASS, IFREG_A_INSTANCE_PATH,
	 * IFREG_A_REFERENCE (if any), IFREG_A_ENABLED, IFREG_A_PDO (if bound),
	 * IFREG_A_DEFAULT (flag, if the class's default). A dump goes class by
	 * class, each with its default interface first, then the others in
	 * order of registration. The do's reply carries the instance's store
	 * too (IFREG_A_STORE) unless IFREG_A_FLAGS has IFREG_F_NO_STORE; a
	 * store larger than one attribute holds (64 KiB) is -EMSGSIZE: ask
	 * with IFREG_F_NO_STORE and dump IFREG_CMD_STORE_GET.
	 */
	IFREG_CMD_INTERFACE_GET,
	/* IFREG_A_PDO, IFREG_A_CLASS, IFREG_A_REFERENCE (optional): register
	 * an interface on the device at that sysfs path; the reply carries
	 * IFREG_A_SYMBOLIC_LINK and IFREG_A_EXISTS when it was registered.
	 */
	IFREG_CMD_INTERFACE_REGISTER,
	/* IFREG_A_SYMBOLIC_LINK, IFREG_A_ENABLED: enable or disable; the reply
	 * carries IFREG_A_EXISTS when enabling an enabled instance.
	 */
	IFREG_CMD_INTERFACE_SET_STATE,
	/* IFREG_A_SYMBOLIC_LINK: remove the registration; -EBUSY while it is
	 * enabled (disable it first).
	 */
	IFREG_CMD_INTERFACE_REMOVE,
	/* IFREG_A_SYMBOLIC_LINK: make it its class's default interface. */
	IFREG_CMD_CLASS_SET_DEFAULT,
	/* Do (IFREG_A_IFINDEX or IFREG_A_NET_LUID or IFREG_A_NAME) or dump:
	 * one message per NDIS interface of the caller's namespace; a netdev's
	 * carries its IFREG_A_LUID_KEY (unless its sysfs path is too long).
	 */
	IFREG_CMD_NDIS_GET,
	/* Multicast only: IFREG_A_EVENT, IFREG_A_SEQ, and the instance's
	 * attributes as IFREG_CMD_INTERFACE_GET gives them, after the change.
	 */
	IFREG_CMD_EVENT,
	/* Per-instance storage. The entry is a named value (IFREG_A_VALUE_NAME)
	 * or a property (IFREG_A_PROP_FMTID + IFREG_A_PROP_PID, a DEVPROPKEY),
	 * of the instance IFREG_A_SYMBOLIC_LINK.
	 * GET replies with IFREG_A_DATA, IFREG_A_STORE_FLAGS and, for a
	 * property, IFREG_A_PROP_TYPE. GET as a dump, with
	 * IFREG_A_SYMBOLIC_LINK alone, gives every entry of the instance, one
	 * message each as GET's reply, in the order they were first set
	 * (-ENOENT at once when there is no such instance; an instance
	 * removed meanwhile ends the dump, flagged NLM_F_DUMP_INTR).
	 * SET needs IFREG_A_DATA (may be empty),
	 * takes IFREG_A_PROP_TYPE (properties) and IFREG_A_STORE_FLAGS. DEL
	 * deletes (-ENOENT when absent).
	 */
	IFREG_CMD_STORE_GET,
	IFREG_CMD_STORE_SET,
	IFREG_CMD_STORE_DEL,
	/* Persistence (ifregctl restore): IFREG_A_INSTANCE_PATH,
	 * IFREG_A_CLASS, IFREG_A_REFERENCE (optional), IFREG_A_PDO (optional,
	 * the sysfs path the device had): bring back a registration that a
	 * store saved. It exists at once without its PDO; it is bound to the
	 * device with that instance path when IFREG_A_PDO names it (at once),
	 * when it is added later on a bus or class ifreg watches, or when its
	 * driver registers it again (Documentation/ifreg.rst, "Restored
	 * registrations"). The reply is as IFREG_CMD_INTERFACE_GET's, with
	 * IFREG_A_EXISTS when it was registered already (restoring it again
	 * with IFREG_A_PDO still binds a waiting one). Not enabled: enabling
	 * is the driver's job.
	 */
	IFREG_CMD_INTERFACE_RESTORE,
	/* Dump: one message per allocated NetLuidIndex of the caller's
	 * namespace: IFREG_A_IFTYPE, IFREG_A_LUID_INDEX, IFREG_A_LUID_KEY (the
	 * key it is reserved for, else that of the netdev using it, if any),
	 * IFREG_A_IFINDEX (if an interface uses it).
	 */
	IFREG_CMD_LUID_GET,
	/* IFREG_A_IFTYPE: NdisIfAllocateNetLuidIndex; the reply carries
	 * IFREG_A_IFTYPE and IFREG_A_LUID_INDEX. Needs CAP_NET_ADMIN in the namespace's user
	 * namespace, as every NDIS change does.
	 */
	IFREG_CMD_LUID_ALLOC,
	/* IFREG_A_IFTYPE, IFREG_A_LUID_INDEX: NdisIfFreeNetLuidIndex;
	 * -EINVAL when not allocated for that IfType, -EBUSY while an
	 * interface uses it. A reservation for a netdev goes with it.
	 */
	IFREG_CMD_LUID_FREE,
	/* Persistence: IFREG_A_IFTYPE, IFREG_A_LUID_INDEX, IFREG_A_LUID_KEY
	 * (optional): allocate exactly that index again. With a key, the
	 * index is kept for the netdev of that key (IFREG_A_LUID_KEY of
	 * IFREG_CMD_NDIS_GET): it gets it whenever it registers, keeps it
	 * allocated when it goes, and one registered now moves to it (same
	 * ifIndex); a netdev without a reservation using the index moves to
	 * a fresh one. -EEXIST when the index is reserved for another key or
	 * allocated not to a netdev, or the key has another index. Without a
	 * key, a plain allocation; -EEXIST when reserved or a netdev uses it.
	 * -ENOSPC beyond max_luid_index or max_ndis_interfaces reservations.
	 * The reply carries IFREG_A_IFTYPE, IFREG_A_LUID_INDEX, and
	 * IFREG_A_EXISTS when already so (nothing changed).
	 */
	IFREG_CMD_LUID_RESERVE,

	__IFREG_CMD_MAX,
	IFREG_CMD_MAX = __IFREG_CMD_MAX - 1
};

enum ifreg_attr {
	IFREG_A_UNSPEC,
	IFREG_A_SYMBOLIC_LINK,	/* string, "\??\..." */
	IFREG_A_CLASS,		/* string, "{xxxxxxxx-...}" */
	IFREG_A_REFERENCE,	/* string */
	IFREG_A_INSTANCE_PATH,	/* string, "<SUBSYSTEM>\<dev_name>" */
	IFREG_A_PDO,		/* string, sysfs path of the device ("/sys/devices/...") */
	IFREG_A_ENABLED,	/* u8, 0 or 1: enabled and its arrival sent
				 * (one enabled inside its device's probe
				 * counts once the probe has succeeded)
				 */
	IFREG_A_DEFAULT,	/* flag */
	IFREG_A_DEFAULT_LINK,	/* string */
	IFREG_A_COUNT,		/* u32 */
	IFREG_A_FLAGS,		/* u32, IFREG_F_* */
	IFREG_A_EXISTS,		/* flag: informational success */
	IFREG_A_EVENT,		/* u32, enum ifreg_event_type */
	IFREG_A_SEQ,		/* u64 */
	IFREG_A_PAD,
	IFREG_A_IFINDEX,	/* u32, NDIS ifIndex */
	IFREG_A_NET_LUID,	/* u64 */
	IFREG_A_IFTYPE,		/* u16 */
	IFREG_A_LUID_INDEX,	/* u32 */
	IFREG_A_OPER_STATUS,	/* u32, NET_IF_OPER_STATUS */
	IFREG_A_ADMIN_STATUS,	/* u32, NET_IF_ADMIN_STATUS */
	IFREG_A_ACCESS_TYPE,	/* u32, NET_IF_ACCESS_TYPE */
	IFREG_A_HIGHEST,	/* u32, ifIndex */
	IFREG_A_LOWEST,		/* u32, ifIndex */
	IFREG_A_LINUX_IFINDEX,	/* u32, 0 when not a netdev */
	IFREG_A_NAME,		/* string, netdev name */
	IFREG_A_VALUE_NAME,	/* string, a named value's name */
	IFREG_A_PROP_FMTID,	/* string, "{xxxxxxxx-...}", DEVPROPKEY fmtid */
	IFREG_A_PROP_PID,	/* u32, DEVPROPKEY pid */
	IFREG_A_PROP_TYPE,	/* u32, DEVPROPTYPE */
	IFREG_A_DATA,		/* binary */
	IFREG_A_STORE_FLAGS,	/* u32, IFREG_STORE_F_* */
	IFREG_A_STORE,		/* nest of IFREG_A_STORE_ENTRY, in
				 * IFREG_CMD_INTERFACE_GET's do reply (when it
				 * fits one attribute: see there)
				 */
	IFREG_A_STORE_ENTRY,	/* nest: IFREG_A_VALUE_NAME or IFREG_A_PROP_FMTID
				 * + IFREG_A_PROP_PID, IFREG_A_PROP_TYPE,
				 * IFREG_A_STORE_FLAGS, IFREG_A_DATA
				 */
	IFREG_A_LUID_KEY,	/* string: what identifies a netdev across
				 * reboots, the sysfs path it had when it
				 * registered ("/devices/.../net/eth0"), at
				 * most 255 bytes
				 */
	IFREG_A_LOCATION,	/* string, an instance without a PDO: the sysfs
				 * path ("/sys/devices/...") of the device it
				 * waits for, "@<namespace cookie>" after it for
				 * a netdev of a network namespace other than
				 * the initial one; absent when any device with
				 * its instance path would do
				 */
	/*
	 * IFREG_F_CHECK of a restore's records: in a request, what the
	 * store's records before it add (each summed from their checks'
	 * replies); in a check's reply, what the record adds itself. The
	 * caps are checked with them, so that a store reaching one only by
	 * its records' sum is refused by its check.
	 */
	IFREG_A_AHEAD_INSTANCES,	/* u32, instances registered anew */
	IFREG_A_AHEAD_CLASS_INSTANCES,	/* u32, of them, of the record's class */
	IFREG_A_AHEAD_CLASSES,		/* u32, classes made */
	IFREG_A_AHEAD_ENTRIES,		/* u32, entries added to the record's
					 * instance's store (not replaced)
					 */
	IFREG_A_AHEAD_BYTES,		/* s32, bytes of data they add there
					 * (less what they replace)
					 */
	IFREG_A_AHEAD_LUID_INDEXES,	/* u32, LUID indexes allocated */
	IFREG_A_AHEAD_RESERVATIONS,	/* u32, LUID index reservations made */
	IFREG_A_DEVNODE,		/* string, "/dev/...", the node that
					 * serves an instance
					 */

	__IFREG_A_MAX,
	IFREG_A_MAX = __IFREG_A_MAX - 1
};

/* IFREG_A_FLAGS of an IFREG_CMD_INTERFACE_GET dump */
#define IFREG_F_INCLUDE_NONACTIVE	0x1
/* IFREG_A_FLAGS of an IFREG_CMD_INTERFACE_GET do: reply without IFREG_A_STORE */
#define IFREG_F_NO_STORE		0x2
/*
 * IFREG_A_FLAGS of the commands a restore sends (IFREG_CMD_INTERFACE_RESTORE,
 * IFREG_CMD_STORE_SET, IFREG_CMD_CLASS_SET_DEFAULT, IFREG_CMD_LUID_RESERVE):
 * check the request by the rules applying it would meet, change nothing,
 * and answer 0 or the errno (and message) applying would answer now, the
 * records before it in the store counted in (IFREG_A_AHEAD_*). A restore
 * check replies with the symbolic link the instance has or would get,
 * IFREG_A_EXISTS when it is registered already, and what it adds; a
 * STORE_SET check checks the entry before it looks for the instance, so
 * -ENOENT says the entry is good and only the instance is missing (it
 * adds the entry and its bytes then), and replies with what it adds; a
 * LUID_RESERVE check checks what the table holds as applying does, and
 * replies as applying does, with what it adds. Any other command refuses
 * the flag (-EINVAL).
 */
#define IFREG_F_CHECK			0x4
/*
 * IFREG_A_FLAGS of an IFREG_CMD_INTERFACE_GET dump: the dump starts with a
 * message holding IFREG_A_SEQ alone, the sequence number of the last
 * event multicast before it. A dump not flagged NLM_F_DUMP_INTR shows the
 * registry as that event left it: a listener that joined the group before
 * asking has each later change in its events with a larger number, and
 * no earlier one (list, then follow, missing nothing and nothing twice).
 */
#define IFREG_F_DUMP_SEQ		0x8

/* IFREG_A_STORE_FLAGS: user space saves the entry across reboots */
#define IFREG_STORE_F_PERSISTENT	0x1

enum ifreg_event_type {
	IFREG_EVENT_ARRIVAL = 1,	/* an instance was enabled */
	IFREG_EVENT_REMOVAL = 2,	/* an instance was disabled */
	IFREG_EVENT_REGISTERED = 3,	/* an instance was registered */
	IFREG_EVENT_REMOVED = 4,	/* a registration was removed */
	IFREG_EVENT_CHANGED = 5,	/* anything else of an instance changed:
					 * its PDO (bound, or gone), whether it
					 * is its class's default, a value or a
					 * property
					 */
};

#endif /* _UAPI_LINUX_IFREG_H */
