import { OrderRequestsClient, ResponseTally } from './order-requests.client';
import type { WindowMeasures, WindowMeter } from './window.meter';

export interface ClosedLoopResult {
  /** Answers completed inside the measured window only. */
  window: ResponseTally;
  windowSeconds: number;
  /** Every order the API accepted, warm-up included, for the accounting. */
  acceptedIds: string[];
  measures: WindowMeasures;
}

/**
 * The API at full speed: `connections` clients each send the next `POST /orders` as soon as the
 * last one was answered. Answers during the warm-up are not counted; after it, the window lasts
 * `durationSeconds`.
 */
export async function runClosedLoop(options: {
  baseUrl: string;
  runTag: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  meter: WindowMeter;
}): Promise<ClosedLoopResult> {
  const client = await OrderRequestsClient.create(
    options.baseUrl,
    options.connections,
    options.runTag,
  );
  const all = new ResponseTally();
  const window = new ResponseTally();
  const started = performance.now();
  const windowStart = started + options.warmupSeconds * 1000;
  const windowEnd = windowStart + options.durationSeconds * 1000;
  const connection = async () => {
    while (performance.now() < windowEnd) {
      const response = await client.place();
      all.record(response);
      const now = performance.now();
      if (now >= windowStart && now <= windowEnd) window.record(response);
    }
  };
  const meterStarted = new Promise((resolve) =>
    setTimeout(resolve, options.warmupSeconds * 1000),
  ).then(() => options.meter.start());
  const measures = new Promise((resolve) => setTimeout(resolve, windowEnd - started))
    .then(() => meterStarted)
    .then(() => options.meter.stop());
  try {
    await Promise.all(Array.from({ length: options.connections }, connection));
  } finally {
    client.close();
  }
  return {
    window,
    windowSeconds: options.durationSeconds,
    acceptedIds: all.acceptedIds,
    measures: await measures,
  };
}
