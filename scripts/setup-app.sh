#!/usr/bin/env bash
# Installs what the desktop app and its end-to-end tests need on a Debian machine.
# Quick when everything is there already: it only checks, and installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config libssl-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev librsvg2-dev
  xvfb webkit2gtk-driver xauth fonts-noto-cjk imagemagick file poppler-utils x11-utils xdotool
)

. scripts/lib.sh
need_apt setup-app "${APT_PACKAGES[@]}"

# Rust (the core's setup normally provides it; a fresh machine may not have it).
if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "setup-app: installing Rust"
    command -v curl >/dev/null 2>&1 || { as_root apt-get update; as_root apt-get install -y curl ca-certificates; }
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi

# Node.js 20 or newer (Vite 7 needs it). Debian 12's own nodejs is 18: use NodeSource.
node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }
if [ "$(node_major || echo 0)" -lt 20 ] 2>/dev/null || ! command -v npm >/dev/null 2>&1; then
  echo "setup-app: installing Node.js 20"
  command -v curl >/dev/null 2>&1 || { as_root apt-get update; as_root apt-get install -y curl ca-certificates; }
  curl -fsSL https://deb.nodesource.com/setup_20.x | as_root bash -
  as_root apt-get install -y nodejs
fi

# The UI's packages, exactly as the committed lock file lists them (`npm ci` never
# writes the lock, so a newcomer's tree stays clean); again only when it changed.
# The lock lists every platform's optional packages (esbuild, rollup, the Tauri
# CLI); when a dependency changes, regenerate it with
# `npm install --package-lock-only` and check that it still has them.
npm_ci() {
  local installed="$1/node_modules/.package-lock.json"
  if [ ! -f "$installed" ] || [ "$1/package-lock.json" -nt "$installed" ] || [ "$1/package.json" -nt "$installed" ]; then
    echo "setup-app: npm ci in $1/"
    (cd "$1" && npm ci --no-audit --no-fund)
  fi
}
node scripts/check-lock.mjs ui/package-lock.json e2e/package-lock.json
npm_ci ui

# The WebDriver bridge for the end-to-end tests.
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "setup-app: cargo install tauri-driver"
  cargo install tauri-driver --locked
fi

# The end-to-end runner's packages.
npm_ci e2e
echo "setup-app: ready"
