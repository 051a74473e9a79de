/* Unit tests for analyzer/builtins.c, the one table of ld's builtin
 * functions: every row walked through the linker-script parser (argument
 * counts, name arguments), the expression language (constant ones computed
 * there, the others handed to the environment) and the link simulation
 * (every builtin has a value there, and the constant ones are offsets
 * inside an output section, as ld takes them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "builtins.h"
#include "ldscript/eval.h"
#include "ldscript/parser.h"
#include "check.h"
#include "rules.h"
#include "space.h"

/* ---- Calls built from the table ---- */

/* A name of the kind the builtin takes, as a script writes it, and as the
 * parser keeps it. */
static const char *name_text(builtin_name_kind k)
{
	switch (k) {
	case BUILTIN_NAMES_SECTION:
		return ".text";
	case BUILTIN_NAMES_REGION:
		return "ram";
	case BUILTIN_NAMES_SEGMENT:
		return "\"text-segment\"";
	case BUILTIN_NAMES_SYMBOL:
		return "sym";
	case BUILTIN_NAMES_PAGESIZE:
		return "MAXPAGESIZE";
	case BUILTIN_NAMES_MESSAGE:
		return "\"a message\"";
	case BUILTIN_NAMES_NONE:
		break;
	}
	return "?";
}

static const char *name_kept(builtin_name_kind k)
{
	switch (k) {
	case BUILTIN_NAMES_SEGMENT:
		return "text-segment";
	case BUILTIN_NAMES_MESSAGE:
		return "a message";
	default:
		return name_text(k);
	}
}

static bool is_name_arg(const builtin *b, size_t i)
{
	return (b->names >> i) & 1u;
}

/* Value argument i is 0x10 << i: a power of two, so valid for ALIGN, and
 * different from the others, so MAX and MIN tell them apart. */
static uint64_t arg_value(size_t i)
{
	return UINT64_C(0x10) << i;
}

/* "NAME(args)" with n arguments; malloc'ed. */
static char *call_text(const builtin *b, size_t n)
{
	size_t cap = 256, len;
	char *s = malloc(cap);
	size_t i;

	assert_non_null(s);
	len = (size_t)snprintf(s, cap, "%s(", b->name);
	for (i = 0; i < n; i++) {
		assert_true(len < cap - 64);
		if (is_name_arg(b, i))
			len += (size_t)snprintf(s + len, cap - len, "%s%s",
						i ? ", " : "",
						name_text(b->named));
		else
			len += (size_t)snprintf(
			    s + len, cap - len, "%s0x%llx", i ? ", " : "",
			    (unsigned long long)arg_value(i));
	}
	snprintf(s + len, cap - len, ")");
	return s;
}

/* The script every builtin has what it needs in: a region, program
 * headers (for SIZEOF_HEADERS), a symbol, a section with a known address
 * and size; then x = CALL. */
static char *script_with(const char *call)
{
	char *s;

	assert_true(
	    asprintf(&s,
		     "MEMORY { ram : ORIGIN = 0x100000, LENGTH = 0x10000 }\n"
		     "PHDRS { text PT_LOAD; }\n"
		     "SECTIONS {\n"
		     "  . = 0x1000;\n"
		     "  sym = 1;\n"
		     "  .text : { BYTE(0) } :text\n"
		     "  x = %s;\n"
		     "}\n",
		     call) > 0);
	return s;
}

static bool parse(const char *text, ls_script *s, vl_error *err)
{
	memset(err, 0, sizeof(*err));
	return ls_parse_text("t.ld", text, strlen(text), NULL, s, err);
}

/* The value expression of the last assignment in SECTIONS. */
static const expr *assigned(const ls_script *s)
{
	size_t k;

	for (k = 0; k < s->ncmds; k++)
		if (s->cmds[k].kind == LS_CMD_SECTIONS) {
			const ls_cmd *c =
			    &s->cmds[k]
				 .u.sections
				 .cmds[s->cmds[k].u.sections.ncmds - 1];
			assert_int_equal(c->kind, LS_CMD_ASSIGN);
			return c->u.assign.value.e;
		}
	fail();
	return NULL;
}

/* ---- The table itself ---- */

static void rows_are_in_id_order_and_found_by_name(void **state)
{
	size_t i;

	(void)state;
	assert_true(builtin_count > 0);
	for (i = 0; i < builtin_count; i++) {
		const builtin *b = &builtin_table[i];

		assert_int_equal(b->id, i);
		if (i)
			assert_true(strcmp(builtin_table[i - 1].name, b->name) <
				    0);
		assert_ptr_equal(builtin_find(b->name, strlen(b->name)), b);
		assert_true(b->min <= b->max);
		/* Name bits only for arguments there are, and only with a
		 * kind of name. */
		assert_true(b->names >> b->max == 0);
		assert_true((b->names != 0) ==
			    (b->named != BUILTIN_NAMES_NONE));
		/* A constant builtin computes from values: it has no names. */
		if (b->eval)
			assert_int_equal(b->names, 0);
		/* Only a builtin with an evaluator has a '.' form. */
		if (b->dot_first)
			assert_non_null(b->eval);
	}
}

static void lookups_match_whole_names_only(void **state)
{
	(void)state;
	assert_null(builtin_find("ALIG", 4));
	assert_null(builtin_find("ALIGNX", 6));
	assert_null(builtin_find("align", 5));
	/* binutils 2.40 has no lower-case sizeof_headers. */
	assert_null(builtin_find("sizeof_headers", 14));
	assert_null(builtin_find("", 0));
	/* The length counts, not a terminator: "ALIGNOF" cut after ALIGN. */
	assert_int_equal(builtin_find("ALIGNOF", 5)->id, BUILTIN_ALIGN);
	assert_int_equal(builtin_find("ALIGNOF", 7)->id, BUILTIN_ALIGNOF);
}

static void
only_align_with_one_argument_reads_the_location_counter(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < builtin_count; i++) {
		const builtin *b = &builtin_table[i];
		size_t n;

		for (n = b->min; n <= b->max; n++)
			assert_int_equal(builtin_is_constant(b, n),
					 b->eval &&
					     !(b->dot_first && n == b->min));
	}
	assert_false(
	    builtin_is_constant(builtin_find("ALIGN", 5), 1)); /* ALIGN(a) */
	assert_true(builtin_is_constant(builtin_find("ALIGN", 5), 2));
	assert_true(builtin_is_constant(builtin_find("MAX", 3), 2));
	assert_false(builtin_is_constant(builtin_find("ADDR", 4), 1));
}

/* ---- The parser ---- */

static void the_parser_takes_each_builtin_with_its_argument_counts(void **state)
{
	size_t i, n;

	(void)state;
	for (i = 0; i < builtin_count; i++) {
		const builtin *b = &builtin_table[i];

		for (n = 0; n <= b->max + 1; n++) {
			char *call = call_text(b, n), *text = script_with(call);
			bool in_range = n >= b->min && n <= b->max;
			ls_script s;
			vl_error err = {0};
			bool ok = parse(text, &s, &err);

			if (ok != in_range)
				print_error("%s: %s\n", call, err.msg);
			assert_int_equal(ok, in_range);
			if (ok) {
				const expr *x = assigned(&s);
				size_t k;

				assert_int_equal(x->kind, EXPR_CALL);
				assert_string_equal(x->name, b->name);
				assert_int_equal(x->nargs, n);
				assert_ptr_equal(builtin_of(x), b);
				for (k = 0; k < n; k++)
					if (is_name_arg(b, k)) {
						assert_int_equal(
						    x->args[k]->kind, EXPR_SYM);
						assert_string_equal(
						    x->args[k]->name,
						    name_kept(b->named));
					} else {
						assert_int_equal(
						    x->args[k]->kind, EXPR_NUM);
					}
				ls_script_free(&s);
			} else {
				assert_non_null(strstr(err.msg, b->name));
				assert_non_null(strstr(err.msg, " takes "));
			}
			vl_error_free(&err);
			free(text);
			free(call);
		}
	}
}

static void a_builtin_without_arguments_needs_no_parentheses(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < builtin_count; i++) {
		const builtin *b = &builtin_table[i];
		char *text;
		ls_script s;
		vl_error err = {0};

		if (b->max != 0)
			continue;
		text = script_with(b->name);
		assert_true(parse(text, &s, &err));
		assert_int_equal(assigned(&s)->kind, EXPR_CALL);
		assert_ptr_equal(builtin_of(assigned(&s)), b);
		ls_script_free(&s);
		free(text);
	}
}

/* ---- The expression language ---- */

typedef struct recorder {
	int calls;
	const char *name;
} recorder;

static expr_status record_call(void *ctx, const expr *e, const uint64_t *args,
			       uint64_t *value, expr_error *err)
{
	recorder *r = ctx;

	(void)args;
	(void)err;
	r->calls++;
	r->name = e->name;
	*value = 42;
	return EXPR_OK;
}

static void
constant_builtins_are_computed_and_the_rest_go_to_the_link(void **state)
{
	size_t i, n;

	(void)state;
	for (i = 0; i < builtin_count; i++) {
		const builtin *b = &builtin_table[i];

		for (n = b->min; n <= b->max; n++) {
			char *call = call_text(b, n), *text = script_with(call);
			recorder r = {0};
			expr_env env = {&r, NULL, record_call, EXPR_ARITH_LD,
					NULL};
			expr_error err = {0};
			uint64_t v = 0;
			ls_script s;
			vl_error perr = {0};
			expr_status st;

			assert_true(parse(text, &s, &perr));
			/* No environment: only the constant ones have a
			 * value. */
			st = expr_eval(assigned(&s), NULL, &v, &err);
			if (builtin_is_constant(b, n)) {
				assert_int_equal(st, EXPR_OK);
			} else {
				char want[64];

				assert_int_equal(st, EXPR_ERROR);
				snprintf(want, sizeof(want),
					 "unknown function %s", b->name);
				assert_string_equal(err.msg, want);
			}
			/* With one: the others go there, once, with their
			 * name arguments unevaluated (no symbol callback). */
			st = expr_eval(assigned(&s), &env, &v, &err);
			assert_int_equal(st, EXPR_OK);
			assert_int_equal(r.calls,
					 builtin_is_constant(b, n) ? 0 : 1);
			if (r.calls)
				assert_string_equal(r.name, b->name);
			expr_error_free(&err);
			vl_error_free(&perr);
			ls_script_free(&s);
			free(text);
			free(call);
		}
	}
}

/* ---- The link simulation ---- */

static const ls_symbol *symbol(const ls_eval *ev, const char *name)
{
	size_t i;

	for (i = 0; i < ev->nsymbols; i++)
		if (strcmp(ev->symbols[i].name, name) == 0)
			return &ev->symbols[i];
	return NULL;
}

/* What the linker itself says of an evaluation: the rows of the check
 * table that look at the link's facts and its sections. */
static void link_findings(const char *path, const ls_script *s,
			  const ls_eval *ev, vl_diags *d)
{
	static const vl_rule_id rows[] = {
	    VL_R_SCRIPT_ERROR,	  VL_R_LOCATION_BACKWARDS, VL_R_OUTSIDE_REGION,
	    VL_R_REGION_OVERFLOW, VL_R_ASSERT_FAILED,	   VL_R_SECTION_OVERLAP,
	};
	space sp;

	assert_true(space_init(&sp, NULL));
	assert_true(space_add_script(&sp, path, s, ev));
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_true(check_run_rule(&sp, rows[i], d) >= 0);
	space_free(&sp);
}

static void evaluate(const char *text, ls_script *s, ls_eval *ev, vl_diags *d)
{
	ls_eval_opts o = {0};
	vl_error err = {0};

	assert_true(parse(text, s, &err));
	memset(d, 0, sizeof(*d));
	assert_true(ls_evaluate(s, &o, ev, &err));
	vl_error_free(&err);
	link_findings("t.ld", s, ev, d);
}

static void every_builtin_has_a_value_in_the_link(void **state)
{
	size_t i, n;

	(void)state;
	for (i = 0; i < builtin_count; i++) {
		const builtin *b = &builtin_table[i];

		for (n = b->min; n <= b->max; n++) {
			char *call = call_text(b, n), *text = script_with(call);
			ls_script s;
			ls_eval ev;
			vl_diags d;
			const ls_symbol *x;
			size_t k;

			evaluate(text, &s, &ev, &d);
			for (k = 0; k < d.n; k++)
				print_error("%s: %s\n", call, d.v[k].message);
			assert_int_equal(d.n, 0);
			x = symbol(&ev, "x");
			assert_non_null(x);
			if (!x->value.known)
				print_error("%s is unknown\n", call);
			assert_true(x->value.known);
			/* The link computes a constant as expr.c does. */
			if (builtin_is_constant(b, n)) {
				expr_error err = {0};
				uint64_t v = 0;

				assert_int_equal(
				    expr_eval(assigned(&s), NULL, &v, &err),
				    EXPR_OK);
				assert_int_equal(x->value.v, v);
			}
			vl_diags_free(&d);
			ls_eval_free(&ev);
			ls_script_free(&s);
			free(text);
			free(call);
		}
	}
}

/* '. = CONSTANT' inside an output section is an offset from its start
 * (ld's rule for plain numbers); a builtin missing from that class would
 * move '.' backwards to an absolute address and make the section 16 EiB.
 * ABSOLUTE() is the exception: an absolute address, where ld 2.40 says
 * "cannot move location counter backwards (from 0x100001 to 0x10)". */
static void constant_builtins_are_offsets_inside_a_section(void **state)
{
	size_t i, n;

	(void)state;
	for (i = 0; i < builtin_count; i++) {
		const builtin *b = &builtin_table[i];

		for (n = b->min; n <= b->max; n++) {
			char *call, *text;
			ls_script s;
			ls_eval ev;
			vl_diags d;
			expr_error err = {0};
			uint64_t v = 0;

			if (!builtin_is_constant(b, n) ||
			    b->id == BUILTIN_ABSOLUTE)
				continue;
			call = call_text(b, n);
			assert_true(
			    asprintf(&text,
				     "SECTIONS {\n"
				     "  .c 0x100000 : { BYTE(0) . = %s; }\n"
				     "}\n",
				     call) > 0);
			evaluate(text, &s, &ev, &d);
			assert_int_equal(d.n, 0);
			assert_int_equal(ev.nsections, 1);
			assert_true(ev.sections[0].size.known);
			assert_int_equal(expr_eval(s.cmds[0]
						       .u.sections.cmds[0]
						       .u.section->cmds[1]
						       .u.assign.value.e,
						   NULL, &v, &err),
					 EXPR_OK);
			assert_int_equal(ev.sections[0].size.v, v);
			vl_diags_free(&d);
			ls_eval_free(&ev);
			ls_script_free(&s);
			free(text);
			free(call);
		}
	}
}

static void absolute_inside_a_section_is_an_address(void **state)
{
	ls_script s;
	ls_eval ev;
	vl_diags d;

	(void)state;
	evaluate("SECTIONS { .c 0x100000 : { BYTE(0) . = ABSOLUTE(0x10); } }",
		 &s, &ev, &d);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].message,
			    "the location counter moves backwards inside .c, "
			    "from 0x100001 to 0x10");
	vl_diags_free(&d);
	ls_eval_free(&ev);
	ls_script_free(&s);
}

static void align_of_the_location_counter_is_an_address(void **state)
{
	ls_script s;
	ls_eval ev;
	vl_diags d;

	(void)state;
	/* ALIGN(16) is ALIGN(., 16): 0x100010, not 16 bytes in. */
	evaluate("SECTIONS { .c 0x100000 : { BYTE(0) . = ALIGN(16); } }", &s,
		 &ev, &d);
	assert_int_equal(d.n, 0);
	assert_true(ev.sections[0].size.known);
	assert_int_equal(ev.sections[0].size.v, 0x10);
	vl_diags_free(&d);
	ls_eval_free(&ev);
	ls_script_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(rows_are_in_id_order_and_found_by_name),
	    cmocka_unit_test(lookups_match_whole_names_only),
	    cmocka_unit_test(
		only_align_with_one_argument_reads_the_location_counter),
	    cmocka_unit_test(
		the_parser_takes_each_builtin_with_its_argument_counts),
	    cmocka_unit_test(a_builtin_without_arguments_needs_no_parentheses),
	    cmocka_unit_test(
		constant_builtins_are_computed_and_the_rest_go_to_the_link),
	    cmocka_unit_test(every_builtin_has_a_value_in_the_link),
	    cmocka_unit_test(constant_builtins_are_offsets_inside_a_section),
	    cmocka_unit_test(absolute_inside_a_section_is_an_address),
	    cmocka_unit_test(align_of_the_location_counter_is_an_address),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
