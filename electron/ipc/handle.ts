import { BastionError, err, ok, type Result } from '../core';
import { isTrustedSender, type AppOrigin, type IpcSender } from './app-origin';
import { CHANNELS, isChannel, type Channel, type Req, type Res } from './contract';

/** One channel's implementation: gets the parsed request, returns the response (or throws a BastionError). */
export type Impl<C extends Channel> = (req: Req<C> & {}) => Promise<Res<C>> | Res<C>;
export type Handled = (sender: IpcSender, raw: unknown) => Promise<Result<unknown>>;
export type InternalLog = (channel: string, error: unknown) => void;

export interface HandleOptions {
  origin: AppOrigin;
  /** Where the details of an unexpected error go (the local log); they never cross IPC. */
  log?: InternalLog;
  /** Turns a raw failure the user can act on (disk full, read-only data dir, damaged store) into its one line. */
  translate?: (error: unknown) => BastionError | null;
}

/**
 * Wraps an implementation for one contract channel: refuses foreign senders, validates the request with zod,
 * validates (and strips) the response, and turns every failure into the Result envelope. A BastionError keeps its
 * code and message; anything else becomes INTERNAL with a generic message.
 */
export function handle<C extends Channel>(channel: C, impl: Impl<C>, opts: HandleOptions): Handled {
  const schema = CHANNELS[channel];
  return async (sender, raw) => {
    if (!isTrustedSender(sender, opts.origin)) {
      return err('FORBIDDEN_SENDER', `Refused ${channel}: the request did not come from Bastion's own window.`);
    }
    const parsed = schema.req.safeParse(raw ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
      return err('BAD_INPUT', `Invalid request for ${channel}${where}: ${first?.message ?? 'malformed'}.`);
    }
    let value: unknown;
    try {
      value = await impl(parsed.data as Req<C> & {});
    } catch (e) {
      if (e instanceof BastionError) return err(e.code, e.message);
      const known = opts.translate?.(e);
      if (known) return err(known.code, known.message);
      opts.log?.(channel, e);
      return err('INTERNAL', `Something went wrong in ${channel}; details are in the local log.`);
    }
    const out = schema.res.safeParse(value);
    if (!out.success) {
      opts.log?.(channel, out.error);
      return err('INTERNAL', `The ${channel} response did not match the contract; details are in the local log.`);
    }
    return ok(out.data);
  };
}

export type HandlerTable = { [C in Channel]: Impl<C> };

/** Routes by channel name; unknown channels are refused like foreign senders (nothing outside the contract). */
export interface IpcRouter {
  dispatch(channel: unknown, sender: IpcSender, raw: unknown): Promise<Result<unknown>>;
  readonly channels: readonly Channel[];
}

export function createRouter(table: Partial<HandlerTable>, opts: HandleOptions): IpcRouter {
  const wrapped = new Map<Channel, Handled>();
  for (const name of Object.keys(CHANNELS) as Channel[]) {
    const impl = table[name];
    if (impl) wrapped.set(name, handle(name, impl as Impl<typeof name>, opts));
  }
  return {
    channels: [...wrapped.keys()],
    async dispatch(channel, sender, raw) {
      if (!isChannel(channel)) return err('BAD_INPUT', `Unknown IPC channel refused.`);
      const h = wrapped.get(channel);
      if (!h) return err('UNSUPPORTED', `${channel} is not available in this build.`);
      return h(sender, raw);
    },
  };
}

export type { Result };
