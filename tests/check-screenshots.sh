#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The metainfo's screenshots are reproducible: tools/take-screenshots,
# run here into a scratch folder, makes every file the metainfo names, at
# the size of the one committed in data/screenshots (1366×768).  Pixels
# are not compared: they follow the fonts and the GTK of the machine.
#   check-screenshots.sh SOURCE-ROOT BUILD-DIR
set -eu
src="$1"
build="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

THRESHOLD_SCREENSHOT_ANY_FONT=1 "$src/tools/take-screenshots" "$build" "$tmp" >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
size () { python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1"; }
names=$(grep -o 'data/screenshots/[A-Za-z0-9._-]*\.png' "$src/data/io.github.thresholdapp.Threshold.metainfo.xml.in" | sed 's|data/screenshots/||')
[ -n "$names" ] || { echo "the metainfo names no screenshot"; exit 1; }
status=0
for name in $names; do
  committed="$src/data/screenshots/$name"
  made="$tmp/$name"
  [ -f "$committed" ] || { echo "$name: not in data/screenshots"; status=1; continue; }
  [ -f "$made" ] || { echo "$name: tools/take-screenshots did not make it"; status=1; continue; }
  [ "$(size "$committed")" = 1366x768 ] || { echo "$name: committed at $(size "$committed"), not 1366x768"; status=1; }
  [ "$(size "$made")" = "$(size "$committed")" ] || { echo "$name: made at $(size "$made"), committed at $(size "$committed")"; status=1; }
  echo "$name: $(size "$made")"
done
exit $status
