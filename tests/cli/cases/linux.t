# The reference VMM's platform: the guest shadow sits at SHADOW_BASE (2 MiB)
# and the toolchain's default non-PIE link address 0x400000 lies inside it.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=256M vmm64-default
vmm64-default: error: segments 0 (R--), 1 (R-X), 2 (RW-) [0x400000, 0x415000) overlap guest-shadow [0x200000, 0x10200000): the VMM reserves this range for guest-physical memory (SHADOW_BASE + gpa) at start-up, so a program linked here puts its own image inside the guest's memory and the VMM refuses to start; the lowest legal link address aligned to 1 GiB is 0x40000000 [reserved-overlap]
[exit 1]

# Without guest RAM there is no shadow to hit.
$ vaslint check -L linux-x86_64 vmm64-default
vmm64-default: warning: region guest-shadow of layout linux-x86_64 is empty because GUEST_RAM was not given, so nothing was checked against it: give -D GUEST_RAM=SIZE, or -D GUEST_RAM=0 if there is none [parameter-not-given]

# Moving the shadow moves the conflict: parameters are ld expressions.  The
# program now ends 1964 KiB below the shadow, inside the 1 GiB page that
# holds the shadow's start (issue 11's new rule, near-reserved).
$ vaslint check -L linux-x86_64 -D GUEST_RAM=256M -D 'SHADOW_BASE=ALIGN(0x415000, 2M)' vmm64-default
vmm64-default: warning: segments 0 (R--), 1 (R-X), 2 (RW-) [0x400000, 0x415000) end 1964 KiB below guest-shadow [0x600000, 0x10600000), inside the same 1 GiB page: it cannot grow, and that page cannot be mapped large [near-reserved]

# Linked at 1 GiB the VMM is clear of a 256 MiB shadow.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=256M vmm64-0x40000000

# A PIE is checked where Linux loads it (pie-base), and says so.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=256M vmm64-pie
vmm64-pie: note: position-independent executable (ET_DYN with PT_INTERP): checked at 0x555555554000, where Linux puts a PIE with an interpreter (ELF_ET_DYN_BASE: pie-base 0x555555554aaa of layout linux-x86_64); with ASLR it lands anywhere in [0x555555554000, 0x565555569000) [position-independent]

# A layout without pie-base cannot say where a PIE lands, and says that.
$ vaslint check -L genode-nova-x86_64 vmm64-pie
vmm64-pie: note: position-independent executable (ET_DYN with PT_INTERP): layout genode-nova-x86_64 gives no load base (pie-base), so only the image's own segments were checked, not where it lands [position-independent]

$ vaslint check vmm64-pie
vmm64-pie: note: position-independent image (ET_DYN): without a layout (-L) only its own segments were checked, not where it lands [position-independent]

# A position-dependent x86-64 program lives below 2 GiB (small code model):
# above it GNU ld cannot link it, so the layout's exec-limit is an error...
$ vaslint check -L linux-x86_64 vmm64-0xc0000000
vmm64-0xc0000000: warning: region guest-shadow of layout linux-x86_64 is empty because GUEST_RAM was not given, so nothing was checked against it: give -D GUEST_RAM=SIZE, or -D GUEST_RAM=0 if there is none [parameter-not-given]
vmm64-0xc0000000: error: segments 0 (R--), 1 (R-X), 2 (RW-) [0xc0000000, 0xc0015000) of a position-dependent program lie above the exec limit 0x80000000 of layout linux-x86_64: a position-dependent (non-PIE) x86-64 program uses the small code model, whose start-up files (crt1.o, crtbegin.o) address it with 32-bit sign-extended absolute addresses, so GNU ld cannot link it above 2 GiB; move the other ranges (SHADOW_BASE) or build it as a PIE [outside-address-space]
[exit 1]

# One that starts below the limit and ends above it crosses it (segment 0
# stays below and is not named).
$ vaslint check -L linux-x86_64 vmm64-0x7fffe000
vmm64-0x7fffe000: warning: region guest-shadow of layout linux-x86_64 is empty because GUEST_RAM was not given, so nothing was checked against it: give -D GUEST_RAM=SIZE, or -D GUEST_RAM=0 if there is none [parameter-not-given]
vmm64-0x7fffe000: error: segments 1 (R-X), 2 (RW-) [0x7ffff000, 0x80013000) of a position-dependent program cross the exec limit 0x80000000 of layout linux-x86_64: a position-dependent (non-PIE) x86-64 program uses the small code model, whose start-up files (crt1.o, crtbegin.o) address it with 32-bit sign-extended absolute addresses, so GNU ld cannot link it above 2 GiB; move the other ranges (SHADOW_BASE) or build it as a PIE [outside-address-space]
[exit 1]

# ... and fix keeps the image below it: above a 1 GiB shadow it steps down
# from 1 GiB to 2 MiB alignment, a 2 GiB shadow leaves only the room below.
$ vaslint fix -L linux-x86_64 -D GUEST_RAM=1G --from-default --image vmm64-default | grep -c 'SEGMENT_START("text-segment", 0x40200000)'
<ld --verbose>:13:79: moved the image base from 0x400000 to 0x40200000 (2 numbers changed)
1

$ vaslint fix -L linux-x86_64 -D GUEST_RAM=2G --from-default --image vmm64-default | grep -c 'SEGMENT_START("text-segment", 0x1000)'
<ld --verbose>:13:79: moved the image base from 0x400000 to 0x1000 (2 numbers changed)
1

$ vaslint fix -L linux-x86_64 -D GUEST_RAM=3G -D SHADOW_BASE=0x10000 --from-default --image vmm64-default
vaslint: error: no legal place in layout linux-x86_64 for an image of 84 KiB below its exec limit 0x80000000: a position-dependent (non-PIE) x86-64 program uses the small code model, whose start-up files (crt1.o, crtbegin.o) address it with 32-bit sign-extended absolute addresses, so GNU ld cannot link it above 2 GiB; move the other ranges (SHADOW_BASE) or build it as a PIE
[exit 2]

# A linker script that places the image above the limit: at its expression.
$ printf 'SECTIONS { . = 0xc0000000; .text : { *(.text) } }\n' > hi.ld; vaslint check -L linux-x86_64 --image image64.o hi.ld
hi.ld: warning: region guest-shadow of layout linux-x86_64 is empty because GUEST_RAM was not given, so nothing was checked against it: give -D GUEST_RAM=SIZE, or -D GUEST_RAM=0 if there is none [parameter-not-given]
hi.ld:1:16: error: image hi.ld [0xc0000000, 0xc0013800) lies above the exec limit 0x80000000 of layout linux-x86_64: a position-dependent (non-PIE) x86-64 program uses the small code model, whose start-up files (crt1.o, crtbegin.o) address it with 32-bit sign-extended absolute addresses, so GNU ld cannot link it above 2 GiB; move the other ranges (SHADOW_BASE) or build it as a PIE [outside-address-space]
[exit 1]

# The layout listing names the limit.
$ vaslint layouts linux-x86_64 | grep 'exec limit'
  exec limit:    a position-dependent image ends at or below 0x80000000

# ... and the map draws it, a line at 2 GiB.
$ vaslint map -L linux-x86_64 -D GUEST_RAM=256M vmm64-0x40000000 | grep 'exec limit'
        0x80000000         0x80000000  0 bytes    symbol   ................#.......  exec limit of position-dependent images

# GUEST_RAM has no default in this layout (issue 14): forgetting it is a
# warning that names the -D to give; -D GUEST_RAM=0 says there is no guest,
# and a .vaslint.yaml's params count as given.
$ vaslint check -L linux-x86_64 vmm64-default; echo "exit $?"
vmm64-default: warning: region guest-shadow of layout linux-x86_64 is empty because GUEST_RAM was not given, so nothing was checked against it: give -D GUEST_RAM=SIZE, or -D GUEST_RAM=0 if there is none [parameter-not-given]
exit 0

$ vaslint check -L linux-x86_64 -D GUEST_RAM=0 vmm64-default; echo "exit $?"
exit 0

$ mkdir -p gr && printf 'params: {GUEST_RAM: 0}\n' > gr/.vaslint.yaml && cd gr && vaslint check -L linux-x86_64 ../vmm64-default; echo "exit $?"; cd .. && rm -rf gr
exit 0
