import { deliver, envelopeOf } from '@conveyor/testing';
import { useInventorySpec } from '../inventory-spec.fixture';
import { RestockHandler } from './restock.handler';

describe('RestockHandler (real PostgreSQL)', () => {
  const spec = useInventorySpec();
  const handler = () => new RestockHandler(spec.messaging);
  const restock = (sku: string, quantity: number) =>
    envelopeOf('inventory.restock-requested', null, { sku, quantity });

  it('adds the units to available stock and tells the order API the new level', async () => {
    await spec.seedStock({ MUG: [2, 3, 4] });

    expect(await deliver(handler(), restock('MUG', 10))).toEqual({ kind: 'done' });

    expect(await spec.stockOf('MUG')).toEqual({ available: 12, reserved: 3, shipped: 4 });
    expect(await spec.outbox()).toEqual([
      {
        type: 'order.stock-levels-changed',
        orderId: null,
        payload: { levels: [{ sku: 'MUG', available: 12 }] },
      },
    ]);
  });

  it('creates the stock row of a SKU it has never seen', async () => {
    await deliver(handler(), restock('NEW-SKU', 5));

    expect(await spec.stockOf('NEW-SKU')).toEqual({ available: 5, reserved: 0, shipped: 0 });
    expect(await spec.outbox()).toEqual([
      expect.objectContaining({ payload: { levels: [{ sku: 'NEW-SKU', available: 5 }] } }),
    ]);
  });

  it('adds the units once however often the same message is delivered', async () => {
    await spec.seedStock({ MUG: [2] });

    await spec.deliverTwice(handler(), restock('MUG', 10));

    expect(await spec.stockOf('MUG')).toMatchObject({ available: 12 });
    expect(await spec.outbox()).toHaveLength(1);
  });

  it('fails transiently, with nothing applied, when the database connection drops', async () => {
    await spec.seedStock({ MUG: [2] });
    const envelope = restock('MUG', 10);

    expect(await spec.whileConnectionDrops(handler(), envelope)).toMatchObject({
      kind: 'transient',
    });

    expect(await spec.stockOf('MUG')).toMatchObject({ available: 2 });
    await spec.expectNothingCommitted();
    expect(await deliver(handler(), envelope, 2)).toEqual({ kind: 'done' });
    expect(await spec.stockOf('MUG')).toMatchObject({ available: 12 });
  });
});
