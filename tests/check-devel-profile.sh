#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# -Dprofile=development: configures a scratch build (no compiling) and
# checks that config.h, the desktop file, the metainfo, the icons and the
# settings schema all carry the .Devel id, and that the window's striped
# header bar is switched on.  Slow suite:
#   meson test -C _build --setup slow --suite slow devel-profile
set -eu
top="$1"
devel_id=io.github.thresholdapp.Threshold.Devel
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail () { echo "FAIL: $*"; exit 1; }

meson setup "$dir" "$top" -Dprofile=development -Dtests=false >/dev/null
grep -q "^#define APPLICATION_ID \"$devel_id\"" "$dir/config.h" || fail "APPLICATION_ID is not $devel_id"
grep -q '^#define PROFILE "development"' "$dir/config.h" || fail "PROFILE is not development"
grep -q '^#define DEVELOPMENT_BUILD' "$dir/config.h" || fail "DEVELOPMENT_BUILD is not defined"
grep -q 'DEVELOPMENT_BUILD' "$top/src/app/thr-window.c" || fail "the window does not add the devel style class"
grep -q "^Icon=$devel_id\$" "$dir/data/$devel_id.desktop.in" || fail "the desktop file's icon is not $devel_id"
grep -q "<id>$devel_id</id>" "$dir/data/$devel_id.metainfo.xml.in" || fail "the metainfo id is not $devel_id"
grep -q "<launchable type=\"desktop-id\">$devel_id.desktop</launchable>" "$dir/data/$devel_id.metainfo.xml.in" \
  || fail "the metainfo launchable is not $devel_id.desktop"
grep -q "<schema id=\"$devel_id\" path=\"/io/github/thresholdapp/Threshold/Devel/\">" "$dir/data/$devel_id.gschema.xml" \
  || fail "the settings schema is not $devel_id"
installed=$(meson introspect "$dir" --installed)
for file in "applications/$devel_id.desktop" "metainfo/$devel_id.metainfo.xml" \
            "icons/hicolor/scalable/apps/$devel_id.svg" "icons/hicolor/symbolic/apps/$devel_id-symbolic.svg" \
            "glib-2.0/schemas/$devel_id.gschema.xml"; do
  echo "$installed" | grep -q "share/$file\"" || fail "share/$file is not installed"
done
echo "the development profile installs as $devel_id"
