import { settings, type AppSettings } from '../../usecases';
import type { HandlerDeps, Handlers } from './deps';

const shown = (s: AppSettings) => ({
  historyEnabled: s.historyEnabled,
  hotkey: s.hotkey,
  hotkeyEnabled: s.hotkeyEnabled,
  knowledgeFolders: s.knowledgeFolders,
  theme: s.theme,
  clipboardClearSeconds: s.clipboardClearSeconds,
});

export function settingsHandlers({ ctx, applyHotkey }: HandlerDeps): Handlers<'settings:get' | 'settings:set'> {
  return {
    'settings:get': () => {
      const s = settings.readSettings(ctx);
      return { ...shown(s), managed: s.managed };
    },
    'settings:set': (req) => {
      const s = settings.updateSettings(ctx, req);
      // The global hotkey is the desktop's own: registering it can fail when another app holds the combination.
      const conflict = req.hotkey !== undefined || req.hotkeyEnabled !== undefined ? (applyHotkey?.(s.hotkey, s.hotkeyEnabled) ?? null) : null;
      return { settings: shown(s), hotkeyConflict: conflict };
    },
  };
}
