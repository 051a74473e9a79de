# The run-time view: a process's mappings (/proc/PID/maps, live with --pid
# or saved with --maps FILE) checked against a layout.  A saved maps file
# of a VMM whose shadow (SHADOW_BASE 2M, 64 MiB) it reserved itself:
$ printf '00200000-00600000 rw-p 00000000 00:00 0 \n00600000-04200000 ---p 00000000 00:00 0 \n40000000-40002000 r--p 00000000 fe:00 5308826                            /opt/vmm/bin/vmm\n40002000-40005000 r-xp 00002000 fe:00 5308826                            /opt/vmm/bin/vmm\n706b6000-706d7000 rw-p 00000000 00:00 0                                  [heap]\n7fbd4088d000-7fbd40890000 r--p 00000000 fe:00 333607                     /usr/lib/x86_64-linux-gnu/lib z.so.1\n7ffce13e3000-7ffce1404000 rw-p 00000000 00:00 0                          [stack]\nffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]\n' > vmm.maps

# Its own reservation and memory fill the guest shadow legally (the
# layout's region is provided-by: program); [vsyscall] is the kernel's.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=64M --maps vmm.maps; echo "exit $?"
exit 0

# Against a plan with the shadow at 1 GiB, the program's own image lies in
# it, and the reservation at 2M is no longer the shadow's.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=64M -D SHADOW_BASE=1G --maps vmm.maps
vmm.maps:3:1: error: mapping /opt/vmm/bin/vmm (r--p) [0x40000000, 0x40002000) overlaps guest-shadow [0x40000000, 0x44000000): the VMM reserves this range for guest-physical memory (SHADOW_BASE + gpa) at start-up, so a program linked here puts its own image inside the guest's memory and the VMM refuses to start [reserved-overlap]
vmm.maps:4:1: error: mapping /opt/vmm/bin/vmm (r-xp) [0x40002000, 0x40005000) overlaps guest-shadow [0x40000000, 0x44000000): the VMM reserves this range for guest-physical memory (SHADOW_BASE + gpa) at start-up, so a program linked here puts its own image inside the guest's memory and the VMM refuses to start [reserved-overlap]
[exit 1]

# A shadow larger than what the process reserved: the heap is in it.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=2G --maps vmm.maps | cut -c1-110
vmm.maps:3:1: error: mapping /opt/vmm/bin/vmm (r--p) [0x40000000, 0x40002000) overlaps guest-shadow [0x200000,
vmm.maps:4:1: error: mapping /opt/vmm/bin/vmm (r-xp) [0x40002000, 0x40005000) overlaps guest-shadow [0x200000,
vmm.maps:5:1: error: mapping [heap] (rw-p) [0x706b6000, 0x706d7000) overlaps guest-shadow [0x200000, 0x8020000

# map draws it.
$ vaslint map -L linux-x86_64 -D GUEST_RAM=64M --maps vmm.maps | grep -c ' mapping '
7

# A live process: this shell's sleeping child.
$ sleep 30 & vaslint check -L linux-x86_64 --pid $! > /dev/null; echo "exit $?"; kill $!
exit 0

# Bad input: one line naming the file and line:column, exit 2.
$ printf '00400000-00401000 r-xp 00000000 08:01 42 /bin/x\n00401000 r--p\n' > bad.maps; vaslint check --maps bad.maps
bad.maps:2:9: error: expected a /proc/PID/maps line: START-END PERMS OFFSET DEV INODE [PATH]
[exit 2]

$ printf '00500000-00501000 r-xp 00000000 08:01 42 /bin/x\n00400000-00401000 r--p 00000000 08:01 42 /bin/x\n' > order.maps; vaslint check --maps order.maps
order.maps:2:1: error: the mapping overlaps or comes before the line above
[exit 2]

$ vaslint check --pid 0; vaslint check --pid 12ab; vaslint check --pid 2147483647
vaslint: error: --pid 0: expected a process id
vaslint: error: --pid 12ab: expected a process id
/proc/2147483647/maps: error: cannot open: No such file or directory
[exit 2]

$ mkfifo maps.fifo 2>/dev/null; timeout 5 vaslint check --maps maps.fifo
maps.fifo: error: is a FIFO, not a regular file: a maps file is a saved /proc/PID/maps
[exit 2]

# A core file is a process's snapshot: its mappings are checked the same
# way (the PT_LOADs of the core, named from its NT_FILE note).  sleep,
# dumped by gcore without address randomisation, where Linux puts a PIE.
$ setarch -R sleep 30 & sleep 0.5; gcore -o core-sleep $! >/dev/null 2>&1; kill $!; mv core-sleep.* core-sleep; vaslint check -L linux-x86_64 -D GUEST_RAM=0 core-sleep; echo "exit $?"
exit 0
$ vaslint check -L linux-x86_64 -D GUEST_RAM=16M -D SHADOW_BASE=0x555555000000 core-sleep | head -1
core-sleep: error: mapping /usr/bin/sleep (r--p) [0x555555554000, 0x555555556000) overlaps guest-shadow [0x555555000000, 0x555556000000): the VMM reserves this range for guest-physical memory (SHADOW_BASE + gpa) at start-up, so a program linked here puts its own image inside the guest's memory and the VMM refuses to start [reserved-overlap]
$ vaslint map -L linux-x86_64 core-sleep | grep -c 'mapping .*/usr/bin/sleep'
3
