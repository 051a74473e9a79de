/* Internals of the linker-script reader, shared by lexer.c, parser.c and
 * ast.c: the tokenizer, the file-name table and the array helper.
 *
 * The ld script language has no single token set: ".text.*" is one word in
 * an input section description, "a-b" is a subtraction in an expression and
 * "i386:x86-64" one argument of OUTPUT_ARCH.  So, as GNU ld's lexer states
 * and lld's expression re-splitting do, the parser asks for each token in
 * the mode its context needs.  Lexing is lazy and a position can be lexed
 * again in another mode, so lookahead is a saved state, never a token
 * queue. */
#ifndef VASLINT_LDSCRIPT_LEXER_H
#define VASLINT_LDSCRIPT_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "ldscript/ast.h"

typedef enum ls_lex_mode {
	/* Command words; output section, region and phdr names; the name
	 * arguments of ADDR, SIZEOF, DEFINED, ... */
	LS_LEX_SCRIPT,
	/* Expressions: names are [A-Za-z0-9_.$], operators split words,
	 * numbers are read. */
	LS_LEX_EXPR,
	/* File and section globs and command arguments: everything but
	 * blanks, ( ) { } ; , " and # is part of a word. */
	LS_LEX_WILD,
} ls_lex_mode;

typedef enum ls_tok_kind {
	LS_TOK_EOF,
	LS_TOK_WORD,
	LS_TOK_NUM, /* only in LS_LEX_EXPR */
	LS_TOK_STRING,
	LS_TOK_PUNCT,
	LS_TOK_ERROR, /* ls_lex_fail says what is wrong */
} ls_tok_kind;

/* Punctuation codes: one-character tokens are the character, the
 * two-character operators are EXPR_OP_*, and the compound assignments
 * ("+=", "<<=", ...) are LS_OP_ASSIGN(ls_assign_op). */
#define LS_OP_ASSIGN(c)	    (512 + (c))
#define LS_OP_IS_ASSIGN(op) ((op) == '=' || ((op) > 512 && (op) < 768))

typedef enum ls_lex_error {
	LS_LEXERR_NONE,
	LS_LEXERR_COMMENT, /* unterminated comment */
	LS_LEXERR_STRING,  /* unterminated string */
	LS_LEXERR_CHAR,	   /* a control character */
	LS_LEXERR_NUMBER,  /* malformed number */
	LS_LEXERR_OOM,
} ls_lex_error;

/* Where the lexer is: line_start is the offset of the current line's first
 * byte, so the column is pos - line_start + 1; line and file follow cpp
 * line markers. */
typedef struct ls_lex_state {
	uint32_t pos;
	uint32_t line;
	uint32_t line_start;
	const char *file;
} ls_lex_state;

typedef struct ls_token {
	ls_tok_kind kind;
	ls_lex_mode mode;
	int op;		    /* LS_TOK_PUNCT */
	ls_lex_error error; /* LS_TOK_ERROR */
	uint64_t num;	    /* LS_TOK_NUM */
	const char *text;   /* WORD, NUM: the token; STRING: inside quotes */
	uint32_t len;
	uint32_t offset, end; /* bytes of the token in the buffer */
	uint32_t line, column;
	const char *file;
} ls_token;

/* The script's interned file names (ls_script.files) with a hash index,
 * so a file full of line markers stays linear. */
typedef struct ls_files {
	ls_script *script;
	uint32_t *slots; /* index + 1 into script->files, 0: empty */
	size_t nslots;
} ls_files;

/* The interned copy of name[0, len), NULL when memory runs out. */
const char *ls_files_intern(ls_files *f, const char *name, size_t len);
void ls_files_free(ls_files *f);

/* A token lexed from position from (before its blanks) in tok.mode. */
typedef struct ls_lex_entry {
	bool used;
	uint32_t from;
	ls_lex_state start; /* after the blanks: where tok starts */
	ls_lex_state after; /* behind tok */
	ls_token tok;
} ls_lex_entry;

/* Tokens remembered, so that asking again, in another mode or after a
 * lookahead does not scan blanks and comments again. */
#define LS_LEX_CACHE 4

typedef struct ls_lexer {
	ls_files *files;
	const char *s;
	uint32_t len;
	uint32_t buf;	   /* index in ls_script.bufs */
	ls_lex_state st;   /* before the next token's leading blanks */
	uint32_t last_end; /* end of the last token consumed */
	ls_token last;	   /* the last token consumed */
	ls_lex_entry cache[LS_LEX_CACHE];
	ls_lex_entry *cur; /* the entry ls_peek returned last */
	unsigned victim;   /* the cache entry to fill next */
} ls_lexer;

/* Lex buffer buf of the script, text[0, len), whose name is file
 * (interned). */
void ls_lex_init(ls_lexer *lx, ls_files *files, uint32_t buf, const char *text,
		 uint32_t len, const char *file);
const ls_token *ls_peek_slow(ls_lexer *lx, ls_lex_mode mode);

/* The next token in mode, not consumed.  Valid until the next call of any
 * ls_lex function: copy a token to keep it across a lookahead. */
static inline const ls_token *ls_peek(ls_lexer *lx, ls_lex_mode mode)
{
	const ls_lex_entry *e = lx->cur;

	if (e && e->from == lx->st.pos && e->tok.mode == mode)
		return &e->tok;
	return ls_peek_slow(lx, mode);
}
/* Consume the next token in mode; returns lx->last. */
const ls_token *ls_next(ls_lexer *lx, ls_lex_mode mode);
/* A position to come back to after looking ahead (lx->last is not
 * restored). */
typedef struct ls_lex_mark {
	ls_lex_state st;
	uint32_t last_end;
} ls_lex_mark;
ls_lex_mark ls_lex_save(const ls_lexer *lx);
void ls_lex_restore(ls_lexer *lx, ls_lex_mark m);
/* How much of a token goes into a message. */
#define LS_QUOTE_MAX EXPR_QUOTE_MAX
/* Quote s[0, len) for a message into out: printable bytes as they are, the
 * rest as \xNN, cut after LS_QUOTE_MAX bytes. */
void ls_lex_quote(char *out, size_t outlen, const char *s, size_t len);
/* Fill err for a LS_TOK_ERROR token; returns false. */
bool ls_lex_fail(const ls_token *t, vl_error *err);

/* Reject input that is not script text: binary files (ELF objects, archives,
 * mostly control bytes) and NUL bytes, with the NUL's line and column. */
bool ls_lex_check_text(const char *s, size_t len, const char *file,
		       vl_error *err);

/* Arrays in the tree keep no capacity: it is the next power of two at or
 * above the length (at least 4).  Returns v, moved if it had to grow, with
 * room for element n, or NULL when memory runs out (v is still valid). */
void *ls_grow(void *v, size_t n, size_t size);

#endif
