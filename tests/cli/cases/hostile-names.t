# Names from the input can hold any byte but NUL: a linker script's
# section and symbol names, a file's name, a request's name.  Every text
# output shows a control character (C0, DEL, C1) or a byte of invalid
# UTF-8 as \xNN (\t, \n, \r as such), so one finding is one line and no
# name reaches the terminal raw; JSON and SARIF show an invalid byte as
# \xNN and keep every key.  (The runner prints bytes that are not UTF-8 as
# U+FFFD: none appear below.)
$ mkdir -p hostile && printf 'SECTIONS\n{\n  . = 0x1000;\n  .te\xffxt : { *(.text) }\n  "\x1b[2J" : { *(.data) }\n  sym\xc2\x9b = 0x30000000;\n  . = 0x40000000;\n  "a\nb:1:1: error: forged" : { *(.bss) }\n}\n' > "hostile/$(printf 'bad\xfe\x1b[31m\r.ld')" && vaslint check -L genode-nova-x86_32 -D GUEST_RAM=256M hostile/*.ld
hostile/bad\xfe\x1b[31m\r.ld:3:7: error: image hostile/bad\xfe\x1b[31m\r.ld starts at 0x1000, inside guest-shadow [0x0, 0x10000000): a Vancouver/Seoul-style VMM keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory [reserved-overlap]
hostile/bad\xfe\x1b[31m\r.ld:4:3: note: 4 values could not be determined (size of .te\xffxt, address of \x1b[2J, size of \x1b[2J, size of a\nb:1:1: error: forged): depends on input section sizes (give --image) [undetermined]
hostile/bad\xfe\x1b[31m\r.ld:7:7: error: section a\nb:1:1: error: forged starts at 0x40000000, inside stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks [reserved-overlap]
[exit 1]

# One line per finding: as many lines as the JSON has diagnostics.
$ vaslint check -L genode-nova-x86_32 -D GUEST_RAM=256M hostile/*.ld | wc -l; vaslint check -L genode-nova-x86_32 -D GUEST_RAM=256M -f json hostile/*.ld | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["diagnostics"]))'
3
3

# The JSON is valid, and every diagnostic keeps its file and message.
$ vaslint check -L genode-nova-x86_32 -D GUEST_RAM=256M -f json hostile/*.ld | python3 -c 'import json,sys; d = json.load(sys.stdin); [print(sorted(x), ascii(x["file"]), ascii(x["message"][:60]), ascii((x["object"] or {}).get("name"))) for x in d["diagnostics"]]'
['column', 'file', 'line', 'message', 'object', 'region', 'rule', 'severity'] 'hostile/bad\\xfe\x1b[31m\r.ld' 'image hostile/bad\\xfe\x1b[31m\r.ld starts at 0x1000, inside gues' 'hostile/bad\\xfe\x1b[31m\r.ld'
['column', 'file', 'line', 'message', 'object', 'rule', 'severity'] 'hostile/bad\\xfe\x1b[31m\r.ld' '4 values could not be determined (size of .te\\xffxt, address' None
['column', 'file', 'line', 'message', 'object', 'region', 'rule', 'severity'] 'hostile/bad\\xfe\x1b[31m\r.ld' 'section a\nb:1:1: error: forged starts at 0x40000000, inside ' 'a\nb:1:1: error: forged'

# SARIF: every result has its message and a location; tests/run-all
# validates the same report against the schema (build/sarif/hostile.sarif).
$ vaslint check -L genode-nova-x86_32 -D GUEST_RAM=256M -f sarif hostile/*.ld | python3 -c 'import json,sys; r = json.load(sys.stdin)["runs"][0]["results"]; [print(x["ruleId"], ascii(x["message"]["text"][:50]), x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for x in r]'
reserved-overlap 'image hostile/bad\\xfe\x1b[31m\r.ld starts at 0x1000, i' hostile/bad%FE%1B%5B31m%0D.ld
undetermined '4 values could not be determined (size of .te\\xffx' hostile/bad%FE%1B%5B31m%0D.ld
reserved-overlap 'section a\nb:1:1: error: forged starts at 0x4000000' hostile/bad%FE%1B%5B31m%0D.ld

# map: text, JSON, and a well-formed SVG.
$ vaslint map -L genode-nova-x86_32 -D GUEST_RAM=256M hostile/*.ld
layout genode-nova-x86_32
               0x0         0x10000000  256 MiB    region   ######..................  guest-shadow
            0x1000                  ?  ?          section  #.......................  .te\xffxt
        0x10000000         0x40000000  768 MiB    free     .....##########.........  free
        0x30000000         0x30000000  0 bytes    symbol   ..........#.............  sym\xc2\x9b
        0x40000000                  ?  ?          section  ..............#.........  a\nb:1:1: error: forged
        0x40000000         0x50000000  256 MiB    region   ..............#####.....  stack-area
        0x50000000         0xc0000000  1792 MiB   free     ..................######  free
not determined: size of .te\xffxt: depends on input section sizes (give --image)
not determined: address of \x1b[2J: depends on input section sizes (give --image)
not determined: size of \x1b[2J: depends on input section sizes (give --image)
not determined: size of a\nb:1:1: error: forged: depends on input section sizes (give --image)

$ vaslint map -L genode-nova-x86_32 -D GUEST_RAM=256M -f json hostile/*.ld | python3 -c 'import json,sys; d = json.load(sys.stdin); print([ascii(r["name"]) for r in d["ranges"]]); print(sorted(d["undetermined"][0]))'
["'guest-shadow'", "'.te\\\\xffxt'", "'free'", "'sym\\x9b'", "'a\\nb:1:1: error: forged'", "'stack-area'", "'free'"]
['column', 'file', 'line', 'what', 'why']

$ vaslint map -L genode-nova-x86_32 -D GUEST_RAM=256M -f svg hostile/*.ld | python3 -c 'import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.buffer.read()); t = [x.firstChild.data for x in d.getElementsByTagName("title")]; print(len(t), [ascii(x) for x in t if "hostile/" in x])'
8 ["'section .te\\\\xffxt at 0x1000, size not determined from hostile/bad\\\\xfe\\\\x1b[31m\\\\r.ld:4'", "'symbol sym\\\\xc2\\\\x9b [0x30000000, 0x30000000) 0 bytes from hostile/bad\\\\xfe\\\\x1b[31m\\\\r.ld:6'", "'section a\\\\nb:1:1: error: forged at 0x40000000, size not determined from hostile/bad\\\\xfe\\\\x1b[31m\\\\r.ld:8'"]

# An image's file name.
$ cp vmm32-0x6000000 "hostile/$(printf 'vmm\xff\n\x1b[2J')" && vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M hostile/vmm*
hostile/vmm\xff\n\x1b[2J: error: segments 0 (R--), 1 (R-X), 2 (RW-) [0x6000000, 0x6015000) overlap guest-shadow [0x0, 0x10000000): Vancouver keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory; the lowest legal link address aligned to 4 MiB is 0x10000000 [reserved-overlap]
[exit 1]

$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -f json hostile/vmm* | python3 -c 'import json,sys; d = json.load(sys.stdin); print(len(d["diagnostics"]), {ascii(x["file"]) for x in d["diagnostics"]})'
1 {"'hostile/vmm\\\\xff\\n\\x1b[2J'"}

$ vaslint map -L genode-nova-x86_32-2012 -D GUEST_RAM=256M hostile/vmm* | grep segment
         0x6000000          0x6001000  4 KiB      segment  ....XX..................  hostile/vmm\xff\n\x1b[2J segment 0 (R--)
         0x6001000          0x6004000  12 KiB     segment  .....XX.................  hostile/vmm\xff\n\x1b[2J segment 1 (R-X)
         0x6004000          0x6015000  68 KiB     segment  ......XX................  hostile/vmm\xff\n\x1b[2J segment 2 (RW-)

# Requests: YAML's escapes give names with control characters.
$ printf 'requests:\n  - {name: "fb\\e[2J\\nx", size: 4M, at: 0x20001000}\n  - {name: "del\\x7f\\u009b", size: 8K}\n' > hostile/req.yaml && vaslint check -L genode-nova-x86_32 --requests hostile/req.yaml
hostile/req.yaml:2:5: error: request fb\x1b[2J\nx (4 MiB) at 0x20001000: the address defeats its natural alignment of 4 MiB: 1024 4K pages, 1024 flexpages instead of 1 4M page, 1 flexpage [unaligned-request]
[exit 1]

$ vaslint plan -L genode-nova-x86_32 --requests hostile/req.yaml
plan for layout genode-nova-x86_32
  GUEST_RAM = 0x0
name                 kind                  start                end       size      align  cost (lower bound)
stack-area           fixed            0x40000000         0x50000000    256 MiB    256 MiB  64 4M pages, 1 flexpage
fb\x1b[2J\nx         fixed            0x20001000         0x20401000      4 MiB      4 KiB  1024 4K pages, 1024 flexpages (1 4M page, 1 flexpage; wants 4 MiB alignment)
del\x7f\xc2\x9b      allocate         0x20402000         0x20404000      8 KiB      8 KiB  2 4K pages, 1 flexpage
total: 64 4M pages + 1026 4K pages, 1026 flexpages; lower bound: 65 4M pages + 2 4K pages, 3 flexpages

$ vaslint plan -L genode-nova-x86_32 --requests hostile/req.yaml -f json | python3 -c 'import json,sys; print([ascii(p["name"]) for p in json.load(sys.stdin)["placements"]])'
["'stack-area'", "'fb\\x1b[2J\\nx'", "'del\\x7f\\x9b'"]

# The header's identifiers are made of letters, digits and '_'; it
# compiles.
$ vaslint plan -L genode-nova-x86_32 --requests hostile/req.yaml -f header -o hostile/req.h && grep define hostile/req.h && cc -fsyntax-only -x c hostile/req.h && echo compiles
#define VASLINT_PLAN_GENODE_NOVA_X86_32_H
#define VASLINT_GUEST_RAM 0x0ULL
#define STACK_AREA_START 0x40000000ULL
#define STACK_AREA_SIZE 0x10000000ULL
#define FB__2J_X_START 0x20001000ULL
#define FB__2J_X_SIZE 0x400000ULL
#define DEL____START 0x20402000ULL
#define DEL____SIZE 0x2000ULL
compiles

# A layout's name goes into the header's comment: it cannot end the
# comment, and it is escaped in every text output.
$ sed 's|^name: .*|name: "evil */ int x; /* \\e[2J\\nname"|' "$ROOT/layouts/genode-nova-x86_32.yaml" > hostile/evil.yaml && vaslint plan -L hostile/evil.yaml -f header -o hostile/evil.h && head -2 hostile/evil.h && cc -fsyntax-only -x c hostile/evil.h && echo compiles
/* Generated by vaslint plan -L evil *\/ int x; /* \x1b[2J\nname -D GUEST_RAM=0x0; do not edit. */
#ifndef VASLINT_PLAN_EVIL____INT_X_______2J_NAME_H
compiles

$ vaslint layouts hostile/evil.yaml | head -2
evil */ int x; /* \x1b[2J\nname: Genode on NOVA, 32-bit x86, current releases
  file:          hostile/evil.yaml

$ vaslint plan -L hostile/evil.yaml --requests hostile/req.yaml -f ld | head -1
/* Generated by vaslint plan -L evil *\/ int x; /* \x1b[2J\nname -D GUEST_RAM=0x0; do not edit. */

# Error lines on stderr are escaped too.
$ vaslint check -L genode-nova-x86_32 "$(printf 'missing\x1b[2J\n.ld')"
missing\x1b[2J\n.ld: error: cannot open: No such file or directory
[exit 2]

$ vaslint explain "$(printf 'rule\x1b]0;pwned\x07')"
vaslint: error: explain: no rule 'rule\x1b]0;pwned\x07' (run 'vaslint explain' for the list)
[exit 2]

$ printf 'requests:\n  - {name: "huge\\e[2J", size: 3G}\n' > hostile/huge.yaml && vaslint plan -L genode-nova-x86_32 --requests hostile/huge.yaml
hostile/huge.yaml:2:5: error: request huge\x1b[2J (3 GiB) fits in no free range of the address space
[exit 1]
