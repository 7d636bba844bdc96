/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels ifreg supports (6.1 and 6.12) lives
 * here, force-included into each object by Kbuild. The IFREG_HAVE_* macros
 * name a capability and are set by Kbuild from the target's headers, never
 * from LINUX_VERSION_CODE.
 */
#ifndef _IFREG_COMPAT_H
#define _IFREG_COMPAT_H

/*
 * 6.2 made the device argument of uevent callbacks const. Declare callbacks
 * with IFREG_UEVENT_DEV_CONST struct device *dev.
 */
#ifdef IFREG_HAVE_CONST_UEVENT_DEV
#define IFREG_UEVENT_DEV_CONST const
#else
#define IFREG_UEVENT_DEV_CONST
#endif

#endif /* _IFREG_COMPAT_H */
