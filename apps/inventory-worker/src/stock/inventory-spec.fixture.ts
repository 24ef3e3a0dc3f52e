import type { OrderLine } from '@conveyor/contracts';
import {
  HandlerSpec,
  SPEC_SHIPPING_ADDRESS,
  envelopeOf,
  newOrderId,
  useHandlerSpec,
  type HandlingOutcome,
} from '@conveyor/testing';
import { inventoryDatabase } from '../database/inventory.database';

/** Spec-only helpers shared by the inventory worker's handler specs. */

type ReservationStatus = 'RESERVED' | 'REJECTED' | 'RELEASED' | 'FULFILLED';
/** Stock of each SKU: `[available, reserved, shipped]`, the last two 0 when left out. */
type StockLevels = Record<string, [number, number?, number?]>;

/** The inventory schema, seeded and read the way its handlers see it. */
export class InventorySpec extends HandlerSpec<'inventory-worker'> {
  constructor() {
    super('inventory-worker', inventoryDatabase);
  }

  async seedStock(levels: StockLevels): Promise<void> {
    for (const [sku, [available, reserved = 0, shipped = 0]] of Object.entries(levels)) {
      const received = available + reserved + shipped;
      await this.insert('inventory.stock', { sku, available, reserved, shipped, received });
    }
  }

  /** A SKU's stock columns, or undefined when the SKU has no row. */
  stockOf(sku: string) {
    return this.first(`SELECT available, reserved, shipped FROM inventory.stock WHERE sku = $1`, [
      sku,
    ]);
  }

  async seedReservation(orderId: string, status: ReservationStatus, items: OrderLine[]) {
    await this.insert('inventory.reservations', { order_id: orderId, status, items });
  }

  /** A new order holding a RESERVED reservation of `items`, on stock seeded as `levels`. */
  async seedReservedOrder(levels: StockLevels, items: OrderLine[]): Promise<string> {
    const orderId = newOrderId();
    await this.seedStock(levels);
    await this.seedReservation(orderId, 'RESERVED', items);
    return orderId;
  }

  /** The order's reservation row (status and lines), or undefined when it has none. */
  reservationOf(orderId: string) {
    return this.first(`SELECT status, items FROM inventory.reservations WHERE order_id = $1`, [
      orderId,
    ]);
  }

  /** A failed delivery leaves the order's reservation in `status` and commits nothing. */
  async expectUntouched(orderId: string, status: ReservationStatus): Promise<void> {
    expect(await this.reservationOf(orderId)).toMatchObject({ status });
    await this.expectNothingCommitted();
  }
}

export function useInventorySpec(): InventorySpec {
  return useHandlerSpec(new InventorySpec());
}

export function reservationRequest(orderId: string, items: OrderLine[]) {
  return envelopeOf('inventory.reservation-requested', orderId, {
    items,
    shippingAddress: SPEC_SHIPPING_ADDRESS,
  });
}

/** How a stock move that the stock cannot cover fails: transiently, for the queue to retry. */
export function uncoveredMove(sku: string, quantity: number): HandlingOutcome {
  return { kind: 'transient', message: `stock of ${sku} cannot cover ${quantity}` };
}
