import { ORDER_STATUSES, TERMINAL_STATUSES } from '@conveyor/contracts';
import type { QueueDirectory } from '@conveyor/messaging';
import type { BenchEnvironment } from './bench.environment';
import { leftovers } from './repetition.drain';

/** What the pipeline still has to do: orders not yet terminal, queued messages, outbox rows. */
export interface Remaining {
  orders: number;
  messages: number;
  outboxRows: number;
}

export interface DrainOutcome {
  /** Orders not yet terminal when the load ended. */
  backlog: number;
  /** From the end of the load until nothing was left; null when the drain stalled. */
  seconds: number | null;
  stalled: boolean;
}

const CHECK_EVERY_MS = 500;

/**
 * The spike's drain, read from the pipeline's own state rather than from the load kit's completion
 * tracker. The tracker follows the API's order list newest first, so after a spike of 20,000
 * orders it sees the last completions a pass of the list after they happened (measured: 243 s
 * by the tracker, 182 s by the orders' own timestamps). A slow drain is waited for as long as it
 * keeps moving; once nothing has moved for `stallMs`, the wait ends and the drain counts as
 * stalled.
 */
export class SpikeDrainWatch {
  private startedMs: number | null = null;
  private backlog = 0;
  private least = Number.POSITIVE_INFINITY;
  private lastProgressMs = 0;
  private lastCheckMs = Number.NEGATIVE_INFINITY;
  private ended: DrainOutcome | null = null;

  constructor(
    private readonly remaining: () => Promise<Remaining>,
    private readonly stallMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The load kit's `settled`: first called as the load ends; true once drained or stalled. */
  readonly settled = async (): Promise<boolean> => {
    if (this.ended) return true;
    const now = this.now();
    if (now - this.lastCheckMs < CHECK_EVERY_MS) return false;
    this.lastCheckMs = now;
    const left = await this.remaining();
    const total = left.orders + left.messages + left.outboxRows;
    if (this.startedMs === null) {
      this.startedMs = now;
      this.backlog = left.orders;
    }
    if (total < this.least) {
      this.least = total;
      this.lastProgressMs = now;
    }
    if (total === 0) {
      this.ended = {
        backlog: this.backlog,
        seconds: (now - this.startedMs) / 1000,
        stalled: false,
      };
    } else if (now - this.lastProgressMs >= this.stallMs) {
      this.ended = { backlog: this.backlog, seconds: null, stalled: true };
    }
    return this.ended !== null;
  };

  /** null until the drain ended (or if the load kit's own deadline came first). */
  outcome(): DrainOutcome | null {
    return this.ended;
  }
}

/** Statuses an order moves on from; orders.orders_in_flight_idx covers exactly these. */
const IN_FLIGHT = ORDER_STATUSES.filter((status) => !TERMINAL_STATUSES.includes(status));

/**
 * What is still moving of the orders updated since `since` (the repetition's start), and on the
 * repetition's queues and in the outboxes. The API figure leaves its orders PENDING for good
 * (nobody consumes their payment requests), so they are left out by time; the statuses are
 * written into the statement (constants of the contract) so that PostgreSQL answers from the
 * partial in-flight index, not by reading every order twice a second.
 */
export function pipelineRemaining(
  env: BenchEnvironment,
  directory: QueueDirectory,
  since: Date,
): () => Promise<Remaining> {
  const statuses = IN_FLIGHT.map((status) => `'${status}'`).join(', ');
  const inFlight = `SELECT count(*) AS orders FROM orders.orders
    WHERE status IN (${statuses}) AND updated_at >= $1`;
  return async () => {
    const [left, { rows }] = await Promise.all([
      leftovers(env, directory),
      env.sql.query<{ orders: string }>(inFlight, [since]),
    ]);
    return { ...left, orders: Number(rows[0].orders) };
  };
}
