#include "ldscript/script_check.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <elf.h>

#include "expr.h"
#include "ldscript/portability.h"
#include "ldscript/target.h"
#include "rules.h"

/* Every script of the space, one call each; the sum or -1. */
static int each_script(const space *s,
		       int (*fn)(const space *, const sp_owner *, vl_diags *),
		       vl_diags *out)
{
	int found = 0;

	for (size_t o = 0; o < s->nowners; o++) {
		if (s->owners[o].kind != SP_OWN_SCRIPT)
			continue;
		int n = fn(s, &s->owners[o], out);
		if (n < 0)
			return -1;
		found += n;
	}
	return found;
}

/* ---- From the evaluation's facts ---- */

static int facts(const space *s, const sp_owner *o, ls_fact_kind kind,
		 vl_diags *out)
{
	int found = 0;

	(void)s;
	for (size_t i = 0; i < o->eval->nfacts; i++) {
		const ls_fact *f = &o->eval->facts[i];
		vl_diag *d = NULL;
		if (f->kind != kind)
			continue;
		switch (kind) {
		case LS_FACT_ERROR:
			d = vl_diags_add(out, VL_RULE_SCRIPT_ERROR, f->loc.file,
					 f->loc.line, f->loc.column, "%s",
					 f->text);
			break;
		case LS_FACT_BACKWARDS:
			d = vl_diags_add(
			    out, VL_RULE_LOCATION_BACKWARDS, f->loc.file,
			    f->loc.line, f->loc.column,
			    "the location counter moves backwards "
			    "inside %s, from 0x%" PRIx64 " to 0x%" PRIx64,
			    f->section, f->from, f->to);
			break;
		case LS_FACT_ASSERT_FAILED:
			d = vl_diags_add(out, VL_RULE_ASSERT_FAILED,
					 f->loc.file, f->loc.line,
					 f->loc.column, "ASSERT fails: %s",
					 f->text);
			break;
		}
		if (!d)
			return -1;
		found++;
	}
	return found;
}

/* ---- Room for the headers of a FILEHDR or PHDRS segment ---- */

/* The size of the ELF header and n program headers: the class of the
 * script's OUTPUT_FORMAT, else the machine's. */
static uint64_t headers_size(const sp_owner *o, size_t n)
{
	ls_target t;
	bool is64 = o->eval->machine != EM_386 && o->eval->machine != EM_ARM;

	if (ls_script_targets(o->script, &t, 1) && t.elfclass)
		is64 = t.elfclass == ELFCLASS64;
	return is64 ? 64 + 56 * (uint64_t)n : 52 + 32 * (uint64_t)n;
}

/* The first allocated section with bytes in segment name: its own :phdr
 * list, or the previous section's, as ld assigns them. */
static const ls_out_section *first_in_segment(const ls_eval *ev,
					      const char *name)
{
	char *const *cur = NULL;
	size_t ncur = 0;

	for (size_t i = 0; i < ev->nsections; i++) {
		const ls_out_section *sec = &ev->sections[i];
		if (sec->def && sec->def->nphdrs) {
			cur = sec->def->phdrs;
			ncur = sec->def->nphdrs;
		}
		/* An empty one is in no segment (GNU ld drops it). */
		if (!sec->alloc || (sec->size.known && !sec->size.v))
			continue;
		for (size_t k = 0; k < ncur; k++)
			if (!strcmp(cur[k], name))
				return sec;
	}
	return NULL;
}

/* GNU ld (elf.c) puts a FILEHDR segment's headers at its start: the file
 * offset of the first section is the headers' size moved up to the
 * section's address modulo the page, and the segment starts that far
 * below the section.  Below address 0 it says "not enough room for
 * program headers" (lld: "could not allocate headers"); ld checks the load
 * address the same way unless the PHDRS entry has AT. */
static int headers_room_of(const sp_owner *o, const ls_phdr *ph, size_t nphdrs,
			   vl_diags *out)
{
	const ls_eval *ev = o->eval;
	const ls_out_section *sec = first_in_segment(ev, ph->name);
	uint64_t type, hdr = headers_size(o, nphdrs), page = ev->maxpagesize;

	if ((!ph->filehdr && !ph->phdrs) || !sec || !sec->vma.known || !page ||
	    expr_eval(ph->type.e, NULL, &type, NULL) != EXPR_OK ||
	    type != PT_LOAD)
		return 0;
	uint64_t r = sec->vma.v % page;
	uint64_t off = r >= hdr ? r : r + ((hdr - r + page - 1) / page) * page;
	vl_diag *d;
	if (!ph->filehdr) {
		/* PHDRS alone: the program headers follow the ELF header in
		 * the file, and the segment starts off less the ELF header
		 * below the section; below 0 the section is not in it. */
		uint64_t ph_bytes = hdr - headers_size(o, 0);
		if (sec->vma.v >= off - headers_size(o, 0))
			return 0;
		d = vl_diags_add(out, VL_RULE_SCRIPT_ERROR, ph->loc.file,
				 ph->loc.line, ph->loc.column,
				 "segment %s (PHDRS) has no room for its "
				 "0x%" PRIx64 " bytes of program headers below "
				 "%s at 0x%" PRIx64 ": GNU ld refuses the link "
				 "(section `%s' can't be allocated in "
				 "segment); start %s at 0x%" PRIx64
				 " or above",
				 ph->name, ph_bytes, sec->name, sec->vma.v,
				 sec->name, sec->name, hdr);
		return d ? 1 : -1;
	}
	bool vma_short = sec->vma.v < off;
	bool lma_short = !ph->has_at && sec->lma.known && sec->lma.v < off;
	if (!vma_short && !lma_short)
		return 0;
	if (vma_short)
		d = vl_diags_add(out, VL_RULE_SCRIPT_ERROR, ph->loc.file,
				 ph->loc.line, ph->loc.column,
				 "segment %s (FILEHDR) has no room for its "
				 "0x%" PRIx64 " bytes of ELF and program "
				 "headers below %s at 0x%" PRIx64
				 ": GNU ld and lld refuse the link (not enough "
				 "room for program headers); start %s at "
				 "0x%" PRIx64 " or above",
				 ph->name, hdr, sec->name, sec->vma.v,
				 sec->name, hdr);
	else
		d = vl_diags_add(out, VL_RULE_SCRIPT_ERROR, ph->loc.file,
				 ph->loc.line, ph->loc.column,
				 "segment %s (FILEHDR) has no room for its "
				 "0x%" PRIx64 " bytes of ELF and program "
				 "headers below the load address 0x%" PRIx64
				 " of %s: GNU ld refuses the link (not enough "
				 "room for program headers); load %s at "
				 "0x%" PRIx64 " or above, or give the PHDRS "
				 "entry AT(...)",
				 ph->name, hdr, sec->lma.v, sec->name,
				 sec->name, off);
	if (!d)
		return -1;
	return 1;
}

static int headers_room(const sp_owner *o, vl_diags *out)
{
	int found = 0;

	for (size_t i = 0; i < o->script->ncmds; i++) {
		const ls_cmd *c = &o->script->cmds[i];
		if (c->kind != LS_CMD_PHDRS)
			continue;
		for (size_t k = 0; k < c->u.phdrs.nphdrs; k++) {
			int n = headers_room_of(o, &c->u.phdrs.phdrs[k],
						c->u.phdrs.nphdrs, out);
			if (n < 0)
				return -1;
			found += n;
		}
	}
	return found;
}

/* A PT_LOAD with FILEHDR or PHDRS after one without: GNU ld 2.40 refuses
 * the link ("PHDRS and FILEHDR are not supported when prior PT_LOAD
 * headers lack them", binutils' phdrs3.t); a PT_PHDR there is fine. */
static int headers_order(const sp_owner *o, vl_diags *out)
{
	int found = 0;

	for (size_t i = 0; i < o->script->ncmds; i++) {
		const ls_cmd *c = &o->script->cmds[i];
		const ls_phdr *bare = NULL;
		if (c->kind != LS_CMD_PHDRS)
			continue;
		for (size_t k = 0; k < c->u.phdrs.nphdrs; k++) {
			const ls_phdr *ph = &c->u.phdrs.phdrs[k];
			uint64_t type;
			if (expr_eval(ph->type.e, NULL, &type, NULL) !=
				EXPR_OK ||
			    type != PT_LOAD)
				continue;
			if (!ph->filehdr && !ph->phdrs) {
				if (!bare)
					bare = ph;
				continue;
			}
			if (!bare)
				continue;
			if (!vl_diags_add(
				out, VL_RULE_SCRIPT_ERROR, ph->loc.file,
				ph->loc.line, ph->loc.column,
				"segment %s takes the headers (%s) after %s, a "
				"PT_LOAD without them: GNU ld refuses the link "
				"(PHDRS and FILEHDR are not supported when "
				"prior PT_LOAD headers lack them); list %s "
				"first",
				ph->name, ph->filehdr ? "FILEHDR" : "PHDRS",
				bare->name, ph->name))
				return -1;
			found++;
		}
	}
	return found;
}

/* REGION_ALIAS as GNU ld takes it (ldlang.c): of a region defined
 * before it, not of *default* nor as *default*, and no name twice
 * (binutils' region-alias-1 to -4 expect these errors). */
static int region_aliases(const sp_owner *o, vl_diags *out)
{
	const ls_script *sc = o->script;
	int found = 0;

	for (size_t i = 0; i < sc->ncmds; i++) {
		const ls_cmd *c = &sc->cmds[i];
		if (c->kind != LS_CMD_REGION_ALIAS || c->nargs != 2)
			continue;
		const char *alias = c->args[0], *region = c->args[1];
		bool region_known = false, alias_taken = false;
		for (size_t j = 0; j < i; j++) {
			const ls_cmd *d = &sc->cmds[j];
			if (d->kind == LS_CMD_MEMORY)
				for (size_t r = 0; r < d->u.memory.nregions;
				     r++) {
					const char *n =
					    d->u.memory.regions[r].name;
					region_known |= !strcmp(n, region);
					alias_taken |= !strcmp(n, alias);
				}
			else if (d->kind == LS_CMD_REGION_ALIAS &&
				 d->nargs == 2) {
				region_known |= !strcmp(d->args[0], region);
				alias_taken |= !strcmp(d->args[0], alias);
			}
		}
		const char *why = NULL;
		if (!strcmp(alias, "*default*") || !strcmp(region, "*default*"))
			why = "an alias for the default memory region";
		else if (alias_taken)
			why = "the name is a memory region or alias already "
			      "(redefinition of memory region alias)";
		else if (!region_known)
			why = "no memory region of that name is defined before "
			      "it";
		if (!why)
			continue;
		if (!vl_diags_add(
			out, VL_RULE_SCRIPT_ERROR, c->loc.file, c->loc.line,
			c->loc.column,
			"REGION_ALIAS(%s, %s): %s, which GNU ld refuses%s",
			alias, region, why,
			!strcmp(alias, "*default*") ||
				!strcmp(region, "*default*")
			    ? " (lld 14 accepts it)"
			    : ""))
			return -1;
		found++;
	}
	return found;
}

static int errors_of(const space *s, const sp_owner *o, vl_diags *out)
{
	int found = facts(s, o, LS_FACT_ERROR, out);
	int room = found < 0 ? -1 : headers_room(o, out);
	int order = room < 0 ? -1 : headers_order(o, out);
	int alias = order < 0 ? -1 : region_aliases(o, out);

	return alias < 0 ? -1 : found + room + order + alias;
}

static int backwards_of(const space *s, const sp_owner *o, vl_diags *out)
{
	return facts(s, o, LS_FACT_BACKWARDS, out);
}

static int asserts_of(const space *s, const sp_owner *o, vl_diags *out)
{
	return facts(s, o, LS_FACT_ASSERT_FAILED, out);
}

int ls_check_errors(const space *s, vl_diags *out)
{
	return each_script(s, errors_of, out);
}

int ls_check_backwards(const space *s, vl_diags *out)
{
	return each_script(s, backwards_of, out);
}

int ls_check_asserts(const space *s, vl_diags *out)
{
	return each_script(s, asserts_of, out);
}

/* ---- MEMORY regions ---- */

/* The MEMORY range a section was put in (>region), or NULL.  Overlay
 * members share the overlay's address and are not checked one by one. */
static const sp_range *memory_of(const space *s, const sp_range *x)
{
	if (x->kind != SP_SECTION || !x->memory || x->sec->in_overlay)
		return NULL;
	return &s->v[x->memory - 1];
}

/* The end of a MEMORY range as messages print it. */
static const char *memory_end(const sp_range *m, char buf[VA_HEX_LEN])
{
	return m->to_top ? "0x10000000000000000" : va_hex(m->range.end, buf);
}

/* The section lies in its region: at or above ORIGIN, and at or below the
 * end (an empty section may sit at the end exactly). */
static bool starts_inside(const sp_range *x, const sp_range *m)
{
	return x->range.start >= m->range.start &&
	       (m->to_top || x->range.start <= m->range.end);
}

int ls_check_outside_region(const space *s, vl_diags *out)
{
	char end[VA_HEX_LEN];
	int found = 0;

	for (size_t i = 0; i < s->n; i++) {
		const sp_range *x = &s->v[i], *m = memory_of(s, x);
		if (!m || starts_inside(x, m))
			continue;
		if (!vl_diags_add(out, VL_RULE_OUTSIDE_REGION, x->origin.file,
				  x->origin.line, x->origin.column,
				  "section %s at 0x%" PRIx64
				  " lies outside memory region %s [0x%" PRIx64
				  ", %s)",
				  x->name, x->range.start, m->name,
				  m->range.start, memory_end(m, end)))
			return -1;
		found++;
	}
	return found;
}

int ls_check_region_overflow(const space *s, vl_diags *out)
{
	int found = 0;

	for (size_t i = 0; i < s->n; i++) {
		const sp_range *x = &s->v[i], *m = memory_of(s, x);
		if (!m || !starts_inside(x, m) || m->to_top || !x->size_known ||
		    x->range.end <= m->range.end)
			continue;
		if (!vl_diags_add(out, VL_RULE_REGION_OVERFLOW, x->origin.file,
				  x->origin.line, x->origin.column,
				  "section %s [0x%" PRIx64 ", 0x%" PRIx64
				  ") overflows memory region %s [0x%" PRIx64
				  ", 0x%" PRIx64 ") by %" PRIu64 " bytes",
				  x->name, x->range.start, x->range.end,
				  m->name, m->range.start, m->range.end,
				  x->range.end - m->range.end))
			return -1;
		found++;
	}
	return found;
}

/* ---- section-overlap ---- */

/* A section as the overlap check sees it: in addresses (k 0) or load
 * addresses (k 1). */
typedef struct sec_at {
	const sp_range *x;
	size_t i; /* position among the script's sections */
	va_range r;
} sec_at;

typedef struct sec_pair {
	const sec_at *a, *b; /* a comes first among the sections */
	int k;
} sec_pair;

static int sec_at_cmp(const void *pa, const void *pb)
{
	const sec_at *a = pa, *b = pb;

	if (a->r.start != b->r.start)
		return a->r.start < b->r.start ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

static int sec_pair_cmp(const void *pa, const void *pb)
{
	const sec_pair *a = pa, *b = pb;

	if (a->a->i != b->a->i)
		return a->a->i < b->a->i ? -1 : 1;
	if (a->b->i != b->b->i)
		return a->b->i < b->b->i ? -1 : 1;
	return a->k - b->k;
}

/* The sections of o whose range (k 0) or load range (k 1) takes part. */
static size_t sections_at(const space *s, const sp_owner *o, int k, sec_at *v)
{
	size_t n = 0, pos = 0;

	for (size_t i = o->first; i < o->first + o->n; i++) {
		const sp_range *x = &s->v[i];
		uint64_t size = va_range_size(x->range);
		if (x->kind != SP_SECTION)
			continue;
		pos++;
		/* A .tbss takes no addresses of its own. */
		if (!x->size_known || !size || x->sec->tls_bss)
			continue;
		va_range r = x->range;
		if (k == 1 && (!x->has_lma || !x->sec->load ||
			       !va_range_from_size(x->lma, size, &r)))
			continue;
		v[n++] = (sec_at){x, pos - 1, r};
	}
	return n;
}

/* Every overlapping pair, by a sweep in address order; overlay members
 * share addresses on purpose. */
static bool overlap_pairs(const sec_at *v, size_t n, int k, sec_pair **pairs,
			  size_t *npairs, size_t *cap)
{
	for (size_t x = 0; x < n; x++)
		for (size_t y = x + 1; y < n && v[y].r.start < v[x].r.end;
		     y++) {
			if (k == 0 && v[x].x->sec->in_overlay &&
			    v[y].x->sec->in_overlay)
				continue;
			if (*npairs == *cap) {
				size_t c = *cap ? 2 * *cap : 16;
				sec_pair *p = realloc(*pairs, c * sizeof(*p));
				if (!p)
					return false;
				*pairs = p;
				*cap = c;
			}
			bool xa = v[x].i < v[y].i;
			(*pairs)[(*npairs)++] = (sec_pair){
			    xa ? &v[x] : &v[y], xa ? &v[y] : &v[x], k};
		}
	return true;
}

static int report_pair(const sec_at *a, const sec_at *b, int k, vl_diags *out)
{
	static const char *const what[2] = {"addresses", "load addresses"};
	src_loc at = b->x->origin.file ? b->x->origin : a->x->origin;
	vl_diag *d = vl_diags_add(
	    out, VL_RULE_SECTION_OVERLAP, at.file, at.line, at.column,
	    "section %s [0x%" PRIx64 ", 0x%" PRIx64 ") overlaps section %s "
	    "[0x%" PRIx64 ", 0x%" PRIx64 ") in %s",
	    b->x->name, b->r.start, b->r.end, a->x->name, a->r.start, a->r.end,
	    what[k]);

	if (!d || !vl_diag_set_object(d, "section", b->x->name, b->r) ||
	    !vl_diag_set_region(d, a->x->name, a->r))
		return -1;
	return 1;
}

static int section_overlap_of(const space *s, const sp_owner *o, vl_diags *out)
{
	sec_at *v[2] = {calloc(o->n + 1, sizeof(sec_at)),
			calloc(o->n + 1, sizeof(sec_at))};
	sec_pair *pairs = NULL;
	size_t n[2], npairs = 0, cap = 0;
	int found = -1;

	if (!v[0] || !v[1])
		goto out;
	for (int k = 0; k < 2; k++) {
		n[k] = sections_at(s, o, k, v[k]);
		qsort(v[k], n[k], sizeof(sec_at), sec_at_cmp);
		if (!overlap_pairs(v[k], n[k], k, &pairs, &npairs, &cap))
			goto out;
	}
	/* In the linker's order: by the earlier section, then the later,
	 * addresses before load addresses. */
	if (npairs)
		qsort(pairs, npairs, sizeof(*pairs), sec_pair_cmp);
	found = 0;
	for (size_t p = 0; p < npairs; p++) {
		if (report_pair(pairs[p].a, pairs[p].b, pairs[p].k, out) < 0) {
			found = -1;
			goto out;
		}
		found++;
	}
out:
	free(v[0]);
	free(v[1]);
	free(pairs);
	return found;
}

int ls_check_section_overlap(const space *s, vl_diags *out)
{
	return each_script(s, section_overlap_of, out);
}

/* ---- The script as written ---- */

static int portability_of(const space *s, const sp_owner *o, vl_diags *out)
{
	(void)s;
	return ls_portability_link(o->script, o->eval, o->path, out);
}

int ls_check_portability(const space *s, vl_diags *out)
{
	return each_script(s, portability_of, out);
}

/* The base is implicit when nothing sets where the first allocated section
 * goes: no '.' assignment before it, no address of its own or of its
 * OVERLAY, no MEMORY region, no -Ttext or --section-start.  Both GNU ld
 * and lld then start the image at 0. */
static int implicit_base_of(const space *s, const sp_owner *o, vl_diags *out)
{
	const ls_eval *ev = o->eval;
	const ls_out_section *first = NULL;

	(void)s;
	for (size_t i = 0; i < ev->nsections && !first; i++)
		if (ev->sections[i].def && ev->sections[i].alloc)
			first = &ev->sections[i];
	if (ev->has_base || !first || first->addr_from != LS_ADDR_DOT)
		return 0;
	return vl_diags_add(out, VL_RULE_IMPLICIT_BASE, o->path, 1, 1,
			    "the script sets no base address: GNU ld and lld "
			    "both start the image at 0 (set it with '. = "
			    "ADDRESS;' before the first section, or link with "
			    "-Ttext=ADDRESS)")
		   ? 1
		   : -1;
}

int ls_check_implicit_base(const space *s, vl_diags *out)
{
	return each_script(s, implicit_base_of, out);
}

/* One note for all that could not be determined: the count, the first
 * few, and what would tell. */
static int undetermined_of(const space *s, const sp_owner *o, vl_diags *out)
{
	const ls_eval *ev = o->eval;
	size_t shown = ev->nundetermined < 4 ? ev->nundetermined : 4;
	char *list = strdup("");

	(void)s;
	if (!ev->nundetermined) {
		free(list);
		return 0;
	}
	for (size_t i = 0; list && i < shown; i++) {
		char *more = vl_strprintf("%s%s%s", list, i ? ", " : "",
					  ev->undetermined[i].what);
		free(list);
		list = more;
	}
	if (!list)
		return -1;
	const ls_undetermined *first = &ev->undetermined[0];
	vl_diag *d = vl_diags_add(
	    out, VL_RULE_UNDETERMINED,
	    first->loc.file ? first->loc.file : o->path, first->loc.line,
	    first->loc.column, "%zu value%s could not be determined (%s%s): %s",
	    ev->nundetermined, ev->nundetermined == 1 ? "" : "s", list,
	    ev->nundetermined > shown ? ", ..." : "", first->why);
	free(list);
	return d ? 1 : -1;
}

int ls_check_undetermined(const space *s, vl_diags *out)
{
	return each_script(s, undetermined_of, out);
}
