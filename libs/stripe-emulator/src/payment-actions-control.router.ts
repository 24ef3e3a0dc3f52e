import { stateError } from './api.error';
import { DISPUTE_REASONS, type DisputeReason } from './charge-objects.factory';
import type { ChargesLedger, DisputeInput } from './charges.ledger';
import {
  answerControl,
  assertOnlyFields,
  ControlInputError,
  parseJsonObject,
  type ControlAnswer,
  type ControlRoutes,
} from './control-input';
import type { PaymentIntentsService } from './payment-intents.service';

const EXPIRE = /^POST \/_emulator\/payment_intents\/([^/]+)\/expire$/;
const DISPUTE = /^POST \/_emulator\/charges\/([^/]+)\/dispute$/;

function decodeId(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape names no object; kept raw it answers resource_missing.
    return segment;
  }
}

function readDisputeInput(input: Record<string, unknown>): DisputeInput {
  assertOnlyFields(input, ['reason', 'amount']);
  const reason = input.reason ?? 'fraudulent';
  if (!DISPUTE_REASONS.includes(reason as DisputeReason)) {
    throw new ControlInputError(`reason must be one of ${DISPUTE_REASONS.join(', ')}`);
  }
  const { amount } = input;
  if (amount !== undefined && (!Number.isInteger(amount) || (amount as number) < 1)) {
    throw new ControlInputError('amount must be a positive integer (minor units)');
  }
  return { reason: reason as DisputeReason, amount: amount as number | undefined };
}

/**
 * What happens to a payment without a request from the merchant, as Stripe would report it
 * through webhooks: an authorization expires, a cardholder disputes a charge.
 */
export class PaymentActionsControlRouter implements ControlRoutes {
  constructor(
    private readonly paymentIntents: PaymentIntentsService,
    private readonly charges: ChargesLedger,
  ) {}

  handle(route: string, body: string): ControlAnswer | null {
    const expire = EXPIRE.exec(route);
    if (expire) {
      return answerControl(() => this.paymentIntents.expire(decodeId(expire[1])));
    }
    const dispute = DISPUTE.exec(route);
    if (dispute) {
      return answerControl(() => {
        const input = readDisputeInput(parseJsonObject(body));
        return this.charges.dispute(this.chargeId(decodeId(dispute[1])), input);
      });
    }
    return null;
  }

  /** A charge id, or a PaymentIntent id standing for its latest charge. */
  private chargeId(id: string): string {
    if (!id.startsWith('pi_')) {
      return id;
    }
    const intent = this.paymentIntents.retrieve(id);
    if (typeof intent.latest_charge !== 'string') {
      throw stateError('payment_intent_unexpected_state', `PaymentIntent ${id} has no charge.`);
    }
    return intent.latest_charge;
  }
}
