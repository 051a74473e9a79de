#include "ldscript/rewrite.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"

void ls_edits_free(ls_edits *e)
{
	free(e->v);
	memset(e, 0, sizeof(*e));
}

/* The bytes of a number token as written: digits, 0x or ld's "$", a K/M/G
 * suffix. */
static uint32_t number_end(const ls_buffer *b, uint32_t offset)
{
	uint32_t i = offset;

	if (i < b->len && b->text[i] == '$')
		i++;
	while (i < b->len && (isalnum((unsigned char)b->text[i])))
		i++;
	return i;
}

static bool add_edit(ls_edits *out, uint32_t offset, uint32_t end,
		     uint64_t old_value, uint64_t new_value, ls_loc loc)
{
	for (size_t i = 0; i < out->n; i++)
		if (out->v[i].offset == offset)
			return true;
	ls_edit *v = realloc(out->v, (out->n + 1) * sizeof(*v));
	if (!v)
		return false;
	out->v = v;
	out->v[out->n++] = (ls_edit){offset, end, old_value, new_value, loc};
	return true;
}

/* Only a literal number is replaced: a name or a computed value belongs
 * to the user, and changing it could move more than this image. */
static const expr *literal(const expr *x)
{
	return x && x->kind == EXPR_NUM ? x : NULL;
}

/* SEGMENT_START(name, default) */
static bool is_segment_start(const expr *x)
{
	const builtin *b = builtin_of(x);

	return b && b->id == BUILTIN_SEGMENT_START && x->nargs == 2;
}

/* In the base expression, the number to change: SEGMENT_START's default,
 * the whole expression if it is a number, or the number added to
 * SIZEOF_HEADERS. */
static const expr *base_number(const expr *x)
{
	if (!x)
		return NULL;
	if (x->kind == EXPR_NUM)
		return x;
	if (is_segment_start(x))
		return literal(x->args[1]);
	if (x->kind == EXPR_BINARY && x->op == '+') {
		const expr *l = base_number(x->a);
		return l ? l : base_number(x->b);
	}
	return NULL;
}

/* The SEGMENT_START call whose default is num, if any. */
static const expr *segment_call(const expr *x, const expr *num)
{
	if (!x)
		return NULL;
	if (is_segment_start(x) && x->args[1] == num &&
	    x->args[0]->kind == EXPR_SYM)
		return x;
	const expr *r = segment_call(x->a, num);
	return r ? r : segment_call(x->b, num);
}

typedef struct mover {
	const ls_script *s;
	const ls_eval *ev;
	uint64_t old_base, delta_up, delta_down; /* one of the deltas is 0 */
	const char *segment; /* the base is SEGMENT_START(segment, base_num) */
	uint64_t base_num, base_moved;
	ls_edits *out;
	vl_error *err;
	bool ok;
} mover;

static bool shift(const mover *m, uint64_t v, uint64_t *out)
{
	uint64_t r;
	if (m->delta_up)
		return va_add(v, m->delta_up, out);
	if (!va_sub(v, m->delta_down, &r))
		return false;
	*out = r;
	return true;
}

/* A constant address of the image: moved by the same delta. */
static void move_constant(mover *m, const ls_expr *x)
{
	const expr *n = literal(x->e);
	uint64_t moved;

	if (!n || x->loc.buf != 0 || n->num < m->old_base)
		return;
	if (!shift(m, n->num, &moved)) {
		m->ok = vl_fail(m->err, x->loc.file, x->loc.line, x->loc.column,
				"moving 0x%" PRIx64 " by the same distance as "
				"the base leaves the 64-bit space",
				n->num);
		return;
	}
	const ls_buffer *b = &m->s->bufs[0];
	if (!add_edit(m->out, n->loc.offset, number_end(b, n->loc.offset),
		      n->num, moved, x->loc))
		m->ok = vl_fail(m->err, NULL, 0, 0, "out of memory");
}

/* Every SEGMENT_START of the base's segment with the base's default: the
 * default script also defines __executable_start with it. */
static void move_segment_starts(mover *m, const ls_expr *in, const expr *x)
{
	if (!x || in->loc.buf != 0)
		return;
	if (is_segment_start(x) && x->args[0]->kind == EXPR_SYM &&
	    !strcmp(x->args[0]->name, m->segment) &&
	    x->args[1]->kind == EXPR_NUM && x->args[1]->num == m->base_num) {
		const expr *n = x->args[1];
		if (!add_edit(m->out, n->loc.offset,
			      number_end(&m->s->bufs[0], n->loc.offset), n->num,
			      m->base_moved, in->loc))
			m->ok = vl_fail(m->err, NULL, 0, 0, "out of memory");
		return;
	}
	move_segment_starts(m, in, x->a);
	move_segment_starts(m, in, x->b);
	move_segment_starts(m, in, x->c);
	for (size_t i = 0; i < x->nargs; i++)
		move_segment_starts(m, in, x->args[i]);
}

static void walk(mover *m, const ls_cmd *cmds, size_t n, bool in_sections)
{
	for (size_t i = 0; i < n && m->ok; i++) {
		const ls_cmd *c = &cmds[i];
		if (m->segment && c->kind == LS_CMD_ASSIGN)
			move_segment_starts(m, &c->u.assign.value,
					    c->u.assign.value.e);
		if (c->kind == LS_CMD_SECTIONS)
			walk(m, c->u.sections.cmds, c->u.sections.ncmds, true);
		else if (c->kind == LS_CMD_ASSIGN && in_sections &&
			 !strcmp(c->u.assign.name, "."))
			move_constant(m, &c->u.assign.value);
		else if (c->kind == LS_CMD_OUTPUT_SECTION &&
			 c->u.section->has_address)
			move_constant(m, &c->u.section->address);
		else if (c->kind == LS_CMD_OVERLAY && c->u.overlay->has_start)
			move_constant(m, &c->u.overlay->start);
	}
}

static const ls_expr *find_expr(const ls_cmd *cmds, size_t n, ls_loc at)
{
	for (size_t i = 0; i < n; i++) {
		const ls_cmd *c = &cmds[i];
		const ls_expr *x = NULL;
		if (c->kind == LS_CMD_SECTIONS)
			x = find_expr(c->u.sections.cmds, c->u.sections.ncmds,
				      at);
		else if (c->kind == LS_CMD_ASSIGN)
			x = &c->u.assign.value;
		else if (c->kind == LS_CMD_OUTPUT_SECTION &&
			 c->u.section->has_address)
			x = &c->u.section->address;
		if (x && x->loc.buf == at.buf && x->loc.offset == at.offset)
			return x;
	}
	return NULL;
}

bool ls_plan_move(const ls_script *s, const ls_eval *ev, uint64_t new_base,
		  ls_edits *out, vl_error *err)
{
	memset(out, 0, sizeof(*out));
	if (!ev->has_base || !ev->base.known)
		return vl_fail(err, s->nbufs ? s->bufs[0].path : NULL, 0, 0,
			       "the script sets no base address vaslint can "
			       "move: add '. = ADDRESS;' at the top of "
			       "SECTIONS");
	const ls_expr *bx = find_expr(s->cmds, s->ncmds, ev->base_loc);
	const expr *num = bx ? base_number(bx->e) : NULL;
	if (!num)
		return vl_fail(err, ev->base_loc.file, ev->base_loc.line,
			       ev->base_loc.column,
			       "the base address is computed, not a number "
			       "vaslint can change; write it as a number, or "
			       "as SEGMENT_START(\"text-segment\", NUMBER)");
	if (bx->loc.buf != 0)
		return vl_fail(err, ev->base_loc.file, ev->base_loc.line,
			       ev->base_loc.column,
			       "the base address is set in an included file: "
			       "fix that file");
	mover m = {.s = s,
		   .ev = ev,
		   .old_base = num->num,
		   .out = out,
		   .err = err,
		   .ok = true};
	if (new_base >= ev->base.v)
		m.delta_up = new_base - ev->base.v;
	else
		m.delta_down = ev->base.v - new_base;
	/* The base number itself may differ from the base (a number added
	 * to SIZEOF_HEADERS): it moves by the same distance. */
	uint64_t moved;
	if (!shift(&m, num->num, &moved))
		return vl_fail(err, bx->loc.file, bx->loc.line, bx->loc.column,
			       "cannot move the base by that much");
	const expr *call = segment_call(bx->e, num);
	if (call) {
		m.segment = call->args[0]->name;
		m.base_num = num->num;
		m.base_moved = moved;
	}
	if (!add_edit(out, num->loc.offset,
		      number_end(&s->bufs[0], num->loc.offset), num->num, moved,
		      bx->loc)) {
		ls_edits_free(out);
		return vl_fail(err, NULL, 0, 0, "out of memory");
	}
	walk(&m, s->cmds, s->ncmds, false);
	if (!m.ok)
		ls_edits_free(out);
	return m.ok;
}

static int edit_cmp(const void *a, const void *b)
{
	const ls_edit *x = a, *y = b;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

char *ls_apply_edits(const ls_script *s, const ls_edits *e, size_t *len)
{
	const ls_buffer *b = &s->bufs[0];
	size_t cap = b->len + e->n * 24 + 1, n = 0;
	char *out = malloc(cap);
	uint32_t pos = 0;

	if (!out)
		return NULL;
	qsort(e->v, e->n, sizeof(*e->v), edit_cmp);
	for (size_t i = 0; i < e->n; i++) {
		memcpy(out + n, b->text + pos, e->v[i].offset - pos);
		n += e->v[i].offset - pos;
		n += (size_t)sprintf(out + n, "0x%" PRIx64, e->v[i].new_value);
		pos = e->v[i].end;
	}
	memcpy(out + n, b->text + pos, b->len - pos);
	n += b->len - pos;
	out[n] = 0;
	*len = n;
	return out;
}
