#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of the headless command line.

Runs the real model-register executable against registers in temporary
folders, with no display, and prints TAP.  Usage: test-cli.py EXECUTABLE
"""

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import traceback
import unicodedata

EXE = os.path.abspath(sys.argv[1])
COMMANDS = ["list", "show", "add", "edit", "remove", "import", "export", "help"]
TESTS = []

# Everything a test may pass to "add", with the JSON value it must come back as.
FULL_MODEL = {
    "options": [
        "--name", "Llama 3.1 8B Instruct",
        "--provider", "Meta",
        "--version", "3.1",
        "--source-kind", "hugging-face",
        "--source", "meta-llama/Llama-3.1-8B-Instruct",
        "--owner", "Platform team",
        "--license", "llama3.1",
        "--tag", "llm", "--tag", "chat",
        "--use", "chatbot", "--use", "code-assistant",
        "--deployment", "self-hosted",
        "--data-sensitivity", "internal",
        "--description", "An instruction-tuned model.\nSecond line.",
        "--notes", "Reviewed by legal, see ticket 12",
    ],
    "json": {
        "name": "Llama 3.1 8B Instruct",
        "provider": "Meta",
        "version": "3.1",
        "source_kind": "hugging-face",
        "source_ref": "meta-llama/Llama-3.1-8B-Instruct",
        "owner": "Platform team",
        "license": "llama3.1",
        "tags": ["llm", "chat"],
        "intended_uses": ["chatbot", "code-assistant"],
        "deployment": "self-hosted",
        "data_sensitivity": "internal",
        "description": "An instruction-tuned model.\nSecond line.",
        "notes": "Reviewed by legal, see ticket 12",
        "status": "draft",
    },
}

HOSTILE_NAMES = [
    "<b>&amp; \"quoted\", 'single' & <i>markup</i>",
    "Llama 🦙 with emoji 👩‍💻 and 中文",
    "x" * 299 + "é",
    "=cmd|' /C calc'!A0",
]

# Fields that change on every save, so a round trip cannot keep them.
VOLATILE = {"id", "revision", "created_at", "updated_at"}


def test(function):
    TESTS.append(function)
    return function


class Env:
    """A temporary home with its own register; DISPLAY is never set."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.db = os.path.join(tmp, "register.db")
        self.environ = {
            key: value for key, value in os.environ.items()
            if key not in ("DISPLAY", "WAYLAND_DISPLAY", "MODEL_REGISTER_DATABASE")
        }
        self.environ.update({
            "HOME": tmp,
            "XDG_DATA_HOME": os.path.join(tmp, "data"),
            "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
            "LC_ALL": "C.UTF-8",
        })

    def path(self, name):
        return os.path.join(self.tmp, name)

    def run(self, *args, db=True, env=None, check=None):
        command = [EXE, *args]
        if db:
            command += ["--database", self.db]
        environ = dict(self.environ)
        environ.update(env or {})
        result = subprocess.run(command, capture_output=True, text=True,
                                env=environ, timeout=60)
        if check is not None and result.returncode != check:
            raise AssertionError(
                f"{command[1:]} exited {result.returncode}, expected {check}\n"
                f"stdout: {result.stdout}\nstderr: {result.stderr}")
        return result

    def ok(self, *args, **kwargs):
        return self.run(*args, check=0, **kwargs)

    def add(self, *options):
        return int(self.ok("add", *options).stdout)

    def list_json(self, *args):
        return json.loads(self.ok("list", "--format", "json", *args).stdout)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_equal(actual, expected, what):
    if actual != expected:
        raise AssertionError(f"{what}: got {actual!r}, expected {expected!r}")


def expect_fields(entry, expected, what):
    for key, value in expected.items():
        expect_equal(entry.get(key), value, f"{what}: field {key}")


def strip_volatile(entry):
    return {key: value for key, value in entry.items() if key not in VOLATILE}


def file_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def cell_width(text):
    width = 0
    for char in text:
        if unicodedata.combining(char) or char == "\u200d":
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


# ---- help and usage ---------------------------------------------------------

@test
def help_lists_every_command(env):
    out = env.ok("help", db=False).stdout
    for command in COMMANDS:
        expect(f"  {command} " in out, f"help does not list {command}:\n{out}")


@test
def every_command_has_help(env):
    for command in COMMANDS:
        result = env.ok(command, "--help", db=False)
        expect(f"model-register {command}" in result.stdout,
               f"{command} --help has no usage line:\n{result.stdout}")
        expect(result.stderr == "", f"{command} --help wrote to stderr: {result.stderr}")
    expect("--database" in env.ok("list", "--help", db=False).stdout, "list has no --database")
    expect("--skip-invalid" in env.ok("import", "--help", db=False).stdout,
           "import has no --skip-invalid")
    expect_equal(env.ok("help", "show", db=False).stdout,
                 env.ok("show", "--help", db=False).stdout, "help show")


@test
def usage_errors_exit_2_with_a_hint(env):
    cases = [
        (("list", "--no-such-option"), "list"),
        (("show",), "show"),
        (("show", "1", "2"), "show"),
        (("show", "abc"), "show"),
        (("remove",), "remove"),
        (("edit", "1"), "edit"),
        (("add",), "add"),
        (("list", "--format", "xml"), "list"),
        (("list", "--status", "nearly-approved"), "list"),
        (("add", "--name", "X", "--deployment", "on-the-moon"), "add"),
        (("import", "models.csv", "--format", "docx"), "import"),
        (("export", "-"), "export"),
    ]
    for args, command in cases:
        result = env.run(*args, check=2)
        expect(result.stderr.startswith("model-register: "),
               f"{args}: stderr does not name the program: {result.stderr}")
        expect(f"Run “model-register {command} --help”" in result.stderr,
               f"{args}: no hint in {result.stderr!r}")
    result = env.run("help", "frobnicate", db=False, check=2)
    expect("frobnicate" in result.stderr, result.stderr)
    expect("“model-register help”" in result.stderr, result.stderr)
    expect(not os.path.exists(env.db), "a usage error created the register")


@test
def bad_enum_value_lists_the_choices(env):
    result = env.run("list", "--status", "nearly-approved", check=2)
    expect("--status" in result.stderr and "approved-with-conditions" in result.stderr,
           result.stderr)


# ---- add, list, show --------------------------------------------------------

@test
def add_then_list_json_field_by_field(env):
    model_id = env.add(*FULL_MODEL["options"])
    second = env.add("--name", "Mistral 7B", "--source-kind", "ollama", "--source", "mistral:7b")
    expect(second > model_id, f"ids not increasing: {model_id}, {second}")

    entries = env.list_json()
    expect_equal(len(entries), 2, "number of entries")
    expect_equal(entries[0]["id"], model_id, "id")
    expect_fields(entries[0], FULL_MODEL["json"], "full model")
    expect_equal(len(entries[0]["components"]), 17, "components")
    expect_fields(entries[1], {"id": second, "name": "Mistral 7B", "source_kind": "ollama",
                               "source_ref": "mistral:7b", "tags": [], "provider": None},
                  "second model")


@test
def show_json_is_the_list_entry(env):
    model_id = env.add(*FULL_MODEL["options"])
    shown = json.loads(env.ok("show", str(model_id), "--format", "json").stdout)
    expect(isinstance(shown, dict), "show --format json is not one object")
    expect_equal(shown, env.list_json()[0], "show vs list")


@test
def show_text_has_every_field_and_component(env):
    model_id = env.add(*FULL_MODEL["options"])
    out = env.ok("show", str(model_id)).stdout
    for text in ["Llama 3.1 8B Instruct", "meta-llama/Llama-3.1-8B-Instruct", "Platform team",
                 "llm, chat", "chatbot, code-assistant", "self-hosted", "internal",
                 "Second line.", "Reviewed by legal", "draft", "Components:",
                 "Final parameters", "Model metadata"]:
        expect(text in out, f"show lacks {text!r}:\n{out}")
    component_lines = [line for line in out.splitlines()
                       if line.startswith("  ") and ("unknown" in line or "present" in line)]
    expect_equal(len(component_lines), 17, "component lines")


@test
def show_csv_is_one_row(env):
    model_id = env.add(*FULL_MODEL["options"])
    rows = list(csv.DictReader(io.StringIO(env.ok("show", str(model_id), "--format", "csv").stdout)))
    expect_equal(len(rows), 1, "rows")
    expect_equal(rows[0]["name"], "Llama 3.1 8B Instruct", "name")


@test
def missing_model_exits_1_naming_id_and_register(env):
    env.add("--name", "Only one")
    for args in (("show", "42"), ("edit", "42", "--name", "X"), ("remove", "42")):
        result = env.run(*args, check=1)
        expect("42" in result.stderr and env.db in result.stderr,
               f"{args}: message does not name the id and register: {result.stderr}")
        expect("--help" not in result.stderr, "a user error got a usage hint")


@test
def add_validation_error_exits_1_and_adds_nothing(env):
    env.add("--name", "Kept")
    result = env.run("add", "--name", "Bad repo", "--source-kind", "hugging-face",
                     "--source", "not a repo id", check=1)
    expect(result.stderr.startswith("model-register: "), result.stderr)
    result = env.run("add", "--name", "   ", check=1)
    expect("Name" in result.stderr, result.stderr)
    expect_equal([e["name"] for e in env.list_json()], ["Kept"], "entries")


@test
def add_json_prints_the_stored_object(env):
    entry = json.loads(env.ok("add", "--name", "JSON out", "--format", "json").stdout)
    expect_equal(entry["name"], "JSON out", "name")
    expect(entry["id"] > 0 and entry["revision"] >= 1, f"not stored: {entry}")


@test
def add_from_json_copies_every_field(env):
    original = env.add(*FULL_MODEL["options"])
    path = env.path("model.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write(env.ok("show", str(original), "--format", "json").stdout)
    copy = env.add("--from-json", path, "--version", "3.2")
    entries = {e["id"]: e for e in env.list_json()}
    expect(copy != original, "the copy reused the id")
    expected = strip_volatile(entries[original])
    expected["version"] = "3.2"
    expect_equal(strip_volatile(entries[copy]), expected, "copy")

    with open(path, "w", encoding="utf-8") as f:
        json.dump([{"name": "a"}, {"name": "b"}], f)
    result = env.run("add", "--from-json", path, check=1)
    expect("model.json" in result.stderr, result.stderr)


@test
def list_filters(env):
    env.add("--name", "Llama Guard", "--provider", "Meta")
    env.add("--name", "Mistral", "--tag", "LLaMA-compatible")
    env.add("--name", "Phi-3", "--provider", "Microsoft", "--license", "MIT")

    def names(*args):
        return [e["name"] for e in env.list_json(*args)]

    expect_equal(names("--search", "llama"), ["Llama Guard", "Mistral"], "search (case, tags)")
    expect_equal(names("--search", "MIT"), ["Phi-3"], "search licence")
    expect_equal(names("--search", "nothing-matches"), [], "search none")
    expect_equal(names("--status", "draft"), ["Llama Guard", "Mistral", "Phi-3"], "status")
    expect_equal(names("--status", "approved"), [], "status approved")
    expect_equal(names("--openness", "unknown"), ["Llama Guard", "Mistral", "Phi-3"], "openness")
    expect_equal(names("--flagged"), [], "flagged")
    rows = list(csv.DictReader(io.StringIO(
        env.ok("list", "--format", "csv", "--search", "phi").stdout)))
    expect_equal([r["name"] for r in rows], ["Phi-3"], "csv search")


@test
def list_text_is_aligned_and_ellipsized(env):
    long_name = "A very long model name " * 6
    names = ["Short", long_name, "Llama 🦙 中文名", "Tab\tand\x1b[31mescape"]
    for i, name in enumerate(names):
        env.add("--name", name, "--provider", f"Prov{i}")
    lines = env.ok("list").stdout.splitlines()
    expect_equal(len(lines), 1 + len(names), "lines")
    header_col = cell_width(lines[0][:lines[0].index("Provider")])
    for i, line in enumerate(lines[1:]):
        col = cell_width(line[:line.index(f"Prov{i}")])
        expect_equal(col, header_col, f"provider column of row {i}")
        expect("\x1b" not in line and "\t" not in line, f"control character in {line!r}")
        expect(not line.endswith(" "), f"trailing blank in {line!r}")
    expect("…" in lines[2] and long_name not in lines[2], f"not ellipsized: {lines[2]}")
    expect("Llama 🦙 中文名" in lines[3], lines[3])


@test
def hostile_names_round_trip_through_json_and_csv(env):
    ids = [env.add("--name", name, "--description", "line 1\r\nline 2, \"quoted\"")
           for name in HOSTILE_NAMES]
    entries = env.list_json()
    expect_equal([e["name"] for e in entries], HOSTILE_NAMES, "names via list")
    for model_id, name in zip(ids, HOSTILE_NAMES):
        shown = json.loads(env.ok("show", str(model_id), "--format", "json").stdout)
        expect_equal(shown["name"], name, "name via show")

    exported = env.path("hostile.csv")
    env.ok("export", exported)
    other = Env(env.tmp)
    other.db = env.path("other.db")
    other.ok("import", exported)
    expect_equal([strip_volatile(e) for e in other.list_json()],
                 [strip_volatile(e) for e in entries], "CSV round trip")


# ---- edit and remove --------------------------------------------------------

@test
def edit_changes_only_the_given_fields(env):
    model_id = env.add(*FULL_MODEL["options"])
    before = env.list_json()[0]
    result = env.ok("edit", str(model_id), "--provider", "Meta AI", "--tag", "assistant",
                    "--notes", "")
    expect(f"Updated model {model_id}" in result.stdout, result.stdout)
    after = env.list_json()[0]
    expected = dict(before, provider="Meta AI", tags=["assistant"], notes=None)
    expect_equal(strip_volatile(after), strip_volatile(expected), "after edit")
    expect(after["revision"] > before["revision"], "revision did not move")

    result = env.ok("edit", str(model_id), "--provider", "Meta AI")
    expect("unchanged" in result.stdout, result.stdout)
    expect_equal(env.list_json()[0]["revision"], after["revision"], "revision of a no-op edit")

    edited = json.loads(env.ok("edit", str(model_id), "--tag", "", "--format", "json").stdout)
    expect_equal(edited["tags"], [], "tags cleared")


@test
def edit_validation_error_changes_nothing(env):
    model_id = env.add("--name", "Valid")
    before = env.list_json()
    env.run("edit", str(model_id), "--name", "", check=1)
    env.run("edit", str(model_id), "--source-kind", "vendor-api", "--source", "not a url", check=1)
    expect_equal(env.list_json(), before, "register after failed edits")


@test
def remove_prints_what_it_removed(env):
    ids = [env.add("--name", f"Model {i}") for i in range(4)]
    result = env.ok("remove", str(ids[1]), str(ids[3]))
    expect(f"Removed model {ids[1]} “Model 1”" in result.stdout, result.stdout)
    expect(f"Removed model {ids[3]} “Model 3”" in result.stdout, result.stdout)
    expect_equal([e["id"] for e in env.list_json()], [ids[0], ids[2]], "left")

    removed = json.loads(env.ok("remove", str(ids[0]), "--format", "json").stdout)
    expect_equal([e["name"] for e in removed], ["Model 0"], "removed as json")


@test
def remove_with_an_unknown_id_removes_nothing(env):
    ids = [env.add("--name", f"Model {i}") for i in range(2)]
    result = env.run("remove", str(ids[0]), "9999", check=1)
    expect("9999" in result.stderr, result.stderr)
    expect_equal([e["id"] for e in env.list_json()], ids, "left")


# ---- import and export ------------------------------------------------------

def write(env, name, text):
    path = env.path(name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path


GOOD_CSV = ("name,provider,source_kind,source_ref,tags,status\r\n"
            "Gemma 2 9B,Google,hugging-face,google/gemma-2-9b,llm;open,draft\r\n"
            "\"Claude, hosted\",Anthropic,vendor-api,https://api.anthropic.com,,submitted\r\n"
            "Qwen2 7B,Alibaba,ollama,qwen2:7b,,approved\r\n")


@test
def csv_import_export_round_trip(env):
    path = write(env, "models.csv", GOOD_CSV)
    result = env.ok("import", path)
    expect_equal(result.stdout.strip(), f"Imported 3 models from {path}", "message")
    entries = env.list_json()
    expect_equal([e["name"] for e in entries], ["Gemma 2 9B", "Claude, hosted", "Qwen2 7B"], "names")
    expect_equal(entries[0]["tags"], ["llm", "open"], "tags")
    expect_equal(entries[2]["status"], "approved", "status")

    exported = env.path("export.csv")
    result = env.ok("export", exported)
    expect(exported in result.stdout, result.stdout)
    other = Env(env.tmp)
    other.db = env.path("copy.db")
    other.ok("import", exported)
    expect_equal([strip_volatile(e) for e in other.list_json()],
                 [strip_volatile(e) for e in entries], "round trip")


@test
def json_and_mot_export(env):
    ids = [env.add("--name", f"Model {i}", "--license", "Apache-2.0") for i in range(3)]
    out = env.ok("export", "-", "--format", "json", "--id", str(ids[0]), "--id", str(ids[2])).stdout
    expect_equal([e["name"] for e in json.loads(out)], ["Model 0", "Model 2"], "stdout export")

    path = env.path("all.json")
    env.ok("export", path)
    with open(path, encoding="utf-8") as f:
        expect_equal(len(json.load(f)), 3, "json file")
    other = Env(env.tmp)
    other.db = env.path("from-json.db")
    other.ok("import", path)
    expect_equal(len(other.list_json()), 3, "json import")

    mot = env.path("model.yml")
    env.ok("export", mot, "--id", str(ids[1]))
    expect("Model 1" in open(mot, encoding="utf-8").read(), "MOT file lacks the name")
    other.db = env.path("from-mot.db")
    result = other.ok("import", mot)
    expect_equal(result.stdout.strip(), f"Imported 1 model from {mot}", "MOT import message")
    expect_equal([e["name"] for e in other.list_json()], ["Model 1"], "MOT import")
    env.run("export", env.path("two.yml"), "--id", str(ids[0]), "--id", str(ids[1]), check=1)
    expect(not os.path.exists(env.path("two.yml")), "failed export left a file")


@test
def bad_csv_exits_1_naming_the_line_and_imports_nothing(env):
    env.add("--name", "Existing")
    before = env.list_json()
    path = write(env, "bad.csv", GOOD_CSV + "Broken,X,no-such-kind,,,draft\r\nFine,Y,manual,,,draft\r\n")
    result = env.run("import", path, check=1)
    expect("bad.csv:5" in result.stderr, f"line not named: {result.stderr}")
    expect("Imported" not in result.stdout, result.stdout)
    expect_equal(env.list_json(), before, "register after a bad import")

    unknown = write(env, "unknown.csv", "name,colour\r\nA,blue\r\n")
    result = env.run("import", unknown, check=1)
    expect("colour" in result.stderr, result.stderr)
    env.run("import", env.path("missing.csv"), check=1)
    expect_equal(env.list_json(), before, "register after failed imports")


@test
def skip_invalid_imports_the_good_rows(env):
    path = write(env, "bad.csv", GOOD_CSV + "Broken,X,no-such-kind,,,draft\r\nFine,Y,manual,,,draft\r\n")
    result = env.ok("import", path, "--skip-invalid")
    expect_equal(result.stdout.strip(), f"Imported 4 models from {path}", "message")
    expect("bad.csv:5" in result.stderr and "skipped" in result.stderr, result.stderr)
    expect_equal(len(env.list_json()), 4, "entries")


# ---- the register file and the environment ---------------------------------

@test
def non_sqlite_database_exits_1_and_is_untouched(env):
    path = env.path("notes.txt")
    with open(path, "wb") as f:
        f.write(b"These are my notes, not a register.\n" * 100)
    before = file_bytes(path)
    for args in (("list",), ("add", "--name", "X"), ("import", write(env, "m.csv", GOOD_CSV))):
        result = env.run(*args, db=False, env={"MODEL_REGISTER_DATABASE": path}, check=1)
        expect("notes.txt" in result.stderr, result.stderr)
    expect_equal(file_bytes(path), before, "file contents")
    expect(not os.path.exists(path + "-wal") and not os.path.exists(path + "-journal"),
           "journal files left beside a non-register")


@test
def database_from_environment_and_default(env):
    chosen = env.path("chosen.db")
    env.ok("add", "--name", "Via environment", db=False, env={"MODEL_REGISTER_DATABASE": chosen})
    env.db = chosen
    expect_equal([e["name"] for e in env.list_json()], ["Via environment"], "env register")

    env.ok("add", "--name", "Via default", db=False)
    default = os.path.join(env.tmp, "data", "model-register", "register.db")
    expect(os.path.exists(default), "default register not under XDG_DATA_HOME")
    env.db = default
    expect_equal([e["name"] for e in env.list_json()], ["Via default"], "default register")

    override = env.path("override.db")
    env.db = override
    env.ok("add", "--name", "Via option", env={"MODEL_REGISTER_DATABASE": chosen})
    expect_equal([e["name"] for e in env.list_json()], ["Via option"], "--database wins")


@test
def runs_without_a_display(env):
    expect("DISPLAY" not in env.environ, "the test environment has a display")
    env.add("--name", "Headless")
    result = env.ok("list", env={"DISPLAY": ":4242", "GDK_BACKEND": "x11"})
    expect("Headless" in result.stdout, result.stdout)
    expect(result.stderr == "", f"stderr: {result.stderr}")


@test
def write_error_exits_1(env):
    env.add("--name", "Goes nowhere")
    with open("/dev/full", "w") as full:
        result = subprocess.run([EXE, "list", "--database", env.db], stdout=full,
                                stderr=subprocess.PIPE, text=True, env=env.environ, timeout=60)
    expect_equal(result.returncode, 1, "exit code")
    expect("could not write" in result.stderr, result.stderr)


def main():
    print(f"1..{len(TESTS)}")
    failed = 0
    for number, function in enumerate(TESTS, 1):
        with tempfile.TemporaryDirectory(prefix="mr-cli-") as tmp:
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
