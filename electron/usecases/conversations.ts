import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { clearHistory, conversationMessages, deleteConversation, listConversations, renameConversation, type ConversationSummary, type StoredMessage } from '../assistant';
import { BastionError } from '../core';
import { DB_FILE } from '../db';
import { record } from './audit';
import type { UseCaseContext } from './context';

// The app's conversation list: the stored chats (history on), each renamed or deleted here, and whether history is
// kept at all — off by the user, or off and locked by the managed policy (then only the current conversation exists,
// in the app's memory). Deleting is audited like other deletions of local data (no titles or text in the record);
// a rename is the user's own label on their own text, which the audit log does not hold either.

export const MAX_TITLE_CHARS = 120;

export interface ConversationList {
  /** Whether new questions are stored (the `history.enabled` setting in force). */
  kept: boolean;
  /** History is off and the managed policy decides it (the user cannot turn it on). */
  lockedByPolicy: boolean;
  conversations: ConversationSummary[];
}

export function list(ctx: UseCaseContext): ConversationList {
  // Reading the list never creates a store: a data dir without a database has no conversations.
  const stored = existsSync(join(ctx.dataDir, DB_FILE));
  const s = ctx.settings();
  const kept = s.history.enabled;
  return {
    kept,
    lockedByPolicy: !kept && (s.managed.includes('history.enabled') || ctx.policy().locked),
    conversations: stored ? listConversations(ctx.store()) : [],
  };
}

export function messages(ctx: UseCaseContext, id: string): StoredMessage[] {
  const found = conversationMessages(ctx.store(), id);
  if (!found) throw notFound();
  return found;
}

/** Renames a conversation; an empty title gives it back its first question as its name. */
export function rename(ctx: UseCaseContext, id: string, title: string): { title: string | null } {
  const t = title.replace(/\s+/g, ' ').trim();
  if (t.length > MAX_TITLE_CHARS) throw new BastionError('BAD_INPUT', `The title is ${t.length} characters; keep it under ${MAX_TITLE_CHARS}.`);
  if (!renameConversation(ctx.store(), id, t || null)) throw notFound();
  return { title: t || null };
}

export function remove(ctx: UseCaseContext, id: string): { messages: number } {
  const store = ctx.store();
  return store.db.transaction(() => {
    const gone = deleteConversation(store, id);
    if (!gone) throw notFound();
    record(ctx, { event: 'data_wiped', outcome: 'done', detail: { scope: 'one conversation', conversationId: id, messages: gone.messages } });
    return gone;
  })();
}

/** Deletes every stored conversation (the app's "Clear chat history"); audited with the number of messages. */
export function clear(ctx: UseCaseContext): { messages: number } {
  const store = ctx.store();
  const messages = store.db.transaction(() => clearHistory(store))();
  record(ctx, { event: 'data_wiped', outcome: 'done', detail: { scope: 'chat history', messages } });
  return { messages };
}

const notFound = () => new BastionError('NOT_FOUND', 'That conversation no longer exists (it was deleted, or history was cleared).');
