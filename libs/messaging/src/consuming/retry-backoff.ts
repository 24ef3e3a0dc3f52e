import type { BackoffOptions } from './consumer.types';

/** SQS refuses visibility timeouts beyond 12 hours. */
const MAX_VISIBILITY_SECONDS = 43_200;
const RECEIVE_ERROR_BASE_MS = 500;
const RECEIVE_ERROR_MAX_MS = 20_000;

/**
 * Delay before a failed message becomes visible again: exponential in the receive count, capped,
 * with full jitter so messages that failed together (a dependency outage) do not return together.
 */
export function retryBackoffSeconds(
  receiveCount: number,
  backoff: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, receiveCount - 1);
  const ceiling = Math.min(backoff.maxSeconds, backoff.baseSeconds * 2 ** exponent);
  return Math.min(MAX_VISIBILITY_SECONDS, Math.round(random() * ceiling));
}

/**
 * Pause after the n-th consecutive failed poll: 0.5 s doubling to 20 s. Half the delay is fixed so
 * an unreachable endpoint is never hammered in a tight loop; the other half is jitter.
 */
export function receiveErrorDelayMs(
  consecutiveErrors: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, consecutiveErrors - 1);
  const ceiling = Math.min(RECEIVE_ERROR_MAX_MS, RECEIVE_ERROR_BASE_MS * 2 ** exponent);
  return ceiling / 2 + random() * (ceiling / 2);
}
