import { seededRandom } from '@conveyor/seeded-random';
import { ControlInputError } from './control-input';
import type { FaultProfile } from './emulator.types';

export const DEFAULT_FAULTS: FaultProfile = {
  errorRate: 0,
  errorStatuses: [500, 429],
  latencyMs: 0,
  dropAfterChargeRate: 0,
  seed: null,
};

export class FaultProfileError extends ControlInputError {}

function readRate(value: unknown, name: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new FaultProfileError(`${name} must be a number between 0 and 1`);
  }
  return value;
}

function readProfile(input: Record<string, unknown>): FaultProfile {
  const profile = { ...DEFAULT_FAULTS, ...input };
  const statuses = profile.errorStatuses as unknown;
  const validStatuses =
    Array.isArray(statuses) &&
    statuses.length > 0 &&
    statuses.every((status) => Number.isInteger(status) && status >= 400 && status <= 599);
  if (!validStatuses) {
    throw new FaultProfileError('errorStatuses must be a non-empty list of HTTP error statuses');
  }
  const latencyMs = profile.latencyMs as unknown;
  if (typeof latencyMs !== 'number' || !Number.isInteger(latencyMs) || latencyMs < 0) {
    throw new FaultProfileError('latencyMs must be a non-negative integer');
  }
  const seed = profile.seed as unknown;
  if (seed !== null && !Number.isInteger(seed)) {
    throw new FaultProfileError('seed must be an integer or null');
  }
  return {
    errorRate: readRate(profile.errorRate, 'errorRate'),
    errorStatuses: statuses as number[],
    latencyMs,
    dropAfterChargeRate: readRate(profile.dropAfterChargeRate, 'dropAfterChargeRate'),
    seed: seed as number | null,
  };
}

/**
 * Decides which /v1 requests fail. A rate of 1 always fires and 0 never does, so tests can force
 * a fault; rates in between draw from Math.random, or from a seeded sequence when `seed` is set.
 */
export class FaultInjector {
  private profile: FaultProfile = DEFAULT_FAULTS;
  private random: () => number = Math.random;

  /** Replaces the whole profile: fields left out take their defaults. */
  configure(input: Record<string, unknown>): FaultProfile {
    this.profile = readProfile(input);
    this.random = this.profile.seed === null ? Math.random : seededRandom(this.profile.seed);
    return this.current();
  }

  current(): FaultProfile {
    return { ...this.profile, errorStatuses: [...this.profile.errorStatuses] };
  }

  reset(): void {
    this.configure({});
  }

  get latencyMs(): number {
    return this.profile.latencyMs;
  }

  /** The status to fail this request with, or null to let it through. */
  drawErrorStatus(): number | null {
    if (!this.fires(this.profile.errorRate)) {
      return null;
    }
    const statuses = this.profile.errorStatuses;
    return statuses[Math.floor(this.random() * statuses.length)];
  }

  drawDropAfterCharge(): boolean {
    return this.fires(this.profile.dropAfterChargeRate);
  }

  private fires(rate: number): boolean {
    return rate > 0 && this.random() < rate;
  }
}
