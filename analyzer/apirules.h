/* API rule sets (rules/NAME.yaml): which calls ask for memory and what each
 * of their arguments means.  The source scanner matches calls against them
 * (source.h); the format is README.md's "API rule sets", with the keys
 * listed at api_rule. */
#ifndef VASLINT_APIRULES_H
#define VASLINT_APIRULES_H

#include "diag.h"
#include "requests.h"

/* What an argument, or a field of a struct argument, means. */
typedef enum api_role {
	API_DATASPACE, /* the backing store: named, not evaluated */
	API_ADDRESS,
	API_SIZE,
	API_OFFSET,
	API_PROT,
	API_FLAGS,
	API_FIXED, /* nonzero: at the address (use_local_addr, use_at) */
	API_ALIGN,
	API_NROLES,
} api_role;

const char *api_role_name(api_role r);

#define API_NONE (-1)

/* One rule.  Keys (rules/NAME.yaml):
 *   id            unique name, reported with each request
 *   call          qualified callee name, or a list of them; a method also
 *                 matches the calls of the methods that override it;
 *                 a constructor is Class::Class
 *   usr           optional: only the overload with this clang USR; without
 *                 it, every overload whose parameters fit the indexes
 *                 and roles (README "API rule sets")
 *   kind          allocate | attach | map | reserve
 *   args          {role: index}: dataspace, address, size, offset, prot,
 *                 flags, fixed, align
 *   fields        {arg: index, role: field}: a struct argument (Genode's
 *                 Attr) and its fields for size, offset, address, fixed
 *   fixed-flags   [NAME...]: fixed when the flags have any of these bits
 *   replace-flags [NAME...]: a fixed mapping with any of these bits
 *                 replaces what is mapped there ...
 *   noreplace-flags [NAME...]: ... unless it has one of these
 *   reserve-when  {role: NAME}: a reservation when the argument has that
 *                 value (mmap with PROT_NONE)
 *   reserves      true: always a reservation (a managed dataspace); an
 *                 attach called on an object built from its result goes
 *                 into that region map (source.c, sub_map_of)
 *   zero-size-whole true: size 0 means the whole dataspace, whose size the
 *                 call does not tell
 *   values        {NAME: number}: the values of the names above, from the
 *                 platform's headers (cited in the rule file); flags and
 *                 values are ld expressions over these names
 * Without fixed-flags or a fixed role, a rule with an address is fixed
 * (attach_at) and one without is not. */
typedef struct api_rule {
	char *id;
	char **calls;
	size_t ncalls;
	char *usr;
	req_kind kind;
	int arg[API_NROLES];	 /* argument index, or API_NONE */
	int fields_arg;		 /* the struct argument, or API_NONE */
	char *field[API_NROLES]; /* its field for a role, or NULL */
	bool has_fixed_flags;
	uint64_t fixed_flags, replace_flags, noreplace_flags;
	bool reserve_when[API_NROLES];
	uint64_t reserve_value[API_NROLES];
	bool reserves;
	bool zero_size_whole;
	const char *file; /* where the rule is written */
	unsigned line, column;
} api_rule;

typedef struct api_rules {
	api_rule *v;
	size_t n, cap;
	char **files; /* rule files read, for api_rule.file */
	size_t nfiles;
} api_rules;

/* Read the rule set at path (a YAML list of rules) and append its rules to
 * out, so several files make one set; an id may appear once in the whole
 * set.  False with err (file, line, column) on a malformed file. */
bool api_rules_load(const char *path, api_rules *out, vl_error *err);
void api_rules_free(api_rules *r);
const api_rule *api_rules_find(const api_rules *r, const char *id);

#endif
