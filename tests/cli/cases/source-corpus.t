# The call-site corpus (samples/corpus/): Genode of 2014, 2021 and
# 2025/26, its C++20 that libclang 14 and 16 reject (genode-cxx20), and
# POSIX with mmap wrappers, each folder with its expected requests,
# findings and silent sites (expect.yaml).  The figures are the README's.
$ "$ROOT/tests/corpus/run"
PASS genode-2014: 8/8 requests found, 8 with every value right; 2/2 findings, 0 false; 0/0 silent sites silent
PASS genode-2021: 13/13 requests found, 13 with every value right; 4/4 findings, 0 false; 2/2 silent sites silent
PASS genode-2025: 29/29 requests found, 29 with every value right; 6/6 findings, 0 false; 7/7 silent sites silent
PASS genode-cxx20: 5/5 requests found, 5 with every value right; 2/2 findings, 0 false; 1/1 silent sites silent
PASS posix: 13/13 requests found, 13 with every value right; 4/4 findings, 0 false; 4/4 silent sites silent
recall: 68/68 requests found (100%), 68/68 with every value right (100%)
findings: 18/18 expected reported, 0 false (precision 100%); 0 unexpected requests; 14/14 silent sites silent
corpus: 5 passed, 0 failed

# An attach into a region map of the program's own is at an offset in
# it: checked against that region map's size, never against the
# component's layout; the whole region map attached into the component
# is checked as usual, with the region map's size.
$ vaslint check -j 1 -L genode-nova-x86_32 -D GUEST_RAM=256M "$ROOT/samples/corpus/genode-2025/sub_rm.cc" "$ROOT/samples/corpus/genode-2021/vmm.cc"
$ROOT/samples/corpus/genode-2021/vmm.cc:36:12: error: request attach_at@vmm.cc:36 [0x100000, 0x101000) lies outside its region map of 1 MiB (created at line 19) [outside-region-map]
$ROOT/samples/corpus/genode-2021/vmm.cc:43:11: error: request attach_at@vmm.cc:43 (4 MiB) at 0x20001000: the address defeats its natural alignment of 4 MiB: 1024 4K pages, 1024 flexpages instead of 1 4M page, 1 flexpage [unaligned-request]
$ROOT/samples/corpus/genode-2021/vmm.cc:46:11: error: request attach@vmm.cc:46 [0x40000000, 0x40100000) overlaps stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks [reserved-overlap]
$ROOT/samples/corpus/genode-2021/vmm.cc:49:11: error: request attach_executable@vmm.cc:49 (2 MiB) at 0x30000000: the offset defeats its natural alignment of 2 MiB: 512 4K pages, 512 flexpages instead of 512 4K pages, 10 flexpages [unaligned-request]
$ROOT/samples/corpus/genode-2025/sub_rm.cc:27:9: error: request attach@sub_rm.cc:27 [0xfe000, 0x101000) lies outside its region map of 1 MiB (created at line 17) [outside-region-map]
$ROOT/samples/corpus/genode-2025/sub_rm.cc:62:10: error: request attach@sub_rm.cc:62 [0x10000, 0x20000) lies outside its region map of 64 KiB (created at line 51) [outside-region-map]
sources: 2 files scanned, 19 requests (0 with unknown values), 0 files with parse errors
[exit 1]

$ vaslint check -j 1 -L genode-nova-x86_32 -f json "$ROOT/samples/corpus/genode-2025/sub_rm.cc" | python3 -c 'import json, sys; [print(r["name"], r["size"], r["at"], r["region_map"]) for r in json.load(sys.stdin)["requests"] if r["kind"] == "attach"]'
attach@sub_rm.cc:22 0x4000 0x4000 {'size': '0x100000', 'line': 17, 'column': 30}
attach@sub_rm.cc:27 0x3000 0xfe000 {'size': '0x100000', 'line': 17, 'column': 30}
attach@sub_rm.cc:32 0x100000 0x60000000 None
attach@sub_rm.cc:56 0x200000 0x200000 {'size': '0x400000', 'line': 46, 'column': 32}
attach@sub_rm.cc:62 0x10000 0x10000 {'size': '0x10000', 'line': 51, 'column': 26}

$ vaslint explain outside-region-map | head -1
outside-region-map (error): an attach into a program's own region map lies outside it

# The mmap wrappers ship as rules/wrappers.yaml.
$ vaslint check -j 1 -L genode-linux-x86_64 -D GUEST_RAM=0 -f json "$ROOT/samples/corpus/posix/preloader.c" "$ROOT/samples/corpus/posix/genode_linux.cc" | python3 -c 'import json, sys; [print(r["name"], r["kind"], r["size"], r["at"]) for r in json.load(sys.stdin)["requests"]]'
lx_mmap@genode_linux.cc:14 reserve 0x15e00000 0x50000000
lx_mmap@genode_linux.cc:18 map 0x200000 0x50000000
lx_mmap@genode_linux.cc:22 map 0x4000 None
wld_mmap@preloader.c:14 reserve 0xf0000 0x10000
wld_mmap@preloader.c:17 reserve 0x2fef0000 0x110000
