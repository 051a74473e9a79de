#include "jsondoc.h"

#include <errno.h>
#include <stdlib.h>

#include "escape.h"
#include "range.h"

json_t *jd_str(const char *s)
{
	json_t *j;
	char *e;

	if (!s)
		return NULL;
	if (esc_utf8_clean(s))
		return json_string(s);
	if (!(e = esc_utf8(s)))
		return NULL;
	j = json_string(e);
	free(e);
	return j;
}

json_t *jd_str_or_null(const char *s)
{
	return s ? jd_str(s) : json_null();
}

json_t *jd_hex(uint64_t x)
{
	char buf[VA_HEX_LEN];

	return json_string(va_hex(x, buf));
}

json_t *jd_line(unsigned n)
{
	return n ? json_integer(n) : json_null();
}

json_t *jd_set(json_t *obj, const char *key, json_t *v, bool *ok)
{
	char *e = NULL;
	int rc = -1;

	if (!esc_utf8_clean(key))
		key = e = esc_utf8(key);
	/* jansson releases v when it cannot add it; a NULL key it does not
	 * check for. */
	if (key && v)
		rc = json_object_set_new(obj, key, v);
	else
		json_decref(v);
	free(e);
	if (rc) {
		*ok = false;
		return NULL;
	}
	return v;
}

json_t *jd_append(json_t *arr, json_t *v, bool *ok)
{
	/* jansson releases v when it cannot add it */
	if (!v || json_array_append_new(arr, v)) {
		*ok = false;
		return NULL;
	}
	return v;
}

bool jd_write(FILE *f, json_t *root, bool ok)
{
	bool written;

	if (!ok || !root) {
		json_decref(root);
		errno = ENOMEM;
		return false;
	}
	written =
	    json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 &&
	    fputc('\n', f) != EOF;
	json_decref(root);
	return written && !ferror(f);
}
