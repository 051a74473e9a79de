#include "ldscript/made.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "ldscript/contents.h"

/* ---- The x86 GOT of a static link ---- */

/* sh_type 0: ld gives these no type until it writes them. */
#define SEC(name_, align_, type_, flags_)                                      \
	{                                                                      \
		.name = (char *)name_, .align = align_, .type = type_,         \
		.flags = flags_                                                \
	}
static const image_section x86_64_own[] = {
    SEC(".rela.got", 8, SHT_RELA, SHF_ALLOC),
    SEC(".got", 8, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
    SEC(".got.plt", 8, 0, SHF_ALLOC | SHF_WRITE),
    SEC(".iplt", 1, 0, SHF_ALLOC | SHF_EXECINSTR),
    SEC(".rela.iplt", 8, SHT_RELA, SHF_ALLOC),
    SEC(".igot.plt", 8, 0, SHF_ALLOC | SHF_WRITE),
};
static const image_section i386_own[] = {
    SEC(".rel.got", 4, SHT_REL, SHF_ALLOC),
    SEC(".got", 4, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
    SEC(".got.plt", 4, 0, SHF_ALLOC | SHF_WRITE),
    SEC(".iplt", 1, 0, SHF_ALLOC | SHF_EXECINSTR),
    SEC(".rel.iplt", 4, SHT_REL, SHF_ALLOC),
    SEC(".igot.plt", 4, 0, SHF_ALLOC | SHF_WRITE),
};

const image_section *lm_own_sections(uint16_t machine, size_t *n)
{
	if (machine == EM_X86_64) {
		*n = sizeof(x86_64_own) / sizeof(x86_64_own[0]);
		return x86_64_own;
	}
	if (machine == EM_386) {
		*n = sizeof(i386_own) / sizeof(i386_own[0]);
		return i386_own;
	}
	*n = 0;
	return NULL;
}

/* Whether a relocation type loads its symbol's address from the GOT. */
static bool needs_entry(uint16_t machine, uint32_t type)
{
	if (machine == EM_X86_64)
		return type == R_X86_64_GOT32 || type == R_X86_64_GOTPCREL ||
		       type == R_X86_64_GOT64 || type == R_X86_64_GOTPCREL64 ||
		       type == R_X86_64_GOTPLT64 ||
		       type == R_X86_64_GOTPCRELX ||
		       type == R_X86_64_REX_GOTPCRELX;
	return type == R_386_GOT32 || type == R_386_GOT32X;
}

/* Whether ld turns that load into a direct reference, so the symbol
 * needs no entry (x86's convert_load_reloc, static link), for a symbol
 * the link defines: on x86_64 a GOTPCREL of a mov (opcode 0x8b) and the
 * GOTPCRELX kinds of any instruction, with the addend -4; on i386 a
 * GOT32X with the addend 0. */
static bool relaxed(uint16_t machine, const lm_gotref *g)
{
	if (!g->defined)
		return false;
	if (machine == EM_386)
		return g->type == R_386_GOT32X && g->addend == 0;
	bool x =
	    g->type == R_X86_64_GOTPCRELX || g->type == R_X86_64_REX_GOTPCRELX;
	return (x || (g->type == R_X86_64_GOTPCREL && g->opcode == 0x8b)) &&
	       g->addend == -4;
}

/* A GOT entry's symbol: a global one by name, a local one by its object
 * and index. */
static int cmp_key(const void *pa, const void *pb)
{
	const lm_gotref *a = pa, *b = pb;

	if (!a->global != !b->global)
		return a->global ? -1 : 1;
	if (a->global)
		return strcmp(a->global, b->global);
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	return (a->sym > b->sym) - (a->sym < b->sym);
}

bool lm_got_sizes(uint16_t machine, lm_gotref *refs, size_t n, uint64_t *got,
		  uint64_t *gotplt)
{
	size_t keep = 0, entries = 0;
	bool referenced = false;
	uint64_t word = machine == EM_X86_64 ? 8 : 4;

	for (size_t i = 0; i < n; i++) {
		const lm_gotref *g = &refs[i];
		bool entry = needs_entry(machine, g->type);
		referenced |=
		    !entry || (g->global && !strcmp(g->global, "_GLOBAL_OFFSET"
							       "_TABLE_"));
		if (entry && !relaxed(machine, g))
			refs[keep++] = *g;
	}
	if (keep)
		qsort(refs, keep, sizeof(*refs), cmp_key);
	for (size_t i = 0; i < keep; i++)
		entries += !i || cmp_key(&refs[i - 1], &refs[i]);
	*got = entries * word;
	*gotplt = entries || referenced ? 3 * word : 0;
	return true;
}

/* ---- The dynamic sections of -pie and -shared ---- */

static const image_section dyn_sections[2][LM_NDYN] = {
    {
	SEC(".interp", 1, SHT_PROGBITS, SHF_ALLOC),
	SEC(".dynsym", 8, SHT_DYNSYM, SHF_ALLOC),
	SEC(".dynstr", 1, SHT_STRTAB, SHF_ALLOC),
	SEC(".dynamic", 8, SHT_DYNAMIC, SHF_ALLOC | SHF_WRITE),
	SEC(".hash", 8, SHT_HASH, SHF_ALLOC),
	SEC(".gnu.hash", 8, SHT_GNU_HASH, SHF_ALLOC),
    },
    {
	SEC(".interp", 1, SHT_PROGBITS, SHF_ALLOC),
	SEC(".dynsym", 4, SHT_DYNSYM, SHF_ALLOC),
	SEC(".dynstr", 1, SHT_STRTAB, SHF_ALLOC),
	SEC(".dynamic", 4, SHT_DYNAMIC, SHF_ALLOC | SHF_WRITE),
	SEC(".hash", 4, SHT_HASH, SHF_ALLOC),
	SEC(".gnu.hash", 4, SHT_GNU_HASH, SHF_ALLOC),
    },
};
#undef SEC

const image_section *lm_dynamic_section(bool is64, int k)
{
	return &dyn_sections[is64 ? 0 : 1][k];
}

/* GNU ld's bucket count for a hash table of n symbols (elflink.c,
 * compute_bucket_count without -O): the largest of its primes that n
 * reaches; at least 2 for .gnu.hash. */
static uint64_t hash_buckets(uint64_t n, bool gnu)
{
	static const uint64_t primes[] = {1,	3,    17,    37,    67,	  97,
					  131,	197,  263,   521,   1031, 2053,
					  4099, 8209, 16411, 32771, 0};
	uint64_t best = 1;

	for (size_t i = 0; primes[i]; i++) {
		best = primes[i];
		if (n < primes[i + 1])
			break;
	}
	return gnu && best < 2 ? 2 : best;
}

/* .gnu.hash for n hashed (defined) symbols: header, Bloom filter,
 * buckets, one chain word each. */
static uint64_t gnu_hash_size(uint64_t n, bool is64)
{
	unsigned log2 = 1;

	if (!n)
		return 5 * 4 + (is64 ? 8 : 4);
	for (uint64_t x = n; x >>= 1;)
		log2++;
	if (log2 < 3)
		log2 = 5;
	else if ((1u << (log2 - 2)) & n)
		log2 += 3;
	else
		log2 += 2;
	if (is64 && log2 == 5)
		log2 = 6;
	return (4 + hash_buckets(n, true) + n) * 4 + ((uint64_t)1 << log2) / 8;
}

bool lm_dynamic_sizes(const lm_dynamic *d, uint64_t size[LM_NDYN])
{
	const char **strs = malloc((d->n + 1) * sizeof(*strs));
	bool oom = false;

	if (!strs)
		return false;
	if (d->n)
		memcpy(strs, d->names, d->n * sizeof(*strs));
	if (d->soname)
		strs[d->n] = d->soname;
	size[LM_DYNSTR] =
	    lc_strtab_size(strs, d->n + (d->soname != NULL), &oom);
	free(strs);
	size[LM_INTERP] =
	    strlen(d->is64 ? "/lib/ld64.so.1" : "/usr/lib/libc.so.1") + 1;
	size[LM_DYNSYM] = (1 + d->n) * (d->is64 ? 24 : 16);
	size[LM_HASH] = (2 + hash_buckets(d->n, false) + 1 + d->n) * 4;
	size[LM_GNU_HASH] = gnu_hash_size(d->ndefined, d->is64);
	/* DT_STRTAB, DT_SYMTAB, DT_STRSZ, DT_SYMENT, the hash tables,
	 * DT_SONAME; a PIE's DT_DEBUG and DT_FLAGS_1 (DF_1_PIE); then
	 * DT_NULL and ld's 5 spare entries (--spare-dynamic-tags). */
	uint64_t tags = 4 + d->sysv_hash + d->gnu_hash + (d->soname != NULL) +
			2 * d->pie + d->extra_tags + 1 + 5;
	size[LM_DYNAMIC] = tags * (d->is64 ? 16 : 8);
	return !oom;
}
