# mr_e2e.py — shared by the end-to-end tests: TAP output, a throwaway
# installation of the build, and the loopback Hugging Face hub.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Meson passes the build's layout in the environment (see meson.build):
# MR_E2E_MESON, MR_E2E_BUILD_ROOT, MR_E2E_PREFIX, MR_E2E_BINDIR, MR_E2E_DATADIR,
# MR_E2E_LOCALEDIR, MR_E2E_APP_ID, MR_E2E_HUB_SERVE, MR_E2E_TEST_CLI.

import os
import shutil
import subprocess
import sys
import time


class Tap:
    """Prints TAP as the test goes, so a hang still shows how far it got."""

    def __init__(self):
        self.count = 0
        self.failed = 0
        self.started = time.monotonic()

    def ok(self, passed, description, diagnostics=''):
        self.count += 1
        if not passed:
            self.failed += 1
        print('%s %d - %s' % ('ok' if passed else 'not ok', self.count, description), flush=True)
        if diagnostics and not passed:
            for line in str(diagnostics).splitlines():
                print('# ' + line, flush=True)
        return passed

    def skip(self, description, reason):
        self.count += 1
        print('ok %d - %s # SKIP %s' % (self.count, description, reason), flush=True)

    def note(self, text):
        print('# [%5.1f s] %s' % (time.monotonic() - self.started, text), flush=True)

    def bail(self, reason):
        print('Bail out! ' + reason, flush=True)
        sys.exit(1)

    def finish(self):
        print('1..%d' % self.count, flush=True)
        return 1 if self.failed else 0


def layout(name):
    value = os.environ.get('MR_E2E_' + name)
    if not value:
        raise RuntimeError('MR_E2E_%s is not set: run this through meson test' % name)
    return value


class Installation:
    """The build installed with `meson install --destdir` under workdir.

    The prefix the build was configured with stays in the installed files
    (LOCALEDIR is compiled in), so the copy runs from the DESTDIR with its
    data found through GSETTINGS_SCHEMA_DIR and XDG_DATA_DIRS; only its
    translations need the prefix itself, see run_at_prefix()."""

    def __init__(self, workdir):
        self.destdir = os.path.join(workdir, 'destdir')
        self.prefix = layout('PREFIX')
        self.root = self.destdir + self.prefix
        self.bindir = os.path.join(self.root, layout('BINDIR'))
        self.datadir = os.path.join(self.root, layout('DATADIR'))
        self.localedir = self.destdir + layout('LOCALEDIR')
        self.app_id = layout('APP_ID')
        self.program = os.path.join(self.bindir, 'model-register')
        self.schema_dir = os.path.join(self.datadir, 'glib-2.0', 'schemas')

    def install(self):
        """Runs meson install; returns its combined output on failure."""
        result = subprocess.run(
            [layout('MESON'), 'install', '-C', layout('BUILD_ROOT'), '--destdir', self.destdir,
             '--no-rebuild', '--quiet'],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            return result.stdout or 'meson install exited with %d' % result.returncode
        # With DESTDIR set meson skips gnome.post_install(), as a packager
        # would; the app needs the compiled schemas all the same.
        result = subprocess.run(['glib-compile-schemas', '--strict', self.schema_dir],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            return result.stdout
        return None

    def env(self, **extra):
        env = dict(os.environ)
        env['GSETTINGS_SCHEMA_DIR'] = self.schema_dir
        env['XDG_DATA_DIRS'] = self.datadir + ':' + env.get('XDG_DATA_DIRS', '/usr/local/share:/usr/share')
        env.update(extra)
        return env

    def at_prefix_command(self, argv):
        """argv run in a private mount namespace where the installed tree
        sits at the configured prefix, so paths compiled into the program
        (LOCALEDIR) resolve to the installed files; None when the system
        allows no unprivileged user namespace or prefix is the system's."""
        if shutil.which('unshare') is None or self.prefix in ('/', '/usr'):
            return None
        target = self.prefix
        while not os.path.isdir(target):
            target = os.path.dirname(target)
        if target in ('/', '/usr'):
            return None
        source = self.destdir + target
        probe = subprocess.run(['unshare', '--user', '--map-root-user', '--mount', 'true'],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if probe.returncode != 0:
            return None
        script = 'mount --bind "$1" "$2" && shift 2 && exec "$@"'
        return (['unshare', '--user', '--map-root-user', '--mount', 'sh', '-c', script, 'sh',
                 source, target] + [os.path.join(self.prefix, os.path.relpath(argv[0], self.root))]
                + list(argv[1:]))


class LoopbackHub:
    """tests/refresh's mr-test-hub-serve: serves tests/data/hub until its
    standard input closes."""

    def __init__(self):
        self.proc = subprocess.Popen([layout('HUB_SERVE')], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        self.base = self.proc.stdout.readline().strip()
        if not self.base.startswith('http://'):
            self.close()
            raise RuntimeError('mr-test-hub-serve printed %r, not its address' % self.base)

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
