# Genode's link flow as the Genode build links (issue 14): no false finding
# on programs Genode links.  The fixtures are the ones of genode-flow.t
# (tests/fixtures/genode/build).

# 1. An empty PT_LOAD occupies nothing.  Every static program Genode links
# has one: genode.ld's "boot" segment, at 0 with p_memsz 0 (readelf in
# genode-flow.t).  Genode's loader skips it (repos/base/src/lib/base/
# elf_binary.cc:98-103, child_process.cc:57-58) and so does Linux's
# (fs/binfmt_elf.c maps nothing for a zero size), so its p_vaddr and
# p_offset may differ modulo p_align.  It was a segment-congruence error.
$ vaslint check -L genode-nova-x86_64 genode/x86_64/static

$ vaslint check -L genode-nova-x86_32 genode/x86_32/static

$ vaslint check -L genode-hw-arm_v7a genode/arm_v7a/static

$ vaslint check -L genode-hw-arm_v8a genode/arm_v8a/static

$ for l in genode-foc-x86_32 genode-linux-x86_32; do vaslint check -L $l genode/x86_32/static; echo "$l: exit $?"; done
genode-foc-x86_32: exit 0
genode-linux-x86_32: exit 0

$ for l in genode-hw-x86_64 genode-hw-64 genode-sel4-x86_64 genode-foc-x86_64 genode-linux-x86_64; do vaslint check -L $l genode/x86_64/static; echo "$l: exit $?"; done
genode-hw-x86_64: exit 0
genode-hw-64: exit 0
genode-sel4-x86_64: exit 0
genode-foc-x86_64: exit 0
genode-linux-x86_64: exit 0

$ for l in genode-sel4-arm_v7a genode-foc-arm_v7a; do vaslint check -L $l genode/arm_v7a/static; echo "$l: exit $?"; done
genode-sel4-arm_v7a: exit 0
genode-foc-arm_v7a: exit 0

$ for l in genode-hw-64 genode-sel4-arm_v8a genode-foc-arm_v8a genode-linux-arm_v8a; do vaslint check -L $l genode/arm_v8a/static; echo "$l: exit $?"; done
genode-hw-64: exit 0
genode-sel4-arm_v8a: exit 0
genode-foc-arm_v8a: exit 0
genode-linux-arm_v8a: exit 0

# In the stack area a static program has exactly one finding, the real one.
$ vaslint check -L genode-nova-x86_64 genode/x86_64/static-stack
genode/x86_64/static-stack: error: segments 0 (R-X), 1 (RW-) [0x40000000, 0x40019000) overlap stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks; the lowest legal link address aligned to 1 GiB is 0x80000000 [reserved-overlap]
[exit 1]

$ vaslint check -L genode-sel4-arm_v7a genode/arm_v7a/static-stack
genode/arm_v7a/static-stack: error: segments 0 (R-X), 1 (RW-) [0x40000000, 0x40019000) overlap stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks; the lowest legal link address aligned to 4 KiB is 0x2000 [reserved-overlap]
[exit 1]

# base-linux: the static program's own PT_LOAD without rights fills the
# stack area legally (provided-by: program); only the empty boot segment is
# in the way today.
$ vaslint check -L genode-linux-x86_64 genode/x86_64/linux-static

$ vaslint check -L genode-linux-x86_32 genode/x86_32/linux-static

$ vaslint check -L genode-linux-arm_v8a genode/arm_v8a/linux-static

# The Vancouver case linked with today's script, boot segment and all,
# gives the findings of the 2012 script and no more.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=64M genode/x86_32/vancouver-0x6000000; echo "exit $?"
exit 0

$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M genode/x86_32/vancouver-0x6000000
genode/x86_32/vancouver-0x6000000: error: segments 0 (R-X), 1 (RW-) [0x6000000, 0x6019000) overlap guest-shadow [0x0, 0x10000000): Vancouver keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory; the lowest legal link address aligned to 4 MiB is 0x10000000 [reserved-overlap]
[exit 1]

$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M genode/x86_32/vancouver-0x47000000
genode/x86_32/vancouver-0x47000000: error: segments 0 (R-X), 1 (RW-) [0x47000000, 0x47019000) overlap context-area [0x40000000, 0x50000000): Genode reserves this thread context area in every component for the stacks of its threads, so a program linked here overlaps its own thread stacks; the lowest legal link address aligned to 4 MiB is 0x10000000 [reserved-overlap]
[exit 1]

$ vaslint check -L genode-nova-x86_32-2012 genode/x86_32/vancouver-0x80000000
genode/x86_32/vancouver-0x80000000: warning: region guest-shadow of layout genode-nova-x86_32-2012 is empty because GUEST_RAM was not given, so nothing was checked against it: give -D GUEST_RAM=SIZE, or -D GUEST_RAM=0 if there is none [parameter-not-given]
genode/x86_32/vancouver-0x80000000: error: segments 0 (R-X), 1 (RW-) [0x80000000, 0x80019000) lie outside the address space [0x1000, 0x80000000) of layout genode-nova-x86_32-2012 [outside-address-space]
[exit 1]

# 2. The linker area belongs to a program that ld.lib.so loads (PT_INTERP),
# not to ld.lib.so itself.  base-linux's ld.lib.so is an ET_EXEC with
# PT_DYNAMIC and no PT_INTERP (repos/base/lib/mk/ld-platform.inc:33-50);
# Linux runs it directly and it places the linker area at the link address
# of the program it loads (repos/base/src/lib/ldso/include/file.h:180-189).
# It was: "linker area of the dynamically linked program [0x40000000,
# 0x55e00000) overlaps stack-area [reserved-overlap]", exit 1.
$ vaslint check -L genode-linux-x86_64 genode/x86_64/linux-ld.lib.so

$ vaslint check -L genode-linux-x86_32 genode/x86_32/linux-ld.lib.so

$ vaslint check -L genode-linux-arm_v8a genode/arm_v8a/linux-ld.lib.so

# 3. Scripts.  A section that is not allocated (genode_dyn.ld puts .comment
# and the DWARF sections at 0) is not part of the image.  It was: "image
# [0x0, 0x100e2fc) lies partly outside the address space
# [outside-address-space]", exit 1, at the .comment line.
$ vaslint check -L genode-nova-x86_64 -Ttext=0x01000000 --image genode/x86_64/dynamic "$ROOT/tests/fixtures/genode/dynamic.ld"

# Scripts given together with -T are one link, read in order, as GNU ld
# reads them (Genode links base-linux programs with -T genode.ld
# -T stack_area.ld).  It was: "-T...: a script is an INPUT, not -T", exit 2;
# given as two INPUTs they are two programs.
$ vaslint check -L genode-linux-x86_64 -Ttext=0x01000000 --image genode/x86_64/linux-static -T "$ROOT/tests/fixtures/genode/static.ld" -T "$ROOT/tests/fixtures/genode/stack_area.ld"
$ROOT/tests/fixtures/genode/stack_area.ld:18:2: warning: .stack_area holds only a move of '.': GNU ld makes it NOBITS, lld PROGBITS (its bytes in the file, with the flags of the section before): declare it .stack_area (NOLOAD) [lld-portability]

# A section placed in a PHDRS segment with FLAGS(0) is the program's own
# reservation, legal in a provided-by: program region, as the same segment
# in a linked image is.  It was: "image stack_area.ld [0x40000000,
# 0x50000000) overlaps stack-area [reserved-overlap]", exit 1.
$ vaslint check -L genode-linux-x86_64 "$ROOT/tests/fixtures/genode/stack_area.ld"
$ROOT/tests/fixtures/genode/stack_area.ld:18:2: warning: .stack_area holds only a move of '.': GNU ld makes it NOBITS, lld PROGBITS (its bytes in the file, with the flags of the section before): declare it .stack_area (NOLOAD) [lld-portability]

# fix for a script whose base the command line gives (genode.ld with
# -Ttext=$(LD_TEXT_ADDR)): the script stays, fix names the option's new
# value, and --print-address prints it alone for the build variable.
$ vaslint fix -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -Ttext=0x6000000 --image genode/x86_32/vancouver-2012-0x6000000 "$ROOT/tests/fixtures/genode/static-2012.ld"
$ROOT/tests/fixtures/genode/static-2012.ld: the base comes from -Ttext=0x6000000 on the command line, not from the script: link with -Ttext=0x10000000 (LD_TEXT_ADDR in a Genode build)
$ vaslint fix --print-address -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -Ttext=0x6000000 --image genode/x86_32/vancouver-2012-0x6000000 "$ROOT/tests/fixtures/genode/static-2012.ld"
0x10000000
$ vaslint fix --print-address -L genode-nova-x86_32-2012 -D GUEST_RAM=64M -Ttext=0x6000000 --image genode/x86_32/vancouver-2012-0x6000000 "$ROOT/tests/fixtures/genode/static-2012.ld"
0x6000000
$ vaslint fix --print-address -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image vmm32.o vmm-low.ld
0x10000000
