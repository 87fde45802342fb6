import { describe, expect, it } from 'vitest';
import { BastionError } from '../core';
import { parseAppOrigin, PACKAGED_ORIGIN } from './app-origin';
import { CHANNEL_NAMES, EVENT_NAMES } from './contract';
import { createRouter, handle } from './handle';
import { CHANNEL_LIST, EVENT_LIST } from './names';

const origin = PACKAGED_ORIGIN;
const ours = { frameUrl: 'app://bastion/index.html#/chat', isMainFrame: true };

describe('handle()', () => {
  const logged: unknown[] = [];
  const h = handle('kb:search', async (req) => ({ mode: 'keyword' as const, results: [], echo: req.query }), { origin, log: (_c, e) => logged.push(e) });

  it('answers our own main frame with a parsed, stripped response', async () => {
    const r = await h(ours, { query: 'sms 2fa' });
    expect(r).toEqual({ ok: true, value: { mode: 'keyword', results: [] } });
  });
  it.each([
    { frameUrl: 'app://bastion/index.html', isMainFrame: false },
    { frameUrl: 'https://evil.example/', isMainFrame: true },
    { frameUrl: 'app://bastion.attacker.com/index.html', isMainFrame: true },
    { frameUrl: 'file:///work/main/out/renderer/index.html', isMainFrame: true },
    { frameUrl: 'about:blank', isMainFrame: true },
  ])('refuses an untrusted frame %o', async (sender) => {
    let called = false;
    const guarded = handle('vault:report', () => ((called = true), { counts: { items: 0, logins: 0 }, score: 100, findings: [], excluded: [] }), { origin });
    const r = await guarded(sender, {});
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(called).toBe(false);
  });
  it('rejects requests that fail the schema', async () => {
    expect(await h(ours, { query: '' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await h(ours, { query: 'x', extra: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await h(ours, 'query')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
  it('keeps BastionError codes and hides everything else', async () => {
    const a = handle('vault:report', () => {
      throw new BastionError('NOT_FOUND', 'No vault imported yet.');
    }, { origin });
    expect(await a(ours, {})).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No vault imported yet.' } });
    const b = handle('vault:report', () => {
      throw new Error('SQLITE_CORRUPT at /home/user/secret/path');
    }, { origin, log: (_c, e) => logged.push(e) });
    const r = await b(ours, {});
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(r)).not.toContain('secret');
    expect(logged.length).toBeGreaterThan(0);
  });
  it('refuses a response that breaks the contract', async () => {
    const bad = handle('vault:report', () => ({ counts: 'many' }) as never, { origin });
    expect(await bad(ours, {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('router', () => {
  it('refuses unknown channels and foreign senders', async () => {
    const router = createRouter({ 'settings:get': () => ({ historyEnabled: true, hotkey: 'Alt+B', hotkeyEnabled: true, knowledgeFolders: [], theme: 'system', clipboardClearSeconds: 30, managed: [] }) }, { origin: parseAppOrigin('http://127.0.0.1:4000') });
    const me = { frameUrl: 'http://127.0.0.1:4000/', isMainFrame: true };
    expect(await router.dispatch('settings:get', me, {})).toMatchObject({ ok: true });
    expect(await router.dispatch('fs:readFile', me, { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await router.dispatch('__proto__', me, {})).toMatchObject({ ok: false });
    expect(await router.dispatch('vault:report', me, {})).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(await router.dispatch('settings:get', { frameUrl: 'http://127.0.0.1:4001/', isMainFrame: true }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });
  it('names.ts lists exactly the contract channels and events (what preload exposes)', () => {
    expect([...CHANNEL_LIST].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect([...EVENT_LIST].sort()).toEqual([...EVENT_NAMES].sort());
  });
});
