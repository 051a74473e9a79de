# The three report formats of the contract, pinned by golden files.  The
# SARIF is also validated against the 2.1.0 schema by tests/run-all.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --one-space -f json vmm32-0x6000000 vmm32-0x80000000 dyn32-0x30000000 incongruent | sed "s|\"$BUILD_VERSION\"|\"\$BUILD_VERSION\"|" | diff -u "$GOLDEN/check-2012.json" -

$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --one-space -f sarif vmm32-0x6000000 vmm32-0x80000000 dyn32-0x30000000 incongruent | sed -e "s|$ROOT|\$ROOT|g" -e "s|\"$BUILD_VERSION\"|\"\$BUILD_VERSION\"|" | diff -u "$GOLDEN/check-2012.sarif" -

$ vaslint check -L genode-nova-x86_32 -f text dyn32-0x30000000 | diff -u "$GOLDEN/check-dyn.txt" -

# A clean run is an empty list, not an absent one.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=0 -f json vmm64-0x40000000
{
  "tool": "vaslint",
  "version": "$BUILD_VERSION",
  "layout": "linux-x86_64",
  "params": {
    "GUEST_RAM": "0x0",
    "SHADOW_BASE": "0x200000"
  },
  "diagnostics": []
}

$ vaslint map -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -f json vmm32-0x6000000 | sed "s|$ROOT|\$ROOT|g" | diff -u "$GOLDEN/map-2012.json" -

# -o writes the report to a file and prints nothing; the exit status still
# tells the result.
$ rm -f out.json; vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -f json -o out.json vmm32-0x6000000; echo "exit $?"; python3 -c 'import json; d = json.load(open("out.json")); print(len(d["diagnostics"]), d["diagnostics"][0]["region"]["name"])'
exit 1
1 guest-shadow

# In SARIF a finding about an image sits at the layout line that reserved
# the region (GitHub shows results only at a line) when the layout is the
# user's file, given by path, relative to the working directory where it
# lies below it; the image is a related location.
$ cd "$ROOT" && vaslint check -L layouts/genode-nova-x86_32-2012.yaml -D GUEST_RAM=256M -f sarif build/fixtures/vmm32-0x6000000 | python3 -c 'import json, sys; r = json.load(sys.stdin)["runs"][0]["results"][0]; p = r["locations"][0]["physicalLocation"]; print(p["artifactLocation"]["uri"], p["region"]["startLine"], r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"])'
layouts/genode-nova-x86_32-2012.yaml 23 build/fixtures/vmm32-0x6000000

# A layout vaslint ships (-L NAME) is not in the user's repository: there
# the image is the location and the layout's line the related one.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -f sarif vmm32-0x6000000 | python3 -c 'import json, sys; r = json.load(sys.stdin)["runs"][0]["results"][0]; p = r["locations"][0]["physicalLocation"]; q = r["relatedLocations"][0]["physicalLocation"]; print(p["artifactLocation"]["uri"], "region" in p, q["artifactLocation"]["uri"].rsplit("/", 1)[1], q["region"]["startLine"])'
vmm32-0x6000000 False genode-nova-x86_32-2012.yaml 23
