// SPDX-License-Identifier: GPL-2.0
/*
 * The ifreg_kunit module: every suite in kunit/ linked into one module, which
 * imports the internals ifreg exports for it (see src/kunit_export.h).
 */

#include <linux/module.h>

MODULE_IMPORT_NS(IFREG_KUNIT);
MODULE_DESCRIPTION("KUnit suites for ifreg");
MODULE_LICENSE("GPL");
