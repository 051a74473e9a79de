# Linker scripts: what the script fixes, checked against the layout, with
# the file:line:column of the expression that fixed it.

# A VMM script that links at 0x6000000: with the objects vaslint knows the
# whole image and says where it may go instead.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image vmm32.o vmm-low.ld
vmm-low.ld:6:7: error: image vmm-low.ld [0x6000000, 0x6049000) overlaps guest-shadow [0x0, 0x10000000): Vancouver keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory; the lowest legal link address aligned to 4 MiB is 0x10000000 [reserved-overlap]
[exit 1]

# Without the objects only the base is known, and vaslint says what it
# could not determine.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M vmm-low.ld
vmm-low.ld:6:7: error: image vmm-low.ld starts at 0x6000000, inside guest-shadow [0x0, 0x10000000): Vancouver keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory [reserved-overlap]
vmm-low.ld:7:3: note: 7 values could not be determined (size of .text, address of .rodata, size of .rodata, address of .data, ...): depends on input section sizes (give --image) [undetermined]
[exit 1]

# With 64 MiB of guest RAM the same script is fine.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=64M --image vmm32.o vmm-low.ld

# The linker's own knobs move the image: -Ttext-segment sets the value of
# SEGMENT_START("text-segment", ...), as in GNU ld.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=256M --image image64.o segment-start.ld
segment-start.ld:5:7: warning: lld ignores the segment name of SEGMENT_START and always takes its default, so -Ttext-segment and --image-base do not move this image under lld [lld-portability]
segment-start.ld:5:7: error: image segment-start.ld [0x400000, 0x4138b0) overlaps guest-shadow [0x200000, 0x10200000): the VMM reserves this range for guest-physical memory (SHADOW_BASE + gpa) at start-up, so a program linked here puts its own image inside the guest's memory and the VMM refuses to start; the lowest legal link address aligned to 1 GiB is 0x40000000 [reserved-overlap]
segment-start.ld:5:49: warning: SIZEOF_HEADERS counts the program headers the linker makes, and lld makes others than GNU ld (PT_PHDR, a PT_LOAD for each set of permissions, PT_GNU_STACK): what follows starts at another address under lld; with PHDRS both count the same [lld-portability]
[exit 1]

$ vaslint check -L linux-x86_64 -D GUEST_RAM=256M --image image64.o -Ttext-segment=0x40000000 segment-start.ld
segment-start.ld:5:7: warning: lld ignores the segment name of SEGMENT_START and always takes its default, so -Ttext-segment and --image-base do not move this image under lld [lld-portability]
segment-start.ld:5:49: warning: SIZEOF_HEADERS counts the program headers the linker makes, and lld makes others than GNU ld (PT_PHDR, a PT_LOAD for each set of permissions, PT_GNU_STACK): what follows starts at another address under lld; with PHDRS both count the same [lld-portability]

# -z noseparate-code: code shares the headers' segment, one program
# header fewer, so SIZEOF_HEADERS is 56 bytes less (GNU ld 2.40: .text at
# 0x10b0, and at 0x1078 with -z noseparate-code).
$ printf 'SECTIONS {\n  . = 0x1000 + SIZEOF_HEADERS;\n  .text : { *(.text) }\n  .data : { *(.data) }\n}\n' > sc.ld; vaslint map --image image64.o sc.ld | grep -w text; vaslint map -z noseparate-code --image image64.o sc.ld | grep -w text
            0x10b0             0x40b0  12 KiB     section  ########................  .text
            0x1078             0x4078  12 KiB     section  ########................  .text

# What the linkers themselves refuse, found without linking.
$ vaslint check linker-errors.ld
linker-errors.ld:9:3: error: section .big [0x10000, 0x10200) overflows memory region rom [0x10000, 0x10100) by 256 bytes [region-overflow]
linker-errors.ld:9:3: warning: .big holds only a move of '.': GNU ld makes it NOBITS, lld PROGBITS (its bytes in the file, with the flags of the section before): declare it .big (NOLOAD) [lld-portability]
linker-errors.ld:10:3: error: section .data at 0x1000 lies outside memory region ram [0x20000, 0x21000) [outside-region]
linker-errors.ld:12:3: error: section .two [0x30004, 0x30008) overlaps section .one [0x30000, 0x30008) in addresses [section-overlap]
linker-errors.ld:12:3: error: section .two [0x30004, 0x30008) overlaps section .one [0x30000, 0x30008) in load addresses [section-overlap]
linker-errors.ld:13:33: error: the location counter moves backwards inside .back, from 0x40004 to 0x40002 [location-counter-backwards]
linker-errors.ld:14:10: error: ASSERT fails: one is not at 0x30010 [assert-failed]
[exit 1]

# What lld drops, ignores or rejects: warnings, since pipelines switch
# linkers; --werror makes them fail the run.
$ vaslint check gnu-only.ld
gnu-only.ld:2:1: warning: lld rejects STARTUP: name the file first on the command line or in INPUT [lld-portability]
gnu-only.ld:5:8: warning: lld rejects the MEMORY attributes i and l [lld-portability]
gnu-only.ld:5:44: warning: lld rejects a hex number with a size suffix: write it out (0x1M is 0x100000) [lld-portability]
gnu-only.ld:9:7: warning: lld ignores the segment name of SEGMENT_START and always takes its default, so -Ttext-segment and --image-base do not move this image under lld [lld-portability]
gnu-only.ld:10:3: note: 5 values could not be determined (size of .text, address of .data, size of .data, address of .pad, ...): depends on input section sizes (give --image) [undetermined]
gnu-only.ld:10:22: warning: lld silently drops SQUAD: the section is 8 bytes shorter there; use QUAD [lld-portability]
gnu-only.ld:10:32: warning: lld silently drops ASCIZ: the string is missing there; use BYTE() for each character [lld-portability]
gnu-only.ld:10:48: warning: lld silently drops LINKER_VERSION [lld-portability]
gnu-only.ld:11:3: warning: lld rejects the READONLY section type [lld-portability]
gnu-only.ld:11:24: warning: lld silently drops CREATE_OBJECT_SYMBOLS [lld-portability]
gnu-only.ld:12:3: warning: .pad holds only a move of '.': GNU ld makes it NOBITS, lld PROGBITS (its bytes in the file, with the flags of the section before): declare it .pad (NOLOAD) [lld-portability]
gnu-only.ld:12:16: warning: lld rejects NEXT(): use ALIGN() [lld-portability]
gnu-only.ld:12:33: warning: lld rejects BLOCK(): use ALIGN() [lld-portability]

$ vaslint check --werror gnu-only.ld > /dev/null; echo "exit $?"
exit 1

# A script without a base address lands where the linker likes.
$ vaslint check no-base.ld
no-base.ld:1:1: warning: the script sets no base address: GNU ld and lld both start the image at 0 (set it with '. = ADDRESS;' before the first section, or link with -Ttext=ADDRESS) [implicit-base]
no-base.ld:4:3: note: 3 values could not be determined (size of .text, address of .data, size of .data): depends on input section sizes (give --image) [undetermined]

# A C-preprocessed script (*.lds.S) is run through cc -E; diagnostics name
# the original file and line.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M vmm.lds.S
vmm.lds.S:10:7: error: image vmm.lds.S starts at 0x6000000, inside guest-shadow [0x0, 0x10000000): Vancouver keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory [reserved-overlap]
vmm.lds.S:11:3: note: 5 values could not be determined (size of .text, address of .data, size of .data, address of .bss, ...): depends on input section sizes (give --image) [undetermined]
[exit 1]

# The evaluated addresses, as map prints them.
$ vaslint map --image vmm32.o vmm-low.ld
         0x6000000          0x6008000  32 KiB     section  ########................  .text
         0x6008000          0x6009000  4 KiB      section  ........#####...........  .data
         0x6009000          0x6049000  256 KiB    section  ............############  .bss

$ vaslint map -f json --image vmm32.o vmm-low.ld | python3 -c 'import json, sys; d = json.load(sys.stdin); print([(r["name"], r["start"], r["end"], r["lma"]) for r in d["ranges"] if r["kind"] == "section"])'
[('.text', '0x6000000', '0x6008000', '0x6000000'), ('.data', '0x6008000', '0x6009000', '0x6008000'), ('.bss', '0x6009000', '0x6049000', '0x6009000')]

# Scripts and images can be checked together.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=64M vmm-low.ld vmm32-0x6000000
vmm-low.ld:7:3: note: 7 values could not be determined (size of .text, address of .rodata, size of .rodata, address of .data, ...): depends on input section sizes (give --image) [undetermined]

# The preprocessor's flags come from --cpp-flags or from the build's
# compile_commands.json (-p DIR), as the build itself would run it.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -p . board.lds.S
board.lds.S:7:7: error: image board.lds.S starts at 0x6001000, inside guest-shadow [0x0, 0x10000000): Vancouver keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory [reserved-overlap]
board.lds.S:8:3: note: 3 values could not be determined (size of .text, address of .data, size of .data): depends on input section sizes (give --image) [undetermined]
[exit 1]

$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --cpp-flags "-DBOARD_BASE=0x20000000 -Iinclude" board.lds.S
board.lds.S:8:3: note: 3 values could not be determined (size of .text, address of .data, size of .data): depends on input section sizes (give --image) [undetermined]

# Without the flags the build gives, the preprocessor fails, and says why.
$ vaslint check board.lds.S 2>&1 | tail -1
board.lds.S: error: the C preprocessor failed (cc -E exit 1): see its messages above

# implicit-base only where nothing sets the base (issue 13, item 11): not
# with -Ttext (Genode links genode.ld so), not when the first section goes
# to a MEMORY region, not when an OVERLAY has an address of its own.
$ printf 'SECTIONS {\n  .text : { *(.text) }\n  .data : { *(.data) }\n}\n' > ib-none.ld; vaslint check --image image64.o ib-none.ld; vaslint check --image image64.o -Ttext=0x1000000 ib-none.ld; echo "exit $?"
ib-none.ld:1:1: warning: the script sets no base address: GNU ld and lld both start the image at 0 (set it with '. = ADDRESS;' before the first section, or link with -Ttext=ADDRESS) [implicit-base]
exit 0
$ printf 'MEMORY { ram (rwx) : ORIGIN = 0x80000000, LENGTH = 1M }\nSECTIONS {\n  .text : { *(.text) } > ram\n  .data : { *(.data) } > ram\n}\n' > ib-mem.ld; vaslint check --image image64.o ib-mem.ld; echo "exit $?"
exit 0
$ printf 'SECTIONS {\n  OVERLAY 0x200000 : AT(0x1000) { .a { *(.text) } .b { *(.data) *(.bss) } }\n}\n' > ib-ovl.ld; vaslint check --image image64.o ib-ovl.ld; echo "exit $?"
exit 0

# GNU ld reads "$" and hex digits as a hex number: this script links at
# 0x6000000 with ld (lld takes $6000000 for a symbol and fails), and fix
# writes the new base in 0x form.
$ printf 'SECTIONS {\n  .text $6000000 : { *(.text) }\n  .data : { *(.data) }\n}\n' > dollar.ld; vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image vmm32.o dollar.ld
dollar.ld:2:9: warning: lld reads a $ number as a symbol name and fails: write 0x6000000 [lld-portability]
dollar.ld:2:9: error: image dollar.ld [0x6000000, 0x6049000) overlaps guest-shadow [0x0, 0x10000000): Vancouver keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory; the lowest legal link address aligned to 4 MiB is 0x10000000 [reserved-overlap]
[exit 1]

$ vaslint fix -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image vmm32.o dollar.ld
SECTIONS {
  .text 0x10000000 : { *(.text) }
  .data : { *(.data) }
}
dollar.ld:2:9: moved the image base from 0x6000000 to 0x10000000 (1 number changed)

# Latin-1 in comments is text to both linkers, however much of it there is.
$ python3 -c 'import sys; sys.stdout.buffer.write(b"/* Linker-Skript f\xfcr das Ger\xe4t, \xa9 2012 M\xfcller: \xe4\xf6\xfc\xc4\xd6\xdc\xdf\xe9\xe8\xea\xe0\xe7\xef\xf8\xe5\xe6\xf1 */\nSECTIONS { . = 0x10000000; .text : { *(.text) } }\n")' > latin1.ld; vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image vmm32.o latin1.ld

# A segment with FILEHDR PHDRS carries the ELF and program headers (here
# 0xb0 bytes) in the page below its first section: at 0x50 there is no room,
# and GNU ld ("not enough room for program headers") and lld ("could not
# allocate headers") refuse the link; from 0xb0 on both link.
$ printf 'PHDRS { text PT_LOAD FILEHDR PHDRS; data PT_LOAD; }\nSECTIONS {\n  . = 0x50;\n  .text : { BYTE(1) } :text\n  .data : { BYTE(2) } :data\n}\n' > headers.ld; vaslint check headers.ld
headers.ld:1:9: error: segment text (FILEHDR) has no room for its 0xb0 bytes of ELF and program headers below .text at 0x50: GNU ld and lld refuse the link (not enough room for program headers); start .text at 0xb0 or above [script-error]
[exit 1]

$ sed 's/0x50/0xb0/' headers.ld > headers-ok.ld; vaslint check headers-ok.ld

# Without --image, a note says what a value depends on: here a symbol the
# script does not define (an input file must), not the input sizes.
$ printf 'SECTIONS {\n  . = a_sym;\n  .text : { *(.text) }\n}\n' > sym-base.ld; vaslint check sym-base.ld
sym-base.ld:3:3: note: 2 values could not be determined (address of .text, size of .text): depends on the symbol a_sym, which the script does not define (an input file does: give --image) [undetermined]

# A section at address 0 is a range like any other: only debugging and
# comment sections, which default scripts put there, are never allocated.
$ printf 'SECTIONS {\n  .text 0 : { *(.text) }\n  .comment 0 : { *(.comment) }\n}\n' > zero.ld; vaslint map zero.ld; vaslint check -L linux-x86_64 -D GUEST_RAM=0 zero.ld
               0x0                  ?  ?          section  #.......................  .text
not determined: size of .text: depends on input section sizes (give --image)
zero.ld:2:3: note: 1 value could not be determined (size of .text): depends on input section sizes (give --image) [undetermined]
zero.ld:2:9: error: image zero.ld [0x0, 0x1) lies outside the address space [0x1000, 0x7ffffffff000) of layout linux-x86_64 [outside-address-space]
[exit 1]

# --defsym NAME=EXPR defines an absolute symbol before the script, as for
# GNU ld (here the base and an alignment the build passes in); GNU ld
# 2.40 puts .text at 0x400000, .data at 0x403000 and the orphan .bss at
# 0x403800 with the same options.
$ printf 'SECTIONS {\n  . = BASE;\n  .text : { *(.text) }\n  .data ALIGN(data_align) : { *(.data) }\n}\n' > defsym.ld; vaslint map -f json --image image64.o --defsym BASE=0x400000 --defsym 'data_align=0x800 * 2' defsym.ld | python3 -c 'import json, sys; print([(r["name"], r["start"]) for r in json.load(sys.stdin)["ranges"] if r["kind"] == "section"])'
[('.text', '0x400000'), ('.data', '0x403000'), ('.bss', '0x403800')]

# Anything but one assignment is a usage error.
$ vaslint check --defsym 'BASE=0x1000; SECTIONS { }' defsym.ld
vaslint: error: --defsym BASE=0x1000; SECTIONS { }: expected NAME=EXPRESSION
[exit 2]

$ vaslint check --defsym 'BASE+=4' defsym.ld
vaslint: error: --defsym BASE+=4: expected NAME=EXPRESSION
[exit 2]

$ vaslint check --defsym 'BASE=(1' defsym.ld
--defsym:1:10: error: expected ')' to close '(' in an expression, found ';'
[exit 2]
