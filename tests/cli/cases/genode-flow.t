# Genode's own link flow (issue 14).  tests/fixtures/genode/build links
# stand-in programs as Genode's build does (--gc-sections -z
# max-page-size=0x1000, -Ttext=LD_TEXT_ADDR, scripts with the constructs of
# genode.ld, genode_dyn.ld, genode_rel.ld, linker.ld and base-linux's
# stack_area.ld) for x86_32, x86_64, arm and aarch64, into genode/ARCH/;
# here each is checked against the layout of every kernel that builds for
# the machine.  What vaslint does not get right yet about these programs
# (the empty boot PT_LOAD of static programs, ld.lib.so on Linux, scripts
# given together) waits in tests/cli/pending/genode-flow.t.

# What GNU ld makes of the scripts.  A dynamic component: the text at
# LD_TEXT_ADDR, the interpreter name after it, the data on the next page.
$ readelf -lW genode/x86_64/dynamic | grep -E '^ +(INTERP|LOAD)'
  INTERP         0x005050 0x0000000001004050 0x0000000001004050 0x00000a 0x00000a R   0x1
  LOAD           0x001000 0x0000000001000000 0x0000000001000000 0x004795 0x004795 R E 0x1000
  LOAD           0x006000 0x0000000001005000 0x0000000001005000 0x0002fc 0x0092fc RW  0x1000

# A static program: the third PT_LOAD, "boot", holds core's boot modules
# and so is empty in every other program, at address 0.
$ readelf -lW genode/x86_64/static | grep -E '^ +LOAD'
  LOAD           0x001000 0x0000000001000000 0x0000000001000000 0x0059c0 0x0059c0 R E 0x1000
  LOAD           0x007000 0x0000000001006000 0x0000000001006000 0x000318 0x012318 RW  0x1000
  LOAD           0x0000e8 0x0000000000000000 0x0000000000000000 0x000000 0x000000 R   0x1000

# On Linux the stack area is a fourth PT_LOAD, without any right.
$ readelf -lW genode/x86_64/linux-static | grep -E '^ +LOAD'
  LOAD           0x001000 0x0000000001000000 0x0000000001000000 0x0059c0 0x0059c0 R E 0x1000
  LOAD           0x007000 0x0000000001006000 0x0000000001006000 0x000318 0x012318 RW  0x1000
  LOAD           0x000120 0x0000000000000000 0x0000000000000000 0x000000 0x000000 R   0x1000
  LOAD           0x000000 0x0000000040000000 0x0000000040000000 0x000000 0x10000000     0x1000

# ld.lib.so sits at its own link address, 0x30000; on Linux it is an
# executable and carries the stack area, its code right above it.
$ readelf -lW genode/x86_64/ld.lib.so | grep -E '^ +LOAD'
  LOAD           0x001000 0x0000000000030000 0x0000000000030000 0x001970 0x001970 R E 0x1000
  LOAD           0x003000 0x0000000000032000 0x0000000000032000 0x0001c8 0x0001c8 RW  0x1000

$ readelf -hlW genode/x86_64/linux-ld.lib.so | grep -E '^ +(Type:|LOAD)'
  Type:                              EXEC (Executable file)
  LOAD           0x000000 0x0000000040000000 0x0000000040000000 0x000000 0x10000000     0x1000
  LOAD           0x001000 0x0000000050000000 0x0000000050000000 0x0019a2 0x0019a2 R E 0x1000
  LOAD           0x003000 0x0000000050002000 0x0000000050002000 0x0001c8 0x0001c8 RW  0x1000

# A dynamically linked component at the default LD_TEXT_ADDR (0x01000000),
# with its linker area of 350 MiB, fits every kernel of every machine.
$ vaslint check -L genode-nova-x86_32 genode/x86_32/dynamic

$ vaslint check -L genode-foc-x86_32 genode/x86_32/dynamic

$ vaslint check -L genode-linux-x86_32 genode/x86_32/dynamic

$ vaslint check -L genode-nova-x86_64 genode/x86_64/dynamic

$ vaslint check -L genode-hw-x86_64 genode/x86_64/dynamic

$ vaslint check -L genode-hw-64 genode/x86_64/dynamic

$ vaslint check -L genode-sel4-x86_64 genode/x86_64/dynamic

$ vaslint check -L genode-foc-x86_64 genode/x86_64/dynamic

$ vaslint check -L genode-linux-x86_64 genode/x86_64/dynamic

$ vaslint check -L genode-hw-arm_v7a genode/arm_v7a/dynamic

$ vaslint check -L genode-sel4-arm_v7a genode/arm_v7a/dynamic

$ vaslint check -L genode-foc-arm_v7a genode/arm_v7a/dynamic

$ vaslint check -L genode-hw-arm_v8a genode/arm_v8a/dynamic

$ vaslint check -L genode-hw-64 genode/arm_v8a/dynamic

$ vaslint check -L genode-sel4-arm_v8a genode/arm_v8a/dynamic

$ vaslint check -L genode-foc-arm_v8a genode/arm_v8a/dynamic

$ vaslint check -L genode-linux-arm_v8a genode/arm_v8a/dynamic

# Linked in the stack area (-Ttext=0x40000000) it collides with its own
# thread stacks on every kernel; on Linux with base-linux's reservation.
$ vaslint check -L genode-nova-x86_32 genode/x86_32/dynamic-stack
genode/x86_32/dynamic-stack: error: segments 1 (R-X), 2 (RW-) [0x40000000, 0x4000f000) overlap stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks; the lowest legal link address aligned to 4 MiB is 0x400000 [reserved-overlap]
[exit 1]

$ vaslint check -L genode-linux-x86_64 genode/x86_64/dynamic-stack
genode/x86_64/dynamic-stack: error: segments 1 (R-X), 2 (RW-) [0x40000000, 0x4000f000) overlap stack-area [0x40000000, 0x50000000): base-linux reserves this range with a PT_LOAD segment without permissions so that Linux keeps it free for the stacks of Genode threads, so a program linked here collides with that reservation; the lowest legal link address aligned to 1 GiB is 0x80000000 [reserved-overlap]
[exit 1]

$ vaslint check -L genode-sel4-arm_v7a genode/arm_v7a/dynamic-stack
genode/arm_v7a/dynamic-stack: error: segments 1 (R-X), 2 (RW-) [0x40000000, 0x4000f000) overlap stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks; the lowest legal link address aligned to 4 KiB is 0x2000 [reserved-overlap]
[exit 1]

$ vaslint check -L genode-foc-arm_v8a genode/arm_v8a/dynamic-stack
genode/arm_v8a/dynamic-stack: error: segments 1 (R-X), 2 (RW-) [0x40000000, 0x4000f000) overlap stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks; the lowest legal link address aligned to 1 GiB is 0x80000000 [reserved-overlap]
[exit 1]

$ for l in genode-foc-x86_32 genode-linux-x86_32; do vaslint check -L $l genode/x86_32/dynamic-stack >/dev/null; echo "$l: exit $?"; done
genode-foc-x86_32: exit 1
genode-linux-x86_32: exit 1

$ for l in genode-nova-x86_64 genode-hw-x86_64 genode-hw-64 genode-sel4-x86_64 genode-foc-x86_64; do vaslint check -L $l genode/x86_64/dynamic-stack >/dev/null; echo "$l: exit $?"; done
genode-nova-x86_64: exit 1
genode-hw-x86_64: exit 1
genode-hw-64: exit 1
genode-sel4-x86_64: exit 1
genode-foc-x86_64: exit 1

$ for l in genode-hw-arm_v7a genode-foc-arm_v7a; do vaslint check -L $l genode/arm_v7a/dynamic-stack >/dev/null; echo "$l: exit $?"; done
genode-hw-arm_v7a: exit 1
genode-foc-arm_v7a: exit 1

$ for l in genode-hw-arm_v8a genode-hw-64 genode-sel4-arm_v8a genode-linux-arm_v8a; do vaslint check -L $l genode/arm_v8a/dynamic-stack >/dev/null; echo "$l: exit $?"; done
genode-hw-arm_v8a: exit 1
genode-hw-64: exit 1
genode-sel4-arm_v8a: exit 1
genode-linux-arm_v8a: exit 1

# At 0x30000000 its segments are clear, but its linker area reaches into
# the stack area.
$ vaslint check -L genode-foc-x86_32 genode/x86_32/dynamic-0x30000000
genode/x86_32/dynamic-0x30000000: error: linker area of the dynamically linked program [0x30000000, 0x45e00000) overlaps stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks; the lowest legal link address aligned to 4 MiB is 0x400000 [reserved-overlap]
[exit 1]

$ vaslint check -L genode-sel4-x86_64 genode/x86_64/dynamic-0x30000000
genode/x86_64/dynamic-0x30000000: error: linker area of the dynamically linked program [0x30000000, 0x45e00000) overlaps stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks; the lowest legal link address aligned to 4 KiB is 0x2000 [reserved-overlap]
[exit 1]

$ vaslint check -L genode-hw-arm_v7a genode/arm_v7a/dynamic-0x30000000
genode/arm_v7a/dynamic-0x30000000: error: linker area of the dynamically linked program [0x30000000, 0x45e00000) overlaps stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks; the lowest legal link address aligned to 1 MiB is 0x100000 [reserved-overlap]
[exit 1]

$ vaslint check -L genode-linux-arm_v8a genode/arm_v8a/dynamic-0x30000000
genode/arm_v8a/dynamic-0x30000000: error: linker area of the dynamically linked program [0x30000000, 0x45e00000) overlaps stack-area [0x40000000, 0x50000000): base-linux reserves this range with a PT_LOAD segment without permissions so that Linux keeps it free for the stacks of Genode threads, so a program linked here collides with that reservation; the lowest legal link address aligned to 1 GiB is 0x80000000 [reserved-overlap]
[exit 1]

# Shared objects are position independent: ld.lib.so places them in the
# linker area, so only their own segments are checked.
$ vaslint check -L genode-hw-arm_v7a genode/arm_v7a/libhelper.lib.so
genode/arm_v7a/libhelper.lib.so: note: shared library (ET_DYN without PT_INTERP or DF_1_PIE): layout genode-hw-arm_v7a does not say where the dynamic linker puts shared libraries (shared-libraries), so only the image's own segments were checked, not where it lands [position-independent]

$ vaslint check -L genode-nova-x86_64 genode/x86_64/ld.lib.so; echo "exit $?"
genode/x86_64/ld.lib.so: note: shared library (ET_DYN without PT_INTERP or DF_1_PIE): layout genode-nova-x86_64 does not say where the dynamic linker puts shared libraries (shared-libraries), so only the image's own segments were checked, not where it lands [position-independent]
exit 0

# The July 2012 Vancouver case (FACTS.md) in Genode's flow of that time: the
# VMM linked with the 2012 script (two PT_LOADs, no boot segment) at
# -Ttext=0x6000000 is clean with 64 MiB of guest RAM...
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=64M genode/x86_32/vancouver-2012-0x6000000; echo "exit $?"
exit 0

# ...and in the guest shadow with 256 MiB.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M genode/x86_32/vancouver-2012-0x6000000
genode/x86_32/vancouver-2012-0x6000000: error: segments 0 (R-X), 1 (RW-) [0x6000000, 0x6019000) overlap guest-shadow [0x0, 0x10000000): Vancouver keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory; the lowest legal link address aligned to 4 MiB is 0x10000000 [reserved-overlap]
[exit 1]

# At 0x47000000 it lies in the thread context area of the time.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M genode/x86_32/vancouver-2012-0x47000000
genode/x86_32/vancouver-2012-0x47000000: error: segments 0 (R-X), 1 (RW-) [0x47000000, 0x47019000) overlap context-area [0x40000000, 0x50000000): Genode reserves this thread context area in every component for the stacks of its threads, so a program linked here overlaps its own thread stacks; the lowest legal link address aligned to 4 MiB is 0x10000000 [reserved-overlap]
[exit 1]

# From 0x80000000 on it lies outside what NOVA gave a component in 2012.
$ vaslint check -L genode-nova-x86_32-2012 genode/x86_32/vancouver-2012-0x80000000 genode/x86_32/vancouver-2012-0xa0000000 genode/x86_32/vancouver-2012-0xb0000000
genode/x86_32/vancouver-2012-0x80000000: warning: region guest-shadow of layout genode-nova-x86_32-2012 is empty because GUEST_RAM was not given, so nothing was checked against it: give -D GUEST_RAM=SIZE, or -D GUEST_RAM=0 if there is none [parameter-not-given]
genode/x86_32/vancouver-2012-0x80000000: error: segments 0 (R-X), 1 (RW-) [0x80000000, 0x80019000) lie outside the address space [0x1000, 0x80000000) of layout genode-nova-x86_32-2012 [outside-address-space]
genode/x86_32/vancouver-2012-0xa0000000: error: segments 0 (R-X), 1 (RW-) [0xa0000000, 0xa0019000) lie outside the address space [0x1000, 0x80000000) of layout genode-nova-x86_32-2012 [outside-address-space]
genode/x86_32/vancouver-2012-0xb0000000: error: segments 0 (R-X), 1 (RW-) [0xb0000000, 0xb0019000) lie outside the address space [0x1000, 0x80000000) of layout genode-nova-x86_32-2012 [outside-address-space]
[exit 1]

# Where Vancouver was linked then, 0x50000000, right above the context area:
# legal with 256 MiB of guest RAM.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M genode/x86_32/vancouver-2012-0x50000000; echo "exit $?"
exit 0

# The same binaries against today's NOVA, which gives a component 3 GiB.
$ vaslint check -L genode-nova-x86_32 -D GUEST_RAM=256M genode/x86_32/vancouver-2012-0xb0000000; echo "exit $?"
exit 0

# NOVA x86_64 had the same 2 GiB split in 2012 (Genode 12.08).
$ vaslint check -L genode-nova-x86_64-2012 -D GUEST_RAM=64M genode/x86_64/vancouver-2012-0x6000000 genode/x86_64/vancouver-2012-0x80000000
genode/x86_64/vancouver-2012-0x80000000: error: segments 0 (R-X), 1 (RW-) [0x80000000, 0x80019000) lie outside the address space [0x1000, 0x80000000) of layout genode-nova-x86_64-2012 [outside-address-space]
[exit 1]

# The 2012 script itself, the link address given as Genode's build gave it.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -Ttext=0x6000000 --image genode/x86_32/vancouver-2012-0x6000000 "$ROOT/tests/fixtures/genode/static-2012.ld"
$ROOT/tests/fixtures/genode/static-2012.ld: error: image $ROOT/tests/fixtures/genode/static-2012.ld [0x6000000, 0x601830c) overlaps guest-shadow [0x0, 0x10000000): Vancouver keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory; the lowest legal link address aligned to 4 MiB is 0x10000000: link with -Ttext=0x10000000 (LD_TEXT_ADDR in a Genode build) [reserved-overlap]
$ROOT/tests/fixtures/genode/static-2012.ld:39:6: error: section .data [0x6006000, 0x6006308) overlaps guest-shadow [0x0, 0x10000000): Vancouver keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory; the lowest legal link address aligned to 4 MiB is 0x10000000: link with -Ttext=0x10000000 (LD_TEXT_ADDR in a Genode build) [reserved-overlap]
$ROOT/tests/fixtures/genode/static-2012.ld:39:6: error: section .eh_frame [0x6006308, 0x600630c) overlaps guest-shadow [0x0, 0x10000000): Vancouver keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory; the lowest legal link address aligned to 4 MiB is 0x10000000: link with -Ttext=0x10000000 (LD_TEXT_ADDR in a Genode build) [reserved-overlap]
$ROOT/tests/fixtures/genode/static-2012.ld:39:6: error: section .bss [0x600630c, 0x601830c) overlaps guest-shadow [0x0, 0x10000000): Vancouver keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory; the lowest legal link address aligned to 4 MiB is 0x10000000: link with -Ttext=0x10000000 (LD_TEXT_ADDR in a Genode build) [reserved-overlap]
[exit 1]

# Today's static script, with the program it linked, at LD_TEXT_ADDR.
$ vaslint check -L genode-nova-x86_64 -Ttext=0x01000000 --image genode/x86_64/static "$ROOT/tests/fixtures/genode/static.ld"; echo "exit $?"
exit 0

# A -D value that makes the layout's regions collide is the user's input,
# and the message says so (not an error in the shipped layout file).
$ vaslint check -L genode-nova-x86_32 -D GUEST_RAM=4G vmm32-0x6000000
vaslint: error: -D GUEST_RAM=0x100000000: out of range for layout genode-nova-x86_32: region guest-shadow would be [0x0, 0x100000000) and overlap region stack-area [0x40000000, 0x50000000)
[exit 2]
