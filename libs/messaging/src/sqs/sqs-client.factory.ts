import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface SqsClientOptions {
  region: string;
  /** Required for emulators: the SDK would otherwise follow the queue URL's host, which does not resolve. */
  endpoint?: string;
  /** Omit to use the default AWS credential chain (role, profile, environment). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Socket pool size; size it for consumer concurrency + long polls + publisher batches. */
  maxSockets?: number;
  /**
   * Deadline of one request (default 30 s). SqsConsumer gives its long polls their wait on top
   * (receiveRequestTimeoutMs), so the apps set a shorter one (SQS_REQUEST_TIMEOUT_MS).
   */
  requestTimeoutMs?: number;
  /** Opening a connection (default 5 s). */
  connectionTimeoutMs?: number;
  /** Attempts per call, the first included (the SDK's default, 3). */
  maxAttempts?: number;
}

const DEFAULT_MAX_SOCKETS = 50;
// A long poll holds the request open for up to 20 s, so anything shorter would abort healthy polls.
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const CONNECTION_TIMEOUT_MS = 5_000;

export function createSqsClient(options: SqsClientOptions): SQSClient {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? DEFAULT_MAX_SOCKETS };
  return new SQSClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    maxAttempts: options.maxAttempts,
    requestHandler: new NodeHttpHandler({
      httpAgent: new HttpAgent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
      connectionTimeout: options.connectionTimeoutMs ?? CONNECTION_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      // Without this the SDK only logs a warning when the deadline passes and keeps waiting.
      throwOnRequestTimeout: true,
    }),
  });
}
