/* SPDX-License-Identifier: MIT */
/* What the build fixed: the version vaslint reports and the data directory
 * it was installed for, and the LLVM it was built with (SConstruct writes
 * them into buildinfo.h). */
#ifndef VASLINT_VERSION_H
#define VASLINT_VERSION_H

/* `git describe --tags --always --dirty` in a git checkout, else the
 * VERSION file: printed by --version and in JSON and SARIF reports. */
extern const char vaslint_version[];
#define VASLINT_VERSION vaslint_version

/* PREFIX/share/vaslint, holding layouts/ and rules/ once installed. */
extern const char vaslint_datadir[];

/* The LLVM installation the build took libclang's headers from (scons
 * llvm=DIR): its libclang is the first one loaded (clangapi.c). */
extern const char vaslint_llvm_dir[];

#endif
