#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest as Flathub reviews it (flatpak-builder
--show-manifest, a separate test, checks that flatpak-builder reads it).

- the runtime is org.gnome.Platform at a branch still supported: 50 or
  newer (GNOME supports the last two releases; 47 ended in October 2025);
- every source of every module is pinned: git with a 40-hex commit (and a
  tag, if any, beside it), or an archive or file with a sha256; never a
  "dir", nor a git branch;
- Threshold's own source is a commit of this repository (one that HEAD
  contains, and the commit of its tag if a tag is named), when the sources
  are a git checkout: a pin to a commit nobody pushed would not build;
- the sandbox asks for no filesystem (see README.md: the stores live in
  the app's data folder, files pass through the portal); network, for a
  team store's PostgreSQL server, the Secret Service (the keyring that
  keeps a team store's password; libsecret is in the GNOME runtime), and
  nothing else beyond the display;
- libpq, which the GNOME runtime does not ship, is built in the bundle.

usage: check-flatpak.py MANIFEST [SOURCE-ROOT]
"""
import json
import re
import subprocess
import sys

manifest = json.load(open(sys.argv[1]))
root = sys.argv[2] if len(sys.argv) > 2 else None
failures = []

if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
    failures.append('the runtime must be org.gnome.Platform with org.gnome.Sdk')
branch = str(manifest.get('runtime-version', ''))
if not re.fullmatch(r'\d+', branch) or int(branch) < 50:
    failures.append('runtime-version %r is not a supported GNOME branch (50 or newer)' % branch)

ALLOWED = {'--socket=wayland', '--socket=fallback-x11', '--share=ipc', '--device=dri',
           '--share=network', '--talk-name=org.freedesktop.secrets'}
for arg in manifest.get('finish-args', []):
    if arg not in ALLOWED:
        failures.append('finish-args asks for %s' % arg)
if 'libpq' not in [m.get('name') for m in manifest.get('modules', []) if isinstance(m, dict)]:
    failures.append('no libpq module: the team store needs it and the runtime has none')


def git(*args):
    return subprocess.run(['git', '-C', root] + list(args), capture_output=True, text=True)


def check_own_commit(source):
    """A copy of the sources without .git (a tarball, tools/check-newer-gnome's
    root) cannot say which commits exist; a checkout can."""
    if root is None or git('rev-parse', '--git-dir').returncode != 0:
        print('not a git checkout: the pinned commit is not looked up')
        return
    commit = source.get('commit', '')
    if git('cat-file', '-e', commit + '^{commit}').returncode != 0:
        failures.append('threshold: the pinned commit %s is not in this repository' % commit)
    elif git('merge-base', '--is-ancestor', commit, 'HEAD').returncode != 0:
        failures.append('threshold: the pinned commit %s is not in the history of HEAD' % commit)
    tag = source.get('tag')
    if tag is not None:
        tagged = git('rev-parse', '--verify', '--quiet', 'refs/tags/%s^{commit}' % tag)
        if tagged.returncode != 0:
            failures.append('threshold: the tag %s is not in this repository' % tag)
        elif tagged.stdout.strip() != commit:
            failures.append('threshold: the tag %s is %s, not the pinned commit' % (tag, tagged.stdout.strip()))


def check_module(module):
    name = module.get('name', '?')
    for source in module.get('sources', []):
        kind = source.get('type')
        if kind == 'git':
            if not re.fullmatch(r'[0-9a-f]{40}', source.get('commit', '')):
                failures.append('%s: a git source needs a full commit hash' % name)
            if 'branch' in source:
                failures.append('%s: a git source may not follow a branch' % name)
            if name == 'threshold':
                check_own_commit(source)
        elif kind in ('archive', 'file'):
            if not re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')):
                failures.append('%s: an %s source needs its sha256' % (name, kind))
        elif kind == 'patch':
            pass
        else:
            failures.append('%s: a source of type %r is not pinned' % (name, kind))
    if not module.get('sources'):
        failures.append('%s: no sources' % name)
    for sub in module.get('modules', []):
        if isinstance(sub, dict):
            check_module(sub)


for module in manifest.get('modules', []):
    if isinstance(module, str):
        failures.append('%s: modules in other files are not checked; inline them' % module)
    else:
        check_module(module)

for f in failures:
    print('FAIL:', f)
print('%s: %d problems' % (sys.argv[1], len(failures)))
sys.exit(1 if failures else 0)
