import { device } from '../../usecases';
import type { HandlerDeps, Handlers } from './deps';

export function deviceHandlers({ ctx, deviceHost }: HandlerDeps): Handlers<'device:report'> {
  return { 'device:report': () => device.deviceHealth(ctx, deviceHost ? { host: deviceHost } : {}) };
}
