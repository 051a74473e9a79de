# Living with a finding (issue 18): --disable/--enable, .vaslint.yaml,
# inline comments and a baseline.  A suppressed finding is not printed as
# text, does not set the exit status, is counted on stderr, and stays in
# JSON and SARIF, marked.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --disable reserved-overlap vmm32-0x6000000; echo "exit $?"
vaslint: note: 1 finding suppressed (JSON and SARIF list it)
exit 0
$ vaslint check --disable no-such-rule vmm32-0x6000000
vaslint: error: --disable no-such-rule: no such rule (see 'vaslint explain')
[exit 2]

# Inline, in a linker script: on the finding's line or the line above,
# with the reason after "--".
$ printf 'SECTIONS {\n  /* vaslint: allow reserved-overlap -- a test image, never run */\n  . = 0x6000000;\n  .text : { *(.text) }\n}\n' > allow.ld; vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image vmm32.o allow.ld; echo "exit $?"
vaslint: note: 1 finding suppressed (JSON and SARIF list it)
exit 0
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image vmm32.o -f json allow.ld 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin)["diagnostics"][0]; print(d["rule"], d["suppressed"])'
reserved-overlap {'by': 'inline', 'justification': 'a test image, never run'}
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image vmm32.o -f sarif allow.ld 2>/dev/null | python3 -c 'import json,sys; r=json.load(sys.stdin)["runs"][0]["results"][0]; print(r["ruleId"], r["suppressions"])'
reserved-overlap [{'kind': 'inSource', 'justification': 'a test image, never run'}]

# The comment names the rule: another rule's finding is still reported.
$ printf 'SECTIONS {\n  /* vaslint: allow near-reserved */\n  . = 0x6000000;\n  .text : { *(.text) }\n}\n' > other.ld; vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image vmm32.o other.ld | cut -c1-60
other.ld:3:7: error: image other.ld [0x6000000, 0x6049000) o

# In a C source, clang-tidy's way: the same call without and with it
# (the comment names one rule; the other finding stays).
$ printf '#include <sys/mman.h>\nvoid *f(void) {\n  return mmap((void *)0x40000000, 1 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);\n}\n' > lint.c; vaslint check -L genode-nova-x86_32 -j 1 lint.c 2>&1 | sed 's/: error: .*\[/: [/'
lint.c:3:10: [reserved-overlap]
lint.c:3:10: [fixed-outside-reservation]
sources: 1 file scanned, 1 request (0 with unknown values), 0 files with parse errors
$ sed 's|0);$|0); // NOLINT(vaslint-reserved-overlap)|' lint.c > nolint.c; vaslint check -L genode-nova-x86_32 -j 1 nolint.c 2>&1 | sed 's/: error: .*\[/: [/'
nolint.c:3:10: [fixed-outside-reservation]
sources: 1 file scanned, 1 request (0 with unknown values), 0 files with parse errors
vaslint: note: 1 finding suppressed (JSON and SARIF list it)

# A baseline: the findings known before (a JSON report), only new ones
# reported.  Matched by rule, file and message, not by line.
$ vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -f json -o known.json vmm32-0x6000000; vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --baseline known.json vmm32-0x6000000 vmm32-0x47000000 | cut -c1-80
vaslint: note: 1 finding suppressed (JSON and SARIF list it)
vmm32-0x47000000: error: segments 0 (R--), 1 (R-X), 2 (RW-) [0x47000000, 0x47015
$ printf '{"diagnostics": 3}' > bad-baseline.json; vaslint check --baseline bad-baseline.json vmm32-0x6000000
bad-baseline.json: error: not a baseline: no "diagnostics" list (write one with vaslint check -f json -o FILE)
[exit 2]

# .vaslint.yaml, found from the current folder up: the layout, its
# parameters (under every -D), disabled rules, rules disabled per path.
$ mkdir -p proj/sub && cp vmm32-0x6000000 vmm32-0x47000000 proj/sub/ && printf 'layout: genode-nova-x86_32-2012\nparams: {GUEST_RAM: 256M}\npaths:\n  - {path: "sub/vmm32-0x47*", disable: [reserved-overlap]}\n' > proj/.vaslint.yaml; cd proj/sub && vaslint check vmm32-0x6000000 vmm32-0x47000000 | cut -c1-80
vaslint: note: 1 finding suppressed (JSON and SARIF list it)
vmm32-0x6000000: error: segments 0 (R--), 1 (R-X), 2 (RW-) [0x6000000, 0x6015000
# A -D on the command line wins over the file's: with 64 MiB of guest RAM
# the program is clear of the shadow.
$ cd proj/sub && vaslint check -D GUEST_RAM=64M vmm32-0x6000000; echo "exit $?"
exit 0
$ cd proj/sub && vaslint check --no-config vmm32-0x6000000; echo "exit $?"
exit 0
$ printf 'disable: [reserved-overlap]\n' > proj/.vaslint.yaml; cd proj/sub && vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --enable reserved-overlap vmm32-0x6000000 | cut -c1-40
vmm32-0x6000000: error: segments 0 (R--)
$ printf 'disable: [no-such-rule]\n' > proj/.vaslint.yaml; cd proj/sub && vaslint check vmm32-0x6000000
$ROOT/build/fixtures/proj/.vaslint.yaml:1:11: error: no rule 'no-such-rule' (see 'vaslint explain')
[exit 2]
$ rm -rf proj
