/* Unit tests for analyzer/wire.c: a scan result (requests and notes)
 * written and read back is the same in every field, including the absent
 * strings, empty strings and every yes/no field; reading it appends to
 * what is there; and every malformed input (cut short at any byte, bytes
 * after the end, an unknown rule or kind, a NUL in a string) is an error
 * that says so, never a crash or a leak (the sanitizer build checks the
 * frees). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rules.h"
#include "wire.h"

/* Two requests as a scan makes them, and one with every field at an
 * extreme: no call, rule or file, an empty name, all flags set. */
static void sample_requests(requests *r)
{
	request a = {.name = "mmap@shadow.c:41",
		     .kind = REQ_MAP,
		     .size = 0x400000,
		     .fixed = true,
		     .at = 0x200000000,
		     .replaces = true,
		     .call = "mmap",
		     .rule = "posix-mmap",
		     .file = "samples/posix/shadow.c",
		     .line = 41,
		     .column = 2};
	request b = {.name = "attach@vmm.cc:49",
		     .kind = REQ_ATTACH,
		     .size_unknown = true,
		     .size_whole = true,
		     .size_why = "size 0: the whole dataspace",
		     .has_offset = true,
		     .offset = 0x1000,
		     .align = 0x200000,
		     .call = "Genode::Region_map::attach",
		     .rule = "genode-attach",
		     .file = "vmm.cc",
		     .line = 49,
		     .column = 12};
	request c = {.name = "",
		     .kind = REQ_IMAGE,
		     .size = UINT64_MAX,
		     .fixed = true,
		     .at = UINT64_MAX - 1,
		     .has_offset = true,
		     .offset = 1,
		     .backing_align = UINT64_C(1) << 63,
		     .align = 4096,
		     .platform = true,
		     .size_unknown = true,
		     .at_unknown = true,
		     .offset_unknown = true,
		     .fixed_maybe = true,
		     .size_why = "",
		     .at_why = "'flags' is assigned in a branch at line 54",
		     .offset_why = "'off' is a parameter",
		     .sym = {NULL, "_ZN6Genode23stack_area_virtual_baseEv", ""},
		     .sym_bits = {0, 32, 64},
		     .reserves = true,
		     .replaces = true,
		     .line = UINT32_MAX,
		     .column = UINT32_MAX};

	assert_true(requests_add(r, &a));
	assert_true(requests_add(r, &b));
	assert_true(requests_add(r, &c));
	assert_true(requests_add_const(
	    r, "_ZN6Genode23stack_area_virtual_baseEv", 0x40000000));
	assert_true(requests_add_const(r, "c:@F@page_size", UINT64_MAX));
}

/* A parse note as a scan makes it, one without a file or place, and one
 * with an object, a region and a related place. */
static void sample_notes(vl_diags *d)
{
	vl_diag *g;

	assert_non_null(vl_diags_add(d, VL_RULE_UNDETERMINED, "vmm.cc", 6, 10,
				     "2 errors while parsing, the first: %s",
				     "'x.h' file not found"));
	assert_non_null(
	    vl_diags_add(d, VL_RULE_UNDETERMINED, NULL, 0, 0, "%s", ""));
	g = vl_diags_add(d, VL_RULE_RESERVED_OVERLAP, "a.ld", 3, 7, "overlap");
	assert_non_null(g);
	g->severity = VL_WARNING;
	assert_true(vl_diag_set_object(g, "request", "guest",
				       (va_range){0x1000, 0x2000}));
	assert_true(vl_diag_set_region(g, "stack-area",
				       (va_range){0x40000000, 0x50000000}));
	assert_true(vl_diag_set_related(g, "layouts/x.yaml", 12, 5));
}

static void assert_str_or_null(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void assert_requests_equal(const requests *x, const requests *y)
{
	assert_int_equal(x->n, y->n);
	for (size_t i = 0; i < x->n; i++) {
		const request *a = &x->v[i], *b = &y->v[i];
		assert_string_equal(a->name, b->name);
		assert_str_or_null(a->call, b->call);
		assert_str_or_null(a->rule, b->rule);
		assert_str_or_null(a->file, b->file);
		assert_int_equal(a->kind, b->kind);
		assert_int_equal(a->size, b->size);
		assert_int_equal(a->at, b->at);
		assert_int_equal(a->offset, b->offset);
		assert_int_equal(a->backing_align, b->backing_align);
		assert_int_equal(a->align, b->align);
		assert_int_equal(a->fixed, b->fixed);
		assert_int_equal(a->has_offset, b->has_offset);
		assert_int_equal(a->platform, b->platform);
		assert_int_equal(a->size_unknown, b->size_unknown);
		assert_int_equal(a->at_unknown, b->at_unknown);
		assert_int_equal(a->offset_unknown, b->offset_unknown);
		assert_int_equal(a->size_whole, b->size_whole);
		assert_int_equal(a->fixed_maybe, b->fixed_maybe);
		assert_str_or_null(a->size_why, b->size_why);
		assert_str_or_null(a->at_why, b->at_why);
		assert_str_or_null(a->offset_why, b->offset_why);
		for (int k = 0; k < REQ_NVALUES; k++) {
			assert_str_or_null(a->sym[k], b->sym[k]);
			assert_int_equal(a->sym_bits[k], b->sym_bits[k]);
		}
		assert_int_equal(a->reserves, b->reserves);
		assert_int_equal(a->replaces, b->replaces);
		assert_int_equal(a->line, b->line);
		assert_int_equal(a->column, b->column);
	}
	assert_int_equal(x->nconsts, y->nconsts);
	for (size_t i = 0; i < x->nconsts; i++) {
		assert_string_equal(x->consts[i].usr, y->consts[i].usr);
		assert_int_equal(x->consts[i].value, y->consts[i].value);
	}
}

static void assert_objects_equal(const vl_object *a, const vl_object *b)
{
	assert_str_or_null(a->kind, b->kind);
	assert_str_or_null(a->name, b->name);
	assert_int_equal(a->range.start, b->range.start);
	assert_int_equal(a->range.end, b->range.end);
}

static void assert_notes_equal(const vl_diags *x, const vl_diags *y)
{
	assert_int_equal(x->n, y->n);
	for (size_t i = 0; i < x->n; i++) {
		const vl_diag *a = &x->v[i], *b = &y->v[i];
		assert_ptr_equal(a->rule, b->rule);
		assert_int_equal(a->severity, b->severity);
		assert_string_equal(a->message, b->message);
		assert_str_or_null(a->file, b->file);
		assert_int_equal(a->line, b->line);
		assert_int_equal(a->column, b->column);
		assert_int_equal(a->has_object, b->has_object);
		if (a->has_object)
			assert_objects_equal(&a->object, &b->object);
		assert_int_equal(a->has_region, b->has_region);
		if (a->has_region)
			assert_objects_equal(&a->region, &b->region);
		assert_str_or_null(a->related_file, b->related_file);
		assert_int_equal(a->related_line, b->related_line);
		assert_int_equal(a->related_column, b->related_column);
	}
}

static void round_trip_keeps_every_field(void **state)
{
	requests r = {0}, r2 = {0};
	vl_diags d = {0}, d2 = {0};
	wire_buf b = {0}, b2 = {0};
	vl_error err = {0};

	(void)state;
	sample_requests(&r);
	sample_notes(&d);
	assert_true(wire_put_scan(&b, &r, &d));
	assert_false(b.oom);
	assert_true(wire_get_scan(b.p, b.n, &r2, &d2, &err));
	assert_null(err.msg);
	assert_requests_equal(&r, &r2);
	assert_notes_equal(&d, &d2);
	/* Written again, the copy gives the very same bytes. */
	assert_true(wire_put_scan(&b2, &r2, &d2));
	assert_int_equal(b.n, b2.n);
	assert_memory_equal(b.p, b2.p, b.n);
	wire_buf_free(&b);
	wire_buf_free(&b2);
	requests_free(&r);
	requests_free(&r2);
	vl_diags_free(&d);
	vl_diags_free(&d2);
}

static void empty_scan_is_twelve_bytes_and_reads_back_empty(void **state)
{
	requests r = {0};
	vl_diags d = {0};
	wire_buf b = {0};
	vl_error err = {0};

	(void)state;
	assert_true(wire_put_scan(&b, &r, &d));
	assert_int_equal(b.n, 12); /* three counts of nothing */
	assert_true(wire_get_scan(b.p, b.n, &r, &d, &err));
	assert_int_equal(r.n, 0);
	assert_int_equal(d.n, 0);
	wire_buf_free(&b);
}

static void reading_appends_to_what_is_there(void **state)
{
	requests r = {0}, out = {0};
	vl_diags d = {0}, notes = {0};
	wire_buf b = {0};
	vl_error err = {0};

	(void)state;
	sample_requests(&r);
	sample_notes(&d);
	assert_true(wire_put_scan(&b, &r, &d));
	assert_true(wire_get_scan(b.p, b.n, &out, &notes, &err));
	assert_true(wire_get_scan(b.p, b.n, &out, &notes, &err));
	assert_int_equal(out.n, 2 * r.n);
	assert_int_equal(notes.n, 2 * d.n);
	assert_string_equal(out.v[r.n].name, r.v[0].name);
	assert_string_equal(notes.v[d.n].message, d.v[0].message);
	/* File names are interned once however often they come. */
	assert_ptr_equal(out.v[0].file, out.v[r.n].file);
	wire_buf_free(&b);
	requests_free(&r);
	requests_free(&out);
	vl_diags_free(&d);
	vl_diags_free(&notes);
}

/* Read bytes that must be refused, with an error naming why. */
static void assert_refused(const uint8_t *p, size_t n, const char *why)
{
	requests r = {0};
	vl_diags d = {0};
	vl_error err = {0};

	assert_false(wire_get_scan(p, n, &r, &d, &err));
	assert_non_null(err.msg);
	assert_non_null(strstr(err.msg, "malformed scan result"));
	assert_non_null(strstr(err.msg, why));
	vl_error_free(&err);
	requests_free(&r);
	vl_diags_free(&d);
}

static void input_cut_short_anywhere_is_refused(void **state)
{
	requests r = {0};
	vl_diags d = {0};
	wire_buf b = {0};

	(void)state;
	sample_requests(&r);
	sample_notes(&d);
	assert_true(wire_put_scan(&b, &r, &d));
	for (size_t n = 0; n < b.n; n++) {
		/* A copy of exactly n bytes, so reading past it shows. */
		uint8_t *cut = malloc(n ? n : 1);
		assert_non_null(cut);
		memcpy(cut, b.p, n);
		assert_refused(n ? cut : NULL, n, "cut short");
		free(cut);
	}
	wire_buf_free(&b);
	requests_free(&r);
	vl_diags_free(&d);
}

static void bytes_after_the_end_are_refused(void **state)
{
	requests r = {0};
	vl_diags d = {0};
	wire_buf b = {0};

	(void)state;
	sample_requests(&r);
	assert_true(wire_put_scan(&b, &r, &d));
	assert_true(wire_put_bytes(&b, "x", 1));
	assert_refused(b.p, b.n, "bytes after the end");
	wire_buf_free(&b);
	requests_free(&r);
}

/* One request or one note, written by hand around one bad field. */
static void put_u32(wire_buf *b, uint32_t v)
{
	uint8_t c[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16),
			(uint8_t)(v >> 24)};

	assert_true(wire_put_bytes(b, c, 4));
}

static void put_str(wire_buf *b, const char *s, size_t n)
{
	put_u32(b, (uint32_t)n);
	assert_true(wire_put_bytes(b, s, n));
}

static void put_request(wire_buf *b, const char *name, size_t name_len,
			unsigned kind)
{
	/* size, at, offset, backing_align, align, line, column; the sub
	 * region map's flags, size, line, column */
	static const uint8_t zeros[5 * 8 + 2 * 4 + 1 + 8 + 2 * 4] = {0};
	uint8_t k = (uint8_t)kind, flags = 0;

	put_u32(b, 1);
	for (int i = 0; i < 3; i++) {
		put_u32(b, UINT32_MAX); /* no function's value */
		assert_true(wire_put_bytes(b, &flags, 1));
	}
	put_str(b, name, name_len);
	put_u32(b, UINT32_MAX); /* call */
	put_u32(b, UINT32_MAX); /* rule */
	put_u32(b, UINT32_MAX); /* file */
	for (int i = 0; i < 3; i++)
		put_u32(b, UINT32_MAX); /* why size, at, offset */
	assert_true(wire_put_bytes(b, &k, 1));
	assert_true(wire_put_bytes(b, &flags, 1));
	assert_true(wire_put_bytes(b, &flags, 1));
	assert_true(wire_put_bytes(b, zeros, sizeof(zeros)));
	put_u32(b, 0); /* no constants */
	put_u32(b, 0); /* no notes */
}

static void put_note(wire_buf *b, const char *rule, unsigned severity)
{
	uint8_t sev = (uint8_t)severity, has = 0;

	put_u32(b, 0); /* no requests */
	put_u32(b, 0); /* no constants */
	put_u32(b, 1);
	put_str(b, rule, strlen(rule));
	assert_true(wire_put_bytes(b, &sev, 1));
	put_u32(b, UINT32_MAX); /* file */
	put_u32(b, 0);
	put_u32(b, 0);
	put_str(b, "m", 1);
	assert_true(wire_put_bytes(b, &has, 1));
}

static void bad_fields_are_refused_with_their_cause(void **state)
{
	wire_buf b = {0};

	(void)state;
	put_request(&b, "ok", 2, REQ_IMAGE);
	{
		requests r = {0};
		vl_diags d = {0};
		vl_error err = {0};
		assert_true(wire_get_scan(b.p, b.n, &r, &d, &err));
		assert_int_equal(r.n, 1);
		requests_free(&r);
	}
	b.n = 0;
	put_request(&b, "ok", 2, REQ_IMAGE + 1);
	assert_refused(b.p, b.n, "unknown request kind");
	b.n = 0;
	put_request(&b, "a\0b", 3, REQ_MAP);
	assert_refused(b.p, b.n, "NUL inside a string");
	b.n = 0;
	put_u32(&b, 1);
	for (int i = 0; i < 3; i++) {
		put_u32(&b, UINT32_MAX);
		assert_true(wire_put_bytes(&b, "", 1));
	}
	put_u32(&b, UINT32_MAX); /* a request without a name */
	for (int i = 0; i < 6; i++)
		put_u32(&b, UINT32_MAX);
	assert_true(wire_put_bytes(&b, "\0\0\0", 3));
	for (int i = 0; i < 12; i++)
		put_u32(&b, 0);
	/* no sub region map: flags, size, line, column */
	assert_true(wire_put_bytes(&b, "\0", 1));
	for (int i = 0; i < 4; i++)
		put_u32(&b, 0);
	put_u32(&b, 0);
	assert_refused(b.p, b.n, "without a name");
	b.n = 0;
	put_note(&b, "no-such-rule", VL_NOTE);
	assert_refused(b.p, b.n, "unknown rule");
	b.n = 0;
	put_note(&b, "undetermined", VL_ERROR + 1);
	assert_refused(b.p, b.n, "without a severity");
	b.n = 0;
	put_note(&b, "undetermined", VL_ERROR);
	{
		requests r = {0};
		vl_diags d = {0};
		vl_error err = {0};
		assert_true(wire_get_scan(b.p, b.n, &r, &d, &err));
		assert_int_equal(d.n, 1);
		assert_int_equal(d.v[0].severity, VL_ERROR);
		assert_ptr_equal(d.v[0].rule, VL_RULE_UNDETERMINED);
		vl_diags_free(&d);
	}
	/* A length that claims more than there is. */
	b.n = 0;
	put_u32(&b, 1);
	put_u32(&b, UINT32_MAX - 1);
	assert_refused(b.p, b.n, "cut short");
	wire_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(round_trip_keeps_every_field),
	    cmocka_unit_test(empty_scan_is_twelve_bytes_and_reads_back_empty),
	    cmocka_unit_test(reading_appends_to_what_is_there),
	    cmocka_unit_test(input_cut_short_anywhere_is_refused),
	    cmocka_unit_test(bytes_after_the_end_are_refused),
	    cmocka_unit_test(bad_fields_are_refused_with_their_cause),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
