import { CodedError } from '../../errors/coded.error';

export class WebhookSignatureInvalidError extends CodedError {
  constructor(reason: string) {
    super('WEBHOOK.SIGNATURE_INVALID', `The Stripe-Signature does not verify: ${reason}`);
  }
}

export class WebhookTimestampStaleError extends CodedError {
  constructor() {
    super(
      'WEBHOOK.TIMESTAMP_STALE',
      'The Stripe-Signature timestamp is outside the 300 s tolerance; a replay is refused',
    );
  }
}

export class WebhookNotConfiguredError extends CodedError {
  constructor() {
    super(
      'WEBHOOK.NOT_CONFIGURED',
      "Set STRIPE_WEBHOOK_SECRET to the endpoint's signing secret to receive Stripe webhooks",
    );
  }
}
