import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder holding Bastion's package.json, from source (vitest/tsx) or from the bundle in dist/cli. Shipped data
 * (knowledge articles, the 2FA domain list, the common-password list) is read relative to it.
 */
export function appRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'bastion') return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Bastion installation folder (package.json named "bastion").');
    dir = parent;
  }
}
