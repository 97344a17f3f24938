#!/usr/bin/env bash
# Installs what the Linux ARM64 (aarch64) cross build and its tests need on a
# Debian machine: the Rust target, Debian's aarch64 cross gcc and C library
# (.cargo/config.toml names the linker) and qemu-user to run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-arm64: installing ${missing[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

if ! rustup target list --installed | grep -qx aarch64-unknown-linux-gnu; then
  echo "setup-arm64: rustup target add aarch64-unknown-linux-gnu"
  rustup target add aarch64-unknown-linux-gnu
fi
