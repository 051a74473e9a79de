# Object "kinds": one input section of every kind GNU ld tells orphans
# apart by: code, read-only data, a note, data, an array of pointers,
# thread-local data and bss, bss, a COMMON symbol, and writable code.
# Odd sizes, so every placement shows in the addresses.
	.text
	.globl _start
_start:
	.fill 0x10, 1, 0
	.section .text.x,"ax",%progbits
	.fill 0x11, 1, 0
	.section .rodata,"a",%progbits
	.fill 0x12, 1, 0
	.section .ro.x,"a",%progbits
	.balign 8
	.fill 0x13, 1, 0
	.data
	.fill 0x14, 1, 0
	.section .rw.x,"aw",%progbits
	.fill 0x15, 1, 0
	.bss
	.zero 0x16
	.section .bss.x,"aw",%nobits
	.balign 16
	.zero 0x17
	.section .tdata,"awT",%progbits
	.fill 0x18, 1, 0
	.section .tbss,"awT",%nobits
	.zero 0x19
	.section .note.x,"a",%note
	.balign 4
	.fill 0x1c, 1, 0
	.section .init_array,"aw",%init_array
	.fill 0x8, 1, 0
	.section .rwx,"awx",%progbits
	.fill 0x1d, 1, 0
	.comm kinds_common, 0x40, 32
