#include "ldscript/cpp.h"

#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* argv for the preprocessor: the compiler, fixed flags, the user's flags
 * split at white space (no shell: nothing in them is run), the file. */
static char **cpp_argv(const char *path, const char *flags, char **copy)
{
	static const char *const fixed[] = {"-E", "-x", "c", "-D__ASSEMBLY__",
					    "-DLINKER_SCRIPT"};
	const char *cc = getenv("CC");
	size_t nwords = 0;

	*copy = strdup(flags ? flags : "");
	if (!*copy)
		return NULL;
	for (char *p = *copy; *p;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		nwords++;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	char **argv = calloc(nwords + 8, sizeof(*argv));
	if (!argv)
		return NULL;
	size_t n = 0;
	argv[n++] = (char *)(cc && *cc ? cc : "cc");
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		argv[n++] = (char *)fixed[i];
	for (char *p = *copy; *p;) {
		while (*p == ' ' || *p == '\t')
			*p++ = 0;
		if (!*p)
			break;
		argv[n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	argv[n++] = (char *)path;
	return argv;
}

static bool run_cpp(const char *path, const char *flags, char **text,
		    size_t *len, vl_error *err)
{
	char *copy = NULL, **argv = cpp_argv(path, flags, &copy);
	posix_spawn_file_actions_t fa;
	int pipefd[2], status;
	pid_t pid;
	size_t cap = 1 << 16;
	bool ok = false;

	*text = NULL;
	if (!argv || pipe(pipefd) != 0) {
		free(argv);
		free(copy);
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
	free(copy);
	return ok;
}

bool ls_cpp_parse(const char *path, const char *flags,
		  const ls_parse_opts *opts, ls_script *out, vl_error *err)
{
	char *text;
	size_t len = 0;

	if (access(path, R_OK) != 0)
		return vl_fail(err, path, 0, 0, "cannot open: %s",
			       strerror(errno));
	if (!run_cpp(path, flags, &text, &len, err))
		return false;
	bool ok = ls_parse_text(path, text, len, opts, out, err);
	free(text);
	return ok;
}
