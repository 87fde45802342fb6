import { describe, expect, it } from 'vitest';
import { ACTION_NAMES } from '../permissions';
import { requestGrammarSchema, toGrammarSchema, validateRequest } from './proposals';

type S = Record<string, unknown>;

describe('grammar schema from the catalog', () => {
  it('builds one for every action, using only keywords the grammar compiler supports', () => {
    const allowed = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems', 'enum', 'const', 'minLength', 'maxLength']);
    const walk = (s: unknown): void => {
      if (!s || typeof s !== 'object') return;
      for (const [k, v] of Object.entries(s as S)) {
        if (k === 'properties') Object.values(v as S).forEach(walk);
        else {
          expect(allowed.has(k), `keyword ${k}`).toBe(true);
          if (k === 'items') walk(v);
        }
      }
    };
    for (const a of ACTION_NAMES) walk(requestGrammarSchema(a, { itemIds: ['it_AAAAAAAA'], generatedIds: ['gen_AAAAAAAA'] }));
  });

  it('limits item ids to those in context, and allows none when there are none', () => {
    const s = requestGrammarSchema('rotate_password', { itemIds: ['it_AAAAAAAA', 'it_BBBBBBBB'] }) as { properties: { args: { properties: { itemId: S } } } };
    expect(s.properties.args.properties.itemId).toEqual({ enum: ['it_AAAAAAAA', 'it_BBBBBBBB'] });
    const none = requestGrammarSchema('rotate_password') as { properties: { args: { properties: { itemId: S } } } };
    expect(none.properties.args.properties.itemId).toEqual({ type: 'string', maxLength: 0 });
  });

  it('turns bounded integers into enums and keeps the action fixed', () => {
    const s = requestGrammarSchema('snooze_finding', { itemIds: ['it_AAAAAAAA'] }) as { properties: { action: S; args: { properties: { days: { enum: number[] } } } } };
    expect(s.properties.action).toEqual({ const: 'snooze_finding' });
    expect(s.properties.args.properties.days.enum[0]).toBe(1);
    expect(s.properties.args.properties.days.enum.at(-1)).toBe(365);
    expect(toGrammarSchema({ type: 'integer', minimum: 0, maximum: 100000 }, { itemIds: [], generatedIds: [] })).toEqual({ type: 'integer' });
  });
});

describe('validateRequest', () => {
  it('accepts exact catalog requests and rejects everything else', () => {
    expect(validateRequest({ action: 'generate_password', args: { length: 20 } }).ok).toBe(true);
    expect(validateRequest({ action: 'generate_password', args: { length: 3 } }).ok).toBe(false);
    expect(validateRequest({ action: 'format_disk', args: {} }).ok).toBe(false);
    expect(validateRequest({ action: 'rotate_password', args: { itemId: 'not-an-id' } }).ok).toBe(false);
    expect(validateRequest({ action: 'mark_resolved', args: { kind: 'weak', itemIds: ['it_AAAAAAAA'], extra: 1 } }).ok).toBe(false);
    expect(validateRequest('{"action":"generate_password"}').ok).toBe(false);
  });
});
