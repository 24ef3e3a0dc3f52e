import { resourceMissing } from './api.error';
import { newStripeId } from './stripe-id.generator';
import { findTestCard, type TestCard } from './test-cards.catalog';

export interface ResolvedPaymentMethod {
  id: string;
  card: TestCard;
}

/**
 * Resolves the payment_method param. Like Stripe, a test token (`pm_card_visa`) yields a fresh
 * PaymentMethod id (`pm_…`) for each use; that id can be passed back later and still resolves.
 */
export class PaymentMethodsRegistry {
  private readonly issued = new Map<string, TestCard>();

  resolve(idOrToken: string): ResolvedPaymentMethod {
    const issuedCard = this.issued.get(idOrToken);
    if (issuedCard) {
      return { id: idOrToken, card: issuedCard };
    }
    const card = findTestCard(idOrToken);
    if (!card) {
      throw resourceMissing('PaymentMethod', idOrToken, { param: 'payment_method' });
    }
    const id = newStripeId('pm');
    this.issued.set(id, card);
    return { id, card };
  }

  clear(): void {
    this.issued.clear();
  }
}
