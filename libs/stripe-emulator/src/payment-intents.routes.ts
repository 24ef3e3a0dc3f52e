import { invalidParam } from './api.error';
import { listPage } from './list.page';
import { ParamsReader } from './params.reader';
import type { AttachInput, PaymentIntentsService } from './payment-intents.service';
import type { CreatePaymentIntentInput } from './stripe-objects.factory';
import type { V1RequestContext, V1Route } from './v1.router';

const CAPTURE_METHODS = ['automatic', 'automatic_async', 'manual'] as const;
const CANCELLATION_REASONS = ['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer'];

function readCurrency(reader: ParamsReader): string {
  const currency = reader.requiredString('currency').toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) {
    throw invalidParam('currency', `Invalid currency: ${currency}`);
  }
  return currency;
}

function readPaymentMethodChoice(
  reader: ParamsReader,
): Pick<CreatePaymentIntentInput, 'allowedPaymentMethodTypes' | 'automaticPaymentMethods'> {
  // API version 2026-10-28 replaced the `payment_method_types` param with this one.
  const allowedPaymentMethodTypes =
    reader.optionalStringList('allowed_payment_method_types') ?? null;
  const automatic = reader.optionalHash('automatic_payment_methods');
  // Without an explicit list Stripe enables automatic payment methods (since API 2023-08-16).
  const enabled = automatic ? automatic.boolean('enabled') : allowedPaymentMethodTypes === null;
  const allowRedirects = automatic?.optionalEnum('allow_redirects', ['always', 'never'] as const);
  automatic?.finish();
  return {
    allowedPaymentMethodTypes,
    automaticPaymentMethods: enabled
      ? { enabled, ...(allowRedirects ? { allow_redirects: allowRedirects } : {}) }
      : null,
  };
}

function readCreate(reader: ParamsReader): {
  input: CreatePaymentIntentInput;
  attach: AttachInput;
} {
  const input: CreatePaymentIntentInput = {
    amount: reader.requiredInteger('amount', 1),
    currency: readCurrency(reader),
    // automatic_async is Stripe's default capture method since API version 2024-04-10.
    captureMethod: reader.optionalEnum('capture_method', CAPTURE_METHODS) ?? 'automatic_async',
    metadata: reader.metadata(),
    description: reader.optionalString('description') ?? null,
    receiptEmail: reader.optionalString('receipt_email') ?? null,
    ...readPaymentMethodChoice(reader),
  };
  const attach: AttachInput = {
    confirm: reader.boolean('confirm'),
    paymentMethod: reader.optionalString('payment_method'),
    returnUrl: reader.optionalString('return_url'),
  };
  return { input, attach };
}

/** Reads the params, rejects any unknown one, and only then runs the operation. */
function withParams<T>(context: V1RequestContext, read: (reader: ParamsReader) => T): T {
  const reader = new ParamsReader(context.params);
  const value = read(reader);
  reader.finish();
  return value;
}

export function paymentIntentRoutes(service: PaymentIntentsService): V1Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/payment_intents',
      charges: true,
      handle: (context) => {
        const { input, attach } = withParams(context, readCreate);
        return service.create(input, attach, context.idempotencyKey);
      },
    },
    {
      method: 'GET',
      path: '/v1/payment_intents',
      handle: (context) =>
        withParams(context, (reader) => listPage(service.all(), reader, '/v1/payment_intents')),
    },
    {
      method: 'GET',
      path: '/v1/payment_intents/:id',
      handle: (context) => withParams(context, () => service.retrieve(context.id)),
    },
    {
      method: 'POST',
      path: '/v1/payment_intents/:id/confirm',
      charges: true,
      handle: (context) => {
        const input = withParams(context, (reader) => ({
          paymentMethod: reader.optionalString('payment_method'),
          returnUrl: reader.optionalString('return_url'),
        }));
        return service.confirm(context.id, input);
      },
    },
    {
      method: 'POST',
      path: '/v1/payment_intents/:id/capture',
      charges: true,
      handle: (context) => {
        const amount = withParams(context, (reader) =>
          reader.optionalInteger('amount_to_capture', 1),
        );
        return service.capture(context.id, amount);
      },
    },
    {
      method: 'POST',
      path: '/v1/payment_intents/:id/cancel',
      handle: (context) => {
        const reason = withParams(context, (reader) =>
          reader.optionalEnum('cancellation_reason', CANCELLATION_REASONS),
        );
        return service.cancel(context.id, reason ?? null);
      },
    },
  ];
}
