# Object "c": sections whose names sort differently from their order in the
# file (for SORT_BY_NAME), and one page-aligned data section.
	.section .sorted.zz,"a",%progbits
	.fill 0x3, 1, 0x7a
	.section .sorted.aa,"a",%progbits
	.balign 2
	.fill 0x5, 1, 0x61
	.section .sorted.mm,"a",%progbits
	.balign 16
	.fill 0x10, 1, 0x6d
	.section .page,"aw",%progbits
	.balign 4096
	.fill 0x10, 1, 8
	.section .rodata.c,"a",%progbits
	.balign 4
	.fill 0xd, 1, 9
