# GNU ld relaxes RISC-V code (a call in reach of jal loses its auipc),
# which vaslint does not model: an object with R_RISCV_RELAX relocations
# gets a note naming it, and no exact claim.
# limits: 5 s, 256 MiB

$ printf '.text\n.globl _start\n_start: call foo\n' | riscv64-linux-gnu-as -o rvcall.o; printf 'SECTIONS { . = 0x80000000; .text : { *(.text) } }\n' > rv.ld; vaslint check -m elf64lriscv --image rvcall.o rv.ld
rv.ld: note: 1 value could not be determined (exact sizes of RISC-V code (rvcall.o has R_RISCV_RELAX: GNU ld shortens calls and address loads and drops alignment padding, which is not modelled; the sizes here are upper bounds)): not modelled for objects: --image with the linked program gives the exact layout [undetermined]

# Assembled with -mno-relax there is nothing to say.
$ printf '.text\n.globl _start\n_start: call foo\n' | riscv64-linux-gnu-as -mno-relax -o rvplain.o; vaslint check -m elf64lriscv --image rvplain.o rv.ld
