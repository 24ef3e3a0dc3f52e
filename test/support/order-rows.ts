import { withPostgresClient } from '@conveyor/dev-stack';

export interface OrderRowCounts {
  orders: number;
  orderItems: number;
  outbox: number;
  idempotencyKeys: number;
}

/**
 * Rows the order API wrote for some customers: a refused request must leave all four at zero
 * growth. Outbox rows are matched on the payment request's customerId, the only message an
 * order placement emits.
 */
export function countOrderRows(
  databaseUrl: string,
  customerIds: string[],
): Promise<OrderRowCounts> {
  return withPostgresClient(databaseUrl, async (sql) => {
    const { rows } = await sql.query<Record<keyof OrderRowCounts, string>>(
      `SELECT
         (SELECT count(*) FROM orders.orders WHERE customer_id = ANY($1)) AS "orders",
         (SELECT count(*) FROM orders.order_items i JOIN orders.orders o ON o.id = i.order_id
           WHERE o.customer_id = ANY($1)) AS "orderItems",
         (SELECT count(*) FROM orders.outbox
           WHERE envelope -> 'payload' ->> 'customerId' = ANY($1)) AS "outbox",
         (SELECT count(*) FROM orders.idempotency_keys WHERE customer_id = ANY($1)) AS "idempotencyKeys"`,
      [customerIds],
    );
    const [counts] = rows;
    return {
      orders: Number(counts.orders),
      orderItems: Number(counts.orderItems),
      outbox: Number(counts.outbox),
      idempotencyKeys: Number(counts.idempotencyKeys),
    };
  });
}
