export * from './audit.types';
export * from './invariant.auditor';
export * from './audit-report.renderer';
export * from './stripe-reader.client';
