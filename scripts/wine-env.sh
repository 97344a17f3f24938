#!/usr/bin/env bash
# Runs a command in the test wine prefix (target/wine), e.g. `make
# test-windows`'s cargo test with wine as its runner (given with --config, not
# as CARGO_TARGET_…_RUNNER: assert_cmd would put that runner before the CLI it
# starts from within wine, where there is no wine). The prefix is made on first use: a 64-bit wine, no Mono or
# Gecko (nothing here needs them; they would be downloaded), a stand-in for
# bcryptprimitives.dll in its system32 (wine 8 lacks it; see
# scripts/windows/bcryptprimitives.c — test only, never shipped), and the
# machine's Noto CJK fonts linked into C:\windows\Fonts, where the program looks
# for fonts on Windows (wine has no 宋体).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

export WINEPREFIX="$root/target/wine" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="

system32="$WINEPREFIX/drive_c/windows/system32"
if [ ! -f "$system32/kernel32.dll" ]; then
  echo "wine-env: making the wine prefix $WINEPREFIX"
  wineboot --init >/dev/null 2>&1 || true
  wineserver --wait
  [ -f "$system32/kernel32.dll" ] || { echo "wine-env: wineboot made no prefix in $WINEPREFIX" >&2; exit 1; }
fi
# wine links the user's Desktop, Documents, … to the Unix home: made folders of
# the prefix instead, so that what an installer puts there stays in target/wine
for link in "$WINEPREFIX"/drive_c/users/*/*; do
  if [ -L "$link" ]; then rm "$link" && mkdir "$link"; fi
done
stand_in="$root/scripts/windows/bcryptprimitives.c"
if [ ! -f "$system32/bcryptprimitives.dll" ] || [ "$stand_in" -nt "$system32/bcryptprimitives.dll" ]; then
  x86_64-w64-mingw32-gcc -shared -O2 -Wl,--kill-at -o "$system32/bcryptprimitives.dll" "$stand_in" -ladvapi32
fi
fonts="$WINEPREFIX/drive_c/windows/Fonts"
mkdir -p "$fonts"
for f in /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc /usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc; do
  [ -f "$f" ] && ln -sf "$f" "$fonts/"
done

exec "$@"
