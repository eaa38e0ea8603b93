#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Measures the budgets of DESIGN.md §9 that need a 100,000-model register:
# CSV import rate, start to first frame, peak RSS with the register loaded,
# and filter latency per keystroke; and the policy evaluation rate.  Prints
# a Markdown table of medians.
#
# Usage: run-benchmarks.sh BUILDDIR
#   MR_BENCH_RUNS  runs per measurement (default 5)
#   MR_BENCH_ROWS  models in the generated register (default 100000)
#
# Needs /usr/bin/time (Debian package "time") for peak RSS, and Xvfb for the
# GUI rows.  A GUI measurement whose hook is not built yet reports "n/a".
set -euo pipefail

build=$(readlink -f "${1:?usage: run-benchmarks.sh BUILDDIR}")
here=$(dirname "$(readlink -f "$0")")
wrapper="$here/../xvfb-wrapper.sh"
exe="$build/app/model-register"
bench_filter="$build/tests/bench/bench-filter"
bench_policy="$build/tests/bench/bench-policy"
runs=${MR_BENCH_RUNS:-5}
rows=${MR_BENCH_ROWS:-100000}
gui_timeout=30

work=$(mktemp -d "${TMPDIR:-/tmp}/mr-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

[ -x "$exe" ] || { echo "run-benchmarks: $exe is not built" >&2; exit 1; }
[ -x /usr/bin/time ] || {
  echo "run-benchmarks: /usr/bin/time is missing; install the Debian package \"time\"" >&2
  exit 1
}

# Keep the benchmark away from the user's own register, settings and display.
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
export XDG_CACHE_HOME="$work/cache" LC_ALL=C.UTF-8
unset DISPLAY WAYLAND_DISPLAY MODEL_REGISTER_DATABASE
mkdir -p "$HOME"

now_ns () { date +%s%N; }

# Median of the numbers on stdin, "n/a" when there are none.
median () {
  sort -g | awk '{ v[NR] = $1 }
    END { if (NR == 0) print "n/a";
          else if (NR % 2) print v[(NR + 1) / 2];
          else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# "OK" when value is within budget (op is "le" or "ge"), "OVER" otherwise.
verdict () {
  local value=$1 op=$2 budget=$3
  [ "$value" = n/a ] && { echo n/a; return; }
  awk -v v="$value" -v b="$budget" -v op="$op" \
    'BEGIN { ok = (op == "le") ? (v <= b) : (v >= b); print ok ? "OK" : "OVER" }'
}

# The first number after word on the lines of a file.
field () {
  sed -n "s/.*\\b$1[ =:]*\\([0-9][0-9.]*\\).*/\\1/p" "$2" | head -n 1
}

echo "Generating a register of $rows models…" >&2
csv="$work/register.csv"
/usr/bin/python3 "$here/gen-register.py" --rows "$rows" "$csv"

# 1. CSV import into a fresh register, timed from exec to exit.
echo "CSV import, $runs runs…" >&2
db="$work/register.db"
: >"$work/import-rates"
for _ in $(seq "$runs"); do
  rm -f "$db" "$db"-*
  start=$(now_ns)
  "$exe" import "$csv" --database "$db" >/dev/null
  end=$(now_ns)
  awk -v n="$rows" -v ns=$((end - start)) 'BEGIN { printf "%.0f\n", n * 1e9 / ns }' \
    >>"$work/import-rates"
done
import_rate=$(median <"$work/import-rates")

# 2. Start to first frame and peak RSS, each run on a fresh Xvfb.  The app
# prints "first-frame-ms MS rows N" and quits after its first frame.
echo "First frame, $runs runs…" >&2
# Runs inside the wrapper, so that Xvfb's start is not counted.
# shellcheck disable=SC2016 # expanded by the inner shell
timed_app='start=$(date +%s%N)
  timeout "$1" /usr/bin/time -f %M -o "$2" "$3" --database "$4" >"$5" 2>"$5.err"
  status=$?
  echo "wall-ns $(( $(date +%s%N) - start ))" >>"$5"
  exit $status'
: >"$work/frame-ms"; : >"$work/wall-ms"; : >"$work/rss-kb"
for i in $(seq "$runs"); do
  out="$work/gui.$i"
  GSK_RENDERER=cairo GTK_A11Y=none GDK_BACKEND=x11 ADW_DISABLE_PORTAL=1 NO_AT_BRIDGE=1 \
  GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory MR_EXIT_AFTER_FIRST_FRAME=1 \
    "$wrapper" /bin/bash -c "$timed_app" bench "$gui_timeout" "$work/rss.$i" "$exe" "$db" "$out" \
    || true
  frame=$(field first-frame-ms "$out")
  if [ -z "$frame" ]; then
    echo "  no first-frame-ms from the app (hook missing or it failed):" >&2
    sed 's/^/    /' "$out.err" | tail -n 5 >&2
    break
  fi
  echo "$frame" >>"$work/frame-ms"
  awk -v ns="$(field wall-ns "$out")" 'BEGIN { printf "%.1f\n", ns / 1e6 }' >>"$work/wall-ms"
  tail -n 1 "$work/rss.$i" >>"$work/rss-kb"
  loaded_rows=$(field rows "$out")
done
frame_ms=$(median <"$work/frame-ms")
wall_ms=$(median <"$work/wall-ms")
rss_kb=$(median <"$work/rss-kb")
rss_mb=n/a
[ "$rss_kb" = n/a ] || rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')

# 3. Filter latency per keystroke, measured inside the bench-filter program
# (it reads the register named by MODEL_REGISTER_DATABASE).
filter_median=n/a; filter_max=n/a
if [ -x "$bench_filter" ]; then
  echo "Filter latency…" >&2
  MODEL_REGISTER_DATABASE="$db" GSK_RENDERER=cairo GTK_A11Y=none GDK_BACKEND=x11 \
  ADW_DISABLE_PORTAL=1 NO_AT_BRIDGE=1 GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory \
    "$wrapper" "$bench_filter" "$rows" >"$work/filter" 2>"$work/filter.err" || true
  # Its summary line: "filter rows N keystrokes K median MS max MS …".
  grep '^filter ' "$work/filter" >"$work/filter-summary" || true
  filter_median=$(field median "$work/filter-summary"); filter_median=${filter_median:-n/a}
  filter_max=$(field max "$work/filter-summary"); filter_max=${filter_max:-n/a}
  [ "$filter_median" != n/a ] || sed 's/^/    /' "$work/filter.err" | tail -n 5 >&2
else
  echo "  $bench_filter is not built: filter latency n/a" >&2
fi

# 4. Policy + MOF evaluation rate, over entries bench-policy builds itself;
# it reports the best of its own rounds.
policy_rate=n/a
if [ -x "$bench_policy" ]; then
  echo "Policy evaluation…" >&2
  policy_rate=$("$bench_policy" "$rows" 2>&1 |
                sed -n 's/.* \([0-9][0-9]*\) evaluations per second.*/\1/p' | head -n 1)
  policy_rate=${policy_rate:-n/a}
else
  echo "  $bench_policy is not built: policy evaluation n/a" >&2
fi

# 5. SHA-256 against openssl on a 2 GiB file, and GGUF header parsing; the
# script prints its own table rows.
verify_rows="| SHA-256 and GGUF parsing (bench-verify.sh) | ≥ 0.9 × openssl | n/a | n/a |"
if [ -x "$build/tests/bench/bench-verify" ]; then
  echo "SHA-256 and header parsing…" >&2
  verify_rows=$("$here/bench-verify.sh" "$build" | grep -E '^\| (SHA|GGUF)') || true
fi

# 6. The inference check on generated models; the script prints its own rows.
echo "Inference check…" >&2
check_rows=$("$here/bench-check.sh" "$build" | grep -E '^\| Inference') ||
  check_rows="| Inference check (bench-check.sh failed) | — | n/a | n/a |"

# 7. Audit verify over a generated trail of 1,000,000 entries (no budget in
# DESIGN.md: recorded for the README).
audit_seconds=n/a; audit_rate=n/a
bench_audit="$build/tests/bench/bench-audit"
if [ -x "$bench_audit" ]; then
  echo "Audit verify…" >&2
  "$bench_audit" 1000000 >"$work/audit" 2>/dev/null || true
  audit_seconds=$(field seconds "$work/audit"); audit_seconds=${audit_seconds:-n/a}
  audit_rate=$(field rate "$work/audit"); audit_rate=${audit_rate:-n/a}
else
  echo "  $bench_audit is not built: audit verify n/a" >&2
fi

# 8. Governance report of a 10,000-model register, PDF and HTML; the
# program prints "report FORMAT models N pages P seconds S" per format.
report_pdf=n/a; report_pages=n/a; report_html=n/a; attention_pdf=n/a; attention_pages=n/a
bench_report="$build/tests/bench/bench-report"
if [ -x "$bench_report" ]; then
  echo "Governance report…" >&2
  "$bench_report" 10000 >"$work/report" 2>/dev/null || true
  grep '^report pdf ' "$work/report" >"$work/report-pdf" || true
  grep '^report html ' "$work/report" >"$work/report-html" || true
  grep '^report pdf-attention ' "$work/report" >"$work/report-attention" || true
  report_pdf=$(field seconds "$work/report-pdf"); report_pdf=${report_pdf:-n/a}
  report_pages=$(field pages "$work/report-pdf"); report_pages=${report_pages:-n/a}
  report_html=$(field seconds "$work/report-html"); report_html=${report_html:-n/a}
  attention_pdf=$(field seconds "$work/report-attention"); attention_pdf=${attention_pdf:-n/a}
  attention_pages=$(field pages "$work/report-attention"); attention_pages=${attention_pages:-n/a}
else
  echo "  $bench_report is not built: governance report n/a" >&2
fi

# 9. Refresh of 1,000 stored models end to end (fetch + map + store)
# against a loopback Hub; the program prints "refresh-store … rate R
# in_flight K" once per run.
: >"$work/refresh-rates"
refresh_in_flight=n/a
bench_refresh_store="$build/tests/bench/bench-refresh-store"
if [ -x "$bench_refresh_store" ]; then
  echo "Refresh of stored models, $runs runs…" >&2
  for _ in $(seq "$runs"); do
    "$bench_refresh_store" >"$work/refresh" 2>/dev/null || true
    grep '^refresh-store ' "$work/refresh" >"$work/refresh-line" || continue
    field rate "$work/refresh-line" >>"$work/refresh-rates"
    refresh_in_flight=$(field in_flight "$work/refresh-line")
  done
else
  echo "  $bench_refresh_store is not built: refresh n/a" >&2
fi
refresh_rate=$(median <"$work/refresh-rates")

# A value with its unit, or a bare "n/a".
show () {
  if [ "$1" = n/a ]; then echo n/a; else echo "$1 $2"; fi
}

echo
echo "| What ($rows models, median of $runs runs) | Budget | Median | Result |"
echo "|---|---|---|---|"
echo "| CSV import, one transaction | ≥ 100,000 rows/s | $(show "$import_rate" rows/s) | $(verdict "$import_rate" ge 100000) |"
echo "| Start to first frame (in the app) | ≤ 500 ms | $(show "$frame_ms" ms) | $(verdict "$frame_ms" le 500) |"
echo "| Process wall time, exec to exit after first frame | — | $(show "$wall_ms" ms) | info |"
echo "| Peak RSS with the register loaded | ≤ 300 MB | $(show "$rss_mb" MB) | $(verdict "$rss_mb" le 300) |"
echo "| Policy + MOF evaluation (best of its rounds) | ≥ 1,000,000 model×use/s | $(show "$policy_rate" /s) | $(verdict "$policy_rate" ge 1000000) |"
echo "| Filter latency per keystroke (max $(show "$filter_max" ms)) | ≤ 16 ms | $(show "$filter_median" ms) | $(verdict "$filter_median" le 16) |"
echo "$verify_rows"
echo "$check_rows"
echo "| Audit verify, 1,000,000 entries ($(show "$audit_seconds" s)) | — | $(show "$audit_rate" entries/s) | info |"
echo "| Governance report PDF, 10,000 models ($(show "$report_pages" pages)) | ≤ 5 s | $(show "$report_pdf" s) | $(verdict "$report_pdf" le 5) |"
echo "| Governance report PDF, pages for models needing attention ($(show "$attention_pages" pages)) | ≤ 5 s | $(show "$attention_pdf" s) | $(verdict "$attention_pdf" le 5) |"
echo "| Governance report HTML, 10,000 models | — | $(show "$report_html" s) | info |"
echo "| Refresh 1,000 stored models, fetch + map + store ($refresh_in_flight in flight) | ≥ 500 models/s | $(show "$refresh_rate" models/s) | $(verdict "$refresh_rate" ge 500) |"
echo
echo "Runs: import rows/s: $(tr '\n' ' ' <"$work/import-rates");" \
     "first frame ms: $(tr '\n' ' ' <"$work/frame-ms");" \
     "wall ms: $(tr '\n' ' ' <"$work/wall-ms");" \
     "RSS kB: $(tr '\n' ' ' <"$work/rss-kb");" \
     "rows shown: ${loaded_rows:-n/a}"
