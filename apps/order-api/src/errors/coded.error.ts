import type { ErrorCode } from './error-codes';

/**
 * An error a client may receive: its code comes from ERROR_CODES, so its HTTP status is fixed by
 * the same table entry and the HTTP edge needs no list of error classes.
 */
export abstract class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
