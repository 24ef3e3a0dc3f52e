import type { CallFrame, CpuProfile } from './cpu-profile.types';

/** The repository root the fixture's project files live under. */
export const FIXTURE_ROOT = '/repo';

function frame(functionName: string, url = '', lineNumber = -1): CallFrame {
  return { functionName, scriptId: '0', url, lineNumber, columnNumber: 4 };
}

const PG_QUERY = frame('query', 'file:///repo/node_modules/pg/lib/client.js', 500);

/**
 * A small profile of known shape: eleven samples 1 ms apart (the last weighs 1 ms to the end),
 * so each counts 1,000 µs. Two are idle, so 9 ms of CPU: pg's `query` 4 ms from two call
 * paths, one each in GC, (program), the SQS client, a Node stream internal and the consumer.
 *
 *   (root) ─┬ (program)                                          1 sample
 *           ├ (idle)                                             2
 *           ├ (garbage collector)                                1
 *           ├ processTicksAndRejections ─ handle (libs/messaging) 1 ─┬ query (pg)           2
 *           │                                                         └ send (@aws-sdk) 1 ─ writeGeneric 1
 *           └ placeOrder (apps/order-api) ─ query (pg)          2
 */
export function syntheticProfile(): CpuProfile {
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 3, 4, 5, 6] },
      { id: 2, callFrame: frame('(program)') },
      { id: 3, callFrame: frame('(idle)') },
      { id: 4, callFrame: frame('(garbage collector)') },
      {
        id: 5,
        callFrame: frame('processTicksAndRejections', 'node:internal/process/task_queues', 104),
        children: [7],
      },
      {
        id: 6,
        callFrame: frame(
          'placeOrder',
          'file:///repo/dist/apps/order-api/src/orders/place-order.handler.js',
          29,
        ),
        children: [11],
      },
      {
        id: 7,
        callFrame: frame('handle', 'file:///repo/dist/libs/messaging/src/queue.consumer.js', 9),
        children: [8, 9],
      },
      { id: 8, callFrame: PG_QUERY },
      {
        id: 9,
        callFrame: frame(
          'send',
          'file:///repo/node_modules/@aws-sdk/client-sqs/dist-cjs/index.js',
          19,
        ),
        children: [10],
      },
      { id: 10, callFrame: frame('writeGeneric', 'node:internal/stream_base_commons', 150) },
      { id: 11, callFrame: PG_QUERY },
    ],
    startTime: 1_000,
    endTime: 12_000,
    samples: [2, 3, 3, 4, 8, 8, 9, 10, 11, 11, 7],
    timeDeltas: [0, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000],
  };
}
