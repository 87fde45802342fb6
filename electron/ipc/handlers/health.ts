import { health, vault } from '../../usecases';
import type { HandlerDeps, Handlers } from './deps';

export function healthHandlers({ ctx }: HandlerDeps): Handlers<'vault:health' | 'vault:item-health' | 'vault:include'> {
  return {
    'vault:health': () => health.overview(ctx),
    'vault:item-health': (req) => health.itemDetail(ctx, req.id),
    'vault:include': (req) => ({ removed: vault.include(ctx, { itemId: req.itemId, ...(req.kind ? { kind: req.kind } : {}) }) }),
  };
}
