import { z } from 'zod';

/** `npm run token` signs with AUTH_JWT_SECRET, or the local stack's secret when that is unset. */
export const tokenCommandEnvSchema = z.object({
  AUTH_JWT_SECRET: z.string().min(32).optional(),
  CONVEYOR_DATA_DIR: z.string().default('.data'),
});
