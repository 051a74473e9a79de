/* The builtin functions of the ld expression language, in one table.
 *
 * The linker-script parser reads from it how many arguments a builtin
 * takes and which are names; the expression evaluator (expr.c) checks the
 * same counts, hands name arguments over unevaluated and computes the
 * constant builtins; the link simulation (ldscript/eval.c) supplies the
 * others and asks the table which calls are constant.  A builtin added
 * here is known to all three at once, and the link simulation's switch on
 * builtin_id does not compile until it says how to evaluate it. */
#ifndef VASLINT_BUILTINS_H
#define VASLINT_BUILTINS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "expr.h"

typedef enum builtin_id {
	BUILTIN_ABSOLUTE,
	BUILTIN_ADDR,
	BUILTIN_ALIGN,
	BUILTIN_ALIGNOF,
	BUILTIN_ASSERT,
	BUILTIN_BLOCK,
	BUILTIN_CONSTANT,
	BUILTIN_DATA_SEGMENT_ALIGN,
	BUILTIN_DATA_SEGMENT_END,
	BUILTIN_DATA_SEGMENT_RELRO_END,
	BUILTIN_DEFINED,
	BUILTIN_LENGTH,
	BUILTIN_LOADADDR,
	BUILTIN_LOG2CEIL,
	BUILTIN_MAX,
	BUILTIN_MIN,
	BUILTIN_NEXT,
	BUILTIN_ORIGIN,
	BUILTIN_SEGMENT_START,
	BUILTIN_SIZEOF,
	BUILTIN_SIZEOF_HEADERS,
} builtin_id;

/* What a builtin's name arguments name. */
typedef enum builtin_name_kind {
	BUILTIN_NAMES_NONE,
	BUILTIN_NAMES_SECTION,	/* an output section: ADDR(.text) */
	BUILTIN_NAMES_REGION,	/* a MEMORY region: ORIGIN(ram) */
	BUILTIN_NAMES_SEGMENT,	/* a -T<name>= segment: "text-segment" */
	BUILTIN_NAMES_SYMBOL,	/* DEFINED(sym) */
	BUILTIN_NAMES_PAGESIZE, /* CONSTANT(MAXPAGESIZE) */
	BUILTIN_NAMES_MESSAGE,	/* ASSERT(cond, "message") */
} builtin_name_kind;

/* A constant builtin's value from its arguments, all known.  On an error
 * it writes err->msg; err->loc is already the call's. */
typedef expr_status (*builtin_fn)(const uint64_t *args, uint64_t *value,
				  expr_error *err);

typedef struct builtin {
	const char *name;
	builtin_id id;
	unsigned min, max; /* how many arguments it takes */
	/* Bit i set: argument i is a name, not a value.  ld reads those as
	 * names, so ".text" or "text-segment" stay whole, and they are never
	 * evaluated. */
	unsigned names;
	builtin_name_kind named;
	/* Non-NULL: a constant, computed from the arguments alone, the same
	 * in every link.  NULL: it depends on the link (the location counter,
	 * section addresses and sizes, regions, headers, the linker's
	 * options, or it can fail the link), and the link evaluator supplies
	 * it through expr_env.call. */
	builtin_fn eval;
	/* With min arguments the location counter is an implied first one:
	 * ALIGN(a) is ALIGN(., a), so that form depends on the link. */
	bool dot_first;
} builtin;

/* Every builtin, sorted by name. */
extern const builtin builtin_table[];
extern const size_t builtin_count;

/* The builtin called name[0, len), or NULL. */
const builtin *builtin_find(const char *name, size_t len);
/* The builtin a call node calls, or NULL (also for a node that is not a
 * call). */
const builtin *builtin_of(const expr *call);
/* A call with nargs arguments has the same value in every link: eval
 * computes it. */
bool builtin_is_constant(const builtin *b, size_t nargs);

#endif
