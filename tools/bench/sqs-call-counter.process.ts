import { startSqsEmulatorProcess } from '@conveyor/dev-stack';

/** What the emulator answered since it started: calls by action, batch entries, received messages. */
export interface SqsCallCounts {
  calls: Record<string, number>;
  entries: Record<string, number>;
  received: { messages: number; empty: number };
}

export interface CountingSqsEmulator {
  endpoint: string;
  pid: number | undefined;
  counts(): Promise<SqsCallCounts>;
  stop(): Promise<void>;
}

/** fauxqs in memory, in its own process, counting every SQS call it serves. */
export async function startCountingSqsEmulator(): Promise<CountingSqsEmulator> {
  const emulator = await startSqsEmulatorProcess({ countCalls: true });
  return {
    endpoint: emulator.endpoint,
    pid: emulator.pid,
    counts: async () => {
      const response = await fetch(`${emulator.endpoint}/_bench/sqs-calls`);
      return (await response.json()) as SqsCallCounts;
    },
    stop: () => emulator.stop(),
  };
}

/** Counts between two snapshots. */
export function diffCounts(after: SqsCallCounts, before: SqsCallCounts): SqsCallCounts {
  const minus = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(a)
        .map(([key, value]) => [key, value - (b[key] ?? 0)] as const)
        .filter(([, value]) => value > 0),
    );
  return {
    calls: minus(after.calls, before.calls),
    entries: minus(after.entries, before.entries),
    received: {
      messages: after.received.messages - before.received.messages,
      empty: after.received.empty - before.received.empty,
    },
  };
}
