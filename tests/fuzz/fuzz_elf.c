/* The ELF image reader and what consumes its values: every input is read
 * as `check` reads an image (elfimage_read) and placed without a layout
 * and in each layout whose machine it matches, then checked alone and
 * together, and the findings written in all three formats; it is also
 * read as `--image` reads one (elfimage_read_full) and used as the input
 * of a linker-script evaluation. */
#include <stdio.h>

#include "check.h"
#include "elfimage.h"
#include "fuzz_util.h"
#include "layout.h"
#include "ldscript/eval.h"
#include "ldscript/parser.h"
#include "ldscript/script_check.h"
#include "report/report.h"

/* Layouts that cover every machine and layout feature: a PIE base (linux),
 * a linker area (genode), one machine and several, 32 and 64 bits.  With
 * guest RAM so that the reserved regions are not empty. */
static const char *const layout_names[] = {
    "linux-x86_64",
    "genode-nova-x86_32",
    "genode-hw-64",
    "genode-hw-arm_v7a",
};
#define NLAYOUTS (sizeof(layout_names) / sizeof(layout_names[0]))
static layout layouts[NLAYOUTS];

/* A script that places input sections by name, with COMMON, symbols and
 * an ASSERT, so that section sizes, alignments and symbols all matter. */
static const char script_text[] =
    "SECTIONS {\n"
    "  . = SEGMENT_START(\"text-segment\", 0x400000) + SIZEOF_HEADERS;\n"
    "  .text : { *(.text .text.*) }\n"
    "  . = ALIGN(CONSTANT(MAXPAGESIZE));\n"
    "  .rodata : { *(.rodata .rodata.*) }\n"
    "  .data : ALIGN(0x1000) { *(.data .data.*) }\n"
    "  .bss (NOLOAD) : { *(.bss .bss.*) *(COMMON) }\n"
    "  _end = .;\n"
    "  PROVIDE(end = .);\n"
    "  ASSERT(_end >= ADDR(.text), \"backwards\")\n"
    "}\n";
static ls_script script;

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	layout_define def;
	vl_error err = {0};

	(void)argc;
	(void)argv;
	if (!layout_parse_define("GUEST_RAM=256M", &def, &err))
		abort();
	for (size_t i = 0; i < NLAYOUTS; i++)
		FUZZ_LOAD_LAYOUT(layout_names[i], &def, 1, &layouts[i]);
	if (!ls_parse_text("fuzz-elf.ld", script_text, sizeof(script_text) - 1,
			   NULL, &script, &err)) {
		fprintf(stderr, "fuzz: %s:%u:%u: %s\n", err.file, err.line,
			err.column, err.msg);
		abort();
	}
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	vl_error_free(&err);
	return 0;
}

/* The image as `check` sees it: alone without a platform, then in every
 * layout that takes its machine, then two placements side by side; the
 * findings of all of them written once in each format (SARIF costs most,
 * and what it adds per finding is the same for all). */
static void check_image(const image *img)
{
	const layout *last = NULL;
	vl_diags d = {0};
	vl_error err = {0};
	space bare, placed;
	bool have_bare;

	have_bare = space_init(&bare, NULL) && space_add_image(&bare, img, &err);
	if (have_bare)
		check_run(&bare, &d);
	for (size_t i = 0; i < NLAYOUTS; i++) {
		space_init(&placed, &layouts[i]);
		if (space_add_image(&placed, img, &err)) {
			last = &layouts[i];
			placed.one_space = false;
			check_run(&placed, &d);
			/* Two placements in one space: each against the
			 * other. */
			placed.one_space = true;
			if (have_bare && space_add_image(&placed, img, &err))
				check_run(&placed, &d);
		}
		space_free(&placed);
	}
	space_free(&bare);
	vl_diags_sort(&d);
	report_run run = {.layout = last, .color = false};
	report_write(devnull, REPORT_TEXT, &d, &run);
	report_write(devnull, REPORT_JSON, &d, &run);
	report_write(devnull, REPORT_SARIF, &d, &run);
	vl_diags_free(&d);
	vl_error_free(&err);
}

/* The image as `--image` gives input sections to a script evaluation,
 * in a static link or a dynamic one (--shared: the dynamic sections sized
 * from its symbols). */
static void evaluate_with(const image *img, ls_dynamic dynamic)
{
	ls_eval_opts o = {.inputs = img, .ninputs = 1, .dynamic = dynamic};
	ls_eval ev;
	vl_diags d = {0};
	vl_error err = {0};
	map_ranges m = {0};
	va_range extent;
	space sp;

	if (ls_evaluate(&script, &o, &ev, &err)) {
		if (space_init(&sp, &layouts[0]) &&
		    space_add_script(&sp, "fuzz-elf.ld", &script, &ev)) {
			check_run(&sp, &d);
			if (space_add_free(&sp))
				map_from_space(&sp, &m);
		}
		space_free(&sp);
		space_script_extent(&script, &ev, &extent);
		map_free(&m);
		ls_eval_free(&ev);
	}
	vl_diags_free(&d);
	vl_error_free(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_memfile(data, size);
	image img;
	vl_error err = {0};

	if (elfimage_read(path, &img, &err) == ELFIMAGE_OK) {
		check_image(&img);
		elfimage_free(&img);
	}
	if (elfimage_read_full(path, &img, &err) == ELFIMAGE_OK) {
		evaluate_with(&img, LS_STATIC);
		evaluate_with(&img, LS_SHARED);
		elfimage_free(&img);
	}
	vl_error_free(&err);
	return 0;
}
