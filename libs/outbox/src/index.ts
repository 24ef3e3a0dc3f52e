export * from './outbox.schema-sql';
export * from './outbox.writer';
export * from './outbox.relay';
