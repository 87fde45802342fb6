import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer on its own (`npm run build:renderer`): what the e2e run serves to Debian Chromium.
const root = fileURLToPath(new URL('.', import.meta.url));
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or eval: the strict CSP (script-src 'self') must hold in the built files.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'chrome120',
    // Named explicitly: electron-vite (which reuses this config for `npm run build`) requires the input.
    rollupOptions: { input: fileURLToPath(new URL('index.html', import.meta.url)) },
  },
});
