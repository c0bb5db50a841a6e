#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest against the sandbox policy and meson.build.

The check fails when the manifest is not valid JSON, lacks a required key,
requests a permission other than the permitted finish-args, or when a
dependency('NAME') of the meson.build files is neither in the GNOME runtime
nor built by a module of the manifest.

Usage: check-flatpak-manifest.py MANIFEST SOURCE_ROOT
"""

import argparse
import json
import re
import sys
from pathlib import Path

APP_ID = "id.sapa.Sapa"
RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"
COMMAND = "sapa"

# RUNTIME_PROVIDES below was checked for this runtime version. A new version
# can drop a library, so a version bump makes this check fail until someone
# rereads the list.
RUNTIME_VERSION = "50"

# The sandbox permissions that flatpak/README.md explains. Any other
# filesystem, device, socket or D-Bus permission needs a reason written there
# first.
PERMITTED_FINISH_ARGS = (
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
)

# pkg-config names that org.gnome.Platform and org.gnome.Sdk provide. Source:
# GNOME's gnome-build-meta repository, whose elements/sdk-platform.bst lists
# the elements the runtime is built from, and elements/sdk/libadwaita.bst.
# NOTE: the list was read from an older revision of sdk-platform.bst, not the
# GNOME 50 one. To confirm a name, run
# `flatpak run --command=pkg-config org.gnome.Sdk//50 --exists NAME`.
RUNTIME_PROVIDES = frozenset({
    # GLib and GObject
    "glib-2.0",
    "gobject-2.0",
    "gio-2.0",
    "gio-unix-2.0",
    "gmodule-2.0",
    "gthread-2.0",
    "gobject-introspection-1.0",
    # Toolkit and drawing
    "gtk4",
    "libadwaita-1",
    "gdk-pixbuf-2.0",
    "graphene-1.0",
    "cairo",
    "pango",
    "pangocairo",
    "harfbuzz",
    "fontconfig",
    "freetype2",
    "librsvg-2.0",
    # Data, storage and network
    "json-glib-1.0",
    "sqlite3",
    "libxml-2.0",
    "libsoup-3.0",
    "libsecret-1",
    "gnutls",
    "libcurl",
    "libpng",
    "gsettings-desktop-schemas",
})

# Dependencies that meson resolves from the compiler and C library, not
# from pkg-config, so no runtime element names them.
MESON_BUILTIN_DEPENDENCIES = frozenset({"threads", "dl", "iconv", "intl"})

# Manifest module name -> pkg-config names the module installs, for modules
# whose name differs from what they install. A module also provides the
# dependency of its own name, so "libsodium" needs no entry here.
MODULE_PROVIDES = {
    "qrencode": {"libqrencode"},
    "libqrencode": {"libqrencode"},
    "postgresql": {"libpq"},
    "postgresql-libpq": {"libpq"},
}

# The app's own module builds the tree the manifest sits in.
APP_MODULE_SOURCE = {"type": "dir", "path": ".."}

# dependency( followed by its leading string literals: the first is the name
# and meson takes any further ones as fallback names of the same library.
DEPENDENCY_CALL = re.compile(r"\bdependency\s*\(")
STRING_ARGUMENT = re.compile(r"\s*'((?:[^'\\]|\\.)*)'\s*(,|\))")
SUBDIR_CALL = re.compile(r"\bsubdir\s*\(\s*'([^']+)'")


class ManifestError(Exception):
    """A problem that stops the check from reading the manifest at all."""


def strip_comments(text):
    """Blank out meson comments, keeping '#' inside string literals."""
    lines = []
    for line in text.splitlines():
        in_string = False
        cut = len(line)
        for index, char in enumerate(line):
            if char == "'" and (index == 0 or line[index - 1] != "\\"):
                in_string = not in_string
            elif char == "#" and not in_string:
                cut = index
                break
        lines.append(line[:cut])
    return "\n".join(lines)


def meson_files(source_root, skipped=()):
    """List the meson.build files meson reads, following subdir() calls.

    Folders in skipped are left out: the manifest builds without them."""
    pending = [source_root / "meson.build"]
    seen = []
    while pending:
        path = pending.pop(0)
        if path in seen:
            continue
        seen.append(path)
        text = strip_comments(path.read_text(encoding="utf-8"))
        for match in SUBDIR_CALL.finditer(text):
            child = path.parent / match.group(1) / "meson.build"
            if match.group(1) in skipped:
                continue
            if child.is_file():
                pending.append(child)
    return seen


def declared_dependencies(path, source_root, errors):
    """Return (names, location) for each dependency() call in one file."""
    text = strip_comments(path.read_text(encoding="utf-8"))
    found = []
    for call in DEPENDENCY_CALL.finditer(text):
        line = text.count("\n", 0, call.start()) + 1
        location = f"{path.relative_to(source_root)}:{line}"
        names = []
        position = call.end()
        while True:
            argument = STRING_ARGUMENT.match(text, position)
            if argument is None:
                break
            names.append(argument.group(1))
            position = argument.end()
            if argument.group(2) == ")":
                break
        if not names:
            errors.append(f"{location}: dependency() has no string literal as its "
                          "name, so this check cannot match it; write the name out")
            continue
        if names == [""]:
            # dependency('') is meson's always-not-found placeholder.
            continue
        found.append((names, location))
    return found


def load_module(entry, manifest_dir):
    """Return a module object, reading it from a file when given as a path."""
    if isinstance(entry, str):
        path = manifest_dir / entry
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise ManifestError(f"module file {entry}: {error}") from error
    return entry


def collect_modules(entries, manifest_dir, errors, found):
    """Append every module, nested ones included, to found."""
    for entry in entries:
        module = load_module(entry, manifest_dir)
        if not isinstance(module, dict):
            errors.append(f"a module is a {type(module).__name__}, expected an "
                          "object or a file name")
            continue
        name = module.get("name")
        if not isinstance(name, str) or not name:
            errors.append(f"a module has no \"name\": {json.dumps(module)[:80]}")
            continue
        if not module.get("sources"):
            errors.append(f"module {name}: \"sources\" is missing or empty")
        found.append(module)
        collect_modules(module.get("modules", []), manifest_dir, errors, found)


def check_keys(manifest, errors):
    expected = {
        "id": APP_ID,
        "runtime": RUNTIME,
        "runtime-version": RUNTIME_VERSION,
        "sdk": SDK,
        "command": COMMAND,
    }
    for key, value in expected.items():
        if key not in manifest:
            errors.append(f"\"{key}\" is missing, expected \"{value}\"")
        elif manifest[key] != value:
            errors.append(f"\"{key}\" is {json.dumps(manifest[key])}, expected "
                          f"\"{value}\"")
    for key in ("finish-args", "modules"):
        if not isinstance(manifest.get(key), list):
            errors.append(f"\"{key}\" is missing or not a list")


def check_finish_args(manifest, errors):
    finish_args = manifest.get("finish-args")
    if not isinstance(finish_args, list):
        return
    for argument in sorted(set(finish_args) - set(PERMITTED_FINISH_ARGS)):
        errors.append(f"finish-args: {argument} is not permitted; the permitted "
                      f"ones are {' '.join(PERMITTED_FINISH_ARGS)}")
    for argument in PERMITTED_FINISH_ARGS:
        if argument not in finish_args:
            errors.append(f"finish-args: {argument} is missing")
    for argument in sorted(set(finish_args)):
        if finish_args.count(argument) > 1:
            errors.append(f"finish-args: {argument} appears "
                          f"{finish_args.count(argument)} times")


def check_app_module(manifest, manifest_dir, errors):
    """Check the last top-level module, which is Sapa because flatpak-builder
    builds the modules in order and the app comes after its dependencies."""
    entries = manifest.get("modules")
    if not isinstance(entries, list) or not entries:
        errors.append("\"modules\" is empty; the last module must build Sapa")
        return
    app = load_module(entries[-1], manifest_dir)
    if not isinstance(app, dict):
        return
    name = app.get("name", "?")
    if app.get("buildsystem") != "meson":
        errors.append(f"module {name}: \"buildsystem\" is "
                      f"{json.dumps(app.get('buildsystem'))}, expected \"meson\"")
    sources = app.get("sources") or []
    if not any(isinstance(source, dict)
               and all(source.get(k) == v for k, v in APP_MODULE_SOURCE.items())
               for source in sources):
        errors.append(f"module {name}: no source {json.dumps(APP_MODULE_SOURCE)}, "
                      "so it would not build this tree")


def disabled_folders(app):
    """Folders the app module builds without: sapa-server with -Dserver=false."""
    options = app.get("config-opts", []) if isinstance(app, dict) else []
    return {"server"} if "-Dserver=false" in options else set()


def check_dependencies(modules, source_root, errors):
    provided = set()
    for module in modules:
        provided.add(module["name"])
        provided.update(MODULE_PROVIDES.get(module["name"], ()))

    for path in meson_files(source_root, disabled_folders(modules[-1] if modules else None)):
        for names, location in declared_dependencies(path, source_root, errors):
            if any(name in RUNTIME_PROVIDES or name in MESON_BUILTIN_DEPENDENCIES
                   or name in provided for name in names):
                continue
            errors.append(
                f"{location}: dependency('{names[0]}') is not in the GNOME "
                f"{RUNTIME_VERSION} runtime and no manifest module provides it; "
                "add a module that builds it (and a MODULE_PROVIDES entry in "
                "this script when the module has another name)")


def check(manifest_path, source_root):
    """Return the list of problems found; an empty list means the check passed."""
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except OSError as error:
        return [f"cannot read the manifest: {error}"]
    except json.JSONDecodeError as error:
        return [f"invalid JSON at line {error.lineno}, column {error.colno}: "
                f"{error.msg}"]
    if not isinstance(manifest, dict):
        return ["the manifest is not a JSON object"]

    errors = []
    check_keys(manifest, errors)
    check_finish_args(manifest, errors)

    modules = []
    try:
        check_app_module(manifest, manifest_path.parent, errors)
        collect_modules(manifest.get("modules") or [], manifest_path.parent,
                        errors, modules)
    except ManifestError as error:
        errors.append(str(error))
    check_dependencies(modules, source_root, errors)
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manifest", type=Path, help="the Flatpak manifest (JSON)")
    parser.add_argument("source_root", type=Path,
                        help="the folder of the top-level meson.build")
    args = parser.parse_args()

    errors = check(args.manifest, args.source_root)
    for error in errors:
        print(f"{args.manifest}: {error}", file=sys.stderr)
    if errors:
        noun = "problem" if len(errors) == 1 else "problems"
        print(f"{len(errors)} {noun} found", file=sys.stderr)
        return 1
    print(f"{args.manifest}: valid; every meson dependency is in the runtime "
          "or a module")
    return 0


if __name__ == "__main__":
    sys.exit(main())
