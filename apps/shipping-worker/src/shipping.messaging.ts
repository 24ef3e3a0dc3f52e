import { TransactionalMessaging } from '@conveyor/transactional-messaging';

/** The shipping worker's outbox and inbox: it may emit only the types it is declared to produce. */
export abstract class ShippingMessaging extends TransactionalMessaging<'shipping-worker'> {}
