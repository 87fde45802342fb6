import { proposals, vault } from '../../usecases';
import { BastionError } from '../../core';
import type { HandlerDeps, Handlers } from './deps';

// vault:import and vault:cancel-import are in ./vault-import.ts.
export function vaultHandlers({ ctx, emit }: HandlerDeps): Handlers<'vault:report' | 'vault:item' | 'vault:sources' | 'vault:forget' | 'vault:exclude'> {
  return {
    'vault:report': () => vault.report(ctx),
    'vault:item': (req) => vault.item(ctx, req.id),
    'vault:sources': () => vault.sources(ctx),
    'vault:forget': (req) => ({ forgotten: vault.forget(ctx, req.idOrPath).path }),
    // Snooze and resolve are catalog actions (decided and audited by the permission layer); restoring is audited too.
    'vault:exclude': async (req) => {
      if (req.mode === 'clear') vault.restoreFinding(ctx, req.kind, req.itemIds);
      else {
        const request =
          req.mode === 'snooze'
            ? { action: 'snooze_finding', args: { kind: req.kind, itemIds: req.itemIds, days: req.days ?? 30 } }
            : { action: 'mark_resolved', args: { kind: req.kind, itemIds: req.itemIds } };
        const { record } = await proposals.propose(ctx, request);
        emit('proposals:changed', { id: record.id, status: record.status });
        if (record.status !== 'executed') throw new BastionError(record.status === 'denied' ? 'POLICY_DENIED' : 'CONFIRMATION_REQUIRED', record.reason);
      }
      return { kind: req.kind, itemIds: req.itemIds, mode: req.mode };
    },
  };
}
