#!/usr/bin/env bash
# Installs what the Windows builds need on a Debian machine: the Rust target
# x86_64-pc-windows-gnu, Debian's mingw-w64 (its gcc links the programs and
# compiles SQLite; .cargo/config.toml names it), NSIS's makensis for the
# installer, and wine to run the Windows tests. Quick when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(gcc-mingw-w64-x86-64 nsis wine wine64)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-windows: installing ${missing[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

if ! rustup target list --installed | grep -qx x86_64-pc-windows-gnu; then
  echo "setup-windows: rustup target add x86_64-pc-windows-gnu"
  rustup target add x86_64-pc-windows-gnu
fi
