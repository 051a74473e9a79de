# A dynamically linked Genode program also occupies the linker area: 350 MiB
# from its link address.  Linked at 0x30000000 its segments are fine, but
# the linker area runs into the stack area at 0x40000000.
$ vaslint check -L genode-nova-x86_32 dyn32-0x30000000
dyn32-0x30000000: error: linker area of the dynamically linked program [0x30000000, 0x45e00000) overlaps stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks; the lowest legal link address aligned to 4 MiB is 0x400000 [reserved-overlap]
[exit 1]

# Linked at Genode's default 0x01000000 the linker area ends at 0x16e00000,
# clear of the stack area.
$ vaslint check -L genode-nova-x86_32 dyn32-0x1000000

# The 2012 layout has no linker-area figure (FACTS.md gives none for then).
$ vaslint check -L genode-nova-x86_32-2012 dyn32-0x30000000
dyn32-0x30000000: warning: region guest-shadow of layout genode-nova-x86_32-2012 is empty because GUEST_RAM was not given, so nothing was checked against it: give -D GUEST_RAM=SIZE, or -D GUEST_RAM=0 if there is none [parameter-not-given]

$ vaslint map -L genode-nova-x86_32 dyn32-0x30000000
layout genode-nova-x86_32
            0x1000         0x30000000  ~768.0 MiB free     #####...................  free
        0x30000000         0x30001000  4 KiB      segment  ....##..................  dyn32-0x30000000 segment 2 (R--)
        0x30000000         0x45e00000  350 MiB    region   ....XXXXXXXXXXXX........  dyn32-0x30000000 linker area
        0x30001000         0x30004000  12 KiB     segment  .....##.................  dyn32-0x30000000 segment 3 (R-X)
        0x30004000         0x30016000  72 KiB     segment  ......##................  dyn32-0x30000000 segment 5 (RW-)
        0x40000000         0x50000000  256 MiB    region   ...........#########....  stack-area
        0x50000000         0xc0000000  1792 MiB   free     ...................#####  free
