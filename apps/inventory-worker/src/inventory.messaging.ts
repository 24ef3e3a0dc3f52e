import { TransactionalMessaging } from '@conveyor/transactional-messaging';

/** The inventory worker's outbox and inbox: it may emit only the types it is declared to produce. */
export abstract class InventoryMessaging extends TransactionalMessaging<'inventory-worker'> {}
