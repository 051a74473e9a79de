/* The linker-script lexer, parser and evaluator, and what consumes them:
 * the checks without and with a layout, the map, and `fix`'s planner and
 * rewriter.  The rewritten script must parse again and, evaluated, put
 * the base where the planner moved it: anything else aborts, because
 * `fix` would then write a script that does not say what it reported. */
#include <inttypes.h>
#include <stdio.h>

#include "check.h"
#include "plan.h"
#include "fuzz_util.h"
#include "layout.h"
#include "ldscript/eval.h"
#include "ldscript/parser.h"
#include "ldscript/rewrite.h"
#include "ldscript/script_check.h"
#include "report/report.h"

#define NAME "fuzz.ld"

static layout lay;
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	layout_define def;
	vl_error err = {0};

	(void)argc;
	(void)argv;
	if (!layout_parse_define("GUEST_RAM=256M", &def, &err))
		abort();
	FUZZ_LOAD_LAYOUT("linux-x86_64", &def, 1, &lay);
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	vl_error_free(&err);
	return 0;
}

/* Parse and evaluate the rewritten text; its base must be new_base. */
static void check_moved(const char *text, size_t len, uint64_t old_base,
			uint64_t new_base)
{
	ls_script s;
	ls_eval ev;
	vl_diags d = {0};
	vl_error err = {0};

	if (!ls_parse_text(NAME, text, len, NULL, &s, &err)) {
		fprintf(stderr,
			"fuzz: moving the base 0x%" PRIx64 " -> 0x%" PRIx64
			" made a script that does not parse: %s:%u:%u: %s\n"
			"---\n%.*s\n---\n",
			old_base, new_base, err.file, err.line, err.column,
			err.msg, (int)len, text);
		abort();
	}
	if (ls_evaluate(&s, &(ls_eval_opts){0}, &ev, &err)) {
		if (!ev.has_base || !ev.base.known || ev.base.v != new_base) {
			fprintf(stderr,
				"fuzz: moving the base 0x%" PRIx64
				" -> 0x%" PRIx64 " gave a script whose base is "
				"%s0x%" PRIx64 "\n---\n%.*s\n---\n",
				old_base, new_base,
				!ev.has_base	  ? "(none) "
				: !ev.base.known ? "(unknown) "
						 : "",
				ev.base.v, (int)len, text);
			abort();
		}
		ls_eval_free(&ev);
	}
	vl_diags_free(&d);
	ls_script_free(&s);
	vl_error_free(&err);
}

static void move_to(const ls_script *s, const ls_eval *ev, uint64_t to)
{
	ls_edits edits;
	vl_error err = {0};
	size_t len;

	if (!ls_plan_move(s, ev, to, &edits, &err)) {
		vl_error_free(&err);
		return;
	}
	char *text = ls_apply_edits(s, &edits, &len);
	ls_edits_free(&edits);
	if (!text)
		return;
	check_moved(text, len, ev->base.v, to);
	free(text);
	vl_error_free(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ls_script s;
	ls_eval ev;
	vl_diags d = {0};
	vl_error err = {0};
	report_run run = {.layout = &lay};

	if (!ls_parse_text(NAME, (const char *)data, size, NULL, &s, &err)) {
		vl_error_free(&err);
		return 0;
	}
	if (ls_evaluate(&s, &(ls_eval_opts){0}, &ev, &err)) {
		map_ranges m = {0};
		va_range extent;
		uint64_t size_ = 0x1000, to;

		space bare, sp;

		/* Alone, and in a layout; map shows the second. */
		if (space_init(&bare, NULL) &&
		    space_add_script(&bare, NAME, &s, &ev))
			check_run(&bare, &d);
		space_free(&bare);
		if (space_init(&sp, &lay) &&
		    space_add_script(&sp, NAME, &s, &ev)) {
			check_run(&sp, &d);
			if (space_add_free(&sp) && map_from_space(&sp, &m))
				report_map_text(devnull, &m, &run);
		}
		space_free(&sp);
		vl_diags_sort(&d);
		report_text(devnull, &d, &run);
		map_free(&m);
		if (space_script_extent(&s, &ev, &extent))
			size_ = va_range_size(extent);
		if (ev.has_base && ev.base.known) {
			/* Where fix would move it, and a move down and up. */
			if (plan_lowest_legal(&lay, size_ ? size_ : 1,
					       lay.page_sizes[lay.npage_sizes -
							      1],
					       &to))
				move_to(&s, &ev, to);
			move_to(&s, &ev, ev.base.v / 2);
			move_to(&s, &ev, ev.base.v + 0x10000000);
		}
		ls_eval_free(&ev);
	}
	vl_diags_free(&d);
	ls_script_free(&s);
	vl_error_free(&err);
	return 0;
}
