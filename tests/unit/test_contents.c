/* Unit tests for analyzer/ldscript/contents.c: the sizes GNU ld gives
 * input sections once it has read them.  Every expected size was measured
 * with GNU ld 2.40 on objects with the same bytes (as 2.40, x86_64):
 * two objects a.o and b.o, each with one CIE and one FDE in .eh_frame,
 * strings in .rodata.str1.1 and constants in .rodata.cst8. */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ldscript/contents.h"

static image object(void)
{
	image img;

	memset(&img, 0, sizeof(img));
	img.path = (char *)"a.o";
	img.elfclass = ELFCLASS64;
	img.data = ELFDATA2LSB;
	img.machine = EM_X86_64;
	img.type = ET_REL;
	return img;
}

static image_section merge_section(const char *name, const void *data, size_t n,
				   uint64_t entsize, uint64_t align,
				   bool strings)
{
	image_section s;

	memset(&s, 0, sizeof(s));
	s.name = (char *)name;
	s.size = n;
	s.align = align;
	s.type = SHT_PROGBITS;
	s.flags = SHF_ALLOC | SHF_MERGE | (strings ? SHF_STRINGS : 0);
	s.entsize = entsize;
	s.data = (unsigned char *)data;
	s.ndata = n;
	return s;
}

static lc_section input(const image *file, const image_section *s, long out)
{
	return (lc_section){file, s, out, s->size, false};
}

/* a.o "abc" "def" "abc", b.o "xdef" "abc" "zz": the second "abc" goes,
 * and "def" is the tail of b.o's "xdef", so a.o keeps only "abc". */
static void strings_are_kept_once_and_tails_share(void **state)
{
	static const char a[] = "abc\0def\0abc", b[] = "xdef\0abc\0zz";
	image fa = object(), fb = object();
	image_section sa =
	    merge_section(".rodata.str1.1", a, sizeof(a), 1, 1, true);
	image_section sb =
	    merge_section(".rodata.str1.1", b, sizeof(b), 1, 1, true);
	lc_section v[] = {input(&fa, &sa, 0), input(&fb, &sb, 0)};

	(void)state;
	assert_true(lc_merge(v, 2));
	assert_int_equal(v[0].size, 4);
	assert_int_equal(v[1].size, 8);
	assert_false(v[0].excluded);
	assert_false(v[1].excluded);
}

/* a.o 1, 2, 1 and b.o 2, 3 as 8-byte constants: a.o keeps 1 and 2, b.o 3. */
static void constants_are_kept_once(void **state)
{
	static const uint64_t a[] = {1, 2, 1}, b[] = {2, 3};
	image fa = object(), fb = object();
	image_section sa =
	    merge_section(".rodata.cst8", a, sizeof(a), 8, 8, false);
	image_section sb =
	    merge_section(".rodata.cst8", b, sizeof(b), 8, 8, false);
	lc_section v[] = {input(&fa, &sa, 0), input(&fb, &sb, 0)};

	(void)state;
	assert_true(lc_merge(v, 2));
	assert_int_equal(v[0].size, 16);
	assert_int_equal(v[1].size, 8);
}

/* An input whose every entry an earlier one has keeps nothing and is
 * dropped; inputs in other output sections are other groups. */
static void
an_input_of_duplicates_is_dropped_and_groups_follow_outputs(void **state)
{
	static const uint64_t a[] = {1, 2}, b[] = {2, 1};
	image fa = object(), fb = object(), fc = object();
	image_section sa =
	    merge_section(".rodata.cst8", a, sizeof(a), 8, 8, false);
	image_section sb =
	    merge_section(".rodata.cst8", b, sizeof(b), 8, 8, false);
	image_section sc =
	    merge_section(".rodata.cst8", b, sizeof(b), 8, 8, false);
	lc_section v[] = {input(&fa, &sa, 0), input(&fb, &sb, 0),
			  input(&fc, &sc, 1)};

	(void)state;
	assert_true(lc_merge(v, 3));
	assert_int_equal(v[0].size, 16);
	assert_true(v[1].excluded);
	assert_false(v[2].excluded);
	assert_int_equal(v[2].size, 16);
}

/* ld merges no section that relocations apply to, nor one whose size is
 * not a whole number of entries. */
static void relocated_or_ragged_sections_keep_their_size(void **state)
{
	static const uint64_t a[] = {1, 1};
	static const char odd[] = {1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};
	image fa = object();
	image_section sa =
	    merge_section(".rodata.cst8", a, sizeof(a), 8, 8, false);
	image_section sb =
	    merge_section(".rodata.cst8", odd, sizeof(odd), 8, 4, false);
	lc_section v[2];

	(void)state;
	sa.relocated = true;
	v[0] = input(&fa, &sa, 0);
	v[1] = input(&fa, &sb, 1);
	assert_true(lc_merge(v, 2));
	assert_int_equal(v[0].size, 16);
	assert_int_equal(v[1].size, 12);
	assert_false(v[0].excluded || v[1].excluded);
}

/* One CIE ("zR", pcrel sdata4 FDEs; 2 nops of padding) and one FDE (4
 * nops of padding), 0x30 bytes, with a relocation at the FDE's initial
 * location against section 1 (.text). */
static const unsigned char eh_bytes[] = {
    0x14, 0,  0, 0,    0,    0,	   0,	 0,    1, 'z', 'R', 0, 1,
    0x78, 16, 1, 0x1b, 0x0c, 7,	   8,	 0x90, 1, 0,   0, /* CIE: 0x18 bytes */
    0x14, 0,  0, 0,    0x1c, 0,	   0,	 0,    0, 0,   0,   0, 4,
    0,	  0,  0, 0,    0x41, 0x0e, 0x10, 0,    0, 0,   0, /* FDE: 0x18 bytes */
};

static image_section eh_section(image_reloc *r)
{
	image_section s;

	memset(&s, 0, sizeof(s));
	s.name = (char *)".eh_frame";
	s.size = sizeof(eh_bytes);
	s.align = 8;
	s.type = SHT_X86_64_UNWIND;
	s.flags = SHF_ALLOC;
	s.data = (unsigned char *)eh_bytes;
	s.ndata = sizeof(eh_bytes);
	*r = (image_reloc){.offset = 0x20, .sym = 1, .in_section = 1};
	s.relocs = r;
	s.nrelocs = 1;
	s.relocated = true;
	return s;
}

static bool discard_none(void *ctx, const image *file, size_t k)
{
	(void)ctx;
	(void)file;
	(void)k;
	return false;
}

static bool discard_all(void *ctx, const image *file, size_t k)
{
	(void)ctx;
	(void)file;
	return k == 1;
}

/* The padding goes (CIE 0x16, FDE 0x14 at 0x18: 0x2c), b.o's CIE is
 * a.o's, and a.o's section, not the last, is padded to the output's 8:
 * GNU ld gives 0x30 and 0x14. */
static void eh_frame_shares_cies_and_drops_padding(void **state)
{
	image fa = object(), fb = object();
	image_reloc ra, rb;
	image_section sa = eh_section(&ra), sb = eh_section(&rb);
	lc_section v[] = {input(&fa, &sa, 0), input(&fb, &sb, 0)};

	(void)state;
	assert_true(lc_eh_frame(v, 2, 8, discard_none, NULL));
	assert_int_equal(v[0].size, 0x30);
	assert_int_equal(v[1].size, 0x14);
}

/* The code an FDE describes is discarded: the FDE goes, and the CIE no
 * FDE uses goes too; the empty last input is dropped. */
static void eh_frame_entries_go_with_discarded_code(void **state)
{
	image fa = object();
	image_reloc ra;
	image_section sa = eh_section(&ra);
	lc_section v[] = {input(&fa, &sa, 0)};

	(void)state;
	assert_true(lc_eh_frame(v, 1, 8, discard_all, NULL));
	assert_int_equal(v[0].size, 0);
	assert_true(v[0].excluded);
}

/* What ld cannot read (an unknown CFA instruction) it leaves as it is. */
static void an_eh_frame_ld_cannot_parse_keeps_its_size(void **state)
{
	unsigned char bytes[sizeof(eh_bytes)];
	image fa = object();
	image_reloc ra;
	image_section sa = eh_section(&ra);
	lc_section v[1];

	(void)state;
	memcpy(bytes, eh_bytes, sizeof(bytes));
	bytes[0x2c] = 0x3f; /* no such DW_CFA */
	sa.data = bytes;
	v[0] = input(&fa, &sa, 0);
	assert_true(lc_eh_frame(v, 1, 8, discard_none, NULL));
	assert_int_equal(v[0].size, sizeof(eh_bytes));
}

/* .dynstr: the empty string, then each name once; "_end" is the tail of
 * "__exidx_end" (Genode's genode_rel.ld symbols, GNU ld 2.40 -shared). */
static void strtab_shares_tails(void **state)
{
	const char *names[] = {"__exidx_end", "_end", "_parent_cap", "_end"};
	bool oom = true;

	(void)state;
	assert_int_equal(lc_strtab_size(names, 4, &oom), 1 + 12 + 12);
	assert_false(oom);
	assert_int_equal(lc_strtab_size(names, 0, &oom), 1);
}

/* A .note.gnu.property with x86 feature_1_and = IBT|SHSTK (0xc0000002),
 * as Debian's gcc writes it into every object of libstdc++.a: 0x20
 * bytes. */
static const unsigned char ibt_note[] = {
    4, 0, 0, 0,	   0x10, 0, 0, 0, 5, 0, 0, 0, 'G', 'N', 'U', 0,
    2, 0, 0, 0xc0, 4,	 0, 0, 0, 3, 0, 0, 0, 0,   0,	0,   0,
};

static image_section property_section(void)
{
	image_section s;

	memset(&s, 0, sizeof(s));
	s.name = (char *)".note.gnu.property";
	s.size = s.ndata = sizeof(ibt_note);
	s.align = 8;
	s.type = SHT_NOTE;
	s.flags = SHF_ALLOC;
	s.data = (unsigned char *)ibt_note;
	return s;
}

/* GNU ld keeps one merged note: five objects with the same property
 * make one 0x20-byte note in the first (measured: libstdc++.a's
 * string-inst.o ... locale_init.o linked, .note.gnu.property 0x20); an
 * object without a note takes the AND property away, and with it the
 * note. */
static void program_properties_merge_into_one_note(void **state)
{
	image f[3] = {object(), object(), object()};
	image_section s[3] = {property_section(), property_section(),
			      property_section()};
	lc_section v[3];

	(void)state;
	for (int i = 0; i < 3; i++)
		v[i] = input(&f[i], &s[i], 0);
	assert_true(lc_gnu_property(v, 3, 3, EM_X86_64));
	assert_int_equal(v[0].size, 0x20);
	assert_false(v[0].excluded);
	assert_true(v[1].excluded && v[2].excluded);
	for (int i = 0; i < 3; i++)
		v[i] = input(&f[i], &s[i], 0);
	assert_true(lc_gnu_property(v, 3, 4, EM_X86_64));
	assert_true(v[0].excluded && v[1].excluded && v[2].excluded);
}

/* arm's unwinding index (GNU ld 2.40 on members of Debian's libc.a for
 * armhf): a code section with an inlined entry, then one without index,
 * then one whose index repeats an EXIDX_CANTUNWIND: ld puts a
 * CANTUNWIND after the first index (+8), drops the repeated one (-8) and
 * ends the table with one when the last entry unwinds (+8). */
static void arm_exidx_gets_cantunwind_markers(void **state)
{
	static const unsigned char inl[] = {0, 0, 0, 0, 0xb0, 0xb0, 0xa8,
					    0x80};
	static const unsigned char cant2[] = {0, 0, 0, 0, 1, 0, 0, 0,
					      0, 0, 0, 0, 1, 0, 0, 0};
	static const unsigned char tab[] = {0, 0, 0, 0, 0x10, 0, 0, 0};
	image_section t1, t2, t3, t4, x1, x3, x4;
	lc_section l1, l3, l4;
	lc_exidx_text v[4];

	(void)state;
	memset(&t1, 0, sizeof(t1));
	t1.size = 0x20;
	t2 = t3 = t4 = t1;
	memset(&x1, 0, sizeof(x1));
	x1.data = (unsigned char *)inl;
	x1.size = x1.ndata = sizeof(inl);
	x3 = x1;
	x3.data = (unsigned char *)cant2;
	x3.size = x3.ndata = sizeof(cant2);
	x4 = x1;
	x4.data = (unsigned char *)tab;
	x4.size = x4.ndata = sizeof(tab);
	l1 = (lc_section){NULL, &x1, 0, x1.size, false};
	l3 = (lc_section){NULL, &x3, 0, x3.size, false};
	l4 = (lc_section){NULL, &x4, 0, x4.size, false};
	v[0] = (lc_exidx_text){&t1, &l1, false};
	v[1] = (lc_exidx_text){&t2, NULL, false};
	v[2] = (lc_exidx_text){&t3, &l3, false};
	v[3] = (lc_exidx_text){&t4, &l4, false};
	lc_arm_exidx(v, 4, true);
	assert_int_equal(l1.size, 16);	/* its entry and a CANTUNWIND */
	assert_int_equal(l3.size, 0);	/* both repeat the CANTUNWIND */
	assert_int_equal(l4.size, 16);	/* and the table's end */
	/* Without code after it, an index that ends in CANTUNWIND stays. */
	l3.size = x3.size;
	lc_arm_exidx(&v[2], 1, true);
	assert_int_equal(l3.size, 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(arm_exidx_gets_cantunwind_markers),
	    cmocka_unit_test(strings_are_kept_once_and_tails_share),
	    cmocka_unit_test(constants_are_kept_once),
	    cmocka_unit_test(
		an_input_of_duplicates_is_dropped_and_groups_follow_outputs),
	    cmocka_unit_test(relocated_or_ragged_sections_keep_their_size),
	    cmocka_unit_test(eh_frame_shares_cies_and_drops_padding),
	    cmocka_unit_test(eh_frame_entries_go_with_discarded_code),
	    cmocka_unit_test(an_eh_frame_ld_cannot_parse_keeps_its_size),
	    cmocka_unit_test(strtab_shares_tails),
	    cmocka_unit_test(program_properties_merge_into_one_note),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
