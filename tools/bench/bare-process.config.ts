import { z } from 'zod';
import { QUEUE_NAMES } from '@conveyor/contracts';

export const BARE_WORKER_QUEUES = ['payments', 'inventory', 'shipping', 'order-events'] as const;
export type BareWorkerQueue = (typeof BARE_WORKER_QUEUES)[number];

/** What a baseline process is told by the benchmark, as one JSON argument. */
export const bareProcessConfigSchema = z.object({
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//),
  poolSize: z.number().int().positive(),
  sqsEndpoint: z.url(),
  queueUrls: z.object(Object.fromEntries(QUEUE_NAMES.map((queue) => [queue, z.url()]))),
  /** The API: its port and token secret. */
  port: z.number().int().nonnegative().optional(),
  jwtSecret: z.string().optional(),
  /** A worker: the queue it consumes, how many messages it holds, and Stripe for payments. */
  queue: z.enum(BARE_WORKER_QUEUES).optional(),
  concurrency: z.number().int().positive().default(10),
  stripe: z.object({ secretKey: z.string(), apiBaseUrl: z.url() }).optional(),
});
export type BareProcessConfig = z.infer<typeof bareProcessConfigSchema>;

export function parseBareProcessConfig(argv: string[]): BareProcessConfig {
  if (!argv[0]) throw new Error('usage: node bare-<role>.main.js <config JSON>');
  return bareProcessConfigSchema.parse(JSON.parse(argv[0]));
}

/** The line a baseline prints once it serves, for the benchmark to wait on. */
export const BARE_READY_LINE = 'bare process ready';
