/* The ld expression language: parse, evaluate against an environment whose
 * symbols and functions answer by name (values, unknown, errors), print,
 * and parse the printed form again.  expr.h promises that the printed
 * form parses to the same tree, so the reparse must succeed, print the
 * same text and evaluate to the same status and value: abort() if not. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"

/* A value for any name, so that arbitrary names evaluate. */
static uint64_t name_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	return h;
}

/* Symbols: "." is 0x400000; names starting with "u" are unknown (a
 * section size not given), with "e" an error with a message, with "E" an
 * error without one (expr.c supplies it); "BIG" is the largest value;
 * GUEST_RAM and other upper-case names are small round numbers; the rest
 * a hash of the name. */
static expr_status sym(void *ctx, const expr *e, uint64_t *value,
		       expr_error *err)
{
	const char *n = e->name;

	(void)ctx;
	if (!strcmp(n, ".")) {
		*value = 0x400000;
		return EXPR_OK;
	}
	if (!strcmp(n, "BIG")) {
		*value = UINT64_MAX;
		return EXPR_OK;
	}
	switch (n[0]) {
	case 'u':
		return EXPR_UNKNOWN;
	case 'e':
		expr_error_set(err, "undefined symbol %.64s", n);
		return EXPR_ERROR;
	case 'E':
		return EXPR_ERROR;
	}
	if (n[0] >= 'A' && n[0] <= 'Z') {
		*value = (name_hash(n) & 0xff) << 20;
		return EXPR_OK;
	}
	*value = name_hash(n);
	return EXPR_OK;
}

/* The name argument of ADDR(.text) and friends: a symbol node, or
 * anything else, which ld would refuse. */
static const char *name_arg(const expr *e, size_t i)
{
	if (i >= e->nargs || !e->args[i] || e->args[i]->kind != EXPR_SYM)
		return NULL;
	return e->args[i]->name;
}

/* Functions the linker-script evaluator supplies, answered by name. */
static expr_status call(void *ctx, const expr *e, const uint64_t *args,
			uint64_t *value, expr_error *err)
{
	const char *n = e->name, *a;

	(void)ctx;
	if (!strcmp(n, "ALIGN") && e->nargs == 1) {
		/* ALIGN(a): the location counter aligned up. */
		if (!args[0] || (args[0] & (args[0] - 1))) {
			expr_error_set(err,
				       "ALIGN alignment 0x%" PRIx64
				       " is not a power of two",
				       args[0]);
			return EXPR_ERROR;
		}
		*value = (0x400000 + args[0] - 1) & ~(args[0] - 1);
		return EXPR_OK;
	}
	if (!strcmp(n, "ADDR") || !strcmp(n, "LOADADDR") ||
	    !strcmp(n, "SIZEOF") || !strcmp(n, "ALIGNOF")) {
		if (e->nargs != 1 || !(a = name_arg(e, 0)))
			return EXPR_ERROR;
		if (!strcmp(a, ".bss") && n[0] == 'S')
			return EXPR_UNKNOWN;
		*value = name_hash(a) & 0xfffff000;
		return EXPR_OK;
	}
	if (!strcmp(n, "DEFINED")) {
		if (e->nargs != 1 || !(a = name_arg(e, 0)))
			return EXPR_ERROR;
		*value = a[0] != 'e';
		return EXPR_OK;
	}
	if (!strcmp(n, "CONSTANT")) {
		if (e->nargs != 1 || !(a = name_arg(e, 0)))
			return EXPR_ERROR;
		if (!strcmp(a, "MAXPAGESIZE"))
			*value = 0x1000;
		else if (!strcmp(a, "COMMONPAGESIZE"))
			*value = 0x1000;
		else
			return EXPR_ERROR;
		return EXPR_OK;
	}
	if (!strcmp(n, "SEGMENT_START")) {
		if (e->nargs != 2)
			return EXPR_ERROR;
		*value = args[1];
		return EXPR_OK;
	}
	if (!strcmp(n, "ORIGIN") || !strcmp(n, "LENGTH")) {
		if (e->nargs != 1 || !name_arg(e, 0))
			return EXPR_ERROR;
		return EXPR_UNKNOWN;
	}
	if (!strcmp(n, "DATA_SEGMENT_ALIGN") && e->nargs == 2) {
		*value = args[0] + args[1];
		return EXPR_OK;
	}
	expr_error_set(err, "unknown function %.64s", n);
	return EXPR_ERROR;
}

static const expr_env env = {.ctx = NULL, .symbol = sym, .call = call};

/* Same tree, locations aside. */
static bool same(const expr *a, const expr *b)
{
	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || a->op != b->op || a->nargs != b->nargs)
		return false;
	switch (a->kind) {
	case EXPR_NUM:
		return a->num == b->num;
	case EXPR_SYM:
		return !strcmp(a->name, b->name);
	case EXPR_CALL:
		if (strcmp(a->name, b->name))
			return false;
		for (size_t i = 0; i < a->nargs; i++)
			if (!same(a->args[i], b->args[i]))
				return false;
		return true;
	default:
		return same(a->a, b->a) && same(a->b, b->b) && same(a->c, b->c);
	}
}

static void fail(const char *what, const uint8_t *data, size_t size,
		 const char *printed, const char *detail)
{
	fprintf(stderr,
		"fuzz: %s\n  input:   '%.*s'\n  printed: '%s'\n  %s\n", what,
		(int)(size > 2000 ? 2000 : size), (const char *)data,
		printed, detail);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	expr_error err = {0}, err2 = {0};
	uint64_t v = 0, v2 = 0;
	expr_status st, st2;
	char detail[1024]; /* for a report before abort(); cut if longer */

	expr *e = expr_parse((const char *)data, size, &err);
	if (!e) {
		expr_error_free(&err);
		return 0;
	}
	st = expr_eval(e, &env, &v, &err);
	/* Without an environment every name is an error: must not crash. */
	(void)expr_eval(e, NULL, &v2, &err2);

	char *s = expr_to_string(e);
	if (!s)
		abort();
	expr *r = expr_parse(s, strlen(s), &err2);
	if (!r) {
		snprintf(detail, sizeof(detail), "reparse: %u:%u: %s",
			 err2.loc.line, err2.loc.column, err2.msg);
		fail("the printed form does not parse", data, size, s, detail);
	}
	if (!same(e, r))
		fail("the printed form parses to another tree", data, size, s,
		     "");
	char *s2 = expr_to_string(r);
	if (!s2)
		abort();
	if (strcmp(s, s2)) {
		snprintf(detail, sizeof(detail), "reprinted: '%.*s'", 200, s2);
		fail("printing is not stable", data, size, s, detail);
	}
	st2 = expr_eval(r, &env, &v2, &err2);
	if (st != st2 || (st == EXPR_OK && v != v2) ||
	    (st == EXPR_ERROR && strcmp(err.msg, err2.msg))) {
		snprintf(detail, sizeof(detail),
			 "first: status %d value 0x%" PRIx64
			 " '%s'; reparsed: status %d value 0x%" PRIx64 " '%s'",
			 st, v, st == EXPR_ERROR ? err.msg : "", st2, v2,
			 st2 == EXPR_ERROR ? err2.msg : "");
		fail("the printed form evaluates differently", data, size, s,
		     detail);
	}
	free(s2);
	free(s);
	expr_free(r);
	expr_free(e);
	expr_error_free(&err);
	expr_error_free(&err2);
	return 0;
}
