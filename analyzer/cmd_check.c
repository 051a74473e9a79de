/* vaslint check: read every input, run the checks, print the findings. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "cli.h"
#include "elfimage.h"
#include "outfile.h"

static const char usage[] =
	"usage: vaslint check [-L LAYOUT] [-D NAME=VALUE]... [-f text|json|sarif]\n"
	"                     [-o FILE] [--werror] INPUT...\n"
	"\n"
	"Check where the INPUTs (ELF images) land in the address space of a\n"
	"platform: against its reserved regions (a VMM's guest shadow, the\n"
	"thread context area, ...), the bounds of its user address space, and\n"
	"each other; and whether each image is well formed (overlapping or\n"
	"incongruent PT_LOAD segments).  Several images are checked together.\n"
	"\n"
	"  -L LAYOUT        platform layout: a name from 'vaslint layouts' or a\n"
	"                   path to a .yaml file; without it only the checks that\n"
	"                   need no platform run\n"
	"  -D NAME=VALUE    set a layout parameter; VALUE is an ld expression\n"
	"                   (256M, 0x10000000, 64M+4K)\n"
	"  -f FORMAT        text (default, GCC style), json or sarif (2.1.0)\n"
	"  -o FILE          write the report to FILE (atomically) instead of stdout\n"
	"  --werror         exit 1 on warnings too (notes never count)\n"
	"  -h, --help       this text\n"
	"\n"
	"Exit status: 0 no errors, 1 errors found, 2 the check could not be done.\n"
	"Example: vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M vmm\n";

typedef struct check_opts {
	cli_layout layout;
	report_format format;
	const char *output;
	bool werror;
} check_opts;

static bool use_color(const char *output)
{
	const char *no = getenv("NO_COLOR");

	return !output && isatty(STDOUT_FILENO) && !(no && *no);
}

/* ELF images are read whole before any check runs, so an input error in
 * the last file still stops the run before a half report is printed. */
static bool read_inputs(char **paths, size_t n, image *imgs, vl_error *err)
{
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0)
			return vl_fail(err, paths[i], 0, 0, "cannot open: %s",
				       strerror(errno));
		if (S_ISDIR(st.st_mode))
			return vl_fail(err, paths[i], 0, 0,
				       "is a directory, not an input file");
		if (!S_ISREG(st.st_mode))
			return vl_fail(err, paths[i], 0, 0,
				       "not a regular file");
		if (!elfimage_is_elf(paths[i])) {
			if (access(paths[i], R_OK) != 0)
				return vl_fail(err, paths[i], 0, 0,
					       "cannot open: %s",
					       strerror(errno));
			return vl_fail(err, paths[i], 0, 0,
				       "not an ELF file (this version of "
				       "vaslint checks ELF images)");
		}
		if (!elfimage_read(paths[i], &imgs[i], err))
			return false;
	}
	return true;
}

static int run_check(const check_opts *o, char **paths, size_t n)
{
	image *imgs = calloc(n, sizeof(*imgs));
	placed_image *placed = calloc(n, sizeof(*placed));
	layout l = {0};
	bool have_layout = false;
	vl_diags diags = {0};
	vl_error err = {0};
	int status = VL_EXIT_INPUT;
	outfile out;

	if (!imgs || !placed) {
		cli_errorf("out of memory");
		goto done;
	}
	if (!cli_layout_load(&o->layout, &l, &have_layout, &err) ||
	    !read_inputs(paths, n, imgs, &err)) {
		cli_error(&err);
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		if (!check_place_image(&imgs[i], have_layout ? &l : NULL,
				       &placed[i], &err)) {
			cli_error(&err);
			goto done;
		}
	if (check_images(placed, n, have_layout ? &l : NULL, &diags) < 0) {
		cli_errorf("out of memory");
		goto done;
	}
	vl_diags_sort(&diags);
	if (!outfile_open(&out, o->output, &err)) {
		cli_error(&err);
		goto done;
	}
	report_run run = {have_layout ? &l : NULL, use_color(o->output)};
	if (!report_write(out.f, o->format, &diags, &run)) {
		vl_fail(&err, o->output ? o->output : "<stdout>", 0, 0,
			"cannot write the report: %s", strerror(errno));
		outfile_abort(&out);
		cli_error(&err);
		goto done;
	}
	if (!outfile_commit(&out, &err)) {
		cli_error(&err);
		goto done;
	}
	size_t errors = vl_diags_count(&diags, VL_ERROR);
	size_t warnings = vl_diags_count(&diags, VL_WARNING);
	status = errors || (o->werror && warnings) ? VL_EXIT_FINDINGS
						   : VL_EXIT_OK;
done:
	for (size_t i = 0; i < n; i++) {
		if (placed)
			check_placed_free(&placed[i]);
		if (imgs)
			elfimage_free(&imgs[i]);
	}
	free(placed);
	free(imgs);
	vl_diags_free(&diags);
	if (have_layout)
		layout_free(&l);
	return status;
}

int cmd_check(int argc, char **argv)
{
	enum { OPT_WERROR = 256 };
	static const struct option longopts[] = {
		{"werror", no_argument, NULL, OPT_WERROR},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	check_opts o = {.format = REPORT_TEXT};
	vl_error err = {0};
	int c, status;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "L:D:f:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'L':
			o.layout.name = optarg;
			break;
		case 'D':
			if (!cli_layout_define(&o.layout, optarg, &err))
				goto bad;
			break;
		case 'f':
			if (!cli_format(optarg, true, &o.format, &err))
				goto bad;
			break;
		case 'o':
			o.output = optarg;
			break;
		case OPT_WERROR:
			o.werror = true;
			break;
		case 'h':
			fputs(usage, stdout);
			cli_layout_free(&o.layout);
			return VL_EXIT_OK;
		default:
			if (optopt && strchr("LDfo", optopt))
				vl_fail(&err, NULL, 0, 0,
					"check: option -%c needs a value",
					optopt);
			else
				vl_fail(&err, NULL, 0, 0,
					"check: unknown option '%s' (see "
					"'vaslint check --help')",
					argv[optind - 1]);
			goto bad;
		}
	}
	if (optind >= argc) {
		vl_fail(&err, NULL, 0, 0,
			"check: no input given (see 'vaslint check --help')");
		goto bad;
	}
	status = run_check(&o, argv + optind, (size_t)(argc - optind));
	cli_layout_free(&o.layout);
	return status;
bad:
	cli_error(&err);
	cli_layout_free(&o.layout);
	return VL_EXIT_INPUT;
}
