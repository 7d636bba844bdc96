/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/ifreg.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_IFREG_H
#define _UAPI_LINUX_IFREG_H

#define IFREG_GENL_NAME		"ifreg"
#define IFREG_GENL_VERSION	1

/**
 * enum ifreg_flags - IFREG_A_FLAGS of a request
 * @IFREG_F_INCLUDE_NONACTIVE: IFREG_A_FLAGS of an IFREG_CMD_INTERFACE_GET dump
 * @IFREG_F_NO_STORE: IFREG_A_FLAGS of an IFREG_CMD_INTERFACE_GET do: reply
 *   without IFREG_A_STORE
 * @IFREG_F_CHECK: IFREG_A_FLAGS of the commands a restore sends
 *   (IFREG_CMD_INTERFACE_RESTORE, IFREG_CMD_STORE_SET,
 *   IFREG_CMD_CLASS_SET_DEFAULT, IFREG_CMD_LUID_RESERVE): check the request by
 *   the rules applying it would meet, change nothing, and answer 0 or the
 *   errno (and message) applying would answer now, the records before it in
 *   the store counted in (IFREG_A_AHEAD_*). A restore check replies with the
 *   symbolic link the instance has or would get, IFREG_A_EXISTS when it is
 *   registered already, and what it adds; a STORE_SET check checks the entry
 *   before it looks for the instance, so -ENOENT says the entry is good and
 *   only the instance is missing (it adds the entry and its bytes then), and
 *   replies with what it adds; a LUID_RESERVE check checks what the table
 *   holds as applying does, and replies as applying does, with what it adds.
 *   Any other command refuses the flag (-EINVAL).
 * @IFREG_F_DUMP_SEQ: IFREG_A_FLAGS of an IFREG_CMD_INTERFACE_GET dump: the
 *   dump starts with a message holding IFREG_A_SEQ alone, the sequence number
 *   of the last event multicast before it. A dump not flagged NLM_F_DUMP_INTR
 *   shows the registry as that event left it: a listener that joined the group
 *   before asking has each later change in its events with a larger number,
 *   and no earlier one (list, then follow, missing nothing and nothing twice).
 */
enum ifreg_flags {
	IFREG_F_INCLUDE_NONACTIVE = 1,
	IFREG_F_NO_STORE = 2,
	IFREG_F_CHECK = 4,
	IFREG_F_DUMP_SEQ = 8,
};

/**
 * enum ifreg_store_flags - IFREG_A_STORE_FLAGS of a value or property
 * @IFREG_STORE_F_PERSISTENT: IFREG_A_STORE_FLAGS: user space saves the entry
 *   across reboots
 */
enum ifreg_store_flags {
	IFREG_STORE_F_PERSISTENT = 1,
};

/**
 * enum ifreg_event_type - IFREG_A_EVENT, what an IFREG_CMD_EVENT says happened
 * @IFREG_EVENT_ARRIVAL: an instance was enabled
 * @IFREG_EVENT_REMOVAL: an instance was disabled
 * @IFREG_EVENT_REGISTERED: an instance was registered
 * @IFREG_EVENT_REMOVED: a registration was removed
 * @IFREG_EVENT_CHANGED: anything else of an instance changed: its PDO (bound,
 *   or gone), whether it is its class's default, a value or a property
 */
enum ifreg_event_type {
	IFREG_EVENT_ARRIVAL = 1,
	IFREG_EVENT_REMOVAL,
	IFREG_EVENT_REGISTERED,
	IFREG_EVENT_REMOVED,
	IFREG_EVENT_CHANGED,
};

enum ifreg_attr {
	IFREG_A_UNSPEC,
	IFREG_A_SYMBOLIC_LINK,
	IFREG_A_CLASS,
	IFREG_A_REFERENCE,
	IFREG_A_INSTANCE_PATH,
	IFREG_A_PDO,
	IFREG_A_ENABLED,
	IFREG_A_DEFAULT,
	IFREG_A_DEFAULT_LINK,
	IFREG_A_COUNT,
	IFREG_A_FLAGS,
	IFREG_A_EXISTS,
	IFREG_A_EVENT,
	IFREG_A_SEQ,
	IFREG_A_PAD,
	IFREG_A_IFINDEX,
	IFREG_A_NET_LUID,
	IFREG_A_IFTYPE,
	IFREG_A_LUID_INDEX,
	IFREG_A_OPER_STATUS,
	IFREG_A_ADMIN_STATUS,
	IFREG_A_ACCESS_TYPE,
	IFREG_A_HIGHEST,
	IFREG_A_LOWEST,
	IFREG_A_LINUX_IFINDEX,
	IFREG_A_NAME,
	IFREG_A_VALUE_NAME,
	IFREG_A_PROP_FMTID,
	IFREG_A_PROP_PID,
	IFREG_A_PROP_TYPE,
	IFREG_A_DATA,
	IFREG_A_STORE_FLAGS,
	IFREG_A_STORE,
	IFREG_A_STORE_ENTRY,
	IFREG_A_LUID_KEY,
	IFREG_A_LOCATION,
	IFREG_A_AHEAD_INSTANCES,
	IFREG_A_AHEAD_CLASS_INSTANCES,
	IFREG_A_AHEAD_CLASSES,
	IFREG_A_AHEAD_ENTRIES,
	IFREG_A_AHEAD_BYTES,
	IFREG_A_AHEAD_LUID_INDEXES,
	IFREG_A_AHEAD_RESERVATIONS,
	IFREG_A_DEVNODE,

	__IFREG_A_MAX,
	IFREG_A_MAX = (__IFREG_A_MAX - 1)
};

enum ifreg_cmd {
	IFREG_CMD_UNSPEC,
	IFREG_CMD_CLASS_GET,
	IFREG_CMD_INTERFACE_GET,
	IFREG_CMD_INTERFACE_REGISTER,
	IFREG_CMD_INTERFACE_SET_STATE,
	IFREG_CMD_INTERFACE_REMOVE,
	IFREG_CMD_CLASS_SET_DEFAULT,
	IFREG_CMD_NDIS_GET,
	IFREG_CMD_EVENT,
	IFREG_CMD_STORE_GET,
	IFREG_CMD_STORE_SET,
	IFREG_CMD_STORE_DEL,
	IFREG_CMD_INTERFACE_RESTORE,
	IFREG_CMD_LUID_GET,
	IFREG_CMD_LUID_ALLOC,
	IFREG_CMD_LUID_FREE,
	IFREG_CMD_LUID_RESERVE,

	__IFREG_CMD_MAX,
	IFREG_CMD_MAX = (__IFREG_CMD_MAX - 1)
};

#define IFREG_MCGRP_EVENTS	"events"

#endif /* _UAPI_LINUX_IFREG_H */
