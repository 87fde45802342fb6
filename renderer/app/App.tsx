import { useEffect, useRef } from 'react';
import { AuditView } from '../features/audit/AuditView';
import { Chat } from '../features/chat/Chat';
import { ConfirmDialog } from '../features/confirm/ConfirmDialog';
import { GeneratedPanel } from '../features/confirm/GeneratedPanel';
import { PolicyBanner } from '../features/policy/PolicyBanner';
import { Dashboard } from '../features/dashboard/Dashboard';
import { FirstRun } from '../features/firstrun/FirstRun';
import { CommandPalette } from '../features/palette/CommandPalette';
import { Settings } from '../features/settings/Settings';
import { commandForKey, displayShortcut, type Route } from '../lib/commands';
import { call, on } from '../lib/ipc';
import { connectEvents, useApp } from '../store/app';
import { isMac, runCommand } from './run-command';

const NAV: { route: Route; label: string; shortcut: string }[] = [
  { route: 'chat', label: 'Chat', shortcut: 'Mod+1' },
  { route: 'dashboard', label: 'Vault health', shortcut: 'Mod+2' },
  { route: 'audit', label: 'Audit log', shortcut: 'Mod+3' },
  { route: 'settings', label: 'Settings', shortcut: 'Mod+4' },
];

export function App() {
  // One value per selector: a streamed token changes `messages`, which none of these read, so the shell stays put.
  const route = useApp((s) => s.route);
  const theme = useApp((s) => s.theme);
  const firstRun = useApp((s) => s.firstRun);
  const status = useApp((s) => s.status);
  const pending = useApp((s) => s.pending);
  const confirming = useApp((s) => s.confirming);
  const paletteOpen = useApp((s) => s.paletteOpen);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    const off = connectEvents();
    const offCmd = on('app:command', ({ command }) => void runCommand(command === 'palette' ? 'palette' : command === 'verify-audit' ? 'audit.verify' : 'chat.focus'));
    void (async () => {
      const s = useApp.getState();
      await Promise.all([s.refreshReport(), s.refreshPending()]);
      try {
        const settings = await call('settings:get', {});
        s.setSettings(settings);
        if (settings.theme !== 'system') s.setTheme(settings.theme);
      } catch {
        /* defaults */
      }
      try {
        const sources = await call('vault:sources', {});
        s.setFirstRun(sources.length === 0);
      } catch {
        s.setFirstRun(true);
      }
    })();
    return () => {
      off();
      offCmd();
    };
  }, []);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const cmd = commandForKey(e, isMac);
      if (!cmd) return;
      // "/" only when not typing; modal dialogs own the keyboard except for Escape handling inside them.
      const typing = e.target instanceof HTMLElement && (e.target.tagName === 'INPUT' || e.target.tagName === 'TEXTAREA' || e.target.isContentEditable);
      if (cmd.id === 'chat.focus' && typing) return;
      if (useApp.getState().confirming) return;
      e.preventDefault();
      void runCommand(cmd.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route]);

  if (firstRun === null) return <p className="loading" role="status">Loading Bastion…</p>;

  return (
    <div className="shell">
      <a className="skip" href="#main" onClick={(e) => (e.preventDefault(), mainRef.current?.querySelector<HTMLElement>('h1')?.focus())}>
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Sections">
        <p className="brand" aria-hidden="true">
          <span className="logo">▣</span> Bastion
        </p>
        <ul>
          {NAV.map((n) => (
            <li key={n.route}>
              <button type="button" className="nav" aria-current={route === n.route && !firstRun ? 'page' : undefined} onClick={() => (useApp.getState().setFirstRun(false), useApp.getState().go(n.route))}>
                {n.label}
                <kbd>{displayShortcut(n.shortcut, isMac)}</kbd>
              </button>
            </li>
          ))}
        </ul>
        {pending.length > 0 && (
          <button type="button" className="pending" onClick={() => void runCommand('proposals.pending')}>
            {pending.length} pending proposal{pending.length === 1 ? '' : 's'}
          </button>
        )}
        <button type="button" className="ghost" onClick={() => useApp.getState().setPalette(true)}>
          Commands <kbd>{displayShortcut('Mod+K', isMac)}</kbd>
        </button>
      </nav>
      <main id="main" ref={mainRef} className="content">
        <PolicyBanner />
        <GeneratedPanel />
        {firstRun ? <FirstRun /> : route === 'chat' ? <Chat /> : route === 'dashboard' ? <Dashboard /> : route === 'audit' ? <AuditView /> : <Settings />}
      </main>
      <p className="status" role="status" aria-live="polite" data-testid="status">
        {status}
      </p>
      {paletteOpen && <CommandPalette />}
      {confirming && <ConfirmDialog key={confirming.id} proposal={confirming} />}
    </div>
  );
}
