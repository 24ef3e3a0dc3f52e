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
