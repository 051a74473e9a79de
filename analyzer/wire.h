/* What scanning one source gives (its requests and notes) as bytes, so a
 * parse run in a process of its own (isolate.c) can hand it back over a
 * socket.  The form is vaslint's own, between two processes of one run:
 * integers little-endian, strings with a length in front, no versioning.
 * The reader trusts nothing: every length and count is checked against
 * the bytes there are, and anything malformed is an error, never a crash
 * or an allocation larger than the input. */
#ifndef VASLINT_WIRE_H
#define VASLINT_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "requests.h"

/* A growing byte buffer; start from {0}. */
typedef struct wire_buf {
	uint8_t *p;
	size_t n, cap;
	bool oom; /* memory ran out on the way: the bytes are incomplete */
} wire_buf;

void wire_buf_free(wire_buf *b);
/* Append n bytes; false (and oom set) when memory runs out. */
bool wire_put_bytes(wire_buf *b, const void *p, size_t n);

/* Append the requests (with their constants) and the notes to b; false
 * when memory ran out. */
bool wire_put_scan(wire_buf *b, const requests *r, const vl_diags *notes);

/* Read what wire_put_scan wrote (all n bytes of it) and append the
 * requests to r and the notes to notes.  False with err on malformed
 * input (err says where) or when memory runs out; what was appended
 * before stays and is the caller's to free. */
bool wire_get_scan(const uint8_t *p, size_t n, requests *r, vl_diags *notes,
		   vl_error *err);

#endif
