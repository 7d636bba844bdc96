// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_name: the hash and the comparison that name tables use,
 * eight bytes at a time, against the byte-by-byte rule they replace (equal
 * but for letter case, as ifreg_fold() folds it).
 */

#include <kunit/test.h>
#include <linux/string.h>

#include "name.h"

/* The bytes around the edges of 'A'..'Z', and some past ASCII. */
static const unsigned char ifreg_test_bytes[] = {
	'@', 'A', 'M', 'Z', '[', '`', 'a', 'm', 'z', '{', '#', '\\', '0',
	0x7f, 0x80, 0xc0, 0xc9, 0xd7, 0xde, 0xdf, 0xe0, 0xe9, 0xfe, 0xff,
};

/* A fixed sequence, so that a failure repeats. */
static u32 ifreg_test_next(u32 *state)
{
	*state = *state * 1103515245 + 12345;
	return *state >> 8;
}

/* Whether @a and @b are equal but for case, one byte at a time. */
static bool ifreg_test_equal(const char *a, const char *b, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (ifreg_fold(a[i]) != ifreg_fold(b[i]))
			return false;
	return true;
}

/*
 * Strings of every length up to 40 and a copy with letters of random
 * case (ASCII and Latin-1, as tolower() knows them), then with one byte
 * changed: the word-wise compare answers what the byte-wise rule does,
 * and strings it finds equal hash alike.
 */
static void fold_compare_and_hash_agree_with_bytes(struct kunit *test)
{
	char a[41], b[41];
	u32 state = 1;
	size_t len, i;
	int round;

	for (len = 0; len <= 40; len++) {
		for (round = 0; round < 64; round++) {
			for (i = 0; i < len; i++) {
				a[i] = ifreg_test_bytes[ifreg_test_next(&state) %
							sizeof(ifreg_test_bytes)];
				b[i] = ifreg_test_next(&state) & 1 ? toupper(a[i]) : tolower(a[i]);
				/* Latin-1's odd pairs (0xdf, 0xff) keep their case. */
				if (ifreg_fold(b[i]) != ifreg_fold(a[i]))
					b[i] = a[i];
			}
			a[len] = '\0';
			b[len] = '\0';
			KUNIT_ASSERT_TRUE(test, ifreg_test_equal(a, b, len));
			KUNIT_EXPECT_TRUE_MSG(test, ifreg_fold_equal(a, b, len),
					      "length %zu round %d", len, round);
			KUNIT_EXPECT_EQ_MSG(test, ifreg_fold_hash(a, len, 7),
					    ifreg_fold_hash(b, len, 7),
					    "length %zu round %d", len, round);
			if (!len)
				continue;
			i = ifreg_test_next(&state) % len;
			b[i] = ifreg_test_bytes[ifreg_test_next(&state) %
						sizeof(ifreg_test_bytes)];
			KUNIT_EXPECT_EQ_MSG(test, ifreg_fold_equal(a, b, len),
					    ifreg_test_equal(a, b, len),
					    "length %zu round %d byte %zu", len, round, i);
		}
	}
}

/*
 * The neighbours of the letters are not letters: '@' is not '`' and '['
 * is not '{', in the words read whole and in the tail read last.
 */
static void fold_keeps_the_neighbours_of_letters(struct kunit *test)
{
	static const char * const pairs[][2] = {
		{ "@", "`" }, { "[", "{" }, { "abcdefg@", "abcdefg`" },
		{ "abcdefgh[", "abcdefgh{" }, { "xxxxxxxxxxxx@", "XXXXXXXXXXXX`" },
	};
	static const char * const same[][2] = {
		{ "A", "a" }, { "Z", "z" }, { "PCI#0000:00:1F.2", "pci#0000:00:1f.2" },
		{ "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz" },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(pairs); i++)
		KUNIT_EXPECT_FALSE_MSG(test, ifreg_fold_equal(pairs[i][0], pairs[i][1],
							      strlen(pairs[i][0])),
				       "\"%s\" \"%s\"", pairs[i][0], pairs[i][1]);
	for (i = 0; i < ARRAY_SIZE(same); i++)
		KUNIT_EXPECT_TRUE_MSG(test, ifreg_fold_equal(same[i][0], same[i][1],
							     strlen(same[i][0])),
				      "\"%s\" \"%s\"", same[i][0], same[i][1]);
}

/* A name's key is the name without its prefix, with its length. */
static void name_key_strips_either_prefix(struct kunit *test)
{
	struct ifreg_key key;

	KUNIT_ASSERT_EQ(test, ifreg_name_key("\\??\\PCI#x#{g}", &key), 0);
	KUNIT_EXPECT_STREQ(test, key.s, "PCI#x#{g}");
	KUNIT_EXPECT_EQ(test, key.len, 9);
	KUNIT_ASSERT_EQ(test, ifreg_name_key("\\\\?\\a", &key), 0);
	KUNIT_EXPECT_EQ(test, key.len, 1);
	KUNIT_EXPECT_EQ(test, ifreg_name_key("\\??\\", &key), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_name_key("PCI#x", &key), -ENOENT);
	KUNIT_EXPECT_EQ(test, ifreg_name_key(NULL, &key), -EINVAL);
}

/*
 * Measured a word at a time, a name's length is strnlen()'s at every
 * alignment, every length around the words' edges and every limit, with
 * bytes that are not NUL (and one with its high bit) around the end.
 */
static void strnlen_is_the_kernels_at_every_alignment(struct kunit *test)
{
	char *buf = kunit_kmalloc(test, 64, GFP_KERNEL);
	size_t off, len, max;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (off = 0; off < 8; off++) {
		for (len = 0; len < 40; len++) {
			memset(buf, 0x80, 64);
			memset(buf + off, 'a' + len % 26, len);
			buf[off + len] = '\0';
			for (max = 0; max < 44; max++)
				KUNIT_EXPECT_EQ_MSG(test, ifreg_strnlen(buf + off, max),
						    strnlen(buf + off, max),
						    "offset %zu length %zu max %zu",
						    off, len, max);
		}
	}
}

static struct kunit_case ifreg_name_cases[] = {
	KUNIT_CASE(fold_compare_and_hash_agree_with_bytes),
	KUNIT_CASE(fold_keeps_the_neighbours_of_letters),
	KUNIT_CASE(name_key_strips_either_prefix),
	KUNIT_CASE(strnlen_is_the_kernels_at_every_alignment),
	{}
};

static struct kunit_suite ifreg_name_suite = {
	.name = "ifreg_name",
	.test_cases = ifreg_name_cases,
};

kunit_test_suite(ifreg_name_suite);
