# Constructs GNU ld 2.40 links and ld.lld 14 refuses or links differently:
# a warning naming the portable form, and none for that form.  Each pair
# was linked with both linkers on the project's machine; what they said is
# in the comment.
# limits: 2 s, 256 MiB

# ld: links; lld: "':' expected, but got ram".
$ printf 'MEMORY {\n  rom : ORIGIN = 0x10000, LENGTH = 64K,\n  ram : ORIGIN = 0x20000, LENGTH = 64K\n}\nSECTIONS { .text : { BYTE(0) } > rom }\n' > mem-comma.ld; vaslint check mem-comma.ld 2>&1 | grep lld-portability
mem-comma.ld:2:39: warning: lld rejects a ',' between MEMORY regions: put each region on a line of its own, without the comma [lld-portability]

$ printf 'MEMORY {\n  rom : ORIGIN = 0x10000, LENGTH = 64K\n  ram : ORIGIN = 0x20000, LENGTH = 64K\n}\nSECTIONS { .text : { BYTE(0) } > rom }\n' > mem-comma-ok.ld; vaslint check mem-comma-ok.ld 2>&1 | grep lld-portability
[exit 1]

# ld: links; lld: "',' expected, but got LENGTH".
$ printf 'MEMORY { ram : ORIGIN = 0x10000 LENGTH = 64K }\nSECTIONS { .text : { BYTE(0) } > ram }\n' > mem-length.ld; vaslint check mem-length.ld 2>&1 | grep lld-portability
mem-length.ld:1:42: warning: lld rejects LENGTH without a ',' after ORIGIN: write ORIGIN = ..., LENGTH = ... [lld-portability]

# ld: links; lld: "discarding .shstrtab section is not allowed".
$ printf 'SECTIONS {\n  . = 0x10000;\n  .text : { *(.text) }\n  /DISCARD/ : { *(.*) }\n}\n' > discard.ld; vaslint check discard.ld 2>&1 | grep lld-portability
discard.ld:4:17: warning: lld refuses to discard .shstrtab, which this pattern matches ("discarding .shstrtab section is not allowed"): name the sections to discard (*(.comment) *(.note.*) ...) [lld-portability]

$ printf 'SECTIONS {\n  . = 0x10000;\n  .text : { *(.text) }\n  /DISCARD/ : { *(.comment) *(.note.*) }\n}\n' > discard-ok.ld; vaslint check discard-ok.ld 2>&1 | grep lld-portability
[exit 1]

# ld: d is 0x30000; lld: "at least one side of the expression must be
# absolute".  ABSOLUTE() on one side gives 0x30000 in both; the distance
# of two symbols is absolute in both.
$ printf 'SECTIONS {\n  . = 0x10000;\n  .text : { _a = .; BYTE(0) }\n  .data 0x20000 : { _b = .; BYTE(0) }\n  d = _b + _a;\n}\n' > secrel.ld; vaslint check secrel.ld 2>&1 | grep lld-portability
secrel.ld:5:10: warning: lld refuses '+' of two section-relative values (symbols set from '.', ADDR()): wrap one side in ABSOLUTE() [lld-portability]

$ printf 'SECTIONS {\n  . = 0x10000;\n  .text : { _a = .; BYTE(0) }\n  .data 0x20000 : { _b = .; BYTE(0) }\n  d = ABSOLUTE(_b) + _a;\n  e = _b - _a;\n}\n' > secrel-ok.ld; vaslint check secrel-ok.ld 2>&1 | grep lld-portability
[exit 1]

# ld: links; lld: "memory region 'ram' not declared" (it keeps the quotes).
$ printf 'MEMORY { "ram" : ORIGIN = 0x10000, LENGTH = 64K }\nSECTIONS { .text : { BYTE(0) } > ram }\n' > quoted.ld; vaslint check quoted.ld 2>&1 | grep lld-portability
quoted.ld:2:34: warning: lld keeps the quotes of a quoted memory region name, so "ram" and ram are two regions there: write the name without quotes in MEMORY and here [lld-portability]

$ printf 'MEMORY { ram : ORIGIN = 0x10000, LENGTH = 64K }\nSECTIONS { .text : { BYTE(0) } > ram }\n' > quoted-ok.ld; vaslint check quoted-ok.ld 2>&1 | grep lld-portability
[exit 1]

# ld: links; lld: "unknown directive: NOCROSSREFS".
$ printf 'NOCROSSREFS(.text .data)\nSECTIONS { . = 0x10000; .text : { BYTE(0) } .data : { BYTE(1) } }\n' > nocross.ld; vaslint check nocross.ld 2>&1 | grep lld-portability
nocross.ld:1:1: warning: lld 14 rejects NOCROSSREFS: remove it for lld, which checks no cross references [lld-portability]

$ printf 'SECTIONS { . = 0x10000; .text : { BYTE(0) } .data : { BYTE(1) } }\n' > nocross-ok.ld; vaslint check nocross-ok.ld 2>&1 | grep lld-portability
[exit 1]

# ld: links; lld: "AT expected, but got {".  With AT both link.
$ printf 'SECTIONS {\n  . = 0x10000;\n  OVERLAY 0x20000 : {\n    .o1 { BYTE(0) }\n    .o2 { BYTE(1) }\n  }\n}\n' > overlay.ld; vaslint check overlay.ld 2>&1 | grep lld-portability
overlay.ld:3:3: warning: lld 14 rejects an OVERLAY without AT(...): write OVERLAY start : AT(lma) { ... } [lld-portability]

# ld: links; lld: "malformed number: :" (it needs the start address).
$ printf 'SECTIONS {\n  . = 0x10000;\n  OVERLAY : AT(0x30000) {\n    .o1 { BYTE(0) }\n    .o2 { BYTE(1) }\n  }\n}\n' > overlay-start.ld; vaslint check overlay-start.ld 2>&1 | grep lld-portability
overlay-start.ld:3:3: warning: lld 14 rejects an OVERLAY without a start address: write OVERLAY start : AT(lma) { ... } [lld-portability]

$ printf 'SECTIONS {\n  . = 0x10000;\n  OVERLAY 0x20000 : AT(0x30000) {\n    .o1 { BYTE(0) }\n    .o2 { BYTE(1) }\n  }\n}\n' > overlay-ok.ld; vaslint check overlay-ok.ld 2>&1 | grep lld-portability
[exit 1]

# ld links sub/c.o, which the command line does not name, into .text;
# lld leaves it out.
$ printf 'SECTIONS {\n  . = 0x10000;\n  .text : { *(.text) sub/c.o(.text) }\n}\n' > filename.ld; vaslint check filename.ld 2>&1 | grep lld-portability
filename.ld:3:22: warning: GNU ld opens sub/c.o itself when no input file has that name, lld then matches nothing: if the command line does not name it, add INPUT(sub/c.o) [lld-portability]

$ printf 'INPUT(sub/c.o)\nSECTIONS {\n  . = 0x10000;\n  .text : { *(.text) sub/c.o(.text) }\n}\n' > filename-ok.ld; vaslint check filename-ok.ld 2>&1 | grep lld-portability
[exit 1]

# ld: an empty PT_LOAD for extra; lld: no segment for it.
$ printf 'PHDRS { text PT_LOAD; data PT_LOAD; extra PT_LOAD; }\nSECTIONS { . = 0x10000; .text : { BYTE(0) } :text .data : { BYTE(1) } :data }\n' > phdr.ld; vaslint check phdr.ld 2>&1 | grep lld-portability
phdr.ld:1:37: warning: no section is in segment extra: GNU ld emits an empty PT_LOAD for it, lld none; remove it from PHDRS [lld-portability]

$ printf 'PHDRS { text PT_LOAD; data PT_LOAD; }\nSECTIONS { . = 0x10000; .text : { BYTE(0) } :text .data : { BYTE(1) } :data }\n' > phdr-ok.ld; vaslint check phdr-ok.ld 2>&1 | grep lld-portability
[exit 1]

# ld: .stack is NOBITS WA; lld: PROGBITS AX, 0x1000 bytes in the file.
# With NOLOAD both make it NOBITS.
$ printf 'SECTIONS {\n  . = 0x10000;\n  .text : { BYTE(0) }\n  .stack : { . += 0x1000; }\n  .data : { BYTE(1) }\n}\n' > dot.ld; vaslint check dot.ld 2>&1 | grep lld-portability
dot.ld:4:3: warning: .stack holds only a move of '.': GNU ld makes it NOBITS, lld PROGBITS (its bytes in the file, with the flags of the section before): declare it .stack (NOLOAD) [lld-portability]

$ printf 'SECTIONS {\n  . = 0x10000;\n  .text : { BYTE(0) }\n  .stack (NOLOAD) : { . += 0x1000; }\n  .data : { BYTE(1) }\n}\n' > dot-ok.ld; vaslint check dot-ok.ld 2>&1 | grep lld-portability
[exit 1]

# ld: .text at 0x401000; lld: at 0x201158.  A script without INSERT sets
# its own base and gets no such warning (dot-ok.ld above).
$ printf 'SECTIONS { .mydata : { BYTE(1) } } INSERT AFTER .data;\n' > insert.ld; vaslint check insert.ld 2>&1 | grep lld-portability
insert.ld:1:36: warning: INSERT puts this script into the linker's default script, and the defaults differ: GNU ld starts the image at 0x400000 on x86-64 and page-aligns each segment, lld at 0x200000 and packs them; give the base to both (-Ttext-segment for GNU ld, --image-base for lld) [lld-portability]

# ld: x is 2; lld 14: "malformed number: =" (it reads '=' and '+=' only).
$ printf 'SECTIONS { . = 0x10000; x = 4; x -= 2; .text : { BYTE(0) } }\n' > compound.ld; vaslint check compound.ld 2>&1 | grep lld-portability
compound.ld:1:32: warning: lld 14 rejects '-=' (it reads only '=' and '+='): write x = x - (...) [lld-portability]

$ printf 'SECTIONS { . = 0x10000; x = 4; x = x - 2; x += 1; .text : { BYTE(0) } }\n' > compound-ok.ld; vaslint check compound-ok.ld 2>&1 | grep lld-portability
[exit 1]
