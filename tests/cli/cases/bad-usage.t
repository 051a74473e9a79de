# Usage errors: one line on stderr, exit 2.
# limits: 2 s, 256 MiB
$ vaslint
usage: vaslint COMMAND [OPTION]... [INPUT]...

vaslint finds link addresses that sit where the platform keeps
something else (a VMM's guest shadow, the thread context area,
the end of user space) before the program runs.

Commands:
  check     check ELF images and linker scripts against a layout
  fix       move a linker script's image to a legal place
  plan      place image, regions and requests at low mapping cost
  map       print every address range vaslint evaluated
  layouts   list the shipped platform layouts, or show one
  explain   say what a rule means, why, and how to fix it

'vaslint COMMAND --help' tells more about each; 'vaslint --version'
prints the version.
Exit status: 0 clean, 1 errors found, 2 the run could not be done.
[exit 2]

$ vaslint frobnicate
vaslint: error: unknown command 'frobnicate' (see 'vaslint --help')
[exit 2]

$ vaslint check
vaslint: error: check: no input given (see 'vaslint check --help')
[exit 2]

$ vaslint check --frobnicate vmm32-0x6000000
vaslint: error: check: unknown option '--frobnicate' (see 'vaslint check --help')
[exit 2]

$ vaslint check -L
vaslint: error: check: option -L needs a value
[exit 2]

$ vaslint check -f xml vmm32-0x6000000
vaslint: error: -f xml: unknown format (use text, json or sarif)
[exit 2]

$ vaslint check -L no-such-layout vmm32-0x6000000
vaslint: error: no such layout 'no-such-layout' (run 'vaslint layouts' for the list; a path to a .yaml file works too)
[exit 2]

$ vaslint check -D GUEST_RAM=1M vmm32-0x6000000
vaslint: error: -D GUEST_RAM=1M needs a layout: give -L NAME
[exit 2]

$ vaslint check -L genode-nova-x86_32 -D GUEST_RAM vmm32-0x6000000
vaslint: error: -D GUEST_RAM: expected NAME=VALUE
[exit 2]

$ vaslint check -L genode-nova-x86_32 -D =1M vmm32-0x6000000
vaslint: error: -D =1M: '' is not a parameter name
[exit 2]

$ vaslint check -L genode-nova-x86_32 -D 'GUEST_RAM=' vmm32-0x6000000
vaslint: error: -D GUEST_RAM=: the value is empty
[exit 2]

$ vaslint check -L genode-nova-x86_32 -D GUEST_RAM=lots vmm32-0x6000000
vaslint: error: -D GUEST_RAM=lots: unknown parameter 'lots'
[exit 2]

$ vaslint check -L genode-nova-x86_32 -D 'GUEST_RAM=256M +' vmm32-0x6000000
vaslint: error: -D GUEST_RAM=256M +: unexpected end of expression, expected a number, a name or '('
[exit 2]

$ vaslint check -L genode-nova-x86_32 -D GUEST_RAM=0xffffffffffffffffff vmm32-0x6000000
vaslint: error: -D GUEST_RAM=0xffffffffffffffffff: number does not fit in 64 bits
[exit 2]

$ vaslint check -L genode-nova-x86_32 -D GUEST_RAM=1G*1G*1G vmm32-0x6000000
vaslint: error: -D GUEST_RAM=1G*1G*1G: overflow in 0x1000000000000000 * 0x40000000 (does not fit in 64 bits)
[exit 2]

$ vaslint check -L genode-nova-x86_32 -D SHADOW_BASE=2M vmm32-0x6000000
vaslint: error: -D SHADOW_BASE: layout genode-nova-x86_32 has no such parameter (it has: GUEST_RAM)
[exit 2]

# Parameters that make regions overlap make a layout that cannot be: the
# message names the -D value, the user's input.
$ vaslint check -L genode-nova-x86_32 -D GUEST_RAM=2G vmm32-0x6000000
vaslint: error: -D GUEST_RAM=0x80000000: out of range for layout genode-nova-x86_32: region guest-shadow would be [0x0, 0x80000000) and overlap region stack-area [0x40000000, 0x50000000)
[exit 2]

$ vaslint check -L linux-x86_64 -D SHADOW_BASE=0xfffffffffff00000 -D GUEST_RAM=2M vmm64-default
$ROOT/layouts/linux-x86_64.yaml:46:11: error: region guest-shadow: start 0xfffffffffff00000 + size 0x200000 overflows 64 bits
[exit 2]

$ vaslint explain no-such-rule
vaslint: error: explain: no rule 'no-such-rule' (run 'vaslint explain' for the list)
[exit 2]

$ vaslint layouts no-such-layout
vaslint: error: no such layout 'no-such-layout' (run 'vaslint layouts' for the list; a path to a .yaml file works too)
[exit 2]

# Messages name the word the user typed, and near misses get a "did you
# mean" (issue 18): an option, a layout, a rule.
$ vaslint check -L genode-nova-x86_32 -Werror vmm32-0x6000000
vaslint: error: check: unknown option '-Werror'; did you mean '--werror'? (see 'vaslint check --help')
[exit 2]
$ vaslint check --one-spcae vmm32-0x6000000
vaslint: error: check: unknown option '--one-spcae'; did you mean '--one-space'? (see 'vaslint check --help')
[exit 2]
$ vaslint check vmm32-0x6000000 -L
vaslint: error: check: option -L needs a value
[exit 2]
$ vaslint layouts genode-nova-x86-32
vaslint: error: no such layout 'genode-nova-x86-32'; did you mean 'genode-nova-x86_32'? (run 'vaslint layouts' for the list; a path to a .yaml file works too)
[exit 2]
$ vaslint explain reserved-overlaps
vaslint: error: explain: no rule 'reserved-overlaps'; did you mean 'reserved-overlap'? (run 'vaslint explain' for the list)
[exit 2]
$ vaslint plan -L genode-nova-x86_32 -f xml
vaslint: error: -f xml: unknown format (use text, json, header, ld or svg)
[exit 2]
