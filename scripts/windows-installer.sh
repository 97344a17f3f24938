#!/usr/bin/env bash
# The Windows installer, after `make windows` has cross-built jixiao-app.exe and
# jixiao.exe: puts WebView2Loader.dll (the loader the gnu build links
# dynamically; the crate webview2-com-sys ships it, its build copies it into
# build/) beside them and runs Debian's makensis on src-tauri/windows/jixiao.nsi.
# Prints the installer's path.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$PWD/target/x86_64-pc-windows-gnu/release"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[ -n "$version" ] || { echo "windows-installer: no version in Cargo.toml" >&2; exit 1; }
for exe in jixiao-app.exe jixiao.exe; do
  [ -f "$bin/$exe" ] || { echo "windows-installer: $bin/$exe missing (run \`make windows\`)" >&2; exit 1; }
done
loader=$(ls -t "$bin"/build/webview2-com-sys-*/out/x64/WebView2Loader.dll 2>/dev/null | head -n 1 || true)
[ -n "$loader" ] || { echo "windows-installer: no WebView2Loader.dll under $bin/build (webview2-com-sys)" >&2; exit 1; }
cp "$loader" "$bin/WebView2Loader.dll"
out="$bin/installer/jixiao-$version-setup.exe"
mkdir -p "$(dirname "$out")"
(cd src-tauri/windows && makensis -V2 -DVERSION="$version" -DBIN="$bin" -DOUTFILE="$out" jixiao.nsi)
ls -la "$out"
