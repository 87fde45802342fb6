import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZxcvbn, ZXCVBN_MODULES, type ZxcvbnModuleName } from './zxcvbn-build';
import { buildZxcvbnIndex, decodeZxcvbnIndex, encodeZxcvbnIndex, trieFind, trieHas, type ZxcvbnIndex } from './zxcvbn-index';
import { installedZxcvbnIndexKey, loadZxcvbnIndex, writeZxcvbnIndex } from './zxcvbn-index-file';
import { isCommonPassword, L33T_MAX_SUBSTITUTIONS } from './zxcvbn';

const req = createRequire(import.meta.url);
const load = (n: ZxcvbnModuleName) => req(ZXCVBN_MODULES[n]);
let dir: string;
let built: ZxcvbnIndex;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastion-zxidx-'));
  built = buildZxcvbnIndex(load, 'test-key');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytesOf = (v: ArrayBufferView) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

describe('zxcvbn index', () => {
  it('holds every word of every dictionary with the rank zxcvbn gives it, and nothing else', () => {
    const common = load('common');
    const en = load('en');
    const dictionary: Record<string, string[]> = { ...common.dictionary, ...en.dictionary };
    expect(built.names).toEqual(Object.keys(dictionary));
    const stock = new (load('core').Options)({ dictionary }).rankedDictionaries as Record<string, Record<string, number>>;
    let words = 0;
    for (const [d, name] of built.names.entries()) {
      const ranked = Object.entries(stock[name]!);
      // Every 50th word of each list (all of the short ones): present, with the rank zxcvbn's own object holds.
      for (let i = 0; i < ranked.length; i += ranked.length > 500 ? 50 : 1) {
        const [word, rank] = ranked[i]!;
        const node = trieFind(built.all, word);
        const ranks = [];
        for (let e = built.all.entryOff[node]!; e < built.all.entryOff[node + 1]!; e++) if (built.all.entryDict[e] === d) ranks.push(built.all.entryRank[e]);
        expect([word, ranks]).toEqual([word, [rank]]);
        words++;
      }
    }
    expect(words).toBeGreaterThan(4000);
    expect(trieHas(built.all, 'qzxqzxqzx', built.names.indexOf('passwords-common'))).toBe(false);
  });

  it('decodes what it encodes, as views over the same bytes, and refuses other keys, formats and truncated files', () => {
    const bytes = encodeZxcvbnIndex(built);
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    const back = decodeZxcvbnIndex(shared, 'test-key')!;
    expect(back.names).toEqual(built.names);
    for (const t of ['all', 'wordSequence'] as const) {
      for (const a of ['char', 'firstChild', 'childCount', 'entryOff', 'entryDict', 'entryRank'] as const) {
        expect([t, a, back[t][a].length, bytesOf(back[t][a]).equals(bytesOf(built[t][a]))]).toEqual([t, a, built[t][a].length, true]);
      }
    }
    expect(back.all.entryRank.buffer).toBe(shared.buffer);
    expect(back.all.firstChild.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(decodeZxcvbnIndex(shared, 'other-key')).toBeNull();
    expect(decodeZxcvbnIndex(shared.slice(0, shared.length - 1000), 'test-key')).toBeNull();
    expect(decodeZxcvbnIndex(new TextEncoder().encode('not an index at all'), 'test-key')).toBeNull();
  });

  it('loads the prebuilt file when it matches the installed packages, else builds the same index in memory', () => {
    const file = join(dir, 'zxcvbn-index.bin');
    expect(loadZxcvbnIndex(file).from).toBe('memory'); // missing
    writeZxcvbnIndex(file);
    const fromFile = loadZxcvbnIndex(file);
    expect(fromFile.from).toBe('file');
    expect(fromFile.index.key).toBe(installedZxcvbnIndexKey());
    expect(loadZxcvbnIndex(file, 'core@0.0.0 common@0.0.0 en@0.0.0 format@1').from).toBe('memory'); // stale
    writeFileSync(file, readFileSync(file).subarray(0, 5000));
    expect(loadZxcvbnIndex(file).from).toBe('memory'); // truncated
  });

  it('scores exactly as stock zxcvbn-ts from a decoded index in shared memory, l33t and non-ASCII included', () => {
    const bytes = encodeZxcvbnIndex(built);
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    const fast = buildZxcvbn(load, { l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS, fast: true, index: decodeZxcvbnIndex(shared, 'test-key')! });
    const stock = buildZxcvbn(load, { l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS, fast: false });
    const pws = ['P@ssw0rd', 'correcthorsebatterystaple', 'Tr0ub4dor&3', 'onetwothree', 'xK9#mQ2$vL7!pR4@', 'ÄpfelBäume2024', 'mañana123', 'drowssap'];
    // Words with l33t substitutions the zxcvbn table knows, multi-character ones included (|_| for u, nn for m, uu for
    // w, |< for k), mixed case, reversed, with digits, and a few non-ASCII letters (lower-casing can change lengths).
    let seed = 5;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const subs: Record<string, string[]> = { a: ['4', '@'], e: ['3'], i: ['1', '!'], o: ['0', '()'], s: ['$', '5'], t: ['7'], u: ['|_|'], m: ['nn'], w: ['uu', 'vv'], k: ['|<'], l: ['1', '|'], c: ['('], x: ['><'], h: ['|-|'] };
    const leet = (w: string) => [...w].map((ch) => (subs[ch] && rnd() < 0.5 ? pick(subs[ch]!) : rnd() < 0.2 ? ch.toUpperCase() : ch)).join('');
    const words = ['password', 'monkey', 'summer', 'william', 'mummy', 'window', 'knight', 'hello', 'master', 'welcome', 'shadow', 'dragon'];
    for (let i = 0; i < 120; i++) {
      const w = leet(pick(words)) + (rnd() < 0.5 ? leet(pick(words)) : '') + (rnd() < 0.5 ? String(Math.floor(rnd() * 2000)) : '');
      pws.push(rnd() < 0.2 ? [...w].reverse().join('') : w);
    }
    for (let i = 0; i < 20; i++) pws.push(leet(pick(words)) + pick(['é', 'İ', 'ß', 'Ø', 'ñ', '日本']) + leet(pick(words)));
    expect(pws.map((p) => [p, fast.check(p).guessesLog10])).toEqual(pws.map((p) => [p, stock.check(p).guessesLog10]));
  });

  it('tells common passwords as the shipped list has them, in any case', () => {
    const list = load('common').dictionary['passwords-common'] as string[];
    for (const p of list.slice(0, 50)) expect(isCommonPassword(p)).toBe(true);
    expect(isCommonPassword('PASSWORD')).toBe(true);
    expect(isCommonPassword('xK9#mQ2$vL7!pR4@')).toBe(false);
  });
});
