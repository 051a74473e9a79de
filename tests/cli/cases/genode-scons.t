# The SCons tool (site_scons/site_tools/vaslint.py) on Genode programs: a
# failing VaslintCheck shows its diagnostics on the console and names the
# layout, not only "[stacky.check] Error 1" (tests/fixtures/genode/scons).
$ rm -rf gscons && mkdir gscons && cp "$ROOT/tests/fixtures/genode/scons/SConstruct" gscons/ && cp genode/x86_64/dynamic gscons/hello && cp genode/x86_64/dynamic-stack gscons/stacky

# A clean program: the command, nothing else; the report is empty.
$ cd gscons && PYTHONUNBUFFERED=1 scons -Q hello.check 2>&1; echo "exit $?"; wc -c < hello.check
vaslint check -L genode-nova-x86_64 -DGUEST_RAM=0 -o hello.check hello
exit 0
0

# The program in the stack area: the finding, then the layout, the
# parameters and where the report is; the build fails.
$ cd gscons && PYTHONUNBUFFERED=1 scons -Q stacky.check 2>&1; echo "exit $?"
vaslint check -L genode-nova-x86_64 -DGUEST_RAM=0 -o stacky.check stacky
stacky: error: segments 1 (R-X), 2 (RW-) [0x40000000, 0x4000f000) overlap stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks; the lowest legal link address aligned to 1 GiB is 0x80000000 [reserved-overlap]
vaslint: check of stacky against layout genode-nova-x86_64 (-D GUEST_RAM=0) failed: 1 error, 0 warnings; report in stacky.check
scons: *** [stacky.check] Error 1
exit 2

# A failed check is not recorded as done: the next build checks again.
$ cd gscons && PYTHONUNBUFFERED=1 scons -Q stacky.check 2>&1 | tail -1
scons: *** [stacky.check] Error 1

# Changing a layout parameter checks again, with the new value named.
$ cd gscons && PYTHONUNBUFFERED=1 scons -Q GUEST_RAM=64M hello.check 2>&1; echo "exit $?"
vaslint check -L genode-nova-x86_64 -DGUEST_RAM=64M -o hello.check hello
hello: error: segments 1 (R-X), 2 (RW-) [0x1000000, 0x100f000) overlap guest-shadow [0x0, 0x4000000): a Vancouver/Seoul-style VMM keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory; the lowest legal link address aligned to 1 GiB is 0x80000000 [reserved-overlap]
vaslint: check of hello against layout genode-nova-x86_64 (-D GUEST_RAM=64M) failed: 1 error, 0 warnings; report in hello.check
scons: *** [hello.check] Error 1
exit 2

# A layout vaslint does not know: its message and the step that failed.
$ cd gscons && PYTHONUNBUFFERED=1 scons -Q LAYOUT=genode-okl4-x86_64 hello.check 2>&1; echo "exit $?"
vaslint check -L genode-okl4-x86_64 -DGUEST_RAM=0 -o hello.check hello
vaslint: error: no such layout 'genode-okl4-x86_64' (run 'vaslint layouts' for the list; a path to a .yaml file works too)
vaslint: check of hello against layout genode-okl4-x86_64 (-D GUEST_RAM=0) could not be done (exit 2)
scons: *** [hello.check] Error 2
exit 2
