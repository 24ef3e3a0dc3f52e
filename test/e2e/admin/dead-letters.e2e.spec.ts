import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { MESSAGE_CATALOG } from '@conveyor/contracts';
import { waitFor } from '@conveyor/dev-stack';
import { readQueueCounts, waitForQueueCounts } from '@conveyor/testing';
import { ADDRESS } from '../../support/api-client';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { logEntries } from '../../support/saga-pipeline.probe';
import { fifoFieldsFor, sqsClientFor } from '../../support/queue-messages.probe';
import { testEnvironment } from '../../support/test-context';

const env = testEnvironment();

/**
 * A reservation request whose empty item list breaks its schema: the worker dead-letters it. Its
 * address is in clear, as a hand-made or pre-encryption message may be: the peek masks it.
 */
function poisonReservation(orderId: string): string {
  return JSON.stringify({
    messageId: randomUUID(),
    type: 'inventory.reservation-requested',
    version: MESSAGE_CATALOG['inventory.reservation-requested'].version,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    orderId,
    payload: { items: [], shippingAddress: ADDRESS },
  });
}

describe('admin dead-letter API (four apps as real processes)', () => {
  let e2e: E2eStack;
  let sqs: SQSClient;
  let admin: string;
  const orderIds = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    e2e = await startE2eStack({ label: 'dlq-admin' });
    admin = await e2e.token('ops-ada', 'admin');
    const inventory = e2e.directory.inventory;
    for (const orderId of orderIds) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: inventory.workUrl,
          MessageBody: poisonReservation(orderId),
          ...fifoFieldsFor(inventory.workUrl, orderId),
        }),
      );
    }
    await waitForQueueCounts(sqs, inventory.dlqUrl, (counts) => counts.visible === 2, {
      timeoutMs: 30_000,
      description: 'two poison reservations in the inventory DLQ',
    });
  });

  afterAll(async () => {
    await e2e?.stop();
    sqs?.destroy();
  });

  it('answers a customer 403, an unknown queue 404 and limits out of range 400, as problem+json', async () => {
    const customer = await e2e.token('carol');
    const forbidden = await e2e.api.request('GET', '/admin/queues', { token: customer });
    expect([forbidden.status, forbidden.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const unknown = await e2e.api.request('GET', '/admin/dead-letters/nowhere', { token: admin });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'QUEUE.NOT_FOUND']);
    expect(unknown.headers.get('content-type')).toMatch(/application\/problem\+json/);
    for (const body of [{ rate: 0 }, { rate: 501 }, { max: 0 }, { max: 1.5 }]) {
      const refused = await e2e.api.request('POST', '/admin/dead-letters/inventory/redrive', {
        token: admin,
        body,
      });
      expect([refused.status, refused.body.code]).toEqual([400, 'REDRIVE.LIMIT_OUT_OF_RANGE']);
    }
  });

  it('lists every queue and DLQ with depths, and peeks without consuming, personal data masked', async () => {
    const queues = await e2e.api.request('GET', '/admin/queues', { token: admin });
    expect(queues.status).toBe(200);
    const inventory = queues.body.queues.find(
      (entry: { queue: string }) => entry.queue === 'inventory',
    );
    expect(inventory.dlq).toMatchObject({ visible: 2, inFlight: 0, ageUnknownBecause: null });
    expect(inventory.dlq.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(inventory.work.oldestAgeSeconds).toBeNull();

    const peeked = await e2e.api.request('GET', '/admin/dead-letters/inventory', { token: admin });
    expect(peeked.status).toBe(200);
    expect(
      peeked.body.messages.map((letter: { orderId: string }) => letter.orderId).sort(),
    ).toEqual([...orderIds].sort());
    for (const letter of peeked.body.messages) {
      expect(letter).toMatchObject({
        type: 'inventory.reservation-requested',
        poisonReason: expect.stringMatching(/invalid payload/),
        receiveCount: expect.any(Number),
        firstFailureAt: expect.any(String),
        lastFailureAt: expect.any(String),
      });
      expect(letter.body.payload.shippingAddress).toBe('***');
      expect(JSON.stringify(letter)).not.toContain(ADDRESS.name);
    }
    expect(await readQueueCounts(sqs, e2e.directory.inventory.dlqUrl)).toMatchObject({
      visible: 2,
      inFlight: 0,
    });
  });

  it('redrives each message once: the poison returns to the DLQ, stays, and the task ends', async () => {
    const started = await e2e.api.request('POST', '/admin/dead-letters/inventory/redrive', {
      token: admin,
      body: { rate: 1 },
    });
    expect(started.status).toBe(202);
    const taskPath = `/admin/dead-letters/inventory/redrive/${started.body.id}`;
    const ended = await waitFor(
      async () => {
        const task = await e2e.api.request('GET', taskPath, { token: admin });
        return task.body.state !== 'RUNNING' && task.body;
      },
      { timeoutMs: 60_000, description: 'the redrive task to end' },
    );
    expect(ended).toMatchObject({ state: 'COMPLETED', moved: 2, startedBy: 'ops-ada' });
    await waitForQueueCounts(
      sqs,
      e2e.directory.inventory.dlqUrl,
      (counts) => counts.visible === 2 && counts.inFlight === 0,
      { timeoutMs: 30_000, description: 'both poison messages back in the DLQ' },
    );
    const peeked = await e2e.api.request('GET', '/admin/dead-letters/inventory', { token: admin });
    for (const letter of peeked.body.messages) expect(letter.redriveTaskId).toBe(started.body.id);
    const audit = logEntries(e2e, 'order-api').filter((entry) => entry.audit === true);
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sub: 'ops-ada', action: 'dead-letters.redrive-ended', moved: 2 }),
      ]),
    );
  });

  it('deletes one dead letter by id, and purges only with the queue named as confirmation', async () => {
    const { body } = await e2e.api.request('GET', '/admin/dead-letters/inventory', {
      token: admin,
    });
    const [first] = body.messages as { id: string }[];
    const path = `/admin/dead-letters/inventory/messages/${first.id}`;
    expect((await e2e.api.request('DELETE', path, { token: admin })).status).toBe(204);
    const again = await e2e.api.request('DELETE', path, { token: admin });
    expect([again.status, again.body.code]).toEqual([404, 'DLQ.MESSAGE_NOT_FOUND']);
    expect(await readQueueCounts(sqs, e2e.directory.inventory.dlqUrl)).toMatchObject({
      visible: 1,
    });

    const purgePath = '/admin/dead-letters/inventory/purge';
    const unconfirmed = await e2e.api.request('POST', purgePath, {
      token: admin,
      body: { confirm: 'payments' },
    });
    expect([unconfirmed.status, unconfirmed.body.code]).toEqual([400, 'DLQ.PURGE_NOT_CONFIRMED']);
    const purged = await e2e.api.request('POST', purgePath, {
      token: admin,
      body: { confirm: 'inventory' },
    });
    expect(purged.status).toBe(204);
    await waitForQueueCounts(sqs, e2e.directory.inventory.dlqUrl, (c) => c.visible === 0, {
      description: 'an empty inventory DLQ',
    });
  });
});
