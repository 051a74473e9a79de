#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

void cli_error(const vl_error *err)
{
	if (!err->file[0] || strcmp(err->file, "<command line>") == 0) {
		fprintf(stderr, "vaslint: error: %s\n", err->msg);
		return;
	}
	fprintf(stderr, "%s", err->file);
	if (err->line) {
		fprintf(stderr, ":%u", err->line);
		if (err->column)
			fprintf(stderr, ":%u", err->column);
	}
	fprintf(stderr, ": error: %s\n", err->msg);
}

void cli_errorf(const char *fmt, ...)
{
	va_list ap;

	fputs("vaslint: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

bool cli_layout_define(cli_layout *c, const char *arg, vl_error *err)
{
	layout_define d;
	layout_define *v;

	if (!layout_parse_define(arg, &d, err))
		return false;
	v = realloc(c->defs, (c->ndefs + 1) * sizeof(*v));
	if (!v)
		return vl_fail(err, NULL, 0, 0, "out of memory");
	c->defs = v;
	c->defs[c->ndefs++] = d;
	return true;
}

bool cli_layout_load(const cli_layout *c, layout *out, bool *loaded,
		     vl_error *err)
{
	char *path;
	bool ok;

	*loaded = false;
	if (!c->name) {
		if (c->ndefs)
			return vl_fail(err, NULL, 0, 0,
				       "-D %s needs a layout: give -L NAME",
				       c->defs[0].name);
		return true;
	}
	path = layout_find(c->name, layout_dir(NULL), err);
	if (!path)
		return false;
	ok = layout_load(path, c->defs, c->ndefs, out, err);
	free(path);
	*loaded = ok;
	return ok;
}

void cli_layout_free(cli_layout *c)
{
	free(c->defs);
	memset(c, 0, sizeof(*c));
}

bool cli_format(const char *arg, bool allow_sarif, report_format *out,
		vl_error *err)
{
	if (strcmp(arg, "text") == 0)
		*out = REPORT_TEXT;
	else if (strcmp(arg, "json") == 0)
		*out = REPORT_JSON;
	else if (allow_sarif && strcmp(arg, "sarif") == 0)
		*out = REPORT_SARIF;
	else
		return vl_fail(err, NULL, 0, 0,
			       "-f %s: unknown format (use text, json%s)", arg,
			       allow_sarif ? " or sarif" : "");
	return true;
}

static int common_option(int c, const char *arg, cli_opts *o,
			 unsigned formats, vl_error *err)
{
	switch (c) {
	case 'L':
		o->layout.name = arg;
		return 1;
	case 'D':
		return cli_layout_define(&o->layout, arg, err) ? 1 : -1;
	case 'o':
		o->output = arg;
		return 1;
	case 'f':
		if (!cli_format(arg, formats & (1u << REPORT_SARIF), &o->format,
				err))
			return -1;
		if (!(formats & (1u << o->format))) {
			vl_fail(err, NULL, 0, 0,
				"-f %s: not a format of this command", arg);
			return -1;
		}
		return 1;
	}
	return 0;
}

int cli_next_option(int argc, char **argv, const char *cmd,
		    const struct option *longopts, cli_opts *o,
		    unsigned formats, vl_error *err)
{
	for (;;) {
		int c = getopt_long(argc, argv, "L:D:f:o:h", longopts, NULL);
		if (c == -1)
			return CLI_OPT_END;
		int r = common_option(c, optarg, o, formats, err);
		if (r < 0)
			return CLI_OPT_BAD;
		if (r > 0)
			continue;
		if (c == 'h')
			return CLI_OPT_HELP;
		if (c != '?' && c != ':')
			return c;
		if (optopt && strchr("LDfo", optopt))
			vl_fail(err, NULL, 0, 0,
				"%s: option -%c needs a value", cmd, optopt);
		else
			vl_fail(err, NULL, 0, 0,
				"%s: unknown option '%s' (see 'vaslint %s "
				"--help')",
				cmd, argv[optind - 1], cmd);
		return CLI_OPT_BAD;
	}
}

static bool read_image(const char *path, image *img, vl_error *err)
{
	elfimage_status st = elfimage_read(path, img, err);

	if (st == ELFIMAGE_NOT_ELF)
		vl_fail(err, path, 0, 0,
			"not an ELF file (this version of vaslint reads ELF "
			"images)");
	return st == ELFIMAGE_OK;
}

/* Every input is read, and every bad one named, before the run gives up:
 * one line per bad file beats fixing them one rerun at a time.  The last
 * error stays in err; the others are printed here. */
static bool read_images(char **paths, size_t n, image *imgs, vl_error *err)
{
	bool ok = true;

	for (size_t i = 0; i < n; i++) {
		vl_error e;
		if (read_image(paths[i], &imgs[i], &e))
			continue;
		if (!ok)
			cli_error(err);
		*err = e;
		ok = false;
	}
	return ok;
}

bool cli_inputs_open(cli_inputs *in, const cli_layout *lo, char **paths,
		     size_t n, vl_error *err)
{
	memset(in, 0, sizeof(*in));
	in->images = calloc(n ? n : 1, sizeof(*in->images));
	in->placed = calloc(n ? n : 1, sizeof(*in->placed));
	in->n = n;
	if (!in->images || !in->placed) {
		cli_inputs_close(in);
		return vl_fail(err, NULL, 0, 0, "out of memory");
	}
	if (!cli_layout_load(lo, &in->layout, &in->have_layout, err) ||
	    !read_images(paths, n, in->images, err))
		goto fail;
	for (size_t i = 0; i < n; i++)
		if (!check_place_image(&in->images[i], cli_inputs_layout(in),
				       &in->placed[i], err))
			goto fail;
	return true;
fail:
	cli_inputs_close(in);
	return false;
}

void cli_inputs_close(cli_inputs *in)
{
	for (size_t i = 0; i < in->n; i++) {
		if (in->placed)
			check_placed_free(&in->placed[i]);
		if (in->images)
			elfimage_free(&in->images[i]);
	}
	free(in->placed);
	free(in->images);
	if (in->have_layout)
		layout_free(&in->layout);
	memset(in, 0, sizeof(*in));
}

const layout *cli_inputs_layout(const cli_inputs *in)
{
	return in->have_layout ? &in->layout : NULL;
}

bool cli_use_color(const char *output)
{
	const char *no = getenv("NO_COLOR");

	return !output && isatty(STDOUT_FILENO) && !(no && *no);
}

bool cli_write_output(const char *output, cli_writer w, const void *what,
		      const report_run *run, vl_error *err)
{
	outfile out;

	if (!outfile_open(&out, output, err))
		return false;
	if (!w(out.f, what, run)) {
		vl_fail(err, output ? output : "<stdout>", 0, 0,
			"cannot write: %s", strerror(errno));
		outfile_abort(&out);
		return false;
	}
	return outfile_commit(&out, err);
}
