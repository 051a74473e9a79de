/* What the harnesses share: the input as a file for readers that take a
 * path, and where the repository (its layouts) is. */
#ifndef VASLINT_FUZZ_UTIL_H
#define VASLINT_FUZZ_UTIL_H

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* One memory file per process, rewritten for every input, so a reader
 * that opens a path reads exactly the fuzzer's bytes without touching the
 * disk.  Returns "/proc/self/fd/N". */
__attribute__((unused)) static const char *fuzz_memfile(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];

	if (fd < 0) {
		fd = memfd_create("fuzz-input", MFD_CLOEXEC);
		if (fd < 0) {
			perror("memfd_create");
			abort();
		}
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0) {
		perror("ftruncate");
		abort();
	}
	for (size_t done = 0; done < size;) {
		ssize_t w = pwrite(fd, data + done, size - done, (off_t)done);
		if (w <= 0) {
			perror("pwrite");
			abort();
		}
		done += (size_t)w;
	}
	return path;
}

/* The repository root: $VASLINT_ROOT, else two directories above the
 * harness binary (build/fuzz/fuzz_x). */
__attribute__((unused)) static const char *fuzz_root(void)
{
	static char root[PATH_MAX];
	const char *env = getenv("VASLINT_ROOT");
	ssize_t n;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", root, sizeof(root) - 1);
	if (n <= 0) {
		perror("readlink /proc/self/exe");
		abort();
	}
	root[n] = 0;
	for (int up = 0; up < 3; up++) {
		char *slash = strrchr(root, '/');
		if (!slash) {
			fprintf(stderr, "fuzz: cannot find the repository "
					"from the harness path; set "
					"VASLINT_ROOT\n");
			abort();
		}
		*slash = 0;
	}
	return root;
}

/* Load layouts/NAME.yaml with the given defines, or abort: a harness
 * without its layout would quietly test less. */
#define FUZZ_LOAD_LAYOUT(name, defs, ndefs, out)                               \
	do {                                                                   \
		char p_[PATH_MAX];                                             \
		vl_error e_ = {0};                                             \
		snprintf(p_, sizeof(p_), "%s/layouts/%s.yaml", fuzz_root(),    \
			 name);                                                \
		if (!layout_load(p_, defs, ndefs, out, &e_)) {                 \
			fprintf(stderr, "fuzz: %s:%u:%u: %s\n", e_.file,       \
				e_.line, e_.column, e_.msg);                   \
			abort();                                               \
		}                                                              \
		vl_error_free(&e_);                                            \
	} while (0)

#endif
