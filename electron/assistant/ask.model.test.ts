import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../../native';
import { appRoot, loadInstallKeys, openStore, type Store } from '../db';
import { searchKnowledge } from '../knowledge';
import { buildReport, importVault } from '../vault';
import { CANARIES, SEEDED_VAULT, writeFixture } from '../vault/fixtures';
import { ask, type AskOptions } from './ask';
import { disposeRuntimes, getRuntime } from './runtime';

// The whole ask path on the generated tiny model (its words are noise; the facts and structure must hold anyway).
const TINY = join(appRoot(), '.cache', 'models', 'tiny.gguf');
let dir: string;
let store: Store;
const opts = (extra: AskOptions = {}): AskOptions => ({
  model: TINY,
  maxTokens: 24,
  deps: { loadModel: (p) => getRuntime(p, { threads: 1, contextSize: 2048 }), searchKnowledge: (s, q, o) => searchKnowledge(s, q, { ...o, noEmbed: true }) },
  ...extra,
});

beforeAll(async () => {
  if (!existsSync(TINY)) execFileSync('bash', [join(appRoot(), 'scripts', 'make-tiny-model.sh')], { stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'bastion-ask-model-'));
  store = openStore({ dataDir: dir });
  const file = join(dir, 'seed.json');
  await writeFixture('bitwarden-json', SEEDED_VAULT, file);
  await importVault(store, loadInstallKeys(dir), file, { format: 'bitwarden-json' });
});
afterAll(async () => {
  await disposeRuntimes();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ask with a real (tiny) model', () => {
  it('vault answers carry the engine facts verbatim whatever the model says', async () => {
    const r = await ask(store, 'which of my passwords are reused?', opts());
    const engine = buildReport(store).findings.filter((f) => f.kind === 'reused');
    expect(r.route).toBe('vault');
    expect(r.findings).toEqual(engine);
    for (const f of engine) expect(r.answer).toContain(f.reason);
  });

  it('knowledge answers stream and cite retrieved chunks', async () => {
    const chunks: string[] = [];
    const r = await ask(store, 'is SMS 2FA safe?', opts({ onToken: (d) => chunks.push(d) }));
    expect(r.route).toBe('knowledge');
    expect(chunks.length).toBeGreaterThan(0);
    const found = (await searchKnowledge(store, 'is SMS 2FA safe?', { k: 4, noEmbed: true })).results;
    expect(r.citations.length).toBeGreaterThan(0);
    for (const c of r.citations) expect(found.some((f) => f.doc === c.doc)).toBe(true);
  });

  it('a fully specified request is mapped by code (untainted), whatever the model is', async () => {
    const r = await ask(store, 'snooze my weak password findings for a week', opts());
    expect(r.route).toBe('vault');
    expect(r.proposals).toEqual([expect.objectContaining({ action: 'snooze_finding', tainted: false, args: expect.objectContaining({ kind: 'weak', days: 7 }) })]);
  });

  it('a grammar-constrained proposal for an under-specified request is either valid, tainted and of the same action, or not made at all', async () => {
    const r = await ask(store, 'rotate the password I use for pictures', opts());
    expect(r.route).toBe('vault');
    for (const p of r.proposals) expect(p).toMatchObject({ action: 'rotate_password', tainted: true, requiresConfirmation: true });
    if (r.proposals.length === 0) expect(r.answer).toMatch(/not valid|not what you asked|refused/);
  });

  it('--trace-prompts records every prompt and none holds a secret', async () => {
    const trace = join(dir, 'trace.jsonl');
    await ask(store, 'what should I fix first?', opts({ tracePromptsFile: trace }));
    await ask(store, 'hello', opts({ tracePromptsFile: trace }));
    const text = readFileSync(trace, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
    for (const c of CANARIES) expect(text).not.toContain(c);
  });

  it('cancels a chat answer mid-stream', async () => {
    // Model text is checked before it is shown, so the stop is pressed while the model streams to Bastion.
    const controller = new AbortController();
    let n = 0;
    const loadModel = async (p: string) => {
      const rt = await getRuntime(p, { threads: 1, contextSize: 2048 });
      return { kind: rt.kind, contextSize: rt.contextSize, countTokens: rt.countTokens, generate: (req: GenerateRequest) => rt.generate({ ...req, onTextChunk: (d) => (req.onTextChunk?.(d), ++n === 2 && controller.abort()) }) };
    };
    const r = await ask(store, 'hello', opts({ maxTokens: 300, signal: controller.signal, deps: { ...opts().deps, loadModel } }));
    expect(n).toBe(2);
    expect(r.drafts).toEqual([expect.objectContaining({ route: 'chat', status: 'stopped' })]);
  });

  it("the tiny model's noise never reaches an answer: every draft is either checked text or the engine's answer", async () => {
    for (const q of ['is SMS 2FA safe?', 'which of my passwords are weak?', 'hello', 'what should I fix first?']) {
      const r = await ask(store, q, opts({ maxTokens: undefined }));
      for (const d of r.drafts ?? []) {
        if (d.status === 'used') expect(r.answer).toContain(d.text);
        else expect(d.reasons.length).toBeGreaterThan(0);
      }
      if ((r.drafts ?? []).some((d) => d.status === 'rejected')) expect(r.fallback).toBe('quality');
    }
  });
});
