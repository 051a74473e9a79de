/* Data flow of local variables inside one function body, for the source
 * scanner (source.c): which assignment gives a local variable (or one
 * field of a local struct) its value where it is used, or why that cannot
 * be known.  It only finds the defining expression; source.c evaluates it.
 *
 * Each function is indexed once, on the first question about one of its
 * variables, and the index is kept for the rest of the file: a walk over
 * its body in source order that records every write of a local variable
 * (initializer, '=', compound assignment, ++/--, member assignment), every
 * way its value may change behind the walk's back (address taken, bound
 * to a non-const reference, a non-const method called on it), the
 * branches, loops and lambdas each lies in, and the jump targets.  Every
 * question is then a few binary searches: O(n log n) for a function of n
 * nodes however many calls in it are asked about. */
#ifndef VASLINT_VALFLOW_H
#define VASLINT_VALFLOW_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct vf_cache vf_cache;

typedef enum vf_kind {
	VF_INIT,     /* the declaration: expr is its initializer, or null */
	VF_ASSIGN,   /* '=': expr is the right-hand side */
	VF_COMPOUND, /* lhs op= expr (expr null: ++ or --, by one) */
	VF_UNKNOWN,  /* why says why */
} vf_kind;

/* What the value after one write came to, kept with the write so that
 * each write is evaluated once however many uses it reaches (source.c
 * fills it in). */
typedef struct vf_memo {
	bool done;
	int state; /* source.c's val_state */
	uint64_t v;
	const char *why;
} vf_memo;

typedef struct vf_def {
	vf_kind kind;
	CXCursor expr;
	CXCursor lhs;	 /* VF_COMPOUND: where the value before it is read */
	char op[4];	 /* VF_COMPOUND: "+", "<<", ... */
	const char *why; /* VF_UNKNOWN; owned by the cache */
	/* Asked for a field: expr is the whole struct (its declaration or
	 * an assignment to all of it), not the field's value. */
	bool whole;
	/* VF_INIT of a variable of static storage: zero before (and
	 * without) its initializer. */
	bool zeroed;
	/* The write's memo; NULL where the answer depends on more than the
	 * write (a field of an assignment to the whole variable). */
	vf_memo *memo;
} vf_def;

/* NULL when memory ran out. */
vf_cache *vf_new(void);
void vf_free(vf_cache *fc);
/* True when memory ran out in a question since vf_new: an answer may then
 * be unknown for that reason alone. */
bool vf_oom(const vf_cache *fc);

/* Is var a variable whose value flow inside its function is followed: a
 * local variable of a function with a body (not a parameter, not one
 * that lives across calls unless it is never written after its
 * initializer)? */
bool vf_is_local(CXCursor var);

/* What defines var (or, with a non-null field, var.field) where ref, a
 * DeclRefExpr to var, reads it.  false: ref was not found in the body of
 * var's function (then nothing is known about it). */
bool vf_lookup(vf_cache *fc, CXCursor ref, CXCursor var, CXCursor field,
	       vf_def *out);

/* Is var a file-scope static (internal linkage) that nothing in its file
 * changes after its initializer, so that the initializer (or zero) is its
 * value everywhere?  false with *line the first change (0: not such a
 * static).  The first question walks the whole file once. */
bool vf_static_unchanged(vf_cache *fc, CXCursor var, unsigned *line);

/* How the objects of a class give a data member its value: every
 * constructor's mem-initializer for it, and its default member
 * initializer where a constructor gives none (or the class has no
 * constructor of its own).  The member's value is known only when all of
 * these agree and nothing else writes it: source.c evaluates them. */
typedef struct vf_member {
	CXCursor dmi;	      /* the default member initializer, or null */
	bool dmi_used;	      /* a constructor (or none) leaves it to dmi */
	const CXCursor *init; /* the mem-initializers, ninit of them */
	size_t ninit;
	/* Why the member's value is not followed: written at a line
	 * outside the initializers, a constructor defined in another
	 * file, ...; NULL: the initializers are all. */
	const char *why;
	vf_memo *memo; /* the value, evaluated once */
} vf_member;

/* What gives the data member field its value in every object of its
 * class.  The whole file is walked once for writes of members (and of
 * statics, vf_static_unchanged), a class's constructors once for all its
 * members.  false: field is no data member, or memory ran out. */
bool vf_member_inits(vf_cache *fc, CXCursor field, vf_member *out);

/* A reason, kept until vf_free ("out of memory" when it could not be). */
const char *vf_say(vf_cache *fc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The operator of a binary or compound-assignment operator cursor ("+",
 * "<<=", "&&"), or of a unary operator ("&", "++", "-"); "" when the tokens
 * do not say (a macro).  buf has room for 4 bytes. */
void vf_operator(CXCursor c, char buf[4]);

/* The body of a function definition (its compound statement), or null. */
CXCursor vf_body(CXCursor fn);

/* The line where c is (its expansion, for macros). */
unsigned vf_line(CXCursor c);

#endif
