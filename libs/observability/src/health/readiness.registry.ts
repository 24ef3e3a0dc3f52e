import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorFunction } from '@nestjs/terminus';
import { ObservabilityError } from '../observability.error';
import { ShutdownState } from '../shutdown/shutdown.state';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from '../observability.options';

/** Rejects when the dependency it checks is not ready. */
export type ReadinessCheck = () => Promise<void>;

/** A hung dependency must fail the probe, not hang it past the orchestrator's own timeout. */
const DEFAULT_CHECK_TIMEOUT_MS = 3_000;

/**
 * The readiness checks of the app: modules that own a dependency (database, queue) register
 * one at startup, and `/health/ready` passes only while all of them pass.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();
  private readonly timeoutMs: number;

  constructor(
    private readonly indicators: HealthIndicatorService,
    shutdown: ShutdownState,
    @Inject(OBSERVABILITY_OPTIONS) options: ObservabilityOptions,
  ) {
    this.timeoutMs = options.readinessCheckTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    this.register('shutdown', () =>
      shutdown.isDraining ? Promise.reject(new Error('draining')) : Promise.resolve(),
    );
  }

  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) {
      throw new ObservabilityError(
        'READINESS.CHECK_DUPLICATE',
        `Readiness check ${name} is already registered`,
      );
    }
    this.checks.set(name, check);
  }

  healthIndicators(): HealthIndicatorFunction[] {
    return [...this.checks].map(
      ([name, check]) =>
        () =>
          this.indicators
            .check(name)
            .attempt(() => check())
            .withTimeout(this.timeoutMs),
    );
  }
}
