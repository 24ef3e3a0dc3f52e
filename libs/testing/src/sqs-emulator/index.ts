export * from './sqs-emulator.process';
export * from './sqs-queue.probe';
