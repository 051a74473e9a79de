#include "ldscript/script_check.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ldscript/portability.h"
#include "rules.h"

bool ls_image_extent(const ls_eval *ev, va_range *out)
{
	if (!ev->has_base || !ev->base.known)
		return false;
	*out = (va_range){ev->base.v, ev->base.v};
	for (size_t i = 0; i < ev->nsections; i++) {
		const ls_out_section *s = &ev->sections[i];
		if (!s->alloc)
			continue;
		if (!s->vma.known || !s->size.known)
			return false;
		if (s->vma.v < out->start)
			out->start = s->vma.v;
		if (s->vma.v + s->size.v > out->end)
			out->end = s->vma.v + s->size.v;
	}
	return true;
}

static bool has_sections(const ls_eval *ev)
{
	for (size_t i = 0; i < ev->nsections; i++)
		if (ev->sections[i].def)
			return true;
	return false;
}

/* One note for all that could not be determined: the count, the first few,
 * and what would tell. */
static int note_undetermined(const char *path, const ls_eval *ev, vl_diags *out)
{
	char list[512] = "";
	size_t shown = 0;

	if (!ev->nundetermined)
		return 0;
	for (size_t i = 0; i < ev->nundetermined && shown < 4; i++, shown++) {
		size_t len = strlen(list);
		snprintf(list + len, sizeof(list) - len, "%s%s",
			 shown ? ", " : "", ev->undetermined[i].what);
	}
	const ls_undetermined *first = &ev->undetermined[0];
	vl_diag *d = vl_diags_add(
	    out, VL_RULE_UNDETERMINED, first->loc.file ? first->loc.file : path,
	    first->loc.line, first->loc.column,
	    "%zu value%s could not be determined (%s%s): %s", ev->nundetermined,
	    ev->nundetermined == 1 ? "" : "s", list,
	    ev->nundetermined > shown ? ", ..." : "", first->why);
	return d ? 1 : -1;
}

int ls_check_script(const char *path, const ls_script *s, const ls_eval *ev,
		    const layout *l, vl_diags *out)
{
	int found = 0, n;
	fixed_range *ranges = NULL;
	size_t nranges = 0;
	char hint[256] = "";

	if ((n = ls_check_portability(s, out)) < 0)
		return -1;
	found += n;
	if (!ev->has_base && has_sections(ev)) {
		if (!vl_diags_add(out, VL_RULE_IMPLICIT_BASE, path, 1, 1,
				  "the script sets no base address: GNU ld "
				  "places the image at its default (0x400000 "
				  "on x86-64), lld at its --image-base "
				  "(0x200000)"))
			return -1;
		found++;
	}
	if ((n = note_undetermined(path, ev, out)) < 0)
		return -1;
	found += n;
	if (!l)
		return found;
	ranges = calloc(ev->nsections + 1, sizeof(*ranges));
	if (!ranges)
		return -1;
	va_range extent;
	bool have_extent = ls_image_extent(ev, &extent);
	if (ev->has_base && ev->base.known)
		ranges[nranges++] = (fixed_range){
		    "image",
		    path,
		    have_extent ? extent
				: (va_range){ev->base.v, ev->base.v + 1},
		    have_extent,
		    ev->base_loc.file,
		    ev->base_loc.line,
		    ev->base_loc.column,
		    true};
	if (have_extent)
		check_legal_hint(l, va_range_size(extent), 1, hint,
				 sizeof(hint));
	for (size_t i = 0; i < ev->nsections; i++) {
		const ls_out_section *sec = &ev->sections[i];
		if (!sec->alloc || !sec->vma.known)
			continue;
		ls_loc at = sec->addr_loc.file ? sec->addr_loc : sec->loc;
		/* Sections placed from the base are the image's finding;
		 * only one placed by an expression of its own is another. */
		if (ev->has_base && at.file == ev->base_loc.file &&
		    at.line == ev->base_loc.line &&
		    at.column == ev->base_loc.column)
			continue;
		ranges[nranges++] = (fixed_range){
		    "section",
		    sec->name,
		    sec->size.known
			? (va_range){sec->vma.v, sec->vma.v + sec->size.v}
			: (va_range){sec->vma.v, sec->vma.v + 1},
		    sec->size.known,
		    at.file ? at.file : path,
		    at.line,
		    at.column,
		    true};
	}
	n = check_fixed_ranges(ranges, nranges, l, hint, out);
	free(ranges);
	return n < 0 ? -1 : found + n;
}

bool ls_map(const ls_eval *ev, map_ranges *m)
{
	for (size_t i = 0; i < ev->nsections; i++) {
		const ls_out_section *s = &ev->sections[i];
		if (!s->alloc || !s->vma.known)
			continue;
		va_range r = {s->vma.v,
			      s->size.known ? s->vma.v + s->size.v : s->vma.v};
		if (!map_add(m, "section", s->name, r, s->loc.file, s->loc.line,
			     s->loc.column))
			return false;
		map_range *mr = &m->v[m->n - 1];
		mr->size_known = s->size.known;
		mr->has_lma = s->lma.known;
		mr->lma = s->lma.v;
	}
	for (size_t i = 0; i < ev->nsymbols; i++) {
		const ls_symbol *s = &ev->symbols[i];
		if (!s->value.known || !s->loc.file)
			continue;
		if (!map_add(m, "symbol", s->name,
			     (va_range){s->value.v, s->value.v}, s->loc.file,
			     s->loc.line, s->loc.column))
			return false;
	}
	for (size_t i = 0; i < ev->nregions; i++) {
		const ls_region *r = &ev->regions[i];
		char name[256];
		uint64_t end;
		if (!r->origin.known || !r->length.known ||
		    !va_add(r->origin.v, r->length.v, &end))
			continue;
		snprintf(name, sizeof(name), "MEMORY %s", r->name);
		if (!map_add(m, "region", name, (va_range){r->origin.v, end},
			     r->def->loc.file, r->def->loc.line,
			     r->def->loc.column))
			return false;
	}
	for (size_t i = 0; i < ev->nundetermined; i++) {
		const ls_undetermined *u = &ev->undetermined[i];
		if (!map_note(m, u->what, u->why, u->loc.file, u->loc.line,
			      u->loc.column))
			return false;
	}
	return true;
}
