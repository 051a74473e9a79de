/* Platform layout descriptions (layouts/NAME.yaml): the address space a
 * program gets, the page sizes, and the regions the platform keeps. */
#ifndef VASLINT_LAYOUT_H
#define VASLINT_LAYOUT_H

#include "diag.h"
#include "range.h"

/* Where a value came from in a text file: 1-based line and column. */
typedef struct src_loc {
	const char *file; /* owned by whoever owns the loc's parent */
	unsigned line;
	unsigned column;
} src_loc;

typedef struct layout_param {
	char *name;
	uint64_t value;
	char *doc;
	bool set;	 /* given with -D rather than the default */
	bool no_default; /* the layout gives none: it must be given */
	src_loc loc;
} layout_param;

typedef struct layout_region {
	char *name;
	va_range range; /* empty regions (size 0) are kept but never conflict */
	char *why;
	src_loc loc;
	/* The program maps this region itself (layout key provided-by:
	 * program): a segment without access rights or anonymous memory of
	 * the program inside it is its legal filling. */
	bool provided_by_program;
	/* A parameter its size (or end) took from the default, not from a
	 * -D: the region may be empty only because it was not given. */
	const struct layout_param *unset_param;
	/* A parameter given with -D that its size (or end) came from: a
	 * conflict it makes is the user's value, not the layout's error. */
	const struct layout_param *given_param;
} layout_region;

/* The values a base can take with address-space randomization: from
 * lowest to highest, both included. */
typedef struct layout_aslr {
	bool set;
	uint64_t lowest, highest;
} layout_aslr;

typedef struct layout {
	char *path;
	char *name;
	char *description;
	uint16_t *machines;	  /* ELF e_machine values the layout accepts */
	uint8_t *machine_classes; /* with ELFCLASS32 or ELFCLASS64 each */
	char **machine_names;
	size_t nmachines;
	uint64_t *page_sizes; /* ascending; [0] is the base page */
	size_t npage_sizes;
	uint64_t flexpage_max; /* 0: the kernel has no flexpages */
	va_range address_space;
	src_loc address_space_loc; /* the address-space key */
	/* Where Linux puts a position-independent image (fs/binfmt_elf.c).
	 * pie_base: a program with an interpreter (ELF_ET_DYN_BASE; its
	 * first segment lands there, aligned down to its largest p_align).
	 * mmap_base: the top of the top-down mmap area, below which the
	 * kernel maps an image without interpreter (a static-pie, ld.so run
	 * as the program) and ld.so maps shared libraries (when
	 * libraries_at_mmap_base).  Without randomization; the *_aslr
	 * values are what each base can be with it. */
	bool has_pie_base;
	uint64_t pie_base;
	layout_aslr pie_aslr;
	bool has_mmap_base;
	uint64_t mmap_base;
	layout_aslr mmap_aslr;
	bool libraries_at_mmap_base;
	/* A file mapping at least this large lands aligned to it (0: none):
	 * page-cache huge pages, where the kernel picks the address. */
	uint64_t file_map_align;
	uint64_t linker_area; /* 0: none */
	char *linker_area_why;
	/* A position-dependent image (ET_EXEC, or linked by a script) must
	 * end at or below exec_limit (0: no limit beyond the address space):
	 * x86-64's small code model puts the program below 2 GiB. */
	uint64_t exec_limit;
	char *exec_limit_why;
	src_loc exec_limit_loc;
	layout_param *params;
	size_t nparams;
	layout_region *regions;
	size_t nregions;
} layout;

/* A -D NAME=VALUE from the command line, kept as text until the layout's
 * parameters are known. */
typedef struct layout_define {
	const char *name;
	const char *value;
	size_t name_len;
} layout_define;

/* Resolve -L NAME to a file: NAME containing '/' or ending in .yaml is a
 * path; otherwise layouts/NAME.yaml in the layouts directory.  Returns a
 * malloc'ed path, or NULL (with err) when there is no such layout. */
char *layout_find(const char *name, const char *layouts_dir, vl_error *err);

/* Read and evaluate a layout; parameters take their defaults, then the
 * defines.  Returns false with err (file:line:col) on any bad input. */
bool layout_load(const char *path, const layout_define *defs, size_t ndefs,
		 layout *out, vl_error *err);
void layout_free(layout *l);

/* The directory that holds the shipped layouts: $VASLINT_LAYOUTS, else
 * ../layouts (a build tree) or ../share/vaslint/layouts (an installation)
 * beside the executable's directory, else the build's data directory
 * (PREFIX/share/vaslint/layouts), else ./layouts; when none exists, the
 * data directory's, for the error to name. */
const char *layout_dir(const char *argv0);

/* Whether path is a shipped layout as -L NAME finds it (in dir, the
 * layout_dir() the caller took once), not a file of the user's. */
bool layout_is_shipped(const char *path, const char *dir);

/* The names of the layouts in dir (each NAME.yaml, without .yaml),
 * sorted; false with err when dir cannot be read or memory runs out.
 * Free them with layout_list_free. */
bool layout_list(const char *dir, char ***names, size_t *n, vl_error *err);
void layout_list_free(char **names, size_t n);

/* Split "NAME=VALUE"; false with err when it has no '=' or a bad name. */
bool layout_parse_define(const char *arg, layout_define *out, vl_error *err);

/* The machine name for an ELF e_machine and class ("x86_64", "x32",
 * "ppc64"), or NULL; it names machines no layout accepts, too. */
const char *layout_machine_name(uint16_t em, int elfclass);

/* The part of the address space a position-dependent image may use:
 * the address space, capped at the exec limit. */
va_range layout_exec_space(const layout *l);

#endif
