import type { Shipment } from '@conveyor/contracts';
import { randomBytes } from 'node:crypto';
import { FieldCipher, parseKeyring } from '@conveyor/field-encryption';
import {
  SPEC_CIPHERS,
  SPEC_SHIPPING_ADDRESS,
  deliver,
  newOrderId,
  resent,
  sealedAddressFor,
} from '@conveyor/testing';
import { LocalCarrierAdapter } from '../../carrier/local-carrier.adapter';
import { CancelShipmentHandler } from '../cancel-shipment/cancel-shipment.handler';
import {
  CANCELLED_TOMBSTONE,
  LINES,
  cancellationRequest,
  shipmentRequest,
  specAddressOpener,
  useShippingSpec,
} from '../shipping-spec.fixture';
import { CreateShipmentHandler } from './create-shipment.handler';

/** A carrier whose label API is down. */
class UnreachableCarrier extends LocalCarrierAdapter {
  override createLabel(): Promise<Shipment> {
    return Promise.reject(new Error('carrier label API unreachable'));
  }
}

describe('CreateShipmentHandler (real PostgreSQL)', () => {
  const spec = useShippingSpec();
  const carrier = new LocalCarrierAdapter();
  const handler = (labels = carrier) =>
    new CreateShipmentHandler(spec.messaging, labels, spec.failpoints, specAddressOpener());

  /** What a shipment announces: capture the payment, count the units as shipped. */
  const shipmentAnnouncement = (orderId: string, shipment: Shipment) => [
    { type: 'inventory.reservation-fulfilled', orderId, payload: {} },
    { type: 'payment.capture-requested', orderId, payload: { shipment } },
  ];

  it("creates the order's shipment with the carrier's label and asks for capture and fulfilment", async () => {
    const orderId = newOrderId();
    const label = await carrier.createLabel(orderId, SPEC_SHIPPING_ADDRESS);

    expect(await deliver(handler(), shipmentRequest(orderId))).toEqual({ kind: 'done' });

    expect(await spec.shipmentOf(orderId)).toEqual({ status: 'CREATED', ...label, items: LINES });
    expect(await spec.outbox()).toEqual(shipmentAnnouncement(orderId, label));
  });

  it('creates one shipment when the same message is delivered twice', async () => {
    await spec.deliverTwice(handler(), shipmentRequest(newOrderId()));

    expect(await spec.rows('shipping.shipments')).toHaveLength(1);
    expect(await spec.outbox()).toHaveLength(2);
  });

  it('re-announces an existing shipment with its recorded tracking number', async () => {
    const orderId = newOrderId();
    await spec.seedShipment(orderId, 'CP-RECORDED-1');

    await deliver(handler(), resent(shipmentRequest(orderId)));

    const recorded = { carrier: 'CONVEYOR-POST', trackingNumber: 'CP-RECORDED-1' };
    expect(await spec.shipmentOf(orderId)).toMatchObject({ status: 'CREATED', ...recorded });
    expect(await spec.outbox()).toEqual(shipmentAnnouncement(orderId, recorded));
  });

  it('creates nothing for an order whose cancellation came first', async () => {
    const orderId = newOrderId();
    await deliver(new CancelShipmentHandler(spec.messaging), cancellationRequest(orderId));
    await spec.drainOutbox();

    expect(await deliver(handler(), shipmentRequest(orderId))).toEqual({ kind: 'done' });

    expect(await spec.shipmentOf(orderId)).toEqual(CANCELLED_TOMBSTONE);
    expect(await spec.outbox()).toEqual([]);
  });

  it('fails transiently, with nothing recorded, while the carrier is unreachable', async () => {
    const envelope = shipmentRequest(newOrderId());

    expect(await deliver(handler(new UnreachableCarrier()), envelope)).toEqual({
      kind: 'transient',
      message: 'carrier label API unreachable',
    });

    expect(await spec.shipmentOf(envelope.orderId)).toBeUndefined();
    await spec.expectNothingCommitted();
    expect(await deliver(handler(), envelope, 2)).toEqual({ kind: 'done' });
    expect(await spec.shipmentOf(envelope.orderId)).toMatchObject({ status: 'CREATED' });
  });

  describe('an address it cannot open is poison, and nothing is created', () => {
    const unknownKey = new FieldCipher(
      parseKeyring(`retired:${randomBytes(32).toString('base64')}`),
    );
    it.each([
      [
        'sealed with a key it does not hold',
        (orderId: string) =>
          unknownKey.seal(SPEC_SHIPPING_ADDRESS, { orderId, field: 'shippingAddress' }),
        'cannot open shippingAddress: unknown key (key retired)',
      ],
      [
        "sealed for the payment worker's audience",
        (orderId: string) =>
          SPEC_CIPHERS.payment.seal(SPEC_SHIPPING_ADDRESS, { orderId, field: 'shippingAddress' }),
        'cannot open shippingAddress: unknown key (key spec-pay)',
      ],
      [
        "copied from another order's message",
        () => sealedAddressFor(newOrderId(), SPEC_SHIPPING_ADDRESS),
        'cannot open shippingAddress: not authentic (key spec-ship)',
      ],
      [
        'holding something else than an address',
        (orderId: string) =>
          SPEC_CIPHERS.shipping.seal({ street: 'x' }, { orderId, field: 'shippingAddress' }),
        'shippingAddress opened but is not a valid shippingAddress',
      ],
    ])('%s', async (_, sealed, message) => {
      const orderId = newOrderId();

      expect(await deliver(handler(), shipmentRequest(orderId, sealed(orderId)))).toEqual({
        kind: 'poison',
        message,
      });

      expect(await spec.shipmentOf(orderId)).toBeUndefined();
      await spec.expectNothingCommitted();
    });
  });
});
