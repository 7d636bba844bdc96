// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Reply attributes into what the library gives back (GUIDs in their
 * array, strings malloc'd, a PDO as a /sys path), GUIDs of requests
 * checked, and the arrays the lists fill grown. Checked attributes are
 * NUL-terminated already (nl.c); what is checked here is what their
 * type cannot say.
 */
#include <ctype.h>
#include <string.h>

#include "internal.h"

/**
 * ifreg_guid_norm() - check a GUID of a request, in braces, any case
 * @s: the caller's text
 * @out: the GUID in the kernel's form, lower case
 *
 * Return: 0, or -EINVAL when @s is NULL or not exactly a GUID in braces.
 */
int ifreg_guid_norm(const char *s, char out[IFREG_GUID_STRING_SIZE])
{
	size_t i;

	if (!s || strnlen(s, IFREG_GUID_STRING_SIZE) != IFREG_GUID_STRING_SIZE - 1 ||
	    s[0] != '{' || s[37] != '}')
		return -EINVAL;
	for (i = 1; i < 37; i++) {
		if (i == 9 || i == 14 || i == 19 || i == 24) {
			if (s[i] != '-')
				return -EINVAL;
		} else if (!isxdigit((unsigned char)s[i])) {
			return -EINVAL;
		}
		out[i] = tolower((unsigned char)s[i]);
	}
	out[0] = '{';
	out[37] = '}';
	out[38] = '\0';
	return 0;
}

/* ifreg_attr_guid() - a GUID the kernel sent; -EBADMSG when it is none. */
int ifreg_attr_guid(const struct nlattr *attr, char out[IFREG_GUID_STRING_SIZE])
{
	if (!attr || ifreg_guid_norm(mnl_attr_get_str(attr), out))
		return -EBADMSG;
	return 0;
}

/*
 * ifreg_attr_strdup() - a string attribute, malloc'd, into *@out; NULL
 * when absent. 0 or -ENOMEM.
 */
int ifreg_attr_strdup(const struct nlattr *attr, char **out)
{
	*out = NULL;
	if (!attr)
		return 0;
	*out = strdup(mnl_attr_get_str(attr));
	return *out ? 0 : -ENOMEM;
}

/*
 * ifreg_attr_pdo() - IFREG_A_PDO as a path a program can open,
 * "/sys/devices/...": the uapi promises that form, and a kernel that
 * sends the kobject path alone ("/devices/...") gets "/sys" put in front,
 * as ifregctl does.
 */
int ifreg_attr_pdo(const struct nlattr *attr, char **out)
{
	const char *p;

	*out = NULL;
	if (!attr)
		return 0;
	p = mnl_attr_get_str(attr);
	if (p[0] != '/' || !strncmp(p, "/sys/", 5))
		return ifreg_attr_strdup(attr, out);
	*out = malloc(strlen(p) + 5);
	if (!*out)
		return -ENOMEM;
	strcpy(*out, "/sys");
	strcat(*out, p);
	return 0;
}

/**
 * ifreg_array_grow() - room for one more element in a list being filled
 * @array: the array (NULL at first)
 * @cap: the elements it has room for
 * @count: those it holds
 * @size: an element's size
 *
 * The new room is zeroed, so that a half-filled element frees cleanly.
 *
 * Return: 0 or -ENOMEM (the array is then as it was).
 */
int ifreg_array_grow(void **array, size_t *cap, size_t count, size_t size)
{
	size_t n = *cap ? *cap * 2 : 8;
	void *a;

	if (count < *cap)
		return 0;
	if (n > SIZE_MAX / size)
		return -ENOMEM;
	a = realloc(*array, n * size);
	if (!a)
		return -ENOMEM;
	memset((char *)a + *cap * size, 0, (n - *cap) * size);
	*array = a;
	*cap = n;
	return 0;
}
