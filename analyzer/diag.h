/* Findings (diagnostics) and input errors.
 *
 * A diagnostic is a finding about the user's program: it has a rule, a
 * severity and a place.  An input error means the run could not be done
 * (exit 2): it names the file and, for text, the line and column. */
#ifndef VASLINT_DIAG_H
#define VASLINT_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "range.h"

/* An input error.  Both texts are allocated, so a path or a message
 * quoting input is kept whole however long it is.  Start from {0}, let
 * vl_fail fill it (as often as a reader likes: each call replaces what was
 * there) and release it with vl_error_free on every path. */
typedef struct vl_error {
	char *file;	 /* NULL: no file */
	unsigned line;	 /* 0: not applicable */
	unsigned column; /* 0: not applicable */
	char *msg;	 /* NULL: no error set */
} vl_error;

/* A formatted string, malloc'ed; NULL when memory runs out. */
char *vl_strprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Fill err, freeing what it held before (the arguments may point into its
 * old texts); file may be NULL.  When memory runs out, msg is a static
 * "out of memory" text (which vl_error_free knows not to free) and file is
 * NULL.  err may be NULL.  Always returns false, so readers can say
 * `return vl_fail(err, ...)`. */
bool vl_fail(vl_error *err, const char *file, unsigned line, unsigned column,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
bool vl_vfail(vl_error *err, const char *file, unsigned line, unsigned column,
	      const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));
/* Fill err with the static "out of memory" text, allocating nothing;
 * returns false like vl_fail. */
bool vl_fail_oom(vl_error *err);
/* Release err's texts and leave it empty ({0}); err may be NULL. */
void vl_error_free(vl_error *err);
/* Hand from's error to to (whose old one is freed); from is left empty.
 * With to NULL the error is dropped. */
void vl_error_move(vl_error *to, vl_error *from);

typedef enum vl_severity {
	VL_NOTE,
	VL_WARNING,
	VL_ERROR,
} vl_severity;

const char *vl_severity_name(vl_severity s);

struct vl_rule;

/* A named address range a finding is about (a segment, a section, a
 * request) or conflicts with (a reserved region). */
typedef struct vl_object {
	char *kind; /* "segment", "section", "image", "request", ... */
	char *name;
	va_range range;
} vl_object;

typedef struct vl_diag {
	const struct vl_rule *rule;
	vl_severity severity;
	char *message;
	char *file;
	unsigned line, column; /* 0: none */
	bool has_object;
	vl_object object;
	bool has_region;
	vl_object region; /* kind unused */
	/* Where the region (or other cause) is defined, for SARIF's
	 * relatedLocations: a layout line. */
	char *related_file;
	unsigned related_line, related_column;
	size_t seq; /* insertion order, for a stable sort */
	/* Suppressed by the user (suppress.h): "option", "config", "inline"
	 * or "baseline", and the reason given; NULL: reported. */
	const char *suppressed;
	char *justification;
} vl_diag;

typedef struct vl_diags {
	vl_diag *v;
	size_t n, cap;
} vl_diags;

void vl_diags_free(vl_diags *d);
/* Append a diagnostic with a formatted message; returns it (for setting
 * object and region), or NULL when memory runs out. */
vl_diag *vl_diags_add(vl_diags *d, const struct vl_rule *rule, const char *file,
		      unsigned line, unsigned column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* The same with a va_list. */
vl_diag *vl_diags_vadd(vl_diags *d, const struct vl_rule *rule,
		       const char *file, unsigned line, unsigned column,
		       const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));
bool vl_diag_set_object(vl_diag *dg, const char *kind, const char *name,
			va_range r);
bool vl_diag_set_region(vl_diag *dg, const char *name, va_range r);
bool vl_diag_set_related(vl_diag *dg, const char *file, unsigned line,
			 unsigned column);
/* Sort by file, line, column, then insertion order, so output diffs
 * cleanly whatever order the checks ran in. */
void vl_diags_sort(vl_diags *d);
/* Copy every diagnostic of from to the end of to; false on OOM. */
bool vl_diags_append(vl_diags *to, const vl_diags *from);
/* The findings of severity s that are reported (not suppressed). */
size_t vl_diags_count(const vl_diags *d, vl_severity s);

/* The candidate closest to word by edit distance, when it is close enough
 * to be a typing slip (two edits in a word of 4 to 10 characters, one
 * otherwise), or NULL: for "did you mean" in messages. */
const char *vl_did_you_mean(const char *word, const char *const *cands,
			    size_t n);

#endif
