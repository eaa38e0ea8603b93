#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The inference check's wall time (helper exec to exit: backend selection,
# load, two generations) and generation speed, on the tiny test model and
# on a generated ~26-million-parameter one, as Markdown table rows.
#
# Usage: bench-check.sh BUILDDIR
#   MR_BENCH_RUNS    runs per model (default 3; the median is shown)
#   MR_BENCH_TOKENS  tokens generated in each of the two runs (default 32)
#
# Tiny-model speeds are mostly overhead and noise; the mid model is the
# meaningful figure.  The page cache is warm after the first run.
set -euo pipefail

build=$(readlink -f "${1:?usage: bench-check.sh BUILDDIR}")
here=$(dirname "$(readlink -f "$0")")
helper="$build/app/check/model-register-check"
generator="$here/../gen-tiny-gguf.py"
runs=${MR_BENCH_RUNS:-3}
tokens=${MR_BENCH_TOKENS:-32}

if [ ! -x "$helper" ]; then
  echo "| Inference check (bench-check.sh; built without libllama) | — | n/a | n/a |"
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/mr-bench-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

# One row: median wall ms, load ms, first-token ms and tokens/s of $runs runs.
bench_model () {
  local label=$1 model=$2 i start end
  : >"$work/runs"
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$helper" --tokens "$tokens" -- "$model" >"$work/out.json"
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000 )) $(tr -d '\n' <"$work/out.json")" >>"$work/runs"
  done
  /usr/bin/python3 - "$label" "$work/runs" <<'PY'
import json, statistics, sys
label, path = sys.argv[1], sys.argv[2]
walls, results = [], []
for line in open(path):
    wall_us, text = line.split(" ", 1)
    walls.append(int(wall_us) / 1000)
    results.append(json.loads(text))
median = lambda key: statistics.median(r[key] for r in results)
same = len({r["output_sha256"] for r in results}) == 1 and all(r["deterministic"] for r in results)
print(f"| Inference check, {label}; threads: {results[0]['threads']}, "
      f"{results[0]['tokens_generated']} tokens ×2, {results[0]['cpu_variant']} "
      f"| — | {statistics.median(walls):.0f} ms wall (load {median('load_ms'):.1f} ms, "
      f"first token {median('first_token_ms'):.1f} ms), {median('tokens_per_second'):,.0f} tokens/s "
      f"| {'info' if same else 'FAIL: output varies'} |")
PY
}

echo "Generating models…" >&2
/usr/bin/python3 "$generator" "$work/tiny-q8_0.gguf" --type q8_0 2>/dev/null
/usr/bin/python3 "$generator" "$work/mid-q8_0.gguf" --type q8_0 --size mid 2>/dev/null
/usr/bin/python3 "$generator" "$work/mid-f32.gguf" --type f32 --size mid 2>/dev/null

echo "Inference check…" >&2
bench_model "tiny Q8_0 (128 k parameters)" "$work/tiny-q8_0.gguf"
bench_model "mid Q8_0 (26 M parameters, 28 MB)" "$work/mid-q8_0.gguf"
bench_model "mid F32 (26 M parameters, 104 MB)" "$work/mid-f32.gguf"
