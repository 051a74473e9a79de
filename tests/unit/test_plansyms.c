/* Unit tests for analyzer/plansyms.c: the identifiers a plan's names
 * become in the C header and the linker-script fragment, in the order they
 * are written, and the input errors when two come out the same (naming
 * both, with file:line) or a name makes none. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plansyms.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static void ident_is(const char *name, const char *want)
{
	char *got = plansyms_ident(name);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void names_become_upper_case_identifiers(void **state)
{
	(void)state;
	ident_is("guest-shadow", "GUEST_SHADOW");
	ident_is("dma", "DMA");
	ident_is("vmm64.default", "VMM64_DEFAULT");
	ident_is("2nd", "_2ND");
	ident_is("a\x1b[2J\xff", "A__2J_");
	ident_is("", "");
}

static layout_param params[] = {
    {.name = "GUEST_RAM",
     .value = 0x10000000,
     .loc = {"layouts/t.yaml", 20, 3}},
};

static layout_region regions[] = {
    {.name = "stack-area",
     .range = {0x40000000, 0x50000000},
     .loc = {"layouts/t.yaml", 30, 5}},
};

static layout test_layout(void)
{
	return (layout){.name = "t-x86_32",
			.path = "layouts/t.yaml",
			.params = params,
			.nparams = ARRAY_SIZE(params),
			.regions = regions,
			.nregions = ARRAY_SIZE(regions)};
}

static request req(const char *name, unsigned line)
{
	return (request){.name = (char *)name,
			 .size = 0x1000,
			 .file = "r.yaml",
			 .line = line,
			 .column = 5};
}

/* A plan of the given requests, each at 0x1000 times its index + 1. */
static plan plan_of(request *v, size_t n)
{
	plan p = {.v = calloc(n, sizeof(placement)), .n = n};

	assert_non_null(p.v);
	for (size_t i = 0; i < n; i++)
		p.v[i] = (placement){.req = &v[i], .start = 0x1000 * (i + 1)};
	return p;
}

static void header_symbols_come_in_the_order_written(void **state)
{
	request v[] = {req("dma", 2), req("2nd", 3)};
	plan p = plan_of(v, ARRAY_SIZE(v));
	layout l = test_layout();
	plansyms s;
	vl_error err = {0};
	static const char *const want[] = {"VASLINT_PLAN_T_X86_32_H",
					   "VASLINT_GUEST_RAM",
					   "DMA_START",
					   "DMA_SIZE",
					   "_2ND_START",
					   "_2ND_SIZE"};

	(void)state;
	assert_true(plansyms_make(&p, &l, true, &s, &err));
	assert_int_equal(s.n, ARRAY_SIZE(want));
	for (size_t i = 0; i < s.n; i++)
		assert_string_equal(s.v[i].name, want[i]);
	assert_int_equal(s.v[1].value, 0x10000000);
	assert_int_equal(s.v[4].value, 0x2000);
	assert_int_equal(s.v[5].value, 0x1000);
	plansyms_free(&s);
	free(p.v);
}

static void fragment_has_image_base_and_no_parameters(void **state)
{
	request v[] = {req("dma", 2), req("vmm", 0)};
	plan p = plan_of(v, ARRAY_SIZE(v));
	layout l = test_layout();
	plansyms s;
	vl_error err = {0};

	(void)state;
	v[1].kind = REQ_IMAGE;
	assert_true(plansyms_make(&p, &l, false, &s, &err));
	assert_int_equal(s.n, 5);
	assert_string_equal(s.v[0].name, "DMA_START");
	assert_string_equal(s.v[4].name, "IMAGE_BASE");
	assert_int_equal(s.v[4].value, 0x2000);
	plansyms_free(&s);
	free(p.v);
}

static void same_identifier_from_two_requests_names_both(void **state)
{
	request v[] = {req("ok-name", 2), req("ok_name", 3)};
	plan p = plan_of(v, ARRAY_SIZE(v));
	layout l = test_layout();
	plansyms s;
	vl_error err = {0};

	(void)state;
	assert_false(plansyms_make(&p, &l, true, &s, &err));
	assert_null(s.v);
	/* reported at the later one */
	assert_string_equal(err.file, "r.yaml");
	assert_int_equal(err.line, 3);
	assert_string_equal(
	    err.msg, "OK_NAME_START would be defined twice in the C header: "
		     "by request 'ok-name' (r.yaml:2:5) and by request "
		     "'ok_name' (r.yaml:3:5); rename one of them");
	vl_error_free(&err);
	free(p.v);
}

static void request_named_like_a_region_names_the_layout_line(void **state)
{
	request v[] = {req("stack-area", 0), req("stack_area", 4)};
	plan p = plan_of(v, ARRAY_SIZE(v));
	layout l = test_layout();
	plansyms s;
	vl_error err = {0};

	(void)state;
	v[0] = (request){.name = "stack-area",
			 .kind = REQ_RESERVE,
			 .fixed = true,
			 .platform = true};
	assert_false(plansyms_make(&p, &l, false, &s, &err));
	assert_string_equal(err.file, "r.yaml");
	assert_int_equal(err.line, 4);
	assert_non_null(strstr(err.msg, "STACK_AREA_START would be defined "
					"twice in the linker-script fragment"));
	assert_non_null(strstr(err.msg, "region 'stack-area' of layout "
					"t-x86_32 (layouts/t.yaml:30:5)"));
	assert_non_null(strstr(err.msg, "request 'stack_area' (r.yaml:4:5)"));
	vl_error_free(&err);
	free(p.v);
}

static void two_images_would_set_image_base_twice(void **state)
{
	request v[] = {req("a", 0), req("b", 0)};
	plan p = plan_of(v, ARRAY_SIZE(v));
	layout l = test_layout();
	plansyms s;
	vl_error err = {0};

	(void)state;
	v[0].kind = v[1].kind = REQ_IMAGE;
	v[0].file = "dir/a";
	v[1].file = "dir/b";
	/* the header has no IMAGE_BASE */
	assert_true(plansyms_make(&p, &l, true, &s, &err));
	plansyms_free(&s);
	assert_false(plansyms_make(&p, &l, false, &s, &err));
	assert_string_equal(err.file, "dir/b");
	assert_int_equal(err.line, 0);
	assert_string_equal(err.msg,
			    "IMAGE_BASE would be defined twice in the "
			    "linker-script fragment: by image 'a' (dir/a) and "
			    "by image 'b' (dir/b); give plan one image for -f "
			    "ld");
	vl_error_free(&err);
	free(p.v);
}

static void parameter_and_request_can_collide_in_the_header(void **state)
{
	layout_param ps[] = {{.name = "X_START", .loc = {"l.yaml", 7, 3}}};
	request v[] = {req("vaslint-x", 2)};
	plan p = plan_of(v, ARRAY_SIZE(v));
	layout l = test_layout();
	plansyms s;
	vl_error err = {0};

	(void)state;
	l.params = ps;
	l.nparams = 1;
	assert_false(plansyms_make(&p, &l, true, &s, &err));
	assert_string_equal(err.msg,
			    "VASLINT_X_START would be defined twice in the C "
			    "header: by parameter X_START of layout t-x86_32 "
			    "(l.yaml:7:3) and by request 'vaslint-x' "
			    "(r.yaml:2:5); rename one of them");
	vl_error_free(&err);
	/* the fragment has no parameters */
	assert_true(plansyms_make(&p, &l, false, &s, &err));
	plansyms_free(&s);
	free(p.v);
}

static void empty_name_is_an_error(void **state)
{
	request v[] = {req("", 6)};
	plan p = plan_of(v, ARRAY_SIZE(v));
	layout l = test_layout();
	plansyms s;
	vl_error err = {0};

	(void)state;
	assert_false(plansyms_make(&p, &l, false, &s, &err));
	assert_string_equal(err.file, "r.yaml");
	assert_int_equal(err.line, 6);
	assert_string_equal(err.msg,
			    "request '' (r.yaml:6:5): an empty name makes no "
			    "identifier for the linker-script fragment");
	vl_error_free(&err);
	free(p.v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(names_become_upper_case_identifiers),
	    cmocka_unit_test(header_symbols_come_in_the_order_written),
	    cmocka_unit_test(fragment_has_image_base_and_no_parameters),
	    cmocka_unit_test(same_identifier_from_two_requests_names_both),
	    cmocka_unit_test(request_named_like_a_region_names_the_layout_line),
	    cmocka_unit_test(two_images_would_set_image_base_twice),
	    cmocka_unit_test(parameter_and_request_can_collide_in_the_header),
	    cmocka_unit_test(empty_name_is_an_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
