/* Writers of layouts for people (vaslint layouts): one line each in a
 * list, or one layout in full, evaluated.  Every text a layout file gave
 * is escaped (escape.h). */
#include "report.h"

#include "escape.h"

bool report_layout_line(FILE *f, const char *name, int width, const layout *l)
{
	esc_text_pad(f, name, width > 0 ? (size_t)width : 0);
	fputs("  ", f);
	esc_text_put(f, l->description);
	fputc('\n', f);
	return !ferror(f);
}

bool report_layout(FILE *f, const layout *l)
{
	char a[VA_HEX_LEN], b[VA_HEX_LEN], s[VA_SIZE_LEN];

	esc_text_put(f, l->name);
	fputs(": ", f);
	esc_text_put(f, l->description);
	fputs("\n  file:          ", f);
	esc_text_put(f, l->path);
	fprintf(f, "\n  machine:      ");
	for (size_t i = 0; i < l->nmachines; i++) {
		fputc(' ', f);
		esc_text_put(f, l->machine_names[i]);
	}
	fprintf(f, "\n  page sizes:   ");
	for (size_t i = 0; i < l->npage_sizes; i++)
		fprintf(f, " %s", va_size_str(l->page_sizes[i], s));
	fprintf(f, "\n  address space: [%s, %s)\n",
		va_hex(l->address_space.start, a),
		va_hex(l->address_space.end, b));
	if (l->flexpage_max)
		fprintf(f, "  flexpage max:  %s\n",
			va_size_str(l->flexpage_max, s));
	if (l->has_pie_base)
		fprintf(f, "  pie base:      %s\n", va_hex(l->pie_base, a));
	if (l->pie_aslr.set)
		fprintf(f, "  pie aslr:      %s to %s\n",
			va_hex(l->pie_aslr.lowest, a),
			va_hex(l->pie_aslr.highest, b));
	if (l->has_mmap_base)
		fprintf(f, "  mmap base:     %s%s\n", va_hex(l->mmap_base, a),
			l->libraries_at_mmap_base
			    ? " (shared libraries load below it)"
			    : "");
	if (l->mmap_aslr.set)
		fprintf(f, "  mmap aslr:     %s to %s\n",
			va_hex(l->mmap_aslr.lowest, a),
			va_hex(l->mmap_aslr.highest, b));
	if (l->file_map_align)
		fprintf(f,
			"  file map align: a file mapping of %s or more lands "
			"aligned to it\n",
			va_size_str(l->file_map_align, s));
	if (l->linker_area)
		fprintf(f,
			"  linker area:   %s from the link address of a "
			"dynamically linked program\n",
			va_size_str(l->linker_area, s));
	if (l->exec_limit)
		fprintf(f,
			"  exec limit:    a position-dependent image ends at "
			"or below %s\n",
			va_hex(l->exec_limit, a));
	for (size_t i = 0; i < l->nparams; i++) {
		fputs("  param ", f);
		esc_text_put(f, l->params[i].name);
		fprintf(f, " = %s%s", va_hex(l->params[i].value, a),
			l->params[i].set ? " (set with -D)" : " (default)");
		if (l->params[i].doc) {
			fputs(": ", f);
			esc_text_put(f, l->params[i].doc);
		}
		fputc('\n', f);
	}
	for (size_t i = 0; i < l->nregions; i++) {
		const layout_region *r = &l->regions[i];
		fputs("  region ", f);
		esc_text_put(f, r->name);
		fprintf(f, " [%s, %s) %s%s\n", va_hex(r->range.start, a),
			va_hex(r->range.end, b),
			va_size_str(va_range_size(r->range), s),
			va_range_empty(r->range) ? " (empty: never conflicts)"
						 : "");
	}
	return !ferror(f);
}
