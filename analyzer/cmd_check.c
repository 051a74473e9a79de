/* vaslint check: read every input, run the checks, print the findings. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "apirules.h"
#include "ccopts.h"
#include "cli.h"
#include "outfile.h"
#include "source.h"
#include "rules.h"
#include "suppress.h"

static const char usage[] =
    "usage: vaslint check [-L LAYOUT] [-D NAME=VALUE]... [-f text|json|sarif]\n"
    "                     [-o FILE] [--werror] [--one-space] [--image ELF]...\n"
    "                     [LINK OPTIONS] [--cpp] [--cpp-flags FLAGS] [-p DIR]\n"
    "                     [--requests FILE] [--rules FILE]... [-p DIR] [-j N]\n"
    "                     [--resource-dir DIR] [--parse-time S]\n"
    "                     [--parse-memory MIB] [--disable RULE]...\n"
    "                     [--enable RULE]... [--baseline FILE] [--no-config]\n"
    "                     [--extra-arg=FLAG]... INPUT... [-- FLAGS]\n"
    "\n"
    "Check where the INPUTs land in the address space of a platform.  An\n"
    "INPUT is an ELF image (by its magic) or a GNU ld linker script.\n"
    "\n"
    "Images: their PT_LOAD segments against the layout's reserved regions (a\n"
    "VMM's guest shadow, the thread context area, ...) and address space, and\n"
    "against each other; overlapping or incongruent segments.\n"
    "Scripts: the link simulated; the image and every section the script\n"
    "places, at the file:line:col of the expression that placed it; what the\n"
    "linker would refuse; what lld drops or rejects.\n"
    "C and C++ sources: the memory API calls the rule sets name, their\n"
    "arguments evaluated with libclang (16, else 14); the text report ends\n"
    "with a line 'sources: N files scanned, N requests (N with unknown\n"
    "values), N files with parse errors'.\n"
    "\n"
    "  -L LAYOUT        platform layout: a name from 'vaslint layouts' or a\n"
    "                   path to a .yaml file; without it only the checks that\n"
    "                   need no platform run\n"
    "  -D NAME=VALUE    set a layout parameter; VALUE is an ld expression\n"
    "                   (256M, 0x10000000, 64M+4K)\n"
    "  -f, --format F   text (default, GCC style), json or sarif (2.1.0)\n"
    "  -o FILE          write the report to FILE (atomically) instead of "
    "stdout\n"
    "  --werror         exit 1 on warnings too (notes never count), such as\n"
    "                   missing-header (a source's #include not found)\n"
    "  --one-space      the images are parts of one address space (a program\n"
    "                   and its libraries): check them against each other;\n"
    "                   by default each image is a program of its own\n"
    "                   (--separate, the old spelling of the default, is\n"
    "                   accepted)\n"
    "  --requests FILE  memory requests (YAML, see the README) to check for\n"
    "                   natural alignment and against the layout\n"
    "  --image ELF      for scripts: the linked program, or its objects in "
    "link\n"
    "                   order, which give the input section sizes\n"
    "  LINK OPTIONS     -Ttext-segment=ADDR -Trodata-segment= "
    "-Tldata-segment=\n"
    "                   --image-base=ADDR -Ttext= -Tdata= -Tbss=\n"
    "                   --section-start=SECTION=ADDR -z max-page-size=N\n"
    "                   -z common-page-size=N -z [no]separate-code\n"
    "                   -z [no]relro\n"
    "                   -m EMULATION\n"
    "                   --defsym NAME=EXPR, --shared, --pie, --no-pie,\n"
    "                   --export-dynamic, --no-dynamic-linker,\n"
    "                   --hash-style=sysv|gnu|both, --soname=NAME, as for\n"
    "                   the link (with --image objects, --shared and --pie\n"
    "                   add the dynamic sections GNU ld makes)\n"
    "  --rules FILE     an API rule set besides the shipped ones:\n"
    "                   rules/genode.yaml, rules/posix.yaml and\n"
    "                   rules/wrappers.yaml (C/C++ INPUTs)\n"
    "  -p DIR           DIR/compile_commands.json: each source's (and each\n"
    "                   *.lds.S script's) preprocessor and language options\n"
    "                   (-D -U -I -iquote -isystem -idirafter -include\n"
    "                   -imacros --sysroot -nostdinc -undef -std= -x\n"
    "                   --target -m... and the -f/-W/-O that change the\n"
    "                   language); the rest (-o, -M*, -Xclang, -fplugin=,\n"
    "                   -wrapper, @FILE, ...) is dropped, nothing is run;\n"
    "                   without source INPUTs, every file in it is scanned\n"
    "  -- FLAGS         everything after -- is the compile command of each\n"
    "                   source INPUT (no compile_commands.json needed, as\n"
    "                   clang-tidy): check main.cc -- -Iinclude -DX=1; the\n"
    "                   options -p allows, any other is an error\n"
    "  --extra-arg=FLAG a flag added to every source's flags, those of -p\n"
    "                   and -- too (repeatable, one word each)\n"
    "  -j N             scan sources with N workers (default: the cores)\n"
    "  --resource-dir D clang's resource folder (the one with\n"
    "                   include/stddef.h); also $VASLINT_CLANG_RESOURCE_DIR;\n"
    "                   by default that of the libclang loaded:\n"
    "                   $VASLINT_LIBCLANG, else the build's LLVM's, LLVM\n"
    "                   16's, LLVM 14's, libclang.so.1\n"
    "  --parse-time S   CPU seconds one source's parse may take (default 60)\n"
    "  --parse-memory M MiB one source's parse may allocate (default 2048);\n"
    "                   a parse that crashes or reaches a limit is a note\n"
    "  --cpp            run every script through the C preprocessor (always\n"
    "                   done for *.lds.S and *.ld.S)\n"
    "  --cpp-flags F    -D/-I flags for it, split at white space (no\n"
    "                   shell), the preprocessor options of -p only; -p DIR\n"
    "                   takes them from DIR/compile_commands.json.  $CC\n"
    "                   replaces cc, split into words as make's shell\n"
    "                   would but run without one (CC=\"ccache gcc -m32\":\n"
    "                   quotes group, nothing is expanded, $ ; | & < > ( )\n"
    "                   and ` are refused); the words after the compiler\n"
    "                   pass the same allow-list, each one dropped is a\n"
    "                   warning\n"
    "  --disable RULE   do not report RULE (repeatable; see 'vaslint "
    "explain')\n"
    "  --enable RULE    report RULE even where .vaslint.yaml disables it\n"
    "  --baseline FILE  known findings (a -f json report written before):\n"
    "                   only new ones are reported\n"
    "  --no-config      ignore .vaslint.yaml (otherwise looked for in this\n"
    "                   folder and its parents: layout, params, disable,\n"
    "                   paths)\n"
    "  -h, --help       this text\n"
    "\n"
    "Exit status: 0 no errors, 1 errors found, 2 the check could not be done.\n"
    "Example: vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M vmm\n";

/* What every format is written from: SARIF also tells whether the run
 * was done and its input errors. */
typedef struct check_report {
	const vl_diags *diags;
	report_invocation inv;
} check_report;

static bool write_text(FILE *f, const void *what, const report_run *run)
{
	return report_text(f, ((const check_report *)what)->diags, run);
}

static bool write_json(FILE *f, const void *what, const report_run *run)
{
	return report_json(f, ((const check_report *)what)->diags, run);
}

static bool write_sarif(FILE *f, const void *what, const report_run *run)
{
	const check_report *r = what;
	return report_sarif_invoked(f, r->diags, run, &r->inv);
}

static const cli_format_entry check_formats[] = {
    {"text", write_text},
    {"json", write_json},
    {"sarif", write_sarif},
};

typedef struct check_opts {
	bool werror, one_space;
	const char *requests_path;
	const char **rules; /* --rules files, besides the shipped ones */
	size_t nrules;
	unsigned jobs;
	const char *resource_dir;
	suppress_opts sup; /* --disable, --enable, --baseline, the config */
	bool no_config;
	unsigned parse_seconds, parse_memory_mib; /* 0: the defaults */
	bool has_fixed;				  /* -- FLAGS given */
	ccopts fixed, extra;	  /* -- FLAGS and --extra-arg, allowed */
	const char **extra_words; /* --extra-arg as typed */
	size_t nextra_words;
} check_opts;

static const char *const shipped_rules[] = {"genode.yaml", "posix.yaml",
					    "wrappers.yaml"};
#define NSHIPPED (sizeof(shipped_rules) / sizeof(shipped_rules[0]))

/* The shipped rule sets, then the user's. */
static bool load_rules(const check_opts *c, api_rules *out, vl_error *err)
{
	for (size_t i = 0; i < NSHIPPED; i++) {
		char *path = cli_rules_path(shipped_rules[i]);
		bool ok =
		    path ? api_rules_load(path, out, err) : vl_fail_oom(err);
		free(path);
		if (!ok)
			return false;
	}
	for (size_t i = 0; i < c->nrules; i++)
		if (!api_rules_load(c->rules[i], out, err))
			return false;
	return true;
}

/* -o names none of the files check reads besides its INPUTs: the
 * requests and every rule set. */
static bool output_not_inputs(const cli_opts *o, const check_opts *c,
			      vl_error *err)
{
	bool ok = outfile_not_input(o->output, c->requests_path, err) &&
		  cli_output_not_inputs(o->output, c->rules, c->nrules, err);

	for (size_t i = 0; ok && i < NSHIPPED; i++) {
		char *path = cli_rules_path(shipped_rules[i]);
		ok = path ? outfile_not_input(o->output, path, err)
			  : vl_fail_oom(err);
		free(path);
	}
	return ok;
}

/* A run that could not be done still writes its SARIF report, without
 * results and with the input errors as notifications, so that code
 * scanning learns why (text and JSON say it on stderr alone). */
static void write_failed_sarif(const cli_opts *o, const layout *l)
{
	vl_diags none = {0};
	vl_error err = {0};
	report_run run = {l, false, NULL, NULL};
	check_report r = {&none, {.failed = true}};

	if (o->format->write != write_sarif)
		return;
	r.inv.errors = cli_errors_printed(&r.inv.nerrors);
	if (!cli_write_output(o->output, write_sarif, &r, &run, &err))
		cli_error(&err);
	vl_error_free(&err);
}

/* Requests from a requests file and from the sources. */
static bool check_all_requests(const cli_opts *o, const check_opts *c,
			       const cli_inputs *in, vl_diags *diags,
			       requests *rq, source_stats *stats, bool *scanned,
			       vl_error *err)
{
	const layout *l = cli_inputs_layout(in);
	api_rules rules = {0};
	bool ok = false;

	if (c->requests_path && !requests_load(c->requests_path, l, rq, err))
		goto out;
	if (c->has_fixed && !in->nsources) {
		vl_fail(err, NULL, 0, 0,
			"check: -- FLAGS: no C or C++ source INPUT to compile "
			"with them");
		goto out;
	}
	if (in->nsources || (o->compdb && !in->n && !in->nscripts &&
			     !in->nbad && !c->requests_path)) {
		source_opts so = {&rules,
				  o->compdb,
				  c->resource_dir,
				  c->jobs ? c->jobs : 1,
				  isatty(STDERR_FILENO) != 0,
				  c->parse_seconds,
				  c->parse_memory_mib,
				  c->has_fixed,
				  c->fixed.v,
				  c->fixed.n,
				  c->extra.v,
				  c->extra.n,
				  stats};
		*scanned = true;
		if (!load_rules(c, &rules, err) ||
		    !source_scan(&so, in->sources, in->nsources, rq, diags,
				 err))
			goto out;
	}
	ok = true;
out:
	api_rules_free(&rules);
	return ok;
}

static bool add_word(const char ***v, size_t *n, const char *w, vl_error *err)
{
	const char **nv = realloc(*v, (*n + 1) * sizeof(*nv));

	if (!nv)
		return vl_fail_oom(err);
	*v = nv;
	nv[(*n)++] = w;
	return true;
}

/* .vaslint.yaml, found from the current folder up: its layout when -L is
 * not given, its parameters under every -D (the command line wins). */
static bool apply_config(cli_opts *o, suppress_config *config, vl_error *err)
{
	if (!suppress_config_find(".", config, err))
		return false;
	if (!config->path)
		return true;
	if (!o->layout.name && config->layout) {
		/* A path in the file is relative to the file's folder. */
		bool path = strchr(config->layout, '/') ||
			    strstr(config->layout, ".yaml");
		o->config_layout =
		    path && config->layout[0] != '/'
			? vl_strprintf("%s/%s", config->dir, config->layout)
			: strdup(config->layout);
		if (!o->config_layout)
			return vl_fail_oom(err);
		o->layout.name = o->config_layout;
	}
	/* Earlier -D lose to later ones: the file's go first. */
	size_t given = o->layout.ndefs;
	for (size_t i = 0; i < config->nparams; i++)
		if (!cli_layout_define(&o->layout, config->params[i], err))
			return vl_fail(err, config->path, 0, 0, "params: %s",
				       err->msg);
	if (config->nparams && given) {
		layout_define *d = o->layout.defs;
		size_t nd = o->layout.ndefs;
		layout_define *tmp = malloc(nd * sizeof(*tmp));
		if (!tmp)
			return vl_fail_oom(err);
		memcpy(tmp, d + given, (nd - given) * sizeof(*tmp));
		memcpy(tmp + (nd - given), d, given * sizeof(*tmp));
		memcpy(d, tmp, nd * sizeof(*tmp));
		free(tmp);
	}
	return true;
}

static int run_check(const cli_opts *o, const check_opts *c, char **paths,
		     size_t n)
{
	cli_inputs in;
	vl_diags diags = {0};
	vl_error err = {0};
	requests rq = {0};
	source_stats stats = {0};
	bool scanned = false;
	int status = VL_EXIT_INPUT;

	if (!output_not_inputs(o, c, &err)) {
		cli_error(&err);
		vl_error_free(&err);
		return VL_EXIT_INPUT;
	}
	if (!cli_inputs_open(&in, o, paths, n, &err)) {
		cli_error(&err);
		vl_error_free(&err);
		write_failed_sarif(o, NULL);
		return VL_EXIT_INPUT;
	}
	if (!check_all_requests(o, c, &in, &diags, &rq, &stats, &scanned,
				&err)) {
		cli_error(&err);
		write_failed_sarif(o, cli_inputs_layout(&in));
		goto done;
	}
	in.space.one_space = c->one_space;
	if (!space_add_requests(&in.space, &rq) ||
	    check_run(&in.space, &diags) < 0) {
		cli_errorf("out of memory");
		goto done;
	}
	vl_diags_sort(&diags);
	if (!suppress_apply(&diags, &c->sup, &err)) {
		cli_error(&err);
		goto done;
	}
	report_run run = {cli_inputs_layout(&in), cli_use_color(o->output),
			  scanned ? &rq : NULL, scanned ? &stats : NULL};
	check_report r = {&diags, {.failed = in.nbad != 0}};
	r.inv.errors = cli_errors_printed(&r.inv.nerrors);
	if (!cli_write_output(o->output, o->format->write, &r, &run, &err)) {
		cli_error(&err);
		goto done;
	}
	size_t nsup = suppress_count(&diags);
	if (nsup)
		fprintf(stderr,
			"vaslint: note: %zu finding%s suppressed (JSON and "
			"SARIF list %s)\n",
			nsup, nsup == 1 ? "" : "s", nsup == 1 ? "it" : "them");
	size_t errors = vl_diags_count(&diags, VL_ERROR);
	size_t warnings = vl_diags_count(&diags, VL_WARNING);
	status = in.nbad			     ? VL_EXIT_INPUT
		 : errors || (c->werror && warnings) ? VL_EXIT_FINDINGS
						     : VL_EXIT_OK;
done:
	vl_error_free(&err);
	vl_diags_free(&diags);
	requests_free(&rq);
	cli_inputs_close(&in);
	return status;
}

static void check_opts_free(check_opts *co)
{
	ccopts_free(&co->fixed);
	ccopts_free(&co->extra);
	free(co->extra_words);
}

/* A whole number from 1 to max. */
static bool parse_count(const char *arg, const char *opt, const char *unit,
			unsigned long max, unsigned *out, vl_error *err)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 10);

	if (!*arg || *end || v < 1 || v > max || arg[0] == '-')
		return vl_fail(err, NULL, 0, 0,
			       "check: %s %s: give a number of %s from 1 to "
			       "%lu",
			       opt, arg, unit, max);
	*out = (unsigned)v;
	return true;
}

int cmd_check(int argc, char **argv)
{
	enum {
		OPT_WERROR = 256,
		OPT_SEPARATE,
		OPT_ONE_SPACE,
		OPT_REQUESTS,
		OPT_RULES,
		OPT_JOBS,
		OPT_RESOURCE_DIR,
		OPT_DISABLE,
		OPT_ENABLE,
		OPT_BASELINE,
		OPT_NO_CONFIG,
		OPT_PARSE_TIME,
		OPT_PARSE_MEMORY,
		OPT_EXTRA_ARG
	};
	static const struct option longopts[] = {
	    {"werror", no_argument, NULL, OPT_WERROR},
	    {"separate", no_argument, NULL, OPT_SEPARATE},
	    {"one-space", no_argument, NULL, OPT_ONE_SPACE},
	    {"requests", required_argument, NULL, OPT_REQUESTS},
	    {"rules", required_argument, NULL, OPT_RULES},
	    {"jobs", required_argument, NULL, OPT_JOBS},
	    {"resource-dir", required_argument, NULL, OPT_RESOURCE_DIR},
	    {"disable", required_argument, NULL, OPT_DISABLE},
	    {"enable", required_argument, NULL, OPT_ENABLE},
	    {"baseline", required_argument, NULL, OPT_BASELINE},
	    {"no-config", no_argument, NULL, OPT_NO_CONFIG},
	    {"parse-time", required_argument, NULL, OPT_PARSE_TIME},
	    {"parse-memory", required_argument, NULL, OPT_PARSE_MEMORY},
	    {"extra-arg", required_argument, NULL, OPT_EXTRA_ARG},
	    CLI_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	cli_opts o = CLI_OPTS_INIT(check_formats);
	o.keep_going = true;
	check_opts co = {.jobs = 0};
	vl_error err = {0};
	int c, status;

	/* Everything after the first -- is compile flags, as clang-tidy
	 * reads them; getopt would take them for more INPUTs. */
	int nargs = argc;
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--")) {
			co.has_fixed = true;
			nargs = i;
			break;
		}
	if (co.has_fixed &&
	    !ccopts_from_words(argv + nargs + 1, (size_t)(argc - nargs - 1),
			       "check: --", CCOPTS_PARSE, &co.fixed, &err))
		goto bad;
	argc = nargs;
	optind = 1;
	opterr = 0;
	while ((c = cli_next_option(argc, argv, "check", longopts, &o, &err)) !=
	       CLI_OPT_END) {
		if (c == CLI_OPT_BAD)
			goto bad;
		if (c == CLI_OPT_HELP) {
			fputs(usage, stdout);
			cli_opts_free(&o);
			return VL_EXIT_OK;
		}
		co.werror |= c == OPT_WERROR;
		if (c == OPT_SEPARATE || c == OPT_ONE_SPACE)
			co.one_space = c == OPT_ONE_SPACE;
		if (c == OPT_REQUESTS)
			co.requests_path = optarg;
		if (c == OPT_RESOURCE_DIR)
			co.resource_dir = optarg;
		if (c == OPT_BASELINE)
			co.sup.baseline = optarg;
		if (c == OPT_EXTRA_ARG &&
		    !add_word(&co.extra_words, &co.nextra_words, optarg, &err))
			goto bad;
		co.no_config |= c == OPT_NO_CONFIG;
		if ((c == OPT_DISABLE || c == OPT_ENABLE) &&
		    !vl_rule_find(optarg)) {
			const char *near = vl_rule_near(optarg);
			vl_fail(&err, NULL, 0, 0,
				"--%s %s: no such rule%s%s%s (see 'vaslint "
				"explain')",
				c == OPT_DISABLE ? "disable" : "enable", optarg,
				near ? "; did you mean '" : "",
				near ? near : "", near ? "'?" : "");
			goto bad;
		}
		if ((c == OPT_DISABLE || c == OPT_ENABLE) &&
		    !add_word(
			c == OPT_DISABLE ? &co.sup.disable : &co.sup.enable,
			c == OPT_DISABLE ? &co.sup.ndisable : &co.sup.nenable,
			optarg, &err))
			goto bad;
		if (c == OPT_RULES) {
			const char **v =
			    realloc(co.rules, (co.nrules + 1) * sizeof(*v));
			if (!v) {
				vl_fail(&err, NULL, 0, 0, "out of memory");
				goto bad;
			}
			co.rules = v;
			co.rules[co.nrules++] = optarg;
		}
		if (c == 'j' || c == OPT_JOBS) {
			char *end;
			unsigned long j = strtoul(optarg, &end, 10);
			if (*end || j < 1 || j > 256) {
				vl_fail(&err, NULL, 0, 0,
					"check: -j %s: give a number of jobs "
					"from 1 to 256",
					optarg);
				goto bad;
			}
			co.jobs = (unsigned)j;
		}
		if ((c == OPT_PARSE_TIME &&
		     !parse_count(optarg, "--parse-time", "seconds", 86400,
				  &co.parse_seconds, &err)) ||
		    (c == OPT_PARSE_MEMORY &&
		     !parse_count(optarg, "--parse-memory", "MiB", 1u << 20,
				  &co.parse_memory_mib, &err)))
			goto bad;
	}
	if (co.nextra_words &&
	    !ccopts_from_words((char *const *)co.extra_words, co.nextra_words,
			       "check: --extra-arg", CCOPTS_PARSE, &co.extra,
			       &err))
		goto bad;
	if (!co.jobs) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		co.jobs = cpus > 0 ? (unsigned)cpus : 1;
	}
	if (optind >= argc && !co.requests_path && !o.compdb && !o.nt_scripts &&
	    !o.nmaps_paths) {
		vl_fail(&err, NULL, 0, 0,
			"check: no input given (see 'vaslint check --help')");
		goto bad;
	}
	if (co.requests_path && !o.layout.name) {
		vl_fail(&err, NULL, 0, 0,
			"check: --requests needs a layout (-L): its page sizes "
			"decide what is aligned");
		goto bad;
	}
	suppress_config config = {0};
	if (!co.no_config && !apply_config(&o, &config, &err)) {
		suppress_config_free(&config);
		goto bad;
	}
	co.sup.config = config.path ? &config : NULL;
	status = run_check(&o, &co, argv + optind, (size_t)(argc - optind));
	suppress_config_free(&config);
	free(co.sup.disable);
	free(co.sup.enable);
	free(co.rules);
	check_opts_free(&co);
	cli_opts_free(&o);
	return status;
bad:
	check_opts_free(&co);
	free(co.sup.disable);
	free(co.sup.enable);
	cli_error(&err);
	vl_error_free(&err);
	cli_opts_free(&o);
	free(co.rules);
	return VL_EXIT_INPUT;
}
