import { randomUUID } from 'node:crypto';
import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { loadConfig, testEnvSchema } from '@conveyor/config';
import { SQS_EMULATOR_CREDENTIALS, SQS_EMULATOR_REGION } from '@conveyor/dev-stack';
import { createSqsClient } from '@conveyor/messaging';
import { MetricsService } from '@conveyor/observability';
import { QueueDepthSampler } from './queue-depth.sampler';

describe('QueueDepthSampler (SQS emulator)', () => {
  const env = loadConfig(testEnvSchema);
  const sqs = createSqsClient({
    region: SQS_EMULATOR_REGION,
    endpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
    credentials: SQS_EMULATOR_CREDENTIALS,
  });
  const warnings: object[] = [];
  const logger = { warn: (obj: object) => warnings.push(obj) };

  afterAll(() => sqs.destroy());

  async function createQueue(name: string): Promise<string> {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    return QueueUrl!;
  }

  async function value(metrics: MetricsService, name: string, labels: Record<string, string>) {
    const { values } = await metrics.registry.getSingleMetric(name)!.get();
    const found = values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
    return found?.value;
  }

  it('reports the work queue by state and the DLQ, and keeps them when a read fails', async () => {
    const id = randomUUID().slice(0, 8);
    const workUrl = await createQueue(`sampler-${id}`);
    const dlqUrl = await createQueue(`sampler-${id}-dlq`);
    const send = (QueueUrl: string, DelaySeconds = 0) =>
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', DelaySeconds }));
    await Promise.all([send(workUrl), send(workUrl), send(workUrl, 600), send(dlqUrl)]);
    const metrics = new MetricsService({ serviceName: 'spec', logLevel: 'silent' });
    const sampler = (dlq: string) =>
      new QueueDepthSampler({
        sqs,
        queue: 'shipping',
        workUrl,
        dlqUrl: dlq,
        intervalSeconds: 60,
        metrics,
        logger,
      });

    await sampler(dlqUrl).sampleOnce();

    const depth = (state: string) =>
      value(metrics, 'conveyor_queue_messages', { queue: 'shipping', state });
    expect({
      visible: await depth('visible'),
      inFlight: await depth('in_flight'),
      delayed: await depth('delayed'),
      dlq: await value(metrics, 'conveyor_dlq_messages', { queue: 'shipping' }),
    }).toEqual({ visible: 2, inFlight: 0, delayed: 1, dlq: 1 });

    await sampler(`${dlqUrl}-gone`).sampleOnce();

    expect(await value(metrics, 'conveyor_sample_errors_total', { sampler: 'queue-depth' })).toBe(
      1,
    );
    expect(warnings).toEqual([expect.objectContaining({ queue: 'shipping' })]);
    expect(await depth('visible')).toBe(2);
  });

  it('samples once at start, and stop waits for that sample', async () => {
    const id = randomUUID().slice(0, 8);
    const metrics = new MetricsService({ serviceName: 'spec', logLevel: 'silent' });
    const sampler = new QueueDepthSampler({
      sqs,
      queue: 'inventory',
      workUrl: await createQueue(`sampler-${id}`),
      dlqUrl: await createQueue(`sampler-${id}-dlq`),
      intervalSeconds: 1,
      metrics,
      logger,
    });

    sampler.start();
    await sampler.stop();

    expect(await value(metrics, 'conveyor_dlq_messages', { queue: 'inventory' })).toBe(0);
  });
});
