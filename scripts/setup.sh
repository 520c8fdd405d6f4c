#!/usr/bin/env bash
# One-step set-up for a fresh machine: npm packages (with the pinned Node.js), a browser for the
# PDFs when none is found, the PDF tools the tests use, LibreOffice for the Word binder's tests, then
# a build of the example plans.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== npm packages (Node.js comes pinned as a devDependency)"
npm ci --no-audit --no-fund --loglevel=error

need_apt=()
if ! npx --no-install irplan doctor >/dev/null 2>&1; then need_apt+=(chromium); fi
for tool in pdfinfo:poppler-utils qpdf:qpdf mutool:mupdf-tools pdffonts:poppler-utils; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || need_apt+=("${tool##*:}")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== apt-get install ${need_apt[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${need_apt[@]}" | sort -u) >/dev/null
  else
    echo "Missing: ${need_apt[*]}. Install them with your package manager (Debian/Ubuntu: sudo apt-get install ${need_apt[*]})," >&2
    echo "or point PUPPETEER_EXECUTABLE_PATH at Chrome. Then run this again." >&2
    exit 1
  fi
fi
npx --no-install irplan doctor

# LibreOffice: the tests open each Word binder with it (soffice --headless --convert-to pdf).
if ! command -v soffice >/dev/null 2>&1 && ! command -v libreoffice >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== apt-get install libreoffice-writer-nogui (for the Word binder's tests)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null
  else
    echo "LibreOffice is missing: the Word binder's tests need soffice. Install it with your package manager" >&2
    echo "(Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui; macOS: brew install --cask libreoffice)" >&2
    echo "or from https://www.libreoffice.org/download/, then run this again." >&2
    exit 1
  fi
fi

echo "== building the example plans into dist/"
npx --no-install irplan build
