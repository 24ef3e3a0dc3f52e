import type { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL returns bigint as a string so no precision is silently lost; order totals stay far
 * below 2^53 cents, so they are safe as JavaScript integers, and this refuses any that are not.
 */
export const bigintCents: ValueTransformer = {
  to: (value: number) => value,
  from: (value: string | null) => {
    if (value === null) return null;
    const cents = Number(value);
    if (!Number.isSafeInteger(cents)) throw new Error(`Amount ${value} is not a safe integer`);
    return cents;
  },
};
