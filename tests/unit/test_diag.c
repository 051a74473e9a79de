/* Unit tests for the input errors of analyzer/diag.c: vl_fail keeps a path
 * and a message of any length whole, replaces (and frees) what an error
 * held before, and the out-of-memory error is never freed.  The sanitizer
 * build runs these with leak checking, which is what proves the frees. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"

/* n bytes of a repeating pattern, so a cut anywhere shows. */
static char *pattern(size_t n)
{
	char *s = malloc(n + 1);

	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = (char)('a' + i % 26);
	s[n] = '\0';
	return s;
}

static void fail_fills_every_field(void **state)
{
	vl_error err = {0};

	(void)state;
	assert_false(
	    vl_fail(&err, "a.ld", 3, 7, "expected %s, found '%c'", "';'", '}'));
	assert_string_equal(err.file, "a.ld");
	assert_int_equal(err.line, 3);
	assert_int_equal(err.column, 7);
	assert_string_equal(err.msg, "expected ';', found '}'");
	vl_error_free(&err);
	assert_null(err.file);
	assert_null(err.msg);
	assert_int_equal(err.line, 0);
}

static void fail_without_a_file_leaves_file_null(void **state)
{
	vl_error err = {0};

	(void)state;
	vl_fail(&err, NULL, 0, 0, "no input given");
	assert_null(err.file);
	assert_string_equal(err.msg, "no input given");
	vl_error_free(&err);
}

static void fail_overwrites_and_frees_the_old_error(void **state)
{
	vl_error err = {0};

	(void)state;
	vl_fail(&err, "first.ld", 1, 2, "first");
	vl_fail(&err, "second.yaml", 0, 0, "second");
	assert_string_equal(err.file, "second.yaml");
	assert_int_equal(err.line, 0);
	assert_int_equal(err.column, 0);
	assert_string_equal(err.msg, "second");
	/* No file this time: the old one goes too. */
	vl_fail(&err, NULL, 0, 0, "third");
	assert_null(err.file);
	assert_string_equal(err.msg, "third");
	vl_error_free(&err);
}

static void fail_may_quote_the_error_it_replaces(void **state)
{
	vl_error err = {0};

	(void)state;
	vl_fail(&err, "inner.ld", 4, 1, "unknown command 'FOO'");
	vl_fail(&err, err.file, err.line, err.column, "in INCLUDE: %s",
		err.msg);
	assert_string_equal(err.file, "inner.ld");
	assert_int_equal(err.line, 4);
	assert_string_equal(err.msg, "in INCLUDE: unknown command 'FOO'");
	vl_error_free(&err);
}

static void long_path_and_message_are_kept_whole(void **state)
{
	/* Far past the 512 bytes the fields once had. */
	char *path = pattern(1500), *quoted = pattern(100000);
	vl_error err = {0};

	(void)state;
	vl_fail(&err, path, 1, 1, "unknown command '%s'", quoted);
	assert_string_equal(err.file, path);
	assert_int_equal(strlen(err.msg),
			 strlen("unknown command ''") + 100000);
	assert_memory_equal(err.msg, "unknown command '", 17);
	assert_memory_equal(err.msg + 17, quoted, 100000);
	assert_string_equal(err.msg + 17 + 100000, "'");
	vl_error_free(&err);
	free(quoted);
	free(path);
}

static void null_error_is_allowed(void **state)
{
	(void)state;
	assert_false(vl_fail(NULL, "x", 1, 1, "ignored"));
	assert_false(vl_fail_oom(NULL));
	vl_error_free(NULL);
}

static void free_twice_and_free_of_empty_are_harmless(void **state)
{
	vl_error err = {0};

	(void)state;
	vl_error_free(&err);
	vl_fail(&err, "f", 0, 0, "m");
	vl_error_free(&err);
	vl_error_free(&err);
	assert_null(err.msg);
}

static void out_of_memory_text_is_static_and_never_freed(void **state)
{
	vl_error err = {0};
	const char *first;

	(void)state;
	vl_fail(&err, "big.ld", 9, 9, "something");
	/* Replaces the allocated error; ASan would catch a free of the
	 * static text here or below. */
	assert_false(vl_fail_oom(&err));
	assert_null(err.file);
	assert_int_equal(err.line, 0);
	assert_string_equal(err.msg, "out of memory");
	first = err.msg;
	vl_fail_oom(&err);
	assert_ptr_equal(err.msg, first);
	vl_fail(&err, "later.ld", 1, 1, "a real error again");
	assert_string_equal(err.msg, "a real error again");
	vl_fail_oom(&err);
	vl_error_free(&err);
	assert_null(err.msg);
}

static void move_hands_over_and_empties_the_source(void **state)
{
	vl_error to = {0}, from = {0};

	(void)state;
	vl_fail(&to, "old", 1, 1, "old error");
	vl_fail(&from, "new", 2, 3, "new error");
	vl_error_move(&to, &from);
	assert_string_equal(to.file, "new");
	assert_int_equal(to.line, 2);
	assert_int_equal(to.column, 3);
	assert_string_equal(to.msg, "new error");
	assert_null(from.file);
	assert_null(from.msg);
	/* To itself: nothing changes. */
	vl_error_move(&to, &to);
	assert_string_equal(to.msg, "new error");
	/* To nowhere: dropped. */
	vl_fail(&from, NULL, 0, 0, "dropped");
	vl_error_move(NULL, &from);
	assert_null(from.msg);
	vl_error_free(&to);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(fail_fills_every_field),
	    cmocka_unit_test(fail_without_a_file_leaves_file_null),
	    cmocka_unit_test(fail_overwrites_and_frees_the_old_error),
	    cmocka_unit_test(fail_may_quote_the_error_it_replaces),
	    cmocka_unit_test(long_path_and_message_are_kept_whole),
	    cmocka_unit_test(null_error_is_allowed),
	    cmocka_unit_test(free_twice_and_free_of_empty_are_harmless),
	    cmocka_unit_test(out_of_memory_text_is_static_and_never_freed),
	    cmocka_unit_test(move_hands_over_and_empties_the_source),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
