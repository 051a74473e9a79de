/* vaslint map: every address range vaslint evaluated, the same values the
 * checks see: the layout's regions, each image's segments, and the free
 * space between them. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: vaslint map [-L LAYOUT] [-D NAME=VALUE]... [-f text|json|svg]\n"
    "                   [-o FILE] [--image ELF]... [LINK OPTIONS] [INPUT...]\n"
    "\n"
    "Print the address space as vaslint sees it, sorted by address: the\n"
    "reserved regions of the layout, the page-rounded PT_LOAD segments of\n"
    "every INPUT image at the address it loads at, the sections (with load\n"
    "addresses), symbols and MEMORY regions of every INPUT linker script as\n"
    "the simulated link places them, the free ranges left in the layout's\n"
    "address space, and what could not be determined.\n"
    "\n"
    "  -L LAYOUT        platform layout (name or path to .yaml)\n"
    "  -D NAME=VALUE    set a layout parameter\n"
    "  -f, --format F   text (default, with a bar per range), json, or svg\n"
    "                   (a picture: one bar for the whole address space)\n"
    "  -o FILE          write to FILE (atomically) instead of stdout\n"
    "  --image ELF      for scripts: the linked program or its objects\n"
    "  LINK OPTIONS     as for 'vaslint check' (see its --help)\n"
    "  -h, --help       this text\n";

/* The inputs' space, with the free space left in it. */
static bool build_map(cli_inputs *in, map_ranges *m)
{
	return space_add_free(&in->space) && map_from_space(&in->space, m);
}

static bool write_text(FILE *f, const void *m, const report_run *run)
{
	return report_map_text(f, m, run);
}

static bool write_json(FILE *f, const void *m, const report_run *run)
{
	return report_map_json(f, m, run);
}

static bool write_svg(FILE *f, const void *m, const report_run *run)
{
	return report_map_svg(f, m, run);
}

static const cli_format_entry map_formats[] = {
    {"text", write_text},
    {"json", write_json},
    {"svg", write_svg},
};

int cmd_map(int argc, char **argv)
{
	static const struct option longopts[] = {
	    CLI_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	cli_opts o = CLI_OPTS_INIT(map_formats);
	o.keep_going = true;
	vl_error err = {0};
	cli_inputs in;
	map_ranges m = {0};
	int c, status = VL_EXIT_INPUT;

	optind = 1;
	opterr = 0;
	while ((c = cli_next_option(argc, argv, "map", longopts, &o, &err)) !=
	       CLI_OPT_END) {
		if (c == CLI_OPT_BAD)
			goto bad;
		if (c == CLI_OPT_HELP) {
			fputs(usage, stdout);
			cli_opts_free(&o);
			return VL_EXIT_OK;
		}
	}
	if (!o.layout.name && optind >= argc && !o.nmaps_paths &&
	    !o.nt_scripts) {
		vl_fail(&err, NULL, 0, 0,
			"map: give a layout (-L), an input, or both");
		goto bad;
	}
	if (!cli_inputs_open(&in, &o, argv + optind, (size_t)(argc - optind),
			     &err))
		goto bad;
	report_run run = {cli_inputs_layout(&in), false, NULL, NULL};
	if (!build_map(&in, &m))
		vl_fail(&err, NULL, 0, 0, "out of memory");
	else if (cli_write_output(o.output, o.format->write, &m, &run, &err))
		status = VL_EXIT_OK;
	map_free(&m);
	size_t nbad = in.nbad;
	cli_inputs_close(&in);
	if (status == VL_EXIT_OK) {
		/* The bad inputs were named; the others are drawn. */
		cli_opts_free(&o);
		return nbad ? VL_EXIT_INPUT : status;
	}
bad:
	cli_error(&err);
	vl_error_free(&err);
	cli_opts_free(&o);
	return VL_EXIT_INPUT;
}
