import { makeEnvelope, restockEnvelope } from '../messaging-spec.fixture';

const shipmentEnvelope = (overrides: Parameters<typeof restockEnvelope>[0]) =>
  makeEnvelope('shipping.cancellation-requested', {}, overrides);
import { decodeMessage } from './message-decoder';

describe('decodeMessage', () => {
  it('accepts a catalog message on its own queue and returns the parsed payload', () => {
    const envelope = restockEnvelope();
    const result = decodeMessage(JSON.stringify(envelope), 'inventory');
    expect(result).toEqual({ ok: true, envelope });
  });

  it.each([
    ['a body that is not JSON', 'not json {', /not JSON/],
    ['an envelope missing fields', JSON.stringify({ type: 'x' }), /invalid envelope/],
    [
      'an unknown type',
      JSON.stringify(restockEnvelope({ type: 'inventory.teleport-requested' })),
      /unknown message type/,
    ],
    [
      'a type named like an object key',
      JSON.stringify(restockEnvelope({ type: 'constructor' })),
      /unknown/,
    ],
    ['another version', JSON.stringify(restockEnvelope({ version: 2 })), /version 2/],
    [
      'a payload off-schema',
      JSON.stringify(restockEnvelope({ payload: { sku: 'SKU-1', quantity: -1 } })),
      /invalid payload: quantity/,
    ],
  ])('rejects %s as poison', (_case, body, reason) => {
    const result = decodeMessage(body, 'inventory');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('keeps a trace context, and drops a malformed one rather than poisoning the message', () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const traced = { ...restockEnvelope(), traceContext: { traceparent } };
    expect(decodeMessage(JSON.stringify(traced), 'inventory')).toEqual({
      ok: true,
      envelope: traced,
    });
    const garbled = { ...traced, traceContext: { traceparent: 'not-a-traceparent' } };
    const result = decodeMessage(JSON.stringify(garbled), 'inventory');
    expect(result.ok && result.envelope.traceContext).toBeUndefined();
    expect(result.ok).toBe(true);
  });

  it('reads a former type name as its current one', () => {
    const levels = makeEnvelope('order.stock-levels-changed', {
      levels: [{ sku: 'SKU-1', available: 4 }],
    });
    const inFlight = { ...levels, type: 'inventory.stock-levels-changed' };
    const result = decodeMessage(JSON.stringify(inFlight), 'order-events');
    expect(result).toEqual({ ok: true, envelope: levels });
  });

  it.each([
    [
      'an order-scoped type without its order',
      shipmentEnvelope({ orderId: null }),
      /names no order/,
    ],
    [
      'a catalog-wide type naming an order',
      restockEnvelope({ orderId: '0b6e5a55-5d0c-4a33-9a3a-0d7c4c0f3f11' }),
      /not about one order/,
    ],
  ])('rejects %s as poison', (_case, envelope, reason) => {
    const result = decodeMessage(
      JSON.stringify(envelope),
      envelope.type.split('.')[0] === 'shipping' ? 'shipping' : 'inventory',
    );
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('rejects a type that belongs to another queue', () => {
    const result = decodeMessage(JSON.stringify(restockEnvelope()), 'payments');
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/belongs on inventory/),
    });
  });
});
