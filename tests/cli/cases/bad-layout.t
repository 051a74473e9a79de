# A layout file with a mistake: file:line:column, what is wrong, exit 2.
# limits: 2 s, 256 MiB
$ printf 'name: x\n  bad: [\n' > l1.yaml; vaslint check -L ./l1.yaml vmm32-0x6000000
./l1.yaml:2:6: error: malformed YAML: mapping values are not allowed in this context
[exit 2]

$ printf 'name: x\ndescription: d\nmachine: i386\npage-sizes: [4K]\naddress-space: {start: 0x1000, end: 0xc0000000}\ncolour: blue\n' > l2.yaml; vaslint check -L ./l2.yaml vmm32-0x6000000
./l2.yaml:6:1: error: unknown key 'colour' in a layout (known: name, description, machine, page-sizes, flexpage-max, address-space, pie-base, pie-aslr, mmap-base, mmap-aslr, shared-libraries, file-map-align, linker-area, exec-limit, params, regions)
[exit 2]

$ printf 'name: x\ndescription: d\nname: y\n' > l3.yaml; vaslint check -L ./l3.yaml vmm32-0x6000000
./l3.yaml:3:1: error: duplicate key 'name' in a layout (first at line 1)
[exit 2]

$ printf 'name: x\ndescription: d\nmachine: i386\npage-sizes: [4K]\n' > l4.yaml; vaslint check -L ./l4.yaml vmm32-0x6000000
./l4.yaml:1:1: error: a layout has no 'address-space'
[exit 2]

$ printf 'name: x\ndescription: d\nmachine: vax\npage-sizes: [4K]\naddress-space: {start: 0x1000, end: 0xc0000000}\n' > l5.yaml; vaslint check -L ./l5.yaml vmm32-0x6000000
./l5.yaml:3:10: error: unknown machine 'vax' (known: i386, x86_64, arm, aarch64, riscv64, riscv32)
[exit 2]

$ printf 'name: x\ndescription: d\nmachine: i386\npage-sizes: [4K, 3M]\naddress-space: {start: 0x1000, end: 0xc0000000}\n' > l6.yaml; vaslint check -L ./l6.yaml vmm32-0x6000000
./l6.yaml:4:18: error: page size 3M is not a power of two of at least 1K
[exit 2]

$ printf 'name: x\ndescription: d\nmachine: i386\npage-sizes: [4K]\naddress-space: {start: 0x1000, end: 0xc0000000}\nregions:\n  - {name: a, start: 0x1000, size: 0x2000, why: w}\n  - {name: b, start: 0x2000, size: 0x2000, why: w}\n' > l7.yaml; vaslint check -L ./l7.yaml vmm32-0x6000000
./l7.yaml:8:5: error: region b [0x2000, 0x4000) overlaps region a [0x1000, 0x3000) (line 7)
[exit 2]

$ printf 'name: x\ndescription: d\nmachine: i386\npage-sizes: [4K]\naddress-space: {start: 0x1000, end: 0xc0000000}\nregions:\n  - {name: a, start: 0xffffffffffff0000, size: 1M, why: w}\n' > l8.yaml; vaslint check -L ./l8.yaml vmm32-0x6000000
./l8.yaml:7:48: error: region a: start 0xffffffffffff0000 + size 0x100000 overflows 64 bits
[exit 2]

$ printf 'name: x\ndescription: d\nmachine: i386\npage-sizes: [4K]\naddress-space: {start: 0x1000, end: 0xc0000000}\nregions:\n  - {name: a, start: 0x1000 +* 2, size: 1M, why: w}\n' > l9.yaml; vaslint check -L ./l9.yaml vmm32-0x6000000
./l9.yaml:7:30: error: start '0x1000 +* 2': expected a number, a name or '(', found '*'
[exit 2]

$ printf 'name: x\ndescription: d\nmachine: i386\npage-sizes: [4K]\naddress-space: {start: 0x1000, end: 0xc0000000}\nregions:\n  - {name: a, start: NOPE, size: 1M, why: w}\n' > l10.yaml; vaslint check -L ./l10.yaml vmm32-0x6000000
./l10.yaml:7:22: error: start 'NOPE': unknown parameter 'NOPE'
[exit 2]

$ printf 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\n' > bomb.yaml; vaslint check -L ./bomb.yaml vmm32-0x6000000
./bomb.yaml:2:8: error: YAML aliases are not allowed in a layout
[exit 2]

$ python3 -c 'print("a: " + "[" * 5000 + "]" * 5000)' > deep.yaml; vaslint check -L ./deep.yaml vmm32-0x6000000
./deep.yaml:1:19: error: nested more than 16 levels deep
[exit 2]

$ printf 'name: x\ndescription: d\nmachine: i386\npage-sizes: [4K]\naddress-space: {start: 0x1000, end: 0xc0000000}\nparams:\n  GUEST_RAM: {default: 99999999999999999999999}\n' > l11.yaml; vaslint check -L ./l11.yaml vmm32-0x6000000
./l11.yaml:7:24: error: default '99999999999999999999999': number does not fit in 64 bits
[exit 2]

$ printf 'name: x\ndescription: [d]\n' > l12.yaml; vaslint check -L ./l12.yaml vmm32-0x6000000
./l12.yaml:1:1: error: a layout has no 'machine'
[exit 2]

$ printf 'name: x\0\n' > l13.yaml; vaslint check -L ./l13.yaml vmm32-0x6000000
./l13.yaml: error: contains a NUL byte: not a YAML file
[exit 2]

$ : > l14.yaml; vaslint check -L ./l14.yaml vmm32-0x6000000
./l14.yaml:1:1: error: empty file: not a layout
[exit 2]
