import { BastionError } from '../../core';
import type { HandlerDeps, Handlers } from './deps';

// Native file pickers: the main process shows them (electron/main/dialogs.ts); the renderer only gets the chosen path.

export function dialogHandlers({ dialogs }: HandlerDeps): Handlers<'dialog:open' | 'dialog:save'> {
  const port = () => {
    if (!dialogs) throw new BastionError('UNSUPPORTED', 'File pickers need the desktop app; type the path instead.');
    return dialogs;
  };
  return {
    'dialog:open': async (req) => ({ path: await port().open(req.purpose) }),
    'dialog:save': async (req) => ({ path: await port().save(req.purpose, req.defaultName) }),
  };
}
