/* SPDX-License-Identifier: GPL-2.0 */
/* GUIDs in the registry's text form: "{xxxxxxxx-...}", lower case out. */
#ifndef _IFREG_GUID_H
#define _IFREG_GUID_H

#include <linux/uuid.h>
#include <ifreg/ifreg.h>

/* Room for a GUID in text form and its NUL. */
#define IFREG_GUID_BUFSZ (IFREG_GUID_STRLEN + 1)

int ifreg_guid_parse(const char *s, guid_t *guid);
void ifreg_guid_format(const guid_t *guid, char buf[IFREG_GUID_BUFSZ]);

#endif /* _IFREG_GUID_H */
