// Typed error codes shared by the engine, the CLI and IPC. Pure TS (no Node imports) so the renderer may import it.
export const ERROR_CODES = [
  'BAD_INPUT', // a request or argument failed validation
  'BAD_FILE', // a file is malformed, truncated, of the wrong format or hostile
  'WRONG_PASSWORD', // a vault could not be decrypted with the given credentials
  'TOO_LARGE', // an input exceeds a safety cap
  'NOT_FOUND', // a named thing does not exist
  'CONFLICT', // the request contradicts stored state
  'DB_ERROR', // the database is foreign, newer than this build, or corrupt
  'MODEL_ERROR', // no model, a model that cannot load, or a generation failure
  'POLICY_DENIED', // managed or default policy forbids this
  'CONFIRMATION_REQUIRED', // the action needs an explicit user confirmation first
  'CANCELLED', // the user or a caller stopped the work
  'UNSUPPORTED', // valid, but not possible here (e.g. writing to a CSV source)
  'FORBIDDEN_SENDER', // IPC from a frame that is not ours
  'INTERNAL', // a bug: the message is generic, details go to the local log only
  'READ_ONLY', // the data dir (or a file Bastion must write) is on a read-only filesystem or not writable by this user
  'DISK_FULL', // the filesystem is full (ENOSPC / SQLITE_FULL); the write was rolled back, nothing was changed
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error a user can act on. The message is shown as is: one sentence, names the problem (and the file, if any). */
export class BastionError extends Error {
  override readonly name = 'BastionError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isBastionError(e: unknown): e is BastionError {
  return e instanceof BastionError;
}

/** Exit codes for the CLI, one per code so scripts can branch on them. */
export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'BAD_INPUT':
      return 2;
    case 'BAD_FILE':
      return 3;
    case 'WRONG_PASSWORD':
      return 4;
    case 'TOO_LARGE':
      return 5;
    case 'NOT_FOUND':
      return 6;
    case 'CONFLICT':
      return 7;
    case 'DB_ERROR':
      return 8;
    case 'MODEL_ERROR':
      return 9;
    case 'POLICY_DENIED':
      return 10;
    case 'CONFIRMATION_REQUIRED':
      return 11;
    case 'CANCELLED':
      return 12;
    case 'UNSUPPORTED':
      return 13;
    case 'FORBIDDEN_SENDER':
      return 14;
    case 'INTERNAL':
      return 1;
    case 'READ_ONLY':
      return 15;
    case 'DISK_FULL':
      return 16;
    default:
      code satisfies never;
      return 1;
  }
}
