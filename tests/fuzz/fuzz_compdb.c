/* The compilation database reader and the allow-list of compile options:
 * the bytes as compile_commands.json (compdb_parse), every entry's command
 * filtered for the preprocessor and for libclang (ccopts_filter), each
 * entry looked up by its file (compdb_find); the bytes as a "command"
 * string (compdb_split_command), as --cpp-flags (ccopts_from_text) and
 * as $CC and $LD (ccopts_command).
 * ccopts.h promises that only allowed options come out, each one word
 * with its value joined and its path absolute: every word that comes out
 * is checked against ccopts_allowed and against this harness's own
 * statement of what must never reach a compiler; abort() if one is
 * wrong. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccopts.h"
#include "compdb.h"

/* Spellings that run a program, write a file, load code, read options
 * from a file or change what the compiler does with its input: no word
 * that comes out may start with one (written out again here, apart from
 * the filter's own tables). */
static const char *const never[] = {
    "-o",	    "--output",
    "-M",	    "-X",
    "-B",	    "-L",
    "-l",	    "-T",
    "-z",	    "-e",
    "-H",	    "-E",
    "-P",	    "-S",
    "-c",	    "-v",
    "-###",	    "@",
    "--config",	    "-specs",
    "--specs",	    "-wrapper",
    "-load",	    "-plugin",
    "-fplugin",	    "-fpass-plugin",
    "-fmodule",	    "-fimplicit-module",
    "-fprofile",    "-fcoverage",
    "-ftime-trace", "-fcrash",
    "-fdump",	    "-save-temps",
    "-mllvm",	    "-module",
    "-serialize",   "--serialize",
    "-dependency",  "-header-include",
    "-ivfsoverlay", "-working-directory",
    "-Wl,",	    "-Wp,",
    "-Wa,",	    "--driver-mode",
    "-ccc",	    "-fsyntax-only",
    "-include-pch", "-isysroot",
    "-iprefix",	    "-iwithprefix",
    "-fdepfile",    "-gen-",
    "-emit",	    "-fsanitize",
};

/* Options whose value is a path: after them, '/' (made absolute). */
static const char *const path_opts[] = {
    "-I",	"-iquote",  "-isystem",	  "-idirafter",
    "-include", "-imacros", "--sysroot=",
};

static void check_word(const char *w, ccopts_use use, const char *from)
{
	const char *why = NULL;

	if (!ccopts_allowed(w, use))
		why = "not allowed";
	else if (w[0] != '-')
		why = "not an option";
	else if (strpbrk(w, "\n\r"))
		why = "has a line break";
	else if (!strncmp(w, "-W", 2) && strchr(w, ','))
		why = "hands options on";
	else if (!strcmp(w, "-u"))
		why = "is -u";
	else if (use == CCOPTS_CPP &&
		 (!strncmp(w, "-x", 2) || !strncmp(w, "-f", 2) ||
		  !strncmp(w, "-W", 2) || !strncmp(w, "-O", 2)))
		why = "is no preprocessor option";
	for (size_t i = 0; !why && i < sizeof(never) / sizeof(never[0]); i++)
		if (!strncmp(w, never[i], strlen(never[i])))
			why = never[i];
	for (size_t i = 0; !why && i < sizeof(path_opts) / sizeof(path_opts[0]);
	     i++) {
		size_t n = strlen(path_opts[i]);
		if (!strncmp(w, path_opts[i], n) && w[n] != '/')
			why = "a relative or missing path";
	}
	if (why) {
		fprintf(stderr, "fuzz_compdb: %s gave '%s' for %s: %s\n", from,
			w, use == CCOPTS_CPP ? "cpp" : "libclang", why);
		abort();
	}
}

static void check_words(const ccopts *o, size_t from_n, ccopts_use use,
			const char *from)
{
	if (o->n && o->v[o->n]) {
		fprintf(stderr, "fuzz_compdb: %s: not NULL-terminated\n", from);
		abort();
	}
	if (o->n > from_n) {
		fprintf(stderr, "fuzz_compdb: %s: %zu words from %zu\n", from,
			o->n, from_n);
		abort();
	}
	for (size_t i = 0; i < o->n; i++)
		check_word(o->v[i], use, from);
}

static void filter_both(char *const *args, size_t n, const char *dir,
			const char *from)
{
	for (int use = CCOPTS_CPP; use <= CCOPTS_PARSE; use++) {
		ccopts o = {0};
		if (ccopts_filter(args, n, dir, (ccopts_use)use, &o))
			check_words(&o, n, (ccopts_use)use, from);
		ccopts_free(&o);
	}
}

/* An ld emulation name: letters, digits and '_'. */
static bool emulation_name(const char *v)
{
	return *v && !v[strspn(v, "abcdefghijklmnopqrstuvwxyz"
				  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")];
}

/* The bytes as $CC and as $LD (ccopts_command).  $CC: every word kept
 * after the program is allowed for the preprocessor, except a launcher's
 * compiler (the one word kept that is no option), and no more words are
 * kept and dropped than the value has (an option and its value become
 * one word).  $LD: the program alone or
 * with "-m" and an emulation name. */
static void tool_commands(const char *text)
{
	ccopts words = {0}, cmd = {0}, dropped = {0};
	vl_error err = {0};

	if (ccopts_split("$CC", text, &words, &err) &&
	    ccopts_command(CCOPTS_CC, "$CC", text, &cmd, &dropped, &err)) {
		for (size_t i = 1; i < cmd.n; i++)
			if (i != 1 || cmd.v[1][0] == '-')
				check_word(cmd.v[i], CCOPTS_CPP, "$CC");
		if (cmd.n + dropped.n > words.n) {
			fprintf(stderr,
				"fuzz_compdb: $CC: %zu words kept and %zu "
				"dropped of %zu\n",
				cmd.n, dropped.n, words.n);
			abort();
		}
	}
	ccopts_free(&words);
	ccopts_free(&cmd);
	ccopts_free(&dropped);
	if (ccopts_command(CCOPTS_LD, "$LD", text, &cmd, &dropped, &err) &&
	    cmd.n > 1 &&
	    (cmd.n != 3 || strcmp(cmd.v[1], "-m") ||
	     !emulation_name(cmd.v[2]))) {
		fprintf(stderr, "fuzz_compdb: $LD: %zu words kept\n", cmd.n);
		abort();
	}
	ccopts_free(&cmd);
	ccopts_free(&dropped);
	vl_error_free(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vl_error err = {0};
	compdb db;
	char *text = malloc(size + 1);
	ccopts words = {0}, o = {0};
	const char *why;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	if (compdb_parse((const char *)data, size, "fuzz.json", "/fuzz/db", &db,
			 &err)) {
		for (size_t i = 0; i < db.n; i++) {
			const compdb_entry *e = &db.v[i], *found = NULL;
			if (e->dir[0] != '/' || e->file[0] != '/') {
				fprintf(stderr,
					"fuzz_compdb: entry %zu: relative "
					"path '%s' '%s'\n",
					i, e->dir, e->file);
				abort();
			}
			if (e->nargs > 1)
				filter_both(e->args + 1, e->nargs - 1, e->dir,
					    "an entry");
			/* The first entry with the file's real path. */
			if (i < 8 && compdb_find(&db, e->file, &found) &&
			    found && found > e) {
				fprintf(stderr,
					"fuzz_compdb: entry %zu found a later "
					"entry for its own file\n",
					i);
				abort();
			}
		}
		compdb_close(&db);
	}
	/* The bytes as one "command" string. */
	if (compdb_split_command(text, &words, &why))
		filter_both(words.v, words.n, "/fuzz/dir", "a command");
	ccopts_free(&words);
	/* And as --cpp-flags. */
	if (ccopts_from_text(text, CCOPTS_CPP, &o, &err))
		check_words(&o, size, CCOPTS_CPP, "--cpp-flags");
	ccopts_free(&o);
	vl_error_free(&err);
	tool_commands(text);
	free(text);
	return 0;
}
