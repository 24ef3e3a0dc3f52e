import { z } from 'zod';
import { envFields } from './env-fields';

/** A migration run needs only the database. */
export const migrationEnvSchema = z.object({
  DATABASE_URL: envFields.databaseUrl,
});
