export * from './sqs-queue.probe';
export * from './tcp.proxy';
