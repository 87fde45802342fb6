import { messageOf, call } from '../lib/ipc';
import { useApp } from '../store/app';

export const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

/** Runs a palette/shortcut command. Actions from the catalog go through the permission layer (proposals). */
export async function runCommand(id: string): Promise<void> {
  const s = useApp.getState();
  s.setPalette(false);
  switch (id) {
    case 'palette':
      s.setPalette(true);
      return;
    case 'go.chat':
    case 'chat.focus':
      s.setFirstRun(false);
      s.go('chat');
      if (id === 'chat.focus') requestAnimationFrame(() => document.getElementById('question')?.focus());
      return;
    case 'chat.new':
      s.setFirstRun(false);
      s.go('chat');
      s.newConversation();
      requestAnimationFrame(() => document.getElementById('question')?.focus());
      return;
    case 'kb.search':
      s.setKbSearch(true);
      return;
    case 'go.dashboard':
      s.setFirstRun(false);
      s.go('dashboard');
      return;
    case 'go.device':
      s.setFirstRun(false);
      s.go('device');
      return;
    case 'go.audit':
      s.setFirstRun(false);
      s.go('audit');
      return;
    case 'go.settings':
      s.setFirstRun(false);
      s.go('settings');
      return;
    case 'vault.reused':
    case 'vault.weak':
    case 'vault.exposed': {
      const kind = id === 'vault.reused' ? 'reused' : id === 'vault.weak' ? 'weak' : 'exposed';
      s.setFirstRun(false);
      s.setTable({ kinds: [kind], query: '', show: 'attention' });
      s.go('dashboard');
      s.say(`Showing ${kind === 'exposed' ? 'common or breached' : kind} passwords.`);
      return;
    }
    case 'vault.import':
      s.setFirstRun(false);
      s.go('dashboard');
      s.setImportOpen(true);
      requestAnimationFrame(() => document.getElementById('vault-path')?.focus());
      return;
    case 'action.generate':
      await s.propose({ action: 'generate_password', args: { length: 20 } });
      return;
    case 'action.export':
      // The file is the user's to choose: the dashboard's export picks it with the save dialog (confirm dialog next).
      s.setFirstRun(false);
      s.go('dashboard');
      requestAnimationFrame(() => document.getElementById('export-format')?.focus());
      return;
    case 'proposals.pending': {
      await s.refreshPending();
      const first = useApp.getState().pending[0];
      if (first) await s.openProposal(first.id);
      else s.say('No pending proposals.');
      return;
    }
    case 'audit.verify':
      s.setFirstRun(false);
      s.go('audit');
      try {
        const r = await call('audit:verify', {});
        s.say(r.message);
        window.dispatchEvent(new CustomEvent('bastion:audit-verified', { detail: r }));
      } catch (e) {
        s.say(messageOf(e));
      }
      return;
    case 'app.theme': {
      const theme = s.theme === 'dark' ? 'light' : 'dark';
      s.setTheme(theme);
      void call('settings:set', { theme }).catch(() => undefined);
      return;
    }
    default:
      s.say(`Unknown command ${id}.`);
  }
}
