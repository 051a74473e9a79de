/* The link simulation.  It follows GNU ld's order of work: input sections
 * are matched to output sections once (first matching statement in script
 * order wins; unmatched ones become orphans placed after the last output
 * section of their kind), then addresses are assigned in passes until
 * symbol values stop changing, so forward references resolve as they do in
 * the linker. */
#include "ldscript/eval.h"

#include <elf.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"

#define MAX_PASSES 4

uint64_t ls_default_maxpagesize(uint16_t machine)
{
	/* binutils 2.40's ELF_MAXPAGESIZE for the Linux targets. */
	switch (machine) {
	case EM_AARCH64:
	case EM_ARM:
		return 0x10000;
	default:
		return 0x1000;
	}
}

uint64_t ls_default_commonpagesize(uint16_t machine)
{
	(void)machine;
	return 0x1000;
}

/* An input section of an object, and where the matching put it. */
typedef struct isec {
	const image *file;
	const image_section *sec;
	long out; /* index into ev.out->sections, -1 unplaced, -2 discarded */
} isec;

/* The script flattened into the order addresses are assigned in. */
typedef enum item_kind {
	IT_ASSIGN, /* a top-level or SECTIONS-level assignment */
	IT_ASSERT,
	IT_SECTION, /* an output section (also an overlay member, an orphan) */
	IT_OVERLAY_START,
	IT_OVERLAY_END,
} item_kind;

typedef struct item {
	item_kind kind;
	const ls_cmd *cmd;	      /* IT_ASSIGN, IT_ASSERT, IT_OVERLAY_* */
	const ls_output_section *def; /* IT_SECTION; NULL for an orphan */
	size_t out;		      /* IT_SECTION: index of the section */
	bool in_sections;	      /* inside SECTIONS */
	/* Objects: the input sections this output section holds, in order. */
	size_t *inputs;
	size_t ninputs;
	bool has_inputs; /* has input section descriptions at all */
} item;

typedef struct ev {
	const ls_script *s;
	const ls_eval_opts *o;
	ls_eval *out;
	size_t cap_facts;
	vl_error *err;
	isec *isecs;
	size_t nisecs;
	image_section *commons; /* one COMMON input section per object */
	const image *linked; /* one linked image: sizes are output sections */
	bool have_inputs;
	item *items;
	size_t nitems;
	/* pass state */
	int pass;
	bool changed;
	ls_value dot;
	const ls_out_section *cur;  /* the output section being laid out */
	bool headers_zero;	    /* SIZEOF_HEADERS evaluates to 0 */
	const ls_out_section *prev; /* the previous allocated section */
	ls_loc dot_loc;		    /* the assignment '.' got its value from */
	bool headers_unknown;	    /* SIZEOF_HEADERS was asked and not known */
	bool quiet; /* a second look at an expression: no findings */
	bool oom;
	const ls_expr *at; /* the expression being evaluated */
	bool input_error;  /* err says what is wrong with an input */
	size_t nwraps;	   /* wraps reported (in the final pass) */
	/* capacities of the growing arrays */
	size_t cap_undetermined, cap_symbols, cap_sections, cap_items;
	size_t cap_regions, cap_isecs;
} ev;

static const ls_value unknown = {false, 0};

static ls_value known(uint64_t v)
{
	return (ls_value){true, v};
}

static bool grow(void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return true;
	size_t c = *cap ? *cap * 2 : 16;
	void *p = realloc(*v, c * size);
	if (!p)
		return false;
	*v = p;
	*cap = c;
	return true;
}

/* ---- What the evaluator could not determine ---- */

static void undetermined(ev *e, ls_loc loc, const char *why, const char *fmt,
			 ...) __attribute__((format(printf, 4, 5)));

static void undetermined(ev *e, ls_loc loc, const char *why, const char *fmt,
			 ...)
{
	ls_eval *o = e->out;
	va_list ap;
	char *what;

	if (e->pass < 0)
		return;
	va_start(ap, fmt);
	int n = vasprintf(&what, fmt, ap);
	va_end(ap);
	if (n < 0) {
		e->oom = true;
		return;
	}
	for (size_t i = 0; i < o->nundetermined; i++)
		if (strcmp(o->undetermined[i].what, what) == 0) {
			free(what);
			return;
		}
	if (!grow((void **)&o->undetermined, &e->cap_undetermined,
		  o->nundetermined, sizeof(*o->undetermined))) {
		free(what);
		e->oom = true;
		return;
	}
	char *w = strdup(why);
	if (!w) {
		free(what);
		e->oom = true;
		return;
	}
	o->undetermined[o->nundetermined++] = (ls_undetermined){what, w, loc};
}

/* Why a value could not be determined, as precisely as is known. */
static const char *why_unknown(const ev *e)
{
	if (!e->have_inputs)
		return "depends on input section sizes (give --image)";
	if (e->headers_unknown)
		return "depends on SIZEOF_HEADERS, which only a linked image "
		       "(--image) or a PHDRS command tells";
	return "depends on a value the inputs do not give";
}

/* Record what the linker would refuse (only the last pass calls this). */
static ls_fact *fact(ev *e, ls_fact_kind kind, ls_loc loc)
{
	ls_eval *o = e->out;

	if (!grow((void **)&o->facts, &e->cap_facts, o->nfacts,
		  sizeof(*o->facts))) {
		e->oom = true;
		return NULL;
	}
	ls_fact *f = &o->facts[o->nfacts++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->loc = loc;
	return f;
}

static void fact_text(ev *e, ls_fact_kind kind, ls_loc loc, const char *fmt,
		      ...) __attribute__((format(printf, 4, 5)));

static void fact_text(ev *e, ls_fact_kind kind, ls_loc loc, const char *fmt,
		      ...)
{
	ls_fact *f = fact(e, kind, loc);
	va_list ap;

	if (!f)
		return;
	va_start(ap, fmt);
	if (vasprintf(&f->text, fmt, ap) < 0) {
		f->text = NULL;
		e->oom = true;
	}
	va_end(ap);
}

/* ---- Address arithmetic ----
 *
 * Every sum, difference and alignment of addresses goes through range.h.
 * A result past the last address (or below 0) is an error in the script:
 * a finding at what caused it, in the final pass like every finding, and
 * an unknown value from there on, never a wrapped one. */

/* The finding, at loc, about what happened in section sec (NULL: outside
 * any output section). */
static void wrapped(ev *e, const ls_out_section *sec, ls_loc loc,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void wrapped(ev *e, const ls_out_section *sec, ls_loc loc,
		    const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (e->pass != MAX_PASSES - 1 || e->quiet)
		return;
	va_start(ap, fmt);
	int n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0) {
		e->oom = true;
		return;
	}
	fact_text(e, LS_FACT_ERROR, loc, "%s%s%s%s", sec ? "section " : "",
		  sec ? sec->name : "", sec ? ": " : "", msg);
	free(msg);
	e->nwraps++;
}

/* a + b as the location counter's new value, set by what is at loc
 * inside sec. */
static ls_value dot_plus(ev *e, const ls_out_section *sec, uint64_t a,
			 uint64_t b, ls_loc loc)
{
	uint64_t r;

	if (va_add(a, b, &r))
		return known(r);
	wrapped(e, sec, loc,
		"the location counter passes the end of the 64-bit address "
		"space (0x%" PRIx64 " + 0x%" PRIx64 ")",
		a, b);
	return unknown;
}

/* '.' moves n bytes on. */
static void dot_advance(ev *e, const ls_out_section *sec, uint64_t n,
			ls_loc loc)
{
	if (e->dot.known)
		e->dot = dot_plus(e, sec, e->dot.v, n, loc);
}

/* v aligned up to a, for what is at loc in section sec. */
static ls_value align_value(ev *e, ls_value v, uint64_t a,
			    const ls_out_section *sec, ls_loc loc)
{
	uint64_t r;

	if (!v.known)
		return unknown;
	if (va_align_up(v.v, a, &r))
		return known(r);
	wrapped(e, sec, loc,
		"aligning 0x%" PRIx64 " to 0x%" PRIx64
		" passes the end of the 64-bit address space",
		v.v, a);
	return unknown;
}

/* Where a region ends, [origin, *end).  A region may reach the top of the
 * address space exactly, which no uint64_t holds: *top, *end 0.  False
 * when ORIGIN + LENGTH passes it. */
static bool region_end(const ls_region *r, uint64_t *end, bool *top)
{
	uint64_t room, last;

	*top = false;
	if (va_add(r->origin.v, r->length.v, end))
		return true;
	/* The last byte, origin + length - 1, is the last address. */
	if (!va_sub(UINT64_MAX, r->origin.v, &room) ||
	    !va_sub(r->length.v, 1, &last) || last != room)
		return false;
	*top = true;
	*end = 0;
	return true;
}

/* ---- Symbols ---- */

static ls_symbol *symbol_find(ls_eval *o, const char *name)
{
	for (size_t i = 0; i < o->nsymbols; i++)
		if (strcmp(o->symbols[i].name, name) == 0)
			return &o->symbols[i];
	return NULL;
}

static ls_symbol *symbol_add(ev *e, const char *name)
{
	ls_eval *o = e->out;
	ls_symbol *sym = symbol_find(o, name);

	if (sym)
		return sym;
	if (!grow((void **)&o->symbols, &e->cap_symbols, o->nsymbols,
		  sizeof(*o->symbols)))
		goto oom;
	sym = &o->symbols[o->nsymbols];
	memset(sym, 0, sizeof(*sym));
	if (!(sym->name = strdup(name)))
		goto oom;
	o->nsymbols++;
	return sym;
oom:
	e->oom = true;
	return NULL;
}

/* A symbol an input file defines: its value for a linked image, unknown
 * (but defined) for an object. */
static const image_symbol *input_symbol(const ev *e, const char *name,
					const image **from)
{
	for (size_t f = 0; f < e->o->ninputs; f++) {
		const image *img = &e->o->inputs[f];
		for (size_t i = 0; i < img->nsymbols; i++)
			if (strcmp(img->symbols[i].name, name) == 0) {
				*from = img;
				return &img->symbols[i];
			}
	}
	return NULL;
}

static void set_symbol(ev *e, const ls_assign *a, ls_value v, ls_loc loc)
{
	const image *from;

	/* PROVIDE defines a symbol only when no input file does. */
	if (a->provide && input_symbol(e, a->name, &from))
		return;
	ls_symbol *sym = symbol_add(e, a->name);
	if (!sym)
		return;
	if (sym->value.known != v.known || sym->value.v != v.v)
		e->changed = true;
	sym->value = v;
	sym->loc = loc;
}

/* ---- Output sections and regions by name ---- */

static ls_out_section *section_find(ls_eval *o, const char *name)
{
	for (size_t i = 0; i < o->nsections; i++)
		if (strcmp(o->sections[i].name, name) == 0)
			return &o->sections[i];
	return NULL;
}

static const char *region_resolve(const ls_script *s, const char *name)
{
	/* REGION_ALIAS(alias, region), possibly chained. */
	for (int hops = 0; hops < 16; hops++) {
		const char *to = NULL;
		for (size_t i = 0; i < s->ncmds && !to; i++)
			if (s->cmds[i].kind == LS_CMD_REGION_ALIAS &&
			    s->cmds[i].nargs == 2 &&
			    strcmp(s->cmds[i].args[0], name) == 0)
				to = s->cmds[i].args[1];
		if (!to)
			return name;
		name = to;
	}
	return name;
}

static ls_region *region_find(ev *e, const char *name)
{
	name = region_resolve(e->s, name);
	for (size_t i = 0; i < e->out->nregions; i++)
		if (strcmp(e->out->regions[i].name, name) == 0)
			return &e->out->regions[i];
	return NULL;
}

/* ---- Expressions ---- */

static expr_status ev_symbol(void *ctx, const expr *x, uint64_t *value,
			     expr_error *err)
{
	ev *e = ctx;
	const image *from;

	if (strcmp(x->name, ".") == 0) {
		*value = e->dot.v;
		return e->dot.known ? EXPR_OK : EXPR_UNKNOWN;
	}
	ls_symbol *sym = symbol_find(e->out, x->name);
	if (sym) {
		*value = sym->value.v;
		return sym->value.known ? EXPR_OK : EXPR_UNKNOWN;
	}
	const image_symbol *is = input_symbol(e, x->name, &from);
	if (is) {
		/* Only a linked image, or an absolute symbol, says where. */
		*value = is->value;
		return e->linked || is->absolute ? EXPR_OK : EXPR_UNKNOWN;
	}
	if (e->pass < MAX_PASSES - 1 || !e->have_inputs)
		return EXPR_UNKNOWN;
	expr_error_set(err, "undefined symbol '%s' referenced in expression",
		       x->name);
	err->loc = x->loc;
	return EXPR_ERROR;
}

static const char *arg_name(const expr *x, size_t i)
{
	return i < x->nargs && x->args[i]->kind == EXPR_SYM ? x->args[i]->name
							    : NULL;
}

static expr_status section_value(ev *e, const expr *x, builtin_id f,
				 uint64_t *value, expr_error *err)
{
	const char *name = arg_name(x, 0);
	ls_out_section *sec = name ? section_find(e->out, name) : NULL;
	ls_value v;

	if (!sec) {
		expr_error_set(err, "%s of '%s': no such output section",
			       x->name, name ? name : "?");
		err->loc = x->loc;
		return EXPR_ERROR;
	}
	if (f == BUILTIN_ADDR)
		v = sec->vma;
	else if (f == BUILTIN_LOADADDR)
		v = sec->lma;
	else if (f == BUILTIN_SIZEOF)
		v = sec->size;
	else
		v = known(sec->align);
	*value = v.v;
	return v.known ? EXPR_OK : EXPR_UNKNOWN;
}

static expr_status align_to(ev *e, uint64_t x, uint64_t a, uint64_t *value,
			    const expr *at, expr_error *err)
{
	(void)e;
	if (!a)
		a = 1;
	if (!va_is_pow2(a) || !va_align_up(x, a, value)) {
		expr_error_set(err,
			       va_is_pow2(a)
				   ? "%s: overflow aligning 0x%" PRIx64
				   : "%s: alignment 0x%" PRIx64
				     " is not a power of two",
			       at->name, va_is_pow2(a) ? x : a);
		err->loc = at->loc;
		return EXPR_ERROR;
	}
	return EXPR_OK;
}

static expr_status sizeof_headers(ev *e, uint64_t *value)
{
	if (e->headers_zero) {
		*value = 0;
		return EXPR_OK;
	}
	if (e->linked && e->linked->phnum) {
		*value = (uint64_t)e->linked->ehsize +
			 (uint64_t)e->linked->phnum * e->linked->phentsize;
		return EXPR_OK;
	}
	/* With PHDRS the program headers are counted; otherwise only the
	 * link knows how many it makes. */
	for (size_t i = 0; i < e->s->ncmds; i++)
		if (e->s->cmds[i].kind == LS_CMD_PHDRS) {
			bool is64 = true;
			for (size_t f = 0; f < e->o->ninputs; f++)
				is64 = e->o->inputs[f].elfclass == ELFCLASS64;
			uint64_t n = e->s->cmds[i].u.phdrs.nphdrs;
			*value = is64 ? 64 + n * 56 : 52 + n * 32;
			return EXPR_OK;
		}
	e->headers_unknown = true;
	return EXPR_UNKNOWN;
}

static const char *segment_arg(const expr *x)
{
	const char *n = arg_name(x, 0);
	return n ? n : "";
}

static expr_status region_value(ev *e, const expr *x, builtin_id f,
				uint64_t *value, expr_error *err)
{
	const char *n = arg_name(x, 0);
	ls_region *r = n ? region_find(e, n) : NULL;

	if (!r) {
		expr_error_set(err, "%s of '%s': no such memory region",
			       x->name, n ? n : "?");
		err->loc = x->loc;
		return EXPR_ERROR;
	}
	ls_value v = f == BUILTIN_ORIGIN ? r->origin : r->length;
	*value = v.v;
	return v.known ? EXPR_OK : EXPR_UNKNOWN;
}

static expr_status page_size(ev *e, const expr *x, uint64_t *value,
			     expr_error *err)
{
	const char *n = arg_name(x, 0);

	if (n && !strcmp(n, "MAXPAGESIZE"))
		*value = e->out->maxpagesize;
	else if (n && !strcmp(n, "COMMONPAGESIZE"))
		*value = e->out->commonpagesize;
	else {
		expr_error_set(err,
			       "CONSTANT(%s): expected MAXPAGESIZE or "
			       "COMMONPAGESIZE",
			       n ? n : "?");
		err->loc = x->loc;
		return EXPR_ERROR;
	}
	return EXPR_OK;
}

/* ld's form without RELRO padding: the data segment starts a maximum page
 * further, at the same offset in its page. */
static expr_status data_segment_align(ev *e, const expr *x,
				      const uint64_t *args, uint64_t *value,
				      expr_error *err)
{
	uint64_t page = args[0] ? args[0] : 1, a;

	if (!e->dot.known)
		return EXPR_UNKNOWN;
	if (align_to(e, e->dot.v, page, &a, x, err) != EXPR_OK)
		return EXPR_ERROR;
	if (!va_add(a, e->dot.v & (page - 1), value)) {
		expr_error_set(err, "%s: overflow aligning 0x%" PRIx64, x->name,
			       e->dot.v);
		err->loc = x->loc;
		return EXPR_ERROR;
	}
	return EXPR_OK;
}

/* ASSERT(cond, message) in an expression is cond; a zero one fails the
 * link, as the ASSERT command does. */
static expr_status assert_value(ev *e, const expr *x, const uint64_t *args,
				uint64_t *value)
{
	*value = args[0];
	if (!args[0] && e->pass == MAX_PASSES - 1 && !e->quiet && e->at) {
		ls_loc at = e->at->loc;
		at.line = x->loc.line;
		at.column = x->loc.column;
		fact_text(e, LS_FACT_ASSERT_FAILED, at, "%s",
			  arg_name(x, 1) ? arg_name(x, 1) : "");
	}
	return EXPR_OK;
}

/* The builtins that depend on the link (builtins.h); the constant ones
 * never get here, expr.c computes them.  The parser checked the argument
 * counts; a tree from elsewhere gets no further than the error. */
static expr_status ev_call(void *ctx, const expr *x, const uint64_t *args,
			   uint64_t *value, expr_error *err)
{
	ev *e = ctx;
	const builtin *b = builtin_of(x);

	if (b && x->nargs >= b->min && x->nargs <= b->max &&
	    !builtin_is_constant(b, x->nargs))
		switch (b->id) {
		case BUILTIN_ADDR:
		case BUILTIN_LOADADDR:
		case BUILTIN_SIZEOF:
		case BUILTIN_ALIGNOF:
			return section_value(e, x, b->id, value, err);
		case BUILTIN_SIZEOF_HEADERS:
			return sizeof_headers(e, value);
		case BUILTIN_DEFINED: {
			const image *from;
			const char *n = arg_name(x, 0);
			*value = n && (symbol_find(e->out, n) ||
				       input_symbol(e, n, &from));
			return EXPR_OK;
		}
		case BUILTIN_ORIGIN:
		case BUILTIN_LENGTH:
			return region_value(e, x, b->id, value, err);
		case BUILTIN_CONSTANT:
			return page_size(e, x, value, err);
		case BUILTIN_SEGMENT_START:
			for (size_t i = 0; i < e->o->nsegments; i++)
				if (!strcmp(e->o->segments[i].name,
					    segment_arg(x))) {
					*value = e->o->segments[i].value;
					return EXPR_OK;
				}
			*value = args[1];
			return EXPR_OK;
		case BUILTIN_ALIGN: /* ALIGN(a): ALIGN(., a) */
		case BUILTIN_NEXT:
		case BUILTIN_BLOCK:
			if (!e->dot.known)
				return EXPR_UNKNOWN;
			return align_to(e, e->dot.v, args[0], value, x, err);
		case BUILTIN_DATA_SEGMENT_ALIGN:
			return data_segment_align(e, x, args, value, err);
		case BUILTIN_DATA_SEGMENT_RELRO_END:
			*value = args[1];
			return EXPR_OK;
		case BUILTIN_DATA_SEGMENT_END:
			*value = args[0];
			return EXPR_OK;
		case BUILTIN_ASSERT:
			return assert_value(e, x, args, value);
		case BUILTIN_ABSOLUTE:
		case BUILTIN_LOG2CEIL:
		case BUILTIN_MAX:
		case BUILTIN_MIN:
			break;
		}
	expr_error_set(err, "unknown function %s with %zu argument%s", x->name,
		       x->nargs, x->nargs == 1 ? "" : "s");
	err->loc = x->loc;
	return EXPR_ERROR;
}

/* Evaluate; an error becomes a finding at the expression in the final
 * pass and an unknown value. */
static ls_value eval(ev *e, const ls_expr *x)
{
	expr_env env = {e, ev_symbol, ev_call, EXPR_ARITH_LD};
	expr_error err = {0};
	uint64_t v = 0;

	if (!x->e)
		return unknown;
	e->at = x;
	switch (expr_eval(x->e, &env, &v, &err)) {
	case EXPR_OK:
		return known(v);
	case EXPR_UNKNOWN:
		return unknown;
	case EXPR_ERROR:
		break;
	}
	if (e->pass == MAX_PASSES - 1 && !e->quiet) {
		ls_loc at = x->loc;
		if (err.loc.line) {
			at.line = err.loc.line;
			at.column = err.loc.column;
		}
		fact_text(e, LS_FACT_ERROR, at, "%s", err.msg);
	}
	expr_error_free(&err);
	return unknown;
}

/* An expression without '.', symbols or link-dependent functions: its
 * value is the same in every link, and inside an output section ld takes
 * such a value as an offset from the section start. */
static bool is_constant(const expr *x)
{
	if (!x)
		return false;
	switch (x->kind) {
	case EXPR_NUM:
		return true;
	case EXPR_SYM:
		return false;
	case EXPR_UNARY:
		return is_constant(x->a);
	case EXPR_BINARY:
		return is_constant(x->a) && is_constant(x->b);
	case EXPR_COND:
		return is_constant(x->a) && is_constant(x->b) &&
		       is_constant(x->c);
	case EXPR_CALL:
		if (!builtin_of(x) ||
		    !builtin_is_constant(builtin_of(x), x->nargs))
			return false;
		for (size_t i = 0; i < x->nargs; i++)
			if (!is_constant(x->args[i]))
				return false;
		return true;
	}
	return false;
}

/* ---- Matching input sections (once, before any address) ---- */

static bool glob_match(const char *glob, const char *s)
{
	return fnmatch(glob, s, 0) == 0;
}

static bool excluded(char *const *files, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (glob_match(files[i], path))
			return true;
	return false;
}

static bool input_matches(const ls_input *in, const isec *is)
{
	const char *path = is->file->path;
	const char *file_glob = in->file_glob ? in->file_glob : "*";

	/* archive:member patterns name archive members; objects given on
	 * the command line are not in an archive. */
	if (strchr(file_glob, ':'))
		return false;
	if (!glob_match(file_glob, path) ||
	    excluded(in->exclude_files, in->nexclude_files, path))
		return false;
	for (size_t p = 0; p < in->npatterns; p++) {
		const ls_section_pattern *sp = &in->patterns[p];
		if (excluded(sp->exclude_files, sp->nexclude_files, path))
			continue;
		if (glob_match(sp->glob, is->sec->name))
			return true;
	}
	return false;
}

static unsigned input_sort(const ls_input *in)
{
	unsigned sort = 0;
	for (size_t p = 0; p < in->npatterns; p++)
		sort |= in->patterns[p].sort;
	return sort;
}

typedef struct sort_ctx {
	const isec *isecs;
	unsigned how;
} sort_ctx;

static int isec_cmp(const void *pa, const void *pb, void *arg)
{
	const sort_ctx *c = arg;
	const isec *a = &c->isecs[*(const size_t *)pa];
	const isec *b = &c->isecs[*(const size_t *)pb];

	if (c->how & LS_SORT_BY_ALIGNMENT && a->sec->align != b->sec->align)
		return a->sec->align > b->sec->align ? -1 : 1;
	if (c->how & (LS_SORT_BY_NAME | LS_SORT_BY_INIT_PRIORITY)) {
		int r = strcmp(a->sec->name, b->sec->name);
		if (r)
			return r;
	}
	return *(const size_t *)pa < *(const size_t *)pb ? -1 : 1;
}

/* Sections that never reach an output section: the linker consumes them. */
static bool placeable(const image_section *s)
{
	switch (s->type) {
	case SHT_NULL:
	case SHT_SYMTAB:
	case SHT_STRTAB:
	case SHT_REL:
	case SHT_RELA:
	case SHT_GROUP:
	case SHT_SYMTAB_SHNDX:
		return false;
	}
	return strcmp(s->name, ".note.GNU-stack") != 0;
}

static bool item_add_input(item *it, size_t i)
{
	size_t *v = realloc(it->inputs, (it->ninputs + 1) * sizeof(*v));
	if (!v)
		return false;
	it->inputs = v;
	it->inputs[it->ninputs++] = i;
	return true;
}

/* Match the input descriptions of one output section; true when the
 * section keeps them (ONLY_IF_RO/RW may refuse). */
static bool match_section(ev *e, item *it, long out_index)
{
	const ls_output_section *def = it->def;
	bool discard = strcmp(def->name, "/DISCARD/") == 0;
	bool any_write = false, all_write = true;
	size_t first = it->ninputs;

	for (size_t c = 0; c < def->ncmds; c++) {
		const ls_sec_cmd *cmd = &def->cmds[c];
		if (cmd->kind != LS_SC_INPUT)
			continue;
		it->has_inputs = true;
		size_t start = it->ninputs;
		for (size_t i = 0; i < e->nisecs; i++) {
			if (e->isecs[i].out != -1 ||
			    !input_matches(&cmd->u.input, &e->isecs[i]))
				continue;
			if (!item_add_input(it, i)) {
				e->oom = true;
				return false;
			}
			e->isecs[i].out = discard ? -2 : out_index;
		}
		unsigned sort = input_sort(&cmd->u.input);
		if (sort & (LS_SORT_BY_NAME | LS_SORT_BY_ALIGNMENT |
			    LS_SORT_BY_INIT_PRIORITY)) {
			sort_ctx ctx = {e->isecs, sort};
			if (it->ninputs - start > 1)
				qsort_r(it->inputs + start, it->ninputs - start,
					sizeof(size_t), isec_cmp, &ctx);
		}
	}
	for (size_t k = first; k < it->ninputs; k++) {
		bool w = e->isecs[it->inputs[k]].sec->flags & SHF_WRITE;
		any_write |= w;
		all_write &= w;
	}
	bool refuse = (def->constraint == LS_ONLY_IF_RO && any_write) ||
		      (def->constraint == LS_ONLY_IF_RW &&
		       (!all_write || it->ninputs == first));
	if (refuse) {
		for (size_t k = first; k < it->ninputs; k++)
			e->isecs[it->inputs[k]].out = -1;
		it->ninputs = first;
	}
	return !refuse;
}

/* ---- Building the item list ---- */

static bool items_add(ev *e, item it)
{
	if (!grow((void **)&e->items, &e->cap_items, e->nitems,
		  sizeof(*e->items)))
		return false;
	e->items[e->nitems++] = it;
	return true;
}

static bool sections_add(ev *e, const char *name, ls_loc loc,
			 const ls_output_section *def, size_t *index)
{
	ls_eval *o = e->out;

	if (!grow((void **)&o->sections, &e->cap_sections, o->nsections,
		  sizeof(*o->sections)))
		return false;
	ls_out_section *sec = &o->sections[o->nsections];
	memset(sec, 0, sizeof(*sec));
	sec->name = name;
	sec->loc = loc;
	sec->def = def;
	sec->align = 1;
	*index = o->nsections++;
	return true;
}

static bool flatten(ev *e, const ls_cmd *cmds, size_t n, bool in_sections)
{
	for (size_t i = 0; i < n; i++) {
		const ls_cmd *c = &cmds[i];
		item it = {.cmd = c, .in_sections = in_sections};
		switch (c->kind) {
		case LS_CMD_ASSIGN:
			it.kind = IT_ASSIGN;
			if (!items_add(e, it))
				return false;
			break;
		case LS_CMD_ASSERT:
			it.kind = IT_ASSERT;
			if (!items_add(e, it))
				return false;
			break;
		case LS_CMD_SECTIONS:
			if (!flatten(e, c->u.sections.cmds, c->u.sections.ncmds,
				     true))
				return false;
			break;
		case LS_CMD_OUTPUT_SECTION:
			it.kind = IT_SECTION;
			it.def = c->u.section;
			if (strcmp(it.def->name, "/DISCARD/") != 0 &&
			    !sections_add(e, it.def->name, it.def->loc, it.def,
					  &it.out))
				return false;
			if (!items_add(e, it))
				return false;
			break;
		case LS_CMD_OVERLAY:
			it.kind = IT_OVERLAY_START;
			if (!items_add(e, it))
				return false;
			for (size_t k = 0; k < c->u.overlay->nsections; k++) {
				const ls_output_section *d =
				    &c->u.overlay->sections[k];
				item m = {.kind = IT_SECTION,
					  .cmd = c,
					  .def = d,
					  .in_sections = true};
				if (!sections_add(e, d->name, d->loc, d,
						  &m.out) ||
				    !items_add(e, m))
					return false;
				e->out->sections[m.out].in_overlay = true;
			}
			it.kind = IT_OVERLAY_END;
			if (!items_add(e, it))
				return false;
			break;
		case LS_CMD_INSERT:
			undetermined(e, c->loc,
				     "INSERT places these sections into the "
				     "linker's default script, which vaslint "
				     "does not merge",
				     "order of sections around INSERT");
			break;
		default:
			break;
		}
	}
	return true;
}

/* A kind of section, for placing orphans the way GNU ld does: after the
 * last output section that holds the same kind. */
static int section_class(uint64_t flags, uint32_t type)
{
	if (!(flags & SHF_ALLOC))
		return 0;
	if (flags & SHF_EXECINSTR)
		return 1;
	if (!(flags & SHF_WRITE))
		return 2;
	return type == SHT_NOBITS ? 4 : 3;
}

static int item_class(const ev *e, const item *it)
{
	for (size_t k = 0; k < it->ninputs; k++) {
		const image_section *s = e->isecs[it->inputs[k]].sec;
		if (s->size)
			return section_class(s->flags, s->type);
	}
	return -1;
}

static bool place_orphan(ev *e, size_t i)
{
	const image_section *s = e->isecs[i].sec;
	int cls = section_class(s->flags, s->type);
	size_t after = e->nitems;

	if (!cls)
		return true; /* not allocated: no address to predict */
	/* An output section of the same name takes it. */
	for (size_t k = 0; k < e->nitems; k++)
		if (e->items[k].kind == IT_SECTION &&
		    !strcmp(e->out->sections[e->items[k].out].name, s->name)) {
			e->isecs[i].out = (long)e->items[k].out;
			return item_add_input(&e->items[k], i);
		}
	for (size_t k = 0; k < e->nitems; k++)
		if (e->items[k].kind == IT_SECTION &&
		    item_class(e, &e->items[k]) == cls)
			after = k + 1;
	if (after == e->nitems)
		for (size_t k = 0; k < e->nitems; k++)
			if (e->items[k].kind == IT_SECTION &&
			    item_class(e, &e->items[k]) > 0)
				after = k + 1;
	item it = {.kind = IT_SECTION, .in_sections = true, .has_inputs = true};
	ls_loc none = {0};
	if (!sections_add(e, s->name, none, NULL, &it.out) ||
	    !item_add_input(&it, i))
		return false;
	e->isecs[i].out = (long)it.out;
	if (!items_add(e, it))
		return false;
	/* Move the new item to its place. */
	item tmp = e->items[e->nitems - 1];
	memmove(&e->items[after + 1], &e->items[after],
		(e->nitems - 1 - after) * sizeof(*e->items));
	e->items[after] = tmp;
	return true;
}

/* An object's common symbols, as the input section `*(COMMON)` matches:
 * each symbol at its alignment, one after the other.  False when they do
 * not fit in 64 bits. */
static bool common_section(const image *img, image_section *out)
{
	memset(out, 0, sizeof(*out));
	out->name = (char *)"COMMON";
	out->type = SHT_NOBITS;
	out->flags = SHF_ALLOC | SHF_WRITE;
	out->align = 1;
	for (size_t i = 0; i < img->nsymbols; i++) {
		const image_symbol *s = &img->symbols[i];
		uint64_t a = s->value && va_is_pow2(s->value) ? s->value : 1;
		if (!s->common)
			continue;
		if (a > out->align)
			out->align = a;
		if (!va_align_up(out->size, a, &out->size) ||
		    !va_add(out->size, s->size, &out->size))
			return false;
	}
	return true;
}

static bool collect_inputs(ev *e)
{
	e->commons =
	    calloc(e->o->ninputs ? e->o->ninputs : 1, sizeof(*e->commons));
	if (!e->commons)
		return false;
	for (size_t f = 0; f < e->o->ninputs; f++) {
		const image *img = &e->o->inputs[f];
		for (size_t i = 0; i < img->nsections; i++) {
			if (!placeable(&img->sections[i]))
				continue;
			if (!grow((void **)&e->isecs, &e->cap_isecs, e->nisecs,
				  sizeof(*e->isecs)))
				return false;
			e->isecs[e->nisecs++] =
			    (isec){img, &img->sections[i], -1};
		}
		if (!common_section(img, &e->commons[f])) {
			e->input_error = true;
			return vl_fail(e->err, img->path, 0, 0,
				       "its COMMON symbols need more than the "
				       "64-bit address space");
		}
		if (!e->commons[f].size || img->type != ET_REL)
			continue;
		if (!grow((void **)&e->isecs, &e->cap_isecs, e->nisecs,
			  sizeof(*e->isecs)))
			return false;
		e->isecs[e->nisecs++] = (isec){img, &e->commons[f], -1};
	}
	return true;
}

/* For a linked image the output sections are the inputs: each one goes to
 * the script's output section of its name, or is an orphan. */
static bool match_linked(ev *e)
{
	for (size_t i = 0; i < e->nisecs; i++) {
		const image_section *s = e->isecs[i].sec;
		for (size_t k = 0; k < e->nitems; k++)
			if (e->items[k].kind == IT_SECTION &&
			    !strcmp(e->out->sections[e->items[k].out].name,
				    s->name)) {
				e->isecs[i].out = (long)e->items[k].out;
				if (!item_add_input(&e->items[k], i))
					return false;
				break;
			}
	}
	for (size_t k = 0; k < e->nitems; k++)
		if (e->items[k].kind == IT_SECTION && e->items[k].def)
			for (size_t c = 0; c < e->items[k].def->ncmds; c++)
				e->items[k].has_inputs |=
				    e->items[k].def->cmds[c].kind ==
				    LS_SC_INPUT;
	return true;
}

static bool prepare(ev *e)
{
	if (!flatten(e, e->s->cmds, e->s->ncmds, false) || !collect_inputs(e))
		return false;
	if (e->linked)
		return match_linked(e);
	for (size_t k = 0; k < e->nitems; k++) {
		item *it = &e->items[k];
		if (it->kind != IT_SECTION)
			continue;
		bool discard = strcmp(it->def->name, "/DISCARD/") == 0;
		if (!match_section(e, it, discard ? -2 : (long)it->out))
			e->out->sections[it->out].alloc = false;
	}
	for (size_t i = 0; i < e->nisecs; i++)
		if (e->isecs[i].out == -1 && !place_orphan(e, i))
			return false;
	return !e->oom;
}

/* ---- Laying out one pass ---- */

static bool has_data(const ls_output_section *def);
static bool moves_dot(const ls_output_section *def);

/* Whether an output section exists at all in the output, and what it is:
 * from its input sections when they are known. */
static void classify(ev *e, const item *it, ls_out_section *sec)
{
	bool any = false, alloc = false, load = false;

	for (size_t k = 0; k < it->ninputs; k++) {
		const image_section *s = e->isecs[it->inputs[k]].sec;
		any = true;
		alloc |= (s->flags & SHF_ALLOC) != 0;
		load |= (s->flags & SHF_ALLOC) && s->type != SHT_NOBITS;
	}
	if (e->have_inputs && !any &&
	    (has_data(it->def) || moves_dot(it->def))) {
		/* Made by the script alone: data is loaded, padding is bss. */
		sec->alloc = true;
		sec->load = has_data(it->def);
	} else if (e->have_inputs) {
		sec->alloc = alloc;
		sec->load = load;
	} else {
		/* Nothing says what goes in: default scripts put every
		 * section that is not loaded at address 0. */
		bool zero = it->def && it->def->has_address &&
			    is_constant(it->def->address.e);
		ls_value a = zero ? eval(e, &it->def->address) : unknown;
		sec->alloc = !(a.known && a.v == 0);
		sec->load = sec->alloc;
	}
	if (it->def && it->def->type == LS_TYPE_NOLOAD)
		sec->load = false;
	if (it->def &&
	    (it->def->type == LS_TYPE_INFO || it->def->type == LS_TYPE_DSECT ||
	     it->def->type == LS_TYPE_COPY))
		sec->alloc = sec->load = false;
}

static bool has_data(const ls_output_section *def)
{
	for (size_t c = 0; def && c < def->ncmds; c++)
		if (def->cmds[c].kind == LS_SC_DATA ||
		    def->cmds[c].kind == LS_SC_ASCIZ)
			return true;
	return false;
}

/* A section that moves '.' itself makes room even without input. */
static bool moves_dot(const ls_output_section *def)
{
	for (size_t c = 0; def && c < def->ncmds; c++)
		if (def->cmds[c].kind == LS_SC_ASSIGN &&
		    !strcmp(def->cmds[c].u.assign.name, "."))
			return true;
	return false;
}

/* x op= y that has no 64-bit result: for '.', where it went; otherwise
 * as the expression language says it of x op y. */
static void compound_failed(ev *e, const ls_assign *a, uint64_t x, uint64_t y,
			    const ls_out_section *sec, ls_loc loc)
{
	bool is_dot = strcmp(a->name, ".") == 0;
	char op[3] = {(char)a->op, 0, 0};
	const char *why = "overflow in", *tail = " (does not fit in 64 bits)";

	if (a->op == LS_ASSIGN_SHL)
		op[1] = '<';
	if (a->op == LS_ASSIGN_SHL && y >= 64) {
		why = "shift by 64 or more in";
		tail = "";
	} else if (a->op == LS_ASSIGN_SUB) {
		why = "negative result in";
		tail = "";
	} else if (a->op == LS_ASSIGN_DIV) {
		why = "division by zero in";
		tail = "";
	}
	if (is_dot && a->op == LS_ASSIGN_ADD)
		dot_plus(e, sec, x, y, loc);
	else if (is_dot && a->op == LS_ASSIGN_SUB)
		wrapped(e, sec, loc,
			"the location counter falls below 0 (0x%" PRIx64
			" - 0x%" PRIx64 ")",
			x, y);
	else
		wrapped(e, NULL, loc,
			"%s %s= 0x%" PRIx64 ": %s 0x%" PRIx64 " %s 0x%" PRIx64
			"%s",
			a->name, op, y, why, x, op, y, tail);
}

/* x op= y is x = x op y; sec and loc say where it is. */
static ls_value compound(ev *e, const ls_assign *a, ls_value v,
			 const ls_out_section *sec, ls_loc loc)
{
	bool is_dot = strcmp(a->name, ".") == 0;
	ls_symbol *sym = is_dot ? NULL : symbol_find(e->out, a->name);
	ls_value old = is_dot ? e->dot : sym ? sym->value : unknown;
	uint64_t r = 0;
	bool ok;

	if (a->op == LS_ASSIGN_SET)
		return v;
	if (!old.known || !v.known)
		return unknown;
	/* A symbol is a word that wraps as in ld; '.' is an address. */
	if (!is_dot && expr_ld_apply(a->op, old.v, v.v, &r))
		return known(r);
	switch (a->op) {
	case LS_ASSIGN_ADD:
		ok = va_add(old.v, v.v, &r);
		break;
	case LS_ASSIGN_SUB:
		ok = va_sub(old.v, v.v, &r);
		break;
	case LS_ASSIGN_MUL:
		ok = va_mul(old.v, v.v, &r);
		break;
	case LS_ASSIGN_DIV:
		ok = v.v != 0;
		if (ok)
			r = old.v / v.v;
		break;
	case LS_ASSIGN_SHL:
		ok = va_shl(old.v, v.v, &r);
		break;
	case LS_ASSIGN_SHR:
		return known(v.v < 64 ? old.v >> v.v : 0);
	case LS_ASSIGN_AND:
		return known(old.v & v.v);
	case LS_ASSIGN_OR:
		return known(old.v | v.v);
	default:
		return v;
	}
	if (ok)
		return known(r);
	compound_failed(e, a, old.v, v.v, sec, loc);
	return unknown;
}

/* The section's contents, from its start: the commands in order, input
 * sections at their alignment.  Returns the size. */
static ls_value lay_contents(ev *e, const item *it, ls_out_section *sec)
{
	const ls_output_section *def = it->def;
	size_t next_input = 0;

	if (e->linked) {
		/* The linked image knows the size; what is inside is not
		 * simulated, so only symbols set before any input are known. */
		ls_value size = known(0);
		for (size_t k = 0; k < it->ninputs; k++)
			size = known(e->isecs[it->inputs[k]].sec->size);
		for (size_t c = 0; def && c < def->ncmds; c++) {
			const ls_sec_cmd *cmd = &def->cmds[c];
			if (cmd->kind == LS_SC_INPUT)
				e->dot = unknown;
			else if (cmd->kind == LS_SC_ASSIGN &&
				 strcmp(cmd->u.assign.name, "."))
				set_symbol(e, &cmd->u.assign,
					   eval(e, &cmd->u.assign.value),
					   cmd->loc);
		}
		return size;
	}
	for (size_t c = 0; def && c < def->ncmds; c++) {
		const ls_sec_cmd *cmd = &def->cmds[c];
		switch (cmd->kind) {
		case LS_SC_ASSIGN: {
			const ls_assign *a = &cmd->u.assign;
			ls_value v =
			    compound(e, a, eval(e, &a->value), sec, cmd->loc);
			if (strcmp(a->name, ".")) {
				set_symbol(e, a, v, cmd->loc);
				break;
			}
			/* A constant is an offset into the section. */
			if (a->op == LS_ASSIGN_SET && v.known &&
			    is_constant(a->value.e) && sec->vma.known)
				v = dot_plus(e, sec, sec->vma.v, v.v, cmd->loc);
			ls_fact *f;
			if (v.known && e->dot.known && v.v < e->dot.v &&
			    e->pass == MAX_PASSES - 1 &&
			    (f = fact(e, LS_FACT_BACKWARDS, a->value.loc))) {
				f->section = sec->name;
				f->from = e->dot.v;
				f->to = v.v;
			}
			e->dot = v;
			break;
		}
		case LS_SC_INPUT:
			if (!e->have_inputs) {
				e->dot = unknown;
				break;
			}
			/* The input sections this description took. */
			for (; next_input < it->ninputs; next_input++) {
				const isec *is =
				    &e->isecs[it->inputs[next_input]];
				if (!input_matches(&cmd->u.input, is))
					break;
				if (is->sec->size)
					e->dot = align_value(e, e->dot,
							     is->sec->align,
							     sec, cmd->loc);
				dot_advance(e, sec, is->sec->size, cmd->loc);
			}
			break;
		case LS_SC_DATA:
			dot_advance(e, sec, cmd->u.data.size, cmd->loc);
			break;
		case LS_SC_ASCIZ:
			dot_advance(e, sec, (uint64_t)strlen(cmd->u.asciz) + 1,
				    cmd->loc);
			break;
		case LS_SC_ASSERT:
		case LS_SC_FILL:
		case LS_SC_KEYWORD:
			break;
		}
	}
	/* Orphans added to this section (ld appends them at its end). */
	for (; next_input < it->ninputs; next_input++) {
		const isec *is = &e->isecs[it->inputs[next_input]];
		if (is->sec->size)
			e->dot = align_value(e, e->dot, is->sec->align, sec,
					     sec->loc);
		dot_advance(e, sec, is->sec->size, sec->loc);
	}
	/* '.' below the start was a backwards move, reported as such. */
	uint64_t size;
	if (!e->dot.known || !sec->vma.known ||
	    !va_sub(e->dot.v, sec->vma.v, &size))
		return unknown;
	return known(size);
}

static uint64_t section_align(ev *e, const item *it)
{
	uint64_t a = 1;

	for (size_t k = 0; k < it->ninputs; k++) {
		const image_section *s = e->isecs[it->inputs[k]].sec;
		if (s->align > a && (s->size || e->linked))
			a = s->align;
	}
	if (it->def && it->def->has_align) {
		ls_value v = eval(e, &it->def->align);
		if (v.known && va_is_pow2(v.v) && v.v > a)
			a = v.v;
	}
	return a;
}

static const ls_section_start *start_option(const ev *e, const char *name)
{
	for (size_t i = 0; i < e->o->nsections; i++)
		if (!strcmp(e->o->sections[i].section, name))
			return &e->o->sections[i];
	return NULL;
}

/* Whether an output section ends up in the output: ld drops one with no
 * contents unless something else (data, an assignment) is in it. */
static bool section_exists(const ev *e, const item *it,
			   const ls_out_section *sec)
{
	if (!e->have_inputs)
		return true;
	if (it->ninputs)
		return sec->alloc || sec->load || e->linked;
	if (e->linked)
		return false;
	return has_data(it->def) || moves_dot(it->def);
}

/* The load address by GNU ld's rules: AT(), the load region's next free
 * byte (not aligned), or the previous section's distance between load and
 * run address (its end, if the two overlap, as after an overlay), aligned
 * to the section's alignment -- which an explicit address lowers to what
 * the address itself has. */
static ls_value load_address(ev *e, const ls_out_section *sec,
			     const ls_output_section *def,
			     const ls_region *lma_region)
{
	const ls_out_section *prev = e->prev;
	uint64_t align = sec->align, lma;

	if (def && def->has_at)
		return eval(e, &def->at);
	/* AT>R for a section already in R: it loads where it runs. */
	if (lma_region && sec->region && !strcmp(lma_region->name, sec->region))
		return def && def->has_address ? lma_region->next : sec->vma;
	if (lma_region)
		return lma_region->next;
	if (!prev || !sec->vma.known || !prev->vma.known || !prev->lma.known ||
	    !prev->size.known)
		return sec->vma;
	/* Both ends were checked when the sizes were laid out. */
	va_range me, before;
	if (!va_range_from_size(sec->vma.v, sec->size.known ? sec->size.v : 0,
				&me) ||
	    !va_range_from_size(prev->vma.v, prev->size.v, &before))
		return unknown;
	uint64_t base = sec->vma.v, d;
	if (va_range_overlaps(me, before) ||
	    (me.start == me.end && me.start >= before.start &&
	     me.start < before.end)) {
		base = prev->lma.v;
		d = prev->size.v;
	} else if (!va_sub(prev->lma.v, prev->vma.v, &d)) {
		/* Loaded below where it runs, by as much as the previous. */
		va_sub(prev->vma.v, prev->lma.v, &d);
		if (!va_sub(base, d, &lma)) {
			wrapped(e, sec, sec->loc,
				"its load address falls below 0 (0x%" PRIx64
				" - 0x%" PRIx64 ")",
				base, d);
			return unknown;
		}
		base = lma;
		d = 0;
	}
	if (!va_add(base, d, &lma)) {
		wrapped(e, sec, sec->loc,
			"its load address passes the end of the 64-bit address "
			"space (0x%" PRIx64 " + 0x%" PRIx64 ")",
			base, d);
		return unknown;
	}
	/* An explicit address keeps its distance as it is. */
	if (def && def->has_address)
		return known(lma);
	return align_value(e, known(lma), align, sec, sec->loc);
}

/* The section's end: past the last address is an error, and the size
 * unknown (a linked image gives sizes that the script's addresses may not
 * have room for). */
static void check_end(ev *e, ls_out_section *sec)
{
	uint64_t end;

	if (!sec->size.known || !sec->vma.known ||
	    va_add(sec->vma.v, sec->size.v, &end))
		return;
	wrapped(e, sec, sec->loc,
		"its address 0x%" PRIx64 " + its size 0x%" PRIx64
		" passes the end of the 64-bit address space",
		sec->vma.v, sec->size.v);
	sec->size = unknown;
}

/* The same at the load address, for a section with contents (loads) or
 * one whose end the next load address follows (an overlay member): the
 * load address is unknown then. */
static void check_load_end(ev *e, ls_out_section *sec, bool loads)
{
	uint64_t end;

	if (!loads || !sec->size.known || !sec->lma.known ||
	    va_add(sec->lma.v, sec->size.v, &end))
		return;
	wrapped(e, sec, sec->loc,
		"its load address 0x%" PRIx64 " + its size 0x%" PRIx64
		" passes the end of the 64-bit address space",
		sec->lma.v, sec->size.v);
	sec->lma = unknown;
}

static void lay_section(ev *e, const item *it)
{
	ls_out_section *sec = &e->out->sections[it->out];
	const ls_output_section *def = it->def;
	const ls_section_start *opt = start_option(e, sec->name);
	ls_region *region =
	    def && def->region ? region_find(e, def->region) : NULL;
	ls_region *lma_region =
	    def && def->lma_region ? region_find(e, def->lma_region) : NULL;

	/* A value a reported wrap made unknown needs no note besides. */
	size_t wraps = e->nwraps;

	classify(e, it, sec);
	if (!section_exists(e, it, sec)) {
		sec->alloc = sec->load = false;
		sec->vma = sec->lma = unknown;
		sec->size = known(0);
		return;
	}
	sec->align = section_align(e, it);
	sec->region = region ? region->name : NULL;
	sec->lma_region = lma_region ? lma_region->name : NULL;
	if (def && def->region && !region && e->pass == MAX_PASSES - 1)
		fact_text(e, LS_FACT_ERROR, def->region_loc,
			  "section %s: no memory region '%s'", sec->name,
			  def->region);
	if (!sec->alloc) {
		/* Not loaded: no run-time address, and '.' stays. */
		ls_value keep = e->dot;
		sec->vma = known(0);
		e->dot = known(0);
		sec->size = lay_contents(e, it, sec);
		e->dot = keep;
		sec->lma = sec->vma;
		return;
	}
	if (opt) {
		sec->vma = known(opt->value);
		sec->addr_loc = (ls_loc){0};
		sec->addr_from = LS_ADDR_OPTION;
	} else if (def && def->has_address) {
		sec->vma = eval(e, &def->address);
		sec->addr_loc = def->address.loc;
		sec->addr_from = LS_ADDR_EXPR;
	} else if (region) {
		sec->vma = align_value(e, region->next, sec->align, sec,
				       def->region_loc);
		sec->addr_loc = def->region_loc;
		sec->addr_from = LS_ADDR_REGION;
	} else {
		sec->vma = align_value(e, e->dot, sec->align, sec, sec->loc);
		/* Placed where '.' is: fixed by the assignment '.' last
		 * got its value from (the base, for most scripts). */
		sec->addr_loc = e->dot_loc;
		sec->addr_from = LS_ADDR_DOT;
	}
	if (!sec->vma.known && e->pass == MAX_PASSES - 1 && e->nwraps == wraps)
		undetermined(e, sec->loc, why_unknown(e), "address of %s",
			     sec->name);
	e->dot = sec->vma;
	e->cur = sec;
	sec->size = lay_contents(e, it, sec);
	e->cur = NULL;
	check_end(e, sec);
	/* A section in the same region as the previous one, without a load
	 * region of its own, loads in the previous one's load region. */
	if (!lma_region && !(def && def->has_at) && region && e->prev &&
	    e->prev->region && !strcmp(e->prev->region, region->name) &&
	    e->prev->lma_region)
		lma_region = region_find(e, e->prev->lma_region);
	sec->lma_region = lma_region ? lma_region->name : NULL;
	sec->lma = load_address(e, sec, def, lma_region);
	check_load_end(e, sec, sec->load);
	if (!sec->size.known && e->pass == MAX_PASSES - 1 && e->nwraps == wraps)
		undetermined(e, sec->loc, why_unknown(e), "size of %s",
			     sec->name);
	ls_value end = unknown;
	if (sec->vma.known && sec->size.known &&
	    va_add(sec->vma.v, sec->size.v, &end.v))
		end.known = true;
	e->dot = end;
	if (sec->addr_loc.file)
		e->dot_loc = sec->addr_loc;
	if (region)
		region->next = end;
	if (lma_region && sec->load) {
		/* check_load_end made sure the sum fits. */
		lma_region->next = unknown;
		if (sec->lma.known && sec->size.known &&
		    va_add(sec->lma.v, sec->size.v, &lma_region->next.v))
			lma_region->next.known = true;
	}
	e->prev = sec;
}

static void lay_assign(ev *e, const item *it)
{
	const ls_assign *a = &it->cmd->u.assign;
	bool is_dot = strcmp(a->name, ".") == 0;
	bool base_candidate =
	    is_dot && it->in_sections && !e->prev && !e->out->has_base;
	ls_value v = eval(e, &a->value);

	v = compound(e, a, v, NULL, it->cmd->loc);
	if (!is_dot) {
		set_symbol(e, a, v, it->cmd->loc);
		return;
	}
	if (base_candidate) {
		/* The first '.' the script sets is the link base; the ELF
		 * headers sit there when it adds SIZEOF_HEADERS. */
		e->headers_zero = true;
		e->quiet = true;
		ls_value b = eval(e, &a->value);
		e->quiet = false;
		e->headers_zero = false;
		e->out->has_base = true;
		e->out->base = b;
		e->out->base_loc = a->value.loc;
	}
	e->dot = v;
	/* '.' = ALIGN(.) and the like continue from where '.' was; only a
	 * value of its own starts a new place. */
	if (!e->dot_loc.file ||
	    (a->op == LS_ASSIGN_SET && is_constant(a->value.e)))
		e->dot_loc = a->value.loc;
}

static void lay_assert(ev *e, const item *it)
{
	const ls_assert *as = &it->cmd->u.assert_;
	ls_value v = eval(e, &as->cond);

	if (e->pass != MAX_PASSES - 1)
		return;
	if (!v.known)
		undetermined(e, it->cmd->loc, why_unknown(e), "ASSERT(%s)",
			     as->message ? as->message : "");
	else if (!v.v)
		fact_text(e, LS_FACT_ASSERT_FAILED, as->cond.loc, "%s",
			  as->message ? as->message : "");
}

static void lay_overlay(ev *e, const item *start)
{
	const ls_overlay *ov = start->cmd->u.overlay;
	ls_region *region = ov->region ? region_find(e, ov->region) : NULL;
	ls_region *lma_region =
	    ov->lma_region ? region_find(e, ov->lma_region) : NULL;
	ls_value vma = ov->has_start ? eval(e, &ov->start)
		       : region	     ? region->next
				     : e->dot;
	ls_value lma = ov->has_at   ? eval(e, &ov->at)
		       : lma_region ? lma_region->next
				    : vma;
	ls_value biggest = known(0);
	size_t k = (size_t)(start - e->items) + 1;

	/* Every member starts at the overlay's address; their load
	 * addresses follow each other; '.' ends after the largest. */
	for (; k < e->nitems && e->items[k].kind == IT_SECTION; k++) {
		const item *it = &e->items[k];
		ls_out_section *sec = &e->out->sections[it->out];
		classify(e, it, sec);
		sec->align = section_align(e, it);
		sec->vma = vma;
		sec->lma = lma;
		sec->region = region ? region->name : NULL;
		sec->lma_region = lma_region ? lma_region->name : NULL;
		sec->addr_loc = ov->has_start ? ov->start.loc : ov->loc;
		sec->addr_from = ov->has_start ? LS_ADDR_EXPR
				 : region      ? LS_ADDR_REGION
					       : LS_ADDR_DOT;
		e->dot = vma;
		sec->size = lay_contents(e, it, sec);
		check_end(e, sec);
		check_load_end(e, sec, true);
		/* Members load one after the other. */
		if (!sec->size.known || !sec->lma.known ||
		    !va_add(sec->lma.v, sec->size.v, &lma.v))
			lma = unknown;
		if (!sec->size.known || !biggest.known)
			biggest = unknown;
		else if (sec->size.v > biggest.v)
			biggest = sec->size;
		e->prev = sec;
	}
	/* Every member's end was checked, the largest's too. */
	e->dot = unknown;
	if (vma.known && biggest.known && va_add(vma.v, biggest.v, &e->dot.v))
		e->dot.known = true;
	if (region)
		region->next = e->dot;
	if (lma_region)
		lma_region->next = lma;
}

static void reset_pass(ev *e)
{
	e->dot = known(0);
	e->prev = NULL;
	e->dot_loc = (ls_loc){0};
	e->cur = NULL;
	e->changed = false;
	e->out->has_base = false;
	e->out->base = unknown;
	for (size_t i = 0; i < e->out->nregions; i++) {
		ls_region *r = &e->out->regions[i];
		r->origin = eval(e, &r->def->origin);
		r->length = eval(e, &r->def->length);
		r->next = r->origin;
		uint64_t end;
		bool top;
		if (r->origin.known && r->length.known &&
		    !region_end(r, &end, &top))
			wrapped(e, NULL, r->def->loc,
				"memory region %s: ORIGIN 0x%" PRIx64
				" + LENGTH 0x%" PRIx64
				" passes the end of the 64-bit address space",
				r->name, r->origin.v, r->length.v);
	}
}

static void run_pass(ev *e)
{
	reset_pass(e);
	for (size_t k = 0; k < e->nitems && !e->oom; k++) {
		const item *it = &e->items[k];
		switch (it->kind) {
		case IT_ASSIGN:
			lay_assign(e, it);
			break;
		case IT_ASSERT:
			lay_assert(e, it);
			break;
		case IT_SECTION:
			if (it->def && !strcmp(it->def->name, "/DISCARD/"))
				break;
			if (!e->out->has_base && !e->prev && it->def &&
			    it->def->has_address) {
				/* No '.' before the first section: its own
				 * address is the base (only the first's: a
				 * later one, such as '.comment 0', is not). */
				e->out->has_base = true;
				e->out->base = eval(e, &it->def->address);
				e->out->base_loc = it->def->address.loc;
			}
			lay_section(e, it);
			break;
		case IT_OVERLAY_START:
			lay_overlay(e, it);
			while (k + 1 < e->nitems &&
			       e->items[k + 1].kind == IT_SECTION)
				k++;
			break;
		case IT_OVERLAY_END:
			break;
		}
	}
}

/* ---- Setting up ---- */

static bool collect_regions(ev *e, const ls_cmd *cmds, size_t n)
{

	for (size_t i = 0; i < n; i++) {
		if (cmds[i].kind != LS_CMD_MEMORY)
			continue;
		for (size_t r = 0; r < cmds[i].u.memory.nregions; r++) {
			const ls_memory_region *m =
			    &cmds[i].u.memory.regions[r];
			if (!grow((void **)&e->out->regions, &e->cap_regions,
				  e->out->nregions, sizeof(*e->out->regions)))
				return false;
			e->out->regions[e->out->nregions++] =
			    (ls_region){m->name, m, unknown, unknown, unknown};
		}
	}
	return true;
}

static uint16_t machine_of(const ev *e)
{
	if (e->o->machine)
		return e->o->machine;
	for (size_t f = 0; f < e->o->ninputs; f++)
		if (e->o->inputs[f].machine)
			return e->o->inputs[f].machine;
	static const struct {
		const char *sub;
		uint16_t em;
	} formats[] = {
	    {"x86-64", EM_X86_64}, {"i386", EM_386},   {"aarch64", EM_AARCH64},
	    {"littlearm", EM_ARM}, {"bigarm", EM_ARM}, {"riscv", EM_RISCV},
	};
	for (size_t i = 0; i < e->s->ncmds; i++) {
		const ls_cmd *c = &e->s->cmds[i];
		if (c->kind != LS_CMD_NAMED || !c->nargs ||
		    (strcmp(c->keyword, "OUTPUT_FORMAT") &&
		     strcmp(c->keyword, "OUTPUT_ARCH")))
			continue;
		for (size_t k = 0; k < sizeof(formats) / sizeof(formats[0]);
		     k++)
			if (strstr(c->args[0], formats[k].sub))
				return formats[k].em;
	}
	return 0;
}

void ls_eval_free(ls_eval *e)
{
	free(e->sections);
	for (size_t i = 0; i < e->nsymbols; i++)
		free(e->symbols[i].name);
	free(e->symbols);
	free(e->regions);
	for (size_t i = 0; i < e->nundetermined; i++) {
		free(e->undetermined[i].what);
		free(e->undetermined[i].why);
	}
	free(e->undetermined);
	for (size_t i = 0; i < e->nfacts; i++)
		free(e->facts[i].text);
	free(e->facts);
	memset(e, 0, sizeof(*e));
}

bool ls_evaluate(const ls_script *s, const ls_eval_opts *o, ls_eval *out,
		 vl_error *err)
{
	ev e = {.s = s, .o = o, .out = out, .err = err, .pass = -1};
	bool ok = false;

	memset(out, 0, sizeof(*out));
	e.have_inputs = o->ninputs > 0;
	if (o->ninputs == 1 &&
	    (o->inputs[0].type == ET_EXEC || o->inputs[0].type == ET_DYN))
		e.linked = &o->inputs[0];
	out->machine = machine_of(&e);
	out->maxpagesize = o->maxpagesize
			       ? o->maxpagesize
			       : ls_default_maxpagesize(out->machine);
	out->commonpagesize = o->commonpagesize
				  ? o->commonpagesize
				  : ls_default_commonpagesize(out->machine);
	if (!collect_regions(&e, s->cmds, s->ncmds) || !prepare(&e))
		goto oom;
	/* Passes until nothing changes; only the last one records facts. */
	for (e.pass = 0; e.pass < MAX_PASSES; e.pass++) {
		run_pass(&e);
		if (e.oom)
			goto oom;
		if (e.pass < MAX_PASSES - 1 && !e.changed && e.pass > 0)
			e.pass = MAX_PASSES - 2;
	}
	ok = true;
	goto done;
oom:
	if (!e.input_error)
		vl_fail(err, NULL, 0, 0, "out of memory");
done:
	for (size_t k = 0; k < e.nitems; k++)
		free(e.items[k].inputs);
	free(e.items);
	free(e.isecs);
	free(e.commons);
	if (!ok)
		ls_eval_free(out);
	return ok;
}
