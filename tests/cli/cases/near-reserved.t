# near-reserved, a rule added as one function and one row of the check
# table: it applies to images, scripts and requests alike.  The guest shadow
# of linux-x86_64 starts at SHADOW_BASE; moved to 6 MiB it starts inside
# the 1 GiB page that holds whatever ends below it.
$ vaslint check -L linux-x86_64 -D GUEST_RAM=256M -D SHADOW_BASE=6M vmm64-default
vmm64-default: warning: segments 0 (R--), 1 (R-X), 2 (RW-) [0x400000, 0x415000) end 1964 KiB below guest-shadow [0x600000, 0x10600000), inside the same 1 GiB page: it cannot grow, and that page cannot be mapped large [near-reserved]

# A script's image, at the expression that sets its base.
$ printf 'SECTIONS {\n  . = 0x400000;\n  .text : { BYTE(1) }\n}\n' > near.ld; vaslint check -L linux-x86_64 -D GUEST_RAM=256M -D SHADOW_BASE=6M near.ld
near.ld:2:7: warning: image near.ld [0x400000, 0x400001) ends ~2.0 MiB below guest-shadow [0x600000, 0x10600000), inside the same 1 GiB page: it cannot grow, and that page cannot be mapped large [near-reserved]

# A section placed by an address of its own, not from the base.
$ printf 'SECTIONS {\n  . = 0x400000;\n  .text : { BYTE(1) }\n  .late 0x5ff000 : { LONG(0) }\n}\n' > near2.ld; vaslint check -L linux-x86_64 -D GUEST_RAM=256M -D SHADOW_BASE=6M near2.ld
near2.ld:2:7: warning: image near2.ld [0x400000, 0x5ff004) ends 4092 bytes below guest-shadow [0x600000, 0x10600000), inside the same 1 GiB page: it cannot grow, and that page cannot be mapped large [near-reserved]
near2.ld:4:9: warning: section .late [0x5ff000, 0x5ff004) ends 4092 bytes below guest-shadow [0x600000, 0x10600000), inside the same 1 GiB page: it cannot grow, and that page cannot be mapped large [near-reserved]

# A request that ends where the region starts, and one a large page away.
$ printf 'requests:\n  - name: ring\n    size: 1M\n    at: 5M\n  - name: far\n    size: 1M\n    at: 0x3ff00000\n' > near.yaml; vaslint check -L linux-x86_64 -D GUEST_RAM=256M -D SHADOW_BASE=6M --requests near.yaml
near.yaml:2:5: warning: request ring [0x500000, 0x600000) ends where guest-shadow [0x600000, 0x10600000) starts, inside the same 1 GiB page: it cannot grow, and that page cannot be mapped large [near-reserved]
[exit 0]

# The rule is explained like every other one.
$ vaslint explain near-reserved | head -1
near-reserved (warning): an address range ends just below a reserved region

# Where the region starts on a large-page boundary nothing shares its page:
# a program at 4 MiB on NOVA x86_64 ends far inside the 1 GiB page below
# the stack area, which starts at 1 GiB, and no warning is given.
$ vaslint check -L genode-nova-x86_64 vmm64-default; echo "exit $?"
exit 0
