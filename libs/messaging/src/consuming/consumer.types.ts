import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Envelope, MessageType, PayloadOf, QueueName } from '@conveyor/contracts';
import type { QueueMode } from '../topology/queue-topology';

/** An envelope whose type is in the catalog and whose payload passed that type's schema. */
export type CatalogEnvelope = { [T in MessageType]: Envelope<T, PayloadOf<T>> }[MessageType];

export interface ConsumedMessage {
  envelope: CatalogEnvelope;
  /** 1 on the first delivery; SQS dead-letters the message after maxReceiveCount. */
  receiveCount: number;
  sqsMessageId: string;
}

export type MessageHandler = (message: ConsumedMessage) => Promise<void>;

/** The subset of a pino logger the consumer uses. */
export interface ConsumerLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export type ConsumeOutcome = 'success' | 'transient' | 'poison';

export interface ConsumerMetrics {
  onOutcome(queue: QueueName, outcome: ConsumeOutcome, durationSeconds: number): void;
  onInFlight(queue: QueueName, inFlight: number): void;
  onReceiveError(queue: QueueName): void;
}

export interface BackoffOptions {
  baseSeconds: number;
  maxSeconds: number;
}

export interface SqsConsumerOptions {
  sqs: SQSClient;
  queue: QueueName;
  queueUrl: string;
  dlqUrl: string;
  mode: QueueMode;
  /** Handlers running at once in this process. */
  concurrency: number;
  /**
   * Messages received and not yet settled, at least `concurrency`; the ones beyond it wait in the
   * process with their visibility kept. Default max(concurrency, 10), so that a consumer with few
   * handlers still receives and deletes in batches of ten.
   */
  prefetch?: number;
  visibilityTimeoutSeconds: number;
  /** Must match the queue's RedrivePolicy; used to log the last attempt before SQS dead-letters it. */
  maxReceiveCount: number;
  waitTimeSeconds?: number;
  /**
   * How long a receive waits for a batch's worth of free slots while the queue has a backlog, and
   * a delete for others to share its DeleteMessageBatch call. Default 200.
   */
  batchLingerMs?: number;
  backoff?: Partial<BackoffOptions>;
  handler: MessageHandler;
  logger: ConsumerLogger;
  metrics?: ConsumerMetrics;
}

export interface ConsumerHealth {
  running: boolean;
  /** When a ReceiveMessage call last succeeded; null before the first one. */
  lastPollAt: Date | null;
  inFlight: number;
  consecutiveReceiveErrors: number;
}
