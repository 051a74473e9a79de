#include "ldscript/cpp.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
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

/* Append word to a growing space-separated string. */
static bool append_word(char **out, size_t *len, const char *prefix,
			const char *word)
{
	size_t add = strlen(prefix) + strlen(word) + 2;
	char *s = realloc(*out, *len + add);

	if (!s)
		return false;
	*out = s;
	*len +=
	    (size_t)sprintf(s + *len, "%s%s%s", *len ? " " : "", prefix, word);
	return true;
}

static bool takes_path(const char *flag)
{
	return !strcmp(flag, "-I") || !strcmp(flag, "-include") ||
	       !strcmp(flag, "-isystem") || !strcmp(flag, "-iquote");
}

/* The include path of -I/-isystem/-iquote/-include, made absolute. */
static bool append_path(char **out, size_t *len, const char *flag,
			const char *path, const char *dir)
{
	char *abs = NULL;
	bool ok;

	if (path[0] != '/' && dir) {
		if (!(abs = vl_strprintf("%s/%s", dir, path)))
			return false;
		path = abs;
	}
	if (!strcmp(flag, "-I"))
		ok = append_word(out, len, "-I", path);
	else
		ok = append_word(out, len, flag, "") &&
		     append_word(out, len, "", path);
	free(abs);
	return ok;
}

static bool flags_of(json_t *args, const char *dir, char **out, size_t *len)
{
	size_t n = json_array_size(args);

	for (size_t i = 0; i < n; i++) {
		const char *a = json_string_value(json_array_get(args, i));
		if (!a)
			continue;
		if (takes_path(a) && i + 1 < n) {
			const char *v =
			    json_string_value(json_array_get(args, ++i));
			if (v && !append_path(out, len, a, v, dir))
				return false;
		} else if (!strncmp(a, "-I", 2)) {
			if (!append_path(out, len, "-I", a + 2, dir))
				return false;
		} else if ((!strcmp(a, "-D") || !strcmp(a, "-U")) &&
			   i + 1 < n) {
			const char *v =
			    json_string_value(json_array_get(args, ++i));
			if (v && !append_word(out, len, a, v))
				return false;
		} else if (!strncmp(a, "-D", 2) || !strncmp(a, "-U", 2)) {
			if (!append_word(out, len, "", a))
				return false;
		}
	}
	return true;
}

/* "command" strings are split at white space, as a shell would without
 * quotes; entries that need quoting should use "arguments". */
static json_t *split_command(const char *cmd)
{
	json_t *args = json_array();
	char *copy = strdup(cmd);

	if (!args || !copy) {
		json_decref(args);
		free(copy);
		return NULL;
	}
	for (char *w = strtok(copy, " \t\n"); w; w = strtok(NULL, " \t\n"))
		json_array_append_new(args, json_string(w));
	free(copy);
	return args;
}

/* The entry's file, made absolute, and whether it is the file want. */
static bool same_file(const char *d, const char *f, const char *want, bool *oom)
{
	char *file =
	    f[0] == '/' || !d ? strdup(f) : vl_strprintf("%s/%s", d, f);
	char *real = file ? realpath(file, NULL) : NULL;
	bool same = real && !strcmp(real, want);

	*oom = !file;
	free(file);
	free(real);
	return same;
}

char *ls_cpp_flags_from_db(const char *dir, const char *path, vl_error *err)
{
	json_error_t jerr;
	char *out = strdup("");
	char *db = vl_strprintf("%s/compile_commands.json", dir);
	char *want = realpath(path, NULL);
	size_t len = 0;
	bool oom = false;

	if (!want)
		want = strdup(path);
	if (!out || !db || !want) {
		vl_fail(err, db ? db : dir, 0, 0, "out of memory");
		free(out);
		free(db);
		free(want);
		return NULL;
	}
	json_t *root = json_load_file(db, 0, &jerr);
	if (!root || !json_is_array(root)) {
		json_decref(root);
		free(out);
		vl_fail(err, db, root ? 0 : (unsigned)jerr.line,
			root ? 0 : (unsigned)jerr.column, "%s",
			root ? "not a compilation database (expected an array)"
			     : jerr.text);
		free(db);
		free(want);
		return NULL;
	}
	for (size_t i = 0; out && !oom && i < json_array_size(root); i++) {
		json_t *e = json_array_get(root, i);
		const char *d =
		    json_string_value(json_object_get(e, "directory"));
		const char *f = json_string_value(json_object_get(e, "file"));
		if (!f || !same_file(d, f, want, &oom))
			continue;
		json_t *args = json_object_get(e, "arguments");
		json_t *owned = NULL;
		if (!json_is_array(args)) {
			const char *cmd =
			    json_string_value(json_object_get(e, "command"));
			args = owned = cmd ? split_command(cmd) : NULL;
		}
		if (args && !flags_of(args, d, &out, &len)) {
			free(out);
			out = NULL;
		}
		json_decref(owned);
		break;
	}
	json_decref(root);
	if (oom) {
		free(out);
		out = NULL;
	}
	if (!out)
		vl_fail(err, db, 0, 0, "out of memory");
	free(db);
	free(want);
	return out;
}
