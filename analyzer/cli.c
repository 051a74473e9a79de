#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
