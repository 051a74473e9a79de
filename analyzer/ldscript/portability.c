/* What GNU ld accepts and lld does not do the same with (FACTS.md, "What
 * linkers check"): pipelines switch linkers, and a script that links with
 * one may fail with the other or, worse, link into another layout. */
#include "ldscript/portability.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "builtins.h"
#include "rules.h"

typedef struct walker {
	const ls_script *s;
	vl_diags *out;
	int found;
	bool oom;
} walker;

static void warn(walker *w, ls_loc loc, unsigned line, unsigned column,
		 const char *msg)
{
	vl_diag *d = vl_diags_add(w->out, VL_RULE_LLD_PORTABILITY, loc.file,
				  line ? line : loc.line,
				  line ? column : loc.column, "%s", msg);
	if (!d)
		w->oom = true;
	w->found++;
}

/* The text of a number as written: hex with a K or M suffix ("0x1M") is
 * GNU ld's alone. */
static bool hex_with_suffix(const ls_script *s, const ls_loc *in, const expr *x)
{
	if (in->buf >= s->nbufs)
		return false;
	const ls_buffer *b = &s->bufs[in->buf];
	size_t i = x->loc.offset;
	if (i + 2 > b->len || b->text[i] != '0' ||
	    (b->text[i + 1] != 'x' && b->text[i + 1] != 'X'))
		return false;
	for (i += 2; i < b->len && isxdigit((unsigned char)b->text[i]); i++)
		;
	return i < b->len && strchr("KkMm", b->text[i]) &&
	       (i + 1 >= b->len || !isalnum((unsigned char)b->text[i + 1]));
}

/* GNU ld's "$" hex number ("$6000000"): lld reads a symbol name there. */
static bool dollar_number(const ls_script *s, const ls_loc *in, const expr *x)
{
	if (in->buf >= s->nbufs)
		return false;
	const ls_buffer *b = &s->bufs[in->buf];
	return x->loc.offset < b->len && b->text[x->loc.offset] == '$';
}

static void walk_expr(walker *w, const ls_expr *in, const expr *x)
{
	const builtin *b;

	if (!x)
		return;
	switch (x->kind) {
	case EXPR_NUM:
		if (hex_with_suffix(w->s, &in->loc, x))
			warn(w, in->loc, x->loc.line, x->loc.column,
			     "lld rejects a hex number with a size suffix: "
			     "write it out (0x1M is 0x100000)");
		if (dollar_number(w->s, &in->loc, x)) {
			char msg[96];

			snprintf(msg, sizeof(msg),
				 "lld reads a $ number as a symbol name "
				 "and fails: write 0x%" PRIx64,
				 x->num);
			warn(w, in->loc, x->loc.line, x->loc.column, msg);
		}
		break;
	case EXPR_SYM:
		break;
	case EXPR_UNARY:
		walk_expr(w, in, x->a);
		break;
	case EXPR_BINARY:
		walk_expr(w, in, x->a);
		walk_expr(w, in, x->b);
		break;
	case EXPR_COND:
		walk_expr(w, in, x->a);
		walk_expr(w, in, x->b);
		walk_expr(w, in, x->c);
		break;
	case EXPR_CALL:
		b = builtin_of(x);
		if (b && (b->id == BUILTIN_NEXT || b->id == BUILTIN_BLOCK))
			warn(w, in->loc, x->loc.line, x->loc.column,
			     b->id == BUILTIN_NEXT
				 ? "lld rejects NEXT(): use ALIGN()"
				 : "lld rejects BLOCK(): use ALIGN()");
		if (b && b->id == BUILTIN_SEGMENT_START)
			warn(w, in->loc, x->loc.line, x->loc.column,
			     "lld ignores the segment name of SEGMENT_START "
			     "and always takes its default, so "
			     "-Ttext-segment and --image-base do not move "
			     "this image under lld");
		for (size_t i = 0; i < x->nargs; i++)
			walk_expr(w, in, x->args[i]);
		break;
	}
}

static void walk_ls_expr(walker *w, const ls_expr *x)
{
	walk_expr(w, x, x->e);
}

static void walk_section(walker *w, const ls_output_section *sec)
{
	if (sec->has_address)
		walk_ls_expr(w, &sec->address);
	if (sec->has_at)
		walk_ls_expr(w, &sec->at);
	if (sec->has_align)
		walk_ls_expr(w, &sec->align);
	if (sec->type == LS_TYPE_READONLY)
		warn(w, sec->loc, 0, 0,
		     "lld rejects the READONLY section type");
	if (sec->align_with_input)
		warn(w, sec->loc, 0, 0, "lld rejects ALIGN_WITH_INPUT");
	for (size_t i = 0; i < sec->ncmds; i++) {
		const ls_sec_cmd *c = &sec->cmds[i];
		switch (c->kind) {
		case LS_SC_ASSIGN:
			walk_ls_expr(w, &c->u.assign.value);
			break;
		case LS_SC_DATA:
			if (c->u.data.is_signed)
				warn(w, c->loc, 0, 0,
				     "lld silently drops SQUAD: the section "
				     "is 8 bytes shorter there; use QUAD");
			walk_ls_expr(w, &c->u.data.value);
			break;
		case LS_SC_ASCIZ:
			warn(w, c->loc, 0, 0,
			     "lld silently drops ASCIZ: the string is missing "
			     "there; use BYTE() for each character");
			break;
		case LS_SC_KEYWORD:
			if (!strcmp(c->u.keyword, "LINKER_VERSION"))
				warn(w, c->loc, 0, 0,
				     "lld silently drops LINKER_VERSION");
			else if (!strcmp(c->u.keyword, "CREATE_OBJECT_SYMBOLS"))
				warn(w, c->loc, 0, 0,
				     "lld silently drops "
				     "CREATE_OBJECT_SYMBOLS");
			break;
		case LS_SC_FILL:
			walk_ls_expr(w, &c->u.fill);
			break;
		case LS_SC_ASSERT:
			walk_ls_expr(w, &c->u.assert_.cond);
			break;
		case LS_SC_INPUT:
			break;
		}
	}
}

static void walk_cmds(walker *w, const ls_cmd *cmds, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const ls_cmd *c = &cmds[i];
		switch (c->kind) {
		case LS_CMD_ASSIGN:
			walk_ls_expr(w, &c->u.assign.value);
			break;
		case LS_CMD_ASSERT:
			walk_ls_expr(w, &c->u.assert_.cond);
			break;
		case LS_CMD_OUTPUT_SECTION:
			walk_section(w, c->u.section);
			break;
		case LS_CMD_OVERLAY:
			if (c->u.overlay->has_start)
				walk_ls_expr(w, &c->u.overlay->start);
			for (size_t k = 0; k < c->u.overlay->nsections; k++)
				walk_section(w, &c->u.overlay->sections[k]);
			break;
		case LS_CMD_SECTIONS:
			walk_cmds(w, c->u.sections.cmds, c->u.sections.ncmds);
			break;
		case LS_CMD_MEMORY:
			for (size_t r = 0; r < c->u.memory.nregions; r++) {
				const ls_memory_region *m =
				    &c->u.memory.regions[r];
				walk_ls_expr(w, &m->origin);
				walk_ls_expr(w, &m->length);
				if (m->attributes &&
				    strpbrk(m->attributes, "iIlL"))
					warn(w, m->attributes_loc, 0, 0,
					     "lld rejects the MEMORY "
					     "attributes i and l");
			}
			break;
		case LS_CMD_NAMED:
			if (!strcmp(c->keyword, "LD_FEATURE"))
				warn(w, c->loc, 0, 0, "lld rejects LD_FEATURE");
			else if (!strcmp(c->keyword, "STARTUP"))
				warn(w, c->loc, 0, 0,
				     "lld rejects STARTUP: name the file first "
				     "on the command line or in INPUT");
			break;
		default:
			break;
		}
	}
}

int ls_portability(const ls_script *s, vl_diags *out)
{
	walker w = {s, out, 0, false};

	walk_cmds(&w, s->cmds, s->ncmds);
	return w.oom ? -1 : w.found;
}
