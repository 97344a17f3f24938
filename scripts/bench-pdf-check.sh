#!/usr/bin/env bash
# Checks that `make bench` reports pdf_speedup only when LibreOffice really
# converted the 1,000 自评表: it runs the bench's cheap parts (BENCH_SIZES=1000,
# one run, no list, no app) three times with a stand-in `soffice` first on PATH:
#
#   silent    exits 0 and writes nothing (a LibreOffice without Calc)  -> not measured
#   short     exits 0 and writes a one-page PDF                         -> not measured
#   complete  exits 0 and writes our own 1,000-page PDF                 -> measured
#
# and reads target/bench/results.json and the table after each. docs/benchmarks.md
# is put back as it was. Needs what `make bench` needs (sqlite3, pdfinfo and
# pdfseparate from poppler-utils); takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

fake=$(mktemp -d)
doc=$(mktemp)
cp docs/benchmarks.md "$doc"
trap 'cp "$doc" docs/benchmarks.md; rm -rf "$fake" "$doc"' EXIT

cat >"$fake/soffice" <<'EOF'
#!/bin/sh
# a stand-in for LibreOffice: `--convert-to pdf --outdir DIR FILE` writes
# $FAKE_SOFFICE_PDF as DIR/<FILE's name>.pdf, or nothing; always exits 0
[ "$1" = --version ] && { echo "stand-in soffice"; exit 0; }
out=. prev= last=
for a in "$@"; do [ "$prev" = --outdir ] && out=$a; prev=$a; last=$a; done
if [ -n "${FAKE_SOFFICE_PDF:-}" ]; then
  mkdir -p "$out" && name=$(basename "$last") && cp "$FAKE_SOFFICE_PDF" "$out/${name%.*}.pdf"
fi
exit 0
EOF
chmod +x "$fake/soffice"

run() { # case pdf-to-write
  echo "bench-pdf-check: $1"
  FAKE_SOFFICE_PDF=$2 PATH="$fake:$PATH" BENCH_SIZES=1000 BENCH_RUNS=1 BENCH_LIST=0 BENCH_APP=0 \
    scripts/bench.sh >"$fake/$1.log" 2>&1 || { tail -20 "$fake/$1.log"; echo "bench-pdf-check: the bench failed ($1)"; exit 1; }
  speedup=$(node -e 'console.log(JSON.stringify(require(process.argv[1]).figures.pdf_speedup.measured))' "$(pwd)/target/bench/results.json")
  row=$(grep '^| pdf_speedup' target/bench/table.md)
  echo "  results.json pdf_speedup.measured = $speedup"
  echo "  table: $row"
}
fail() { echo "bench-pdf-check: FAILED: $*"; exit 1; }

run silent ""
[ "$speedup" = null ] || fail "a soffice that wrote nothing gave pdf_speedup $speedup"
grep -q '| not measured |' <<<"$row" || fail "the table does not say not measured"

ours=target/bench/work/self-eval-1000.pdf
pdfseparate -f 1 -l 1 "$ours" "$fake/one-page.pdf"
run short "$fake/one-page.pdf"
[ "$speedup" = null ] || fail "a one-page PDF gave pdf_speedup $speedup"
grep -q '| not measured |' <<<"$row" || fail "the table does not say not measured"

cp "$ours" "$fake/complete.pdf"
run complete "$fake/complete.pdf"
[ "$speedup" != null ] || fail "a complete PDF was not measured"
grep -q '| not measured |' <<<"$row" && fail "the table says not measured for a complete PDF"
echo "bench-pdf-check: ok"
