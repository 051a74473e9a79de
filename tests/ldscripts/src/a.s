# Object "a": the program's entry and one input section of every common kind.
# Sizes are odd on purpose so the next input section's alignment shows up as
# padding.  Data directives only, so one source assembles for every machine.
	.text
	.globl _start
_start:
	.fill 0x43, 1, 0
	.section .text.hot,"ax",%progbits
	.balign 16
	.fill 0x11, 1, 0
	.section .text.hot.a1,"ax",%progbits
	.p2align 3
	.fill 0x9, 1, 0
	.section .text.unlikely,"ax",%progbits
	.fill 0x7, 1, 0
	.section .rodata,"a",%progbits
	.balign 8
	.fill 0x23, 1, 1
	.data
	.balign 8
	.globl a_data
a_data:
	.fill 0x18, 1, 2
	.section .foo,"a",%progbits
	.balign 64
	.fill 0x30, 1, 3
	.section .keep.a,"a",%progbits
	.fill 0x4, 1, 4
	.bss
	.balign 32
	.zero 0x100
