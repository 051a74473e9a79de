/* Unit tests for analyzer/check.c and analyzer/space.c on hand-built
 * images, requests and layouts: where segments land in a space, what each
 * check reports (rule, severity, message, object and region ranges), how
 * many findings it returns, and the table of rules the checks are rows
 * of. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "plan.h"
#include "rules.h"
#include "space.h"

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
	memset(r, 0, sizeof(*r));
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

/* linux-x86_64 as shipped: the loader keys with their values for an 8 MiB
 * stack limit (layouts/linux-x86_64.yaml). */
static void lay_linux_loader(layout *l)
{
	lay_linux(l);
	l->pie_base = U64(0x555555554aaa);
	l->pie_aslr =
	    (layout_aslr){true, U64(0x555555554aaa),
			  U64(0x555555554aaa) + ((U64(1) << 28) - 1) * 0x1000};
	l->has_mmap_base = true;
	l->mmap_base = U64(0x7ffff7fff000);
	l->mmap_aslr =
	    (layout_aslr){true, U64(0x7efbff701000), U64(0x7ffbff700000)};
	l->libraries_at_mmap_base = true;
	l->file_map_align = MIB(2);
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
	    /* An ET_DYN is a PIE program unless a test says otherwise. */
	    .interp = type == ET_DYN,
	    .segments = segs,
	    .nsegments = n,
	};
	return img;
}

#define NSEGS(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Spaces ---- */

/* Add an image to a space; the test fails when it cannot be placed. */
static void add_image(space *s, const image *img)
{
	vl_error err = {0};

	if (!space_add_image(s, img, &err))
		fail_msg("%s: %s", err.file, err.msg);
	vl_error_free(&err);
}

/* A space for the layout (NULL: none) holding one image (NULL: none). */
static void space_with(space *s, const layout *l, const image *img)
{
	assert_true(space_init(s, l));
	if (img)
		add_image(s, img);
}

/* The owner added last: the image just added. */
static const sp_owner *last_owner(const space *s)
{
	assert_true(s->nowners > 0);
	return &s->owners[s->nowners - 1];
}

/* Range i of an owner. */
static const sp_range *owner_range(const space *s, const sp_owner *o, size_t i)
{
	assert_true(i < o->n);
	return &s->v[o->first + i];
}

static void assert_range(va_range r, uint64_t start, uint64_t end)
{
	assert_int_equal(r.start, start);
	assert_int_equal(r.end, end);
}

/* Range i of o is an SP_SEGMENT at [start, end). */
static void assert_segment(const space *s, const sp_owner *o, size_t i,
			   uint64_t start, uint64_t end)
{
	const sp_range *x = owner_range(s, o, i);

	assert_int_equal(x->kind, SP_SEGMENT);
	assert_ptr_equal(x->seg, &o->img->segments[i]);
	assert_range(x->range, start, end);
}

/* How many ranges of kind o owns. */
static size_t owner_count(const space *s, const sp_owner *o, sp_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < o->n; i++)
		n += owner_range(s, o, i)->kind == kind;
	return n;
}

/* The owner's SP_LINKER_AREA range; NULL when it has none. */
static const sp_range *linker_area(const space *s, const sp_owner *o)
{
	for (size_t i = 0; i < o->n; i++)
		if (owner_range(s, o, i)->kind == SP_LINKER_AREA)
			return owner_range(s, o, i);
	return NULL;
}

/* The owner's SP_ASLR range; NULL when it has none. */
static const sp_range *aslr_range(const space *s, const sp_owner *o)
{
	for (size_t i = 0; i < o->n; i++)
		if (owner_range(s, o, i)->kind == SP_ASLR)
			return owner_range(s, o, i);
	return NULL;
}

/* space_free leaves nothing behind. */
static void free_space(space *s)
{
	space_free(s);
	assert_null(s->v);
	assert_null(s->owners);
	assert_int_equal(s->n, 0);
	assert_int_equal(s->nowners, 0);
}

static void assert_diag_at(const vl_diag *d, const char *rule_id,
			   vl_severity sev, const char *file, unsigned line,
			   unsigned column, const char *msg)
{
	assert_string_equal(d->rule->id, rule_id);
	assert_int_equal(d->severity, sev);
	assert_string_equal(d->file, file);
	assert_int_equal(d->line, line);
	assert_int_equal(d->column, column);
	assert_string_equal(d->message, msg);
}

static void assert_diag(const vl_diag *d, const char *rule_id, vl_severity sev,
			const char *file, const char *msg)
{
	assert_diag_at(d, rule_id, sev, file, 0, 0, msg);
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

/* ---- space_add_image ---- */

static void space_add_image_rounds_segments_out_to_the_base_page(void **state)
{
	image_segment s[] = {SEG(0, 0x47000123, 0x100, RX),
			     SEG(1, 0x47001f00, 0x200, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 2);
	layout l;
	space sp;

	(void)state;
	lay_2012(&l, 0);
	space_with(&sp, &l, &img);
	const sp_owner *o = last_owner(&sp);
	assert_int_equal(o->kind, SP_OWN_IMAGE);
	assert_ptr_equal(o->img, &img);
	assert_string_equal(o->path, "vmm");
	assert_true(o->placed);
	assert_int_equal(o->base, 0);
	/* The 4 KiB base page of the layout, not its 4 MiB one. */
	assert_int_equal(o->n, 2);
	assert_segment(&sp, o, 0, 0x47000000, 0x47001000);
	assert_segment(&sp, o, 1, 0x47001000, 0x47003000);
	assert_string_equal(owner_range(&sp, o, 0)->name, "segment 0 (R-X)");
	assert_string_equal(owner_range(&sp, o, 1)->name, "segment 1 (RW-)");
	assert_range(o->span, 0x47000000, 0x47003000);
	assert_range(o->occupied, 0x47000000, 0x47003000);
	free_space(&sp);
	layout_free(&l);
}

static void space_add_image_rounds_to_the_layouts_smallest_page(void **state)
{
	image_segment s[] = {SEG(0, 0x410010, 0x10, RX)};
	image img = mk_image("a64", ET_EXEC, EM_AARCH64, s, 1);
	layout l;
	space sp;

	(void)state;
	lay_init(&l, "t64k", 0x10000, U64(0x1000000000));
	lay_add_machine(&l, EM_AARCH64);
	lay_add_page(&l, 0x10000);
	lay_add_page(&l, MIB(512));
	space_with(&sp, &l, &img);
	assert_segment(&sp, last_owner(&sp), 0, 0x410000, 0x420000);
	free_space(&sp);
	layout_free(&l);
}

static void
space_add_image_without_layout_uses_4k_pages_and_any_machine(void **state)
{
	image_segment s[] = {SEG(0, 0x400800, 0x1000, RX)};
	image img = mk_image("ppc", ET_EXEC, EM_PPC, s, 1);
	space sp;

	(void)state;
	space_with(&sp, NULL, &img);
	/* No layout: no layout owner, the image is the only one. */
	assert_int_equal(sp.nowners, 1);
	assert_true(last_owner(&sp)->placed);
	assert_segment(&sp, last_owner(&sp), 0, 0x400000, 0x402000);
	free_space(&sp);
}

static void space_add_image_puts_dyn_at_the_layouts_pie_base(void **state)
{
	image_segment s[] = {SEG(0, 0, 0x1234, RX), SEG(1, 0x2000, 0x100, RW)};
	image img = mk_image("pie", ET_DYN, EM_X86_64, s, 2);
	layout l;
	space sp;

	(void)state;
	lay_linux(&l);
	space_with(&sp, &l, &img);
	const sp_owner *o = last_owner(&sp);
	assert_true(o->placed);
	assert_int_equal(o->base, U64(0x555555554000));
	assert_segment(&sp, o, 0, U64(0x555555554000), U64(0x555555556000));
	assert_segment(&sp, o, 1, U64(0x555555556000), U64(0x555555557000));
	assert_range(o->span, U64(0x555555554000), U64(0x555555557000));
	free_space(&sp);
	layout_free(&l);
}

static void space_add_image_leaves_dyn_without_pie_base_unplaced(void **state)
{
	image_segment s[] = {SEG(0, 0, 0x1234, RX)};
	image img = mk_image("pie", ET_DYN, EM_386, s, 1);
	layout l;
	space sp;

	(void)state;
	lay_2012(&l, 0);
	space_with(&sp, &l, &img);
	assert_false(last_owner(&sp)->placed);
	assert_int_equal(last_owner(&sp)->base, 0);
	assert_segment(&sp, last_owner(&sp), 0, 0, 0x2000);
	free_space(&sp);
	space_with(&sp, NULL, &img);
	assert_false(last_owner(&sp)->placed);
	assert_int_equal(last_owner(&sp)->base, 0);
	free_space(&sp);
	layout_free(&l);
}

static void space_add_image_gives_dynamic_exec_the_linker_area(void **state)
{
	image_segment s[] = {SEG(0, 0x1000000, 0x20000, RX)};
	image img = mk_image("dyn", ET_EXEC, EM_386, s, 1);
	layout l;
	space sp;
	const sp_owner *o;
	const sp_range *area;

	(void)state;
	lay_nova(&l);
	img.dynamic = true;
	img.interp = true;
	space_with(&sp, &l, &img);
	o = last_owner(&sp);
	assert_range(o->span, 0x1000000, 0x1020000);
	assert_range(o->occupied, 0x1000000, 0x1000000 + MIB(350));
	assert_int_equal(o->occupied.end, 0x16e00000);
	assert_int_equal(o->n, 2);
	area = linker_area(&sp, o);
	assert_non_null(area);
	assert_string_equal(area->name,
			    "linker area of the dynamically linked program");
	assert_range(area->range, 0x1000000, 0x16e00000);
	free_space(&sp);

	/* Statically linked: just its segments. */
	img.dynamic = false;
	img.interp = false;
	space_with(&sp, &l, &img);
	o = last_owner(&sp);
	assert_range(o->occupied, 0x1000000, 0x1020000);
	assert_null(linker_area(&sp, o));
	free_space(&sp);

	/* An image larger than the linker area keeps its own span. */
	img.dynamic = true;
	img.interp = true;
	img.interp = true;
	l.linker_area = 0x10000;
	space_with(&sp, &l, &img);
	o = last_owner(&sp);
	assert_range(o->occupied, 0x1000000, 0x1020000);
	assert_null(linker_area(&sp, o));
	free_space(&sp);

	/* A layout without linker area (2012). */
	l.linker_area = 0;
	space_with(&sp, &l, &img);
	o = last_owner(&sp);
	assert_range(o->occupied, 0x1000000, 0x1020000);
	assert_null(linker_area(&sp, o));
	free_space(&sp);
	layout_free(&l);
}

static void space_add_image_gives_dynamic_dyn_no_linker_area(void **state)
{
	image_segment s[] = {SEG(0, 0, 0x1000, RX)};
	image img = mk_image("lib", ET_DYN, EM_X86_64, s, 1);
	layout l;
	space sp;

	(void)state;
	lay_linux(&l);
	l.linker_area = MIB(350);
	img.dynamic = true;
	img.interp = true;
	space_with(&sp, &l, &img);
	assert_range(last_owner(&sp)->occupied, U64(0x555555554000),
		     U64(0x555555555000));
	assert_null(linker_area(&sp, last_owner(&sp)));
	free_space(&sp);
	layout_free(&l);
}

static void
space_add_image_keeps_empty_segment_as_empty_range_at_its_page(void **state)
{
	image_segment s[] = {SEG(0, 0x400000, 0x1000, RX),
			     SEG(1, 0x401800, 0, RW),
			     SEG(2, 0x402000, 0x1000, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 3);
	space sp;

	(void)state;
	space_with(&sp, NULL, &img);
	assert_int_equal(owner_count(&sp, last_owner(&sp), SP_SEGMENT), 3);
	assert_segment(&sp, last_owner(&sp), 1, 0x401000, 0x401000);
	assert_range(last_owner(&sp)->span, 0x400000, 0x403000);
	free_space(&sp);
}

static void space_add_image_without_segments_has_empty_span(void **state)
{
	image img = mk_image("none", ET_EXEC, EM_386, NULL, 0);
	layout l;
	space sp;

	(void)state;
	lay_nova(&l);
	img.dynamic = true;
	img.interp = true;
	space_with(&sp, &l, &img);
	/* The image is an owner, with no ranges (not even a linker area). */
	assert_int_equal(last_owner(&sp)->kind, SP_OWN_IMAGE);
	assert_ptr_equal(last_owner(&sp)->img, &img);
	assert_int_equal(last_owner(&sp)->n, 0);
	assert_range(last_owner(&sp)->span, 0, 0);
	assert_range(last_owner(&sp)->occupied, 0, 0);
	free_space(&sp);
	layout_free(&l);
}

static void
space_add_image_refuses_machine_the_layout_does_not_accept(void **state)
{
	image_segment s[] = {SEG(0, 0x400000, 0x1000, RX)};
	image img = mk_image("vmm", ET_EXEC, EM_X86_64, s, 1);
	layout l;
	space sp;
	vl_error err = {0};

	(void)state;
	lay_2012(&l, 0);
	space_with(&sp, &l, NULL);
	/* The layout's owner and its one non-empty region. */
	assert_int_equal(sp.nowners, 1);
	assert_int_equal(sp.n, 1);
	assert_false(space_add_image(&sp, &img, &err));
	assert_string_equal(err.file, "vmm");
	assert_int_equal(err.line, 0);
	assert_string_equal(
	    err.msg, "machine x86_64 does not match layout t2012 (i386)");
	/* Nothing of the image was added. */
	assert_int_equal(sp.nowners, 1);
	assert_int_equal(sp.n, 1);

	/* A machine no layout accepts is named... */
	lay_add_machine(&l, EM_ARM);
	img.machine = EM_PPC;
	assert_false(space_add_image(&sp, &img, &err));
	assert_string_equal(
	    err.msg, "machine ppc does not match layout t2012 (i386, arm)");
	img.machine = EM_X86_64;
	img.elfclass = ELFCLASS32;
	assert_false(space_add_image(&sp, &img, &err));
	assert_string_equal(
	    err.msg, "machine x32 does not match layout t2012 (i386, arm)");
	/* ...and one vaslint has no name for is given as a number. */
	img.machine = 999;
	assert_false(space_add_image(&sp, &img, &err));
	assert_string_equal(err.msg, "machine 999 (e_machine) does not match "
				     "layout t2012 (i386, arm)");
	assert_int_equal(sp.nowners, 1);
	assert_int_equal(sp.n, 1);
	free_space(&sp);
	layout_free(&l);
	vl_error_free(&err);
	vl_error_free(&err);
}

/* No SP_SEGMENT range anywhere in the space. */
static void assert_no_segments(const space *s)
{
	for (size_t i = 0; i < s->n; i++)
		assert_int_not_equal(s->v[i].kind, SP_SEGMENT);
}

static void
space_add_image_refuses_segments_wrapping_past_2_64_only(void **state)
{
	/* The first segment lands at pie-base; the next one passes 2^64. */
	image_segment dyn[] = {SEG(2, 0, 1, R), SEG(3, 0x1000, 1, RX)};
	image_segment top[] = {SEG(0, U64(0xfffffffffffff001), 0xffe, RX)};
	image_segment fits[] = {SEG(0, U64(0xffffffffffffe000), 0x1000, RX)};
	image_segment to_top[] = {SEG(0, 0x1000, 0x1000, RX)};
	image img = mk_image("pie", ET_DYN, EM_X86_64, dyn, 2);
	layout l;
	space sp;
	vl_error err = {0};

	(void)state;
	lay_linux(&l);
	l.pie_base = U64(0xfffffffffffff000);
	space_with(&sp, &l, NULL);
	assert_false(space_add_image(&sp, &img, &err));
	assert_string_equal(err.file, "pie");
	assert_string_equal(
	    err.msg,
	    "segment 3 wraps past 2^64 at load base 0xfffffffffffff000");
	assert_no_segments(&sp);
	free_space(&sp);

	/* Rounded to the page it ends at 2^64: the last page of the space,
	 * no wrap.  No range ends at 2^64, so it ends at 2^64 - 1. */
	img = mk_image("top", ET_EXEC, EM_X86_64, top, 1);
	space_with(&sp, &l, &img);
	assert_segment(&sp, last_owner(&sp), 0, U64(0xfffffffffffff000),
		       UINT64_MAX);
	free_space(&sp);

	/* The same through the load base: its first page, linked at 0x1000,
	 * lands at pie-base, the last page; its last byte is 2^64 - 1. */
	img = mk_image("pie", ET_DYN, EM_X86_64, to_top, 1);
	space_with(&sp, &l, &img);
	assert_segment(&sp, last_owner(&sp), 0, U64(0xfffffffffffff000),
		       UINT64_MAX);
	assert_int_equal(last_owner(&sp)->base, U64(0xffffffffffffe000));
	free_space(&sp);

	img = mk_image("top", ET_EXEC, EM_X86_64, fits, 1);
	space_with(&sp, &l, &img);
	assert_segment(&sp, last_owner(&sp), 0, U64(0xffffffffffffe000),
		       U64(0xfffffffffffff000));
	free_space(&sp);
	layout_free(&l);
	vl_error_free(&err);
}

/* space_image_extent is what `fix` and `plan` size an image by: the
 * occupied range, linker area included. */
static void space_image_extent_is_the_occupied_range(void **state)
{
	image_segment s[] = {SEG(0, 0x1000000, 0x20000, RX)};
	image img = mk_image("dyn", ET_EXEC, EM_386, s, 1);
	layout l;
	va_range r = {7, 7};
	vl_error err = {0};

	(void)state;
	lay_nova(&l);
	img.dynamic = true;
	img.interp = true;
	assert_true(space_image_extent(&img, &l, &r, &err));
	assert_range(r, 0x1000000, 0x16e00000);
	img.machine = EM_X86_64;
	img.elfclass = ELFCLASS64;
	assert_false(space_image_extent(&img, &l, &r, &err));
	assert_string_equal(
	    err.msg, "machine x86_64 does not match layout tnova (i386)");
	layout_free(&l);
	vl_error_free(&err);
}

/* ---- check_segment_congruence ---- */

static void congruent_segments_give_no_finding(void **state)
{
	image_segment s[] = {SEG(0, 0x401234, 0x100, RX),
			     SEG(1, 0x600000, 0x100, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 2);
	space sp;
	vl_diags out = {0};

	(void)state;
	s[1].align = MIB(2);
	s[1].offset = MIB(4);
	space_with(&sp, NULL, &img);
	assert_int_equal(check_segment_congruence(&sp, &out), 0);
	assert_int_equal(out.n, 0);
	free_space(&sp);
}

static void incongruent_segments_are_each_an_error(void **state)
{
	image_segment s[] = {SEG(0, 0x400000, 0x100, R),
			     SEG(1, 0x401234, 0x100, RX),
			     SEG(2, 0x600000, 0x100, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 3);
	space sp;
	vl_diags out = {0};

	(void)state;
	s[1].offset = 0x1000;
	s[2].align = MIB(2);
	s[2].offset = 0x1000;
	space_with(&sp, NULL, &img);
	assert_int_equal(check_segment_congruence(&sp, &out), 2);
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
	free_space(&sp);
}

static void align_0_or_1_never_makes_segments_incongruent(void **state)
{
	image_segment s[] = {SEG(0, 0x401234, 0x100, RX),
			     SEG(1, 0x402345, 0x100, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 2);
	space sp;
	vl_diags out = {0};

	(void)state;
	s[0].align = 0;
	s[0].offset = 7;
	s[1].align = 1;
	s[1].offset = 9;
	space_with(&sp, NULL, &img);
	assert_int_equal(check_segment_congruence(&sp, &out), 0);
	assert_int_equal(out.n, 0);
	free_space(&sp);
}

/* ---- check_segment_overlap ---- */

static void segments_sharing_bytes_overlap_as_error(void **state)
{
	image_segment s[] = {SEG(0, 0x400000, 0x1800, RX),
			     SEG(1, 0x401000, 0x1000, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 2);
	space sp;
	vl_diags out = {0};

	(void)state;
	space_with(&sp, NULL, &img);
	assert_int_equal(check_segment_overlap(&sp, &out), 1);
	assert_int_equal(out.n, 1);
	assert_diag(&out.v[0], "segment-overlap", VL_ERROR, "vmm",
		    "segment 0 (R-X) [0x400000, 0x402000) and segment 1 (RW-) "
		    "[0x401000, 0x402000) overlap");
	assert_object(&out.v[0], "segment", "segment 1 (RW-)", 0x401000,
		      0x402000);
	vl_diags_free(&out);
	free_space(&sp);
}

static void segments_sharing_only_a_page_are_a_warning(void **state)
{
	image_segment s[] = {SEG(0, 0x400000, 0x800, RX),
			     SEG(1, 0x400800, 0x800, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 2);
	space sp;
	vl_diags out = {0};

	(void)state;
	space_with(&sp, NULL, &img);
	assert_int_equal(check_segment_overlap(&sp, &out), 1);
	assert_diag(&out.v[0], "segment-overlap", VL_WARNING, "vmm",
		    "segment 0 (R-X) [0x400000, 0x401000) and segment 1 (RW-) "
		    "[0x400000, 0x401000) share a page (the loader maps the "
		    "page once, with one set of rights)");
	/* The rule itself stays an error; only this finding is lowered. */
	assert_int_equal(out.v[0].rule->severity, VL_ERROR);
	assert_int_equal(vl_diags_count(&out, VL_WARNING), 1);
	vl_diags_free(&out);
	free_space(&sp);
}

static void page_sharing_depends_on_the_layouts_base_page(void **state)
{
	image_segment s[] = {SEG(0, 0x400000, 0x1000, RX),
			     SEG(1, 0x401000, 0x1000, RW)};
	image img = mk_image("a64", ET_EXEC, EM_AARCH64, s, 2);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	/* 4 KiB pages: the segments touch. */
	space_with(&sp, NULL, &img);
	assert_int_equal(check_segment_overlap(&sp, &out), 0);
	free_space(&sp);
	/* 64 KiB pages: they share one. */
	lay_init(&l, "t64k", 0x10000, U64(0x1000000000));
	lay_add_machine(&l, EM_AARCH64);
	lay_add_page(&l, 0x10000);
	space_with(&sp, &l, &img);
	assert_int_equal(check_segment_overlap(&sp, &out), 1);
	assert_int_equal(out.v[0].severity, VL_WARNING);
	assert_object(&out.v[0], "segment", "segment 1 (RW-)", 0x400000,
		      0x410000);
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

static void every_overlapping_pair_is_one_finding(void **state)
{
	image_segment s[] = {
	    SEG(0, 0x400000, 0x3000, RX), SEG(1, 0x401000, 0x1000, R),
	    SEG(2, 0x402000, 0x1000, RW), SEG(3, 0x402800, 0, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 4);
	space sp;
	vl_diags out = {0};

	(void)state;
	/* 0-1 and 0-2 overlap; 1-2 touch; the empty segment 3 overlaps
	 * nothing. */
	space_with(&sp, NULL, &img);
	assert_int_equal(check_segment_overlap(&sp, &out), 2);
	assert_int_equal(out.n, 2);
	assert_object(&out.v[0], "segment", "segment 1 (R--)", 0x401000,
		      0x402000);
	assert_object(&out.v[1], "segment", "segment 2 (RW-)", 0x402000,
		      0x403000);
	assert_int_equal(vl_diags_count(&out, VL_ERROR), 2);
	vl_diags_free(&out);
	free_space(&sp);
}

/* ---- check_address_space ---- */

static void segments_inside_or_touching_the_ends_are_fine(void **state)
{
	image_segment s[] = {SEG(0, 0x1000, 0x1000, RX),
			     SEG(1, 0x7ffff000, 0x1000, RW),
			     SEG(2, 0x90000000, 0, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 3);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, 0);
	space_with(&sp, &l, &img);
	assert_int_equal(check_address_space(&sp, &out), 0);
	assert_int_equal(out.n, 0);
	free_space(&sp);
	layout_free(&l);
}

static void segment_crossing_the_end_lies_partly_outside(void **state)
{
	image_segment s[] = {SEG(0, 0x7ffff000, 0x2000, RX)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 1);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, 0);
	space_with(&sp, &l, &img);
	assert_int_equal(check_address_space(&sp, &out), 1);
	assert_diag(&out.v[0], "outside-address-space", VL_ERROR, "vmm",
		    "segment 0 (R-X) [0x7ffff000, 0x80001000) lies partly "
		    "outside the address space [0x1000, 0x80000000) of layout "
		    "t2012");
	assert_object(&out.v[0], "segment", "segment 0 (R-X)", 0x7ffff000,
		      0x80001000);
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

static void segment_past_the_end_or_below_the_start_lies_outside(void **state)
{
	image_segment above[] = {SEG(0, 0x80000000, 0x1000, RX)};
	image_segment below[] = {SEG(0, 0, 0x1000, RX)};
	image img = mk_image("vmm", ET_EXEC, EM_386, above, 1);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, 0);
	space_with(&sp, &l, &img);
	assert_int_equal(check_address_space(&sp, &out), 1);
	assert_string_equal(out.v[0].message,
			    "segment 0 (R-X) [0x80000000, 0x80001000) lies "
			    "outside the address space [0x1000, 0x80000000) of "
			    "layout t2012");
	free_space(&sp);
	img = mk_image("low", ET_EXEC, EM_386, below, 1);
	space_with(&sp, &l, &img);
	assert_int_equal(check_address_space(&sp, &out), 1);
	assert_diag(&out.v[1], "outside-address-space", VL_ERROR, "low",
		    "segment 0 (R-X) [0x0, 0x1000) lies outside the address "
		    "space [0x1000, 0x80000000) of layout t2012");
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

static void segments_outside_are_one_finding_naming_all(void **state)
{
	image_segment s[] = {SEG(0, 0x1000000, 0x1000, R),
			     SEG(1, 0xa0000000, 0x1000, RX),
			     SEG(2, 0xa0100000, 0x2000, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 3);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, 0);
	space_with(&sp, &l, &img);
	assert_int_equal(check_address_space(&sp, &out), 1);
	assert_int_equal(out.n, 1);
	assert_diag(&out.v[0], "outside-address-space", VL_ERROR, "vmm",
		    "segments 1 (R-X), 2 (RW-) [0xa0000000, 0xa0102000) lie "
		    "outside the address space [0x1000, 0x80000000) of layout "
		    "t2012");
	assert_object(&out.v[0], "segments", "segments 1 (R-X), 2 (RW-)",
		      0xa0000000, 0xa0102000);
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

static void
group_with_one_segment_partly_inside_lies_partly_outside(void **state)
{
	image_segment s[] = {SEG(0, 0x7ffff000, 0x2000, RX),
			     SEG(1, 0xa0000000, 0x1000, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 2);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, 0);
	space_with(&sp, &l, &img);
	assert_int_equal(check_address_space(&sp, &out), 1);
	assert_string_equal(
	    out.v[0].message,
	    "segments 0 (R-X), 1 (RW-) [0x7ffff000, 0xa0001000) "
	    "lie partly outside the address space [0x1000, "
	    "0x80000000) of layout t2012");
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

static void address_space_not_checked_without_layout_or_place(void **state)
{
	image_segment s[] = {SEG(0, 0xa0000000, 0x1000, RX)};
	image img = mk_image("pie", ET_DYN, EM_386, s, 1);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, 0);
	space_with(&sp, &l, &img);
	assert_false(last_owner(&sp)->placed);
	assert_int_equal(check_address_space(&sp, &out), 0);
	free_space(&sp);
	img.type = ET_EXEC;
	space_with(&sp, NULL, &img);
	assert_int_equal(check_address_space(&sp, &out), 0);
	assert_int_equal(out.n, 0);
	free_space(&sp);
	layout_free(&l);
}

/* ---- check_reserved_overlap ---- */

static void vmm_under_guest_ram_256m_gets_one_finding_and_the_hint(void **state)
{
	image_segment s[] = {SEG(0, 0x6000000, 0x100000, RX),
			     SEG(1, 0x6100000, 0x10000, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 2);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, MIB(256));
	space_with(&sp, &l, &img);
	assert_int_equal(check_reserved_overlap(&sp, &out), 1);
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
	free_space(&sp);
	layout_free(&l);
}

static void vmm_in_the_context_area_overlaps_it(void **state)
{
	image_segment s[] = {SEG(0, 0x47000000, 0x1000, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 1);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, MIB(256));
	space_with(&sp, &l, &img);
	assert_int_equal(check_reserved_overlap(&sp, &out), 1);
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
	free_space(&sp);
	layout_free(&l);
}

static void each_region_hit_is_one_finding_naming_its_segments(void **state)
{
	image_segment s[] = {SEG(0, 0xf000000, 0x2000000, RX),
			     SEG(1, 0x20000000, 0x1000, R),
			     SEG(2, 0x4ff00000, 0x200000, RW)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 3);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, MIB(256));
	space_with(&sp, &l, &img);
	assert_int_equal(check_reserved_overlap(&sp, &out), 2);
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
			    "layout t2012 for an image spanning [0xf000000, "
			    "0x50100000) (1041 MiB)");
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

static void empty_regions_never_conflict(void **state)
{
	image_segment s[] = {SEG(0, 0x5000000, 0x2000000, RX)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 1);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, 0); /* guest-shadow [0, 0) */
	lay_add_region(&l, "marker", 0x6000000, 0x6000000, "nothing");
	space_with(&sp, &l, &img);
	/* Neither empty region is a range of the space. */
	assert_int_equal(sp.owners[0].kind, SP_OWN_LAYOUT);
	assert_int_equal(sp.owners[0].n, 1);
	assert_string_equal(sp.v[0].name, "context-area");
	assert_int_equal(check_reserved_overlap(&sp, &out), 0);
	assert_int_equal(out.n, 0);
	free_space(&sp);
	layout_free(&l);
}

static void hint_aligns_to_the_largest_segment_alignment(void **state)
{
	image_segment s[] = {SEG(0, 0x6000000, 0x1000, RX)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 1);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, MIB(260));
	space_with(&sp, &l, &img);
	assert_int_equal(check_reserved_overlap(&sp, &out), 1);
	assert_string_equal(out.v[0].message,
			    "segment 0 (R-X) [0x6000000, 0x6001000) overlaps "
			    "guest-shadow [0x0, 0x10400000): " GUEST_WHY
			    "; the lowest legal link address aligned to 4 MiB "
			    "is 0x10400000");
	free_space(&sp);
	/* The alignment is the image's: it is read when it is added. */
	s[0].align = MIB(256);
	space_with(&sp, &l, &img);
	assert_int_equal(check_reserved_overlap(&sp, &out), 1);
	assert_string_equal(out.v[1].message,
			    "segment 0 (R-X) [0x6000000, 0x6001000) overlaps "
			    "guest-shadow [0x0, 0x10400000): " GUEST_WHY
			    "; the lowest legal link address aligned to 256 "
			    "MiB is 0x20000000");
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

static void hint_says_when_no_legal_address_exists(void **state)
{
	image_segment s[] = {SEG(0, 0x30000000, 0x30400000, RX)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 1);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, MIB(256));
	space_with(&sp, &l, &img);
	assert_int_equal(check_reserved_overlap(&sp, &out), 1);
	assert_string_equal(out.v[0].message,
			    "segment 0 (R-X) [0x30000000, 0x60400000) overlaps "
			    "context-area [0x40000000, 0x50000000): " STACK_WHY
			    "; no legal link address exists in "
			    "layout t2012 for an image spanning [0x30000000, "
			    "0x60400000) (772 MiB)");
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

static void legal_hint_is_a_malloced_string(void **state)
{
	layout l;
	char *h;

	(void)state;
	lay_2012(&l, MIB(256));
	h = check_legal_hint(&l, (va_range){0, 0x1000}, 1);
	assert_non_null(h);
	assert_string_equal(
	    h, "; the lowest legal link address aligned to 4 MiB is "
	       "0x10000000");
	free(h);
	h = check_legal_hint(&l, (va_range){0x4000000, 0x4000000 + MIB(1041)},
			     1);
	assert_non_null(h);
	assert_string_equal(h, "; no legal link address exists in layout "
			       "t2012 for an image spanning [0x4000000, "
			       "0x45100000) (1041 MiB)");
	free(h);
	layout_free(&l);
}

static void linker_area_overlap_is_reported_when_no_segment_is(void **state)
{
	image_segment s[] = {SEG(0, 0x30000000, 0x10000, RX)};
	image img = mk_image("dyn", ET_EXEC, EM_386, s, 1);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_nova(&l);
	img.dynamic = true;
	img.interp = true;
	space_with(&sp, &l, &img);
	assert_int_equal(check_reserved_overlap(&sp, &out), 1);
	assert_diag(&out.v[0], "reserved-overlap", VL_ERROR, "dyn",
		    "linker area of the dynamically linked program "
		    "[0x30000000, 0x45e00000) overlaps stack-area [0x40000000, "
		    "0x50000000): " STACK_WHY "; the lowest legal link address "
		    "aligned to 4 MiB is 0x400000");
	assert_object(&out.v[0], "linker-area",
		      "linker area of the dynamically linked program",
		      0x30000000, 0x45e00000);
	assert_region(&out.v[0], "stack-area", 0x40000000, 0x50000000);
	free_space(&sp);

	/* A segment in the region is the finding; the area is not added. */
	s[0].vaddr = 0x3ff00000;
	s[0].memsz = 0x200000;
	space_with(&sp, &l, &img);
	assert_int_equal(check_reserved_overlap(&sp, &out), 1);
	assert_int_equal(out.n, 2);
	assert_object(&out.v[1], "segment", "segment 0 (R-X)", 0x3ff00000,
		      0x40100000);
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

static void pie_in_a_region_gets_the_load_elsewhere_hint(void **state)
{
	image_segment s[] = {SEG(0, 0, 0x1000, RX)};
	image img = mk_image("pie", ET_DYN, EM_X86_64, s, 1);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_linux(&l);
	lay_add_region(&l, "pie-zone", U64(0x555555000000), U64(0x555556000000),
		       "kept");
	space_with(&sp, &l, &img);
	assert_int_equal(check_reserved_overlap(&sp, &out), 1);
	assert_string_equal(
	    out.v[0].message,
	    "segment 0 (R-X) [0x555555554000, 0x555555555000) "
	    "overlaps pie-zone [0x555555000000, 0x555556000000): "
	    "kept; load it elsewhere or shrink the region");
	free_space(&sp);

	/* Without a pie-base it has no place, so nothing to overlap. */
	l.has_pie_base = false;
	space_with(&sp, &l, &img);
	assert_int_equal(check_reserved_overlap(&sp, &out), 0);
	free_space(&sp);
	space_with(&sp, NULL, &img);
	assert_int_equal(check_reserved_overlap(&sp, &out), 0);
	assert_int_equal(out.n, 1);
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

/* ---- plan_lowest_legal ---- */

static void lowest_legal_skips_regions_and_honours_alignment(void **state)
{
	layout l;
	uint64_t a = 7;

	(void)state;
	lay_2012(&l, MIB(256));
	/* Free: [0x10000000, 0x40000000) and [0x50000000, 0x80000000). */
	assert_true(plan_lowest_legal(&l, 0x1000, MIB(4), &a));
	assert_int_equal(a, 0x10000000);
	assert_true(plan_lowest_legal(&l, 0x30000000, MIB(4), &a));
	assert_int_equal(a, 0x10000000);
	assert_true(plan_lowest_legal(&l, 0x10000000, 0x20000000, &a));
	assert_int_equal(a, 0x20000000);
	assert_true(plan_lowest_legal(&l, 0x20000000, 0x20000000, &a));
	assert_int_equal(a, 0x20000000);
	assert_true(plan_lowest_legal(&l, 0x10000001, MIB(4), &a));
	assert_int_equal(a, 0x10000000);
	a = 7;
	assert_false(plan_lowest_legal(&l, 0x30000001, MIB(4), &a));
	assert_false(plan_lowest_legal(&l, 0x20000001, 0x20000000, &a));
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
	assert_true(plan_link_address(&l, 0x1000, 1, &a, &al));
	assert_int_equal(a, 0x10000000);
	assert_int_equal(al, MIB(4));
	layout_free(&l);
	/* a shadow ending off a 4 MiB boundary, and an exec limit 4 MiB
	 * above it: only a 4 KiB aligned place is left */
	lay_2012(&l, MIB(256) + 0x1000);
	l.exec_limit = 0x10000000 + 0x1000 + MIB(4);
	l.exec_limit_why = xstrdup("small code model");
	assert_true(plan_link_address(&l, 0x2000, 1, &a, &al));
	assert_int_equal(a, 0x10001000);
	assert_int_equal(al, 0x1000);
	/* the exec limit leaves no room for 8 MiB at any alignment */
	a = al = 7;
	assert_false(plan_link_address(&l, MIB(8), 1, &a, &al));
	assert_int_equal(a, 7);
	layout_free(&l);
	/* min_align above every page size is kept */
	lay_2012(&l, MIB(260));
	assert_true(plan_link_address(&l, 0x1000, MIB(32), &a, &al));
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
	assert_true(plan_lowest_legal(&l, 0x1000, 0x1000, &a));
	assert_int_equal(a, 0x1000);
	assert_true(plan_lowest_legal(&l, 0x1000, MIB(4), &a));
	assert_int_equal(a, 0x400000);
	/* Size 0 still needs an address; align 0 means none. */
	assert_true(plan_lowest_legal(&l, 0, 1, &a));
	assert_int_equal(a, 0x1000);
	assert_true(plan_lowest_legal(&l, 0x1000, 0, &a));
	assert_int_equal(a, 0x1000);
	/* An alignment that is not a power of two has no answer. */
	a = 7;
	assert_false(plan_lowest_legal(&l, 0x1000, 0x3000, &a));
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
	assert_true(plan_lowest_legal(&l, 0x1000, 0x1000, &a));
	assert_int_equal(a, 0x7ffff000);
	assert_false(plan_lowest_legal(&l, 0x1001, 0x1000, &a));
	assert_false(plan_lowest_legal(&l, 0x1000, 0x2000, &a));
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
	assert_true(plan_lowest_legal(&l, 0x1000, 0x1000, &a));
	assert_int_equal(a, U64(0xffffffffffffe000));
	/* Aligning up to 1 MiB would pass 2^64. */
	assert_false(plan_lowest_legal(&l, 0x1000, MIB(1), &a));
	assert_false(plan_lowest_legal(&l, 0x2000, 0x1000, &a));
	assert_int_equal(a, U64(0xffffffffffffe000));
	layout_free(&l);
}

static void lowest_legal_fails_when_regions_cover_the_space(void **state)
{
	layout l;
	uint64_t a = 7;

	(void)state;
	lay_2012(&l, 0x80000000);
	assert_false(plan_lowest_legal(&l, 1, 1, &a));
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
	space sp;
	vl_diags out = {0};

	(void)state;
	space_with(&sp, NULL, &a);
	add_image(&sp, &b);
	assert_int_equal(check_image_overlap(&sp, &out), 1);
	assert_int_equal(out.n, 1);
	assert_diag(&out.v[0], "image-overlap", VL_ERROR, "b.elf",
		    "image [0x401000, 0x403000) overlaps a.elf [0x400000, "
		    "0x402000)");
	assert_object(&out.v[0], "image", "b.elf", 0x401000, 0x403000);
	assert_region(&out.v[0], "a.elf", 0x400000, 0x402000);
	vl_diags_free(&out);
	free_space(&sp);
}

static void touching_images_do_not_overlap(void **state)
{
	image_segment sa[] = {SEG(0, 0x400000, 0x2000, RX)};
	image_segment sb[] = {SEG(0, 0x402000, 0x2000, RX)};
	image a = mk_image("a.elf", ET_EXEC, EM_386, sa, 1);
	image b = mk_image("b.elf", ET_EXEC, EM_386, sb, 1);
	space sp;
	vl_diags out = {0};

	(void)state;
	space_with(&sp, NULL, &a);
	add_image(&sp, &b);
	assert_int_equal(check_image_overlap(&sp, &out), 0);
	free_space(&sp);
	space_with(&sp, NULL, &b);
	add_image(&sp, &a);
	assert_int_equal(check_image_overlap(&sp, &out), 0);
	assert_int_equal(out.n, 0);
	free_space(&sp);
}

static void position_independent_images_never_overlap(void **state)
{
	image_segment s[] = {SEG(0, 0, 0x2000, RX)};
	image a = mk_image("a.so", ET_DYN, EM_X86_64, s, 1);
	image b = mk_image("b.so", ET_DYN, EM_X86_64, s, 1);
	image c = mk_image("c.elf", ET_EXEC, EM_X86_64, s, 1);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_linux(&l);
	/* Both at the same pie-base, and an executable at the same place. */
	c.segments = (image_segment[]){SEG(0, U64(0x555555554000), 0x2000, RX)};
	space_with(&sp, &l, &a);
	add_image(&sp, &b);
	add_image(&sp, &c);
	assert_int_equal(sp.nowners, 4);
	const sp_owner *pa = &sp.owners[1], *pb = &sp.owners[2],
		       *pc = &sp.owners[3];
	assert_ptr_equal(pa->img, &a);
	assert_ptr_equal(pb->img, &b);
	assert_ptr_equal(pc->img, &c);
	assert_range(pa->occupied, pb->occupied.start, pb->occupied.end);
	assert_range(pa->occupied, pc->occupied.start, pc->occupied.end);
	assert_int_equal(check_image_overlap(&sp, &out), 0);
	assert_int_equal(out.n, 0);
	free_space(&sp);
	layout_free(&l);
}

static void linker_area_of_one_image_overlaps_another(void **state)
{
	image_segment sa[] = {SEG(0, 0x1000000, 0x1000, RX)};
	image_segment sb[] = {SEG(0, 0x2000000, 0x1000, RX)};
	image a = mk_image("a.elf", ET_EXEC, EM_386, sa, 1);
	image b = mk_image("b.elf", ET_EXEC, EM_386, sb, 1);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_nova(&l);
	a.dynamic = true;
	a.interp = true;
	space_with(&sp, &l, &a);
	add_image(&sp, &b);
	assert_int_equal(check_image_overlap(&sp, &out), 1);
	assert_string_equal(out.v[0].message,
			    "image [0x2000000, 0x2001000) overlaps a.elf "
			    "[0x1000000, 0x16e00000)");
	assert_region(&out.v[0], "a.elf", 0x1000000, 0x16e00000);
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

/* ---- check_position_independent ---- */

static void position_independent_note_says_where_it_was_checked(void **state)
{
	image_segment s[] = {SEG(0, 0, 0x1000, RX)};
	image img = mk_image("pie", ET_DYN, EM_386, s, 1);
	image exe = mk_image("exe", ET_EXEC, EM_386, s, 1);
	layout lin, old;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_linux(&lin);
	lay_2012(&old, 0);
	img.machine = EM_X86_64;
	img.elfclass = ELFCLASS64;
	space_with(&sp, &lin, &img);
	assert_int_equal(check_position_independent(&sp, &out), 1);
	free_space(&sp);
	img.machine = EM_386;
	img.elfclass = ELFCLASS32;
	space_with(&sp, &old, &img);
	assert_int_equal(check_position_independent(&sp, &out), 1);
	free_space(&sp);
	space_with(&sp, NULL, &img);
	assert_int_equal(check_position_independent(&sp, &out), 1);
	free_space(&sp);
	space_with(&sp, &old, &exe);
	assert_int_equal(check_position_independent(&sp, &out), 0);
	free_space(&sp);
	assert_int_equal(out.n, 3);
	assert_diag(&out.v[0], "position-independent", VL_NOTE, "pie",
		    "position-independent executable (ET_DYN with PT_INTERP): "
		    "checked at 0x555555554000, where Linux puts a PIE with "
		    "an interpreter (ELF_ET_DYN_BASE: pie-base 0x555555554000 "
		    "of layout tlinux)");
	assert_diag(&out.v[1], "position-independent", VL_NOTE, "pie",
		    "position-independent executable (ET_DYN with PT_INTERP): "
		    "layout t2012 gives no load base (pie-base), so only the "
		    "image's own segments were checked, not where it lands");
	assert_diag(&out.v[2], "position-independent", VL_NOTE, "pie",
		    "position-independent image (ET_DYN): without a layout "
		    "(-L) only its own segments were checked, not where it "
		    "lands");
	vl_diags_free(&out);
	layout_free(&lin);
	layout_free(&old);
}

/* ---- Where the loaders put position-independent images ---- */

/* A PIE's first segment lands at ELF_ET_DYN_BASE aligned down to its
 * largest p_align, whatever its link address (fs/binfmt_elf.c). */
static void pie_lands_at_pie_base_whatever_its_link_address(void **state)
{
	image_segment s[] = {SEG(2, U64(0x400000000000), 0x6c0, R),
			     SEG(3, U64(0x400000001000), 0x1c5, RX)};
	image img = mk_image("pie", ET_DYN, EM_X86_64, s, 2);
	layout l;
	space sp;

	(void)state;
	lay_linux_loader(&l);
	space_with(&sp, &l, &img);
	const sp_owner *o = last_owner(&sp);
	assert_int_equal(o->rule, SP_LOAD_PIE);
	assert_true(o->placed);
	assert_int_equal(o->linked_at, U64(0x400000000000));
	assert_int_equal(o->load_at, U64(0x555555554000));
	assert_int_equal(o->base, U64(0x155555554000));
	assert_segment(&sp, o, 0, U64(0x555555554000), U64(0x555555555000));
	assert_segment(&sp, o, 1, U64(0x555555555000), U64(0x555555556000));
	/* With ASLR: up to 2^28 - 1 pages higher, the image's span on top. */
	assert_true(o->has_aslr);
	assert_range(o->aslr, U64(0x555555554000), U64(0x565555555000));
	assert_non_null(aslr_range(&sp, o));
	assert_range(aslr_range(&sp, o)->range, U64(0x555555554000),
		     U64(0x565555555000));
	free_space(&sp);

	/* A 2 MiB p_align moves it down to 0x555555400000. */
	s[0].align = s[1].align = MIB(2);
	space_with(&sp, &l, &img);
	assert_int_equal(last_owner(&sp)->load_at, U64(0x555555400000));
	assert_int_equal(last_owner(&sp)->load_align, MIB(2));
	free_space(&sp);
	layout_free(&l);
}

/* A static-pie (no PT_INTERP, DF_1_PIE) lands top-down below the mmap
 * base, like the interpreter; a mapping of file-map-align or more, or a
 * larger p_align, is aligned down. */
static void static_pie_lands_top_down_below_the_mmap_base(void **state)
{
	image_segment s[] = {SEG(0, 0, 0x8020, R), SEG(1, 0x9000, 0x78bc1, RX),
			     SEG(3, 0xac518, 0xb528, RW)};
	image img = mk_image("spie", ET_DYN, EM_X86_64, s, 3);
	layout l;
	space sp;

	(void)state;
	lay_linux_loader(&l);
	img.interp = false;
	img.pie_flag = true;
	space_with(&sp, &l, &img);
	const sp_owner *o = last_owner(&sp);
	assert_int_equal(o->rule, SP_LOAD_STATIC_PIE);
	/* 0xb8000 bytes below 0x7ffff7fff000, as measured (setarch -R). */
	assert_int_equal(o->load_at, U64(0x7ffff7f47000));
	assert_range(o->span, U64(0x7ffff7f47000), U64(0x7ffff7fff000));
	assert_range(o->aslr, U64(0x7efbff649000), U64(0x7ffbff700000));
	free_space(&sp);

	/* 3 MiB of bss: the mapping is aligned to 2 MiB (measured:
	 * 0x7ffff7c00000). */
	s[2].memsz = 0x30b548;
	space_with(&sp, &l, &img);
	assert_int_equal(last_owner(&sp)->load_at, U64(0x7ffff7c00000));
	assert_int_equal(last_owner(&sp)->load_align, MIB(2));
	free_space(&sp);

	/* Without file-map-align only the page aligns it. */
	l.file_map_align = 0;
	space_with(&sp, &l, &img);
	assert_int_equal(last_owner(&sp)->load_at, U64(0x7ffff7c47000));
	free_space(&sp);

	/* Without mmap-base it is not placed. */
	l.has_mmap_base = false;
	l.libraries_at_mmap_base = false;
	space_with(&sp, &l, &img);
	assert_false(last_owner(&sp)->placed);
	assert_false(last_owner(&sp)->has_aslr);
	assert_null(aslr_range(&sp, last_owner(&sp)));
	free_space(&sp);
	layout_free(&l);
}

/* A shared library: ld.so maps it top-down below the mmap base too, where
 * the layout says so (shared-libraries); one with PT_INTERP and a soname
 * (libc.so.6) is a library, one with PT_INTERP only a PIE. */
static void
libraries_land_below_the_mmap_base_where_the_layout_says(void **state)
{
	image_segment s[] = {SEG(0, 0, 0x1000, RX)};
	image img = mk_image("lib.so", ET_DYN, EM_X86_64, s, 1);
	layout l;
	space sp;

	(void)state;
	lay_linux_loader(&l);
	img.interp = false;
	space_with(&sp, &l, &img);
	assert_int_equal(last_owner(&sp)->rule, SP_LOAD_LIBRARY);
	assert_int_equal(last_owner(&sp)->load_at, U64(0x7ffff7ffe000));
	free_space(&sp);

	img.interp = img.soname = true;
	space_with(&sp, &l, &img);
	assert_int_equal(last_owner(&sp)->rule, SP_LOAD_LIBRARY);
	free_space(&sp);
	img.pie_flag = true;
	space_with(&sp, &l, &img);
	assert_int_equal(last_owner(&sp)->rule, SP_LOAD_PIE);
	free_space(&sp);

	/* Genode's ld.lib.so places libraries: no shared-libraries key. */
	img.interp = img.soname = img.pie_flag = false;
	l.libraries_at_mmap_base = false;
	space_with(&sp, &l, &img);
	assert_false(last_owner(&sp)->placed);
	free_space(&sp);
	layout_free(&l);
}

/* GNU ld writes a PIE linked with -Ttext-segment as ET_EXEC with DF_1_PIE:
 * placed at its p_vaddr, but no position-dependent program. */
static void exec_with_pie_flag_is_not_bound_by_the_exec_limit(void **state)
{
	image_segment s[] = {SEG(0, U64(0x400000000000), 0x1000, RX)};
	image img = mk_image("pie-exec", ET_EXEC, EM_X86_64, s, 1);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_linux_loader(&l);
	l.exec_limit = 0x80000000;
	l.exec_limit_why = xstrdup("small code model");
	img.pie_flag = true;
	space_with(&sp, &l, &img);
	assert_false(last_owner(&sp)->position_dependent);
	assert_segment(&sp, last_owner(&sp), 0, U64(0x400000000000),
		       U64(0x400000001000));
	assert_int_equal(check_address_space(&sp, &out), 0);
	free_space(&sp);
	img.pie_flag = false;
	space_with(&sp, &l, &img);
	assert_int_equal(check_address_space(&sp, &out), 1);
	free_space(&sp);
	vl_diags_free(&out);
	layout_free(&l);
}

/* Starting below the exec limit and ending above it crosses it. */
static void exec_limit_message_says_crosses_or_lies_above(void **state)
{
	image_segment s[] = {SEG(0, 0x7fffe000, 0x1000, R),
			     SEG(1, 0x7ffff000, 0x3000, RX)};
	image img = mk_image("vmm", ET_EXEC, EM_X86_64, s, 2);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_linux(&l);
	l.exec_limit = 0x80000000;
	l.exec_limit_why = xstrdup("small code model");
	space_with(&sp, &l, &img);
	assert_int_equal(check_address_space(&sp, &out), 1);
	assert_string_equal(out.v[0].message,
			    "segment 1 (R-X) [0x7ffff000, 0x80002000) of a "
			    "position-dependent program crosses the exec limit "
			    "0x80000000 of layout tlinux: small code model");
	free_space(&sp);
	s[1].vaddr = 0x80001000;
	space_with(&sp, &l, &img);
	assert_int_equal(check_address_space(&sp, &out), 1);
	assert_string_equal(out.v[1].message,
			    "segment 1 (R-X) [0x80001000, 0x80004000) of a "
			    "position-dependent program lies above the exec "
			    "limit 0x80000000 of layout tlinux: small code "
			    "model");
	free_space(&sp);
	vl_diags_free(&out);
	layout_free(&l);
}

/* u-boot's ROM: the hint names the span it found no room for, and the
 * span by p_paddr where that differs. */
static void hint_names_the_span_and_the_paddr_span(void **state)
{
	image_segment s[] = {SEG(0, 0xfff00000, 0x2000, RX),
			     SEG(2, 0xf800, 0x800, RX)};
	image img = mk_image("u-boot", ET_EXEC, EM_386, s, 2);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, MIB(256));
	s[0].paddr = 0xfff00000;
	s[1].paddr = 0xfffff800;
	space_with(&sp, &l, &img);
	assert_int_equal(check_reserved_overlap(&sp, &out), 1);
	assert_string_equal(out.v[0].message,
			    "segment 2 (R-X) [0xf000, 0x10000) overlaps "
			    "guest-shadow [0x0, 0x10000000): " GUEST_WHY
			    "; no legal link address exists in layout t2012 "
			    "for an image spanning [0xf000, 0xfff02000) (~4.0 "
			    "GiB); by p_paddr, where it is loaded, the image "
			    "spans [0xfff00000, 0x100000000) (1 MiB)");
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

/* elf-conformance: a damaged section header table and a p_align that is
 * no power of two are warnings, one each. */
static void elf_conformance_warns_about_what_linux_ignores(void **state)
{
	image_segment s[] = {SEG(0, 0x400000, 0x1000, RX),
			     SEG(1, 0x401000, 0x1000, RW)};
	image img = mk_image("odd", ET_EXEC, EM_X86_64, s, 2);
	space sp;
	vl_diags out = {0};

	(void)state;
	space_with(&sp, NULL, &img);
	assert_int_equal(check_elf_conformance(&sp, &out), 0);
	free_space(&sp);
	s[1].p_align = 0x1800;
	s[1].align = 0;
	img.shdr_damage = "section header table cut off";
	space_with(&sp, NULL, &img);
	assert_int_equal(check_elf_conformance(&sp, &out), 2);
	assert_diag(&out.v[0], "elf-conformance", VL_WARNING, "odd",
		    "section header table cut off; no loader reads section "
		    "headers, so the program still loads, but tools that read "
		    "sections (gdb, strip, objcopy) may refuse it");
	assert_diag(&out.v[1], "elf-conformance", VL_WARNING, "odd",
		    "segment 1 has p_align 0x1800, which is not a power of "
		    "two: Linux ignores it (fs/binfmt_elf.c), so vaslint does "
		    "too, but the ELF specification forbids it and other "
		    "loaders may refuse the file");
	/* Its congruence is not checked against the bad value. */
	assert_int_equal(check_segment_congruence(&sp, &out), 0);
	vl_diags_free(&out);
	free_space(&sp);
}

/* The notes name each rule, the link address a PIE loses, and the ASLR
 * range. */
static void placed_notes_name_the_rule_and_the_aslr_range(void **state)
{
	image_segment s[] = {SEG(0, 0, 0x1000, RX)};
	image img = mk_image("x", ET_DYN, EM_X86_64, s, 1);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_linux_loader(&l);
	s[0].vaddr = 0x10000000;
	space_with(&sp, &l, &img);
	img.interp = false;
	img.pie_flag = true;
	add_image(&sp, &img);
	img.pie_flag = false;
	add_image(&sp, &img);
	assert_int_equal(check_position_independent(&sp, &out), 3);
	assert_string_equal(
	    out.v[0].message,
	    "position-independent executable (ET_DYN with PT_INTERP): "
	    "checked at 0x555555554000, where Linux puts a PIE with an "
	    "interpreter (ELF_ET_DYN_BASE: pie-base 0x555555554aaa of layout "
	    "tlinux); its link address 0x10000000 does not count; with ASLR "
	    "it lands anywhere in [0x555555554000, 0x565555554000)");
	assert_string_equal(
	    out.v[1].message,
	    "static-pie (ET_DYN with DF_1_PIE, without PT_INTERP): checked at "
	    "0x7ffff7ffe000, where Linux puts a static-pie near the mmap base "
	    "(top-down below mmap-base 0x7ffff7fff000 of layout tlinux); its "
	    "link address 0x10000000 does not count; with ASLR it lands "
	    "anywhere in [0x7efbff700000, 0x7ffbff700000)");
	assert_string_equal(
	    out.v[2].message,
	    "shared library (ET_DYN without PT_INTERP or DF_1_PIE): ld.so asks "
	    "for its link address as the place to map it (glibc "
	    "elf/dl-map-segments.h), and Linux gives it where that range is "
	    "free: checked at 0x10000000");
	vl_diags_free(&out);
	free_space(&sp);
	/* Linked at 0, it goes below the mmap base. */
	s[0].vaddr = 0;
	space_with(&sp, &l, &img);
	assert_int_equal(check_position_independent(&sp, &out), 1);
	assert_string_equal(
	    out.v[0].message,
	    "shared library (ET_DYN without PT_INTERP or DF_1_PIE): ld.so puts "
	    "it near the mmap base; checked at 0x7ffff7ffe000, top-down below "
	    "mmap-base 0x7ffff7fff000 of layout tlinux, as if it were mapped "
	    "first (ld.so, the vDSO and the libraries loaded before it push "
	    "it lower); with ASLR the mmap base it lies below is anywhere "
	    "from 0x7efbff701000 to 0x7ffbff700000");
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

/* ---- check_run ---- */

static void images_checked_separately_skip_image_overlap(void **state)
{
	image_segment s[] = {SEG(0, 0x1000000, 0x1000, RX)};
	image imgs[2] = {mk_image("a.elf", ET_EXEC, EM_386, s, 1),
			 mk_image("b.elf", ET_EXEC, EM_386, s, 1)};
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, 0);
	space_with(&sp, &l, &imgs[0]);
	add_image(&sp, &imgs[1]);
	sp.one_space = false;
	assert_int_equal(check_run(&sp, &out), 0);
	assert_int_equal(out.n, 0);
	sp.one_space = true;
	assert_int_equal(check_run(&sp, &out), 1);
	assert_int_equal(out.n, 1);
	assert_diag(&out.v[0], "image-overlap", VL_ERROR, "b.elf",
		    "image [0x1000000, 0x1001000) overlaps a.elf [0x1000000, "
		    "0x1001000)");
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

/* The findings of one file come in the order of the table's rows
 * (vl_rule.order), and check_run returns their sum. */
static void check_run_returns_the_sum_of_every_row(void **state)
{
	image_segment s0[] = {SEG(0, 0x47000000, 0x1000, RX),
			      SEG(1, 0x7ffff000, 0x2000, RW)};
	image_segment s1[] = {SEG(0, 0, 0x1000, RX)};
	image imgs[2] = {mk_image("vmm", ET_EXEC, EM_386, s0, 2),
			 mk_image("pie", ET_DYN, EM_386, s1, 1)};
	const char *vmm_rules[] = {"segment-congruence",
				   "outside-address-space", "reserved-overlap"};
	layout l;
	space sp;
	vl_diags out = {0};
	size_t nvmm = 0, npie = 0;

	(void)state;
	s0[0].offset = 0x100;
	lay_2012(&l, 0);
	space_with(&sp, &l, &imgs[0]);
	add_image(&sp, &imgs[1]);
	assert_int_equal(check_run(&sp, &out), 4);
	assert_int_equal(out.n, 4);
	for (size_t i = 0; i < out.n; i++) {
		if (!strcmp(out.v[i].file, "pie")) {
			assert_string_equal(out.v[i].rule->id,
					    "position-independent");
			npie++;
			continue;
		}
		assert_string_equal(out.v[i].file, "vmm");
		assert_true(nvmm < 3);
		assert_string_equal(out.v[i].rule->id, vmm_rules[nvmm]);
		nvmm++;
	}
	assert_int_equal(nvmm, 3);
	assert_int_equal(npie, 1);
	assert_int_equal(vl_diags_count(&out, VL_ERROR), 3);
	assert_int_equal(vl_diags_count(&out, VL_NOTE), 1);
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

/* check_run runs the table row by row in the rows' order (rules.c's
 * `order`), across all images: the note about pie comes first, then the
 * vmm's findings as the rows find them.  `check` then sorts by file, line
 * and column, so at one place findings come in row order. */
static void check_run_returns_the_sum_in_row_order(void **state)
{
	(void)state;
	image_segment s0[] = {SEG(0, 0x47000000, 0x1000, RX),
			      SEG(1, 0x7ffff000, 0x2000, RW)};
	image_segment s1[] = {SEG(0, 0, 0x1000, RX)};
	image imgs[2] = {mk_image("vmm", ET_EXEC, EM_386, s0, 2),
			 mk_image("pie", ET_DYN, EM_386, s1, 1)};
	layout l;
	space sp;
	vl_diags out = {0};

	s0[0].offset = 0x100;
	lay_2012(&l, 0);
	space_with(&sp, &l, &imgs[0]);
	add_image(&sp, &imgs[1]);
	assert_int_equal(check_run(&sp, &out), 4);
	assert_int_equal(out.n, 4);
	assert_string_equal(out.v[0].rule->id, "position-independent");
	assert_string_equal(out.v[1].rule->id, "segment-congruence");
	assert_string_equal(out.v[2].rule->id, "outside-address-space");
	assert_string_equal(out.v[3].rule->id, "reserved-overlap");
	assert_string_equal(out.v[0].file, "pie");
	assert_string_equal(out.v[1].file, "vmm");
	assert_string_equal(out.v[3].file, "vmm");
	assert_int_equal(vl_diags_count(&out, VL_ERROR), 3);
	assert_int_equal(vl_diags_count(&out, VL_NOTE), 1);
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

/* ---- check_near_reserved ---- */

/* 4 KiB and 4 MiB pages; guest-ram starts 2 MiB into the 4 MiB page at
 * 0x10000000. */
static void lay_near(layout *l)
{
	lay_init(l, "tnear", 0x1000, 0x80000000);
	lay_add_machine(l, EM_386);
	lay_add_page(l, 0x1000);
	lay_add_page(l, MIB(4));
	lay_add_region(l, "guest-ram", 0x10200000, 0x10400000, GUEST_WHY);
}

#define NEAR_TAIL                                                              \
	" ends 1 MiB below guest-ram [0x10200000, 0x10400000), inside the "    \
	"same 4 MiB page: it cannot grow, and that page cannot be mapped "     \
	"large"

static void
image_ending_in_the_regions_large_page_is_near_reserved(void **state)
{
	image_segment s[] = {SEG(0, 0x10000000, 0x100000, RX)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 1);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_near(&l);
	space_with(&sp, &l, &img);
	/* The whole table finds exactly this one warning. */
	assert_int_equal(check_run(&sp, &out), 1);
	assert_int_equal(out.n, 1);
	assert_int_equal(vl_diags_count(&out, VL_WARNING), 1);
	assert_diag(&out.v[0], "near-reserved", VL_WARNING, "vmm",
		    "segment 0 (R-X) [0x10000000, 0x10100000)" NEAR_TAIL);
	assert_object(&out.v[0], "segment", "segment 0 (R-X)", 0x10000000,
		      0x10100000);
	assert_region(&out.v[0], "guest-ram", 0x10200000, 0x10400000);
	assert_string_equal(out.v[0].related_file, "layout.yaml");
	assert_int_equal(out.v[0].related_line, 10);
	assert_int_equal(out.v[0].related_column, 5);
	vl_diags_free(&out);
	assert_int_equal(check_near_reserved(&sp, &out), 1);
	assert_int_equal(check_run_rule(&sp, VL_R_NEAR_RESERVED, &out), 1);
	assert_int_equal(out.n, 2);
	assert_string_equal(out.v[0].message, out.v[1].message);
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

static void image_a_large_page_below_or_in_another_is_not_near(void **state)
{
	/* Ends exactly 4 MiB below the region: it could grow by a whole
	 * large page. */
	image_segment below[] = {SEG(0, 0xfd00000, 0x100000, RX)};
	/* Ends 2 MiB below it, but in the large page before the region's. */
	image_segment other[] = {SEG(0, 0xff00000, 0x100000, RX)};
	image img = mk_image("vmm", ET_EXEC, EM_386, below, 1);
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_near(&l);
	space_with(&sp, &l, &img);
	assert_range(last_owner(&sp)->span, 0xfd00000, 0xfe00000);
	assert_int_equal(check_near_reserved(&sp, &out), 0);
	assert_int_equal(check_run(&sp, &out), 0);
	free_space(&sp);
	img = mk_image("vmm", ET_EXEC, EM_386, other, 1);
	space_with(&sp, &l, &img);
	assert_range(last_owner(&sp)->span, 0xff00000, 0x10000000);
	assert_int_equal(check_near_reserved(&sp, &out), 0);
	assert_int_equal(check_run(&sp, &out), 0);
	assert_int_equal(out.n, 0);
	free_space(&sp);
	/* Without a layout there is no region to be near. */
	img = mk_image("vmm", ET_EXEC, EM_386, below, 1);
	img.segments = (image_segment[]){SEG(0, 0x10000000, 0x100000, RX)};
	space_with(&sp, NULL, &img);
	assert_int_equal(check_near_reserved(&sp, &out), 0);
	assert_int_equal(out.n, 0);
	free_space(&sp);
	layout_free(&l);
}

static void fixed_request_ending_in_the_regions_large_page_is_near(void **state)
{
	request q[] = {
	    {.name = "dma",
	     .kind = REQ_ATTACH,
	     .size = 0x100000,
	     .fixed = true,
	     .at = 0x10000000,
	     .file = "vmm.cc",
	     .line = 42,
	     .column = 7},
	    /* 4 MiB below the region: not near. */
	    {.name = "low",
	     .kind = REQ_ATTACH,
	     .size = 0x100000,
	     .fixed = true,
	     .at = 0xfd00000,
	     .file = "vmm.cc",
	     .line = 43,
	     .column = 7},
	};
	requests rq = {.v = q, .n = 2, .cap = 2};
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_near(&l);
	space_with(&sp, &l, NULL);
	assert_true(space_add_requests(&sp, &rq));
	assert_int_equal(last_owner(&sp)->kind, SP_OWN_REQUESTS);
	assert_int_equal(owner_count(&sp, last_owner(&sp), SP_REQUEST), 2);
	assert_int_equal(check_near_reserved(&sp, &out), 1);
	assert_int_equal(out.n, 1);
	assert_diag_at(&out.v[0], "near-reserved", VL_WARNING, "vmm.cc", 42, 7,
		       "request dma [0x10000000, 0x10100000)" NEAR_TAIL);
	assert_object(&out.v[0], "request", "dma", 0x10000000, 0x10100000);
	assert_region(&out.v[0], "guest-ram", 0x10200000, 0x10400000);
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

static void script_image_ending_in_the_regions_large_page_is_near(void **state)
{
	ls_loc base = {.file = "link.ld", .line = 3, .column = 9};
	ls_out_section text = {
	    .name = ".text",
	    .loc = {.file = "link.ld", .line = 5, .column = 3},
	    .alloc = true,
	    .load = true,
	    .vma = {true, 0x10000000},
	    .lma = {true, 0x10000000},
	    .size = {true, 0x100000},
	    .align = 0x1000,
	    /* Placed from the base: the image's finding, not its own. */
	    .addr_loc = base,
	};
	ls_eval ev = {.sections = &text,
		      .nsections = 1,
		      .has_base = true,
		      .base = {true, 0x10000000},
		      .base_loc = base};
	ls_script script = {0};
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_near(&l);
	space_with(&sp, &l, NULL);
	assert_true(space_add_script(&sp, "link.ld", &script, &ev));
	assert_int_equal(owner_count(&sp, last_owner(&sp), SP_IMAGE), 1);
	assert_int_equal(owner_count(&sp, last_owner(&sp), SP_SECTION), 1);
	assert_int_equal(check_near_reserved(&sp, &out), 1);
	assert_int_equal(out.n, 1);
	assert_diag_at(&out.v[0], "near-reserved", VL_WARNING, "link.ld", 3, 9,
		       "image link.ld [0x10000000, 0x10100000)" NEAR_TAIL);
	assert_object(&out.v[0], "image", "link.ld", 0x10000000, 0x10100000);
	assert_region(&out.v[0], "guest-ram", 0x10200000, 0x10400000);
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

/* ---- One rule for every owner ---- */

static void reserved_overlap_applies_to_images_and_requests_alike(void **state)
{
	image_segment s[] = {SEG(0, 0x6000000, 0x100000, RX)};
	image img = mk_image("vmm", ET_EXEC, EM_386, s, 1);
	request q = {.name = "dma",
		     .kind = REQ_ATTACH,
		     .size = 0x100000,
		     .fixed = true,
		     .at = 0x8000000,
		     .file = "vmm.cc",
		     .line = 42,
		     .column = 7};
	requests rq = {.v = &q, .n = 1, .cap = 1};
	layout l;
	space sp;
	vl_diags out = {0};

	(void)state;
	lay_2012(&l, MIB(256));
	space_with(&sp, &l, &img);
	assert_true(space_add_requests(&sp, &rq));
	assert_int_equal(check_reserved_overlap(&sp, &out), 2);
	assert_int_equal(out.n, 2);
	assert_diag(&out.v[0], "reserved-overlap", VL_ERROR, "vmm",
		    "segment 0 (R-X) [0x6000000, 0x6100000) overlaps "
		    "guest-shadow [0x0, 0x10000000): " GUEST_WHY
		    "; the lowest legal link address aligned to 4 MiB is "
		    "0x10000000");
	assert_object(&out.v[0], "segment", "segment 0 (R-X)", 0x6000000,
		      0x6100000);
	assert_region(&out.v[0], "guest-shadow", 0, 0x10000000);
	/* A request has no link address to propose. */
	assert_diag_at(&out.v[1], "reserved-overlap", VL_ERROR, "vmm.cc", 42, 7,
		       "request dma [0x8000000, 0x8100000) overlaps "
		       "guest-shadow [0x0, 0x10000000): " GUEST_WHY);
	assert_object(&out.v[1], "request", "dma", 0x8000000, 0x8100000);
	assert_region(&out.v[1], "guest-shadow", 0, 0x10000000);
	assert_string_equal(out.v[1].related_file, "layout.yaml");
	assert_int_equal(out.v[1].related_line, 10);
	/* The row of the table runs the same function. */
	assert_int_equal(check_run_rule(&sp, VL_R_RESERVED_OVERLAP, &out), 2);
	assert_int_equal(out.n, 4);
	assert_string_equal(out.v[2].message, out.v[0].message);
	assert_string_equal(out.v[3].message, out.v[1].message);
	vl_diags_free(&out);
	free_space(&sp);
	layout_free(&l);
}

/* ---- The table of rules ---- */

static void assert_text(const char *s)
{
	assert_non_null(s);
	assert_true(s[0] != '\0');
}

static void every_rule_is_documented_and_has_a_check(void **state)
{
	(void)state;
	assert_int_equal(vl_nrules, VL_NRULES);
	for (size_t i = 0; i < VL_NRULES; i++) {
		const vl_rule *r = &vl_rules[i];
		assert_text(r->id);
		assert_text(r->summary);
		assert_text(r->meaning);
		assert_text(r->why);
		assert_text(r->fix);
		/* NULL is for rules whose findings come from a reader:
		 * missing-header alone (the source scanner reports it from
		 * libclang's diagnostics); every other row runs a check. */
		if (r == VL_RULE_MISSING_HEADER)
			assert_null(r->check);
		else
			assert_non_null(r->check);
	}
}

static void rule_find_returns_the_row_of_every_id(void **state)
{
	(void)state;
	for (size_t i = 0; i < VL_NRULES; i++)
		assert_ptr_equal(vl_rule_find(vl_rules[i].id), &vl_rules[i]);
	assert_ptr_equal(vl_rule_find("reserved-overlap"),
			 VL_RULE_RESERVED_OVERLAP);
	assert_ptr_equal(vl_rule_find("near-reserved"), VL_RULE_NEAR_RESERVED);
	assert_null(vl_rule_find("no-such-rule"));
	assert_null(vl_rule_find(""));
}

static void rule_ids_are_unique(void **state)
{
	(void)state;
	for (size_t i = 0; i < VL_NRULES; i++)
		for (size_t j = i + 1; j < VL_NRULES; j++)
			if (!strcmp(vl_rules[i].id, vl_rules[j].id))
				fail_msg("rows %zu and %zu are both %s", i, j,
					 vl_rules[i].id);
}

static void check_run_on_an_empty_space_finds_nothing(void **state)
{
	space sp;
	vl_diags out = {0};

	(void)state;
	space_with(&sp, NULL, NULL);
	assert_int_equal(check_run(&sp, &out), 0);
	for (size_t i = 0; i < VL_NRULES; i++)
		assert_int_equal(check_run_rule(&sp, (vl_rule_id)i, &out), 0);
	assert_int_equal(out.n, 0);
	free_space(&sp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
		space_add_image_rounds_segments_out_to_the_base_page),
	    cmocka_unit_test(
		space_add_image_rounds_to_the_layouts_smallest_page),
	    cmocka_unit_test(
		space_add_image_without_layout_uses_4k_pages_and_any_machine),
	    cmocka_unit_test(space_add_image_puts_dyn_at_the_layouts_pie_base),
	    cmocka_unit_test(
		space_add_image_leaves_dyn_without_pie_base_unplaced),
	    cmocka_unit_test(
		space_add_image_gives_dynamic_exec_the_linker_area),
	    cmocka_unit_test(space_add_image_gives_dynamic_dyn_no_linker_area),
	    cmocka_unit_test(
		space_add_image_keeps_empty_segment_as_empty_range_at_its_page),
	    cmocka_unit_test(space_add_image_without_segments_has_empty_span),
	    cmocka_unit_test(
		space_add_image_refuses_machine_the_layout_does_not_accept),
	    cmocka_unit_test(
		space_add_image_refuses_segments_wrapping_past_2_64_only),
	    cmocka_unit_test(space_image_extent_is_the_occupied_range),
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
	    cmocka_unit_test(legal_hint_is_a_malloced_string),
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
	    cmocka_unit_test(pie_lands_at_pie_base_whatever_its_link_address),
	    cmocka_unit_test(static_pie_lands_top_down_below_the_mmap_base),
	    cmocka_unit_test(
		libraries_land_below_the_mmap_base_where_the_layout_says),
	    cmocka_unit_test(exec_with_pie_flag_is_not_bound_by_the_exec_limit),
	    cmocka_unit_test(exec_limit_message_says_crosses_or_lies_above),
	    cmocka_unit_test(hint_names_the_span_and_the_paddr_span),
	    cmocka_unit_test(elf_conformance_warns_about_what_linux_ignores),
	    cmocka_unit_test(placed_notes_name_the_rule_and_the_aslr_range),
	    cmocka_unit_test(images_checked_separately_skip_image_overlap),
	    cmocka_unit_test(check_run_returns_the_sum_of_every_row),
	    cmocka_unit_test(check_run_returns_the_sum_in_row_order),
	    cmocka_unit_test(
		image_ending_in_the_regions_large_page_is_near_reserved),
	    cmocka_unit_test(
		image_a_large_page_below_or_in_another_is_not_near),
	    cmocka_unit_test(
		fixed_request_ending_in_the_regions_large_page_is_near),
	    cmocka_unit_test(
		script_image_ending_in_the_regions_large_page_is_near),
	    cmocka_unit_test(
		reserved_overlap_applies_to_images_and_requests_alike),
	    cmocka_unit_test(every_rule_is_documented_and_has_a_check),
	    cmocka_unit_test(rule_find_returns_the_row_of_every_id),
	    cmocka_unit_test(rule_ids_are_unique),
	    cmocka_unit_test(check_run_on_an_empty_space_finds_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
