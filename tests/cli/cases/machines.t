# vaslint reads every machine it supports in both byte orders: the map shows
# the segments exactly as the linker placed them (compare readelf -lW).
$ vaslint map vmm32-0x1000000 vmm64-0x40000000 arm-0x10000 armeb-0x10000 aarch64-0x400000 aarch64be-0x400000 riscv64-0x10000
           0x10000            0x14000  16 KiB     segment  ##......................  arm-0x10000 segment 0 (R-X)
           0x10000            0x14000  16 KiB     segment  ##......................  armeb-0x10000 segment 0 (R-X)
           0x10000            0x14000  16 KiB     segment  ##......................  riscv64-0x10000 segment 1 (R-X)
           0x14000            0x25000  68 KiB     segment  .##.....................  arm-0x10000 segment 1 (RW-)
           0x14000            0x25000  68 KiB     segment  .##.....................  armeb-0x10000 segment 1 (RW-)
           0x14000            0x25000  68 KiB     segment  .##.....................  riscv64-0x10000 segment 2 (RW-)
          0x400000           0x404000  16 KiB     segment  .....##.................  aarch64-0x400000 segment 0 (R-X)
          0x400000           0x404000  16 KiB     segment  .....##.................  aarch64be-0x400000 segment 0 (R-X)
          0x413000           0x424000  68 KiB     segment  ........##..............  aarch64-0x400000 segment 1 (RW-)
          0x413000           0x424000  68 KiB     segment  ........##..............  aarch64be-0x400000 segment 1 (RW-)
         0x1000000          0x1001000  4 KiB      segment  ............##..........  vmm32-0x1000000 segment 0 (R--)
         0x1001000          0x1004000  12 KiB     segment  .............##.........  vmm32-0x1000000 segment 1 (R-X)
         0x1004000          0x1015000  68 KiB     segment  ..............###.......  vmm32-0x1000000 segment 2 (RW-)
        0x40000000         0x40001000  4 KiB      segment  ....................##..  vmm64-0x40000000 segment 0 (R--)
        0x40001000         0x40004000  12 KiB     segment  .....................##.  vmm64-0x40000000 segment 1 (R-X)
        0x40004000         0x40015000  68 KiB     segment  ......................##  vmm64-0x40000000 segment 2 (RW-)

# Each matches the layouts of its machine...
$ vaslint check -L genode-hw-arm_v7a arm-0x10000; vaslint check -L genode-hw-arm_v7a armeb-0x10000

$ vaslint check -L genode-hw-64 aarch64-0x400000 riscv64-0x10000; vaslint check -L genode-hw-64 aarch64be-0x400000

$ vaslint check -L genode-nova-x86_64 vmm64-default

# ...and a machine the layout does not describe is an input error.
$ vaslint check -L genode-nova-x86_32 vmm64-0x40000000
vmm64-0x40000000: error: machine x86_64 does not match layout genode-nova-x86_32 (i386)
[exit 2]

$ vaslint check -L genode-hw-arm_v7a aarch64-0x400000
aarch64-0x400000: error: machine aarch64 does not match layout genode-hw-arm_v7a (arm)
[exit 2]

# A linker script names its machine in OUTPUT_FORMAT or OUTPUT_ARCH: one
# the layout does not describe is an input error at that command, as for
# an image.
$ printf 'OUTPUT_FORMAT("elf64-x86-64", "elf64-x86-64", "elf64-x86-64")\nOUTPUT_ARCH(i386:x86-64)\nSECTIONS { . = 0x10000000; .text : { BYTE(0) } }\n' > x86_64.ld; vaslint check -L genode-nova-x86_32 -D GUEST_RAM=256M x86_64.ld
x86_64.ld:1:1: error: OUTPUT_FORMAT(elf64-x86-64): machine x86_64 does not match layout genode-nova-x86_32 (i386)
[exit 2]

$ printf 'OUTPUT_ARCH(aarch64)\nSECTIONS { . = 0x10000000; .text : { BYTE(0) } }\n' > a64.ld; vaslint check -L genode-hw-arm_v7a a64.ld
a64.ld:1:1: error: OUTPUT_ARCH(aarch64): machine aarch64 does not match layout genode-hw-arm_v7a (arm)
[exit 2]

# The same scripts where the layout has their machine; a script that names
# none, or a format vaslint does not know (binary), is not refused.
$ vaslint check -L genode-nova-x86_64 x86_64.ld; vaslint check -L genode-hw-64 a64.ld

$ printf 'OUTPUT_FORMAT(binary)\nSECTIONS { . = 0x10000000; .text : { BYTE(0) } }\n' > bin.ld; vaslint check -L genode-nova-x86_32 -D GUEST_RAM=256M bin.ld

# Without a layout only the image's own structure is checked.
$ vaslint check vmm32-0x47000000 riscv64-0x10000

# A machine no layout describes is named, not numbered (issue 16): an x32
# program is x86-64 code in a 32-bit ELF class, and foreign machines get
# the names `uname -m` gives them.
$ vaslint check -L linux-x86_64 x32-default
x32-default: error: machine x32 does not match layout linux-x86_64 (x86_64)
[exit 2]

$ for m in 8 20 258; do python3 "$ROOT/tests/fixtures/elfpatch.py" vmm32-0x1000000 em$m ehdr e_machine =$m; done; vaslint check -L linux-x86_64 em8 em20 em258
em8: error: machine mips does not match layout linux-x86_64 (x86_64)
em20: error: machine ppc does not match layout linux-x86_64 (x86_64)
em258: error: machine loongarch32 does not match layout linux-x86_64 (x86_64)
[exit 2]

$ for m in 8 21 22 43 258; do python3 "$ROOT/tests/fixtures/elfpatch.py" vmm64-default em64-$m ehdr e_machine =$m; done; vaslint check -L genode-nova-x86_32 em64-8 em64-21 em64-22 em64-43 em64-258
em64-8: error: machine mips64 does not match layout genode-nova-x86_32 (i386)
em64-21: error: machine ppc64 does not match layout genode-nova-x86_32 (i386)
em64-22: error: machine s390x does not match layout genode-nova-x86_32 (i386)
em64-43: error: machine sparc64 does not match layout genode-nova-x86_32 (i386)
em64-258: error: machine loongarch64 does not match layout genode-nova-x86_32 (i386)
[exit 2]

# One vaslint has no name for keeps its number.
$ python3 "$ROOT/tests/fixtures/elfpatch.py" vmm64-default em64-999 ehdr e_machine =999; vaslint check -L linux-x86_64 em64-999
em64-999: error: machine 999 (e_machine) does not match layout linux-x86_64 (x86_64)
[exit 2]
