#include "ldscript/cpp.h"

#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* argv for the preprocessor: the compiler command cc[0, ncc) (from $CC:
 * ccopts_command made it) or cc, the fixed flags, the flags (each one
 * word already: ccopts.h), the file.  No shell: nothing in a word is
 * run. */
static char **cpp_argv(const char *path, char *const *cc, size_t ncc,
		       char *const *flags, size_t nflags, char **dotted,
		       vl_error *err)
{
	static const char *const fixed[] = {"-E", "-x", "c", "-D__ASSEMBLY__",
					    "-DLINKER_SCRIPT"};
	static char *const plain_cc[] = {(char *)"cc"};
	size_t nfixed = sizeof(fixed) / sizeof(fixed[0]), n = 0;
	char **argv;

	*dotted = NULL;
	if (!ncc) {
		cc = plain_cc;
		ncc = 1;
	}
	/* A file named -x... would be read as an option. */
	if (path[0] == '-' && !(*dotted = vl_strprintf("./%s", path))) {
		vl_fail_oom(err);
		return NULL;
	}
	if (!(argv = calloc(ncc + nfixed + nflags + 2, sizeof(*argv)))) {
		free(*dotted);
		*dotted = NULL;
		vl_fail_oom(err);
		return NULL;
	}
	for (size_t i = 0; i < ncc; i++)
		argv[n++] = cc[i];
	for (size_t i = 0; i < nfixed; i++)
		argv[n++] = (char *)fixed[i];
	for (size_t i = 0; i < nflags; i++)
		argv[n++] = flags[i];
	argv[n++] = *dotted ? *dotted : (char *)path;
	return argv;
}

static bool run_cpp(const char *path, char *const *cc, size_t ncc,
		    char *const *flags, size_t nflags, char **text, size_t *len,
		    vl_error *err)
{
	char *dotted = NULL;
	char **argv = cpp_argv(path, cc, ncc, flags, nflags, &dotted, err);
	posix_spawn_file_actions_t fa;
	int pipefd[2], status;
	pid_t pid;
	size_t cap = 1 << 16;
	bool ok = false;

	*text = NULL;
	if (!argv)
		return false;
	if (pipe(pipefd) != 0) {
		free(argv);
		free(dotted);
		return vl_fail(err, path, 0, 0,
			       "cannot run the preprocessor: %s",
			       strerror(errno));
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (rc != 0) {
		close(pipefd[0]);
		vl_fail(err, path, 0, 0, "cannot run the preprocessor %s: %s",
			argv[0], strerror(rc));
		goto out;
	}
	*text = malloc(cap);
	*len = 0;
	for (;;) {
		if (!*text)
			break;
		if (*len == cap) {
			char *t = cap < LS_MAX_FILE_BYTES
				      ? realloc(*text, cap * 2)
				      : NULL;
			if (!t)
				break;
			*text = t;
			cap *= 2;
		}
		ssize_t got = read(pipefd[0], *text + *len, cap - *len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			ok = got == 0;
			break;
		}
		*len += (size_t)got;
	}
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!ok) {
		vl_fail(err, path, 0, 0,
			"the preprocessor's output is too large or could not "
			"be read");
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		ok = vl_fail(err, path, 0, 0,
			     "the C preprocessor failed (%s -E exit %d): see "
			     "its messages above",
			     argv[0],
			     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
out:
	if (!ok) {
		free(*text);
		*text = NULL;
	}
	free(argv);
	free(dotted);
	return ok;
}

bool ls_cpp_parse(const char *path, char *const *cc, size_t ncc,
		  char *const *flags, size_t nflags, const ls_parse_opts *opts,
		  ls_script *out, vl_error *err)
{
	struct stat st;
	char *text;
	size_t len = 0;

	if (access(path, R_OK) != 0 || stat(path, &st) != 0)
		return vl_fail(err, path, 0, 0, "cannot open: %s",
			       strerror(errno));
	/* The preprocessor would block on a FIFO, or read a device forever. */
	if (!S_ISREG(st.st_mode))
		return vl_fail(err, path, 0, 0, "not a regular file");
	if (!run_cpp(path, cc, ncc, flags, nflags, &text, &len, err))
		return false;
	bool ok = ls_parse_text(path, text, len, opts, out, err);
	free(text);
	return ok;
}
