import { setTimeout as delay } from 'node:timers/promises';
import { ConveyorApiClient, type ApiAnswer } from '../loadtest/conveyor-api.client';

const RETRYABLE_STATUSES = new Set([502, 503, 504]);
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 2_000;

/**
 * The load kit's client, retrying as a well-behaved shop client does while the API restarts or
 * its database is away: on a refused or reset connection or a 502/503/504 it sends the same
 * request again, with the same Idempotency-Key, for up to `retryForMs`. The key makes a retry of
 * a request whose answer was lost return the order it created, never a second one.
 */
export class RetryingApiClient extends ConveyorApiClient {
  retries = 0;
  gaveUp = 0;

  constructor(
    options: ConstructorParameters<typeof ConveyorApiClient>[0],
    private readonly retryForMs = 60_000,
  ) {
    super(options);
  }

  override placeOrder(token: string, idempotencyKey: string, body: unknown): Promise<ApiAnswer> {
    return this.withRetries(() => super.placeOrder(token, idempotencyKey, body));
  }

  override cancelOrder(token: string, id: string): Promise<ApiAnswer> {
    return this.withRetries(() => super.cancelOrder(token, id));
  }

  private async withRetries(send: () => Promise<ApiAnswer>): Promise<ApiAnswer> {
    const deadline = Date.now() + this.retryForMs;
    for (let attempt = 0; ; attempt++) {
      const wait = Math.min(FIRST_DELAY_MS * 2 ** attempt, MAX_DELAY_MS);
      const last = Date.now() + wait >= deadline;
      try {
        const answer = await send();
        if (!RETRYABLE_STATUSES.has(answer.status) || last) return answer;
      } catch (error) {
        if (last) {
          this.gaveUp++;
          throw error;
        }
      }
      this.retries++;
      await delay(wait);
    }
  }
}
