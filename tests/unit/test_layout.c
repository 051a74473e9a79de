/* Unit tests for analyzer/layout.c: the shipped layouts load with the values
 * their sources give, -D defines override defaults in order, and every bad
 * input is refused with the file, line and column of the cause. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <elf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "layout.h"

#define U64(x) UINT64_C(x)
#define MIB(x) (U64(x) << 20)

/* The temporary directory of this run and the file each test writes. */
static char tmpdir[] = "/tmp/vaslint-test-layout-XXXXXX";
static char tmpfile_path[PATH_MAX];

static int group_setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(tmpfile_path, sizeof(tmpfile_path), "%s/t.yaml", tmpdir);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	unlink(tmpfile_path);
	return rmdir(tmpdir);
}

static void write_bytes(const char *path, const char *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Write text as the test file and load it. */
static bool load_text(const char *text, const layout_define *defs, size_t ndefs,
		      layout *l, vl_error *err)
{
	write_bytes(tmpfile_path, text, strlen(text));
	return layout_load(tmpfile_path, defs, ndefs, l, err);
}

/* A load that must fail: the error must name the test file at line:col
 * with exactly msg, and the layout must be left empty. */
static void assert_load_error(const char *text, unsigned line, unsigned column,
			      const char *msg)
{
	layout l;
	vl_error err = {0};

	assert_false(load_text(text, NULL, 0, &l, &err));
	assert_string_equal(err.file, tmpfile_path);
	assert_string_equal(err.msg, msg);
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, column);
	assert_null(l.path);
	assert_null(l.name);
	assert_int_equal(l.nparams, 0);
	assert_int_equal(l.nregions, 0);
	layout_free(&l);
	vl_error_free(&err);
}

/* The smallest valid layout; tests append keys to it. */
#define MINIMAL                                                                \
	"name: t\n"                                                            \
	"description: test layout\n"                                           \
	"machine: x86_64\n"                                                    \
	"page-sizes: [4K]\n"                                                   \
	"address-space: {start: 0x1000, end: 0x100000}\n"

/* The same keys without one of them, which the test then gives last. */
#define NO_NAME                                                                \
	"description: test layout\n"                                           \
	"machine: x86_64\n"                                                    \
	"page-sizes: [4K]\n"                                                   \
	"address-space: {start: 0x1000, end: 0x100000}\n"
#define NO_MACHINE                                                             \
	"name: t\n"                                                            \
	"description: test layout\n"                                           \
	"page-sizes: [4K]\n"                                                   \
	"address-space: {start: 0x1000, end: 0x100000}\n"
#define NO_PAGES                                                               \
	"name: t\n"                                                            \
	"description: test layout\n"                                           \
	"machine: x86_64\n"                                                    \
	"address-space: {start: 0x1000, end: 0x100000}\n"

static void shipped_path(const char *name, char *buf, size_t len)
{
	const char *root = getenv("VASLINT_ROOT");
	int w = snprintf(buf, len, "%s/layouts/%s.yaml",
			 root && *root ? root : ".", name);

	assert_true(w > 0 && (size_t)w < len);
}

static void load_shipped(const char *name, const layout_define *defs,
			 size_t ndefs, layout *l)
{
	char path[PATH_MAX];
	vl_error err = {0};

	shipped_path(name, path, sizeof(path));
	if (!layout_load(path, defs, ndefs, l, &err))
		fail_msg("%s:%u:%u: %s", err.file, err.line, err.column,
			 err.msg);
	assert_string_equal(l->path, path);
	assert_string_equal(l->name, name);
	vl_error_free(&err);
}

static const layout_region *region(const layout *l, const char *name)
{
	for (size_t i = 0; i < l->nregions; i++)
		if (strcmp(l->regions[i].name, name) == 0)
			return &l->regions[i];
	fail_msg("layout %s has no region %s", l->name, name);
	return NULL;
}

static const layout_param *param(const layout *l, const char *name)
{
	for (size_t i = 0; i < l->nparams; i++)
		if (strcmp(l->params[i].name, name) == 0)
			return &l->params[i];
	fail_msg("layout %s has no parameter %s", l->name, name);
	return NULL;
}

static void assert_range(va_range r, uint64_t start, uint64_t end)
{
	assert_int_equal(r.start, start);
	assert_int_equal(r.end, end);
}

/* ---- The shipped layouts ---- */

struct shipped {
	const char *name;
	uint16_t machines[3];
	size_t nmachines;
	uint64_t pages[3];
	size_t npages;
	uint64_t flexpage_max;
	uint64_t as_start, as_end;
	uint64_t linker_area;
	bool has_pie_base;
	uint64_t pie_base;
	size_t nparams, nregions;
	const char *reserved; /* the non-guest region */
};

static const struct shipped shipped[] = {
    {"genode-foc-arm_v7a",
     {EM_ARM},
     1,
     {0x1000, MIB(1)},
     2,
     0,
     0x10000,
     0xc0000000,
     MIB(350),
     false,
     0,
     1,
     2,
     "stack-area"},
    {"genode-foc-arm_v8a",
     {EM_AARCH64},
     1,
     {0x1000, MIB(2), MIB(1024)},
     3,
     0,
     0x10000,
     U64(0xff8000000000),
     MIB(350),
     false,
     0,
     1,
     2,
     "stack-area"},
    {"genode-foc-x86_32",
     {EM_386},
     1,
     {0x1000, MIB(4)},
     2,
     0,
     0x10000,
     0xc0000000,
     MIB(350),
     false,
     0,
     1,
     2,
     "stack-area"},
    {"genode-foc-x86_64",
     {EM_X86_64},
     1,
     {0x1000, MIB(2), MIB(1024)},
     3,
     0,
     0x10000,
     U64(0x800000000000),
     MIB(350),
     false,
     0,
     1,
     2,
     "stack-area"},
    {"genode-hw-64",
     {EM_AARCH64, EM_X86_64, EM_RISCV},
     3,
     {0x1000},
     1,
     0,
     0x2000,
     U64(0x4000000000),
     MIB(350),
     false,
     0,
     1,
     2,
     "stack-area"},
    {"genode-hw-arm_v7a",
     {EM_ARM},
     1,
     {0x1000, MIB(1)},
     2,
     0,
     0x2000,
     0x80000000,
     MIB(350),
     false,
     0,
     1,
     2,
     "stack-area"},
    {"genode-hw-arm_v8a",
     {EM_AARCH64},
     1,
     {0x1000},
     1,
     0,
     0x2000,
     U64(0x4000000000),
     MIB(350),
     false,
     0,
     1,
     2,
     "stack-area"},
    {"genode-hw-x86_64",
     {EM_X86_64},
     1,
     {0x1000},
     1,
     0,
     0x2000,
     U64(0x4000000000),
     MIB(350),
     false,
     0,
     1,
     2,
     "stack-area"},
    {"genode-linux-arm_v8a",
     {EM_AARCH64},
     1,
     {0x1000, MIB(2), MIB(1024)},
     3,
     0,
     0x1000,
     U64(0x8000000000),
     MIB(350),
     false,
     0,
     1,
     2,
     "stack-area"},
    {"genode-linux-x86_32",
     {EM_386},
     1,
     {0x1000},
     1,
     0,
     0x1000,
     0xc0000000,
     MIB(350),
     false,
     0,
     1,
     2,
     "stack-area"},
    {"genode-linux-x86_64",
     {EM_X86_64},
     1,
     {0x1000, MIB(2), MIB(1024)},
     3,
     0,
     0x1000,
     U64(0x7ffffffff000),
     MIB(350),
     false,
     0,
     1,
     2,
     "stack-area"},
    {"genode-nova-x86_32-2012",
     {EM_386},
     1,
     {0x1000, MIB(4)},
     2,
     U64(1) << 43,
     0x1000,
     0x80000000,
     0,
     false,
     0,
     1,
     2,
     "context-area"},
    {"genode-nova-x86_32",
     {EM_386},
     1,
     {0x1000, MIB(4)},
     2,
     U64(1) << 43,
     0x1000,
     0xc0000000,
     MIB(350),
     false,
     0,
     1,
     2,
     "stack-area"},
    {"genode-nova-x86_64-2012",
     {EM_X86_64},
     1,
     {0x1000, MIB(2)},
     2,
     U64(1) << 43,
     0x1000,
     0x80000000,
     0,
     false,
     0,
     1,
     2,
     "context-area"},
    {"genode-nova-x86_64",
     {EM_X86_64},
     1,
     {0x1000, MIB(2), MIB(1024)},
     3,
     U64(1) << 43,
     0x1000,
     U64(0x7fffc0000000),
     MIB(350),
     false,
     0,
     1,
     2,
     "stack-area"},
    {"genode-sel4-arm_v7a",
     {EM_ARM},
     1,
     {0x1000},
     1,
     0,
     0x2000,
     0xc0000000,
     MIB(350),
     false,
     0,
     1,
     2,
     "stack-area"},
    {"genode-sel4-arm_v8a",
     {EM_AARCH64},
     1,
     {0x1000},
     1,
     0,
     0x2000,
     U64(0x1000000000),
     MIB(350),
     false,
     0,
     1,
     2,
     "stack-area"},
    {"genode-sel4-x86_64",
     {EM_X86_64},
     1,
     {0x1000},
     1,
     0,
     0x2000,
     U64(0x1000000000),
     MIB(350),
     false,
     0,
     1,
     2,
     "stack-area"},
    {"linux-x86_64",
     {EM_X86_64},
     1,
     {0x1000, MIB(2), MIB(1024)},
     3,
     0,
     0x1000,
     U64(0x7ffffffff000),
     0,
     true,
     U64(0x555555554aaa),
     2,
     1,
     NULL},
};

static void every_shipped_layout_is_in_the_table(void **state)
{
	char path[PATH_MAX], *slash;
	size_t yaml = 0;

	(void)state;
	/* Every *.yaml in layouts/ must have a row above. */
	shipped_path("x", path, sizeof(path));
	slash = strrchr(path, '/');
	*slash = 0;
	for (size_t i = 0; i < sizeof(shipped) / sizeof(shipped[0]); i++) {
		char p[PATH_MAX + 64];
		snprintf(p, sizeof(p), "%s/%s.yaml", path, shipped[i].name);
		assert_int_equal(access(p, R_OK), 0);
	}
	DIR *d = opendir(path);
	assert_non_null(d);
	for (struct dirent *e; (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		yaml += n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0;
	}
	closedir(d);
	assert_int_equal(yaml, sizeof(shipped) / sizeof(shipped[0]));
}

static void every_shipped_layout_loads_with_its_documented_values(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(shipped) / sizeof(shipped[0]); i++) {
		const struct shipped *s = &shipped[i];
		layout l;

		load_shipped(s->name, NULL, 0, &l);
		assert_int_equal(l.nmachines, s->nmachines);
		for (size_t m = 0; m < s->nmachines; m++) {
			assert_int_equal(l.machines[m], s->machines[m]);
			assert_string_equal(
			    l.machine_names[m],
			    layout_machine_name(s->machines[m],
						l.machine_classes[m]));
		}
		assert_int_equal(l.npage_sizes, s->npages);
		for (size_t p = 0; p < s->npages; p++)
			assert_int_equal(l.page_sizes[p], s->pages[p]);
		assert_int_equal(l.flexpage_max, s->flexpage_max);
		assert_range(l.address_space, s->as_start, s->as_end);
		assert_int_equal(l.linker_area, s->linker_area);
		assert_true((l.linker_area_why != NULL) ==
			    (s->linker_area != 0));
		assert_int_equal(l.has_pie_base, s->has_pie_base);
		assert_int_equal(l.pie_base, s->pie_base);
		assert_int_equal(l.nparams, s->nparams);
		assert_int_equal(l.nregions, s->nregions);
		/* GUEST_RAM defaults to 0 everywhere: no guest, empty shadow.
		 */
		assert_int_equal(param(&l, "GUEST_RAM")->value, 0);
		assert_false(param(&l, "GUEST_RAM")->set);
		assert_true(va_range_empty(region(&l, "guest-shadow")->range));
		if (s->reserved)
			assert_range(region(&l, s->reserved)->range, 0x40000000,
				     0x50000000);
		assert_non_null(l.description);
		layout_free(&l);
	}
}

static void linux_x86_64_caps_position_dependent_images_at_2g(void **state)
{
	layout l;
	va_range r;

	(void)state;
	load_shipped("linux-x86_64", NULL, 0, &l);
	assert_int_equal(l.exec_limit, 0x80000000);
	assert_non_null(strstr(l.exec_limit_why, "small code model"));
	assert_string_equal(l.exec_limit_loc.file, l.path);
	assert_true(l.exec_limit_loc.line > 0);
	r = layout_exec_space(&l);
	assert_range(r, 0x1000, 0x80000000);
	layout_free(&l);
	/* without the key: the whole address space */
	load_shipped("genode-nova-x86_32", NULL, 0, &l);
	assert_int_equal(l.exec_limit, 0);
	assert_null(l.exec_limit_why);
	assert_range(layout_exec_space(&l), l.address_space.start,
		     l.address_space.end);
	layout_free(&l);
}

static void exec_limit_above_the_space_changes_nothing(void **state)
{
	layout l;
	vl_error err = {0};

	(void)state;
	assert_true(load_text(MINIMAL "exec-limit: {end: 0x200000, why: w}\n",
			      NULL, 0, &l, &err));
	assert_int_equal(l.exec_limit, 0x200000);
	assert_range(layout_exec_space(&l), 0x1000, 0x100000);
	layout_free(&l);
	vl_error_free(&err);
}

static void bad_exec_limit_is_an_error_at_its_key(void **state)
{
	(void)state;
	assert_load_error(MINIMAL "exec-limit: {end: 0x1000, why: w}\n", 6, 1,
			  "exec-limit end lies at or below the start of the "
			  "address space");
	assert_load_error(MINIMAL "exec-limit: {end: 0x10000}\n", 6, 13,
			  "exec-limit has no 'why'");
}

static void nova_2012_has_2g_space_context_area_and_4m_pages(void **state)
{
	layout l;

	(void)state;
	load_shipped("genode-nova-x86_32-2012", NULL, 0, &l);
	assert_range(l.address_space, 0x1000, 0x80000000);
	assert_int_equal(l.npage_sizes, 2);
	assert_int_equal(l.page_sizes[0], 0x1000);
	assert_int_equal(l.page_sizes[1], 0x400000);
	assert_int_equal(l.linker_area, 0);
	assert_null(l.linker_area_why);
	assert_int_equal(l.nregions, 2);
	assert_string_equal(l.regions[0].name, "guest-shadow");
	assert_range(l.regions[0].range, 0, 0);
	assert_string_equal(l.regions[1].name, "context-area");
	assert_range(l.regions[1].range, 0x40000000, 0x50000000);
	/* A region's place is its list item's first key. */
	assert_string_equal(l.regions[1].loc.file, l.path);
	assert_int_equal(l.regions[1].loc.line, 27);
	assert_int_equal(l.regions[1].loc.column, 5);
	assert_int_equal(l.params[0].loc.line, 21);
	assert_int_equal(l.params[0].loc.column, 3);
	assert_string_equal(l.params[0].doc,
			    "guest RAM in bytes that Vancouver shadows 1:1 "
			    "from virtual address 0; no default: this layout "
			    "is the Vancouver case, so a check must say it (0 "
			    "for an ordinary component)");
	/* No default: it must be given, and reads 0 until then. */
	assert_true(l.params[0].no_default);
	assert_false(l.params[0].set);
	assert_ptr_equal(l.regions[0].unset_param, &l.params[0]);
	layout_free(&l);
}

static void nova_2012_guest_ram_define_sizes_the_shadow(void **state)
{
	layout_define d;
	layout l;

	(void)state;
	assert_true(layout_parse_define("GUEST_RAM=256M", &d, NULL));
	load_shipped("genode-nova-x86_32-2012", &d, 1, &l);
	assert_range(region(&l, "guest-shadow")->range, 0, 0x10000000);
	assert_int_equal(param(&l, "GUEST_RAM")->value, 0x10000000);
	assert_true(param(&l, "GUEST_RAM")->set);
	layout_free(&l);
}

static void linux_shadow_defaults_to_2m_and_is_empty_without_guest(void **state)
{
	layout l;

	(void)state;
	load_shipped("linux-x86_64", NULL, 0, &l);
	assert_int_equal(l.nparams, 2);
	assert_string_equal(l.params[0].name, "GUEST_RAM");
	assert_string_equal(l.params[1].name, "SHADOW_BASE");
	assert_int_equal(param(&l, "SHADOW_BASE")->value, 0x200000);
	assert_false(param(&l, "SHADOW_BASE")->set);
	assert_range(region(&l, "guest-shadow")->range, 0x200000, 0x200000);
	assert_true(l.has_pie_base);
	assert_int_equal(l.pie_base, U64(0x555555554aaa));
	assert_int_equal(l.linker_area, 0);
	layout_free(&l);
}

static void linux_guest_ram_256m_gives_shadow_ending_at_0x10200000(void **state)
{
	layout_define d;
	layout l;

	(void)state;
	assert_true(layout_parse_define("GUEST_RAM=256M", &d, NULL));
	load_shipped("linux-x86_64", &d, 1, &l);
	assert_range(region(&l, "guest-shadow")->range, 0x200000, 0x10200000);
	assert_true(param(&l, "GUEST_RAM")->set);
	assert_false(param(&l, "SHADOW_BASE")->set);
	layout_free(&l);
}

static void nova_x86_32_linker_area_is_350m(void **state)
{
	layout l;

	(void)state;
	load_shipped("genode-nova-x86_32", NULL, 0, &l);
	assert_int_equal(l.linker_area, 350 * U64(1024 * 1024));
	assert_int_equal(l.linker_area, 0x15e00000);
	assert_non_null(l.linker_area_why);
	assert_range(l.address_space, 0x1000, 0xc0000000);
	layout_free(&l);
}

/* ---- -D defines ---- */

static void later_define_of_the_same_parameter_wins(void **state)
{
	layout_define d[2];
	layout l;

	(void)state;
	assert_true(layout_parse_define("GUEST_RAM=1M", &d[0], NULL));
	assert_true(layout_parse_define("GUEST_RAM=64M", &d[1], NULL));
	load_shipped("linux-x86_64", d, 2, &l);
	assert_int_equal(param(&l, "GUEST_RAM")->value, MIB(64));
	assert_range(region(&l, "guest-shadow")->range, 0x200000,
		     0x200000 + MIB(64));
	layout_free(&l);
}

static void define_may_name_an_earlier_parameter(void **state)
{
	layout_define d[2];
	layout l;

	(void)state;
	/* SHADOW_BASE follows GUEST_RAM in the file, so it sees the -D'd
	 * GUEST_RAM whatever order the defines come in. */
	assert_true(
	    layout_parse_define("SHADOW_BASE=GUEST_RAM*2", &d[0], NULL));
	assert_true(layout_parse_define("GUEST_RAM=256M", &d[1], NULL));
	load_shipped("linux-x86_64", d, 2, &l);
	assert_int_equal(param(&l, "SHADOW_BASE")->value, 0x20000000);
	assert_true(param(&l, "SHADOW_BASE")->set);
	assert_range(region(&l, "guest-shadow")->range, 0x20000000, 0x30000000);
	layout_free(&l);
}

static void define_value_is_an_expression(void **state)
{
	layout_define d[2];
	layout l;

	(void)state;
	assert_true(
	    layout_parse_define("GUEST_RAM=(1 << 20) * 3 + 4K", &d[0], NULL));
	assert_true(layout_parse_define("SHADOW_BASE=ALIGN(0x123456, 2M)",
					&d[1], NULL));
	load_shipped("linux-x86_64", d, 2, &l);
	assert_int_equal(param(&l, "GUEST_RAM")->value, 0x301000);
	assert_int_equal(param(&l, "SHADOW_BASE")->value, 0x200000);
	assert_range(region(&l, "guest-shadow")->range, 0x200000, 0x501000);
	layout_free(&l);
}

static void define_naming_a_later_parameter_is_an_error(void **state)
{
	layout_define d;
	layout l;
	vl_error err = {0};
	char path[PATH_MAX];

	(void)state;
	shipped_path("linux-x86_64", path, sizeof(path));
	assert_true(layout_parse_define("GUEST_RAM=SHADOW_BASE", &d, NULL));
	assert_false(layout_load(path, &d, 1, &l, &err));
	assert_string_equal(err.file, "<command line>");
	assert_int_equal(err.line, 0);
	assert_int_equal(err.column, 0);
	assert_string_equal(err.msg, "-D GUEST_RAM=SHADOW_BASE: unknown "
				     "parameter 'SHADOW_BASE'");
	assert_null(l.params);
	vl_error_free(&err);
}

static void define_cannot_name_its_own_parameter(void **state)
{
	layout_define d;
	layout l;
	vl_error err = {0};
	char path[PATH_MAX];

	(void)state;
	shipped_path("linux-x86_64", path, sizeof(path));
	assert_true(
	    layout_parse_define("SHADOW_BASE=SHADOW_BASE+4K", &d, NULL));
	assert_false(layout_load(path, &d, 1, &l, &err));
	assert_string_equal(err.file, "<command line>");
	assert_string_equal(err.msg, "-D SHADOW_BASE=SHADOW_BASE+4K: unknown "
				     "parameter 'SHADOW_BASE'");
	vl_error_free(&err);
}

static void define_with_syntax_error_quotes_the_expression(void **state)
{
	layout_define d;
	layout l;
	vl_error err = {0};
	char path[PATH_MAX];

	(void)state;
	shipped_path("linux-x86_64", path, sizeof(path));
	assert_true(layout_parse_define("GUEST_RAM=256M +", &d, NULL));
	assert_false(layout_load(path, &d, 1, &l, &err));
	assert_string_equal(err.file, "<command line>");
	assert_string_equal(err.msg,
			    "-D GUEST_RAM=256M +: unexpected end of "
			    "expression, expected a number, a name or '('");
	vl_error_free(&err);
}

static void unknown_define_names_the_known_parameters(void **state)
{
	layout_define d[2];
	layout l;
	vl_error err = {0};
	char path[PATH_MAX];

	(void)state;
	shipped_path("linux-x86_64", path, sizeof(path));
	assert_true(layout_parse_define("GUEST_RAM=1M", &d[0], NULL));
	assert_true(layout_parse_define("GUEST_MEM=1M", &d[1], NULL));
	assert_false(layout_load(path, d, 2, &l, &err));
	assert_string_equal(err.file, "<command line>");
	assert_int_equal(err.line, 0);
	assert_int_equal(err.column, 0);
	assert_string_equal(err.msg, "-D GUEST_MEM: layout linux-x86_64 has "
				     "no such parameter (it has: GUEST_RAM, "
				     "SHADOW_BASE)");
	assert_null(l.name);
	vl_error_free(&err);
}

static void define_for_layout_without_params_is_an_error(void **state)
{
	layout_define d;
	layout l;
	vl_error err = {0};

	(void)state;
	assert_true(layout_parse_define("GUEST_RAM=1M", &d, NULL));
	assert_false(load_text(MINIMAL, &d, 1, &l, &err));
	assert_string_equal(err.file, "<command line>");
	assert_string_equal(err.msg,
			    "-D GUEST_RAM: layout t has no parameters");
	vl_error_free(&err);
}

static void param_default_may_name_an_earlier_parameter(void **state)
{
	layout l;
	vl_error err = {0};

	(void)state;
	assert_true(load_text(MINIMAL
			      "params:\n"
			      "  A: {default: 3}\n"
			      "  B: {default: A * 0x1000}\n"
			      "regions:\n"
			      "  - {name: r, start: B, size: A, why: w}\n",
			      NULL, 0, &l, &err));
	assert_int_equal(l.nparams, 2);
	assert_int_equal(param(&l, "B")->value, 0x3000);
	assert_null(param(&l, "B")->doc);
	assert_int_equal(param(&l, "B")->loc.line, 8);
	assert_int_equal(param(&l, "B")->loc.column, 3);
	assert_range(l.regions[0].range, 0x3000, 0x3003);
	assert_string_equal(l.regions[0].why, "w");
	layout_free(&l);
	vl_error_free(&err);
}

static void param_default_cannot_name_itself(void **state)
{
	(void)state;
	assert_load_error(MINIMAL "params:\n"
				  "  A: {default: A + 1}\n",
			  7, 16, "default 'A + 1': unknown parameter 'A'");
}

static void duplicate_parameter_is_an_error(void **state)
{
	(void)state;
	assert_load_error(MINIMAL "params:\n"
				  "  A: {default: 1}\n"
				  "  A: {default: 2}\n",
			  8, 3, "duplicate parameter 'A'");
}

/* ---- layout_parse_define ---- */

static void parse_define_splits_at_the_first_equals(void **state)
{
	layout_define d;
	const char *arg = "GUEST_RAM=A=B";

	(void)state;
	assert_true(layout_parse_define(arg, &d, NULL));
	assert_ptr_equal(d.name, arg);
	assert_int_equal(d.name_len, 9);
	assert_ptr_equal(d.value, arg + 10);
	assert_string_equal(d.value, "A=B");
}

static void
parse_define_refuses_missing_equals_bad_name_empty_value(void **state)
{
	layout_define d = {0};
	vl_error err = {0};

	(void)state;
	assert_false(layout_parse_define("GUEST_RAM", &d, &err));
	assert_string_equal(err.file, "<command line>");
	assert_int_equal(err.line, 0);
	assert_int_equal(err.column, 0);
	assert_string_equal(err.msg, "-D GUEST_RAM: expected NAME=VALUE");
	assert_false(layout_parse_define("1RAM=4", &d, &err));
	assert_string_equal(err.msg, "-D 1RAM=4: '1RAM' is not a parameter "
				     "name");
	assert_false(layout_parse_define("=4", &d, &err));
	assert_string_equal(err.msg, "-D =4: '' is not a parameter name");
	assert_false(layout_parse_define("GUEST-RAM=4", &d, &err));
	assert_string_equal(err.msg, "-D GUEST-RAM=4: 'GUEST-RAM' is not a "
				     "parameter name");
	assert_false(layout_parse_define("GUEST_RAM=", &d, &err));
	assert_string_equal(err.msg, "-D GUEST_RAM=: the value is empty");
	assert_null(d.name); /* untouched on failure */
	assert_true(layout_parse_define("_x9=0", &d, &err));
	assert_int_equal(d.name_len, 3);
	vl_error_free(&err);
}

/* ---- layout_find and layout_machine_name ---- */

static void find_plain_name_looks_in_the_directory(void **state)
{
	char dir[PATH_MAX], expect[PATH_MAX + 32], *slash, *p;
	vl_error err = {0};

	(void)state;
	shipped_path("linux-x86_64", dir, sizeof(dir));
	slash = strrchr(dir, '/');
	*slash = 0;
	snprintf(expect, sizeof(expect), "%s/linux-x86_64.yaml", dir);
	p = layout_find("linux-x86_64", dir, &err);
	assert_non_null(p);
	assert_string_equal(p, expect);
	free(p);
	vl_error_free(&err);
}

static void find_path_with_slash_or_yaml_suffix_is_taken_as_is(void **state)
{
	char cwd[PATH_MAX], *p;
	vl_error err = {0};

	(void)state;
	write_bytes(tmpfile_path, MINIMAL, strlen(MINIMAL));
	/* A slash: a path, whatever the directory. */
	p = layout_find(tmpfile_path, "/nonexistent", &err);
	assert_non_null(p);
	assert_string_equal(p, tmpfile_path);
	free(p);
	/* No slash but .yaml: a path relative to the working directory. */
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(tmpdir), 0);
	p = layout_find("t.yaml", "/nonexistent", &err);
	assert_int_equal(chdir(cwd), 0);
	assert_non_null(p);
	assert_string_equal(p, "t.yaml");
	free(p);
	vl_error_free(&err);
}

static void find_missing_layout_is_an_error_naming_it(void **state)
{
	char other[PATH_MAX + 16];
	vl_error err = {0};

	(void)state;
	assert_null(layout_find("no-such-layout", tmpdir, &err));
	assert_string_equal(err.file, "<command line>");
	assert_int_equal(err.line, 0);
	assert_string_equal(err.msg, "no such layout 'no-such-layout' (run "
				     "'vaslint layouts' for the list; a path "
				     "to a .yaml file works too)");
	snprintf(other, sizeof(other), "%s/missing.yaml", tmpdir);
	assert_null(layout_find(other, tmpdir, &err));
	assert_true(strncmp(err.msg, "no such layout '/tmp/", 21) == 0);
	vl_error_free(&err);
}

static void machine_names_of_known_and_unknown_e_machine(void **state)
{
	(void)state;
	assert_string_equal(layout_machine_name(EM_386, ELFCLASS32), "i386");
	assert_string_equal(layout_machine_name(EM_X86_64, ELFCLASS64),
			    "x86_64");
	assert_string_equal(layout_machine_name(EM_ARM, ELFCLASS32), "arm");
	assert_string_equal(layout_machine_name(EM_AARCH64, ELFCLASS64),
			    "aarch64");
	/* riscv32 and riscv64 share EM_RISCV; the class tells them apart. */
	assert_string_equal(layout_machine_name(EM_RISCV, ELFCLASS64),
			    "riscv64");
	assert_string_equal(layout_machine_name(EM_RISCV, ELFCLASS32),
			    "riscv32");
	/* An x32 image (x86_64 code, 32-bit class) is not x86_64. */
	assert_string_equal(layout_machine_name(EM_X86_64, ELFCLASS32), "x32");
	/* Machines no layout accepts are named too, by class where it
	 * tells them apart. */
	assert_string_equal(layout_machine_name(EM_PPC64, ELFCLASS64), "ppc64");
	assert_string_equal(layout_machine_name(EM_MIPS, ELFCLASS32), "mips");
	assert_string_equal(layout_machine_name(EM_MIPS, ELFCLASS64), "mips64");
	assert_string_equal(layout_machine_name(EM_S390, ELFCLASS64), "s390x");
	assert_string_equal(layout_machine_name(258, ELFCLASS64),
			    "loongarch64");
	assert_string_equal(layout_machine_name(EM_SPARCV9, ELFCLASS64),
			    "sparc64");
	assert_null(layout_machine_name(EM_NONE, ELFCLASS64));
	assert_null(layout_machine_name(999, ELFCLASS64));
}

/* ---- Layout files written by the tests ---- */

static void minimal_layout_has_no_params_regions_or_extras(void **state)
{
	layout l;
	vl_error err = {0};

	(void)state;
	assert_true(load_text(MINIMAL, NULL, 0, &l, &err));
	assert_string_equal(l.path, tmpfile_path);
	assert_string_equal(l.name, "t");
	assert_string_equal(l.description, "test layout");
	assert_int_equal(l.nmachines, 1);
	assert_int_equal(l.machines[0], EM_X86_64);
	assert_string_equal(l.machine_names[0], "x86_64");
	assert_int_equal(l.npage_sizes, 1);
	assert_int_equal(l.page_sizes[0], 0x1000);
	assert_range(l.address_space, 0x1000, 0x100000);
	assert_int_equal(l.flexpage_max, 0);
	assert_false(l.has_pie_base);
	assert_int_equal(l.linker_area, 0);
	assert_int_equal(l.nparams, 0);
	assert_int_equal(l.nregions, 0);
	layout_free(&l);
	vl_error_free(&err);
}

static void machine_may_be_a_list(void **state)
{
	layout l;
	vl_error err = {0};

	(void)state;
	assert_true(load_text("name: t\n"
			      "description: d\n"
			      "machine: [i386, x86_64, riscv32]\n"
			      "page-sizes: [4K]\n"
			      "address-space: {start: 0, end: 1G}\n",
			      NULL, 0, &l, &err));
	assert_int_equal(l.nmachines, 3);
	assert_int_equal(l.machines[0], EM_386);
	assert_int_equal(l.machines[1], EM_X86_64);
	assert_int_equal(l.machines[2], EM_RISCV);
	assert_string_equal(l.machine_names[0], "i386");
	assert_string_equal(l.machine_names[1], "x86_64");
	assert_string_equal(l.machine_names[2], "riscv32");
	layout_free(&l);
	vl_error_free(&err);
}

static void machine_list_empty_or_unknown_is_an_error(void **state)
{
	(void)state;
	assert_load_error(NO_MACHINE "machine: []\n", 5, 10,
			  "machine list is empty");
	assert_load_error(NO_MACHINE "machine: [i386, sparc]\n", 5, 17,
			  "unknown machine 'sparc' (known: i386, x86_64, arm, "
			  "aarch64, riscv64, riscv32)");
	assert_load_error(NO_MACHINE "machine: {a: b}\n", 5, 10,
			  "machine must be a scalar, found a mapping");
}

static void pie_base_linker_area_and_flexpage_max_are_read(void **state)
{
	layout l;
	vl_error err = {0};

	(void)state;
	assert_true(load_text(MINIMAL "pie-base: 0x40000\n"
				      "flexpage-max: 1 << 22\n"
				      "linker-area: {size: 64K, why: libs}\n",
			      NULL, 0, &l, &err));
	assert_true(l.has_pie_base);
	assert_int_equal(l.pie_base, 0x40000);
	assert_int_equal(l.flexpage_max, 0x400000);
	assert_int_equal(l.linker_area, 0x10000);
	assert_string_equal(l.linker_area_why, "libs");
	layout_free(&l);
	vl_error_free(&err);
}

/* The loader keys of the shipped Linux layout, evaluated: the numbers
 * tests/loader/run measures. */
static void linux_x86_64_loader_keys_have_the_kernels_values(void **state)
{
	layout l;

	(void)state;
	load_shipped("linux-x86_64", NULL, 0, &l);
	assert_int_equal(l.pie_base, U64(0x555555554aaa));
	assert_true(l.pie_aslr.set);
	assert_int_equal(l.pie_aslr.lowest, U64(0x555555554aaa));
	assert_int_equal(l.pie_aslr.highest, U64(0x565555553aaa));
	assert_true(l.has_mmap_base);
	assert_int_equal(l.mmap_base, U64(0x7ffff7fff000));
	assert_true(l.mmap_aslr.set);
	assert_int_equal(l.mmap_aslr.lowest, U64(0x7efbff701000));
	assert_int_equal(l.mmap_aslr.highest, U64(0x7ffbff700000));
	assert_true(l.libraries_at_mmap_base);
	assert_int_equal(l.file_map_align, MIB(2));
	layout_free(&l);
	/* Genode on Linux: the kernel's mmap base, not ld.so's libraries. */
	load_shipped("genode-linux-x86_64", NULL, 0, &l);
	assert_int_equal(l.mmap_base, U64(0x7ffff7fff000));
	assert_false(l.libraries_at_mmap_base);
	assert_false(l.has_pie_base);
	layout_free(&l);
}

static void loader_keys_are_read_and_checked(void **state)
{
	layout l;
	vl_error err = {0};

	(void)state;
	assert_true(load_text(MINIMAL "pie-base: 0x40000\n"
				      "pie-aslr: {lowest: 0x40000, highest: "
				      "0x80000}\n"
				      "mmap-base: 1 << 40\n"
				      "mmap-aslr: {lowest: 1 << 39, highest: 1 "
				      "<< 40}\n"
				      "shared-libraries: mmap-base\n"
				      "file-map-align: 2M\n",
			      NULL, 0, &l, &err));
	assert_true(l.pie_aslr.set);
	assert_int_equal(l.pie_aslr.highest, 0x80000);
	assert_int_equal(l.mmap_base, U64(1) << 40);
	assert_int_equal(l.mmap_aslr.lowest, U64(1) << 39);
	assert_true(l.libraries_at_mmap_base);
	assert_int_equal(l.file_map_align, MIB(2));
	layout_free(&l);
	vl_error_free(&err);
	/* A layout without them places no ET_DYN but by pie-base. */
	assert_true(load_text(MINIMAL, NULL, 0, &l, &err));
	assert_false(l.has_mmap_base || l.pie_aslr.set || l.mmap_aslr.set ||
		     l.libraries_at_mmap_base || l.file_map_align);
	layout_free(&l);
	vl_error_free(&err);
	assert_load_error(MINIMAL "shared-libraries: mmap-base\n", 6, 1,
			  "shared-libraries needs the mmap-base key");
	assert_load_error(MINIMAL "pie-aslr: {lowest: 1, highest: 2}\n", 6, 1,
			  "pie-aslr needs the pie-base key");
	assert_load_error(MINIMAL "mmap-base: 0x10000\n"
				  "mmap-aslr: {lowest: 2, highest: 1}\n",
			  7, 12, "mmap-aslr: highest lies below lowest");
	assert_load_error(MINIMAL "mmap-base: 0x10000\n"
				  "file-map-align: 3M\n",
			  7, 17, "file-map-align is not a power of two");
	assert_load_error(MINIMAL "mmap-base: 0x10000\n"
				  "shared-libraries: here\n",
			  7, 19,
			  "shared-libraries: expected 'mmap-base', found "
			  "'here'");
}

static void region_with_size_zero_is_kept_and_empty(void **state)
{
	layout l;
	vl_error err = {0};

	(void)state;
	assert_true(load_text(
	    MINIMAL "regions:\n"
		    "  - {name: a, start: 0x5000, size: 0, why: w}\n"
		    "  - {name: b, start: 0x4000, size: 0x2000, why: w}\n",
	    NULL, 0, &l, &err));
	/* The empty region inside b does not count as an overlap. */
	assert_int_equal(l.nregions, 2);
	assert_string_equal(l.regions[0].name, "a");
	assert_range(l.regions[0].range, 0x5000, 0x5000);
	assert_true(va_range_empty(l.regions[0].range));
	assert_range(l.regions[1].range, 0x4000, 0x6000);
	assert_int_equal(l.regions[1].loc.line, 8);
	assert_int_equal(l.regions[1].loc.column, 5);
	layout_free(&l);
	vl_error_free(&err);
}

static void region_may_give_end_instead_of_size(void **state)
{
	layout l;
	vl_error err = {0};

	(void)state;
	assert_true(load_text(
	    MINIMAL "regions:\n"
		    "  - name: r\n"
		    "    start: 0x2000\n"
		    "    end: 0x2000 + 3 * 4K\n"
		    "    why: w\n"
		    "  - {name: z, start: 0x9000, end: 0x9000, why: w}\n",
	    NULL, 0, &l, &err));
	assert_range(l.regions[0].range, 0x2000, 0x5000);
	assert_range(l.regions[1].range, 0x9000, 0x9000);
	layout_free(&l);
	vl_error_free(&err);
}

static void region_ending_before_its_start_is_an_error(void **state)
{
	(void)state;
	assert_load_error(MINIMAL
			  "regions:\n"
			  "  - {name: r, start: 0x2000, end: 0x1fff, why: w}\n",
			  7, 35, "region r ends before it starts");
}

static void region_needs_exactly_one_of_size_and_end(void **state)
{
	(void)state;
	assert_load_error(
	    MINIMAL "regions:\n"
		    "  - {name: r, start: 0, size: 1, end: 1, why: w}\n",
	    7, 5, "a region needs exactly one of 'size' and 'end'");
	assert_load_error(MINIMAL "regions:\n"
				  "  - {name: r, start: 0, why: w}\n",
			  7, 5,
			  "a region needs exactly one of 'size' and 'end'");
}

static void region_up_to_uint64_max_fits_one_more_overflows(void **state)
{
	layout l;
	vl_error err = {0};

	(void)state;
	assert_true(load_text(MINIMAL "regions:\n"
				      "  - name: top\n"
				      "    start: 0xfffffffffffff000\n"
				      "    size: 0xfff\n"
				      "    why: w\n",
			      NULL, 0, &l, &err));
	assert_range(l.regions[0].range, U64(0xfffffffffffff000), UINT64_MAX);
	layout_free(&l);
	assert_load_error(MINIMAL "regions:\n"
				  "  - name: top\n"
				  "    start: 0xfffffffffffff000\n"
				  "    size: 0x1000\n"
				  "    why: w\n",
			  9, 11,
			  "region top: start 0xfffffffffffff000 + size 0x1000 "
			  "overflows 64 bits");
	vl_error_free(&err);
}

static void overlapping_regions_are_an_error_at_the_second(void **state)
{
	(void)state;
	assert_load_error(
	    MINIMAL "regions:\n"
		    "  - {name: a, start: 0x2000, size: 0x2000, why: w}\n"
		    "  - {name: b, start: 0x8000, size: 0x1000, why: w}\n"
		    "  - {name: c, start: 0x3fff, size: 0x1000, why: w}\n",
	    9, 5,
	    "region c [0x3fff, 0x4fff) overlaps region a "
	    "[0x2000, 0x4000) (line 7)");
}

static void touching_regions_are_fine_duplicate_names_are_not(void **state)
{
	layout l;
	vl_error err = {0};

	(void)state;
	assert_true(load_text(
	    MINIMAL "regions:\n"
		    "  - {name: a, start: 0x2000, size: 0x2000, why: w}\n"
		    "  - {name: b, start: 0x4000, size: 0x1000, why: w}\n",
	    NULL, 0, &l, &err));
	assert_int_equal(l.nregions, 2);
	layout_free(&l);
	assert_load_error(
	    MINIMAL "regions:\n"
		    "  - {name: a, start: 0x2000, size: 0x2000, why: w}\n"
		    "  - {name: a, start: 0x8000, size: 0x1000, why: w}\n",
	    8, 5, "duplicate region 'a' (first at line 7)");
	vl_error_free(&err);
}

static void unknown_key_is_an_error_listing_the_known_ones(void **state)
{
	(void)state;
	assert_load_error(MINIMAL "colour: red\n", 6, 1,
			  "unknown key 'colour' in a layout (known: name, "
			  "description, machine, page-sizes, flexpage-max, "
			  "address-space, pie-base, pie-aslr, mmap-base, "
			  "mmap-aslr, shared-libraries, file-map-align, "
			  "linker-area, exec-limit, params, regions)");
	assert_load_error(
	    MINIMAL "regions:\n"
		    "  - {name: a, start: 0, length: 1, why: w}\n",
	    7, 25,
	    "unknown key 'length' in a region (known: name, start, "
	    "size, end, why, provided-by)");
}

/* provided-by: program marks a region the program maps itself; any other
 * value is an error at the value. */
static void provided_by_program_is_read_and_checked(void **state)
{
	layout l;
	vl_error err = {0};

	(void)state;
	assert_true(load_text(MINIMAL "regions:\n"
				      "  - {name: a, start: 0x1000, size: 4K, "
				      "why: w, provided-by: program}\n"
				      "  - {name: b, start: 0x2000, size: 4K, "
				      "why: w}\n",
			      NULL, 0, &l, &err));
	assert_true(l.regions[0].provided_by_program);
	assert_false(l.regions[1].provided_by_program);
	layout_free(&l);
	assert_load_error(MINIMAL "regions:\n"
				  "  - {name: a, start: 0, size: 1, why: w, "
				  "provided-by: kernel}\n",
			  7, 55,
			  "provided-by: expected 'program', found 'kernel'");
	vl_error_free(&err);
}

static void duplicate_key_is_an_error_naming_the_first(void **state)
{
	(void)state;
	assert_load_error(MINIMAL "\n"
				  "name: u\n",
			  7, 1,
			  "duplicate key 'name' in a layout (first at line 1)");
	assert_load_error(
	    MINIMAL "linker-area: {size: 1M, why: a, size: 2M}\n", 6, 33,
	    "duplicate key 'size' in linker-area (first at line 6)");
}

static void missing_required_key_is_an_error_at_the_mapping(void **state)
{
	(void)state;
	assert_load_error("# a comment first\n"
			  "name: t\n"
			  "description: d\n"
			  "machine: i386\n"
			  "address-space: {start: 0x1000, end: 0x2000}\n",
			  2, 1, "a layout has no 'page-sizes'");
	assert_load_error(MINIMAL "linker-area:\n"
				  "  why: w\n",
			  7, 3, "linker-area has no 'size'");
}

static void page_size_must_be_a_power_of_two_of_at_least_1k(void **state)
{
	(void)state;
	assert_load_error(NO_PAGES "page-sizes: [4K, 3M]\n", 5, 18,
			  "page size 3M is not a power of two of at least 1K");
	assert_load_error(NO_PAGES "page-sizes: [512]\n", 5, 14,
			  "page size 512 is not a power of two of at least 1K");
	assert_load_error(NO_PAGES "page-sizes: [4M, 4K]\n", 5, 18,
			  "page sizes must ascend, smallest first");
	assert_load_error(NO_PAGES "page-sizes: [4K, 4K]\n", 5, 18,
			  "page sizes must ascend, smallest first");
	assert_load_error(NO_PAGES "page-sizes: []\n", 5, 13,
			  "page-sizes is empty");
}

/* A cost counts pages in an array of COST_MAX_PAGE_SIZES (8): eight sizes
 * load, a ninth is an error at the key instead of costs that all fail. */
static void at_most_eight_page_sizes(void **state)
{
	layout l;
	vl_error err = {0};

	(void)state;
	assert_true(load_text(NO_PAGES "page-sizes: [1K, 2K, 4K, 8K, 16K, 32K, "
				       "64K, 128K]\n",
			      NULL, 0, &l, &err));
	assert_int_equal(l.npage_sizes, 8);
	assert_int_equal(l.page_sizes[7], 128 << 10);
	layout_free(&l);
	vl_error_free(&err);
	assert_load_error(NO_PAGES "page-sizes: [1K, 2K, 4K, 8K, 16K, 32K, "
				   "64K, 128K, 256K]\n",
			  5, 1,
			  "page-sizes lists 9 page sizes, at most 8 are "
			  "supported");
}

static void page_sizes_may_be_expressions(void **state)
{
	layout l;
	vl_error err = {0};

	(void)state;
	assert_true(load_text("name: t\n"
			      "description: d\n"
			      "machine: arm\n"
			      "page-sizes: [1K, 1 << 16, 0x1000000]\n"
			      "address-space: {start: 0x1000, end: 0x2000}\n",
			      NULL, 0, &l, &err));
	assert_int_equal(l.npage_sizes, 3);
	assert_int_equal(l.page_sizes[0], 0x400);
	assert_int_equal(l.page_sizes[1], 0x10000);
	assert_int_equal(l.page_sizes[2], 0x1000000);
	layout_free(&l);
	vl_error_free(&err);
}

static void address_space_must_not_be_empty(void **state)
{
	(void)state;
	assert_load_error("name: t\n"
			  "description: d\n"
			  "machine: i386\n"
			  "page-sizes: [4K]\n"
			  "address-space: {start: 0x2000, end: 0x2000}\n",
			  5, 16, "address-space ends at or before its start");
}

static void expression_error_column_points_inside_the_scalar(void **state)
{
	(void)state;
	/* The scalar starts at column 37; '*' is its 10th character. */
	assert_load_error("name: t\n"
			  "description: d\n"
			  "machine: i386\n"
			  "page-sizes: [4K]\n"
			  "address-space: {start: 0x1000, end: 0x1000 + * 2}\n",
			  5, 46,
			  "end '0x1000 + * 2': expected a number, a name or "
			  "'(', found '*'");
	/* Quoted, the scalar's text starts one column later. */
	assert_load_error(
	    "name: t\n"
	    "description: d\n"
	    "machine: i386\n"
	    "page-sizes: [4K]\n"
	    "address-space: {start: 0x1000, end: \"0x1000 + * 2\"}\n",
	    5, 47,
	    "end '0x1000 + * 2': expected a number, a name or "
	    "'(', found '*'");
	/* An unknown name points at the name. */
	assert_load_error("name: t\n"
			  "description: d\n"
			  "machine: i386\n"
			  "page-sizes: [4K]\n"
			  "address-space: {start: 0x1000, end: 4K + RAM}\n",
			  5, 42, "end '4K + RAM': unknown parameter 'RAM'");
}

static void value_of_the_wrong_kind_is_an_error(void **state)
{
	(void)state;
	assert_load_error(NO_NAME "name: [t]\n", 5, 7,
			  "name must be a scalar, found a list");
	assert_load_error("- name\n", 1, 1,
			  "a layout must be a mapping, found a list");
	assert_load_error(NO_PAGES "page-sizes: 4K\n", 5, 13,
			  "page-sizes must be a list, found a scalar");
}

static void alias_is_rejected_where_it_is_used(void **state)
{
	(void)state;
	assert_load_error("name: &n t\n"
			  "description: *n\n",
			  2, 14, "YAML aliases are not allowed in a layout");
}

static void nesting_deeper_than_16_is_rejected(void **state)
{
	(void)state;
	/* The root mapping and 15 lists: 16 levels, past the prescan. */
	assert_load_error(NO_NAME "name: [[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]\n", 5,
			  7, "name must be a scalar, found a list");
	/* A 16th list is the 17th level, refused at its bracket. */
	assert_load_error(NO_NAME "name: [[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]\n",
			  5, 22, "nested more than 16 levels deep");
}

static void empty_or_comment_only_file_is_not_a_layout(void **state)
{
	(void)state;
	assert_load_error("", 1, 1, "empty file: not a layout");
	assert_load_error("# nothing here\n\n", 1, 1,
			  "empty file: not a layout");
}

static void nul_byte_is_refused_before_parsing(void **state)
{
	static const char text[] = "name: t\0\n";
	layout l;
	vl_error err = {0};

	(void)state;
	write_bytes(tmpfile_path, text, sizeof(text) - 1);
	assert_false(layout_load(tmpfile_path, NULL, 0, &l, &err));
	assert_string_equal(err.file, tmpfile_path);
	assert_int_equal(err.line, 0);
	assert_int_equal(err.column, 0);
	assert_string_equal(err.msg, "contains a NUL byte: not a YAML file");
	assert_null(l.path);
	vl_error_free(&err);
}

static void second_document_is_rejected(void **state)
{
	(void)state;
	assert_load_error(MINIMAL "---\n"
				  "name: u\n",
			  6, 1,
			  "a layout is one YAML document; found a second");
}

static void malformed_yaml_names_line_and_column(void **state)
{
	layout l;
	vl_error err = {0};

	(void)state;
	assert_false(load_text("name: t\n"
			       "description: [d\n",
			       NULL, 0, &l, &err));
	assert_string_equal(err.file, tmpfile_path);
	assert_true(strncmp(err.msg, "malformed YAML: ", 16) == 0);
	assert_int_equal(err.line, 3);
	vl_error_free(&err);
}

static void missing_file_and_directory_are_errors(void **state)
{
	layout l;
	vl_error err = {0};
	char missing[PATH_MAX + 16];

	(void)state;
	snprintf(missing, sizeof(missing), "%s/missing.yaml", tmpdir);
	assert_false(layout_load(missing, NULL, 0, &l, &err));
	assert_string_equal(err.file, missing);
	assert_int_equal(err.line, 0);
	assert_string_equal(err.msg, "cannot open: No such file or directory");
	assert_false(layout_load(tmpdir, NULL, 0, &l, &err));
	assert_string_equal(err.file, tmpdir);
	assert_string_equal(err.msg, "is a directory, not a regular file");
	assert_null(l.path);
	vl_error_free(&err);
}

/* A FIFO would block the open, a device never ends: both are refused
 * before anything reads them (a blocking open would hang this test). */
static void fifo_and_device_are_refused_without_reading(void **state)
{
	layout l;
	vl_error err = {0};
	char fifo[PATH_MAX + 16];

	(void)state;
	snprintf(fifo, sizeof(fifo), "%s/fifo.yaml", tmpdir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_false(layout_load(fifo, NULL, 0, &l, &err));
	assert_string_equal(err.file, fifo);
	assert_int_equal(err.line, 0);
	assert_string_equal(err.msg, "is a FIFO, not a regular file");
	assert_int_equal(unlink(fifo), 0);
	assert_false(layout_load("/dev/zero", NULL, 0, &l, &err));
	assert_string_equal(err.msg,
			    "is a character device, not a regular file");
	assert_null(l.path);
	vl_error_free(&err);
}

static void layout_free_twice_is_harmless(void **state)
{
	layout l;
	vl_error err = {0};

	(void)state;
	assert_true(load_text(MINIMAL, NULL, 0, &l, &err));
	layout_free(&l);
	assert_null(l.name);
	assert_int_equal(l.npage_sizes, 0);
	layout_free(&l);
	vl_error_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_shipped_layout_is_in_the_table),
	    cmocka_unit_test(
		every_shipped_layout_loads_with_its_documented_values),
	    cmocka_unit_test(nova_2012_has_2g_space_context_area_and_4m_pages),
	    cmocka_unit_test(nova_2012_guest_ram_define_sizes_the_shadow),
	    cmocka_unit_test(
		linux_shadow_defaults_to_2m_and_is_empty_without_guest),
	    cmocka_unit_test(
		linux_guest_ram_256m_gives_shadow_ending_at_0x10200000),
	    cmocka_unit_test(nova_x86_32_linker_area_is_350m),
	    cmocka_unit_test(later_define_of_the_same_parameter_wins),
	    cmocka_unit_test(define_may_name_an_earlier_parameter),
	    cmocka_unit_test(define_value_is_an_expression),
	    cmocka_unit_test(define_naming_a_later_parameter_is_an_error),
	    cmocka_unit_test(define_cannot_name_its_own_parameter),
	    cmocka_unit_test(define_with_syntax_error_quotes_the_expression),
	    cmocka_unit_test(unknown_define_names_the_known_parameters),
	    cmocka_unit_test(define_for_layout_without_params_is_an_error),
	    cmocka_unit_test(param_default_may_name_an_earlier_parameter),
	    cmocka_unit_test(param_default_cannot_name_itself),
	    cmocka_unit_test(duplicate_parameter_is_an_error),
	    cmocka_unit_test(parse_define_splits_at_the_first_equals),
	    cmocka_unit_test(
		parse_define_refuses_missing_equals_bad_name_empty_value),
	    cmocka_unit_test(find_plain_name_looks_in_the_directory),
	    cmocka_unit_test(
		find_path_with_slash_or_yaml_suffix_is_taken_as_is),
	    cmocka_unit_test(find_missing_layout_is_an_error_naming_it),
	    cmocka_unit_test(machine_names_of_known_and_unknown_e_machine),
	    cmocka_unit_test(minimal_layout_has_no_params_regions_or_extras),
	    cmocka_unit_test(machine_may_be_a_list),
	    cmocka_unit_test(machine_list_empty_or_unknown_is_an_error),
	    cmocka_unit_test(pie_base_linker_area_and_flexpage_max_are_read),
	    cmocka_unit_test(linux_x86_64_loader_keys_have_the_kernels_values),
	    cmocka_unit_test(loader_keys_are_read_and_checked),
	    cmocka_unit_test(region_with_size_zero_is_kept_and_empty),
	    cmocka_unit_test(region_may_give_end_instead_of_size),
	    cmocka_unit_test(region_ending_before_its_start_is_an_error),
	    cmocka_unit_test(region_needs_exactly_one_of_size_and_end),
	    cmocka_unit_test(region_up_to_uint64_max_fits_one_more_overflows),
	    cmocka_unit_test(overlapping_regions_are_an_error_at_the_second),
	    cmocka_unit_test(touching_regions_are_fine_duplicate_names_are_not),
	    cmocka_unit_test(unknown_key_is_an_error_listing_the_known_ones),
	    cmocka_unit_test(provided_by_program_is_read_and_checked),
	    cmocka_unit_test(duplicate_key_is_an_error_naming_the_first),
	    cmocka_unit_test(missing_required_key_is_an_error_at_the_mapping),
	    cmocka_unit_test(page_size_must_be_a_power_of_two_of_at_least_1k),
	    cmocka_unit_test(at_most_eight_page_sizes),
	    cmocka_unit_test(page_sizes_may_be_expressions),
	    cmocka_unit_test(address_space_must_not_be_empty),
	    cmocka_unit_test(expression_error_column_points_inside_the_scalar),
	    cmocka_unit_test(value_of_the_wrong_kind_is_an_error),
	    cmocka_unit_test(alias_is_rejected_where_it_is_used),
	    cmocka_unit_test(nesting_deeper_than_16_is_rejected),
	    cmocka_unit_test(empty_or_comment_only_file_is_not_a_layout),
	    cmocka_unit_test(nul_byte_is_refused_before_parsing),
	    cmocka_unit_test(second_document_is_rejected),
	    cmocka_unit_test(malformed_yaml_names_line_and_column),
	    cmocka_unit_test(missing_file_and_directory_are_errors),
	    cmocka_unit_test(fifo_and_device_are_refused_without_reading),
	    cmocka_unit_test(layout_free_twice_is_harmless),
	    cmocka_unit_test(linux_x86_64_caps_position_dependent_images_at_2g),
	    cmocka_unit_test(exec_limit_above_the_space_changes_nothing),
	    cmocka_unit_test(bad_exec_limit_is_an_error_at_its_key),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
