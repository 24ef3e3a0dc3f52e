export type CardOutcome =
  { kind: 'succeed' } | { kind: 'decline'; code: string; declineCode: string; message: string };

export interface TestCard {
  brand: string;
  last4: string;
  outcome: CardOutcome;
}

const DECLINED = 'Your card was declined.';

function declined(code: string, declineCode: string, message = DECLINED): CardOutcome {
  return { kind: 'decline', code, declineCode, message };
}

/**
 * Stripe's test PaymentMethod tokens (https://docs.stripe.com/testing#declined-payments), with the
 * outcome Stripe gives a confirmation that uses them.
 */
const TEST_CARDS: Record<string, TestCard> = {
  pm_card_visa: { brand: 'visa', last4: '4242', outcome: { kind: 'succeed' } },
  pm_card_visa_debit: { brand: 'visa', last4: '5556', outcome: { kind: 'succeed' } },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444', outcome: { kind: 'succeed' } },
  pm_card_amex: { brand: 'amex', last4: '8431', outcome: { kind: 'succeed' } },
  pm_card_chargeDeclined: {
    brand: 'visa',
    last4: '0002',
    outcome: declined('card_declined', 'generic_decline'),
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    brand: 'visa',
    last4: '9995',
    outcome: declined('card_declined', 'insufficient_funds', 'Your card has insufficient funds.'),
  },
  pm_card_chargeDeclinedLostCard: {
    brand: 'visa',
    last4: '9987',
    outcome: declined('card_declined', 'lost_card'),
  },
  pm_card_chargeDeclinedStolenCard: {
    brand: 'visa',
    last4: '9979',
    outcome: declined('card_declined', 'stolen_card'),
  },
  pm_card_chargeDeclinedExpiredCard: {
    brand: 'visa',
    last4: '0069',
    outcome: declined('expired_card', 'expired_card', 'Your card has expired.'),
  },
  pm_card_chargeDeclinedIncorrectCvc: {
    brand: 'visa',
    last4: '0127',
    outcome: declined('incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."),
  },
  pm_card_chargeDeclinedProcessingError: {
    brand: 'visa',
    last4: '0119',
    outcome: declined(
      'processing_error',
      'processing_error',
      'An error occurred while processing your card. Try again in a little bit.',
    ),
  },
};

export function findTestCard(token: string): TestCard | undefined {
  return Object.hasOwn(TEST_CARDS, token) ? TEST_CARDS[token] : undefined;
}
