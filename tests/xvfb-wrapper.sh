#!/bin/bash
# Runs "$@" on a private Xvfb display inside a private D-Bus session whose
# only activatable service is the accessibility bus, so no desktop portal,
# keyring or PipeWire is started behind the test's back.
set -u
dir=$(mktemp -d "${TMPDIR:-/tmp}/mr-xvfb.XXXXXX")
# A full-HD screen and more: X11 keeps windows within the screen, and the
# screen tour (tests/gui/test-tour.c) shows windows 1920 px wide.
Xvfb -displayfd 3 -screen 0 1920x1200x24 -nolisten tcp -noreset 3>"$dir/display" 2>"$dir/xvfb.log" &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null; rm -rf "$dir"' EXIT
# -displayfd writes the display number once the server accepts clients.
for _ in $(seq 200); do
  [ -s "$dir/display" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || { cat "$dir/xvfb.log" >&2; exit 99; }
  sleep 0.05
done
[ -s "$dir/display" ] || { echo "xvfb-wrapper: Xvfb did not start" >&2; exit 99; }
export DISPLAY=":$(tr -d '\n' < "$dir/display")"
here=$(dirname "$(readlink -f "$0")")
dbus-run-session --config-file="$here/dbus-session.conf" -- "$@"
