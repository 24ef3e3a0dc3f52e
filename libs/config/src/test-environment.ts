import { z } from 'zod';
import { envFields } from './env-fields';

/**
 * What the test suite's global setup hands to the tests: where the database, the SQS emulator
 * and the Stripe emulator it started are. Passed through the environment because jest runs
 * global setup and tests in separate module registries.
 */
export const testEnvSchema = z.object({
  /** Global setup's migrated database; inside a test file, that file's own copy of it. */
  CONVEYOR_TEST_DATABASE_URL: envFields.databaseUrl,
  CONVEYOR_TEST_ADMIN_DATABASE_URL: envFields.databaseUrl,
  CONVEYOR_TEST_SQS_ENDPOINT: envFields.url,
  CONVEYOR_TEST_STRIPE_URL: envFields.url,
  /** `npm run test:fifo` runs the end-to-end suite with FIFO queues. */
  CONVEYOR_TEST_QUEUE_MODE: z.enum(['standard', 'fifo']).default('standard'),
});
export type TestEnvironment = z.infer<typeof testEnvSchema>;

export function publishTestEnvironment(
  values: Omit<TestEnvironment, 'CONVEYOR_TEST_QUEUE_MODE'>,
): void {
  Object.assign(process.env, values);
}

/** The database the suite runs against: DATABASE_URL when set (CI), else an embedded one. */
export const testDatabaseEnvSchema = z.object({ DATABASE_URL: envFields.databaseUrl.optional() });
