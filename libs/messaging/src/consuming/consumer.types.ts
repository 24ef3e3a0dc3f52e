import type { SQSClient } from '@aws-sdk/client-sqs';
import type { EnvelopeOf, MessageType, QueueName, TypesOn } from '@conveyor/contracts';
import type { QueueMode } from '../topology/queue-topology';
import type { ConsumerDependency } from './dependency-gate';

/** A received message whose type is in the catalog and whose payload passed its schema. */
export interface ConsumedMessage<T extends MessageType = MessageType> {
  envelope: EnvelopeOf<T>;
  /** 1 on the first delivery; SQS dead-letters the message after maxReceiveCount. */
  receiveCount: number;
  sqsMessageId: string;
}

/** Handles the messages of type T; what it throws decides retry (any error) or DLQ (poison). */
export interface MessageHandler<T extends MessageType> {
  handle: (message: ConsumedMessage<T>) => Promise<unknown>;
}

/**
 * A queue's consumer: one handler for each type that travels on queue Q, and for nothing else.
 * A type added to the catalog on Q without a handler here fails the type check.
 */
export type QueueHandlers<Q extends QueueName> = { [T in TypesOn<Q>]: MessageHandler<T> };

/** What the consumer runs for every decoded message: the queue's handler map, in one function. */
export type MessageDispatch = (message: ConsumedMessage) => Promise<unknown>;

/** The subset of a pino logger the consumer uses. */
export interface ConsumerLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export type ConsumeOutcome = 'success' | 'transient' | 'poison';

export interface HandledMessage {
  queue: QueueName;
  /** The message's catalog type, or `unknown` for a body that never decoded to one. */
  type: string;
  outcome: ConsumeOutcome;
  durationSeconds: number;
}

export interface ReceivedMessage {
  queue: QueueName;
  /** Now minus the message's SentTimestamp; null when SQS did not return it. */
  waitSeconds: number | null;
  receiveCount: number;
}

export interface ConsumerMetrics {
  onReceived(message: ReceivedMessage): void;
  onOutcome(message: HandledMessage): void;
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
   * A receive's deadline beyond its long-poll wait (default 10 s): a silent endpoint fails the
   * poll after waitTimeSeconds plus this, whatever the client's own request timeout.
   */
  receiveTimeoutMarginMs?: number;
  /**
   * How long a receive waits for a batch's worth of free slots while the queue has a backlog, and
   * a delete for others to share its DeleteMessageBatch call. Default 200.
   */
  batchLingerMs?: number;
  backoff?: Partial<BackoffOptions>;
  dispatch: MessageDispatch;
  logger: ConsumerLogger;
  metrics?: ConsumerMetrics;
  /** While this is down (a handler failed on it), the consumer stops receiving (DependencyGate). */
  dependency?: ConsumerDependency;
}

export interface ConsumerHealth {
  running: boolean;
  /** When a ReceiveMessage call last succeeded; null before the first one. */
  lastPollAt: Date | null;
  inFlight: number;
  consecutiveReceiveErrors: number;
}
