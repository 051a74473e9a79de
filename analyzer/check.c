#include "check.h"

#include <elf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cost.h"
#include "plan.h"
#include "rules.h"

/* Without a layout, segments are rounded to the smallest page of every
 * platform vaslint knows. */
#define DEFAULT_PAGE 4096u

static uint64_t base_page(const layout *l)
{
	return l && l->npage_sizes ? l->page_sizes[0] : DEFAULT_PAGE;
}

static bool machine_matches(const layout *l, const image *img)
{
	for (size_t i = 0; i < l->nmachines; i++)
		if (l->machines[i] == img->machine &&
		    l->machine_classes[i] == img->elfclass)
			return true;
	return false;
}

void check_placed_free(placed_image *p)
{
	free(p->ranges);
	memset(p, 0, sizeof(*p));
}

bool check_place_image(const image *img, const layout *l, placed_image *out,
		       vl_error *err)
{
	placed_image p = {.img = img, .page = base_page(l)};

	memset(out, 0, sizeof(*out));
	if (l && !machine_matches(l, img)) {
		const char *m =
		    layout_machine_name(img->machine, img->elfclass);
		char names[128] = "";
		for (size_t i = 0; i < l->nmachines; i++) {
			strncat(names, i ? ", " : "",
				sizeof(names) - strlen(names) - 1);
			strncat(names, l->machine_names[i],
				sizeof(names) - strlen(names) - 1);
		}
		if (m)
			return vl_fail(err, img->path, 0, 0,
				       "machine %s does not match layout %s "
				       "(%s)",
				       m, l->name, names);
		return vl_fail(err, img->path, 0, 0,
			       "machine %u (e_machine) does not match layout "
			       "%s (%s)",
			       img->machine, l->name, names);
	}
	p.placed = img->type != ET_DYN || (l && l->has_pie_base);
	p.base = img->type == ET_DYN && l && l->has_pie_base ? l->pie_base : 0;
	p.ranges =
	    calloc(img->nsegments ? img->nsegments : 1, sizeof(*p.ranges));
	if (!p.ranges)
		return vl_fail(err, img->path, 0, 0, "out of memory");
	p.span = (va_range){UINT64_MAX, 0};
	for (size_t i = 0; i < img->nsegments; i++) {
		const image_segment *s = &img->segments[i];
		uint64_t start, end;
		/* The reader made sure vaddr + memsz fits; the base may not. */
		if (!va_add(s->vaddr, p.base, &start) ||
		    !va_add(start, s->memsz, &end) ||
		    !va_align_up(end, p.page, &end)) {
			uint64_t base = p.base;
			check_placed_free(&p);
			return vl_fail(err, img->path, 0, 0,
				       "segment %zu wraps past 2^64 at load "
				       "base 0x%" PRIx64,
				       s->index, base);
		}
		p.ranges[i] = (va_range){va_align_down(start, p.page), end};
		/* An empty segment occupies nothing, and must not stretch
		 * the image's extent either. */
		if (s->memsz == 0) {
			p.ranges[i].end = p.ranges[i].start;
			continue;
		}
		if (p.ranges[i].start < p.span.start)
			p.span.start = p.ranges[i].start;
		if (p.ranges[i].end > p.span.end)
			p.span.end = p.ranges[i].end;
	}
	if (p.span.start > p.span.end)
		p.span = (va_range){0, 0};
	p.occupied = p.span;
	/* A dynamically linked Genode program: the dynamic linker reserves
	 * its area from the program's link address on. */
	if (l && l->linker_area && img->dynamic && img->type == ET_EXEC &&
	    img->nsegments) {
		va_range area;
		if (va_range_from_size(p.span.start, l->linker_area, &area) &&
		    area.end > p.occupied.end)
			p.occupied.end = area.end;
	}
	*out = p;
	return true;
}

static const char *seg_name(const image_segment *s, char *buf, size_t len)
{
	char fl[4];

	snprintf(buf, len, "segment %zu (%s)", s->index,
		 elfimage_flags_str(s->flags, fl));
	return buf;
}

int check_segment_congruence(const placed_image *p, vl_diags *out)
{
	int found = 0;

	for (size_t i = 0; i < p->img->nsegments; i++) {
		const image_segment *s = &p->img->segments[i];
		char name[64];
		if (s->align <= 1 ||
		    (s->vaddr & (s->align - 1)) == (s->offset & (s->align - 1)))
			continue;
		vl_diag *d = vl_diags_add(
		    out, VL_RULE_SEGMENT_CONGRUENCE, p->img->path, 0, 0,
		    "%s: p_vaddr 0x%" PRIx64 " and p_offset 0x%" PRIx64
		    " differ modulo p_align 0x%" PRIx64 " (0x%" PRIx64
		    " vs 0x%" PRIx64 ")",
		    seg_name(s, name, sizeof(name)), s->vaddr, s->offset,
		    s->align, s->vaddr & (s->align - 1),
		    s->offset & (s->align - 1));
		if (!d || !vl_diag_set_object(
			      d, "segment", name,
			      (va_range){s->vaddr, s->vaddr + s->memsz}))
			return -1;
		found++;
	}
	return found;
}

static bool set_segment_object(vl_diag *d, const placed_image *p, size_t i)
{
	char name[64];

	return vl_diag_set_object(
	    d, "segment", seg_name(&p->img->segments[i], name, sizeof(name)),
	    p->ranges[i]);
}

/* At most this many overlapping pairs are reported per image: a crafted
 * image with thousands of identical segments must not cost n^2 findings. */
#define MAX_OVERLAP_FINDINGS 16

typedef struct seg_order {
	const placed_image *p;
	size_t i;
} seg_order;

static int seg_order_cmp(const void *pa, const void *pb)
{
	const seg_order *a = pa, *b = pb;
	uint64_t x = a->p->ranges[a->i].start, y = b->p->ranges[b->i].start;

	if (x != y)
		return x < y ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

int check_segment_overlap(const placed_image *p, vl_diags *out)
{
	const image *img = p->img;
	seg_order *ord =
	    calloc(img->nsegments ? img->nsegments : 1, sizeof(*ord));
	int found = 0;

	if (!ord)
		return -1;
	for (size_t i = 0; i < img->nsegments; i++)
		ord[i] = (seg_order){p, i};
	/* In address order each segment need only be compared with those
	 * that start before it ends. */
	qsort(ord, img->nsegments, sizeof(*ord), seg_order_cmp);
	for (size_t x = 0; x < img->nsegments && found < MAX_OVERLAP_FINDINGS;
	     x++)
		for (size_t y = x + 1;
		     y < img->nsegments && found < MAX_OVERLAP_FINDINGS &&
		     p->ranges[ord[y].i].start < p->ranges[ord[x].i].end;
		     y++) {
			size_t i = ord[x].i < ord[y].i ? ord[x].i : ord[y].i;
			size_t j = ord[x].i < ord[y].i ? ord[y].i : ord[x].i;
			const image_segment *a = &img->segments[i];
			const image_segment *b = &img->segments[j];
			char an[64], bn[64], r1[VA_HEX_LEN], r2[VA_HEX_LEN],
			    r3[VA_HEX_LEN], r4[VA_HEX_LEN];
			if (!va_range_overlaps(p->ranges[i], p->ranges[j]))
				continue;
			/* Overlapping bytes are always wrong; sharing only a
			 * page gives the page one set of rights, which may
			 * be intended on a tiny image. */
			bool bytes = va_range_overlaps(
			    (va_range){a->vaddr, a->vaddr + a->memsz},
			    (va_range){b->vaddr, b->vaddr + b->memsz});
			vl_diag *d = vl_diags_add(
			    out, VL_RULE_SEGMENT_OVERLAP, img->path, 0, 0,
			    "%s [%s, %s) and %s [%s, %s) %s",
			    seg_name(a, an, sizeof(an)),
			    va_hex(p->ranges[i].start, r1),
			    va_hex(p->ranges[i].end, r2),
			    seg_name(b, bn, sizeof(bn)),
			    va_hex(p->ranges[j].start, r3),
			    va_hex(p->ranges[j].end, r4),
			    bytes ? "overlap"
				  : "share a page (the loader maps the "
				    "page once, with one set of rights)");
			if (!d || !set_segment_object(d, p, j)) {
				free(ord);
				return -1;
			}
			if (!bytes)
				d->severity = VL_WARNING;
			found++;
		}
	free(ord);
	return found;
}

int check_position_independent(const placed_image *p, const layout *l,
			       vl_diags *out)
{
	char h[VA_HEX_LEN];
	vl_diag *d;

	if (p->img->type != ET_DYN)
		return 0;
	if (p->placed)
		d = vl_diags_add(out, VL_RULE_POSITION_INDEPENDENT,
				 p->img->path, 0, 0,
				 "position-independent image (ET_DYN): checked "
				 "at load base %s, where layout %s says the "
				 "platform loads such images",
				 va_hex(p->base, h), l->name);
	else if (l)
		d = vl_diags_add(
		    out, VL_RULE_POSITION_INDEPENDENT, p->img->path, 0, 0,
		    "position-independent image (ET_DYN): layout "
		    "%s gives no load base (pie-base), so only the "
		    "image's own segments were checked, not where "
		    "it lands",
		    l->name);
	else
		d = vl_diags_add(out, VL_RULE_POSITION_INDEPENDENT,
				 p->img->path, 0, 0,
				 "position-independent image (ET_DYN): without "
				 "a layout (-L) only its own segments were "
				 "checked, not where it lands");
	return d ? 1 : -1;
}

bool check_lowest_legal(const layout *l, uint64_t size, uint64_t align,
			uint64_t *out)
{
	va_set free_space;
	bool ok;

	/* A link address is for a position-dependent image. */
	va_set_init(&free_space);
	ok = va_set_add(&free_space, layout_exec_space(l));
	for (size_t i = 0; ok && i < l->nregions; i++)
		if (!va_range_empty(l->regions[i].range))
			ok = va_set_remove(&free_space, l->regions[i].range);
	ok = ok && va_set_lowest_fit(&free_space, size ? size : 1, align,
				     l->address_space.start, out);
	va_set_free(&free_space);
	return ok;
}

bool check_link_address(const layout *l, uint64_t size, uint64_t min_align,
			uint64_t *addr, uint64_t *align)
{
	for (size_t k = l->npage_sizes; k-- > 0;) {
		uint64_t a =
		    l->page_sizes[k] > min_align ? l->page_sizes[k] : min_align;
		if (check_lowest_legal(l, size, a, addr)) {
			*align = a;
			return true;
		}
		if (a == min_align)
			break;
	}
	return false;
}

/* What the user can do about a conflict: the lowest link address at which
 * the whole image (and its linker area) is legal, at the largest page
 * alignment that has one, as `vaslint fix` places images, so the hint and
 * the fix agree and the image maps with the largest pages it can. */
void check_legal_hint(const layout *l, uint64_t size, uint64_t align, char *buf,
		      size_t len)
{
	uint64_t addr;
	char h[VA_HEX_LEN], sz[VA_SIZE_LEN], al[VA_SIZE_LEN];

	if (check_link_address(l, size, align, &addr, &align))
		snprintf(buf, len,
			 "; the lowest legal link address aligned to %s is %s",
			 va_size_str(align, al), va_hex(addr, h));
	else
		snprintf(buf, len,
			 "; no legal link address exists in layout %s for an "
			 "image of %s",
			 l->name, va_size_str(size, sz));
}

static void legal_hint(const placed_image *p, const layout *l, char *buf,
		       size_t len)
{
	uint64_t align = 1;

	for (size_t i = 0; i < p->img->nsegments; i++)
		if (p->img->segments[i].align > align)
			align = p->img->segments[i].align;
	if (p->img->type == ET_DYN)
		snprintf(buf, len, "; load it elsewhere or shrink the region");
	else
		check_legal_hint(l, va_range_size(p->occupied), align, buf,
				 len);
}

/* The segments of an image that a predicate picks, as one object: a
 * region hit by three segments of one image is one finding, not three. */
typedef struct seg_group {
	char name[256];
	const char *kind;
	va_range range;
	size_t count;
} seg_group;

static void group_add(seg_group *g, const placed_image *p, size_t i)
{
	const image_segment *s = &p->img->segments[i];
	size_t len = strlen(g->name);
	char fl[4];

	if (!g->count) {
		g->range = p->ranges[i];
		snprintf(g->name, sizeof(g->name), "segment %zu (%s)", s->index,
			 elfimage_flags_str(s->flags, fl));
	} else {
		if (g->count == 1) {
			/* "segment 1 (R-X)" becomes "segments 1 (R-X), 2 (RW-)"
			 */
			char first[256];
			snprintf(first, sizeof(first), "%s", g->name + 8);
			snprintf(g->name, sizeof(g->name), "segments %.200s",
				 first);
			len = strlen(g->name);
		}
		snprintf(g->name + len, sizeof(g->name) - len, ", %zu (%s)",
			 s->index, elfimage_flags_str(s->flags, fl));
		if (p->ranges[i].start < g->range.start)
			g->range.start = p->ranges[i].start;
		if (p->ranges[i].end > g->range.end)
			g->range.end = p->ranges[i].end;
	}
	g->count++;
	g->kind = g->count == 1 ? "segment" : "segments";
}

/* The segments of p that lie not wholly inside space, as one group;
 * *partly: some of them overlap it. */
static void group_outside(const placed_image *p, va_range space, seg_group *g,
			  bool *partly)
{
	*partly = false;
	for (size_t i = 0; i < p->img->nsegments; i++) {
		va_range r = p->ranges[i];
		if (va_range_empty(r) || va_range_contains(space, r))
			continue;
		*partly |= va_range_overlaps(space, r);
		group_add(g, p, i);
	}
}

/* A finding about a group of segments, related to the layout key that
 * sets the limit they cross. */
static int group_finding(vl_diag *d, const seg_group *g, src_loc key)
{
	if (!d || !vl_diag_set_object(d, g->kind, g->name, g->range) ||
	    !vl_diag_set_related(d, key.file, key.line, key.column))
		return -1;
	return 1;
}

/* A position-dependent image inside the address space but above the
 * layout's exec limit: the link would fail or the program crash. */
static int exec_limit_one(const placed_image *p, const layout *l, vl_diags *out)
{
	char r1[VA_HEX_LEN], r2[VA_HEX_LEN], r3[VA_HEX_LEN];
	seg_group g = {0};
	bool partly;

	if (p->img->type != ET_EXEC || !l->exec_limit)
		return 0;
	group_outside(p, layout_exec_space(l), &g, &partly);
	if (!g.count)
		return 0;
	return group_finding(
	    vl_diags_add(out, VL_RULE_OUTSIDE_ADDRESS_SPACE, p->img->path, 0, 0,
			 "%s [%s, %s) of a position-dependent program %s above "
			 "the exec limit %s of layout %s: %s",
			 g.name, va_hex(g.range.start, r1),
			 va_hex(g.range.end, r2), g.count == 1 ? "lies" : "lie",
			 va_hex(l->exec_limit, r3), l->name, l->exec_limit_why),
	    &g, l->exec_limit_loc);
}

int check_address_space(const placed_image *p, const layout *l, vl_diags *out)
{
	char r1[VA_HEX_LEN], r2[VA_HEX_LEN], r3[VA_HEX_LEN], r4[VA_HEX_LEN];
	seg_group g = {0};
	bool partly;

	if (!l || !p->placed)
		return 0;
	group_outside(p, l->address_space, &g, &partly);
	if (!g.count)
		return exec_limit_one(p, l, out);
	return group_finding(
	    vl_diags_add(out, VL_RULE_OUTSIDE_ADDRESS_SPACE, p->img->path, 0, 0,
			 "%s [%s, %s) %s %s the address space [%s, %s) of "
			 "layout %s",
			 g.name, va_hex(g.range.start, r1),
			 va_hex(g.range.end, r2), g.count == 1 ? "lies" : "lie",
			 partly ? "partly outside" : "outside",
			 va_hex(l->address_space.start, r3),
			 va_hex(l->address_space.end, r4), l->name),
	    &g, l->address_space_loc);
}

static int reserved_one(const placed_image *p, const layout_region *reg,
			const char *kind, const char *name, va_range r,
			bool plural, const char *hint, vl_diags *out)
{
	char r1[VA_HEX_LEN], r2[VA_HEX_LEN], r3[VA_HEX_LEN], r4[VA_HEX_LEN];
	vl_diag *d = vl_diags_add(out, VL_RULE_RESERVED_OVERLAP, p->img->path,
				  0, 0, "%s [%s, %s) %s %s [%s, %s): %s%s",
				  name, va_hex(r.start, r1), va_hex(r.end, r2),
				  plural ? "overlap" : "overlaps", reg->name,
				  va_hex(reg->range.start, r3),
				  va_hex(reg->range.end, r4), reg->why, hint);

	if (!d || !vl_diag_set_object(d, kind, name, r) ||
	    !vl_diag_set_region(d, reg->name, reg->range) ||
	    !vl_diag_set_related(d, reg->loc.file, reg->loc.line,
				 reg->loc.column))
		return -1;
	return 1;
}

int check_reserved_overlap(const placed_image *p, const layout *l,
			   vl_diags *out)
{
	char hint[256];
	int found = 0, n;

	if (!l || !p->placed)
		return 0;
	legal_hint(p, l, hint, sizeof(hint));
	for (size_t k = 0; k < l->nregions; k++) {
		const layout_region *reg = &l->regions[k];
		seg_group g = {0};
		if (va_range_empty(reg->range))
			continue;
		for (size_t i = 0; i < p->img->nsegments; i++)
			if (va_range_overlaps(p->ranges[i], reg->range))
				group_add(&g, p, i);
		if (g.count)
			n = reserved_one(p, reg, g.kind, g.name, g.range,
					 g.count > 1, hint, out);
		/* The linker area counts only where no segment already
		 * explains the conflict. */
		else if (p->occupied.end > p->span.end &&
			 va_range_overlaps(p->occupied, reg->range))
			n = reserved_one(p, reg, "linker-area",
					 "linker area of the dynamically "
					 "linked program",
					 p->occupied, false, hint, out);
		else
			continue;
		if (n < 0)
			return -1;
		found += n;
	}
	return found;
}

int check_image_overlap(const placed_image *a, const placed_image *b,
			vl_diags *out)
{
	char r1[VA_HEX_LEN], r2[VA_HEX_LEN], r3[VA_HEX_LEN], r4[VA_HEX_LEN];

	/* Only images with fixed addresses collide for certain; the loader
	 * moves position-independent ones out of the way. */
	if (a->img->type != ET_EXEC || b->img->type != ET_EXEC ||
	    !va_range_overlaps(a->occupied, b->occupied))
		return 0;
	vl_diag *d = vl_diags_add(out, VL_RULE_IMAGE_OVERLAP, b->img->path, 0,
				  0, "image [%s, %s) overlaps %s [%s, %s)",
				  va_hex(b->occupied.start, r1),
				  va_hex(b->occupied.end, r2), a->img->path,
				  va_hex(a->occupied.start, r3),
				  va_hex(a->occupied.end, r4));
	if (!d || !vl_diag_set_object(d, "image", b->img->path, b->occupied) ||
	    !vl_diag_set_region(d, a->img->path, a->occupied))
		return -1;
	return 1;
}

int check_images(const placed_image *imgs, size_t n, const layout *l,
		 bool together, vl_diags *out)
{
	int total = 0, r;

#define RUN(call)                                                              \
	do {                                                                   \
		if ((r = (call)) < 0)                                          \
			return -1;                                             \
		total += r;                                                    \
	} while (0)
	for (size_t i = 0; i < n; i++) {
		RUN(check_position_independent(&imgs[i], l, out));
		RUN(check_segment_congruence(&imgs[i], out));
		RUN(check_segment_overlap(&imgs[i], out));
		RUN(check_address_space(&imgs[i], l, out));
		RUN(check_reserved_overlap(&imgs[i], l, out));
	}
	for (size_t i = 0; together && i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			RUN(check_image_overlap(&imgs[i], &imgs[j], out));
#undef RUN
	return total;
}

int check_fixed_ranges(const fixed_range *r, size_t n, const layout *l,
		       const char *hint, vl_diags *out)
{
	char r1[VA_HEX_LEN], r2[VA_HEX_LEN], r3[VA_HEX_LEN], r4[VA_HEX_LEN];
	int found = 0;

	if (!l)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const fixed_range *f = &r[i];
		/* A range whose size is not known is checked at its start. */
		va_range probe = f->size_known ? f->range
					       : (va_range){f->range.start,
							    f->range.start + 1};
		if (va_range_empty(probe) && f->size_known)
			continue;
		for (size_t k = 0; k < l->nregions; k++) {
			const layout_region *reg = &l->regions[k];
			vl_diag *d;
			if (va_range_empty(reg->range) ||
			    !va_range_overlaps(probe, reg->range))
				continue;
			if (f->size_known)
				d = vl_diags_add(
				    out, VL_RULE_RESERVED_OVERLAP, f->file,
				    f->line, f->column,
				    "%s %s [%s, %s) overlaps %s [%s, %s): "
				    "%s%s",
				    f->kind, f->name,
				    va_hex(f->range.start, r1),
				    va_hex(f->range.end, r2), reg->name,
				    va_hex(reg->range.start, r3),
				    va_hex(reg->range.end, r4), reg->why, hint);
			else
				d = vl_diags_add(
				    out, VL_RULE_RESERVED_OVERLAP, f->file,
				    f->line, f->column,
				    "%s %s starts at %s, inside %s [%s, "
				    "%s): %s%s",
				    f->kind, f->name,
				    va_hex(f->range.start, r1), reg->name,
				    va_hex(reg->range.start, r3),
				    va_hex(reg->range.end, r4), reg->why, hint);
			if (!d ||
			    !vl_diag_set_object(d, f->kind, f->name, probe) ||
			    !vl_diag_set_region(d, reg->name, reg->range) ||
			    !vl_diag_set_related(d, reg->loc.file,
						 reg->loc.line,
						 reg->loc.column))
				return -1;
			found++;
		}
		if (!va_range_contains(l->address_space, probe)) {
			vl_diag *d = vl_diags_add(
			    out, VL_RULE_OUTSIDE_ADDRESS_SPACE, f->file,
			    f->line, f->column,
			    "%s %s [%s, %s) lies %s the address space "
			    "[%s, %s) of layout %s",
			    f->kind, f->name, va_hex(probe.start, r1),
			    va_hex(probe.end, r2),
			    va_range_overlaps(l->address_space, probe)
				? "partly outside"
				: "outside",
			    va_hex(l->address_space.start, r3),
			    va_hex(l->address_space.end, r4), l->name);
			if (!d ||
			    !vl_diag_set_object(d, f->kind, f->name, probe))
				return -1;
			found++;
		} else if (f->position_dependent &&
			   !va_range_contains(layout_exec_space(l), probe)) {
			vl_diag *d = vl_diags_add(
			    out, VL_RULE_OUTSIDE_ADDRESS_SPACE, f->file,
			    f->line, f->column,
			    "%s %s [%s, %s) lies above the exec limit %s of "
			    "layout %s: %s",
			    f->kind, f->name, va_hex(probe.start, r1),
			    va_hex(probe.end, r2), va_hex(l->exec_limit, r3),
			    l->name, l->exec_limit_why);
			if (!d ||
			    !vl_diag_set_object(d, f->kind, f->name, probe))
				return -1;
			found++;
		}
	}
	return found;
}

static vl_diag *request_diag(vl_diags *out, const vl_rule *rule,
			     const request *q, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static vl_diag *request_diag(vl_diags *out, const vl_rule *rule,
			     const request *q, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	vl_diag *d =
	    vl_diags_add(out, rule, q->file, q->line, q->column, "%s", msg);
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

int check_requests(const requests *rq, const layout *l, vl_diags *out)
{
	cost_model m = plan_cost_model(l);
	fixed_range *fixed = calloc(rq->n ? rq->n : 1, sizeof(*fixed));
	size_t nfixed = 0;
	int found = 0, n;

	if (!fixed)
		return -1;
	for (size_t i = 0; i < rq->n; i++) {
		const request *q = &rq->v[i];
		/* Unknown values are reported as unknown, never guessed: a
		 * check runs only on what it needs to know. */
		if (q->size_unknown)
			continue;
		bool place_known = !(q->fixed && q->at_unknown) &&
				   !(q->has_offset && q->offset_unknown);
		if ((place_known && (n = unaligned(q, &m, out)) < 0) ||
		    (found += place_known ? n : 0,
		     n = unalignable(q, &m, out)) < 0) {
			free(fixed);
			return -1;
		}
		found += n;
		if (q->fixed && !q->at_unknown)
			fixed[nfixed++] = (fixed_range){
			    "request", q->name, {q->at, q->at + q->size},
			    true,      q->file, q->line,
			    q->column, false};
	}
	n = check_fixed_ranges(fixed, nfixed, l, "", out);
	free(fixed);
	return n < 0 ? -1 : found + n;
}

int check_reservations(const requests *rq, vl_diags *out)
{
	char a[VA_HEX_LEN], b[VA_HEX_LEN];
	int found = 0;

	for (size_t i = 0; i < rq->n; i++)
		if (rq->v[i].reserves &&
		    (rq->v[i].at_unknown || rq->v[i].size_unknown ||
		     !rq->v[i].fixed))
			return 0; /* it could be anywhere: nothing to tell */
	for (size_t i = 0; i < rq->n; i++) {
		const request *q = &rq->v[i];
		bool inside = false;
		if (!q->replaces || !q->fixed || q->at_unknown ||
		    q->size_unknown)
			continue;
		va_range r = {q->at, q->at + q->size};
		for (size_t k = 0; k < rq->n && !inside; k++) {
			const request *res = &rq->v[k];
			inside =
			    res->reserves &&
			    va_range_contains(
				(va_range){res->at, res->at + res->size}, r);
		}
		if (inside)
			continue;
		vl_diag *d = vl_diags_add(
		    out, VL_RULE_FIXED_OUTSIDE_RESERVATION, q->file, q->line,
		    q->column,
		    "%s maps [%s, %s) with MAP_FIXED outside any range this "
		    "program reserved: it replaces whatever is mapped there",
		    q->call ? q->call : q->name, va_hex(r.start, a),
		    va_hex(r.end, b));
		if (!d || !vl_diag_set_object(d, "request", q->name, r))
			return -1;
		found++;
	}
	return found;
}
