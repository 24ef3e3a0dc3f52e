import { setTimeout as sleep } from 'node:timers/promises';
import { waitFor } from '@conveyor/dev-stack';
import { recordMessagesPerCall } from '../messaging-spec.fixture';
import { useConsumerHarness } from './sqs-consumer-spec.harness';

jest.setTimeout(20_000);

describe('SqsConsumer concurrency and batching', () => {
  const harness = useConsumerHarness();
  const { startConsumer, publish, queueDrained } = harness;

  it('never runs more handlers than its concurrency, and one slow handler does not hold back the rest', async () => {
    let active = 0;
    let maxActive = 0;
    let handled = 0;
    let releaseSlow: () => void = () => undefined;
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
    const [slow] = await publish(1);
    await publish(15);
    startConsumer(
      async ({ envelope }) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        if (envelope.messageId === slow?.messageId) await slowGate;
        else await sleep(20);
        active -= 1;
        handled += 1;
      },
      { concurrency: 3 },
    );

    // The slow message holds one slot; the other two keep draining the rest meanwhile.
    await waitFor(() => handled === 15, { description: '15 fast messages handled' });
    releaseSlow();
    await queueDrained(harness.directory.inventory.workUrl);

    expect(maxActive).toBe(3);
  });

  it.each([10, 2])(
    'receives and deletes a backlog in batches of ten (concurrency %i)',
    async (concurrency) => {
      const calls = recordMessagesPerCall(harness.fixture.sqs);
      await publish(40);
      // A linger far longer than the handlers: every batch waits until all ten slots are free.
      // With two handlers the other eight messages of a batch wait in the process, still leased.
      const { consumer: running } = startConsumer(() => sleep(5), {
        concurrency,
        batchLingerMs: 1_000,
      });
      await queueDrained(harness.directory.inventory.workUrl);
      await running.stop();

      const carrying = (command: string) =>
        calls.filter((call) => call.command === command && call.messages > 0);
      const receives = carrying('ReceiveMessageCommand');
      const deletes = carrying('DeleteMessageBatchCommand');
      expect(receives.reduce((sum, call) => sum + call.messages, 0)).toBe(40);
      expect(deletes.reduce((sum, call) => sum + call.messages, 0)).toBe(40);
      expect(receives.length).toBeLessThanOrEqual(5);
      expect(deletes.length).toBeLessThanOrEqual(5);
    },
  );
});
