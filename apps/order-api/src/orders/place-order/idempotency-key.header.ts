import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { CodedError } from '../../errors/coded.error';

export class IdempotencyKeyMissingError extends CodedError {
  constructor() {
    super('IDEMPOTENCY.KEY_MISSING', 'POST /orders requires an Idempotency-Key header');
  }
}

export class IdempotencyKeyInvalidError extends CodedError {
  constructor() {
    super('IDEMPOTENCY.KEY_INVALID', 'Idempotency-Key must be 1 to 255 printable ASCII characters');
  }
}

const PRINTABLE_ASCII = /^[\x20-\x7E]{1,255}$/;

/** The Idempotency-Key request header, validated: 1–255 printable ASCII characters. */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const header = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers[
    'idempotency-key'
  ];
  if (header === undefined) throw new IdempotencyKeyMissingError();
  if (typeof header !== 'string' || !PRINTABLE_ASCII.test(header)) {
    throw new IdempotencyKeyInvalidError();
  }
  return header;
});
