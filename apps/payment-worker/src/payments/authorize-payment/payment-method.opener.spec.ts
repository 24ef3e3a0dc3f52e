import { PoisonMessageError } from '@conveyor/messaging';
import {
  SPEC_CIPHERS,
  SPEC_KEYRINGS,
  SPEC_SHIPPING_ADDRESS,
  newOrderId,
  sealedAddressFor,
} from '@conveyor/testing';
import { authorizationRequest } from '../payment-spec.fixture';
import { PaymentMethodOpener } from './payment-method.opener';

describe('PaymentMethodOpener', () => {
  const opener = new PaymentMethodOpener(SPEC_KEYRINGS.payment);

  function poisonOf(work: () => unknown): string {
    try {
      work();
    } catch (error) {
      if (error instanceof PoisonMessageError) return error.reason;
      throw error;
    }
    throw new Error('expected poison');
  }

  it('opens the payment method sealed for the payment worker', () => {
    expect(opener.open(authorizationRequest(newOrderId(), 'pm_card_mastercard'))).toBe(
      'pm_card_mastercard',
    );
  });

  it("cannot open the shipping worker's field: the address is not for this worker", () => {
    const orderId = newOrderId();
    const address = sealedAddressFor(orderId, SPEC_SHIPPING_ADDRESS);

    expect(poisonOf(() => opener.open(authorizationRequest(orderId, undefined, address)))).toBe(
      'cannot open paymentMethod: unknown key (key spec-ship)',
    );
  });

  it('refuses a payment method sealed for another order', () => {
    const orderId = newOrderId();
    const moved = SPEC_CIPHERS.payment.seal('pm_card_visa', {
      orderId: newOrderId(),
      field: 'paymentMethod',
    });

    expect(poisonOf(() => opener.open(authorizationRequest(orderId, undefined, moved)))).toBe(
      'cannot open paymentMethod: not authentic (key spec-pay)',
    );
  });
});
