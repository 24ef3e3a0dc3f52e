import { PaymentEntity } from '../payments/payment.entity';
import { CreatePaymentsSchema1764403200000 } from './migrations/1764403200000-create-payments-schema';
import { AddStripeReconciliation1765008000000 } from './migrations/1765008000000-add-stripe-reconciliation';

export const paymentsDatabase = {
  schema: 'payments',
  entities: [PaymentEntity],
  migrations: [CreatePaymentsSchema1764403200000, AddStripeReconciliation1765008000000],
};
