#!/usr/bin/env bash
# One-step set-up for a fresh machine: npm packages (with the pinned Node.js), a browser for the
# PDFs when none is found, the PDF tools the tests use, then a build of the example plans.
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

echo "== building the example plans into dist/"
npx --no-install irplan build
