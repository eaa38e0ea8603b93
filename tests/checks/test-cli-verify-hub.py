#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of "verify ID --path" for a Hugging Face entry: the
local copy is compared with the LFS SHA-256 and sizes of the entry's latest
snapshot, taken from the loopback Hub (mr-test-hub-serve) by "add --hf".
The synthetic repo mr-test/tiny-gguf lists tiny.gguf, whose real bytes are
tests/data/hub/mr-test__tiny-gguf__tiny.gguf.  Prints TAP.

Usage: test-cli-verify-hub.py EXECUTABLE MR-TEST-HUB-SERVE TINY.gguf
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback

EXE = os.path.abspath(sys.argv[1])
SERVE = os.path.abspath(sys.argv[2])
FIXTURE = os.path.abspath(sys.argv[3])
REPO = "mr-test/tiny-gguf"
FLAGGED = 3  # MR_CLI_EXIT_FLAGGED: a blocking finding
TESTS = []


def test(function):
    TESTS.append(function)
    return function


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


class Env:
    """A register with REPO added from a loopback Hub, and a local copy."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.db = os.path.join(tmp, "register.db")
        self.environ = {key: value for key, value in os.environ.items()
                        if key not in ("HF_ENDPOINT", "HF_TOKEN", "MODEL_REGISTER_DATABASE")}
        self.environ.update({"HOME": tmp, "LC_ALL": "C.UTF-8",
                             "OLLAMA_HOST": "127.0.0.1:9"})  # nothing listens there
        self.copy = os.path.join(tmp, "download")
        os.mkdir(self.copy)
        shutil.copy(FIXTURE, os.path.join(self.copy, "tiny.gguf"))

    def run(self, *args, expect_code=0):
        result = subprocess.run([EXE, *args, "--database", self.db], capture_output=True,
                                text=True, env=self.environ, timeout=60,
                                stdin=subprocess.DEVNULL)
        if result.returncode != expect_code:
            raise AssertionError(f"{args} exited {result.returncode}, expected {expect_code}\n"
                                 f"stdout: {result.stdout}\nstderr: {result.stderr}")
        return result

    def add_from_hub(self):
        with subprocess.Popen([SERVE], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True) as hub:
            base = hub.stdout.readline().strip()
            try:
                return self.run("add", "--hf", REPO, "--hf-endpoint", base).stdout.strip()
            finally:
                hub.stdin.close()
                hub.wait(timeout=10)

    def checks(self, model_id):
        return json.loads(self.run("checks", model_id, "--format", "json").stdout)


@test
def the_published_file_passes(env):
    model_id = env.add_from_hub()
    report = json.loads(env.run("verify", model_id, "--path", env.copy,
                                "--format", "json").stdout)
    expect(report["severity"] == "none", report)
    file = report["files"][0]
    expect(file["path"] == "tiny.gguf" and file["expected_sha256"] == file["sha256"], report)
    checks = env.checks(model_id)
    expect(len(checks) == 1 and checks[0]["kind"] == "verification", checks)
    expect(checks[0]["status"] == "passed", checks)
    expect(checks[0]["inputs"]["path"] == env.copy, checks)


@test
def a_modified_file_is_blocking_and_stored_failed(env):
    model_id = env.add_from_hub()
    with open(os.path.join(env.copy, "tiny.gguf"), "r+b") as weights:
        weights.seek(-4, os.SEEK_END)
        weights.write(b"\x01\x02\x03\x04")
    result = env.run("verify", model_id, "--path", env.copy, expect_code=FLAGGED)
    expect("not the one published" in result.stdout, result.stdout)
    checks = env.checks(model_id)
    expect(len(checks) == 1 and checks[0]["status"] == "failed", checks)


@test
def a_truncated_file_names_its_size(env):
    model_id = env.add_from_hub()
    path = os.path.join(env.copy, "tiny.gguf")
    with open(path, "ab") as weights:
        weights.write(b"\0" * 32)
    result = env.run("verify", model_id, "--path", path, expect_code=FLAGGED)
    expect("bytes, but the hub says" in result.stdout, result.stdout)


@test
def without_path_says_to_download(env):
    model_id = env.add_from_hub()
    result = env.run("verify", model_id, expect_code=1)
    expect("download" in result.stderr and "--path" in result.stderr, result.stderr)
    expect(env.checks(model_id) == [], "a verification that never ran was stored")
    env.run("verify", env.copy, "--path", env.copy, expect_code=1)


def main():
    print(f"1..{len(TESTS)}")
    failed = 0
    for number, function in enumerate(TESTS, 1):
        with tempfile.TemporaryDirectory(prefix="mr-cli-verify-hub-") as tmp:
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
