/* What GNU ld accepts and lld does not do the same with (FACTS.md, "What
 * linkers check"): pipelines switch linkers, and a script that links with
 * one may fail with the other or, worse, link into another layout. */
#include "ldscript/portability.h"

#include <ctype.h>
#include <elf.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "rules.h"

/* Whether a symbol's value is section-relative in lld: set inside an
 * output section from '.', or from another relative value. */
typedef struct rel_symbol {
	const char *name;
	bool rel;
} rel_symbol;

typedef struct walker {
	const ls_script *s;
	vl_diags *out;
	int found;
	bool oom;
	bool quiet; /* the first pass only learns the symbols */
	rel_symbol *syms;
	size_t nsyms, capsyms;
	size_t *slots; /* index + 1 into syms, 0: empty; a power of two */
	size_t nslots;
	/* The output section before the one being walked (load addresses
	 * carry over in GNU ld, not in lld). */
	const ls_output_section *prev;
	/* The sections ADDR or LOADADDR name (first pass; sorted after it),
	 * which lld keeps even when empty (SIZEOF does not keep one). */
	const char **named;
	size_t nnamed, capnamed;
} walker;

static void warn(walker *w, ls_loc loc, unsigned line, unsigned column,
		 const char *msg)
{
	if (w->quiet)
		return;
	vl_diag *d = vl_diags_add(w->out, VL_RULE_LLD_PORTABILITY, loc.file,
				  line ? line : loc.line,
				  line ? column : loc.column, "%s", msg);
	if (!d)
		w->oom = true;
	w->found++;
}

/* The text of a number as written: hex with a K or M suffix ("0x1M") is
 * GNU ld's alone. */
static bool hex_with_suffix(const ls_script *s, const ls_loc *in, const expr *x)
{
	if (in->buf >= s->nbufs)
		return false;
	const ls_buffer *b = &s->bufs[in->buf];
	size_t i = x->loc.offset;
	if (i + 2 > b->len || b->text[i] != '0' ||
	    (b->text[i + 1] != 'x' && b->text[i + 1] != 'X'))
		return false;
	for (i += 2; i < b->len && isxdigit((unsigned char)b->text[i]); i++)
		;
	return i < b->len && strchr("KkMm", b->text[i]) &&
	       (i + 1 >= b->len || !isalnum((unsigned char)b->text[i + 1]));
}

/* GNU ld's "$" hex number ("$6000000"): lld reads a symbol name there. */
static bool dollar_number(const ls_script *s, const ls_loc *in, const expr *x)
{
	if (in->buf >= s->nbufs)
		return false;
	const ls_buffer *b = &s->bufs[in->buf];
	return x->loc.offset < b->len && b->text[x->loc.offset] == '$';
}

/* A '+' written before the operand at x ("+ SIZEOF_HEADERS", "-4 + +8"):
 * GNU ld reads a unary plus, lld 14 fails ("malformed number: +").  From
 * the operand back over blanks and '(' to a '+' that follows no operand
 * (an operator, '(', ',', '=', or the start of the text). */
static bool unary_plus_before(const ls_script *s, const ls_loc *in,
			      const expr *x)
{
	if (in->buf >= s->nbufs)
		return false;
	const ls_buffer *b = &s->bufs[in->buf];
	size_t i = x->loc.offset;
	if (i > b->len)
		return false;
	while (i > 0 && (isspace((unsigned char)b->text[i - 1]) ||
			 b->text[i - 1] == '('))
		i--;
	if (i == 0 || b->text[i - 1] != '+')
		return false;
	for (i--; i > 0 && isspace((unsigned char)b->text[i - 1]); i--)
		;
	return i == 0 || strchr("=(,+-*/%&|^!~<>?:;{", b->text[i - 1]);
}

/* ---- Section-relative values (lld's ExprValue with a section) ---- */

static size_t rel_hash(const char *name)
{
	size_t h = 5381;

	for (; *name; name++)
		h = h * 33 + (unsigned char)*name;
	return h;
}

/* The slot of name, or the empty slot where it goes. */
static size_t *rel_slot(const walker *w, const char *name)
{
	size_t mask = w->nslots - 1, i = rel_hash(name) & mask;

	while (w->slots[i] && strcmp(w->syms[w->slots[i] - 1].name, name))
		i = (i + 1) & mask;
	return &w->slots[i];
}

static rel_symbol *rel_find(walker *w, const char *name)
{
	if (!w->nslots)
		return NULL;
	size_t *slot = rel_slot(w, name);
	return *slot ? &w->syms[*slot - 1] : NULL;
}

/* Room for one more symbol, the table at most half full. */
static bool rel_grow(walker *w)
{
	if (w->nsyms == w->capsyms) {
		size_t cap = w->capsyms ? 2 * w->capsyms : 16;
		rel_symbol *v = realloc(w->syms, cap * sizeof(*v));
		if (!v)
			return false;
		w->syms = v;
		w->capsyms = cap;
	}
	if (2 * (w->nsyms + 1) <= w->nslots)
		return true;
	size_t n = w->nslots ? 2 * w->nslots : 32;
	size_t *slots = calloc(n, sizeof(*slots));
	if (!slots)
		return false;
	free(w->slots);
	w->slots = slots;
	w->nslots = n;
	for (size_t i = 0; i < w->nsyms; i++)
		*rel_slot(w, w->syms[i].name) = i + 1;
	return true;
}

static void rel_set(walker *w, const char *name, bool rel)
{
	rel_symbol *r = rel_find(w, name);

	if (!r) {
		if (!rel_grow(w)) {
			w->oom = true;
			return;
		}
		*rel_slot(w, name) = w->nsyms + 1;
		r = &w->syms[w->nsyms++];
		r->name = name;
	}
	r->rel = rel;
}

/* Whether lld computes x relative to a section: '.', ADDR(), symbols set
 * from them.  lld 14 adds, ANDs and ORs such values only when one side
 * is absolute ("at least one side of the expression must be absolute");
 * GNU ld adds their addresses.  Names the script does not set (symbols
 * of the objects, --defsym) count as absolute: no guess, no warning. */
static bool rel_expr(walker *w, const ls_expr *in, const expr *x)
{
	const builtin *b;
	rel_symbol *r;
	bool a, c;

	if (!x)
		return false;
	switch (x->kind) {
	case EXPR_NUM:
		return false;
	case EXPR_SYM:
		if (!strcmp(x->name, "."))
			return true;
		r = rel_find(w, x->name);
		return r && r->rel;
	case EXPR_UNARY:
		rel_expr(w, in, x->a);
		return false;
	case EXPR_BINARY:
		a = rel_expr(w, in, x->a);
		c = rel_expr(w, in, x->b);
		switch (x->op) {
		case '+':
		case '&':
		case '|':
			if (a && c) {
				char msg[160];
				snprintf(msg, sizeof(msg),
					 "lld refuses '%c' of two "
					 "section-relative values (symbols set "
					 "from '.', ADDR()): wrap one side in "
					 "ABSOLUTE()",
					 x->op);
				warn(w, in->loc, x->loc.line, x->loc.column,
				     msg);
			}
			return a || c;
		case '-':
			return a && !c;
		default:
			return false;
		}
	case EXPR_COND:
		rel_expr(w, in, x->a);
		a = rel_expr(w, in, x->b);
		c = rel_expr(w, in, x->c);
		return a && c;
	case EXPR_CALL:
		b = builtin_of(x);
		if (b && b->id == BUILTIN_ADDR)
			return true;
		a = false;
		for (size_t i = 0; i < x->nargs; i++)
			if (!(i < 32 && b && ((b->names >> i) & 1u)))
				a = rel_expr(w, in, x->args[i]) || a;
		/* lld: ALIGN(a) is a number, ALIGN(x, a) keeps x's
		 * section. */
		if (b && b->id == BUILTIN_ALIGN && x->nargs == 2)
			return rel_expr(w, in, x->args[0]);
		return false;
	}
	return false;
}

static const char *assign_op_text(ls_assign_op op)
{
	switch (op) {
	case LS_ASSIGN_SHL:
		return "<<";
	case LS_ASSIGN_SHR:
		return ">>";
	case LS_ASSIGN_SUB:
		return "-";
	case LS_ASSIGN_MUL:
		return "*";
	case LS_ASSIGN_DIV:
		return "/";
	case LS_ASSIGN_AND:
		return "&";
	case LS_ASSIGN_OR:
		return "|";
	default:
		return "+";
	}
}

/* name op= value at loc: what lld makes of the symbol, and lld 14 reads
 * only '=' and '+=' ("malformed number" for the others). */
static void walk_assign(walker *w, const ls_assign *a, ls_loc loc)
{
	bool rel = rel_expr(w, &a->value, a->value.e);

	if (strcmp(a->name, "."))
		rel_set(w, a->name, rel);
	if (a->op != LS_ASSIGN_SET && a->op != LS_ASSIGN_ADD) {
		const char *op = assign_op_text(a->op);
		char *msg = vl_strprintf(
		    "lld 14 rejects '%s=' (it reads only '=' and '+='): write "
		    "%.*s = %.*s %s (...)",
		    op, 40, a->name, 40, a->name, op);
		if (!msg) {
			w->oom = true;
			return;
		}
		warn(w, loc, 0, 0, msg);
		free(msg);
	}
}

static bool has_phdrs(const ls_script *s)
{
	for (size_t i = 0; i < s->ncmds; i++)
		if (s->cmds[i].kind == LS_CMD_PHDRS)
			return true;
	return false;
}

static void walk_expr(walker *w, const ls_expr *in, const expr *x)
{
	const builtin *b;

	if (!x)
		return;
	if (x->kind != EXPR_BINARY && x->kind != EXPR_COND &&
	    unary_plus_before(w->s, &in->loc, x))
		warn(w, in->loc, x->loc.line, x->loc.column,
		     "lld 14 rejects a unary '+' (\"malformed number: +\"): "
		     "leave it out");
	switch (x->kind) {
	case EXPR_NUM:
		if (hex_with_suffix(w->s, &in->loc, x))
			warn(w, in->loc, x->loc.line, x->loc.column,
			     "lld rejects a hex number with a size suffix: "
			     "write it out (0x1M is 0x100000)");
		if (dollar_number(w->s, &in->loc, x)) {
			char msg[96];

			snprintf(msg, sizeof(msg),
				 "lld reads a $ number as a symbol name "
				 "and fails: write 0x%" PRIx64,
				 x->num);
			warn(w, in->loc, x->loc.line, x->loc.column, msg);
		}
		break;
	case EXPR_SYM:
		break;
	case EXPR_UNARY:
		walk_expr(w, in, x->a);
		break;
	case EXPR_BINARY:
		walk_expr(w, in, x->a);
		walk_expr(w, in, x->b);
		break;
	case EXPR_COND:
		walk_expr(w, in, x->a);
		walk_expr(w, in, x->b);
		walk_expr(w, in, x->c);
		break;
	case EXPR_CALL:
		b = builtin_of(x);
		if (b && (b->id == BUILTIN_NEXT || b->id == BUILTIN_BLOCK))
			warn(w, in->loc, x->loc.line, x->loc.column,
			     b->id == BUILTIN_NEXT
				 ? "lld rejects NEXT(): use ALIGN()"
				 : "lld rejects BLOCK(): use ALIGN()");
		if (b && w->quiet &&
		    (b->id == BUILTIN_ADDR || b->id == BUILTIN_LOADADDR) &&
		    x->nargs && x->args[0]->kind == EXPR_SYM) {
			if (w->nnamed == w->capnamed) {
				size_t cap = w->capnamed ? 2 * w->capnamed : 16;
				const char **v =
				    realloc(w->named, cap * sizeof(*v));
				if (!v) {
					w->oom = true;
					break;
				}
				w->named = v;
				w->capnamed = cap;
			}
			w->named[w->nnamed++] = x->args[0]->name;
		}
		if (b && b->id == BUILTIN_SIZEOF_HEADERS && !has_phdrs(w->s))
			warn(w, in->loc, x->loc.line, x->loc.column,
			     "SIZEOF_HEADERS counts the program headers the "
			     "linker makes, and lld makes others than GNU ld "
			     "(PT_PHDR, a PT_LOAD for each set of permissions, "
			     "PT_GNU_STACK): what follows starts at another "
			     "address under lld; with PHDRS both count the "
			     "same");
		if (b && b->id == BUILTIN_SEGMENT_START)
			warn(w, in->loc, x->loc.line, x->loc.column,
			     "lld ignores the segment name of SEGMENT_START "
			     "and always takes its default, so "
			     "-Ttext-segment and --image-base do not move "
			     "this image under lld");
		for (size_t i = 0; i < x->nargs; i++)
			walk_expr(w, in, x->args[i]);
		break;
	}
}

static void walk_ls_expr(walker *w, const ls_expr *x)
{
	walk_expr(w, x, x->e);
}

/* Where x reads '.', or NULL. */
static const expr *reads_dot(const expr *x)
{
	const expr *d = NULL;

	if (!x)
		return NULL;
	switch (x->kind) {
	case EXPR_SYM:
		return !strcmp(x->name, ".") ? x : NULL;
	case EXPR_UNARY:
		return reads_dot(x->a);
	case EXPR_BINARY:
		return (d = reads_dot(x->a)) ? d : reads_dot(x->b);
	case EXPR_COND:
		if ((d = reads_dot(x->a)) || (d = reads_dot(x->b)))
			return d;
		return reads_dot(x->c);
	case EXPR_CALL:
		for (size_t i = 0; i < x->nargs && !d; i++)
			d = reads_dot(x->args[i]);
		return d;
	default:
		return NULL;
	}
}

/* ---- What the whole script says ---- */

/* The name at loc was written in quotes. */
static bool quoted(const ls_script *s, const ls_loc *loc)
{
	if (loc->buf >= s->nbufs)
		return false;
	const ls_buffer *b = &s->bufs[loc->buf];
	return loc->offset < b->len && b->text[loc->offset] == '"';
}

/* Calls fn on every output section, overlay members included. */
static bool any_section(const ls_cmd *cmds, size_t n,
			bool (*fn)(const ls_output_section *, char *const *,
				   size_t, const void *),
			const void *arg)
{
	for (size_t i = 0; i < n; i++) {
		const ls_cmd *c = &cmds[i];
		if (c->kind == LS_CMD_SECTIONS &&
		    any_section(c->u.sections.cmds, c->u.sections.ncmds, fn,
				arg))
			return true;
		if (c->kind == LS_CMD_OUTPUT_SECTION &&
		    fn(c->u.section, c->u.section->phdrs, c->u.section->nphdrs,
		       arg))
			return true;
		if (c->kind == LS_CMD_OVERLAY)
			for (size_t k = 0; k < c->u.overlay->nsections; k++)
				if (fn(&c->u.overlay->sections[k],
				       c->u.overlay->phdrs,
				       c->u.overlay->nphdrs, arg))
					return true;
	}
	return false;
}

static bool names_phdr(const ls_output_section *sec, char *const *ov,
		       size_t nov, const void *arg)
{
	const char *name = arg;

	for (size_t i = 0; i < sec->nphdrs; i++)
		if (!name || !strcmp(sec->phdrs[i], name))
			return true;
	for (size_t i = 0; i < nov; i++)
		if (!name || !strcmp(ov[i], name))
			return true;
	return false;
}

/* INPUT(name) or GROUP(name) loads the file for either linker. */
static bool named_input(const ls_script *s, const char *name)
{
	for (size_t i = 0; i < s->ncmds; i++) {
		const ls_cmd *c = &s->cmds[i];
		if (c->kind != LS_CMD_NAMED || (strcmp(c->keyword, "INPUT") &&
						strcmp(c->keyword, "GROUP")))
			continue;
		for (size_t k = 0; k < c->nargs; k++)
			if (!strcmp(c->args[k], name))
				return true;
	}
	return false;
}

static const ls_memory_region *region_of(const ls_cmd *cmds, size_t n,
					 const char *name)
{
	for (size_t i = 0; i < n; i++) {
		if (cmds[i].kind != LS_CMD_MEMORY)
			continue;
		for (size_t r = 0; r < cmds[i].u.memory.nregions; r++)
			if (!strcmp(cmds[i].u.memory.regions[r].name, name))
				return &cmds[i].u.memory.regions[r];
	}
	return NULL;
}

/* lld keeps the quotes of a quoted MEMORY name ("memory region '"ram"'
 * not declared"), GNU ld drops them: a use quoted otherwise than the
 * declaration names another region in lld. */
static void check_region_use(walker *w, const char *name, const ls_loc *use)
{
	const ls_memory_region *m;

	if (!name || !(m = region_of(w->s->cmds, w->s->ncmds, name)) ||
	    quoted(w->s, &m->loc) == quoted(w->s, use))
		return;
	char *msg = vl_strprintf(
	    "lld keeps the quotes of a quoted memory region name, so "
	    "\"%.*s\" and %.*s are two regions there: write the name "
	    "without quotes in MEMORY and here",
	    40, name, 40, name);
	if (!msg) {
		w->oom = true;
		return;
	}
	warn(w, *use, 0, 0, msg);
	free(msg);
}

/* The synthetic sections lld never discards, in the order it names
 * them. */
static const char *discards_synthetic(const ls_input *in)
{
	static const char *const keep[] = {".shstrtab", ".symtab", ".strtab"};

	if (!in->file_glob || fnmatch(in->file_glob, "x.o", 0) != 0)
		return NULL;
	for (size_t k = 0; k < sizeof(keep) / sizeof(keep[0]); k++)
		for (size_t i = 0; i < in->npatterns; i++)
			if (in->patterns[i].glob &&
			    fnmatch(in->patterns[i].glob, keep[k], 0) == 0)
				return keep[k];
	return NULL;
}

/* A file name without wildcards that the script does not INPUT: GNU ld
 * opens and links that file when no input has the name; lld matches
 * inputs only.  Archive members ("libc.a:x.o") are matched in both. */
static bool file_by_name(const ls_script *s, const char *glob)
{
	/* SORT(CONSTRUCTORS) is no file. */
	return glob && !strpbrk(glob, "*?[:") &&
	       strcmp(glob, "CONSTRUCTORS") != 0 && !named_input(s, glob);
}

/* Only assignments, '.' among them: GNU ld makes the section NOBITS, lld
 * PROGBITS with the flags of the section before. */
static bool dot_only(const ls_output_section *sec)
{
	bool dot = false;

	if (sec->type != LS_TYPE_DEFAULT || !sec->ncmds ||
	    !strcmp(sec->name, "/DISCARD/"))
		return false;
	for (size_t i = 0; i < sec->ncmds; i++) {
		if (sec->cmds[i].kind != LS_SC_ASSIGN)
			return false;
		dot = dot || !strcmp(sec->cmds[i].u.assign.name, ".");
	}
	return dot;
}

static void walk_input(walker *w, const ls_output_section *sec,
		       const ls_sec_cmd *c)
{
	const ls_input *in = &c->u.input;
	const char *kept = NULL;
	char *msg = NULL;

	if (!strcmp(sec->name, "/DISCARD/"))
		kept = discards_synthetic(in);
	if (kept)
		msg = vl_strprintf(
		    "lld refuses to discard %s, which this pattern matches "
		    "(\"discarding %s section is not allowed\"): name the "
		    "sections to discard (*(.comment) *(.note.*) ...)",
		    kept, kept);
	else if (file_by_name(w->s, in->file_glob))
		msg = vl_strprintf(
		    "GNU ld opens %.*s itself when no input file has that "
		    "name, lld then matches nothing: if the command line does "
		    "not name it, add INPUT(%.*s)",
		    60, in->file_glob, 60, in->file_glob);
	else
		return;
	if (!msg) {
		w->oom = true;
		return;
	}
	warn(w, c->loc, 0, 0, msg);
	free(msg);
}

/* Whether an input pattern names sections that have contents: not bss
 * by name (.bss*, .sbss*, .tbss*, COMMON), which are NOBITS. */
static bool input_with_contents(const ls_input *in)
{
	static const char *const nobits[] = {".bss", ".sbss", ".tbss"};

	for (size_t p = 0; p < in->npatterns; p++) {
		const char *g = in->patterns[p].glob;
		bool bss = !strcmp(g, "COMMON");
		for (size_t k = 0; k < sizeof(nobits) / sizeof(nobits[0]); k++)
			bss |= !strncmp(g, nobits[k], strlen(nobits[k]));
		if (!bss)
			return true;
	}
	return false;
}

/* COPY, INFO, OVERLAY, DSECT: not allocated in both linkers, but GNU ld
 * takes only SHF_ALLOC off the inputs, so the next free address moves
 * past what has contents; lld leaves it where it was. */
static void check_unallocated_type(walker *w, const ls_output_section *sec)
{
	static const char *const names[] = {
	    [LS_TYPE_COPY] = "COPY", [LS_TYPE_INFO] = "INFO",
	    [LS_TYPE_OVERLAY] = "OVERLAY", [LS_TYPE_DSECT] = "DSECT"};

	if (sec->type != LS_TYPE_COPY && sec->type != LS_TYPE_INFO &&
	    sec->type != LS_TYPE_OVERLAY && sec->type != LS_TYPE_DSECT)
		return;
	for (size_t i = 0; i < sec->ncmds; i++)
		if (sec->cmds[i].kind == LS_SC_INPUT &&
		    input_with_contents(&sec->cmds[i].u.input)) {
			char *msg = vl_strprintf(
			    "%.*s (%s) is not allocated, but GNU ld moves the "
			    "next free address past its inputs that have "
			    "contents and lld does not: give the section after "
			    "it an address of its own",
			    40, sec->name, names[sec->type]);
			if (!msg)
				w->oom = true;
			else
				warn(w, sec->loc, 0, 0, msg);
			free(msg);
			return;
		}
}

/* A section with no load address of its own after one with AT or AT>
 * in the same run region: GNU ld loads it at the same distance from
 * where it runs as that one (after it in the load region), lld where it
 * runs, so its contents are not in the load region under lld.  Not for
 * bss by name, which loads nothing either way. */
static void check_load_carry(walker *w, const ls_output_section *sec)
{
	const ls_output_section *p = w->prev;

	w->prev = sec;
	if (!p || sec->has_at || sec->lma_region || sec->has_address ||
	    !sec->region || !p->region || strcmp(sec->region, p->region) ||
	    !(p->has_at || p->lma_region) || sec->type == LS_TYPE_NOLOAD)
		return;
	bool contents = false;
	for (size_t i = 0; i < sec->ncmds && !contents; i++)
		contents = sec->cmds[i].kind == LS_SC_DATA ||
			   (sec->cmds[i].kind == LS_SC_INPUT &&
			    input_with_contents(&sec->cmds[i].u.input));
	char *msg =
	    contents
		? vl_strprintf(
		      "%.*s has no load address of its own: GNU ld loads it "
		      "after %.*s (%s), lld where it runs in %.*s, so its "
		      "contents are not in the load region there; give it "
		      "the same %s",
		      40, sec->name, 40, p->name,
		      p->lma_region ? "AT>" : "AT()", 40, sec->region,
		      p->lma_region ? "AT> region" : "AT() load address")
		: vl_strprintf(
		      "%.*s has no load address of its own: GNU ld gives it "
		      "one after %.*s (%s), lld its run address in %.*s; "
		      "nothing of it is loaded, but LOADADDR(%.*s) and the "
		      "physical address of its program header differ",
		      40, sec->name, 40, p->name,
		      p->lma_region ? "AT>" : "AT()", 40, sec->region, 40,
		      sec->name);
	if (!msg)
		w->oom = true;
	else
		warn(w, sec->loc, 0, 0, msg);
	free(msg);
}

static void walk_section(walker *w, const ls_output_section *sec)
{
	if (sec->has_address)
		walk_ls_expr(w, &sec->address);
	if (sec->has_at)
		walk_ls_expr(w, &sec->at);
	if (sec->has_align)
		walk_ls_expr(w, &sec->align);
	if (sec->type == LS_TYPE_READONLY)
		warn(w, sec->loc, 0, 0,
		     "lld rejects the READONLY section type");
	if (sec->align_with_input)
		warn(w, sec->loc, 0, 0, "lld rejects ALIGN_WITH_INPUT");
	if (sec->has_address && sec->has_align)
		warn(w, sec->align.loc, 0, 0,
		     "with an address of its own, GNU ld still aligns the "
		     "section as ALIGN() says, lld takes the address as "
		     "written (and only warns): write the alignment into the "
		     "address, ALIGN(address, n)");
	check_load_carry(w, sec);
	check_region_use(w, sec->region, &sec->region_loc);
	check_region_use(w, sec->lma_region, &sec->lma_region_loc);
	check_unallocated_type(w, sec);
	if (dot_only(sec)) {
		char *msg = vl_strprintf(
		    "%.*s holds only a move of '.': GNU ld makes it NOBITS, "
		    "lld PROGBITS (its bytes in the file, with the flags of "
		    "the section before): declare it %.*s (NOLOAD)",
		    40, sec->name, 40, sec->name);
		if (!msg)
			w->oom = true;
		else
			warn(w, sec->loc, 0, 0, msg);
		free(msg);
	}
	for (size_t i = 0; i < sec->ncmds; i++) {
		const ls_sec_cmd *c = &sec->cmds[i];
		switch (c->kind) {
		case LS_SC_ASSIGN:
			walk_assign(w, &c->u.assign, c->loc);
			walk_ls_expr(w, &c->u.assign.value);
			break;
		case LS_SC_DATA: {
			if (c->u.data.is_signed)
				warn(w, c->loc, 0, 0,
				     "lld silently drops SQUAD: the section "
				     "is 8 bytes shorter there; use QUAD");
			const expr *dot = reads_dot(c->u.data.value.e);
			if (dot)
				warn(w, c->u.data.value.loc, dot->loc.line,
				     dot->loc.column,
				     "lld 14 cannot read '.' in a data "
				     "command (\"unable to get location "
				     "counter value\"): set a symbol to '.' "
				     "before it and use that");
			walk_ls_expr(w, &c->u.data.value);
			break;
		}
		case LS_SC_ASCIZ:
			warn(w, c->loc, 0, 0,
			     "lld silently drops ASCIZ: the string is missing "
			     "there; use BYTE() for each character");
			break;
		case LS_SC_KEYWORD:
			if (!strcmp(c->u.keyword, "LINKER_VERSION"))
				warn(w, c->loc, 0, 0,
				     "lld silently drops LINKER_VERSION");
			else if (!strcmp(c->u.keyword, "CREATE_OBJECT_SYMBOLS"))
				warn(w, c->loc, 0, 0,
				     "lld silently drops "
				     "CREATE_OBJECT_SYMBOLS");
			break;
		case LS_SC_FILL:
			walk_ls_expr(w, &c->u.fill);
			break;
		case LS_SC_ASSERT:
			walk_ls_expr(w, &c->u.assert_.cond);
			break;
		case LS_SC_INPUT:
			walk_input(w, sec, c);
			break;
		}
	}
}

/* A PT_LOAD entry that no section names: GNU ld emits it empty, lld
 * drops it.  (Without any :phdr the sections go by other rules.) */
static void walk_phdrs(walker *w, const ls_cmd *c)
{
	if (!any_section(w->s->cmds, w->s->ncmds, names_phdr, NULL))
		return;
	for (size_t i = 0; i < c->u.phdrs.nphdrs; i++) {
		const ls_phdr *ph = &c->u.phdrs.phdrs[i];
		uint64_t type;
		if (ph->filehdr || ph->phdrs ||
		    expr_eval(ph->type.e, NULL, &type, NULL) != EXPR_OK ||
		    type != PT_LOAD ||
		    any_section(w->s->cmds, w->s->ncmds, names_phdr, ph->name))
			continue;
		char *msg = vl_strprintf(
		    "no section is in segment %.*s: GNU ld emits an empty "
		    "PT_LOAD for it, lld none; remove it from PHDRS",
		    40, ph->name);
		if (!msg) {
			w->oom = true;
			return;
		}
		warn(w, ph->loc, 0, 0, msg);
		free(msg);
	}
}

static void walk_cmds(walker *w, const ls_cmd *cmds, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const ls_cmd *c = &cmds[i];
		switch (c->kind) {
		case LS_CMD_ASSIGN:
			walk_assign(w, &c->u.assign, c->loc);
			walk_ls_expr(w, &c->u.assign.value);
			break;
		case LS_CMD_ASSERT:
			walk_ls_expr(w, &c->u.assert_.cond);
			break;
		case LS_CMD_OUTPUT_SECTION:
			walk_section(w, c->u.section);
			break;
		case LS_CMD_OVERLAY:
			if (c->u.overlay->nocrossrefs)
				warn(w, c->loc, 0, 0,
				     "lld 14 rejects NOCROSSREFS in OVERLAY: "
				     "remove it for lld, which checks no "
				     "cross references");
			/* lld 14 reads "OVERLAY start : AT(lma) {" only
			 * ("malformed number: :", "AT expected"). */
			if (!c->u.overlay->has_start || !c->u.overlay->has_at)
				warn(w, c->loc, 0, 0,
				     !c->u.overlay->has_start
					 ? "lld 14 rejects an OVERLAY without "
					   "a start address: write OVERLAY "
					   "start : AT(lma) { ... }"
					 : "lld 14 rejects an OVERLAY without "
					   "AT(...): write OVERLAY start : "
					   "AT(lma) { ... }");
			if (c->u.overlay->has_start)
				walk_ls_expr(w, &c->u.overlay->start);
			for (size_t k = 0; k < c->u.overlay->nsections; k++)
				walk_section(w, &c->u.overlay->sections[k]);
			break;
		case LS_CMD_SECTIONS:
			walk_cmds(w, c->u.sections.cmds, c->u.sections.ncmds);
			break;
		case LS_CMD_MEMORY:
			for (size_t r = 0; r < c->u.memory.nregions; r++) {
				const ls_memory_region *m =
				    &c->u.memory.regions[r];
				walk_ls_expr(w, &m->origin);
				walk_ls_expr(w, &m->length);
				if (m->attributes &&
				    strpbrk(m->attributes, "iIlL"))
					warn(w, m->attributes_loc, 0, 0,
					     "lld rejects the MEMORY "
					     "attributes i and l");
				if (m->length_without_comma)
					warn(
					    w, m->length.loc, 0, 0,
					    "lld rejects LENGTH without a ',' "
					    "after ORIGIN: write ORIGIN = ..., "
					    "LENGTH = ...");
				if (r > 0 && strpbrk(m->name, "-+*/%&|^!~<>?")) {
					char *msg = vl_strprintf(
					    "lld 14 reads %.*s as an expression "
					    "after the LENGTH before it (\": "
					    "expected, but got ...\"): name "
					    "the region without '-'",
					    40, m->name);
					if (!msg)
						w->oom = true;
					else
						warn(w, m->loc, 0, 0, msg);
					free(msg);
				}
				if (m->comma_after)
					warn(w, m->comma_loc, 0, 0,
					     "lld rejects a ',' between MEMORY "
					     "regions: put each region on a "
					     "line of its own, without the "
					     "comma");
			}
			break;
		case LS_CMD_NAMED:
			if (!strcmp(c->keyword, "LD_FEATURE"))
				warn(w, c->loc, 0, 0, "lld rejects LD_FEATURE");
			else if (!strcmp(c->keyword, "STARTUP"))
				warn(w, c->loc, 0, 0,
				     "lld rejects STARTUP: name the file first "
				     "on the command line or in INPUT");
			else if (!strcmp(c->keyword, "NOCROSSREFS") ||
				 !strcmp(c->keyword, "NOCROSSREFS_TO"))
				warn(w, c->loc, 0, 0,
				     !strcmp(c->keyword, "NOCROSSREFS")
					 ? "lld 14 rejects NOCROSSREFS: remove "
					   "it for lld, which checks no cross "
					   "references"
					 : "lld 14 rejects NOCROSSREFS_TO: "
					   "remove it for lld, which checks no "
					   "cross references");
			break;
		case LS_CMD_PHDRS:
			walk_phdrs(w, c);
			break;
		case LS_CMD_INSERT:
			warn(
			    w, c->loc, 0, 0,
			    "INSERT puts this script into the linker's default "
			    "script, and the defaults differ: GNU ld starts "
			    "the image at 0x400000 on x86-64 and page-aligns "
			    "each segment, lld at 0x200000 and packs them; "
			    "give the base to both (-Ttext-segment for GNU "
			    "ld, --image-base for lld)");
			break;
		default:
			break;
		}
	}
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether x reads a symbol (lld's expressionsUseSymbols). */
static bool reads_symbol(const expr *x)
{
	if (!x)
		return false;
	switch (x->kind) {
	case EXPR_SYM:
		return strcmp(x->name, ".") != 0;
	case EXPR_UNARY:
		return reads_symbol(x->a);
	case EXPR_BINARY:
		return reads_symbol(x->a) || reads_symbol(x->b);
	case EXPR_COND:
		return reads_symbol(x->a) || reads_symbol(x->b) ||
		       reads_symbol(x->c);
	default:
		return false;
	}
}

/* Why lld keeps an output section that ends up empty, or NULL
 * (LinkerScript.cpp, isDiscardable; each measured with lld 14): ADDR or
 * LOADADDR names it (SIZEOF does not keep it), its address or load
 * address reads a symbol, or it has a command other than input
 * descriptions (a PROVIDE nothing uses aside). */
static const char *lld_keeps(const walker *w, const ls_output_section *sec)
{
	if (w->nnamed && bsearch(&sec->name, w->named, w->nnamed,
				 sizeof(*w->named), str_cmp))
		return "named in ADDR or LOADADDR";
	if ((sec->has_address && reads_symbol(sec->address.e)) ||
	    (sec->has_at && reads_symbol(sec->at.e)))
		return "its address reads a symbol";
	for (size_t i = 0; i < sec->ncmds; i++) {
		const ls_sec_cmd *c = &sec->cmds[i];
		if (c->kind == LS_SC_INPUT ||
		    (c->kind == LS_SC_ASSIGN && c->u.assign.provide))
			continue;
		return "it sets symbols";
	}
	return NULL;
}

/* Up to four section names for a message, ", " between, and a mark for
 * more. */
typedef struct name_list {
	char text[160];
	size_t n;
} name_list;

static void name_list_add(name_list *l, const char *name)
{
	size_t used = strlen(l->text);

	if (l->n < 4 && used + strlen(name) + 3 < sizeof(l->text))
		snprintf(l->text + used, sizeof(l->text) - used, "%s%s",
			 l->n ? ", " : "", name);
	l->n++;
}

static const char *name_list_more(const name_list *l)
{
	return l->n > 4 ? ", ..." : "";
}

/* lld's order for sections it places itself (getSectionRank, lld 14):
 * read-only data, code, writable data, writable bss. */
static int lld_rank(const ls_out_section *sec)
{
	if (!sec->writable)
		return sec->code ? 1 : 0;
	return sec->load ? 2 : 3;
}

static int by_address(const void *a, const void *b)
{
	const ls_out_section *x = *(const ls_out_section *const *)a;
	const ls_out_section *y = *(const ls_out_section *const *)b;

	return x->vma.v < y->vma.v ? -1 : x->vma.v > y->vma.v;
}

/* Allocated output sections the script does not name (orphans): GNU ld
 * puts each after the last section of its kind, lld where its order
 * (lld_rank) puts it: read-only data before code, code before data.
 * Where GNU ld's place breaks that order around an orphan (Genode's
 * linker.ld names no section: GNU ld lays .text before .rodata, lld
 * 14 .rodata first), the orphan lands elsewhere under lld.  One
 * warning for all, at the first (at the script when the first follows
 * no section of it). */
static void check_orphans(walker *w, const ls_eval *ev, const char *path)
{
	const ls_out_section **v, *first = NULL;
	name_list moved = {0};
	size_t n = 0;

	if (!ev->nsections)
		return;
	if (!(v = malloc(ev->nsections * sizeof(*v)))) {
		w->oom = true;
		return;
	}
	for (size_t i = 0; i < ev->nsections; i++) {
		const ls_out_section *sec = &ev->sections[i];
		if (sec->alloc && sec->vma.known && sec->size.known &&
		    sec->size.v)
			v[n++] = sec;
	}
	qsort(v, n, sizeof(*v), by_address);
	for (size_t i = 0; i < n; i++) {
		if (v[i]->def)
			continue;
		int r = lld_rank(v[i]);
		if ((i == 0 || lld_rank(v[i - 1]) <= r) &&
		    (i + 1 == n || r <= lld_rank(v[i + 1])))
			continue;
		if (!first)
			first = v[i];
		name_list_add(&moved, v[i]->name);
	}
	free(v);
	if (!moved.n)
		return;
	char *msg = vl_strprintf(
	    "the script does not place %s%s: GNU ld puts an orphan after the "
	    "last section of its kind, lld orders what it places itself "
	    "(read-only data, code, data, bss), so %s elsewhere under lld; "
	    "name %s in the script",
	    moved.text, name_list_more(&moved),
	    moved.n == 1 ? "it lands" : "they land",
	    moved.n == 1 ? "it" : "them");
	if (!msg) {
		w->oom = true;
		return;
	}
	warn(w, first->loc.file ? first->loc : (ls_loc){.file = path}, 0, 0,
	     msg);
	free(msg);
}

/* Output sections GNU ld drops from the link because nothing went in,
 * which lld keeps (0 bytes at an address of their own, and a segment
 * may reach to them): known from a layout with inputs. */
static void check_empty_kept(walker *w, const ls_eval *ev)
{
	const ls_out_section *first = NULL;
	const char *why = NULL;
	name_list kept = {0};

	if (w->nnamed > 1)
		qsort(w->named, w->nnamed, sizeof(*w->named), str_cmp);
	for (size_t i = 0; i < ev->nsections; i++) {
		const ls_out_section *sec = &ev->sections[i];
		const char *r;
		/* Kept at the next free address, 0 bytes: nothing moves
		 * unless its address or alignment is its own. */
		if (!sec->def || sec->alloc || !sec->size.known || sec->size.v ||
		    !strcmp(sec->name, "/DISCARD/") ||
		    sec->def->type != LS_TYPE_DEFAULT ||
		    !(sec->def->has_address || sec->def->has_align) ||
		    !(r = lld_keeps(w, sec->def)))
			continue;
		if (!first) {
			first = sec;
			why = r;
		}
		name_list_add(&kept, sec->name);
	}
	if (!kept.n)
		return;
	char *msg = vl_strprintf(
	    "GNU ld leaves out %s%s, which nothing goes into; lld keeps %s "
	    "(%s%s), 0 bytes at the address or alignment the script gives, "
	    "so what follows may move and a segment reach further",
	    kept.text, name_list_more(&kept), kept.n == 1 ? "it" : "them",
	    why, kept.n > 1 ? ", ..." : "");
	if (!msg) {
		w->oom = true;
		return;
	}
	warn(w, first->loc, 0, 0, msg);
	free(msg);
}

/* A dynamic object's own sections: lld sizes them otherwise than GNU
 * ld, so what follows them moves. */
static void check_dynamic(walker *w, const ls_eval *ev)
{
	if (!ev->dynamic_in || ev->dynamic_in > ev->nsections)
		return;
	warn(w, ev->sections[ev->dynamic_in - 1].loc, 0, 0,
	     "the sections GNU ld makes for the dynamic linker (--shared, "
	     "--pie) are not the size lld makes them: lld gives .hash one "
	     "bucket per symbol, does not share a name's tail in .dynstr, "
	     "and leaves no spare entries in .dynamic, so the sections "
	     "after them are placed otherwise");
}

int ls_portability_link(const ls_script *s, const ls_eval *ev,
			const char *path, vl_diags *out)
{
	walker w = {.s = s, .out = out, .quiet = true};

	/* Symbols may be used before the line that sets them: the first
	 * pass learns them, the second warns. */
	walk_cmds(&w, s->cmds, s->ncmds);
	w.quiet = false;
	w.prev = NULL;
	walk_cmds(&w, s->cmds, s->ncmds);
	if (ev && !w.oom)
		check_empty_kept(&w, ev);
	if (ev && !w.oom)
		check_orphans(&w, ev, path);
	if (ev && !w.oom)
		check_dynamic(&w, ev);
	free(w.syms);
	free(w.slots);
	free(w.named);
	return w.oom ? -1 : w.found;
}

int ls_portability(const ls_script *s, vl_diags *out)
{
	return ls_portability_link(s, NULL, NULL, out);
}
