#!/usr/bin/env bash
# The installer as an office PC gets it, under wine in the test prefix
# (target/wine): `jixiao-…-setup.exe /S` installs per user; the programs, the
# WebView2 loader, the Start-menu and desktop shortcuts and the uninstall entry
# must be in place; the installed CLI loads the sample bureau into its default
# database (%APPDATA%\jixiao\data) and scores it; the installed app, on wine
# (which has no WebView2 runtime), must stop before making a window (exit 1);
# the uninstaller removes the programs and keeps the database. `make
# windows-installer-test` builds the installer first. Not part of `make test`:
# it costs a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "windows-installer-test: FAILED: $*" >&2; exit 1; }

installer=$(ls -t target/x86_64-pc-windows-gnu/release/installer/jixiao-*-setup.exe 2>/dev/null | head -n 1 || true)
[ -n "$installer" ] || fail "no installer (run \`make windows\`)"
w() { scripts/wine-env.sh "$@"; }
w true
drive_c="$PWD/target/wine/drive_c"
user=$(ls "$drive_c/users" | grep -v '^Public$' | head -n 1)
home="$drive_c/users/$user"
appdir="$home/AppData/Local/Programs/jixiao"
data="$home/AppData/Roaming/jixiao/data"
rm -rf "$data"

w wine "$installer" /S
for f in jixiao-app.exe jixiao.exe WebView2Loader.dll uninstall.exe; do
  [ -f "$appdir/$f" ] || fail "$f not installed in $appdir"
done
[ ! -e "$appdir/bcryptprimitives.dll" ] || fail "the test-only stand-in was installed"
start_menu=$(find "$home" -path '*Start Menu/Programs/绩效目标管理/绩效目标管理.lnk' | head -n 1)
desktop=$(find "$home" -path '*/Desktop/绩效目标管理.lnk' | head -n 1)
[ -n "$start_menu" ] || fail "no Start-menu shortcut"
[ -n "$desktop" ] || fail "no desktop shortcut"
w wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\jixiao' /v InstallLocation | grep -q 'Programs.jixiao' \
  || fail "no uninstall entry in HKCU"
echo "windows-installer-test: installed in $appdir, shortcuts $start_menu and $desktop"

# the installed CLI, on its default database
env -u JIXIAO_DB scripts/wine-env.sh wine "$appdir/jixiao.exe" demo
score=$(env -u JIXIAO_DB scripts/wine-env.sh wine "$appdir/jixiao.exe" evaluate --year 2023 --project 37020023P88002811135Y --json | tr -d '\r')
echo "$score" | grep -q '"grade"' || fail "evaluate printed no grade: $score"
[ -f "$data/jixiao.sqlite3" ] || fail "the default database is not in %APPDATA%\\jixiao\\data"

# the installed app without the WebView2 runtime: no window, exit status 1
set +e
env -u DISPLAY timeout 60 scripts/wine-env.sh wine "$appdir/jixiao-app.exe"
status=$?
set -e
[ "$status" -eq 1 ] || fail "the app without WebView2 ended with $status, not 1"

w wine "$appdir/uninstall.exe" /S
# the uninstaller copies itself to %TEMP% and runs from there: wait for it
w wineserver --wait
for f in jixiao-app.exe jixiao.exe WebView2Loader.dll; do
  [ ! -e "$appdir/$f" ] || fail "$f left after uninstall"
done
[ ! -e "$start_menu" ] && [ ! -e "$desktop" ] || fail "a shortcut left after uninstall"
[ -f "$data/jixiao.sqlite3" ] || fail "the uninstaller removed the database"
echo "windows-installer-test: ok (uninstalled; the database $data/jixiao.sqlite3 kept)"
