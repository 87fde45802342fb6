import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BastionError } from '../electron/core';
import { CATALOG, resolveModelUri } from './catalog';
import { activeModelName, importModel, listModels, pullModel, removeModel, resolveModelPath, useModel } from './library';
import { minimalGguf } from './test-gguf';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-models-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string | undefined> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e instanceof BastionError ? e.code : `not-bastion: ${(e as Error).message}`;
  }
  return undefined;
}

describe('catalog', () => {
  it('has tiered entries with a license and context size, and a sha256 only where one is 64 hex chars', () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(3);
    const names = new Set(CATALOG.map((e) => e.name));
    expect(names.size).toBe(CATALOG.length);
    for (const e of CATALOG) {
      expect(e.uri).toMatch(/^hf:[^/]+\/[^/]+\/.+\.gguf$/);
      expect(e.license.length).toBeGreaterThan(0);
      expect(e.contextSize).toBeGreaterThan(1000);
      if (e.sha256 !== null) expect(e.sha256).toMatch(/^[0-9a-f]{64}$/);
      else expect(e.sha256Note).toMatch(/unverified/);
    }
    const tiers = CATALOG.map((e) => e.tier.ramGb);
    expect([...tiers].sort((a, b) => a - b)).toEqual(tiers);
  });

  it('resolves hf: URIs and refuses other schemes', () => {
    expect(resolveModelUri('hf:Org/Repo-GGUF/model-Q4.gguf')).toBe('https://huggingface.co/Org/Repo-GGUF/resolve/main/model-Q4.gguf');
    expect(() => resolveModelUri('file:///etc/passwd')).toThrow(/Unsupported/);
  });
});

describe('import / use / remove', () => {
  it('imports a GGUF, makes it active, lists it and removes it', async () => {
    const src = join(dir, 'My-Model.gguf');
    writeFileSync(src, minimalGguf({ architecture: 'llama' }));
    const m = await importModel(dir, src);
    expect(m).toMatchObject({ name: 'My-Model', architecture: 'llama', verified: false });
    expect(m.sha256).toBe(createHash('sha256').update(minimalGguf({ architecture: 'llama' })).digest('hex'));
    useModel(dir, 'My-Model');
    expect(activeModelName(dir)).toBe('My-Model');
    expect(resolveModelPath({ dataDir: dir, env: {} })).toBe(m.path);
    expect(listModels(dir).find((r) => r.name === 'My-Model')).toMatchObject({ installed: true, active: true });
    expect(removeModel(dir, 'My-Model')).toEqual({ removed: 'My-Model', wasActive: true });
    expect(existsSync(m.path)).toBe(false);
    expect(activeModelName(dir)).toBeNull();
  });

  it('refuses a file that is not a GGUF, or a GGUF with no architecture, and copies nothing', async () => {
    const bad = join(dir, 'notes.gguf');
    writeFileSync(bad, 'just some text pretending to be a model');
    expect(await codeOf(importModel(dir, bad))).toBe('BAD_FILE');
    const noArch = join(dir, 'noarch.gguf');
    writeFileSync(noArch, minimalGguf());
    expect(await codeOf(importModel(dir, noArch))).toBe('BAD_FILE');
    expect(existsSync(join(dir, 'models')) ? readdirSync(join(dir, 'models')) : []).toEqual([]);
  });

  it('refuses to import a file under a catalog name when its hash differs from the catalog', async () => {
    const src = join(dir, 'gemma3-270m.gguf');
    writeFileSync(src, minimalGguf({ architecture: 'gemma3' }));
    expect(await codeOf(importModel(dir, src))).toBe('BAD_FILE');
    expect(existsSync(join(dir, 'models', 'gemma3-270m.gguf'))).toBe(false);
  });

  it('will not use or remove a model that is not installed', async () => {
    expect(await codeOf(() => useModel(dir, 'nope'))).toBe('NOT_FOUND');
    expect(await codeOf(() => removeModel(dir, 'nope'))).toBe('NOT_FOUND');
  });

  it('picks --model over BASTION_MODEL over the active model', async () => {
    const src = join(dir, 'a.gguf');
    writeFileSync(src, minimalGguf({ architecture: 'llama' }));
    const m = await importModel(dir, src);
    useModel(dir, 'a');
    expect(resolveModelPath({ dataDir: dir, env: { BASTION_MODEL: '/x/env.gguf' }, flag: '/x/flag.gguf' })).toBe('/x/flag.gguf');
    expect(resolveModelPath({ dataDir: dir, env: { BASTION_MODEL: '/x/env.gguf' } })).toBe('/x/env.gguf');
    expect(resolveModelPath({ dataDir: dir, env: {} })).toBe(m.path);
  });
});

describe('pull (against a loopback server)', () => {
  let server: Server;
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  it('downloads a catalog model, then refuses a non-GGUF payload', async () => {
    let payload = minimalGguf({ architecture: 'qwen2' });
    server = createServer((_req, res) => res.writeHead(200, { 'content-length': String(payload.length) }).end(payload));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/m.gguf`;
    const m = await pullModel(dir, 'qwen2.5-1.5b-instruct', { url, freeBytes: () => 2 ** 40 });
    expect(m).toMatchObject({ name: 'qwen2.5-1.5b-instruct', architecture: 'qwen2', verified: false });
    expect(listModels(dir).find((r) => r.name === 'qwen2.5-1.5b-instruct')?.installed).toBe(true);

    payload = Buffer.from('<html>not found</html>');
    expect(await codeOf(pullModel(dir, 'llama3.2-3b-instruct', { url, freeBytes: () => 2 ** 40 }))).toBe('BAD_FILE');
    expect(existsSync(join(dir, 'models', 'llama3.2-3b-instruct.gguf'))).toBe(false);
  });

  it('names an unknown catalog model', async () => {
    server = createServer();
    expect(await codeOf(pullModel(dir, 'no-such-model'))).toBe('NOT_FOUND');
  });
});
