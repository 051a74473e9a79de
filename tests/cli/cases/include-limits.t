# INCLUDE is bounded in all, not only in depth: a script reads at most 1024
# INCLUDEs and 64 MiB (the main file and every INCLUDE, counted each time,
# also of a file read before), and a file INCLUDEd again is not read again.
# Past a bound: one line at the INCLUDE that crossed it, exit 2, at once.
# The big files are written first, outside the bounds.
$ python3 -c 'open("big60.ld", "w").write("/*" + " " * 59999995 + "*/\n")'; cp big60.ld big60b.ld; python3 -c 'open("big10.ld", "w").write("/*" + " " * 9999995 + "*/\n")'; rm -f huge.ld; truncate -s 65M huge.ld; stat -c '%s %n' big60.ld big10.ld huge.ld
60000000 big60.ld
10000000 big10.ld
68157440 huge.ld

# limits: 2 s, 256 MiB
# 16 files of 875 bytes in all, each INCLUDing the next four times: 4^15
# copies of the last one.  The 1025th INCLUDE stops it.
$ rm -rf fan; mkdir fan; for i in $(seq 0 14); do printf "INCLUDE f$((i + 1)).ld\n%.0s" 1 2 3 4 > fan/f$i.ld; done; printf 'x = 12345;\n' > fan/f15.ld; cat fan/*.ld | wc -c; vaslint check fan/f0.ld
875
fan/f14.ld:1:1: error: INCLUDE file 'fan/f15.ld': more than 1024 INCLUDEs in one script (each INCLUDE counts, also of a file included before)
[exit 2]

# 1024 INCLUDEs are fine, the 1025th is not.
$ printf 'x = 1;\n' > one.ld; python3 -c 'print("SECTIONS { . = 0x1000; }\n" + "INCLUDE one.ld\n" * 1024, end="")' > inc1024.ld; vaslint check inc1024.ld

$ python3 -c 'print("SECTIONS { . = 0x1000; }\n" + "INCLUDE one.ld\n" * 1025, end="")' > inc1025.ld; vaslint check inc1025.ld
inc1025.ld:1026:1: error: INCLUDE file 'one.ld': more than 1024 INCLUDEs in one script (each INCLUDE counts, also of a file included before)
[exit 2]

# A 60 MB file INCLUDEd once is fine; again, it would pass 64 MiB.
$ printf 'SECTIONS { . = 0x1000; }\nINCLUDE big60.ld\n' > once60.ld; vaslint check once60.ld

$ printf 'SECTIONS { . = 0x1000; }\nINCLUDE big60.ld\nINCLUDE big60.ld\nINCLUDE big60.ld\n' > rep60.ld; vaslint check rep60.ld
rep60.ld:3:1: error: INCLUDE file 'big60.ld': the script and its INCLUDEs pass 64 MiB (each INCLUDE counts, also of a file included before)
[exit 2]

# The same through a copy, which is another file, and through files of
# different sizes: the sum is what counts.
$ printf 'INCLUDE big60.ld\nINCLUDE big60b.ld\n' > copy60.ld; vaslint check copy60.ld
copy60.ld:2:1: error: INCLUDE file 'big60b.ld': the script and its INCLUDEs pass 64 MiB (each INCLUDE counts, also of a file included before)
[exit 2]

$ printf 'SECTIONS {\n  INCLUDE big10.ld\n  INCLUDE big60.ld\n}\n' > sum.ld; vaslint check sum.ld
sum.ld:3:3: error: INCLUDE file 'big60.ld': the script and its INCLUDEs pass 64 MiB (each INCLUDE counts, also of a file included before)
[exit 2]

# A file larger than any script is refused by its size, unread.
$ printf 'INCLUDE huge.ld\n' > inchuge.ld; vaslint check inchuge.ld
inchuge.ld:1:1: error: INCLUDE file 'huge.ld' is larger than 64 MiB
[exit 2]
