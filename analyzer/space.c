#include "space.h"

#include <elf.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ldscript/target.h"
#include "plan.h"

/* Without a layout, segments are rounded to the smallest page of every
 * platform vaslint knows. */
#define DEFAULT_PAGE 4096u

const char *sp_kind_name(sp_kind k)
{
	static const char *const names[] = {
	    [SP_REGION] = "region",
	    [SP_SEGMENT] = "segment",
	    [SP_LINKER_AREA] = "linker-area",
	    [SP_IMAGE] = "image",
	    [SP_SECTION] = "section",
	    [SP_SYMBOL] = "symbol",
	    [SP_MEMORY] = "memory region",
	    [SP_REQUEST] = "request",
	    [SP_MAPPING] = "mapping",
	    [SP_LIMIT] = "limit",
	    [SP_ASLR] = "aslr",
	    [SP_FREE] = "free",
	};
	return names[k];
}

static bool layout_ranges(space *s);

bool space_init(space *s, const layout *l)
{
	memset(s, 0, sizeof(*s));
	s->layout = l;
	s->one_space = true;
	return !l || layout_ranges(s);
}

void space_free(space *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].name);
	free(s->v);
	for (size_t i = 0; i < s->nowners; i++)
		free(s->owners[i].base_option);
	free(s->owners);
	free(s->unknowns);
	memset(s, 0, sizeof(*s));
}

static sp_owner *owner_add(space *s, sp_owner_kind kind, const char *path)
{
	if (s->nowners == s->owners_cap) {
		size_t cap = s->owners_cap ? 2 * s->owners_cap : 8;
		sp_owner *v = realloc(s->owners, cap * sizeof(*v));
		if (!v)
			return NULL;
		s->owners = v;
		s->owners_cap = cap;
	}
	sp_owner *o = &s->owners[s->nowners++];
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	o->path = path;
	o->placed = true;
	o->first = s->n;
	o->span = (va_range){0, 0};
	return o;
}

/* Append a range owned by the newest owner; name is copied.  NULL when
 * memory ran out. */
static sp_range *range_add(space *s, sp_kind kind, const char *name, va_range r,
			   src_loc origin)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		sp_range *v = realloc(s->v, cap * sizeof(*v));
		if (!v)
			return NULL;
		s->v = v;
		s->cap = cap;
	}
	char *copy = strdup(name);
	if (!copy)
		return NULL;
	sp_range *x = &s->v[s->n++];
	memset(x, 0, sizeof(*x));
	x->kind = kind;
	x->name = copy;
	x->range = r;
	x->size_known = true;
	x->origin = origin;
	x->at = origin;
	x->owner = s->nowners - 1;
	s->owners[x->owner].n++;
	return x;
}

static bool layout_ranges(space *s)
{
	const layout *l = s->layout;

	if (!owner_add(s, SP_OWN_LAYOUT, l->path))
		return false;
	for (size_t i = 0; i < l->nregions; i++) {
		const layout_region *r = &l->regions[i];
		sp_range *x;
		/* An empty region is kept in the layout but never
		 * conflicts: it is no range. */
		if (va_range_empty(r->range))
			continue;
		if (!(x = range_add(s, SP_REGION, r->name, r->range, r->loc)))
			return false;
		x->reg = r;
		s->nregions++;
	}
	return true;
}

/* ---- Images ---- */

static bool machine_matches(const layout *l, const image *img)
{
	for (size_t i = 0; i < l->nmachines; i++)
		if (l->machines[i] == img->machine &&
		    l->machine_classes[i] == img->elfclass)
			return true;
	return false;
}

/* "i386, x86_64": the layout's machines for a message; NULL when memory
 * runs out. */
static char *machine_list(const layout *l)
{
	size_t len = 1;
	char *names;

	for (size_t i = 0; i < l->nmachines; i++)
		len += strlen(l->machine_names[i]) + 2;
	if (!(names = calloc(1, len)))
		return NULL;
	for (size_t i = 0; i < l->nmachines; i++) {
		if (i)
			strcat(names, ", ");
		strcat(names, l->machine_names[i]);
	}
	return names;
}

static bool machine_mismatch(const layout *l, const image *img, vl_error *err)
{
	const char *m = layout_machine_name(img->machine, img->elfclass);
	char *names = machine_list(l);

	if (!names)
		return vl_fail(err, img->path, 0, 0, "out of memory");
	if (m)
		vl_fail(err, img->path, 0, 0,
			"machine %s does not match layout %s (%s)", m, l->name,
			names);
	else
		vl_fail(err, img->path, 0, 0,
			"machine %u (e_machine) does not match layout %s (%s)",
			img->machine, l->name, names);
	free(names);
	return false;
}

bool space_script_machine_matches(const layout *l, const ls_script *script,
				  vl_error *err)
{
	ls_target t[4];
	size_t n = l ? ls_script_targets(script, t, 4) : 0;

	for (size_t k = 0; k < n; k++) {
		bool match = false;
		for (size_t i = 0; i < l->nmachines && !match; i++)
			match = l->machines[i] == t[k].machine &&
				(!t[k].elfclass ||
				 l->machine_classes[i] == t[k].elfclass);
		if (match)
			continue;
		/* A machine the layouts have no name for (x32) goes by the
		 * script's. */
		const char *m = layout_machine_name(
		    t[k].machine, t[k].elfclass ? t[k].elfclass : ELFCLASS64);
		char *names = machine_list(l);
		if (!names)
			return vl_fail(err, t[k].loc.file, 0, 0,
				       "out of memory");
		vl_fail(err, t[k].loc.file, t[k].loc.line, t[k].loc.column,
			"%s(%s): machine %s does not match layout %s (%s)",
			t[k].keyword, t[k].name, m ? m : t[k].name, l->name,
			names);
		free(names);
		return false;
	}
	return true;
}

/* Where a segment starts when the image's first page, linked at
 * o->linked_at, lands at o->load_at; false when that passes 0 or 2^64. */
static bool segment_start(const sp_owner *o, const image_segment *seg,
			  uint64_t *start)
{
	if (seg->vaddr >= o->linked_at)
		return va_add(o->load_at, seg->vaddr - o->linked_at, start);
	return va_sub(o->load_at, o->linked_at - seg->vaddr, start);
}

/* Where every PT_LOAD lands: moved with the image's first page, rounded
 * to the base page.  An empty segment occupies nothing and does not
 * stretch the span. */
static bool place_segments(space *s, sp_owner *o, const image *img,
			   uint64_t page, vl_error *err)
{
	src_loc at = {img->path, 0, 0};
	va_range span = {UINT64_MAX, 0};
	char fl[4];

	for (size_t i = 0; i < img->nsegments; i++) {
		const image_segment *seg = &img->segments[i];
		uint64_t start, last;
		/* The reader made sure the last byte fits; the move may not. */
		if (!segment_start(o, seg, &start) && seg->vaddr < o->linked_at)
			return vl_fail(err, img->path, 0, 0,
				       "segment %zu would start below address "
				       "0 with the image's first page at "
				       "0x%" PRIx64,
				       seg->index, o->load_at);
		if (!segment_start(o, seg, &start) ||
		    !va_add(start, seg->memsz ? seg->memsz - 1 : 0, &last))
			return vl_fail(err, img->path, 0, 0,
				       "segment %zu wraps past 2^64 at load "
				       "base 0x%" PRIx64,
				       seg->index, o->base);
		/* Its last page may be the last page of the address space, as
		 * the reader allows in both ELF classes; no range ends at
		 * 2^64, so that one ends a byte short, at 2^64 - 1, where no
		 * other range can lie either. */
		last = va_align_down(last, page) + (page - 1);
		va_range r = {va_align_down(start, page),
			      last == UINT64_MAX ? last : last + 1};
		if (seg->memsz == 0)
			r.end = r.start;
		char *name = vl_strprintf("segment %zu (%s)", seg->index,
					  elfimage_flags_str(seg->flags, fl));
		sp_range *x =
		    name ? range_add(s, SP_SEGMENT, name, r, at) : NULL;
		free(name);
		if (!x)
			return vl_fail(err, img->path, 0, 0, "out of memory");
		x->seg = seg;
		if (va_range_empty(r))
			continue;
		if (r.start < span.start)
			span.start = r.start;
		if (r.end > span.end)
			span.end = r.end;
	}
	o->span = span.start > span.end ? (va_range){0, 0} : span;
	o->occupied = o->span;
	return true;
}

/* ---- Where Linux loads a position-independent image ----
 *
 * The rules of the kernel's load_elf_binary and load_elf_interp
 * (fs/binfmt_elf.c) and of ld.so's _dl_map_segments (glibc
 * elf/dl-map-segments.h); the numbers come from the layout
 * (layouts/linux-x86_64.yaml cites them). */

/* The alignment the kernel loads an image with: its largest p_align that
 * is a power of two, at least the base page (maximum_alignment). */
static uint64_t load_align(const image *img, uint64_t page)
{
	uint64_t a = page;

	for (size_t i = 0; i < img->nsegments; i++)
		if (img->segments[i].align > a)
			a = img->segments[i].align;
	return a;
}

/* The image's mapping as the kernel reserves it: from the page of its
 * first PT_LOAD in header order (which the load bias is measured from)
 * to the end of its highest segment, in whole pages (total_mapping_size
 * takes the last PT_LOAD; a sound image ends with its highest). */
static bool load_extent(const image *img, uint64_t page, uint64_t *first,
			uint64_t *size)
{
	uint64_t end = 0, e;

	*first = va_align_down(img->segments[0].vaddr, page);
	for (size_t i = 0; i < img->nsegments; i++)
		if (va_add(img->segments[i].vaddr, img->segments[i].memsz,
			   &e) &&
		    e > end)
			end = e;
	if (end <= *first)
		end = *first + 1;
	return va_align_up(end - *first, page, size);
}

/* Where a mapping of size bytes lands top-down below top: the highest
 * address aligned to *align; a file mapping at least as large as the
 * layout's file-map-align also to that (page-cache huge pages,
 * mm/huge_memory.c __thp_get_unmapped_area), which *align then says.
 * False when it does not fit. */
static bool topdown(const layout *l, uint64_t top, uint64_t size,
		    uint64_t *align, uint64_t *at)
{
	if (l->file_map_align && size >= l->file_map_align &&
	    l->file_map_align > *align)
		*align = l->file_map_align;
	if (size > top)
		return false;
	*at = va_align_down(top - size, *align);
	return true;
}

/* The rule that applies to an image. */
static sp_load_rule load_rule(const image *img)
{
	if (img->type != ET_DYN)
		return SP_LOAD_LINKED;
	/* A library that runs as a program too (libc.so.6 has PT_INTERP)
	 * is loaded as a library; a PIE has DF_1_PIE or at least no soname. */
	if (img->interp && (img->pie_flag || !img->soname))
		return SP_LOAD_PIE;
	return img->pie_flag ? SP_LOAD_STATIC_PIE : SP_LOAD_LIBRARY;
}

/* Whether the layout has the numbers for a rule. */
static bool layout_places(const layout *l, sp_load_rule rule)
{
	switch (rule) {
	case SP_LOAD_LINKED:
		return true;
	case SP_LOAD_PIE:
		return l && l->has_pie_base;
	case SP_LOAD_STATIC_PIE:
		return l && l->has_mmap_base;
	case SP_LOAD_LIBRARY:
		return l && l->has_mmap_base && l->libraries_at_mmap_base;
	}
	return false;
}

/* Where the image's first page lands for base (pie-base, mmap-base, or
 * one of their randomized values), and the alignment that took; false
 * when it does not fit below a top-down base. */
static bool load_at(const layout *l, sp_load_rule rule, uint64_t base,
		    uint64_t size, uint64_t *align, uint64_t *at)
{
	if (rule == SP_LOAD_PIE) {
		*at = va_align_down(base, *align);
		return true;
	}
	return topdown(l, base, size, align, at);
}

/* Place an ET_DYN image by its rule: o->load_at, and o->aslr, the range
 * it can land in with randomization where the layout gives it. */
static bool place_dyn(sp_owner *o, const layout *l, const image *img,
		      uint64_t page, vl_error *err)
{
	uint64_t size, lo, hi, end, align = load_align(img, page);
	bool pie = o->rule == SP_LOAD_PIE;
	uint64_t base = pie ? l->pie_base : l->mmap_base;
	const layout_aslr *aslr = pie ? &l->pie_aslr : &l->mmap_aslr;
	char sz[VA_SIZE_LEN];

	if (!load_extent(img, page, &o->linked_at, &size))
		return vl_fail(err, img->path, 0, 0,
			       "its segments reach past 2^64");
	o->load_align = align;
	/* ld.so passes a library's link address to mmap as a hint, and
	 * Linux grants a free hint (glibc 2.36 and later; earlier ones only
	 * for a program that is no PIE): one linked at 0 hints nothing. */
	if (o->rule == SP_LOAD_LIBRARY && o->linked_at) {
		o->load_at = o->linked_at;
		return true;
	}
	if (!load_at(l, o->rule, base, size, &o->load_align, &o->load_at))
		return vl_fail(err, img->path, 0, 0,
			       "the image (%s from its first segment on) "
			       "does not fit below the mmap base 0x%" PRIx64
			       " of layout %s",
			       va_size_str(size, sz), base, l->name);
	o->base = o->load_at - o->linked_at;
	if (aslr->set && load_at(l, o->rule, aslr->lowest, size, &align, &lo) &&
	    load_at(l, o->rule, aslr->highest, size, &align, &hi) &&
	    va_add(hi, size, &end) && lo <= hi) {
		o->has_aslr = true;
		o->aslr = (va_range){lo, end};
	}
	return true;
}

/* Take back the newest owner and its ranges: an input that could not be
 * added leaves nothing behind. */
static void owner_drop(space *s)
{
	sp_owner *o = &s->owners[s->nowners - 1];

	for (size_t i = o->first; i < s->n; i++)
		free(s->v[i].name);
	s->n = o->first;
	free(o->base_option);
	s->nowners--;
}

static bool add_image(space *s, const image *img, vl_error *err);

bool space_add_image(space *s, const image *img, vl_error *err)
{
	size_t owners = s->nowners;
	bool ok = add_image(s, img, err);

	if (!ok && s->nowners > owners)
		owner_drop(s);
	return ok;
}

static bool add_image(space *s, const image *img, vl_error *err)
{
	const layout *l = s->layout;
	uint64_t page = l && l->npage_sizes ? l->page_sizes[0] : DEFAULT_PAGE;

	if (l && !machine_matches(l, img))
		return machine_mismatch(l, img, err);
	sp_owner *o = owner_add(s, SP_OWN_IMAGE, img->path);
	if (!o)
		return vl_fail(err, img->path, 0, 0, "out of memory");
	o->img = img;
	o->grouped = true;
	/* A PIE that GNU ld made ET_EXEC (-pie with -Ttext-segment) is
	 * position-independent code at a fixed address: the small code
	 * model's limit is not its. */
	o->position_dependent = img->type == ET_EXEC && !img->pie_flag;
	o->rule = load_rule(img);
	o->placed = layout_places(l, o->rule);
	if (img->nsegments) {
		o->linked_at = va_align_down(img->segments[0].vaddr, page);
		o->load_at = o->linked_at;
	}
	if (o->placed && o->rule != SP_LOAD_LINKED && img->nsegments &&
	    !place_dyn(o, l, img, page, err))
		return false;
	if (!place_segments(s, o, img, page, err))
		return false;
	if (o->has_aslr) {
		char *name = vl_strprintf("%s with ASLR", img->path);
		sp_range *x = name ? range_add(s, SP_ASLR, name, o->aslr,
					       (src_loc){img->path, 0, 0})
				   : NULL;
		free(name);
		if (!x)
			return vl_fail(err, img->path, 0, 0, "out of memory");
	}
	/* A dynamically linked Genode program: the dynamic linker reserves
	 * its area from the program's link address on. */
	va_range area;
	/* The program names its dynamic linker (PT_INTERP): ld.lib.so itself
	 * has PT_DYNAMIC only, and no linker area of its own. */
	if (l && l->linker_area && img->interp && img->type == ET_EXEC &&
	    img->nsegments &&
	    va_range_from_size(o->span.start, l->linker_area, &area) &&
	    area.end > o->occupied.end) {
		o->occupied.end = area.end;
		if (!range_add(s, SP_LINKER_AREA,
			       "linker area of the dynamically linked program",
			       o->occupied, (src_loc){img->path, 0, 0}))
			return vl_fail(err, img->path, 0, 0, "out of memory");
	}
	/* What the hint proposes: a position-dependent image can be linked
	 * elsewhere, with its largest segment alignment. */
	o->hint = img->type == ET_DYN ? SP_HINT_LOAD_ELSEWHERE : SP_HINT_LINK;
	o->hint_size = va_range_size(o->occupied);
	o->hint_align = 1;
	for (size_t i = 0; i < img->nsegments; i++)
		if (img->segments[i].align > o->hint_align)
			o->hint_align = img->segments[i].align;
	return true;
}

bool space_image_extent(const image *img, const layout *l, va_range *out,
			vl_error *err)
{
	space s;
	bool ok = space_init(&s, l) && space_add_image(&s, img, err);

	if (ok)
		*out = s.owners[s.nowners - 1].occupied;
	else if (!err->msg)
		vl_fail(err, img->path, 0, 0, "out of memory");
	space_free(&s);
	return ok;
}

/* ---- Scripts ---- */

/* The PHDRS entry named name, or NULL. */
static const ls_phdr *phdr_find(const ls_script *script, const char *name)
{
	for (size_t i = 0; i < script->ncmds; i++) {
		const ls_cmd *c = &script->cmds[i];
		if (c->kind != LS_CMD_PHDRS)
			continue;
		for (size_t k = 0; k < c->u.phdrs.nphdrs; k++)
			if (!strcmp(c->u.phdrs.phdrs[k].name, name))
				return &c->u.phdrs.phdrs[k];
	}
	return NULL;
}

/* A segment the script gives no access rights (FLAGS(0)): a reservation,
 * as base-linux's stack_area.ld makes the stack area. */
static bool phdr_no_access(const ls_phdr *ph)
{
	expr_error err = {0};
	uint64_t v = 1;
	bool none = ph && ph->has_flags && ph->flags.e &&
		    expr_eval(ph->flags.e, NULL, &v, &err) == EXPR_OK &&
		    (v & 7) == 0;

	expr_error_free(&err);
	return none;
}

/* Which sections go only to segments without access rights: a section
 * without :phdr goes where the one before it went, as in GNU ld.  no[i]
 * for ev->sections[i]; false when memory ran out. */
static bool sections_no_access(const ls_script *script, const ls_eval *ev,
			       bool *no)
{
	char *const *phdrs = NULL;
	size_t nphdrs = 0;

	for (size_t i = 0; i < ev->nsections; i++) {
		const ls_output_section *def = ev->sections[i].def;
		if (def && def->nphdrs) {
			phdrs = def->phdrs;
			nphdrs = def->nphdrs;
		}
		no[i] = nphdrs > 0;
		for (size_t k = 0; k < nphdrs && no[i]; k++)
			no[i] = phdr_no_access(phdr_find(script, phdrs[k]));
	}
	return true;
}

/* The first allocated section the script places. */
static const ls_out_section *first_alloc(const ls_eval *ev)
{
	for (size_t i = 0; i < ev->nsections; i++)
		if (ev->sections[i].alloc && ev->sections[i].def)
			return &ev->sections[i];
	return NULL;
}

bool space_script_base(const ls_eval *ev, uint64_t *base, char **option)
{
	const ls_out_section *f = first_alloc(ev);

	*option = NULL;
	if (ev->has_base)
		return ev->base.known && (*base = ev->base.v, true);
	/* Genode links genode.ld, which sets no base, with -Ttext. */
	if (!f || f->addr_from != LS_ADDR_OPTION || !f->vma.known)
		return false;
	*base = f->vma.v;
	*option = !strcmp(f->name, ".text")   ? strdup("-Ttext")
		  : !strcmp(f->name, ".data") ? strdup("-Tdata")
		  : !strcmp(f->name, ".bss")
		      ? strdup("-Tbss")
		      : vl_strprintf("--section-start=%s", f->name);
	return *option != NULL;
}

bool space_script_extent(const ls_script *script, const ls_eval *ev,
			 va_range *out)
{
	bool *no = calloc(ev->nsections + 1, sizeof(*no));
	uint64_t base = 0;
	char *option = NULL;
	bool ok = no && sections_no_access(script, ev, no) &&
		  space_script_base(ev, &base, &option);

	free(option);
	if (ok)
		*out = (va_range){base, base};
	for (size_t i = 0; ok && i < ev->nsections; i++) {
		const ls_out_section *sec = &ev->sections[i];
		uint64_t end;
		/* A reservation (FLAGS(0)) is no part of the image. */
		if (!sec->alloc || no[i])
			continue;
		if (!sec->vma.known || !sec->size.known) {
			ok = false;
			break;
		}
		/* One that ends at 2^64 ends a byte short, as no end holds
		 * that. */
		bool top;
		if (!va_end_or_top(sec->vma.v, sec->tls_bss ? 0 : sec->size.v,
				   &end, &top)) {
			ok = false;
			break;
		}
		if (sec->vma.v < out->start)
			out->start = sec->vma.v;
		if (end > out->end)
			out->end = end;
	}
	free(no);
	return ok;
}

static bool same_loc(ls_loc a, ls_loc b)
{
	return a.file == b.file && a.line == b.line && a.column == b.column;
}

static src_loc loc_of(ls_loc l)
{
	return (src_loc){l.file, l.line, l.column};
}

static bool script_sections(space *s, const char *path, const ls_script *script,
			    const ls_eval *ev)
{
	bool *no = calloc(ev->nsections + 1, sizeof(*no));

	if (!no || !sections_no_access(script, ev, no)) {
		free(no);
		return false;
	}
	for (size_t i = 0; i < ev->nsections; i++) {
		const ls_out_section *sec = &ev->sections[i];
		uint64_t end;
		if (!sec->alloc || !sec->vma.known)
			continue;
		/* Ending at 2^64: a byte short, marked (no end holds 2^64). */
		bool top = false;
		bool sized = sec->size.known &&
			     va_end_or_top(sec->vma.v, sec->size.v, &end, &top);
		va_range r = {sec->vma.v, sized ? end : sec->vma.v};
		sp_range *x =
		    range_add(s, SP_SECTION, sec->name, r, loc_of(sec->loc));
		if (!x) {
			free(no);
			return false;
		}
		x->to_top = top;
		x->no_access = no[i];
		x->size_known = sized;
		x->sec = sec;
		x->has_lma = sec->lma.known;
		x->lma = sec->lma.v;
		/* What fixed its address; a section placed from the base is
		 * the image's finding, not one of its own. */
		ls_loc at = sec->addr_loc.file ? sec->addr_loc : sec->loc;
		x->at = loc_of(at);
		if (!x->at.file)
			x->at.file = path;
		/* Placed from the base, or from a base the command line
		 * gave (-Ttext and the sections that follow it). */
		x->placed_by_owner =
		    (ev->has_base && same_loc(at, ev->base_loc)) ||
		    (!ev->has_base && !sec->addr_loc.file &&
		     (sec->addr_from == LS_ADDR_OPTION ||
		      sec->addr_from == LS_ADDR_DOT));
	}
	free(no);
	return true;
}

static bool script_points(space *s, const ls_eval *ev)
{
	for (size_t i = 0; i < ev->nsymbols; i++) {
		const ls_symbol *sym = &ev->symbols[i];
		if (!sym->value.known || !sym->loc.file)
			continue;
		if (!range_add(s, SP_SYMBOL, sym->name,
			       (va_range){sym->value.v, sym->value.v},
			       loc_of(sym->loc)))
			return false;
	}
	return true;
}

static bool script_memory(space *s, size_t first, const ls_eval *ev)
{
	size_t from = s->n;

	for (size_t i = 0; i < ev->nregions; i++) {
		const ls_region *r = &ev->regions[i];
		uint64_t end;
		bool to_top;
		if (!r->origin.known || !r->length.known)
			continue;
		/* A region may end at 2^64 exactly: its last byte is the
		 * last address.  One that passes it is an error the
		 * evaluation reported, and no range. */
		if (!va_end_or_top(r->origin.v, r->length.v, &end, &to_top))
			continue;
		sp_range *x = range_add(s, SP_MEMORY, r->name,
					(va_range){r->origin.v, end},
					loc_of(r->def->loc));
		if (!x)
			return false;
		x->to_top = to_top;
	}
	/* Each section knows the MEMORY range it was put in. */
	for (size_t i = first; i < from; i++) {
		sp_range *x = &s->v[i];
		if (x->kind != SP_SECTION || !x->sec->region)
			continue;
		for (size_t k = from; k < s->n && !x->memory; k++)
			if (!strcmp(s->v[k].name, x->sec->region))
				x->memory = k + 1;
	}
	return true;
}

static bool script_unknowns(space *s, const ls_eval *ev)
{
	for (size_t i = 0; i < ev->nundetermined; i++) {
		const ls_undetermined *u = &ev->undetermined[i];
		if (s->nunknowns == s->unknowns_cap) {
			size_t cap = s->unknowns_cap ? 2 * s->unknowns_cap : 8;
			sp_unknown *v = realloc(s->unknowns, cap * sizeof(*v));
			if (!v)
				return false;
			s->unknowns = v;
			s->unknowns_cap = cap;
		}
		s->unknowns[s->nunknowns++] =
		    (sp_unknown){u->what, u->why, loc_of(u->loc)};
	}
	return true;
}

static bool add_script(space *s, const char *path, const ls_script *script,
		       const ls_eval *ev);

bool space_add_script(space *s, const char *path, const ls_script *script,
		      const ls_eval *ev)
{
	size_t owners = s->nowners;
	bool ok = add_script(s, path, script, ev);

	if (!ok && s->nowners > owners)
		owner_drop(s);
	return ok;
}

static bool add_script(space *s, const char *path, const ls_script *script,
		       const ls_eval *ev)
{
	sp_owner *o = owner_add(s, SP_OWN_SCRIPT, path);
	va_range extent;

	if (!o)
		return false;
	o->script = script;
	o->eval = ev;
	o->position_dependent = true;
	bool have_extent = space_script_extent(script, ev, &extent);
	if (have_extent) {
		o->span = o->occupied = extent;
		o->hint = SP_HINT_LINK;
		o->hint_size = va_range_size(extent);
		o->hint_align = 1;
	}
	uint64_t base;
	char *option = NULL;
	if (space_script_base(ev, &base, &option)) {
		/* A base given on the command line has no place in the
		 * script: the finding is about the script as a whole. */
		sp_range *x = range_add(
		    s, SP_IMAGE, path,
		    have_extent ? extent : (va_range){base, base},
		    option ? (src_loc){path, 0, 0} : loc_of(ev->base_loc));
		if (!x) {
			free(option);
			return false;
		}
		x->size_known = have_extent;
		o->base_option = option;
	}
	size_t first = s->n;
	return script_sections(s, path, script, ev) && script_points(s, ev) &&
	       script_memory(s, first, ev) && script_unknowns(s, ev);
}

/* ---- Requests ---- */

bool space_add_requests(space *s, const requests *rq)
{
	sp_owner *o = owner_add(s, SP_OWN_REQUESTS, NULL);

	if (!o)
		return false;
	s->requests = rq;
	for (size_t i = 0; i < rq->n; i++) {
		const request *q = &rq->v[i];
		va_range r;
		/* Unknown values are never guessed: only a request whose
		 * place is known is a range; one into a region map of the
		 * program's own is at an offset there, no address. */
		if (!q->fixed || q->at_unknown || q->size_unknown ||
		    q->in_sub || !va_range_from_size(q->at, q->size, &r))
			continue;
		sp_range *x = range_add(s, SP_REQUEST, q->name, r,
					(src_loc){q->file, q->line, q->column});
		if (!x)
			return false;
		x->req = q;
	}
	return true;
}

/* ---- Processes ---- */

bool space_add_process(space *s, const procmaps *m)
{
	sp_owner *o = owner_add(s, SP_OWN_PROCESS, m->path);

	if (!o)
		return false;
	for (size_t i = 0; i < m->n; i++) {
		const procmap *pm = &m->v[i];
		if (procmap_kernel(pm))
			continue;
		char *name = vl_strprintf(
		    "%s (%s)", pm->path[0] ? pm->path : "anonymous", pm->perms);
		sp_range *x = name ? range_add(s, SP_MAPPING, name, pm->range,
					       (src_loc){m->path, pm->line, 1})
				   : NULL;
		free(name);
		if (!x)
			return false;
		x->map = pm;
		if (va_range_empty(o->span) || pm->range.start < o->span.start)
			o->span.start = pm->range.start;
		if (pm->range.end > o->span.end)
			o->span.end = pm->range.end;
	}
	o->occupied = o->span;
	return true;
}

/* ---- Free space ---- */

bool space_add_free(space *s)
{
	const layout *l = s->layout;
	va_set free_space;
	bool ok;

	if (!l)
		return true;
	if (!owner_add(s, SP_OWN_LAYOUT, l->path))
		return false;
	/* Not a range anything occupies, but a line a non-PIE program must
	 * stay below: a point. */
	if (l->exec_limit && l->exec_limit < l->address_space.end &&
	    !range_add(s, SP_LIMIT, "exec limit of position-dependent images",
		       (va_range){l->exec_limit, l->exec_limit},
		       l->exec_limit_loc))
		return false;
	/* The layout's free space, less what the inputs occupy. */
	ok = plan_free_space(l, false, &free_space);
	for (size_t i = 0; ok && i < s->n; i++) {
		const sp_range *x = &s->v[i];
		bool occupies = x->kind == SP_LINKER_AREA ||
				x->kind == SP_SEGMENT ||
				x->kind == SP_MAPPING ||
				(x->kind == SP_SECTION && x->size_known &&
				 !x->sec->tls_bss);
		if (occupies && sp_owner_of(s, x)->placed &&
		    !va_range_empty(x->range))
			ok = va_set_remove(&free_space, x->range);
	}
	for (size_t i = 0; ok && i < free_space.n; i++)
		ok = range_add(s, SP_FREE, "free", free_space.v[i],
			       (src_loc){0}) != NULL;
	va_set_free(&free_space);
	return ok;
}
