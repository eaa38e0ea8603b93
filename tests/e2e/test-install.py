#!/usr/bin/python3
# test-install.py — `meson install` into a throwaway DESTDIR works and the
# installed copy runs: its command line, its window (first frame, resources
# compiled in, schemas from the installation), its help pages, desktop file,
# metainfo, icons and German translation.  Runs inside tests/xvfb-wrapper.sh.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mr_e2e import Installation, Tap  # noqa: E402


def run(argv, env, timeout=30):
    return subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, timeout=timeout)


def check_files(tap, inst):
    share = inst.datadir
    expected = {
        'the program': inst.program,
        'the desktop file': os.path.join(share, 'applications', inst.app_id + '.desktop'),
        'the metainfo': os.path.join(share, 'metainfo', inst.app_id + '.metainfo.xml'),
        'the settings schema': os.path.join(inst.schema_dir, inst.app_id + '.gschema.xml'),
        'the app icon': os.path.join(share, 'icons', 'hicolor', 'scalable', 'apps',
                                     inst.app_id + '.svg'),
        'the symbolic icon': os.path.join(share, 'icons', 'hicolor', 'symbolic', 'apps',
                                          inst.app_id + '-symbolic.svg'),
        'the help index': os.path.join(share, 'help', 'C', 'model-register', 'index.page'),
        'the German catalogue': os.path.join(inst.localedir, 'de', 'LC_MESSAGES',
                                             'model-register.mo'),
    }
    for what, path in expected.items():
        tap.ok(os.path.isfile(path), 'installs %s' % what, path + ' is missing')
    tap.ok(os.access(inst.program, os.X_OK), 'the installed program is executable')

    desktop = expected['the desktop file']
    if shutil.which('desktop-file-validate') and os.path.isfile(desktop):
        result = run(['desktop-file-validate', desktop], os.environ)
        # Hints are advice; errors and warnings are not.
        problems = [line for line in result.stdout.splitlines() if ': hint: ' not in line]
        tap.ok(result.returncode == 0 and not problems,
               'the installed desktop file validates', result.stdout + result.stderr)
    if os.path.isfile(desktop):
        with open(desktop, encoding='utf-8') as f:
            text = f.read()
        exec_line = re.search(r'^Exec=(\S+)', text, re.M)
        icon_line = re.search(r'^Icon=(\S+)', text, re.M)
        tap.ok(exec_line is not None and os.path.basename(exec_line.group(1)) == 'model-register',
               'the desktop file starts the installed program', text)
        tap.ok(icon_line is not None and icon_line.group(1) == inst.app_id,
               'the desktop file names the installed icon', text)
    metainfo = expected['the metainfo']
    if shutil.which('appstreamcli') and os.path.isfile(metainfo):
        result = run(['appstreamcli', 'validate', '--no-net', '--pedantic', metainfo], os.environ)
        # Pedantic hints are advice; errors and warnings are not.
        tap.ok(result.returncode == 0, 'the installed metainfo validates',
               result.stdout + result.stderr)


def check_cli(tap, inst, home):
    env = inst.env(XDG_DATA_HOME=os.path.join(home, 'data'),
                   XDG_CONFIG_HOME=os.path.join(home, 'config'))
    result = run([inst.program, 'help'], env)
    tap.ok(result.returncode == 0 and 'Commands:' in result.stdout and 'report' in result.stdout,
           'the installed command line lists its commands', result.stdout + result.stderr)

    result = run([inst.program, 'add', '--name', 'Installed Check', '--provider', 'E2E'], env)
    tap.ok(result.returncode == 0 and result.stdout.strip() != '',
           'the installed program adds a model to a new register', result.stderr)
    result = run([inst.program, 'list', '--format', 'csv'], env)
    tap.ok(result.returncode == 0 and 'Installed Check' in result.stdout,
           'the installed program lists it again', result.stdout + result.stderr)
    tap.ok(os.path.isfile(os.path.join(home, 'data', 'model-register', 'register.db')),
           'the register is created in the user data directory')
    return env


def check_translation(tap, inst, env):
    # A validation message, translated in po/de.po; "C.UTF-8" keeps the
    # test independent of which locales the machine has generated.
    argv = [inst.program, 'add', '--name', '', '--provider', 'E2E']
    german = dict(env, LANGUAGE='de', LC_ALL='C.UTF-8')
    wrapped = inst.at_prefix_command(argv)
    if wrapped is None:
        tap.skip('the installed program speaks German under LANGUAGE=de',
                 'no unprivileged mount namespace to put the installation at its prefix')
    else:
        result = run(wrapped, german)
        tap.ok(result.returncode != 0 and 'ist erforderlich' in result.stderr,
               'the installed program speaks German under LANGUAGE=de',
               'stdout: %s\nstderr: %s' % (result.stdout, result.stderr))
    result = run(['gettext', '-d', 'model-register', 'AI Model Register'],
                 dict(german, TEXTDOMAINDIR=inst.localedir))
    tap.ok(result.returncode == 0 and result.stdout == 'KI-Modellregister',
           'the installed catalogue translates the desktop file\'s name', result.stdout)


def check_window(tap, inst, env, artefacts):
    # No accessibility bus: at-spi2-registryd would print to the TAP stream.
    env = dict(env, GTK_A11Y='none')
    result = run([inst.program], dict(env, MR_EXIT_AFTER_FIRST_FRAME='1'), timeout=60)
    match = re.search(r'first-frame-ms (\d+) rows (\d+)', result.stdout)
    tap.ok(result.returncode == 0 and match is not None and match.group(2) == '1',
           'the installed window draws its first frame with the model in the list',
           'exit %d\nstdout: %s\nstderr: %s' % (result.returncode, result.stdout, result.stderr))
    if match:
        tap.note('installed app: first frame after %s ms' % match.group(1))
    for line in result.stderr.splitlines():
        if 'CRITICAL' in line or 'WARNING' in line:
            tap.ok(False, 'the installed window starts without warnings', result.stderr)
            break
    else:
        tap.ok(True, 'the installed window starts without warnings')

    shot = os.path.join(artefacts, '00-installed-first-start.png')
    result = run([inst.program], dict(env, MR_SCREENSHOT=shot), timeout=60)
    rendered = result.returncode == 0 and os.path.exists(shot) and os.path.getsize(shot) > 1000
    tap.ok(rendered, 'the installed window renders a screenshot', result.stderr)


def main():
    tap = Tap()
    artefacts = os.path.join(os.environ['MR_E2E_BUILD_ROOT'], 'tests', 'e2e', 'screenshots')
    os.makedirs(artefacts, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix='mr-e2e-install-') as workdir:
        inst = Installation(workdir)
        failure = inst.install()
        if not tap.ok(failure is None, 'meson install --destdir into a throwaway directory',
                      failure):
            return tap.finish()
        tap.note('installed under ' + inst.root)
        check_files(tap, inst)
        env = check_cli(tap, inst, os.path.join(workdir, 'home'))
        check_translation(tap, inst, env)
        check_window(tap, inst, env, artefacts)
    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
