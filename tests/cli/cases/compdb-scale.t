# A compilation database of 100,000 entries (issue 12: 57 s before any
# parse, the list of files searched once per entry).  The entries name
# sources that are not on disk but for two that are, and a linker script
# near the end; finding a file's entry, dropping duplicates and making
# paths absolute are one sort each.  The database is made first (python3,
# 13 MB); each command that reads it has the bound below.
# limits: 10 s, 768 MiB

$ rm -rf big && mkdir big && cp "$ROOT/samples/posix/alloc.c" board.lds.S big/ && cp -r include big/ && python3 -c 'import json, os; d = os.getcwd() + "/big"; e = [{"directory": d, "file": "src/f%d.c" % i, "arguments": ["cc", "-Iinclude", "-DN=%d" % i, "-c", "src/f%d.c" % i, "-o", "f%d.o" % i]} for i in range(99997)]; e[50000:50000] = [{"directory": d, "file": "alloc.c", "command": "cc -DFIRST -c alloc.c"}]; e += [{"directory": d, "file": "alloc.c", "command": "cc -DSECOND -c alloc.c"}, {"directory": d, "file": "board.lds.S", "arguments": ["cc", "-E", "-DBOARD_BASE=0x6000000", "-Iinclude", "board.lds.S"]}, {"directory": d, "file": "src/last.c", "command": "cc -c src/last.c"}]; json.dump(e, open("big/compile_commands.json", "w"))' && python3 -c 'import json; print(len(json.load(open("big/compile_commands.json"))), "entries")'
100001 entries

# Every file of the database: alloc.c once, 99,998
# files noted as missing.
$ vaslint check -j 2 -L linux-x86_64 -D GUEST_RAM=256M -p big > big.out; echo "exit $?"; wc -l < big.out; grep -c 'listed in the compilation database but not found' big.out; grep -v 'not found' big.out
exit 1
100001
99998
big/alloc.c:20:12: warning: request memalign@alloc.c:20: size 2052 KiB is not a multiple of the 2 MiB page: the 4 KiB tail needs small pages (1 2M page + 1 4K page at best); rounding up costs 2044 KiB [unalignable-size]
big/alloc.c:28:12: error: mremap maps [0x600000000, 0x601000000) with MAP_FIXED outside any range this program reserved: it replaces whatever is mapped there [fixed-outside-reservation]
sources: 1 file scanned, 7 requests (2 with unknown values), 0 files with parse errors

# One file's entry.
$ vaslint check -j 2 -L linux-x86_64 -D GUEST_RAM=256M -p big big/alloc.c; echo "exit $?"
big/alloc.c:20:12: warning: request memalign@alloc.c:20: size 2052 KiB is not a multiple of the 2 MiB page: the 4 KiB tail needs small pages (1 2M page + 1 4K page at best); rounding up costs 2044 KiB [unalignable-size]
big/alloc.c:28:12: error: mremap maps [0x600000000, 0x601000000) with MAP_FIXED outside any range this program reserved: it replaces whatever is mapped there [fixed-outside-reservation]
sources: 1 file scanned, 7 requests (2 with unknown values), 0 files with parse errors
exit 1

# The script's entry, for the preprocessor.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -p big big/board.lds.S; echo "exit $?"
big/board.lds.S:7:7: error: image big/board.lds.S starts at 0x6001000, inside guest-shadow [0x0, 0x10000000): Vancouver keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory [reserved-overlap]
big/board.lds.S:8:3: note: 3 values could not be determined (size of .text, address of .data, size of .data): depends on input section sizes (give --image) [undetermined]
exit 1
