/* Compilation databases (compile_commands.json, CMake's and scons's
 * format: a list of {directory, file, arguments or command}) and the C and
 * C++ files a source scan parses.
 *
 * The database is read here, not by libclang: only a regular file is
 * read (a FIFO or a device would block or never end), a "command" string
 * is split into words by the format's quoting rules and nothing else (no
 * shell, no @FILE), and what an entry contributes to a command vaslint
 * runs or parses with passes the allow-list of ccopts.h.  Relative paths
 * are made absolute against the entry's directory: nothing here changes
 * the working directory (libclang's -working-directory would, for the
 * whole process, which a scan with threads cannot have). */
#ifndef VASLINT_COMPDB_H
#define VASLINT_COMPDB_H

#include <stdbool.h>
#include <stddef.h>

#include "ccopts.h"
#include "diag.h"

/* ---- The database ------------------------------------------------------- */

typedef struct compdb_entry {
	char *dir;   /* absolute: "directory", against the database's folder */
	char *file;  /* absolute: "file" against dir */
	char **args; /* the command's words, args[0] the compiler */
	size_t nargs;
} compdb_entry;

typedef struct compdb_key compdb_key;

typedef struct compdb {
	char *path; /* DIR/compile_commands.json, for messages */
	compdb_entry *v;
	size_t n;
	compdb_key *keys; /* the entries by real path (compdb_find) */
} compdb;

/* Read dir/compile_commands.json.  False with err (naming the file, and
 * the line where the JSON is malformed) when dir is not a folder, the
 * database is missing, not a regular file, too large, or not a list of
 * entries with a directory, a file and arguments or a command. */
bool compdb_load(const char *dir, compdb *db, vl_error *err);
/* The same from text (len bytes, not NUL-terminated); path names it in
 * errors, base is the absolute folder a relative "directory" is taken
 * against. */
bool compdb_parse(const char *text, size_t len, const char *path,
		  const char *base, compdb *db, vl_error *err);
void compdb_close(compdb *db);

/* The first entry for the file whose real path is real, or NULL; the
 * first call sorts the entries by real path (false only when memory runs
 * out). */
bool compdb_find(compdb *db, const char *real, const compdb_entry **out);

/* A "command" split into words: white space separates, "..." and '...'
 * quote, a backslash takes the next character as it is (outside single
 * quotes); nothing is expanded.  False with *why on an unterminated quote
 * or when memory runs out (*why "out of memory"). */
bool compdb_split_command(const char *cmd, ccopts *words, const char **why);

/* The options the entry for path in dir/compile_commands.json gives the
 * preprocessor (the allow-list for CCOPTS_CPP), appended to out; none when
 * the database has no entry for path.  False with err when the database
 * cannot be read. */
bool compdb_cpp_flags(const char *dir, const char *path, ccopts *out,
		      vl_error *err);

/* ---- The files a scan parses -------------------------------------------- */

typedef struct src_file {
	char *display; /* the name reported: as given, or from the database */
	char **argv;   /* what libclang gets: "clang" or "clang++", the
			* entry's allowed options, the file; NULL: no
			* entry, parse by extension */
	size_t argc;
	char *note;   /* why a database file has no command; NULL */
	bool missing; /* listed in the database, not on disk */
} src_file;

typedef struct src_files {
	src_file *v;
	size_t n, cap;
	char **keys; /* real paths, so a file is scanned once */
} src_files;

/* The files (each must exist), or with none every C and C++ file of the
 * database in compdb_dir; compdb_dir may be NULL.  A file the database
 * does not list gets a note and no command.  False with err when a file
 * does not exist or is not a regular file, or the database cannot be
 * read. */
bool compdb_collect(const char *compdb_dir, char **files, size_t nfiles,
		    src_files *out, vl_error *err);
/* The files (each must exist) with the same flags each, in place of a
 * database entry (`check FILE... -- FLAGS`): libclang gets "clang" or
 * "clang++" by the file's name, the flags, the file. */
bool compdb_collect_fixed(char **files, size_t nfiles, char *const *flags,
			  size_t nflags, src_files *out, vl_error *err);
void compdb_free(src_files *l);

/* "c++" for C++ file names (.cc, .cpp, .hh, ...), "c" for the rest. */
const char *compdb_language(const char *path);

#endif
