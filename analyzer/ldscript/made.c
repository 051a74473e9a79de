#include "ldscript/made.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "ldscript/contents.h"

/* ---- The GOT of a static link ---- */

/* sh_type 0: ld gives these no type until it writes them. */
#define SEC(name_, align_, type_, flags_)                                      \
	{                                                                      \
		.name = (char *)name_, .align = align_, .type = type_,         \
		.flags = flags_                                                \
	}
/* The GOT sections (elflink.c, _bfd_elf_create_got_section: x86 makes
 * them always, aarch64, arm and RISC-V at the first GOT relocation) and
 * the IFUNC ones (elf-ifunc.c, _bfd_elf_create_ifunc_sections), with the
 * alignments GNU ld 2.40 gives them (.iplt 8 on x86, 4 on aarch64 and
 * arm). */
static const image_section rela64_got[] = {
    SEC(".rela.got", 8, SHT_RELA, SHF_ALLOC),
    SEC(".got", 8, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
    SEC(".got.plt", 8, 0, SHF_ALLOC | SHF_WRITE),
};
static const image_section rel32_got[] = {
    SEC(".rel.got", 4, SHT_REL, SHF_ALLOC),
    SEC(".got", 4, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE),
    SEC(".got.plt", 4, 0, SHF_ALLOC | SHF_WRITE),
};
static const image_section x86_64_iplt[] = {
    SEC(".iplt", 8, 0, SHF_ALLOC | SHF_EXECINSTR),
    SEC(".rela.iplt", 8, SHT_RELA, SHF_ALLOC),
    SEC(".igot.plt", 8, 0, SHF_ALLOC | SHF_WRITE),
};
static const image_section i386_iplt[] = {
    SEC(".iplt", 8, 0, SHF_ALLOC | SHF_EXECINSTR),
    SEC(".rel.iplt", 4, SHT_REL, SHF_ALLOC),
    SEC(".igot.plt", 4, 0, SHF_ALLOC | SHF_WRITE),
};
static const image_section aarch64_iplt[] = {
    SEC(".iplt", 4, 0, SHF_ALLOC | SHF_EXECINSTR),
    SEC(".rela.iplt", 8, SHT_RELA, SHF_ALLOC),
    SEC(".igot.plt", 8, 0, SHF_ALLOC | SHF_WRITE),
};
static const image_section arm_iplt[] = {
    SEC(".iplt", 4, 0, SHF_ALLOC | SHF_EXECINSTR),
    SEC(".rel.iplt", 4, SHT_REL, SHF_ALLOC),
    SEC(".igot.plt", 4, 0, SHF_ALLOC | SHF_WRITE),
};

static size_t append(image_section *out, size_t n, const image_section *v,
		     size_t nv)
{
	memcpy(out + n, v, nv * sizeof(*v));
	return n + nv;
}
#define APPEND(out, n, v) append(out, n, v, sizeof(v) / sizeof((v)[0]))

size_t lm_own_sections(uint16_t machine, bool got, bool iplt,
		       image_section out[LM_MAX_OWN])
{
	size_t n = 0;

	switch (machine) {
	case EM_X86_64:
		n = APPEND(out, n, rela64_got);
		return APPEND(out, n, x86_64_iplt);
	case EM_386:
		n = APPEND(out, n, rel32_got);
		return APPEND(out, n, i386_iplt);
	case EM_AARCH64:
		/* IFUNC ones first: ld makes them at the first call or
		 * page relocation, the GOT at the first GOT one. */
		if (iplt)
			n = APPEND(out, n, aarch64_iplt);
		return got ? APPEND(out, n, rela64_got) : n;
	case EM_ARM:
		/* elf32_arm_check_relocs makes the IFUNC ones for every
		 * object. */
		n = APPEND(out, n, arm_iplt);
		return got ? APPEND(out, n, rel32_got) : n;
	case EM_RISCV:
		return got ? APPEND(out, n, rela64_got) : n;
	}
	return 0;
}

/* The size of a GOT entry, an address of the machine. */
static uint64_t word_of(uint16_t machine)
{
	return machine == EM_X86_64 || machine == EM_AARCH64 ||
		       machine == EM_RISCV
		   ? 8
		   : 4;
}

/* What a GOT relocation asks of ld: nothing of the GOT but its address
 * (GOT_REF), an entry for its symbol (GOT_ENTRY), or a thread-local
 * entry: the offset from the thread pointer (GOT_IE), the module and
 * offset (GOT_GD), a descriptor (GOT_DESC). */
typedef enum got_kind {
	GOT_NONE,
	GOT_REF,
	GOT_ENTRY,
	GOT_IE,
	GOT_GD,
	GOT_DESC,
} got_kind;

static got_kind kind_of(uint16_t machine, uint32_t type)
{
	switch (machine) {
	case EM_X86_64:
		switch (type) {
		case R_X86_64_GOT32:
		case R_X86_64_GOTPCREL:
		case R_X86_64_GOT64:
		case R_X86_64_GOTPCREL64:
		case R_X86_64_GOTPLT64:
		case R_X86_64_GOTPCRELX:
		case R_X86_64_REX_GOTPCRELX:
			return GOT_ENTRY;
		}
		return GOT_REF;
	case EM_386:
		return type == R_386_GOT32 || type == R_386_GOT32X ? GOT_ENTRY
								  : GOT_REF;
	case EM_AARCH64:
		if (type >= R_AARCH64_TLSGD_ADR_PREL21 &&
		    type <= R_AARCH64_TLSGD_MOVW_G0_NC)
			return GOT_GD;
		if (type >= R_AARCH64_TLSIE_MOVW_GOTTPREL_G1 &&
		    type <= R_AARCH64_TLSIE_LD_GOTTPREL_PREL19)
			return GOT_IE;
		if (type >= R_AARCH64_TLSDESC_LD_PREL19 &&
		    type <= R_AARCH64_TLSDESC_CALL)
			return GOT_DESC;
		if ((type >= R_AARCH64_MOVW_GOTOFF_G0 &&
		     type <= R_AARCH64_MOVW_GOTOFF_G3) ||
		    (type >= R_AARCH64_GOT_LD_PREL19 &&
		     type <= R_AARCH64_LD64_GOTPAGE_LO15))
			return GOT_ENTRY;
		return GOT_REF; /* GOTREL, or any to _GLOBAL_OFFSET_TABLE_ */
	case EM_ARM:
		switch (type) {
		case R_ARM_GOT32:
		case R_ARM_GOT_ABS:
		case R_ARM_GOT_PREL:
		case R_ARM_GOT_BREL12:
			return GOT_ENTRY;
		case R_ARM_TLS_GD32:
			return GOT_GD;
		case R_ARM_TLS_IE32:
		case R_ARM_TLS_IE12GP:
			return GOT_IE;
		case R_ARM_TLS_GOTDESC:
		case R_ARM_TLS_CALL:
		case R_ARM_TLS_DESCSEQ:
		case R_ARM_THM_TLS_CALL:
			return GOT_DESC;
		}
		return GOT_REF;
	case EM_RISCV:
		return type == R_RISCV_GOT_HI20	     ? GOT_ENTRY
		       : type == R_RISCV_TLS_GOT_HI20 ? GOT_IE
		       : type == R_RISCV_TLS_GD_HI20  ? GOT_GD
						      : GOT_REF;
	}
	return GOT_NONE;
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

/* The kind of entry a reference gets in a static link, after ld's
 * thread-local transitions: aarch64 turns every TLS access to a symbol
 * the link defines into local-exec, one to another symbol into
 * initial-exec (aarch64_tls_transition); arm only does so for
 * descriptors (elf32_arm_tls_transition); RISC-V keeps them. */
static got_kind entry_kind(uint16_t machine, const lm_gotref *g)
{
	got_kind k = kind_of(machine, g->type);

	if (k == GOT_ENTRY && (machine == EM_X86_64 || machine == EM_386) &&
	    relaxed(machine, g))
		return GOT_NONE;
	if (machine == EM_AARCH64 && (k == GOT_IE || k == GOT_GD ||
				      k == GOT_DESC))
		return g->defined ? GOT_NONE : GOT_IE;
	if (machine == EM_ARM && k == GOT_DESC)
		return g->defined ? GOT_NONE : GOT_IE;
	return k;
}

/* A GOT entry's symbol: a global one by name, a local one by its object
 * and index; then by the kind of entry. */
static int cmp_key(const void *pa, const void *pb)
{
	const lm_gotref *a = pa, *b = pb;

	if (!a->global != !b->global)
		return a->global ? -1 : 1;
	if (a->global) {
		int c = strcmp(a->global, b->global);
		if (c)
			return c;
	} else if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	else if (a->sym != b->sym)
		return a->sym < b->sym ? -1 : 1;
	return (a->type > b->type) - (a->type < b->type);
}

void lm_got_sizes(uint16_t machine, lm_gotref *refs, size_t n,
		  const lm_ifunc *ifunc, lm_got *out)
{
	size_t keep = 0;
	bool referenced = false, x86 = machine == EM_X86_64 || machine == EM_386;
	uint64_t word = word_of(machine);

	memset(out, 0, sizeof(*out));
	out->got = ifunc->got;
	for (size_t i = 0; i < n; i++) {
		lm_gotref g = refs[i];
		got_kind k = kind_of(machine, g.type), e = entry_kind(machine, &g);
		bool gotsym =
		    g.global && !strcmp(g.global, "_GLOBAL_OFFSET_TABLE_");
		/* x86: a relaxed load is no reference to the GOT. */
		referenced |= k == GOT_REF || gotsym || g.ifunc;
		if (g.ifunc)
			continue;
		if (e == GOT_NONE || e == GOT_REF)
			continue;
		g.type = (uint32_t)e; /* the kind, for counting */
		refs[keep++] = g;
	}
	if (keep)
		qsort(refs, keep, sizeof(*refs), cmp_key);
	for (size_t i = 0; i < keep; i++) {
		if (i && !cmp_key(&refs[i - 1], &refs[i]))
			continue;
		got_kind e = (got_kind)refs[i].type;
		out->got += e == GOT_GD ? 2 * word : word;
		/* RISC-V relocates thread-local entries at run time even in a
		 * static link: one per entry, a global's GD two
		 * (elfnn-riscv.c, allocate_dynrelocs and the local ones of
		 * riscv_elf_size_dynamic_sections). */
		if (machine == EM_RISCV && (e == GOT_IE || e == GOT_GD))
			out->relgot += (e == GOT_GD && refs[i].global ? 2 : 1) *
				       3 * word;
	}
	if (x86) {
		/* .got.plt: its 3 reserved entries when .got has any, the
		 * code refers to _GLOBAL_OFFSET_TABLE_ or an IFUNC has a PLT
		 * entry. */
		out->gotplt =
		    out->got || referenced || ifunc->iplt ? 3 * word : 0;
		return;
	}
	if (!keep && !referenced)
		return; /* no GOT made */
	switch (machine) {
	case EM_AARCH64:
		/* .got starts with an entry for _DYNAMIC; .got.plt with
		 * the 3 of the PLT (aarch64_elf_create_got_section). */
		out->got += word;
		out->gotplt = 3 * word;
		break;
	case EM_ARM:
		out->gotplt = 3 * word; /* got_header_size 12 */
		break;
	case EM_RISCV:
		/* .got's header entry; .got.plt's 2, dropped without
		 * entries (riscv_elf_size_dynamic_sections). */
		out->got += word;
		out->gotplt = keep || referenced ? 2 * word : 0;
		break;
	}
}

/* ---- IFUNCs of a static link ---- */

static int cmp_ifuncref(const void *pa, const void *pb)
{
	const lm_ifuncref *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);

	return c ? c : (a->kind > b->kind) - (a->kind < b->kind);
}

void lm_ifunc_sizes(uint16_t machine, lm_ifuncref *refs, size_t n,
		    lm_ifunc *out)
{
	bool x86 = machine == EM_X86_64 || machine == EM_386;
	/* A relocation: RELA on the 64-bit machines, REL on i386 and arm. */
	uint64_t word = word_of(machine), rel = (word == 8 ? 3 : 2) * word;
	uint64_t entry = machine == EM_AARCH64 ? 16 : machine == EM_ARM ? 12
									: 8;

	memset(out, 0, sizeof(*out));
	if (n)
		qsort(refs, n, sizeof(*refs), cmp_ifuncref);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		bool plt = false, got = false;
		uint64_t data = 0;
		for (; j < n && !strcmp(refs[j].name, refs[i].name); j++) {
			plt |= refs[j].kind == LM_IFUNC_PLT;
			got |= refs[j].kind == LM_IFUNC_GOT;
			data += refs[j].kind == LM_IFUNC_DATA;
		}
		/* aarch64 and arm: a word of the address in data needs the
		 * PLT entry too; aarch64 gives every reference one. */
		if (!x86 && data)
			plt = true;
		if (machine == EM_AARCH64)
			plt = true;
		if (plt) {
			out->iplt += entry;
			out->igotplt += word;
			out->reliplt += rel;
		} else {
			if (got) {
				out->got += word;
				out->reliplt += rel;
			}
			out->reliplt += data * rel; /* x86 only, see above */
		}
		i = j;
	}
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
