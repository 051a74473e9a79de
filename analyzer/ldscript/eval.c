/* The link simulation.  It follows GNU ld's order of work: input sections
 * are matched to output sections once (first matching statement in script
 * order wins; unmatched ones become orphans, placed by their kind as GNU
 * ld places them), then addresses are assigned in passes until symbol
 * values stop changing, so forward references resolve as they do in the
 * linker; each pass sizes the output sections as GNU ld does (regions,
 * load addresses, empty sections). */
#include "ldscript/eval.h"

#include <ctype.h>
#include <elf.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "grow.h"
#include "ldscript/contents.h"
#include "ldscript/made.h"
#include "ldscript/relax.h"
#include "strindex.h"

/* GNU ld evaluates the script's assignments 7 times over (ld 2.40, a
 * script without relaxation or RELRO): a chain of forward references
 * `a = b; b = c; ...` resolves up to 6 deep, and the 7th pass, the one
 * that reports errors, finds a deeper one undefined.  Passes stop early
 * when nothing changes. */
#define MAX_PASSES 7

#define NONE SIZE_MAX /* no item, no index */

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
	bool own; /* made by the linker itself (empty) */
	bool common;   /* the object's COMMON symbols */
	ls_value addr; /* where the last pass that placed it put it */
	/* Its size in the link, and whether ld drops it, once GNU ld has
	 * merged and edited contents (edit_contents). */
	uint64_t size;
	bool excluded;
	/* A dynamic section the link makes (LM_* + 1), sized by
	 * size_dynamic; 0 for any other. */
	int dyn;
	bool dup; /* a COMDAT group an earlier input has (drop_duplicates) */
	lr_section *rx; /* RISC-V: what ld may relax in it (relax_isec) */
} isec;

/* SECTIONS commands of a script with INSERT, [first, end) of its
 * commands, and the INSERT that places them (NULL: after the last). */
typedef struct ins_group {
	const ls_cmd *ins;
	size_t first, end;
	bool done;
} ins_group;

/* An input section's isec, found by its image_section (see isec_of). */
typedef struct sec_ref {
	const image_section *sec;
	size_t isec;
} sec_ref;

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
	bool from_base;		      /* from the default script (INSERT) */
	bool loads_unallocated;	      /* see contribute_input */
	/* Objects: the input sections this output section holds, in order. */
	size_t *inputs;
	size_t ninputs, cap_inputs;
	/* IT_SECTION: its memory regions, the script's (>R, AT>R) or for
	 * an orphan those of the section it follows. */
	const char *region, *lma_region;
	/* IT_SECTION, from prepare: it has data statements, assigns '.',
	 * assigns a symbol, takes an input file's section, and its name is
	 * one the linker never allocates. */
	bool data, dot_moves, sets_symbol, takes, never_alloc;
	/* While orphans are placed (prepare): the section as GNU ld sees it
	 * then -- made (something created it: an input section, data, an
	 * assignment), the SF_* flags and sh_type of what is in it, refused
	 * by ONLY_IF_RO/RW -- the next item in the list orphans are inserted
	 * into, and the next section of the same name. */
	bool made, flagged, typed, refused;
	unsigned flags;
	uint32_t type;
	uint64_t align;
	size_t next, same_name;
} item;

/* Why a value is unknown, as precisely as is known. */
typedef enum why_kind {
	WHY_NONE,      /* nothing more precise: see why_text */
	WHY_SIZES,     /* input section sizes (no --image) */
	WHY_HEADERS,   /* SIZEOF_HEADERS */
	WHY_SYMBOL,    /* a symbol's value: name */
	WHY_UNDEFINED, /* a symbol defined nowhere (yet): name */
	WHY_INSERT,    /* INSERT into the default script */
	WHY_LINKED,    /* what GNU ld does that is not modelled: give the
			  linked program */
	WHY_ERROR,     /* an error reported already: nothing to note */
} why_kind;

typedef struct why {
	why_kind kind;
	const char *name;
} why;

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
	size_t first;	      /* prepare: the first item of the list */
	str_index names;      /* prepare: sections (their items) by name */
	str_index sec_names;  /* out->sections, once in order */
	str_index isec_names; /* isecs by name; */
	size_t *isec_next;    /* ... the next one of the name, or NONE */
	str_index noted;      /* out->undetermined by what */
	/* Symbols by name (see "Symbols"). */
	str_index sym_names;		 /* out->symbols */
	const image_symbol **def_syms;	 /* the inputs' defined ones */
	const image **def_files;	 /* ... and the input of each */
	sec_ref *sec_refs;		 /* isecs by image_section, sorted */
	const image_symbol **undef_syms; /* and their references */
	str_index defined, undefined;
	image_section own_secs[LM_MAX_OWN]; /* the linker's own sections */
	image_section **stub_secs; /* arm's interworking stubs (arm_stubs) */
	size_t nstub_secs, cap_stub_secs;
	bool relro_on; /* GNU ld keeps -z relro for the link (relro_kept) */
	const char **used_names;     /* names the expressions use */
	const char **assigned_names; /* names plain assignments set */
	const char **provided_names; /* names PROVIDEs may set */
	str_index used, assigned, provided;
	size_t cap_used, cap_assigned, cap_provided;
	/* INSERT: the script's SECTIONS by the INSERT that places them, and
	 * whether the default script is being flattened. */
	struct ins_group *groups;
	size_t ngroups, cap_groups;
	bool in_base;
	/* OVERLAY sections by the name their __load_start_/__load_stop_
	 * symbols carry (see overlay_symbol). */
	char **ov_ids;
	const char **ov_secs;
	str_index overlays;
	size_t cap_ov;
	/* Per MEMORY region, from collect_regions: its attributes as flags
	 * to have and not to have (RA_*). */
	unsigned *region_flags, *region_not;
	/* pass state */
	int pass;
	ls_value def_next; /* the default region's next free address */
	bool dot_error;	   /* '.' is unknown since a reported error */
	/* Why the last expression evaluated is unknown (the first cause in
	 * it), why '.' and the default region's next address are, and why
	 * each symbol, section, region's next address is. */
	why why, dot_why, def_why;
	why *sym_why, *sec_why, *region_why;
	unsigned *sec_pass; /* the pass (+1) that last laid each section out */
	size_t cap_sym_why;
	/* The section a symbol's address is relative to (GNU ld's section
	 * of a symbol), NONE for a number or absolute value; and the section
	 * whose contents are being laid out, NULL outside (rel_section). */
	size_t *sym_sec, cap_sym_sec;
	const ls_out_section *in_sec;
	/* per region, and last the default one: the section the next one's
	 * load address follows (load_address) */
	const ls_out_section **last_in;
	bool changed;
	ls_value dot;
	bool headers_zero;	    /* SIZEOF_HEADERS evaluates to 0 */
	const ls_out_section *prev; /* the previous allocated section */
	ls_loc dot_loc;		    /* the assignment '.' got its value from */
	bool headers_unknown;	    /* SIZEOF_HEADERS was asked and not known */
	/* Objects without PHDRS: the program headers the last pass's layout
	 * makes, as GNU ld maps sections to segments (count_phdrs); 0 before
	 * a pass has counted. */
	unsigned phnum;
	bool stack_note; /* an object has .note.GNU-stack (collect_inputs) */
	/* RISC-V relaxation: ld's largest output section alignment (0: not
	 * yet known), a pass shortened code, and the first object whose
	 * relaxation is not modelled (R_RISCV_ALIGN, TPREL). */
	uint64_t relax_align;
	bool relaxed;
	/* ld's relaxation passes: 0 shortens code until nothing changes,
	 * then 1 drops alignment padding (R_RISCV_ALIGN), once a section;
	 * aligns: some section has such padding. */
	int relax_pass;
	bool aligns;
	/* '.' reached 2^64 exactly inside the section being laid out (a
	 * section may end at the top of the address space, as GNU ld
	 * allows): it reads 0 then, as in GNU ld, and the section's size is
	 * what remained below the top. */
	bool dot_top;
	/* DATA_SEGMENT_ALIGN and DATA_SEGMENT_RELRO_END of the last pass,
	 * and GNU ld's RELRO adjustment (ldlang.c, lang_size_relro_segment):
	 * once a pass has seen both, the data segment's base moves up so that
	 * the RELRO part ends on a page boundary, and the passes run again
	 * from that base. */
	struct {
		bool align_seen, relro_seen, adjust, reverted;
		uint64_t base, relro_end, relro_offset, page;
		uint64_t relro_aligned; /* the RELRO end aimed at */
		/* Without RELRO: DATA_SEGMENT_END's value, COMMONPAGESIZE,
		 * and whether the segment starts on the page boundary to
		 * save a page (lang_size_segment), or that is decided. */
		bool end_seen, page_adjust, page_done;
		uint64_t end, common;
	} ds;
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

/* /DISCARD/ is a statement, not an output section. */
static bool is_discard(const item *it)
{
	return it->kind == IT_SECTION && it->def &&
	       !strcmp(it->def->name, "/DISCARD/");
}

static ls_value known(uint64_t v)
{
	return (ls_value){true, v};
}


/* ---- What the evaluator could not determine ---- */

static char *why_text(const ev *e, why w);

static const char *noted_what(const void *owner, size_t k)
{
	return ((const ls_eval *)owner)->undetermined[k].what;
}

static void undetermined(ev *e, ls_loc loc, why w, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void undetermined(ev *e, ls_loc loc, why w, const char *fmt, ...)
{
	ls_eval *o = e->out;
	va_list ap;
	char *what;

	if (e->pass < 0 || w.kind == WHY_ERROR)
		return;
	va_start(ap, fmt);
	int n = vasprintf(&what, fmt, ap);
	va_end(ap);
	if (n < 0) {
		e->oom = true;
		return;
	}
	if (str_index_find(&e->noted, what) >= 0) {
		free(what);
		return;
	}
	if (!vl_grow((void **)&o->undetermined, &e->cap_undetermined,
		  o->nundetermined, sizeof(*o->undetermined))) {
		free(what);
		e->oom = true;
		return;
	}
	char *text = why_text(e, w);
	if (!text) {
		free(what);
		e->oom = true;
		return;
	}
	o->undetermined[o->nundetermined] = (ls_undetermined){what, text, loc};
	if (!str_index_add(&e->noted, o->nundetermined++))
		e->oom = true;
}

/* Why a value could not be determined, in words (allocated). */
static char *why_text(const ev *e, why w)
{
	char *s = NULL;

	switch (w.kind) {
	case WHY_SYMBOL:
		if (!e->have_inputs)
			return vl_strprintf("depends on the symbol %s, which "
					    "the script does not define (an "
					    "input file does: give --image)",
					    w.name);
		return vl_strprintf("depends on the address of %s, which "
				    "only the linked program tells (give it "
				    "with --image)",
				    w.name);
	case WHY_UNDEFINED:
		return vl_strprintf("depends on the symbol %s, which nothing "
				    "defines",
				    w.name);
	case WHY_HEADERS:
		return strdup("depends on SIZEOF_HEADERS, which the inputs "
			      "(--image) or a PHDRS command tell");
	case WHY_SIZES:
		return strdup("depends on input section sizes (give --image)");
	case WHY_INSERT:
		return strdup("INSERT places these sections into the linker's "
			      "default script, which no linker could print "
			      "(ld --verbose; see --ld)");
	case WHY_LINKED:
		return strdup("not modelled for objects: --image with the "
			      "linked program gives the exact layout");
	case WHY_NONE:
	case WHY_ERROR:
		break;
	}
	if (!e->have_inputs)
		s = strdup("depends on input section sizes (give --image)");
	else if (e->headers_unknown)
		s = strdup("depends on SIZEOF_HEADERS, which only a linked "
			   "image (--image) or a PHDRS command tells");
	else
		s = strdup("depends on a value the inputs do not give");
	return s;
}

/* What made the expression being evaluated unknown: the first cause. */
static void because(ev *e, why w)
{
	if (e->why.kind == WHY_NONE)
		e->why = w;
}

/* Record what the linker would refuse (only the last pass calls this). */
static ls_fact *fact(ev *e, ls_fact_kind kind, ls_loc loc)
{
	ls_eval *o = e->out;

	if (!vl_grow((void **)&o->facts, &e->cap_facts, o->nfacts,
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

/* Whether [a, a + n) ends exactly at 2^64: its last byte is the last
 * address. */
static bool ends_at_top(uint64_t a, uint64_t n)
{
	uint64_t end;
	bool top;

	return va_end_or_top(a, n, &end, &top) && top;
}

/* a + b as the location counter's new value, set by what is at loc
 * inside sec. */
static ls_value dot_plus(ev *e, const ls_out_section *sec, uint64_t a,
			 uint64_t b, ls_loc loc)
{
	uint64_t r;

	if (e->dot_top && b) {
		/* At the top already: a byte more passes it. */
		wrapped(e, sec, loc,
			"the location counter passes the end of the 64-bit "
			"address space (2^64 + 0x%" PRIx64 ")",
			b);
		return unknown;
	}
	if (va_add(a, b, &r))
		return known(r);
	if (sec && ends_at_top(a, b)) {
		e->dot_top = true;
		return known(0);
	}
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
	if (!va_end_or_top(r->origin.v, r->length.v, end, top))
		return false;
	if (*top)
		*end = 0;
	return true;
}

/* What an expression's value is, in GNU ld's terms ("The Section of an
 * Expression"): a plain number, an absolute address or an address in a
 * section.  Inside an output section a number assigned to '.' or to a
 * symbol is an offset from the section's start, and absolute symbols
 * read as numbers there (ld 2.40 without LD_FEATURE("SANE_EXPR")). */
typedef enum vkind {
	VK_NUM,
	VK_ABS,
	VK_REL,
} vkind;

static vkind value_kind(const ev *e, const expr *x, bool inside);
static size_t rel_section(const ev *e, const expr *x);

/* ---- Symbols ----
 *
 * The script's symbols, the inputs' (defined ones, and the references
 * they leave to the link) and the names the script's expressions use
 * are each indexed by name: 50,000 symbols cost no more than a look-up
 * each. */

static const char *script_symbol_name(const void *owner, size_t k)
{
	return ((const ls_eval *)owner)->symbols[k].name;
}

static const char *defined_name(const void *owner, size_t k)
{
	return ((const ev *)owner)->def_syms[k]->name;
}

static const char *undefined_name(const void *owner, size_t k)
{
	return ((const ev *)owner)->undef_syms[k]->name;
}

static const char *used_name(const void *owner, size_t k)
{
	return ((const ev *)owner)->used_names[k];
}

static const char *overlay_id(const void *owner, size_t k)
{
	return ((const ev *)owner)->ov_ids[k];
}

static const char *assigned_name(const void *owner, size_t k)
{
	return ((const ev *)owner)->assigned_names[k];
}

static const char *provided_name(const void *owner, size_t k)
{
	return ((const ev *)owner)->provided_names[k];
}

/* Adds name to a set of names (an index over the array *names), once. */
static bool name_set_add(str_index *ix, const char ***names, size_t *cap,
			 const char *name)
{
	if (str_index_find(ix, name) >= 0)
		return true;
	if (!vl_grow((void **)names, cap, ix->n, sizeof(**names)))
		return false;
	(*names)[ix->n] = name;
	return str_index_add(ix, ix->n);
}

static ls_symbol *symbol_find(const ev *e, const char *name)
{
	ptrdiff_t k = str_index_find(&e->sym_names, name);
	return k < 0 ? NULL : &e->out->symbols[k];
}

static ls_symbol *symbol_add(ev *e, const char *name)
{
	ls_eval *o = e->out;
	ls_symbol *sym = symbol_find(e, name);

	if (sym)
		return sym;
	if (!vl_grow((void **)&o->symbols, &e->cap_symbols, o->nsymbols,
		  sizeof(*o->symbols)))
		goto oom;
	sym = &o->symbols[o->nsymbols];
	memset(sym, 0, sizeof(*sym));
	if (!(sym->name = strdup(name)))
		goto oom;
	if (!str_index_add(&e->sym_names, o->nsymbols) ||
	    !vl_grow((void **)&e->sym_why, &e->cap_sym_why, o->nsymbols,
		  sizeof(*e->sym_why)) ||
	    !vl_grow((void **)&e->sym_sec, &e->cap_sym_sec, o->nsymbols,
		  sizeof(*e->sym_sec))) {
		free(sym->name);
		goto oom;
	}
	e->sym_why[o->nsymbols] = (why){WHY_NONE, NULL};
	e->sym_sec[o->nsymbols] = NONE;
	o->nsymbols++;
	return sym;
oom:
	e->oom = true;
	return NULL;
}

/* A symbol an input file defines (the first one's): its value for a
 * linked image, unknown (but defined) for an object. */
static const image_symbol *input_symbol(const ev *e, const char *name)
{
	ptrdiff_t k = str_index_find(&e->defined, name);
	return k < 0 ? NULL : e->def_syms[k];
}

static int cmp_sec_ref(const void *pa, const void *pb)
{
	const sec_ref *a = pa, *b = pb;
	uintptr_t x = (uintptr_t)a->sec, y = (uintptr_t)b->sec;

	return x < y ? -1 : x > y;
}

/* The isecs by the image_section they stand for, for isec_of: once,
 * after collect_inputs. */
static bool index_isecs(ev *e)
{
	e->sec_refs =
	    malloc((e->nisecs ? e->nisecs : 1) * sizeof(*e->sec_refs));
	if (!e->sec_refs)
		return false;
	for (size_t i = 0; i < e->nisecs; i++)
		e->sec_refs[i] = (sec_ref){e->isecs[i].sec, i};
	qsort(e->sec_refs, e->nisecs, sizeof(*e->sec_refs), cmp_sec_ref);
	return true;
}

/* The isec of section k (1 + index into file's sections), or NULL when
 * that section is no input section of the link. */
static isec *isec_of(const ev *e, const image *file, size_t k)
{
	sec_ref key, *r;

	if (!k || k > file->nsections || !e->sec_refs)
		return NULL;
	key.sec = &file->sections[k - 1];
	r = bsearch(&key, e->sec_refs, e->nisecs, sizeof(*e->sec_refs),
		    cmp_sec_ref);
	return r ? &e->isecs[r->isec] : NULL;
}

/* Where an input section's symbol at offset value is now: the section's
 * address from the last layout, past the bytes relaxation deleted before
 * it.  False when the section has no address (yet). */
static bool symbol_now(const ev *e, const image *file, size_t k, uint64_t value,
		       const isec **in, uint64_t *addr)
{
	const isec *is = isec_of(e, file, k);

	if (!is || is->out < 0 || !is->addr.known)
		return false;
	*in = is;
	return va_add(is->addr.v, is->rx ? lr_now(is->rx, value) : value, addr);
}

/* Where an input's symbol defined in one of its sections is, as far as
 * the layout has placed that section (symbol_now).  Unknown when the
 * section is not placed (yet) or the input is linked already. */
static ls_value placed_symbol(const ev *e, const char *name)
{
	ptrdiff_t k = str_index_find(&e->defined, name);
	const isec *in;
	uint64_t v;

	if (k < 0 || e->linked || e->def_files[k]->type != ET_REL ||
	    !symbol_now(e, e->def_files[k], e->def_syms[k]->in_section,
			e->def_syms[k]->value, &in, &v))
		return unknown;
	return known(v);
}

/* Index the inputs' symbols: the defined ones, and those only referred
 * to. */
static bool index_input_symbols(ev *e)
{
	size_t n = 0;

	for (size_t f = 0; f < e->o->ninputs; f++)
		n += e->o->inputs[f].nsymbols;
	e->def_syms = malloc((n ? n : 1) * sizeof(*e->def_syms));
	e->def_files = malloc((n ? n : 1) * sizeof(*e->def_files));
	e->undef_syms = malloc((n ? n : 1) * sizeof(*e->undef_syms));
	if (!e->def_syms || !e->undef_syms || !e->def_files)
		return false;
	for (size_t f = 0; f < e->o->ninputs; f++) {
		const image *img = &e->o->inputs[f];
		for (size_t i = 0; i < img->nsymbols; i++) {
			const image_symbol *is = &img->symbols[i];
			bool undef = is->undefined;
			str_index *x = undef ? &e->undefined : &e->defined;
			const image_symbol **v =
			    undef ? e->undef_syms : e->def_syms;
			if (str_index_find(x, is->name) >= 0)
				continue;
			v[x->n] = is;
			if (!undef)
				e->def_files[x->n] = img;
			if (!str_index_add(x, x->n))
				return false;
		}
	}
	return true;
}

/* Every name the script's expressions use (DEFINED() looks without
 * using). */
static bool note_uses(ev *e, const expr *x)
{
	const builtin *b;

	if (!x)
		return true;
	if (x->kind == EXPR_CALL && (b = builtin_of(x)) &&
	    b->id == BUILTIN_DEFINED)
		return true;
	if (x->kind == EXPR_SYM && strcmp(x->name, ".") &&
	    !name_set_add(&e->used, &e->used_names, &e->cap_used, x->name))
		return false;
	if (!note_uses(e, x->a) || !note_uses(e, x->b) || !note_uses(e, x->c))
		return false;
	for (size_t i = 0; i < x->nargs; i++)
		if (!note_uses(e, x->args[i]))
			return false;
	return true;
}

/* GNU ld gives each section of an OVERLAY two symbols, as if by
 * PROVIDE(__load_start_ID = LOADADDR(sec)) and PROVIDE(__load_stop_ID =
 * LOADADDR(sec) + SIZEOF(sec)), where ID is the section's name without the
 * characters a C identifier cannot hold (".text0" gives text0). */
static bool note_overlay_section(ev *e, const char *name)
{
	size_t n = 0;
	char *id = malloc(strlen(name) + 1);

	if (!id)
		return false;
	for (const char *c = name; *c; c++)
		if (*c == '_' || isalnum((unsigned char)*c))
			id[n++] = *c;
	id[n] = '\0';
	if (str_index_find(&e->overlays, id) >= 0) {
		free(id);
		return true;
	}
	if (!vl_grow((void **)&e->ov_ids, &e->cap_ov, e->overlays.n,
		  sizeof(*e->ov_ids))) {
		free(id);
		return false;
	}
	/* Same capacity: grow never shrinks and both grow together. */
	const char **secs = realloc(e->ov_secs, e->cap_ov * sizeof(*secs));
	if (!secs) {
		free(id);
		return false;
	}
	e->ov_secs = secs;
	e->ov_ids[e->overlays.n] = id;
	e->ov_secs[e->overlays.n] = name;
	return str_index_add(&e->overlays, e->overlays.n);
}

/* A script's assignment to a name, anywhere: a plain one, or a
 * PROVIDE. */
static bool note_defines(ev *e, const ls_assign *a)
{
	if (!strcmp(a->name, "."))
		return true;
	if (a->provide)
		return name_set_add(&e->provided, &e->provided_names,
				    &e->cap_provided, a->name);
	return name_set_add(&e->assigned, &e->assigned_names, &e->cap_assigned,
			    a->name);
}

/* Whether GNU ld defines name as __start_SEC or __stop_SEC: for every
 * input section whose name SEC is a C identifier (ldlang.c,
 * lang_init_start_stop). */
static bool start_stop_symbol(const ev *e, const char *name)
{
	const char *sec = !strncmp(name, "__start_", 8)	 ? name + 8
			  : !strncmp(name, "__stop_", 7) ? name + 7
							 : NULL;

	if (!sec || !*sec)
		return false;
	for (const char *c = sec; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '_')
			return false;
	return str_index_find(&e->isec_names, sec) >= 0;
}

/* Whether the link defines a global symbol: an input, an assignment of
 * the script (or --defsym), a PROVIDE (which an input's reference always
 * makes define it, when nothing else does), or GNU ld itself
 * (__start_SEC, __stop_SEC). */
static bool link_defines(const ev *e, const char *name)
{
	return input_symbol(e, name) ||
	       str_index_find(&e->assigned, name) >= 0 ||
	       str_index_find(&e->provided, name) >= 0 ||
	       start_stop_symbol(e, name);
}

static bool note_names(ev *e, const ls_cmd *cmds, size_t n)
{
	bool ok = true;

	for (size_t i = 0; ok && i < n; i++) {
		const ls_cmd *c = &cmds[i];
		const ls_output_section *d = c->u.section;
		switch (c->kind) {
		case LS_CMD_ASSIGN:
			ok = note_uses(e, c->u.assign.value.e) &&
			     note_defines(e, &c->u.assign);
			break;
		case LS_CMD_ASSERT:
			ok = note_uses(e, c->u.assert_.cond.e);
			break;
		case LS_CMD_SECTIONS:
			ok = note_names(e, c->u.sections.cmds,
					c->u.sections.ncmds);
			break;
		case LS_CMD_OVERLAY:
			ok = note_uses(e, c->u.overlay->start.e) &&
			     note_uses(e, c->u.overlay->at.e);
			for (size_t k = 0; ok && k < c->u.overlay->nsections;
			     k++) {
				ls_cmd one = {.kind = LS_CMD_OUTPUT_SECTION};
				one.u.section = &c->u.overlay->sections[k];
				ok = note_names(e, &one, 1) &&
				     note_overlay_section(e,
							  one.u.section->name);
			}
			break;
		case LS_CMD_OUTPUT_SECTION:
			ok = note_uses(e, d->address.e) &&
			     note_uses(e, d->at.e) && note_uses(e, d->align.e);
			for (size_t k = 0; ok && k < d->ncmds; k++) {
				const ls_sec_cmd *sc = &d->cmds[k];
				if (sc->kind == LS_SC_ASSIGN)
					ok = note_uses(e,
						       sc->u.assign.value.e) &&
					     note_defines(e, &sc->u.assign);
				else if (sc->kind == LS_SC_DATA)
					ok = note_uses(e, sc->u.data.value.e);
				else if (sc->kind == LS_SC_ASSERT)
					ok = note_uses(e, sc->u.assert_.cond.e);
			}
			break;
		default:
			break;
		}
	}
	return ok;
}

/* PROVIDE(x = ...) defines x only when something uses it (an input's
 * reference, or an expression of the script) and nothing defines it:
 * otherwise its expression is not even evaluated.  Without inputs,
 * nobody knows; it counts. */
static bool provides(const ev *e, const ls_assign *a)
{
	if (!a->provide)
		return true;
	if (input_symbol(e, a->name) ||
	    str_index_find(&e->assigned, a->name) >= 0)
		return false;
	return !e->have_inputs || str_index_find(&e->used, a->name) >= 0 ||
	       str_index_find(&e->undefined, a->name) >= 0;
}

/* A symbol's kind where it is read: an absolute one reads as a number
 * inside an output section; one not set (yet) as an address. */
static ls_out_section *overlay_symbol(const ev *e, const char *name,
				      bool *stop);

static vkind symbol_kind(const ev *e, const char *name, bool inside)
{
	const ls_symbol *sym = symbol_find(e, name);
	const image_symbol *is;
	bool absolute, stop;

	if (sym)
		absolute = sym->absolute;
	else if ((is = input_symbol(e, name)))
		absolute = is->absolute;
	else if (overlay_symbol(e, name, &stop))
		absolute = true; /* LOADADDR gives a number */
	else
		return VK_REL;
	return !absolute ? VK_REL : inside ? VK_NUM : VK_ABS;
}

/* The kind of what an assignment gives its target: x op= y is
 * x = x op y. */
static vkind assign_kind(const ev *e, const ls_assign *a, bool inside)
{
	vkind r = value_kind(e, a->value.e, inside), l;

	if (a->op == LS_ASSIGN_SET)
		return r;
	l = !strcmp(a->name, ".") ? (inside ? VK_REL : VK_ABS)
				  : symbol_kind(e, a->name, inside);
	if (l == VK_NUM)
		return r;
	if (r == VK_NUM)
		return l;
	return inside ? VK_NUM : VK_ABS;
}

static void set_symbol(ev *e, const ls_assign *a, ls_value v, bool absolute,
		       ls_loc loc)
{
	ls_symbol *sym = symbol_add(e, a->name);
	if (!sym)
		return;
	if (sym->value.known != v.known || sym->value.v != v.v)
		e->changed = true;
	sym->value = v;
	sym->absolute = absolute;
	sym->loc = loc;
	e->sym_why[sym - e->out->symbols] =
	    v.known ? (why){WHY_NONE, NULL} : e->why;
	e->sym_sec[sym - e->out->symbols] =
	    absolute || !e->in_sec ? NONE
	    : assign_kind(e, a, true) == VK_NUM
		? (size_t)(e->in_sec - e->out->sections)
		: rel_section(e, a->value.e);
}

/* ---- Output sections and regions by name ---- */

static const char *section_name(const void *owner, size_t k)
{
	return ((const ls_eval *)owner)->sections[k].name;
}

/* The first output section named name (the index is built once the
 * sections are in order). */
static ls_out_section *section_find(const ev *e, const char *name)
{
	ptrdiff_t k = str_index_find(&e->sec_names, name);
	return k < 0 ? NULL : &e->out->sections[k];
}

/* The section an OVERLAY symbol names, and whether it is the stop. */
static ls_out_section *overlay_symbol(const ev *e, const char *name, bool *stop)
{
	static const char start_p[] = "__load_start_",
			  stop_p[] = "__load_stop_";
	ptrdiff_t k;

	if (!e->overlays.n)
		return NULL;
	if (strncmp(name, start_p, sizeof(start_p) - 1) == 0) {
		*stop = false;
		name += sizeof(start_p) - 1;
	} else if (strncmp(name, stop_p, sizeof(stop_p) - 1) == 0) {
		*stop = true;
		name += sizeof(stop_p) - 1;
	} else {
		return NULL;
	}
	k = str_index_find(&e->overlays, name);
	return k < 0 ? NULL : section_find(e, e->ov_secs[k]);
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

	if (strcmp(x->name, ".") == 0) {
		*value = e->dot.v;
		if (!e->dot.known)
			because(e, e->dot_why);
		return e->dot.known ? EXPR_OK : EXPR_UNKNOWN;
	}
	ls_symbol *sym = symbol_find(e, x->name);
	if (sym) {
		why w = sym->value.known ? (why){WHY_NONE, NULL}
					 : e->sym_why[sym - e->out->symbols];
		*value = sym->value.v;
		if (sym->value.known)
			return EXPR_OK;
		/* Set from symbols that are not there: not defined. */
		if (w.kind != WHY_UNDEFINED || e->pass < MAX_PASSES - 1)
			because(e, w);
		if (w.kind != WHY_UNDEFINED || e->pass < MAX_PASSES - 1 ||
		    !e->have_inputs)
			return EXPR_UNKNOWN;
		goto undefined;
	}
	const image_symbol *is = input_symbol(e, x->name);
	if (is) {
		/* A linked image, an absolute symbol, or the layout of the
		 * section it is in says where. */
		*value = is->value;
		if (e->linked || is->absolute)
			return EXPR_OK;
		ls_value at = placed_symbol(e, x->name);
		if (at.known) {
			*value = at.v;
			return EXPR_OK;
		}
		because(e, (why){WHY_SYMBOL, x->name});
		return EXPR_UNKNOWN;
	}
	bool stop;
	ls_out_section *ov = overlay_symbol(e, x->name, &stop);
	if (ov) {
		ls_value v = ov->lma;
		if (stop)
			v.known = v.known && ov->size.known &&
				  va_add(ov->lma.v, ov->size.v, &v.v);
		*value = v.v;
		if (!v.known)
			because(e, e->sec_why[ov - e->out->sections]);
		return v.known ? EXPR_OK : EXPR_UNKNOWN;
	}
	if (e->pass < MAX_PASSES - 1 &&
	    str_index_find(&e->assigned, x->name) >= 0) {
		/* Set further on in the script: known from the next pass. */
		because(e, (why){WHY_UNDEFINED, x->name});
		return EXPR_UNKNOWN;
	}
	if (!e->have_inputs) {
		because(e, (why){WHY_SYMBOL, x->name});
		return EXPR_UNKNOWN;
	}
	if (e->pass < MAX_PASSES - 1) {
		because(e, (why){WHY_UNDEFINED, x->name});
		return EXPR_UNKNOWN;
	}
undefined:
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
	ls_out_section *sec = name ? section_find(e, name) : NULL;
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
	if (!v.known && f == BUILTIN_SIZEOF && e->pass < MAX_PASSES - 1 &&
	    e->sec_pass[sec - e->out->sections] != (unsigned)e->pass + 1) {
		/* A section further on, not sized yet: GNU ld reads the size
		 * it has so far (0 before its first sizing) and sizes again
		 * ("DATA_SEGMENT_RELRO_END (SIZEOF (.got.plt) >= 24 ? 24 : 0,
		 * .)" in its default scripts). */
		e->changed = true;
		*value = 0;
		return EXPR_OK;
	}
	if (!v.known)
		because(e, e->sec_why[sec - e->out->sections]);
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

/* The ELF header and n program headers of the output. */
static uint64_t header_bytes(const ev *e, uint64_t n)
{
	bool is64 = true;

	for (size_t f = 0; f < e->o->ninputs; f++)
		is64 = e->o->inputs[f].elfclass == ELFCLASS64;
	return is64 ? 64 + n * 56 : 52 + n * 32;
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
			*value = header_bytes(e, e->s->cmds[i].u.phdrs.nphdrs);
			return EXPR_OK;
		}
	/* Objects: GNU ld sizes the headers of the link it makes, by
	 * passes; so does the layout here (count_phdrs after each pass). */
	if (e->have_inputs && !e->linked && e->phnum) {
		*value = header_bytes(e, e->phnum);
		return EXPR_OK;
	}
	e->headers_unknown = true;
	because(e, (why){WHY_HEADERS, NULL});
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

	if (e->ds.adjust) {
		*value = e->ds.base;
		e->ds.align_seen |= !e->quiet;
		return EXPR_OK;
	}
	if (!e->dot.known) {
		because(e, e->dot_why);
		return EXPR_UNKNOWN;
	}
	if (align_to(e, e->dot.v, page, &a, x, err) != EXPR_OK)
		return EXPR_ERROR;
	/* GNU ld 2.40 starts a RELRO data segment at the page boundary
	 * (and moves it up for RELRO afterwards); without -z relro, at the
	 * same offset in the next page, or where a page is saved at the
	 * boundary of the common page (ldexp.c, fold_segment_align). */
	uint64_t common = args[1] ? args[1] : page, in_page;
	if (e->ds.page_adjust)
		in_page = common < page ? (e->dot.v + common - 1) &
					      (page - common)
					: 0;
	else
		in_page = e->relro_on ? 0 : e->dot.v & (page - 1);
	if (!va_add(a, in_page, value)) {
		expr_error_set(err, "%s: overflow aligning 0x%" PRIx64, x->name,
			       e->dot.v);
		err->loc = x->loc;
		return EXPR_ERROR;
	}
	if (!e->quiet && !e->ds.align_seen) {
		e->ds.align_seen = true;
		e->ds.base = *value;
		e->ds.page = page; /* GNU ld 2.40 aligns RELRO to MAXPAGESIZE */
		e->ds.common = common;
	}
	return EXPR_OK;
}

/* DATA_SEGMENT_RELRO_END(offset, exp) is exp; once the data segment's
 * base has been moved for RELRO, the end rounded up to a page, less the
 * offset (GNU ld's ldexp.c). */
static expr_status data_segment_relro_end(ev *e, const uint64_t *args,
					  uint64_t *value)
{
	uint64_t end = args[1] + args[0], page = e->ds.page ? e->ds.page : 1;

	*value = args[1];
	if (e->quiet || !e->ds.align_seen || e->ds.relro_seen)
		return EXPR_OK;
	e->ds.relro_seen = true;
	e->ds.relro_offset = args[0];
	if (e->ds.adjust && (end & (page - 1))) {
		end = (end + page - 1) & -page;
		*value = end - args[0];
	}
	e->ds.relro_end = end;
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
			const char *n = arg_name(x, 0);
			*value = n && (symbol_find(e, n) || input_symbol(e, n));
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
			if (!e->dot.known) {
				because(e, e->dot_why);
				return EXPR_UNKNOWN;
			}
			return align_to(e, e->dot.v, args[0], value, x, err);
		case BUILTIN_DATA_SEGMENT_ALIGN:
			return data_segment_align(e, x, args, value, err);
		case BUILTIN_DATA_SEGMENT_RELRO_END:
			return data_segment_relro_end(e, args, value);
		case BUILTIN_DATA_SEGMENT_END:
			*value = args[0];
			if (!e->quiet && e->ds.align_seen && !e->ds.end_seen) {
				e->ds.end_seen = true;
				e->ds.end = args[0];
			}
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

/* Inside an output section (e->in_sec), the section an address-valued
 * expression is relative to, as GNU ld's ldexp.c keeps it: '.' and
 * ALIGN() the section being laid out, a symbol its own, ADDR() the one it
 * names; an operator the section of its address operand.  NONE when not
 * known here (an object's symbol, a choice of ?:). */
static size_t rel_section(const ev *e, const expr *x)
{
	const builtin *b;

	if (!x || !e->in_sec)
		return NONE;
	switch (x->kind) {
	case EXPR_SYM: {
		if (!strcmp(x->name, "."))
			return (size_t)(e->in_sec - e->out->sections);
		const ls_symbol *sym = symbol_find(e, x->name);
		return sym ? e->sym_sec[sym - e->out->symbols] : NONE;
	}
	case EXPR_UNARY:
		return rel_section(e, x->a);
	case EXPR_BINARY:
		if (value_kind(e, x->a, true) == VK_REL)
			return rel_section(e, x->a);
		return value_kind(e, x->b, true) == VK_REL
			   ? rel_section(e, x->b)
			   : NONE;
	case EXPR_CALL:
		b = builtin_of(x);
		switch (b ? b->id : BUILTIN_ABSOLUTE) {
		case BUILTIN_ADDR: {
			const char *n = arg_name(x, 0);
			const ls_out_section *sec =
			    n ? section_find(e, n) : NULL;
			return sec ? (size_t)(sec - e->out->sections) : NONE;
		}
		case BUILTIN_ALIGN:
			return x->nargs == 1
				   ? (size_t)(e->in_sec - e->out->sections)
				   : rel_section(e, x->args[0]);
		default:
			return NONE;
		}
	default:
		return NONE;
	}
}

/* What GNU ld takes off two operands of kinds ka, kb (sections sa, sb)
 * and adds to the result inside an output section (ldexp.c, fold_binary):
 * an address and a number, the operator works on the address's offset in
 * its section and the result stays in that section; two addresses in one
 * section, on both offsets, and the result is a number; in two sections,
 * on both addresses.  cmp: the result is a number (a comparison). */
static void operand_bases(const ev *e, vkind ka, size_t sa, vkind kb, size_t sb,
			  bool cmp, uint64_t *a_base, uint64_t *b_base,
			  uint64_t *r_base)
{
	const ls_out_section *secs = e->out->sections;

	if (ka == VK_REL && kb == VK_REL) {
		if (sa == NONE || sa != sb || !secs[sa].vma.known)
			return;
		*a_base = *b_base = secs[sa].vma.v;
	} else if (ka == VK_REL && kb == VK_NUM) {
		if (sa == NONE || !secs[sa].vma.known)
			return;
		*a_base = secs[sa].vma.v;
		*r_base = cmp ? 0 : secs[sa].vma.v;
	} else if (ka == VK_NUM && kb == VK_REL) {
		if (sb == NONE || !secs[sb].vma.known)
			return;
		*b_base = secs[sb].vma.v;
		*r_base = cmp ? 0 : secs[sb].vma.v;
	}
}

/* expr_env.bases: inside an output section, operators work on section
 * offsets as GNU ld applies them (operand_bases): "d1 << 2" with d1 four
 * bytes into .data is 16 bytes into it, not the address shifted
 * (binutils' sane1.t). */
static void ev_bases(void *ctx, const expr *x, uint64_t *a_base,
		     uint64_t *b_base, uint64_t *r_base)
{
	const ev *e = ctx;
	/* Arithmetic and bit operators, and comparisons, whose result is a
	 * number; not && and || (expr_op_precedence: 1 and 2, comparisons
	 * 5). */
	int prec = expr_op_precedence(x->op);
	bool cmp = prec == 5;

	if (!e->in_sec || prec < 3)
		return;
	vkind ka = value_kind(e, x->a, true), kb = value_kind(e, x->b, true);
	operand_bases(e, ka, ka == VK_REL ? rel_section(e, x->a) : NONE, kb,
		      kb == VK_REL ? rel_section(e, x->b) : NONE, cmp, a_base,
		      b_base, r_base);
}

/* Evaluate; an error becomes a finding at the expression in the final
 * pass and an unknown value. */
static ls_value eval(ev *e, const ls_expr *x)
{
	expr_env env = {e, ev_symbol, ev_call, EXPR_ARITH_LD, ev_bases};
	expr_error err = {0};
	uint64_t v = 0;

	e->why = (why){WHY_NONE, NULL};
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
	e->why = (why){WHY_ERROR, NULL};
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

/* A condition's value where it is known now: 1 or 0, else -1.  GNU ld
 * folds only the branch of ?: the condition picks, so that branch alone
 * gives the kind ("DEFINED(size) ? size : 0x800" is the number 0x800
 * when size is not defined).  Evaluating records nothing: the reason
 * and place of the expression being evaluated are kept. */
static int cond_value(const ev *ce, const expr *c)
{
	ev *e = (ev *)ce; /* only why, at and quiet change, and come back */
	expr_env env = {e, ev_symbol, ev_call, EXPR_ARITH_LD, ev_bases};
	expr_error err = {0};
	why saved = e->why;
	const ls_expr *at = e->at;
	bool quiet = e->quiet;
	uint64_t v = 0;
	expr_status st;

	e->quiet = true;
	st = expr_eval(c, &env, &v, &err);
	expr_error_free(&err);
	e->why = saved;
	e->at = at;
	e->quiet = quiet;
	return st == EXPR_OK ? v != 0 : -1;
}

/* x's kind, inside an output section or not. */
static vkind value_kind(const ev *e, const expr *x, bool inside)
{
	const builtin *b;
	vkind l, r;

	if (!x)
		return VK_NUM;
	switch (x->kind) {
	case EXPR_NUM:
		return VK_NUM;
	case EXPR_SYM:
		/* '.' outside a section is an absolute address. */
		if (!strcmp(x->name, "."))
			return inside ? VK_REL : VK_ABS;
		return symbol_kind(e, x->name, inside);
	case EXPR_UNARY:
		return value_kind(e, x->a, inside) == VK_NUM ? VK_NUM : VK_ABS;
	case EXPR_COND: {
		int c = cond_value(e, x->a);
		if (c >= 0)
			return value_kind(e, c ? x->b : x->c, inside);
		l = value_kind(e, x->b, inside);
		r = value_kind(e, x->c, inside);
		return l == r ? l : VK_REL;
	}
	case EXPR_BINARY:
		switch (x->op) {
		case '<':
		case '>':
		case EXPR_OP_EQ:
		case EXPR_OP_NE:
		case EXPR_OP_LE:
		case EXPR_OP_GE:
		case EXPR_OP_ANDAND:
		case EXPR_OP_OROR:
			return VK_NUM;
		}
		break;
	case EXPR_CALL:
		b = builtin_of(x);
		switch (b ? b->id : BUILTIN_ABSOLUTE) {
		case BUILTIN_ADDR:
		case BUILTIN_NEXT:
		case BUILTIN_BLOCK:
		case BUILTIN_DATA_SEGMENT_ALIGN:
		case BUILTIN_DATA_SEGMENT_RELRO_END:
		case BUILTIN_DATA_SEGMENT_END:
			return inside ? VK_REL : VK_ABS;
		case BUILTIN_ALIGN:
			if (x->nargs == 1)
				return inside ? VK_REL : VK_ABS;
			return value_kind(e, x->args[0], inside);
		case BUILTIN_ASSERT:
			return value_kind(e, x->nargs ? x->args[0] : NULL,
					  inside);
		case BUILTIN_MAX:
		case BUILTIN_MIN:
			break;
		case BUILTIN_ABSOLUTE:
		case BUILTIN_LOADADDR:
		case BUILTIN_ORIGIN:
		case BUILTIN_SEGMENT_START:
			return VK_ABS;
		default:
			return VK_NUM;
		}
		break;
	}
	/* Arithmetic: a number keeps the other side's kind; two addresses
	 * give a number (inside a section; an address outside). */
	const expr *a = x->kind == EXPR_CALL ? x->args[0] : x->a;
	const expr *c = x->kind == EXPR_CALL ? x->args[1] : x->b;
	l = value_kind(e, a, inside);
	r = value_kind(e, c, inside);
	if (l == VK_NUM)
		return r;
	if (r == VK_NUM)
		return l;
	return inside ? VK_NUM : VK_ABS;
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

/* Sections that never reach an output section: the linker consumes them
 * or makes them anew.  A linked image's allocated ones are its output
 * sections, whatever their type. */
static bool placeable(const image *img, const image_section *s)
{
	if (img->type != ET_REL && s->flags & SHF_ALLOC)
		return true;
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
	if (!vl_grow((void **)&it->inputs, &it->cap_inputs, it->ninputs,
		  sizeof(*it->inputs)))
		return false;
	it->inputs[it->ninputs++] = i;
	return true;
}

static const char *isec_name(const void *owner, size_t k)
{
	return ((const ev *)owner)->isecs[k].sec->name;
}

static int index_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* The input sections an input description can take when all its section
 * patterns are plain names (no wildcards): those of these names, in input
 * order, found through the index instead of among all of them.  False
 * for patterns with wildcards (every input section is a candidate). */
static bool by_name(ev *e, const ls_input *in, size_t **out, size_t *n)
{
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	for (size_t p = 0; p < in->npatterns; p++)
		if (strpbrk(in->patterns[p].glob, "*?[\\"))
			return false;
	for (size_t p = 0; p < in->npatterns; p++) {
		ptrdiff_t k =
		    str_index_find(&e->isec_names, in->patterns[p].glob);
		for (size_t i = k < 0 ? NONE : (size_t)k; i != NONE;
		     i = e->isec_next[i]) {
			if (!vl_grow((void **)out, &cap, *n, sizeof(**out))) {
				e->oom = true;
				return false;
			}
			(*out)[(*n)++] = i;
		}
	}
	if (in->npatterns > 1 && *n > 1)
		qsort(*out, *n, sizeof(**out), index_cmp);
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
		size_t start = it->ninputs, *cand = NULL, ncand = 0;
		bool named = by_name(e, &cmd->u.input, &cand, &ncand);
		if (e->oom)
			return false;
		for (size_t c2 = 0; c2 < (named ? ncand : e->nisecs); c2++) {
			size_t i = named ? cand[c2] : c2;
			if (e->isecs[i].out != -1 ||
			    !input_matches(&cmd->u.input, &e->isecs[i]))
				continue;
			if (!item_add_input(it, i)) {
				free(cand);
				e->oom = true;
				return false;
			}
			e->isecs[i].out = discard ? -2 : out_index;
		}
		free(cand);
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
	if (!vl_grow((void **)&e->items, &e->cap_items, e->nitems,
		  sizeof(*e->items)))
		return false;
	e->items[e->nitems++] = it;
	return true;
}

static bool sections_add(ev *e, const char *name, ls_loc loc,
			 const ls_output_section *def, size_t *index)
{
	ls_eval *o = e->out;

	if (!vl_grow((void **)&o->sections, &e->cap_sections, o->nsections,
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

static bool flatten(ev *e, const ls_cmd *cmds, size_t n, bool in_sections);

/* Whether the script has an INSERT. */
static bool has_insert(const ls_script *s)
{
	for (size_t i = 0; i < s->ncmds; i++)
		if (s->cmds[i].kind == LS_CMD_INSERT && s->cmds[i].nargs)
			return true;
	return false;
}

/* The SECTIONS commands of group g: those after the INSERT before it and
 * up to its own INSERT (Hare's hare+libc.sc has two). */
static bool flatten_group(ev *e, size_t g)
{
	ins_group *gr = &e->groups[g];

	bool in_base = e->in_base;

	gr->done = true;
	e->in_base = false;
	for (size_t i = gr->first; i < gr->end; i++)
		if (e->s->cmds[i].kind == LS_CMD_SECTIONS &&
		    !flatten(e, e->s->cmds[i].u.sections.cmds,
			     e->s->cmds[i].u.sections.ncmds, true))
			return false;
	e->in_base = in_base;
	return true;
}

/* The groups that go in before (after: false) or after output section
 * name of the default script. */
static bool flatten_groups_at(ev *e, const char *name, bool after)
{
	for (size_t g = 0; g < e->ngroups; g++) {
		const ls_cmd *ins = e->groups[g].ins;
		if (!e->groups[g].done && ins && ins->u.insert_after == after &&
		    !strcmp(ins->args[0], name) && !flatten_group(e, g))
			return false;
	}
	return true;
}

/* A script with INSERT and the default script: the script's commands
 * other than SECTIONS first; the default script's, each group of the
 * script's SECTIONS before or after the output section its INSERT names;
 * a group whose section the default script lacks, and SECTIONS after the
 * last INSERT, at the end. */
static bool flatten_with_base(ev *e)
{
	const ls_script *s = e->s;
	size_t first = 0;

	for (size_t i = 0; i < s->ncmds; i++) {
		const ls_cmd *c = &s->cmds[i];
		if (c->kind == LS_CMD_INSERT && c->nargs) {
			if (!vl_grow((void **)&e->groups, &e->cap_groups,
				  e->ngroups, sizeof(*e->groups)))
				return false;
			e->groups[e->ngroups++] =
			    (ins_group){c, first, i, false};
			first = i + 1;
		} else if (c->kind != LS_CMD_SECTIONS &&
			   c->kind != LS_CMD_INSERT &&
			   !flatten(e, c, 1, false)) {
			return false;
		}
	}
	if (first < s->ncmds) {
		if (!vl_grow((void **)&e->groups, &e->cap_groups, e->ngroups,
			  sizeof(*e->groups)))
			return false;
		e->groups[e->ngroups++] =
		    (ins_group){NULL, first, s->ncmds, false};
	}
	e->in_base = true;
	if (!flatten(e, e->o->base->cmds, e->o->base->ncmds, false))
		return false;
	e->in_base = false;
	for (size_t g = 0; g < e->ngroups; g++) {
		const ls_cmd *ins = e->groups[g].ins;
		if (e->groups[g].done)
			continue;
		if (ins)
			fact_text(e, LS_FACT_ERROR, ins->loc,
				  "INSERT %s %s: the default script has no "
				  "output section of that name, and GNU ld "
				  "refuses the link",
				  ins->u.insert_after ? "AFTER" : "BEFORE",
				  ins->args[0]);
		if (!flatten_group(e, g))
			return false;
	}
	return true;
}

static bool flatten(ev *e, const ls_cmd *cmds, size_t n, bool in_sections)
{
	for (size_t i = 0; i < n; i++) {
		const ls_cmd *c = &cmds[i];
		item it = {.cmd = c,
			   .in_sections = in_sections,
			   .from_base = e->in_base};
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
		case LS_CMD_OUTPUT_SECTION: {
			bool here = e->in_base && in_sections;
			if (here &&
			    !flatten_groups_at(e, c->u.section->name, false))
				return false;
			it.kind = IT_SECTION;
			it.def = c->u.section;
			/* AT>R alone: it runs in R too. */
			it.region = it.def->region	  ? it.def->region
				    : it.def->has_address ? NULL
							  : it.def->lma_region;
			it.lma_region = it.def->lma_region;
			if (strcmp(it.def->name, "/DISCARD/") != 0 &&
			    !sections_add(e, it.def->name, it.def->loc, it.def,
					  &it.out))
				return false;
			if (!items_add(e, it))
				return false;
			if (here &&
			    !flatten_groups_at(e, c->u.section->name, true))
				return false;
			break;
		}
		case LS_CMD_OVERLAY:
			it.kind = IT_OVERLAY_START;
			if (!items_add(e, it))
				return false;
			for (size_t k = 0; k < c->u.overlay->nsections; k++) {
				const ls_output_section *d =
				    &c->u.overlay->sections[k];
				item m = {
				    .kind = IT_SECTION,
				    .cmd = c,
				    .def = d,
				    .in_sections = true,
				    .region = c->u.overlay->region
						  ? c->u.overlay->region
						  : c->u.overlay->lma_region,
				    .lma_region = c->u.overlay->lma_region};
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
			if (!e->o->base)
				undetermined(e, c->loc, (why){WHY_INSERT, NULL},
					     "order of sections around INSERT");
			break;
		default:
			break;
		}
	}
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

static bool isec_add(ev *e, const image *img, const image_section *s, bool own,
		     bool common)
{
	if (!vl_grow((void **)&e->isecs, &e->cap_isecs, e->nisecs,
		  sizeof(*e->isecs)))
		return false;
	e->isecs[e->nisecs++] = (isec){
	    img, s, -1, own, common, unknown, s->size, false, 0, false, NULL};
	return true;
}

/* The dynamic sections of a -pie or -shared link, with the first object.
 * Modelled for x86, whose GNU ld makes nothing more for a link without
 * relocations; other machines' backends add a GOT and more. */
static bool add_dynamic(ev *e, const image *img)
{
	ls_hash_style h = e->o->hash_style;

	if (e->o->dynamic == LS_STATIC)
		return true;
	if (img->machine != EM_X86_64 && img->machine != EM_386)
		return true; /* said by note_unmodelled */
	for (int k = 0; k < LM_NDYN; k++) {
		if ((k == LM_INTERP &&
		     (e->o->dynamic != LS_PIE || e->o->no_dynamic_linker)) ||
		    (k == LM_HASH && h == LS_HASH_GNU) ||
		    (k == LM_GNU_HASH && h == LS_HASH_SYSV))
			continue;
		if (!isec_add(
			e, img,
			lm_dynamic_section(img->elfclass != ELFCLASS32, k),
			false, false))
			return false;
		e->isecs[e->nisecs - 1].dyn = k + 1;
	}
	return true;
}

static const char *comdat_name(const void *owner, size_t k)
{
	const ev *e = owner;
	const image_section *s = e->isecs[k].sec;
	return s->comdat ? s->comdat : s->name;
}

/* Inputs the link drops before it maps anything (ld's
 * _bfd_elf_section_already_linked): a COMDAT group whose signature an
 * earlier input has, and a .gnu.linkonce section whose name one has.
 * They count as discarded, so their .eh_frame entries go too. */
static bool drop_duplicates(ev *e)
{
	str_index first;
	bool ok = true;

	str_index_init(&first, comdat_name, e);
	for (size_t i = 0; ok && i < e->nisecs; i++) {
		isec *is = &e->isecs[i];
		if (!is->sec->comdat &&
		    strncmp(is->sec->name, ".gnu.linkonce.", 14))
			continue;
		ptrdiff_t k = str_index_find(&first, comdat_name(e, i));
		if (k < 0)
			ok = str_index_add(&first, i);
		else if (e->isecs[k].file != is->file) {
			is->out = -2;
			is->dup = true;
		}
	}
	str_index_free(&first);
	return ok;
}

static bool collect_inputs(ev *e)
{
	bool own_done = false, got = false, iplt = false;

	for (size_t f = 0; f < e->o->ninputs; f++) {
		got |= e->o->inputs[f].ngotrefs > 0;
		iplt |= e->o->inputs[f].makes_iplt;
	}
	e->commons =
	    calloc(e->o->ninputs ? e->o->ninputs : 1, sizeof(*e->commons));
	if (!e->commons)
		return false;
	for (size_t f = 0; f < e->o->ninputs; f++) {
		const image *img = &e->o->inputs[f];
		for (size_t i = 0; i < img->nsections; i++) {
			if (placeable(img, &img->sections[i]) &&
			    !isec_add(e, img, &img->sections[i], false, false))
				return false;
			/* Not an input section, but how the stack is to be
			 * mapped: GNU ld adds PT_GNU_STACK (count_phdrs). */
			e->stack_note |=
			    img->type == ET_REL &&
			    !strcmp(img->sections[i].name, ".note.GNU-stack");
		}
		if (!common_section(img, &e->commons[f])) {
			e->input_error = true;
			return vl_fail(e->err, img->path, 0, 0,
				       "its COMMON symbols need more than the "
				       "64-bit address space");
		}
		if (img->type != ET_REL)
			continue;
		if (e->commons[f].size &&
		    !isec_add(e, img, &e->commons[f], false, true))
			return false;
		/* The linker's own sections go with the first object. */
		if (!own_done && !add_dynamic(e, img))
			return false;
		size_t nown = own_done ? 0
				       : lm_own_sections(img->machine, got,
							 iplt, e->own_secs);
		for (size_t i = 0; i < nown; i++)
			if (!isec_add(e, img, &e->own_secs[i], true, false))
				return false;
		own_done = true;
	}
	if (!drop_duplicates(e))
		return false;
	/* Input sections by name, for patterns without wildcards. */
	e->isec_next = malloc((e->nisecs ? e->nisecs : 1) * sizeof(size_t));
	size_t *last = malloc((e->nisecs ? e->nisecs : 1) * sizeof(size_t));
	if (!e->isec_next || !last) {
		free(last);
		return false;
	}
	for (size_t i = 0; i < e->nisecs; i++) {
		ptrdiff_t k =
		    str_index_find(&e->isec_names, e->isecs[i].sec->name);
		e->isec_next[i] = NONE;
		if (k < 0) {
			last[i] = i;
			if (!str_index_add(&e->isec_names, i)) {
				free(last);
				return false;
			}
			continue;
		}
		e->isec_next[last[k]] = i;
		last[k] = i;
	}
	free(last);
	return true;
}

/* ---- What an output section holds ---- */

/* Data statements (BYTE ... ASCIZ): contents of the script's own. */
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

/* Whether the section assigns a symbol: GNU ld then keeps laying it out
 * (it moves '.' to its start) even when it ends up empty and leaves the
 * output. */
static bool assigns_symbol(const ls_output_section *def)
{
	for (size_t c = 0; def && c < def->ncmds; c++)
		if (def->cmds[c].kind == LS_SC_ASSIGN &&
		    strcmp(def->cmds[c].u.assign.name, "."))
			return true;
	return false;
}

/* Whether an input section of a file (not one the linker made) is in
 * it. */
static bool takes_input(const ev *e, const item *it)
{
	for (size_t k = 0; k < it->ninputs; k++)
		if (!e->isecs[it->inputs[k]].own)
			return true;
	return false;
}

/* Debugging information, comments and attributes: sections the linker
 * never allocates (default scripts put them at address 0). */
static bool never_allocated(const char *name)
{
	static const char *const prefixes[] = {
	    ".debug",
	    ".zdebug",
	    ".stab",
	    ".line",
	    ".comment",
	    ".gnu.attributes",
	    ".note.gnu.arm.ident",
	    ".ARM.attributes",
	    ".riscv.attributes",
	    ".gnu.build.attributes",
	    ".gnu_debuglink",
	    ".mdebug",
	    ".pdr",
	    ".gptab",
	    ".GCC.command.line",
	};

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

/* ---- Orphans ----
 *
 * An input section that no statement takes is an orphan.  GNU ld places
 * each one, in input order, by what its flags make it -- code, read-only
 * data, a note, relocations, data, thread-local data, bss: into an output
 * section of its own name, if there is one it fits in; else after the
 * output section named for its kind (.text, .rodata, .interp, .data,
 * .tdata, .bss); else after the last output section whose contents have
 * the same flags, or failing that similar ones; else before the first
 * output section.  Relocations go after the last read-only section before
 * the first .rel* one; notes are kept together, by alignment.  Later
 * orphans of a kind follow the first one, and every orphan takes the
 * memory regions of the section it follows.  (The GNU ld manual, "Orphan
 * Sections"; the details are ld 2.40's, measured.)  The sections the
 * linker makes itself count too.
 *
 * While this goes on the output sections form a list (item.next), which
 * becomes the item order at the end. */

/* A section's flags as GNU ld compares them. */
enum {
	SF_ALLOC = 1,	 /* occupies addresses at run time */
	SF_LOAD = 2,	 /* ... with contents from the file */
	SF_CONTENTS = 4, /* not NOBITS */
	SF_RO = 8,	 /* not writable */
	SF_CODE = 16,
	SF_TLS = 32,
	SF_ALL = 63,
};

static unsigned input_flags(const ev *e, const image_section *s)
{
	unsigned f = s->flags & SHF_WRITE ? 0 : SF_RO;

	if (s->type != SHT_NOBITS)
		f |= SF_CONTENTS;
	if (s->flags & SHF_ALLOC)
		f |= s->type != SHT_NOBITS ? SF_ALLOC | SF_LOAD : SF_ALLOC;
	if (s->flags & SHF_EXECINSTR)
		f |= SF_CODE;
	if (s->flags & SHF_TLS)
		f |= SF_TLS;
	/* ld makes its build-id note without contents and fills it in at
	 * the end: it resembles no other section. */
	if (e->linked && !strcmp(s->name, ".note.gnu.build-id"))
		f &= ~SF_CONTENTS;
	return f;
}

/* What an output section's type makes of the flags of what goes in. */
static unsigned typed_flags(const ls_output_section *def, unsigned f)
{
	switch (def ? def->type : LS_TYPE_DEFAULT) {
	case LS_TYPE_NOLOAD:
		return f & ~(SF_LOAD | SF_CONTENTS);
	case LS_TYPE_DSECT:
	case LS_TYPE_COPY:
	case LS_TYPE_INFO:
	case LS_TYPE_OVERLAY:
		return f & ~(SF_ALLOC | SF_LOAD);
	case LS_TYPE_READONLY:
	case LS_TYPE_READONLY_TYPE:
		return f | SF_RO;
	default:
		return f;
	}
}

/* One more input section or data statement in an output section: the
 * flags add up, except that it is read-only only while all of it is. */
static void contribute(item *it, unsigned f, uint64_t align)
{
	f = typed_flags(it->def, f);
	if (!it->flagged)
		it->flags = f;
	else
		it->flags =
		    ((it->flags | f) & ~SF_RO) | (it->flags & f & SF_RO);
	if (align > it->align)
		it->align = align;
	it->made = it->flagged = true;
}

/* The sh_type BFD gives an output section by its name when it makes it
 * and keeps whatever goes in (elf.c, special_sections and
 * _bfd_elf_init_private_section_data: a PROGBITS, NOTE or NOBITS one
 * takes its first input's type instead), 0 for none.  ".rel" is a prefix:
 * on a machine whose relocations are REL (i386, arm) any name it begins,
 * as Atmel's ".relocate" for data copied to RAM; elsewhere only ".rel"
 * and ".rel.*". */
typedef struct name_type {
	const char *name;
	uint32_t type;
} name_type;

static uint32_t named_type(const ev *e, const char *name)
{
	static const name_type exact[] = {
	    {".dynamic", SHT_DYNAMIC},	{".dynsym", SHT_DYNSYM},
	    {".dynstr", SHT_STRTAB},	{".hash", SHT_HASH},
	    {".gnu.hash", SHT_GNU_HASH}, {".relr.dyn", SHT_RELR},
	    {".gnu.version", SHT_GNU_versym},
	    {".gnu.version_d", SHT_GNU_verdef},
	    {".gnu.version_r", SHT_GNU_verneed},
	};
	static const name_type dotted[] = {
	    {".init_array", SHT_INIT_ARRAY},
	    {".fini_array", SHT_FINI_ARRAY},
	    {".preinit_array", SHT_PREINIT_ARRAY},
	};
	bool rel = e->out->machine == EM_386 || e->out->machine == EM_ARM;

	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (!strcmp(name, exact[i].name))
			return exact[i].type;
	for (size_t i = 0; i < sizeof(dotted) / sizeof(dotted[0]); i++) {
		size_t n = strlen(dotted[i].name);
		if (!strncmp(name, dotted[i].name, n) &&
		    (!name[n] || name[n] == '.'))
			return dotted[i].type;
	}
	if (!strncmp(name, ".rela", 5))
		return SHT_RELA;
	if (!strncmp(name, ".rel", 4) && (rel || !name[4] || name[4] == '.'))
		return SHT_REL;
	return 0;
}

/* An input section: the first one gives the section its type, unless its
 * name has given it one (named_type). */
static void contribute_input(ev *e, item *it, size_t i)
{
	const image_section *s = e->isecs[i].sec;
	unsigned f = input_flags(e, s);

	if (!it->typed) {
		uint32_t named = named_type(e, e->out->sections[it->out].name);
		it->type = named ? named : s->type;
	}
	it->typed = true;
	contribute(it, f, s->align);
	/* COPY, INFO, OVERLAY and DSECT take SHF_ALLOC off their inputs,
	 * not what says they load: GNU ld moves the next free address past
	 * such a section when an input of it has contents. */
	it->loads_unallocated |= (f & SF_LOAD) != 0;
}

/* An output section of the script as GNU ld sees it once the inputs are
 * matched: its commands in order. */
static void script_section_flags(ev *e, item *it)
{
	const ls_output_section *def = it->def;
	size_t k = 0;

	for (size_t c = 0; c < def->ncmds; c++) {
		const ls_sec_cmd *cmd = &def->cmds[c];
		switch (cmd->kind) {
		case LS_SC_ASSIGN:
			it->made = true;
			break;
		case LS_SC_DATA:
		case LS_SC_ASCIZ:
			/* GNU ld makes the section read-only for data that
			 * makes it; once an assignment has made it (with no
			 * flags) or an input has flagged it, data only adds
			 * contents (ldlang.c, map_input_to_output_sections):
			 * Linux's setup.ld ".signature : { setup_sig = .;
			 * LONG(...) }" is writable. */
			if (!it->made)
				contribute(it, SF_ALLOC | SF_LOAD | SF_CONTENTS |
						   SF_RO,
					   1);
			else {
				unsigned ro = it->flagged ? it->flags & SF_RO
							  : 0;
				contribute(it, SF_ALLOC | SF_LOAD | SF_CONTENTS,
					   1);
				it->flags |= ro;
			}
			break;
		case LS_SC_INPUT:
			for (; !e->linked && k < it->ninputs &&
			       input_matches(&cmd->u.input,
					     &e->isecs[it->inputs[k]]);
			     k++)
				contribute_input(e, it, it->inputs[k]);
			break;
		default:
			break;
		}
	}
	/* A linked image's sections, taken by name. */
	for (; k < it->ninputs; k++)
		contribute_input(e, it, it->inputs[k]);
	/* GNU ld gives each overlay member PROVIDEs of its own
	 * (__load_start_NAME, __load_stop_NAME), which make it even when
	 * nothing goes in: it has an address and a load address, and the
	 * first member is what the next section's load address follows. */
	if (e->out->sections[it->out].in_overlay)
		it->made = true;
}

static const char *item_name(const void *owner, size_t k)
{
	const ev *e = owner;
	return e->out->sections[e->items[k].out].name;
}

/* Index item k, a section, by its name. */
static bool name_add(ev *e, size_t k)
{
	ptrdiff_t first = str_index_find(&e->names, item_name(e, k));

	e->items[k].same_name = NONE;
	if (first < 0)
		return str_index_add(&e->names, k);
	size_t j = (size_t)first;
	while (e->items[j].same_name != NONE)
		j = e->items[j].same_name;
	e->items[j].same_name = k;
	return true;
}

/* The first output section named name that its constraint did not
 * refuse, or NONE. */
static size_t named(const ev *e, const char *name)
{
	ptrdiff_t k = str_index_find(&e->names, name);

	for (size_t j = k < 0 ? NONE : (size_t)k; j != NONE;
	     j = e->items[j].same_name)
		if (!e->items[j].refused)
			return j;
	return NONE;
}

static bool is_section(const item *it)
{
	return it->kind == IT_SECTION && !it->refused;
}

typedef enum orphan_kind {
	OK_TEXT,
	OK_RODATA,
	OK_NOTE,
	OK_REL,
	OK_DATA,
	OK_TDATA,
	OK_BSS,
	OK_KINDS,
} orphan_kind;

/* The output section each kind of orphan follows first, if it exists,
 * and the flags ld gives that section while nothing is in it. */
static const struct {
	const char *name;
	unsigned flags;
} kind_anchor[OK_KINDS] = {
    {".text", SF_CONTENTS | SF_ALLOC | SF_LOAD | SF_RO | SF_CODE},
    {".rodata", SF_CONTENTS | SF_ALLOC | SF_LOAD | SF_RO},
    {".interp", SF_CONTENTS | SF_ALLOC | SF_LOAD | SF_RO},
    {NULL, 0},
    {".data", SF_CONTENTS | SF_ALLOC | SF_LOAD},
    {".tdata", SF_CONTENTS | SF_ALLOC | SF_LOAD | SF_TLS},
    {".bss", SF_ALLOC},
};

static orphan_kind kind_of(unsigned f, uint32_t type)
{
	if (f & SF_LOAD && type == SHT_NOTE)
		return OK_NOTE;
	if (!(f & (SF_LOAD | SF_CONTENTS | SF_TLS)))
		return OK_BSS;
	if (f & SF_TLS)
		return OK_TDATA;
	if (!(f & SF_RO))
		return OK_DATA;
	if (f & SF_LOAD && (type == SHT_REL || type == SHT_RELA))
		return OK_REL;
	return f & SF_CODE ? OK_TEXT : OK_RODATA;
}

/* Where orphans went so far: per kind, the section they follow once one
 * is known and the last orphan of the kind; whether notes were there
 * when the last note came. */
typedef struct orphans {
	bool started;
	bool notes;
	size_t anchor[OK_KINDS], last[OK_KINDS];
} orphans;

/* The last output section whose flags agree with f in mask and, when
 * typed, whose contents have sh_type type. */
static size_t last_alike(const ev *e, unsigned f, uint32_t type, unsigned mask,
			 bool typed)
{
	size_t found = NONE;

	for (size_t k = e->first; k != NONE; k = e->items[k].next) {
		const item *it = &e->items[k];
		if (!is_section(it) || (typed && it->made && it->type != type))
			continue;
		if (!((it->flags ^ f) & mask))
			found = k;
	}
	return found;
}

/* Thread-local data goes after the last thread-local section (.tdata
 * before .tbss), else after the last loaded one. */
static size_t tls_anchor(const ev *e, unsigned f)
{
	size_t found = NONE;
	bool seen = false;

	for (size_t k = e->first; k != NONE; k = e->items[k].next) {
		const item *it = &e->items[k];
		unsigned g = it->flags;
		if (!is_section(it))
			continue;
		if ((g & (SF_ALLOC | SF_TLS)) == (SF_ALLOC | SF_TLS)) {
			if (!(g & SF_LOAD) && f & SF_LOAD)
				break;
			found = k;
			seen = true;
		} else if (seen)
			break;
		else if ((g & (SF_ALLOC | SF_LOAD | SF_CONTENTS)) ==
			 (SF_ALLOC | SF_LOAD | SF_CONTENTS))
			found = k;
	}
	return found;
}

/* The section an orphan without a section of its kind's name follows:
 * the last one with the same flags (*exact), else the last one near
 * them; sections with contents of the same type first. */
static size_t alike(const ev *e, unsigned f, uint32_t type, bool typed,
		    bool *exact)
{
	size_t k = last_alike(e, f, type, SF_ALL, typed);
	unsigned near;

	*exact = k != NONE;
	if (*exact)
		return k;
	if (f & SF_CODE)
		near = SF_CONTENTS | SF_ALLOC | SF_LOAD | SF_CODE | SF_TLS;
	else if (f & SF_RO)
		near = SF_CONTENTS | SF_ALLOC | SF_LOAD | SF_RO;
	else if (f & SF_TLS)
		return tls_anchor(e, f);
	else if (f & SF_CONTENTS)
		near = SF_CONTENTS | SF_ALLOC | SF_LOAD | SF_TLS;
	else
		near = SF_ALLOC;
	k = last_alike(e, f, type, near, typed);
	if (k != NONE || !typed)
		return k;
	bool ignored;
	return alike(e, f, type, false, &ignored);
}

/* Dynamic relocations go before every .rel* section the script has,
 * after the last read-only section before it (else the last allocated
 * one); NONE: at the start. */
static size_t rel_anchor(const ev *e)
{
	size_t last = NONE, alloc = NONE, ro = NONE;

	for (size_t k = e->first; k != NONE; k = e->items[k].next) {
		const item *it = &e->items[k];
		if (!is_section(it) || is_discard(it))
			continue;
		if (!strncmp(item_name(e, k), ".rel", 4))
			break;
		last = k;
		if (it->made && it->flags & SF_ALLOC) {
			alloc = k;
			if (it->flags & SF_RO)
				ro = k;
		}
	}
	return ro != NONE ? ro : alloc != NONE ? alloc : last;
}

static bool is_dot_assign(const item *it)
{
	return it->kind == IT_ASSIGN && !strcmp(it->cmd->u.assign.name, ".");
}

/* Where a new orphan goes that follows section after (NONE: the start of
 * the script): after the assignments that follow it, but before a '.'
 * assignment that leads to the next output section (unless that one only
 * holds unallocated input); at the start, the first '.' assignment (the
 * base) stays before it.  Returns the item to insert after, NONE for the
 * very start. */
static size_t insert_point(const ev *e, size_t after)
{
	bool ignore_first = after == NONE, have_assign = false;
	size_t prev = after, assign = NONE;

	/* Not between the members of an overlay. */
	if (after != NONE && !is_discard(&e->items[after]) &&
	    e->out->sections[e->items[after].out].in_overlay)
		while (e->items[prev].kind != IT_OVERLAY_END)
			prev = e->items[prev].next;
	for (size_t k = prev == NONE ? e->first : e->items[prev].next;
	     k != NONE; prev = k, k = e->items[k].next) {
		const item *it = &e->items[k];
		if (is_dot_assign(it) && !have_assign) {
			if (!ignore_first) {
				have_assign = true;
				assign = prev;
			}
			ignore_first = false;
		}
		if (it->kind == IT_OVERLAY_START)
			return have_assign ? assign : prev;
		if (it->kind != IT_SECTION)
			continue;
		if (have_assign &&
		    (!it->made || !it->ninputs || it->flags & SF_ALLOC))
			return assign;
		return prev;
	}
	return prev;
}

static bool is_note(const item *it)
{
	return is_section(it) && it->made && it->flags & SF_LOAD &&
	       it->type == SHT_NOTE;
}

/* Notes stay together, sorted by alignment: a note orphan goes after the
 * last note (of the first run of them) aligned at least as much, or
 * before the first one.  Returns where to insert, or NONE with *none set
 * when no note is there yet. */
static size_t note_point(const ev *e, const image_section *s, orphans *o,
			 bool *none)
{
	size_t first = NONE, after = NONE, before = NONE, prev = NONE;

	for (size_t k = e->first; k != NONE; k = e->items[k].next) {
		const item *it = &e->items[k];
		if (it->kind == IT_SECTION && first == NONE)
			before = prev;
		if (it->kind == IT_SECTION)
			prev = k;
		if (!is_section(it) || !it->made)
			continue;
		if (is_note(it)) {
			if (first == NONE)
				first = k;
			if (it->align >= s->align)
				after = k;
		} else if (first != NONE)
			break;
	}
	o->notes = first != NONE;
	*none = first == NONE;
	if (first == NONE)
		return NONE;
	return insert_point(e, after != NONE ? after : before);
}

/* The allocated section (in GNU ld's list of them) that would follow an
 * orphan placed after `after`; NONE if none. */
static size_t made_after(const ev *e, size_t after)
{
	size_t k = after == NONE ? e->first : e->items[after].next;

	for (; k != NONE; k = e->items[k].next)
		if (is_section(&e->items[k]) && e->items[k].made)
			return k;
	return NONE;
}

/* Nor does any other orphan go between notes once a note orphan found
 * some: it follows the last note. */
static size_t past_notes(const ev *e, const orphans *o, orphan_kind kind,
			 size_t after)
{
	size_t from, k, last = NONE;

	if (!o->notes)
		return NONE;
	if (o->last[kind] != NONE)
		from = o->last[kind];
	else {
		/* The nearest allocated section at or before after. */
		from = NONE;
		for (k = e->first; after != NONE && k != NONE;
		     k = e->items[k].next) {
			if (is_section(&e->items[k]) && e->items[k].made)
				from = k;
			if (k == after)
				break;
		}
	}
	k = made_after(e, from);
	if (k == NONE || !is_note(&e->items[k]))
		return NONE;
	for (; k != NONE; k = e->items[k].next)
		if (is_note(&e->items[k]))
			last = k;
	return last;
}

/* Link item k into the list after item at (NONE: first). */
static void list_insert(ev *e, size_t k, size_t at)
{
	size_t *link = at == NONE ? &e->first : &e->items[at].next;

	e->items[k].next = *link;
	*link = k;
}

/* A new output section named name, in the list after item at (NONE:
 * first).  NONE when memory ran out. */
static size_t orphan_section(ev *e, const char *name, size_t at)
{
	item it = {.kind = IT_SECTION, .in_sections = true};
	ls_loc none = {0};

	if (!sections_add(e, name, none, NULL, &it.out) || !items_add(e, it))
		return NONE;
	size_t k = e->nitems - 1;
	if (!name_add(e, k))
		return NONE;
	list_insert(e, k, at);
	return k;
}

static bool take(ev *e, size_t k, size_t i)
{
	e->isecs[i].out = (long)e->items[k].out;
	contribute_input(e, &e->items[k], i);
	return item_add_input(&e->items[k], i);
}

/* The output section an object's orphan joins by its name: the first of
 * that name with the same kind of contents (allocated, loaded, of its
 * type), else one of that name that nothing made yet.  NONE: a section
 * of its own. */
static size_t joins(const ev *e, const char *name, const image_section *s,
		    unsigned f)
{
	ptrdiff_t first = str_index_find(&e->names, name);
	size_t unmade = NONE;

	for (size_t k = first < 0 ? NONE : (size_t)first; k != NONE;
	     k = e->items[k].same_name) {
		const item *it = &e->items[k];
		if (it->refused)
			continue;
		if (!it->made)
			unmade = k;
		else if (!it->flags ||
			 (!((it->flags ^ f) & (SF_ALLOC | SF_LOAD)) &&
			  (!it->type || it->type == s->type)))
			return k;
	}
	return unmade;
}

/* Common symbols no statement takes go to .bss, made at the end of the
 * script when it has none. */
static bool place_common(ev *e, size_t i)
{
	size_t k = named(e, ".bss");

	if (k == NONE) {
		size_t last = NONE;
		for (size_t j = e->first; j != NONE; j = e->items[j].next)
			last = j;
		k = orphan_section(e, ".bss", last);
	}
	return k != NONE && take(e, k, i);
}

static bool place_orphan(ev *e, size_t i, orphans *o)
{
	const image_section *s = e->isecs[i].sec;
	unsigned f = input_flags(e, s);
	orphan_kind kind = kind_of(f, s->type);
	const char *name = s->name;
	size_t k, after, at;
	bool exact, none = true;

	if (!(f & SF_ALLOC))
		return true; /* not allocated: no address to predict */
	if (e->isecs[i].common)
		return place_common(e, i);
	/* Dynamic relocations all go to one .rela.dyn (-z combreloc). */
	if (kind == OK_REL)
		name = s->type == SHT_RELA ? ".rela.dyn" : ".rel.dyn";
	k = e->linked ? NONE : joins(e, name, s, f);
	if (k != NONE)
		return take(e, k, i);

	if (!o->started) {
		/* Sections named for a kind look like it while empty. */
		for (int n = 0; n < OK_KINDS; n++) {
			size_t j = kind_anchor[n].name
				       ? named(e, kind_anchor[n].name)
				       : NONE;
			if (j != NONE && !e->items[j].made &&
			    !e->items[j].flags)
				e->items[j].flags = kind_anchor[n].flags;
		}
		o->started = true;
	}
	if (o->anchor[kind] == NONE)
		o->anchor[kind] = kind == OK_REL ? rel_anchor(e)
				  : kind_anchor[kind].name
				      ? named(e, kind_anchor[kind].name)
				      : NONE;
	after = o->anchor[kind];
	if (after == NONE) {
		after = alike(e, f, s->type, true, &exact);
		if (exact)
			o->anchor[kind] = after;
	}
	if (kind == OK_NOTE)
		at = note_point(e, s, o, &none);
	else if ((at = past_notes(e, o, kind, after)) != NONE) {
		at = insert_point(e, at);
		none = false;
	}
	if (none)
		at = o->last[kind] != NONE ? o->last[kind]
					   : insert_point(e, after);
	k = orphan_section(e, name, at);
	if (k == NONE)
		return false;
	o->last[kind] = k;
	if (after != NONE) {
		e->items[k].region = e->items[after].region;
		e->items[k].lma_region = e->items[after].lma_region;
	}
	/* Findings about it point at the section it follows, or at the
	 * first one it goes before. */
	size_t near = after;
	for (size_t j = e->items[k].next; near == NONE && j != NONE;
	     j = e->items[j].next)
		if (e->items[j].kind == IT_SECTION && e->items[j].def &&
		    !is_discard(&e->items[j]))
			near = j;
	if (near != NONE)
		e->out->sections[e->items[k].out].loc =
		    e->out->sections[e->items[near].out].loc;
	return take(e, k, i);
}

/* For a linked image the output sections are the inputs: each one goes to
 * the script's output section of its name, or is an orphan. */
static bool match_linked(ev *e)
{
	for (size_t i = 0; i < e->nisecs; i++) {
		size_t k = named(e, e->isecs[i].sec->name);
		if (k == NONE)
			continue;
		e->isecs[i].out = (long)e->items[k].out;
		if (!item_add_input(&e->items[k], i))
			return false;
	}
	return true;
}

/* ADDR() and LOADADDR() anywhere in the script make GNU ld create the
 * output section they name, even one nothing else would. */
static void made_by_reference(ev *e, const expr *x)
{
	const builtin *b;

	if (!x)
		return;
	if (x->kind == EXPR_CALL && (b = builtin_of(x)) &&
	    (b->id == BUILTIN_ADDR || b->id == BUILTIN_LOADADDR) &&
	    x->nargs == 1 && x->args[0]->kind == EXPR_SYM) {
		size_t k = named(e, x->args[0]->name);
		if (k != NONE)
			e->items[k].made = true;
	}
	made_by_reference(e, x->a);
	made_by_reference(e, x->b);
	made_by_reference(e, x->c);
	for (size_t i = 0; i < x->nargs; i++)
		made_by_reference(e, x->args[i]);
}

static void made_by_references(ev *e, const ls_cmd *cmds, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const ls_cmd *c = &cmds[i];
		const ls_output_section *d = c->u.section;
		switch (c->kind) {
		case LS_CMD_ASSIGN:
			made_by_reference(e, c->u.assign.value.e);
			break;
		case LS_CMD_ASSERT:
			made_by_reference(e, c->u.assert_.cond.e);
			break;
		case LS_CMD_SECTIONS:
			made_by_references(e, c->u.sections.cmds,
					   c->u.sections.ncmds);
			break;
		case LS_CMD_OUTPUT_SECTION:
			made_by_reference(e, d->address.e);
			made_by_reference(e, d->at.e);
			for (size_t k = 0; k < d->ncmds; k++)
				made_by_reference(
				    e, d->cmds[k].kind == LS_SC_ASSIGN
					   ? d->cmds[k].u.assign.value.e
				       : d->cmds[k].kind == LS_SC_DATA
					   ? d->cmds[k].u.data.value.e
				       : d->cmds[k].kind == LS_SC_ASSERT
					   ? d->cmds[k].u.assert_.cond.e
					   : NULL);
			break;
		default:
			break;
		}
	}
}

/* A section with no load region, address or load address of its own, in
 * the same run region as the output section before it, loads in that
 * one's load region (GNU ld does this after placing orphans). */
static void propagate_lma_regions(ev *e)
{
	const item *prev = NULL;

	for (size_t k = e->first; k != NONE; k = e->items[k].next) {
		item *it = &e->items[k];
		if (it->kind != IT_SECTION)
			continue;
		const ls_output_section *d = it->def;
		if (prev && !it->lma_region && !(d && d->has_at) &&
		    !(d && d->has_address) &&
		    !strcmp(it->region ? region_resolve(e->s, it->region) : "",
			    prev->region ? region_resolve(e->s, prev->region)
					 : ""))
			it->lma_region = prev->lma_region;
		prev = it;
	}
}

/* The items in list order, the sections in the order of their items. */
static bool order_items(ev *e)
{
	/* Already in order (no orphan, no INSERT moved anything), the
	 * sections numbered in it? */
	size_t at = 0, nsec = 0;
	for (size_t k = e->first; k != NONE && k == at; k = e->items[k].next) {
		const item *it = &e->items[k];
		if (it->kind == IT_SECTION && !is_discard(it) &&
		    it->out != nsec++)
			break;
		at++;
	}
	if (at == e->nitems && nsec == e->out->nsections)
		return true;
	item *v = malloc((e->nitems ? e->nitems : 1) * sizeof(*v));
	size_t *to = malloc((e->out->nsections + 1) * sizeof(*to));
	ls_out_section *secs = malloc((e->out->nsections + 1) * sizeof(*secs));
	size_t n = 0, ns = 0;

	if (!v || !to || !secs) {
		free(v);
		free(to);
		free(secs);
		return false;
	}
	for (size_t k = e->first; k != NONE; k = e->items[k].next) {
		v[n] = e->items[k];
		if (v[n].kind == IT_SECTION && !is_discard(&v[n])) {
			secs[ns] = e->out->sections[v[n].out];
			to[v[n].out] = ns;
			v[n].out = ns++;
		}
		n++;
	}
	for (size_t i = 0; i < e->nisecs; i++)
		if (e->isecs[i].out >= 0)
			e->isecs[i].out = (long)to[e->isecs[i].out];
	free(e->items);
	free(e->out->sections);
	free(to);
	e->items = v;
	e->nitems = n;
	e->cap_items = e->nitems ? e->nitems : 1;
	e->out->sections = secs;
	e->cap_sections = e->out->nsections + 1;
	/* The list is the array now; the names index the new positions. */
	e->first = n ? 0 : NONE;
	str_index_free(&e->names);
	str_index_init(&e->names, item_name, e);
	if (!str_index_reserve(&e->names, n))
		return false;
	for (size_t k = 0; k < n; k++) {
		v[k].next = k + 1 < n ? k + 1 : NONE;
		if (v[k].kind == IT_SECTION && !is_discard(&v[k]) &&
		    !name_add(e, k))
			return false;
	}
	return true;
}

static const char *name_at(const void *owner, size_t k)
{
	return ((const char *const *)owner)[k];
}

/* What the link exports, by name: for -shared every global symbol the
 * inputs or the script define (but hidden ones) and every one the inputs
 * only refer to; for -pie only with -E, and then the defined ones. */
typedef struct dynsyms {
	const char **names;
	size_t n, cap, defined;
	str_index index;
} dynsyms;

static bool dynsym_add(dynsyms *d, const char *name)
{
	if (str_index_find(&d->index, name) >= 0)
		return true;
	if (!vl_grow((void **)&d->names, &d->cap, d->n, sizeof(*d->names)))
		return false;
	d->names[d->n] = name;
	d->index.owner = d->names;
	return str_index_add(&d->index, d->n++);
}

static bool script_exports(ev *e, const ls_assign *a, dynsyms *d)
{
	if (!strcmp(a->name, ".") || a->hidden || !provides(e, a))
		return true;
	return dynsym_add(d, a->name);
}

static bool collect_dynsyms(ev *e, dynsyms *d)
{
	bool shared = e->o->dynamic == LS_SHARED;

	if (!shared && !e->o->export_dynamic)
		return true;
	for (size_t k = 0; k < e->defined.n; k++)
		if (!e->def_syms[k]->hidden &&
		    !dynsym_add(d, e->def_syms[k]->name))
			return false;
	for (size_t k = 0; k < e->nitems; k++) {
		const item *it = &e->items[k];
		if (it->kind == IT_ASSIGN && it->cmd->kind == LS_CMD_ASSIGN &&
		    !script_exports(e, &it->cmd->u.assign, d))
			return false;
		for (size_t c = 0;
		     it->kind == IT_SECTION && it->def && c < it->def->ncmds;
		     c++)
			if (it->def->cmds[c].kind == LS_SC_ASSIGN &&
			    !script_exports(e, &it->def->cmds[c].u.assign, d))
				return false;
	}
	d->defined = d->n;
	for (size_t k = 0; shared && k < e->undefined.n; k++)
		if (str_index_find(&d->index, e->undef_syms[k]->name) < 0 &&
		    !dynsym_add(d, e->undef_syms[k]->name))
			return false;
	return true;
}

/* Whether an output section of the name has input sections. */
static bool has_inputs_named(const ev *e, const char *name)
{
	for (size_t k = 0; k < e->nitems; k++) {
		const item *it = &e->items[k];
		if (it->kind == IT_SECTION && !is_discard(it) && it->ninputs &&
		    !strcmp(e->out->sections[it->out].name, name))
			return true;
	}
	return false;
}

/* The DT_ entries .dynamic gets for what the objects and the script hold
 * (bfd_elf_size_dynamic_sections): DT_INIT and DT_FINI for _init and
 * _fini, and a pair for each of .preinit_array (a PIE's), .init_array and
 * .fini_array that takes input. */
static unsigned extra_tags(ev *e)
{
	bool pie = e->o->dynamic == LS_PIE;

	return (input_symbol(e, "_init") ||
		str_index_find(&e->undefined, "_init") >= 0) +
	       (input_symbol(e, "_fini") ||
		str_index_find(&e->undefined, "_fini") >= 0) +
	       2 * (pie && has_inputs_named(e, ".preinit_array")) +
	       2 * has_inputs_named(e, ".init_array") +
	       2 * has_inputs_named(e, ".fini_array");
}

/* The sizes of the dynamic sections (add_dynamic), once the inputs are
 * mapped: from the symbols the link exports. */
static bool size_dynamic(ev *e)
{
	dynsyms d = {0};
	uint64_t size[LM_NDYN] = {0};
	lm_dynamic in = {.is64 = true,
			 .pie = e->o->dynamic == LS_PIE,
			 .sysv_hash = e->o->hash_style != LS_HASH_GNU,
			 .gnu_hash = e->o->hash_style != LS_HASH_SYSV,
			 .soname = e->o->soname};
	bool ok;

	for (size_t i = 0; i < e->nisecs; i++)
		if (e->isecs[i].dyn)
			in.is64 = e->isecs[i].file->elfclass != ELFCLASS32;
	str_index_init(&d.index, name_at, NULL);
	ok = collect_dynsyms(e, &d);
	if (ok) {
		in.names = d.names;
		in.n = d.n;
		in.ndefined = d.defined;
		in.extra_tags = extra_tags(e);
		ok = lm_dynamic_sizes(&in, size);
	}
	for (size_t i = 0; ok && i < e->nisecs; i++) {
		const isec *is = &e->isecs[i];
		if (!is->dyn)
			continue;
		e->isecs[i].size = size[is->dyn - 1];
		if (!e->out->dynamic_in && is->out >= 0)
			e->out->dynamic_in = (size_t)is->out + 1;
	}
	str_index_free(&d.index);
	free(d.names);
	return ok;
}

/* The IFUNC a global symbol of the link is, or NULL. */
static const image_symbol *ifunc_symbol(const ev *e, const char *name)
{
	const image_symbol *def = name ? input_symbol(e, name) : NULL;

	return def && def->ifunc ? def : NULL;
}

/* Adds a reference of kind from section in (1 + index) of img to name
 * when name is an IFUNC and the link keeps the section. */
static bool add_ifuncref(const ev *e, const image *img, size_t in,
			 const char *name, lm_ifunc_kind kind,
			 lm_ifuncref **v, size_t *n, size_t *cap)
{
	const isec *s = isec_of(e, img, in);

	if (!ifunc_symbol(e, name) || !s || s->dup || s->out < 0)
		return true;
	if (!vl_grow((void **)v, cap, *n, sizeof(**v)))
		return false;
	(*v)[(*n)++] = (lm_ifuncref){name, kind};
	return true;
}

/* The GOT of a static link (lm_got_sizes), from the GOT relocations
 * of the sections the link keeps. */
static bool size_got(ev *e)
{
	lm_gotref *refs = NULL;
	size_t n = 0, cap = 0;
	uint16_t machine = 0;
	isec *got = NULL, *gotplt = NULL, *relgot = NULL;
	isec *iplt = NULL, *igotplt = NULL, *reliplt = NULL;
	lm_got sizes;
	lm_ifunc ifunc = {0};
	lm_ifuncref *irefs = NULL;
	size_t ni = 0, cap_i = 0;

	for (size_t i = 0; i < e->nisecs; i++) {
		isec *is = &e->isecs[i];
		if (!is->own)
			continue;
		machine = is->file->machine;
		if (!strcmp(is->sec->name, ".got"))
			got = is;
		else if (!strcmp(is->sec->name, ".got.plt"))
			gotplt = is;
		else if (!strcmp(is->sec->name, ".rela.got") ||
			 !strcmp(is->sec->name, ".rel.got"))
			relgot = is;
		else if (!strcmp(is->sec->name, ".iplt"))
			iplt = is;
		else if (!strcmp(is->sec->name, ".igot.plt"))
			igotplt = is;
		else if (!strcmp(is->sec->name, ".rela.iplt") ||
			 !strcmp(is->sec->name, ".rel.iplt"))
			reliplt = is;
	}
	/* References to the IFUNCs the link defines, from kept sections. */
	for (size_t f = 0; iplt && f < e->o->ninputs; f++) {
		const image *img = &e->o->inputs[f];
		for (size_t k = 0; k < img->ngotrefs; k++)
			if (!add_ifuncref(e, img, img->gotrefs[k].section,
					  img->gotrefs[k].global, LM_IFUNC_GOT,
					  &irefs, &ni, &cap_i))
				goto oom;
		for (size_t k = 0; k < img->nsymrefs; k++) {
			const image_symref *r = &img->symrefs[k];
			if (!add_ifuncref(e, img, r->section, r->global,
					  r->data ? LM_IFUNC_DATA : LM_IFUNC_PLT,
					  &irefs, &ni, &cap_i))
				goto oom;
		}
	}
	lm_ifunc_sizes(machine, irefs, ni, &ifunc);
	free(irefs);
	irefs = NULL;
	if (iplt && igotplt && reliplt) {
		iplt->size = ifunc.iplt;
		igotplt->size = ifunc.igotplt;
		reliplt->size = ifunc.reliplt;
	}
	if (!got || !gotplt)
		return true;
	for (size_t f = 0; f < e->o->ninputs; f++) {
		const image *img = &e->o->inputs[f];
		for (size_t k = 0; k < img->ngotrefs; k++) {
			const image_gotref *g = &img->gotrefs[k];
			const isec *in = isec_of(e, img, g->section);
			if (!in || in->dup)
				continue;
			if (!vl_grow((void **)&refs, &cap, n, sizeof(*refs)))
				goto oom;
			refs[n++] = (lm_gotref){
			    g->type,
			    g->global,
			    img,
			    g->sym,
			    g->defined ||
				(g->global && link_defines(e, g->global)),
			    g->addend,
			    g->opcode,
			    ifunc_symbol(e, g->global) != NULL};
		}
	}
	lm_got_sizes(machine, refs, n, &ifunc, &sizes);
	free(refs);
	got->size = sizes.got;
	gotplt->size = sizes.gotplt;
	if (relgot)
		relgot->size = sizes.relgot;
	return true;
oom:
	free(irefs);
	free(refs);
	return false;
}

/* Whether section k (1 + index) of file is discarded: for .eh_frame. */
static bool discarded_input(void *ctx, const image *file, size_t k)
{
	const isec *is = isec_of(ctx, file, k);

	return is && is->out == -2;
}

/* The objects' .note.gnu.property sections, merged into the first
 * (lc_gnu_property); v is scratch room for every isec. */
static bool merge_properties(ev *e, lc_section *v)
{
	size_t n = 0, objects = 0;
	uint16_t machine = 0;

	for (size_t f = 0; f < e->o->ninputs; f++)
		if (e->o->inputs[f].type == ET_REL) {
			objects++;
			machine = e->o->inputs[f].machine;
		}
	for (size_t i = 0; i < e->nisecs; i++) {
		const isec *is = &e->isecs[i];
		if (is->file->type == ET_REL && is->out >= 0 && !is->own &&
		    !strcmp(is->sec->name, ".note.gnu.property"))
			v[n++] = (lc_section){is->file, is->sec, is->out,
					      is->size, false};
	}
	if (!n || !lc_gnu_property(v, n, objects, machine))
		return n == 0;
	for (size_t i = 0, k = 0; i < e->nisecs && k < n; i++) {
		isec *is = &e->isecs[i];
		if (is->sec != v[k].sec)
			continue;
		is->size = v[k].size;
		is->excluded = v[k].excluded;
		k++;
	}
	return true;
}

/* Input sections whose size in the link is not their size in the
 * object, once the inputs are mapped, as GNU ld does then: SHF_MERGE
 * sections merged, and the inputs of an output section named .eh_frame
 * edited (ldscript/contents.c). */
/* arm's unwinding index as GNU ld edits it after the first layout
 * (lc_arm_exidx): the code sections in layout order, each with the
 * .ARM.exidx that points to it (sh_link). */
static bool edit_exidx(ev *e)
{
	size_t *of = NULL, n = 0;
	lc_section *xs = NULL;
	lc_exidx_text *v = NULL;
	bool any = false;

	for (size_t i = 0; i < e->nisecs && !any; i++)
		any = e->isecs[i].sec->type == SHT_ARM_EXIDX &&
		      e->isecs[i].file->machine == EM_ARM;
	if (!any)
		return true;
	of = malloc(e->nisecs * sizeof(*of));
	xs = malloc(e->nisecs * sizeof(*xs));
	v = malloc(e->nisecs * sizeof(*v));
	if (!of || !xs || !v) {
		free(of);
		free(xs);
		free(v);
		return false;
	}
	for (size_t i = 0; i < e->nisecs; i++)
		of[i] = NONE;
	for (size_t i = 0; i < e->nisecs; i++) {
		const isec *is = &e->isecs[i];
		if (is->own || is->sec->type != SHT_ARM_EXIDX)
			continue;
		xs[i] = (lc_section){is->file, is->sec, is->out, is->size,
				     is->excluded || is->out == -2};
		const isec *text = isec_of(e, is->file, is->sec->link);
		if (text)
			of[text - e->isecs] = i;
	}
	for (size_t k = e->first; k != NONE; k = e->items[k].next) {
		const item *it = &e->items[k];
		if (it->kind != IT_SECTION || is_discard(it))
			continue;
		for (size_t j = 0; j < it->ninputs; j++) {
			const isec *is = &e->isecs[it->inputs[j]];
			if (is->own || is->excluded || is->dup ||
			    is->sec->type != SHT_PROGBITS ||
			    !(is->sec->flags & SHF_EXECINSTR))
				continue;
			size_t x = of[it->inputs[j]];
			v[n++] = (lc_exidx_text){
			    is->sec, x == NONE ? NULL : &xs[x],
			    is->file->data == ELFDATA2MSB};
		}
	}
	lc_arm_exidx(v, n, true);
	for (size_t i = 0; i < e->nisecs; i++)
		if (!e->isecs[i].own &&
		    e->isecs[i].sec->type == SHT_ARM_EXIDX)
			e->isecs[i].size = xs[i].size;
	free(of);
	free(xs);
	free(v);
	return true;
}

typedef struct stub_ref {
	size_t item;	    /* the output section the branch is in */
	const char *target; /* the ARM function it goes to */
} stub_ref;

static int cmp_stub_ref(const void *pa, const void *pb)
{
	const stub_ref *a = pa, *b = pb;

	if (a->item != b->item)
		return a->item < b->item ? -1 : 1;
	return strcmp(a->target, b->target);
}

/* A section of n stubs, right after input j of item it, which is the
 * stub section's owner here ("linker stubs" own ld's). */
static bool add_stub_section(ev *e, item *it, size_t j, size_t n)
{
	image_section *stub = calloc(1, sizeof(*stub));

	if (!stub || !vl_grow((void **)&e->stub_secs, &e->cap_stub_secs,
			      e->nstub_secs, sizeof(*e->stub_secs))) {
		free(stub);
		return false;
	}
	e->stub_secs[e->nstub_secs++] = stub;
	stub->name = (char *)".text.__stub";
	stub->size = 8 * n;
	stub->align = 8;
	stub->type = SHT_PROGBITS;
	stub->flags = SHF_ALLOC | SHF_EXECINSTR;
	if (!isec_add(e, e->isecs[it->inputs[j]].file, stub, true, false) ||
	    !item_add_input(it, e->nisecs - 1))
		return false;
	memmove(&it->inputs[j + 2], &it->inputs[j + 1],
		(it->ninputs - j - 2) * sizeof(*it->inputs));
	it->inputs[j + 1] = e->nisecs - 1;
	e->isecs[e->nisecs - 1].out = (long)it->out;
	return true;
}

/* Whether input section is is code the link keeps, where stubs go. */
static bool kept_code(const isec *is)
{
	return is && !is->own && !is->excluded && !is->dup && is->out >= 0 &&
	       (is->sec->flags & SHF_EXECINSTR);
}

/* arm interworking (elf32-arm.c, arm_type_of_stub): a Thumb b.w
 * (R_ARM_THM_JUMP24, _JUMP19) cannot switch to ARM code, so GNU ld
 * branches to a stub that does (bx pc; b target: 8 bytes, one per target
 * in each output section), in a section of stubs it puts after the last
 * code input of the output section, aligned to 8 (glibc's memset is ARM
 * code, tail-called from Thumb).  An ARM b to Thumb code needs another
 * kind of stub, not modelled: said by note_unmodelled. */
static bool arm_stubs(ev *e)
{
	stub_ref *v = NULL;
	size_t n = 0, cap = 0, *item_of = NULL;
	bool ok = false;

	if (e->out->machine != EM_ARM || e->linked)
		return true;
	item_of = malloc((e->out->nsections + 1) * sizeof(*item_of));
	if (!item_of)
		return false;
	for (size_t k = 0; k < e->nitems; k++)
		if (e->items[k].kind == IT_SECTION && !is_discard(&e->items[k]))
			item_of[e->items[k].out] = k;
	/* Each kept Thumb b.w (or b<cond>.w) to an ARM function. */
	for (size_t f = 0; f < e->o->ninputs; f++) {
		const image *img = &e->o->inputs[f];
		for (size_t r = 0; r < img->nsymrefs; r++) {
			const image_symref *x = &img->symrefs[r];
			const image_symbol *t;
			const isec *in;
			if ((x->type != R_ARM_THM_JUMP24 &&
			     x->type != R_ARM_THM_JUMP19) ||
			    !(t = input_symbol(e, x->global)) || !t->func ||
			    t->ifunc || (t->value & 1) ||
			    !kept_code(in = isec_of(e, img, x->section)))
				continue;
			if (!vl_grow((void **)&v, &cap, n, sizeof(*v)))
				goto done;
			v[n++] = (stub_ref){item_of[in->out], x->global};
		}
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_stub_ref);
	/* One stub per target in each output section, after its last code
	 * input. */
	for (size_t i = 0; i < n;) {
		size_t k = v[i].item, targets = 0, j = i;
		for (; j < n && v[j].item == k; j++)
			targets += j == i || strcmp(v[j - 1].target, v[j].target);
		item *it = &e->items[k];
		size_t last = NONE;
		for (size_t q = 0; q < it->ninputs; q++)
			if (kept_code(&e->isecs[it->inputs[q]]))
				last = q;
		if (last != NONE && !add_stub_section(e, it, last, targets))
			goto done;
		i = j;
	}
	ok = true;
done:
	free(v);
	free(item_of);
	return ok;
}

static bool edit_contents(ev *e)
{
	lc_section *v;
	bool ok = true;

	if (e->linked || !e->nisecs)
		return true;
	if (e->o->dynamic != LS_STATIC ? !size_dynamic(e) : !size_got(e))
		return false;
	for (size_t i = 0; i < e->nisecs; i++) {
		isec *is = &e->isecs[i];
		bool oom;
		if (!is->file->relaxes || is->out < 0 || is->own)
			continue;
		is->rx = lr_sections_sites(is->sec, &oom);
		if (oom)
			return false;
		e->aligns |= is->rx && is->rx->aligns;
	}

	v = malloc(e->nisecs * sizeof(*v));
	if (!v)
		return false;
	for (size_t i = 0; i < e->nisecs; i++) {
		const isec *is = &e->isecs[i];
		v[i] = (lc_section){is->file, is->sec,
				    is->own || is->common ? -1 : is->out,
				    is->size, false};
	}
	ok = lc_merge(v, e->nisecs);
	for (size_t i = 0; ok && i < e->nisecs; i++) {
		e->isecs[i].size = v[i].size;
		e->isecs[i].excluded = v[i].excluded;
	}
	ok = ok && merge_properties(e, v);
	for (size_t k = 0; ok && k < e->nitems; k++) {
		const item *it = &e->items[k];
		if (it->kind != IT_SECTION || is_discard(it) ||
		    strcmp(e->out->sections[it->out].name, ".eh_frame"))
			continue;
		uint64_t align = 1;
		for (size_t j = 0; j < it->ninputs; j++) {
			const isec *is = &e->isecs[it->inputs[j]];
			v[j] = (lc_section){is->file, is->sec, (long)it->out,
					    is->size, is->excluded};
			if (is->sec->align > align)
				align = is->sec->align;
		}
		ok = lc_eh_frame(v, it->ninputs, align, discarded_input, e);
		for (size_t j = 0; ok && j < it->ninputs; j++) {
			e->isecs[it->inputs[j]].size = v[j].size;
			e->isecs[it->inputs[j]].excluded = v[j].excluded;
		}
	}
	free(v);
	return ok && edit_exidx(e) && arm_stubs(e);
}

static bool prepare(ev *e)
{
	orphans o = {.started = false};

	const ls_script *d = e->o->defsyms;
	bool ins = e->o->base && has_insert(e->s);
	if ((d && !flatten(e, d->cmds, d->ncmds, false)) ||
	    !(ins ? flatten_with_base(e)
		  : flatten(e, e->s->cmds, e->s->ncmds, false)) ||
	    !collect_inputs(e) || !index_isecs(e))
		return false;
	e->first = e->nitems ? 0 : NONE;
	if (!str_index_reserve(&e->names, e->nitems))
		return false;
	for (size_t k = 0; k < e->nitems; k++) {
		item *it = &e->items[k];
		it->next = k + 1 < e->nitems ? k + 1 : NONE;
		if (it->kind == IT_SECTION && !is_discard(it) &&
		    !name_add(e, k))
			return false;
	}
	if (e->linked) {
		if (!match_linked(e))
			return false;
	} else
		/* The script's own sections take their inputs before the
		 * default script's, wherever INSERT puts them (GNU ld parses
		 * -T scripts first and inserts after mapping inputs). */
		for (size_t k = 0; k < 2 * e->nitems; k++) {
			item *it = &e->items[k % e->nitems];
			if (it->kind != IT_SECTION ||
			    it->from_base != (k >= e->nitems))
				continue;
			if (!match_section(
				e, it, is_discard(it) ? -2 : (long)it->out)) {
				e->out->sections[it->out].alloc = false;
				it->refused = true;
			}
		}
	for (size_t k = 0; k < e->nitems; k++)
		if (e->items[k].kind == IT_SECTION && !is_discard(&e->items[k]))
			script_section_flags(e, &e->items[k]);
	for (int n = 0; n < OK_KINDS; n++)
		o.anchor[n] = o.last[n] = NONE;
	for (size_t i = 0; i < e->nisecs; i++)
		if (e->isecs[i].out == -1 && !place_orphan(e, i, &o))
			return false;
	if (d)
		made_by_references(e, d->cmds, d->ncmds);
	made_by_references(e, e->s->cmds, e->s->ncmds);
	propagate_lma_regions(e);
	if (e->oom || !order_items(e) || !edit_contents(e))
		return false;
	e->sec_why = calloc(e->out->nsections ? e->out->nsections : 1,
			    sizeof(*e->sec_why));
	e->sec_pass = calloc(e->out->nsections ? e->out->nsections : 1,
			     sizeof(*e->sec_pass));
	if (!e->sec_why || !e->sec_pass)
		return false;
	if (!str_index_reserve(&e->sec_names, e->out->nsections))
		return false;
	for (size_t i = 0; i < e->out->nsections; i++)
		if (!str_index_add(&e->sec_names, i))
			return false;
	for (size_t k = 0; k < e->nitems; k++) {
		item *it = &e->items[k];
		if (it->kind != IT_SECTION || is_discard(it))
			continue;
		it->data = has_data(it->def);
		it->dot_moves = moves_dot(it->def);
		it->sets_symbol = assigns_symbol(it->def);
		it->takes = takes_input(e, it);
		it->never_alloc =
		    !e->have_inputs &&
		    never_allocated(e->out->sections[it->out].name);
	}
	return true;
}

/* ---- Laying out one pass ---- */

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
	if (e->have_inputs && !any && (it->data || it->dot_moves)) {
		/* Made by the script alone: data is loaded, padding is bss. */
		sec->alloc = true;
		sec->load = it->data;
	} else if (e->have_inputs) {
		sec->alloc = alloc;
		sec->load = load;
	} else {
		/* Nothing says what goes in: every section is allocated
		 * but those the linker never allocates. */
		sec->alloc = sec->load = !it->never_alloc;
	}
	sec->code = (it->flags & SF_CODE) != 0;
	sec->writable = it->flagged && !(it->flags & SF_RO);
	if (it->def && it->def->type == LS_TYPE_NOLOAD)
		sec->load = false;
	if (it->def &&
	    (it->def->type == LS_TYPE_INFO || it->def->type == LS_TYPE_DSECT ||
	     it->def->type == LS_TYPE_COPY || it->def->type == LS_TYPE_OVERLAY))
		sec->alloc = sec->load = false;
}

/* x op= y that has no 64-bit result: for '.', where it went; otherwise
 * as the expression language says it of x op y. */
static void compound_failed(ev *e, const ls_assign *a, uint64_t x, uint64_t y,
			    const ls_out_section *sec, ls_loc loc)
{
	bool is_dot = strcmp(a->name, ".") == 0;
	char op[3] = {(char)a->op, 0, 0};
	const char *failure = "overflow in",
		   *tail = " (does not fit in 64 bits)";

	if (a->op == LS_ASSIGN_SHL)
		op[1] = '<';
	if (a->op == LS_ASSIGN_SHL && y >= 64) {
		failure = "shift by 64 or more in";
		tail = "";
	} else if (a->op == LS_ASSIGN_SUB) {
		failure = "negative result in";
		tail = "";
	} else if (a->op == LS_ASSIGN_DIV) {
		failure = "division by zero in";
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
			a->name, op, y, failure, x, op, y, tail);
}

/* x op= y is x = x op y; sec and loc say where it is. */
static ls_value compound(ev *e, const ls_assign *a, ls_value v,
			 const ls_out_section *sec, ls_loc loc)
{
	bool is_dot = strcmp(a->name, ".") == 0;
	ls_symbol *sym = is_dot ? NULL : symbol_find(e, a->name);
	ls_value old = is_dot ? e->dot : sym ? sym->value : unknown;
	uint64_t r = 0;
	bool ok;

	if (a->op == LS_ASSIGN_SET)
		return v;
	if (!old.known || !v.known)
		return unknown;
	/* x op= y is x = x op y: inside a section on offsets as GNU ld
	 * computes it (". += d1 + 5 << 2" with d1 in the section). */
	uint64_t ob = 0, vb = 0, rb = 0;
	if (e->in_sec) {
		vkind lk = is_dot ? VK_REL : symbol_kind(e, a->name, true);
		vkind rk = value_kind(e, a->value.e, true);
		size_t ls = is_dot ? (size_t)(e->in_sec - e->out->sections)
			    : sym  ? e->sym_sec[sym - e->out->symbols]
				   : NONE;
		operand_bases(e, lk, lk == VK_REL ? ls : NONE, rk,
			      rk == VK_REL ? rel_section(e, a->value.e) : NONE,
			      false, &ob, &vb, &rb);
		/* An address plus or minus a number: the same on addresses,
		 * where a wrap is reported as such. */
		if (rb && (a->op == LS_ASSIGN_ADD || a->op == LS_ASSIGN_SUB))
			ob = vb = rb = 0;
		old.v -= ob;
		v.v -= vb;
	}
	/* A symbol is a word that wraps as in ld; '.' is an address. */
	if (!is_dot && expr_ld_apply(a->op, old.v, v.v, &r))
		return known(r + rb);
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
		return known((v.v < 64 ? old.v >> v.v : 0) + rb);
	case LS_ASSIGN_AND:
		return known((old.v & v.v) + rb);
	case LS_ASSIGN_OR:
		return known((old.v | v.v) + rb);
	default:
		return v;
	}
	if (ok && rb && !va_add(r, rb, &r))
		ok = false;
	if (ok)
		return known(r);
	compound_failed(e, a, old.v, v.v, sec, loc);
	return unknown;
}

/* Where a site's symbol is, as ld computes it for relaxation: its
 * address plus the addend; the output section it is in (-1: absolute or
 * undefined weak) and the input section; the reserve for the symbol's
 * size.  False: ld does not relax against it (undefined, not placed). */
typedef struct rx_target {
	uint64_t symval, reserve;
	long out;
	const isec *in;
	bool weak_undefined;
} rx_target;

/* The allocated output section an address lies in, for a symbol the
 * script sets from an object's (--defsym ALIAS=FUNCTION), whose section
 * the evaluation does not keep; -1 for none. */
static long section_at(const ev *e, uint64_t a)
{
	for (size_t i = 0; i < e->out->nsections; i++) {
		const ls_out_section *sec = &e->out->sections[i];
		if (sec->alloc && sec->vma.known && sec->size.known &&
		    a >= sec->vma.v && a - sec->vma.v < sec->size.v)
			return (long)i;
	}
	return -1;
}

static bool site_target(const ev *e, const isec *is, const image_reloc *r,
			rx_target *t)
{
	uint64_t size = r->size;

	t->in = NULL;
	t->out = -1;
	t->weak_undefined = false;
	if (!r->global) {
		if (!symbol_now(e, is->file, r->in_section, r->value, &t->in,
				&t->symval))
			return false;
	} else {
		ptrdiff_t k = str_index_find(&e->defined, r->global);
		const ls_symbol *ss;
		/* An assignment of the script (or --defsym) wins over an
		 * object's definition, as in GNU ld. */
		if (k >= 0 && str_index_find(&e->assigned, r->global) >= 0)
			k = -1;
		if (k >= 0 && e->def_syms[k]->absolute) {
			t->symval = e->def_syms[k]->value;
		} else if (k >= 0 && !e->def_syms[k]->common) {
			const image_symbol *d = e->def_syms[k];
			if (!symbol_now(e, e->def_files[k], d->in_section,
					d->value, &t->in, &t->symval))
				return false;
			size = d->size;
		} else if ((ss = symbol_find(e, r->global)) &&
			   ss->value.known) {
			/* Set by the script: in the section it is relative
			 * to, if any. */
			size_t j = (size_t)(ss - e->out->symbols);
			t->symval = ss->value.v;
			if (e->sym_sec && j < e->cap_sym_sec &&
			    e->sym_sec[j] != NONE)
				t->out = (long)e->sym_sec[j];
			else if (!ss->absolute)
				t->out = section_at(e, t->symval);
		} else if (r->weak_undefined) {
			t->symval = 0;
			t->weak_undefined = true;
		} else
			return false;
	}
	if (t->in)
		t->out = t->in->out;
	/* ld keeps the reserve of the site before for a global function. */
	if (!r->global || !r->func)
		t->reserve = size - r->addend > size ? 0 : size - r->addend;
	t->symval += (uint64_t)r->addend;
	return true;
}

/* The alignment ld allows for later moves between a site and its target:
 * that of their output section when both are in one, else the largest
 * of any output section (_bfd_riscv_get_max_alignment) -- of those it
 * keeps: an empty one it drops (a kernel's empty .init.text with
 * ALIGN(2M)) is not among them. */
static uint64_t relax_margin(ev *e, long a, long b)
{
	if (!e->relax_align) {
		e->relax_align = 1;
		for (size_t i = 0; i < e->out->nsections; i++) {
			const ls_out_section *o = &e->out->sections[i];
			if (o->size.known && o->size.v &&
			    o->align > e->relax_align)
				e->relax_align = o->align;
		}
	}
	if (a >= 0 && a == b)
		return e->out->sections[a].align;
	return e->relax_align;
}

/* __global_pointer$ as ld reads it for relaxation (0: not defined), and
 * its output section. */
static uint64_t global_pointer(const ev *e, long *out)
{
	ptrdiff_t k = str_index_find(&e->sym_names, "__global_pointer$");
	const isec *in;
	uint64_t v;

	*out = -1;
	if (k >= 0 && e->out->symbols[k].value.known) {
		if (e->sym_sec && e->sym_sec[k] != NONE)
			*out = (long)e->sym_sec[k];
		return e->out->symbols[k].value.v;
	}
	k = str_index_find(&e->defined, "__global_pointer$");
	if (k >= 0 && symbol_now(e, e->def_files[k], e->def_syms[k]->in_section,
				 e->def_syms[k]->value, &in, &v)) {
		*out = in->out;
		return v;
	}
	return 0;
}

/* One relaxation of a RISC-V input section, as ld does it while it sizes
 * the sections (_bfd_riscv_relax_section, pass 0): each site not
 * shortened yet is looked at with the addresses of the last layout, and
 * the bytes go once all are looked at. */
/* ld's second relaxation pass over a section (_bfd_riscv_relax_align):
 * each R_RISCV_ALIGN keeps the nops its address needs and the rest go at
 * once; then the section is done with relaxation. */
static void align_isec(ev *e, isec *is)
{
	lr_section *rx = is->rx;
	uint64_t before = rx->deleted, now_gone = 0;

	rx->aligned = true;
	for (size_t i = 0; i < rx->nsites; i++) {
		const lr_site *site = &rx->sites[i];
		const image_reloc *r = site->rel;
		if (site->kind != LR_ALIGN)
			continue;
		uint64_t addend = (uint64_t)r->addend;
		uint64_t at = is->addr.v + lr_now(rx, r->offset) - now_gone;
		uint64_t nops = lr_align_nops(at, addend);
		if (nops >= addend)
			continue; /* already right, or ld refuses */
		if (!lr_delete_bytes(rx, r->offset + nops, addend - nops)) {
			e->oom = true;
			return;
		}
		now_gone += addend - nops;
	}
	lr_commit(rx);
	if (rx->deleted != before) {
		is->size = is->sec->size - rx->deleted;
		e->changed = e->relaxed = true;
	}
}

/* Where the TLS block starts, as ld's thread pointer offsets count from
 * it: the first thread-local output section (elflink.c,
 * _bfd_elf_tls_setup), or 0 without one (tpoff). */
static uint64_t tls_start(const ev *e)
{
	for (size_t k = 0; k < e->nitems; k++) {
		const item *it = &e->items[k];
		if (it->kind != IT_SECTION || is_discard(it) ||
		    !(it->flags & SF_TLS))
			continue;
		const ls_out_section *sec = &e->out->sections[it->out];
		if (sec->alloc && sec->size.known && sec->size.v)
			return sec->vma.known ? sec->vma.v : 0;
	}
	return 0;
}

static void relax_isec(ev *e, isec *is)
{
	if (is->rx->aligned)
		return;
	if (e->relax_pass == 1) {
		if (is->rx->aligns)
			align_isec(e, is);
		return;
	}
	lr_section *rx = is->rx;
	bool rvc = is->file->flags & 0x1; /* EF_RISCV_RVC */
	bool is64 = is->file->elfclass == ELFCLASS64;
	long gp_out;
	uint64_t gp = global_pointer(e, &gp_out), before = rx->deleted;
	rx_target t = {0};

	for (size_t i = 0; i < rx->nsites; i++) {
		lr_site *site = &rx->sites[i];
		const image_reloc *r = site->rel;
		if (site->done || site->kind == LR_ALIGN ||
		    !site_target(e, is, r, &t))
			continue;
		uint64_t pc = is->addr.v + lr_now(rx, r->offset), cut = 0,
			 at = r->offset;
		if (site->kind == LR_TPREL) {
			if (!lr_tp_near(t.symval, tls_start(e)))
				continue;
			cut = 4;
		} else if (site->kind == LR_CALL) {
			unsigned len = lr_call_length(
			    pc, t.symval, relax_margin(e, is->out, t.out), rvc,
			    is64, site->rd);
			cut = 8 - len;
			at = r->offset + len;
		} else {
			/* Mergeable data and code may move out of reach. */
			if (site->kind == LR_PCREL && !t.weak_undefined &&
			    t.in &&
			    (t.in->sec->flags & (SHF_MERGE | SHF_EXECINSTR)))
				continue;
			uint64_t margin =
			    relax_margin(e, gp ? gp_out : -1, t.out);
			if (t.weak_undefined ||
			    lr_near_gp(t.symval, gp, margin, t.reserve))
				cut = 4;
			else if (site->kind == LR_LUI && rvc &&
				 lr_c_lui(t.symval, site->rd,
					  e->o->relro >= 0 ? 0x2000 : 0x1000)) {
				cut = 2;
				at = r->offset + 2;
			}
		}
		if (!cut)
			continue;
		if (!lr_delete_bytes(rx, at, cut)) {
			e->oom = true;
			return;
		}
		site->done = true;
	}
	lr_commit(rx);
	if (rx->deleted != before) {
		is->size = is->sec->size - rx->deleted;
		e->changed = e->relaxed = true;
	}
}

/* One input section at its alignment, empty ones too -- except the
 * linker's own empty ones, which it drops before laying them out. */
static void lay_input(ev *e, const isec *is, const ls_out_section *sec,
		      ls_loc loc)
{
	isec *at = &e->isecs[is - e->isecs];

	/* RISC-V: ld relaxes a section before it places it, with the
	 * addresses of the layout before (every layout after the first). */
	if (at->rx && at->rx->nsites && at->addr.known && e->pass > 0 &&
	    e->pass < MAX_PASSES - 1)
		relax_isec(e, at);

	if ((is->own && !is->size) || is->excluded)
		return;
	e->dot = align_value(e, e->dot, is->sec->align, sec, loc);
	/* Its symbols read from here; a move makes another pass. */
	if (e->dot.known != at->addr.known || e->dot.v != at->addr.v)
		e->changed = true;
	at->addr = e->dot;
	dot_advance(e, sec, is->size, loc);
}

/* x = ... inside section sec: a number is an offset from its start. */
static void assign_in_section(ev *e, const ls_assign *a,
			      const ls_out_section *sec, ls_loc loc)
{
	vkind k = assign_kind(e, a, true);
	ls_value v = compound(e, a, eval(e, &a->value), sec, loc);
	uint64_t r;

	if (k == VK_NUM && v.known) {
		if (!sec->vma.known) {
			v = unknown;
			e->why = e->sec_why[sec - e->out->sections];
		} else if (va_add(sec->vma.v, v.v, &r))
			v = known(r);
		else {
			wrapped(e, sec, loc,
				"%s = 0x%" PRIx64 " is 0x%" PRIx64
				" past the section's start 0x%" PRIx64
				", beyond the end of the 64-bit address space",
				a->name, v.v, v.v, sec->vma.v);
			v = unknown;
		}
	}
	set_symbol(e, a, v, k == VK_ABS, loc);
}

/* The section's contents, from its start: the commands in order, input
 * sections at their alignment.  Returns the size. */
static ls_value lay_contents(ev *e, const item *it, ls_out_section *sec)
{
	const ls_output_section *def = it->def;
	size_t next_input = 0;

	e->dot_top = false;

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
				 strcmp(cmd->u.assign.name, ".") &&
				 provides(e, &cmd->u.assign))
				assign_in_section(e, &cmd->u.assign, sec,
						  cmd->loc);
		}
		return size;
	}
	for (size_t c = 0; def && c < def->ncmds; c++) {
		const ls_sec_cmd *cmd = &def->cmds[c];
		switch (cmd->kind) {
		case LS_SC_ASSIGN: {
			const ls_assign *a = &cmd->u.assign;
			if (!provides(e, a))
				break;
			if (strcmp(a->name, ".")) {
				assign_in_section(e, a, sec, cmd->loc);
				break;
			}
			bool number = assign_kind(e, a, true) == VK_NUM;
			e->dot_top = false;
			ls_value v =
			    compound(e, a, eval(e, &a->value), sec, cmd->loc);
			why w = e->why;
			/* A number is an offset into the section. */
			if (number && v.known) {
				v = sec->vma.known
					? dot_plus(e, sec, sec->vma.v, v.v,
						   cmd->loc)
					: unknown;
				w = e->sec_why[sec - e->out->sections];
			}
			if (!v.known)
				e->dot_why = w;
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
				e->dot_why = (why){WHY_SIZES, NULL};
				break;
			}
			/* The input sections this description took. */
			for (; next_input < it->ninputs; next_input++) {
				const isec *is =
				    &e->isecs[it->inputs[next_input]];
				if (!input_matches(&cmd->u.input, is))
					break;
				lay_input(e, is, sec, cmd->loc);
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
	for (; next_input < it->ninputs; next_input++)
		lay_input(e, &e->isecs[it->inputs[next_input]], sec, sec->loc);
	/* '.' below the start was a backwards move, reported as such: what
	 * it makes unknown needs no note besides. */
	uint64_t size;
	if (!e->dot.known || !sec->vma.known)
		return unknown;
	if (e->dot_top && e->dot.v == 0 && sec->vma.v) {
		/* It ends at 2^64: what lies between its start and the top. */
		e->dot_top = false;
		return known(0 - sec->vma.v);
	}
	e->dot_top = false;
	if (!va_sub(e->dot.v, sec->vma.v, &size)) {
		e->dot_why = (why){WHY_ERROR, NULL};
		return unknown;
	}
	return known(size);
}

/* The alignment ALIGN(a) asks for (1 without one). */
static uint64_t stated_align(ev *e, const ls_output_section *def)
{
	if (!def || !def->has_align)
		return 1;
	ls_value v = eval(e, &def->align);
	return v.known && va_is_pow2(v.v) ? v.v : 1;
}

/* The section's alignment: ALIGN(a) and that of every input section in
 * it, empty ones too. */
static uint64_t section_align(ev *e, const item *it)
{
	uint64_t a = stated_align(e, it->def);

	for (size_t k = 0; k < it->ninputs; k++) {
		const image_section *s = e->isecs[it->inputs[k]].sec;
		if (s->align > a)
			a = s->align;
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

/* A memory region's attributes, and a section's flags, in the terms
 * MEMORY attributes use. */
enum {
	RA_ALLOC = 1, /* A */
	RA_LOAD = 2,  /* I, L */
	RA_RO = 4,    /* R */
	RA_DATA = 8,  /* W */
	RA_CODE = 16, /* X */
};

static void region_attributes(const char *text, unsigned *flags,
			      unsigned *not_flags)
{
	bool invert = false;

	*flags = *not_flags = 0;
	for (const char *p = text; p && *p; p++) {
		unsigned f = 0;
		switch (*p) {
		case '!':
			invert = !invert;
			continue;
		case 'a':
		case 'A':
			f = RA_ALLOC;
			break;
		case 'i':
		case 'I':
		case 'l':
		case 'L':
			f = RA_LOAD;
			break;
		case 'r':
		case 'R':
			f = RA_RO;
			break;
		case 'w':
		case 'W':
			f = RA_DATA;
			break;
		case 'x':
		case 'X':
			f = RA_CODE;
			break;
		}
		if (invert)
			*not_flags |= f;
		else
			*flags |= f;
	}
}

static unsigned section_attributes(unsigned f)
{
	unsigned a = 0;

	if (f & SF_ALLOC)
		a |= RA_ALLOC;
	if (f & SF_LOAD)
		a |= RA_LOAD;
	if (f & SF_RO)
		a |= RA_RO;
	if (f & SF_CODE)
		a |= RA_CODE;
	/* Loaded data is data; so, for this, is writable bss. */
	else if (f & SF_LOAD || (f & (SF_ALLOC | SF_RO)) == SF_ALLOC)
		a |= RA_DATA;
	return a;
}

/* The region a section without one of its own goes to: the first whose
 * attributes it has (and none of those it must not have); NULL: the
 * default one, where '.' is. */
static ls_region *region_by_attributes(ev *e, unsigned f)
{
	unsigned a = section_attributes(f);

	for (size_t i = 0; i < e->out->nregions; i++)
		if (e->region_flags[i] & a && !(e->region_not[i] & a))
			return &e->out->regions[i];
	return NULL;
}

/* The last section in a region (NULL: the default one) whose load
 * address a following one keeps its distance to. */
static const ls_out_section **last_in(ev *e, const ls_region *r)
{
	return &e->last_in[r ? (size_t)(r - e->out->regions)
			     : e->out->nregions];
}

/* The addresses the output can hold: 32 bits for an ELFCLASS32 input or
 * a 32-bit machine, else 64. */
static uint64_t addr_mask(const ev *e)
{
	for (size_t f = 0; f < e->o->ninputs; f++)
		if (e->o->inputs[f].elfclass == ELFCLASS32)
			return UINT32_MAX;
	if (e->out->machine == EM_386 || e->out->machine == EM_ARM)
		return UINT32_MAX;
	return UINT64_MAX;
}

/* Where a section without a load address of its own loads, by GNU ld's
 * rules: in its load region at the next free byte (aligned as the run
 * address is, if the region is the same, else only to ALIGN()); else at
 * the same distance from its run address as the last section of its run
 * region before it -- or, for an overlay member, right after that one --
 * unless '.' moved back below that section; else where it runs. */
static ls_value load_address(ev *e, ls_out_section *sec, const item *it,
			     const ls_expr *at, const ls_region *region,
			     ls_region *lma_region, uint64_t align,
			     uint64_t pad, bool first_member)
{
	const ls_output_section *def = it->def;
	const ls_out_section *last = *last_in(e, region);
	uint64_t lma, d;

	if (at)
		return eval(e, at);
	if (lma_region) {
		ls_value l = lma_region->next;
		if (def && def->align_with_input)
			return l.known ? dot_plus(e, sec, l.v, pad, sec->loc)
				       : unknown;
		return align_value(
		    e, l, lma_region != region ? stated_align(e, def) : align,
		    sec, sec->loc);
	}
	if (!last)
		return sec->vma;
	if (!sec->vma.known || !last->vma.known || !last->lma.known ||
	    !e->dot.known || !sec->size.known || !last->size.known)
		return unknown;
	/* '.' moved back: it loads where it runs. */
	if (e->dot.v < last->vma.v && sec->size.v &&
	    sec->size.v <= last->vma.v - e->dot.v)
		return sec->vma;
	if (sec->in_overlay && !first_member) {
		if (!va_add(last->lma.v, last->size.v, &lma)) {
			wrapped(e, sec, sec->loc,
				"its load address passes the end of the "
				"64-bit address space (0x%" PRIx64
				" + 0x%" PRIx64 ")",
				last->lma.v, last->size.v);
			return unknown;
		}
	} else if (va_sub(last->lma.v, last->vma.v, &d)) {
		if (!va_add(sec->vma.v, d, &lma)) {
			wrapped(e, sec, sec->loc,
				"its load address passes the end of the "
				"64-bit address space (0x%" PRIx64
				" + 0x%" PRIx64 ")",
				sec->vma.v, d);
			return unknown;
		}
	} else {
		/* Loaded below where it runs, by as much as the last. */
		d = last->vma.v - last->lma.v;
		if (!sec->size.v && sec->vma.v < d) {
			/* An empty one, which GNU ld drops: it computes the
			 * address modulo the target's width and says nothing
			 * (Linux's i386 vmlinux.lds: .got at 0 after
			 * AT(ADDR - 0xc0000000) loads "at" 0x40000000). */
			lma = (sec->vma.v - d) & addr_mask(e);
			return known(lma);
		}
		if (!va_sub(sec->vma.v, d, &lma)) {
			wrapped(e, sec, sec->loc,
				"its load address falls below 0 (0x%" PRIx64
				" - 0x%" PRIx64 ")",
				sec->vma.v, d);
			return unknown;
		}
	}
	return align_value(e, known(lma), align, sec, sec->loc);
}

/* The section's end: past the last address is an error, and the size
 * unknown (a linked image gives sizes that the script's addresses may not
 * have room for). */
static void check_end(ev *e, ls_out_section *sec)
{
	uint64_t end;

	if (!sec->size.known || !sec->vma.known ||
	    va_add(sec->vma.v, sec->size.v, &end) ||
	    ends_at_top(sec->vma.v, sec->size.v))
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
	    va_add(sec->lma.v, sec->size.v, &end) ||
	    ends_at_top(sec->lma.v, sec->size.v))
		return;
	wrapped(e, sec, sec->loc,
		"its load address 0x%" PRIx64 " + its size 0x%" PRIx64
		" passes the end of the 64-bit address space",
		sec->lma.v, sec->size.v);
	sec->lma = unknown;
}

/* Whether GNU ld lays the section out at all: it has input sections
 * (empty ones too), data, assignments, or ADDR/LOADADDR name it.  Without
 * inputs nothing says; every section is taken to have contents. */
static bool made(const ev *e, const item *it)
{
	return !e->have_inputs || it->made;
}

/* The run (VMA) region of a section: its own (>R), else, with no address
 * of its own, the first MEMORY region whose attributes fit it; NULL for
 * the default region. */
static ls_region *run_region(ev *e, const item *it, bool has_addr)
{
	if (it->region)
		return region_find(e, it->region);
	if (has_addr || !e->have_inputs)
		return NULL;
	return region_by_attributes(e, it->flags);
}

/* Where '.' is after a section: its end -- but a thread-local bss is only
 * the pattern each thread's copy follows, which takes no addresses. */
static ls_value dot_end(const ls_out_section *sec)
{
	ls_value end = unknown;
	bool top;

	if (sec->tls_bss)
		return sec->vma;
	/* Ending at 2^64, '.' wraps to 0 as in GNU ld. */
	if (sec->vma.known && sec->size.known &&
	    va_end_or_top(sec->vma.v, sec->size.v, &end.v, &top))
		end = known(top ? 0 : end.v);
	return end;
}

/* '.' and the next free address of the section's region after it. */
static void section_end(ev *e, ls_out_section *sec, ls_region *region,
			ls_region *lma_region, bool align_with_input)
{
	why *sw = &e->sec_why[sec - e->out->sections];

	e->dot = dot_end(sec);
	e->dot_why = *sw;
	if (region) {
		region->next = e->dot;
		e->region_why[region - e->out->regions] = *sw;
	} else {
		e->def_next = e->dot;
		e->def_why = *sw;
	}
	/* ALIGN_WITH_INPUT moves the load region on past a section that
	 * loads nothing too (GNU ld: binutils' rgn-at10, a .tbss). */
	if (lma_region && lma_region != region &&
	    (sec->load || align_with_input)) {
		/* check_load_end made sure the sum fits. */
		lma_region->next = unknown;
		if (sec->lma.known && sec->size.known &&
		    va_add(sec->lma.v, sec->tls_bss ? 0 : sec->size.v,
			   &lma_region->next.v))
			lma_region->next.known = true;
	}
}

/* How a section is placed: its address (NULL: none of its own) and
 * where that was written, its load address (NULL: none), and whether
 * it is the first member of an overlay. */
typedef struct placing {
	const ls_value *addr;
	why addr_why; /* why the address is unknown */
	ls_loc addr_loc;
	bool by_option; /* addr comes from -Ttext= and the like */
	const ls_expr *at;
	bool first_member;
} placing;

/* Lay one output section out, as GNU ld sizes it: an address of its own
 * or the next free one of its region, aligned; its contents; its load
 * address; then '.' and the region move past it. */
static void lay_placed(ev *e, item *it, const placing *pl)
{
	ls_out_section *sec = &e->out->sections[it->out];
	const ls_output_section *def = it->def;
	bool has_addr = pl->addr != NULL;
	/* A value a reported wrap made unknown needs no note besides. */
	size_t wraps = e->nwraps;

	e->sec_pass[it->out] = (unsigned)e->pass + 1;
	classify(e, it, sec);
	sec->align = section_align(e, it);
	sec->tls_bss =
	    e->have_inputs &&
	    (it->flags & (SF_TLS | SF_LOAD | SF_ALLOC)) == (SF_TLS | SF_ALLOC);
	if (def && def->has_at && def->lma_region && e->pass == MAX_PASSES - 1)
		fact_text(e, LS_FACT_ERROR, def->lma_region_loc,
			  "section %s has both a load address AT(...) and a "
			  "load region AT>%s",
			  sec->name, def->lma_region);
	/* An address of its own is where '.' goes, even for a section
	 * that is not in the link at all (though sections placed where the
	 * last one ended do not follow it there). */
	if (has_addr) {
		e->dot = *pl->addr;
		sec->addr_loc = pl->addr_loc;
	}
	if (!made(e, it)) {
		sec->alloc = sec->load = false;
		sec->vma = sec->lma = unknown;
		sec->size = known(0);
		return;
	}
	ls_region *region = run_region(e, it, has_addr);
	ls_region *lma_region =
	    it->lma_region ? region_find(e, it->lma_region) : NULL;
	sec->region = region ? region->name : NULL;
	sec->lma_region = lma_region ? lma_region->name : NULL;
	if (def && def->region && !region && e->pass == MAX_PASSES - 1)
		fact_text(e, LS_FACT_ERROR, def->region_loc,
			  "section %s: no memory region '%s'", sec->name,
			  def->region);

	/* Not allocated (no run-time address, for the ELF file): laid out
	 * all the same, in no region -- but for a section the script makes
	 * with nothing in it (assignments only, an overlay member), which
	 * GNU ld places in its region all the same. */
	bool empty_member = e->have_inputs && !sec->alloc && !it->ninputs &&
			    !it->data && !it->dot_moves;
	if (!sec->alloc && !empty_member)
		region = NULL;
	/* An address of its own is aligned only as ALIGN() asks. */
	uint64_t align = has_addr ? stated_align(e, def) : sec->align;
	ls_value start = has_addr ? e->dot
			 : region ? region->next
				  : e->def_next;
	sec->addr_from = has_addr
			     ? (pl->by_option ? LS_ADDR_OPTION : LS_ADDR_EXPR)
			 : region ? LS_ADDR_REGION
				  : LS_ADDR_DOT;
	if (has_addr)
		sec->vma = align_value(e, start, align, sec, sec->addr_loc);
	else if (region) {
		/* Placed by its region: >REGION, else the region's own
		 * definition (its attributes chose it). */
		ls_loc at =
		    def && def->region ? def->region_loc : region->def->loc;
		sec->addr_loc = at;
		sec->vma = align_value(e, start, align, sec, at);
		/* The first section in a region starts the image. */
		if (!e->out->has_base && sec->alloc) {
			e->out->has_base = true;
			e->out->base = sec->vma;
			e->out->base_loc = region->def->origin.loc;
		}
	} else {
		/* Placed where '.' is: fixed by the assignment '.' last
		 * got its value from (the base, for most scripts). */
		sec->addr_loc = e->dot_loc;
		sec->vma = align_value(e, start, align, sec, sec->loc);
	}
	uint64_t pad = sec->vma.known && start.known ? sec->vma.v - start.v : 0;
	why *sw = &e->sec_why[it->out];
	*sw = has_addr ? pl->addr_why
	      : region ? e->region_why[region - e->out->regions]
		       : e->def_why;
	/* Nothing to note of what an error reported already made unknown,
	 * nor of the linker's own empty sections. */
	bool by_error = !start.known && !has_addr && e->dot_error;
	bool note = e->pass == MAX_PASSES - 1 && !by_error && sec->alloc &&
		    (!it->ninputs || it->takes || it->data || it->dot_moves);
	if (!sec->vma.known && note && e->nwraps == wraps)
		undetermined(e, sec->loc, *sw, "address of %s", sec->name);
	ls_value before = e->dot;
	why before_why = e->dot_why;
	e->dot = sec->vma;
	e->in_sec = sec;
	sec->size = lay_contents(e, it, sec);
	e->in_sec = NULL;
	check_end(e, sec);
	if (sec->vma.known && !sec->size.known)
		*sw = e->dot_why;
	/* '.' moving inside makes it allocated, from then on: a region
	 * chosen by attributes is then one for data. */
	if (sec->size.known && sec->size.v && it->dot_moves)
		it->flags |= SF_ALLOC;
	/* An empty section leaves the output; unless it sets a symbol or
	 * '.', GNU ld does not even move '.' to it. */
	bool empty = e->have_inputs && sec->size.known && !sec->size.v;
	bool ignored = empty && !it->sets_symbol && !it->dot_moves;
	e->dot = ignored ? before : sec->vma;
	e->dot_why = ignored ? before_why : *sw;
	if (!sec->alloc) {
		/* '.' goes past it, but the next section without an address
		 * starts where the last allocated one ended. */
		sec->lma = sec->vma;
		/* An empty section has its load address all the same
		 * (LOADADDR() of it is that), and the first overlay member
		 * is what the next section's load address follows (ldlang.c:
		 * first_overlay_section). */
		if (empty_member) {
			sec->lma =
			    load_address(e, sec, it, pl->at, region, lma_region,
					 align, pad, pl->first_member);
			if (pl->first_member && !lma_region)
				*last_in(e, region) = sec;
		}
		if (!ignored)
			e->dot = dot_end(sec);
		if (!ignored && it->loads_unallocated) {
			e->def_next = e->dot;
			e->def_why = e->dot_why;
		}
		return;
	}
	if (e->pass == MAX_PASSES - 1 && e->have_inputs && e->out->nregions &&
	    !has_addr && !region && !it->region && !ignored && !sec->tls_bss &&
	    it->flags & SF_ALLOC)
		fact_text(e, LS_FACT_ERROR, sec->loc,
			  "section %s takes addresses but no memory region: "
			  "with MEMORY, GNU ld refuses that (give it "
			  ">REGION, or a region whose attributes fit it)",
			  sec->name);
	sec->lma = load_address(e, sec, it, pl->at, region, lma_region, align,
				pad, pl->first_member);
	check_load_end(e, sec, sec->load);
	if (!sec->size.known && note && e->nwraps == wraps)
		undetermined(e, sec->loc, *sw, "size of %s", sec->name);
	/* The next section in the region loads relative to this one,
	 * unless it has a load region or takes no addresses; an empty one
	 * only where it changes something. */
	const ls_out_section **last = last_in(e, region);
	if (!lma_region && !sec->tls_bss &&
	    (pl->first_member || (sec->size.known && sec->size.v) ||
	     (!*last &&
	      (sec->vma.known != sec->lma.known || sec->vma.v != sec->lma.v)) ||
	     (*last && e->dot.known && (*last)->vma.known &&
	      e->dot.v >= (*last)->vma.v)))
		*last = sec;
	e->prev = sec;
	/* Listed all the same if it takes input (lld keeps such a one) or
	 * moves '.'; not if only the linker's own empty sections are in
	 * it, or only symbols. */
	if (empty && !it->dot_moves && !it->takes)
		sec->alloc = sec->load = false;
	if (ignored)
		return;
	if (sec->addr_loc.file)
		e->dot_loc = sec->addr_loc;
	section_end(e, sec, region, lma_region, def && def->align_with_input);
	e->dot_error = !e->dot.known && (by_error || e->nwraps != wraps);
}

static void lay_section(ev *e, item *it)
{
	const ls_output_section *def = it->def;
	const ls_section_start *opt =
	    start_option(e, e->out->sections[it->out].name);
	placing pl = {.at = def && def->has_at ? &def->at : NULL};
	ls_value addr;

	if (opt) {
		addr = known(opt->value);
		pl.addr = &addr;
		pl.by_option = true;
	} else if (def && def->has_address) {
		addr = eval(e, &def->address);
		pl.addr = &addr;
		pl.addr_why = e->why;
		pl.addr_loc = def->address.loc;
	}
	lay_placed(e, it, &pl);
}

static void lay_assign(ev *e, const item *it)
{
	const ls_assign *a = &it->cmd->u.assign;
	bool is_dot = strcmp(a->name, ".") == 0;
	bool base_candidate =
	    is_dot && it->in_sections && !e->prev && !e->out->has_base;

	if (!provides(e, a)) {
		e->def_next = e->dot;
		e->def_why = e->dot_why;
		return;
	}
	bool absolute = assign_kind(e, a, false) != VK_REL;
	ls_value v = eval(e, &a->value);
	v = compound(e, a, v, NULL, it->cmd->loc);
	/* Between sections, every assignment leaves the default region's
	 * next free address at '.'. */
	if (!is_dot) {
		set_symbol(e, a, v, absolute, it->cmd->loc);
		e->def_next = e->dot;
		e->def_why = e->dot_why;
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
	if (!v.known && e->why.kind == WHY_UNDEFINED &&
	    e->pass < MAX_PASSES - 1) {
		/* A symbol the script sets further on (". += f(_end)" in
		 * Linux's arm64 vmlinux.lds): GNU ld skips the assignment in
		 * the passes before the last, so '.' goes on, the symbol gets
		 * its value, and the next pass reads that one. */
		e->changed = true;
		return;
	}
	e->dot_error &= !v.known;
	e->dot = e->def_next = v;
	e->dot_why = e->def_why = e->why;
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

	e->def_next = e->dot;
	e->def_why = e->dot_why;
	if (e->pass != MAX_PASSES - 1)
		return;
	if (!v.known)
		undetermined(e, it->cmd->loc, e->why, "ASSERT(%s)",
			     as->message ? as->message : "");
	else if (!v.v)
		fact_text(e, LS_FACT_ASSERT_FAILED, as->cond.loc, "%s",
			  as->message ? as->message : "");
}

/* An overlay's members are output sections: the first at the overlay's
 * address (or the next free one), loading at its AT() (or by the usual
 * rules), the others at the first one's address, each loading after the
 * one before; '.' ends after the largest. */
static void lay_overlay(ev *e, const item *start)
{
	const ls_overlay *ov = start->cmd->u.overlay;
	size_t k = (size_t)(start - e->items) + 1;
	const ls_out_section *first = NULL;
	ls_value addr, biggest = known(0);

	for (; k < e->nitems && e->items[k].kind == IT_SECTION; k++) {
		item *it = &e->items[k];
		ls_out_section *sec = &e->out->sections[it->out];
		placing pl = {.first_member = !first};
		if (!first && ov->has_start) {
			addr = eval(e, &ov->start);
			pl.addr = &addr;
			pl.addr_why = e->why;
			pl.addr_loc = ov->start.loc;
		} else if (first) {
			addr = first->vma;
			pl.addr = &addr;
			pl.addr_why = e->sec_why[first - e->out->sections];
			pl.addr_loc = first->addr_loc;
		}
		if (!first && ov->has_at)
			pl.at = &ov->at;
		lay_placed(e, it, &pl);
		if (!first)
			first = sec;
		if (!sec->addr_loc.file)
			sec->addr_loc = ov->loc;
		if (!sec->size.known || !biggest.known)
			biggest = unknown;
		else if (sec->size.v > biggest.v)
			biggest = sec->size;
	}
	if (!first)
		return;
	/* Every member's end was checked, the largest's too. */
	e->dot = unknown;
	if (first->vma.known && biggest.known &&
	    va_add(first->vma.v, biggest.v, &e->dot.v))
		e->dot.known = true;
	e->dot_why = e->sec_why[first - e->out->sections];
	ls_region *region =
	    first->region ? region_find(e, first->region) : NULL;
	if (region) {
		region->next = e->dot;
		e->region_why[region - e->out->regions] = e->dot_why;
	} else {
		e->def_next = e->dot;
		e->def_why = e->dot_why;
	}
}

static void reset_pass(ev *e)
{
	e->dot = e->def_next = known(0);
	e->dot_why = e->def_why = (why){WHY_NONE, NULL};
	for (size_t i = 0; i < e->out->nregions; i++)
		e->region_why[i] = (why){WHY_NONE, NULL};
	e->dot_error = false;
	e->prev = NULL;
	e->ds.align_seen = e->ds.relro_seen = e->ds.end_seen = false;
	memset(e->last_in, 0, (e->out->nregions + 1) * sizeof(*e->last_in));
	e->dot_loc = (ls_loc){0};
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

typedef struct by_lma {
	const item *it;
	uint64_t lma;
	size_t k; /* script order, among equal load addresses */
} by_lma;

static int by_lma_cmp(const void *a, const void *b)
{
	const by_lma *x = a, *y = b;

	if (x->lma != y->lma)
		return x->lma < y->lma ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

/* The program headers GNU ld 2.40 makes for the layout of the last pass
 * (elf.c, _bfd_elf_map_sections_to_segments, as measured with ld on
 * scripts that start at SIZEOF_HEADERS): a PT_LOAD starts where the load
 * address moves by another amount than the address, where a gap reaches
 * past a page, and, on another page, at the first writable section after
 * read-only ones and (x86, whose GNU ld separates code) where code starts
 * or ends; then PT_TLS, one PT_NOTE per run of notes of one alignment,
 * PT_GNU_PROPERTY, PT_INTERP with PT_PHDR, PT_DYNAMIC, PT_GNU_RELRO when
 * sections lie before DATA_SEGMENT_RELRO_END, and PT_GNU_STACK when an
 * input says how the stack is to be mapped (.note.GNU-stack).
 * 0 when an allocated section's place is not known. */
static unsigned count_phdrs(const ev *e)
{
	const ls_eval *o = e->out;
	uint64_t page = o->maxpagesize ? o->maxpagesize : 1, last_end = 0;
	uint64_t delta = 0, note_align = 0;
	bool sep_code = e->o->separate_code
			    ? e->o->separate_code > 0
			    : o->machine == EM_X86_64 || o->machine == EM_386;
	bool open = false, writable = false, code = false, last_note = false;
	bool tls = false, prop = false, interp = false, dyn = false;
	bool first_code = false, relro = false;
	uint64_t first_lma = 0;
	unsigned loads = 0, notes = 0;
	/* GNU ld maps the sections to segments in load-address order. */
	by_lma *v = malloc((e->nitems ? e->nitems : 1) * sizeof(*v));
	size_t nv = 0;

	if (!v)
		return 0;
	for (size_t k = 0; k < e->nitems; k++) {
		const item *it = &e->items[k];
		if (it->kind != IT_SECTION || is_discard(it) ||
		    !o->sections[it->out].alloc)
			continue;
		const ls_out_section *sec = &o->sections[it->out];
		if (!sec->vma.known || !sec->lma.known || !sec->size.known) {
			free(v);
			return 0;
		}
		v[nv++] = (by_lma){it, sec->lma.v, k};
	}
	qsort(v, nv, sizeof(*v), by_lma_cmp);
	for (size_t i = 0; i < nv; i++) {
		const item *it = v[i].it;
		const ls_out_section *sec = &o->sections[it->out];
		if (!sec->size.v)
			continue; /* dropped, or in no segment */
		bool w = !(it->flags & SF_RO), c = it->flags & SF_CODE;
		bool note = it->type == SHT_NOTE;
		tls |= (it->flags & SF_TLS) != 0;
		relro |= e->ds.relro_seen && sec->vma.v >= e->ds.base &&
			 sec->vma.v < e->ds.relro_end - e->ds.relro_offset;
		prop |= !strcmp(sec->name, ".note.gnu.property");
		interp |= !strcmp(sec->name, ".interp");
		dyn |= !strcmp(sec->name, ".dynamic");
		if (note && (!last_note || note_align != sec->align))
			notes++;
		last_note = note;
		note_align = sec->align;
		if (sec->tls_bss)
			continue; /* takes no addresses */
		uint64_t d = sec->lma.v - sec->vma.v, a, b;
		bool other_page =
		    open && ((last_end - 1) & -page) != (sec->lma.v & -page);
		bool gap = open && va_align_up(last_end, page, &a) &&
			   va_align_up(sec->lma.v, page, &b) && a < b;
		if (!open) {
			first_code = c;
			first_lma = sec->lma.v;
		}
		if (!open || d != delta || gap ||
		    (w && !writable && other_page) ||
		    (sep_code && c != code && other_page)) {
			loads++;
			open = true;
			writable = code = false;
			delta = d;
		}
		writable |= w;
		code |= c;
		last_end = sec->lma.v + sec->size.v;
	}
	free(v);
	unsigned n = loads + notes + tls + prop + 2 * interp + dyn +
		     e->stack_note + relro;
	/* The headers load with the first section when they fit on its page
	 * below it.  Code keeps apart from them (x86) in a read-only PT_LOAD
	 * of their own, except on page 0 (measured: '. = 0x1000 +
	 * SIZEOF_HEADERS; .text' gets two PT_LOADs, '. = 0x100 + ...' one). */
	uint64_t page_start = first_lma & -page;
	if (sep_code && first_code && page_start &&
	    page_start + header_bytes(e, e->phnum) <= first_lma)
		n++;
	return n;
}

/* A kept section that refers to a symbol in a section /DISCARD/ drops:
 * GNU ld refuses the link ("`SYM' referenced in section `SEC' of FILE:
 * defined in discarded section ..."), except for references from
 * .eh_frame and .gcc_except_table (elflink.c, _bfd_elf_default_action_
 * discarded).  Said once per discarded section, at its /DISCARD/. */
static bool check_discarded_refs(ev *e)
{
	const item **by = NULL;
	bool *said = NULL;

	if (e->linked || !e->nisecs)
		return true;
	by = calloc(e->nisecs, sizeof(*by));
	said = calloc(e->nisecs, sizeof(*said));
	if (!by || !said) {
		free(by);
		free(said);
		return false;
	}
	for (size_t k = 0; k < e->nitems; k++)
		for (size_t j = 0;
		     is_discard(&e->items[k]) && j < e->items[k].ninputs; j++)
			by[e->items[k].inputs[j]] = &e->items[k];
	for (size_t i = 0; i < e->nisecs; i++) {
		const isec *is = &e->isecs[i];
		if (is->out < 0 || is->own || is->common ||
		    !(is->sec->flags & SHF_ALLOC) ||
		    !strcmp(is->sec->name, ".eh_frame") ||
		    !strcmp(is->sec->name, ".gcc_except_table"))
			continue;
		for (size_t t = 0; t < is->sec->ntargets; t++) {
			const image_target *g = &is->sec->targets[t];
			const isec *to = isec_of(e, is->file, g->section);
			size_t k = to ? (size_t)(to - e->isecs) : 0;
			if (!to || !by[k] || said[k])
				continue;
			said[k] = true;
			fact_text(e, LS_FACT_ERROR, by[k]->def->loc,
				  "`%s' referenced in section `%s' of %s: "
				  "defined in discarded section `%s' of %s, "
				  "which GNU ld refuses",
				  g->symbol, is->sec->name, is->file->path,
				  to->sec->name, to->file->path);
		}
	}
	free(by);
	free(said);
	return true;
}

/* A PIE with an interpreter gets PT_PHDR, which must lie in a PT_LOAD:
 * the program headers must fit on the first section's page below it
 * (`. = BASE + SIZEOF_HEADERS`).  Otherwise GNU ld refuses the link ("PHDR
 * segment not covered by LOAD segment"). */
static void check_phdr_loaded(ev *e)
{
	const ls_eval *o = e->out;
	const ls_out_section *first = NULL, *interp = NULL;
	uint64_t page = o->maxpagesize ? o->maxpagesize : 1;

	if (e->o->dynamic != LS_PIE || e->linked || !e->phnum)
		return;
	for (size_t i = 0; i < e->s->ncmds; i++)
		if (e->s->cmds[i].kind == LS_CMD_PHDRS)
			return;
	for (size_t i = 0; i < o->nsections; i++) {
		const ls_out_section *sec = &o->sections[i];
		if (!sec->alloc || !sec->lma.known || !sec->size.known ||
		    !sec->size.v)
			continue;
		if (!strcmp(sec->name, ".interp"))
			interp = sec;
		if (!first || sec->lma.v < first->lma.v)
			first = sec;
	}
	if (!interp || !first ||
	    (first->lma.v & (page - 1)) >= header_bytes(e, e->phnum))
		return;
	fact_text(
	    e, LS_FACT_ERROR, first->loc,
	    "section %s starts at 0x%" PRIx64 ", with no room below it "
	    "on its page for the program headers, which a PIE with an "
	    "interpreter loads (PT_PHDR): GNU ld refuses the link (\"PHDR "
	    "segment not covered by LOAD segment\"); start it at a page "
	    "boundary + SIZEOF_HEADERS",
	    first->name, first->lma.v);
}

/* What GNU ld does to objects that is not modelled, said once after the
 * passes: the sizes given are then not exact. */
static void note_unmodelled(ev *e)
{
	const image *first = NULL;

	for (size_t f = 0; f < e->o->ninputs; f++)
		if (e->o->inputs[f].type == ET_REL && !first)
			first = &e->o->inputs[f];
	if (first && e->o->dynamic != LS_STATIC &&
	    first->machine != EM_X86_64 && first->machine != EM_386)
		undetermined(e, (ls_loc){0}, (why){WHY_LINKED, NULL},
			     "sizes of the dynamic sections (--pie, --shared: "
			     "modelled for x86 only)");
	/* arm: an ARM b (R_ARM_JUMP24) to Thumb code gets a stub of a kind
	 * arm_stubs does not make. */
	for (size_t f = 0; first && first->machine == EM_ARM &&
			   f < e->o->ninputs;
	     f++) {
		const image *img = &e->o->inputs[f];
		size_t r = 0;
		for (; r < img->nsymrefs; r++) {
			const image_symref *x = &img->symrefs[r];
			const image_symbol *t;
			const isec *in = isec_of(e, img, x->section);
			if (x->type == R_ARM_JUMP24 && in && in->out >= 0 &&
			    !in->dup && (t = input_symbol(e, x->global)) &&
			    t->func && (t->value & 1))
				break;
		}
		if (r < img->nsymrefs) {
			undetermined(e, (ls_loc){0}, (why){WHY_LINKED, NULL},
				     "size of arm's interworking stubs (%s "
				     "branches from ARM code to Thumb code "
				     "with b, which GNU ld routes through a "
				     "stub that is not modelled)",
				     img->path);
			break;
		}
	}
	if (first && e->o->dynamic != LS_STATIC &&
	    (first->machine == EM_X86_64 || first->machine == EM_386)) {
		/* Relocations of a dynamic link need a PLT, GOT entries and
		 * dynamic relocations, which are not modelled. */
		const image *rel = NULL;
		for (size_t i = 0; i < e->nisecs && !rel; i++) {
			const isec *is = &e->isecs[i];
			if (!is->own && is->out >= 0 && is->sec->relocated &&
			    (is->sec->flags & SHF_ALLOC))
				rel = is->file;
		}
		if (rel)
			undetermined(e, (ls_loc){0}, (why){WHY_LINKED, NULL},
				     "sizes of .plt, .got and the dynamic "
				     "relocations (%s has relocations, which a "
				     "--pie or --shared link turns into them; "
				     "not modelled: the sections after them are "
				     "placed too low)",
				     rel->path);
	}
}

/* Whether expression x calls builtin id anywhere. */
static bool calls_builtin(const expr *x, builtin_id id)
{
	const builtin *b;

	if (!x)
		return false;
	if (x->kind == EXPR_CALL && (b = builtin_of(x)) && b->id == id)
		return true;
	if (calls_builtin(x->a, id) || calls_builtin(x->b, id) ||
	    calls_builtin(x->c, id))
		return true;
	for (size_t i = 0; i < x->nargs; i++)
		if (calls_builtin(x->args[i], id))
			return true;
	return false;
}

static bool item_calls(const item *it, builtin_id id)
{
	return it->kind == IT_ASSIGN &&
	       calls_builtin(it->cmd->u.assign.value.e, id);
}

/* Bytes of what an output section takes from its inputs, before the
 * layout: the merged, edited sizes. */
static uint64_t input_bytes(const ev *e, const item *it)
{
	uint64_t size = 0;

	for (size_t j = 0; j < it->ninputs; j++)
		if (!e->isecs[it->inputs[j]].excluded)
			size += e->isecs[it->inputs[j]].size;
	return size;
}

/* Whether GNU ld keeps -z relro for the link: only when a section with
 * input bytes lies between the script's DATA_SEGMENT_ALIGN and its
 * DATA_SEGMENT_RELRO_END (ldlang.c, lang_find_relro_sections). */
static bool relro_kept(const ev *e)
{
	bool inside = false;

	if (e->o->relro < 0)
		return false;
	for (size_t k = e->first; k != NONE; k = e->items[k].next) {
		const item *it = &e->items[k];
		if (!inside) {
			inside = item_calls(it, BUILTIN_DATA_SEGMENT_ALIGN);
			continue;
		}
		if (item_calls(it, BUILTIN_DATA_SEGMENT_RELRO_END))
			return false;
		if (it->kind == IT_SECTION && !is_discard(it) &&
		    input_bytes(e, it))
			return true;
	}
	return false;
}

/* GNU ld's first guess at the program headers of a link of objects,
 * before it has mapped sections to segments (elf.c,
 * get_program_header_size): two PT_LOADs, PT_GNU_RELRO when -z relro is
 * kept (relro_kept), PT_GNU_STACK when an input says how the stack is
 * mapped, PT_DYNAMIC, one PT_NOTE per run of loaded notes of one
 * alignment, and PT_TLS.  PT_INTERP, PT_PHDR and PT_GNU_PROPERTY count
 * only for a non-empty output section, and the guess is made when
 * SIZEOF_HEADERS is first evaluated, at the start of the first layout,
 * when every output section is still empty: they never count (measured
 * with GNU ld 2.40: a .note.gnu.property of 0x20 bytes, with text,
 * notes and data that fit 4 headers and also 5, gets 4). */
static unsigned guess_phdrs(const ev *e)
{
	unsigned n = 2 + relro_kept(e) + e->stack_note;
	bool last_note = false, tls = false;
	uint64_t note_align = 0;

	for (size_t k = 0; k < e->nitems; k++) {
		const item *it = &e->items[k];
		if (it->kind != IT_SECTION || is_discard(it) || !it->made)
			continue;
		n += !strcmp(e->out->sections[it->out].name, ".dynamic");
		bool note = it->type == SHT_NOTE && (it->flags & SF_LOAD);
		n += note && !(last_note && note_align == it->align);
		last_note = note;
		note_align = it->align;
		tls |= (it->flags & SF_TLS) != 0;
	}
	return n + tls;
}

/* GNU ld's RELRO adjustment, after a pass that saw DATA_SEGMENT_ALIGN
 * and DATA_SEGMENT_RELRO_END: the RELRO end rounded up to a page, the
 * sections before it (last to first) moved up as far as their alignment
 * lets them end where the next one starts, and the data segment's base
 * set to where the first of them starts.  A later pass whose RELRO end
 * passes the page aimed at goes back to the first base (lang_size_relro_
 * segment).  True when the layout is to run again. */
static bool relro_adjust(ev *e)
{
	const ls_eval *o = e->out;
	uint64_t page = e->ds.page ? e->ds.page : 1;

	if (!e->ds.relro_seen || e->ds.reverted)
		return false;
	if (e->ds.adjust) {
		if (e->ds.relro_end <= e->ds.relro_aligned)
			return false;
		e->ds.adjust = false;
		e->ds.reverted = true;
		return true;
	}
	uint64_t aligned = (e->ds.relro_end + page - 1) & -page;
	uint64_t want = aligned - e->ds.relro_offset;
	uint64_t limit = e->ds.relro_end - e->ds.relro_offset;
	for (size_t k = e->nitems; k-- > 0;) {
		const item *it = &e->items[k];
		if (it->kind != IT_SECTION || is_discard(it))
			continue;
		const ls_out_section *sec = &o->sections[it->out];
		if (!sec->alloc || !sec->vma.known || !sec->size.known)
			continue;
		if (sec->vma.v < e->ds.base || sec->vma.v >= limit)
			continue;
		uint64_t end = sec->vma.v + (sec->tls_bss ? 0 : sec->size.v);
		uint64_t align = sec->align ? sec->align : 1;
		want = (sec->vma.v + (want - end)) & -align;
	}
	if (want < e->ds.base)
		return false;
	e->ds.base = want;
	e->ds.relro_aligned = aligned;
	e->ds.adjust = true;
	return true;
}

/* Without RELRO (-z norelro, or no section in it): when the data
 * segment's first and last pages are only partly used and together fit
 * in one common page, GNU ld starts it on the page boundary instead, to
 * save a page (ldlang.c, lang_size_segment).  True when the layout is to
 * run again. */
static bool segment_adjust(ev *e)
{
	uint64_t c = e->ds.common;

	if (e->ds.page_done || !e->ds.align_seen || !e->ds.end_seen || !c ||
	    !va_is_pow2(c))
		return false;
	e->ds.page_done = true;
	uint64_t first = -e->ds.base & (c - 1), last = e->ds.end & (c - 1);
	if (!first || !last || (e->ds.base & -c) == (e->ds.end & -c) ||
	    first + last > c)
		return false;
	e->ds.page_adjust = true;
	return true;
}

static void run_pass(ev *e)
{
	reset_pass(e);
	for (size_t k = 0; k < e->nitems && !e->oom; k++) {
		item *it = &e->items[k];
		switch (it->kind) {
		case IT_ASSIGN:
			lay_assign(e, it);
			break;
		case IT_ASSERT:
			lay_assert(e, it);
			break;
		case IT_SECTION:
			if (is_discard(it))
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
			if (!vl_grow((void **)&e->out->regions, &e->cap_regions,
				  e->out->nregions, sizeof(*e->out->regions)))
				return false;
			e->out->regions[e->out->nregions++] =
			    (ls_region){m->name, m, unknown, unknown, unknown};
		}
	}
	size_t n1 = e->out->nregions + 1;
	e->region_flags = calloc(n1, sizeof(*e->region_flags));
	e->region_not = calloc(n1, sizeof(*e->region_not));
	e->last_in = calloc(n1, sizeof(*e->last_in));
	e->region_why = calloc(n1, sizeof(*e->region_why));
	if (!e->region_flags || !e->region_not || !e->last_in || !e->region_why)
		return false;
	for (size_t i = 0; i < e->out->nregions; i++)
		region_attributes(e->out->regions[i].def->attributes,
				  &e->region_flags[i], &e->region_not[i]);
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

	str_index_init(&e.names, item_name, &e);
	str_index_init(&e.sec_names, section_name, out);
	str_index_init(&e.isec_names, isec_name, &e);
	str_index_init(&e.noted, noted_what, out);
	str_index_init(&e.sym_names, script_symbol_name, out);
	str_index_init(&e.defined, defined_name, &e);
	str_index_init(&e.undefined, undefined_name, &e);
	str_index_init(&e.used, used_name, &e);
	str_index_init(&e.assigned, assigned_name, &e);
	str_index_init(&e.provided, provided_name, &e);
	str_index_init(&e.overlays, overlay_id, &e);

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
	if (!collect_regions(&e, s->cmds, s->ncmds) ||
	    !index_input_symbols(&e) ||
	    (o->defsyms &&
	     !note_names(&e, o->defsyms->cmds, o->defsyms->ncmds)) ||
	    !note_names(&e, s->cmds, s->ncmds) ||
	    (o->base && has_insert(s) &&
	     !note_names(&e, o->base->cmds, o->base->ncmds)) ||
	    !prepare(&e))
		goto oom;
	e.relro_on = relro_kept(&e);
	/* Passes until nothing changes; only the last one records facts. */
	int tries = 10, relax_trips = 64;
	for (e.pass = 0; e.pass < MAX_PASSES; e.pass++) {
		/* Objects: GNU ld starts from its guess at the program
		 * headers and lays out again with the number its segments
		 * need, up to 10 times: the first 4 times whatever the
		 * number, then only when it grows (ldelfgen.c,
		 * ldelf_map_segments).  Such a layout is one more pass. */
		if (e.pass == 0 && e.have_inputs && !e.linked)
			e.phnum = guess_phdrs(&e);
		run_pass(&e);
		if (e.oom)
			goto oom;
		/* GNU ld lays out again, which is a pass more here (with
		 * the number of the one before): while relaxation shortens
		 * code, once more for alignment padding after it, and when the
		 * program headers need another number. */
		bool again = false;
		if (e.pass > 0 && e.pass < MAX_PASSES - 1) {
			if (e.relaxed && relax_trips-- > 0)
				again = true;
			else if (!e.relaxed && e.aligns && e.relax_pass == 0) {
				e.relax_pass = 1; /* calls done: alignment */
				e.changed = again = true;
			}
		}
		e.relaxed = false;
		if (e.phnum && e.pass < MAX_PASSES - 1) {
			unsigned n = count_phdrs(&e);
			if (n && n != e.phnum && tries > 1 &&
			    (tries > 6 || n > e.phnum)) {
				e.phnum = n;
				e.changed = again = true;
				tries--;
			}
		}
		if (again && e.pass > 0)
			e.pass--;
		if (e.pass < MAX_PASSES - 1 && !e.changed &&
		    (e.relro_on && e.ds.relro_seen ? relro_adjust(&e)
						    : segment_adjust(&e)))
			e.changed = true;
		if (e.pass < MAX_PASSES - 1 && !e.changed && e.pass > 0)
			e.pass = MAX_PASSES - 2;
	}
	check_phdr_loaded(&e);
	note_unmodelled(&e);
	if (!check_discarded_refs(&e))
		goto oom;
	ok = true;
	goto done;
oom:
	if (!e.input_error)
		vl_fail(err, NULL, 0, 0, "out of memory");
done:
	for (size_t k = 0; k < e.nitems; k++)
		free(e.items[k].inputs);
	free(e.items);
	free(e.region_flags);
	free(e.region_not);
	free(e.last_in);
	free(e.region_why);
	free(e.sec_why);
	free(e.sec_pass);
	free(e.sym_why);
	free(e.sym_sec);
	str_index_free(&e.names);
	str_index_free(&e.sec_names);
	str_index_free(&e.isec_names);
	free(e.isec_next);
	for (size_t i = 0; i < e.nstub_secs; i++)
		free(e.stub_secs[i]);
	free(e.stub_secs);
	str_index_free(&e.noted);
	str_index_free(&e.sym_names);
	str_index_free(&e.defined);
	str_index_free(&e.undefined);
	str_index_free(&e.used);
	str_index_free(&e.assigned);
	str_index_free(&e.provided);
	for (size_t k = 0; k < e.overlays.n; k++)
		free(e.ov_ids[k]);
	str_index_free(&e.overlays);
	free(e.ov_ids);
	free(e.ov_secs);
	free(e.def_syms);
	free(e.def_files);
	free(e.groups);
	free(e.sec_refs);
	free(e.undef_syms);
	free(e.used_names);
	free(e.assigned_names);
	free(e.provided_names);
	for (size_t i = 0; i < e.nisecs; i++)
		lr_free(e.isecs[i].rx);
	free(e.isecs);
	free(e.commons);
	if (!ok)
		ls_eval_free(out);
	return ok;
}
