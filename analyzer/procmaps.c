#include "procmaps.h"

#include "infile.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void procmaps_free(procmaps *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].path);
	free(m->v);
	free(m->path);
	memset(m, 0, sizeof(*m));
}

bool procmap_anonymous(const procmap *m)
{
	return (!m->path[0] && !m->inode) || !strncmp(m->path, "/memfd:", 7) ||
	       !strncmp(m->path, "[anon:", 6);
}

bool procmap_no_access(const procmap *m)
{
	return m->perms[0] == '-' && m->perms[1] == '-' && m->perms[2] == '-';
}

bool procmap_kernel(const procmap *m)
{
	return !strcmp(m->path, "[vsyscall]");
}

/* A hexadecimal number up to the first character not in it; false when
 * there is none or it passes 64 bits. */
static bool hex(const char **p, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;

	if (!isxdigit((unsigned char)*s))
		return false;
	for (; isxdigit((unsigned char)*s); s++) {
		unsigned d = (unsigned)(*s <= '9'   ? *s - '0'
					: *s <= 'F' ? *s - 'A' + 10
						    : *s - 'a' + 10);
		if (v >> 60)
			return false;
		v = v << 4 | d;
	}
	*p = s;
	*out = v;
	return true;
}

static bool dec(const char **p, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;

	if (*s < '0' || *s > '9')
		return false;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*p = s;
	*out = v;
	return true;
}

static void spaces(const char **p)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
}

/* One line; false with the column where it went wrong in *col. */
static bool parse_line(const char *line, procmap *m, unsigned *col)
{
	const char *p = line;
	uint64_t dev_major, dev_minor;

#define WANT(ok)                                                               \
	do {                                                                   \
		if (!(ok)) {                                                   \
			*col = (unsigned)(p - line) + 1;                       \
			return false;                                          \
		}                                                              \
	} while (0)
	WANT(hex(&p, &m->range.start));
	WANT(*p == '-');
	p++;
	WANT(hex(&p, &m->range.end));
	WANT(*p == ' ');
	spaces(&p);
	for (int i = 0; i < 4; i++, p++)
		WANT(strchr(i == 3   ? "ps"
			    : i == 0 ? "r-"
			    : i == 1 ? "w-"
				     : "x-",
			    *p) &&
		     *p);
	memcpy(m->perms, p - 4, 4);
	m->perms[4] = '\0';
	WANT(*p == ' ');
	spaces(&p);
	WANT(hex(&p, &m->offset));
	spaces(&p);
	WANT(hex(&p, &dev_major));
	WANT(*p == ':');
	p++;
	WANT(hex(&p, &dev_minor));
	spaces(&p);
	WANT(dec(&p, &m->inode));
	WANT(*p == ' ' || *p == '\t' || *p == '\0');
	spaces(&p);
#undef WANT
	/* The rest of the line is the path, spaces and all. */
	m->path = strdup(p);
	return m->path != NULL;
}

/* The file's text, read whole: /proc files have no size in st_size. */
static char *slurp(const char *path, vl_error *err)
{
	struct stat sb;
	size_t len = 0, cap = 1 << 16;
	char *text;
	int errnum, fd = infile_open(path, &sb, &errnum);

	if (fd < 0) {
		if (errnum)
			vl_fail(err, path, 0, 0, "cannot open: %s",
				strerror(errnum));
		else
			vl_fail(err, path, 0, 0,
				"is %s, not a regular file: a maps file is a "
				"saved /proc/PID/maps",
				infile_kind(sb.st_mode));
		return NULL;
	}
	if (!(text = malloc(cap))) {
		close(fd);
		vl_fail_oom(err);
		return NULL;
	}
	for (;;) {
		if (len + 1 == cap) {
			char *t = cap <= (size_t)256 << 20
				      ? realloc(text, 2 * cap)
				      : NULL;
			if (!t) {
				free(text);
				close(fd);
				vl_fail(err, path, 0, 0,
					"larger than 256 MiB: not a maps file");
				return NULL;
			}
			text = t;
			cap *= 2;
		}
		ssize_t r = read(fd, text + len, cap - 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			vl_fail(err, path, 0, 0, "cannot read: %s",
				strerror(errno));
			free(text);
			close(fd);
			return NULL;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	text[len] = '\0';
	if (strlen(text) != len) {
		free(text);
		vl_fail(err, path, 0, 0,
			"contains a NUL byte: not a maps file");
		return NULL;
	}
	return text;
}

bool procmaps_push(procmaps *out, const procmap *m)
{
	if (out->n == out->cap) {
		size_t cap = out->cap ? 2 * out->cap : 64;
		procmap *v = realloc(out->v, cap * sizeof(*v));
		if (!v)
			return false;
		out->v = v;
		out->cap = cap;
	}
	out->v[out->n++] = *m;
	return true;
}

bool procmaps_read(const char *path, procmaps *out, vl_error *err)
{
	char *text, *line, *next;
	unsigned lineno = 0;

	memset(out, 0, sizeof(*out));
	if (!(out->path = strdup(path)))
		return vl_fail_oom(err);
	if (!(text = slurp(path, err))) {
		procmaps_free(out);
		return false;
	}
	for (line = text; *line; line = next) {
		procmap m = {0};
		unsigned col = 1;
		char *nl = strchr(line, '\n');
		next = nl ? nl + 1 : line + strlen(line);
		if (nl)
			*nl = '\0';
		lineno++;
		if (!*line)
			continue;
		if (!parse_line(line, &m, &col)) {
			free(m.path);
			vl_fail(err, path, lineno, col,
				"expected a /proc/PID/maps line: START-END "
				"PERMS OFFSET DEV INODE [PATH]");
			goto fail;
		}
		m.line = lineno;
		const procmap *prev = out->n ? &out->v[out->n - 1] : NULL;
		const char *bad = m.range.end <= m.range.start ? "is empty"
				  : prev && m.range.start < prev->range.end
				      ? "overlaps or comes before the line "
					"above"
				      : NULL;
		if (bad || out->n >= PROCMAPS_MAX || !procmaps_push(out, &m)) {
			free(m.path);
			if (bad)
				vl_fail(err, path, lineno, 1, "the mapping %s",
					bad);
			else if (out->n >= PROCMAPS_MAX)
				vl_fail(err, path, lineno, 1,
					"more than %d mappings", PROCMAPS_MAX);
			else
				vl_fail_oom(err);
			goto fail;
		}
	}
	free(text);
	return true;
fail:
	free(text);
	procmaps_free(out);
	return false;
}
