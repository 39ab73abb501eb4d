#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every catalogue in po/LINGUAS is complete: each message of the current
# sources (extracted afresh from po/POTFILES.in, as the threshold-pot
# target does) has a translation, none is empty and none is fuzzy.
set -eu
top="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top"

xgettext --files-from=po/POTFILES.in --directory=. --from-code=UTF-8 --package-name=threshold \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 -o "$tmp/threshold.pot" 2>"$tmp/xgettext.log" || { cat "$tmp/xgettext.log"; exit 1; }
total=$(msgattrib --no-obsolete "$tmp/threshold.pot" | grep -c '^msgid ' || true)

status=0
for lang in $(grep -v '^#' po/LINGUAS); do
  po="po/$lang.po"
  [ -f "$po" ] || { echo "po/LINGUAS lists $lang but $po does not exist"; status=1; continue; }
  # msgcmp counts untranslated and fuzzy entries as missing.
  if ! msgcmp "$po" "$tmp/threshold.pot" 2>"$tmp/msgcmp.log"; then
    echo "$po lacks messages of the current sources (run: meson compile -C _build threshold-update-po):"
    head -40 "$tmp/msgcmp.log"
    status=1
  fi
  untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when anything else matches.
  [ "$untranslated" -le 1 ] || { echo "$po: $((untranslated - 1)) untranslated messages"; status=1; }
  [ "$fuzzy" -le 1 ] || { echo "$po: $((fuzzy - 1)) fuzzy messages"; status=1; }
  msgfmt --check -o /dev/null "$po" || { echo "$po does not compile"; status=1; }
  [ $status -eq 0 ] && echo "$po: all $((total - 1)) messages translated"
done
exit $status
