import { TransactionalMessaging } from '@conveyor/transactional-messaging';

/** The payment worker's outbox and inbox: it may emit only the types it is declared to produce. */
export abstract class PaymentMessaging extends TransactionalMessaging<'payment-worker'> {}
