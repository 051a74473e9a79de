/*
 * The mmap wrappers rules/wrappers.yaml names, declared with their
 * parameter lists for vaslint's corpus: Genode base-linux's lx_mmap
 * (repos/base-linux/src/lib/syscall/linux_syscalls.h), Wine's preloader
 * wld_mmap (loader/preloader.c) and rr's AutoRemoteSyscalls::
 * infallible_mmap_syscall (src/AutoRemoteSyscalls.h).  Declarations
 * only, written for the corpus.
 */
#ifndef CORPUS_WRAPPERS_H
#define CORPUS_WRAPPERS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif
void *lx_mmap(void *start, size_t length, int prot, int flags, int fd,
              off_t offset);
void *wld_mmap(void *start, size_t len, int prot, int flags, int fd,
               off_t offset);
#ifdef __cplusplus
}

namespace rr {

template <typename T> class remote_ptr
{
	uintptr_t _ptr;

      public:
	remote_ptr() : _ptr(0) {}
	remote_ptr(uintptr_t p) : _ptr(p) {}
	uintptr_t as_int() const { return _ptr; }
};

class Task;

class AutoRemoteSyscalls
{
      public:
	explicit AutoRemoteSyscalls(Task *t);
	remote_ptr<void> infallible_mmap_syscall(remote_ptr<void> addr,
						 size_t length, int prot,
						 int flags, int child_fd,
						 uint64_t offset_pages);
};

} /* namespace rr */
#endif

#endif
