import { z } from 'zod';
import {
  developmentKeyring,
  holdsDevelopmentKey,
  parseKeyring,
  type Keyring,
} from '@conveyor/field-encryption';

/**
 * The keyrings of personal data in messages, one per audience: the consumer that reads the field
 * holds its key, the producer that writes it holds it too, and nobody else does.
 */
export const PERSONAL_DATA_KEY_VARIABLES = {
  shipping: 'PII_KEYS_SHIPPING',
  payment: 'PII_KEYS_PAYMENT',
} as const;
export type PersonalDataAudience = keyof typeof PERSONAL_DATA_KEY_VARIABLES;

const HOW_TO_SET =
  'kid:base64key[,previousKid:base64key…] (32 random bytes each: openssl rand -base64 32); the first key encrypts, all decrypt';

/** A keyring variable: unset (development falls back, production refuses) or a valid keyring. */
function keyringField(variable: string) {
  return z
    .string()
    .optional()
    .transform((spec, ctx): Keyring | undefined => {
      if (spec === undefined || spec.trim() === '') return undefined;
      try {
        return parseKeyring(spec);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: `${(error as Error).message}; set ${variable} to ${HOW_TO_SET}`,
        });
        return z.NEVER;
      }
    });
}

/** The schema fields of the audiences an app holds keys for. */
export function personalDataKeyFields<A extends PersonalDataAudience>(...audiences: A[]) {
  return Object.fromEntries(
    audiences.map((audience) => {
      const variable = PERSONAL_DATA_KEY_VARIABLES[audience];
      return [variable, keyringField(variable)];
    }),
  ) as { [K in A as (typeof PERSONAL_DATA_KEY_VARIABLES)[K]]: ReturnType<typeof keyringField> };
}

/**
 * Production refuses a missing keyring and the public development key: personal data would
 * travel unprotected, or under a key anyone can read in this repository.
 */
export function checkPersonalDataKeys(
  env: Record<string, unknown>,
  declared: readonly string[],
  ctx: z.RefinementCtx,
): void {
  if (env.NODE_ENV !== 'production') return;
  for (const [audience, variable] of Object.entries(PERSONAL_DATA_KEY_VARIABLES)) {
    if (!declared.includes(variable)) continue;
    const keyring = env[variable] as Keyring | undefined;
    if (keyring === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [variable],
        message: `set ${variable} to ${HOW_TO_SET}`,
      });
    } else if (holdsDevelopmentKey(keyring, audience)) {
      ctx.addIssue({
        code: 'custom',
        path: [variable],
        message: `holds the public development key: set ${variable} to keys of your own`,
      });
    }
  }
}

/** The audience's configured keyring, or outside production the public development one. */
export function personalDataKeyring(
  env: Partial<Record<string, unknown>>,
  audience: PersonalDataAudience,
): Keyring {
  const keyring = env[PERSONAL_DATA_KEY_VARIABLES[audience]] as Keyring | undefined;
  return keyring ?? developmentKeyring(audience);
}
