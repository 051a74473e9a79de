/* What the subcommands share: exit codes, error printing, -L/-D handling,
 * and the output format option. */
#ifndef VASLINT_CLI_H
#define VASLINT_CLI_H

#include <getopt.h>

#include "ccopts.h"
#include "check.h"
#include "space.h"
#include "diag.h"
#include "elfimage.h"
#include "ldscript/eval.h"
#include "ldscript/parser.h"
#include "layout.h"
#include "report/report.h"

enum {
	VL_EXIT_OK = 0, /* no errors (warnings may have been printed) */
	VL_EXIT_FINDINGS =
	    1, /* at least one error, or any finding with --werror */
	VL_EXIT_INPUT = 2, /* the run could not be done */
};

/* Print an input error as one line on stderr, GCC style, its file and
 * message escaped (report/escape.h). */
void cli_error(const vl_error *err);
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Every error cli_error printed so far, in order, for a SARIF report to
 * carry as notifications (one that could not be copied for want of memory
 * is left out, or says "out of memory": stderr has it all the same). */
const vl_error *cli_errors_printed(size_t *n);

/* The command vaslint runs for tool (ccopts_command): for CCOPTS_CC from
 * $CC, for CCOPTS_LD from given (--ld) when not NULL, else $LD.  Each word
 * the rule drops is named on stderr, one warning line each ("vaslint:
 * warning: $CC: dropped '-wrapper' (why)"), never silently.  cmd is left
 * empty when the variable is unset or empty: the caller's default
 * program.  False with err when the value needs a shell. */
bool cli_tool_command(ccopts_tool tool, const char *given, ccopts *cmd,
		      vl_error *err);

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

/* A command's writer: false when f could not be written (errno says
 * why). */
typedef bool (*cli_writer)(FILE *f, const void *what, const report_run *run);

/* One output format of a command: the name -f takes and the writer that
 * prints the command's result in it.  Each command lists its formats in
 * one table, the default first:
 *
 *	static const cli_format_entry map_formats[] = {
 *	    {"text", write_text}, {"json", write_json}, {"svg", write_svg}};
 *	cli_opts o = CLI_OPTS_INIT(map_formats);
 */
typedef struct cli_format_entry {
	const char *name;
	cli_writer write;
} cli_format_entry;

/* The entry of formats[0, n) called name; NULL with err naming the ones
 * there are when there is none. */
const cli_format_entry *cli_format_find(const cli_format_entry *formats,
					size_t n, const char *name,
					vl_error *err);

/* Options every subcommand that reads inputs takes: -L, -D, -f, -o. */
typedef struct cli_opts {
	cli_layout layout;
	/* The command's formats, the default first, and the one chosen
	 * (-f NAME, -fNAME, --format NAME, --format=NAME). */
	const cli_format_entry *formats;
	size_t nformats;
	const cli_format_entry *format;
	const char *output;
	/* Linker scripts: the link's own knobs, --image files, cpp. */
	ls_eval_opts link;
	const char **image_paths;
	size_t nimage_paths;
	/* Processes: saved /proc/PID/maps files, and /proc/PID/maps of
	 * --pid (malloc'ed). */
	char **maps_paths;
	size_t nmaps_paths;
	char *config_layout;	/* -L from .vaslint.yaml (malloc'ed) */
	const char **t_scripts; /* -T SCRIPT..., one link in this order */
	size_t nt_scripts;
	const char **defsyms; /* --defsym NAME=EXPR..., in order */
	size_t ndefsyms;
	/* A bad input is named and left out, and the others are still
	 * reported (check, map); the command exits 2 at the end. */
	bool keep_going;
	bool cpp;	       /* preprocess every script with cc -E */
	const char *cpp_flags; /* -D/-I for the preprocessor */
	const char *compdb;    /* -p DIR: compile_commands.json's folder */
} cli_opts;

/* The options of a command whose formats are the array table. */
#define CLI_OPTS_INIT(table)                                                   \
	{                                                                      \
		.formats = (table),                                            \
		.nformats = sizeof(table) / sizeof((table)[0]),                \
		.format = &(table)[0],                                         \
	}

/* Long option codes every command with inputs accepts (from 0x1000 up, so
 * commands can number their own below). */
#define CLI_LONGOPTS                                                           \
	{"format", required_argument, NULL, 'f'},                              \
	    {"image", required_argument, NULL, 0x1000},                        \
	    {"image-base", required_argument, NULL, 0x1001},                   \
	    {"section-start", required_argument, NULL, 0x1002},                \
	    {"cpp", no_argument, NULL, 0x1003},                                \
	    {"cpp-flags", required_argument, NULL, 0x1004},                    \
	    {"maps", required_argument, NULL, 0x1005},                         \
	    {"pid", required_argument, NULL, 0x1006},                          \
	    {"defsym", required_argument, NULL, 0x1007},                       \
	    {"shared", no_argument, NULL, 0x1008},                             \
	    {"Bshareable", no_argument, NULL, 0x1008},                         \
	    {"pie", no_argument, NULL, 0x1009},                                \
	    {"pic-executable", no_argument, NULL, 0x1009},                     \
	    {"no-pie", no_argument, NULL, 0x100a},                             \
	    {"export-dynamic", no_argument, NULL, 0x100b},                     \
	    {"no-dynamic-linker", no_argument, NULL, 0x100c},                  \
	    {"hash-style", required_argument, NULL, 0x100d},                   \
	    {"soname", required_argument, NULL, 0x100e},                       \
	{                                                                      \
		"help", no_argument, NULL, 'h'                                 \
	}

void cli_opts_free(cli_opts *o);

enum {
	CLI_OPT_END = -1,  /* no more options: operands start at optind */
	CLI_OPT_HELP = -2, /* -h/--help: the caller prints its usage */
	CLI_OPT_BAD = -3,  /* a bad option or value: err says which */
};

/* The next option of a command: -L, -D, -f (against o->formats) and -o
 * are handled here, so the caller sees only its own long options' codes,
 * or one of CLI_OPT_*.  Set optind = 1 and opterr = 0 before the first
 * call. */
int cli_next_option(int argc, char **argv, const char *cmd,
		    const struct option *longopts, cli_opts *o, vl_error *err);

/* The inputs of a run: the layout (if any) and every image, read and
 * placed, all before any check runs so an input error stops the run before
 * half a report is printed. */
typedef struct cli_script {
	const char *path;
	bool preprocessed; /* read through the C preprocessor */
	bool left_out;	   /* named as bad (keep_going): not in the space */
	char *owned_path;  /* path, when it is ours to free (-T scripts) */
	ls_script script;
	ls_eval eval;
	/* GNU ld's default script, for a script with INSERT (have_base). */
	ls_script base;
	bool have_base;
} cli_script;

typedef struct cli_inputs {
	layout layout;
	bool have_layout;
	image *images; /* the INPUTs that are ELF images */
	size_t n;
	cli_script *scripts; /* the INPUTs that are linker scripts */
	size_t nscripts;
	image *extra; /* --image files, with sections and symbols */
	size_t nextra;
	char **sources; /* the INPUTs that are C/C++ sources */
	size_t nsources;
	procmaps *procs; /* --maps and --pid */
	size_t nprocs;
	size_t nbad; /* inputs named as bad and left out (keep_going) */
	/* The layout's regions, every image placed and every script
	 * evaluated, as one list of ranges (requests are added by check). */
	space space;
	ls_script defsyms; /* the --defsym assignments, parsed once */
	/* $CC and $LD as commands, made the first time a script needs
	 * them, so a dropped word is warned about once a run. */
	ccopts cc, ld;
	bool have_cc, have_ld;
} cli_inputs;

bool cli_inputs_open(cli_inputs *in, const cli_opts *o, char **paths, size_t n,
		     vl_error *err);
void cli_inputs_close(cli_inputs *in);
const layout *cli_inputs_layout(const cli_inputs *in);

/* The path of the shipped API rule set name: in $VASLINT_RULES, else in
 * rules/ beside the layouts.  Malloc'ed; NULL when memory runs out. */
char *cli_rules_path(const char *name);

/* Write what with w to output: NULL or "-" is stdout, anything else goes
 * through an outfile (see outfile.h for what is kept and guaranteed). */
bool cli_write_output(const char *output, cli_writer w, const void *what,
		      const report_run *run, vl_error *err);
/* The same for fix -i: path is an existing regular file, edited in place. */
bool cli_write_in_place(const char *path, cli_writer w, const void *what,
			vl_error *err);
/* False with err when -o output names one of inputs[0, n): cli_inputs_open
 * checks its own inputs, a command the other files it reads (--requests,
 * --rules). */
bool cli_output_not_inputs(const char *output, const char *const *inputs,
			   size_t n, vl_error *err);
bool cli_use_color(const char *output);

int cmd_check(int argc, char **argv);
int cmd_map(int argc, char **argv);
int cmd_fix(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_layouts(int argc, char **argv);
int cmd_explain(int argc, char **argv);

#endif
