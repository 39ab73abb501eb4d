#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs into a /app-style prefix under a scratch DESTDIR and runs the
# installed binaries, as the Flatpak build would.
set -eu
build="$1"
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$build" --no-rebuild --destdir "$dest" --quiet >/dev/null
prefix=$(meson introspect "$build" --buildoptions | python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
bin="$dest$prefix/bin"
"$bin/threshold-cli" templates | grep -q '^rfp-16-102'
"$bin/threshold" --version | grep -q '^threshold '
test -f "$dest$prefix/share/applications/io.github.thresholdapp.Threshold.desktop"
test -f "$dest$prefix/share/metainfo/io.github.thresholdapp.Threshold.metainfo.xml"
test -f "$dest$prefix/share/man/man1/threshold-cli.1"
test -f "$dest$prefix/share/mime/packages/io.github.thresholdapp.Threshold.xml"
# The Spanish catalogue is installed, merged into the desktop file and the
# metainfo, and read by the installed app.
grep -q '^GenericName\[es\]=' "$dest$prefix/share/applications/io.github.thresholdapp.Threshold.desktop"
grep -q 'xml:lang="es"' "$dest$prefix/share/metainfo/io.github.thresholdapp.Threshold.metainfo.xml"
test -f "$dest$prefix/share/locale/es/LC_MESSAGES/threshold.mo"
# es_ES.UTF-8: glibc ignores LANGUAGE under a C locale (meson test gives
# LOCPATH to the one compiled in the build, make-spanish-locale.sh).
THRESHOLD_LOCALEDIR="$dest$prefix/share/locale" LANGUAGE=es LC_ALL=es_ES.UTF-8 "$bin/threshold" --help \
  | grep -q 'Mostrar la versión y salir'
echo "installed tree works"
