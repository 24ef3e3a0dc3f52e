import { seededRandom } from '@conveyor/seeded-random';
import { ArrivalSchedule } from '../loadtest/arrival.schedule';
import { CustomerTokensPool } from '../loadtest/customer-tokens.pool';
import { OrderMixGenerator } from '../loadtest/order-mix.generator';
import { OrderTrafficDriver, type AcceptedOrder } from '../loadtest/order-traffic.driver';
import { SecondWindowRecorder } from '../loadtest/second-window.recorder';
import { RetryingApiClient } from './retrying-api.client';

export interface ChaosLoadOptions {
  apiUrl: string;
  jwtSecret: string;
  ratePerSecond: number;
  durationSeconds: number;
  seed: number;
  skus: string[];
  /** Share of accepted orders the customer then asks to cancel, 0..1. */
  cancelShare: number;
  declineShare: number;
}

const CUSTOMERS = 200;
const MAX_CANCEL_DELAY_MS = 1_500;

/**
 * The load kit's open workload (its driver, order mix and customer tokens) at a constant rate,
 * plus cancellations: some customers ask to cancel shortly after ordering, so that CANCELLED
 * appears among the outcomes next to SHIPPED, PAYMENT_FAILED and OUT_OF_STOCK.
 */
export class ChaosLoad {
  readonly accepted: AcceptedOrder[] = [];
  readonly recorder = new SecondWindowRecorder();
  readonly cancels = { asked: 0, accepted: 0, refused: 0, failed: 0 };
  readonly api: RetryingApiClient;
  private tokens?: CustomerTokensPool;
  private readonly random: () => number;
  private readonly pendingCancels = new Set<Promise<void>>();

  constructor(private readonly options: ChaosLoadOptions) {
    this.api = new RetryingApiClient({ baseUrl: options.apiUrl, connections: 64 });
    this.random = seededRandom(options.seed ^ 0x5eed);
  }

  async run(): Promise<void> {
    const tokens = await CustomerTokensPool.sign(this.options.jwtSecret, CUSTOMERS);
    this.tokens = tokens;
    const driver = new OrderTrafficDriver({
      api: this.api,
      tokens,
      schedule: new ArrivalSchedule([
        {
          name: 'chaos',
          durationSeconds: this.options.durationSeconds,
          ratePerSecond: this.options.ratePerSecond,
        },
      ]),
      recorder: this.recorder,
      mix: new OrderMixGenerator({
        skus: this.options.skus,
        customers: CUSTOMERS,
        declineShare: this.options.declineShare,
        seed: this.options.seed,
      }),
      // Retries hold requests open while the API restarts: room for a minute of arrivals.
      maxInFlight: 2_000,
      onAccepted: (order) => this.onAccepted(order),
    });
    await driver.run();
    await Promise.all([...this.pendingCancels]);
  }

  /** Arrivals on the schedule so far: sent, or skipped while the client was at its cap. */
  get offered(): number {
    return this.recorder.requestsSent + this.recorder.clientSkipped;
  }

  /** An admin token of the run, for the observers' reads. */
  observerToken(): string {
    if (!this.tokens) throw new Error('the load has not started');
    return this.tokens.observer();
  }

  close(): Promise<void> {
    return this.api.close();
  }

  private onAccepted(order: AcceptedOrder): void {
    this.accepted.push(order);
    if (this.random() >= this.options.cancelShare) return;
    const delayMs = Math.floor(this.random() * MAX_CANCEL_DELAY_MS);
    const cancel = new Promise((resolve) => setTimeout(resolve, delayMs))
      .then(() => this.cancel(order))
      .finally(() => this.pendingCancels.delete(cancel));
    this.pendingCancels.add(cancel);
  }

  private async cancel(order: AcceptedOrder): Promise<void> {
    this.cancels.asked++;
    try {
      const answer = await this.api.cancelOrder(
        this.tokens!.customer(order.customerIndex),
        order.id,
      );
      if (answer.status === 202) this.cancels.accepted++;
      else if (answer.status === 409) this.cancels.refused++;
      else this.cancels.failed++;
    } catch {
      this.cancels.failed++;
    }
  }
}
