#!/usr/bin/env bash
# The main job on a bundled sample: the July 2012 Genode/NOVA case.  A VMM
# linked at 0x6000000 works with 64 MiB of guest RAM, dies at start-up with
# 256 MiB, and vaslint says why and where to link it instead.
set -euo pipefail
cd "$(dirname "$0")/.."
vaslint=build/vaslint
out=build/demo
mkdir -p "$out"
layout=genode-nova-x86_32-2012

step() { printf '\n== %s\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

step "link the sample VMM (samples/vmm32) at 0x6000000, as in the 2012 report"
as --32 -o "$out/vmm.o" samples/vmm32/vmm.s
run ld -m elf_i386 -Ttext-segment=0x6000000 -o "$out/vmm" "$out/vmm.o"

step "check it with 64 MiB of guest RAM: clean, exit 0"
run "$vaslint" check -L "$layout" -D GUEST_RAM=64M "$out/vmm"
echo "exit $?"

step "check it with 256 MiB of guest RAM: the VMM sits inside the guest shadow, exit 1"
set +e
run "$vaslint" check -L "$layout" -D GUEST_RAM=256M "$out/vmm"
status=$?
set -e
echo "exit $status"
[ "$status" -eq 1 ] || { echo "demo: expected exit 1" >&2; exit 1; }

step "what the finding means"
run "$vaslint" explain reserved-overlap

step "the address space as vaslint sees it"
run "$vaslint" map -L "$layout" -D GUEST_RAM=256M "$out/vmm"

step "relink at the address vaslint names and check again: clean"
addr=$({ "$vaslint" check -L "$layout" -D GUEST_RAM=256M -f json "$out/vmm" || true; } |
	sed -n 's/.*lowest legal link address aligned to [^ ]* [^ ]* is \(0x[0-9a-f]*\).*/\1/p' | head -1)
echo "vaslint suggests $addr"
run ld -m elf_i386 -Ttext-segment="$addr" -o "$out/vmm-fixed" "$out/vmm.o"
run "$vaslint" check -L "$layout" -D GUEST_RAM=256M "$out/vmm-fixed"
echo "exit $?"

step "the other addresses tried in 2012: 0x47000000 (context area) and 0xb0000000 (outside the 2 GiB space)"
for bad in 0x47000000 0xb0000000; do
	ld -m elf_i386 -Ttext-segment=$bad -o "$out/vmm-$bad" "$out/vmm.o"
	"$vaslint" check -L "$layout" -D GUEST_RAM=256M "$out/vmm-$bad" || true
done

step "the VMM's linker script: checked, fixed with a one-line edit, relinked"
cp tests/fixtures/scripts/vmm-low.ld "$out/vmm.ld"
run "$vaslint" check -L "$layout" -D GUEST_RAM=256M --image "$out/vmm.o" "$out/vmm.ld" || true
run "$vaslint" fix -L "$layout" -D GUEST_RAM=256M --image "$out/vmm.o" -i "$out/vmm.ld"
run ld -m elf_i386 -T "$out/vmm.ld" -o "$out/vmm-script" "$out/vmm.o"
run "$vaslint" check -L "$layout" -D GUEST_RAM=256M "$out/vmm-script"
echo "exit $?"

step "plan the VMM's dataspaces naturally aligned, and draw the address space: $out/plan.svg"
run "$vaslint" plan -L genode-nova-x86_32 -D GUEST_RAM=256M --requests samples/requests/vmm-dataspaces.yaml
"$vaslint" plan -L genode-nova-x86_32 -D GUEST_RAM=256M --requests samples/requests/vmm-dataspaces.yaml -f svg -o "$out/plan.svg"

step "the same findings as SARIF for GitHub code scanning: $out/vmm.sarif"
"$vaslint" check -L "$layout" -D GUEST_RAM=256M -f sarif -o "$out/vmm.sarif" "$out/vmm" || true
echo "demo: done"
