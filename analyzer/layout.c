#include "layout.h"

#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cost.h"
#include "expr.h"
#include "version.h"
#include "yamldoc.h"

/* Layouts are a few kilobytes; anything far larger is not a layout. */
#define LAYOUT_MAX_BYTES (4u << 20)
/* The format nests three levels deep; leave room, refuse absurd nesting. */
#define LAYOUT_MAX_DEPTH 16

static const struct {
	const char *name;
	uint16_t em;
	uint8_t elfclass;
} machines[] = {
    {"i386", EM_386, ELFCLASS32},      {"x86_64", EM_X86_64, ELFCLASS64},
    {"arm", EM_ARM, ELFCLASS32},       {"aarch64", EM_AARCH64, ELFCLASS64},
    {"riscv64", EM_RISCV, ELFCLASS64}, {"riscv32", EM_RISCV, ELFCLASS32},
};

#ifndef EM_LOONGARCH
#define EM_LOONGARCH 258
#endif

/* Machines no layout accepts, named in messages so that a wrong input is
 * recognised (the names `uname -m` gives; 0: either class). */
static const struct {
	const char *name;
	uint16_t em;
	uint8_t elfclass;
} other_machines[] = {
    {"x32", EM_X86_64, ELFCLASS32},
    {"mips", EM_MIPS, ELFCLASS32},
    {"mips64", EM_MIPS, ELFCLASS64},
    {"ppc", EM_PPC, 0},
    {"ppc64", EM_PPC64, 0},
    {"sparc", EM_SPARC, 0},
    {"sparc", EM_SPARC32PLUS, 0},
    {"sparc64", EM_SPARCV9, 0},
    {"s390", EM_S390, ELFCLASS32},
    {"s390x", EM_S390, ELFCLASS64},
    {"loongarch32", EM_LOONGARCH, ELFCLASS32},
    {"loongarch64", EM_LOONGARCH, ELFCLASS64},
    {"ia64", EM_IA_64, 0},
    {"m68k", EM_68K, 0},
    {"parisc", EM_PARISC, 0},
    {"sh", EM_SH, 0},
    {"alpha", EM_ALPHA, 0},
    {"microblaze", EM_MICROBLAZE, 0},
    {"xtensa", EM_XTENSA, 0},
    {"arc", EM_ARCV2, 0},
    {"csky", EM_CSKY, 0},
    {"bpf", EM_BPF, 0},
};

const char *layout_machine_name(uint16_t em, int elfclass)
{
	for (size_t i = 0; i < sizeof(machines) / sizeof(machines[0]); i++)
		if (machines[i].em == em && machines[i].elfclass == elfclass)
			return machines[i].name;
	for (size_t i = 0;
	     i < sizeof(other_machines) / sizeof(other_machines[0]); i++)
		if (other_machines[i].em == em &&
		    (!other_machines[i].elfclass ||
		     other_machines[i].elfclass == elfclass))
			return other_machines[i].name;
	return NULL;
}

/* The reader's state: the document and where errors go. */
/* The reader's state: the document and the layout being filled. */
typedef struct reader {
	yd_doc d;
	layout *l;
} reader;

/* Parameters are the only symbols a layout expression can name. */
static expr_status param_lookup(void *ctx, const expr *e, uint64_t *value,
				expr_error *err)
{
	const layout *l = ctx;

	for (size_t i = 0; i < l->nparams; i++)
		if (l->params[i].name &&
		    strcmp(l->params[i].name, e->name) == 0) {
			*value = l->params[i].value;
			return EXPR_OK;
		}
	expr_error_set(err, "unknown parameter '%s'", e->name);
	err->loc = e->loc;
	return EXPR_ERROR;
}

static bool eval_text(const layout *l, const char *text, uint64_t *value,
		      expr_error *err)
{
	expr_env env = {(void *)l, param_lookup, NULL, EXPR_ARITH_EXACT, NULL};
	return yd_eval_text(text, &env, value, err);
}

/* A value that notes the first parameter it uses that has no default and
 * was not given with -D (a region left empty by it is worth a warning),
 * and the first it uses that was given with -D. */
typedef struct noting {
	const layout *l;
	const layout_param *unset;
	const layout_param *given;
} noting;

static expr_status param_noting(void *ctx, const expr *e, uint64_t *value,
				expr_error *err)
{
	noting *n = ctx;
	expr_status st = param_lookup((void *)n->l, e, value, err);

	for (size_t i = 0; st == EXPR_OK && i < n->l->nparams; i++) {
		const layout_param *p = &n->l->params[i];
		if (!p->name || strcmp(p->name, e->name))
			continue;
		if (!n->unset && !p->set && p->no_default)
			n->unset = p;
		if (!n->given && p->set)
			n->given = p;
	}
	return st;
}

static bool take_value_noting(reader *r, yaml_node_t *n, const char *what,
			      uint64_t *out, layout_region *reg)
{
	noting nt = {r->l, NULL, NULL};
	expr_env env = {&nt, param_noting, NULL, EXPR_ARITH_EXACT, NULL};
	bool ok = yd_value(&r->d, n, what, &env, out);

	reg->unset_param = nt.unset;
	reg->given_param = nt.given;
	return ok;
}

static bool take_value(reader *r, yaml_node_t *n, const char *what,
		       uint64_t *out)
{
	expr_env env = {(void *)r->l, param_lookup, NULL, EXPR_ARITH_EXACT, NULL};
	return yd_value(&r->d, n, what, &env, out);
}

static bool read_machines(reader *r, yaml_node_t *n)
{
	layout *l = r->l;
	yaml_node_item_t *items = NULL;
	size_t count = 1;

	if (n->type == YAML_SEQUENCE_NODE) {
		items = n->data.sequence.items.start;
		count = (size_t)(n->data.sequence.items.top - items);
		if (!count)
			return yd_fail(&r->d, n, "machine list is empty");
	} else if (!yd_want(&r->d, n, YAML_SCALAR_NODE, "machine")) {
		return false;
	}
	l->machines = calloc(count, sizeof(*l->machines));
	l->machine_names = calloc(count, sizeof(*l->machine_names));
	l->machine_classes = calloc(count, sizeof(*l->machine_classes));
	if (!l->machines || !l->machine_names || !l->machine_classes)
		return yd_fail(&r->d, n, "out of memory");
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *m = items ? yd_node(&r->d, items[i]) : n;
		size_t j;
		if (!yd_want(&r->d, m, YAML_SCALAR_NODE, "machine"))
			return false;
		for (j = 0; j < sizeof(machines) / sizeof(machines[0]); j++)
			if (strcmp(machines[j].name, yd_scalar(m)) == 0)
				break;
		if (j == sizeof(machines) / sizeof(machines[0]))
			return yd_fail(&r->d, m,
				       "unknown machine '%s' (known: i386, "
				       "x86_64, arm, aarch64, riscv64, "
				       "riscv32)",
				       yd_scalar(m));
		l->machines[i] = machines[j].em;
		l->machine_classes[i] = machines[j].elfclass;
		l->machine_names[i] = strdup(machines[j].name);
		if (!l->machine_names[i])
			return yd_fail(&r->d, m, "out of memory");
		l->nmachines++;
	}
	return true;
}

static bool read_page_sizes(reader *r, yaml_node_t *key, yaml_node_t *n)
{
	layout *l = r->l;

	if (!yd_want(&r->d, n, YAML_SEQUENCE_NODE, "page-sizes"))
		return false;
	size_t count =
	    (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	if (!count)
		return yd_fail(&r->d, n, "page-sizes is empty");
	/* A cost counts the pages of each size in a fixed array (cost.h);
	 * no machine vaslint knows has that many sizes (x86-64 has three,
	 * aarch64 with contiguous entries six: 4K, 64K, 2M, 32M, 1G, 16G). */
	if (count > COST_MAX_PAGE_SIZES)
		return yd_fail(&r->d, key,
			       "page-sizes lists %zu page sizes, at most %d "
			       "are supported",
			       count, COST_MAX_PAGE_SIZES);
	l->page_sizes = calloc(count, sizeof(*l->page_sizes));
	if (!l->page_sizes)
		return yd_fail(&r->d, n, "out of memory");
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *p =
		    yd_node(&r->d, n->data.sequence.items.start[i]);
		uint64_t v;
		if (!take_value(r, p, "page size", &v))
			return false;
		if (!va_is_pow2(v) || v < 1024)
			return yd_fail(&r->d, p,
				       "page size %s is not a power of two of "
				       "at least 1K",
				       yd_scalar(p));
		if (i && v <= l->page_sizes[i - 1])
			return yd_fail(
			    &r->d, p, "page sizes must ascend, smallest first");
		l->page_sizes[l->npage_sizes++] = v;
	}
	return true;
}

static bool read_range(reader *r, yaml_node_t *n, const char *what,
		       va_range *out)
{
	yd_field f[] = {{"start", true, 0, 0}, {"end", true, 0, 0}};

	if (!yd_fields(&r->d, n, what, f, 2) ||
	    !take_value(r, f[0].value, "start", &out->start) ||
	    !take_value(r, f[1].value, "end", &out->end))
		return false;
	if (out->end <= out->start)
		return yd_fail(&r->d, n, "%s ends at or before its start",
			       what);
	return true;
}

static layout_param *param_find(layout *l, const char *name, size_t len)
{
	for (size_t i = 0; i < l->nparams; i++)
		if (l->params[i].name && strlen(l->params[i].name) == len &&
		    memcmp(l->params[i].name, name, len) == 0)
			return &l->params[i];
	return NULL;
}

static bool valid_name(const char *s, size_t len)
{
	if (!len || !(s[0] == '_' || (s[0] >= 'A' && s[0] <= 'Z') ||
		      (s[0] >= 'a' && s[0] <= 'z')))
		return false;
	for (size_t i = 1; i < len; i++)
		if (!(s[i] == '_' || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

static bool no_such_param(reader *r, const layout_define *def)
{
	const layout *l = r->l;
	char *known = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&known, &len);

	if (!f)
		return vl_fail(r->d.err, "<command line>", 0, 0,
			       "out of memory");
	for (size_t i = 0; i < l->nparams; i++)
		fprintf(f, "%s%s", i ? ", " : "", l->params[i].name);
	bool bad = ferror(f);
	if (fclose(f) != 0 || bad) {
		free(known);
		return vl_fail(r->d.err, "<command line>", 0, 0,
			       "out of memory");
	}
	vl_fail(r->d.err, "<command line>", 0, 0,
		"-D %.*s: layout %s has no such parameter (it has: %s)",
		(int)def->name_len, def->name, l->name,
		l->nparams ? known : "none");
	free(known);
	return false;
}

/* A parameter takes the last -D that names it, else its default; both may
 * name the parameters before it. */
static bool read_params(reader *r, yaml_node_t *n, const layout_define *defs,
			size_t ndefs)
{
	layout *l = r->l;

	if (!yd_want(&r->d, n, YAML_MAPPING_NODE, "params"))
		return false;
	size_t count =
	    (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
	l->params = calloc(count ? count : 1, sizeof(*l->params));
	if (!l->params)
		return yd_fail(&r->d, n, "out of memory");
	for (size_t i = 0; i < count; i++) {
		yaml_node_pair_t *p = &n->data.mapping.pairs.start[i];
		yaml_node_t *k = yd_node(&r->d, p->key);
		/* No default: the parameter must be given (a VMM layout's
		 * GUEST_RAM); it reads 0 until then, and a region it leaves
		 * empty is warned about (parameter-not-given). */
		yd_field f[] = {{"default", false, 0, 0}, {"doc", false, 0, 0}};
		if (!yd_want(&r->d, k, YAML_SCALAR_NODE, "parameter name"))
			return false;
		size_t klen = strlen(yd_scalar(k));
		if (!valid_name(yd_scalar(k), klen))
			return yd_fail(&r->d, k, "bad parameter name '%s'",
				       yd_scalar(k));
		if (param_find(l, yd_scalar(k), klen))
			return yd_fail(&r->d, k, "duplicate parameter '%s'",
				       yd_scalar(k));
		if (!yd_fields(&r->d, yd_node(&r->d, p->value), "a parameter",
			       f, 2))
			return false;
		layout_param *par = &l->params[l->nparams];
		par->loc = (src_loc){l->path, (unsigned)k->start_mark.line + 1,
				     (unsigned)k->start_mark.column + 1};
		/* Counted before its default is read, so layout_free frees
		 * it on every path; its name goes in only after the default
		 * is known, so a default cannot name its own parameter. */
		l->nparams++;
		char *name = NULL;
		if (!yd_string(&r->d, k, "parameter name", &name) ||
		    (f[1].value &&
		     !yd_string(&r->d, f[1].value, "doc", &par->doc))) {
			free(name);
			return false;
		}
		l->nparams--;
		bool ok = !f[0].value ||
			  take_value(r, f[0].value, "default", &par->value);
		l->nparams++;
		par->no_default = !f[0].value;
		par->name = name;
		if (!ok)
			return false;
		for (size_t d = 0; d < ndefs; d++) {
			expr_error e = {0};
			if (defs[d].name_len != klen ||
			    memcmp(defs[d].name, par->name, klen) != 0)
				continue;
			/* Evaluate with this parameter not yet visible. */
			l->nparams--;
			bool set_ok =
			    eval_text(l, defs[d].value, &par->value, &e);
			l->nparams++;
			if (!set_ok) {
				vl_fail(r->d.err, "<command line>", 0, 0,
					"-D %s=%s: %s", par->name,
					defs[d].value, e.msg);
				expr_error_free(&e);
				return false;
			}
			par->set = true;
		}
	}
	for (size_t d = 0; d < ndefs; d++)
		if (!param_find(l, defs[d].name, defs[d].name_len))
			return no_such_param(r, &defs[d]);
	return true;
}

static bool read_region(reader *r, yaml_node_t *n, layout_region *reg)
{
	yd_field f[] = {{"name", true, 0, 0},  {"start", true, 0, 0},
			{"size", false, 0, 0}, {"end", false, 0, 0},
			{"why", true, 0, 0},   {"provided-by", false, 0, 0}};
	uint64_t start, v;

	if (!yd_fields(&r->d, n, "a region", f, 6))
		return false;
	/* provided-by: program -- the program maps the region itself (a
	 * PT_LOAD without rights, anonymous memory): its own filling is
	 * legal, everything else of it there is not. */
	if (f[5].value) {
		if (!yd_want(&r->d, f[5].value, YAML_SCALAR_NODE,
			     "provided-by"))
			return false;
		if (strcmp(yd_scalar(f[5].value), "program"))
			return yd_fail(&r->d, f[5].value,
				       "provided-by: expected 'program', "
				       "found '%s'",
				       yd_scalar(f[5].value));
		reg->provided_by_program = true;
	}
	if (!!f[2].value == !!f[3].value)
		return yd_fail(&r->d, n,
			       "a region needs exactly one of 'size' "
			       "and 'end'");
	if (!yd_string(&r->d, f[0].value, "region name", &reg->name) ||
	    !yd_string(&r->d, f[4].value, "why", &reg->why) ||
	    !take_value(r, f[1].value, "start", &start) ||
	    !take_value_noting(r, f[2].value ? f[2].value : f[3].value,
			       f[2].value ? "size" : "end", &v, reg))
		return false;
	reg->loc = (src_loc){r->l->path, (unsigned)n->start_mark.line + 1,
			     (unsigned)n->start_mark.column + 1};
	if (f[2].value) {
		if (!va_range_from_size(start, v, &reg->range))
			return yd_fail(&r->d, f[2].value,
				       "region %s: start 0x%" PRIx64
				       " + size 0x%" PRIx64
				       " overflows 64 bits",
				       reg->name, start, v);
	} else {
		if (v < start)
			return yd_fail(&r->d, f[3].value,
				       "region %s ends before it starts",
				       reg->name);
		reg->range = (va_range){start, v};
	}
	return true;
}

static bool read_regions(reader *r, yaml_node_t *n)
{
	layout *l = r->l;

	if (!yd_want(&r->d, n, YAML_SEQUENCE_NODE, "regions"))
		return false;
	size_t count =
	    (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	l->regions = calloc(count ? count : 1, sizeof(*l->regions));
	if (!l->regions)
		return yd_fail(&r->d, n, "out of memory");
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *item =
		    yd_node(&r->d, n->data.sequence.items.start[i]);
		layout_region *reg = &l->regions[l->nregions];
		if (!read_region(r, item, reg)) {
			free(reg->name);
			free(reg->why);
			memset(reg, 0, sizeof(*reg));
			return false;
		}
		l->nregions++;
		for (size_t j = 0; j < i; j++) {
			const layout_region *o = &l->regions[j];
			if (strcmp(o->name, reg->name) == 0)
				return yd_fail(&r->d, item,
					       "duplicate region '%s' (first "
					       "at line %u)",
					       reg->name, o->loc.line);
			if (va_range_overlaps(o->range, reg->range)) {
				char a[VA_HEX_LEN], b[VA_HEX_LEN];
				char c[VA_HEX_LEN], d[VA_HEX_LEN];
				/* Made by a -D value: the user's input, told
				 * from the region that uses it. */
				const layout_region *ra =
				    reg->given_param ? reg : o;
				const layout_region *rb = ra == reg ? o : reg;
				if (ra->given_param)
					return vl_fail(
					    r->d.err, NULL, 0, 0,
					    "-D %s=0x%" PRIx64
					    ": out of range for layout %s: "
					    "region %s would be [%s, %s) and "
					    "overlap region %s [%s, %s)",
					    ra->given_param->name,
					    ra->given_param->value,
					    r->l->name ? r->l->name : r->d.path,
					    ra->name,
					    va_hex(ra->range.start, a),
					    va_hex(ra->range.end, b), rb->name,
					    va_hex(rb->range.start, c),
					    va_hex(rb->range.end, d));
				return yd_fail(
				    &r->d, item,
				    "region %s [%s, %s) overlaps region %s "
				    "[%s, %s) (line %u)",
				    reg->name, va_hex(reg->range.start, a),
				    va_hex(reg->range.end, b), o->name,
				    va_hex(o->range.start, c),
				    va_hex(o->range.end, d), o->loc.line);
			}
		}
	}
	return true;
}

static bool read_linker_area(reader *r, yaml_node_t *n)
{
	yd_field f[] = {{"size", true, 0, 0}, {"why", true, 0, 0}};

	return yd_fields(&r->d, n, "linker-area", f, 2) &&
	       take_value(r, f[0].value, "linker-area size",
			  &r->l->linker_area) &&
	       yd_string(&r->d, f[1].value, "why", &r->l->linker_area_why);
}

static bool read_exec_limit(reader *r, yd_field *key)
{
	yd_field f[] = {{"end", true, 0, 0}, {"why", true, 0, 0}};
	layout *l = r->l;

	if (!yd_fields(&r->d, key->value, "exec-limit", f, 2) ||
	    !take_value(r, f[0].value, "exec-limit end", &l->exec_limit) ||
	    !yd_string(&r->d, f[1].value, "why", &l->exec_limit_why))
		return false;
	l->exec_limit_loc =
	    (src_loc){l->path, (unsigned)key->key_node->start_mark.line + 1,
		      (unsigned)key->key_node->start_mark.column + 1};
	if (l->exec_limit <= l->address_space.start)
		return vl_fail(r->d.err, l->path, l->exec_limit_loc.line,
			       l->exec_limit_loc.column,
			       "exec-limit end lies at or below the start of "
			       "the address space");
	return true;
}

/* lowest and highest: the values a base can take with randomization. */
static bool read_aslr(reader *r, yaml_node_t *n, const char *what,
		      layout_aslr *out)
{
	yd_field f[] = {{"lowest", true, 0, 0}, {"highest", true, 0, 0}};

	if (!yd_fields(&r->d, n, what, f, 2) ||
	    !take_value(r, f[0].value, "lowest", &out->lowest) ||
	    !take_value(r, f[1].value, "highest", &out->highest))
		return false;
	if (out->highest < out->lowest)
		return yd_fail(&r->d, n, "%s: highest lies below lowest", what);
	out->set = true;
	return true;
}

/* How the platform loads position-independent images. */
static bool read_loader(reader *r, yd_field *pie_aslr, yd_field *mmap,
			yd_field *mmap_aslr, yd_field *libs,
			yd_field *file_align)
{
	layout *l = r->l;

	if (pie_aslr->value &&
	    !read_aslr(r, pie_aslr->value, "pie-aslr", &l->pie_aslr))
		return false;
	if (mmap->value) {
		if (!take_value(r, mmap->value, "mmap-base", &l->mmap_base))
			return false;
		l->has_mmap_base = true;
	}
	if (mmap_aslr->value &&
	    !read_aslr(r, mmap_aslr->value, "mmap-aslr", &l->mmap_aslr))
		return false;
	if (libs->value) {
		if (!yd_want(&r->d, libs->value, YAML_SCALAR_NODE,
			     "shared-libraries"))
			return false;
		if (strcmp(yd_scalar(libs->value), "mmap-base"))
			return yd_fail(
			    &r->d, libs->value,
			    "shared-libraries: expected 'mmap-base', "
			    "found '%s'",
			    yd_scalar(libs->value));
		l->libraries_at_mmap_base = true;
	}
	if (file_align->value &&
	    (!take_value(r, file_align->value, "file-map-align",
			 &l->file_map_align)))
		return false;
	if (l->file_map_align && !va_is_pow2(l->file_map_align))
		return yd_fail(&r->d, file_align->value,
			       "file-map-align is not a power of two");
	/* Keys that place something below the mmap base need it. */
	yd_field *needs[] = {mmap_aslr, libs};
	for (size_t i = 0; i < 2; i++)
		if (needs[i]->value && !l->has_mmap_base)
			return yd_fail(&r->d, needs[i]->key_node,
				       "%s needs the mmap-base key",
				       needs[i]->key);
	if (pie_aslr->value && !l->has_pie_base)
		return yd_fail(&r->d, pie_aslr->key_node,
			       "pie-aslr needs the pie-base key");
	return true;
}

va_range layout_exec_space(const layout *l)
{
	va_range r = l->address_space;

	if (l->exec_limit && l->exec_limit < r.end)
		r.end = l->exec_limit;
	return r;
}

static bool read_layout(reader *r, yaml_node_t *root, const layout_define *defs,
			size_t ndefs)
{
	layout *l = r->l;
	enum {
		NAME,
		DESC,
		MACHINE,
		PAGES,
		FLEX,
		AS,
		PIE,
		PIE_ASLR,
		MMAP,
		MMAP_ASLR,
		LIBS,
		FILE_ALIGN,
		LINKER,
		EXEC,
		PARAMS,
		REGIONS,
		NFIELDS
	};
	yd_field f[NFIELDS] = {
	    [NAME] = {"name", true, 0, 0},
	    [DESC] = {"description", true, 0, 0},
	    [MACHINE] = {"machine", true, 0, 0},
	    [PAGES] = {"page-sizes", true, 0, 0},
	    [FLEX] = {"flexpage-max", false, 0, 0},
	    [AS] = {"address-space", true, 0, 0},
	    [PIE] = {"pie-base", false, 0, 0},
	    [PIE_ASLR] = {"pie-aslr", false, 0, 0},
	    [MMAP] = {"mmap-base", false, 0, 0},
	    [MMAP_ASLR] = {"mmap-aslr", false, 0, 0},
	    [LIBS] = {"shared-libraries", false, 0, 0},
	    [FILE_ALIGN] = {"file-map-align", false, 0, 0},
	    [LINKER] = {"linker-area", false, 0, 0},
	    [EXEC] = {"exec-limit", false, 0, 0},
	    [PARAMS] = {"params", false, 0, 0},
	    [REGIONS] = {"regions", false, 0, 0},
	};

	if (!yd_fields(&r->d, root, "a layout", f, NFIELDS) ||
	    !yd_string(&r->d, f[NAME].value, "name", &l->name) ||
	    !yd_string(&r->d, f[DESC].value, "description", &l->description))
		return false;
	/* Parameters first: every other value may name them. */
	if (f[PARAMS].value && !read_params(r, f[PARAMS].value, defs, ndefs))
		return false;
	if (!f[PARAMS].value && ndefs)
		return vl_fail(r->d.err, "<command line>", 0, 0,
			       "-D %.*s: layout %s has no parameters",
			       (int)defs[0].name_len, defs[0].name, l->name);
	if (!read_machines(r, f[MACHINE].value) ||
	    !read_page_sizes(r, f[PAGES].key_node, f[PAGES].value) ||
	    !read_range(r, f[AS].value, "address-space", &l->address_space))
		return false;
	l->address_space_loc =
	    (src_loc){l->path, (unsigned)f[AS].key_node->start_mark.line + 1,
		      (unsigned)f[AS].key_node->start_mark.column + 1};
	if (f[FLEX].value &&
	    !take_value(r, f[FLEX].value, "flexpage-max", &l->flexpage_max))
		return false;
	if (f[PIE].value) {
		if (!take_value(r, f[PIE].value, "pie-base", &l->pie_base))
			return false;
		l->has_pie_base = true;
	}
	if (!read_loader(r, &f[PIE_ASLR], &f[MMAP], &f[MMAP_ASLR], &f[LIBS],
			 &f[FILE_ALIGN]))
		return false;
	if (f[LINKER].value && !read_linker_area(r, f[LINKER].value))
		return false;
	if (f[EXEC].value && !read_exec_limit(r, &f[EXEC]))
		return false;
	return !f[REGIONS].value || read_regions(r, f[REGIONS].value);
}

bool layout_load(const char *path, const layout_define *defs, size_t ndefs,
		 layout *out, vl_error *err)
{
	reader r = {.l = out};
	bool ok = false;

	memset(out, 0, sizeof(*out));
	out->path = strdup(path);
	if (!out->path)
		return vl_fail(err, path, 0, 0, "out of memory");
	if (yd_load(&r.d, path, LAYOUT_MAX_BYTES, LAYOUT_MAX_DEPTH, "a layout",
		    err)) {
		ok = read_layout(&r, yd_root(&r.d), defs, ndefs);
		yd_free(&r.d);
	}
	if (!ok)
		layout_free(out);
	return ok;
}

void layout_free(layout *l)
{
	free(l->path);
	free(l->name);
	free(l->description);
	free(l->machines);
	free(l->machine_classes);
	for (size_t i = 0; i < l->nmachines; i++)
		free(l->machine_names[i]);
	free(l->machine_names);
	free(l->page_sizes);
	free(l->linker_area_why);
	for (size_t i = 0; i < l->nparams; i++) {
		free(l->params[i].name);
		free(l->params[i].doc);
	}
	free(l->params);
	for (size_t i = 0; i < l->nregions; i++) {
		free(l->regions[i].name);
		free(l->regions[i].why);
	}
	free(l->regions);
	free(l->exec_limit_why);
	memset(l, 0, sizeof(*l));
}

bool layout_parse_define(const char *arg, layout_define *out, vl_error *err)
{
	const char *eq = strchr(arg, '=');

	if (!eq)
		return vl_fail(err, "<command line>", 0, 0,
			       "-D %s: expected NAME=VALUE", arg);
	if (!valid_name(arg, (size_t)(eq - arg)))
		return vl_fail(err, "<command line>", 0, 0,
			       "-D %s: '%.*s' is not a parameter name", arg,
			       (int)(eq - arg), arg);
	if (!eq[1])
		return vl_fail(err, "<command line>", 0, 0,
			       "-D %s: the value is empty", arg);
	out->name = arg;
	out->name_len = (size_t)(eq - arg);
	out->value = eq + 1;
	return true;
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

bool layout_is_shipped(const char *path, const char *dir)
{
	/* A layout named with -L NAME is found at exactly this path; one
	 * given as a path (-L ./mine.yaml) is the user's file. */
	size_t n = strlen(dir);

	return path && !strncmp(path, dir, n) && path[n] == '/';
}

const char *layout_dir(const char *argv0)
{
	static char found[PATH_MAX + 64];
	char exe[PATH_MAX];
	const char *env = getenv("VASLINT_LAYOUTS");
	/* A build tree first (build/vaslint, build/sanitize/vaslint), so a
	 * program built in the tree never reads an older installation's
	 * layouts; then an installation moved as a whole (a DESTDIR stage, a
	 * relocated PREFIX). */
	static const char *const rel[] = {"../layouts", "../../layouts",
					  "../share/vaslint/layouts"};
	ssize_t n;

	(void)argv0;
	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = 0;
		for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
			int w = snprintf(found, sizeof(found), "%s/%s", exe,
					 rel[i]);
			char *real;
			if (w > 0 && (size_t)w < sizeof(found) &&
			    is_dir(found) && (real = realpath(found, NULL))) {
				snprintf(found, sizeof(found), "%s", real);
				free(real);
				return found;
			}
		}
	}
	/* The data directory the build was configured for (PREFIX), where a
	 * program copied away from its installation still finds its data. */
	snprintf(found, sizeof(found), "%s/layouts", vaslint_datadir);
	if (is_dir(found) || !is_dir("layouts"))
		return found;
	return "layouts";
}

char *layout_find(const char *name, const char *dir, vl_error *err)
{
	size_t len = strlen(name);
	char *path;

	if (strchr(name, '/') ||
	    (len > 5 && strcmp(name + len - 5, ".yaml") == 0)) {
		path = strdup(name);
	} else {
		if (asprintf(&path, "%s/%s.yaml", dir, name) < 0)
			path = NULL;
	}
	if (!path) {
		vl_fail(err, name, 0, 0, "out of memory");
		return NULL;
	}
	if (access(path, F_OK) != 0) {
		char **names = NULL;
		size_t n = 0;
		vl_error ignore = {0};
		const char *near =
		    layout_list(dir, &names, &n, &ignore)
			? vl_did_you_mean(name, (const char *const *)names, n)
			: NULL;
		vl_fail(err, "<command line>", 0, 0,
			"no such layout '%s'%s%s%s (run 'vaslint layouts' for "
			"the list; a path to a .yaml file works too)",
			name, near ? "; did you mean '" : "", near ? near : "",
			near ? "'?" : "");
		vl_error_free(&ignore);
		layout_list_free(names, n);
		free(path);
		return NULL;
	}
	return path;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

bool layout_list(const char *dir, char ***names, size_t *n, vl_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool ok = true;

	*names = NULL;
	*n = 0;
	if (!d)
		return vl_fail(err, NULL, 0, 0,
			       "cannot open the layouts folder %s", dir);
	while (ok && (e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len <= 5 || strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		char **v = realloc(*names, (*n + 1) * sizeof(*v));
		if (v)
			*names = v;
		if (!v || !(v[*n] = strndup(e->d_name, len - 5)))
			ok = vl_fail(err, NULL, 0, 0, "out of memory");
		else
			++*n;
	}
	closedir(d);
	if (!ok) {
		layout_list_free(*names, *n);
		*names = NULL;
		*n = 0;
		return false;
	}
	if (*n)
		qsort(*names, *n, sizeof(**names), cmp_name);
	return true;
}

void layout_list_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
