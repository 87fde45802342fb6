import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BastionError } from '../core';
import { loadInstallKeys, openStore, type Store } from '../db';
import { syncFolders } from '../knowledge';
import { createContext } from '../usecases';
import { createHandlers } from './handlers';

// The app's handlers apply the same managed policy as the CLI (they read the policy file on every request).

let dir: string;
let store: Store;
let policyFile: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-handlers-policy-'));
  store = openStore({ dataDir: join(dir, 'data') });
  policyFile = join(dir, 'policy.json');
  writeFileSync(policyFile, '{}');
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function handlers() {
  const ctx = createContext({ dataDir: join(dir, 'data'), store, keys: loadInstallKeys(join(dir, 'data')), env: { ...process.env, BASTION_POLICY: policyFile } });
  return createHandlers({ ctx, emit: () => {} });
}

async function code(fn: () => unknown): Promise<string> {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    return e instanceof BastionError ? e.code : String(e);
  }
}

describe('knowledge rules in the app', () => {
  it('refuses user documents and folders when the policy turns them off, and managed documents cannot be removed', async () => {
    const corp = join(dir, 'corp');
    mkdirSync(corp);
    writeFileSync(join(corp, 'vpn.md'), '# VPN policy\n\nAlways use the platypusnet gateway.\n');
    const h = await handlers();
    writeFileSync(policyFile, JSON.stringify({ knowledge: { folders: [corp], allowUserDocuments: false } }));
    expect(await code(() => h['kb:add']({ paths: [corp] }))).toBe('POLICY_DENIED');
    expect(await code(() => h['settings:set']({ knowledgeFolders: [join(dir, 'mine')] }))).toBe('POLICY_DENIED');
    expect(await code(() => h['settings:set']({ knowledgeFolders: [corp] }))).toBe('ok');

    writeFileSync(policyFile, JSON.stringify({ knowledge: { folders: [corp] } }));
    await syncFolders(store, [corp]);
    const doc = (await h['kb:list']({}))[0]!;
    expect(doc.folder).toBe(corp);
    const byHand = join(corp, 'byhand.md');
    writeFileSync(byHand, '# Added by hand\n\nFrom inside the managed folder.\n');
    await h['kb:add']({ paths: [byHand] });
    const handDoc = (await h['kb:list']({})).find((d) => d.path === byHand)!;
    expect(await code(() => h['kb:remove']({ id: handDoc.id }))).toBe('POLICY_DENIED');
    expect(await code(() => h['kb:remove']({ id: doc.id }))).toBe('POLICY_DENIED');
    writeFileSync(policyFile, '{}');
    expect(await code(() => h['kb:remove']({ id: doc.id }))).toBe('ok');
  });
});

describe('wipe from the app', () => {
  it('is recorded in the audit log it keeps', async () => {
    const h = await handlers();
    await h['proposals:create']({ request: { action: 'generate_password', args: {} } });
    await h['settings:wipe']({ confirm: 'WIPE' });
    const events = (await h['audit:list']({})).map((r) => r.event);
    expect(events).toContain('data_wiped');
    expect((await h['audit:verify']({})).ok).toBe(true);
  });
});
