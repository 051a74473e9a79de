/* The JSON documents of the writers (diagnostics, SARIF, map, plan).
 * Every string goes through esc_utf8 (escape.h), so jansson, which takes
 * valid UTF-8 only, never refuses one; and every value or key that could
 * not be added marks the document failed (*ok false), so a document is
 * never written with a key or an element missing: jansson drops a NULL
 * value without a word. */
#ifndef VASLINT_REPORT_JSONDOC_H
#define VASLINT_REPORT_JSONDOC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

/* A JSON string of s, escaped; NULL only when memory runs out. */
json_t *jd_str(const char *s);
/* jd_str, or null for s NULL. */
json_t *jd_str_or_null(const char *s);
/* An address as a hex string: JSON numbers lose bits above 2^53 in most
 * readers. */
json_t *jd_hex(uint64_t x);
/* A line or column; null for 0 (none). */
json_t *jd_line(unsigned n);

/* obj[key] = v, taking v's reference; the key is escaped too.  With v or
 * obj NULL, or when the set fails, *ok becomes false (and v is
 * released).  Returns v, or NULL when it was not added. */
json_t *jd_set(json_t *obj, const char *key, json_t *v, bool *ok);
/* The same for appending v to the array arr. */
json_t *jd_append(json_t *arr, json_t *v, bool *ok);

/* Write root (indented, keys in their order) and a newline, and release
 * it.  False, writing nothing, when ok is false or root NULL (errno
 * ENOMEM), or when writing failed. */
bool jd_write(FILE *f, json_t *root, bool ok);

#endif
