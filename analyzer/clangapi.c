#define CLANGAPI_IMPLEMENTATION
#include "clangapi.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "version.h"

clang_api_t clangapi;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool loaded;
/* Why loading failed; malloc'ed once and kept for the run (NULL after a
 * failure means memory ran out saying why). */
static char *failure;
/* What was loaded (malloc'ed, kept for the run) and its major version. */
static char *library;
static unsigned major;

#define LIBCLANG_ENV "VASLINT_LIBCLANG"

/* "Debian clang version 16.0.6 (15)" -> 16; 0 when it says no version. */
static unsigned version_major(void)
{
	CXString s = clangapi.clang_getClangVersion();
	const char *text = clangapi.clang_getCString(s);
	const char *v = text ? strstr(text, "version ") : NULL;
	unsigned m = v ? (unsigned)strtoul(v + 8, NULL, 10) : 0;

	clangapi.clang_disposeString(s);
	return m;
}

static void *open_library(const char *name)
{
	void *h = dlopen(name, RTLD_NOW | RTLD_LOCAL);

	if (h && !(library = strdup(name))) {
		dlclose(h);
		return NULL;
	}
	return h;
}

/* Debian ships libclang under /usr/lib/llvm-N/lib as libclang.so.1 (14,
 * 16) or as libclang-N.so.1 only (19). */
static void *open_in(const char *dir, unsigned version)
{
	char *path = vl_strprintf("%s/lib/libclang.so.1", dir);
	void *h = path ? open_library(path) : NULL;

	free(path);
	if (!h && version &&
	    (path = vl_strprintf("%s/lib/libclang-%u.so.1", dir, version))) {
		h = open_library(path);
		free(path);
	}
	return h;
}

static void load(void)
{
	/* The build's LLVM first, so that the headers it compiled against
	 * and the library agree where they can; then the newest Debian 12
	 * has (only 19 parses current Genode's C++20 headers), 16, 14; a bare
	 * name last.  Each by its path under /usr/lib/llvm-N, so another
	 * installed libclang is not picked up by accident. */
	static const unsigned majors[] = {19, 16, 14};
	const char *base = strrchr(vaslint_llvm_dir, '-');
	unsigned own = base ? (unsigned)strtoul(base + 1, NULL, 10) : 0;
	const char *given = getenv(LIBCLANG_ENV);
	void *h = NULL;

	/* libclang runs every parse on a thread of its own, created for the
	 * parse, with an 8 MiB stack.  The parse processes (source.c) give
	 * their one thread a stack as large, and a thread a parse cost 13%
	 * of a scan (bench/sources).  Set before any parse process starts;
	 * a user's own setting stays. */
	setenv("LIBCLANG_NOTHREADS", "1", 0);
	if (given && *given) {
		/* Named by the user: that one or none. */
		if (!(h = open_library(given)))
			failure = vl_strprintf(
			    "cannot load libclang from $" LIBCLANG_ENV
			    " (%s): name the libclang of LLVM 14 or newer "
			    "(/usr/lib/llvm-19/lib/libclang-19.so.1), or "
			    "unset it",
			    dlerror());
	} else {
		h = open_in(vaslint_llvm_dir, own);
		for (size_t i = 0; !h && i < sizeof(majors) / sizeof(majors[0]);
		     i++) {
			char *dir = vl_strprintf("/usr/lib/llvm-%u", majors[i]);
			h = dir ? open_in(dir, majors[i]) : NULL;
			free(dir);
		}
		if (!h)
			h = open_library("libclang.so.1");
		if (!h)
			failure = vl_strprintf(
			    "cannot load libclang (%s): install the package "
			    "libclang1-19 (or libclang1-16, libclang1-14), or "
			    "name the library with $" LIBCLANG_ENV,
			    dlerror());
	}
	if (!h)
		return;
#define CLANGAPI_LOOKUP(name)                                                  \
	if (!(clangapi.name = (__typeof__(clangapi.name))dlsym(h, #name))) {   \
		failure = vl_strprintf("%s has no %s: libclang 14 or newer "   \
				       "is needed",                            \
				       library, #name);                        \
		return;                                                        \
	}
	CLANGAPI_FUNCTIONS(CLANGAPI_LOOKUP)
#undef CLANGAPI_LOOKUP
	major = version_major();
	loaded = true;
}

bool clangapi_load(vl_error *err)
{
	pthread_once(&once, load);
	return loaded || vl_fail(err, NULL, 0, 0, "%s",
				 failure ? failure : "out of memory");
}

const char *clangapi_library(void)
{
	return library;
}

unsigned clangapi_major(void)
{
	return major;
}
