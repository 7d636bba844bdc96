/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tracepoints of ifreg (trace system "ifreg"), one per decision a
 * person debugging wants to see: an instance registered, enabled or
 * disabled and why, removed, bound to its device or left waiting for it,
 * an arrival held back by a probe let go, a notification handed to a
 * callback, an NDIS interface registered or deregistered, a NetLuidIndex
 * allocated or freed. Documentation/tracing.rst says what each one means.
 *
 * Each fires where its decision is final, under the locks its call site
 * holds, and takes none; off, each costs a static branch. Only
 * src/trace.c, which defines CREATE_TRACE_POINTS, sees what the events
 * read of the objects they are given: the other includers need only the
 * declarations below. Reasons are recorded as their names (see
 * ifreg_reason_name()), so that any reader of the buffer prints them.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM ifreg

#if !defined(_IFREG_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _IFREG_TRACE_H

#include <linux/tracepoint.h>
#include <linux/types.h>

struct device;
struct ifreg_event_rec;
struct ifreg_instance;
struct ifreg_ndis_if;

/*
 * An instance, its PDO ("-" while it has none) and class, with a word that
 * says why (a reason or how it was registered) and two flags, which each
 * event prints its own way.
 */
DECLARE_EVENT_CLASS(ifreg_instance_class,
		    TP_PROTO(const struct ifreg_instance *inst, const char *why,
			     bool enabled, bool announced),
		    TP_ARGS(inst, why, enabled, announced),
		    TP_STRUCT__entry(__string(link, inst->link)
				     __string(pdo, inst->pdo ? dev_name(inst->pdo) : "-")
				     __string(why, why)
				     __array(u8, class_guid, 16)
				     __field(bool, enabled)
				     __field(bool, announced)),
		    TP_fast_assign(ifreg_assign_str(link, inst->link);
				   ifreg_assign_str(pdo, inst->pdo ? dev_name(inst->pdo) : "-");
				   ifreg_assign_str(why, why);
				   memcpy(__entry->class_guid, &inst->class->guid, 16);
				   __entry->enabled = enabled;
				   __entry->announced = announced),
		    TP_printk("%s class={%pUl} pdo=%s reason=%s", __get_str(link),
			      __entry->class_guid, __get_str(pdo), __get_str(why))
);

/*
 * Enabled or disabled, and why. @announced: enabling, whether the arrival
 * left now (0: held back until the PDO's probe succeeds); disabling,
 * whether a removal leaves (0: it never arrived, and leaves quietly).
 */
DEFINE_EVENT_PRINT(ifreg_instance_class, ifreg_set_state,
		   TP_PROTO(const struct ifreg_instance *inst, const char *why,
			    bool enabled, bool announced),
		   TP_ARGS(inst, why, enabled, announced),
		   TP_printk("%s class={%pUl} pdo=%s state=%s reason=%s announced=%d",
			     __get_str(link), __entry->class_guid, __get_str(pdo),
			     __entry->enabled ? "enabled" : "disabled",
			     __get_str(why), __entry->announced)
);

/*
 * A new registration, in every table: made by a driver or user space on
 * its PDO (@why "register"), or restored from a store, bound or waiting
 * ("restore"). The flags are unused.
 */
DEFINE_EVENT_PRINT(ifreg_instance_class, ifreg_register,
		   TP_PROTO(const struct ifreg_instance *inst, const char *why,
			    bool enabled, bool announced),
		   TP_ARGS(inst, why, enabled, announced),
		   TP_printk("%s class={%pUl} pdo=%s how=%s", __get_str(link),
			     __entry->class_guid, __get_str(pdo), __get_str(why))
);

/*
 * An arrival a probe held back leaves (@why "probe_succeeded"). The flags
 * are unused.
 */
DEFINE_EVENT(ifreg_instance_class, ifreg_announce,
	     TP_PROTO(const struct ifreg_instance *inst, const char *why,
		      bool enabled, bool announced),
	     TP_ARGS(inst, why, enabled, announced)
);

/* A registration forgotten, with its values and properties, and why. */
DEFINE_EVENT(ifreg_instance_class, ifreg_remove,
	     TP_PROTO(const struct ifreg_instance *inst, const char *why,
		      bool enabled, bool announced),
	     TP_ARGS(inst, why, enabled, announced)
);

/* A waiting registration bound to its device, and how it met it. */
TRACE_EVENT(ifreg_bind,
	    TP_PROTO(const struct ifreg_instance *inst, const char *cause),
	    TP_ARGS(inst, cause),
	    TP_STRUCT__entry(__string(link, inst->link)
			     __string(pdo, dev_name(inst->pdo))
			     __string(cause, cause)),
	    TP_fast_assign(ifreg_assign_str(link, inst->link);
			   ifreg_assign_str(pdo, dev_name(inst->pdo));
			   ifreg_assign_str(cause, cause)),
	    TP_printk("%s pdo=%s cause=%s", __get_str(link), __get_str(pdo),
		      __get_str(cause))
);

/*
 * A registration lost its device (deleted): it waits for the device at
 * @location ("-": any with its instance path).
 */
TRACE_EVENT(ifreg_unbind,
	    TP_PROTO(const struct ifreg_instance *inst, const struct device *pdo,
		     const char *location),
	    TP_ARGS(inst, pdo, location),
	    TP_STRUCT__entry(__string(link, inst->link)
			     __string(pdo, dev_name(pdo))
			     __string(location, location ?: "-")),
	    TP_fast_assign(ifreg_assign_str(link, inst->link);
			   ifreg_assign_str(pdo, dev_name(pdo));
			   ifreg_assign_str(location, location ?: "-")),
	    TP_printk("%s pdo=%s waits_for=%s", __get_str(link), __get_str(pdo),
		      __get_str(location))
);

/*
 * A notification handed to a subscriber's callback @fn, just before the
 * call. "existing": an arrival owed to a new IFREG_NOTIFY_INCLUDE_EXISTING
 * subscriber alone.
 */
TRACE_EVENT(ifreg_notify,
	    TP_PROTO(const struct ifreg_event_rec *ev, const void *fn),
	    TP_ARGS(ev, fn),
	    TP_STRUCT__entry(__string(link, ev->symbolic_link)
			     __array(u8, class_guid, 16)
			     __field(const void *, fn)
			     __field(u64, seq)
			     __field(bool, arrival)
			     __field(bool, existing)),
	    TP_fast_assign(ifreg_assign_str(link, ev->symbolic_link);
			   memcpy(__entry->class_guid, &ev->class_guid, 16);
			   __entry->fn = fn;
			   __entry->seq = ev->seq;
			   __entry->arrival = ev->event == IFREG_ARRIVAL;
			   __entry->existing = !!ev->target),
	    TP_printk("%s class={%pUl} event=%s seq=%llu existing=%d fn=%ps",
		      __get_str(link), __entry->class_guid,
		      __entry->arrival ? "arrival" : "removal",
		      __entry->seq, __entry->existing, __entry->fn)
);

/*
 * An NDIS interface in the table of the namespace whose inode number is
 * @net_inum (what /proc/PID/ns/net names); a provider's has no netdev.
 */
DECLARE_EVENT_CLASS(ifreg_ndis_class,
		    TP_PROTO(unsigned int net_inum, const struct ifreg_ndis_if *nif),
		    TP_ARGS(net_inum, nif),
		    TP_STRUCT__entry(__field(u64, luid)
				     __field(unsigned int, net_inum)
				     __field(u32, ifindex)
				     __field(u32, linux_ifindex)
				     __array(char, netdev, IFNAMSIZ)),
		    TP_fast_assign(__entry->luid = nif->luid;
				   __entry->net_inum = net_inum;
				   __entry->ifindex = nif->ifindex;
				   __entry->linux_ifindex = nif->linux_ifindex;
				   strscpy(__entry->netdev, nif->dev ? nif->name : "-",
					   IFNAMSIZ)),
		    TP_printk("net=%u ifindex=%u luid=0x%016llx iftype=%llu luid_index=%llu netdev=%s linux_ifindex=%u",
			      __entry->net_inum, __entry->ifindex, __entry->luid,
			      __entry->luid >> 48, (__entry->luid >> 24) & 0xffffff,
			      __entry->netdev, __entry->linux_ifindex)
);

/* Put in its table: a netdev by ifreg, another by its provider. */
DEFINE_EVENT(ifreg_ndis_class, ifreg_ndis_register,
	     TP_PROTO(unsigned int net_inum, const struct ifreg_ndis_if *nif),
	     TP_ARGS(net_inum, nif)
);

/* Taken out of its table: its ifIndex is free again. */
DEFINE_EVENT(ifreg_ndis_class, ifreg_ndis_deregister,
	     TP_PROTO(unsigned int net_inum, const struct ifreg_ndis_if *nif),
	     TP_ARGS(net_inum, nif)
);

/* A NetLuidIndex of an IfType, in the namespace of inode @net_inum. */
DECLARE_EVENT_CLASS(ifreg_luid_class,
		    TP_PROTO(unsigned int net_inum, u16 iftype, u32 index),
		    TP_ARGS(net_inum, iftype, index),
		    TP_STRUCT__entry(__field(unsigned int, net_inum)
				     __field(u32, index)
				     __field(u16, iftype)),
		    TP_fast_assign(__entry->net_inum = net_inum;
				   __entry->index = index;
				   __entry->iftype = iftype),
		    TP_printk("net=%u iftype=%u luid_index=%u", __entry->net_inum,
			      __entry->iftype, __entry->index)
);

/* Allocated. */
DEFINE_EVENT(ifreg_luid_class, ifreg_luid_alloc,
	     TP_PROTO(unsigned int net_inum, u16 iftype, u32 index),
	     TP_ARGS(net_inum, iftype, index)
);

/* Freed (with its reservation, if it had one). */
DEFINE_EVENT(ifreg_luid_class, ifreg_luid_free,
	     TP_PROTO(unsigned int net_inum, u16 iftype, u32 index),
	     TP_ARGS(net_inum, iftype, index)
);

#endif /* _IFREG_TRACE_H */

/* Out of tree as in tree: found through Kbuild's -I of this directory. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
