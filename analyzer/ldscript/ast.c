/* Freeing the linker-script tree, and the file-name table its locations
 * point into.
 *
 * The parser builds every node in place inside its parent's array, so a
 * script that failed half way is freed by the same code as a whole one:
 * every count covers only initialised (possibly partly filled) elements. */
#include "ldscript/ast.h"

#include <stdlib.h>
#include <string.h>

#include "ldscript/lexer.h"

void *ls_grow(void *v, size_t n, size_t size)
{
	size_t cap;

	if (n == 0)
		cap = 4;
	else if (n < 4 || (n & (n - 1)) != 0)
		return v; /* below the implied capacity */
	else
		cap = n * 2;
	if (size == 0 || cap > SIZE_MAX / size)
		return NULL;
	return realloc(v, cap * size);
}

static void ls_strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void ls_input_free(ls_input *in)
{
	size_t i;

	free(in->file_glob);
	ls_strv_free(in->exclude_files, in->nexclude_files);
	for (i = 0; i < in->npatterns; i++) {
		free(in->patterns[i].glob);
		ls_strv_free(in->patterns[i].exclude_files,
			     in->patterns[i].nexclude_files);
	}
	free(in->patterns);
	free(in->flags);
}

static void ls_sec_cmd_free(ls_sec_cmd *c)
{
	switch (c->kind) {
	case LS_SC_ASSIGN:
		free(c->u.assign.name);
		expr_free(c->u.assign.value.e);
		break;
	case LS_SC_INPUT:
		ls_input_free(&c->u.input);
		break;
	case LS_SC_DATA:
		expr_free(c->u.data.value.e);
		break;
	case LS_SC_ASCIZ:
		free(c->u.asciz);
		break;
	case LS_SC_FILL:
		expr_free(c->u.fill.e);
		break;
	case LS_SC_ASSERT:
		expr_free(c->u.assert_.cond.e);
		free(c->u.assert_.message);
		break;
	case LS_SC_KEYWORD:
		free(c->u.keyword);
		break;
	}
}

static void ls_output_section_free(ls_output_section *o)
{
	size_t i;

	free(o->name);
	expr_free(o->address.e);
	expr_free(o->type_value.e);
	expr_free(o->at.e);
	expr_free(o->align.e);
	expr_free(o->subalign.e);
	for (i = 0; i < o->ncmds; i++)
		ls_sec_cmd_free(&o->cmds[i]);
	free(o->cmds);
	free(o->region);
	free(o->lma_region);
	ls_strv_free(o->phdrs, o->nphdrs);
	expr_free(o->fill.e);
}

static void ls_overlay_free(ls_overlay *o)
{
	size_t i;

	expr_free(o->start.e);
	expr_free(o->at.e);
	for (i = 0; i < o->nsections; i++)
		ls_output_section_free(&o->sections[i]);
	free(o->sections);
	free(o->region);
	free(o->lma_region);
	ls_strv_free(o->phdrs, o->nphdrs);
	expr_free(o->fill.e);
}

static void ls_cmd_free(ls_cmd *c)
{
	size_t i;

	free(c->keyword);
	ls_strv_free(c->args, c->nargs);
	switch (c->kind) {
	case LS_CMD_ASSIGN:
		free(c->u.assign.name);
		expr_free(c->u.assign.value.e);
		break;
	case LS_CMD_ASSERT:
		expr_free(c->u.assert_.cond.e);
		free(c->u.assert_.message);
		break;
	case LS_CMD_OUTPUT_SECTION:
		if (c->u.section)
			ls_output_section_free(c->u.section);
		free(c->u.section);
		break;
	case LS_CMD_OVERLAY:
		if (c->u.overlay)
			ls_overlay_free(c->u.overlay);
		free(c->u.overlay);
		break;
	case LS_CMD_SECTIONS:
		/* SECTIONS do not nest, so this recursion is one level. */
		for (i = 0; i < c->u.sections.ncmds; i++)
			ls_cmd_free(&c->u.sections.cmds[i]);
		free(c->u.sections.cmds);
		break;
	case LS_CMD_MEMORY:
		for (i = 0; i < c->u.memory.nregions; i++) {
			ls_memory_region *r = &c->u.memory.regions[i];

			free(r->name);
			free(r->attributes);
			expr_free(r->origin.e);
			expr_free(r->length.e);
		}
		free(c->u.memory.regions);
		break;
	case LS_CMD_PHDRS:
		for (i = 0; i < c->u.phdrs.nphdrs; i++) {
			ls_phdr *ph = &c->u.phdrs.phdrs[i];

			free(ph->name);
			expr_free(ph->type.e);
			expr_free(ph->at.e);
			expr_free(ph->flags.e);
		}
		free(c->u.phdrs.phdrs);
		break;
	case LS_CMD_ENTRY:
	case LS_CMD_INSERT:
	case LS_CMD_REGION_ALIAS:
	case LS_CMD_NAMED:
		break;
	}
}

void ls_script_free(ls_script *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->ncmds; i++)
		ls_cmd_free(&s->cmds[i]);
	free(s->cmds);
	for (i = 0; i < s->nbufs; i++) {
		free(s->bufs[i].path);
		free(s->bufs[i].text);
	}
	free(s->bufs);
	ls_strv_free(s->files, s->nfiles);
	memset(s, 0, sizeof(*s));
}

/* ---- File names ---- */

static uint32_t ls_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* Put index idx of the file table into the hash index. */
static void ls_files_slot(ls_files *f, uint32_t idx)
{
	const char *name = f->script->files[idx];
	size_t m = f->nslots - 1, k = ls_hash(name, strlen(name)) & m;

	while (f->slots[k])
		k = (k + 1) & m;
	f->slots[k] = idx + 1;
}

static bool ls_files_rehash(ls_files *f)
{
	size_t n = f->nslots ? f->nslots * 2 : 16, i;
	uint32_t *slots;

	if (n > SIZE_MAX / sizeof(*slots))
		return false;
	slots = calloc(n, sizeof(*slots));
	if (!slots)
		return false;
	free(f->slots);
	f->slots = slots;
	f->nslots = n;
	for (i = 0; i < f->script->nfiles; i++)
		ls_files_slot(f, (uint32_t)i);
	return true;
}

const char *ls_files_intern(ls_files *f, const char *name, size_t len)
{
	ls_script *s = f->script;
	size_t m, k;
	char *copy, **files;

	if (f->nslots) {
		m = f->nslots - 1;
		for (k = ls_hash(name, len) & m; f->slots[k]; k = (k + 1) & m) {
			const char *have = s->files[f->slots[k] - 1];

			if (strncmp(have, name, len) == 0 && have[len] == '\0')
				return have;
		}
	}
	/* Keep the table at most half full so probes stay short. */
	if ((s->nfiles + 1) * 2 > f->nslots && !ls_files_rehash(f))
		return NULL;
	if (s->nfiles >= UINT32_MAX - 1 || len == SIZE_MAX)
		return NULL;
	files = ls_grow(s->files, s->nfiles, sizeof(*files));
	if (!files)
		return NULL;
	s->files = files;
	copy = malloc(len + 1);
	if (!copy)
		return NULL;
	memcpy(copy, name, len);
	copy[len] = '\0';
	s->files[s->nfiles++] = copy;
	ls_files_slot(f, (uint32_t)(s->nfiles - 1));
	return copy;
}

void ls_files_free(ls_files *f)
{
	free(f->slots);
	f->slots = NULL;
	f->nslots = 0;
}
