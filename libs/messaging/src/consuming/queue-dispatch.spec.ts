import type { MessageType } from '@conveyor/contracts';
import { makeEnvelope, restockEnvelope } from '../messaging-spec.fixture';
import { PoisonMessageError } from './consumer.errors';
import type { ConsumedMessage, MessageHandler, QueueHandlers } from './consumer.types';
import { catalogTypesOn, dispatchTo } from './queue-dispatch';

/** A handler that remembers the types it was given. */
function recording(seen: string[]): MessageHandler<MessageType> {
  return { handle: ({ envelope }) => Promise.resolve(seen.push(envelope.type)) };
}

const delivered = (envelope: ConsumedMessage['envelope']): ConsumedMessage => ({
  envelope,
  receiveCount: 1,
  sqsMessageId: 'sqs-1',
});

describe('dispatchTo', () => {
  it('hands each message to the handler of its type', async () => {
    const seen: string[] = [];
    const handler = recording(seen);
    const dispatch = dispatchTo('shipping', {
      'shipping.shipment-requested': handler,
      'shipping.cancellation-requested': handler,
    });
    await dispatch(delivered(makeEnvelope('shipping.cancellation-requested', {})));
    expect(seen).toEqual(['shipping.cancellation-requested']);
  });

  it('refuses at boot a map that misses a type of its queue (one that bypassed the type check)', () => {
    const partial = {
      'shipping.shipment-requested': recording([]),
    } as unknown as QueueHandlers<'shipping'>;
    expect(() => dispatchTo('shipping', partial)).toThrow(
      'the shipping consumer has no handler for shipping.cancellation-requested',
    );
  });

  it('dead-letters a message whose type has no handler here', async () => {
    const handlers = Object.fromEntries(
      catalogTypesOn('shipping').map((type) => [type, recording([])]),
    ) as unknown as QueueHandlers<'shipping'>;
    const dispatch = dispatchTo('shipping', handlers);
    await expect(dispatch(delivered(restockEnvelope()))).rejects.toBeInstanceOf(PoisonMessageError);
  });
});

describe('catalogTypesOn', () => {
  it('lists the types the catalog puts on a queue', () => {
    expect(catalogTypesOn('payments')).toEqual([
      'payment.authorization-requested',
      'payment.capture-requested',
      'payment.void-requested',
      'payment.stripe-event-received',
    ]);
  });
});
