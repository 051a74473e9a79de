/* The checks.  Each check_* function looks at plain values (images, a
 * layout), appends what it finds to a vl_diags and returns the number of
 * findings, or -1 when memory ran out.  None of them opens a file. */
#ifndef VASLINT_CHECK_H
#define VASLINT_CHECK_H

#include "diag.h"
#include "elfimage.h"
#include "layout.h"
#include "requests.h"

/* Where an image's segments land at run time: the load base vaslint
 * assumes, the page-rounded range of every PT_LOAD, and whether the image
 * has a fixed place at all (a position-independent one without a layout
 * load base has not). */
typedef struct placed_image {
	const image *img;
	bool placed;
	uint64_t base;	   /* added to every p_vaddr */
	uint64_t page;	   /* rounding granule */
	va_range *ranges;  /* per segment, page-rounded, base added */
	va_range span;	   /* lowest start to highest end */
	va_range occupied; /* span, or the linker area where it is larger */
} placed_image;

/* Place an image for a layout (NULL: no platform, 4 KiB pages).  Returns
 * false with err when the image cannot be placed at all (machine does not
 * match the layout, a segment wraps past 2^64 after adding the base). */
bool check_place_image(const image *img, const layout *l, placed_image *out,
		       vl_error *err);
void check_placed_free(placed_image *p);

int check_segment_congruence(const placed_image *p, vl_diags *out);
int check_segment_overlap(const placed_image *p, vl_diags *out);
int check_position_independent(const placed_image *p, const layout *l,
			       vl_diags *out);
int check_address_space(const placed_image *p, const layout *l, vl_diags *out);
int check_reserved_overlap(const placed_image *p, const layout *l,
			   vl_diags *out);
int check_image_overlap(const placed_image *a, const placed_image *b,
			vl_diags *out);

/* Run every image check in order, and with `together` check the images
 * against each other as parts of one address space; the sum of findings
 * or -1. */
int check_images(const placed_image *imgs, size_t n, const layout *l,
		 bool together, vl_diags *out);

/* An address range that a text input (a linker script) fixes, with the
 * place of the expression that fixed it.  size_known false: only the start
 * is known, and only it is checked. */
typedef struct fixed_range {
	const char *kind; /* "section", "image base", "memory region" */
	const char *name;
	va_range range;
	bool size_known;
	const char *file;
	unsigned line, column;
	bool position_dependent; /* a script's: the exec limit applies */
} fixed_range;

/* reserved-overlap and outside-address-space for fixed ranges; hint is
 * appended to reserved-overlap messages ("" for none). */
int check_fixed_ranges(const fixed_range *r, size_t n, const layout *l,
		       const char *hint, vl_diags *out);

/* The link address vaslint proposes for an image of size bytes: the
 * lowest legal one at the largest page alignment of the layout that has
 * one, stepping down through the page sizes but not below min_align.
 * Legal: inside the address space (below the exec limit) and clear of
 * every region.  False when no alignment has one. */
bool check_link_address(const layout *l, uint64_t size, uint64_t min_align,
			uint64_t *addr, uint64_t *align);

/* The hint check_reserved_overlap gives for an image of `size` bytes
 * whose segments need `align`: where it could be linked instead. */
void check_legal_hint(const layout *l, uint64_t size, uint64_t align, char *buf,
		      size_t len);

/* The lowest link address at which an image spanning `size` bytes (with
 * alignment `align`) lies inside the address space and clear of every
 * reserved region; false when none exists. */
bool check_lowest_legal(const layout *l, uint64_t size, uint64_t align,
			uint64_t *out);

/* Requests: unaligned-request (a fixed address or offset that defeats the
 * natural alignment of the size: the cost now and if aligned),
 * unalignable-size (a size that wastes a page tail, or a large one that is
 * not a multiple of the large page), and reserved-overlap /
 * outside-address-space for fixed requests.  The count, or -1. */
int check_requests(const requests *rq, const layout *l, vl_diags *out);

/* fixed-outside-reservation: a mapping that replaces what is there
 * (MAP_FIXED) at an address no reservation of the same program (PROT_NONE
 * mmap, managed dataspace) covers -- where the constants allow telling:
 * a reservation at an unknown address might cover it, so none is
 * reported then.  The count, or -1. */
int check_reservations(const requests *rq, vl_diags *out);

#endif
