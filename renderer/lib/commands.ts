// Every command the palette lists, with its shortcut. Pure data + matching so it is unit-tested; App binds them.

export type Route = 'chat' | 'dashboard' | 'device' | 'audit' | 'settings';

export interface Command {
  id: string;
  title: string;
  group: 'Navigate' | 'Vault' | 'Actions' | 'Audit' | 'App';
  /** Display form, e.g. "Ctrl+K"; `keys` is the matcher. */
  shortcut: string | null;
  keys: KeyCombo | null;
  /** True when running it goes through the permission layer (an action from the catalog). */
  action: boolean;
}

export interface KeyCombo {
  mod?: boolean;
  alt?: boolean;
  shift?: boolean;
  key: string;
}

export const COMMANDS: readonly Command[] = [
  { id: 'palette', title: 'Open the command palette', group: 'App', shortcut: 'Mod+K', keys: { mod: true, key: 'k' }, action: false },
  { id: 'go.chat', title: 'Go to Chat', group: 'Navigate', shortcut: 'Mod+1', keys: { mod: true, key: '1' }, action: false },
  { id: 'go.dashboard', title: 'Go to Vault health', group: 'Navigate', shortcut: 'Mod+2', keys: { mod: true, key: '2' }, action: false },
  { id: 'go.device', title: 'Go to Device health', group: 'Navigate', shortcut: 'Mod+3', keys: { mod: true, key: '3' }, action: false },
  { id: 'go.audit', title: 'Go to Audit log', group: 'Navigate', shortcut: 'Mod+4', keys: { mod: true, key: '4' }, action: false },
  { id: 'go.settings', title: 'Go to Settings', group: 'Navigate', shortcut: 'Mod+5', keys: { mod: true, key: '5' }, action: false },
  { id: 'chat.focus', title: 'Ask a question', group: 'App', shortcut: '/', keys: { key: '/' }, action: false },
  { id: 'vault.reused', title: 'Show reused passwords', group: 'Vault', shortcut: 'Alt+Shift+R', keys: { alt: true, shift: true, key: 'r' }, action: false },
  { id: 'vault.weak', title: 'Show weak passwords', group: 'Vault', shortcut: 'Alt+Shift+W', keys: { alt: true, shift: true, key: 'w' }, action: false },
  { id: 'vault.exposed', title: 'Show common or breached passwords', group: 'Vault', shortcut: 'Alt+Shift+E', keys: { alt: true, shift: true, key: 'e' }, action: false },
  { id: 'kb.search', title: 'Search the knowledge base', group: 'App', shortcut: null, keys: null, action: false },
  { id: 'chat.new', title: 'New conversation', group: 'App', shortcut: null, keys: null, action: false },
  { id: 'vault.import', title: 'Import a vault', group: 'Vault', shortcut: 'Alt+Shift+I', keys: { alt: true, shift: true, key: 'i' }, action: false },
  { id: 'action.generate', title: 'Generate password', group: 'Actions', shortcut: 'Alt+Shift+G', keys: { alt: true, shift: true, key: 'g' }, action: true },
  { id: 'action.export', title: 'Export the findings report', group: 'Actions', shortcut: null, keys: null, action: true },
  { id: 'proposals.pending', title: 'Review pending proposals', group: 'Actions', shortcut: 'Alt+Shift+P', keys: { alt: true, shift: true, key: 'p' }, action: false },
  { id: 'audit.verify', title: 'Verify audit log', group: 'Audit', shortcut: 'Alt+Shift+V', keys: { alt: true, shift: true, key: 'v' }, action: false },
  { id: 'app.theme', title: 'Toggle dark / light theme', group: 'App', shortcut: 'Alt+Shift+T', keys: { alt: true, shift: true, key: 't' }, action: false },
];

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Matches by physical key for letters/digits (Alt+Shift changes `key` on some layouts), by `key` otherwise. */
export function matches(combo: KeyCombo, e: KeyLike, isMac: boolean): boolean {
  const mod = isMac ? e.metaKey : e.ctrlKey;
  if (Boolean(combo.mod) !== mod || Boolean(combo.alt) !== e.altKey || Boolean(combo.shift) !== e.shiftKey) return false;
  if (!isMac && e.metaKey) return false;
  const k = combo.key.toLowerCase();
  if (/^[a-z]$/.test(k) && e.code) return e.code === `Key${k.toUpperCase()}`;
  if (/^[0-9]$/.test(k) && e.code) return e.code === `Digit${k}`;
  return e.key.toLowerCase() === k;
}

export function commandForKey(e: KeyLike, isMac: boolean): Command | undefined {
  return COMMANDS.find((c) => c.keys && matches(c.keys, e, isMac));
}

export function displayShortcut(s: string | null, isMac: boolean): string {
  return s ? s.replace('Mod', isMac ? '⌘' : 'Ctrl') : '';
}

/** Palette filter: every word of the query must appear in the title or group (case-insensitive). */
export function filterCommands(query: string, list: readonly Command[] = COMMANDS): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((c) => words.every((w) => `${c.title} ${c.group}`.toLowerCase().includes(w)));
}
