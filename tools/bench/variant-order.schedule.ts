import { seededRandom } from '@conveyor/seeded-random';

/**
 * How the variants of a figure take turns: `abba` runs them in the given order in odd
 * repetitions and reversed in even ones (A B, B A, A B, …), so a machine that slowly speeds up or
 * slows down favours none of them; `random` shuffles each repetition from a seed the report keeps.
 */
export type VariantOrder = { kind: 'abba' } | { kind: 'random'; seed: number };

/** The order of `variants` in each of `repetitions` repetitions; `salt` separates the phases. */
export function variantSchedule<T>(
  variants: readonly T[],
  repetitions: number,
  order: VariantOrder,
  salt = 0,
): T[][] {
  const random = order.kind === 'random' ? seededRandom(order.seed ^ salt) : null;
  return Array.from({ length: repetitions }, (_, index) => {
    if (!random) return index % 2 === 0 ? [...variants] : [...variants].reverse();
    return shuffle(variants, random);
  });
}

/** Fisher-Yates with the given generator. */
function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return shuffled;
}

/** A phase's salt: the same seed shuffles the API and the pipeline phases differently. */
export function phaseSalt(phase: string): number {
  let hash = 0;
  for (const char of phase) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  return hash;
}

/** One line for the log and the page: `ABBA` or `random, seed 42`, with each repetition's turn. */
export function describeSchedule<T extends string>(order: VariantOrder, schedule: T[][]): string {
  const scheme = order.kind === 'abba' ? 'ABBA' : `random, seed ${order.seed}`;
  const turns = schedule.map((turn, index) => `#${index + 1} ${turn.join(', ')}`).join('; ');
  return `${scheme} (${turns})`;
}
