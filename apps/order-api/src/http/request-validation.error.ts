import type { ValidationError } from 'class-validator';
import { CodedError } from '../errors/coded.error';
import type { FieldError } from './problem';

/** A request that failed validation at the HTTP edge, with one entry per offending field. */
export class RequestValidationError extends CodedError {
  constructor(
    readonly errors: FieldError[],
    message = 'The request is not valid',
  ) {
    super('REQUEST.VALIDATION_FAILED', message);
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
