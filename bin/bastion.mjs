#!/usr/bin/env node
// Entry for `npx bastion`: runs the bundle `npm install` built (scripts/build-cli.mjs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/bastion.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('bastion: the CLI is not built; run `npm run build:cli` in the Bastion folder.\n');
  process.exit(1);
}
await import(bundle);
