/* vaslint map: every address range vaslint evaluated, the same values the
 * checks see: the layout's regions, each image's segments, and the free
 * space between them. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "ldscript/script_check.h"

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
    "  -f FORMAT        text (default, with a bar per range), json, or svg\n"
    "                   (a picture: one bar for the whole address space)\n"
    "  -o FILE          write to FILE (atomically) instead of stdout\n"
    "  --image ELF      for scripts: the linked program or its objects\n"
    "  LINK OPTIONS     as for 'vaslint check' (see its --help)\n"
    "  -h, --help       this text\n";

static bool add_layout(map_ranges *m, const layout *l, va_set *free_space)
{
	if (!va_set_add(free_space, l->address_space))
		return false;
	for (size_t i = 0; i < l->nregions; i++) {
		const layout_region *r = &l->regions[i];
		if (va_range_empty(r->range))
			continue;
		if (!map_add(m, "region", r->name, r->range, r->loc.file,
			     r->loc.line, r->loc.column) ||
		    !va_set_remove(free_space, r->range))
			return false;
	}
	/* Not a range anything occupies, but a line a non-PIE program must
	 * stay below: a point, drawn like a symbol. */
	if (l->exec_limit && l->exec_limit < l->address_space.end &&
	    !map_add(m, "symbol", "exec limit of position-dependent images",
		     (va_range){l->exec_limit, l->exec_limit},
		     l->exec_limit_loc.file, l->exec_limit_loc.line,
		     l->exec_limit_loc.column))
		return false;
	return true;
}

static bool add_image(map_ranges *m, const placed_image *p, va_set *free_space)
{
	char name[512], fl[4];

	if (!p->placed)
		return true;
	if (p->occupied.end > p->span.end) {
		snprintf(name, sizeof(name), "%s linker area", p->img->path);
		if (!map_add(m, "region", name, p->occupied, p->img->path, 0,
			     0) ||
		    !va_set_remove(free_space, p->occupied))
			return false;
	}
	for (size_t i = 0; i < p->img->nsegments; i++) {
		const image_segment *s = &p->img->segments[i];
		if (va_range_empty(p->ranges[i]))
			continue;
		snprintf(name, sizeof(name), "%s segment %zu (%s)",
			 p->img->path, s->index,
			 elfimage_flags_str(s->flags, fl));
		if (!map_add(m, "segment", name, p->ranges[i], p->img->path, 0,
			     0) ||
		    !va_set_remove(free_space, p->ranges[i]))
			return false;
	}
	return true;
}

/* A placed range that overlaps a reserved region is drawn as a conflict. */
static void mark_conflicts(map_ranges *m)
{
	for (size_t i = 0; i < m->n; i++) {
		map_range *r = &m->v[i];
		bool linker_area = strstr(r->name, "linker area") != NULL;
		if ((!strcmp(r->kind, "region") && !linker_area) ||
		    !strcmp(r->kind, "free") || !strcmp(r->kind, "symbol"))
			continue;
		for (size_t k = 0; k < m->n; k++)
			if (!strcmp(m->v[k].kind, "region") &&
			    strncmp(m->v[k].name, "MEMORY ", 7) && k != i &&
			    !strstr(m->v[k].name, "linker area") &&
			    va_range_overlaps(r->range, m->v[k].range))
				r->conflict = true;
	}
}

static bool build_map(const cli_inputs *in, map_ranges *m)
{
	const layout *l = cli_inputs_layout(in);
	va_set free_space;
	bool ok = true;

	va_set_init(&free_space);
	if (l)
		ok = add_layout(m, l, &free_space);
	for (size_t i = 0; ok && i < in->n; i++)
		ok = add_image(m, &in->placed[i], &free_space);
	for (size_t i = 0; ok && i < in->nscripts; i++) {
		size_t first = m->n;
		ok = ls_map(&in->scripts[i].eval, m);
		for (size_t k = first; ok && k < m->n; k++)
			if (!strcmp(m->v[k].kind, "section") &&
			    m->v[k].size_known)
				ok = va_set_remove(&free_space, m->v[k].range);
	}
	for (size_t i = 0; ok && l && i < free_space.n; i++)
		ok = map_add(m, "free", "free", free_space.v[i], NULL, 0, 0);
	va_set_free(&free_space);
	map_sort(m);
	mark_conflicts(m);
	return ok;
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

int cmd_map(int argc, char **argv)
{
	static const struct option longopts[] = {
	    CLI_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	const unsigned formats = 1u << REPORT_TEXT | 1u << REPORT_JSON;
	bool svg = false;
	cli_opts o = {.format = REPORT_TEXT};
	vl_error err = {0};
	cli_inputs in;
	map_ranges m = {0};
	int c, status = VL_EXIT_INPUT;

	/* svg is map's own format: take it out before the common -f. */
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "-f") && !strcmp(argv[i + 1], "svg")) {
			svg = true;
			memmove(&argv[i], &argv[i + 2],
				(size_t)(argc - i - 1) * sizeof(*argv));
			argc -= 2;
			i--;
		}
	optind = 1;
	opterr = 0;
	while ((c = cli_next_option(argc, argv, "map", longopts, &o, formats,
				    &err)) != CLI_OPT_END) {
		if (c == CLI_OPT_BAD)
			goto bad;
		if (c == CLI_OPT_HELP) {
			fputs(usage, stdout);
			cli_opts_free(&o);
			return VL_EXIT_OK;
		}
	}
	if (!o.layout.name && optind >= argc) {
		vl_fail(&err, NULL, 0, 0,
			"map: give a layout (-L), an input, or both");
		goto bad;
	}
	if (!cli_inputs_open(&in, &o, argv + optind, (size_t)(argc - optind),
			     &err))
		goto bad;
	report_run run = {cli_inputs_layout(&in), false, NULL};
	if (!build_map(&in, &m))
		vl_fail(&err, NULL, 0, 0, "out of memory");
	else if (cli_write_output(o.output,
				  svg			    ? write_svg
				  : o.format == REPORT_JSON ? write_json
							    : write_text,
				  &m, &run, &err))
		status = VL_EXIT_OK;
	map_free(&m);
	cli_inputs_close(&in);
	if (status == VL_EXIT_OK) {
		cli_opts_free(&o);
		return status;
	}
bad:
	cli_error(&err);
	vl_error_free(&err);
	cli_opts_free(&o);
	return VL_EXIT_INPUT;
}
