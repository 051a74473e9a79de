#!/usr/bin/env bash
# The main job, end to end, on the reference VMM (samples/vmm): linked at the
# toolchain's default address it sits inside its own 256 MiB guest shadow;
# vaslint says so, the VMM really dies at start-up, vaslint fix and plan
# give the linker script and layout it is relinked with, and the fixed VMM
# runs its guest (or, without /dev/kvm, loads it and says why it stops).
# `./run demo` builds everything first (scons, GUEST_RAM=256M).
set -euo pipefail
exec 2>&1 # one stream, so messages stay next to the step that printed them
cd "$(dirname "$0")/.."
vaslint=build/vaslint
vmm=build/vmm
out=build/demo
ram=256M
L=(-L linux-x86_64 -D GUEST_RAM=$ram)
rm -rf "$out" && mkdir -p "$out"

step() { printf '\n== %s\n' "$*"; }
show() { printf '$ %s\n' "$*"; }
# run a command, print its exit status, and insist on the expected one
expect() { # status command...
	local want=$1 rc=0
	shift
	show "$@"
	"$@" || rc=$?
	echo "[exit $rc]"
	if [ "$rc" -ne "$want" ]; then
		echo "demo: expected exit $want" >&2
		exit 1
	fi
}

step "built by scons: vaslint, the VMM at the toolchain's default address ($vmm/vmm-default), its guest ($vmm/guest.elf)"
readelf -lW "$vmm/vmm-default" | awk '$1 == "LOAD" { a = a " " $3 } END { print "  vmm-default PT_LOAD segments at" a }'

step "vaslint check: the default link address 0x400000 lies inside the guest shadow [SHADOW_BASE, SHADOW_BASE + $ram)"
expect 1 "$vaslint" check "${L[@]}" "$vmm/vmm-default"

step "run it: the VMM finds its own image in the shadow and refuses to start"
expect 3 "$vmm/vmm-default" "$vmm/guest.elf"

step "without its self-check the kernel says the same: MAP_FIXED_NOREPLACE finds the range taken"
expect 3 "$vmm/vmm-default" --no-self-check "$vmm/guest.elf"

step "vaslint fix: the toolchain's default linker script, with the image moved to the lowest legal address"
expect 0 "$vaslint" fix "${L[@]}" --from-default --image "$vmm/vmm-default" -o "$out/vmm.ld"
grep -n 'SEGMENT_START("text-segment"' "$out/vmm.ld" | head -1

step "vaslint plan: the layout the VMM is compiled with (scons writes it as $vmm/vmm_layout.h)"
expect 0 "$vaslint" plan "${L[@]}" --image "$vmm/vmm-default"
"$vaslint" plan "${L[@]}" -f header -o "$out/vmm_layout.h"
grep '^#define' "$out/vmm_layout.h"

step "relink the VMM with the fixed script"
expect 0 gcc -no-pie -Wl,-T,"$out/vmm.ld" -o "$out/vmm" \
	"$vmm"/main.o "$vmm"/guestmem.o "$vmm"/loader.o "$vmm"/selfcheck.o "$vmm"/vcpu.o -lelf

step "vaslint check on the relinked VMM: clean"
expect 0 "$vaslint" check "${L[@]}" "$out/vmm"

step "the address space as vaslint sees it (and as a picture: $out/vmm.svg)"
expect 0 "$vaslint" map "${L[@]}" "$out/vmm"
"$vaslint" map "${L[@]}" -f svg -o "$out/vmm.svg" "$out/vmm"

step "run the fixed VMM: it reserves the shadow, loads the guest through it on demand, and runs it"
rc=0
show "$out/vmm" "$vmm/guest.elf"
"$out/vmm" "$vmm/guest.elf" || rc=$?
echo "[exit $rc]"
case $rc in
0) echo "demo: the guest ran on KVM and halted" ;;
77) echo "demo: no usable /dev/kvm on this machine: the VMM started, loaded the guest and stopped before its vCPU (exit 77)" ;;
*)
	echo "demo: the fixed VMM failed (exit $rc)" >&2
	exit 1
	;;
esac

step "the same finding as SARIF for GitHub code scanning: $out/vmm-default.sarif"
"$vaslint" check "${L[@]}" -f sarif -o "$out/vmm-default.sarif" "$vmm/vmm-default" || true
echo "demo: done"
