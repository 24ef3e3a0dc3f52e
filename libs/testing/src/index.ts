export * from './sqs-emulator';
export * from './wait-for';
export * from './processes/repo-root';
export * from './processes/service.process';
export * from './database/embedded-postgres.process';
export * from './database/database.admin';
export * from './stack/conveyor.stack';
export * from './processes/free-port';
