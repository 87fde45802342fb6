import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { minimalGguf } from '../../../models/test-gguf';
import { SEEDED_VAULT, writeFixture } from '../../vault/fixtures';
import { runCli } from '../program';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-cli-ask-'));
  await writeFixture('bitwarden-json', SEEDED_VAULT, join(dir, 'seed.json'));
  await cli('import', join(dir, 'seed.json'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in-process with --json; returns the parsed stdout, the stderr lines and the exit code. */
async function cli(...args: string[]): Promise<{ out: unknown; err: string[]; code: number }> {
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err: string[] = [];
  let code = 0;
  try {
    await runCli(['--data-dir', dir, '--json', ...args], { setExitCode: (c) => (code = c), writeErr: (l) => err.push(l) });
  } finally {
    spy.mockRestore();
  }
  return { out: stdout.trim() ? JSON.parse(stdout) : null, err, code };
}

const AskJson = z
  .object({
    route: z.enum(['vault', 'knowledge', 'chat', 'device']),
    answer: z.string(),
    citations: z.array(z.object({ doc: z.string(), title: z.string(), snippet: z.string() }).strict()),
    findings: z.array(z.object({ kind: z.string(), severity: z.string(), items: z.array(z.object({ id: z.string(), title: z.string() })), reason: z.string() })),
    proposals: z.array(z.object({ id: z.string(), action: z.string(), args: z.record(z.string(), z.unknown()), risk: z.string(), requiresConfirmation: z.boolean(), tainted: z.boolean() }).strict()),
    // Additions of issue 15 (what the question was understood as) and issue 19: when Bastion took the plainer path
    // (no model, model output dropped, locked down), else null.
    intent: z.string().optional(),
    followUp: z.boolean().optional(),
    items: z.array(z.object({ id: z.string(), title: z.string() })).optional(),
    fallback: z.object({ reason: z.string(), message: z.string() }).strict().nullable(),
  })
  .strict();

describe('bastion ask', () => {
  it('prints exactly the issue-4 JSON shape', async () => {
    const { out, code } = await cli('ask', '--no-llm', 'which of my passwords are reused?');
    expect(code).toBe(0);
    const r = AskJson.parse(out);
    expect(r.route).toBe('vault');
    expect(r.findings.map((f) => f.kind)).toEqual(['reused']);
    const k = AskJson.parse((await cli('ask', '--no-llm', 'is', 'SMS', '2FA', 'safe?')).out);
    expect(k.route).toBe('knowledge');
    expect(k.citations.length).toBeGreaterThan(0);
  });

  it('the human output cites [n] in the answer and names each source once, below it', async () => {
    let stdout = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
    try {
      await runCli(['--data-dir', dir, 'ask', '--no-llm', 'is', 'SMS', '2FA', 'safe?'], { setExitCode: () => undefined, writeErr: () => undefined });
    } finally {
      spy.mockRestore();
    }
    const sources = stdout.split('\n').filter((l) => l.startsWith('Sources: '));
    expect(sources).toHaveLength(1);
    expect(sources[0]).toMatch(/^Sources: \[1\] [^;]+(; \[2\] [^;]+)?/);
    const titles = sources[0]!.slice('Sources: '.length).split('; ').map((x) => x.replace(/^\[\d+\] /, ''));
    expect(new Set(titles).size).toBe(titles.length);
    for (const t of titles) expect(stdout.split(t)).toHaveLength(2);
    expect(stdout).toMatch(/\[1\]\n/);
  });

  it('fails with the model error code for a --model file that does not exist', async () => {
    const { code, err } = await cli('ask', '--model', join(dir, 'nope.gguf'), 'hello');
    expect(code).toBe(9);
    expect(err.join('\n')).toMatch(/nope\.gguf/);
  });
});

describe('bastion history', () => {
  it('turns off, on, and clears', async () => {
    await cli('ask', '--no-llm', 'what should I fix first?');
    expect((await cli('history', 'off')).out).toEqual({ history: 'off' });
    expect((await cli('history', 'on')).out).toEqual({ history: 'on' });
    const cleared = (await cli('history', 'clear')).out as { deleted: number };
    expect(cleared.deleted).toBeGreaterThan(0);
    expect((await cli('history', 'clear')).out).toEqual({ deleted: 0 });
  });
});

describe('bastion models', () => {
  it('lists the catalog, imports a GGUF, uses and removes it', async () => {
    const list = (await cli('models', 'list')).out as { name: string }[];
    expect(list.map((m) => m.name)).toContain('gemma3-270m');
    const file = join(dir, 'local-model.gguf');
    writeFileSync(file, minimalGguf({ architecture: 'llama' }));
    const imported = await cli('models', 'import', file, '--use');
    expect(imported.out).toMatchObject({ name: 'local-model', active: true });
    expect(((await cli('models', 'list')).out as { name: string; active: boolean }[]).find((m) => m.name === 'local-model')?.active).toBe(true);
    expect((await cli('models', 'remove', 'local-model')).out).toEqual({ removed: 'local-model', wasActive: true });
    expect((await cli('models', 'use', 'local-model')).code).toBe(6);
  });

  it('refuses to import something that is not a GGUF', async () => {
    const file = join(dir, 'fake.gguf');
    writeFileSync(file, 'not a model');
    expect((await cli('models', 'import', file)).code).toBe(3);
  });
});
