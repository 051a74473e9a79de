/* The syntax tree of a GNU ld linker script.
 *
 * The parser (parser.c) builds it; the evaluator (eval.c) simulates the link
 * on it; the rewriter (rewrite.c) edits the script's text at the byte ranges
 * it records.  Every node keeps where it came from: the file (after INCLUDE
 * and C-preprocessor line markers, the original file), line and column, and
 * the byte range in the buffer that was parsed, so a fix can replace exactly
 * the characters of one expression. */
#ifndef VASLINT_LDSCRIPT_AST_H
#define VASLINT_LDSCRIPT_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "expr.h"

/* A place in a script.  file points into the script's file table and lives
 * as long as the script.  buf is the index of the buffer the bytes are in
 * (0: the main script; INCLUDEd files get their own), offset/end the byte
 * range [offset, end) in it. */
typedef struct ls_loc {
	const char *file;
	uint32_t line;
	uint32_t column;
	uint32_t buf;
	uint32_t offset;
	uint32_t end;
} ls_loc;

/* An expression with the byte range of its whole text.  The tree's own
 * expr_loc offsets are relative to the buffer, as in ls_loc. */
typedef struct ls_expr {
	expr *e;
	ls_loc loc;
} ls_expr;

typedef enum ls_assign_op {
	LS_ASSIGN_SET = '=',
	LS_ASSIGN_ADD = '+', /* += */
	LS_ASSIGN_SUB = '-', /* -= */
	LS_ASSIGN_MUL = '*', /* *= */
	LS_ASSIGN_DIV = '/', /* /= */
	LS_ASSIGN_SHL = '<', /* <<= */
	LS_ASSIGN_SHR = '>', /* >>= */
	LS_ASSIGN_AND = '&', /* &= */
	LS_ASSIGN_OR = '|',  /* |= */
} ls_assign_op;

typedef struct ls_assign {
	char *name; /* "." for the location counter */
	ls_assign_op op;
	ls_expr value;
	bool provide; /* PROVIDE or PROVIDE_HIDDEN */
	bool hidden;  /* HIDDEN or PROVIDE_HIDDEN */
} ls_assign;

/* SORT_* wrappers of an input section pattern; nested ones combine. */
typedef enum ls_sort {
	LS_SORT_NONE = 0,
	LS_SORT_BY_NAME = 1,
	LS_SORT_BY_ALIGNMENT = 2,
	LS_SORT_BY_INIT_PRIORITY = 4,
	LS_SORT_NONE_KEYWORD = 8, /* SORT_NONE(...) */
	LS_SORT_REVERSE = 16,	  /* REVERSE(...) */
} ls_sort;

typedef struct ls_section_pattern {
	char *glob;	      /* ".text.*", "COMMON" */
	char **exclude_files; /* EXCLUDE_FILE(...) before this pattern */
	size_t nexclude_files;
	unsigned sort; /* ls_sort bits */
} ls_section_pattern;

/* An input section description: FILEGLOB(SECTIONGLOBS...), maybe inside
 * KEEP(...), maybe with INPUT_SECTION_FLAGS(...) before it. */
typedef struct ls_input {
	char *file_glob;      /* "*", "crtbegin.o", "*libc.a:*" */
	char **exclude_files; /* EXCLUDE_FILE(...) before the file glob */
	size_t nexclude_files;
	unsigned file_sort; /* SORT(*.o)(...) */
	ls_section_pattern *patterns;
	size_t npatterns;
	bool keep;
	char *flags; /* INPUT_SECTION_FLAGS text, or NULL */
} ls_input;

/* Commands inside an output section description. */
typedef enum ls_sec_cmd_kind {
	LS_SC_ASSIGN,
	LS_SC_INPUT,
	LS_SC_DATA,  /* BYTE SHORT LONG QUAD SQUAD: data.size 1..8 */
	LS_SC_ASCIZ, /* ASCIZ "string" */
	LS_SC_FILL,  /* FILL(expr) */
	LS_SC_ASSERT,
	LS_SC_KEYWORD, /* CREATE_OBJECT_SYMBOLS, CONSTRUCTORS, LINKER_VERSION,
			  . = ... forms are assignments, not keywords */
} ls_sec_cmd_kind;

typedef struct ls_assert {
	ls_expr cond;
	char *message;
} ls_assert;

typedef struct ls_sec_cmd {
	ls_sec_cmd_kind kind;
	ls_loc loc;
	union {
		ls_assign assign;
		ls_input input;
		struct {
			unsigned size;	/* 1, 2, 4, 8 */
			bool is_signed; /* SQUAD */
			ls_expr value;
		} data;
		char *asciz;
		ls_expr fill;
		ls_assert assert_;
		char *keyword;
	} u;
} ls_sec_cmd;

typedef enum ls_section_type {
	LS_TYPE_DEFAULT,
	LS_TYPE_NOLOAD,
	LS_TYPE_DSECT,
	LS_TYPE_COPY,
	LS_TYPE_INFO,
	LS_TYPE_OVERLAY,
	LS_TYPE_READONLY,      /* (READONLY) */
	LS_TYPE_TYPE,	       /* (TYPE = expr): type_value */
	LS_TYPE_READONLY_TYPE, /* (READONLY (TYPE = expr)): type_value */
} ls_section_type;

typedef enum ls_constraint {
	LS_CONSTRAINT_NONE,
	LS_ONLY_IF_RO,
	LS_ONLY_IF_RW,
	LS_SPECIAL,
} ls_constraint;

/* name [address] [(type)] : [AT(lma)] [ALIGN(a) | ALIGN_WITH_INPUT]
 *     [SUBALIGN(a)] [constraint] { commands } [>region] [AT>region]
 *     [:phdr ...] [=fill] */
typedef struct ls_output_section {
	char *name; /* "/DISCARD/" for discarded input */
	ls_loc loc; /* the name */
	bool has_address;
	ls_expr address;
	ls_section_type type;
	ls_expr type_value; /* for LS_TYPE_TYPE, LS_TYPE_READONLY_TYPE */
	bool has_at;
	ls_expr at;
	bool has_align;
	ls_expr align;
	bool align_with_input;
	bool has_subalign;
	ls_expr subalign;
	ls_constraint constraint;
	ls_sec_cmd *cmds;
	size_t ncmds;
	char *region; /* >region */
	ls_loc region_loc;
	char *lma_region; /* AT>region */
	ls_loc lma_region_loc;
	char **phdrs; /* :phdr names; ":NONE" kept as "NONE" */
	size_t nphdrs;
	bool has_fill;
	ls_expr fill;
} ls_output_section;

/* OVERLAY [start] : [NOCROSSREFS] [AT(lma)] { sections } [>region]
 *     [AT>region] [:phdr ...] [=fill] */
typedef struct ls_overlay {
	ls_loc loc;
	bool has_start;
	ls_expr start;
	bool nocrossrefs;
	bool has_at;
	ls_expr at;
	ls_output_section *sections; /* no address, AT or region of their own */
	size_t nsections;
	char *region;
	char *lma_region;
	char **phdrs;
	size_t nphdrs;
	bool has_fill;
	ls_expr fill;
} ls_overlay;

typedef struct ls_memory_region {
	char *name;
	ls_loc loc;
	char *attributes; /* the text in parentheses, or NULL */
	ls_loc attributes_loc;
	ls_expr origin;
	ls_expr length;
	/* The separators GNU ld takes and lld does not: a ',' before the
	 * next region, and none between ORIGIN and LENGTH. */
	bool comma_after;
	ls_loc comma_loc;
	bool length_without_comma;
} ls_memory_region;

typedef struct ls_phdr {
	char *name;
	ls_loc loc;
	ls_expr type; /* PT_LOAD etc. are parsed as numbers; also expressions */
	bool filehdr;
	bool phdrs;
	bool has_at;
	ls_expr at;
	bool has_flags;
	ls_expr flags;
} ls_phdr;

/* Commands at the top of a script and inside SECTIONS. */
typedef enum ls_cmd_kind {
	LS_CMD_ASSIGN,
	LS_CMD_ASSERT,
	LS_CMD_ENTRY,	       /* args[0] */
	LS_CMD_OUTPUT_SECTION, /* inside SECTIONS */
	LS_CMD_OVERLAY,	       /* inside SECTIONS */
	LS_CMD_SECTIONS,       /* SECTIONS { cmds } */
	LS_CMD_MEMORY,	       /* MEMORY { regions } */
	LS_CMD_PHDRS,	       /* PHDRS { phdrs } */
	LS_CMD_INSERT,	       /* INSERT AFTER|BEFORE args[0]; insert_after */
	LS_CMD_REGION_ALIAS,   /* args[0] = alias, args[1] = region */
	/* Commands that name files, formats or symbols; kept with their
	 * arguments, checked, and otherwise not simulated: INPUT, GROUP,
	 * AS_NEEDED (nested in INPUT/GROUP: as "AS_NEEDED" arg markers),
	 * OUTPUT, OUTPUT_FORMAT, OUTPUT_ARCH, TARGET, SEARCH_DIR, STARTUP,
	 * EXTERN, NOCROSSREFS, NOCROSSREFS_TO, FORCE_COMMON_ALLOCATION,
	 * INHIBIT_COMMON_ALLOCATION, FORCE_GROUP_ALLOCATION, LD_FEATURE,
	 * VERSION (args empty; the version script is skipped), INCLUDE
	 * (kept as a marker after its file was spliced in). */
	LS_CMD_NAMED,
} ls_cmd_kind;

typedef struct ls_cmd {
	ls_cmd_kind kind;
	ls_loc loc;
	char *keyword; /* LS_CMD_NAMED, LS_CMD_ENTRY, ...: the command word */
	char **args;
	size_t nargs;
	union {
		ls_assign assign;
		ls_assert assert_;
		ls_output_section *section; /* apart: a command stays small */
		ls_overlay *overlay;
		struct {
			struct ls_cmd *cmds;
			size_t ncmds;
		} sections;
		struct {
			ls_memory_region *regions;
			size_t nregions;
		} memory;
		struct {
			ls_phdr *phdrs;
			size_t nphdrs;
		} phdrs;
		bool insert_after;
	} u;
} ls_cmd;

/* The buffers a script was read from: [0] is the script itself; INCLUDEd
 * files follow.  The rewriter edits buffer 0 only. */
typedef struct ls_buffer {
	char *path;
	char *text;
	size_t len;
} ls_buffer;

typedef struct ls_script {
	ls_cmd *cmds;
	size_t ncmds;
	ls_buffer *bufs;
	size_t nbufs;
	char **files; /* interned file names the ls_loc.file pointers use */
	size_t nfiles;
} ls_script;

void ls_script_free(ls_script *s);

#endif
