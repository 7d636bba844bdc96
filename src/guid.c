// SPDX-License-Identifier: GPL-2.0
/*
 * GUID text handling. The registry shows a class GUID the way Windows does,
 * in braces, and accepts it in any letter case; nothing else is a GUID here:
 * no bare form, no surrounding white space, no trailing characters.
 */

#include <kunit/visibility.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "guid.h"

/**
 * ifreg_guid_parse() - read a GUID in braces
 * @s: NUL-terminated text, "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}", hex
 *     digits in either case
 * @guid: where the GUID goes; untouched on error
 *
 * Context: Any context.
 * Return:
 * * 0 - @guid holds the GUID
 * * -EINVAL - @s is NULL or not exactly a GUID in braces
 */
int ifreg_guid_parse(const char *s, guid_t *guid)
{
	char bare[UUID_STRING_LEN + 1];

	if (!s || strnlen(s, IFREG_GUID_STRLEN + 1) != IFREG_GUID_STRLEN)
		return -EINVAL;
	if (s[0] != '{' || s[IFREG_GUID_STRLEN - 1] != '}')
		return -EINVAL;

	/* guid_parse() checks the digits and dashes but not the length. */
	memcpy(bare, s + 1, UUID_STRING_LEN);
	bare[UUID_STRING_LEN] = '\0';
	return guid_parse(bare, guid);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_guid_parse);

/**
 * ifreg_guid_format() - write a GUID in braces, lower case
 * @guid: the GUID
 * @buf: IFREG_GUID_BUFSZ bytes; receives the text and its NUL
 *
 * Context: Any context.
 */
void ifreg_guid_format(const guid_t *guid, char buf[IFREG_GUID_BUFSZ])
{
	/* The byte order of "%pUl": its first three fields little-endian. */
	static const u8 order[16] = {
		3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15
	};
	char *p = buf;
	int i;

	/* What "{%pUl}" prints, without vsnprintf(): names are made often. */
	*p++ = '{';
	for (i = 0; i < 16; i++) {
		p = hex_byte_pack(p, guid->b[order[i]]);
		if (i == 3 || i == 5 || i == 7 || i == 9)
			*p++ = '-';
	}
	*p++ = '}';
	*p = '\0';
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_guid_format);
