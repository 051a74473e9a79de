# Object "ov": three overlay candidates of different sizes and alignments,
# and a small resident part.
	.text
	.globl _start
_start:
	.fill 0x30, 1, 0
	.section .ov1,"ax",%progbits
	.fill 0x100, 1, 1
	.section .ov2,"ax",%progbits
	.balign 16
	.fill 0x280, 1, 2
	.section .ov3,"ax",%progbits
	.balign 8
	.fill 0x44, 1, 3
	.data
	.fill 0x20, 1, 4
