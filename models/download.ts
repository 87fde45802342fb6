// Resumable, verified model download: HTTP Range into DEST.part, sha256 over the whole file, then rename into place.
// Only ever started by the user (`bastion models pull`), and only when the managed-policy hook allows the URI.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, rmSync, statSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { open } from 'node:fs/promises';
import { BastionError } from '../electron/core';

/** Managed policy's say on a download (the enterprise capability provides it; default allow). */
export type CanDownload = (uri: string) => boolean | { allowed: boolean; reason?: string };

export interface DownloadOptions {
  /** What policy is asked about (e.g. the catalog's hf: URI); defaults to `url`. */
  uri?: string;
  url: string;
  dest: string;
  /** Lower-case hex; null/undefined = unverified (the computed hash is still returned). */
  sha256?: string | null;
  /** Refuse a download that grows past this many bytes (a hostile or wrong server). */
  maxBytes?: number;
  onProgress?: (done: number, total: number | null) => void;
  canDownload?: CanDownload;
  /** Told of every request before it is made, and of every one policy refused (the egress log). */
  onEgress?: (e: { url: string; allowed: boolean; detail?: string }) => void;
  /** Free bytes where DEST lives; injectable so tests can simulate a full disk. */
  freeBytes?: (dir: string) => number;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  sha256: string;
  verified: boolean;
  resumedFrom: number;
}

/** Keep this much free beyond the file itself so the OS and the database are never starved. */
const DISK_MARGIN = 64 * 1024 * 1024;

export function defaultFreeBytes(dir: string): number {
  const s = statfsSync(dir);
  return Number(s.bavail) * Number(s.bsize);
}

export function checkPolicy(canDownload: CanDownload | undefined, uri: string, onRefused?: (reason: string) => void): void {
  if (!canDownload) return;
  const verdict = canDownload(uri);
  const allowed = typeof verdict === 'boolean' ? verdict : verdict.allowed;
  if (!allowed) {
    const reason = typeof verdict === 'object' && verdict.reason ? `: ${verdict.reason}` : '';
    onRefused?.(reason ? reason.slice(2) : 'refused by policy');
    throw new BastionError('POLICY_DENIED', `Model downloads are not allowed by policy${reason}. Ask your administrator, or use \`bastion models import FILE\`.`);
  }
}

export async function downloadModel(opts: DownloadOptions): Promise<DownloadResult> {
  checkPolicy(opts.canDownload, opts.uri ?? opts.url, (detail) => opts.onEgress?.({ url: opts.url, allowed: false, detail }));
  const part = `${opts.dest}.part`;
  mkdirSync(dirname(opts.dest), { recursive: true });
  let have = existsSync(part) ? statSync(part).size : 0;
  const resumedFrom = have;
  const doFetch = opts.fetchImpl ?? fetch;

  let res: Response;
  opts.onEgress?.({ url: opts.url, allowed: true, ...(have > 0 ? { detail: `resuming at byte ${have}` } : {}) });
  try {
    res = await doFetch(opts.url, { headers: have > 0 ? { Range: `bytes=${have}-` } : {}, signal: opts.signal, redirect: 'follow' });
  } catch (e) {
    if (opts.signal?.aborted) throw new BastionError('CANCELLED', 'Download cancelled; run the same command again to resume.');
    throw new BastionError('MODEL_ERROR', `Cannot reach ${hostOf(opts.url)}: ${(e as Error).message}`, { cause: e });
  }

  let append: boolean;
  let total: number | null;
  if (res.status === 416 && have > 0) {
    // The part is already complete (server has nothing past it): verify it below.
    await res.body?.cancel();
    return finish(opts, part, have, resumedFrom);
  } else if (res.status === 206 && have > 0) {
    append = true;
    const range = /\/(\d+)\s*$/.exec(res.headers.get('content-range') ?? '');
    total = range ? Number(range[1]) : lengthOf(res, have);
  } else if (res.status === 200) {
    // The server ignored the Range request: start over.
    append = false;
    have = 0;
    total = lengthOf(res, 0);
  } else {
    await res.body?.cancel();
    throw new BastionError('MODEL_ERROR', `Download failed: ${hostOf(opts.url)} answered HTTP ${res.status}; try again later (the partial file is kept).`);
  }
  if (!res.body) throw new BastionError('MODEL_ERROR', `Download failed: ${hostOf(opts.url)} sent no data.`);
  if (opts.maxBytes !== undefined && total !== null && total > opts.maxBytes) {
    await res.body.cancel();
    throw new BastionError('TOO_LARGE', `The server offers ${total} bytes, more than the ${opts.maxBytes} expected; not downloading.`);
  }

  const need = total !== null ? total - have : 0;
  const free = (opts.freeBytes ?? defaultFreeBytes)(dirname(opts.dest));
  if (need + DISK_MARGIN > free) {
    await res.body.cancel();
    throw new BastionError('TOO_LARGE', `Not enough disk space in ${dirname(opts.dest)}: the model needs ${mb(need)} MB (+${mb(DISK_MARGIN)} MB margin), ${mb(free)} MB free.`);
  }

  let done = have;
  // Plain awaited writes (not a piped stream): everything received before a failure is on disk, ready to resume.
  const fh = await open(part, append ? 'a' : 'w');
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      done += chunk.length;
      if (opts.maxBytes !== undefined && done > opts.maxBytes) {
        throw new BastionError('TOO_LARGE', `The download grew past the expected ${opts.maxBytes} bytes; stopped.`);
      }
      await fh.write(chunk);
      opts.onProgress?.(done, total);
    }
  } catch (e) {
    if (e instanceof BastionError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new BastionError('TOO_LARGE', `The disk filled up while downloading to ${dirname(opts.dest)}; free some space and run the command again to resume.`);
    if (opts.signal?.aborted) throw new BastionError('CANCELLED', 'Download cancelled; run the same command again to resume.');
    throw new BastionError('MODEL_ERROR', `Download interrupted after ${mb(done)} MB (${(e as Error).message}); run the same command again to resume.`, { cause: e });
  } finally {
    await fh.close();
  }
  if (total !== null && done !== total) {
    throw new BastionError('MODEL_ERROR', `Download ended early (${done} of ${total} bytes); run the same command again to resume.`);
  }
  return finish(opts, part, done, resumedFrom);
}

async function finish(opts: DownloadOptions, part: string, bytes: number, resumedFrom: number): Promise<DownloadResult> {
  const sha256 = await sha256File(part);
  if (opts.sha256 && sha256 !== opts.sha256.toLowerCase()) {
    rmSync(part, { force: true });
    throw new BastionError('BAD_FILE', `The downloaded file's sha256 (${sha256}) does not match the catalog (${opts.sha256}); it was deleted. Try again.`);
  }
  renameSync(part, opts.dest);
  return { path: opts.dest, bytes, sha256, verified: Boolean(opts.sha256), resumedFrom };
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function lengthOf(res: Response, offset: number): number | null {
  const n = Number(res.headers.get('content-length'));
  return Number.isFinite(n) && n > 0 ? offset + n : null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const mb = (n: number) => Math.ceil(n / 2 ** 20);
