#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of the "report" command.

Runs the real model-register executable on registers in temporary folders,
with no display, and prints TAP.  HTML is checked for well-formedness with
Python's html.parser (every element closed, in order) and, as the writer
keeps it XML-well-formed too (polyglot HTML5), with xmllint's XML parser.
Usage: test-cli-report.py EXECUTABLE
"""

import csv
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback

EXE = os.path.abspath(sys.argv[1])
TESTS = []

HOSTILE = "<script>alert(\"x\")</script> & 'Quoted' model 🚀"
REGISTER = [
    {"name": HOSTILE, "provider": "Example & Sons", "license": "MIT",
     "intended_uses": ["translation"], "status": "submitted"},
    {"name": "Blocked-Credit-Model", "provider": "Example Labs", "license": "CC-BY-NC-4.0",
     "intended_uses": ["credit-scoring"], "status": "approved"},
    {"name": "Plain model", "license": "Apache-2.0", "intended_uses": [], "status": "draft"},
]
VOID_ELEMENTS = {"meta", "br", "hr", "img", "link", "input", "col", "wbr"}


def test(func):
    TESTS.append(func)
    return func


def run(*args, check=None):
    result = subprocess.run([EXE, *args], capture_output=True, text=True, timeout=60)
    if check is not None and result.returncode != check:
        raise AssertionError(f"{args}: exit {result.returncode}, expected {check}\n"
                             f"stdout: {result.stdout}\nstderr: {result.stderr}")
    return result


class Register:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="mr-report-")
        self.db = os.path.join(self.dir, "register.db")
        source = os.path.join(self.dir, "models.json")
        with open(source, "w", encoding="utf-8") as f:
            json.dump(REGISTER, f)
        run("import", source, "--database", self.db, check=0)

    def path(self, name):
        return os.path.join(self.dir, name)

    def report(self, *args, check=0):
        return run("report", "--database", self.db, *args, check=check)

    def close(self):
        shutil.rmtree(self.dir)


class WellFormed(html.parser.HTMLParser):
    """Fails on an end tag that does not close the innermost open element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        assert tag in VOID_ELEMENTS, f"<{tag}/> is not a void element"

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def check_html(path):
    with open(path, encoding="utf-8") as f:
        document = f.read()
    assert document.startswith("<!DOCTYPE html>")
    parser = WellFormed()
    parser.feed(document)
    parser.close()
    assert parser.stack == [], f"unclosed: {parser.stack}"
    lint = subprocess.run(["xmllint", "--noout", path], capture_output=True, text=True)
    assert lint.returncode == 0 and lint.stderr == "", lint.stderr
    return document, "".join(parser.text)


@test
def governance_html_escapes_hostile_names(register):
    out = register.path("report.html")
    result = register.report("--type", "governance", "--format", "html",
                             "--organisation", "R&D <Board>", "-o", out)
    assert "report.html" in result.stdout
    document, text = check_html(out)
    assert "<script" not in document
    assert "&lt;script&gt;" in document
    assert HOSTILE in text
    assert "R&D <Board>" in text
    assert "No decisions in this period" in text
    assert "No checks recorded" in text
    assert "Blocked-Credit-Model" in text


@test
def governance_pdf(register):
    out = register.path("report.pdf")
    result = register.report("--type", "governance", "--format", "pdf",
                             "--from", "2026-01-01", "--to", "2026-03-31", "-o", out)
    assert "pages)" in result.stdout, result.stdout
    with open(out, "rb") as f:
        assert f.read(5) == b"%PDF-"
    text = subprocess.run(["pdftotext", "-layout", out, "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "2026-01-01 to 2026-03-31" in text
    assert "Blocked-Credit-Model" in text


@test
def attention_pages(register):
    pages = {}
    for which in ("all", "attention"):
        out = register.path(f"{which}.pdf")
        result = register.report("--type", "governance", "--format", "pdf",
                                 "--model-pages", which, "-o", out)
        pages[which] = int(result.stdout.split("(")[1].split()[0])
    # "Plain model" (a draft with no flags) loses its page.
    assert pages["attention"] < pages["all"], pages
    register.report("--type", "governance", "--format", "pdf", "--model-pages", "some",
                    "-o", register.path("x.pdf"), check=2)


@test
def dash_writes_to_standard_output(register):
    result = register.report("--type", "factsheet", "--format", "json", "--id", "2", "-o", "-")
    assert json.loads(result.stdout)["name"] == "Blocked-Credit-Model"
    assert not os.path.exists(register.path("-"))
    assert not os.path.exists("-")


@test
def factsheet_json(register):
    out = register.path("factsheet.json")
    register.report("--type", "factsheet", "--format", "json", "--id", "2", "-o", out)
    with open(out, encoding="utf-8") as f:
        sheet = json.load(f)
    assert sheet["name"] == "Blocked-Credit-Model"
    fields = {field["key"]: field for field in sheet["fields"]}
    for key in ("architecture", "parameter-count", "modality", "license", "training-data",
                "intended-uses", "evaluation-results"):
        assert key in fields, key
    assert fields["parameter-count"] == {"key": "parameter-count", "known": False,
                                         "value": "Not known",
                                         "reference": fields["parameter-count"]["reference"]}
    assert fields["license"]["known"] and "CC-BY-NC-4.0" in fields["license"]["value"]
    assert "Credit scoring" in fields["intended-uses"]["value"]


@test
def factsheet_html(register):
    out = register.path("factsheet.html")
    register.report("--type", "factsheet", "--format", "html", "--id", "1", "-o", out)
    document, text = check_html(out)
    assert HOSTILE in text
    assert "<script" not in document
    assert "Not known" in text


@test
def inventory_csv(register):
    out = register.path("inventory.csv")
    register.report("--type", "inventory", "--format", "csv", "-o", out)
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [row["name"] for row in rows] == [entry["name"] for entry in REGISTER]
    assert rows[1]["worst_severity"] == "blocking"
    assert rows[1]["status"] == "approved"
    assert "blocking:" in rows[1]["flags"]
    assert rows[2]["intended_uses"] == ""


@test
def inventory_json(register):
    out = register.path("inventory.json")
    register.report("--type", "inventory", "--format", "json", "-o", out)
    with open(out, encoding="utf-8") as f:
        entries = json.load(f)
    assert len(entries) == 3
    assert entries[0]["name"] == HOSTILE
    evaluation = entries[1]["evaluation"]
    assert evaluation["worst_severity"] == "blocking"
    assert evaluation["flags"] and evaluation["flags"][0]["reason"]
    assert set(evaluation["mof"]) == {"class", "progress_1", "progress_2", "progress_3"}


@test
def usage_errors(register):
    out = register.path("never.pdf")
    cases = [
        ("--type", "factsheet", "--format", "pdf", "-o", out),          # no --id
        ("--type", "governance", "--format", "csv", "-o", out),         # wrong format
        ("--type", "inventory", "--format", "pdf", "-o", out),
        ("--type", "summary", "--format", "pdf", "-o", out),
        ("--type", "governance", "--format", "pdf"),                    # no -o
        ("--type", "governance", "-o", out),
        ("--type", "governance", "--format", "pdf", "--from", "yesterday", "-o", out),
        ("--type", "factsheet", "--format", "json", "--id", "x", "-o", out),
        ("--type", "governance", "--format", "pdf", "--from", "2026-05-01",
         "--to", "2026-04-01", "-o", out),
    ]
    for args in cases:
        result = register.report(*args, check=2)
        assert result.stderr.startswith("model-register: "), result.stderr
    assert not os.path.exists(out)
    result = register.report("--type", "factsheet", "--format", "pdf", "-o", out, check=2)
    assert "--id" in result.stderr


@test
def failure_keeps_the_old_file(register):
    out = register.path("kept.json")
    with open(out, "w", encoding="utf-8") as f:
        f.write("old contents")
    result = register.report("--type", "factsheet", "--format", "json", "--id", "99",
                             "-o", out, check=1)
    assert "99" in result.stderr
    with open(out, encoding="utf-8") as f:
        assert f.read() == "old contents"
    # No temporary file left beside it either.
    assert sorted(os.listdir(register.dir)) == ["kept.json", "models.json", "register.db"], \
        os.listdir(register.dir)


@test
def unwritable_folder(register):
    out = os.path.join(register.dir, "missing-folder", "report.html")
    result = register.report("--type", "governance", "--format", "html", "-o", out, check=1)
    assert "missing-folder" in result.stderr, result.stderr


def main():
    print(f"1..{len(TESTS)}")
    failed = 0
    for number, func in enumerate(TESTS, 1):
        register = Register()
        try:
            func(register)
            print(f"ok {number} {func.__name__}")
        except Exception:  # noqa: BLE001 - every failure is reported as TAP
            failed += 1
            print(f"not ok {number} {func.__name__}")
            for line in traceback.format_exc().splitlines():
                print(f"# {line}")
        finally:
            register.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
