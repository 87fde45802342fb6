import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot, loadInstallKeys, openStore, type Store } from '../db';
import { searchKnowledge } from '../knowledge';
import { buildReport, importVault } from '../vault';
import { generateLargeVault, writeFixture } from '../vault/fixtures';
import { ask, type AskOptions } from './ask';
import { disposeRuntimes, getRuntime } from './runtime';

// Issue 17: a real vault overflowed the window (98 items needed 4,602 tokens; 10,000 items 137,844 for a 4,000
// window) and the question failed. With packing, a 10,000-item vault question on the tiny model answers, the prompt
// fits the window by the model's own count, and the facts shown are the engine's, whatever the model wrote.
const TINY = join(appRoot(), '.cache', 'models', 'tiny.gguf');
// The tiny model spells most words letter by letter (its system prompt alone is ~570 tokens): 2,048 leaves room to pack.
const WINDOW = 2048;
let dir: string;
let store: Store;

beforeAll(async () => {
  if (!existsSync(TINY)) execFileSync('bash', [join(appRoot(), 'scripts', 'make-tiny-model.sh')], { stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'bastion-large-ask-'));
  store = openStore({ dataDir: dir });
  const file = join(dir, 'large.json');
  await writeFixture('bitwarden-json', generateLargeVault(10_000, 17), file);
  await importVault(store, loadInstallKeys(dir), file, { format: 'bitwarden-json' });
});
afterAll(async () => {
  await disposeRuntimes();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

interface TraceLine {
  route: string;
  user: string;
  settings: { maxTokens: number };
  output: { promptTokens: number; generatedTokens: number };
}

describe('a 10,000-item vault with the tiny model', () => {
  const trace = () => join(dir, 'trace.jsonl');
  const opts: AskOptions = {
    model: TINY,
    deps: { loadModel: (p) => getRuntime(p, { threads: 1, contextSize: WINDOW }), searchKnowledge: (s, q, o) => searchKnowledge(s, q, { ...o, noEmbed: true }) },
  };

  // [question, whether most of the facts' items must be left out of the prompt]
  it.each([
    ['what should I fix first?', false],
    ['give me an overview of my vault', true],
    ['which of my passwords are weak?', true],
  ] as const)('"%s" answers within the window', async (q, huge) => {
    rmSync(trace(), { force: true });
    const r = await ask(store, q, { ...opts, tracePromptsFile: trace() });
    const report = buildReport(store);
    expect(report.counts.items).toBeGreaterThan(9_000);
    // The engine's facts are all there (the model only ever adds an intro): its score, or each finding's reason.
    expect(r.findings.length).toBeGreaterThan(0);
    if (q.includes('overview')) expect(r.answer).toContain(`${report.score}/100`);
    else for (const f of r.findings) expect(r.answer).toContain(f.reason);
    const lines = readFileSync(trace(), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TraceLine);
    expect(lines).toHaveLength(1);
    const call = lines[0]!;
    expect(call.route).toBe('intro');
    expect(call.output.promptTokens + call.settings.maxTokens).toBeLessThanOrEqual(WINDOW);
    // Counts and the riskiest items went in; the rest is one line.
    expect(call.user).toContain(r.findings[0]!.items[0]!.title);
    if (huge) {
      const left = /and ([\d,]+) more — see Vault health/.exec(call.user);
      expect(left).not.toBeNull();
      expect(Number(left![1]!.replace(/,/g, ''))).toBeGreaterThan(100);
    }
  });
});
