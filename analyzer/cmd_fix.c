/* vaslint fix: move the image a linker script describes to a legal place
 * with the smallest edit of the script. */
#include <elf.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "cli.h"
#include "ldscript/defaults.h"
#include "ldscript/rewrite.h"
#include "ldscript/script_check.h"
#include "outfile.h"
#include "plan.h"
#include "report/escape.h"

static const char usage[] =
    "usage: vaslint fix -L LAYOUT [-D NAME=VALUE]... [--image ELF]...\n"
    "                   [--image-size SIZE] [--near] [--print-address]\n"
    "                   [-o OUT | -i]\n"
    "                   [LINK OPTIONS] SCRIPT\n"
    "       vaslint fix -L LAYOUT --from-default [-m EMULATION] ...\n"
    "\n"
    "Move the image SCRIPT describes to a legal place in the layout: the\n"
    "lowest address, aligned to the layout's largest page, at which the\n"
    "whole image lies in the address space and clear of every reserved\n"
    "region (--near: the legal address closest to the current one).  Only\n"
    "the numbers that set the image's addresses change; comments and\n"
    "everything else stay byte for byte.  A script whose image is already\n"
    "legal is printed unchanged, so fix on its own output changes nothing.\n"
    "\n"
    "  -L LAYOUT          platform layout (required)\n"
    "  -D NAME=VALUE      set a layout parameter\n"
    "  --image ELF        the linked program or its objects: the image size\n"
    "  --image-size SIZE  the image size, when no --image is at hand\n"
    "  --near             the legal address closest to the current base\n"
    "  --print-address    print only the (new) base address, for a build\n"
    "                     variable such as Genode's LD_TEXT_ADDR; nothing is\n"
    "                     written.  A base given with -Ttext= (genode.ld\n"
    "                     sets none) is not in the script: fix then says the\n"
    "                     option's new value\n"
    "  --from-default     start from the linker's default script (ld\n"
    "                     --verbose, for -m EMULATION or the machine of\n"
    "                     --image) and print a complete script\n"
    "  --ld PROGRAM       the linker whose default script --from-default\n"
    "                     takes (else $LD, else the machine's cross ld\n"
    "                     such as aarch64-linux-gnu-ld where installed,\n"
    "                     else ld); split into words as $CC is (see\n"
    "                     'vaslint check --help'), run without a shell:\n"
    "                     the program, and a -m EMULATION that replaces\n"
    "                     the machine's (--ld 'ld.bfd -m elf_i386'); any\n"
    "                     other word is dropped with a warning\n"
    "  -o OUT             write the script to OUT; -i rewrites SCRIPT in\n"
    "                     place (both atomically: an error changes nothing;\n"
    "                     owner, mode, ACLs, links kept; see the README)\n"
    "  LINK OPTIONS       -Ttext-segment=ADDR, -Ttext=ADDR, "
    "--image-base=ADDR,\n"
    "                     -z max-page-size=N, -m EMULATION, as for the link\n"
    "\n"
    "Exit status: 0 written, 2 no legal place exists or the run could not\n"
    "be done (the message says which).\n";

enum {
	OPT_IMAGE_SIZE = 1,
	OPT_NEAR,
	OPT_PRINT_ADDRESS,
	OPT_FROM_DEFAULT,
	OPT_IN_PLACE,
	OPT_LD,
};

typedef struct fix_opts {
	cli_opts common;
	bool has_size;
	uint64_t size;
	bool near;
	bool print_address; /* --print-address: the new base alone */
	bool from_default;
	const char *ld; /* --ld PROGRAM for --from-default */
	bool in_place;
} fix_opts;

/* How much address space the image needs: as given, or from the linked
 * image (its segments, and a Genode linker area), or from the script
 * evaluated with the objects. */
static bool image_size(const fix_opts *o, const cli_inputs *in,
		       const cli_script *cs, uint64_t *size, vl_error *err)
{
	va_range extent;

	if (o->has_size) {
		*size = o->size;
		return true;
	}
	if (in->nextra == 1 && in->extra[0].type != ET_REL) {
		va_range occupied;
		if (!space_image_extent(&in->extra[0], cli_inputs_layout(in),
					&occupied, err))
			return false;
		*size = va_range_size(occupied);
		return true;
	}
	if (space_script_extent(&cs->script, &cs->eval, &extent)) {
		*size = va_range_size(extent);
		return true;
	}
	return vl_fail(err, NULL, 0, 0,
		       "fix needs the size of the image: give --image (the "
		       "linked program or its objects) or --image-size");
}

/* The script, fixed or as it was. */
static bool write_text(FILE *f, const void *what, const report_run *run)
{
	const char *text = what;

	(void)run;
	return fputs(text, f) >= 0;
}

static const cli_format_entry fix_formats[] = {{"text", write_text}};

/* A script whose base the command line gives (-Ttext=): nothing in the
 * script to edit, so fix says the option's new value, or with
 * --print-address prints it alone, for a build variable (LD_TEXT_ADDR). */
static int fix_option(const fix_opts *o, const layout *l, const char *path,
		      const char *option, uint64_t base, uint64_t size,
		      vl_error *err)
{
	uint64_t to = base;
	bool legal = plan_image_legal(l, base, size);

	if (!legal && !plan_image_base(l, base, size, o->near, &to, err))
		return VL_EXIT_INPUT;
	if (o->print_address) {
		printf("0x%" PRIx64 "\n", to);
		return VL_EXIT_OK;
	}
	esc_text_put(stderr, path);
	if (legal)
		fprintf(stderr,
			": the base comes from %s=0x%" PRIx64
			" on the command line, and the image is legal there: "
			"unchanged\n",
			option, base);
	else
		fprintf(stderr,
			": the base comes from %s=0x%" PRIx64
			" on the command line, not from the script: link "
			"with %s=0x%" PRIx64 "%s\n",
			option, base, option, to,
			!strncmp(l->name, "genode-", 7)
			    ? " (LD_TEXT_ADDR in a Genode build)"
			    : "");
	return VL_EXIT_OK;
}

static int run_fix(fix_opts *o, char **paths, size_t n)
{
	cli_inputs in;
	vl_error err = {0};
	char *script_text = NULL;
	char *path = NULL;
	int status = VL_EXIT_INPUT;
	bool opened = false;

	if (!o->common.layout.name) {
		cli_errorf("fix: give the platform layout with -L");
		return VL_EXIT_INPUT;
	}
	if (o->from_default ? n != 0 : n != 1) {
		cli_errorf(o->from_default
			       ? "fix: --from-default takes no SCRIPT"
			       : "fix: give one SCRIPT (see 'vaslint fix "
				 "--help')");
		return VL_EXIT_INPUT;
	}
	if (o->in_place && (o->from_default || o->common.output)) {
		cli_errorf("fix: -i rewrites SCRIPT in place; it goes with "
			   "neither -o nor --from-default");
		return VL_EXIT_INPUT;
	}
	/* Before SCRIPT is read: -i /dev/stdin on a terminal would wait for
	 * a script only to refuse it. */
	if (o->in_place && !outfile_check(paths[0], OUTFILE_IN_PLACE, &err))
		goto bad;
	if (o->from_default) {
		/* The default script lands in a temporary file so that it is
		 * read, located and rewritten like any other. */
		uint16_t em = o->common.link.machine;
		cli_inputs probe;
		if (!em && o->common.nimage_paths) {
			if (!cli_inputs_open(&probe, &o->common, NULL, 0, &err))
				goto bad;
			em = probe.nextra ? probe.extra[0].machine : 0;
			cli_inputs_close(&probe);
		}
		size_t len;
		ccopts ld = {0};
		script_text =
		    cli_tool_command(CCOPTS_LD, o->ld, &ld, &err)
			? ls_default_script(em, ld.v, ld.n,
					    o->common.link.separate_code, &len,
					    &err)
			: NULL;
		ccopts_free(&ld);
		if (!script_text)
			goto bad;
		const char *tmpdir = getenv("TMPDIR");
		if (!(path =
			  vl_strprintf("%s/vaslint-default-XXXXXX",
				       tmpdir && *tmpdir ? tmpdir : "/tmp"))) {
			vl_fail_oom(&err);
			goto bad;
		}
		int fd = outfile_temp_create(path);
		if (fd < 0 || write(fd, script_text, len) != (ssize_t)len) {
			vl_fail(&err, NULL, 0, 0,
				"cannot write a temporary file: %s",
				strerror(errno));
			if (fd >= 0) {
				close(fd);
			} else {
				free(path); /* nothing of ours to remove */
				path = NULL;
			}
			goto bad;
		}
		close(fd);
		paths = &path;
		n = 1;
	}
	if (!cli_inputs_open(&in, &o->common, paths, n, &err))
		goto bad;
	opened = true;
	if (in.nscripts != 1) {
		vl_fail(&err, paths[0], 0, 0,
			"fix rewrites linker scripts; this is an ELF image");
		goto bad;
	}
	cli_script *cs = &in.scripts[0];
	const layout *l = cli_inputs_layout(&in);
	uint64_t size = 0, base;
	if (!image_size(o, &in, cs, &size, &err))
		goto bad;
	uint64_t opt_base;
	char *option = NULL;
	if ((!cs->eval.has_base || !cs->eval.base.known) &&
	    space_script_base(&cs->eval, &opt_base, &option) && option) {
		/* The base is the command line's (-Ttext, as Genode links
		 * genode.ld): the script stays, the option's value moves. */
		status =
		    fix_option(o, l, paths[0], option, opt_base, size, &err);
		free(option);
		if (status == VL_EXIT_INPUT)
			goto bad;
		goto done;
	}
	if (!cs->eval.has_base || !cs->eval.base.known) {
		vl_fail(&err, paths[0], 0, 0,
			"the script sets no base address vaslint can move: "
			"add '. = ADDRESS;' at the top of SECTIONS, or give "
			"the base with -Ttext=ADDRESS as the link does");
		goto bad;
	}
	if (cs->preprocessed) {
		vl_fail(&err, paths[0], 0, 0,
			"this script is C-preprocessed, and fix rewrites a "
			"script's own text: change the base at %s:%u yourself",
			cs->eval.base_loc.file, cs->eval.base_loc.line);
		goto bad;
	}
	base = cs->eval.base.v;
	const char *text = cs->script.bufs[0].text;
	char *fixed = NULL, *moved = NULL;
	size_t flen = 0;
	if (o->print_address) {
		uint64_t to = base;
		if (!plan_image_legal(l, base, size) &&
		    !plan_image_base(l, base, size, o->near, &to, &err))
			goto bad;
		printf("0x%" PRIx64 "\n", to);
		status = VL_EXIT_OK;
		goto done;
	}
	if (plan_image_legal(l, base, size)) {
		esc_text_put(stderr,
			     o->from_default ? "<ld --verbose>" : paths[0]);
		fprintf(stderr,
			": the image [0x%" PRIx64 ", +0x%" PRIx64
			") is legal in layout ",
			base, size);
		esc_text_put(stderr, l->name);
		fputs(": unchanged\n", stderr);
	} else {
		uint64_t to;
		ls_edits edits;
		if (!plan_image_base(l, base, size, o->near, &to, &err) ||
		    !ls_plan_move(&cs->script, &cs->eval, to, &edits, &err))
			goto bad;
		fixed = ls_apply_edits(&cs->script, &edits, &flen);
		char *where =
		    esc_text(o->from_default ? "<ld --verbose>"
					     : cs->eval.base_loc.file);
		moved =
		    where ? vl_strprintf("%s:%u:%u: moved the image base from "
					 "0x%" PRIx64 " to 0x%" PRIx64
					 " (%zu number%s changed)\n",
					 where, cs->eval.base_loc.line,
					 cs->eval.base_loc.column, base, to,
					 edits.n, edits.n == 1 ? "" : "s")
			  : NULL;
		free(where);
		ls_edits_free(&edits);
		if (!fixed || !moved) {
			free(fixed);
			free(moved);
			vl_fail(&err, NULL, 0, 0, "out of memory");
			goto bad;
		}
		text = fixed;
	}
	/* GNU ld's default script uses SEGMENT_START, whose segment name
	 * lld ignores: harmless here, where the base is written in the
	 * script, so the script says so for check --werror. */
	char *annotated = NULL;
	if (o->from_default) {
		if (!(annotated = ls_default_annotate(text))) {
			free(fixed);
			free(moved);
			vl_fail(&err, NULL, 0, 0, "out of memory");
			goto bad;
		}
		text = annotated;
	}
	bool written =
	    o->in_place
		? cli_write_in_place(paths[0], o->common.format->write, text,
				     &err)
		: cli_write_output(o->common.output, o->common.format->write,
				   text, NULL, &err);
	free(fixed);
	free(annotated);
	/* Said only once it is true. */
	if (written && moved)
		fputs(moved, stderr);
	free(moved);
	if (!written)
		goto bad;
	status = VL_EXIT_OK;
	goto done;
bad:
	cli_error(&err);
done:
	vl_error_free(&err);
	if (opened)
		cli_inputs_close(&in);
	if (path) {
		unlink(path);
		outfile_temp_release(path);
		free(path);
	}
	free(script_text);
	return status;
}

int cmd_fix(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"image-size", required_argument, NULL, OPT_IMAGE_SIZE},
	    {"near", no_argument, NULL, OPT_NEAR},
	    {"print-address", no_argument, NULL, OPT_PRINT_ADDRESS},
	    {"from-default", no_argument, NULL, OPT_FROM_DEFAULT},
	    {"ld", required_argument, NULL, OPT_LD},
	    CLI_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	fix_opts o = {.common = CLI_OPTS_INIT(fix_formats)};
	vl_error err = {0};
	int c, status;

	optind = 1;
	opterr = 0;
	/* -i is fix's own short option. */
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-i")) {
			o.in_place = true;
			memmove(&argv[i], &argv[i + 1],
				(size_t)(argc - i) * sizeof(*argv));
			argc--;
			i--;
		} else if (!strcmp(argv[i], "--")) {
			break;
		}
	while ((c = cli_next_option(argc, argv, "fix", longopts, &o.common,
				    &err)) != CLI_OPT_END) {
		if (c == CLI_OPT_BAD)
			goto bad;
		if (c == CLI_OPT_HELP) {
			fputs(usage, stdout);
			cli_opts_free(&o.common);
			return VL_EXIT_OK;
		}
		if (c == OPT_IMAGE_SIZE) {
			expr_error e = {0};
			expr *x = expr_parse(optarg, strlen(optarg), &e);
			expr_status st =
			    x ? expr_eval(x, NULL, &o.size, &e) : EXPR_ERROR;
			expr_free(x);
			if (st != EXPR_OK || !o.size) {
				vl_fail(&err, NULL, 0, 0, "--image-size %s: %s",
					optarg,
					st == EXPR_OK ? "must not be 0"
						      : e.msg);
				expr_error_free(&e);
				goto bad;
			}
			o.has_size = true;
		}
		o.near |= c == OPT_NEAR;
		o.print_address |= c == OPT_PRINT_ADDRESS;
		o.from_default |= c == OPT_FROM_DEFAULT;
		if (c == OPT_LD)
			o.ld = optarg;
	}
	status = run_fix(&o, argv + optind, (size_t)(argc - optind));
	cli_opts_free(&o.common);
	return status;
bad:
	cli_error(&err);
	vl_error_free(&err);
	cli_opts_free(&o.common);
	return VL_EXIT_INPUT;
}
