import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../core';
import { appendExchange, listConversations } from '../../assistant';
import { loadInstallKeys, openStore } from '../../db';
import { buildCliBundle, runCli, type CliBundle } from '../../managed/testing/cli';

let bundle: CliBundle;
let dir: string;
beforeAll(async () => {
  bundle = await buildCliBundle();
}, 120_000);
afterAll(() => bundle?.cleanup());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-cli-managed-'));
  return () => rmSync(dir, { recursive: true, force: true });
});

function policyFile(content: unknown): string {
  const path = join(dir, `policy-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
const bastion = (args: string[], opts: { policy?: string; input?: string } = {}) =>
  runCli(bundle, ['--data-dir', join(dir, 'data'), ...args], { env: { BASTION_POLICY: opts.policy ?? join(dir, 'no-policy-here.json') }, input: opts.input });
const NONE = () => policyFile({});

describe('bastion policy check', () => {
  it('exits 0 for a valid policy', async () => {
    const r = await bastion(['policy', 'check', policyFile({ models: { allowDownloads: false }, history: { retentionDays: 30 } })], { policy: NONE() });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
  it.each([
    ['an unknown key', { modles: {} }, /unknown key "modles"/],
    ['a wrong type', { actions: { maxBatch: 'ten' } }, /actions\.maxBatch/],
    ['bad JSON', '{"models": ', /not valid JSON/],
  ])('exits %s with BAD_FILE and names the problem', async (_what, content, message) => {
    const file = policyFile(content);
    const r = await bastion(['policy', 'check', file], { policy: NONE() });
    expect(r.status).toBe(exitCodeFor('BAD_FILE'));
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(file);
  });
  it('exits BAD_FILE for an unreadable path', async () => {
    mkdirSync(join(dir, 'a-folder'));
    expect((await bastion(['policy', 'check', join(dir, 'a-folder')], { policy: NONE() })).status).toBe(exitCodeFor('BAD_FILE'));
    expect((await bastion(['policy', 'check', join(dir, 'missing.json')], { policy: NONE() })).status).toBe(exitCodeFor('BAD_FILE'));
  });
});

describe('bastion policy pack', () => {
  it('writes a pre-indexed knowledge pack from a folder', async () => {
    const docs = join(dir, 'docs');
    mkdirSync(docs);
    writeFileSync(join(docs, 'vpn.md'), '# VPN policy\n\nAlways use the corporate VPN on public networks.\n');
    const r = await bastion(['--json', 'policy', 'pack', docs, '--out', join(dir, 'kb.pack'), '--no-embed'], { policy: NONE() });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).documents.added).toHaveLength(1);
    expect(existsSync(join(dir, 'kb.pack'))).toBe(true);
    expect((await bastion(['policy', 'pack', join(dir, 'nothing'), '--out', join(dir, 'x.pack')], { policy: NONE() })).status).toBe(exitCodeFor('NOT_FOUND'));
  });
});

describe('an invalid managed policy', () => {
  it('is announced on stderr for every command, and Bastion runs locked down', async () => {
    const bad = policyFile({ models: { allowDownloads: 'sometimes' } });
    for (const args of [['egress'], ['settings', 'get'], ['policy', 'show', '--json']]) {
      const r = await bastion(args, { policy: bad });
      expect(r.stderr, args.join(' ')).toMatch(/Managed policy .* is invalid at models\.allowDownloads.*locked down/);
    }
    const show = JSON.parse((await bastion(['policy', 'show', '--json'], { policy: bad })).stdout);
    expect(show).toMatchObject({ status: 'invalid', locked: true });
    expect(show.effective.models.allowDownloads).toBe(false);
    expect(show.effective.history.enabled).toBe(false);
  });
  it('says nothing when the policy is valid', async () => {
    expect((await bastion(['egress'], { policy: NONE() })).stderr).toBe('');
  });
});

describe('bastion settings', () => {
  it('stores user settings and shows the policy bounding them', async () => {
    const policy = policyFile({ history: { retentionDays: 30 }, models: { allowDownloads: false } });
    expect((await bastion(['settings', 'set', 'history.retentionDays', '90'], { policy })).status).toBe(0);
    expect((await bastion(['settings', 'set', 'models.allowDownloads', 'true'], { policy })).status).toBe(0);
    const got = JSON.parse((await bastion(['--json', 'settings', 'get'], { policy })).stdout);
    expect(got.settings).toEqual({ 'history.retentionDays': 90, 'models.allowDownloads': true });
    expect(got.effective.history.retentionDays).toBe(30);
    expect(got.effective.models.allowDownloads).toBe(false);
    const bad = await bastion(['settings', 'set', 'telemetry', 'true'], { policy });
    expect(bad.status).toBe(exitCodeFor('BAD_INPUT'));
    expect(bad.stderr).toMatch(/Unknown setting "telemetry"/);
  });
});

describe('history retention at start', () => {
  it('deletes chat history older than the policy allows before any command runs', async () => {
    const store = openStore({ dataDir: join(dir, 'data') });
    const day = 24 * 3600 * 1000;
    appendExchange(store, 'cv_old_one', 'old question', 'old answer', 'chat', Date.now() - 40 * day);
    appendExchange(store, 'cv_new_one', 'new question', 'new answer', 'chat', Date.now() - 1 * day);
    store.close();
    const conversations = () => {
      const s = openStore({ dataDir: join(dir, 'data') });
      try {
        return listConversations(s).map((c) => c.id).sort();
      } finally {
        s.close();
      }
    };
    expect(conversations()).toEqual(['cv_new_one', 'cv_old_one']);
    expect((await bastion(['egress'], { policy: policyFile({ history: { retentionDays: 30 } }) })).status).toBe(0);
    expect(conversations()).toEqual(['cv_new_one']);
    expect((await bastion(['egress'], { policy: policyFile({ history: 'off' }) })).status).toBe(0);
    expect(conversations()).toEqual([]);
  });
});

describe('bastion egress', () => {
  it('lists nothing on a fresh install', async () => {
    await bastion(['settings', 'set', 'hotkey.enabled', 'false']);
    expect(JSON.parse((await bastion(['--json', 'egress'])).stdout)).toEqual({ entries: [] });
  });
});

describe('bastion wipe', () => {
  const data = () => join(dir, 'data');
  beforeEach(async () => {
    expect((await bastion(['settings', 'set', 'hotkey.enabled', 'false'])).status).toBe(0);
    loadInstallKeys(data()); // the audit chain's key, as any command that audits creates it
    mkdirSync(join(data(), 'models'));
    writeFileSync(join(data(), 'models', 'm.gguf'), 'GGUF');
  });
  const userSettings = async () => JSON.parse((await bastion(['--json', 'settings', 'get'])).stdout).settings;

  it('asks first and does nothing unless the answer is "wipe"', async () => {
    const r = await bastion(['wipe'], { input: 'no\n' });
    expect(r.status).toBe(exitCodeFor('CANCELLED'));
    expect(r.stderr).toMatch(/Type "wipe"/);
    expect(existsSync(join(data(), 'models', 'm.gguf'))).toBe(true);
    expect(await userSettings()).toEqual({ 'hotkey.enabled': false });
    expect((await bastion(['wipe'])).status).toBe(exitCodeFor('CANCELLED')); // end of input is not a yes
  });

  it('wipes after the typed confirmation or with --yes, keeping the audit log and key', async () => {
    const r = await bastion(['--json', 'wipe'], { input: 'wipe\n' });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.kept).toContain('audit_log');
    expect(out.files).toEqual(['models']);
    expect(readdirSync(data()).filter((f) => !/-(wal|shm)$/.test(f)).sort()).toEqual(['audit.anchor', 'bastion.db', 'install.key']);
    expect(await userSettings()).toEqual({});
    expect((await bastion(['wipe', '--yes'])).status).toBe(0);
  });

  it('refuses --include-audit unless the policy allows wiping the audit log', async () => {
    const r = await bastion(['wipe', '--yes', '--include-audit'], { policy: NONE() });
    expect(r.status).toBe(exitCodeFor('POLICY_DENIED'));
    expect(existsSync(join(data(), 'install.key'))).toBe(true);
    const allowed = await bastion(['wipe', '--yes', '--include-audit'], { policy: policyFile({ audit: { allowWipe: true } }) });
    expect(allowed.status).toBe(0);
    expect(readdirSync(data())).toEqual([]);
  });
});

describe('the policy reaches every command', () => {
  it('kb add and kb folders add are refused when users may not add documents; kb sync indexes the managed folders and packs', async () => {
    const corp = join(dir, 'corp');
    mkdirSync(corp);
    writeFileSync(join(corp, 'vpn.md'), '# VPN policy\n\nAlways connect through the platypusnet gateway.\n');
    const packDocs = join(dir, 'packdocs');
    mkdirSync(packDocs);
    writeFileSync(join(packDocs, 'travel.md'), '# Travel policy\n\nBorrow a loaner laptop named axolotl before trips.\n');
    const pack = join(dir, 'corp-pack.db');
    expect((await bastion(['policy', 'pack', packDocs, '--out', pack, '--no-embed'], { policy: NONE() })).status).toBe(0);

    const policy = policyFile({ knowledge: { folders: [corp], packs: [pack], allowUserDocuments: false } });
    const add = await bastion(['kb', 'add', corp], { policy });
    expect(add.status).toBe(exitCodeFor('POLICY_DENIED'));
    expect(add.stderr).toMatch(/turned off by your organisation's policy/);
    expect((await bastion(['kb', 'folders', 'add', corp], { policy })).status).toBe(exitCodeFor('POLICY_DENIED'));

    const sync = await bastion(['--json', 'kb', 'sync', '--keyword-only'], { policy });
    expect(sync.status).toBe(0);
    const out = JSON.parse(sync.stdout) as { added: { title: string }[]; packs: { status: string; documents: number }[] };
    expect(out.added.map((d) => d.title)).toEqual(['VPN policy']);
    expect(out.packs).toMatchObject([{ status: 'loaded', documents: 1 }]);
    const search = JSON.parse((await bastion(['--json', 'kb', 'search', 'axolotl loaner laptop', '--keyword-only'], { policy })).stdout) as { results: { title: string }[] };
    expect(search.results[0]?.title).toBe('Travel policy');
    const list = JSON.parse((await bastion(['--json', 'kb', 'list'], { policy })).stdout) as { documents: { id: string; folder: string }[] };
    const managedDoc = list.documents.find((d) => d.folder === corp);
    const rm = await bastion(['kb', 'remove', managedDoc!.id], { policy });
    expect(rm.status).toBe(exitCodeFor('POLICY_DENIED'));
  });

  it('audit export writes to the policy\'s export path by default, and wipe is recorded in the audit log', async () => {
    const out = join(dir, 'siem', 'bastion-audit.jsonl');
    mkdirSync(join(dir, 'siem'));
    const policy = policyFile({ audit: { exportPath: out } });
    expect((await bastion(['generate'], { policy })).status).toBe(0);
    const exp = await bastion(['--json', 'audit', 'export'], { policy });
    expect(exp.status).toBe(0);
    expect(JSON.parse(exp.stdout)).toMatchObject({ path: out });
    expect(existsSync(out)).toBe(true);
    const noDefault = await bastion(['audit', 'export'], { policy: NONE() });
    expect(noDefault.status).toBe(exitCodeFor('BAD_INPUT'));

    expect((await bastion(['wipe', '--yes'], { policy })).status).toBe(0);
    const audit = JSON.parse((await bastion(['--json', 'audit'], { policy })).stdout) as { event: string }[] | { records: { event: string }[] };
    const events = (Array.isArray(audit) ? audit : audit.records).map((r) => r.event);
    expect(events).toContain('data_wiped');
    expect((await bastion(['audit', 'verify'], { policy })).status).toBe(0);
  });

  it('models pull refused by policy is written to the egress log', async () => {
    const policy = policyFile({ models: { allowDownloads: false } });
    const r = await bastion(['models', 'pull', 'gemma3-270m', '--url', 'http://127.0.0.1:9/never.gguf'], { policy });
    expect(r.status).toBe(exitCodeFor('POLICY_DENIED'));
    const log = JSON.parse((await bastion(['--json', 'egress'], { policy })).stdout) as { entries: { purpose: string; allowed: boolean; url: string }[] };
    expect(log.entries).toMatchObject([{ purpose: 'model-download', allowed: false, url: 'http://127.0.0.1:9/never.gguf' }]);
  });
});
