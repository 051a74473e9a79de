# A stand-in for a Vancouver-style VMM on Genode/NOVA x86_32, for the demo:
# code, data and a bss the size of a small VMM's.  vaslint reads only its
# program headers, so it needs no real instructions beyond an entry point.
	.text
	.globl _start
_start:
	hlt
	.fill 0x7fff, 1, 0x90
	.data
	.globl vcpu_state
vcpu_state:
	.fill 0x1000, 1, 0
	.bss
	.globl device_models
device_models:
	.space 0x40000
