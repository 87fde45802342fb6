// Packaging (electron-builder): `bash scripts/package.sh [linux|win|mac]` — see docs/enterprise.md.
// Installers cannot be built on the development machines (no Electron binary, no network); this file is checked by
// electron/managed/packaging.test.ts.
'use strict';

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'app.bastion.desktop',
  productName: 'Bastion',
  copyright: 'Copyright © Bastion contributors',
  directories: { output: 'release', buildResources: 'build' },
  // What the app needs at run time: the electron-vite output, shipped data read relative to package.json
  // (knowledge articles, vault data lists), and production dependencies (added by electron-builder itself).
  files: [
    'package.json',
    'out/**/*',
    'electron/knowledge/articles/**/*',
    'electron/vault/data/**/*',
    '!**/*.{ts,tsx,map}',
    '!**/*.test.*',
    '!.cache/**',
    '!**/*.gguf',
    '!{e2e,bench,docs,renderer,scripts,models,native,release,dist}/**',
  ],
  extraResources: [{ from: 'docs/policy.schema.json', to: 'policy.schema.json' }, { from: 'build/policy.default.json', to: 'policy.example.json' }],
  asar: true,
  // Native code cannot load from inside an asar archive: better-sqlite3, the sqlite-vec extension and
  // node-llama-cpp's prebuilt binaries (with their shared libraries) are unpacked next to it.
  asarUnpack: [
    '**/*.node',
    'node_modules/better-sqlite3/**/*',
    'node_modules/sqlite-vec/**/*',
    'node_modules/sqlite-vec-*/**/*',
    'node_modules/node-llama-cpp/**/*',
    'node_modules/@node-llama-cpp/**/*',
  ],
  // Rebuild native modules for Electron's ABI here, in the packaging path only (@electron/rebuild under the hood);
  // `npm install` and `npm test` keep the Node 20 builds. node-llama-cpp ships N-API prebuilds and needs no rebuild.
  npmRebuild: true,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  // Electron fuses (RunAsNode off, NODE_OPTIONS off, inspect off, OnlyLoadAppFromAsar, asar integrity): the desktop
  // capability's script, applied to the packed app before it is signed and wrapped in an installer.
  afterPack: './scripts/fuses.cjs',
  electronLanguages: ['en-US'],
  // No auto-update feed: Bastion makes no update check unless a managed policy turns updates on.
  publish: null,
  linux: {
    target: ['deb', 'AppImage'],
    category: 'Utility',
    synopsis: 'Local-first password-vault hygiene and security assistant',
    maintainer: 'Bastion contributors',
  },
  deb: {
    // Admins deploy /etc/bastion/policy.json with their configuration management; the package ships an example.
    priority: 'optional',
  },
  win: { target: ['msi', 'nsis'] },
  msi: {
    perMachine: true,
    oneClick: false,
    runAfterFinish: false,
    createDesktopShortcut: false,
    // A fixed upgrade code keeps upgrades in place (same product family across versions).
    upgradeCode: 'C3B1B6E0-4F2A-4A8E-9F0D-6B7A2E1C5D34',
  },
  msiProjectCreated: './build/msi-policy.cjs',
  nsis: { perMachine: true, oneClick: false, allowElevation: true, include: 'build/installer.nsh' },
  mac: { target: ['dmg'], category: 'public.app-category.utilities', hardenedRuntime: true },
  dmg: { writeUpdateInfo: false },
};
