import type { BastionApi, Channel, EventName, EventPayload, Req, Res } from '../../electron/ipc/contract';
import type { ErrorCode } from '../../electron/core/errors';

// The only module that touches window.api (exposed by preload, or by the e2e bridge with the same contract).

declare global {
  interface Window {
    api?: BastionApi;
  }
}

export class IpcError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function api(): BastionApi {
  const a = window.api;
  if (!a) throw new IpcError('INTERNAL', 'Bastion is not connected to its engine (no window.api).');
  return a;
}

/** Calls a channel; resolves with its value or throws IpcError(code, message) from the envelope. */
export async function call<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
  const r = await api().invoke(channel, req);
  if (!r.ok) throw new IpcError(r.error.code, r.error.message);
  return r.value;
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return api().on(event, listener);
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
