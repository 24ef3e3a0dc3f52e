import path from 'node:path';
import { parseArgs } from 'node:util';
import { issueAccessToken } from '@conveyor/auth';
import { loadConfig, tokenCommandEnvSchema } from '@conveyor/config';
import { localJwtSecret, repoRoot } from '@conveyor/dev-stack';
import { runCommand, UsageError } from './command-line';

const USAGE = `usage: npm run -s token -- --sub <customer-id> [--role customer|admin] [--expires 12h]
  prints a bearer token signed with AUTH_JWT_SECRET, or with the local stack's secret (.data/)`;

/** `npm run token -- --sub alice [--role admin] [--expires 12h]`: prints a bearer token. */
async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      sub: { type: 'string' },
      role: { type: 'string', default: 'customer' },
      expires: { type: 'string', default: '12h' },
    },
  });
  if (!values.sub) throw new UsageError('--sub is required');
  if (values.role !== 'customer' && values.role !== 'admin') {
    throw new UsageError(`--role must be customer or admin, got ${values.role}`);
  }
  const env = loadConfig(tokenCommandEnvSchema);
  const secret =
    env.AUTH_JWT_SECRET ?? localJwtSecret(path.resolve(repoRoot(), env.CONVEYOR_DATA_DIR), false);
  const token = await issueAccessToken(
    secret,
    { sub: values.sub, role: values.role },
    values.expires,
  );
  process.stdout.write(`${token}\n`);
}

runCommand(USAGE, main);
