#!/usr/bin/env bash
# Render the exported 附件3–6 workbooks to PNG, as a department would see them printed:
# the app writes the workbooks (scripts/site/render.py: save_annexes), LibreOffice (headless)
# turns them into PDF, pdftoppm into PNG.  Output: docs/images/annex3.png … annex6.png
# (first page of each) and the workbooks and PDFs in $OUT (default test-artifacts/annexes);
# the print formats (附件2, 7, 8, 目标责任书, 年度工作总结, 专题报告) of the demo's example
# documents likewise to docs/images/print-*.png, and the other official-format exports
# (升级率统计表, 年度工作总结附表) to docs/images/rates.png and summary-tables.png.
#
#   bash scripts/render_annexes.sh [SITE] [REPORTING_UNIT]
#
# Needs the demo site with sheets and examples: bench --site SITE sanfenlei-demo --sheets
set -euo pipefail
source "$(dirname "$0")/common.sh"
TARGET_SITE="${1:-$SITE}"
UNIT="${2:-}"
OUT="${OUT:-$REPO_DIR/test-artifacts/annexes}"
command -v soffice >/dev/null || { is_root && apt-get install -y -q --no-install-recommends libreoffice-calc-nogui >/dev/null; }
command -v soffice >/dev/null || die "LibreOffice (soffice) is needed: apt-get install libreoffice-calc-nogui"
command -v pdftoppm >/dev/null || die "pdftoppm is needed: apt-get install poppler-utils"
TMP="$(mktemp -d)"; chmod 777 "$TMP"
trap 'rm -rf "$TMP"' EXIT
KWARGS="{\"folder\": \"$TMP\"${UNIT:+, \"reporting_unit\": \"$UNIT\"}}"
in_site "$TARGET_SITE" render.save_annexes "$KWARGS" >/dev/null
in_site "$TARGET_SITE" render.save_prints "{\"folder\": \"$TMP\"}" >/dev/null
mkdir -p "$OUT" "$REPO_DIR/docs/images"
cp "$TMP"/print-*.pdf "$OUT/" 2>/dev/null || true
cp "$TMP"/*.xlsx "$OUT/"
soffice --headless -env:UserInstallation=file://$TMP/lo-profile --convert-to pdf --outdir "$OUT" "$OUT"/*.xlsx >/dev/null 2>&1
for stem in annex3 annex4 annex5 annex6 rates summary-tables; do
  [ -e "$OUT/$stem.pdf" ] || continue
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$OUT/$stem.pdf" "$REPO_DIR/docs/images/$stem"
  say "docs/images/$stem.png  ($(pdfinfo "$OUT/$stem.pdf" 2>/dev/null | awk '/^Pages/ {print $2}') page(s) in $OUT/$stem.pdf)"
done
for pdf in "$OUT"/print-*.pdf; do
  [ -e "$pdf" ] || continue
  stem="$(basename "$pdf" .pdf)"
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$pdf" "$REPO_DIR/docs/images/$stem"
  say "docs/images/$stem.png"
done
