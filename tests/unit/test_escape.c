/* Unit tests for analyzer/report/escape.c and jsondoc.c: how names from
 * the inputs reach the output.  Terminal text shows every control
 * character (C0, DEL, C1) and every invalid UTF-8 byte as a visible
 * escape and leaves everything else alone; JSON text only replaces the
 * invalid bytes; the decoder refuses overlong forms, surrogates and code
 * points past U+10FFFF; a JSON document built from such names keeps every
 * key and parses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/escape.h"
#include "report/jsondoc.h"

static void text_is(const char *in, const char *want)
{
	char *got = esc_text(in);

	assert_non_null(got);
	assert_string_equal(got, want);
	assert_int_equal(esc_text_len(in), strlen(want));
	assert_int_equal(esc_text_clean(in), strcmp(in, want) == 0);
	free(got);
}

static void utf8_is(const char *in, const char *want)
{
	char *got = esc_utf8(in);

	assert_non_null(got);
	assert_string_equal(got, want);
	assert_int_equal(esc_utf8_clean(in), strcmp(in, want) == 0);
	free(got);
}

static void clean_text_is_unchanged(void **state)
{
	(void)state;
	text_is("", "");
	text_is(".text", ".text");
	text_is("dir/vmm-0x6000000.ld", "dir/vmm-0x6000000.ld");
	/* A backslash is text, not an escape. */
	text_is("a\\xff", "a\\xff");
	/* Printable non-ASCII passes: a, u-umlaut, an arrow, an emoji. */
	text_is("gr\xc3\xbc\xc3\x9f \xe2\x86\x92 \xf0\x9f\x98\x80",
		"gr\xc3\xbc\xc3\x9f \xe2\x86\x92 \xf0\x9f\x98\x80");
	/* U+00A0, just past C1, is not a control character. */
	text_is("\xc2\xa0", "\xc2\xa0");
}

static void controls_become_visible_escapes_on_one_line(void **state)
{
	(void)state;
	text_is("a\nb", "a\\nb");
	text_is("tab\there\rthere", "tab\\there\\rthere");
	text_is("\x1b[2Jclear", "\\x1b[2Jclear");
	text_is("\x01\x1f\x7f", "\\x01\\x1f\\x7f");
	/* C1 controls, two bytes in UTF-8: CSI U+009B and NEL U+0085; each
	 * byte is shown. */
	text_is("x\xc2\x9b"
		"31my",
		"x\\xc2\\x9b31my");
	text_is("\xc2\x80\xc2\x85\xc2\x9f", "\\xc2\\x80\\xc2\\x85\\xc2\\x9f");
	/* A forged second diagnostic stays on the first line. */
	text_is("a.ld\na.ld:1:1: error: forged",
		"a.ld\\na.ld:1:1: error: forged");
}

static void invalid_utf8_bytes_become_hex_escapes(void **state)
{
	(void)state;
	text_is("bad\xff", "bad\\xff");
	text_is("\xfe\xff", "\\xfe\\xff");
	/* a lone continuation byte, a truncated sequence */
	text_is("\x80x", "\\x80x");
	text_is("\xe2\x86", "\\xe2\\x86");
	text_is("\xe2\x86z", "\\xe2\\x86z");
	/* overlong forms of '/' and NUL */
	text_is("\xc0\xaf", "\\xc0\\xaf");
	text_is("\xe0\x80\xaf", "\\xe0\\x80\\xaf");
	text_is("\xc1\x81", "\\xc1\\x81");
	/* a UTF-16 surrogate, U+D800 */
	text_is("\xed\xa0\x80", "\\xed\\xa0\\x80");
	/* past U+10FFFF */
	text_is("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80");
	text_is("\xf5\x80\x80\x80", "\\xf5\\x80\\x80\\x80");
	/* the last valid code point */
	text_is("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf");
}

static void json_text_replaces_only_invalid_bytes(void **state)
{
	(void)state;
	utf8_is("section", "section");
	/* JSON escapes control characters itself. */
	utf8_is("a\nb\x1b[2J\xc2\x9b", "a\nb\x1b[2J\xc2\x9b");
	utf8_is("bad\xff\xfe.ld", "bad\\xff\\xfe.ld");
	utf8_is("\xed\xa0\x80", "\\xed\\xa0\\x80");
	utf8_is("gr\xc3\xbc\xc3\x9f", "gr\xc3\xbc\xc3\x9f");
}

static void decoder_gives_lengths_and_code_points(void **state)
{
	uint32_t cp = 0;

	(void)state;
	assert_int_equal(esc_utf8_char("A", &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(esc_utf8_char("\xc3\xbc", &cp), 2);
	assert_int_equal(cp, 0xfc);
	assert_int_equal(esc_utf8_char("\xe2\x86\x92", &cp), 3);
	assert_int_equal(cp, 0x2192);
	assert_int_equal(esc_utf8_char("\xf0\x9f\x98\x80", &cp), 4);
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(esc_utf8_char("", &cp), 0);
	assert_int_equal(esc_utf8_char("\xff", &cp), 0);
	assert_int_equal(esc_utf8_char("\xc3", &cp), 0);
}

/* What a writer prints, NUL-terminated. */
static char *printed(void (*put)(FILE *, const char *, size_t), const char *s,
		     size_t width)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	put(f, s, width);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void put_plain(FILE *f, const char *s, size_t width)
{
	(void)width;
	esc_text_put(f, s);
}

static void put_and_pad_write_the_escaped_text(void **state)
{
	char *s;

	(void)state;
	s = printed(put_plain,
		    "a\x1b"
		    "b\xff",
		    0);
	assert_string_equal(s, "a\\x1bb\\xff");
	free(s);
	/* padded by the escaped length, like %-8s */
	s = printed(esc_text_pad, "a\n", 8);
	assert_string_equal(s, "a\\n     ");
	free(s);
	s = printed(esc_text_pad, "longer\tname", 4);
	assert_string_equal(s, "longer\\tname");
	free(s);
}

static void json_document_keeps_every_key_and_parses(void **state)
{
	json_t *root = json_object(), *back;
	bool ok = true;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	json_error_t jerr;

	(void)state;
	/* jansson alone drops these: json_string returns NULL. */
	assert_null(json_string("bad\xff"));
	jd_set(root, "file", jd_str("dir/bad\xfe\x1b[31m.ld"), &ok);
	jd_set(root, "name", jd_str(".te\xffxt"), &ok);
	jd_set(root, "message", jd_str("section a\nb overlaps"), &ok);
	jd_set(root, "none", jd_str_or_null(NULL), &ok);
	jd_set(root, "key\xff", jd_hex(UINT64_C(0xffffffffffffffff)), &ok);
	jd_set(root, "line", jd_line(0), &ok);
	assert_true(ok);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_true(jd_write(f, root, ok));
	assert_int_equal(fclose(f), 0);
	back = json_loads(buf, 0, &jerr);
	assert_non_null(back);
	assert_string_equal(json_string_value(json_object_get(back, "file")),
			    "dir/bad\\xfe\x1b[31m.ld");
	assert_string_equal(json_string_value(json_object_get(back, "name")),
			    ".te\\xffxt");
	assert_string_equal(json_string_value(json_object_get(back, "message")),
			    "section a\nb overlaps");
	assert_true(json_is_null(json_object_get(back, "none")));
	assert_string_equal(
	    json_string_value(json_object_get(back, "key\\xff")),
	    "0xffffffffffffffff");
	assert_true(json_is_null(json_object_get(back, "line")));
	/* the control characters are JSON escapes in the file */
	assert_non_null(strstr(buf, "\\u001B[31m"));
	assert_null(strchr(buf, '\x1b'));
	json_decref(back);
	free(buf);
}

static void failed_value_marks_the_document_and_nothing_is_written(void **state)
{
	json_t *root = json_object(), *arr = json_array();
	bool ok = true;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_null(jd_set(root, "lost", NULL, &ok));
	assert_false(ok);
	ok = true;
	assert_null(jd_append(arr, NULL, &ok));
	assert_false(ok);
	ok = true;
	/* a NULL container: the value is released, the document failed */
	assert_null(jd_set(NULL, "k", json_string("v"), &ok));
	assert_false(ok);
	ok = true;
	assert_null(jd_append(NULL, json_string("v"), &ok));
	assert_false(ok);
	ok = true;
	assert_non_null(jd_append(arr, jd_str("x\xff"), &ok));
	assert_true(ok);
	assert_non_null(jd_set(root, "list", arr, &ok));
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_false(jd_write(f, root, false));
	assert_int_equal(fclose(f), 0);
	assert_int_equal(len, 0);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(clean_text_is_unchanged),
	    cmocka_unit_test(controls_become_visible_escapes_on_one_line),
	    cmocka_unit_test(invalid_utf8_bytes_become_hex_escapes),
	    cmocka_unit_test(json_text_replaces_only_invalid_bytes),
	    cmocka_unit_test(decoder_gives_lengths_and_code_points),
	    cmocka_unit_test(put_and_pad_write_the_escaped_text),
	    cmocka_unit_test(json_document_keeps_every_key_and_parses),
	    cmocka_unit_test(
		failed_value_marks_the_document_and_nothing_is_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
