/* Unit tests for analyzer/check.c on hand-built images and layouts: where
 * segments land, what each check reports (rule, severity, message, object
 * and region ranges) and how many findings it returns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "rules.h"

#define U64(x) UINT64_C(x)
#define MIB(x) (U64(x) << 20)

#define R  (PF_R)
#define RX (PF_R | PF_X)
#define RW (PF_R | PF_W)

/* ---- Hand-built layouts: every field malloc'ed, so layout_free frees them */

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	assert_non_null(d);
	return d;
}

static void *xgrow(void *p, size_t n, size_t size)
{
	p = realloc(p, n * size);
	assert_non_null(p);
	return p;
}

static void lay_init(layout *l, const char *name, uint64_t as_start,
		     uint64_t as_end)
{
	memset(l, 0, sizeof(*l));
	l->path = xstrdup("layout.yaml");
	l->name = xstrdup(name);
	l->description = xstrdup("hand-built");
	l->address_space = (va_range){as_start, as_end};
}

static void lay_add_machine(layout *l, uint16_t em)
{
	int cls = em == EM_386 || em == EM_ARM ? ELFCLASS32 : ELFCLASS64;

	l->machines =
	    xgrow(l->machines, l->nmachines + 1, sizeof(*l->machines));
	l->machine_classes = xgrow(l->machine_classes, l->nmachines + 1,
				   sizeof(*l->machine_classes));
	l->machine_names = xgrow(l->machine_names, l->nmachines + 1,
				 sizeof(*l->machine_names));
	l->machines[l->nmachines] = em;
	l->machine_classes[l->nmachines] = (uint8_t)cls;
	l->machine_names[l->nmachines] = xstrdup(layout_machine_name(em, cls));
	l->nmachines++;
}

static void lay_add_page(layout *l, uint64_t size)
{
	l->page_sizes =
	    xgrow(l->page_sizes, l->npage_sizes + 1, sizeof(*l->page_sizes));
	l->page_sizes[l->npage_sizes++] = size;
}

/* Regions sit at line 10, 11, ... column 5 of layout.yaml. */
static void lay_add_region(layout *l, const char *name, uint64_t start,
			   uint64_t end, const char *why)
{
	layout_region *r;

	l->regions = xgrow(l->regions, l->nregions + 1, sizeof(*l->regions));
	r = &l->regions[l->nregions];
	r->name = xstrdup(name);
	r->why = xstrdup(why);
	r->range = (va_range){start, end};
	r->loc = (src_loc){l->path, 10 + (unsigned)l->nregions, 5};
	l->nregions++;
}

#define GUEST_WHY "guest RAM is here"
#define STACK_WHY "thread stacks are here"

/* genode-nova-x86_32-2012 with -D GUEST_RAM=guest_ram. */
static void lay_2012(layout *l, uint64_t guest_ram)
{
	lay_init(l, "t2012", 0x1000, 0x80000000);
	lay_add_machine(l, EM_386);
	lay_add_page(l, 0x1000);
	lay_add_page(l, MIB(4));
	l->flexpage_max = U64(1) << 43;
	lay_add_region(l, "guest-shadow", 0, guest_ram, GUEST_WHY);
	lay_add_region(l, "context-area", 0x40000000, 0x50000000, STACK_WHY);
}

/* genode-nova-x86_32 today: 3 GiB, stack area, 350 MiB linker area. */
static void lay_nova(layout *l)
{
	lay_init(l, "tnova", 0x1000, 0xc0000000);
	lay_add_machine(l, EM_386);
	lay_add_page(l, 0x1000);
	lay_add_page(l, MIB(4));
	l->linker_area = MIB(350);
	l->linker_area_why = xstrdup("libraries");
	lay_add_region(l, "guest-shadow", 0, 0, GUEST_WHY);
	lay_add_region(l, "stack-area", 0x40000000, 0x50000000, STACK_WHY);
}

/* linux-x86_64: PIEs load at 0x555555554000. */
static void lay_linux(layout *l)
{
	lay_init(l, "tlinux", 0x1000, U64(0x7ffffffff000));
	lay_add_machine(l, EM_X86_64);
	lay_add_page(l, 0x1000);
	lay_add_page(l, MIB(2));
	lay_add_page(l, MIB(1024));
	l->has_pie_base = true;
	l->pie_base = U64(0x555555554000);
}

/* ---- Hand-built images ---- */

/* A segment whose file offset is congruent to its address. */
#define SEG(i, va, sz, fl)                                                     \
	{                                                                      \
		.index = (i), .vaddr = (va), .memsz = (sz),                    \
		.offset = (va)&0xfff, .filesz = (sz), .align = 0x1000,         \
		.flags = (fl)                                                  \
	}

static image mk_image(const char *path, uint16_t type, uint16_t em,
		      image_segment *segs, size_t n)
{
	image img = {
	    .path = (char *)path,
	    .elfclass = em == EM_386 || em == EM_ARM ? ELFCLASS32 : ELFCLASS64,
	    .data = ELFDATA2LSB,
	    .machine = em,
	    .type = type,
	    .segments = segs,
	    .nsegments = n,
	};
	return img;
}

#define NSEGS(a) (sizeof(a) / sizeof((a)[0]))

static void place(const image *img, const layout *l, placed_image *p)
{
	vl_error err = {0};

	if (!check_place_image(img, l, p, &err))
		fail_msg("%s: %s", err.file, err.msg);
	vl_error_free(&err);
}

static void assert_range(va_range r, uint64_t start, uint64_t end)
{
	assert_int_equal(r.start, start);
	assert_int_equal(r.end, end);
}

static void assert_diag(const vl_diag *d, const char *rule_id, vl_severity sev,
			const char *file, const char *msg)
{
	assert_string_equal(d->rule->id, rule_id);
	assert_int_equal(d->severity, sev);
	assert_string_equal(d->file, file);
	assert_int_equal(d->line, 0);
	assert_int_equal(d->column, 0);
	assert_string_equal(d->message, msg);
}

static void assert_object(const vl_diag *d, const char *kind, const char *name,
			  uint64_t start, uint64_t end)
{
	assert_true(d->has_object);
	assert_string_equal(d->object.kind, kind);
	assert_string_equal(d->object.name, name);
	assert_range(d->object.range, start, end);
}

static void assert_region(const vl_diag *d, const char *name, uint64_t start,
			  uint64_t end)
{
	assert_true(d->has_region);
	assert_null(d->region.kind);
	assert_string_equal(d->region.name, name);
	assert_range(d->region.range, start, end);
}

/* ---- check_place_image ---- */

static void place_exec_rounds_segments_out_to_the_base_page(void **state)
{
	image_segment s[] = {SEG(0, 0x47000123, 0x100, RX),
			     SEG(1, 0x47001f00, 0x200, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 2);
	layout l;
	placed_image p;

	(void)state;
	lay_2012(&l, 0);
	place(&img, &l, &p);
	assert_ptr_equal(p.img, &img);
	assert_true(p.placed);
	assert_int_equal(p.base, 0);
	assert_int_equal(p.page, 0x1000);
	assert_range(p.ranges[0], 0x47000000, 0x47001000);
	assert_range(p.ranges[1], 0x47001000, 0x47003000);
	assert_range(p.span, 0x47000000, 0x47003000);
	assert_range(p.occupied, 0x47000000, 0x47003000);
	check_placed_free(&p);
	assert_null(p.ranges);
	layout_free(&l);
}

static void place_rounds_to_the_layouts_smallest_page(void **state)
{
	image_segment s[] = {SEG(0, 0x410010, 0x10, RX)};
	image img = mk_image("a64", ET_EXEC, EM_AARCH64, s, 1);
	layout l;
	placed_image p;

	(void)state;
	lay_init(&l, "t64k", 0x10000, U64(0x1000000000));
	lay_add_machine(&l, EM_AARCH64);
	lay_add_page(&l, 0x10000);
	lay_add_page(&l, MIB(512));
	place(&img, &l, &p);
	assert_int_equal(p.page, 0x10000);
	assert_range(p.ranges[0], 0x410000, 0x420000);
	check_placed_free(&p);
	layout_free(&l);
}

static void place_without_layout_uses_4k_pages_and_any_machine(void **state)
{
	image_segment s[] = {SEG(0, 0x400800, 0x1000, RX)};
	image img = mk_image("ppc", ET_EXEC, EM_PPC, s, 1);
	placed_image p;

	(void)state;
	place(&img, NULL, &p);
	assert_true(p.placed);
	assert_int_equal(p.page, 4096);
	assert_range(p.ranges[0], 0x400000, 0x402000);
	check_placed_free(&p);
}

static void place_dyn_at_the_layouts_pie_base(void **state)
{
	image_segment s[] = {SEG(0, 0, 0x1234, RX), SEG(1, 0x2000, 0x100, RW)};
	image img = mk_image("pie", ET_DYN, EM_X86_64, s, 2);
	layout l;
	placed_image p;

	(void)state;
	lay_linux(&l);
	place(&img, &l, &p);
	assert_true(p.placed);
	assert_int_equal(p.base, U64(0x555555554000));
	assert_range(p.ranges[0], U64(0x555555554000), U64(0x555555556000));
	assert_range(p.ranges[1], U64(0x555555556000), U64(0x555555557000));
	assert_range(p.span, U64(0x555555554000), U64(0x555555557000));
	check_placed_free(&p);
	layout_free(&l);
}

static void
place_dyn_without_pie_base_is_unplaced_at_its_own_addresses(void **state)
{
	image_segment s[] = {SEG(0, 0, 0x1234, RX)};
	image img = mk_image("pie", ET_DYN, EM_386, s, 1);
	layout l;
	placed_image p;

	(void)state;
	lay_2012(&l, 0);
	place(&img, &l, &p);
	assert_false(p.placed);
	assert_int_equal(p.base, 0);
	assert_range(p.ranges[0], 0, 0x2000);
	check_placed_free(&p);
	place(&img, NULL, &p);
	assert_false(p.placed);
	assert_int_equal(p.base, 0);
	check_placed_free(&p);
	layout_free(&l);
}

static void place_dynamic_exec_occupies_the_linker_area(void **state)
{
	image_segment s[] = {SEG(0, 0x1000000, 0x20000, RX)};
	image img = mk_image("dyn", ET_EXEC, EM_386, s, 1);
	layout l;
	placed_image p;

	(void)state;
	lay_nova(&l);
	img.dynamic = true;
	place(&img, &l, &p);
	assert_range(p.span, 0x1000000, 0x1020000);
	assert_range(p.occupied, 0x1000000, 0x1000000 + MIB(350));
	assert_int_equal(p.occupied.end, 0x16e00000);
	check_placed_free(&p);

	/* Statically linked: just its segments. */
	img.dynamic = false;
	place(&img, &l, &p);
	assert_range(p.occupied, 0x1000000, 0x1020000);
	check_placed_free(&p);

	/* An image larger than the linker area keeps its own span. */
	img.dynamic = true;
	l.linker_area = 0x10000;
	place(&img, &l, &p);
	assert_range(p.occupied, 0x1000000, 0x1020000);
	check_placed_free(&p);

	/* A layout without linker area (2012). */
	l.linker_area = 0;
	place(&img, &l, &p);
	assert_range(p.occupied, 0x1000000, 0x1020000);
	check_placed_free(&p);
	layout_free(&l);
}

static void place_dynamic_dyn_gets_no_linker_area(void **state)
{
	image_segment s[] = {SEG(0, 0, 0x1000, RX)};
	image img = mk_image("lib", ET_DYN, EM_X86_64, s, 1);
	layout l;
	placed_image p;

	(void)state;
	lay_linux(&l);
	l.linker_area = MIB(350);
	img.dynamic = true;
	place(&img, &l, &p);
	assert_range(p.occupied, U64(0x555555554000), U64(0x555555555000));
	check_placed_free(&p);
	layout_free(&l);
}

static void place_keeps_empty_segment_as_empty_range_at_its_page(void **state)
{
	image_segment s[] = {SEG(0, 0x400000, 0x1000, RX),
			     SEG(1, 0x401800, 0, RW),
			     SEG(2, 0x402000, 0x1000, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 3);
	placed_image p;

	(void)state;
	place(&img, NULL, &p);
	assert_range(p.ranges[1], 0x401000, 0x401000);
	assert_range(p.span, 0x400000, 0x403000);
	check_placed_free(&p);
}

static void place_image_without_segments_has_empty_span(void **state)
{
	image img = mk_image("none", ET_EXEC, EM_386, NULL, 0);
	layout l;
	placed_image p;

	(void)state;
	lay_nova(&l);
	img.dynamic = true;
	place(&img, &l, &p);
	assert_non_null(p.ranges);
	assert_range(p.span, 0, 0);
	assert_range(p.occupied, 0, 0);
	check_placed_free(&p);
	layout_free(&l);
}

static void place_refuses_machine_the_layout_does_not_accept(void **state)
{
	image_segment s[] = {SEG(0, 0x400000, 0x1000, RX)};
	image img = mk_image("vmm", ET_EXEC, EM_X86_64, s, 1);
	layout l;
	placed_image p;
	vl_error err = {0};

	(void)state;
	lay_2012(&l, 0);
	assert_false(check_place_image(&img, &l, &p, &err));
	assert_string_equal(err.file, "vmm");
	assert_int_equal(err.line, 0);
	assert_string_equal(
	    err.msg, "machine x86_64 does not match layout t2012 (i386)");
	assert_null(p.ranges);
	assert_false(p.placed);

	/* An e_machine vaslint has no name for is given as a number. */
	lay_add_machine(&l, EM_ARM);
	img.machine = EM_PPC;
	assert_false(check_place_image(&img, &l, &p, &err));
	assert_string_equal(err.msg, "machine 20 (e_machine) does not match "
				     "layout t2012 (i386, arm)");
	layout_free(&l);
	vl_error_free(&err);
}

static void place_refuses_segment_wrapping_past_2_64(void **state)
{
	image_segment dyn[] = {SEG(3, 0x1000, 1, RX)};
	image_segment top[] = {SEG(0, U64(0xfffffffffffff001), 0xffe, RX)};
	image_segment fits[] = {SEG(0, U64(0xffffffffffffe000), 0x1000, RX)};
	image img = mk_image("pie", ET_DYN, EM_X86_64, dyn, 1);
	layout l;
	placed_image p;
	vl_error err = {0};

	(void)state;
	lay_linux(&l);
	l.pie_base = U64(0xfffffffffffff000);
	assert_false(check_place_image(&img, &l, &p, &err));
	assert_string_equal(err.file, "pie");
	assert_string_equal(
	    err.msg,
	    "segment 3 wraps past 2^64 at load base 0xfffffffffffff000");
	assert_null(p.ranges);

	/* Rounding the end up to the page would reach 2^64. */
	img = mk_image("top", ET_EXEC, EM_X86_64, top, 1);
	assert_false(check_place_image(&img, &l, &p, &err));
	assert_string_equal(err.msg,
			    "segment 0 wraps past 2^64 at load base 0x0");

	img = mk_image("top", ET_EXEC, EM_X86_64, fits, 1);
	place(&img, &l, &p);
	assert_range(p.ranges[0], U64(0xffffffffffffe000),
		     U64(0xfffffffffffff000));
	check_placed_free(&p);
	layout_free(&l);
	vl_error_free(&err);
}

/* ---- check_segment_congruence ---- */

static void congruent_segments_give_no_finding(void **state)
{
	image_segment s[] = {SEG(0, 0x401234, 0x100, RX),
			     SEG(1, 0x600000, 0x100, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 2);
	placed_image p;
	vl_diags out = {0};

	(void)state;
	s[1].align = MIB(2);
	s[1].offset = MIB(4);
	place(&img, NULL, &p);
	assert_int_equal(check_segment_congruence(&p, &out), 0);
	assert_int_equal(out.n, 0);
	check_placed_free(&p);
}

static void incongruent_segments_are_each_an_error(void **state)
{
	image_segment s[] = {SEG(0, 0x400000, 0x100, R),
			     SEG(1, 0x401234, 0x100, RX),
			     SEG(2, 0x600000, 0x100, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 3);
	placed_image p;
	vl_diags out = {0};

	(void)state;
	s[1].offset = 0x1000;
	s[2].align = MIB(2);
	s[2].offset = 0x1000;
	place(&img, NULL, &p);
	assert_int_equal(check_segment_congruence(&p, &out), 2);
	assert_int_equal(out.n, 2);
	assert_diag(&out.v[0], "segment-congruence", VL_ERROR, "vmm",
		    "segment 1 (R-X): p_vaddr 0x401234 and p_offset 0x1000 "
		    "differ modulo p_align 0x1000 (0x234 vs 0x0)");
	assert_object(&out.v[0], "segment", "segment 1 (R-X)", 0x401234,
		      0x401334);
	assert_false(out.v[0].has_region);
	assert_diag(&out.v[1], "segment-congruence", VL_ERROR, "vmm",
		    "segment 2 (RW-): p_vaddr 0x600000 and p_offset 0x1000 "
		    "differ modulo p_align 0x200000 (0x0 vs 0x1000)");
	vl_diags_free(&out);
	check_placed_free(&p);
}

static void align_0_or_1_never_makes_segments_incongruent(void **state)
{
	image_segment s[] = {SEG(0, 0x401234, 0x100, RX),
			     SEG(1, 0x402345, 0x100, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 2);
	placed_image p;
	vl_diags out = {0};

	(void)state;
	s[0].align = 0;
	s[0].offset = 7;
	s[1].align = 1;
	s[1].offset = 9;
	place(&img, NULL, &p);
	assert_int_equal(check_segment_congruence(&p, &out), 0);
	assert_int_equal(out.n, 0);
	check_placed_free(&p);
}

/* ---- check_segment_overlap ---- */

static void segments_sharing_bytes_overlap_as_error(void **state)
{
	image_segment s[] = {SEG(0, 0x400000, 0x1800, RX),
			     SEG(1, 0x401000, 0x1000, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 2);
	placed_image p;
	vl_diags out = {0};

	(void)state;
	place(&img, NULL, &p);
	assert_int_equal(check_segment_overlap(&p, &out), 1);
	assert_int_equal(out.n, 1);
	assert_diag(&out.v[0], "segment-overlap", VL_ERROR, "vmm",
		    "segment 0 (R-X) [0x400000, 0x402000) and segment 1 (RW-) "
		    "[0x401000, 0x402000) overlap");
	assert_object(&out.v[0], "segment", "segment 1 (RW-)", 0x401000,
		      0x402000);
	vl_diags_free(&out);
	check_placed_free(&p);
}

static void segments_sharing_only_a_page_are_a_warning(void **state)
{
	image_segment s[] = {SEG(0, 0x400000, 0x800, RX),
			     SEG(1, 0x400800, 0x800, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 2);
	placed_image p;
	vl_diags out = {0};

	(void)state;
	place(&img, NULL, &p);
	assert_int_equal(check_segment_overlap(&p, &out), 1);
	assert_diag(&out.v[0], "segment-overlap", VL_WARNING, "vmm",
		    "segment 0 (R-X) [0x400000, 0x401000) and segment 1 (RW-) "
		    "[0x400000, 0x401000) share a page (the loader maps the "
		    "page once, with one set of rights)");
	/* The rule itself stays an error; only this finding is lowered. */
	assert_int_equal(out.v[0].rule->severity, VL_ERROR);
	assert_int_equal(vl_diags_count(&out, VL_WARNING), 1);
	vl_diags_free(&out);
	check_placed_free(&p);
}

static void page_sharing_depends_on_the_layouts_base_page(void **state)
{
	image_segment s[] = {SEG(0, 0x400000, 0x1000, RX),
			     SEG(1, 0x401000, 0x1000, RW)};
	image img = mk_image("a64", ET_EXEC, EM_AARCH64, s, 2);
	layout l;
	placed_image p;
	vl_diags out = {0};

	(void)state;
	/* 4 KiB pages: the segments touch. */
	place(&img, NULL, &p);
	assert_int_equal(check_segment_overlap(&p, &out), 0);
	check_placed_free(&p);
	/* 64 KiB pages: they share one. */
	lay_init(&l, "t64k", 0x10000, U64(0x1000000000));
	lay_add_machine(&l, EM_AARCH64);
	lay_add_page(&l, 0x10000);
	place(&img, &l, &p);
	assert_int_equal(check_segment_overlap(&p, &out), 1);
	assert_int_equal(out.v[0].severity, VL_WARNING);
	assert_object(&out.v[0], "segment", "segment 1 (RW-)", 0x400000,
		      0x410000);
	vl_diags_free(&out);
	check_placed_free(&p);
	layout_free(&l);
}

static void every_overlapping_pair_is_one_finding(void **state)
{
	image_segment s[] = {
	    SEG(0, 0x400000, 0x3000, RX), SEG(1, 0x401000, 0x1000, R),
	    SEG(2, 0x402000, 0x1000, RW), SEG(3, 0x402800, 0, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 4);
	placed_image p;
	vl_diags out = {0};

	(void)state;
	/* 0-1 and 0-2 overlap; 1-2 touch; the empty segment 3 overlaps
	 * nothing. */
	place(&img, NULL, &p);
	assert_int_equal(check_segment_overlap(&p, &out), 2);
	assert_int_equal(out.n, 2);
	assert_object(&out.v[0], "segment", "segment 1 (R--)", 0x401000,
		      0x402000);
	assert_object(&out.v[1], "segment", "segment 2 (RW-)", 0x402000,
		      0x403000);
	assert_int_equal(vl_diags_count(&out, VL_ERROR), 2);
	vl_diags_free(&out);
	check_placed_free(&p);
}

/* ---- check_address_space ---- */

static void segments_inside_or_touching_the_ends_are_fine(void **state)
{
	image_segment s[] = {SEG(0, 0x1000, 0x1000, RX),
			     SEG(1, 0x7ffff000, 0x1000, RW),
			     SEG(2, 0x90000000, 0, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 3);
	layout l;
	placed_image p;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, 0);
	place(&img, &l, &p);
	assert_int_equal(check_address_space(&p, &l, &out), 0);
	assert_int_equal(out.n, 0);
	check_placed_free(&p);
	layout_free(&l);
}

static void segment_crossing_the_end_lies_partly_outside(void **state)
{
	image_segment s[] = {SEG(0, 0x7ffff000, 0x2000, RX)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 1);
	layout l;
	placed_image p;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, 0);
	place(&img, &l, &p);
	assert_int_equal(check_address_space(&p, &l, &out), 1);
	assert_diag(&out.v[0], "outside-address-space", VL_ERROR, "vmm",
		    "segment 0 (R-X) [0x7ffff000, 0x80001000) lies partly "
		    "outside the address space [0x1000, 0x80000000) of layout "
		    "t2012");
	assert_object(&out.v[0], "segment", "segment 0 (R-X)", 0x7ffff000,
		      0x80001000);
	vl_diags_free(&out);
	check_placed_free(&p);
	layout_free(&l);
}

static void segment_past_the_end_or_below_the_start_lies_outside(void **state)
{
	image_segment above[] = {SEG(0, 0x80000000, 0x1000, RX)};
	image_segment below[] = {SEG(0, 0, 0x1000, RX)};
	image img = mk_image("vmm", ET_EXEC, EM_386, above, 1);
	layout l;
	placed_image p;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, 0);
	place(&img, &l, &p);
	assert_int_equal(check_address_space(&p, &l, &out), 1);
	assert_string_equal(out.v[0].message,
			    "segment 0 (R-X) [0x80000000, 0x80001000) lies "
			    "outside the address space [0x1000, 0x80000000) of "
			    "layout t2012");
	check_placed_free(&p);
	img = mk_image("low", ET_EXEC, EM_386, below, 1);
	place(&img, &l, &p);
	assert_int_equal(check_address_space(&p, &l, &out), 1);
	assert_diag(&out.v[1], "outside-address-space", VL_ERROR, "low",
		    "segment 0 (R-X) [0x0, 0x1000) lies outside the address "
		    "space [0x1000, 0x80000000) of layout t2012");
	vl_diags_free(&out);
	check_placed_free(&p);
	layout_free(&l);
}

static void segments_outside_are_one_finding_naming_all(void **state)
{
	image_segment s[] = {SEG(0, 0x1000000, 0x1000, R),
			     SEG(1, 0xa0000000, 0x1000, RX),
			     SEG(2, 0xa0100000, 0x2000, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 3);
	layout l;
	placed_image p;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, 0);
	place(&img, &l, &p);
	assert_int_equal(check_address_space(&p, &l, &out), 1);
	assert_int_equal(out.n, 1);
	assert_diag(&out.v[0], "outside-address-space", VL_ERROR, "vmm",
		    "segments 1 (R-X), 2 (RW-) [0xa0000000, 0xa0102000) lie "
		    "outside the address space [0x1000, 0x80000000) of layout "
		    "t2012");
	assert_object(&out.v[0], "segments", "segments 1 (R-X), 2 (RW-)",
		      0xa0000000, 0xa0102000);
	vl_diags_free(&out);
	check_placed_free(&p);
	layout_free(&l);
}

static void
group_with_one_segment_partly_inside_lies_partly_outside(void **state)
{
	image_segment s[] = {SEG(0, 0x7ffff000, 0x2000, RX),
			     SEG(1, 0xa0000000, 0x1000, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 2);
	layout l;
	placed_image p;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, 0);
	place(&img, &l, &p);
	assert_int_equal(check_address_space(&p, &l, &out), 1);
	assert_string_equal(
	    out.v[0].message,
	    "segments 0 (R-X), 1 (RW-) [0x7ffff000, 0xa0001000) "
	    "lie partly outside the address space [0x1000, "
	    "0x80000000) of layout t2012");
	vl_diags_free(&out);
	check_placed_free(&p);
	layout_free(&l);
}

static void address_space_not_checked_without_layout_or_place(void **state)
{
	image_segment s[] = {SEG(0, 0xa0000000, 0x1000, RX)};
	image img = mk_image("pie", ET_DYN, EM_386, s, 1);
	layout l;
	placed_image p;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, 0);
	place(&img, &l, &p);
	assert_false(p.placed);
	assert_int_equal(check_address_space(&p, &l, &out), 0);
	check_placed_free(&p);
	img.type = ET_EXEC;
	place(&img, NULL, &p);
	assert_int_equal(check_address_space(&p, NULL, &out), 0);
	assert_int_equal(out.n, 0);
	check_placed_free(&p);
	layout_free(&l);
}

/* ---- check_reserved_overlap ---- */

static void vmm_under_guest_ram_256m_gets_one_finding_and_the_hint(void **state)
{
	image_segment s[] = {SEG(0, 0x6000000, 0x100000, RX),
			     SEG(1, 0x6100000, 0x10000, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 2);
	layout l;
	placed_image p;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, MIB(256));
	place(&img, &l, &p);
	assert_int_equal(check_reserved_overlap(&p, &l, &out), 1);
	assert_int_equal(out.n, 1);
	assert_diag(&out.v[0], "reserved-overlap", VL_ERROR, "vmm",
		    "segments 0 (R-X), 1 (RW-) [0x6000000, 0x6110000) overlap "
		    "guest-shadow [0x0, 0x10000000): " GUEST_WHY
		    "; the lowest legal link address aligned to 4 MiB is "
		    "0x10000000");
	assert_object(&out.v[0], "segments", "segments 0 (R-X), 1 (RW-)",
		      0x6000000, 0x6110000);
	assert_region(&out.v[0], "guest-shadow", 0, 0x10000000);
	assert_string_equal(out.v[0].related_file, "layout.yaml");
	assert_int_equal(out.v[0].related_line, 10);
	assert_int_equal(out.v[0].related_column, 5);
	vl_diags_free(&out);
	check_placed_free(&p);
	layout_free(&l);
}

static void vmm_in_the_context_area_overlaps_it(void **state)
{
	image_segment s[] = {SEG(0, 0x47000000, 0x1000, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 1);
	layout l;
	placed_image p;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, MIB(256));
	place(&img, &l, &p);
	assert_int_equal(check_reserved_overlap(&p, &l, &out), 1);
	assert_diag(&out.v[0], "reserved-overlap", VL_ERROR, "vmm",
		    "segment 0 (RW-) [0x47000000, 0x47001000) overlaps "
		    "context-area [0x40000000, 0x50000000): " STACK_WHY
		    "; the lowest legal link address aligned to 4 MiB is "
		    "0x10000000");
	assert_object(&out.v[0], "segment", "segment 0 (RW-)", 0x47000000,
		      0x47001000);
	assert_region(&out.v[0], "context-area", 0x40000000, 0x50000000);
	assert_int_equal(out.v[0].related_line, 11);
	vl_diags_free(&out);
	check_placed_free(&p);
	layout_free(&l);
}

static void each_region_hit_is_one_finding_naming_its_segments(void **state)
{
	image_segment s[] = {SEG(0, 0xf000000, 0x2000000, RX),
			     SEG(1, 0x20000000, 0x1000, R),
			     SEG(2, 0x4ff00000, 0x200000, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 3);
	layout l;
	placed_image p;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, MIB(256));
	place(&img, &l, &p);
	assert_int_equal(check_reserved_overlap(&p, &l, &out), 2);
	assert_int_equal(out.n, 2);
	assert_object(&out.v[0], "segment", "segment 0 (R-X)", 0xf000000,
		      0x11000000);
	assert_region(&out.v[0], "guest-shadow", 0, 0x10000000);
	assert_object(&out.v[1], "segment", "segment 2 (RW-)", 0x4ff00000,
		      0x50100000);
	assert_region(&out.v[1], "context-area", 0x40000000, 0x50000000);
	/* The image spans 1041 MiB: more than any gap the layout leaves. */
	assert_string_equal(out.v[1].message,
			    "segment 2 (RW-) [0x4ff00000, 0x50100000) overlaps "
			    "context-area [0x40000000, 0x50000000): " STACK_WHY
			    "; no legal link address exists in "
			    "layout t2012 for an image of 1041 MiB");
	vl_diags_free(&out);
	check_placed_free(&p);
	layout_free(&l);
}

static void empty_regions_never_conflict(void **state)
{
	image_segment s[] = {SEG(0, 0x5000000, 0x2000000, RX)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 1);
	layout l;
	placed_image p;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, 0); /* guest-shadow [0, 0) */
	lay_add_region(&l, "marker", 0x6000000, 0x6000000, "nothing");
	place(&img, &l, &p);
	assert_int_equal(check_reserved_overlap(&p, &l, &out), 0);
	assert_int_equal(out.n, 0);
	check_placed_free(&p);
	layout_free(&l);
}

static void hint_aligns_to_the_largest_segment_alignment(void **state)
{
	image_segment s[] = {SEG(0, 0x6000000, 0x1000, RX)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 1);
	layout l;
	placed_image p;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, MIB(260));
	place(&img, &l, &p);
	assert_int_equal(check_reserved_overlap(&p, &l, &out), 1);
	assert_string_equal(out.v[0].message,
			    "segment 0 (R-X) [0x6000000, 0x6001000) overlaps "
			    "guest-shadow [0x0, 0x10400000): " GUEST_WHY
			    "; the lowest legal link address aligned to 4 MiB "
			    "is 0x10400000");
	s[0].align = MIB(256);
	assert_int_equal(check_reserved_overlap(&p, &l, &out), 1);
	assert_string_equal(out.v[1].message,
			    "segment 0 (R-X) [0x6000000, 0x6001000) overlaps "
			    "guest-shadow [0x0, 0x10400000): " GUEST_WHY
			    "; the lowest legal link address aligned to 256 "
			    "MiB is 0x20000000");
	vl_diags_free(&out);
	check_placed_free(&p);
	layout_free(&l);
}

static void hint_says_when_no_legal_address_exists(void **state)
{
	image_segment s[] = {SEG(0, 0x30000000, 0x30400000, RX)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 1);
	layout l;
	placed_image p;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, MIB(256));
	place(&img, &l, &p);
	assert_int_equal(check_reserved_overlap(&p, &l, &out), 1);
	assert_string_equal(out.v[0].message,
			    "segment 0 (R-X) [0x30000000, 0x60400000) overlaps "
			    "context-area [0x40000000, 0x50000000): " STACK_WHY
			    "; no legal link address exists in "
			    "layout t2012 for an image of 772 MiB");
	vl_diags_free(&out);
	check_placed_free(&p);
	layout_free(&l);
}

static void linker_area_overlap_is_reported_when_no_segment_is(void **state)
{
	image_segment s[] = {SEG(0, 0x30000000, 0x10000, RX)};
	image img = mk_image("dyn", ET_EXEC, EM_386, s, 1);
	layout l;
	placed_image p;
	vl_diags out = {0};

	(void)state;
	lay_nova(&l);
	img.dynamic = true;
	place(&img, &l, &p);
	assert_int_equal(check_reserved_overlap(&p, &l, &out), 1);
	assert_diag(&out.v[0], "reserved-overlap", VL_ERROR, "dyn",
		    "linker area of the dynamically linked program "
		    "[0x30000000, 0x45e00000) overlaps stack-area [0x40000000, "
		    "0x50000000): " STACK_WHY "; the lowest legal link address "
		    "aligned to 4 MiB is 0x400000");
	assert_object(&out.v[0], "linker-area",
		      "linker area of the dynamically linked program",
		      0x30000000, 0x45e00000);
	assert_region(&out.v[0], "stack-area", 0x40000000, 0x50000000);
	check_placed_free(&p);

	/* A segment in the region is the finding; the area is not added. */
	s[0].vaddr = 0x3ff00000;
	s[0].memsz = 0x200000;
	place(&img, &l, &p);
	assert_int_equal(check_reserved_overlap(&p, &l, &out), 1);
	assert_int_equal(out.n, 2);
	assert_object(&out.v[1], "segment", "segment 0 (R-X)", 0x3ff00000,
		      0x40100000);
	vl_diags_free(&out);
	check_placed_free(&p);
	layout_free(&l);
}

static void pie_in_a_region_gets_the_load_elsewhere_hint(void **state)
{
	image_segment s[] = {SEG(0, 0, 0x1000, RX)};
	image img = mk_image("pie", ET_DYN, EM_X86_64, s, 1);
	layout l;
	placed_image p;
	vl_diags out = {0};

	(void)state;
	lay_linux(&l);
	lay_add_region(&l, "pie-zone", U64(0x555555000000), U64(0x555556000000),
		       "kept");
	place(&img, &l, &p);
	assert_int_equal(check_reserved_overlap(&p, &l, &out), 1);
	assert_string_equal(
	    out.v[0].message,
	    "segment 0 (R-X) [0x555555554000, 0x555555555000) "
	    "overlaps pie-zone [0x555555000000, 0x555556000000): "
	    "kept; load it elsewhere or shrink the region");
	check_placed_free(&p);

	/* Without a pie-base it has no place, so nothing to overlap. */
	l.has_pie_base = false;
	place(&img, &l, &p);
	assert_int_equal(check_reserved_overlap(&p, &l, &out), 0);
	assert_int_equal(check_reserved_overlap(&p, NULL, &out), 0);
	assert_int_equal(out.n, 1);
	vl_diags_free(&out);
	check_placed_free(&p);
	layout_free(&l);
}

/* ---- check_lowest_legal ---- */

static void lowest_legal_skips_regions_and_honours_alignment(void **state)
{
	layout l;
	uint64_t a = 7;

	(void)state;
	lay_2012(&l, MIB(256));
	/* Free: [0x10000000, 0x40000000) and [0x50000000, 0x80000000). */
	assert_true(check_lowest_legal(&l, 0x1000, MIB(4), &a));
	assert_int_equal(a, 0x10000000);
	assert_true(check_lowest_legal(&l, 0x30000000, MIB(4), &a));
	assert_int_equal(a, 0x10000000);
	assert_true(check_lowest_legal(&l, 0x10000000, 0x20000000, &a));
	assert_int_equal(a, 0x20000000);
	assert_true(check_lowest_legal(&l, 0x20000000, 0x20000000, &a));
	assert_int_equal(a, 0x20000000);
	assert_true(check_lowest_legal(&l, 0x10000001, MIB(4), &a));
	assert_int_equal(a, 0x10000000);
	a = 7;
	assert_false(check_lowest_legal(&l, 0x30000001, MIB(4), &a));
	assert_false(check_lowest_legal(&l, 0x20000001, 0x20000000, &a));
	assert_int_equal(a, 7);
	layout_free(&l);
}

/* The proposed link address steps down through the page sizes: 4 MiB
 * where a 4 MiB aligned place exists, else the next smaller page. */
static void link_address_steps_the_alignment_down(void **state)
{
	layout l;
	uint64_t a = 7, al = 7;

	(void)state;
	lay_2012(&l, MIB(256));
	assert_true(check_link_address(&l, 0x1000, 1, &a, &al));
	assert_int_equal(a, 0x10000000);
	assert_int_equal(al, MIB(4));
	layout_free(&l);
	/* a shadow ending off a 4 MiB boundary, and an exec limit 4 MiB
	 * above it: only a 4 KiB aligned place is left */
	lay_2012(&l, MIB(256) + 0x1000);
	l.exec_limit = 0x10000000 + 0x1000 + MIB(4);
	l.exec_limit_why = xstrdup("small code model");
	assert_true(check_link_address(&l, 0x2000, 1, &a, &al));
	assert_int_equal(a, 0x10001000);
	assert_int_equal(al, 0x1000);
	/* the exec limit leaves no room for 8 MiB at any alignment */
	a = al = 7;
	assert_false(check_link_address(&l, MIB(8), 1, &a, &al));
	assert_int_equal(a, 7);
	layout_free(&l);
	/* min_align above every page size is kept */
	lay_2012(&l, MIB(260));
	assert_true(check_link_address(&l, 0x1000, MIB(32), &a, &al));
	assert_int_equal(a, 0x12000000);
	assert_int_equal(al, MIB(32));
	layout_free(&l);
}

static void lowest_legal_starts_at_the_address_space(void **state)
{
	layout l;
	uint64_t a = 7;

	(void)state;
	lay_2012(&l, 0); /* the empty guest-shadow takes nothing */
	assert_true(check_lowest_legal(&l, 0x1000, 0x1000, &a));
	assert_int_equal(a, 0x1000);
	assert_true(check_lowest_legal(&l, 0x1000, MIB(4), &a));
	assert_int_equal(a, 0x400000);
	/* Size 0 still needs an address; align 0 means none. */
	assert_true(check_lowest_legal(&l, 0, 1, &a));
	assert_int_equal(a, 0x1000);
	assert_true(check_lowest_legal(&l, 0x1000, 0, &a));
	assert_int_equal(a, 0x1000);
	/* An alignment that is not a power of two has no answer. */
	a = 7;
	assert_false(check_lowest_legal(&l, 0x1000, 0x3000, &a));
	assert_int_equal(a, 7);
	layout_free(&l);
}

static void lowest_legal_near_the_end_of_the_space(void **state)
{
	layout l;
	uint64_t a = 7;

	(void)state;
	lay_2012(&l, 0);
	lay_add_region(&l, "low", 0x1000, 0x7ffff000, "taken");
	/* Exactly the last page fits; one byte more does not. */
	assert_true(check_lowest_legal(&l, 0x1000, 0x1000, &a));
	assert_int_equal(a, 0x7ffff000);
	assert_false(check_lowest_legal(&l, 0x1001, 0x1000, &a));
	assert_false(check_lowest_legal(&l, 0x1000, 0x2000, &a));
	assert_int_equal(a, 0x7ffff000);
	layout_free(&l);
}

static void lowest_legal_near_2_64_does_not_wrap(void **state)
{
	layout l;
	uint64_t a = 7;

	(void)state;
	lay_init(&l, "top", U64(0xfffffffffff00000), U64(0xfffffffffffff000));
	lay_add_machine(&l, EM_X86_64);
	lay_add_page(&l, 0x1000);
	lay_add_region(&l, "most", U64(0xfffffffffff00000),
		       U64(0xffffffffffffe000), "taken");
	assert_true(check_lowest_legal(&l, 0x1000, 0x1000, &a));
	assert_int_equal(a, U64(0xffffffffffffe000));
	/* Aligning up to 1 MiB would pass 2^64. */
	assert_false(check_lowest_legal(&l, 0x1000, MIB(1), &a));
	assert_false(check_lowest_legal(&l, 0x2000, 0x1000, &a));
	assert_int_equal(a, U64(0xffffffffffffe000));
	layout_free(&l);
}

static void lowest_legal_fails_when_regions_cover_the_space(void **state)
{
	layout l;
	uint64_t a = 7;

	(void)state;
	lay_2012(&l, 0x80000000);
	assert_false(check_lowest_legal(&l, 1, 1, &a));
	assert_int_equal(a, 7);
	layout_free(&l);
}

/* ---- check_image_overlap ---- */

static void two_fixed_images_that_overlap_are_an_error(void **state)
{
	image_segment sa[] = {SEG(0, 0x400000, 0x2000, RX)};
	image_segment sb[] = {SEG(0, 0x401000, 0x2000, RX)};
	image a = mk_image("a.elf", ET_EXEC, EM_386, sa, 1);
	image b = mk_image("b.elf", ET_EXEC, EM_386, sb, 1);
	placed_image pa, pb;
	vl_diags out = {0};

	(void)state;
	place(&a, NULL, &pa);
	place(&b, NULL, &pb);
	assert_int_equal(check_image_overlap(&pa, &pb, &out), 1);
	assert_int_equal(out.n, 1);
	assert_diag(&out.v[0], "image-overlap", VL_ERROR, "b.elf",
		    "image [0x401000, 0x403000) overlaps a.elf [0x400000, "
		    "0x402000)");
	assert_object(&out.v[0], "image", "b.elf", 0x401000, 0x403000);
	assert_region(&out.v[0], "a.elf", 0x400000, 0x402000);
	vl_diags_free(&out);
	check_placed_free(&pa);
	check_placed_free(&pb);
}

static void touching_images_do_not_overlap(void **state)
{
	image_segment sa[] = {SEG(0, 0x400000, 0x2000, RX)};
	image_segment sb[] = {SEG(0, 0x402000, 0x2000, RX)};
	image a = mk_image("a.elf", ET_EXEC, EM_386, sa, 1);
	image b = mk_image("b.elf", ET_EXEC, EM_386, sb, 1);
	placed_image pa, pb;
	vl_diags out = {0};

	(void)state;
	place(&a, NULL, &pa);
	place(&b, NULL, &pb);
	assert_int_equal(check_image_overlap(&pa, &pb, &out), 0);
	assert_int_equal(check_image_overlap(&pb, &pa, &out), 0);
	assert_int_equal(out.n, 0);
	check_placed_free(&pa);
	check_placed_free(&pb);
}

static void position_independent_images_never_overlap(void **state)
{
	image_segment s[] = {SEG(0, 0, 0x2000, RX)};
	image a = mk_image("a.so", ET_DYN, EM_X86_64, s, 1);
	image b = mk_image("b.so", ET_DYN, EM_X86_64, s, 1);
	image c = mk_image("c.elf", ET_EXEC, EM_X86_64, s, 1);
	layout l;
	placed_image pa, pb, pc;
	vl_diags out = {0};

	(void)state;
	lay_linux(&l);
	/* Both at the same pie-base, and an executable at the same place. */
	place(&a, &l, &pa);
	place(&b, &l, &pb);
	c.segments = (image_segment[]){SEG(0, U64(0x555555554000), 0x2000, RX)};
	place(&c, &l, &pc);
	assert_range(pa.occupied, pb.occupied.start, pb.occupied.end);
	assert_range(pa.occupied, pc.occupied.start, pc.occupied.end);
	assert_int_equal(check_image_overlap(&pa, &pb, &out), 0);
	assert_int_equal(check_image_overlap(&pa, &pc, &out), 0);
	assert_int_equal(check_image_overlap(&pc, &pb, &out), 0);
	assert_int_equal(out.n, 0);
	check_placed_free(&pa);
	check_placed_free(&pb);
	check_placed_free(&pc);
	layout_free(&l);
}

static void linker_area_of_one_image_overlaps_another(void **state)
{
	image_segment sa[] = {SEG(0, 0x1000000, 0x1000, RX)};
	image_segment sb[] = {SEG(0, 0x2000000, 0x1000, RX)};
	image a = mk_image("a.elf", ET_EXEC, EM_386, sa, 1);
	image b = mk_image("b.elf", ET_EXEC, EM_386, sb, 1);
	layout l;
	placed_image pa, pb;
	vl_diags out = {0};

	(void)state;
	lay_nova(&l);
	a.dynamic = true;
	place(&a, &l, &pa);
	place(&b, &l, &pb);
	assert_int_equal(check_image_overlap(&pa, &pb, &out), 1);
	assert_string_equal(out.v[0].message,
			    "image [0x2000000, 0x2001000) overlaps a.elf "
			    "[0x1000000, 0x16e00000)");
	assert_region(&out.v[0], "a.elf", 0x1000000, 0x16e00000);
	vl_diags_free(&out);
	check_placed_free(&pa);
	check_placed_free(&pb);
	layout_free(&l);
}

/* ---- check_position_independent ---- */

static void position_independent_note_says_where_it_was_checked(void **state)
{
	image_segment s[] = {SEG(0, 0, 0x1000, RX)};
	image img = mk_image("pie", ET_DYN, EM_386, s, 1);
	image exe = mk_image("exe", ET_EXEC, EM_386, s, 1);
	layout lin, old;
	placed_image p;
	vl_diags out = {0};

	(void)state;
	lay_linux(&lin);
	lay_2012(&old, 0);
	img.machine = EM_X86_64;
	img.elfclass = ELFCLASS64;
	place(&img, &lin, &p);
	assert_int_equal(check_position_independent(&p, &lin, &out), 1);
	check_placed_free(&p);
	img.machine = EM_386;
	img.elfclass = ELFCLASS32;
	place(&img, &old, &p);
	assert_int_equal(check_position_independent(&p, &old, &out), 1);
	check_placed_free(&p);
	place(&img, NULL, &p);
	assert_int_equal(check_position_independent(&p, NULL, &out), 1);
	check_placed_free(&p);
	place(&exe, &old, &p);
	assert_int_equal(check_position_independent(&p, &old, &out), 0);
	check_placed_free(&p);
	assert_int_equal(out.n, 3);
	assert_diag(&out.v[0], "position-independent", VL_NOTE, "pie",
		    "position-independent image (ET_DYN): checked at load "
		    "base 0x555555554000, where layout tlinux says the "
		    "platform loads such images");
	assert_diag(&out.v[1], "position-independent", VL_NOTE, "pie",
		    "position-independent image (ET_DYN): layout t2012 gives "
		    "no load base (pie-base), so only the image's own "
		    "segments were checked, not where it lands");
	assert_diag(&out.v[2], "position-independent", VL_NOTE, "pie",
		    "position-independent image (ET_DYN): without a layout "
		    "(-L) only its own segments were checked, not where it "
		    "lands");
	vl_diags_free(&out);
	layout_free(&lin);
	layout_free(&old);
}

/* ---- check_images ---- */

static void images_checked_separately_skip_image_overlap(void **state)
{
	image_segment s[] = {SEG(0, 0x1000000, 0x1000, RX)};
	image imgs[2] = {mk_image("a.elf", ET_EXEC, EM_386, s, 1),
			 mk_image("b.elf", ET_EXEC, EM_386, s, 1)};
	placed_image p[2];
	layout l;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, 0);
	place(&imgs[0], &l, &p[0]);
	place(&imgs[1], &l, &p[1]);
	assert_int_equal(check_images(p, 2, &l, false, &out), 0);
	assert_int_equal(out.n, 0);
	assert_int_equal(check_images(p, 2, &l, true, &out), 1);
	assert_int_equal(out.n, 1);
	assert_diag(&out.v[0], "image-overlap", VL_ERROR, "b.elf",
		    "image [0x1000000, 0x1001000) overlaps a.elf [0x1000000, "
		    "0x1001000)");
	vl_diags_free(&out);
	check_placed_free(&p[0]);
	check_placed_free(&p[1]);
	layout_free(&l);
}

static void check_images_returns_the_sum_in_check_order(void **state)
{
	image_segment s0[] = {SEG(0, 0x47000000, 0x1000, RX),
			      SEG(1, 0x7ffff000, 0x2000, RW)};
	image_segment s1[] = {SEG(0, 0, 0x1000, RX)};
	image imgs[2] = {mk_image("vmm", ET_EXEC, EM_386, s0, 2),
			 mk_image("pie", ET_DYN, EM_386, s1, 1)};
	placed_image p[2];
	layout l;
	vl_diags out = {0};

	(void)state;
	s0[0].offset = 0x100;
	lay_2012(&l, 0);
	place(&imgs[0], &l, &p[0]);
	place(&imgs[1], &l, &p[1]);
	assert_int_equal(check_images(p, 2, &l, true, &out), 4);
	assert_int_equal(out.n, 4);
	assert_string_equal(out.v[0].rule->id, "segment-congruence");
	assert_string_equal(out.v[1].rule->id, "outside-address-space");
	assert_string_equal(out.v[2].rule->id, "reserved-overlap");
	assert_string_equal(out.v[3].rule->id, "position-independent");
	assert_string_equal(out.v[0].file, "vmm");
	assert_string_equal(out.v[3].file, "pie");
	assert_int_equal(vl_diags_count(&out, VL_ERROR), 3);
	assert_int_equal(vl_diags_count(&out, VL_NOTE), 1);
	vl_diags_free(&out);
	check_placed_free(&p[0]);
	check_placed_free(&p[1]);
	layout_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(place_exec_rounds_segments_out_to_the_base_page),
	    cmocka_unit_test(place_rounds_to_the_layouts_smallest_page),
	    cmocka_unit_test(
		place_without_layout_uses_4k_pages_and_any_machine),
	    cmocka_unit_test(place_dyn_at_the_layouts_pie_base),
	    cmocka_unit_test(
		place_dyn_without_pie_base_is_unplaced_at_its_own_addresses),
	    cmocka_unit_test(place_dynamic_exec_occupies_the_linker_area),
	    cmocka_unit_test(place_dynamic_dyn_gets_no_linker_area),
	    cmocka_unit_test(
		place_keeps_empty_segment_as_empty_range_at_its_page),
	    cmocka_unit_test(place_image_without_segments_has_empty_span),
	    cmocka_unit_test(place_refuses_machine_the_layout_does_not_accept),
	    cmocka_unit_test(place_refuses_segment_wrapping_past_2_64),
	    cmocka_unit_test(congruent_segments_give_no_finding),
	    cmocka_unit_test(incongruent_segments_are_each_an_error),
	    cmocka_unit_test(align_0_or_1_never_makes_segments_incongruent),
	    cmocka_unit_test(segments_sharing_bytes_overlap_as_error),
	    cmocka_unit_test(segments_sharing_only_a_page_are_a_warning),
	    cmocka_unit_test(page_sharing_depends_on_the_layouts_base_page),
	    cmocka_unit_test(every_overlapping_pair_is_one_finding),
	    cmocka_unit_test(segments_inside_or_touching_the_ends_are_fine),
	    cmocka_unit_test(segment_crossing_the_end_lies_partly_outside),
	    cmocka_unit_test(
		segment_past_the_end_or_below_the_start_lies_outside),
	    cmocka_unit_test(segments_outside_are_one_finding_naming_all),
	    cmocka_unit_test(
		group_with_one_segment_partly_inside_lies_partly_outside),
	    cmocka_unit_test(address_space_not_checked_without_layout_or_place),
	    cmocka_unit_test(
		vmm_under_guest_ram_256m_gets_one_finding_and_the_hint),
	    cmocka_unit_test(vmm_in_the_context_area_overlaps_it),
	    cmocka_unit_test(
		each_region_hit_is_one_finding_naming_its_segments),
	    cmocka_unit_test(empty_regions_never_conflict),
	    cmocka_unit_test(hint_aligns_to_the_largest_segment_alignment),
	    cmocka_unit_test(hint_says_when_no_legal_address_exists),
	    cmocka_unit_test(
		linker_area_overlap_is_reported_when_no_segment_is),
	    cmocka_unit_test(pie_in_a_region_gets_the_load_elsewhere_hint),
	    cmocka_unit_test(lowest_legal_skips_regions_and_honours_alignment),
	    cmocka_unit_test(lowest_legal_starts_at_the_address_space),
	    cmocka_unit_test(link_address_steps_the_alignment_down),
	    cmocka_unit_test(lowest_legal_near_the_end_of_the_space),
	    cmocka_unit_test(lowest_legal_near_2_64_does_not_wrap),
	    cmocka_unit_test(lowest_legal_fails_when_regions_cover_the_space),
	    cmocka_unit_test(two_fixed_images_that_overlap_are_an_error),
	    cmocka_unit_test(touching_images_do_not_overlap),
	    cmocka_unit_test(position_independent_images_never_overlap),
	    cmocka_unit_test(linker_area_of_one_image_overlaps_another),
	    cmocka_unit_test(
		position_independent_note_says_where_it_was_checked),
	    cmocka_unit_test(images_checked_separately_skip_image_overlap),
	    cmocka_unit_test(check_images_returns_the_sum_in_check_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
