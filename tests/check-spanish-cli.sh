#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# threshold-cli with LANGUAGE=es: the monthly report PDF comes out in
# Spanish (read back with pdftotext), the prose of the ledger is Spanish,
# and what scripts read (JSON keys, status words, CSV headers) is not.
# The catalogue is the one compiled in the build, found through
# THRESHOLD_LOCALEDIR; the locale is es_ES.UTF-8 (meson test compiles it
# into the build and sets LOCPATH, make-spanish-locale.sh), so numbers in
# prose are Spanish too while what scripts read stays as it is.
set -eu
cli="$1"
localedir="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export THRESHOLD_LOCALEDIR="$localedir" LANGUAGE=es LC_ALL=es_ES.UTF-8
db="$tmp/demo.db"
fail () { echo "FAIL: $*"; exit 1; }

"$cli" --db "$db" demo --months 6 >/dev/null
"$cli" --db "$db" --help 2>&1 | grep -q 'Órdenes:' || fail "threshold-cli --help is not in Spanish"

"$cli" --db "$db" report month 2018-06 -o "$tmp/report.pdf" >/dev/null
pdftotext -enc UTF-8 "$tmp/report.pdf" "$tmp/report.txt"
for heading in 'Informe mensual de desempeño junio de 2018' 'Resumen' 'Métricas incumplidas' 'Métrica' 'Umbral' 'Recalculado'; do
  grep -q "$heading" "$tmp/report.txt" || fail "the PDF lacks the Spanish “$heading”"
done
! grep -q 'Monthly performance report' "$tmp/report.txt" || fail "the PDF still has the English title"

"$cli" --db "$db" evaluate --period 2018-06 --format json > "$tmp/evaluate.json"
grep -q '"status" : "met"' "$tmp/evaluate.json" || fail "JSON status words must stay untranslated"
grep -q 'frente a' "$tmp/evaluate.json" || fail "the evaluator's explanations are not in Spanish"
# A metric's title is data scripts match on: the contract's words in every
# locale, while the PDF above and the window translate it.
grep -q '"title" : "Applications reviewed within 2 business days"' "$tmp/evaluate.json" \
  || fail "the JSON title must stay the contract's English"
! grep -q 'Solicitudes revisadas' "$tmp/evaluate.json" || fail "the JSON title must not be translated"
grep -q 'Solicitudes revisadas en 2 días hábiles' "$tmp/report.txt" || fail "the PDF's metric titles are not in Spanish"
# The contract file's reading notes are prose the explanations quote.
! grep -q 'counts in the period in which its deadline falls' "$tmp/evaluate.json" \
  || fail "a reading note of the contract file is still English in an explanation"
"$cli" --db "$db" evaluate --period 2018-06 --format csv > "$tmp/evaluate.csv"
grep -q ',Applications reviewed within 2 business days,' "$tmp/evaluate.csv" || fail "the CSV title must stay the contract's English"
"$cli" --db "$db" export grid --from 2018-05 --to 2018-06 --format csv -o "$tmp/grid.csv" >/dev/null
grep -q ",Applications reviewed within 2 business days," "$tmp/grid.csv" || fail "the grid export's title must stay the contract's English"
"$cli" --db "$db" ledger --format csv > "$tmp/ledger.csv"
head -1 "$tmp/ledger.csv" | grep -q '^month,component,invoice,rate,withheld,released,retained,held,state,released_with,explanation' \
  || fail "the CSV header must stay untranslated"
grep -q 'retenido' "$tmp/ledger.csv" || fail "the ledger's explanations are not in Spanish"
echo "threshold-cli speaks Spanish; its machine output does not"
