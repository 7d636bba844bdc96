// SPDX-License-Identifier: GPL-2.0
/*
 * Where ifreg's tracepoints (src/trace.h) are made: the one file that
 * defines CREATE_TRACE_POINTS, and so the one that must see every type the
 * events read, included before the trace header.
 */

#include <linux/device.h>
#include <linux/if.h>
#include <linux/module.h>
#include <linux/string.h>

#include "ndis_table.h"
#include "notify.h"
#include "registry.h"

#define CREATE_TRACE_POINTS
#include "trace.h"

/* The KUnit suites hear what the events say (kunit/lifecycle_test.c). */
#if IS_ENABLED(CONFIG_KUNIT)
EXPORT_TRACEPOINT_SYMBOL_GPL(ifreg_set_state);
#endif
