// Bundles the CLI into dist/cli/bastion.mjs so `npx bastion` starts fast (no TypeScript at run time).
// Runs on `npm install` (prepare). Dependencies stay external: native addons load from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['electron/cli/main.ts'],
  outfile: 'dist/cli/bastion.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
console.log('bastion CLI built: dist/cli/bastion.mjs');
