import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { BenchEnvironment } from './bench.environment';
import { typicalFloorOrder } from './floor-order.sql';
import { bothSettled, type WindowMeasures } from './window.meter';

const BATCH = 10;

export interface SqsFloorResult {
  loops: number;
  callsPerSecond: number;
  /** Messages sent, received and deleted per second. */
  messagesPerSecond: number;
  /** Messages per receive: 10 when every batch was full. */
  receiveBatch: number;
  measures: WindowMeasures;
}

/**
 * The emulator's own limit through the AWS SDK: `loops` clients, each sending ten messages (the
 * size of a payment request) in one call, receiving ten and deleting them in one call, over and
 * over, on a scratch queue kept a backlog deep so every receive comes back full.
 */
export async function runSqsFloor(
  env: BenchEnvironment,
  options: { loops: number; repetition: number; warmupSeconds: number; durationSeconds: number },
): Promise<SqsFloorResult> {
  const name = `bench-sqs-floor-${options.repetition}-${Date.now()}`;
  const { QueueUrl } = await env.sqs.send(new CreateQueueCommand({ QueueName: name }));
  const queueUrl = QueueUrl!;
  const body = JSON.stringify(typicalFloorOrder('floor-sqs').envelope);
  const tally = { calls: 0, messages: 0, receives: 0 };
  const meter = env.meter({});
  try {
    for (let i = 0; i < options.loops * 2; i++) await send(env.sqs, queueUrl, body);
    const started = performance.now();
    const windowStart = started + options.warmupSeconds * 1000;
    const windowEnd = windowStart + options.durationSeconds * 1000;
    const loop = async () => {
      while (performance.now() < windowEnd) {
        const cycle = await oneCycle(env.sqs, queueUrl, body);
        const now = performance.now();
        if (now < windowStart || now > windowEnd) continue;
        tally.calls += cycle > 0 ? 3 : 2;
        tally.messages += cycle;
        tally.receives += 1;
      }
    };
    const window = sleep(options.warmupSeconds * 1000)
      .then(() => meter.start())
      .then(() => sleep(options.durationSeconds * 1000))
      .then(() => meter.stop());
    const measures = await bothSettled(
      Promise.all(Array.from({ length: options.loops }, loop)),
      window,
    );
    return {
      loops: options.loops,
      callsPerSecond: tally.calls / options.durationSeconds,
      messagesPerSecond: tally.messages / options.durationSeconds,
      receiveBatch: tally.receives > 0 ? tally.messages / tally.receives : Number.NaN,
      measures,
    };
  } finally {
    await env.sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
  }
}

/** Send ten, receive up to ten, delete what came: the messages the receive returned. */
async function oneCycle(sqs: SQSClient, queueUrl: string, body: string): Promise<number> {
  await send(sqs, queueUrl, body);
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: BATCH,
      WaitTimeSeconds: 1,
      MessageAttributeNames: ['All'],
    }),
  );
  if (Messages.length > 0) {
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle,
        })),
      }),
    );
  }
  return Messages.length;
}

function send(sqs: SQSClient, queueUrl: string, body: string) {
  return sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: Array.from({ length: BATCH }, (_, index) => ({
        Id: String(index),
        MessageBody: body,
        MessageAttributes: {
          type: { DataType: 'String', StringValue: 'payment.authorization-requested' },
        },
      })),
    }),
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
