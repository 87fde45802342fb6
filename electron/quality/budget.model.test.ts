// Budgets against real tokenizers: the estimate over-counts for the fetched models (skipped, with a message, when
// they are not fetched), and a 10,000-item vault packed with the tiny model's own counter fits its window and answers.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLlmRuntime, type LlmRuntime } from '../../native';
import { appRoot } from '../db';
import { packToBudget, tokenEstimate, type PackItem } from './budget';

const MODELS = join(appRoot(), '.cache', 'models');
const TINY = join(MODELS, 'tiny.gguf');
const REAL = ['smollm2-135m-instruct-q4_1.gguf', 'gemma3-270m-q4_k_m.gguf'].map((f) => join(MODELS, f));

const KINDS = ['reused', 'weak', 'old', 'exposed', 'missing 2FA', 'insecure URL'];
const vault = (n: number): PackItem[] =>
  Array.from({ length: n }, (_, i) => ({
    text: `- it_${(i * 2654435761 >>> 0).toString(36).padStart(8, '0')}: ${['Gmail (work)', 'Bank — joint', 'forum.example.org', 'Netflix', 'Société Générale', 'VPN 🔒'][i % 6]} #${i} · ${KINDS[i % 6]}`,
    risk: (i * 7919) % 1000,
    group: KINDS[i % 6],
  }));

const SAMPLES = [
  ...vault(40).map((i) => i.text),
  'Two-factor authentication. Turn on two-factor authentication for email and banking first. Prefer an authenticator app or a security key to SMS codes.',
  'https://accounts.example.com/login?next=%2Fsettings%2Fsecurity&utm_source=newsletter',
  'Recovery codes: store them offline, for example printed in a safe place, or in your password manager. Ne les envoyez jamais par e-mail.',
  packToBudget(vault(500), 400).text,
];

describe.each(REAL)('tokenEstimate against %s', (file) => {
  if (!existsSync(file)) console.warn(`skipped: ${file} is not fetched (run \`npm run fetch:models\`)`);
  let rt: LlmRuntime;
  beforeAll(async () => {
    if (existsSync(file)) rt = await loadLlmRuntime({ modelPath: file, contextSize: 512, threads: 1 });
  });
  afterAll(async () => rt?.dispose());

  it.skipIf(!existsSync(file))('never counts fewer tokens than the model does', () => {
    for (const s of SAMPLES) expect(tokenEstimate(s), s.slice(0, 60)).toBeGreaterThanOrEqual(rt.countTokens(s));
  });
});

describe('a 10,000-item vault question on the tiny model', () => {
  let rt: LlmRuntime;
  beforeAll(async () => {
    if (!existsSync(TINY)) execFileSync('bash', [join(appRoot(), 'scripts', 'make-tiny-model.sh')], { stdio: 'inherit' });
    rt = await loadLlmRuntime({ modelPath: TINY, contextSize: 1024, threads: 1 });
  });
  afterAll(async () => rt?.dispose());

  it("fits the model's window with its own token counter and answers", async () => {
    const system = 'You are a test assistant.';
    const question = 'Which logins should I fix first?';
    const maxTokens = 16;
    // What the chat template adds around the messages, with room to spare.
    const overhead = 32;
    const budget = rt.contextSize - maxTokens - rt.countTokens(system) - rt.countTokens(question) - overhead;
    const packed = packToBudget(vault(10_000), budget, { header: ['Findings from the hygiene engine:'], countTokens: rt.countTokens });
    expect(packed.tokens).toBeLessThanOrEqual(budget);
    expect(packed.omitted).toBeGreaterThan(9_000);
    const r = await rt.generate({ system, user: `${packed.text}\n\n${question}`, maxTokens });
    expect(r.promptTokens + maxTokens).toBeLessThanOrEqual(rt.contextSize);
    expect(r.generatedTokens).toBeGreaterThan(0);
  });
});
