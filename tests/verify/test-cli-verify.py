#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of the "verify" command, run through the real executable
on weights files written here, in temporary folders.  Prints TAP.

Usage: test-cli-verify.py EXECUTABLE
"""

import hashlib
import json
import os
import struct
import subprocess
import sys
import tempfile
import traceback

EXE = os.path.abspath(sys.argv[1])
TESTS = []


def test(function):
    TESTS.append(function)
    return function


def gguf_string(text):
    data = text.encode()
    return struct.pack("<Q", len(data)) + data


def tiny_gguf():
    """One F32 tensor of 8 elements, architecture and licence set."""
    kvs = (gguf_string("general.architecture") + struct.pack("<I", 8) + gguf_string("llama")
           + gguf_string("general.license") + struct.pack("<I", 8) + gguf_string("mit"))
    info = gguf_string("w") + struct.pack("<IQIQ", 1, 8, 0, 0)
    head = b"GGUF" + struct.pack("<IQQ", 3, 1, 2) + kvs + info
    head += b"\0" * (-len(head) % 32)
    return head + struct.pack("<8f", *range(8))


def run(*args, env=None):
    return subprocess.run([EXE, *args], capture_output=True, text=True, env=env, timeout=60)


def write(folder, name, data):
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


@test
def text_report(folder):
    path = write(folder, "tiny.gguf", tiny_gguf())
    result = run("verify", path)
    assert result.returncode == 0, result.stderr
    assert "llama" in result.stdout and "mit" in result.stdout
    assert hashlib.sha256(tiny_gguf()).hexdigest() in result.stdout
    assert "Parameters" in result.stdout


@test
def json_report_and_match(folder):
    data = tiny_gguf()
    path = write(folder, "tiny.gguf", data)
    result = run("verify", path, "--format", "json",
                 "--expect-sha256", hashlib.sha256(data).hexdigest().upper())
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["parameters"] == 8
    assert report["architecture"] == "llama"
    assert report["severity"] == "none"
    assert report["files"][0]["sha256"] == hashlib.sha256(data).hexdigest()


@test
def mismatch_exits_3(folder):
    path = write(folder, "tiny.gguf", tiny_gguf())
    result = run("verify", path, "--format", "json", "--expect-sha256", "0" * 64)
    assert result.returncode == 3, (result.returncode, result.stderr)
    assert json.loads(result.stdout)["severity"] == "blocking"
    assert "SHA-256" in result.stderr


@test
def truncated_exits_1(folder):
    path = write(folder, "cut.gguf", tiny_gguf()[:-5])
    result = run("verify", path)
    assert result.returncode == 1, result.returncode
    assert "cut.gguf: byte " in result.stderr, result.stderr


@test
def bad_options_exit_2(folder):
    path = write(folder, "tiny.gguf", tiny_gguf())
    assert run("verify", path, "--expect-sha256", "xyz").returncode == 2
    assert run("verify", path, "--format", "csv").returncode == 2


@test
def register_entries(folder):
    path = write(folder, "tiny.gguf", tiny_gguf())
    env = dict(os.environ, MODEL_REGISTER_DATABASE=os.path.join(folder, "r.db"))
    local = run("add", "--name", "Tiny", "--source-kind", "local-file", "--source", path, env=env)
    assert local.returncode == 0, local.stderr
    hub = run("add", "--name", "Hub", "--source-kind", "hugging-face", "--source", "org/m", env=env)
    assert hub.returncode == 0, hub.stderr

    result = run("verify", local.stdout.strip(), "--format", "json", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["parameters"] == 8
    result = run("verify", hub.stdout.strip(), env=env)
    assert result.returncode == 1
    assert "Hugging Face" in result.stderr and "--path" in result.stderr, result.stderr
    assert run("verify", "999", env=env).returncode == 1


def main():
    print(f"1..{len(TESTS)}")
    failed = 0
    for number, function in enumerate(TESTS, 1):
        with tempfile.TemporaryDirectory() as folder:
            try:
                function(folder)
                print(f"ok {number} {function.__name__}")
            except Exception:  # noqa: BLE001 - every failure is reported as TAP
                failed += 1
                print(f"not ok {number} {function.__name__}")
                for line in traceback.format_exc().splitlines():
                    print(f"# {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
