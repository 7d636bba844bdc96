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

/*
 * 6.4 made the class argument of class_release() const. Declare the
 * callback with IFREG_CLASS_RELEASE_CONST struct class *cls.
 */
#ifdef IFREG_HAVE_CONST_CLASS_RELEASE
#define IFREG_CLASS_RELEASE_CONST const
#else
#define IFREG_CLASS_RELEASE_CONST
#endif

/*
 * 6.4 dropped the class_interface argument of add_dev()/remove_dev(), and
 * the owner of struct class (which class_create() set from its caller).
 */
#ifdef IFREG_HAVE_CLASS_OWNER
#define ifreg_class_owner(cls) ((cls)->owner)
#define ifreg_class_create(name) class_create(THIS_MODULE, name)
#else
#define ifreg_class_create(name) class_create(name)
struct class;
struct module;
static inline struct module *ifreg_class_owner(const struct class *cls)
{
	return (struct module *)0;
}
#endif

/*
 * 6.2 put a whole struct genl_info in struct genl_dumpit_info; before,
 * it had the attributes alone.
 */
#ifdef IFREG_HAVE_GENL_DUMPIT_INFO_INFO
#define ifreg_dumpit_attrs(dumpit_info) ((dumpit_info)->info.attrs)
#else
#define ifreg_dumpit_attrs(dumpit_info) ((dumpit_info)->attrs)
#endif

/*
 * 6.2 handed pre_doit() the split form of a command's ops; before, the ops
 * themselves. Both carry internal_flags. Declare the argument as
 * const struct ifreg_genl_doit_ops *ops.
 */
#ifdef IFREG_HAVE_GENL_SPLIT_OPS
#define ifreg_genl_doit_ops genl_split_ops
#else
#define ifreg_genl_doit_ops genl_ops
#endif

/*
 * 6.10 dropped __assign_str()'s source argument: the event copies what
 * __string() named. Tracepoints call ifreg_assign_str(dst, src), with the
 * same source as their __string() (read again for nothing, and dropped).
 */
#ifdef IFREG_HAVE_ASSIGN_STR_ONE_ARG
#define ifreg_assign_str(dst, src) do { (void)(src); __assign_str(dst); } while (0)
#else
#define ifreg_assign_str(dst, src) __assign_str(dst, src)
#endif

#endif /* _IFREG_COMPAT_H */
