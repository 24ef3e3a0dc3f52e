export * from './sqs-queue.probe';
export * from './tcp.proxy';
export * from './handler-spec.harness';
export * from './handler-spec.delivery';
export * from './browser.session';
export * from './personal-data.spec-keys';
