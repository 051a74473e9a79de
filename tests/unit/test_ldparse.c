/* Unit tests for analyzer/ldscript: the GNU ld linker-script lexer and
 * parser.  Every construct of the GNU ld manual, the default scripts of
 * every installed binutils target, INCLUDE, cpp line markers, locations and
 * byte ranges, and each error with its place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <elf.h>
#include <glob.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ldscript/parser.h"
#include "ldscript/target.h"

/* ---- Helpers ---- */

static void parse_ok(ls_script *s, const char *text)
{
	vl_error err = {0};

	if (!ls_parse_text("t.ld", text, strlen(text), NULL, s, &err)) {
		print_error("unexpected error %s:%u:%u: %s\n", err.file,
			    err.line, err.column, err.msg);
		fail();
	}
	vl_error_free(&err);
}

static void parse_fail(vl_error *err, const char *text, size_t len)
{
	ls_script s;

	vl_error_free(err);
	assert_false(ls_parse_text("t.ld", text, len, NULL, &s, err));
	/* A failed parse leaves nothing to free. */
	assert_null(s.cmds);
	assert_int_equal(s.nbufs, 0);
}

/* Parse text that must fail and check the whole error. */
static void assert_error(const char *text, unsigned line, unsigned column,
			 const char *msg)
{
	vl_error err = {0};

	parse_fail(&err, text, strlen(text));
	assert_string_equal(err.msg, msg);
	assert_string_equal(err.file, "t.ld");
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, column);
	vl_error_free(&err);
}

static void assert_expr(const ls_expr *x, const char *want)
{
	char *got;

	assert_non_null(x->e);
	got = expr_to_string(x->e);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void assert_node(const expr *e, const char *want)
{
	char *got = expr_to_string(e);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* The bytes a location covers are exactly want. */
static void assert_range(const ls_script *s, const ls_loc *loc,
			 const char *want)
{
	const ls_buffer *b;

	assert_true(loc->buf < s->nbufs);
	b = &s->bufs[loc->buf];
	assert_true(loc->offset <= loc->end && loc->end <= b->len);
	assert_int_equal(loc->end - loc->offset, strlen(want));
	assert_memory_equal(b->text + loc->offset, want, strlen(want));
}

static void assert_loc(const ls_loc *loc, const char *file, unsigned line,
		       unsigned column)
{
	assert_string_equal(loc->file, file);
	assert_int_equal(loc->line, line);
	assert_int_equal(loc->column, column);
}

/* The single SECTIONS command of a script and its i-th command. */
static const ls_cmd *sec_cmd(const ls_script *s, size_t i)
{
	size_t k;

	for (k = 0; k < s->ncmds; k++)
		if (s->cmds[k].kind == LS_CMD_SECTIONS) {
			assert_true(i < s->cmds[k].u.sections.ncmds);
			return &s->cmds[k].u.sections.cmds[i];
		}
	fail();
	return NULL;
}

static const ls_output_section *osec(const ls_script *s, size_t i)
{
	const ls_cmd *c = sec_cmd(s, i);

	assert_int_equal(c->kind, LS_CMD_OUTPUT_SECTION);
	return c->u.section;
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

static void remove_dir(const char *dir)
{
	char pat[PATH_MAX];
	glob_t g;
	size_t i;

	snprintf(pat, sizeof(pat), "%s/*", dir);
	if (glob(pat, 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++)
			unlink(g.gl_pathv[i]);
		globfree(&g);
	}
	rmdir(dir);
}

static char *make_dir(void)
{
	char tmpl[] = "/tmp/ldparse.XXXXXX";
	char *d = mkdtemp(tmpl);

	assert_non_null(d);
	d = strdup(d);
	assert_non_null(d);
	return d;
}

/* ---- Real scripts ---- */

static void test_every_default_ldscript_parses(void **state)
{
	glob_t g;
	size_t i, ok = 0;

	(void)state;
	if (glob("/usr/lib/*/ldscripts/*", 0, NULL, &g) != 0)
		skip();
	for (i = 0; i < g.gl_pathc; i++) {
		ls_script s;
		vl_error err = {0};

		if (ls_parse_file(g.gl_pathv[i], NULL, &s, &err)) {
			size_t k;
			bool sections = false;

			for (k = 0; k < s.ncmds; k++)
				sections |= s.cmds[k].kind == LS_CMD_SECTIONS;
			/* Every default script lays out sections. */
			assert_true(sections);
			ok++;
			ls_script_free(&s);
		} else {
			print_error("%s:%u:%u: %s\n", err.file, err.line,
				    err.column, err.msg);
		}
		vl_error_free(&err);
	}
	print_message("parsed %zu of %zu default linker scripts\n", ok,
		      g.gl_pathc);
	/* All of them, however many targets this machine has scripts for. */
	assert_int_equal(ok, g.gl_pathc);
	assert_true(ok > 0);
	globfree(&g);
}

static void test_ld_verbose_script_parses(void **state)
{
	FILE *f = popen("ld --verbose 2>/dev/null", "r");
	char line[4096], *text = NULL;
	size_t len = 0, k;
	int inside = 0;
	ls_script s;
	const ls_cmd *entry = NULL;

	(void)state;
	if (!f)
		skip();
	while (fgets(line, sizeof(line), f)) {
		size_t n = strlen(line);

		if (strncmp(line, "=======", 7) == 0) {
			inside++;
			continue;
		}
		if (inside != 1)
			continue;
		text = realloc(text, len + n + 1);
		assert_non_null(text);
		memcpy(text + len, line, n + 1);
		len += n;
	}
	pclose(f);
	if (!text)
		skip();
	parse_ok(&s, text);
	for (k = 0; k < s.ncmds; k++)
		if (s.cmds[k].kind == LS_CMD_ENTRY)
			entry = &s.cmds[k];
	assert_non_null(entry);
	assert_string_equal(entry->args[0], "_start");
	assert_true(s.ncmds > 3);
	ls_script_free(&s);
	free(text);
}

/* ---- Top-level commands ---- */

static void test_named_commands_keep_their_arguments(void **state)
{
	ls_script s;
	const char *text =
	    "OUTPUT_FORMAT(\"elf64-x86-64\", \"elf64-x86-64\",\n"
	    "              \"elf64-x86-64\")\n"
	    "OUTPUT_FORMAT(pei-x86-64)\n"
	    "OUTPUT_ARCH(i386:x86-64)\n"
	    "ENTRY(_start)\n"
	    "INPUT(a.o, -lc /lib/x.so)\n"
	    "GROUP(libc.so.6 AS_NEEDED(ld.so lm.so) libc_nonshared.a)\n"
	    "OUTPUT(a.out) TARGET(binary) SEARCH_DIR(\"=/usr/lib\")\n"
	    "STARTUP(crt0.o) EXTERN(sym1 sym2) NOCROSSREFS(.a .b)\n"
	    "NOCROSSREFS_TO(.c .d) FORCE_COMMON_ALLOCATION\n"
	    "INHIBIT_COMMON_ALLOCATION; FORCE_GROUP_ALLOCATION\n"
	    "LD_FEATURE(\"SANE_EXPR\") REGION_ALIAS(\"REGION_TEXT\", ROM);\n";
	static const struct {
		ls_cmd_kind kind;
		const char *keyword;
		const char *args[8];
	} want[] = {
	    {LS_CMD_NAMED,
	     "OUTPUT_FORMAT",
	     {"elf64-x86-64", "elf64-x86-64", "elf64-x86-64"}},
	    {LS_CMD_NAMED, "OUTPUT_FORMAT", {"pei-x86-64"}},
	    {LS_CMD_NAMED, "OUTPUT_ARCH", {"i386:x86-64"}},
	    {LS_CMD_ENTRY, "ENTRY", {"_start"}},
	    {LS_CMD_NAMED, "INPUT", {"a.o", "-lc", "/lib/x.so"}},
	    {LS_CMD_NAMED,
	     "GROUP",
	     {"libc.so.6", "AS_NEEDED", "ld.so", "AS_NEEDED", "lm.so",
	      "libc_nonshared.a"}},
	    {LS_CMD_NAMED, "OUTPUT", {"a.out"}},
	    {LS_CMD_NAMED, "TARGET", {"binary"}},
	    {LS_CMD_NAMED, "SEARCH_DIR", {"=/usr/lib"}},
	    {LS_CMD_NAMED, "STARTUP", {"crt0.o"}},
	    {LS_CMD_NAMED, "EXTERN", {"sym1", "sym2"}},
	    {LS_CMD_NAMED, "NOCROSSREFS", {".a", ".b"}},
	    {LS_CMD_NAMED, "NOCROSSREFS_TO", {".c", ".d"}},
	    {LS_CMD_NAMED, "FORCE_COMMON_ALLOCATION", {NULL}},
	    {LS_CMD_NAMED, "INHIBIT_COMMON_ALLOCATION", {NULL}},
	    {LS_CMD_NAMED, "FORCE_GROUP_ALLOCATION", {NULL}},
	    {LS_CMD_NAMED, "LD_FEATURE", {"SANE_EXPR"}},
	    {LS_CMD_REGION_ALIAS, "REGION_ALIAS", {"REGION_TEXT", "ROM"}},
	};
	size_t i, k;

	(void)state;
	parse_ok(&s, text);
	assert_int_equal(s.ncmds, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < s.ncmds; i++) {
		const ls_cmd *c = &s.cmds[i];

		assert_int_equal(c->kind, want[i].kind);
		assert_string_equal(c->keyword, want[i].keyword);
		for (k = 0; want[i].args[k]; k++) {
			assert_true(k < c->nargs);
			assert_string_equal(c->args[k], want[i].args[k]);
		}
		assert_int_equal(c->nargs, k);
	}
	/* A command's range runs to its ')' and the ';' after it. */
	assert_range(&s, &s.cmds[0].loc,
		     "OUTPUT_FORMAT(\"elf64-x86-64\", \"elf64-x86-64\",\n"
		     "              \"elf64-x86-64\")");
	assert_range(&s, &s.cmds[17].loc,
		     "REGION_ALIAS(\"REGION_TEXT\", ROM);");
	assert_loc(&s.cmds[3].loc, "t.ld", 5, 1);
	ls_script_free(&s);
}

static void test_insert_and_version(void **state)
{
	ls_script s;

	(void)state;
	parse_ok(&s, "SECTIONS { .x : { *(.x) } } INSERT AFTER .text;\n"
		     "VERSION { V1 { global: foo; extern \"C++\" { \"a}\"; };"
		     " local: *; }; V2 { bar; } V1; }\n"
		     "INSERT BEFORE .data\n");
	assert_int_equal(s.ncmds, 4);
	assert_int_equal(s.cmds[1].kind, LS_CMD_INSERT);
	assert_true(s.cmds[1].u.insert_after);
	assert_string_equal(s.cmds[1].args[0], ".text");
	assert_int_equal(s.cmds[2].kind, LS_CMD_NAMED);
	assert_string_equal(s.cmds[2].keyword, "VERSION");
	assert_int_equal(s.cmds[2].nargs, 0);
	assert_range(&s, &s.cmds[2].loc,
		     "VERSION { V1 { global: foo; extern \"C++\" { \"a}\"; };"
		     " local: *; }; V2 { bar; } V1; }");
	assert_int_equal(s.cmds[3].kind, LS_CMD_INSERT);
	assert_false(s.cmds[3].u.insert_after);
	assert_string_equal(s.cmds[3].args[0], ".data");
	ls_script_free(&s);
}

static void test_command_argument_counts_are_checked(void **state)
{
	(void)state;
	assert_error("OUTPUT_FORMAT(\"a\", b)", 1, 1,
		     "OUTPUT_FORMAT takes 1 or 3 arguments, found 2");
	assert_error("\n  ENTRY(a b)", 2, 3, "ENTRY takes 1 argument, found 2");
	assert_error("REGION_ALIAS(a)", 1, 1,
		     "REGION_ALIAS takes 2 arguments, found 1");
	assert_error("EXTERN()", 1, 1,
		     "EXTERN takes at least 1 argument, found 0");
	assert_error("INSERT INTO .text", 1, 8,
		     "expected AFTER or BEFORE after INSERT, found 'INTO'");
}

static void test_assignment_operators(void **state)
{
	ls_script s;
	static const struct {
		const char *name;
		ls_assign_op op;
		const char *value;
	} want[] = {
	    {"a", LS_ASSIGN_SET, "0x1"},  {"b", LS_ASSIGN_ADD, "0x2"},
	    {"c", LS_ASSIGN_SUB, "0x3"},  {"d", LS_ASSIGN_MUL, "0x4"},
	    {"e", LS_ASSIGN_DIV, "0x5"},  {"f", LS_ASSIGN_SHL, "0x6"},
	    {"g", LS_ASSIGN_SHR, "0x7"},  {"h", LS_ASSIGN_AND, "0x8"},
	    {"i", LS_ASSIGN_OR, "0x9"},	  {".", LS_ASSIGN_SET, "(. + 0x4)"},
	    {"sp", LS_ASSIGN_SET, "0xa"},
	};
	size_t i;

	(void)state;
	parse_ok(&s, "a = 1; b += 2; c -= 3; d *= 4; e /= 5; f <<= 6;\n"
		     "g>>=7; h&=8; i|=9; .=.+4; \"sp\" = 10,");
	assert_int_equal(s.ncmds, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < s.ncmds; i++) {
		const ls_assign *a = &s.cmds[i].u.assign;

		assert_int_equal(s.cmds[i].kind, LS_CMD_ASSIGN);
		assert_null(s.cmds[i].keyword);
		assert_string_equal(a->name, want[i].name);
		assert_int_equal(a->op, want[i].op);
		assert_expr(&a->value, want[i].value);
		assert_false(a->provide);
		assert_false(a->hidden);
	}
	assert_range(&s, &s.cmds[5].loc, "f <<= 6;");
	assert_range(&s, &s.cmds[5].u.assign.value.loc, "6");
	assert_range(&s, &s.cmds[9].loc, ".=.+4;");
	assert_range(&s, &s.cmds[9].u.assign.value.loc, ".+4");
	ls_script_free(&s);
}

static void test_provide_and_hidden(void **state)
{
	ls_script s;
	const ls_output_section *o;

	(void)state;
	parse_ok(&s, "PROVIDE(a = 1);\n"
		     "SECTIONS {\n"
		     "  PROVIDE_HIDDEN (b = .);\n"
		     "  .t : { HIDDEN(c = . + 1); PROVIDE(d = 2) }\n"
		     "}\n");
	assert_int_equal(s.cmds[0].kind, LS_CMD_ASSIGN);
	assert_string_equal(s.cmds[0].u.assign.name, "a");
	assert_int_equal(s.cmds[0].u.assign.op, LS_ASSIGN_SET);
	assert_true(s.cmds[0].u.assign.provide);
	assert_false(s.cmds[0].u.assign.hidden);
	assert_range(&s, &s.cmds[0].loc, "PROVIDE(a = 1);");
	assert_int_equal(sec_cmd(&s, 0)->kind, LS_CMD_ASSIGN);
	assert_true(sec_cmd(&s, 0)->u.assign.provide);
	assert_true(sec_cmd(&s, 0)->u.assign.hidden);
	assert_range(&s, &sec_cmd(&s, 0)->loc, "PROVIDE_HIDDEN (b = .);");
	o = osec(&s, 1);
	assert_int_equal(o->ncmds, 2);
	assert_int_equal(o->cmds[0].kind, LS_SC_ASSIGN);
	assert_string_equal(o->cmds[0].u.assign.name, "c");
	assert_false(o->cmds[0].u.assign.provide);
	assert_true(o->cmds[0].u.assign.hidden);
	assert_expr(&o->cmds[0].u.assign.value, "(. + 0x1)");
	assert_true(o->cmds[1].u.assign.provide);
	assert_false(o->cmds[1].u.assign.hidden);
	assert_range(&s, &o->cmds[1].loc, "PROVIDE(d = 2)");
	ls_script_free(&s);
}

static void test_assignment_needs_a_separator(void **state)
{
	(void)state;
	assert_error("SECTIONS {\n  . = 0x1000\n  .text : { }\n}", 3, 3,
		     "expected ';' after the assignment to '.', found '.text'");
	assert_error("PROVIDE(a += 1);", 1, 11,
		     "expected '=' after 'a' in PROVIDE, found '+='");
}

static void test_assert_commands(void **state)
{
	ls_script s;

	(void)state;
	parse_ok(&s, "ASSERT(. < 0x1000, \"too big\")\n"
		     "SECTIONS { ASSERT(DEFINED(x), msg); .t : {"
		     " ASSERT(1, \"in\"); } }");
	assert_int_equal(s.cmds[0].kind, LS_CMD_ASSERT);
	assert_string_equal(s.cmds[0].keyword, "ASSERT");
	assert_expr(&s.cmds[0].u.assert_.cond, "(. < 0x1000)");
	assert_string_equal(s.cmds[0].u.assert_.message, "too big");
	assert_range(&s, &s.cmds[0].loc, "ASSERT(. < 0x1000, \"too big\")");
	assert_int_equal(sec_cmd(&s, 0)->kind, LS_CMD_ASSERT);
	assert_expr(&sec_cmd(&s, 0)->u.assert_.cond, "DEFINED(x)");
	assert_string_equal(sec_cmd(&s, 0)->u.assert_.message, "msg");
	assert_int_equal(osec(&s, 1)->cmds[0].kind, LS_SC_ASSERT);
	assert_string_equal(osec(&s, 1)->cmds[0].u.assert_.message, "in");
	ls_script_free(&s);
}

/* ---- MEMORY and PHDRS ---- */

static void test_memory_regions(void **state)
{
	ls_script s;
	const ls_cmd *m;
	const ls_memory_region *r;

	(void)state;
	parse_ok(&s, "MEMORY\n"
		     "{\n"
		     "  rom (rx) : ORIGIN = 0x08000000, LENGTH = 512K\n"
		     "  ram (!rx): org = 0x20000000 len = 128K - 4\n"
		     "  ccm : o = ORIGIN(ram) + LENGTH(ram), l = 64K,\n"
		     "  \"q r\" (rwx) : ORIGIN=0,LENGTH=1M\n"
		     "}\n");
	assert_int_equal(s.ncmds, 1);
	m = &s.cmds[0];
	assert_int_equal(m->kind, LS_CMD_MEMORY);
	assert_string_equal(m->keyword, "MEMORY");
	assert_int_equal(m->u.memory.nregions, 4);
	r = &m->u.memory.regions[0];
	assert_string_equal(r->name, "rom");
	assert_string_equal(r->attributes, "rx");
	assert_range(&s, &r->attributes_loc, "rx");
	assert_loc(&r->attributes_loc, "t.ld", 3, 8);
	assert_expr(&r->origin, "0x8000000");
	assert_expr(&r->length, "0x80000");
	assert_range(&s, &r->origin.loc, "0x08000000");
	assert_range(&s, &r->loc,
		     "rom (rx) : ORIGIN = 0x08000000, LENGTH = 512K");
	assert_loc(&r->loc, "t.ld", 3, 3);
	r = &m->u.memory.regions[1];
	assert_string_equal(r->name, "ram");
	assert_string_equal(r->attributes, "!rx");
	assert_expr(&r->origin, "0x20000000");
	assert_expr(&r->length, "(0x20000 - 0x4)");
	r = &m->u.memory.regions[2];
	assert_string_equal(r->name, "ccm");
	assert_null(r->attributes);
	assert_expr(&r->origin, "(ORIGIN(ram) + LENGTH(ram))");
	assert_expr(&r->length, "0x10000");
	r = &m->u.memory.regions[3];
	assert_string_equal(r->name, "q r");
	assert_string_equal(r->attributes, "rwx");
	assert_expr(&r->length, "0x100000");
	ls_script_free(&s);
}

static void test_phdrs(void **state)
{
	ls_script s;
	const ls_cmd *c;
	static const struct {
		const char *name;
		uint64_t type;
	} types[] = {
	    {"PT_NULL", 0},
	    {"PT_LOAD", 1},
	    {"PT_DYNAMIC", 2},
	    {"PT_INTERP", 3},
	    {"PT_NOTE", 4},
	    {"PT_SHLIB", 5},
	    {"PT_PHDR", 6},
	    {"PT_TLS", 7},
	    {"PT_GNU_EH_FRAME", 0x6474e550},
	    {"PT_GNU_STACK", 0x6474e551},
	    {"PT_GNU_RELRO", 0x6474e552},
	    {"PT_GNU_PROPERTY", 0x6474e553},
	};
	char text[2048];
	size_t i, o;

	(void)state;
	o = (size_t)snprintf(text, sizeof(text), "PHDRS\n{\n");
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		o += (size_t)snprintf(text + o, sizeof(text) - o,
				      "  p%zu %s;\n", i, types[i].name);
	snprintf(text + o, sizeof(text) - o,
		 "  headers PT_PHDR FILEHDR PHDRS ;\n"
		 "  text 0x60000000 + 1 AT (0x1000) FLAGS (5);\n"
		 "  \"q\" PT_LOAD FLAGS(0x4) AT(. + 4) PHDRS;\n"
		 "}\n");
	parse_ok(&s, text);
	c = &s.cmds[0];
	assert_int_equal(c->kind, LS_CMD_PHDRS);
	assert_int_equal(c->u.phdrs.nphdrs, i + 3);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		const ls_phdr *ph = &c->u.phdrs.phdrs[i];

		assert_int_equal(ph->type.e->kind, EXPR_NUM);
		assert_int_equal(ph->type.e->num, types[i].type);
		assert_range(&s, &ph->type.loc, types[i].name);
		assert_false(ph->filehdr || ph->phdrs || ph->has_at ||
			     ph->has_flags);
	}
	assert_string_equal(c->u.phdrs.phdrs[i].name, "headers");
	assert_true(c->u.phdrs.phdrs[i].filehdr);
	assert_true(c->u.phdrs.phdrs[i].phdrs);
	assert_range(&s, &c->u.phdrs.phdrs[i].loc,
		     "headers PT_PHDR FILEHDR PHDRS ;");
	i++;
	assert_expr(&c->u.phdrs.phdrs[i].type, "(0x60000000 + 0x1)");
	assert_true(c->u.phdrs.phdrs[i].has_at);
	assert_expr(&c->u.phdrs.phdrs[i].at, "0x1000");
	assert_expr(&c->u.phdrs.phdrs[i].flags, "0x5");
	i++;
	assert_string_equal(c->u.phdrs.phdrs[i].name, "q");
	assert_expr(&c->u.phdrs.phdrs[i].at, "(. + 0x4)");
	assert_expr(&c->u.phdrs.phdrs[i].flags, "0x4");
	assert_true(c->u.phdrs.phdrs[i].phdrs);
	assert_false(c->u.phdrs.phdrs[i].filehdr);
	ls_script_free(&s);

	assert_error("PHDRS { text PT_LAOD; }", 1, 14,
		     "unknown program header type 'PT_LAOD' in program header "
		     "'text' (expected PT_LOAD, PT_NOTE, ... or a number)");
	assert_error("PHDRS { text PT_LOAD }", 1, 22,
		     "expected FILEHDR, PHDRS, AT, FLAGS or ';' in program "
		     "header 'text', found '}'");
}

/* ---- Output section descriptions ---- */

static void test_output_section_with_every_part(void **state)
{
	ls_script s;
	const ls_output_section *o;
	const ls_cmd *c;
	const char *text =
	    "SECTIONS\n"
	    "{\n"
	    "  .text 0x1000 (NOLOAD) : AT(0x2000) ALIGN(16) SUBALIGN(4)"
	    " ONLY_IF_RO\n"
	    "  {\n"
	    "    *(.text)\n"
	    "  } >ram AT>rom :text :NONE =0x90909090,\n"
	    "  .data : { } > ram AT > rom : data = 0\n"
	    "}\n";

	(void)state;
	parse_ok(&s, text);
	c = sec_cmd(&s, 0);
	assert_null(c->keyword);
	o = c->u.section;
	assert_string_equal(o->name, ".text");
	assert_range(&s, &o->loc, ".text");
	assert_loc(&o->loc, "t.ld", 3, 3);
	assert_true(o->has_address);
	assert_expr(&o->address, "0x1000");
	assert_range(&s, &o->address.loc, "0x1000");
	assert_int_equal(o->type, LS_TYPE_NOLOAD);
	assert_true(o->has_at);
	assert_expr(&o->at, "0x2000");
	assert_true(o->has_align);
	assert_expr(&o->align, "0x10");
	assert_false(o->align_with_input);
	assert_true(o->has_subalign);
	assert_expr(&o->subalign, "0x4");
	assert_int_equal(o->constraint, LS_ONLY_IF_RO);
	assert_int_equal(o->ncmds, 1);
	assert_string_equal(o->region, "ram");
	assert_range(&s, &o->region_loc, "ram");
	assert_loc(&o->region_loc, "t.ld", 6, 6);
	assert_string_equal(o->lma_region, "rom");
	assert_range(&s, &o->lma_region_loc, "rom");
	assert_int_equal(o->nphdrs, 2);
	assert_string_equal(o->phdrs[0], "text");
	assert_string_equal(o->phdrs[1], "NONE");
	assert_true(o->has_fill);
	assert_expr(&o->fill, "0x90909090");
	assert_range(&s, &o->fill.loc, "0x90909090");
	/* The command covers the whole description, the ',' included. */
	assert_range(&s, &c->loc,
		     ".text 0x1000 (NOLOAD) : AT(0x2000) ALIGN(16) SUBALIGN(4)"
		     " ONLY_IF_RO\n  {\n    *(.text)\n"
		     "  } >ram AT>rom :text :NONE =0x90909090,");
	o = osec(&s, 1);
	assert_false(o->has_address);
	assert_int_equal(o->type, LS_TYPE_DEFAULT);
	assert_string_equal(o->region, "ram");
	assert_string_equal(o->lma_region, "rom");
	assert_int_equal(o->nphdrs, 1);
	assert_string_equal(o->phdrs[0], "data");
	assert_expr(&o->fill, "0x0");
	ls_script_free(&s);
}

static void test_output_section_types(void **state)
{
	ls_script s;
	static const ls_section_type want[] = {
	    LS_TYPE_NOLOAD,	   LS_TYPE_DSECT,    LS_TYPE_COPY, LS_TYPE_INFO,
	    LS_TYPE_OVERLAY,	   LS_TYPE_READONLY, LS_TYPE_TYPE, LS_TYPE_TYPE,
	    LS_TYPE_READONLY_TYPE, LS_TYPE_TYPE,
	};
	size_t i;

	(void)state;
	parse_ok(&s, "SECTIONS {\n"
		     " .a (NOLOAD) : { }\n"
		     " .b 0 (DSECT) : { }\n"
		     " .c (COPY) : { }\n"
		     " .d (INFO) : { }\n"
		     " .e (OVERLAY) : { }\n"
		     " .f (READONLY) : { }\n"
		     " .g (TYPE = SHT_PROGBITS) : { }\n"
		     " .h (TYPE = 0x70000001) : { }\n"
		     " .i (READONLY (TYPE = SHT_NOTE)) : { }\n"
		     " .j (TYPE = SHT_CUSTOM) : { }\n"
		     "}\n");
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_int_equal(osec(&s, i)->type, want[i]);
	assert_true(osec(&s, 1)->has_address);
	assert_expr(&osec(&s, 6)->type_value, "0x1");
	assert_expr(&osec(&s, 7)->type_value, "0x70000001");
	assert_expr(&osec(&s, 8)->type_value, "0x7");
	/* Names ld does not know stay symbols. */
	assert_expr(&osec(&s, 9)->type_value, "SHT_CUSTOM");
	ls_script_free(&s);
}

static void test_output_section_align_with_input_and_constraints(void **s_)
{
	ls_script s;

	(void)s_;
	parse_ok(&s, "SECTIONS { .a : ALIGN_WITH_INPUT { }"
		     " .b : ONLY_IF_RW { } .c : SPECIAL { } .d : { } }");
	assert_true(osec(&s, 0)->align_with_input);
	assert_false(osec(&s, 0)->has_align);
	assert_int_equal(osec(&s, 1)->constraint, LS_ONLY_IF_RW);
	assert_int_equal(osec(&s, 2)->constraint, LS_SPECIAL);
	assert_int_equal(osec(&s, 3)->constraint, LS_CONSTRAINT_NONE);
	ls_script_free(&s);
}

static void test_output_section_names(void **state)
{
	ls_script s;
	static const char *const names[] = {
	    ".text",	      ".rela.dyn",	    ".gnu.version_r",
	    ".text.unlikely", ".note.gnu.build-id", "name with space",
	    "/DISCARD/",      ".idata$2",	    "plain",
	};
	size_t i;

	(void)state;
	parse_ok(&s, "SECTIONS {\n"
		     ".text : { } .rela.dyn : { } .gnu.version_r : { }\n"
		     ".text.unlikely: { } .note.gnu.build-id : { }\n"
		     "\"name with space\" : { } /DISCARD/ : { *(.comment) }\n"
		     ".idata$2 : { } plain:{}\n"
		     "}");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		assert_string_equal(osec(&s, i)->name, names[i]);
	assert_range(&s, &osec(&s, 5)->loc, "\"name with space\"");
	ls_script_free(&s);
}

static void test_output_section_address_forms(void **state)
{
	ls_script s;

	(void)state;
	parse_ok(&s, "SECTIONS {\n"
		     " .a (0x1000) : { }\n"
		     " .b foo (NOLOAD) : { }\n"
		     " .c BLOCK(0x1000) (NOLOAD) : { }\n"
		     " .d ALIGN(CONSTANT (MAXPAGESIZE)) + (. & (CONSTANT "
		     "(MAXPAGESIZE) - 1)) : { }\n"
		     " .e . : { }\n"
		     " .f __image_base__ + ( __section_alignment__ < 0x1000 ? "
		     ". : __section_alignment__ ) :\n { }\n"
		     "}");
	assert_expr(&osec(&s, 0)->address, "0x1000");
	assert_int_equal(osec(&s, 0)->type, LS_TYPE_DEFAULT);
	assert_range(&s, &osec(&s, 0)->address.loc, "(0x1000)");
	assert_expr(&osec(&s, 1)->address, "foo");
	assert_int_equal(osec(&s, 1)->type, LS_TYPE_NOLOAD);
	assert_expr(&osec(&s, 2)->address, "BLOCK(0x1000)");
	assert_int_equal(osec(&s, 2)->type, LS_TYPE_NOLOAD);
	assert_expr(&osec(&s, 3)->address,
		    "(ALIGN(CONSTANT(MAXPAGESIZE)) + (. & "
		    "(CONSTANT(MAXPAGESIZE) - 0x1)))");
	assert_range(&s, &osec(&s, 3)->address.loc,
		     "ALIGN(CONSTANT (MAXPAGESIZE)) + (. & (CONSTANT "
		     "(MAXPAGESIZE) - 1))");
	assert_expr(&osec(&s, 4)->address, ".");
	assert_expr(&osec(&s, 5)->address,
		    "(__image_base__ + ((__section_alignment__ < 0x1000) ? . "
		    ": __section_alignment__))");
	ls_script_free(&s);
}

static void test_output_section_header_errors(void **state)
{
	(void)state;
	assert_error("SECTIONS {\n  .text { *(.text) }\n}", 2, 9,
		     "expected ':' after the name of output section '.text', "
		     "found '{'");
	assert_error("SECTIONS { .text : *(.text) }", 1, 20,
		     "expected '{' to open output section '.text', found '*'");
	assert_error("SECTIONS { .t : AT(1) AT(2) { } }", 1, 23,
		     "duplicate AT in output section '.t'");
	assert_error("SECTIONS { .t : { } >a >b }", 1, 24,
		     "duplicate '>region' in output section '.t'");
	assert_error("SECTIONS { .t : {\n *(.t)\n", 3, 1,
		     "expected '}' to close the output section, found end of "
		     "file");
}

static void test_overlay(void **state)
{
	ls_script s;
	const ls_cmd *c;
	const ls_overlay *ov;

	(void)state;
	parse_ok(&s, "SECTIONS {\n"
		     "  OVERLAY 0x1000 : NOCROSSREFS AT (0x4000)\n"
		     "  {\n"
		     "    .text0 { o1/*.o(.text) }\n"
		     "    .text1 { o2/*.o(.text) } :ph1 =0xff,\n"
		     "  } >ram AT>rom :ph2 =0x90\n"
		     "  OVERLAY : { .a { *(.a) } .b { *(.b) } }\n"
		     "}");
	c = sec_cmd(&s, 0);
	assert_int_equal(c->kind, LS_CMD_OVERLAY);
	assert_string_equal(c->keyword, "OVERLAY");
	ov = c->u.overlay;
	assert_true(ov->has_start);
	assert_expr(&ov->start, "0x1000");
	assert_true(ov->nocrossrefs);
	assert_true(ov->has_at);
	assert_expr(&ov->at, "0x4000");
	assert_int_equal(ov->nsections, 2);
	assert_string_equal(ov->sections[0].name, ".text0");
	assert_int_equal(ov->sections[0].ncmds, 1);
	/* "o1/" "*.o" without a blank is one glob, as in the ld manual. */
	assert_string_equal(ov->sections[0].cmds[0].u.input.file_glob,
			    "o1/*.o");
	assert_string_equal(ov->sections[1].name, ".text1");
	assert_int_equal(ov->sections[1].nphdrs, 1);
	assert_string_equal(ov->sections[1].phdrs[0], "ph1");
	assert_expr(&ov->sections[1].fill, "0xff");
	assert_string_equal(ov->region, "ram");
	assert_string_equal(ov->lma_region, "rom");
	assert_int_equal(ov->nphdrs, 1);
	assert_string_equal(ov->phdrs[0], "ph2");
	assert_expr(&ov->fill, "0x90");
	assert_range(&s, &c->loc,
		     "OVERLAY 0x1000 : NOCROSSREFS AT (0x4000)\n"
		     "  {\n"
		     "    .text0 { o1/*.o(.text) }\n"
		     "    .text1 { o2/*.o(.text) } :ph1 =0xff,\n"
		     "  } >ram AT>rom :ph2 =0x90");
	assert_range(&s, &ov->loc,
		     "OVERLAY 0x1000 : NOCROSSREFS AT (0x4000)\n"
		     "  {\n"
		     "    .text0 { o1/*.o(.text) }\n"
		     "    .text1 { o2/*.o(.text) } :ph1 =0xff,\n"
		     "  } >ram AT>rom :ph2 =0x90");
	ov = sec_cmd(&s, 1)->u.overlay;
	assert_false(ov->has_start);
	assert_false(ov->nocrossrefs);
	assert_int_equal(ov->nsections, 2);
	ls_script_free(&s);
}

/* ---- Input section descriptions ---- */

static const ls_input *input_of(const ls_output_section *o, size_t i)
{
	assert_true(i < o->ncmds);
	assert_int_equal(o->cmds[i].kind, LS_SC_INPUT);
	return &o->cmds[i].u.input;
}

static void test_input_section_descriptions(void **state)
{
	ls_script s;
	const ls_output_section *o;
	const ls_input *in;

	(void)state;
	parse_ok(&s, "SECTIONS { .t : {\n"
		     "  *(.text .text.*)\n"
		     "  *crtbegin.o(.ctors)\n"
		     "  crt0.o(.text)\n"
		     "  foo.o\n"
		     "  *libc.a:*printf.o(.text, .rodata)\n"
		     "  libc.a:\n"
		     "  :member.o(.data)\n"
		     "  *(COMMON)\n"
		     "  \"quoted file.o\"(\".quoted sec\")\n"
		     "  *(.text$*) ; *(.t[abc]?)\n"
		     "} }");
	o = osec(&s, 0);
	assert_int_equal(o->ncmds, 11);
	in = input_of(o, 0);
	assert_string_equal(in->file_glob, "*");
	assert_int_equal(in->npatterns, 2);
	assert_string_equal(in->patterns[0].glob, ".text");
	assert_string_equal(in->patterns[1].glob, ".text.*");
	assert_int_equal(in->patterns[1].sort, LS_SORT_NONE);
	assert_false(in->keep);
	assert_null(in->flags);
	assert_range(&s, &o->cmds[0].loc, "*(.text .text.*)");
	assert_loc(&o->cmds[0].loc, "t.ld", 2, 3);
	assert_string_equal(input_of(o, 1)->file_glob, "*crtbegin.o");
	assert_string_equal(input_of(o, 1)->patterns[0].glob, ".ctors");
	assert_string_equal(input_of(o, 2)->file_glob, "crt0.o");
	/* A file name alone takes all of the file's sections. */
	assert_string_equal(input_of(o, 3)->file_glob, "foo.o");
	assert_int_equal(input_of(o, 3)->npatterns, 0);
	assert_range(&s, &o->cmds[3].loc, "foo.o");
	in = input_of(o, 4);
	assert_string_equal(in->file_glob, "*libc.a:*printf.o");
	assert_int_equal(in->npatterns, 2);
	assert_string_equal(in->patterns[1].glob, ".rodata");
	assert_string_equal(input_of(o, 5)->file_glob, "libc.a:");
	assert_string_equal(input_of(o, 6)->file_glob, ":member.o");
	assert_string_equal(input_of(o, 7)->patterns[0].glob, "COMMON");
	assert_string_equal(input_of(o, 8)->file_glob, "quoted file.o");
	assert_string_equal(input_of(o, 8)->patterns[0].glob, ".quoted sec");
	assert_string_equal(input_of(o, 9)->patterns[0].glob, ".text$*");
	assert_range(&s, &o->cmds[9].loc, "*(.text$*) ;");
	assert_string_equal(input_of(o, 10)->patterns[0].glob, ".t[abc]?");
	ls_script_free(&s);
}

static void test_input_sorting(void **state)
{
	ls_script s;
	const ls_output_section *o;

	(void)state;
	parse_ok(&s, "SECTIONS { .t : {\n"
		     "  *(SORT_BY_NAME(.text.*))\n"
		     "  *(SORT(.a) SORT_BY_ALIGNMENT(.b) "
		     "SORT_BY_INIT_PRIORITY(.init_array.*))\n"
		     "  KEEP (*(SORT_NONE(.init)))\n"
		     "  *(SORT_BY_NAME(SORT_BY_ALIGNMENT(.x.*)))\n"
		     "  *(SORT_BY_ALIGNMENT(SORT_BY_NAME(.y.*)))\n"
		     "  *(REVERSE(.fini_array.*))\n"
		     "  *(SORT_BY_NAME(REVERSE(.z.*)) .plain)\n"
		     "  SORT(*)(.idata$2)\n"
		     "  *(SORT_BY_NAME(.p1 .p2))\n"
		     "} }");
	o = osec(&s, 0);
	assert_int_equal(input_of(o, 0)->patterns[0].sort, LS_SORT_BY_NAME);
	assert_string_equal(input_of(o, 0)->patterns[0].glob, ".text.*");
	assert_int_equal(input_of(o, 1)->npatterns, 3);
	assert_int_equal(input_of(o, 1)->patterns[0].sort, LS_SORT_BY_NAME);
	assert_int_equal(input_of(o, 1)->patterns[1].sort,
			 LS_SORT_BY_ALIGNMENT);
	assert_int_equal(input_of(o, 1)->patterns[2].sort,
			 LS_SORT_BY_INIT_PRIORITY);
	assert_true(input_of(o, 2)->keep);
	assert_int_equal(input_of(o, 2)->patterns[0].sort,
			 LS_SORT_NONE_KEYWORD);
	assert_int_equal(input_of(o, 3)->patterns[0].sort,
			 LS_SORT_BY_NAME | LS_SORT_BY_ALIGNMENT);
	assert_int_equal(input_of(o, 4)->patterns[0].sort,
			 LS_SORT_BY_NAME | LS_SORT_BY_ALIGNMENT);
	assert_int_equal(input_of(o, 5)->patterns[0].sort, LS_SORT_REVERSE);
	assert_int_equal(input_of(o, 6)->patterns[0].sort,
			 LS_SORT_BY_NAME | LS_SORT_REVERSE);
	assert_int_equal(input_of(o, 6)->patterns[1].sort, LS_SORT_NONE);
	assert_string_equal(input_of(o, 6)->patterns[1].glob, ".plain");
	assert_int_equal(input_of(o, 7)->file_sort, LS_SORT_BY_NAME);
	assert_string_equal(input_of(o, 7)->file_glob, "*");
	assert_string_equal(input_of(o, 7)->patterns[0].glob, ".idata$2");
	assert_int_equal(input_of(o, 8)->npatterns, 2);
	assert_int_equal(input_of(o, 8)->patterns[1].sort, LS_SORT_BY_NAME);
	ls_script_free(&s);
}

static void test_exclude_file(void **state)
{
	ls_script s;
	const ls_output_section *o;
	const ls_input *in;

	(void)state;
	parse_ok(&s, "SECTIONS { .t : {\n"
		     "  *(EXCLUDE_FILE (*crtend.o *otherfile.o) .ctors)\n"
		     "  EXCLUDE_FILE(*crtend?.o) *(.dtors)\n"
		     "  *(EXCLUDE_FILE (*a.o) .text .rdata)\n"
		     "  *(SORT(EXCLUDE_FILE(b.o) .s.*))\n"
		     "} }");
	o = osec(&s, 0);
	in = input_of(o, 0);
	assert_int_equal(in->nexclude_files, 0);
	assert_int_equal(in->npatterns, 1);
	assert_int_equal(in->patterns[0].nexclude_files, 2);
	assert_string_equal(in->patterns[0].exclude_files[0], "*crtend.o");
	assert_string_equal(in->patterns[0].exclude_files[1], "*otherfile.o");
	assert_string_equal(in->patterns[0].glob, ".ctors");
	in = input_of(o, 1);
	assert_int_equal(in->nexclude_files, 1);
	assert_string_equal(in->exclude_files[0], "*crtend?.o");
	assert_string_equal(in->file_glob, "*");
	assert_string_equal(in->patterns[0].glob, ".dtors");
	assert_range(&s, &o->cmds[1].loc, "EXCLUDE_FILE(*crtend?.o) *(.dtors)");
	/* EXCLUDE_FILE applies to the one pattern after it. */
	in = input_of(o, 2);
	assert_int_equal(in->npatterns, 2);
	assert_int_equal(in->patterns[0].nexclude_files, 1);
	assert_int_equal(in->patterns[1].nexclude_files, 0);
	in = input_of(o, 3);
	assert_int_equal(in->patterns[0].sort, LS_SORT_BY_NAME);
	assert_string_equal(in->patterns[0].exclude_files[0], "b.o");
	assert_string_equal(in->patterns[0].glob, ".s.*");
	ls_script_free(&s);

	assert_error("SECTIONS { .t : { *(EXCLUDE_FILE() .x) } }", 1, 34,
		     "expected a file name pattern in EXCLUDE_FILE, found ')'");
}

static void test_keep_and_input_section_flags(void **state)
{
	ls_script s;
	const ls_output_section *o;

	(void)state;
	parse_ok(&s, "SECTIONS { .t : {\n"
		     "  KEEP (*(.init))\n"
		     "  KEEP(*crtbegin.o(.ctors));\n"
		     "  INPUT_SECTION_FLAGS (SHF_MERGE & !SHF_STRINGS) "
		     "*(.rodata.*)\n"
		     "  KEEP(INPUT_SECTION_FLAGS(SHF_WRITE) *(.data))\n"
		     "  KEEP(*(.a) *(.b))\n"
		     "} }");
	o = osec(&s, 0);
	assert_int_equal(o->ncmds, 6);
	assert_true(input_of(o, 0)->keep);
	assert_range(&s, &o->cmds[0].loc, "KEEP (*(.init))");
	assert_range(&s, &o->cmds[1].loc, "KEEP(*crtbegin.o(.ctors));");
	assert_false(input_of(o, 2)->keep);
	assert_string_equal(input_of(o, 2)->flags, "SHF_MERGE & !SHF_STRINGS");
	assert_string_equal(input_of(o, 2)->patterns[0].glob, ".rodata.*");
	assert_range(&s, &o->cmds[2].loc,
		     "INPUT_SECTION_FLAGS (SHF_MERGE & !SHF_STRINGS) "
		     "*(.rodata.*)");
	assert_true(input_of(o, 3)->keep);
	assert_string_equal(input_of(o, 3)->flags, "SHF_WRITE");
	/* Several descriptions in one KEEP are kept each with its range. */
	assert_true(input_of(o, 4)->keep);
	assert_true(input_of(o, 5)->keep);
	assert_range(&s, &o->cmds[4].loc, "*(.a)");
	assert_range(&s, &o->cmds[5].loc, "*(.b)");
	ls_script_free(&s);
}

static void test_data_and_keyword_commands(void **state)
{
	ls_script s;
	const ls_output_section *o;
	static const struct {
		unsigned size;
		bool is_signed;
		const char *value;
	} data[] = {
	    {1, false, "0x1"}, {2, false, "0x2"}, {4, false, "-0x1"},
	    {8, false, "0x4"}, {8, true, "-0x5"},
	};
	size_t i;

	(void)state;
	parse_ok(&s, "SECTIONS { .t : {\n"
		     "  BYTE(1) SHORT(2); LONG (-1); QUAD(4) SQUAD(-5)\n"
		     "  ASCIZ \"hello\" FILL(0x9090)\n"
		     "  CREATE_OBJECT_SYMBOLS CONSTRUCTORS; LINKER_VERSION\n"
		     "  . = ALIGN(8);\n"
		     "} }");
	o = osec(&s, 0);
	assert_int_equal(o->ncmds, 11);
	for (i = 0; i < 5; i++) {
		assert_int_equal(o->cmds[i].kind, LS_SC_DATA);
		assert_int_equal(o->cmds[i].u.data.size, data[i].size);
		assert_int_equal(o->cmds[i].u.data.is_signed,
				 data[i].is_signed);
		assert_expr(&o->cmds[i].u.data.value, data[i].value);
	}
	assert_range(&s, &o->cmds[1].loc, "SHORT(2);");
	assert_range(&s, &o->cmds[2].u.data.value.loc, "-1");
	assert_int_equal(o->cmds[5].kind, LS_SC_ASCIZ);
	assert_string_equal(o->cmds[5].u.asciz, "hello");
	assert_int_equal(o->cmds[6].kind, LS_SC_FILL);
	assert_expr(&o->cmds[6].u.fill, "0x9090");
	assert_int_equal(o->cmds[7].kind, LS_SC_KEYWORD);
	assert_string_equal(o->cmds[7].u.keyword, "CREATE_OBJECT_SYMBOLS");
	assert_string_equal(o->cmds[8].u.keyword, "CONSTRUCTORS");
	assert_string_equal(o->cmds[9].u.keyword, "LINKER_VERSION");
	assert_int_equal(o->cmds[10].kind, LS_SC_ASSIGN);
	assert_string_equal(o->cmds[10].u.assign.name, ".");
	assert_expr(&o->cmds[10].u.assign.value, "ALIGN(0x8)");
	assert_range(&s, &o->cmds[10].loc, ". = ALIGN(8);");
	ls_script_free(&s);
}

/* ---- Expressions ---- */

/* Parse "x = TEXT;" and compare the tree. */
static void assert_parses_as(const char *expr_text, const char *want)
{
	char text[512];
	ls_script s;

	snprintf(text, sizeof(text), "x = %s;", expr_text);
	parse_ok(&s, text);
	assert_expr(&s.cmds[0].u.assign.value, want);
	/* The range is the expression's text, nothing around it. */
	assert_range(&s, &s.cmds[0].u.assign.value.loc, expr_text);
	ls_script_free(&s);
}

static void test_expression_precedence(void **state)
{
	(void)state;
	assert_parses_as("1 + 2 * 3", "(0x1 + (0x2 * 0x3))");
	assert_parses_as("1 - 2 - 3", "((0x1 - 0x2) - 0x3)");
	assert_parses_as("a || b && c | d & e == f < g << h + i * j",
			 "(a || (b && (c | (d & ((e == f) < (g << (h + (i * "
			 "j))))))))");
	assert_parses_as("a != b >= c <= d > e",
			 "((((a != b) >= c) <= d) > e)");
	assert_parses_as("a ? b : c ? d : e", "(a ? b : (c ? d : e))");
	assert_parses_as("(a ? b : c) % 4 >> 1",
			 "(((a ? b : c) % 0x4) >> 0x1)");
	assert_parses_as("-1", "-0x1");
	assert_parses_as("~0x3", "~0x3");
	assert_parses_as("!a && +b", "(!a && b)");
	assert_parses_as("- - ~x", "--~x");
	assert_parses_as("(. + 3) & ~3", "((. + 0x3) & ~0x3)");
	assert_parses_as("a / b", "(a / b)");
}

static void test_expression_tokens_need_no_blanks(void **state)
{
	(void)state;
	assert_parses_as(".+4", "(. + 0x4)");
	assert_parses_as("ALIGN(.,8)", "ALIGN(., 0x8)");
	assert_parses_as("0x10+SIZEOF_HEADERS", "(0x10 + SIZEOF_HEADERS())");
	assert_parses_as("a<<2", "(a << 0x2)");
	assert_parses_as("a>>b|c", "((a >> b) | c)");
	assert_parses_as("a-b", "(a - b)");
	assert_parses_as("a*-b", "(a * -b)");
	assert_parses_as("a<=b==c!=d", "(((a <= b) == c) != d)");
	assert_parses_as("__global_pointer$+1", "(__global_pointer$ + 0x1)");
	assert_parses_as("x?y:z", "(x ? y : z)");
	assert_parses_as("a/*comment*/+1", "(a + 0x1)");
}

static void test_numbers(void **state)
{
	(void)state;
	assert_parses_as("42", "0x2a");
	assert_parses_as("0x7fFF", "0x7fff");
	assert_parses_as("0X10", "0x10");
	assert_parses_as("017", "0xf");
	assert_parses_as("4K", "0x1000");
	assert_parses_as("2M", "0x200000");
	assert_parses_as("0x10K", "0x4000");
	assert_parses_as("1000h", "0x1000");
	assert_parses_as("0ffH", "0xff");
	assert_parses_as("777o", "0x1ff");
	assert_parses_as("101b", "0x5");
	assert_parses_as("99d", "0x63");
	assert_parses_as("0xffffffffffffffff", "0xffffffffffffffff");
	assert_error("x = 09;", 1, 5,
		     "invalid number '09': invalid digit '9' in octal number");
	assert_parses_as("0x1g", "0x40000000");
	assert_error("x = 0x1z;", 1, 5,
		     "invalid number '0x1z', expected digits with an optional "
		     "K, M or G suffix, or a base suffix (h, o, b, d)");
	assert_error("x = 0x10000000000000000;", 1, 5,
		     "invalid number '0x10000000000000000': number does not "
		     "fit in 64 bits");
}

/* GNU ld 2.40 (ldlex.l) reads "$" and hex digits, with an optional K or M,
 * as a hex number: ". = $6000000;" links at 0x6000000; "$10G", "$0x10"
 * and "$abcg" stay symbol names. */
static void test_dollar_hex_numbers(void **state)
{
	ls_script s;

	(void)state;
	assert_parses_as("$6000000", "0x6000000");
	assert_parses_as("$ff + 1", "(0xff + 0x1)");
	assert_parses_as("$abc", "0xabc");
	assert_parses_as("$10K", "0x4000");
	assert_parses_as("$10m", "0x1000000");
	assert_parses_as("$ffffffffffffffff", "0xffffffffffffffff");
	assert_parses_as("$10G", "$10G");
	assert_parses_as("$0x10", "$0x10");
	assert_parses_as("$abcg", "$abcg");
	assert_parses_as("$", "$");
	assert_error("x = $10000000000000000;", 1, 5,
		     "invalid number '$10000000000000000': does not fit in 64 "
		     "bits");
	assert_error("x = $ffffffffffffffffK;", 1, 5,
		     "invalid number '$ffffffffffffffffK': does not fit in 64 "
		     "bits");
	/* As a section address, and in MEMORY. */
	parse_ok(&s, "MEMORY { ram : ORIGIN = $10000, LENGTH = $1000 }\n"
		     "SECTIONS { .text $6000000 : { *(.text) } }");
	assert_expr(&s.cmds[0].u.memory.regions[0].origin, "0x10000");
	assert_expr(&s.cmds[0].u.memory.regions[0].length, "0x1000");
	assert_expr(&osec(&s, 0)->address, "0x6000000");
	ls_script_free(&s);
}

static void test_builtin_functions(void **state)
{
	static const struct {
		const char *text;
		const char *tree;
	} calls[] = {
	    {"ABSOLUTE(.)", "ABSOLUTE(.)"},
	    {"ADDR(.text)", "ADDR(.text)"},
	    {"ALIGN(8)", "ALIGN(0x8)"},
	    {"ALIGN(., 8)", "ALIGN(., 0x8)"},
	    {"ALIGNOF(.rela.dyn)", "ALIGNOF(.rela.dyn)"},
	    {"BLOCK(4)", "BLOCK(0x4)"},
	    {"CONSTANT (MAXPAGESIZE)", "CONSTANT(MAXPAGESIZE)"},
	    {"CONSTANT(COMMONPAGESIZE)", "CONSTANT(COMMONPAGESIZE)"},
	    {"DATA_SEGMENT_ALIGN(0x1000, 0x200)",
	     "DATA_SEGMENT_ALIGN(0x1000, 0x200)"},
	    {"DATA_SEGMENT_RELRO_END(24, .)",
	     "DATA_SEGMENT_RELRO_END(0x18, .)"},
	    {"DATA_SEGMENT_END(.)", "DATA_SEGMENT_END(.)"},
	    {"DEFINED(__foo)", "DEFINED(__foo)"},
	    {"LENGTH(ram)", "LENGTH(ram)"},
	    {"ORIGIN(ram)", "ORIGIN(ram)"},
	    {"LOADADDR(.data)", "LOADADDR(.data)"},
	    {"LOG2CEIL(100)", "LOG2CEIL(0x64)"},
	    {"MAX(1, 2)", "MAX(0x1, 0x2)"},
	    {"MIN(a, b)", "MIN(a, b)"},
	    {"NEXT(0x100)", "NEXT(0x100)"},
	    {"SEGMENT_START(\"text-segment\", 0x400000)",
	     "SEGMENT_START(text-segment, 0x400000)"},
	    {"SIZEOF(.gnu.version_r)", "SIZEOF(.gnu.version_r)"},
	    {"SIZEOF_HEADERS", "SIZEOF_HEADERS()"},
	    {"SIZEOF(.foo-bar)", "SIZEOF(.foo-bar)"},
	    {"ASSERT(. > 1, \"low\")", "ASSERT((. > 0x1), low)"},
	};
	size_t i;
	ls_script s;
	const expr *e;

	(void)state;
	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		assert_parses_as(calls[i].text, calls[i].tree);

	parse_ok(&s, "x = CONSTANT(MAXPAGESIZE) + SIZEOF_HEADERS;"
		     " y = ADDR(.text);");
	e = s.cmds[0].u.assign.value.e;
	assert_int_equal(e->a->kind, EXPR_CALL);
	assert_string_equal(e->a->name, "CONSTANT");
	assert_int_equal(e->a->nargs, 1);
	assert_int_equal(e->a->args[0]->kind, EXPR_SYM);
	assert_string_equal(e->a->args[0]->name, "MAXPAGESIZE");
	assert_int_equal(e->b->kind, EXPR_CALL);
	assert_string_equal(e->b->name, "SIZEOF_HEADERS");
	assert_int_equal(e->b->nargs, 0);
	e = s.cmds[1].u.assign.value.e;
	assert_int_equal(e->args[0]->kind, EXPR_SYM);
	assert_string_equal(e->args[0]->name, ".text");
	ls_script_free(&s);

	assert_error("x = ALIGN(1, 2, 3);", 1, 5,
		     "ALIGN takes 1 to 2 arguments, found 3");
	assert_error("x = MAX(1);", 1, 5, "MAX takes 2 arguments, found 1");
	assert_error("x = ADDR(1 + 2);", 1, 12,
		     "expected ',' or ')' after a function argument, found "
		     "'+'");
}

static void test_quoted_symbol_names(void **state)
{
	ls_script s;

	(void)state;
	parse_ok(&s, "\"my sym\" = \"other sym\" + 1;");
	assert_string_equal(s.cmds[0].u.assign.name, "my sym");
	assert_expr(&s.cmds[0].u.assign.value, "(other sym + 0x1)");
	assert_int_equal(s.cmds[0].u.assign.value.e->a->kind, EXPR_SYM);
	ls_script_free(&s);
}

static void test_expression_node_locations(void **state)
{
	ls_script s;
	const char *text = "SECTIONS\n{\n  . = SEGMENT_START(\"text-segment\","
			   " 0x400000) + SIZEOF_HEADERS;\n}\n";
	const ls_expr *x;
	const expr *e;
	size_t base;

	(void)state;
	parse_ok(&s, text);
	x = &sec_cmd(&s, 0)->u.assign.value;
	assert_range(&s, &x->loc,
		     "SEGMENT_START(\"text-segment\", 0x400000) + "
		     "SIZEOF_HEADERS");
	assert_loc(&x->loc, "t.ld", 3, 7);
	base = (size_t)(strstr(text, "SEGMENT_START") - text);
	assert_int_equal(x->loc.offset, base);
	e = x->e;
	/* An operator is located at the operator, a call at its name. */
	assert_int_equal(e->kind, EXPR_BINARY);
	assert_int_equal(e->loc.offset, strstr(text, "+ SIZE") - text);
	assert_int_equal(e->loc.line, 3);
	assert_int_equal(e->loc.column, e->loc.offset - 11 + 1);
	assert_int_equal(e->a->kind, EXPR_CALL);
	assert_int_equal(e->a->loc.offset, base);
	assert_int_equal(e->a->loc.column, 7);
	assert_int_equal(e->a->args[0]->loc.offset,
			 strstr(text, "\"text-segment\"") - text);
	assert_int_equal(e->a->args[1]->kind, EXPR_NUM);
	assert_int_equal(e->a->args[1]->num, 0x400000);
	assert_int_equal(e->a->args[1]->loc.offset,
			 strstr(text, "0x400000") - text);
	assert_int_equal(e->a->args[1]->loc.column,
			 strstr(text, "0x400000") - text - 11 + 1);
	assert_int_equal(e->b->loc.offset, strstr(text, "SIZEOF_H") - text);
	assert_node(e->b, "SIZEOF_HEADERS()");
	ls_script_free(&s);
}

/* ---- Comments, separators, line markers ---- */

static void test_comments_and_optional_semicolons(void **state)
{
	ls_script s;

	(void)state;
	parse_ok(&s, "/* leading\n   comment */ ENTRY(_start) ;;\n"
		     "# a hash comment ENTRY(nope)\n"
		     "SECTIONS { ; .t : { *(.t) ; } ; # trailing\n"
		     "  .u/*x*/:/**/{/**/} }\n");
	assert_int_equal(s.ncmds, 2);
	assert_int_equal(s.cmds[0].kind, LS_CMD_ENTRY);
	assert_loc(&s.cmds[0].loc, "t.ld", 2, 15);
	assert_int_equal(s.cmds[1].u.sections.ncmds, 2);
	assert_string_equal(osec(&s, 1)->name, ".u");
	assert_loc(&osec(&s, 1)->loc, "t.ld", 5, 3);
	ls_script_free(&s);
}

static void test_cpp_line_markers_move_file_and_line(void **state)
{
	ls_script s;
	const char *text = "# 0 \"kernel.lds.S\"\n"
			   "# 0 \"<built-in>\"\n"
			   "# 1 \"kernel.lds.S\"\n"
			   "# 1 \"include/defs.h\" 1\n"
			   "\n"
			   "# 7 \"kernel.lds.S\" 2\n"
			   "ENTRY(start)\n"
			   "#line 40 \"dir\\\\sub \\\"q\\\".S\"\n"
			   "SECTIONS\n"
			   "{\n"
			   "# 100\n"
			   "  . = 1;\n"
			   "}\n";
	vl_error err = {0};
	const char *bad = "# 1 \"kernel.lds.S\"\n"
			  "\n"
			  "# 30 \"kernel.lds.S\"\n"
			  "SECTIONS\n"
			  "{\n"
			  "  .text : { *(.text) \n"
			  "  foo\n";
	size_t k, hits = 0;

	(void)state;
	parse_ok(&s, text);
	assert_loc(&s.cmds[0].loc, "kernel.lds.S", 7, 1);
	/* Offsets stay offsets in the buffer. */
	assert_range(&s, &s.cmds[0].loc, "ENTRY(start)");
	assert_loc(&s.cmds[1].loc, "dir\\sub \"q\".S", 40, 1);
	assert_loc(&sec_cmd(&s, 0)->loc, "dir\\sub \"q\".S", 100, 3);
	assert_int_equal(sec_cmd(&s, 0)->u.assign.value.e->loc.line, 100);
	/* File names are interned once each. */
	for (k = 0; k < s.nfiles; k++)
		hits += strcmp(s.files[k], "kernel.lds.S") == 0;
	assert_int_equal(hits, 1);
	/* Locations point into the script's file table. */
	for (k = 0; k < s.nfiles; k++)
		if (s.files[k] == s.cmds[0].loc.file)
			break;
	assert_true(k < s.nfiles);
	ls_script_free(&s);

	parse_fail(&err, bad, strlen(bad));
	assert_string_equal(err.file, "kernel.lds.S");
	/* The end of the file is on the line after "  foo". */
	assert_int_equal(err.line, 34);
	assert_int_equal(err.column, 1);
	assert_string_equal(err.msg, "expected '}' to close the output "
				     "section, found end of file");
	vl_error_free(&err);
}

/* ---- INCLUDE ---- */

static void test_include_splices_files_everywhere(void **state)
{
	char *dir = make_dir(), path[PATH_MAX], inc[PATH_MAX];
	ls_script s;
	vl_error err = {0};
	const ls_cmd *c, *sec;
	const ls_output_section *o;
	const char *dirs[1];
	ls_parse_opts opts = {dirs, 1};
	size_t k;

	(void)state;
	snprintf(inc, sizeof(inc), "%s/incdir", dir);
	assert_int_equal(mkdir(inc, 0755), 0);
	dirs[0] = inc;
	write_file(dir, "top.ld", "ENTRY(_start)\n");
	write_file(dir, "secs.ld", ". = 0x1000;\n.data : { *(.data) }\n");
	write_file(dir, "mem.ld", "ram : ORIGIN = 0, LENGTH = 4K\n");
	write_file(dir, "cmds.ld", "*(.extra)\nLONG(1)\n");
	write_file(inc, "fromdir.ld", "OUTPUT_ARCH(arm)\n");
	write_file(dir, "main.ld",
		   "INCLUDE top.ld\n"
		   "MEMORY { INCLUDE mem.ld rom : o = 1, l = 2 }\n"
		   "SECTIONS {\n"
		   "  INCLUDE \"secs.ld\";\n"
		   "  .text : { *(.text) INCLUDE cmds.ld }\n"
		   "}\n"
		   "INCLUDE fromdir.ld\n");
	snprintf(path, sizeof(path), "%s/main.ld", dir);
	if (!ls_parse_file(path, &opts, &s, &err)) {
		print_error("%s:%u:%u: %s\n", err.file, err.line, err.column,
			    err.msg);
		fail();
	}
	assert_int_equal(s.nbufs, 6);
	assert_string_equal(s.bufs[0].path, path);
	/* The marker, then the file's commands. */
	c = &s.cmds[0];
	assert_int_equal(c->kind, LS_CMD_NAMED);
	assert_string_equal(c->keyword, "INCLUDE");
	assert_int_equal(c->nargs, 2);
	assert_string_equal(c->args[0], "top.ld");
	snprintf(inc, sizeof(inc), "%s/top.ld", dir);
	assert_string_equal(c->args[1], inc);
	assert_range(&s, &c->loc, "INCLUDE top.ld");
	assert_int_equal(c->loc.buf, 0);
	c = &s.cmds[1];
	assert_int_equal(c->kind, LS_CMD_ENTRY);
	assert_int_equal(c->loc.buf, 1);
	assert_loc(&c->loc, inc, 1, 1);
	assert_range(&s, &c->loc, "ENTRY(_start)");
	/* MEMORY: regions from the file, then the region after it. */
	c = &s.cmds[2];
	assert_int_equal(c->u.memory.nregions, 2);
	assert_string_equal(c->u.memory.regions[0].name, "ram");
	assert_int_equal(c->u.memory.regions[0].loc.buf, 2);
	assert_string_equal(c->u.memory.regions[1].name, "rom");
	assert_int_equal(c->u.memory.regions[1].loc.buf, 0);
	/* SECTIONS: marker, assignment, .data, then .text. */
	sec = &s.cmds[3];
	assert_int_equal(sec->u.sections.ncmds, 4);
	assert_string_equal(sec->u.sections.cmds[0].keyword, "INCLUDE");
	assert_range(&s, &sec->u.sections.cmds[0].loc, "INCLUDE \"secs.ld\";");
	assert_int_equal(sec->u.sections.cmds[1].kind, LS_CMD_ASSIGN);
	assert_int_equal(sec->u.sections.cmds[1].loc.buf, 3);
	assert_range(&s, &sec->u.sections.cmds[1].u.assign.value.loc, "0x1000");
	assert_string_equal(sec->u.sections.cmds[2].u.section->name, ".data");
	o = sec->u.sections.cmds[3].u.section;
	assert_string_equal(o->name, ".text");
	assert_int_equal(o->ncmds, 3);
	assert_string_equal(o->cmds[1].u.input.patterns[0].glob, ".extra");
	assert_int_equal(o->cmds[1].loc.buf, 4);
	assert_int_equal(o->cmds[2].kind, LS_SC_DATA);
	assert_range(&s, &sec->loc,
		     "SECTIONS {\n"
		     "  INCLUDE \"secs.ld\";\n"
		     "  .text : { *(.text) INCLUDE cmds.ld }\n"
		     "}");
	/* Found through include_dirs. */
	c = &s.cmds[5];
	assert_string_equal(c->keyword, "OUTPUT_ARCH");
	assert_string_equal(c->args[0], "arm");
	for (k = 0; k < s.ncmds; k++)
		assert_true(s.cmds[k].loc.buf < s.nbufs);
	ls_script_free(&s);
	snprintf(inc, sizeof(inc), "%s/incdir", dir);
	remove_dir(inc);
	remove_dir(dir);
	free(dir);
	vl_error_free(&err);
}

static void test_include_searches_the_working_directory(void **state)
{
	char *a = make_dir(), *b = make_dir(), path[PATH_MAX], old[PATH_MAX];
	ls_script s;
	vl_error err = {0};
	bool ok;

	(void)state;
	/* main.ld in a includes x.ld, which only the working directory b
	 * has; a's own x2.ld wins over b's. */
	write_file(a, "main.ld", "INCLUDE x.ld\nINCLUDE x2.ld\n");
	write_file(a, "x2.ld", "OUTPUT(from_a)\n");
	write_file(b, "x.ld", "ENTRY(from_cwd)\n");
	write_file(b, "x2.ld", "OUTPUT(from_b)\n");
	snprintf(path, sizeof(path), "%s/main.ld", a);
	assert_non_null(getcwd(old, sizeof(old)));
	assert_int_equal(chdir(b), 0);
	ok = ls_parse_file(path, NULL, &s, &err);
	assert_int_equal(chdir(old), 0);
	assert_true(ok);
	assert_int_equal(s.ncmds, 4);
	assert_string_equal(s.cmds[1].args[0], "from_cwd");
	assert_string_equal(s.cmds[0].args[1], "x.ld");
	assert_string_equal(s.cmds[3].args[0], "from_a");
	ls_script_free(&s);
	remove_dir(a);
	remove_dir(b);
	free(a);
	free(b);
	vl_error_free(&err);
}

static void test_include_errors(void **state)
{
	char *dir = make_dir(), path[PATH_MAX], name[64], text[128],
	     want[PATH_MAX * 4];
	ls_script s;
	vl_error err = {0};
	int i;

	(void)state;
	/* A cycle names the chain, at the INCLUDE that closes it. */
	write_file(dir, "a.ld", "ENTRY(x)\nINCLUDE b.ld\n");
	write_file(dir, "b.ld", "\n  INCLUDE a.ld\n");
	snprintf(path, sizeof(path), "%s/a.ld", dir);
	assert_false(ls_parse_file(path, NULL, &s, &err));
	snprintf(want, sizeof(want),
		 "INCLUDE cycle: %s/a.ld -> %s/b.ld -> %s/a.ld", dir, dir, dir);
	assert_string_equal(err.msg, want);
	snprintf(want, sizeof(want), "%s/b.ld", dir);
	assert_string_equal(err.file, want);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 3);
	assert_null(s.cmds);

	/* A file that includes itself. */
	write_file(dir, "self.ld", "INCLUDE self.ld");
	snprintf(path, sizeof(path), "%s/self.ld", dir);
	assert_false(ls_parse_file(path, NULL, &s, &err));
	snprintf(want, sizeof(want), "INCLUDE cycle: %s/self.ld -> %s/self.ld",
		 dir, dir);
	assert_string_equal(err.msg, want);

	/* A missing file is an error where the INCLUDE is. */
	write_file(dir, "m.ld",
		   "SECTIONS {\n  .t : {\n    INCLUDE nope.ld\n"
		   "  }\n}\n");
	snprintf(path, sizeof(path), "%s/m.ld", dir);
	assert_false(ls_parse_file(path, NULL, &s, &err));
	assert_string_equal(err.msg, "cannot find INCLUDE file 'nope.ld'");
	assert_string_equal(err.file, path);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.column, 5);

	/* A chain of LS_MAX_INCLUDE_DEPTH INCLUDEs is fine, one more is
	 * not. */
	for (i = 0; i <= LS_MAX_INCLUDE_DEPTH + 1; i++) {
		snprintf(name, sizeof(name), "d%d.ld", i);
		if (i <= LS_MAX_INCLUDE_DEPTH)
			snprintf(text, sizeof(text), "INCLUDE d%d.ld\n", i + 1);
		else
			snprintf(text, sizeof(text), "x = %d;\n", i);
		write_file(dir, name, text);
	}
	snprintf(path, sizeof(path), "%s/d1.ld", dir);
	assert_true(ls_parse_file(path, NULL, &s, &err));
	assert_int_equal(s.nbufs, LS_MAX_INCLUDE_DEPTH + 1);
	ls_script_free(&s);
	snprintf(path, sizeof(path), "%s/d0.ld", dir);
	assert_false(ls_parse_file(path, NULL, &s, &err));
	assert_string_equal(err.msg, "INCLUDE nested more than 16 levels deep");
	snprintf(want, sizeof(want), "%s/d16.ld", dir);
	assert_string_equal(err.file, want);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.column, 1);

	/* An error inside an included file is reported there. */
	write_file(dir, "bad.ld", "\n\nFOO(1)\n");
	write_file(dir, "inc.ld", "INCLUDE bad.ld\n");
	snprintf(path, sizeof(path), "%s/inc.ld", dir);
	assert_false(ls_parse_file(path, NULL, &s, &err));
	assert_string_equal(err.msg, "unknown command 'FOO'");
	snprintf(want, sizeof(want), "%s/bad.ld", dir);
	assert_string_equal(err.file, want);
	assert_int_equal(err.line, 3);

	/* An extra '}' in an included file does not close the includer's
	 * block. */
	write_file(dir, "close.ld", ".a : { }\n}\n");
	write_file(dir, "outer.ld", "SECTIONS { INCLUDE close.ld }\n");
	snprintf(path, sizeof(path), "%s/outer.ld", dir);
	assert_false(ls_parse_file(path, NULL, &s, &err));
	assert_string_equal(err.msg,
			    "unbalanced '}': no '{' before it in this file");
	assert_int_equal(err.line, 2);
	remove_dir(dir);
	free(dir);
	vl_error_free(&err);
}

/* A file INCLUDEd again is read once: both INCLUDEs parse one buffer,
 * and the commands of each carry the location of the file. */
static void test_include_reads_a_file_once(void **state)
{
	char *dir = make_dir(), path[PATH_MAX], want[PATH_MAX];
	ls_script s;
	vl_error err = {0};

	(void)state;
	write_file(dir, "sym.ld", "x = 1;\n");
	write_file(dir, "main.ld", "INCLUDE sym.ld\nINCLUDE sym.ld\n");
	snprintf(path, sizeof(path), "%s/main.ld", dir);
	assert_true(ls_parse_file(path, NULL, &s, &err));
	assert_int_equal(s.nbufs, 2);
	assert_int_equal(s.ncmds, 4);
	snprintf(want, sizeof(want), "%s/sym.ld", dir);
	assert_int_equal(s.cmds[1].kind, LS_CMD_ASSIGN);
	assert_int_equal(s.cmds[1].loc.buf, 1);
	assert_loc(&s.cmds[1].loc, want, 1, 1);
	assert_int_equal(s.cmds[3].kind, LS_CMD_ASSIGN);
	assert_int_equal(s.cmds[3].loc.buf, 1);
	assert_loc(&s.cmds[3].loc, want, 1, 1);
	ls_script_free(&s);
	remove_dir(dir);
	free(dir);
	vl_error_free(&err);
}

/* Sixteen files each INCLUDing the next four times would expand to 4^15
 * copies: the INCLUDE past LS_MAX_INCLUDES is an error where it stands,
 * long before. */
static void test_include_fan_out_stops_at_the_include_limit(void **state)
{
	char *dir = make_dir(), path[PATH_MAX], name[32], text[128],
	     want[PATH_MAX], msg[PATH_MAX + 128];
	ls_script s;
	vl_error err = {0};
	int i;

	(void)state;
	for (i = 0; i < 16; i++) {
		snprintf(name, sizeof(name), "f%d.ld", i);
		if (i < 15)
			snprintf(text, sizeof(text),
				 "INCLUDE f%d.ld\nINCLUDE f%d.ld\n"
				 "INCLUDE f%d.ld\nINCLUDE f%d.ld\n",
				 i + 1, i + 1, i + 1, i + 1);
		else
			snprintf(text, sizeof(text), "x = 1;\n");
		write_file(dir, name, text);
	}
	snprintf(path, sizeof(path), "%s/f0.ld", dir);
	assert_false(ls_parse_file(path, NULL, &s, &err));
	snprintf(msg, sizeof(msg),
		 "INCLUDE file '%s/f15.ld': more than %d INCLUDEs in one "
		 "script (each INCLUDE counts, also of a file included before)",
		 dir, LS_MAX_INCLUDES);
	assert_string_equal(err.msg, msg);
	/* Depth first, the 1025th INCLUDE is the first line of an f14.ld. */
	snprintf(want, sizeof(want), "%s/f14.ld", dir);
	assert_string_equal(err.file, want);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.column, 1);
	assert_null(s.cmds);
	remove_dir(dir);
	free(dir);
	vl_error_free(&err);
}

/* LS_MAX_SCRIPT_BYTES bounds the script with every INCLUDE counted, also
 * one of a file read before, which is not read again. */
static void test_include_bytes_are_bounded_in_all(void **state)
{
	char *dir = make_dir(), path[PATH_MAX], big[PATH_MAX],
	     msg[PATH_MAX + 128];
	size_t n = (LS_MAX_SCRIPT_BYTES >> 1) + 1;
	char *blank = malloc(n + 1);
	ls_script s;
	vl_error err = {0};

	(void)state;
	assert_non_null(blank);
	memset(blank, ' ', n);
	blank[n] = '\0';
	write_file(dir, "half.ld", blank);
	free(blank);
	write_file(dir, "once.ld", "INCLUDE half.ld\nx = 1;\n");
	snprintf(path, sizeof(path), "%s/once.ld", dir);
	assert_true(ls_parse_file(path, NULL, &s, &err));
	ls_script_free(&s);
	write_file(dir, "twice.ld", "INCLUDE half.ld\n  INCLUDE half.ld\n");
	snprintf(path, sizeof(path), "%s/twice.ld", dir);
	assert_false(ls_parse_file(path, NULL, &s, &err));
	snprintf(big, sizeof(big), "%s/half.ld", dir);
	snprintf(msg, sizeof(msg),
		 "INCLUDE file '%s': the script and its INCLUDEs pass 64 MiB "
		 "(each INCLUDE counts, also of a file included before)",
		 big);
	assert_string_equal(err.msg, msg);
	assert_string_equal(err.file, path);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 3);
	remove_dir(dir);
	free(dir);
	vl_error_free(&err);
}

/* A FIFO would block the open and a device never ends: an INCLUDE of
 * either is an error at the INCLUDE, and nothing reads them (a blocking
 * open would hang this test). */
static void test_include_refuses_fifos_and_devices(void **state)
{
	char *dir = make_dir(), path[PATH_MAX], fifo[PATH_MAX],
	     msg[PATH_MAX + 64];
	ls_script s;
	vl_error err = {0};

	(void)state;
	snprintf(fifo, sizeof(fifo), "%s/fifo.ld", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	write_file(dir, "main.ld", "SECTIONS {\n  INCLUDE fifo.ld\n}\n");
	snprintf(path, sizeof(path), "%s/main.ld", dir);
	assert_false(ls_parse_file(path, NULL, &s, &err));
	snprintf(msg, sizeof(msg),
		 "INCLUDE file '%s' is a FIFO, not a regular file", fifo);
	assert_string_equal(err.msg, msg);
	assert_string_equal(err.file, path);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 3);
	write_file(dir, "zero.ld", "x = 1;\nINCLUDE /dev/zero\n");
	snprintf(path, sizeof(path), "%s/zero.ld", dir);
	assert_false(ls_parse_file(path, NULL, &s, &err));
	assert_string_equal(err.msg, "INCLUDE file '/dev/zero' is a character "
				     "device, not a regular file");
	assert_int_equal(err.line, 2);
	/* The script itself, the same. */
	assert_false(ls_parse_file(fifo, NULL, &s, &err));
	assert_string_equal(err.msg, "is a FIFO, not a regular file");
	assert_string_equal(err.file, fifo);
	remove_dir(dir);
	free(dir);
	vl_error_free(&err);
}

/* ---- Errors ---- */

static void test_syntax_errors_say_what_and_where(void **state)
{
	(void)state;
	assert_error("SECTIONS foo", 1, 10,
		     "expected '{' after SECTIONS, found 'foo'");
	assert_error("SECTIONS", 1, 9,
		     "expected '{' after SECTIONS, found end of file");
	assert_error("ENTRY(_start)\n/* never\n closed", 2, 1,
		     "unterminated comment: no '*/' after '/*'");
	assert_error("SECTIONS {\n  .t : { ASCIZ \"abc\n}\n", 2, 16,
		     "unterminated string: no closing '\"'");
	assert_error("ENTRY(a)\n}\n", 2, 1, "unbalanced '}': no '{' before it");
	assert_error("\n\n   FOO(bar)", 3, 4,
		     "not an ELF image or linker script: 'FOO' starts no "
		     "linker-script command");
	assert_error("ENTRY(a)\nFOO(bar)", 2, 1, "unknown command 'FOO'");
	assert_error("SECTIONS { . = 1 + ; }", 1, 20,
		     "expected an expression, found ';'");
	assert_error("SECTIONS { .t : { *(.t } }", 1, 24,
		     "expected a section name pattern or ')', found '}'");
	assert_error("MEMORY { ram : LENGTH = 1 }", 1, 16,
		     "expected ORIGIN in memory region 'ram', found 'LENGTH'");
	assert_error("x = 1 ? 2;", 1, 10,
		     "expected ':' in a conditional expression, found ';'");
	assert_error("SECTIONS {\n", 2, 1,
		     "expected '}' to close SECTIONS, found end of file");
	assert_error("ENTRY(a)\nx = \x01;", 2, 5,
		     "unexpected control character '\\x01'");
	assert_error("VERSION { a { b; }", 1, 19,
		     "expected '}' to close VERSION, found end of file");
	assert_error("SECTIONS { .t : { KEEP(*(.a) } }", 1, 30,
		     "expected an input section description, found '}'");
}

/* GNU ld 2.40: "OUTPUT_FORMAT(elf64-x86-64, elf64-x86-64, elf64-x86-64)" is
 * a syntax error, "OUTPUT_FORMAT(a,b,c)" "target a,b,c not found",
 * "REGION_ALIAS(rom, ram)" a syntax error: its lexer keeps the comma in
 * the name.  With a blank before the comma, or quoted, all link. */
static void test_a_comma_joined_to_a_name_is_refused_as_ld_does(void **state)
{
	ls_script s;

	(void)state;
	assert_error("OUTPUT_FORMAT(elf64-x86-64, elf64-x86-64, elf64-x86-64)",
		     1, 15,
		     "GNU ld reads 'elf64-x86-64,' with its comma as one name "
		     "and refuses OUTPUT_FORMAT(...): quote the names "
		     "(\"elf64-x86-64\") or put a blank before the comma");
	assert_error("\nOUTPUT_FORMAT(\"elf32-i386\",elf32-i386,elf32-i386)", 2,
		     28,
		     "GNU ld reads 'elf32-i386,' with its comma as one name "
		     "and refuses OUTPUT_FORMAT(...): quote the names "
		     "(\"elf32-i386\") or put a blank before the comma");
	assert_error("REGION_ALIAS(rom, ram)", 1, 14,
		     "GNU ld reads 'rom,' with its comma as one name and "
		     "refuses REGION_ALIAS(...): quote the names (\"rom\") or "
		     "put a blank before the comma");
	assert_error("TARGET(elf64-x86-64,)", 1, 8,
		     "GNU ld reads 'elf64-x86-64,' with its comma as one name "
		     "and refuses TARGET(...): quote the names "
		     "(\"elf64-x86-64\") or put a blank before the comma");
	parse_ok(&s,
		 "OUTPUT_FORMAT(\"elf64-x86-64\", \"elf64-x86-64\", "
		 "\"elf64-x86-64\")\n"
		 "OUTPUT_FORMAT(elf64-x86-64 , elf64-x86-64 ,elf64-x86-64)\n"
		 "REGION_ALIAS(\"rom\", ram)\n"
		 "EXTERN(a,b)\n");
	assert_int_equal(s.ncmds, 4);
	assert_int_equal(s.cmds[1].nargs, 3);
	assert_string_equal(s.cmds[1].args[2], "elf64-x86-64");
	ls_script_free(&s);
}

/* GNU ld 2.40's MEMORY grammar: one optional ',' between two regions;
 * "LENGTH = 64K;", "LENGTH = 64K ,}", ",," and a leading ',' are syntax
 * errors there.  The ',' it takes is kept for the lld-portability lint. */
static void test_memory_separators_as_ld_takes_them(void **state)
{
	ls_script s;

	(void)state;
	assert_error("MEMORY { ram : ORIGIN = 0x10000, LENGTH = 64K; }", 1, 46,
		     "GNU ld refuses ';' in MEMORY (a syntax error): separate "
		     "the regions by a newline");
	assert_error("MEMORY { ram : ORIGIN = 0x10000, LENGTH = 64K , }", 1, 47,
		     "GNU ld refuses a ',' after the last memory region (a "
		     "syntax error): remove it");
	assert_error("MEMORY { a : ORIGIN = 0, LENGTH = 1K,, b : ORIGIN = 1K, "
		     "LENGTH = 1K }",
		     1, 38,
		     "GNU ld refuses this ',' in MEMORY (a syntax error): one "
		     "may stand between two regions, no more");
	assert_error("MEMORY { , a : ORIGIN = 0, LENGTH = 1K }", 1, 10,
		     "GNU ld refuses this ',' in MEMORY (a syntax error): one "
		     "may stand between two regions, no more");
	parse_ok(&s, "MEMORY {\n  a : ORIGIN = 0, LENGTH = 1K,\n"
		     "  b : ORIGIN = 1K LENGTH = 1K\n  c : o = 2K, l = 1K\n}");
	assert_int_equal(s.cmds[0].u.memory.nregions, 3);
	assert_true(s.cmds[0].u.memory.regions[0].comma_after);
	assert_int_equal(s.cmds[0].u.memory.regions[0].comma_loc.line, 2);
	assert_int_equal(s.cmds[0].u.memory.regions[0].comma_loc.column, 30);
	assert_false(s.cmds[0].u.memory.regions[1].comma_after);
	assert_true(s.cmds[0].u.memory.regions[1].length_without_comma);
	assert_false(s.cmds[0].u.memory.regions[2].length_without_comma);
	ls_script_free(&s);
}

/* The machines OUTPUT_FORMAT and OUTPUT_ARCH name, as BFD spells them. */
static void test_script_targets_name_machine_and_class(void **state)
{
	ls_script s;
	ls_target t[8];

	(void)state;
	parse_ok(&s, "OUTPUT_FORMAT(\"elf32-i386\", \"elf32-i386\", "
		     "\"elf32-i386\")\n"
		     "OUTPUT_ARCH(i386:x86-64)\n"
		     "OUTPUT_FORMAT(elf64-littleaarch64)\n"
		     "OUTPUT_ARCH(armv7-a)\n"
		     "OUTPUT_FORMAT(elf32-x86-64)\n"
		     "OUTPUT_ARCH(riscv)\n"
		     "OUTPUT_FORMAT(binary)\n"
		     "OUTPUT_ARCH(i386:x86-64:intel)\n");
	assert_int_equal(ls_script_targets(&s, t, 8), 7);
	assert_int_equal(t[0].machine, EM_386);
	assert_int_equal(t[0].elfclass, ELFCLASS32);
	assert_string_equal(t[0].keyword, "OUTPUT_FORMAT");
	assert_int_equal(t[0].loc.line, 1);
	assert_int_equal(t[1].machine, EM_X86_64);
	assert_int_equal(t[1].elfclass, 0);
	assert_string_equal(t[1].name, "i386:x86-64");
	assert_int_equal(t[2].machine, EM_AARCH64);
	assert_int_equal(t[2].elfclass, ELFCLASS64);
	assert_int_equal(t[3].machine, EM_ARM);
	assert_int_equal(t[4].machine, EM_X86_64);
	assert_int_equal(t[4].elfclass, ELFCLASS32);
	assert_int_equal(t[5].machine, EM_RISCV);
	assert_int_equal(t[6].machine, EM_X86_64);
	assert_int_equal(t[6].loc.line, 8);
	assert_int_equal(ls_script_targets(&s, t, 1), 1);
	ls_script_free(&s);
}

static void test_nul_and_binary_input_are_refused(void **state)
{
	static const char nul[] = "SECTIONS\n{\n  .t : { }\0 }\n";
	static const char elf[] = "\x7f"
				  "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0";
	char junk[256];
	vl_error err = {0};
	size_t i;

	(void)state;
	parse_fail(&err, nul, sizeof(nul) - 1);
	assert_string_equal(err.msg, "NUL byte in script");
	assert_int_equal(err.line, 3);
	assert_int_equal(err.column, 11);
	parse_fail(&err, elf, sizeof(elf) - 1);
	assert_string_equal(err.msg, "binary data: not an ELF image or linker script");
	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(i * 7 + 1);
	parse_fail(&err, junk, sizeof(junk));
	assert_string_equal(err.msg, "binary data: not an ELF image or linker script");
	vl_error_free(&err);
}

/* GNU ld and lld read Latin-1 in comments as text; so do control bytes
 * there.  Outside comments and strings they still count. */
static void test_latin1_and_controls_in_comments_are_text(void **state)
{
	char text[512];
	vl_error err = {0};
	ls_script s;
	size_t n = 0, i;

	(void)state;
	n += (size_t)snprintf(text + n, sizeof(text) - n, "/* ");
	for (i = 0; i < 40; i++)
		text[n++] = (char)(0xc0 + i % 0x3f); /* Latin-1 letters */
	for (i = 0; i < 20; i++)
		text[n++] = '\x1b';
	n += (size_t)snprintf(text + n, sizeof(text) - n, " */\n# ");
	for (i = 0; i < 30; i++)
		text[n++] = (char)0xe9;
	n += (size_t)snprintf(text + n, sizeof(text) - n,
			      "\nINPUT(\"caf\xe9\xe9\xe9\xe9\xe9\xe9\xe9"
			      "\xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9"
			      "\xe9.o\")\nx = 1;\n");
	parse_ok(&s, text);
	assert_int_equal(s.ncmds, 2);
	ls_script_free(&s);
	/* The same control bytes outside a comment: binary. */
	for (i = 0; i < 20; i++)
		text[i] = '\x1b';
	memcpy(text + 20, " x = 1;", 8);
	parse_fail(&err, text, 27);
	assert_string_equal(err.msg, "binary data: not an ELF image or linker script");
	/* An unclosed comment hides nothing. */
	memcpy(text, "/* ", 3);
	parse_fail(&err, text, 27);
	assert_string_equal(err.msg, "binary data: not an ELF image or linker script");
	vl_error_free(&err);
}

static void test_files_beyond_the_size_limit_are_refused(void **state)
{
	char *dir = make_dir(), path[PATH_MAX];
	ls_script s;
	vl_error err = {0};
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/huge.ld", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	/* Sparse: costs no disk. */
	assert_int_equal(ftruncate(fileno(f), (off_t)LS_MAX_FILE_BYTES + 1), 0);
	fclose(f);
	assert_false(ls_parse_file(path, NULL, &s, &err));
	assert_string_equal(err.msg,
			    "file is larger than 64 MiB: not a linker script");
	assert_string_equal(err.file, path);
	assert_false(ls_parse_file("/nonexistent/x.ld", NULL, &s, &err));
	assert_string_equal(err.msg, "cannot open: No such file or directory");
	remove_dir(dir);
	free(dir);
	vl_error_free(&err);
}

static char *repeat(const char *head, const char *unit, size_t n,
		    const char *tail, size_t *len)
{
	size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail), i;
	char *s = malloc(hl + ul * n + tl + 1), *p;

	assert_non_null(s);
	memcpy(s, head, hl);
	p = s + hl;
	for (i = 0; i < n; i++, p += ul)
		memcpy(p, unit, ul);
	memcpy(p, tail, tl + 1);
	*len = hl + ul * n + tl;
	return s;
}

static void test_deep_nesting_is_an_error_not_a_crash(void **state)
{
	vl_error err = {0};
	size_t len;
	char *s;

	(void)state;
	/* 100,000 parentheses: refused at the 257th. */
	s = repeat("x = ", "(", 100000, "1", &len);
	parse_fail(&err, s, len);
	assert_string_equal(err.msg,
			    "expression nested more than 256 levels deep");
	assert_int_equal(err.line, 1);
	assert_int_equal(err.column, 5 + 256);
	free(s);
	s = repeat("x = ", "-", 100000, "1;", &len);
	parse_fail(&err, s, len);
	assert_string_equal(err.msg,
			    "expression nested more than 256 levels deep");
	free(s);
	/* A long flat chain builds a deep tree: refused as well. */
	s = repeat("x = 1", " + 1", 100000, ";", &len);
	parse_fail(&err, s, len);
	assert_string_equal(err.msg,
			    "expression nested more than 256 levels deep");
	free(s);
	s = repeat("SECTIONS { .t : { *(", "SORT(", 100000, ".x", &len);
	parse_fail(&err, s, len);
	assert_string_equal(err.msg, "braces and parentheses nested more "
				     "than 256 levels deep");
	free(s);
	s = repeat("VERSION ", "{", 100000, "", &len);
	parse_fail(&err, s, len);
	assert_string_equal(err.msg, "braces nested more than 256 levels deep");
	free(s);
	s = repeat("SECTIONS { .t : { ", "KEEP(", 100000, "", &len);
	parse_fail(&err, s, len);
	free(s);
	vl_error_free(&err);
}

/* Append n copies of unit to a buffer being built. */
static char *append_n(char *p, const char *unit, size_t n)
{
	size_t ul = strlen(unit), i;

	for (i = 0; i < n; i++, p += ul)
		memcpy(p, unit, ul);
	return p;
}

static void test_ten_megabyte_line(void **state)
{
	static const char pat[] = ".section_name_00000 ";
	const size_t npat = 250000, ncomment = 5 * 1000 * 1000;
	char *text = malloc(12 * 1000 * 1000), *p = text;
	const ls_output_section *o;
	ls_script s;
	vl_error err = {0};
	size_t len, bpos;

	(void)state;
	assert_non_null(text);
	/* ENTRY, a 5 MB comment and a 5 MB input section description, all
	 * on one line. */
	p = append_n(p, "ENTRY(x) /*", 1);
	p = append_n(p, "c", ncomment);
	p = append_n(p, "*/ SECTIONS { .t : { *(", 1);
	p = append_n(p, pat, npat);
	p = append_n(p, ") } } b = 2;", 1);
	*p = '\0';
	len = (size_t)(p - text);
	assert_true(len > 10 * 1000 * 1000);
	assert_true(ls_parse_text("long.ld", text, len, NULL, &s, &err));
	assert_int_equal(s.ncmds, 3);
	o = osec(&s, 0);
	assert_int_equal(o->cmds[0].u.input.npatterns, npat);
	assert_string_equal(o->cmds[0].u.input.patterns[npat - 1].glob,
			    ".section_name_00000");
	bpos = len - strlen("b = 2;");
	assert_int_equal(s.cmds[2].loc.line, 1);
	assert_int_equal(s.cmds[2].loc.column, bpos + 1);
	assert_int_equal(s.cmds[2].loc.offset, bpos);
	assert_range(&s, &s.cmds[2].loc, "b = 2;");
	ls_script_free(&s);
	/* An error at the end of it is reported at its column. */
	text[len - 1] = '+';
	parse_fail(&err, text, len);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.column, len + 1);
	assert_string_equal(err.msg,
			    "expected an expression, found end of file");
	/* One 10 MB name. */
	p = append_n(text, "ENTRY(", 1);
	p = append_n(p, "n", 10 * 1000 * 1000);
	p = append_n(p, ")", 1);
	len = (size_t)(p - text);
	assert_true(ls_parse_text("long.ld", text, len, NULL, &s, &err));
	assert_int_equal(strlen(s.cmds[0].args[0]), 10 * 1000 * 1000);
	ls_script_free(&s);
	free(text);
	vl_error_free(&err);
}

static void test_free_is_safe_on_empty_scripts(void **state)
{
	ls_script s;

	(void)state;
	memset(&s, 0, sizeof(s));
	ls_script_free(&s);
	ls_script_free(NULL);
	parse_ok(&s, "");
	assert_int_equal(s.ncmds, 0);
	assert_int_equal(s.nbufs, 1);
	ls_script_free(&s);
	ls_script_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_default_ldscript_parses),
	    cmocka_unit_test(test_ld_verbose_script_parses),
	    cmocka_unit_test(test_named_commands_keep_their_arguments),
	    cmocka_unit_test(test_insert_and_version),
	    cmocka_unit_test(test_command_argument_counts_are_checked),
	    cmocka_unit_test(test_assignment_operators),
	    cmocka_unit_test(test_provide_and_hidden),
	    cmocka_unit_test(test_assignment_needs_a_separator),
	    cmocka_unit_test(test_assert_commands),
	    cmocka_unit_test(test_memory_regions),
	    cmocka_unit_test(test_phdrs),
	    cmocka_unit_test(test_output_section_with_every_part),
	    cmocka_unit_test(test_output_section_types),
	    cmocka_unit_test(
		test_output_section_align_with_input_and_constraints),
	    cmocka_unit_test(test_output_section_names),
	    cmocka_unit_test(test_output_section_address_forms),
	    cmocka_unit_test(test_output_section_header_errors),
	    cmocka_unit_test(test_overlay),
	    cmocka_unit_test(test_input_section_descriptions),
	    cmocka_unit_test(test_input_sorting),
	    cmocka_unit_test(test_exclude_file),
	    cmocka_unit_test(test_keep_and_input_section_flags),
	    cmocka_unit_test(test_data_and_keyword_commands),
	    cmocka_unit_test(test_expression_precedence),
	    cmocka_unit_test(test_expression_tokens_need_no_blanks),
	    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_dollar_hex_numbers),
	    cmocka_unit_test(test_builtin_functions),
	    cmocka_unit_test(test_quoted_symbol_names),
	    cmocka_unit_test(test_expression_node_locations),
	    cmocka_unit_test(test_comments_and_optional_semicolons),
	    cmocka_unit_test(test_cpp_line_markers_move_file_and_line),
	    cmocka_unit_test(test_include_splices_files_everywhere),
	    cmocka_unit_test(test_include_searches_the_working_directory),
	    cmocka_unit_test(test_include_errors),
	    cmocka_unit_test(test_include_reads_a_file_once),
	    cmocka_unit_test(test_include_fan_out_stops_at_the_include_limit),
	    cmocka_unit_test(test_include_bytes_are_bounded_in_all),
	    cmocka_unit_test(test_include_refuses_fifos_and_devices),
	    cmocka_unit_test(test_syntax_errors_say_what_and_where),
	    cmocka_unit_test(test_nul_and_binary_input_are_refused),
	    cmocka_unit_test(
		test_a_comma_joined_to_a_name_is_refused_as_ld_does),
	    cmocka_unit_test(test_script_targets_name_machine_and_class),
	    cmocka_unit_test(test_memory_separators_as_ld_takes_them),
	    cmocka_unit_test(test_latin1_and_controls_in_comments_are_text),
	    cmocka_unit_test(test_files_beyond_the_size_limit_are_refused),
	    cmocka_unit_test(test_deep_nesting_is_an_error_not_a_crash),
	    cmocka_unit_test(test_ten_megabyte_line),
	    cmocka_unit_test(test_free_is_safe_on_empty_scripts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
