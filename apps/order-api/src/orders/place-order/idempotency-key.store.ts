import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CodedError } from '../../errors/coded.error';

export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

export class IdempotencyKeyReusedError extends CodedError {
  constructor() {
    super(
      'IDEMPOTENCY.KEY_REUSED',
      'This Idempotency-Key was already used with a different request body',
    );
  }
}

export class IdempotencyKeyInUseError extends CodedError {
  constructor() {
    super(
      'IDEMPOTENCY.KEY_IN_USE',
      'A request with this Idempotency-Key is still being processed; retry shortly',
    );
  }
}

/** Replays for at least this long; older keys are purged by the reconciler. */
export const IDEMPOTENCY_RETENTION_HOURS = 48;

/**
 * The first answer to each (customer, Idempotency-Key), stored by the statement that places the
 * order (PlaceOrderStatement), so a key exists if and only if its order does.
 */
@Injectable()
export class IdempotencyKeyStore {
  constructor(private readonly dataSource: DataSource) {}

  static hash(request: unknown): string {
    return createHash('sha256').update(canonicalJson(request)).digest('hex');
  }

  async find(customerId: string, key: string): Promise<StoredResponse | undefined> {
    const [row] = await this.dataSource.query<
      { request_hash: string; response_status: number; response_body: unknown }[]
    >(
      `SELECT request_hash, response_status, response_body FROM orders.idempotency_keys
       WHERE customer_id = $1 AND key = $2`,
      [customerId, key],
    );
    return (
      row && { requestHash: row.request_hash, status: row.response_status, body: row.response_body }
    );
  }

  async purgeOlderThan(hours: number): Promise<number> {
    const [, count] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM orders.idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
      [hours],
    );
    return count;
  }
}

/** The same request always hashes the same, whatever the key order of its JSON. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
