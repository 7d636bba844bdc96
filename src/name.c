// SPDX-License-Identifier: GPL-2.0
/*
 * Names of interface instances. The symbolic link is the Windows one,
 * "\??\PLATFORM#serial8250#{guid}\ref": opaque to callers, but stable, so
 * that a device that comes back gets the same name. Lookups take a name in
 * the kernel's "\??\" form or user mode's "\\?\" form, in any letter case.
 * Every name must also fit a sysfs name, and so the uevent buffer.
 * Names are made one way, from an instance path, whether that path comes
 * from a device or from a registration restored from a saved store.
 */

#include <linux/ctype.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/jhash.h>
#include <linux/limits.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <asm/word-at-a-time.h>

#include <kunit/visibility.h>

#include "guid.h"
#include "name.h"

static bool ifreg_has_prefix(const char *s)
{
	/* "\??\" (kernel mode) or "\\?\" (user mode) */
	return s[0] == '\\' && (s[1] == '?' || s[1] == '\\') && s[2] == '?' &&
	       s[3] == '\\';
}

/**
 * ifreg_reference_valid() - whether a reference string can be used
 * @ref: the reference string
 *
 * Context: Any context.
 * Return: true when @ref is 1 or more printable ASCII characters without
 * '/' or '\' (the length is checked with the whole name).
 */
bool ifreg_reference_valid(const char *ref)
{
	const char *p;

	if (!*ref)
		return false;
	for (p = ref; *p; p++) {
		/* printable ASCII only, and no path separator */
		if (*p < 0x20 || *p > 0x7e || *p == '/' || *p == '\\')
			return false;
	}
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_reference_valid);

/**
 * ifreg_instance_path_valid() - whether an instance path is one a device has
 * @path: "<SUBSYSTEM>\<device name>"
 *
 * The rule every instance path obeys, whether ifreg made it from a device
 * or was handed it (a restored registration), so that both name the same
 * instances. SUBSYSTEM, the bus or class name in upper case, is printable
 * ASCII without lower-case letters, space, '/', '\' or '#' (the '#' that
 * replaces the separator in a symbolic link stays unambiguous). The device
 * name is 1 or more bytes without '/', '\' or a control character (bytes
 * from 0x80 up, UTF-8 netdev names, are allowed). So an instance path has
 * exactly one '\'. Its length is checked with the whole name.
 *
 * Context: Any context.
 * Return: true when @path obeys the rule.
 */
bool ifreg_instance_path_valid(const char *path)
{
	const unsigned char *p = (const unsigned char *)path;

	if (*p == '\\')
		return false;
	for (; *p != '\\'; p++) {
		if (*p <= 0x20 || *p > 0x7e || *p == '/' || *p == '#' ||
		    (*p >= 'a' && *p <= 'z'))
			return false;	/* '\0' included: no separator */
	}
	if (!*++p)
		return false;
	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\')
			return false;
	}
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_instance_path_valid);

static const char *ifreg_subsystem(struct device *pdo)
{
	if (pdo->bus)
		return pdo->bus->name;
	if (pdo->class)
		return pdo->class->name;
	return NULL;
}

/* Write @pdo's instance path, @len bytes measured before, to @buf. */
static void ifreg_path_write(const char *subsys, size_t sub_len,
			     const char *name, size_t name_len, char *buf)
{
	size_t i;

	for (i = 0; i < sub_len; i++)
		buf[i] = toupper(subsys[i]);
	buf[sub_len] = '\\';
	memcpy(buf + sub_len + 1, name, name_len);
	buf[sub_len + 1 + name_len] = '\0';
}

/**
 * ifreg_names_instance_path() - the instance path of a device
 * @pdo: the device
 * @path: receives "<SUBSYSTEM>\<dev_name>", to be freed with kfree()
 *
 * Context: Process context; may sleep.
 * Return:
 * * 0 - *@path is set
 * * -EINVAL - @pdo has neither bus nor class, or its instance path breaks
 *   the rule of ifreg_instance_path_valid() (a '\' or a control character
 *   in its name)
 * * -ENOMEM - out of memory
 */
int ifreg_names_instance_path(struct device *pdo, char **path)
{
	const char *subsys = ifreg_subsystem(pdo), *name;
	size_t sub_len, name_len;
	char *p;

	if (!subsys)
		return -EINVAL;
	/* Read once: a length measured is the length copied. */
	name = dev_name(pdo);
	name_len = strlen(name);
	sub_len = strlen(subsys);
	p = kmalloc(sub_len + 1 + name_len + 1, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	ifreg_path_write(subsys, sub_len, name, name_len, p);
	if (!ifreg_instance_path_valid(p)) {
		kfree(p);
		return -EINVAL;
	}
	*path = p;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_names_instance_path);

/*
 * The one block every name of an instance lives in: its symbolic link,
 * for an instance path of @path_len bytes and @reference, then the
 * instance path, which the caller writes before ifreg_names_fill().
 */
static int ifreg_names_alloc(size_t path_len, const char *reference,
			     struct ifreg_names *names)
{
	size_t len;
	char *p;

	memset(names, 0, sizeof(*names));
	if (reference && !ifreg_reference_valid(reference))
		return -EINVAL;
	/* "<path>#{guid}\<reference>": the name sysfs and lookups see. */
	len = path_len + 1 + IFREG_GUID_STRLEN;
	if (reference)
		len += 1 + strnlen(reference, NAME_MAX);
	if (len > NAME_MAX)
		return -EINVAL;
	p = kmalloc(IFREG_PREFIX_LEN + len + 1 + path_len + 1, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	names->symbolic_link = p;
	names->link_len = IFREG_PREFIX_LEN + len;
	names->instance_path = p + names->link_len + 1;
	names->path_len = path_len;
	return 0;
}

/*
 * The symbolic link, made from the instance path in place and @reference
 * (both as measured by ifreg_names_alloc()), by hand: kasprintf() and
 * "%pUl" were a third of a registration.
 */
static void ifreg_names_fill(struct ifreg_names *names, const guid_t *class_guid,
			     const char *reference)
{
	const char *path = names->instance_path;
	char *p = names->symbolic_link;

	memcpy(p, "\\??\\", IFREG_PREFIX_LEN);
	p += IFREG_PREFIX_LEN;
	memcpy(p, path, names->path_len);
	/* The instance path's separator becomes '#' in the link. */
	p[strchr(path, '\\') - path] = '#';
	p += names->path_len;
	*p++ = '#';
	ifreg_guid_format(class_guid, p);
	p += IFREG_GUID_STRLEN;
	if (reference) {
		*p++ = '\\';
		memcpy(p, reference, names->symbolic_link + names->link_len - p);
	}
	names->symbolic_link[names->link_len] = '\0';
}

/**
 * ifreg_names_build() - make every name of an instance on a device
 * @pdo: the device the instance is on; must be on a bus or in a class
 * @class_guid: the interface class
 * @reference: the reference string, or NULL
 * @names: receives the names; free them with ifreg_names_free()
 *
 * Context: Process context; may sleep.
 * Return:
 * * 0 - @names is filled
 * * -EINVAL - @pdo has neither bus nor class, or its name has a '\' or a
 *   control character, or @reference is empty, has a path separator or an
 *   unprintable character, or the name would be too long for sysfs
 * * -ENOMEM - out of memory
 */
int ifreg_names_build(struct device *pdo, const guid_t *class_guid,
		      const char *reference, struct ifreg_names *names)
{
	const char *subsys = ifreg_subsystem(pdo), *name;
	size_t sub_len, name_len;
	int err;

	memset(names, 0, sizeof(*names));
	if (!subsys)
		return -EINVAL;
	/* Read once: a length measured is the length copied. */
	name = dev_name(pdo);
	name_len = strlen(name);
	sub_len = strlen(subsys);
	err = ifreg_names_alloc(sub_len + 1 + name_len, reference, names);
	if (err)
		return err;
	ifreg_path_write(subsys, sub_len, name, name_len, names->instance_path);
	if (!ifreg_instance_path_valid(names->instance_path)) {
		ifreg_names_free(names);
		return -EINVAL;
	}
	ifreg_names_fill(names, class_guid, reference);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_names_build);

/**
 * ifreg_names_from_path() - make every name of an instance from its path
 * @instance_path: "<SUBSYSTEM>\<device name>", as a device would have it
 * @class_guid: the interface class
 * @reference: the reference string, or NULL
 * @names: receives the names; free them with ifreg_names_free()
 *
 * The names ifreg_names_build() makes for a device with that instance path:
 * what a registration restored from a saved store is called.
 *
 * Context: Process context; may sleep.
 * Return:
 * * 0 - @names is filled
 * * -EINVAL - @instance_path breaks the rule of ifreg_instance_path_valid(),
 *   or @reference is bad, or the name would be too long for sysfs
 * * -ENOMEM - out of memory
 */
int ifreg_names_from_path(const char *instance_path, const guid_t *class_guid,
			  const char *reference, struct ifreg_names *names)
{
	size_t path_len = strnlen(instance_path, NAME_MAX + 1);
	int err;

	memset(names, 0, sizeof(*names));
	if (path_len > NAME_MAX || !ifreg_instance_path_valid(instance_path))
		return -EINVAL;
	err = ifreg_names_alloc(path_len, reference, names);
	if (err)
		return err;
	memcpy(names->instance_path, instance_path, path_len + 1);
	ifreg_names_fill(names, class_guid, reference);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_names_from_path);

/**
 * ifreg_names_take_link() - take the symbolic link out of a set of names
 * @names: the names; empty afterwards
 *
 * Context: Any context.
 * Return: the symbolic link, to be freed with kfree() (the block it is
 * the start of).
 */
char *ifreg_names_take_link(struct ifreg_names *names)
{
	char *link = names->symbolic_link;

	memset(names, 0, sizeof(*names));
	return link;
}

/**
 * ifreg_names_free() - free what ifreg_names_build() made
 * @names: the names; may be empty or already freed
 *
 * Context: Any context.
 */
void ifreg_names_free(struct ifreg_names *names)
{
	kfree(names->symbolic_link);
	memset(names, 0, sizeof(*names));
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_names_free);

/**
 * ifreg_strnlen() - strnlen(), a word at a time
 * @s: the string
 * @max: the most to count
 *
 * Every lookup by name measures the name first; strnlen() does it a byte
 * at a time. Words are read aligned, so never across into a page that may
 * not be mapped; the bytes of the first before @s count as not NUL.
 *
 * Context: Any context.
 * Return: the length of @s, or @max if it is longer.
 */
size_t ifreg_strnlen(const char *s, size_t max)
{
#ifdef __LITTLE_ENDIAN
	const struct word_at_a_time c = WORD_AT_A_TIME_CONSTANTS;
	size_t off = (unsigned long)s % sizeof(unsigned long);
	const unsigned long *p = (const unsigned long *)(s - off);
	unsigned long w, bits;
	size_t len;

	if (!max)
		return 0;
	/* The low bytes are the first: those before @s become 0xff. */
	w = read_word_at_a_time(p) | ((1UL << (8 * off)) - 1);
	for (;;) {
		if (has_zero(w, &bits, &c)) {
			bits = create_zero_mask(prep_zero_mask(w, bits, &c));
			len = (const char *)p - s + find_zero(bits);
			return min(len, max);
		}
		p++;
		if ((size_t)((const char *)p - s) >= max)
			return max;
		w = read_word_at_a_time(p);
	}
#else
	return strnlen(s, max);
#endif
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_strnlen);

/**
 * ifreg_name_key() - the lookup key of a name a caller gave
 * @symbolic_link: "\??\..." or "\\?\...", any letter case
 * @key: receives the key, @symbolic_link without its prefix, and its length
 *
 * Context: Any context.
 * Return: 0; -EINVAL when @symbolic_link is NULL, -ENOENT when it cannot
 * name any instance (no prefix, too long).
 */
int ifreg_name_key(const char *symbolic_link, struct ifreg_key *key)
{
	size_t len;

	if (!symbolic_link)
		return -EINVAL;
	len = ifreg_strnlen(symbolic_link, IFREG_PREFIX_LEN + NAME_MAX + 1);
	if (len <= IFREG_PREFIX_LEN || len > IFREG_PREFIX_LEN + NAME_MAX ||
	    !ifreg_has_prefix(symbolic_link))
		return -ENOENT;
	key->s = symbolic_link + IFREG_PREFIX_LEN;
	key->len = len - IFREG_PREFIX_LEN;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_name_key);

#define IFREG_BYTES(b)	(0x0101010101010101ULL * (b))

/* Eight bytes from @p, which may be unaligned, the first the lowest. */
static u64 ifreg_word(const char *p)
{
	__le64 w;

	memcpy(&w, p, sizeof(w));
	return le64_to_cpu(w);
}

/*
 * Eight bytes of a name, in memory order from the low byte, each folded as
 * ifreg_fold() folds it. Words of ASCII, all but a few, fold at once: a
 * byte from 'A' to 'Z' is the one whose high bit adding 0x3f sets and
 * adding 0x25 does not, and gets 0x20; no sum carries into the next byte.
 */
static u64 ifreg_fold_word(u64 w)
{
	u64 upper, folded = 0;
	int i;

	if (likely(!(w & IFREG_BYTES(0x80)))) {
		upper = (w + IFREG_BYTES(0x3f)) & ~(w + IFREG_BYTES(0x25)) &
			IFREG_BYTES(0x80);
		return w | upper >> 2;
	}
	for (i = 0; i < 64; i += 8)
		folded |= (u64)ifreg_fold(w >> i) << i;
	return folded;
}

/*
 * The last @len % 8 bytes of @s (@len bytes long), as a word: read with
 * the eight before them when there are eight, else byte by byte.
 */
static u64 ifreg_tail_word(const char *s, size_t len)
{
	size_t rest = len % 8;
	u64 w = 0;
	size_t i;

	if (len >= 8)
		return ifreg_word(s + len - 8) >> (64 - 8 * rest);
	for (i = 0; i < rest; i++)
		w |= (u64)(unsigned char)s[i] << (8 * i);
	return w;
}

/**
 * ifreg_fold_hash() - a hash of a string that ignores letter case
 * @s: the string
 * @len: its length
 * @seed: the table's seed
 *
 * The same for any two strings ifreg_fold_equal() finds equal, so that
 * tables of names need no lower-case copy, neither stored nor made per
 * lookup. Eight bytes at a time.
 *
 * Context: Any context.
 * Return: the hash.
 */
u32 ifreg_fold_hash(const char *s, size_t len, u32 seed)
{
	u64 h = seed ^ ((u64)len << 32);
	size_t i;

	for (i = 0; i + 8 <= len; i += 8)
		h = rol64((h ^ ifreg_fold_word(ifreg_word(s + i))) *
			  0x9e3779b97f4a7c15ULL, 29);
	if (i < len)
		h = rol64((h ^ ifreg_fold_word(ifreg_tail_word(s, len))) *
			  0x9e3779b97f4a7c15ULL, 29);
	return jhash_2words(h, h >> 32, seed);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_fold_hash);

/**
 * ifreg_fold_equal() - whether two strings are equal but for letter case
 * @a: one
 * @b: the other
 * @len: the length of each
 *
 * Equal byte for byte after ifreg_fold(), read eight bytes at a time.
 *
 * Context: Any context.
 * Return: true when they are equal.
 */
bool ifreg_fold_equal(const char *a, const char *b, size_t len)
{
	u64 x, y;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		x = ifreg_word(a + i);
		y = ifreg_word(b + i);
		if (x != y && ifreg_fold_word(x) != ifreg_fold_word(y))
			return false;
	}
	if (i == len)
		return true;
	x = ifreg_tail_word(a, len);
	y = ifreg_tail_word(b, len);
	return x == y || ifreg_fold_word(x) == ifreg_fold_word(y);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_fold_equal);

/**
 * ifreg_key_hash() - the hash of a struct ifreg_key
 * @key: the key
 * @len: not used (an rhashtable hashfn)
 * @seed: the table's seed
 *
 * Context: Any context.
 * Return: ifreg_fold_hash() of the key.
 */
u32 ifreg_key_hash(const void *key, u32 len, u32 seed)
{
	const struct ifreg_key *k = key;

	return ifreg_fold_hash(k->s, k->len, seed);
}
EXPORT_SYMBOL_IF_KUNIT(ifreg_key_hash);
