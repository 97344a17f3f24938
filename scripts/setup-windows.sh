#!/usr/bin/env bash
# Installs what the Windows builds need on a Debian machine: the Rust target
# x86_64-pc-windows-gnu, Debian's mingw-w64 (its gcc links the programs and
# compiles SQLite; .cargo/config.toml names it), NSIS's makensis for the
# installer, and wine to run the Windows tests. Quick when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(gcc-mingw-w64-x86-64 nsis wine wine64)

. scripts/lib.sh
need_apt setup-windows "${APT_PACKAGES[@]}"

need_rust_target setup-windows x86_64-pc-windows-gnu
