#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of "model-register check", printed as TAP.

Usage: test-cli-check.py EXECUTABLE TINY.gguf [HELPER]

Without HELPER (a build without libllama) the tests that run a model are
skipped; the others check the "no local runtime" path instead.
"""

import hashlib
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import traceback

EXE = os.path.abspath(sys.argv[1])
MODEL = os.path.abspath(sys.argv[2])
HELPER = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else None
TESTS = []


def test(needs_helper=False):
    def register(function):
        function.needs_helper = needs_helper
        TESTS.append(function)
        return function
    return register


class Env:
    def __init__(self, tmp):
        self.tmp = tmp
        self.db = os.path.join(tmp, "register.db")
        self.environ = {key: value for key, value in os.environ.items()
                        if key not in ("DISPLAY", "WAYLAND_DISPLAY",
                                       "MODEL_REGISTER_DATABASE",
                                       "MODEL_REGISTER_OPENAI_API_KEY")}
        self.environ.update({"HOME": tmp, "XDG_DATA_HOME": os.path.join(tmp, "data"),
                             "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
                             "LC_ALL": "C.UTF-8", "GIO_USE_PROXY_RESOLVER": "dummy",
                             "MODEL_REGISTER_CHECK_HELPER":
                                 HELPER or os.path.join(tmp, "no-such-helper")})

    def run(self, *args, db=True, env=None, expect_code=None):
        command = [EXE, *args] + (["--database", self.db] if db else [])
        environ = dict(self.environ, **(env or {}))
        result = subprocess.run(command, capture_output=True, text=True, env=environ,
                                timeout=60)
        if expect_code is not None and result.returncode != expect_code:
            raise AssertionError(f"{args} exited {result.returncode}, expected {expect_code}\n"
                                 f"stdout: {result.stdout}\nstderr: {result.stderr}")
        return result

    def check_json(self, *args, **kwargs):
        result = self.run("check", *args, "--format", "json", "--threads", "1",
                          expect_code=0, **kwargs)
        return json.loads(result.stdout)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


@test(needs_helper=True)
def checks_a_file_as_json(env):
    first = env.check_json(MODEL, "--tokens", "5")
    expect(first["backend"] == "llama.cpp", first)
    expect(first["tokens_requested"] == 5 and first["tokens_generated"] == 5, first)
    expect(first["deterministic"] is True, first)
    expect(first["threads"] == 1, first)
    expect(first["model"] == os.path.basename(MODEL), first)
    second = env.check_json(MODEL, "--tokens", "5")
    expect(second["output_sha256"] == first["output_sha256"], "two invocations differ")


@test(needs_helper=True)
def checks_a_file_as_text(env):
    out = env.run("check", MODEL, "--tokens", "4", "--threads", "1", expect_code=0).stdout
    expect(out.startswith(os.path.basename(MODEL) + "\n"), out)
    for label in ("Runtime", "llama.cpp", "CPU variant", "Tokens", "4 of 4",
                  "Output SHA-256", "Deterministic"):
        expect(label in out, f"{label!r} missing from:\n{out}")


@test(needs_helper=True)
def checks_a_register_entry(env):
    model_id = int(env.run("add", "--name", "Tiny", "--source-kind", "local-file",
                           "--source", MODEL, expect_code=0).stdout)
    result = env.check_json(str(model_id), "--tokens", "3")
    expect(result["tokens_generated"] == 3, result)


@test(needs_helper=True)
def rejects_a_bad_file(env):
    bad = os.path.join(env.tmp, "bad.gguf")
    with open(bad, "wb") as out:
        out.write(b"GGUF\x03\x00\x00\x00" + bytes(range(256)) * 8)
    result = env.run("check", bad, expect_code=1)
    expect("could not load the model" in result.stderr, result.stderr)
    expect(result.stdout == "", result.stdout)


@test()
def refuses_a_hub_entry(env):
    model_id = int(env.run("add", "--name", "Remote", "--source-kind", "hugging-face",
                           "--source", "org/model", expect_code=0).stdout)
    result = env.run("check", str(model_id), expect_code=1)
    expect("only local GGUF files can be checked" in result.stderr, result.stderr)


@test()
def reports_a_missing_file(env):
    result = env.run("check", os.path.join(env.tmp, "absent.gguf"), expect_code=1)
    expect("no such file, and not a model id" in result.stderr, result.stderr)


@test()
def explains_how_to_install_a_runtime(env):
    missing = {"MODEL_REGISTER_CHECK_HELPER": os.path.join(env.tmp, "no-such-helper")}
    result = env.run("check", MODEL, env=missing, expect_code=1)
    expect("No local runtime is installed" in result.stderr, result.stderr)
    # How to get one depends on whether this build has libllama.
    hint = "meson install" if HELPER else "build-aux/provision-llama"
    expect(hint in result.stderr, result.stderr)


@test()
def rejects_bad_options(env):
    for args in (["--tokens", "0"], ["--timeout", "0"], ["--format", "csv"]):
        result = env.run("check", MODEL, *args, expect_code=2)
        expect(result.stdout == "", f"{args}: {result.stdout}")


@test()
def is_listed_in_help(env):
    result = env.run("help", db=False, expect_code=0)
    expect("\n  check " in result.stdout, result.stdout)
    result = env.run("help", "check", db=False, expect_code=0)
    for option in ("--tokens", "--timeout", "--threads", "--endpoint", "--format"):
        expect(option in result.stdout, f"{option} missing from:\n{result.stdout}")


class Completions(http.server.BaseHTTPRequestHandler):
    """/v1/completions as llama-server answers it; records the requests."""
    requests = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Completions.requests.append((self.path, self.headers.get("Authorization"),
                                     json.loads(body)))
        answer = json.dumps({"model": "served-name", "choices": [{"text": " ok"}],
                             "usage": {"completion_tokens": 2}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@test()
def checks_an_endpoint(env):
    server = http.server.HTTPServer(("127.0.0.1", 0), Completions)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        result = env.check_json("my-model", "--endpoint", url, "--tokens", "2",
                                env={"MODEL_REGISTER_OPENAI_API_KEY": "sk-cli"})
    finally:
        server.shutdown()
        server.server_close()
    expect(result["backend"] == "openai-compatible", result)
    expect(result["model"] == "served-name", result)
    expect(result["output_sha256"] == hashlib.sha256(b" ok").hexdigest(), result)
    expect(result["deterministic"] is True, result)
    expect(len(Completions.requests) == 2, Completions.requests)
    path, authorization, request = Completions.requests[0]
    expect(path == "/v1/completions" and authorization == "Bearer sk-cli", Completions.requests)
    expect(request["model"] == "my-model" and request["max_tokens"] == 2
           and request["temperature"] == 0, request)


def main():
    print(f"1..{len(TESTS)}")
    failed = 0
    for number, function in enumerate(TESTS, 1):
        name = function.__name__
        if function.needs_helper and HELPER is None:
            print(f"ok {number} - {name} # SKIP built without libllama")
            continue
        with tempfile.TemporaryDirectory(prefix="mr-cli-check-") as tmp:
            try:
                function(Env(tmp))
                print(f"ok {number} - {name}")
            except Exception:  # one failing test must not hide the others
                failed += 1
                print(f"not ok {number} - {name}")
                for line in traceback.format_exc().splitlines():
                    print(f"# {line}")
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
