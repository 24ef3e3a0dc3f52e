import { PaymentEntity } from '../payments/payment.entity';
import { CreatePaymentsSchema1764403200000 } from './migrations/1764403200000-create-payments-schema';

export const paymentsDatabase = {
  schema: 'payments',
  entities: [PaymentEntity],
  migrations: [CreatePaymentsSchema1764403200000],
};
