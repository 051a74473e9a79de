# $CC and $LD are read the way make reads them (issue 14): the value is
# split into words at white space, quotes group and are removed, a
# backslash makes the next character plain; nothing is expanded and no
# shell runs it, so what would need one is refused, naming the variable.
# The first word is the program; a launcher (ccache, distcc, sccache,
# icecc) keeps the compiler after it; the other words of $CC pass the
# preprocessor allow-list of the compile database, each word dropped
# with a warning.  Of $LD the program and a -m EMULATION are used.
# limits: 10 s, 1024 MiB

# A script whose base depends on the target the compiler is for, and on a
# -D: the macros of the words after the compiler reach the preprocessor.
$ rm -rf ccq && mkdir ccq && printf '%s\n' '#ifndef BASE' '#ifdef __i386__' '#define BASE 0x6000000' '#else' '#define BASE 0x400000' '#endif' '#endif' 'SECTIONS { . = BASE; .text : { BYTE(0) } }' > ccq/base.lds.S && cd ccq && vaslint map base.lds.S
          0x400000           0x400001  1 byte     section  ########################  .text

$ cd ccq && CC="gcc -m32" vaslint map base.lds.S
         0x6000000          0x6000001  1 byte     section  ########################  .text

$ cd ccq && CC="cc -DBASE=0x7000000" vaslint map base.lds.S
         0x7000000          0x7000001  1 byte     section  ########################  .text

# A program path with a space, quoted; the words it gets are shown by a
# compiler that prints its arguments.
$ cd ccq && mkdir -p "my cc" && printf '%s\n' '#!/bin/sh' 'for a; do printf "[%s] " "$a"; done >&2; echo >&2' 'exec cc "$@"' > "my cc/showcc" && chmod +x "my cc/showcc" && CC="'$PWD/my cc/showcc' -m32 -D BASE=0x8000000" vaslint map base.lds.S
[-m32] [-DBASE=0x8000000] [-E] [-x] [c] [-D__ASSEMBLY__] [-DLINKER_SCRIPT] [base.lds.S] 
         0x8000000          0x8000001  1 byte     section  ########################  .text

# A launcher stays the program, with the compiler as its first argument,
# as make runs CC="ccache gcc" (here a stand-in ccache that says what it
# runs).
$ cd ccq && mkdir -p launch && printf '%s\n' '#!/bin/sh' 'echo "ccache runs: $*" >&2' 'exec "$@"' > launch/ccache && chmod +x launch/ccache && PATH="$PWD/launch:$PATH" CC="ccache gcc -m32" vaslint map base.lds.S
ccache runs: gcc -m32 -E -x c -D__ASSEMBLY__ -DLINKER_SCRIPT base.lds.S
         0x6000000          0x6000001  1 byte     section  ########################  .text

# Without ccache on PATH: one line, exit 2.
$ cd ccq && PATH=/nonexistent CC="ccache gcc" "$VASLINT" map base.lds.S
base.lds.S: error: cannot run the preprocessor ccache: No such file or directory
[exit 2]

$ cd ccq && CC="ccache" vaslint map base.lds.S
vaslint: error: $CC is 'ccache': ccache runs the compiler named after it, and none follows
[exit 2]

# What the allow-list does not take is dropped, one warning per word, and
# never run: -wrapper would have gcc run a shell, -o would write a file.
$ cd ccq && CC="gcc -m32 -wrapper /bin/sh,-c,touch,PWNED -o out.i" vaslint map base.lds.S; ls
vaslint: warning: $CC: dropped '-wrapper' (vaslint passes on only options that change how the code reads)
vaslint: warning: $CC: dropped '/bin/sh,-c,touch,PWNED' (vaslint passes on only options that change how the code reads)
vaslint: warning: $CC: dropped '-o' (vaslint passes on only options that change how the code reads)
vaslint: warning: $CC: dropped 'out.i' (vaslint passes on only options that change how the code reads)
         0x6000000          0x6000001  1 byte     section  ########################  .text
base.lds.S
launch
my cc

# What would need a shell is refused before anything runs.
$ cd ccq && CC='gcc $(touch PWNED)' vaslint map base.lds.S; echo "exit $?"; ls
vaslint: error: $CC is 'gcc $(touch PWNED)': '$' would need a shell, and the command is not run through a shell (vaslint splits it into words at white space and quotes only)
exit 2
base.lds.S
launch
my cc

$ cd ccq && CC='gcc -m32; touch PWNED' vaslint map base.lds.S
vaslint: error: $CC is 'gcc -m32; touch PWNED': ';' would need a shell, and the command is not run through a shell (vaslint splits it into words at white space and quotes only)
[exit 2]

$ cd ccq && CC="gcc '-m32" vaslint map base.lds.S
vaslint: error: $CC is 'gcc '-m32': a ' is not closed
[exit 2]

# Quoted, the same characters are text, as in sh: a -D value may hold them.
$ cd ccq && CC="gcc '-DNOTE=a;b' -DBASE=0x9000000" vaslint map base.lds.S
         0x9000000          0x9000001  1 byte     section  ########################  .text

# Empty or blank is unset: cc.
$ cd ccq && CC="  " vaslint map base.lds.S
          0x400000           0x400001  1 byte     section  ########################  .text

# A script with INSERT goes into GNU ld's default script, from $LD; a
# -m EMULATION in $LD replaces the one of the machine (i386's default
# script starts at 0x8048000, x86-64's at 0x400000).
$ cd ccq && printf 'SECTIONS { .mydata : { BYTE(1) } } INSERT AFTER .data;\n' > insert.ld && vaslint map insert.ld | grep __executable_start
          0x400000           0x400000  0 bytes    symbol   #.......................  __executable_start

$ cd ccq && LD="ld.bfd -m elf_i386" vaslint map insert.ld | grep __executable_start
         0x8048000          0x8048000  0 bytes    symbol   #.......................  __executable_start

$ cd ccq && LD="ld.bfd -melf_i386 -z max-page-size=4096" vaslint map insert.ld 2>&1 | grep -v 'not determined'
vaslint: warning: $LD: dropped '-z' (vaslint runs the linker only to print its default script, with -m EMULATION alone)
vaslint: warning: $LD: dropped 'max-page-size=4096' (vaslint runs the linker only to print its default script, with -m EMULATION alone)
         0x8048000          0x8048000  0 bytes    symbol   #.......................  __executable_start

$ cd ccq && LD='ld.bfd > x' vaslint map insert.ld; echo "exit $?"; ls
vaslint: error: $LD is 'ld.bfd > x': '>' would need a shell, and the command is not run through a shell (vaslint splits it into words at white space and quotes only)
exit 2
base.lds.S
insert.ld
launch
my cc
