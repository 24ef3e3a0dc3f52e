export * from './outbox.schema-sql';
export * from './outbox.writer';
export * from './outbox.relay';
export * from './inbox.schema-sql';
export * from './transactional-messaging';
