/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal functions the KUnit suites call from their own module. They are
 * exported, in the IFREG_KUNIT namespace, only in a build made with
 * CONFIG_IFREG_KUNIT_TEST; a production ifreg.ko exports none of them.
 */
#ifndef _IFREG_KUNIT_EXPORT_H
#define _IFREG_KUNIT_EXPORT_H

#include <linux/export.h>

#ifdef IFREG_KUNIT_TEST
#define IFREG_EXPORT_FOR_KUNIT(sym) EXPORT_SYMBOL_NS_GPL(sym, IFREG_KUNIT)
#else
#define IFREG_EXPORT_FOR_KUNIT(sym)
#endif

#endif /* _IFREG_KUNIT_EXPORT_H */
