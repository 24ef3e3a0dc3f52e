import type { Envelope } from '@conveyor/contracts';
import { serializeEnvelope } from './message-body';

const envelope = (name: string): Envelope => ({
  messageId: '6f1c8a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f',
  type: 'shipping.shipment-requested',
  version: 1,
  occurredAt: '2026-11-29T10:00:00.000Z',
  correlationId: 'c-1',
  orderId: '6f1c8a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f',
  payload: { name },
});

describe('serializeEnvelope', () => {
  it.each(['Zoë Ødegård', '山田 太郎', 'Emoji 🚚📦', 'edge \uFFFE\uFFFF', 'plain ASCII'])(
    'writes ASCII only and round-trips %s exactly',
    (name) => {
      const body = serializeEnvelope(envelope(name));
      expect(body).toMatch(/^[\x20-\x7e]*$/);
      expect(JSON.parse(body)).toEqual(envelope(name));
    },
  );
});
