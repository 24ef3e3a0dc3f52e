import path from 'node:path';
import { parseArgs } from 'node:util';
import { inheritedEnvironment, loadConfig, migrationEnvSchema } from '@conveyor/config';
import { CONVEYOR_APPS, runMigrateProcess } from '@conveyor/dev-stack';
import { runCommand } from './command-line';

const USAGE = `usage: npm run migrate [-- --seed tools/local-stack/seed-catalog.json]
  applies every service's migrations to its own schema in DATABASE_URL; --seed adds the
  catalog's products that are not there yet`;

/** The directory holding dist/: this file runs as dist/tools/cli/migrate-all.main.js. */
const BUILD_ROOT = path.resolve(__dirname, '../../..');

/**
 * `npm run migrate`: every service's migrations against DATABASE_URL, each service in its own
 * schema. In a deployment each service's image can run its own `migrate.main.js` instead.
 */
async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { seed: { type: 'string' } } });
  loadConfig(migrationEnvSchema);
  for (const app of CONVEYOR_APPS) {
    await runMigrateProcess({
      app,
      root: BUILD_ROOT,
      args: values.seed ? ['--seed', values.seed] : [],
      env: inheritedEnvironment(),
      onLine: (line) => console.log(line),
    });
  }
}

runCommand(USAGE, main);
