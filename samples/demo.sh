#!/usr/bin/env bash
# The main job, end to end, on the reference VMM (samples/vmm): linked at the
# toolchain's default address it sits inside its own 256 MiB guest shadow;
# vaslint says so, the VMM really dies at start-up, vaslint fix and plan
# give the linker script and layout it is relinked with, and the fixed VMM
# runs its guests: on KVM where /dev/kvm works, otherwise on the software
# vCPU (Unicorn), with guest-physical memory mapped on demand in the chunks
# vaslint plan predicts.
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

step "built by scons: vaslint, the VMM at the toolchain's default address ($vmm/vmm-default), its guests ($vmm/guest.elf, $vmm/fill.elf)"
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
	"$vmm"/{main,guestmem,loader,physmap,selfcheck,vcpu,vcpu_kvm,vcpu_soft}.o -lelf -lunicorn

step "vaslint check on the relinked VMM: clean"
expect 0 "$vaslint" check "${L[@]}" "$out/vmm"

step "the address space as vaslint sees it (and as a picture: $out/vmm.svg)"
expect 0 "$vaslint" map "${L[@]}" "$out/vmm"
"$vaslint" map "${L[@]}" -f svg -o "$out/vmm.svg" "$out/vmm"

step "run the fixed VMM: it maps the backing store once at the shadow, loads the guest through it and runs it on KVM where /dev/kvm works, otherwise on the software vCPU (Unicorn)"
expect 0 "$out/vmm" "$vmm/guest.elf"

step "the 32-bit guest fills its 64 MiB: its guest-physical memory starts unmapped, and each fault maps the 2 MiB chunk around it"
expect 0 "$out/vmm" --guest-ram=64M --backing=memfd "$vmm/fill.elf"

step "vaslint plan predicts those mappings (the flexpages of guest RAM, capped at the chunk), and 512 times as many with the backing store 4 KiB off"
for off in 0 4K; do
	expect 0 "$vaslint" plan -L samples/vmm/guest-physical.yaml -D GUEST_RAM=64M -D CHUNK=2M \
		-D BACKING_OFFSET=$off --requests samples/vmm/guest-ram.yaml
done

step "the same guest with the backing store 4 KiB off: chunks must be aligned in both, so every chunk is 4 KiB"
expect 0 "$out/vmm" --guest-ram=64M --backing-offset=4K "$vmm/fill.elf"

step "the same finding as SARIF for GitHub code scanning: $out/vmm-default.sarif"
"$vaslint" check "${L[@]}" -f sarif -o "$out/vmm-default.sarif" "$vmm/vmm-default" || true
echo "demo: done"
