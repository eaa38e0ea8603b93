#!/bin/bash
# Fails, naming the files, when po/POTFILES.in misses a source file that has
# translatable strings (C: _(), N_(), C_(), NC_(), ngettext(); GtkBuilder:
# translatable="yes") or lists a file that does not exist.  Files listed in
# po/POTFILES.skip are exempt.
#
# Usage: check-potfiles.sh SOURCE_ROOT
set -euo pipefail

top=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$top"

listed () {
  local list=$1
  [ -f "$list" ] || return 0
  sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$list"
}

known=$(mktemp)
trap 'rm -f "$known"' EXIT
{ listed po/POTFILES.in; listed po/POTFILES.skip; } | sort -u >"$known"

status=0
while IFS= read -r file; do
  echo "$file: has translatable strings but is not in po/POTFILES.in" >&2
  status=1
done < <(
  {
    grep -rlE --include='*.c' \
      '(^|[^[:alnum:]_])(N?C?_|g?n?gettext)[[:space:]]*\(' app 2>/dev/null || true
    grep -rl --include='*.ui' 'translatable="yes"' ui 2>/dev/null || true
  } | sort -u | comm -23 - "$known")

while IFS= read -r file; do
  [ -e "$file" ] && continue
  echo "$file: listed in po/POTFILES.in but does not exist" >&2
  status=1
done < <(listed po/POTFILES.in)

exit "$status"
