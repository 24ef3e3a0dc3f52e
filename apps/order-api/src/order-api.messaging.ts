import { TransactionalMessaging } from '@conveyor/transactional-messaging';

/** The order API's outbox and inbox: it may emit only the types it is declared to produce. */
export abstract class OrderApiMessaging extends TransactionalMessaging<'order-api'> {}
