# The reference VMM's platform: the guest shadow sits at SHADOW_BASE (2 MiB)
# and the toolchain's default non-PIE link address 0x400000 lies inside it.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=256M vmm64-default
vmm64-default: error: segments 0 (R--), 1 (R-X), 2 (RW-) [0x400000, 0x415000) overlap guest-shadow [0x200000, 0x10200000): the VMM reserves this range for guest-physical memory (SHADOW_BASE + gpa) at start-up, so a program linked here puts its own image inside the guest's memory and the VMM refuses to start; the lowest legal link address aligned to 1 GiB is 0x40000000 [reserved-overlap]
[exit 1]

# Without guest RAM there is no shadow to hit.
$ vaslint check -L linux-x86_64 vmm64-default

# Moving the shadow moves the conflict: parameters are ld expressions.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=256M -D 'SHADOW_BASE=ALIGN(0x415000, 2M)' vmm64-default

# Linked at 1 GiB the VMM is clear of a 256 MiB shadow.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=256M vmm64-0x40000000

# A PIE is checked where Linux loads it (pie-base), and says so.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=256M vmm64-pie
vmm64-pie: note: position-independent image (ET_DYN): checked at load base 0x555555554000, where layout linux-x86_64 says the platform loads such images [position-independent]

# A layout without pie-base cannot say where a PIE lands, and says that.
$ vaslint check -L genode-nova-x86_64 vmm64-pie
vmm64-pie: note: position-independent image (ET_DYN): layout genode-nova-x86_64 gives no load base (pie-base), so only the image's own segments were checked, not where it lands [position-independent]

$ vaslint check vmm64-pie
vmm64-pie: note: position-independent image (ET_DYN): without a layout (-L) only its own segments were checked, not where it lands [position-independent]
