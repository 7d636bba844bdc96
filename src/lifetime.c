// SPDX-License-Identifier: GPL-2.0
/*
 * Objects whose release functions are module code (class kobjects,
 * instance devices, the driver-core class "ifreg") may be released after
 * their last user is gone, seconds later under
 * CONFIG_DEBUG_KOBJECT_RELEASE. The module counts them here and waits, at
 * unload, until the last of them and the RCU callbacks they queued have
 * run.
 */

#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/wait.h>

#include "lifetime.h"

static atomic_t ifreg_objects = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(ifreg_objects_released);

/**
 * ifreg_object_get() - count an object whose release is module code
 *
 * Context: Any context.
 */
void ifreg_object_get(void)
{
	atomic_inc(&ifreg_objects);
}

/**
 * ifreg_object_put() - the release of a counted object has run
 *
 * Context: Any context.
 */
void ifreg_object_put(void)
{
	if (atomic_dec_and_test(&ifreg_objects))
		wake_up_all(&ifreg_objects_released);
}

/**
 * ifreg_objects_wait() - wait until every counted object has been released
 *
 * Release functions are module code; the module may not go before the last
 * of them has run, nor before the RCU callbacks they queued.
 *
 * Context: Process context; sleeps.
 */
void ifreg_objects_wait(void)
{
	wait_event(ifreg_objects_released, !atomic_read(&ifreg_objects));
	rcu_barrier();
}
