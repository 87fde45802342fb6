import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRoot } from '../db';
import { ManagedPolicy, policyJsonSchema } from './schema';

const FULL = {
  $schema: './policy.schema.json',
  version: 1,
  models: {
    allowDownloads: true,
    allowedSources: ['https://models.corp.example/'],
    allowedSha256: ['AB'.repeat(32)],
    pinnedModel: '/opt/bastion/models/chat.gguf',
  },
  actions: {
    allow: ['generate_password'],
    deny: ['move_to_recycle_bin'],
    tiers: { external: 'confirm', destructive: 'deny' },
    maxBatch: 5,
    allowRemember: false,
    allowNonInteractive: false,
  },
  history: { retentionDays: 30 },
  knowledge: { folders: ['/srv/policies'], packs: ['C:\\ProgramData\\Bastion\\kb.pack'], allowUserDocuments: true },
  audit: { exportPath: '/var/log/bastion/audit.jsonl', rotation: { maxBytes: 1048576, keep: 5 }, allowWipe: false },
  hotkey: { enabled: false },
  updates: { enabled: false },
};

describe('ManagedPolicy schema', () => {
  it('accepts a policy using every key, and the empty policy', () => {
    const parsed = ManagedPolicy.parse(FULL);
    expect(parsed.models?.allowedSha256).toEqual(['ab'.repeat(32)]); // digests normalised to lower case
    expect(ManagedPolicy.parse({})).toEqual({});
    expect(ManagedPolicy.parse({ history: 'off' }).history).toBe('off');
  });

  it.each([
    [{ telemetry: true }, ''],
    [{ models: { allowDownload: false } }, 'models'],
    [{ actions: { tiers: { vault_writes: 'deny' } } }, 'actions.tiers'],
    [{ history: { retentionDays: 30, extra: 1 } }, 'history'],
    [{ audit: { rotation: { maxBytes: 4096, keep: 2, compress: true } } }, 'audit.rotation'],
  ])('rejects an unknown key: %j', (policy, where) => {
    const r = ManagedPolicy.safeParse(policy);
    expect(r.success).toBe(false);
    const issue = r.error!.issues.find((i) => i.code === 'unrecognized_keys' || i.code === 'invalid_union');
    expect(issue).toBeDefined();
    expect(issue!.path.join('.')).toBe(where);
  });

  it.each([
    { models: { allowDownloads: 'no' } },
    { models: { allowedSha256: ['not-a-digest'] } },
    { models: { pinnedModel: 'relative/model.gguf' } },
    { actions: { deny: ['format_disk'] } },
    { actions: { tiers: { destructive: 'maybe' } } },
    { actions: { maxBatch: 0 } },
    { actions: { maxBatch: 2.5 } },
    { history: 'on' },
    { history: { retentionDays: -1 } },
    { hotkey: true },
    { version: 2 },
    [],
    'policy',
  ])('rejects a wrong type or value: %j', (policy) => {
    expect(ManagedPolicy.safeParse(policy).success).toBe(false);
  });
});

describe('docs/policy.schema.json', () => {
  it('is current (regenerate with `npx tsx scripts/gen-policy-schema.ts`)', () => {
    const onDisk = readFileSync(join(appRoot(), 'docs/policy.schema.json'), 'utf8');
    expect(onDisk).toBe(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
  });

  it('closes every object (unknown keys are errors for any JSON Schema validator too)', () => {
    const open: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.type === 'object' && n.additionalProperties !== false) open.push(path || '(root)');
      for (const [k, v] of Object.entries(n)) walk(v, `${path}/${k}`);
    };
    walk(policyJsonSchema(), '');
    expect(open).toEqual([]);
    const props = (policyJsonSchema().properties ?? {}) as Record<string, unknown>;
    expect(Object.keys(props).sort()).toEqual(Object.keys(ManagedPolicy.shape).sort());
  });
});
