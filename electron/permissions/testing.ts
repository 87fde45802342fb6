import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInstallKeys, openStore, type InstallKeys, type Store } from '../db';
import { buildReport, getItemRef, importVault } from '../vault';
import { writeFixture, type FixtureItem } from '../vault/fixtures';
import type { Clipboard, ItemRef, VaultAccess } from './ports';
import { vaultAccess } from './vault-access';

// Shared by this capability's tests (and the injection eval): scratch stores, fixture vaults, fake ports.

export interface Scratch {
  dir: string;
  store: Store;
  keys: InstallKeys;
  cleanup(): void;
}

export function scratchStore(): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'bastion-perm-'));
  const store = openStore({ dataDir: join(dir, 'data') });
  const keys = loadInstallKeys(join(dir, 'data'));
  return { dir, store, keys, cleanup: () => (store.close(), rmSync(dir, { recursive: true, force: true })) };
}

export const KDBX_PASSWORD = 'correct horse battery staple';

export const FIXTURE_ITEMS: FixtureItem[] = [
  { id: 'a1', kind: 'login', title: 'Mail', username: 'me@example.org', password: 'password1', urls: ['https://mail.example.org/login'], group: 'Personal' },
  { id: 'a2', kind: 'login', title: 'Bank', username: 'me', password: 'password1', urls: ['https://bank.example.com/'], group: 'Finance' },
  { id: 'a3', kind: 'login', title: 'Forum', username: 'me', password: 'Tr0ub4dor&3-long-enough', urls: ['http://forum.example.net/'], group: 'Personal' },
  { id: 'a4', kind: 'login', title: 'Shop', username: 'me', password: 'hunter2', urls: ['https://xn--pypal-4ve.com/'], group: 'Personal' },
];

/** Imports FIXTURE_ITEMS (or `items`) as a KDBX 4 file (fast Argon2) and returns the item refs by title. */
export async function importKdbx(s: Scratch, items: FixtureItem[] = FIXTURE_ITEMS, name = 'vault.kdbx'): Promise<{ path: string; refs: Map<string, ItemRef> }> {
  const path = join(s.dir, name);
  await writeFixture('kdbx', items, path, { password: KDBX_PASSWORD });
  await importVault(s.store, s.keys, path, { password: KDBX_PASSWORD, workers: 0 });
  return { path, refs: refsByTitle(s.store) };
}

export async function importBitwarden(s: Scratch, items: FixtureItem[] = FIXTURE_ITEMS): Promise<{ path: string; refs: Map<string, ItemRef> }> {
  const path = join(s.dir, 'bitwarden.json');
  await writeFixture('bitwarden-json', items, path);
  await importVault(s.store, s.keys, path, { workers: 0 });
  return { path, refs: refsByTitle(s.store) };
}

export function refsByTitle(store: Store): Map<string, ItemRef> {
  const out = new Map<string, ItemRef>();
  // Every fixture item carries at least one finding, so the report names them all (no reaching into vault tables).
  const ids = new Set(findingIds(store));
  for (const id of ids) {
    const ref = getItemRef(store, id);
    if (ref) out.set(`${ref.format}:${ref.title}`, ref);
  }
  return out;
}

export function findingIds(store: Store): string[] {
  return buildReport(store).findings.flatMap((f) => f.items.map((i) => i.id));
}

/** A clipboard in memory, with a log of writes. */
export function memoryClipboard(): Clipboard & { value: string; writes: string[] } {
  const c = {
    value: '',
    writes: [] as string[],
    async read() {
      return c.value;
    },
    async write(text: string) {
      c.value = text;
      c.writes.push(text);
    },
  };
  return c;
}

export { vaultAccess };
export type { VaultAccess };
