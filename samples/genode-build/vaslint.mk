#
# vaslint for a Genode build directory: checks every program the build
# linked against the address-space layout of the platform it was built for,
# and prints the findings one per line, each starting with "[vaslint] ",
# closed by one "[vaslint] result: ok ..." or "[vaslint] result: failed ..."
# line, so that a run script or a CI log can match them.
#
# Use it in one of two ways (the README's "Genode" section has an example):
#
#  1. Dropped into the build directory: add to etc/build.conf
#
#         include /path/to/vaslint.mk
#
#     and every 'make <targets>' there, including the build steps of run
#     scripts, ends with the check of what it built.  A finding fails the
#     build (set VASLINT_FAIL=no to only report).
#
#  2. On its own, after a build:
#
#         make -f /path/to/vaslint.mk -C build/x86_64 KERNEL=nova
#
# The layout is genode-<kernel>-<arch>: the kernel from KERNEL (or
# BOARD=linux), the arch from SPECS (x86_32, x86_64, arm_v7a, arm_v8a; the
# build directory's etc/specs.conf names it).  Variables, all optional:
#
#   VASLINT           the vaslint program (default: vaslint on PATH)
#   VASLINT_LAYOUT    the layout name or a .yaml file, instead of the derived one
#   VASLINT_PARAMS    layout parameters as NAME=VALUE words, e.g.
#                     GUEST_RAM=256M for a VMM that shadows guest RAM
#   VASLINT_PROGRAMS  the files to check (default: the programs of the last
#                     build, by progress.log, else every program in bin/)
#   VASLINT_SKIP      names in bin/ that are no Genode component and are not
#                     checked (default: kernels, core, boot loaders, and
#                     shared objects, which ld.lib.so places itself)
#   VASLINT_FLAGS     more options for 'vaslint check', e.g. --werror
#   VASLINT_FAIL      yes (default): a finding fails make; no: report only
#
# Only ELF executables (ET_EXEC) are checked.  vaslint's exit status 2 (an
# unknown layout, an unreadable program) always fails.
#

ifndef _VASLINT_MK_INCLUDED
_VASLINT_MK_INCLUDED := yes

# Called with -f: on our own, in the build directory (make -C).
_vaslint_standalone := $(if $(filter $(lastword $(MAKEFILE_LIST)),$(firstword $(MAKEFILE_LIST))),yes)

ifeq ($(_vaslint_standalone),yes)
# What Genode's build.mk reads before it builds: the build configuration
# (KERNEL, BOARD) and the build directory's SPECS.
SPECS ?=
-include etc/build.conf
-include etc/specs.conf
endif

VASLINT          ?= vaslint
VASLINT_PARAMS   ?=
VASLINT_FLAGS    ?=
VASLINT_FAIL     ?= yes
VASLINT_PROGRAMS ?=
VASLINT_SKIP     ?= hypervisor sel4 sel4-% foc foc-% fiasco sigma0 sigma0-% \
                    bootstrap% core-% kernel-% %.lib.so %.abi.so %.lib.a \
                    %.a %.o

# Recursive on purpose: SPECS is complete only after build.mk has read the
# repositories' specs.conf files, which happens after build.conf.
_vaslint_kernel = $(or $(KERNEL),$(if $(filter linux,$(BOARD)),linux))
_vaslint_arch   = $(firstword $(filter x86_32 x86_64 arm_v7a arm_v8a arm_v6 riscv,$(SPECS)))
_vaslint_name   = $(if $(and $(_vaslint_kernel),$(_vaslint_arch)),$(if \
                     $(filter hw-riscv,$(_vaslint_kernel)-$(_vaslint_arch)),genode-hw-64,$(strip \
                     genode-$(_vaslint_kernel)-$(_vaslint_arch))))
VASLINT_LAYOUT  ?= $(_vaslint_name)

# The check, one shell: pick the programs, run vaslint once on all of them
# (each is a program of its own), prefix every line, count, conclude.
define _vaslint_check
layout='$(strip $(VASLINT_LAYOUT))'; \
if [ -z "$$layout" ]; then \
	echo "[vaslint] result: failed (no layout for KERNEL='$(KERNEL)' BOARD='$(BOARD)' SPECS='$(strip $(SPECS))': set VASLINT_LAYOUT)"; \
	exit 2; \
fi; \
is_program() { \
	[ -f "$$1" ] || return 1; \
	[ "$$(od -An -N4 -tx1 "$$1" | tr -d ' \n')" = 7f454c46 ] || return 1; \
	t=$$(od -An -j16 -N2 -tx1 "$$1" | tr -d ' \n'); \
	[ "$$t" = 0200 ] || [ "$$t" = 0002 ]; \
}; \
skipped() { \
	for p in $(subst %,*,$(VASLINT_SKIP)); do \
		case "$$1" in $$p) return 0;; esac; \
	done; \
	return 1; \
}; \
set --; \
if [ -n '$(strip $(VASLINT_PROGRAMS))' ]; then \
	for f in $(VASLINT_PROGRAMS); do set -- "$$@" "$$f"; done; \
else \
	names=$$(sed -n 's/^BUILD_ARTIFACTS += //p' progress.log 2>/dev/null | sort -u); \
	[ -n "$$names" ] || names=$$(ls bin 2>/dev/null); \
	for n in $$names; do \
		skipped "$$n" && continue; \
		is_program "bin/$$n" && set -- "$$@" "bin/$$n"; \
	done; \
fi; \
if [ $$# -eq 0 ]; then \
	echo "[vaslint] result: ok (no program to check; layout $$layout)"; \
	exit 0; \
fi; \
echo "[vaslint] checking $$# program(s) against layout $$layout"; \
out=$$($(VASLINT) check -L "$$layout" $(addprefix -D ,$(VASLINT_PARAMS)) \
	$(VASLINT_FLAGS) "$$@" 2>&1); \
rc=$$?; \
[ -z "$$out" ] || printf '%s\n' "$$out" | sed 's/^/[vaslint] /'; \
errors=$$(printf '%s\n' "$$out" | grep -c ': error: '); \
warnings=$$(printf '%s\n' "$$out" | grep -c ': warning: '); \
summary="$$errors error(s), $$warnings warning(s) in $$# program(s); layout $$layout"; \
case $$rc in \
0) echo "[vaslint] result: ok ($$summary)";; \
1) echo "[vaslint] result: failed ($$summary)"; \
   [ '$(VASLINT_FAIL)' = no ] || exit 1;; \
*) echo "[vaslint] result: failed (vaslint could not check: exit $$rc; layout $$layout)"; \
   exit 2;; \
esac
endef

# Rules here must not become the default goal of the makefile that
# includes us (build.conf is read before build.mk's first rule).
_vaslint_default_goal := $(.DEFAULT_GOAL)

ifeq ($(_vaslint_standalone),yes)
.PHONY: vaslint
vaslint:
	@$(_vaslint_check)
else
# The target has its own name: build.mk takes every other goal it is given
# for a directory of programs to build.
.PHONY: vaslint-check
vaslint-check:
	@$(_vaslint_check)

# Included from etc/build.conf: check after the build of every goal that
# builds programs, as build.mk names them ('make' alone builds everything).
_vaslint_goals := $(filter-out clean cleanall again run/% lib/%,$(MAKECMDGOALS))
ifeq ($(MAKECMDGOALS),)
_vaslint_goals := _all
endif
ifneq ($(_vaslint_goals),)
$(_vaslint_goals): vaslint-check
vaslint-check: gen_deps_and_build_targets
endif
endif

.DEFAULT_GOAL := $(if $(_vaslint_standalone),vaslint,$(_vaslint_default_goal))

endif # _VASLINT_MK_INCLUDED
