# Where the loaders put a position-independent image (issue 16): each kind
# of ET_DYN is checked where Linux (fs/binfmt_elf.c) or ld.so puts it
# without randomization, the note names the rule, and with ASLR the range
# the image can land in.  tests/loader/run compares the same predictions
# with where the kernel really maps running programs.
# limits: 5 s, 256 MiB

# A PIE with an interpreter lands at ELF_ET_DYN_BASE whatever its link
# address: one linked at 0x400000000000 is moved to 0x555555554000, no
# finding about its link address.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=0 pie64-0x400000000000
pie64-0x400000000000: note: position-independent executable (ET_DYN with PT_INTERP): checked at 0x555555554000, where Linux puts a PIE with an interpreter (ELF_ET_DYN_BASE: pie-base 0x555555554aaa of layout linux-x86_64); its link address 0x400000000000 does not count; with ASLR it lands anywhere in [0x555555554000, 0x565555569000) [position-independent]

$ vaslint map -L linux-x86_64 -D GUEST_RAM=0 pie64-0x400000000000 | grep pie64
    0x555555554000     0x555555555000  4 KiB      segment  .........##.............  pie64-0x400000000000 segment 2 (R--)
    0x555555554000     0x565555569000  ~1.0 TiB   aslr     .........#########......  pie64-0x400000000000 with ASLR
    0x555555555000     0x555555558000  12 KiB     segment  ..........##............  pie64-0x400000000000 segment 3 (R-X)
    0x555555558000     0x55555556a000  72 KiB     segment  ...........##...........  pie64-0x400000000000 segment 5 (RW-)

# GNU ld writes the same PIE as ET_EXEC (with DF_1_PIE): Linux maps that at
# its p_vaddr, and as position-independent code it is not bound by the
# small code model's exec limit.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=0 pie64-exec-0x400000000000

$ vaslint map -L linux-x86_64 -D GUEST_RAM=0 pie64-exec-0x400000000000 | grep -c '0x4000000.....  .*segment'
3

# A static-pie (no PT_INTERP) is mapped like the interpreter: top-down
# below the mmap base, 0x7ffff7fff000 for an 8 MiB stack limit.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=0 static-pie64
static-pie64: note: static-pie (ET_DYN with DF_1_PIE, without PT_INTERP): checked at 0x7ffff7fe9000, where Linux puts a static-pie near the mmap base (top-down below mmap-base 0x7ffff7fff000 of layout linux-x86_64); with ASLR it lands anywhere in [0x7efbff6eb000, 0x7ffbff700000) [position-independent]

# map -f json names both: the segments where it was checked, the ASLR range.
$ vaslint map -f json -L linux-x86_64 -D GUEST_RAM=0 static-pie64 | python3 -c 'import json, sys; [print(r["kind"], r["start"], r["end"], r["name"]) for r in json.load(sys.stdin)["ranges"] if r["file"] == "static-pie64"]'
aslr 0x7efbff6eb000 0x7ffbff700000 static-pie64 with ASLR
segment 0x7ffff7fe9000 0x7ffff7fea000 static-pie64 segment 0 (R--)
segment 0x7ffff7fea000 0x7ffff7fed000 static-pie64 segment 1 (R-X)
segment 0x7ffff7fed000 0x7ffff7fff000 static-pie64 segment 3 (RW-)

# Its largest p_align moves it down to a 2 MiB boundary; so does a mapping
# of 2 MiB or more (the kernel's page-cache huge pages, file-map-align).
$ vaslint check -L linux-x86_64 -D GUEST_RAM=0 static-pie64-2m static-pie64-big
static-pie64-2m: note: static-pie (ET_DYN with DF_1_PIE, without PT_INTERP): checked at 0x7ffff7800000, where Linux puts a static-pie near the mmap base (top-down below mmap-base 0x7ffff7fff000 of layout linux-x86_64, aligned to 2 MiB); with ASLR it lands anywhere in [0x7efbff000000, 0x7ffbff611000) [position-independent]
static-pie64-big: note: static-pie (ET_DYN with DF_1_PIE, without PT_INTERP): checked at 0x7ffff7c00000, where Linux puts a static-pie near the mmap base (top-down below mmap-base 0x7ffff7fff000 of layout linux-x86_64, aligned to 2 MiB); with ASLR it lands anywhere in [0x7efbff200000, 0x7ffbff505000) [position-independent]

# A shared library: ld.so maps it top-down too, below what it mapped
# before (itself, the vDSO, earlier libraries), so it lands lower than
# checked.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=0 libhelper64.so
libhelper64.so: note: shared library (ET_DYN without PT_INTERP or DF_1_PIE): ld.so puts it near the mmap base; checked at 0x7ffff7ffc000, top-down below mmap-base 0x7ffff7fff000 of layout linux-x86_64, as if it were mapped first (ld.so, the vDSO and the libraries loaded before it push it lower); with ASLR the mmap base it lies below is anywhere from 0x7efbff701000 to 0x7ffbff700000 [position-independent]

# A library linked at an address of its own: ld.so asks for it (its first
# p_vaddr is the mmap hint, glibc 2.36), and Linux grants a free hint.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=0 libhelper64-0x20000000.so
libhelper64-0x20000000.so: note: shared library (ET_DYN without PT_INTERP or DF_1_PIE): ld.so asks for its link address as the place to map it (glibc elf/dl-map-segments.h), and Linux gives it where that range is free: checked at 0x20000000 [position-independent]

# On Genode's base-linux the kernel's rule holds for a static-pie, but
# Genode's ld.lib.so places libraries and nothing places a PIE: said so.
$ vaslint check -L genode-linux-x86_64 static-pie64 libhelper64.so vmm64-pie
libhelper64.so: note: shared library (ET_DYN without PT_INTERP or DF_1_PIE): layout genode-linux-x86_64 does not say where the dynamic linker puts shared libraries (shared-libraries), so only the image's own segments were checked, not where it lands [position-independent]
static-pie64: note: static-pie (ET_DYN with DF_1_PIE, without PT_INTERP): checked at 0x7ffff7fe9000, where Linux puts a static-pie near the mmap base (top-down below mmap-base 0x7ffff7fff000 of layout genode-linux-x86_64); with ASLR it lands anywhere in [0x7efbff6eb000, 0x7ffbff700000) [position-independent]
vmm64-pie: note: position-independent executable (ET_DYN with PT_INTERP): layout genode-linux-x86_64 gives no load base (pie-base), so only the image's own segments were checked, not where it lands [position-independent]

# A layout written before these keys keeps working: pie-base places a PIE,
# without ASLR range; the others are not placed, and the notes say why.
$ printf 'name: old\ndescription: d\nmachine: x86_64\npage-sizes: [4K]\naddress-space: {start: 0x1000, end: 0x7ffffffff000}\npie-base: 0x555555554000\n' > old.yaml; vaslint check -L ./old.yaml vmm64-pie static-pie64 libhelper64.so
libhelper64.so: note: shared library (ET_DYN without PT_INTERP or DF_1_PIE): layout old does not say where the dynamic linker puts shared libraries (shared-libraries), so only the image's own segments were checked, not where it lands [position-independent]
static-pie64: note: static-pie (ET_DYN with DF_1_PIE, without PT_INTERP): layout old gives no mmap base (mmap-base), so only the image's own segments were checked, not where it lands [position-independent]
vmm64-pie: note: position-independent executable (ET_DYN with PT_INTERP): checked at 0x555555554000, where Linux puts a PIE with an interpreter (ELF_ET_DYN_BASE: pie-base 0x555555554000 of layout old) [position-independent]

# The listing shows the keys, evaluated.
$ vaslint layouts linux-x86_64 | grep -E '^  (pie|mmap|file map)'
  pie base:      0x555555554aaa
  pie aslr:      0x555555554aaa to 0x565555553aaa
  mmap base:     0x7ffff7fff000 (shared libraries load below it)
  mmap aslr:     0x7efbff701000 to 0x7ffbff700000
  file map align: a file mapping of 2 MiB or more lands aligned to it

# The keys are checked like every other.
$ printf 'name: x\ndescription: d\nmachine: x86_64\npage-sizes: [4K]\naddress-space: {start: 0x1000, end: 0x7ffffffff000}\nshared-libraries: mmap-base\n' > k1.yaml; vaslint check -L ./k1.yaml libhelper64.so
./k1.yaml:6:1: error: shared-libraries needs the mmap-base key
[exit 2]

$ printf 'name: x\ndescription: d\nmachine: x86_64\npage-sizes: [4K]\naddress-space: {start: 0x1000, end: 0x7ffffffff000}\nmmap-base: 0x7ffff7fff000\nshared-libraries: near-the-top\n' > k2.yaml; vaslint check -L ./k2.yaml libhelper64.so
./k2.yaml:7:19: error: shared-libraries: expected 'mmap-base', found 'near-the-top'
[exit 2]

$ printf 'name: x\ndescription: d\nmachine: x86_64\npage-sizes: [4K]\naddress-space: {start: 0x1000, end: 0x7ffffffff000}\npie-base: 0x1000000\npie-aslr: {lowest: 0x2000000, highest: 0x1000000}\n' > k3.yaml; vaslint check -L ./k3.yaml vmm64-pie
./k3.yaml:7:11: error: pie-aslr: highest lies below lowest
[exit 2]

$ printf 'name: x\ndescription: d\nmachine: x86_64\npage-sizes: [4K]\naddress-space: {start: 0x1000, end: 0x7ffffffff000}\nmmap-aslr: {lowest: 0x1000000, highest: 0x2000000}\n' > k4.yaml; vaslint check -L ./k4.yaml vmm64-pie
./k4.yaml:6:1: error: mmap-aslr needs the mmap-base key
[exit 2]

$ printf 'name: x\ndescription: d\nmachine: x86_64\npage-sizes: [4K]\naddress-space: {start: 0x1000, end: 0x7ffffffff000}\nmmap-base: 0x7ffff7fff000\nfile-map-align: 3M\n' > k5.yaml; vaslint check -L ./k5.yaml vmm64-pie
./k5.yaml:7:17: error: file-map-align is not a power of two
[exit 2]

# An image larger than the space below the mmap base cannot be placed.
$ printf 'name: x\ndescription: d\nmachine: x86_64\npage-sizes: [4K]\naddress-space: {start: 0x1000, end: 0x7ffffffff000}\nmmap-base: 0x10000\n' > k6.yaml; vaslint check -L ./k6.yaml static-pie64
static-pie64: error: the image (88 KiB from its first segment on) does not fit below the mmap base 0x10000 of layout x
[exit 2]
