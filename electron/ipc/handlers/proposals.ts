import { BastionError } from '../../core';
import { proposals, type Settled } from '../../usecases';
import type { HandlerDeps, Handlers } from './deps';

export function proposalHandlers({ ctx, emit }: HandlerDeps): Handlers<'proposals:list' | 'proposals:create' | 'proposals:confirm' | 'proposals:reject' | 'proposals:undo'> {
  const changed = ({ record, outcome }: Settled) => {
    emit('proposals:changed', { id: record.id, status: record.status });
    return outcome;
  };
  return {
    'proposals:list': (req) => proposals.listViews(ctx, { all: req.status === 'all' }),
    'proposals:create': async (req) => {
      const made = await proposals.propose(ctx, req.request);
      emit('proposals:changed', { id: made.record.id, status: made.record.status });
      if (!made.view) throw new BastionError('BAD_INPUT', `That request is not a valid action: ${made.record.reason}`);
      return { proposal: made.view, outcome: made.record.status === 'pending' ? null : made.outcome };
    },
    'proposals:confirm': async (req) =>
      changed(
        await proposals.confirm(ctx, {
          id: req.id,
          argsHash: req.argsHash,
          grant: req.remember ?? 'once',
          ...(req.typedTitle !== undefined ? { typedTitle: req.typedTitle } : {}),
          ...(req.vaultPassword !== undefined ? { vaultPassword: req.vaultPassword } : {}),
        }),
      ),
    'proposals:reject': (req) => changed(proposals.reject(ctx, req.id)),
    'proposals:undo': async (req) => changed(await proposals.undo(ctx, { id: req.id, ...(req.vaultPassword !== undefined ? { vaultPassword: req.vaultPassword } : {}) })),
  };
}
