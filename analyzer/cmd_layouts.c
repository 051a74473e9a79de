/* vaslint layouts [NAME]: the shipped platform layouts, one line each, or
 * one layout in full. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report/escape.h"

static const char usage[] =
    "usage: vaslint layouts [-D NAME=VALUE]... [NAME]\n"
    "\n"
    "Without NAME, list the shipped platform layouts, one line each.\n"
    "With NAME (or a path to a .yaml file), show that layout evaluated:\n"
    "machine, page sizes, address space, parameters and reserved regions.\n"
    "Layouts are read from $VASLINT_LAYOUTS, else from the layouts/ folder\n"
    "of the build tree or the installation the program runs from, else\n"
    "from the data directory it was built for (PREFIX/share/vaslint).\n";

static int list_layouts(void)
{
	const char *dir = layout_dir(NULL);
	char **names;
	size_t n, width = 0;
	vl_error err = {0};
	int status = VL_EXIT_OK;

	if (!layout_list(dir, &names, &n, &err)) {
		cli_error(&err);
		vl_error_free(&err);
		return VL_EXIT_INPUT;
	}
	/* A file name is printed escaped (report/escape.h), and padded as
	 * such. */
	for (size_t i = 0; i < n; i++)
		if (esc_text_len(names[i]) > width)
			width = esc_text_len(names[i]);
	for (size_t i = 0; i < n && status == VL_EXIT_OK; i++) {
		char *path;
		layout l;
		if (asprintf(&path, "%s/%s.yaml", dir, names[i]) < 0) {
			status = VL_EXIT_INPUT;
			break;
		}
		if (layout_load(path, NULL, 0, &l, &err)) {
			report_layout_line(stdout, names[i], (int)width, &l);
			layout_free(&l);
		} else {
			cli_error(&err);
			vl_error_free(&err);
			status = VL_EXIT_INPUT;
		}
		free(path);
	}
	layout_list_free(names, n);
	return status;
}

int cmd_layouts(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	cli_layout c = {0};
	vl_error err = {0};
	int opt, status = VL_EXIT_INPUT;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "D:h", longopts, NULL)) != -1) {
		if (opt == 'h') {
			fputs(usage, stdout);
			cli_layout_free(&c);
			return VL_EXIT_OK;
		}
		if (opt != 'D') {
			vl_fail(&err, NULL, 0, 0,
				"layouts: unknown option '%s' (see 'vaslint "
				"layouts --help')",
				argv[optind - 1]);
			goto bad;
		}
		if (!cli_layout_define(&c, optarg, &err))
			goto bad;
	}
	if (argc - optind > 1) {
		vl_fail(&err, NULL, 0, 0, "layouts: give at most one NAME");
		goto bad;
	}
	if (optind == argc) {
		if (c.ndefs) {
			vl_fail(&err, NULL, 0, 0, "layouts: -D needs a NAME");
			goto bad;
		}
		cli_layout_free(&c);
		return list_layouts();
	}
	c.name = argv[optind];
	layout l;
	bool loaded;
	if (!cli_layout_load(&c, &l, &loaded, &err))
		goto bad;
	report_layout(stdout, &l);
	layout_free(&l);
	cli_layout_free(&c);
	return VL_EXIT_OK;
bad:
	cli_error(&err);
	vl_error_free(&err);
	cli_layout_free(&c);
	return status;
}
