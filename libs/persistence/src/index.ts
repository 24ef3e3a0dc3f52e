export * from './data-source.options';
export * from './database-tls.options';
export * from './run-migrations';
export * from './database-errors';
export * from './database-readiness';
export * from './migration.command';
