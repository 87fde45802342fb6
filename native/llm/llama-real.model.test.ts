// The fetched real models (`npm run fetch:models`): SmolLM2 135M Instruct and Gemma 3 270M (base). Skipped, with a
// message, when they are not in .cache/models. Temperature 0 throughout, so each run sees the same text.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestGrammarSchema, validateRequest } from '../../electron/assistant';
import { appRoot } from '../../electron/db';
import { routeSettings } from './generation';
import { loadLlmRuntime, type LlmRuntime } from './llama';

const SMOLLM2 = join(appRoot(), '.cache', 'models', 'smollm2-135m-instruct-q4_1.gguf');
const GEMMA = join(appRoot(), '.cache', 'models', 'gemma3-270m-q4_k_m.gguf');
const skipNote = (p: string) => `skipped: ${p} is not fetched (run \`npm run fetch:models\`)`;
if (!existsSync(SMOLLM2)) console.warn(skipNote(SMOLLM2));
if (!existsSync(GEMMA)) console.warn(skipNote(GEMMA));

const SYSTEM = 'You are Bastion, a security assistant. Be brief.';
const SOURCES = [
  '[1] Two-factor authentication\nTurn on two-factor authentication for email and banking first. Prefer an authenticator app or a security key to SMS codes.',
  '[2] Recovery codes\nWhen you enable 2FA, the site shows recovery codes. Store them offline, for example printed in a safe place, or in your password manager.',
  '[3] Phishing\nSecurity keys resist phishing because they check the site address.',
  '[4] SMS codes\nSMS codes can be stolen through SIM swapping.',
].join('\n\n');
const KNOWLEDGE = `Sources:\n\n${SOURCES}\n\nQuestion: what should I do with my 2fa recovery codes?\n\nAnswer in a short paragraph using only these sources, and cite them like [1].`;

/** Lines (or sentences) said three times or more: what a looping answer looks like. */
function repeatedLines(text: string): string[] {
  const counts = new Map<string, number>();
  for (const l of text.split(/\n+|(?<=[.!?])\s+/).map((s) => s.trim().replace(/^\[\d+\]\s*/, '')).filter((s) => s.length > 10)) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].filter(([, n]) => n >= 3).map(([l]) => l);
}

describe.skipIf(!existsSync(SMOLLM2))('SmolLM2 135M Instruct', () => {
  let rt: LlmRuntime;
  beforeAll(async () => {
    rt = await loadLlmRuntime({ modelPath: SMOLLM2, contextSize: 2048, threads: 1 });
  });
  afterAll(async () => rt?.dispose());

  it('is detected as an instruct model and driven through its ChatML template', () => {
    expect(rt.kind).toBe('instruct');
    expect(rt.chatWrapper).toBe('ChatMLChatWrapper');
  });

  it('stops a grammar-constrained proposal at the end of the JSON instead of running on with newlines', async () => {
    // Before the fix this ran on to the 200-token limit with newlines, and the valid proposal was thrown away.
    const r = await rt.generate({ system: SYSTEM, user: 'Fill in the arguments for the action "generate_password" as JSON.', jsonSchema: requestGrammarSchema('generate_password'), maxTokens: 200 });
    expect(r.stopReason).toBe('jsonComplete');
    expect(r.text.endsWith('}')).toBe(true);
    expect(r.generatedTokens).toBeLessThan(200);
    expect(validateRequest(r.json).ok).toBe(true);
  });

  it('fills an item list without repeating one id to the token limit, with the proposal settings', async () => {
    const ids = ['it_AAAAAAAA', 'it_BBBBBBBB', 'it_CCCCCCCC'];
    const r = await rt.generate({
      system: SYSTEM,
      user: `The user asked: snooze the reused finding for my Gmail login.\n\nFill in the arguments for the action "snooze_finding" as JSON.\n\nItems:\n${ids.map((id, i) => `${id}: ${['Gmail', 'Bank', 'Forum'][i]}`).join('\n')}`,
      jsonSchema: requestGrammarSchema('snooze_finding', { itemIds: ids }),
      ...routeSettings('proposal', 'instruct')!,
    });
    expect(r.stopReason).toBe('jsonComplete');
    expect(validateRequest(r.json).ok).toBe(true);
  });

  it('answers a knowledge question without looping under the knowledge settings', async () => {
    const r = await rt.generate({ system: SYSTEM, user: KNOWLEDGE, ...routeSettings('knowledge', 'instruct')! });
    expect(r.stopReason).not.toBe('maxTokens');
    expect(repeatedLines(r.text)).toEqual([]);
  });
});

describe.skipIf(!existsSync(GEMMA))('Gemma 3 270M (base)', () => {
  let rt: LlmRuntime;
  beforeAll(async () => {
    rt = await loadLlmRuntime({ modelPath: GEMMA, contextSize: 2048, threads: 1 });
  });
  afterAll(async () => rt?.dispose());

  it('is detected as a base model and gets a completion prompt, never the system prompt echoed in a chat turn', async () => {
    expect(rt.kind).toBe('base');
    const intro = 'Facts: 3 reused passwords, 1 exposed in a breach, 2 logins without 2FA.\n\nOne sentence for the owner of this vault:';
    const r = await rt.generate({ system: 'Bastion vault report.', user: intro, ...routeSettings('intro', 'base')! });
    expect(r.mode).toBe('completion');
    // One line at most: the intro route stops at the first newline after text.
    expect(r.text.trim()).not.toContain('\n');
    expect(r.generatedTokens).toBeLessThanOrEqual(48);
  });
});
