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
      // The findings known before the estimates ride on every later progress event (a late listener still sees them).
      let counted = { done: 0, total: 0 };
      let soFar: vault.FindingCounts | undefined;
      try {
        const { path: _path, ...summary } = await vault.importFile(ctx, {
          ...req,
          signal: ctl.signal,
          onPhase: (phase) => emit('vault:progress', { phase, done: 0, total: 0 }),
          onProgress: (done, total) => {
            counted = { done, total };
            emit('vault:progress', { phase: 'scoring', done, total, ...(soFar ? { soFar } : {}) });
          },
          onFirstFindings: (counts) => {
            soFar = counts;
            emit('vault:progress', { phase: 'scoring', ...counted, soFar });
          },
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
