import { isBastionError } from '../core';
import type { Host } from './host';

// Small reading helpers over the host port, shared by the checks.

const TEXT_CAP = 1024 * 1024;

export type TextRead = { ok: true; text: string } | { ok: false; why: 'absent' | 'not_a_file' | 'unreadable'; detail: string };

/** A small text file (config, /proc, /sys), capped. Never throws: absent or unreadable files say why. */
export async function readText(host: Host, path: string, cap = TEXT_CAP): Promise<TextRead> {
  try {
    const info = await host.fs.lstat(path);
    if (!info) return { ok: false, why: 'absent', detail: `${path} does not exist` };
    if (info.kind === 'symlink') {
      // Follow one level for config files that are symlinks (dotfile managers); sysfs symlinks are dirs, not read here.
      return { ok: true, text: decode(await host.fs.readHead(resolveLink(path, await host.fs.readlink(path)), cap)) };
    }
    if (info.kind !== 'file') return { ok: false, why: 'not_a_file', detail: `${path} is not a regular file` };
    return { ok: true, text: decode(await host.fs.readHead(path, cap)) };
  } catch (e) {
    return { ok: false, why: 'unreadable', detail: `${path} cannot be read (${errCode(e)})` };
  }
}

export function resolveLink(from: string, target: string): string {
  if (target.startsWith('/')) return target;
  const parts = from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/') || '/';
}

/** An error's code for evidence: errno codes and our own messages only, since a parser's error text can quote the
 * file it choked on (a credential). */
export function errCode(e: unknown): string {
  if (isBastionError(e)) return e.message.replace(/\.$/, '');
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : e instanceof Error ? e.name : 'unknown error';
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/** Summarises a command that did not give a usable answer, for an evidence line. */
export function commandTrouble(line: string, r: { code: number | null; stderr: string; error?: string }): string {
  if (r.error === 'not_found') return `${line}: not installed`;
  if (r.error === 'timeout') return `${line}: timed out`;
  if (r.error === 'refused') return `${line}: not allowed`;
  const first = r.stderr.trim().split('\n')[0] ?? '';
  return `${line}: exit ${r.code ?? '?'}${first ? ` (${first.slice(0, 160)})` : ''}`;
}
