#include "contents.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

/* ---- Merging SHF_MERGE sections ----
 *
 * GNU ld merges the SHF_MERGE sections that go to one output section and
 * agree on being strings or not, on the entry size and on the alignment:
 * one group.  Each distinct entry is kept once, in the input section it
 * was first seen in; each input section keeps only the entries first seen
 * in it, laid out in the order they were seen, and one that keeps none is
 * dropped.  Strings are kept at the alignment their offset in the input
 * had (at most the section's), and a string that ends a longer one,
 * compatibly aligned, becomes that one's tail (bfd/merge.c). */

typedef struct entry {
	const unsigned char *bytes;
	size_t len;	/* with the terminator; 0 once superseded */
	uint64_t align; /* 0: not laid out (superseded, or a tail) */
	size_t sec;	/* index into the group's sections */
} entry;

typedef struct group {
	size_t *secs; /* indices into the caller's lc_section array */
	size_t nsecs, cap;
	long out;
	bool strings;
	uint64_t entsize, align;
} group;

typedef struct table {
	entry *e; /* in the order first seen */
	size_t n, cap;
	size_t *slot; /* entry index + 1 of the live entry; 0: empty */
	size_t nslots;
} table;

static uint64_t hash_bytes(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3u;
	return h;
}

static bool table_grow(table *t)
{
	size_t n = t->nslots ? 2 * t->nslots : 64;
	size_t *slot = calloc(n, sizeof(*slot));

	if (!slot)
		return false;
	for (size_t i = 0; i < t->nslots; i++) {
		if (!t->slot[i])
			continue;
		const entry *x = &t->e[t->slot[i] - 1];
		size_t k = hash_bytes(x->bytes, x->len) & (n - 1);
		while (slot[k])
			k = (k + 1) & (n - 1);
		slot[k] = t->slot[i];
	}
	free(t->slot);
	t->slot = slot;
	t->nslots = n;
	return true;
}

/* The slot for bytes[0, len): the live entry's, or the empty one. */
static size_t *table_slot(const table *t, const unsigned char *bytes,
			  size_t len)
{
	size_t k = hash_bytes(bytes, len) & (t->nslots - 1);

	for (;; k = (k + 1) & (t->nslots - 1)) {
		size_t *s = &t->slot[k];
		if (!*s)
			return s;
		const entry *x = &t->e[*s - 1];
		if (x->len == len && !memcmp(x->bytes, bytes, len))
			return s;
	}
}

/* Record an entry seen in section sec at the given alignment: as ld does,
 * an equal entry kept at less alignment is superseded by a new one. */
static bool table_add(table *t, const unsigned char *bytes, size_t len,
		      uint64_t align, size_t sec)
{
	if (2 * (t->n + 1) > t->nslots && !table_grow(t))
		return false;
	size_t *s = table_slot(t, bytes, len);
	if (*s) {
		entry *x = &t->e[*s - 1];
		if (x->align >= align)
			return true;
		x->len = 0;
		x->align = 0;
	}
	if (!vl_grow((void **)&t->e, &t->cap, t->n, sizeof(*t->e)))
		return false;
	t->e[t->n] = (entry){bytes, len, align, sec};
	*s = ++t->n;
	return true;
}

/* Whether the entsize bytes at p are all zero: a string's terminator. */
static bool zero_unit(const unsigned char *p, uint64_t entsize)
{
	for (uint64_t i = 0; i < entsize; i++)
		if (p[i])
			return false;
	return true;
}

/* The entries of one input section (bfd's record_section).  data has
 * entsize zero bytes past the section, so a last string without its
 * terminator ends there, as in ld. */
static bool record(table *t, const group *g, const unsigned char *data,
		   uint64_t size, size_t sec)
{
	uint64_t mask = g->align - 1;
	bool nul = false;

	if (!g->strings) {
		for (uint64_t p = 0; p < size; p += g->entsize)
			if (!table_add(t, data + p, g->entsize, 1, sec))
				return false;
		return true;
	}
	for (uint64_t p = 0; p < size;) {
		/* Aligned as its offset is, at most as the section. */
		uint64_t a = p & -p;
		if (!a || a > mask)
			a = mask + 1;
		uint64_t len = 0;
		while (!zero_unit(data + p + len, g->entsize))
			len += g->entsize;
		len += g->entsize;
		if (!table_add(t, data + p, len, a, sec))
			return false;
		p += len;
		/* Zero units between strings: one empty string per section,
		 * recorded at the first aligned one. */
		for (; p < size && zero_unit(data + p, g->entsize);
		     p += g->entsize)
			if (!nul && !(p & mask)) {
				nul = true;
				if (!table_add(t, data + p, g->entsize,
					       mask + 1, sec))
					return false;
			}
	}
	return true;
}

typedef struct sort_ctx {
	uint64_t entsize;
	bool by_align; /* every string has one alignment, above entsize */
} sort_ctx;

/* Strings compared from their ends (without terminators), so a tail
 * sorts right before the strings it ends; ld's strrevcmp and, when every
 * string has one alignment larger than a character, strrevcmp_align. */
static int cmp_reversed(const void *pa, const void *pb, void *arg)
{
	const sort_ctx *how = arg;
	const entry *a = *(const entry *const *)pa;
	const entry *b = *(const entry *const *)pb;
	size_t la = a->len - how->entsize, lb = b->len - how->entsize;

	if (how->by_align) {
		long d =
		    (long)(la & (a->align - 1)) - (long)(lb & (a->align - 1));
		if (d)
			return d < 0 ? -1 : 1;
	}
	for (size_t i = 1; i <= la && i <= lb; i++) {
		int d = (int)a->bytes[la - i] - (int)b->bytes[lb - i];
		if (d)
			return d;
	}
	return la < lb ? -1 : la > lb;
}

static bool is_tail(const entry *longer, const entry *x)
{
	return longer->len > x->len &&
	       !memcmp(longer->bytes + longer->len - x->len, x->bytes, x->len);
}

/* Strings that end another kept string, at an offset their alignment
 * allows, are not laid out of their own. */
static bool merge_tails(table *t, uint64_t entsize)
{
	entry **v = malloc((t->n ? t->n : 1) * sizeof(*v));
	size_t n = 0;
	uint64_t align = 0;
	bool mixed = false;

	if (!v)
		return false;
	for (size_t i = 0; i < t->n; i++) {
		if (!t->e[i].align)
			continue;
		v[n++] = &t->e[i];
		mixed |= align && align != t->e[i].align;
		align = t->e[i].align;
	}
	sort_ctx how = {entsize, !mixed && align > entsize};
	qsort_r(v, n, sizeof(*v), cmp_reversed, &how);
	entry *keep = n ? v[n - 1] : NULL;
	for (size_t i = n - 1; n && i-- > 0;) {
		entry *x = v[i];
		if (keep->align >= x->align &&
		    !((keep->len - x->len) & (x->align - 1)) &&
		    is_tail(keep, x))
			x->align = 0;
		else
			keep = x;
	}
	free(v);
	return true;
}

/* Each section's size from the entries it keeps (bfd's merge_strings
 * and _bfd_merge_sections). */
static void lay_out(const table *t, const group *g, lc_section *secs, bool pad)
{
	bool *first = calloc(g->nsecs, sizeof(*first));
	uint64_t size = 0;
	size_t cur = t->e[0].sec;

	for (size_t i = 0; i < t->n; i++) {
		const entry *x = &t->e[i];
		if (x->sec != cur) {
			secs[g->secs[cur]].size = size;
			cur = x->sec;
		}
		if (!x->align)
			continue;
		if (first && !first[x->sec]) {
			first[x->sec] = true;
			size = 0;
		}
		size = (size + x->align - 1) & ~(x->align - 1);
		size += x->len;
	}
	secs[g->secs[cur]].size = size;
	/* Inputs whose sizes were whole multiples of their alignment: the
	 * last one is padded out too. */
	if (pad)
		secs[g->secs[cur]].size =
		    (size + g->align - 1) & ~(g->align - 1);
	for (size_t k = 0; first && k < g->nsecs; k++)
		secs[g->secs[k]].excluded = !first[k];
	free(first);
}

static bool merge_group(lc_section *secs, group *g)
{
	table t = {0};
	unsigned char **bufs = calloc(g->nsecs, sizeof(*bufs));
	bool ok = bufs != NULL, pad = true;

	for (size_t k = 0; ok && k < g->nsecs; k++) {
		const image_section *s = secs[g->secs[k]].sec;
		bufs[k] = calloc(s->ndata + g->entsize, 1);
		if (!bufs[k]) {
			ok = false;
			break;
		}
		memcpy(bufs[k], s->data, s->ndata);
		ok = record(&t, g, bufs[k], s->ndata, k);
		pad &= !(s->ndata & (g->align - 1));
	}
	if (ok && t.n) {
		if (g->strings)
			ok = merge_tails(&t, g->entsize);
		if (ok)
			lay_out(&t, g, secs, pad);
	}
	for (size_t k = 0; bufs && k < g->nsecs; k++)
		free(bufs[k]);
	free(bufs);
	free(t.e);
	free(t.slot);
	return ok;
}

/* What bfd's _bfd_add_merge_section takes: contents whose size is a whole
 * number of entries, no relocations, and an alignment the entry size
 * agrees with. */
static bool mergeable(const lc_section *c)
{
	const image_section *s = c->sec;
	uint64_t a = s->align;

	if (c->out < 0 || !(s->flags & SHF_MERGE) || !s->entsize || !s->data ||
	    !s->ndata || s->ndata % s->entsize || s->relocated ||
	    a > UINT32_MAX)
		return false;
	if (s->entsize < a &&
	    ((s->entsize & (s->entsize - 1)) || !(s->flags & SHF_STRINGS)))
		return false;
	return !(s->entsize > a && (s->entsize & (a - 1)));
}

static int cmp_key(const lc_section *a, const lc_section *b)
{
	bool sa = a->sec->flags & SHF_STRINGS, sb = b->sec->flags & SHF_STRINGS;

	if (a->out != b->out)
		return a->out < b->out ? -1 : 1;
	if (sa != sb)
		return sa < sb ? -1 : 1;
	if (a->sec->entsize != b->sec->entsize)
		return a->sec->entsize < b->sec->entsize ? -1 : 1;
	if (a->sec->align != b->sec->align)
		return a->sec->align < b->sec->align ? -1 : 1;
	return 0;
}

static int cmp_index(const void *pa, const void *pb, void *arg)
{
	const lc_section *secs = arg;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int d = cmp_key(&secs[a], &secs[b]);

	return d ? d : (a > b) - (a < b);
}

bool lc_merge(lc_section *secs, size_t n)
{
	size_t *order = malloc((n ? n : 1) * sizeof(*order)), m = 0;
	bool ok = order != NULL;

	for (size_t i = 0; ok && i < n; i++)
		if (mergeable(&secs[i]))
			order[m++] = i;
	/* Groups by key, each in link order. */
	if (ok)
		qsort_r(order, m, sizeof(*order), cmp_index, secs);
	for (size_t i = 0; ok && i < m;) {
		size_t j = i + 1;
		while (j < m && !cmp_key(&secs[order[i]], &secs[order[j]]))
			j++;
		const image_section *s = secs[order[i]].sec;
		group g = {order + i,
			   j - i,
			   0,
			   secs[order[i]].out,
			   (s->flags & SHF_STRINGS) != 0,
			   s->entsize,
			   s->align};
		ok = merge_group(secs, &g);
		i = j;
	}
	free(order);
	return ok;
}

uint64_t lc_strtab_size(const char *const *names, size_t n, bool *oom)
{
	table t = {0};
	uint64_t size = 1;
	bool ok = true;

	for (size_t i = 0; ok && i < n; i++)
		ok = table_add(&t, (const unsigned char *)names[i],
			       strlen(names[i]) + 1, 1, 0);
	if (ok && t.n)
		ok = merge_tails(&t, 1);
	for (size_t i = 0; ok && i < t.n; i++)
		if (t.e[i].align)
			size += t.e[i].len;
	free(t.e);
	free(t.slot);
	*oom = !ok;
	return size;
}

/* ---- Editing .eh_frame ----
 *
 * An input .eh_frame is a list of CIEs and FDEs.  ld keeps an FDE unless
 * the code it describes is discarded, keeps a CIE only when a kept FDE
 * uses it and no equal CIE was kept before, drops the padding (DW_CFA_nop)
 * at the end of each entry, and lays the kept ones out again.  A section
 * it cannot parse is left as it is. */

#define DW_EH_PE_omit	 0xff
#define DW_EH_PE_aligned 0x50

typedef struct cie {
	size_t offset; /* in its section */
	uint64_t length;
	unsigned version;
	char aug[20];
	uint64_t code_align, ra, aug_size;
	int64_t data_align;
	unsigned per_enc, lsda_enc, fde_enc;
	/* The personality routine: a global symbol's name, or a local one
	 * as (file, symbol index). */
	const char *per_global;
	const image *per_file;
	size_t per_sym;
	bool per_local;
	const unsigned char *insns;
	size_t ninsns;
	bool aligned8;
	/* During discarding: kept, and the CIE it was merged into. */
	bool kept;
	struct cie *merged;
} cie;

typedef struct fde_ent {
	size_t offset, size;
	bool is_cie, terminator, removed;
	size_t cie;	       /* an FDE's CIE: index into the section's */
	const image_reloc *at; /* an FDE's relocation at its initial location */
	bool dropped;	       /* an FDE with no code at all */
} fde_ent;

typedef struct eh_sec {
	fde_ent *ent;
	size_t nent;
	cie *cies;
	size_t ncies;
	unsigned ptr;
} eh_sec;

typedef struct reader {
	const unsigned char *d;
	size_t pos, end;
	bool big;
} reader;

static bool rd_skip(reader *r, uint64_t n)
{
	if (n > r->end - r->pos)
		return false;
	r->pos += n;
	return true;
}

static bool rd_byte(reader *r, unsigned *v)
{
	if (r->pos >= r->end)
		return false;
	*v = r->d[r->pos++];
	return true;
}

static uint64_t get_value(const unsigned char *p, unsigned width, bool big)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < width; i++)
		v |= (uint64_t)p[big ? width - 1 - i : i] << (8 * i);
	return v;
}

static bool rd_u32(reader *r, uint32_t *v)
{
	if (r->end - r->pos < 4)
		return false;
	*v = (uint32_t)get_value(r->d + r->pos, 4, r->big);
	r->pos += 4;
	return true;
}

static bool rd_uleb(reader *r, uint64_t *v)
{
	unsigned shift = 0, b;

	*v = 0;
	do {
		if (!rd_byte(r, &b))
			return false;
		if (shift < 64)
			*v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	return true;
}

static bool rd_sleb(reader *r, int64_t *v)
{
	unsigned shift = 0, b;
	uint64_t u = 0;

	do {
		if (!rd_byte(r, &b))
			return false;
		if (shift < 64)
			u |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	if (shift < 64 && (b & 0x40))
		u |= ~(uint64_t)0 << shift;
	*v = (int64_t)u;
	return true;
}

static unsigned pe_width(unsigned enc, unsigned ptr)
{
	if ((enc & 0x60) == 0x60)
		return 0;
	switch (enc & 7) {
	case 2:
		return 2;
	case 3:
		return 4;
	case 4:
		return 8;
	case 0:
		return ptr;
	default:
		return 0;
	}
}

/* One DW_CFA instruction; false for one ld does not know. */
static bool skip_cfa(reader *r, unsigned ptr)
{
	unsigned op;
	uint64_t n;

	if (!rd_byte(r, &op))
		return false;
	switch (op & 0xc0 ? op & 0xc0 : op) {
	case 0x00: /* nop */
	case 0x40: /* advance_loc */
	case 0xc0: /* restore */
	case 0x0a: /* remember_state */
	case 0x0b: /* restore_state */
	case 0x2d: /* GNU_window_save */
		return true;
	case 0x80: /* offset */
	case 0x06: /* restore_extended */
	case 0x07: /* undefined */
	case 0x08: /* same_value */
	case 0x0d: /* def_cfa_register */
	case 0x0e: /* def_cfa_offset */
	case 0x13: /* def_cfa_offset_sf */
	case 0x2e: /* GNU_args_size */
		return rd_uleb(r, &n);
	case 0x14: /* val_offset */
	case 0x15: /* val_offset_sf */
	case 0x05: /* offset_extended */
	case 0x09: /* register */
	case 0x0c: /* def_cfa */
	case 0x11: /* offset_extended_sf */
	case 0x2f: /* GNU_negative_offset_extended */
	case 0x12: /* def_cfa_sf */
		return rd_uleb(r, &n) && rd_uleb(r, &n);
	case 0x0f: /* def_cfa_expression */
		return rd_uleb(r, &n) && rd_skip(r, n);
	case 0x10: /* expression */
	case 0x16: /* val_expression */
		return rd_uleb(r, &n) && rd_uleb(r, &n) && rd_skip(r, n);
	case 0x01: /* set_loc */
		return rd_skip(r, ptr);
	case 0x02: /* advance_loc1 */
		return rd_skip(r, 1);
	case 0x03: /* advance_loc2 */
		return rd_skip(r, 2);
	case 0x04: /* advance_loc4 */
		return rd_skip(r, 4);
	case 0x1d: /* MIPS_advance_loc8 */
		return rd_skip(r, 8);
	default:
		return false;
	}
}

/* Where the instructions in [pos, end) stop being padding: after the
 * last one that is not a nop.  False when one is not understood;
 * *set_loc counts DW_CFA_set_loc. */
static bool insns_end(const reader *in, size_t pos, size_t end, unsigned ptr,
		      size_t *last, unsigned *set_loc)
{
	reader r = {in->d, pos, end, in->big};

	*last = pos;
	while (r.pos < end) {
		if (r.d[r.pos] == 0) {
			r.pos++;
			continue;
		}
		*set_loc += r.d[r.pos] == 0x01;
		if (!skip_cfa(&r, ptr))
			return false;
		*last = r.pos;
	}
	return true;
}

/* The relocations of the section from *rel on, by offset. */
typedef struct relocs {
	const image_reloc *r;
	size_t n, i;
} relocs;

/* No relocation before off, but those of no symbol (ld's
 * ENSURE_NO_RELOCS). */
static bool no_relocs(relocs *rl, size_t off)
{
	for (; rl->i < rl->n && rl->r[rl->i].offset < off; rl->i++)
		if (rl->r[rl->i].sym)
			return false;
	return true;
}

static void skip_relocs(relocs *rl, size_t off)
{
	while (rl->i < rl->n && rl->r[rl->i].offset < off)
		rl->i++;
}

static const image_reloc *reloc_at(const relocs *rl, size_t off)
{
	return rl->i < rl->n && rl->r[rl->i].offset == off ? &rl->r[rl->i]
							   : NULL;
}

#define REQUIRE(c)                                                             \
	do {                                                                   \
		if (!(c))                                                      \
			return false;                                          \
	} while (0)

/* A CIE's fields, as _bfd_elf_parse_eh_frame reads them; r is past its
 * CIE id, and e is its entry. */
static bool parse_cie(reader *r, relocs *rl, const lc_section *c, unsigned ptr,
		      cie *ci)
{
	unsigned b;

	REQUIRE(rd_byte(r, &ci->version));
	REQUIRE(ci->version == 1 || ci->version == 3 || ci->version == 4);
	const unsigned char *nul = memchr(r->d + r->pos, 0, r->end - r->pos);
	REQUIRE(nul && (size_t)(nul - (r->d + r->pos)) < sizeof(ci->aug));
	memcpy(ci->aug, r->d + r->pos, (size_t)(nul - (r->d + r->pos)) + 1);
	r->pos = (size_t)(nul - r->d) + 1;
	REQUIRE(no_relocs(rl, r->pos));
	bool eh = ci->aug[0] == 'e' && ci->aug[1] == 'h';
	if (eh) {
		REQUIRE(rd_skip(r, ptr));
		skip_relocs(rl, r->pos);
	}
	if (ci->version >= 4) {
		REQUIRE(r->end - r->pos > 1);
		REQUIRE(r->d[r->pos] == ptr && r->d[r->pos + 1] == 0);
		r->pos += 2;
	}
	REQUIRE(rd_uleb(r, &ci->code_align) && rd_sleb(r, &ci->data_align));
	if (ci->version == 1) {
		REQUIRE(rd_byte(r, &b));
		ci->ra = b;
	} else
		REQUIRE(rd_uleb(r, &ci->ra));
	REQUIRE(no_relocs(rl, r->pos));
	ci->lsda_enc = ci->fde_enc = ci->per_enc = DW_EH_PE_omit;
	const char *aug = ci->aug;
	if (!eh) {
		if (*aug == 'z') {
			aug++;
			REQUIRE(rd_uleb(r, &ci->aug_size));
			REQUIRE(no_relocs(rl, r->pos));
		}
		for (; *aug; aug++)
			switch (*aug) {
			case 'B':
			case 'S':
				break;
			case 'L':
				REQUIRE(rd_byte(r, &ci->lsda_enc));
				REQUIRE(no_relocs(rl, r->pos));
				REQUIRE(pe_width(ci->lsda_enc, ptr));
				break;
			case 'R':
				REQUIRE(rd_byte(r, &ci->fde_enc));
				REQUIRE(no_relocs(rl, r->pos));
				REQUIRE(pe_width(ci->fde_enc, ptr));
				break;
			case 'P': {
				REQUIRE(rd_byte(r, &ci->per_enc));
				unsigned w = pe_width(ci->per_enc, ptr);
				REQUIRE(w);
				if ((ci->per_enc & 0x70) == DW_EH_PE_aligned) {
					REQUIRE(rd_skip(r, -r->pos & (w - 1)));
					ci->aligned8 = w == 8;
				}
				REQUIRE(no_relocs(rl, r->pos));
				const image_reloc *rel = reloc_at(rl, r->pos);
				REQUIRE(rel);
				ci->per_global = rel->global;
				ci->per_local = !rel->global;
				ci->per_file = c->file;
				ci->per_sym = rel->sym;
				while (reloc_at(rl, r->pos))
					rl->i++;
				REQUIRE(rd_skip(r, w));
				break;
			}
			default:
				return false;
			}
	}
	if (ci->fde_enc == DW_EH_PE_omit)
		ci->fde_enc = 0;
	ci->insns = r->d + r->pos;
	ci->ninsns = r->end - r->pos;
	r->pos = r->end;
	return no_relocs(rl, r->pos);
}

/* An FDE's fields; r is past its CIE pointer. */
static bool parse_fde(reader *r, relocs *rl, const cie *ci, unsigned ptr,
		      fde_ent *e)
{
	REQUIRE(no_relocs(rl, r->pos));
	e->at = reloc_at(rl, r->pos);
	REQUIRE(e->at);
	unsigned w = pe_width(ci->fde_enc, ptr);
	REQUIRE(rd_skip(r, 2 * (uint64_t)w));
	skip_relocs(rl, r->pos - w);
	/* An address range of 0 with nothing to relocate it: no code. */
	e->dropped = !reloc_at(rl, r->pos - w) &&
		     !get_value(r->d + r->pos - w, w, r->big);
	uint64_t n = 0;
	if (ci->aug[0] == 'z')
		REQUIRE(rd_uleb(r, &n));
	if (ci->lsda_enc != DW_EH_PE_omit) {
		skip_relocs(rl, r->pos);
		if (ci->aug[0] != 'z')
			n = r->end - r->pos;
	}
	REQUIRE(rd_skip(r, n));
	return true;
}

/* The entries of one input .eh_frame, with their sizes less the padding
 * at their ends; false if ld would not edit it. */
static bool parse_eh(const lc_section *c, eh_sec *es)
{
	const image_section *s = c->sec;
	reader r = {s->data, 0, s->ndata, c->file->data == ELFDATA2MSB};
	relocs rl = {s->relocs, s->nrelocs, 0};
	size_t n = 0, ncie = 0;
	uint32_t len, id;

	es->ptr = c->file->elfclass == ELFCLASS64 ? 8 : 4;
	/* Count the entries first. */
	while (r.pos != r.end) {
		n++;
		REQUIRE(rd_u32(&r, &len) && len != 0xffffffffu);
		if (!len)
			break;
		REQUIRE(rd_u32(&r, &id));
		ncie += !id;
		REQUIRE(rd_skip(&r, (uint64_t)len - 4));
	}
	es->ent = calloc(n ? n : 1, sizeof(*es->ent));
	es->cies = calloc(ncie ? ncie : 1, sizeof(*es->cies));
	REQUIRE(es->ent && es->cies);
	r.pos = 0;
	while (r.pos != r.end) {
		fde_ent *e = &es->ent[es->nent];
		size_t off = r.pos;
		REQUIRE(rd_u32(&r, &len));
		REQUIRE((uint64_t)len <= r.end - r.pos);
		reader in = {r.d, r.pos, r.pos + len, r.big};
		e->offset = off;
		e->size = 4 + (size_t)len;
		if (!len) {
			/* Terminators, only at the end. */
			while (rd_u32(&r, &len))
				REQUIRE(!len);
			REQUIRE(r.pos == r.end && no_relocs(&rl, r.pos));
			e->terminator = true;
			e->removed = true;
			es->nent++;
			break;
		}
		REQUIRE(rd_u32(&in, &id));
		const cie *ci;
		size_t insns;
		if (!id) {
			cie *nc = &es->cies[es->ncies++];
			nc->offset = off;
			nc->length = len;
			REQUIRE(parse_cie(&in, &rl, c, es->ptr, nc));
			e->is_cie = true;
			e->cie = es->ncies - 1;
			ci = nc;
			insns = (size_t)(nc->insns - r.d);
		} else {
			size_t k = 0;
			REQUIRE(off + 4 >= id);
			while (k < es->ncies &&
			       es->cies[k].offset != off + 4 - id)
				k++;
			REQUIRE(k < es->ncies);
			e->cie = k;
			ci = &es->cies[k];
			REQUIRE(parse_fde(&in, &rl, ci, es->ptr, e));
			insns = in.pos;
			in.pos = in.end;
			skip_relocs(&rl, in.pos);
		}
		size_t last;
		unsigned set_loc = 0;
		REQUIRE(insns_end(&r, insns, in.end,
				  pe_width(ci->fde_enc, es->ptr), &last,
				  &set_loc));
		REQUIRE(!(set_loc && e->is_cie));
		e->size -= in.end - last;
		if (e->is_cie) {
			cie *nc = &es->cies[e->cie];
			nc->ninsns -= in.end - last;
			nc->length -= in.end - last;
		}
		e->removed = true;
		r.pos = in.end;
		es->nent++;
	}
	return true;
}

static bool cie_equal(const cie *a, const cie *b)
{
	return a->length == b->length && a->version == b->version &&
	       a->per_local == b->per_local && !strcmp(a->aug, b->aug) &&
	       strcmp(a->aug, "eh") && a->code_align == b->code_align &&
	       a->data_align == b->data_align && a->ra == b->ra &&
	       a->aug_size == b->aug_size &&
	       (a->per_local
		    ? a->per_file == b->per_file && a->per_sym == b->per_sym
		    : !a->per_global == !b->per_global &&
			  (!a->per_global ||
			   !strcmp(a->per_global, b->per_global))) &&
	       a->per_enc == b->per_enc && a->lsda_enc == b->lsda_enc &&
	       a->fde_enc == b->fde_enc && a->ninsns == b->ninsns &&
	       a->ninsns <= 50 && !memcmp(a->insns, b->insns, a->ninsns);
}

static uint64_t cie_hash(const cie *c)
{
	uint64_t f[] = {c->length,
			c->version,
			c->code_align,
			(uint64_t)c->data_align,
			c->ra,
			c->aug_size,
			c->per_enc,
			c->lsda_enc,
			c->fde_enc,
			c->ninsns,
			c->per_local ? c->per_sym : 0};
	uint64_t h = hash_bytes((const unsigned char *)f, sizeof(f));

	h ^= hash_bytes((const unsigned char *)c->aug, strlen(c->aug));
	if (c->per_global)
		h ^= 31 * hash_bytes((const unsigned char *)c->per_global,
				     strlen(c->per_global));
	return h ^ 17 * hash_bytes(c->insns, c->ninsns);
}

/* The CIEs kept so far, by their fields (ld's hash of CIEs). */
typedef struct cie_set {
	cie **slot;
	size_t nslots, n;
} cie_set;

static cie **cie_slot(const cie_set *set, const cie *c)
{
	size_t k = cie_hash(c) & (set->nslots - 1);

	while (set->slot[k] && !cie_equal(set->slot[k], c))
		k = (k + 1) & (set->nslots - 1);
	return &set->slot[k];
}

static bool cie_set_grow(cie_set *set)
{
	cie_set bigger = {
	    calloc(set->nslots ? 2 * set->nslots : 16, sizeof(cie *)),
	    set->nslots ? 2 * set->nslots : 16, set->n};

	if (!bigger.slot)
		return false;
	for (size_t i = 0; i < set->nslots; i++)
		if (set->slot[i])
			*cie_slot(&bigger, set->slot[i]) = set->slot[i];
	free(set->slot);
	*set = bigger;
	return true;
}

/* A kept FDE's CIE is kept, unless an equal one was kept before: then
 * it is merged into that one (ld's find_merged_cie). */
static bool keep_cie(cie *ci, cie_set *set)
{
	if (ci->kept || ci->merged)
		return true;
	if (2 * (set->n + 1) > set->nslots && !cie_set_grow(set))
		return false;
	cie **slot = cie_slot(set, ci);
	if (*slot) {
		ci->merged = *slot;
		return true;
	}
	ci->kept = true;
	*slot = ci;
	set->n++;
	return true;
}

bool lc_eh_frame(lc_section *secs, size_t n, uint64_t out_align,
		 lc_discarded_fn discarded, void *ctx)
{
	eh_sec *es = calloc(n ? n : 1, sizeof(*es));
	cie_set kept = {0};
	bool ok = es != NULL;

	for (size_t i = 0; ok && i < n; i++) {
		lc_section *c = &secs[i];
		if (c->excluded || !c->size || !c->sec->data ||
		    c->sec->ndata != c->size || !parse_eh(c, &es[i])) {
			free(es[i].ent);
			free(es[i].cies);
			es[i] = (eh_sec){0};
			continue;
		}
		for (size_t k = 0; ok && k < es[i].nent; k++) {
			fde_ent *e = &es[i].ent[k];
			if (e->terminator) {
				/* Only the last input keeps its own. */
				e->removed = i + 1 < n;
				continue;
			}
			/* An FDE goes with the code it describes. */
			const image_reloc *at = e->at;
			if (e->is_cie || e->dropped || !at->sym ||
			    (at->in_section &&
			     discarded(ctx, c->file, at->in_section)))
				continue;
			e->removed = false;
			ok = keep_cie(&es[i].cies[e->cie], &kept);
		}
		/* Lay the kept entries out again. */
		uint64_t off = 0;
		for (size_t k = 0; k < es[i].nent; k++) {
			fde_ent *e = &es[i].ent[k];
			cie *ci = &es[i].cies[e->cie];
			if (e->is_cie)
				e->removed = !ci->kept;
			if (e->removed)
				continue;
			uint64_t a = 4;
			if (e->is_cie && ci->aligned8)
				a = 8;
			else if (!e->is_cie && !e->terminator &&
				 pe_width(ci->fde_enc, es[i].ptr) > 4)
				a = pe_width(ci->fde_enc, es[i].ptr);
			off = (off + a - 1) & ~(a - 1);
			off += e->size;
		}
		c->size = (off + 3) & ~(uint64_t)3;
	}
	/* Trailing empty inputs go; every input before the last one with
	 * entries is padded to the output section's alignment, so no zeros
	 * between them read as a terminator. */
	size_t last = n;
	while (last > 0 && secs[last - 1].size <= 4) {
		if (!secs[last - 1].size)
			secs[last - 1].excluded = true;
		last--;
	}
	for (size_t i = 0; last && i + 1 < last; i++)
		if (!secs[i].excluded && secs[i].size != 4)
			secs[i].size =
			    (secs[i].size + out_align - 1) & ~(out_align - 1);
	for (size_t i = 0; es && i < n; i++) {
		free(es[i].ent);
		free(es[i].cies);
	}
	free(es);
	free(kept.slot);
	return ok;
}

/* ---- .note.gnu.property ----
 *
 * GNU ld merges the program properties of all inputs into one note in
 * the first input that has one, and drops the others
 * (elf-properties.c, _bfd_elf_link_setup_gnu_properties; x86's merge in
 * elfxx-x86.c): an AND property (x86 feature_1: IBT, SHSTK) stays only
 * when every input has it, an OR property (x86 ISA needed, features used)
 * when any has it.  Other kinds are kept as the first input has them. */

#define NT_GNU_PROPERTY 5

typedef struct property {
	uint32_t type, datasz;
	bool every; /* an AND kind: present in every input so far */
} property;

static bool and_kind(uint16_t machine, uint32_t type)
{
	if (machine == EM_X86_64 || machine == EM_386)
		return (type >= 0xc0000002 && type <= 0xc0007fff) ||
		       (type >= 0xc0010000 && type <= 0xc0017fff);
	return machine == EM_AARCH64 && type == 0xc0000000;
}

/* The properties of one input's note, as (type, size) pairs; false when
 * it is not a note ld reads (it then leaves the section alone). */
static bool note_properties(const lc_section *c, unsigned align,
			    property **v, size_t *n)
{
	const image_section *s = c->sec;
	reader r = {s->data, 0, s->ndata, c->file->data == ELFDATA2MSB};
	uint32_t namesz, descsz, type, pt, pdsz;

	*v = NULL;
	*n = 0;
	while (r.pos < r.end) {
		REQUIRE(rd_u32(&r, &namesz) && rd_u32(&r, &descsz) &&
			rd_u32(&r, &type));
		REQUIRE(rd_skip(&r, (namesz + 3) & ~3u));
		size_t end = r.pos + descsz;
		REQUIRE(descsz <= r.end - r.pos);
		if (type != NT_GNU_PROPERTY) {
			r.pos = end;
			continue;
		}
		while (r.pos + 8 <= end) {
			REQUIRE(rd_u32(&r, &pt) && rd_u32(&r, &pdsz));
			REQUIRE(rd_skip(&r, ((uint64_t)pdsz + align - 1) &
						~(uint64_t)(align - 1)));
			property *w = realloc(*v, (*n + 1) * sizeof(*w));
			REQUIRE(w);
			*v = w;
			w[(*n)++] = (property){pt, pdsz, true};
		}
		r.pos = end;
	}
	return true;
}

bool lc_gnu_property(lc_section *secs, size_t n, size_t ninputs,
		     uint16_t machine)
{
	property *merged = NULL, *p = NULL;
	size_t nmerged = 0, np, first = n, with = 0;
	unsigned align = 8;
	bool ok = true;

	for (size_t i = 0; i < n; i++) {
		align = secs[i].file->elfclass == ELFCLASS32 ? 4 : 8;
		p = NULL;
		if (!secs[i].sec->data ||
		    !note_properties(&secs[i], align, &p, &np)) {
			free(p);
			free(merged);
			return true; /* not read as ld reads it: as it is */
		}
		if (first == n)
			first = i;
		with++;
		/* An AND property the input lacks goes; a new one joins (an
		 * AND kind only from the first input). */
		for (size_t k = 0; k < nmerged; k++) {
			size_t j = 0;
			while (j < np && p[j].type != merged[k].type)
				j++;
			if (j == np && merged[k].every)
				merged[k].every = !and_kind(machine,
							    merged[k].type);
		}
		for (size_t j = 0; ok && j < np; j++) {
			size_t k = 0;
			while (k < nmerged && merged[k].type != p[j].type)
				k++;
			if (k < nmerged)
				continue;
			if (and_kind(machine, p[j].type) && with > 1)
				continue;
			property *w =
			    realloc(merged, (nmerged + 1) * sizeof(*w));
			if (!w) {
				ok = false;
				break;
			}
			merged = w;
			merged[nmerged++] = p[j];
		}
		free(p);
	}
	if (first == n || !ok) {
		free(merged);
		return ok;
	}
	/* An input without a note lacks every AND property. */
	uint64_t size = 0;
	for (size_t k = 0; k < nmerged; k++)
		if (!and_kind(machine, merged[k].type) ||
		    (merged[k].every && with == ninputs))
			size += 8 + (((uint64_t)merged[k].datasz + align - 1) &
				     ~(uint64_t)(align - 1));
	for (size_t i = 0; i < n; i++) {
		secs[i].excluded = i != first || !size;
		secs[i].size = i == first && size ? 16 + size : 0;
	}
	free(merged);
	return true;
}

/* ---- arm's unwinding index ---- */

static uint32_t word_at(const image_section *s, uint64_t off, bool big)
{
	const unsigned char *p = s->data + off;

	if (big)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		       (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

void lc_arm_exidx(lc_exidx_text *v, size_t n, bool merge)
{
	lc_section *last_exidx = NULL;
	int last_type = -1; /* 0 cannot unwind, 1 inlined, 2 a table */
	uint32_t last_second = 0;

	for (size_t i = 0; i < n; i++) {
		lc_section *x = v[i].exidx;
		const image_section *t = v[i].text;
		if (!x) {
			/* Code without unwinding after code with it. */
			if (last_type == 0 || !last_exidx || !t->size)
				continue;
			last_exidx->size += 8;
			last_type = 0;
			continue;
		}
		if (x->excluded || x->out < 0)
			continue;
		const image_section *s = x->sec;
		bool big = v[i].big_endian;
		if (!s->data || s->ndata != s->size)
			continue; /* unread: ld cannot read it either */
		if (last_type > 0 && s->size >= 4 &&
		    word_at(s, 0, big) != t->addr) {
			last_exidx->size += 8;
			last_type = 0;
		}
		uint64_t gone = 0;
		for (uint64_t j = 0; j + 8 <= s->size; j += 8) {
			uint32_t second = word_at(s, j + 4, big);
			int type;
			bool elide = false;
			if (second == 1) {
				elide = last_type == 0;
				type = 0;
			} else if (second & 0x80000000u) {
				elide = merge && last_second == second &&
					last_type == 1;
				type = 1;
				last_second = second;
			} else
				type = 2;
			gone += elide ? 8 : 0;
			last_type = type;
		}
		x->size -= gone;
		last_exidx = x;
	}
	if (last_exidx && last_type != 0)
		last_exidx->size += 8;
}
