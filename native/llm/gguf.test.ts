import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelKind, modelKindOf, readGgufHeader } from './gguf';
import { minimalGguf } from './test-gguf';

const dir = mkdtempSync(join(tmpdir(), 'bastion-gguf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, buf: Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, buf);
  return p;
};

describe('GGUF metadata and model kind', () => {
  it('reads the chat template and finetune keys when present, null when absent', async () => {
    const withT = await readGgufHeader(file('a.gguf', minimalGguf({ architecture: 'llama', chatTemplate: '{{ messages }}', finetune: 'instruct' })));
    expect(withT).toMatchObject({ architecture: 'llama', chatTemplate: '{{ messages }}', finetune: 'instruct' });
    const without = await readGgufHeader(file('b.gguf', minimalGguf({ architecture: 'gemma3' })));
    expect(without).toMatchObject({ architecture: 'gemma3', chatTemplate: null, finetune: null, type: null });
  });

  it('calls a model with a chat template instruct and one without base, naming the reason', async () => {
    expect(await modelKind(file('c.gguf', minimalGguf({ architecture: 'llama', chatTemplate: '{{ x }}' })))).toEqual({ kind: 'instruct', reason: expect.stringMatching(/chat template/) });
    const base = await modelKind(file('d.gguf', minimalGguf({ architecture: 'gemma3' })));
    expect(base.kind).toBe('base');
    expect(base.reason).toMatch(/no chat template/);
  });

  it('mentions, but does not trust, an instruct-sounding name without a template', () => {
    const r = modelKindOf({ chatTemplate: null, finetune: null, name: 'Qwen2.5 1.5B Instruct' });
    expect(r.kind).toBe('base');
    expect(r.reason).toMatch(/Instruct/);
    expect(modelKindOf({ chatTemplate: '   ', finetune: null, name: null }).kind).toBe('base');
  });

  it('refuses a file that is not a GGUF', async () => {
    await expect(readGgufHeader(file('e.gguf', Buffer.from('not a model at all, just text')))).rejects.toThrow(/not a GGUF/);
  });
});
