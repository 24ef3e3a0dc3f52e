import path from 'node:path';
import { parseArgs } from 'node:util';
import { issueAccessToken } from '@conveyor/auth';
import { loadConfig, tokenCommandEnvSchema } from '@conveyor/config';
import { localJwtSecret, repoRoot } from '@conveyor/dev-stack';

/** `npm run token -- --sub alice [--role admin] [--expires 12h]`: prints a bearer token. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      role: { type: 'string', default: 'customer' },
      expires: { type: 'string', default: '12h' },
    },
  });
  if (!values.sub || !['customer', 'admin'].includes(values.role)) {
    throw new Error(
      'usage: npm run token -- --sub <customer-id> [--role customer|admin] [--expires 12h]',
    );
  }
  const env = loadConfig(tokenCommandEnvSchema);
  const secret =
    env.AUTH_JWT_SECRET ?? localJwtSecret(path.resolve(repoRoot(), env.CONVEYOR_DATA_DIR), false);
  const role = values.role === 'admin' ? 'admin' : 'customer';
  process.stdout.write(
    `${await issueAccessToken(secret, { sub: values.sub, role }, values.expires)}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
