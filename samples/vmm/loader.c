#include "loader.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static bool fail(char *why, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return false;
}

/* Copy every PT_LOAD of e (the file's bytes: raw, size) into g. */
static bool load_segments(gmem *g, const char *path, Elf *e, const char *raw,
			  size_t size, guest_image *img, char *why, size_t len)
{
	size_t n;

	if (elf_getphdrnum(e, &n) != 0)
		return fail(why, len, "%s: no program headers: %s", path,
			    elf_errmsg(-1));
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		guest_segment *s;
		if (!gelf_getphdr(e, (int)i, &ph))
			return fail(why, len, "%s: program header %zu: %s",
				    path, i, elf_errmsg(-1));
		if (ph.p_type != PT_LOAD || !ph.p_memsz)
			continue;
		if (img->nsegs == LOADER_MAX_SEGMENTS)
			return fail(why, len, "%s: more than %d segments", path,
				    LOADER_MAX_SEGMENTS);
		if (ph.p_filesz > ph.p_memsz || ph.p_offset > size ||
		    ph.p_filesz > size - ph.p_offset)
			return fail(why, len,
				    "%s: segment %zu lies outside the file",
				    path, i);
		if (!gmem_contains(g, ph.p_paddr, ph.p_memsz))
			return fail(why, len,
				    "%s: segment %zu [0x%" PRIx64 ", 0x%" PRIx64
				    ") lies outside guest RAM "
				    "[0, 0x%" PRIx64 ")",
				    path, i, (uint64_t)ph.p_paddr,
				    (uint64_t)(ph.p_paddr + ph.p_memsz),
				    g->size);
		/* Through the shadow: the first write to each chunk faults
		 * and is granted as the guest's own accesses would be. */
		memcpy(gmem_ptr(g, ph.p_paddr), raw + ph.p_offset, ph.p_filesz);
		memset(gmem_ptr(g, ph.p_paddr + ph.p_filesz), 0,
		       ph.p_memsz - ph.p_filesz);
		s = &img->seg[img->nsegs++];
		s->gpa = ph.p_paddr;
		s->filesz = ph.p_filesz;
		s->memsz = ph.p_memsz;
	}
	if (!img->nsegs)
		return fail(why, len, "%s: no loadable segment", path);
	return true;
}

bool loader_load(gmem *g, const char *path, guest_image *img, char *why,
		 size_t len)
{
	GElf_Ehdr eh;
	Elf *e;
	const char *raw;
	size_t size;
	bool ok = false;
	int fd;

	memset(img, 0, sizeof(*img));
	if (elf_version(EV_CURRENT) == EV_NONE)
		return fail(why, len, "libelf is out of date");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(why, len, "%s: %s", path, strerror(errno));
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh)) {
		fail(why, len, "%s: not an ELF file", path);
	} else if (eh.e_type != ET_EXEC ||
		   (eh.e_machine != EM_386 && eh.e_machine != EM_X86_64)) {
		fail(why, len, "%s: not an x86 ELF executable", path);
	} else if (!(raw = elf_rawfile(e, &size))) {
		fail(why, len, "%s: %s", path, elf_errmsg(-1));
	} else if (load_segments(g, path, e, raw, size, img, why, len)) {
		img->entry = eh.e_entry;
		ok = true;
	}
	elf_end(e);
	close(fd);
	return ok;
}
