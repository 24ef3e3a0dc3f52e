import { setTimeout as delay } from 'node:timers/promises';
import { ConveyorApiClient, type ApiAnswer } from '../loadtest/conveyor-api.client';

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 2_000;
/** Longer than any outage or restart a run injects: a request still refused then is a finding. */
const RETRY_FOR_MS = 300_000;

/**
 * The load kit's client, retrying as a well-behaved shop client does (the storefront's rule)
 * while the API restarts or its database is away: on a refused or reset connection, a timeout,
 * a 5xx, 408, 429, or a 409 saying a twin request with the same key is still in progress, it
 * sends the same request again, with the same Idempotency-Key, until it gets another answer or
 * `retryForMs` has passed. The key makes a retry of a request whose answer was lost return the
 * order it created, never a second one; an answer that says the request itself is wrong ends it.
 */
export class RetryingApiClient extends ConveyorApiClient {
  retries = 0;
  gaveUp = 0;
  /** What each retry answered: the status (and problem code), or `error:<code>`. */
  readonly retriedOn: Record<string, number> = {};

  constructor(
    options: ConstructorParameters<typeof ConveyorApiClient>[0],
    private readonly retryForMs = RETRY_FOR_MS,
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
      let reason: string;
      try {
        const answer = await send();
        reason = retryReason(answer) ?? '';
        if (!reason) return answer;
        if (last) {
          this.gaveUp++;
          return answer;
        }
      } catch (error) {
        if (last) {
          this.gaveUp++;
          throw error;
        }
        reason = `error:${errorCode(error)}`;
      }
      this.retries++;
      this.retriedOn[reason] = (this.retriedOn[reason] ?? 0) + 1;
      await delay(wait);
    }
  }
}

/** Why the answer calls for the same request again, or undefined when it is final. */
function retryReason(answer: ApiAnswer): string | undefined {
  const code = (answer.body as { code?: unknown } | undefined)?.code;
  const key = typeof code === 'string' ? `${answer.status} ${code}` : String(answer.status);
  if (answer.status >= 500 || answer.status === 408 || answer.status === 429) return key;
  return code === 'IDEMPOTENCY.KEY_IN_USE' ? key : undefined;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'UNKNOWN';
}
