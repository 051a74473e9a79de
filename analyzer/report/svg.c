/* The address space as a picture (SVG 1.1): one bar, the lowest address at
 * the bottom, every range a coloured block on it, labels to the right and
 * the boundary addresses to the left.
 *
 * The file is standalone (no scripts, fonts or links; generic monospace),
 * and it depends on nothing but the input: every coordinate is an integer
 * computed without floating point, so golden tests can diff it byte for
 * byte on any machine. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "svg.h"

#include "escape.h"

#define MAP_PAGE UINT64_C(0x1000)

/*
 * Why a piecewise-log scale: in a 32-bit space a linear bar 1000 px tall
 * gives a 4 KiB page 1/1000 of a pixel, and in a 64-bit space even a
 * 3 GiB hole vanishes; a plain log of the address instead crushes
 * everything above 2 GiB into a few pixels.  So only the order of the
 * boundaries is kept exactly: each interval between two consecutive
 * boundaries gets h = 12 + 3 * log2(size / 4 KiB) px (12 px for a page or
 * less, ~71 px for 3 GiB, 168 px for all of 2^64), and the real addresses
 * are written at the boundaries.  Heights then compare sizes by order of
 * magnitude only; the size printed beside each block says the rest.
 */

/* log2(x) in sixteenths, for x >= 1, with integers only: the picture must
 * not depend on the libm it was built with. */
static long log2_16(uint64_t x)
{
	int ip = 63 - __builtin_clzll(x);
	/* The mantissa in [1, 2) as Q31: squaring it doubles its logarithm,
	 * so each square that reaches 2 is a 1 in the next fraction bit. */
	uint64_t m = ip >= 31 ? x >> (ip - 31) : x << (31 - ip);
	long frac = 0;

	for (int b = 0; b < 4; b++) {
		m = (m * m) >> 31;
		frac <<= 1;
		if (m >= UINT64_C(1) << 32) {
			m >>= 1;
			frac |= 1;
		}
	}
	return ip * 16L + frac;
}

long map_scale_interval(uint64_t size)
{
	if (size <= MAP_PAGE)
		return MAP_SCALE_BASE;
	return MAP_SCALE_BASE +
	       (MAP_SCALE_STEP * (log2_16(size) - 12 * 16) + 8) / 16;
}

static int u64_cmp(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return a < b ? -1 : a > b;
}

/* A range without a known size, or an empty one, is a point. */
static bool is_point(const map_range *r)
{
	return !r->size_known || r->range.end <= r->range.start;
}

bool map_scale_init(map_scale *s, const map_ranges *m, const layout *l)
{
	size_t n = 0, k;

	memset(s, 0, sizeof(*s));
	if (m->n > (SIZE_MAX / sizeof(uint64_t) - 3) / 2)
		return false;
	s->at = malloc((2 * m->n + 3) * sizeof(*s->at));
	if (!s->at)
		return false;
	if (l) {
		s->at[n++] = l->address_space.start;
		s->at[n++] = l->address_space.end;
	}
	for (size_t i = 0; i < m->n; i++) {
		s->at[n++] = m->v[i].range.start;
		if (!is_point(&m->v[i]))
			s->at[n++] = m->v[i].range.end;
	}
	qsort(s->at, n, sizeof(*s->at), u64_cmp);
	k = 0;
	for (size_t i = 0; i < n; i++)
		if (k == 0 || s->at[i] != s->at[k - 1])
			s->at[k++] = s->at[i];
	n = k;
	/* A single point still gets a bar, a page tall, to sit on. */
	if (n == 1) {
		if (s->at[0] <= UINT64_MAX - MAP_PAGE) {
			s->at[1] = s->at[0] + MAP_PAGE;
		} else {
			s->at[1] = s->at[0];
			s->at[0] -= MAP_PAGE;
		}
		n = 2;
	}
	s->pos = malloc((n ? n : 1) * sizeof(*s->pos));
	if (!s->pos) {
		map_scale_free(s);
		return false;
	}
	for (size_t i = 0; i < n; i++)
		s->pos[i] = i ? s->pos[i - 1] +
				    map_scale_interval(s->at[i] - s->at[i - 1])
			      : 0;
	s->n = n;
	return true;
}

void map_scale_free(map_scale *s)
{
	free(s->at);
	free(s->pos);
	memset(s, 0, sizeof(*s));
}

long map_scale_height(const map_scale *s)
{
	return s->n ? s->pos[s->n - 1] : 0;
}

long map_scale_pos(const map_scale *s, uint64_t addr)
{
	size_t lo = 0, hi;

	if (!s->n || addr <= s->at[0])
		return 0;
	if (addr >= s->at[s->n - 1])
		return s->pos[s->n - 1];
	/* The last breakpoint at or below addr. */
	hi = s->n - 1;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->at[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	uint64_t off = addr - s->at[lo], span = s->at[lo + 1] - s->at[lo];
	uint64_t h = (uint64_t)(s->pos[lo + 1] - s->pos[lo]);
	/* Scale both down until off * h (h < 256) cannot overflow. */
	while (span >= UINT64_C(1) << 55) {
		span >>= 8;
		off >>= 8;
	}
	return s->pos[lo] + (long)(off * h / span);
}

/* Geometry of the picture, in px. */
#define SVG_W	     900
#define MARGIN	     16
#define AXIS_X	     138 /* right edge of the boundary addresses */
#define BAR_X	     150
#define BAR_W	     180
#define BAR_R	     (BAR_X + BAR_W)
#define LEVEL_DX     22 /* each overlap level: this much narrower */
#define MAX_LEVEL    5
#define LABEL_X	     372
#define LABEL_GAP    14 /* between label baselines */
#define CHAR_W10     66 /* a monospace character at 11 px, in 1/10 px */
#define LABEL_CHARS  ((SVG_W - MARGIN - LABEL_X) * 10 / CHAR_W10)
#define LINE_CHARS   ((SVG_W - 2 * MARGIN) * 10 / CHAR_W10)
#define CONFLICT_RED "#d7191c"

enum map_style_id {
	STYLE_RESERVED,
	STYLE_SHADOW,
	STYLE_IMAGE,
	STYLE_REQUEST,
	STYLE_FREE,
	STYLE_SYMBOL,
	STYLE_OTHER,
};

static const struct map_style {
	const char *legend, *fill, *stroke;
} styles[] = {
    [STYLE_RESERVED] = {"reserved", "#bdbdbd", "#737373"},
    [STYLE_SHADOW] = {"guest shadow", "#cbb7e3", "#7b5ea7"},
    [STYLE_IMAGE] = {"image", "#9ecae1", "#2171b5"},
    [STYLE_REQUEST] = {"request", "#fdd0a2", "#d94801"},
    [STYLE_FREE] = {"free", "#e5f5e0", "#74c476"},
    [STYLE_SYMBOL] = {"symbol", "none", "#252525"},
    [STYLE_OTHER] = {"other", "#f0f0f0", "#969696"},
};

static enum map_style_id style_of(const map_range *r)
{
	if (!strcmp(r->kind, "region"))
		return strcmp(r->name, "guest-shadow") ? STYLE_RESERVED
						       : STYLE_SHADOW;
	if (!strcmp(r->kind, "segment") || !strcmp(r->kind, "section") ||
	    !strcmp(r->kind, "image"))
		return STYLE_IMAGE;
	if (!strcmp(r->kind, "request"))
		return STYLE_REQUEST;
	if (!strcmp(r->kind, "free"))
		return STYLE_FREE;
	if (!strcmp(r->kind, "symbol"))
		return STYLE_SYMBOL;
	return STYLE_OTHER;
}

/* The characters of one piece of escaped text (escape.h): 1 for a
 * character, 2 or 4 for an escape. */
static size_t piece_chars(const char *piece)
{
	size_t n = 0;

	for (; *piece; piece++)
		n += ((unsigned char)*piece & 0xc0) != 0x80;
	return n;
}

/* The characters of s as the picture shows it, escaped. */
static size_t svg_chars(const char *s)
{
	char piece[ESC_PIECE];
	size_t n = 0, k;

	for (; (k = esc_text_step(s, piece)) != 0; s += k)
		n += piece_chars(piece);
	return n;
}

/* s as XML text or attribute value: escaped like terminal text first
 * (escape.h), since XML 1.0 allows no control character but tab, newline
 * and carriage return even as a character reference, and no invalid
 * UTF-8; then U+FFFE and U+FFFF, which XML does not allow either, as '?',
 * and the five markup characters as entities.  So the file stays
 * well-formed whatever the names in a user's files contain.  With max (4
 * or more) and a longer s, only its last characters after "...": the end
 * of a path or of "file segment 2 (R-X)" is what tells ranges apart. */
static void xml_put(FILE *f, const char *s, size_t max)
{
	char piece[ESC_PIECE];
	size_t skip = 0, n = max ? svg_chars(s) : 0, k;

	if (max && n > max) {
		skip = n - (max - 3);
		fputs("...", f);
	}
	for (; (k = esc_text_step(s, piece)) != 0; s += k) {
		const char *q = piece;
		/* whole pieces: an escape is never cut */
		if (skip) {
			size_t c = piece_chars(piece);
			skip -= c < skip ? c : skip;
			continue;
		}
		if (!strcmp(q, "\xef\xbf\xbe") || !strcmp(q, "\xef\xbf\xbf"))
			q = "?"; /* U+FFFE, U+FFFF */
		switch (*q) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&apos;", f);
			break;
		default:
			fputs(q, f);
		}
	}
}

/* One range as drawn: where its block or tick is, and its label. */
typedef struct svg_item {
	size_t i;	  /* in m->v */
	long top, bottom; /* screen y; equal for a point */
	unsigned level;	  /* overlap depth: 0 outermost */
	long want, y;	  /* label baseline wanted (block centre), placed */
} svg_item;

typedef struct svg_pic {
	const map_ranges *m;
	const layout *l;
	map_scale s;
	svg_item *items;
	svg_item **by_label; /* items in label order, top to bottom */
	long bar_top, bar_bottom, height;
	size_t nparam_lines;
} svg_pic;

static long screen_y(const svg_pic *p, uint64_t addr)
{
	return p->bar_bottom - map_scale_pos(&p->s, addr);
}

/* Larger ranges first at the same start, so a region is drawn under (and
 * wider than) the segments inside it. */
static int nest_cmp(const void *pa, const void *pb)
{
	const svg_item *a = *(svg_item *const *)pa, *b = *(svg_item *const *)pb;

	if (a->bottom != b->bottom)
		return a->bottom > b->bottom ? -1 : 1;
	if (a->top != b->top)
		return a->top < b->top ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* Greedy interval colouring in order of start: each block takes the
 * lowest level free at its start, so overlapping blocks never share one
 * (up to MAX_LEVEL, where the rest stack). */
static void assign_levels(svg_pic *p, svg_item **order)
{
	long level_top[MAX_LEVEL + 1];
	size_t k = 0;

	for (size_t i = 0; i < p->m->n; i++)
		if (!is_point(&p->m->v[i]))
			order[k++] = &p->items[i];
	qsort(order, k, sizeof(*order), nest_cmp);
	for (unsigned d = 0; d <= MAX_LEVEL; d++)
		level_top[d] = p->bar_bottom + 1;
	for (size_t i = 0; i < k; i++) {
		svg_item *it = order[i];
		unsigned d = 0;

		/* Screen y grows downwards: a level is free when its last
		 * block ends (top) at or below this one's start (bottom). */
		while (d < MAX_LEVEL && level_top[d] < it->bottom)
			d++;
		it->level = d;
		if (it->top < level_top[d])
			level_top[d] = it->top;
	}
}

static int label_cmp(const void *pa, const void *pb)
{
	const svg_item *a = *(svg_item *const *)pa, *b = *(svg_item *const *)pb;

	if (a->want != b->want)
		return a->want < b->want ? -1 : 1;
	if (a->level != b->level)
		return a->level < b->level ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

static long floor_div(long a, long b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* Labels as near their blocks as LABEL_GAP apart allows: runs of labels
 * that would collide become clusters centred on the mean of what they
 * want, merged until no two clusters overlap; then nothing goes above the
 * bar's top. */
static bool place_labels(svg_pic *p)
{
	size_t n = p->m->n, nc = 0;
	struct cluster {
		size_t first, count;
		long sum; /* of want - (j - first) * LABEL_GAP */
	} * c;

	if (!n)
		return true;
	c = malloc(n * sizeof(*c));
	if (!c)
		return false;
	for (size_t j = 0; j < n; j++) {
		c[nc++] = (struct cluster){j, 1, p->by_label[j]->want};
		while (nc > 1) {
			struct cluster *a = &c[nc - 2], *b = &c[nc - 1];
			long ta = floor_div(a->sum, (long)a->count);
			long tb = floor_div(b->sum, (long)b->count);

			if (ta + (long)a->count * LABEL_GAP <= tb)
				break;
			a->sum +=
			    b->sum - (long)(b->count * a->count) * LABEL_GAP;
			a->count += b->count;
			nc--;
		}
	}
	for (size_t k = 0; k < nc; k++) {
		long t = floor_div(c[k].sum, (long)c[k].count);
		for (size_t j = 0; j < c[k].count; j++)
			p->by_label[c[k].first + j]->y =
			    t + (long)j * LABEL_GAP;
	}
	free(c);
	for (size_t j = 0; j < n; j++) {
		long min = j ? p->by_label[j - 1]->y + LABEL_GAP : p->bar_top;
		if (p->by_label[j]->y < min)
			p->by_label[j]->y = min;
	}
	return true;
}

/* Layout parameters, wrapped to the width; with f NULL only counted. */
static size_t param_lines(FILE *f, const layout *l, long y)
{
	char hex[VA_HEX_LEN];
	size_t lines = 0, col = 0;

	for (size_t i = 0; l && i < l->nparams; i++) {
		size_t w = svg_chars(l->params[i].name) + 1 +
			   strlen(va_hex(l->params[i].value, hex)) + 2;
		if (w > LINE_CHARS - 8)
			w = LINE_CHARS - 8;
		if (!col || col + w > LINE_CHARS) {
			if (f && col)
				fputs("</text>\n", f);
			if (f)
				fprintf(f,
					"<text x=\"%d\" y=\"%ld\" "
					"fill=\"#444444\">%s",
					MARGIN, y + (long)lines * LABEL_GAP,
					lines ? "        " : "params: ");
			lines++;
			col = 8;
		} else if (f) {
			fputs(", ", f);
		}
		if (f) {
			xml_put(f, l->params[i].name, LINE_CHARS - 24);
			fprintf(f, "=%s", hex);
		}
		col += w;
	}
	if (f && col)
		fputs("</text>\n", f);
	return lines;
}

#define HEADER_TITLE_Y 30
#define HEADER_LINE1_Y 50

static long legend_y(const svg_pic *p)
{
	return HEADER_LINE1_Y + (long)(1 + p->nparam_lines) * LABEL_GAP + 6;
}

static void put_header(FILE *f, const svg_pic *p)
{
	char a[VA_HEX_LEN], b[VA_HEX_LEN], s[VA_SIZE_LEN];

	fprintf(f,
		"<text x=\"%d\" y=\"%d\" font-size=\"16\" "
		"font-weight=\"bold\">",
		MARGIN, HEADER_TITLE_Y);
	if (p->l) {
		fputs("Address space of ", f);
		xml_put(f, p->l->name, LINE_CHARS / 2);
	} else {
		fputs("Address ranges (no layout)", f);
	}
	fputs("</text>\n", f);
	fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"#444444\">", MARGIN,
		HEADER_LINE1_Y);
	if (p->l) {
		va_range as = p->l->address_space;
		fprintf(f, "address space %s to %s (%s)", va_hex(as.start, a),
			va_hex(as.end, b), va_size_str(va_range_size(as), s));
	} else {
		fputs("the bar spans the lowest to the highest range", f);
	}
	fputs("; lowest address at the bottom</text>\n", f);
	param_lines(f, p->l, HEADER_LINE1_Y + LABEL_GAP);
}

static void put_legend(FILE *f, const svg_pic *p)
{
	long x = MARGIN, y = legend_y(p);

	fputs("<g id=\"legend\">\n", f);
	for (size_t i = 0; i < sizeof(styles) / sizeof(styles[0]); i++) {
		const struct map_style *st = &styles[i];
		if (i == STYLE_OTHER)
			continue;
		if (i == STYLE_SYMBOL)
			fprintf(
			    f,
			    "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" "
			    "y2=\"%ld\" stroke=\"%s\" stroke-width=\"2\"/>\n",
			    x, y - 4, x + 16, y - 4, st->stroke);
		else
			fprintf(f,
				"<rect x=\"%ld\" y=\"%ld\" width=\"16\" "
				"height=\"11\" fill=\"%s\" stroke=\"%s\"/>\n",
				x, y - 10, st->fill, st->stroke);
		fprintf(f, "<text x=\"%ld\" y=\"%ld\">%s</text>\n", x + 21, y,
			st->legend);
		x += 21 + (long)strlen(st->legend) * CHAR_W10 / 10 + 16;
	}
	fprintf(f,
		"<rect x=\"%ld\" y=\"%ld\" width=\"16\" height=\"11\" "
		"fill=\"#ffffff\" stroke=\"" CONFLICT_RED
		"\" stroke-width=\"3\"/>\n"
		"<text x=\"%ld\" y=\"%ld\" fill=\"" CONFLICT_RED
		"\">conflict</text>\n",
		x, y - 10, x + 21, y);
	x += 21 + 8 * CHAR_W10 / 10 + 16;
	if (p->l)
		fprintf(f,
			"<rect x=\"%ld\" y=\"%ld\" width=\"16\" height=\"11\" "
			"fill=\"url(#outside)\" stroke=\"#969696\"/>\n"
			"<text x=\"%ld\" y=\"%ld\">outside the address "
			"space</text>\n",
			x, y - 10, x + 21, y);
	fputs("</g>\n", f);
}

static void put_bar(FILE *f, const svg_pic *p)
{
	long lo = p->bar_bottom, hi = p->bar_top;

	fputs("<g id=\"bar\">\n", f);
	fprintf(f,
		"<rect x=\"%d\" y=\"%ld\" width=\"%d\" height=\"%ld\" "
		"fill=\"#fafafa\" stroke=\"#969696\"/>\n",
		BAR_X, hi, BAR_W, lo - hi);
	fputs("</g>\n", f);
}

/* What lies outside the layout's address space is hatched, over the blocks
 * (a region may reach below it) so that both show. */
static void put_outside(FILE *f, const svg_pic *p)
{
	long lo = p->bar_bottom, hi = p->bar_top, as_lo, as_hi;

	if (!p->l)
		return;
	as_lo = screen_y(p, p->l->address_space.start);
	as_hi = screen_y(p, p->l->address_space.end);
	if (as_lo < lo)
		fprintf(f,
			"<rect x=\"%d\" y=\"%ld\" width=\"%d\" "
			"height=\"%ld\" fill=\"url(#outside)\"/>\n",
			BAR_X, as_lo, BAR_W, lo - as_lo);
	if (as_hi > hi)
		fprintf(f,
			"<rect x=\"%d\" y=\"%ld\" width=\"%d\" "
			"height=\"%ld\" fill=\"url(#outside)\"/>\n",
			BAR_X, hi, BAR_W, as_hi - hi);
}

/* The tooltip: everything about the range, the name in full. */
static void put_title(FILE *f, const map_range *r)
{
	char a[VA_HEX_LEN], b[VA_HEX_LEN], s[VA_SIZE_LEN];

	fputs("<title>", f);
	xml_put(f, r->kind, 0);
	fputc(' ', f);
	xml_put(f, r->name, 0);
	if (r->size_known)
		fprintf(f, " [%s, %s) %s", va_hex(r->range.start, a),
			va_hex(r->range.end, b),
			va_size_str(va_range_size(r->range), s));
	else
		fprintf(f, " at %s, size not determined",
			va_hex(r->range.start, a));
	if (r->file) {
		fputs(" from ", f);
		xml_put(f, r->file, 0);
		if (r->line)
			fprintf(f, ":%u", r->line);
	}
	if (r->conflict)
		fputs(" (conflict)", f);
	fputs("</title>", f);
}

static void put_blocks(FILE *f, const svg_pic *p)
{
	fputs("<g id=\"ranges\">\n", f);
	/* Outer levels first, so nested blocks lie on top of them. */
	for (unsigned d = 0; d <= MAX_LEVEL; d++) {
		for (size_t i = 0; i < p->m->n; i++) {
			const map_range *r = &p->m->v[i];
			const svg_item *it = &p->items[i];
			const struct map_style *st = &styles[style_of(r)];

			if (is_point(r) || it->level != d)
				continue;
			fprintf(f,
				"<rect id=\"range-%zu\" x=\"%u\" y=\"%ld\" "
				"width=\"%u\" height=\"%ld\" fill=\"%s\" "
				"stroke=\"%s\" stroke-width=\"%d\">",
				i, BAR_X + d * LEVEL_DX, it->top,
				BAR_W - d * LEVEL_DX, it->bottom - it->top,
				st->fill,
				r->conflict ? CONFLICT_RED : st->stroke,
				r->conflict ? 3 : 1);
			put_title(f, r);
			fputs("</rect>\n", f);
		}
	}
	/* Points (symbols, ranges of unknown size) on top of everything. */
	for (size_t i = 0; i < p->m->n; i++) {
		const map_range *r = &p->m->v[i];

		if (!is_point(r))
			continue;
		fprintf(
		    f,
		    "<line id=\"range-%zu\" x1=\"%d\" y1=\"%ld\" "
		    "x2=\"%d\" y2=\"%ld\" stroke=\"%s\" "
		    "stroke-width=\"2\">",
		    i, BAR_X - 4, p->items[i].top, BAR_R + 4, p->items[i].top,
		    r->conflict ? CONFLICT_RED : styles[STYLE_SYMBOL].stroke);
		put_title(f, r);
		fputs("</line>\n", f);
	}
	fputs("</g>\n", f);
}

static void put_axis(FILE *f, const svg_pic *p)
{
	char a[VA_HEX_LEN];

	fputs("<g id=\"axis\" font-size=\"10\" fill=\"#444444\">\n", f);
	for (size_t i = 0; i < p->s.n; i++) {
		long y = p->bar_bottom - p->s.pos[i];
		fprintf(f,
			"<line x1=\"%d\" y1=\"%ld\" x2=\"%d\" y2=\"%ld\" "
			"stroke=\"#969696\"/>\n"
			"<text x=\"%d\" y=\"%ld\" text-anchor=\"end\">%s"
			"</text>\n",
			AXIS_X + 4, y, BAR_X, y, AXIS_X, y + 4,
			va_hex(p->s.at[i], a));
	}
	fputs("</g>\n", f);
}

static void put_labels(FILE *f, const svg_pic *p)
{
	char a[VA_HEX_LEN], s[VA_SIZE_LEN], extra[80];

	fputs("<g id=\"labels\">\n", f);
	for (size_t j = 0; j < p->m->n; j++) {
		const svg_item *it = p->by_label[j];
		const map_range *r = &p->m->v[it->i];
		const char *colour = r->conflict ? CONFLICT_RED : "#969696";
		size_t room;

		fprintf(f,
			"<polyline points=\"%d,%ld %d,%ld %d,%ld %d,%ld\" "
			"fill=\"none\" stroke=\"%s\"/>\n",
			BAR_R, it->want - 4, BAR_R + 8, it->want - 4,
			LABEL_X - 10, it->y - 4, LABEL_X - 3, it->y - 4,
			colour);
		if (is_point(r) && r->size_known)
			snprintf(extra, sizeof(extra), "%s",
				 va_hex(r->range.start, a));
		else
			snprintf(extra, sizeof(extra), "%s, %s",
				 va_hex(r->range.start, a),
				 r->size_known
				     ? va_size_str(va_range_size(r->range), s)
				     : "size ?");
		room = LABEL_CHARS - strlen(extra) - 1 -
		       (r->conflict ? strlen(" conflict") : 0);
		fprintf(
		    f, "<text id=\"label-%zu\" x=\"%d\" y=\"%ld\" fill=\"%s\">",
		    it->i, LABEL_X, it->y,
		    r->conflict ? CONFLICT_RED : "#222222");
		xml_put(f, r->name, room < 16 ? 16 : room);
		fprintf(f, " <tspan fill=\"%s\">%s</tspan>%s</text>\n",
			r->conflict ? CONFLICT_RED : "#555555", extra,
			r->conflict ? " <tspan font-weight=\"bold\">conflict"
				      "</tspan>"
				    : "");
	}
	fputs("</g>\n", f);
}

static size_t footer_lines(const svg_pic *p)
{
	return 1 + p->m->nunknowns;
}

static void put_footer(FILE *f, const svg_pic *p, long y)
{
	fprintf(f,
		"<text x=\"%d\" y=\"%ld\" font-size=\"10\" fill=\"#555555\">"
		"scale: between two marked addresses %d px, plus %d px for "
		"every doubling above 4 KiB (not linear)</text>\n",
		MARGIN, y, MAP_SCALE_BASE, MAP_SCALE_STEP);
	for (size_t i = 0; i < p->m->nunknowns; i++) {
		const map_unknown *u = &p->m->unknowns[i];
		y += LABEL_GAP;
		fprintf(f, "<text x=\"%d\" y=\"%ld\" fill=\"#a63603\">", MARGIN,
			y);
		fputs("not determined: ", f);
		xml_put(f, u->what, LINE_CHARS / 3);
		fputs(": ", f);
		xml_put(f, u->why, LINE_CHARS - 16 - LINE_CHARS / 3 - 2);
		fputs("</text>\n", f);
	}
}

static bool pic_init(svg_pic *p, const map_ranges *m, const layout *l)
{
	size_t n = m->n;

	memset(p, 0, sizeof(*p));
	p->m = m;
	p->l = l;
	if (!map_scale_init(&p->s, m, l))
		return false;
	p->items = calloc(n ? n : 1, sizeof(*p->items));
	p->by_label = calloc(n ? n : 1, sizeof(*p->by_label));
	if (!p->items || !p->by_label)
		return false;
	p->nparam_lines = param_lines(NULL, l, 0);
	p->bar_top = legend_y(p) + 2 * LABEL_GAP;
	p->bar_bottom = p->bar_top + map_scale_height(&p->s);
	for (size_t i = 0; i < n; i++) {
		const map_range *r = &m->v[i];
		svg_item *it = &p->items[i];

		it->i = i;
		it->bottom = screen_y(p, r->range.start);
		it->top = is_point(r) ? it->bottom : screen_y(p, r->range.end);
		it->want = (it->top + it->bottom) / 2 + 4;
		p->by_label[i] = it;
	}
	assign_levels(p, p->by_label);
	for (size_t i = 0; i < n; i++)
		p->by_label[i] = &p->items[i];
	qsort(p->by_label, n, sizeof(*p->by_label), label_cmp);
	if (!place_labels(p))
		return false;
	long bottom = p->bar_bottom;
	if (n && p->by_label[n - 1]->y > bottom)
		bottom = p->by_label[n - 1]->y;
	p->height =
	    bottom + 2 * LABEL_GAP + (long)footer_lines(p) * LABEL_GAP + MARGIN;
	return true;
}

static void pic_free(svg_pic *p)
{
	map_scale_free(&p->s);
	free(p->items);
	free(p->by_label);
}

bool report_map_svg(FILE *f, const map_ranges *m, const report_run *run)
{
	svg_pic p;
	long bottom;

	if (!pic_init(&p, m, run->layout)) {
		pic_free(&p);
		return false;
	}
	fprintf(
	    f,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
	    "width=\"%d\" height=\"%ld\" viewBox=\"0 0 %d %ld\" "
	    "font-family=\"monospace\" font-size=\"11\">\n",
	    SVG_W, p.height, SVG_W, p.height);
	fputs("<title>", f);
	if (p.l) {
		fputs("vaslint map: ", f);
		xml_put(f, p.l->name, 0);
	} else {
		fputs("vaslint map", f);
	}
	fputs("</title>\n", f);
	fputs("<defs>\n<pattern id=\"outside\" width=\"6\" height=\"6\" "
	      "patternUnits=\"userSpaceOnUse\" "
	      "patternTransform=\"rotate(45)\">\n"
	      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000000\" "
	      "stroke-opacity=\"0.35\" stroke-width=\"2\"/>\n"
	      "</pattern>\n</defs>\n",
	      f);
	fprintf(f, "<rect width=\"%d\" height=\"%ld\" fill=\"#ffffff\"/>\n",
		SVG_W, p.height);
	put_header(f, &p);
	put_legend(f, &p);
	if (p.s.n) {
		put_bar(f, &p);
		put_blocks(f, &p);
		put_outside(f, &p);
		put_axis(f, &p);
		put_labels(f, &p);
	}
	bottom = p.bar_bottom;
	if (m->n && p.by_label[m->n - 1]->y > bottom)
		bottom = p.by_label[m->n - 1]->y;
	put_footer(f, &p, bottom + 2 * LABEL_GAP);
	fputs("</svg>\n", f);
	pic_free(&p);
	return !ferror(f);
}
