/* vaslint plan: place the image, the layout's regions and every request
 * in the address space, cheaply, and write the plan the program is built
 * from (a C header, a linker-script fragment) or read by people (a table,
 * JSON, a picture). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "plan.h"
#include "plansyms.h"

static const char usage[] =
    "usage: vaslint plan -L LAYOUT [-D NAME=VALUE]... [--image ELF]\n"
    "                    [--requests FILE]... [-f text|json|header|ld|svg]\n"
    "                    [-o FILE]\n"
    "\n"
    "Place the image, the layout's reserved regions (the guest shadow) and\n"
    "every request in the free address space: regions and fixed requests\n"
    "first, then the rest, largest natural alignment first, each in the\n"
    "smallest hole that keeps it naturally aligned, weakening the alignment\n"
    "step by step where none does.  Reports, per placement, the address,\n"
    "the alignment achieved, the mapping cost (pages by size, flexpages) and\n"
    "the lower bound a perfect placement needs, and the totals.\n"
    "\n"
    "  -L LAYOUT          platform layout (required)\n"
    "  -D NAME=VALUE      set a layout parameter (GUEST_RAM=256M)\n"
    "  --image ELF        place this program image too (its span, at its\n"
    "                     segments' alignment)\n"
    "  --requests FILE    requests to place (YAML; see the README)\n"
    "  -f, --format F     text (default), json, header (C #defines of every\n"
    "                     placement's _START and _SIZE), ld (a linker-script\n"
    "                     fragment: the same as symbols, and IMAGE_BASE), svg\n"
    "  -o FILE            write to FILE (atomically) instead of stdout\n"
    "\n"
    "Names become C identifiers for header and ld: upper case, every other\n"
    "character '_', a '_' before a leading digit.  Two names that become\n"
    "the same symbol (ok-name and ok_name) are an input error.\n"
    "\n"
    "Exit status: 0 planned, 1 a request fits nowhere (the message says\n"
    "which and why), 2 the run could not be done (also: two names that\n"
    "become one symbol).\n";

enum { OPT_REQUESTS = 1 };

static bool write_text(FILE *f, const void *p, const report_run *run)
{
	return report_plan_text(f, p, run);
}

static bool write_json(FILE *f, const void *p, const report_run *run)
{
	return report_plan_json(f, p, run);
}

static bool write_header(FILE *f, const void *p, const report_run *run)
{
	return report_plan_header(f, p, run);
}

static bool write_ld(FILE *f, const void *p, const report_run *run)
{
	return report_plan_ld(f, p, run);
}

static bool write_svg(FILE *f, const void *p, const report_run *run)
{
	return report_plan_svg(f, p, run);
}

static const cli_format_entry plan_formats[] = {
    {"text", write_text}, {"json", write_json}, {"header", write_header},
    {"ld", write_ld},	  {"svg", write_svg},
};

static int run_plan(const cli_opts *o, const char **req_paths, size_t nreq)
{
	cli_inputs in;
	requests rq = {0};
	plan p = {0};
	vl_error err = {0};
	int status = VL_EXIT_INPUT;

	if (!o->layout.name) {
		cli_errorf("plan: give the platform layout with -L");
		return VL_EXIT_INPUT;
	}
	if (!cli_output_not_inputs(o->output, req_paths, nreq, &err) ||
	    !cli_inputs_open(&in, o, NULL, 0, &err)) {
		cli_error(&err);
		vl_error_free(&err);
		return VL_EXIT_INPUT;
	}
	const layout *l = cli_inputs_layout(&in);
	cost_model m = plan_cost_model(l);
	if (!plan_add_regions(l, &rq)) {
		vl_fail(&err, NULL, 0, 0, "out of memory");
		goto bad;
	}
	for (size_t i = 0; i < in.nextra; i++)
		if (!plan_add_image(l, &in.extra[i], &rq, &err))
			goto bad;
	for (size_t i = 0; i < nreq; i++)
		if (!requests_load(req_paths[i], l, &rq, &err))
			goto bad;
	if (!plan_place(l, &rq, &m, &p, &err)) {
		if (!p.failed)
			goto bad;
		const request *q = p.failed;
		if (q->file && q->line)
			vl_fail(&err, q->file, q->line, q->column, "%s", p.why);
		else
			vl_fail(&err, NULL, 0, 0, "plan: %s", p.why);
		cli_error(&err);
		status = VL_EXIT_FINDINGS;
		goto done;
	}
	/* The header and the fragment define symbols made from the names:
	 * two that come out the same are an input error, found before
	 * anything is written. */
	bool header = o->format->write == write_header;
	if (header || o->format->write == write_ld) {
		plansyms syms;
		if (!plansyms_make(&p, l, header, &syms, &err))
			goto bad;
		plansyms_free(&syms);
	}
	report_run run = {l, false, NULL, NULL};
	if (!cli_write_output(o->output, o->format->write, &p, &run, &err))
		goto bad;
	status = VL_EXIT_OK;
	goto done;
bad:
	cli_error(&err);
done:
	vl_error_free(&err);
	plan_free(&p);
	requests_free(&rq);
	cli_inputs_close(&in);
	return status;
}

int cmd_plan(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"requests", required_argument, NULL, OPT_REQUESTS},
	    CLI_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	cli_opts o = CLI_OPTS_INIT(plan_formats);
	const char **req_paths = NULL;
	size_t nreq = 0;
	vl_error err = {0};
	int c, status = VL_EXIT_INPUT;

	optind = 1;
	opterr = 0;
	while ((c = cli_next_option(argc, argv, "plan", longopts, &o, &err)) !=
	       CLI_OPT_END) {
		if (c == CLI_OPT_BAD)
			goto bad;
		if (c == CLI_OPT_HELP) {
			fputs(usage, stdout);
			status = VL_EXIT_OK;
			goto out;
		}
		if (c == OPT_REQUESTS) {
			const char **v =
			    realloc(req_paths, (nreq + 1) * sizeof(*v));
			if (!v) {
				vl_fail(&err, NULL, 0, 0, "out of memory");
				goto bad;
			}
			req_paths = v;
			req_paths[nreq++] = optarg;
		}
	}
	if (optind < argc) {
		vl_fail(&err, NULL, 0, 0,
			"plan: unexpected '%s' (images go with --image, "
			"requests with --requests)",
			argv[optind]);
		goto bad;
	}
	status = run_plan(&o, req_paths, nreq);
	goto out;
bad:
	cli_error(&err);
out:
	vl_error_free(&err);
	free(req_paths);
	cli_opts_free(&o);
	return status;
}
