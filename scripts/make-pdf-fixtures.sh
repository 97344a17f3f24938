#!/bin/sh
# Prints the 绩效目标表 of fixtures/pdf/src/ with several PDF producers into
# fixtures/pdf/, the files src/import/tests.rs imports. CI does not run this:
# the PDFs are committed. Needs LibreOffice, Chromium and Ghostscript (and the
# fonts the sources name: fonts-noto-cjk, fonts-wqy-microhei):
#   apt-get install libreoffice-writer-nogui chromium ghostscript fonts-noto-cjk fonts-wqy-microhei
# Producers and the font kinds they write (see `pdffonts`):
#   LibreOffice Writer (HTML opened in Writer, exported as PDF): Noto CJK as Type 1, WenQuanYi as TrueType, each with ToUnicode
#   Chromium (print to PDF): WenQuanYi as CID TrueType, fallback glyphs as Type 3
#   Ghostscript pdfwrite (what a virtual PDF printer does) over LibreOffice's: Type 1C, custom encoding
# Our own Typst forms (CID Type 0C) are made by the tests themselves (src/import/testpdf.rs).
set -eu
cd "$(dirname "$0")/../fixtures/pdf"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for src in src/*.html; do
  name=$(basename "$src" .html)
  # the school table is also printed without its 权重 column (class="w")
  variants="$name"
  cp "$src" "$tmp/$name.html"
  if grep -q 'class="w"' "$src"; then
    sed '/class="w"/d' "$src" > "$tmp/$name-no-weight.html"
    variants="$variants $name-no-weight"
  fi
  # a table without rules (cells placed by position only), printed by Chromium
  sed 's/border="1"/border="0"/; s/border: 1px solid #000;/border: none;/' "$src" > "$tmp/$name-borderless.html"
  for v in $variants; do
    soffice --headless --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export --outdir "$tmp/lo" "$tmp/$v.html" >/dev/null
    cp "$tmp/lo/$v.pdf" "$v.libreoffice.pdf"
    # Chromium with a TrueType font: its OpenType/CFF faces come out as large Type 3 fonts
    sed 's/font-family: "[^"]*"/font-family: "WenQuanYi Micro Hei"/' "$tmp/$v.html" > "$tmp/$v.chromium.html"
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
      --print-to-pdf="$v.chromium.pdf" "file://$tmp/$v.chromium.html" 2>/dev/null
    gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -sOutputFile="$v.ghostscript.pdf" "$v.libreoffice.pdf"
  done
  sed 's/font-family: "[^"]*"/font-family: "WenQuanYi Micro Hei"/' "$tmp/$name-borderless.html" > "$tmp/$name-borderless.chromium.html"
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$name-borderless.chromium.pdf" "file://$tmp/$name-borderless.chromium.html" 2>/dev/null
done
for f in *.pdf; do
  printf '%s: ' "$f"
  pdffonts "$f" | tail -n +3 | cut -c38-72 | sed 's/  */ /g' | sort -u | tr '\n' ';'
  echo
done
