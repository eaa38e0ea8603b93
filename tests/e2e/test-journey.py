#!/usr/bin/python3
# test-journey.py — a user's first session, driven through AT-SPI with
# dogtail against the copy `meson install` put into a throwaway DESTDIR.
# Runs inside tests/xvfb-wrapper.sh; a screenshot of the whole screen after
# every step goes to <builddir>/tests/e2e/screenshots.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import os
import subprocess
import sys
import tempfile
import time

from dogtail.config import config
# GTK 4 needs no toolkit-accessibility key, and dogtail's default delays
# (up to a second after every action) would make the run minutes long.
config.checkForA11y = False
config.logDebugToFile = False
config.searchCutoffCount = 30
config.searchBackoffDuration = 0.2
config.defaultDelay = 0.05
config.actionDelay = 0.05
config.typingDelay = 0.01
from dogtail import rawinput, tree  # noqa: E402
import pyatspi  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mr_e2e import Installation, LoopbackHub, Tap, layout  # noqa: E402

HUB_MODEL = 'allenai/OLMo-2-1124-7B'
HUB_MODEL_NAME = 'OLMo-2-1124-7B'
HIGH_RISK_USE = 'Credit scoring'
REVIEWER = 'e2e-reviewer'

# Roles a user operates; each needs an accessible name of its own.
CONTROL_ROLES = ('push button', 'toggle button', 'entry', 'password text', 'text',
                 'check box', 'radio button', 'combo box', 'menu item', 'page tab',
                 'spin button', 'slider')


def wait_for(what, fn, timeout=10.0):
    """Polls fn until it returns something true; fails naming what."""
    end = time.monotonic() + timeout
    last = None
    while time.monotonic() < end:
        try:
            last = fn()
        except Exception as e:  # the tree changes under our feet
            last = e
        if last and not isinstance(last, Exception):
            return last
        time.sleep(0.1)
    raise AssertionError('timed out waiting for %s (last: %r)' % (what, last))


def visible(node):
    return node.getState().contains(pyatspi.STATE_VISIBLE)


def find_all(root, role=None, name=None, contains=None):
    """Every visible descendant with that role (and name, or name part)."""
    def match(node):
        if role is not None and node.roleName != role:
            return False
        if name is not None and node.name != name:
            return False
        if contains is not None and contains not in node.name:
            return False
        return True
    return [n for n in root.findChildren(match, showingOnly=False) if visible(n)]


def find_one(root, role=None, name=None, contains=None, timeout=10.0):
    what = '%s %r' % (role or 'node', name if name is not None else contains)
    return wait_for(what, lambda: (find_all(root, role, name, contains) or [None])[0], timeout)


def find_each(root, *specs, timeout=10.0):
    """find_one() for several (role, name) pairs in one walk of root."""
    def walk():
        found = {}
        for node in find_all(root):
            key = (node.roleName, node.name)
            if key in specs and key not in found:
                found[key] = node
        return [found[spec] for spec in specs] if len(found) == len(specs) else None
    return wait_for(', '.join('%s %r' % spec for spec in specs), walk, timeout)


def find_window(app, role, name=None, contains=None, timeout=10.0):
    """A top-level window of app: no walk through the windows' contents."""
    def match():
        for window in app.children:
            if window.roleName == role and (name is None or window.name == name) and \
               (contains is None or contains in window.name):
                return window
        return None
    return wait_for('%s %r' % (role, name if name is not None else contains), match, timeout)


def type_name(name):
    """GTK falls back to the widget's type name when it has no label."""
    return name[:3] in ('Gtk', 'Adw') or (name[:2] == 'Mr' and name[2:3].isupper())


def split_button_arrow(node):
    """AdwSplitButton's arrow: a child libadwaita 1.2 builds and names
    after its type, out of reach of the .ui (its dropdown-tooltip is not
    the accessible name until later releases)."""
    parent = node.parent if node is not None else None
    if parent is None or node.roleName != 'push button':
        return False
    siblings = [child.roleName for child in parent.children]
    return siblings == ['push button', 'separator', 'push button'] and parent[2] == node


class Journey:
    def __init__(self, tap, inst, home, hub, shots):
        self.tap = tap
        self.inst = inst
        self.shots = shots
        self.n_shots = 0
        self.proc = None
        self.app = None
        self.frame = None
        self.register = None
        self.table = None
        self.nameless = set()
        self.env = inst.env(
            XDG_DATA_HOME=os.path.join(home, 'data'),
            XDG_CONFIG_HOME=os.path.join(home, 'config'),
            XDG_CACHE_HOME=os.path.join(home, 'cache'),
            HF_ENDPOINT=hub.base,
            GIO_USE_PROXY_RESOLVER='dummy')
        self.env.pop('HF_TOKEN', None)
        for directory in ('data', 'config', 'cache'):
            os.makedirs(os.path.join(home, directory), exist_ok=True)
        self.database = os.path.join(home, 'data', 'model-register', 'register.db')

    # --- the app -----------------------------------------------------------

    def start(self):
        self.proc = subprocess.Popen([self.inst.program], env=self.env,
                                     stdout=subprocess.DEVNULL)
        self.app = tree.root.application('model-register')
        self.frame = find_window(self.app, 'frame', name='Model Register')
        # Searches stay inside these: a walk of the whole window costs
        # most of a second over D-Bus.
        self.register = find_one(self.frame, role='filler', name='MrRegisterPage')
        self.table = find_one(self.register, role='tree table')

    def quit(self):
        if self.proc is None:
            return
        if self.frame is not None:
            try:
                self.frame.doActionNamed('window.close')
            except Exception as e:  # gone already: the wait below tells
                self.tap.note('closing the window: %s' % e)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.proc = None
        self.app = self.frame = self.register = self.table = None

    def shot(self, label):
        self.n_shots += 1
        path = os.path.join(self.shots, '%02d-%s.png' % (self.n_shots, label))
        result = subprocess.run(['import', '-window', 'root', path],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            self.tap.note('screenshot %s failed: %s' % (path, result.stdout))

    def audit_names(self, root, where):
        """Notes the controls under root that have no name of their own."""
        for node in root.findChildren(lambda n: n.roleName in CONTROL_ROLES, showingOnly=False):
            if not visible(node):
                continue
            name = node.name.strip()
            if name and not type_name(name):
                continue
            # The button inside a GtkMenuButton or GtkDropDown is presented
            # through its named parent.
            parent = node.parent
            if parent is not None and parent.roleName in ('push button', 'combo box') and \
               parent.name.strip() and not type_name(parent.name):
                continue
            if split_button_arrow(node) or split_button_arrow(parent):
                continue
            path = []
            up = node.parent
            while up is not None and up.roleName not in ('frame', 'dialog', 'application'):
                if up.name and not type_name(up.name):
                    path.append(up.name)
                    break
                up = up.parent
            key = '%s %r in %s%s' % (node.roleName, node.name, where,
                                     ' (under %r)' % path[0] if path else '')
            self.nameless.add(key)

    # --- the command line ------------------------------------------------------

    def cli(self, argv, actor=None):
        """The installed program, or model-register-test acting as actor."""
        env = dict(self.env)
        program = self.inst.program
        if actor is not None:
            program = layout('TEST_CLI')
            env['MODEL_REGISTER_TEST_ACTOR'] = actor
        return subprocess.run([program] + argv + ['--database', self.database], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=30)

    def model_id(self, name):
        result = self.cli(['list', '--format', 'csv'])
        for row in csv.DictReader(result.stdout.splitlines()):
            if row['name'] == name:
                return row['id']
        raise AssertionError('%s is not in the register: %s' % (name, result.stderr))

    # --- what the list shows ---------------------------------------------------

    def row_labels(self, model_name):
        """The label texts of the list row that shows model_name."""
        for row in find_all(self.table, role='table row'):
            texts = [label.name for label in find_all(row, role='label')]
            if model_name in texts:
                return texts
        return None

    def list_names(self, candidates):
        """The candidates in the order the list shows them."""
        order = []
        for row in find_all(self.table, role='table row'):
            for label in find_all(row, role='label'):
                if label.name in candidates:
                    order.append(label.name)
        return order

    def count_label(self):
        for label in find_all(self.register, role='label', contains=' model'):
            if ' of ' in label.name:
                return label.name
        return None


def click(node):
    """A pointer click in the middle of node.  GTK 4 reports positions
    relative to the window, which sits at the screen's origin as there is
    no window manager."""
    x, y = node.position
    w, h = node.size
    rawinput.click(x + w // 2, y + h // 2)


def pick_by_keyboard(start, tier, use):
    """Ticks use as a keyboard user does: Tab from start to the tier's
    expander row, Space opens it, Tab on to the use, Space ticks it.  (A
    GtkCheckButton has no AT-SPI Action on GTK 4.8, and the row lies below
    the fold, which GTK cannot scroll to through AT-SPI.)"""
    click(start)
    for target in (tier, use):
        for _ in range(60):
            if target.focused:
                break
            rawinput.pressKey('Tab')
            time.sleep(0.1)    # the app takes the key from the X server in its own time
        else:
            return False
        rawinput.pressKey('space')
        time.sleep(0.3)        # the expander's animation
    return wait_for('the use to be ticked', lambda: use.checked, 3)


def step_first_start(j, tap):
    j.start()
    find_one(j.register, role='label', name='Add Your First Model')
    tap.ok(j.count_label() in (None, '0 of 0 models') and not j.row_labels(HUB_MODEL_NAME),
           'first start: an empty register shows its empty state', j.count_label())
    j.audit_names(j.frame, 'the main window')
    j.shot('empty-register')


def step_add_from_hub(j, tap):
    add = find_one(j.frame, role='push button', name='Add')
    arrow = add.parent[2]            # see split_button_arrow()
    arrow[0].doActionNamed('click')  # the toggle inside the menu button
    j.shot('add-menu')
    find_one(arrow, role='menu item', name='From Hugging Face…').doActionNamed('click')
    dialog = find_window(j.app, 'frame', name='Add from Hugging Face')
    j.audit_names(dialog, 'the Hugging Face dialog')
    find_one(dialog, role='text', name='Repository (owner/name)').text = HUB_MODEL
    j.shot('add-from-hugging-face')
    dialog.doActionNamed('hub-add.fetch')
    editor = find_window(j.app, 'frame', name='Add Model', timeout=15)
    repo, tier, use = find_each(editor, ('text', 'Repository id (owner/name)'),
                                ('list item', 'High-risk'), ('check box', HIGH_RISK_USE))
    j.audit_names(editor, 'the model editor')
    j.shot('editor-filled-from-hub')
    tap.ok(pick_by_keyboard(repo, tier, use), 'pick "%s" in the editor, by keyboard' % HIGH_RISK_USE)
    j.shot('high-risk-use-picked')
    editor.doActionNamed('editor.save')
    labels = wait_for('the new row', lambda: j.row_labels(HUB_MODEL_NAME), 15)
    tap.ok(labels is not None and 'allenai' in labels,
           'add from the loopback Hub: the model is in the list', labels)
    j.shot('added-from-hub')


def step_openness_and_flag(j, tap):
    labels = wait_for('the row', lambda: j.row_labels(HUB_MODEL_NAME), 10)
    tap.ok('Open weights' in labels, 'the list shows the openness level', labels)
    flags = [text for text in labels if 'block' in text.lower()]
    tap.ok(len(flags) == 1, 'the list shows a blocking flag for the high-risk use', labels)
    tap.ok(HIGH_RISK_USE in labels, 'the list shows the intended use', labels)
    j.shot('openness-and-blocking-flag')


def step_submit(j, tap):
    click(find_one(j.table, role='label', name=HUB_MODEL_NAME))
    detail = find_one(j.register, role='filler', name='MrModelDetail')
    find_one(detail, role='push button', contains='Submit for Approval').doActionNamed('click')
    dialog = find_window(j.app, 'frame', name='Submit for Approval')
    owner, justification, comment, submit = find_each(
        dialog,
        ('text', 'Owner accountable for the use (required)'),
        ('text', 'Justification for the blocking flag'),
        ('text', 'Business justification'),
        ('push button', '_Submit Submit'))
    owner.text = 'Risk Office'
    justification.text = 'A human reviews every score; the model only ranks applications.'
    comment.text = 'Scores loan applications for the pilot.'
    j.audit_names(dialog, 'the submit dialog')
    j.shot('submit-for-approval')
    submit.doActionNamed('click')
    find_one(detail, role='label', name='Submitted')
    tap.ok(True, 'submit for approval: the model\'s page shows it submitted')
    wait_for('the list to follow', lambda: 'Submitted' in j.row_labels(HUB_MODEL_NAME), 5)
    tap.ok(True, 'the list shows it submitted')


def step_refused_as_submitter(j, tap):
    """The window's actor is the operating-system user who submitted."""
    find_one(j.frame, role='page tab', name='Approvals').doActionNamed('click')
    page = find_one(j.frame, role='filler', name='MrApprovalsPage')
    click(find_one(page, role='list item', name=HUB_MODEL_NAME))
    find_one(page, role='text', name='Comment or reason').text = 'Looks fine to me.'
    j.audit_names(page, 'the approvals page')
    find_one(page, role='push button', contains='Record Decision').doActionNamed('click')
    dialog = find_window(j.app, 'dialog', contains='Could not record the decision')
    reason = find_one(dialog, role='label', contains='separation of duties')
    tap.ok(True, 'approving one\'s own request is refused')
    tap.note('refusal: ' + reason.name.splitlines()[0])
    j.shot('approval-refused-to-the-submitter')
    find_one(dialog, role='push button', contains='Close').doActionNamed('click')


def step_approved_by_reviewer(j, tap):
    # The installed program has no way to claim another identity; the
    # test-only build of the same command line plays the second person
    # (tests/workflow/README.md), on the same register, window closed.
    j.quit()
    model = j.model_id(HUB_MODEL_NAME)
    result = j.cli(['approve', model, '--comment', 'Approved for the pilot.'], actor=REVIEWER)
    tap.ok(result.returncode == 0, 'a second identity approves it', result.stderr)
    result = j.cli(['approvals', model])
    tap.ok(REVIEWER in result.stdout, 'the history names the approver', result.stdout)
    result = j.cli(['add', '--name', 'Zeta Summariser', '--provider', 'In-house'])
    tap.ok(result.returncode == 0, 'a second model for the list', result.stderr)
    j.start()
    labels = wait_for('the approved row', lambda: j.row_labels(HUB_MODEL_NAME), 10)
    tap.ok('Approved' in labels, 'the window shows the approval', labels)
    j.shot('approved-by-a-second-identity')


def step_report(j, tap, workdir):
    pdf = os.path.join(workdir, 'governance.pdf')
    find_one(j.frame, role='page tab', name='Reports').doActionNamed('click')
    page = find_one(j.frame, role='filler', name='MrReportsPage')
    j.audit_names(page, 'the reports page')
    j.shot('reports-page')
    find_one(page, role='push button', contains='Export').doActionNamed('click')
    # GTK's own file chooser (no portal under test): a path typed as the
    # name is taken whole.
    chooser = find_window(j.app, 'filler', name='Export Report')
    find_one(chooser, role='text', name='Name:').text = pdf
    find_one(chooser, role='push button', name='_Export Export').doActionNamed('click')
    # Written once the page lists it under Recent Exports.
    find_one(page, role='push button', name='_Open Open', timeout=30)
    tap.ok(os.path.isfile(pdf), 'export a governance report from the Reports page', pdf)
    j.shot('report-exported')
    text = subprocess.run(['pdftotext', pdf, '-'], stdout=subprocess.PIPE, text=True).stdout
    tap.ok(HUB_MODEL_NAME in text and 'Zeta Summariser' in text, 'the report names the models',
           text[:2000])
    find_one(j.frame, role='page tab', name='Register').doActionNamed('click')


def step_search_sort_filter(j, tap):
    names = (HUB_MODEL_NAME, 'Zeta Summariser')
    wait_for('both rows', lambda: len(j.list_names(names)) == 2, 10)

    search = find_one(j.register, role='entry', name='Search models')
    search.text = 'zeta'
    tap.ok(wait_for('one row', lambda: j.list_names(names) == ['Zeta Summariser'], 5),
           'search narrows the list')
    j.shot('search')
    search.text = ''
    wait_for('both rows again', lambda: len(j.list_names(names)) == 2, 5)
    tap.ok(True, 'clearing the search brings every model back')
    j.shot('list')

    # Sorting: a click on the column title.
    title = find_one(j.table, role='label', name='Name')
    before = j.list_names(names)
    click(title)
    ascending = wait_for('a sorted list', lambda: j.list_names(names) == sorted(names), 5)
    time.sleep(0.5)    # two clicks within the double-click time would be one double click
    click(title)
    descending = wait_for('a reversed list',
                          lambda: j.list_names(names) == sorted(names, reverse=True), 5)
    tap.ok(ascending and descending, 'a click on the Name column sorts, a second reverses it',
           before)
    j.shot('sorted-by-name-descending')

    # Filtering, from the keyboard: the check button in the Filters
    # popover has no Action, and pointer positions in a popover are not
    # reported on GTK 4.8.
    find_one(j.register, role='push button', name='Filters').doActionNamed('click')
    flagged = find_one(j.register, role='check box', contains='Flagged only')
    for _ in range(10):
        if flagged.focused:
            break
        rawinput.pressKey('Tab')
    rawinput.pressKey('space')
    only_flagged = wait_for('the flagged model alone',
                            lambda: j.list_names(names) == [HUB_MODEL_NAME], 5)
    tap.ok(only_flagged, '"Flagged only" leaves the model with flags')
    j.shot('filtered-flagged-only')
    rawinput.pressKey('space')
    wait_for('both rows again', lambda: len(j.list_names(names)) == 2, 5)
    rawinput.pressKey('Escape')
    tap.ok(True, 'clearing the filter brings every model back')


def step_restart(j, tap):
    j.quit()
    j.start()
    labels = wait_for('the row after a restart', lambda: j.row_labels(HUB_MODEL_NAME), 10)
    tap.ok(labels is not None and 'Approved' in labels and 'Open weights' in labels
           and HIGH_RISK_USE in labels,
           'after quitting and starting again everything is still there', labels)
    tap.ok(j.count_label() == '2 of 2 models', 'both models are still counted', j.count_label())
    j.shot('after-restart')
    j.quit()


def main():
    tap = Tap()
    shots = os.path.join(layout('BUILD_ROOT'), 'tests', 'e2e', 'screenshots', 'journey')
    os.makedirs(shots, exist_ok=True)
    for old in os.listdir(shots):
        os.unlink(os.path.join(shots, old))
    with tempfile.TemporaryDirectory(prefix='mr-e2e-journey-') as workdir:
        inst = Installation(workdir)
        failure = inst.install()
        if not tap.ok(failure is None, 'meson install --destdir into a throwaway directory',
                      failure):
            return tap.finish()
        hub = LoopbackHub()
        journey = Journey(tap, inst, os.path.join(workdir, 'home'), hub, shots)
        try:
            step_first_start(journey, tap)
            tap.note('first start')
            step_add_from_hub(journey, tap)
            tap.note('added from the Hub')
            step_openness_and_flag(journey, tap)
            step_submit(journey, tap)
            tap.note('submitted')
            step_refused_as_submitter(journey, tap)
            step_approved_by_reviewer(journey, tap)
            tap.note('submitted and approved')
            step_report(journey, tap, workdir)
            tap.note('report exported')
            step_search_sort_filter(journey, tap)
            tap.note('searched, sorted and filtered')
            step_restart(journey, tap)
        except AssertionError as e:
            tap.ok(False, 'the journey went on', e)
            journey.shot('failure')
        finally:
            journey.quit()
            hub.close()
        tap.ok(not journey.nameless, 'every control met has an accessible name',
               '\n'.join(sorted(journey.nameless)))
        tap.note('%d screenshots in %s' % (journey.n_shots, shots))
    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
