# The plan's C header and linker-script fragment name every placement in
# full, however long its name (here 300 characters): a name is never cut
# to fit a buffer.  A leading digit gets a '_' before it.
$ printf 'requests:\n  - {name: %s, size: 4M}\n  - {name: 2nd, size: 8K}\n' "$(printf 'x%.0s' $(seq 300))" > long.yaml; for f in header ld; do vaslint plan -L genode-nova-x86_32 -D GUEST_RAM=256M --requests long.yaml -f $f > long.$f; done; sed -n 's/^#define \(X*\)_START .*/\1/p' long.header | tr -d '\n' | wc -c; sed -n 's/^\(X*\)_SIZE = .*/\1/p' long.ld | tr -d '\n' | wc -c; grep '_2ND_' long.header long.ld
300
300
long.header:#define _2ND_START 0x10400000ULL
long.header:#define _2ND_SIZE 0x2000ULL
long.ld:_2ND_START = 0x10400000;
long.ld:_2ND_SIZE = 0x2000;

# Names become identifiers lossily: ok-name and ok_name are both OK_NAME.
# Two names that give one symbol are an input error naming both, found
# before anything is written (-o leaves no file).
$ printf 'requests:\n  - {name: ok-name, size: 4M}\n  - {name: ok_name, size: 8K}\n' > twins.yaml; rm -f twins.h; vaslint plan -L genode-nova-x86_32 --requests twins.yaml -f header -o twins.h; echo "exit $?"; ls twins.h
twins.yaml:3:5: error: OK_NAME_START would be defined twice in the C header: by request 'ok-name' (twins.yaml:2:5) and by request 'ok_name' (twins.yaml:3:5); rename one of them
exit 2
ls: cannot access 'twins.h': No such file or directory
[exit 2]

$ vaslint plan -L genode-nova-x86_32 --requests twins.yaml -f ld
twins.yaml:3:5: error: OK_NAME_START would be defined twice in the linker-script fragment: by request 'ok-name' (twins.yaml:2:5) and by request 'ok_name' (twins.yaml:3:5); rename one of them
[exit 2]

# The table and JSON show the names as they are: no symbols, no error.
$ vaslint plan -L genode-nova-x86_32 --requests twins.yaml -f json | python3 -c 'import json,sys; print([p["name"] for p in json.load(sys.stdin)["placements"]])'
['stack-area', 'ok-name', 'ok_name']

# A request named like a layout region would override the region's
# STACK_AREA_* symbols: the error names the region and its layout line.
$ printf 'requests:\n  - {name: stack_area, size: 4M}\n' > region-twin.yaml; vaslint plan -L genode-nova-x86_32 --requests region-twin.yaml -f ld
region-twin.yaml:2:5: error: STACK_AREA_START would be defined twice in the linker-script fragment: by region 'stack-area' of layout genode-nova-x86_32 ($ROOT/layouts/genode-nova-x86_32.yaml:27:5) and by request 'stack_area' (region-twin.yaml:2:5); rename one of them
[exit 2]

# Two images would both set IMAGE_BASE in the fragment; the header has
# no IMAGE_BASE.
$ vaslint plan -L linux-x86_64 -D GUEST_RAM=256M --image vmm64-default --image vmm64-pie -f ld
vmm64-pie: error: IMAGE_BASE would be defined twice in the linker-script fragment: by image 'vmm64-default' (vmm64-default) and by image 'vmm64-pie' (vmm64-pie); give plan one image for -f ld
[exit 2]

$ vaslint plan -L linux-x86_64 -D GUEST_RAM=256M --image vmm64-default --image vmm64-pie -f header | grep -c define
9
