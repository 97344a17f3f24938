#!/usr/bin/env bash
# The .deb as an office PC gets it: installs target/release/bundle/deb/*.deb with
# dpkg, starts the installed /usr/bin/jixiao-app on a private Xvfb display and a
# temporary database (JIXIAO_DB), checks that its window appears (xwininfo finds
# the window titled 绩效目标管理, and a screenshot of it is not blank), then
# removes the package. `make package-test` builds the .deb first and runs this.
# The screenshot is kept in target/package-test/window.png.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
fail() {
  echo "package-test: FAILED: $*" >&2
  exit 1
}

deb=$(ls -t target/release/bundle/deb/*.deb 2>/dev/null | head -n 1 || true)
[ -n "$deb" ] || fail "no .deb in target/release/bundle/deb/ (run \`make package\`)"
pkg=$(dpkg-deb --field "$deb" Package)
title='绩效目标管理'
out=target/package-test
mkdir -p "$out"
rm -f "$out"/*.png

if dpkg -s "$pkg" >/dev/null 2>&1; then
  fail "$pkg is installed already; remove it first (dpkg -r $pkg) so that this test does not remove yours"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-package-test.XXXXXX")
xvfb_pid=''
app_pid=''
installed=''
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  if [ -n "$installed" ]; then
    as_root dpkg -r "$pkg" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "package-test: installing $deb"
if ! as_root env DEBIAN_FRONTEND=noninteractive dpkg -i "$deb"; then
  # dependencies the machine lacks (fonts-noto-cjk, libwebkit2gtk-4.1-0): apt fetches them
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -f -y --no-install-recommends
fi
installed=1
dpkg -s "$pkg" | grep -q '^Status: install ok installed' || fail "dpkg did not install $pkg"
[ -x /usr/bin/jixiao-app ] || fail "/usr/bin/jixiao-app is missing after installing $pkg"
desktop=$(dpkg -L "$pkg" | grep '^/usr/share/applications/.*\.desktop$' | head -n 1)
[ -n "$desktop" ] || fail "$pkg installs no .desktop file"
grep -q "^Name=$title\$" "$desktop" || fail "$desktop does not name the app $title"
grep -q '^Exec=jixiao-app' "$desktop" || fail "$desktop does not start jixiao-app"

display=''
for n in $(seq 120 199); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || fail "no free X display"
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done

echo "package-test: starting /usr/bin/jixiao-app on $display"
env DISPLAY="$display" JIXIAO_DB="$work/jixiao.sqlite3" LANG=zh_CN.UTF-8 \
  XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" \
  /usr/bin/jixiao-app >"$work/app.log" 2>&1 &
app_pid=$!

window=''
for _ in $(seq 60); do
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; fail "the app exited at start"; }
  window=$(DISPLAY="$display" xwininfo -root -tree 2>/dev/null | grep -F "\"$title\"" | head -n 1 || true)
  [ -n "$window" ] && break
  sleep 0.5
done
[ -n "$window" ] || { cat "$work/app.log" >&2; fail "no window titled $title appeared within 30 s"; }
echo "package-test: window: $window"
win_id=$(echo "$window" | awk '{print $1}')

# Let the webview render the first screen, then look at it: a blank window has
# one colour; the welcome screen has text, buttons and the header.
shot="$out/window.png"
colours=0
for _ in $(seq 20); do
  sleep 1
  import -display "$display" -window root "$shot" 2>/dev/null || continue
  colours=$(identify -format '%k' "$shot")
  [ "$colours" -ge 64 ] && break
done
[ "$colours" -ge 64 ] || fail "the window stays blank ($colours colours in $shot)"
[ -f "$work/jixiao.sqlite3" ] || fail "the app did not open its database at \$JIXIAO_DB"
echo "package-test: the window shows the app ($colours colours; $shot)"

kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=''

echo "package-test: removing $pkg"
as_root dpkg -r "$pkg" >/dev/null
installed=''
[ ! -e /usr/bin/jixiao-app ] || fail "/usr/bin/jixiao-app is still there after dpkg -r"
dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed' && fail "$pkg is still installed after dpkg -r"
echo "package-test: ok ($deb installed, started, removed)"
