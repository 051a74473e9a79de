# What -o and fix -i do to what they write over (issue 12, items 3-9):
# special files are written directly, inputs are never overwritten, links
# are followed and kept, owner, group, mode, ACLs and extended attributes
# stay, identical output changes nothing, a signal leaves no temporary,
# and output that cannot be written fails the run.  Every case works in
# os/, which the first one makes afresh; F is the fix every case runs
# (it moves vmm-low.ld's base from 0x6000000 to 0x10000000).
$ rm -rf os && mkdir os && echo ready
ready

# 3. Special files.  /dev/stdout is written to directly, and the link is
# still a link; a shell's >> keeps appending through it.  In a mount
# namespace with a /dev of its own, so that a regression cannot replace
# the machine's /dev/stdout.
$ unshare -m sh -c 'mount -t tmpfs tmpfs /dev && ln -s /proc/self/fd/1 /dev/stdout && mknod -m 666 /dev/null c 1 3 && vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -o /dev/stdout vmm32-0x6000000 > os/report.txt; echo "exit $?"; stat -c "%F %N" /dev/stdout; wc -l < os/report.txt; echo first > os/log.txt; vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -o /dev/stdout vmm32-0x6000000 >> os/log.txt; head -2 os/log.txt | cut -c1-20; wc -l < os/log.txt; vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -o /dev/stdout vmm32-0x6000000 | wc -l; vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -o /dev/null vmm32-0x6000000; echo "exit $?"; stat -c %F /dev/null; ls -A /dev'
exit 1
symbolic link '/dev/stdout' -> '/proc/self/fd/1'
1
first
vmm32-0x6000000: err
2
1
exit 1
character special file
null
stdout

# A FIFO is written to, and stays a FIFO.
$ mkfifo os/fifo && { cat os/fifo > os/from-fifo & } && vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -o os/fifo vmm32-0x6000000; echo "exit $?"; wait; stat -c %F os/fifo; wc -l < os/from-fifo
exit 1
fifo
1

# -i edits only a regular file: /dev/stdin (a file, a pipe) and a device
# are refused in one line before anything is read or written.
$ unshare -m sh -c 'mount -t tmpfs tmpfs /dev && ln -s /proc/self/fd/0 /dev/stdin && mknod -m 666 /dev/null c 1 3 && cp vmm-low.ld os/in.ld && F="-L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image vmm32.o"; vaslint fix -i $F /dev/stdin < os/in.ld; echo "exit $?"; cat os/in.ld | vaslint fix -i $F /dev/stdin; echo "exit $?"; vaslint fix -i $F /dev/null; echo "exit $?"; stat -c "%F %N" /dev/stdin; stat -c %F /dev/null; cmp os/in.ld vmm-low.ld && echo untouched'
/dev/stdin: error: -i edits only a regular file, and this is an open file reached through /proc: without -i the result goes to stdout
exit 2
/dev/stdin: error: -i edits only a regular file, and this is a pipe: without -i the result goes to stdout
exit 2
/dev/null: error: -i edits only a regular file, and this is a character device: without -i the result goes to stdout
exit 2
symbolic link '/dev/stdin' -> '/proc/self/fd/0'
character special file
untouched

$ mkfifo os/script-fifo; vaslint fix -i -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image vmm32.o os/script-fifo; echo "exit $?"; stat -c %F os/script-fifo
os/script-fifo: error: -i edits only a regular file, and this is a pipe: without -i the result goes to stdout
exit 2
fifo

# 4. -o naming an input is refused before anything is written, however
# it is spelled: the same path, another path, a symlink, a hard link.
$ cd os && cp ../vmm-low.ld s.ld && ln -s s.ld s-link.ld && ln s.ld s-hard.ld && md5sum s.ld > s.md5; for o in s.ld ./s.ld ../os/s.ld s-link.ld s-hard.ld; do vaslint check -o $o s.ld; echo "exit $?"; done; md5sum -c s.md5; stat -c %F s-link.ld; ls -A | grep -c vaslint- || true
s.ld: error: is an input of this run too (s.ld): writing it would destroy it; give -o another file
exit 2
./s.ld: error: is an input of this run too (s.ld): writing it would destroy it; give -o another file
exit 2
../os/s.ld: error: is an input of this run too (s.ld): writing it would destroy it; give -o another file
exit 2
s-link.ld: error: is an input of this run too (s.ld): writing it would destroy it; give -o another file
exit 2
s-hard.ld: error: is an input of this run too (s.ld): writing it would destroy it; give -o another file
exit 2
s.ld: OK
symbolic link
0

# Every kind of input: fix's script and --image, map's INPUT, plan's
# --requests, the layout (-L path), a --rules file, what a script
# INCLUDEs, compile_commands.json (-p).
$ cd os && cp ../vmm-low.ld f.ld && cp ../vmm32.o obj.o && printf 'requests:\n  - name: buf\n    size: 4M\n' > r.yaml && cp "$ROOT/layouts/linux-x86_64.yaml" lay.yaml && echo 'rules: []' > rules.yaml && printf 'INCLUDE inc.ld\n' > top.ld && printf 'SECTIONS { . = 0x6000000; .text : { *(.text) } }\n' > inc.ld && mkdir -p db && echo '[]' > db/compile_commands.json && md5sum f.ld obj.o r.yaml lay.yaml rules.yaml inc.ld db/compile_commands.json > all.md5; F="-L genode-nova-x86_32-2012 -D GUEST_RAM=256M"; vaslint fix $F --image obj.o -o f.ld f.ld; echo "exit $?"; vaslint fix $F --image obj.o -o obj.o f.ld; echo "exit $?"; vaslint map -o obj.o obj.o; echo "exit $?"; vaslint plan -L linux-x86_64 --requests r.yaml -o r.yaml; echo "exit $?"; vaslint check -L lay.yaml -o lay.yaml ../vmm64-0x40000000; echo "exit $?"; vaslint check --rules rules.yaml -o rules.yaml f.ld; echo "exit $?"; vaslint check -o inc.ld top.ld; echo "exit $?"; vaslint check -p db -o db/compile_commands.json f.ld; echo "exit $?"; md5sum -c all.md5 | grep -vc ': OK$'; ls -A | grep -c vaslint- || true
f.ld: error: is an input of this run too (f.ld): writing it would destroy it; give -o another file
exit 2
obj.o: error: is an input of this run too (obj.o): writing it would destroy it; give -o another file
exit 2
obj.o: error: is an input of this run too (obj.o): writing it would destroy it; give -o another file
exit 2
r.yaml: error: is an input of this run too (r.yaml): writing it would destroy it; give -o another file
exit 2
lay.yaml: error: is an input of this run too (lay.yaml): writing it would destroy it; give -o another file
exit 2
rules.yaml: error: is an input of this run too (rules.yaml): writing it would destroy it; give -o another file
exit 2
inc.ld: error: is an input of this run too (inc.ld): writing it would destroy it; give -o another file
exit 2
db/compile_commands.json: error: is an input of this run too (db/compile_commands.json): writing it would destroy it; give -o another file
exit 2
0
0

# 5. fix -i on a symlink edits the file it points to and keeps the link;
# so does a chain of links into another folder, and -o through a link.
# The temporary goes beside the real file, and none is left anywhere.
$ cd os && mkdir -p real && cp ../vmm-low.ld real/t.ld && ln -s real/t.ld t-link.ld && ln -s t-link.ld t-link2.ld && vaslint fix -i -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image ../vmm32.o t-link2.ld; echo "exit $?"; stat -c %N t-link.ld t-link2.ld; grep -c 0x10000000 real/t.ld; cp ../vmm-low.ld real/o.ld && ln -s real/o.ld o-link.ld && vaslint fix -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image ../vmm32.o -o o-link.ld ../vmm-low.ld; stat -c %N o-link.ld; grep -c 0x10000000 real/o.ld; ls -A . real | grep -c vaslint- || true
t-link2.ld:6:7: moved the image base from 0x6000000 to 0x10000000 (1 number changed)
exit 0
't-link.ld' -> 'real/t.ld'
't-link2.ld' -> 't-link.ld'
1
../vmm-low.ld:6:7: moved the image base from 0x6000000 to 0x10000000 (1 number changed)
'o-link.ld' -> 'real/o.ld'
1
0

# A dangling link: -o creates the file it names.
$ cd os && ln -s made-by-o.txt dangling.txt && vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -o dangling.txt ../vmm32-0x6000000; echo "exit $?"; stat -c %F dangling.txt; wc -l < made-by-o.txt
exit 1
symbolic link
1

# 6. A file of nobody's, mode 0600, with an ACL entry (the ACL's mask
# shows as the group bits: 640) and a user xattr: fix -i (run as root)
# keeps owner, group, mode, the ACL and the xattr, and nobody can still
# read it.
$ cd os && cp ../vmm-low.ld n.ld && chown nobody:nogroup n.ld && chmod 600 n.ld && setfacl -m u:daemon:r n.ld && setfattr -n user.origin -v upstream n.ld && stat -c '%U %G %a %h' n.ld && i=$(stat -c %i n.ld) && vaslint fix -i -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image ../vmm32.o n.ld 2>/dev/null; echo "exit $?"; stat -c '%U %G %a %h' n.ld; [ "$i" != "$(stat -c %i n.ld)" ] && echo "new inode"; getfacl -cp n.ld; getfattr -n user.origin --only-values n.ld; echo; setpriv --reuid=nobody --regid=nogroup --clear-groups grep -c 0x10000000 n.ld
nobody nogroup 640 1
exit 0
nobody nogroup 640 1
new inode
user::rw-
user:daemon:r--
group::---
mask::r--
other::---

upstream
1

# The same for a report -o writes over.
$ cd os && echo old > rep.txt && chown daemon:nogroup rep.txt && chmod 604 rep.txt && setfattr -n user.kind -v report rep.txt && vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -o rep.txt ../vmm32-0x6000000; echo "exit $?"; stat -c '%U %G %a' rep.txt; getfattr -n user.kind --only-values rep.txt; echo; wc -l < rep.txt
exit 1
daemon nogroup 604
report
1

# A folder's default ACL does not creep onto a file that had no ACL.
$ cd os && mkdir -p dacl && cp ../vmm-low.ld dacl/s.ld && chmod 644 dacl/s.ld && setfacl -d -m u:daemon:rwx dacl && vaslint fix -i -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image ../vmm32.o dacl/s.ld 2>/dev/null; echo "exit $?"; stat -c %a dacl/s.ld; getfacl -cp dacl/s.ld | sed '/^$/d'
exit 0
644
user::rw-
group::r--
other::r--

# Hard links: the new text is written into the file itself (after it is
# complete in a temporary), so every name sees it: same inode, 2 links.
$ cd os && cp ../vmm-low.ld h.ld && ln h.ld h2.ld && i=$(stat -c %i h.ld) && vaslint fix -i -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image ../vmm32.o h.ld 2>/dev/null; echo "exit $?"; stat -c %h h.ld; [ "$i" = "$(stat -c %i h.ld)" ] && echo "same inode"; cmp h.ld h2.ld && grep -c 0x10000000 h2.ld; ls -A | grep -c vaslint- || true
exit 0
2
same inode
1
0

# What cannot be carried over stops the write, and the file stays as it
# was: run as nobody, a file whose group nobody is not in, and a file
# with a file capability (security.capability) nobody may not set.
$ cd os && mkdir -p nb && chown nobody:nogroup nb && cp ../vmm-low.ld nb/g.ld && chown nobody:root nb/g.ld && cp ../vmm-low.ld nb/c.ld && chown nobody:nogroup nb/c.ld && setfattr -n security.capability -v 0sAQAAAgAEAAAAAAAAAAAAAAAAAAA= nb/c.ld && for f in g c; do setpriv --reuid=nobody --regid=nogroup --clear-groups vaslint fix -i -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image ../vmm32.o nb/$f.ld; echo "exit $?"; cmp nb/$f.ld ../vmm-low.ld && echo untouched; done; stat -c '%U %G' nb/g.ld; ls -A nb | grep -c vaslint- || true
nb/g.ld: error: cannot give the new file the owner and group of the old one (uid 65534, gid 0): Operation not permitted (left unchanged)
exit 2
untouched
nb/c.ld: error: cannot give the new file its extended attribute security.capability: Operation not permitted (left unchanged)
exit 2
untouched
nobody root
0

# 7. A script that is already legal is left alone: the same inode and
# modification time, so nothing that depends on it is rebuilt; the same
# for -o over a file that already holds the output.
$ cd os && cp ../vmm-low.ld legal.ld && vaslint fix -i -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image ../vmm32.o legal.ld 2>/dev/null && touch -d '2001-02-03 04:05:06' legal.ld && a=$(stat -c '%i %y' legal.ld) && vaslint fix -i -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image ../vmm32.o legal.ld; echo "exit $?"; [ "$a" = "$(stat -c '%i %y' legal.ld)" ] && echo "same inode and time"; stat -c %y legal.ld | cut -c1-19
legal.ld: the image [0x10000000, +0x49000) is legal in layout genode-nova-x86_32-2012: unchanged
exit 0
same inode and time
2001-02-03 04:05:06

$ cd os && vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -o same.txt ../vmm32-0x6000000; touch -d '2001-02-03 04:05:06' same.txt && a=$(stat -c '%i %y' same.txt) && vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -o same.txt ../vmm32-0x6000000; echo "exit $?"; [ "$a" = "$(stat -c '%i %y' same.txt)" ] && echo "same inode and time"; vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -f json -o same.txt ../vmm32-0x6000000; [ "$a" != "$(stat -c '%i %y' same.txt)" ] && echo "rewritten when it differs"; ls -A | grep -c vaslint- || true
exit 1
same inode and time
rewritten when it differs
0

# 8. A signal while the temporary exists (strace delivers it as the
# temporary is synced, the one moment it is sure to be there): the
# process dies of the signal, the temporary is gone, the file untouched.
# (env --default-signal: a suite started in the background or under nohup
# hands vaslint INT and HUP ignored, which it keeps ignored; see below.)
$ cd os && for sig in INT TERM HUP; do cp ../vmm-low.ld sig.ld; { strace -o /dev/null -e trace=fsync -e inject=fsync:signal=$sig env --default-signal=INT,TERM,HUP vaslint fix -i -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image ../vmm32.o sig.ld;} 2>/dev/null; echo "$sig: exit $?"; cmp sig.ld ../vmm-low.ld && echo untouched; ls -A | grep -c vaslint- || true; done
INT: exit 130
untouched
0
TERM: exit 143
untouched
0
HUP: exit 129
untouched
0

# The same for -o, over a file and to a new one, and for a hard-linked
# file (the signal comes before its copy in place starts).
$ cd os && echo old > sig.txt && { strace -o /dev/null -e trace=fsync -e inject=fsync:signal=TERM env --default-signal=INT,TERM,HUP vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -o sig.txt ../vmm32-0x6000000;} 2>/dev/null; echo "exit $?"; cat sig.txt; { strace -o /dev/null -e trace=fsync -e inject=fsync:signal=INT env --default-signal=INT,TERM,HUP vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -o sig-new.txt ../vmm32-0x6000000;} 2>/dev/null; echo "exit $?"; test -e sig-new.txt || echo "not created"; cp ../vmm-low.ld sigh.ld && ln -f sigh.ld sigh2.ld && { strace -o /dev/null -e trace=fsync -e inject=fsync:signal=INT env --default-signal=INT,TERM,HUP vaslint fix -i -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image ../vmm32.o sigh.ld;} 2>/dev/null; echo "exit $?"; cmp sigh2.ld ../vmm-low.ld && echo untouched; ls -A | grep -c vaslint- || true
exit 143
old
exit 130
not created
exit 130
untouched
0

# A signal the caller ignores (nohup's SIGHUP) stays ignored: the run
# completes.  (LeakSanitizer cannot run under ptrace: the sanitizer build
# leaves it out for this one run.)
$ cd os && cp ../vmm-low.ld hup.ld && (trap '' HUP; ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace -o /dev/null -e trace=fsync -e inject=fsync:signal=HUP vaslint fix -i -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image ../vmm32.o hup.ld); echo "exit $?"; grep -c 0x10000000 hup.ld
hup.ld:6:7: moved the image base from 0x6000000 to 0x10000000 (1 number changed)
exit 0
1

# fix --from-default's own temporary copy of ld's script (in $TMPDIR)
# goes too.
$ mkdir -p os/tmp && { TMPDIR=$PWD/os/tmp strace -o /dev/null -e trace=fsync -e inject=fsync:signal=INT env --default-signal=INT,TERM,HUP vaslint fix --from-default -L linux-x86_64 -D GUEST_RAM=256M --image vmm64-default -o os/default.ld;} 2>/dev/null; echo "exit $?"; test -e os/default.ld || echo "not created"; ls -A os/tmp | wc -l
exit 130
not created
0

# 9. Output that cannot be written fails the run: every command, its
# --help, and the top-level texts, with stdout on /dev/full, exit 2 with
# one line.
$ for c in "--help" "--version" "help" "help check" "layouts" "layouts linux-x86_64" "explain" "explain reserved-overlap" "check --help" "fix --help" "plan --help" "map --help" "layouts --help" "explain --help" "check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M vmm32-0x6000000" "check -f json vmm32-0x6000000" "map -L linux-x86_64" "plan -L linux-x86_64" "fix -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image vmm32.o vmm-low.ld"; do echo "vaslint $c"; vaslint $c > /dev/full 2>os/err.txt; echo "exit $?, $(wc -l < os/err.txt) line: $(cat os/err.txt)"; done
vaslint --help
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint --version
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint help
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint help check
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint layouts
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint layouts linux-x86_64
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint explain
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint explain reserved-overlap
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint check --help
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint fix --help
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint plan --help
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint map --help
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint layouts --help
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint explain --help
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M vmm32-0x6000000
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint check -f json vmm32-0x6000000
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint map -L linux-x86_64
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint plan -L linux-x86_64
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device
vaslint fix -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image vmm32.o vmm-low.ld
exit 2, 1 line: vaslint: error: cannot write the output: No space left on device

# -o /dev/full, and a closed stdout.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -o /dev/full vmm32-0x6000000; echo "exit $?"; vaslint layouts >&-; echo "exit $?"; vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -o os/closed.txt vmm32-0x6000000 >&-; echo "exit $?"
/dev/full: error: cannot write: No space left on device
exit 2
vaslint: error: cannot write the output: Bad file descriptor
exit 2
exit 1

# Names of 241 to 255 bytes: the temporary's usual name (.NAME.vaslint-
# and six letters) would be too long, so it gets a short one.
$ cd os && for len in 241 250 255; do n=$(head -c $((len - 3)) /dev/zero | tr '\0' n).ld; cp ../vmm-low.ld $n && vaslint fix -i -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image ../vmm32.o $n 2>/dev/null; echo "$len: exit $?, $(grep -c 0x10000000 $n)"; vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -o $n ../vmm32-0x6000000; echo "$len: exit $?, $(wc -l < $n) line"; rm $n; done; ls -A | grep -c vaslint- || true
241: exit 0, 1
241: exit 1, 1 line
250: exit 0, 1
250: exit 1, 1 line
255: exit 0, 1
255: exit 1, 1 line
0
