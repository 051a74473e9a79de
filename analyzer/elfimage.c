#include "elfimage.h"

#include <errno.h>
#include <ar.h>
#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grow.h"
#include "infile.h"

const char *elfimage_flags_str(uint32_t flags, char buf[4])
{
	buf[0] = flags & PF_R ? 'R' : '-';
	buf[1] = flags & PF_W ? 'W' : '-';
	buf[2] = flags & PF_X ? 'X' : '-';
	buf[3] = 0;
	return buf;
}

void elfimage_free(image *img)
{
	for (size_t i = 0; i < img->nsections; i++) {
		image_section *is = &img->sections[i];
		free(is->name);
		free(is->data);
		for (size_t k = 0; k < is->nrelocs; k++)
			free(is->relocs[k].global);
		free(is->relocs);
		free(is->comdat);
		for (size_t k = 0; k < is->ntargets; k++)
			free(is->targets[k].symbol);
		free(is->targets);
	}
	free(img->sections);
	for (size_t i = 0; i < img->nsymbols; i++)
		free(img->symbols[i].name);
	free(img->symbols);
	for (size_t i = 0; i < img->ngotrefs; i++)
		free(img->gotrefs[i].global);
	free(img->gotrefs);
	for (size_t i = 0; i < img->nsymrefs; i++)
		free(img->symrefs[i].global);
	free(img->symrefs);
	free(img->path);
	free(img->segments);
	free(img->shdr_damage);
	memset(img, 0, sizeof(*img));
}

/* A table of count entries of size entsize at off must lie inside the file. */
static bool table_fits(uint64_t off, uint64_t count, uint64_t entsize,
		       uint64_t file_size)
{
	uint64_t bytes, end;

	return va_mul(count, entsize, &bytes) && va_add(off, bytes, &end) &&
	       end <= file_size;
}

/* The program header table: what every loader reads.  A count, entry
 * size or table that does not fit the file makes the image unreadable. */
static bool check_phdrs(const char *path, Elf *elf, const GElf_Ehdr *eh,
			uint64_t file_size, size_t *phnum, vl_error *err)
{
	uint64_t phent = gelf_getclass(elf) == ELFCLASS32 ? sizeof(Elf32_Phdr)
							  : sizeof(Elf64_Phdr);

	/* Check the raw header counts against the file before libelf uses
	 * them: libelf quietly clamps a count that does not fit, which would
	 * hide a truncated or forged file behind a vague error later. */
	*phnum = eh->e_phnum;
	if (*phnum == PN_XNUM && elf_getphdrnum(elf, phnum) != 0)
		return vl_fail(err, path, 0, 0,
			       "cannot read the extended program header count: "
			       "%s",
			       elf_errmsg(-1));
	if (*phnum > IMAGE_MAX_PHDRS)
		return vl_fail(err, path, 0, 0,
			       "absurd program header count %zu (at most %d)",
			       *phnum, IMAGE_MAX_PHDRS);
	if (*phnum && eh->e_phentsize != phent)
		return vl_fail(
		    err, path, 0, 0,
		    "program header entry size %u, expected %" PRIu64,
		    eh->e_phentsize, phent);
	if (*phnum && !table_fits(eh->e_phoff, *phnum, phent, file_size))
		return vl_fail(err, path, 0, 0,
			       "program header table (%zu entries at offset "
			       "0x%" PRIx64 ") extends beyond the end of the "
			       "file (%" PRIu64 " bytes): truncated or corrupt",
			       *phnum, (uint64_t)eh->e_phoff, file_size);
	return true;
}

/* The section header table, which no loader reads (Linux maps a program
 * from its program headers alone): false with why when it does not fit
 * the file.  e_shnum 0 with e_shoff set means the count is in section 0. */
static bool check_shdrs(Elf *elf, const GElf_Ehdr *eh, uint64_t file_size,
			vl_error *why)
{
	uint64_t shent = gelf_getclass(elf) == ELFCLASS32 ? sizeof(Elf32_Shdr)
							  : sizeof(Elf64_Shdr);
	size_t shnum = eh->e_shnum;

	if (!shnum && eh->e_shoff &&
	    !table_fits(eh->e_shoff, 1, shent, file_size))
		return vl_fail(why, NULL, 0, 0,
			       "section header table at offset 0x%" PRIx64
			       " lies beyond the end of the file (%" PRIu64
			       " bytes): truncated or corrupt",
			       (uint64_t)eh->e_shoff, file_size);
	if (!shnum && eh->e_shoff && elf_getshdrnum(elf, &shnum) != 0)
		return vl_fail(why, NULL, 0, 0,
			       "cannot read the section header count: %s",
			       elf_errmsg(-1));
	if (shnum && eh->e_shentsize != shent)
		return vl_fail(
		    why, NULL, 0, 0,
		    "section header entry size %u, expected %" PRIu64,
		    eh->e_shentsize, shent);
	if (shnum && !table_fits(eh->e_shoff, shnum, shent, file_size))
		return vl_fail(why, NULL, 0, 0,
			       "section header table (%zu entries at offset "
			       "0x%" PRIx64 ") extends beyond the end of the "
			       "file (%" PRIu64 " bytes): truncated or corrupt",
			       shnum, (uint64_t)eh->e_shoff, file_size);
	return true;
}

static bool read_segment(const char *path, const GElf_Phdr *ph, size_t i,
			 int cls, uint64_t file_size, image_segment *seg,
			 vl_error *err)
{
	uint64_t limit = cls == ELFCLASS32 ? UINT32_MAX : UINT64_MAX;
	uint64_t end, last;

	/* The last byte may be the last address of the class, in both
	 * classes: Linux's loader, too, refuses only a segment that passes
	 * its limit (fs/binfmt_elf.c: TASK_SIZE - p_memsz < p_vaddr), and
	 * whether the platform gives that address to a program is the
	 * layout's question (outside-address-space), not a malformed file. */
	if (ph->p_memsz &&
	    (!va_add(ph->p_vaddr, ph->p_memsz - 1, &last) || last > limit))
		return vl_fail(err, path, 0, 0,
			       "segment %zu [0x%" PRIx64 ", +0x%" PRIx64
			       ") wraps past the end of the %d-bit address "
			       "space",
			       i, (uint64_t)ph->p_vaddr, (uint64_t)ph->p_memsz,
			       cls == ELFCLASS32 ? 32 : 64);
	if (!va_add(ph->p_offset, ph->p_filesz, &end) || end > file_size)
		return vl_fail(err, path, 0, 0,
			       "segment %zu file range [0x%" PRIx64
			       ", +0x%" PRIx64
			       ") extends beyond the end of the "
			       "file (%" PRIu64 " bytes): truncated or corrupt",
			       i, (uint64_t)ph->p_offset,
			       (uint64_t)ph->p_filesz, file_size);
	if (ph->p_filesz > ph->p_memsz)
		return vl_fail(err, path, 0, 0,
			       "segment %zu has p_filesz 0x%" PRIx64
			       " larger than p_memsz 0x%" PRIx64,
			       i, (uint64_t)ph->p_filesz,
			       (uint64_t)ph->p_memsz);
	seg->index = i;
	seg->vaddr = ph->p_vaddr;
	seg->memsz = ph->p_memsz;
	seg->offset = ph->p_offset;
	seg->filesz = ph->p_filesz;
	seg->paddr = ph->p_paddr;
	/* A p_align that is no power of two breaks the ELF specification,
	 * but Linux runs the program, skipping the value (fs/binfmt_elf.c,
	 * maximum_alignment): kept for a warning, used as no alignment. */
	seg->p_align = ph->p_align;
	seg->align =
	    ph->p_align <= 1 || va_is_pow2(ph->p_align) ? ph->p_align : 0;
	seg->flags = ph->p_flags;
	return true;
}

/* Machines that exist in one ELF class only; x86_64 (x32) and RISC-V
 * come in both. */
static bool class_fits(uint16_t machine, int elfclass)
{
	switch (machine) {
	case EM_386:
	case EM_ARM:
		return elfclass == ELFCLASS32;
	case EM_AARCH64:
		return elfclass == ELFCLASS64;
	default:
		return true;
	}
}

#ifndef DF_1_PIE
#define DF_1_PIE 0x08000000
#endif

/* DT_FLAGS_1's DF_1_PIE and DT_SONAME from the dynamic section the
 * PT_DYNAMIC at off names: what tells a program from a shared library
 * when PT_INTERP does not.  A dynamic section that cannot be read leaves
 * both unset: no loader needs it to map the image. */
static void read_dynamic(Elf *elf, uint64_t off, uint64_t size,
			 uint64_t file_size, image *img)
{
	uint64_t end;
	size_t entsize = gelf_fsize(elf, ELF_T_DYN, 1, EV_CURRENT);

	if (!size || !entsize || !va_add(off, size, &end) || end > file_size)
		return;
	Elf_Data *d = elf_getdata_rawchunk(elf, (int64_t)off, size, ELF_T_DYN);
	for (size_t i = 0; d && i < size / entsize; i++) {
		GElf_Dyn dyn;
		if (!gelf_getdyn(d, (int)i, &dyn) || dyn.d_tag == DT_NULL)
			break;
		if (dyn.d_tag == DT_FLAGS_1 && (dyn.d_un.d_val & DF_1_PIE))
			img->pie_flag = true;
		if (dyn.d_tag == DT_SONAME)
			img->soname = true;
	}
}

static bool read_elf(const char *path, Elf *elf, uint64_t file_size, bool full,
		     image *img, vl_error *err)
{
	GElf_Ehdr eh;
	size_t phnum;
	uint64_t dyn_off = 0, dyn_size = 0;
	vl_error why = {0};

	if (elf_kind(elf) == ELF_K_AR)
		return vl_fail(err, path, 0, 0,
			       "is an archive, not an ELF image: give the "
			       "linked program");
	if (elf_kind(elf) != ELF_K_ELF)
		return vl_fail(err, path, 0, 0,
			       "truncated or malformed ELF header (the file "
			       "has %" PRIu64 " bytes)",
			       file_size);
	if (!gelf_getehdr(elf, &eh))
		return vl_fail(err, path, 0, 0, "bad ELF header: %s",
			       elf_errmsg(-1));
	img->elfclass = gelf_getclass(elf);
	img->data = eh.e_ident[EI_DATA];
	if (img->elfclass != ELFCLASS32 && img->elfclass != ELFCLASS64)
		return vl_fail(err, path, 0, 0, "unknown ELF class %d",
			       eh.e_ident[EI_CLASS]);
	if (img->data != ELFDATA2LSB && img->data != ELFDATA2MSB)
		return vl_fail(err, path, 0, 0, "unknown ELF data encoding %d",
			       img->data);
	img->machine = eh.e_machine;
	img->flags = eh.e_flags;
	if (!class_fits(eh.e_machine, img->elfclass))
		return vl_fail(err, path, 0, 0,
			       "ELFCLASS%d image for machine %u, which is "
			       "%d-bit only: corrupt header",
			       img->elfclass == ELFCLASS32 ? 32 : 64,
			       eh.e_machine,
			       img->elfclass == ELFCLASS32 ? 64 : 32);
	img->ehsize = eh.e_ehsize;
	img->phentsize = eh.e_phentsize;
	img->type = eh.e_type;
	if (!check_phdrs(path, elf, &eh, file_size, &phnum, err))
		return false;
	/* Only a reader of the sections (full) needs them sound. */
	if (!check_shdrs(elf, &eh, file_size, &why)) {
		if (full) {
			vl_fail(err, path, 0, 0, "%s", why.msg);
			vl_error_free(&why);
			return false;
		}
		img->shdr_damage = strdup(why.msg);
		vl_error_free(&why);
		if (!img->shdr_damage)
			return vl_fail(err, path, 0, 0, "out of memory");
	}
	img->segments = calloc(phnum ? phnum : 1, sizeof(*img->segments));
	if (!img->segments)
		return vl_fail(err, path, 0, 0, "out of memory");
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(elf, (int)i, &ph))
			return vl_fail(err, path, 0, 0,
				       "cannot read program header %zu: %s", i,
				       elf_errmsg(-1));
		if (ph.p_type == PT_INTERP || ph.p_type == PT_DYNAMIC)
			img->dynamic = true;
		if (ph.p_type == PT_INTERP)
			img->interp = true;
		if (ph.p_type == PT_DYNAMIC) {
			dyn_off = ph.p_offset;
			dyn_size = ph.p_filesz;
		}
		if (ph.p_type != PT_LOAD)
			continue;
		if (!read_segment(path, &ph, i, img->elfclass, file_size,
				  &img->segments[img->nsegments], err))
			return false;
		img->nsegments++;
	}
	img->phnum = (uint16_t)phnum;
	read_dynamic(elf, dyn_off, dyn_size, file_size, img);
	return true;
}

static bool read_symbols(const char *path, Elf *elf, Elf_Scn *scn,
			 const GElf_Shdr *sh, image *img, vl_error *err)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t n = sh->sh_entsize ? sh->sh_size / sh->sh_entsize : 0;

	if (!data)
		return vl_fail(err, path, 0, 0,
			       "cannot read the symbol table: %s",
			       elf_errmsg(-1));
	img->symbols = calloc(n ? n : 1, sizeof(*img->symbols));
	if (!img->symbols)
		return vl_fail(err, path, 0, 0, "out of memory");
	for (size_t i = 1; i < n; i++) {
		GElf_Sym sym;
		const char *name;
		if (!gelf_getsym(data, (int)i, &sym))
			return vl_fail(err, path, 0, 0,
				       "cannot read symbol %zu: %s", i,
				       elf_errmsg(-1));
		int bind = GELF_ST_BIND(sym.st_info);
		if (bind != STB_GLOBAL && bind != STB_WEAK)
			continue;
		name = elf_strptr(elf, sh->sh_link, sym.st_name);
		if (!name || !*name)
			continue;
		image_symbol *is = &img->symbols[img->nsymbols];
		if (!(is->name = strdup(name)))
			return vl_fail(err, path, 0, 0, "out of memory");
		is->value = sym.st_value;
		is->size = sym.st_size;
		is->absolute = sym.st_shndx == SHN_ABS;
		is->common = sym.st_shndx == SHN_COMMON;
		is->undefined = sym.st_shndx == SHN_UNDEF;
		is->hidden = GELF_ST_VISIBILITY(sym.st_other) == STV_HIDDEN ||
			     GELF_ST_VISIBILITY(sym.st_other) == STV_INTERNAL;
		is->ifunc = GELF_ST_TYPE(sym.st_info) == STT_GNU_IFUNC &&
			    sym.st_shndx != SHN_UNDEF;
		is->func = GELF_ST_TYPE(sym.st_info) == STT_FUNC;
		/* sections[k] is ELF section k + 1 (read_sections skips the
		 * null section 0), so in_section is st_shndx itself. */
		is->in_section =
		    sym.st_shndx < SHN_LORESERVE ? sym.st_shndx : 0;
		img->nsymbols++;
	}
	return true;
}

/* Whether GNU ld reads a section of an object to size it in the link:
 * it merges the entries of SHF_MERGE sections and .note.gnu.property and
 * edits .eh_frame and arm's .ARM.exidx (ldscript/contents.c). */
static bool contents_wanted(const image *img, const image_section *is)
{
	return img->type == ET_REL && is->type != SHT_NOBITS &&
	       (((is->flags & SHF_MERGE) && is->entsize) ||
		!strncmp(is->name, ".eh_frame", 9) ||
		!strcmp(is->name, ".note.gnu.property") ||
		(img->machine == EM_ARM && is->type == SHT_ARM_EXIDX));
}

static bool read_contents(const char *path, Elf_Scn *scn, image_section *is,
			  vl_error *err)
{
	Elf_Data *data = elf_rawdata(scn, NULL);

	if (!data || data->d_size != is->size)
		return vl_fail(
		    err, path, 0, 0,
		    "cannot read the contents of section %s: %s", is->name,
		    data ? "shorter than its header says" : elf_errmsg(-1));
	is->data = malloc(is->size ? is->size : 1);
	if (!is->data)
		return vl_fail(err, path, 0, 0, "out of memory");
	if (is->size)
		memcpy(is->data, data->d_buf, is->size);
	is->ndata = is->size;
	return true;
}

/* Relocation i of a SHT_REL or SHT_RELA section: its offset and r_info
 * (gelf gives ELF32's in the 64-bit layout too: GELF_R_SYM, GELF_R_TYPE). */
static bool get_reloc(Elf_Data *data, const GElf_Shdr *sh, size_t i,
		      uint64_t *offset, uint64_t *info, int64_t *addend)
{
	GElf_Rela rela;
	GElf_Rel rel;

	if (sh->sh_type == SHT_RELA) {
		if (!gelf_getrela(data, (int)i, &rela))
			return false;
		*offset = rela.r_offset;
		*info = rela.r_info;
		*addend = rela.r_addend;
	} else {
		if (!gelf_getrel(data, (int)i, &rel))
			return false;
		*offset = rel.r_offset;
		*info = rel.r_info;
		*addend = 0;
	}
	return true;
}

/* A relocation section being read, with the symbol table its entries
 * name (reloc_open). */
typedef struct reloc_cursor {
	Elf *elf;
	const GElf_Shdr *sh;
	Elf_Data *data, *syms;
	size_t strtab, n;
} reloc_cursor;

/* A relocation and its symbol: has_sym is false for symbol 0 or one the
 * table does not have. */
typedef struct reloc_entry {
	uint64_t offset;
	uint32_t type;
	int64_t addend;
	size_t sym;
	GElf_Sym s;
	bool has_sym;
} reloc_entry;

static bool reloc_open(reloc_cursor *c, const char *path, Elf *elf,
		       Elf_Scn *scn, const GElf_Shdr *sh, const char *target,
		       vl_error *err)
{
	Elf_Scn *symscn = elf_getscn(elf, sh->sh_link);
	GElf_Shdr symsh;

	c->elf = elf;
	c->sh = sh;
	c->n = sh->sh_entsize ? sh->sh_size / sh->sh_entsize : 0;
	c->data = elf_getdata(scn, NULL);
	if (!c->data || !symscn || !gelf_getshdr(symscn, &symsh) ||
	    !(c->syms = elf_getdata(symscn, NULL)))
		return vl_fail(err, path, 0, 0,
			       "cannot read the relocations of section %s: %s",
			       target, elf_errmsg(-1));
	c->strtab = symsh.sh_link;
	return true;
}

/* Entry i; false when it cannot be read. */
static bool reloc_get(const reloc_cursor *c, size_t i, reloc_entry *r)
{
	uint64_t info;

	if (!get_reloc(c->data, c->sh, i, &r->offset, &info, &r->addend))
		return false;
	r->type = (uint32_t)GELF_R_TYPE(info);
	r->sym = (size_t)GELF_R_SYM(info);
	r->has_sym = r->sym && gelf_getsym(c->syms, (int)r->sym, &r->s);
	return true;
}

static const char *reloc_symbol_name(const reloc_cursor *c,
				     const reloc_entry *r)
{
	return elf_strptr(c->elf, c->strtab, r->s.st_name);
}

typedef struct reloc_pos {
	uint64_t offset;
	size_t index;
} reloc_pos;

static int cmp_reloc_pos(const void *pa, const void *pb)
{
	const reloc_pos *a = pa, *b = pb;

	if (a->offset != b->offset)
		return a->offset < b->offset ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

/* A section's relocations by offset, those at one offset in the order the
 * file has them (RISC-V pairs one with the R_RISCV_RELAX after it).
 * Assemblers write them sorted, which costs one look. */
static bool sort_relocs(const char *path, image_section *is, vl_error *err)
{
	size_t n = is->nrelocs, i = 1;

	while (i < n && is->relocs[i - 1].offset <= is->relocs[i].offset)
		i++;
	if (i >= n)
		return true;
	reloc_pos *pos = malloc(n * sizeof(*pos));
	image_reloc *v = malloc(n * sizeof(*v));
	if (!pos || !v) {
		free(pos);
		free(v);
		return vl_fail(err, path, 0, 0, "out of memory");
	}
	for (i = 0; i < n; i++)
		pos[i] = (reloc_pos){is->relocs[i].offset, i};
	qsort(pos, n, sizeof(*pos), cmp_reloc_pos);
	for (i = 0; i < n; i++)
		v[i] = is->relocs[pos[i].index];
	free(is->relocs);
	is->relocs = v;
	free(pos);
	return true;
}

/* The relocations of relocation section sh (of SHT_REL or SHT_RELA) for
 * is, with what their symbols are. */
static bool read_relocs(const char *path, Elf *elf, Elf_Scn *scn,
			const GElf_Shdr *sh, image_section *is, vl_error *err)
{
	reloc_cursor c;
	reloc_entry e;

	if (!reloc_open(&c, path, elf, scn, sh, is->name, err))
		return false;
	image_reloc *r =
	    realloc(is->relocs, (is->nrelocs + c.n + 1) * sizeof(*r));
	if (!r)
		return vl_fail(err, path, 0, 0, "out of memory");
	is->relocs = r;
	for (size_t i = 0; i < c.n; i++) {
		if (!reloc_get(&c, i, &e))
			return vl_fail(err, path, 0, 0,
				       "cannot read relocation %zu of section "
				       "%s: %s",
				       i, is->name, elf_errmsg(-1));
		image_reloc *to = &is->relocs[is->nrelocs++];
		memset(to, 0, sizeof(*to));
		to->offset = e.offset;
		to->type = e.type;
		to->addend = e.addend;
		to->sym = e.sym;
		if (!e.has_sym)
			continue;
		to->in_section =
		    e.s.st_shndx < SHN_LORESERVE ? e.s.st_shndx : 0;
		to->value = e.s.st_value;
		to->size = e.s.st_size;
		to->weak_undefined = e.s.st_shndx == SHN_UNDEF &&
				     GELF_ST_BIND(e.s.st_info) == STB_WEAK;
		to->func = GELF_ST_TYPE(e.s.st_info) == STT_FUNC;
		if (GELF_ST_BIND(e.s.st_info) != STB_LOCAL) {
			const char *name = reloc_symbol_name(&c, &e);
			if (!(to->global = strdup(name ? name : "")))
				return vl_fail(err, path, 0, 0,
					       "out of memory");
		}
	}
	/* By offset, keeping the order of those at one offset (RISC-V pairs
	 * a relocation with the R_RISCV_RELAX after it): assemblers write
	 * them in order, so a sort is rarely needed and must be stable. */
	return sort_relocs(path, is, err);
}

/* Whether a relocation type makes or uses the GOT: an entry of its own,
 * a thread-local one (which ld may relax away), or an offset from the GOT
 * (ldscript/made.c tells which). */
static bool got_type(uint16_t machine, uint32_t type)
{
	switch (machine) {
	case EM_X86_64:
		switch (type) {
		case R_X86_64_GOT32:
		case R_X86_64_GOTPCREL:
		case R_X86_64_GOTOFF64:
		case R_X86_64_GOTPC32:
		case R_X86_64_GOT64:
		case R_X86_64_GOTPCREL64:
		case R_X86_64_GOTPC64:
		case R_X86_64_GOTPLT64:
		case R_X86_64_GOTPCRELX:
		case R_X86_64_REX_GOTPCRELX:
			return true;
		}
		return false;
	case EM_386:
		switch (type) {
		case R_386_GOT32:
		case R_386_GOTOFF:
		case R_386_GOTPC:
		case R_386_GOT32X:
			return true;
		}
		return false;
	case EM_AARCH64:
		return (type >= R_AARCH64_MOVW_GOTOFF_G0 &&
			type <= R_AARCH64_LD64_GOTPAGE_LO15) ||
		       (type >= R_AARCH64_TLSGD_ADR_PREL21 &&
			type <= R_AARCH64_TLSGD_MOVW_G0_NC) ||
		       (type >= R_AARCH64_TLSIE_MOVW_GOTTPREL_G1 &&
			type <= R_AARCH64_TLSIE_LD_GOTTPREL_PREL19) ||
		       (type >= R_AARCH64_TLSDESC_LD_PREL19 &&
			type <= R_AARCH64_TLSDESC_CALL);
	case EM_ARM:
		switch (type) {
		case R_ARM_GOTOFF:
		case R_ARM_GOTPC:
		case R_ARM_GOT32:
		case R_ARM_GOT_ABS:
		case R_ARM_GOT_PREL:
		case R_ARM_GOT_BREL12:
		case R_ARM_GOTOFF12:
		case R_ARM_TLS_GD32:
		case R_ARM_TLS_IE32:
		case R_ARM_TLS_IE12GP:
		case R_ARM_TLS_GOTDESC:
		case R_ARM_TLS_CALL:
		case R_ARM_TLS_DESCSEQ:
		case R_ARM_THM_TLS_CALL:
			return true;
		}
		return false;
	case EM_RISCV:
		return type == R_RISCV_GOT_HI20 ||
		       type == R_RISCV_TLS_GOT_HI20 ||
		       type == R_RISCV_TLS_GD_HI20;
	}
	return false;
}

/* Whether an aarch64 relocation against a global symbol makes GNU ld
 * create the IFUNC sections (image.makes_iplt). */
static bool iplt_type(uint32_t type)
{
	switch (type) {
	case R_AARCH64_ABS64:
	case R_AARCH64_ADD_ABS_LO12_NC:
	case R_AARCH64_ADR_PREL_PG_HI21:
	case R_AARCH64_CALL26:
	case R_AARCH64_JUMP26:
	case R_AARCH64_GOT_LD_PREL19:
	case R_AARCH64_ADR_GOT_PAGE:
	case R_AARCH64_LD64_GOT_LO12_NC:
	case R_AARCH64_LD64_GOTPAGE_LO15:
	case R_AARCH64_LD64_GOTOFF_LO15:
	case R_AARCH64_MOVW_GOTOFF_G0_NC:
	case R_AARCH64_MOVW_GOTOFF_G1:
		return true;
	}
	return false;
}

/* Whether a relocation puts its symbol's address, a word of the machine,
 * into the section: run-time relocated in a writable one. */
static bool word_type(uint16_t machine, uint32_t type)
{
	return (machine == EM_X86_64 && type == R_X86_64_64) ||
	       (machine == EM_386 && type == R_386_32);
}

/* Records a relocation against a global symbol the object does not
 * define, or defines as an IFUNC (image_symref): on the machines whose
 * IFUNCs ld 2.40 handles in static links here. */
static bool add_symref(const char *path, image *img, const reloc_cursor *c,
		       const reloc_entry *e, const GElf_Shdr *sh,
		       vl_error *err)
{
	if (img->machine != EM_X86_64 && img->machine != EM_386 &&
	    img->machine != EM_AARCH64 && img->machine != EM_ARM)
		return true;
	if (GELF_ST_BIND(e->s.st_info) == STB_LOCAL ||
	    (e->s.st_shndx != SHN_UNDEF &&
	     GELF_ST_TYPE(e->s.st_info) != STT_GNU_IFUNC))
		return true;
	const char *name = reloc_symbol_name(c, e);
	if (!name || !*name)
		return true;
	if (!vl_grow((void **)&img->symrefs, &img->cap_symrefs, img->nsymrefs,
		     sizeof(*img->symrefs)))
		return vl_fail(err, path, 0, 0, "out of memory");
	image_symref *r = &img->symrefs[img->nsymrefs];
	r->section = sh->sh_info;
	r->type = e->type;
	r->data = word_type(img->machine, e->type) &&
		  (img->sections[sh->sh_info - 1].flags & SHF_WRITE);
	if (!(r->global = strdup(name)))
		return vl_fail(err, path, 0, 0, "out of memory");
	img->nsymrefs++;
	return true;
}

/* The GOT relocations of relocation section sh (see got_type). */
static bool read_gotrefs(const char *path, Elf *elf, Elf_Scn *scn,
			 const GElf_Shdr *sh, image *img, vl_error *err)
{
	const char *target = img->sections[sh->sh_info - 1].name;
	Elf_Data *code = NULL; /* the contents they apply to, once needed */
	reloc_cursor c;
	reloc_entry e;

	if (!reloc_open(&c, path, elf, scn, sh, target, err))
		return false;
	for (size_t i = 0; i < c.n; i++) {
		if (!reloc_get(&c, i, &e))
			return vl_fail(err, path, 0, 0,
				       "cannot read relocation %zu of section "
				       "%s: %s",
				       i, target, elf_errmsg(-1));
		if (!e.has_sym)
			continue;
		const char *name = reloc_symbol_name(&c, &e);
		bool gotsym = name && !strcmp(name, "_GLOBAL_OFFSET_TABLE_");
		if (img->machine == EM_AARCH64 && iplt_type(e.type) &&
		    GELF_ST_BIND(e.s.st_info) != STB_LOCAL)
			img->makes_iplt = true;
		if (!got_type(img->machine, e.type) && !gotsym) {
			if (!add_symref(path, img, &c, &e, sh, err))
				return false;
			continue;
		}
		if (!vl_grow((void **)&img->gotrefs, &img->cap_gotrefs,
			     img->ngotrefs, sizeof(*img->gotrefs)))
			return vl_fail(err, path, 0, 0, "out of memory");
		image_gotref *g = &img->gotrefs[img->ngotrefs++];
		memset(g, 0, sizeof(*g));
		/* What x86's convert_load_reloc looks at: the addend (REL:
		 * the 4 bytes in place) and the opcode 2 bytes before. */
		if (!code)
			code = elf_getdata(elf_getscn(elf, sh->sh_info), NULL);
		const unsigned char *p =
		    code && code->d_buf ? code->d_buf : NULL;
		size_t psize = p ? code->d_size : 0;
		uint64_t at = e.offset;
		g->opcode = p && at >= 2 && at - 2 < psize ? p[at - 2] : -1;
		g->addend = e.addend;
		if (sh->sh_type == SHT_REL && p && at + 4 <= psize)
			g->addend = (int32_t)((uint32_t)p[at] |
					      (uint32_t)p[at + 1] << 8 |
					      (uint32_t)p[at + 2] << 16 |
					      (uint32_t)p[at + 3] << 24);
		g->type = e.type;
		g->section = sh->sh_info;
		g->sym = e.sym;
		g->defined = e.s.st_shndx != SHN_UNDEF;
		g->in_section = e.s.st_shndx < SHN_LORESERVE ? e.s.st_shndx : 0;
		if (GELF_ST_BIND(e.s.st_info) != STB_LOCAL &&
		    !(g->global = strdup(name ? name : "")))
			return vl_fail(err, path, 0, 0, "out of memory");
	}
	return true;
}

/* The sections of the object that relocation section sh refers to, for
 * is (see image_section.targets).  Each target once: a mark per section
 * of the object. */
static bool read_targets(const char *path, Elf *elf, Elf_Scn *scn,
			 const GElf_Shdr *sh, image *img, image_section *is,
			 bool *seen, vl_error *err)
{
	reloc_cursor c;
	reloc_entry e;
	bool ok = true;

	if (!reloc_open(&c, path, elf, scn, sh, is->name, err))
		return false;
	/* seen (one mark per section of the object, all clear) marks this
	 * section's targets while it is read, and is cleared after. */
	for (size_t k = 0; k < is->ntargets; k++)
		seen[is->targets[k].section] = true;
	for (size_t i = 0; ok && i < c.n; i++) {
		if (!reloc_get(&c, i, &e) || !e.has_sym ||
		    e.s.st_shndx == SHN_UNDEF ||
		    e.s.st_shndx >= SHN_LORESERVE ||
		    e.s.st_shndx > img->nsections || seen[e.s.st_shndx])
			continue;
		const char *name = GELF_ST_TYPE(e.s.st_info) == STT_SECTION
				       ? img->sections[e.s.st_shndx - 1].name
				       : reloc_symbol_name(&c, &e);
		if (!vl_grow((void **)&is->targets, &is->cap_targets,
			     is->ntargets, sizeof(*is->targets)) ||
		    !(name = strdup(name ? name : ""))) {
			ok = vl_fail(err, path, 0, 0, "out of memory");
			break;
		}
		is->targets[is->ntargets++] =
		    (image_target){e.s.st_shndx, (char *)name};
		seen[e.s.st_shndx] = true;
	}
	for (size_t k = 0; k < is->ntargets; k++)
		seen[is->targets[k].section] = false;
	return ok;
}

/* Whether a RISC-V relocation section has R_RISCV_RELAX (51) or
 * R_RISCV_ALIGN (43): ld may shrink the code it applies to. */
static bool has_relax(Elf_Scn *scn, const GElf_Shdr *sh)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t n = sh->sh_entsize ? sh->sh_size / sh->sh_entsize : 0;
	uint64_t offset, info;
	int64_t addend;

	for (size_t i = 0; data && i < n; i++)
		if (get_reloc(data, sh, i, &offset, &info, &addend) &&
		    (GELF_R_TYPE(info) == 51 || GELF_R_TYPE(info) == 43))
			return true;
	return false;
}

/* A COMDAT group's members get its signature: the name of the symbol
 * sh_info names, or for a section symbol, that section's name. */
static bool read_group(const char *path, Elf *elf, Elf_Scn *scn,
		       const GElf_Shdr *sh, image *img, vl_error *err)
{
	Elf_Data *data = elf_getdata(scn, NULL), *syms;
	Elf_Scn *symscn = elf_getscn(elf, sh->sh_link);
	GElf_Shdr symsh;
	GElf_Sym sym;
	const char *name = NULL;

	if (!data || data->d_size < 4 || !symscn ||
	    !gelf_getshdr(symscn, &symsh) ||
	    !(syms = elf_getdata(symscn, NULL)) ||
	    !gelf_getsym(syms, (int)sh->sh_info, &sym))
		return vl_fail(err, path, 0, 0, "cannot read group section: %s",
			       elf_errmsg(-1));
	const Elf32_Word *w = data->d_buf;
	size_t n = data->d_size / 4;
	if (!(w[0] & GRP_COMDAT))
		return true;
	if (GELF_ST_TYPE(sym.st_info) == STT_SECTION && sym.st_shndx &&
	    sym.st_shndx <= img->nsections)
		name = img->sections[sym.st_shndx - 1].name;
	else
		name = elf_strptr(elf, symsh.sh_link, sym.st_name);
	if (!name)
		return vl_fail(err, path, 0, 0,
			       "cannot read a group's signature: %s",
			       elf_errmsg(-1));
	for (size_t i = 1; i < n; i++) {
		if (!w[i] || w[i] > img->nsections)
			continue;
		image_section *m = &img->sections[w[i] - 1];
		if (m->comdat)
			continue;
		if (!(m->comdat = strdup(name)))
			return vl_fail(err, path, 0, 0, "out of memory");
	}
	return true;
}

/* Each relocation section once: which section it applies to, the
 * sections its symbols are in, COMDAT groups, x86 GOT relocations,
 * RISC-V relaxations, and .eh_frame's relocations.  seen: one clear mark
 * per section, for read_targets. */
static bool scan_relocated(const char *path, Elf *elf, image *img, bool *seen,
			   vl_error *err)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_GROUP &&
		    img->type == ET_REL &&
		    !read_group(path, elf, scn, &sh, img, err))
			return false;
		if (!gelf_getshdr(scn, &sh) ||
		    (sh.sh_type != SHT_REL && sh.sh_type != SHT_RELA) ||
		    !sh.sh_size || sh.sh_info == 0 ||
		    sh.sh_info > img->nsections)
			continue;
		image_section *is = &img->sections[sh.sh_info - 1];
		is->relocated = true;
		if (img->type == ET_REL && (is->flags & SHF_ALLOC) &&
		    !read_targets(path, elf, scn, &sh, img, is, seen, err))
			return false;
		if ((img->machine == EM_X86_64 || img->machine == EM_386 ||
		     img->machine == EM_AARCH64 || img->machine == EM_ARM ||
		     img->machine == EM_RISCV) &&
		    img->type == ET_REL && (is->flags & SHF_ALLOC) &&
		    !read_gotrefs(path, elf, scn, &sh, img, err))
			return false;
		if (img->machine == EM_RISCV && img->type == ET_REL &&
		    (is->flags & SHF_ALLOC) && has_relax(scn, &sh)) {
			img->relaxes = true;
			if (!is->data && is->type != SHT_NOBITS &&
			    !read_contents(path, elf_getscn(elf, sh.sh_info),
					   is, err))
				return false;
			if (!read_relocs(path, elf, scn, &sh, is, err))
				return false;
			continue;
		}
		if (is->data && !strncmp(is->name, ".eh_frame", 9) &&
		    !read_relocs(path, elf, scn, &sh, is, err))
			return false;
	}
	return true;
}

/* Which sections relocations apply to, and what of them ld needs (see
 * scan_relocated). */
static bool read_relocated(const char *path, Elf *elf, image *img,
			   vl_error *err)
{
	bool *seen = calloc(img->nsections + 1, sizeof(*seen));
	bool ok;

	if (!seen)
		return vl_fail(err, path, 0, 0, "out of memory");
	ok = scan_relocated(path, elf, img, seen, err);
	free(seen);
	return ok;
}

/* Section headers and symbols are read only for linker scripts, where an
 * object's input sections are what the script places. */
static bool read_sections(const char *path, Elf *elf, image *img, vl_error *err)
{
	size_t shnum, shstrndx;
	Elf_Scn *scn = NULL;

	if (elf_getshdrnum(elf, &shnum) != 0 ||
	    elf_getshdrstrndx(elf, &shstrndx) != 0)
		return vl_fail(err, path, 0, 0,
			       "cannot read the section headers: %s",
			       elf_errmsg(-1));
	img->sections = calloc(shnum ? shnum : 1, sizeof(*img->sections));
	if (!img->sections)
		return vl_fail(err, path, 0, 0, "out of memory");
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *name;
		if (!gelf_getshdr(scn, &sh) ||
		    !(name = elf_strptr(elf, shstrndx, sh.sh_name)))
			return vl_fail(err, path, 0, 0,
				       "cannot read section %zu: %s",
				       elf_ndxscn(scn), elf_errmsg(-1));
		if (img->nsections >= shnum)
			break;
		image_section *is = &img->sections[img->nsections];
		if (!(is->name = strdup(name)))
			return vl_fail(err, path, 0, 0, "out of memory");
		img->nsections++;
		is->addr = sh.sh_addr;
		is->size = sh.sh_size;
		is->align = sh.sh_addralign ? sh.sh_addralign : 1;
		is->type = sh.sh_type;
		is->flags = sh.sh_flags;
		is->entsize = sh.sh_entsize;
		is->link = sh.sh_link;
		if (!va_is_pow2(is->align))
			return vl_fail(err, path, 0, 0,
				       "section %s has alignment 0x%" PRIx64
				       ", which is not a power of two",
				       name, is->align);
		/* An object has one symbol table; a second one is read no
		 * more than ld reads it. */
		if (sh.sh_type == SHT_SYMTAB && !img->symbols &&
		    !read_symbols(path, elf, scn, &sh, img, err))
			return false;
		if (contents_wanted(img, is) &&
		    !read_contents(path, scn, is, err))
			return false;
	}
	return read_relocated(path, elf, img, err);
}

static elfimage_status read_image(const char *path, image *out, bool full,
				  vl_error *err)
{
	unsigned char ident[SARMAG > EI_NIDENT ? SARMAG : EI_NIDENT];
	elfimage_status status = ELFIMAGE_ERROR;
	image img = {0};
	struct stat st;
	ssize_t got;
	int fd, errnum;

	memset(out, 0, sizeof(*out));
	if (elf_version(EV_CURRENT) == EV_NONE) {
		vl_fail(err, path, 0, 0, "libelf is too old: %s",
			elf_errmsg(-1));
		return ELFIMAGE_ERROR;
	}
	/* A FIFO or a device given by mistake must not hang the run. */
	fd = infile_open(path, &st, &errnum);
	if (fd < 0) {
		if (errnum)
			vl_fail(err, path, 0, 0, "cannot open: %s",
				strerror(errnum));
		else if (S_ISDIR(st.st_mode))
			vl_fail(err, path, 0, 0,
				"is a directory, not an input file");
		else
			vl_fail(err, path, 0, 0, "is %s, not a regular file",
				infile_kind(st.st_mode));
		return ELFIMAGE_ERROR;
	}
	got = pread(fd, ident, sizeof(ident), 0);
	if (got < 0) {
		vl_fail(err, path, 0, 0, "cannot read: %s", strerror(errno));
		goto out_fd;
	}
	if (got >= SARMAG && memcmp(ident, ARMAG, SARMAG) == 0) {
		vl_fail(err, path, 0, 0,
			"is an ar archive (a static library), not a linked "
			"image");
		goto out_fd;
	}
	if (got < SELFMAG || memcmp(ident, ELFMAG, SELFMAG) != 0) {
		vl_fail(err, path, 0, 0, "not an ELF file");
		status = ELFIMAGE_NOT_ELF;
		goto out_fd;
	}
	/* ELF_C_READ, not ELF_C_READ_MMAP: libelf then reads what it is
	 * asked for with pread and nothing else -- the headers, and of an
	 * object a few sections' contents -- so a 100 MiB library costs two
	 * small reads. */
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf) {
		vl_fail(err, path, 0, 0,
			"truncated or malformed ELF header (the file has "
			"%lld bytes): %s",
			(long long)st.st_size, elf_errmsg(-1));
		goto out_fd;
	}
	img.path = strdup(path);
	if (!img.path)
		vl_fail(err, path, 0, 0, "out of memory");
	else if (read_elf(path, elf, (uint64_t)st.st_size, full, &img, err) &&
		 (!full || read_sections(path, elf, &img, err)))
		status = ELFIMAGE_OK;
	elf_end(elf);
out_fd:
	close(fd);
	if (status == ELFIMAGE_OK)
		*out = img;
	else
		elfimage_free(&img);
	return status;
}

elfimage_status elfimage_read(const char *path, image *out, vl_error *err)
{
	return read_image(path, out, false, err);
}

elfimage_status elfimage_read_full(const char *path, image *out, vl_error *err)
{
	return read_image(path, out, true, err);
}
