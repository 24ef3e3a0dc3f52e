import { restockEnvelope } from '../messaging-spec.fixture';
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

  it('rejects a type that belongs to another queue', () => {
    const result = decodeMessage(JSON.stringify(restockEnvelope()), 'payments');
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/belongs on inventory/),
    });
  });
});
