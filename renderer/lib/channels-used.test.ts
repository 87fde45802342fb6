import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_LIST, EVENT_LIST } from '../../electron/ipc/names';

// Every channel in the contract is there for the app: one the renderer never calls is either a missing screen or a
// channel to delete (contract, names and handler). Read from the sources as written: a call is the quoted name.

const RENDERER = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const files = sources(RENDERER).map((p) => ({ path: relative(RENDERER, p), text: readFileSync(p, 'utf8') }));
const usedBy = (name: string) => files.filter((f) => f.text.includes(`'${name}'`)).map((f) => f.path);

describe('the contract has no channel the app does not use', () => {
  it('reads the renderer sources', () => {
    expect(files.some((f) => f.path === join('lib', 'ipc.ts'))).toBe(true);
  });
  it.each(CHANNEL_LIST)('%s is called by the renderer', (channel) => {
    expect(usedBy(channel), `no renderer file calls '${channel}': use it where a person needs it, or delete it from contract.ts, names.ts and its handler`).not.toEqual([]);
  });
  it.each(EVENT_LIST)('%s is listened to by the renderer', (event) => {
    expect(usedBy(event), `no renderer file listens to '${event}'`).not.toEqual([]);
  });
});
