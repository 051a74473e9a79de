/* The reference VMM's guest: 16-bit real mode, no BIOS.  It prints a
 * greeting kept in a second segment (so the VMM must have loaded both at
 * their physical addresses), the checksum of a table in a third, and
 * halts.  A fourth segment straddles guest-physical 2 MiB for the loader's
 * test.  Console: one byte per OUT to port 0xe9. */
	.globl	GREETING_GPA		/* the linker script places it */
	.set	GREETING_GPA, 0x10000
	.globl	LOWTABLE_GPA
	.set	LOWTABLE_GPA, 0x80000

	.code16
	.section .text, "ax"
	.globl	_start
_start:
	cli
	xorw	%ax, %ax
	movw	%ax, %ss
	movw	$0x0ffe, %sp		/* below the code at 0x1000 */
	movw	$(GREETING_GPA >> 4), %ax
	movw	%ax, %ds
	xorw	%si, %si
	call	puts
	/* the sum of the low table's 16-bit words (real mode reaches only
	 * the first MiB: the table across 2 MiB is for the loader's test) */
	movw	$(LOWTABLE_GPA >> 4), %ax
	movw	%ax, %ds
	xorw	%si, %si
	movw	$2048, %cx
	xorw	%dx, %dx
1:	lodsw
	addw	%ax, %dx
	loop	1b
	movw	%dx, %ax
	call	puthex
	movb	$'\n', %al
	outb	%al, $0xe9
	hlt
	jmp	.-1

/* ds:si: a NUL-terminated string */
puts:
	lodsb
	testb	%al, %al
	jz	2f
	outb	%al, $0xe9
	jmp	puts
2:	ret

/* ax as four hex digits */
puthex:
	movw	%ax, %bx
	movw	$4, %cx
3:	rolw	$4, %bx
	movb	%bl, %al
	andb	$0x0f, %al
	addb	$'0', %al
	cmpb	$'9', %al
	jbe	4f
	addb	$('a' - '0' - 10), %al
4:	outb	%al, $0xe9
	loop	3b
	ret

	.section .greeting, "aw"
	.asciz	"hello from the 16-bit guest: loaded at its physical addresses\ntable checksum 0x"

/* 4 KiB of words below 1 MiB that the guest sums (the same words as
 * the first 4 KiB of the table below) */
	.section .lowtable, "aw"
	.set	i, 0
	.rept	2048
	.word	(i * 0x9e37 + 0x79b9) & 0xffff
	.set	i, i + 1
	.endr

/* 8 KiB across guest-physical 2 MiB: two chunks of the VMM's population */
	.section .table, "aw"
	.set	i, 0
	.rept	4096
	.word	(i * 0x9e37 + 0x79b9) & 0xffff
	.set	i, i + 1
	.endr

	.section .bss
	.space	0x3000			/* must read as zeros */
