// Model-made proposals: the output grammar is built from the action catalog's zod schemas, the output is validated
// with zod again, and the validated request is handed to the permission layer (which stores, decides and audits).
import { z } from 'zod';
import type { Store } from '../db';
import { ACTION_ARGS, ACTION_INFO, createProposal, ProposalRequest, vaultAccess, type ActionName, type Provenance } from '../permissions';

/** The `proposals` entries of `bastion ask --json` (issue 4). */
export interface AskProposal {
  id: string;
  action: string;
  args: Record<string, unknown>;
  risk: string;
  requiresConfirmation: boolean;
  tainted: boolean;
}

type Json = { [k: string]: unknown };

/** Largest integer range turned into an enum (node-llama-cpp's grammar has no minimum/maximum). */
const MAX_ENUM_RANGE = 400;

/**
 * JSON Schema (from `z.toJSONSchema`) → the subset node-llama-cpp compiles to a grammar: integer ranges become enums,
 * id patterns become an enum of the ids actually in context (so the model cannot name any other item), other
 * strings get a length cap, and unsupported keywords are dropped. Zod validates the result afterwards anyway.
 */
export function toGrammarSchema(schema: Json, ids: { itemIds: string[]; generatedIds: string[] }): Json {
  if (Array.isArray(schema.enum)) return { enum: schema.enum };
  if ('const' in schema) return { const: schema.const };
  switch (schema.type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Json>;
      const out: Json = { type: 'object', properties: Object.fromEntries(Object.entries(props).map(([k, v]) => [k, toGrammarSchema(v, ids)])), additionalProperties: false };
      if (Array.isArray(schema.required)) out.required = schema.required;
      return out;
    }
    case 'array': {
      const out: Json = { type: 'array', items: toGrammarSchema((schema.items ?? {}) as Json, ids), maxItems: Math.min(Number(schema.maxItems ?? 20), 20) };
      if (typeof schema.minItems === 'number') out.minItems = schema.minItems;
      return out;
    }
    case 'integer': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
      const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
      if (min !== undefined && max !== undefined && max - min <= MAX_ENUM_RANGE) return { enum: Array.from({ length: max - min + 1 }, (_, i) => min + i) };
      return { type: 'integer' };
    }
    case 'string': {
      const pattern = typeof schema.pattern === 'string' ? schema.pattern : '';
      if (pattern.startsWith('^it_')) return ids.itemIds.length ? { enum: [...new Set(ids.itemIds)] } : { type: 'string', maxLength: 0 };
      if (pattern.startsWith('^gen_')) return ids.generatedIds.length ? { enum: [...new Set(ids.generatedIds)] } : { type: 'string', maxLength: 0 };
      return { type: 'string', maxLength: Math.min(Number(schema.maxLength ?? 256), 256), ...(typeof schema.minLength === 'number' ? { minLength: schema.minLength } : {}) };
    }
    case 'boolean':
    case 'number':
    case 'null':
      return { type: schema.type };
    default:
      return { type: 'string', maxLength: 0 };
  }
}

/** The grammar schema for one action's request: `{ action: <const>, args: {...} }`. */
export function requestGrammarSchema(action: ActionName, ids: { itemIds?: string[]; generatedIds?: string[] } = {}): Json {
  const args = z.toJSONSchema(ACTION_ARGS[action], { io: 'input' }) as Json;
  return {
    type: 'object',
    properties: { action: { const: action }, args: toGrammarSchema(args, { itemIds: ids.itemIds ?? [], generatedIds: ids.generatedIds ?? [] }) },
    required: ['action', 'args'],
    additionalProperties: false,
  };
}

/** Model output is untrusted: only an exact catalog request passes. */
export function validateRequest(raw: unknown): { ok: true; request: ProposalRequest } | { ok: false; reason: string } {
  const r = ProposalRequest.safeParse(raw);
  if (r.success) return { ok: true, request: r.data as ProposalRequest };
  return { ok: false, reason: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
}

/** What the permission layer said: the proposal, or why it refused it (shown to the person, never silently dropped). */
export type Submitted = AskProposal | { refused: string };
export type SubmitProposal = (store: Store, request: unknown, provenance: Provenance) => Promise<Submitted>;

export const isRefused = (s: Submitted): s is { refused: string } => 'refused' in s;

/**
 * The one hand-off to the permission layer. It re-validates, checks item ids exist, decides policy and writes the
 * audit record; it never executes here (no ports are passed). Invalid requests are recorded there and not shown.
 */
export const submitProposal: SubmitProposal = async (store, request, provenance) => {
  const created = await createProposal(store, request, provenance, { vault: vaultAccess });
  const p = created.proposal;
  if (p.status === 'invalid' || !p.risk) return { refused: p.reason };
  return {
    id: p.id,
    action: p.action,
    args: p.args,
    risk: p.risk ?? ACTION_INFO[p.action as ActionName]?.risk ?? 'unknown',
    requiresConfirmation: p.decision !== 'allow',
    tainted: p.tainted,
  };
};
