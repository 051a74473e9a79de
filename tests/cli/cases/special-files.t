# Only regular files are read.  A FIFO would block the run for ever (its
# open waits for a writer) and a device such as /dev/zero never ends: each
# is refused without being read, one line naming the file (and the line and
# column of an INCLUDE), exit 2, for every kind of input.  Every command
# runs under timeout 5, so a regression fails instead of hanging.
# limits: 2 s, 256 MiB
$ rm -f in.fifo; mkfifo in.fifo; timeout 5 vaslint check in.fifo
in.fifo: error: is a FIFO, not a regular file
[exit 2]

$ printf 'SECTIONS {\n  . = 0x1000;\n  INCLUDE in.fifo\n}\n' > inc-fifo.ld; timeout 5 vaslint check inc-fifo.ld
inc-fifo.ld:3:3: error: INCLUDE file 'in.fifo' is a FIFO, not a regular file
[exit 2]

$ timeout 5 vaslint check -L linux-x86_64 --requests in.fifo
in.fifo: error: is a FIFO, not a regular file
[exit 2]

$ timeout 5 vaslint plan -L linux-x86_64 --requests in.fifo
in.fifo: error: is a FIFO, not a regular file
[exit 2]

$ rm -f layout.fifo.yaml; mkfifo layout.fifo.yaml; timeout 5 vaslint check -L layout.fifo.yaml vmm64-default
layout.fifo.yaml: error: is a FIFO, not a regular file
[exit 2]

$ timeout 5 vaslint check -L ./in.fifo vmm64-default
./in.fifo: error: is a FIFO, not a regular file
[exit 2]

$ printf 'int main(void) { return 0; }\n' > plain.c; timeout 5 vaslint check --rules in.fifo plain.c
in.fifo: error: is a FIFO, not a regular file
[exit 2]

$ printf 'SECTIONS { . = 0x1000; .text : { *(.text) } }\n' > plain.ld; timeout 5 vaslint check --image in.fifo plain.ld
in.fifo: error: is a FIFO, not a regular file
[exit 2]

# Devices: /dev/zero and /dev/urandom never end, /dev/null is no script.
$ timeout 5 vaslint check /dev/zero
/dev/zero: error: is a character device, not a regular file
[exit 2]

$ printf 'INCLUDE /dev/zero\n' > inc-zero.ld; timeout 5 vaslint check inc-zero.ld
inc-zero.ld:1:1: error: INCLUDE file '/dev/zero' is a character device, not a regular file
[exit 2]

$ printf 'x = 1;\nINCLUDE /dev/urandom\n' > inc-urandom.ld; timeout 5 vaslint check inc-urandom.ld
inc-urandom.ld:2:1: error: INCLUDE file '/dev/urandom' is a character device, not a regular file
[exit 2]

$ timeout 5 vaslint check -L /dev/zero vmm64-default
/dev/zero: error: is a character device, not a regular file
[exit 2]

$ timeout 5 vaslint check -L linux-x86_64 --requests /dev/urandom
/dev/urandom: error: is a character device, not a regular file
[exit 2]

$ timeout 5 vaslint check --image /dev/zero plain.ld
/dev/zero: error: is a character device, not a regular file
[exit 2]

# INCLUDE looks in the including file's folder first, then in the working
# folder: a directory of the name is passed over, as before; a FIFO is
# refused where it is found.
$ rm -rf incdir fifo-sub.ld; mkdir -p incdir/fifo-sub.ld; mkfifo fifo-sub.ld; printf 'INCLUDE fifo-sub.ld\n' > incdir/main.ld; timeout 5 vaslint check incdir/main.ld
incdir/main.ld:1:1: error: INCLUDE file 'fifo-sub.ld' is a FIFO, not a regular file
[exit 2]

# Every bad input of a run is named, the good one is read, and nothing
# waits.
$ timeout 5 vaslint check in.fifo /dev/zero vmm64-default inc-fifo.ld --image in.fifo
in.fifo: error: is a FIFO, not a regular file
/dev/zero: error: is a character device, not a regular file
inc-fifo.ld:3:3: error: INCLUDE file 'in.fifo' is a FIFO, not a regular file
in.fifo: error: is a FIFO, not a regular file
[exit 2]
