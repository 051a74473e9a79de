/* Unit tests for analyzer/source.c and analyzer/apirules.c: the requests
 * the shipped rule sets find in samples/ (names, kinds, sizes, addresses,
 * offsets, unknowns, places), the same output for any worker count, the
 * parse-error note, one note for a parse that crashes or runs out of
 * memory, compilation databases with relative paths, a bogus
 * clang resource directory, and malformed rule sets.  The samples are
 * read from $VASLINT_ROOT (the tree's root; "." without it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apirules.h"
#include "clangapi.h"
#include "rules.h"
#include "source.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static api_rules shipped;
static char root[PATH_MAX];
static char tmp[PATH_MAX]; /* a folder of this run's own files */

/* ---- Helpers --------------------------------------------------------------
 */

static const char *path_in(char *buf, const char *base, const char *rel)
{
	int n = snprintf(buf, PATH_MAX, "%s/%s", base, rel);

	assert_true(n > 0 && n < PATH_MAX);
	return buf;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
	const char *r = getenv("VASLINT_ROOT");
	char path[PATH_MAX];
	vl_error err = {0};

	(void)state;
	/* Absolute, so that a database written here can name it. */
	if (!realpath(r && *r ? r : ".", root))
		return -1;
	snprintf(tmp, sizeof(tmp), "/tmp/vaslint-test-source-XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	if (!api_rules_load(path_in(path, root, "rules/genode.yaml"), &shipped,
			    &err) ||
	    !api_rules_load(path_in(path, root, "rules/posix.yaml"), &shipped,
			    &err)) {
		fprintf(stderr, "%s:%u:%u: %s\n", err.file, err.line,
			err.column, err.msg);
		return -1;
	}
	vl_error_free(&err);
	return 0;
}

static int teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	api_rules_free(&shipped);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	return system(cmd) == 0 ? 0 : -1;
}

static source_opts opts(unsigned jobs)
{
	source_opts o = {.rules = &shipped, .jobs = jobs};

	return o;
}

/* Scan, failing the test with the error if the scan fails. */
static void scan(const source_opts *o, char **files, size_t n, requests *out,
		 vl_diags *notes)
{
	vl_error err = {0};

	if (!source_scan(o, files, n, out, notes, &err))
		fail_msg("%s:%u:%u: %s", err.file, err.line, err.column,
			 err.msg);
	vl_error_free(&err);
}

static void hex(char *buf, size_t len, bool unknown, uint64_t v)
{
	if (unknown)
		snprintf(buf, len, "?");
	else
		snprintf(buf, len, "0x%llx", (unsigned long long)v);
}

/* A request in one line: name rule kind line:col size= [at= [fixed=?]]
 * [offset=] [align=] [reserves] [replaces]; "?" for an unknown value,
 * "whole" for a size of 0 that is the whole dataspace, fixed=? where it
 * is not known whether the request is fixed. */
static void describe(const request *q, char *buf, size_t len)
{
	char s[32], a[32], o[32];
	int n;

	hex(s, sizeof(s), q->size_unknown, q->size);
	if (q->size_whole)
		snprintf(s, sizeof(s), "whole");
	hex(a, sizeof(a), q->at_unknown, q->at);
	hex(o, sizeof(o), q->offset_unknown, q->offset);
	n = snprintf(buf, len, "%s %s %s %u:%u size=%s", q->name, q->rule,
		     req_kind_name(q->kind), q->line, q->column, s);
	if (q->fixed)
		n += snprintf(buf + n, len - (size_t)n, " at=%s%s", a,
			      q->fixed_maybe ? " fixed=?" : "");
	if (q->has_offset)
		n += snprintf(buf + n, len - (size_t)n, " offset=%s", o);
	if (q->align)
		n += snprintf(buf + n, len - (size_t)n, " align=0x%llx",
			      (unsigned long long)q->align);
	if (q->reserves)
		n += snprintf(buf + n, len - (size_t)n, " reserves");
	if (q->replaces)
		n += snprintf(buf + n, len - (size_t)n, " replaces");
	if (q->in_sub) {
		hex(s, sizeof(s), q->sub_size_unknown, q->sub_size);
		snprintf(buf + n, len - (size_t)n, " in=%s@%u:%u", s,
			 q->sub_line, q->sub_column);
	}
}

static void expect_requests(const requests *r, const char *file,
			    const char *const *want, size_t n)
{
	char got[2 * PATH_MAX];

	for (size_t i = 0; i < r->n && i < n; i++) {
		describe(&r->v[i], got, sizeof(got));
		assert_string_equal(got, want[i]);
		assert_string_equal(r->v[i].file, file);
	}
	assert_int_equal(r->n, n);
}

static void scan_sample(const char *rel, requests *out, vl_diags *notes,
			char *path)
{
	source_opts o = opts(1);
	char *files[] = {(char *)path_in(path, root, rel)};

	scan(&o, files, 1, out, notes);
}

/* Scan one sample that parses cleanly: exactly the requests want, no
 * notes.  r keeps the requests for more assertions; the caller frees. */
static void expect_clean_sample(const char *rel, const char *const *want,
				size_t n, requests *r)
{
	vl_diags notes = {0};
	char path[PATH_MAX];

	scan_sample(rel, r, &notes, path);
	expect_requests(r, path, want, n);
	assert_int_equal(notes.n, 0);
	vl_diags_free(&notes);
}

/* ---- Genode samples ---------------------------------------------------------
 */

static void genode_before_2024_requests_with_values_and_places(void **state)
{
	static const char *const want[] = {
	    "alloc@vmm_memory.cc:31 genode-ram-alloc allocate 31:43 "
	    "size=0x401000",
	    "alloc@vmm_memory.cc:35 genode-ram-alloc allocate 35:46 "
	    "size=0x4000000",
	    "attach_at@vmm_memory.cc:38 genode-attach-at attach 38:12 "
	    "size=0x100000 at=0x40000000 offset=0x0",
	    "attach_at@vmm_memory.cc:42 genode-attach-at attach 42:12 "
	    "size=0x400000 at=0x20001000 offset=0x0",
	    "attach@vmm_memory.cc:46 genode-attach attach 46:12 "
	    "size=0x4000000 at=0x10000000 offset=0x0",
	    /* size 0 by default: the whole dataspace */
	    "attach@vmm_memory.cc:49 genode-attach attach 49:12 size=whole "
	    "offset=0x0",
	    "attach@vmm_memory.cc:52 genode-attach attach 52:12 size=? "
	    "offset=0x0",
	    "attach_executable@vmm_memory.cc:59 genode-attach-executable "
	    "attach 59:12 size=0x200000 at=0x30000000 offset=0x1000",
	    "Attached_ram_dataspace@vmm_memory.cc:66 "
	    "genode-attached-ram-dataspace allocate 66:32 size=0x800000",
	    "create@vmm_memory.cc:70 genode-rm-create reserve 70:5 "
	    "size=0x4000000 reserves",
	};
	requests r = {0};

	(void)state;
	expect_clean_sample("samples/genode/vmm_memory.cc", want,
			    ARRAY_SIZE(want), &r);
	/* The callee as called; the rule matched the method it overrides. */
	assert_string_equal(r.v[9].call, "Genode::Rm_connection::create");
	assert_string_equal(r.v[8].call, "Genode::Attached_ram_dataspace::"
					 "Attached_ram_dataspace");
	assert_string_equal(r.v[0].call, "Genode::Ram_allocator::alloc");
	requests_free(&r);
}

static void
genode_since_2024_attr_fields_designated_positional_const(void **state)
{
	static const char *const want[] = {
	    "attach@attach_attr.cc:17 genode-attach-attr attach 17:6 "
	    "size=0x100000 at=0x40000000 offset=0x0",
	    "attach@attach_attr.cc:25 genode-attach-attr attach 25:6 "
	    "size=0x800000 offset=0x0",
	    /* omitted fields are zero: the whole dataspace, not fixed */
	    "attach@attach_attr.cc:29 genode-attach-attr attach 29:6 "
	    "size=whole offset=0x2000",
	    "attach@attach_attr.cc:32 genode-attach-attr attach 32:6 size=? "
	    "at=0x401000 offset=0x0",
	    "attach@attach_attr.cc:46 genode-attach-attr attach 46:6 "
	    "size=0x800000 at=0x20000000 offset=0x0",
	};
	requests r = {0};

	(void)state;
	expect_clean_sample("samples/genode/attach_attr.cc", want,
			    ARRAY_SIZE(want), &r);
	requests_free(&r);
}

static void
parse_errors_give_one_note_and_resolved_calls_still_count(void **state)
{
	static const char *const want[] = {
	    "attach_at@missing_include.cc:12 genode-attach-at attach 12:11 "
	    "size=0x400000 at=0x8000000 offset=0x0",
	};
	requests r = {0};
	vl_diags notes = {0};
	char path[PATH_MAX], msg[PATH_MAX + 256];

	(void)state;
	scan_sample("samples/genode/missing_include.cc", &r, &notes, path);
	expect_requests(&r, path, want, ARRAY_SIZE(want));
	/* The header not found is a warning of its own at the #include,
	 * then the note that sums up the errors. */
	assert_int_equal(notes.n, 2);
	assert_ptr_equal(notes.v[0].rule, VL_RULE_MISSING_HEADER);
	assert_int_equal(notes.v[0].severity, VL_WARNING);
	assert_string_equal(notes.v[0].file, path);
	assert_int_equal(notes.v[0].line, 6);
	assert_int_equal(notes.v[0].column, 10);
	assert_string_equal(notes.v[0].message,
			    "header 'vmm/guest_memory.h' not found: calls that "
			    "need its declarations are not checked; give its "
			    "folder with -I (in compile_commands.json, after "
			    "--, or with --extra-arg=-IDIR)");
	assert_ptr_equal(notes.v[1].rule, VL_RULE_UNDETERMINED);
	assert_int_equal(notes.v[1].severity, VL_NOTE);
	assert_string_equal(notes.v[1].file, path);
	assert_int_equal(notes.v[1].line, 6);
	assert_int_equal(notes.v[1].column, 10);
	snprintf(msg, sizeof(msg),
		 "2 errors while parsing, the first: %s:6:10: "
		 "'vmm/guest_memory.h' file not found; calls that did resolve "
		 "are still checked",
		 path);
	assert_string_equal(notes.v[1].message, msg);
	requests_free(&r);
	vl_diags_free(&notes);
}

/* ---- POSIX samples ----------------------------------------------------------
 */

static void
posix_mmap_reservation_fixed_inside_outside_and_unknowns(void **state)
{
	static const char *const want[] = {
	    "mmap@shadow.c:28 posix-mmap reserve 28:17 size=0x40000000 "
	    "at=0x100000000 offset=0x0 reserves",
	    "mmap@shadow.c:34 posix-mmap map 34:2 size=0x200000 "
	    "at=0x100200000 offset=0x0 replaces",
	    /* the whole call in a macro: where the macro is used */
	    "mmap@shadow.c:38 posix-mmap map 38:2 size=0x200000 "
	    "at=0x13fe00000 offset=0x0 replaces",
	    "mmap@shadow.c:41 posix-mmap map 41:2 size=0x400000 "
	    "at=0x200000000 offset=0x0 replaces",
	    /* a hint without MAP_FIXED: not fixed */
	    "mmap@shadow.c:45 posix-mmap map 45:2 size=0x601000 offset=0x0",
	    "mmap@shadow.c:49 posix-mmap map 49:2 size=? offset=0x0",
	    /* flags not constant: whether it is fixed is not known */
	    "mmap@shadow.c:55 posix-mmap map 55:2 size=0x200000 at=? "
	    "fixed=? offset=0x0",
	};
	requests r = {0};

	(void)state;
	expect_clean_sample("samples/posix/shadow.c", want, ARRAY_SIZE(want),
			    &r);
	assert_string_equal(r.v[0].call, "mmap");
	requests_free(&r);
}

static void posix_aligned_allocations_shmat_and_mremap(void **state)
{
	static const char *const want[] = {
	    "posix_memalign@alloc.c:17 posix-memalign allocate 17:6 "
	    "size=0x800000 align=0x200000",
	    "aligned_alloc@alloc.c:19 c11-aligned-alloc allocate 19:12 "
	    "size=0x3000 align=0x1000",
	    "memalign@alloc.c:20 memalign allocate 20:12 size=0x201000 "
	    "align=0x200000",
	    /* the segment's size is shmget's: unknown here */
	    "shmat@alloc.c:24 posix-shmat attach 24:12 size=? "
	    "at=0x500000000 replaces",
	    "shmat@alloc.c:25 posix-shmat attach 25:12 size=?",
	    "mremap@alloc.c:28 linux-mremap map 28:12 size=0x1000000 "
	    "at=0x600000000 replaces",
	    "mremap@alloc.c:30 linux-mremap map 30:12 size=0x4000",
	};
	requests r = {0};

	(void)state;
	expect_clean_sample("samples/posix/alloc.c", want, ARRAY_SIZE(want),
			    &r);
	requests_free(&r);
}

/* ---- Values that flow (samples/flow) ----------------------------------------
 */

/* Why each value of request k is unknown: NULL where none is said. */
static void expect_whys(const requests *r, size_t k, const char *size,
			const char *at, const char *offset)
{
	const request *q = &r->v[k];

	if (size)
		assert_string_equal(q->size_why, size);
	else
		assert_null(q->size_why);
	if (at)
		assert_string_equal(q->at_why, at);
	else
		assert_null(q->at_why);
	if (offset)
		assert_string_equal(q->offset_why, offset);
	else
		assert_null(q->offset_why);
}

static void
flow_genode_attr_by_member_assignment_helpers_and_branch(void **state)
{
	static const char *const want[] = {
	    /* member by member, at from a helper returning a constant */
	    "attach@genode_flow.cc:40 genode-attach-attr attach 40:6 "
	    "size=0x100000 at=0x40000000 offset=0x0",
	    /* Attr fb = framebuffer_attr(); */
	    "attach@genode_flow.cc:44 genode-attach-attr attach 44:6 "
	    "size=0x800000 at=0x20000000 offset=0x0",
	    /* 4 * page, then <<= 10 */
	    "attach@genode_flow.cc:53 genode-attach-attr attach 53:6 "
	    "size=0x1000000 offset=0x0",
	    "attach@genode_flow.cc:59 genode-attach-attr attach 59:6 size=? "
	    "offset=0x0",
	    /* fixed_at(0x30000000, n): at bound, size the caller's */
	    "attach@genode_flow.cc:68 genode-attach-attr attach 68:6 size=? "
	    "at=0x30000000 offset=0x0",
	    "attach@genode_flow.cc:72 genode-attach-attr attach 72:6 "
	    "size=whole offset=0x0",
	};
	requests r = {0};

	(void)state;
	expect_clean_sample("samples/flow/genode_flow.cc", want,
			    ARRAY_SIZE(want), &r);
	expect_whys(&r, 0, NULL, NULL, NULL);
	expect_whys(&r, 3, "'size' is assigned in a branch at line 58", NULL,
		    NULL);
	expect_whys(&r, 4,
		    "what 'fixed_at' returns is not known: 'n' is a "
		    "parameter: its value comes from the caller",
		    NULL, NULL);
	expect_whys(&r, 5,
		    "size 0: the whole dataspace, whose size the call does "
		    "not show",
		    NULL, NULL);
	assert_true(r.v[5].size_whole && r.v[5].size_unknown);
	assert_false(r.v[3].size_whole);
	requests_free(&r);
}

static void flow_posix_locals_compound_branch_loop_escape_switch(void **state)
{
	static const char *const want[] = {
	    "mmap@posix_flow.c:29 posix-mmap map 29:2 size=0x4000 "
	    "offset=0x0",
	    /* len *= 256, base += huge_page(), flags |= MAP_FIXED */
	    "mmap@posix_flow.c:35 posix-mmap map 35:2 size=0x400000 "
	    "at=0x200200000 offset=0x0 replaces",
	    "mmap@posix_flow.c:41 posix-mmap map 41:2 size=? offset=0x0",
	    /* inside the branch that assigned it */
	    "mmap@posix_flow.c:46 posix-mmap map 46:3 size=0x1000 "
	    "offset=0x0",
	    "mmap@posix_flow.c:53 posix-mmap map 53:3 size=? offset=0x0",
	    "mmap@posix_flow.c:60 posix-mmap map 60:2 size=? offset=0x0",
	    /* scaled(4): n bound to 4 */
	    "mmap@posix_flow.c:63 posix-mmap map 63:2 size=0x4000 "
	    "offset=0x0",
	    "mmap@posix_flow.c:72 posix-mmap map 72:3 size=? offset=0x0",
	    "mmap@posix_flow.c:78 posix-mmap map 78:2 size=? offset=0x0",
	    "mmap@posix_flow.c:81 posix-mmap map 81:2 size=? offset=0x0",
	};
	requests r = {0};

	(void)state;
	expect_clean_sample("samples/flow/posix_flow.c", want, ARRAY_SIZE(want),
			    &r);
	expect_whys(&r, 1, NULL, NULL, NULL);
	expect_whys(&r, 2, "'chunk' is assigned in a branch at line 40", NULL,
		    NULL);
	expect_whys(&r, 4, "'step' is assigned later in the loop, at line 54",
		    NULL, NULL);
	expect_whys(&r, 5,
		    "'filled' may change behind the code: its address is "
		    "taken at line 59",
		    NULL, NULL);
	expect_whys(&r, 7,
		    "'sz' is assigned at line 69 and a jump target lies "
		    "between it and the use",
		    NULL, NULL);
	expect_whys(&r, 8, "'v' is volatile", NULL, NULL);
	expect_whys(&r, 9,
		    "'by_asm' may change behind the code: an asm statement "
		    "uses it at line 80",
		    NULL, NULL);
	requests_free(&r);
}

static void flow_corners_copies_references_lambdas_statics(void **state)
{
	static const char *const want[] = {
	    /* an enum and a constexpr function from a namespace */
	    "attach@corners.cc:34 genode-attach-attr attach 34:6 "
	    "size=0x4000000 at=0x10000000 offset=0x0",
	    /* Attr h = g; h.size = 0x2000; */
	    "attach@corners.cc:40 genode-attach-attr attach 40:6 "
	    "size=0x2000 at=0x10000000 offset=0x0",
	    "attach@corners.cc:45 genode-attach-attr attach 45:6 size=? at=? "
	    "fixed=? offset=?",
	    "attach@corners.cc:48 genode-attach-attr attach 48:6 size=? "
	    "offset=0x0",
	    "attach@corners.cc:58 genode-attach-attr attach 58:6 "
	    "size=0x3000 offset=0x0",
	    /* c.size = n; c.size += 0x1000; */
	    "attach@corners.cc:69 genode-attach-attr attach 69:6 "
	    "size=0x4000 offset=0x0",
	    "attach@corners.cc:74 genode-attach-attr attach 74:7 size=? "
	    "offset=0x0",
	    "attach@corners.cc:86 genode-attach-attr attach 86:6 "
	    "size=0x7000 offset=0x0",
	    /* the generic lambda, reported at its closure's call, from
	     * the instantiation that call makes */
	    "attach@corners.cc:104 genode-attach-attr attach 104:3 "
	    "size=0x8000 offset=0x0",
	    /* a static Attr filled before the use, its offset changed
	     * after it */
	    "attach@corners.cc:113 genode-attach-attr attach 113:6 "
	    "size=0x9000 at=0x38000000 offset=?",
	    /* a virtual method */
	    "attach@corners.cc:118 genode-attach-attr attach 118:6 size=? "
	    "offset=0x0",
	    "attach@corners.cc:131 genode-attach-attr attach 131:6 "
	    "size=0x1000 at=? fixed=? offset=0x0",
	};
	requests r = {0};

	(void)state;
	expect_clean_sample("samples/flow/corners.cc", want, ARRAY_SIZE(want),
			    &r);
	expect_whys(&r, 2,
		    "'t.size' may change behind the code: passed by "
		    "non-const reference at line 44",
		    "'t.use_at' may change behind the code: passed by "
		    "non-const reference at line 44",
		    "'t.offset' may change behind the code: passed by "
		    "non-const reference at line 44");
	assert_true(r.v[2].fixed_maybe);
	expect_whys(&r, 3,
		    "'configured' is not initialized by every constructor",
		    NULL, NULL);
	expect_whys(&r, 6, "'later' is used in a lambda and changed at line 81",
		    NULL, NULL);
	expect_whys(&r, 9, NULL, NULL,
		    "'st.offset' is static and changed at line 114");
	expect_whys(&r, 10,
		    "'page' is virtual: which override runs is not known", NULL,
		    NULL);
	expect_whys(&r, 11, NULL,
		    "'m.use_at' is assigned in a branch at line 130", NULL);
	assert_true(r.v[11].fixed && r.v[11].fixed_maybe && r.v[11].at_unknown);
	requests_free(&r);
}

static void flow_jumps_gotos_references_increments(void **state)
{
	static const char *const want[] = {
	    /* a local of the lambda itself */
	    "mmap@jumps.cc:18 posix-mmap map 18:3 size=0x2000 offset=0x0",
	    "mmap@jumps.cc:25 posix-mmap map 25:2 size=? offset=0x0",
	    "mmap@jumps.cc:32 posix-mmap map 32:2 size=? offset=0x0",
	    /* h = k = 0x5000, after the goto's loop */
	    "mmap@jumps.cc:38 posix-mmap map 38:2 size=0x5000 offset=0x0",
	    /* k++, then k */
	    "mmap@jumps.cc:41 posix-mmap map 41:2 size=0x5000 offset=0x0",
	    "mmap@jumps.cc:42 posix-mmap map 42:2 size=0x5001 offset=0x0",
	    "mmap@jumps.cc:50 posix-mmap map 50:2 size=? offset=0x0",
	    "mmap@jumps.cc:56 posix-mmap map 56:2 size=? offset=0x0",
	};
	requests r = {0};

	(void)state;
	expect_clean_sample("samples/flow/jumps.cc", want, ARRAY_SIZE(want),
			    &r);
	expect_whys(&r, 1,
		    "'g' is assigned at line 26, and a goto jumps back over "
		    "the use",
		    NULL, NULL);
	expect_whys(&r, 2,
		    "'g' may change behind the code: bound to a non-const "
		    "reference at line 31",
		    NULL, NULL);
	expect_whys(&r, 6,
		    "'s' is assigned at line 48 and a jump target lies "
		    "between it and the use",
		    NULL, NULL);
	expect_whys(&r, 7,
		    "'m' is changed at line 55: an operator in a macro writes "
		    "it",
		    NULL, NULL);
	requests_free(&r);
}

static void
flow_constant_from_another_file_resolves_after_the_scan(void **state)
{
	static const char *const alone[] = {
	    "attach@thread.cc:18 genode-attach-attr attach 18:5 size=0x100000 "
	    "at=? offset=0x0",
	    "attach@thread.cc:21 genode-attach-attr attach 21:5 size=? "
	    "offset=0x0",
	};
	static const char *const both[] = {
	    /* stack_area_virtual_base() + 1 MiB */
	    "attach@thread.cc:18 genode-attach-attr attach 18:5 size=0x100000 "
	    "at=0x40100000 offset=0x0",
	    "attach@thread.cc:21 genode-attach-attr attach 21:5 "
	    "size=0x10000000 offset=0x0",
	};
	char user[PATH_MAX], def[PATH_MAX];
	char *files[] = {
	    (char *)path_in(user, root, "samples/flow/cross/thread.cc"),
	    (char *)path_in(def, root, "samples/flow/cross/stack_area.cc")};
	requests r = {0};
	vl_diags notes = {0};

	(void)state;
	for (unsigned jobs = 1; jobs <= 2; jobs++) {
		source_opts o = opts(jobs);
		scan(&o, files, 1, &r, &notes);
		expect_requests(&r, user, alone, ARRAY_SIZE(alone));
		expect_whys(&r, 0, NULL,
			    "'stack_area_virtual_base' is not defined in this "
			    "file, nor in the other files scanned",
			    NULL);
		expect_whys(&r, 1,
			    "'stack_area_virtual_size' is not defined in this "
			    "file, nor in the other files scanned",
			    NULL, NULL);
		assert_null(r.v[0].sym[REQ_AT]);
		requests_free(&r);
		scan(&o, files, 2, &r, &notes);
		expect_requests(&r, user, both, ARRAY_SIZE(both));
		expect_whys(&r, 0, NULL, NULL, NULL);
		expect_whys(&r, 1, NULL, NULL, NULL);
		assert_int_equal(notes.n, 0);
		requests_free(&r);
	}
	vl_diags_free(&notes);
}

static void flow_file_statics_unchanged_or_unknown_with_the_line(void **state)
{
	static const char *const want[] = {
	    "mmap@statics.c:36 posix-mmap map 36:2 size=0x4000 offset=0x0",
	    "mmap@statics.c:37 posix-mmap map 37:2 size=0x200000 "
	    "offset=0x0",
	    "mmap@statics.c:39 posix-mmap map 39:2 size=? offset=0x0",
	    "mmap@statics.c:41 posix-mmap map 41:2 size=? offset=0x0",
	    "mmap@statics.c:43 posix-mmap map 43:2 size=0x400000 "
	    "at=0x7000000000 offset=0x0 replaces",
	    "mmap@statics.c:45 posix-mmap map 45:2 size=? offset=0x0",
	    "mmap@statics.c:46 posix-mmap map 46:2 size=? offset=0x0",
	    /* a tentative declaration, then the definition */
	    "mmap@statics.c:54 posix-mmap map 54:2 size=0x5000 offset=0x0",
	};
	requests r = {0};

	(void)state;
	expect_clean_sample("samples/flow/statics.c", want, ARRAY_SIZE(want),
			    &r);
	expect_whys(&r, 2,
		    "'grown' is a static of this file that line 28 may change",
		    NULL, NULL);
	expect_whys(&r, 3,
		    "'pointed' is a static of this file that line 23 may "
		    "change",
		    NULL, NULL);
	expect_whys(&r, 5,
		    "'moved' is a static of this file that line 29 may change",
		    NULL, NULL);
	expect_whys(&r, 6,
		    "'exported' is a variable outside the function that is "
		    "not const",
		    NULL, NULL);
	requests_free(&r);
}

/* ---- Evaluation corners
 * ------------------------------------------------------ */

static void
corners_default_pointer_const_pointer_nullptr_macros_headers(void **state)
{
	char dir[PATH_MAX], hdr[PATH_MAX], src[PATH_MAX], text[PATH_MAX + 2048];
	char genode[PATH_MAX], real[PATH_MAX];
	requests r = {0};
	vl_diags notes = {0};
	source_opts o = opts(1);

	(void)state;
	path_in(dir, tmp, "corners");
	assert_int_equal(mkdir(dir, 0700), 0);
	path_in(hdr, dir, "corners.h");
	path_in(src, dir, "corners.cc");
	assert_non_null(
	    realpath(path_in(genode, root, "samples/genode/genode.h"), real));
	write_file(hdr, "#include <stddef.h>\n"
			"#include <sys/mman.h>\n"
			"static inline void *header_map(void)\n"
			"{\n"
			"\treturn mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, -1, "
			"0);\n"
			"}\n");
	snprintf(
	    text, sizeof(text),
	    "#include \"corners.h\"\n"
	    "#include \"%s\"\n"
	    "using namespace Genode;\n"
	    "static void *const BASE = (void *)0x40000000;\n"
	    "enum class Size : unsigned long { LARGE = 4ul << 20 };\n"
	    "#define TWICE(a, s) (mmap(a, s, PROT_READ, MAP_PRIVATE | "
	    "MAP_FIXED, -1, 0), mmap(a, s, PROT_READ, MAP_PRIVATE | "
	    "MAP_FIXED, -1, 0))\n"
	    "template <typename T> constexpr T pages(T n) { return n * 4096; "
	    "}\n"
	    "void corners(Region_map &rm, Dataspace_capability ds, int prot, "
	    "size_t n)\n"
	    "{\n"
	    "\trm.attach(ds, 0x1000, 0, true);\n"
	    "\t::mmap(BASE, static_cast<size_t>(Size::LARGE), PROT_NONE, "
	    "MAP_PRIVATE | MAP_FIXED_NOREPLACE, -1, 0);\n"
	    "\tmmap(nullptr, pages<size_t>(3), prot, MAP_PRIVATE, -1, 0);\n"
	    "\tTWICE(reinterpret_cast<void *>(0x50000000), 0x2000);\n"
	    "\tmmap(0, n, 1, 2, -1, (off_t)-4096); mmap(0, 1, 1, 2, -1, 0);\n"
	    "\theader_map();\n"
	    "}\n",
	    real);
	write_file(src, text);
	char *files[] = {src};
	scan(&o, files, 1, &r, &notes);
	assert_int_equal(notes.n, 0);
	const char *const want[] = {
	    /* local_addr left to its default, (void *)0 */
	    "attach@corners.cc:10 genode-attach attach 10:5 size=0x1000 "
	    "at=0x0 offset=0x0",
	    /* a constant pointer variable, an enum class, extern "C" */
	    "mmap@corners.cc:11 posix-mmap reserve 11:2 size=0x400000 "
	    "at=0x40000000 offset=0x0 reserves",
	    /* prot not constant: it might reserve, so it counts as one */
	    "mmap@corners.cc:12 posix-mmap map 12:2 size=0x3000 offset=0x0 "
	    "reserves",
	    NULL, /* two calls from one macro: the same place */
	    NULL,
	    NULL, /* two calls on one line */
	    NULL,
	};
	char name[4][PATH_MAX + 256];
	snprintf(name[0], sizeof(name[0]),
		 "mmap@%s:13:2 posix-mmap map 13:2 size=0x2000 at=0x50000000 "
		 "offset=0x0 replaces",
		 src);
	snprintf(name[1], sizeof(name[1]),
		 "mmap@%s:13:2#2 posix-mmap map 13:2 size=0x2000 "
		 "at=0x50000000 offset=0x0 replaces",
		 src);
	snprintf(name[2], sizeof(name[2]),
		 "mmap@%s:14:2 posix-mmap map 14:2 size=? "
		 "offset=0xfffffffffffff000",
		 src);
	snprintf(name[3], sizeof(name[3]),
		 "mmap@%s:14:38 posix-mmap map 14:38 size=0x1 offset=0x0", src);
	const char *full[ARRAY_SIZE(want)];
	for (size_t i = 0; i < ARRAY_SIZE(want); i++)
		full[i] = want[i] ? want[i] : name[i - 3];
	/* header_map's mmap is in the header: not reported here */
	expect_requests(&r, src, full, ARRAY_SIZE(full));
	requests_free(&r);
	vl_diags_free(&notes);
}

static void
struct_fields_defaults_bitfields_elision_and_c_literals(void **state)
{
	char yaml[PATH_MAX], cc[PATH_MAX], c[PATH_MAX];
	api_rules rules = {0};
	vl_error err = {0};
	requests r = {0};
	vl_diags notes = {0};
	source_opts o = {.rules = &rules, .jobs = 1};

	(void)state;
	write_file(path_in(yaml, tmp, "fields.yaml"),
		   "- id: place\n  call: place\n  kind: attach\n"
		   "  fields: {arg: 0, size: size, address: at, fixed: fixed, "
		   "offset: offset}\n"
		   "- id: place2\n  call: place2\n  kind: attach\n"
		   "  fields: {arg: 0, size: size}\n");
	assert_true(api_rules_load(yaml, &rules, &err));
	write_file(path_in(cc, tmp, "fields.cc"),
		   "struct Attr { unsigned long size = 0x3000; unsigned long "
		   "at; unsigned fixed : 1; unsigned long offset = 0x1000; };\n"
		   "struct Outer { struct { int a, b; } s; unsigned long size; "
		   "};\n"
		   "void place(Attr const &a);\n"
		   "void place2(Outer const &o);\n"
		   "void f()\n"
		   "{\n"
		   "\tplace({.at = 0x1000, .fixed = 1});\n"
		   "\tplace({.at = 0x2000});\n"
		   "\tplace2({1, 2, 0x5000});\n"
		   "\tplace2({{1, 2}, 0x5000});\n"
		   "}\n");
	write_file(path_in(c, tmp, "fields.c"),
		   "struct attr { unsigned long size, at; int fixed; long "
		   "offset; };\n"
		   "void place(struct attr a);\n"
		   "void f(void)\n"
		   "{\n"
		   "\tplace((struct attr){.size = 4096, .at = 0x2000, .fixed = "
		   "1, .offset = -1});\n"
		   "}\n");
	char *files[] = {cc, c};
	scan(&o, files, 2, &r, &notes);
	assert_int_equal(notes.n, 0);
	assert_int_equal(r.n, 5);
	const char *const want[] = {
	    /* a compound literal in C; offset -1 in a long */
	    "place@fields.c:5 place attach 5:2 size=0x1000 at=0x2000 "
	    "offset=0xffffffffffffffff",
	    /* left out: the member initializers */
	    "place@fields.cc:7 place attach 7:2 size=0x3000 at=0x1000 "
	    "offset=0x1000",
	    /* a bit-field left out is 0, not its width */
	    "place@fields.cc:8 place attach 8:2 size=0x3000 offset=0x1000",
	    /* braces left out: the elements are not the fields in order */
	    "place2@fields.cc:9 place2 attach 9:2 size=?",
	    "place2@fields.cc:10 place2 attach 10:2 size=0x5000",
	};
	char got[2 * PATH_MAX];
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		describe(&r.v[i], got, sizeof(got));
		assert_string_equal(got, want[i]);
	}
	requests_free(&r);
	vl_diags_free(&notes);
	api_rules_free(&rules);
	vl_error_free(&err);
}

/* ---- Workers, databases, errors
 * ------------------------------------------------ */

static void
any_worker_count_gives_the_same_requests_in_the_same_order(void **state)
{
	static const char *const rel[] = {
	    "samples/posix/shadow.c",
	    "samples/genode/vmm_memory.cc",
	    "samples/posix/alloc.c",
	    "samples/genode/attach_attr.cc",
	    "samples/genode/missing_include.cc",
	};
	char paths[ARRAY_SIZE(rel)][PATH_MAX];
	char *files[ARRAY_SIZE(rel)];
	requests r1 = {0}, r4 = {0};
	vl_diags n1 = {0}, n4 = {0};
	source_opts o1 = opts(1), o4 = opts(4);
	char a[2 * PATH_MAX], b[2 * PATH_MAX];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(rel); i++)
		files[i] = (char *)path_in(paths[i], root, rel[i]);
	scan(&o1, files, ARRAY_SIZE(files), &r1, &n1);
	scan(&o4, files, ARRAY_SIZE(files), &r4, &n4);
	assert_int_equal(r1.n, 30);
	assert_int_equal(r1.n, r4.n);
	for (size_t i = 0; i < r1.n; i++) {
		describe(&r1.v[i], a, sizeof(a));
		describe(&r4.v[i], b, sizeof(b));
		assert_string_equal(a, b);
		assert_string_equal(r1.v[i].file, r4.v[i].file);
		assert_string_equal(r1.v[i].call, r4.v[i].call);
		/* sorted by file, then line and column */
		if (i) {
			int c = strcmp(r1.v[i - 1].file, r1.v[i].file);
			assert_true(c < 0 ||
				    (c == 0 &&
				     (r1.v[i - 1].line < r1.v[i].line ||
				      (r1.v[i - 1].line == r1.v[i].line &&
				       r1.v[i - 1].column <= r1.v[i].column))));
		}
	}
	/* missing_include.cc: its header not found, and its errors. */
	assert_int_equal(n1.n, 2);
	assert_int_equal(n4.n, 2);
	assert_string_equal(n1.v[0].message, n4.v[0].message);
	assert_string_equal(n1.v[1].message, n4.v[1].message);
	requests_free(&r1);
	requests_free(&r4);
	vl_diags_free(&n1);
	vl_diags_free(&n4);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcmp(s + a - b, suffix);
}

static void gen_compdb(char *dir)
{
	char cmd[3 * PATH_MAX];

	path_in(dir, tmp, "db");
	mkdir(dir, 0700);
	snprintf(cmd, sizeof(cmd), "sh '%s/samples/compdb/gen-compdb.sh' '%s'",
		 root, dir);
	assert_int_equal(system(cmd), 0);
}

static void
compdb_relative_paths_flags_and_no_working_directory_change(void **state)
{
	char dir[PATH_MAX], before[PATH_MAX], after[PATH_MAX], dep[PATH_MAX];
	requests r = {0};
	vl_diags notes = {0};
	source_opts o = opts(2);
	char got[2 * PATH_MAX];

	(void)state;
	gen_compdb(dir);
	o.compdb_dir = dir;
	assert_non_null(getcwd(before, sizeof(before)));
	scan(&o, NULL, 0, &r, &notes);
	assert_non_null(getcwd(after, sizeof(after)));
	assert_string_equal(before, after);
	assert_int_equal(notes.n, 0);
	assert_int_equal(r.n, 2);
	/* SHADOW_BASE from -D, GUEST_RAM from include/ through -Iinclude */
	describe(&r.v[0], got, sizeof(got));
	assert_string_equal(got, "mmap@guest.c:13 posix-mmap reserve 13:9 "
				 "size=0x10000000 at=0x100000000 "
				 "offset=0x0 reserves");
	assert_true(ends_with(r.v[0].file, "samples/compdb/src/guest.c"));
	/* VCPUS=4 from "arguments", layout.h through "-I include" */
	describe(&r.v[1], got, sizeof(got));
	assert_string_equal(got, "mmap@vcpu.c:10 posix-mmap map 10:9 "
				 "size=0x40000 offset=0x0");
	assert_true(ends_with(r.v[1].file, "samples/compdb/src/vcpu.c"));
	/* -MMD -MF build/guest.d wrote nothing, here or there */
	assert_int_equal(access("build/guest.d", F_OK), -1);
	assert_int_equal(
	    access(path_in(dep, root, "samples/compdb/build/guest.d"), F_OK),
	    -1);
	requests_free(&r);
	vl_diags_free(&notes);
}

static void compdb_given_file_uses_its_entry_or_notes_its_absence(void **state)
{
	char dir[PATH_MAX], guest[PATH_MAX], alloc[PATH_MAX], msg[2 * PATH_MAX];
	requests r = {0};
	vl_diags notes = {0};
	source_opts o = opts(1);

	(void)state;
	gen_compdb(dir);
	o.compdb_dir = dir;
	char *files[] = {
	    (char *)path_in(guest, root, "samples/compdb/src/guest.c"),
	    (char *)path_in(alloc, root, "samples/posix/alloc.c")};
	scan(&o, files, 2, &r, &notes);
	assert_int_equal(r.n, 8);
	assert_string_equal(r.v[0].file, guest);
	assert_int_equal(r.v[0].at, 0x100000000);
	assert_string_equal(r.v[1].file, alloc);
	assert_int_equal(notes.n, 1);
	assert_string_equal(notes.v[0].file, alloc);
	snprintf(msg, sizeof(msg),
		 "not in %s/compile_commands.json: parsed with -x c and no "
		 "other flags",
		 dir);
	assert_string_equal(notes.v[0].message, msg);
	requests_free(&r);
	vl_diags_free(&notes);
}

/* A file that crashes libclang, and one that makes it allocate without
 * end, each give one note; the file between them is scanned as ever, with
 * one worker and with two. */
static void crashing_and_exhausting_parses_are_one_note_each(void **state)
{
	char terms[PATH_MAX], zero[PATH_MAX], alloc[PATH_MAX];
	/* 200,000 terms: libclang 16 parses 50,000 without crashing. */
	size_t len = 200000 * 4 + 32;
	char *text = malloc(len);

	(void)state;
	assert_non_null(text);
	strcpy(text, "int x = 1");
	for (size_t i = 1, at = strlen(text); i < 200000; i++, at += 4)
		memcpy(text + at, " + 1", 5);
	strcat(text, ";\n");
	write_file(path_in(terms, tmp, "terms.c"), text);
	free(text);
	write_file(path_in(zero, tmp, "zero.c"),
		   "#include \"/dev/zero\"\nint y;\n");
	char *files[] = {
	    terms, (char *)path_in(alloc, root, "samples/posix/alloc.c"), zero};
	for (unsigned jobs = 1; jobs <= 2; jobs++) {
		requests r = {0};
		vl_diags notes = {0};
		source_opts o = opts(jobs);
		o.parse_memory_mib = 128;
		scan(&o, files, 3, &r, &notes);
		assert_int_equal(r.n, 7);
		for (size_t i = 0; i < r.n; i++)
			assert_string_equal(r.v[i].file, alloc);
		assert_int_equal(notes.n, 2);
		assert_string_equal(notes.v[0].file, terms);
		assert_int_equal(notes.v[0].line, 0);
		assert_ptr_equal(notes.v[0].rule, VL_RULE_UNDETERMINED);
		assert_string_equal(notes.v[0].message,
				    "the parse stopped (libclang crashed: "
				    "SIGSEGV); nothing from this file was "
				    "checked");
		assert_string_equal(notes.v[1].file, zero);
		assert_string_equal(
		    notes.v[1].message,
		    "the parse stopped (memory limit of 128 MiB "
		    "reached); nothing from this file was "
		    "checked");
		requests_free(&r);
		vl_diags_free(&notes);
	}
}

static void
refused_options_explain_parse_errors_and_alone_say_nothing(void **state)
{
	char dir[PATH_MAX], db[PATH_MAX], text[4 * PATH_MAX], msg[2 * PATH_MAX];
	requests r = {0};
	vl_diags notes = {0};
	source_opts o = opts(1);

	(void)state;
	path_in(dir, tmp, "gccdb");
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(text, sizeof(text),
		 "[{\"directory\": \"%s/samples/compdb\", \"file\": "
		 "\"src/guest.c\", \"command\": \"gcc "
		 "-mindirect-branch-register -Iinclude -c src/guest.c\"},\n"
		 " {\"directory\": \"%s/samples/compdb\", \"file\": "
		 "\"src/vcpu.c\", \"command\": \"gcc "
		 "-mindirect-branch-register -Iinclude -DVCPUS=1 -c "
		 "src/vcpu.c\"}]\n",
		 root, root);
	write_file(path_in(db, dir, "compile_commands.json"), text);
	o.compdb_dir = dir;
	scan(&o, NULL, 0, &r, &notes);
	/* A gcc target option: the allow-list passes -m options on, and
	 * clang refuses this one.  guest.c lacks -DSHADOW_BASE: one error,
	 * explained by nothing but reported with the option clang refused;
	 * vcpu.c parses cleanly without the option, so it has no note */
	assert_int_equal(notes.n, 1);
	assert_true(ends_with(notes.v[0].file, "samples/compdb/src/guest.c"));
	snprintf(msg, sizeof(msg),
		 "1 error while parsing, the first: %s:13:22: use of "
		 "undeclared identifier 'SHADOW_BASE'; clang also refused 1 "
		 "option of the command, the first: unknown argument: "
		 "'-mindirect-branch-register'; calls that did resolve are "
		 "still checked",
		 notes.v[0].file);
	assert_string_equal(notes.v[0].message, msg);
	assert_int_equal(notes.v[0].line, 13);
	assert_int_equal(notes.v[0].column, 22);
	assert_true(r.n >= 1);
	assert_true(ends_with(r.v[r.n - 1].file, "samples/compdb/src/vcpu.c"));
	assert_int_equal(r.v[r.n - 1].size, 0x10000);
	requests_free(&r);
	vl_diags_free(&notes);
}

static void malformed_compdb_is_an_error_with_its_line(void **state)
{
	char dir[PATH_MAX], db[PATH_MAX];
	requests r = {0};
	vl_diags notes = {0};
	source_opts o = opts(1);
	vl_error err = {0};

	(void)state;
	path_in(dir, tmp, "baddb");
	assert_int_equal(mkdir(dir, 0700), 0);
	write_file(path_in(db, dir, "compile_commands.json"),
		   "[\n  {\"directory\": \"/\",\n   \"file\" \"x.c\"}\n]\n");
	o.compdb_dir = dir;
	assert_false(source_scan(&o, NULL, 0, &r, &notes, &err));
	assert_string_equal(err.file, db);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.msg, "malformed JSON"));
	write_file(db, "[{\"directory\": \"/\", \"file\": \"x.c\"}]\n");
	assert_false(source_scan(&o, NULL, 0, &r, &notes, &err));
	assert_string_equal(err.msg,
			    "entry 1 has neither command nor arguments");
	o.compdb_dir = tmp; /* no database there */
	assert_false(source_scan(&o, NULL, 0, &r, &notes, &err));
	assert_string_equal(err.file, tmp);
	assert_non_null(strstr(err.msg, "no compile_commands.json"));
	assert_int_equal(r.n, 0);
	assert_int_equal(notes.n, 0);
	vl_error_free(&err);
}

static void bogus_resource_dir_fails_naming_the_fixes(void **state)
{
	char path[PATH_MAX];
	requests r = {0};
	vl_diags notes = {0};
	source_opts o = opts(1);
	vl_error err = {0};
	char *files[] = {(char *)path_in(path, root, "samples/posix/alloc.c")};
	const char *old = getenv("VASLINT_CLANG_RESOURCE_DIR");
	char *saved = old ? strdup(old) : NULL;

	(void)state;
	o.resource_dir = tmp;
	assert_false(source_scan(&o, files, 1, &r, &notes, &err));
	assert_string_equal(err.file, tmp);
	assert_non_null(strstr(err.msg, "include/stddef.h is missing"));
	/* The package of the libclang that was loaded. */
	char pkg[64];
	snprintf(pkg, sizeof(pkg), "libclang-common-%u-dev", clangapi_major());
	assert_true(clangapi_major() >= 14);
	assert_non_null(strstr(err.msg, pkg));
	assert_non_null(strstr(err.msg, "--resource-dir"));
	assert_non_null(strstr(err.msg, "VASLINT_CLANG_RESOURCE_DIR"));
	/* The environment variable when no option is given. */
	o.resource_dir = NULL;
	setenv("VASLINT_CLANG_RESOURCE_DIR", tmp, 1);
	assert_false(source_scan(&o, files, 1, &r, &notes, &err));
	assert_non_null(strstr(err.msg, "from VASLINT_CLANG_RESOURCE_DIR"));
	if (saved)
		setenv("VASLINT_CLANG_RESOURCE_DIR", saved, 1);
	else
		unsetenv("VASLINT_CLANG_RESOURCE_DIR");
	free(saved);
	assert_int_equal(r.n, 0);
	assert_int_equal(notes.n, 0);
	vl_error_free(&err);
}

static void missing_input_file_is_an_error(void **state)
{
	char path[PATH_MAX];
	requests r = {0};
	vl_diags notes = {0};
	source_opts o = opts(1);
	vl_error err = {0};
	char *files[] = {(char *)path_in(path, root, "samples/nope.c")};

	(void)state;
	assert_false(source_scan(&o, files, 1, &r, &notes, &err));
	assert_string_equal(err.file, path);
	assert_string_equal(err.msg, "cannot open: No such file or directory");
	vl_error_free(&err);
}

/* ---- Rule sets
 * ------------------------------------------------------------------ */

static void shipped_rule_sets_have_the_documented_values(void **state)
{
	const api_rule *q;

	(void)state;
	assert_int_equal(shipped.n, 17);
	q = api_rules_find(&shipped, "posix-mmap");
	assert_non_null(q);
	assert_int_equal(q->ncalls, 2);
	assert_int_equal(q->kind, REQ_MAP);
	assert_int_equal(q->arg[API_ADDRESS], 0);
	assert_int_equal(q->arg[API_SIZE], 1);
	assert_int_equal(q->arg[API_PROT], 2);
	assert_int_equal(q->arg[API_FLAGS], 3);
	assert_int_equal(q->arg[API_OFFSET], 5);
	assert_true(q->has_fixed_flags);
	assert_int_equal(q->fixed_flags, 0x100010);
	assert_int_equal(q->replace_flags, 0x10);
	assert_int_equal(q->noreplace_flags, 0x100000);
	assert_true(q->reserve_when[API_PROT]);
	assert_int_equal(q->reserve_value[API_PROT], 0);
	q = api_rules_find(&shipped, "posix-shmat");
	assert_int_equal(q->replace_flags, 040000);
	assert_int_equal(q->arg[API_FIXED], 1);
	q = api_rules_find(&shipped, "genode-attach-attr");
	assert_int_equal(q->fields_arg, 1);
	assert_string_equal(q->field[API_SIZE], "size");
	assert_string_equal(q->field[API_FIXED], "use_at");
	assert_string_equal(q->field[API_ADDRESS], "at");
	assert_true(q->zero_size_whole);
	q = api_rules_find(&shipped, "genode-rm-create");
	assert_true(q->reserves);
	assert_int_equal(q->kind, REQ_RESERVE);
	assert_null(api_rules_find(&shipped, "nope"));
}

typedef struct bad_rules {
	const char *text;
	unsigned line, column;
	const char *msg;
} bad_rules;

static void malformed_rule_sets_name_line_column_and_cause(void **state)
{
	static const bad_rules bad[] = {
	    {"- id: x\n  call: mmap\n  kind: map\n  args: {size: 1}\n"
	     "  sizes: 2\n",
	     5, 3, "unknown key 'sizes' in a rule"},
	    {"- id: x\n  call: mmap\n  kind: mmap\n  args: {size: 1}\n", 3, 9,
	     "unknown kind 'mmap' (allocate, attach, map or reserve)"},
	    {"- id: x\n  call: mmap\n  kind: map\n  args: {size: 1}\n"
	     "  fixed-flags: [MAP_FIXED]\n",
	     5, 3, "fixed-flags needs the flags argument in args"},
	    {"- id: x\n  call: mmap\n  kind: map\n  args: {flags: 3}\n"
	     "  fixed-flags: [MAP_FIXED]\n",
	     5, 17, "unknown name 'MAP_FIXED' (give its value under values:)"},
	    {"- id: x\n  call: mmap\n  kind: map\n  args: {size: 100}\n", 4, 16,
	     "size: argument index 100 is too large"},
	    {"- id: x\n  call: 'Genode::'\n  kind: map\n  args: {size: 1}\n", 2,
	     9, "call 'Genode::' is not a qualified name"},
	    {"- id: x\n  call: f\n  kind: attach\n  fields: {size: size}\n", 4,
	     11, "fields has no 'arg'"},
	    {"id: x\n", 1, 1, "a rule set must be a list, found a mapping"},
	    {"- id: x\n  call: f\n  kind: attach\n  args: {size: 0}\n"
	     "  reserves: yes\n",
	     5, 13, "reserves must be true or false, found 'yes'"},
	    {"- id: x\n  call: f\n  kind: map\n  args: {size: 0}\n"
	     "  reserve-when: {prot: 0}\n",
	     5, 18, "reserve-when names prot, which args does not give"},
	    {"- id: 'a b'\n  call: f\n  kind: map\n  args: {size: 0}\n", 1, 7,
	     "is not a word"},
	    {"- id: x\n  call: f\n  kind: map\n", 1, 7,
	     "rule x has neither args nor fields"},
	};
	char path[PATH_MAX];

	(void)state;
	path_in(path, tmp, "bad.yaml");
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		api_rules r = {0};
		vl_error err = {0};
		write_file(path, bad[i].text);
		if (api_rules_load(path, &r, &err))
			fail_msg("case %zu loaded", i);
		if (err.line != bad[i].line || err.column != bad[i].column ||
		    !strstr(err.msg, bad[i].msg))
			fail_msg("case %zu: %u:%u: %s", i, err.line, err.column,
				 err.msg);
		assert_string_equal(err.file, path);
		assert_int_equal(r.n, 0);
		api_rules_free(&r);
		vl_error_free(&err);
	}
}

static void rule_ids_are_unique_across_files(void **state)
{
	char a[PATH_MAX], b[PATH_MAX], msg[PATH_MAX + 64];
	api_rules r = {0};
	vl_error err = {0};

	(void)state;
	write_file(path_in(a, tmp, "a.yaml"),
		   "- id: x\n  call: f\n  kind: map\n  args: {size: 0}\n");
	write_file(path_in(b, tmp, "b.yaml"),
		   "- id: y\n  call: g\n  kind: map\n  args: {size: 0}\n"
		   "- id: x\n  call: h\n  kind: map\n  args: {size: 0}\n");
	assert_true(api_rules_load(a, &r, &err));
	assert_false(api_rules_load(b, &r, &err));
	assert_string_equal(err.file, b);
	assert_int_equal(err.line, 5);
	snprintf(msg, sizeof(msg), "duplicate rule id 'x' (first at %s:1)", a);
	assert_string_equal(err.msg, msg);
	api_rules_free(&r);
	vl_error_free(&err);
}

/* ---- The call-site corpus (samples/corpus, all of it in
 * tests/corpus/run) ------------------------------------------------------ */

/* 2014: Attached_ram_dataspace(ram, size, cached) reads its size from
 * argument 1 (argument 2 is the cache attribute, an enum, and fits no
 * size); an Rm_connection(start, size) is a region map of the program's
 * own, found through the constructor's mem-initializer, and the whole of
 * it attached into the component gets its size. */
static void genode_2014_overload_by_type_and_own_region_map(void **state)
{
	static const char *const want[] = {
	    "alloc@vmm.cc:25 genode-ram-session-alloc allocate 25:30 "
	    "size=0x4000000",
	    "Rm_connection@vmm.cc:26 genode-rm-connection-2014 reserve 26:4 "
	    "size=0x8000000 reserves",
	    "Attached_ram_dataspace@vmm.cc:27 "
	    "genode-attached-ram-dataspace-2014 allocate 27:4 size=0x400000",
	    "attach_at@vmm.cc:30 genode-attach-at attach 30:12 size=whole "
	    "at=0x0 "
	    "offset=0x0 in=0x8000000@26:4",
	    "attach_at@vmm.cc:33 genode-attach-at attach 33:12 size=0x4000000 "
	    "at=0x8000000 offset=0x0 in=0x8000000@26:4",
	    "attach@vmm.cc:36 genode-attach attach 36:25 size=0x8000000 "
	    "at=0x40000000 offset=0x0",
	    "Attached_ram_dataspace@vmm.cc:44 "
	    "genode-attached-ram-dataspace-2014 allocate 44:25 size=0x2000",
	    "attach_at@vmm.cc:46 genode-attach-at attach 46:23 size=0x1000 "
	    "at=0x10000000 offset=0x0",
	};
	requests r = {0};

	(void)state;
	expect_clean_sample("samples/corpus/genode-2014/vmm.cc", want,
			    sizeof(want) / sizeof(want[0]), &r);
	requests_free(&r);
}

/* 2025: Rm_connection::create (no override) makes region maps of the
 * program's own, held by a local, a member with a default initializer
 * and a member initialized in the constructor; the attaches into them
 * carry that region map's size and place. */
static void genode_2025_attaches_into_own_region_maps(void **state)
{
	static const char *const want[] = {
	    "create@sub_rm.cc:17 genode-rm-create reserve 17:30 size=0x100000 "
	    "reserves",
	    "alloc@sub_rm.cc:19 genode-ram-alloc allocate 19:42 size=0x4000",
	    "attach@sub_rm.cc:22 genode-attach-attr attach 22:9 size=0x4000 "
	    "at=0x4000 offset=0x0 in=0x100000@17:30",
	    "attach@sub_rm.cc:27 genode-attach-attr attach 27:9 size=0x3000 "
	    "at=0xfe000 offset=0x0 in=0x100000@17:30",
	    "attach@sub_rm.cc:32 genode-attach-attr attach 32:11 "
	    "size=0x100000 at=0x60000000 offset=0x0",
	    "create@sub_rm.cc:46 genode-rm-create reserve 46:32 size=0x400000 "
	    "reserves",
	    "create@sub_rm.cc:51 genode-rm-create reserve 51:26 size=0x10000 "
	    "reserves",
	    "alloc@sub_rm.cc:53 genode-ram-alloc allocate 53:44 "
	    "size=0x200000",
	    "attach@sub_rm.cc:56 genode-attach-attr attach 56:9 size=0x200000 "
	    "at=0x200000 offset=0x0 in=0x400000@46:32",
	    "attach@sub_rm.cc:62 genode-attach-attr attach 62:10 "
	    "size=0x10000 at=0x10000 offset=0x100000 in=0x10000@51:26",
	};
	requests r = {0};

	(void)state;
	expect_clean_sample("samples/corpus/genode-2025/sub_rm.cc", want,
			    sizeof(want) / sizeof(want[0]), &r);
	requests_free(&r);
}

/* A call in the body of struct X {...} member; is one request, not one
 * for the struct and one for the member; try_alloc of today matches. */
static void struct_defined_with_its_member_is_walked_once(void **state)
{
	static const char *const want[] = {
	    "Attached_ram_dataspace@alloc.cc:20 genode-attached-ram-dataspace "
	    "allocate 20:5 size=0x10000",
	    "try_alloc@alloc.cc:26 genode-ram-try-alloc allocate 26:14 "
	    "size=0x401000",
	    "try_alloc@alloc.cc:28 genode-ram-try-alloc allocate 28:14 "
	    "size=0x400000",
	    "alloc@alloc.cc:33 genode-ram-alloc allocate 33:44 size=0x100000",
	};
	requests r = {0};

	(void)state;
	expect_clean_sample("samples/corpus/genode-2025/alloc.cc", want,
			    sizeof(want) / sizeof(want[0]), &r);
	requests_free(&r);
}

static void usr_restricts_a_rule_to_one_declaration(void **state)
{
	char yaml[PATH_MAX], path[PATH_MAX];
	api_rules r = {0};
	vl_error err = {0};
	requests out = {0};
	vl_diags notes = {0};
	source_opts o = {.rules = &r, .jobs = 1};
	char *files[] = {(char *)path_in(path, root, "samples/posix/alloc.c")};

	(void)state;
	write_file(path_in(yaml, tmp, "usr.yaml"),
		   "- id: wrong\n  call: memalign\n  usr: 'c:@F@other'\n"
		   "  kind: allocate\n  args: {size: 1}\n"
		   "- id: right\n  call: memalign\n  usr: 'c:@F@memalign'\n"
		   "  kind: allocate\n  args: {size: 1}\n");
	assert_true(api_rules_load(yaml, &r, &err));
	scan(&o, files, 1, &out, &notes);
	assert_int_equal(out.n, 1);
	assert_string_equal(out.v[0].rule, "right");
	assert_int_equal(out.v[0].size, 0x201000);
	requests_free(&out);
	vl_diags_free(&notes);
	api_rules_free(&r);
	vl_error_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
		genode_before_2024_requests_with_values_and_places),
	    cmocka_unit_test(
		genode_since_2024_attr_fields_designated_positional_const),
	    cmocka_unit_test(
		parse_errors_give_one_note_and_resolved_calls_still_count),
	    cmocka_unit_test(
		posix_mmap_reservation_fixed_inside_outside_and_unknowns),
	    cmocka_unit_test(posix_aligned_allocations_shmat_and_mremap),
	    cmocka_unit_test(
		flow_genode_attr_by_member_assignment_helpers_and_branch),
	    cmocka_unit_test(
		flow_posix_locals_compound_branch_loop_escape_switch),
	    cmocka_unit_test(flow_corners_copies_references_lambdas_statics),
	    cmocka_unit_test(flow_jumps_gotos_references_increments),
	    cmocka_unit_test(
		flow_constant_from_another_file_resolves_after_the_scan),
	    cmocka_unit_test(
		flow_file_statics_unchanged_or_unknown_with_the_line),
	    cmocka_unit_test(
		corners_default_pointer_const_pointer_nullptr_macros_headers),
	    cmocka_unit_test(
		struct_fields_defaults_bitfields_elision_and_c_literals),
	    cmocka_unit_test(
		any_worker_count_gives_the_same_requests_in_the_same_order),
	    cmocka_unit_test(
		compdb_relative_paths_flags_and_no_working_directory_change),
	    cmocka_unit_test(
		compdb_given_file_uses_its_entry_or_notes_its_absence),
	    cmocka_unit_test(
		refused_options_explain_parse_errors_and_alone_say_nothing),
	    cmocka_unit_test(crashing_and_exhausting_parses_are_one_note_each),
	    cmocka_unit_test(malformed_compdb_is_an_error_with_its_line),
	    cmocka_unit_test(bogus_resource_dir_fails_naming_the_fixes),
	    cmocka_unit_test(missing_input_file_is_an_error),
	    cmocka_unit_test(shipped_rule_sets_have_the_documented_values),
	    cmocka_unit_test(malformed_rule_sets_name_line_column_and_cause),
	    cmocka_unit_test(rule_ids_are_unique_across_files),
	    cmocka_unit_test(usr_restricts_a_rule_to_one_declaration),
	    cmocka_unit_test(genode_2014_overload_by_type_and_own_region_map),
	    cmocka_unit_test(genode_2025_attaches_into_own_region_maps),
	    cmocka_unit_test(struct_defined_with_its_member_is_walked_once),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
