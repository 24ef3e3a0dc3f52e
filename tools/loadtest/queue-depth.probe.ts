import type { SQSClient } from '@aws-sdk/client-sqs';
import { QUEUE_NAMES, type QueueName } from '@conveyor/contracts';
import {
  createSqsClient,
  readQueueDepth,
  resolveQueueDirectory,
  resolveQueueTopology,
  type QueueDirectory,
  type QueueMode,
} from '@conveyor/messaging';
import type { QueueDepth } from './load-report.types';

export interface QueueProbeOptions {
  /** null: Amazon SQS with the default credential chain. */
  endpoint: string | null;
  region: string;
  prefix: string;
  mode: QueueMode;
}

export interface QueueDepths {
  queues: Record<QueueName, QueueDepth>;
  dlqs: Record<QueueName, number>;
}

// Sampled every second: a slow answer must not hold up the next sample.
const REQUEST_TIMEOUT_MS = 2_000;

/** Depth of every work queue (visible and in flight) and of its DLQ, by GetQueueAttributes. */
export class QueueDepthProbe {
  private constructor(
    private readonly sqs: SQSClient,
    private readonly directory: QueueDirectory,
  ) {}

  static async connect(options: QueueProbeOptions): Promise<QueueDepthProbe> {
    const sqs = createSqsClient({
      region: options.region,
      endpoint: options.endpoint ?? undefined,
      // Emulators accept any key; real SQS uses the default chain.
      credentials: options.endpoint
        ? { accessKeyId: 'local', secretAccessKey: 'local' }
        : undefined,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
    });
    try {
      const topology = resolveQueueTopology({ prefix: options.prefix, mode: options.mode });
      return new QueueDepthProbe(sqs, await resolveQueueDirectory(sqs, topology));
    } catch (error) {
      sqs.destroy();
      throw error;
    }
  }

  async sample(): Promise<QueueDepths> {
    const rows = await Promise.all(
      QUEUE_NAMES.map(async (queue) => {
        const [work, dlq] = await Promise.all([
          this.depth(this.directory[queue].workUrl),
          this.depth(this.directory[queue].dlqUrl),
        ]);
        return { queue, work, dlq: dlq.visible + dlq.inFlight };
      }),
    );
    const queues = {} as Record<QueueName, QueueDepth>;
    const dlqs = {} as Record<QueueName, number>;
    for (const row of rows) {
      queues[row.queue] = row.work;
      dlqs[row.queue] = row.dlq;
    }
    return { queues, dlqs };
  }

  close(): void {
    this.sqs.destroy();
  }

  private async depth(url: string): Promise<QueueDepth> {
    const { visible, inFlight } = await readQueueDepth(this.sqs, url);
    return { visible, inFlight };
  }
}
