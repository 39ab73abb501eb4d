#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The store's MIME type as a desktop sees it once installed: the built
# shared-mime-info file and desktop file go into a scratch data folder
# (update-mime-database, as the install does), and GIO is asked what a
# store made by threshold-cli is, by its name and by its contents alone,
# and which application opens it.  Another SQLite file stays an SQLite file.
#   check-mime.sh MIME-XML DESKTOP-FILE THRESHOLD-CLI
set -eu
mime_xml="$1"
desktop="$2"
cli="$3"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/share/mime/packages" "$tmp/share/applications" "$tmp/home" "$tmp/config"
cp /usr/share/mime/packages/freedesktop.org.xml "$mime_xml" "$tmp/share/mime/packages/"
cp "$desktop" "$tmp/share/applications/"
export XDG_DATA_DIRS="$tmp/share" XDG_DATA_HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" \
       XDG_CONFIG_DIRS="$tmp/config" LC_ALL=C.UTF-8
# update-mime-database says what it could not use (an unknown element, a
# bad magic value) and still succeeds: anything it prints is a failure.
update-mime-database "$tmp/share/mime" >"$tmp/update.log" 2>&1
if [ -s "$tmp/update.log" ]; then cat "$tmp/update.log"; exit 1; fi

"$cli" --db "$tmp/audit.threshold" init --template rfp-16-102 >/dev/null
cp "$tmp/audit.threshold" "$tmp/audit-sent-by-mail"
sqlite3 "$tmp/other.sqlite" 'CREATE TABLE t (x)'
cp "$tmp/other.sqlite" "$tmp/other-without-a-name"

status=0
expect () {
  got=$(gio info -a standard::content-type "$tmp/$1" | sed -n 's/^ *standard::content-type: //p')
  echo "$1: $got"
  [ "$got" = "$2" ] || { echo "  expected $2"; status=1; }
}
expect audit.threshold application/x-threshold-store
expect audit-sent-by-mail application/x-threshold-store
expect other.sqlite application/vnd.sqlite3
expect other-without-a-name application/vnd.sqlite3

# The desktops' index of which application opens what, as the install
# makes it (update-desktop-database reads every MimeType= line).
update-desktop-database "$tmp/share/applications"
grep '^application/x-threshold-store=' "$tmp/share/applications/mimeinfo.cache" || true
grep -q '^application/x-threshold-store=.*io\.github\.thresholdapp\.Threshold\.desktop;' \
    "$tmp/share/applications/mimeinfo.cache" || {
  echo "the desktop file does not offer Threshold for application/x-threshold-store"; status=1; }
# The type is an SQLite database to programs that know only that.
grep -q '<sub-class-of type="application/vnd.sqlite3"/>' "$mime_xml" || {
  echo "$mime_xml: not a subclass of application/vnd.sqlite3"; status=1; }
grep -q '<comment xml:lang="es">' "$mime_xml" || { echo "$mime_xml: no Spanish comment"; status=1; }
exit $status
