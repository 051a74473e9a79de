# A compilation database (-p DIR) is input like any other.  Nothing an
# entry says is run, and only the allow-list of preprocessor and language
# options reaches the preprocessor or libclang, each option one argument
# word with its value joined; a database that is not a regular file is
# refused at once.  What the preprocessor gets is shown by a $CC that
# prints its arguments (run without a shell).
# limits: 10 s, 1024 MiB

# The reproducer of the issue: a -D value with a -wrapper inside once
# reached gcc as -wrapper and ran `id > PWNED`.  Now the -D is dropped (it
# defines no macro), -o too, and nothing is created.
$ rm -rf pw && mkdir pw && cp -r board.lds.S include pw/ && printf '[{"directory": "%s", "file": "board.lds.S",\n  "arguments": ["cc", "-D", "X -wrapper /bin/sh,-c,id>PWNED", "-DBOARD_BASE=0x6000000", "-I", "include", "-o", "board.lds", "board.lds.S"]}]\n' "$PWD/pw" > pw/compile_commands.json && cd pw && vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -p . board.lds.S; echo "exit $?"; ls
board.lds.S:7:7: error: image board.lds.S starts at 0x6001000, inside guest-shadow [0x0, 0x10000000): Vancouver keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory [reserved-overlap]
board.lds.S:8:3: note: 3 values could not be determined (size of .text, address of .data, size of .data): depends on input section sizes (give --image) [undetermined]
exit 1
board.lds.S
compile_commands.json
include

# The words the preprocessor gets: the fixed ones, then the entry's
# allowed options, each whole, the include folder made absolute.
$ printf '%s\n' '#!/bin/sh' 'for a; do printf "[%s] " "$a"; done >&2; echo >&2' 'exec cc "$@"' > pw/showcc && chmod +x pw/showcc && cd pw && CC=$PWD/showcc vaslint check -p . board.lds.S 2>&1 | sed "s|$PWD|.|g"; ls
[-E] [-x] [c] [-D__ASSEMBLY__] [-DLINKER_SCRIPT] [-DBOARD_BASE=0x6000000] [-I./include] [board.lds.S] 
board.lds.S:8:3: note: 3 values could not be determined (size of .text, address of .data, size of .data): depends on input section sizes (give --image) [undetermined]
board.lds.S
compile_commands.json
include
showcc

# The same as a "command" string with shell syntax: the string is split
# into words by the format's quotes, nothing is expanded or run.
$ rm -rf pwc && mkdir pwc && cp -r board.lds.S include pw/showcc pwc/ && printf '[{"directory": "%s", "file": "board.lds.S",\n  "command": "cc -D\047X -wrapper /bin/sh,-c,id>PWNED\047 -DBOARD_BASE=0x6000000 $(id>PWNED) `id>PWNED`;id>PWNED -Iinclude -c board.lds.S"}]\n' "$PWD/pwc" > pwc/compile_commands.json && cd pwc && CC=$PWD/showcc vaslint check -p . board.lds.S 2>&1 | sed "s|$PWD|.|g"; ls
[-E] [-x] [c] [-D__ASSEMBLY__] [-DLINKER_SCRIPT] [-DBOARD_BASE=0x6000000] [-I./include] [board.lds.S] 
board.lds.S:8:3: note: 3 values could not be determined (size of .text, address of .data, size of .data): depends on input section sizes (give --image) [undetermined]
board.lds.S
compile_commands.json
include
showcc

# A value that starts with '-' stays a value: joined to its option, or
# dropped with it when it is no value of it (-D -wrapper names no macro).
$ rm -rf pwd && mkdir pwd && cp -r board.lds.S include pw/showcc pwd/ && printf '[{"directory": "%s", "file": "board.lds.S",\n  "arguments": ["cc", "-D", "-wrapper", "-DX=-wrapper", "-U", "-wrapper", "-I", "-wrapper", "-I-", "-target", "-wrapper", "-o", "-DOUT", "-DBOARD_BASE=0x6000000", "-Iinclude", "board.lds.S"]}]\n' "$PWD/pwd" > pwd/compile_commands.json && cd pwd && CC=$PWD/showcc vaslint check -p . board.lds.S 2>&1 | sed "s|$PWD|.|g"
[-E] [-x] [c] [-D__ASSEMBLY__] [-DLINKER_SCRIPT] [-DX=-wrapper] [-I./-wrapper] [-DBOARD_BASE=0x6000000] [-I./include] [board.lds.S] 
board.lds.S:8:3: note: 3 values could not be determined (size of .text, address of .data, size of .data): depends on input section sizes (give --image) [undetermined]

# --cpp-flags is split at white space, without a shell, through the same
# allow-list; a word it does not take is an error that names it.
$ cd pw && vaslint check --cpp-flags "-DX -wrapper /bin/sh,-c,id>PWNED" board.lds.S; echo "exit $?"; ls
vaslint: error: --cpp-flags: '-wrapper' is not an option vaslint passes to the preprocessor, or lacks its value (it takes -D, -U, -I, -iquote, -isystem, -idirafter, -include, -imacros, -std=, -m..., --sysroot, --target, -nostdinc and -undef; words are split at white space)
exit 2
board.lds.S
compile_commands.json
include
showcc

$ cd pw && CC=$PWD/showcc vaslint check --cpp-flags "-DBOARD_BASE=0x6000000 -I include -m32" board.lds.S 2>&1 | sed "s|$PWD|.|g"
[-E] [-x] [c] [-D__ASSEMBLY__] [-DLINKER_SCRIPT] [-DBOARD_BASE=0x6000000] [-I./include] [-m32] [board.lds.S] 
board.lds.S:8:3: note: 3 values could not be determined (size of .text, address of .data, size of .data): depends on input section sizes (give --image) [undetermined]

# $CC is read as make reads it, split into words without a shell: what
# would need a shell (here the '>') is refused, naming the variable, and
# nothing runs.
$ cd pw && CC="cc -wrapper /bin/sh,-c,id>PWNED" vaslint check -p . board.lds.S; echo "exit $?"; ls
vaslint: error: $CC is 'cc -wrapper /bin/sh,-c,id>PWNED': '>' would need a shell, and the command is not run through a shell (vaslint splits it into words at white space and quotes only)
exit 2
board.lds.S
compile_commands.json
include
showcc

# Its words after the compiler pass the same allow-list as the
# database's: -wrapper and its value are dropped, one warning each, and
# the allowed -m32 is kept, before the fixed words.
$ cd pw && CC="$PWD/showcc -wrapper /bin/sh,-c,id -m32" vaslint check -p . board.lds.S 2>&1 | sed "s|$PWD|.|g"; ls
vaslint: warning: $CC: dropped '-wrapper' (vaslint passes on only options that change how the code reads)
vaslint: warning: $CC: dropped '/bin/sh,-c,id' (vaslint passes on only options that change how the code reads)
[-m32] [-E] [-x] [c] [-D__ASSEMBLY__] [-DLINKER_SCRIPT] [-DBOARD_BASE=0x6000000] [-I./include] [board.lds.S] 
board.lds.S:8:3: note: 3 values could not be determined (size of .text, address of .data, size of .data): depends on input section sizes (give --image) [undetermined]
board.lds.S
compile_commands.json
include
showcc

# Options that make libclang (or a compiler) write files or load code, in
# one entry and one entry each (alloc0.c to alloc12.c), every target in
# dang/ or next to its output; a plugin that would create LOADED.  None of
# them reaches libclang: every file still gets its findings, and no file
# is created.
$ rm -rf dang && mkdir dang && cp "$ROOT/samples/posix/alloc.c" dang/ && printf '%s\n' '#include <stdio.h>' '__attribute__((constructor)) static void loaded(void)' '{' "	FILE *f = fopen(\"$PWD/dang/LOADED\", \"w\");" '	if (f)' '		fclose(f);' '}' > dang/plugin.c && cc -shared -fPIC -o dang/plugin.so dang/plugin.c && cd dang && python3 -c 'import json, os; d = os.getcwd(); bad = [["-o", d + "/out.o"], ["-Xclang", "-dependency-file", "-Xclang", d + "/victim.d", "-Xclang", "-MT", "-Xclang", "x"], ["-Xclang", "-header-include-file", "-Xclang", d + "/victim.txt", "-H"], ["-fmodules", "-fmodules-cache-path=" + d + "/modcache"], ["-fmodules", "-module-dependency-dir", d + "/moddeps"], ["-MD", "-MF", d + "/victim.mf"], ["--serialize-diagnostics", d + "/victim.dia"], ["-ftime-trace", "-ftime-trace-granularity=0"], ["-save-temps"], ["-fprofile-generate=" + d + "/prof"], ["-fprofile-instr-generate=" + d + "/prof.raw"], ["-fplugin=" + d + "/plugin.so"], ["-Xclang", "-load", "-Xclang", d + "/plugin.so"]]; e = [{"directory": d, "file": "alloc.c", "arguments": ["clang", "-c", "alloc.c"] + sum(bad, [])}] + [{"directory": d, "file": "alloc%d.c" % i, "arguments": ["clang", "-c", "alloc%d.c" % i] + b} for i, b in enumerate(bad)]; json.dump(e, open("compile_commands.json", "w"), indent=1)' && for i in $(seq 0 12); do cp alloc.c alloc$i.c; done && find . | sort > ../dang.before && wc -l < ../dang.before
18

$ cd dang && vaslint check -j 1 -L linux-x86_64 -D GUEST_RAM=256M -p . alloc.c; echo "exit $?"
alloc.c:20:12: warning: request memalign@alloc.c:20: size 2052 KiB is not a multiple of the 2 MiB page: the 4 KiB tail needs small pages (1 2M page + 1 4K page at best); rounding up costs 2044 KiB [unalignable-size]
alloc.c:28:12: error: mremap maps [0x600000000, 0x601000000) with MAP_FIXED outside any range this program reserved: it replaces whatever is mapped there [fixed-outside-reservation]
sources: 1 file scanned, 7 requests (2 with unknown values), 0 files with parse errors
exit 1

$ cd dang && vaslint check -j 2 -L linux-x86_64 -D GUEST_RAM=256M -p . -f json | python3 -c 'import json, sys; d = json.load(sys.stdin); f = {}; [f.setdefault(x["file"], []).append(x["rule"]) for x in d["diagnostics"]]; [print(k, *v) for k, v in sorted(f.items())]'
alloc.c unalignable-size fixed-outside-reservation
alloc0.c unalignable-size fixed-outside-reservation
alloc1.c unalignable-size fixed-outside-reservation
alloc10.c unalignable-size fixed-outside-reservation
alloc11.c unalignable-size fixed-outside-reservation
alloc12.c unalignable-size fixed-outside-reservation
alloc2.c unalignable-size fixed-outside-reservation
alloc3.c unalignable-size fixed-outside-reservation
alloc4.c unalignable-size fixed-outside-reservation
alloc5.c unalignable-size fixed-outside-reservation
alloc6.c unalignable-size fixed-outside-reservation
alloc7.c unalignable-size fixed-outside-reservation
alloc8.c unalignable-size fixed-outside-reservation
alloc9.c unalignable-size fixed-outside-reservation

$ cd dang && find . | sort | diff ../dang.before - && echo "no file created"; for f in out.o victim.d victim.txt modcache moddeps victim.mf victim.dia alloc.json alloc7.json alloc.i alloc8.i alloc8.s alloc8.bc alloc8.o prof prof.raw default.profraw LOADED ../LOADED ../alloc8.i ../alloc7.json; do [ -e "$f" ] && echo "written: $f"; done; echo "targets checked"
no file created
targets checked

# A header the database would -include that is a FIFO is dropped: the
# parse does not block on it.
$ rm -rf fi && mkdir fi && cp "$ROOT/samples/posix/alloc.c" fi/ && mkfifo fi/hang.h && printf '[{"directory": "%s", "file": "alloc.c", "arguments": ["cc", "-include", "hang.h", "-imacros", "/dev/zero", "-c", "alloc.c"]}]\n' "$PWD/fi" > fi/compile_commands.json && vaslint check -j 1 -L linux-x86_64 -D GUEST_RAM=256M -p fi; echo "exit $?"
fi/alloc.c:20:12: warning: request memalign@alloc.c:20: size 2052 KiB is not a multiple of the 2 MiB page: the 4 KiB tail needs small pages (1 2M page + 1 4K page at best); rounding up costs 2044 KiB [unalignable-size]
fi/alloc.c:28:12: error: mremap maps [0x600000000, 0x601000000) with MAP_FIXED outside any range this program reserved: it replaces whatever is mapped there [fixed-outside-reservation]
sources: 1 file scanned, 7 requests (2 with unknown values), 0 files with parse errors
exit 1

# A database that is not a regular file is refused at once, in one line
# naming it: a FIFO (no writer: reading it would block forever), a folder,
# a symlink to /dev/zero (reading it would never end), for sources and for
# scripts alike.
# limits: 2 s, 256 MiB
$ rm -rf ff && mkdir ff && mkfifo ff/compile_commands.json && vaslint check -p ff
ff/compile_commands.json: error: not a regular file (a FIFO): a compilation database must be one
[exit 2]

$ vaslint check -p ff board.lds.S
ff/compile_commands.json: error: not a regular file (a FIFO): a compilation database must be one
[exit 2]

$ vaslint check -p ff "$ROOT/samples/posix/alloc.c"
ff/compile_commands.json: error: not a regular file (a FIFO): a compilation database must be one
[exit 2]

$ rm -rf fd && mkdir -p fd/compile_commands.json && vaslint check -p fd
fd/compile_commands.json: error: not a regular file (a folder): a compilation database must be one
[exit 2]

$ rm -rf fz && mkdir fz && ln -s /dev/zero fz/compile_commands.json && vaslint check -p fz board.lds.S
fz/compile_commands.json: error: not a regular file (a character device): a compilation database must be one
[exit 2]

$ vaslint check -p ff/compile_commands.json
ff/compile_commands.json: error: -p: not a folder
[exit 2]

# A source the database lists that is a FIFO is refused too.
$ rm -rf fs && mkdir fs && mkfifo fs/f.c && printf '[{"directory": "%s", "file": "f.c", "command": "cc -c f.c"}]\n' "$PWD/fs" > fs/compile_commands.json && vaslint check -p fs
fs/f.c: error: not a regular file (a FIFO), listed in fs/compile_commands.json
[exit 2]
