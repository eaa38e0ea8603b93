#!/bin/bash
# Checks that every language in po/LINGUAS reached the merged desktop file and
# AppStream metainfo, i.e. that i18n.merge_file() really read po/.
#
# Usage: check-merged-translations.sh LINGUAS DESKTOP_FILE METAINFO_FILE
set -euo pipefail

linguas=$1 desktop=$2 metainfo=$3
status=0
while read -r lang; do
  case $lang in ''|'#'*) continue ;; esac
  if ! grep -q "^Comment\[$lang\]=" "$desktop"; then
    echo "$desktop: no Comment[$lang]" >&2
    status=1
  fi
  if ! grep -q "xml:lang=\"$lang\"" "$metainfo"; then
    echo "$metainfo: nothing in xml:lang=\"$lang\"" >&2
    status=1
  fi
done <"$linguas"
exit "$status"
