#include "wire.h"

#include <stdlib.h>
#include <string.h>

#include "rules.h"

/* A string's length field for NULL (no string), as opposed to "". */
#define NO_STRING UINT32_MAX

/* The request's yes/no fields, one bit each. */
enum {
	RQ_FIXED = 1 << 0,
	RQ_HAS_OFFSET = 1 << 1,
	RQ_PLATFORM = 1 << 2,
	RQ_SIZE_UNKNOWN = 1 << 3,
	RQ_AT_UNKNOWN = 1 << 4,
	RQ_OFFSET_UNKNOWN = 1 << 5,
	RQ_RESERVES = 1 << 6,
	RQ_REPLACES = 1 << 7,
	/* The second flags byte. */
	RQ_SIZE_WHOLE = 1 << 0,
	RQ_FIXED_MAYBE = 1 << 1,
};

/* What a note carries besides its place and message. */
enum {
	DG_OBJECT = 1 << 0,
	DG_REGION = 1 << 1,
	DG_RELATED = 1 << 2,
};

/* ---- Writing ------------------------------------------------------------ */

void wire_buf_free(wire_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

bool wire_put_bytes(wire_buf *b, const void *p, size_t n)
{
	if (b->oom)
		return false;
	if (n > b->cap - b->n) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap - b->n < n) {
			if (cap > SIZE_MAX / 2) {
				b->oom = true;
				return false;
			}
			cap *= 2;
		}
		uint8_t *q = realloc(b->p, cap);
		if (!q) {
			b->oom = true;
			return false;
		}
		b->p = q;
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->n, p, n);
	b->n += n;
	return true;
}

static bool put_u8(wire_buf *b, unsigned v)
{
	uint8_t c = (uint8_t)v;

	return wire_put_bytes(b, &c, 1);
}

static bool put_u32(wire_buf *b, uint32_t v)
{
	uint8_t c[4];

	for (int i = 0; i < 4; i++)
		c[i] = (uint8_t)(v >> (8 * i));
	return wire_put_bytes(b, c, sizeof(c));
}

static bool put_u64(wire_buf *b, uint64_t v)
{
	uint8_t c[8];

	for (int i = 0; i < 8; i++)
		c[i] = (uint8_t)(v >> (8 * i));
	return wire_put_bytes(b, c, sizeof(c));
}

/* A string longer than 4 GiB - 2 cannot be told apart from NULL: such a
 * string is refused as memory running out would be. */
static bool put_str(wire_buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (!s)
		return put_u32(b, NO_STRING);
	if (n >= NO_STRING) {
		b->oom = true;
		return false;
	}
	return put_u32(b, (uint32_t)n) && wire_put_bytes(b, s, n);
}

/* Counts are 32 bits on the wire. */
static bool put_count(wire_buf *b, size_t n)
{
	if (n > UINT32_MAX) {
		b->oom = true;
		return false;
	}
	return put_u32(b, (uint32_t)n);
}

static bool put_request(wire_buf *b, const request *q)
{
	unsigned flags =
	    (q->fixed ? RQ_FIXED : 0) | (q->has_offset ? RQ_HAS_OFFSET : 0) |
	    (q->platform ? RQ_PLATFORM : 0) |
	    (q->size_unknown ? RQ_SIZE_UNKNOWN : 0) |
	    (q->at_unknown ? RQ_AT_UNKNOWN : 0) |
	    (q->offset_unknown ? RQ_OFFSET_UNKNOWN : 0) |
	    (q->reserves ? RQ_RESERVES : 0) | (q->replaces ? RQ_REPLACES : 0);
	unsigned flags2 = (q->size_whole ? RQ_SIZE_WHOLE : 0) |
			  (q->fixed_maybe ? RQ_FIXED_MAYBE : 0);

	for (int i = 0; i < REQ_NVALUES; i++)
		if (!put_str(b, q->sym[i]) || !put_u8(b, q->sym_bits[i]))
			return false;
	return put_str(b, q->name) && put_str(b, q->call) &&
	       put_str(b, q->rule) && put_str(b, q->file) &&
	       put_str(b, q->size_why) && put_str(b, q->at_why) &&
	       put_str(b, q->offset_why) && put_u8(b, q->kind) &&
	       put_u8(b, flags) && put_u8(b, flags2) && put_u64(b, q->size) &&
	       put_u64(b, q->at) && put_u64(b, q->offset) &&
	       put_u64(b, q->backing_align) && put_u64(b, q->align) &&
	       put_u32(b, q->line) && put_u32(b, q->column) &&
	       put_u8(b, (q->in_sub ? 1 : 0) | (q->sub_size_unknown ? 2 : 0)) &&
	       put_u64(b, q->sub_size) && put_u32(b, q->sub_line) &&
	       put_u32(b, q->sub_column);
}

static bool put_object(wire_buf *b, const vl_object *o)
{
	return put_str(b, o->kind) && put_str(b, o->name) &&
	       put_u64(b, o->range.start) && put_u64(b, o->range.end);
}

static bool put_note(wire_buf *b, const vl_diag *d)
{
	unsigned has = (d->has_object ? DG_OBJECT : 0) |
		       (d->has_region ? DG_REGION : 0) |
		       (d->related_file ? DG_RELATED : 0);

	if (!(put_str(b, d->rule->id) && put_u8(b, d->severity) &&
	      put_str(b, d->file) && put_u32(b, d->line) &&
	      put_u32(b, d->column) && put_str(b, d->message) &&
	      put_u8(b, has)))
		return false;
	if (d->has_object && !put_object(b, &d->object))
		return false;
	if (d->has_region && !put_object(b, &d->region))
		return false;
	return !d->related_file ||
	       (put_str(b, d->related_file) && put_u32(b, d->related_line) &&
		put_u32(b, d->related_column));
}

bool wire_put_scan(wire_buf *b, const requests *r, const vl_diags *notes)
{
	if (!put_count(b, r->n))
		return false;
	for (size_t i = 0; i < r->n; i++)
		if (!put_request(b, &r->v[i]))
			return false;
	if (!put_count(b, r->nconsts))
		return false;
	for (size_t i = 0; i < r->nconsts; i++)
		if (!put_str(b, r->consts[i].usr) ||
		    !put_u64(b, r->consts[i].value))
			return false;
	if (!put_count(b, notes->n))
		return false;
	for (size_t i = 0; i < notes->n; i++)
		if (!put_note(b, &notes->v[i]))
			return false;
	return true;
}

/* ---- Reading ------------------------------------------------------------ */

typedef struct reader {
	const uint8_t *p;
	size_t n, at;
	vl_error *err;
	bool failed;
} reader;

static bool malformed(reader *rd, const char *what)
{
	if (!rd->failed)
		vl_fail(rd->err, NULL, 0, 0,
			"malformed scan result: %s at byte %zu of %zu", what,
			rd->at, rd->n);
	rd->failed = true;
	return false;
}

static bool out_of_memory(reader *rd)
{
	if (!rd->failed)
		vl_fail_oom(rd->err);
	rd->failed = true;
	return false;
}

static bool take(reader *rd, size_t n, const uint8_t **out)
{
	if (rd->failed)
		return false;
	if (n > rd->n - rd->at)
		return malformed(rd, "cut short");
	*out = rd->p + rd->at;
	rd->at += n;
	return true;
}

static bool get_u8(reader *rd, unsigned *v)
{
	const uint8_t *c;

	if (!take(rd, 1, &c))
		return false;
	*v = c[0];
	return true;
}

static bool get_u32(reader *rd, uint32_t *v)
{
	const uint8_t *c;

	if (!take(rd, 4, &c))
		return false;
	*v = 0;
	for (int i = 0; i < 4; i++)
		*v |= (uint32_t)c[i] << (8 * i);
	return true;
}

static bool get_u64(reader *rd, uint64_t *v)
{
	const uint8_t *c;

	if (!take(rd, 8, &c))
		return false;
	*v = 0;
	for (int i = 0; i < 8; i++)
		*v |= (uint64_t)c[i] << (8 * i);
	return true;
}

static bool get_unsigned(reader *rd, unsigned *v)
{
	uint32_t x;

	if (!get_u32(rd, &x))
		return false;
	*v = x;
	return true;
}

/* A malloc'ed string, or NULL for none; a NUL inside is malformed. */
static bool get_str(reader *rd, char **out)
{
	const uint8_t *c;
	uint32_t n;

	*out = NULL;
	if (!get_u32(rd, &n))
		return false;
	if (n == NO_STRING)
		return true;
	if (!take(rd, n, &c))
		return false;
	if (memchr(c, 0, n))
		return malformed(rd, "a NUL inside a string");
	if (!(*out = malloc((size_t)n + 1)))
		return out_of_memory(rd);
	memcpy(*out, c, n);
	(*out)[n] = 0;
	return true;
}

static void request_strings_free(request *q)
{
	free(q->name);
	free(q->call);
	free(q->rule);
	free((char *)q->file);
	free((char *)q->size_why);
	free((char *)q->at_why);
	free((char *)q->offset_why);
	for (int i = 0; i < REQ_NVALUES; i++)
		free((char *)q->sym[i]);
}

static bool get_request(reader *rd, requests *r)
{
	request q = {0};
	char *file = NULL, *why[3] = {NULL, NULL, NULL};
	unsigned kind = 0, flags = 0, flags2 = 0, sub = 0;
	bool ok = true;

	for (int i = 0; ok && i < REQ_NVALUES; i++) {
		char *sym = NULL;
		unsigned bits = 0;
		ok = get_str(rd, &sym) && get_u8(rd, &bits);
		q.sym[i] = sym;
		q.sym_bits[i] = (unsigned char)bits;
		if (ok && (bits > 64 || (sym && !bits)))
			ok = malformed(rd, "a value's width out of range");
	}
	ok = ok && get_str(rd, &q.name) && get_str(rd, &q.call) &&
	     get_str(rd, &q.rule) && get_str(rd, &file);
	q.file = file;
	ok = ok && get_str(rd, &why[0]) && get_str(rd, &why[1]) &&
	     get_str(rd, &why[2]);
	q.size_why = why[0];
	q.at_why = why[1];
	q.offset_why = why[2];
	ok = ok && get_u8(rd, &kind) && get_u8(rd, &flags) &&
	     get_u8(rd, &flags2) && get_u64(rd, &q.size) &&
	     get_u64(rd, &q.at) && get_u64(rd, &q.offset) &&
	     get_u64(rd, &q.backing_align) && get_u64(rd, &q.align) &&
	     get_unsigned(rd, &q.line) && get_unsigned(rd, &q.column) &&
	     get_u8(rd, &sub) && get_u64(rd, &q.sub_size) &&
	     get_unsigned(rd, &q.sub_line) && get_unsigned(rd, &q.sub_column);
	q.in_sub = sub & 1;
	q.sub_size_unknown = sub & 2;
	if (ok && !q.name)
		ok = malformed(rd, "a request without a name");
	if (ok && kind > REQ_IMAGE)
		ok = malformed(rd, "an unknown request kind");
	if (ok) {
		q.kind = (req_kind)kind;
		q.fixed = flags & RQ_FIXED;
		q.has_offset = flags & RQ_HAS_OFFSET;
		q.platform = flags & RQ_PLATFORM;
		q.size_unknown = flags & RQ_SIZE_UNKNOWN;
		q.at_unknown = flags & RQ_AT_UNKNOWN;
		q.offset_unknown = flags & RQ_OFFSET_UNKNOWN;
		q.reserves = flags & RQ_RESERVES;
		q.replaces = flags & RQ_REPLACES;
		q.size_whole = flags2 & RQ_SIZE_WHOLE;
		q.fixed_maybe = flags2 & RQ_FIXED_MAYBE;
		ok = requests_add(r, &q) || out_of_memory(rd);
	}
	request_strings_free(&q);
	return ok;
}

static bool get_object(reader *rd, vl_object *o)
{
	return get_str(rd, &o->kind) && get_str(rd, &o->name) &&
	       get_u64(rd, &o->range.start) && get_u64(rd, &o->range.end);
}

static bool get_note(reader *rd, vl_diags *notes)
{
	char *id = NULL, *file = NULL, *msg = NULL, *related = NULL;
	vl_object obj = {0}, region = {0};
	unsigned sev = 0, line = 0, col = 0, has = 0;
	unsigned rline = 0, rcol = 0;
	const vl_rule *rule = NULL;
	vl_diag *d;
	bool ok;

	ok = get_str(rd, &id) && get_u8(rd, &sev) && get_str(rd, &file) &&
	     get_unsigned(rd, &line) && get_unsigned(rd, &col) &&
	     get_str(rd, &msg) && get_u8(rd, &has);
	ok = ok && (!(has & DG_OBJECT) || get_object(rd, &obj));
	ok = ok && (!(has & DG_REGION) || get_object(rd, &region));
	ok = ok && (!(has & DG_RELATED) ||
		    (get_str(rd, &related) && get_unsigned(rd, &rline) &&
		     get_unsigned(rd, &rcol)));
	if (ok && !(id && (rule = vl_rule_find(id))))
		ok = malformed(rd, "a note with an unknown rule");
	if (ok && (sev > VL_ERROR || !msg))
		ok = malformed(rd, "a note without a severity or message");
	if (ok && (has & DG_RELATED) && !related)
		ok = malformed(rd, "a related place without a file");
	if (ok) {
		d = vl_diags_add(notes, rule, file, line, col, "%s", msg);
		ok = d != NULL;
		if (ok)
			d->severity = (vl_severity)sev;
		ok = ok &&
		     (!(has & DG_OBJECT) ||
		      vl_diag_set_object(d, obj.kind, obj.name, obj.range)) &&
		     (!(has & DG_REGION) ||
		      vl_diag_set_region(d, region.name, region.range)) &&
		     (!related || vl_diag_set_related(d, related, rline, rcol));
		if (!ok)
			out_of_memory(rd);
	}
	free(id);
	free(file);
	free(msg);
	free(related);
	free(obj.kind);
	free(obj.name);
	free(region.kind);
	free(region.name);
	return ok;
}

static bool get_const(reader *rd, requests *r)
{
	char *usr = NULL;
	uint64_t v;
	bool ok = get_str(rd, &usr) && get_u64(rd, &v);

	if (ok && !usr)
		ok = malformed(rd, "a constant without a name");
	ok = ok && (requests_add_const(r, usr, v) || out_of_memory(rd));
	free(usr);
	return ok;
}

bool wire_get_scan(const uint8_t *p, size_t n, requests *r, vl_diags *notes,
		   vl_error *err)
{
	reader rd = {p, n, 0, err, false};
	uint32_t count;

	if (!get_u32(&rd, &count))
		return false;
	for (uint32_t i = 0; i < count; i++)
		if (!get_request(&rd, r))
			return false;
	if (!get_u32(&rd, &count))
		return false;
	for (uint32_t i = 0; i < count; i++)
		if (!get_const(&rd, r))
			return false;
	if (!get_u32(&rd, &count))
		return false;
	for (uint32_t i = 0; i < count; i++)
		if (!get_note(&rd, notes))
			return false;
	if (rd.at != rd.n)
		return malformed(&rd, "bytes after the end");
	return true;
}
