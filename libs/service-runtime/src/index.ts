export * from './service-messaging.options';
export * from './service-messaging.tokens';
export * from './service-messaging.module';
export * from './queue-consumers.host';
export * from './service-runtime.module';
