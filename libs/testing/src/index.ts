export * from './database-copies';
export * from './sqs-queue.probe';
export * from './tcp.proxy';
