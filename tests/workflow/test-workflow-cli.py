#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The approval workflow and the audit trail from the command line.

Usage: test-workflow-cli.py MODEL_REGISTER MODEL_REGISTER_TEST

MODEL_REGISTER is the shipped program; MODEL_REGISTER_TEST the same
command line linked with the test-only identity (README.md), which acts as
whoever MODEL_REGISTER_TEST_ACTOR names.  Prints TAP.
"""

import csv
import datetime
import hashlib
import io
import json
import os
import pwd
import sqlite3
import subprocess
import sys
import tempfile
import traceback

EXE = os.path.abspath(sys.argv[1])
TEST_EXE = os.path.abspath(sys.argv[2])
TESTS = []
GENESIS = "0" * 64


def test(function):
    TESTS.append(function)
    return function


class Failure(Exception):
    pass


def expect(condition, what):
    if not condition:
        raise Failure(what)


def expect_equal(actual, expected, what):
    if actual != expected:
        raise Failure(f"{what}: expected {expected!r}, got {actual!r}")


class Env:
    """A temporary register; each run says who acts."""

    def __init__(self, tmp):
        self.db = os.path.join(tmp, "register.db")
        self.environ = dict(os.environ, HOME=tmp, XDG_DATA_HOME=os.path.join(tmp, "data"),
                            MODEL_REGISTER_DATABASE=self.db, LC_ALL="C.UTF-8")
        self.environ.pop("DISPLAY", None)
        self.environ.pop("MODEL_REGISTER_TEST_ACTOR", None)

    def run(self, *args, actor=None, exe=TEST_EXE, check=0):
        environ = dict(self.environ)
        if actor is not None:
            environ["MODEL_REGISTER_TEST_ACTOR"] = actor
        result = subprocess.run([exe, *args], env=environ, capture_output=True, text=True,
                                timeout=60)
        if check is not None and result.returncode != check:
            raise Failure(f"{' '.join(args)} as {actor}: exit {result.returncode}, expected"
                          f" {check}\nstdout: {result.stdout}\nstderr: {result.stderr}")
        return result

    def add(self, name, actor="alice"):
        result = self.run("add", "--name", name, "--owner", "Help desk", "--use", "chatbot",
                          "--format", "json", actor=actor)
        return json.loads(result.stdout)["id"]

    def show(self, model_id):
        return json.loads(self.run("show", str(model_id), "--format", "json").stdout)

    def history(self, model_id):
        return json.loads(self.run("approvals", str(model_id), "--format", "json").stdout)

    def audit(self):
        return json.loads(self.run("audit", "export").stdout)


@test
def shipped_program_ignores_the_test_identity(env):
    env.run("add", "--name", "Phi-3", actor="mallory", exe=EXE)
    entries = json.loads(env.run("audit", "export", exe=EXE).stdout)
    expect_equal(entries[0]["actor"], pwd.getpwuid(os.getuid()).pw_name, "actor")
    # And there is no flag to act as someone else.
    result = env.run("submit", "1", "--comment", "x", "--actor", "bob", exe=EXE, check=2)
    expect("--actor" in result.stderr, "unknown option named")


@test
def submit_then_approve_by_someone_else(env):
    model_id = env.add("Phi-3 mini")
    result = env.run("submit", str(model_id), actor="alice", check=1)
    expect("business justification" in result.stderr, result.stderr)
    # Sooner than the framework's year for a chatbot, so the request's date wins.
    review_date = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    env.run("submit", str(model_id), "--comment", "Help desk chatbot",
            "--review-date", review_date, actor="alice")
    expect_equal(env.show(model_id)["status"], "submitted", "status after submit")

    result = env.run("approve", str(model_id), "--comment", "Mine", actor="alice", check=1)
    expect("separation of duties" in result.stderr, result.stderr)
    expect_equal(env.show(model_id)["status"], "submitted", "status after refusal")

    result = env.run("approve", str(model_id), "--comment", "Evidence checked", actor="bob")
    expect("approved" in result.stdout, result.stdout)
    result = env.run("approve", str(model_id), "--comment", "Twice", actor="bob", check=1)
    expect("Only a submitted request can be approved" in result.stderr, result.stderr)

    steps = env.history(model_id)
    expect_equal([(s["action"], s["actor"]) for s in steps],
                 [("submit", "alice"), ("approve", "bob")], "history")
    expect_equal(steps[1]["review_date"], review_date + "T00:00:00Z", "review date kept")
    expect_equal(steps[1]["intended_uses"], ["chatbot"], "uses approved")
    expect_equal(steps[1]["framework"], "Default governance framework 2026.1", "framework")


@test
def submit_needs_use_owner_and_justification(env):
    model_id = json.loads(env.run("add", "--name", "Bare", "--format", "json",
                                  actor="alice").stdout)["id"]
    result = env.run("submit", str(model_id), "--comment", "Why", actor="alice", check=1)
    expect("intended use" in result.stderr, result.stderr)
    result = env.run("submit", str(model_id), "--comment", "Why", "--use", "chatbot",
                     actor="alice", check=1)
    expect("owner" in result.stderr, result.stderr)
    result = env.run("submit", str(model_id), "--comment", "Why", "--use", "credit-scoring",
                     "--owner", "Risk", actor="alice", check=1)
    expect("blocking flag" in result.stderr, result.stderr)
    # The flags of the chosen use come first, as on the submit form.
    expect("Blocking (credit-scoring):" in result.stderr, result.stderr)
    expect_equal(env.show(model_id)["intended_uses"], [], "nothing saved on refusal")
    env.run("submit", str(model_id), "--comment", "Why", "--use", "credit-scoring",
            "--owner", "Risk", "--data-sensitivity", "personal",
            "--justification", "Human in the loop", actor="alice")
    shown = env.show(model_id)
    expect_equal((shown["status"], shown["intended_uses"], shown["data_sensitivity"]),
                 ("submitted", ["credit-scoring"], "personal"), "submitted entry")


@test
def conditions_changes_rejection_retirement(env):
    model_id = env.add("Mistral 7B")
    env.run("submit", str(model_id), "--comment", "Drafting", actor="alice")
    env.run("request-changes", str(model_id), actor="bob", check=1)
    env.run("request-changes", str(model_id), "--comment", "Add the data card", actor="bob")
    expect_equal(env.show(model_id)["status"], "changes-requested", "after request-changes")
    env.run("submit", str(model_id), "--comment", "Drafting", actor="alice")
    env.run("approve", str(model_id), "--comment", "OK", "--conditions", "No personal data",
            actor="bob")
    expect_equal(env.show(model_id)["status"], "approved-with-conditions", "conditions")
    expect_equal(env.history(model_id)[-1]["conditions"], "No personal data", "conditions kept")
    env.run("retire", str(model_id), actor="alice", check=1)
    env.run("retire", str(model_id), "--comment", "Replaced", actor="alice")
    result = env.run("retire", str(model_id), "--comment", "Again", actor="alice", check=1)
    expect("stays retired" in result.stderr, result.stderr)

    other = env.add("Falcon")
    env.run("submit", str(other), "--comment", "Try", actor="alice")
    env.run("reject", str(other), actor="bob", check=1)
    env.run("reject", str(other), "--comment", "Licence forbids it", actor="bob")
    expect_equal(env.show(other)["status"], "rejected", "rejected")


@test
def editing_an_approved_entry_reopens_it(env):
    model_id = env.add("Llama 3.1")
    env.run("submit", str(model_id), "--comment", "Chat", actor="alice")
    env.run("approve", str(model_id), "--comment", "Fine", actor="bob")
    approved_revision = env.show(model_id)["revision"]
    env.run("edit", str(model_id), "--version", "3.2", actor="carol")
    shown = env.show(model_id)
    expect_equal((shown["status"], shown["revision"]), ("submitted", approved_revision + 1),
                 "after the edit")
    steps = env.history(model_id)
    expect_equal([(s["action"], s["revision"]) for s in steps],
                 [("submit", approved_revision), ("approve", approved_revision),
                  ("edit-approved", approved_revision + 1)], "history")
    env.run("approve", str(model_id), "--comment", "Mine", actor="carol", check=1)
    env.run("approve", str(model_id), "--comment", "Re-approved", actor="bob")


@test
def usage_errors(env):
    env.run("approve", "abc", "--comment", "x", check=2)
    env.run("approve", "--comment", "x", check=2)
    env.run("approve", "42", "--comment", "x", actor="bob", check=1)
    env.run("submit", "1", "--comment", "x", "--review-date", "tomorrow", check=2)
    env.run("submit", "1", "--comment", "x", "--deployment", "cloud", check=2)
    env.run("audit", "rewrite", check=2)
    env.run("audit", "verify", "extra", check=2)
    env.run("audit", "export", "--format", "text", check=2)
    env.run("approvals", "1", "--format", "csv", check=2)
    help_text = env.run("help").stdout
    for command in ("submit", "approve", "reject", "request-changes", "retire", "approvals",
                    "audit"):
        expect(command in help_text, f"help lists {command}")


def canonical(entry):
    """The text the chain hashes, rebuilt from an export alone."""
    fields = {key: entry[key] for key in ("seq", "time", "actor", "action", "entity_type",
                                          "entity_id", "before", "after")}
    return json.dumps(fields, separators=(",", ":"), ensure_ascii=False)


@test
def export_round_trips_and_recomputes(env):
    model_id = env.add("Gemma 2")
    # Quotes, backslashes, control characters and non-ASCII text: the
    # escaping a verifier in another language must reproduce.
    env.run("submit", str(model_id), "--comment",
            "Summaries, “quoted” \"q\" back\\slash\ttab\nline\x01\x7f é 🦙 </script>",
            actor="alice")
    env.run("approve", str(model_id), "--comment", "OK", actor="bob")
    out_json = os.path.join(os.path.dirname(env.db), "audit.json")
    out_csv = os.path.join(os.path.dirname(env.db), "audit.csv")
    env.run("audit", "export", "--format", "json", "-o", out_json)
    env.run("audit", "export", "--format", "csv", "-o", out_csv)
    with open(out_json, encoding="utf-8") as f:
        entries = json.load(f)
    with open(out_csv, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))

    expect_equal([e["action"] for e in entries], ["create", "submit", "approve"], "actions")
    expect_equal(len(rows), len(entries), "CSV rows")
    prev = GENESIS
    for entry, row in zip(entries, rows):
        expect_equal(entry["prev_hash"], prev, f"prev_hash of {entry['seq']}")
        digest = hashlib.sha256((prev + canonical(entry)).encode("utf-8")).hexdigest()
        expect_equal(entry["hash"], digest, f"hash of {entry['seq']}")
        expect_equal((int(row["seq"]), row["actor"], row["action"], row["hash"]),
                     (entry["seq"], entry["actor"], entry["action"], entry["hash"]), "CSV row")
        expect_equal(row["after"], entry["after"] or "", "CSV snapshot")
        prev = entry["hash"]

    listed = env.run("audit", "list", str(model_id), "--format", "json").stdout
    expect_equal(len(json.loads(listed)), 3, "entries about the model")
    expect("approve" in env.run("audit", "list").stdout, "text list")
    expect_equal(env.run("audit", "list", "--since", "2000-01-01", "--until", "2000-12-31",
                         "--format", "json").stdout.strip(), "[]", "empty period")


@test
def verify_names_the_entry_changed_behind_its_back(env):
    model_id = env.add("Qwen 2")
    env.run("submit", str(model_id), "--comment", "Translation", actor="alice")
    env.run("approve", str(model_id), "--comment", "Evidence checked", actor="bob")
    env.run("retire", str(model_id), "--comment", "Done", actor="alice")
    result = env.run("audit", "verify")
    expect_equal(result.stdout.strip(), "Audit trail intact: 4 entries", "intact")

    db = sqlite3.connect(env.db)
    for statement in ("UPDATE audit_entries SET actor = 'mallory' WHERE seq = 3",
                      "DELETE FROM audit_entries WHERE seq = 3"):
        try:
            db.execute(statement)
            raise Failure(f"the trigger let through: {statement}")
        except sqlite3.IntegrityError:
            pass
    db.execute("DROP TRIGGER audit_entries_no_update")
    db.execute("UPDATE audit_entries SET after_json = replace(after_json, 'Evidence checked',"
               " 'Not looked at') WHERE seq = 3")
    db.commit()
    db.close()

    result = env.run("audit", "verify", check=1)
    expect("audit entry 3 (" in result.stderr, result.stderr)
    expect("approve by bob" in result.stderr, result.stderr)
    expect(result.stdout == "", "nothing claimed intact")


@test
def text_output_shows_own_display_name(env):
    model_id = env.add("Phi-3 mini")
    env.run("submit", str(model_id), "--comment", "Help desk chatbot", actor="alice")
    config = os.path.join(os.path.dirname(env.db), "config")
    settings = os.path.join(config, "glib-2.0", "settings")
    os.makedirs(settings)
    with open(os.path.join(settings, "keyfile"), "w") as f:
        f.write("[io/github/modelregister/ModelRegister]\ndisplay-name='Alice Liddell'\n")
    env.environ.update(XDG_CONFIG_HOME=config, GSETTINGS_BACKEND="keyfile")
    history = env.run("approvals", str(model_id), actor="alice").stdout
    expect("Alice Liddell (alice)" in history, history)
    audit = env.run("audit", "list", actor="alice").stdout
    expect("Alice Liddell (alice)" in audit, audit)
    # Only the current user's name is known; the record keeps the login.
    audit = env.run("audit", "list", actor="bob").stdout
    expect("Alice Liddell" not in audit and " alice " in audit, audit)
    expect_equal(env.history(model_id)[0]["actor"], "alice", "recorded actor")


def main():
    print(f"1..{len(TESTS)}")
    failed = 0
    for number, function in enumerate(TESTS, 1):
        name = function.__name__.replace("_", "-")
        with tempfile.TemporaryDirectory(prefix="mr-workflow-cli-") as tmp:
            try:
                function(Env(tmp))
                print(f"ok {number} {name}")
            except Exception:  # noqa: BLE001 - every failure is reported as TAP
                failed += 1
                print(f"not ok {number} {name}")
                for line in traceback.format_exc().splitlines():
                    print(f"# {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
