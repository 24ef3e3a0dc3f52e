/**
 * Thrown by a handler for a message that can never succeed (it contradicts the current state in a
 * way no retry fixes). The consumer moves it to the dead-letter queue at once instead of retrying.
 */
export class PoisonMessageError extends Error {
  readonly code = 'MESSAGE.POISON';

  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = 'PoisonMessageError';
  }
}

/**
 * Optional explicit marker for a failure worth retrying (a dependency is down). Every error that
 * is not a PoisonMessageError is treated this way; the class only makes the intent readable.
 */
export class TransientError extends Error {
  readonly code = 'TRANSIENT_FAILURE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}
