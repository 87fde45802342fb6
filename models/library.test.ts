import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BastionError } from '../electron/core';
import { BASE_MODEL_NOTE } from '../native';
import { CATALOG, resolveModelUri } from './catalog';
import { activeModelName, markModelAnswered, previousModelName, rollbackModel, useModel } from './active';
import { importModel, listModels, pullModel, removeModel, resolveModelPath } from './library';
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

describe('base vs instruct', () => {
  const CHATML = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n'}}{% endfor %}";

  it('reads the kind from the file at import: a chat template makes it instruct, none makes it base with a note', async () => {
    const inst = join(dir, 'inst.gguf');
    writeFileSync(inst, minimalGguf({ architecture: 'llama', chatTemplate: CHATML }));
    const base = join(dir, 'base.gguf');
    writeFileSync(base, minimalGguf({ architecture: 'gemma3' }));
    const i = await importModel(dir, inst);
    const b = await importModel(dir, base);
    expect(i).toMatchObject({ kind: 'instruct', kindNote: null });
    expect(i.kindReason).toMatch(/chat template/);
    expect(b).toMatchObject({ kind: 'base', kindNote: BASE_MODEL_NOTE });
    expect(b.kindNote).toMatch(/answers come from Bastion's engine; this model only phrases short intros/);
    // The kind survives in the sidecar and is reported by use and list.
    expect(useModel(dir, 'base')).toMatchObject({ kind: 'base', kindNote: BASE_MODEL_NOTE });
    const rows = listModels(dir);
    expect(rows.find((r) => r.name === 'base')).toMatchObject({ kind: 'base', kindNote: BASE_MODEL_NOTE, active: true });
    expect(rows.find((r) => r.name === 'inst')).toMatchObject({ kind: 'instruct', kindNote: null });
  });

  it('does not take an "instruct" name for a chat template', async () => {
    const src = join(dir, 'fake-instruct.gguf');
    writeFileSync(src, minimalGguf({ architecture: 'llama', finetune: 'instruct', name: 'Some-Model-Instruct' }));
    const m = await importModel(dir, src);
    expect(m.kind).toBe('base');
    expect(m.kindReason).toMatch(/no chat template.*instruct/);
  });

  it('lists catalog models with their kind before they are installed: SmolLM2 instruct, Gemma 3 270M base', () => {
    const rows = listModels(dir);
    expect(rows.find((r) => r.name === 'smollm2-135m-instruct')).toMatchObject({ kind: 'instruct', kindNote: null, installed: false });
    expect(rows.find((r) => r.name === 'gemma3-270m')).toMatchObject({ kind: 'base', kindNote: BASE_MODEL_NOTE });
  });

  it('reads a sidecar written before the kind existed: unknown, with a note saying how to check', async () => {
    const src = join(dir, 'old.gguf');
    writeFileSync(src, minimalGguf({ architecture: 'llama', chatTemplate: CHATML }));
    const m = await importModel(dir, src);
    const side = join(dir, 'models', 'old.json');
    const legacy = JSON.parse(readFileSync(side, 'utf8')) as Record<string, unknown>;
    delete legacy.kind;
    delete legacy.kindReason;
    delete legacy.answeredAt;
    writeFileSync(side, JSON.stringify(legacy));
    expect(listModels(dir).find((r) => r.name === 'old')).toMatchObject({ kind: null, kindNote: expect.stringMatching(/import it again/) });
    expect(useModel(dir, 'old').path).toBe(m.path);
  });
});

describe('rollback', () => {
  async function install(name: string): Promise<void> {
    const src = join(dir, `${name}.gguf`);
    writeFileSync(src, minimalGguf({ architecture: 'llama', name }));
    await importModel(dir, src);
  }

  it('remembers the previous model, keeps it until the new one has answered, and switches back', async () => {
    await install('old');
    await install('new');
    useModel(dir, 'old');
    expect(previousModelName(dir)).toBeNull();
    useModel(dir, 'new');
    expect(previousModelName(dir)).toBe('old');
    expect(listModels(dir).find((r) => r.name === 'old')).toMatchObject({ previous: true, active: false });
    // The new model has not answered: the old one may not be removed.
    expect(await codeOf(() => removeModel(dir, 'old'))).toBe('CONFLICT');
    expect(existsSync(join(dir, 'models', 'old.gguf'))).toBe(true);

    const back = rollbackModel(dir);
    expect(back.from).toBe('new');
    expect(back.to.name).toBe('old');
    expect(activeModelName(dir)).toBe('old');
    expect(previousModelName(dir)).toBe('new');
    // Rolling back again is a roll forward.
    expect(rollbackModel(dir).to.name).toBe('new');
  });

  it('allows removing the previous model once the new one has answered (by name or by path)', async () => {
    await install('old');
    await install('new');
    useModel(dir, 'old');
    const n = useModel(dir, 'new');
    expect(markModelAnswered(dir, n.path)).toBe(true);
    expect(markModelAnswered(dir, 'new')).toBe(false); // already recorded
    expect(removeModel(dir, 'old')).toEqual({ removed: 'old', wasActive: false });
    expect(previousModelName(dir)).toBeNull();
    expect(await codeOf(() => rollbackModel(dir))).toBe('NOT_FOUND');
  });

  it('can roll back after the active model was removed', async () => {
    await install('old');
    await install('bad');
    useModel(dir, 'old');
    useModel(dir, 'bad');
    expect(removeModel(dir, 'bad')).toEqual({ removed: 'bad', wasActive: true });
    expect(activeModelName(dir)).toBeNull();
    const r = rollbackModel(dir);
    expect(r).toMatchObject({ from: null, to: { name: 'old' } });
    expect(activeModelName(dir)).toBe('old');
  });

  it('says there is nothing to roll back to with one model, and when the previous file is gone', async () => {
    await install('only');
    useModel(dir, 'only');
    expect(await codeOf(() => rollbackModel(dir))).toBe('NOT_FOUND');
    await install('two');
    useModel(dir, 'two');
    rmSync(join(dir, 'models', 'only.gguf'));
    expect(previousModelName(dir)).toBeNull();
    expect(await codeOf(() => rollbackModel(dir))).toBe('NOT_FOUND');
  });

  it('treats a damaged active.json as no active model rather than failing', async () => {
    await install('a');
    useModel(dir, 'a');
    writeFileSync(join(dir, 'models', 'active.json'), '{"name": 42');
    expect(activeModelName(dir)).toBeNull();
    expect(useModel(dir, 'a').name).toBe('a');
    expect(activeModelName(dir)).toBe('a');
  });
});
