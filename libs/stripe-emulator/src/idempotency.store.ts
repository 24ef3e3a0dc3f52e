import { IDEMPOTENCY_KEY_TTL_SECONDS, type EmulatorClock } from './emulator.clock';

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
  savedAt: number;
}

/**
 * Saved answers per (API key, Idempotency-Key), as Stripe keeps them: a retry with the same key
 * and the same endpoint and params gets the first answer back; the same key with anything else is
 * an idempotency error. Like Stripe, it forgets a key 24 hours (of the emulator's clock) after
 * saving it: the key then makes a new object. Handlers run synchronously between lookup and
 * save, so two requests with one key can never interleave and no in-progress state is needed.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: EmulatorClock) {}

  lookup(apiKey: string, key: string, fingerprint: string): IdempotencyLookup {
    const scoped = scopedKey(apiKey, key);
    const entry = this.entries.get(scoped);
    if (entry && this.clock.nowSeconds() - entry.savedAt >= IDEMPOTENCY_KEY_TTL_SECONDS) {
      this.entries.delete(scoped);
      return { kind: 'new' };
    }
    if (!entry) {
      return { kind: 'new' };
    }
    return entry.fingerprint === fingerprint
      ? { kind: 'replay', answer: entry.answer }
      : { kind: 'mismatch' };
  }

  save(apiKey: string, key: string, fingerprint: string, answer: StoredAnswer): void {
    const savedAt = this.clock.nowSeconds();
    this.entries.set(scopedKey(apiKey, key), { fingerprint, answer, savedAt });
  }

  clear(): void {
    this.entries.clear();
  }
}

function scopedKey(apiKey: string, key: string): string {
  return `${apiKey}\u0000${key}`;
}
