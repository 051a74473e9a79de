/* The guest image: an ELF file whose PT_LOAD segments are copied into
 * guest memory at their physical addresses (p_paddr), through the shadow. */
#ifndef VMM_LOADER_H
#define VMM_LOADER_H

#include <stddef.h>

#include "guestmem.h"

#define LOADER_MAX_SEGMENTS 16

typedef struct guest_segment {
	uint64_t gpa, filesz, memsz;
} guest_segment;

typedef struct guest_image {
	uint64_t entry;
	size_t nsegs;
	guest_segment seg[LOADER_MAX_SEGMENTS];
} guest_image;

/* Load path into g.  False with a one-line reason in why (naming the
 * file) when the file is not an x86 ELF executable whose segments fit
 * into guest RAM. */
bool loader_load(gmem *g, const char *path, guest_image *img, char *why,
		 size_t whylen);

#endif
