/* Memory requests: something a program asks the platform to place in its
 * address space (allocate, attach, map, reserve), from a requests file, an
 * image's segments or (later) source code.  Checks and the planner work on
 * these values only. */
#ifndef VASLINT_REQUESTS_H
#define VASLINT_REQUESTS_H

#include "diag.h"
#include "layout.h"
#include "yamldoc.h"

typedef enum req_kind {
	REQ_ALLOCATE,
	REQ_ATTACH,
	REQ_MAP,
	REQ_RESERVE,
	REQ_IMAGE, /* a program image the planner may link anywhere */
} req_kind;

const char *req_kind_name(req_kind k);

/* The values of a request that can be unknown, as indexes. */
enum { REQ_SIZE, REQ_AT, REQ_OFFSET, REQ_NVALUES };

typedef struct request {
	char *name;
	req_kind kind;
	uint64_t size;
	bool fixed; /* at a given address */
	uint64_t at;
	bool has_offset; /* offset into the backing store */
	uint64_t offset;
	uint64_t backing_align; /* 0: not given (assume as aligned as needed) */
	uint64_t align;		/* at least this alignment (images: p_align) */
	bool platform; /* a layout region: the platform placed it already */
	/* From source code: what could not be evaluated to a constant is
	 * unknown (reported as such, never guessed, and skipped by the
	 * checks that need it). */
	bool size_unknown, at_unknown, offset_unknown;
	/* Why each unknown value is not known, in a few words ("'len' is
	 * assigned in a branch at line 12"); NULL: not said. */
	const char *size_why, *at_why, *offset_why; /* malloc'ed in requests */
	bool size_whole;  /* size 0, the whole dataspace (size_unknown too) */
	bool fixed_maybe; /* not known whether fixed (fixed, at_unknown too) */
	/* An unknown value that is what a function defined in another file
	 * returns, plus a constant: the function's USR (malloc'ed; NULL:
	 * none), the constant in size/at/offset, and the width the value is
	 * cut to.  source.c resolves it after all files are scanned. */
	const char *sym[REQ_NVALUES];
	unsigned char sym_bits[REQ_NVALUES];
	bool reserves;	  /* a reservation: PROT_NONE mmap, managed dataspace */
	bool replaces;	  /* replaces what is mapped there (MAP_FIXED) */
	char *call;	  /* the callee, for messages ("mmap"); NULL: none */
	char *rule;	  /* the rule set entry that matched; NULL: none */
	const char *file; /* where it was asked for; NULL: unknown */
	unsigned line, column;
	/* Into a region map of the program's own (a Genode managed dataspace
	 * from Rm_session::create), not into its address space: at is an
	 * offset inside that region map, which has sub_size bytes and was
	 * created at sub_line:sub_column of file (0: elsewhere). */
	bool in_sub;
	bool sub_size_unknown;
	uint64_t sub_size;
	unsigned sub_line, sub_column;
} request;

/* A function of a scanned file that returns a constant, by USR. */
typedef struct req_const {
	char *usr;
	uint64_t value;
} req_const;

typedef struct requests {
	request *v;
	size_t n, cap;
	/* The functions of the scanned files that return a constant: what
	 * resolves a request's sym (source.c). */
	req_const *consts;
	size_t nconsts, cconsts;
	char **files; /* file names the requests point into */
	size_t nfiles;
} requests;

/* Read a requests file (DESIGN.md's format; values are ld expressions
 * that may name the layout's parameters) and append its requests. */
bool requests_load(const char *path, const layout *l, requests *out,
		   vl_error *err);
/* Append a copy of q (its name copied, file interned). */
bool requests_add(requests *r, const request *q);
/* Append a function's constant (usr copied). */
bool requests_add_const(requests *r, const char *usr, uint64_t value);
void requests_free(requests *r);
/* A kind as a YAML scalar (allocate, attach, map, reserve); false with
 * the document's error at the node. */
bool requests_read_kind(yd_doc *d, yaml_node_t *n, req_kind *out);

#endif
