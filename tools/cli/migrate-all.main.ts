import { inheritedEnvironment, loadConfig, migrationEnvSchema } from '@conveyor/config';
import { CONVEYOR_APPS, runMigrateProcess } from '@conveyor/dev-stack';

/**
 * `npm run migrate [-- --seed tools/local-stack/seed-catalog.json]`: every service's migrations against
 * DATABASE_URL, each service in its own schema. In a deployment each service's image runs its
 * own `migrate.main.js` instead; this is the one-command version for a developer.
 */
async function main(): Promise<void> {
  loadConfig(migrationEnvSchema);
  const seed = process.argv.indexOf('--seed');
  const args = seed === -1 ? [] : ['--seed', process.argv[seed + 1]];
  for (const app of CONVEYOR_APPS) {
    await runMigrateProcess({
      app,
      args,
      env: inheritedEnvironment(),
      onLine: (line) => console.log(line),
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
