/* What the subcommands share: exit codes, error printing, -L/-D handling,
 * and the output format option. */
#ifndef VASLINT_CLI_H
#define VASLINT_CLI_H

#include "diag.h"
#include "layout.h"
#include "report/report.h"

enum {
	VL_EXIT_OK = 0,       /* no errors (warnings may have been printed) */
	VL_EXIT_FINDINGS = 1, /* at least one error, or any finding with --werror */
	VL_EXIT_INPUT = 2,    /* the run could not be done */
};

/* Print an input error as one line on stderr, GCC style. */
void cli_error(const vl_error *err);
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* -L and -D as given on the command line. */
typedef struct cli_layout {
	const char *name;
	layout_define *defs;
	size_t ndefs;
} cli_layout;

bool cli_layout_define(cli_layout *c, const char *arg, vl_error *err);
/* Load the layout named with -L; returns false with err.  When no -L was
 * given, *loaded is false and -D is an error. */
bool cli_layout_load(const cli_layout *c, layout *out, bool *loaded,
		     vl_error *err);
void cli_layout_free(cli_layout *c);

bool cli_format(const char *arg, bool allow_sarif, report_format *out,
		vl_error *err);

int cmd_check(int argc, char **argv);
int cmd_layouts(int argc, char **argv);
int cmd_explain(int argc, char **argv);

#endif
