# A segment may end exactly at the end of its ELF class's address space,
# 2^32 or 2^64: its last byte is the last address, nothing wraps (Linux's
# loader, too, refuses only a segment that passes its limit).  One byte
# more is a malformed image in both classes.  Whether a platform gives a
# program that address is the layout's question: outside-address-space.
# No range ends at 2^64, so a 64-bit one is shown ending at 2^64 - 1.
# limits: 10 s, 256 MiB
$ P="python3 $ROOT/tests/fixtures/elfpatch.py"; $P vmm32-0x6000000 top32a phdr 2 p_vaddr =0xffff0000 && $P top32a top32 phdr 2 p_memsz =0x10000 && $P top32 past32 phdr 2 p_memsz =0x10001; $P vmm64-default top64a phdr 2 p_vaddr =0xffffffffffff0000 && $P top64a top64 phdr 2 p_memsz =0x10000 && $P top64 past64 phdr 2 p_memsz =0x10001; vaslint check top32 && vaslint check top64; echo "exit $?"
exit 0

$ vaslint map top32
         0x6000000          0x6001000  4 KiB      segment  ###.....................  top32 segment 0 (R--)
         0x6001000          0x6004000  12 KiB     segment  ..####..................  top32 segment 1 (R-X)
        0xffff0000        0x100000000  64 KiB     segment  ...................#####  top32 segment 2 (RW-)

$ vaslint map top64
          0x400000           0x401000  4 KiB      segment  ##......................  top64 segment 0 (R--)
          0x401000           0x404000  12 KiB     segment  .###....................  top64 segment 1 (R-X)
0xffffffffffff0000 0xffffffffffffffff  ~64.0 KiB  segment  .....................###  top64 segment 2 (RW-)

$ vaslint check -L genode-nova-x86_32 top32
top32: error: segment 2 (RW-) [0xffff0000, 0x100000000) lies outside the address space [0x1000, 0xc0000000) of layout genode-nova-x86_32 [outside-address-space]
[exit 1]

$ vaslint check -L linux-x86_64 top64
top64: warning: region guest-shadow of layout linux-x86_64 is empty because GUEST_RAM was not given, so nothing was checked against it: give -D GUEST_RAM=SIZE, or -D GUEST_RAM=0 if there is none [parameter-not-given]
top64: error: segment 2 (RW-) [0xffffffffffff0000, 0xffffffffffffffff) lies outside the address space [0x1000, 0x7ffffffff000) of layout linux-x86_64 [outside-address-space]
[exit 1]

$ vaslint check past32
past32: error: segment 2 [0xffff0000, +0x10001) wraps past the end of the 32-bit address space
[exit 2]

$ vaslint check past64
past64: error: segment 2 [0xffffffffffff0000, +0x10001) wraps past the end of the 64-bit address space
[exit 2]

# Through a load base: a PIE whose last segment, rounded to the page,
# ends at 2^64 is placed; one page higher it wraps.
$ printf 'name: pie-top\ndescription: d\nmachine: x86_64\npage-sizes: [4K]\naddress-space: {start: 0x1000, end: 0x7ffffffff000}\npie-base: 0xfffffffffffea000\n' > pie-top.yaml; readelf -lW vmm64-pie | grep LOAD | tail -1; vaslint map -L ./pie-top.yaml vmm64-pie | grep segment
  LOAD           0x004f20 0x0000000000004f20 0x0000000000004f20 0x0008e0 0x0108e0 RW  0x1000
0xfffffffffffea000 0xfffffffffffeb000  4 KiB      segment  ....................##..  vmm64-pie segment 2 (R--)
0xfffffffffffeb000 0xfffffffffffee000  12 KiB     segment  .....................##.  vmm64-pie segment 3 (R-X)
0xfffffffffffee000 0xffffffffffffffff  ~72.0 KiB  segment  ......................##  vmm64-pie segment 5 (RW-)

$ sed 's/ea000/eb000/' pie-top.yaml > pie-past.yaml; vaslint map -L ./pie-past.yaml vmm64-pie
vmm64-pie: error: segment 5 wraps past 2^64 at load base 0xfffffffffffeb000
layout pie-top
            0x1000     0x7ffffffff000  ~128.0 TiB free     ########################  free
[exit 2]
