#include "check.h"

#include <elf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cost.h"
#include "plan.h"

/* ---- The driver ---- */

int check_run_rule(const space *s, vl_rule_id id, vl_diags *out)
{
	return vl_rules[id].check ? vl_rules[id].check(s, out) : 0;
}

int check_run(const space *s, vl_diags *out)
{
	vl_rule_id order[VL_NRULES];
	int total = 0;

	/* The rows in finding order (insertion sort: the table is short). */
	for (size_t i = 0; i < VL_NRULES; i++) {
		size_t k = i;
		for (;
		     k > 0 && vl_rules[order[k - 1]].order > vl_rules[i].order;
		     k--)
			order[k] = order[k - 1];
		order[k] = (vl_rule_id)i;
	}
	for (size_t i = 0; i < VL_NRULES; i++) {
		int n = check_run_rule(s, order[i], out);
		if (n < 0)
			return -1;
		total += n;
	}
	return total;
}

/* ---- Where an image could go instead ---- */

/* What the user can do about a conflict: the lowest link address at which
 * the whole image (and its linker area) is legal, at the largest page
 * alignment that has one, as `vaslint fix` places images, so the hint and
 * the fix agree and the image maps with the largest pages it can.  Where
 * none exists the hint names the span it looked for room for, which is
 * what to question when segments lie far apart. */
static char *legal_hint(const layout *l, va_range span, uint64_t align,
			bool *none)
{
	uint64_t addr, size = va_range_size(span);
	char h[VA_HEX_LEN], h2[VA_HEX_LEN], sz[VA_SIZE_LEN], al[VA_SIZE_LEN];

	*none = !plan_link_address(l, size, align, &addr, &align);
	if (!*none)
		return vl_strprintf(
		    "; the lowest legal link address aligned to %s is %s",
		    va_size_str(align, al), va_hex(addr, h));
	return vl_strprintf("; no legal link address exists in layout %s for "
			    "an image spanning [%s, %s) (%s)",
			    l->name, va_hex(span.start, h),
			    va_hex(span.end, h2), va_size_str(size, sz));
}

char *check_legal_hint(const layout *l, va_range span, uint64_t align)
{
	bool none;

	return legal_hint(l, span, align, &none);
}

/* Where an image's segments are copied (p_paddr), when that differs from
 * where they run: a boot loader's view, which can be far more compact
 * than the run addresses (u-boot's 16-bit reset code runs at 0xf800 and
 * sits at 0xfffff800, at the end of the ROM). */
static bool paddr_span(const image *img, uint64_t page, va_range *out)
{
	bool differs = false;
	uint64_t end;

	*out = (va_range){UINT64_MAX, 0};
	for (size_t i = 0; i < img->nsegments; i++) {
		const image_segment *seg = &img->segments[i];
		if (!seg->memsz)
			continue;
		if (seg->paddr != seg->vaddr && seg->paddr)
			differs = true;
		if (!va_add(seg->paddr, seg->memsz, &end) ||
		    !va_align_up(end, page, &end))
			return false;
		if (va_align_down(seg->paddr, page) < out->start)
			out->start = va_align_down(seg->paddr, page);
		if (end > out->end)
			out->end = end;
	}
	return differs;
}

static char *owner_hint(const space *s, const sp_owner *o)
{
	char *hint, *more;
	char a[VA_HEX_LEN], b[VA_HEX_LEN], sz[VA_SIZE_LEN];
	uint64_t addr, align;
	va_range p;
	bool none;

	switch (o->hint) {
	case SP_HINT_LINK:
		hint = legal_hint(s->layout,
				  (va_range){o->occupied.start,
					     o->occupied.start + o->hint_size},
				  o->hint_align, &none);
		/* A base from the command line is changed there: say the
		 * option's new value (a Genode build's LD_TEXT_ADDR). */
		if (hint && !none && o->base_option &&
		    plan_link_address(s->layout, o->hint_size, o->hint_align,
				      &addr, &align)) {
			more = vl_strprintf(
			    "%s: link with %s=%s%s", hint, o->base_option,
			    va_hex(addr, a),
			    !strncmp(s->layout->name, "genode-", 7)
				? " (LD_TEXT_ADDR in a Genode build)"
				: "");
			free(hint);
			return more;
		}
		/* Where no place fits its run addresses, say how compact the
		 * image is where a boot loader puts it. */
		if (!hint || !none || !o->img ||
		    !paddr_span(o->img, s->layout->page_sizes[0], &p))
			return hint;
		more = vl_strprintf("%s; by p_paddr, where it is loaded, the "
				    "image spans [%s, %s) (%s)",
				    hint, va_hex(p.start, a), va_hex(p.end, b),
				    va_size_str(va_range_size(p), sz));
		free(hint);
		return more;
	case SP_HINT_LOAD_ELSEWHERE:
		return strdup("; load it elsewhere or shrink the region");
	case SP_HINT_NONE:
		break;
	}
	return strdup("");
}

/* ---- Units: what one finding is about ---- */

/* A range whose placement the checks look at: one its owner placed (an
 * image that lands somewhere known), and not one placed by the owner's
 * image (a section placed from the script's base is the image's finding). */
static bool placement_range(const space *s, const sp_range *x)
{
	if (!sp_owner_of(s, x)->placed || x->placed_by_owner)
		return false;
	return x->kind == SP_SEGMENT || x->kind == SP_IMAGE ||
	       x->kind == SP_SECTION || x->kind == SP_REQUEST ||
	       x->kind == SP_MAPPING;
}

/* A range that fills a region the program provides itself (layout key
 * provided-by: program): inside it, and a segment without access rights
 * (base-linux's stack area), or a process's reservation or anonymous
 * memory there (a VMM's guest shadow). */
static bool fills(const sp_range *x, const layout_region *reg)
{
	if (!reg->provided_by_program ||
	    !va_range_contains(reg->range, x->range))
		return false;
	if (x->kind == SP_SEGMENT)
		return (x->seg->flags & (PF_R | PF_W | PF_X)) == 0;
	if (x->kind == SP_SECTION)
		return x->no_access;
	if (x->kind == SP_MAPPING)
		return procmap_no_access(x->map) || procmap_anonymous(x->map);
	return false;
}

/* The range a check probes: one whose size is not known is checked at its
 * start. */
static va_range probe(const sp_range *x)
{
	if (x->size_known)
		return x->range;
	return (va_range){x->range.start,
			  x->range.start + (x->range.start < UINT64_MAX)};
}

/* The ranges one finding names: an owner that groups (an image) is one
 * unit, "segments 0 (R--), 1 (R-X)"; any other range is a unit of its
 * own, "section .text". */
typedef struct unit {
	const sp_range *first; /* the first range picked */
	char *label;	       /* for the message */
	char *name;	       /* for the finding's object */
	const char *kind;
	va_range range; /* lowest start to highest end of what was picked */
	size_t count;
	bool oom;
} unit;

static void unit_free(unit *u)
{
	free(u->label);
	free(u->name);
	memset(u, 0, sizeof(*u));
}

/* A unit names this many ranges; an image with 65,534 segments in one
 * region is one finding with a name of bounded length. */
#define UNIT_NAMES 16

static void unit_add(unit *u, const sp_range *x)
{
	va_range r = probe(x);

	if (u->oom)
		return;
	if (!u->count) {
		u->first = x;
		u->range = r;
		u->kind = sp_kind_name(x->kind);
		u->name = strdup(x->name);
		/* A segment's name says what it is; anything else is named
		 * with its kind. */
		u->label = x->kind == SP_SEGMENT || x->kind == SP_LINKER_AREA
			       ? strdup(x->name)
			       : vl_strprintf("%s %s", u->kind, x->name);
	} else {
		/* "segment 1 (R-X)" becomes "segments 1 (R-X), 2 (RW-)"; past
		 * UNIT_NAMES names the rest are counted (unit_done). */
		const char *rest = x->name + strlen("segment ");
		char *more = u->count == 1 ? vl_strprintf("segments %s, %s",
							  u->name + 8, rest)
			     : u->count < UNIT_NAMES
				 ? vl_strprintf("%s, %s", u->name, rest)
				 : strdup(u->name);
		free(u->name);
		free(u->label);
		u->name = more;
		u->label = more ? strdup(more) : NULL;
		u->kind = "segments";
		if (r.start < u->range.start)
			u->range.start = r.start;
		if (r.end > u->range.end)
			u->range.end = r.end;
	}
	u->oom = !u->name || !u->label;
	u->count++;
}

/* The name complete: the ranges past UNIT_NAMES counted. */
static void unit_done(unit *u)
{
	if (u->oom || u->count <= UNIT_NAMES)
		return;
	char *more =
	    vl_strprintf("%s and %zu more", u->name, u->count - UNIT_NAMES);
	free(u->name);
	free(u->label);
	u->name = more;
	u->label = more ? strdup(more) : NULL;
	u->oom = !u->name || !u->label;
}

/* Units in order: calls fn for every unit of placement ranges that pick
 * selects (pick NULL: all); fn returns findings or -1.  An owner that
 * groups hands all its picked ranges to fn as one unit. */
typedef bool (*unit_pick)(const space *s, const sp_range *x, const void *arg);
typedef int (*unit_fn)(const space *s, const unit *u, const void *arg,
		       vl_diags *out);

static int owner_units(const space *s, size_t from, size_t to, unit_pick pick,
		       unit_fn fn, const void *arg, vl_diags *out)
{
	int found = 0;

	for (size_t o = from; o < to; o++) {
		const sp_owner *ow = &s->owners[o];
		unit u = {0};
		for (size_t i = ow->first; i < ow->first + ow->n; i++) {
			const sp_range *x = &s->v[i];
			if (!placement_range(s, x) ||
			    (pick && !pick(s, x, arg)))
				continue;
			unit_add(&u, x);
			if (ow->grouped)
				continue;
			unit_done(&u);
			int n = u.oom ? -1 : fn(s, &u, arg, out);
			unit_free(&u);
			if (n < 0)
				return -1;
			found += n;
		}
		if (u.count) {
			unit_done(&u);
			int n = u.oom ? -1 : fn(s, &u, arg, out);
			unit_free(&u);
			if (n < 0)
				return -1;
			found += n;
		}
	}
	return found;
}

static int for_units(const space *s, unit_pick pick, unit_fn fn,
		     const void *arg, vl_diags *out)
{
	return owner_units(s, 0, s->nowners, pick, fn, arg, out);
}

/* A finding about a unit: its object, and the layout line that set the
 * limit or region it hits (SARIF's related location). */
static int unit_finding(vl_diag *d, const unit *u, src_loc key)
{
	if (!d || !vl_diag_set_object(d, u->kind, u->name, u->range) ||
	    (key.file &&
	     !vl_diag_set_related(d, key.file, key.line, key.column)))
		return -1;
	return 1;
}

static vl_diag *unit_diag(vl_diags *out, const vl_rule *rule, const unit *u,
			  const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static vl_diag *unit_diag(vl_diags *out, const vl_rule *rule, const unit *u,
			  const char *fmt, ...)
{
	src_loc at = u->first->at;
	va_list ap;

	va_start(ap, fmt);
	vl_diag *d =
	    vl_diags_vadd(out, rule, at.file, at.line, at.column, fmt, ap);
	va_end(ap);
	return d;
}

/* ---- outside-address-space ---- */

static bool not_inside(const space *s, const sp_range *x, const void *arg)
{
	(void)s;
	return !va_range_empty(probe(x)) &&
	       !va_range_contains(*(const va_range *)arg, probe(x));
}

static bool partly_inside(const unit *u, va_range space_r, const space *s)
{
	const sp_owner *o = sp_owner_of(s, u->first);

	/* A unit of one range; a grouped owner is one unit, looked at once. */
	if (!o->grouped)
		return va_range_overlaps(space_r, probe(u->first));
	for (size_t i = o->first; i < o->first + o->n; i++)
		if (placement_range(s, &s->v[i]) &&
		    not_inside(s, &s->v[i], &space_r) &&
		    va_range_overlaps(space_r, probe(&s->v[i])))
			return true;
	return false;
}

static int outside_one(const space *s, const unit *u, const void *arg,
		       vl_diags *out)
{
	const layout *l = s->layout;
	char r1[VA_HEX_LEN], r2[VA_HEX_LEN], r3[VA_HEX_LEN], r4[VA_HEX_LEN];

	(void)arg;
	return unit_finding(
	    unit_diag(out, VL_RULE_OUTSIDE_ADDRESS_SPACE, u,
		      "%s [%s, %s) %s %s the address space [%s, %s) of "
		      "layout %s",
		      u->label, va_hex(u->range.start, r1),
		      va_hex(u->range.end, r2), u->count == 1 ? "lies" : "lie",
		      partly_inside(u, l->address_space, s) ? "partly outside"
							    : "outside",
		      va_hex(l->address_space.start, r3),
		      va_hex(l->address_space.end, r4), l->name),
	    u, l->address_space_loc);
}

/* A position-dependent range inside the address space but above the
 * layout's exec limit: the link would fail or the program crash. */
static bool above_exec_limit(const space *s, const sp_range *x, const void *arg)
{
	va_range exec = layout_exec_space(s->layout);

	(void)arg;
	return sp_owner_of(s, x)->position_dependent &&
	       va_range_contains(s->layout->address_space, probe(x)) &&
	       not_inside(s, x, &exec);
}

static int exec_limit_one(const space *s, const unit *u, const void *arg,
			  vl_diags *out)
{
	const layout *l = s->layout;
	char r1[VA_HEX_LEN], r2[VA_HEX_LEN], r3[VA_HEX_LEN];
	bool program = sp_owner_of(s, u->first)->grouped;
	/* Starting below the limit, it crosses it. */
	bool crosses = u->range.start < l->exec_limit;
	const char *verb = crosses
			       ? (u->count == 1 ? "crosses" : "cross")
			       : (u->count == 1 ? "lies above" : "lie above");

	(void)arg;
	return unit_finding(
	    unit_diag(out, VL_RULE_OUTSIDE_ADDRESS_SPACE, u,
		      "%s [%s, %s) %s%s the exec limit %s of layout %s: %s",
		      u->label, va_hex(u->range.start, r1),
		      va_hex(u->range.end, r2),
		      program ? "of a position-dependent program " : "", verb,
		      va_hex(l->exec_limit, r3), l->name, l->exec_limit_why),
	    u, l->exec_limit_loc);
}

/* Only where nothing of the owner (the whole image, for one that groups;
 * the range itself otherwise) lies outside the address space: that is what
 * to tell it about then.  arg: per owner, whether any of its placement
 * ranges lies outside. */
static bool exec_pick(const space *s, const sp_range *x, const void *arg)
{
	const bool *outside = arg;
	bool out = sp_owner_of(s, x)->grouped
		       ? outside[x->owner]
		       : not_inside(s, x, &s->layout->address_space);

	return s->layout->exec_limit && !out && above_exec_limit(s, x, NULL);
}

int check_address_space(const space *s, vl_diags *out)
{
	bool *outside;
	int a, b = -1;

	if (!s->layout)
		return 0;
	if (!(outside = calloc(s->nowners + 1, sizeof(*outside))))
		return -1;
	for (size_t i = 0; i < s->n; i++)
		if (placement_range(s, &s->v[i]) &&
		    not_inside(s, &s->v[i], &s->layout->address_space))
			outside[s->v[i].owner] = true;
	a = for_units(s, not_inside, outside_one, &s->layout->address_space,
		      out);
	if (a >= 0)
		b = for_units(s, exec_pick, exec_limit_one, outside, out);
	free(outside);
	return a < 0 || b < 0 ? -1 : a + b;
}

/* ---- reserved-overlap ---- */

typedef struct region_arg {
	const sp_range *region;
	const char *hint;
} region_arg;

static bool overlaps_region(const space *s, const sp_range *x, const void *arg)
{
	const sp_range *reg = ((const region_arg *)arg)->region;

	(void)s;
	return va_range_overlaps(probe(x), reg->range) && !fills(x, reg->reg);
}

static int reserved_one(const space *s, const unit *u, const void *arg,
			vl_diags *out)
{
	const region_arg *ra = arg;
	const layout_region *reg = ra->region->reg;
	char r1[VA_HEX_LEN], r2[VA_HEX_LEN], r3[VA_HEX_LEN], r4[VA_HEX_LEN];
	vl_diag *d;

	(void)s;
	if (u->first->size_known)
		d = unit_diag(out, VL_RULE_RESERVED_OVERLAP, u,
			      "%s [%s, %s) %s %s [%s, %s): %s%s", u->label,
			      va_hex(u->range.start, r1),
			      va_hex(u->range.end, r2),
			      u->count > 1 ? "overlap" : "overlaps", reg->name,
			      va_hex(reg->range.start, r3),
			      va_hex(reg->range.end, r4), reg->why, ra->hint);
	else
		d = unit_diag(out, VL_RULE_RESERVED_OVERLAP, u,
			      "%s starts at %s, inside %s [%s, %s): %s%s",
			      u->label, va_hex(u->range.start, r1), reg->name,
			      va_hex(reg->range.start, r3),
			      va_hex(reg->range.end, r4), reg->why, ra->hint);
	if (unit_finding(d, u, reg->loc) < 0 ||
	    !vl_diag_set_region(d, reg->name, reg->range))
		return -1;
	return 1;
}

/* The dynamic linker's area of a grouped owner counts only where none of
 * the owner's own ranges already explains the conflict. */
static int linker_area_one(const space *s, const sp_owner *o,
			   const region_arg *ra, vl_diags *out)
{
	for (size_t i = o->first; i < o->first + o->n; i++) {
		const sp_range *x = &s->v[i];
		if (placement_range(s, x) && overlaps_region(s, x, ra))
			return 0;
	}
	for (size_t i = o->first; i < o->first + o->n; i++) {
		const sp_range *x = &s->v[i];
		unit u = {0};
		if (x->kind != SP_LINKER_AREA ||
		    !va_range_overlaps(x->range, ra->region->range))
			continue;
		unit_add(&u, x);
		int n = u.oom ? -1 : reserved_one(s, &u, ra, out);
		unit_free(&u);
		return n;
	}
	return 0;
}

/* One owner against every region, the hint computed once per owner. */
static int reserved_owner(const space *s, size_t o, vl_diags *out)
{
	const sp_owner *ow = &s->owners[o];
	int found = 0, n;

	if (!ow->placed || ow->kind == SP_OWN_LAYOUT)
		return 0;
	char *hint = owner_hint(s, ow);
	if (!hint)
		return -1;
	for (size_t k = 0; k < s->nregions; k++) {
		region_arg ra = {&s->v[k], hint};
		n = owner_units(s, o, o + 1, overlaps_region, reserved_one, &ra,
				out);
		if (n == 0 && ow->grouped)
			n = linker_area_one(s, ow, &ra, out);
		if (n < 0) {
			free(hint);
			return -1;
		}
		found += n;
	}
	free(hint);
	return found;
}

int check_reserved_overlap(const space *s, vl_diags *out)
{
	int found = 0;

	if (!s->layout)
		return 0;
	for (size_t o = 0; o < s->nowners; o++) {
		int n = reserved_owner(s, o, out);
		if (n < 0)
			return -1;
		found += n;
	}
	return found;
}

/* ---- near-reserved ---- */

/* The range ends at or below the region's start (an overlap is
 * reserved-overlap's), and the largest page that holds its last byte also
 * holds the region's first: it cannot grow, and that page cannot be mapped
 * large. */
static bool ends_near(const space *s, const sp_range *x, const void *arg)
{
	const sp_range *reg = ((const region_arg *)arg)->region;
	uint64_t big = s->layout->page_sizes[s->layout->npage_sizes - 1];
	va_range r = x->range;

	/* A running process's mapping is no link that could grow. */
	if (!x->size_known || va_range_empty(r) || r.end > reg->range.start ||
	    x->kind == SP_MAPPING)
		return false;
	return reg->range.start - r.end < big &&
	       va_align_down(r.end - 1, big) ==
		   va_align_down(reg->range.start, big);
}

static int near_one(const space *s, const unit *u, const void *arg,
		    vl_diags *out)
{
	const region_arg *ra = arg;
	const layout_region *reg = ra->region->reg;
	const layout *l = s->layout;
	char r1[VA_HEX_LEN], r2[VA_HEX_LEN], r3[VA_HEX_LEN], r4[VA_HEX_LEN],
	    gap[VA_SIZE_LEN], big[VA_SIZE_LEN];

	uint64_t space_left = reg->range.start - u->range.end;
	char *where =
	    space_left
		? vl_strprintf("%s %s below", u->count > 1 ? "end" : "ends",
			       va_size_str(space_left, gap))
		: vl_strprintf("%s where", u->count > 1 ? "end" : "ends");
	if (!where)
		return -1;
	vl_diag *d = unit_diag(
	    out, VL_RULE_NEAR_RESERVED, u,
	    "%s [%s, %s) %s %s [%s, %s)%s, inside the same %s page: it "
	    "cannot grow, and that page cannot be mapped large",
	    u->label, va_hex(u->range.start, r1), va_hex(u->range.end, r2),
	    where, reg->name, va_hex(reg->range.start, r3),
	    va_hex(reg->range.end, r4), space_left ? "" : " starts",
	    va_size_str(l->page_sizes[l->npage_sizes - 1], big));
	free(where);
	if (unit_finding(d, u, reg->loc) < 0 ||
	    !vl_diag_set_region(d, reg->name, reg->range))
		return -1;
	return 1;
}

int check_near_reserved(const space *s, vl_diags *out)
{
	int found = 0;

	if (!s->layout || !s->layout->npage_sizes)
		return 0;
	for (size_t k = 0; k < s->nregions; k++) {
		region_arg ra = {&s->v[k], ""};
		int n = for_units(s, ends_near, near_one, &ra, out);
		if (n < 0)
			return -1;
		found += n;
	}
	return found;
}

/* ---- Images ---- */

static bool set_segment_object(vl_diag *d, const sp_range *x)
{
	return vl_diag_set_object(d, "segment", x->name, x->range);
}

int check_segment_congruence(const space *s, vl_diags *out)
{
	int found = 0;

	for (size_t i = 0; i < s->n; i++) {
		const sp_range *x = &s->v[i];
		const image_segment *seg = x->seg;
		/* An empty PT_LOAD maps nothing (GNU ld writes one for an
		 * unused PHDR): no loader looks at its offset. */
		if (x->kind != SP_SEGMENT || !seg->memsz || seg->align <= 1 ||
		    (seg->vaddr & (seg->align - 1)) ==
			(seg->offset & (seg->align - 1)))
			continue;
		vl_diag *d = vl_diags_add(
		    out, VL_RULE_SEGMENT_CONGRUENCE, x->at.file, 0, 0,
		    "%s: p_vaddr 0x%" PRIx64 " and p_offset 0x%" PRIx64
		    " differ modulo p_align 0x%" PRIx64 " (0x%" PRIx64
		    " vs 0x%" PRIx64 ")",
		    x->name, seg->vaddr, seg->offset, seg->align,
		    seg->vaddr & (seg->align - 1),
		    seg->offset & (seg->align - 1));
		if (!d || !vl_diag_set_object(
			      d, "segment", x->name,
			      (va_range){seg->vaddr, seg->vaddr + seg->memsz}))
			return -1;
		found++;
	}
	return found;
}

/* At most this many overlapping pairs are reported per image: a crafted
 * image with thousands of identical segments must not cost n^2 findings. */
#define MAX_OVERLAP_FINDINGS 16

static int range_start_cmp(const void *pa, const void *pb)
{
	const sp_range *a = *(const sp_range *const *)pa;
	const sp_range *b = *(const sp_range *const *)pb;

	if (a->range.start != b->range.start)
		return a->range.start < b->range.start ? -1 : 1;
	return a < b ? -1 : a > b;
}

static int overlap_pair(const sp_range *a, const sp_range *b, vl_diags *out)
{
	char r1[VA_HEX_LEN], r2[VA_HEX_LEN], r3[VA_HEX_LEN], r4[VA_HEX_LEN];
	const image_segment *sa = a->seg, *sb = b->seg;
	/* Overlapping bytes are always wrong; sharing only a page gives the
	 * page one set of rights, which may be intended on a tiny image. */
	bool bytes =
	    va_range_overlaps((va_range){sa->vaddr, sa->vaddr + sa->memsz},
			      (va_range){sb->vaddr, sb->vaddr + sb->memsz});
	vl_diag *d = vl_diags_add(
	    out, VL_RULE_SEGMENT_OVERLAP, a->at.file, 0, 0,
	    "%s [%s, %s) and %s [%s, %s) %s", a->name,
	    va_hex(a->range.start, r1), va_hex(a->range.end, r2), b->name,
	    va_hex(b->range.start, r3), va_hex(b->range.end, r4),
	    bytes ? "overlap"
		  : "share a page (the loader maps the page once, with one "
		    "set of rights)");

	if (!d || !set_segment_object(d, b))
		return -1;
	if (!bytes)
		d->severity = VL_WARNING;
	return 1;
}

static int segment_overlap_owner(const space *s, const sp_owner *o,
				 vl_diags *out)
{
	const sp_range **ord = calloc(o->n ? o->n : 1, sizeof(*ord));
	size_t n = 0;
	int found = 0;

	if (!ord)
		return -1;
	for (size_t i = o->first; i < o->first + o->n; i++)
		if (s->v[i].kind == SP_SEGMENT)
			ord[n++] = &s->v[i];
	/* In address order each segment need only be compared with those
	 * that start before it ends. */
	qsort(ord, n, sizeof(*ord), range_start_cmp);
	for (size_t x = 0; x < n && found < MAX_OVERLAP_FINDINGS; x++)
		for (size_t y = x + 1; y < n && found < MAX_OVERLAP_FINDINGS &&
				       ord[y]->range.start < ord[x]->range.end;
		     y++) {
			const sp_range *a = ord[x] < ord[y] ? ord[x] : ord[y];
			const sp_range *b = ord[x] < ord[y] ? ord[y] : ord[x];
			if (!va_range_overlaps(a->range, b->range))
				continue;
			if (overlap_pair(a, b, out) < 0) {
				free(ord);
				return -1;
			}
			found++;
		}
	free(ord);
	return found;
}

int check_segment_overlap(const space *s, vl_diags *out)
{
	int found = 0;

	for (size_t o = 0; o < s->nowners; o++) {
		if (s->owners[o].kind != SP_OWN_IMAGE)
			continue;
		int n = segment_overlap_owner(s, &s->owners[o], out);
		if (n < 0)
			return -1;
		found += n;
	}
	return found;
}

/* What kind of position-independent image an owner is, for its note. */
static const char *kind_of(const sp_owner *o)
{
	switch (o->rule) {
	case SP_LOAD_PIE:
		return "position-independent executable (ET_DYN with "
		       "PT_INTERP)";
	case SP_LOAD_STATIC_PIE:
		return "static-pie (ET_DYN with DF_1_PIE, without PT_INTERP)";
	case SP_LOAD_LIBRARY:
		return o->img->interp
			   ? "shared library (ET_DYN with DT_SONAME; its "
			     "PT_INTERP only lets it run as a program too)"
			   : "shared library (ET_DYN without PT_INTERP or "
			     "DF_1_PIE)";
	case SP_LOAD_LINKED:
		break;
	}
	return "position-independent image (ET_DYN)";
}

/* Which layout key would have placed it. */
static const char *missing_key(sp_load_rule rule)
{
	switch (rule) {
	case SP_LOAD_PIE:
		return "gives no load base (pie-base)";
	case SP_LOAD_STATIC_PIE:
		return "gives no mmap base (mmap-base)";
	case SP_LOAD_LIBRARY:
		return "does not say where the dynamic linker puts shared "
		       "libraries (shared-libraries)";
	case SP_LOAD_LINKED:
		break;
	}
	return "";
}

/* The note on a placed image: where it was checked and by which rule
 * (README, Images), what its link address counts for, and where it can
 * land with randomization. */
static vl_diag *placed_note(const space *s, const sp_owner *o, vl_diags *out)
{
	const layout *l = s->layout;
	char at[VA_HEX_LEN], base[VA_HEX_LEN], lnk[VA_HEX_LEN], a1[VA_HEX_LEN],
	    a2[VA_HEX_LEN], al[VA_SIZE_LEN];
	char *where, *aligned, *linked, *aslr;
	vl_diag *d = NULL;

	va_hex(o->load_at, at);
	aligned = o->load_align > l->page_sizes[0]
		      ? vl_strprintf(", aligned to %s",
				     va_size_str(o->load_align, al))
		      : strdup("");
	switch (o->rule) {
	case SP_LOAD_PIE:
		where = vl_strprintf(
		    "checked at %s, where Linux puts a PIE with an "
		    "interpreter (ELF_ET_DYN_BASE: pie-base %s of layout "
		    "%s%s)",
		    at, va_hex(l->pie_base, base), l->name,
		    aligned ? aligned : "");
		break;
	case SP_LOAD_STATIC_PIE:
		where = vl_strprintf(
		    "checked at %s, where Linux puts a static-pie near the "
		    "mmap base (top-down below mmap-base %s of layout %s%s)",
		    at, va_hex(l->mmap_base, base), l->name,
		    aligned ? aligned : "");
		break;
	default:
		if (o->linked_at) {
			where = vl_strprintf(
			    "ld.so asks for its link address as the place to "
			    "map it (glibc elf/dl-map-segments.h), and Linux "
			    "gives it where that range is free: checked at %s",
			    at);
			break;
		}
		where = vl_strprintf(
		    "ld.so puts it near the mmap base; checked at %s, "
		    "top-down below mmap-base %s of layout %s%s, as if it "
		    "were mapped first (ld.so, the vDSO and the libraries "
		    "loaded before it push it lower)",
		    at, va_hex(l->mmap_base, base), l->name,
		    aligned ? aligned : "");
	}
	/* A PIE linked elsewhere is moved all the same. */
	linked = o->linked_at && o->rule != SP_LOAD_LIBRARY
		     ? vl_strprintf("; its link address %s does not count",
				    va_hex(o->linked_at, lnk))
		     : strdup("");
	/* A library lies below whatever ld.so mapped first, so only the
	 * base it lies below is certain. */
	if (!o->has_aslr)
		aslr = strdup("");
	else if (o->rule == SP_LOAD_LIBRARY)
		aslr =
		    vl_strprintf("; with ASLR the mmap base it lies below is "
				 "anywhere from %s to %s",
				 va_hex(l->mmap_aslr.lowest, a1),
				 va_hex(l->mmap_aslr.highest, a2));
	else
		aslr = vl_strprintf("; with ASLR it lands anywhere in [%s, %s)",
				    va_hex(o->aslr.start, a1),
				    va_hex(o->aslr.end, a2));
	if (where && linked && aslr)
		d = vl_diags_add(out, VL_RULE_POSITION_INDEPENDENT, o->path, 0,
				 0, "%s: %s%s%s", kind_of(o), where, linked,
				 aslr);
	free(aligned);
	free(where);
	free(linked);
	free(aslr);
	return d;
}

int check_position_independent(const space *s, vl_diags *out)
{
	const layout *l = s->layout;
	int found = 0;

	for (size_t o = 0; o < s->nowners; o++) {
		const sp_owner *ow = &s->owners[o];
		vl_diag *d;
		if (ow->kind != SP_OWN_IMAGE || ow->img->type != ET_DYN)
			continue;
		if (ow->placed)
			d = placed_note(s, ow, out);
		else if (l)
			d = vl_diags_add(
			    out, VL_RULE_POSITION_INDEPENDENT, ow->path, 0, 0,
			    "%s: layout %s %s, so only the image's own "
			    "segments were checked, not where it lands",
			    kind_of(ow), l->name, missing_key(ow->rule));
		else
			d = vl_diags_add(
			    out, VL_RULE_POSITION_INDEPENDENT, ow->path, 0, 0,
			    "position-independent image (ET_DYN): without a "
			    "layout (-L) only its own segments were checked, "
			    "not where it lands");
		if (!d)
			return -1;
		found++;
	}
	return found;
}

/* ---- elf-conformance ---- */

/* What breaks the ELF specification where Linux does not look: a section
 * header table cut off by the end of the file (no loader reads it), a
 * p_align that is no power of two (the kernel skips it).  The program
 * runs; other tools (debuggers, strip, eu-elflint) may refuse the file. */
int check_elf_conformance(const space *s, vl_diags *out)
{
	int found = 0;

	for (size_t o = 0; o < s->nowners; o++) {
		const sp_owner *ow = &s->owners[o];
		if (ow->kind != SP_OWN_IMAGE)
			continue;
		const image *img = ow->img;
		if (img->shdr_damage) {
			if (!vl_diags_add(
				out, VL_RULE_ELF_CONFORMANCE, ow->path, 0, 0,
				"%s; no loader reads section headers, "
				"so the program still loads, but "
				"tools that read sections (gdb, "
				"strip, objcopy) may refuse it",
				img->shdr_damage))
				return -1;
			found++;
		}
		for (size_t i = 0; i < img->nsegments; i++) {
			const image_segment *seg = &img->segments[i];
			if (seg->p_align <= 1 || va_is_pow2(seg->p_align))
				continue;
			if (!vl_diags_add(out, VL_RULE_ELF_CONFORMANCE,
					  ow->path, 0, 0,
					  "segment %zu has p_align 0x%" PRIx64
					  ", which is not a power of two: "
					  "Linux ignores it "
					  "(fs/binfmt_elf.c), so vaslint "
					  "does too, but the ELF "
					  "specification forbids it and "
					  "other loaders may refuse the file",
					  seg->index, seg->p_align))
				return -1;
			found++;
		}
	}
	return found;
}

static int image_pair(const sp_owner *a, const sp_owner *b, vl_diags *out)
{
	char r1[VA_HEX_LEN], r2[VA_HEX_LEN], r3[VA_HEX_LEN], r4[VA_HEX_LEN];

	/* Only images with fixed addresses collide for certain; the loader
	 * moves position-independent ones out of the way. */
	if (a->img->type != ET_EXEC || b->img->type != ET_EXEC ||
	    a->img->machine != b->img->machine ||
	    a->img->elfclass != b->img->elfclass ||
	    !va_range_overlaps(a->occupied, b->occupied))
		return 0;
	vl_diag *d = vl_diags_add(
	    out, VL_RULE_IMAGE_OVERLAP, b->path, 0, 0,
	    "image [%s, %s) overlaps %s [%s, %s)",
	    va_hex(b->occupied.start, r1), va_hex(b->occupied.end, r2), a->path,
	    va_hex(a->occupied.start, r3), va_hex(a->occupied.end, r4));
	if (!d || !vl_diag_set_object(d, "image", b->path, b->occupied) ||
	    !vl_diag_set_region(d, a->path, a->occupied))
		return -1;
	return 1;
}

int check_parameter_not_given(const space *s, vl_diags *out)
{
	const layout *l = s->layout;
	const char *where = NULL;
	bool checked = false;
	int found = 0;

	/* The warning is about the run: it stands at its first input, a file
	 * of the user's (SARIF wants one). */
	for (size_t o = 0; o < s->nowners && !checked; o++) {
		const sp_owner *ow = &s->owners[o];
		checked = ow->kind != SP_OWN_LAYOUT &&
			  (ow->n || (ow->kind == SP_OWN_REQUESTS &&
				     s->requests && s->requests->n));
		if (!checked)
			continue;
		if (ow->path)
			where = ow->path;
		else if (ow->n)
			where = s->v[ow->first].origin.file;
		else
			where = s->requests->v[0].file;
	}
	if (!l || !checked)
		return 0;
	for (size_t k = 0; k < l->nregions; k++) {
		const layout_region *reg = &l->regions[k];
		const layout_param *p = reg->unset_param;
		if (!p || !va_range_empty(reg->range))
			continue;
		if (!vl_diags_add(out, VL_RULE_PARAMETER_NOT_GIVEN, where, 0, 0,
				  "region %s of layout %s is empty because %s "
				  "was not given, so nothing was checked "
				  "against it: give -D %s=SIZE, or -D %s=0 if "
				  "there is none",
				  reg->name, l->name, p->name, p->name,
				  p->name))
			return -1;
		found++;
	}
	return found;
}

int check_not_loadable(const space *s, vl_diags *out)
{
	int found = 0;

	for (size_t o = 0; o < s->nowners; o++) {
		const sp_owner *ow = &s->owners[o];
		if (ow->kind != SP_OWN_IMAGE || ow->img->nsegments)
			continue;
		if (!vl_diags_add(out, VL_RULE_NOT_LOADABLE, ow->path, 0, 0,
				  ow->img->type == ET_REL
				      ? "a relocatable object has no loadable "
					"segments: nothing of it was checked; "
					"check the linked program, or the "
					"linker script with --image %s"
				      : "no loadable segments (PT_LOAD): "
					"nothing of it was checked%.0s",
				  ow->path))
			return -1;
		found++;
	}
	return found;
}

/* At most this many overlapping pairs of images are named one by one; the
 * rest are counted in one more finding: a thousand images at one address
 * are half a million pairs. */
#define MAX_IMAGE_PAIRS 16

/* Images for one machine and class share an address space; others never
 * do. */
static bool same_machine(const sp_owner *a, const sp_owner *b)
{
	return a->img->machine == b->img->machine &&
	       a->img->elfclass == b->img->elfclass;
}

/* By machine, then by start. */
static int owner_start_cmp(const void *pa, const void *pb)
{
	const sp_owner *a = *(const sp_owner *const *)pa;
	const sp_owner *b = *(const sp_owner *const *)pb;

	if (!same_machine(a, b))
		return a->img->machine != b->img->machine
			   ? (a->img->machine < b->img->machine ? -1 : 1)
			   : (a->img->elfclass < b->img->elfclass ? -1 : 1);
	if (a->occupied.start != b->occupied.start)
		return a->occupied.start < b->occupied.start ? -1 : 1;
	return a < b ? -1 : a > b;
}

static int u64_cmp(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return a < b ? -1 : a > b;
}

/* The number of overlapping pairs among n images of one machine sorted by
 * start: each overlaps the earlier ones that end after it starts. */
static uint64_t count_group(const sp_owner **v, size_t n, uint64_t *ends)
{
	uint64_t pairs = 0;

	for (size_t i = 0; i < n; i++)
		ends[i] = v[i]->occupied.end;
	/* Of the i ranges that start before v[i], those that end at or
	 * before its start do not overlap it, and every range that ends
	 * there starts before it. */
	qsort(ends, n, sizeof(*ends), u64_cmp);
	for (size_t i = 0, e = 0; i < n; i++) {
		while (e < n && ends[e] <= v[i]->occupied.start)
			e++;
		pairs += i - e;
	}
	return pairs;
}

/* The same over images sorted by machine, then start: group by group. */
static uint64_t count_pairs(const sp_owner **v, size_t n, uint64_t *ends)
{
	uint64_t pairs = 0;

	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && same_machine(v[i], v[j]); j++)
			;
		pairs += count_group(v + i, j - i, ends);
	}
	return pairs;
}

typedef struct img_pair {
	const sp_owner *a, *b; /* a given first */
} img_pair;

static int img_pair_cmp(const void *pa, const void *pb)
{
	const img_pair *a = pa, *b = pb;

	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

int check_image_overlap(const space *s, vl_diags *out)
{
	const sp_owner **v = calloc(s->nowners + 1, sizeof(*v));
	uint64_t *ends = calloc(s->nowners + 1, sizeof(*ends));
	img_pair pairs[MAX_IMAGE_PAIRS];
	size_t n = 0, np = 0;
	int found = -1;

	if (!v || !ends)
		goto out;
	found = 0;
	/* Only images with fixed addresses collide for certain; the loader
	 * moves position-independent ones out of the way. */
	for (size_t i = 0; s->one_space && i < s->nowners; i++)
		if (s->owners[i].kind == SP_OWN_IMAGE &&
		    s->owners[i].img->type == ET_EXEC &&
		    !va_range_empty(s->owners[i].occupied))
			v[n++] = &s->owners[i];
	if (n < 2)
		goto out;
	qsort(v, n, sizeof(*v), owner_start_cmp);
	for (size_t x = 0; x < n && np < MAX_IMAGE_PAIRS; x++)
		for (size_t y = x + 1;
		     y < n && np < MAX_IMAGE_PAIRS &&
		     same_machine(v[x], v[y]) &&
		     v[y]->occupied.start < v[x]->occupied.end;
		     y++)
			pairs[np++] = v[x] < v[y] ? (img_pair){v[x], v[y]}
						  : (img_pair){v[y], v[x]};
	qsort(pairs, np, sizeof(*pairs), img_pair_cmp);
	for (size_t k = 0; k < np && found >= 0; k++) {
		int r = image_pair(pairs[k].a, pairs[k].b, out);
		found = r < 0 ? -1 : found + r;
	}
	uint64_t total = count_pairs(v, n, ends);
	if (found >= 0 && total > np) {
		if (!vl_diags_add(out, VL_RULE_IMAGE_OVERLAP,
				  pairs[np - 1].b->path, 0, 0,
				  "and %" PRIu64 " more overlapping pairs of "
				  "images, not listed one by one",
				  total - np))
			found = -1;
		else
			found++;
	}
out:
	free(v);
	free(ends);
	return found;
}

/* ---- Requests ---- */

static vl_diag *request_diag(vl_diags *out, const vl_rule *rule,
			     const request *q, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static vl_diag *request_diag(vl_diags *out, const vl_rule *rule,
			     const request *q, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vl_diag *d =
	    vl_diags_vadd(out, rule, q->file, q->line, q->column, fmt, ap);
	va_end(ap);
	if (d && !vl_diag_set_object(d, "request", q->name,
				     (va_range){q->at, q->at + q->size}))
		return NULL;
	return d;
}

/* A fixed address or an offset that costs more pages than the natural
 * alignment would. */
static int unaligned(const request *q, const cost_model *m, vl_diags *out)
{
	/* The backing store (a RAM dataspace) is as aligned as its size, as
	 * Genode allocates it; the offset into it, 0 unless given, is what
	 * the address must be congruent with. */
	uint64_t o = q->has_offset ? q->offset : 0;
	uint64_t v = q->fixed ? q->at : o;
	uint64_t want = plan_natural_align(m, q);
	map_cost now, best;
	char c1[COST_STR_LEN], c2[COST_STR_LEN], h[VA_HEX_LEN], w[VA_SIZE_LEN],
	    sz[VA_SIZE_LEN];

	if (!q->fixed && !q->has_offset)
		return 0;
	if (!cost_mapping(m, q->size, v, o, &now)) {
		vl_diag *d = request_diag(
		    out, VL_RULE_UNALIGNED_REQUEST, q,
		    "request %s: address %s and offset 0x%" PRIx64
		    " differ modulo the base page: it cannot be mapped",
		    q->name, va_hex(v, h), o);
		return d ? 1 : -1;
	}
	if (!cost_mapping(m, q->size, o, o, &best) ||
	    (now.total_pages <= best.total_pages &&
	     now.flexpages <= best.flexpages))
		return 0;
	const char *what = q->fixed && (v & (want - 1)) ? "address" : "offset";
	vl_diag *d = request_diag(
	    out, VL_RULE_UNALIGNED_REQUEST, q,
	    "request %s (%s) at %s: the %s defeats its natural alignment "
	    "of %s: %s instead of %s",
	    q->name, va_size_str(q->size, sz), va_hex(q->fixed ? q->at : o, h),
	    what, va_size_str(want, w), cost_str(m, &now, c1, sizeof(c1)),
	    cost_str(m, &best, c2, sizeof(c2)));
	return d ? 1 : -1;
}

/* A size that wastes the tail of its last page, or a large request that is
 * not a multiple of the large page it could use. */
static int unalignable(const request *q, const cost_model *m, vl_diags *out)
{
	uint64_t page = m->page_sizes[0], big = 0;
	char s[VA_SIZE_LEN], p[VA_SIZE_LEN], w[VA_SIZE_LEN], pd[VA_SIZE_LEN];
	char h[VA_HEX_LEN];
	vl_diag *d;

	if (q->size % page) {
		d = request_diag(
		    out, VL_RULE_UNALIGNABLE_SIZE, q,
		    "request %s: size %s (%s) is not a multiple of "
		    "the %s page: %s of its last page are wasted",
		    q->name, va_hex(q->size, h), va_size_str(q->size, s),
		    va_size_str(page, p),
		    va_size_str(page - q->size % page, w));
		return d ? 1 : -1;
	}
	for (size_t i = 1; i < m->npage_sizes; i++)
		if (q->size >= m->page_sizes[i])
			big = m->page_sizes[i];
	if (!big || q->size % big == 0)
		return 0;
	uint64_t tail = q->size % big, pad = big - tail;
	map_cost c;
	char cs[COST_STR_LEN];
	if (!cost_lower_bound(m, q->size, &c))
		return 0;
	d = request_diag(out, VL_RULE_UNALIGNABLE_SIZE, q,
			 "request %s: size %s is not a multiple of the %s "
			 "page: the %s tail needs small pages (%s at best); "
			 "rounding up costs %s",
			 q->name, va_size_str(q->size, s), va_size_str(big, p),
			 va_size_str(tail, w), cost_str(m, &c, cs, sizeof(cs)),
			 va_size_str(pad, pd));
	return d ? 1 : -1;
}

/* Each request whose size is known (unknown values are reported as
 * unknown, never guessed: a check runs only on what it needs to know).
 * A reservation (PROT_NONE, a region map of the program's own) is never
 * mapped, so no page size matters to it: the mappings placed inside it
 * are requests of their own. */
static int each_request(const space *s, bool need_place,
			int (*fn)(const request *, const cost_model *,
				  vl_diags *),
			vl_diags *out)
{
	const requests *rq = s->requests;
	int found = 0;

	if (!s->layout || !rq)
		return 0;
	cost_model m = plan_cost_model(s->layout);
	for (size_t i = 0; i < rq->n; i++) {
		const request *q = &rq->v[i];
		if (q->size_unknown || q->kind == REQ_RESERVE ||
		    (need_place && ((q->fixed && q->at_unknown) ||
				    (q->has_offset && q->offset_unknown))))
			continue;
		int n = fn(q, &m, out);
		if (n < 0)
			return -1;
		found += n;
	}
	return found;
}

int check_unaligned_requests(const space *s, vl_diags *out)
{
	return each_request(s, true, unaligned, out);
}

int check_unalignable_sizes(const space *s, vl_diags *out)
{
	return each_request(s, false, unalignable, out);
}

static int range_cmp(const void *pa, const void *pb)
{
	const va_range *a = pa, *b = pb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

/* What the program reserved, as one set; added in address order, each
 * addition lands at the set's end. */
static bool reserved_set(const requests *rq, va_set *set)
{
	va_range *v = calloc(rq->n + 1, sizeof(*v));
	size_t n = 0;
	bool ok = v != NULL;

	va_set_init(set);
	for (size_t i = 0; ok && i < rq->n; i++)
		if (rq->v[i].reserves &&
		    !va_range_from_size(rq->v[i].at, rq->v[i].size, &v[n++]))
			n--;
	if (ok && n)
		qsort(v, n, sizeof(*v), range_cmp);
	for (size_t i = 0; ok && i < n; i++)
		ok = va_set_add(set, v[i]);
	free(v);
	return ok;
}

/* An attach into a region map of the program's own (Genode's managed
 * dataspace) at an offset the region map does not have: core refuses it
 * (region conflict).  The offset is no address, so the layout does not
 * matter. */
int check_sub_region_maps(const space *s, vl_diags *out)
{
	const requests *rq = s->requests;
	char a[VA_HEX_LEN], b[VA_HEX_LEN], z[VA_SIZE_LEN];
	int found = 0;

	for (size_t i = 0; rq && i < rq->n; i++) {
		const request *q = &rq->v[i];
		uint64_t end = UINT64_MAX;
		if (!q->in_sub || q->sub_size_unknown || !q->fixed ||
		    q->at_unknown)
			continue;
		/* An unknown size still covers the byte at its offset. */
		bool past_end =
		    !q->size_unknown &&
		    (!va_add(q->at, q->size, &end) || end > q->sub_size);
		if (q->at < q->sub_size && !past_end)
			continue;
		vl_diag *d =
		    q->size_unknown
			? request_diag(out, VL_RULE_OUTSIDE_REGION_MAP, q,
				       "request %s at offset %s lies outside "
				       "its region map of %s (created at line "
				       "%u)",
				       q->name, va_hex(q->at, a),
				       va_size_str(q->sub_size, z), q->sub_line)
			: request_diag(
			      out, VL_RULE_OUTSIDE_REGION_MAP, q,
			      "request %s [%s, %s) lies outside its "
			      "region map of %s (created at line %u)",
			      q->name, va_hex(q->at, a), va_hex(end, b),
			      va_size_str(q->sub_size, z), q->sub_line);
		if (!d)
			return -1;
		found++;
	}
	return found;
}

int check_reservations(const space *s, vl_diags *out)
{
	const requests *rq = s->requests;
	char a[VA_HEX_LEN], b[VA_HEX_LEN];
	va_set reserved;
	int found = 0;

	if (!rq)
		return 0;
	for (size_t i = 0; i < rq->n; i++)
		if (rq->v[i].reserves &&
		    (rq->v[i].at_unknown || rq->v[i].size_unknown ||
		     !rq->v[i].fixed))
			return 0; /* it could be anywhere: nothing to tell */
	if (!reserved_set(rq, &reserved)) {
		va_set_free(&reserved);
		return -1;
	}
	for (size_t i = 0; i < rq->n; i++) {
		const request *q = &rq->v[i];
		va_range r;
		if (!q->replaces || !q->fixed || q->at_unknown ||
		    q->size_unknown ||
		    !va_range_from_size(q->at, q->size, &r) ||
		    va_set_contains(&reserved, r))
			continue;
		vl_diag *d = vl_diags_add(
		    out, VL_RULE_FIXED_OUTSIDE_RESERVATION, q->file, q->line,
		    q->column,
		    "%s maps [%s, %s) with MAP_FIXED outside any range this "
		    "program reserved: it replaces whatever is mapped there",
		    q->call ? q->call : q->name, va_hex(r.start, a),
		    va_hex(r.end, b));
		if (!d || !vl_diag_set_object(d, "request", q->name, r)) {
			va_set_free(&reserved);
			return -1;
		}
		found++;
	}
	va_set_free(&reserved);
	return found;
}
