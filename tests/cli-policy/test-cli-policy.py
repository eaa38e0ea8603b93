#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of the "mof" and "evaluate" commands.

Runs the real model-register executable on MOT files and on registers in
temporary folders, with no display, and prints TAP.
Usage: test-cli-policy.py EXECUTABLE
"""

import json
import os
import subprocess
import sys
import tempfile
import traceback

EXE = os.path.abspath(sys.argv[1])
CONFORMANCE = os.path.join(os.environ["MODEL_REGISTER_TEST_DATA"], "mot")
TESTS = []

PROGRESS_KEYS = ["1", "2", "3"]
STATUSES = {"included", "invalid-license", "unlicensed", "missing"}

# Real MOT files carry typos, free-text licences and incomplete entries.
ODD_MOT_FILE = """\
framework:
  name: 'Model Openness Framework'
release:
  name: Odd Model
  license:
    distribution:
      name: 'Apache 2.0 or maybe MIT, ask legal'
  components:
    - name: 'Model architecture'
      license: Apache-2.0
    - name: 'Model weights (final)'
      license: Apache-2.0
    - name: 'Model card'
    - description: 'a component with no name'
    - name: 'Data card'
      license: CC-BY-4.0
"""

GOOD_MOT_FILE = """\
framework:
  name: 'Model Openness Framework'
release:
  name: Good Model
  license:
    distribution:
      name: Apache-2.0
  components:
    - name: 'Model architecture'
    - name: 'Model parameters (Final)'
"""

# A model with restricted weights used for a high-risk purpose, and a
# permissive one used for a minimal-risk purpose.
REGISTER = [
    {
        "name": "Llama 3.1 8B Instruct",
        "provider": "Meta",
        "license": "llama3.1",
        "intended_uses": ["credit-scoring"],
        "components": [
            {"component": "final-parameters", "availability": "present",
             "license": "llama3.1", "verified": True},
        ],
    },
    {
        "name": "Permissive Coder",
        "license": "Apache-2.0",
        "intended_uses": ["code-assistant"],
        "components": [
            {"component": "final-parameters", "availability": "present", "verified": True},
        ],
    },
]

INVALID_FRAMEWORK = """\
format: 1
name: Broken
tiers:
  prohibited: { blocked: true }
  high:
    minimum_openness: very-open
  limited: {}
  minimal: {}
"""

STRICT_FRAMEWORK = """\
format: 1
name: Strict
tiers:
  prohibited: { blocked: true }
  high: { blocked: true }
  limited: { minimum_openness: open-science }
  minimal: { minimum_openness: open-science, severity: warning }
"""


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

    def write(self, name, content):
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(self.path(name), mode) as f:
            f.write(content)
        return self.path(name)

    def run(self, *args, check=None):
        result = subprocess.run([EXE, *args], capture_output=True, text=True,
                                env=self.environ, cwd=self.tmp, timeout=60)
        if check is not None and result.returncode != check:
            raise AssertionError(
                f"{args} exited {result.returncode}, expected {check}\n"
                f"stdout: {result.stdout}\nstderr: {result.stderr}")
        return result

    def mof_json(self, *files):
        return json.loads(self.run("mof", "--format", "json", *files, check=0).stdout)

    def register(self):
        self.write("models.json", json.dumps(REGISTER))
        self.run("import", "models.json", "--database", self.db, check=0)

    def evaluate(self, *args, check=0):
        return self.run("evaluate", "--database", self.db, *args, check=check)

    def evaluate_json(self, *args):
        return json.loads(self.evaluate("--format", "json", *args).stdout)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_equal(actual, expected, what):
    if actual != expected:
        raise AssertionError(f"{what}: got {actual!r}, expected {expected!r}")


def conformance_cases():
    with open(os.path.join(CONFORMANCE, "expected.json")) as f:
        return json.load(f)["cases"]


def case_path(case):
    return os.path.join(CONFORMANCE, "cases", case["file"])


def by_component(report):
    return {component["name"]: component for component in report["components"]}


# ---- mof --------------------------------------------------------------------

@test
def mof_matches_mot_on_every_conformance_case(env):
    cases = conformance_cases()
    expect_equal(len(cases), 27, "conformance cases")
    reports = env.mof_json(*[case_path(case) for case in cases])
    expect_equal(len(reports), len(cases), "reports")
    for case, report in zip(cases, reports):
        what = case["file"]
        expect_equal(os.path.basename(report["file"]), case["file"], f"{what}: file")
        expect_equal(report["class"], case["class"], f"{what}: class")
        expect_equal(report["label"], case["label"], f"{what}: label")
        for key in PROGRESS_KEYS:
            expect(abs(report["progress"][key] - case["progress"][key]) < 1e-9,
                   f"{what}: progress {key}: got {report['progress'][key]}, "
                   f"expected {case['progress'][key]}")


@test
def mof_text_shows_class_percentages_and_components(env):
    case = next(case for case in conformance_cases()
                if case["file"].startswith("Class3RTestFile"))
    out = env.run("mof", case_path(case), check=0).stdout
    expect("Class III" in out, out)
    rounded = [round(case["progress"][key]) for key in PROGRESS_KEYS]
    expect(f"class I {rounded[0]}%, class II {rounded[1]}%, class III {rounded[2]}%" in out, out)
    lines = [line.split() for line in out.splitlines()]
    expect(["Model", "architecture", "included", "Apache-1.0"] in lines, out)
    expect(["Technical", "report", "missing"] in lines, out)
    expect("not a type-appropriate one" in out, f"the classifier's warning is missing:\n{out}")


@test
def mof_json_has_mot_shape(env):
    env.write("good.yml", GOOD_MOT_FILE)
    report = env.mof_json("good.yml")
    expect(isinstance(report, dict), f"one file gives {type(report).__name__}, not an object")
    expect_equal(sorted(report), ["class", "components", "file", "label", "progress", "warnings"],
                 "members")
    expect_equal(report["file"], "good.yml", "file")
    expect(report["class"] in (0, 1, 2, 3), f"class {report['class']}")
    expect_equal(sorted(report["progress"]), PROGRESS_KEYS, "progress keys")
    expect_equal(len(report["components"]), 17, "components")
    for component in report["components"]:
        expect(component["status"] in STATUSES, f"status {component['status']}")
    components = by_component(report)
    expect_equal(components["Model architecture"]["status"], "included", "architecture")
    expect_equal(components["Model architecture"]["license"], "Apache-2.0", "inherited licence")
    expect_equal(components["Datasets"]["status"], "missing", "datasets")
    expect_equal(components["Datasets"]["license"], None, "missing licence")
    # MOT's own warning: a code licence on the weights, which are data.
    expect_equal(len(report["warnings"]), 1, "warnings")
    expect(report["warnings"][0].startswith("Model parameters (Final): Apache-2.0"),
           report["warnings"][0])


@test
def mof_one_file_is_an_object_several_an_array(env):
    env.write("good.yml", GOOD_MOT_FILE)
    env.write("odd.yml", ODD_MOT_FILE)
    expect(isinstance(env.mof_json("good.yml"), dict), "one file")
    reports = env.mof_json("good.yml", "odd.yml")
    expect(isinstance(reports, list), "two files")
    expect_equal([report["file"] for report in reports], ["good.yml", "odd.yml"], "order")


@test
def mof_reports_unknown_components_and_junk_licences(env):
    env.write("odd.yml", ODD_MOT_FILE)
    odd = "odd.yml"
    report = env.mof_json(odd)
    warnings = "\n".join(report["warnings"])
    expect("odd.yml:11:" in warnings and "Model weights (final)" in warnings,
           f"unknown component not reported with its line: {warnings}")
    expect("odd.yml:14:" in warnings and "no name" in warnings,
           f"nameless component not reported: {warnings}")
    components = by_component(report)
    expect_equal(components["Model architecture"]["status"], "included", "architecture")
    expect_equal(components["Data card"]["status"], "included", "data card")
    expect_equal(components["Model card"]["status"], "invalid-license", "model card")
    expect_equal(components["Model card"]["license"], "Apache 2.0 or maybe MIT, ask legal",
                 "junk licence kept as written")
    expect_equal(components["Model parameters (Final)"]["status"], "missing", "misnamed weights")
    expect_equal(report["class"], 0, "class")

    result = env.run("mof", odd, check=0)
    expect("invalid licence" in result.stdout, result.stdout)
    expect("Model weights (final)" in result.stdout, result.stdout)
    expect_equal(result.stderr, "", "stderr")


@test
def mof_unreadable_file_exits_1_naming_it(env):
    broken = env.write("broken.yml", "release:\n  name: [unclosed\n  components: x\n")
    result = env.run("mof", broken, check=1)
    expect_equal(result.stdout, "", "stdout")
    expect(result.stderr.startswith("model-register: "), result.stderr)
    expect(f"{broken}:" in result.stderr, f"file and line not named: {result.stderr}")

    binary = env.write("image.yml", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    result = env.run("mof", binary, check=1)
    expect(f"{binary}:1:" in result.stderr, result.stderr)

    prose = env.write("prose.yml", "Just a sentence, not a model file.\n")
    result = env.run("mof", prose, check=1)
    expect(f"{prose}:1:" in result.stderr, result.stderr)


@test
def mof_goes_on_after_a_bad_file(env):
    broken = env.write("broken.yml", "release: [\n")
    good = env.write("good.yml", GOOD_MOT_FILE)
    missing = env.path("missing.yml")
    result = env.run("mof", "--format", "json", broken, good, missing, check=1)
    reports = json.loads(result.stdout)
    expect_equal([report["file"] for report in reports], [good], "classified files")
    expect(f"{broken}:" in result.stderr, result.stderr)
    expect(missing in result.stderr, result.stderr)
    expect("could not classify 2 files of 3" in result.stderr, result.stderr)

    result = env.run("mof", broken, good, check=1)
    expect("Good Model" in result.stdout, result.stdout)


@test
def mof_needs_no_register(env):
    env.run("mof", env.write("good.yml", GOOD_MOT_FILE), check=0)
    expect(not os.path.exists(env.path("data")), "mof created a register")
    env.run("mof", check=2)
    env.run("mof", "--format", "csv", env.path("good.yml"), check=2)


# ---- evaluate -----------------------------------------------------------------

@test
def evaluate_json_flags_restricted_high_risk_model(env):
    env.register()
    entries = env.evaluate_json()
    expect_equal([entry["name"] for entry in entries],
                 ["Llama 3.1 8B Instruct", "Permissive Coder"], "entries")
    llama, coder = entries
    expect(isinstance(llama["id"], int), f"id {llama['id']!r}")
    expect_equal(llama["openness_level"], "open-weights-restricted", "Llama openness")
    expect_equal(coder["openness_level"], "open-weights", "coder openness")
    for entry in entries:
        expect(isinstance(entry["mof"], dict) and "class" in entry["mof"] and
               len(entry["mof"]["components"]) == 17, f"mof: {entry['mof']}")
    expect(llama["flags"], "no flags for a restricted model used for credit scoring")
    for flag in llama["flags"]:
        expect_equal(flag["use"], "credit-scoring", "use")
        expect(flag["severity"] in ("info", "warning", "blocking"), flag["severity"])
        expect(flag["reason"] and flag["remedy"], f"flag without words: {flag}")
    expect(any(flag["severity"] == "blocking" for flag in llama["flags"]),
           f"no blocking flag: {llama['flags']}")
    expect(any(flag["issue"] == "acceptable-use-license" for flag in llama["flags"]),
           f"the acceptable-use policy is not flagged: {llama['flags']}")
    expect_equal(coder["flags"], [], "flags of the permissive model")


@test
def evaluate_agrees_with_the_stored_policy_columns(env):
    env.register()
    listed = json.loads(env.run("list", "--format", "json", "--database", env.db, check=0).stdout)
    for stored, entry in zip(listed, env.evaluate_json()):
        what = entry["name"]
        expect_equal(stored["openness"], entry["openness_level"], f"{what}: openness")
        expect_equal(stored["worst_flag"], entry["worst_severity"], f"{what}: worst flag")
        expect_equal(stored["n_flags"], len(entry["flags"]), f"{what}: number of flags")


@test
def evaluate_text_names_severity_in_words(env):
    env.register()
    result = env.evaluate()
    out = result.stdout
    expect("Llama 3.1 8B Instruct" in out and "Permissive Coder" in out, out)
    expect("BLOCKING: " in out, f"no severity word:\n{out}")
    expect("Remedy: " in out, f"no remedy:\n{out}")
    expect("No flags." in out.split("Permissive Coder", 1)[1], out)
    expect_equal(result.stderr, "", "stderr")


@test
def evaluate_given_ids_only(env):
    env.register()
    ids = [entry["id"] for entry in env.evaluate_json()]
    entries = env.evaluate_json(str(ids[1]))
    expect_equal([entry["id"] for entry in entries], [ids[1]], "evaluated ids")
    result = env.evaluate("999", check=1)
    expect("999" in result.stderr, result.stderr)


@test
def evaluate_with_framework_file(env):
    env.register()
    strict = env.write("strict.yml", STRICT_FRAMEWORK)
    coder = env.evaluate_json("--framework", strict)[1]
    expect_equal([flag["issue"] for flag in coder["flags"]], ["openness"], "strict flags")
    expect_equal(coder["flags"][0]["severity"], "warning", "strict severity")


@test
def evaluate_invalid_framework_exits_1_naming_line_and_field(env):
    env.register()
    broken = env.write("broken-policy.yml", INVALID_FRAMEWORK)
    result = env.evaluate("--framework", broken, check=1)
    expect_equal(result.stdout, "", "stdout")
    expect("broken-policy.yml:6:" in result.stderr, f"no file:line: {result.stderr}")
    expect("tiers.high.minimum_openness" in result.stderr, f"no field: {result.stderr}")
    result = env.evaluate("--framework", env.path("absent.yml"), check=1)
    expect("absent.yml" in result.stderr, result.stderr)


@test
def evaluate_fail_on_exits_3(env):
    env.register()
    ids = [entry["id"] for entry in env.evaluate_json()]
    result = env.evaluate("--fail-on", "blocking", check=3)
    expect("Llama 3.1 8B Instruct" in result.stdout, "the report is still printed")
    expect("1 model has a flag" in result.stderr, result.stderr)
    env.evaluate("--fail-on", "blocking", str(ids[1]), check=0)
    env.evaluate("--fail-on", "info", str(ids[1]), check=0)
    env.evaluate("--fail-on", "warning", "--format", "json", check=3)
    env.evaluate("--fail-on", "sometimes", check=2)


@test
def evaluate_usage_errors_create_nothing(env):
    env.evaluate("not-an-id", check=2)
    env.evaluate("--format", "csv", check=2)
    expect(not os.path.exists(env.db), "a usage error created the register")


@test
def help_documents_the_commands_and_exit_3(env):
    out = env.run("help", check=0).stdout
    expect("  mof " in out and "  evaluate " in out, out)
    out = env.run("evaluate", "--help", check=0).stdout
    expect("--fail-on" in out and "--framework" in out, out)
    expect("  3  " in out, f"exit status 3 not documented:\n{out}")
    out = env.run("mof", "--help", check=0).stdout
    expect("model-register mof" in out and "--format" in out, out)


LENIENT_FRAMEWORK = """\
format: 1
name: Lenient
tiers:
  prohibited: { blocked: true }
  high: { severity: warning }
  limited: { severity: warning }
  minimal: { severity: warning }
"""


@test
def vendor_agreement_on_file_resolves_its_flag(env):
    env.run("add", "--name", "GPT-4o mini", "--provider", "OpenAI", "--source-kind", "vendor-api",
            "--source", "https://api.openai.com/v1", "--use", "code-assistant",
            "--database", env.db, check=0)
    (entry,) = env.evaluate_json()
    expect_equal([flag["issue"] for flag in entry["flags"]], ["vendor-agreement"],
                 "flags of a closed model without an agreement")
    expect("Vendor agreement" in entry["flags"][0]["remedy"], entry["flags"][0]["remedy"])
    env.run("edit", str(entry["id"]), "--vendor-agreement", "MSA-2026-014, signed 2026-03-01",
            "--database", env.db, check=0)
    (entry,) = env.evaluate_json()
    expect_equal(entry["flags"], [], "flags once the agreement is on file")
    shown = json.loads(env.run("show", str(entry["id"]), "--format", "json",
                               "--database", env.db, check=0).stdout)
    expect_equal(shown["vendor_agreement"], "MSA-2026-014, signed 2026-03-01", "shown")


@test
def framework_in_force_from_the_environment(env):
    env.register()
    strict = env.write("strict.yml", STRICT_FRAMEWORK)
    lenient = env.write("lenient.yml", LENIENT_FRAMEWORK)
    env.environ["MODEL_REGISTER_FRAMEWORK"] = strict
    coder = env.evaluate_json()[1]
    expect_equal([flag["issue"] for flag in coder["flags"]], ["openness"], "strict flags")
    # --framework still wins for evaluate.
    coder = env.evaluate_json("--framework", lenient)[1]
    expect_equal(coder["flags"], [], "lenient flags")
    # Decisions record the framework in force.
    env.run("edit", "2", "--owner", "Data team", "--database", env.db, check=0)
    env.run("submit", "2", "--comment", "Code review help", "--database", env.db, check=0)
    history = json.loads(env.run("approvals", "2", "--format", "json", "--database", env.db,
                                 check=0).stdout)
    expect_equal(history[-1]["framework"], "Strict", "framework recorded")

    broken = env.write("broken-policy.yml", INVALID_FRAMEWORK)
    env.environ["MODEL_REGISTER_FRAMEWORK"] = broken
    result = env.run("list", "--database", env.db, check=1)
    expect("broken-policy.yml:6:" in result.stderr, f"no file:line: {result.stderr}")
    expect("tiers.high.minimum_openness" in result.stderr, f"no field: {result.stderr}")


@test
def framework_in_force_from_the_window_preference(env):
    env.register()
    strict = env.write("strict.yml", STRICT_FRAMEWORK)
    settings = os.path.join(env.tmp, "config", "glib-2.0", "settings")
    os.makedirs(settings)
    with open(os.path.join(settings, "keyfile"), "w") as f:
        f.write(f"[io/github/modelregister/ModelRegister]\nframework-file='{strict}'\n")
    env.environ["GSETTINGS_BACKEND"] = "keyfile"
    coder = env.evaluate_json()[1]
    expect_equal([flag["issue"] for flag in coder["flags"]], ["openness"], "strict flags")
    # Without the schema installed the built-in framework applies, quietly.
    env.environ["GSETTINGS_SCHEMA_DIR"] = env.tmp
    env.environ["XDG_DATA_DIRS"] = env.tmp
    result = env.evaluate("--format", "json")
    expect_equal(json.loads(result.stdout)[1]["flags"], [], "default flags")
    expect_equal(result.stderr, "", "stderr")


def main():
    print(f"1..{len(TESTS)}")
    failed = 0
    for number, function in enumerate(TESTS, 1):
        with tempfile.TemporaryDirectory(prefix="mr-cli-policy-") as tmp:
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
