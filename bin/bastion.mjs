#!/usr/bin/env node
// Entry for `npx bastion`: runs the bundles `npm install` built (scripts/build-cli.mjs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundlesLoaded, loadBundle } from './load-bundle.mjs';

if (!['bastion.cjs', 'engine.cjs'].every((f) => existsSync(fileURLToPath(new URL(`../dist/cli/${f}`, import.meta.url))))) {
  process.stderr.write('bastion: the CLI is not built; run `npm run build:cli` in the Bastion folder.\n');
  process.exit(1);
}
if (process.env.BASTION_DEBUG) {
  process.on('exit', () => {
    const said = bundlesLoaded().map((b) => `${b.name} ${b.fromCache ? 'from its code cache' : 'compiled (no usable code cache: `npm run build:cli`)'}`);
    process.stderr.write(`bastion: ${said.join('; ')}\n`);
  });
}
await loadBundle('bastion.cjs').main(process.argv.slice(2));
