#!/bin/sh
# Write compile_commands.json for this sample project, with relative paths
# as build systems write them.  "directory" must be absolute (a database
# with "directory": "." means nothing once read from elsewhere), so it is
# generated: ./gen-compdb.sh [OUTDIR], OUTDIR defaulting to this folder.
# The first entry uses "command" with dependency-file options (the scan
# must not write build/guest.d), the second "arguments" with a separate
# "-I include".
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
cat >"$out/compile_commands.json" <<JSON
[
  {
    "directory": "$here",
    "file": "src/guest.c",
    "command": "cc -Iinclude -DSHADOW_BASE=0x100000000 -MMD -MF build/guest.d -c src/guest.c -o build/guest.o"
  },
  {
    "directory": "$here",
    "file": "src/vcpu.c",
    "arguments": ["cc", "-I", "include", "-DVCPUS=4", "-c", "src/vcpu.c", "-o", "build/vcpu.o"]
  }
]
JSON
