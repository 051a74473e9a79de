# The July 2012 mailing-list case (FACTS.md): a Vancouver VMM on Genode/NOVA
# x86_32, whose link address was moved until it started.

# 0x6000000 works while guest RAM stays below 96 MiB...
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=64M vmm32-0x6000000

# ...and collides with the guest shadow with 256 MiB.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M vmm32-0x6000000
vmm32-0x6000000: error: segments 0 (R--), 1 (R-X), 2 (RW-) [0x6000000, 0x6015000) overlap guest-shadow [0x0, 0x10000000): Vancouver keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory; the lowest legal link address aligned to 4 MiB is 0x10000000 [reserved-overlap]
[exit 1]

# 0x47000000 lies in the thread context area of that era.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M vmm32-0x47000000
vmm32-0x47000000: error: segments 0 (R--), 1 (R-X), 2 (RW-) [0x47000000, 0x47015000) overlap context-area [0x40000000, 0x50000000): Genode reserves this thread context area in every component for the stacks of its threads, so a program linked here overlaps its own thread stacks; the lowest legal link address aligned to 4 MiB is 0x10000000 [reserved-overlap]
[exit 1]

# Above 2 GiB lay outside an ordinary component's address space until
# September 2012.
$ vaslint check -L genode-nova-x86_32-2012 vmm32-0x80000000
vmm32-0x80000000: warning: region guest-shadow of layout genode-nova-x86_32-2012 is empty because GUEST_RAM was not given, so nothing was checked against it: give -D GUEST_RAM=SIZE, or -D GUEST_RAM=0 if there is none [parameter-not-given]
vmm32-0x80000000: error: segments 0 (R--), 1 (R-X), 2 (RW-) [0x80000000, 0x80015000) lie outside the address space [0x1000, 0x80000000) of layout genode-nova-x86_32-2012 [outside-address-space]
[exit 1]

$ vaslint check -L genode-nova-x86_32-2012 vmm32-0xa0000000
vmm32-0xa0000000: warning: region guest-shadow of layout genode-nova-x86_32-2012 is empty because GUEST_RAM was not given, so nothing was checked against it: give -D GUEST_RAM=SIZE, or -D GUEST_RAM=0 if there is none [parameter-not-given]
vmm32-0xa0000000: error: segments 0 (R--), 1 (R-X), 2 (RW-) [0xa0000000, 0xa0015000) lie outside the address space [0x1000, 0x80000000) of layout genode-nova-x86_32-2012 [outside-address-space]
[exit 1]

$ vaslint check -L genode-nova-x86_32-2012 vmm32-0xb0000000
vmm32-0xb0000000: warning: region guest-shadow of layout genode-nova-x86_32-2012 is empty because GUEST_RAM was not given, so nothing was checked against it: give -D GUEST_RAM=SIZE, or -D GUEST_RAM=0 if there is none [parameter-not-given]
vmm32-0xb0000000: error: segments 0 (R--), 1 (R-X), 2 (RW-) [0xb0000000, 0xb0015000) lie outside the address space [0x1000, 0x80000000) of layout genode-nova-x86_32-2012 [outside-address-space]
[exit 1]

# Today's NOVA gives components up to 3 GiB: 0xb0000000 is fine there, and
# so is Vancouver's later 0xbf800000.
$ vaslint check -L genode-nova-x86_32 -D GUEST_RAM=256M vmm32-0xb0000000 vmm32-0xbf800000

# 0x50000000, right after the context area, was legal in 2012.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M vmm32-0x50000000

# Options may follow the inputs, as with GCC.
$ vaslint check vmm32-0x6000000 -L genode-nova-x86_32-2012 -D GUEST_RAM=64M; echo "exit $?"
exit 0
