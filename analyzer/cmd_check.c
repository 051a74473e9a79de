/* vaslint check: read every input, run the checks, print the findings. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "ldscript/script_check.h"

static const char usage[] =
	"usage: vaslint check [-L LAYOUT] [-D NAME=VALUE]... [-f text|json|sarif]\n"
	"                     [-o FILE] [--werror] [--separate] [--image ELF]...\n"
	"                     [LINK OPTIONS] [--cpp] [--cpp-flags FLAGS] [-p DIR]\n"
	"                     [--requests FILE] INPUT...\n"
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
	"\n"
	"  -L LAYOUT        platform layout: a name from 'vaslint layouts' or a\n"
	"                   path to a .yaml file; without it only the checks that\n"
	"                   need no platform run\n"
	"  -D NAME=VALUE    set a layout parameter; VALUE is an ld expression\n"
	"                   (256M, 0x10000000, 64M+4K)\n"
	"  -f FORMAT        text (default, GCC style), json or sarif (2.1.0)\n"
	"  -o FILE          write the report to FILE (atomically) instead of stdout\n"
	"  --werror         exit 1 on warnings too (notes never count)\n"
	"  --separate       check each image on its own, not against the others\n"
	"  --requests FILE  memory requests (YAML, see the README) to check for\n"
	"                   natural alignment and against the layout\n"
	"  --image ELF      for scripts: the linked program, or its objects in link\n"
	"                   order, which give the input section sizes\n"
	"  LINK OPTIONS     -Ttext-segment=ADDR -Trodata-segment= -Tldata-segment=\n"
	"                   --image-base=ADDR -Ttext= -Tdata= -Tbss=\n"
	"                   --section-start=SECTION=ADDR -z max-page-size=N\n"
	"                   -z common-page-size=N -m EMULATION, as for the link\n"
	"  --cpp            run every script through the C preprocessor (always\n"
	"                   done for *.lds.S and *.ld.S)\n"
	"  --cpp-flags F    -D/-I flags for it; -p DIR takes them from\n"
	"                   DIR/compile_commands.json\n"
	"  -h, --help       this text\n"
	"\n"
	"Exit status: 0 no errors, 1 errors found, 2 the check could not be done.\n"
	"Example: vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M vmm\n";

static bool write_diags(FILE *f, const void *what, const report_run *run)
{
	const struct {
		report_format format;
		const vl_diags *diags;
	} *w = what;

	return report_write(f, w->format, w->diags, run);
}

static int run_check(const cli_opts *o, bool werror, bool separate,
		     const char *requests_path, char **paths, size_t n)
{
	cli_inputs in;
	vl_diags diags = {0};
	vl_error err = {0};
	int status = VL_EXIT_INPUT;

	if (!cli_inputs_open(&in, o, paths, n, &err)) {
		cli_error(&err);
		return VL_EXIT_INPUT;
	}
	if (check_images(in.placed, in.n, cli_inputs_layout(&in), !separate,
			 &diags) < 0 ||
	    !vl_diags_append(&diags, &in.findings)) {
		cli_errorf("out of memory");
		goto done;
	}
	if (requests_path) {
		requests rq = {0};
		if (!requests_load(requests_path, cli_inputs_layout(&in), &rq,
				   &err)) {
			cli_error(&err);
			requests_free(&rq);
			goto done;
		}
		int n_found = check_requests(&rq, cli_inputs_layout(&in), &diags);
		requests_free(&rq);
		if (n_found < 0) {
			cli_errorf("out of memory");
			goto done;
		}
	}
	for (size_t i = 0; i < in.nscripts; i++)
		if (ls_check_script(in.scripts[i].path, &in.scripts[i].script,
				    &in.scripts[i].eval, cli_inputs_layout(&in),
				    &diags) < 0) {
			cli_errorf("out of memory");
			goto done;
		}
	vl_diags_sort(&diags);
	report_run run = {cli_inputs_layout(&in), cli_use_color(o->output)};
	struct {
		report_format format;
		const vl_diags *diags;
	} what = {o->format, &diags};
	if (!cli_write_output(o->output, write_diags, &what, &run, &err)) {
		cli_error(&err);
		goto done;
	}
	size_t errors = vl_diags_count(&diags, VL_ERROR);
	size_t warnings = vl_diags_count(&diags, VL_WARNING);
	status = errors || (werror && warnings) ? VL_EXIT_FINDINGS : VL_EXIT_OK;
done:
	vl_diags_free(&diags);
	cli_inputs_close(&in);
	return status;
}

int cmd_check(int argc, char **argv)
{
	enum { OPT_WERROR = 256, OPT_SEPARATE, OPT_REQUESTS };
	static const struct option longopts[] = {
	    {"werror", no_argument, NULL, OPT_WERROR},
	    {"separate", no_argument, NULL, OPT_SEPARATE},
	    {"requests", required_argument, NULL, OPT_REQUESTS},
	    CLI_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	const unsigned formats =
	    1u << REPORT_TEXT | 1u << REPORT_JSON | 1u << REPORT_SARIF;
	cli_opts o = {.format = REPORT_TEXT};
	bool werror = false, separate = false;
	const char *requests_path = NULL;
	vl_error err = {0};
	int c, status;

	optind = 1;
	opterr = 0;
	while ((c = cli_next_option(argc, argv, "check", longopts, &o, formats,
				    &err)) != CLI_OPT_END) {
		if (c == CLI_OPT_BAD)
			goto bad;
		if (c == CLI_OPT_HELP) {
			fputs(usage, stdout);
			cli_opts_free(&o);
			return VL_EXIT_OK;
		}
		werror |= c == OPT_WERROR;
		separate |= c == OPT_SEPARATE;
		if (c == OPT_REQUESTS)
			requests_path = optarg;
	}
	if (optind >= argc && !requests_path) {
		vl_fail(&err, NULL, 0, 0,
			"check: no input given (see 'vaslint check --help')");
		goto bad;
	}
	if (requests_path && !o.layout.name) {
		vl_fail(&err, NULL, 0, 0,
			"check: --requests needs a layout (-L): its page sizes "
			"decide what is aligned");
		goto bad;
	}
	status = run_check(&o, werror, separate, requests_path, argv + optind,
			   (size_t)(argc - optind));
	cli_opts_free(&o);
	return status;
bad:
	cli_error(&err);
	cli_opts_free(&o);
	return VL_EXIT_INPUT;
}
