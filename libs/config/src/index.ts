export * from './load-config';
export * from './env-fields';
export * from './service-config.schema';
export * from './failpoints';
export * from './migration-config.schema';
export * from './local-stack-config.schema';
export * from './queue-provisioning-config.schema';
export * from './test-environment';
