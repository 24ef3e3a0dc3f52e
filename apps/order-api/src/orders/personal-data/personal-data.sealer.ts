import { Inject, Injectable } from '@nestjs/common';
import type { EncryptedField, ShippingAddress } from '@conveyor/contracts';
import { FieldCipher } from '@conveyor/field-encryption';
import { ORDER_API_CONFIG, type OrderApiConfig } from '../../order-api.config';

export interface ClearPersonalData {
  shippingAddress: ShippingAddress;
  paymentMethod: string;
}

export interface SealedPersonalData {
  shippingAddress: EncryptedField;
  paymentMethod: EncryptedField;
}

/**
 * Seals an order's personal data for the messages that carry it, each field for the one worker
 * that reads it: the address for shipping, the payment method for payments. The order's own
 * table keeps them in clear (this service owns them); no queue, DLQ or outbox row does.
 */
@Injectable()
export class PersonalDataSealer {
  private readonly shipping: FieldCipher;
  private readonly payment: FieldCipher;

  constructor(@Inject(ORDER_API_CONFIG) config: Pick<OrderApiConfig, 'personalData'>) {
    this.shipping = new FieldCipher(config.personalData.shipping);
    this.payment = new FieldCipher(config.personalData.payment);
  }

  seal(orderId: string, data: ClearPersonalData): SealedPersonalData {
    return {
      shippingAddress: this.shipping.seal(data.shippingAddress, {
        orderId,
        field: 'shippingAddress',
      }),
      paymentMethod: this.payment.seal(data.paymentMethod, { orderId, field: 'paymentMethod' }),
    };
  }
}
