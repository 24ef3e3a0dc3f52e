export * from './load-config';
export * from './env-fields';
export * from './service-config.schema';
export * from './failpoints';
