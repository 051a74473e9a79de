# Object "bss": uninitialised data in every form: .bss, a named .bss.*
# section, a COMMON symbol; and .persist, a section with contents that a
# script may mark NOLOAD.
	.bss
	.balign 16
	.zero 0x48
	.section .bss.big,"aw"
	.balign 64
	.zero 0x2000
	.comm common_buf, 0x90, 32
	.section .persist,"aw",%progbits
	.balign 8
	.fill 0x40, 1, 0
	.data
	.fill 0x6, 1, 1
