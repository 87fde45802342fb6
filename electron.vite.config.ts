import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

// `npm run build` / `npm start`: main (CJS, dependencies external so native addons load from node_modules),
// a sandboxed preload bundled into one CJS file with no dependencies, and the renderer (same config as
// renderer/vite.config.ts, which the e2e run uses on its own).
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve('electron/main/index.ts'), 'llm-worker': resolve('electron/main/llm-worker.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    base: './',
    plugins: [react()],
    build: { outDir: resolve('out/renderer'), emptyOutDir: true, rollupOptions: { input: resolve('renderer/index.html') } },
  },
});
