export { BastionError, ERROR_CODES, exitCodeFor, isBastionError, type ErrorCode } from './errors';
export { err, ok, type Result } from './result';
