import { EVENTS, type EventName, type EventPayload } from './contract';

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * Events checked against the contract before they reach the renderer (development and tests): an event the renderer
 * would silently drop — a wrong conversation id type, a missing field — fails loudly here instead.
 */
export function validatedEmit(emit: Emit, validate: boolean): Emit {
  if (!validate) return emit;
  return (event, payload) => {
    const r = EVENTS[event].safeParse(payload);
    if (!r.success) throw new Error(`Event ${event} does not match the contract: ${r.error.issues[0]?.message ?? 'invalid'} at ${r.error.issues[0]?.path.join('.') ?? ''}`);
    emit(event, payload);
  };
}
