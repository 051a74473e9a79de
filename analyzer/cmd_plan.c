/* vaslint plan: place the image, the layout's regions and every request
 * in the address space, cheaply, and write the plan the program is built
 * from (a C header, a linker-script fragment) or read by people (a table,
 * JSON, a picture). */
#include <ctype.h>
#include <elf.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "plan.h"

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
    "  -f FORMAT          text (default), json, header (C #defines of every\n"
    "                     placement's _START and _SIZE), ld (a linker-script\n"
    "                     fragment: the same as symbols, and IMAGE_BASE), svg\n"
    "  -o FILE            write to FILE (atomically) instead of stdout\n"
    "\n"
    "Exit status: 0 planned, 1 a request fits nowhere (the message says\n"
    "which and why), 2 the run could not be done.\n";

enum { OPT_REQUESTS = 1 };

typedef struct plan_run {
	const layout *l;
	const cost_model *m;
	const requests *rq;
	const plan *p;
	report_format format; /* REPORT_TEXT/JSON, or the extra kinds */
	int extra;	      /* 0, 'h' header, 'l' ld, 's' svg */
} plan_run;

/* NAME_START style: upper case, everything else '_'. */
static void macro_name(const char *name, char *out, size_t len)
{
	size_t i = 0;

	if (len < 2)
		return;
	if (isdigit((unsigned char)name[0]))
		out[i++] = '_';
	for (; *name && i + 1 < len; name++)
		out[i++] = isalnum((unsigned char)*name)
			       ? (char)toupper((unsigned char)*name)
			       : '_';
	out[i] = 0;
}

static uint64_t end_of(const placement *pl)
{
	return pl->start + pl->req->size;
}

static bool write_text(FILE *f, const plan_run *r)
{
	char a[VA_HEX_LEN], b[VA_HEX_LEN], s[VA_SIZE_LEN], al[VA_SIZE_LEN],
	    w[VA_SIZE_LEN], c[COST_STR_LEN], lb[COST_STR_LEN];

	fprintf(f, "plan for layout %s\n", r->l->name);
	for (size_t i = 0; i < r->l->nparams; i++)
		fprintf(f, "  %s = %s\n", r->l->params[i].name,
			va_hex(r->l->params[i].value, a));
	fprintf(f, "%-20s %-8s %18s %18s %10s %10s  %s\n", "name", "kind",
		"start", "end", "size", "align", "cost (lower bound)");
	for (size_t i = 0; i < r->p->n; i++) {
		const placement *pl = &r->p->v[i];
		fprintf(f, "%-20s %-8s %18s %18s %10s %10s  %s", pl->req->name,
			pl->req->fixed && pl->req->kind != REQ_IMAGE
			    ? "fixed"
			    : req_kind_name(pl->req->kind),
			va_hex(pl->start, a), va_hex(end_of(pl), b),
			va_size_str(pl->req->size, s),
			va_size_str(pl->align, al),
			cost_str(r->m, &pl->cost, c, sizeof(c)));
		if (pl->cost.total_pages != pl->lower.total_pages ||
		    pl->cost.flexpages != pl->lower.flexpages)
			fprintf(f, " (%s; wants %s alignment)",
				cost_str(r->m, &pl->lower, lb, sizeof(lb)),
				va_size_str(pl->want, w));
		fputc('\n', f);
	}
	fprintf(f, "total: %s; lower bound: %s\n",
		cost_str(r->m, &r->p->total, c, sizeof(c)),
		cost_str(r->m, &r->p->total_lower, lb, sizeof(lb)));
	return !ferror(f);
}

static json_t *hex(uint64_t x)
{
	char b[VA_HEX_LEN];
	return json_string(va_hex(x, b));
}

static json_t *pages_json(const cost_model *m, const map_cost *c)
{
	json_t *o = json_object();
	char s[VA_SIZE_LEN];

	for (size_t i = 0; i < m->npage_sizes; i++) {
		/* "4K", "2M", "1G": the size without spaces or "iB" */
		char key[VA_SIZE_LEN], *k = key;
		for (const char *p = va_size_str(m->page_sizes[i], s); *p; p++)
			if (*p != ' ' && *p != 'i' && *p != 'B')
				*k++ = *p;
		*k = 0;
		json_object_set_new(o, key,
				    json_integer((json_int_t)c->pages[i]));
	}
	return o;
}

static json_t *cost_json(const cost_model *m, const map_cost *c,
			 const map_cost *lower)
{
	json_t *o = json_object();

	json_object_set_new(o, "pages", pages_json(m, c));
	json_object_set_new(o, "flexpages",
			    json_integer((json_int_t)c->flexpages));
	if (lower)
		json_object_set_new(o, "lower_bound",
				    json_pack("{s:I, s:I}", "pages",
					      (json_int_t)lower->total_pages,
					      "flexpages",
					      (json_int_t)lower->flexpages));
	return o;
}

static bool write_json(FILE *f, const plan_run *r)
{
	json_t *root = json_object(), *list = json_array();
	bool ok;

	json_object_set_new(root, "layout", json_string(r->l->name));
	json_object_set_new(root, "params", report_params_json(r->l));
	for (size_t i = 0; i < r->p->n; i++) {
		const placement *pl = &r->p->v[i];
		json_t *j = json_object();
		json_object_set_new(j, "name", json_string(pl->req->name));
		json_object_set_new(j, "kind",
				    json_string(req_kind_name(pl->req->kind)));
		json_object_set_new(j, "start", hex(pl->start));
		json_object_set_new(j, "end", hex(end_of(pl)));
		json_object_set_new(j, "align", hex(pl->align));
		json_object_set_new(j, "fixed", json_boolean(pl->req->fixed));
		json_object_set_new(j, "cost",
				    cost_json(r->m, &pl->cost, &pl->lower));
		json_array_append_new(list, j);
	}
	json_object_set_new(root, "placements", list);
	json_t *tot = cost_json(r->m, &r->p->total, &r->p->total_lower);
	json_object_set_new(root, "totals", tot);
	ok = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 &&
	     fputc('\n', f) != EOF;
	json_decref(root);
	return ok && !ferror(f);
}

static void params_comment(FILE *f, const layout *l, const char *open,
			   const char *close)
{
	char a[VA_HEX_LEN];

	fprintf(f, "%s Generated by vaslint plan -L %s", open, l->name);
	for (size_t i = 0; i < l->nparams; i++)
		fprintf(f, " -D %s=%s", l->params[i].name,
			va_hex(l->params[i].value, a));
	fprintf(f, "; do not edit. %s\n", close);
}

static bool write_header(FILE *f, const plan_run *r)
{
	char guard[300], name[256], a[VA_HEX_LEN];

	macro_name(r->l->name, name, sizeof(name));
	snprintf(guard, sizeof(guard), "VASLINT_PLAN_%s_H", name);
	params_comment(f, r->l, "/*", "*/");
	fprintf(f, "#ifndef %s\n#define %s\n\n", guard, guard);
	for (size_t i = 0; i < r->l->nparams; i++) {
		macro_name(r->l->params[i].name, name, sizeof(name));
		fprintf(f, "#define VASLINT_%s %sULL\n", name,
			va_hex(r->l->params[i].value, a));
	}
	for (size_t i = 0; i < r->p->n; i++) {
		const placement *pl = &r->p->v[i];
		macro_name(pl->req->name, name, sizeof(name));
		fprintf(f, "#define %s_START %sULL\n", name,
			va_hex(pl->start, a));
		fprintf(f, "#define %s_SIZE %sULL\n", name,
			va_hex(pl->req->size, a));
	}
	fprintf(f, "\n#endif\n");
	return !ferror(f);
}

static bool write_ld(FILE *f, const plan_run *r)
{
	char name[256], a[VA_HEX_LEN];

	params_comment(f, r->l, "/*", "*/");
	for (size_t i = 0; i < r->p->n; i++) {
		const placement *pl = &r->p->v[i];
		macro_name(pl->req->name, name, sizeof(name));
		fprintf(f, "%s_START = %s;\n", name, va_hex(pl->start, a));
		fprintf(f, "%s_SIZE = %s;\n", name, va_hex(pl->req->size, a));
		if (pl->req->kind == REQ_IMAGE)
			fprintf(f, "IMAGE_BASE = %s;\n", va_hex(pl->start, a));
	}
	return !ferror(f);
}

static bool write_svg(FILE *f, const plan_run *r)
{
	map_ranges m = {0};
	va_set free_space;
	bool ok = true;

	va_set_init(&free_space);
	ok = va_set_add(&free_space, r->l->address_space);
	for (size_t i = 0; ok && i < r->p->n; i++) {
		const placement *pl = &r->p->v[i];
		va_range rg = {pl->start, end_of(pl)};
		/* the layout's own regions are the reserve requests that no
		 * file asked for */
		bool region = pl->req->platform;
		ok = map_add(&m,
			     region			  ? "region"
			     : pl->req->kind == REQ_IMAGE ? "image"
							  : "request",
			     pl->req->name, rg, pl->req->file, pl->req->line,
			     pl->req->column) &&
		     va_set_remove(&free_space, rg);
	}
	for (size_t i = 0; ok && i < free_space.n; i++)
		ok = map_add(&m, "free", "free", free_space.v[i], NULL, 0, 0);
	map_sort(&m);
	report_run run = {r->l, false, NULL};
	ok = ok && report_map_svg(f, &m, &run);
	map_free(&m);
	va_set_free(&free_space);
	return ok;
}

static bool write_plan(FILE *f, const void *what, const report_run *run)
{
	const plan_run *r = what;

	(void)run;
	switch (r->extra) {
	case 'h':
		return write_header(f, r);
	case 'l':
		return write_ld(f, r);
	case 's':
		return write_svg(f, r);
	}
	return r->format == REPORT_JSON ? write_json(f, r) : write_text(f, r);
}

/* The layout's regions are placements too (fixed where the platform keeps
 * them), so the header names the guest shadow the program must reserve. */
static bool add_regions(const layout *l, requests *rq)
{
	for (size_t i = 0; i < l->nregions; i++) {
		const layout_region *reg = &l->regions[i];
		request q = {.name = reg->name,
			     .kind = REQ_RESERVE,
			     .size = va_range_size(reg->range),
			     .fixed = true,
			     .at = reg->range.start,
			     .platform = true};
		if (va_range_empty(reg->range))
			continue;
		if (!requests_add(rq, &q))
			return false;
	}
	return true;
}

static bool add_image(const cli_inputs *in, requests *rq, vl_error *err)
{
	for (size_t i = 0; i < in->nextra; i++) {
		const image *img = &in->extra[i];
		placed_image p;
		uint64_t align = 1;
		if (img->type == ET_REL)
			return vl_fail(err, img->path, 0, 0,
				       "plan places a linked program: this is "
				       "an object file");
		if (!check_place_image(img, cli_inputs_layout(in), &p, err))
			return false;
		for (size_t k = 0; k < img->nsegments; k++)
			if (img->segments[k].align > align)
				align = img->segments[k].align;
		const layout *l = cli_inputs_layout(in);
		const char *slash = strrchr(img->path, '/');
		request q = {.name = (char *)(slash ? slash + 1 : img->path),
			     .kind = REQ_IMAGE,
			     .size = va_range_size(p.occupied),
			     .align = align,
			     .file = img->path};
		check_placed_free(&p);
		if (!q.size)
			return vl_fail(err, img->path, 0, 0,
				       "the image has no loadable segments");
		/* A position-dependent image goes where `vaslint fix` puts
		 * it, so the plan and the fixed script agree (and it stays
		 * below the exec limit); a PIE is placed like any request,
		 * at the largest page. */
		if (img->type == ET_EXEC) {
			char sz[VA_SIZE_LEN];
			if (!check_link_address(l, q.size, align, &q.at,
						&q.align))
				return vl_fail(err, img->path, 0, 0,
					       "no legal link address exists "
					       "in layout %s for an image of "
					       "%s",
					       l->name,
					       va_size_str(q.size, sz));
			q.fixed = true;
		} else if (l->page_sizes[l->npage_sizes - 1] > align) {
			q.align = l->page_sizes[l->npage_sizes - 1];
		}
		if (!requests_add(rq, &q))
			return vl_fail(err, NULL, 0, 0, "out of memory");
	}
	return true;
}

static int run_plan(const cli_opts *o, int extra, const char **req_paths,
		    size_t nreq)
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
	if (!cli_inputs_open(&in, o, NULL, 0, &err)) {
		cli_error(&err);
		vl_error_free(&err);
		return VL_EXIT_INPUT;
	}
	const layout *l = cli_inputs_layout(&in);
	cost_model m = plan_cost_model(l);
	if (!add_regions(l, &rq) || !add_image(&in, &rq, &err)) {
		if (!err.msg)
			vl_fail(&err, NULL, 0, 0, "out of memory");
		goto bad;
	}
	for (size_t i = 0; i < nreq; i++)
		if (!requests_load(req_paths[i], l, &rq, &err))
			goto bad;
	if (!plan_place(l, &rq, &m, &p, &err)) {
		if (!p.failed)
			goto bad;
		const request *q = p.failed;
		if (q->file && q->line)
			fprintf(stderr, "%s:%u:%u: error: %s\n", q->file,
				q->line, q->column, p.why);
		else
			cli_errorf("plan: %s", p.why);
		status = VL_EXIT_FINDINGS;
		goto done;
	}
	plan_run r = {l, &m, &rq, &p, o->format, extra};
	if (!cli_write_output(o->output, write_plan, &r, NULL, &err))
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
	cli_opts o = {.format = REPORT_TEXT};
	const char **req_paths = NULL;
	size_t nreq = 0;
	vl_error err = {0};
	int c, extra = 0, status = VL_EXIT_INPUT;

	/* header, ld and svg are plan's own formats: take them out before
	 * the common -f handling sees them. */
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "-f") && (!strcmp(argv[i + 1], "header") ||
					       !strcmp(argv[i + 1], "ld") ||
					       !strcmp(argv[i + 1], "svg"))) {
			extra = argv[i + 1][0] == 'h'	? 'h'
				: argv[i + 1][0] == 'l' ? 'l'
							: 's';
			memmove(&argv[i], &argv[i + 2],
				(size_t)(argc - i - 1) * sizeof(*argv));
			argc -= 2;
			i--;
		}
	optind = 1;
	opterr = 0;
	while ((c = cli_next_option(argc, argv, "plan", longopts, &o,
				    1u << REPORT_TEXT | 1u << REPORT_JSON,
				    &err)) != CLI_OPT_END) {
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
	status = run_plan(&o, extra, req_paths, nreq);
	goto out;
bad:
	cli_error(&err);
out:
	vl_error_free(&err);
	free(req_paths);
	cli_opts_free(&o);
	return status;
}
