import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import type { PipelineSeeder } from './pipeline.seeder';

export interface PipelineProgress {
  /** Orders the payment worker has decided on (its own table, not the order API's lagging view). */
  authorized: number;
  shipped: number;
}

/**
 * Keeps the pipeline's head full without flooding it: `head` orders wait for the payment worker
 * at all times, and at most `cap` are anywhere in the pipeline. A deep queue of authorizations
 * would hold back the captures on the same queue, and orders would ship in waves, not steadily.
 */
export class PipelineBacklogFeeder {
  private running: Promise<void> | null = null;
  private stopped = false;
  private failure: Error | null = null;

  constructor(
    private readonly seeder: PipelineSeeder,
    private readonly progress: () => Promise<PipelineProgress>,
    private readonly head: number,
    private readonly cap: number,
  ) {}

  start(): void {
    this.running = this.loop().catch((error: unknown) => {
      this.failure = error instanceof Error ? error : new Error(String(error));
    });
  }

  /** Stops topping up; the first call reports a failure of the feeding, if there was one. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    const failure = this.failure;
    this.failure = null;
    if (failure) throw failure;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const { authorized, shipped } = await this.progress();
      const seeded = this.seeder.ids.length;
      const room = Math.min(this.head - (seeded - authorized), this.cap - (seeded - shipped));
      if (room > 0) await this.seeder.seed(Math.min(room, 500));
      // The pacing of a feeder, not a wait for a state: ten top-ups a second.
      await sleep(100);
    }
  }
}

export async function pipelineProgress(sql: Pool, customerId: string): Promise<PipelineProgress> {
  const { rows } = await sql.query<{ authorized: string; shipped: string }>(
    `SELECT count(p.order_id) AS authorized, count(*) FILTER (WHERE o.status = 'SHIPPED') AS shipped
     FROM orders.orders o LEFT JOIN payments.payments p ON p.order_id = o.id
     WHERE o.customer_id = $1`,
    [customerId],
  );
  return { authorized: Number(rows[0].authorized), shipped: Number(rows[0].shipped) };
}
