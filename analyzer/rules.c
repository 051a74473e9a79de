#include "rules.h"

#include <string.h>

/* Contract ids first (DESIGN.md: extend, do not rename). */
const vl_rule vl_rules[] = {
    {
	"reserved-overlap",
	VL_ERROR,
	"an address range overlaps a region the platform reserves",
	"A segment, section or request of the program occupies addresses "
	"inside a region the platform layout reserves for something else: "
	"a VMM's guest-physical shadow, a microkernel's thread context "
	"(stack) area, a dynamic linker's area.",
	"The program links fine and dies at start-up: its own text or data "
	"is overwritten by the guest's RAM, or the kernel refuses to map the "
	"segment because the range is taken, far from the real cause.",
	"Link the program at the lowest legal address the message names "
	"(-Ttext-segment=ADDR, or the base address in its linker script; "
	"`vaslint fix` rewrites the script), or shrink the region, for "
	"example with a smaller -D GUEST_RAM.",
    },
    {
	"outside-address-space",
	VL_ERROR,
	"an address range lies outside the platform's user address space",
	"A segment, section or request lies, at least in part, below the "
	"first or above the last address the platform gives a program.",
	"The loader's attach or mmap of that segment fails, and the "
	"program never starts; on older kernels the limit was lower (NOVA "
	"x86_32 gave components only 2 GiB until September 2012).",
	"Link the program below the end of the address space the layout "
	"names, or choose the layout of the kernel version you run.",
    },
    {
	"segment-overlap",
	VL_ERROR,
	"two loadable segments of one image overlap",
	"Two PT_LOAD program headers of the same image cover the same "
	"addresses (after rounding to the platform's base page).",
	"The loader maps the later segment over the earlier one: code or "
	"data silently disappears, or the shared page gets the wrong "
	"access rights. Linkers do not report this and no common ELF "
	"checker does either.",
	"Give each output section its own page in the linker script (align "
	"segment starts to the page size), or check PHDRS assignments.",
    },
    {
	"unaligned-request",
	VL_ERROR,
	"an address or offset defeats the natural alignment of its size",
	"A fixed address or backing offset of a mapping is not aligned to "
	"the largest page its size could use.",
	"The kernel has to map it with many small pages instead of a few "
	"large ones: more TLB misses, more kernel memory, slower faults.",
	"Align the address and the offset to the largest power of two not "
	"above the size (capped at the largest page size).",
    },
    {
	"unalignable-size",
	VL_WARNING,
	"a size wastes a page tail or is not a multiple of the large page",
	"A request's size is not a multiple of the base page, or a large "
	"request is not a multiple of the large page.",
	"Rounding wastes memory, and the tail needs small pages.",
	"Round the size to the page, or to the large page for large "
	"requests.",
    },
    {
	"fixed-outside-reservation",
	VL_ERROR,
	"a fixed-address mapping lies outside any range the program reserved",
	"A MAP_FIXED mapping (or a fixed attach) is not inside a range the "
	"program reserved itself beforehand.",
	"MAP_FIXED replaces whatever was mapped there: the program's own "
	"heap, stack or libraries.",
	"Reserve the range first (PROT_NONE mmap or a managed dataspace) "
	"and map inside it, or use MAP_FIXED_NOREPLACE.",
    },
    {
	"segment-congruence",
	VL_ERROR,
	"a segment's p_vaddr and p_offset differ modulo p_align",
	"The ELF specification requires p_vaddr == p_offset modulo p_align "
	"for loadable segments.",
	"A loader that maps the file page by page cannot map such a "
	"segment; some loaders reject the image, others map wrong bytes.",
	"Relink with a linker script that keeps section addresses and file "
	"offsets congruent (do not set an address with a different page "
	"offset than the file position, or use -z max-page-size).",
    },
    {
	"image-overlap",
	VL_ERROR,
	"two images checked together occupy the same addresses",
	"Segments (or the dynamic linker area) of two images given in one "
	"call overlap; they cannot be loaded into one address space.",
	"Whichever is loaded second fails to map, or overwrites the first.",
	"Link one of the images at another address.",
    },
    {
	"position-independent",
	VL_NOTE,
	"a position-independent image was checked at an assumed base",
	"The image is ET_DYN: the loader picks its base at run time.",
	"vaslint can only check where it will land if the platform "
	"layout says where such images are loaded (key pie-base).",
	"Nothing to fix; add pie-base to the layout to check placement, "
	"or link the program as a fixed-address executable.",
    },
    {
	"script-error",
	VL_ERROR,
	"the linker would reject the script",
	"Something in the linker script cannot be linked: an "
	"expression names a symbol nothing defines, a section or memory "
	"region that does not exist, or computes something impossible.",
	"The link fails, or (for a symbol a later link provides) the "
	"address vaslint checks is not the one the program will get.",
	"Define the name, correct the expression, or give vaslint the "
	"objects (--image) that define the symbol.",
    },
    {
	"region-overflow",
	VL_ERROR,
	"output sections overflow a MEMORY region",
	"The sections the script puts in a MEMORY region need more "
	"bytes than the region's LENGTH.",
	"GNU ld and lld refuse to link ('region overflowed').",
	"Make the region larger, move sections to another region, or "
	"make the program smaller.",
    },
    {
	"outside-region",
	VL_ERROR,
	"an output section's address lies outside its MEMORY region",
	"A section assigned to a region (>region) has an address below "
	"the region's ORIGIN or past its end.",
	"The linker refuses to link, or the section lands where the "
	"memory does not exist.",
	"Drop the explicit address or assign the section to the region "
	"that holds it.",
    },
    {
	"section-overlap",
	VL_ERROR,
	"two output sections overlap",
	"Two allocated output sections occupy the same addresses (VMA) "
	"or the same load addresses (LMA); overlay members are exempt.",
	"GNU ld and lld refuse to link ('section ... overlaps section "
	"...'), or one section's contents overwrite the other's.",
	"Move one of the sections, or put them in an OVERLAY if they are "
	"meant to share addresses.",
    },
    {
	"location-counter-backwards",
	VL_ERROR,
	"the location counter moves backwards inside a section",
	"An assignment to '.' inside an output section sets it below "
	"its current value.",
	"GNU ld refuses ('cannot move location counter backwards'), lld "
	"too ('unable to move location counter backward').",
	"Assign a value at or above the current one, or move the "
	"assignment out of the section.",
    },
    {
	"assert-failed",
	VL_ERROR,
	"an ASSERT in the script fails",
	"ASSERT(expression, message) evaluates to zero with the "
	"addresses vaslint computed.",
	"The linker stops with the ASSERT's message.",
	"Change the layout so the condition holds, or the condition.",
    },
    {
	"lld-portability",
	VL_WARNING,
	"a script construct that lld drops, ignores or rejects",
	"The script uses something GNU ld accepts but lld silently drops "
	"(SQUAD, ASCIZ, LINKER_VERSION, CREATE_OBJECT_SYMBOLS), ignores "
	"(the segment name of SEGMENT_START) or rejects (a hex number "
	"with a K/M suffix, READONLY, LD_FEATURE, NEXT, BLOCK, STARTUP, "
	"MEMORY attributes i and l).",
	"Build pipelines switch linkers: the same script then fails to "
	"link or, worse, links into a different layout.",
	"Use the portable equivalent the message names.",
    },
    {
	"implicit-base",
	VL_WARNING,
	"the script sets no base address",
	"Nothing in the script sets where the image starts: no '.' "
	"assignment before the first output section and no address on "
	"it.",
	"Where the image lands then depends on the linker: GNU ld uses "
	"its default (0x400000 on x86-64), lld its --image-base "
	"(0x200000), so switching linkers moves the program.",
	"Set the base explicitly, e.g. '. = 0x400000;' or "
	"'. = SEGMENT_START(\"text-segment\", 0x400000);' at the top "
	"of SECTIONS.",
    },
    {
	"undetermined",
	VL_NOTE,
	"an address the script leaves to the link",
	"An address or size depends on the sizes of input sections, and "
	"no --image gave them.",
	"vaslint can check only the addresses it can compute.",
	"Give the linked program or its objects with --image.",
    },
};

const size_t vl_nrules = sizeof(vl_rules) / sizeof(vl_rules[0]);

const vl_rule *vl_rule_find(const char *id)
{
	for (size_t i = 0; i < vl_nrules; i++)
		if (strcmp(vl_rules[i].id, id) == 0)
			return &vl_rules[i];
	return NULL;
}

const vl_rule *const VL_RULE_RESERVED_OVERLAP = &vl_rules[0];
const vl_rule *const VL_RULE_OUTSIDE_ADDRESS_SPACE = &vl_rules[1];
const vl_rule *const VL_RULE_SEGMENT_OVERLAP = &vl_rules[2];
const vl_rule *const VL_RULE_UNALIGNED_REQUEST = &vl_rules[3];
const vl_rule *const VL_RULE_UNALIGNABLE_SIZE = &vl_rules[4];
const vl_rule *const VL_RULE_FIXED_OUTSIDE_RESERVATION = &vl_rules[5];
const vl_rule *const VL_RULE_SEGMENT_CONGRUENCE = &vl_rules[6];
const vl_rule *const VL_RULE_IMAGE_OVERLAP = &vl_rules[7];
const vl_rule *const VL_RULE_POSITION_INDEPENDENT = &vl_rules[8];
const vl_rule *const VL_RULE_SCRIPT_ERROR = &vl_rules[9];
const vl_rule *const VL_RULE_REGION_OVERFLOW = &vl_rules[10];
const vl_rule *const VL_RULE_OUTSIDE_REGION = &vl_rules[11];
const vl_rule *const VL_RULE_SECTION_OVERLAP = &vl_rules[12];
const vl_rule *const VL_RULE_LOCATION_BACKWARDS = &vl_rules[13];
const vl_rule *const VL_RULE_ASSERT_FAILED = &vl_rules[14];
const vl_rule *const VL_RULE_LLD_PORTABILITY = &vl_rules[15];
const vl_rule *const VL_RULE_IMPLICIT_BASE = &vl_rules[16];
const vl_rule *const VL_RULE_UNDETERMINED = &vl_rules[17];
