#include "rules.h"

#include <string.h>

#include "check.h"
#include "ldscript/script_check.h"
#include "ldscript/portability.h"

/* The one table of rules and their checks.  Contract ids first
 * (DESIGN.md: extend, do not rename); a new rule is one row here (and its
 * id in rules.h) and one check function. */
const vl_rule vl_rules[VL_NRULES] = {
    [VL_R_RESERVED_OVERLAP] =
	{
	    "reserved-overlap",
	    VL_ERROR,
	    check_reserved_overlap,
	    71,
	    "an address range overlaps a region the platform reserves",
	    "A segment, section or request of the program occupies addresses "
	    "inside a region the platform layout reserves for something else: "
	    "a VMM's guest-physical shadow, a microkernel's thread context "
	    "(stack) area, a dynamic linker's area.",
	    "The program links fine and dies at start-up: its own text or data "
	    "is overwritten by the guest's RAM, or the kernel refuses to map "
	    "the "
	    "segment because the range is taken, far from the real cause.",
	    "Link the program at the lowest legal address the message names "
	    "(-Ttext-segment=ADDR, or the base address in its linker script; "
	    "`vaslint fix` rewrites the script), or shrink the region, for "
	    "example with a smaller -D GUEST_RAM.",
	},
    [VL_R_OUTSIDE_ADDRESS_SPACE] =
	{
	    "outside-address-space",
	    VL_ERROR,
	    check_address_space,
	    70,
	    "an address range lies outside the platform's user address space",
	    "A segment, section or request lies, at least in part, below the "
	    "first or above the last address the platform gives a program.",
	    "The loader's attach or mmap of that segment fails, and the "
	    "program never starts; on older kernels the limit was lower (NOVA "
	    "x86_32 gave components only 2 GiB until September 2012).",
	    "Link the program below the end of the address space the layout "
	    "names, or choose the layout of the kernel version you run.",
	},
    [VL_R_SEGMENT_OVERLAP] =
	{
	    "segment-overlap",
	    VL_ERROR,
	    check_segment_overlap,
	    30,
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
    [VL_R_UNALIGNED_REQUEST] =
	{
	    "unaligned-request",
	    VL_ERROR,
	    check_unaligned_requests,
	    60,
	    "an address or offset defeats the natural alignment of its size",
	    "A fixed address or backing offset of a mapping is not aligned to "
	    "the largest page its size could use.",
	    "The kernel has to map it with many small pages instead of a few "
	    "large ones: more TLB misses, more kernel memory, slower faults.",
	    "Align the address and the offset to the largest power of two not "
	    "above the size (capped at the largest page size).",
	},
    [VL_R_UNALIGNABLE_SIZE] =
	{
	    "unalignable-size",
	    VL_WARNING,
	    check_unalignable_sizes,
	    61,
	    "a size wastes a page tail or is not a multiple of the large page",
	    "A request's size is not a multiple of the base page, or a large "
	    "request is not a multiple of the large page.",
	    "Rounding wastes memory, and the tail needs small pages.",
	    "Round the size to the page, or to the large page for large "
	    "requests.",
	},
    [VL_R_FIXED_OUTSIDE_RESERVATION] =
	{
	    "fixed-outside-reservation",
	    VL_ERROR,
	    check_reservations,
	    81,
	    "a fixed-address mapping lies outside any range the program "
	    "reserved",
	    "A MAP_FIXED mapping (or a fixed attach) is not inside a range the "
	    "program reserved itself beforehand.",
	    "MAP_FIXED replaces whatever was mapped there: the program's own "
	    "heap, stack or libraries.",
	    "Reserve the range first (PROT_NONE mmap or a managed dataspace) "
	    "and map inside it, or use MAP_FIXED_NOREPLACE.",
	},
    [VL_R_SEGMENT_CONGRUENCE] =
	{
	    "segment-congruence",
	    VL_ERROR,
	    check_segment_congruence,
	    20,
	    "a segment's p_vaddr and p_offset differ modulo p_align",
	    "The ELF specification requires p_vaddr == p_offset modulo p_align "
	    "for loadable segments.",
	    "A loader that maps the file page by page cannot map such a "
	    "segment; some loaders reject the image, others map wrong bytes.",
	    "Relink with a linker script that keeps section addresses and file "
	    "offsets congruent (do not set an address with a different page "
	    "offset than the file position, or use -z max-page-size).",
	},
    [VL_R_IMAGE_OVERLAP] =
	{
	    "image-overlap",
	    VL_ERROR,
	    check_image_overlap,
	    80,
	    "two images checked together occupy the same addresses",
	    "Segments (or the dynamic linker area) of two images given in one "
	    "call overlap; they cannot be loaded into one address space.",
	    "Whichever is loaded second fails to map, or overwrites the first.",
	    "Link one of the images at another address.",
	},
    [VL_R_POSITION_INDEPENDENT] =
	{
	    "position-independent",
	    VL_NOTE,
	    check_position_independent,
	    10,
	    "a position-independent image was checked where the loader "
	    "puts it",
	    "The image is ET_DYN: the loader picks its base at run time, by "
	    "rules the layout gives. Linux puts a program with an "
	    "interpreter (PT_INTERP) at ELF_ET_DYN_BASE (pie-base), whatever "
	    "its link address; a static-pie (no PT_INTERP, DF_1_PIE) "
	    "top-down below the mmap base (mmap-base), as it does the "
	    "interpreter; and ld.so puts shared libraries below the mmap "
	    "base too (shared-libraries). The note names the rule, the "
	    "address checked (without randomization, as `setarch -R` runs "
	    "it) and, where the layout gives it, the range the image can "
	    "land in with ASLR.",
	    "vaslint can only check where the image will land if the "
	    "platform layout says where such images are loaded; a library "
	    "lands lower than checked by whatever ld.so mapped before it.",
	    "Nothing to fix; add the keys to the layout to check placement, "
	    "or link the program as a fixed-address executable.",
	},
    [VL_R_SCRIPT_ERROR] =
	{
	    "script-error",
	    VL_ERROR,
	    ls_check_errors,
	    40,
	    "the linker would reject the script",
	    "Something in the linker script cannot be linked: an "
	    "expression names a symbol nothing defines, a section or memory "
	    "region that does not exist, or computes something impossible.",
	    "The link fails, or (for a symbol a later link provides) the "
	    "address vaslint checks is not the one the program will get.",
	    "Define the name, correct the expression, or give vaslint the "
	    "objects (--image) that define the symbol.",
	},
    [VL_R_REGION_OVERFLOW] =
	{
	    "region-overflow",
	    VL_ERROR,
	    ls_check_region_overflow,
	    43,
	    "output sections overflow a MEMORY region",
	    "The sections the script puts in a MEMORY region need more "
	    "bytes than the region's LENGTH.",
	    "GNU ld and lld refuse to link ('region overflowed').",
	    "Make the region larger, move sections to another region, or "
	    "make the program smaller.",
	},
    [VL_R_OUTSIDE_REGION] =
	{
	    "outside-region",
	    VL_ERROR,
	    ls_check_outside_region,
	    42,
	    "an output section's address lies outside its MEMORY region",
	    "A section assigned to a region (>region) has an address below "
	    "the region's ORIGIN or past its end.",
	    "The linker refuses to link, or the section lands where the "
	    "memory does not exist.",
	    "Drop the explicit address or assign the section to the region "
	    "that holds it.",
	},
    [VL_R_SECTION_OVERLAP] =
	{
	    "section-overlap",
	    VL_ERROR,
	    ls_check_section_overlap,
	    45,
	    "two output sections overlap",
	    "Two allocated output sections occupy the same addresses (VMA) "
	    "or the same load addresses (LMA); overlay members are exempt.",
	    "GNU ld and lld refuse to link ('section ... overlaps section "
	    "...'), or one section's contents overwrite the other's.",
	    "Move one of the sections, or put them in an OVERLAY if they are "
	    "meant to share addresses.",
	},
    [VL_R_LOCATION_BACKWARDS] =
	{
	    "location-counter-backwards",
	    VL_ERROR,
	    ls_check_backwards,
	    41,
	    "the location counter moves backwards inside a section",
	    "An assignment to '.' inside an output section sets it below "
	    "its current value.",
	    "GNU ld refuses ('cannot move location counter backwards'), lld "
	    "too ('unable to move location counter backward').",
	    "Assign a value at or above the current one, or move the "
	    "assignment out of the section.",
	},
    [VL_R_ASSERT_FAILED] =
	{
	    "assert-failed",
	    VL_ERROR,
	    ls_check_asserts,
	    44,
	    "an ASSERT in the script fails",
	    "ASSERT(expression, message) evaluates to zero with the "
	    "addresses vaslint computed.",
	    "The linker stops with the ASSERT's message.",
	    "Change the layout so the condition holds, or the condition.",
	},
    [VL_R_LLD_PORTABILITY] =
	{
	    "lld-portability",
	    VL_WARNING,
	    ls_check_portability,
	    50,
	    "a script construct that lld drops, ignores or rejects",
	    "The script uses something GNU ld accepts but lld silently drops "
	    "(SQUAD, ASCIZ, LINKER_VERSION, CREATE_OBJECT_SYMBOLS), ignores "
	    "(the segment name of SEGMENT_START), links differently (a file "
	    "name GNU ld opens itself, an unused PT_LOAD, a section that "
	    "only moves '.', the default base under INSERT) or rejects (a "
	    "hex number with a K/M suffix or a $ prefix, READONLY, "
	    "LD_FEATURE, NEXT, BLOCK, STARTUP, MEMORY attributes i and l, "
	    "MEMORY commas, quoted region names, NOCROSSREFS, OVERLAY "
	    "without AT, discarding .shstrtab, '+' of two section-relative "
	    "values, compound assignments other than +=).",
	    "Build pipelines switch linkers: the same script then fails to "
	    "link or, worse, links into a different layout.",
	    "Use the portable equivalent the message names.",
	},
    [VL_R_IMPLICIT_BASE] =
	{
	    "implicit-base",
	    VL_WARNING,
	    ls_check_implicit_base,
	    51,
	    "the script sets no base address",
	    "Nothing sets where the image starts: no '.' assignment before "
	    "the first output section, no address on it or on its OVERLAY, "
	    "no MEMORY region it goes to, and no -Ttext or --section-start "
	    "on the command line.",
	    "GNU ld and lld then both start the image at address 0, which "
	    "no platform maps for a program, and the base is written "
	    "nowhere: the build that links the script decides it, or "
	    "nothing does.",
	    "Set the base in the script ('. = 0x400000;' or "
	    "'. = SEGMENT_START(\"text-segment\", 0x400000);' at the top "
	    "of SECTIONS), or give it on the link command line as Genode "
	    "does (-Ttext=ADDRESS; vaslint takes the same option).",
	},
    [VL_R_UNDETERMINED] =
	{
	    "undetermined",
	    VL_NOTE,
	    ls_check_undetermined,
	    52,
	    "an address the script leaves to the link",
	    "An address or size depends on the sizes of input sections, and "
	    "no --image gave them.",
	    "vaslint can check only the addresses it can compute.",
	    "Give the linked program or its objects with --image.",
	},
    [VL_R_NEAR_RESERVED] =
	{
	    "near-reserved",
	    VL_WARNING,
	    check_near_reserved,
	    72,
	    "an address range ends just below a reserved region",
	    "A segment, section, image or request ends below a region the "
	    "platform reserves without touching it, but less than the layout's "
	    "largest page below it: the large page that holds its last byte "
	    "also holds the region's first.",
	    "The range cannot grow: a few more bytes of code or data, or a "
	    "larger region parameter, and the program runs into the region "
	    "(the failure this layout exists to catch, one build later). Its "
	    "last large page would also cover the region, so that page must be "
	    "mapped with small pages.",
	    "Leave the large page to the region: link the program elsewhere "
	    "(the lowest legal link address `vaslint fix` proposes is aligned "
	    "to the largest page), or move the request.",
	},
    [VL_R_NOT_LOADABLE] =
	{
	    "not-loadable",
	    VL_NOTE,
	    check_not_loadable,
	    11,
	    "an ELF file without loadable segments: nothing was checked",
	    "The file has no PT_LOAD program header: a relocatable object "
	    "(.o), a debug-info file, or another ELF file nothing loads.",
	    "Where an object lands is decided by the link, so none of its "
	    "addresses can be checked, and a pipeline that checks objects "
	    "would pass without checking anything.",
	    "Check the linked program, or the linker script with the "
	    "objects as --image (vaslint check --image FILE.o SCRIPT).",
	},
    [VL_R_PARAMETER_NOT_GIVEN] =
	{
	    "parameter-not-given",
	    VL_WARNING,
	    check_parameter_not_given,
	    5,
	    "a region is empty because its parameter was not given",
	    "A region of the layout is sized by a parameter (GUEST_RAM) that "
	    "was not given with -D, and its default leaves the region empty, "
	    "so nothing was checked against it.",
	    "Forgetting -D GUEST_RAM passes a VMM that overlaps its own guest "
	    "memory as clean: the July 2012 Vancouver case at 0x6000000 is "
	    "clean with no guest and broken with 256 MiB.",
	    "Give the parameter (-D GUEST_RAM=256M), or -D GUEST_RAM=0 to say "
	    "the program has none (an ordinary component, not a VMM); "
	    "params in .vaslint.yaml count as given.",
	},
    [VL_R_ELF_CONFORMANCE] =
	{
	    "elf-conformance",
	    VL_WARNING,
	    check_elf_conformance,
	    12,
	    "the ELF file breaks the specification where Linux does not look",
	    "The file breaks the ELF specification in a part the Linux "
	    "loader ignores: the section header table is cut off by the end "
	    "of the file or has the wrong entry size (the kernel maps a "
	    "program from its program headers alone), or a PT_LOAD's p_align "
	    "is not a power of two (fs/binfmt_elf.c skips such a value when "
	    "it aligns the load address). The program runs; vaslint checks "
	    "it as Linux loads it.",
	    "Tools that read the sections (gdb, strip, objcopy, eu-elflint) "
	    "refuse or misread the file, and another loader (a boot loader, "
	    "Genode's ld.lib.so, an emulator) may reject it: the file is "
	    "damaged or was written by a broken tool.",
	    "Rebuild the file, or find what cut or rewrote it (a download "
	    "or copy that stopped early, a post-link tool).",
	},
    [VL_R_OUTSIDE_REGION_MAP] =
	{
	    "outside-region-map",
	    VL_ERROR,
	    check_sub_region_maps,
	    62,
	    "an attach into a program's own region map lies outside it",
	    "A dataspace is attached into a region map the program created "
	    "itself (Genode's Rm_connection::create, a managed dataspace; "
	    "before 16.05 an Rm_connection of a given size) at an offset, or "
	    "with a size, that reaches past the end of that region map. Such "
	    "an attach is at an offset inside the region map, not at an "
	    "address of the program, so only the region map's size limits "
	    "it.",
	    "Core refuses the attach (a region conflict, or an exception "
	    "before 2024), and the program fails where it first touches "
	    "the memory it expected there.",
	    "Attach at an offset below the region map's size minus the "
	    "dataspace's size, or create the region map larger.",
	},
    [VL_R_MISSING_HEADER] =
	{
	    "missing-header",
	    VL_WARNING,
	    NULL,
	    4,
	    "a source includes a header that was not found",
	    "libclang did not find a file a C or C++ source #includes, with "
	    "the flags the scan had: those of compile_commands.json (-p), "
	    "those after --, and --extra-arg.",
	    "The declarations the header holds are missing, so calls to the "
	    "memory API that use them do not resolve and are not checked: "
	    "the file looks clean however it maps its memory.",
	    "Give the folder the header is in with -I: check with the build's "
	    "compile_commands.json (-p DIR; `bear -- make` writes one for a "
	    "make build), or give the flags after -- (vaslint check FILE -- "
	    "-Iinclude) or with --extra-arg=-IDIR.",
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

const char *vl_rule_near(const char *id)
{
	const char *ids[VL_NRULES];

	for (size_t i = 0; i < VL_NRULES; i++)
		ids[i] = vl_rules[i].id;
	return vl_did_you_mean(id, ids, VL_NRULES);
}
