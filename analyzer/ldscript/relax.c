#include "ldscript/relax.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

/* Relocation types of the RISC-V psABI that relaxation looks at. */
enum {
	RV_CALL = 18,
	RV_CALL_PLT = 19,
	RV_PCREL_HI20 = 23,
	RV_HI20 = 26,
	RV_TPREL_HI20 = 29,
	RV_TPREL_LO12_I = 30,
	RV_TPREL_LO12_S = 31,
	RV_TPREL_ADD = 32,
	RV_ALIGN = 43,
	RV_RELAX = 51,
};

/* The immediates of the instructions a site may become
 * (include/opcode/riscv.h, VALID_*_IMM): signed, and even for jumps. */
static bool signed_fits(uint64_t x, unsigned bits)
{
	int64_t v = (int64_t)x;
	return v >= -((int64_t)1 << (bits - 1)) &&
	       v < ((int64_t)1 << (bits - 1));
}

static bool j_imm(uint64_t x)
{
	return !(x & 1) && signed_fits(x, 21);
}

static bool cj_imm(uint64_t x)
{
	return !(x & 1) && signed_fits(x, 12);
}

static bool i_imm(uint64_t x)
{
	return signed_fits(x, 12);
}

static uint64_t high_part(uint64_t v)
{
	return (v + 0x800) & ~(uint64_t)0xfff;
}

/* c.lui's immediate: a nonzero 6-bit signed multiple of 4 KiB. */
static bool c_lui_imm(uint64_t x)
{
	int64_t k = (int64_t)x / 4096;

	return !(x & 0xfff) && k >= -32 && k <= 31 && k != 0;
}

static uint32_t insn_at(const image_section *s, uint64_t off)
{
	const unsigned char *p = s->data + off;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

lr_section *lr_sections_sites(const image_section *s, bool *oom)
{
	lr_section *rx;
	size_t n = 0;

	*oom = false;
	if (!s->nrelocs)
		return NULL;
	rx = calloc(1, sizeof(*rx));
	if (!rx || !(rx->sites = calloc(s->nrelocs, sizeof(*rx->sites)))) {
		free(rx);
		*oom = true;
		return NULL;
	}
	for (size_t i = 0; i < s->nrelocs; i++) {
		const image_reloc *r = &s->relocs[i];
		bool relax = i + 1 < s->nrelocs &&
			     s->relocs[i + 1].type == RV_RELAX &&
			     s->relocs[i + 1].offset == r->offset;
		if (r->type == RV_ALIGN) {
			if (r->addend > 0 && (uint64_t)r->addend <= s->size &&
			    r->offset <= s->size - (uint64_t)r->addend) {
				rx->sites[n++] =
				    (lr_site){LR_ALIGN, r, 0, false};
				rx->aligns = true;
			}
			continue;
		}
		if (!relax)
			continue;
		lr_kind kind;
		uint64_t need;
		if (r->type == RV_CALL || r->type == RV_CALL_PLT)
			kind = LR_CALL, need = 8;
		else if (r->type == RV_PCREL_HI20)
			kind = LR_PCREL, need = 4;
		else if (r->type == RV_HI20)
			kind = LR_LUI, need = 4;
		else if (r->type == RV_TPREL_HI20 || r->type == RV_TPREL_ADD)
			kind = LR_TPREL, need = 4;
		else
			continue;
		if (!s->data || r->offset > s->ndata ||
		    s->ndata - r->offset < need)
			continue; /* ld asserts; nothing to shorten */
		lr_site *site = &rx->sites[n++];
		site->kind = kind;
		site->rel = r;
		if (kind == LR_CALL)
			site->rd = insn_at(s, r->offset + 4) >> 7 & 0x1f;
		else if (kind == LR_LUI)
			site->rd = insn_at(s, r->offset) >> 7 & 0x1f;
	}
	rx->nsites = n;
	if (!n) {
		lr_free(rx);
		return NULL;
	}
	return rx;
}

void lr_free(lr_section *rx)
{
	if (!rx)
		return;
	free(rx->sites);
	free(rx->dels);
	free(rx);
}

uint64_t lr_now(const lr_section *rx, uint64_t offset)
{
	size_t lo = 0, hi = rx->ncommitted;

	/* The deletions before offset: a search of the committed ones. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rx->dels[mid].at < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return offset - (lo ? rx->dels[lo - 1].upto : 0);
}

bool lr_delete_bytes(lr_section *rx, uint64_t offset, uint64_t count)
{
	if (!vl_grow((void **)&rx->dels, &rx->cap_dels, rx->ndels,
		     sizeof(*rx->dels)))
		return false;
	rx->dels[rx->ndels++] = (lr_delete){offset, count, 0};
	rx->deleted += count;
	return true;
}

static int cmp_delete(const void *pa, const void *pb)
{
	const lr_delete *a = pa, *b = pb;

	return a->at < b->at ? -1 : a->at > b->at;
}

void lr_commit(lr_section *rx)
{
	uint64_t upto = 0;

	if (rx->ncommitted == rx->ndels)
		return;
	qsort(rx->dels, rx->ndels, sizeof(*rx->dels), cmp_delete);
	for (size_t i = 0; i < rx->ndels; i++) {
		upto += rx->dels[i].count;
		rx->dels[i].upto = upto;
	}
	rx->ncommitted = rx->ndels;
}

unsigned lr_call_length(uint64_t pc, uint64_t symval, uint64_t max_align,
			bool rvc, bool is64, unsigned rd)
{
	uint64_t foff = symval - pc;
	bool near_zero = symval + 0x800 < 0x1000;

	if (j_imm(foff))
		foff += (int64_t)foff < 0 ? -max_align : max_align;
	if (!j_imm(foff) && !near_zero)
		return 8;
	if (rvc && cj_imm(foff) && (rd == 0 || (rd == 1 && !is64)))
		return 2;
	return 4;
}

uint64_t lr_align_nops(uint64_t at, uint64_t addend)
{
	uint64_t alignment = 1;

	while (alignment <= addend && alignment < (UINT64_C(1) << 62))
		alignment *= 2;
	return (((at - 1) & ~(alignment - 1)) + alignment) - at;
}

bool lr_near_gp(uint64_t symval, uint64_t gp, uint64_t max_align,
		uint64_t reserve)
{
	return i_imm(symval) ||
	       (gp && symval >= gp &&
		i_imm(symval - gp + max_align + reserve)) ||
	       (gp && symval < gp && i_imm(symval - gp - max_align - reserve));
}

bool lr_c_lui(uint64_t symval, unsigned rd, uint64_t page)
{
	return rd != 0 && rd != 2 && c_lui_imm(high_part(symval)) &&
	       c_lui_imm(high_part(symval) + page);
}

bool lr_tp_near(uint64_t symval, uint64_t tls_start)
{
	/* RISCV_CONST_HIGH_PART of the offset is 0: it sign-extends from
	 * 12 bits. */
	return symval - tls_start + 0x800 < 0x1000;
}
