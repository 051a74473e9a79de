# Bad input gets one line naming the file (and line:column for text) and
# exit status 2, never a crash.  Damaged files are made on the spot from
# good fixtures.
# limits: 2 s, 256 MiB

$ vaslint check /no/such/file
/no/such/file: error: cannot open: No such file or directory
[exit 2]

$ vaslint check .
.: error: is a directory, not an input file
[exit 2]

$ printf 'hello, world\n' > hello.txt; vaslint check hello.txt
hello.txt:1:1: error: not an ELF image or linker script: 'hello' starts no linker-script command
[exit 2]

$ : > empty; vaslint check empty
empty: error: empty file: neither an ELF image nor a linker script with anything in it
[exit 2]

$ head -c 30 vmm32-0x6000000 > truncated-ehdr; vaslint check truncated-ehdr
truncated-ehdr: error: truncated or malformed ELF header (the file has 30 bytes)
[exit 2]

$ head -c 100 vmm32-0x6000000 > truncated-phdrs; vaslint check truncated-phdrs
truncated-phdrs: error: program header table (3 entries at offset 0x34) extends beyond the end of the file (100 bytes): truncated or corrupt
[exit 2]

# Cut inside segment 1: its file data is missing, a refusal.  (Its section
# header table is cut off too, which alone is only a warning: see shnum.)
$ head -c 4352 vmm32-0x6000000 > truncated-segment; vaslint check truncated-segment
truncated-segment: error: segment 1 file range [0x1000, +0x3000) extends beyond the end of the file (4352 bytes): truncated or corrupt
[exit 2]

$ python3 "$ROOT/tests/fixtures/elfpatch.py" vmm32-0x6000000 nosh1 ehdr e_shnum =0; python3 "$ROOT/tests/fixtures/elfpatch.py" nosh1 nosh ehdr e_shoff =0; head -c 4352 nosh > truncated-text; vaslint check truncated-text
truncated-text: error: segment 1 file range [0x1000, +0x3000) extends beyond the end of the file (4352 bytes): truncated or corrupt
[exit 2]

$ python3 "$ROOT/tests/fixtures/elfpatch.py" vmm64-default phnum ehdr e_phnum =0xfffe; vaslint check phnum
phnum: error: program header table (65534 entries at offset 0x40) extends beyond the end of the file (19136 bytes): truncated or corrupt
[exit 2]

# A section header table that does not fit the file: no loader reads it,
# Linux runs the program, so it is a warning about the file (issue 16), and
# the image is checked as it loads.
$ python3 "$ROOT/tests/fixtures/elfpatch.py" vmm64-default shnum ehdr e_shnum =0xfff0; vaslint check shnum
shnum: warning: section header table (65520 entries at offset 0x4900) extends beyond the end of the file (19136 bytes): truncated or corrupt; no loader reads section headers, so the program still loads, but tools that read sections (gdb, strip, objcopy) may refuse it [elf-conformance]

$ python3 "$ROOT/tests/fixtures/elfpatch.py" vmm64-default phoff ehdr e_phoff =0x7fffffff; vaslint check phoff
phoff: error: program header table (3 entries at offset 0x7fffffff) extends beyond the end of the file (19136 bytes): truncated or corrupt
[exit 2]

$ python3 "$ROOT/tests/fixtures/elfpatch.py" vmm64-default wrap64 phdr 2 p_vaddr =0xfffffffffffff000; vaslint check wrap64
wrap64: error: segment 2 [0xfffffffffffff000, +0x10800) wraps past the end of the 64-bit address space
[exit 2]

$ python3 "$ROOT/tests/fixtures/elfpatch.py" vmm32-0x6000000 wrap32 phdr 2 p_memsz =0xfffff000; vaslint check wrap32
wrap32: error: segment 2 [0x6004000, +0xfffff000) wraps past the end of the 32-bit address space
[exit 2]

# A p_align that is no power of two: Linux skips it (fs/binfmt_elf.c,
# maximum_alignment) and runs the program, so a warning too (issue 16).
$ python3 "$ROOT/tests/fixtures/elfpatch.py" vmm32-0x6000000 align3 phdr 1 p_align =0x3000; vaslint check align3
align3: warning: segment 1 has p_align 0x3000, which is not a power of two: Linux ignores it (fs/binfmt_elf.c), so vaslint does too, but the ELF specification forbids it and other loaders may refuse the file [elf-conformance]

$ python3 "$ROOT/tests/fixtures/elfpatch.py" vmm32-0x6000000 filesz phdr 1 p_filesz =0x4000; vaslint check filesz
filesz: error: segment 1 file range [0x1000, +0x4000) extends beyond the end of the file (18908 bytes): truncated or corrupt
[exit 2]

# '-' is no way to read standard input: one line, and the other inputs are
# still checked.  A file named - is ./-.
$ vaslint check - vmm64-default
-: error: reading from standard input is not supported: give a file name (./- for a file named -)
[exit 2]

$ cp vmm64-default ./-; vaslint check -L linux-x86_64 ./-; rm ./-
./-: warning: region guest-shadow of layout linux-x86_64 is empty because GUEST_RAM was not given, so nothing was checked against it: give -D GUEST_RAM=SIZE, or -D GUEST_RAM=0 if there is none [parameter-not-given]

$ mkfifo -m 600 fifo 2>/dev/null; vaslint check fifo
fifo: error: is a FIFO, not a regular file
[exit 2]

$ rm -f archive.a; ar rc archive.a "$ROOT/tests/fixtures/lib.s"; vaslint check archive.a
archive.a: error: is an ar archive (a static library), not a linked image
[exit 2]

# An ELF file cut at every header boundary of a 32-bit and a 64-bit image:
# one line and exit 2 each time, never a crash (34 runs: 10 s in all).
# limits: 10 s, 256 MiB
$ for img in vmm32-0x6000000 vmm64-default; do for n in 1 4 5 16 17 24 51 52 63 64 84 116 120 176 232 4096 4352; do head -c $n $img > cut; vaslint check cut > out 2>&1; s=$?; l=$(wc -l < out); [ $s -eq 2 ] && [ $l -eq 1 ] || echo "$img at $n: exit $s, $l lines"; done; done; echo done
done

# limits: 2 s, 256 MiB
# The class does not fit the machine: i386 and arm are 32-bit, aarch64 is
# 64-bit.
$ python3 "$ROOT/tests/fixtures/elfpatch.py" vmm64-default em386 ehdr e_machine =3; vaslint check em386
em386: error: ELFCLASS64 image for machine 3, which is 32-bit only: corrupt header
[exit 2]

$ python3 "$ROOT/tests/fixtures/elfpatch.py" vmm32-0x6000000 emaa64 ehdr e_machine =183; vaslint check emaa64
emaa64: error: ELFCLASS32 image for machine 183, which is 64-bit only: corrupt header
[exit 2]

# A layout with a number millions of digits long is refused by its size
# at once (a gigabyte one the same way, only slower to write).
$ (printf 'name: x\ndescription: d\nmachine: i386\npage-sizes: [4K]\naddress-space: {start: 0x1000, end: '; head -c 5000000 /dev/zero | tr '\0' 9; printf '}\n') > big.yaml; vaslint check -L ./big.yaml vmm32-0x6000000
./big.yaml: error: 5000092 bytes is too large for a layout (at most 4194304)
[exit 2]

# One bad file in a batch does not hide the others (issue 16): every bad
# input is named, every good one reported, and the run exits 2 at the end.
$ head -c 300 /dev/zero | tr '\0' '\001' > ctrl.bin; printf 'Hello world, this is a README.\n' > readme.txt; vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M ctrl.bin readme.txt vmm32-0x6000000 vmm64-pie
ctrl.bin: error: binary data: not an ELF image or linker script
readme.txt:1:1: error: not an ELF image or linker script: 'Hello' starts no linker-script command
vmm64-pie: error: machine x86_64 does not match layout genode-nova-x86_32-2012 (i386)
vmm32-0x6000000: error: segments 0 (R--), 1 (R-X), 2 (RW-) [0x6000000, 0x6015000) overlap guest-shadow [0x0, 0x10000000): Vancouver keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory; the lowest legal link address aligned to 4 MiB is 0x10000000 [reserved-overlap]
[exit 2]

$ vaslint map -L genode-nova-x86_32-2012 -D GUEST_RAM=256M readme.txt vmm32-0x6000000 | grep -c 'vmm32-0x6000000 segment'
readme.txt:1:1: error: not an ELF image or linker script: 'Hello' starts no linker-script command
3
