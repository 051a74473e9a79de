/* The allow-list of compile options (ccopts.h). */
#include "ccopts.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- The vector --------------------------------------------------------- */

bool ccopts_push(ccopts *o, char *word)
{
	if (!word) {
		o->oom = true;
		return false;
	}
	if (o->n + 2 > o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 16;
		char **v = realloc(o->v, cap * sizeof(*v));
		if (!v) {
			free(word);
			o->oom = true;
			return false;
		}
		o->v = v;
		o->cap = cap;
	}
	o->v[o->n++] = word;
	o->v[o->n] = NULL;
	return true;
}

void ccopts_free(ccopts *o)
{
	for (size_t i = 0; i < o->n; i++)
		free(o->v[i]);
	free(o->v);
	memset(o, 0, sizeof(*o));
}

char *ccopts_path(const char *dir, const char *path)
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
	if (dl == 1 && dir[0] == '/')
		return vl_strprintf("/%s", path);
	return vl_strprintf("%.*s/%s", (int)dl, dir, path);
}

/* ---- The allow-list ----------------------------------------------------- */

typedef enum vkind {
	V_NONE,	 /* a flag: the word alone */
	V_PATH,	 /* a folder, made absolute */
	V_FILE,	 /* a file read as source, made absolute: a FIFO or a device
		  * would block the compiler or never end, so only a regular
		  * file passes (or none: the compiler says it is missing) */
	V_MACRO, /* NAME, NAME=VALUE or NAME(PARAMS)=VALUE */
	V_NAME,	 /* an identifier */
	V_WORD,	 /* letters, digits and . _ + , : - (gnu11, x86_64-linux-gnu) */
	V_LANG,	 /* a language -x names */
} vkind;

enum { JOINED = 1, SEPARATE = 2 };

#define CPP   (1u << CCOPTS_CPP)
#define PARSE (1u << CCOPTS_PARSE)
#define BOTH  (CPP | PARSE)

typedef struct rule {
	const char *in;	 /* the spelling given */
	const char *out; /* the spelling passed on, the value joined to it */
	vkind value;
	unsigned form; /* JOINED, SEPARATE: where the value may be */
	unsigned uses;
} rule;

/* The options with a fixed spelling; -m, -W and the -f switches are
 * patterns (below). */
static const rule rules[] = {
    /* What the preprocessor reads: macros, include folders, files. */
    {"-D", "-D", V_MACRO, JOINED | SEPARATE, BOTH},
    {"-U", "-U", V_NAME, JOINED | SEPARATE, BOTH},
    {"-I", "-I", V_PATH, JOINED | SEPARATE, BOTH},
    {"-iquote", "-iquote", V_PATH, JOINED | SEPARATE, BOTH},
    {"-isystem", "-isystem", V_PATH, JOINED | SEPARATE, BOTH},
    {"-idirafter", "-idirafter", V_PATH, JOINED | SEPARATE, BOTH},
    {"-include", "-include", V_FILE, JOINED | SEPARATE, BOTH},
    {"-imacros", "-imacros", V_FILE, JOINED | SEPARATE, BOTH},
    {"--sysroot=", "--sysroot=", V_PATH, JOINED, BOTH},
    {"--sysroot", "--sysroot=", V_PATH, SEPARATE, BOTH},
    {"-nostdinc", "-nostdinc", V_NONE, 0, BOTH},
    {"-undef", "-undef", V_NONE, 0, BOTH},
    {"-nostdinc++", "-nostdinc++", V_NONE, 0, PARSE},
    {"-nostdlibinc", "-nostdlibinc", V_NONE, 0, PARSE},
    {"-nobuiltininc", "-nobuiltininc", V_NONE, 0, PARSE},
    /* The language and its standard. */
    {"-std=", "-std=", V_WORD, JOINED, BOTH},
    {"--std=", "-std=", V_WORD, JOINED, BOTH},
    {"-ansi", "-ansi", V_NONE, 0, BOTH},
    {"-x", "-x", V_LANG, JOINED | SEPARATE, PARSE},
    /* The target (and the -m options, a pattern). */
    {"--target=", "--target=", V_WORD, JOINED, BOTH},
    {"-target", "--target=", V_WORD, SEPARATE, BOTH},
    /* What predefines macros: __OPTIMIZE__, __NO_INLINE__, _REENTRANT. */
    {"-O", "-O", V_NONE, 0, PARSE},
    {"-O0", "-O0", V_NONE, 0, PARSE},
    {"-O1", "-O1", V_NONE, 0, PARSE},
    {"-O2", "-O2", V_NONE, 0, PARSE},
    {"-O3", "-O3", V_NONE, 0, PARSE},
    {"-Os", "-Os", V_NONE, 0, PARSE},
    {"-Oz", "-Oz", V_NONE, 0, PARSE},
    {"-Og", "-Og", V_NONE, 0, PARSE},
    {"-Ofast", "-Ofast", V_NONE, 0, PARSE},
    {"-pthread", "-pthread", V_NONE, 0, PARSE},
    /* Which diagnostics show (and -W..., a pattern). */
    {"-w", "-w", V_NONE, 0, PARSE},
    {"-pedantic", "-pedantic", V_NONE, 0, PARSE},
    {"-pedantic-errors", "-pedantic-errors", V_NONE, 0, PARSE},
    /* Dialect settings with a value. */
    {"-fms-compatibility-version=", "-fms-compatibility-version=", V_WORD,
     JOINED, PARSE},
    {"-fmsc-version=", "-fmsc-version=", V_WORD, JOINED, PARSE},
    {"-fgnuc-version=", "-fgnuc-version=", V_WORD, JOINED, PARSE},
    {"-faligned-new=", "-faligned-new=", V_WORD, JOINED, PARSE},
    {"-fpack-struct=", "-fpack-struct=", V_WORD, JOINED, PARSE},
    {"-fmax-type-align=", "-fmax-type-align=", V_WORD, JOINED, PARSE},
    {"-fconstexpr-depth=", "-fconstexpr-depth=", V_WORD, JOINED, PARSE},
    {"-fconstexpr-steps=", "-fconstexpr-steps=", V_WORD, JOINED, PARSE},
    {"-ftemplate-depth=", "-ftemplate-depth=", V_WORD, JOINED, PARSE},
    {"-fbracket-depth=", "-fbracket-depth=", V_WORD, JOINED, PARSE},
    {"-fcf-protection=", "-fcf-protection=", V_WORD, JOINED, PARSE},
    {"-fno-builtin-", "-fno-builtin-", V_NAME, JOINED, PARSE},
};

#define NRULES (sizeof(rules) / sizeof(rules[0]))

/* The -f switches that change the language or its dialect (GCC's "C
 * Dialect Options" and "C++ Dialect Options", clang's language options),
 * and the code generation switches that predefine macros (__PIC__,
 * __SSP__, __FAST_MATH__, __CET__), each also as -fno-NAME.  Sorted (by
 * strcmp) for bsearch.  Not -fplugin=, -fmodules*, -fprofile-*,
 * -ftime-trace, -fcrash-diagnostics-dir= or any other -f: each of those
 * loads code or writes files. */
static const char *const f_switches[] = {
    "PIC",
    "PIE",
    "access-control",
    "aligned-allocation",
    "aligned-new",
    "asm",
    "blocks",
    "borland-extensions",
    "builtin",
    "cf-protection",
    "char8_t",
    "coroutines",
    "coroutines-ts",
    "cxx-exceptions",
    "declspec",
    "delayed-template-parsing",
    "digraphs",
    "dollars-in-identifiers",
    "double-square-bracket-attributes",
    "enable-matrix",
    "exceptions",
    "fast-math",
    "finite-math-only",
    "fixed-point",
    "freestanding",
    "gnu-inline-asm",
    "gnu-keywords",
    "gnu89-inline",
    "hosted",
    "math-errno",
    "ms-compatibility",
    "ms-extensions",
    "openmp",
    "openmp-simd",
    "operator-names",
    "pack-struct",
    "pascal-strings",
    "permissive",
    "pic",
    "pie",
    "relaxed-template-template-args",
    "rtti",
    "short-enums",
    "short-wchar",
    "signed-bitfields",
    "signed-char",
    "sized-deallocation",
    "stack-protector",
    "stack-protector-all",
    "stack-protector-strong",
    "threadsafe-statics",
    "trigraphs",
    "unsigned-bitfields",
    "unsigned-char",
    "zvector",
};

/* Options whose value is the next word, dropped with it: without this
 * their value would be read as an option or an input of its own. */
static const char *const dropped_with_value[] = {
    "-o",
    "-MF",
    "-MT",
    "-MQ",
    "-MJ",
    "-Xclang",
    "-Xpreprocessor",
    "-Xassembler",
    "-Xlinker",
    "-Xanalyzer",
    "-Xopenmp-target",
    "-Xarch_host",
    "-Xarch_device",
    "-Xcuda-fatbinary",
    "-Xcuda-ptxas",
    "-mllvm",
    "-load",
    "-wrapper",
    "--config",
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
    "-F",
    "-gcc-toolchain",
    "-aux-info",
    "-working-directory",
    "--serialize-diagnostics",
    "-serialize-diagnostics",
    "-module-dependency-dir",
    "-dependency-file",
    "-dependency-dot",
    "-header-include-file",
    "-ivfsoverlay",
    "-isysroot",
    "-iprefix",
    "-iwithprefix",
    "-iwithprefixbefore",
    "-iwithsysroot",
    "-iframework",
    "-imultilib",
    "-imultiarch",
    "-cxx-isystem",
    "-include-pch",
    "--output",
};

static bool is_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(int c)
{
	return is_lower(c) || (c >= 'A' && c <= 'Z') || is_digit(c);
}

static bool ident_start(int c)
{
	return (is_alnum(c) && !is_digit(c)) || c == '_';
}

static bool ident(int c)
{
	return is_alnum(c) || c == '_';
}

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* A value that is one word of the kinds the compilers take: a standard
 * (gnu++17), a triple, a version, a number. */
static bool word_ok(const char *v)
{
	if (!*v || *v == '-')
		return false;
	for (; *v; v++)
		if (!is_alnum((unsigned char)*v) && !strchr("._+,:-", *v))
			return false;
	return true;
}

/* NAME, NAME=VALUE, NAME(PARAMS)=VALUE; an identifier alone when
 * !define.  No line breaks: the compiler would read the rest as a new
 * line of source. */
static bool macro_ok(const char *v, bool define)
{
	const char *p = v;

	if (!ident_start((unsigned char)*p))
		return false;
	while (ident((unsigned char)*p))
		p++;
	if (!define)
		return !*p;
	if (*p == '(') {
		for (p++; *p && *p != ')'; p++)
			if (!ident((unsigned char)*p) && !strchr(", .", *p))
				return false;
		if (*p++ != ')')
			return false;
	}
	if (*p == '=')
		return !strpbrk(p, "\n\r");
	return !*p;
}

static bool lang_ok(const char *v)
{
	return !strcmp(v, "c") || !strcmp(v, "c++") || !strcmp(v, "c-header") ||
	       !strcmp(v, "c++-header");
}

static bool path_ok(const char *v)
{
	return *v && !strpbrk(v, "\n\r");
}

static bool value_ok(vkind k, const char *v)
{
	switch (k) {
	case V_NONE:
		return !*v;
	case V_PATH:
	case V_FILE:
		return path_ok(v);
	case V_MACRO:
		return macro_ok(v, true);
	case V_NAME:
		return macro_ok(v, false);
	case V_WORD:
		return word_ok(v);
	case V_LANG:
		return lang_ok(v);
	}
	return false;
}

/* -m target options (-m32, -march=x86-64-v2, -mno-red-zone, -msse4.2,
 * -mcmodel=kernel): a name of lowercase letters, digits, '.' and '-', a
 * value of letters, digits and . _ + , : - (no path).  Not -mllvm (its
 * value is an LLVM option, and some of those write files), -module-*
 * (clang's module dependency folder and file info), -multi* or -mlink*
 * (Darwin's linker, bitcode linking). */
static bool target_option(const char *a)
{
	static const char *const not_target[] = {"llvm", "odule", "ulti",
						 "link"};
	const char *name = a + 2;
	size_t len = strcspn(name, "=");

	if (!len || !(is_lower((unsigned char)name[0]) ||
		      is_digit((unsigned char)name[0])))
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_lower((unsigned char)name[i]) &&
		    !is_digit((unsigned char)name[i]) && !strchr(".-", name[i]))
			return false;
	for (size_t i = 0; i < sizeof(not_target) / sizeof(not_target[0]); i++)
		if (starts_with(name, not_target[i]))
			return false;
	return !name[len] || word_ok(name + len + 1);
}

/* -W options choose which diagnostics clang shows and nothing else.  Not
 * -Wl, -Wp, or -Wa, (options handed to the linker, the preprocessor, the
 * assembler: -Wp,-MD,FILE writes a file), so no ','. */
static bool warning_option(const char *a)
{
	const char *p = a + 2;

	if (!is_lower((unsigned char)*p))
		return false;
	for (; *p; p++)
		if (!is_alnum((unsigned char)*p) && !strchr("_=+.#-", *p))
			return false;
	return true;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool f_switch(const char *a)
{
	const char *name = a + 2;

	if (starts_with(name, "no-"))
		name += 3;
	return bsearch(&name, f_switches,
		       sizeof(f_switches) / sizeof(f_switches[0]),
		       sizeof(f_switches[0]), cmp_str) != NULL;
}

/* The uses a word allowed by a pattern serves (0: none). */
static unsigned pattern_uses(const char *a)
{
	if (a[0] != '-')
		return 0;
	if (a[1] == 'm' && target_option(a))
		return BOTH;
	if (a[1] == 'W' && warning_option(a))
		return PARSE;
	if (a[1] == 'f' && f_switch(a))
		return PARSE;
	return 0;
}

/* The rule for a, the longest spelling that matches; *sep says whether
 * its value is the next word. */
static const rule *find_rule(const char *a, bool *sep)
{
	const rule *best = NULL;
	size_t best_len = 0;

	for (size_t i = 0; i < NRULES; i++) {
		const rule *r = &rules[i];
		size_t len = strlen(r->in);
		bool s;
		if (!strcmp(a, r->in)) {
			if (r->value != V_NONE && !(r->form & SEPARATE))
				continue; /* its value is missing */
			s = r->value != V_NONE;
		} else if (r->value != V_NONE && (r->form & JOINED) &&
			   !strncmp(a, r->in, len)) {
			s = false;
		} else {
			continue;
		}
		if (len > best_len) {
			best = r;
			best_len = len;
			*sep = s;
		}
	}
	return best;
}

static bool in_list(const char *a, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(a, list[i]))
			return true;
	return false;
}

typedef enum took {
	TOOK,
	DROPPED,
	NOMEM,
} took;

/* Pass on rule r's option with value v as one word, or drop it when v is
 * no value of it. */
static took emit(const rule *r, const char *v, bool sep, const char *dir,
		 ccopts *out)
{
	char *p = NULL, *word;
	struct stat st;

	if (!value_ok(r->value, v))
		return DROPPED;
	if (r->value == V_PATH || r->value == V_FILE) {
		/* -I-: an option of its own to gcc, not a folder */
		if (!sep && v[0] == '-')
			return DROPPED;
		if (!(p = ccopts_path(dir, v)))
			return NOMEM;
		/* The entry's directory is part of the word now: it must be
		 * a path the value alone would be (no line break). */
		if (p[0] != '/' || !path_ok(p) ||
		    (r->value == V_FILE && stat(p, &st) == 0 &&
		     !S_ISREG(st.st_mode))) {
			free(p);
			return DROPPED;
		}
		v = p;
	}
	word = vl_strprintf("%s%s", r->out, v);
	free(p);
	return ccopts_push(out, word) ? TOOK : NOMEM;
}

/* The option at args[*i] (with its value): passed on or dropped; *i moves
 * past the words it used. */
static took take(char *const *args, size_t n, size_t *i, const char *dir,
		 ccopts_use use, ccopts *out)
{
	const char *a = args[(*i)++];
	const char *v;
	const rule *r;
	bool sep = false;

	if (a[0] != '-' || !a[1])
		return DROPPED; /* an input, @FILE */
	if (in_list(a, dropped_with_value,
		    sizeof(dropped_with_value) /
			sizeof(dropped_with_value[0]))) {
		if (*i < n)
			(*i)++;
		return DROPPED;
	}
	if (pattern_uses(a) & (1u << use))
		return ccopts_push(out, strdup(a)) ? TOOK : NOMEM;
	if (!(r = find_rule(a, &sep)))
		return DROPPED;
	if (sep) {
		if (*i == n)
			return DROPPED;
		v = args[(*i)++];
	} else {
		v = a + strlen(r->in);
	}
	if (!(r->uses & (1u << use)))
		return DROPPED;
	return emit(r, v, sep, dir, out);
}

bool ccopts_filter(char *const *args, size_t n, const char *dir, ccopts_use use,
		   ccopts *out)
{
	for (size_t i = 0; i < n && strcmp(args[i], "--");)
		if (take(args, n, &i, dir, use, out) == NOMEM)
			return false;
	return !out->oom;
}

/* What to do with words[at, end), which the allow-list does not take:
 * true to go on, false (err set) to stop. */
typedef bool refused_fn(char *const *words, size_t at, size_t end, void *ctx,
			vl_error *err);

/* Every word through the allow-list, relative paths made absolute against
 * the working directory, the words it refuses to refused(): false with
 * err when that stops, or when memory or the working directory cannot be
 * had. */
static bool take_typed(char *const *words, size_t n, ccopts_use use,
		       ccopts *out, vl_error *err, refused_fn *refused,
		       void *ctx)
{
	char *cwd = getcwd(NULL, 0);
	bool ok = true;

	if (!cwd)
		return vl_fail(err, NULL, 0, 0,
			       "cannot find the working directory: %s",
			       strerror(errno));
	for (size_t i = 0; ok && i < n;) {
		size_t at = i;
		took t = take(words, n, &i, cwd, use, out);
		if (t == NOMEM)
			ok = false;
		else if (t == DROPPED && !refused(words, at, i, ctx, err)) {
			free(cwd);
			return false;
		}
	}
	free(cwd);
	return ok && !out->oom ? true : vl_fail_oom(err);
}

static bool cpp_flag_refused(char *const *words, size_t at, size_t end,
			     void *ctx, vl_error *err)
{
	(void)end;
	(void)ctx;
	return vl_fail(err, NULL, 0, 0,
		"--cpp-flags: '%s' is not an option vaslint passes to the "
		"preprocessor, or lacks its value (it takes -D, -U, -I, "
		"-iquote, -isystem, -idirafter, -include, -imacros, -std=, "
		"-m..., --sysroot, --target, -nostdinc and -undef; words are "
		"split at white space)",
		words[at]);
}

bool ccopts_from_text(const char *text, ccopts_use use, ccopts *out,
		      vl_error *err)
{
	ccopts words = {0};
	bool ok = true;

	for (const char *p = text; ok && *p;) {
		size_t len;
		p += strspn(p, " \t\n");
		if (!(len = strcspn(p, " \t\n")))
			break;
		ok = ccopts_push(&words, strndup(p, len));
		p += len;
	}
	ok = ok ? take_typed(words.v, words.n, use, out, err,
			     cpp_flag_refused, NULL)
		: vl_fail_oom(err);
	ccopts_free(&words);
	return ok;
}

typedef struct word_origin {
	const char *origin;
	ccopts_use use;
} word_origin;

static bool word_refused(char *const *words, size_t at, size_t end, void *ctx,
			 vl_error *err)
{
	const word_origin *w = ctx;

	(void)end;
	return vl_fail(err, NULL, 0, 0,
		"%s: '%s' is not an option vaslint passes to %s, or lacks its "
		"value (it takes -D, -U, -I, -iquote, -isystem, -idirafter, "
		"-include, -imacros, -std=, -x, -m..., --sysroot, --target, "
		"-nostdinc, -undef and the -f/-W/-O options that change the "
		"language)",
		w->origin, words[at],
		w->use == CCOPTS_CPP ? "the preprocessor" : "libclang");
}

bool ccopts_from_words(char *const *words, size_t n, const char *origin,
		       ccopts_use use, ccopts *out, vl_error *err)
{
	word_origin w = {origin, use};

	return take_typed(words, n, use, out, err, word_refused, &w);
}

bool ccopts_allowed(const char *word, ccopts_use use)
{
	if (pattern_uses(word) & (1u << use))
		return true;
	for (size_t i = 0; i < NRULES; i++) {
		const rule *r = &rules[i];
		const char *v;
		if (!(r->uses & (1u << use)) || !starts_with(word, r->out))
			continue;
		v = word + strlen(r->out);
		if (!value_ok(r->value, v))
			continue;
		if ((r->value == V_PATH || r->value == V_FILE) && v[0] != '/')
			continue;
		return true;
	}
	return false;
}

/* ---- $CC, $LD and --ld -------------------------------------------------- */

static const char blank[] = " \t\n";

/* What sh would expand or run outside quotes: a command substitution, a
 * variable, a list, a pipe, a redirection, a subshell.  Inside "..." only
 * $ and ` are read so. */
static const char shell_chars[] = "$`;|&<>()";

static bool needs_shell(const char *var, const char *value, char c, bool quoted,
			vl_error *err)
{
	return vl_fail(err, NULL, 0, 0,
		       "%s is '%s': '%c'%s would need a shell, and the command "
		       "is not run through a shell (vaslint splits it into "
		       "words at white space and quotes only)",
		       var, value, c, quoted ? " inside \"...\"" : "");
}

bool ccopts_split(const char *var, const char *value, ccopts *out,
		  vl_error *err)
{
	char *buf = malloc(strlen(value) + 1); /* no word is longer */
	const char *p = value;
	bool ok = false;

	if (!buf)
		return vl_fail_oom(err);
	for (;;) {
		size_t n = 0;
		p += strspn(p, blank);
		if (!*p)
			break;
		while (*p && !strchr(blank, *p)) {
			if (*p == '\'') {
				/* Everything up to the next ' is plain. */
				const char *end = strchr(p + 1, '\'');
				if (!end) {
					vl_fail(err, NULL, 0, 0,
						"%s is '%s': a ' is not closed",
						var, value);
					goto out;
				}
				memcpy(buf + n, p + 1, (size_t)(end - p - 1));
				n += (size_t)(end - p - 1);
				p = end + 1;
			} else if (*p == '"') {
				for (p++; *p && *p != '"'; p++) {
					/* As in sh, \ in "..." makes only
					 * $ ` " \ plain (and drops a line
					 * break); before others it stays. */
					if (*p == '\\' && p[1] &&
					    strchr("$`\"\\\n", p[1])) {
						if (*++p != '\n')
							buf[n++] = *p;
						continue;
					}
					if (*p == '$' || *p == '`') {
						needs_shell(var, value, *p,
							    true, err);
						goto out;
					}
					buf[n++] = *p;
				}
				if (!*p) {
					vl_fail(
					    err, NULL, 0, 0,
					    "%s is '%s': a \" is not closed",
					    var, value);
					goto out;
				}
				p++;
			} else if (*p == '\\') {
				if (!p[1]) {
					vl_fail(err, NULL, 0, 0,
						"%s is '%s': it ends in a "
						"backslash, which escapes "
						"nothing",
						var, value);
					goto out;
				}
				if (p[1] != '\n') /* a line continued */
					buf[n++] = p[1];
				p += 2;
			} else if (strchr(shell_chars, *p)) {
				needs_shell(var, value, *p, false, err);
				goto out;
			} else {
				buf[n++] = *p++;
			}
		}
		if (!ccopts_push(out, strndup(buf, n))) {
			vl_fail_oom(err);
			goto out;
		}
	}
	ok = true;
out:
	free(buf);
	return ok;
}

/* Programs that run the compiler named after them (make runs
 * CC="ccache gcc" as ccache with gcc as its first argument). */
static bool is_launcher(const char *prog)
{
	static const char *const launchers[] = {"ccache", "distcc", "sccache",
						"icecc"};
	const char *slash = strrchr(prog, '/');

	return in_list(slash ? slash + 1 : prog, launchers,
		       sizeof(launchers) / sizeof(launchers[0]));
}

/* An ld emulation name: elf_i386, armelf_linux_eabi, elf64lriscv. */
static bool emulation_ok(const char *v)
{
	if (!*v)
		return false;
	for (; *v; v++)
		if (!ident((unsigned char)*v))
			return false;
	return true;
}

static bool copy_words(ccopts *to, char *const *words, size_t from, size_t end)
{
	for (size_t i = from; i < end; i++)
		if (!ccopts_push(to, strdup(words[i])))
			return false;
	return true;
}

static bool keep_dropped(char *const *words, size_t at, size_t end,
			 void *ctx, vl_error *err)
{
	return copy_words(ctx, words, at, end) || vl_fail_oom(err);
}

/* The words of $CC after the program (and a launcher's compiler): those
 * the allow-list keeps to cmd, the others to dropped. */
static bool cc_options(const ccopts *words, size_t i, ccopts *cmd,
		       ccopts *dropped, vl_error *err)
{
	return take_typed(words->v + i, words->n - i, CCOPTS_CPP, cmd, err,
			  keep_dropped, dropped);
}

/* How many words from words[i] make a -m EMULATION (-m NAME: 2, -mNAME:
 * 1), or 0. */
static size_t emulation_words(const ccopts *words, size_t i)
{
	const char *w = words->v[i];

	if (!strcmp(w, "-m"))
		return i + 1 < words->n && emulation_ok(words->v[i + 1]) ? 2
									 : 0;
	return starts_with(w, "-m") && emulation_ok(w + 2) ? 1 : 0;
}

/* The words of $LD after the program: the last -m EMULATION to cmd, as
 * "-m" "EMULATION", every other word (an earlier -m too) to dropped, in
 * their order. */
static bool ld_options(const ccopts *words, size_t from, ccopts *cmd,
		       ccopts *dropped, vl_error *err)
{
	size_t m_at = 0, m_len = 0; /* the -m that counts: ld takes the last */
	bool ok = true;

	for (size_t i = from, len; i < words->n; i += len ? len : 1)
		if ((len = emulation_words(words, i))) {
			m_at = i;
			m_len = len;
		}
	for (size_t i = from; ok && i < words->n; i++)
		if (!m_len || i < m_at || i >= m_at + m_len)
			ok = ccopts_push(dropped, strdup(words->v[i]));
	if (ok && m_len)
		ok = ccopts_push(cmd, strdup("-m")) &&
		     ccopts_push(cmd, strdup(m_len == 2 ? words->v[m_at + 1]
							: words->v[m_at] + 2));
	return ok ? true : vl_fail_oom(err);
}

/* Every word of from appended to to, which takes them; from is left
 * empty.  False when memory runs out. */
static bool move_words(ccopts *to, ccopts *from)
{
	bool ok = true;

	for (size_t i = 0; i < from->n; i++) {
		if (ok)
			ok = ccopts_push(to, from->v[i]); /* takes it */
		else
			free(from->v[i]);
		from->v[i] = NULL;
	}
	from->n = 0;
	ccopts_free(from);
	return ok;
}

bool ccopts_command(ccopts_tool tool, const char *var, const char *value,
		    ccopts *cmd, ccopts *dropped, vl_error *err)
{
	ccopts words = {0}, kept = {0}, drop = {0};
	size_t i = 0;
	bool ok;

	if (!ccopts_split(var, value, &words, err)) {
		ccopts_free(&words);
		return false;
	}
	if (!words.n)
		return true;
	ok = ccopts_push(&kept, strdup(words.v[i++]));
	if (ok && tool == CCOPTS_CC && is_launcher(words.v[0])) {
		if (i == words.n || words.v[i][0] == '-') {
			vl_fail(err, NULL, 0, 0,
				"%s is '%s': %s runs the compiler named "
				"after it, and none follows",
				var, value, words.v[0]);
			ccopts_free(&words);
			ccopts_free(&kept);
			return false;
		}
		ok = ccopts_push(&kept, strdup(words.v[i++]));
	}
	if (!ok)
		vl_fail_oom(err);
	else if (tool == CCOPTS_CC)
		ok = cc_options(&words, i, &kept, &drop, err);
	else
		ok = ld_options(&words, i, &kept, &drop, err);
	ccopts_free(&words);
	if (!ok) {
		ccopts_free(&kept);
		ccopts_free(&drop);
		return false;
	}
	ok = move_words(cmd, &kept);
	ok = move_words(dropped, &drop) && ok;
	return ok ? true : vl_fail_oom(err);
}

const char *ccopts_dropped_why(ccopts_tool tool)
{
	return tool == CCOPTS_CC
		   ? "vaslint passes on only options that change how the "
		     "code reads"
		   : "vaslint runs the linker only to print its default "
		     "script, with -m EMULATION alone";
}
