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
