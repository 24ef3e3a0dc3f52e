import {
  GetQueueAttributesCommand,
  ListQueuesCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import {
  recordCommands,
  startEmulatorFixture,
  stopEmulatorFixture,
  uniquePrefix,
  type EmulatorFixture,
} from '../messaging-spec.fixture';
import { QueueNotProvisionedError, resolveQueueDirectory } from './queue-directory';
import { provisionQueues } from './queue-provisioner';
import { resolveQueueTopology } from './queue-topology';

const DECLARED = [
  'VisibilityTimeout',
  'ReceiveMessageWaitTimeSeconds',
  'MessageRetentionPeriod',
  'SqsManagedSseEnabled',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'FifoQueue',
  'ContentBasedDeduplication',
] as const;

async function declaredAttributes(sqs: SQSClient, queueUrl: string) {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
  );
  return Object.fromEntries(
    DECLARED.filter((name) => name in Attributes).map((name) => [name, Attributes[name]]),
  );
}

describe('provisionQueues', () => {
  let fixture: EmulatorFixture;
  beforeAll(async () => {
    fixture = await startEmulatorFixture();
  });
  afterAll(() => stopEmulatorFixture(fixture));

  it('creates a work queue and a DLQ per queue name with the declared attributes', async () => {
    const { sqs } = fixture;
    const prefix = uniquePrefix();
    const topology = resolveQueueTopology({ prefix, mode: 'standard' });

    const directory = await provisionQueues(sqs, topology);

    const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }));
    expect(QueueUrls).toHaveLength(8);
    const payments = directory.payments;
    expect(payments.dlqArn).toMatch(new RegExp(`:${prefix}payments-dlq$`));
    expect(await declaredAttributes(sqs, payments.workUrl)).toEqual({
      VisibilityTimeout: '60',
      ReceiveMessageWaitTimeSeconds: '20',
      MessageRetentionPeriod: '345600',
      SqsManagedSseEnabled: 'true',
      RedrivePolicy: expect.any(String),
    });
    const redrive = JSON.parse(
      (await declaredAttributes(sqs, payments.workUrl)).RedrivePolicy ?? '',
    );
    expect(redrive).toEqual({ deadLetterTargetArn: payments.dlqArn, maxReceiveCount: 5 });
    const dlq = await declaredAttributes(sqs, payments.dlqUrl);
    expect(dlq.MessageRetentionPeriod).toBe('1209600');
    expect(JSON.parse(dlq.RedriveAllowPolicy ?? '')).toEqual({
      redrivePermission: 'byQueue',
      sourceQueueArns: [payments.workArn],
    });
    expect((await declaredAttributes(sqs, directory.shipping.workUrl)).VisibilityTimeout).toBe(
      '30',
    );
  });

  it('changes nothing when run again', async () => {
    const { sqs } = fixture;
    const topology = resolveQueueTopology({ prefix: uniquePrefix(), mode: 'standard' });
    const first = await provisionQueues(sqs, topology);
    const before = await declaredAttributes(sqs, first['order-events'].dlqUrl);
    const commands = recordCommands(sqs);

    const second = await provisionQueues(sqs, topology);

    expect(second).toEqual(first);
    expect(commands).not.toContain('SetQueueAttributesCommand');
    expect(await declaredAttributes(sqs, first['order-events'].dlqUrl)).toEqual(before);
  });

  it('brings a drifted queue back to the declared attributes', async () => {
    const { sqs } = fixture;
    const prefix = uniquePrefix();
    const directory = await provisionQueues(
      sqs,
      resolveQueueTopology({ prefix, mode: 'standard' }),
    );
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: directory.inventory.workUrl,
        Attributes: { VisibilityTimeout: '99' },
      }),
    );

    await provisionQueues(
      sqs,
      resolveQueueTopology({ prefix, mode: 'standard', maxReceiveCount: 3 }),
    );

    const attributes = await declaredAttributes(sqs, directory.inventory.workUrl);
    expect(attributes.VisibilityTimeout).toBe('30');
    expect(JSON.parse(attributes.RedrivePolicy ?? '')).toEqual({
      deadLetterTargetArn: directory.inventory.dlqArn,
      maxReceiveCount: 3,
    });
  });

  it('provisions FIFO work queues and FIFO DLQs', async () => {
    const { sqs } = fixture;
    const prefix = uniquePrefix();

    const directory = await provisionQueues(sqs, resolveQueueTopology({ prefix, mode: 'fifo' }));
    await provisionQueues(sqs, resolveQueueTopology({ prefix, mode: 'fifo' }));

    const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }));
    expect(QueueUrls).toHaveLength(8);
    expect(QueueUrls.every((url) => url.endsWith('.fifo'))).toBe(true);
    for (const url of [directory.shipping.workUrl, directory.shipping.dlqUrl]) {
      expect(await declaredAttributes(sqs, url)).toMatchObject({
        FifoQueue: 'true',
        ContentBasedDeduplication: 'false',
      });
    }
  });
});

describe('resolveQueueDirectory', () => {
  let fixture: EmulatorFixture;
  beforeAll(async () => {
    fixture = await startEmulatorFixture();
  });
  afterAll(() => stopEmulatorFixture(fixture));

  it('tells the operator to provision when a queue is missing', async () => {
    const topology = resolveQueueTopology({ prefix: uniquePrefix(), mode: 'standard' });

    const lookup = resolveQueueDirectory(fixture.sqs, topology);

    await expect(lookup).rejects.toBeInstanceOf(QueueNotProvisionedError);
    await expect(lookup).rejects.toMatchObject({ code: 'QUEUE.NOT_PROVISIONED' });
    await expect(lookup).rejects.toThrow(/npm run queues:provision/);
  });
});
