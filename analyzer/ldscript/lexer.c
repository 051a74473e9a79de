/* The linker-script tokenizer.
 *
 * Tokens are lexed on demand in the mode the parser asks for (see lexer.h).
 * Blanks, comments and C preprocessor line markers between tokens are
 * skipped here; a line marker changes the file and line that later tokens
 * report, so diagnostics for a preprocessed script point at its source. */
#include "ldscript/lexer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"

static bool ls_is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Blanks other than the newline, which moves the line. */
static bool ls_is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static inline bool ls_is_control(unsigned char c)
{
	return (c < 0x20 && c != '\n' && !ls_is_blank(c)) || c == 0x7f;
}

/* Which bytes belong to a word in which mode: the low three bits of the
 * digit at byte c are a mask of 1 << ls_lex_mode (1 SCRIPT, 2 EXPR,
 * 4 WILD).  Bytes above 0x7f are word bytes in every mode, so that UTF-8
 * names and paths stay whole. */
static const char ls_word_class[256 + 1] =
    /* 0x00 - 0x1f: control bytes */
    "00000000000000000000000000000000"
    /*  !"#$%&'()*+,-./0123456789:;<=>? */
    "05007444005505757777777777404445"
    /* @ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_ */
    "57777777777777777777777777755557"
    /* `abcdefghijklmnopqrstuvwxyz{|}~DEL */
    "47777777777777777777777777704050"
    /* 0x80 - 0xff */
    "77777777777777777777777777777777"
    "77777777777777777777777777777777"
    "77777777777777777777777777777777"
    "77777777777777777777777777777777";

static inline bool ls_is_word_char(unsigned char c, ls_lex_mode mode)
{
	return ls_word_class[c] & (1 << mode);
}

void ls_lex_init(ls_lexer *lx, ls_files *files, uint32_t buf, const char *text,
		 uint32_t len, const char *file)
{
	memset(lx, 0, sizeof(*lx));
	lx->files = files;
	lx->s = text;
	lx->len = len;
	lx->buf = buf;
	lx->st.line = 1;
	lx->st.file = file;
	/* A UTF-8 byte order mark is not part of the script. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		lx->st.pos = 3;
}

static void ls_set_loc(ls_token *t, const ls_lex_state *st)
{
	t->offset = st->pos;
	t->end = st->pos;
	t->line = st->line;
	t->column = st->pos - st->line_start + 1;
	t->file = st->file;
}

static void ls_error_tok(const ls_lexer *lx, const ls_lex_state *st,
			 ls_token *t, ls_lex_error error, uint32_t len)
{
	memset(t, 0, sizeof(*t));
	t->kind = LS_TOK_ERROR;
	t->error = error;
	ls_set_loc(t, st);
	t->text = lx->s + st->pos;
	t->len = len;
	t->end = st->pos + len;
}

/* Account for the newlines in s[from, to). */
static void ls_count_lines(const ls_lexer *lx, ls_lex_state *st, uint32_t from,
			   uint32_t to)
{
	const char *p = lx->s + from, *end = lx->s + to;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		p++;
		st->line++;
		st->line_start = (uint32_t)(p - lx->s);
	}
}

/* Only blanks between the start of the line and i. */
static bool ls_at_line_start(const ls_lexer *lx, const ls_lex_state *st,
			     uint32_t i)
{
	uint32_t k;

	for (k = st->line_start; k < i; k++)
		if (lx->s[k] != ' ' && lx->s[k] != '\t')
			return false;
	return true;
}

/* A '#' at i, the end of its line at e: a cpp line marker
 * ("# 12 \"file\" 1 3", "#line 12 \"file\"") or else a comment.  A marker
 * says that the next line is line 12 of file. */
static bool ls_hash_line(const ls_lexer *lx, ls_lex_state *st, uint32_t i,
			 uint32_t e, ls_token *err)
{
	const char *s = lx->s;
	uint32_t j = i + 1, q;
	uint64_t num = 0;
	bool digits = false;

	if (!ls_at_line_start(lx, st, i))
		return true;
	while (j < e && (s[j] == ' ' || s[j] == '\t'))
		j++;
	if (e - j > 4 && memcmp(s + j, "line", 4) == 0 &&
	    (s[j + 4] == ' ' || s[j + 4] == '\t')) {
		j += 4;
		while (j < e && (s[j] == ' ' || s[j] == '\t'))
			j++;
	}
	for (; j < e && ls_is_digit((unsigned char)s[j]); j++) {
		digits = true;
		num = num * 10 + (uint64_t)(s[j] - '0');
		if (num > UINT32_MAX)
			return true; /* no line is that far: a comment */
	}
	if (!digits || (j < e && s[j] != ' ' && s[j] != '\t' && s[j] != '\r'))
		return true;
	while (j < e && (s[j] == ' ' || s[j] == '\t'))
		j++;
	if (j < e && s[j] == '"') {
		char *name;
		size_t n = 0;
		const char *f;

		for (q = j + 1; q < e && s[q] != '"'; q++)
			if (s[q] == '\\' && q + 1 < e)
				q++;
		if (q >= e)
			return true; /* no closing quote: not a marker */
		name = malloc(q - j);
		if (!name) {
			ls_error_tok(lx, st, err, LS_LEXERR_OOM, 1);
			return false;
		}
		/* cpp escapes backslashes and quotes in the name. */
		for (j++; j < q; j++) {
			if (s[j] == '\\' && j + 1 < q)
				j++;
			name[n++] = s[j];
		}
		f = ls_files_intern(lx->files, name, n);
		free(name);
		if (!f) {
			ls_error_tok(lx, st, err, LS_LEXERR_OOM, 1);
			return false;
		}
		st->file = f;
	}
	/* The newline that ends the marker moves to line num. */
	st->line = (uint32_t)num - 1;
	return true;
}

/* Skip blanks, comments and line markers from st->pos.  False with *err
 * set on an unterminated comment or when memory runs out. */
static bool ls_skip(const ls_lexer *lx, ls_lex_state *st, ls_token *err)
{
	const char *s = lx->s;
	uint32_t n = lx->len, i = st->pos;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t') {
			i++;
		} else if (c == '\n') {
			i++;
			st->line++;
			st->line_start = i;
		} else if (ls_is_blank(c)) {
			i++;
		} else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
			const char *e = memmem(s + i + 2, n - i - 2, "*/", 2);
			uint32_t end;

			if (!e) {
				st->pos = i;
				ls_error_tok(lx, st, err, LS_LEXERR_COMMENT, 2);
				return false;
			}
			end = (uint32_t)(e - s) + 2;
			ls_count_lines(lx, st, i, end);
			i = end;
		} else if (c == '#') {
			const char *nl = memchr(s + i, '\n', n - i);
			uint32_t e = nl ? (uint32_t)(nl - s) : n;

			st->pos = i;
			if (!ls_hash_line(lx, st, i, e, err))
				return false;
			i = e;
		} else {
			break;
		}
	}
	st->pos = i;
	return true;
}

/* Operators longer than one byte, longest first. */
static const struct {
	char text[4];
	int op;
} ls_ops[] = {
    {"<<=", LS_OP_ASSIGN(LS_ASSIGN_SHL)},
    {">>=", LS_OP_ASSIGN(LS_ASSIGN_SHR)},
    {"||", EXPR_OP_OROR},
    {"&&", EXPR_OP_ANDAND},
    {"==", EXPR_OP_EQ},
    {"!=", EXPR_OP_NE},
    {"<=", EXPR_OP_LE},
    {">=", EXPR_OP_GE},
    {"<<", EXPR_OP_SHL},
    {">>", EXPR_OP_SHR},
    {"+=", LS_OP_ASSIGN(LS_ASSIGN_ADD)},
    {"-=", LS_OP_ASSIGN(LS_ASSIGN_SUB)},
    {"*=", LS_OP_ASSIGN(LS_ASSIGN_MUL)},
    {"/=", LS_OP_ASSIGN(LS_ASSIGN_DIV)},
    {"&=", LS_OP_ASSIGN(LS_ASSIGN_AND)},
    {"|=", LS_OP_ASSIGN(LS_ASSIGN_OR)},
};

/* ld's other number forms: digits with a base suffix, as in 1000h (hex),
 * 777o (octal), 1010b (binary) and 99d (decimal). */
static bool ls_suffix_number(const char *s, uint32_t len, uint64_t *value)
{
	unsigned base;
	uint64_t v = 0;
	uint32_t i;

	if (len < 2)
		return false;
	switch (s[len - 1]) {
	case 'h':
	case 'H':
	case 'x':
	case 'X':
		base = 16;
		break;
	case 'o':
	case 'O':
		base = 8;
		break;
	case 'b':
	case 'B':
		base = 2;
		break;
	case 'd':
	case 'D':
		base = 10;
		break;
	default:
		return false;
	}
	for (i = 0; i + 1 < len; i++) {
		char c = s[i];
		unsigned d;

		if (ls_is_digit((unsigned char)c))
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return false;
		if (d >= base || v > (UINT64_MAX - d) / base)
			return false;
		v = v * base + d;
	}
	*value = v;
	return true;
}

/* GNU ld's "$" hex numbers: "$6000000" is 0x6000000, with an optional K
 * or M suffix as in "$10K" (ldlex.l; "$10G" and "$0x10" are names there).
 * 1 with *value set, 0 when s[0, len) is not one, -1 when it does not fit
 * in 64 bits. */
static int ls_dollar_number(const char *s, uint32_t len, uint64_t *value)
{
	uint64_t v = 0, scale = 1;
	uint32_t i, end = len;

	if (len < 2 || s[0] != '$')
		return 0;
	if (len > 2 && strchr("KkMm", s[len - 1])) {
		scale =
		    s[len - 1] == 'K' || s[len - 1] == 'k' ? 1024 : 1024 * 1024;
		end--;
	}
	for (i = 1; i < end; i++) {
		char c = s[i];
		unsigned d;

		if (ls_is_digit((unsigned char)c))
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return 0;
		if (v > (UINT64_MAX - d) / 16)
			return -1;
		v = v * 16 + d;
	}
	if (v > UINT64_MAX / scale)
		return -1;
	*value = v * scale;
	return 1;
}

/* Lex the token at st (after blanks) in mode into *t; *after is the state
 * behind it. */
static void ls_lex_token(const ls_lexer *lx, const ls_lex_state *st,
			 ls_lex_mode mode, ls_token *t, ls_lex_state *after)
{
	const char *s = lx->s;
	uint32_t n = lx->len, i = st->pos, j;
	unsigned char c;
	size_t k;

	memset(t, 0, sizeof(*t));
	t->mode = mode;
	ls_set_loc(t, st);
	*after = *st;
	if (i >= n) {
		t->kind = LS_TOK_EOF;
		return;
	}
	c = (unsigned char)s[i];
	t->text = s + i;
	if (c == '"') {
		/* ld reads no escapes in script strings; they may span lines.
		 */
		const char *q = memchr(s + i + 1, '"', n - i - 1);

		if (!q) {
			ls_error_tok(lx, st, t, LS_LEXERR_STRING, 1);
			return;
		}
		j = (uint32_t)(q - s) + 1;
		t->kind = LS_TOK_STRING;
		t->text = s + i + 1;
		t->len = j - i - 2;
		ls_count_lines(lx, after, i, j);
	} else if (mode == LS_LEX_EXPR && n - i >= 9 &&
		   memcmp(s + i, "/DISCARD/", 9) == 0) {
		/* GNU ld's lexer knows /DISCARD/ in expressions too, so a
		 * fill expression before it ends there ("} = 0 /DISCARD/ :"
		 * is no division; "8 /DISCARD/ 2" is a syntax error). */
		t->kind = LS_TOK_WORD;
		t->len = 9;
		j = i + 9;
	} else if (mode == LS_LEX_EXPR && ls_is_digit(c)) {
		size_t used;

		for (j = i + 1;
		     j < n && ls_is_word_char((unsigned char)s[j], LS_LEX_EXPR);
		     j++)
			;
		/* Only whether it is a number counts here: ls_lex_fail
		 * says what is wrong with it, if anything. */
		used = expr_parse_number(s + i, j - i, &t->num, NULL);
		if (used != j - i && !ls_suffix_number(s + i, j - i, &t->num)) {
			ls_error_tok(lx, st, t, LS_LEXERR_NUMBER, j - i);
			return;
		}
		t->kind = LS_TOK_NUM;
		t->len = j - i;
	} else if (ls_is_word_char(c, mode)) {
		unsigned mask = 1u << mode;

		for (j = i + 1; j < n; j++) {
			unsigned char d = (unsigned char)s[j];

			if (!(ls_word_class[d] & mask))
				break;
			/* GNU ld reads "o1/" "*.o" without a blank as one glob
			 * (the manual's OVERLAY example), but a comment
			 * ends any other word. */
			if (d == '/' && mode == LS_LEX_SCRIPT && j + 1 < n &&
			    s[j + 1] == '*')
				break;
		}
		t->kind = LS_TOK_WORD;
		t->len = j - i;
		if (mode == LS_LEX_EXPR && c == '$') {
			int dn = ls_dollar_number(s + i, j - i, &t->num);

			if (dn < 0) {
				ls_error_tok(lx, st, t, LS_LEXERR_NUMBER,
					     j - i);
				return;
			}
			if (dn > 0)
				t->kind = LS_TOK_NUM;
		}
	} else if (ls_is_control(c)) {
		ls_error_tok(lx, st, t, LS_LEXERR_CHAR, 1);
		return;
	} else {
		t->kind = LS_TOK_PUNCT;
		t->op = c;
		t->len = 1;
		/* Every longer operator has '=', '<', '>', '|' or '&' as its
		 * second byte; the table is searched only then. */
		if (mode == LS_LEX_EXPR && i + 1 < n &&
		    memchr("=<>|&", s[i + 1], 5)) {
			for (k = 0; k < sizeof(ls_ops) / sizeof(ls_ops[0]);
			     k++) {
				size_t l = strlen(ls_ops[k].text);

				if (l <= n - i &&
				    memcmp(s + i, ls_ops[k].text, l) == 0) {
					t->op = ls_ops[k].op;
					t->len = (uint32_t)l;
					break;
				}
			}
		}
		j = i + t->len;
	}
	t->end = j;
	after->pos = j;
}

const ls_token *ls_peek_slow(ls_lexer *lx, ls_lex_mode mode)
{
	const ls_lex_state *start = NULL;
	ls_lex_entry *e;
	ls_lex_state st;
	unsigned k;

	for (k = 0; k < LS_LEX_CACHE; k++) {
		e = &lx->cache[k];
		if (!e->used || e->from != lx->st.pos)
			continue;
		if (e->tok.mode == mode) {
			lx->cur = e;
			return &e->tok;
		}
		if (e->tok.kind != LS_TOK_ERROR)
			start = &e->start; /* the blanks are skipped already */
	}
	/* Never evict the entry the caller may still hold from its last
	 * peek. */
	e = &lx->cache[lx->victim];
	if (e == lx->cur) {
		lx->victim = (lx->victim + 1) % LS_LEX_CACHE;
		e = &lx->cache[lx->victim];
	}
	lx->victim = (lx->victim + 1) % LS_LEX_CACHE;
	lx->cur = e;
	e->used = true;
	e->from = lx->st.pos;
	if (start) {
		st = *start;
	} else {
		st = lx->st;
		if (!ls_skip(lx, &st, &e->tok)) {
			e->tok.mode = mode;
			e->start = e->after = lx->st;
			return &e->tok;
		}
	}
	e->start = st;
	ls_lex_token(lx, &st, mode, &e->tok, &e->after);
	if (e->tok.kind == LS_TOK_ERROR) {
		e->tok.mode = mode;
		e->after = lx->st;
	}
	return &e->tok;
}

const ls_token *ls_next(ls_lexer *lx, ls_lex_mode mode)
{
	const ls_token *t = ls_peek(lx, mode);

	lx->last = *t;
	lx->st = lx->cur->after;
	if (t->kind != LS_TOK_ERROR && t->kind != LS_TOK_EOF)
		lx->last_end = t->end;
	return &lx->last;
}

ls_lex_mark ls_lex_save(const ls_lexer *lx)
{
	return (ls_lex_mark){lx->st, lx->last_end};
}

void ls_lex_restore(ls_lexer *lx, ls_lex_mark m)
{
	lx->st = m.st;
	lx->last_end = m.last_end;
}

void ls_lex_quote(char *out, size_t outlen, const char *s, size_t len)
{
	expr_quote(out, outlen, s, len);
}

bool ls_lex_fail(const ls_token *t, vl_error *err)
{
	char q[LS_QUOTE_MAX * 4 + 8];
	expr_error ee = {0};
	uint64_t v;

	switch (t->error) {
	case LS_LEXERR_COMMENT:
		return vl_fail(err, t->file, t->line, t->column,
			       "unterminated comment: no '*/' after '/*'");
	case LS_LEXERR_STRING:
		return vl_fail(err, t->file, t->line, t->column,
			       "unterminated string: no closing '\"'");
	case LS_LEXERR_CHAR:
		ls_lex_quote(q, sizeof(q), t->text, 1);
		return vl_fail(err, t->file, t->line, t->column,
			       "unexpected control character '%s'", q);
	case LS_LEXERR_NUMBER:
		ls_lex_quote(q, sizeof(q), t->text, t->len);
		if (t->text[0] == '$')
			return vl_fail(
			    err, t->file, t->line, t->column,
			    "invalid number '%s': does not fit in 64 "
			    "bits",
			    q);
		if (expr_parse_number(t->text, t->len, &v, &ee) == 0 &&
		    ee.msg) {
			vl_fail(err, t->file, t->line, t->column,
				"invalid number '%s': %s", q, ee.msg);
			expr_error_free(&ee);
			return false;
		}
		return vl_fail(err, t->file, t->line, t->column,
			       "invalid number '%s', expected digits with an "
			       "optional K, M or G suffix, or a base suffix "
			       "(h, o, b, d)",
			       q);
	case LS_LEXERR_OOM:
		return vl_fail(err, t->file, t->line, t->column,
			       "out of memory");
	case LS_LEXERR_NONE:
		break;
	}
	return vl_fail(err, t->file, t->line, t->column, "invalid token");
}

#define LS_MAX_CONTROL_BYTES 16

/* The end of the comment or string that starts at s[i], or i when none
 * does (or it is not closed: then its bytes count as code).  *unclosed
 * remembers which kinds had no end, so that no later one searches again
 * and the scan stays linear. */
static size_t ls_skip_text(const char *s, size_t len, size_t i,
			   unsigned *unclosed)
{
	const char *e;

	if (s[i] == '/' && i + 1 < len && s[i + 1] == '*' && !(*unclosed & 1)) {
		e = memmem(s + i + 2, len - i - 2, "*/", 2);
		if (e)
			return (size_t)(e - s) + 2;
		*unclosed |= 1;
	} else if (s[i] == '"' && !(*unclosed & 2)) {
		e = memchr(s + i + 1, '"', len - i - 1);
		if (e)
			return (size_t)(e - s) + 1;
		*unclosed |= 2;
	} else if (s[i] == '#') {
		e = memchr(s + i, '\n', len - i);
		return e ? (size_t)(e - s) : len;
	}
	return i;
}

bool ls_lex_check_text(const char *s, size_t len, const char *file,
		       vl_error *err)
{
	static const struct {
		const char *magic;
		size_t len;
	} magics[] = {
	    {"\x7f"
	     "ELF",
	     4},
	    {"!<arch>\n", 8},
	    {"!<thin>\n", 8},
	    {"\x1f\x8b", 2},
	    {"\xfd"
	     "7zXZ",
	     5},
	    {"\x28\xb5\x2f\xfd", 4},
	};
	size_t i, controls = 0;
	unsigned unclosed = 0;
	const char *nul;

	for (i = 0; i < sizeof(magics) / sizeof(magics[0]); i++)
		if (len >= magics[i].len &&
		    memcmp(s, magics[i].magic, magics[i].len) == 0)
			return vl_fail(err, file, 0, 0,
				       "binary data: not an ELF image or linker script");
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t skip;

		/* Comments and strings are anyone's text: Latin-1 or UTF-8
		 * alike, as GNU ld reads them. */
		if (c == '/' || c == '"' || c == '#') {
			skip = ls_skip_text(s, len, i, &unclosed);
			if (skip > i) {
				i = skip - 1;
				continue;
			}
		}
		if (c == '\0' || ls_is_control(c))
			controls++;
	}
	/* Text has a stray control byte or two; more than a few outside
	 * comments and strings is a binary file given by mistake.  Bytes
	 * above 0x7f are text in any encoding.  A count, not a share:
	 * rewriting a number must never turn a script vaslint read into one
	 * it refuses. */
	if (controls > LS_MAX_CONTROL_BYTES)
		return vl_fail(err, file, 0, 0,
			       "binary data: not an ELF image or linker script");
	nul = memchr(s, '\0', len);
	if (nul) {
		size_t off = (size_t)(nul - s), line_start = 0;
		unsigned line = 1;

		for (i = 0; i < off; i++)
			if (s[i] == '\n') {
				line++;
				line_start = i + 1;
			}
		return vl_fail(err, file, line,
			       (unsigned)(off - line_start + 1),
			       "NUL byte in script");
	}
	return true;
}
