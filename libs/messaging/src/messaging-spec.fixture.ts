import { randomUUID } from 'node:crypto';
import type { SQSClient } from '@aws-sdk/client-sqs';
import {
  MESSAGE_CATALOG,
  type Envelope,
  type EnvelopeOf,
  type MessageType,
  type OrderIdOf,
  type PayloadOf,
} from '@conveyor/contracts';
import {
  SQS_EMULATOR_CREDENTIALS,
  SQS_EMULATOR_REGION,
  startSqsEmulatorProcess,
  type SqsEmulatorProcess,
} from '@conveyor/dev-stack';
import { SPEC_SHIPPING_ADDRESS, envelopeOf, sealedAddressFor } from '@conveyor/testing';
import type { ConsumerLogger } from './consuming/consumer.types';
import { createSqsClient } from './sqs/sqs-client.factory';

/** Spec-only helpers shared by the messaging specs (not exported from the lib). */

export interface EmulatorFixture {
  emulator: SqsEmulatorProcess;
  sqs: SQSClient;
}

export async function startEmulatorFixture(): Promise<EmulatorFixture> {
  const emulator = await startSqsEmulatorProcess();
  const sqs = createSqsClient({
    region: SQS_EMULATOR_REGION,
    endpoint: emulator.endpoint,
    credentials: SQS_EMULATOR_CREDENTIALS,
  });
  return { emulator, sqs };
}

export async function stopEmulatorFixture(fixture: EmulatorFixture | undefined): Promise<void> {
  fixture?.sqs.destroy();
  await fixture?.emulator.stop();
}

/** Records the names of the commands a client sends, through its own middleware stack. */
export function recordCommands(sqs: SQSClient): string[] {
  const names: string[] = [];
  sqs.middlewareStack.add(
    (next, context) => (args) => {
      names.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: `recordCommands-${randomUUID()}` },
  );
  return names;
}

/** Records each command a client sends with the messages it carried (batch entries or received). */
export function recordMessagesPerCall(sqs: SQSClient): { command: string; messages: number }[] {
  const calls: { command: string; messages: number }[] = [];
  sqs.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const input = args.input as { Entries?: unknown[] };
      const output = result.output as { Messages?: unknown[] };
      const messages = input.Entries?.length ?? output.Messages?.length ?? 0;
      calls.push({ command: context.commandName ?? 'unknown', messages });
      return result;
    },
    { step: 'initialize', name: `recordMessagesPerCall-${randomUUID()}` },
  );
  return calls;
}

/** Queue names are per emulator process, so every test gets its own prefix. */
export function uniquePrefix(): string {
  return `t${randomUUID().slice(0, 8)}-`;
}

/** A well-formed envelope of `type`; `overrides` may make it ill-formed on purpose. */
export function makeEnvelope<T extends MessageType>(
  type: T,
  payload: PayloadOf<T>,
  overrides: Partial<Envelope> = {},
): EnvelopeOf<T> {
  const orderId = MESSAGE_CATALOG[type].orderId.safeParse(null).success ? null : randomUUID();
  return { ...envelopeOf(type, orderId as OrderIdOf<T>, payload), ...overrides };
}

export function restockEnvelope(overrides: Partial<Envelope> = {}) {
  return makeEnvelope('inventory.restock-requested', { sku: 'SKU-1', quantity: 3 }, overrides);
}

/** A reservation request of one line for `orderId`: an order-scoped message on the inventory queue. */
export function reservationEnvelope(orderId: string, line: { sku: string; quantity: number }) {
  return makeEnvelope(
    'inventory.reservation-requested',
    {
      items: [line],
      shippingAddress: sealedAddressFor(orderId, SPEC_SHIPPING_ADDRESS),
    },
    { orderId },
  );
}

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg: string;
}

/** A logger that keeps what it is told, so specs can check what the consumer reported. */
export function capturingLogger(): ConsumerLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (obj: object, msg: string): void => {
      entries.push({ level, obj: obj as Record<string, unknown>, msg });
    };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
