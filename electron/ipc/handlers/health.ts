import { health } from '../../usecases';
import type { HandlerDeps, Handlers } from './deps';

export function healthHandlers({ ctx }: HandlerDeps): Handlers<'vault:health' | 'vault:item-health'> {
  return {
    'vault:health': () => health.overview(ctx),
    'vault:item-health': (req) => health.itemDetail(ctx, req.id),
  };
}
