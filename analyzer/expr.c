/* The ld expression language: parser, evaluator and printer.
 *
 * The parser is recursive descent with one function per precedence level
 * family (conditional, binary by precedence climbing, unary, primary).  Both
 * the parser's recursion and the depth of the tree it builds are capped at
 * EXPR_MAX_DEPTH, so the recursive evaluator, printer and destructor stay
 * within a small stack on any input. */
#include "expr.h"

#include "builtins.h"
#include "range.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#define EXPR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define EXPR_PRINTF(f, a)
#endif

/* What a message says when memory ran out while it was being made; its
 * address tells expr_error_free not to free it. */
static char expr_oom_text[] = "out of memory";

static void expr_vset(expr_error *err, const char *fmt, va_list ap)
    EXPR_PRINTF(2, 0);

static void expr_vset(expr_error *err, const char *fmt, va_list ap)
{
	char *msg = NULL;

	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	/* Freed only now: the arguments may point into the old message. */
	expr_error_free(err);
	err->msg = msg ? msg : expr_oom_text;
}

void expr_error_set(expr_error *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	expr_vset(err, fmt, ap);
	va_end(ap);
}

void expr_error_free(expr_error *err)
{
	if (!err)
		return;
	if (err->msg != expr_oom_text)
		free(err->msg);
	err->msg = NULL;
}

static void expr_set_error(expr_error *err, expr_loc loc, const char *fmt, ...)
    EXPR_PRINTF(3, 4);

static void expr_set_error(expr_error *err, expr_loc loc, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	expr_vset(err, fmt, ap);
	va_end(ap);
	err->loc = loc;
}

void expr_quote(char *out, size_t outlen, const char *s, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < len && i < EXPR_QUOTE_MAX; i++) {
		unsigned char c = (unsigned char)s[i];
		int n;

		if (c >= 0x20 && c < 0x7f)
			n = snprintf(out + o, outlen - o, "%c", c);
		else
			n = snprintf(out + o, outlen - o, "\\x%02x", c);
		if (n < 0 || (size_t)n >= outlen - o)
			break;
		o += (size_t)n;
	}
	if (i < len && o + 4 <= outlen) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o < outlen ? o : outlen - 1] = '\0';
}

/* ---- Numbers ---- */

static bool expr_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int expr_hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static expr_loc expr_loc_at(size_t offset)
{
	/* A number has no newline, so the column follows from the offset. */
	return (expr_loc){(uint32_t)offset, 1, (uint32_t)offset + 1};
}

size_t expr_parse_number(const char *text, size_t len, uint64_t *value,
			 expr_error *err)
{
	unsigned base = 10;
	size_t i = 0, first;
	uint64_t v = 0;

	if (len == 0 || !expr_is_digit(text[0]))
		return 0;
	/* A number's length is bounded by the caller's 32-bit offsets. */
	if (len > UINT32_MAX)
		len = UINT32_MAX;
	if (text[0] == '0' && len > 1 && (text[1] == 'x' || text[1] == 'X')) {
		base = 16;
		i = 2;
	} else if (text[0] == '0') {
		base = 8;
	}
	first = i;
	for (; i < len; i++) {
		int d = expr_hex_value(text[i]);

		if (d < 0 || (base != 16 && d > 9))
			break;
		if ((unsigned)d >= base) {
			expr_set_error(err, expr_loc_at(i),
				       "invalid digit '%c' in octal number",
				       text[i]);
			return 0;
		}
		if (v > (UINT64_MAX - (unsigned)d) / base) {
			expr_set_error(err, expr_loc_at(0),
				       "number does not fit in 64 bits");
			return 0;
		}
		v = v * base + (unsigned)d;
	}
	if (base == 16 && i == first) {
		expr_set_error(err, expr_loc_at(0),
			       "expected hexadecimal digits after '0x'");
		return 0;
	}
	if (i < len) {
		unsigned shift = 0;

		switch (text[i]) {
		case 'K':
		case 'k':
			shift = 10;
			break;
		case 'M':
		case 'm':
			shift = 20;
			break;
		case 'G':
		case 'g':
			shift = 30;
			break;
		}
		if (shift) {
			if (!va_shl(v, shift, &v)) {
				expr_set_error(
				    err, expr_loc_at(0),
				    "number does not fit in 64 bits");
				return 0;
			}
			i++;
		}
	}
	*value = v;
	return i;
}

/* ---- Nodes ---- */

static expr *expr_alloc(expr_kind kind, expr_loc loc)
{
	expr *e = calloc(1, sizeof(*e));

	if (e) {
		e->kind = kind;
		e->loc = loc;
	}
	return e;
}

static char *expr_strndup(const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		return NULL;
	p = malloc(len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

expr *expr_new_num(uint64_t num, expr_loc loc)
{
	expr *e = expr_alloc(EXPR_NUM, loc);

	if (e)
		e->num = num;
	return e;
}

expr *expr_new_sym(const char *name, size_t len, expr_loc loc)
{
	expr *e = expr_alloc(EXPR_SYM, loc);

	if (!e)
		return NULL;
	e->name = expr_strndup(name, len);
	if (!e->name) {
		free(e);
		return NULL;
	}
	return e;
}

expr *expr_new_unary(int op, expr *a, expr_loc loc)
{
	expr *e = a ? expr_alloc(EXPR_UNARY, loc) : NULL;

	if (!e) {
		expr_free(a);
		return NULL;
	}
	e->op = op;
	e->a = a;
	return e;
}

expr *expr_new_binary(int op, expr *a, expr *b, expr_loc loc)
{
	expr *e = a && b ? expr_alloc(EXPR_BINARY, loc) : NULL;

	if (!e) {
		expr_free(a);
		expr_free(b);
		return NULL;
	}
	e->op = op;
	e->a = a;
	e->b = b;
	return e;
}

expr *expr_new_cond(expr *a, expr *b, expr *c, expr_loc loc)
{
	expr *e = a && b && c ? expr_alloc(EXPR_COND, loc) : NULL;

	if (!e) {
		expr_free(a);
		expr_free(b);
		expr_free(c);
		return NULL;
	}
	e->a = a;
	e->b = b;
	e->c = c;
	return e;
}

static void expr_free_args(expr **args, size_t nargs)
{
	size_t i;

	for (i = 0; i < nargs && args; i++)
		expr_free(args[i]);
	free(args);
}

expr *expr_new_call(const char *name, size_t len, expr **args, size_t nargs,
		    expr_loc loc)
{
	expr *e = NULL;
	size_t i;
	bool ok = nargs == 0 || args;

	for (i = 0; ok && i < nargs; i++)
		ok = args[i] != NULL;
	if (ok)
		e = expr_alloc(EXPR_CALL, loc);
	if (e)
		e->name = expr_strndup(name, len);
	if (!e || !e->name) {
		free(e);
		expr_free_args(args, nargs);
		return NULL;
	}
	e->args = args;
	e->nargs = nargs;
	return e;
}

void expr_free(expr *e)
{
	if (!e)
		return;
	expr_free(e->a);
	expr_free(e->b);
	expr_free(e->c);
	expr_free_args(e->args, e->nargs);
	free(e->name);
	free(e);
}

/* ---- Lexer ---- */

typedef enum expr_tok_kind {
	TOK_END,
	TOK_NUM,
	TOK_NAME,
	TOK_OP,	 /* an operator or punctuation; op holds its code */
	TOK_BAD, /* one byte that starts no token */
} expr_tok_kind;

typedef struct expr_token {
	expr_tok_kind kind;
	int op; /* for TOK_OP: the character, or an EXPR_OP_* code */
	uint64_t num;
	size_t start, len; /* the token's text in the input */
	expr_loc loc;
} expr_token;

typedef struct expr_parser {
	const char *s;
	size_t len;
	size_t pos;	    /* next byte to lex */
	uint32_t line, col; /* of s[pos] */
	expr_token tok;	    /* current token */
	unsigned nest;	    /* parser recursion depth */
	expr_error *err;
} expr_parser;

static bool expr_is_name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == '.' || c == '$';
}

static bool expr_is_name_char(char c)
{
	return expr_is_name_start(c) || expr_is_digit(c);
}

static expr_loc expr_here(const expr_parser *p)
{
	return (expr_loc){(uint32_t)p->pos, p->line, p->col};
}

static void expr_skip(expr_parser *p, size_t n)
{
	/* Tokens never contain a newline, only whitespace does. */
	p->pos += n;
	p->col += (uint32_t)n;
}

/* Operators by their text, longest first so "<<" wins over "<". */
static const struct {
	const char *text;
	int op;
} expr_ops[] = {
    {"||", EXPR_OP_OROR}, {"&&", EXPR_OP_ANDAND},
    {"==", EXPR_OP_EQ},	  {"!=", EXPR_OP_NE},
    {"<=", EXPR_OP_LE},	  {">=", EXPR_OP_GE},
    {"<<", EXPR_OP_SHL},  {">>", EXPR_OP_SHR},
    {"(", '('},		  {")", ')'},
    {",", ','},		  {"?", '?'},
    {":", ':'},		  {"|", '|'},
    {"&", '&'},		  {"<", '<'},
    {">", '>'},		  {"+", '+'},
    {"-", '-'},		  {"*", '*'},
    {"/", '/'},		  {"%", '%'},
    {"~", '~'},		  {"!", '!'},
};

/* Read the next token into p->tok; false with p->err set on a bad number. */
static bool expr_lex(expr_parser *p)
{
	expr_token *t = &p->tok;
	const char *s = p->s;
	size_t n, k;

	for (;;) {
		if (p->pos >= p->len)
			break;
		if (s[p->pos] == '\n') {
			p->pos++;
			p->line++;
			p->col = 1;
		} else if (s[p->pos] == ' ' || s[p->pos] == '\t' ||
			   s[p->pos] == '\r') {
			expr_skip(p, 1);
		} else {
			break;
		}
	}
	memset(t, 0, sizeof(*t));
	t->start = p->pos;
	t->loc = expr_here(p);
	if (p->pos >= p->len) {
		t->kind = TOK_END;
		return true;
	}
	if (expr_is_digit(s[p->pos])) {
		n = expr_parse_number(s + p->pos, p->len - p->pos, &t->num,
				      p->err);
		if (n == 0) {
			/* Rebase the number's own location onto the input. */
			p->err->loc.offset += t->loc.offset;
			p->err->loc.column += t->loc.column - 1;
			p->err->loc.line = t->loc.line;
			return false;
		}
		if (p->pos + n < p->len && expr_is_name_char(s[p->pos + n])) {
			char q[EXPR_QUOTE_MAX * 4 + 4];

			while (p->pos + n < p->len &&
			       expr_is_name_char(s[p->pos + n]))
				n++;
			expr_quote(q, sizeof(q), s + p->pos, n);
			expr_set_error(p->err, t->loc,
				       "invalid number '%s', expected digits "
				       "with an optional K, M or G suffix",
				       q);
			return false;
		}
		t->kind = TOK_NUM;
	} else if (expr_is_name_start(s[p->pos])) {
		n = 1;
		while (p->pos + n < p->len && expr_is_name_char(s[p->pos + n]))
			n++;
		t->kind = TOK_NAME;
	} else {
		t->kind = TOK_BAD;
		n = 1;
		for (k = 0; k < sizeof(expr_ops) / sizeof(expr_ops[0]); k++) {
			size_t l = strlen(expr_ops[k].text);

			if (l <= p->len - p->pos &&
			    memcmp(s + p->pos, expr_ops[k].text, l) == 0) {
				t->kind = TOK_OP;
				t->op = expr_ops[k].op;
				n = l;
				break;
			}
		}
	}
	t->len = n;
	expr_skip(p, n);
	return true;
}

/* "expected WHAT, found 'x'" or "unexpected end of expression, ...". */
static void expr_expected(expr_parser *p, const char *what)
{
	const expr_token *t = &p->tok;
	char q[EXPR_QUOTE_MAX * 4 + 4];

	if (t->kind == TOK_END) {
		expr_set_error(p->err, t->loc,
			       "unexpected end of expression, expected %s",
			       what);
		return;
	}
	expr_quote(q, sizeof(q), p->s + t->start, t->len);
	expr_set_error(p->err, t->loc, "expected %s, found '%s'", what, q);
}

static bool expr_is_op(const expr_parser *p, int op)
{
	return p->tok.kind == TOK_OP && p->tok.op == op;
}

/* ---- Parser ---- */

/* Every parse function returns the node and stores its tree depth in *depth,
 * so over-deep trees are refused while they are built. */
static expr *expr_p_cond(expr_parser *p, unsigned *depth);

/* The parser recurses once per parenthesis as well as once per tree level,
 * and expr_to_string parenthesises every binary and conditional node, so
 * the recursion bound (EXPR_MAX_NEST) is twice the tree's: anything
 * printed parses back. */
static bool expr_enter(expr_parser *p)
{
	if (++p->nest > EXPR_MAX_NEST) {
		expr_set_error(p->err, p->tok.loc,
			       "expression nested too deeply (more than %d "
			       "levels)",
			       EXPR_MAX_NEST);
		return false;
	}
	return true;
}

static expr *expr_too_deep(expr_parser *p, expr *e)
{
	expr_set_error(p->err, e->loc,
		       "expression nested too deeply (more than %d levels)",
		       EXPR_MAX_DEPTH);
	expr_free(e);
	return NULL;
}

static expr *expr_oom(expr_parser *p)
{
	expr_set_error(p->err, p->tok.loc, "out of memory");
	return NULL;
}

static unsigned expr_max(unsigned a, unsigned b)
{
	return a > b ? a : b;
}

/* NAME '(' [arg {',' arg}] ')' with the current token at '('. */
static expr *expr_p_call(expr_parser *p, const expr_token *name,
			 unsigned *depth)
{
	expr **args = NULL, *e;
	size_t nargs = 0, cap = 0;
	unsigned d = 0, ad;

	if (!expr_lex(p))
		return NULL;
	if (!expr_is_op(p, ')')) {
		for (;;) {
			expr *a;

			if (nargs == cap) {
				size_t ncap = cap ? cap * 2 : 4;
				expr **na = NULL;

				if (ncap <= SIZE_MAX / sizeof(*na))
					na = realloc(args, ncap * sizeof(*na));
				if (!na) {
					expr_free_args(args, nargs);
					return expr_oom(p);
				}
				args = na;
				cap = ncap;
			}
			a = expr_p_cond(p, &ad);
			if (!a)
				goto fail;
			args[nargs++] = a;
			d = expr_max(d, ad);
			if (!expr_is_op(p, ','))
				break;
			if (!expr_lex(p))
				goto fail;
		}
		if (!expr_is_op(p, ')')) {
			expr_expected(p, "',' or ')' after function argument");
			goto fail;
		}
	}
	if (!expr_lex(p))
		goto fail;
	e = expr_new_call(p->s + name->start, name->len, args, nargs,
			  name->loc);
	if (!e)
		return expr_oom(p);
	*depth = d + 1;
	if (*depth > EXPR_MAX_DEPTH)
		return expr_too_deep(p, e);
	return e;
fail:
	expr_free_args(args, nargs);
	return NULL;
}

static expr *expr_p_primary(expr_parser *p, unsigned *depth)
{
	expr_token t = p->tok;
	expr *e;

	switch (t.kind) {
	case TOK_NUM:
		if (!expr_lex(p))
			return NULL;
		e = expr_new_num(t.num, t.loc);
		*depth = 1;
		return e ? e : expr_oom(p);
	case TOK_NAME:
		if (!expr_lex(p))
			return NULL;
		if (expr_is_op(p, '('))
			return expr_p_call(p, &t, depth);
		e = expr_new_sym(p->s + t.start, t.len, t.loc);
		*depth = 1;
		return e ? e : expr_oom(p);
	case TOK_OP:
		if (t.op != '(')
			break;
		if (!expr_lex(p))
			return NULL;
		e = expr_p_cond(p, depth);
		if (!e)
			return NULL;
		if (!expr_is_op(p, ')')) {
			expr_expected(p, "')' after expression");
			expr_free(e);
			return NULL;
		}
		if (!expr_lex(p)) {
			expr_free(e);
			return NULL;
		}
		return e;
	default:
		break;
	}
	expr_expected(p, "a number, a name or '('");
	return NULL;
}

static expr *expr_p_unary(expr_parser *p, unsigned *depth)
{
	expr_token t = p->tok;
	expr *a, *e;

	if (t.kind != TOK_OP ||
	    (t.op != '-' && t.op != '~' && t.op != '!' && t.op != '+'))
		return expr_p_primary(p, depth);
	if (!expr_enter(p))
		return NULL;
	if (!expr_lex(p))
		return NULL;
	a = expr_p_unary(p, depth);
	p->nest--;
	if (!a)
		return NULL;
	/* ld accepts a unary plus; it changes nothing, so it adds no node. */
	if (t.op == '+')
		return a;
	e = expr_new_unary(t.op, a, t.loc);
	if (!e)
		return expr_oom(p);
	if (++*depth > EXPR_MAX_DEPTH)
		return expr_too_deep(p, e);
	return e;
}

/* Binding strength of a binary operator token, 0 if it is none.  The
 * levels follow the GNU ld manual. */
int expr_op_precedence(int op)
{
	switch (op) {
	case EXPR_OP_OROR:
		return 1;
	case EXPR_OP_ANDAND:
		return 2;
	case '|':
		return 3;
	case '&':
		return 4;
	case EXPR_OP_EQ:
	case EXPR_OP_NE:
	case '<':
	case '>':
	case EXPR_OP_LE:
	case EXPR_OP_GE:
		return 5;
	case EXPR_OP_SHL:
	case EXPR_OP_SHR:
		return 6;
	case '+':
	case '-':
		return 7;
	case '*':
	case '/':
	case '%':
		return 8;
	default:
		return 0;
	}
}

static int expr_prec(const expr_token *t)
{
	return t->kind == TOK_OP ? expr_op_precedence(t->op) : 0;
}

/* Precedence climbing: each recursion raises min, so the C stack grows by
 * at most the number of levels however long the operator chain is. */
static expr *expr_p_binary(expr_parser *p, int min, unsigned *depth)
{
	expr *lhs = expr_p_unary(p, depth);
	int prec;

	while (lhs && (prec = expr_prec(&p->tok)) >= min) {
		expr_token op = p->tok;
		unsigned rd;
		expr *rhs;

		if (!expr_lex(p)) {
			expr_free(lhs);
			return NULL;
		}
		rhs = expr_p_binary(p, prec + 1, &rd);
		if (!rhs) {
			expr_free(lhs);
			return NULL;
		}
		lhs = expr_new_binary(op.op, lhs, rhs, op.loc);
		if (!lhs)
			return expr_oom(p);
		*depth = expr_max(*depth, rd) + 1;
		if (*depth > EXPR_MAX_DEPTH)
			return expr_too_deep(p, lhs);
	}
	return lhs;
}

static expr *expr_p_cond(expr_parser *p, unsigned *depth)
{
	expr *a = NULL, *b = NULL, *c = NULL, *e;
	unsigned db, dc;
	expr_loc q;

	if (!expr_enter(p))
		return NULL;
	a = expr_p_binary(p, 1, depth);
	if (!a || !expr_is_op(p, '?'))
		goto out;
	q = p->tok.loc;
	if (!expr_lex(p) || !(b = expr_p_cond(p, &db)))
		goto fail;
	if (!expr_is_op(p, ':')) {
		expr_expected(p, "':' in conditional expression");
		goto fail;
	}
	if (!expr_lex(p) || !(c = expr_p_cond(p, &dc)))
		goto fail;
	e = expr_new_cond(a, b, c, q);
	a = e;
	if (!e) {
		expr_oom(p);
		goto out;
	}
	*depth = expr_max(*depth, expr_max(db, dc)) + 1;
	if (*depth > EXPR_MAX_DEPTH)
		a = expr_too_deep(p, e);
	goto out;
fail:
	expr_free(a);
	expr_free(b);
	a = NULL;
out:
	p->nest--;
	return a;
}

expr *expr_parse(const char *text, size_t len, expr_error *err)
{
	expr_error dummy = {0};
	expr_parser p = {.s = text, .len = len, .line = 1, .col = 1};
	unsigned depth;
	expr *e = NULL;

	p.err = err ? err : &dummy;
	if (len > UINT32_MAX) {
		expr_set_error(p.err, expr_here(&p),
			       "expression longer than 4 GiB");
	} else if (expr_lex(&p)) {
		e = expr_p_cond(&p, &depth);
		if (e && p.tok.kind != TOK_END) {
			expr_expected(&p, "an operator or the end of the "
					  "expression");
			expr_free(e);
			e = NULL;
		}
	}
	expr_error_free(&dummy);
	return e;
}

/* ---- Evaluation ---- */

/* A value while an expression is evaluated.  With EXPR_ARITH_LD it is a
 * 64-bit two's complement word and neg is always false.  With
 * EXPR_ARITH_EXACT it is the integer -v when neg (v is then not 0) and v
 * otherwise, so an intermediate may be negative while the final value must
 * be a natural number below 2^64. */
typedef struct expr_val {
	uint64_t v;
	bool neg;
} expr_val;

typedef struct expr_evaluator {
	const expr_env *env;
	expr_error *err;
	unsigned depth;
	bool ld; /* env->arith == EXPR_ARITH_LD */
} expr_evaluator;

static expr_status expr_ev(expr_evaluator *v, const expr *e, expr_val *out);

static const char *expr_op_text(int op)
{
	size_t k;

	for (k = 0; k < sizeof(expr_ops) / sizeof(expr_ops[0]); k++)
		if (expr_ops[k].op == op)
			return expr_ops[k].text;
	return "?";
}

static expr_status expr_fail(expr_evaluator *v, const expr *e, const char *fmt,
			     ...) EXPR_PRINTF(3, 4);

static expr_status expr_fail(expr_evaluator *v, const expr *e, const char *fmt,
			     ...)
{
	va_list ap;

	va_start(ap, fmt);
	expr_vset(v->err, fmt, ap);
	va_end(ap);
	v->err->loc = e->loc;
	return EXPR_ERROR;
}

/* "-" for a negative exact value, for messages as "%s0x%" PRIx64. */
static const char *expr_sign(expr_val x)
{
	return x.neg ? "-" : "";
}

/* An exact value used where only a natural number makes sense (a bit
 * operation, a shift, a function's argument). */
static expr_status expr_natural(expr_evaluator *v, const expr *e, expr_val x,
				const char *what)
{
	if (!x.neg)
		return EXPR_OK;
	return expr_fail(v, e, "negative value -0x%" PRIx64 " as %s", x.v,
			 what);
}

/* a + b of two exact values; false when it leaves (-2^64, 2^64). */
static bool expr_exact_add(expr_val a, expr_val b, expr_val *r)
{
	if (a.neg == b.neg) {
		r->neg = a.neg;
		return va_add(a.v, b.v, &r->v);
	}
	/* Opposite signs: the larger magnitude keeps its sign. */
	if (a.v >= b.v) {
		r->v = a.v - b.v;
		r->neg = a.neg && r->v != 0;
	} else {
		r->v = b.v - a.v;
		r->neg = b.neg;
	}
	return true;
}

static expr_val expr_negate(expr_val a)
{
	return (expr_val){a.v, !a.neg && a.v != 0};
}

static expr_status expr_ev_unary(expr_evaluator *v, const expr *e,
				 expr_val *out)
{
	expr_val a;
	expr_status st = expr_ev(v, e->a, &a);

	if (st != EXPR_OK)
		return st;
	switch (e->op) {
	case '-':
		/* ld: 0 - a in 64 bits; exact: the integer -a. */
		*out = v->ld ? (expr_val){0 - a.v, false} : expr_negate(a);
		return EXPR_OK;
	case '~':
		st = expr_natural(v, e, a, "operand of '~'");
		if (st == EXPR_OK)
			*out = (expr_val){~a.v, false};
		return st;
	case '!':
		*out = (expr_val){a.v == 0, false};
		return EXPR_OK;
	default:
		return expr_fail(v, e, "unknown unary operator %d", e->op);
	}
}

/* && and || skip their right operand when the left one decides, as in C
 * and ld, so "0 && X" is 0 whatever X is. */
static expr_status expr_ev_logic(expr_evaluator *v, const expr *e,
				 expr_val *out)
{
	bool is_and = e->op == EXPR_OP_ANDAND;
	expr_val a, b;
	expr_status sa = expr_ev(v, e->a, &a), sb;

	if (sa == EXPR_ERROR)
		return sa;
	if (sa == EXPR_OK && (is_and ? a.v == 0 : a.v != 0)) {
		*out = (expr_val){!is_and, false};
		return EXPR_OK;
	}
	sb = expr_ev(v, e->b, &b);
	if (sb == EXPR_ERROR || sa == EXPR_UNKNOWN || sb == EXPR_UNKNOWN)
		return sb == EXPR_ERROR ? sb : EXPR_UNKNOWN;
	*out = (expr_val){b.v != 0, false};
	return EXPR_OK;
}

/* a < b, a == b, ... of two values: unsigned words in ld (as ld compares
 * bfd_vma), integers when exact. */
static int expr_compare(expr_val a, expr_val b)
{
	if (a.neg != b.neg)
		return a.neg ? -1 : 1;
	if (a.v == b.v)
		return 0;
	return (a.v < b.v) != a.neg ? -1 : 1;
}

/* GNU ld divides as signed 64-bit numbers ((0 - 16) / 2 is -8; lld divides
 * unsigned).  The quotient that does not fit, INT64_MIN / -1, wraps. */
static void expr_ld_divide(int op, uint64_t a, uint64_t b, uint64_t *r)
{
	int64_t sa, sb;

	memcpy(&sa, &a, sizeof(sa));
	memcpy(&sb, &b, sizeof(sb));
	if (sb == -1) {
		*r = op == '/' ? 0 - a : 0;
		return;
	}
	sa = op == '/' ? sa / sb : sa % sb;
	memcpy(r, &sa, sizeof(*r));
}

bool expr_ld_apply(int op, uint64_t a, uint64_t b, uint64_t *r)
{
	switch (op) {
	case '+':
		*r = a + b;
		return true;
	case '-':
		*r = a - b;
		return true;
	case '*':
		*r = a * b;
		return true;
	case '/':
	case '%':
		if (b == 0)
			return false;
		expr_ld_divide(op, a, b, r);
		return true;
	default:
		return false;
	}
}

static expr_status expr_ev_binary(expr_evaluator *v, const expr *e,
				  expr_val *out)
{
	expr_val a, b, r = {0, false};
	expr_status sa, sb;
	const char *op = expr_op_text(e->op);
	bool ld = v->ld;

	if (e->op == EXPR_OP_ANDAND || e->op == EXPR_OP_OROR)
		return expr_ev_logic(v, e, out);
	/* Both sides are evaluated even when one is unknown, because an
	 * error anywhere outweighs an unknown value. */
	sa = expr_ev(v, e->a, &a);
	if (sa == EXPR_ERROR)
		return sa;
	sb = expr_ev(v, e->b, &b);
	if (sb == EXPR_ERROR)
		return sb;
	if (sa == EXPR_UNKNOWN || sb == EXPR_UNKNOWN)
		return EXPR_UNKNOWN;
	uint64_t a_base = 0, b_base = 0, r_base = 0;
	if (ld && v->env->bases) {
		v->env->bases(v->env->ctx, e, &a_base, &b_base, &r_base);
		a.v -= a_base;
		b.v -= b_base;
	}
	switch (e->op) {
	case '+':
	case '-':
	case '*':
		if (ld) {
			expr_ld_apply(e->op, a.v, b.v, &r.v);
			break;
		}
		if (e->op == '+' || e->op == '-') {
			if (!expr_exact_add(
				a, e->op == '+' ? b : expr_negate(b), &r))
				goto overflow;
			break;
		}
		if (!va_mul(a.v, b.v, &r.v))
			goto overflow;
		r.neg = a.neg != b.neg && r.v != 0;
		break;
	case '/':
	case '%':
		if (b.v == 0)
			return expr_fail(
			    v, e, "division by zero in %s0x%" PRIx64 " %s 0x0",
			    expr_sign(a), a.v, op);
		if (ld) {
			expr_ld_apply(e->op, a.v, b.v, &r.v);
			break;
		}
		/* Truncated towards zero, the remainder with the dividend's
		 * sign: what ld's signed division gives. */
		r.v = e->op == '/' ? a.v / b.v : a.v % b.v;
		r.neg = r.v != 0 && (e->op == '/' ? a.neg != b.neg : a.neg);
		break;
	case EXPR_OP_SHL:
	case EXPR_OP_SHR:
	case '&':
	case '|':
		if (a.neg || b.neg) {
			char what[32];

			snprintf(what, sizeof(what), "%s operand of '%s'",
				 a.neg ? "left" : "right", op);
			return expr_natural(v, e, a.neg ? a : b, what);
		}
		if (e->op == EXPR_OP_SHL) {
			/* ld shifts by the host's rule past 63 (x86 takes
			 * the count modulo 64): no value to trust. */
			if (b.v >= 64)
				return expr_fail(v, e,
						 "shift by 64 or more in "
						 "0x%" PRIx64 " << 0x%" PRIx64,
						 a.v, b.v);
			if (ld)
				r.v = a.v << b.v;
			else if (!va_shl(a.v, b.v, &r.v))
				goto overflow;
		} else if (e->op == EXPR_OP_SHR) {
			/* Every bit has been shifted out, as ld computes
			 * it. */
			r.v = b.v >= 64 ? 0 : a.v >> b.v;
		} else {
			r.v = e->op == '&' ? a.v & b.v : a.v | b.v;
		}
		break;
	case EXPR_OP_EQ:
		r.v = expr_compare(a, b) == 0;
		break;
	case EXPR_OP_NE:
		r.v = expr_compare(a, b) != 0;
		break;
	case '<':
		r.v = expr_compare(a, b) < 0;
		break;
	case '>':
		r.v = expr_compare(a, b) > 0;
		break;
	case EXPR_OP_LE:
		r.v = expr_compare(a, b) <= 0;
		break;
	case EXPR_OP_GE:
		r.v = expr_compare(a, b) >= 0;
		break;
	default:
		return expr_fail(v, e, "unknown binary operator %d", e->op);
	}
	r.v += r_base;
	*out = r;
	return EXPR_OK;
overflow:
	return expr_fail(v, e,
			 "overflow in %s0x%" PRIx64 " %s %s0x%" PRIx64
			 " (does not fit in 64 bits)",
			 expr_sign(a), a.v, op, expr_sign(b), b.v);
}

/* A call: the builtins computed here (builtins.h: those with an
 * evaluator) have their argument counts checked; every other call,
 * ALIGN(a) too since it reads '.', goes to env->call, whose parser checked
 * its arguments (expr_parse takes any name as a function).  Name arguments
 * of a builtin are never evaluated. */
static expr_status expr_ev_call(expr_evaluator *v, const expr *e, expr_val *out)
{
	const expr_env *env = v->env;
	const builtin *b = builtin_of(e);
	bool here = b && builtin_is_constant(b, e->nargs);
	unsigned names = b ? b->names : 0;
	uint64_t *x = NULL, one;
	expr_val arg;
	expr_status st = EXPR_OK;
	size_t i;

	if (b && b->eval && (e->nargs < b->min || e->nargs > b->max)) {
		if (b->min == b->max)
			return expr_fail(
			    v, e, "%s takes %u argument%s, got %zu", e->name,
			    b->min, b->min == 1 ? "" : "s", e->nargs);
		return expr_fail(v, e, "%s takes %u %s %u arguments, got %zu",
				 e->name, b->min,
				 b->max == b->min + 1 ? "or" : "to", b->max,
				 e->nargs);
	}
	if (!here && (!env || !env->call))
		return expr_fail(v, e, "unknown function %.*s", EXPR_QUOTE_MAX,
				 e->name);
	if (e->nargs > 1) {
		if (e->nargs > SIZE_MAX / sizeof(*x) ||
		    !(x = calloc(e->nargs, sizeof(*x))))
			return expr_fail(v, e, "out of memory");
	} else {
		one = 0;
		x = &one;
	}
	for (i = 0; i < e->nargs; i++) {
		expr_status s;

		if (i < 32 && ((names >> i) & 1u))
			continue;
		s = expr_ev(v, e->args[i], &arg);
		if (s == EXPR_OK && arg.neg) {
			char what[EXPR_QUOTE_MAX + 64];

			snprintf(what, sizeof(what), "argument %zu of %.*s",
				 i + 1, EXPR_QUOTE_MAX, e->name);
			s = expr_natural(v, e->args[i], arg, what);
		}
		if (s == EXPR_ERROR) {
			st = s;
			break;
		}
		x[i] = arg.v;
		if (s == EXPR_UNKNOWN)
			st = EXPR_UNKNOWN;
	}
	if (st == EXPR_OK) {
		expr_error_free(v->err);
		v->err->loc = e->loc;
		out->neg = false;
		if (here)
			st = b->eval(x, &out->v, v->err);
		else
			st = env->call(env->ctx, e, x, &out->v, v->err);
		if (st == EXPR_ERROR && !v->err->msg)
			expr_fail(v, e, "cannot evaluate %.*s(...)",
				  EXPR_QUOTE_MAX, e->name);
	}
	if (x != &one)
		free(x);
	return st;
}

static expr_status expr_ev_sym(expr_evaluator *v, const expr *e, expr_val *out)
{
	const expr_env *env = v->env;
	expr_status st;

	if (!env || !env->symbol)
		return expr_fail(v, e, "undefined symbol %.*s", EXPR_QUOTE_MAX,
				 e->name);
	/* Callbacks only need to write a message; the place is this node. */
	expr_error_free(v->err);
	v->err->loc = e->loc;
	out->neg = false;
	st = env->symbol(env->ctx, e, &out->v, v->err);
	if (st == EXPR_ERROR && !v->err->msg)
		expr_fail(v, e, "cannot evaluate symbol %.*s", EXPR_QUOTE_MAX,
			  e->name);
	return st;
}

static expr_status expr_ev(expr_evaluator *v, const expr *e, expr_val *out)
{
	expr_status st;
	expr_val c;

	if (!e) {
		expr_set_error(v->err, (expr_loc){0, 1, 1}, "no expression");
		return EXPR_ERROR;
	}
	/* Trees from other parsers may be deeper than expr_parse allows. */
	if (v->depth >= EXPR_MAX_DEPTH)
		return expr_fail(v, e,
				 "expression nested too deeply (more than %d "
				 "levels)",
				 EXPR_MAX_DEPTH);
	v->depth++;
	switch (e->kind) {
	case EXPR_NUM:
		*out = (expr_val){e->num, false};
		st = EXPR_OK;
		break;
	case EXPR_SYM:
		st = expr_ev_sym(v, e, out);
		break;
	case EXPR_UNARY:
		st = expr_ev_unary(v, e, out);
		break;
	case EXPR_BINARY:
		st = expr_ev_binary(v, e, out);
		break;
	case EXPR_COND:
		/* Only the chosen branch counts, as in C; with an unknown
		 * condition neither branch can be chosen. */
		st = expr_ev(v, e->a, &c);
		if (st == EXPR_OK)
			st = expr_ev(v, c.v ? e->b : e->c, out);
		break;
	case EXPR_CALL:
		st = expr_ev_call(v, e, out);
		break;
	default:
		st =
		    expr_fail(v, e, "unknown expression kind %d", (int)e->kind);
		break;
	}
	v->depth--;
	return st;
}

expr_status expr_eval(const expr *e, const expr_env *env, uint64_t *value,
		      expr_error *err)
{
	expr_error dummy = {0};
	expr_evaluator v = {.env = env,
			    .err = err ? err : &dummy,
			    .ld = env && env->arith == EXPR_ARITH_LD};
	expr_val r = {0, false};
	expr_status st = expr_ev(&v, e, &r);

	/* Exact values may go below zero on the way, never at the end. */
	if (st == EXPR_OK && r.neg)
		st = expr_fail(&v, e, "negative result -0x%" PRIx64, r.v);

	/* A message only goes with an error (a callback may have left one
	 * behind on a value it then did not need). */
	if (st != EXPR_ERROR)
		expr_error_free(v.err);
	expr_error_free(&dummy);
	if (st == EXPR_OK)
		*value = r.v;
	return st;
}

/* ---- Printing ---- */

typedef struct expr_buf {
	char *s;
	size_t len, cap;
	bool oom;
} expr_buf;

static void expr_puts(expr_buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (n >= b->cap - b->len) {
		size_t cap = b->cap ? b->cap : 64;
		char *ns;

		while (n >= cap - b->len) {
			if (cap > SIZE_MAX / 2) {
				b->oom = true;
				return;
			}
			cap *= 2;
		}
		ns = realloc(b->s, cap);
		if (!ns) {
			b->oom = true;
			return;
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void expr_putstr(expr_buf *b, const char *s)
{
	expr_puts(b, s, strlen(s));
}

static void expr_print(expr_buf *b, const expr *e)
{
	char num[VA_HEX_LEN];
	size_t i;

	if (!e) {
		expr_putstr(b, "<null>");
		return;
	}
	switch (e->kind) {
	case EXPR_NUM:
		expr_putstr(b, va_hex(e->num, num));
		break;
	case EXPR_SYM:
		expr_putstr(b, e->name);
		break;
	case EXPR_UNARY:
		expr_puts(b, (const char[]){(char)e->op}, 1);
		expr_print(b, e->a);
		break;
	case EXPR_BINARY:
		expr_putstr(b, "(");
		expr_print(b, e->a);
		expr_putstr(b, " ");
		expr_putstr(b, expr_op_text(e->op));
		expr_putstr(b, " ");
		expr_print(b, e->b);
		expr_putstr(b, ")");
		break;
	case EXPR_COND:
		expr_putstr(b, "(");
		expr_print(b, e->a);
		expr_putstr(b, " ? ");
		expr_print(b, e->b);
		expr_putstr(b, " : ");
		expr_print(b, e->c);
		expr_putstr(b, ")");
		break;
	case EXPR_CALL:
		expr_putstr(b, e->name);
		expr_putstr(b, "(");
		for (i = 0; i < e->nargs; i++) {
			if (i)
				expr_putstr(b, ", ");
			expr_print(b, e->args[i]);
		}
		expr_putstr(b, ")");
		break;
	}
}

char *expr_to_string(const expr *e)
{
	expr_buf b = {0};

	expr_print(&b, e);
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	/* An empty buffer cannot happen for a real node, but stay defined. */
	if (!b.s)
		return expr_strndup("", 0);
	return b.s;
}
