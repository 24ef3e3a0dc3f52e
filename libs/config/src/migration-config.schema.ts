import { z } from 'zod';
import { checkDatabaseEnv, databaseEnvFields } from './database-connection';

/** A migration run needs only the database, reached the way its app reaches it. */
export const migrationEnvSchema = z.object(databaseEnvFields).superRefine(checkDatabaseEnv);
