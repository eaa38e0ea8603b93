#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of the checks that "verify ID" and "check ID" store, and
of "model-register checks", printed as TAP.

Usage: test-cli-checks.py EXECUTABLE TINY.gguf
"""

import json
import os
import subprocess
import sys
import tempfile
import traceback

EXE = os.path.abspath(sys.argv[1])
MODEL = os.path.abspath(sys.argv[2])
TESTS = []
FLAGGED = 3  # MR_CLI_EXIT_FLAGGED: a blocking finding


def test(function):
    TESTS.append(function)
    return function


class Env:
    def __init__(self, tmp):
        self.tmp = tmp
        self.db = os.path.join(tmp, "register.db")
        self.environ = {key: value for key, value in os.environ.items()
                        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "MODEL_REGISTER_DATABASE")}
        self.environ.update({"HOME": tmp, "XDG_DATA_HOME": os.path.join(tmp, "data"),
                             "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
                             "LC_ALL": "C.UTF-8",
                             "MODEL_REGISTER_CHECK_HELPER": os.path.join(tmp, "no-such-helper")})

    def run(self, *args, expect_code=0):
        result = subprocess.run([EXE, *args, "--database", self.db], capture_output=True,
                                text=True, env=self.environ, timeout=60)
        if result.returncode != expect_code:
            raise AssertionError(f"{args} exited {result.returncode}, expected {expect_code}\n"
                                 f"stdout: {result.stdout}\nstderr: {result.stderr}")
        return result

    def add(self, source):
        return self.run("add", "--name", "Tiny", "--source-kind", "local-file",
                        "--source", source).stdout.strip()

    def checks(self, model_id):
        return json.loads(self.run("checks", model_id, "--format", "json").stdout)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


@test
def verify_id_is_stored(env):
    model_id = env.add(MODEL)
    expect(env.checks(model_id) == [], "a new entry has checks")
    env.run("verify", model_id, "--format", "json")
    checks = env.checks(model_id)
    expect(len(checks) == 1, checks)
    check = checks[0]
    expect(check["kind"] == "verification" and check["status"] == "passed", check)
    expect(check["model_id"] == int(model_id) and check["error"] is None, check)
    expect(check["inputs"]["path"] == MODEL, check)
    expect(check["result"]["parameters"] > 0 and check["result"]["format"] == "gguf", check)
    expect(len(check["result"]["files"][0]["sha256"]) == 64, check)
    shown = json.loads(env.run("show", model_id, "--format", "json").stdout)
    expect(shown["last_checked_at"] == check["finished_at"], shown)
    text = env.run("checks", model_id).stdout
    expect("Verification" in text and "passed" in text and "parameters" in text, text)


@test
def a_failed_verification_is_stored_as_failed(env):
    model_id = env.add(MODEL)
    env.run("verify", model_id, "--expect-sha256", "0" * 64, expect_code=FLAGGED)
    env.run("verify", model_id)
    checks = env.checks(model_id)
    expect([c["status"] for c in checks] == ["passed", "failed"], checks)
    expect(checks[0]["id"] > checks[1]["id"], "not newest first")
    text = env.run("checks", model_id).stdout
    expect("FAILED" in text and "was expected" in text, text)


@test
def a_verification_that_cannot_run_is_an_error(env):
    missing = os.path.join(env.tmp, "gone.gguf")
    with open(MODEL, "rb") as source, open(missing, "wb") as copy:
        copy.write(source.read())
    model_id = env.add(missing)
    os.remove(missing)
    result = env.run("verify", model_id, expect_code=1)
    checks = env.checks(model_id)
    expect(len(checks) == 1 and checks[0]["status"] == "error", checks)
    expect(checks[0]["result"] is None and "gone.gguf" in checks[0]["error"], checks)
    expect("gone.gguf" in result.stderr, result.stderr)


@test
def a_file_is_not_stored(env):
    model_id = env.add(MODEL)
    env.run("verify", MODEL)
    expect(env.checks(model_id) == [], "verifying a file stored a check")


@test
def no_runtime_stores_nothing(env):
    model_id = env.add(MODEL)
    env.run("check", model_id, expect_code=1)
    expect(env.checks(model_id) == [], "a check without a runtime was stored")


@test
def add_file_fills_the_entry_and_stores_its_verification(env):
    model_id = env.run("add", "--file", MODEL, "--owner", "NLP team").stdout.strip()
    shown = json.loads(env.run("show", model_id, "--format", "json").stdout)
    expect(shown["source_kind"] == "local-file" and shown["source_ref"] == MODEL, shown)
    expect(shown["name"] and shown["owner"] == "NLP team", shown)
    expect("parameters" in shown["description"], shown)
    weights = [c for c in shown["components"] if c["component"] == "final-parameters"]
    expect(weights and weights[0]["availability"] == "present", shown["components"])
    checks = env.checks(model_id)
    expect(len(checks) == 1 and checks[0]["status"] == "passed", checks)
    expect(checks[0]["inputs"]["path"] == MODEL, checks)
    expect(checks[0]["result"]["parameters"] > 0, checks)


@test
def add_file_refuses_a_truncated_file_and_stores_nothing(env):
    truncated = os.path.join(env.tmp, "truncated.gguf")
    with open(MODEL, "rb") as source, open(truncated, "wb") as copy:
        copy.write(source.read(100))
    result = env.run("add", "--file", truncated, expect_code=1)
    expect("truncated.gguf" in result.stderr, result.stderr)
    env.run("add", "--file", os.path.join(env.tmp, "none.gguf"), expect_code=1)
    env.run("add", "--file", MODEL, "--hf", "org/model", expect_code=2)
    expect(json.loads(env.run("list", "--format", "json").stdout) == [], "an entry was stored")


@test
def unknown_id_is_an_error(env):
    result = env.run("checks", "42", expect_code=1)
    expect("42" in result.stderr, result.stderr)
    env.run("checks", "1", "--format", "csv", expect_code=2)


def main():
    print(f"1..{len(TESTS)}")
    failed = 0
    for number, function in enumerate(TESTS, 1):
        with tempfile.TemporaryDirectory(prefix="mr-cli-checks-") as tmp:
            try:
                function(Env(tmp))
                print(f"ok {number} - {function.__name__}")
            except Exception:  # one failing test must not hide the others
                failed += 1
                print(f"not ok {number} - {function.__name__}")
                for line in traceback.format_exc().splitlines():
                    print(f"# {line}")
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
