import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsumerLogger } from './consumer.types';
import { receiveErrorDelayMs } from './retry-backoff';

/**
 * A dependency every handler of the consumer needs (the service's database). While it is down,
 * each message received fails and spends one of its receives towards the dead-letter queue: a
 * ten-second database outage would dead-letter healthy messages.
 */
export interface ConsumerDependency {
  /** True when a handler's error means the dependency is unreachable, not that the message is bad. */
  isDown(error: unknown): boolean;
  /** Resolves when the dependency answers again (it must time out rather than hang). */
  probe(): Promise<void>;
}

/** The receive-error backoff, capped lower: a probe is cheap, and a late one delays recovery. */
const MAX_PROBE_DELAY_MS = 5_000;
function probeDelayMs(attempt: number): number {
  return Math.min(receiveErrorDelayMs(attempt), MAX_PROBE_DELAY_MS);
}

/**
 * Stops a consumer from receiving while its dependency is down: a handler failure the dependency
 * recognises as an outage closes the gate, and the gate opens once a probe succeeds, probing no
 * faster than the receive-error backoff (capped at 5 s).
 */
export class DependencyGate {
  private down = false;

  constructor(
    private readonly dependency: ConsumerDependency | undefined,
    private readonly logger: ConsumerLogger,
    private readonly queue: string,
    private readonly delayMs: (attempt: number) => number = probeDelayMs,
  ) {}

  get isOpen(): boolean {
    return !this.down;
  }

  /** Called with every transient handler failure. */
  observe(error: unknown): void {
    if (this.down || !this.dependency?.isDown(error)) return;
    this.down = true;
    this.logger.warn({ queue: this.queue, err: error }, 'dependency down; receiving paused');
  }

  /** Returns at once while the gate is open; else probes until the dependency answers. */
  async waitUntilOpen(signal: AbortSignal): Promise<void> {
    for (let attempt = 1; this.down && !signal.aborted; attempt++) {
      try {
        await this.dependency?.probe();
        this.down = false;
        this.logger.info({ queue: this.queue, probes: attempt }, 'dependency back; receiving');
      } catch {
        await sleep(this.delayMs(attempt), undefined, { signal }).catch(() => undefined);
      }
    }
  }
}
