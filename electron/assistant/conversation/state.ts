// Conversation state for follow-ups. With chat history on it is stored beside the conversation (migration 0008) and
// survives restarts; with history off nothing is written, and it lives in this process's memory only (a CLI run
// forgets it on exit; the app keeps it until it quits).
import { z } from 'zod';
import type { Store } from '../../db';
import { FINDING_KINDS } from '../../vault';
import { CHECK_IDS } from '../../vocabulary';
import type { ConversationState } from '../understanding';

const INTENT_NAMES = ['finding', 'count', 'fix_first', 'overview', 'item_status', 'knowledge', 'advice', 'explain', 'action', 'secret_request', 'injection', 'harmful', 'out_of_scope', 'small_talk', 'device'] as const;

// Stored JSON is read back through zod: a row from another version (or a hand edit) is dropped, never trusted.
const StateSchema = z.object({
  intent: z.enum(INTENT_NAMES),
  kind: z.enum(FINDING_KINDS).nullable(),
  itemIds: z.array(z.string().max(100)).max(200),
  itemId: z.string().max(100).nullable(),
  query: z.string().max(4000).nullable(),
  check: z.enum(CHECK_IDS).nullable().optional(),
});

const MAX_IN_MEMORY = 500;
const memory = new Map<string, ConversationState>();

export function loadState(store: Store, conversationId: string, persisted: boolean): ConversationState | null {
  if (!persisted) return memory.get(conversationId) ?? null;
  const row = store.db.prepare<{ state: string }>('select state from assistant_context where conversation_id = ?').get(conversationId);
  if (!row) return null;
  try {
    const parsed = StateSchema.safeParse(JSON.parse(row.state));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Saves after the exchange is stored (the conversation row must exist when persisted). */
export function saveState(store: Store, conversationId: string, state: ConversationState, persisted: boolean, now = Date.now()): void {
  if (!persisted) {
    memory.delete(conversationId);
    memory.set(conversationId, state);
    // Oldest first in a Map: drop the least recently used beyond the cap.
    while (memory.size > MAX_IN_MEMORY) memory.delete(memory.keys().next().value!);
    return;
  }
  store.db
    .prepare('insert into assistant_context (conversation_id, state, updated_ms) values (?, ?, ?) on conflict(conversation_id) do update set state = excluded.state, updated_ms = excluded.updated_ms')
    .run(conversationId, JSON.stringify(state), now);
}

/** Forgets every in-memory conversation (history cleared). */
export function forgetMemoryStates(): void {
  memory.clear();
}
