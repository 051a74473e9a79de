/* SPDX-License-Identifier: MIT */
/* What the build fixed: the version vaslint reports and the data directory
 * it was installed for (SConstruct writes both into buildinfo.h). */
#ifndef VASLINT_VERSION_H
#define VASLINT_VERSION_H

/* `git describe --tags --always --dirty` in a git checkout, else the
 * VERSION file: printed by --version and in JSON and SARIF reports. */
extern const char vaslint_version[];
#define VASLINT_VERSION vaslint_version

/* PREFIX/share/vaslint, holding layouts/ and rules/ once installed. */
extern const char vaslint_datadir[];

#endif
