/* The address space as vaslint sees it: one list of named address ranges.
 *
 * Every reader's output ends up here as the same value, sp_range: a
 * layout's reserved regions, an image's loadable segments where they load,
 * a linker script's image, sections, symbols and MEMORY regions as the
 * simulated link places them, memory requests, and the free space left
 * between them.  Each range has a name, an origin (file, line, column), an
 * owner (the layout, one image, one script, the requests) and what is known
 * about it.  The checks (check.h) run over this list, `vaslint map` prints
 * it, and nothing downstream looks at ELF, YAML or clang types.
 *
 *   readers ──► space_add_*() ──► space ──► check_run() ──► vl_diags
 *                                       └─► map writers (report/) */
#ifndef VASLINT_SPACE_H
#define VASLINT_SPACE_H

#include "diag.h"
#include "elfimage.h"
#include "layout.h"
#include "procmaps.h"
#include "ldscript/ast.h"
#include "ldscript/eval.h"
#include "requests.h"

typedef enum sp_kind {
	SP_REGION,	/* a region the layout reserves */
	SP_SEGMENT,	/* an image's PT_LOAD, page-rounded, where it loads */
	SP_LINKER_AREA, /* a dynamic linker's area from the link address on */
	SP_IMAGE,	/* a script's whole image, from its base */
	SP_SECTION,	/* a script's allocated output section */
	SP_SYMBOL,	/* a script's symbol: a point */
	SP_MEMORY,	/* a script's MEMORY region */
	SP_REQUEST,	/* a memory request at a fixed address */
	SP_MAPPING,	/* a running process's mapping (/proc/PID/maps) */
	SP_LIMIT,	/* the layout's exec limit: a point */
	SP_ASLR,	/* where an image can land with randomization */
	SP_FREE,	/* address space nothing above occupies */
} sp_kind;

/* The word messages and map use for a kind ("section", "request"). */
const char *sp_kind_name(sp_kind k);

typedef enum sp_owner_kind {
	SP_OWN_LAYOUT,
	SP_OWN_IMAGE,
	SP_OWN_SCRIPT,
	SP_OWN_REQUESTS,
	SP_OWN_PROCESS,
} sp_owner_kind;

/* What the user can do when an owner's range hits a reserved region. */
typedef enum sp_hint {
	SP_HINT_NONE,
	SP_HINT_LINK,	       /* link it at the lowest legal address */
	SP_HINT_LOAD_ELSEWHERE /* the loader places it: load it elsewhere */
} sp_hint;

/* Which loader rule placed an image (README, Images). */
typedef enum sp_load_rule {
	SP_LOAD_LINKED,	    /* at its p_vaddr: ET_EXEC, or no layout */
	SP_LOAD_PIE,	    /* ET_DYN with PT_INTERP: at pie-base */
	SP_LOAD_STATIC_PIE, /* ET_DYN, no PT_INTERP, DF_1_PIE: below mmap-base
			     */
	SP_LOAD_LIBRARY,    /* ET_DYN, no PT_INTERP, no DF_1_PIE: the same */
} sp_load_rule;

/* Who a range belongs to: one image, one script, the requests, the layout.
 * Checks that compare ranges with each other stay within one owner
 * (segment-overlap) or compare owners (image-overlap). */
typedef struct sp_owner {
	sp_owner_kind kind;
	const char *path; /* the image or script file; NULL otherwise */
	const image *img;
	const ls_script *script;
	const ls_eval *eval;
	/* Where it lands is known (a position-independent image without a
	 * layout load base is not placed, and only its own ranges are
	 * checked against each other). */
	bool placed;
	uint64_t base; /* added to every p_vaddr (images), modulo 2^64 */
	/* How an image was placed: the rule, where its first page lies as
	 * linked and where it was checked, and (has_aslr) the range it can
	 * land in with randomization. */
	sp_load_rule rule;
	uint64_t linked_at, load_at;
	uint64_t load_align; /* what load_at was aligned to (ET_DYN) */
	bool has_aslr;
	va_range aslr;
	/* The exec limit applies: an ET_EXEC image, a script's image. */
	bool position_dependent;
	/* Findings about its ranges name them together, one finding a
	 * region ("segments 0 (R--), 1 (R-X)"): an image's segments are one
	 * thing to the user. */
	bool grouped;
	sp_hint hint;
	uint64_t hint_size, hint_align;
	/* A script's base given on the command line ("-Ttext"), malloc'ed;
	 * NULL: the script sets it. */
	char *base_option;
	va_range span;	   /* lowest start to highest end of its ranges */
	va_range occupied; /* span, or the linker area where larger */
	size_t first, n;   /* its ranges: space.v[first .. first + n) */
} sp_owner;

typedef struct sp_range {
	sp_kind kind;
	char *name;	/* "segment 1 (R-X)", ".text", "guest-ram" */
	va_range range; /* half-open; empty for points */
	/* false: only the start is known; range is [start, start). */
	bool size_known;
	src_loc origin; /* where it is defined */
	/* Where a finding about its placement points: the expression that
	 * fixed the address (a section's own address, or the base). */
	src_loc at;
	size_t owner; /* index into space.owners */
	/* Its placement is the owner's image placement: checked through the
	 * owner's SP_IMAGE range, not on its own. */
	bool placed_by_owner;
	/* What is known besides the range, by kind. */
	const image_segment *seg;  /* SP_SEGMENT */
	const layout_region *reg;  /* SP_REGION */
	const ls_out_section *sec; /* SP_SECTION */
	const request *req;	   /* SP_REQUEST */
	const procmap *map;	   /* SP_MAPPING */
	/* SP_SECTION: goes only to segments without access rights
	 * (PHDRS ... FLAGS(0)): a reservation, not part of the image. */
	bool no_access;
	bool has_lma; /* SP_SECTION: the load address */
	uint64_t lma;
	size_t memory; /* SP_SECTION: 1 + index of its SP_MEMORY range, 0 */
	/* SP_MEMORY, SP_SECTION: the range reaches the top of the address
	 * space, 2^64, which no end holds: range.end is 2^64 - 1 and nothing
	 * lies past. */
	bool to_top;
} sp_range;

/* Something a script's evaluation could not determine, for map. */
typedef struct sp_unknown {
	const char *what, *why;
	src_loc loc;
} sp_unknown;

typedef struct space {
	const layout *layout; /* NULL: no platform */
	sp_owner *owners;
	size_t nowners, owners_cap;
	sp_range *v;
	size_t n, cap;
	/* The layout's regions are the first ranges: v[0 .. nregions). */
	size_t nregions;
	sp_unknown *unknowns;
	size_t nunknowns, unknowns_cap;
	/* Images given together share one address space (image-overlap). */
	bool one_space;
	/* All requests of the run, for checks about reservations. */
	const requests *requests;
} space;

/* An empty space for a layout (NULL: none); the layout's regions are its
 * first ranges.  False when memory ran out. */
bool space_init(space *s, const layout *l);
void space_free(space *s);

/* Place an image for the layout and add its segments (and a dynamic
 * linker's area).  False with err when it cannot be placed at all: a
 * machine that does not match the layout, a segment that wraps past 2^64
 * at the load base. */
bool space_add_image(space *s, const image *img, vl_error *err);
/* A script's image, sections, symbols and MEMORY regions as its
 * evaluation placed them, and what it could not determine. */
bool space_add_script(space *s, const char *path, const ls_script *script,
		      const ls_eval *ev);
/* Requests at a fixed, known address, each a range; all of them stay
 * reachable through space.requests for the request checks. */
bool space_add_requests(space *s, const requests *rq);
/* A process's mappings, each a range ([vsyscall], which the kernel maps
 * above every user address space, is none). */
bool space_add_process(space *s, const procmaps *m);
/* The exec limit as a point and the free space of the layout's address
 * space left by everything added so far (map's view; checks ignore both).
 * Call last. */
bool space_add_free(space *s);

/* The machines a script's OUTPUT_FORMAT and OUTPUT_ARCH name are among
 * the layout's (l may be NULL: any machine); false with err at the
 * command that names another, as space_add_image refuses an image. */
bool space_script_machine_matches(const layout *l, const ls_script *script,
				  vl_error *err);

/* A script's base: its own ('.' before the first section, or that
 * section's address), else the option that places its first section
 * (-Ttext=, --section-start): *option names it (malloc'ed; NULL for the
 * script's own).  False when neither is known. */
bool space_script_base(const ls_eval *ev, uint64_t *base, char **option);

/* Where one image lands in a layout, with a dynamic linker's area: what
 * `fix` and `plan` size an image by.  False with err as space_add_image. */
bool space_image_extent(const image *img, const layout *l, va_range *out,
			vl_error *err);

/* The extent of the image a script describes: from the base to the end of
 * the last allocated section, leaving out sections that go only to
 * segments without access rights (FLAGS(0): reservations, not image);
 * false when a size is not known. */
bool space_script_extent(const ls_script *script, const ls_eval *ev,
			 va_range *out);

static inline const sp_owner *sp_owner_of(const space *s, const sp_range *r)
{
	return &s->owners[r->owner];
}

#endif
