#include "cli.h"

#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ccopts.h"
#include "compdb.h"
#include "corefile.h"
#include "ldscript/cpp.h"
#include "ldscript/defaults.h"
#include "ldscript/parser.h"
#include "ldscript/target.h"
#include "outfile.h"
#include "report/escape.h"

static vl_error *printed; /* cli_errors_printed */
static size_t nprinted;

/* The file and message are escaped (report/escape.h): either may quote
 * names from the input, and an error is one line. */
void cli_error(const vl_error *err)
{
	const char *msg = err->msg ? err->msg : "";

	if (!err->file || !err->file[0] ||
	    strcmp(err->file, "<command line>") == 0) {
		fputs("vaslint: error: ", stderr);
	} else {
		esc_text_put(stderr, err->file);
		if (err->line) {
			fprintf(stderr, ":%u", err->line);
			if (err->column)
				fprintf(stderr, ":%u", err->column);
		}
		fputs(": error: ", stderr);
	}
	esc_text_put(stderr, msg);
	fputc('\n', stderr);

	vl_error *v = realloc(printed, (nprinted + 1) * sizeof(*v));
	if (!v)
		return;
	printed = v;
	v[nprinted] = (vl_error){0};
	vl_fail(&v[nprinted++], err->file, err->line, err->column, "%s", msg);
}

const vl_error *cli_errors_printed(size_t *n)
{
	*n = nprinted;
	return printed;
}

void cli_errorf(const char *fmt, ...)
{
	vl_error err = {0};
	va_list ap;

	va_start(ap, fmt);
	vl_vfail(&err, NULL, 0, 0, fmt, ap);
	va_end(ap);
	cli_error(&err);
	vl_error_free(&err);
}

bool cli_tool_command(ccopts_tool tool, const char *given, ccopts *cmd,
		      vl_error *err)
{
	/* An empty --ld is not given, as before. */
	const char *var = tool == CCOPTS_CC ? "$CC"
			  : given && *given ? "--ld"
					    : "$LD";
	const char *value = tool == CCOPTS_CC ? getenv("CC")
			    : given && *given ? given
					      : getenv("LD");
	ccopts dropped = {0};
	bool ok;

	if (!value)
		return true;
	ok = ccopts_command(tool, var, value, cmd, &dropped, err);
	for (size_t i = 0; ok && i < dropped.n; i++) {
		fprintf(stderr, "vaslint: warning: %s: dropped '", var);
		esc_text_put(stderr, dropped.v[i]);
		fprintf(stderr, "' (%s)\n", ccopts_dropped_why(tool));
	}
	ccopts_free(&dropped);
	return ok;
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

/* "text, json or sarif" */
static char *format_names(const cli_format_entry *formats, size_t n)
{
	char *list = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&list, &len);

	if (!f)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			fputs(i + 1 < n ? ", " : " or ", f);
		fputs(formats[i].name, f);
	}
	if (fclose(f) != 0) {
		free(list);
		return NULL;
	}
	return list;
}

const cli_format_entry *cli_format_find(const cli_format_entry *formats,
					size_t n, const char *name,
					vl_error *err)
{
	char *list;

	for (size_t i = 0; i < n; i++)
		if (strcmp(name, formats[i].name) == 0)
			return &formats[i];
	list = format_names(formats, n);
	if (!list)
		vl_fail(err, NULL, 0, 0, "-f %s: unknown format", name);
	else
		vl_fail(err, NULL, 0, 0, "-f %s: unknown format (use %s)", name,
			list);
	free(list);
	return NULL;
}

static int common_option(int c, const char *arg, cli_opts *o, vl_error *err)
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
		o->format = cli_format_find(o->formats, o->nformats, arg, err);
		return o->format ? 1 : -1;
	}
	return 0;
}

/* A number on the command line: any ld expression without names. */
static bool cli_value(const char *opt, const char *text, uint64_t *out,
		      vl_error *err)
{
	expr_error e = {0};
	expr *x = expr_parse(text, strlen(text), &e);
	expr_status st = x ? expr_eval(x, NULL, out, &e) : EXPR_ERROR;

	expr_free(x);
	if (st != EXPR_OK)
		vl_fail(err, NULL, 0, 0, "%s%s: %s", opt, text,
			st == EXPR_UNKNOWN ? "not a number" : e.msg);
	expr_error_free(&e);
	return st == EXPR_OK;
}

static bool add_segment(cli_opts *o, const char *name, const char *opt,
			const char *value, vl_error *err)
{
	ls_eval_opts *l = &o->link;

	if (l->nsegments == LS_MAX_KNOBS)
		return vl_fail(err, NULL, 0, 0, "%s: too many", opt);
	l->segments[l->nsegments].name = name;
	if (!cli_value(opt, value, &l->segments[l->nsegments].value, err))
		return false;
	l->nsegments++;
	return true;
}

static bool add_section_start(cli_opts *o, const char *section, const char *opt,
			      const char *value, vl_error *err)
{
	ls_eval_opts *l = &o->link;

	if (l->nsections == LS_MAX_KNOBS)
		return vl_fail(err, NULL, 0, 0, "%s: too many", opt);
	l->sections[l->nsections].section = section;
	if (!cli_value(opt, value, &l->sections[l->nsections].value, err))
		return false;
	l->nsections++;
	return true;
}

/* -Ttext-segment=, -Trodata-segment=, -Tldata-segment=, -Ttext=, -Tdata=,
 * -Tbss=: the linker options of those names. */
static bool t_option(cli_opts *o, const char *arg, vl_error *err)
{
	static const char *const segs[] = {"text-segment", "rodata-segment",
					   "ldata-segment"};
	static const char *const secs[][2] = {
	    {"text", ".text"}, {"data", ".data"}, {"bss", ".bss"}};
	const char *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : 0;

	for (size_t i = 0; eq && i < 3; i++)
		if (strlen(segs[i]) == len && !strncmp(arg, segs[i], len))
			return add_segment(o, segs[i],
					   "-Ttext-segment=", eq + 1, err);
	for (size_t i = 0; eq && i < 3; i++)
		if (strlen(secs[i][0]) == len && !strncmp(arg, secs[i][0], len))
			return add_section_start(o, secs[i][1], "-T", eq + 1,
						 err);
	if (eq && !strchr(arg, '/'))
		return vl_fail(err, NULL, 0, 0,
			       "-T%s: expected -Ttext-segment=ADDR, "
			       "-Trodata-segment=, -Tldata-segment=, -Ttext=, "
			       "-Tdata=, -Tbss= or -T SCRIPT",
			       arg);
	/* -T SCRIPT, as ld takes it: several are one link, read in order. */
	const char **v =
	    realloc(o->t_scripts, (o->nt_scripts + 1) * sizeof(*v));
	if (!v)
		return vl_fail_oom(err);
	o->t_scripts = v;
	o->t_scripts[o->nt_scripts++] = arg;
	return true;
}

static bool z_option(cli_opts *o, const char *arg, vl_error *err)
{
	if (!strncmp(arg, "max-page-size=", 14))
		return cli_value("-z max-page-size=", arg + 14,
				 &o->link.maxpagesize, err);
	if (!strncmp(arg, "common-page-size=", 17))
		return cli_value("-z common-page-size=", arg + 17,
				 &o->link.commonpagesize, err);
	if (!strcmp(arg, "separate-code") || !strcmp(arg, "noseparate-code")) {
		o->link.separate_code = arg[0] == 's' ? 1 : -1;
		return true;
	}
	if (!strcmp(arg, "relro") || !strcmp(arg, "norelro")) {
		o->link.relro = arg[0] == 'r' ? 0 : -1;
		return true;
	}
	return vl_fail(err, NULL, 0, 0,
		       "-z %s: expected max-page-size=N, common-page-size=N, "
		       "separate-code, noseparate-code, relro or norelro",
		       arg);
}

static bool m_option(cli_opts *o, const char *arg, vl_error *err)
{
	static const struct {
		const char *emulation;
		uint16_t em;
	} emuls[] = {
	    {"elf_x86_64", EM_X86_64},	    {"elf_i386", EM_386},
	    {"aarch64linux", EM_AARCH64},   {"aarch64linuxb", EM_AARCH64},
	    {"aarch64elf", EM_AARCH64},	    {"armelf_linux_eabi", EM_ARM},
	    {"armelfb_linux_eabi", EM_ARM}, {"armelf", EM_ARM},
	    {"elf64lriscv", EM_RISCV},	    {"elf32lriscv", EM_RISCV},
	};
	for (size_t i = 0; i < sizeof(emuls) / sizeof(emuls[0]); i++)
		if (!strcmp(arg, emuls[i].emulation)) {
			o->link.machine = emuls[i].em;
			return true;
		}
	return vl_fail(err, NULL, 0, 0,
		       "-m %s: unknown emulation (elf_x86_64, elf_i386, "
		       "aarch64linux, armelf_linux_eabi, elf64lriscv, ...)",
		       arg);
}

/* A maps file to read (malloc'ed path, taken over; NULL: out of
 * memory). */
static bool add_maps_path(cli_opts *o, char *path, vl_error *err)
{
	char **v =
	    path ? realloc(o->maps_paths, (o->nmaps_paths + 1) * sizeof(*v))
		 : NULL;

	if (!v) {
		free(path);
		return vl_fail_oom(err);
	}
	o->maps_paths = v;
	o->maps_paths[o->nmaps_paths++] = path;
	return true;
}

/* --pid PID: the process's /proc/PID/maps. */
/* --defsym NAME=EXPR: kept as given; parsed as 'NAME = EXPR;' when the
 * inputs are read, one line each. */
static bool add_defsym(cli_opts *o, const char *arg, vl_error *err)
{
	const char *eq = strchr(arg, '=');

	if (!eq || eq == arg || !eq[1] || strpbrk(arg, ";{}\n") ||
	    strcspn(arg, " \t+-*/%&|<>!~()\",") < (size_t)(eq - arg))
		return vl_fail(err, NULL, 0, 0,
			       "--defsym %s: expected NAME=EXPRESSION", arg);
	const char **v = realloc(o->defsyms, (o->ndefsyms + 1) * sizeof(*v));
	if (!v)
		return vl_fail_oom(err);
	o->defsyms = v;
	o->defsyms[o->ndefsyms++] = arg;
	return true;
}

static bool add_pid(cli_opts *o, const char *arg, vl_error *err)
{
	char *end;
	errno = 0;
	unsigned long pid = strtoul(arg, &end, 10);

	if (errno || end == arg || *end || pid == 0 || pid > 0x7fffffff ||
	    arg[0] == '-' || arg[0] == '+')
		return vl_fail(err, NULL, 0, 0,
			       "--pid %s: expected a process id", arg);
	return add_maps_path(o, vl_strprintf("/proc/%lu/maps", pid), err);
}

static bool add_image_path(cli_opts *o, const char *path, vl_error *err)
{
	const char **v =
	    realloc(o->image_paths, (o->nimage_paths + 1) * sizeof(*v));
	if (!v)
		return vl_fail(err, NULL, 0, 0, "out of memory");
	o->image_paths = v;
	o->image_paths[o->nimage_paths++] = path;
	return true;
}

/* The options of linker scripts, shared by check, map and fix. */
static bool hash_style_option(cli_opts *o, const char *arg, vl_error *err)
{
	if (!strcmp(arg, "both"))
		o->link.hash_style = LS_HASH_BOTH;
	else if (!strcmp(arg, "sysv"))
		o->link.hash_style = LS_HASH_SYSV;
	else if (!strcmp(arg, "gnu"))
		o->link.hash_style = LS_HASH_GNU;
	else
		return vl_fail(err, NULL, 0, 0,
			       "--hash-style=%s: expected sysv, gnu or both",
			       arg);
	return true;
}

static int link_option(int c, const char *arg, cli_opts *o, vl_error *err)
{
	bool ok;

	switch (c) {
	case 'T':
		ok = t_option(o, arg, err);
		break;
	case 'z':
		ok = z_option(o, arg, err);
		break;
	case 'm':
		ok = m_option(o, arg, err);
		break;
	case 0x1000:
		ok = add_image_path(o, arg, err);
		break;
	case 0x1001:
		ok = add_segment(o, "text-segment", "--image-base=", arg, err);
		break;
	case 0x1002: {
		const char *eq = strchr(arg, '=');
		if (!eq || eq == arg) {
			ok = vl_fail(err, NULL, 0, 0,
				     "--section-start=%s: expected "
				     "SECTION=ADDRESS",
				     arg);
			break;
		}
		/* The name stays in argv; cut it there. */
		((char *)eq)[0] = 0;
		ok = add_section_start(o, arg, "--section-start=", eq + 1, err);
		break;
	}
	case 0x1003:
		o->cpp = true;
		ok = true;
		break;
	case 0x1004:
		o->cpp_flags = arg;
		ok = true;
		break;
	case 0x1005:
		ok = add_maps_path(o, strdup(arg), err);
		break;
	case 0x1006:
		ok = add_pid(o, arg, err);
		break;
	case 0x1007:
		ok = add_defsym(o, arg, err);
		break;
	case 0x1008:
	case 0x1009:
	case 0x100a:
		/* The last of -shared, -pie and -no-pie counts, as in ld. */
		o->link.dynamic = c == 0x1008   ? LS_SHARED
				  : c == 0x1009 ? LS_PIE
						: LS_STATIC;
		ok = true;
		break;
	case 0x100b:
		o->link.export_dynamic = true;
		ok = true;
		break;
	case 0x100c:
		o->link.no_dynamic_linker = true;
		ok = true;
		break;
	case 0x100d:
		ok = hash_style_option(o, arg, err);
		break;
	case 0x100e:
		o->link.soname = arg;
		ok = true;
		break;
	case 'p':
		o->compdb = arg;
		ok = true;
		break;
	default:
		return 0;
	}
	return ok ? 1 : -1;
}

void cli_opts_free(cli_opts *o)
{
	cli_layout_free(&o->layout);
	free(o->image_paths);
	o->image_paths = NULL;
	free(o->config_layout);
	o->config_layout = NULL;
	free(o->t_scripts);
	o->t_scripts = NULL;
	o->nt_scripts = 0;
	free(o->defsyms);
	o->defsyms = NULL;
	o->ndefsyms = 0;
	for (size_t i = 0; i < o->nmaps_paths; i++)
		free(o->maps_paths[i]);
	free(o->maps_paths);
	o->maps_paths = NULL;
	o->nmaps_paths = 0;
	o->nimage_paths = 0;
}

/* An option the command does not take: the word as typed, and the long
 * option it was probably meant to be ("-Werror" for --werror). */
static void unknown_option(const char *cmd, const char *word,
			   const struct option *longopts, vl_error *err)
{
	const char *names[64];
	size_t n = 0;
	char name[64];

	for (size_t i = 0; longopts[i].name && n < 64; i++)
		names[n++] = longopts[i].name;
	const char *p = word;
	while (*p == '-')
		p++;
	snprintf(name, sizeof(name), "%.*s", (int)strcspn(p, "="), p);
	const char *near = vl_did_you_mean(name, names, n);
	if (near)
		vl_fail(err, NULL, 0, 0,
			"%s: unknown option '%s'; did you mean '--%s'? (see "
			"'vaslint %s --help')",
			cmd, word, near, cmd);
	else
		vl_fail(err, NULL, 0, 0,
			"%s: unknown option '%s' (see 'vaslint %s --help')",
			cmd, word, cmd);
}

int cli_next_option(int argc, char **argv, const char *cmd,
		    const struct option *longopts, cli_opts *o, vl_error *err)
{
	for (;;) {
		/* The word getopt looks at: in a cluster such as -Werror it
		 * stays there, so this is what the user typed. */
		int at = optind;
		int c = getopt_long(argc, argv,
				    ":L:D:f:o:hT:z:m:p:j:", longopts, NULL);
		if (c == -1)
			return CLI_OPT_END;
		int r = common_option(c, optarg, o, err);
		if (r == 0)
			r = link_option(c, optarg, o, err);
		if (r < 0)
			return CLI_OPT_BAD;
		if (r > 0)
			continue;
		if (c == 'h')
			return CLI_OPT_HELP;
		if (c != '?' && c != ':')
			return c;
		if (c == ':') {
			const char *lname = NULL;
			for (size_t i = 0; longopts[i].name && !lname; i++)
				if (longopts[i].val == optopt &&
				    longopts[i].has_arg == required_argument &&
				    !(optopt < 256 && at < argc &&
				      argv[at][0] == '-' && argv[at][1] != '-'))
					lname = longopts[i].name;
			if (lname)
				vl_fail(err, NULL, 0, 0,
					"%s: option --%s needs a value", cmd,
					lname);
			else
				vl_fail(err, NULL, 0, 0,
					"%s: option -%c needs a value", cmd,
					optopt);
			return CLI_OPT_BAD;
		}
		unknown_option(cmd, at < argc ? argv[at] : argv[argc - 1],
			       longopts, err);
		return CLI_OPT_BAD;
	}
}

static bool is_source(const char *path)
{
	static const char *const exts[] = {".c",   ".cc", ".cpp", ".cxx",
					   ".c++", ".h",  ".hh",  ".hpp"};
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && i < sizeof(exts) / sizeof(exts[0]); i++)
		if (!strcmp(dot, exts[i]))
			return true;
	return false;
}

static bool file_empty(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && st.st_size == 0;
}

static bool wants_cpp(const cli_opts *o, const char *path)
{
	size_t len = strlen(path);

	return o->cpp || (len > 6 && !strcmp(path + len - 6, ".lds.S")) ||
	       (len > 5 && !strcmp(path + len - 5, ".ld.S"));
}

/* The command of $CC, or of $LD, for in: made once, so each word it
 * drops is warned about once. */
static bool inputs_tool(cli_inputs *in, ccopts_tool tool, vl_error *err)
{
	bool *have = tool == CCOPTS_CC ? &in->have_cc : &in->have_ld;
	ccopts *cmd = tool == CCOPTS_CC ? &in->cc : &in->ld;

	if (*have)
		return true;
	if (!cli_tool_command(tool, NULL, cmd, err)) {
		ccopts_free(cmd);
		return false;
	}
	return *have = true;
}

/* Preprocess with $CC (or cc) and --cpp-flags, or the flags
 * compile_commands.json (-p) gives the script; either way only the
 * preprocessor options of the allow-list (ccopts.h), each one argument
 * word. */
static bool cpp_parse(cli_inputs *in, const cli_opts *o, const char *path,
		      const ls_parse_opts *po, ls_script *out, vl_error *err)
{
	ccopts flags = {0};
	bool ok = inputs_tool(in, CCOPTS_CC, err);

	if (ok && o->cpp_flags)
		ok = ccopts_from_text(o->cpp_flags, CCOPTS_CPP, &flags, err);
	else if (ok && o->compdb)
		ok = compdb_cpp_flags(o->compdb, path, &flags, err);
	ok = ok && ls_cpp_parse(path, in->cc.v, in->cc.n, flags.v, flags.n, po,
				out, err);
	ccopts_free(&flags);
	return ok;
}

/* Every input is read, and every bad one named, before the run gives up:
 * one line per bad file beats fixing them one rerun at a time.  The last
 * error moves to err; the others are printed here. */
/* An input that cannot be read: with keep_going it is named now and
 * counted, and the run goes on with the others; otherwise every bad input
 * is named, the last one by the caller, and the run stops. */
static void failed(cli_inputs *in, const cli_opts *o, bool *ok, vl_error *err,
		   vl_error *e)
{
	if (o->keep_going) {
		cli_error(e);
		vl_error_free(e);
		in->nbad++;
		return;
	}
	if (!*ok)
		cli_error(err);
	vl_error_move(err, e);
	*ok = false;
}

/* The --defsym options as a script of one assignment a line, named
 * "--defsym" in messages; anything but 'NAME = EXPR;' is refused. */
/* A script with INSERT goes into GNU ld's default script for the machine
 * (`ld --verbose`, run as fix --from-default runs it: $LD, else the cross
 * ld, else ld; no shell).  No base (cs->have_base false) when the script
 * has no INSERT or no ld prints a default script: then the order around
 * INSERT stays undetermined, and says so.  False with err only when $LD
 * is set to what needs a shell. */
static bool read_base(cli_inputs *in, cli_script *cs, uint16_t machine,
		      int separate_code, vl_error *err)
{
	const ls_script *s = &cs->script;
	bool insert = false;
	vl_error lerr = {0};
	size_t len = 0;
	char *text, *name;

	for (size_t i = 0; i < s->ncmds && !insert; i++)
		insert = s->cmds[i].kind == LS_CMD_INSERT;
	if (!insert)
		return true;
	if (!inputs_tool(in, CCOPTS_LD, err))
		return false;
	if (!(text = ls_default_script(machine, in->ld.v, in->ld.n,
				       separate_code, &len, &lerr))) {
		vl_error_free(&lerr);
		return true;
	}
	name = vl_strprintf("GNU ld's default script (ld -m %s --verbose)",
			    in->ld.n == 3 ? in->ld.v[2]
					  : ls_emulation_for(machine));
	cs->have_base =
	    name && ls_parse_text(name, text, len, NULL, &cs->base, &lerr);
	vl_error_free(&lerr);
	free(name);
	free(text);
	return true;
}

static bool read_defsyms(cli_inputs *in, const cli_opts *o, vl_error *err)
{
	char *text = NULL;
	size_t len = 0;
	FILE *t = open_memstream(&text, &len);

	if (!t)
		return vl_fail_oom(err);
	for (size_t i = 0; i < o->ndefsyms; i++) {
		const char *d = o->defsyms[i], *eq = strchr(d, '=');
		fprintf(t, "%.*s = %s;\n", (int)(eq - d), d, eq + 1);
	}
	if (fclose(t) || !text) {
		free(text);
		return vl_fail_oom(err);
	}
	ls_parse_opts po = {0};
	bool ok = ls_parse_text("--defsym", text, len, &po, &in->defsyms, err);
	free(text);
	if (!ok)
		return false;
	for (size_t i = 0; i < o->ndefsyms; i++) {
		const char *d = o->defsyms[i], *eq = strchr(d, '=');
		const ls_cmd *c =
		    i < in->defsyms.ncmds ? &in->defsyms.cmds[i] : NULL;
		if (in->defsyms.ncmds != o->ndefsyms || !c ||
		    c->kind != LS_CMD_ASSIGN ||
		    c->u.assign.op != LS_ASSIGN_SET ||
		    strlen(c->u.assign.name) != (size_t)(eq - d) ||
		    strncmp(c->u.assign.name, d, (size_t)(eq - d)))
			return vl_fail(err, NULL, 0, 0,
				       "--defsym %s: expected NAME=EXPRESSION",
				       d);
	}
	return true;
}

/* The -T scripts, as one link: a script of INCLUDEs in their order, so
 * each keeps its own file and line in every message (GNU ld reads several
 * -T scripts as if one text).  Named "-T a.ld -T b.ld". */
static bool read_t_scripts(cli_inputs *in, const cli_opts *o, vl_error *err)
{
	char *text = NULL, *name = NULL;
	size_t tlen = 0, nlen = 0;
	FILE *t = open_memstream(&text, &tlen),
	     *nm = open_memstream(&name, &nlen);
	bool ok = t && nm;

	for (size_t i = 0; ok && i < o->nt_scripts; i++) {
		const char *p = o->t_scripts[i];
		char *abs = realpath(p, NULL);
		if (!abs) {
			ok = false;
			vl_fail(err, p, 0, 0, "cannot open: %s",
				strerror(errno));
			break;
		}
		if (strchr(abs, '"')) {
			ok = false;
			vl_fail(err, p, 0, 0,
				"-T: a script whose path holds '\"' is not "
				"supported");
		} else {
			fprintf(t, "INCLUDE \"%s\"\n", abs);
			fprintf(nm, "%s-T %s", i ? " " : "", p);
		}
		free(abs);
	}
	if (t)
		fclose(t);
	if (nm)
		fclose(nm);
	if (!ok || !text || !name) {
		if (ok)
			vl_fail_oom(err);
		free(text);
		free(name);
		return false;
	}
	cli_script *cs = &in->scripts[in->nscripts];
	memset(cs, 0, sizeof(*cs));
	cs->path = name;
	cs->owned_path = name;
	ls_parse_opts po = {0};
	if (!ls_parse_text(name, text, tlen, &po, &cs->script, err)) {
		free(text);
		free(name);
		cs->owned_path = NULL;
		return false;
	}
	free(text);
	in->nscripts++;
	return true;
}

static bool read_inputs(cli_inputs *in, const cli_opts *o, char **paths,
			size_t n, vl_error *err)
{
	ls_parse_opts po = {0};
	vl_error e = {0}; /* each reader overwrites what the last one said */
	bool ok = true;

	struct stat *seen = calloc(n + 1, sizeof(*seen));

	if (!seen)
		return vl_fail_oom(err);
	for (size_t i = 0; i < n; i++) {
		image img;
		/* '-' names no file here: standard input is not read. */
		if (!strcmp(paths[i], "-")) {
			vl_fail(&e, "-", 0, 0,
				"reading from standard input is not "
				"supported: give a file name (./- for a file "
				"named -)");
			failed(in, o, &ok, err, &e);
			continue;
		}
		/* One file named twice (or through a link) is one input. */
		bool again = false;
		if (stat(paths[i], &seen[i]) == 0)
			for (size_t k = 0; k < i && !again; k++)
				again = seen[k].st_ino == seen[i].st_ino &&
					seen[k].st_dev == seen[i].st_dev &&
					seen[k].st_nlink;
		else
			memset(&seen[i], 0, sizeof(seen[i]));
		if (again)
			continue;
		elfimage_status st = elfimage_read(paths[i], &img, &e);
		if (st == ELFIMAGE_OK && img.type == ET_CORE) {
			/* A core file is a process's snapshot: its
			 * mappings, not a program to place. */
			elfimage_free(&img);
			if (corefile_read(paths[i], &in->procs[in->nprocs], &e))
				in->nprocs++;
			else
				failed(in, o, &ok, err, &e);
			continue;
		}
		if (st == ELFIMAGE_OK) {
			in->images[in->n++] = img;
			continue;
		}
		if (st == ELFIMAGE_ERROR) {
			failed(in, o, &ok, err, &e);
			continue;
		}
		if (st == ELFIMAGE_NOT_ELF && file_empty(paths[i])) {
			vl_fail(&e, paths[i], 0, 0,
				"empty file: neither an ELF image nor a linker "
				"script with anything in it");
			failed(in, o, &ok, err, &e);
			continue;
		}
		if (is_source(paths[i])) {
			in->sources[in->nsources++] = paths[i];
			continue;
		}
		cli_script *cs = &in->scripts[in->nscripts];
		cs->path = paths[i];
		cs->preprocessed = wants_cpp(o, paths[i]);
		bool parsed =
		    cs->preprocessed
			? cpp_parse(in, o, paths[i], &po, &cs->script, &e)
			: ls_parse_file(paths[i], &po, &cs->script, &e);
		if (!parsed) {
			failed(in, o, &ok, err, &e);
			continue;
		}
		in->nscripts++;
	}
	if (o->nt_scripts && !read_t_scripts(in, o, &e))
		failed(in, o, &ok, err, &e);
	for (size_t i = 0; i < o->nimage_paths; i++) {
		elfimage_status st = elfimage_read_full(
		    o->image_paths[i], &in->extra[in->nextra], &e);
		if (st == ELFIMAGE_OK) {
			in->nextra++;
			continue;
		}
		if (st == ELFIMAGE_NOT_ELF)
			vl_fail(&e, o->image_paths[i], 0, 0,
				"--image: not an ELF file");
		/* The scripts' sizes come from it: without it none of them
		 * can be reported truthfully, so the run stops. */
		if (!ok)
			cli_error(err);
		vl_error_move(err, &e);
		ok = false;
	}
	for (size_t i = 0; i < o->nmaps_paths; i++) {
		if (procmaps_read(o->maps_paths[i], &in->procs[in->nprocs], &e))
			in->nprocs++;
		else
			failed(in, o, &ok, err, &e);
	}
	free(seen);
	vl_error_free(&e);
	return ok;
}

/* -o must name none of the files the run reads, however spelled: the
 * INPUTs, the --image files, the layout, compile_commands.json, and what
 * the scripts INCLUDE. */
static bool output_not_inputs(const cli_inputs *in, const cli_opts *o,
			      char **paths, size_t n, vl_error *err)
{
	char *db;
	bool ok;

	if (!o->output)
		return true;
	if (!cli_output_not_inputs(o->output, (const char *const *)paths, n,
				   err) ||
	    !cli_output_not_inputs(o->output, o->image_paths, o->nimage_paths,
				   err) ||
	    (in->have_layout &&
	     !outfile_not_input(o->output, in->layout.path, err)))
		return false;
	for (size_t i = 0; i < in->nscripts; i++)
		for (size_t b = 1; b < in->scripts[i].script.nbufs; b++)
			if (!outfile_not_input(
				o->output, in->scripts[i].script.bufs[b].path,
				err))
				return false;
	if (!o->compdb)
		return true;
	if (!(db = vl_strprintf("%s/compile_commands.json", o->compdb)))
		return vl_fail_oom(err);
	ok = outfile_not_input(o->output, db, err);
	free(db);
	return ok;
}

bool cli_inputs_open(cli_inputs *in, const cli_opts *o, char **paths, size_t n,
		     vl_error *err)
{
	memset(in, 0, sizeof(*in));
	/* -o a folder fails now, not after the whole run. */
	if (!outfile_check(o->output, 0, err))
		return false;
	in->images = calloc(n ? n : 1, sizeof(*in->images));
	in->scripts = calloc(n + 1, sizeof(*in->scripts));
	in->sources = calloc(n ? n : 1, sizeof(*in->sources));
	in->extra =
	    calloc(o->nimage_paths ? o->nimage_paths : 1, sizeof(*in->extra));
	in->procs = calloc(n + o->nmaps_paths + 1, sizeof(*in->procs));
	if (!in->images || !in->scripts || !in->extra || !in->sources ||
	    !in->procs) {
		cli_inputs_close(in);
		return vl_fail(err, NULL, 0, 0, "out of memory");
	}
	if (!cli_layout_load(&o->layout, &in->layout, &in->have_layout, err) ||
	    !read_inputs(in, o, paths, n, err) ||
	    !output_not_inputs(in, o, paths, n, err))
		goto fail;
	if (!space_init(&in->space, cli_inputs_layout(in))) {
		vl_fail(err, NULL, 0, 0, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < in->n; i++) {
		if (space_add_image(&in->space, &in->images[i], err))
			continue;
		if (!o->keep_going)
			goto fail;
		cli_error(err);
		vl_error_free(err);
		in->nbad++;
	}
	for (size_t i = 0; i < in->nprocs; i++)
		if (!space_add_process(&in->space, &in->procs[i])) {
			vl_fail_oom(err);
			goto fail;
		}
	if (o->ndefsyms && !read_defsyms(in, o, err))
		goto fail;
	for (size_t i = 0; i < in->nscripts; i++) {
		ls_eval_opts lo = o->link;
		ls_target t;
		lo.defsyms = o->ndefsyms ? &in->defsyms : NULL;
		lo.inputs = in->extra;
		lo.ninputs = in->nextra;
		if (!space_script_machine_matches(
			cli_inputs_layout(in), &in->scripts[i].script, err)) {
			if (!o->keep_going)
				goto fail;
			/* Named and left out, like an image for another
			 * machine. */
			cli_error(err);
			vl_error_free(err);
			in->nbad++;
			in->scripts[i].left_out = true;
			continue;
		}
		/* The script's own machine, else the layout's first one,
		 * gives the page sizes. */
		if (!lo.machine &&
		    ls_script_targets(&in->scripts[i].script, &t, 1))
			lo.machine = t.machine;
		if (!lo.machine && in->have_layout && in->layout.nmachines)
			lo.machine = in->layout.machines[0];
		if (!read_base(in, &in->scripts[i],
			       lo.machine   ? lo.machine
			       : lo.ninputs ? lo.inputs[0].machine
					    : 0,
			       lo.separate_code, err))
			goto fail;
		if (in->scripts[i].have_base)
			lo.base = &in->scripts[i].base;
		if (!ls_evaluate(&in->scripts[i].script, &lo,
				 &in->scripts[i].eval, err))
			goto fail;
	}
	for (size_t i = 0; i < in->nscripts; i++)
		if (!in->scripts[i].left_out &&
		    !space_add_script(&in->space, in->scripts[i].path,
				      &in->scripts[i].script,
				      &in->scripts[i].eval)) {
			vl_fail(err, NULL, 0, 0, "out of memory");
			goto fail;
		}
	return true;
fail:
	cli_inputs_close(in);
	return false;
}

void cli_inputs_close(cli_inputs *in)
{
	ccopts_free(&in->cc);
	ccopts_free(&in->ld);
	space_free(&in->space);
	ls_script_free(&in->defsyms);
	for (size_t i = 0; i < in->n; i++)
		elfimage_free(&in->images[i]);
	for (size_t i = 0; i < in->nprocs; i++)
		procmaps_free(&in->procs[i]);
	free(in->procs);
	for (size_t i = 0; in->scripts && i < in->nscripts; i++) {
		ls_eval_free(&in->scripts[i].eval);
		ls_script_free(&in->scripts[i].script);
		if (in->scripts[i].have_base)
			ls_script_free(&in->scripts[i].base);
		free(in->scripts[i].owned_path);
	}
	for (size_t i = 0; i < in->nextra; i++)
		elfimage_free(&in->extra[i]);
	free(in->images);
	free(in->scripts);
	free(in->sources);
	free(in->extra);
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

static bool write_through(const char *output, unsigned flags, cli_writer w,
			  const void *what, const report_run *run,
			  vl_error *err)
{
	outfile out;

	if (!outfile_open(&out, output, flags, err))
		return false;
	if (!w(out.f, what, run)) {
		int e = errno;
		if (out.dest)
			vl_fail(err, out.dest, 0, 0, "cannot write: %s",
				strerror(e));
		else
			vl_fail(err, NULL, 0, 0, "cannot write the output: %s",
				strerror(e));
		outfile_abort(&out);
		return false;
	}
	return outfile_commit(&out, err);
}

bool cli_write_output(const char *output, cli_writer w, const void *what,
		      const report_run *run, vl_error *err)
{
	return write_through(output, 0, w, what, run, err);
}

bool cli_write_in_place(const char *path, cli_writer w, const void *what,
			vl_error *err)
{
	return write_through(path, OUTFILE_IN_PLACE, w, what, NULL, err);
}

bool cli_output_not_inputs(const char *output, const char *const *inputs,
			   size_t n, vl_error *err)
{
	for (size_t i = 0; i < n; i++)
		if (!outfile_not_input(output, inputs[i], err))
			return false;
	return true;
}

char *cli_rules_path(const char *name)
{
	const char *env = getenv("VASLINT_RULES");

	if (env && *env)
		return vl_strprintf("%s/%s", env, name);
	/* rules/ is a sibling of layouts/ in the tree and when installed */
	return vl_strprintf("%s/../rules/%s", layout_dir(NULL), name);
}
