# One format option for every command: -f F, -fF, --format F and
# --format=F choose the same writer from the command's table, and every
# format of every command prints something of its own.
# limits: 10 s, 512 MiB
$ "$ROOT/tests/cli/format-spellings" text json sarif -- vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M vmm32-0x6000000
text: the same under -f text, -ftext, --format text, --format=text (exit 1)
json: the same under -f json, -fjson, --format json, --format=json (exit 1)
sarif: the same under -f sarif, -fsarif, --format sarif, --format=sarif (exit 1)
3 format(s), 3 different output(s)
without the option: text

$ "$ROOT/tests/cli/format-spellings" text json svg -- vaslint map -L genode-nova-x86_32-2012 -D GUEST_RAM=256M vmm32-0x6000000
text: the same under -f text, -ftext, --format text, --format=text (exit 0)
json: the same under -f json, -fjson, --format json, --format=json (exit 0)
svg: the same under -f svg, -fsvg, --format svg, --format=svg (exit 0)
3 format(s), 3 different output(s)
without the option: text

$ "$ROOT/tests/cli/format-spellings" text json header ld svg -- vaslint plan -L linux-x86_64 -D GUEST_RAM=256M --image vmm64-default
text: the same under -f text, -ftext, --format text, --format=text (exit 0)
json: the same under -f json, -fjson, --format json, --format=json (exit 0)
header: the same under -f header, -fheader, --format header, --format=header (exit 0)
ld: the same under -f ld, -fld, --format ld, --format=ld (exit 0)
svg: the same under -f svg, -fsvg, --format svg, --format=svg (exit 0)
5 format(s), 5 different output(s)
without the option: text

$ "$ROOT/tests/cli/format-spellings" text -- vaslint fix -L genode-nova-x86_32-2012 -D GUEST_RAM=256M --image vmm32.o vmm-low.ld
text: the same under -f text, -ftext, --format text, --format=text (exit 0)
1 format(s), 1 different output(s)
without the option: text

# A format the command does not have: exit 2 and one line naming the ones
# it has, however the option was spelled.
$ vaslint check -fhtml vmm32-0x6000000
vaslint: error: -f html: unknown format (use text, json or sarif)
[exit 2]

$ vaslint map -L genode-nova-x86_32-2012 --format sarif vmm32-0x6000000
vaslint: error: -f sarif: unknown format (use text, json or svg)
[exit 2]

$ vaslint plan -L linux-x86_64 --format=sarif
vaslint: error: -f sarif: unknown format (use text, json, header, ld or svg)
[exit 2]

$ vaslint fix -L genode-nova-x86_32-2012 -f json --image vmm32.o vmm-low.ld
vaslint: error: -f json: unknown format (use text)
[exit 2]

# A format is a name, not a prefix of one.
$ vaslint plan -L linux-x86_64 -f head
vaslint: error: -f head: unknown format (use text, json, header, ld or svg)
[exit 2]

$ vaslint map -L linux-x86_64 --format
vaslint: error: map: option --format needs a value
[exit 2]
