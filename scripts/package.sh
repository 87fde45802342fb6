#!/usr/bin/env bash
# Build installers: bash scripts/package.sh [linux|win|mac]   (default: the current OS)
# Needs a machine with the Electron binary (a normal `npm install` without ELECTRON_SKIP_BINARY_DOWNLOAD) and, for
# each target, its toolchain (Windows: WiX for MSI; macOS: Xcode tools for dmg). Not possible on the Bastion dev
# machines (no Electron binary, no network). Native modules are rebuilt for Electron's ABI by electron-builder
# (npmRebuild → @electron/rebuild) here only; `npm install` and `npm test` keep the Node builds.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  linux) target=--linux ;;
  win) target=--win ;;
  mac) target=--mac ;;
  "") target= ;;
  *) echo "usage: $0 [linux|win|mac]" >&2; exit 2 ;;
esac

if ! node -e "require('electron')" >/dev/null 2>&1 || [ -n "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" ]; then
  echo "package.sh: no Electron binary here (optional dependency 'electron' not installed); installers cannot be built on this machine." >&2
  exit 1
fi

npx tsx scripts/gen-policy-schema.ts   # the schema shipped in resources/ is the current one
npm run build                           # electron-vite: out/main, out/preload, out/renderer
npx electron-builder --config electron-builder.config.cjs $target --publish never
