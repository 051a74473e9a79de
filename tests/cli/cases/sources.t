# C and C++ sources: calls that the shipped API rule sets name (Genode's
# old and new Region_map API, POSIX mmap and friends) become requests,
# their arguments evaluated with libclang, and are checked.
$ vaslint check -j 1 -L genode-nova-x86_32 -D GUEST_RAM=256M "$ROOT/samples/genode/vmm_memory.cc" "$ROOT/samples/genode/attach_attr.cc"
$ROOT/samples/genode/attach_attr.cc:17:6: error: request attach@attach_attr.cc:17 [0x40000000, 0x40100000) overlaps stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks [reserved-overlap]
$ROOT/samples/genode/vmm_memory.cc:31:43: warning: request alloc@vmm_memory.cc:31: size 4100 KiB is not a multiple of the 4 MiB page: the 4 KiB tail needs small pages (1 4M page + 1 4K page, 2 flexpages at best); rounding up costs 4092 KiB [unalignable-size]
$ROOT/samples/genode/vmm_memory.cc:38:12: error: request attach_at@vmm_memory.cc:38 [0x40000000, 0x40100000) overlaps stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks [reserved-overlap]
$ROOT/samples/genode/vmm_memory.cc:42:12: error: request attach_at@vmm_memory.cc:42 (4 MiB) at 0x20001000: the address defeats its natural alignment of 4 MiB: 1024 4K pages, 1024 flexpages instead of 1 4M page, 1 flexpage [unaligned-request]
$ROOT/samples/genode/vmm_memory.cc:59:12: error: request attach_executable@vmm_memory.cc:59 (2 MiB) at 0x30000000: the offset defeats its natural alignment of 2 MiB: 512 4K pages, 512 flexpages instead of 512 4K pages, 10 flexpages [unaligned-request]
sources: 2 files scanned, 15 requests (2 with unknown values), 0 files with parse errors
[exit 1]

# A file with a missing include: its parse errors are summarised once and
# the calls that did resolve are still checked.
$ vaslint check -j 1 -L genode-nova-x86_32 -D GUEST_RAM=256M "$ROOT/samples/genode/missing_include.cc"
$ROOT/samples/genode/missing_include.cc:6:10: warning: header 'vmm/guest_memory.h' not found: calls that need its declarations are not checked; give its folder with -I (in compile_commands.json, after --, or with --extra-arg=-IDIR) [missing-header]
$ROOT/samples/genode/missing_include.cc:6:10: note: 2 errors while parsing, the first: $ROOT/samples/genode/missing_include.cc:6:10: 'vmm/guest_memory.h' file not found; calls that did resolve are still checked [undetermined]
$ROOT/samples/genode/missing_include.cc:12:11: error: request attach_at@missing_include.cc:12 [0x8000000, 0x8400000) overlaps guest-shadow [0x0, 0x10000000): a Vancouver/Seoul-style VMM keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory [reserved-overlap]
sources: 1 file scanned, 1 request (0 with unknown values), 1 file with parse errors
[exit 1]

# A header not found is a warning: --werror fails the run on it.
$ vaslint check -j 1 --werror "$ROOT/samples/genode/missing_include.cc" > /dev/null; echo "exit $?"
exit 1

# Compile flags without a database, as clang-tidy takes them: everything
# after -- is the command of each source; --extra-arg adds one flag to
# every source's (the database's too).
$ vaslint check -j 1 -L linux-x86_64 -D GUEST_RAM=0 "$ROOT/samples/make/guest.cc" -- -I "$ROOT/samples/make/include" -DGUEST_BASE=0x200000000
$ROOT/samples/make/guest.cc:9:14: error: request mmap@guest.cc:9 (4 MiB) at 0x200001000: the address defeats its natural alignment of 4 MiB: 1024 4K pages instead of 2 2M pages [unaligned-request]
$ROOT/samples/make/guest.cc:9:14: error: mmap maps [0x200001000, 0x200401000) with MAP_FIXED outside any range this program reserved: it replaces whatever is mapped there [fixed-outside-reservation]
sources: 1 file scanned, 1 request (0 with unknown values), 0 files with parse errors
[exit 1]

$ vaslint check -j 1 -L linux-x86_64 -D GUEST_RAM=0 --extra-arg=-I"$ROOT/samples/make/include" "$ROOT/samples/make/guest.cc" -- -DGUEST_BASE=0x200000000 | tail -1
sources: 1 file scanned, 1 request (0 with unknown values), 0 files with parse errors

# Without the -D, GUEST_BASE is undeclared: the call does not resolve, and
# the summary line tells this run from a clean one.
$ vaslint check -j 1 -L linux-x86_64 -D GUEST_RAM=0 --extra-arg=-I"$ROOT/samples/make/include" "$ROOT/samples/make/guest.cc" | tail -1
sources: 1 file scanned, 0 requests (0 with unknown values), 1 file with parse errors

# A flag the allow-list refuses is an error naming it: the user typed it.
$ vaslint check "$ROOT/samples/make/guest.cc" -- -Iinclude -fplugin=evil.so
vaslint: error: check: --: '-fplugin=evil.so' is not an option vaslint passes to libclang, or lacks its value (it takes -D, -U, -I, -iquote, -isystem, -idirafter, -include, -imacros, -std=, -x, -m..., --sysroot, --target, -nostdinc, -undef and the -f/-W/-O options that change the language)
[exit 2]

$ vaslint check --extra-arg=-o --extra-arg=out.o "$ROOT/samples/make/guest.cc"
vaslint: error: check: --extra-arg: '-o' is not an option vaslint passes to libclang, or lacks its value (it takes -D, -U, -I, -iquote, -isystem, -idirafter, -include, -imacros, -std=, -x, -m..., --sysroot, --target, -nostdinc, -undef and the -f/-W/-O options that change the language)
[exit 2]

$ vaslint check -L linux-x86_64 vmm64-0x40000000 -- -DX=1
vaslint: error: check: -- FLAGS: no C or C++ source INPUT to compile with them
[exit 2]

$ vaslint check -j 1 -L linux-x86_64 -D GUEST_RAM=256M "$ROOT/samples/posix/shadow.c" "$ROOT/samples/posix/alloc.c"
$ROOT/samples/posix/alloc.c:20:12: warning: request memalign@alloc.c:20: size 2052 KiB is not a multiple of the 2 MiB page: the 4 KiB tail needs small pages (1 2M page + 1 4K page at best); rounding up costs 2044 KiB [unalignable-size]
$ROOT/samples/posix/alloc.c:28:12: error: mremap maps [0x600000000, 0x601000000) with MAP_FIXED outside any range this program reserved: it replaces whatever is mapped there [fixed-outside-reservation]
$ROOT/samples/posix/shadow.c:41:2: error: mmap maps [0x200000000, 0x200400000) with MAP_FIXED outside any range this program reserved: it replaces whatever is mapped there [fixed-outside-reservation]
$ROOT/samples/posix/shadow.c:45:2: warning: request mmap@shadow.c:45: size 6148 KiB is not a multiple of the 2 MiB page: the 4 KiB tail needs small pages (3 2M pages + 1 4K page at best); rounding up costs 2044 KiB [unalignable-size]
sources: 2 files scanned, 14 requests (4 with unknown values), 0 files with parse errors
[exit 1]

# Arguments that are not constants are "unknown" in JSON, never guessed;
# a size of 0 that attaches the whole dataspace is "whole".
$ vaslint check -j 1 -L genode-nova-x86_32 -f json "$ROOT/samples/genode/vmm_memory.cc" | python3 -c 'import json, sys; [print(r["name"], r["call"], r["size"], r["at"], r["offset"]) for r in json.load(sys.stdin)["requests"]]'
alloc@vmm_memory.cc:31 Genode::Ram_allocator::alloc 0x401000 None None
alloc@vmm_memory.cc:35 Genode::Ram_allocator::alloc 0x4000000 None None
attach_at@vmm_memory.cc:38 Genode::Region_map::attach_at 0x100000 0x40000000 0x0
attach_at@vmm_memory.cc:42 Genode::Region_map::attach_at 0x400000 0x20001000 0x0
attach@vmm_memory.cc:46 Genode::Region_map::attach 0x4000000 0x10000000 0x0
attach@vmm_memory.cc:49 Genode::Region_map::attach whole None 0x0
attach@vmm_memory.cc:52 Genode::Region_map::attach unknown None 0x0
attach_executable@vmm_memory.cc:59 Genode::Region_map::attach_executable 0x200000 0x30000000 0x1000
Attached_ram_dataspace@vmm_memory.cc:66 Genode::Attached_ram_dataspace::Attached_ram_dataspace 0x800000 None None
create@vmm_memory.cc:70 Genode::Rm_connection::create 0x4000000 None None

# The same output for any number of workers.
$ for j in 1 2 4; do vaslint check -j $j -L linux-x86_64 -D GUEST_RAM=256M -f json "$ROOT"/samples/posix/*.c "$ROOT"/samples/genode/*.cc > j$j.json; done; cmp j1.json j2.json && cmp j1.json j4.json && echo identical
identical

# A project with compile_commands.json (relative paths, -I and -D from the
# entries): every file in it is scanned with its own flags.
$ mkdir -p cdb && sh "$ROOT/samples/compdb/gen-compdb.sh" "$PWD/cdb" && vaslint check -j 1 -L linux-x86_64 -D GUEST_RAM=256M -p cdb -f json | python3 -c 'import json, sys; d = json.load(sys.stdin); print(len(d["diagnostics"]), "findings"); [print(r["name"], r["size"], r["at"]) for r in d["requests"]]'
0 findings
mmap@guest.c:13 0x10000000 0x100000000
mmap@vcpu.c:10 0x40000 None

# SARIF for code scanning, validated with the rest by tests/run-all.
$ vaslint check -j 1 -L linux-x86_64 -D GUEST_RAM=256M -f sarif -o sources.sarif "$ROOT/samples/posix/shadow.c"; echo "exit $?"; python3 -c 'import json; r = json.load(open("sources.sarif"))["runs"][0]["results"]; print(len(r), sorted({x["ruleId"] for x in r}))'
exit 1
2 ['fixed-outside-reservation', 'unalignable-size']

# clang's builtin headers must be found; a wrong folder says how to fix it.
$ vaslint check --resource-dir /nonexistent "$ROOT/samples/posix/alloc.c"
/nonexistent: error: not clang's resource directory (from --resource-dir): include/stddef.h is missing, so libclang cannot parse system headers; install libclang-common-19-dev, or name clang's resource directory (the one with include/stddef.h, like /usr/lib/llvm-19/lib/clang/19) with --resource-dir DIR or VASLINT_CLANG_RESOURCE_DIR
[exit 2]
