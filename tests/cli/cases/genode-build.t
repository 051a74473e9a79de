# samples/genode-build/vaslint.mk on a stand-in Genode build directory
# (tests/fixtures/genode/buildtree: the same reading order, goals, hook
# points, progress.log and bin/ as Genode's build.mk) with two programs:
# test-hello at the default LD_TEXT_ADDR, test-stacky linked in the stack
# area (its target.mk sets LD_TEXT_ADDR = 0x40000000).  make's own
# "make: *** [...] Error N" line is left out; its exit status is shown.

# The build directory as create_builddir makes it (etc/, and a Makefile
# that links to the build system), with the fragment dropped into
# etc/build.conf.
$ rm -rf gbuild && mkdir -p gbuild/etc && ln -s "$ROOT/tests/fixtures/genode/buildtree/build.mk" gbuild/Makefile && cp "$ROOT"/tests/fixtures/genode/buildtree/etc/* gbuild/etc/ && echo "include $ROOT/samples/genode-build/vaslint.mk" >> gbuild/etc/build.conf

# Building ends with the check of what was built, against the layout that
# KERNEL and SPECS name; the program in the stack area fails the build.
$ make -s -C gbuild KERNEL=nova test 2>&1 | grep -v '^make'; echo "exit ${PIPESTATUS[0]}"
  Program test-hello (LD_TEXT_ADDR 0x01000000)
  Program test-stacky (LD_TEXT_ADDR 0x40000000)
[vaslint] checking 2 program(s) against layout genode-nova-x86_64
[vaslint] bin/test-stacky: error: segments 1 (R-X), 2 (RW-) [0x40000000, 0x4000f000) overlap stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks; the lowest legal link address aligned to 1 GiB is 0x80000000 [reserved-overlap]
[vaslint] result: failed (1 error(s), 0 warning(s) in 2 program(s); layout genode-nova-x86_64)
exit 2

# 'make' without a goal builds everything, as Genode's does, and checks it.
$ make -s -C gbuild KERNEL=sel4 2>&1 | grep -v '^make'; echo "exit ${PIPESTATUS[0]}"
  Program test-hello (LD_TEXT_ADDR 0x01000000)
  Program test-stacky (LD_TEXT_ADDR 0x40000000)
[vaslint] checking 2 program(s) against layout genode-sel4-x86_64
[vaslint] bin/test-stacky: error: segments 1 (R-X), 2 (RW-) [0x40000000, 0x4000f000) overlap stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks; the lowest legal link address aligned to 4 KiB is 0x2000 [reserved-overlap]
[vaslint] result: failed (1 error(s), 0 warning(s) in 2 program(s); layout genode-sel4-x86_64)
exit 2

# Only the clean program: the build succeeds, the result line says so.
$ make -s -C gbuild KERNEL=nova test/hello; echo "exit $?"
  Program test-hello (LD_TEXT_ADDR 0x01000000)
[vaslint] checking 1 program(s) against layout genode-nova-x86_64
[vaslint] result: ok (0 error(s), 0 warning(s) in 1 program(s); layout genode-nova-x86_64)
exit 0

# VASLINT_FAIL=no reports and lets the build succeed.
$ make -s -C gbuild KERNEL=foc VASLINT_FAIL=no test; echo "exit $?"
  Program test-hello (LD_TEXT_ADDR 0x01000000)
  Program test-stacky (LD_TEXT_ADDR 0x40000000)
[vaslint] checking 2 program(s) against layout genode-foc-x86_64
[vaslint] bin/test-stacky: error: segments 1 (R-X), 2 (RW-) [0x40000000, 0x4000f000) overlap stack-area [0x40000000, 0x50000000): Genode reserves this range in every component for the stacks of its threads (1 MiB slot per thread), so a program linked here overlaps its own thread stacks; the lowest legal link address aligned to 1 GiB is 0x80000000 [reserved-overlap]
[vaslint] result: failed (1 error(s), 0 warning(s) in 2 program(s); layout genode-foc-x86_64)
exit 0

# On its own after a build (-f): the programs of the last build, by
# progress.log; BOARD=linux names base-linux.
$ make -s -f "$ROOT/samples/genode-build/vaslint.mk" -C gbuild BOARD=linux 2>&1 | grep -v '^make'; echo "exit ${PIPESTATUS[0]}"
[vaslint] checking 2 program(s) against layout genode-linux-x86_64
[vaslint] bin/test-stacky: error: segments 1 (R-X), 2 (RW-) [0x40000000, 0x4000f000) overlap stack-area [0x40000000, 0x50000000): base-linux reserves this range with a PT_LOAD segment without permissions so that Linux keeps it free for the stacks of Genode threads, so a program linked here collides with that reservation; the lowest legal link address aligned to 1 GiB is 0x80000000 [reserved-overlap]
[vaslint] result: failed (1 error(s), 0 warning(s) in 2 program(s); layout genode-linux-x86_64)
exit 2

# Chosen programs and layout parameters: a VMM with 32 MiB of guest RAM
# shadowed from 0 cannot sit at 0x01000000.
$ make -s -f "$ROOT/samples/genode-build/vaslint.mk" -C gbuild KERNEL=hw VASLINT_PROGRAMS=bin/test-hello VASLINT_PARAMS=GUEST_RAM=32M 2>&1 | grep -v '^make'; echo "exit ${PIPESTATUS[0]}"
[vaslint] checking 1 program(s) against layout genode-hw-x86_64
[vaslint] bin/test-hello: error: segments 1 (R-X), 2 (RW-) [0x1000000, 0x100f000) overlap guest-shadow [0x0, 0x2000000): a Vancouver/Seoul-style VMM keeps guest-physical memory 1:1 from address 0, so a program linked below the end of guest RAM puts its own image inside the guest's memory; the lowest legal link address aligned to 4 KiB is 0x2000000 [reserved-overlap]
[vaslint] result: failed (1 error(s), 0 warning(s) in 1 program(s); layout genode-hw-x86_64)
exit 2

# Without a kernel there is no layout to name: exit 2, and what to set.
$ make -s -f "$ROOT/samples/genode-build/vaslint.mk" -C gbuild 2>&1 | grep -v '^make'; echo "exit ${PIPESTATUS[0]}"
[vaslint] result: failed (no layout for KERNEL='' BOARD='pc' SPECS='x86_64': set VASLINT_LAYOUT)
exit 2

# A kernel vaslint has no layout for: vaslint's exit 2 fails the check.
$ make -s -f "$ROOT/samples/genode-build/vaslint.mk" -C gbuild KERNEL=okl4 2>&1 | grep -v '^make'; echo "exit ${PIPESTATUS[0]}"
[vaslint] checking 2 program(s) against layout genode-okl4-x86_64
[vaslint] vaslint: error: no such layout 'genode-okl4-x86_64' (run 'vaslint layouts' for the list; a path to a .yaml file works too)
[vaslint] result: failed (vaslint could not check: exit 2; layout genode-okl4-x86_64)
exit 2

# VASLINT_LAYOUT names one outright.
$ make -s -f "$ROOT/samples/genode-build/vaslint.mk" -C gbuild VASLINT_LAYOUT=genode-nova-x86_64-2012 VASLINT_PROGRAMS=bin/test-hello; echo "exit $?"
[vaslint] checking 1 program(s) against layout genode-nova-x86_64-2012
[vaslint] bin/test-hello: warning: region guest-shadow of layout genode-nova-x86_64-2012 is empty because GUEST_RAM was not given, so nothing was checked against it: give -D GUEST_RAM=SIZE, or -D GUEST_RAM=0 if there is none [parameter-not-given]
[vaslint] result: ok (0 error(s), 1 warning(s) in 1 program(s); layout genode-nova-x86_64-2012)
exit 0
