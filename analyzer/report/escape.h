/* How text from the inputs reaches vaslint's output.  File, section,
 * symbol, request and layout names come from files, ELF string tables
 * and the command line, and may hold any byte but NUL: printed as they
 * are, a name could clear the terminal, forge a diagnostic line, make a
 * JSON document invalid or lose its key.  Every writer passes such text
 * (and every message that quotes it) through one of these.
 *
 * Terminal text (esc_text_*): each byte of a control character, C0
 * (U+0001 to U+001F), DEL (U+007F) and C1 (U+0080 to U+009F, two bytes in
 * UTF-8), and each byte that is not part of a valid UTF-8 character is
 * written as \xNN (two lower-case hex digits), except tab, newline and
 * carriage return, written \t, \n and \r.  Everything else, a backslash
 * included, is written unchanged: a clean name prints as it is, and a
 * finding is always one line.
 *
 * JSON and SARIF (esc_utf8_*): each byte that is not part of a valid
 * UTF-8 character is written as \xNN; the rest is unchanged (JSON escapes
 * the control characters itself, \u001b).  So a name reads the same in
 * the text, JSON and SARIF reports.
 *
 * Valid UTF-8 is RFC 3629's: no overlong forms, no surrogates, nothing
 * above U+10FFFF. */
#ifndef VASLINT_REPORT_ESCAPE_H
#define VASLINT_REPORT_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A piece of escaped text: one character, or one escape, and a NUL. */
#define ESC_PIECE 5

/* The length (1 to 4) of the valid UTF-8 character at s, with its code
 * point in *cp; 0 when the byte at s starts none, or is the NUL. */
size_t esc_utf8_char(const char *s, uint32_t *cp);

/* One step of an escaping: piece gets what stands for the character (or
 * the invalid byte) at s; returns how many bytes of s it stands for, 0 at
 * the end of s. */
size_t esc_text_step(const char *s, char piece[ESC_PIECE]);
size_t esc_utf8_step(const char *s, char piece[ESC_PIECE]);

/* True when escaping leaves s as it is. */
bool esc_text_clean(const char *s);
bool esc_utf8_clean(const char *s);

/* The length in bytes of s escaped for a terminal. */
size_t esc_text_len(const char *s);

/* Write s escaped for a terminal; ferror(f) tells a failed write. */
void esc_text_put(FILE *f, const char *s);
/* The same, then spaces up to width bytes, like printf's %-*s. */
void esc_text_pad(FILE *f, const char *s, size_t width);

/* Escaped copies (malloc'ed); NULL when memory runs out. */
char *esc_text(const char *s);
char *esc_utf8(const char *s);

#endif
