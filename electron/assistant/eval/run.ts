// `npm run eval:assistant [-- --no-llm] [-- --model PATH] [-- --quick] [-- --json]`
// Labelled questions over generated vaults → route accuracy, fact accuracy (every number and item name in a vault
// answer matches the engine's report), citation correctness and refusal of out-of-scope requests. Runs without a
// model always, and with the real model when one is cached (scripts/fetch-chat-model.sh) unless --no-llm.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInstallKeys, openStore, type Store } from '../../db';
import { searchKnowledge } from '../../knowledge';
import { DEV_CHAT_MODEL } from '../../../models';
import { buildReport, importVault } from '../../vault';
import { generateLargeVault, SEEDED_VAULT, writeFixture, type FixtureItem } from '../../vault/fixtures';
import { ask, type AskOptions, type AskResult } from '../ask';
import { vaultFacts } from '../facts';
import { disposeRuntimes, getRuntime } from '../runtime';
import { QUESTIONS, type Label } from './questions';

const args = process.argv.slice(2);
const noLlm = args.includes('--no-llm');
const quick = args.includes('--quick');
const asJson = args.includes('--json');
const modelFlag = args.includes('--model') ? args[args.indexOf('--model') + 1] : undefined;
const modelPath = noLlm ? null : (modelFlag ?? process.env.BASTION_MODEL ?? (existsSync(DEV_CHAT_MODEL()) ? DEV_CHAT_MODEL() : null));

interface Score {
  n: number;
  ok: number;
}
interface PassResult {
  mode: string;
  vault: string;
  route: Score;
  fact: Score;
  citation: Score;
  refusal: Score;
  falseRefusal: Score;
  failures: string[];
}

const REFUSED = /only help with password|can't help with getting into/;

async function makeVault(name: string, items: FixtureItem[]): Promise<{ store: Store; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), `bastion-eval-${name}-`));
  const store = openStore({ dataDir: dir });
  const file = join(dir, 'vault.json');
  await writeFixture('bitwarden-json', items, file);
  await importVault(store, loadInstallKeys(dir), file, { format: 'bitwarden-json' });
  return { store, dir };
}

function factOk(store: Store, label: Extract<Label, { route: 'vault' }>, r: AskResult): string | null {
  const facts = vaultFacts(buildReport(store), label.topic);
  if (JSON.stringify(r.findings) !== JSON.stringify(facts.findings)) return 'findings differ from the engine';
  for (const n of facts.numbers) if (!new RegExp(`(^|\\D)${n}(\\D|$)`).test(r.answer)) return `number ${n} missing`;
  for (const name of facts.names) if (!r.answer.includes(name)) return `item "${name}" missing`;
  // No number in the answer that the engine did not state (the model's intro is checked the same way).
  const engineText = facts.text;
  const stray = (r.answer.match(/\d+/g) ?? []).filter((d) => !engineText.includes(d));
  if (stray.length) return `unexpected numbers ${stray.join(',')}`;
  return null;
}

async function runPass(mode: 'no-llm' | 'model', vaultName: string, store: Store, questions: Label[]): Promise<PassResult> {
  const res: PassResult = { mode, vault: vaultName, route: { n: 0, ok: 0 }, fact: { n: 0, ok: 0 }, citation: { n: 0, ok: 0 }, refusal: { n: 0, ok: 0 }, falseRefusal: { n: 0, ok: 0 }, failures: [] };
  const opts: AskOptions = {
    noLlm: mode === 'no-llm',
    model: mode === 'model' ? (modelPath ?? undefined) : undefined,
    maxTokens: 48,
    deps: { loadModel: (p) => getRuntime(p, { contextSize: 4096 }), searchKnowledge: (s, q, o) => searchKnowledge(s, q, { ...o, noEmbed: true }) },
  };
  for (const label of questions) {
    let r: AskResult;
    try {
      r = await ask(store, label.q, opts);
    } catch (e) {
      res.route.n++;
      res.failures.push(`${label.q}: threw ${(e as Error).message}`);
      continue;
    }
    const refused = r.route === 'chat' && REFUSED.test(r.answer);
    const got = refused ? 'refuse' : r.route;
    res.route.n++;
    if (got === label.route) res.route.ok++;
    else res.failures.push(`${label.q}: route ${got}, expected ${label.route}`);
    if (label.route === 'refuse') {
      res.refusal.n++;
      if (refused) res.refusal.ok++;
    } else {
      res.falseRefusal.n++;
      if (refused) res.falseRefusal.ok++;
    }
    if (label.route === 'vault' && r.route === 'vault') {
      res.fact.n++;
      const problem = factOk(store, label, r);
      if (!problem) res.fact.ok++;
      else res.failures.push(`${label.q}: fact: ${problem}`);
    }
    if (label.route === 'knowledge' && r.route === 'knowledge') {
      res.citation.n++;
      const found = (await searchKnowledge(store, label.q, { k: 4, noEmbed: true })).results;
      const fromRetrieval = r.citations.length > 0 && r.citations.every((c) => found.some((f) => f.doc === c.doc && f.snippet === c.snippet));
      const expected = r.citations.some((c) => label.docs.includes(c.doc));
      if (fromRetrieval && expected) res.citation.ok++;
      else res.failures.push(`${label.q}: citations ${r.citations.map((c) => c.doc).join(',') || 'none'} (expected ${label.docs.join('|')})`);
    }
  }
  return res;
}

const rate = (s: Score) => (s.n ? Math.round((s.ok / s.n) * 1000) / 1000 : null);

const questions = quick ? QUESTIONS.filter((_, i) => i % 3 === 0) : QUESTIONS;
const vaults: [string, FixtureItem[]][] = [
  ['seeded', SEEDED_VAULT],
  ['generated-500', generateLargeVault(quick ? 150 : 500, 7)],
];
const passes: PassResult[] = [];
for (const [name, items] of vaults) {
  const { store, dir } = await makeVault(name, items);
  try {
    passes.push(await runPass('no-llm', name, store, questions));
    // The model pass runs once (seeded vault): each answer costs real generation time.
    if (modelPath && name === 'seeded') passes.push(await runPass('model', name, store, questions));
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
await disposeRuntimes();

const summary = passes.map((p) => ({
  mode: p.mode,
  vault: p.vault,
  questions: p.route.n,
  route_accuracy: rate(p.route),
  fact_accuracy: rate(p.fact),
  citation_correctness: rate(p.citation),
  refusal_rate: rate(p.refusal),
  false_refusal_rate: rate(p.falseRefusal),
}));
if (asJson) {
  console.log(JSON.stringify({ model: modelPath, summary, failures: passes.map((p) => ({ mode: p.mode, vault: p.vault, failures: p.failures })) }, null, 2));
} else {
  console.log(`assistant eval: ${QUESTIONS.length} labelled questions${quick ? ` (quick: ${questions.length})` : ''}; model: ${modelPath ?? 'none (--no-llm only)'}`);
  console.table(summary);
  for (const p of passes) for (const f of p.failures) console.log(`  [${p.mode}/${p.vault}] ${f}`);
}
// Targets from issue 4: route ≥ 0.95, fact = 1.0.
const missed = summary.filter((s) => (s.route_accuracy ?? 0) < 0.95 || (s.fact_accuracy ?? 1) < 1);
if (missed.length) {
  console.error(`targets missed: ${missed.map((m) => `${m.mode}/${m.vault}`).join(', ')}`);
  process.exitCode = 1;
}
