import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { MESSAGE_CATALOG } from '@conveyor/contracts';
import { FieldCipher, developmentKeyring } from '@conveyor/field-encryption';
import type { QueueMode } from '@conveyor/messaging';
import { BENCH_ADDRESS, BENCH_PRODUCTS, orderRequestBody } from './bench.catalog';
import type { BenchEnvironment } from './bench.environment';

const PRICES = new Map(BENCH_PRODUCTS.map((product) => [product.sku, product.priceCents]));
const REQUEST = 'payment.authorization-requested';

/**
 * The personal data of a request as each variant's workers read it. Conveyor's apps run without
 * keys configured, so with the development keyrings; the bare workers take it in clear (version 1).
 */
export function personalData(orderId: string, sealed: boolean) {
  if (!sealed) {
    return {
      version: 1,
      fields: { paymentMethod: 'pm_card_visa', shippingAddress: BENCH_ADDRESS },
    };
  }
  const payment = new FieldCipher(developmentKeyring('payment'));
  const shipping = new FieldCipher(developmentKeyring('shipping'));
  return {
    version: MESSAGE_CATALOG[REQUEST].version,
    fields: {
      paymentMethod: payment.seal('pm_card_visa', { orderId, field: 'paymentMethod' }),
      shippingAddress: shipping.seal(BENCH_ADDRESS, { orderId, field: 'shippingAddress' }),
    },
  };
}

/**
 * Puts orders at the head of the pipeline as the API leaves them: the PENDING order rows with
 * their items, and each order's `payment.authorization-requested` on the payments queue, sent
 * ten to a SendMessageBatch (the API's outbox at its best). The pipeline figure thus measures the
 * workers, not the API, whichever variant runs them.
 */
export class PipelineSeeder {
  readonly ids: string[] = [];
  private sequence = 0;

  constructor(
    private readonly env: BenchEnvironment,
    private readonly paymentsUrl: string,
    private readonly mode: QueueMode,
    private readonly customerId: string,
    /** Conveyor's variants seal the personal data; the bare one sends it in clear. */
    private readonly sealed: boolean,
  ) {}

  async seed(count: number): Promise<void> {
    const now = new Date().toISOString();
    const orders = Array.from({ length: count }, () => this.order(now));
    await this.env.sql.query(
      `INSERT INTO orders.orders (id, customer_id, status, currency, total_cents, shipping_address,
         payment_method, timeline, created_at, updated_at)
       SELECT id, customer_id, 'PENDING', 'EUR', total_cents, $2::jsonb, 'pm_card_visa',
         jsonb_build_array(jsonb_build_object('status', 'PENDING', 'at', $3::text)), $3::timestamptz, $3::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS o(id uuid, customer_id text, total_cents bigint)`,
      [JSON.stringify(orders), JSON.stringify(BENCH_ADDRESS), now],
    );
    await this.env.sql.query(
      `INSERT INTO orders.order_items (order_id, sku, name, quantity, unit_price_cents)
       SELECT order_id, sku, 'Bench ' || sku, quantity, unit_price_cents
       FROM jsonb_to_recordset($1::jsonb) AS i(order_id uuid, sku text, quantity int, unit_price_cents int)`,
      [JSON.stringify(orders.flatMap((order) => order.lines))],
    );
    const entries = orders.map((order) => this.entry(order, now));
    const sends: Promise<unknown>[] = [];
    for (let start = 0; start < entries.length; start += 10) {
      const batch = entries
        .slice(start, start + 10)
        .map((entry, index) => ({ ...entry, Id: String(index) }));
      sends.push(
        this.env.sqs.send(
          new SendMessageBatchCommand({ QueueUrl: this.paymentsUrl, Entries: batch }),
        ),
      );
    }
    await Promise.all(sends);
    this.ids.push(...orders.map((order) => order.id));
  }

  private order(now: string) {
    const id = randomUUID();
    const body = orderRequestBody(this.sequence++);
    const lines = body.items.map((item) => ({
      order_id: id,
      sku: item.sku,
      quantity: item.quantity,
      unit_price_cents: PRICES.get(item.sku) ?? 0,
    }));
    const total = lines.reduce((sum, line) => sum + line.quantity * line.unit_price_cents, 0);
    return { id, customer_id: this.customerId, total_cents: total, items: body.items, lines, now };
  }

  private entry(
    order: ReturnType<PipelineSeeder['order']>,
    now: string,
  ): Omit<SendMessageBatchRequestEntry, 'Id'> {
    const correlationId = randomUUID();
    const { version, fields } = personalData(order.id, this.sealed);
    const envelope = {
      messageId: randomUUID(),
      type: REQUEST,
      version,
      occurredAt: now,
      correlationId,
      orderId: order.id,
      payload: {
        customerId: this.customerId,
        totalCents: order.total_cents,
        currency: 'EUR',
        items: order.items,
        ...fields,
      },
    };
    return {
      MessageBody: JSON.stringify(envelope),
      MessageAttributes: {
        type: { DataType: 'String', StringValue: envelope.type },
        correlationId: { DataType: 'String', StringValue: correlationId },
      },
      ...(this.mode === 'fifo' && {
        MessageGroupId: order.id,
        MessageDeduplicationId: envelope.messageId,
      }),
    };
  }
}
