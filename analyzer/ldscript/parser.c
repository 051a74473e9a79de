/* The GNU ld linker-script parser.
 *
 * Recursive descent, one function per construct of the GNU ld manual, over
 * tokens the lexer reads in the mode each place needs (lexer.h).  Nodes are
 * built in place in their parent's array, so on an error the whole tree,
 * finished or not, goes to ls_script_free.
 *
 * Ranges: a command's [offset, end) runs from its first token to its last
 * one; for simple statements (assignments, ENTRY(...), LONG(...), input
 * section descriptions, ...) that includes a ';' right after them.  An
 * ls_expr covers exactly the expression's text.
 *
 * Depth: braces, the parentheses of KEEP/SORT/EXCLUDE_FILE and expression
 * recursion are each limited to LS_MAX_NESTING, expression trees to
 * EXPR_MAX_DEPTH and INCLUDE to LS_MAX_INCLUDE_DEPTH, so no input can
 * exhaust the stack.  INCLUDE reads regular files only, each file once (a
 * second INCLUDE of it parses the same buffer again), and at most
 * LS_MAX_INCLUDES of them and LS_MAX_SCRIPT_BYTES in all, so no input can
 * exhaust memory or time through it either. */
#include "ldscript/parser.h"

#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtins.h"
#include "infile.h"
#include "ldscript/lexer.h"

#ifndef PT_GNU_PROPERTY
#define PT_GNU_PROPERTY 0x6474e553
#endif

#if defined(__GNUC__)
#define LS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define LS_PRINTF(f, a)
#endif

typedef struct ls_include {
	bool has_id; /* text given in memory has no inode */
	dev_t dev;
	ino_t ino;
	const char *path;
} ls_include;

/* A file INCLUDE has read, and the buffer that holds it. */
typedef struct ls_read {
	dev_t dev;
	ino_t ino;
	uint32_t buf;
} ls_read;

typedef struct ls_parser {
	ls_script *script;
	ls_files files;
	const ls_parse_opts *opts;
	ls_lexer *lx; /* of the buffer being read */
	vl_error *err;
	unsigned nest;	/* braces, and parentheses outside expressions */
	unsigned enest; /* expression recursion */
	ls_include incs[LS_MAX_INCLUDE_DEPTH + 1]; /* the INCLUDE chain */
	unsigned ninc;
	unsigned nincludes; /* INCLUDEs read so far */
	uint64_t bytes;	    /* parsed so far, every INCLUDE counted */
	ls_read *reads;	    /* the files INCLUDE read */
	size_t nreads;
} ls_parser;

/* ---- Errors ---- */

static bool ls_fail(ls_parser *p, const ls_token *t, const char *fmt, ...)
    LS_PRINTF(3, 4);

static bool ls_fail(ls_parser *p, const ls_token *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vl_vfail(p->err, t->file, t->line, t->column, fmt, ap);
	va_end(ap);
	return false;
}

static bool ls_oom(ls_parser *p)
{
	return ls_fail(p, &p->lx->last, "out of memory");
}

/* "'word'", "'\"string\"'" or "end of file", for messages. */
static void ls_describe(const ls_token *t, char *out, size_t outlen)
{
	char q[LS_QUOTE_MAX * 4 + 8];

	if (t->kind == LS_TOK_EOF) {
		snprintf(out, outlen, "end of file");
		return;
	}
	if (t->kind == LS_TOK_STRING) {
		ls_lex_quote(q, sizeof(q), t->text, t->len);
		snprintf(out, outlen, "'\"%s\"'", q);
		return;
	}
	ls_lex_quote(q, sizeof(q), t->text, t->len);
	snprintf(out, outlen, "'%s'", q);
}

/* "expected WHAT, found 'x'"; a token the lexer could not read reports
 * its own error instead. */
static bool ls_expected(ls_parser *p, const ls_token *t, const char *what)
{
	char found[LS_QUOTE_MAX * 4 + 16];

	if (t->kind == LS_TOK_ERROR)
		return ls_lex_fail(t, p->err);
	ls_describe(t, found, sizeof(found));
	return ls_fail(p, t, "expected %s, found %s", what, found);
}

/* ---- Tokens ---- */

static inline bool ls_is_punct(const ls_token *t, int op)
{
	return t->kind == LS_TOK_PUNCT && t->op == op;
}

static inline bool ls_is_word(const ls_token *t, const char *w)
{
	/* The first byte rejects most keywords before strlen and memcmp. */
	if (t->kind != LS_TOK_WORD || t->len == 0 || t->text[0] != w[0])
		return false;
	return t->len == strlen(w) && memcmp(t->text, w, t->len) == 0;
}

static inline bool ls_is_name(const ls_token *t)
{
	return t->kind == LS_TOK_WORD || t->kind == LS_TOK_STRING;
}

static const ls_token *ls_peek_m(ls_parser *p, ls_lex_mode mode)
{
	return ls_peek(p->lx, mode);
}

static const ls_token *ls_next_m(ls_parser *p, ls_lex_mode mode)
{
	return ls_next(p->lx, mode);
}

/* Consume punctuation op if it is next. */
static bool ls_accept(ls_parser *p, ls_lex_mode mode, int op)
{
	if (!ls_is_punct(ls_peek_m(p, mode), op))
		return false;
	ls_next_m(p, mode);
	return true;
}

static bool ls_expect(ls_parser *p, ls_lex_mode mode, int op, const char *what)
{
	const ls_token *t = ls_peek_m(p, mode);

	if (!ls_is_punct(t, op))
		return ls_expected(p, t, what);
	ls_next_m(p, mode);
	return true;
}

/* ls_expected and ls_expect with a formatted WHAT, formatted only when it
 * is needed: messages name the construct, and most scripts have no error. */
static bool ls_expected_f(ls_parser *p, const ls_token *t, const char *fmt, ...)
    LS_PRINTF(3, 4);

static bool ls_expected_v(ls_parser *p, const ls_token *t, const char *fmt,
			  va_list ap) LS_PRINTF(3, 0);

static bool ls_expected_v(ls_parser *p, const ls_token *t, const char *fmt,
			  va_list ap)
{
	char *what = NULL;

	if (vasprintf(&what, fmt, ap) < 0)
		return ls_oom(p);
	ls_expected(p, t, what);
	free(what);
	return false;
}

static bool ls_expected_f(ls_parser *p, const ls_token *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ls_expected_v(p, t, fmt, ap);
	va_end(ap);
	return false;
}

static bool ls_expect_f(ls_parser *p, ls_lex_mode mode, int op, const char *fmt,
			...) LS_PRINTF(4, 5);

static bool ls_expect_f(ls_parser *p, ls_lex_mode mode, int op, const char *fmt,
			...)
{
	const ls_token *t = ls_peek_m(p, mode);
	va_list ap;

	if (ls_is_punct(t, op)) {
		ls_next_m(p, mode);
		return true;
	}
	va_start(ap, fmt);
	ls_expected_v(p, t, fmt, ap);
	va_end(ap);
	return false;
}

/* What a message says a part belongs to: "output section '.text'",
 * "OVERLAY". */
typedef struct ls_owner {
	const char *kind;
	const char *name; /* NULL: the kind alone */
} ls_owner;

static const char *ls_owner_str(const ls_owner *o, char *buf, size_t len)
{
	if (!o->name)
		return o->kind;
	snprintf(buf, len, "%s '%.*s'", o->kind, LS_QUOTE_MAX, o->name);
	return buf;
}

#define LS_OWNER_LEN (LS_QUOTE_MAX + 64)

/* The token after the next one, each in its mode. */
static ls_token ls_peek2(ls_parser *p, ls_lex_mode m1, ls_lex_mode m2)
{
	ls_lex_mark mark = ls_lex_save(p->lx);
	ls_token t;

	ls_next_m(p, m1);
	t = *ls_peek_m(p, m2);
	ls_lex_restore(p->lx, mark);
	return t;
}

/* The next token is word w followed by '(' (which tells a keyword from a
 * file or section name spelled the same). */
static bool ls_at_call(ls_parser *p, ls_lex_mode mode, const char *w)
{
	ls_token t;

	if (!ls_is_word(ls_peek_m(p, mode), w))
		return false;
	t = ls_peek2(p, mode, mode);
	return ls_is_punct(&t, '(');
}

/* ---- Building ---- */

static char *ls_dup(ls_parser *p, const char *s, size_t n)
{
	char *c = malloc(n + 1);

	if (!c) {
		ls_oom(p);
		return NULL;
	}
	memcpy(c, s, n);
	c[n] = '\0';
	return c;
}

/* Append a zeroed element to the array *arrp of *n elements.  arrp points
 * to a pointer to the element type; it is read and written through memcpy
 * so one helper serves every array. */
static void *ls_push(ls_parser *p, void *arrp, size_t *n, size_t size)
{
	void *v, *nv;
	char *elem;

	memcpy(&v, arrp, sizeof(v));
	nv = ls_grow(v, *n, size);
	if (!nv) {
		ls_oom(p);
		return NULL;
	}
	memcpy(arrp, &nv, sizeof(nv));
	elem = (char *)nv + *n * size;
	memset(elem, 0, size);
	(*n)++;
	return elem;
}

static bool ls_push_str(ls_parser *p, char ***v, size_t *n, const char *s,
			size_t len)
{
	char **slot = ls_push(p, v, n, sizeof(**v));

	if (!slot)
		return false;
	*slot = ls_dup(p, s, len);
	if (!*slot) {
		(*n)--;
		return false;
	}
	return true;
}

static ls_loc ls_loc_of(const ls_parser *p, const ls_token *t)
{
	return (ls_loc){t->file,    t->line,   t->column,
			p->lx->buf, t->offset, t->end};
}

static void ls_loc_end(const ls_parser *p, ls_loc *l)
{
	l->end = p->lx->last_end;
}

/* Consume an optional ';' that ends a simple statement. */
static void ls_semicolon(ls_parser *p)
{
	ls_accept(p, LS_LEX_SCRIPT, ';');
}

/* Take a name (a word or a string) in mode into *out. */
static bool ls_take_name(ls_parser *p, ls_lex_mode mode, const char *what,
			 char **out, ls_loc *loc)
{
	const ls_token *t = ls_peek_m(p, mode);

	if (!ls_is_name(t))
		return ls_expected(p, t, what);
	if (loc)
		*loc = ls_loc_of(p, t);
	*out = ls_dup(p, t->text, t->len);
	if (!*out)
		return false;
	ls_next_m(p, mode);
	return true;
}

static bool ls_enter(ls_parser *p, const ls_token *t)
{
	if (p->nest >= LS_MAX_NESTING)
		return ls_fail(p, t,
			       "braces and parentheses nested more than %d "
			       "levels deep",
			       LS_MAX_NESTING);
	p->nest++;
	return true;
}

/* ---- Expressions ---- */

/* A builtin function (builtins.h) the word names, or NULL. */
static const builtin *ls_find_func(const ls_token *t)
{
	if (t->kind != LS_TOK_WORD)
		return NULL;
	return builtin_find(t->text, t->len);
}

static expr_loc ls_eloc(const ls_token *t)
{
	return (expr_loc){t->offset, t->line, t->column};
}

static unsigned ls_umax(unsigned a, unsigned b)
{
	return a > b ? a : b;
}

static expr *ls_e_cond(ls_parser *p, unsigned *depth);

static bool ls_e_enter(ls_parser *p, const ls_token *t)
{
	if (p->enest >= LS_MAX_NESTING)
		return ls_fail(p, t,
			       "expression nested more than %d levels deep",
			       LS_MAX_NESTING);
	p->enest++;
	return true;
}

static expr *ls_e_oom(ls_parser *p)
{
	ls_oom(p);
	return NULL;
}

/* Refuse trees the recursive evaluator, printer and destructor would not
 * take (expr.h). */
static expr *ls_e_check_depth(ls_parser *p, expr *e, unsigned depth,
			      const ls_token *t)
{
	if (!e)
		return ls_e_oom(p);
	if (depth > EXPR_MAX_DEPTH) {
		expr_free(e);
		ls_fail(p, t, "expression nested more than %d levels deep",
			EXPR_MAX_DEPTH);
		return NULL;
	}
	return e;
}

static void ls_free_args(expr **args, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		expr_free(args[i]);
	free(args);
}

/* NAME '(' args ')', the current token at '('. */
static expr *ls_e_call(ls_parser *p, const ls_token *name, const builtin *f,
		       unsigned *depth)
{
	expr **args = NULL, **na, *e;
	size_t n = 0;
	unsigned d = 0, ad;

	ls_next_m(p, LS_LEX_EXPR);
	if (!ls_accept(p, LS_LEX_EXPR, ')')) {
		for (;;) {
			expr *a;
			const ls_token *t;

			na = ls_grow(args, n, sizeof(*args));
			if (!na) {
				ls_free_args(args, n);
				return ls_e_oom(p);
			}
			args = na;
			t = ls_peek_m(p, LS_LEX_SCRIPT);
			if (n < 8 && (f->names >> n & 1u)) {
				if (!ls_is_name(t)) {
					ls_expected_f(p, t, "a name in %s(...)",
						      f->name);
					goto fail;
				}
				a = expr_new_sym(t->text, t->len, ls_eloc(t));
				if (!a) {
					ls_e_oom(p);
					goto fail;
				}
				ls_next_m(p, LS_LEX_SCRIPT);
				ad = 1;
			} else {
				a = ls_e_cond(p, &ad);
				if (!a)
					goto fail;
			}
			args[n++] = a;
			d = ls_umax(d, ad);
			if (!ls_accept(p, LS_LEX_EXPR, ','))
				break;
		}
		if (!ls_expect(p, LS_LEX_EXPR, ')',
			       "',' or ')' after a function argument"))
			goto fail;
	}
	if (n < f->min || n > f->max) {
		if (f->min == f->max)
			ls_fail(p, name, "%s takes %u argument%s, found %zu",
				f->name, f->min, f->min == 1 ? "" : "s", n);
		else
			ls_fail(p, name,
				"%s takes %u to %u arguments, found %zu",
				f->name, f->min, f->max, n);
		goto fail;
	}
	e = expr_new_call(name->text, name->len, args, n, ls_eloc(name));
	*depth = d + 1;
	return ls_e_check_depth(p, e, *depth, name);
fail:
	ls_free_args(args, n);
	return NULL;
}

static bool ls_e_starts(const ls_token *t)
{
	if (t->kind == LS_TOK_NUM || t->kind == LS_TOK_WORD ||
	    t->kind == LS_TOK_STRING)
		return true;
	return t->kind == LS_TOK_PUNCT &&
	       (t->op == '(' || t->op == '-' || t->op == '~' || t->op == '!' ||
		t->op == '+');
}

static expr *ls_e_primary(ls_parser *p, unsigned *depth)
{
	ls_token t = *ls_peek_m(p, LS_LEX_EXPR);
	const builtin *f;
	expr *e;

	*depth = 1;
	switch (t.kind) {
	case LS_TOK_NUM:
		ls_next_m(p, LS_LEX_EXPR);
		e = expr_new_num(t.num, ls_eloc(&t));
		return e ? e : ls_e_oom(p);
	case LS_TOK_STRING:
		/* A quoted symbol name, or SEGMENT_START's "text-segment". */
		ls_next_m(p, LS_LEX_EXPR);
		e = expr_new_sym(t.text, t.len, ls_eloc(&t));
		return e ? e : ls_e_oom(p);
	case LS_TOK_WORD:
		ls_next_m(p, LS_LEX_EXPR);
		f = ls_find_func(&t);
		/* A name that is no builtin is a symbol even before '(':
		 * ".text foo (NOLOAD) :" has the address foo. */
		if (f && ls_is_punct(ls_peek_m(p, LS_LEX_EXPR), '('))
			return ls_e_call(p, &t, f, depth);
		if (f && f->max == 0)
			e = expr_new_call(t.text, t.len, NULL, 0, ls_eloc(&t));
		else
			e = expr_new_sym(t.text, t.len, ls_eloc(&t));
		return e ? e : ls_e_oom(p);
	case LS_TOK_PUNCT:
		if (t.op != '(')
			break;
		ls_next_m(p, LS_LEX_EXPR);
		e = ls_e_cond(p, depth);
		if (!e)
			return NULL;
		if (!ls_expect(p, LS_LEX_EXPR, ')',
			       "')' to close '(' in an expression")) {
			expr_free(e);
			return NULL;
		}
		return e;
	default:
		break;
	}
	ls_expected(p, &t, "an expression");
	return NULL;
}

static expr *ls_e_unary(ls_parser *p, unsigned *depth)
{
	ls_token t = *ls_peek_m(p, LS_LEX_EXPR);
	expr *a, *e;

	if (t.kind != LS_TOK_PUNCT ||
	    (t.op != '-' && t.op != '~' && t.op != '!' && t.op != '+'))
		return ls_e_primary(p, depth);
	if (!ls_e_enter(p, &t))
		return NULL;
	ls_next_m(p, LS_LEX_EXPR);
	a = ls_e_unary(p, depth);
	p->enest--;
	if (!a)
		return NULL;
	/* A unary plus changes nothing, so it adds no node (as expr.c). */
	if (t.op == '+')
		return a;
	e = expr_new_unary(t.op, a, ls_eloc(&t));
	return ls_e_check_depth(p, e, ++*depth, &t);
}

/* Binding strength of a binary operator, 0 for none: the GNU ld manual's
 * table, as in expr.c. */
static int ls_e_prec(const ls_token *t)
{
	return t->kind == LS_TOK_PUNCT ? expr_op_precedence(t->op) : 0;
}

/* Precedence climbing: the recursion is bounded by the number of levels,
 * however long the operator chain. */
static expr *ls_e_binary(ls_parser *p, int min, unsigned *depth)
{
	expr *lhs = ls_e_unary(p, depth);
	int prec;

	while (lhs && (prec = ls_e_prec(ls_peek_m(p, LS_LEX_EXPR))) >= min) {
		ls_token op = *ls_peek_m(p, LS_LEX_EXPR);
		unsigned rd;
		expr *rhs;

		ls_next_m(p, LS_LEX_EXPR);
		rhs = ls_e_binary(p, prec + 1, &rd);
		if (!rhs) {
			expr_free(lhs);
			return NULL;
		}
		lhs = expr_new_binary(op.op, lhs, rhs, ls_eloc(&op));
		*depth = ls_umax(*depth, rd) + 1;
		lhs = ls_e_check_depth(p, lhs, *depth, &op);
	}
	return lhs;
}

static expr *ls_e_cond(ls_parser *p, unsigned *depth)
{
	ls_token t = *ls_peek_m(p, LS_LEX_EXPR);
	expr *a, *b = NULL, *c = NULL;
	unsigned db, dc;

	if (!ls_e_enter(p, &t))
		return NULL;
	a = ls_e_binary(p, 1, depth);
	if (a && ls_is_punct(ls_peek_m(p, LS_LEX_EXPR), '?')) {
		ls_token q = *ls_next_m(p, LS_LEX_EXPR);

		b = ls_e_cond(p, &db);
		if (b && ls_expect(p, LS_LEX_EXPR, ':',
				   "':' in a conditional expression"))
			c = ls_e_cond(p, &dc);
		if (!c) {
			expr_free(a);
			expr_free(b);
			a = NULL;
		} else {
			*depth = ls_umax(*depth, ls_umax(db, dc)) + 1;
			a = ls_e_check_depth(
			    p, expr_new_cond(a, b, c, ls_eloc(&q)), *depth, &q);
		}
	}
	p->enest--;
	return a;
}

/* An expression and the byte range of its text. */
static bool ls_p_expr(ls_parser *p, ls_expr *out)
{
	ls_loc loc = ls_loc_of(p, ls_peek_m(p, LS_LEX_EXPR));
	unsigned depth;
	expr *e = ls_e_cond(p, &depth);

	if (!e)
		return false;
	ls_loc_end(p, &loc);
	out->e = e;
	out->loc = loc;
	return true;
}

/* KW '(' expr ')' with the current token at KW; *has (with owner) guards
 * against a second one. */
static bool ls_p_paren_expr(ls_parser *p, bool *has, ls_expr *out,
			    const ls_owner *owner)
{
	ls_token kw = *ls_peek_m(p, LS_LEX_SCRIPT);
	char buf[LS_OWNER_LEN];

	if (has && *has)
		return ls_fail(p, &kw, "duplicate %.*s in %s", (int)kw.len,
			       kw.text, ls_owner_str(owner, buf, sizeof(buf)));
	ls_next_m(p, LS_LEX_SCRIPT);
	if (!ls_expect_f(p, LS_LEX_EXPR, '(', "'(' after %.*s", (int)kw.len,
			 kw.text) ||
	    !ls_p_expr(p, out))
		return false;
	if (!ls_expect_f(p, LS_LEX_EXPR, ')', "')' to close %.*s(", (int)kw.len,
			 kw.text))
		return false;
	if (has)
		*has = true;
	return true;
}

/* Names ld gives numbers to, where it does: program header types and
 * section types. */
typedef struct ls_named_value {
	const char *name;
	uint64_t value;
} ls_named_value;

static const ls_named_value ls_pt_names[] = {
    {"PT_NULL", PT_NULL},
    {"PT_LOAD", PT_LOAD},
    {"PT_DYNAMIC", PT_DYNAMIC},
    {"PT_INTERP", PT_INTERP},
    {"PT_NOTE", PT_NOTE},
    {"PT_SHLIB", PT_SHLIB},
    {"PT_PHDR", PT_PHDR},
    {"PT_TLS", PT_TLS},
    {"PT_GNU_EH_FRAME", PT_GNU_EH_FRAME},
    {"PT_GNU_STACK", PT_GNU_STACK},
    {"PT_GNU_RELRO", PT_GNU_RELRO},
    {"PT_GNU_PROPERTY", PT_GNU_PROPERTY},
    {NULL, 0},
};

static const ls_named_value ls_sht_names[] = {
    {"SHT_PROGBITS", SHT_PROGBITS},
    {"SHT_STRTAB", SHT_STRTAB},
    {"SHT_NOTE", SHT_NOTE},
    {"SHT_NOBITS", SHT_NOBITS},
    {"SHT_INIT_ARRAY", SHT_INIT_ARRAY},
    {"SHT_FINI_ARRAY", SHT_FINI_ARRAY},
    {"SHT_PREINIT_ARRAY", SHT_PREINIT_ARRAY},
    {NULL, 0},
};

/* Replace a lone name from table by its number, as ld does.  1: done or
 * no lone name; 0: a lone name not in the table; -1: out of memory. */
static int ls_name_to_number(ls_parser *p, ls_expr *x,
			     const ls_named_value *table)
{
	expr *num;
	size_t k;

	if (x->e->kind != EXPR_SYM)
		return 1;
	for (k = 0; table[k].name; k++)
		if (strcmp(x->e->name, table[k].name) == 0)
			break;
	if (!table[k].name)
		return 0;
	num = expr_new_num(table[k].value, x->e->loc);
	if (!num) {
		ls_oom(p);
		return -1;
	}
	expr_free(x->e);
	x->e = num;
	return 1;
}

/* ---- Assignments ---- */

/* NAME op ...: an assignment starts here. */
static bool ls_at_assignment(ls_parser *p)
{
	const ls_token *t = ls_peek_m(p, LS_LEX_SCRIPT);
	unsigned char c = t->kind == LS_TOK_EOF ? 0 : (unsigned char)t->text[0];
	ls_lex_mark mark;
	bool yes = false;

	/* Only a name or a string can be assigned to; "*(.text)" and the
	 * like are told apart without lexing them again. */
	if (t->kind == LS_TOK_PUNCT || t->kind == LS_TOK_EOF ||
	    (t->kind == LS_TOK_WORD &&
	     !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == '.' || c == '$' || c >= 0x80)))
		return false;
	mark = ls_lex_save(p->lx);
	t = ls_next_m(p, LS_LEX_EXPR);

	if (ls_is_name(t)) {
		t = ls_peek_m(p, LS_LEX_EXPR);
		yes = t->kind == LS_TOK_PUNCT && LS_OP_IS_ASSIGN(t->op);
	}
	ls_lex_restore(p->lx, mark);
	return yes;
}

/* NAME op expr ';' */
static bool ls_p_assign(ls_parser *p, ls_assign *a, ls_loc *loc)
{
	const ls_token *t = ls_peek_m(p, LS_LEX_EXPR);

	*loc = ls_loc_of(p, t);
	if (!ls_take_name(p, LS_LEX_EXPR, "a symbol name", &a->name, NULL))
		return false;
	t = ls_next_m(p, LS_LEX_EXPR);
	a->op = t->op == '=' ? LS_ASSIGN_SET : (ls_assign_op)(t->op - 512);
	if (!ls_p_expr(p, &a->value))
		return false;
	t = ls_peek_m(p, LS_LEX_SCRIPT);
	if (!ls_is_punct(t, ';') && !ls_is_punct(t, ','))
		return ls_expected_f(p, t, "';' after the assignment to '%.*s'",
				     LS_QUOTE_MAX, a->name);
	ls_next_m(p, LS_LEX_SCRIPT);
	ls_loc_end(p, loc);
	return true;
}

static bool ls_at_provide(const ls_token *t)
{
	return ls_is_word(t, "PROVIDE") || ls_is_word(t, "PROVIDE_HIDDEN") ||
	       ls_is_word(t, "HIDDEN");
}

/* PROVIDE(NAME = expr), PROVIDE_HIDDEN(...), HIDDEN(...) */
static bool ls_p_provide(ls_parser *p, ls_assign *a, ls_loc *loc)
{
	ls_token kw = *ls_next_m(p, LS_LEX_SCRIPT);

	*loc = ls_loc_of(p, &kw);
	a->op = LS_ASSIGN_SET;
	a->provide = !ls_is_word(&kw, "HIDDEN");
	a->hidden = !ls_is_word(&kw, "PROVIDE");
	if (!ls_expect_f(p, LS_LEX_EXPR, '(', "'(' after %.*s", (int)kw.len,
			 kw.text) ||
	    !ls_take_name(p, LS_LEX_EXPR, "a symbol name", &a->name, NULL))
		return false;
	if (!ls_expect_f(p, LS_LEX_EXPR, '=', "'=' after '%.*s' in %.*s",
			 LS_QUOTE_MAX, a->name, (int)kw.len, kw.text) ||
	    !ls_p_expr(p, &a->value))
		return false;
	if (!ls_expect_f(p, LS_LEX_EXPR, ')', "')' to close %.*s(", (int)kw.len,
			 kw.text))
		return false;
	if (!ls_accept(p, LS_LEX_SCRIPT, ';'))
		ls_accept(p, LS_LEX_SCRIPT, ',');
	ls_loc_end(p, loc);
	return true;
}

/* ASSERT(expr, "message") */
static bool ls_p_assert(ls_parser *p, ls_assert *a, ls_loc *loc)
{
	*loc = ls_loc_of(p, ls_next_m(p, LS_LEX_SCRIPT));
	if (!ls_expect(p, LS_LEX_EXPR, '(', "'(' after ASSERT") ||
	    !ls_p_expr(p, &a->cond) ||
	    !ls_expect(p, LS_LEX_EXPR, ',',
		       "',' after the condition of ASSERT") ||
	    !ls_take_name(p, LS_LEX_SCRIPT, "the message of ASSERT",
			  &a->message, NULL) ||
	    !ls_expect(p, LS_LEX_SCRIPT, ')', "')' to close ASSERT("))
		return false;
	ls_semicolon(p);
	ls_loc_end(p, loc);
	return true;
}

/* ---- INCLUDE ---- */

/* Where the lines of an INCLUDEd file go. */
typedef enum ls_ctx {
	LS_CTX_SCRIPT,
	LS_CTX_SECTIONS,
	LS_CTX_MEMORY,
	LS_CTX_SECTION, /* an output section description */
} ls_ctx;

typedef struct ls_target {
	ls_ctx ctx;
	ls_cmd **cmds;
	size_t *ncmds;
	ls_memory_region **regions;
	size_t *nregions;
	ls_sec_cmd **scmds;
	size_t *nscmds;
} ls_target;

/* Where a list of commands may end: inside '{' (braced) or at the end of an
 * INCLUDEd file.  1 when it ended here (its '}' taken), -1 after an error,
 * 0 when t starts another command. */
static int ls_list_end(ls_parser *p, const ls_token *t, bool braced,
		       const char *close)
{
	if (t->kind == LS_TOK_EOF) {
		if (braced)
			return ls_expected(p, t, close) ? 1 : -1;
		return 1;
	}
	if (!ls_is_punct(t, '}'))
		return 0;
	if (!braced) {
		ls_fail(p, t, "unbalanced '}': no '{' before it in this file");
		return -1;
	}
	ls_next_m(p, LS_LEX_SCRIPT);
	return 1;
}

static bool ls_p_script_cmds(ls_parser *p, ls_cmd **v, size_t *n);
typedef struct ls_named_cmd ls_named_cmd;
static const ls_named_cmd *ls_find_named(const ls_token *t);
static bool ls_p_named(ls_parser *p, ls_cmd *c, const ls_named_cmd *nc);
static bool ls_p_sections_cmds(ls_parser *p, ls_cmd **v, size_t *n,
			       bool braced);
static bool ls_p_regions(ls_parser *p, ls_memory_region **v, size_t *n,
			 bool braced);
static bool ls_p_sec_cmds(ls_parser *p, ls_sec_cmd **v, size_t *n, bool braced);

/* Read all of the regular file fd (its fstat in sb) into a NUL-terminated
 * buffer; 0 or an errno value (EFBIG when it has more than max bytes, also
 * when it grew beyond them since sb). */
static int ls_read_fd(int fd, const struct stat *sb, size_t max, char **text,
		      size_t *len)
{
	size_t cap, n = 0;
	char *buf, *nb;

	if ((uint64_t)sb->st_size > max)
		return EFBIG;
	/* Room for the terminator and one byte more, so the read that finds
	 * the end of a file that did not grow needs no larger buffer. */
	cap = (size_t)sb->st_size + 2;
	buf = malloc(cap);
	if (!buf)
		return ENOMEM;
	for (;;) {
		ssize_t r;

		if (n + 1 >= cap) {
			cap = cap > (max + 2) / 2 ? max + 2 : cap * 2;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				return ENOMEM;
			}
			buf = nb;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			free(buf);
			return e;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			free(buf);
			return EFBIG;
		}
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
}

static char *ls_join(const char *dir, size_t dirlen, const char *name)
{
	size_t nlen = strlen(name);
	char *s = malloc(dirlen + 1 + nlen + 1);

	if (!s)
		return NULL;
	memcpy(s, dir, dirlen);
	s[dirlen] = '/';
	memcpy(s + dirlen + 1, name, nlen + 1);
	return s;
}

/* Open name as ld's INCLUDE looks for it: absolute as it is; else in the
 * including file's directory, the working directory, then opts'
 * include_dirs; directories are passed over.  The descriptor, *path the
 * name that opened and *sb its fstat.  -1 if none did: *path NULL; or
 * when the first file found is no regular file (a FIFO, a device), which
 * is never opened blocking and never read, *path its name and sb->st_mode
 * what it is; or when memory ran out, *oom. */
static int ls_open_include(ls_parser *p, const char *name, char **path,
			   struct stat *sb, bool *oom)
{
	const char *from = p->script->bufs[p->lx->buf].path;
	const char *slash = strrchr(from, '/');
	size_t i, k, ndirs = p->opts ? p->opts->ninclude_dirs : 0;

	*oom = false;
	*path = NULL;
	for (k = 0; k < 3 + ndirs; k++) {
		char *cand;
		int fd, errnum;

		if (name[0] == '/' && k > 0)
			break;
		if (name[0] == '/' || k == 1 || (k == 0 && !slash)) {
			cand = strdup(name);
		} else if (k == 0) {
			cand = ls_join(from, (size_t)(slash - from), name);
		} else if (k == 2) {
			continue;
		} else {
			const char *d = p->opts->include_dirs[k - 3];

			if (!d)
				continue;
			i = strlen(d);
			cand = ls_join(d, i, name);
		}
		if (!cand) {
			*oom = true;
			return -1;
		}
		fd = infile_open(cand, sb, &errnum);
		if (fd >= 0 || (!errnum && !S_ISDIR(sb->st_mode))) {
			*path = cand;
			return fd;
		}
		free(cand);
	}
	return -1;
}

/* Add a buffer to the script; it owns path and text from then on. */
static bool ls_add_buffer(ls_parser *p, char *path, char *text, size_t len,
			  uint32_t *index)
{
	ls_script *s = p->script;
	ls_buffer *b = ls_grow(s->bufs, s->nbufs, sizeof(*b));

	if (!b || s->nbufs >= UINT32_MAX) {
		free(path);
		free(text);
		return false;
	}
	s->bufs = b;
	b[s->nbufs] = (ls_buffer){path, text, len};
	*index = (uint32_t)s->nbufs++;
	return true;
}

/* "a.ld -> b.ld -> a.ld", starting at the chain's entry k; malloc'ed,
 * NULL when memory runs out. */
static char *ls_cycle_msg(const ls_parser *p, unsigned k, const char *path)
{
	char *msg = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&msg, &len);

	if (!f)
		return NULL;
	for (unsigned i = k; i < p->ninc; i++)
		fprintf(f, "%s -> ", p->incs[i].path);
	fputs(path, f);
	bool bad = ferror(f);
	if (fclose(f) != 0 || bad) {
		free(msg);
		return NULL;
	}
	return msg;
}

/* The buffer that already holds the file sb, or -1. */
static int64_t ls_read_before(const ls_parser *p, const struct stat *sb)
{
	for (size_t k = 0; k < p->nreads; k++)
		if (p->reads[k].dev == sb->st_dev &&
		    p->reads[k].ino == sb->st_ino)
			return p->reads[k].buf;
	return -1;
}

/* The text of the INCLUDEd file fd (its fstat in sb) in a buffer of the
 * script: the one that holds it already, else a new one; within the
 * limits on INCLUDEs and bytes, which are reported at kw.  Takes path. */
static bool ls_include_buffer(ls_parser *p, const ls_token *kw, char *path,
			      int fd, const struct stat *sb, uint32_t *buf)
{
	uint64_t room =
	    p->bytes < LS_MAX_SCRIPT_BYTES ? LS_MAX_SCRIPT_BYTES - p->bytes : 0;
	int64_t before = ls_read_before(p, sb);
	char *text = NULL;
	size_t len = 0;
	ls_read *r;
	int rc = 0;

	if (p->nincludes >= LS_MAX_INCLUDES) {
		ls_fail(p, kw,
			"INCLUDE file '%s': more than %d INCLUDEs in one "
			"script (each INCLUDE counts, also of a file included "
			"before)",
			path, LS_MAX_INCLUDES);
		goto fail;
	}
	if (before < 0 && (uint64_t)sb->st_size > LS_MAX_FILE_BYTES) {
		ls_fail(p, kw, "INCLUDE file '%s' is larger than %u MiB", path,
			LS_MAX_FILE_BYTES >> 20);
		goto fail;
	}
	if (before >= 0) {
		*buf = (uint32_t)before;
		len = p->script->bufs[*buf].len;
		if (len > room)
			rc = EFBIG;
	} else {
		rc = ls_read_fd(fd, sb, (size_t)room, &text, &len);
	}
	if (rc == EFBIG) {
		ls_fail(p, kw,
			"INCLUDE file '%s': the script and its INCLUDEs pass "
			"%u MiB (each INCLUDE counts, also of a file included "
			"before)",
			path, LS_MAX_SCRIPT_BYTES >> 20);
		goto fail;
	}
	if (rc) {
		ls_fail(p, kw, "cannot read INCLUDE file '%s': %s", path,
			strerror(rc));
		goto fail;
	}
	p->nincludes++;
	p->bytes += len;
	if (before >= 0) {
		free(path);
		return true;
	}
	r = ls_grow(p->reads, p->nreads, sizeof(*r));
	if (!r) {
		free(path);
		free(text);
		return ls_oom(p);
	}
	p->reads = r;
	if (!ls_add_buffer(p, path, text, len, buf)) /* it freed them */
		return ls_oom(p);
	r[p->nreads++] = (ls_read){sb->st_dev, sb->st_ino, *buf};
	return true;
fail:
	free(path);
	return false;
}

/* Parse the file's lines into the target list, as if they stood in place
 * of the INCLUDE. */
static bool ls_splice(ls_parser *p, const ls_token *kw, char *path, int fd,
		      const struct stat *sb, const ls_target *tg)
{
	char *chain;
	uint32_t buf;
	unsigned k;
	ls_lexer lx, *outer = p->lx;
	const char *file;
	const ls_buffer *b;
	bool ok;

	for (k = 0; k < p->ninc; k++) {
		if (p->incs[k].has_id && p->incs[k].dev == sb->st_dev &&
		    p->incs[k].ino == sb->st_ino) {
			chain = ls_cycle_msg(p, k, path);
			free(path);
			if (!chain)
				return ls_oom(p);
			ls_fail(p, kw, "INCLUDE cycle: %s", chain);
			free(chain);
			return false;
		}
	}
	if (p->ninc > LS_MAX_INCLUDE_DEPTH) {
		free(path);
		return ls_fail(p, kw, "INCLUDE nested more than %d levels deep",
			       LS_MAX_INCLUDE_DEPTH);
	}
	/* Locations name the file as this INCLUDE found it. */
	file = ls_files_intern(&p->files, path, strlen(path));
	if (!file) {
		free(path);
		return ls_oom(p);
	}
	if (!ls_include_buffer(p, kw, path, fd, sb, &buf))
		return false;
	b = &p->script->bufs[buf];
	if (!ls_lex_check_text(b->text, b->len, file, p->err))
		return false;
	p->incs[p->ninc++] = (ls_include){true, sb->st_dev, sb->st_ino, file};
	ls_lex_init(&lx, &p->files, buf, b->text, (uint32_t)b->len, file);
	p->lx = &lx;
	switch (tg->ctx) {
	case LS_CTX_SCRIPT:
		ok = ls_p_script_cmds(p, tg->cmds, tg->ncmds);
		break;
	case LS_CTX_SECTIONS:
		ok = ls_p_sections_cmds(p, tg->cmds, tg->ncmds, false);
		break;
	case LS_CTX_MEMORY:
		ok = ls_p_regions(p, tg->regions, tg->nregions, false);
		break;
	default:
		ok = ls_p_sec_cmds(p, tg->scmds, tg->nscmds, false);
		break;
	}
	p->lx = outer;
	p->ninc--;
	return ok;
}

/* INCLUDE file: a LS_CMD_NAMED marker (args: the name as written, the path
 * that was read) where the list holds commands, then the file's lines. */
static bool ls_p_include(ls_parser *p, const ls_target *tg)
{
	ls_token kw = *ls_next_m(p, LS_LEX_SCRIPT);
	ls_loc loc = ls_loc_of(p, &kw);
	char *name = NULL, *path = NULL;
	struct stat sb;
	bool oom, ok;
	int fd;

	if (!ls_take_name(p, LS_LEX_WILD, "a file name after INCLUDE", &name,
			  NULL))
		return false;
	ls_semicolon(p);
	ls_loc_end(p, &loc);
	fd = ls_open_include(p, name, &path, &sb, &oom);
	if (fd < 0) {
		if (oom)
			ls_oom(p);
		else if (path)
			ls_fail(p, &kw,
				"INCLUDE file '%s' is %s, not a regular file",
				path, infile_kind(sb.st_mode));
		else
			ls_fail(p, &kw, "cannot find INCLUDE file '%s'", name);
		free(path);
		free(name);
		return false;
	}
	ok = true;
	if (tg->ctx == LS_CTX_SCRIPT || tg->ctx == LS_CTX_SECTIONS) {
		ls_cmd *c = ls_push(p, tg->cmds, tg->ncmds, sizeof(*c));

		if (c) {
			c->kind = LS_CMD_NAMED;
			c->loc = loc;
			c->keyword = ls_dup(p, "INCLUDE", 7);
		}
		ok = c && c->keyword &&
		     ls_push_str(p, &c->args, &c->nargs, name, strlen(name)) &&
		     ls_push_str(p, &c->args, &c->nargs, path, strlen(path));
	}
	if (ok)
		ok = ls_splice(p, &kw, path, fd, &sb, tg);
	else
		free(path);
	close(fd);
	free(name);
	return ok;
}

/* ---- Output section descriptions ---- */

static const struct {
	const char *name;
	unsigned bit;
} ls_sorts[] = {
    {"SORT", LS_SORT_BY_NAME},
    {"SORT_BY_NAME", LS_SORT_BY_NAME},
    {"SORT_BY_ALIGNMENT", LS_SORT_BY_ALIGNMENT},
    {"SORT_BY_INIT_PRIORITY", LS_SORT_BY_INIT_PRIORITY},
    {"SORT_NONE", LS_SORT_NONE_KEYWORD},
    {"REVERSE", LS_SORT_REVERSE},
};

/* The ls_sort bit of a SORT_* or REVERSE keyword followed by '(', else 0. */
static unsigned ls_at_sort(ls_parser *p)
{
	const ls_token *t = ls_peek_m(p, LS_LEX_WILD);
	size_t k;

	if (t->kind != LS_TOK_WORD || t->len < 4)
		return 0;
	for (k = 0; k < sizeof(ls_sorts) / sizeof(ls_sorts[0]); k++)
		if (ls_is_word(t, ls_sorts[k].name))
			return ls_at_call(p, LS_LEX_WILD, ls_sorts[k].name)
				   ? ls_sorts[k].bit
				   : 0;
	return 0;
}

/* '(' name ... ')' of EXCLUDE_FILE, the current token at the keyword. */
static bool ls_p_exclude(ls_parser *p, char ***v, size_t *n)
{
	const ls_token *t;

	ls_next_m(p, LS_LEX_WILD);
	ls_next_m(p, LS_LEX_WILD); /* '(' */
	for (;;) {
		t = ls_peek_m(p, LS_LEX_WILD);
		if (ls_is_punct(t, ',')) {
			ls_next_m(p, LS_LEX_WILD);
			continue;
		}
		if (ls_is_punct(t, ')') && *n > 0)
			break;
		if (!ls_is_name(t))
			return ls_expected(
			    p, t,
			    *n ? "a file name pattern or ')' in EXCLUDE_FILE"
			       : "a file name pattern in EXCLUDE_FILE");
		if (!ls_push_str(p, v, n, t->text, t->len))
			return false;
		ls_next_m(p, LS_LEX_WILD);
	}
	ls_next_m(p, LS_LEX_WILD);
	return true;
}

/* The text inside '(' ... ')' as it is written: memory region attributes,
 * INPUT_SECTION_FLAGS.  The current token is '('. */
static bool ls_p_raw_parens(ls_parser *p, char **out, ls_loc *loc,
			    const char *what)
{
	const ls_token *t;
	uint32_t from = 0, to = 0;
	bool any = false;

	ls_next_m(p, LS_LEX_WILD);
	for (;;) {
		t = ls_peek_m(p, LS_LEX_WILD);
		if (ls_is_punct(t, ')'))
			break;
		if (t->kind == LS_TOK_EOF || t->kind == LS_TOK_ERROR ||
		    (t->kind == LS_TOK_PUNCT && t->op != ','))
			return ls_expected(p, t, what);
		if (!any) {
			from = t->offset;
			*loc = ls_loc_of(p, t);
			any = true;
		}
		to = t->end;
		ls_next_m(p, LS_LEX_WILD);
	}
	if (!any) {
		*loc = ls_loc_of(p, t);
		from = to = t->offset;
	}
	ls_next_m(p, LS_LEX_WILD);
	loc->offset = from;
	loc->end = to;
	*out = ls_dup(p, p->lx->s + from, to - from);
	return *out != NULL;
}

/* FILE pattern with its SORT and EXCLUDE_FILE wrappers. */
static bool ls_p_file_spec(ls_parser *p, ls_input *in)
{
	const ls_token *t = ls_peek_m(p, LS_LEX_WILD);
	ls_token kw = *t;
	unsigned bit = ls_at_sort(p);
	bool ok;

	if (bit || ls_at_call(p, LS_LEX_WILD, "EXCLUDE_FILE")) {
		if (!ls_enter(p, &kw))
			return false;
		if (bit & (LS_SORT_BY_ALIGNMENT | LS_SORT_BY_INIT_PRIORITY |
			   LS_SORT_REVERSE)) {
			/* GNU ld 2.40: "syntax error" (binutils' align3.t). */
			p->nest--;
			return ls_fail(p, &kw,
				       "%.*s cannot sort file names: GNU ld "
				       "takes only SORT, SORT_BY_NAME or "
				       "SORT_NONE around a file pattern (and "
				       "refuses the script; lld 14 accepts "
				       "it)",
				       (int)kw.len, p->lx->s + kw.offset);
		}
		if (bit) {
			in->file_sort |= bit;
			ls_next_m(p, LS_LEX_WILD);
			ls_next_m(p, LS_LEX_WILD);
			ok = ls_p_file_spec(p, in) &&
			     ls_expect(p, LS_LEX_WILD, ')',
				       "')' to close the sorted file pattern");
		} else {
			ok = ls_p_exclude(p, &in->exclude_files,
					  &in->nexclude_files) &&
			     ls_p_file_spec(p, in);
		}
		p->nest--;
		return ok;
	}
	t = ls_peek_m(p, LS_LEX_WILD); /* the lookahead moved on */
	if (!ls_is_name(t))
		return ls_expected(p, t, "an input section description");
	in->file_glob = ls_dup(p, t->text, t->len);
	if (!in->file_glob)
		return false;
	ls_next_m(p, LS_LEX_WILD);
	return true;
}

/* Section patterns up to (not including) the ')' that closes them. */
static bool ls_p_patterns(ls_parser *p, ls_input *in, unsigned sort)
{
	for (;;) {
		const ls_token *t = ls_peek_m(p, LS_LEX_WILD);
		ls_token kw = *t;
		ls_section_pattern *pat;
		unsigned bit;
		bool ok;

		if (ls_is_punct(t, ')'))
			return true;
		if (ls_is_punct(t, ',')) {
			ls_next_m(p, LS_LEX_WILD);
			continue;
		}
		bit = ls_at_sort(p);
		if (bit) {
			if (!ls_enter(p, &kw))
				return false;
			ls_next_m(p, LS_LEX_WILD);
			ls_next_m(p, LS_LEX_WILD);
			ok = ls_p_patterns(p, in, sort | bit) &&
			     ls_expect(p, LS_LEX_WILD, ')', "')'");
			p->nest--;
			if (!ok)
				return false;
			continue;
		}
		t = ls_peek_m(p, LS_LEX_WILD); /* the lookahead moved on */
		if (!ls_is_name(t))
			return ls_expected(p, t,
					   "a section name pattern or ')'");
		pat = ls_push(p, &in->patterns, &in->npatterns, sizeof(*pat));
		if (!pat)
			return false;
		pat->sort = sort;
		if (ls_at_call(p, LS_LEX_WILD, "EXCLUDE_FILE")) {
			/* It applies to the one pattern after it. */
			if (!ls_p_exclude(p, &pat->exclude_files,
					  &pat->nexclude_files))
				return false;
			t = ls_peek_m(p, LS_LEX_WILD);
			if (!ls_is_name(t))
				return ls_expected(p, t,
						   "a section name pattern "
						   "after EXCLUDE_FILE(...)");
		}
		t = ls_peek_m(p, LS_LEX_WILD);
		pat->glob = ls_dup(p, t->text, t->len);
		if (!pat->glob)
			return false;
		ls_next_m(p, LS_LEX_WILD);
	}
}

/* [INPUT_SECTION_FLAGS(...)] FILE [(SECTIONS...)] */
static bool ls_p_input(ls_parser *p, ls_input *in)
{
	ls_loc floc;
	ls_token open;

	if (ls_at_call(p, LS_LEX_WILD, "INPUT_SECTION_FLAGS")) {
		ls_next_m(p, LS_LEX_WILD);
		if (!ls_p_raw_parens(p, &in->flags, &floc,
				     "')' to close INPUT_SECTION_FLAGS("))
			return false;
	}
	if (!ls_p_file_spec(p, in))
		return false;
	if (!ls_is_punct(ls_peek_m(p, LS_LEX_WILD), '('))
		return true; /* a file name alone: all its sections */
	open = *ls_next_m(p, LS_LEX_WILD);
	if (!ls_enter(p, &open))
		return false;
	if (!ls_p_patterns(p, in, 0) ||
	    !ls_expect(p, LS_LEX_WILD, ')',
		       "')' to close the section pattern list"))
		return false;
	p->nest--;
	return true;
}

/* KEEP(input section descriptions) */
static bool ls_p_keep(ls_parser *p, ls_sec_cmd **v, size_t *n)
{
	ls_token kw = *ls_next_m(p, LS_LEX_SCRIPT);
	ls_loc loc = ls_loc_of(p, &kw);
	size_t first = *n;

	if (!ls_expect(p, LS_LEX_WILD, '(', "'(' after KEEP") ||
	    !ls_enter(p, &kw))
		return false;
	do {
		const ls_token *t = ls_peek_m(p, LS_LEX_WILD);
		ls_sec_cmd *c = ls_push(p, v, n, sizeof(*c));

		if (!c)
			return false;
		c->kind = LS_SC_INPUT;
		c->loc = ls_loc_of(p, t);
		c->u.input.keep = true;
		if (!ls_p_input(p, &c->u.input))
			return false;
		ls_loc_end(p, &c->loc);
	} while (!ls_is_punct(ls_peek_m(p, LS_LEX_WILD), ')'));
	ls_next_m(p, LS_LEX_WILD);
	p->nest--;
	ls_semicolon(p);
	/* The usual KEEP of one description is that command as a whole. */
	if (*n - first == 1) {
		ls_loc_end(p, &loc);
		(*v)[first].loc = loc;
	}
	return true;
}

static const struct {
	const char *name;
	unsigned size;
	bool is_signed;
} ls_data_cmds[] = {
    {"BYTE", 1, false}, {"SHORT", 2, false}, {"LONG", 4, false},
    {"QUAD", 8, false}, {"SQUAD", 8, true},
};

/* One command inside an output section description. */
static bool ls_p_sec_cmd(ls_parser *p, ls_sec_cmd **v, size_t *n)
{
	ls_token t = *ls_peek_m(p, LS_LEX_SCRIPT);
	ls_target tg = {.ctx = LS_CTX_SECTION, .scmds = v, .nscmds = n};
	ls_sec_cmd *c;
	size_t k;

	if (ls_is_word(&t, "KEEP"))
		return ls_p_keep(p, v, n);
	if (ls_is_word(&t, "INCLUDE"))
		return ls_p_include(p, &tg);
	c = ls_push(p, v, n, sizeof(*c));
	if (!c)
		return false;
	c->loc = ls_loc_of(p, &t);
	if (ls_at_provide(&t)) {
		c->kind = LS_SC_ASSIGN;
		return ls_p_provide(p, &c->u.assign, &c->loc);
	}
	if (ls_is_word(&t, "ASSERT")) {
		c->kind = LS_SC_ASSERT;
		return ls_p_assert(p, &c->u.assert_, &c->loc);
	}
	for (k = 0; k < sizeof(ls_data_cmds) / sizeof(ls_data_cmds[0]); k++) {
		if (!ls_is_word(&t, ls_data_cmds[k].name))
			continue;
		c->kind = LS_SC_DATA;
		c->u.data.size = ls_data_cmds[k].size;
		c->u.data.is_signed = ls_data_cmds[k].is_signed;
		if (!ls_p_paren_expr(p, NULL, &c->u.data.value, NULL))
			return false;
		ls_semicolon(p);
		ls_loc_end(p, &c->loc);
		return true;
	}
	if (ls_is_word(&t, "FILL")) {
		c->kind = LS_SC_FILL;
		if (!ls_p_paren_expr(p, NULL, &c->u.fill, NULL))
			return false;
		ls_semicolon(p);
		ls_loc_end(p, &c->loc);
		return true;
	}
	if (ls_is_word(&t, "ASCIZ")) {
		const ls_token *s;

		c->kind = LS_SC_ASCIZ;
		ls_next_m(p, LS_LEX_SCRIPT);
		s = ls_peek_m(p, LS_LEX_SCRIPT);
		if (s->kind != LS_TOK_STRING)
			return ls_expected(p, s, "a string after ASCIZ");
		c->u.asciz = ls_dup(p, s->text, s->len);
		if (!c->u.asciz)
			return false;
		ls_next_m(p, LS_LEX_SCRIPT);
		ls_semicolon(p);
		ls_loc_end(p, &c->loc);
		return true;
	}
	if (ls_is_word(&t, "CREATE_OBJECT_SYMBOLS") ||
	    ls_is_word(&t, "CONSTRUCTORS") ||
	    ls_is_word(&t, "LINKER_VERSION")) {
		c->kind = LS_SC_KEYWORD;
		c->u.keyword = ls_dup(p, t.text, t.len);
		if (!c->u.keyword)
			return false;
		ls_next_m(p, LS_LEX_SCRIPT);
		ls_semicolon(p);
		ls_loc_end(p, &c->loc);
		return true;
	}
	if (ls_at_assignment(p)) {
		c->kind = LS_SC_ASSIGN;
		return ls_p_assign(p, &c->u.assign, &c->loc);
	}
	c->kind = LS_SC_INPUT;
	c->loc = ls_loc_of(p, ls_peek_m(p, LS_LEX_WILD));
	if (!ls_p_input(p, &c->u.input))
		return false;
	ls_semicolon(p);
	ls_loc_end(p, &c->loc);
	return true;
}

/* The commands of an output section up to its '}' (braced) or the end of
 * an INCLUDEd file. */
static bool ls_p_sec_cmds(ls_parser *p, ls_sec_cmd **v, size_t *n, bool braced)
{
	for (;;) {
		const ls_token *t = ls_peek_m(p, LS_LEX_SCRIPT);

		switch (ls_list_end(p, t, braced,
				    "'}' to close the output section")) {
		case 1:
			return true;
		case -1:
			return false;
		}
		if (ls_is_punct(t, ';')) {
			ls_next_m(p, LS_LEX_SCRIPT);
			continue;
		}
		if (!ls_p_sec_cmd(p, v, n))
			return false;
	}
}

/* The part after '}': >region AT>region :phdr... =fill [,] */
typedef struct ls_tail {
	char **region;
	ls_loc *region_loc;
	char **lma_region;
	ls_loc *lma_region_loc;
	char ***phdrs;
	size_t *nphdrs;
	bool *has_fill;
	ls_expr *fill;
} ls_tail;

/* At "AT>region" (rather than a section named AT). */
static bool ls_at_lma_region(ls_parser *p)
{
	ls_token t = ls_peek2(p, LS_LEX_SCRIPT, LS_LEX_SCRIPT);

	return ls_is_punct(&t, '>');
}

/* Take a name after '>', 'AT>' or ':' of a tail. */
static bool ls_p_tail_name(ls_parser *p, const ls_owner *owner,
			   const char *after, char **out, ls_loc *loc)
{
	const ls_token *t = ls_peek_m(p, LS_LEX_SCRIPT);
	char buf[LS_OWNER_LEN];

	if (!ls_is_name(t))
		return ls_expected_f(
		    p, t, "a %s name after '%s' in %s",
		    after[0] == ':' ? "program header" : "memory region", after,
		    ls_owner_str(owner, buf, sizeof(buf)));
	return ls_take_name(p, LS_LEX_SCRIPT, "a name", out, loc);
}

static bool ls_p_tail(ls_parser *p, const ls_tail *tl, const ls_owner *owner)
{
	char buf[LS_OWNER_LEN];

	for (;;) {
		ls_token tok = *ls_peek_m(p, LS_LEX_SCRIPT);
		const ls_token *t = &tok; /* kept across the lookahead */

		if (ls_is_punct(t, '>') && tl->region) {
			if (*tl->region)
				return ls_fail(
				    p, t, "duplicate '>region' in %s",
				    ls_owner_str(owner, buf, sizeof(buf)));
			ls_next_m(p, LS_LEX_SCRIPT);
			if (!ls_p_tail_name(p, owner, ">", tl->region,
					    tl->region_loc))
				return false;
		} else if (ls_is_word(t, "AT") && tl->lma_region &&
			   ls_at_lma_region(p)) {
			if (*tl->lma_region)
				return ls_fail(
				    p, t, "duplicate 'AT>region' in %s",
				    ls_owner_str(owner, buf, sizeof(buf)));
			ls_next_m(p, LS_LEX_SCRIPT);
			ls_next_m(p, LS_LEX_SCRIPT);
			if (!ls_p_tail_name(p, owner, "AT>", tl->lma_region,
					    tl->lma_region_loc))
				return false;
		} else if (ls_is_punct(t, ':')) {
			char *name = NULL;

			ls_next_m(p, LS_LEX_SCRIPT);
			if (!ls_p_tail_name(p, owner, ":", &name, NULL))
				return false;
			if (!ls_push_str(p, tl->phdrs, tl->nphdrs, name,
					 strlen(name))) {
				free(name);
				return false;
			}
			free(name);
		} else if (ls_is_punct(t, '=')) {
			if (*tl->has_fill)
				return ls_fail(
				    p, t, "duplicate '=fill' in %s",
				    ls_owner_str(owner, buf, sizeof(buf)));
			ls_next_m(p, LS_LEX_SCRIPT);
			if (!ls_p_expr(p, tl->fill))
				return false;
			*tl->has_fill = true;
		} else {
			if (ls_is_punct(t, ','))
				ls_next_m(p, LS_LEX_SCRIPT);
			return true;
		}
	}
}

static const struct {
	const char *name;
	ls_section_type type;
} ls_types[] = {
    {"NOLOAD", LS_TYPE_NOLOAD},	  {"DSECT", LS_TYPE_DSECT},
    {"COPY", LS_TYPE_COPY},	  {"INFO", LS_TYPE_INFO},
    {"OVERLAY", LS_TYPE_OVERLAY}, {"READONLY", LS_TYPE_READONLY},
    {"TYPE", LS_TYPE_TYPE},
};

/* At '(' of "(NOLOAD)", "(TYPE = ...)", ... rather than of an address. */
static bool ls_at_type(ls_parser *p)
{
	ls_token t;
	size_t k;

	if (!ls_is_punct(ls_peek_m(p, LS_LEX_EXPR), '('))
		return false;
	t = ls_peek2(p, LS_LEX_EXPR, LS_LEX_SCRIPT);
	for (k = 0; k < sizeof(ls_types) / sizeof(ls_types[0]); k++)
		if (ls_is_word(&t, ls_types[k].name))
			return true;
	return false;
}

/* TYPE = expr, the current token at TYPE.  The SHT_ names ld knows become
 * numbers; other names stay symbols. */
static bool ls_p_type_value(ls_parser *p, ls_output_section *o)
{
	ls_next_m(p, LS_LEX_SCRIPT);
	if (!ls_expect(p, LS_LEX_EXPR, '=', "'=' after TYPE") ||
	    !ls_p_expr(p, &o->type_value))
		return false;
	return ls_name_to_number(p, &o->type_value, ls_sht_names) >= 0;
}

/* '(' type ')' */
static bool ls_p_type(ls_parser *p, ls_output_section *o)
{
	ls_token t;
	size_t k;

	ls_next_m(p, LS_LEX_EXPR);
	t = *ls_peek_m(p, LS_LEX_SCRIPT);
	for (k = 0; k < sizeof(ls_types) / sizeof(ls_types[0]); k++)
		if (ls_is_word(&t, ls_types[k].name))
			break;
	o->type = ls_types[k].type;
	if (o->type == LS_TYPE_TYPE) {
		if (!ls_p_type_value(p, o))
			return false;
	} else {
		ls_next_m(p, LS_LEX_SCRIPT);
		if (o->type == LS_TYPE_READONLY &&
		    ls_accept(p, LS_LEX_EXPR, '(')) {
			t = *ls_peek_m(p, LS_LEX_SCRIPT);
			if (!ls_is_word(&t, "TYPE"))
				return ls_expected(p, &t,
						   "TYPE after 'READONLY ('");
			o->type = LS_TYPE_READONLY_TYPE;
			if (!ls_p_type_value(p, o) ||
			    !ls_expect(p, LS_LEX_EXPR, ')',
				       "')' to close 'READONLY ('"))
				return false;
		}
	}
	return ls_expect(p, LS_LEX_EXPR, ')',
			 "')' to close the output section type");
}

/* name [address] [(type)] : [AT(lma)] [ALIGN(a) | ALIGN_WITH_INPUT]
 * [SUBALIGN(a)] [constraint] { commands } tail; in an OVERLAY only
 * name { commands } [:phdr...] [=fill]. */
static bool ls_p_output_section(ls_parser *p, ls_output_section *o,
				bool in_overlay)
{
	const ls_token *t;
	ls_owner owner = {"output section", NULL};
	char buf[LS_OWNER_LEN];
	ls_tail tl = {.phdrs = &o->phdrs,
		      .nphdrs = &o->nphdrs,
		      .has_fill = &o->has_fill,
		      .fill = &o->fill};

	if (!ls_take_name(p, LS_LEX_SCRIPT, "an output section name", &o->name,
			  &o->loc))
		return false;
	owner.name = o->name;
	if (!in_overlay) {
		ls_token first = *ls_peek_m(p, LS_LEX_EXPR);

		t = &first; /* kept across the lookahead of ls_at_type */
		if (!ls_is_punct(t, ':') && !ls_at_type(p)) {
			if (!ls_e_starts(t))
				return ls_expected_f(
				    p, t, "':' after the name of %s",
				    ls_owner_str(&owner, buf, sizeof(buf)));
			if (!ls_p_expr(p, &o->address))
				return false;
			o->has_address = true;
		}
		if (ls_at_type(p) && !ls_p_type(p, o))
			return false;
		t = ls_peek_m(p, LS_LEX_EXPR);
		if (!ls_is_punct(t, ':'))
			return ls_expected_f(
			    p, t, "':' in the description of %s",
			    ls_owner_str(&owner, buf, sizeof(buf)));
		ls_next_m(p, LS_LEX_EXPR);
		for (;;) {
			t = ls_peek_m(p, LS_LEX_SCRIPT);
			if (ls_is_word(t, "AT")) {
				if (!ls_p_paren_expr(p, &o->has_at, &o->at,
						     &owner))
					return false;
			} else if (ls_is_word(t, "ALIGN")) {
				if (!ls_p_paren_expr(p, &o->has_align,
						     &o->align, &owner))
					return false;
			} else if (ls_is_word(t, "SUBALIGN")) {
				if (!ls_p_paren_expr(p, &o->has_subalign,
						     &o->subalign, &owner))
					return false;
			} else if (ls_is_word(t, "ALIGN_WITH_INPUT")) {
				o->align_with_input = true;
				ls_next_m(p, LS_LEX_SCRIPT);
			} else if (ls_is_word(t, "ONLY_IF_RO")) {
				o->constraint = LS_ONLY_IF_RO;
				ls_next_m(p, LS_LEX_SCRIPT);
			} else if (ls_is_word(t, "ONLY_IF_RW")) {
				o->constraint = LS_ONLY_IF_RW;
				ls_next_m(p, LS_LEX_SCRIPT);
			} else if (ls_is_word(t, "SPECIAL")) {
				o->constraint = LS_SPECIAL;
				ls_next_m(p, LS_LEX_SCRIPT);
			} else {
				break;
			}
		}
		tl.region = &o->region;
		tl.region_loc = &o->region_loc;
		tl.lma_region = &o->lma_region;
		tl.lma_region_loc = &o->lma_region_loc;
	}
	t = ls_peek_m(p, LS_LEX_SCRIPT);
	if (!ls_is_punct(t, '{'))
		return ls_expected_f(p, t, "'{' to open %s",
				     ls_owner_str(&owner, buf, sizeof(buf)));
	if (!ls_enter(p, t))
		return false;
	ls_next_m(p, LS_LEX_SCRIPT);
	if (!ls_p_sec_cmds(p, &o->cmds, &o->ncmds, true))
		return false;
	p->nest--;
	return ls_p_tail(p, &tl, &owner);
}

/* OVERLAY [start] : [NOCROSSREFS] [AT(lma)] { sections } tail */
static bool ls_p_overlay(ls_parser *p, ls_overlay *o)
{
	const ls_token *t;
	ls_tail tl = {.region = &o->region,
		      .lma_region = &o->lma_region,
		      .phdrs = &o->phdrs,
		      .nphdrs = &o->nphdrs,
		      .has_fill = &o->has_fill,
		      .fill = &o->fill};

	ls_next_m(p, LS_LEX_SCRIPT);
	t = ls_peek_m(p, LS_LEX_EXPR);
	if (!ls_is_punct(t, ':')) {
		if (!ls_e_starts(t))
			return ls_expected(p, t, "':' after OVERLAY");
		if (!ls_p_expr(p, &o->start))
			return false;
		o->has_start = true;
	}
	if (!ls_expect(p, LS_LEX_EXPR, ':', "':' in the OVERLAY description"))
		return false;
	for (;;) {
		t = ls_peek_m(p, LS_LEX_SCRIPT);
		if (ls_is_word(t, "NOCROSSREFS")) {
			o->nocrossrefs = true;
			ls_next_m(p, LS_LEX_SCRIPT);
		} else if (ls_is_word(t, "AT")) {
			if (!ls_p_paren_expr(p, &o->has_at, &o->at,
					     &(ls_owner){"OVERLAY", NULL}))
				return false;
		} else {
			break;
		}
	}
	if (!ls_is_punct(t, '{'))
		return ls_expected(p, t, "'{' to open OVERLAY");
	if (!ls_enter(p, t))
		return false;
	ls_next_m(p, LS_LEX_SCRIPT);
	for (;;) {
		ls_output_section *s;

		t = ls_peek_m(p, LS_LEX_SCRIPT);
		if (ls_is_punct(t, '}'))
			break;
		if (ls_is_punct(t, ';')) {
			ls_next_m(p, LS_LEX_SCRIPT);
			continue;
		}
		if (!ls_is_name(t))
			return ls_expected(
			    p, t, "an overlay section name or '}' in OVERLAY");
		s = ls_push(p, &o->sections, &o->nsections, sizeof(*s));
		if (!s || !ls_p_output_section(p, s, true))
			return false;
	}
	ls_next_m(p, LS_LEX_SCRIPT);
	p->nest--;
	return ls_p_tail(p, &tl, &(ls_owner){"OVERLAY", NULL});
}

/* The commands of SECTIONS up to its '}' (braced) or the end of an
 * INCLUDEd file. */
static bool ls_p_sections_cmds(ls_parser *p, ls_cmd **v, size_t *n, bool braced)
{
	ls_target tg = {.ctx = LS_CTX_SECTIONS, .cmds = v, .ncmds = n};

	for (;;) {
		ls_token t = *ls_peek_m(p, LS_LEX_SCRIPT);
		ls_cmd *c;

		switch (ls_list_end(p, &t, braced, "'}' to close SECTIONS")) {
		case 1:
			return true;
		case -1:
			return false;
		}
		if (ls_is_punct(&t, ';')) {
			ls_next_m(p, LS_LEX_SCRIPT);
			continue;
		}
		if (ls_is_word(&t, "INCLUDE")) {
			if (!ls_p_include(p, &tg))
				return false;
			continue;
		}
		c = ls_push(p, v, n, sizeof(*c));
		if (!c)
			return false;
		c->loc = ls_loc_of(p, &t);
		if (ls_is_word(&t, "ENTRY") || ls_is_word(&t, "ASSERT") ||
		    ls_is_word(&t, "OVERLAY")) {
			c->keyword = ls_dup(p, t.text, t.len);
			if (!c->keyword)
				return false;
		}
		if (ls_at_provide(&t)) {
			c->kind = LS_CMD_ASSIGN;
			if (!ls_p_provide(p, &c->u.assign, &c->loc))
				return false;
		} else if (ls_is_word(&t, "ASSERT")) {
			c->kind = LS_CMD_ASSERT;
			if (!ls_p_assert(p, &c->u.assert_, &c->loc))
				return false;
		} else if (ls_is_word(&t, "ENTRY")) {
			c->kind = LS_CMD_ENTRY;
			if (!ls_p_named(p, c, ls_find_named(&t)))
				return false;
		} else if (ls_is_word(&t, "OVERLAY")) {
			c->kind = LS_CMD_OVERLAY;
			c->u.overlay = calloc(1, sizeof(*c->u.overlay));
			if (!c->u.overlay)
				return ls_oom(p);
			c->u.overlay->loc = c->loc;
			if (!ls_p_overlay(p, c->u.overlay))
				return false;
			ls_loc_end(p, &c->loc);
			c->u.overlay->loc = c->loc;
		} else if (ls_at_assignment(p)) {
			c->kind = LS_CMD_ASSIGN;
			if (!ls_p_assign(p, &c->u.assign, &c->loc))
				return false;
		} else {
			c->kind = LS_CMD_OUTPUT_SECTION;
			c->u.section = calloc(1, sizeof(*c->u.section));
			if (!c->u.section)
				return ls_oom(p);
			if (!ls_p_output_section(p, c->u.section, false))
				return false;
			ls_loc_end(p, &c->loc);
		}
	}
}

/* ---- MEMORY and PHDRS ---- */

static bool ls_at_any_word(const ls_token *t, const char *const *words)
{
	for (; *words; words++)
		if (ls_is_word(t, *words))
			return true;
	return false;
}

/* name [(attributes)] : ORIGIN = expr, LENGTH = expr */
static bool ls_p_region(ls_parser *p, ls_memory_region *r)
{
	static const char *const origin[] = {"ORIGIN", "org", "o", NULL};
	static const char *const length[] = {"LENGTH", "len", "l", NULL};
	const ls_token *t;

	if (!ls_take_name(p, LS_LEX_SCRIPT, "a memory region name", &r->name,
			  &r->loc))
		return false;
	if (ls_is_punct(ls_peek_m(p, LS_LEX_SCRIPT), '(') &&
	    !ls_p_raw_parens(p, &r->attributes, &r->attributes_loc,
			     "')' to close the memory region attributes"))
		return false;
	if (!ls_expect_f(p, LS_LEX_SCRIPT, ':',
			 "':' after memory region '%.*s'", LS_QUOTE_MAX,
			 r->name))
		return false;
	t = ls_peek_m(p, LS_LEX_SCRIPT);
	if (!ls_at_any_word(t, origin))
		return ls_expected_f(p, t, "ORIGIN in memory region '%.*s'",
				     LS_QUOTE_MAX, r->name);
	ls_next_m(p, LS_LEX_SCRIPT);
	if (!ls_expect(p, LS_LEX_SCRIPT, '=', "'=' after ORIGIN") ||
	    !ls_p_expr(p, &r->origin))
		return false;
	r->length_without_comma = !ls_accept(p, LS_LEX_SCRIPT, ',');
	t = ls_peek_m(p, LS_LEX_SCRIPT);
	if (!ls_at_any_word(t, length))
		return ls_expected_f(p, t, "LENGTH in memory region '%.*s'",
				     LS_QUOTE_MAX, r->name);
	ls_next_m(p, LS_LEX_SCRIPT);
	if (!ls_expect(p, LS_LEX_SCRIPT, '=', "'=' after LENGTH") ||
	    !ls_p_expr(p, &r->length))
		return false;
	ls_loc_end(p, &r->loc);
	return true;
}

static bool ls_p_regions(ls_parser *p, ls_memory_region **v, size_t *n,
			 bool braced)
{
	ls_target tg = {.ctx = LS_CTX_MEMORY, .regions = v, .nregions = n};
	/* GNU ld's grammar: regions with at most one ',' between two of
	 * them; any other ',' or ';' is a syntax error there.  last is the
	 * index of the region before, SIZE_MAX for none. */
	size_t last = SIZE_MAX;
	ls_token comma = {0};
	bool pending = false;

	for (;;) {
		const ls_token *t = ls_peek_m(p, LS_LEX_SCRIPT);
		ls_memory_region *r;

		switch (ls_list_end(p, t, braced, "'}' to close MEMORY")) {
		case 1:
			if (pending)
				return ls_fail(p, &comma,
					       "GNU ld refuses a ',' after the "
					       "last memory region (a syntax "
					       "error): remove it");
			return true;
		case -1:
			return false;
		}
		if (ls_is_punct(t, ';'))
			return ls_fail(p, t,
				       "GNU ld refuses ';' in MEMORY (a syntax "
				       "error): separate the regions by a "
				       "newline");
		if (ls_is_punct(t, ',')) {
			if (last == SIZE_MAX || pending)
				return ls_fail(p, t,
					       "GNU ld refuses this ',' in "
					       "MEMORY (a syntax error): one "
					       "may stand between two regions, "
					       "no more");
			comma = *t;
			pending = true;
			(*v)[last].comma_after = true;
			(*v)[last].comma_loc = ls_loc_of(p, t);
			ls_next_m(p, LS_LEX_SCRIPT);
			continue;
		}
		if (ls_is_word(t, "INCLUDE")) {
			if (!ls_p_include(p, &tg))
				return false;
			continue;
		}
		if (!ls_is_name(t))
			return ls_expected(p, t, "a memory region name or '}'");
		r = ls_push(p, v, n, sizeof(*r));
		if (!r || !ls_p_region(p, r))
			return false;
		last = *n - 1;
		pending = false;
	}
}

/* name type [FILEHDR] [PHDRS] [AT(expr)] [FLAGS(expr)] ; */
static bool ls_p_phdr(ls_parser *p, ls_phdr *ph)
{
	ls_owner owner = {"program header", NULL};
	char buf[LS_OWNER_LEN];
	const ls_token *t;

	if (!ls_take_name(p, LS_LEX_SCRIPT, "a program header name", &ph->name,
			  &ph->loc))
		return false;
	owner.name = ph->name;
	t = ls_peek_m(p, LS_LEX_EXPR);
	if (!ls_e_starts(t))
		return ls_expected_f(p, t, "a type (PT_LOAD, ...) for %s",
				     ls_owner_str(&owner, buf, sizeof(buf)));
	if (!ls_p_expr(p, &ph->type))
		return false;
	switch (ls_name_to_number(p, &ph->type, ls_pt_names)) {
	case -1:
		return false;
	case 0:
		return vl_fail(p->err, ph->type.loc.file, ph->type.loc.line,
			       ph->type.loc.column,
			       "unknown program header type '%.*s' in %s "
			       "(expected PT_LOAD, PT_NOTE, ... or a number)",
			       LS_QUOTE_MAX, ph->type.e->name,
			       ls_owner_str(&owner, buf, sizeof(buf)));
	default:
		break;
	}
	for (;;) {
		t = ls_peek_m(p, LS_LEX_SCRIPT);
		if (ls_is_word(t, "FILEHDR")) {
			ph->filehdr = true;
			ls_next_m(p, LS_LEX_SCRIPT);
		} else if (ls_is_word(t, "PHDRS")) {
			ph->phdrs = true;
			ls_next_m(p, LS_LEX_SCRIPT);
		} else if (ls_is_word(t, "AT")) {
			if (!ls_p_paren_expr(p, &ph->has_at, &ph->at, &owner))
				return false;
		} else if (ls_is_word(t, "FLAGS")) {
			if (!ls_p_paren_expr(p, &ph->has_flags, &ph->flags,
					     &owner))
				return false;
		} else if (ls_is_punct(t, ';')) {
			ls_next_m(p, LS_LEX_SCRIPT);
			ls_loc_end(p, &ph->loc);
			return true;
		} else {
			return ls_expected_f(
			    p, t, "FILEHDR, PHDRS, AT, FLAGS or ';' in %s",
			    ls_owner_str(&owner, buf, sizeof(buf)));
		}
	}
}

/* ---- Top level ---- */

/* Commands that take a list of names.  max ~0u: any number. */
struct ls_named_cmd {
	const char *name;
	unsigned min, max;
	bool files; /* may hold AS_NEEDED(...) */
	/* GNU ld's lexer reads a comma right after an unquoted name as
	 * part of it ("elf64-x86-64," is one name), and the command then
	 * fails: a syntax error, or an unknown target, architecture or
	 * region.  (Elsewhere the joined name is merely another name.) */
	bool comma_joins;
};

static const ls_named_cmd ls_named_cmds[] = {
    {"INPUT", 0, ~0u, true, false},
    {"GROUP", 0, ~0u, true, false},
    {"OUTPUT", 1, 1, false, false},
    {"OUTPUT_FORMAT", 1, 3, false, true},
    {"OUTPUT_ARCH", 1, 1, false, true},
    {"TARGET", 1, 1, false, true},
    {"SEARCH_DIR", 1, 1, false, false},
    {"STARTUP", 1, 1, false, false},
    {"EXTERN", 1, ~0u, false, false},
    {"NOCROSSREFS", 0, ~0u, false, false},
    {"NOCROSSREFS_TO", 1, ~0u, false, false},
    {"LD_FEATURE", 1, 1, false, false},
    {"ENTRY", 1, 1, false, false},
    {"REGION_ALIAS", 2, 2, false, true},
};

static const ls_named_cmd *ls_find_named(const ls_token *t)
{
	size_t k;

	for (k = 0; k < sizeof(ls_named_cmds) / sizeof(ls_named_cmds[0]); k++)
		if (ls_is_word(t, ls_named_cmds[k].name))
			return &ls_named_cmds[k];
	return NULL;
}

static const char *const ls_flag_cmds[] = {
    "FORCE_COMMON_ALLOCATION",
    "INHIBIT_COMMON_ALLOCATION",
    "FORCE_GROUP_ALLOCATION",
    NULL,
};

/* KEYWORD '(' names ')': the names into c->args; a name inside
 * AS_NEEDED(...) comes after an "AS_NEEDED" marker of its own. */
static bool ls_p_named(ls_parser *p, ls_cmd *c, const ls_named_cmd *nc)
{
	ls_token kw = *ls_next_m(p, LS_LEX_SCRIPT);
	bool as_needed = false;
	size_t count = 0;

	if (!ls_expect_f(p, LS_LEX_WILD, '(', "'(' after %s", nc->name))
		return false;
	for (;;) {
		const ls_token *t = ls_peek_m(p, LS_LEX_WILD);

		if (ls_is_punct(t, ')')) {
			ls_next_m(p, LS_LEX_WILD);
			if (!as_needed)
				break;
			as_needed = false;
			continue;
		}
		if (ls_is_punct(t, ',')) {
			ls_next_m(p, LS_LEX_WILD);
			continue;
		}
		if (nc->files && !as_needed &&
		    ls_at_call(p, LS_LEX_WILD, "AS_NEEDED")) {
			ls_next_m(p, LS_LEX_WILD);
			ls_next_m(p, LS_LEX_WILD);
			as_needed = true;
			continue;
		}
		t = ls_peek_m(p, LS_LEX_WILD); /* the lookahead moved on */
		if (!ls_is_name(t))
			return ls_expected_f(p, t, "a name or ')' in %s(...)",
					     nc->name);
		if (nc->comma_joins && t->kind == LS_TOK_WORD &&
		    t->end < p->lx->len && p->lx->s[t->end] == ',')
			return ls_fail(p, t,
				       "GNU ld reads '%.*s,' with its comma as "
				       "one name and refuses %s(...): quote "
				       "the names (\"%.*s\") or put a blank "
				       "before the comma",
				       (int)t->len, t->text, nc->name,
				       (int)t->len, t->text);
		if (as_needed &&
		    !ls_push_str(p, &c->args, &c->nargs, "AS_NEEDED", 9))
			return false;
		if (!ls_push_str(p, &c->args, &c->nargs, t->text, t->len))
			return false;
		count++;
		ls_next_m(p, LS_LEX_WILD);
	}
	if (count < nc->min || count > nc->max ||
	    (strcmp(nc->name, "OUTPUT_FORMAT") == 0 && count == 2)) {
		if (strcmp(nc->name, "OUTPUT_FORMAT") == 0)
			return ls_fail(p, &kw,
				       "OUTPUT_FORMAT takes 1 or 3 arguments, "
				       "found %zu",
				       count);
		if (nc->max == ~0u)
			return ls_fail(p, &kw,
				       "%s takes at least %u argument%s, found "
				       "%zu",
				       nc->name, nc->min,
				       nc->min == 1 ? "" : "s", count);
		return ls_fail(p, &kw, "%s takes %u argument%s, found %zu",
			       nc->name, nc->min, nc->min == 1 ? "" : "s",
			       count);
	}
	ls_semicolon(p);
	ls_loc_end(p, &c->loc);
	return true;
}

/* VERSION { ... }: a version script, skipped with its braces balanced. */
static bool ls_p_version(ls_parser *p, ls_cmd *c)
{
	unsigned depth = 1;

	ls_next_m(p, LS_LEX_SCRIPT);
	if (!ls_expect(p, LS_LEX_SCRIPT, '{', "'{' after VERSION"))
		return false;
	while (depth) {
		const ls_token *t = ls_peek_m(p, LS_LEX_WILD);

		if (t->kind == LS_TOK_EOF || t->kind == LS_TOK_ERROR)
			return ls_expected(p, t, "'}' to close VERSION");
		if (ls_is_punct(t, '{') && ++depth > LS_MAX_NESTING)
			return ls_fail(p, t,
				       "braces nested more than %d levels deep",
				       LS_MAX_NESTING);
		if (ls_is_punct(t, '}'))
			depth--;
		ls_next_m(p, LS_LEX_WILD);
	}
	ls_loc_end(p, &c->loc);
	return true;
}

/* One command at the top of a script. */
static bool ls_p_script_cmd(ls_parser *p, ls_cmd **v, size_t *n)
{
	ls_token t = *ls_peek_m(p, LS_LEX_SCRIPT);
	ls_target tg = {.ctx = LS_CTX_SCRIPT, .cmds = v, .ncmds = n};
	char found[LS_QUOTE_MAX * 4 + 16];
	const ls_named_cmd *nc;
	ls_cmd *c;
	size_t k;

	if (ls_is_word(&t, "INCLUDE"))
		return ls_p_include(p, &tg);
	if (t.kind != LS_TOK_WORD && t.kind != LS_TOK_STRING)
		return ls_expected(p, &t, "a command");
	c = ls_push(p, v, n, sizeof(*c));
	if (!c)
		return false;
	c->loc = ls_loc_of(p, &t);
	if (ls_at_provide(&t)) {
		c->kind = LS_CMD_ASSIGN;
		return ls_p_provide(p, &c->u.assign, &c->loc);
	}
	if (t.kind == LS_TOK_WORD && !ls_at_assignment(p)) {
		c->keyword = ls_dup(p, t.text, t.len);
		if (!c->keyword)
			return false;
	}
	if (ls_is_word(&t, "SECTIONS")) {
		c->kind = LS_CMD_SECTIONS;
		ls_next_m(p, LS_LEX_SCRIPT);
		t = *ls_peek_m(p, LS_LEX_SCRIPT);
		if (!ls_is_punct(&t, '{'))
			return ls_expected(p, &t, "'{' after SECTIONS");
		if (!ls_enter(p, &t))
			return false;
		ls_next_m(p, LS_LEX_SCRIPT);
		if (!ls_p_sections_cmds(p, &c->u.sections.cmds,
					&c->u.sections.ncmds, true))
			return false;
		p->nest--;
		ls_loc_end(p, &c->loc);
		return true;
	}
	if (ls_is_word(&t, "MEMORY")) {
		c->kind = LS_CMD_MEMORY;
		ls_next_m(p, LS_LEX_SCRIPT);
		if (!ls_expect(p, LS_LEX_SCRIPT, '{', "'{' after MEMORY") ||
		    !ls_p_regions(p, &c->u.memory.regions,
				  &c->u.memory.nregions, true))
			return false;
		ls_loc_end(p, &c->loc);
		return true;
	}
	if (ls_is_word(&t, "PHDRS")) {
		c->kind = LS_CMD_PHDRS;
		ls_next_m(p, LS_LEX_SCRIPT);
		if (!ls_expect(p, LS_LEX_SCRIPT, '{', "'{' after PHDRS"))
			return false;
		for (;;) {
			const ls_token *x = ls_peek_m(p, LS_LEX_SCRIPT);
			ls_phdr *ph;

			if (ls_is_punct(x, '}'))
				break;
			if (ls_is_punct(x, ';')) {
				ls_next_m(p, LS_LEX_SCRIPT);
				continue;
			}
			if (!ls_is_name(x))
				return ls_expected(
				    p, x, "a program header name or '}'");
			ph = ls_push(p, &c->u.phdrs.phdrs, &c->u.phdrs.nphdrs,
				     sizeof(*ph));
			if (!ph || !ls_p_phdr(p, ph))
				return false;
		}
		ls_next_m(p, LS_LEX_SCRIPT);
		ls_loc_end(p, &c->loc);
		return true;
	}
	if (ls_is_word(&t, "VERSION")) {
		c->kind = LS_CMD_NAMED;
		return ls_p_version(p, c);
	}
	if (ls_is_word(&t, "ASSERT")) {
		c->kind = LS_CMD_ASSERT;
		return ls_p_assert(p, &c->u.assert_, &c->loc);
	}
	if (ls_is_word(&t, "INSERT")) {
		c->kind = LS_CMD_INSERT;
		ls_next_m(p, LS_LEX_SCRIPT);
		t = *ls_peek_m(p, LS_LEX_SCRIPT);
		if (!ls_is_word(&t, "AFTER") && !ls_is_word(&t, "BEFORE"))
			return ls_expected(p, &t,
					   "AFTER or BEFORE after INSERT");
		c->u.insert_after = ls_is_word(&t, "AFTER");
		ls_next_m(p, LS_LEX_SCRIPT);
		t = *ls_peek_m(p, LS_LEX_SCRIPT);
		if (!ls_is_name(&t))
			return ls_expected(p, &t, "an output section name");
		if (!ls_push_str(p, &c->args, &c->nargs, t.text, t.len))
			return false;
		ls_next_m(p, LS_LEX_SCRIPT);
		ls_semicolon(p);
		ls_loc_end(p, &c->loc);
		return true;
	}
	for (k = 0; ls_flag_cmds[k]; k++) {
		if (ls_is_word(&t, ls_flag_cmds[k])) {
			c->kind = LS_CMD_NAMED;
			ls_next_m(p, LS_LEX_SCRIPT);
			ls_semicolon(p);
			ls_loc_end(p, &c->loc);
			return true;
		}
	}
	nc = ls_find_named(&t);
	if (nc) {
		if (ls_is_word(&t, "ENTRY"))
			c->kind = LS_CMD_ENTRY;
		else if (ls_is_word(&t, "REGION_ALIAS"))
			c->kind = LS_CMD_REGION_ALIAS;
		else
			c->kind = LS_CMD_NAMED;
		return ls_p_named(p, c, nc);
	}
	if (ls_at_assignment(p)) {
		c->kind = LS_CMD_ASSIGN;
		return ls_p_assign(p, &c->u.assign, &c->loc);
	}
	c->kind = LS_CMD_NAMED;
	ls_describe(&t, found, sizeof(found));
	/* The main file's first word starts no command: it is no script at
	 * all (vaslint takes any file that is not ELF for one). */
	if (t.kind == LS_TOK_WORD && *n == 1 && p->ninc == 1)
		return ls_fail(p, &t,
			       "not an ELF image or linker script: %s starts "
			       "no linker-script command",
			       found);
	if (t.kind == LS_TOK_WORD)
		return ls_fail(p, &t, "unknown command %s", found);
	return ls_expected(p, &t, "a command");
}

/* Top-level commands up to the end of the buffer. */
static bool ls_p_script_cmds(ls_parser *p, ls_cmd **v, size_t *n)
{
	for (;;) {
		const ls_token *t = ls_peek_m(p, LS_LEX_SCRIPT);

		if (t->kind == LS_TOK_EOF)
			return true;
		if (ls_is_punct(t, ';')) {
			ls_next_m(p, LS_LEX_SCRIPT);
			continue;
		}
		if (ls_is_punct(t, '}'))
			return ls_fail(p, t,
				       "unbalanced '}': no '{' before it");
		if (!ls_p_script_cmd(p, v, n))
			return false;
	}
}

/* ---- Entry points ---- */

/* Parse text (owned from here on) as the main script. */
static bool ls_parse_main(const char *name, char *text, size_t len,
			  const struct stat *sb, const ls_parse_opts *opts,
			  ls_script *out, vl_error *err)
{
	ls_parser p = {.script = out, .opts = opts, .err = err};
	ls_lexer lx;
	const char *file;
	char *path;
	uint32_t buf;

	memset(out, 0, sizeof(*out));
	p.files.script = out;
	path = strdup(name);
	if (!path) {
		free(text);
		return vl_fail(err, name, 0, 0, "out of memory");
	}
	if (!ls_add_buffer(&p, path, text, len, &buf))
		return vl_fail(err, name, 0, 0, "out of memory");
	file = ls_files_intern(&p.files, name, strlen(name));
	if (!file) {
		vl_fail(err, name, 0, 0, "out of memory");
		goto fail;
	}
	if (!ls_lex_check_text(text, len, file, err))
		goto fail;
	p.incs[0] = (ls_include){sb != NULL, sb ? sb->st_dev : 0,
				 sb ? sb->st_ino : 0, file};
	p.ninc = 1;
	p.bytes = len;
	ls_lex_init(&lx, &p.files, buf, text, (uint32_t)len, file);
	p.lx = &lx;
	if (!ls_p_script_cmds(&p, &out->cmds, &out->ncmds))
		goto fail;
	ls_files_free(&p.files);
	free(p.reads);
	return true;
fail:
	ls_files_free(&p.files);
	free(p.reads);
	ls_script_free(out);
	return false;
}

bool ls_parse_text(const char *name, const char *text, size_t len,
		   const ls_parse_opts *opts, ls_script *out, vl_error *err)
{
	char *copy;

	memset(out, 0, sizeof(*out));
	if (!name)
		name = "<script>";
	if (len > LS_MAX_FILE_BYTES)
		return vl_fail(err, name, 0, 0, "script is larger than %u MiB",
			       LS_MAX_FILE_BYTES >> 20);
	copy = malloc(len + 1);
	if (!copy)
		return vl_fail(err, name, 0, 0, "out of memory");
	memcpy(copy, text, len);
	copy[len] = '\0';
	return ls_parse_main(name, copy, len, NULL, opts, out, err);
}

bool ls_parse_file(const char *path, const ls_parse_opts *opts, ls_script *out,
		   vl_error *err)
{
	struct stat sb;
	char *text;
	size_t len;
	int fd, rc;

	memset(out, 0, sizeof(*out));
	fd = infile_open(path, &sb, &rc);
	if (fd < 0 && rc)
		return vl_fail(err, path, 0, 0, "cannot open: %s",
			       strerror(rc));
	if (fd < 0)
		return vl_fail(err, path, 0, 0, "is %s, not a regular file",
			       infile_kind(sb.st_mode));
	rc = ls_read_fd(fd, &sb, LS_MAX_FILE_BYTES, &text, &len);
	close(fd);
	if (rc == EFBIG)
		return vl_fail(err, path, 0, 0,
			       "file is larger than %u MiB: not a linker "
			       "script",
			       LS_MAX_FILE_BYTES >> 20);
	if (rc)
		return vl_fail(err, path, 0, 0, "cannot read: %s",
			       strerror(rc));
	return ls_parse_main(path, text, len, &sb, opts, out, err);
}
