/* SPDX-License-Identifier: GPL-2.0 */
/* The driver-core watch: hearing that a device is added or deleted. */
#ifndef _IFREG_WATCH_H
#define _IFREG_WATCH_H

struct device;

/**
 * struct ifreg_watch_ops - what a watch tells, installed by the registry
 * @added: @dev is being added (in device_add(), before its "add" uevent)
 * @deleted: @dev is being deleted (in device_del(), before its "remove")
 * @started: a driver's probe of @dev succeeded (under @dev's lock)
 * @stopped: a driver's probe of @dev failed (@probe_failed), or its driver
 *	has unbound (under @dev's lock)
 * @settle: @dev, handed to ifreg_watch_settle(), is present and watched:
 *	settle what its driver did before (under @dev's lock, so no probe
 *	runs)
 */
struct ifreg_watch_ops {
	void (*added)(struct device *dev);
	void (*deleted)(struct device *dev);
	void (*started)(struct device *dev);
	void (*stopped)(struct device *dev, bool probe_failed);
	void (*settle)(struct device *dev);
};

int ifreg_watch_init(const struct ifreg_watch_ops *ops,
		     const struct ifreg_watch_ops *native);
void ifreg_watch_exit(void);
struct ifreg_watch_ticket;

struct ifreg_watch_ticket *ifreg_watch_device(struct device *pdo);
void ifreg_watch_settle(struct ifreg_watch_ticket *t);
void ifreg_watch_drop(struct ifreg_watch_ticket *t);
void ifreg_watch_flush(void);
bool ifreg_watch_watching(struct device *dev);

#endif /* _IFREG_WATCH_H */
