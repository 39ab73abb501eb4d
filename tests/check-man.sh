#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The man page of threshold-cli names every command that
# “threshold-cli --help” lists, and both man pages format without warnings.
set -eu
cli="$1"
top="$2"
status=0
for command in $(LANGUAGE= LC_ALL=C.UTF-8 "$cli" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 && /^  / { print $1 }'); do
  grep -q "^\\\\fB$command\\b\\|^\\.B $command\$" "$top/docs/man/threshold-cli.1" \
    || { echo "docs/man/threshold-cli.1 does not describe “$command”"; status=1; }
done
if command -v groff >/dev/null; then
  for page in "$top"/docs/man/*.1; do
    warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
    [ -z "$warnings" ] || { echo "$page: $warnings"; status=1; }
  done
fi
[ $status -eq 0 ] && echo "the man pages describe every command"
exit $status
