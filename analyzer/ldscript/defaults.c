#include "ldscript/defaults.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

const char *ls_emulation_for(uint16_t machine)
{
	switch (machine) {
	case EM_386:
		return "elf_i386";
	case EM_AARCH64:
		return "aarch64linux";
	case EM_ARM:
		return "armelf_linux_eabi";
	case EM_RISCV:
		return "elf64lriscv";
	default:
		return "elf_x86_64";
	}
}

/* The cross linker Debian names for a machine the host's ld (x86) does
 * not link for; NULL for x86. */
static const char *cross_ld_for(uint16_t machine)
{
	switch (machine) {
	case EM_AARCH64:
		return "aarch64-linux-gnu-ld";
	case EM_ARM:
		return "arm-linux-gnueabihf-ld";
	case EM_RISCV:
		return "riscv64-linux-gnu-ld";
	default:
		return NULL;
	}
}

/* Start `ld -m emulation --verbose` with its stdout on a pipe and its
 * stderr on /dev/null; the read end in *fd.  ENOENT when ld is not on
 * PATH (the caller tries the next). */
static int spawn_ld(const char *ld, const char *emulation, int separate_code,
		    pid_t *pid, int *fd, vl_error *err)
{
	/* -z separate-code or noseparate-code changes the script ld prints. */
	char *argv[] = {(char *)ld, "-m", (char *)emulation, "--verbose",
			separate_code ? "-z" : NULL,
			separate_code > 0 ? "separate-code" : "noseparate-code",
			NULL};
	posix_spawn_file_actions_t fa;
	int p[2], rc;

	if (pipe2(p, O_CLOEXEC) < 0) {
		vl_fail(err, NULL, 0, 0, "cannot run %s --verbose: %s", ld,
			strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], STDOUT_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null",
					 O_WRONLY, 0);
	rc = posix_spawnp(pid, ld, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (rc != 0) {
		close(p[0]);
		if (rc != ENOENT)
			vl_fail(err, NULL, 0, 0, "cannot run %s --verbose: %s",
				ld, strerror(rc));
		return rc;
	}
	*fd = p[0];
	return 0;
}

/* The lines between the first two lines of '=' of f. */
static char *between_rules(FILE *f, size_t *len)
{
	char *line = NULL, *text = NULL;
	size_t cap = 0, n = 0, tcap = 0;
	bool inside = false;

	while (getline(&line, &cap, f) > 0) {
		if (!strncmp(line, "=====", 5)) {
			if (inside)
				break;
			inside = true;
			continue;
		}
		if (!inside)
			continue;
		size_t l = strlen(line);
		if (n + l + 1 > tcap) {
			tcap = (n + l + 1) * 2;
			char *t = realloc(text, tcap);
			if (!t) {
				free(text);
				text = NULL;
				n = 0;
				break;
			}
			text = t;
		}
		memcpy(text + n, line, l + 1);
		n += l;
	}
	free(line);
	*len = n;
	return text;
}

char *ls_default_script(uint16_t machine, char *const *ld_cmd, size_t nld,
			int separate_code, size_t *len, vl_error *err)
{
	/* The command's own -m EMULATION (ccopts_command keeps it as two
	 * words after the program) replaces the machine's. */
	const char *emulation = nld == 3 && !strcmp(ld_cmd[1], "-m")
				    ? ld_cmd[2]
				    : ls_emulation_for(machine);
	/* The linker named, alone; else the cross ld, then ld. */
	const char *cross = nld ? NULL : cross_ld_for(machine);
	const char *ld = nld ? ld_cmd[0] : cross ? cross : "ld";
	pid_t pid = 0;
	int fd = -1, status = 0, rc;
	char *text = NULL;

	rc = spawn_ld(ld, emulation, separate_code, &pid, &fd, err);
	if (rc == ENOENT && cross)
		rc = spawn_ld(ld = "ld", emulation, separate_code, &pid, &fd,
			      err);
	if (rc == ENOENT)
		vl_fail(err, NULL, 0, 0, "cannot run %s --verbose: %s", ld,
			strerror(rc));
	if (rc != 0)
		return NULL;
	FILE *f = fdopen(fd, "r");
	if (f) {
		text = between_rules(f, len);
		fclose(f);
	} else {
		close(fd);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!text || !*len || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		free(text);
		vl_fail(err, NULL, 0, 0,
			"%s -m %s --verbose printed no default script (is GNU "
			"ld installed for this machine? set $LD to the linker "
			"of the build)",
			ld, emulation);
		return NULL;
	}
	return text;
}

char *ls_default_annotate(const char *text)
{
	static const char note[] =
	    "/* vaslint: allow lld-portability -- GNU ld's default script: "
	    "the base is written here, so lld, which takes SEGMENT_START's "
	    "default, puts the image at the same place (the sections before "
	    "the first page boundary follow lld's own SIZEOF_HEADERS) */\n";
	size_t lines = 1, len = strlen(text);

	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	char *out = malloc(len + lines * sizeof(note) + 1), *w = out;
	if (!out)
		return NULL;
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
		if (memmem(p, n, "SEGMENT_START", 13)) {
			size_t indent = strspn(p, " \t");
			memcpy(w, p, indent < n ? indent : 0);
			w += indent < n ? indent : 0;
			memcpy(w, note, sizeof(note) - 1);
			w += sizeof(note) - 1;
		}
		memcpy(w, p, n);
		w += n;
		p += n;
	}
	*w = '\0';
	return out;
}
