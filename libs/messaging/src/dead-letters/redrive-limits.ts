/** SQS accepts at most 500 messages per second for a move task; the copy loop keeps the same cap. */
export const MAX_REDRIVE_RATE = 500;
/** A redrive larger than this is a purge-and-replay job, not an operator's click. */
export const MAX_REDRIVE_MESSAGES = 100_000;
export const DEFAULT_REDRIVE_RATE = 10;

/** Why a redrive's rate (messages per second) is refused, or null when it is in range. */
export function redriveRateProblem(rate: number | string, name = 'rate'): string | null {
  const value = Number(rate);
  if (String(rate).trim() !== '' && value > 0 && value <= MAX_REDRIVE_RATE) return null;
  return `${name} must be a number above 0 and at most ${MAX_REDRIVE_RATE}, got ${rate}`;
}

/** Why a redrive's message limit is refused, or null when it is in range. */
export function redriveMaxProblem(max: number | string, name = 'max'): string | null {
  const value = Number(max);
  if (
    String(max).trim() !== '' &&
    Number.isInteger(value) &&
    value >= 1 &&
    value <= MAX_REDRIVE_MESSAGES
  ) {
    return null;
  }
  return `${name} must be a whole number from 1 to ${MAX_REDRIVE_MESSAGES}, got ${max}`;
}
