#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# SHA-256 throughput of our hasher as a ratio to `openssl dgst -sha256` on
# the same 2 GiB file in the same run (budget: ≥ 0.9), median of
# MR_BENCH_RUNS (default 3) alternating runs with a warm page cache; and
# GGUF header parse throughput on a synthetic 100,000-tensor header.
# The file lives in $TMPDIR and is deleted on exit.
#
# Usage: bench-verify.sh BUILDDIR   (needs openssl: Debian package "openssl")
set -euo pipefail

build=$(readlink -f "${1:?usage: bench-verify.sh BUILDDIR}")
bench="$build/tests/bench/bench-verify"
runs=${MR_BENCH_RUNS:-3}
size_mib=${MR_BENCH_SHA_MIB:-2048}

[ -x "$bench" ] || { echo "bench-verify: $bench is not built" >&2; exit 1; }
command -v openssl >/dev/null || {
  echo "bench-verify: openssl is missing; install the Debian package \"openssl\"" >&2
  exit 1
}

file=$(mktemp "${TMPDIR:-/tmp}/mr-bench-sha.XXXXXX")
trap 'rm -f "$file"' EXIT
head -c "$((size_mib * 1024 * 1024))" /dev/urandom >"$file"
cat "$file" >/dev/null   # warm the page cache for both

median () {
  sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

: >"$file.ours"; : >"$file.openssl"
trap 'rm -f "$file" "$file.ours" "$file.openssl"' EXIT
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  ours=$("$bench" hash "$file" | awk '{ print $NF }')
  end=$(date +%s%N)
  awk -v b="$((size_mib * 1048576))" -v ns=$((end - start)) \
    'BEGIN { printf "%.0f\n", b / (ns / 1e9) / 1e6 }' >>"$file.ours"
  start=$(date +%s%N)
  theirs=$(openssl dgst -sha256 -r "$file" | awk '{ print $1 }')
  end=$(date +%s%N)
  awk -v b="$((size_mib * 1048576))" -v ns=$((end - start)) \
    'BEGIN { printf "%.0f\n", b / (ns / 1e9) / 1e6 }' >>"$file.openssl"
  [ "$ours" = "$theirs" ] || { echo "bench-verify: digests differ: $ours $theirs" >&2; exit 1; }
done
ours_mbs=$(median <"$file.ours")
openssl_mbs=$(median <"$file.openssl")
ratio=$(awk -v a="$ours_mbs" -v b="$openssl_mbs" 'BEGIN { printf "%.2f", a / b }')
verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.9) ? "OK" : "OVER" }')

parse=$("$bench" parse)

echo "| What | Budget | Median | Result |"
echo "|---|---|---|---|"
echo "| SHA-256, ${size_mib} MiB file (process wall time) | ≥ 0.9 × openssl | ${ours_mbs} MB/s vs openssl ${openssl_mbs} MB/s = ${ratio} | $verdict |"
echo "| GGUF header parse (100,000 tensors, 10,000 KVs) | — | $(echo "$parse" | awk '{ print $3 " MB/s, " $5 " ms" }') | info |"
echo
echo "Runs: ours MB/s: $(tr '\n' ' ' <"$file.ours"); openssl MB/s: $(tr '\n' ' ' <"$file.openssl"); $parse"
