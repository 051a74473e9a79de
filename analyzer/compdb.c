/* Compilation databases and the files a source scan parses (compdb.h). */
#include "compdb.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The largest database read: far above the largest real ones (a full
 * Chromium build's is a few hundred MB), low enough that a runaway file
 * is refused instead of read. */
#define COMPDB_MAX_BYTES ((size_t)1 << 30)

/* ---- Small helpers ------------------------------------------------------ */

static char *absolute(const char *path)
{
	char *cwd, *r;

	if (path[0] == '/' || !(cwd = getcwd(NULL, 0)))
		return strdup(path);
	r = ccopts_path(cwd, path);
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

static const char *file_kind(mode_t m)
{
	return S_ISDIR(m)    ? "a folder"
	       : S_ISFIFO(m) ? "a FIFO"
	       : S_ISCHR(m)  ? "a character device"
	       : S_ISBLK(m)  ? "a block device"
	       : S_ISSOCK(m) ? "a socket"
			     : "not a file";
}

/* ---- Reading the database ----------------------------------------------- */

/* The whole file, if it is a regular file: a FIFO would block the read
 * and a device (a symlink to /dev/zero) never end it.  O_NONBLOCK: a file
 * swapped for a FIFO after the stat does not block the open either. */
static bool read_db(const char *dir, const char *path, char **text, size_t *len,
		    vl_error *err)
{
	struct stat st;
	size_t got = 0;
	int fd;

	*text = NULL;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return vl_fail(err, dir, 0, 0,
				       "-p: no compile_commands.json in this "
				       "folder (CMake "
				       "writes one with "
				       "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON, "
				       "scons with env.CompilationDatabase(), "
				       "other builds "
				       "through bear)");
		return vl_fail(err, path, 0, 0, "cannot open: %s",
			       strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		return vl_fail(err, path, 0, 0,
			       "not a regular file (%s): a compilation "
			       "database must be one",
			       file_kind(st.st_mode));
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return vl_fail(err, path, 0, 0, "cannot open: %s",
			       strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return vl_fail(err, path, 0, 0,
			       "not a regular file: a compilation database "
			       "must be one");
	}
	if ((uint64_t)st.st_size > COMPDB_MAX_BYTES) {
		close(fd);
		return vl_fail(err, path, 0, 0,
			       "%lld bytes is too large for a compilation "
			       "database (at most %zu)",
			       (long long)st.st_size, COMPDB_MAX_BYTES);
	}
	if (!(*text = malloc((size_t)st.st_size + 1))) {
		close(fd);
		return vl_fail_oom(err);
	}
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, *text + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			vl_fail(err, path, 0, 0, "cannot read: %s",
				strerror(errno));
			close(fd);
			free(*text);
			*text = NULL;
			return false;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	*len = got;
	return true;
}

bool compdb_split_command(const char *cmd, ccopts *words, const char **why)
{
	static const char space[] = " \t\n\r\v\f";
	char *buf = malloc(strlen(cmd) + 1); /* no word is longer */
	const char *p = cmd;

	*why = NULL;
	if (!buf) {
		*why = "out of memory";
		return false;
	}
	for (;;) {
		size_t n = 0;
		p += strspn(p, space);
		if (!*p)
			break;
		while (*p && !strchr(space, *p)) {
			char q = *p;
			if (q == '\'' || q == '"') {
				for (p++; *p && *p != q; p++) {
					if (q == '"' && *p == '\\' && p[1])
						p++;
					buf[n++] = *p;
				}
				if (!*p) {
					*why = "has an unterminated quote in "
					       "its command";
					free(buf);
					return false;
				}
				p++;
			} else {
				if (q == '\\' && p[1])
					p++;
				buf[n++] = *p++;
			}
		}
		if (!ccopts_push(words, strndup(buf, n))) {
			*why = "out of memory";
			free(buf);
			return false;
		}
	}
	free(buf);
	return true;
}

static void entry_free(compdb_entry *e)
{
	free(e->dir);
	free(e->file);
	for (size_t i = 0; i < e->nargs; i++)
		free(e->args[i]);
	free(e->args);
}

struct compdb_key {
	char *real;
	size_t entry;
};

void compdb_close(compdb *db)
{
	for (size_t i = 0; i < db->n; i++) {
		entry_free(&db->v[i]);
		if (db->keys)
			free(db->keys[i].real);
	}
	free(db->v);
	free(db->keys);
	free(db->path);
	memset(db, 0, sizeof(*db));
}

/* What is wrong with entry e, or NULL. */
static const char *entry_problem(json_t *e)
{
	json_t *args = json_object_get(e, "arguments");

	if (!json_is_object(e))
		return "is not an object";
	if (!json_is_string(json_object_get(e, "directory")))
		return "has no directory";
	if (!json_is_string(json_object_get(e, "file")))
		return "has no file";
	if (!json_is_array(args) &&
	    !json_is_string(json_object_get(e, "command")))
		return "has neither command nor arguments";
	for (size_t i = 0; json_is_array(args) && i < json_array_size(args);
	     i++)
		if (!json_is_string(json_array_get(args, i)))
			return "has arguments that are not all strings";
	return NULL;
}

/* Entry e's paths made absolute and its command as words; *why says what
 * is wrong with it (NULL: memory ran out). */
static bool entry_take(json_t *e, const char *base, compdb_entry *out,
		       const char **why)
{
	json_t *args = json_object_get(e, "arguments");
	ccopts words = {0};

	*why = NULL;
	memset(out, 0, sizeof(*out));
	out->dir = ccopts_path(
	    base, json_string_value(json_object_get(e, "directory")));
	out->file =
	    out->dir
		? ccopts_path(out->dir,
			      json_string_value(json_object_get(e, "file")))
		: NULL;
	if (!out->file)
		return false;
	if (json_is_array(args)) {
		for (size_t i = 0; i < json_array_size(args); i++)
			if (!ccopts_push(&words, strdup(json_string_value(
						     json_array_get(args, i)))))
				break;
	} else if (!compdb_split_command(
		       json_string_value(json_object_get(e, "command")), &words,
		       why) &&
		   !strcmp(*why, "out of memory")) {
		*why = NULL;
		words.oom = true;
	}
	out->args = words.v;
	out->nargs = words.n;
	return !words.oom && !*why;
}

bool compdb_parse(const char *text, size_t len, const char *path,
		  const char *base, compdb *db, vl_error *err)
{
	json_error_t jerr;
	json_t *root;
	size_t n;

	memset(db, 0, sizeof(*db));
	if (!(db->path = strdup(path)))
		return vl_fail_oom(err);
	if (!(root = json_loadb(text, len, 0, &jerr))) {
		vl_fail(err, path, (unsigned)jerr.line, (unsigned)jerr.column,
			"malformed JSON: %s", jerr.text);
		goto fail;
	}
	if (!json_is_array(root)) {
		vl_fail(err, path, 0, 0,
			"a compilation database is a list of entries");
		goto fail;
	}
	n = json_array_size(root);
	for (size_t i = 0; i < n; i++) {
		const char *why = entry_problem(json_array_get(root, i));
		if (why) {
			vl_fail(err, path, 0, 0, "entry %zu %s", i + 1, why);
			goto fail;
		}
	}
	if (!(db->v = calloc(n ? n : 1, sizeof(*db->v)))) {
		vl_fail_oom(err);
		goto fail;
	}
	for (; db->n < n; db->n++) {
		const char *why;
		if (!entry_take(json_array_get(root, db->n), base,
				&db->v[db->n], &why)) {
			db->n++; /* freed with the others */
			if (why)
				vl_fail(err, path, 0, 0, "entry %zu %s", db->n,
					why);
			else
				vl_fail_oom(err);
			goto fail;
		}
	}
	json_decref(root);
	return true;
fail:
	json_decref(root);
	compdb_close(db);
	return false;
}

bool compdb_load(const char *dir, compdb *db, vl_error *err)
{
	char *path = ccopts_path(dir, "compile_commands.json");
	char *base = absolute(dir), *text = NULL;
	struct stat st;
	size_t len = 0;
	bool ok = false;

	memset(db, 0, sizeof(*db));
	if (!path || !base)
		vl_fail_oom(err);
	else if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		vl_fail(err, dir, 0, 0, "-p: not a folder");
	else if (read_db(dir, path, &text, &len, err))
		ok = compdb_parse(text, len, path, base, db, err);
	free(text);
	free(path);
	free(base);
	return ok;
}

/* ---- Real paths --------------------------------------------------------- */

/* The last folder whose real path was asked: a database's entries share a
 * few folders, and realpath of every file would cost a system call per
 * component of its path (600,000 for 100,000 entries). */
typedef struct dir_cache {
	char *dir, *real;
	size_t len;
} dir_cache;

static void dir_cache_free(dir_cache *c)
{
	free(c->dir);
	free(c->real);
}

/* The real path of the absolute path, for comparing files: its folder's
 * real path (cached) and its name, or realpath of the whole where the
 * name is a symlink; path itself when there is no such file (*exists
 * false).  *st: what the path names.  NULL when memory runs out. */
static char *file_key(const char *path, dir_cache *c, struct stat *st,
		      bool *exists)
{
	const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : "";
	size_t dl = slash ? (size_t)(slash - path) : 0;
	char *real;

	*exists = false;
	if (lstat(path, st) != 0)
		return strdup(path);
	if (S_ISLNK(st->st_mode) || !slash || !*name || !strcmp(name, ".") ||
	    !strcmp(name, "..")) {
		if (!(real = realpath(path, NULL)) || stat(real, st) != 0) {
			free(real);
			return strdup(path); /* a dangling link: missing */
		}
		*exists = true;
		return real;
	}
	*exists = true;
	if (!c->dir || c->len != dl || strncmp(c->dir, path, dl)) {
		dir_cache_free(c);
		c->dir = strndup(path, dl ? dl : 1); /* "/" for /name */
		c->len = dl;
		c->real = c->dir ? realpath(c->dir, NULL) : NULL;
	}
	if (!c->real)
		return (real = realpath(path, NULL)) ? real : strdup(path);
	return ccopts_path(c->real, name);
}

/* ---- Finding a file's entry --------------------------------------------- */

static int cmp_key(const void *a, const void *b)
{
	const compdb_key *x = a, *y = b;
	int c = strcmp(x->real, y->real);

	return c ? c : x->entry < y->entry ? -1 : x->entry > y->entry;
}

/* The entries by real path (the path itself where it does not resolve):
 * one sort, then each look-up a binary search. */
static bool index_build(compdb *db)
{
	dir_cache c = {0};

	if (!(db->keys = calloc(db->n ? db->n : 1, sizeof(*db->keys))))
		return false;
	for (size_t i = 0; i < db->n; i++) {
		struct stat st;
		bool exists;
		char *real = file_key(db->v[i].file, &c, &st, &exists);
		if (!real) {
			for (size_t k = 0; k < i; k++)
				free(db->keys[k].real);
			free(db->keys);
			db->keys = NULL;
			dir_cache_free(&c);
			return false;
		}
		db->keys[i] = (compdb_key){real, i};
	}
	dir_cache_free(&c);
	qsort(db->keys, db->n, sizeof(*db->keys), cmp_key);
	return true;
}

bool compdb_find(compdb *db, const char *real, const compdb_entry **out)
{
	size_t lo = 0, hi = db->n;

	*out = NULL;
	if (!db->keys && !index_build(db))
		return false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(db->keys[mid].real, real) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < db->n && !strcmp(db->keys[lo].real, real))
		*out = &db->v[db->keys[lo].entry];
	return true;
}

bool compdb_cpp_flags(const char *dir, const char *path, ccopts *out,
		      vl_error *err)
{
	compdb db;
	const compdb_entry *e = NULL;
	char *want;
	bool ok;

	if (!compdb_load(dir, &db, err))
		return false;
	if (!(want = realpath(path, NULL)))
		want = absolute(path);
	ok = want && compdb_find(&db, want, &e);
	if (ok && e && e->nargs > 1)
		ok = ccopts_filter(e->args + 1, e->nargs - 1, e->dir,
				   CCOPTS_CPP, out);
	free(want);
	compdb_close(&db);
	return ok || vl_fail_oom(err);
}

/* ---- The list of files -------------------------------------------------- */

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

/* Append a file; takes display and key.  Duplicates are removed at the
 * end (drop_duplicates): one sort instead of a search per file. */
static src_file *list_add(src_files *l, char *display, char *key)
{
	if (!display || !key)
		goto oom;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		src_file *v = realloc(l->v, cap * sizeof(*v));
		char **k = v ? realloc(l->keys, cap * sizeof(*k)) : NULL;
		if (v)
			l->v = v;
		if (!k)
			goto oom;
		l->keys = k;
		l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
	l->v[l->n].display = display;
	l->keys[l->n] = key;
	return &l->v[l->n++];
oom:
	free(display);
	free(key);
	return NULL;
}

static int cmp_slot(const void *a, const void *b, void *ctx)
{
	char **keys = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(keys[x], keys[y]);

	return c ? c : x < y ? -1 : x > y;
}

/* Keep the first of the files with the same real path, in list order. */
static bool drop_duplicates(src_files *l)
{
	size_t *ix = malloc((l->n ? l->n : 1) * sizeof(*ix));
	bool *dup = calloc(l->n ? l->n : 1, sizeof(*dup));
	size_t kept = 0;

	if (!ix || !dup) {
		free(ix);
		free(dup);
		return false;
	}
	for (size_t i = 0; i < l->n; i++)
		ix[i] = i;
	qsort_r(ix, l->n, sizeof(*ix), cmp_slot, l->keys);
	for (size_t i = 1; i < l->n; i++)
		if (!strcmp(l->keys[ix[i]], l->keys[ix[i - 1]]))
			dup[ix[i]] = true;
	for (size_t i = 0; i < l->n; i++) {
		if (dup[i]) {
			file_free(&l->v[i]);
			free(l->keys[i]);
			continue;
		}
		l->v[kept] = l->v[i];
		l->keys[kept++] = l->keys[i];
	}
	l->n = kept;
	free(ix);
	free(dup);
	return true;
}

/* The compiler named by the entry (through a launcher like ccache) is a
 * C++ one: g++, c++, clang++, x86_64-linux-gnu-g++-12.  Only its name is
 * looked at; what libclang runs as is always plain "clang" or "clang++",
 * never a path from the database (clang reads configuration files from
 * beside the program it is told it is). */
static bool cxx_compiler(const compdb_entry *e)
{
	static const char *const launchers[] = {"ccache", "sccache", "distcc",
						"icecc"};
	const char *name, *slash;
	size_t len;

	if (!e->nargs)
		return false;
	slash = strrchr(e->args[0], '/');
	name = slash ? slash + 1 : e->args[0];
	for (size_t k = 0; k < sizeof(launchers) / sizeof(launchers[0]); k++)
		if (e->nargs > 1 && !strcmp(name, launchers[k]))
			name = e->args[1];
	slash = strrchr(name, '/');
	name = slash ? slash + 1 : name;
	len = strlen(name);
	while (len && ((name[len - 1] >= '0' && name[len - 1] <= '9') ||
		       name[len - 1] == '.'))
		len--;
	if (len < strlen(name) && len && name[len - 1] == '-')
		len--; /* a version: g++-12, clang++-14 */
	else
		len = strlen(name);
	return len >= 2 && name[len - 1] == '+' && name[len - 2] == '+';
}

/* The argument vector o, with file last, becomes f's; false (o freed)
 * when memory ran out. */
static bool argv_done(ccopts *o, const char *file, src_file *f)
{
	ccopts_push(o, strdup(file));
	if (o->oom) {
		ccopts_free(o);
		return false;
	}
	f->argv = o->v;
	f->argc = o->n;
	return true;
}

/* What libclang gets for file with entry e's command. */
static bool entry_argv(const compdb_entry *e, const char *file, src_file *f)
{
	ccopts o = {0};

	ccopts_push(&o, strdup(cxx_compiler(e) ? "clang++" : "clang"));
	if (e->nargs > 1)
		ccopts_filter(e->args + 1, e->nargs - 1, e->dir, CCOPTS_PARSE,
			      &o);
	return argv_done(&o, file, f);
}

static bool oom(vl_error *err)
{
	return vl_fail_oom(err);
}

/* What libclang gets for file with the flags the user gave. */
static bool fixed_argv(const ccopts *flags, const char *file, src_file *f)
{
	ccopts o = {0};

	ccopts_push(
	    &o,
	    strdup(strcmp(compdb_language(file), "c++") ? "clang" : "clang++"));
	for (size_t i = 0; i < flags->n; i++)
		ccopts_push(&o, strdup(flags->v[i]));
	return argv_done(&o, file, f);
}

/* The files given, each with the flags the user gave (fixed), or its
 * database entry if there is a database. */
static bool given_files(compdb *db, const char *db_dir, const ccopts *fixed,
			char **files, size_t nfiles, src_files *l,
			vl_error *err)
{
	for (size_t i = 0; i < nfiles; i++) {
		struct stat st;
		const compdb_entry *e = NULL;
		if (stat(files[i], &st) != 0)
			return vl_fail(err, files[i], 0, 0, "cannot open: %s",
				       strerror(errno));
		if (!S_ISREG(st.st_mode))
			return vl_fail(err, files[i], 0, 0,
				       "not a regular file");
		char *abs = absolute(files[i]);
		char *key = abs ? realpath(abs, NULL) : NULL;
		src_file *it = list_add(l, strdup(files[i]),
					key   ? key
					: abs ? strdup(abs)
					      : NULL);
		bool ok = it != NULL;
		if (ok && fixed)
			ok = fixed_argv(fixed, abs, it);
		else if (ok && db)
			ok = compdb_find(db, l->keys[l->n - 1], &e);
		if (ok && e)
			ok = entry_argv(e, abs, it);
		else if (ok && db)
			ok = (it->note = vl_strprintf(
				  "not in %s/compile_commands.json: parsed "
				  "with -x %s and no other flags",
				  db_dir, compdb_language(files[i]))) != NULL;
		free(abs);
		if (!ok)
			return oom(err);
	}
	return true;
}

/* Shown relative to the working directory cwd when it lies below it. */
static char *display_name(const char *abs, const char *cwd)
{
	size_t n = cwd ? strlen(cwd) : 0;
	bool below = n > 1 && !strncmp(abs, cwd, n) && abs[n] == '/';

	return strdup(below ? abs + n + 1 : abs);
}

/* Every C and C++ file of the database, in its order, first entry of a
 * file winning.  A file that is there but not a regular file (a FIFO, a
 * device) is an error: libclang would block on it or read it forever. */
static bool db_files(const compdb *db, src_files *l, vl_error *err)
{
	char *cwd = getcwd(NULL, 0);
	dir_cache c = {0};
	bool ok = true;

	for (size_t i = 0; ok && i < db->n; i++) {
		const compdb_entry *e = &db->v[i];
		struct stat st;
		char *key, *display;
		bool exists;
		src_file *f;
		if (!is_source(e->file))
			continue;
		display = display_name(e->file, cwd);
		key = file_key(e->file, &c, &st, &exists);
		if (exists && !S_ISREG(st.st_mode)) {
			ok = vl_fail(err, display ? display : e->file, 0, 0,
				     "not a regular file (%s), listed in %s",
				     file_kind(st.st_mode), db->path);
			free(display);
			free(key);
			break;
		}
		f = list_add(l, display, key);
		if (!f)
			ok = oom(err);
		else if (!exists)
			f->missing = true;
		else if (!entry_argv(e, e->file, f))
			ok = oom(err);
	}
	dir_cache_free(&c);
	free(cwd);
	return ok;
}

bool compdb_collect(const char *compdb_dir, char **files, size_t nfiles,
		    src_files *l, vl_error *err)
{
	compdb db = {0};
	bool ok;

	if (compdb_dir && !compdb_load(compdb_dir, &db, err))
		return false;
	if (nfiles)
		ok = given_files(compdb_dir ? &db : NULL, compdb_dir, NULL,
				 files, nfiles, l, err);
	else
		ok = db_files(&db, l, err);
	ok = ok && (drop_duplicates(l) || oom(err));
	compdb_close(&db);
	return ok;
}

bool compdb_collect_fixed(char **files, size_t nfiles, char *const *flags,
			  size_t nflags, src_files *l, vl_error *err)
{
	ccopts fixed = {(char **)flags, nflags, nflags, false};

	return given_files(NULL, NULL, &fixed, files, nfiles, l, err) &&
	       (drop_duplicates(l) || oom(err));
}
