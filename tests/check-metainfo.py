#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The metainfo as Flathub reviews it, on Debian 12's AppStream 0.16.

appstreamcli validate runs with --pedantic: any error, warning or info
fails, except one: AppStream 0.16 does not know Flathub's <developer id>
tag (added in AppStream 1.0) and reports it as "unknown-tag developer".
That notice is let through, and only that one; --strict cannot pass here
because of it.  Pedantic notes (an upper-case letter in the id, which the
id keeps) do not fail.

Then Flathub's own rules, which 0.16 does not check: a summary of 35
characters or fewer, <developer id=…><name>, a vcs-browser URL, light and
dark brand colours, at least four screenshots pinned to a commit or tag
of this repository (not a branch) that holds them, whose files are in
data/screenshots at 1366×768, and a release
note for the project's version.

usage: check-metainfo.py BUILT-METAINFO SOURCE-ROOT VERSION
"""
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

built, root, version = sys.argv[1:4]
failures = []

out = subprocess.run(['appstreamcli', 'validate', '--no-net', '--pedantic', '--explain', built],
                     capture_output=True, text=True)
print(out.stdout + out.stderr)
for line in (out.stdout + out.stderr).splitlines():
    m = re.match(r'^([EWI]): \S+: (\S+)(.*)$', line)
    if not m:
        continue
    if m.group(1) == 'I' and m.group(2) == 'unknown-tag' and m.group(3).strip() == 'developer':
        continue
    failures.append('appstreamcli: ' + line)

tree = ET.parse(built).getroot()
summary = tree.find('summary')
if summary is None or len(summary.text.strip()) > 35:
    failures.append('the summary must have 35 characters or fewer')
developer = tree.find('developer')
if developer is None or not developer.get('id') or developer.find('name') is None:
    failures.append('no <developer id="…"><name>…</name></developer>')
if tree.find('developer_name') is not None:
    failures.append('<developer_name> is replaced by <developer>')
if tree.find("url[@type='vcs-browser']") is None:
    failures.append('no vcs-browser URL')
schemes = {c.get('scheme_preference') for c in tree.findall("branding/color[@type='primary']")}
if schemes != {'light', 'dark'}:
    failures.append('brand colours for both the light and the dark scheme are needed')

is_checkout = subprocess.run(['git', '-C', root, 'rev-parse', '--git-dir'], capture_output=True).returncode == 0
images = [i.text.strip() for i in tree.findall('screenshots/screenshot/image')]
if len(images) < 4:
    failures.append('at least four screenshots are needed, found %d' % len(images))
for url in images:
    m = re.match(r'^https://raw\.githubusercontent\.com/thresholdapp/threshold/([0-9a-f]{40}|v[0-9.]+)/(data/screenshots/[\w.-]+\.png)$', url)
    if not m:
        failures.append('%s: not pinned to a commit or a release tag in this repository' % url)
        continue
    path = root + '/' + m.group(2)
    try:
        with open(path, 'rb') as f:
            head = f.read(24)
    except OSError:
        failures.append('%s: %s does not exist' % (url, m.group(2)))
        continue
    if head[:8] != b'\x89PNG\r\n\x1a\n' or struct.unpack('>II', head[16:24]) != (1366, 768):
        failures.append('%s: not a 1366×768 PNG' % m.group(2))
    # The URL must show the file once pushed: the commit or tag is one of
    # this repository's and holds it (looked up only in a git checkout).
    if is_checkout:
        shown = subprocess.run(['git', '-C', root, 'cat-file', '-e', '%s:%s' % (m.group(1), m.group(2))],
                               capture_output=True)
        if shown.returncode != 0:
            failures.append('%s: %s is not a commit or tag of this repository holding %s'
                            % (url, m.group(1), m.group(2)))

releases = [r.get('version') for r in tree.findall('releases/release')]
if version not in releases:
    failures.append('no release note for version %s' % version)

for f in failures:
    print('FAIL:', f)
sys.exit(1 if failures else 0)
