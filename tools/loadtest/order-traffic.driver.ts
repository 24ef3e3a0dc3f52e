import { performance } from 'node:perf_hooks';
import type { ArrivalSchedule } from './arrival.schedule';
import type { ConveyorApiClient } from './conveyor-api.client';
import type { CustomerTokensPool } from './customer-tokens.pool';
import type { OrderMixGenerator } from './order-mix.generator';
import type { SecondWindowRecorder } from './second-window.recorder';

export interface AcceptedOrder {
  id: string;
  createdAt: string;
  /** Whose token placed it (CustomerTokensPool.customer), e.g. to cancel it as that customer. */
  customerIndex: number;
}

export interface OrderTrafficDriverOptions {
  api: ConveyorApiClient;
  tokens: CustomerTokensPool;
  mix: OrderMixGenerator;
  schedule: ArrivalSchedule;
  recorder: SecondWindowRecorder;
  /** Outstanding requests beyond which arrivals are skipped (and counted), not queued. */
  maxInFlight: number;
  onAccepted: (order: AcceptedOrder) => void;
}

// Fine enough for a few thousand orders a second, coarse enough to leave the CPU to the stack.
const TICK_MS = 5;

/** Sends `POST /orders` on the schedule's clock and records every answer; never throws per request. */
export class OrderTrafficDriver {
  private sent = 0;
  private inFlight = 0;
  private readonly settled = new Set<Promise<void>>();

  constructor(private readonly options: OrderTrafficDriverOptions) {}

  /** Resolves once the schedule has ended and every request has been answered or failed. */
  async run(startedAt = performance.now()): Promise<void> {
    const { schedule } = this.options;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const elapsedSeconds = (performance.now() - startedAt) / 1000;
        const due = schedule.arrivalsBy(elapsedSeconds);
        while (this.sent < due) this.fire();
        if (elapsedSeconds >= schedule.totalSeconds) {
          clearInterval(timer);
          resolve();
        }
      }, TICK_MS);
    });
    await Promise.all([...this.settled]);
  }

  private fire(): void {
    this.sent++;
    const { recorder, maxInFlight } = this.options;
    if (this.inFlight >= maxInFlight) {
      recorder.recordSkipped();
      return;
    }
    this.inFlight++;
    recorder.recordSent();
    const request = this.placeOne().finally(() => {
      this.inFlight--;
      this.settled.delete(request);
    });
    this.settled.add(request);
  }

  private async placeOne(): Promise<void> {
    const { api, tokens, mix, recorder, onAccepted } = this.options;
    const order = mix.next();
    const started = performance.now();
    try {
      const answer = await api.placeOrder(
        tokens.customer(order.customerIndex),
        order.idempotencyKey,
        order.body,
      );
      const latencyMs = performance.now() - started;
      const body = (answer.body ?? {}) as { id?: unknown; createdAt?: unknown; code?: unknown };
      const accepted = answer.status === 202 && typeof body.id === 'string';
      recorder.recordAnswer(
        answer.status,
        latencyMs,
        accepted,
        typeof body.code === 'string' ? body.code : undefined,
      );
      if (accepted) {
        const id = body.id as string;
        onAccepted({ id, createdAt: String(body.createdAt), customerIndex: order.customerIndex });
      }
    } catch (error) {
      recorder.recordFailure(errorCode(error));
    }
  }
}

function errorCode(error: unknown): string {
  if (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string'
  ) {
    return error.code;
  }
  return error instanceof Error ? error.name : 'UNKNOWN';
}
