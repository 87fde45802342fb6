import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import rendererConfig from './renderer/vite.config';

// electron-vite reads Electron's major version from node_modules/electron/package.json, which a plain `npm install`
// drops where Electron's download fails (it is optional): take the major from our package.json instead.
try {
  createRequire(import.meta.url).resolve('electron/package.json');
} catch {
  const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { optionalDependencies?: Record<string, string> };
  process.env.ELECTRON_MAJOR_VER ??= /\d+/.exec(pkg.optionalDependencies?.electron ?? '')?.[0] ?? '';
}

// `npm run build` / `npm start`: main (CJS, dependencies external so native addons load from node_modules),
// a sandboxed preload bundled into one CJS file with no dependencies, and the renderer (renderer/vite.config.ts).
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve('electron/main/index.ts'), 'llm-worker': resolve('electron/main/llm-worker.ts') },
        // .cjs: package.json says "type": "module", so Electron would load a CJS main.js as ESM and fail at start.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
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
  // The very config the e2e run builds and serves (strict-CSP-safe output), so the app ships what was tested.
  renderer: rendererConfig,
});
