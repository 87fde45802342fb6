import type { ErrorCode } from './errors';

// The envelope every IPC call returns (after Signal-Desktop): raw errors never cross a boundary.
export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(code: ErrorCode, message: string): Result<T> => ({ ok: false, error: { code, message } });
