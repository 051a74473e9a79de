/* The ld expression language, shared by platform layouts and linker scripts.
 *
 * Expressions are parsed into a tree once and evaluated against an
 * environment that supplies symbol values and the functions that depend on
 * the link (ADDR, SIZEOF, ALIGN with one argument, ...).  The environment
 * chooses the arithmetic (expr_arith): linker scripts compute as GNU ld
 * does, modulo 2^64; layouts and command-line values exactly, where an
 * intermediate may be negative but a result that does not fit in 64 bits
 * is an error, never a silent wrap.  A value can also be unknown (a linker
 * script whose input section sizes are not given): unknown operands make
 * unknown results. */
#ifndef VASLINT_EXPR_H
#define VASLINT_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where a node came from: byte offset into the text that was parsed and the
 * 1-based line and column there (the parser's caller adds its own base).
 * Columns count bytes.  An operator node (unary, binary, '?') is located at
 * its operator, a call at its name, so an evaluation error points there. */
typedef struct expr_loc {
	uint32_t offset;
	uint32_t line;
	uint32_t column;
} expr_loc;

typedef enum expr_kind {
	EXPR_NUM,    /* num */
	EXPR_SYM,    /* name; "." is the location counter */
	EXPR_UNARY,  /* op a: '-', '~', '!' */
	EXPR_BINARY, /* a op b */
	EXPR_COND,   /* a ? b : c */
	EXPR_CALL,   /* name(args...) */
} expr_kind;

/* Binary operators beyond the one-character ones ('+', '-', '*', '/', '%',
 * '&', '|', '<', '>') use these codes. */
enum {
	EXPR_OP_SHL = 256, /* << */
	EXPR_OP_SHR,	   /* >> */
	EXPR_OP_EQ,	   /* == */
	EXPR_OP_NE,	   /* != */
	EXPR_OP_LE,	   /* <= */
	EXPR_OP_GE,	   /* >= */
	EXPR_OP_ANDAND,	   /* && */
	EXPR_OP_OROR,	   /* || */
};

typedef struct expr {
	expr_kind kind;
	int op;
	uint64_t num;
	char *name;
	struct expr *a, *b, *c;
	struct expr **args;
	size_t nargs;
	expr_loc loc;
} expr;

typedef enum expr_status {
	EXPR_OK,
	EXPR_UNKNOWN, /* depends on something not known, e.g. a section size */
	EXPR_ERROR,
} expr_status;

/* expr_parse refuses expressions whose parentheses/operators nest, or whose
 * tree is, deeper than this, so that evaluating, printing and freeing (all
 * recursive) stay within a small stack; expr_eval refuses deeper trees too.
 * Other parsers building trees with the constructors should keep to it. */
#define EXPR_MAX_DEPTH 256
/* Parentheses nest deeper than the tree: each one is a parser level but
 * no node, and printing parenthesises every operator. */
#define EXPR_MAX_NEST (2 * EXPR_MAX_DEPTH + 2)

/* An error of parsing or evaluation.  msg is allocated (any length) or
 * NULL when none is set: start from {0}, set it with expr_error_set and
 * release it with expr_error_free. */
typedef struct expr_error {
	char *msg;
	expr_loc loc;
} expr_error;

/* Set err->msg, freeing the old one (the arguments may point into it);
 * loc is the caller's to set.  When memory runs out the message is a
 * static "out of memory" that expr_error_free knows.  err may be NULL. */
void expr_error_set(expr_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Release err->msg and set it to NULL (loc stays); err may be NULL. */
void expr_error_free(expr_error *err);

/* What an expression is evaluated against.  Either callback may be NULL.
 * symbol: EXPR_OK with *value, EXPR_UNKNOWN, or EXPR_ERROR with err set
 *   (an undefined name is an error the callback reports).
 * call: for functions expr.c does not evaluate itself (the builtins that
 *   depend on the link, and any other name); args[] holds the values of
 *   the arguments already evaluated (the callback may look at e->args
 *   instead, e.g. ADDR(.text) takes a name, not a value).  The arguments
 *   the builtin table (builtins.h) marks as names are not evaluated and
 *   read 0 in args[].  If a value argument is unknown the call is
 *   unknown and the callback is not called.
 * Before a callback runs, err->loc is the node's and err->msg is NULL; a
 * callback sets a message with expr_error_set, and one returning
 * EXPR_ERROR without a message gets a generic one. */
typedef enum expr_arith {
	/* Integers: an intermediate may be negative ("A - C + B"), the
	 * result must lie in [0, 2^64), and a step whose result does not
	 * fit in 64 bits (a magnitude of 2^64 or more) is an error there.
	 * Bit operations, shifts and function arguments take no negative
	 * value; / and % truncate towards zero.  Layouts, -D and requests:
	 * their values are sizes and addresses as written. */
	EXPR_ARITH_EXACT,
	/* GNU ld's: 64-bit words (bfd_vma) that wrap, so "0 - 1" is
	 * 0xffffffffffffffff; comparisons and >> unsigned, / and % signed
	 * as ld computes them.  What becomes an address is checked where it
	 * is used. */
	EXPR_ARITH_LD,
} expr_arith;

typedef struct expr_env {
	void *ctx;
	expr_status (*symbol)(void *ctx, const expr *e, uint64_t *value,
			      expr_error *err);
	expr_status (*call)(void *ctx, const expr *e, const uint64_t *args,
			    uint64_t *value, expr_error *err);
	expr_arith arith; /* a NULL environment is EXPR_ARITH_EXACT */
	/* EXPR_ARITH_LD, optional: GNU ld applies *, /, %, <<, >>, &, |, ^
	 * (and a number minus an address) inside an output section to the
	 * offsets of section-relative operands and keeps their section.  Sets
	 * what to take off each operand (*a_base, *b_base) and to add to the
	 * result (*r_base) for binary node e; all are 0 when it leaves them
	 * as they are. */
	void (*bases)(void *ctx, const expr *e, uint64_t *a_base,
		      uint64_t *b_base, uint64_t *r_base);
} expr_env;

/* Parse all of text[0, len) as one expression.  NULL on a syntax error or
 * when memory runs out, with err set (err->loc is where it went wrong). */
expr *expr_parse(const char *text, size_t len, expr_error *err);

/* Parse an ld number at text: decimal, 0x hex, leading-0 octal, optional
 * K/M/G suffix (also after hex).  Returns the number of characters used, 0
 * when text does not start with a number, and sets *value; on overflow
 * returns 0 with err set, as for a malformed number ("0x", "09"); err->loc
 * is then relative to text.  err is not touched when text does not start
 * with a digit.  What follows the number is the caller's to check. */
size_t expr_parse_number(const char *text, size_t len, uint64_t *value,
			 expr_error *err);

/* The constant builtins of builtins.h are evaluated here (ALIGN(x, a),
 * MAX, ...); every other call goes to env->call.  *value is written only on
 * EXPR_OK.
 * && and || do not evaluate their right operand when the left one decides
 * the result; ?: evaluates only the chosen branch.  err->msg is set when
 * the result is EXPR_ERROR and NULL otherwise. */
expr_status expr_eval(const expr *e, const expr_env *env, uint64_t *value,
		      expr_error *err);

/* a op b for op '+', '-', '*', '/' or '%' in GNU ld's arithmetic
 * (EXPR_ARITH_LD), for the compound assignments of a script (x -= y);
 * false for another op or a division by zero. */
bool expr_ld_apply(int op, uint64_t a, uint64_t b, uint64_t *r);

/* Node constructors, for parsers other than expr_parse (linker scripts).
 * They return NULL when memory runs out; ownership of children passes to
 * the new node.  A NULL child (a constructor that failed) makes them free
 * the other children and return NULL, so calls can be nested.  For a call,
 * args is a malloc'ed array that the node owns from then on. */
expr *expr_new_num(uint64_t num, expr_loc loc);
expr *expr_new_sym(const char *name, size_t len, expr_loc loc);
expr *expr_new_unary(int op, expr *a, expr_loc loc);
expr *expr_new_binary(int op, expr *a, expr *b, expr_loc loc);
expr *expr_new_cond(expr *a, expr *b, expr *c, expr_loc loc);
expr *expr_new_call(const char *name, size_t len, expr **args, size_t nargs,
		    expr_loc loc);
void expr_free(expr *e);

/* The binding strength of a binary operator (1 for ||, up to 8 for * / %),
 * as the GNU ld manual orders them; 0 for anything else.  Shared by every
 * parser that builds expression trees. */
int expr_op_precedence(int op);

/* Text for a message: printable bytes as they are, the rest as \xNN, cut
 * after EXPR_QUOTE_MAX bytes with "...".  out needs EXPR_QUOTE_MAX * 4 + 4
 * bytes. */
#define EXPR_QUOTE_MAX 40
void expr_quote(char *out, size_t outlen, const char *s, size_t len);

/* Print e in ld syntax (for messages and tests); malloc'ed, NULL on OOM.
 * The form is fixed so tests can compare it: numbers in lowercase hex
 * ("0x1000"), every binary and conditional node in parentheses with single
 * spaces around the operator ("(GUEST_RAM + 0x1000)", "(a ? b : c)"), unary
 * operators written directly before their operand ("-x", "~(a | b)"), calls
 * as "NAME(a, b)".  Parsing the result gives the same tree. */
char *expr_to_string(const expr *e);

#endif
