# Every source is parsed in a process of its own, limited in memory, CPU
# time and stack: a source that crashes libclang, or reaches a limit, gets
# one note and nothing else, and the other sources' findings are still
# reported (the exit status is what they give).  -j 1 and -j 2 agree.
# limits: 30 s, 1024 MiB

# 200,000 terms in one expression (800 KB): libclang's parser recurses once
# a term and overflows the 8 MiB stack (libclang 16 still parses 50,000).
$ python3 -c "print('int x = ' + ' + '.join(['1'] * 200000) + ';')" > terms.c; vaslint check -j 1 -L linux-x86_64 -D GUEST_RAM=256M terms.c "$ROOT/samples/posix/shadow.c"
$ROOT/samples/posix/shadow.c:41:2: error: mmap maps [0x200000000, 0x200400000) with MAP_FIXED outside any range this program reserved: it replaces whatever is mapped there [fixed-outside-reservation]
$ROOT/samples/posix/shadow.c:45:2: warning: request mmap@shadow.c:45: size 6148 KiB is not a multiple of the 2 MiB page: the 4 KiB tail needs small pages (3 2M pages + 1 4K page at best); rounding up costs 2044 KiB [unalignable-size]
terms.c: note: the parse stopped (libclang crashed: SIGSEGV); nothing from this file was checked [undetermined]
sources: 2 files scanned, 7 requests (2 with unknown values), 1 file with parse errors
[exit 1]

$ for j in 1 2; do vaslint check -j $j -L linux-x86_64 -D GUEST_RAM=256M terms.c "$ROOT/samples/posix/shadow.c" "$ROOT/samples/posix/alloc.c" > terms-j$j.txt; echo "exit $?"; done; cmp terms-j1.txt terms-j2.txt && echo identical
exit 1
exit 1
identical

# A 10 MB one-line macro, used once.
$ python3 -c "print('#define M ' + '+'.join(['1'] * 5000000)); print('int x = M;')" > macro.c; vaslint check -j 2 -L linux-x86_64 -D GUEST_RAM=256M macro.c "$ROOT/samples/posix/alloc.c"
$ROOT/samples/posix/alloc.c:20:12: warning: request memalign@alloc.c:20: size 2052 KiB is not a multiple of the 2 MiB page: the 4 KiB tail needs small pages (1 2M page + 1 4K page at best); rounding up costs 2044 KiB [unalignable-size]
$ROOT/samples/posix/alloc.c:28:12: error: mremap maps [0x600000000, 0x601000000) with MAP_FIXED outside any range this program reserved: it replaces whatever is mapped there [fixed-outside-reservation]
macro.c: note: the parse stopped (libclang crashed: SIGSEGV); nothing from this file was checked [undetermined]
sources: 2 files scanned, 7 requests (2 with unknown values), 1 file with parse errors
[exit 1]

# An include of /dev/zero: libclang reads it as a file, growing its buffer
# without end, until the memory limit stops it.
$ printf '#include "/dev/zero"\nint y;\n' > zero.c; vaslint check -j 1 --parse-memory 256 -L genode-nova-x86_32 -D GUEST_RAM=256M zero.c "$ROOT/samples/genode/vmm_memory.cc"
$ROOT/samples/genode/vmm_memory.cc:31:43: warning: request alloc@vmm_memory.cc:31: size 4100 KiB is not a multiple of the 4 MiB page: the 4 KiB tail needs small pages (1 4M page + 1 4K page, 2 flexpages at best); rounding up costs 4092 KiB [unalignable-size]
$ROOT/samples/genode/vmm_memory.cc:38:12: error: request attach_at@vmm_memory.cc:38 [0x40000000, 0x40100000) overlaps stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks [reserved-overlap]
$ROOT/samples/genode/vmm_memory.cc:42:12: error: request attach_at@vmm_memory.cc:42 (4 MiB) at 0x20001000: the address defeats its natural alignment of 4 MiB: 1024 4K pages, 1024 flexpages instead of 1 4M page, 1 flexpage [unaligned-request]
$ROOT/samples/genode/vmm_memory.cc:59:12: error: request attach_executable@vmm_memory.cc:59 (2 MiB) at 0x30000000: the offset defeats its natural alignment of 2 MiB: 512 4K pages, 512 flexpages instead of 512 4K pages, 10 flexpages [unaligned-request]
zero.c: note: the parse stopped (memory limit of 256 MiB reached); nothing from this file was checked [undetermined]
sources: 2 files scanned, 10 requests (1 with unknown values), 1 file with parse errors
[exit 1]

$ for j in 1 2; do vaslint check -j $j --parse-memory 256 -L genode-nova-x86_32 -D GUEST_RAM=256M zero.c "$ROOT/samples/genode/vmm_memory.cc" > zero-j$j.txt; echo "exit $?"; done; cmp zero-j1.txt zero-j2.txt && echo identical
exit 1
exit 1
identical

# An include of a FIFO: libclang's open waits for a writer; the parse is
# stopped when it has used no CPU for the time limit.
$ rm -f inc.fifo; mkfifo inc.fifo; printf '#include "inc.fifo"\nint y;\n' > fifo-include.c; vaslint check -j 1 --parse-time 1 -L linux-x86_64 -D GUEST_RAM=256M fifo-include.c "$ROOT/samples/posix/alloc.c"
$ROOT/samples/posix/alloc.c:20:12: warning: request memalign@alloc.c:20: size 2052 KiB is not a multiple of the 2 MiB page: the 4 KiB tail needs small pages (1 2M page + 1 4K page at best); rounding up costs 2044 KiB [unalignable-size]
$ROOT/samples/posix/alloc.c:28:12: error: mremap maps [0x600000000, 0x601000000) with MAP_FIXED outside any range this program reserved: it replaces whatever is mapped there [fixed-outside-reservation]
fifo-include.c: note: the parse stopped (it waited 1 s without using the CPU, as on a FIFO or a terminal it includes); nothing from this file was checked [undetermined]
sources: 2 files scanned, 7 requests (2 with unknown values), 1 file with parse errors
[exit 1]

# A file that includes itself twice at every level, down to 40 levels:
# the CPU time limit stops it.
$ printf '#if __INCLUDE_LEVEL__ < 40\n#include "%s/self.c"\n#include "%s/self.c"\n#endif\n' "$PWD" "$PWD" > self.c; vaslint check -j 2 --parse-time 1 -L linux-x86_64 -D GUEST_RAM=256M self.c "$ROOT/samples/posix/alloc.c"
$ROOT/samples/posix/alloc.c:20:12: warning: request memalign@alloc.c:20: size 2052 KiB is not a multiple of the 2 MiB page: the 4 KiB tail needs small pages (1 2M page + 1 4K page at best); rounding up costs 2044 KiB [unalignable-size]
$ROOT/samples/posix/alloc.c:28:12: error: mremap maps [0x600000000, 0x601000000) with MAP_FIXED outside any range this program reserved: it replaces whatever is mapped there [fixed-outside-reservation]
self.c: note: the parse stopped (CPU time limit of 1 s reached); nothing from this file was checked [undetermined]
sources: 2 files scanned, 7 requests (2 with unknown values), 1 file with parse errors
[exit 1]

# A source given that is a FIFO, a directory or a device is a bad input:
# one line each, every one named, the others still reported, exit 2.
$ rm -rf src.fifo.c dir.c; mkfifo src.fifo.c; mkdir dir.c; vaslint check -L linux-x86_64 -D GUEST_RAM=0 src.fifo.c dir.c /dev/zero "$ROOT/samples/posix/alloc.c"
src.fifo.c: error: is a FIFO, not a regular file
dir.c: error: is a directory, not an input file
/dev/zero: error: is a character device, not a regular file
$ROOT/samples/posix/alloc.c:20:12: warning: request memalign@alloc.c:20: size 2052 KiB is not a multiple of the 2 MiB page: the 4 KiB tail needs small pages (1 2M page + 1 4K page at best); rounding up costs 2044 KiB [unalignable-size]
$ROOT/samples/posix/alloc.c:28:12: error: mremap maps [0x600000000, 0x601000000) with MAP_FIXED outside any range this program reserved: it replaces whatever is mapped there [fixed-outside-reservation]
sources: 1 file scanned, 7 requests (2 with unknown values), 0 files with parse errors
[exit 2]

# A compilation database that lists one: refused, exit 2 (a FIFO reached
# through the database would block libclang).
$ rm -rf cdb-fifo && mkdir cdb-fifo && mkfifo cdb-fifo/pipe.c && cp "$ROOT/samples/posix/alloc.c" cdb-fifo/ && printf '[{"directory": "%s", "file": "pipe.c", "arguments": ["cc", "-c", "pipe.c"]}, {"directory": "%s", "file": "alloc.c", "arguments": ["cc", "-c", "alloc.c"]}]\n' "$PWD/cdb-fifo" "$PWD/cdb-fifo" > cdb-fifo/compile_commands.json && vaslint check -j 2 -L linux-x86_64 -D GUEST_RAM=256M -p cdb-fifo
cdb-fifo/pipe.c: error: not a regular file (a FIFO), listed in cdb-fifo/compile_commands.json
[exit 2]

# The limits are checked.
$ vaslint check --parse-memory 0 x.c; vaslint check --parse-time 1s x.c
vaslint: error: check: --parse-memory 0: give a number of MiB from 1 to 1048576
vaslint: error: check: --parse-time 1s: give a number of seconds from 1 to 86400
[exit 2]
