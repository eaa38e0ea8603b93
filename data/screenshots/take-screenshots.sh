#!/bin/bash
# Retakes the pictures in this folder (AppStream metainfo, README) from the
# real app under Xvfb, with the MR_SCREENSHOT hook (app/gui/mr-debug-hooks.c).
# The register is the thirty models of screenshot-register.py, imported
# through the command line.
#
# Usage: data/screenshots/take-screenshots.sh BUILDDIR
set -euo pipefail

build=$(readlink -f "${1:?usage: take-screenshots.sh BUILDDIR}")
here=$(dirname "$(readlink -f "$0")")
top=$(readlink -f "$here/../..")
work="$build/screenshots"
app="$build/app/model-register"

rm -rf "$work"
mkdir -p "$work"
export MODEL_REGISTER_DATABASE="$work/register.db"
export MODEL_REGISTER_LOCALEDIR="$build/po"
export GSETTINGS_SCHEMA_DIR="$build/data"
export GDK_BACKEND=x11 GSK_RENDERER=cairo ADW_DISABLE_PORTAL=1 NO_AT_BRIDGE=1
export LC_ALL=C.UTF-8

# A keyfile instead of the memory backend, for the window size (the
# MR_DEMO_WIDTH hook cannot shrink a window that is already shown) and no
# scheduled refresh (it would go to the network, and show a spinner).
export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$work/config"
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"

/usr/bin/python3 "$here/screenshot-register.py" "$work/register.json"
"$app" import "$work/register.json" >/dev/null

# shot NAME WIDTH [VAR=VALUE…]: one picture, in a fresh X server and
# session bus.
shot () {
  local name=$1 width=$2
  shift 2
  cat >"$XDG_CONFIG_HOME/glib-2.0/settings/keyfile" <<KEYFILE
[io/github/modelregister/ModelRegister]
window-width=$width
window-height=760
refresh-interval-hours=uint32 0
KEYFILE
  env "$@" MR_SCREENSHOT="$work/$name.png" \
    "$top/tests/xvfb-wrapper.sh" "$app" >"$work/$name.log" 2>&1
  [ -s "$work/$name.png" ] || { cat "$work/$name.log" >&2; exit 1; }
  cp "$work/$name.png" "$here/$name.png"
  echo "$here/$name.png"
}

shot register      1200 MR_DEMO_SELECT_FIRST=1
shot detail        1200 MR_DEMO_SEARCH="Llama 3.1" MR_DEMO_SELECT_FIRST=1
shot narrow        360  MR_DEMO_SELECT_FIRST=1
shot high-contrast 1200 ADW_DEBUG_HIGH_CONTRAST=1 MR_DEMO_SEARCH="Llama 3.1" MR_DEMO_SELECT_FIRST=1
shot german        1200 LANGUAGE=de MR_DEMO_SEARCH="Llama 3.1" MR_DEMO_SELECT_FIRST=1
