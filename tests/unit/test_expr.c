/* Unit tests for analyzer/expr.c: the ld expression parser, evaluator and
 * printer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "expr.h"

#define U64(x) UINT64_C(x)

/* ---- A test environment ---- */

/* Symbols: GUEST_RAM, SHADOW_BASE, "." known; UNK unknown; BAD an error
 * without a message; WORSE an error with one; anything else undefined.
 * Functions: ADDR(.text) and SIZEOF(...) look at the argument's name,
 * ALIGN(a) aligns ".", NEXT(x) doubles, SIZEOF_UNK() is unknown, FAILS()
 * errs without a message. */
typedef struct test_env {
	int symbol_calls;
	int call_calls;
	uint64_t last_args[4];
} test_env;

static expr_status test_symbol(void *ctx, const expr *e, uint64_t *value,
			       expr_error *err)
{
	test_env *t = ctx;

	t->symbol_calls++;
	if (strcmp(e->name, "GUEST_RAM") == 0) {
		*value = U64(0x6100000);
		return EXPR_OK;
	}
	if (strcmp(e->name, "SHADOW_BASE") == 0) {
		*value = U64(0x80000000);
		return EXPR_OK;
	}
	if (strcmp(e->name, ".") == 0) {
		*value = U64(0x1234);
		return EXPR_OK;
	}
	if (strcmp(e->name, "BIG") == 0) {
		*value = UINT64_MAX;
		return EXPR_OK;
	}
	if (strcmp(e->name, "UNK") == 0)
		return EXPR_UNKNOWN;
	if (strcmp(e->name, "BAD") == 0)
		return EXPR_ERROR;
	if (strcmp(e->name, "WORSE") == 0) {
		expr_error_set(err, "WORSE is worse");
		return EXPR_ERROR;
	}
	expr_error_set(err, "undefined symbol %s", e->name);
	return EXPR_ERROR;
}

static expr_status test_call(void *ctx, const expr *e, const uint64_t *args,
			     uint64_t *value, expr_error *err)
{
	test_env *t = ctx;
	size_t i;

	t->call_calls++;
	for (i = 0; i < e->nargs && i < 4; i++)
		t->last_args[i] = args[i];
	if (strcmp(e->name, "ADDR") == 0 && e->nargs == 1 &&
	    e->args[0]->kind == EXPR_SYM &&
	    strcmp(e->args[0]->name, ".text") == 0) {
		*value = U64(0x400000);
		return EXPR_OK;
	}
	if (strcmp(e->name, "SIZEOF") == 0 && e->nargs == 1) {
		*value = U64(0x80);
		return EXPR_OK;
	}
	if (strcmp(e->name, "ALIGN") == 0 && e->nargs == 1) {
		*value = (U64(0x1234) + args[0] - 1) & ~(args[0] - 1);
		return EXPR_OK;
	}
	if (strcmp(e->name, "NEXT") == 0 && e->nargs == 1) {
		*value = args[0] * 2;
		return EXPR_OK;
	}
	if (strcmp(e->name, "SIZEOF_UNK") == 0)
		return EXPR_UNKNOWN;
	if (strcmp(e->name, "FAILS") == 0)
		return EXPR_ERROR;
	expr_error_set(err, "unknown function %s", e->name);
	return EXPR_ERROR;
}

static test_env g_env;
static const expr_env g_expr_env = {&g_env, test_symbol, test_call,
				    EXPR_ARITH_EXACT, NULL};

static int reset_env(void **state)
{
	(void)state;
	memset(&g_env, 0, sizeof(g_env));
	return 0;
}

/* ---- Helpers ---- */

/* Parse and evaluate; a syntax error gives EXPR_ERROR too, told apart by
 * *parsed. */
static expr_status run(const char *text, size_t len, const expr_env *env,
		       uint64_t *value, expr_error *err, bool *parsed)
{
	expr *e = expr_parse(text, len, err);
	expr_status st;

	*parsed = e != NULL;
	if (!e)
		return EXPR_ERROR;
	st = expr_eval(e, env, value, err);
	expr_free(e);
	return st;
}

static void check_value_env(const char *text, const expr_env *env,
			    uint64_t want)
{
	uint64_t v = 0;
	expr_error err = {NULL, {0, 0, 0}};
	bool parsed;
	expr_status st = run(text, strlen(text), env, &v, &err, &parsed);

	if (st != EXPR_OK)
		print_error("'%s': status %d: %s\n", text, (int)st, err.msg);
	assert_true(parsed);
	assert_int_equal(st, EXPR_OK);
	if (v != want)
		print_error("'%s': got 0x%llx, want 0x%llx\n", text,
			    (unsigned long long)v, (unsigned long long)want);
	assert_int_equal(v, want);
	expr_error_free(&err);
}

static void check_value(const char *text, uint64_t want)
{
	check_value_env(text, &g_expr_env, want);
}

static void check_unknown(const char *text)
{
	uint64_t v = 0x5a5a;
	expr_error err = {NULL, {0, 0, 0}};
	bool parsed;
	expr_status st =
	    run(text, strlen(text), &g_expr_env, &v, &err, &parsed);

	if (st != EXPR_UNKNOWN)
		print_error("'%s': status %d: %s\n", text, (int)st, err.msg);
	assert_true(parsed);
	assert_int_equal(st, EXPR_UNKNOWN);
	assert_int_equal(v, 0x5a5a); /* not written */
	expr_error_free(&err);
}

/* An evaluation error with its message and column (all on line 1). */
static void check_eval_error_env(const char *text, const expr_env *env,
				 const char *msg, uint32_t column)
{
	uint64_t v = 0x5a5a;
	expr_error err = {NULL, {0, 0, 0}};
	bool parsed;
	expr_status st = run(text, strlen(text), env, &v, &err, &parsed);

	if (st != EXPR_ERROR || !parsed)
		print_error("'%s': status %d parsed %d: %s\n", text, (int)st,
			    parsed, err.msg);
	assert_true(parsed);
	assert_int_equal(st, EXPR_ERROR);
	assert_string_equal(err.msg, msg);
	assert_int_equal(err.loc.line, 1);
	assert_int_equal(err.loc.column, column);
	assert_int_equal(err.loc.offset, column - 1);
	assert_int_equal(v, 0x5a5a);
	expr_error_free(&err);
}

static void check_eval_error(const char *text, const char *msg, uint32_t column)
{
	check_eval_error_env(text, &g_expr_env, msg, column);
}

static void check_syntax_error_len(const char *text, size_t len,
				   const char *msg, uint32_t offset,
				   uint32_t line, uint32_t column)
{
	expr_error err = {NULL, {0, 0, 0}};
	expr *e = expr_parse(text, len, &err);

	if (e)
		print_error("'%s' parsed but should not\n", text);
	assert_null(e);
	assert_string_equal(err.msg, msg);
	assert_int_equal(err.loc.offset, offset);
	assert_int_equal(err.loc.line, line);
	assert_int_equal(err.loc.column, column);
	expr_error_free(&err);
}

static void check_syntax_error(const char *text, const char *msg,
			       uint32_t offset, uint32_t line, uint32_t column)
{
	check_syntax_error_len(text, strlen(text), msg, offset, line, column);
}

static void check_print(const char *text, const char *want)
{
	expr_error err = {NULL, {0, 0, 0}};
	expr *e = expr_parse(text, strlen(text), &err);
	char *s;

	if (!e)
		print_error("'%s': %s\n", text, err.msg);
	assert_non_null(e);
	s = expr_to_string(e);
	assert_non_null(s);
	assert_string_equal(s, want);
	free(s);
	expr_free(e);
}

/* text repeated n times, then mid, then tail repeated n times. */
static char *repeat(const char *head, size_t n, const char *mid,
		    const char *tail)
{
	size_t hl = strlen(head), ml = strlen(mid), tl = strlen(tail);
	char *s = malloc(n * (hl + tl) + ml + 1), *p;
	size_t i;

	assert_non_null(s);
	p = s;
	for (i = 0; i < n; i++, p += hl)
		memcpy(p, head, hl);
	memcpy(p, mid, ml);
	p += ml;
	for (i = 0; i < n; i++, p += tl)
		memcpy(p, tail, tl);
	*p = '\0';
	return s;
}

/* ---- Numbers ---- */

static void numbers_decimal_hex_and_leading_zero_octal(void **state)
{
	(void)state;
	check_value("0", 0);
	check_value("00", 0);
	check_value("42", 42);
	check_value("0x1f", 0x1f);
	check_value("0X1F", 0x1f);
	check_value("0xAbCd", 0xabcd);
	check_value("017", 15);
	check_value("0777", 0777);
	check_value("4294967295", U64(0xffffffff));
	check_value("4294967296", U64(0x100000000));
	check_value("18446744073709551615", UINT64_MAX);
	check_value("0xffffffffffffffff", UINT64_MAX);
	check_value("01777777777777777777777", UINT64_MAX);
	check_value("0x00000000000000000001", 1);
}

static void number_suffixes_scale_decimal_octal_and_hex(void **state)
{
	(void)state;
	check_value("4K", 4096);
	check_value("4k", 4096);
	check_value("2M", U64(0x200000));
	check_value("2m", U64(0x200000));
	check_value("1G", U64(0x40000000));
	check_value("1g", U64(0x40000000));
	check_value("0x1M", U64(0x100000));
	check_value("0x10K", U64(0x4000));
	check_value("0x3g", U64(0xc0000000));
	check_value("010K", 8 * 1024);
	check_value("0K", 0);
	check_value("16777216M", U64(0x100000000000));
	/* (2^34 - 1) G is the largest G value; 2^34 G would be 2^64. */
	check_value("17179869183G", U64(0xffffffffc0000000));
	check_value("0x3ffffffffG", U64(0xffffffffc0000000));
	check_value("0x3fffffffffffffK", U64(0xfffffffffffffc00));
}

static void numbers_too_big_for_64_bits_are_errors(void **state)
{
	(void)state;
	check_syntax_error("18446744073709551616",
			   "number does not fit in 64 bits", 0, 1, 1);
	check_syntax_error("0x10000000000000000",
			   "number does not fit in 64 bits", 0, 1, 1);
	check_syntax_error("1 + 17179869184G", "number does not fit in 64 bits",
			   4, 1, 5);
	check_syntax_error("0x40000000000000K",
			   "number does not fit in 64 bits", 0, 1, 1);
	check_syntax_error("99999999999999999999999999999999999999",
			   "number does not fit in 64 bits", 0, 1, 1);
}

static void malformed_numbers_are_errors(void **state)
{
	(void)state;
	check_syntax_error("0x", "expected hexadecimal digits after '0x'", 0, 1,
			   1);
	check_syntax_error("1 + 0xg", "expected hexadecimal digits after '0x'",
			   4, 1, 5);
	check_syntax_error("1 + 019", "invalid digit '9' in octal number", 6, 1,
			   7);
	check_syntax_error("08", "invalid digit '8' in octal number", 1, 1, 2);
	check_syntax_error("4KB",
			   "invalid number '4KB', expected digits with an "
			   "optional K, M or G suffix",
			   0, 1, 1);
	check_syntax_error("  1.5",
			   "invalid number '1.5', expected digits with an "
			   "optional K, M or G suffix",
			   2, 1, 3);
	check_syntax_error("12abc",
			   "invalid number '12abc', expected digits with an "
			   "optional K, M or G suffix",
			   0, 1, 1);
}

static void parse_number_reports_length_used(void **state)
{
	expr_error err = {NULL, {0, 0, 0}};
	uint64_t v = 0;

	(void)state;
	assert_int_equal(expr_parse_number("0x1Mfoo", 7, &v, &err), 4);
	assert_int_equal(v, U64(0x100000));
	assert_int_equal(expr_parse_number("12)", 3, &v, &err), 2);
	assert_int_equal(v, 12);
	/* len is respected: only "12" of "123" is looked at. */
	assert_int_equal(expr_parse_number("123", 2, &v, &err), 2);
	assert_int_equal(v, 12);
	assert_int_equal(expr_parse_number("4KB", 3, &v, &err), 2);
	assert_int_equal(v, 4096);
	/* Not a number: 0, and err untouched. */
	v = 7;
	assert_int_equal(expr_parse_number("abc", 3, &v, &err), 0);
	assert_int_equal(expr_parse_number("", 0, &v, &err), 0);
	assert_int_equal(v, 7);
	assert_null(err.msg);
	/* Overflow: 0 with err set relative to the text. */
	assert_int_equal(expr_parse_number("0x1ffffffffffffffff", 19, &v, &err),
			 0);
	assert_string_equal(err.msg, "number does not fit in 64 bits");
	assert_int_equal(err.loc.offset, 0);
	assert_int_equal(err.loc.column, 1);
	assert_int_equal(v, 7);
	assert_int_equal(expr_parse_number("0779", 4, &v, &err), 0);
	assert_string_equal(err.msg, "invalid digit '9' in octal number");
	assert_int_equal(err.loc.offset, 3);
	assert_int_equal(err.loc.column, 4);
	expr_error_free(&err);
	/* err may be NULL. */
	assert_int_equal(expr_parse_number("0x", 2, &v, NULL), 0);
}

/* ---- Operators ---- */

static void every_operator_computes_its_value(void **state)
{
	(void)state;
	check_value("7 + 5", 12);
	check_value("7 - 5", 2);
	check_value("7 * 5", 35);
	check_value("7 / 5", 1);
	check_value("7 % 5", 2);
	check_value("1 << 12", 4096);
	check_value("0x1000 >> 12", 1);
	check_value("0xf0 & 0x3c", 0x30);
	check_value("0xf0 | 0x0f", 0xff);
	check_value("-0", 0);
	check_value("~0", UINT64_MAX);
	check_value("~0xffffffff", U64(0xffffffff00000000));
	check_value("1 ? 10 : 20", 10);
	check_value("0 ? 10 : 20", 20);
}

static void comparisons_and_logic_give_0_or_1(void **state)
{
	(void)state;
	check_value("3 == 3", 1);
	check_value("3 == 4", 0);
	check_value("3 != 4", 1);
	check_value("3 != 3", 0);
	check_value("3 < 4", 1);
	check_value("4 < 4", 0);
	check_value("4 > 3", 1);
	check_value("4 > 4", 0);
	check_value("4 <= 4", 1);
	check_value("5 <= 4", 0);
	check_value("4 >= 4", 1);
	check_value("3 >= 4", 0);
	check_value("5 && 7", 1);
	check_value("5 && 0", 0);
	check_value("0 || 9", 1);
	check_value("0 || 0", 0);
	check_value("!5", 0);
	check_value("!0", 1);
	check_value("!!0x100", 1);
	check_value("0xffffffffffffffff > 0", 1); /* unsigned */
}

static void precedence_follows_the_ld_manual(void **state)
{
	(void)state;
	check_value("1 + 2 * 3", 7);
	check_value("(1 + 2) * 3", 9);
	check_value("10 - 4 - 3", 3); /* left associative */
	check_value("64 / 4 / 2", 8); /* left associative */
	check_value("2 * 3 % 4", 2);  /* same level, left to right */
	check_value("1 << 2 + 1", 8); /* + binds tighter than << */
	check_value("1 + 2 << 1", 6);
	check_value("1 << 3 > 7", 1);	  /* << tighter than > */
	check_value("1 < 2 == 1", 1);	  /* one comparison level */
	check_value("6 & 3 == 3", 0);	  /* == tighter than & */
	check_value("1 | 2 & 3", 3);	  /* & tighter than | */
	check_value("0 && 0 | 1", 0);	  /* | tighter than && */
	check_value("1 || 0 && 0", 1);	  /* && tighter than || */
	check_value("0 || 1 ? 5 : 6", 5); /* ?: lowest */
	check_value("1 ? 2 : 3 ? 4 : 5", 2);
	check_value("0 ? 2 : 0 ? 4 : 5", 5); /* right associative */
	check_value("0 ? 1 : 1 ? 0 ? 7 : 8 : 9", 8);
	check_value("!0 + 1", 2); /* unary tightest */
	check_value("~0 >> 60", 15);
	check_value("- - 0", 0);
	check_value("+5", 5); /* ld's unary plus */
	check_value("2 * (3 + 4) * 5", 70);
	check_print("a - b - c", "((a - b) - c)");
	check_print("a + b * c", "(a + (b * c))");
	check_print("a ? b : c ? d : e", "(a ? b : (c ? d : e))");
	check_print("a || b && c | d & e == f < g << h + i * j",
		    "(a || (b && (c | (d & ((e == f) < (g << (h + (i * "
		    "j))))))))");
	check_print("a * b + c << d < e == f & g | h && i || j",
		    "(((((((((a * b) + c) << d) < e) == f) & g) | h) && i) || "
		    "j)");
}

static void overflow_of_add_mul_shl_is_an_error_at_the_operator(void **state)
{
	(void)state;
	check_value("0xfffffffffffffffe + 1", UINT64_MAX);
	check_eval_error("0xffffffffffffffff + 1",
			 "overflow in 0xffffffffffffffff + 0x1 (does not fit "
			 "in 64 bits)",
			 20);
	check_eval_error("BIG + BIG",
			 "overflow in 0xffffffffffffffff + 0xffffffffffffffff "
			 "(does not fit in 64 bits)",
			 5);
	check_value("0xffffffff * 0x100000001", UINT64_MAX);
	check_eval_error("0x100000000 * 0x100000000",
			 "overflow in 0x100000000 * 0x100000000 (does not fit "
			 "in 64 bits)",
			 13);
	check_value("1 << 63", U64(0x8000000000000000));
	check_value("0xffffffff << 32", U64(0xffffffff00000000));
	check_eval_error(
	    "2 << 63", "overflow in 0x2 << 0x3f (does not fit in 64 bits)", 3);
	check_eval_error("1 << 64", "shift by 64 or more in 0x1 << 0x40", 3);
	check_eval_error("0 << 64", "shift by 64 or more in 0x0 << 0x40", 3);
	check_value("0x8000000000000000 >> 63", 1);
	check_value("1 >> 64", 0);
	check_value("~0 >> 0xffffffffffffffff", 0);
}

static void exact_intermediates_may_be_negative_not_the_result(void **state)
{
	(void)state;
	check_value("5 - 5", 0);
	/* GUEST_RAM is 0x6100000: A - C + B with C > A. */
	check_value("0x1000 - 0x2000 + 0x1800", 0x800);
	check_value("8 + -8", 0);
	check_value("0x10 + -GUEST_RAM + GUEST_RAM", 0x10);
	check_value("(0 - 0x10) * (0 - 2)", 0x20);
	check_value("(0 - 16) / 2 + 9", 1);
	check_value("(0 - 7) % 2 + 1", 0);
	check_value("(0 - 1) < 0", 1);
	check_value("(0 - 2) < (0 - 1)", 1);
	check_value("(0 - 1) == -1", 1);
	check_value("(0 - 1) ? 4 : 5", 4);
	check_value("-(0 - 0xffffffffffffffff)", UINT64_MAX);
	check_eval_error("1 - 2", "negative result -0x1", 3);
	check_eval_error("0 - 0xffffffffffffffff",
			 "negative result -0xffffffffffffffff", 3);
	check_eval_error("-1", "negative result -0x1", 1);
	check_eval_error("3 + -GUEST_RAM", "negative result -0x60ffffd", 3);
	/* A magnitude of 2^64 or more is an overflow on the way. */
	check_eval_error("(0 - 0xffffffffffffffff) - 1",
			 "overflow in -0xffffffffffffffff - 0x1 (does not fit "
			 "in 64 bits)",
			 26);
	/* Bits, shifts and arguments take natural numbers only. */
	check_eval_error("(1 - 2) & 3",
			 "negative value -0x1 as left operand of '&'", 9);
	check_eval_error("1 << (1 - 2)",
			 "negative value -0x1 as right operand of '<<'", 3);
	check_eval_error("~(1 - 2)", "negative value -0x1 as operand of '~'",
			 1);
	check_eval_error("MAX(1, 1 - 2)",
			 "negative value -0x1 as argument 2 of MAX", 10);
}

/* GNU ld 2.40 computes in bfd_vma: "x = 0 - 1;" is 0xffffffffffffffff in
 * nm, (0 - 16) / 2 is 0xfffffffffffffff8, >> and < are unsigned. */
static void ld_arithmetic_wraps_modulo_2_64(void **state)
{
	const expr_env ld = {&g_env, test_symbol, test_call, EXPR_ARITH_LD,
			     NULL};

	(void)state;
	check_value_env("0x1000 - 0x2000 + 0x1800", &ld, 0x800);
	check_value_env("0 - 1", &ld, UINT64_MAX);
	check_value_env("-1", &ld, UINT64_MAX);
	check_value_env("8 + -0x10", &ld, U64(0xfffffffffffffff8));
	check_value_env("0xffffffffffffffff + 2", &ld, 1);
	check_value_env("0x100000000 * 0x100000001", &ld, U64(0x100000000));
	check_value_env("2 << 63", &ld, 0);
	check_value_env("(0 - 1) / 2", &ld, 0);
	check_value_env("(0 - 16) / 2", &ld, U64(0xfffffffffffffff8));
	check_value_env("(0 - 16) / (0 - 2)", &ld, 8);
	check_value_env("(0 - 7) % 2", &ld, UINT64_MAX);
	check_value_env("0x8000000000000000 / (0 - 1)", &ld,
			U64(0x8000000000000000));
	check_value_env("0x8000000000000000 % (0 - 1)", &ld, 0);
	check_value_env("(0 - 16) >> 1", &ld, U64(0x7ffffffffffffff8));
	check_value_env("(0 - 0x10) > 5", &ld, 1);
	check_value_env("~(1 - 2)", &ld, 0);
	check_value_env("MAX(1, 1 - 2)", &ld, UINT64_MAX);
	check_eval_error_env("1 / (1 - 1)", &ld,
			     "division by zero in 0x1 / 0x0", 3);
	check_eval_error_env("1 << 64", &ld,
			     "shift by 64 or more in 0x1 << 0x40", 3);
}

static void division_by_zero_is_an_error(void **state)
{
	(void)state;
	check_eval_error("1 / 0", "division by zero in 0x1 / 0x0", 3);
	check_eval_error("1 % 0", "division by zero in 0x1 % 0x0", 3);
	check_eval_error("5 / (3 - 3)", "division by zero in 0x5 / 0x0", 3);
	check_value("0 / 1", 0);
	check_value("0xffffffffffffffff / 0xffffffffffffffff", 1);
}

static void logic_and_conditional_evaluate_only_what_decides(void **state)
{
	(void)state;
	check_value("0 && 1 / 0", 0);
	check_value("1 || 1 / 0", 1);
	check_value("0 ? 1 / 0 : 4", 4);
	check_value("1 ? 4 : 1 / 0", 4);
	check_eval_error("1 && 1 / 0", "division by zero in 0x1 / 0x0", 8);
	check_eval_error("0 || 1 / 0", "division by zero in 0x1 / 0x0", 8);
	check_eval_error("1 / 0 ? 1 : 2", "division by zero in 0x1 / 0x0", 3);
	/* Symbols on the skipped side are not even looked up. */
	g_env.symbol_calls = 0;
	check_value("0 && NOPE", 0);
	check_value("1 ? 3 : NOPE", 3);
	assert_int_equal(g_env.symbol_calls, 0);
}

/* ---- Unknown values ---- */

static void unknown_operands_make_unknown_results(void **state)
{
	(void)state;
	check_unknown("UNK");
	check_unknown("UNK + 1");
	check_unknown("1 + UNK");
	check_unknown("UNK - 5");
	check_unknown("UNK * 0");
	check_unknown("-UNK");
	check_unknown("~UNK");
	check_unknown("!UNK");
	check_unknown("UNK == UNK");
	check_unknown("ALIGN(UNK, 4K)");
	check_unknown("ALIGN(UNK, 3)"); /* operands first */
	check_unknown("MAX(1, UNK)");
	check_unknown("1 ? UNK : 2");
	check_unknown("UNK && 0");
	check_unknown("UNK || 1");
	check_unknown("1 && UNK");
	check_unknown("SIZEOF_UNK()");
	check_value("0 ? UNK : 2", 2);
	check_value("0 && UNK", 0);
	check_value("1 || UNK", 1);
	/* A function with an unknown argument is not asked at all. */
	g_env.call_calls = 0;
	check_unknown("NEXT(UNK)");
	assert_int_equal(g_env.call_calls, 0);
}

static void errors_win_over_unknown(void **state)
{
	(void)state;
	check_eval_error("UNK + 1 / 0", "division by zero in 0x1 / 0x0", 9);
	check_eval_error("1 / 0 + UNK", "division by zero in 0x1 / 0x0", 3);
	check_eval_error("UNK + NOPE", "undefined symbol NOPE", 7);
	check_eval_error("UNK || NOPE", "undefined symbol NOPE", 8);
	check_eval_error("MAX(UNK, NOPE)", "undefined symbol NOPE", 10);
	check_eval_error("NEXT(UNK, 1 - 2)",
			 "negative value -0x1 as argument 2 of NEXT", 13);
	/* With an unknown condition no branch is chosen, so none is looked
	 * at: unknown, not the error in a branch. */
	check_unknown("UNK ? 1 / 0 : 2");
}

/* ---- Symbols and functions ---- */

static void symbols_come_from_the_environment(void **state)
{
	(void)state;
	check_value("GUEST_RAM", U64(0x6100000));
	check_value("GUEST_RAM + 4K", U64(0x6101000));
	check_value("ALIGN(SHADOW_BASE + GUEST_RAM, 2M)", U64(0x86200000));
	check_value(".", U64(0x1234));
	check_value(". + 0x10", U64(0x1244));
	check_value("SHADOW_BASE-GUEST_RAM", U64(0x79f00000));
	check_eval_error("1 + NOPE", "undefined symbol NOPE", 5);
	check_eval_error("$x.y_1", "undefined symbol $x.y_1", 1);
	check_eval_error("1 + WORSE", "WORSE is worse", 5);
	check_eval_error("  BAD", "cannot evaluate symbol BAD", 3);
}

static void without_callbacks_symbols_and_functions_are_errors(void **state)
{
	const expr_env empty = {NULL, NULL, NULL, EXPR_ARITH_EXACT, NULL};

	(void)state;
	check_eval_error_env("1 + GUEST_RAM", NULL,
			     "undefined symbol GUEST_RAM", 5);
	check_eval_error_env(".", &empty, "undefined symbol .", 1);
	check_eval_error_env("FOO(1)", NULL, "unknown function FOO", 1);
	check_eval_error_env("2 + ALIGN(4)", &empty, "unknown function ALIGN",
			     5);
	/* Builtins need no environment. */
	check_value_env("ALIGN(5, 4) + MAX(1, 2)", NULL, 10);
}

static void align_rounds_up_to_a_power_of_two(void **state)
{
	(void)state;
	check_value("ALIGN(0x1001, 0x1000)", 0x2000);
	check_value("ALIGN(0x1000, 0x1000)", 0x1000);
	check_value("ALIGN(0, 0x1000)", 0);
	check_value("ALIGN(7, 1)", 7);
	check_value("ALIGN(0xfffffffffffff000, 4K)", U64(0xfffffffffffff000));
	check_value("ALIGN(1, 0x8000000000000000)", U64(0x8000000000000000));
	check_eval_error("ALIGN(0x1001, 3)",
			 "ALIGN alignment 0x3 is not a power of two", 1);
	check_eval_error("1 + ALIGN(0x1001, 0)",
			 "ALIGN alignment 0x0 is not a power of two", 5);
	check_eval_error("ALIGN(0xfffffffffffff001, 0x1000)",
			 "overflow in ALIGN(0xfffffffffffff001, 0x1000) (does "
			 "not fit in 64 bits)",
			 1);
}

static void max_min_log2ceil_absolute(void **state)
{
	(void)state;
	check_value("MAX(3, 5)", 5);
	check_value("MAX(5, 3)", 5);
	check_value("MIN(3, 5)", 3);
	check_value("MIN(0xffffffffffffffff, 0)", 0);
	check_value("LOG2CEIL(0)", 0);
	check_value("LOG2CEIL(1)", 0);
	check_value("LOG2CEIL(2)", 1);
	check_value("LOG2CEIL(3)", 2);
	check_value("LOG2CEIL(4096)", 12);
	check_value("LOG2CEIL(4097)", 13);
	check_value("LOG2CEIL(0x8000000000000000)", 63);
	check_value("LOG2CEIL(0x8000000000000001)", 64);
	check_value("LOG2CEIL(0xffffffffffffffff)", 64);
	check_value("ABSOLUTE(7)", 7);
	check_value("ABSOLUTE(. + 1)", U64(0x1235));
}

static void builtin_argument_counts_are_checked(void **state)
{
	(void)state;
	check_eval_error("MAX(1)", "MAX takes 2 arguments, got 1", 1);
	check_eval_error("1 + MIN(1, 2, 3)", "MIN takes 2 arguments, got 3", 5);
	check_eval_error("LOG2CEIL()", "LOG2CEIL takes 1 argument, got 0", 1);
	check_eval_error("ABSOLUTE(1, 2)", "ABSOLUTE takes 1 argument, got 2",
			 1);
	check_eval_error("ALIGN()", "ALIGN takes 1 or 2 arguments, got 0", 1);
	check_eval_error("ALIGN(1, 2, 4)",
			 "ALIGN takes 1 or 2 arguments, got 3", 1);
}

static void other_functions_go_to_the_environment(void **state)
{
	(void)state;
	/* ALIGN with one argument aligns the location counter (0x1234). */
	check_value("ALIGN(0x100)", U64(0x1300));
	check_value("NEXT(21)", 42);
	assert_int_equal(g_env.last_args[0], 21);
	check_value("SIZEOF(.data) + 1", U64(0x81));
	check_eval_error("1 + FAILS(2)", "cannot evaluate FAILS(...)", 5);
	check_eval_error("FROB(1)", "unknown function FROB", 1);
}

static void name_arguments_are_not_evaluated(void **state)
{
	(void)state;
	g_env.symbol_calls = 0;
	g_env.last_args[0] = 99;
	check_value("ADDR(.text)", U64(0x400000));
	assert_int_equal(g_env.symbol_calls, 0);
	assert_int_equal(g_env.last_args[0], 0);
	/* A value argument is evaluated even next to name arguments. */
	check_value("NEXT(GUEST_RAM)", U64(0xc200000));
	assert_int_equal(g_env.symbol_calls, 1);
}

/* ---- Syntax errors ---- */

static void syntax_errors_say_what_was_found_and_expected(void **state)
{
	(void)state;
	check_syntax_error("",
			   "unexpected end of expression, expected a number, "
			   "a name or '('",
			   0, 1, 1);
	check_syntax_error("   ",
			   "unexpected end of expression, expected a number, "
			   "a name or '('",
			   3, 1, 4);
	check_syntax_error("1 +",
			   "unexpected end of expression, expected a number, "
			   "a name or '('",
			   3, 1, 4);
	check_syntax_error("(1 + 2",
			   "unexpected end of expression, expected ')' after "
			   "expression",
			   6, 1, 7);
	check_syntax_error("(1 + 2 x",
			   "expected ')' after expression, found 'x'", 7, 1, 8);
	check_syntax_error("MAX(1 x",
			   "expected ',' or ')' after function argument, "
			   "found 'x'",
			   6, 1, 7);
	check_syntax_error(
	    "MAX(1,)", "expected a number, a name or '(', found ')'", 6, 1, 7);
	check_syntax_error("1 ? 2",
			   "unexpected end of expression, expected ':' in "
			   "conditional expression",
			   5, 1, 6);
	check_syntax_error("1 ? 2 , 3",
			   "expected ':' in conditional expression, found ','",
			   6, 1, 7);
	check_syntax_error("a = 1",
			   "expected an operator or the end of the expression, "
			   "found '='",
			   2, 1, 3);
	check_syntax_error(
	    "1 + @", "expected a number, a name or '(', found '@'", 4, 1, 5);
	check_syntax_error("1 ^ 2",
			   "expected an operator or the end of the expression, "
			   "found '^'",
			   2, 1, 3);
	check_syntax_error(")", "expected a number, a name or '(', found ')'",
			   0, 1, 1);
}

static void trailing_garbage_is_an_error(void **state)
{
	(void)state;
	check_syntax_error("1 2",
			   "expected an operator or the end of the expression, "
			   "found '2'",
			   2, 1, 3);
	check_syntax_error("GUEST_RAM + 4K )",
			   "expected an operator or the end of the expression, "
			   "found ')'",
			   15, 1, 16);
	check_syntax_error("ALIGN(4, 2) foo",
			   "expected an operator or the end of the expression, "
			   "found 'foo'",
			   12, 1, 13);
	check_syntax_error(
	    "1 <<< 2", "expected a number, a name or '(', found '<'", 4, 1, 5);
}

static void error_locations_count_lines_and_columns(void **state)
{
	(void)state;
	check_syntax_error("1 +\n  * 2",
			   "expected a number, a name or '(', found '*'", 6, 2,
			   3);
	check_syntax_error("\n\n  0x", "expected hexadecimal digits after '0x'",
			   4, 3, 3);
	check_syntax_error("GUEST_RAM +\n\t4KB",
			   "invalid number '4KB', expected digits with an "
			   "optional K, M or G suffix",
			   13, 2, 2);
	check_syntax_error("(1 +\r\n 2\n",
			   "unexpected end of expression, expected ')' after "
			   "expression",
			   9, 3, 1);
	check_syntax_error("1 +\n 0779", "invalid digit '9' in octal number", 8,
			   2, 5);
}

static void nodes_carry_their_locations(void **state)
{
	const char *text = "a +\n  MAX(b, 0x10) ? -c : d";
	expr_error err = {NULL, {0, 0, 0}};
	expr *e = expr_parse(text, strlen(text), &err);
	expr *sum, *max;

	(void)state;
	assert_non_null(e);
	assert_int_equal(e->kind, EXPR_COND);
	assert_int_equal(e->loc.offset, 19); /* at '?' */
	assert_int_equal(e->loc.line, 2);
	assert_int_equal(e->loc.column, 16);
	sum = e->a;
	assert_int_equal(sum->kind, EXPR_BINARY);
	assert_int_equal(sum->op, '+');
	assert_int_equal(sum->loc.offset, 2);
	assert_int_equal(sum->loc.column, 3);
	assert_int_equal(sum->a->loc.column, 1);
	max = sum->b;
	assert_int_equal(max->kind, EXPR_CALL);
	assert_string_equal(max->name, "MAX");
	assert_int_equal(max->nargs, 2);
	assert_int_equal(max->loc.offset, 6);
	assert_int_equal(max->loc.line, 2);
	assert_int_equal(max->loc.column, 3);
	assert_int_equal(max->args[1]->kind, EXPR_NUM);
	assert_int_equal(max->args[1]->num, 0x10);
	assert_int_equal(max->args[1]->loc.offset, 13);
	assert_int_equal(max->args[1]->loc.column, 10);
	assert_int_equal(e->b->kind, EXPR_UNARY);
	assert_int_equal(e->b->op, '-');
	assert_int_equal(e->b->loc.column, 18);
	assert_int_equal(e->b->a->loc.column, 19);
	assert_string_equal(e->c->name, "d");
	assert_int_equal(e->c->loc.column, 23);
	expr_free(e);
}

static void input_is_bounded_by_len_and_nul_bytes_are_tokens(void **state)
{
	(void)state;
	/* Only "1 +" of "1 + 2" is given. */
	check_syntax_error_len("1 + 2", 3,
			       "unexpected end of expression, expected a "
			       "number, a name or '('",
			       3, 1, 4);
	check_syntax_error_len(
	    "1 +\0 2", 6, "expected a number, a name or '(', found '\\x00'", 3,
	    1, 4);
	check_syntax_error_len("4\0", 2,
			       "expected an operator or the end of the "
			       "expression, found '\\x00'",
			       1, 1, 2);
	check_syntax_error_len(
	    "1 + \xff", 5, "expected a number, a name or '(', found '\\xff'", 4,
	    1, 5);
}

static void long_tokens_are_cut_in_messages(void **state)
{
	char *name = repeat("x", 100, "", "");
	char *text = malloc(strlen(name) + 3);
	char want[256];

	(void)state;
	assert_non_null(text);
	sprintf(text, "1 %s", name);
	snprintf(want, sizeof(want),
		 "expected an operator or the end of the expression, found "
		 "'%.40s...'",
		 name);
	check_syntax_error(text, want, 2, 1, 3);
	free(text);
	free(name);
}

/* Messages the environment writes hold the whole name, however long;
 * only the parser's quotes of a token are cut (above). */
static void callback_messages_are_kept_whole(void **state)
{
	char *name = repeat("n", 1000, "", "");
	char *want = malloc(strlen(name) + 32);
	expr_error err = {NULL, {0, 0, 0}};
	uint64_t v = 0;
	expr *e = expr_parse(name, strlen(name), &err);

	(void)state;
	assert_non_null(want);
	assert_non_null(e);
	sprintf(want, "undefined symbol %s", name);
	assert_int_equal(expr_eval(e, &g_expr_env, &v, &err), EXPR_ERROR);
	assert_string_equal(err.msg, want);
	expr_free(e);
	/* A later success leaves no message behind. */
	e = expr_parse("1", 1, &err);
	assert_non_null(e);
	assert_int_equal(expr_eval(e, &g_expr_env, &v, &err), EXPR_OK);
	assert_null(err.msg);
	expr_free(e);
	free(want);
	free(name);
}

static void error_set_replaces_and_may_quote_the_old_message(void **state)
{
	expr_error err = {NULL, {0, 0, 0}};

	(void)state;
	expr_error_set(&err, "unknown name '%s'", "X");
	expr_error_set(&err, "-D A=X: %s", err.msg);
	assert_string_equal(err.msg, "-D A=X: unknown name 'X'");
	expr_error_free(&err);
	assert_null(err.msg);
	expr_error_free(&err);
	expr_error_set(NULL, "ignored");
}

static void null_err_is_allowed(void **state)
{
	uint64_t v = 0;
	expr *e;

	(void)state;
	assert_null(expr_parse("1 +", 3, NULL));
	e = expr_parse("1 / 0", 5, NULL);
	assert_non_null(e);
	assert_int_equal(expr_eval(e, NULL, &v, NULL), EXPR_ERROR);
	expr_free(e);
}

/* ---- Depth limits ---- */

static void deep_parentheses_are_rejected_without_crashing(void **state)
{
	char *s;

	(void)state;
	/* The whole expression is level 1, each '(' one more; parentheses
	 * may nest to EXPR_MAX_NEST, as printed trees need. */
	s = repeat("(", EXPR_MAX_NEST - 1, "1", ")");
	check_value(s, 1);
	free(s);
	/* Reported at the first token of the level that is too deep. */
	s = repeat("(", EXPR_MAX_NEST, "1", ")");
	check_syntax_error(s,
			   "expression nested too deeply (more than 514 "
			   "levels)",
			   EXPR_MAX_NEST, 1, EXPR_MAX_NEST + 1);
	free(s);
	s = repeat("(", 1000, "1", ")");
	check_syntax_error(s,
			   "expression nested too deeply (more than 514 "
			   "levels)",
			   EXPR_MAX_NEST, 1, EXPR_MAX_NEST + 1);
	free(s);
	s = repeat("(", 200000, "", "");
	check_syntax_error(s,
			   "expression nested too deeply (more than 514 "
			   "levels)",
			   EXPR_MAX_NEST, 1, EXPR_MAX_NEST + 1);
	free(s);
	/* The parser's bound stops a deep chain of calls on the way down,
	 * at the first argument of the 514th MAX. */
	s = repeat("MAX(1, ", 100000, "1", ")");
	check_syntax_error(s,
			   "expression nested too deeply (more than 514 "
			   "levels)",
			   7 * (EXPR_MAX_NEST - 1) + 4, 1,
			   7 * (EXPR_MAX_NEST - 1) + 5);
	free(s);
	s = repeat("1 ? 1 : ", 100000, "1", "");
	check_syntax_error(s,
			   "expression nested too deeply (more than 514 "
			   "levels)",
			   8 * (EXPR_MAX_NEST - 1) + 4, 1,
			   8 * (EXPR_MAX_NEST - 1) + 5);
	free(s);
}

static void deep_unary_chains_are_rejected(void **state)
{
	char *s;

	(void)state;
	s = repeat("~", EXPR_MAX_DEPTH - 1, "0", "");
	check_value(s, UINT64_MAX);
	free(s);
	/* One too many: the tree is too deep, reported where it starts. */
	s = repeat("~", EXPR_MAX_DEPTH, "0", "");
	check_syntax_error(s,
			   "expression nested too deeply (more than 256 "
			   "levels)",
			   0, 1, 1);
	free(s);
	/* Far too many: the parser stops at its own bound first. */
	s = repeat("-", 300000, "0", "");
	check_syntax_error(s,
			   "expression nested too deeply (more than 514 "
			   "levels)",
			   EXPR_MAX_NEST - 1, 1, EXPR_MAX_NEST);
	free(s);
}

static void long_operator_chains_are_rejected_by_tree_depth(void **state)
{
	char *s;

	(void)state;
	/* n terms make a tree n deep. */
	s = repeat("1+", EXPR_MAX_DEPTH - 1, "1", "");
	check_value(s, EXPR_MAX_DEPTH);
	free(s);
	s = repeat("1+", EXPR_MAX_DEPTH, "1", "");
	check_syntax_error(s,
			   "expression nested too deeply (more than 256 "
			   "levels)",
			   2 * EXPR_MAX_DEPTH - 1, 1, 2 * EXPR_MAX_DEPTH);
	free(s);
	s = repeat("1+", 500000, "1", "");
	check_syntax_error(s,
			   "expression nested too deeply (more than 256 "
			   "levels)",
			   2 * EXPR_MAX_DEPTH - 1, 1, 2 * EXPR_MAX_DEPTH);
	free(s);
}

static void eval_refuses_deep_trees_built_by_other_parsers(void **state)
{
	const expr_loc loc = {0, 1, 1};
	expr *e = expr_new_num(1, loc);
	expr_error err = {NULL, {0, 0, 0}};
	uint64_t v = 0;
	int i;

	(void)state;
	for (i = 0; i < EXPR_MAX_DEPTH + 10; i++) {
		e = expr_new_binary(
		    '+', e, expr_new_num(1, loc),
		    (expr_loc){(uint32_t)i, 1, (uint32_t)i + 1});
		assert_non_null(e);
	}
	assert_int_equal(expr_eval(e, NULL, &v, &err), EXPR_ERROR);
	assert_string_equal(err.msg,
			    "expression nested too deeply (more than 256 "
			    "levels)");
	expr_error_free(&err);
	expr_free(e);
}

/* ---- Constructors ---- */

static void constructors_build_what_the_parser_builds(void **state)
{
	const expr_loc loc = {0, 1, 1};
	expr **args = malloc(2 * sizeof(*args));
	expr *e;
	char *s;
	uint64_t v = 0;
	expr_error err = {NULL, {0, 0, 0}};

	(void)state;
	assert_non_null(args);
	args[0] = expr_new_binary('+', expr_new_sym("SHADOW_BASEx", 11, loc),
				  expr_new_sym("GUEST_RAM", 9, loc), loc);
	args[1] = expr_new_num(U64(0x200000), loc);
	e = expr_new_call("ALIGNED", 5, args, 2, loc);
	assert_non_null(e);
	assert_string_equal(e->name, "ALIGN");
	s = expr_to_string(e);
	assert_string_equal(s, "ALIGN((SHADOW_BASE + GUEST_RAM), 0x200000)");
	free(s);
	assert_int_equal(expr_eval(e, &g_expr_env, &v, &err), EXPR_OK);
	assert_int_equal(v, U64(0x86200000));
	expr_free(e);
	e = expr_new_cond(expr_new_unary('!', expr_new_num(0, loc), loc),
			  expr_new_num(1, loc), expr_new_num(2, loc), loc);
	s = expr_to_string(e);
	assert_string_equal(s, "(!0x0 ? 0x1 : 0x2)");
	free(s);
	expr_free(e);
}

static void constructors_free_children_when_one_is_null(void **state)
{
	const expr_loc loc = {0, 1, 1};
	expr **args = malloc(2 * sizeof(*args));

	(void)state;
	/* The sanitizer's leak check proves the other children are freed. */
	assert_null(expr_new_binary('+', expr_new_num(1, loc), NULL, loc));
	assert_null(expr_new_binary('+', NULL, expr_new_num(1, loc), loc));
	assert_null(expr_new_unary('-', NULL, loc));
	assert_null(expr_new_cond(expr_new_num(1, loc), NULL,
				  expr_new_num(2, loc), loc));
	assert_non_null(args);
	args[0] = expr_new_num(1, loc);
	args[1] = NULL;
	assert_null(expr_new_call("F", 1, args, 2, loc));
	expr_free(NULL);
}

/* ---- Printing ---- */

static void to_string_uses_hex_and_parenthesises_operators(void **state)
{
	(void)state;
	check_print("GUEST_RAM + 4K", "(GUEST_RAM + 0x1000)");
	check_print("ALIGN(SHADOW_BASE + GUEST_RAM, 2M)",
		    "ALIGN((SHADOW_BASE + GUEST_RAM), 0x200000)");
	check_print("0", "0x0");
	check_print("017", "0xf");
	check_print("((x))", "x");
	check_print("-~!x", "-~!x");
	check_print("- -x", "--x");
	check_print("~(a | b)", "~(a | b)");
	check_print("a?b:c", "(a ? b : c)");
	check_print("f()", "f()");
	check_print("ADDR(.text) + SIZEOF(.text)",
		    "(ADDR(.text) + SIZEOF(.text))");
	check_print("a<<b>>c<=d>=e!=f==g&&h||i%j/k",
		    "((((((((a << b) >> c) <= d) >= e) != f) == g) && h) || "
		    "((i % j) / k))");
	check_print(".", ".");
}

/* parse(to_string(e)) gives the same value and prints the same again. */
static void check_round_trip(const char *text)
{
	expr_error err = {NULL, {0, 0, 0}};
	expr *e1 = expr_parse(text, strlen(text), &err), *e2;
	char *s1, *s2;
	uint64_t v1 = 1, v2 = 2;
	expr_error err1 = {NULL, {0, 0, 0}}, err2 = {NULL, {0, 0, 0}};
	expr_status st1, st2;

	if (!e1)
		print_error("'%s': %s\n", text, err.msg);
	assert_non_null(e1);
	s1 = expr_to_string(e1);
	assert_non_null(s1);
	e2 = expr_parse(s1, strlen(s1), &err);
	if (!e2)
		print_error("'%s' -> '%s': %s\n", text, s1, err.msg);
	assert_non_null(e2);
	s2 = expr_to_string(e2);
	assert_string_equal(s1, s2);
	st1 = expr_eval(e1, &g_expr_env, &v1, &err1);
	st2 = expr_eval(e2, &g_expr_env, &v2, &err2);
	assert_int_equal(st1, st2);
	if (st1 == EXPR_OK)
		assert_int_equal(v1, v2);
	if (st1 == EXPR_ERROR)
		assert_string_equal(err1.msg, err2.msg);
	expr_error_free(&err1);
	expr_error_free(&err2);
	free(s1);
	free(s2);
	expr_free(e1);
	expr_free(e2);
}

static void to_string_round_trips(void **state)
{
	static const char *const cases[] = {
	    "GUEST_RAM + 4K",
	    "ALIGN(SHADOW_BASE + GUEST_RAM, 2M)",
	    "1 + 2 * 3 - 4 / 2 % 3",
	    "(1 + 2) * 3",
	    "1 << 2 + 1 >> 1",
	    "~0 >> 60 & 0xf | 0x10",
	    "!0 + -0 + ~~5",
	    "1 < 2 == 3 > 2 != 0 <= 1 >= 1",
	    "0 && 1 / 0 || 7",
	    "UNK ? 1 : 2",
	    "0 ? 2 : 0 ? 4 : 5",
	    "MAX(1, MIN(2, LOG2CEIL(4097))) + ABSOLUTE(.)",
	    "ADDR(.text) + SIZEOF(.text) + NEXT(3)",
	    "0xffffffffffffffff + 1",
	    "1 - 2",
	    "17179869183G",
	    "ALIGN(0x100)",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_round_trip(cases[i]);
}

/* Random strings over the language's alphabet: nothing may crash or leak,
 * and whatever parses must round-trip. */
static void random_inputs_never_crash(void **state)
{
	static const char alphabet[] =
	    "0123456789xXKMGabUNK._$()?:,|&=!<>+-*/%~ "
	    "\n\t\0\xff";
	uint32_t seed = 12345;
	char buf[64];
	int i, parsed = 0;

	(void)state;
	for (i = 0; i < 20000; i++) {
		size_t len, j;
		expr_error err = {NULL, {0, 0, 0}};
		expr *e;

		seed = seed * 1103515245 + 12345;
		len = (seed >> 16) % sizeof(buf);
		for (j = 0; j < len; j++) {
			seed = seed * 1103515245 + 12345;
			buf[j] =
			    alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		e = expr_parse(buf, len, &err);
		if (!e) {
			assert_true(err.msg && err.msg[0] != '\0');
			assert_true(err.loc.offset <= len);
			expr_error_free(&err);
			continue;
		}
		parsed++;
		expr_free(e);
		buf[len] = '\0';
		if (strlen(buf) == len)
			check_round_trip(buf);
	}
	assert_true(parsed > 100);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup(f, reset_env)
	const struct CMUnitTest tests[] = {
	    T(numbers_decimal_hex_and_leading_zero_octal),
	    T(number_suffixes_scale_decimal_octal_and_hex),
	    T(numbers_too_big_for_64_bits_are_errors),
	    T(malformed_numbers_are_errors),
	    T(parse_number_reports_length_used),
	    T(every_operator_computes_its_value),
	    T(comparisons_and_logic_give_0_or_1),
	    T(precedence_follows_the_ld_manual),
	    T(overflow_of_add_mul_shl_is_an_error_at_the_operator),
	    T(exact_intermediates_may_be_negative_not_the_result),
	    T(ld_arithmetic_wraps_modulo_2_64),
	    T(division_by_zero_is_an_error),
	    T(logic_and_conditional_evaluate_only_what_decides),
	    T(unknown_operands_make_unknown_results),
	    T(errors_win_over_unknown),
	    T(symbols_come_from_the_environment),
	    T(without_callbacks_symbols_and_functions_are_errors),
	    T(align_rounds_up_to_a_power_of_two),
	    T(max_min_log2ceil_absolute),
	    T(builtin_argument_counts_are_checked),
	    T(other_functions_go_to_the_environment),
	    T(name_arguments_are_not_evaluated),
	    T(syntax_errors_say_what_was_found_and_expected),
	    T(trailing_garbage_is_an_error),
	    T(error_locations_count_lines_and_columns),
	    T(nodes_carry_their_locations),
	    T(input_is_bounded_by_len_and_nul_bytes_are_tokens),
	    T(long_tokens_are_cut_in_messages),
	    T(callback_messages_are_kept_whole),
	    T(error_set_replaces_and_may_quote_the_old_message),
	    T(null_err_is_allowed),
	    T(deep_parentheses_are_rejected_without_crashing),
	    T(deep_unary_chains_are_rejected),
	    T(long_operator_chains_are_rejected_by_tree_depth),
	    T(eval_refuses_deep_trees_built_by_other_parsers),
	    T(constructors_build_what_the_parser_builds),
	    T(constructors_free_children_when_one_is_null),
	    T(to_string_uses_hex_and_parenthesises_operators),
	    T(to_string_round_trips),
	    T(random_inputs_never_crash),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
