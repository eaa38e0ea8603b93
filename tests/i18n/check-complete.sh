#!/bin/bash
# Fails when a translation in po/LINGUAS has fuzzy or untranslated
# messages, naming them.  After new strings are added, run
# "ninja model-register-update-po" and translate what it marks.
#
# Usage: check-complete.sh PO_DIR
set -euo pipefail

po_dir=${1:?usage: check-complete.sh PO_DIR}
status=0
while read -r lang; do
  case $lang in ''|'#'*) continue ;; esac
  po="$po_dir/$lang.po"
  stats=$(LC_ALL=C msgfmt --check --statistics --output-file=/dev/null "$po" 2>&1)
  echo "$lang: $stats"
  if grep -qE 'fuzzy|untranslated' <<<"$stats"; then
    msgattrib --only-fuzzy --no-wrap "$po" | grep '^msgid "[^"]' | sed "s|^|$po: fuzzy: |" >&2 || true
    msgattrib --untranslated --no-wrap "$po" | grep '^msgid "[^"]' | sed "s|^|$po: untranslated: |" >&2 || true
    status=1
  fi
done <"$po_dir/LINGUAS"
exit "$status"
