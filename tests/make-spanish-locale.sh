#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Compiles the es_ES.UTF-8 locale into the build (OUTDIR/locale, read
# through LOCPATH) for the tests that run Threshold in Spanish:
#   make-spanish-locale.sh OUTDIR STAMP
# LANGUAGE=es alone is not enough: glibc ignores LANGUAGE while the
# messages locale is C, and glibc 2.43 treats C.UTF-8 as C there too.  A
# real Spanish locale works on every glibc, and compiling it here (from
# the locale sources of Debian's `locales`) needs no root and no locale
# generated on the machine.
set -eu
outdir="$1"
stamp="$2"
rm -rf "$outdir/locale"
mkdir -p "$outdir/locale"
# -c: localedef exits 1 on warnings about the locale source that do not
# stop it from writing a working locale.
localedef -c -i es_ES -f UTF-8 "$outdir/locale/es_ES.UTF-8" || [ -f "$outdir/locale/es_ES.UTF-8/LC_MESSAGES/SYS_LC_MESSAGES" ] ||
  { echo "make-spanish-locale: localedef could not compile es_ES.UTF-8 (Debian: apt-get install locales)" >&2; exit 1; }
touch "$stamp"
