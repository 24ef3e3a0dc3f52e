import type { Order } from '../domain/order.aggregate';

/** The order as clients see it: prices and totals in integer minor units of `currency`. */
export function toOrderView(order: Order) {
  const state = order.snapshot;
  return {
    id: state.id,
    customerId: state.customerId,
    status: state.status,
    items: state.items.map((item) => ({
      sku: item.sku,
      name: item.name,
      quantity: item.quantity,
      unitPriceCents: item.unitPriceCents,
      lineTotalCents: item.unitPriceCents * item.quantity,
    })),
    totalCents: order.totalCents,
    currency: state.currency,
    shippingAddress: state.shippingAddress,
    shipment: state.shipment,
    failureReason: state.failureReason,
    timeline: state.timeline,
    createdAt: state.createdAt.toISOString(),
    updatedAt: state.updatedAt.toISOString(),
  };
}

export type OrderView = ReturnType<typeof toOrderView>;
