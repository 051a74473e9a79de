/* The C and C++ files a source scan parses, each with the command line
 * libclang gets for it: the files given, or every C and C++ file of a
 * compilation database (compile_commands.json, CMake's and scons's format);
 * a file in the database gets its own entry's arguments, made fit for a
 * process that parses many files at once: relative paths made absolute
 * against the entry's directory (libclang's -working-directory would chdir
 * the whole process) and options that write files (-MD, -MF, ...) left
 * out. */
#ifndef VASLINT_COMPDB_H
#define VASLINT_COMPDB_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef struct src_file {
	char *display; /* the name reported: as given, or from the database */
	char **argv;   /* the compile command (argv[0] the compiler); NULL:
			* none, parse by extension */
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
 * does not exist or the database cannot be read (err names its line where
 * the JSON is malformed). */
bool compdb_collect(const char *compdb_dir, char **files, size_t nfiles,
		    src_files *out, vl_error *err);
void compdb_free(src_files *l);

/* "c++" for C++ file names (.cc, .cpp, .hh, ...), "c" for the rest. */
const char *compdb_language(const char *path);

#endif
