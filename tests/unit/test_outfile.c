/* Unit tests for analyzer/outfile.c: what an output written over a file
 * keeps and changes.  New and changed files land whole; identical output
 * leaves the old inode; a symlink stays a link and its target changes; a
 * hard-linked file keeps its inode; special files are written directly
 * and refused for editing in place; an input is never the output; names
 * too long for the usual temporary still work; no temporary is ever left. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

static char dir[] = "/tmp/vaslint-test-outfile-XXXXXX";

static char *path_of(const char *name)
{
	char *p = vl_strprintf("%s/%s", dir, name);

	assert_non_null(p);
	return p;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

/* The whole file, malloc'ed. */
static char *get(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t len = 0;

	assert_non_null(f);
	assert_int_equal(getdelim(&text, &len, '\0', f) >= 0 || feof(f), 1);
	fclose(f);
	return text ? text : strdup("");
}

static void assert_contents(const char *path, const char *want)
{
	char *got = get(path);

	assert_string_equal(got, want);
	free(got);
}

/* Write text to dest through an outfile. */
static bool write_out(const char *dest, unsigned flags, const char *text,
		      vl_error *err)
{
	outfile o;

	if (!outfile_open(&o, dest, flags, err))
		return false;
	assert_true(fputs(text, o.f) >= 0);
	return outfile_commit(&o, err);
}

/* No .NAME.vaslint-* or .vaslint-* is left in the folder. */
static void assert_no_temporary(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d)))
		assert_null(strstr(e->d_name, "vaslint-"));
	closedir(d);
}

static int group_setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int group_teardown(void **state)
{
	char *cmd = vl_strprintf("rm -rf '%s'", dir);
	int rc;

	(void)state;
	rc = cmd ? system(cmd) : -1;
	free(cmd);
	return rc;
}

static void new_file_gets_the_text_and_the_umask_mode(void **state)
{
	char *p = path_of("new.txt");
	vl_error err = {0};
	struct stat st;
	mode_t mask = umask(022);

	(void)state;
	assert_true(write_out(p, 0, "hello\n", &err));
	umask(mask);
	assert_contents(p, "hello\n");
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_no_temporary();
	free(p);
}

static void changed_file_is_replaced_with_its_mode(void **state)
{
	char *p = path_of("changed.txt");
	vl_error err = {0};
	struct stat st;

	(void)state;
	put(p, "old\n");
	assert_int_equal(chmod(p, 0604), 0);
	assert_true(write_out(p, 0, "new\n", &err));
	assert_contents(p, "new\n");
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0604);
	assert_no_temporary();
	free(p);
}

static void identical_output_keeps_the_inode(void **state)
{
	char *p = path_of("same.txt");
	vl_error err = {0};
	struct stat before, after;

	(void)state;
	put(p, "same\n");
	assert_int_equal(stat(p, &before), 0);
	assert_true(write_out(p, OUTFILE_IN_PLACE, "same\n", &err));
	assert_int_equal(stat(p, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	assert_int_equal(before.st_mtim.tv_sec, after.st_mtim.tv_sec);
	assert_int_equal(before.st_mtim.tv_nsec, after.st_mtim.tv_nsec);
	assert_no_temporary();
	free(p);
}

static void symlink_stays_and_its_target_changes(void **state)
{
	char *real = path_of("real.txt"), *link = path_of("link.txt");
	vl_error err = {0};
	struct stat st;

	(void)state;
	put(real, "old\n");
	assert_int_equal(symlink("real.txt", link), 0);
	assert_true(write_out(link, OUTFILE_IN_PLACE, "new\n", &err));
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_contents(real, "new\n");
	assert_no_temporary();
	free(real);
	free(link);
}

static void hard_linked_file_is_written_in_place(void **state)
{
	char *a = path_of("a.txt"), *b = path_of("b.txt");
	vl_error err = {0};
	struct stat before, after;

	(void)state;
	put(a, "a long old text, longer than the new one\n");
	assert_int_equal(link(a, b), 0);
	assert_int_equal(stat(a, &before), 0);
	assert_true(write_out(a, OUTFILE_IN_PLACE, "short\n", &err));
	assert_int_equal(stat(a, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	assert_int_equal(after.st_nlink, 2);
	assert_contents(b, "short\n");
	assert_no_temporary();
	free(a);
	free(b);
}

static void fifo_is_written_directly_and_never_edited(void **state)
{
	char *p = path_of("fifo");
	vl_error err = {0};
	struct stat st;
	char buf[16] = "";
	int reader;

	(void)state;
	assert_int_equal(mkfifo(p, 0600), 0);
	/* A reader first, so that opening it for writing does not wait. */
	reader = open(p, O_RDONLY | O_NONBLOCK);
	assert_true(reader >= 0);
	assert_true(write_out(p, 0, "piped\n", &err));
	assert_int_equal(read(reader, buf, sizeof(buf) - 1), 6);
	assert_string_equal(buf, "piped\n");
	close(reader);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_false(outfile_check(p, OUTFILE_IN_PLACE, &err));
	assert_non_null(strstr(err.msg, "a pipe"));
	vl_error_free(&err);
	assert_no_temporary();
	free(p);
}

static void in_place_needs_an_existing_file(void **state)
{
	char *p = path_of("missing.txt");
	vl_error err = {0};

	(void)state;
	assert_false(outfile_check(p, OUTFILE_IN_PLACE, &err));
	assert_string_equal(err.file, p);
	vl_error_free(&err);
	assert_true(outfile_check(p, 0, &err));
	assert_false(outfile_check(dir, 0, &err));
	assert_string_equal(err.msg, "is a directory: give a file name");
	vl_error_free(&err);
	free(p);
}

static void input_is_never_the_output(void **state)
{
	char *in = path_of("input.ld"), *hard = path_of("input-hard.ld"),
	     *sym = path_of("input-sym.ld"), *other = path_of("other.ld");
	vl_error err = {0};

	(void)state;
	put(in, "SECTIONS { }\n");
	put(other, "SECTIONS { }\n");
	assert_int_equal(link(in, hard), 0);
	assert_int_equal(symlink("input.ld", sym), 0);
	assert_false(outfile_not_input(in, in, &err));
	assert_false(outfile_not_input(hard, in, &err));
	assert_false(outfile_not_input(sym, in, &err));
	assert_string_equal(err.file, sym);
	vl_error_free(&err);
	/* The same text in another file, a file still to come, stdout, and
	 * /dev/null both ways are no conflict. */
	assert_true(outfile_not_input(other, in, &err));
	assert_true(outfile_not_input("/nonexistent/x", in, &err));
	assert_true(outfile_not_input("-", in, &err));
	assert_true(outfile_not_input(NULL, in, &err));
	assert_true(outfile_not_input("/dev/null", "/dev/null", &err));
	assert_null(err.msg);
	free(in);
	free(hard);
	free(sym);
	free(other);
}

static void name_of_255_bytes_gets_a_short_temporary(void **state)
{
	char name[256];
	char *p;
	vl_error err = {0};

	(void)state;
	memset(name, 'n', 255);
	name[255] = '\0';
	p = path_of(name);
	assert_true(write_out(p, 0, "first\n", &err));
	assert_true(write_out(p, OUTFILE_IN_PLACE, "second\n", &err));
	assert_contents(p, "second\n");
	assert_no_temporary();
	free(p);
}

static void abort_leaves_the_file_and_no_temporary(void **state)
{
	char *p = path_of("kept.txt");
	vl_error err = {0};
	outfile o;

	(void)state;
	put(p, "kept\n");
	assert_true(outfile_open(&o, p, 0, &err));
	assert_non_null(o.tmp);
	assert_true(fputs("lost\n", o.f) >= 0);
	outfile_abort(&o);
	assert_contents(p, "kept\n");
	assert_no_temporary();
	free(p);
}

static void temporaries_are_released_in_any_order(void **state)
{
	char *a = path_of("t1-XXXXXX"), *b = path_of("t2-XXXXXX");
	int fa, fb;

	(void)state;
	fa = outfile_temp_create(a);
	fb = outfile_temp_create(b);
	assert_true(fa >= 0 && fb >= 0);
	close(fa);
	close(fb);
	outfile_temp_release(a);
	unlink(a);
	outfile_temp_release(b);
	unlink(b);
	/* Released twice, or never created: nothing happens. */
	outfile_temp_release(b);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(new_file_gets_the_text_and_the_umask_mode),
	    cmocka_unit_test(changed_file_is_replaced_with_its_mode),
	    cmocka_unit_test(identical_output_keeps_the_inode),
	    cmocka_unit_test(symlink_stays_and_its_target_changes),
	    cmocka_unit_test(hard_linked_file_is_written_in_place),
	    cmocka_unit_test(fifo_is_written_directly_and_never_edited),
	    cmocka_unit_test(in_place_needs_an_existing_file),
	    cmocka_unit_test(input_is_never_the_output),
	    cmocka_unit_test(name_of_255_bytes_gets_a_short_temporary),
	    cmocka_unit_test(abort_leaves_the_file_and_no_temporary),
	    cmocka_unit_test(temporaries_are_released_in_any_order),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
