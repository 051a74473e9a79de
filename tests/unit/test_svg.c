/* Unit tests for analyzer/report/svg.c and the bar column of
 * report_map_text: the picture is well-formed XML with every name escaped,
 * the piecewise-log scale keeps a page and a 3 GiB hole visible, conflicts
 * are red, nested ranges stay visible, labels do not overlap, the output is
 * the same byte for byte, and addresses at 2^32 and the top of 2^64 work. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report.h"
#include "report/svg.h"

#define U64(x) UINT64_C(x)
#define KIB(x) (U64(x) << 10)
#define MIB(x) (U64(x) << 20)
#define GIB(x) (U64(x) << 30)

static void add(map_ranges *m, const char *kind, const char *name,
		uint64_t start, uint64_t end)
{
	assert_true(map_add(m, kind, name, (va_range){start, end}, NULL, 0, 0));
}

/* The whole output of one writer call, NUL-terminated. */
static char *render(bool (*w)(FILE *, const map_ranges *, const report_run *),
		    const map_ranges *m, const layout *l)
{
	report_run run = {l, false, NULL, NULL};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_true(w(f, m, &run));
	assert_int_equal(fclose(f), 0);
	assert_non_null(buf);
	assert_int_equal(strlen(buf), len);
	return buf;
}

static char *svg(const map_ranges *m, const layout *l)
{
	return render(report_map_svg, m, l);
}

/* A layout as layout_load would give it, built by hand. */
static layout_param nova_params[] = {
    {.name = "GUEST_RAM", .value = MIB(256)},
    {.name = "STACK_AREA", .value = U64(0x40000000)},
};

static layout nova_layout(void)
{
	return (layout){
	    .name = "genode-nova-x86_32",
	    .address_space = {U64(0x1000), U64(0xc0000000)},
	    .params = nova_params,
	    .nparams = 2,
	};
}

/* Like genode-nova-x86_32 with GUEST_RAM=256M and a program linked into
 * the guest shadow. */
static void nova_map(map_ranges *m)
{
	add(m, "region", "guest-shadow", 0, MIB(256));
	add(m, "region", "stack-area", U64(0x40000000), U64(0x50000000));
	add(m, "segment", "vmm segment 0 (R-X)", U64(0xbf800000),
	    U64(0xbf804000));
	add(m, "segment", "vmm segment 1 (RW-)", U64(0xbf804000),
	    U64(0xbf815000));
	add(m, "request", "dma-page", U64(0x60000000), U64(0x60001000));
	add(m, "segment", "early segment 0 (R-X)", MIB(96), MIB(96) + KIB(64));
	m->v[m->n - 1].conflict = true;
	add(m, "free", "free", MIB(256), U64(0x40000000));
	add(m, "free", "free", U64(0x50000000), U64(0x60000000));
	add(m, "free", "free", U64(0x60001000), U64(0xbf800000));
	add(m, "free", "free", U64(0xbf815000), U64(0xc0000000));
	add(m, "symbol", "_start", U64(0xbf800040), U64(0xbf800040));
	assert_true(map_note(m, "size of .bss", "depends on input sections",
			     NULL, 0, 0));
	map_sort(m);
}

/* ---- A small XML checker: enough to prove well-formedness of what the
 * writer emits (prolog, elements, attributes, text, entities). ---- */

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' ||
	       c == '.';
}

/* An entity reference at s ('&'): its length, 0 when not a valid one. */
static size_t entity_len(const char *s)
{
	static const char *const ok[] = {"&amp;", "&lt;", "&gt;", "&quot;",
					 "&apos;"};

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (!strncmp(s, ok[i], strlen(ok[i])))
			return strlen(ok[i]);
	return 0;
}

/* Valid UTF-8 without the characters XML 1.0 forbids. */
static bool utf8_valid_xml(const unsigned char *s)
{
	while (*s) {
		unsigned c = *s, n;
		uint32_t cp;

		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return false;
			s++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, cp = c & 0x07;
		else
			return false;
		for (unsigned k = 1; k <= n; k++) {
			if ((s[k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe ||
		    cp == 0xffff)
			return false;
		s += n + 1;
	}
	return true;
}

/* Well-formed: one root element, every tag closed in order, attributes
 * quoted and distinct characters escaped in text and values.  Returns a
 * description of the first fault, or NULL. */
static const char *xml_fault(const char *s)
{
	const char *stack[64];
	size_t depth = 0, roots = 0;

	if (!utf8_valid_xml((const unsigned char *)s))
		return "not valid UTF-8 / XML characters";
	if (!strncmp(s, "<?xml ", 6)) {
		s = strstr(s, "?>");
		if (!s)
			return "unterminated prolog";
		s += 2;
	}
	while (*s) {
		if (*s == '&') {
			size_t n = entity_len(s);
			if (!n)
				return "bare & in text";
			s += n;
			continue;
		}
		if (*s == '>')
			return "unescaped > in text";
		if (*s != '<') {
			if (!depth && *s != '\n' && *s != ' ')
				return "text outside the root";
			s++;
			continue;
		}
		if (!strncmp(s, "<!--", 4)) {
			s = strstr(s, "-->");
			if (!s)
				return "unterminated comment";
			s += 3;
			continue;
		}
		if (s[1] == '/') {
			const char *name = s + 2;
			size_t n = 0;
			while (is_name_char(name[n]))
				n++;
			if (!n || name[n] != '>')
				return "bad closing tag";
			if (!depth || strncmp(stack[depth - 1], name, n) ||
			    is_name_char(stack[depth - 1][n]))
				return "closing tag does not match";
			depth--;
			s = name + n + 1;
			continue;
		}
		const char *name = s + 1;
		size_t n = 0;
		while (is_name_char(name[n]))
			n++;
		if (!n)
			return "< in text";
		s = name + n;
		for (;;) {
			while (*s == ' ' || *s == '\n')
				s++;
			if (*s == '>' || !strncmp(s, "/>", 2))
				break;
			size_t an = 0;
			while (is_name_char(s[an]))
				an++;
			if (!an || s[an] != '=' || s[an + 1] != '"')
				return "bad attribute";
			s += an + 2;
			while (*s && *s != '"') {
				if (*s == '<')
					return "< in attribute";
				if (*s == '&') {
					size_t en = entity_len(s);
					if (!en)
						return "bare & in attribute";
					s += en;
				} else {
					s++;
				}
			}
			if (!*s)
				return "unterminated attribute";
			s++;
		}
		if (!depth)
			roots++;
		if (*s == '>') {
			if (depth == sizeof(stack) / sizeof(stack[0]))
				return "too deep";
			stack[depth++] = name;
			s++;
		} else {
			s += 2;
		}
	}
	if (depth)
		return "unclosed element";
	if (roots != 1)
		return "not exactly one root element";
	return NULL;
}

static void assert_well_formed(const char *doc)
{
	const char *fault = xml_fault(doc);

	if (fault)
		fail_msg("not well-formed XML: %s", fault);
	/* A second opinion when libxml2's checker happens to be there. */
	if (access("/usr/bin/xmllint", X_OK) == 0) {
		FILE *p = popen("/usr/bin/xmllint --noout --nonet - 2>&1", "w");
		assert_non_null(p);
		fputs(doc, p);
		assert_int_equal(pclose(p), 0);
	}
}

/* The value of attribute attr in the element with id="id". */
static long attr_of(const char *doc, const char *id, const char *attr)
{
	char key[64], akey[64];
	const char *e, *end, *a;

	snprintf(key, sizeof(key), "id=\"%s\"", id);
	snprintf(akey, sizeof(akey), " %s=\"", attr);
	e = strstr(doc, key);
	if (!e)
		fail_msg("no element %s", id);
	end = strchr(e, '>');
	a = strstr(e, akey);
	if (!a || a > end)
		fail_msg("element %s has no %s", id, attr);
	return strtol(a + strlen(akey), NULL, 10);
}

/* The text of attribute attr in element id, for colours. */
static bool attr_is(const char *doc, const char *id, const char *attr,
		    const char *value)
{
	char key[64], want[128];
	const char *e = NULL, *end;

	snprintf(key, sizeof(key), "id=\"%s\"", id);
	snprintf(want, sizeof(want), " %s=\"%s\"", attr, value);
	e = strstr(doc, key);
	if (!e)
		return false;
	end = strchr(e, '>');
	e = strstr(e, want);
	return e && e < end;
}

static size_t find_range(const map_ranges *m, const char *name)
{
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->v[i].name, name))
			return i;
	fail_msg("no range %s", name);
	return 0;
}

static char *range_id(char buf[32], const char *prefix, size_t i)
{
	snprintf(buf, 32, "%s-%zu", prefix, i);
	return buf;
}

static void svg_is_well_formed_with_names_escaped(void **state)
{
	map_ranges m = {0};
	layout l = nova_layout();
	char *doc;

	(void)state;
	l.name = "lay<out> & \"co's\"";
	nova_map(&m);
	add(&m, "region", "a&b <c> \"d\" 'e'", GIB(2), GIB(2) + KIB(4));
	add(&m, "section", ".text&<]]>", GIB(1), GIB(1) + KIB(8));
	/* A user's file can hold anything: bad UTF-8, control characters. */
	add(&m, "segment", "bad\xff\xc0utf8\x01\x1b[0m", GIB(3) - MIB(4),
	    GIB(3) - MIB(3));
	add(&m, "request", "gr\xc3\xbc\xc3\x9f \xe2\x86\x92 ok", MIB(512),
	    MIB(513));
	/* Newlines and C1 controls are escaped as in the text output; U+FFFE
	 * is valid UTF-8 that XML does not allow. */
	add(&m, "request", "two\nlines\xc2\x9b\xef\xbf\xbe", MIB(600),
	    MIB(601));
	map_sort(&m);
	doc = svg(&m, &l);
	assert_well_formed(doc);
	assert_non_null(
	    strstr(doc, "a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos;"));
	assert_non_null(strstr(doc, ".text&amp;&lt;]]&gt;"));
	assert_non_null(
	    strstr(doc, "lay&lt;out&gt; &amp; &quot;co&apos;s&quot;"));
	assert_non_null(strstr(doc, "bad\\xff\\xc0utf8\\x01\\x1b[0m"));
	assert_non_null(strstr(doc, "two\\nlines\\xc2\\x9b?"));
	assert_null(strstr(doc, "\x1b"));
	assert_null(strstr(doc, "\xef\xbf\xbe"));
	assert_non_null(strstr(doc, "gr\xc3\xbc\xc3\x9f \xe2\x86\x92 ok"));
	assert_null(strstr(doc, "a&b"));
	/* Every range's name appears, escaped, in its tooltip at least. */
	for (size_t i = 0; i < m.n; i++) {
		const char *n = m.v[i].name;
		if (!strcmp(n, "free") || strpbrk(n, "&<>\"'\x01\xff\n"))
			continue;
		assert_non_null(strstr(doc, n));
	}
	assert_null(strstr(doc, "<script"));
	assert_null(strstr(doc, "href"));
	free(doc);
	map_free(&m);
}

static void page_and_3gib_hole_are_both_visible(void **state)
{
	map_ranges m = {0};
	map_scale s;
	char *doc, id[32];
	size_t page, hole;

	(void)state;
	add(&m, "request", "page", GIB(3), GIB(3) + KIB(4));
	add(&m, "free", "hole", 0, GIB(3));
	map_sort(&m);
	assert_true(map_scale_init(&s, &m, NULL));
	assert_int_equal(s.n, 3);
	/* 12 px for a page, 12 + 3 * log2(3 GiB / 4 KiB) = 71 for 3 GiB. */
	assert_int_equal(map_scale_pos(&s, GIB(3)), 71);
	assert_int_equal(
	    map_scale_pos(&s, GIB(3) + KIB(4)) - map_scale_pos(&s, GIB(3)), 12);
	assert_int_equal(map_scale_height(&s), 83);
	map_scale_free(&s);
	assert_int_equal(map_scale_interval(1), 12);
	assert_int_equal(map_scale_interval(KIB(4)), 12);
	assert_int_equal(map_scale_interval(KIB(8)), 15);
	assert_int_equal(map_scale_interval(UINT64_MAX), 12 + 3 * 52);

	doc = svg(&m, NULL);
	assert_well_formed(doc);
	page = find_range(&m, "page");
	hole = find_range(&m, "hole");
	assert_true(attr_of(doc, range_id(id, "range", page), "height") >= 8);
	assert_int_equal(attr_of(doc, range_id(id, "range", page), "height"),
			 12);
	assert_int_equal(attr_of(doc, range_id(id, "range", hole), "height"),
			 71);
	/* The page sits right on top of the hole: lower address lower. */
	assert_int_equal(attr_of(doc, range_id(id, "range", page), "y") + 12,
			 attr_of(doc, range_id(id, "range", hole), "y"));
	free(doc);
	map_free(&m);
}

static void conflicts_are_red(void **state)
{
	map_ranges m = {0};
	layout l = nova_layout();
	char *doc, id[32];
	size_t bad, good;

	(void)state;
	nova_map(&m);
	doc = svg(&m, &l);
	bad = find_range(&m, "early segment 0 (R-X)");
	good = find_range(&m, "vmm segment 0 (R-X)");
	assert_true(
	    attr_is(doc, range_id(id, "range", bad), "stroke", "#d7191c"));
	assert_true(
	    attr_is(doc, range_id(id, "label", bad), "fill", "#d7191c"));
	assert_false(
	    attr_is(doc, range_id(id, "range", good), "stroke", "#d7191c"));
	assert_false(
	    attr_is(doc, range_id(id, "label", good), "fill", "#d7191c"));
	free(doc);
	map_free(&m);
}

static void nested_range_is_narrower_and_offset_right(void **state)
{
	map_ranges m = {0};
	layout l = nova_layout();
	char *doc, id[32];
	size_t outer, inner;

	(void)state;
	nova_map(&m);
	outer = find_range(&m, "guest-shadow");
	inner = find_range(&m, "early segment 0 (R-X)");
	doc = svg(&m, &l);
	assert_true(attr_of(doc, range_id(id, "range", inner), "x") >
		    attr_of(doc, range_id(id, "range", outer), "x"));
	assert_true(attr_of(doc, range_id(id, "range", inner), "width") <
		    attr_of(doc, range_id(id, "range", outer), "width"));
	/* Same right edge: the inner block covers only part of the outer. */
	assert_int_equal(
	    attr_of(doc, range_id(id, "range", inner), "x") +
		attr_of(doc, range_id(id, "range", inner), "width"),
	    attr_of(doc, range_id(id, "range", outer), "x") +
		attr_of(doc, range_id(id, "range", outer), "width"));
	/* Ranges side by side, not nested, keep the full width. */
	assert_int_equal(
	    attr_of(doc, range_id(id, "range", find_range(&m, "stack-area")),
		    "x"),
	    attr_of(doc, range_id(id, "range", outer), "x"));
	free(doc);
	map_free(&m);
}

static void labels_are_pushed_apart_in_address_order(void **state)
{
	map_ranges m = {0};
	char *doc, id[32], name[32];
	long prev = 0;

	(void)state;
	/* Twenty pages in a row: 12 px each, labels need 14. */
	for (unsigned i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "page%u", i);
		add(&m, "segment", name, GIB(1) + i * KIB(4),
		    GIB(1) + (i + 1) * KIB(4));
	}
	map_sort(&m);
	doc = svg(&m, NULL);
	assert_well_formed(doc);
	/* The highest address is at the top, so y grows with the index
	 * falling; neighbours at least 14 px apart. */
	for (unsigned i = 20; i-- > 0;) {
		long y = attr_of(doc, range_id(id, "label", i), "y");
		if (i < 19)
			assert_true(y - prev >= 14);
		prev = y;
	}
	free(doc);
	map_free(&m);
}

static void output_is_identical_across_calls(void **state)
{
	map_ranges m = {0};
	layout l = nova_layout();
	char *a, *b;

	(void)state;
	nova_map(&m);
	a = svg(&m, &l);
	b = svg(&m, &l);
	assert_string_equal(a, b);
	free(a);
	free(b);
	a = render(report_map_text, &m, &l);
	b = render(report_map_text, &m, &l);
	assert_string_equal(a, b);
	free(a);
	free(b);
	map_free(&m);
}

static void ranges_at_4g_and_top_of_64bit_space(void **state)
{
	map_ranges m = {0};
	map_scale s;
	char *doc, id[32];
	const uint64_t top = UINT64_MAX - KIB(4) + 1; /* 2^64 - 4 KiB */

	(void)state;
	add(&m, "segment", "below-4g", U64(0xfffff000), U64(0x100000000));
	add(&m, "segment", "above-4g", U64(0x100000000), U64(0x100001000));
	add(&m, "region", "kernel", top - KIB(4), top);
	/* A range never ends at 2^64: the last page is one byte short. */
	add(&m, "region", "last", top, UINT64_MAX);
	add(&m, "symbol", "at-top", UINT64_MAX, UINT64_MAX);
	map_sort(&m);
	assert_true(map_scale_init(&s, &m, NULL));
	assert_int_equal(s.at[0], U64(0xfffff000));
	assert_int_equal(s.at[s.n - 1], UINT64_MAX);
	for (size_t i = 1; i < s.n; i++)
		assert_true(s.pos[i] - s.pos[i - 1] >= MAP_SCALE_BASE);
	assert_int_equal(map_scale_pos(&s, U64(0x100000000)), 12);
	assert_int_equal(map_scale_pos(&s, UINT64_MAX), map_scale_height(&s));
	map_scale_free(&s);

	doc = svg(&m, NULL);
	assert_well_formed(doc);
	assert_non_null(strstr(doc, ">0x100000000<"));
	assert_non_null(strstr(doc, ">0xffffffffffffe000<"));
	assert_non_null(strstr(doc, ">0xfffffffffffff000<"));
	assert_non_null(strstr(doc, ">0xffffffffffffffff<"));
	for (size_t i = 0; i < m.n; i++)
		if (strcmp(m.v[i].kind, "symbol"))
			assert_true(attr_of(doc, range_id(id, "range", i),
					    "height") >= 8);
	free(doc);

	/* A single symbol at the very top still gets a bar below it. */
	map_free(&m);
	add(&m, "symbol", "lonely", UINT64_MAX, UINT64_MAX);
	assert_true(map_scale_init(&s, &m, NULL));
	assert_int_equal(s.n, 2);
	assert_int_equal(s.at[0], UINT64_MAX - KIB(4));
	map_scale_free(&s);
	doc = svg(&m, NULL);
	assert_well_formed(doc);
	free(doc);
	map_free(&m);
}

static void empty_map_is_still_a_picture(void **state)
{
	map_ranges m = {0};
	layout l = nova_layout();
	char *doc;

	(void)state;
	doc = svg(&m, NULL);
	assert_well_formed(doc);
	assert_non_null(strstr(doc, "no layout"));
	free(doc);
	doc = svg(&m, &l);
	assert_well_formed(doc);
	assert_non_null(strstr(doc, ">0xc0000000<"));
	free(doc);
}

static void outside_address_space_is_hatched(void **state)
{
	map_ranges m = {0};
	layout l = nova_layout();
	char *doc;

	(void)state;
	nova_map(&m);
	doc = svg(&m, &l);
	/* guest-shadow starts at 0, below the address space's 0x1000. */
	assert_non_null(strstr(doc, "fill=\"url(#outside)\"/>\n"));
	assert_non_null(strstr(doc, ">0x0<"));
	assert_non_null(strstr(doc, "GUEST_RAM=0x10000000"));
	free(doc);
	map_free(&m);
}

/* The line of the text table that ends with name. */
static const char *text_line(const char *doc, const char *name, char *buf,
			     size_t size)
{
	for (const char *l = doc; *l;) {
		const char *e = strchr(l, '\n');
		size_t n = e ? (size_t)(e - l) : strlen(l);
		size_t k = strlen(name);
		if (n > k && !strncmp(l + n - k, name, k) &&
		    l[n - k - 1] == ' ') {
			assert_true(n < size);
			memcpy(buf, l, n);
			buf[n] = '\0';
			return buf;
		}
		l += e ? n + 1 : n;
	}
	fail_msg("no line for %s", name);
	return NULL;
}

static void text_table_has_a_bar_column(void **state)
{
	map_ranges m = {0};
	char *doc, line[256];

	(void)state;
	/* Heights: hole 71 + page 12 = 83 units over 24 columns. */
	add(&m, "free", "hole", 0, GIB(3));
	add(&m, "request", "page", GIB(3), GIB(3) + KIB(4));
	m.v[1].conflict = true;
	add(&m, "symbol", "sym", GIB(3), GIB(3));
	assert_true(
	    map_note(&m, "size of .bss", "depends on input", NULL, 0, 0));
	map_sort(&m);
	doc = render(report_map_text, &m, NULL);
	assert_string_equal(text_line(doc, "hole", line, sizeof(line)),
			    "               0x0         0xc0000000  3 GiB      "
			    "free     #####################...  hole");
	assert_string_equal(text_line(doc, "page", line, sizeof(line)),
			    "        0xc0000000         0xc0001000  4 KiB      "
			    "request  ....................XXXX  page");
	assert_string_equal(text_line(doc, "sym", line, sizeof(line)),
			    "        0xc0000000         0xc0000000  0 bytes    "
			    "symbol   ....................#...  sym");
	/* The notes stay last. */
	assert_non_null(strstr(doc, "  page\nnot determined: size of .bss: "
				    "depends on input\n"));
	free(doc);
	map_free(&m);
}

/* With VASLINT_SVG_SAMPLE=FILE, the genode-like picture goes to FILE (for
 * a person to look at, or to render to PNG). */
static void genode_like_sample_renders(void **state)
{
	map_ranges m = {0};
	layout l = nova_layout();
	const char *out = getenv("VASLINT_SVG_SAMPLE");
	char *doc;

	(void)state;
	nova_map(&m);
	doc = svg(&m, &l);
	assert_well_formed(doc);
	if (out) {
		FILE *f = fopen(out, "w");
		assert_non_null(f);
		fputs(doc, f);
		assert_int_equal(fclose(f), 0);
	}
	free(doc);
	map_free(&m);
}

/* Proof that renderers take it: rsvg-convert (librsvg2-bin) makes a PNG
 * when it is installed; skipped otherwise. */
static void svg_renders_to_png_with_rsvg(void **state)
{
	map_ranges m = {0};
	layout l = nova_layout();
	char svgpath[] = "/tmp/vaslint-test-svg-XXXXXX", cmd[256];
	unsigned char sig[8];
	char *doc;
	FILE *f;
	int fd;

	(void)state;
	if (access("/usr/bin/rsvg-convert", X_OK) != 0) {
		skip();
		return;
	}
	nova_map(&m);
	doc = svg(&m, &l);
	fd = mkstemp(svgpath);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(doc, f);
	assert_int_equal(fclose(f), 0);
	snprintf(cmd, sizeof(cmd), "/usr/bin/rsvg-convert %s", svgpath);
	f = popen(cmd, "r");
	assert_non_null(f);
	assert_int_equal(fread(sig, 1, 8, f), 8);
	while (fgetc(f) != EOF)
		;
	assert_int_equal(pclose(f), 0);
	assert_memory_equal(sig, "\x89PNG\r\n\x1a\n", 8);
	unlink(svgpath);
	free(doc);
	map_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(svg_is_well_formed_with_names_escaped),
	    cmocka_unit_test(page_and_3gib_hole_are_both_visible),
	    cmocka_unit_test(conflicts_are_red),
	    cmocka_unit_test(nested_range_is_narrower_and_offset_right),
	    cmocka_unit_test(labels_are_pushed_apart_in_address_order),
	    cmocka_unit_test(output_is_identical_across_calls),
	    cmocka_unit_test(ranges_at_4g_and_top_of_64bit_space),
	    cmocka_unit_test(empty_map_is_still_a_picture),
	    cmocka_unit_test(outside_address_space_is_hatched),
	    cmocka_unit_test(text_table_has_a_bar_column),
	    cmocka_unit_test(genode_like_sample_renders),
	    cmocka_unit_test(svg_renders_to_png_with_rsvg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
