import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateQueueCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  SQS_EMULATOR_CREDENTIALS,
  SQS_EMULATOR_REGION,
  startSqsEmulatorProcess,
  type SqsEmulatorProcess,
} from './sqs-emulator.process';

jest.setTimeout(30_000);

function clientFor(emulator: SqsEmulatorProcess): SQSClient {
  return new SQSClient({
    region: SQS_EMULATOR_REGION,
    endpoint: emulator.endpoint,
    credentials: SQS_EMULATOR_CREDENTIALS,
  });
}

async function queueNames(sqs: SQSClient): Promise<string[]> {
  const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({}));
  return QueueUrls.map((url) => url.slice(url.lastIndexOf('/') + 1));
}

describe('startSqsEmulatorProcess', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'sqs-emulator-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers SQS calls on a free port once started, and frees it on stop', async () => {
    const emulator = await startSqsEmulatorProcess();
    const sqs = clientFor(emulator);
    try {
      expect(emulator.port).toBeGreaterThan(0);
      await sqs.send(new CreateQueueCommand({ QueueName: 'ready' }));
      expect(await queueNames(sqs)).toEqual(['ready']);
    } finally {
      sqs.destroy();
      await emulator.stop();
    }
    await expect(queueNames(clientFor(emulator))).rejects.toThrow();
  });

  it('keeps queues across a crash when given a data directory', async () => {
    const first = await startSqsEmulatorProcess({ dataDir });
    const before = clientFor(first);
    await before.send(new CreateQueueCommand({ QueueName: 'survivor' }));
    before.destroy();
    first.kill();

    const second = await startSqsEmulatorProcess({ dataDir });
    const after = clientFor(second);
    try {
      expect(await queueNames(after)).toEqual(['survivor']);
    } finally {
      after.destroy();
      await second.stop();
    }
  });
});
