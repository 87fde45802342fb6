import { z } from 'zod';
import { BastionError } from '../core';
import type { Store } from '../db';

// The egress log: every network request Bastion made or refused. The model downloader and the app's webRequest
// blocker call recordEgress; `bastion egress` and the app's egress screen list it. Credentials, query strings and
// fragments are never stored (a signed download URL can carry a token).

export interface EgressRecord {
  url: string;
  /** Why: 'model-download', 'blocked-web-request', … */
  purpose: string;
  allowed: boolean;
  detail?: string;
}

export interface EgressEntry {
  id: number;
  at: number;
  /** ISO-8601 of `at`. */
  time: string;
  url: string;
  purpose: string;
  allowed: boolean;
  /** !allowed, for screens that show what was blocked. */
  blocked: boolean;
  detail: string | null;
}

// Validated at the boundary. `kind` and `blocked` are accepted as aliases of purpose and !allowed (the app's blocker
// was written against those names).
const RecordInput = z
  .object({
    url: z.string().min(1),
    purpose: z.string().min(1).optional(),
    kind: z.string().min(1).optional(),
    allowed: z.boolean().optional(),
    blocked: z.boolean().optional(),
    detail: z.string().optional(),
  })
  .transform((r) => ({ url: r.url, purpose: (r.purpose ?? r.kind ?? 'unknown').slice(0, 200), allowed: r.allowed ?? (r.blocked === undefined ? false : !r.blocked), detail: r.detail?.slice(0, 2000) ?? null }));

export function recordEgress(store: Store, record: EgressRecord, now = Date.now()): EgressEntry {
  const parsed = RecordInput.safeParse(record);
  if (!parsed.success) throw new BastionError('BAD_INPUT', `Egress record: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  const { purpose, allowed, detail } = parsed.data;
  const url = redactUrl(parsed.data.url);
  const { lastInsertRowid } = store.db
    .prepare('insert into egress_log (at, url, purpose, allowed, detail) values (?, ?, ?, ?, ?)')
    .run(now, url, purpose, allowed ? 1 : 0, detail);
  return toEntry({ id: Number(lastInsertRowid), at: now, url, purpose, allowed: allowed ? 1 : 0, detail });
}

export function listEgress(store: Store, opts: { limit?: number } = {}): EgressEntry[] {
  return store.db
    .prepare<Row>('select id, at, url, purpose, allowed, detail from egress_log order by at, id limit ?')
    .all(opts.limit ?? -1)
    .map(toEntry);
}

interface Row {
  id: number;
  at: number;
  url: string;
  purpose: string;
  allowed: number;
  detail: string | null;
}

function toEntry(r: Row): EgressEntry {
  return { id: r.id, at: r.at, time: new Date(r.at).toISOString(), url: r.url, purpose: r.purpose, allowed: r.allowed === 1, blocked: r.allowed !== 1, detail: r.detail };
}

/** scheme://host[:port]/path only. Non-URLs are kept as given (cut to 2 KB) so a malformed request is still visible. */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}${u.host ? `//${u.host}` : ''}${u.pathname}`.slice(0, 2048);
  } catch {
    return raw.slice(0, 2048);
  }
}
