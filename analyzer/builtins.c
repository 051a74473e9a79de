/* The builtin functions of the ld expression language: the table and the
 * constant ones' evaluators. */
#include "builtins.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "range.h"

static expr_status builtin_absolute(const uint64_t *x, uint64_t *value,
				    expr_error *err)
{
	(void)err;
	*value = x[0]; /* addresses here are all absolute */
	return EXPR_OK;
}

static expr_status builtin_align(const uint64_t *x, uint64_t *value,
				 expr_error *err)
{
	if (!va_is_pow2(x[1])) {
		expr_error_set(
		    err, "ALIGN alignment 0x%" PRIx64 " is not a power of two",
		    x[1]);
		return EXPR_ERROR;
	}
	if (!va_align_up(x[0], x[1], value)) {
		expr_error_set(err,
			       "overflow in ALIGN(0x%" PRIx64 ", 0x%" PRIx64
			       ") (does not fit in 64 bits)",
			       x[0], x[1]);
		return EXPR_ERROR;
	}
	return EXPR_OK;
}

static expr_status builtin_log2ceil(const uint64_t *x, uint64_t *value,
				    expr_error *err)
{
	(void)err;
	*value = x[0] <= 1 ? 0 : 64 - (uint64_t)__builtin_clzll(x[0] - 1);
	return EXPR_OK;
}

static expr_status builtin_max(const uint64_t *x, uint64_t *value,
			       expr_error *err)
{
	(void)err;
	*value = x[0] > x[1] ? x[0] : x[1];
	return EXPR_OK;
}

static expr_status builtin_min(const uint64_t *x, uint64_t *value,
			       expr_error *err)
{
	(void)err;
	*value = x[0] < x[1] ? x[0] : x[1];
	return EXPR_OK;
}

#define NONE BUILTIN_NAMES_NONE

/* In builtin_id order, which is by name. */
const builtin builtin_table[] = {
    /* name, id, min, max, names, named, eval, dot_first */
    {"ABSOLUTE", BUILTIN_ABSOLUTE, 1, 1, 0, NONE, builtin_absolute, false},
    {"ADDR", BUILTIN_ADDR, 1, 1, 1, BUILTIN_NAMES_SECTION, NULL, false},
    {"ALIGN", BUILTIN_ALIGN, 1, 2, 0, NONE, builtin_align, true},
    {"ALIGNOF", BUILTIN_ALIGNOF, 1, 1, 1, BUILTIN_NAMES_SECTION, NULL, false},
    {"ASSERT", BUILTIN_ASSERT, 2, 2, 2, BUILTIN_NAMES_MESSAGE, NULL, false},
    {"BLOCK", BUILTIN_BLOCK, 1, 1, 0, NONE, NULL, false},
    {"CONSTANT", BUILTIN_CONSTANT, 1, 1, 1, BUILTIN_NAMES_PAGESIZE, NULL,
     false},
    {"DATA_SEGMENT_ALIGN", BUILTIN_DATA_SEGMENT_ALIGN, 2, 2, 0, NONE, NULL,
     false},
    {"DATA_SEGMENT_END", BUILTIN_DATA_SEGMENT_END, 1, 1, 0, NONE, NULL, false},
    {"DATA_SEGMENT_RELRO_END", BUILTIN_DATA_SEGMENT_RELRO_END, 2, 2, 0, NONE,
     NULL, false},
    {"DEFINED", BUILTIN_DEFINED, 1, 1, 1, BUILTIN_NAMES_SYMBOL, NULL, false},
    {"LENGTH", BUILTIN_LENGTH, 1, 1, 1, BUILTIN_NAMES_REGION, NULL, false},
    {"LOADADDR", BUILTIN_LOADADDR, 1, 1, 1, BUILTIN_NAMES_SECTION, NULL, false},
    {"LOG2CEIL", BUILTIN_LOG2CEIL, 1, 1, 0, NONE, builtin_log2ceil, false},
    {"MAX", BUILTIN_MAX, 2, 2, 0, NONE, builtin_max, false},
    {"MIN", BUILTIN_MIN, 2, 2, 0, NONE, builtin_min, false},
    {"NEXT", BUILTIN_NEXT, 1, 1, 0, NONE, NULL, false},
    {"ORIGIN", BUILTIN_ORIGIN, 1, 1, 1, BUILTIN_NAMES_REGION, NULL, false},
    {"SEGMENT_START", BUILTIN_SEGMENT_START, 2, 2, 1, BUILTIN_NAMES_SEGMENT,
     NULL, false},
    {"SIZEOF", BUILTIN_SIZEOF, 1, 1, 1, BUILTIN_NAMES_SECTION, NULL, false},
    {"SIZEOF_HEADERS", BUILTIN_SIZEOF_HEADERS, 0, 0, 0, NONE, NULL, false},
};

const size_t builtin_count = sizeof(builtin_table) / sizeof(builtin_table[0]);

const builtin *builtin_find(const char *name, size_t len)
{
	size_t k;

	/* The first byte rejects most names before the comparison; every
	 * word of a script's expressions passes here. */
	for (k = 0; k < builtin_count; k++) {
		const char *n = builtin_table[k].name;

		if (len && n[0] == name[0] && strlen(n) == len &&
		    memcmp(n, name, len) == 0)
			return &builtin_table[k];
	}
	return NULL;
}

const builtin *builtin_of(const expr *call)
{
	if (!call || call->kind != EXPR_CALL || !call->name)
		return NULL;
	return builtin_find(call->name, strlen(call->name));
}

bool builtin_is_constant(const builtin *b, size_t nargs)
{
	return b->eval && !(b->dot_first && nargs == b->min);
}
