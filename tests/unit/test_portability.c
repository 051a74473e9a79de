/* Unit tests for analyzer/ldscript/portability.c: each construct that GNU
 * ld accepts and lld 14 rejects or links differently gets one warning at
 * its place, naming the portable form; the portable form gets none.  Each
 * was linked with ld 2.40 and ld.lld 14. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ldscript/parser.h"
#include "ldscript/portability.h"
#include "rules.h"

/* The warnings ls_portability gives for text, in order. */
static void portability(const char *text, vl_diags *d)
{
	vl_error err = {0};
	ls_script s;

	memset(d, 0, sizeof(*d));
	if (!ls_parse_text("t.ld", text, strlen(text), NULL, &s, &err)) {
		print_error("parse error %u:%u: %s\n", err.line, err.column,
			    err.msg);
		fail();
	}
	int found = ls_portability(&s, d);

	assert_int_equal(found, (int)d->n);
	ls_script_free(&s);
}

/* Exactly one warning, this one. */
static void assert_warns(const char *text, unsigned line, unsigned column,
			 const char *msg)
{
	vl_diags d;

	portability(text, &d);
	for (size_t i = 0; d.n != 1 && i < d.n; i++)
		print_error("warning %u:%u %s\n", d.v[i].line, d.v[i].column,
			    d.v[i].message);
	assert_int_equal(d.n, 1);
	assert_ptr_equal(d.v[0].rule, VL_RULE_LLD_PORTABILITY);
	assert_string_equal(d.v[0].file, "t.ld");
	assert_int_equal(d.v[0].line, line);
	assert_int_equal(d.v[0].column, column);
	assert_string_equal(d.v[0].message, msg);
	vl_diags_free(&d);
}

static void assert_portable(const char *text)
{
	vl_diags d;

	portability(text, &d);
	for (size_t i = 0; i < d.n; i++)
		print_error("warning %u:%u %s\n", d.v[i].line, d.v[i].column,
			    d.v[i].message);
	assert_int_equal(d.n, 0);
	vl_diags_free(&d);
}

/* lld 14: "symbol not found: $6000000". */
static void dollar_numbers_are_symbols_to_lld(void **state)
{
	(void)state;
	assert_warns("SECTIONS {\n  .text $6000000 : { *(.text) }\n}\n", 2, 9,
		     "lld reads a $ number as a symbol name and fails: write "
		     "0x6000000");
	assert_warns("x = 1 + $10K;", 1, 9,
		     "lld reads a $ number as a symbol name and fails: write "
		     "0x4000");
	assert_portable("SECTIONS {\n  .text 0x6000000 : { *(.text) }\n}\n");
	assert_portable("x = __global_pointer$ + 1;");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(dollar_numbers_are_symbols_to_lld),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
