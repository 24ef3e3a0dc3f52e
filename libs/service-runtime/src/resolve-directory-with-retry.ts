import type { QueueDirectory } from '@conveyor/messaging';

interface RetryLogger {
  warn(obj: object, msg: string): void;
}

/**
 * Looks the queues up at boot, waiting out a short SQS blip (the local stack starts the emulator
 * moments before the apps) but failing within a minute, so an orchestrator sees the crash.
 */
export async function resolveDirectoryWithRetry(
  resolve: () => Promise<QueueDirectory>,
  logger: RetryLogger,
  deadlineMs = 60_000,
): Promise<QueueDirectory> {
  const deadline = Date.now() + deadlineMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await resolve();
    } catch (error) {
      if (Date.now() + 1_000 > deadline) throw error;
      logger.warn({ err: error, attempt }, 'queues not reachable yet; retrying');
      await new Promise((resolveDelay) => setTimeout(resolveDelay, Math.min(250 * attempt, 2_000)));
    }
  }
}
