import { displayShortcut, type Route } from '../lib/commands';
import { useApp } from '../store/app';
import { isMac, runCommand } from './run-command';

const NAV: { route: Route; label: string; shortcut: string }[] = [
  { route: 'dashboard', label: 'Vault health', shortcut: 'Mod+2' },
  { route: 'device', label: 'Device health', shortcut: 'Mod+3' },
  { route: 'chat', label: 'Chat', shortcut: 'Mod+1' },
  { route: 'audit', label: 'Audit log', shortcut: 'Mod+4' },
  { route: 'settings', label: 'Settings', shortcut: 'Mod+5' },
];

/** The sections; below 900 px it folds behind a Menu button so the content keeps the screen. */
export function Sidebar() {
  const route = useApp((s) => s.route);
  const firstRun = useApp((s) => s.firstRun);
  const pending = useApp((s) => s.pending);
  const navOpen = useApp((s) => s.navOpen);
  return (
    <nav className={`sidebar${navOpen ? ' open' : ''}`} aria-label="Sections">
      <div className="brand-row">
        <p className="brand" aria-hidden="true">
          <span className="logo">▣</span> Bastion
        </p>
        <button type="button" className="menu-toggle" aria-expanded={navOpen} aria-controls="nav-list" onClick={() => useApp.getState().setNavOpen(!navOpen)}>
          Menu
        </button>
      </div>
      <div id="nav-list" className="nav-list">
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
      </div>
    </nav>
  );
}
