/* Living with a finding: the ways a user says "known, leave it", applied
 * to the findings of a run after the checks, so every check and writer
 * stays unaware of them.
 *
 *   --disable RULE / --enable RULE      on the command line
 *   .vaslint.yaml                       found up the directory tree: a
 *                                       layout, parameters, disabled rules,
 *                                       and rules disabled per path
 *   vaslint: allow RULE -- reason       a comment on the finding's line or
 *                                       the line above (scripts, sources,
 *                                       layouts); NOLINT(vaslint-RULE) and
 *                                       NOLINTNEXTLINE(vaslint-RULE) too
 *   --baseline FILE                     findings known before (a JSON
 *                                       report of vaslint), matched by
 *                                       rule, file and message
 *
 * A suppressed finding stays in the list, marked: JSON and SARIF show it
 * as suppressed, text leaves it out and counts it, and it never sets the
 * exit status. */
#ifndef VASLINT_SUPPRESS_H
#define VASLINT_SUPPRESS_H

#include "diag.h"

/* Rules disabled for the files below a path (a glob relative to the
 * config file's folder, as fnmatch(3) reads it with FNM_PATHNAME off). */
typedef struct suppress_path {
	char *glob;
	char **rules;
	size_t nrules;
} suppress_path;

/* What .vaslint.yaml says. */
typedef struct suppress_config {
	char *path; /* the file; NULL: none found */
	char *dir;  /* its folder, for per-path globs */
	char *layout;
	char **params; /* "NAME=VALUE", as -D takes them */
	size_t nparams;
	char **disable;
	size_t ndisable;
	suppress_path *paths;
	size_t npaths;
} suppress_config;

/* Find .vaslint.yaml in start and its parents and read it; true with
 * c->path NULL when there is none.  False with err (file:line:col) on a
 * bad one: an unknown key or rule, a wrong type. */
bool suppress_config_find(const char *start, suppress_config *c, vl_error *err);
void suppress_config_free(suppress_config *c);

typedef struct suppress_opts {
	const char **disable, **enable; /* --disable / --enable, in order */
	size_t ndisable, nenable;
	const char *baseline; /* --baseline FILE; NULL: none */
	const suppress_config *config;
} suppress_opts;

/* Mark every finding some way suppresses, and why.  False with err on an
 * unknown rule in an option or a baseline that cannot be read. */
bool suppress_apply(vl_diags *d, const suppress_opts *o, vl_error *err);

/* How many findings are suppressed. */
size_t suppress_count(const vl_diags *d);

#endif
