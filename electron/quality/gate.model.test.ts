// The gate on SmolLM2's real drafts (skipped, with a message, when the model is not fetched): the streaming loop
// detector stops a looping answer early, and the looping draft does not pass.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLlmRuntime, type LlmRuntime } from '../../native';
import { appRoot } from '../db';
import { checkModelOutput } from './gate';
import { createLoopDetector } from './repetition';

const SMOLLM2 = join(appRoot(), '.cache', 'models', 'smollm2-135m-instruct-q4_1.gguf');
if (!existsSync(SMOLLM2)) console.warn(`skipped: ${SMOLLM2} is not fetched (run \`npm run fetch:models\`)`);

const SYSTEM = 'You are Bastion, a security assistant. Be brief.';
const SOURCES = [
  { n: 1, text: 'Two-factor authentication\nTurn on two-factor authentication for email and banking first. Prefer an authenticator app or a security key to SMS codes.' },
  { n: 2, text: 'Recovery codes\nWhen you enable 2FA, the site shows recovery codes. Store them offline, for example printed in a safe place, or in your password manager.' },
  { n: 3, text: 'Phishing\nSecurity keys resist phishing because they check the site address.' },
  { n: 4, text: 'SMS codes\nSMS codes can be stolen through SIM swapping.' },
];
const TASK = 'Answer in a short paragraph using only these sources, and cite them like [1].';
const QUESTION = 'what should I do with my 2fa recovery codes?';
const USER = `Sources:\n\n${SOURCES.map((s) => `[${s.n}] ${s.text}`).join('\n\n')}\n\nQuestion: ${QUESTION}\n\n${TASK}`;

describe.skipIf(!existsSync(SMOLLM2))('quality gate on SmolLM2 drafts', () => {
  let rt: LlmRuntime;
  beforeAll(async () => {
    rt = await loadLlmRuntime({ modelPath: SMOLLM2, contextSize: 2048, threads: 1 });
  });
  afterAll(async () => rt?.dispose());

  it('stops a looping answer early and rejects the draft', async () => {
    // No repeat penalty: the settings under which SmolLM2 loops ("[1] Always check…" to the token limit).
    const loop = await rt.generate({ system: SYSTEM, user: USER, maxTokens: 200 });
    const controller = new AbortController();
    const detector = createLoopDetector();
    const r = await rt.generate({ system: SYSTEM, user: USER, maxTokens: 200, signal: controller.signal, onTextChunk: (d) => detector.push(d) && controller.abort() });
    expect(loop.stopReason).toBe('maxTokens'); // the loop this test is about (temperature 0: the same every run)
    expect(detector.reason).toMatch(/repeats/);
    expect(r.aborted).toBe(true);
    expect(r.generatedTokens).toBeLessThan(loop.generatedTokens / 2);
    const gate = checkModelOutput(loop.text, { kind: 'knowledge', systemPrompt: SYSTEM, instructions: [TASK], sources: SOURCES, question: QUESTION });
    expect(gate.ok).toBe(false);
  });
});
