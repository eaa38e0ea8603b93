#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Hub commands of the command line against a loopback Hub.

Starts mr-test-hub-serve (which prints its base URL), points HF_ENDPOINT
at it and runs the real model-register: add --hf, refresh, history,
import --hf-author.  Prints TAP.
Usage: test-cli-refresh.py MODEL-REGISTER MR-TEST-HUB-SERVE
"""

import json
import os
import subprocess
import sys
import tempfile
import traceback

EXE = os.path.abspath(sys.argv[1])
SERVE = os.path.abspath(sys.argv[2])
TESTS = []
GPT2_SHA = "607a30d783dfa663caf39e06633721c8d4cfcd7e"


def test(func):
    TESTS.append(func)
    return func


class Hub:
    """A loopback Hub for the duration of a with block."""

    def __init__(self, *options):
        self.options = list(options)

    def __enter__(self):
        self.process = subprocess.Popen([SERVE] + self.options, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        self.base = self.process.stdout.readline().strip()
        assert self.base.startswith("http://127.0.0.1:"), self.base
        return self

    def __exit__(self, *exc):
        self.process.stdin.close()
        self.process.wait(timeout=10)


def run(db, *args, endpoint=None, env_endpoint=None, token=None):
    env = dict(os.environ)
    env.pop("HF_ENDPOINT", None)
    env.pop("HF_TOKEN", None)
    env["OLLAMA_HOST"] = "127.0.0.1:9"  # nothing listens there
    if env_endpoint is not None:
        env["HF_ENDPOINT"] = env_endpoint
    if token is not None:
        env["HF_TOKEN"] = token
    command = [EXE] + list(args) + ["--database", db]
    if endpoint is not None:
        command += ["--hf-endpoint", endpoint]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)


def check(result, code=0):
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    return result


@test
def add_from_hub_then_show():
    with tempfile.TemporaryDirectory() as tmp, Hub() as hub:
        db = os.path.join(tmp, "register.db")
        out = check(run(db, "add", "--hf", "openai-community/gpt2", "--owner", "NLP team",
                        env_endpoint=hub.base)).stdout
        assert out.strip() == "1", out
        shown = json.loads(check(run(db, "show", "1", "--format", "json")).stdout)
        assert shown["source_ref"] == "openai-community/gpt2", shown
        assert shown["source_revision"] == GPT2_SHA, shown
        assert shown["license"] == "MIT", shown
        assert shown["owner"] == "NLP team", shown
        assert shown["openness"] != "unknown", shown
        history = json.loads(check(run(db, "history", "1", "--format", "json")).stdout)
        assert len(history) == 1, history
        assert history[0]["snapshot"]["commit"] == GPT2_SHA, history
        assert history[0]["changes"] == [], history


@test
def add_unknown_repo_fails_naming_it():
    with tempfile.TemporaryDirectory() as tmp, Hub() as hub:
        db = os.path.join(tmp, "register.db")
        result = check(run(db, "add", "--hf", "nonexistent-org/nonexistent-model",
                           endpoint=hub.base), code=1)
        assert "nonexistent-org/nonexistent-model" in result.stderr, result.stderr
        listed = json.loads(check(run(db, "list", "--format", "json")).stdout)
        assert listed == [], listed


@test
def refresh_reports_changes_and_history_diffs():
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "register.db")
        with Hub() as hub:
            check(run(db, "add", "--hf", "openai-community/gpt2", endpoint=hub.base))
            out = check(run(db, "refresh", "1", endpoint=hub.base)).stdout
            assert "1 (openai-community/gpt2): unchanged" in out, out
            assert "Refreshed 0, unchanged 1, failed 0 (8 in flight)" in out, out
        with Hub("--relicense") as hub:
            out = check(run(db, "refresh", "--all", "--jobs", "3", env_endpoint=hub.base)).stdout
            assert "1 (openai-community/gpt2): refreshed" in out, out
            assert "“mit” to “apache-2.0”" in out, out
            assert "(3 in flight)" in out, out
        text = check(run(db, "history", "1")).stdout
        assert text.count("Snapshot ") == 2, text
        assert "The licence changed from “mit” to “apache-2.0”" in text, text
        shown = json.loads(check(run(db, "show", "1", "--format", "json")).stdout)
        assert shown["license"] == "Apache-2.0", shown


@test
def refresh_failure_names_model_and_stores_nothing():
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "register.db")
        with Hub() as hub:
            check(run(db, "add", "--hf", "openai-community/gpt2", endpoint=hub.base))
            check(run(db, "add", "--name", "Ghost", "--source-kind", "hugging-face",
                      "--source", "nonexistent-org/nonexistent-model"))
            before = check(run(db, "show", "2", "--format", "json")).stdout
            result = run(db, "refresh", "--all", endpoint=hub.base, token="hf_secret_value")
            check(result, code=1)
            assert "2 (nonexistent-org/nonexistent-model)" in result.stderr, result.stderr
            assert "hf_secret_value" not in result.stderr + result.stdout
            assert "Refreshed 0, unchanged 1, failed 1" in result.stdout, result.stdout
            after = check(run(db, "show", "2", "--format", "json")).stdout
            assert before == after
            history = json.loads(check(run(db, "history", "2", "--format", "json")).stdout)
            assert history == [], history


@test
def refresh_usage_errors():
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "register.db")
        check(run(db, "refresh"), code=2)
        check(run(db, "refresh", "1", "--all"), code=2)
        check(run(db, "refresh", "--all", "--jobs", "0"), code=2)
        check(run(db, "refresh", "x"), code=2)
        result = check(run(db, "refresh", "7"), code=1)
        assert "7" in result.stderr, result.stderr
        check(run(db, "import"), code=2)


@test
def import_author_follows_pages():
    with tempfile.TemporaryDirectory() as tmp, Hub() as hub:
        db = os.path.join(tmp, "register.db")
        out = check(run(db, "import", "--hf-author", "EleutherAI", endpoint=hub.base)).stdout
        # The fixture's listing has two pages (Link: rel="next").
        assert out == "Imported 4 models of EleutherAI\n", out
        listed = json.loads(check(run(db, "list", "--format", "json")).stdout)
        assert [m["source_ref"] for m in listed][:1] == ["EleutherAI/pythia-160m"], listed
        assert all(m["source_kind"] == "hugging-face" for m in listed), listed
        assert listed[0]["license"] == "Apache-2.0", listed
        out = check(run(db, "import", "--hf-author", "EleutherAI", endpoint=hub.base)).stdout
        assert out == "Imported 0 models of EleutherAI (4 were already registered)\n", out
        check(run(db, "import", "models.csv", "--hf-author", "EleutherAI"), code=2)


def main():
    print(f"1..{len(TESTS)}")
    failed = 0
    for number, func in enumerate(TESTS, 1):
        try:
            func()
            print(f"ok {number} - {func.__name__}")
        except Exception:  # noqa: BLE001 — report every failure as TAP
            failed += 1
            print(f"not ok {number} - {func.__name__}")
            for line in traceback.format_exc().splitlines():
                print(f"# {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
