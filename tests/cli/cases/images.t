# Several images in one call are separate programs, each in its own
# address space (Genode components, Linux processes): no image-overlap.
$ vaslint check -L genode-nova-x86_32 vmm32-0x1000000 dyn32-0x1000000; echo "exit $?"
exit 0

# --one-space checks them as parts of one address space (a program and
# the libraries it loads).
$ vaslint check -L genode-nova-x86_32 --one-space vmm32-0x1000000 dyn32-0x1000000
dyn32-0x1000000: error: image [0x1000000, 0x16e00000) overlaps vmm32-0x1000000 [0x1000000, 0x1015000) [image-overlap]
[exit 1]

$ vaslint check --one-space vmm32-0x1000000 vmm32-0x6000000 vmm32-0x47000000

# Two copies of one program at one address do collide in one space; the
# same file named twice, or through a link, is one input and does not
# overlap itself (issue 16).
$ cp vmm32-0x1000000 copy32 && vaslint check --one-space vmm32-0x1000000 vmm32-0x6000000 copy32
copy32: error: image [0x1000000, 0x1015000) overlaps vmm32-0x1000000 [0x1000000, 0x1015000) [image-overlap]
[exit 1]

$ ln -sf vmm32-0x1000000 link32 && vaslint check --one-space vmm32-0x1000000 vmm32-0x1000000 link32; echo "exit $?"
exit 0

# Images for different machines never share an address space.
$ vaslint check --one-space vmm32-0x1000000 vmm64-0x40000000 arm-0x10000; echo "exit $?"
exit 0

# An object file has no loadable segments: nothing of it is checked, and
# the note says so and what to give instead.
$ vaslint check image64.o; echo "exit $?"
image64.o: note: a relocatable object has no loadable segments: nothing of it was checked; check the linked program, or the linker script with --image image64.o [not-loadable]
exit 0

# --separate, the old spelling of the default, is still accepted.
$ vaslint check --separate vmm32-0x1000000 vmm32-0x1000000

# Structure checks need no layout: incongruent p_vaddr/p_offset, PT_LOADs
# whose bytes overlap, and PT_LOADs that only share a page (a warning).
$ vaslint check incongruent
incongruent: error: segment 2 (RW-): p_vaddr 0x6004000 and p_offset 0x4010 differ modulo p_align 0x1000 (0x0 vs 0x10) [segment-congruence]
[exit 1]

$ vaslint check overlapping
overlapping: error: segment 1 (R-X) [0x6001000, 0x6004000) and segment 2 (RW-) [0x6002000, 0x6013000) overlap [segment-overlap]
[exit 1]

$ vaslint check page-share
page-share: warning: segment 0 (R-X) [0x10000000, 0x10004000) and segment 1 (RW-) [0x10003000, 0x10014000) share a page (the loader maps the page once, with one set of rights) [segment-overlap]

$ vaslint check --werror page-share
page-share: warning: segment 0 (R-X) [0x10000000, 0x10004000) and segment 1 (RW-) [0x10003000, 0x10014000) share a page (the loader maps the page once, with one set of rights) [segment-overlap]
[exit 1]

# u-boot's qemu-x86 ROM image: the 16-bit reset code runs at 0xf800
# (p_vaddr) but sits at the end of the ROM (p_paddr 0xfffff800).  Its run
# addresses span 4 GiB, so no link address fits; the hint names that span
# and the 1 MiB the image really occupies by p_paddr.
$ readelf -lW uboot-qemu-x86 | grep LOAD
  LOAD           0x001000 0xfff00000 0xfff00000 0x02000 0x02000 R E 0x1000
  LOAD           0x003000 0xfff02000 0xfff02000 0x00004 0x00004 RW  0x1000
  LOAD           0x003800 0x0000f800 0xfffff800 0x00800 0x00800 R E 0x1000

$ vaslint check -L genode-nova-x86_32 -D GUEST_RAM=256M uboot-qemu-x86
uboot-qemu-x86: error: segments 0 (R-X), 1 (RW-) [0xfff00000, 0xfff03000) lie outside the address space [0x1000, 0xc0000000) of layout genode-nova-x86_32 [outside-address-space]
uboot-qemu-x86: error: segment 2 (R-X) [0xf000, 0x10000) overlaps guest-shadow [0x0, 0x10000000): a Vancouver/Seoul-style VMM keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory; no legal link address exists in layout genode-nova-x86_32 for an image spanning [0xf000, 0xfff03000) (~4.0 GiB); by p_paddr, where it is loaded, the image spans [0xfff00000, 0x100000000) (1 MiB) [reserved-overlap]
[exit 1]
