import { randomBytes, randomUUID } from 'node:crypto';
import type { Message } from '@aws-sdk/client-sqs';
import { MESSAGE_CATALOG } from '@conveyor/contracts';
import { withPostgresClient } from '@conveyor/dev-stack';
import { FieldCipher, parseKeyring } from '@conveyor/field-encryption';

/** A customer whose every personal value is unique to this run, so a hit can only be a leak. */
export function canaryCustomer() {
  const tag = randomBytes(4).toString('hex');
  return {
    address: {
      name: `Canary-Name-${tag}`,
      line1: `Canary-Street-${tag} 7`,
      city: `Canary-City-${tag}`,
      postalCode: `CP-${tag}`,
      country: 'DE',
    },
  };
}

/**
 * A payment method unique to this run that the Stripe emulator accepts: the id it issues for a
 * test card (`pm_…`), which it resolves again for later PaymentIntents.
 */
export async function issuedPaymentMethod(stripeUrl: string): Promise<string> {
  const response = await fetch(`${stripeUrl}/v1/payment_intents`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer sk_test_canary_issuer',
      'content-type': 'application/x-www-form-urlencoded',
      'idempotency-key': randomUUID(),
    },
    body: new URLSearchParams({ amount: '100', currency: 'eur', payment_method: 'pm_card_visa' }),
  });
  const intent = (await response.json()) as { payment_method?: string };
  if (!intent.payment_method?.startsWith('pm_')) throw new Error('the emulator issued no id');
  return intent.payment_method;
}

/**
 * An authorization request for a new order whose fields were sealed with a key no app holds (a
 * key retired too early, or another environment's): the payment worker must dead-letter it.
 */
export function requestSealedWithUnknownKey(
  address: object,
  paymentMethod: string,
): { orderId: string; body: string } {
  const cipher = new FieldCipher(parseKeyring(`retired:${randomBytes(32).toString('base64')}`));
  const orderId = randomUUID();
  const type = 'payment.authorization-requested';
  const body = JSON.stringify({
    messageId: randomUUID(),
    type,
    version: MESSAGE_CATALOG[type].version,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    orderId,
    payload: {
      customerId: 'canary-poison',
      paymentMethod: cipher.seal(paymentMethod, { orderId, field: 'paymentMethod' }),
      totalCents: 100,
      currency: 'EUR',
      items: [{ sku: 'CANARY', quantity: 1 }],
      shippingAddress: cipher.seal(address, { orderId, field: 'shippingAddress' }),
    },
  });
  return { orderId, body };
}

/** The tables of every schema whose rows' text holds any of `needles`, with the count. */
export function tablesHolding(
  databaseUrl: string,
  needles: readonly string[],
): Promise<Record<string, number>> {
  return withPostgresClient(databaseUrl, async (sql) => {
    const { rows: tables } = await sql.query<{ name: string }>(
      `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    const hits: Record<string, number> = {};
    const patterns = needles.map((needle) => `%${needle}%`);
    for (const { name } of tables) {
      const { rows } = await sql.query<{ count: string }>(
        `SELECT count(*) AS count FROM ${name} AS t WHERE t::text LIKE ANY($1::text[])`,
        [patterns],
      );
      if (Number(rows[0].count) > 0) hits[name] = Number(rows[0].count);
    }
    return hits;
  });
}

/** The outbox rows of `schema` about `orderId`, as their envelopes' JSON text. */
export function outboxRowsOf(databaseUrl: string, schema: string, orderId: string) {
  return withPostgresClient(databaseUrl, async (sql) => {
    const { rows } = await sql.query<{ envelope: unknown }>(
      `SELECT envelope FROM "${schema}".outbox WHERE envelope->>'orderId' = $1`,
      [orderId],
    );
    return rows.map((row) => JSON.stringify(row.envelope));
  });
}

/** The texts among `texts` that hold any of `needles`. */
export function hitsIn(texts: readonly string[], needles: readonly string[]): string[] {
  return texts.filter((text) => needles.some((needle) => text.includes(needle)));
}

/** Each message as the text a search must cover: body, attributes and all. */
export function messageTexts(messages: readonly Message[]): string[] {
  return messages.map((message) => JSON.stringify(message));
}
