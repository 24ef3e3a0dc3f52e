import { AsyncLocalStorage } from 'node:async_hooks';

interface CorrelationScope {
  correlationId: string;
}

const storage = new AsyncLocalStorage<CorrelationScope>();

/**
 * The correlation id of the work in progress (an HTTP request or a queue message), carried
 * across awaits so every log line and every outgoing message can name it without threading it
 * through each call.
 */
export const correlationContext = {
  run<T>(correlationId: string, fn: () => T): T {
    return storage.run({ correlationId }, fn);
  },
  currentId(): string | undefined {
    return storage.getStore()?.correlationId;
  },
};
