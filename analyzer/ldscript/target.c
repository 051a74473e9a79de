/* BFD's names for the machines vaslint knows (ld --help lists the
 * targets, ld -V the emulations; OUTPUT_ARCH takes bfd_scan_arch's
 * names). */
#include "ldscript/target.h"

#include <elf.h>
#include <string.h>

typedef struct target_name {
	const char *name;
	uint16_t machine;
	int elfclass;
} target_name;

static const target_name formats[] = {
    {"elf64-x86-64", EM_X86_64, ELFCLASS64},
    {"elf32-x86-64", EM_X86_64, ELFCLASS32}, /* x32 */
    {"elf32-i386", EM_386, ELFCLASS32},
    {"elf64-littleaarch64", EM_AARCH64, ELFCLASS64},
    {"elf64-bigaarch64", EM_AARCH64, ELFCLASS64},
    {"elf32-littleaarch64", EM_AARCH64, ELFCLASS32}, /* ILP32 */
    {"elf32-bigaarch64", EM_AARCH64, ELFCLASS32},
    {"elf32-littlearm", EM_ARM, ELFCLASS32},
    {"elf32-bigarm", EM_ARM, ELFCLASS32},
    {"elf64-littleriscv", EM_RISCV, ELFCLASS64},
    {"elf64-bigriscv", EM_RISCV, ELFCLASS64},
    {"elf32-littleriscv", EM_RISCV, ELFCLASS32},
    {"elf32-bigriscv", EM_RISCV, ELFCLASS32},
};

static const target_name archs[] = {
    {"i386:x86-64", EM_X86_64, 0},
    {"i386:x64-32", EM_X86_64, ELFCLASS32},
    {"i386", EM_386, ELFCLASS32},
    {"aarch64", EM_AARCH64, 0},
    {"aarch64:ilp32", EM_AARCH64, ELFCLASS32},
    {"arm", EM_ARM, ELFCLASS32},
    {"riscv", EM_RISCV, 0},
    {"riscv:rv64", EM_RISCV, ELFCLASS64},
    {"riscv:rv32", EM_RISCV, ELFCLASS32},
};

/* The longest name that is name or a prefix of it up to a separator:
 * BFD's variants "elf32-i386-freebsd", "i386:x86-64:intel"; ARM's
 * architectures are all "arm" something ("armv7-a"). */
static const target_name *find(const target_name *v, size_t n, const char *name,
			       char sep)
{
	const target_name *best = NULL;

	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(v[i].name);
		if (strncmp(name, v[i].name, l) != 0)
			continue;
		if (name[l] != '\0' && name[l] != sep && v[i].machine != EM_ARM)
			continue;
		if (!best || strlen(best->name) < l)
			best = &v[i];
	}
	return best;
}

size_t ls_script_targets(const ls_script *s, ls_target *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < s->ncmds && n < max; i++) {
		const ls_cmd *c = &s->cmds[i];
		bool arch;
		const target_name *t;
		if (c->kind != LS_CMD_NAMED || !c->nargs || !c->keyword)
			continue;
		if (!strcmp(c->keyword, "OUTPUT_FORMAT"))
			arch = false;
		else if (!strcmp(c->keyword, "OUTPUT_ARCH"))
			arch = true;
		else
			continue;
		t = arch ? find(archs, sizeof(archs) / sizeof(archs[0]),
				c->args[0], ':')
			 : find(formats, sizeof(formats) / sizeof(formats[0]),
				c->args[0], '-');
		if (t)
			out[n++] = (ls_target){t->machine, t->elfclass,
					       c->keyword, c->args[0], c->loc};
	}
	return n;
}
