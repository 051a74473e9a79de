/* The platform layout reader (YAML + expressions) and what consumes a
 * layout: loaded without defines and with -D defines, then asked for the
 * lowest legal address and its hint, used to place and check an image of
 * its own machine, to check fixed ranges, and written as report params. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "plan.h"
#include "elfimage.h"
#include "fuzz_util.h"
#include "layout.h"
#include "report/report.h"

#include <elf.h>

/* -D arguments as a user gives them: the parameter every shipped layout
 * has, one that overflows most regions, one no layout has (an error
 * unless the input defines it), and a define in ld expression syntax. */
static const char *const define_args[] = {
    "GUEST_RAM=256M",
    "SHADOW_BASE=0xffffffffffff0000",
    "X=1",
    "PAGE=1 << 12",
};
#define NDEFS (sizeof(define_args) / sizeof(define_args[0]))
static layout_define defs[NDEFS];

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	vl_error err = {0};

	(void)argc;
	(void)argv;
	for (size_t i = 0; i < NDEFS; i++)
		if (!layout_parse_define(define_args[i], &defs[i], &err)) {
			fprintf(stderr, "fuzz: %s\n", err.msg);
			abort();
		}
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	vl_error_free(&err);
	return 0;
}

/* A small executable of the layout's first machine: text at 0x400000,
 * data after it, as a linker would make. */
static void check_with_image(const layout *l)
{
	image_segment segs[2] = {
	    {.index = 0,
	     .vaddr = 0x400000,
	     .memsz = 0x2345,
	     .offset = 0,
	     .filesz = 0x2345,
	     .align = 0x1000,
	     .flags = 5},
	    {.index = 1,
	     .vaddr = 0x403000,
	     .memsz = 0x10000,
	     .offset = 0x3000,
	     .filesz = 0x100,
	     .align = 0x1000,
	     .flags = 6},
	};
	image img = {
	    .path = (char *)"fuzz-image",
	    .elfclass = l->nmachines ? l->machine_classes[0] : ELFCLASS64,
	    .data = ELFDATA2LSB,
	    .machine = l->nmachines ? l->machines[0] : EM_X86_64,
	    .type = ET_EXEC,
	    .dynamic = true,
	    .interp = true,
	    .segments = segs,
	    .nsegments = 2,
	};
	vl_diags d = {0};
	vl_error err = {0};
	report_run run = {.layout = l};
	requests rq = {0};
	map_ranges m = {0};
	space s;

	/* Every kind of image and two fixed requests in one space, checked
	 * and mapped. */
	space_init(&s, l);
	/* An executable, a PIE, a static-pie and a library: every loader
	 * rule the layout's keys drive. */
	for (int kind = 0; kind < 4; kind++) {
		img.type = kind ? ET_DYN : ET_EXEC;
		img.interp = kind == 1;
		img.pie_flag = kind == 2;
		space_add_image(&s, &img, &err);
	}
	requests_add(&rq, &(request){.name = "fuzz",
				     .fixed = true,
				     .at = 0x400000,
				     .size = 0x1000,
				     .file = "fuzz.ld",
				     .line = 1,
				     .column = 1});
	requests_add(&rq, &(request){.name = "data",
				     .fixed = true,
				     .at = 0x10000000,
				     .size = 0x200000,
				     .file = "fuzz.ld",
				     .line = 2,
				     .column = 1});
	space_add_requests(&s, &rq);
	check_run(&s, &d);
	if (space_add_free(&s))
		map_from_space(&s, &m);
	map_free(&m);
	space_free(&s);
	requests_free(&rq);
	vl_diags_sort(&d);
	report_write(devnull, REPORT_TEXT, &d, &run);
	report_write(devnull, REPORT_SARIF, &d, &run);
	vl_diags_free(&d);
	vl_error_free(&err);
}

static void use(const layout *l)
{
	uint64_t to,
	    page = l->npage_sizes ? l->page_sizes[l->npage_sizes - 1] : 0x1000;
	plan_lowest_legal(l, 0x100000, page, &to);
	free(check_legal_hint(l, (va_range){0, 0x100000}, page));
	check_with_image(l);
	json_t *params = report_params_json(l);
	json_decref(params);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_memfile(data, size);
	layout l;
	vl_error err = {0};

	if (layout_load(path, NULL, 0, &l, &err)) {
		use(&l);
		layout_free(&l);
	}
	/* The first define alone (the common case), then all of them. */
	if (layout_load(path, defs, 1, &l, &err)) {
		use(&l);
		layout_free(&l);
	}
	if (layout_load(path, defs, NDEFS, &l, &err)) {
		use(&l);
		layout_free(&l);
	}
	vl_error_free(&err);
	return 0;
}
