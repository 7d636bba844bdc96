// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ifreg_guid: the text form of class GUIDs, the only way user
 * space and sysfs name a class.
 */

#include <kunit/test.h>

#include "guid.h"

static const guid_t ifreg_test_guid =
	GUID_INIT(0x00112233, 0x4455, 0x6677,
		  0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff);

/* The Windows text form reads into the GUID with its mixed byte order. */
static void parse_reads_windows_byte_order(struct kunit *test)
{
	guid_t g;

	KUNIT_ASSERT_EQ(test, ifreg_guid_parse("{00112233-4455-6677-8899-aabbccddeeff}", &g), 0);
	KUNIT_EXPECT_TRUE(test, guid_equal(&g, &ifreg_test_guid));
	/* Data1 is little-endian in memory. */
	KUNIT_EXPECT_EQ(test, g.b[0], 0x33);
	KUNIT_EXPECT_EQ(test, g.b[8], 0x88);
}

/* Upper and mixed case name the same GUID as lower case. */
static void parse_ignores_letter_case(struct kunit *test)
{
	guid_t g;

	KUNIT_ASSERT_EQ(test, ifreg_guid_parse("{00112233-4455-6677-8899-AABBCCDDEEFF}", &g), 0);
	KUNIT_EXPECT_TRUE(test, guid_equal(&g, &ifreg_test_guid));
	KUNIT_ASSERT_EQ(test, ifreg_guid_parse("{00112233-4455-6677-8899-AaBbCcDdEeFf}", &g), 0);
	KUNIT_EXPECT_TRUE(test, guid_equal(&g, &ifreg_test_guid));
}

static const char * const ifreg_bad_guids[] = {
	"",
	"{}",
	"00112233-4455-6677-8899-aabbccddeeff",		/* no braces */
	"{00112233-4455-6677-8899-aabbccddeeff",	/* no closing brace */
	"00112233-4455-6677-8899-aabbccddeeff}",
	"(00112233-4455-6677-8899-aabbccddeeff)",
	"{00112233-4455-6677-8899-aabbccddeeff} ",	/* trailing space */
	" {00112233-4455-6677-8899-aabbccddeeff}",
	"{00112233-4455-6677-8899-aabbccddeeff}\n",
	"{00112233-4455-6677-8899-aabbccddeef}",	/* short */
	"{00112233-4455-6677-8899-aabbccddeefff}",	/* long */
	"{0011223g-4455-6677-8899-aabbccddeeff}",	/* not hex */
	"{00112233_4455-6677-8899-aabbccddeeff}",	/* not a dash */
	"{001122334-455-6677-8899-aabbccddeeff}",	/* dash misplaced */
	"{00112233-4455-6677-8899-aabbccddeef-}",
	"{+0112233-4455-6677-8899-aabbccddeeff}",
};

/* Anything but exactly a braced GUID is -EINVAL and leaves the output alone. */
static void parse_rejects_everything_else(struct kunit *test)
{
	guid_t g;
	int i;

	for (i = 0; i < ARRAY_SIZE(ifreg_bad_guids); i++) {
		g = ifreg_test_guid;
		KUNIT_EXPECT_EQ_MSG(test, ifreg_guid_parse(ifreg_bad_guids[i], &g), -EINVAL,
				    "accepted \"%s\"", ifreg_bad_guids[i]);
		KUNIT_EXPECT_TRUE(test, guid_equal(&g, &ifreg_test_guid));
	}
	KUNIT_EXPECT_EQ(test, ifreg_guid_parse(NULL, &g), -EINVAL);
}

/* Formatting gives braces and lower case, and parses back to the same GUID. */
static void format_is_lower_case_and_round_trips(struct kunit *test)
{
	char buf[IFREG_GUID_BUFSZ];
	guid_t g;

	ifreg_guid_format(&ifreg_test_guid, buf);
	KUNIT_EXPECT_STREQ(test, buf, "{00112233-4455-6677-8899-aabbccddeeff}");
	KUNIT_EXPECT_EQ(test, strlen(buf), IFREG_GUID_STRLEN);
	KUNIT_ASSERT_EQ(test, ifreg_guid_parse(buf, &g), 0);
	KUNIT_EXPECT_TRUE(test, guid_equal(&g, &ifreg_test_guid));
}

/* The text made by hand is what the kernel's "{%pUl}" prints, any GUID. */
static void format_is_what_the_kernel_prints(struct kunit *test)
{
	char buf[IFREG_GUID_BUFSZ], want[IFREG_GUID_BUFSZ];
	unsigned int n, i;
	guid_t g;

	for (n = 0; n < 256; n++) {
		/* Byte n in every place, and its neighbours around it. */
		for (i = 0; i < 16; i++)
			g.b[i] = n + i * 17;
		ifreg_guid_format(&g, buf);
		snprintf(want, sizeof(want), "{%pUl}", &g);
		KUNIT_EXPECT_STREQ(test, buf, want);
	}
}

static struct kunit_case ifreg_guid_cases[] = {
	KUNIT_CASE(parse_reads_windows_byte_order),
	KUNIT_CASE(parse_ignores_letter_case),
	KUNIT_CASE(parse_rejects_everything_else),
	KUNIT_CASE(format_is_lower_case_and_round_trips),
	KUNIT_CASE(format_is_what_the_kernel_prints),
	{}
};

static struct kunit_suite ifreg_guid_suite = {
	.name = "ifreg_guid",
	.test_cases = ifreg_guid_cases,
};

kunit_test_suite(ifreg_guid_suite);
