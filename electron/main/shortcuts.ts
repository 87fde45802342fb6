// The global quick-ask hotkey: validated, registered, and conflicts reported (another app holding the combination).

export const DEFAULT_HOTKEY = 'CommandOrControl+Shift+Space';

const MODIFIERS = new Set(['Command', 'Cmd', 'Control', 'Ctrl', 'CommandOrControl', 'CmdOrCtrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta']);
const NAMED_KEYS = new Set([
  'Space', 'Tab', 'Backspace', 'Delete', 'Insert', 'Return', 'Enter', 'Up', 'Down', 'Left', 'Right', 'Home', 'End',
  'PageUp', 'PageDown', 'Escape', 'Esc', 'Plus',
]);

export type AcceleratorCheck = { ok: true; accelerator: string } | { ok: false; reason: string };

/** Electron accelerator syntax, with at least one modifier other than Shift (a bare key would steal typing). */
export function checkAccelerator(raw: string): AcceleratorCheck {
  const parts = raw.split('+').map((p) => p.trim());
  if (parts.length < 2 || parts.some((p) => p === '')) return { ok: false, reason: 'use modifiers and a key, e.g. CommandOrControl+Shift+Space' };
  const key = parts[parts.length - 1]!;
  const mods = parts.slice(0, -1);
  const unknown = mods.find((m) => !MODIFIERS.has(m));
  if (unknown) return { ok: false, reason: `unknown modifier "${unknown}"` };
  if (new Set(mods).size !== mods.length) return { ok: false, reason: 'a modifier is repeated' };
  if (mods.every((m) => m === 'Shift')) return { ok: false, reason: 'add Ctrl/Cmd, Alt or Super: Shift alone would steal typing' };
  const keyOk = /^[A-Z0-9]$/i.test(key) || /^F([1-9]|1[0-9]|2[0-4])$/.test(key) || NAMED_KEYS.has(key) || /^[`\-=[\]\\;',./]$/.test(key);
  if (!keyOk) return { ok: false, reason: `unknown key "${key}"` };
  return { ok: true, accelerator: [...mods, key.length === 1 ? key.toUpperCase() : key].join('+') };
}

export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
  isRegistered(accelerator: string): boolean;
}

export type HotkeyResult = { ok: true; accelerator: string } | { ok: false; conflict: string };

/** Swaps the registered hotkey; on failure the previous one stays registered and the conflict is reported. */
export function swapHotkey(gs: GlobalShortcutLike, previous: string | null, next: string, onPress: () => void): HotkeyResult {
  const check = checkAccelerator(next);
  if (!check.ok) return { ok: false, conflict: `${next}: ${check.reason}` };
  if (previous === check.accelerator && gs.isRegistered(previous)) return { ok: true, accelerator: previous };
  let registered = false;
  try {
    registered = gs.register(check.accelerator, onPress);
  } catch {
    registered = false;
  }
  if (!registered) return { ok: false, conflict: `${check.accelerator} is already used by another application or the system; choose another.` };
  if (previous && previous !== check.accelerator) gs.unregister(previous);
  return { ok: true, accelerator: check.accelerator };
}
