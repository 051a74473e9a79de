/* Writers of layouts for people (vaslint layouts): one line each in a
 * list, or one layout in full, evaluated. */
#include "report.h"

bool report_layout_line(FILE *f, const char *name, int width, const layout *l)
{
	fprintf(f, "%-*s  %s\n", width, name, l->description);
	return !ferror(f);
}

bool report_layout(FILE *f, const layout *l)
{
	char a[VA_HEX_LEN], b[VA_HEX_LEN], s[VA_SIZE_LEN];

	fprintf(f, "%s: %s\n", l->name, l->description);
	fprintf(f, "  file:          %s\n", l->path);
	fprintf(f, "  machine:      ");
	for (size_t i = 0; i < l->nmachines; i++)
		fprintf(f, " %s", l->machine_names[i]);
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
	for (size_t i = 0; i < l->nparams; i++)
		fprintf(f, "  param %s = %s%s%s%s\n", l->params[i].name,
			va_hex(l->params[i].value, a),
			l->params[i].set ? " (set with -D)" : " (default)",
			l->params[i].doc ? ": " : "",
			l->params[i].doc ? l->params[i].doc : "");
	for (size_t i = 0; i < l->nregions; i++) {
		const layout_region *r = &l->regions[i];
		fprintf(f, "  region %s [%s, %s) %s%s\n", r->name,
			va_hex(r->range.start, a), va_hex(r->range.end, b),
			va_size_str(va_range_size(r->range), s),
			va_range_empty(r->range) ? " (empty: never conflicts)"
						 : "");
	}
	return !ferror(f);
}
