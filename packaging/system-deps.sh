#!/usr/bin/env bash
# Installs the Debian packages that Qt 6 (the PySide6 wheels) needs on a bare machine:
# EGL/GL, xkbcommon, fontconfig and a font, D-Bus, and the xcb libraries of the xcb platform
# plugin. Idempotent: installs only what is missing. As root it runs apt-get itself;
# otherwise it prints the exact command to run and carries on (the tests run offscreen and
# need only the first group).
set -u
pkgs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 fonts-dejavu-core
      libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
      libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1
      libxrender1 libxi6)
# `system-deps.sh --packaging` adds the tools of `make package` and of the packaging tests:
# binutils (PyInstaller reads shared libraries with objdump), desktop-file-utils and appstream
# (desktop-file-validate and appstreamcli check the launcher entry and the metainfo).
if [ "${1:-}" = "--packaging" ]; then
    pkgs+=(binutils desktop-file-utils appstream)
fi
# Debian splits venv/ensurepip out of python3; `make` needs it to create .venv.
if ! "${PYTHON:-python3}" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    pkgs+=(python3-venv)
fi
if ! command -v dpkg >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: not a Debian-like system; make sure Qt 6's runtime libraries are installed." >&2
    exit 0
fi
missing=()
for p in "${pkgs[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
    echo "system-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || { echo "system-deps: apt-get failed; install by hand: apt-get install ${missing[*]}" >&2; exit 1; }
else
    echo "system-deps: Qt needs these Debian packages; run:" >&2
    echo "    sudo apt-get install ${missing[*]}" >&2
fi
