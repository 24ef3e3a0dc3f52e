import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  SQS_EMULATOR_CREDENTIALS,
  SQS_EMULATOR_REGION,
  startSqsEmulatorProcess,
  type SqsEmulatorProcess,
} from '@conveyor/dev-stack';
import { provisionQueues, renderQueueAttributes, type QueueDefinition } from '@conveyor/messaging';
import {
  queueLogicalId,
  STACK_VARIANTS,
  synthesizeStack,
  type CloudFormationTemplate,
  type StackVariant,
} from './conveyor-stack.fixtures';

/** The attributes a template declares for a queue, in the SQS API's spelling (strings). */
function templateAttributes(json: CloudFormationTemplate, name: string): Record<string, string> {
  const properties = json.Resources[queueLogicalId(json, name)].Properties!;
  const keys = [
    'VisibilityTimeout',
    'ReceiveMessageWaitTimeSeconds',
    'MessageRetentionPeriod',
    'SqsManagedSseEnabled',
    'FifoQueue',
    'ContentBasedDeduplication',
  ];
  return Object.fromEntries(
    keys.filter((key) => key in properties).map((key) => [key, String(properties[key])]),
  );
}

function definitionsOf(variant: StackVariant): QueueDefinition[] {
  return synthesizeStack(variant).stack.topology.pairs.flatMap((pair) => [pair.work, pair.dlq]);
}

describe.each(Object.keys(STACK_VARIANTS) as StackVariant[])(
  'the CDK queues and the emulator provisioner (%s)',
  (variant) => {
    it('declare the same attributes for every queue', () => {
      const { json } = synthesizeStack(variant);
      for (const definition of definitionsOf(variant)) {
        expect(templateAttributes(json, definition.name)).toEqual(
          renderQueueAttributes(definition),
        );
      }
    });
  },
);

describe('queues the provisioner creates in the emulator', () => {
  jest.setTimeout(60_000);
  let emulator: SqsEmulatorProcess;
  let sqs: SQSClient;
  beforeAll(async () => {
    emulator = await startSqsEmulatorProcess();
    sqs = new SQSClient({
      region: SQS_EMULATOR_REGION,
      endpoint: emulator.endpoint,
      credentials: SQS_EMULATOR_CREDENTIALS,
    });
  });
  afterAll(async () => {
    sqs.destroy();
    await emulator.stop();
  });

  async function attributesOf(url: string): Promise<Record<string, string>> {
    const command = new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] });
    return (await sqs.send(command)).Attributes ?? {};
  }

  it.each(Object.keys(STACK_VARIANTS) as StackVariant[])(
    'report the attributes and redrive of the template (%s)',
    async (variant) => {
      const { json, stack } = synthesizeStack(variant);
      const directory = await provisionQueues(sqs, stack.topology);
      for (const pair of stack.topology.pairs) {
        const work = await attributesOf(directory[pair.queue].workUrl);
        const dlq = await attributesOf(directory[pair.queue].dlqUrl);
        const pick = (attributes: Record<string, string>, name: string) =>
          Object.fromEntries(
            Object.keys(templateAttributes(json, name)).map((key) => [key, attributes[key]]),
          );
        expect(pick(work, pair.work.name)).toEqual(templateAttributes(json, pair.work.name));
        expect(pick(dlq, pair.dlq.name)).toEqual(templateAttributes(json, pair.dlq.name));
        const template = json.Resources[queueLogicalId(json, pair.work.name)].Properties!;
        expect(JSON.parse(work.RedrivePolicy ?? '{}')).toEqual({
          deadLetterTargetArn: dlq.QueueArn,
          maxReceiveCount: (template.RedrivePolicy as { maxReceiveCount: number }).maxReceiveCount,
        });
        expect(JSON.parse(dlq.RedriveAllowPolicy ?? '{}')).toEqual({
          redrivePermission: 'byQueue',
          sourceQueueArns: [work.QueueArn],
        });
      }
    },
  );
});
