/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ifreg: the Windows device-interface registry for Linux drivers.
 *
 * What other modules may use. The contract is ../shared/SPEC.md;
 * Documentation/ifreg.rst says how it maps onto Linux.
 */
#ifndef _IFREG_IFREG_H
#define _IFREG_IFREG_H

/* Informational success (STATUS_OBJECT_NAME_EXISTS): outputs are filled. */
#define IFREG_EXISTS 1

/* Length of a GUID in text form, "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}". */
#define IFREG_GUID_STRLEN 38

#endif /* _IFREG_IFREG_H */
