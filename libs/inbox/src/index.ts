export * from './inbox.schema-sql';
export * from './transactional-messaging';
