import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Control characters and lone surrogates: PostgreSQL's jsonb refuses \u0000 and broken UTF-16. */
const UNSAFE_CHARACTERS = /[\p{Cc}\p{Cs}]/u;

/**
 * A printable string of `min` to `max` UTF-16 code units — the same measure the message
 * contracts use, so everything the API accepts can also travel on the queues.
 */
export function IsPlainText(min: number, max: number, options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isPlainText',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          value.length >= min &&
          value.length <= max &&
          !UNSAFE_CHARACTERS.test(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be ${min} to ${max} characters of printable text`,
      },
    },
    options,
  );
}
