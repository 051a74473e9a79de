# GNU ld relaxes RISC-V code: a call in reach of jal loses its auipc, a
# tail call within 2 KiB becomes c.j.  Two calls and a tail call to bar
# (26 bytes as assembled) are 16 bytes in GNU ld 2.40's link, and here.
# limits: 5 s, 256 MiB

$ printf '.text\n.globl _start\n_start: call bar\n  call bar\n  tail bar\nbar: ret\n' | riscv64-linux-gnu-as -o rvcall.o; printf 'SECTIONS { . = 0x80000000; .text : { *(.text) } }\n' > rv.ld; vaslint map -m elf64lriscv --image rvcall.o rv.ld
        0x80000000         0x80000010  16 bytes   section  ########################  .text
        0x80000010         0x80000010  0 bytes    section  .......................#  .bss
        0x80000010         0x80000010  0 bytes    section  .......................#  .data

# Alignment padding ld drops (R_RISCV_ALIGN) is not modelled: a note
# names the object, and its sizes are upper bounds.
$ printf '.text\n.globl _start\n_start: call bar\n.align 3\nbar: ret\n' | riscv64-linux-gnu-as -o rvalign.o; vaslint check -m elf64lriscv --image rvalign.o rv.ld
rv.ld: note: 1 value could not be determined (exact sizes of RISC-V code (rvalign.o has R_RISCV_ALIGN or thread-local relaxations: GNU ld drops alignment padding and shortens TLS accesses, which is not modelled; the sizes here are upper bounds)): not modelled for objects: --image with the linked program gives the exact layout [undetermined]
