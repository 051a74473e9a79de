/* The compile options vaslint passes on to a compiler it runs (cc -E on a
 * linker script) or to libclang (parsing a source), from a compilation
 * database or from --cpp-flags.
 *
 * A database is input like any other, and compilers act on options by
 * running programs (gcc -wrapper, -B, -fplugin=, -Xclang -load), by
 * writing files (-o, -MF, -save-temps, -ftime-trace, -Xclang
 * -dependency-file, a module cache) or by reading more options from
 * elsewhere (@FILE, --config).  So an allow-list decides: only options
 * that change how the code reads (macros, include folders, the language
 * and its dialect, the target) pass, everything else is dropped.  Each
 * option kept is one argument word with its value joined (-DNAME=VALUE,
 * -I/abs/dir, --target=T): no value can be read as an option of its own,
 * and relative paths are made absolute against the entry's folder. */
#ifndef VASLINT_CCOPTS_H
#define VASLINT_CCOPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef enum ccopts_use {
	CCOPTS_CPP,   /* the C preprocessor run on a linker script */
	CCOPTS_PARSE, /* libclang parsing a C or C++ source */
} ccopts_use;

/* A growing argument vector, always NULL-terminated (v may be NULL while
 * n is 0). */
typedef struct ccopts {
	char **v;
	size_t n, cap;
	bool oom; /* a push ran out of memory */
} ccopts;

/* Append word, which the vector takes; NULL (an allocation that failed)
 * sets oom.  False when memory runs out. */
bool ccopts_push(ccopts *o, char *word);
void ccopts_free(ccopts *o);

/* path made absolute against dir ("./" parts dropped); path itself when
 * it is absolute or dir is NULL or empty.  Malloc'ed; NULL on OOM. */
char *ccopts_path(const char *dir, const char *path);

/* Append to out the options of args[0, n) (a command without its
 * compiler: options and inputs) that the allow-list keeps for use, each as
 * one word, relative paths made absolute against dir.  Inputs, values of
 * dropped options and everything after "--" are dropped too.  False only
 * when memory runs out. */
bool ccopts_filter(char *const *args, size_t n, const char *dir, ccopts_use use,
		   ccopts *out);

/* --cpp-flags TEXT: split at white space (no quotes, no shell), relative
 * paths made absolute against the working directory, every word through
 * the same allow-list.  False with err naming the first word the
 * allow-list does not take: an option the user typed is not dropped
 * silently. */
bool ccopts_from_text(const char *text, ccopts_use use, ccopts *out,
		      vl_error *err);

/* Words the user typed as separate arguments (`check FILE -- FLAGS`,
 * --extra-arg=FLAG): relative paths made absolute against the working
 * directory, every word through the allow-list for use.  False with err
 * naming origin and the first word the allow-list does not take. */
bool ccopts_from_words(char *const *words, size_t n, const char *origin,
		       ccopts_use use, ccopts *out, vl_error *err);

/* Whether word is one ccopts_filter can produce for use (an allowed
 * option, its value joined and valid, a path absolute): the invariant
 * the tests and the fuzz harness check on every word it produces. */
bool ccopts_allowed(const char *word, ccopts_use use);

/* ---- $CC, $LD and --ld -------------------------------------------------
 *
 * Users set CC="ccache gcc", CC="gcc -m32", LD="ld.bfd -m elf_i386" as
 * they do for make.  vaslint runs no shell, so it reads such a value the
 * way sh reads a plain command line and refuses what would need a shell:
 * white space separates words, '...' and "..." group and are removed, a
 * backslash makes the next character plain; nothing is expanded (a glob
 * or ~ stays as written), and an unquoted $, `, ;, |, &, <, >, ( or ),
 * a $ or ` inside "...", a quote left open or a trailing backslash is an
 * error that names the variable. */

/* The words of value, appended to out; none for a value that is empty or
 * only white space (the variable counts as unset).  var names the
 * variable in messages ("$CC", "--ld").  False with err when value needs
 * a shell or memory runs out. */
bool ccopts_split(const char *var, const char *value, ccopts *out,
		  vl_error *err);

typedef enum ccopts_tool {
	CCOPTS_CC, /* the compiler vaslint runs as the C preprocessor */
	CCOPTS_LD, /* GNU ld, run to print its default script */
} ccopts_tool;

/* The program and the leading arguments vaslint runs for var's value:
 *
 * CCOPTS_CC: the first word is the program (a name on PATH or a path).
 * When it is a launcher (ccache, distcc, sccache, icecc) it stays the
 * program and the next word, the compiler, is kept as its first argument,
 * as make runs it.  The words after that pass the allow-list for
 * CCOPTS_CPP (ccopts_filter: -D, -U, -I, -m..., --sysroot, -std=, ...),
 * relative paths made absolute against the working directory.
 *
 * CCOPTS_LD: the first word is the program; a -m EMULATION (or -mEMUL)
 * is kept as the two words "-m" "EMULATION", and replaces the emulation
 * vaslint would pick from the machine (the last one counts).  Every
 * other word is dropped: ld runs only to print its default script.
 *
 * The words kept go to cmd (none when value is empty: the variable is
 * unset), each word dropped to dropped, for the caller to warn about
 * each.  False with err, cmd and dropped left as they were, when value
 * needs a shell (ccopts_split) or a launcher names no compiler; false
 * when memory runs out. */
bool ccopts_command(ccopts_tool tool, const char *var, const char *value,
		    ccopts *cmd, ccopts *dropped, vl_error *err);

/* Why tool's command drops a word, for the warning (a sentence part). */
const char *ccopts_dropped_why(ccopts_tool tool);

#endif
