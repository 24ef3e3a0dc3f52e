/** A /v1 answer as Stripe saves it under an Idempotency-Key: status and rendered body. */
export interface StoredAnswer {
  status: number;
  body: string;
  requestId: string;
}

export type IdempotencyLookup =
  { kind: 'new' } | { kind: 'replay'; answer: StoredAnswer } | { kind: 'mismatch' };

interface Entry {
  fingerprint: string;
  answer: StoredAnswer;
}

/**
 * Saved answers per (API key, Idempotency-Key), as Stripe keeps them: a retry with the same key
 * and the same endpoint and params gets the first answer back; the same key with anything else is
 * an idempotency error. Handlers run synchronously between lookup and save, so two requests with
 * one key can never interleave and no in-progress state is needed.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  lookup(apiKey: string, key: string, fingerprint: string): IdempotencyLookup {
    const entry = this.entries.get(scopedKey(apiKey, key));
    if (!entry) {
      return { kind: 'new' };
    }
    return entry.fingerprint === fingerprint
      ? { kind: 'replay', answer: entry.answer }
      : { kind: 'mismatch' };
  }

  save(apiKey: string, key: string, fingerprint: string, answer: StoredAnswer): void {
    this.entries.set(scopedKey(apiKey, key), { fingerprint, answer });
  }

  clear(): void {
    this.entries.clear();
  }
}

function scopedKey(apiKey: string, key: string): string {
  return `${apiKey}\u0000${key}`;
}
