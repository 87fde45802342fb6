import { BastionError } from '../../core';
import { vault } from '../../usecases';
import type { HandlerDeps, Handlers } from './deps';

// One import at a time, with its phases and counts as events and a Cancel that stops it before anything is written.

export function vaultImportHandlers({ ctx, emit }: HandlerDeps): Handlers<'vault:import' | 'vault:cancel-import'> {
  let running: AbortController | null = null;
  return {
    'vault:import': async (req) => {
      if (running) throw new BastionError('CONFLICT', 'An import is already running; wait for it or cancel it first.');
      const ctl = new AbortController();
      running = ctl;
      try {
        const { path: _path, ...summary } = await vault.importFile(ctx, {
          ...req,
          signal: ctl.signal,
          onPhase: (phase) => emit('vault:progress', { phase, done: 0, total: 0 }),
          onProgress: (done, total) => emit('vault:progress', { phase: 'scoring', done, total }),
        });
        return summary;
      } finally {
        running = null;
      }
    },
    'vault:cancel-import': () => {
      if (!running) return { cancelled: false };
      running.abort();
      return { cancelled: true };
    },
  };
}
