#!/usr/bin/env python3
# check-flatpak-manifest.py MANIFEST APP_ID
#
# Copyright 2026 The Baodao authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# flatpak-builder cannot fetch the runtime here, and its --show-manifest accepts unknown keys, so
# this holds the manifest to what Flathub asks: the keys it needs, no access to the user's files
# beyond the portals, and every third-party source pinned to the exact bytes it was checked with.
# Prints TAP.

import json
import re
import sys

REQUIRED_KEYS = ('app-id', 'runtime', 'runtime-version', 'sdk', 'command', 'finish-args', 'modules')
REQUIRED_FINISH_ARGS = ('--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri')
SHA256 = re.compile(r'^[0-9a-f]{64}$')
COMMIT = re.compile(r'^[0-9a-f]{40}$')

results = []


def check(ok, description, details=()):
    results.append((ok, description, list(details)))


def source_problems(module, is_app):
    problems = []
    sources = module.get('sources')
    if not isinstance(sources, list) or not sources:
        return [f"module {module.get('name')!r} has no sources"]
    for source in sources:
        kind = source.get('type')
        where = f"module {module.get('name')!r}, {kind} source"
        if kind in ('archive', 'file'):
            if not str(source.get('url', '')).startswith('https://'):
                problems.append(f'{where}: no https url')
            if not SHA256.match(str(source.get('sha256', ''))):
                problems.append(f'{where}: no sha256 of 64 hex digits')
        elif kind == 'git':
            if not COMMIT.match(str(source.get('commit', ''))):
                problems.append(f'{where}: not pinned to a commit')
        elif kind == 'dir' and is_app:
            # the app is built from the tree this manifest lives in
            pass
        else:
            problems.append(f'{where}: not a pinned kind of source')
    return problems


def main():
    manifest_path, app_id = sys.argv[1], sys.argv[2]
    with open(manifest_path, encoding='utf-8') as f:
        manifest = json.load(f)

    missing = [key for key in REQUIRED_KEYS if not manifest.get(key)]
    check(not missing, 'the manifest has every required key', [f'missing: {k}' for k in missing])

    check(manifest.get('app-id') == app_id, f'app-id is {app_id}',
          [f"app-id is {manifest.get('app-id')!r}"])
    check(manifest.get('runtime') == 'org.gnome.Platform' and manifest.get('sdk') == 'org.gnome.Sdk'
          and re.match(r'^[0-9]+$', str(manifest.get('runtime-version', ''))) is not None,
          'the runtime is a stable GNOME one',
          [f"{manifest.get('runtime')}//{manifest.get('runtime-version')}, sdk {manifest.get('sdk')}"])
    check(manifest.get('command') == 'baodao', 'the command is baodao',
          [f"command is {manifest.get('command')!r}"])

    finish_args = manifest.get('finish-args', [])
    check(all(arg in finish_args for arg in REQUIRED_FINISH_ARGS),
          'finish-args give IPC, Wayland, fallback X11 and the GPU',
          [f'missing: {arg}' for arg in REQUIRED_FINISH_ARGS if arg not in finish_args])
    filesystem = [arg for arg in finish_args if arg.startswith('--filesystem')]
    check(not filesystem, 'finish-args grant no --filesystem: files come through the portals',
          filesystem)

    modules = manifest.get('modules', [])
    check(all(isinstance(m, dict) for m in modules), 'every module is declared inline',
          [repr(m) for m in modules if not isinstance(m, dict)])
    modules = [m for m in modules if isinstance(m, dict)]

    problems = []
    for i, module in enumerate(modules):
        problems += source_problems(module, i == len(modules) - 1)
    check(not problems, 'every source is pinned (url and sha256, or a git commit)', problems)

    app = modules[-1] if modules else {}
    check(app.get('name') == 'baodao' and app.get('buildsystem') == 'meson',
          'the app is the last module and is built by meson',
          [f"last module {app.get('name')!r}, buildsystem {app.get('buildsystem')!r}"])
    options = app.get('config-opts', [])
    check('--buildtype=release' in options and f'-Dapp_id={app_id}' in options,
          'the app is built as a release, with its application id', [f'config-opts: {options}'])

    names = [m.get('name') for m in modules]
    needed = ['poppler-data', 'poppler', 'opencc', 'uchardet', 'libxlsxwriter']
    check(all(n in names for n in needed), 'the libraries the runtime lacks are built',
          [f'missing: {n}' for n in needed if n not in names])

    print(f'1..{len(results)}')
    for number, (ok, description, details) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {number} - {description}")
        if not ok:
            for line in details:
                print(f'# {line}')
    return 0 if all(ok for ok, _, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())
