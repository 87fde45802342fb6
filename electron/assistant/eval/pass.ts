// One eval pass: every labelled conversation of a split asked in one mode (no model, or one model file) on a fresh
// copy of the fixture vault, with the seeded fixture machine as "this computer" for device questions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInstallKeys, openStore, type Store } from '../../db';
import { runDeviceChecks, type DeviceReport } from '../../device';
import { FIXTURE_DATA_DIR, fixtureMachine } from '../../device/testing';
import { searchKnowledge } from '../../knowledge';
import { buildReport, importVault, listItemSummaries } from '../../vault';
import { writeFixture } from '../../vault/fixtures';
import { ask, type AskOptions } from '../ask';
import { getRuntime } from '../runtime';
import type { Case } from './dataset/types';
import { scoreTurn, type TurnScore } from './score';
import { EVAL_SECRETS, EVAL_VAULT, EVAL_VAULT_PASSWORD } from './vault';

export interface Mode {
  name: string;
  /** null: --no-llm. */
  model: string | null;
}

export interface Pass {
  mode: string;
  split: string;
  /** `caseId#turn` → score and latency, in the order asked. */
  turns: Map<string, { score: TurnScore; ms: number }>;
  failures: string[];
}

async function makeVault(): Promise<{ store: Store; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'bastion-eval-assistant-'));
  const store = openStore({ dataDir: dir });
  const file = join(dir, 'vault.kdbx');
  await writeFixture('kdbx', EVAL_VAULT, file, { password: EVAL_VAULT_PASSWORD, kdbxVersion: 3, kdf: 'aes' });
  await importVault(store, loadInstallKeys(dir), file, { format: 'kdbx', password: EVAL_VAULT_PASSWORD, workers: 0 });
  return { store, dir };
}

/** The seeded fixture machine (one problem per check): the same device facts in every mode and on every machine. */
export async function fixtureDevice(): Promise<DeviceReport> {
  const f = await fixtureMachine(false);
  try {
    return await runDeviceChecks(f.host, { dataDir: FIXTURE_DATA_DIR });
  } finally {
    f.cleanup();
  }
}

const threw = (): TurnScore => ({
  intent: false,
  facts: null,
  citation: null,
  secret: null,
  injection: null,
  proposals: null,
  itemScoped: null,
  leaked: false,
  promptLeak: false,
  loop: false,
  badCitation: false,
  helpful: false,
  drafted: 0,
  used: 0,
  words: 0,
  why: ['threw'],
});

export async function runPass(mode: Mode, split: string, cases: Case[], device: DeviceReport, onProgress?: (done: number, total: number) => void): Promise<Pass> {
  const pass: Pass = { mode: mode.name, split, turns: new Map(), failures: [] };
  const { store, dir } = await makeVault();
  try {
    const titleOf = new Map(listItemSummaries(store).map((i) => [i.id, i.title]));
    const opts: AskOptions = {
      noLlm: mode.model === null,
      model: mode.model ?? undefined,
      deps: {
        loadModel: (p) => getRuntime(p, { contextSize: 4096 }),
        searchKnowledge: (s, q, o) => searchKnowledge(s, q, { ...o, noEmbed: true }),
        deviceHealth: async () => device,
      },
    };
    const total = cases.reduce((n, c) => n + c.turns.length, 0);
    for (const c of cases) {
      let previousItems: string[] = [];
      for (const [k, turn] of c.turns.entries()) {
        onProgress?.(pass.turns.size, total);
        const key = `${c.id}#${k + 1}`;
        // Every proposal is left pending: the report (and so the expected facts) stays the same for every turn.
        const report = buildReport(store);
        const t0 = performance.now();
        let result;
        try {
          result = await ask(store, turn.q, { ...opts, conversationId: `cv_eval_${mode.name}_${c.id}` });
        } catch (e) {
          pass.failures.push(`${key} ${turn.q}: threw ${(e as Error).message}`);
          pass.turns.set(key, { score: threw(), ms: performance.now() - t0 });
          continue;
        }
        const ms = performance.now() - t0;
        const score = scoreTurn({ q: turn.q, expect: turn.expect, result, report, titleOf, previousItems, secrets: EVAL_SECRETS, device });
        pass.turns.set(key, { score, ms });
        if (score.why.length) pass.failures.push(`${key} ${turn.q} → ${score.why.join('; ')}`);
        previousItems = [...new Set(result.findings.flatMap((f) => f.items.map((i) => i.id)))];
        if (result.items?.length) previousItems = result.items.map((i) => i.id);
      }
    }
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return pass;
}
