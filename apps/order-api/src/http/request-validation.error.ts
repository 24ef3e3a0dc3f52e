import type { ValidationError } from 'class-validator';
import type { FieldError } from './problem';

/** A request that failed validation at the HTTP edge, with one entry per offending field. */
export class RequestValidationError extends Error {
  readonly code = 'REQUEST.VALIDATION_FAILED';

  constructor(
    readonly errors: FieldError[],
    message = 'The request is not valid',
  ) {
    super(message);
  }

  /** ValidationPipe's exceptionFactory: flattens nested class-validator errors into paths. */
  static fromValidation(errors: ValidationError[]): RequestValidationError {
    return new RequestValidationError(flatten(errors, ''));
  }
}

function flatten(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
