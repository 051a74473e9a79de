/* The source scanner: libclang parses each file (with its compile command
 * from compile_commands.json where there is one), the walk finds the calls
 * a rule names, and each argument the rule gives a role is evaluated to a
 * constant or marked unknown.
 *
 * Which files and with which command lines: compdb.c.  Workers: each is
 * a parse process (isolate.c) with its own CXIndex, limited in memory,
 * CPU time and stack, that parses whole files handed out one at a time
 * and sends back their requests and notes (wire.c); a file whose parse
 * crashes or reaches a limit gets one note, its process is replaced, and
 * the other files go on.  The results are merged in file order and
 * sorted, so the output does not depend on the worker count. */
#include "clangapi.h"
#include "source.h"

#include <glob.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apirules.h"
#include "compdb.h"
#include "isolate.h"
#include "rules.h"
#include "valflow.h"
#include "wire.h"

/* clang's own headers (stddef.h, ...) must be those of the libclang that
 * parses: Debian's libclang-common-N-dev puts them in
 * /usr/lib/llvm-N/lib/clang/VERSION. */
#define RESOURCE_ENV "VASLINT_CLANG_RESOURCE_DIR"
#define RESOURCE_FIX                                                           \
	"name clang's resource directory (the one with include/stddef.h, "     \
	"like /usr/lib/llvm-19/lib/clang/19) with --resource-dir DIR or "      \
	"VASLINT_CLANG_RESOURCE_DIR"
/* How deep evaluation looks through casts, conversions, constants,
 * assignments and helpers (a few levels each), and how many helper calls
 * it follows into at once. */
#define EVAL_MAX_DEPTH	256
#define EVAL_MAX_FRAMES 32
/* How many expressions one argument's evaluation may look at: a value
 * that uses a variable or parameter twice at each of 32 levels would
 * otherwise cost 2^32; the budget keeps a call site O(1). */
#define EVAL_MAX_STEPS 4096
/* Fields of a struct argument, and overridden methods, looked at. */
#define MAX_FIELDS    64
#define MAX_OVERRIDES 32
/* The stack a parse runs on: as large as libclang's own parse thread. */
#define PARSE_STACK_SIZE (8u << 20)

/* ---- Small helpers ------------------------------------------------------ */

static const char *base_name(const char *path)
{
	const char *p = strrchr(path, '/');

	return p ? p + 1 : path;
}

static bool oom(vl_error *err)
{
	return vl_fail(err, NULL, 0, 0, "out of memory");
}

/* What scanning one file gave. */
typedef struct scan_item {
	const src_file *f;
	requests reqs;
	vl_diags notes;
	bool parse_errors; /* clang reported errors, or the parse failed */
	bool oom;
} scan_item;

/* ---- clang's resource directory ---------------------------------------- */

/* The last (alphabetically) folder matching pattern/include/stddef.h,
 * malloc'ed; NULL when there is none, with *oomp set when memory ran
 * out. */
static char *resource_glob(const char *pattern, bool *oomp)
{
	char *pat = vl_strprintf("%s/include/stddef.h", pattern);
	char *found = NULL;
	glob_t g;

	if (!pat) {
		*oomp = true;
		return NULL;
	}
	if (glob(pat, 0, NULL, &g) == 0 && g.gl_pathc) {
		const char *p = g.gl_pathv[g.gl_pathc - 1];
		if (!(found =
			  strndup(p, strlen(p) - strlen("/include/stddef.h"))))
			*oomp = true;
	}
	globfree(&g);
	free(pat);
	return found;
}

/* The resource directory of the loaded libclang: beside a library loaded
 * by its path under an LLVM folder (/usr/lib/llvm-16/lib/libclang.so.1 ->
 * /usr/lib/llvm-16/lib/clang/16), else in Debian's folder for the
 * library's version. */
static char *loaded_resource_dir(vl_error *err)
{
	const char *lib = clangapi_library();
	const char *slash = lib ? strrchr(lib, '/') : NULL;
	unsigned v = clangapi_major();
	char *pattern, *found = NULL;
	bool out_of_memory = false;

	if (slash) {
		pattern = vl_strprintf("%.*s/clang/*", (int)(slash - lib), lib);
		found = pattern ? resource_glob(pattern, &out_of_memory) : NULL;
		out_of_memory |= !pattern;
		free(pattern);
	}
	if (!found && !out_of_memory && v) {
		pattern = vl_strprintf("/usr/lib/llvm-%u/lib/clang/*", v);
		found = pattern ? resource_glob(pattern, &out_of_memory) : NULL;
		out_of_memory |= !pattern;
		free(pattern);
	}
	if (out_of_memory) {
		oom(err);
	} else if (!found) {
		vl_fail(
		    err, NULL, 0, 0,
		    "no resource directory for libclang %u (%s): nothing "
		    "matches /usr/lib/llvm-%u/lib/clang/*/include/stddef.h, "
		    "so libclang cannot parse system headers: install "
		    "libclang-common-%u-dev, or " RESOURCE_FIX,
		    v, lib ? lib : "?", v, v);
	}
	return found;
}

/* Malloc'ed; NULL with err. */
static char *resource_dir(const source_opts *o, vl_error *err)
{
	const char *dir = o->resource_dir;
	const char *from = "--resource-dir";
	char *probe;
	bool ok;

	if (!dir || !*dir) {
		dir = getenv(RESOURCE_ENV);
		from = RESOURCE_ENV;
	}
	if (!dir || !*dir)
		return loaded_resource_dir(err);
	probe = vl_strprintf("%s/include/stddef.h", dir);
	if (!probe) {
		oom(err);
		return NULL;
	}
	ok = access(probe, R_OK) == 0;
	free(probe);
	if (!ok) {
		vl_fail(err, dir, 0, 0,
			"not clang's resource directory (from %s): "
			"include/stddef.h is missing, so libclang cannot parse "
			"system headers; install libclang-common-%u-dev, "
			"or " RESOURCE_FIX,
			from, clangapi_major());
		return NULL;
	}
	char *copy = strdup(dir);
	if (!copy)
		oom(err);
	return copy;
}

/* ---- Evaluating arguments ---------------------------------------------- */

typedef enum val_state {
	VAL_UNKNOWN,
	VAL_KNOWN,
	VAL_ABSENT, /* a variadic argument the call does not pass */
} val_state;

/* A value, or why it is not known (a sentence kept in the file's flow
 * cache, valflow.h; NULL: the expression is simply not a constant). */
typedef struct val {
	val_state state;
	uint64_t v;
	const char *why;
	bool budget; /* unknown because a budget ran out (too_deep, ...) */
	/* Unknown here, but what the function with this USR, defined in
	 * another file, returns plus v, cut to bits: resolved after every
	 * file is scanned (source_scan). */
	const char *sym;
	unsigned char bits;
} val;

static const val unknown = {VAL_UNKNOWN, 0, NULL, false, NULL, 0};

/* A call whose returned expression is being evaluated: its parameters
 * stand for its arguments (fixed_at(0x30000000, n) { return Attr{n, 0,
 * true, at}; }). */
typedef struct frame {
	CXCursor call, def;
	/* Arguments of the call before the first parameter's: 1 for a
	 * lambda's closure called, whose object is the call's first. */
	unsigned shift;
} frame;

typedef struct eval_ctx {
	vf_cache *flow;
	frame frames[EVAL_MAX_FRAMES];
	unsigned nframes;
	unsigned steps; /* expressions looked at for this argument */
} eval_ctx;

/* Budgets that ran out: compared by address, never kept with a write. */
static const char too_deep[] = "nested too deeply to follow";
static const char too_many[] = "too many steps to follow";

static val known(uint64_t v)
{
	return (val){VAL_KNOWN, v, NULL, false, NULL, 0};
}

static val unknown_why(const char *why)
{
	return (val){VAL_UNKNOWN, 0, why, why == too_deep || why == too_many,
		     NULL,	  0};
}

/* The first children of a cursor and its expression children. */
typedef struct kids {
	CXCursor first[4];
	unsigned n;
	CXCursor expr[2]; /* the first expression children */
	unsigned nexpr;
} kids;

static enum CXChildVisitResult kids_visit(CXCursor c, CXCursor parent,
					  CXClientData data)
{
	kids *k = data;

	(void)parent;
	if (k->n < 4)
		k->first[k->n] = c;
	k->n++;
	if (clang_isExpression(clang_getCursorKind(c)) && k->nexpr++ < 2)
		k->expr[k->nexpr - 1] = c;
	return CXChildVisit_Continue;
}

static void kids_of(CXCursor c, kids *k)
{
	memset(k, 0, sizeof(*k));
	clang_visitChildren(c, kids_visit, k);
}

static bool is_signed_kind(enum CXTypeKind k)
{
	switch (k) {
	case CXType_Char_S:
	case CXType_SChar:
	case CXType_Short:
	case CXType_Int:
	case CXType_Long:
	case CXType_LongLong:
	case CXType_WChar:
		return true;
	default:
		return false;
	}
}

/* v as a value of type t: bool is 0 or 1, narrower integers and pointers
 * keep their bits (signed ones sign-extended); anything else as it is. */
static uint64_t convert(uint64_t v, CXType t)
{
	CXType c = clang_getCanonicalType(t);
	long long size;

	if (c.kind == CXType_Bool)
		return v != 0;
	if (c.kind == CXType_Enum)
		c = clang_getCanonicalType(
		    clang_getEnumDeclIntegerType(clang_getTypeDeclaration(c)));
	if (!(c.kind == CXType_Pointer ||
	      (c.kind >= CXType_Char_U && c.kind <= CXType_Int128)))
		return v;
	size = clang_Type_getSizeOf(c);
	if (size <= 0 || size >= 8)
		return v;
	v &= (UINT64_C(1) << (size * 8)) - 1;
	if (is_signed_kind(c.kind) && (v >> (size * 8 - 1)))
		v |= ~((UINT64_C(1) << (size * 8)) - 1);
	return v;
}

static val converted(val r, CXType t)
{
	CXType c = clang_getCanonicalType(t);
	long long size = clang_Type_getSizeOf(c);

	if (r.state == VAL_KNOWN)
		r.v = convert(r.v, t);
	else if (r.sym && size > 0 && size < 8) {
		/* A narrower unsigned type cuts the sum; a signed one
		 * would extend a sign not known here. */
		if (is_signed_kind(c.kind) || c.kind == CXType_Bool) {
			r.sym = NULL;
		} else if ((unsigned)size * 8 < r.bits) {
			r.bits = (unsigned char)(size * 8);
			r.v &= (UINT64_C(1) << r.bits) - 1;
		}
	}
	return r;
}

/* A constructor call that only converts its one argument (Genode's
 * Local_addr from a pointer, copies and moves). */
static bool is_construction(CXCursor call)
{
	CXCursor ref = clang_getCursorReferenced(call);

	if (clang_getCursorKind(ref) == CXCursor_Constructor)
		return true;
	return clang_Cursor_isNull(ref) &&
	       clang_getCanonicalType(clang_getCursorType(call)).kind ==
		   CXType_Record;
}

/* A variable whose value cannot change after its initializer. */
static CXCursor const_init(CXCursor ref)
{
	CXCursor d = clang_getCursorReferenced(ref);

	if (clang_getCursorKind(d) != CXCursor_VarDecl ||
	    !clang_isConstQualifiedType(clang_getCursorType(d)))
		return clang_getNullCursor();
	return clang_Cursor_getVarDeclInitializer(d);
}

/* A name for messages: the cursor's spelling, kept in the flow cache. */
static const char *name_of(eval_ctx *ev, CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	const char *r = vf_say(ev->flow, "%s", clang_getCString(s));

	clang_disposeString(s);
	return r;
}

static val eval_expr(eval_ctx *ev, CXCursor c, unsigned depth);
static val field_of(eval_ctx *ev, CXCursor c, const char *field,
		    unsigned depth);

/* The expression a function returns when its body, in this file, is one
 * return statement (addr_t stack_area_virtual_base() { return ...; },
 * Attr make_attr() { return Attr{...}; }); null with *why otherwise. */
static CXCursor returned_expr(eval_ctx *ev, CXCursor call, CXCursor *defp,
			      const char **why)
{
	CXCursor callee = clang_getCursorReferenced(call);
	CXCursor def = clang_getCursorDefinition(callee), body;
	kids ks;

	*why = NULL;
	*defp = def;
	if (clang_getCursorKind(callee) != CXCursor_FunctionDecl &&
	    clang_getCursorKind(callee) != CXCursor_CXXMethod)
		return clang_getNullCursor();
	if (clang_getCursorKind(callee) == CXCursor_CXXMethod &&
	    clang_CXXMethod_isVirtual(callee)) {
		/* An override may run instead of the body seen here. */
		*why = vf_say(ev->flow,
			      "'%s' is virtual: which override runs is not "
			      "known",
			      name_of(ev, callee));
		return clang_getNullCursor();
	}
	if (clang_Cursor_isNull(def)) {
		*why = vf_say(ev->flow, "'%s' is not defined in this file",
			      name_of(ev, callee));
		return clang_getNullCursor();
	}
	body = vf_body(def);
	if (!clang_Cursor_isNull(body)) {
		kids_of(body, &ks);
		if (ks.n == 1 &&
		    clang_getCursorKind(ks.first[0]) == CXCursor_ReturnStmt) {
			kids_of(ks.first[0], &ks);
			if (ks.nexpr == 1)
				return ks.expr[0];
		}
	}
	*why = vf_say(ev->flow, "'%s' does more than return one expression",
		      name_of(ev, callee));
	return clang_getNullCursor();
}

/* What the call returns (with a field: that field of the struct it
 * returns), its parameters standing for the call's arguments. */
static val through_call(eval_ctx *ev, CXCursor call, const char *field,
			unsigned depth)
{
	const char *why;
	CXCursor def;
	CXCursor ret = returned_expr(ev, call, &def, &why);
	CXCursor callee = clang_getCursorReferenced(call);
	val r;

	if (clang_Cursor_isNull(ret)) {
		r = unknown_why(why);
		/* A function without arguments defined in another file:
		 * its value may come from that file's scan. */
		if (clang_Cursor_isNull(def) && !field &&
		    clang_getCursorKind(callee) == CXCursor_FunctionDecl &&
		    !clang_Cursor_getNumArguments(call)) {
			CXString usr = clang_getCursorUSR(callee);
			if (*clang_getCString(usr)) {
				r.sym = vf_say(ev->flow, "%s",
					       clang_getCString(usr));
				r.bits = 64;
			}
			clang_disposeString(usr);
			r = converted(r, clang_getCursorResultType(callee));
		}
		return r;
	}
	if (ev->nframes == EVAL_MAX_FRAMES)
		return unknown_why(too_deep);
	ev->frames[ev->nframes++] = (frame){call, def, 0};
	r = field ? field_of(ev, ret, field, depth + 1)
		  : eval_expr(ev, ret, depth + 1);
	ev->nframes--;
	/* Said once, for the outermost call. */
	if (r.state != VAL_KNOWN && !(r.why && !strncmp(r.why, "what '", 6)))
		r.why = vf_say(ev->flow, "what '%s' returns is not known: %s",
			       name_of(ev, clang_getCursorReferenced(call)),
			       r.why ? r.why : "not a constant");
	return r;
}

/* a op b in the type t of the expression; unknown where C leaves it
 * undefined (division by zero, a shift by the width or more). */
static val arith(const char *op, uint64_t a, uint64_t b, CXType t)
{
	CXType c = clang_getCanonicalType(t);
	bool sgn = is_signed_kind(c.kind);
	long long bits = clang_Type_getSizeOf(c) * 8;
	int64_t sa = (int64_t)a, sb = (int64_t)b;
	uint64_t r;

	if (bits <= 0 || bits > 64)
		bits = 64;
	if (!strcmp(op, "+"))
		r = a + b;
	else if (!strcmp(op, "-"))
		r = a - b;
	else if (!strcmp(op, "*"))
		r = a * b;
	else if (!strcmp(op, "/") || !strcmp(op, "%")) {
		if (!b || (sgn && sa == INT64_MIN && sb == -1))
			return unknown_why(NULL);
		r = op[0] == '/' ? (sgn ? (uint64_t)(sa / sb) : a / b)
				 : (sgn ? (uint64_t)(sa % sb) : a % b);
	} else if (!strcmp(op, "<<") || !strcmp(op, ">>")) {
		if (b >= (uint64_t)bits)
			return unknown_why(NULL);
		r = op[0] == '<' ? a << b : sgn ? (uint64_t)(sa >> b) : a >> b;
	} else if (!strcmp(op, "&"))
		r = a & b;
	else if (!strcmp(op, "|"))
		r = a | b;
	else if (!strcmp(op, "^"))
		r = a ^ b;
	else if (!strcmp(op, "&&"))
		r = a && b;
	else if (!strcmp(op, "||"))
		r = a || b;
	else if (!strcmp(op, "=="))
		r = a == b;
	else if (!strcmp(op, "!="))
		r = a != b;
	else if (!strcmp(op, "<"))
		r = sgn ? sa < sb : a < b;
	else if (!strcmp(op, ">"))
		r = sgn ? sa > sb : a > b;
	else if (!strcmp(op, "<="))
		r = sgn ? sa <= sb : a <= b;
	else if (!strcmp(op, ">="))
		r = sgn ? sa >= sb : a >= b;
	else
		return unknown_why(NULL);
	return known(convert(r, t));
}

/* The first unknown of two values, for its why. */
static val either_unknown(val a, val b)
{
	val r = a.state != VAL_KNOWN ? a : b;

	r.sym = NULL; /* a part of the value, not all of it */
	return r;
}

/* An unknown that is not the value itself (-f(), f() ? a : b). */
static val plain(val r)
{
	r.sym = NULL;
	return r;
}

static val eval_binary(eval_ctx *ev, CXCursor c, unsigned depth)
{
	char op[4];
	kids ks;
	val a, b;

	kids_of(c, &ks);
	vf_operator(c, op);
	if (ks.nexpr != 2 || ks.n != 2 || !*op || !strcmp(op, ","))
		return unknown;
	/* h = k = 0x5000: an assignment's value is what it stores. */
	if (!strcmp(op, "="))
		return converted(eval_expr(ev, ks.expr[1], depth + 1),
				 clang_getCursorType(c));
	a = eval_expr(ev, ks.expr[0], depth + 1);
	b = eval_expr(ev, ks.expr[1], depth + 1);
	/* Comparisons and && || are int; the rest in the usual
	 * arithmetic conversions, which clang wrote into the operands. */
	/* f() + k, k + f(), f() - k with f defined in another file. */
	if (a.sym && b.state == VAL_KNOWN && (op[0] == '+' || op[0] == '-') &&
	    !op[1]) {
		a.v = op[0] == '+' ? a.v + b.v : a.v - b.v;
		return converted(a, clang_getCursorType(c));
	}
	if (b.sym && a.state == VAL_KNOWN && !strcmp(op, "+")) {
		b.v += a.v;
		return converted(b, clang_getCursorType(c));
	}
	if (a.state != VAL_KNOWN || b.state != VAL_KNOWN) {
		val r = either_unknown(a, b);
		r.sym = NULL;
		return r;
	}
	return arith(op, a.v, b.v, clang_getCursorType(c));
}

static val eval_unary(eval_ctx *ev, CXCursor c, unsigned depth)
{
	char op[4];
	kids ks;
	val a;

	kids_of(c, &ks);
	vf_operator(c, op);
	if (ks.nexpr != 1)
		return unknown;
	if (!strcmp(op, "++") || !strcmp(op, "--")) {
		/* k++ is k before; ++k is k after, both read where k is. */
		bool post = clang_equalLocations(
		    clang_getRangeStart(clang_getCursorExtent(c)),
		    clang_getRangeStart(clang_getCursorExtent(ks.expr[0])));
		a = eval_expr(ev, ks.expr[0], depth + 1);
		if (post || a.state != VAL_KNOWN)
			return post ? a : plain(a);
		return arith(op[0] == '+' ? "+" : "-", a.v, 1,
			     clang_getCursorType(c));
	}
	if (strcmp(op, "-") && strcmp(op, "~") && strcmp(op, "!") &&
	    strcmp(op, "+"))
		return unknown;
	a = eval_expr(ev, ks.expr[0], depth + 1);
	if (a.state != VAL_KNOWN)
		return op[0] == '+' ? a : plain(a);
	a.v = op[0] == '-'   ? -a.v
	      : op[0] == '~' ? ~a.v
	      : op[0] == '!' ? !a.v
			     : a.v;
	return converted(a, clang_getCursorType(c));
}

static val eval_conditional(eval_ctx *ev, CXCursor c, unsigned depth)
{
	kids ks;
	val cond;

	kids_of(c, &ks);
	if (ks.n != 3 || ks.nexpr < 2)
		return unknown;
	cond = eval_expr(ev, ks.first[0], depth + 1);
	if (cond.state != VAL_KNOWN)
		return plain(cond);
	return converted(eval_expr(ev, ks.first[cond.v ? 1 : 2], depth + 1),
			 clang_getCursorType(c));
}

/* The value of the local variable var (or of its field) where ref reads
 * it: its last assignment before, followed through the function's data
 * flow (valflow.c), or why it cannot be known. */
static val flow_value(eval_ctx *ev, CXCursor ref, CXCursor var,
		      const char *field, unsigned depth);

/* The field named name of a local variable's struct type, or null. */
typedef struct field_find {
	const char *name;
	CXCursor found;
} field_find;

static enum CXVisitorResult find_field_visit(CXCursor c, CXClientData data)
{
	field_find *f = data;
	CXString s = clang_getCursorSpelling(c);
	bool eq = !strcmp(clang_getCString(s), f->name);

	clang_disposeString(s);
	if (!eq)
		return CXVisit_Continue;
	f->found = c;
	return CXVisit_Break;
}

static CXCursor field_named(CXType t, const char *name)
{
	field_find f = {name, clang_getNullCursor()};

	t = clang_getCanonicalType(t);
	if (t.kind == CXType_LValueReference ||
	    t.kind == CXType_RValueReference)
		t = clang_getCanonicalType(clang_getPointeeType(t));
	if (t.kind == CXType_Record)
		clang_Type_visitFields(t, find_field_visit, &f);
	return f.found;
}

/* The value a field has when the braces leave it out, or the object is
 * default-initialized: its own initializer (after the width of a
 * bit-field); else zero (zero: an aggregate's braces) or not known. */
static val member_default(eval_ctx *ev, CXCursor decl, bool zero,
			  unsigned depth)
{
	kids ks;
	unsigned k = clang_Cursor_isBitField(decl) ? 1 : 0;

	kids_of(decl, &ks);
	if (ks.nexpr > k)
		return converted(eval_expr(ev, ks.expr[k], depth + 1),
				 clang_getCursorType(decl));
	if (zero)
		return known(0);
	return unknown_why(
	    vf_say(ev->flow, "'%s' is never initialized", name_of(ev, decl)));
}

/* The value the definition d gives var (or its field of type t). */
static val def_value(eval_ctx *ev, const vf_def *d, CXCursor var,
		     const char *field, CXCursor fd, CXType t, unsigned depth)
{
	switch (d->kind) {
	case VF_UNKNOWN:
		return unknown_why(d->why);
	case VF_INIT:
		if (field && clang_Cursor_isNull(d->expr))
			return member_default(ev, fd, d->zeroed, depth);
		if (clang_Cursor_isNull(d->expr) && d->zeroed)
			return known(0);
		if (clang_Cursor_isNull(d->expr))
			return unknown_why(vf_say(ev->flow,
						  "'%s' is not initialized",
						  name_of(ev, var)));
		/* fall through */
	case VF_ASSIGN:
		if (field && d->whole)
			return converted(
			    field_of(ev, d->expr, field, depth + 1), t);
		return converted(eval_expr(ev, d->expr, depth + 1), t);
	case VF_COMPOUND: {
		/* The value before, read where the left side is. */
		CXCursor at = d->lhs;
		kids ks;
		for (int i = 0; i < 8; i++) {
			if (clang_getCursorKind(at) == CXCursor_DeclRefExpr)
				break;
			kids_of(at, &ks);
			if (ks.nexpr != 1)
				break;
			at = ks.expr[0];
		}
		val before = flow_value(ev, at, var, field, depth + 1);
		val by = clang_Cursor_isNull(d->expr)
			     ? known(1)
			     : eval_expr(ev, d->expr, depth + 1);
		if (before.sym && by.state == VAL_KNOWN &&
		    (!strcmp(d->op, "+") || !strcmp(d->op, "-"))) {
			before.v =
			    d->op[0] == '+' ? before.v + by.v : before.v - by.v;
			return converted(before, t);
		}
		if (before.state != VAL_KNOWN || by.state != VAL_KNOWN)
			return either_unknown(before, by);
		return arith(d->op, before.v, by.v, t);
	}
	}
	return unknown;
}

static val flow_value(eval_ctx *ev, CXCursor ref, CXCursor var,
		      const char *field, unsigned depth)
{
	CXCursor fd = clang_getNullCursor();
	CXType t = clang_getCursorType(var);
	vf_def d;
	val r;

	if (depth > EVAL_MAX_DEPTH)
		return unknown_why(too_deep);
	if (field) {
		fd = field_named(t, field);
		if (clang_Cursor_isNull(fd))
			return unknown_why(vf_say(ev->flow,
						  "'%s' has no field '%s'",
						  name_of(ev, var), field));
		t = clang_getCursorType(fd);
	}
	if (!vf_lookup(ev->flow, ref, var, fd, &d))
		return unknown_why(
		    vf_say(ev->flow, "where '%s' gets its value was not found",
			   name_of(ev, var)));
	/* A write is evaluated once; not inside a helper's frame, where a
	 * parameter could stand for something else, and not when a budget
	 * ran out, which a shallower use might not reach. */
	if (d.memo && d.memo->done && !ev->nframes)
		return (val){(val_state)d.memo->state,
			     d.memo->v,
			     d.memo->why,
			     NULL,
			     0,
			     false};
	r = def_value(ev, &d, var, field, fd, t, depth);
	if (d.memo && !ev->nframes && !r.budget && !r.sym)
		*d.memo = (vf_memo){true, r.state, r.v, r.why};
	return r;
}

static val arg_value(eval_ctx *ev, CXCursor call, CXCursor callee, int i,
		     unsigned shift);

/* A parameter of a call being followed (through_call): the call's
 * argument, evaluated where the call is. */
static bool bound_parameter(eval_ctx *ev, CXCursor parm, val *out)
{
	CXCursor fn = clang_getCursorSemanticParent(parm);

	for (unsigned k = ev->nframes; k-- > 0;) {
		frame f = ev->frames[k];
		int n = clang_Cursor_getNumArguments(f.def);
		if (!clang_equalCursors(fn, f.def))
			continue;
		for (int i = 0; i < n; i++) {
			if (!clang_equalCursors(
				clang_Cursor_getArgument(f.def, (unsigned)i),
				parm))
				continue;
			/* The argument is evaluated where the call is; the
			 * frames above are put back after it. */
			frame keep[EVAL_MAX_FRAMES];
			unsigned saved = ev->nframes;
			memcpy(keep, &ev->frames[k],
			       (saved - k) * sizeof(*keep));
			ev->nframes = k;
			*out =
			    converted(arg_value(ev, f.call, f.def, i, f.shift),
				      clang_getCursorType(parm));
			memcpy(&ev->frames[k], keep,
			       (saved - k) * sizeof(*keep));
			ev->nframes = saved;
			return true;
		}
		return false;
	}
	return false;
}

/* A static's initializer: the definition's (static int x; ... static
 * int x = 5; in C declares it twice, and a use may name the first). */
static CXCursor static_init(CXCursor var)
{
	CXCursor def = clang_getCursorDefinition(var);

	return clang_Cursor_getVarDeclInitializer(
	    clang_Cursor_isNull(def) ? var : def);
}

/* A variable that is read where its value is not followed. */
static val variable_value(eval_ctx *ev, CXCursor ref, unsigned depth)
{
	CXCursor d = clang_getCursorReferenced(ref);
	CXCursor init = const_init(ref);
	unsigned line;
	val r;

	if (!clang_Cursor_isNull(init))
		return converted(eval_expr(ev, init, depth + 1),
				 clang_getCursorType(ref));
	switch (clang_getCursorKind(d)) {
	case CXCursor_ParmDecl:
		if (bound_parameter(ev, d, &r))
			return r;
		return unknown_why(vf_say(ev->flow,
					  "'%s' is a parameter: its value "
					  "comes from the caller",
					  name_of(ev, d)));
	case CXCursor_VarDecl:
		if (vf_is_local(d))
			return flow_value(ev, ref, d, NULL, depth + 1);
		if (vf_static_unchanged(ev->flow, d, &line)) {
			init = static_init(d);
			return clang_Cursor_isNull(init)
				   ? known(0)
				   : converted(eval_expr(ev, init, depth + 1),
					       clang_getCursorType(ref));
		}
		if (line)
			return unknown_why(
			    vf_say(ev->flow,
				   "'%s' is a static of this "
				   "file that line %u may change",
				   name_of(ev, d), line));
		if (clang_isConstQualifiedType(clang_getCursorType(d))) {
			/* extern T const x; defined with its value in
			 * another file: that file's scan may give it. */
			r = unknown_why(vf_say(ev->flow,
					       "'%s' is a constant not defined "
					       "in this file",
					       name_of(ev, d)));
			CXString usr = clang_getCursorUSR(d);
			if (clang_getCursorLinkage(d) == CXLinkage_External &&
			    *clang_getCString(usr)) {
				r.sym = vf_say(ev->flow, "%s",
					       clang_getCString(usr));
				r.bits = 64;
			}
			clang_disposeString(usr);
			return converted(r, clang_getCursorType(ref));
		}
		return unknown_why(vf_say(ev->flow,
					  "'%s' is a variable outside the "
					  "function that is not const",
					  name_of(ev, d)));
	default:
		return unknown;
	}
}

/* A data member of the object a method runs on (_size, this->_size),
 * or with field, that field of a struct member: the value all the
 * constructors give it (valflow.h), when they agree and nothing else in
 * the file changes it. */
static val class_member(eval_ctx *ev, CXCursor fd, const char *field,
			unsigned depth)
{
	const char *name = name_of(ev, fd);
	vf_member m;
	val r = unknown;
	bool any = false;

	if (!vf_member_inits(ev->flow, fd, &m))
		return unknown_why(vf_say(
		    ev->flow, "'%s' is a member that is not followed", name));
	if (m.why)
		return unknown_why(m.why);
	if (m.memo && !field && m.memo->done)
		return (val){(val_state)m.memo->state,
			     m.memo->v,
			     m.memo->why,
			     false,
			     NULL,
			     0};
	if (m.dmi_used && clang_Cursor_isNull(m.dmi) && !field)
		return unknown_why(vf_say(
		    ev->flow, "'%s' is not initialized by every constructor",
		    name));
	/* Asked again while its own value is evaluated: a cycle. */
	if (m.memo && !field)
		*m.memo = (vf_memo){
		    true, VAL_UNKNOWN, 0,
		    vf_say(ev->flow, "'%s' is initialized from itself", name)};
	for (size_t i = 0; i <= m.ninit; i++) {
		CXCursor e = i < m.ninit ? m.init[i] : m.dmi;
		val one;
		if (i == m.ninit && !m.dmi_used)
			break;
		if (clang_Cursor_isNull(e))
			one = member_default(ev, fd, true, depth);
		else if (field)
			one = field_of(ev, e, field, depth + 1);
		else
			one = converted(eval_expr(ev, e, depth + 1),
					clang_getCursorType(fd));
		if (one.state != VAL_KNOWN) {
			r = plain(one);
			r.why = r.budget ? r.why
					 : vf_say(ev->flow,
						  "'%s' is initialized with "
						  "what is not known: %s",
						  name,
						  one.why ? one.why
							  : "not a constant");
			break;
		}
		if (any && one.v != r.v) {
			r = unknown_why(vf_say(ev->flow,
					       "the constructors give '%s' "
					       "different values",
					       name));
			break;
		}
		r = one;
		any = true;
	}
	if (!any && r.state == VAL_KNOWN)
		r = unknown;
	if (m.memo && !field) {
		if (r.budget)
			m.memo->done = false;
		else
			*m.memo = (vf_memo){true, r.state, r.v, r.why};
	}
	return r;
}

/* The member c names when it is one of the object a method runs on: no
 * object written, or this->. */
static bool own_member(CXCursor c, CXCursor *fd)
{
	kids ks;

	*fd = clang_getCursorReferenced(c);
	if (clang_getCursorKind(*fd) != CXCursor_FieldDecl)
		return false;
	kids_of(c, &ks);
	return !ks.nexpr || (ks.nexpr == 1 && clang_getCursorKind(ks.expr[0]) ==
						  CXCursor_CXXThisExpr);
}

/* a.size where a is a local struct: the field's flow; _size, a member
 * of the object the method runs on: its class's initializers. */
static val member_value(eval_ctx *ev, CXCursor c, unsigned depth)
{
	CXCursor base = clang_getNullCursor(), fd;
	kids ks;
	val r;

	if (own_member(c, &fd))
		return converted(class_member(ev, fd, NULL, depth + 1),
				 clang_getCursorType(c));
	kids_of(c, &ks);
	if (ks.nexpr == 1)
		base = ks.expr[0];
	CXString s = clang_getCursorSpelling(c);
	const char *field = vf_say(ev->flow, "%s", clang_getCString(s));
	clang_disposeString(s);
	r = clang_Cursor_isNull(base) ? unknown
				      : field_of(ev, base, field, depth + 1);
	if (r.state != VAL_KNOWN && !r.why)
		r.why = vf_say(ev->flow,
			       "'%s' is a member of an object that is not "
			       "followed",
			       field);
	return converted(r, clang_getCursorType(c));
}

/* clang evaluates integers, not pointers: (void *)0x40000000, a pointer
 * constant, or a class built from one is read through to the integer;
 * what clang does not evaluate because it is not a constant expression
 * (a local variable, a helper function's result) is followed here. */
static val look_through(eval_ctx *ev, CXCursor c, unsigned depth)
{
	kids ks;

	switch (clang_getCursorKind(c)) {
	case CXCursor_DeclRefExpr:
		return variable_value(ev, c, depth);
	case CXCursor_MemberRefExpr:
		return member_value(ev, c, depth);
	case CXCursor_BinaryOperator:
		return eval_binary(ev, c, depth);
	case CXCursor_UnaryOperator:
		return eval_unary(ev, c, depth);
	case CXCursor_ConditionalOperator:
		return eval_conditional(ev, c, depth);
	case CXCursor_CallExpr:
		if (!is_construction(c)) {
			return converted(through_call(ev, c, NULL, depth),
					 clang_getCursorType(c));
		}
		/* fall through */
	case CXCursor_UnexposedExpr:
	case CXCursor_ParenExpr:
	case CXCursor_CStyleCastExpr:
	case CXCursor_CXXStaticCastExpr:
	case CXCursor_CXXReinterpretCastExpr:
	case CXCursor_CXXConstCastExpr:
	case CXCursor_CXXFunctionalCastExpr:
		kids_of(c, &ks);
		if (ks.nexpr != 1)
			return unknown;
		return converted(eval_expr(ev, ks.expr[0], depth + 1),
				 clang_getCursorType(c));
	default:
		return unknown;
	}
}

static val eval_expr(eval_ctx *ev, CXCursor c, unsigned depth)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	CXEvalResult e;
	val r = unknown;

	if (depth > EVAL_MAX_DEPTH)
		return unknown_why(too_deep);
	if (!clang_isExpression(k))
		return unknown;
	if (++ev->steps > EVAL_MAX_STEPS)
		return unknown_why(too_many);
	if (k == CXCursor_CXXNullPtrLiteralExpr)
		return known(0);
	if ((e = clang_Cursor_Evaluate(c))) {
		if (clang_EvalResult_getKind(e) == CXEval_Int) {
			r.state = VAL_KNOWN;
			r.v = clang_EvalResult_isUnsignedInt(e)
				  ? clang_EvalResult_getAsUnsigned(e)
				  : (uint64_t)clang_EvalResult_getAsLongLong(e);
		}
		clang_EvalResult_dispose(e);
		if (r.state == VAL_KNOWN)
			return r;
	}
	return look_through(ev, c, depth);
}

/* The default argument of a parameter (its expression child), or null. */
static CXCursor default_of(CXCursor parm)
{
	kids ks;

	if (clang_getCursorKind(parm) != CXCursor_ParmDecl)
		return clang_getNullCursor();
	kids_of(parm, &ks);
	return ks.nexpr ? ks.expr[0] : clang_getNullCursor();
}

/* A default argument in a call: clang passes it as an expression without
 * a place in the source. */
static bool is_default_arg(CXCursor a)
{
	return clang_getCursorKind(a) == CXCursor_UnexposedExpr &&
	       clang_Range_isNull(clang_getCursorExtent(a));
}

/* Argument i of the call, or the default of parameter i when the call
 * leaves it out. */
static val eval_arg(const eval_ctx *outer, CXCursor call, CXCursor callee,
		    int i)
{
	eval_ctx ctx = *outer;

	ctx.steps = 0;
	return arg_value(&ctx, call, callee, i, 0);
}

static val arg_value(eval_ctx *ev, CXCursor call, CXCursor callee, int i,
		     unsigned shift)
{
	int nargs = clang_Cursor_getNumArguments(call) - (int)shift;
	CXCursor parm = clang_Cursor_getArgument(callee, (unsigned)i);
	CXCursor def;
	val r;

	if (i < nargs) {
		CXCursor a =
		    clang_Cursor_getArgument(call, (unsigned)i + shift);
		r = eval_expr(ev, a, 0);
		if (r.state == VAL_KNOWN || !is_default_arg(a))
			return r;
	}
	def = default_of(parm);
	if (clang_Cursor_isNull(def))
		return i < nargs || !clang_Cursor_isNull(parm)
			   ? unknown
			   : (val){VAL_ABSENT, 0, NULL, false, NULL, 0};
	r = eval_expr(ev, def, 0);
	return converted(r, clang_getCursorType(parm));
}

typedef struct field_list {
	CXCursor decl[MAX_FIELDS];
	CXCursor init[MAX_FIELDS]; /* null: not initialized in the braces */
	bool nested[MAX_FIELDS];   /* .a.b = ...: not this field's value */
	unsigned n, next;
	bool elided; /* {1, 2} filling a struct member: not followed */
} field_list;

static bool is_aggregate(CXType t)
{
	enum CXTypeKind k = clang_getCanonicalType(t).kind;

	return k == CXType_Record || k == CXType_ConstantArray;
}

static enum CXVisitorResult field_visit(CXCursor c, CXClientData data)
{
	field_list *f = data;

	if (f->n == MAX_FIELDS)
		return CXVisit_Break;
	f->decl[f->n] = c;
	f->init[f->n] = clang_getNullCursor();
	f->n++;
	return CXVisit_Continue;
}

static int field_index(const field_list *f, const char *name)
{
	for (unsigned i = 0; i < f->n; i++) {
		CXString s = clang_getCursorSpelling(f->decl[i]);
		bool eq = !strcmp(clang_getCString(s), name);
		clang_disposeString(s);
		if (eq)
			return (int)i;
	}
	return -1;
}

/* One element of the braces: positional, or designated (.size = x, a
 * MemberRef child naming the field, then the value). */
static enum CXChildVisitResult init_visit(CXCursor c, CXCursor parent,
					  CXClientData data)
{
	field_list *f = data;
	kids ks;
	int i;

	(void)parent;
	kids_of(c, &ks);
	if (clang_getCursorKind(c) == CXCursor_UnexposedExpr && ks.n &&
	    clang_getCursorKind(ks.first[0]) == CXCursor_MemberRef) {
		CXString s = clang_getCursorSpelling(ks.first[0]);
		i = field_index(f, clang_getCString(s));
		clang_disposeString(s);
		if (i < 0)
			return CXChildVisit_Continue;
		f->init[i] = ks.expr[0];
		f->nested[i] = ks.n > 1 && clang_getCursorKind(ks.first[1]) ==
					       CXCursor_MemberRef;
		f->next = (unsigned)i + 1;
	} else if (f->next < f->n) {
		/* A scalar for a struct member: its braces were left out,
		 * and the elements that follow fill that member. */
		if (is_aggregate(clang_getCursorType(f->decl[f->next])) &&
		    !is_aggregate(clang_getCursorType(c)))
			f->elided = true;
		f->init[f->next++] = c;
	}
	return CXChildVisit_Continue;
}

/* The field of braces: Attr{...}, {.size = ...}; left out, the member's
 * own initializer, else zero. */
static val field_of_list(eval_ctx *ev, CXCursor list, const char *field,
			 unsigned depth)
{
	field_list f = {0};
	int i;

	clang_Type_visitFields(
	    clang_getCanonicalType(clang_getCursorType(list)), field_visit, &f);
	clang_visitChildren(list, init_visit, &f);
	if (f.elided)
		return unknown_why(vf_say(ev->flow,
					  "braces left out inside the "
					  "braces are not followed"));
	if ((i = field_index(&f, field)) < 0)
		return unknown;
	if (f.nested[i])
		return unknown_why(vf_say(ev->flow,
					  "'.%s.' designates a member of '%s'",
					  field, field));
	if (clang_Cursor_isNull(f.init[i]))
		return member_default(ev, f.decl[i], true, depth);
	return converted(eval_expr(ev, f.init[i], depth + 1),
			 clang_getCursorType(f.decl[i]));
}

/* The field named field of the struct value c is built from: braces,
 * Attr{...}, (struct attr){...}, a constant or local variable, or a
 * helper that returns one; looking through conversions, copies and
 * temporaries. */
static val field_of(eval_ctx *ev, CXCursor c, const char *field, unsigned depth)
{
	kids ks;

	if (depth > EVAL_MAX_DEPTH)
		return unknown_why(too_deep);
	if (++ev->steps > EVAL_MAX_STEPS)
		return unknown_why(too_many);
	switch (clang_getCursorKind(c)) {
	case CXCursor_InitListExpr:
		return field_of_list(ev, c, field, depth);
	case CXCursor_DeclRefExpr: {
		CXCursor d = clang_getCursorReferenced(c);
		CXCursor init = const_init(c);
		unsigned line;
		if (!clang_Cursor_isNull(init))
			return field_of(ev, init, field, depth + 1);
		if (vf_is_local(d))
			return flow_value(ev, c, d, field, depth + 1);
		if (vf_static_unchanged(ev->flow, d, &line)) {
			CXCursor fd =
			    field_named(clang_getCursorType(d), field);
			init = static_init(d);
			if (!clang_Cursor_isNull(init))
				return field_of(ev, init, field, depth + 1);
			return clang_Cursor_isNull(fd)
				   ? unknown
				   : member_default(ev, fd, true, depth);
		}
		return variable_value(ev, c, depth);
	}
	case CXCursor_MemberRefExpr: {
		CXCursor fd;
		if (own_member(c, &fd))
			return class_member(ev, fd, field, depth + 1);
		return unknown;
	}
	case CXCursor_CallExpr:
		if (!is_construction(c)) {
			return through_call(ev, c, field, depth);
		}
		kids_of(c, &ks);
		if (ks.nexpr == 0 && !ks.n) {
			/* Attr a; in C++: the members' own initializers. */
			CXCursor fd =
			    field_named(clang_getCursorType(c), field);
			return clang_Cursor_isNull(fd)
				   ? unknown
				   : member_default(ev, fd, false, depth);
		}
		/* fall through */
	case CXCursor_UnexposedExpr:
	case CXCursor_ParenExpr:
	case CXCursor_CStyleCastExpr:
	case CXCursor_CXXStaticCastExpr:
	case CXCursor_CXXConstCastExpr:
	case CXCursor_CXXFunctionalCastExpr:
	case CXCursor_CompoundLiteralExpr:
		kids_of(c, &ks);
		return ks.nexpr == 1
			   ? field_of(ev, ks.expr[0], field, depth + 1)
			   : unknown;
	default:
		return unknown;
	}
}

/* The fields of the struct argument a rule names, by role. */
static void eval_fields(const eval_ctx *outer, CXCursor call, const api_rule *q,
			val out[API_NROLES])
{
	eval_ctx ctx = *outer, *ev = &ctx;
	CXCursor arg = clang_getNullCursor();

	if (q->fields_arg < clang_Cursor_getNumArguments(call))
		arg = clang_Cursor_getArgument(call, (unsigned)q->fields_arg);
	for (int r = 0; r < API_NROLES; r++) {
		if (!q->field[r])
			continue;
		ctx.steps = 0;
		out[r] = clang_Cursor_isNull(arg)
			     ? unknown
			     : field_of(ev, arg, q->field[r], 0);
	}
}

/* ---- Matching calls against the rules ---------------------------------- */

/* Genode::Region_map::attach: the names of the semantic parents, without
 * inline and anonymous namespaces or extern "C" (an unexposed declaration
 * in libclang 14). */
static char *qualified_name(CXCursor c)
{
	CXString parts[16];
	size_t n = 0, len = 1;
	char *out, *p;

	for (; n < 16; c = clang_getCursorSemanticParent(c)) {
		enum CXCursorKind k = clang_getCursorKind(c);
		/* The library says which kind is the translation unit: 300
		 * in libclang 14, 350 in 16. */
		if (clang_Cursor_isNull(c) || clang_isTranslationUnit(k) ||
		    clang_isInvalid(k))
			break;
		if (k == CXCursor_LinkageSpec || k == CXCursor_UnexposedDecl ||
		    (k == CXCursor_Namespace &&
		     clang_Cursor_isInlineNamespace(c)))
			continue;
		parts[n] = clang_getCursorSpelling(c);
		if (!*clang_getCString(parts[n])) {
			clang_disposeString(parts[n]);
			continue;
		}
		len += strlen(clang_getCString(parts[n])) + 2;
		n++;
	}
	out = malloc(len);
	if (out) {
		p = out;
		for (size_t i = n; i-- > 0;) {
			const char *part = clang_getCString(parts[i]);
			size_t l = strlen(part);
			memcpy(p, part, l);
			p += l;
			if (i) {
				memcpy(p, "::", 2);
				p += 2;
			}
		}
		*p = 0;
	}
	for (size_t i = 0; i < n; i++)
		clang_disposeString(parts[i]);
	return out;
}

static const char *last_component(const char *name)
{
	const char *p = strrchr(name, ':');

	return p ? p + 1 : name;
}

/* The kind of parameter i's type, through references and typedefs. */
static enum CXTypeKind param_kind(CXCursor callee, int i)
{
	CXType t = clang_getCanonicalType(
	    clang_getCursorType(clang_Cursor_getArgument(callee, (unsigned)i)));

	if (t.kind == CXType_LValueReference ||
	    t.kind == CXType_RValueReference)
		t = clang_getCanonicalType(clang_getPointeeType(t));
	return t.kind;
}

/* A size, offset or alignment is a number, and an address a number, a
 * pointer or a class built from one (Genode's Local_addr): a parameter
 * of another type belongs to another overload, like the cache attribute
 * (an enum) at index 2 of the 2014 Attached_ram_dataspace(ram, size,
 * cached).  A type that depends on a template parameter is not known
 * yet and fits. */
static bool param_fits(api_role r, enum CXTypeKind k)
{
	switch (r) {
	case API_SIZE:
	case API_OFFSET:
	case API_ALIGN:
		return k != CXType_Enum && k != CXType_Bool &&
		       k != CXType_Record && k != CXType_Pointer;
	case API_ADDRESS:
		return k != CXType_Enum && k != CXType_Bool;
	default:
		return true;
	}
}

/* The overload fits when it has the parameters the rule's indexes name,
 * each of a type its role can have, the struct argument is a struct, and
 * the USR is the rule's if it has one. */
static bool rule_fits(const api_rule *q, CXCursor decl)
{
	int nparams = clang_Cursor_getNumArguments(decl);
	int max = q->fields_arg;

	if (nparams < 0)
		return false;
	for (int r = 0; r < API_NROLES; r++) {
		if (q->arg[r] > max)
			max = q->arg[r];
		if (q->arg[r] != API_NONE && q->arg[r] < nparams &&
		    !param_fits((api_role)r, param_kind(decl, q->arg[r])))
			return false;
	}
	if (max >= nparams && !clang_Cursor_isVariadic(decl))
		return false;
	if (q->fields_arg != API_NONE &&
	    (q->fields_arg >= nparams ||
	     param_kind(decl, q->fields_arg) != CXType_Record))
		return false;
	if (q->usr) {
		CXString u = clang_getCursorUSR(decl);
		bool eq = !strcmp(clang_getCString(u), q->usr);
		clang_disposeString(u);
		return eq;
	}
	return true;
}

static const api_rule *match_decl(const api_rules *rules, CXCursor decl)
{
	char *name = qualified_name(decl);
	const api_rule *found = NULL;

	for (size_t i = 0; name && !found && i < rules->n; i++) {
		const api_rule *q = &rules->v[i];
		for (size_t k = 0; !found && k < q->ncalls; k++)
			if (!strcmp(q->calls[k], name) && rule_fits(q, decl))
				found = q;
	}
	free(name);
	return found;
}

/* The rule for the callee or, breadth first, a method it overrides; the
 * first rule in the set wins. */
static const api_rule *match_callee(const api_rules *rules, CXCursor callee)
{
	CXCursor queue[MAX_OVERRIDES];
	size_t n = 1;

	queue[0] = callee;
	for (size_t i = 0; i < n; i++) {
		const api_rule *q = match_decl(rules, queue[i]);
		if (q)
			return q;
		CXCursor *over = NULL;
		unsigned nover = 0;
		clang_getOverriddenCursors(queue[i], &over, &nover);
		for (unsigned k = 0; k < nover && n < MAX_OVERRIDES; k++)
			queue[n++] = over[k];
		clang_disposeOverriddenCursors(over);
	}
	return NULL;
}

static bool named_by_rules(const api_rules *rules, const char *spelling)
{
	for (size_t i = 0; i < rules->n; i++)
		for (size_t k = 0; k < rules->v[i].ncalls; k++)
			if (!strcmp(last_component(rules->v[i].calls[k]),
				    spelling))
				return true;
	return false;
}

/* Cursors to cursors, each key once: the mem-initializers of the classes
 * whose constructors were read (a class is a key too, once read). */
typedef struct cursor_map {
	CXCursor *key, *value;
	size_t n, cap; /* cap: 0 or a power of two */
	bool oom;
} cursor_map;

/* A generic lambda: walked at each call of its closure, in the
 * instantiation that call makes, not where it is written. */
typedef struct generic_lambda {
	CXCursor lambda, tmpl; /* tmpl: its operator() template */
} generic_lambda;

typedef struct visit_ctx {
	const api_rules *rules;
	scan_item *it;
	CXFile main_file;
	cursor_map inits;
	vf_cache *flow; /* the data flow of the file's functions */
	/* Walking a generic lambda's instantiation: the closure calls
	 * that lead there, their parameters bound in ev's frames (none:
	 * the file's own code), and where its requests are reported. */
	eval_ctx ev;
	CXCursor place;
	generic_lambda *gl;
	size_t ngl, cgl;
	cursor_map generic; /* operator() template -> lambda */
	cursor_map called;  /* the templates some call instantiates */
} visit_ctx;

static bool grow_lambdas(visit_ctx *x)
{
	if (x->ngl == x->cgl) {
		size_t cap = x->cgl ? 2 * x->cgl : 8;
		generic_lambda *v = realloc(x->gl, cap * sizeof(*v));
		if (!v) {
			x->it->oom = true;
			return false;
		}
		x->gl = v;
		x->cgl = cap;
	}
	return true;
}

static bool role_given(const api_rule *q, api_role r)
{
	return q->arg[r] != API_NONE || q->field[r];
}

/* Where a call is reported: at the method name for obj.method(...), at
 * the start otherwise; a call written in a macro at the macro's use. */
static void call_place(CXCursor call, unsigned *line, unsigned *col)
{
	CXCursor at = call;
	kids ks;

	kids_of(call, &ks);
	if (ks.n && clang_getCursorKind(ks.first[0]) == CXCursor_MemberRefExpr)
		at = ks.first[0];
	clang_getExpansionLocation(clang_getCursorLocation(at), NULL, line, col,
				   NULL);
}

typedef enum tri { NO, YES, MAYBE } tri;

/* Why the size, address and offset are not known, where they are not
 * (the address's why is replaced when whether it is fixed is not known);
 * the strings stay the flow cache's, requests_add copies them. */
static void unknown_whys(const api_rule *q, const val *v, request *rq)
{
	const val *size = &v[API_SIZE];

	if (rq->size_whole)
		rq->size_why = "size 0: the whole dataspace, whose size the "
			       "call does not show";
	else if (!role_given(q, API_SIZE))
		rq->size_why = "the call does not give a size";
	else if (size->state != VAL_KNOWN)
		rq->size_why = size->why;
	rq->at_why = v[API_ADDRESS].why;
	rq->offset_why = v[API_OFFSET].why;
	/* Values another file's constant function may give. */
	static const int role[REQ_NVALUES] = {
	    [REQ_SIZE] = API_SIZE,
	    [REQ_AT] = API_ADDRESS,
	    [REQ_OFFSET] = API_OFFSET,
	};
	for (int i = 0; i < REQ_NVALUES; i++)
		if (role_given(q, role[i]) && v[role[i]].sym) {
			rq->sym[i] = v[role[i]].sym;
			rq->sym_bits[i] = v[role[i]].bits;
			if (i == REQ_SIZE)
				rq->size = v[role[i]].v;
			else if (i == REQ_AT)
				rq->at = v[role[i]].v;
			else
				rq->offset = v[role[i]].v;
		}
}

/* What the evaluated roles say about the request. */
static void fill_request(const api_rule *q, const val *v, request *rq)
{
	const val *flags = &v[API_FLAGS];
	tri fixed;

	rq->kind = q->kind;
	if (!role_given(q, API_SIZE) || v[API_SIZE].state != VAL_KNOWN ||
	    (q->zero_size_whole && !v[API_SIZE].v))
		rq->size_unknown = true;
	else
		rq->size = v[API_SIZE].v;
	rq->size_whole = q->zero_size_whole && role_given(q, API_SIZE) &&
			 v[API_SIZE].state == VAL_KNOWN && !v[API_SIZE].v;
	unknown_whys(q, v, rq);
	if (role_given(q, API_OFFSET)) {
		rq->has_offset = true;
		if (v[API_OFFSET].state == VAL_KNOWN)
			rq->offset = v[API_OFFSET].v;
		else
			rq->offset_unknown = true;
	}
	if (q->has_fixed_flags)
		fixed = flags->state != VAL_KNOWN   ? MAYBE
			: flags->v & q->fixed_flags ? YES
						    : NO;
	else if (role_given(q, API_FIXED))
		fixed = v[API_FIXED].state != VAL_KNOWN ? MAYBE
			: v[API_FIXED].v		? YES
							: NO;
	else
		fixed = role_given(q, API_ADDRESS) ? YES : NO;
	if (fixed != NO) {
		rq->fixed = true;
		rq->fixed_maybe = fixed == MAYBE;
		if (fixed == MAYBE || v[API_ADDRESS].state != VAL_KNOWN)
			rq->at_unknown = true;
		else
			rq->at = v[API_ADDRESS].v;
		if (fixed == MAYBE)
			rq->at_why =
			    q->has_fixed_flags ? flags->why : v[API_FIXED].why;
	}
	if (fixed == YES && q->replace_flags && flags->state == VAL_KNOWN)
		rq->replaces = (flags->v & q->replace_flags) &&
			       !(flags->v & q->noreplace_flags);
	rq->reserves = q->reserves;
	/* A reservation when the values say so; one that might be (the value
	 * is unknown) counts as one, so that no mapping is reported outside
	 * it on a guess. */
	bool any = false, all = true, maybe = false;
	for (int r = 0; r < API_NROLES; r++) {
		if (!q->reserve_when[r])
			continue;
		any = true;
		if (v[r].state != VAL_KNOWN)
			maybe = true;
		else if (v[r].v != q->reserve_value[r])
			all = false;
	}
	if (any && all) {
		rq->reserves = true;
		if (!maybe)
			rq->kind = REQ_RESERVE;
	}
	if (role_given(q, API_ALIGN) && v[API_ALIGN].state == VAL_KNOWN &&
	    va_is_pow2(v[API_ALIGN].v))
		rq->align = v[API_ALIGN].v;
}

/* The rule for a call, with its callee; NULL when none applies. */
static const api_rule *rule_of_call(const visit_ctx *x, CXCursor call,
				    CXCursor *callee)
{
	CXString sp;
	bool named;

	*callee = clang_getCursorReferenced(call);
	switch (clang_getCursorKind(*callee)) {
	case CXCursor_FunctionDecl:
	case CXCursor_CXXMethod:
	case CXCursor_Constructor:
		break;
	default:
		return NULL;
	}
	sp = clang_getCursorSpelling(*callee);
	named = named_by_rules(x->rules, clang_getCString(sp));
	clang_disposeString(sp);
	return named ? match_callee(x->rules, *callee) : NULL;
}

/* The values of the roles a rule gives (the dataspace is named for
 * readers of the rule, not evaluated). */
static void eval_roles(const eval_ctx *outer, CXCursor call, CXCursor callee,
		       const api_rule *q, val v[API_NROLES])
{
	for (int r = 0; r < API_NROLES; r++)
		v[r] = q->arg[r] != API_NONE && r != API_DATASPACE
			   ? eval_arg(outer, call, callee, q->arg[r])
			   : (val){VAL_ABSENT, 0, NULL, false, NULL, 0};
	if (q->fields_arg != API_NONE)
		eval_fields(outer, call, q, v);
}

/* ---- Which region map a call goes into --------------------------------- */

/* How many steps from an object to the call that created it are
 * followed: variables, members, conversions. */
#define ORIGIN_MAX_DEPTH 16

/* A region map the program created itself: a managed dataspace. */
typedef struct sub_map {
	val size;
	unsigned line, column; /* 0: not in the scanned file */
} sub_map;

/* Through parentheses, implicit conversions and casts to the one
 * expression inside. */
static CXCursor strip(CXCursor c)
{
	for (unsigned depth = 0; depth < EVAL_MAX_DEPTH; depth++) {
		kids ks;
		switch (clang_getCursorKind(c)) {
		case CXCursor_UnexposedExpr:
		case CXCursor_ParenExpr:
		case CXCursor_CStyleCastExpr:
		case CXCursor_CXXStaticCastExpr:
		case CXCursor_CXXFunctionalCastExpr:
			kids_of(c, &ks);
			if (ks.nexpr != 1)
				return c;
			c = ks.expr[0];
			break;
		default:
			return c;
		}
	}
	return c;
}

static size_t cursor_slot(const cursor_map *m, CXCursor key)
{
	size_t i = clang_hashCursor(key) & (m->cap - 1);

	while (!clang_Cursor_isNull(m->key[i]) &&
	       !clang_equalCursors(m->key[i], key))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static bool cursor_get(const cursor_map *m, CXCursor key, CXCursor *value)
{
	size_t i;

	if (!m->cap)
		return false;
	i = cursor_slot(m, key);
	if (clang_Cursor_isNull(m->key[i]))
		return false;
	*value = m->value[i];
	return true;
}

/* Adds key unless it is there; at most half full, so probes are short. */
static void cursor_put(cursor_map *m, CXCursor key, CXCursor value)
{
	size_t i;

	if (m->oom)
		return;
	if (2 * (m->n + 1) > m->cap) {
		cursor_map g = {0};
		g.cap = m->cap ? 2 * m->cap : 64;
		g.key = malloc(g.cap * sizeof(*g.key));
		g.value = malloc(g.cap * sizeof(*g.value));
		if (!g.key || !g.value) {
			free(g.key);
			free(g.value);
			m->oom = true;
			return;
		}
		for (size_t k = 0; k < g.cap; k++)
			g.key[k] = clang_getNullCursor();
		for (size_t k = 0; k < m->cap; k++)
			if (!clang_Cursor_isNull(m->key[k])) {
				size_t j = cursor_slot(&g, m->key[k]);
				g.key[j] = m->key[k];
				g.value[j] = m->value[k];
			}
		g.n = m->n;
		free(m->key);
		free(m->value);
		*m = g;
	}
	i = cursor_slot(m, key);
	if (!clang_Cursor_isNull(m->key[i]))
		return;
	m->key[i] = key;
	m->value[i] = value;
	m->n++;
}

static void cursor_map_free(cursor_map *m)
{
	free(m->key);
	free(m->value);
	memset(m, 0, sizeof(*m));
}

/* Reading the mem-initializers of one constructor: a MemberRef, then the
 * expression; the body is not looked at. */
typedef struct ctor_read {
	cursor_map *inits;
	CXCursor field; /* null: the last child was no MemberRef */
} ctor_read;

static enum CXChildVisitResult ctor_init_visit(CXCursor c, CXCursor parent,
					       CXClientData data)
{
	ctor_read *r = data;
	enum CXCursorKind k = clang_getCursorKind(c);

	(void)parent;
	if (!clang_Cursor_isNull(r->field) && clang_isExpression(k))
		cursor_put(r->inits, r->field, c);
	r->field = k == CXCursor_MemberRef ? clang_getCursorReferenced(c)
					   : clang_getNullCursor();
	return k == CXCursor_CompoundStmt ? CXChildVisit_Break
					  : CXChildVisit_Continue;
}

static enum CXChildVisitResult class_ctor_visit(CXCursor c, CXCursor parent,
						CXClientData data)
{
	ctor_read r = {data, clang_getNullCursor()};

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_Constructor)
		clang_visitChildren(c, ctor_init_visit, &r);
	return CXChildVisit_Continue;
}

/* The initializer a member gets: its default member initializer, else
 * the first mem-initializer for it in a constructor written in the class.
 * A class's constructors are read once, for all its members; one defined
 * outside the class is not looked at. */
static CXCursor field_init(visit_ctx *x, CXCursor field)
{
	CXCursor cls = clang_getCursorSemanticParent(field), init;
	kids ks;

	kids_of(field, &ks);
	if (ks.nexpr && !clang_Cursor_isBitField(field))
		return ks.expr[0];
	if (!cursor_get(&x->inits, cls, &init)) {
		cursor_put(&x->inits, cls, clang_getNullCursor());
		clang_visitChildren(cls, class_ctor_visit, &x->inits);
	}
	if (x->inits.oom)
		x->it->oom = true;
	return cursor_get(&x->inits, field, &init) ? init
						   : clang_getNullCursor();
}

/* Whether e is (or names an object built from) the result of a call a
 * reserving rule matches, like Rm_session::create(SIZE) or the 2014
 * Rm_connection(start, SIZE); then the size of that region map.  A
 * variable or member is followed to its initializer: what the program
 * does to it later is not looked at. */
static bool sub_map_of(visit_ctx *x, CXCursor e, unsigned depth, sub_map *out)
{
	CXCursor callee, d, init;
	const api_rule *q;
	kids ks;

	if (depth > ORIGIN_MAX_DEPTH)
		return false;
	e = strip(e);
	switch (clang_getCursorKind(e)) {
	case CXCursor_CallExpr:
		if ((q = rule_of_call(x, e, &callee)) && q->reserves) {
			val v[API_NROLES];
			CXFile file;
			eval_roles(&x->ev, e, callee, q, v);
			out->size =
			    role_given(q, API_SIZE) ? v[API_SIZE] : unknown;
			call_place(e, &out->line, &out->column);
			clang_getExpansionLocation(clang_getCursorLocation(e),
						   &file, NULL, NULL, NULL);
			if (!file || !x->main_file ||
			    !clang_File_isEqual(file, x->main_file))
				out->line = out->column = 0;
			return true;
		}
		/* Region_map_client(cap), a copy: what it is built from. */
		if (!is_construction(e))
			return false;
		kids_of(e, &ks);
		return ks.nexpr == 1 &&
		       sub_map_of(x, ks.expr[0], depth + 1, out);
	case CXCursor_DeclRefExpr:
	case CXCursor_MemberRefExpr:
		d = clang_getCursorReferenced(e);
		if (clang_getCursorKind(d) == CXCursor_VarDecl)
			init = clang_Cursor_getVarDeclInitializer(d);
		else if (clang_getCursorKind(d) == CXCursor_FieldDecl)
			init = field_init(x, d);
		else
			return false;
		return !clang_Cursor_isNull(init) &&
		       sub_map_of(x, init, depth + 1, out);
	default:
		return false;
	}
}

/* The object a method is called on (obj.m(), ptr->m()), or null. */
static CXCursor call_object(CXCursor call)
{
	kids ks, mk;

	kids_of(call, &ks);
	if (!ks.n || clang_getCursorKind(ks.first[0]) != CXCursor_MemberRefExpr)
		return clang_getNullCursor();
	kids_of(ks.first[0], &mk);
	return mk.nexpr ? mk.expr[0] : clang_getNullCursor();
}

/* An attach goes into a region map of the program's own when it is
 * called on one: its address is an offset there. */
static void into_sub_map(visit_ctx *x, CXCursor call, request *rq)
{
	CXCursor obj = call_object(call);
	sub_map m;

	if (clang_Cursor_isNull(obj) || !sub_map_of(x, obj, 0, &m))
		return;
	rq->in_sub = true;
	rq->sub_size_unknown = m.size.state != VAL_KNOWN;
	rq->sub_size = rq->sub_size_unknown ? 0 : m.size.v;
	rq->sub_line = m.line;
	rq->sub_column = m.column;
}

/* Attaching a whole region map of the program's own (its dataspace(),
 * size 0): the size is the region map's, less the offset, as core
 * computes it for any dataspace. */
static void whole_sub_map(visit_ctx *x, CXCursor call, const api_rule *q,
			  const val *v, request *rq)
{
	CXCursor ds, callee;
	CXString sp;
	sub_map m;
	bool is_ds;

	if (!q->zero_size_whole || q->arg[API_DATASPACE] == API_NONE ||
	    v[API_SIZE].state != VAL_KNOWN || v[API_SIZE].v ||
	    q->arg[API_DATASPACE] >= clang_Cursor_getNumArguments(call))
		return;
	ds = strip(
	    clang_Cursor_getArgument(call, (unsigned)q->arg[API_DATASPACE]));
	/* Through copies and conversions of the capability. */
	for (unsigned depth = 0; depth < EVAL_MAX_DEPTH &&
				 clang_getCursorKind(ds) == CXCursor_CallExpr &&
				 is_construction(ds);
	     depth++) {
		kids ks;
		kids_of(ds, &ks);
		if (ks.nexpr != 1)
			return;
		ds = strip(ks.expr[0]);
	}
	callee = clang_getCursorReferenced(ds);
	if (clang_getCursorKind(ds) != CXCursor_CallExpr ||
	    clang_getCursorKind(callee) != CXCursor_CXXMethod)
		return;
	sp = clang_getCursorSpelling(callee);
	is_ds = !strcmp(clang_getCString(sp), "dataspace");
	clang_disposeString(sp);
	if (!is_ds || !sub_map_of(x, call_object(ds), 0, &m) ||
	    m.size.state != VAL_KNOWN ||
	    (rq->has_offset && (rq->offset_unknown || rq->offset > m.size.v)))
		return;
	rq->size = m.size.v - (rq->has_offset ? rq->offset : 0);
	rq->size_unknown = false;
	rq->size_whole = false; /* the whole of a size now known */
}

static void on_call(visit_ctx *x, CXCursor call)
{
	CXCursor callee;
	const api_rule *q;
	val v[API_NROLES];
	request rq = {0};

	if (!(q = rule_of_call(x, call, &callee)))
		return;
	eval_roles(&x->ev, call, callee, q, v);
	fill_request(q, v, &rq);
	if (q->kind == REQ_ATTACH) {
		into_sub_map(x, call, &rq);
		whole_sub_map(x, call, q, v, &rq);
	}
	/* In a generic lambda's instantiation: at the closure's call. */
	call_place(x->ev.nframes ? x->place : call, &rq.line, &rq.column);
	rq.call = qualified_name(callee);
	rq.rule = q->id;
	rq.file = x->it->f->display;
	rq.name = rq.call ? vl_strprintf("%s@%s:%u", last_component(rq.call),
					 base_name(x->it->f->display), rq.line)
			  : NULL;
	if (!rq.call || !rq.name || !requests_add(&x->it->reqs, &rq))
		x->it->oom = true;
	free(rq.call);
	free(rq.name);
}

static bool is_tag_decl(enum CXCursorKind k)
{
	return k == CXCursor_StructDecl || k == CXCursor_ClassDecl ||
	       k == CXCursor_UnionDecl || k == CXCursor_EnumDecl ||
	       k == CXCursor_ClassTemplate ||
	       k == CXCursor_ClassTemplatePartialSpecialization;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent,
				     CXClientData data);

/* The operator() template of a generic lambda ([&](auto &ds, auto at)
 * {...}), the function its parameters belong to; null otherwise. */
static enum CXChildVisitResult parm_visit(CXCursor c, CXCursor parent,
					  CXClientData data)
{
	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_ParmDecl)
		return CXChildVisit_Continue;
	*(CXCursor *)data = clang_getCursorSemanticParent(c);
	return CXChildVisit_Break;
}

static CXCursor lambda_template(CXCursor lambda)
{
	CXCursor fn = clang_getNullCursor();

	clang_visitChildren(lambda, parm_visit, &fn);
	return clang_getCursorKind(fn) == CXCursor_FunctionTemplate
		   ? fn
		   : clang_getNullCursor();
}

/* A generic lambda's body is a template: a call in it that depends on
 * a parameter names no callee, and none has the arguments' values.  So
 * it is walked where its closure is called, in the instantiation that
 * call makes (clang made it; libclang walks it from the specialization
 * the call names), each parameter bound to the call's argument, and
 * its requests reported at that call: once per call. */
static bool closure_call(visit_ctx *x, CXCursor call)
{
	CXCursor callee = clang_getCursorReferenced(call), tmpl, lambda, def;
	int shift;

	if (clang_getCursorKind(callee) != CXCursor_CXXMethod)
		return false;
	tmpl = clang_getSpecializedCursorTemplate(callee);
	if (clang_getCursorKind(tmpl) != CXCursor_FunctionTemplate ||
	    !cursor_get(&x->generic, tmpl, &lambda))
		return false;
	cursor_put(&x->called, tmpl, lambda);
	def = clang_getCursorDefinition(callee);
	shift = clang_Cursor_getNumArguments(call) -
		clang_Cursor_getNumArguments(callee);
	if (clang_Cursor_isNull(def) || shift < 0 || shift > 1 ||
	    x->ev.nframes == EVAL_MAX_FRAMES)
		return false;
	CXCursor place = x->place;
	if (!x->ev.nframes)
		x->place = call;
	x->ev.frames[x->ev.nframes++] = (frame){call, def, (unsigned)shift};
	clang_visitChildren(def, visit, x);
	x->ev.nframes--;
	x->place = place;
	return true;
}

/* Calls in the scanned file itself (macros expanded there included);
 * headers are left to the scans of their own files, so a call in a
 * header is not reported once per file that includes it. */
static enum CXChildVisitResult visit(CXCursor c, CXCursor parent,
				     CXClientData data)
{
	visit_ctx *x = data;
	CXFile file;

	/* Where the code was expanded: a macro's calls belong to the line
	 * that uses the macro.  A lambda's instantiation is walked from a
	 * call in the file, wherever it is written. */
	clang_getExpansionLocation(clang_getCursorLocation(c), &file, NULL,
				   NULL, NULL);
	if (file && !x->ev.nframes &&
	    !(x->main_file
		  ? clang_File_isEqual(file, x->main_file)
		  : clang_Location_isFromMainFile(clang_getCursorLocation(c))))
		return CXChildVisit_Continue;
	if (clang_getCursorKind(c) == CXCursor_LambdaExpr) {
		CXCursor tmpl = lambda_template(c);
		if (!clang_Cursor_isNull(tmpl)) {
			if (!grow_lambdas(x))
				return CXChildVisit_Break;
			x->gl[x->ngl++] = (generic_lambda){c, tmpl};
			cursor_put(&x->generic, tmpl, c);
			return CXChildVisit_Continue;
		}
	}
	/* struct X {...} member; declares the struct in the class (or the
	 * file) and again as a child of the member: walked once, where it
	 * is written. */
	if (is_tag_decl(clang_getCursorKind(c)) &&
	    !clang_equalCursors(clang_getCursorLexicalParent(c), parent))
		return CXChildVisit_Continue;
	if (clang_getCursorKind(c) == CXCursor_CallExpr && !closure_call(x, c))
		on_call(x, c);
	if (x->generic.oom || x->called.oom)
		x->it->oom = true;
	return x->it->oom ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* A generic lambda no call in the file instantiates (passed on to a
 * template that calls it): its body where it is written, as libclang
 * walks it, once for each place. */
static void uncalled_lambdas(visit_ctx *x)
{
	for (size_t i = 0; i < x->ngl && !x->it->oom; i++) {
		CXCursor l = x->gl[i].lambda, seen;
		bool again = false;
		if (cursor_get(&x->called, x->gl[i].tmpl, &seen))
			continue;
		for (size_t k = 0; k < i && !again; k++)
			again = clang_equalLocations(
			    clang_getCursorLocation(x->gl[k].lambda),
			    clang_getCursorLocation(l));
		if (!again)
			clang_visitChildren(l, visit, x);
	}
}

/* The one expression a function's body returns, or null. */
static CXCursor returned_only(CXCursor fn)
{
	CXCursor body = vf_body(fn);
	kids ks;

	if (clang_Cursor_isNull(body))
		return body;
	kids_of(body, &ks);
	if (ks.n != 1 ||
	    clang_getCursorKind(ks.first[0]) != CXCursor_ReturnStmt)
		return clang_getNullCursor();
	kids_of(ks.first[0], &ks);
	return ks.nexpr == 1 ? ks.expr[0] : clang_getNullCursor();
}

/* Functions this file defines that return one constant and take no
 * argument, and constants of external linkage it defines with a value
 * (Genode::addr_t const stack_area_virtual_base_value = ...;), for the
 * files that use them (resolve_constants): namespaces are looked into,
 * function bodies not. */
static enum CXChildVisitResult constants_visit(CXCursor c, CXCursor parent,
					       CXClientData data)
{
	visit_ctx *x = data;
	CXCursor ret = clang_getNullCursor();

	(void)parent;
	if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)))
		return CXChildVisit_Continue;
	switch (clang_getCursorKind(c)) {
	case CXCursor_Namespace:
	case CXCursor_LinkageSpec:
	case CXCursor_UnexposedDecl:
		return CXChildVisit_Recurse;
	case CXCursor_FunctionDecl:
		if (clang_isCursorDefinition(c) &&
		    !clang_Cursor_getNumArguments(c))
			ret = returned_only(c);
		break;
	case CXCursor_VarDecl:
		if (clang_isCursorDefinition(c) &&
		    clang_getCursorLinkage(c) == CXLinkage_External &&
		    clang_isConstQualifiedType(clang_getCursorType(c)))
			ret = clang_Cursor_getVarDeclInitializer(c);
		break;
	default:
		return CXChildVisit_Continue;
	}
	if (clang_Cursor_isNull(ret))
		return CXChildVisit_Continue;
	eval_ctx ctx = {.flow = x->flow};
	val r = converted(eval_expr(&ctx, ret, 0),
			  clang_getCursorKind(c) == CXCursor_VarDecl
			      ? clang_getCursorType(c)
			      : clang_getCursorResultType(c));
	CXString usr = clang_getCursorUSR(c);
	if (r.state == VAL_KNOWN && *clang_getCString(usr) &&
	    !requests_add_const(&x->it->reqs, clang_getCString(usr), r.v))
		x->it->oom = true;
	clang_disposeString(usr);
	return x->it->oom ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* ---- Parsing one file ---------------------------------------------------- */

/* What a parse process is doing, for the note when it dies. */
enum { PHASE_PARSE = 1, PHASE_WALK };

typedef struct scan_job {
	const source_opts *o;
	scan_item *items;
	size_t n;
	const char *resource_dir;
	size_t *parse; /* the items that are parsed, by parse number */
	size_t nparse;
	size_t done;
	iso_limits limits;
	bool whole_db; /* every file of a compile database is scanned */
} scan_job;

static const char *parse_error_name(enum CXErrorCode ec)
{
	switch (ec) {
	case CXError_Crashed:
		return "libclang crashed";
	case CXError_InvalidArguments:
		return "invalid arguments";
	case CXError_ASTReadError:
		return "the compile command was refused";
	default:
		return "failure";
	}
}

static void note(scan_item *it, unsigned line, unsigned col, const char *fmt,
		 ...) __attribute__((format(printf, 4, 5)));

static void note(scan_item *it, unsigned line, unsigned col, const char *fmt,
		 ...)
{
	va_list ap;
	char *msg = NULL;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	if (!msg || !vl_diags_add(&it->notes, VL_RULE_UNDETERMINED,
				  it->f->display, line, col, "%s", msg))
		it->oom = true;
	free(msg);
}

/* An #include whose file clang did not find ("'vmm/guest_memory.h' file
 * not found"): a warning of its own at the #include, because the calls
 * that need the header's declarations are not checked, and a build that
 * lacks an -I looks clean otherwise. */
static void missing_header(CXDiagnostic d, CXFile main_file, scan_item *it)
{
	CXString msg = clang_getDiagnosticSpelling(d);
	const char *text = clang_getCString(msg);
	const char *end = text ? strstr(text, "' file not found") : NULL;

	if (end && text[0] == '\'') {
		CXFile file;
		unsigned line, col;
		clang_getExpansionLocation(clang_getDiagnosticLocation(d),
					   &file, &line, &col, NULL);
		CXString fname = clang_getFileName(file);
		bool in_main = clang_File_isEqual(file, main_file);
		const char *where =
		    in_main ? it->f->display : clang_getCString(fname);
		if (!vl_diags_add(&it->notes, VL_RULE_MISSING_HEADER,
				  where ? where : it->f->display, line, col,
				  "header %.*s' not found: calls that need "
				  "its declarations are not checked; give its "
				  "folder with -I (in compile_commands.json, "
				  "after --, or with --extra-arg=-IDIR)",
				  (int)(end - text), text))
			it->oom = true;
		clang_disposeString(fname);
	}
	clang_disposeString(msg);
}

/* One note for all parse errors: how many, and the first.  Errors without
 * a place are about the command line ("unknown argument" for a gcc
 * option): clang goes on without the option, so they count only to
 * explain errors that do have a place.  Each header not found is also a
 * warning (missing_header). */
static void summarise_errors(CXTranslationUnit tu, CXFile main_file,
			     scan_item *it)
{
	unsigned n = clang_getNumDiagnostics(tu), nerr = 0, nopt = 0;
	CXDiagnostic first = NULL, first_opt = NULL;

	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		CXFile file;
		bool keep = false;
		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			clang_getExpansionLocation(
			    clang_getDiagnosticLocation(d), &file, NULL, NULL,
			    NULL);
			if (file)
				missing_header(d, main_file, it);
			if (file && !nerr++)
				first = d;
			else if (!file && !nopt++)
				first_opt = d;
			keep = d == first || d == first_opt;
		}
		if (!keep)
			clang_disposeDiagnostic(d);
	}
	it->parse_errors = nerr != 0;
	if (nerr) {
		CXFile file;
		unsigned line, col;
		CXString msg = clang_getDiagnosticSpelling(first);
		clang_getExpansionLocation(clang_getDiagnosticLocation(first),
					   &file, &line, &col, NULL);
		bool in_main = clang_File_isEqual(file, main_file);
		CXString fname = clang_getFileName(file);
		char *also = NULL;
		if (nopt) {
			CXString opt = clang_getDiagnosticSpelling(first_opt);
			also = vl_strprintf("; clang also refused %u option%s "
					    "of the command, the first: %s",
					    nopt, nopt == 1 ? "" : "s",
					    clang_getCString(opt));
			clang_disposeString(opt);
			if (!also)
				it->oom = true;
		}
		note(it, in_main ? line : 0, in_main ? col : 0,
		     "%u error%s while parsing, the first: %s:%u:%u: %s%s; "
		     "calls that did resolve are still checked",
		     nerr, nerr == 1 ? "" : "s",
		     in_main ? it->f->display : clang_getCString(fname), line,
		     col, clang_getCString(msg), also ? also : "");
		free(also);
		clang_disposeString(fname);
		clang_disposeString(msg);
	}
	if (first)
		clang_disposeDiagnostic(first);
	if (first_opt)
		clang_disposeDiagnostic(first_opt);
}

/* Parse one file and walk it (in a parse process: isolate.c). */
static void scan_one(CXIndex idx, const scan_job *job, scan_item *it)
{
	const unsigned flags = CXTranslationUnit_KeepGoing;
	CXTranslationUnit tu = NULL;
	enum CXErrorCode ec;
	visit_ctx x = {.rules = job->o->rules, .it = it};
	const src_file *f = it->f;

	/* libclang and LLVM print their own account of a crash or of memory
	 * running out; the note about the file says it once. */
	iso_set_phase(PHASE_PARSE);
	iso_quiet(true);
	const char **argv =
	    malloc((f->argc + job->o->nextra + 6) * sizeof(*argv));
	if (!argv) {
		iso_quiet(false);
		it->oom = true;
		return;
	}
	size_t argc = 0;
	if (f->argv) {
		for (size_t i = 0; i < f->argc; i++)
			argv[argc++] = f->argv[i];
	} else {
		argv[argc++] = "-x";
		argv[argc++] = compdb_language(f->display);
	}
	for (size_t i = 0; i < job->o->nextra; i++)
		argv[argc++] = job->o->extra[i];
	argv[argc++] = "-resource-dir";
	argv[argc++] = job->resource_dir;
	/* clang stops after 20 errors by default, and with it template
	 * instantiation: calls in a file with many errors (headers of a
	 * newer C++ than the libclang knows) would vanish silently. */
	argv[argc++] = "-ferror-limit=0";
	if (f->argv)
		ec = clang_parseTranslationUnit2FullArgv(
		    idx, NULL, argv, (int)argc, NULL, 0, flags, &tu);
	else
		ec = clang_parseTranslationUnit2(
		    idx, f->display, argv, (int)argc, NULL, 0, flags, &tu);
	free(argv);
	iso_quiet(false);
	iso_set_phase(PHASE_WALK);
	if (ec != CXError_Success || !tu) {
		it->parse_errors = true;
		note(it, 0, 0, "libclang could not parse this file (%s)%s",
		     parse_error_name(ec),
		     f->argv ? ": check its compile command" : "");
		return;
	}
	CXString main_name = clang_getTranslationUnitSpelling(tu);
	x.main_file = clang_getFile(tu, clang_getCString(main_name));
	clang_disposeString(main_name);
	summarise_errors(tu, x.main_file, it);
	if (!(x.flow = vf_new()))
		it->oom = true;
	else {
		x.ev.flow = x.flow;
		clang_visitChildren(clang_getTranslationUnitCursor(tu), visit,
				    &x);
		uncalled_lambdas(&x);
	}
	if (x.flow && !it->oom)
		clang_visitChildren(clang_getTranslationUnitCursor(tu),
				    constants_visit, &x);
	if (x.flow && vf_oom(x.flow))
		it->oom = true;
	vf_free(x.flow);
	cursor_map_free(&x.inits);
	cursor_map_free(&x.generic);
	cursor_map_free(&x.called);
	free(x.gl);
	clang_disposeTranslationUnit(tu);
}

/* ---- Parse processes -------------------------------------------------- */

/* In a parse process, before its first file.  A crash should end the
 * process, so that its signal says what happened and no file is parsed
 * by a libclang a crash left half-done: its crash recovery is off. */
static void *parser_start(void *ctx)
{
	(void)ctx;
	setenv("LIBCLANG_DISABLE_CRASH_RECOVERY", "1", 1);
	return clang_createIndex(0, 0);
}

static void parser_end(void *ctx, void *state)
{
	(void)ctx;
	if (state)
		clang_disposeIndex(state);
}

/* Parse file k and send back what it gave; false when memory ran out. */
static bool parser_work(void *ctx, void *state, size_t k, wire_buf *out)
{
	const scan_job *job = ctx;
	scan_item it = {.f = job->items[job->parse[k]].f};
	bool ok;

	if (!state)
		return false;
	scan_one(state, job, &it);
	/* A byte of its own before the requests and notes: whether the
	 * parse had errors (the summary line counts such files). */
	uint8_t errors = it.parse_errors;
	ok = !it.oom && wire_put_bytes(out, &errors, 1) &&
	     wire_put_scan(out, &it.reqs, &it.notes);
	requests_free(&it.reqs);
	vl_diags_free(&it.notes);
	return ok;
}

static const char *signal_name(int sig, char *buf, size_t size)
{
	const char *abbrev = sigabbrev_np(sig);

	if (abbrev)
		snprintf(buf, size, "SIG%s", abbrev);
	else
		snprintf(buf, size, "signal %d", sig);
	return buf;
}

/* Why a parse process gave no result for the file, in a few words. */
static char *why_stopped(const scan_job *job, const iso_outcome *o)
{
	char sig[32];

	switch (o->end) {
	case ISO_MEMORY:
		return vl_strprintf(
		    "memory limit of %llu MiB reached",
		    (unsigned long long)(job->limits.memory >> 20));
	case ISO_CPU:
		return vl_strprintf("CPU time limit of %u s reached",
				    job->limits.cpu_seconds);
	case ISO_IDLE:
		return vl_strprintf(
		    "it waited %u s without using the CPU, as on "
		    "a FIFO or a terminal it includes",
		    job->limits.idle_seconds);
	case ISO_WALL:
		return vl_strprintf("no result within %u s",
				    job->limits.wall_seconds);
	case ISO_SIGNAL:
		signal_name(o->code, sig, sizeof(sig));
		return o->phase == PHASE_PARSE
			   ? vl_strprintf("libclang crashed: %s", sig)
		       : o->phase == PHASE_WALK
			   ? vl_strprintf("crashed reading the parsed file: %s",
					  sig)
			   : vl_strprintf("its process was killed: %s", sig);
	case ISO_EXIT:
		return vl_strprintf("its process exited with status %d",
				    o->code);
	case ISO_GARBLED:
	case ISO_DONE:
		break;
	}
	return strdup("its process sent no readable result");
}

static void progress(scan_job *job)
{
	if (!job->o->progress)
		return;
	fprintf(stderr, "\rscanning sources: %zu/%zu", job->done, job->n);
	if (job->done == job->n)
		fprintf(stderr, "\r\033[K");
	fflush(stderr);
}

/* In vaslint: what the parse of file k gave, into its item. */
static bool parser_done(void *ctx, size_t k, const iso_outcome *o,
			const uint8_t *p, size_t n)
{
	scan_job *job = ctx;
	scan_item *it = &job->items[job->parse[k]];
	requests reqs = {0};
	vl_diags notes = {0};
	vl_error err = {0};
	char *why = NULL;

	/* Read whole or not at all: a result cut short adds nothing. */
	bool errors = o->end == ISO_DONE && n && p[0];
	if (o->end == ISO_DONE && n) {
		p++;
		n--;
	}
	if (o->end == ISO_DONE && wire_get_scan(p, n, &reqs, &notes, &err)) {
		it->parse_errors = errors;
		for (size_t i = 0; !it->oom && i < reqs.n; i++)
			it->oom = !requests_add(&it->reqs, &reqs.v[i]);
		for (size_t i = 0; !it->oom && i < reqs.nconsts; i++)
			it->oom =
			    !requests_add_const(&it->reqs, reqs.consts[i].usr,
						reqs.consts[i].value);
		it->oom = it->oom || !vl_diags_append(&it->notes, &notes);
	} else if (o->end == ISO_DONE) {
		if (!strcmp(err.msg, "out of memory"))
			it->oom = true;
		else if (!(why = vl_strprintf(
			       "its result could not be read: %s", err.msg)))
			it->oom = true;
	} else if (!(why = why_stopped(job, o))) {
		it->oom = true;
	}
	requests_free(&reqs);
	vl_diags_free(&notes);
	vl_error_free(&err);
	if (why) {
		it->parse_errors = true;
		note(it, 0, 0,
		     "the parse stopped (%s); nothing from this file was "
		     "checked",
		     why);
	}
	free(why);
	job->done++;
	progress(job);
	return !it->oom;
}
/* ---- Merging ------------------------------------------------------------- */

typedef struct ranked {
	request q;
	size_t seq;
} ranked;

static int cmp_place(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	int c = strcmp(x->q.file ? x->q.file : "", y->q.file ? y->q.file : "");

	if (c)
		return c;
	if (x->q.line != y->q.line)
		return x->q.line < y->q.line ? -1 : 1;
	if (x->q.column != y->q.column)
		return x->q.column < y->q.column ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static bool sort_from(requests *r, size_t from)
{
	size_t n = r->n - from;
	ranked *v = malloc((n ? n : 1) * sizeof(*v));

	if (!v)
		return false;
	for (size_t i = 0; i < n; i++)
		v[i] = (ranked){r->v[from + i], i};
	qsort(v, n, sizeof(*v), cmp_place);
	for (size_t i = 0; i < n; i++)
		r->v[from + i] = v[i].q;
	free(v);
	return true;
}

static int cmp_name(const void *a, const void *b, void *ctx)
{
	const requests *r = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(r->v[x].name, r->v[y].name);

	return c ? c : x < y ? -1 : x > y;
}

/* Names are callee@file:line; where two calls share one, both become
 * callee@path:line:column, and calls at the very same place (one macro
 * with two calls) get #2, #3, ... */
static bool unique_names(requests *r, size_t from)
{
	size_t n = r->n - from;
	size_t *ix = malloc((n ? n : 1) * sizeof(*ix));

	if (!ix)
		return false;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++)
			ix[i] = from + i;
		qsort_r(ix, n, sizeof(*ix), cmp_name, r);
		for (size_t i = 0; i < n;) {
			size_t j = i + 1;
			while (j < n &&
			       !strcmp(r->v[ix[i]].name, r->v[ix[j]].name))
				j++;
			for (size_t k = i; j - i > 1 && k < j; k++) {
				request *q = &r->v[ix[k]];
				char *name =
				    pass == 0
					? vl_strprintf("%s@%s:%u:%u",
						       last_component(q->call),
						       q->file, q->line,
						       q->column)
				    : k > i ? vl_strprintf("%s#%zu", q->name,
							   k - i + 1)
					    : strdup(q->name);
				if (!name) {
					free(ix);
					return false;
				}
				free(q->name);
				q->name = name;
			}
			i = j;
		}
	}
	free(ix);
	return true;
}

/* What is said without parsing: a file the database lists that is
 * missing or is no regular file (a FIFO or a device would block or never
 * end), and why a file has no command.  The other files are parsed. */
static bool triage(scan_job *job)
{
	for (size_t i = 0; i < job->n; i++) {
		scan_item *it = &job->items[i];
		const src_file *f = it->f;
		struct stat st;
		if (f->missing)
			note(it, 0, 0,
			     "listed in the compilation database but not "
			     "found: not scanned");
		else if (stat(f->display, &st) == 0 && !S_ISREG(st.st_mode))
			note(it, 0, 0,
			     "listed in the compilation database but not a "
			     "regular file: not scanned");
		else {
			if (f->note)
				note(it, 0, 0, "%s", f->note);
			job->parse[job->nparse++] = i;
		}
		if (it->oom)
			return false;
	}
	return true;
}

/* The limits of one parse.  Its CPU time is bounded, whatever else runs
 * on the machine, and a parse that waits (on a FIFO or a terminal it
 * includes) is stopped after as many seconds; together they bound its
 * time (a parse that uses 1% of a CPU reaches the CPU limit after 100
 * times as long), and no limit on wall-clock time makes the result
 * depend on how busy the machine is. */
static iso_limits parse_limits(const source_opts *o)
{
	unsigned secs =
	    o->parse_seconds ? o->parse_seconds : SOURCE_PARSE_SECONDS;
	unsigned mib =
	    o->parse_memory_mib ? o->parse_memory_mib : SOURCE_PARSE_MEMORY_MIB;

	return (iso_limits){.cpu_seconds = secs,
			    .idle_seconds = secs,
			    .memory = (uint64_t)mib << 20,
			    .stack = PARSE_STACK_SIZE};
}

/* ---- Constants from other files ----------------------------------------- */

/* A value that is what a function defined in another file returns
 * (Genode's stack_area_virtual_base() in its own .cc): each file's scan
 * sends, with its requests, the functions it defines whose body returns
 * one constant; with every file scanned, the requests' values that wait
 * for such a function take its value here.  A function that two files
 * define with different values (two configurations) stays unknown. */

static int cmp_const(const void *a, const void *b)
{
	const req_const *x = a, *y = b;
	int c = strcmp(x->usr, y->usr);

	return c ? c : x->value < y->value ? -1 : x->value > y->value;
}

/* The one value usr has among the n sorted constants; false: none, or
 * two different ones. */
static bool const_of(const req_const *v, size_t n, const char *usr,
		     uint64_t *value)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(v[mid].usr, usr) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == n || strcmp(v[lo].usr, usr))
		return false;
	*value = v[lo].value;
	return lo + 1 == n || strcmp(v[lo + 1].usr, usr) ||
	       v[lo + 1].value == *value;
}

/* Value i of q resolved to x, or its why saying that no file defines it. */
static bool resolve_value(request *q, int i, const req_const *v, size_t n,
			  bool whole_db)
{
	bool *unknown_flag[REQ_NVALUES] = {&q->size_unknown, &q->at_unknown,
					   &q->offset_unknown};
	uint64_t *value[REQ_NVALUES] = {&q->size, &q->at, &q->offset};
	const char **why[REQ_NVALUES] = {&q->size_why, &q->at_why,
					 &q->offset_why};
	unsigned bits = q->sym_bits[i];
	uint64_t x;

	if (const_of(v, n, q->sym[i], &x)) {
		x += *value[i];
		if (bits && bits < 64)
			x &= (UINT64_C(1) << bits) - 1;
		*value[i] = x;
		*unknown_flag[i] = false;
		free((char *)*why[i]);
		*why[i] = NULL;
	} else {
		char *s = vl_strprintf(
		    "%s, nor in %s", *why[i] ? *why[i] : "not defined here",
		    whole_db ? "any file of the compile database"
			     : "the other files scanned");
		if (!s)
			return false;
		free((char *)*why[i]);
		*why[i] = s;
	}
	free((char *)q->sym[i]);
	q->sym[i] = NULL;
	return true;
}

static bool resolve_constants(const scan_job *job, requests *out, size_t from)
{
	req_const *v;
	size_t n = 0;

	for (size_t i = 0; i < job->n; i++)
		n += job->items[i].reqs.nconsts;
	if (!(v = malloc((n ? n : 1) * sizeof(*v))))
		return false;
	n = 0;
	for (size_t i = 0; i < job->n; i++)
		for (size_t k = 0; k < job->items[i].reqs.nconsts; k++)
			v[n++] = job->items[i].reqs.consts[k];
	qsort(v, n, sizeof(*v), cmp_const);
	for (size_t k = from; k < out->n; k++) {
		request *q = &out->v[k];
		bool wanted[REQ_NVALUES] = {q->size_unknown && !q->size_whole,
					    q->fixed && q->at_unknown &&
						!q->fixed_maybe,
					    q->has_offset && q->offset_unknown};
		for (int i = 0; i < REQ_NVALUES; i++) {
			if (!q->sym[i])
				continue;
			if (!wanted[i]) {
				free((char *)q->sym[i]);
				q->sym[i] = NULL;
			} else if (!resolve_value(q, i, v, n, job->whole_db)) {
				free(v);
				return false;
			}
		}
	}
	free(v);
	return true;
}

/* What the summary line says about a scan whose requests are out's from
 * the index from on. */
static void count_scan(const scan_job *job, const requests *out, size_t from,
		       source_stats *st)
{
	st->files += job->nparse;
	for (size_t i = 0; i < job->nparse; i++)
		st->parse_errors += job->items[job->parse[i]].parse_errors;
	for (size_t i = from; i < out->n; i++) {
		const request *q = &out->v[i];
		st->requests++;
		st->unknown += (q->size_unknown && !q->size_whole) ||
			       q->at_unknown || q->offset_unknown;
	}
}

bool source_scan(const source_opts *o, char **files, size_t nfiles,
		 requests *out, vl_diags *notes, vl_error *err)
{
	src_files list = {0};
	scan_job job = {.o = o};
	char *dir = NULL;
	size_t from = out->n;
	bool ok = false;

	if (!o->rules)
		return vl_fail(err, NULL, 0, 0, "no API rules to scan with");
	if (!clangapi_load(err))
		return false;
	if (!(dir = resource_dir(o, err)))
		goto done;
	if (o->has_fixed
		? !compdb_collect_fixed(files, nfiles, o->fixed, o->nfixed,
					&list, err)
		: !compdb_collect(o->compdb_dir, files, nfiles, &list, err))
		goto done;
	job.items = calloc(list.n ? list.n : 1, sizeof(*job.items));
	job.parse = calloc(list.n ? list.n : 1, sizeof(*job.parse));
	if (!job.items || !job.parse) {
		oom(err);
		goto done;
	}
	for (size_t i = 0; i < list.n; i++)
		job.items[i].f = &list.v[i];
	job.n = list.n;
	job.resource_dir = dir;
	job.limits = parse_limits(o);
	job.whole_db = o->compdb_dir && !nfiles && !o->has_fixed;
	if (!triage(&job)) {
		oom(err);
		goto done;
	}
	job.done = job.n - job.nparse;
	iso_job parsers = {
	    job.nparse,	  o->jobs ? o->jobs : 1, job.limits, &job,
	    parser_start, parser_work,		 parser_end, parser_done};
	if (!iso_run(&parsers, err))
		goto done;
	ok = true;
	for (size_t i = 0; ok && i < job.n; i++) {
		scan_item *it = &job.items[i];
		if (it->oom) {
			ok = oom(err);
			break;
		}
		for (size_t k = 0; ok && k < it->reqs.n; k++)
			ok = requests_add(out, &it->reqs.v[k]) || oom(err);
		ok = ok && (vl_diags_append(notes, &it->notes) || oom(err));
	}
	ok = ok && (resolve_constants(&job, out, from) || oom(err));
	ok = ok &&
	     ((sort_from(out, from) && unique_names(out, from)) || oom(err));
	if (ok && o->stats)
		count_scan(&job, out, from, o->stats);
done:
	for (size_t i = 0; job.items && i < job.n; i++) {
		requests_free(&job.items[i].reqs);
		vl_diags_free(&job.items[i].notes);
	}
	free(job.items);
	free(job.parse);
	compdb_free(&list);
	free(dir);
	return ok;
}
