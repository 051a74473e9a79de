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
