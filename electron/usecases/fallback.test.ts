import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AskResult, Generator } from '../assistant';
import { AskResult as AskResultSchema, ImportSummary } from '../ipc/contract';
import { FALLBACK_REASONS } from '../vocabulary';
import { answeredBy, modelFallback, watchGenerations } from './answer-fallback';
import * as uc from '.';
import { scratchUseCases, type ScratchUseCases } from './testing';

// One `fallback` field says when Bastion took the plainer path: no model, model output dropped, a locked-down policy,
// documents or entries it could not read. Null when nothing fell back.

let s: ScratchUseCases;
let dir: string;
let policyFile: string;
beforeEach(() => {
  s = scratchUseCases('fallback');
  ({ dir, policyFile } = s);
});
afterEach(() => s.cleanup());

const ctx = () => s.ctx();

const result = (answer: string): AskResult => ({ route: 'chat', answer, citations: [], findings: [], proposals: [] });
const model = (text: string, extra: { kind?: 'instruct' | 'base' } = {}): Generator => ({
  ...(extra.kind ? { kind: extra.kind, contextSize: 2048 } : {}),
  generate: async () => ({ text, aborted: false, stopReason: 'eogToken' as const, promptTokens: 1, generatedTokens: 1, trimmedTurns: 0, reusedTokens: 0, ttftMs: null }),
});

describe('the model side of an answer', () => {
  // Any file will do as "the model": loading goes through the test's loader.
  const modelFile = () => (writeFileSync(join(dir, 'm.gguf'), 'GGUF'), join(dir, 'm.gguf'));

  it("a draft that fails the quality gate: the engine's answer, and a calm note saying so", async () => {
    const r = await uc.assistant.ask(ctx(), { question: 'is SMS two-factor authentication safe?', model: modelFile(), loadModel: async () => model("I'm sorry for your loss. I'm sorry for your loss. I'm sorry for your loss.") });
    expect(r.answer).not.toMatch(/sorry for your loss/);
    expect(r.fallback).toEqual({ reason: 'model_rejected', message: "Answered from Bastion's engine; the model's draft did not pass checks." });
    expect(r).not.toHaveProperty('drafts');
  });

  it("a base model is not asked to write an answer (its kind passes through the watch), and the note says why", async () => {
    let calls = 0;
    const base: Generator = { ...model('You are Bastion, a security assistant…', { kind: 'base' }), generate: async (req) => (calls++, model('x').generate(req)) };
    const r = await uc.assistant.ask(ctx(), { question: 'is SMS two-factor authentication safe?', model: modelFile(), loadModel: async () => base });
    expect(calls).toBe(0);
    expect(r.fallback).toMatchObject({ reason: 'no_model', message: expect.stringMatching(/base model.*only phrases short intros/) });
  });

  it('the watch names the model that wrote free text, not one that only filled a proposal', async () => {
    const watch = watchGenerations(async () => model('{"action":"generate_password"}'));
    await (await watch.loadModel('/m/a.gguf')).generate({ system: 's', user: 'u', maxTokens: 10, jsonSchema: {} });
    expect(watch.asked).toBe(true);
    expect(watch.wrotePath).toBeNull();
    const used = { ...result('x'), drafts: [{ route: 'chat' as const, status: 'used' as const, reasons: [] }] };
    expect(answeredBy(watch, used)).toBeNull();
    await (await watch.loadModel('/m/b.gguf')).generate({ system: 's', user: 'u', maxTokens: 10 });
    expect(answeredBy(watch, used)).toBe('/m/b.gguf');
    expect(answeredBy(watch, { ...used, drafts: [{ route: 'chat', status: 'rejected', reasons: ['leakage: …'] }] })).toBeNull();
    expect(modelFallback(ctx(), {}, watch, { ...result('Here is a proposal.'), fallback: 'family_mismatch' })).toMatchObject({ reason: 'model_rejected', message: expect.stringContaining('family_mismatch') });
  });
});

describe('ask', () => {
  it('says when no model is set up, and nothing when the person chose --no-llm', async () => {
    const none = await uc.assistant.ask(ctx(), { question: 'is SMS two-factor authentication safe?' });
    expect(none.fallback).toMatchObject({ reason: 'no_model', message: expect.stringMatching(/bastion models pull/) });
    expect((await uc.assistant.ask(ctx(), { question: 'is SMS two-factor authentication safe?', noLlm: true })).fallback).toBeNull();
  });

  it('says Bastion runs locked down first, and keeps the other reason in the message', async () => {
    writeFileSync(policyFile, '{"history": "sometimes"}');
    const r = await uc.assistant.ask(ctx(), { question: 'is SMS two-factor authentication safe?' });
    expect(r.fallback?.reason).toBe('locked_down');
    expect(r.fallback?.message).toMatch(/locked down.*No chat model is set up/s);
  });

  it('crosses IPC: the contract keeps the field', () => {
    const r = { ...result('x'), fallback: { reason: 'no_model', message: 'm' } };
    expect(AskResultSchema.parse(r).fallback).toEqual(r.fallback);
    expect(ImportSummary.parse({ source: 's', format: 'f', items: 1, logins: 1, skipped: [], fallback: null }).fallback).toBeNull();
    expect(FALLBACK_REASONS).toContain('document_unreadable');
  });
});

describe('imports and knowledge', () => {
  it('kb add reports documents it could not read; a clean add reports none', async () => {
    writeFileSync(join(dir, 'vpn.md'), '# VPN\n\nUse the VPN on public networks.\n');
    const clean = await uc.knowledge.add(ctx(), ['vpn.md'], { keywordOnly: true });
    expect(clean.fallback).toBeNull();
    writeFileSync(join(dir, 'bad.pdf'), 'not a pdf at all');
    const r = await uc.knowledge.add(ctx(), ['vpn.md', 'missing.md', 'bad.pdf'], { keywordOnly: true });
    expect(r.fallback).toMatchObject({ reason: 'document_unreadable', message: expect.stringMatching(/^2 documents were skipped/) });
  });

  it('a vault import that skipped entries says so; a clean one does not', async () => {
    writeFileSync(join(dir, 'ok.csv'), 'name,url,username,password\nMail,https://mail.example.org,me,c0rrect-h0rse-battery\n');
    expect((await uc.vault.importFile(ctx(), { path: 'ok.csv', format: 'chrome-csv' })).fallback).toBeNull();
    writeFileSync(join(dir, 'some.csv'), 'name,url,username,password\nMail,https://mail.example.org,me,c0rrect-h0rse-battery\nBroken,https://x.example.org\n');
    const r = await uc.vault.importFile(ctx(), { path: 'some.csv', format: 'chrome-csv' });
    expect(r.skipped).toHaveLength(1);
    expect(r.fallback).toMatchObject({ reason: 'entries_skipped' });
  });
});
