"""SCons tool for vaslint: plan a layout, fix a linker script, check a
program, as build steps.

Copy this file into your project's site_scons/site_tools/ and say

    env = Environment(tools=['default', 'vaslint'],
                      VASLINT_LAYOUT='linux-x86_64',
                      VASLINT_PARAMS={'GUEST_RAM': ARGUMENTS.get('GUEST_RAM', '256M')})
    layout_h = env.VaslintPlan('vmm_layout.h', [])          # -f from the suffix
    objs = env.Object(...)                                    # include vmm_layout.h
    script = env.VaslintFix('vmm.ld', objs)                   # --from-default
    prog = env.Program('vmm', objs, LINKFLAGS=['-no-pie', '-Wl,-T,$VASLINT_SCRIPT'],
                       VASLINT_SCRIPT=script[0])
    env.Depends(prog, script)
    env.VaslintCheck('vmm.check', prog)                       # fails the build on a finding

Construction variables:
  VASLINT          the vaslint program (default: 'vaslint' on PATH; a File
                   node or path makes every step depend on the program)
  VASLINT_LAYOUT   layout name or YAML file (-L)
  VASLINT_PARAMS   dict of layout parameters (-D NAME=VALUE), e.g. GUEST_RAM
  VASLINT_LAYOUT_PATH  directories where a layout name's NAME.yaml lives, so
                   the steps also depend on the layout file (optional)
  VASLINT_PLANFLAGS, VASLINT_FIXFLAGS, VASLINT_CHECKFLAGS  extra options

The parameters are part of every command line, so changing one (say
`scons GUEST_RAM=512M`) re-plans, re-fixes, relinks and re-checks.

VaslintPlan(target, requests): `vaslint plan`; the format follows the
target's suffix: .h header, .ld linker-script fragment, .json, .svg,
anything else text.  Sources are request files (--requests).
VaslintFix(target, objects): `vaslint fix --from-default --image OBJ...`:
the toolchain's default script with the image moved to the lowest legal
address.  Pass a script as the first source to fix that one instead.
VaslintCheck(target, programs): `vaslint check`; the report is the target.
A finding is exit 1, which fails the build; a failed step is not recorded
as done, so it runs again next time.  When the check fails, or finds
anything to warn about, its diagnostics are printed on the console too,
followed by one line that names the layout and its parameters and says
where the report is:

    vaslint: check of vmm against layout linux-x86_64 (-D GUEST_RAM=256M) failed: 1 error, 0 warnings; report in build/vmm/vmm.check
"""
import os
import subprocess

import SCons.Action
import SCons.Builder
import SCons.Subst
import SCons.Util

_FORMATS = {'.h': 'header', '.ld': 'ld', '.json': 'json', '.svg': 'svg'}


def _defines(params):
    return ['-D%s=%s' % (k, params[k]) for k in sorted(params)]


def _layout_emitter(target, source, env):
    """Every step depends on the vaslint program and the layout file."""
    extra = []
    prog = env.get('VASLINT')
    if isinstance(prog, SCons.Node.Node) or (prog and os.sep in str(prog)):
        extra.append(env.File(prog))
    layout = env.subst('$VASLINT_LAYOUT')
    if os.path.isfile(layout):
        extra.append(env.File(layout))
    else:
        for d in env.Flatten([env.get('VASLINT_LAYOUT_PATH', [])]):
            f = env.Dir(d).File(layout + '.yaml')
            if os.path.isfile(f.srcnode().abspath):
                extra.append(f)
                break
    for t in target:
        env.Depends(t, extra)
    return target, source


def _plan_format(target, source, env, for_signature):
    ext = os.path.splitext(str(target[0]))[1]
    return _FORMATS.get(ext, 'text')


def _plan_requests(target, source, env, for_signature):
    """Every source is a requests file: --requests FILE each."""
    return ' '.join('--requests ' + str(s) for s in source)


def _fix_sources(target, source, env, for_signature):
    """A script as first source is fixed; objects alone: the default."""
    srcs = [str(s) for s in source]
    if srcs and os.path.splitext(srcs[0])[1] in ('.ld', '.lds', '.x'):
        return ' '.join('--image ' + s for s in srcs[1:]) + ' ' + srcs[0]
    return '--from-default ' + ' '.join('--image ' + s for s in srcs)


_CHECK = ('$VASLINT check -L $VASLINT_LAYOUT ${_vaslint_defines} $VASLINT_CHECKFLAGS'
          ' -o $TARGET $SOURCES')


def _check_str(target, source, env):
    return env.subst(_CHECK, target=target, source=source)


def _check_run(target, source, env):
    """Runs the check with the report as the target and, unless all is
    clean, shows the report (or vaslint's own error) on the console: a
    failed build step that says only 'Error 1' sends the user looking."""
    argv = [str(a) for a in env.subst_list(_CHECK, SCons.Subst.SUBST_CMD,
                                            target=target, source=source)[0]]
    run_env = {k: str(v) for k, v in env['ENV'].items()}
    try:
        p = subprocess.run(argv, env=run_env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, universal_newlines=True)
    except OSError as e:
        print('vaslint: cannot run %s: %s' % (argv[0], e))
        return 2
    layout = env.subst('$VASLINT_LAYOUT')
    params = _defines(env.get('VASLINT_PARAMS', {}))
    what = 'check of %s against layout %s%s' % (
        ' '.join(str(s) for s in source), layout,
        ' (%s)' % ' '.join('-D ' + d[2:] for d in params) if params else '')
    if p.returncode > 1:
        # An input error: vaslint wrote no report, only its message.
        if p.stdout.strip():
            print(p.stdout.rstrip('\n'))
        print('vaslint: %s could not be done (exit %d)' % (what, p.returncode))
        return p.returncode
    report = ''
    try:
        with open(str(target[0]), encoding='utf-8', errors='replace') as f:
            report = f.read()
    except OSError:
        pass
    lines = (report + p.stdout).rstrip('\n').splitlines()
    errors = sum(': error: ' in line for line in lines)
    warnings = sum(': warning: ' in line for line in lines)
    if p.returncode == 0 and not warnings:
        return 0
    for line in lines:
        print(line)
    print('vaslint: %s %s: %d error%s, %d warning%s; report in %s' % (
        what, 'failed' if p.returncode else 'passed with warnings',
        errors, '' if errors == 1 else 's',
        warnings, '' if warnings == 1 else 's', target[0]))
    return p.returncode


def generate(env):
    env.SetDefault(VASLINT='vaslint', VASLINT_PARAMS={}, VASLINT_PLANFLAGS=[],
                   VASLINT_FIXFLAGS=[], VASLINT_CHECKFLAGS=[])
    env['_vaslint_defines'] = lambda target, source, env, for_signature: \
        ' '.join(_defines(env.get('VASLINT_PARAMS', {})))
    env['_vaslint_plan_format'] = _plan_format
    env['_vaslint_plan_requests'] = _plan_requests
    env['_vaslint_fix_sources'] = _fix_sources
    common = '$VASLINT %s -L $VASLINT_LAYOUT ${_vaslint_defines}'
    plan = SCons.Action.Action(
        common % 'plan' + ' $VASLINT_PLANFLAGS ${_vaslint_plan_requests}'
        ' -f ${_vaslint_plan_format} -o $TARGET')
    fix = SCons.Action.Action(
        common % 'fix' + ' $VASLINT_FIXFLAGS ${_vaslint_fix_sources} -o $TARGET')
    check = SCons.Action.Action(_check_run, strfunction=_check_str,
                                varlist=['VASLINT', 'VASLINT_LAYOUT',
                                         'VASLINT_PARAMS', 'VASLINT_CHECKFLAGS'])
    env['BUILDERS']['VaslintPlan'] = SCons.Builder.Builder(
        action=plan, emitter=_layout_emitter)
    env['BUILDERS']['VaslintFix'] = SCons.Builder.Builder(
        action=fix, emitter=_layout_emitter)
    env['BUILDERS']['VaslintCheck'] = SCons.Builder.Builder(
        action=check, emitter=_layout_emitter)


def exists(env):
    return env.Detect(env.get('VASLINT', 'vaslint'))
