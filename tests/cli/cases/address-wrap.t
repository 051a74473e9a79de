# Address arithmetic in a linker script that passes the end of the 64-bit
# address space: an error at what wrapped, exit 1, and the value unknown
# from there on, never a range that wraps around to low addresses.
# limits: 2 s, 256 MiB

# 32 bytes from 16 below the top: the 16th BYTE fills the last address (GNU
# ld links 16), the 17th passes it.
$ python3 -c 'print("SECTIONS { . = 0xfffffffffffffff0; .text : { " + "BYTE(1) " * 32 + "} }")' > wrap1.ld; vaslint check wrap1.ld
wrap1.ld:1:174: error: section .text: the location counter passes the end of the 64-bit address space (2^64 + 0x1) [script-error]
[exit 1]

# Its size and end are unknown, not [0xfffffffffffffff0, 0x10).
$ vaslint map wrap1.ld
0xfffffffffffffff0                  ?  ?          section  .......................#  .text

$ printf 'SECTIONS {\n  . = 0xfffffffffffffff0;\n  .text : { LONG(0) . += 0x100; }\n}\n' > wrap2.ld; vaslint check wrap2.ld
wrap2.ld:3:21: error: section .text: the location counter passes the end of the 64-bit address space (0xfffffffffffffff4 + 0x100) [script-error]
[exit 1]

$ printf 'SECTIONS {\n  . = 0xfffffffffffffff0;\n  . += 0x100;\n}\n' > wrap3.ld; vaslint check wrap3.ld
wrap3.ld:3:3: error: the location counter passes the end of the 64-bit address space (0xfffffffffffffff0 + 0x100) [script-error]
[exit 1]

$ printf 'SECTIONS {\n  . = 0x1000;\n  .text : AT(0xfffffffffffffff0) { QUAD(0) QUAD(0) QUAD(0) }\n}\n' > wrap4.ld; vaslint check wrap4.ld
wrap4.ld:3:3: error: section .text: its load address 0xfffffffffffffff0 + its size 0x18 passes the end of the 64-bit address space [script-error]
[exit 1]

$ printf 'SECTIONS {\n  . = 0x1000;\n  . = ALIGN(0xffffffffffffffff, 16);\n}\n' > wrap5.ld; vaslint check wrap5.ld
wrap5.ld:3:7: error: overflow in ALIGN(0xffffffffffffffff, 0x10) (does not fit in 64 bits) [script-error]
[exit 1]

$ printf 'SECTIONS {\n  . = 0xfffffffffffffff1;\n  .text : ALIGN(16) { BYTE(0) }\n}\n' > wrap6.ld; vaslint check wrap6.ld
wrap6.ld:3:3: error: section .text: aligning 0xfffffffffffffff1 to 0x10 passes the end of the 64-bit address space [script-error]
[exit 1]

$ printf 'MEMORY { ram : ORIGIN = 0xfffffffffffff000, LENGTH = 0x2000 }\nSECTIONS { . = 0; .text : { BYTE(0) } > ram }\n' > wrap7.ld; vaslint check wrap7.ld
wrap7.ld:1:10: error: memory region ram: ORIGIN 0xfffffffffffff000 + LENGTH 0x2000 passes the end of the 64-bit address space [script-error]
[exit 1]

# A region may end at the top exactly, as a kernel's upper 2 GiB do.
$ printf 'MEMORY { top : ORIGIN = 0xffffffff80000000, LENGTH = 0x80000000 }\nSECTIONS { . = 0; .text : { BYTE(0) } > top }\n' > wrap8.ld; vaslint check wrap8.ld

$ printf 'MEMORY { top : ORIGIN = 0xffffffff80000000, LENGTH = 0x80000000 }\nSECTIONS { . = 0; .text 0x1000 : { BYTE(0) } > top }\n' > wrap8b.ld; vaslint check wrap8b.ld
wrap8b.ld:2:19: error: section .text at 0x1000 lies outside memory region top [0xffffffff80000000, 0x10000000000000000) [outside-region]
[exit 1]

# A linked image's .text (0x3000 bytes) has no room at the script's address.
$ printf 'SECTIONS {\n  .text 0xfffffffffffff000 : { *(.text) }\n}\n' > wrap9.ld; vaslint check --image vmm64-pie wrap9.ld
wrap9.ld:2:3: error: section .text: its address 0xfffffffffffff000 + its size 0x3000 passes the end of the 64-bit address space [script-error]
[exit 1]

# Intermediate values wrap modulo 2^64 as in GNU ld (bfd_vma): A - C + B
# with C > A is 0x800, 0 - 1 is 0xffffffffffffffff, and ld divides signed;
# nm on ld's output shows the same values.
$ printf 'A = 0x1000; C = 0x2000; B = 0x1800;\nD = A - C + B;\nd = 0x10;\nE = 8 + -d;\nx = 0 - 1;\ny = (0 - 16) / 2;\nSECTIONS { . = D; .text : { BYTE(0) } }\n' > negative1.ld; vaslint map negative1.ld
              0x10               0x10  0 bytes    symbol   #.......................  d
             0x800              0x800  0 bytes    symbol   .#......................  D
             0x800              0x801  1 byte     section  .##.....................  .text
            0x1000             0x1000  0 bytes    symbol   ...#....................  A
            0x1800             0x1800  0 bytes    symbol   ....#...................  B
            0x2000             0x2000  0 bytes    symbol   ......#.................  C
0xfffffffffffffff8 0xfffffffffffffff8  0 bytes    symbol   ......................#.  E
0xfffffffffffffff8 0xfffffffffffffff8  0 bytes    symbol   ......................#.  y
0xffffffffffffffff 0xffffffffffffffff  0 bytes    symbol   .......................#  x

# An address that ends up "negative" is a high address, where ld puts the
# section (0xfffffffffffff000 on x86-64): the layout's address space
# refuses it where it is used.
$ printf 'SECTIONS {\n  .text (0x1000 - 0x2000) : { BYTE(0) }\n}\n' > negative2.ld; vaslint check -L linux-x86_64 -D GUEST_RAM=256M negative2.ld
negative2.ld:2:9: error: image negative2.ld [0xfffffffffffff000, 0xfffffffffffff001) lies outside the address space [0x1000, 0x7ffffffff000) of layout linux-x86_64 [outside-address-space]
[exit 1]

# Layout values and -D compute exactly: an intermediate may be negative,
# the value may not.
$ vaslint check -L genode-nova-x86_32 -D 'GUEST_RAM=64M - 128M + 128M' vmm32-0x6000000

$ vaslint check -L genode-nova-x86_32 -D 'GUEST_RAM=64M - 128M' vmm32-0x6000000
vaslint: error: -D GUEST_RAM=64M - 128M: negative result -0x4000000
[exit 2]
