#include "corefile.h"

#include "infile.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The files behind the mappings: NT_FILE's table of [start, end) and
 * file name. */
typedef struct core_file {
	va_range range;
	const char *name; /* into the note's data */
} core_file;

typedef struct core_files {
	core_file *v;
	size_t n;
} core_files;

/* A word of the note: 4 or 8 bytes in the core's byte order. */
static uint64_t word(const unsigned char *p, size_t w, bool big)
{
	uint64_t v = 0;

	for (size_t i = 0; i < w; i++)
		v |= (uint64_t)p[big ? w - 1 - i : i] << (8 * i);
	return v;
}

/* Parse NT_FILE: count, page size, count x (start, end, offset), then
 * count NUL-terminated names.  A damaged table is ignored (the mappings
 * are still there, just unnamed) rather than trusted. */
static void read_nt_file(const unsigned char *d, size_t len, size_t w, bool big,
			 core_files *out)
{
	if (len < 2 * w)
		return;
	uint64_t count = word(d, w, big);
	if (count == 0 || count > (len - 2 * w) / (3 * w))
		return;
	const unsigned char *names = d + 2 * w + count * 3 * w;
	const unsigned char *end = d + len;
	core_file *v = calloc(count, sizeof(*v));
	if (!v)
		return;
	for (uint64_t i = 0; i < count; i++) {
		const unsigned char *e = d + 2 * w + i * 3 * w;
		const unsigned char *nul =
		    memchr(names, 0, (size_t)(end - names));
		if (!nul) {
			free(v);
			return;
		}
		v[i] = (core_file){{word(e, w, big), word(e + w, w, big)},
				   (const char *)names};
		names = nul + 1;
	}
	free(out->v);
	out->v = v;
	out->n = count;
}

static const char *file_of(const core_files *f, va_range r)
{
	for (size_t i = 0; i < f->n; i++)
		if (va_range_overlaps(f->v[i].range, r))
			return f->v[i].name;
	return "";
}

static bool add(procmaps *out, va_range r, uint32_t flags, const char *name)
{
	procmap m = {0};

	m.range = r;
	m.perms[0] = flags & PF_R ? 'r' : '-';
	m.perms[1] = flags & PF_W ? 'w' : '-';
	m.perms[2] = flags & PF_X ? 'x' : '-';
	m.perms[3] = 'p';
	/* The vsyscall page is in every x86-64 core, above user space. */
	if (r.start == UINT64_C(0xffffffffff600000))
		name = "[vsyscall]";
	if (!(m.path = strdup(name)))
		return false;
	if (!procmaps_push(out, &m)) {
		free(m.path);
		return false;
	}
	return true;
}

static bool notes(Elf *e, const GElf_Phdr *ph, bool cls64, bool big,
		  core_files *files)
{
	Elf_Data *data = elf_getdata_rawchunk(e, (int64_t)ph->p_offset,
					      ph->p_filesz, ELF_T_NHDR);
	GElf_Nhdr nh;
	size_t off = 0, name_off, desc_off;

	if (!data)
		return false;
	while ((off = gelf_getnote(data, off, &nh, &name_off, &desc_off)) > 0)
		if (nh.n_type == NT_FILE && nh.n_namesz == 5 &&
		    !memcmp((char *)data->d_buf + name_off, "CORE", 4))
			read_nt_file((unsigned char *)data->d_buf + desc_off,
				     nh.n_descsz, cls64 ? 8 : 4, big, files);
	return true;
}

bool corefile_read(const char *path, procmaps *out, vl_error *err)
{
	core_files files = {0};
	size_t nph;
	bool ok = false;
	Elf *e = NULL;
	int fd;

	memset(out, 0, sizeof(*out));
	if (!(out->path = strdup(path)))
		return vl_fail_oom(err);
	struct stat st;
	int errnum;
	if ((fd = infile_open(path, &st, &errnum)) < 0) {
		if (errnum)
			vl_fail(err, path, 0, 0, "cannot open: %s",
				strerror(errnum));
		else
			vl_fail(err, path, 0, 0, "is %s, not a regular file",
				infile_kind(st.st_mode));
		goto done;
	}
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ, NULL);
	GElf_Ehdr eh;
	if (!e || !gelf_getehdr(e, &eh) || eh.e_type != ET_CORE ||
	    elf_getphdrnum(e, &nph) != 0) {
		vl_fail(err, path, 0, 0, "not a readable core file");
		goto done;
	}
	bool cls64 = eh.e_ident[EI_CLASS] == ELFCLASS64;
	bool big = eh.e_ident[EI_DATA] == ELFDATA2MSB;
	/* The names first: the mappings are named from them. */
	for (size_t i = 0; i < nph; i++) {
		GElf_Phdr ph;
		if (gelf_getphdr(e, (int)i, &ph) && ph.p_type == PT_NOTE &&
		    !notes(e, &ph, cls64, big, &files)) {
			vl_fail(err, path, 0, 0,
				"program header %zu: a note past the end of "
				"the file",
				i);
			goto done;
		}
	}
	for (size_t i = 0; i < nph; i++) {
		GElf_Phdr ph;
		va_range r;
		if (!gelf_getphdr(e, (int)i, &ph) || ph.p_type != PT_LOAD ||
		    !ph.p_memsz)
			continue;
		if (!va_range_from_size(ph.p_vaddr, ph.p_memsz, &r)) {
			vl_fail(err, path, 0, 0,
				"program header %zu: a mapping that wraps past "
				"2^64",
				i);
			goto done;
		}
		if (!add(out, r, ph.p_flags, file_of(&files, r))) {
			vl_fail_oom(err);
			goto done;
		}
	}
	ok = true;
done:
	free(files.v);
	if (e)
		elf_end(e);
	if (fd >= 0)
		close(fd);
	if (!ok)
		procmaps_free(out);
	return ok;
}
