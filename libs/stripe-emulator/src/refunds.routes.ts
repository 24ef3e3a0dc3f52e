import type Stripe from 'stripe';
import { listPage } from './list.page';
import { ParamsReader } from './params.reader';
import type { RefundsService } from './refunds.service';
import type { V1Route } from './v1.router';

const REFUND_REASONS: Stripe.Refund.Reason[] = ['duplicate', 'fraudulent', 'requested_by_customer'];

export function refundRoutes(service: RefundsService): V1Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/refunds',
      handle: (context) => {
        const reader = new ParamsReader(context.params);
        const input = {
          paymentIntent: reader.requiredString('payment_intent'),
          amount: reader.optionalInteger('amount', 1),
          reason: reader.optionalEnum('reason', REFUND_REASONS) ?? null,
          metadata: reader.metadata(),
        };
        reader.finish();
        return service.create(input, context.idempotencyKey);
      },
    },
    {
      method: 'GET',
      path: '/v1/refunds',
      handle: (context) => {
        const reader = new ParamsReader(context.params);
        const paymentIntent = reader.optionalString('payment_intent');
        const refunds = service
          .all()
          .filter(
            (refund) => paymentIntent === undefined || refund.payment_intent === paymentIntent,
          );
        const page = listPage(refunds, reader, '/v1/refunds');
        reader.finish();
        return page;
      },
    },
    {
      method: 'GET',
      path: '/v1/refunds/:id',
      handle: (context) => {
        new ParamsReader(context.params).finish();
        return service.retrieve(context.id);
      },
    },
  ];
}
