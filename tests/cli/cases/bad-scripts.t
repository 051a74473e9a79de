# Malformed linker scripts: file:line:column, what was found and what was
# expected, exit 2, never a crash, and within bounds of time and memory.
# limits: 2 s, 256 MiB
$ printf 'SECTIONS {\n  /* never closed\n' > s1.ld; vaslint check s1.ld
s1.ld:2:3: error: unterminated comment: no '*/' after '/*'
[exit 2]

$ printf 'SECTIONS {\n  .text : { *(.text) }\n' > s2.ld; vaslint check s2.ld
s2.ld:3:1: error: expected '}' to close SECTIONS, found end of file
[exit 2]

$ printf 'SECTIONS {\n  .text : { *(.text) }\n}\n}\n' > s3.ld; vaslint check s3.ld
s3.ld:4:1: error: unbalanced '}': no '{' before it
[exit 2]

$ printf 'FROBNICATE(1)\n' > s4.ld; vaslint check s4.ld
s4.ld:1:1: error: not an ELF image or linker script: 'FROBNICATE' starts no linker-script command
[exit 2]

$ printf 'INCLUDE s5b.ld\n' > s5a.ld; printf 'INCLUDE s5a.ld\n' > s5b.ld; vaslint check s5a.ld
s5b.ld:1:1: error: INCLUDE cycle: s5a.ld -> s5b.ld -> s5a.ld
[exit 2]

$ printf 'INCLUDE no-such-file.ld\n' > s6.ld; vaslint check s6.ld
s6.ld:1:1: error: cannot find INCLUDE file 'no-such-file.ld'
[exit 2]

$ python3 -c 'print("SECTIONS { . = " + "(" * 10000 + "1" + ")" * 10000 + "; }")' > s7.ld; vaslint check s7.ld
s7.ld:1:272: error: expression nested more than 256 levels deep
[exit 2]

# A 10 MB line: one long name is fine, a 10 MB expression is too deep.
$ python3 -c 'print("SECTIONS { . = 0x1000; " + "x" * 10000000 + " = 1; }")' > s8.ld; vaslint check s8.ld; echo "exit $?"
exit 0

$ python3 -c 'print("SECTIONS { . = 0x1000; x = " + "1+" * 5000000 + "1; }")' > s8b.ld; vaslint check s8b.ld
s8b.ld:1:539: error: expression nested more than 256 levels deep
[exit 2]

# A hundred thousand nested braces.
$ python3 -c 'print("SECTIONS " + "{" * 100000 + "}" * 100000)' > s8c.ld; vaslint check s8c.ld
s8c.ld:1:11: error: expected an output section name, found '{'
[exit 2]

$ head -c 4096 /dev/urandom | tr -d '\000' > s9.ld; printf '\001\002\003garbage' >> s9.ld; vaslint check s9.ld > /dev/null 2>&1; echo "exit $?"
exit 2

$ printf 'SECTIONS { . = 0x1000;\0 }\n' > s10.ld; vaslint check s10.ld
s10.ld:1:23: error: NUL byte in script
[exit 2]

$ printf 'SECTIONS { .text : { *(.text) } > nowhere }\n' > s11.ld; vaslint check s11.ld
s11.ld:1:1: warning: the script sets no base address: GNU ld and lld both start the image at 0 (set it with '. = ADDRESS;' before the first section, or link with -Ttext=ADDRESS) [implicit-base]
s11.ld:1:12: note: 1 value could not be determined (size of .text): depends on input section sizes (give --image) [undetermined]
s11.ld:1:35: error: section .text: no memory region 'nowhere' [script-error]
[exit 1]

$ printf 'SECTIONS { . = ADDR(.nothing); }\n' > s12.ld; vaslint check s12.ld
s12.ld:1:16: error: ADDR of '.nothing': no such output section [script-error]
[exit 1]

$ printf 'SECTIONS { . = "unterminated; }\n' > s13.ld; vaslint check s13.ld
s13.ld:1:16: error: unterminated string: no closing '"'
[exit 2]

# GNU ld's lexer keeps a comma that follows an unquoted name in the name:
# ld 2.40 says "syntax error" for these two and "target a,b,c not found"
# for OUTPUT_FORMAT(a,b,c).
$ printf 'OUTPUT_FORMAT(elf64-x86-64, elf64-x86-64, elf64-x86-64)\nSECTIONS { . = 0x10000; }\n' > comma1.ld; vaslint check comma1.ld
comma1.ld:1:15: error: GNU ld reads 'elf64-x86-64,' with its comma as one name and refuses OUTPUT_FORMAT(...): quote the names ("elf64-x86-64") or put a blank before the comma
[exit 2]

$ printf 'MEMORY { ram : ORIGIN = 0x10000, LENGTH = 64K }\nREGION_ALIAS(rom, ram)\n' > comma2.ld; vaslint check comma2.ld
comma2.ld:2:14: error: GNU ld reads 'rom,' with its comma as one name and refuses REGION_ALIAS(...): quote the names ("rom") or put a blank before the comma
[exit 2]

# Quoted, or with a blank before each comma, both linkers take them.
$ printf 'OUTPUT_FORMAT("elf64-x86-64", "elf64-x86-64", "elf64-x86-64")\nOUTPUT_FORMAT(elf64-x86-64 , elf64-x86-64 , elf64-x86-64)\nMEMORY { ram : ORIGIN = 0x10000, LENGTH = 64K }\nREGION_ALIAS("rom", ram)\nSECTIONS { . = 0x10000; .text : { BYTE(0) } > rom }\n' > comma3.ld; vaslint check comma3.ld
