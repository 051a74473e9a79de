# Object "dyn": what makes the linker add sections of its own to a shared
# object: a reference to a symbol no object defines (a dynamic relocation,
# .dynsym, .dynstr, .hash, .dynamic) and call frame information (.eh_frame,
# and with --eh-frame-hdr its index).  Data directives only.
	.text
	.globl f
f:
	.cfi_startproc
	.fill 0x10, 1, 0
	.cfi_endproc
	.section .rodata,"a",%progbits
	.fill 0x12, 1, 0
	.data
	.globl d
d:
	.quad ext
	.fill 0x14, 1, 0
	.bss
	.zero 0x16
