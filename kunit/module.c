// SPDX-License-Identifier: GPL-2.0
/*
 * The ifreg_kunit module: every suite in kunit/ linked into one module, which
 * imports the internals ifreg exports to KUnit (EXPORT_SYMBOL_IF_KUNIT:
 * exported only in kernels built with CONFIG_KUNIT).
 */

#include <linux/module.h>

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit suites for ifreg");
MODULE_LICENSE("GPL");
