import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendExchange } from '../assistant';
import { BastionError } from '../core';
import type { Store } from '../db';
import { createHandlers } from '../ipc';
import * as uc from '.';
import { scratchUseCases, type ScratchUseCases } from './testing';

// The app's conversation list through its channels: list (with whether history is kept, and who decided), messages,
// rename, delete and clear — deletions audited, nothing left behind.

let s: ScratchUseCases;
let store: Store;
let policyFile: string;
beforeEach(() => {
  s = scratchUseCases('conversations');
  ({ store, policyFile } = s);
});
afterEach(() => s.cleanup());

const ctx = () => s.ctx();
const ipc = () => createHandlers({ ctx: ctx(), emit: () => {} });

async function codeOf(fn: () => unknown): Promise<string> {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    return e instanceof BastionError ? e.code : String(e);
  }
}

function seed(): void {
  appendExchange(store, 'cv_older_one', 'Which of my passwords are reused?', 'Two items share a password.', 'vault', 1000);
  appendExchange(store, 'cv_older_one', 'Which of those are old?', 'One of them.', 'vault', 2000);
  appendExchange(store, 'cv_newer_one', `What is phishing? ${'and more '.repeat(20)}`, 'A **trick** to get your password.', 'knowledge', 3000);
  store.db.prepare("insert into assistant_context (conversation_id, state, updated_ms) values ('cv_older_one', '{}', 2000)").run();
}

describe('conversations', () => {
  it('lists stored conversations newest first, titled by their first question until renamed', async () => {
    seed();
    const h = ipc();
    const l = await h['conversations:list']({});
    expect(l.kept).toBe(true);
    expect(l.lockedByPolicy).toBe(false);
    expect(l.conversations.map((c) => [c.id, c.messages, c.named])).toEqual([
      ['cv_newer_one', 2, false],
      ['cv_older_one', 4, false],
    ]);
    expect(l.conversations[1]!.title).toBe('Which of my passwords are reused?');
    expect(l.conversations[0]!.title!.length).toBeLessThanOrEqual(80);
    expect(l.conversations[0]!.title!.endsWith('…')).toBe(true);

    expect(await h['conversations:rename']({ id: 'cv_older_one', title: '  Reused   passwords ' })).toEqual({ title: 'Reused passwords' });
    const renamed = (await h['conversations:list']({})).conversations.find((c) => c.id === 'cv_older_one')!;
    expect([renamed.title, renamed.named]).toEqual(['Reused passwords', true]);
    // An empty title gives the first question back.
    await h['conversations:rename']({ id: 'cv_older_one', title: ' ' });
    expect((await h['conversations:list']({})).conversations.find((c) => c.id === 'cv_older_one')!.title).toBe('Which of my passwords are reused?');
  });

  it('reads one conversation oldest first, refuses unknown ids and over-long titles', async () => {
    seed();
    const h = ipc();
    const ms = await h['conversations:messages']({ id: 'cv_older_one' });
    expect(ms.map((m) => [m.role, m.text, m.route])).toEqual([
      ['user', 'Which of my passwords are reused?', 'vault'],
      ['assistant', 'Two items share a password.', 'vault'],
      ['user', 'Which of those are old?', 'vault'],
      ['assistant', 'One of them.', 'vault'],
    ]);
    expect(await codeOf(() => h['conversations:messages']({ id: 'cv_missing_one' }))).toBe('NOT_FOUND');
    expect(await codeOf(() => h['conversations:rename']({ id: 'cv_missing_one', title: 'x' }))).toBe('NOT_FOUND');
    expect(await codeOf(() => h['conversations:rename']({ id: 'cv_older_one', title: 'x'.repeat(121) }))).toBe('BAD_INPUT');
    expect(await codeOf(() => h['conversations:delete']({ id: 'cv_missing_one' }))).toBe('NOT_FOUND');
  });

  it('deletes one conversation with its messages and memory, audited without its text', async () => {
    seed();
    const h = ipc();
    expect(await h['conversations:delete']({ id: 'cv_older_one' })).toEqual({ messages: 4 });
    expect((await h['conversations:list']({})).conversations.map((c) => c.id)).toEqual(['cv_newer_one']);
    const left = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
    expect(left("select count(*) as n from assistant_message where conversation_id = 'cv_older_one'")).toBe(0);
    expect(left("select count(*) as n from assistant_context where conversation_id = 'cv_older_one'")).toBe(0);
    const rec = uc.audit.listRecords(ctx()).find((r) => r.event === 'data_wiped')!;
    expect(rec.body).toMatchObject({ detail: { scope: 'one conversation', messages: 4 } });
    expect(JSON.stringify(rec.body)).not.toMatch(/reused|share a password/i);
  });

  it('clears every conversation (audited)', async () => {
    seed();
    const h = ipc();
    expect(await h['conversations:clear']({})).toEqual({ messages: 6 });
    expect((await h['conversations:list']({})).conversations).toEqual([]);
    expect(uc.audit.listRecords(ctx()).filter((r) => r.event === 'data_wiped').map((r) => r.body.detail)).toEqual([{ scope: 'chat history', messages: 6 }]);
  });

  it('says when history is not kept, and whether the policy decides it', async () => {
    const h = ipc();
    uc.assistant.setHistory(ctx(), false);
    expect(await h['conversations:list']({})).toMatchObject({ kept: false, lockedByPolicy: false });
    writeFileSync(policyFile, JSON.stringify({ history: 'off' }));
    expect(await h['conversations:list']({})).toMatchObject({ kept: false, lockedByPolicy: true });
    // An invalid policy locks Bastion down: no history, and the user cannot turn it on.
    writeFileSync(policyFile, '{}');
    uc.assistant.setHistory(ctx(), true);
    expect(await h['conversations:list']({})).toMatchObject({ kept: true, lockedByPolicy: false });
    writeFileSync(policyFile, '{"history": "sometimes"}');
    expect(await h['conversations:list']({})).toMatchObject({ kept: false, lockedByPolicy: true });
  });
});
