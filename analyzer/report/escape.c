#include "escape.h"

#include <stdlib.h>
#include <string.h>

size_t esc_utf8_char(const char *s, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned c = p[0];
	size_t len;
	uint32_t v;

	if (c == 0)
		return 0;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		v = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		v = c & 0x07;
	} else {
		return 0; /* a continuation byte, C0, C1 or F5 to FF */
	}
	for (size_t k = 1; k < len; k++) {
		if ((p[k] & 0xc0) != 0x80) /* also stops at the NUL */
			return 0;
		v = v << 6 | (p[k] & 0x3f);
	}
	if ((len == 3 && v < 0x800) ||
	    (len == 4 && (v < 0x10000 || v > 0x10ffff)) ||
	    (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

static void hex_byte(char piece[ESC_PIECE], unsigned char b)
{
	static const char digits[] = "0123456789abcdef";

	piece[0] = '\\';
	piece[1] = 'x';
	piece[2] = digits[b >> 4];
	piece[3] = digits[b & 15];
	piece[4] = '\0';
}

/* The character at s as it is, or its first byte as \xNN when it is not
 * valid UTF-8 or (with controls) is a control character. */
static size_t step(const char *s, char piece[ESC_PIECE], bool controls)
{
	uint32_t cp = 0;
	size_t len;

	if (!*s)
		return 0;
	len = esc_utf8_char(s, &cp);
	if (len && controls && (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))) {
		if (cp == '\t' || cp == '\n' || cp == '\r') {
			piece[0] = '\\';
			piece[1] = cp == '\t' ? 't' : cp == '\n' ? 'n' : 'r';
			piece[2] = '\0';
			return 1;
		}
		/* A C1 character is two bytes: each is shown. */
		len = 0;
	}
	if (!len) {
		hex_byte(piece, (unsigned char)*s);
		return 1;
	}
	memcpy(piece, s, len);
	piece[len] = '\0';
	return len;
}

size_t esc_text_step(const char *s, char piece[ESC_PIECE])
{
	return step(s, piece, true);
}

size_t esc_utf8_step(const char *s, char piece[ESC_PIECE])
{
	return step(s, piece, false);
}

/* The length of s escaped, and whether that is s itself. */
static size_t measure(const char *s, bool controls, bool *clean)
{
	char piece[ESC_PIECE];
	size_t n = 0, k;

	*clean = true;
	while ((k = step(s, piece, controls)) != 0) {
		size_t len = strlen(piece);
		if (len != k || memcmp(piece, s, k))
			*clean = false;
		n += len;
		s += k;
	}
	return n;
}

bool esc_text_clean(const char *s)
{
	bool clean;

	measure(s, true, &clean);
	return clean;
}

bool esc_utf8_clean(const char *s)
{
	bool clean;

	measure(s, false, &clean);
	return clean;
}

size_t esc_text_len(const char *s)
{
	bool clean;

	return measure(s, true, &clean);
}

void esc_text_put(FILE *f, const char *s)
{
	char piece[ESC_PIECE];
	size_t k;

	while ((k = esc_text_step(s, piece)) != 0) {
		fputs(piece, f);
		s += k;
	}
}

void esc_text_pad(FILE *f, const char *s, size_t width)
{
	size_t n = esc_text_len(s);

	esc_text_put(f, s);
	for (; n < width; n++)
		fputc(' ', f);
}

static char *copy(const char *s, bool controls)
{
	char piece[ESC_PIECE];
	bool clean;
	size_t k, n = measure(s, controls, &clean);
	char *out = malloc(n + 1), *o = out;

	if (!out)
		return NULL;
	while ((k = step(s, piece, controls)) != 0) {
		size_t len = strlen(piece);
		memcpy(o, piece, len);
		o += len;
		s += k;
	}
	*o = '\0';
	return out;
}

char *esc_text(const char *s)
{
	return copy(s, true);
}

char *esc_utf8(const char *s)
{
	return copy(s, false);
}
