import { useEffect, useRef } from 'react';
import { AuditView } from '../features/audit/AuditView';
import { Chat } from '../features/chat/Chat';
import { ConfirmDialog } from '../features/confirm/ConfirmDialog';
import { GeneratedPanel } from '../features/confirm/GeneratedPanel';
import { DeviceView } from '../features/device/DeviceView';
import { FirstRun } from '../features/firstrun/FirstRun';
import { HealthView } from '../features/health/HealthView';
import { KnowledgeSearch } from '../features/knowledge/KnowledgeSearch';
import { CommandPalette } from '../features/palette/CommandPalette';
import { PolicyBanner } from '../features/policy/PolicyBanner';
import { Settings } from '../features/settings/Settings';
import { commandForKey, type Route } from '../lib/commands';
import { call, on } from '../lib/ipc';
import { connectEvents, useApp } from '../store/app';
import { isMac, runCommand } from './run-command';
import { Sidebar } from './Sidebar';

function Screen({ route }: { route: Route }) {
  switch (route) {
    case 'chat':
      return <Chat />;
    case 'dashboard':
      return <HealthView />;
    case 'device':
      return <DeviceView />;
    case 'audit':
      return <AuditView />;
    case 'settings':
      return <Settings />;
    default:
      route satisfies never;
      return null;
  }
}

export function App() {
  // One value per selector: a streamed token changes `messages`, which none of these read, so the shell stays put.
  const route = useApp((s) => s.route);
  const theme = useApp((s) => s.theme);
  const firstRun = useApp((s) => s.firstRun);
  const status = useApp((s) => s.status);
  const confirming = useApp((s) => s.confirming);
  const paletteOpen = useApp((s) => s.paletteOpen);
  const kbSearchOpen = useApp((s) => s.kbSearchOpen);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    const off = connectEvents();
    const offCmd = on('app:command', ({ command }) => void runCommand(command === 'palette' ? 'palette' : command === 'verify-audit' ? 'audit.verify' : 'chat.focus'));
    void (async () => {
      const s = useApp.getState();
      // All at once; the vault health read is the slow one on a large vault, and it also says whether any vault was
      // imported (its sources), which decides the first screen.
      const health = s.refreshHealth();
      void s.refreshPending();
      void call('settings:get', {}).then(
        (settings) => {
          s.setSettings(settings);
          if (settings.theme !== 'system') s.setTheme(settings.theme);
        },
        () => undefined,
      );
      await health;
      const h = useApp.getState().health;
      if (h) s.setFirstRun(h.sources.length === 0);
      else {
        try {
          s.setFirstRun((await call('vault:sources', {})).length === 0);
        } catch {
          s.setFirstRun(true);
        }
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
      <Sidebar />
      <div className="column">
        <main id="main" ref={mainRef} className="content">
          <PolicyBanner />
          <GeneratedPanel />
          {firstRun ? <FirstRun /> : <Screen route={route} />}
        </main>
        <p className="status" role="status" aria-live="polite" data-testid="status">
          {status}
        </p>
      </div>
      {paletteOpen && <CommandPalette />}
      {kbSearchOpen && <KnowledgeSearch />}
      {confirming && <ConfirmDialog key={confirming.id} proposal={confirming} />}
    </div>
  );
}
