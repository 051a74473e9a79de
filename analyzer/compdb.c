/* The files a source scan parses and their compile commands (compdb.h).
 * Nothing here changes the process's working directory: libclang's
 * -working-directory would (LLVM's real file system follows it with
 * chdir), which a scan with threads cannot have, so a database entry's
 * relative paths are made absolute instead. */
#include "clangapi.h"
#include "compdb.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- Small helpers ------------------------------------------------------ */

/* dir/path, or path when it is absolute already; "./" parts dropped. */
static char *join_path(const char *dir, const char *path)
{
	if (path[0] == '/' || !dir || !*dir)
		return strdup(path);
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	if (dl == 1 && dir[0] == '.')
		return strdup(path);
	return vl_strprintf("%.*s/%s", (int)dl, dir, path);
}

static char *absolute(const char *path)
{
	char *cwd, *r;

	if (path[0] == '/' || !(cwd = getcwd(NULL, 0)))
		return strdup(path);
	r = join_path(cwd, path);
	free(cwd);
	return r;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcmp(s + a - b, suffix);
}

/* The language a file is parsed as without a compile command. */
const char *compdb_language(const char *path)
{
	static const char *const cxx[] = {".cc", ".cpp", ".cxx", ".c++",
					  ".C",	 ".hh",	 ".hpp", ".hxx",
					  ".H",	 ".ipp", ".tcc"};

	for (size_t i = 0; i < sizeof(cxx) / sizeof(cxx[0]); i++)
		if (has_suffix(path, cxx[i]))
			return "c++";
	return "c";
}

static bool is_source(const char *path)
{
	return has_suffix(path, ".c") || has_suffix(path, ".h") ||
	       !strcmp(compdb_language(path), "c++");
}

/* ---- The list of files ------------------------------------------------- */

static void file_free(src_file *f)
{
	free(f->display);
	for (size_t i = 0; i < f->argc; i++)
		free(f->argv[i]);
	free(f->argv);
	free(f->note);
}

void compdb_free(src_files *l)
{
	for (size_t i = 0; i < l->n; i++) {
		file_free(&l->v[i]);
		free(l->keys[i]);
	}
	free(l->v);
	free(l->keys);
	memset(l, 0, sizeof(*l));
}

/* Add a file unless it is there already; takes display and abs. */
static src_file *list_add(src_files *l, char *display, char *abs, bool *dup)
{
	char *real = realpath(abs, NULL);
	const char *key = real ? real : abs;

	*dup = false;
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->keys[i], key)) {
			*dup = true;
			free(display);
			free(abs);
			free(real);
			return NULL;
		}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		src_file *v = realloc(l->v, cap * sizeof(*v));
		char **a = v ? realloc(l->keys, cap * sizeof(*a)) : NULL;
		if (v)
			l->v = v;
		if (!v || !a) {
			free(display);
			free(abs);
			free(real);
			return NULL;
		}
		l->keys = a;
		l->cap = cap;
	}
	char *k = real ? real : strdup(abs);
	free(abs);
	if (!k) {
		free(display);
		return NULL;
	}
	memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
	l->v[l->n].display = display;
	l->keys[l->n] = k;
	return &l->v[l->n++];
}

/* ---- Compile commands -------------------------------------------------- */

/* Options whose value is the next argument; a path among them is made
 * absolute. */
static const char *const path_opts[] = {
    "-I",
    "-isystem",
    "-iquote",
    "-idirafter",
    "-include",
    "-imacros",
    "-isysroot",
    "--sysroot",
    "-iprefix",
    "-iwithprefix",
    "-iwithprefixbefore",
    "-F",
    "-cxx-isystem",
    "-include-pch",
    "-ivfsoverlay",
    "-fmodule-map-file",
};
/* The same written together with their value (-Iinclude, --sysroot=x).
 * Not -include: -include-pch would read as -include "-pch". */
static const char *const joined_path_opts[] = {
    "--sysroot=", "-fmodule-map-file=", "-isystem",	"-iquote", "-idirafter",
    "-imacros",	  "-isysroot",		"-cxx-isystem", "-I",	   "-F",
};
static const char *const value_opts[] = {
    "-o",
    "-D",
    "-U",
    "-x",
    "-Xclang",
    "-Xpreprocessor",
    "-Xassembler",
    "-Xlinker",
    "-target",
    "-arch",
    "-u",
    "-e",
    "-T",
    "-z",
    "--param",
    "-A",
    "-L",
    "-l",
    "-B",
    "-gcc-toolchain",
    "-aux-info",
    "-MF",
    "-MT",
    "-MQ",
    "-MJ",
    "-working-directory",
    "--serialize-diagnostics",
    "-serialize-diagnostics",
};
/* Options that write files (dependency lists, serialized diagnostics) or
 * change the working directory: libclang would act on them, so they are
 * dropped. */
static const char *const dropped_opts[] = {
    "-M",
    "-MM",
    "-MD",
    "-MMD",
    "-MG",
    "-MP",
    "-MV",
    "-MF",
    "-MT",
    "-MQ",
    "-MJ",
    "-working-directory",
    "--serialize-diagnostics",
    "-serialize-diagnostics",
    "--write-dependencies",
    "--write-user-dependencies",
    "--user-dependencies",
};

static bool in_list(const char *a, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(a, list[i]))
			return true;
	return false;
}

#define IN(a, list) in_list(a, list, sizeof(list) / sizeof(list[0]))

static bool dropped_joined(const char *a)
{
	static const char *const p[] = {"-MF", "-MT",	   "-MQ",
					"-MJ", "-Wp,-MD,", "-Wp,-MMD,"};

	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++)
		if (!strncmp(a, p[i], strlen(p[i])))
			return true;
	return false;
}

typedef struct argv_buf {
	char **v;
	size_t n, cap;
	bool oom;
} argv_buf;

static void argv_push(argv_buf *b, char *s)
{
	if (!s) {
		b->oom = true;
		return;
	}
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;
		char **v = realloc(b->v, cap * sizeof(*v));
		if (!v) {
			free(s);
			b->oom = true;
			return;
		}
		b->v = v;
		b->cap = cap;
	}
	b->v[b->n++] = s;
}

/* The entry's arguments as libclang gets them: relative paths made
 * absolute against dir, file-writing options dropped. */
static bool fix_args(CXCompileCommand cmd, const char *dir, src_file *f)
{
	unsigned n = clang_CompileCommand_getNumArgs(cmd);
	argv_buf b = {0};

	for (unsigned i = 0; i < n; i++) {
		CXString s = clang_CompileCommand_getArg(cmd, i);
		CXString nx = {0};
		const char *a = clang_getCString(s);
		const char *next = NULL;
		if (i + 1 < n) {
			nx = clang_CompileCommand_getArg(cmd, i + 1);
			next = clang_getCString(nx);
		}
		if (i == 0) {
			argv_push(&b, strdup(a));
		} else if (IN(a, dropped_opts) || dropped_joined(a)) {
			if (IN(a, value_opts) && next)
				i++;
		} else if (IN(a, path_opts) && next) {
			argv_push(&b, strdup(a));
			argv_push(&b, join_path(dir, next));
			i++;
		} else if (IN(a, value_opts) && next) {
			argv_push(&b, strdup(a));
			argv_push(&b, strdup(next));
			i++;
		} else if (a[0] == '@') {
			char *p = join_path(dir, a + 1);
			argv_push(&b, p ? vl_strprintf("@%s", p) : NULL);
			free(p);
		} else if (a[0] != '-') {
			argv_push(&b, join_path(dir, a)); /* an input */
		} else {
			size_t k = 0, np = sizeof(joined_path_opts) /
					   sizeof(joined_path_opts[0]);
			for (; k < np; k++)
				if (!strncmp(a, joined_path_opts[k],
					     strlen(joined_path_opts[k])))
					break;
			const char *v =
			    k < np ? a + strlen(joined_path_opts[k]) : NULL;
			if (v && *v && *v != '/' && *v != '=') {
				char *p = join_path(dir, v);
				argv_push(&b,
					  p ? vl_strprintf("%.*s%s",
							   (int)(v - a), a, p)
					    : NULL);
				free(p);
			} else {
				argv_push(&b, strdup(a));
			}
		}
		clang_disposeString(s);
		if (next)
			clang_disposeString(nx);
	}
	f->argv = b.v;
	f->argc = b.n;
	return !b.oom && b.n > 0;
}

/* Check the database before libclang reads it: libclang prints its own
 * complaints to stderr and says only that it failed.  True when libclang
 * should read it. */
static bool db_check(const char *dir, vl_error *err)
{
	char *path = join_path(dir, "compile_commands.json");
	struct stat st;
	json_error_t jerr;
	json_t *root = NULL;
	bool ok = false;

	if (!path)
		return vl_fail(err, dir, 0, 0, "out of memory");
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		vl_fail(err, dir, 0, 0, "-p: not a folder");
	} else if (stat(path, &st) != 0) {
		vl_fail(err, dir, 0, 0,
			"-p: no compile_commands.json in this folder (CMake "
			"writes one with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, "
			"scons with env.CompilationDatabase(), other builds "
			"through bear)");
	} else if (!(root = json_load_file(path, 0, &jerr))) {
		vl_fail(err, path, (unsigned)jerr.line, (unsigned)jerr.column,
			"malformed JSON: %s", jerr.text);
	} else if (!json_is_array(root)) {
		vl_fail(err, path, 0, 0,
			"a compilation database is a list of entries");
	} else {
		ok = true;
		for (size_t i = 0; ok && i < json_array_size(root); i++) {
			json_t *e = json_array_get(root, i);
			const char *miss =
			    !json_is_object(e) ? "is not an object"
			    : !json_is_string(json_object_get(e, "directory"))
				? "has no directory"
			    : !json_is_string(json_object_get(e, "file"))
				? "has no file"
			    : !json_is_string(json_object_get(e, "command")) &&
				    !json_is_array(
					json_object_get(e, "arguments"))
				? "has neither command nor arguments"
				: NULL;
			if (miss)
				ok = vl_fail(err, path, 0, 0, "entry %zu %s",
					     i + 1, miss);
		}
	}
	json_decref(root);
	free(path);
	return ok;
}

/* A relative "directory" is taken relative to the database's folder. */
static char *entry_dir(CXCompileCommand cmd, const char *db_dir)
{
	CXString d = clang_CompileCommand_getDirectory(cmd);
	char *abs_db = absolute(db_dir);
	char *r = abs_db ? join_path(abs_db, clang_getCString(d)) : NULL;

	free(abs_db);
	clang_disposeString(d);
	return r;
}

/* The database's entries by file (real path), for finding a given file's
 * own entry: libclang's lookup would make one up for a file the database
 * does not list (from a similar file's flags). */
typedef struct db_entry {
	char *key;
	unsigned index;
} db_entry;

typedef struct db_index {
	CXCompileCommands all;
	db_entry *v;
	size_t n;
} db_index;

static int cmp_entry(const void *a, const void *b)
{
	const db_entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : x->index < y->index ? -1 : x->index > y->index;
}

static void db_index_free(db_index *ix)
{
	for (size_t i = 0; i < ix->n; i++)
		free(ix->v[i].key);
	free(ix->v);
	clang_CompileCommands_dispose(ix->all);
}

static char *entry_file(CXCompileCommand cmd, const char *db_dir)
{
	CXString f = clang_CompileCommand_getFilename(cmd);
	char *dir = entry_dir(cmd, db_dir);
	char *abs = dir ? join_path(dir, clang_getCString(f)) : NULL;

	clang_disposeString(f);
	free(dir);
	return abs;
}

static bool db_index_build(CXCompilationDatabase db, const char *db_dir,
			   db_index *ix)
{
	unsigned n;

	memset(ix, 0, sizeof(*ix));
	ix->all = clang_CompilationDatabase_getAllCompileCommands(db);
	n = ix->all ? clang_CompileCommands_getSize(ix->all) : 0;
	if (!(ix->v = calloc(n ? n : 1, sizeof(*ix->v))))
		return false;
	for (unsigned i = 0; i < n; i++) {
		char *abs = entry_file(
		    clang_CompileCommands_getCommand(ix->all, i), db_dir);
		char *real = abs ? realpath(abs, NULL) : NULL;
		if (!abs)
			return false;
		if (real)
			free(abs);
		ix->v[ix->n].key = real ? real : abs;
		ix->v[ix->n++].index = i;
	}
	qsort(ix->v, ix->n, sizeof(*ix->v), cmp_entry);
	return true;
}

/* The first entry for the file, or NULL. */
static CXCompileCommand db_lookup(const db_index *ix, const char *key)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ix->v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == ix->n || strcmp(ix->v[lo].key, key))
		return NULL;
	return clang_CompileCommands_getCommand(ix->all, ix->v[lo].index);
}

static bool take_command(CXCompileCommand cmd, const char *db_dir, src_file *f)
{
	char *dir = entry_dir(cmd, db_dir);
	bool ok = dir && fix_args(cmd, dir, f);

	free(dir);
	return ok;
}

static bool oom(vl_error *err)
{
	return vl_fail(err, NULL, 0, 0, "out of memory");
}

/* The files given, each with its database entry if there is a database. */
static bool given_files(const db_index *ix, const char *db_dir, char **files,
			size_t nfiles, src_files *l, vl_error *err)
{
	for (size_t i = 0; i < nfiles; i++) {
		struct stat st;
		CXCompileCommand cmd;
		bool dup, ok;
		if (stat(files[i], &st) != 0)
			return vl_fail(err, files[i], 0, 0, "cannot open: %s",
				       strerror(errno));
		if (!S_ISREG(st.st_mode))
			return vl_fail(err, files[i], 0, 0,
				       "not a regular file");
		char *display = strdup(files[i]);
		char *abs = absolute(files[i]);
		if (!display || !abs) {
			free(display);
			free(abs);
			return oom(err);
		}
		src_file *it = list_add(l, display, abs, &dup);
		if (dup)
			continue;
		if (!it)
			return oom(err);
		if (!ix)
			continue;
		if ((cmd = db_lookup(ix, l->keys[l->n - 1])))
			ok = take_command(cmd, db_dir, it);
		else
			ok =
			    (it->note = vl_strprintf(
				 "not in %s/compile_commands.json: parsed with "
				 "-x %s and no other flags",
				 db_dir, compdb_language(files[i]))) != NULL;
		if (!ok)
			return oom(err);
	}
	return true;
}

/* Shown relative to the working directory when it lies below it. */
static char *display_name(const char *abs)
{
	char *cwd = getcwd(NULL, 0);
	size_t n = cwd ? strlen(cwd) : 0;
	bool below = n > 1 && !strncmp(abs, cwd, n) && abs[n] == '/';

	free(cwd);
	return strdup(below ? abs + n + 1 : abs);
}

/* Every C and C++ file of the database, in its order, first entry of a
 * file winning. */
static bool db_files(CXCompilationDatabase db, const char *db_dir, src_files *l,
		     vl_error *err)
{
	CXCompileCommands cmds =
	    clang_CompilationDatabase_getAllCompileCommands(db);
	unsigned n = cmds ? clang_CompileCommands_getSize(cmds) : 0;
	bool ok = true;

	for (unsigned i = 0; ok && i < n; i++) {
		CXCompileCommand cmd =
		    clang_CompileCommands_getCommand(cmds, i);
		char *abs = entry_file(cmd, db_dir);
		char *display = abs ? display_name(abs) : NULL;
		struct stat st;
		bool dup, missing;
		src_file *f;
		if (!display) {
			free(abs);
			ok = oom(err);
			break;
		}
		if (!is_source(abs)) {
			free(abs);
			free(display);
			continue;
		}
		missing = stat(abs, &st) != 0;
		f = list_add(l, display, abs, &dup);
		if (!dup && !f)
			ok = oom(err);
		else if (f && missing)
			f->missing = true;
		else if (f && !take_command(cmd, db_dir, f))
			ok = oom(err);
	}
	clang_CompileCommands_dispose(cmds);
	return ok;
}

bool compdb_collect(const char *compdb_dir, char **files, size_t nfiles,
		    src_files *l, vl_error *err)
{
	CXCompilationDatabase db = NULL;
	bool ok;

	if (compdb_dir) {
		CXCompilationDatabase_Error ec;
		if (!db_check(compdb_dir, err))
			return false;
		db = clang_CompilationDatabase_fromDirectory(compdb_dir, &ec);
		if (ec != CXCompilationDatabase_NoError || !db) {
			clang_CompilationDatabase_dispose(db);
			return vl_fail(err, compdb_dir, 0, 0,
				       "libclang cannot read "
				       "compile_commands.json here");
		}
	}
	if (!nfiles) {
		ok = !db || db_files(db, compdb_dir, l, err);
	} else if (!db) {
		ok = given_files(NULL, NULL, files, nfiles, l, err);
	} else {
		db_index ix;
		ok = db_index_build(db, compdb_dir, &ix) || oom(err);
		ok = ok && given_files(&ix, compdb_dir, files, nfiles, l, err);
		db_index_free(&ix);
	}
	clang_CompilationDatabase_dispose(db);
	return ok;
}
