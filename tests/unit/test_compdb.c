/* Unit tests for analyzer/compdb.c: a "command" is split by the format's
 * quoting rules and nothing else; entries get absolute paths; only a
 * regular file is read as a database (a FIFO, a folder or a symlink to
 * /dev/zero is refused at once, never opened); a file's entry is found by
 * real path, the first one winning; the files of a scan are the
 * database's sources in order, each once, with libclang's command made of
 * "clang" or "clang++", the allowed options and the file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "compdb.h"

static char tmp[PATH_MAX]; /* a folder of this run's own files */

static int setup(void **state)
{
	(void)state;
	snprintf(tmp, sizeof(tmp), "/tmp/vaslint-test-compdb-XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	/* A database read by mistake from a FIFO would block: fail instead. */
	alarm(60);
	return 0;
}

static int teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *path_in(char *buf, const char *dir, const char *name)
{
	int n = snprintf(buf, PATH_MAX, "%s/%s", dir, name);

	assert_true(n > 0 && n < PATH_MAX);
	return buf;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The words of cmd joined with " | ". */
static const char *split(const char *cmd)
{
	static char out[1024];
	ccopts w = {0};
	const char *why = NULL;

	out[0] = 0;
	if (!compdb_split_command(cmd, &w, &why)) {
		snprintf(out, sizeof(out), "(%s)", why);
	} else {
		for (size_t i = 0; i < w.n; i++) {
			if (i)
				strcat(out, " | ");
			strcat(out, w.v[i]);
		}
	}
	ccopts_free(&w);
	return out;
}

static void command_is_split_by_the_quoting_rules_only(void **state)
{
	(void)state;
	assert_string_equal(split("cc  -c\ta.c\n-o a.o"),
			    "cc | -c | a.c | -o | a.o");
	assert_string_equal(split("cc -DA=\"x y\" '-DB=$(id)' -DC=\\\"q\\\""),
			    "cc | -DA=x y | -DB=$(id) | -DC=\"q\"");
	assert_string_equal(split("cc a\\ b.c \"-DS=\\\"x\\\" \\\\\" ''"),
			    "cc | a b.c | -DS=\"x\" \\ | ");
	/* Nothing a shell would do: no expansion, no separators. */
	assert_string_equal(split("cc `id`;id|id>x $HOME *"),
			    "cc | `id`;id|id>x | $HOME | *");
	assert_string_equal(split(""), "");
	assert_string_equal(split("cc \"-DX"),
			    "(has an unterminated quote in its command)");
	assert_string_equal(split("cc '-DX"),
			    "(has an unterminated quote in its command)");
}

static void entries_get_absolute_paths_and_arguments_win(void **state)
{
	static const char text[] =
	    "[{\"directory\": \"build\", \"file\": \"../src/a.c\",\n"
	    "  \"arguments\": [\"cc\", \"-DA\", \"-c\", \"../src/a.c\"],\n"
	    "  \"command\": \"cc -DIGNORED\"},\n"
	    " {\"directory\": \"/abs\", \"file\": \"./b.c\",\n"
	    "  \"command\": \"g++ -DB='1 2' -c b.c\"},\n"
	    " {\"directory\": \"/abs\", \"file\": \"/else/c.c\",\n"
	    "  \"arguments\": []}]";
	compdb db;
	vl_error err = {0};

	(void)state;
	assert_true(
	    compdb_parse(text, strlen(text), "x.json", "/db", &db, &err));
	assert_int_equal(db.n, 3);
	assert_string_equal(db.v[0].dir, "/db/build");
	assert_string_equal(db.v[0].file, "/db/build/../src/a.c");
	assert_int_equal(db.v[0].nargs, 4);
	assert_string_equal(db.v[0].args[1], "-DA");
	assert_string_equal(db.v[1].dir, "/abs");
	assert_string_equal(db.v[1].file, "/abs/b.c");
	assert_int_equal(db.v[1].nargs, 4);
	assert_string_equal(db.v[1].args[1], "-DB=1 2");
	assert_string_equal(db.v[2].file, "/else/c.c");
	assert_int_equal(db.v[2].nargs, 0);
	compdb_close(&db);
}

static void bad_databases_are_errors_naming_the_entry(void **state)
{
	static const struct {
		const char *text, *msg;
		unsigned line;
	} bad[] = {
	    {"{}", "a compilation database is a list of entries", 0},
	    {"[1]", "entry 1 is not an object", 0},
	    {"[{\"file\": \"a.c\", \"command\": \"cc\"}]",
	     "entry 1 has no directory", 0},
	    {"[{\"directory\": \"/\", \"command\": \"cc\"}]",
	     "entry 1 has no file", 0},
	    {"[{\"directory\": \"/\", \"file\": \"a.c\", \"arguments\": "
	     "[\"cc\"]}, {\"directory\": \"/\", \"file\": \"a.c\"}]",
	     "entry 2 has neither command nor arguments", 0},
	    {"[{\"directory\": \"/\", \"file\": \"a.c\", \"arguments\": "
	     "[\"cc\", 1]}]",
	     "entry 1 has arguments that are not all strings", 0},
	    {"[{\"directory\": \"/\", \"file\": \"a.c\", \"command\": "
	     "\"cc '-DX\"}]",
	     "entry 1 has an unterminated quote in its command", 0},
	    {"[\n{\"directory\": \"/\",\n \"file\" \"a.c\"}]", NULL, 3},
	    {"[{\"directory\": \"/\", \"file\": \"a\\u0000.c\", \"command\": "
	     "\"cc\"}]",
	     NULL, 1},
	};
	vl_error err = {0};
	compdb db;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(compdb_parse(bad[i].text, strlen(bad[i].text),
					  "x.json", "/", &db, &err));
		assert_string_equal(err.file, "x.json");
		if (bad[i].msg)
			assert_string_equal(err.msg, bad[i].msg);
		else
			assert_non_null(strstr(err.msg, "malformed JSON"));
		assert_int_equal(err.line, bad[i].line);
		assert_null(db.v);
	}
	vl_error_free(&err);
}

/* Each is refused at once with one message naming the file; none is
 * opened (the FIFO has no writer: an open or read would block). */
static void only_a_regular_file_is_read_as_a_database(void **state)
{
	static const struct {
		const char *name, *kind;
	} cases[] = {
	    {"fifo", "a FIFO"},
	    {"folder", "a folder"},
	    {"zero", "a character device"},
	};
	char dir[PATH_MAX], db_path[PATH_MAX], want[256];
	vl_error err = {0};
	compdb db;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		path_in(dir, tmp, cases[i].name);
		assert_int_equal(mkdir(dir, 0700), 0);
		path_in(db_path, dir, "compile_commands.json");
		if (i == 0)
			assert_int_equal(mkfifo(db_path, 0600), 0);
		else if (i == 1)
			assert_int_equal(mkdir(db_path, 0700), 0);
		else
			assert_int_equal(symlink("/dev/zero", db_path), 0);
		assert_false(compdb_load(dir, &db, &err));
		assert_string_equal(err.file, db_path);
		snprintf(want, sizeof(want),
			 "not a regular file (%s): a compilation database "
			 "must be one",
			 cases[i].kind);
		assert_string_equal(err.msg, want);
	}
	/* -p naming a FIFO itself */
	path_in(dir, tmp, "fifo/compile_commands.json");
	assert_false(compdb_load(dir, &db, &err));
	assert_string_equal(err.msg, "-p: not a folder");
	assert_false(compdb_load(tmp, &db, &err));
	assert_string_equal(err.file, tmp);
	assert_non_null(strstr(err.msg, "-p: no compile_commands.json"));
	vl_error_free(&err);
}

/* A project: src/a.c (and a symlink to it), src/b.cc, a missing file, a
 * linker script. */
static void make_project(char *dir)
{
	char p[PATH_MAX], db[PATH_MAX], text[8192];

	path_in(dir, tmp, "proj");
	if (access(dir, F_OK) == 0)
		return;
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mkdir(path_in(p, dir, "src"), 0700), 0);
	write_file(path_in(p, dir, "src/a.c"), "int a;\n");
	write_file(path_in(p, dir, "src/b.cc"), "int b;\n");
	write_file(path_in(p, dir, "board.lds.S"), "SECTIONS { }\n");
	assert_int_equal(symlink("src/a.c", path_in(p, dir, "link.c")), 0);
	snprintf(
	    text, sizeof(text),
	    "[{\"directory\": \"%s\", \"file\": \"src/a.c\", \"command\": "
	    "\"ccache g++-12 -DFIRST -Iinc -o a.o -MD -c src/a.c\"},\n"
	    " {\"directory\": \"%s/src\", \"file\": \"b.cc\", \"arguments\": "
	    "[\"/usr/bin/cc\", \"-xc++\", \"-Xclang\", \"-load\", \"-Xclang\", "
	    "\"x.so\", \"-c\", \"b.cc\"]},\n"
	    " {\"directory\": \"%s\", \"file\": \"link.c\", \"command\": "
	    "\"cc -DSECOND -c link.c\"},\n"
	    " {\"directory\": \"%s\", \"file\": \"gone.c\", \"command\": "
	    "\"cc -c gone.c\"},\n"
	    " {\"directory\": \"%s\", \"file\": \"board.lds.S\", "
	    "\"arguments\": "
	    "[\"cc\", \"-E\", \"-P\", \"-DBASE=0x1000\", \"-D\", "
	    "\"X -wrapper /bin/sh,-c,id>PWNED\", \"-I\", \"inc\", \"-Wall\", "
	    "\"-x\", \"c\", \"-m32\", \"-o\", \"board.lds\", "
	    "\"board.lds.S\"]}]\n",
	    dir, dir, dir, dir, dir);
	write_file(path_in(db, dir, "compile_commands.json"), text);
}

static const char *words(char **v, size_t n)
{
	static char out[4096];

	out[0] = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, " | ");
		strcat(out, v[i]);
	}
	return out;
}

static void entry_is_found_by_real_path_first_one_winning(void **state)
{
	char dir[PATH_MAX], p[PATH_MAX], real[PATH_MAX];
	compdb db;
	const compdb_entry *e;
	vl_error err = {0};

	(void)state;
	make_project(dir);
	assert_true(compdb_load(dir, &db, &err));
	assert_int_equal(db.n, 5);
	assert_non_null(realpath(path_in(p, dir, "src/a.c"), real));
	assert_true(compdb_find(&db, real, &e));
	assert_ptr_equal(e, &db.v[0]); /* not link.c's, the third */
	assert_true(compdb_find(&db, path_in(p, dir, "gone.c"), &e));
	assert_ptr_equal(e, &db.v[3]);
	assert_true(compdb_find(&db, "/nowhere.c", &e));
	assert_null(e);
	compdb_close(&db);
}

static void preprocessor_gets_the_allowed_options_of_the_entry(void **state)
{
	char dir[PATH_MAX], p[PATH_MAX], want[2 * PATH_MAX];
	ccopts o = {0};
	vl_error err = {0};

	(void)state;
	make_project(dir);
	assert_true(
	    compdb_cpp_flags(dir, path_in(p, dir, "board.lds.S"), &o, &err));
	snprintf(want, sizeof(want), "-DBASE=0x1000 | -I%s/inc | -m32", dir);
	assert_string_equal(words(o.v, o.n), want);
	ccopts_free(&o);
	assert_true(compdb_cpp_flags(dir, path_in(p, dir, "src/b.cc"), &o,
				     &err)); /* -xc++ is not for cpp */
	assert_int_equal(o.n, 0);
	assert_true(compdb_cpp_flags(dir, "/nowhere.lds.S", &o, &err));
	assert_int_equal(o.n, 0);
	ccopts_free(&o);
}

static void
scan_lists_each_source_once_with_clang_and_allowed_options(void **state)
{
	char dir[PATH_MAX], want[3 * PATH_MAX];
	src_files l = {0};
	vl_error err = {0};

	(void)state;
	make_project(dir);
	assert_true(compdb_collect(dir, NULL, 0, &l, &err));
	/* a.c (link.c is the same file: its entry is left out), b.cc, gone.c;
	 * not the script */
	assert_int_equal(l.n, 3);
	snprintf(want, sizeof(want),
		 "clang++ | -DFIRST | -I%s/inc | %s/src/a.c", dir, dir);
	assert_string_equal(words(l.v[0].argv, l.v[0].argc), want);
	assert_false(l.v[0].missing);
	snprintf(want, sizeof(want), "clang | -xc++ | %s/src/b.cc", dir);
	assert_string_equal(words(l.v[1].argv, l.v[1].argc), want);
	assert_true(l.v[2].missing);
	assert_null(l.v[2].argv);
	compdb_free(&l);
}

static void source_listed_as_a_fifo_is_an_error(void **state)
{
	char dir[PATH_MAX], p[PATH_MAX], text[2 * PATH_MAX];
	src_files l = {0};
	vl_error err = {0};

	(void)state;
	path_in(dir, tmp, "fifosrc");
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mkfifo(path_in(p, dir, "f.c"), 0600), 0);
	snprintf(text, sizeof(text),
		 "[{\"directory\": \"%s\", \"file\": \"f.c\", \"command\": "
		 "\"cc -c f.c\"}]",
		 dir);
	write_file(path_in(p, dir, "compile_commands.json"), text);
	assert_false(compdb_collect(dir, NULL, 0, &l, &err));
	assert_string_equal(err.file, path_in(p, dir, "f.c"));
	assert_non_null(
	    strstr(err.msg, "not a regular file (a FIFO), listed in "));
	assert_int_equal(l.n, 0);
	compdb_free(&l);
	vl_error_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(command_is_split_by_the_quoting_rules_only),
	    cmocka_unit_test(entries_get_absolute_paths_and_arguments_win),
	    cmocka_unit_test(bad_databases_are_errors_naming_the_entry),
	    cmocka_unit_test(only_a_regular_file_is_read_as_a_database),
	    cmocka_unit_test(entry_is_found_by_real_path_first_one_winning),
	    cmocka_unit_test(
		preprocessor_gets_the_allowed_options_of_the_entry),
	    cmocka_unit_test(
		scan_lists_each_source_once_with_clang_and_allowed_options),
	    cmocka_unit_test(source_listed_as_a_fifo_is_an_error),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
