// Local chat history (migration 0003). Whether it is kept is the `history.enabled` setting (one switch, in the
// settings store); clear wipes every conversation.
import { randomBytes } from 'node:crypto';
import type { Store } from '../db';
import type { ChatTurn } from '../../native';
import { forgetMemoryStates } from './conversation';

export function newConversationId(): string {
  return `cv_${randomBytes(9).toString('base64url')}`;
}

/** Stores one question and its answer together (both or neither). The caller decides whether history is on. */
export function appendExchange(store: Store, conversationId: string, question: string, answer: string, route: string, now = Date.now()): void {
  store.db.transaction(() => {
    store.db
      .prepare('insert into assistant_conversation (id, created_ms, updated_ms) values (?, ?, ?) on conflict(id) do update set updated_ms = excluded.updated_ms')
      .run(conversationId, now, now);
    const ins = store.db.prepare('insert into assistant_message (conversation_id, role, text, route, created_ms) values (?, ?, ?, ?, ?)');
    ins.run(conversationId, 'user', question, route, now);
    ins.run(conversationId, 'assistant', answer, route, now);
  })();
}

/** The newest `limit` turns of a conversation, oldest first. */
export function loadTurns(store: Store, conversationId: string, limit = 40): ChatTurn[] {
  const rows = store.db
    .prepare<{ role: 'user' | 'assistant'; text: string }>('select role, text from assistant_message where conversation_id = ? order by id desc limit ?')
    .all(conversationId, limit);
  return rows.reverse().map((r) => ({ role: r.role, text: r.text }));
}

export function listConversations(store: Store): { id: string; messages: number; updatedMs: number }[] {
  return store.db
    .prepare<{ id: string; messages: number; updatedMs: number }>(
      'select c.id as id, count(m.id) as messages, c.updated_ms as updatedMs from assistant_conversation c left join assistant_message m on m.conversation_id = c.id group by c.id order by c.updated_ms desc',
    )
    .all();
}

/** Deletes every conversation and message (and what follow-ups remember); returns how many messages were removed. */
export function clearHistory(store: Store): number {
  forgetMemoryStates();
  return store.db.transaction(() => {
    const n = store.db.prepare('delete from assistant_message').run().changes;
    store.db.prepare('delete from assistant_conversation').run();
    return n;
  })();
}

/** Retention: deletes messages created before `cutoffMs` (and conversations left empty). For managed retention. */
export function deleteHistoryBefore(store: Store, cutoffMs: number): number {
  return store.db.transaction(() => {
    const n = store.db.prepare('delete from assistant_message where created_ms < ?').run(cutoffMs).changes;
    store.db.prepare('delete from assistant_conversation where id not in (select distinct conversation_id from assistant_message)').run();
    return n;
  })();
}

/** The retention deleter handed to the managed layer: +Infinity (history off) clears everything. */
export function pruneHistory(store: Store, cutoffMs: number): number {
  return Number.isFinite(cutoffMs) ? deleteHistoryBefore(store, cutoffMs) : clearHistory(store);
}
