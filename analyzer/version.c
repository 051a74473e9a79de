/* SPDX-License-Identifier: MIT */
/* The build's own values, kept in one object so that a new commit or a new
 * PREFIX recompiles this file alone. */
#include "version.h"

#include "buildinfo.h"

const char vaslint_version[] = VASLINT_BUILD_VERSION;
const char vaslint_datadir[] = VASLINT_BUILD_DATADIR;
const char vaslint_llvm_dir[] = VASLINT_BUILD_LLVM;
