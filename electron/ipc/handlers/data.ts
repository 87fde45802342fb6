import { data } from '../../usecases';
import type { HandlerDeps, Handlers } from './deps';

export function dataHandlers({ ctx }: HandlerDeps): Handlers<'data:inventory'> {
  return { 'data:inventory': () => data.inventory(ctx) };
}
