/* The reference VMM's second guest: it switches to 32-bit protected mode
 * and fills its RAM, so the VMM's guest-physical fault path runs once per
 * chunk, thousands of times with small chunks.
 *
 * Boot protocol (vcpu.h): real mode, CS 0, IP _start; EBX the guest RAM
 * size in bytes, ECX the stride (--guest-arg; 0 is 4 KiB; rounded down
 * to a multiple of 4).  From FILL_START (the first page after this image)
 * to the end of RAM it writes the word a * 0x9e3779b1 at every stride-th
 * address a, then reads every word back, adds them up and counts those
 * that differ, and prints on port 0xe9 (here for 256 MiB)
 *
 *   hello from the 32-bit guest: fill [0x00002000, 0x10000000) stride
 *   0x00001000: checksum 0x0064f000, 0x00000000 wrong
 *
 * on one line, and halts.  The checksum is the sum of a * 0x9e3779b1
 * over the addresses, modulo 2^32.  The write loop takes 6 instructions a word, the read loop 9
 * (bench/vmm counts guest instructions from that).  The stack and this
 * code take pages 0 and 1, so a fill reaches every page of guest RAM. */
	.set	FILL_K, 0x9e3779b1
	.set	STACK_TOP, 0x1000	/* page 0, below the code */

	.code16
	.section .text, "ax"
	.globl	_start
_start:
	cli
	xorw	%ax, %ax
	movw	%ax, %ds
	lgdtl	gdt_desc
	movl	%cr0, %eax
	orb	$1, %al			/* PE */
	movl	%eax, %cr0
	ljmpl	$0x08, $pm32

	.code32
pm32:
	movw	$0x10, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movl	$STACK_TOP, %esp
	/* edx: the end of the fill, the last word's address + 1 (a word at
	 * a fits when a < edx); ecx: the stride */
	leal	-3(%ebx), %edx
	andl	$~3, %ecx
	jnz	1f
	movl	$0x1000, %ecx
1:	movl	%ecx, stride
	movl	%ebx, ram

	/* write: [a] = a * K */
	movl	$FILL_START, %esi
	cmpl	%edx, %esi
	jae	3f
2:	imull	$FILL_K, %esi, %eax
	movl	%eax, (%esi)
	addl	%ecx, %esi
	jc	3f
	cmpl	%edx, %esi
	jb	2b
3:
	/* read: edi the sum, ebp the words that differ */
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	movl	$FILL_START, %esi
	cmpl	%edx, %esi
	jae	6f
4:	movl	(%esi), %eax
	addl	%eax, %edi
	imull	$FILL_K, %esi, %ebx
	cmpl	%eax, %ebx
	je	5f
	incl	%ebp
5:	addl	%ecx, %esi
	jc	6f
	cmpl	%edx, %esi
	jb	4b
6:
	movl	$msg_fill, %esi
	call	puts
	movl	$FILL_START, %eax
	call	puthex
	movl	$msg_comma, %esi
	call	puts
	movl	ram, %eax
	call	puthex
	movl	$msg_stride, %esi
	call	puts
	movl	stride, %eax
	call	puthex
	movl	$msg_sum, %esi
	call	puts
	movl	%edi, %eax
	call	puthex
	movl	$msg_comma, %esi
	call	puts
	movl	%ebp, %eax
	call	puthex
	movl	$msg_wrong, %esi
	call	puts
	hlt
	jmp	.-1

/* esi: a NUL-terminated string */
puts:
	lodsb
	testb	%al, %al
	jz	7f
	outb	%al, $0xe9
	jmp	puts
7:	ret

/* eax as 0x and eight hex digits */
puthex:
	movl	%eax, %ebx
	movb	$'0', %al
	outb	%al, $0xe9
	movb	$'x', %al
	outb	%al, $0xe9
	movl	$8, %ecx
8:	roll	$4, %ebx
	movb	%bl, %al
	andb	$0x0f, %al
	addb	$'0', %al
	cmpb	$'9', %al
	jbe	9f
	addb	$('a' - '0' - 10), %al
9:	outb	%al, $0xe9
	loop	8b
	ret

	.p2align 3
gdt:	.quad	0
	.quad	0x00cf9a000000ffff	/* 0x08: code, flat 4 GiB, 32-bit */
	.quad	0x00cf92000000ffff	/* 0x10: data, flat 4 GiB */
gdt_desc:
	.word	gdt_desc - gdt - 1
	.long	gdt

ram:	.long	0
stride:	.long	0

msg_fill:	.asciz	"hello from the 32-bit guest: fill ["
msg_comma:	.asciz	", "
msg_stride:	.asciz	") stride "
msg_sum:	.asciz	": checksum "
msg_wrong:	.asciz	" wrong\n"
