/* Unit tests for the allow-list of analyzer/ccopts.c: every option it takes
 * passes in both spellings (joined and separate) as one word with its
 * value joined and its path made absolute; the preprocessor gets the
 * preprocessor options only; every option that runs a program, writes a
 * file or loads code is dropped together with its value; a value never
 * becomes an option; --cpp-flags names the word it refuses.  Every word
 * that passes is checked against ccopts_allowed, the invariant the fuzz
 * harness checks too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "ccopts.h"

#define DIR "/src/proj"

/* The words ccopts_filter passes on for the NULL-terminated arguments,
 * joined with " | ", each checked against the invariant. */
static const char *pass_v(ccopts_use use, const char *dir, va_list ap)
{
	static char out[4096];
	char *args[64];
	size_t n = 0;
	ccopts o = {0};
	const char *a;

	while ((a = va_arg(ap, const char *)))
		args[n++] = (char *)a;
	assert_true(ccopts_filter(args, n, dir, use, &o));
	out[0] = 0;
	for (size_t i = 0; i < o.n; i++) {
		if (!ccopts_allowed(o.v[i], use))
			fail_msg("'%s' passed but is not allowed", o.v[i]);
		if (i)
			strcat(out, " | ");
		strcat(out, o.v[i]);
	}
	assert_null(o.n ? o.v[o.n] : NULL);
	ccopts_free(&o);
	return out;
}

static const char *pass(ccopts_use use, const char *dir, ...)
{
	va_list ap;
	const char *r;

	va_start(ap, dir);
	r = pass_v(use, dir, ap);
	va_end(ap);
	return r;
}

#define parse(...) pass(CCOPTS_PARSE, DIR, __VA_ARGS__)

/* The same for both uses: the options the preprocessor and libclang
 * share. */
#define BOTH_EQ(want, ...)                                                     \
	do {                                                                   \
		assert_string_equal(pass(CCOPTS_CPP, DIR, __VA_ARGS__, NULL),  \
				    want);                                     \
		assert_string_equal(                                           \
		    pass(CCOPTS_PARSE, DIR, __VA_ARGS__, NULL), want);         \
	} while (0)

/* Passed to libclang, dropped for the preprocessor. */
#define PARSE_ONLY(want, ...)                                                  \
	do {                                                                   \
		assert_string_equal(pass(CCOPTS_CPP, DIR, __VA_ARGS__, NULL),  \
				    "");                                       \
		assert_string_equal(                                           \
		    pass(CCOPTS_PARSE, DIR, __VA_ARGS__, NULL), want);         \
	} while (0)

/* Dropped for both, value and all. */
#define DROPPED(...) BOTH_EQ("", __VA_ARGS__)

static void preprocessor_options_pass_in_both_spellings(void **state)
{
	(void)state;
	BOTH_EQ("-DX", "-DX");
	BOTH_EQ("-DX", "-D", "X");
	BOTH_EQ("-DX=1", "-DX=1");
	BOTH_EQ("-DX=1", "-D", "X=1");
	BOTH_EQ("-DSTR=\"a b\"", "-D", "STR=\"a b\"");
	BOTH_EQ("-DF(a, b)=((a) + (b))", "-D", "F(a, b)=((a) + (b))");
	BOTH_EQ("-D_X=-1", "-D_X=-1");
	BOTH_EQ("-UX", "-UX");
	BOTH_EQ("-UX", "-U", "X");
	BOTH_EQ("-I" DIR "/inc", "-Iinc");
	BOTH_EQ("-I" DIR "/inc", "-I", "inc");
	BOTH_EQ("-I" DIR "/inc", "-I", "./inc");
	BOTH_EQ("-I/usr/include/x", "-I/usr/include/x");
	BOTH_EQ("-I" DIR "/../up", "-I../up");
	BOTH_EQ("-iquote" DIR "/q", "-iquoteq");
	BOTH_EQ("-iquote" DIR "/q", "-iquote", "q");
	BOTH_EQ("-isystem/opt/sys", "-isystem/opt/sys");
	BOTH_EQ("-isystem" DIR "/sys", "-isystem", "sys");
	BOTH_EQ("-idirafter" DIR "/after", "-idirafterafter");
	BOTH_EQ("-idirafter" DIR "/after", "-idirafter", "after");
	BOTH_EQ("-include" DIR "/config.h", "-includeconfig.h");
	BOTH_EQ("-include" DIR "/config.h", "-include", "config.h");
	BOTH_EQ("-imacros" DIR "/m.h", "-imacrosm.h");
	BOTH_EQ("-imacros/abs/m.h", "-imacros", "/abs/m.h");
	BOTH_EQ("--sysroot=/opt/sysroot", "--sysroot=/opt/sysroot");
	BOTH_EQ("--sysroot=" DIR "/sysroot", "--sysroot", "sysroot");
	BOTH_EQ("-nostdinc", "-nostdinc");
	BOTH_EQ("-undef", "-undef");
	BOTH_EQ("-std=gnu11", "-std=gnu11");
	BOTH_EQ("-std=c++17", "--std=c++17");
	BOTH_EQ("-ansi", "-ansi");
	BOTH_EQ("--target=x86_64-linux-gnu", "--target=x86_64-linux-gnu");
	BOTH_EQ("--target=aarch64-none-elf", "-target", "aarch64-none-elf");
	BOTH_EQ("-m32", "-m32");
	BOTH_EQ("-m64", "-m64");
	BOTH_EQ("-march=x86-64-v2", "-march=x86-64-v2");
	BOTH_EQ("-mcpu=cortex-a53+crc", "-mcpu=cortex-a53+crc");
	BOTH_EQ("-mno-red-zone", "-mno-red-zone");
	BOTH_EQ("-msse4.2", "-msse4.2");
	BOTH_EQ("-mcmodel=kernel", "-mcmodel=kernel");
	BOTH_EQ("-mstack-protector-guard-symbol=__ref_stack_chk_guard",
		"-mstack-protector-guard-symbol=__ref_stack_chk_guard");
	/* In order, inputs and other options left out. */
	BOTH_EQ("-DA | -I" DIR "/inc | -UB | -m64", "-c", "-DA", "-o", "a.o",
		"-I", "inc", "a.c", "-UB", "-g", "-m64", "-MD");
}

static void language_options_pass_to_libclang_only(void **state)
{
	(void)state;
	PARSE_ONLY("-xc++", "-x", "c++");
	PARSE_ONLY("-xc", "-xc");
	PARSE_ONLY("-xc-header", "-x", "c-header");
	PARSE_ONLY("-nostdinc++", "-nostdinc++");
	PARSE_ONLY("-nostdlibinc", "-nostdlibinc");
	PARSE_ONLY("-nobuiltininc", "-nobuiltininc");
	PARSE_ONLY("-fno-exceptions", "-fno-exceptions");
	PARSE_ONLY("-fexceptions", "-fexceptions");
	PARSE_ONLY("-fno-rtti", "-fno-rtti");
	PARSE_ONLY("-fms-extensions", "-fms-extensions");
	PARSE_ONLY("-fcoroutines", "-fcoroutines");
	PARSE_ONLY("-fchar8_t", "-fchar8_t");
	PARSE_ONLY("-fno-char8_t", "-fno-char8_t");
	PARSE_ONLY("-fPIC", "-fPIC");
	PARSE_ONLY("-fno-pie", "-fno-pie");
	PARSE_ONLY("-fstack-protector-strong", "-fstack-protector-strong");
	PARSE_ONLY("-ffreestanding", "-ffreestanding");
	PARSE_ONLY("-fgnuc-version=4.2.1", "-fgnuc-version=4.2.1");
	PARSE_ONLY("-fms-compatibility-version=19.29",
		   "-fms-compatibility-version=19.29");
	PARSE_ONLY("-ftemplate-depth=900", "-ftemplate-depth=900");
	PARSE_ONLY("-fno-builtin-memcpy", "-fno-builtin-memcpy");
	PARSE_ONLY("-Wall", "-Wall");
	PARSE_ONLY("-Wno-unused-parameter", "-Wno-unused-parameter");
	PARSE_ONLY("-Werror=format-security", "-Werror=format-security");
	PARSE_ONLY("-Wno-c++11-extensions", "-Wno-c++11-extensions");
	PARSE_ONLY("-w", "-w");
	PARSE_ONLY("-pedantic", "-pedantic");
	PARSE_ONLY("-O2", "-O2");
	PARSE_ONLY("-Os", "-Os");
	PARSE_ONLY("-pthread", "-pthread");
	/* The separate value goes with it for the preprocessor too. */
	assert_string_equal(pass(CCOPTS_CPP, DIR, "-x", "c++", "-DX", NULL),
			    "-DX");
	assert_string_equal(parse("-x", "c", "-DX", NULL), "-xc | -DX");
}

/* Each of these runs a program, writes a file, loads code or reads
 * options from a file: dropped with its value, for both. */
static void options_that_run_write_or_load_are_dropped(void **state)
{
	(void)state;
	DROPPED("-o", "out.o");
	DROPPED("-o", "-DEVIL");
	DROPPED("--output", "-DEVIL");
	DROPPED("-oout.o");
	DROPPED("-M");
	DROPPED("-MM");
	DROPPED("-MD");
	DROPPED("-MMD");
	DROPPED("-MF", "dep.d");
	DROPPED("-MFdep.d");
	DROPPED("-MT", "-DEVIL");
	DROPPED("-MQ", "-DEVIL");
	DROPPED("-MJ", "-DEVIL");
	DROPPED("-Xclang", "-dependency-file", "-Xclang", "victim");
	DROPPED("-Xclang", "-header-include-file", "-Xclang", "victim");
	DROPPED("-Xclang", "-load", "-Xclang", "/tmp/x.so");
	DROPPED("-Xclang", "-DEVIL");
	DROPPED("-dependency-file", "-DEVIL");
	DROPPED("-header-include-file", "-DEVIL");
	DROPPED("-H");
	DROPPED("-fmodules");
	DROPPED("-fmodules-cache-path=/tmp/cache");
	DROPPED("-fimplicit-modules");
	DROPPED("-fmodule-map-file=/tmp/m");
	DROPPED("-module-dependency-dir", "-DEVIL");
	DROPPED("--serialize-diagnostics", "-DEVIL");
	DROPPED("-serialize-diagnostics", "-DEVIL");
	DROPPED("-ftime-trace");
	DROPPED("-ftime-trace=/tmp/t.json");
	DROPPED("-ftime-trace-granularity=0");
	DROPPED("-save-temps");
	DROPPED("-save-temps=obj");
	DROPPED("-fprofile-generate");
	DROPPED("-fprofile-generate=/tmp/p");
	DROPPED("-fprofile-instr-generate=/tmp/p.raw");
	DROPPED("-fprofile-arcs");
	DROPPED("-fprofile-use=/tmp/p");
	DROPPED("-fcrash-diagnostics-dir=/tmp/c");
	DROPPED("-fplugin=/tmp/x.so");
	DROPPED("-fplugin-arg-x-y");
	DROPPED("-fpass-plugin=/tmp/x.so");
	DROPPED("-load", "-DEVIL");
	DROPPED("-wrapper", "/bin/sh,-c,id");
	DROPPED("-B/tmp/evil");
	DROPPED("-B", "-DEVIL");
	DROPPED("-specs=/tmp/specs");
	DROPPED("--config", "-DEVIL");
	DROPPED("--config=/tmp/x.cfg");
	DROPPED("@/tmp/rsp");
	DROPPED("-Wp,-MD,/tmp/dep");
	DROPPED("-Wl,-rpath,/x");
	DROPPED("-Wa,-adhln=/tmp/x");
	DROPPED("-Xpreprocessor", "-MD");
	DROPPED("-mllvm", "-stats");
	DROPPED("-mllvm=-stats");
	DROPPED("-module-file-info");
	DROPPED("-working-directory", "-DEVIL");
	DROPPED("-ivfsoverlay", "-DEVIL");
	DROPPED("-isysroot", "-DEVIL");
	DROPPED("-include-pch", "-DEVIL");
	DROPPED("--driver-mode=cl");
	DROPPED("-c");
	DROPPED("-E");
	DROPPED("-P");
	DROPPED("-g");
	DROPPED("-fsyntax-only");
	DROPPED("-fvisibility=hidden");
	DROPPED("main.c");
}

/* A value is never read as an option: it is joined to its option, and
 * one that is no value of it drops the option. */
static void values_never_become_options(void **state)
{
	(void)state;
	DROPPED("-D", "-wrapper");
	DROPPED("-D", "X -wrapper /bin/sh,-c,id>PWNED");
	DROPPED("-DX -wrapper /bin/sh,-c,id>PWNED");
	DROPPED("-D", "X=1\n#include </etc/passwd>");
	DROPPED("-D");
	DROPPED("-D", "");
	DROPPED("-U", "X=1");
	DROPPED("-U", "-wrapper");
	DROPPED("-I-");
	DROPPED("-I");
	DROPPED("-std=");
	DROPPED("-std=-wrapper");
	DROPPED("--target=-wrapper");
	DROPPED("-target", "-wrapper");
	DROPPED("-march=/tmp/x");
	DROPPED("-m");
	DROPPED("--", "-DX");
	assert_string_equal(parse("-x", "assembler", NULL), "");
	/* Joined, a value starting with '-' stays a value. */
	BOTH_EQ("-DX=-wrapper", "-DX=-wrapper");
	/* Separate, a path starting with '-' is a folder of that name. */
	BOTH_EQ("-I" DIR "/-wrapper", "-I", "-wrapper");
	BOTH_EQ("-I" DIR "/-wrapper | -DX", "-I", "-wrapper", "-DX");
}

static void include_of_a_fifo_or_a_device_is_dropped(void **state)
{
	char dir[] = "/tmp/vaslint-test-ccopts-XXXXXX", fifo[64], reg[64];
	char want[128];
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(fifo, sizeof(fifo), "%s/fifo.h", dir);
	snprintf(reg, sizeof(reg), "%s/reg.h", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_non_null(f = fopen(reg, "w"));
	fclose(f);
	DROPPED("-include", fifo);
	DROPPED("-imacros", fifo);
	assert_string_equal(pass(CCOPTS_PARSE, dir, "-include", "fifo.h", NULL),
			    "");
	DROPPED("-include", "/dev/zero");
	DROPPED("-include/dev/stdin");
	snprintf(want, sizeof(want), "-include%s", reg);
	BOTH_EQ(want, "-include", reg);
	/* A folder of FIFOs is still a folder: -I reads what is included. */
	snprintf(want, sizeof(want), "-I%s", dir);
	BOTH_EQ(want, "-I", dir);
	unlink(fifo);
	unlink(reg);
	rmdir(dir);
}

static void relative_paths_need_a_folder(void **state)
{
	(void)state;
	assert_string_equal(pass(CCOPTS_PARSE, NULL, "-Iinc", "-I/abs", NULL),
			    "-I/abs");
	assert_string_equal(pass(CCOPTS_PARSE, "/", "-Iinc", NULL), "-I/inc");
	assert_string_equal(pass(CCOPTS_PARSE, "/a/b/", "-I", "./c", NULL),
			    "-I/a/b/c");
	/* The entry's folder becomes part of the word: a line break in it
	 * drops the path as one in the value would (a fuzz finding). */
	assert_string_equal(
	    pass(CCOPTS_CPP, "/tmp/\rx", "-I", "inc", "-I/abs", NULL),
	    "-I/abs");
	assert_string_equal(
	    pass(CCOPTS_PARSE, "/a\nb", "-include", "h.h", NULL), "");
}

static void cpp_flags_are_split_at_white_space_and_refused_by_name(void **state)
{
	ccopts o = {0};
	vl_error err = {0};
	char *cwd = getcwd(NULL, 0), want[4096];

	(void)state;
	assert_true(ccopts_from_text("-DBOARD=0x2000 \t-Iinclude\n-I /abs -m32",
				     CCOPTS_CPP, &o, &err));
	assert_int_equal(o.n, 4);
	assert_string_equal(o.v[0], "-DBOARD=0x2000");
	snprintf(want, sizeof(want), "-I%s/include", cwd);
	assert_string_equal(o.v[1], want);
	assert_string_equal(o.v[2], "-I/abs");
	assert_string_equal(o.v[3], "-m32");
	ccopts_free(&o);
	assert_true(ccopts_from_text("", CCOPTS_CPP, &o, &err));
	assert_int_equal(o.n, 0);
	/* The reproducer of the issue, typed: refused, by name. */
	assert_false(ccopts_from_text("-DX -wrapper /bin/sh,-c,id>PWNED",
				      CCOPTS_CPP, &o, &err));
	assert_non_null(strstr(err.msg, "--cpp-flags: '-wrapper' is not an "
					"option vaslint passes"));
	ccopts_free(&o);
	assert_false(ccopts_from_text("-DX=a b", CCOPTS_CPP, &o, &err));
	assert_non_null(strstr(err.msg, "'b'"));
	ccopts_free(&o);
	assert_false(ccopts_from_text("-DX -I", CCOPTS_CPP, &o, &err));
	assert_non_null(strstr(err.msg, "'-I'"));
	ccopts_free(&o);
	assert_false(ccopts_from_text("-fno-exceptions", CCOPTS_CPP, &o, &err));
	ccopts_free(&o);
	vl_error_free(&err);
	free(cwd);
}

static void allowed_accepts_only_what_the_filter_makes(void **state)
{
	static const char *const parse_ok[] = {
	    "-DX",	    "-DX=1",	    "-UX",
	    "-I/a",	    "-iquote/a",    "-isystem/a",
	    "-idirafter/a", "-include/a.h", "-imacros/a.h",
	    "--sysroot=/s", "-std=c11",	    "--target=arm-none-eabi",
	    "-m32",	    "-xc++",	    "-fno-rtti",
	    "-Wall",	    "-w",	    "-O2"};
	static const char *const never[] = {"-Ia",
					    "-I",
					    "-D",
					    "-DX Y",
					    "-o",
					    "-oout",
					    "-MF",
					    "-MD",
					    "-Xclang",
					    "-load",
					    "-fplugin=/x.so",
					    "-fmodules",
					    "-fmodules-cache-path=/x",
					    "-Wp,-MD,/x",
					    "-Wl,-x",
					    "-mllvm",
					    "-module-dependency-dir",
					    "-save-temps",
					    "-ftime-trace",
					    "-fprofile-generate",
					    "@/x",
					    "-B/x",
					    "-wrapper",
					    "--config=/x",
					    "-target",
					    "--target=",
					    "/abs/input.c",
					    "",
					    "-",
					    "--"};

	(void)state;
	for (size_t i = 0; i < sizeof(parse_ok) / sizeof(parse_ok[0]); i++)
		if (!ccopts_allowed(parse_ok[i], CCOPTS_PARSE))
			fail_msg("'%s' should be allowed", parse_ok[i]);
	for (size_t i = 0; i < sizeof(never) / sizeof(never[0]); i++)
		if (ccopts_allowed(never[i], CCOPTS_PARSE) ||
		    ccopts_allowed(never[i], CCOPTS_CPP))
			fail_msg("'%s' should not be allowed", never[i]);
	assert_true(ccopts_allowed("-DX", CCOPTS_CPP));
	assert_false(ccopts_allowed("-xc", CCOPTS_CPP));
	assert_false(ccopts_allowed("-Wall", CCOPTS_CPP));
	assert_false(ccopts_allowed("-fno-exceptions", CCOPTS_CPP));
	assert_false(ccopts_allowed("-O2", CCOPTS_CPP));
}

/* ---- $CC, $LD and --ld -------------------------------------------------- */

static char dropped_words[4096], command_error[4096];

/* The words ccopts_command keeps for var's value, joined with " | ", the
 * words it drops in dropped_words the same way; NULL when it refuses the
 * value, its message in command_error. */
static const char *command(ccopts_tool tool, const char *var, const char *value)
{
	static char out[4096];
	ccopts cmd = {0}, dropped = {0};
	vl_error err = {0};
	bool ok = ccopts_command(tool, var, value, &cmd, &dropped, &err);

	out[0] = dropped_words[0] = command_error[0] = 0;
	if (!ok) {
		assert_non_null(err.msg);
		snprintf(command_error, sizeof(command_error), "%s", err.msg);
		assert_int_equal(cmd.n, 0);
		assert_int_equal(dropped.n, 0);
	}
	for (size_t i = 0; i < cmd.n; i++) {
		if (i)
			strcat(out, " | ");
		strcat(out, cmd.v[i]);
	}
	for (size_t i = 0; i < dropped.n; i++) {
		if (i)
			strcat(dropped_words, " | ");
		strcat(dropped_words, dropped.v[i]);
	}
	ccopts_free(&cmd);
	ccopts_free(&dropped);
	vl_error_free(&err);
	return ok ? out : NULL;
}

static const char *cc(const char *value)
{
	return command(CCOPTS_CC, "$CC", value);
}

static const char *ld(const char *value)
{
	return command(CCOPTS_LD, "$LD", value);
}

/* The words ccopts_split makes of value, joined with " | "; NULL when it
 * refuses it. */
static const char *split(const char *value)
{
	static char out[4096];
	ccopts o = {0};
	vl_error err = {0};
	bool ok = ccopts_split("$CC", value, &o, &err);

	out[0] = command_error[0] = 0;
	if (!ok)
		snprintf(command_error, sizeof(command_error), "%s", err.msg);
	for (size_t i = 0; i < o.n; i++) {
		if (i)
			strcat(out, " | ");
		strcat(out, o.v[i]);
	}
	ccopts_free(&o);
	vl_error_free(&err);
	return ok ? out : NULL;
}

static void split_reads_quotes_and_backslashes_as_sh_does(void **state)
{
	(void)state;
	/* \t outside quotes is a plain t; a line continued is nothing. */
	assert_string_equal(split("  gcc\\t-m32 a\\\nb"), "gcct-m32 | ab");
	assert_string_equal(split(" \t gcc \t -m32\n"), "gcc | -m32");
	assert_string_equal(split("'/opt/my cc/bin/gcc' -DX=1"),
			    "/opt/my cc/bin/gcc | -DX=1");
	assert_string_equal(split("\"a b\"c 'd'\"e\" f\\ g"),
			    "a bc | de | f g");
	/* In "...", \ makes only $ ` " \ plain; elsewhere any character. */
	assert_string_equal(split("\"\\$\\x\" \\$ \\;"), "$\\x | $ | ;");
	/* A quoted metacharacter is text, as sh reads it: no shell is
	 * needed to pass it on. */
	assert_string_equal(split("'-DX=$(Y)' \"a;b|c\""), "-DX=$(Y) | a;b|c");
	/* No expansion: globs and ~ stay as written. */
	assert_string_equal(split("~/bin/gcc -I/opt/*/include"),
			    "~/bin/gcc | -I/opt/*/include");
	/* '' is an empty word, as in sh. */
	assert_string_equal(split("'' x"), " | x");
	assert_string_equal(split(""), "");
	assert_string_equal(split(" \t\n "), "");
}

static void split_refuses_what_needs_a_shell_naming_the_variable(void **state)
{
	static const char *const bad[] = {
	    "gcc $(X)", "gcc `x`", "gcc; rm -rf /", "gcc | tee", "gcc && x",
	    "gcc > x",	"gcc < x", "(gcc)",	    "gcc $X",	 "\"$HOME\"",
	    "\"`id`\"", "gcc 'x",  "gcc \"x",	    "gcc x\\"};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (split(bad[i]))
			fail_msg("'%s' should be refused", bad[i]);
	assert_null(split("gcc $(X)"));
	assert_string_equal(command_error,
			    "$CC is 'gcc $(X)': '$' would need a shell, and "
			    "the command is not run through a shell (vaslint "
			    "splits it into words at white space and quotes "
			    "only)");
	assert_null(split("gcc; rm"));
	assert_non_null(strstr(command_error, "$CC is 'gcc; rm': ';' would "
					      "need a shell"));
	assert_null(split("\"$X\""));
	assert_non_null(strstr(command_error, "'$' inside \"...\" would"));
	assert_null(split("gcc 'x"));
	assert_string_equal(command_error,
			    "$CC is 'gcc 'x': a ' is not closed");
	assert_null(split("gcc \"x"));
	assert_string_equal(command_error,
			    "$CC is 'gcc \"x': a \" is not closed");
	assert_null(split("gcc \\"));
	assert_non_null(strstr(command_error, "ends in a backslash"));
}

static void cc_keeps_the_program_and_the_allowed_options(void **state)
{
	(void)state;
	assert_string_equal(cc("gcc -m32"), "gcc | -m32");
	assert_string_equal(dropped_words, "");
	assert_string_equal(cc("'/opt/my cc/bin/gcc' -DX=1"),
			    "/opt/my cc/bin/gcc | -DX=1");
	assert_string_equal(
	    cc("arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -D BASE=0x8000000"),
	    "arm-none-eabi-gcc | -mcpu=cortex-m4 | -mthumb | -DBASE=0x8000000");
	assert_string_equal(cc("clang --target=aarch64-linux-gnu -std=gnu11"),
			    "clang | --target=aarch64-linux-gnu | -std=gnu11");
	assert_string_equal(cc("/usr/bin/gcc"), "/usr/bin/gcc");
	/* Empty or white space only: unset, the caller runs cc. */
	assert_string_equal(cc(""), "");
	assert_string_equal(cc("  \t"), "");
	assert_string_equal(dropped_words, "");
}

static void cc_relative_include_is_made_absolute(void **state)
{
	char *cwd = getcwd(NULL, 0), want[4096];

	(void)state;
	snprintf(want, sizeof(want), "gcc | -I%s/include", cwd);
	assert_string_equal(cc("gcc -I include"), want);
	free(cwd);
}

static void cc_launcher_keeps_its_compiler(void **state)
{
	(void)state;
	assert_string_equal(cc("ccache gcc"), "ccache | gcc");
	assert_string_equal(cc("/usr/bin/ccache gcc -m32"),
			    "/usr/bin/ccache | gcc | -m32");
	assert_string_equal(cc("distcc arm-none-eabi-gcc"),
			    "distcc | arm-none-eabi-gcc");
	assert_string_equal(cc("sccache clang"), "sccache | clang");
	assert_string_equal(cc("icecc gcc"), "icecc | gcc");
	assert_string_equal(dropped_words, "");
	/* A launcher alone, or with an option where the compiler goes. */
	assert_null(cc("ccache"));
	assert_string_equal(command_error, "$CC is 'ccache': ccache runs the "
					   "compiler named after it, and none "
					   "follows");
	assert_null(cc("ccache -m32 gcc"));
	/* Not a launcher: a second program is a word the allow-list
	 * drops, with a warning. */
	assert_string_equal(cc("./wrap gcc"), "./wrap");
	assert_string_equal(dropped_words, "gcc");
}

static void cc_drops_what_the_allow_list_drops_one_word_each(void **state)
{
	(void)state;
	assert_string_equal(cc("gcc -wrapper x"), "gcc");
	assert_string_equal(dropped_words, "-wrapper | x");
	assert_string_equal(cc("gcc -m32 -B /x -O2 -DA @file -fplugin=/p.so"),
			    "gcc | -m32 | -DA");
	assert_string_equal(dropped_words,
			    "-B | /x | -O2 | @file | -fplugin=/p.so");
	/* A value starting with '-' stays the value of its option. */
	assert_string_equal(cc("gcc -D -wrapper"), "gcc");
	assert_string_equal(dropped_words, "-D | -wrapper");
	assert_string_equal(cc("gcc -- -DX"), "gcc | -DX");
	assert_string_equal(dropped_words, "--");
	/* The same refusals as the split. */
	assert_null(cc("gcc $(X)"));
	assert_null(cc("gcc; rm"));
	assert_null(cc("gcc '-m32"));
	assert_non_null(strstr(command_error, "$CC is"));
}

static void ld_keeps_the_program_and_its_emulation(void **state)
{
	(void)state;
	assert_string_equal(ld("ld.bfd"), "ld.bfd");
	assert_string_equal(ld("ld.bfd -m elf_i386"), "ld.bfd | -m | elf_i386");
	assert_string_equal(dropped_words, "");
	assert_string_equal(ld("ld -melf_i386"), "ld | -m | elf_i386");
	assert_string_equal(ld("'/opt/x tools/ld' -m aarch64linux"),
			    "/opt/x tools/ld | -m | aarch64linux");
	/* Everything else, and an earlier -m, is dropped with a warning. */
	assert_string_equal(ld("ld -z max-page-size=4096 -m elf_x86_64 "
			       "--verbose -m elf_i386 -T x.ld"),
			    "ld | -m | elf_i386");
	assert_string_equal(dropped_words,
			    "-z | max-page-size=4096 | -m | "
			    "elf_x86_64 | --verbose | -T | x.ld");
	assert_string_equal(ld("ld -wrapper x"), "ld");
	assert_string_equal(dropped_words, "-wrapper | x");
	/* -m without an emulation name is no emulation. */
	assert_string_equal(ld("ld -m"), "ld");
	assert_string_equal(dropped_words, "-m");
	assert_string_equal(ld("ld -m -x"), "ld");
	assert_string_equal(dropped_words, "-m | -x");
	assert_string_equal(ld("ld -march=x"), "ld");
	/* No launcher for ld: ccache's second word is dropped. */
	assert_string_equal(ld("ccache ld"), "ccache");
	assert_string_equal(dropped_words, "ld");
	assert_string_equal(ld(""), "");
	assert_null(command(CCOPTS_LD, "--ld", "ld `x`"));
	assert_non_null(strstr(command_error, "--ld is 'ld `x`': '`' would"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(preprocessor_options_pass_in_both_spellings),
	    cmocka_unit_test(language_options_pass_to_libclang_only),
	    cmocka_unit_test(options_that_run_write_or_load_are_dropped),
	    cmocka_unit_test(values_never_become_options),
	    cmocka_unit_test(include_of_a_fifo_or_a_device_is_dropped),
	    cmocka_unit_test(relative_paths_need_a_folder),
	    cmocka_unit_test(
		cpp_flags_are_split_at_white_space_and_refused_by_name),
	    cmocka_unit_test(allowed_accepts_only_what_the_filter_makes),
	    cmocka_unit_test(split_reads_quotes_and_backslashes_as_sh_does),
	    cmocka_unit_test(
		split_refuses_what_needs_a_shell_naming_the_variable),
	    cmocka_unit_test(cc_keeps_the_program_and_the_allowed_options),
	    cmocka_unit_test(cc_relative_include_is_made_absolute),
	    cmocka_unit_test(cc_launcher_keeps_its_compiler),
	    cmocka_unit_test(cc_drops_what_the_allow_list_drops_one_word_each),
	    cmocka_unit_test(ld_keeps_the_program_and_its_emulation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
