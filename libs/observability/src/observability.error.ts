export type ObservabilityErrorCode =
  'METRIC_NAME_INVALID' | 'METRIC_TYPE_CONFLICT' | 'READINESS_CHECK_DUPLICATE';

export class ObservabilityError extends Error {
  constructor(
    readonly code: ObservabilityErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ObservabilityError';
  }
}
