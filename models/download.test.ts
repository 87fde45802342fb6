import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BastionError } from '../electron/core';
import { downloadModel } from './download';

const BODY = randomBytes(300_000);
const SHA = createHash('sha256').update(BODY).digest('hex');
const PLENTY = () => 100 * 2 ** 30;

type Mode = 'ok' | 'cut' | 'error' | 'no-range';
let mode: Mode = 'ok';
let requests: IncomingHttpHeaders[] = [];
let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.headers);
    if (mode === 'error') {
      res.writeHead(503).end('busy');
      return;
    }
    const m = mode !== 'no-range' ? /^bytes=(\d+)-$/.exec(req.headers.range ?? '') : null;
    const start = m ? Number(m[1]) : 0;
    if (start >= BODY.length) {
      res.writeHead(416).end();
      return;
    }
    const slice = BODY.subarray(start);
    res.writeHead(m ? 206 : 200, {
      'content-length': String(slice.length),
      ...(m ? { 'content-range': `bytes ${start}-${BODY.length - 1}/${BODY.length}` } : {}),
    });
    if (mode === 'cut') {
      // Send a part, then drop the connection: a network failure mid-download.
      res.write(slice.subarray(0, 100_000), () => res.destroy());
      return;
    }
    res.end(slice);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/model.gguf`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-dl-'));
  mode = 'ok';
  requests = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return e instanceof BastionError ? e.code : `not-bastion: ${(e as Error).message}`;
  }
  return undefined;
}

describe('downloadModel', () => {
  it('downloads, verifies the sha256, reports progress and renames into place', async () => {
    const dest = join(dir, 'm.gguf');
    const seen: number[] = [];
    const r = await downloadModel({ url: base, dest, sha256: SHA, freeBytes: PLENTY, onProgress: (d) => seen.push(d) });
    expect(readFileSync(dest).equals(BODY)).toBe(true);
    expect(r).toMatchObject({ bytes: BODY.length, sha256: SHA, verified: true, resumedFrom: 0 });
    expect(seen.at(-1)).toBe(BODY.length);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('keeps the partial file after a dropped connection and resumes it with an HTTP Range request', async () => {
    const dest = join(dir, 'm.gguf');
    mode = 'cut';
    expect(await codeOf(downloadModel({ url: base, dest, sha256: SHA, freeBytes: PLENTY }))).toBe('MODEL_ERROR');
    expect(existsSync(dest)).toBe(false);
    const partial = statSync(`${dest}.part`).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(BODY.length);

    mode = 'ok';
    const r = await downloadModel({ url: base, dest, sha256: SHA, freeBytes: PLENTY });
    expect(requests.at(-1)?.range).toBe(`bytes=${partial}-`);
    expect(r.resumedFrom).toBe(partial);
    expect(readFileSync(dest).equals(BODY)).toBe(true);
  });

  it('starts over when the server ignores the Range request', async () => {
    const dest = join(dir, 'm.gguf');
    writeFileSync(`${dest}.part`, BODY.subarray(0, 5000));
    mode = 'no-range';
    await downloadModel({ url: base, dest, sha256: SHA, freeBytes: PLENTY });
    expect(readFileSync(dest).equals(BODY)).toBe(true);
  });

  it('deletes a download whose sha256 does not match and leaves nothing in place', async () => {
    const dest = join(dir, 'm.gguf');
    expect(await codeOf(downloadModel({ url: base, dest, sha256: 'a'.repeat(64), freeBytes: PLENTY }))).toBe('BAD_FILE');
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('reports a server error clearly', async () => {
    mode = 'error';
    const dest = join(dir, 'm.gguf');
    const e = await downloadModel({ url: base, dest, freeBytes: PLENTY }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BastionError);
    expect((e as BastionError).code).toBe('MODEL_ERROR');
    expect((e as BastionError).message).toContain('HTTP 503');
    expect(existsSync(dest)).toBe(false);
  });

  it('refuses to start when the disk is too full, writing nothing', async () => {
    const dest = join(dir, 'm.gguf');
    expect(await codeOf(downloadModel({ url: base, dest, sha256: SHA, freeBytes: () => 1000 }))).toBe('TOO_LARGE');
    expect(existsSync(`${dest}.part`)).toBe(false);
    expect(existsSync(dest)).toBe(false);
  });

  it('stops a download that grows past the expected size', async () => {
    const dest = join(dir, 'm.gguf');
    expect(await codeOf(downloadModel({ url: base, dest, maxBytes: 1000, freeBytes: PLENTY }))).toBe('TOO_LARGE');
    expect(existsSync(dest)).toBe(false);
  });

  it('asks the policy hook first and makes no request when it says no', async () => {
    const dest = join(dir, 'm.gguf');
    const asked: string[] = [];
    const canDownload = (uri: string) => {
      asked.push(uri);
      return { allowed: false, reason: 'managed policy' };
    };
    expect(await codeOf(downloadModel({ uri: 'hf:x/y/z.gguf', url: base, dest, canDownload, freeBytes: PLENTY }))).toBe('POLICY_DENIED');
    expect(asked).toEqual(['hf:x/y/z.gguf']);
    expect(requests).toHaveLength(0);
  });

  it('tells the egress log of every request it makes and every one policy refused, before the request', async () => {
    const dest = join(dir, 'm.gguf');
    const seen: { url: string; allowed: boolean; detail?: string; requestsSoFar: number }[] = [];
    const onEgress = (e: { url: string; allowed: boolean; detail?: string }) => seen.push({ ...e, requestsSoFar: requests.length });
    await codeOf(downloadModel({ url: base, dest, onEgress, canDownload: () => ({ allowed: false, reason: 'downloads are off' }), freeBytes: PLENTY }));
    await downloadModel({ url: base, dest, sha256: SHA, onEgress, freeBytes: PLENTY });
    expect(seen).toEqual([
      { url: base, allowed: false, detail: 'downloads are off', requestsSoFar: 0 },
      { url: base, allowed: true, requestsSoFar: 0 },
    ]);
    expect(requests).toHaveLength(1);
  });

  it('accepts an unverified download but returns the hash it computed', async () => {
    const dest = join(dir, 'm.gguf');
    const r = await downloadModel({ url: base, dest, freeBytes: PLENTY, canDownload: () => true });
    expect(r).toMatchObject({ verified: false, sha256: SHA });
  });
});
