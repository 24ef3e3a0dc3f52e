import { z } from 'zod';

/** `npm run token` signs with AUTH_JWT_SECRET, or the local stack's secret when that is unset. */
export const tokenCommandEnvSchema = z.object({
  AUTH_JWT_SECRET: z
    .string()
    .min(32, 'AUTH_JWT_SECRET must be at least 32 characters, as the order API requires')
    .optional(),
  CONVEYOR_DATA_DIR: z.string().default('.data'),
});
