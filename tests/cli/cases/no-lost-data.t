# Writes never damage a user's file: every -o and -i goes to a temporary
# file beside the target and is renamed into place; on any failure the
# original stays byte for byte and no temporary file is left behind.

# A parse error: nothing is written.
$ mkdir -p nld && printf 'SECTIONS { . = 0x6000000; .text : {\n' > nld/bad.ld && cp nld/bad.ld nld/bad.orig && vaslint fix -i -L linux-x86_64 --image-size 1M nld/bad.ld; echo "exit $?"; cmp nld/bad.ld nld/bad.orig && echo untouched; ls -A nld | grep -c vaslint- || true
nld/bad.ld:2:1: error: expected '}' to close the output section, found end of file
exit 2
untouched
0

# No legal address: nothing is written.
$ cp vmm-low.ld nld/a.ld && cp vmm-low.ld nld/out.ld && vaslint fix -L genode-nova-x86_32-2012 -D GUEST_RAM=2000M --image-size 1G -o nld/out.ld nld/a.ld; echo "exit $?"; cmp nld/out.ld vmm-low.ld && echo untouched; ls -A nld | grep -c vaslint- || true
vaslint: error: -D GUEST_RAM=0x7d000000: out of range for layout genode-nova-x86_32-2012: region guest-shadow would be [0x0, 0x7d000000) and overlap region context-area [0x40000000, 0x50000000)
exit 2
untouched
0

# The disk fills up while writing (a file size limit makes write fail with
# EFBIG, as a full disk would): the old file survives, the temporary goes.
$ cp vmm-low.ld nld/full.ld && (trap '' XFSZ; ulimit -f 0; vaslint fix -i -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image vmm32.o nld/full.ld); echo "exit $?"; cmp nld/full.ld vmm-low.ld && echo untouched; ls -A nld | grep -c vaslint- || true
nld/full.ld: error: cannot write: File too large (left unchanged)
exit 2
untouched
0

$ cp out.json nld/report.json 2>/dev/null || echo '{}' > nld/report.json; cp nld/report.json nld/report.orig; (trap '' XFSZ; ulimit -f 0; vaslint check -f json -o nld/report.json -L genode-nova-x86_32-2012 -D GUEST_RAM=256M vmm32-0x6000000); echo "exit $?"; cmp nld/report.json nld/report.orig && echo untouched; ls -A nld | grep -c vaslint- || true
nld/report.json: error: cannot write: File too large (left unchanged)
exit 2
untouched
0

# A target in a folder that does not exist: an error, nothing created.
$ vaslint check -o nld/missing/report.json vmm32-0x6000000; echo "exit $?"; test -e nld/missing && echo created || echo "not created"
nld/missing/report.json: error: cannot create a file beside it: No such file or directory
exit 2
not created

# A directory as the target is refused.
$ vaslint check -o nld vmm32-0x6000000; echo "exit $?"
nld: error: is a directory: give a file name
exit 2

# A successful -i keeps the file's permissions.
$ cp vmm-low.ld nld/mode.ld && chmod 640 nld/mode.ld && vaslint fix -i -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image vmm32.o nld/mode.ld 2>/dev/null; stat -c %a nld/mode.ld; grep -c 0x10000000 nld/mode.ld
640
1

# A real full disk: a 16 KiB tmpfs (in a mount namespace of its own) holds
# the script; the complete default script fix writes does not fit.
$ unshare -m sh -c 'mkdir -p tfs && mount -t tmpfs -o size=16k tmpfs tfs && cp vmm-low.ld tfs/s.ld && head -c 12000 /dev/zero > tfs/filler && vaslint fix --from-default -L linux-x86_64 -D GUEST_RAM=256M --image vmm64-default -o tfs/s.ld; echo "exit $?"; cmp tfs/s.ld vmm-low.ld && echo untouched; ls -A tfs | grep -c vaslint- || true'
tfs/s.ld: error: cannot write: No space left on device
exit 2
untouched
0

# A read-only file system: -i cannot replace the file, and says so.
$ unshare -m sh -c 'mkdir -p rofs && mount -t tmpfs tmpfs rofs && cp vmm-low.ld rofs/s.ld && mount -o remount,ro rofs && vaslint fix -i -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image vmm32.o rofs/s.ld; echo "exit $?"; cmp rofs/s.ld vmm-low.ld && echo untouched'
rofs/s.ld: error: cannot create a file beside it: Read-only file system
exit 2
untouched
