export type ObservabilityErrorCode =
  'METRIC.NOT_IN_CATALOG' | 'METRIC.TYPE_CONFLICT' | 'READINESS.CHECK_DUPLICATE';

export class ObservabilityError extends Error {
  constructor(
    readonly code: ObservabilityErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ObservabilityError';
  }
}
