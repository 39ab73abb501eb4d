#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every file with translatable text is listed in po/POTFILES.in, the list is
# sorted, every listed file exists, and every catalogue in po/ compiles.
set -eu
top="$1"
cd "$top"
status=0

if ! LC_ALL=C sort -c po/POTFILES.in 2>/dev/null; then
  echo "po/POTFILES.in is not sorted"; status=1
fi
while read -r file; do
  case "$file" in ''|'#'*) continue ;; esac
  [ -f "$file" ] || { echo "po/POTFILES.in lists $file, which does not exist"; status=1; }
done < po/POTFILES.in

for file in $( (grep -rlE '\b_\(|\bN_\(|C_\(' src --include='*.c'; grep -rl 'translatable="yes"' src --include='*.ui'; ls data/*.in 2>/dev/null) | LC_ALL=C sort -u); do
  grep -qx "$file" po/POTFILES.in || { echo "$file has translatable text but is missing from po/POTFILES.in"; status=1; }
done

for po in po/*.po; do
  [ -f "$po" ] || continue
  msgfmt --check -o /dev/null "$po" || { echo "$po does not compile"; status=1; }
done
[ $status -eq 0 ] && echo "POTFILES.in and catalogues are complete"
exit $status
