#define CLANGAPI_IMPLEMENTATION
#include "clangapi.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

clang_api_t clangapi;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool loaded;
/* Why loading failed; malloc'ed once and kept for the run (NULL after a
 * failure means memory ran out saying why). */
static char *failure;

static void load(void)
{
	/* Debian's libclang-14 names; the versioned one first, so another
	 * installed libclang is not picked up by accident. */
	static const char *const names[] = {
	    "libclang-14.so.1", "libclang-14.so.13", "libclang-14.so",
	    "/usr/lib/llvm-14/lib/libclang.so.1", "libclang.so.1"};
	void *h = NULL;

	/* libclang runs every parse on a thread of its own, created for the
	 * parse, with an 8 MiB stack.  The parse processes (source.c) give
	 * their one thread a stack as large, and a thread a parse cost 13%
	 * of a scan (bench/sources).  Set before any parse process starts;
	 * a user's own setting stays. */
	setenv("LIBCLANG_NOTHREADS", "1", 0);
	for (size_t i = 0; !h && i < sizeof(names) / sizeof(names[0]); i++)
		h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		failure = vl_strprintf("cannot load libclang 14 (%s): install "
				       "the package libclang1-14",
				       dlerror());
		return;
	}
#define CLANGAPI_LOOKUP(name)                                                  \
	if (!(clangapi.name = (__typeof__(clangapi.name))dlsym(h, #name))) {   \
		failure = vl_strprintf(                                        \
		    "libclang has no %s: libclang 14 is needed", #name);       \
		return;                                                        \
	}
	CLANGAPI_FUNCTIONS(CLANGAPI_LOOKUP)
#undef CLANGAPI_LOOKUP
	loaded = true;
}

bool clangapi_load(vl_error *err)
{
	pthread_once(&once, load);
	return loaded || vl_fail(err, NULL, 0, 0, "%s",
				 failure ? failure : "out of memory");
}
