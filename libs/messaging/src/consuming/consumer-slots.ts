/**
 * Counts a consumer's busy slots and decides when enough are free to be worth a ReceiveMessage.
 * While the queue has a backlog, receiving as each single slot frees costs one call per message or
 * two; waiting for a batch's worth of slots makes each call carry up to ten. The wait is bounded
 * by the linger, so one slow handler holds back the others' next messages by at most that long.
 */
export class ConsumerSlots {
  private busy = 0;
  private changed: (() => void) | null = null;

  constructor(
    private readonly capacity: number,
    private readonly batchSize: number,
    private readonly lingerMs: number,
    private readonly onChange: (busy: number) => void,
  ) {}

  get inUse(): number {
    return this.busy;
  }

  get free(): number {
    return this.capacity - this.busy;
  }

  take(): void {
    this.busy += 1;
    this.onChange(this.busy);
  }

  give(): void {
    this.busy -= 1;
    this.onChange(this.busy);
    this.wake();
  }

  /** Ends any wait at once (used on stop). */
  wake(): void {
    this.changed?.();
    this.changed = null;
  }

  /**
   * Resolves when a receive is worth making: a full batch of slots is free, or some are and the
   * linger has passed. After a receive that came back short the queue has no backlog, so any free
   * slot is enough and a message that arrives is picked up without delay.
   */
  async waitForReceive(signal: AbortSignal, backlog: boolean): Promise<void> {
    const wanted = backlog ? Math.min(this.batchSize, this.capacity) : 1;
    let deadline: number | null = null;
    while (!signal.aborted && this.free < wanted) {
      if (this.free === 0) {
        await this.nextChange();
        continue;
      }
      deadline ??= performance.now() + this.lingerMs;
      const left = deadline - performance.now();
      if (left <= 0) return;
      await this.nextChange(left);
    }
  }

  private nextChange(timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(resolve, timeoutMs);
      this.changed = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
