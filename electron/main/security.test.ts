import { describe, expect, it } from 'vitest';
import { parseAppOrigin, PACKAGED_ORIGIN } from '../ipc/app-origin';
import { resolveAppAsset } from './asset-path';
import { contentSecurityPolicy } from './csp';
import { checkExternalUrl, createOpenExternalPort } from './external';
import { decideNavigation, windowOpenHandler } from './navigation';
import { checkAccelerator, swapHotkey, type GlobalShortcutLike } from './shortcuts';
import { createWebPreferences } from './web-preferences';
import { decideRequest } from './web-request';

describe('createWebPreferences', () => {
  it('pins every security-relevant field', () => {
    const p = createWebPreferences({ preload: '/app/out/preload/index.cjs' });
    expect(p).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      devTools: false,
    });
    expect(p.enableBlinkFeatures).toBe('');
    expect(p.disableBlinkFeatures).toBe('Auxclick');
    expect(Object.isFrozen(p)).toBe(true);
    expect(() => ((p as { sandbox: boolean }).sandbox = false)).toThrow();
  });
  it('refuses a window without the preload', () => {
    expect(() => createWebPreferences({ preload: '' })).toThrow(/preload/);
  });
});

describe('navigation guard', () => {
  const https = parseAppOrigin('https://app.example.com');
  it('allows only the app origin', () => {
    expect(decideNavigation('https://app.example.com/index.html#/audit', https).allow).toBe(true);
    expect(decideNavigation('app://bastion/index.html', PACKAGED_ORIGIN).allow).toBe(true);
  });
  it.each([
    'https://app.example.com.attacker.com/',
    'https://attacker.com/?https://app.example.com',
    'https://app.example.com@attacker.com/',
    'https://user:pw@app.example.com/',
    'http://app.example.com/',
    'https://app.example.com:8443/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'file:///work/main/out/renderer/index.html',
    'data:text/html,<script>alert(1)</script>',
    'not a url',
  ])('refuses %s', (url) => {
    expect(decideNavigation(url, https).allow).toBe(false);
    expect(decideNavigation(url, PACKAGED_ORIGIN).allow).toBe(false);
  });
  it('denies every window.open', () => {
    expect(windowOpenHandler()).toEqual({ action: 'deny' });
  });
  it('only accepts loopback for plain-http origins', () => {
    expect(() => parseAppOrigin('http://example.com')).toThrow(/loopback/);
    expect(() => parseAppOrigin('file:///x')).toThrow();
  });
});

describe('web request filter', () => {
  const o = parseAppOrigin('http://127.0.0.1:5173');
  it('passes the app origin and local schemes', () => {
    expect(decideRequest('http://127.0.0.1:5173/assets/a.js', o).cancel).toBe(false);
    expect(decideRequest('data:image/png;base64,AAAA', o).cancel).toBe(false);
    expect(decideRequest('ws://127.0.0.1:5173/', o).cancel).toBe(false);
  });
  it('blocks everything else', () => {
    for (const u of ['https://telemetry.example.com/x', 'http://127.0.0.1:5174/', 'ws://evil.com/', 'file:///etc/passwd', 'http://localhost:5173/']) {
      expect(decideRequest(u, o)).toMatchObject({ cancel: true });
    }
    expect(decideRequest('https://127.0.0.1:5173/', PACKAGED_ORIGIN).cancel).toBe(true);
  });
});

describe('openExternal', () => {
  it.each(['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'https://user:pw@example.com', 'https://localhost/', 'nonsense'])(
    'refuses %s',
    async (url) => {
      expect(checkExternalUrl(url).ok).toBe(false);
      const opened: string[] = [];
      const port = createOpenExternalPort(async (u) => void opened.push(u));
      await expect(port(url)).rejects.toThrow(/Refused/);
      expect(opened).toEqual([]);
    },
  );
  it('opens https', async () => {
    const opened: string[] = [];
    await createOpenExternalPort(async (u) => void opened.push(u))('https://example.com/.well-known/change-password');
    expect(opened).toEqual(['https://example.com/.well-known/change-password']);
  });
});

describe('CSP', () => {
  it('allows nothing remote, no inline script, no eval', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});

describe('app protocol asset resolution', () => {
  const root = '/app/out/renderer';
  it('maps app URLs into the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://bastion/')).toBe('/app/out/renderer/index.html');
    expect(resolveAppAsset(root, 'app://bastion/assets/index-abc.js')).toBe('/app/out/renderer/assets/index-abc.js');
  });
  it.each(['app://bastion/../../etc/passwd', 'app://bastion/%2e%2e/%2e%2e/etc/passwd'])('keeps dot segments inside the folder: %s', (url) => {
    expect(resolveAppAsset(root, url)).toBe('/app/out/renderer/etc/passwd');
  });
  it.each(['app://bastion/assets/..%2f..%2f..%2fetc/passwd', 'app://bastion/..%5c..%5cetc', 'app://other/index.html', 'file:///etc/passwd', 'app://bastion/a%00b'])(
    'refuses %s',
    (url) => expect(resolveAppAsset(root, url)).toBeNull(),
  );
});

describe('global hotkey', () => {
  function fakeShortcuts(taken: string[]): GlobalShortcutLike & { held: Set<string> } {
    const held = new Set<string>();
    return {
      held,
      register: (a) => (taken.includes(a) ? false : (held.add(a), true)),
      unregister: (a) => void held.delete(a),
      isRegistered: (a) => held.has(a),
    };
  }
  it('validates accelerators', () => {
    expect(checkAccelerator('CommandOrControl+Shift+Space')).toEqual({ ok: true, accelerator: 'CommandOrControl+Shift+Space' });
    expect(checkAccelerator('Alt+k')).toEqual({ ok: true, accelerator: 'Alt+K' });
    expect(checkAccelerator('Space').ok).toBe(false);
    expect(checkAccelerator('Shift+A').ok).toBe(false);
    expect(checkAccelerator('Hyper+A').ok).toBe(false);
    expect(checkAccelerator('Ctrl+Ctrl+A').ok).toBe(false);
  });
  it('reports a conflict and keeps the previous hotkey', () => {
    const gs = fakeShortcuts(['Alt+Space']);
    expect(swapHotkey(gs, null, 'CommandOrControl+Shift+Space', () => {}).ok).toBe(true);
    const r = swapHotkey(gs, 'CommandOrControl+Shift+Space', 'Alt+Space', () => {});
    expect(r).toMatchObject({ ok: false, conflict: expect.stringMatching(/already used/) });
    expect(gs.held.has('CommandOrControl+Shift+Space')).toBe(true);
    expect(swapHotkey(gs, 'CommandOrControl+Shift+Space', 'Alt+B', () => {}).ok).toBe(true);
    expect([...gs.held]).toEqual(['Alt+B']);
  });
});
