import { device } from '../../usecases';
import type { HandlerDeps, Handlers } from './deps';

export function deviceHandlers({ ctx }: HandlerDeps): Handlers<'device:report'> {
  return { 'device:report': () => device.deviceHealth(ctx) };
}
