/* Data flow of local variables inside one function body (valflow.h).
 *
 * The walk numbers the nodes of a body in source order (pre-order), so
 * "before" is a smaller number, also inside a macro's expansion where all
 * nodes share one place.  A write takes effect after its whole
 * expression (len = len + 1 reads the old len).  Every child of an if,
 * loop, switch, ?:, && or ||, try/catch and lambda is a region of its own:
 * an assignment counts for a use only when its innermost region holds the
 * use too, so a write in a branch the use is not in makes the value
 * unknown, never one of the two guessed. */
#include "clangapi.h"
#include "valflow.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "grow.h"

typedef enum ev_kind {
	EV_DECL,
	EV_ASSIGN,
	EV_COMPOUND,
	EV_ESCAPE,  /* address taken, non-const reference, non-const method */
	EV_CLOBBER, /* a write not followed (a.b.c = ..., an unknown op) */
} ev_kind;

typedef struct event {
	unsigned var, field; /* clang_hashCursor of the decls; field 0: all */
	unsigned order;	     /* where it takes effect */
	int region;	     /* innermost region, -1: the body itself */
	ev_kind kind;
	CXCursor decl, expr, lhs;
	char op[4];
	unsigned line;
	const char *what; /* EV_ESCAPE, EV_CLOBBER: how, for the why */
	vf_memo memo;
	size_t escape; /* the variable's first escape; nev: none */
} event;

typedef enum rg_kind { RG_BRANCH, RG_LOOP, RG_LAMBDA } rg_kind;

typedef struct region {
	unsigned start, end; /* orders [start, end) */
	unsigned stmt_end;   /* RG_LOOP: the end of the whole loop */
	int parent;
	rg_kind kind;
} region;

typedef struct ref {
	unsigned hash, order;
	int region;
	CXCursor c;
} ref;

typedef struct func {
	unsigned hash;
	CXCursor fn;
	event *ev;
	size_t nev, cev;
	region *rg;
	size_t nrg, crg;
	ref *refs;
	size_t nrefs, crefs;
	unsigned *labels; /* orders of case, default and label statements */
	size_t nlabels, clabels;
	/* Label statements and gotos; a goto to a label before it is a
	 * loop from the label to the goto. */
	struct jump {
		CXCursor c;	/* the label statement, or a goto's target */
		unsigned order; /* of the label, or of the goto */
		unsigned label; /* a goto's: the order of its label */
	} * named, *gotos;
	size_t nnamed, cnamed, ngotos, cgotos;
	bool wild_goto; /* a computed goto, or too many: any write reaches */
	bool oom;
} func;

/* Gotos matched with their labels; past it, any write after a use in
 * the function counts as reaching it (still O(n log n)). */
#define MAX_GOTOS 64

/* A file-scope static that the file may change, by hash. */
typedef struct written {
	unsigned hash;
	CXCursor var;
	unsigned line;
} written;

/* A class whose constructors were read, for the questions about its
 * data members (vf_member_inits). */
typedef struct minit {
	unsigned hash; /* of the member */
	CXCursor expr;
} minit;

typedef struct mmemo {
	unsigned hash; /* of the member */
	vf_memo memo;
} mmemo;

typedef struct klass {
	unsigned hash;
	CXCursor cls;
	const char *why; /* its members are not followed: why */
	minit *mi;	 /* every mem-initializer, sorted by member */
	size_t nmi, cmi;
	CXCursor *expr; /* mi's expressions, in mi's order */
	size_t nctors;	/* 0: only the constructors the compiler makes */
	mmemo *memo;	/* one per member, sorted */
	size_t nmemo, cmemo;
} klass;

struct vf_cache {
	func **fn; /* open addressing by hash; NULL: free */
	size_t cap, n;
	klass **cls; /* open addressing by hash; NULL: free */
	size_t ccap, cn;
	/* Writes of file-scope statics, of data members and brace
	 * initializations of classes (by the class), sorted by hash once
	 * statics_done. */
	written *wr;
	size_t nwr, cwr;
	bool statics_done;
	char **says;
	size_t nsays, csays;
	bool oom;
};

/* ---- Small helpers ------------------------------------------------------ */


unsigned vf_line(CXCursor c)
{
	unsigned line = 0;

	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, &line,
				   NULL, NULL);
	return line;
}

const char *vf_say(vf_cache *fc, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (!s || !vl_grow((void **)&fc->says, &fc->csays, fc->nsays,
			sizeof(*fc->says))) {
		free(s);
		fc->oom = true;
		return "out of memory";
	}
	fc->says[fc->nsays++] = s;
	return s;
}

/* ---- Children ------------------------------------------------------------ */

/* Children; most nodes have few, kept in the list itself. */
typedef struct kidlist {
	CXCursor *v;
	size_t n, cap;
	bool oom;
	CXCursor inl[6];
} kidlist;

static void kids_free(kidlist *k)
{
	if (k->v != k->inl)
		free(k->v);
}

static enum CXChildVisitResult kid_visit(CXCursor c, CXCursor parent,
					 CXClientData data)
{
	kidlist *k = data;

	(void)parent;
	if (k->n == k->cap) {
		size_t cap = 4 * k->cap;
		CXCursor *v = k->v == k->inl ? malloc(cap * sizeof(*v))
					     : realloc(k->v, cap * sizeof(*v));
		if (!v) {
			k->oom = true;
			return CXChildVisit_Break;
		}
		if (k->v == k->inl)
			memcpy(v, k->inl, sizeof(k->inl));
		k->v = v;
		k->cap = cap;
	}
	k->v[k->n++] = c;
	return CXChildVisit_Continue;
}

static bool kids_all(CXCursor c, kidlist *k)
{
	k->v = k->inl;
	k->n = 0;
	k->cap = sizeof(k->inl) / sizeof(k->inl[0]);
	k->oom = false;
	clang_visitChildren(c, kid_visit, k);
	return !k->oom;
}

/* The one expression child of a wrapper (parentheses, an implicit
 * conversion), or null. */
static CXCursor only_child(CXCursor c)
{
	kidlist k;
	CXCursor r = clang_getNullCursor();

	if (kids_all(c, &k) && k.n == 1)
		r = k.v[0];
	kids_free(&k);
	return r;
}

static CXCursor unwrap(CXCursor c)
{
	for (int i = 0; i < 16; i++) {
		enum CXCursorKind k = clang_getCursorKind(c);
		if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr)
			break;
		CXCursor o = only_child(c);
		if (clang_Cursor_isNull(o) ||
		    !clang_isExpression(clang_getCursorKind(o)))
			break;
		c = o;
	}
	return c;
}

/* The operator token between two places, where both expand in one file
 * (a macro that holds the operator has it nowhere in the file): only the
 * few tokens between an operand and the next are read, so a long chain
 * a + b + ... costs O(1) a node. */
static void token_between(CXTranslationUnit tu, CXSourceLocation from,
			  CXSourceLocation to, char buf[4])
{
	CXFile f1, f2;
	unsigned o1, o2;
	CXToken *tok = NULL;
	unsigned ntok = 0;

	clang_getExpansionLocation(from, &f1, NULL, NULL, &o1);
	clang_getExpansionLocation(to, &f2, NULL, NULL, &o2);
	if (!f1 || !f2 || !clang_File_isEqual(f1, f2) || o2 <= o1)
		return;
	clang_tokenize(tu,
		       clang_getRange(clang_getLocationForOffset(tu, f1, o1),
				      clang_getLocationForOffset(tu, f1, o2)),
		       &tok, &ntok);
	for (unsigned i = 0; i < ntok && !buf[0]; i++) {
		unsigned at;
		if (clang_getTokenKind(tok[i]) != CXToken_Punctuation)
			continue;
		clang_getExpansionLocation(clang_getTokenLocation(tu, tok[i]),
					   NULL, NULL, NULL, &at);
		CXString s = clang_getTokenSpelling(tu, tok[i]);
		const char *p = clang_getCString(s);
		/* Parentheses close the left operand or open the right. */
		if (at >= o1 && at < o2 && strcmp(p, "(") && strcmp(p, ")") &&
		    strlen(p) < 4)
			snprintf(buf, 4, "%s", p);
		clang_disposeString(s);
	}
	clang_disposeTokens(tu, tok, ntok);
}

void vf_operator(CXCursor c, char buf[4])
{
	CXTranslationUnit tu = clang_Cursor_getTranslationUnit(c);
	CXSourceRange ext = clang_getCursorExtent(c);
	kidlist kids;

	buf[0] = 0;
	if (!kids_all(c, &kids) || !kids.n) {
		kids_free(&kids);
		return;
	}
	CXSourceRange first = clang_getCursorExtent(kids.v[0]);
	if (clang_getCursorKind(c) == CXCursor_UnaryOperator && kids.n == 1) {
		/* Prefix: before the operand; postfix: after it. */
		if (clang_equalLocations(clang_getRangeStart(ext),
					 clang_getRangeStart(first)))
			token_between(tu, clang_getRangeEnd(first),
				      clang_getRangeEnd(ext), buf);
		else
			token_between(tu, clang_getRangeStart(ext),
				      clang_getRangeStart(first), buf);
	} else if (kids.n == 2) {
		token_between(
		    tu, clang_getRangeEnd(first),
		    clang_getRangeStart(clang_getCursorExtent(kids.v[1])), buf);
	}
	kids_free(&kids);
}

/* ---- Which variables are followed ---------------------------------------- */

static bool is_function(enum CXCursorKind k)
{
	return k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod ||
	       k == CXCursor_Constructor || k == CXCursor_Destructor ||
	       k == CXCursor_ConversionFunction ||
	       k == CXCursor_FunctionTemplate;
}

bool vf_is_local(CXCursor var)
{
	return clang_getCursorKind(var) == CXCursor_VarDecl &&
	       is_function(
		   clang_getCursorKind(clang_getCursorSemanticParent(var)));
}

/* ---- Indexing a function --------------------------------------------------
 */

/* A node the walk is inside of: what its end needs. */
typedef struct wframe {
	CXCursor c;
	enum CXCursorKind k;
	int region;   /* the region the node is in */
	int child_rg; /* the region of the child being walked, or -1 */
	int rk;	      /* the kind of its children's regions; -1: none */
	bool all;     /* every child a region (else all but the first) */
	size_t first_rg;
	unsigned nkids;
	CXCursor kids[3]; /* the first children, for its events */
	char op[4];	  /* its operator, where needed; "?": not read */
} wframe;

/* The walk is one clang_visitChildren over the body, its open nodes on a
 * stack of its own: a visit per node would cost a libclang call per node
 * (three quarters of the walk), and recursion a C frame per AST level. */
typedef struct walker {
	func *f;
	unsigned order;
	int region;
	wframe *st;
	size_t n, cap;
} walker;

/* The local variable a write goes to: var = ..., var.field = ... (field
 * set), or a.b.c = ... (*nested). */
static bool target_of(CXCursor lhs, CXCursor *var, CXCursor *field,
		      bool *nested)
{
	CXCursor c = unwrap(lhs), base;

	*field = clang_getNullCursor();
	*nested = false;
	if (clang_getCursorKind(c) == CXCursor_MemberRefExpr) {
		*field = clang_getCursorReferenced(c);
		base = unwrap(only_child(c));
		if (clang_getCursorKind(base) == CXCursor_MemberRefExpr) {
			*nested = true;
			while (clang_getCursorKind(base) ==
			       CXCursor_MemberRefExpr) {
				*field = clang_getCursorReferenced(base);
				base = unwrap(only_child(base));
			}
		}
		c = base;
	}
	if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
		return false;
	*var = clang_getCursorReferenced(c);
	return vf_is_local(*var);
}

static void add_event(walker *w, ev_kind kind, CXCursor at, CXCursor var,
		      CXCursor field, CXCursor expr, CXCursor lhs,
		      const char *op, const char *what)
{
	func *f = w->f;
	event *e;

	if (!vl_grow((void **)&f->ev, &f->cev, f->nev, sizeof(*f->ev))) {
		f->oom = true;
		return;
	}
	e = &f->ev[f->nev++];
	*e = (event){
	    .var = clang_hashCursor(var),
	    .field = clang_Cursor_isNull(field) ? 0 : clang_hashCursor(field),
	    .order = w->order,
	    .region = w->region,
	    .kind = kind,
	    .decl = var,
	    .expr = expr,
	    .lhs = lhs,
	    .line = vf_line(at),
	    .what = what,
	};
	snprintf(e->op, sizeof(e->op), "%s", op ? op : "");
	/* A field without a hash would read as the whole variable. */
	if (!clang_Cursor_isNull(field) && !e->field)
		e->field = 1;
}

static void write_to(walker *w, CXCursor at, CXCursor lhs, ev_kind kind,
		     CXCursor expr, const char *op)
{
	CXCursor var, field;
	bool nested;

	if (!target_of(lhs, &var, &field, &nested))
		return;
	if (nested)
		add_event(w, EV_CLOBBER, at, var, field, expr, lhs, op,
			  "a member of a member is assigned");
	else
		add_event(w, kind, at, var, field, expr, lhs, op,
			  kind == EV_CLOBBER
			      ? "an operator in a macro writes it"
			      : NULL);
}

static void escape(walker *w, CXCursor at, CXCursor arg, const char *what)
{
	CXCursor var, field;
	bool nested;

	/* Whatever part of it escapes, all of it may change. */
	if (target_of(arg, &var, &field, &nested))
		add_event(w, EV_ESCAPE, at, var, clang_getNullCursor(),
			  clang_getNullCursor(), clang_getNullCursor(), NULL,
			  what);
}

static bool mutable_reference(CXType t)
{
	t = clang_getCanonicalType(t);
	if (t.kind == CXType_RValueReference)
		return true;
	return t.kind == CXType_LValueReference &&
	       !clang_isConstQualifiedType(clang_getPointeeType(t));
}

/* Arguments bound to non-const references, and a non-const method called
 * on a local object, may change it; so does any argument of a call whose
 * callee is not known (a template's dependent call). */
static void call_escapes(walker *w, CXCursor call, const kidlist *kids)
{
	CXCursor callee = clang_getCursorReferenced(call);
	int nargs = clang_Cursor_getNumArguments(call);
	bool known = !clang_Cursor_isNull(callee);
	int nparams = known ? clang_Cursor_getNumArguments(callee) : -1;

	for (int i = 0; i < nargs; i++) {
		CXCursor a = clang_Cursor_getArgument(call, (unsigned)i);
		CXCursor p = i < nparams
				 ? clang_Cursor_getArgument(callee, (unsigned)i)
				 : clang_getNullCursor();
		if (!known || (!clang_Cursor_isNull(p) &&
			       mutable_reference(clang_getCursorType(p))))
			escape(w, a, a,
			       known ? "passed by non-const reference"
				     : "passed to a call that is not resolved");
	}
	if (kids->n &&
	    clang_getCursorKind(kids->v[0]) == CXCursor_MemberRefExpr &&
	    (!known || (clang_getCursorKind(callee) == CXCursor_CXXMethod &&
			!clang_CXXMethod_isConst(callee) &&
			!clang_CXXMethod_isStatic(callee))))
		escape(w, kids->v[0], only_child(kids->v[0]),
		       "a non-const method is called on it");
}

static bool is_operator_assign(CXCursor callee)
{
	CXString s = clang_getCursorSpelling(callee);
	bool eq = !strcmp(clang_getCString(s), "operator=");

	clang_disposeString(s);
	return eq;
}

/* A local variable (or its member) as an operand that is not read but
 * written or pointed at: clang converts an operand it reads (an
 * implicit cast, an unexposed expression in libclang), and never the
 * left side of an assignment, nor the operand of & or ++. */
static bool bare_local(CXCursor c)
{
	CXCursor var, field;
	bool nested;

	while (clang_getCursorKind(c) == CXCursor_ParenExpr)
		c = only_child(c);
	return (clang_getCursorKind(c) == CXCursor_DeclRefExpr ||
		clang_getCursorKind(c) == CXCursor_MemberRefExpr) &&
	       target_of(c, &var, &field, &nested);
}

/* The operator of c where the walk needs it, an operator that may write
 * a local; "?" where it does not (reading tokens was two thirds of the
 * walk's time). */
static void walk_operator(CXCursor c, const kidlist *kids, char op[4])
{
	strcpy(op, "?");
	switch (clang_getCursorKind(c)) {
	case CXCursor_BinaryOperator:
	case CXCursor_CompoundAssignOperator:
	case CXCursor_UnaryOperator:
		if (kids->n && bare_local(kids->v[0]))
			vf_operator(c, op);
		break;
	default:
		break;
	}
}

/* The events a node makes, after its children were walked. */
static void events_of(walker *w, CXCursor c, const kidlist *kids, char *op)
{
	switch (clang_getCursorKind(c)) {
	case CXCursor_VarDecl:
		if (vf_is_local(c)) {
			add_event(w, EV_DECL, c, c, clang_getNullCursor(),
				  clang_Cursor_getVarDeclInitializer(c),
				  clang_getNullCursor(), NULL, NULL);
			if (mutable_reference(clang_getCursorType(c)))
				escape(w, c,
				       clang_Cursor_getVarDeclInitializer(c),
				       "bound to a non-const reference");
		}
		break;
	case CXCursor_BinaryOperator:
		if (kids->n == 2 && !strcmp(op, "="))
			write_to(w, c, kids->v[0], EV_ASSIGN, kids->v[1], NULL);
		else if (kids->n == 2 && !*op)
			write_to(w, c, kids->v[0], EV_CLOBBER, kids->v[1],
				 NULL);
		break;
	case CXCursor_CompoundAssignOperator:
		if (kids->n == 2 && strlen(op) >= 2) {
			op[strlen(op) - 1] = 0;
			write_to(w, c, kids->v[0], EV_COMPOUND, kids->v[1], op);
		} else if (kids->n == 2) {
			write_to(w, c, kids->v[0], EV_CLOBBER, kids->v[1],
				 NULL);
		}
		break;
	case CXCursor_UnaryOperator:
		if (kids->n != 1)
			break;
		if (!strcmp(op, "&"))
			escape(w, c, kids->v[0], "its address is taken");
		else if (!*op)
			escape(w, c, kids->v[0],
			       "an operator in a macro is applied to it");
		else if (!strcmp(op, "++") || !strcmp(op, "--")) {
			op[1] = 0;
			write_to(w, c, kids->v[0], EV_COMPOUND,
				 clang_getNullCursor(), op);
		}
		break;
	case CXCursor_CallExpr: {
		CXCursor callee = clang_getCursorReferenced(c);
		if (!clang_Cursor_isNull(callee) &&
		    is_operator_assign(callee) && kids->n == 3)
			write_to(w, c, kids->v[0], EV_ASSIGN, kids->v[2], NULL);
		else
			call_escapes(w, c, kids);
		break;
	}
	default:
		break;
	}
}

static rg_kind region_kind(CXCursor c, const char *op, bool *all)
{
	*all = true;
	switch (clang_getCursorKind(c)) {
	case CXCursor_IfStmt:
	case CXCursor_SwitchStmt:
	case CXCursor_CXXTryStmt:
	case CXCursor_CXXCatchStmt:
		return RG_BRANCH;
	case CXCursor_WhileStmt:
	case CXCursor_ForStmt:
	case CXCursor_DoStmt:
	case CXCursor_CXXForRangeStmt:
		return RG_LOOP;
	case CXCursor_LambdaExpr:
	case CXCursor_BlockExpr:
		return RG_LAMBDA;
	case CXCursor_ConditionalOperator:
		*all = false; /* the condition always runs */
		return RG_BRANCH;
	case CXCursor_BinaryOperator: {
		/* && and || are int or bool; an operator not read may be
		 * one of them, and counts as one. */
		enum CXTypeKind t =
		    clang_getCanonicalType(clang_getCursorType(c)).kind;
		*all = false;
		if (!strcmp(op, "&&") || !strcmp(op, "||") || !*op ||
		    (!strcmp(op, "?") && (t == CXType_Int || t == CXType_Bool)))
			return RG_BRANCH;
		*all = true;
		return (rg_kind)-1;
	}
	default:
		return (rg_kind)-1;
	}
}

static int open_region(walker *w, rg_kind kind)
{
	func *f = w->f;

	if (!vl_grow((void **)&f->rg, &f->crg, f->nrg, sizeof(*f->rg))) {
		f->oom = true;
		return -1;
	}
	f->rg[f->nrg] = (region){w->order, w->order, 0, w->region, kind};
	return (int)f->nrg++;
}

static void add_ref(walker *w, CXCursor c, unsigned order)
{
	func *f = w->f;

	if (!vl_grow((void **)&f->refs, &f->crefs, f->nrefs, sizeof(*f->refs))) {
		f->oom = true;
		return;
	}
	f->refs[f->nrefs++] = (ref){clang_hashCursor(c), order, w->region, c};
}

static void add_jump(func *f, struct jump **v, size_t *n, size_t *cap,
		     CXCursor c, unsigned order)
{
	if (*n >= MAX_GOTOS || clang_Cursor_isNull(c)) {
		f->wild_goto = true;
		return;
	}
	if (!vl_grow((void **)v, cap, *n, sizeof(**v))) {
		f->oom = true;
		return;
	}
	(*v)[(*n)++] = (struct jump){c, order, 0};
}

/* Each goto's label, by its order (at most MAX_GOTOS squared
 * comparisons); a goto whose label is not found makes every write count. */
static void match_gotos(func *f)
{
	for (size_t i = 0; i < f->ngotos; i++) {
		size_t k = 0;
		/* One label statement, reached two ways: its place. */
		CXSourceRange at = clang_getCursorExtent(f->gotos[i].c);
		while (k < f->nnamed &&
		       !clang_equalRanges(at,
					  clang_getCursorExtent(f->named[k].c)))
			k++;
		if (k == f->nnamed)
			f->wild_goto = true;
		else
			f->gotos[i].label = f->named[k].order;
	}
}

/* A node's children as the events want them (only the first three are
 * kept: no event looks further). */
static kidlist kids_view(wframe *p)
{
	kidlist k = {.v = p->kids, .n = p->nkids, .cap = 3};

	return k;
}

static void enter(walker *w, CXCursor c)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	unsigned me = w->order++;
	func *f = w->f;
	wframe *p;

	if (k == CXCursor_DeclRefExpr)
		add_ref(w, c, me);
	else if (k == CXCursor_CaseStmt || k == CXCursor_DefaultStmt ||
		 k == CXCursor_LabelStmt) {
		if (vl_grow((void **)&f->labels, &f->clabels, f->nlabels,
			 sizeof(*f->labels)))
			f->labels[f->nlabels++] = me;
		else
			f->oom = true;
	}
	if (k == CXCursor_LabelStmt)
		add_jump(f, &f->named, &f->nnamed, &f->cnamed, c, me);
	else if (k == CXCursor_GotoStmt)
		add_jump(f, &f->gotos, &f->ngotos, &f->cgotos,
			 clang_getCursorReferenced(only_child(c)), me);
	else if (k == CXCursor_IndirectGotoStmt)
		f->wild_goto = true;
	if (!vl_grow((void **)&w->st, &w->cap, w->n, sizeof(*w->st))) {
		f->oom = true;
		return;
	}
	p = &w->st[w->n++];
	*p = (wframe){.c = c,
		      .k = k,
		      .region = w->region,
		      .child_rg = -1,
		      .first_rg = f->nrg,
		      .op = "?"};
	/* A binary operator's kind is known at its second child. */
	p->rk = k == CXCursor_BinaryOperator
		    ? -1
		    : (int)region_kind(c, p->op, &p->all);
}

static void end_child(walker *w, wframe *p)
{
	if (p->child_rg >= 0)
		w->f->rg[p->child_rg].end = w->order;
	p->child_rg = -1;
}

/* c begins as the next child of p. */
static void child_start(walker *w, wframe *p, CXCursor c)
{
	unsigned i = p->nkids++;

	end_child(w, p);
	if (i < 3)
		p->kids[i] = c;
	if (p->k == CXCursor_BinaryOperator && i == 1) {
		kidlist k = kids_view(p);
		walk_operator(p->c, &k, p->op);
		p->rk = (int)region_kind(p->c, p->op, &p->all);
	}
	w->region = p->region;
	/* An asm statement may write any operand. */
	if (p->k == CXCursor_GCCAsmStmt || p->k == CXCursor_MSAsmStmt)
		escape(w, p->c, c, "an asm statement uses it");
	if (p->rk >= 0 && (p->all || i > 0))
		p->child_rg = open_region(w, (rg_kind)p->rk);
	w->region = p->child_rg >= 0 ? p->child_rg : p->region;
}

static void finish_top(walker *w)
{
	wframe *p = &w->st[w->n - 1];
	kidlist k = kids_view(p);

	end_child(w, p);
	w->region = p->region;
	/* A loop's regions all end where the loop does: a write late in
	 * the body reaches a use early in it on the next round. */
	for (size_t r = p->first_rg; p->rk == RG_LOOP && r < w->f->nrg; r++)
		if (w->f->rg[r].parent == p->region)
			w->f->rg[r].stmt_end = w->order;
	if (p->k != CXCursor_BinaryOperator)
		walk_operator(p->c, &k, p->op);
	events_of(w, p->c, &k, p->op);
	/* An event has a number of its own: the node after it (a case
	 * label) is after it. */
	w->order++;
	w->n--;
}

static enum CXChildVisitResult walk_visit(CXCursor c, CXCursor parent,
					  CXClientData data)
{
	walker *w = data;

	while (w->n > 1 && !clang_equalCursors(w->st[w->n - 1].c, parent))
		finish_top(w);
	child_start(w, &w->st[w->n - 1], c);
	enter(w, c);
	return w->f->oom ? CXChildVisit_Break : CXChildVisit_Recurse;
}

static void walk(walker *w, CXCursor body)
{
	enter(w, body);
	if (w->n)
		clang_visitChildren(body, walk_visit, w);
	while (w->n)
		finish_top(w);
	free(w->st);
}

static int cmp_event(const void *a, const void *b)
{
	const event *x = a, *y = b;

	if (x->var != y->var)
		return x->var < y->var ? -1 : 1;
	if (x->field != y->field)
		return x->field < y->field ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int cmp_ref(const void *a, const void *b)
{
	const ref *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

CXCursor vf_body(CXCursor fn)
{
	kidlist k;
	CXCursor body = clang_getNullCursor();

	if (kids_all(fn, &k))
		for (size_t i = 0; i < k.n; i++)
			if (clang_getCursorKind(k.v[i]) ==
			    CXCursor_CompoundStmt)
				body = k.v[i];
	kids_free(&k);
	return body;
}

/* Each whole-variable event learns where its variable first escapes
 * (escapes are whole-variable events), so a question needs no scan. */
static void note_escapes(func *f)
{
	for (size_t i = 0; i < f->nev;) {
		size_t j = i, esc = f->nev;
		while (j < f->nev && f->ev[j].var == f->ev[i].var &&
		       f->ev[j].field == f->ev[i].field) {
			if (f->ev[j].kind == EV_ESCAPE && esc == f->nev)
				esc = j;
			j++;
		}
		for (; i < j; i++)
			f->ev[i].escape = esc;
	}
}

static func *index_function(CXCursor fn)
{
	func *f = calloc(1, sizeof(*f));
	CXCursor body = vf_body(fn);
	walker w = {f, 0, -1, NULL, 0, 0};

	if (!f)
		return NULL;
	f->fn = fn;
	f->hash = clang_hashCursor(fn);
	/* Parameters' defaults and a constructor's initializers run first;
	 * the body follows. */
	if (!clang_Cursor_isNull(body))
		walk(&w, body);
	match_gotos(f);
	if (f->nev > 1)
		qsort(f->ev, f->nev, sizeof(*f->ev), cmp_event);
	note_escapes(f);
	if (f->nrefs > 1)
		qsort(f->refs, f->nrefs, sizeof(*f->refs), cmp_ref);
	return f;
}

static void func_free(func *f)
{
	if (!f)
		return;
	free(f->ev);
	free(f->rg);
	free(f->refs);
	free(f->labels);
	free(f->named);
	free(f->gotos);
	free(f);
}

/* ---- The cache of indexed functions -------------------------------------- */

vf_cache *vf_new(void)
{
	return calloc(1, sizeof(vf_cache));
}

void vf_free(vf_cache *fc)
{
	if (!fc)
		return;
	for (size_t i = 0; i < fc->cap; i++)
		func_free(fc->fn[i]);
	free(fc->fn);
	for (size_t i = 0; i < fc->ccap; i++)
		if (fc->cls[i]) {
			free(fc->cls[i]->mi);
			free(fc->cls[i]->expr);
			free(fc->cls[i]->memo);
			free(fc->cls[i]);
		}
	free(fc->cls);
	free(fc->wr);
	for (size_t i = 0; i < fc->nsays; i++)
		free(fc->says[i]);
	free(fc->says);
	free(fc);
}

bool vf_oom(const vf_cache *fc)
{
	return fc->oom;
}

static size_t slot_of(func **tab, size_t cap, CXCursor fn, unsigned h)
{
	size_t i = h & (cap - 1);

	while (tab[i] &&
	       !(tab[i]->hash == h && clang_equalCursors(tab[i]->fn, fn)))
		i = (i + 1) & (cap - 1);
	return i;
}

static bool cache_grow(vf_cache *fc)
{
	size_t cap = fc->cap ? 2 * fc->cap : 64;
	func **tab = calloc(cap, sizeof(*tab));

	if (!tab)
		return false;
	for (size_t i = 0; i < fc->cap; i++)
		if (fc->fn[i])
			tab[slot_of(tab, cap, fc->fn[i]->fn, fc->fn[i]->hash)] =
			    fc->fn[i];
	free(fc->fn);
	fc->fn = tab;
	fc->cap = cap;
	return true;
}

static func *function(vf_cache *fc, CXCursor fn)
{
	unsigned h = clang_hashCursor(fn);
	size_t i;

	if ((fc->n + 1) * 2 > fc->cap && !cache_grow(fc)) {
		fc->oom = true;
		return NULL;
	}
	i = slot_of(fc->fn, fc->cap, fn, h);
	if (!fc->fn[i]) {
		if (!(fc->fn[i] = index_function(fn))) {
			fc->oom = true;
			return NULL;
		}
		fc->n++;
	}
	fc->oom = fc->oom || fc->fn[i]->oom;
	return fc->fn[i];
}

/* ---- Questions ------------------------------------------------------------
 */

static const ref *find_ref(const func *f, CXCursor c)
{
	unsigned h = clang_hashCursor(c);
	size_t lo = 0, hi = f->nrefs;
	CXSourceRange ext = clang_getCursorExtent(c);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (f->refs[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Equal hashes are one node, but for a hash collision. */
	for (; lo < f->nrefs && f->refs[lo].hash == h; lo++)
		if (clang_equalRanges(clang_getCursorExtent(f->refs[lo].c),
				      ext))
			return &f->refs[lo];
	return NULL;
}

/* The last event of (var, field) before order, or NULL. */
static const event *last_before(const func *f, unsigned var, unsigned field,
				unsigned order)
{
	size_t lo = 0, hi = f->nev;
	event key = {.var = var, .field = field, .order = order};

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cmp_event(&f->ev[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo || f->ev[lo - 1].var != var || f->ev[lo - 1].field != field)
		return NULL;
	return &f->ev[lo - 1];
}

/* The first event of (var, field) after order, or NULL. */
static const event *first_after(const func *f, unsigned var, unsigned field,
				unsigned order)
{
	size_t lo = 0, hi = f->nev;
	event key = {.var = var, .field = field, .order = order};

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cmp_event(&f->ev[mid], &key) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == f->nev || f->ev[lo].var != var || f->ev[lo].field != field)
		return NULL;
	return &f->ev[lo];
}

/* The first escape of var, or NULL. */
static const event *first_escape(const func *f, unsigned var)
{
	/* Escapes are recorded on the whole variable (field 0). */
	const event *e = first_after(f, var, 0, 0);

	return e && e->escape < f->nev ? &f->ev[e->escape] : NULL;
}

static bool holds(const region *r, unsigned order)
{
	return r->start <= order && order < r->end;
}

static const char *region_words(rg_kind k)
{
	return k == RG_LOOP	? "in a loop"
	       : k == RG_LAMBDA ? "in a lambda"
				: "in a branch";
}

static bool label_between(const func *f, unsigned from, unsigned to,
			  unsigned *order)
{
	size_t lo = 0, hi = f->nlabels;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (f->labels[mid] <= from)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < f->nlabels && f->labels[lo] < to) {
		*order = f->labels[lo];
		return true;
	}
	return false;
}

static bool unknown(vf_def *out, const char *why)
{
	out->kind = VF_UNKNOWN;
	out->why = why;
	return true;
}

/* Of the two events, the later one (either may be NULL). */
static const event *later(const event *a, const event *b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return a->order > b->order ? a : b;
}

/* A write after the use that reaches it: in a loop, or between a label
 * and a goto back to it, that holds the use but not the declaration.
 * *by_goto: a goto made it reach. */
static const event *write_after(const func *f, const ref *use,
				const event *decl, unsigned var, unsigned field,
				bool *by_goto)
{
	unsigned end = 0;

	*by_goto = false;
	for (int r = use->region; r >= 0; r = f->rg[r].parent)
		if (f->rg[r].kind == RG_LOOP && !holds(&f->rg[r], decl->order))
			end = f->rg[r].stmt_end > end ? f->rg[r].stmt_end : end;
	for (size_t i = 0; i < f->ngotos; i++) {
		const struct jump *g = &f->gotos[i];
		if (g->label <= use->order && use->order < g->order &&
		    g->label > decl->order && g->order > end) {
			end = g->order;
			*by_goto = true;
		}
	}
	if (f->wild_goto) {
		end = UINT32_MAX;
		*by_goto = true;
	}
	const event *a = first_after(f, var, 0, use->order);
	const event *b = field ? first_after(f, var, field, use->order) : NULL;
	const event *e = a && b ? (a->order < b->order ? a : b) : a ? a : b;
	return e && e->order <= end ? e : NULL;
}

static bool in_lambda_apart(const func *f, const ref *use, unsigned decl)
{
	for (int r = use->region; r >= 0; r = f->rg[r].parent)
		if (f->rg[r].kind == RG_LAMBDA && !holds(&f->rg[r], decl))
			return true;
	return false;
}

/* The first write of var (after its declaration) anywhere in the
 * function; with a field, only writes of all of var or of that field. */
static bool any_write(const func *f, unsigned var, unsigned field,
		      const event **first)
{
	const event *e = first_after(f, var, 0, 0);

	/* The declaration is the first whole-variable event. */
	if (e && e->kind == EV_DECL)
		e = first_after(f, var, 0, e->order);
	if (!e && field) {
		e = first_after(f, var, field, 0);
	} else if (!e) {
		/* Field events sort after the whole-variable ones. */
		size_t lo = 0, hi = f->nev;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (f->ev[mid].var < var ||
			    (f->ev[mid].var == var && f->ev[mid].field == 0))
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < f->nev && f->ev[lo].var == var)
			e = &f->ev[lo];
	}
	*first = e;
	return e != NULL;
}

static CXCursor function_of(CXCursor var)
{
	CXCursor fn = clang_getCursorSemanticParent(var);
	CXCursor def = clang_getCursorDefinition(fn);

	return clang_Cursor_isNull(def) ? fn : def;
}

/* var or var.field, for a why. */
static const char *var_name(vf_cache *fc, CXCursor var, CXCursor field)
{
	CXString name = clang_getCursorSpelling(var);
	CXString fname = clang_getCursorSpelling(field);
	const char *r = clang_Cursor_isNull(field)
			    ? vf_say(fc, "%s", clang_getCString(name))
			    : vf_say(fc, "%s.%s", clang_getCString(name),
				     clang_getCString(fname));

	clang_disposeString(name);
	clang_disposeString(fname);
	return r;
}

bool vf_lookup(vf_cache *fc, CXCursor use_c, CXCursor var, CXCursor field,
	       vf_def *out)
{
	func *f;
	const ref *use;
	const event *decl, *e, *w;
	unsigned v = clang_hashCursor(var);
	unsigned fl = clang_Cursor_isNull(field) ? 0 : clang_hashCursor(field);
	bool ok = true;

	memset(out, 0, sizeof(*out));
	if (fl == 0 && !clang_Cursor_isNull(field))
		fl = 1;
	if (!(f = function(fc, function_of(var))) ||
	    !(use = find_ref(f, use_c)) || !(decl = first_after(f, v, 0, 0)) ||
	    decl->kind != EV_DECL) {
		ok = false;
		goto done;
	}
	if (clang_isVolatileQualifiedType(clang_getCursorType(var))) {
		unknown(out, vf_say(fc, "'%s' is volatile",
				    var_name(fc, var, field)));
		goto done;
	}
	if (in_lambda_apart(f, use, decl->order)) {
		/* The lambda may run at any time after it is made. */
		if (any_write(f, v, fl, &e))
			unknown(out, vf_say(fc,
					    "'%s' is used in a lambda and "
					    "changed at line %u",
					    var_name(fc, var, field), e->line));
		else
			out->kind = VF_INIT, out->expr = decl->expr;
		out->whole = true;
		goto done;
	}
	if ((e = first_escape(f, v)) && e->order < use->order) {
		unknown(out,
			vf_say(fc,
			       "'%s' may change behind the code: %s "
			       "at line %u",
			       var_name(fc, var, field), e->what, e->line));
		goto done;
	}
	e = later(last_before(f, v, 0, use->order),
		  fl ? last_before(f, v, fl, use->order) : NULL);
	if (!e || e->order > use->order) {
		ok = false;
		goto done;
	}
	unsigned lab;
	if (e->kind != EV_DECL &&
	    label_between(f, e->order, use->order, &lab)) {
		unknown(out, vf_say(fc,
				    "'%s' is assigned at line %u and a jump "
				    "target lies between it and the use",
				    var_name(fc, var, field), e->line));
		goto done;
	}
	if (e->region >= 0 && !holds(&f->rg[e->region], use->order)) {
		unknown(out,
			vf_say(fc, "'%s' is assigned %s at line %u",
			       var_name(fc, var, field),
			       region_words(f->rg[e->region].kind), e->line));
		goto done;
	}
	/* A static local keeps its value from call to call: its
	 * initializer counts only when nothing ever changes it, and a write
	 * made before the use in the same call (checked above) always. */
	if (e->kind == EV_DECL &&
	    clang_Cursor_getStorageClass(var) == CX_SC_Static) {
		if (any_write(f, v, fl, &w))
			unknown(out, vf_say(fc,
					    "'%s' is static and changed at "
					    "line %u",
					    var_name(fc, var, field), w->line));
		else
			out->kind = VF_INIT, out->expr = decl->expr;
		out->whole = true;
		out->zeroed = true;
		goto done;
	}
	bool by_goto;
	if ((w = write_after(f, use, decl, v, fl, &by_goto))) {
		unknown(out, vf_say(fc,
				    by_goto ? "'%s' is assigned at line %u, "
					      "and a goto jumps back over "
					      "the use"
					    : "'%s' is assigned later in the "
					      "loop, at line %u",
				    var_name(fc, var, field), w->line));
		goto done;
	}
	out->whole = e->field == 0;
	out->memo = fl && out->whole ? NULL : (vf_memo *)&e->memo;
	switch (e->kind) {
	case EV_DECL:
		out->kind = VF_INIT;
		out->expr = e->expr;
		break;
	case EV_ASSIGN:
		out->kind = VF_ASSIGN;
		out->expr = e->expr;
		break;
	case EV_COMPOUND:
		out->kind = VF_COMPOUND;
		out->expr = e->expr;
		out->lhs = e->lhs;
		memcpy(out->op, e->op, sizeof(out->op));
		break;
	case EV_ESCAPE:
	case EV_CLOBBER:
		unknown(out,
			vf_say(fc, "'%s' is changed at line %u: %s",
			       var_name(fc, var, field), e->line, e->what));
		break;
	}
done:
	return ok;
}

/* ---- File-scope statics ----------------------------------------------------
 */

/* A variable of this file alone (internal linkage, outside functions):
 * only this file can change it. */
static bool is_file_static(CXCursor var)
{
	return clang_getCursorKind(var) == CXCursor_VarDecl &&
	       !vf_is_local(var) &&
	       clang_getCursorLinkage(var) == CXLinkage_Internal;
}

/* The variable that a.b.c or a names, if it is a file-scope static. */
static bool path_static(CXCursor c, CXCursor *var)
{
	for (int i = 0; i < 64; i++) {
		enum CXCursorKind k = clang_getCursorKind(c);
		if (k == CXCursor_DeclRefExpr) {
			*var = clang_getCursorReferenced(c);
			return is_file_static(*var);
		}
		if (k != CXCursor_MemberRefExpr && k != CXCursor_ParenExpr)
			return false;
		c = only_child(c);
	}
	return false;
}

/* Every use of a static that is not a read: clang converts what it reads
 * (an implicit cast, an unexposed expression in libclang); a.b is read
 * where the outermost member access is, and sizeof (libclang's unary
 * expression) does not evaluate.  So an assignment, &, ++, a non-const
 * reference, a method call, and (to be safe) a copy construction count
 * as changes. */
static enum CXChildVisitResult any_visit(CXCursor c, CXCursor parent,
					 CXClientData data)
{
	(void)c;
	(void)parent;
	*(bool *)data = true;
	return CXChildVisit_Break;
}

static bool has_child(CXCursor c)
{
	bool any = false;

	clang_visitChildren(c, any_visit, &any);
	return any;
}

static bool add_written(vf_cache *fc, CXCursor what, CXCursor at)
{
	if (!vl_grow((void **)&fc->wr, &fc->cwr, fc->nwr, sizeof(*fc->wr))) {
		fc->oom = true;
		return false;
	}
	fc->wr[fc->nwr++] =
	    (written){clang_hashCursor(what), what, vf_line(at)};
	return true;
}

/* Every data member on the path a.b.c (or this->a, a member pointer
 * &X::a): a change of c changes b and a too. */
static bool path_members(vf_cache *fc, CXCursor c, CXCursor at)
{
	for (int i = 0; i < 64; i++) {
		enum CXCursorKind k = clang_getCursorKind(c);
		CXCursor d;
		if (k != CXCursor_MemberRefExpr && k != CXCursor_DeclRefExpr &&
		    k != CXCursor_ParenExpr)
			return true;
		d = clang_getCursorReferenced(c);
		if (k != CXCursor_ParenExpr &&
		    clang_getCursorKind(d) == CXCursor_FieldDecl &&
		    !add_written(fc, d, at))
			return false;
		if (k == CXCursor_DeclRefExpr)
			return true;
		c = only_child(c);
	}
	return true;
}

static enum CXChildVisitResult statics_visit(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	vf_cache *fc = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	enum CXCursorKind pk = clang_getCursorKind(parent);
	CXCursor var;

	if (clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
		return CXChildVisit_Continue;
	if ((k == CXCursor_DeclRefExpr || k == CXCursor_MemberRefExpr ||
	     k == CXCursor_ParenExpr) &&
	    pk != CXCursor_UnexposedExpr && pk != CXCursor_MemberRefExpr &&
	    pk != CXCursor_ParenExpr && pk != CXCursor_UnaryExpr) {
		if (path_static(c, &var) && !add_written(fc, var, c))
			return CXChildVisit_Break;
		if (!path_members(fc, c, c))
			return CXChildVisit_Break;
	}
	/* Braces that fill a class without constructors (an aggregate)
	 * give its members values of their own. */
	if (k == CXCursor_InitListExpr) {
		CXType t = clang_getCanonicalType(clang_getCursorType(c));
		CXCursor cls = clang_getTypeDeclaration(t);
		if (t.kind == CXType_Record && !clang_Cursor_isNull(cls) &&
		    has_child(c) && !add_written(fc, cls, c))
			return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

static int cmp_written(const void *a, const void *b)
{
	const written *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* The first line where the file changes what (a static, a member, a
 * class by braces), 0: nowhere; the first question walks the file. */
static unsigned first_write(vf_cache *fc, CXCursor what)
{
	unsigned h = clang_hashCursor(what);
	size_t lo = 0, hi;

	if (!fc->statics_done) {
		CXTranslationUnit tu = clang_Cursor_getTranslationUnit(what);
		clang_visitChildren(clang_getTranslationUnitCursor(tu),
				    statics_visit, fc);
		if (fc->nwr > 1)
			qsort(fc->wr, fc->nwr, sizeof(*fc->wr),
			      cmp_written);
		fc->statics_done = true;
	}
	for (hi = fc->nwr; lo < hi;) {
		size_t mid = (lo + hi) / 2;
		if (fc->wr[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* A hash shared with another declaration counts against this one;
	 * line 0 (a write in no file) as line 1. */
	if (lo < fc->nwr && fc->wr[lo].hash == h)
		return fc->wr[lo].line ? fc->wr[lo].line : 1;
	return 0;
}

bool vf_static_unchanged(vf_cache *fc, CXCursor var, unsigned *line)
{
	if (!is_file_static(var)) {
		*line = 0;
		return false;
	}
	*line = first_write(fc, var);
	return !*line && !fc->oom;
}

/* ---- Data members -------------------------------------------------------- */

static const char *var_name(vf_cache *fc, CXCursor var, CXCursor field);

static int cmp_minit(const void *a, const void *b)
{
	const minit *x = a, *y = b;

	return x->hash < y->hash ? -1 : x->hash > y->hash;
}

static int cmp_mmemo(const void *a, const void *b)
{
	const mmemo *x = a, *y = b;

	return x->hash < y->hash ? -1 : x->hash > y->hash;
}

typedef struct class_read {
	vf_cache *fc;
	klass *k;
	CXCursor field; /* a mem-initializer's member, then its expression */
} class_read;

static enum CXChildVisitResult mem_init_visit(CXCursor c, CXCursor parent,
					      CXClientData data)
{
	class_read *r = data;
	klass *k = r->k;
	enum CXCursorKind kind = clang_getCursorKind(c);

	(void)parent;
	if (!clang_Cursor_isNull(r->field) && clang_isExpression(kind)) {
		if (!vl_grow((void **)&k->mi, &k->cmi, k->nmi, sizeof(*k->mi))) {
			r->fc->oom = true;
			return CXChildVisit_Break;
		}
		k->mi[k->nmi++] = (minit){clang_hashCursor(r->field), c};
	}
	r->field = kind == CXCursor_MemberRef ? clang_getCursorReferenced(c)
					      : clang_getNullCursor();
	return kind == CXCursor_CompoundStmt ? CXChildVisit_Break
					     : CXChildVisit_Continue;
}

static bool same_spelling(CXCursor a, CXCursor b)
{
	CXString x = clang_getCursorSpelling(a), y = clang_getCursorSpelling(b);
	bool eq = !strcmp(clang_getCString(x), clang_getCString(y));

	clang_disposeString(x);
	clang_disposeString(y);
	return eq;
}

static enum CXChildVisitResult class_visit(CXCursor c, CXCursor parent,
					   CXClientData data)
{
	class_read *r = data;
	klass *k = r->k;
	CXCursor def;

	(void)parent;
	switch (clang_getCursorKind(c)) {
	case CXCursor_FieldDecl:
		if (!vl_grow((void **)&k->memo, &k->cmemo, k->nmemo,
			  sizeof(*k->memo))) {
			r->fc->oom = true;
			return CXChildVisit_Break;
		}
		k->memo[k->nmemo++] = (mmemo){clang_hashCursor(c), {0}};
		break;
	case CXCursor_Constructor:
		k->nctors++;
		def = clang_getCursorDefinition(c);
		if (clang_Cursor_isNull(def)) {
			if (!k->why)
				k->why =
				    vf_say(r->fc,
					   "a constructor of '%s' is not "
					   "defined in this file",
					   var_name(r->fc, k->cls,
						    clang_getNullCursor()));
			break;
		}
		r->field = clang_getNullCursor();
		clang_visitChildren(def, mem_init_visit, r);
		break;
	case CXCursor_FunctionTemplate:
		if (same_spelling(c, k->cls) && !k->why)
			k->why = vf_say(
			    r->fc, "'%s' has a constructor template",
			    var_name(r->fc, k->cls, clang_getNullCursor()));
		break;
	default:
		break;
	}
	return r->fc->oom ? CXChildVisit_Break : CXChildVisit_Continue;
}

static klass *index_class(vf_cache *fc, CXCursor cls)
{
	klass *k = calloc(1, sizeof(*k));
	class_read r = {fc, k, clang_getNullCursor()};

	if (!k)
		return NULL;
	k->hash = clang_hashCursor(cls);
	k->cls = cls;
	if (clang_getCursorKind(cls) == CXCursor_UnionDecl ||
	    clang_Cursor_isAnonymous(cls))
		k->why = vf_say(fc, "a member of a union or an anonymous "
				    "struct is not followed");
	clang_visitChildren(cls, class_visit, &r);
	if (k->nmi > 1)
		qsort(k->mi, k->nmi, sizeof(*k->mi), cmp_minit);
	if (k->nmemo > 1)
		qsort(k->memo, k->nmemo, sizeof(*k->memo), cmp_mmemo);
	k->expr = malloc((k->nmi ? k->nmi : 1) * sizeof(*k->expr));
	if (!k->expr)
		fc->oom = true;
	else
		for (size_t i = 0; i < k->nmi; i++)
			k->expr[i] = k->mi[i].expr;
	return k;
}

static size_t class_slot(klass **tab, size_t cap, CXCursor cls, unsigned h)
{
	size_t i = h & (cap - 1);

	while (tab[i] &&
	       !(tab[i]->hash == h && clang_equalCursors(tab[i]->cls, cls)))
		i = (i + 1) & (cap - 1);
	return i;
}

static klass *class_of(vf_cache *fc, CXCursor cls)
{
	unsigned h = clang_hashCursor(cls);
	size_t i;

	if ((fc->cn + 1) * 2 > fc->ccap) {
		size_t cap = fc->ccap ? 2 * fc->ccap : 16;
		klass **tab = calloc(cap, sizeof(*tab));
		if (!tab) {
			fc->oom = true;
			return NULL;
		}
		for (size_t k = 0; k < fc->ccap; k++)
			if (fc->cls[k])
				tab[class_slot(tab, cap, fc->cls[k]->cls,
					       fc->cls[k]->hash)] = fc->cls[k];
		free(fc->cls);
		fc->cls = tab;
		fc->ccap = cap;
	}
	i = class_slot(fc->cls, fc->ccap, cls, h);
	if (!fc->cls[i]) {
		if (!(fc->cls[i] = index_class(fc, cls))) {
			fc->oom = true;
			return NULL;
		}
		fc->cn++;
	}
	return fc->cls[i];
}

/* The first of the n sorted items of size bytes whose leading unsigned
 * hash is h, or n. */
static size_t first_hash(const void *v, size_t n, size_t size, unsigned h)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		unsigned m;
		memcpy(&m, (const char *)v + mid * size, sizeof(m));
		if (m < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool vf_member_inits(vf_cache *fc, CXCursor field, vf_member *out)
{
	CXCursor cls = clang_getCursorSemanticParent(field);
	unsigned h = clang_hashCursor(field), line;
	bool is_const = clang_isConstQualifiedType(clang_getCursorType(field));
	kidlist kids;
	klass *k;
	size_t i, j;

	memset(out, 0, sizeof(*out));
	out->dmi = clang_getNullCursor();
	if (clang_getCursorKind(field) != CXCursor_FieldDecl ||
	    !(k = class_of(fc, cls)))
		return false;
	/* The default member initializer: after a bit-field's width. */
	if (kids_all(field, &kids)) {
		size_t first = clang_Cursor_isBitField(field) ? 1 : 0;
		for (size_t e = first; e < kids.n; e++)
			if (clang_isExpression(clang_getCursorKind(kids.v[e])))
				out->dmi = kids.v[e];
	}
	kids_free(&kids);
	i = first_hash(k->mi, k->nmi, sizeof(*k->mi), h);
	for (j = i; j < k->nmi && k->mi[j].hash == h; j++)
		;
	out->init = k->expr + i;
	out->ninit = j - i;
	/* Each constructor gives it once at most. */
	out->dmi_used = out->ninit < k->nctors || !k->nctors;
	i = first_hash(k->memo, k->nmemo, sizeof(*k->memo), h);
	out->memo =
	    i < k->nmemo && k->memo[i].hash == h ? &k->memo[i].memo : NULL;
	const char *name = var_name(fc, field, clang_getNullCursor());
	if (k->why)
		out->why = k->why;
	else if (!is_const && (line = first_write(fc, field)))
		out->why = vf_say(fc, "'%s' is changed at line %u", name, line);
	else if ((line = first_write(fc, cls)))
		out->why =
		    vf_say(fc, "'%s' is filled by braces at line %u",
			   var_name(fc, cls, clang_getNullCursor()), line);
	else if ((!is_const || !k->nctors) &&
		 !clang_Location_isFromMainFile(clang_getCursorLocation(cls)))
		/* Other files see the class too, and may change it. */
		out->why = vf_say(fc,
				  "'%s' is a member of a class of a header, "
				  "which other files may change",
				  name);
	return !fc->oom;
}
