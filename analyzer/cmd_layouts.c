/* vaslint layouts [NAME]: the shipped platform layouts, one line each, or
 * one layout in full. */
#include <dirent.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: vaslint layouts [-D NAME=VALUE]... [NAME]\n"
    "\n"
    "Without NAME, list the shipped platform layouts, one line each.\n"
    "With NAME (or a path to a .yaml file), show that layout evaluated:\n"
    "machine, page sizes, address space, parameters and reserved regions.\n"
    "Layouts are read from $VASLINT_LAYOUTS, else the layouts/ folder of\n"
    "the vaslint tree.\n";

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_layouts(void)
{
	const char *dir = layout_dir(NULL);
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0, width = 0;
	struct dirent *e;
	int status = VL_EXIT_OK;

	if (!d) {
		cli_errorf("cannot open the layouts folder %s", dir);
		return VL_EXIT_INPUT;
	}
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len <= 5 || strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		char **v = realloc(names, (n + 1) * sizeof(*v));
		if (!v || !(v[n] = strndup(e->d_name, len - 5))) {
			names = v ? v : names;
			status = VL_EXIT_INPUT;
			cli_errorf("out of memory");
			break;
		}
		names = v;
		if (len - 5 > width)
			width = len - 5;
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n && status == VL_EXIT_OK; i++) {
		char *path;
		layout l;
		vl_error err = {0};
		if (asprintf(&path, "%s/%s.yaml", dir, names[i]) < 0) {
			status = VL_EXIT_INPUT;
			break;
		}
		if (layout_load(path, NULL, 0, &l, &err)) {
			printf("%-*s  %s\n", (int)width, names[i],
			       l.description);
			layout_free(&l);
		} else {
			cli_error(&err);
			vl_error_free(&err);
			status = VL_EXIT_INPUT;
		}
		free(path);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return status;
}

static void show_layout(const layout *l)
{
	char a[VA_HEX_LEN], b[VA_HEX_LEN], s[VA_SIZE_LEN];

	printf("%s: %s\n", l->name, l->description);
	printf("  file:          %s\n", l->path);
	printf("  machine:      ");
	for (size_t i = 0; i < l->nmachines; i++)
		printf(" %s", l->machine_names[i]);
	printf("\n  page sizes:   ");
	for (size_t i = 0; i < l->npage_sizes; i++)
		printf(" %s", va_size_str(l->page_sizes[i], s));
	printf("\n  address space: [%s, %s)\n",
	       va_hex(l->address_space.start, a),
	       va_hex(l->address_space.end, b));
	if (l->flexpage_max)
		printf("  flexpage max:  %s\n",
		       va_size_str(l->flexpage_max, s));
	if (l->has_pie_base)
		printf("  pie base:      %s\n", va_hex(l->pie_base, a));
	if (l->linker_area)
		printf("  linker area:   %s from the link address of a "
		       "dynamically linked program\n",
		       va_size_str(l->linker_area, s));
	if (l->exec_limit)
		printf("  exec limit:    a position-dependent image ends at or "
		       "below %s\n",
		       va_hex(l->exec_limit, a));
	for (size_t i = 0; i < l->nparams; i++)
		printf("  param %s = %s%s%s%s\n", l->params[i].name,
		       va_hex(l->params[i].value, a),
		       l->params[i].set ? " (set with -D)" : " (default)",
		       l->params[i].doc ? ": " : "",
		       l->params[i].doc ? l->params[i].doc : "");
	for (size_t i = 0; i < l->nregions; i++) {
		const layout_region *r = &l->regions[i];
		printf("  region %s [%s, %s) %s%s\n", r->name,
		       va_hex(r->range.start, a), va_hex(r->range.end, b),
		       va_size_str(va_range_size(r->range), s),
		       va_range_empty(r->range) ? " (empty: never conflicts)"
						: "");
	}
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
	show_layout(&l);
	layout_free(&l);
	cli_layout_free(&c);
	return VL_EXIT_OK;
bad:
	cli_error(&err);
	vl_error_free(&err);
	cli_layout_free(&c);
	return status;
}
