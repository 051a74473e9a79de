# Object "b": a second object whose sections share names with a.s, so the
# order of objects on the command line decides the order inside an output
# section; its .bss wants a whole page of alignment.
	.text
	.balign 4
	.fill 0x21, 1, 0
	.section .text.hot.b1,"ax",%progbits
	.balign 4
	.fill 0x5, 1, 0
	.section .rodata,"a",%progbits
	.fill 0x7, 1, 5
	.data
	.balign 4
	.fill 0x9, 1, 6
	.section .keep.b,"a",%progbits
	.fill 0x8, 1, 7
	.bss
	.balign 4096
	.zero 0x1000
	.section .bss.b1,"aw"
	.zero 0x30
