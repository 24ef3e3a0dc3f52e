import { waitFor } from '@conveyor/dev-stack';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { holdMessage, testSqsClient } from '../../support/held-message';
import { newShopper } from '../../support/order-pipeline.fixture';
import {
  hasProcessed,
  paymentIntentsOf,
  recordStatusOf,
  stockOf,
  waitForCompensation,
  waitForOrderStatus,
} from '../../support/order-pipeline.probe';
import { testEnvironment } from '../../support/test-context';

const env = testEnvironment();
const db = env.CONVEYOR_TEST_DATABASE_URL;
const stripe = env.CONVEYOR_TEST_STRIPE_URL;
const stockAt = (available: number) => ({ available, reserved: 0, shipped: 0 });

// On FIFO queues the cancellation cannot overtake the shipment request this test holds back:
// both are in the order's message group, which the held message keeps locked (docs/fifo.md).
const standardQueuesOnly = env.CONVEYOR_TEST_QUEUE_MODE === 'fifo' ? describe.skip : describe;

standardQueuesOnly(
  'order API: cancellation at INVENTORY_RESERVED (shipping worker started late)',
  () => {
    const sqs = testSqsClient();
    let e2e: E2eStack;

    // Never started rather than stopped: a stopped worker's cut long poll may still take a message.
    beforeAll(async () => {
      e2e = await startE2eStack({
        label: 'cancel-reserved',
        apps: ['order-api', 'payment-worker', 'inventory-worker'],
      });
    });

    afterAll(async () => {
      await e2e?.stop();
      sqs.destroy();
    });

    it('voids the authorization, releases the stock, and a late shipment request ships nothing', async () => {
      const shopper = await newShopper(e2e, 'cancel-reserved', 10);
      const id = await shopper.place(4);
      await waitForOrderStatus(e2e, shopper.token, id, 'INVENTORY_RESERVED');
      expect(await stockOf(db, shopper.sku)).toEqual({ available: 6, reserved: 4, shipped: 0 });
      const [authorized] = await paymentIntentsOf(stripe, id);
      expect(authorized.status).toBe('requires_capture');
      // Delayed past the cancellation, so the outcome does not depend on which one is handled first.
      const shipmentRequest = await holdMessage(
        sqs,
        e2e.directory.shipping.workUrl,
        (envelope) => envelope.orderId === id && envelope.type === 'shipping.shipment-requested',
      );

      const accepted = await shopper.cancel(id);
      expect(accepted.status).toBe(202);
      expect(accepted.body.status).toBe('INVENTORY_RESERVED');
      await e2e.stack.start(['shipping-worker']);
      await waitForOrderStatus(e2e, shopper.token, id, 'CANCELLED');
      expect(await waitForCompensation(db, stripe, id)).toEqual([
        expect.objectContaining({ id: authorized.id, status: 'canceled', captureCount: 0 }),
      ]);
      expect(await stockOf(db, shopper.sku)).toEqual(stockAt(10));

      await shipmentRequest.release();
      await waitFor(() => hasProcessed(db, 'shipping', shipmentRequest.envelope.messageId), {
        timeoutMs: 30_000,
        description: 'the shipping worker to handle the late shipment request',
      });
      expect(await recordStatusOf(db, 'shipping.shipments', id)).toBe('CANCELLED');
      expect((await e2e.api.getOrder(shopper.token, id)).body).toMatchObject({
        status: 'CANCELLED',
        shipment: null,
      });
      expect(await paymentIntentsOf(stripe, id)).toEqual([
        expect.objectContaining({ status: 'canceled', captureCount: 0 }),
      ]);
      expect(await stockOf(db, shopper.sku)).toEqual(stockAt(10));
    });
  },
);
