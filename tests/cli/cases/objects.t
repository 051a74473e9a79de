# What GNU ld does to real objects that changes their layout or refuses
# the link.  RISC-V relaxation: a call in reach of jal loses its auipc, a
# tail call within 2 KiB becomes c.j.  Two calls and a tail call to bar
# (26 bytes as assembled) are 16 bytes in GNU ld 2.40's link, and here.
# limits: 5 s, 256 MiB

$ printf '.text\n.globl _start\n_start: call bar\n  call bar\n  tail bar\nbar: ret\n' | riscv64-linux-gnu-as -o rvcall.o; printf 'SECTIONS { . = 0x80000000; .text : { *(.text) } }\n' > rv.ld; vaslint map -m elf64lriscv --image rvcall.o rv.ld
        0x80000000         0x80000010  16 bytes   section  ########################  .text
        0x80000010         0x80000010  0 bytes    section  .......................#  .bss
        0x80000010         0x80000010  0 bytes    section  .......................#  .data

# Then the alignment padding (R_RISCV_ALIGN) that the shorter code no
# longer needs goes: a call and 8-byte aligned code after it are 12 bytes
# in GNU ld's link, and here.
$ printf '.text\n.globl _start\n_start: call bar\n.align 3\nbar: ret\n' | riscv64-linux-gnu-as -o rvalign.o; vaslint map -m elf64lriscv --image rvalign.o rv.ld
        0x80000000         0x8000000c  12 bytes   section  ########################  .text
        0x8000000c         0x8000000c  0 bytes    section  .......................#  .bss
        0x8000000c         0x8000000c  0 bytes    section  .......................#  .data

# Thread-local relaxation (GNU ld 2.40 on the same objects): a
# local-exec access of a variable within 2 KiB of the TLS block's start
# loses its lui and add (.text 4 bytes); one 4 KiB in keeps them (12).
$ printf '.section .tbss,"awT",@nobits\nx: .zero 8\n.text\n.globl _start\n_start: lui a5,%%tprel_hi(x)\n add a5,a5,tp,%%tprel_add(x)\n lw a0,%%tprel_lo(x)(a5)\n' | riscv64-linux-gnu-as -o rvtls.o; vaslint map -m elf64lriscv --image rvtls.o rv.ld | grep text
        0x80000000         0x80000004  4 bytes    section  ############............  .text
$ printf '.section .tbss,"awT",@nobits\n.zero 0x1000\nx: .zero 8\n.text\n.globl _start\n_start: lui a5,%%tprel_hi(x)\n add a5,a5,tp,%%tprel_add(x)\n lw a0,%%tprel_lo(x)(a5)\n' | riscv64-linux-gnu-as -o rvtlsfar.o; vaslint map -m elf64lriscv --image rvtlsfar.o rv.ld | grep text
        0x80000000         0x8000000c  12 bytes   section  ############............  .text

# What GNU ld refuses of real objects: code that refers to a section the
# script discards (ld: "`.rodata' referenced in section `.text' of
# disc.o: defined in discarded section `.rodata' of disc.o").
$ printf '.section .rodata\nmsg: .asciz "hi"\n.text\n.globl _start\n_start: lea msg(%%rip), %%rax\n' | as -o disc.o; printf 'SECTIONS { . = 0x400000; .text : { *(.text) } /DISCARD/ : { *(.rodata) } }\n' > disc.ld; vaslint check --image disc.o disc.ld
disc.ld:1:47: error: `.rodata' referenced in section `.text' of disc.o: defined in discarded section `.rodata' of disc.o, which GNU ld refuses [script-error]
[exit 1]

# .eh_frame may refer to discarded code: ld drops those entries.
$ printf '.section .text.gone,"ax"\ngone: ret\n.section .eh_frame,"a",@unwind\n.quad gone\n' | as -o eh.o; printf 'SECTIONS { . = 0x400000; .text : { *(.text) } /DISCARD/ : { *(.text.gone) } }\n' > eh.ld; vaslint check --image eh.o eh.ld 2>&1 | grep -c discarded
0
[exit 1]

# arm interworking (GNU ld 2.40 on the same objects): Thumb code that
# tail-calls ARM code with b.w goes through a stub GNU ld adds after the
# last code of the section (8 bytes, one per target, aligned to 8): .text
# 0x18, not 0x10.  An ARM b to Thumb code needs a stub of another kind,
# which is not modelled: a note says so.
$ printf ' .syntax unified\n .arm\n .text\n .globl armf\n .type armf, %%function\narmf: bx lr\n' | arm-linux-gnueabihf-as -o armf.o; printf ' .syntax unified\n .thumb\n .text\n .globl _start\n .type _start, %%function\n .thumb_func\n_start: b.w armf\n b.w armf\n bl armf\n' | arm-linux-gnueabihf-as -o thumb.o; printf 'SECTIONS { . = 0x8000; .text : { *(.text) } .data : { *(.data) } }\n' > st.ld; vaslint map -m armelf_linux_eabi --image thumb.o --image armf.o st.ld | grep text
            0x8000             0x8018  24 bytes   section  ########################  .text
$ printf ' .syntax unified\n .arm\n .text\n .globl _start\n_start: b thf\n' | arm-linux-gnueabihf-as -o armb.o; printf ' .syntax unified\n .thumb\n .text\n .globl thf\n .type thf, %%function\n .thumb_func\nthf: bx lr\n' | arm-linux-gnueabihf-as -o thf.o; vaslint check -m armelf_linux_eabi --image armb.o --image thf.o st.ld 2>&1 | grep -c "interworking stubs (armb.o branches from ARM code to Thumb code"
1
