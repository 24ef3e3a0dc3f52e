import type { SQSClient } from '@aws-sdk/client-sqs';
import { MESSAGE_CATALOG, type Envelope } from '@conveyor/contracts';
import type { QueueDirectory } from '@conveyor/messaging';
import { sqsClientFor } from './test-queues';
import { waitFor, withPostgresClient } from '@conveyor/dev-stack';
import { peekMessages } from '@conveyor/testing';

/** Where an order's payment request ended up: on the payments queue, or stuck in the outbox. */
export type PaymentRequestOutcome =
  { delivered: Envelope; contractIssues: string[] } | { stuckInOutbox: string };

/**
 * Reads the payment requests the order API sent, while no payment worker consumes them: what a
 * test needs to say whether an accepted order can ever be processed.
 */
export class PaymentRequestsProbe {
  private readonly sqs: SQSClient;
  private readonly seen = new Map<string, Envelope>();

  constructor(
    endpoint: string,
    private readonly directory: QueueDirectory,
    private readonly databaseUrl: string,
  ) {
    this.sqs = sqsClientFor(endpoint);
  }

  /** Every payment request on the queue so far (peeked messages stay hidden for 30 s). */
  async all(): Promise<Envelope[]> {
    for (const message of await peekMessages(this.sqs, this.directory.payments.workUrl)) {
      const envelope = JSON.parse(message.Body ?? '{}') as Envelope;
      if (envelope.orderId) this.seen.set(envelope.orderId, envelope);
    }
    return [...this.seen.values()];
  }

  /** Waits until the order's payment request is on the queue or has failed to leave the outbox. */
  outcomeFor(orderId: string): Promise<PaymentRequestOutcome> {
    return waitFor(
      async () => {
        const envelope = (await this.all()).find((e) => e.orderId === orderId);
        if (envelope) return { delivered: envelope, contractIssues: contractIssues(envelope) };
        const error = await this.outboxError(orderId);
        return error ? { stuckInOutbox: error } : undefined;
      },
      { timeoutMs: 20_000, description: `the payment request of order ${orderId}` },
    );
  }

  close(): void {
    this.sqs.destroy();
  }

  private outboxError(orderId: string): Promise<string | undefined> {
    return withPostgresClient(this.databaseUrl, async (sql) => {
      const { rows } = await sql.query<{ last_error: string | null }>(
        `SELECT last_error FROM orders.outbox WHERE envelope ->> 'orderId' = $1`,
        [orderId],
      );
      return rows[0]?.last_error ?? undefined;
    });
  }
}

/** What the payment worker's decoder would object to in this payment request. */
function contractIssues(envelope: Envelope): string[] {
  const parsed = MESSAGE_CATALOG['payment.authorization-requested'].payload.safeParse(
    envelope.payload,
  );
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}
