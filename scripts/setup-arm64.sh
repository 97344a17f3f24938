#!/usr/bin/env bash
# Installs what the Linux ARM64 (aarch64) cross build and its tests need on a
# Debian machine: the Rust target, Debian's aarch64 cross gcc and C library
# (.cargo/config.toml names the linker) and qemu-user to run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user)

. scripts/lib.sh
need_apt setup-arm64 "${APT_PACKAGES[@]}"

need_rust_target setup-arm64 aarch64-unknown-linux-gnu
