#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes an SQL file as a C string constant, so the store carries the team
# schema inside the program (a GResource in a static library is dropped by
# the linker unless linked whole).
#   embed-sql.py INPUT.sql OUTPUT.h NAME
import sys

source, output, name = sys.argv[1:4]
with open(source, encoding='utf-8') as f:
    text = f.read()
lines = ['/* Generated from %s by embed-sql.py: do not edit. */' % source.split('/')[-1],
         '#pragma once', '', 'static const char %s[] =' % name]
for line in text.splitlines(keepends=True):
    escaped = line.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n')
    lines.append('  "%s"' % escaped)
lines[-1] += ';'
with open(output, 'w', encoding='utf-8') as f:
    f.write('\n'.join(lines) + '\n')
