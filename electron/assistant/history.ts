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

export interface ConversationSummary {
  id: string;
  /** The title the user gave it, else its first question (shortened); null for a conversation without messages. */
  title: string | null;
  /** True when the user named it (rename), false when the title is its first question. */
  named: boolean;
  messages: number;
  updatedMs: number;
}

const TITLE_FROM_QUESTION = 80;

export function listConversations(store: Store): ConversationSummary[] {
  const rows = store.db
    .prepare<{ id: string; title: string | null; first: string | null; messages: number; updatedMs: number }>(
      `select c.id as id, c.title as title, c.updated_ms as updatedMs, count(m.id) as messages,
         (select text from assistant_message f where f.conversation_id = c.id and f.role = 'user' order by f.id limit 1) as first
       from assistant_conversation c left join assistant_message m on m.conversation_id = c.id
       group by c.id order by c.updated_ms desc, c.id`,
    )
    .all();
  return rows.map((r) => ({ id: r.id, title: r.title ?? (r.first === null ? null : shorten(r.first)), named: r.title !== null, messages: r.messages, updatedMs: r.updatedMs }));
}

function shorten(question: string): string {
  const one = question.replace(/\s+/g, ' ').trim();
  return one.length <= TITLE_FROM_QUESTION ? one : `${one.slice(0, TITLE_FROM_QUESTION - 1).trimEnd()}…`;
}

export interface StoredMessage {
  role: 'user' | 'assistant';
  text: string;
  route: 'vault' | 'knowledge' | 'chat' | null;
  createdMs: number;
}

/** Every message of one conversation, oldest first; null when there is no such conversation. */
export function conversationMessages(store: Store, conversationId: string): StoredMessage[] | null {
  if (!conversationExists(store, conversationId)) return null;
  return store.db
    .prepare<StoredMessage>('select role, text, route, created_ms as createdMs from assistant_message where conversation_id = ? order by id')
    .all(conversationId);
}

/** Names a conversation (null: back to its first question). False when there is no such conversation. */
export function renameConversation(store: Store, conversationId: string, title: string | null): boolean {
  return store.db.prepare('update assistant_conversation set title = ? where id = ?').run(title, conversationId).changes > 0;
}

/** Deletes one conversation, its messages and what it remembers; null when there is no such conversation. */
export function deleteConversation(store: Store, conversationId: string): { messages: number } | null {
  return store.db.transaction(() => {
    if (!conversationExists(store, conversationId)) return null;
    const messages = store.db.prepare('delete from assistant_message where conversation_id = ?').run(conversationId).changes;
    store.db.prepare('delete from assistant_context where conversation_id = ?').run(conversationId);
    store.db.prepare('delete from assistant_conversation where id = ?').run(conversationId);
    return { messages };
  })();
}

function conversationExists(store: Store, conversationId: string): boolean {
  return store.db.prepare('select 1 from assistant_conversation where id = ?').get(conversationId) !== undefined;
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
